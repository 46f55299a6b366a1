"""Produce the dossier's documents and keep every version (who, when, from which data)."""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cactus.core.uploads import read_valid_pdf
from cactus.documents import selectors
from cactus.documents.exceptions import DocumentUnavailable
from cactus.documents.models import Document, OfficialFormBlank
from cactus.documents.official_forms import filling, registry
from cactus.documents.renderers import (
    calendar,
    cerfa_apprentissage,
    cerfa_professionnalisation,
    convention,
    programme,
)
from cactus.dossiers.models import ContractScheme, Dossier, DossierEvent, EntryMode

SIMPLE_ENTRY = (
    "Ce dossier est en saisie simple : aucun CERFA n'est produit. Pour l'obtenir, choisissez la saisie "
    "complète dans « Données de base » et complétez les onglets."
)


@dataclass(frozen=True)
class Source:
    """How to make one document, and the fingerprint of everything it is made from."""

    make: Callable[[], bytes]
    fingerprint: str
    uploaded_name: str = ""


def dossier_data(dossier: Dossier) -> dict:
    """The dossier's data keyed as the domain files; dossiers.export owns it (imported late: it is another app's)."""
    from cactus.dossiers.export import dossier_data as export

    return export(dossier)


@transaction.atomic
def get_or_generate(*, dossier: Dossier, kind: str, by) -> Document:
    """The current version of a document: reused while its data are unchanged, produced and stored otherwise."""
    # One producer at a time per dossier, so two clicks do not store two identical versions.
    Dossier.objects.select_for_update().filter(pk=dossier.pk).exists()
    source = document_source(dossier, kind)
    latest = selectors.latest_document(dossier, kind)
    if latest and latest.data_version == dossier.version and latest.input_sha256 == source.fingerprint:
        return latest
    content = source.make()
    document = Document(
        dossier=dossier,
        kind=kind,
        source=Document.Source.UPLOADED if source.uploaded_name else Document.Source.GENERATED,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        original_name=source.uploaded_name,
        data_version=dossier.version,
        input_sha256=source.fingerprint,
        created_by=by,
    )
    document.file.save(f"{kind}-{dossier.pk}-v{dossier.version}.pdf", ContentFile(content), save=True)
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.DOCUMENT_GENERATED,
        changes={"document": kind, "sha256": document.sha256, "data_version": dossier.version},
        comment=document.get_kind_display(),
    )
    return document


def render_bytes(*, dossier: Dossier, kind: str) -> bytes:
    """The document's bytes without storing a version (batch work by CFA staff)."""
    return document_source(dossier, kind).make()


def document_source(dossier: Dossier, kind: str) -> Source:
    if kind == Document.Kind.CERFA:
        if dossier.entry_mode != EntryMode.FULL:
            raise DocumentUnavailable(SIMPLE_ENTRY)
        data = _data_with_scheme(dossier)
        official = selectors.official_blank_for(data["dispositif"], on=timezone.localdate())
        if official:
            field_map, blank = official
            with blank.file.open("rb") as handle:
                content = handle.read()
            return Source(
                lambda: filling.fill(content, field_map, data),
                _fingerprint("official", field_map.number, blank.sha256, data),
            )
        renderer = cerfa_renderer(dossier)
        return Source(lambda: renderer.render(data), _fingerprint(renderer.__name__, data))
    if kind == Document.Kind.CONVENTION:
        data = _data_with_scheme(dossier)
        template = convention.current_convention_template()
        return Source(
            lambda: convention.render(data, template=template), _fingerprint("convention", data, template)
        )
    if kind in (Document.Kind.CALENDAR, Document.Kind.PROGRAMME):
        formation = dossier.formation
        upload = formation.calendar_file if kind == Document.Kind.CALENDAR else formation.programme_file
        if upload:
            with upload.open("rb") as handle:
                content = handle.read()
            return Source(lambda: content, hashlib.sha256(content).hexdigest(), uploaded_name=upload.name)
        data = selectors.formation_data(dossier)
        renderer = calendar if kind == Document.Kind.CALENDAR else programme
        return Source(lambda: renderer.render(data), _fingerprint(renderer.__name__, data))
    raise DocumentUnavailable(f"Cactus ne produit pas de document « {kind} ».")


def _data_with_scheme(dossier: Dossier) -> dict:
    """The export's data, sure to say its dispositif: billing and vocabulary depend on it."""
    scheme = (
        "professionnalisation" if dossier.scheme == ContractScheme.PROFESSIONALISATION else "apprentissage"
    )
    return {"dispositif": scheme, **dossier_data(dossier)}


def cerfa_renderer(dossier: Dossier):
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        return cerfa_professionnalisation
    return cerfa_apprentissage


FILE_TITLES = {
    Document.Kind.CONVENTION: "Convention_de_formation",
    Document.Kind.CALENDAR: "Calendrier",
    Document.Kind.PROGRAMME: "Programme_de_la_formation",
}


def download_name(dossier: Dossier, kind: str) -> str:
    """E.g. CERFA_apprentissage_DUPONT_Marie.pdf."""
    if kind == Document.Kind.CERFA:
        scheme = (
            "professionnalisation"
            if dossier.scheme == ContractScheme.PROFESSIONALISATION
            else "apprentissage"
        )
        title = f"CERFA_{scheme}"
    else:
        title = FILE_TITLES[kind]
    parts = [title, _file_part(dossier.alternant_last_name.upper()), _file_part(dossier.alternant_first_name)]
    return "_".join(filter(None, parts)) + ".pdf"


def _file_part(value: str) -> str:
    return re.sub(r"[^\w]+", "-", value).strip("-")


def _fingerprint(*parts) -> str:
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def upload_official_blank(*, uploaded, by) -> OfficialFormBlank:
    """Store a blank official CERFA once it passed the upload checks and was recognised as a known version.

    Raises ValidationError (upload checks) or DocumentError (not a form Cactus knows), both in French.
    """
    pdf = read_valid_pdf(uploaded)  # the one check of every upload (core.uploads)
    field_map = registry.recognise(pdf.data)
    blank = OfficialFormBlank(
        number=field_map.number,
        sha256=hashlib.sha256(pdf.data).hexdigest(),
        size=len(pdf.data),
        original_name=pdf.original_name[:255],
        uploaded_by=by,
    )
    blank.file.save(
        f"cerfa-{field_map.number.replace('*', '-')}-{blank.sha256[:12]}.pdf", ContentFile(pdf.data)
    )
    return blank
