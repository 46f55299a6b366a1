"""The demo's step (`manage.py demo`): a minor's dossier signed online by all its parties (its CERFA
downloadable with four signatures), and one waiting for the employer's signature.

With DEBUG on and no certificate configured, the step writes the test CA under var/ first
(settings.SIGNING_TEST_CA_DIR), which is where the DEBUG defaults of CACTUS_SIGNING_* point.
"""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cactus.dossiers import services as dossier_services
from cactus.dossiers import transitions
from cactus.dossiers.management.commands import demo as dossiers_demo
from cactus.dossiers.models import ContractScheme, Dossier, EntryMode
from cactus.formations.models import Formation
from cactus.law.dates import last_day_within
from cactus.signatures import pki, services
from cactus.signatures.models import DossierSigningChoice, SigningMode

DEMO_DOSSIERS = [
    # (e-mail, first name, last name, how many signers sign)
    ("lina.mercier@etudiant.test", "Lina", "Mercier", None),  # every party and the CFA
    (
        "tom.girard@etudiant.test",
        "Tom",
        "Girard",
        2,
    ),  # the alternant and the representative: the employer's turn
]


def demo_step(people, stdout) -> None:
    _ensure_test_certificate(stdout)
    if not settings.CACTUS_SIGNING_CERT or not Path(settings.CACTUS_SIGNING_CERT).is_file():
        stdout.write(
            "  Signature en ligne : aucun certificat configuré (CACTUS_SIGNING_CERT), pas de démonstration."
        )
        return
    formation = Formation.objects.filter(title__endswith="(rentrée décalée)").first()
    if formation is None:
        return
    for email, first_name, last_name, signed in DEMO_DOSSIERS:
        if Dossier.objects.filter(formation=formation, alternant__email=email).exists():
            continue
        with transaction.atomic():
            dossier = _validated_minor_dossier(formation, people, email, first_name, last_name)
            signing = services.current_round(dossier) or services.start_round(
                dossier=dossier, by=people["advisor"]
            )
            for signer in list(signing.signers.order_by("position"))[:signed]:
                signer.refresh_from_db()
                services.record_opening(signer=signer)
                services.send_code(signer=signer)
                services.apply_signature(signer=signer, ip="127.0.0.1", user_agent="Démonstration Cactus")
        dossier.refresh_from_db()
        stdout.write(
            f"  Signature en ligne : dossier de {first_name} {last_name} ({dossier.get_status_display()})"
        )


def _ensure_test_certificate(stdout) -> None:
    """The DEBUG default points at var/signing-test-ca/: write the test CA there the first time."""
    if not settings.CACTUS_SIGNING_CERT or Path(settings.CACTUS_SIGNING_CERT).is_file():
        return
    directory = Path(settings.SIGNING_TEST_CA_DIR)
    if Path(settings.CACTUS_SIGNING_CERT).parent != directory:
        return
    pki.create_test_authority(directory, password=settings.CACTUS_SIGNING_CERT_PASSWORD)
    stdout.write(f"  Signature en ligne : AC de test et certificat du CFA écrits dans {directory}")


def _validated_minor_dossier(formation, people, email, first_name, last_name) -> Dossier:
    """A minor's apprenticeship, validated and its éléments économiques validated, signing online."""
    today = timezone.localdate()
    start = today + timedelta(days=12)
    conclusion = min(start, formation.start_date) - timedelta(days=14)
    birth = date(conclusion.year - 17, 1, 15)  # 17 at the conclusion: a legal representative signs
    dossier = dossier_services.register_alternant(
        formation=formation,
        alternant_email=email,
        employer_contact_email=people["contact"].email,
        by=people["manager"],
    )
    DossierSigningChoice.objects.create(dossier=dossier, mode=SigningMode.ONLINE, chosen_by=people["contact"])
    base = {
        "entry_mode": EntryMode.FULL,
        "scheme": ContractScheme.APPRENTICESHIP,
        "alternant_last_name": last_name,
        "alternant_first_name": first_name,
        "alternant_birth_date": birth,
        "siret": "73282932000074",
        "contract_start": start,
        "contract_end": last_day_within(start, 12),
    }
    nir13 = f"2{birth:%y%m}13055{900 + len(last_name):03d}"
    dossier = dossiers_demo.fill_tabs(
        dossier,
        people,
        base,
        [
            ("employer", dossiers_demo.employer_values()),
            (
                "alternant",
                dossiers_demo.alternant_values(nir13, sex="F", email=email, representative=True),
            ),
            ("student_life", dossiers_demo.STUDENT_LIFE),
            ("contract", lambda d: dossiers_demo.contract_values(d, conclusion=conclusion)),
            ("mission", dossiers_demo.MISSION),
        ],
    )
    transitions.request_validation(dossier=dossier, by=people["contact"])
    transitions.validate_dossier(dossier=dossier, by=people["manager"])
    transitions.validate_economic_elements(dossier=dossier, by=people["advisor"])
    return Dossier.objects.get(pk=dossier.pk)
