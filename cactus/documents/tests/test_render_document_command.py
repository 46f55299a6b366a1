import pytest
from django.core.management import CommandError, call_command

from cactus.documents.models import Document
from cactus.documents.tests.readback import flat_text
from cactus.dossiers.models import EntryMode
from cactus.dossiers.tests.factories import DossierFactory


def test_the_command_writes_the_cerfa_without_storing_a_version(sample_data, dossier, tmp_path):
    dossier.entry_mode = EntryMode.FULL
    dossier.save()
    output = tmp_path / "cerfa.pdf"
    call_command("render_document", "cerfa", str(dossier.pk), "--output", str(output))
    assert "Élodie" in flat_text(output.read_bytes())
    assert not Document.objects.exists()


def test_saisie_simple_is_refused_with_the_reason_and_status_2(sample_data, formation, tmp_path):
    dossier = DossierFactory(formation=formation, with_base_data=True, entry_mode=EntryMode.SIMPLE)
    with pytest.raises(CommandError, match="saisie simple : aucun CERFA") as error:
        call_command("render_document", "cerfa", str(dossier.pk), "--output", str(tmp_path / "x.pdf"))
    assert error.value.returncode == 2
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_dossier_is_refused_with_status_2(db, tmp_path):
    with pytest.raises(CommandError, match="Le dossier 999 n'existe pas") as error:
        call_command("render_document", "convention", "999", "--output", str(tmp_path / "x.pdf"))
    assert error.value.returncode == 2
