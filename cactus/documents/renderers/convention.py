"""Convention de formation between the CFA and the employer: an HTML template rendered by WeasyPrint.

The text is a Django template the CFA administrator edits in Cactus (`ConventionTemplate`); the
default lives in templates/documents/convention_default.html. Placeholders are the dossier's
keys, already formatted for print (JJ/MM/AAAA, "1 234,56 €"). Billing information reaches the
template only when the dossier requires it (R-8.1, rules.md), whatever the template says.
"""

from django.template import Context, Engine
from django.template.loader import get_template
from django.utils.html import escape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from cactus.documents.exceptions import DocumentError
from cactus.documents.models import ConventionTemplate
from cactus.documents.renderers.base import (
    BOLD,
    REGULAR,
    address_number,
    font_path,
    format_amount,
    format_date,
    format_phone,
    is_yes,
    person_name,
    text,
)

AMOUNT_KEYS = {
    "contrat_salaire_embauche",
    "convention_cout_formation",
    "convention_npec",
    "convention_prise_en_charge_opco",
    "convention_reste_a_charge_employeur",
    "convention_participation_employeur",
    "convention_npec_minore",
}
BILLING_PREFIX = "facturation_"

# No loaders: an edited template cannot include or extend files of the project.
ENGINE = Engine(loaders=[], autoescape=True)


class FontsOnlyFetcher(URLFetcher):
    """The edited HTML may not pull anything in (no network, no server file, no attachment): only our fonts."""

    def fetch(self, url, headers=None):
        allowed = {f"file://{font_path(name)}" for name in (REGULAR, BOLD)}
        if url not in allowed:
            raise ValueError(f"Ressource externe refusée dans la convention : {url}")
        return super().fetch(url, headers)


PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Convention de formation</title>
<style>
@font-face {{ font-family: "DejaVu Sans"; src: url("file://{regular}"); }}
@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; src: url("file://{bold}"); }}
@page {{ size: A4; margin: 18mm 18mm 20mm 18mm;
  @bottom-center {{ content: "Convention de formation – " "{name}" " – page " counter(page) " / " counter(pages);
    font: 7pt "DejaVu Sans"; color: #555; }} }}
body {{ font: 9.5pt/1.4 "DejaVu Sans", sans-serif; color: #000; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 2pt; }}
.subtitle {{ text-align: center; font-size: 8pt; margin: 0 0 10pt; }}
h2 {{ font-size: 10.5pt; background: #e3e3e3; padding: 2pt 4pt; margin: 12pt 0 4pt; }}
h3 {{ font-size: 9.5pt; margin: 8pt 0 3pt; }}
.party {{ border-left: 2pt solid #999; padding-left: 6pt; }}
table.facts {{ border-collapse: collapse; width: 100%; }}
table.facts th, table.facts td {{ border: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }}
table.facts th {{ width: 35%; font-weight: normal; background: #f4f4f4; }}
.signatures {{ margin-top: 16pt; page-break-inside: avoid; }}
.signatures::after {{ content: ""; display: block; clear: both; }}
.signature {{ float: left; width: 44%; height: 70pt; border: 0.5pt solid #999; padding: 4pt; margin-right: 4%; }}
.signature .who {{ font-size: 8pt; }}
</style></head><body>{body}</body></html>"""


def default_template() -> str:
    return get_template("documents/convention_default.html").template.source


def current_convention_template() -> str:
    """The latest text saved by the CFA administrator, or Cactus's default."""
    latest = ConventionTemplate.objects.first()
    return latest.body if latest else default_template()


def check_template(source: str) -> None:
    """Refuse a template that does not compile, with a message the administrator can act on."""
    try:
        ENGINE.from_string(source).render(Context(context({})))
    except Exception as error:  # noqa: BLE001 - any template error is the administrator's to fix
        raise DocumentError(f"Le modèle de convention contient une erreur : {error}") from error


def render(data: dict, *, template: str | None = None) -> bytes:
    source = template if template is not None else default_template()
    try:
        body = ENGINE.from_string(source).render(Context(context(data)))
    except Exception as error:  # noqa: BLE001
        raise DocumentError(f"Le modèle de convention contient une erreur : {error}") from error
    name = escape(
        person_name(
            data.get("apprenti_nom") or data.get("salarie_nom"),
            data.get("apprenti_prenom") or data.get("salarie_prenom"),
        )
    )
    html = PAGE.format(regular=font_path(REGULAR), bold=font_path(BOLD), name=name, body=body)
    return HTML(string=html, url_fetcher=FontsOnlyFetcher()).write_pdf()


def render_dossier(dossier) -> bytes:
    from cactus.dossiers.export import dossier_data

    return render(dossier_data(dossier), template=current_convention_template())


def is_billing_required(data: dict) -> bool:
    """R-8.1 (rules.md): contrat de professionnalisation, public employer (type > 20) or Monaco company."""
    employer_type = text(data.get("employeur_type"))
    return (
        text(data.get("dispositif")) == "professionnalisation"
        or (employer_type.isdigit() and int(employer_type) > 20)
        or is_yes(data.get("employeur_monegasque"))
    )


def context(data: dict) -> dict:
    """The placeholders: every key formatted for print, plus a few composed ones."""
    billing = is_billing_required(data)
    values = {}
    for key, value in data.items():
        if key.startswith(BILLING_PREFIX) and not billing:
            continue
        values[key] = _printable(key, value)
    last = data.get("apprenti_nom") or data.get("salarie_nom")
    first = data.get("apprenti_prenom") or data.get("salarie_prenom")
    professionalisation = text(data.get("dispositif")) == "professionnalisation"
    values |= {
        "facturation_requise": billing,
        "dispositif_libelle": "Contrat de professionnalisation"
        if professionalisation
        else "Contrat d'apprentissage",
        "alternant_nom_complet": person_name(last, first),
        "alternant_date_naissance": format_date(
            data.get("apprenti_date_naissance") or data.get("salarie_date_naissance")
        ),
        "responsable_nom_complet": person_name(data.get("responsable_nom"), data.get("responsable_prenom")),
        "maitre1_nom_complet": person_name(
            data.get("maitre1_nom") or data.get("tuteur_nom"),
            data.get("maitre1_prenom") or data.get("tuteur_prenom"),
        ),
        "maitres_noms_complets": " et ".join(
            filter(
                None,
                [
                    person_name(
                        data.get(f"maitre{number}_nom") or data.get(f"tuteur{suffix}_nom"),
                        data.get(f"maitre{number}_prenom") or data.get(f"tuteur{suffix}_prenom"),
                    )
                    for number, suffix in ((1, ""), (2, "2"))
                ],
            )
        ),
        "employeur_adresse": one_line_address(data, "employeur_adresse"),
        "cfa_adresse": one_line_address(data, "cfa_adresse"),
        "lieu_formation": _place(data),
    }
    if billing:
        town = " ".join(
            filter(None, [text(data.get("facturation_code_postal")), text(data.get("facturation_commune"))])
        )
        values["facturation_adresse_complete"] = ", ".join(
            filter(None, [text(data.get("facturation_adresse")), town])
        )
    return values


def _printable(key: str, value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if key in AMOUNT_KEYS:
        return format_amount(value)
    if "date" in key:
        return format_date(value)
    if key.endswith("_telephone"):
        return format_phone(value)
    return text(value)


def one_line_address(data: dict, prefix: str) -> str:
    street = " ".join(filter(None, [address_number(data, prefix), text(data.get(f"{prefix}_voie"))]))
    town = " ".join(
        filter(None, [text(data.get(f"{prefix}_code_postal")), text(data.get(f"{prefix}_commune"))])
    )
    return ", ".join(filter(None, [street, text(data.get(f"{prefix}_complement")), town]))


def _place(data: dict) -> str:
    if is_yes(data.get("lieu_formation_meme_que_cfa")) or not text(data.get("lieu_formation_denomination")):
        return ", ".join(
            filter(None, [text(data.get("cfa_denomination")), one_line_address(data, "cfa_adresse")])
        )
    return ", ".join(
        filter(
            None,
            [text(data.get("lieu_formation_denomination")), one_line_address(data, "lieu_formation_adresse")],
        )
    )
