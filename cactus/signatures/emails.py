"""The signatures app's e-mails: the personal link (and its reminders), the one-time code.

Both carry a secret (`make_message(secret_link=...)`): the mail sent shows it, the stored copy a
placeholder, so no one reading the sent log can sign in someone's place.
"""

from django.conf import settings
from django.urls import reverse

from cactus.notifications.emails import make_message


def signature_requested(*, signer, token: str, reminder: bool = False):
    link = settings.CACTUS_BASE_URL.rstrip("/") + reverse("signatures:sign", kwargs={"token": token})
    dossier = signer.round.dossier
    return make_message(
        "signature_requested",
        signer.email,
        {
            "signer": signer,
            "dossier": dossier,
            "reminder": reminder,
            "documents": [_label(kind) for kind in signer.documents],
            "days": settings.SIGNING_LINK_VALIDITY_DAYS,
        },
        dossier=dossier,
        secret_link=link,
    )


def signature_code(*, signer, code: str):
    return make_message(
        "signature_code",
        signer.email,
        {"signer": signer, "minutes": settings.SIGNING_CODE_VALIDITY_MINUTES},
        dossier=signer.round.dossier,
        secret_link=code,
    )


def _label(kind: str) -> str:
    return "le CERFA du contrat" if kind == "cerfa" else "la convention de formation"
