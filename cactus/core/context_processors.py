from django.conf import settings
from django.http import HttpRequest


def cactus(request: HttpRequest) -> dict:
    return {"cfa_name": settings.CFA_NAME}
