"""The shipped IDCC → OPCO table (rules.md §14; sources in cactus/referentials/data/README.md)."""

import pytest
from django.core.exceptions import ValidationError

from cactus.referentials.idcc_table import SHIPPED_FILE, read_idcc_csv
from cactus.referentials.models import CollectiveAgreement
from cactus.referentials.selectors import lookup_idcc
from cactus.referentials.validators import validate_idcc

pytestmark = pytest.mark.django_db

OPCOS = {
    "AFDAS",
    "AKTO",
    "ATLAS",
    "OCAPIAT",
    "OPCO 2i",
    "OPCO Cohésion sociale",
    "OPCO Commerce",
    "OPCO Construction",
    "OPCO EP",
    "OPCO Mobilités",
    "OPCO Santé",
}


def test_metallurgy_3248_belongs_to_opco_2i():
    # CCN de la métallurgie du 7 février 2022 (in force 01/01/2024), a founding branch of
    # OPCO 2i (accord constitutif du 19/12/2018, Centre Inffo).
    agreement = validate_idcc("3248")
    assert agreement.opco == "OPCO 2i"
    assert "Métallurgie" in agreement.label


def test_public_works_etam_2614_is_known_and_belongs_to_constructys():
    # travaux publics ETAM → OPCO de la Construction (mission-apprentissage/contrat opcos.ts).
    agreement = validate_idcc("2614")
    assert (agreement.opco, agreement.is_active) == ("OPCO Construction", True)


@pytest.mark.parametrize(
    ("idcc", "opco"),
    [
        # mission-apprentissage/contrat shared/constants/opcos.ts, a few per OPCO:
        ("0086", "AFDAS"),  # publicité
        ("3090", "AFDAS"),  # spectacle vivant
        ("1979", "AKTO"),  # hôtels, cafés, restaurants
        ("3043", "AKTO"),  # propreté
        ("1486", "ATLAS"),  # Syntec
        ("2120", "ATLAS"),  # banque
        ("7018", "OCAPIAT"),  # entreprises du paysage
        ("1747", "OCAPIAT"),  # boulangerie industrielle
        ("0044", "OPCO 2i"),  # chimie
        ("0292", "OPCO 2i"),  # plasturgie
        ("2941", "OPCO Cohésion sociale"),  # aide à domicile
        ("1518", "OPCO Cohésion sociale"),  # animation
        ("2216", "OPCO Commerce"),  # commerce à prédominance alimentaire
        ("1606", "OPCO Commerce"),  # bricolage
        ("1597", "OPCO Construction"),  # bâtiment ouvriers > 10
        ("3212", "OPCO Construction"),  # cadres des travaux publics
        ("0843", "OPCO EP"),  # boulangerie artisanale
        ("2596", "OPCO EP"),  # coiffure
        ("1090", "OPCO Mobilités"),  # services de l'automobile
        ("0016", "OPCO Mobilités"),  # transports routiers
        ("2264", "OPCO Santé"),  # hospitalisation privée
        ("0413", "OPCO Santé"),  # CCN 66
        # FEPEM, Légifrance KALICONT000044594539: in force on 01/01/2022.
        ("3239", "OPCO EP"),  # particuliers employeurs et emploi à domicile
    ],
)
def test_well_known_conventions_find_their_opco(idcc, opco):
    # typing the IDCC fills the OPCO.
    assert lookup_idcc(idcc).opco == opco


def test_a_territorial_metallurgy_convention_is_no_longer_in_force():
    # UIMM: the territorial metallurgy conventions disappeared on 01/01/2024 (replaced by 3248).
    with pytest.raises(ValidationError) as error:
        validate_idcc("54")
    assert error.value.code == "idcc_obsolete"
    assert "plus en vigueur" in error.value.messages[0]


def test_the_two_former_home_employment_conventions_are_replaced_by_3239():
    # FEPEM: the CCN of 15/03/2021 (IDCC 3239) replaced 2111 and 2395 on 01/01/2022.
    assert not CollectiveAgreement.objects.get(idcc="2111").is_active
    assert not CollectiveAgreement.objects.get(idcc="2395").is_active


def test_every_convention_in_force_of_the_shipped_file_finds_its_opco():
    # hundreds of conventions, each with one of the 11 OPCOs (R-14.4: not 9999/9998).
    rows = read_idcc_csv(SHIPPED_FILE)
    assert len(rows) > 400
    assert {row["opco"] for row in rows} == OPCOS
    for row in rows:
        agreement = CollectiveAgreement.objects.get(idcc=row["idcc"])
        assert (agreement.opco, agreement.is_active) == (row["opco"], row["is_active"])
        if row["is_active"]:
            assert lookup_idcc(row["idcc"]).opco == row["opco"]


def test_the_special_codes_keep_no_opco():
    # without a convention, the OPCO follows the activity.
    assert lookup_idcc("9999").opco == ""
    assert lookup_idcc("9998").opco == ""


def test_import_without_a_file_reloads_the_shipped_table(capsys):
    from django.core.management import call_command

    CollectiveAgreement.objects.filter(idcc="3248").update(opco="")
    call_command("import_idcc")
    assert "1 mises à jour" in capsys.readouterr().out
    assert lookup_idcc("3248").opco == "OPCO 2i"
