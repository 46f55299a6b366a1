"""CERFA EJ20 n° 12434*05, contrat de professionnalisation: Cactus's own drawing of the official form.

Every label, box, check box, band and rule is drawn where the official blank has it, from the
coordinates table `cerfa_12434_05_layout` (facts read off the form once). The values go into the
rectangles of the official fields, so `field_values(data)` (official field name → value) is both what
this drawing prints and the field map of the "official form" mode for 12434*05.

Keys are the domain file's (`salarie_*`, `tuteur_*`, `of_*`); when one is absent the apprenticeship key
of the same field is read (`apprenti_*`, `maitre1_*`, `cfa_*`), because the data entry shares one form
for both dispositifs. The data keep the FA13's codes (situation, diplômes): the EJ20 has its own lists
(notice 51650#09), so they are translated here, at print time.
"""

from cactus.documents.renderers import cerfa_12434_05_layout as layout
from cactus.documents.renderers.base import (
    BOLD,
    ITALIC,
    Form,
    address_number,
    format_date,
    format_number,
    format_phone,
    is_no,
    is_yes,
    text,
)

CERFA_NUMBER = layout.CERFA_NUMBER
FALLBACK_PREFIXES = {"salarie_": "apprenti_", "tuteur_": "maitre1_", "of_": "cfa_"}

# The form is printed in Arial; Helvetica has the same widths, so every label ends where it does there.
LABEL_FONTS = {
    "R": "Helvetica",
    "B": "Helvetica-Bold",
    "I": "Helvetica-Oblique",
    "BI": "Helvetica-BoldOblique",
}
CHECK_MARK = "X"
FIELD_GREY = (0.867, 0.867, 0.867)
BAND_GREY = (0.851, 0.851, 0.851)

# Notice 51650#09, « Dernière situation avant ce contrat », from the FA13 codes Cactus stores.
# Prépa apprentissage (FA13 2) and the FA13's three stagiaire cases are « 7 Stagiaire de la formation
# professionnelle » on the EJ20; its « 2 Jeune bénéficiaire du CIVIS » (ended 2017) is never produced.
EJ20_SITUATIONS = {
    "1": "1", "2": "7", "3": "3", "4": "4", "5": "5", "6": "6",
    "7": "7", "8": "7", "9": "7", "10": "8", "11": "9", "12": "10",
}  # fmt: skip
# Notice 51650#09, « Diplôme ou titre le plus élevé obtenu » (also « diplôme ou titre visé »), from the
# FA13 codes. Where the EJ20 has no row of its own the « Autre … » row of the same level is used
# (BUT, 1re année de Master → 29; Master → 19; diplôme de spécialisation professionnelle → 49);
# ingénieur and école de commerce are its 11 (« diplôme grande école »); brevet and CFG are « 60 Aucun
# diplôme ni titre professionnel ». The *12 codes 61, 71, 72, 74 of dossiers entered before are kept.
EJ20_DIPLOMAS = {
    "80": "10", "71": "11", "74": "11", "75": "11", "76": "11", "72": "12", "73": "19", "79": "19",
    "61": "29", "62": "23", "63": "24", "64": "29", "69": "29",
    "54": "31", "55": "32", "58": "39",
    "41": "41", "42": "42", "43": "43", "44": "49", "49": "49",
    "33": "51", "34": "52", "35": "53", "38": "59",
    "13": "60", "25": "60", "26": "60",
}  # fmt: skip
# Notice 51650#09, « Type de minimum social »: 1 RSA, 2 ASS, 3 AAH (a former CUI is no minimum social).
EJ20_SOCIAL_MINIMA = {"rsa": "1", "ass": "2", "aah": "3", "1": "1", "2": "2", "3": "3"}
# Les données du contrat stores the nature as 1 CDD, 2 CDI, 3 travail temporaire (words accepted too).
NATURES = {"1": "CDD", "2": "CDI", "3": "TT", "CDD": "CDD", "CDI": "CDI", "TT": "TT"}


def render(data: dict) -> bytes:
    return render_fields(field_values(data))


def render_fields(values: dict[str, str | bool]) -> bytes:
    """Draw the form with each official field's value in its rectangle (True ticks a check box)."""
    form = Form(
        title="Contrat de professionnalisation – CERFA n° " + CERFA_NUMBER,
        subject="Contrat de professionnalisation",
    )
    for page in (1, 2):
        if page == 2:
            form.new_page()
        _draw_page(form, page)
        for name, field in layout.FIELDS.items():
            if field.page == page:
                _draw_field(form, name, field, values.get(name))
    return form.finish()


def render_dossier(dossier) -> bytes:
    from cactus.dossiers.export import dossier_data

    return render(dossier_data(dossier))


# --- What goes in each official field -------------------------------------------------------------


def field_values(data: dict) -> dict[str, str | bool]:
    """The 12434*05 field map: official field name → text, or True/False for a check box.

    Fields left out stay blank: the cadre réservé à l'OPCO, and the boxes the notice reserves to
    contracts associating VAE actions (loi 2022-1598, art. 11), which Cactus's formations are not.
    """
    data = _with_fallbacks(data)
    get = data.get
    values: dict[str, str | bool] = {}
    values |= _yes_no(get("employeur_particulier"), "Case #C3#A0 cocher 1", "Case #C3#A0 cocher 1_2")
    values |= {
        "Zone de texte 8": text(get("employeur_denomination")),
        "Zone de texte 8_12": text(get("employeur_urssaf_particulier"))
        if is_yes(get("employeur_particulier"))
        else "",
        "Zone de texte 8_13": text(get("employeur_siret")),
        # Notice: a particulier-employeur leaves the NAF box empty.
        "Zone de texte 8_14": "" if is_yes(get("employeur_particulier")) else text(get("employeur_naf")),
        "Zone de texte 8_4": format_phone(get("employeur_telephone")),
        "Zone de texte 8_15": text(get("employeur_effectif")),
        "Zone de texte 8_16": text(get("employeur_idcc")),
        "Zone de texte 8_6": text(get("employeur_caisse_retraite")),
        "Zone de texte 8_7": text(get("employeur_prevoyance")),
    }
    values |= _address(data, "employeur_adresse", ("8_8", "8_9", "8_2", "8_5", "8_3"))
    values |= _email(get("employeur_courriel"), "8_10", "8_11")
    values |= {
        "Zone de texte 8_18": text(get("salarie_nom")),
        "Zone de texte 8_19": text(get("salarie_nom_usage")),
        "Zone de texte 8_20": text(get("salarie_prenom")),
        "Zone de texte 8_21": text(get("salarie_departement_naissance")),
        "Zone de texte 8_22": text(get("salarie_commune_naissance")),
        "Zone de texte 8_41": format_phone(get("salarie_telephone")),
        "Zone de texte 8_42": text(get("salarie_nir")),
        "Zone de texte 8_25": _code(EJ20_SITUATIONS, get("salarie_situation_avant_contrat")),
        "Zone de texte 8_26": EJ20_SOCIAL_MINIMA.get(text(get("salarie_minimum_social")).lower(), ""),
        "Zone de texte 8_27": _code(EJ20_DIPLOMAS, get("salarie_plus_haut_diplome")),
    }
    values |= _address(data, "salarie_adresse", ("8_36", "8_37", "8_38", "8_39", "8_40"))
    values |= _email(get("salarie_courriel"), "8_34", "8_35")
    values |= _date(get("salarie_date_naissance"), "8_43", "8_44", "8_49")
    sex = text(get("salarie_sexe")).upper()
    values |= {"Case #C3#A0 cocher 1_11": sex == "M", "Case #C3#A0 cocher 1_12": sex == "F"}
    values |= _yes_no(get("salarie_rqth"), "Case #C3#A0 cocher 1_3", "Case #C3#A0 cocher 1_4")
    if not is_yes(get("salarie_rqth")):
        # « Si non, bénéficiez-vous de droits attachés à la RQTH » (notice p. 3).
        values |= _yes_no(
            get("salarie_rqth_equivalence_jeunes"), "Case #C3#A0 cocher 1_5", "Case #C3#A0 cocher 1_7"
        )
        values |= _yes_no(
            get("salarie_rqth_extension_boe"), "Case #C3#A0 cocher 1_6", "Case #C3#A0 cocher 1_8"
        )
    values |= _yes_no(get("salarie_inscrit_ft"), "Case #C3#A0 cocher 1_9", "Case #C3#A0 cocher 1_10")
    if is_yes(get("salarie_inscrit_ft")):
        values |= {
            "Zone de texte 8_23": text(get("salarie_numero_ide")),
            "Zone de texte 8_24": text(get("salarie_duree_inscription_mois")),
        }
    values |= {
        "Zone de texte 8_28": text(get("tuteur_nom")),
        "Zone de texte 8_29": text(get("tuteur_prenom")),
        "Zone de texte 8_30": text(get("tuteur_emploi_occupe")),
        "Zone de texte 8_31": text(get("tuteur_utilisatrice_nom")),
        "Zone de texte 8_32": text(get("tuteur_utilisatrice_prenom")),
        "Zone de texte 8_33": text(get("tuteur_utilisatrice_emploi_occupe")),
        "Case #C3#A0 cocher 2": is_yes(get("employeur_attestation_eligibilite_maitre")),
    }
    values |= _date(get("tuteur_date_naissance"), "8_45", "8_46", "8_50")
    values |= _date(get("tuteur_utilisatrice_date_naissance"), "8_47", "8_48", "8_51")
    values |= _contract(data)
    values |= _formation(data)
    return values


def _contract(data: dict) -> dict:
    get = data.get
    nature = NATURES.get(text(get("contrat_nature")).upper(), "")
    euros, _comma, cents = format_number(get("contrat_salaire_embauche")).partition(",")
    values = {
        "Case #C3#A0 cocher 1_13": nature == "CDI",
        "Case #C3#A0 cocher 1_14": nature == "CDD",
        "Case #C3#A0 cocher 1_15": nature == "TT",
        "Zone de texte 8_65": text(get("contrat_type")),
        "Zone de texte 8_90": text(get("contrat_emploi")),
        "Zone de texte 8_91": text(get("contrat_classification")),
        "Zone de texte 8_83": text(get("contrat_classification_niveau")),
        "Zone de texte 8_82": text(get("contrat_coefficient")),
        "Zone de texte 8_76": text(get("contrat_periode_essai")),
        "Zone de texte 8_66": text(get("contrat_duree_hebdo_heures")),
        "Zone de texte 8_67": text(get("contrat_duree_hebdo_minutes")),
        "Zone de texte 8_81": euros,
        "Zone de texte 8_68": cents,
        "Zone de texte 8_56": text(get("signature_lieu")),
    }
    values |= _date(get("contrat_date_effet_avenant"), "8_59", "8_60", "8_78")
    values |= _date(get("contrat_date_debut"), "8_57", "8_58", "8_77")
    values |= _date(get("contrat_date_conclusion"), "8_61", "8_62", "8_79")
    values |= _date(get("contrat_date_fin"), "8_63", "8_64", "8_80")
    return values


def _formation(data: dict) -> dict:
    get = data.get
    values = {
        "Zone de texte 8_92": text(get("of_denomination")),
        "Zone de texte 8_93": text(get("of_siret")),
        "Zone de texte 8_94": text(get("of_nda")),
        "Zone de texte 8_69": text(get("of_nombre_organismes")),
        "Zone de texte 8_71": text(get("formation_type_qualification")),
        "Zone de texte 8_70": _code(EJ20_DIPLOMAS, get("formation_type_diplome")),
        "Zone de texte 8_84": text(get("formation_rncp")).upper().removeprefix("RNCP"),
        "Zone de texte 8_54": text(get("formation_intitule")),
        "Zone de texte 8_85": text(get("formation_nsf")),
        "Zone de texte 8_86": text(get("formation_duree_heures")),
        "Zone de texte 8_87": text(get("formation_duree_enseignements")),
    }
    values |= _yes_no(get("of_interne"), "Case #C3#A0 cocher 1_16", "Case #C3#A0 cocher 1_17")
    if is_yes(get("of_interne")):
        values["Case #C3#A0 cocher 1_18"] = is_yes(get("of_attestation_moyens"))
    values |= _date(get("formation_date_debut"), "8_72", "8_73", "8_88")
    values |= _date(get("formation_date_fin"), "8_74", "8_75", "8_89")
    return values


def _with_fallbacks(data: dict) -> dict:
    merged = dict(data)
    for key, value in data.items():
        for own, shared in FALLBACK_PREFIXES.items():
            if key.startswith(shared):
                own_key = own + key.removeprefix(shared)
                if text(merged.get(own_key)) == "":
                    merged[own_key] = value
    return merged


def _zone(suffix: str) -> str:
    return "Zone de texte " + suffix


def _address(data: dict, prefix: str, suffixes: tuple[str, ...]) -> dict:
    number, street, complement, postal_code, city = (_zone(suffix) for suffix in suffixes)
    return {
        number: address_number(data, prefix),
        street: text(data.get(f"{prefix}_voie")),
        complement: text(data.get(f"{prefix}_complement")),
        postal_code: text(data.get(f"{prefix}_code_postal")),
        city: text(data.get(f"{prefix}_commune")),
    }


def _email(value, before: str, after: str) -> dict:
    """The *05 still splits e-mail addresses around a printed « @ »."""
    local, _at, domain = text(value).partition("@")
    return {_zone(before): local, _zone(after): domain}


def _date(value, day: str, month: str, year: str) -> dict:
    """Each date is three boxes, the slashes printed between them."""
    printed = format_date(value)
    if not printed:
        return {}
    dd, mm, yyyy = printed.split("/")
    return {_zone(day): dd, _zone(month): mm, _zone(year): yyyy}


def _yes_no(value, yes: str, no: str) -> dict:
    """An unanswered oui / non question ticks neither box."""
    return {yes: is_yes(value), no: is_no(value)}


def _code(table: dict, value) -> str:
    return table.get(text(value), "")


# --- Drawing -------------------------------------------------------------------------------------


def _draw_page(form: Form, page: int) -> None:
    canvas = form.canvas
    canvas.setFillColorRGB(*BAND_GREY)
    for band_page, x, y, width, height in layout.BANDS:
        if band_page == page:
            canvas.rect(x, y, width, height, fill=1, stroke=0)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.5)
    for line_page, x1, y1, x2, y2 in layout.LINES:
        if line_page == page:
            canvas.line(x1, y1, x2, y2)
    canvas.setLineWidth(1)
    for frame_page, x1, y1, x2, y2 in layout.FRAMES:
        if frame_page == page:
            canvas.rect(x1, y1, x2 - x1, y2 - y1, fill=0, stroke=1)
    canvas.setFillColorRGB(0, 0, 0)
    for text_page, x, y, style, size, words in layout.TEXTS:
        if text_page == page:
            canvas.setFont(LABEL_FONTS[style], size)
            canvas.drawString(x, y, words)
    if page == 1:
        _ministry_and_cerfa_blocks(form)
    else:
        form.label(23.2, 62, "Formulaire n° 12434*05 reproduit par Cactus", font=ITALIC, size=6.5)


def _ministry_and_cerfa_blocks(form: Form) -> None:
    """The two images of the official header (Marianne block, Cerfa logo), set as text."""
    for index, line in enumerate(
        ["MINISTÈRE", "DU TRAVAIL, DE LA SANTÉ,", "DES SOLIDARITÉS", "ET DES FAMILLES"]
    ):
        form.label(26, 810 - index * 9.5, line, font=BOLD, size=8.5)
    for index, word in enumerate(["Liberté", "Égalité", "Fraternité"]):
        form.label(26, 766 - index * 6, word, font=ITALIC, size=5)
    form.canvas.setLineWidth(0.8)
    form.canvas.ellipse(492.0, 789.4, 542.9, 816.4)
    form.centered(517.4, 799.5, "cerfa", font=ITALIC, size=12)


def _draw_field(form: Form, name: str, field: layout.Field, value) -> None:
    x1, y1, x2, y2 = field.rect
    canvas = form.canvas
    if field.kind == "check":
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.8)
        canvas.rect(x1, y1, x2 - x1, y2 - y1, fill=1, stroke=1)
        if value is True:
            # A letter, not two strokes, so that the text layer (pdftotext, a screen reader) says it too.
            canvas.setFillColorRGB(0, 0, 0)
            canvas.setFont("Helvetica-Bold", 9)
            canvas.drawCentredString((x1 + x2) / 2, y1 + 1.1, CHECK_MARK)
        return
    canvas.setFillColorRGB(*FIELD_GREY)
    canvas.rect(x1, y1, x2 - x1, y2 - y1, fill=1, stroke=0)
    value = text(value)
    if value:
        form._fit(x1 + 1.5, y1, x2 - x1 - 3, y2 - y1, value, field.label)
