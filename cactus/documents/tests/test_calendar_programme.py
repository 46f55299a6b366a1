from datetime import date

import pytest
from django.core.files.base import ContentFile

from cactus.documents import services
from cactus.documents.exceptions import DocumentUnavailable
from cactus.documents.models import Document
from cactus.documents.renderers import calendar, programme
from cactus.documents.selectors import formation_data
from cactus.documents.tests.readback import assert_a4_pages, flat_text
from cactus.dossiers.tests.factories import DossierFactory
from cactus.formations.models import FormationModule, FormationPeriod


@pytest.fixture
def planned_dossier(formation):
    FormationPeriod.objects.create(
        formation=formation,
        place="cfa",
        start_date=date(2026, 9, 7),
        end_date=date(2026, 9, 25),
        label="Rentrée à Marseille",
    )
    FormationPeriod.objects.create(
        formation=formation, place="company", start_date=date(2026, 9, 28), end_date=date(2026, 10, 23)
    )
    FormationModule.objects.create(
        formation=formation,
        position=1,
        title="Pâtes levées et viennoiserie",
        hours=120,
        description="Croissants, brioches, pâte à pain bis.",
    )
    FormationModule.objects.create(
        formation=formation, position=2, title="Hygiène et sécurité œuvre", hours=35
    )
    return DossierFactory(
        formation=formation, with_base_data=True, alternant_last_name="Benoît", alternant_first_name="Élodie"
    )


def test_the_calendar_is_generated_from_the_formation_periods(planned_dossier):
    content = calendar.render(formation_data(planned_dossier))
    text = flat_text(content)
    formation = planned_dossier.formation
    for expected in [
        "Calendrier de l'alternance",
        formation.title,
        "du 07/09/2026 au 31/08/2027",
        "BENOÎT Élodie",
        "07/09/2026 25/09/2026 Au CFA Rentrée à Marseille",
        "28/09/2026 23/10/2026 En entreprise",
    ]:
        assert expected in text
    assert "None" not in text
    assert_a4_pages(content, 1)


def test_the_programme_lists_modules_with_their_hours_and_total(planned_dossier):
    text = flat_text(programme.render(formation_data(planned_dossier)))
    assert "1 Pâtes levées et viennoiserie Croissants, brioches, pâte à pain bis. 120" in text
    assert "2 Hygiène et sécurité œuvre 35" in text
    assert "Total 155" in text


def test_without_upload_nor_data_the_formation_is_told_what_to_enter(formation):
    dossier = DossierFactory(formation=formation, with_base_data=True)
    with pytest.raises(DocumentUnavailable, match="saisir les périodes"):
        services.render_bytes(dossier=dossier, kind=Document.Kind.CALENDAR)
    with pytest.raises(DocumentUnavailable, match="saisir ses modules"):
        services.render_bytes(dossier=dossier, kind=Document.Kind.PROGRAMME)


def test_an_uploaded_calendar_is_served_as_it_is(planned_dossier, cfa_admin):
    uploaded = b"%PDF-1.4 calendrier officiel de la formation"
    planned_dossier.formation.calendar_file.save("calendrier.pdf", ContentFile(uploaded), save=True)
    document = services.get_or_generate(dossier=planned_dossier, kind=Document.Kind.CALENDAR, by=cfa_admin)
    assert document.file.read() == uploaded
    assert document.source == Document.Source.UPLOADED
    assert document.original_name.endswith("calendrier.pdf")
