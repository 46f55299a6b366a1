"""The demo's API token (`manage.py demo`, `make run`): a known value, so a newcomer can try the API at once.

Fictitious data only: the demo command is never run against production, and a CFA administrator
revokes this token like any other.
"""

from cactus.accounts.models import hash_token
from cactus.api.models import ApiToken

DEMO_TOKEN = "cactus_demo_jeton_de_demonstration"


def add_demo_token(people, stdout) -> None:
    ApiToken.objects.get_or_create(
        hashed_key=hash_token(DEMO_TOKEN),
        defaults={"name": "Démonstration (ERP)", "prefix": DEMO_TOKEN[:13], "created_by": people["admin"]},
    )
    stdout.write(
        f'API : curl -H "Authorization: Bearer {DEMO_TOKEN}" <adresse>/api/v1/dossiers '
        "(documentation : <adresse>/api/v1/docs)"
    )
