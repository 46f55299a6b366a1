from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


@transaction.atomic
def confirm_device(*, user, device: TOTPDevice) -> bool:
    """Make this device the account's authenticator, unless one was confirmed meanwhile.

    An account has one authenticator: replacing it goes through a CFA administrator, who deletes
    it (Django admin, "TOTP devices"). Keys shown in other sessions die here.
    """
    get_user_model().objects.select_for_update().get(pk=user.pk)  # one enrolment at a time
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    return True
