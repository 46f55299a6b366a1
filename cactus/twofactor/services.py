from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cactus.twofactor import emails
from cactus.twofactor.exceptions import ResetRefused
from cactus.twofactor.models import SecondFactorReset


@transaction.atomic
def confirm_device(*, user, device: TOTPDevice) -> bool:
    """Make this device the account's authenticator, unless one was confirmed meanwhile.

    An account has one authenticator: replacing it goes through a CFA administrator, who resets
    it (`reset_second_factor`). Keys shown in other sessions die here.
    """
    get_user_model().objects.select_for_update().get(pk=user.pk)  # one enrolment at a time
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    return True


def reset_refusal(*, user, by) -> str:
    """Why `by` may not reset `user`'s second factor (a French message), or "" when allowed."""
    if not by.is_cfa_admin:
        return "Seul un administrateur du CFA peut réinitialiser une double authentification."
    if user.pk == by.pk:
        # Whoever holds this session must not free the account from its phone: a second person does it.
        return (
            "Vous ne pouvez pas réinitialiser votre propre double authentification : "
            "demandez-le à un autre administrateur du CFA."
        )
    if user.is_superuser and not by.is_superuser:
        return "Seul un superutilisateur peut réinitialiser la double authentification d'un superutilisateur."
    if not user.is_cfa_staff:
        return "Seule l'équipe du CFA (conseillères et administrateurs) a une double authentification."
    return ""


@transaction.atomic
def reset_second_factor(*, user, by, reason: str) -> SecondFactorReset | None:
    """Delete the person's authenticators, end their sessions, record it and tell them by e-mail.

    None when the account has no confirmed authenticator (already reset, or never set up): nothing
    changes, so a second click or a second administrator does not reset twice.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)  # one reset at a time
    refusal = reset_refusal(user=user, by=by)
    if refusal:
        raise ResetRefused(refusal)
    devices = TOTPDevice.objects.filter(user=user)
    if not devices.filter(confirmed=True).exists():
        return None
    devices.delete()  # the keys being set up in other sessions too
    reset = SecondFactorReset.objects.create(
        user=user,
        user_email=user.email,
        reset_by=by,
        reset_by_email=by.email,
        reason=reason,
        sessions_ended=end_sessions(user),
    )
    emails.second_factor_reset(reset=reset)  # recorded with the reset, sent on commit (make_message)
    return reset


def end_sessions(user) -> int:
    """Log the person out everywhere (a thief's open session included); the number of sessions ended.

    Sessions live in the database (`SESSION_ENGINE`, db or cached_db) and are not indexed by user:
    each live one is decoded. A CFA has a few thousand at most; `clearsessions` removes the expired.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    rows = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for key, data in rows.values_list("session_key", "session_data").iterator():
        if store_class().decode(data).get(SESSION_KEY) == str(user.pk):
            store_class(session_key=key).delete()
            ended += 1
    return ended
