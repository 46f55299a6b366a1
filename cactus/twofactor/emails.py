"""The twofactor e-mails: one function per message, templates in `templates/emails/`."""

from django.urls import reverse

from cactus.notifications.emails import absolute_url, make_message
from cactus.notifications.models import OutgoingEmail


def second_factor_reset(*, reset) -> OutgoingEmail:
    """Tells the person that an administrator reset their second factor; no key, no code, no link secret."""
    return make_message(
        "second_factor_reset",
        reset.user_email,
        {
            "email": reset.user_email,
            "by": reset.reset_by,
            "reset_at": reset.reset_at,
            "login_url": absolute_url(reverse("accounts:login")),
        },
    )
