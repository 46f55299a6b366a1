import pytest

from cactus.documents.exceptions import DocumentError
from cactus.documents.renderers import convention
from cactus.documents.tests import samples
from cactus.documents.tests.readback import assert_a4_pages, flat_text

BILLING_VALUES = [
    "Lefèvre Holding Facturation",
    "81234567800019",
    "99 quai de Rive-Neuve",
    "compta@lefevre-holding.fr",
    "BC-2026-0042",
]


def test_the_default_convention_reads_back_parties_formation_and_economic_terms():
    text = flat_text(convention.render(samples.apprenticeship()))
    for expected in [
        "CFA des Métiers de Bouche – Provence",
        "N° UAI : 0133375K – N° SIRET : 13002609700013",
        "Boulangerie Lefèvre & Fils – Cœur de Provence",
        "12 bis rue de l'Œillet, Bâtiment B, 13001 Marseille",
        "N° SIRET : 73282932000074",
        "représenté par LEFÈVRE Jérôme, Gérant",
        "DUPRÉ Élodie",
        "né(e) le 20/05/2009",
        "du 01/09/2026 au 31/08/2028",
        "CAP Boulanger",
        "50022107 / RNCP37859",
        "du 07/09/2026 au 30/06/2028",
        "800 heures",
        "Antenne de Salon-de-Provence – Lycée Adam de Craponne, 218 rue Chateauredon, 13300 Salon-de-Provence",
        "Coût de la formation 13 400,00 €",
        "(NPEC) 6 700,00 €",
        "Reste à la charge de l'employeur 0,00 €",
        "Fait à Marseille",
    ]:
        assert expected in text
    assert "None" not in text


def test_billing_information_is_absent_from_a_private_apprenticeship():
    # R-8.1 (rules.md): billing information only for contrat pro, public employers (> 20) and Monaco companies.
    text = flat_text(convention.render(samples.apprenticeship()))
    for value in BILLING_VALUES:
        assert value not in text
    assert "Informations de facturation" not in text


def test_billing_information_is_absent_even_when_the_edited_template_prints_it():
    template = "<p>Facturer {{ facturation_denomination }} ({{ facturation_siret }}) pour {{ employeur_denomination }}</p>"
    text = flat_text(convention.render(samples.apprenticeship(), template=template))
    assert "Boulangerie Lefèvre" in text
    for value in BILLING_VALUES:
        assert value not in text


@pytest.mark.parametrize(
    "data",
    [
        samples.professionalisation(),
        samples.apprenticeship(employeur_type="21", employeur_prive_public="public"),
        samples.apprenticeship(employeur_monegasque=True),
    ],
    ids=["contrat de professionnalisation", "employeur public", "entreprise monégasque"],
)
def test_billing_information_is_printed_when_the_dossier_requires_it(data):
    # R-8.1 (rules.md)
    text = flat_text(convention.render(data))
    assert "Informations de facturation" in text
    for value in BILLING_VALUES:
        assert value in text


def test_the_convention_is_a4_and_the_same_data_give_the_same_bytes():
    content = convention.render(samples.apprenticeship())
    assert_a4_pages(content, 2)
    assert convention.render(samples.apprenticeship()) == content


def test_a_template_that_does_not_compile_is_refused_with_a_french_message():
    with pytest.raises(DocumentError, match="Le modèle de convention contient une erreur"):
        convention.check_template("<p>{% if employeur_siret %}sans fin</p>")


def test_an_edited_template_cannot_include_project_files():
    with pytest.raises(DocumentError):
        convention.render(samples.apprenticeship(), template='{% include "base.html" %}')


def test_an_edited_template_cannot_pull_server_files_into_the_pdf(tmp_path):
    stylesheet = tmp_path / "fuite.css"
    stylesheet.write_text('body::after { content: "contenu d un fichier du serveur"; }')
    template = f'<link rel="stylesheet" href="file://{stylesheet}"><p>{{{{ employeur_denomination }}}}</p>'
    text = flat_text(convention.render(samples.apprenticeship(), template=template))
    assert "Boulangerie Lefèvre" in text
    assert "contenu d un fichier du serveur" not in text


def test_the_employer_participation_of_level_6_is_printed_with_its_articles():
    # L6332-14, R6332-25-1, R6332-25-2: 750 €, deducted from the OPCO's funding, billed after 45 days.
    text = flat_text(
        convention.render(samples.apprenticeship() | {"convention_participation_employeur": "750.00"})
    )
    assert "Participation obligatoire de l'employeur" in text
    assert "L6332-14" in text and "750,00 €" in text and "45 premiers jours" in text
    assert "Participation obligatoire" not in flat_text(convention.render(samples.apprenticeship()))


def test_the_distance_share_and_the_reduced_npec_are_printed():
    # Décret 2025-586: the convention states the share given at a distance; from 80 %, NPEC − 20 %.
    data = samples.apprenticeship() | {"convention_part_distance": "85", "convention_npec_minore": "5360.00"}
    text = flat_text(convention.render(data))
    assert "Part de la formation dispensée à distance 85 %" in text
    assert "5 360,00 €" in text and "plancher de 4 000 €" in text
