import pytest
from django.core.management import CommandError, call_command

from cactus.referentials.models import CollectiveAgreement

pytestmark = pytest.mark.django_db


def write_csv(tmp_path, text: str):
    path = tmp_path / "idcc.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_importing_creates_updates_and_is_idempotent(tmp_path, capsys):
    # R-14.3 (rules.md): the official list is loaded from a file.
    path = write_csv(
        tmp_path,
        "idcc;libelle;branche;opco;en_vigueur\n"
        "7;Convention de test;Branche test;AKTO;oui\n"
        "1486;Syntec (libellé officiel);Bureaux d'études;ATLAS;oui\n",
    )
    call_command("import_idcc", str(path))
    assert "1 créées, 1 mises à jour" in capsys.readouterr().out
    created = CollectiveAgreement.objects.get(idcc="0007")
    assert (created.label, created.branch, created.opco, created.is_active) == (
        "Convention de test",
        "Branche test",
        "AKTO",
        True,
    )
    call_command("import_idcc", str(path))
    assert "0 créées, 0 mises à jour, 2 inchangées" in capsys.readouterr().out


def test_a_comma_separated_file_without_optional_columns_is_accepted(tmp_path):
    path = write_csv(tmp_path, "IDCC,Libelle\n42,Convention minimale\n")
    call_command("import_idcc", str(path))
    agreement = CollectiveAgreement.objects.get(idcc="0042")
    assert (agreement.branch, agreement.opco, agreement.is_active) == ("Convention minimale", "", True)


def test_a_convention_marked_not_in_force_is_deactivated(tmp_path):
    # R-14.1 (rules.md): a convention no longer in force is refused afterwards.
    path = write_csv(tmp_path, "idcc;libelle;en_vigueur\n1000;Cabinets d'avocats (personnel);non\n")
    call_command("import_idcc", str(path))
    assert not CollectiveAgreement.objects.get(idcc="1000").is_active


def test_missing_conventions_are_deactivated_on_request_but_not_the_special_codes(tmp_path):
    path = write_csv(tmp_path, "idcc;libelle\n1486;Syntec\n")
    call_command("import_idcc", str(path), deactivate_missing=True)
    active = set(CollectiveAgreement.objects.filter(is_active=True).values_list("idcc", flat=True))
    assert active == {"1486", "9999", "9998"}


def test_a_file_with_an_error_imports_nothing(tmp_path):
    path = write_csv(tmp_path, "idcc;libelle\n7;Bonne ligne\n12345;Code trop long\n8;\n7;Doublon\n")
    with pytest.raises(CommandError) as error:
        call_command("import_idcc", str(path))
    assert "ligne 3" in str(error.value) and "ligne 4" in str(error.value) and "ligne 5" in str(error.value)
    assert not CollectiveAgreement.objects.filter(idcc="0007").exists()


def test_a_file_without_the_required_columns_is_refused(tmp_path):
    path = write_csv(tmp_path, "code;nom\n7;Test\n")
    with pytest.raises(CommandError, match="Colonnes manquantes"):
        call_command("import_idcc", str(path))
