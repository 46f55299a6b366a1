"""CERFA EJ20 n° 12434*03, contrat de professionnalisation: Cactus's own drawing.

No official blank EJ20 was available to us, so the layout is an assumption (see the README):
the FA13 family's look, with the sections of cerfa-professionnalisation.md §3 in its order,
L'EMPLOYEUR, LE SALARIÉ, LE TUTEUR on page 1, LE CONTRAT, LA FORMATION, signatures and the
cadre réservé à l'OPCO on page 2. Keys are the domain file's (`salarie_*`, `tuteur_*`, `of_*`);
when one is absent the apprenticeship key of the same field is read (`apprenti_*`, `maitre1_*`,
`cfa_*`), because the data entry shares one form for both dispositifs.
"""

from cactus.documents.renderers.base import (
    BOLD,
    BOLD_ITALIC,
    COLUMN_END,
    ITALIC,
    LEFT,
    MIDDLE,
    REGULAR,
    RIGHT,
    ROW,
    Form,
    address_number,
    birth_rows,
    format_amount,
    format_date,
    format_number,
    format_phone,
    format_rate,
    text,
)

CERFA_NUMBER = "12434*03"
FALLBACK_PREFIXES = {"salarie_": "apprenti_", "tuteur_": "maitre1_", "of_": "cfa_"}


def render(data: dict) -> bytes:
    data = _with_fallbacks(data)
    form = Form(
        title="Contrat de professionnalisation – CERFA n° " + CERFA_NUMBER,
        subject="Contrat de professionnalisation",
    )
    y = _header(form)
    y = _employer(form, data, y)
    y = _employee(form, data, y)
    _tutor(form, data, y)
    _frame(form, top=748, bottom=28)
    form.new_page()
    y = _contract(form, data, 812)
    y = _formation(form, data, y)
    y = _signatures(form, data, y)
    _reserved(form, y)
    _frame(form, top=820, bottom=48)
    form.label(
        LEFT + 110,
        34,
        "Pour remplir le contrat, reportez-vous à la notice du formulaire n° " + CERFA_NUMBER,
        font=BOLD_ITALIC,
        size=6.5,
    )
    return form.finish()


def render_dossier(dossier) -> bytes:
    from cactus.dossiers.export import dossier_data

    return render(dossier_data(dossier))


def _with_fallbacks(data: dict) -> dict:
    merged = dict(data)
    for key, value in data.items():
        for own, shared in FALLBACK_PREFIXES.items():
            if key.startswith(shared):
                own_key = own + key.removeprefix(shared)
                if text(merged.get(own_key)) == "":
                    merged[own_key] = value
    return merged


def _frame(form: Form, *, top: float, bottom: float) -> None:
    form.line(LEFT, top, LEFT, bottom)
    form.line(RIGHT, top, RIGHT, bottom)
    form.line(LEFT, bottom, RIGHT, bottom)


def _header(form: Form) -> float:
    form.rich_label(LEFT, 812, [(BOLD, "RÉPUBLIQUE FRANÇAISE")], size=8)
    form.label(LEFT, 802, "Ministère chargé du travail et de l'emploi", size=6.5)
    form.centered(form.width / 2, 808, "Contrat de professionnalisation", size=12)
    form.centered(
        form.width / 2, 798, "(art. L6325-1 et suivants du code du travail)", font=REGULAR, size=6.5
    )
    form.centered(
        form.width / 2, 784, "(Lire ATTENTIVEMENT la notice avant de remplir ce document)", size=6.5
    )
    form.canvas.ellipse(RIGHT - 62, 796, RIGHT - 8, 816)
    form.centered(RIGHT - 35, 802.5, "cerfa", font=BOLD_ITALIC, size=10)
    form.centered(RIGHT - 35, 784, "N° " + CERFA_NUMBER, size=6.5)
    form.label(LEFT, 776, "Rendu par Cactus (mise en page reconstituée)", font=ITALIC, size=5.5)
    return 756


def _address(form: Form, data: dict, prefix: str, x: float, y: float, end: float) -> float:
    form.field(x, y, "N° :", address_number(data, prefix), end=x + 52, name="N°")
    form.field(x + 56, y, "Voie :", data.get(f"{prefix}_voie"), end=end)
    y -= ROW
    form.field(x, y, "Complément :", data.get(f"{prefix}_complement"), end=end)
    y -= ROW
    form.field(x, y, "Code postal :", data.get(f"{prefix}_code_postal"), end=x + 100)
    form.field(x + 106, y, "Commune :", data.get(f"{prefix}_commune"), end=end)
    return y - ROW


def _employer(form: Form, data: dict, y: float) -> float:
    form.band(y, "L'EMPLOYEUR")
    y -= 14
    left = form.field_below(
        LEFT + 3,
        y,
        [(BOLD, "Nom et prénom ou dénomination :")],
        data.get("employeur_denomination"),
        width=COLUMN_END - LEFT - 3,
        height=20,
    )
    form.label(LEFT + 3, left, "Adresse du lieu d'exécution du contrat :")
    left = _address(form, data, "employeur_adresse", LEFT + 3, left - ROW, COLUMN_END)
    form.field(LEFT + 3, left, "Téléphone :", format_phone(data.get("employeur_telephone")), end=COLUMN_END)
    left -= ROW
    form.field(LEFT + 3, left, "Courriel :", data.get("employeur_courriel"), end=COLUMN_END)
    left -= ROW
    right = form.field_below(
        MIDDLE,
        y,
        [(BOLD, "N° SIRET"), (REGULAR, " de l'établissement d'exécution du contrat :")],
        data.get("employeur_siret"),
        width=150,
    )
    form.field(
        MIDDLE, right, "Code activité de l'entreprise (NAF) :", data.get("employeur_naf"), end=MIDDLE + 190
    )
    right -= ROW
    form.field(
        MIDDLE, right, "Effectif salarié de l'entreprise :", data.get("employeur_effectif"), end=MIDDLE + 190
    )
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Code IDCC de la convention collective applicable :",
        data.get("employeur_idcc"),
        end=MIDDLE + 230,
    )
    right -= ROW
    right = form.field_below(
        MIDDLE,
        right,
        "Organisme de prévoyance / caisse de retraite complémentaire :",
        data.get("employeur_caisse_retraite"),
        width=RIGHT - 4 - MIDDLE,
    )
    return min(left, right) - 2


def _employee(form: Form, data: dict, y: float) -> float:
    form.band(y, "LE SALARIÉ")
    y -= 14
    form.field(LEFT + 3, y, [(BOLD, "Nom de naissance du salarié :")], data.get("salarie_nom"), end=RIGHT - 4)
    y -= ROW
    form.field(LEFT + 3, y, [(BOLD, "Nom d'usage :")], data.get("salarie_nom_usage"), end=RIGHT - 4)
    y -= ROW
    form.field(LEFT + 3, y, [(BOLD, "Prénom :")], data.get("salarie_prenom"), end=RIGHT - 4)
    y -= ROW + 2
    left = y
    form.field(LEFT + 3, left, "NIR du salarié :", data.get("salarie_nir"), end=COLUMN_END)
    left -= ROW
    form.label(LEFT + 3, left, "Adresse du salarié :", font=BOLD, size=8)
    left = _address(form, data, "salarie_adresse", LEFT + 3, left - ROW, COLUMN_END)
    form.field(LEFT + 3, left, "Téléphone :", format_phone(data.get("salarie_telephone")), end=COLUMN_END)
    left -= ROW
    form.field(LEFT + 3, left, "Courriel :", data.get("salarie_courriel"), end=COLUMN_END)
    left -= ROW
    x = form.label(LEFT + 3, left, "Inscrit(e) à France Travail :")
    form.yes_no(x + 8, left, data.get("salarie_inscrit_ft"))
    left -= ROW
    form.field(LEFT + 3, left, "N° d'inscription (IDE) :", data.get("salarie_numero_ide"), end=LEFT + 170)
    form.field(LEFT + 176, left, "Durée (mois) :", data.get("salarie_duree_inscription_mois"), end=COLUMN_END)
    left -= ROW
    right = y
    right = birth_rows(form, data, "salarie", x=MIDDLE, y=right, right=RIGHT - 4, row=ROW)
    form.field(MIDDLE, right, "Nationalité :", data.get("salarie_nationalite"), end=MIDDLE + 70)
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Minimum social (RSA, ASS, AAH) ou ancien CUI :",
        data.get("salarie_minimum_social"),
        end=RIGHT - 4,
    )
    right -= ROW
    x = form.label(MIDDLE, right, "Reconnaissance travailleur handicapé :")
    form.yes_no(x + 8, right, data.get("salarie_rqth"))
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Situation avant ce contrat :",
        data.get("salarie_situation_avant_contrat"),
        end=MIDDLE + 150,
    )
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Diplôme ou titre le plus élevé obtenu :",
        data.get("salarie_plus_haut_diplome"),
        end=MIDDLE + 180,
    )
    right -= ROW
    return min(left, right) - 2


def _tutor(form: Form, data: dict, y: float) -> None:
    form.band(y, "LE TUTEUR")
    y -= 14
    x = form.label(LEFT + 3, y, "L'employeur est le tuteur :")
    form.yes_no(x + 8, y, data.get("tuteur_employeur_est_tuteur"))
    y -= ROW
    form.field(LEFT + 3, y, [(BOLD, "Nom de naissance :")], data.get("tuteur_nom"), end=COLUMN_END)
    form.field(MIDDLE, y, [(BOLD, "Prénom :")], data.get("tuteur_prenom"), end=RIGHT - 4)
    y -= ROW
    form.field(
        LEFT + 3, y, "Date de naissance :", format_date(data.get("tuteur_date_naissance")), end=LEFT + 160
    )
    form.field(MIDDLE, y, "Courriel :", data.get("tuteur_courriel"), end=RIGHT - 4)
    y -= ROW
    form.field(LEFT + 3, y, "Emploi occupé :", data.get("tuteur_emploi_occupe"), end=COLUMN_END)
    form.field(
        MIDDLE,
        y,
        "Niveau de diplôme ou titre le plus élevé obtenu :",
        data.get("tuteur_niveau_diplome"),
        end=MIDDLE + 220,
    )


def _contract(form: Form, data: dict, y: float) -> float:
    form.line(LEFT, y + 8, RIGHT, y + 8)
    form.band(y, "LE CONTRAT")
    y -= 14
    # The export gives the code of Les données du contrat (1 CDD, 2 CDI); the words are accepted too.
    nature = text(data.get("contrat_nature")).upper()
    x = form.label(LEFT + 3, y, "Nature du contrat :")
    x = form.checkbox(x + 6, y, nature in ("1", "CDD"), "CDD")
    form.checkbox(x + 4, y, nature in ("2", "CDI"), "CDI")
    form.field(MIDDLE, y, "Type de contrat ou d'avenant :", data.get("contrat_type"), end=MIDDLE + 150)
    y -= ROW
    form.field(LEFT + 3, y, "Emploi occupé pendant le contrat :", data.get("contrat_emploi"), end=RIGHT - 4)
    y -= ROW
    form.field(
        LEFT + 3, y, "Classification : niveau :", data.get("contrat_classification_niveau"), end=LEFT + 170
    )
    form.field(MIDDLE, y, "Coefficient :", data.get("contrat_coefficient"), end=MIDDLE + 110)
    y -= ROW
    form.field(
        LEFT + 3, y, "Date de conclusion :", format_date(data.get("contrat_date_conclusion")), end=LEFT + 160
    )
    form.field(
        MIDDLE,
        y,
        "Date de début d'exécution du contrat :",
        format_date(data.get("contrat_date_debut")),
        end=MIDDLE + 210,
    )
    y -= ROW
    form.field(
        LEFT + 3,
        y,
        "Date de fin du CDD ou de l'action de professionnalisation :",
        format_date(data.get("contrat_date_fin")),
        end=MIDDLE + 20,  # the long label leaves the date its full size only past the middle
    )
    form.field(
        MIDDLE + 28,
        y,
        "Si avenant, date d'effet :",
        format_date(data.get("contrat_date_effet_avenant")),
        end=MIDDLE + 188,
    )
    y -= ROW
    x = form.label(LEFT + 3, y, "Durée de la période d'essai :")
    form.box(x + 3, y, 30, data.get("contrat_periode_essai"), name="Durée de la période d'essai")
    form.label(x + 36, y, "jours")
    x = form.label(MIDDLE, y, "Durée hebdomadaire du travail :")
    form.box(x + 3, y, 22, data.get("contrat_duree_hebdo_heures"), name="Durée hebdomadaire (heures)")
    form.label(x + 28, y, "heures")
    form.box(x + 58, y, 22, data.get("contrat_duree_hebdo_minutes"), name="Durée hebdomadaire (minutes)")
    form.label(x + 83, y, "minutes")
    y -= ROW
    x = form.label(LEFT + 3, y, "Salaire brut mensuel à l'embauche :", font=BOLD, size=8)
    form.box(
        x + 4,
        y,
        80,
        format_amount(data.get("contrat_salaire_embauche")),
        name="Salaire brut mensuel à l'embauche",
    )
    x = form.label(MIDDLE, y, "soit")
    form.box(x + 3, y, 30, format_rate(data.get("contrat_taux")), name="Taux")
    form.label(x + 36, y, "% du SMIC ou du minimum conventionnel")
    y -= ROW
    x = form.label(LEFT + 3, y, "Avantages en nature, le cas échéant : Nourriture :")
    form.box(x + 3, y, 45, format_number(data.get("contrat_avantage_nourriture")), name="Nourriture")
    x = form.label(x + 51, y, "€ / repas    Logement :")
    form.box(x + 3, y, 45, format_number(data.get("contrat_avantage_logement")), name="Logement")
    form.label(x + 51, y, "€ / mois")
    return y - 16


def _formation(form: Form, data: dict, y: float) -> float:
    form.band(y, "LA FORMATION")
    y -= 14
    form.label(LEFT + 3, y, "Organisme de formation principal", font=BOLD, size=8)
    x = form.label(MIDDLE, y, "Formation interne à l'entreprise :")
    form.yes_no(x + 8, y, data.get("of_interne"))
    y -= ROW
    form.field(LEFT + 3, y, "Dénomination :", data.get("of_denomination"), end=RIGHT - 4)
    y -= ROW
    form.field(LEFT + 3, y, "N° SIRET :", data.get("of_siret"), end=LEFT + 150)
    form.field(LEFT + 160, y, "N° de déclaration d'activité :", data.get("of_nda"), end=MIDDLE + 110)
    form.field(MIDDLE + 120, y, "N° UAI :", data.get("of_uai"), end=RIGHT - 4)
    y -= ROW
    y = _address(form, data, "of_adresse", LEFT + 3, y, RIGHT - 4)
    y -= 4
    form.label(LEFT + 3, y, "Qualification visée", font=BOLD, size=8)
    y -= ROW
    form.field(
        LEFT + 3, y, "Type de qualification visée :", data.get("formation_type_qualification"), end=LEFT + 170
    )
    rncp = text(data.get("formation_rncp")).upper().removeprefix("RNCP")
    form.field(MIDDLE, y, "Code RNCP :", rncp, end=MIDDLE + 120)
    form.field(MIDDLE + 130, y, "Spécialité (NSF) :", data.get("formation_nsf"), end=RIGHT - 4)
    y -= ROW
    y = form.field_below(
        LEFT + 3,
        y,
        "Intitulé précis de la qualification :",
        data.get("formation_intitule"),
        width=RIGHT - LEFT - 7,
        height=14,
    )
    form.field(
        LEFT + 3,
        y,
        "Date de début du cycle de formation :",
        format_date(data.get("formation_date_debut")),
        end=COLUMN_END,
    )
    form.field(
        MIDDLE,
        y,
        "Date de fin du cycle de formation :",
        format_date(data.get("formation_date_fin")),
        end=RIGHT - 60,
    )
    y -= ROW
    x = form.label(
        LEFT + 3, y, "Durée totale des actions d'évaluation, d'accompagnement et des enseignements :"
    )
    form.box(x + 3, y, 40, data.get("formation_duree_heures"), name="Durée totale de la formation")
    form.label(x + 46, y, "heures")
    y -= ROW
    x = form.label(LEFT + 3, y, "dont enseignements généraux, professionnels et technologiques :")
    form.box(x + 3, y, 40, data.get("formation_duree_enseignements"), name="Durée des enseignements")
    form.label(x + 46, y, "heures")
    return y - 18


def _signatures(form: Form, data: dict, y: float) -> float:
    form.field(LEFT + 3, y, "Fait à :", data.get("signature_lieu"), end=LEFT + 250)
    form.field(LEFT + 260, y, "le :", format_date(data.get("contrat_date_conclusion")), end=LEFT + 340)
    y -= 13
    form.label(LEFT + 25, y, "Signature de l'employeur", font=BOLD_ITALIC, size=7.5)
    form.label(LEFT + 210, y, "Signature du salarié", font=BOLD_ITALIC, size=7.5)
    form.label(LEFT + 372, y, "Visa de l'organisme de formation", font=BOLD_ITALIC, size=7.5)
    # Signature areas stay blank: the parties sign the printed form.
    return y - 70


def _reserved(form: Form, y: float) -> None:
    """Filled by the OPCO, never by Cactus."""
    form.band(y, "CADRE RÉSERVÉ À L'OPCO")
    y -= 14
    form.field(LEFT + 3, y, "Nom de l'OPCO :", "", end=COLUMN_END)
    form.field(MIDDLE, y, "N° de dépôt :", "", end=RIGHT - 4)
    y -= ROW + 2
    form.field(LEFT + 3, y, "Date de réception du dossier complet :", "", end=LEFT + 230)
    form.field(MIDDLE, y, "Date de la décision :", "", end=MIDDLE + 150)
