import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cactus.core.uploads import read_valid_pdf
from cactus.documents.models import Document
from cactus.documents.tests.pdfs import encrypted_pdf_bytes, pageless_pdf_bytes, pdf_bytes
from cactus.documents.uploads import store_uploaded_pdf


def upload(data: bytes, name="cerfa-signe.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_scanned_pdf_is_accepted_with_its_name():
    checked = read_valid_pdf(upload(pdf_bytes(pages=2)))

    assert checked.data.startswith(b"%PDF")
    assert checked.original_name == "cerfa-signe.pdf"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "est vide"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "n'est pas un fichier PDF"),
        (b"MZ\x90\x00" + b"0" * 100, "n'est pas un fichier PDF"),
        (b"%PDF-1.7\n this is not really a pdf", "illisible"),
        (encrypted_pdf_bytes(), "protégé par un mot de passe"),
        (pageless_pdf_bytes(), "aucune page"),
    ],
)
def test_a_file_that_is_not_a_usable_pdf_is_refused_in_french(data, message):
    # The client's content type says PDF every time: only the content counts.
    with pytest.raises(ValidationError, match=message):
        read_valid_pdf(upload(data))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024

    with pytest.raises(ValidationError, match="la taille maximale est"):
        read_valid_pdf(upload(pdf_bytes() + b"%" * 2048))


@pytest.mark.django_db
def test_a_stored_pdf_gets_a_generated_name_and_its_sha256(dossier, employer_contact):
    data = pdf_bytes()
    checked = read_valid_pdf(upload(data, name="CERFA signé Dupont.pdf"))

    document = store_uploaded_pdf(dossier=dossier, kind="signed_cerfa", pdf=checked, by=employer_contact)

    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.source == Document.Source.UPLOADED
    assert "Dupont" not in document.file.name and document.file.name.endswith(".pdf")
    assert document.original_name == "CERFA signé Dupont.pdf"
    with document.file.open("rb") as stored:
        assert stored.read() == data
