"""CERFA FA13 n° 10103*12, contrat d'apprentissage: Cactus's own drawing of the official form.

ReportLab canvas (fixed layout, about 10 ms): sections, numbered boxes and labels in the order of
the official blank form, page 1 (employeur, apprenti(e), maîtres d'apprentissage) and page 2
(suite des maîtres, contrat with the remuneration grid, formation, signatures, cadre réservé).
Codes are printed as codes, as the official boxes expect.
"""

from itertools import groupby

from cactus.documents.exceptions import DocumentError
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
    is_yes,
    person_name,
    text,
)

CERFA_NUMBER = "10103*12"


def render(data: dict) -> bytes:
    form = Form(title="Contrat d'apprentissage – CERFA n° " + CERFA_NUMBER, subject="Contrat d'apprentissage")
    y = _header(form, data)
    y = _employer(form, data, y)
    y = _apprentice(form, data, y)
    _mentors_first_part(form, data, y)
    _frame(form, bottom=28)
    form.new_page()
    y = _mentors_second_part(form, data, 812)
    y = _contract(form, data, y)
    y = _formation(form, data, y)
    y = _signatures(form, data, y)
    _reserved(form, y)
    _frame(form, bottom=48)
    form.label(
        LEFT + 60,
        34,
        "Pour remplir le contrat et pour plus d'informations sur le traitement des données reportez-vous à la notice FA 14",
        font=BOLD_ITALIC,
        size=6.5,
    )
    return form.finish()


def render_dossier(dossier) -> bytes:
    from cactus.dossiers.export import dossier_data  # the tabs' export, the one source of the keys

    return render(dossier_data(dossier))


def _frame(form: Form, *, bottom: float) -> None:
    form.line(LEFT, 820 if bottom == 48 else 748, LEFT, bottom)
    form.line(RIGHT, 820 if bottom == 48 else 748, RIGHT, bottom)
    form.line(LEFT, bottom, RIGHT, bottom)


def _header(form: Form, data: dict) -> float:
    form.rich_label(LEFT, 812, [(BOLD, "RÉPUBLIQUE FRANÇAISE")], size=8)
    form.label(LEFT, 802, "Ministère chargé du travail et de l'emploi", size=6.5)
    form.centered(form.width / 2, 808, "Contrat d'apprentissage", size=12)
    form.centered(
        form.width / 2, 798, "(art. L6211-1 et suivants du code du travail)", font=REGULAR, size=6.5
    )
    form.centered(
        form.width / 2, 784, "(Lire ATTENTIVEMENT la notice Cerfa avant de remplir ce document)", size=6.5
    )
    form.canvas.ellipse(RIGHT - 62, 796, RIGHT - 8, 816)
    form.centered(RIGHT - 35, 802.5, "cerfa", font=BOLD_ITALIC, size=10)
    form.centered(RIGHT - 35, 784, "N° " + CERFA_NUMBER, size=6.5)
    form.label(LEFT, 776, "Rendu par Cactus d'après le formulaire officiel", font=ITALIC, size=5.5)
    x = form.label(205, 764, "Mode contractuel de l'apprentissage :", font=BOLD, size=8.5)
    form.box(x + 4, 764, 22, data.get("contrat_mode_contractuel"), name="Mode contractuel de l'apprentissage")
    return 752


def _employer(form: Form, data: dict, y: float) -> float:
    form.band(y, "")
    form.label(LEFT + 120, y, "L'EMPLOYEUR", font=BOLD, size=8)
    private_public = text(data.get("employeur_prive_public")).lower()
    form.checkbox(280, y, private_public == "prive", "employeur privé")
    form.checkbox(390, y, private_public == "public", "employeur « public »*")
    y -= 14
    # Left column
    left = y
    left = form.field_below(
        LEFT + 3,
        left,
        [(BOLD, "Nom et prénom ou dénomination :")],
        data.get("employeur_denomination"),
        width=COLUMN_END - LEFT - 3,
        height=20,
    )
    form.label(LEFT + 3, left, "Adresse de l'établissement d'exécution du contrat :")
    left -= ROW
    left = _address(form, data, "employeur_adresse", LEFT + 3, left)
    form.field(LEFT + 3, left, "Téléphone :", format_phone(data.get("employeur_telephone")), end=COLUMN_END)
    left -= ROW
    form.field(LEFT + 3, left, "Courriel :", data.get("employeur_courriel"), end=COLUMN_END)
    left -= ROW
    # Right column
    right = y
    right = form.field_below(
        MIDDLE,
        right,
        [(BOLD, "N° SIRET"), (REGULAR, " de l'établissement d'exécution du contrat :")],
        data.get("employeur_siret"),
        width=150,
    )
    form.field(MIDDLE, right, "Type d'employeur :", data.get("employeur_type"), end=MIDDLE + 100)
    right -= ROW
    form.field(MIDDLE, right, "Employeur spécifique :", data.get("employeur_specifique"), end=MIDDLE + 100)
    right -= ROW
    form.field(
        MIDDLE, right, "Code activité de l'entreprise (NAF) :", data.get("employeur_naf"), end=MIDDLE + 190
    )
    right -= ROW
    right = form.field_below(
        MIDDLE, right, "Effectif total salariés de l'entreprise :", data.get("employeur_effectif"), width=80
    )
    right = form.field_below(
        MIDDLE,
        right,
        "Code IDCC de la convention collective applicable :",
        data.get("employeur_idcc"),
        width=50,
    )
    y = min(left, right)
    x = form.rich_label(
        LEFT + 3,
        y,
        [
            (BOLD, "*Pour les employeurs du secteur public,"),
            (REGULAR, " adhésion de l'apprenti au régime spécifique d'assurance chômage : "),
        ],
        size=6.5,
    )
    form.checkbox(x + 2, y, is_yes(data.get("employeur_regime_specifique_chomage")))
    return y - 14


def _address(form: Form, data: dict, prefix: str, x: float, y: float, *, with_commune: bool = True) -> float:
    end = COLUMN_END if x < MIDDLE else RIGHT - 4
    form.field(x, y, "N° :", address_number(data, prefix), end=x + 52, name="N°")
    form.field(x + 56, y, "Voie :", data.get(f"{prefix}_voie"), end=end)
    y -= ROW
    form.field(x, y, "Complément :", data.get(f"{prefix}_complement"), end=end)
    y -= ROW
    form.field(x, y, "Code postal :", data.get(f"{prefix}_code_postal"), end=x + 100)
    y -= ROW
    if with_commune:
        form.field(x, y, "Commune :", data.get(f"{prefix}_commune"), end=end)
        y -= ROW
    return y


def _apprentice(form: Form, data: dict, y: float) -> float:
    form.band(y, "L'APPRENTI(E)")
    y -= 14
    form.field(
        LEFT + 3, y, [(BOLD, "Nom de naissance de l'apprenti(e) :")], data.get("apprenti_nom"), end=RIGHT - 4
    )
    y -= ROW
    form.field(LEFT + 3, y, [(BOLD, "Nom d'usage :")], data.get("apprenti_nom_usage"), end=RIGHT - 4)
    y -= ROW
    form.field(
        LEFT + 3,
        y,
        [(BOLD, "Le premier prénom de l'apprenti(e)"), (REGULAR, " selon l'état civil :")],
        data.get("apprenti_prenom"),
        end=RIGHT - 4,
    )
    y -= ROW + 2
    top = y
    # Left column: NIR, address, legal representative
    left = top
    form.field(LEFT + 3, left, "NIR de l'apprenti(e) :", data.get("apprenti_nir"), end=COLUMN_END)
    left -= ROW
    form.label(LEFT + 3, left, "Adresse de l'apprenti(e) :", font=BOLD, size=8)
    left -= ROW
    left = _address(form, data, "apprenti_adresse", LEFT + 3, left)
    form.field(LEFT + 3, left, "Téléphone :", format_phone(data.get("apprenti_telephone")), end=COLUMN_END)
    left -= ROW
    form.field(LEFT + 3, left, "Courriel :", data.get("apprenti_courriel"), end=COLUMN_END)
    left -= ROW + 2
    x = form.label(LEFT + 3, left, "Représentant légal ", font=BOLD, size=8)
    form.label(x, left, "(à renseigner si l'apprenti est mineur non émancipé)", font=ITALIC, size=6)
    left -= ROW
    representative = person_name(data.get("representant_legal_nom"), data.get("representant_legal_prenom"))
    form.field(LEFT + 3, left, "Nom de naissance et prénom :", representative, end=COLUMN_END)
    left -= ROW
    form.label(LEFT + 3, left, "Adresse du représentant légal :", font=BOLD, size=8)
    left -= ROW
    prefix = "representant_legal_adresse"
    if is_yes(data.get("representant_legal_meme_adresse")):
        prefix = "apprenti_adresse"
    left = _address(form, data, prefix, LEFT + 3, left)
    form.field(LEFT + 3, left, "Courriel :", data.get("representant_legal_courriel"), end=COLUMN_END)
    left -= ROW
    # Right column: birth, sex, declarations, schooling
    right = top
    right = birth_rows(form, data, "apprenti", x=MIDDLE, y=right, right=RIGHT - 4, row=ROW)
    form.field(MIDDLE, right, "Nationalité :", data.get("apprenti_nationalite"), end=MIDDLE + 70)
    form.field(MIDDLE + 80, right, "Régime social :", data.get("apprenti_regime_social"), end=MIDDLE + 160)
    right -= ROW
    for question, key in (
        ("Déclare être inscrit sur la liste des sportifs de haut niveau :", "apprenti_sportif_haut_niveau"),
        ("Déclare bénéficier de la reconnaissance travailleur handicapé :", "apprenti_rqth"),
    ):
        form.label(MIDDLE, right, question)
        right -= 11
        form.yes_no(MIDDLE + 20, right, data.get(key))
        right -= ROW
    form.field(
        MIDDLE,
        right,
        "Situation avant ce contrat :",
        data.get("apprenti_situation_avant_contrat"),
        end=MIDDLE + 150,
    )
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Dernier diplôme ou titre préparé :",
        data.get("apprenti_dernier_diplome_prepare"),
        end=MIDDLE + 150,
    )
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Dernière classe / année suivie :",
        data.get("apprenti_derniere_classe"),
        end=MIDDLE + 150,
    )
    right -= ROW
    right = form.field_below(
        MIDDLE,
        right,
        "Intitulé précis du dernier diplôme ou titre préparé :",
        data.get("apprenti_intitule_dernier_diplome"),
        width=RIGHT - 4 - MIDDLE,
        height=18,
    )
    form.field(
        MIDDLE,
        right,
        "Diplôme ou titre le plus élevé obtenu :",
        data.get("apprenti_plus_haut_diplome"),
        end=MIDDLE + 170,
    )
    right -= ROW
    form.label(MIDDLE, right, "Déclare avoir un projet de création ou de reprise d'entreprise :")
    right -= 11
    form.yes_no(MIDDLE + 20, right, data.get("apprenti_projet_creation_reprise"))
    right -= ROW
    return min(left, right) - 2


def _mentors_first_part(form: Form, data: dict, y: float) -> None:
    form.band(y, "LE MAÎTRE D'APPRENTISSAGE")
    y -= 14
    for x, number in ((LEFT + 3, 1), (MIDDLE, 2)):
        end = COLUMN_END if number == 1 else RIGHT - 4
        prefix = f"maitre{number}"
        row = y
        form.label(x, row, f"Maître d'apprentissage n°{number}", font=BOLD, size=8)
        row -= 12
        row = form.field_below(
            x, row, [(BOLD, "Nom de naissance :")], data.get(f"{prefix}_nom"), width=end - x
        )
        form.field(x, row, [(BOLD, "Prénom :")], data.get(f"{prefix}_prenom"), end=end)
        row -= ROW
        form.field(
            x, row, "Date de naissance :", format_date(data.get(f"{prefix}_date_naissance")), end=x + 150
        )
        row -= ROW
        form.field(x, row, "Courriel :", data.get(f"{prefix}_courriel"), end=end)
        row -= ROW
        form.field_below(x, row, "Emploi occupé :", data.get(f"{prefix}_emploi_occupe"), width=end - x)


def _mentors_second_part(form: Form, data: dict, y: float) -> float:
    form.line(LEFT, y + 8, RIGHT, y + 8)
    for x, number in ((LEFT + 3, 1), (MIDDLE, 2)):
        end = COLUMN_END if number == 1 else RIGHT - 4
        prefix = f"maitre{number}"
        row = form.field_below(
            x, y, "Diplôme ou titre le plus élevé obtenu :", data.get(f"{prefix}_diplome"), width=end - x
        )
        form.field(
            x,
            row,
            "Niveau de diplôme ou titre le plus élevé obtenu :",
            data.get(f"{prefix}_niveau_diplome"),
            end=x + 210,
        )
    y -= 38
    x = form.checkbox(LEFT + 3, y, is_yes(data.get("employeur_attestation_eligibilite_maitre")))
    form.label(
        x + 2,
        y,
        "L'employeur atteste sur l'honneur que le maître d'apprentissage répond à l'ensemble des critères "
        "d'éligibilité à cette fonction.",
        font=BOLD_ITALIC,
        size=6.8,
    )
    return y - 14


def _contract(form: Form, data: dict, y: float) -> float:
    form.band(y, "LE CONTRAT")
    y -= 14
    form.field(LEFT + 3, y, "Type de contrat ou d'avenant :", data.get("contrat_type"), end=LEFT + 150)
    x = form.label(MIDDLE, y, "Type de dérogation :")
    form.box(x + 3, y, 22, data.get("contrat_type_derogation"), name="Type de dérogation")
    form.label(x + 30, y + 2, "à renseigner si une dérogation", font=ITALIC, size=6)
    form.label(x + 30, y - 5, "existe pour ce contrat", font=ITALIC, size=6)
    y -= ROW
    form.field(
        LEFT + 3,
        y,
        "Numéro du contrat précédent ou du contrat sur lequel porte l'avenant :",
        data.get("contrat_numero_precedent"),
        end=RIGHT - 150,
    )
    y -= ROW
    third = (RIGHT - LEFT) / 3
    for index, (caption, note, key) in enumerate(
        (
            ("Date de conclusion :", "(Date de signature du présent contrat)", "contrat_date_conclusion"),
            ("Date de début d'exécution du contrat :", "", "contrat_date_debut"),
            (
                "Date de début de formation pratique",
                "chez l'employeur :",
                "contrat_date_debut_formation_pratique",
            ),
        )
    ):
        x = LEFT + 3 + index * third
        form.label(x, y, caption)
        if note:
            form.label(x, y - 8, note, size=5.5 if note.startswith("(") else None)
        form.box(x, y - 20, 70, format_date(data.get(key)), name=caption)
    y -= 34
    form.field(
        LEFT + 3,
        y,
        "Si avenant, date d'effet :",
        format_date(data.get("contrat_date_effet_avenant")),
        end=LEFT + 170,
    )
    # The hours sit beside their own label, away from the end date's box.
    x = form.label(MIDDLE, y, "Durée hebdomadaire du travail :")
    form.box(x + 4, y, 22, data.get("contrat_duree_hebdo_heures"), name="Durée hebdomadaire (heures)")
    x = form.label(x + 29, y, "heures")
    form.box(x + 6, y, 22, data.get("contrat_duree_hebdo_minutes"), name="Durée hebdomadaire (minutes)")
    form.label(x + 31, y, "minutes")
    y -= ROW
    x = form.label(LEFT + 3, y, "Date de fin du contrat ou de la période d'apprentissage :")
    form.box(x + 3, y, 62, format_date(data.get("contrat_date_fin")), name="Date de fin du contrat")
    y -= ROW
    x = form.label(LEFT + 3, y, "Travail sur machines dangereuses ou exposition à des risques particuliers :")
    form.yes_no(x + 8, y, data.get("contrat_travail_risque"))
    y -= ROW
    y = _remuneration(form, data, y)
    x = form.label(LEFT + 3, y, "Salaire brut mensuel à l'embauche :", font=BOLD, size=8)
    form.box(
        x + 4,
        y,
        80,
        format_amount(data.get("contrat_salaire_embauche")),
        name="Salaire brut mensuel à l'embauche",
    )
    form.field(
        MIDDLE,
        y,
        "Caisse de retraite complémentaire :",
        data.get("contrat_caisse_retraite_complementaire"),
        end=RIGHT - 4,
    )
    y -= ROW
    x = form.label(LEFT + 3, y, "Avantages en nature, le cas échéant : Nourriture :")
    form.box(x + 3, y, 45, format_number(data.get("contrat_avantage_nourriture")), name="Nourriture")
    x = form.label(x + 51, y, "€ / repas    Logement :")
    form.box(x + 3, y, 45, format_number(data.get("contrat_avantage_logement")), name="Logement")
    x = form.label(x + 51, y, "€ / mois    Autre :")
    form.checkbox(x + 4, y, is_yes(data.get("contrat_avantage_autre")))
    return y - 14


def _remuneration(form: Form, data: dict, y: float) -> float:
    form.label(LEFT + 3, y, "Rémunération", font=BOLD, size=8)
    form.label(MIDDLE, y, "* Indiquer SMIC ou SMC (salaire minimum conventionnel)", font=ITALIC, size=6.5)
    y -= 12
    years = _remuneration_years(data.get("remuneration") or [])
    for number, ordinal in enumerate(("1re", "2e", "3e", "4e"), start=1):
        periods = years.get(number, [])
        form.label(LEFT + 3, y, f"{ordinal} année, du", size=6.5)
        for half in range(2):
            period = periods[half] if half < len(periods) else {}
            x = LEFT + (52 if half == 0 else 298)
            if half == 1:
                form.label(x - 14, y, "; du", size=6.5)
            form.box(x, y, 50, format_date(period.get("du")), name=f"Rémunération {ordinal} année, du")
            form.label(x + 53, y, "au", size=6.5)
            form.box(x + 63, y, 50, format_date(period.get("au")), name=f"Rémunération {ordinal} année, au")
            form.label(x + 116, y, ":", size=6.5)
            form.box(x + 120, y, 30, format_rate(period.get("taux")), name=f"Rémunération {ordinal} année, %")
            form.label(x + 153, y, "% du", size=6.5)
            form.box(x + 171, y, 32, text(period.get("base")), name=f"Rémunération {ordinal} année, base")
            form.label(x + 205, y, "*", size=6.5)
        y -= 12.5
    return y - 4


def _remuneration_years(rows: list[dict]) -> dict[int, list[dict]]:
    """The CERFA has 4 years of at most 2 periods; more cannot be written on it."""
    years = {}
    for year, periods in groupby(
        sorted(rows, key=lambda row: (int(row["annee"]), row.get("du") or "")),
        key=lambda row: int(row["annee"]),
    ):
        years[year] = list(periods)
    if any(year > 4 or year < 1 for year in years) or any(len(periods) > 2 for periods in years.values()):
        raise DocumentError(
            "La rémunération compte plus de 4 années ou plus de 2 périodes dans une année : "
            "le CERFA ne peut pas l'accueillir. Vérifiez les dates du contrat dans « Les données du contrat »."
        )
    return years


def _formation(form: Form, data: dict, y: float) -> float:
    form.band(y, "LA FORMATION")
    y -= 14
    top = y
    left = top
    x = form.label(LEFT + 3, left, "CFA d'entreprise :")
    form.yes_no(x + 8, left, data.get("cfa_entreprise"))
    left -= ROW
    left = form.field_below(
        LEFT + 3,
        left,
        "Dénomination du CFA responsable :",
        data.get("cfa_denomination"),
        width=COLUMN_END - LEFT - 3,
    )
    form.field(LEFT + 3, left, "N° UAI du CFA :", data.get("cfa_uai"), end=LEFT + 160)
    left -= ROW
    form.field(LEFT + 3, left, "N° SIRET CFA :", data.get("cfa_siret"), end=LEFT + 160)
    left -= ROW
    form.label(LEFT + 3, left, "Adresse du CFA responsable :", font=BOLD, size=8)
    left -= ROW
    left = _address(form, data, "cfa_adresse", LEFT + 3, left)
    left -= 4
    x = form.checkbox(LEFT + 3, left, is_yes(data.get("lieu_formation_meme_que_cfa")))
    form.label(x + 2, left, "Si le CFA responsable est le lieu de formation")
    form.label(LEFT + 3, left - 9, "principal cochez la case ci-contre")
    left -= 26
    form.label(LEFT + 3, left, "Visa du CFA (cachet et signature du directeur) :")
    left -= 40
    # Right column
    right = top
    form.field(
        MIDDLE,
        right,
        "Diplôme ou titre visé par l'apprenti :",
        data.get("formation_type_diplome"),
        end=MIDDLE + 170,
    )
    right -= ROW
    right = form.field_below(
        MIDDLE,
        right,
        "Intitulé précis :",
        data.get("formation_intitule"),
        width=RIGHT - 4 - MIDDLE,
        height=18,
    )
    form.field(MIDDLE, right, "Code du diplôme :", data.get("formation_code_diplome"), end=MIDDLE + 160)
    right -= ROW
    rncp = text(data.get("formation_rncp")).upper().removeprefix("RNCP")
    form.field(MIDDLE, right, "Code RNCP :", rncp, end=MIDDLE + 160)
    right -= ROW
    x = form.label(MIDDLE, right, "Organisation de la formation en CFA :", font=BOLD, size=8)
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Date de début de formation en CFA :",
        format_date(data.get("formation_date_debut")),
        end=MIDDLE + 220,
    )
    right -= ROW
    form.field(
        MIDDLE,
        right,
        "Date prévue de fin des épreuves ou examens :",
        format_date(data.get("formation_date_fin")),
        end=MIDDLE + 240,
    )
    right -= ROW
    x = form.label(MIDDLE, right, "Durée de la formation :")
    form.box(x + 3, right, 50, data.get("formation_duree_heures"), name="Durée de la formation")
    form.label(x + 56, right, "heures")
    right -= ROW + 2
    form.label(MIDDLE, right, "Lieu principal de réalisation de la formation si", font=BOLD, size=8)
    form.label(MIDDLE, right - 9, "différent du CFA responsable :", font=BOLD, size=8)
    right -= 9 + ROW
    same_place = is_yes(data.get("lieu_formation_meme_que_cfa"))
    place = {} if same_place else data
    right = form.field_below(
        MIDDLE,
        right,
        "Dénomination du lieu de formation principal :",
        place.get("lieu_formation_denomination"),
        width=RIGHT - 4 - MIDDLE,
    )
    form.field(MIDDLE, right, "N° UAI :", place.get("lieu_formation_uai"), end=MIDDLE + 150)
    right -= ROW
    form.field(MIDDLE, right, "N° SIRET :", place.get("lieu_formation_siret"), end=MIDDLE + 150)
    right -= ROW
    form.label(MIDDLE, right, "Adresse du lieu de formation principal :", font=BOLD, size=8)
    right -= ROW
    right = _address(form, place, "lieu_formation_adresse", MIDDLE, right)
    return min(left, right)


def _signatures(form: Form, data: dict, y: float) -> float:
    x = form.checkbox(LEFT + 3, y, is_yes(data.get("employeur_attestation_pieces")))
    form.label(
        x + 2,
        y,
        "L'employeur atteste disposer de l'ensemble des pièces justificatives nécessaires au dépôt du contrat",
        font=BOLD_ITALIC,
        size=6.8,
    )
    y -= ROW
    form.field(LEFT + 3, y, "Fait à :", data.get("signature_lieu"), end=LEFT + 250)
    y -= 11
    form.label(LEFT + 25, y, "Signature de l'employeur", font=BOLD_ITALIC, size=7.5)
    form.label(LEFT + 210, y, "Signature de l'apprenti(e)", font=BOLD_ITALIC, size=7.5)
    form.label(LEFT + 372, y + 8, "Signature du représentant légal", font=BOLD_ITALIC, size=7.5)
    form.label(LEFT + 372, y, "de l'apprenti(e) mineur(e)", font=BOLD_ITALIC, size=7.5)
    # The signature areas stay blank: the parties sign the printed form.
    return y - 52


def _reserved(form: Form, y: float) -> None:
    """Filled by the organisme that registers the contract (OPCO or DDETS), never by Cactus."""
    form.band(y, "CADRE RÉSERVÉ À L'ORGANISME EN CHARGE DU DÉPÔT DU CONTRAT")
    y -= 14
    form.label(LEFT + 3, y, "Nom de l'organisme :", font=BOLD, size=8)
    form.rich_label(MIDDLE, y, [(BOLD, "N° SIRET"), (REGULAR, " de l'organisme :")], size=8)
    form.box(LEFT + 3, y - 14, 240, "")
    form.box(MIDDLE, y - 14, 150, "")
    y -= 30
    form.field(LEFT + 3, y, "Date de réception du dossier complet :", "", end=LEFT + 220)
    form.field(MIDDLE, y, "Date de la décision :", "", end=MIDDLE + 150)
    y -= ROW + 2
    form.field(LEFT + 3, y, "N° de dépôt :", "", end=LEFT + 220)
    form.field(MIDDLE, y, "Numéro d'avenant :", "", end=MIDDLE + 150)
