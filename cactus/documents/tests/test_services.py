import hashlib

import pytest

from cactus.documents import services
from cactus.documents.exceptions import DocumentUnavailable
from cactus.documents.models import ConventionTemplate, Document
from cactus.documents.tests.readback import flat_text
from cactus.dossiers.models import ContractScheme, Dossier, DossierEvent, EntryMode
from cactus.dossiers.tests.factories import DossierFactory


@pytest.fixture
def validated_dossier(formation, alternant, employer_contact):
    return DossierFactory(
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
        with_base_data=True,
        status=Dossier.Status.VALIDATED,
        version=4,
    )


def test_a_generated_cerfa_is_stored_with_its_hash_author_and_data_version(
    sample_data, validated_dossier, cfa_advisor
):
    document = services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=cfa_advisor)
    content = document.file.read()
    assert content.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert (document.kind, document.source, document.data_version, document.created_by) == (
        "cerfa",
        Document.Source.GENERATED,
        4,
        cfa_advisor,
    )
    event = DossierEvent.objects.get(dossier=validated_dossier, action=DossierEvent.Action.DOCUMENT_GENERATED)
    assert event.changes == {"document": "cerfa", "sha256": document.sha256, "data_version": 4}


def test_the_same_data_reuse_the_stored_version(
    sample_data, validated_dossier, cfa_advisor, employer_contact
):
    first = services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=cfa_advisor)
    again = services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=employer_contact)
    assert again.pk == first.pk
    assert Document.objects.filter(dossier=validated_dossier).count() == 1


def test_changed_data_make_a_new_version_and_keep_the_old_one(sample_data, validated_dossier, cfa_advisor):
    first = services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=cfa_advisor)
    sample_data["employeur_telephone"] = "04 91 99 99 99"
    Dossier.objects.filter(pk=validated_dossier.pk).update(version=5)
    validated_dossier.refresh_from_db()
    second = services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=cfa_advisor)
    assert second.pk != first.pk and second.data_version == 5
    assert "04 91 99 99 99" in flat_text(second.file.read())
    assert Document.objects.filter(dossier=validated_dossier, kind="cerfa").count() == 2


def test_a_frozen_dossier_document_is_reproduced_byte_for_byte(sample_data, validated_dossier, cfa_advisor):
    for kind in ("cerfa", "convention"):
        stored = services.get_or_generate(dossier=validated_dossier, kind=kind, by=cfa_advisor)
        assert services.render_bytes(dossier=validated_dossier, kind=kind) == stored.file.read()


def test_an_edited_convention_template_makes_a_new_convention(sample_data, validated_dossier, cfa_admin):
    services.get_or_generate(dossier=validated_dossier, kind="convention", by=cfa_admin)
    ConventionTemplate.objects.create(
        body="<h1>Convention spéciale</h1><p>{{ employeur_denomination }}</p>", created_by=cfa_admin
    )
    document = services.get_or_generate(dossier=validated_dossier, kind="convention", by=cfa_admin)
    assert "Convention spéciale Boulangerie Lefèvre & Fils – Cœur de Provence" in flat_text(
        document.file.read()
    )
    assert Document.objects.filter(dossier=validated_dossier, kind="convention").count() == 2


def test_a_professionalisation_dossier_gets_the_ej20_form(sample_data, validated_dossier, cfa_admin):
    validated_dossier.scheme = ContractScheme.PROFESSIONALISATION
    document = services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=cfa_admin)
    assert "Contrat de professionnalisation" in flat_text(document.file.read())
    assert services.download_name(validated_dossier, "cerfa") == "CERFA_professionnalisation_DUPONT_Marie.pdf"


def test_saisie_simple_produces_no_cerfa(sample_data, validated_dossier, cfa_admin):
    validated_dossier.entry_mode = EntryMode.SIMPLE
    with pytest.raises(DocumentUnavailable, match="saisie simple"):
        services.get_or_generate(dossier=validated_dossier, kind="cerfa", by=cfa_admin)
    assert not Document.objects.exists()


def test_file_names_say_what_and_whose_accents_kept(validated_dossier):
    validated_dossier.alternant_last_name, validated_dossier.alternant_first_name = "Le Fèvre", "Anne Éloïse"
    assert (
        services.download_name(validated_dossier, "cerfa") == "CERFA_apprentissage_LE-FÈVRE_Anne-Éloïse.pdf"
    )
    assert (
        services.download_name(validated_dossier, "convention")
        == "Convention_de_formation_LE-FÈVRE_Anne-Éloïse.pdf"
    )


def test_the_dossier_scheme_decides_billing_when_the_export_does_not_say(
    sample_data, validated_dossier, cfa_admin
):
    # R-8.1 (rules.md): a contrat de professionnalisation always carries billing information.
    del sample_data["dispositif"]
    validated_dossier.scheme = ContractScheme.PROFESSIONALISATION
    text = flat_text(services.render_bytes(dossier=validated_dossier, kind="convention"))
    assert "Lefèvre Holding Facturation" in text
