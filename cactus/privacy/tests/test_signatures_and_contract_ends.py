"""RGPD (art. 15 and the retention of R-7.6) for the data of the apps above dossiers: the online
signatures (each signer's name, e-mail, IP address and browser) and the end of a contract (rupture,
cancellation, with their comment, reason and author)."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from cactus.contracts import services as contracts
from cactus.contracts.grounds import Initiator, Situation
from cactus.contracts.models import Cancellation, Rupture
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers.models import Dossier
from cactus.privacy.retention import anonymise_dossier
from cactus.signatures import pdf, pki
from cactus.signatures import services as signatures
from cactus.signatures.models import Signer, SigningRound
from cactus.signatures.tests.helpers import bring_to_signature, online_dossier

pytestmark = pytest.mark.django_db

LONG_AFTER = date(2040, 1, 1)  # past every retention (5 years after the end of the contract)


def export(email: str) -> dict:
    out = io.StringIO()
    call_command("export_personal_data", email, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def signed(settings, tmp_path_factory, django_capture_on_commit_callbacks, mailoutbox):
    """A minor's dossier signed online by the alternant and the legal representative (no account)."""
    authority = pki.create_test_authority(tmp_path_factory.mktemp("signing"))
    settings.CACTUS_SIGNING_CERT = str(authority.pkcs12_path)
    settings.CACTUS_SIGNING_CERT_PASSWORD = authority.password
    settings.CACTUS_SIGNING_TRUST_ROOTS = [str(authority.ca_path)]
    pdf._signer.cache_clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = online_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = bring_to_signature(dossier)
    signers = list(signatures.current_round(dossier).signers.order_by("position"))
    for signer, ip in zip(signers[:2], ["203.0.113.7", "198.51.100.23"], strict=True):
        signer.refresh_from_db()
        signatures.record_opening(signer=signer)
        with django_capture_on_commit_callbacks(execute=True):
            signatures.send_code(signer=signer)
        signer.refresh_from_db()  # as the signing view reads it, opened and its code sent
        with django_capture_on_commit_callbacks(execute=True):
            signatures.apply_signature(signer=signer, ip=ip, user_agent="Firefox/140")
    yield Dossier.objects.get(pk=dossier.pk)
    pdf._signer.cache_clear()


def test_a_signer_without_an_account_gets_their_signature_ip_and_browser(signed):
    representative = Signer.objects.get(round__dossier=signed, role=Signer.Role.REPRESENTATIVE)

    data = export(representative.email)

    assert data["account"] is None
    [signature] = data["signatures"]
    assert (signature["dossier"], signature["role"], signature["name"]) == (
        signed.pk,
        "Représentant légal",
        representative.name,
    )
    assert (signature["ip_address"], signature["user_agent"]) == ("198.51.100.23", "Firefox/140")
    assert signature["signed_at"] and signature["opened_at"] and signature["code_sent_at"]
    text = json.dumps(data)
    assert representative.token_hash not in text and "token_hash" not in text and "code_hash" not in text


def test_the_alternant_gets_their_own_signature_not_the_other_signers(signed):
    data = export(signed.alternant.email)

    assert [(s["role"], s["ip_address"]) for s in data["signatures"]] == [("Alternant(e)", "203.0.113.7")]


def test_anonymising_deletes_the_signers_and_the_signed_files(signed, django_capture_on_commit_callbacks):
    signing = SigningRound.objects.get(dossier=signed)
    files = [signing.cerfa_file, signing.convention_file]
    assert all(file.storage.exists(file.name) for file in files)
    representative = Signer.objects.get(round=signing, role=Signer.Role.REPRESENTATIVE).email

    with django_capture_on_commit_callbacks(execute=True):
        anonymise_dossier(dossier=signed, today=LONG_AFTER)

    assert not Signer.objects.filter(round__dossier=signed).exists()
    assert not SigningRound.objects.filter(dossier=signed).exists()
    assert not any(file.storage.exists(file.name) for file in files)
    # The representative had no account: after the purge Cactus holds nothing on them.
    with pytest.raises(CommandError, match="aucune donnée"):
        export(representative)


@pytest.fixture
def broken(formation, alternant, employer_contact, cfa_advisor):
    dossier = make_dossier_in_state(
        Dossier.Status.SENT_TO_OPCO,
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
    )
    contracts.record_rupture(
        dossier=dossier,
        by=cfa_advisor,
        ruptured_on=date(2026, 10, 15),
        initiator=Initiator.BOTH,
        ground="probation",
        situation=Situation.CFA_TRAINEE,
        comment="Départ pour raisons de santé.",
    )
    return Dossier.objects.get(pk=dossier.pk)


def test_every_party_gets_the_rupture_of_their_contract(broken, alternant, employer_contact):
    for person in (alternant, employer_contact):
        [entry] = export(person.email)["dossiers"]
        rupture = entry["rupture"]
        # L6222-18 al. 1 and the six months at the CFA of L6222-18-2, as the Suivi page shows them.
        assert (rupture["ruptured_on"], rupture["article"], rupture["trainee_until"]) == (
            "2026-10-15",
            "L6222-18 al. 1",
            "2027-04-14",
        )
        assert (rupture["comment"], rupture["recorded_by"]) == (
            "Départ pour raisons de santé.",
            "conseillere@cfa.test",
        )


def test_the_cancellation_is_exported_then_its_reason_and_author_purged(
    formation, alternant, employer_contact, cfa_advisor
):
    dossier = make_dossier_in_state(
        Dossier.Status.VALIDATED, formation=formation, alternant=alternant, employer_contact=employer_contact
    )
    contracts.cancel_contract(
        dossier=dossier, by=cfa_advisor, reason="L'alternant renonce au contrat.", today=date(2026, 8, 20)
    )

    [entry] = export(alternant.email)["dossiers"]
    assert (entry["cancellation"]["reason"], entry["cancellation"]["cancelled_by"]) == (
        "L'alternant renonce au contrat.",
        "conseillere@cfa.test",
    )

    anonymise_dossier(dossier=dossier, today=LONG_AFTER)
    cancellation = Cancellation.objects.get(dossier=dossier)
    assert (cancellation.reason, cancellation.cancelled_by, bool(cancellation.cancelled_at)) == (
        "",
        None,
        True,
    )


def test_anonymising_a_broken_contract_erases_the_rupture_comment_and_author(broken):
    anonymise_dossier(dossier=broken, today=LONG_AFTER)

    rupture = Rupture.objects.get(dossier=broken)
    assert (rupture.comment, rupture.recorded_by, rupture.ground, rupture.situation) == (
        "",
        None,
        "probation",
        "cfa_trainee",
    )
