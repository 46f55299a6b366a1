import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cactus.core.tests.hostile_pdfs import active_content, good_pdf, parse_bombs
from cactus.formations.models import FormationModule, FormationPeriod


def management(prefix: str, total: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def formation_post(formation, **extra) -> dict:
    return {
        "title": formation.title,
        "diploma_code": formation.diploma_code,
        "rncp": formation.rncp,
        "level": formation.level,
        "start_date": "2026-09-07",
        "end_date": "2027-08-31",
        "duration_hours": "450",
        "cfa_advisor": str(formation.cfa_advisor_id),
        "managers": [str(user.pk) for user in formation.managers.all()],
        "validation_mode": formation.validation_mode,
        "mission_mode": formation.mission_mode,
        "qualification_type": formation.qualification_type,
        "is_active": "on",
        **management("periodes", 1),
        **management("modules", 1),
        **extra,
    }


def test_the_administrator_enters_periods_modules_and_uploads_the_programme(client, cfa_admin, formation):
    client.force_login(cfa_admin)
    data = formation_post(
        formation,
        **{
            "periodes-0-place": "cfa",
            "periodes-0-start_date": "2026-09-07",
            "periodes-0-end_date": "2026-09-25",
            "periodes-0-label": "Rentrée",
            "modules-0-position": "1",
            "modules-0-title": "Œnologie appliquée",
            "modules-0-hours": "40",
            "programme_file": SimpleUploadedFile(
                "programme.pdf", good_pdf(2), content_type="application/pdf"
            ),
        },
    )
    response = client.post(reverse("formations:edit", kwargs={"pk": formation.pk}), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert FormationPeriod.objects.get(formation=formation).label == "Rentrée"
    assert FormationModule.objects.get(formation=formation).title == "Œnologie appliquée"
    formation.refresh_from_db()
    assert formation.programme_file.name.endswith(".pdf")


def test_a_calendar_that_is_not_a_pdf_is_refused(client, cfa_admin, formation):
    client.force_login(cfa_admin)
    data = formation_post(formation, calendar_file=SimpleUploadedFile("calendrier.docx", b"PK..."))
    response = client.post(reverse("formations:edit", kwargs={"pk": formation.pk}), data)
    assert response.status_code == 200
    assert "calendar_file" in response.context["form"].errors


def test_a_file_named_pdf_that_is_not_one_is_refused(client, cfa_admin, formation):
    client.force_login(cfa_admin)
    data = formation_post(formation, calendar_file=SimpleUploadedFile("calendrier.pdf", b"PK\x03\x04 a zip"))
    response = client.post(reverse("formations:edit", kwargs={"pk": formation.pk}), data)
    assert "n'est pas un fichier PDF" in " ".join(response.context["form"].errors["calendar_file"])


HOSTILE = {
    item.variant: item
    for item in [*active_content(), *parse_bombs()]
    if item.name == "cerfa-signe.pdf"
    and item.variant
    in (
        "FileAttachment annotation carrying an executable",
        "OpenAction URI",
        "OpenAction JavaScript",
        "object stream inflating to 74 MB",
    )
}


@pytest.mark.parametrize("field", ["calendar_file", "programme_file"])
@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_the_calendar_and_programme_go_through_the_upload_check_and_nothing_is_stored(
    client, cfa_admin, formation, field, variant
):
    # The files go on to the employer and the OPCO: the same check as a signed scan, no weaker.
    client.force_login(cfa_admin)
    upload = SimpleUploadedFile("calendrier.pdf", HOSTILE[variant].data, content_type="application/pdf")
    response = client.post(
        reverse("formations:edit", kwargs={"pk": formation.pk}), formation_post(formation, **{field: upload})
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert "contient du contenu actif" in errors or "trop complexe" in errors, errors
    formation.refresh_from_db()
    assert not getattr(formation, field)
