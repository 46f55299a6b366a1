from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cactus.accounts.exceptions import InvitationError
from cactus.accounts.models import Invitation, RgpdConsent, User, hash_token, password_fingerprint

PASSWORD_ALREADY_CHOSEN = (
    "Un mot de passe a déjà été choisi pour ce compte : ce lien d'invitation ne sert plus. "
    "Connectez-vous avec votre adresse e-mail et votre mot de passe, ou utilisez « Mot de passe oublié » "
    "si vous ne le connaissez pas."
)


def get_or_create_user(*, email: str) -> User:
    """The account of this address, created without a usable password if it does not exist yet."""
    email = User.objects.normalize_email(email)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email)
    return user


@transaction.atomic
def create_invitation(*, user: User, by: User | None) -> tuple[Invitation, str]:
    """A new single-use link for this person; any older link stops working."""
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        user=user,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=Invitation.default_expiry(),
        password_fingerprint=password_fingerprint(user),
    )
    return invitation, token


@transaction.atomic
def revoke_password_links(*, user: User) -> int:
    """A password was just chosen: every invitation still outstanding stops working (and says so).

    Reset links need nothing: Django's reset token is computed from the password hash, so it dies
    with the old password. Invitations would die anyway (`Invitation.password_was_set_since`); this
    records it, so the admin shows the revocation.
    """
    return Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def clear_login_lockouts(*, user: User) -> int:
    """The owner proved they hold the mailbox (reset or invitation link): lift django-axes' locks."""
    return reset_axes_attempts(username=user.email)


@transaction.atomic
def record_password_chosen(*, user: User) -> None:
    """After any password set through Cactus's screens: older links die, login locks are lifted."""
    revoke_password_links(user=user)
    clear_login_lockouts(user=user)


def get_usable_invitation(token: str) -> Invitation:
    """The invitation of this link, or InvitationError saying in French why it is dead and what to do."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if invitation is not None and invitation.used_at is not None:
        raise InvitationError(
            "Ce lien d'invitation a déjà servi. Connectez-vous avec votre adresse e-mail et votre mot de passe, "
            "ou utilisez « Mot de passe oublié »."
        )
    if invitation is not None and invitation.user.has_usable_password():
        raise InvitationError(PASSWORD_ALREADY_CHOSEN)
    if invitation is None or invitation.revoked_at is not None or invitation.password_was_set_since:
        raise InvitationError(
            "Ce lien d'invitation n'est pas valide ou a été remplacé par une invitation plus récente. "
            "Utilisez le lien du dernier e-mail reçu, ou « Mot de passe oublié »."
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            f"Ce lien d'invitation a expiré (il est valable {settings.INVITATION_VALIDITY_DAYS} jours). "
            "Utilisez « Mot de passe oublié » avec votre adresse e-mail pour choisir votre mot de passe."
        )
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, password: str) -> User:
    """Set the password chosen by the invitee and burn the link (at most once, even on a double submit)."""
    invitation = get_usable_invitation(token)
    # Locks the invitation and its user: a reset confirmed meanwhile is seen below.
    locked = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if locked.user.has_usable_password():
        raise InvitationError(PASSWORD_ALREADY_CHOSEN)
    if not locked.is_usable:
        raise InvitationError("Ce lien d'invitation a déjà servi. Connectez-vous avec votre mot de passe.")
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    user = locked.user
    user.set_password(password)
    user.save(update_fields=["password"])
    record_password_chosen(user=user)
    return user


def has_current_consent(user: User) -> bool:
    return RgpdConsent.objects.filter(user=user, version=settings.RGPD_VERSION).exists()


def record_rgpd_consent(*, user: User) -> RgpdConsent:
    consent, _ = RgpdConsent.objects.get_or_create(user=user, version=settings.RGPD_VERSION)
    return consent
