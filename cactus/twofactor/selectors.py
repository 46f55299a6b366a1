from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP


def cfa_staff() -> QuerySet:
    """Conseillères, administrateurs du CFA and superusers (`User.is_cfa_staff`), with `has_device`."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[CFA_ADVISOR_GROUP, CFA_ADMIN_GROUP]) | Q(is_superuser=True))
        .distinct()
        .annotate(has_device=Exists(confirmed))
        .prefetch_related("groups")  # is_cfa_staff / is_cfa_admin per row, without a query each
        .order_by("last_name", "first_name", "email")
    )
