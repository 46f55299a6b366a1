"""Where every box, label and line of the CERFA EJ20 n° 12434*05 is, in PDF points (A4, origin bottom left).

Facts read off the official blank (2 pages, 114 AcroForm fields) once, by hand: the field names and
rectangles of its AcroForm, the printed labels (font, size and baseline of each text run of the form; Arial
on the form, Helvetica here, which has the same widths), the grey section bands, the rules and the framed
blocks. The renderer draws from this table only; the official file is neither shipped nor read at run time.
"""

from typing import NamedTuple

CERFA_NUMBER = "12434*05"


class Field(NamedTuple):
    """One AcroForm field: its exact name in the official PDF, page, kind, rectangle and printed label."""

    page: int
    kind: str  # "text" or "check"
    rect: tuple[float, float, float, float]  # x1, y1, x2, y2
    label: str


# The official names are LibreOffice's generic ones; « Case #C3#A0 cocher » is stored so in the PDF.
FIELDS: dict[str, Field] = {
    "Case #C3#A0 cocher 1": Field(1, "check", (416.7, 697.1, 424.8, 705.2), "Particulier-employeur — oui"),
    "Case #C3#A0 cocher 1_2": Field(1, "check", (467.1, 697.1, 475.2, 705.2), "Particulier-employeur — non"),
    "Zone de texte 8": Field(1, "text", (23.1, 693.2, 282.3, 707.1), "Nom et prénom ou dénomination"),
    "Zone de texte 8_12": Field(
        1, "text", (299.4, 664.5, 498.1, 678.4), "N° URSSAF du particulier-employeur"
    ),
    "Zone de texte 8_8": Field(
        1, "text", (44.6, 663.4, 77.8, 677.3), "Adresse de l'établissement d'exécution — N°"
    ),
    "Zone de texte 8_9": Field(1, "text", (112.3, 663.4, 283.0, 677.3), "Adresse — Voie"),
    "Zone de texte 8_2": Field(1, "text", (94.6, 645.9, 282.3, 659.8), "Adresse — Complément"),
    "Zone de texte 8_5": Field(1, "text", (91.0, 628.5, 156.2, 642.4), "Adresse — Code postal"),
    "Zone de texte 8_13": Field(
        1, "text", (299.4, 624.1, 558.3, 638.0), "N° SIRET de l'établissement d'exécution du contrat"
    ),
    "Zone de texte 8_3": Field(1, "text", (83.0, 611.2, 282.3, 625.1), "Adresse — Commune"),
    "Zone de texte 8_14": Field(
        1, "text", (476.7, 606.8, 511.7, 620.7), "Code activité de l'entreprise (NAF)"
    ),
    "Zone de texte 8_4": Field(1, "text", (84.2, 590.4, 282.3, 604.3), "Téléphone"),
    "Zone de texte 8_15": Field(
        1, "text", (299.4, 576.8, 347.4, 590.7), "Effectif total salariés de l'entreprise"
    ),
    "Zone de texte 8_10": Field(1, "text", (23.1, 560.4, 152.4, 574.3), "Courriel (avant @)"),
    "Zone de texte 8_11": Field(1, "text", (162.5, 560.4, 282.3, 574.3), "Courriel (après @)"),
    "Zone de texte 8_16": Field(
        1, "text", (299.4, 546.8, 347.4, 560.7), "Code IDCC de la convention collective applicable"
    ),
    "Zone de texte 8_17": Field(
        1,
        "text",
        (397.9, 532.9, 558.3, 546.8),
        "Numéro du projet* (contrat pro associant des actions de VAE)",
    ),
    "Zone de texte 8_6": Field(1, "text", (23.1, 530.4, 282.3, 544.3), "Caisse de retraite complémentaire"),
    "Zone de texte 8_7": Field(
        1, "text", (23.1, 496.9, 282.3, 510.8), "Organisme de prévoyance le cas échéant"
    ),
    "Zone de texte 8_18": Field(1, "text", (183.2, 448.8, 558.3, 462.7), "Nom de naissance du salarié"),
    "Zone de texte 8_19": Field(1, "text", (101.3, 432.6, 558.3, 446.5), "Nom d'usage"),
    "Zone de texte 8_20": Field(
        1, "text", (271.3, 416.4, 558.3, 430.3), "Le premier prénom du salarié selon l'état civil"
    ),
    "Zone de texte 8_21": Field(1, "text", (440.1, 396.0, 472.7, 409.9), "Département de naissance"),
    "Zone de texte 8_36": Field(1, "text", (44.6, 380.1, 77.8, 394.0), "Adresse du salarié — N°"),
    "Zone de texte 8_37": Field(1, "text", (112.3, 380.1, 283.0, 394.0), "Adresse — Voie"),
    "Zone de texte 8_22": Field(1, "text", (427.2, 378.7, 558.9, 392.6), "Commune de naissance"),
    "Zone de texte 8_38": Field(1, "text", (94.6, 362.6, 282.3, 376.5), "Adresse — Complément"),
    "Case #C3#A0 cocher 1_3": Field(1, "check", (360.1, 355.7, 368.2, 363.7), "RQTH — oui"),
    "Case #C3#A0 cocher 1_4": Field(1, "check", (413.6, 355.7, 421.7, 363.7), "RQTH — non"),
    "Zone de texte 8_39": Field(1, "text", (91.0, 345.2, 156.2, 359.1), "Adresse — Code postal"),
    "Case #C3#A0 cocher 1_5": Field(
        1,
        "check",
        (404.8, 329.8, 412.9, 337.8),
        "Si non, droits attachés à la RQTH : Équivalence jeunes — oui",
    ),
    "Case #C3#A0 cocher 1_7": Field(1, "check", (458.3, 329.8, 466.4, 337.8), "Équivalence jeunes — non"),
    "Zone de texte 8_40": Field(1, "text", (83.0, 327.9, 282.3, 341.8), "Adresse — Commune"),
    "Case #C3#A0 cocher 1_6": Field(1, "check", (384.0, 316.6, 392.1, 324.6), "Extension BOE — oui"),
    "Case #C3#A0 cocher 1_8": Field(1, "check", (437.5, 316.6, 445.6, 324.6), "Extension BOE — non"),
    "Zone de texte 8_41": Field(1, "text", (84.2, 307.1, 282.3, 321.0), "Téléphone"),
    "Case #C3#A0 cocher 1_9": Field(
        1, "check", (421.3, 302.8, 429.4, 310.8), "Inscrit à France Travail — oui"
    ),
    "Case #C3#A0 cocher 1_10": Field(
        1, "check", (474.8, 302.8, 482.9, 310.8), "Inscrit à France Travail — non"
    ),
    "Zone de texte 8_23": Field(1, "text", (440.6, 283.1, 558.3, 297.0), "Si oui, numéro d'inscription"),
    "Zone de texte 8_34": Field(1, "text", (23.1, 277.1, 152.4, 291.0), "Courriel (avant @)"),
    "Zone de texte 8_35": Field(1, "text", (162.5, 277.1, 282.3, 291.0), "Courriel (après @)"),
    "Zone de texte 8_24": Field(1, "text", (338.5, 269.2, 378.2, 283.1), "Durée (d'inscription) — mois"),
    "Zone de texte 8_42": Field(1, "text", (101.9, 259.7, 282.3, 273.6), "NIR du salarié"),
    "Zone de texte 8_25": Field(1, "text", (432.7, 248.4, 464.4, 262.3), "Situation avant ce contrat (code)"),
    "Zone de texte 8_43": Field(1, "text", (123.3, 241.2, 143.3, 255.1), "Date de naissance (jour)"),
    "Zone de texte 8_44": Field(1, "text", (152.2, 241.2, 172.2, 255.1), "Date de naissance (mois)"),
    "Zone de texte 8_49": Field(1, "text", (181.1, 241.2, 220.9, 255.1), "Date de naissance (année)"),
    "Zone de texte 8_26": Field(
        1, "text", (500.5, 231.1, 532.3, 245.0), "Type de minimum social, si bénéficiaire (code)"
    ),
    "Case #C3#A0 cocher 1_11": Field(1, "check", (58.1, 226.2, 66.2, 234.2), "Sexe M"),
    "Case #C3#A0 cocher 1_12": Field(1, "check", (84.7, 226.2, 92.8, 234.2), "Sexe F"),
    "Zone de texte 8_27": Field(
        1, "text", (486.5, 213.7, 518.8, 227.6), "Diplôme ou titre le plus élevé obtenu (code)"
    ),
    "Zone de texte 8_28": Field(
        1, "text", (54.2, 138.0, 283.8, 151.9), "Tuteur (établissement employeur) Nom"
    ),
    "Zone de texte 8_31": Field(
        1, "text", (333.7, 138.0, 563.3, 151.9), "Tuteur (entreprise utilisatrice / GE) Nom"
    ),
    "Zone de texte 8_29": Field(1, "text", (70.7, 120.7, 283.8, 134.6), "Tuteur employeur Prénom"),
    "Zone de texte 8_32": Field(1, "text", (350.2, 120.7, 563.3, 134.6), "Tuteur utilisatrice Prénom"),
    "Zone de texte 8_30": Field(1, "text", (104.4, 103.3, 283.8, 117.2), "Tuteur employeur Emploi occupé"),
    "Zone de texte 8_33": Field(1, "text", (380.7, 103.3, 563.3, 117.2), "Tuteur utilisatrice Emploi occupé"),
    "Zone de texte 8_45": Field(
        1, "text", (123.3, 86.0, 143.3, 99.9), "Tuteur employeur Date de naissance (jour)"
    ),
    "Zone de texte 8_46": Field(
        1, "text", (151.8, 86.0, 171.7, 99.9), "Tuteur employeur Date de naissance (mois)"
    ),
    "Zone de texte 8_50": Field(
        1, "text", (180.2, 86.0, 220.0, 99.9), "Tuteur employeur Date de naissance (année)"
    ),
    "Zone de texte 8_47": Field(
        1, "text", (399.7, 86.0, 419.6, 99.9), "Tuteur utilisatrice Date de naissance (jour)"
    ),
    "Zone de texte 8_48": Field(
        1, "text", (429.4, 86.0, 449.3, 99.9), "Tuteur utilisatrice Date de naissance (mois)"
    ),
    "Zone de texte 8_51": Field(
        1, "text", (459.1, 86.0, 498.9, 99.9), "Tuteur utilisatrice Date de naissance (année)"
    ),
    "Zone de texte 8_52": Field(
        1, "text", (532.9, 65.2, 563.3, 79.1), "Code activité de l'entreprise utilisatrice (NAF)*"
    ),
    "Case #C3#A0 cocher 2": Field(
        1,
        "check",
        (21.7, 19.9, 29.8, 28.0),
        "L'employeur atteste sur l'honneur que le tuteur répond à l'ensemble des critères d'éligibilité",
    ),
    "Case #C3#A0 cocher 1_19": Field(
        2,
        "check",
        (300.2, 800.1, 308.3, 808.2),
        "Si le présent contrat vaut avenant au contrat de travail initial (VAE)*",
    ),
    "Case #C3#A0 cocher 1_13": Field(2, "check", (23.9, 790.9, 32.0, 799.0), "Nature du contrat : CDI"),
    "Case #C3#A0 cocher 1_14": Field(2, "check", (60.2, 790.9, 68.3, 799.0), "Nature du contrat : CDD"),
    "Case #C3#A0 cocher 1_15": Field(
        2, "check", (101.5, 790.9, 109.6, 799.0), "Nature du contrat : travail temporaire"
    ),
    "Zone de texte 8_65": Field(2, "text", (109.0, 762.1, 128.9, 776.0), "Type de contrat (code)"),
    "Zone de texte 8_90": Field(
        2, "text", (270.1, 716.6, 556.8, 730.5), "Emploi occupé pendant le contrat (intitulé précis)"
    ),
    "Zone de texte 8_91": Field(
        2, "text", (295.7, 699.3, 556.8, 713.2), "Classification de l'emploi dans la convention collective"
    ),
    "Zone de texte 8_83": Field(2, "text", (65.8, 683.3, 105.6, 697.2), "Niveau"),
    "Zone de texte 8_82": Field(2, "text", (423.4, 683.3, 463.2, 697.2), "Coefficient hiérarchique"),
    "Zone de texte 8_76": Field(2, "text", (23.1, 653.1, 62.9, 667.0), "Durée de la période d'essai — jours"),
    "Zone de texte 8_59": Field(2, "text", (391.2, 653.1, 411.2, 667.0), "Si avenant, date d'effet (jour)"),
    "Zone de texte 8_60": Field(2, "text", (420.9, 653.1, 440.9, 667.0), "Si avenant, date d'effet (mois)"),
    "Zone de texte 8_78": Field(2, "text", (450.6, 653.1, 490.4, 667.0), "Si avenant, date d'effet (année)"),
    "Zone de texte 8_57": Field(
        2, "text", (207.1, 640.5, 227.0, 654.4), "Date de début d'exécution du contrat (jour)"
    ),
    "Zone de texte 8_58": Field(
        2, "text", (236.8, 640.5, 256.7, 654.4), "Date de début d'exécution du contrat (mois)"
    ),
    "Zone de texte 8_77": Field(
        2, "text", (266.5, 640.5, 306.3, 654.4), "Date de début d'exécution du contrat (année)"
    ),
    "Zone de texte 8_66": Field(
        2, "text", (207.1, 612.4, 227.0, 626.3), "Durée hebdomadaire du travail — heures"
    ),
    "Zone de texte 8_67": Field(2, "text", (266.7, 612.4, 286.7, 626.3), "Durée hebdomadaire — minutes"),
    "Zone de texte 8_61": Field(2, "text", (391.2, 599.8, 411.2, 613.7), "Date de conclusion (jour)"),
    "Zone de texte 8_62": Field(2, "text", (420.9, 599.8, 440.9, 613.7), "Date de conclusion (mois)"),
    "Zone de texte 8_79": Field(2, "text", (450.6, 599.8, 490.4, 613.7), "Date de conclusion (année)"),
    "Zone de texte 8_63": Field(
        2,
        "text",
        (23.1, 598.6, 43.0, 612.5),
        "Date de fin du CDD ou de l'action de professionnalisation si CDI (jour)",
    ),
    "Zone de texte 8_64": Field(
        2,
        "text",
        (52.8, 598.6, 72.7, 612.5),
        "Date de fin du CDD ou de l'action de professionnalisation si CDI (mois)",
    ),
    "Zone de texte 8_80": Field(
        2,
        "text",
        (82.5, 598.6, 122.3, 612.5),
        "Date de fin du CDD ou de l'action de professionnalisation si CDI (année)",
    ),
    "Zone de texte 8_81": Field(
        2, "text", (213.5, 579.2, 253.3, 593.1), "Salaire brut mensuel à l'embauche — euros"
    ),
    "Zone de texte 8_68": Field(2, "text", (258.8, 579.2, 278.8, 593.1), "Salaire brut — centimes"),
    "Zone de texte 8_92": Field(
        2, "text", (23.1, 518.3, 285.6, 532.2), "Dénomination de l'organisme de formation principal"
    ),
    "Zone de texte 8_93": Field(
        2, "text", (299.4, 518.3, 556.8, 532.2), "N° SIRET de l'organisme de formation principal"
    ),
    "Zone de texte 8_94": Field(
        2, "text", (299.4, 491.7, 556.8, 505.6), "N° de déclaration d'activité de cet organisme"
    ),
    "Case #C3#A0 cocher 1_16": Field(
        2, "check", (23.9, 482.6, 32.0, 490.7), "Service de formation interne — oui"
    ),
    "Case #C3#A0 cocher 1_17": Field(
        2, "check", (77.4, 482.6, 85.5, 490.7), "Service de formation interne — non"
    ),
    "Zone de texte 8_69": Field(
        2, "text", (299.4, 465.2, 319.4, 479.1), "Nombre d'organismes de formation intervenant"
    ),
    "Case #C3#A0 cocher 1_18": Field(
        2,
        "check",
        (23.9, 457.1, 32.0, 465.1),
        "L'employeur atteste que le service de formation interne dispose des moyens nécessaires",
    ),
    "Zone de texte 8_71": Field(2, "text", (146.6, 406.6, 166.5, 420.5), "Type qualification visée (code)"),
    "Zone de texte 8_70": Field(2, "text", (315.9, 406.6, 335.9, 420.5), "Diplôme ou titre visé (code)"),
    "Zone de texte 8_84": Field(2, "text", (474.8, 406.6, 514.6, 420.5), "Code RNCP"),
    "Zone de texte 8_54": Field(2, "text", (97.0, 374.8, 558.0, 403.2), "Intitulé précis"),
    "Zone de texte 8_85": Field(2, "text", (144.4, 357.6, 184.2, 371.5), "Spécialité de formation (code)"),
    "Zone de texte 8_86": Field(
        2,
        "text",
        (425.4, 327.1, 465.2, 341.0),
        "Durée totale des actions d'évaluation, d'accompagnement et des enseignements — heures",
    ),
    "Zone de texte 8_87": Field(
        2,
        "text",
        (367.8, 313.0, 407.6, 326.9),
        "dont durée des enseignements généraux, professionnels et technologiques — heures",
    ),
    "Zone de texte 8_72": Field(
        2, "text", (23.1, 277.0, 43.0, 290.9), "Date de début du cycle de formation (jour)"
    ),
    "Zone de texte 8_73": Field(
        2, "text", (52.8, 277.0, 72.7, 290.9), "Date de début du cycle de formation (mois)"
    ),
    "Zone de texte 8_88": Field(
        2, "text", (82.5, 277.0, 122.3, 290.9), "Date de début du cycle de formation (année)"
    ),
    "Zone de texte 8_74": Field(
        2, "text", (299.4, 277.0, 319.4, 290.9), "Date prévue de fin des épreuves ou examens (jour)"
    ),
    "Zone de texte 8_75": Field(
        2, "text", (329.1, 277.0, 349.1, 290.9), "Date prévue de fin des épreuves ou examens (mois)"
    ),
    "Zone de texte 8_89": Field(
        2, "text", (358.8, 277.0, 398.6, 290.9), "Date prévue de fin des épreuves ou examens (année)"
    ),
    "Zone de texte 8_56": Field(2, "text", (59.7, 215.4, 282.3, 229.3), "Fait à"),
    "Zone de texte 8_53": Field(2, "text", (23.1, 100.9, 282.3, 114.8), "Nom de l'OPCO"),
    "Zone de texte 8_55": Field(
        2, "text", (299.4, 100.9, 558.7, 114.8), "N° Adhérent de l'employeur à l'OPCO s'il existe"
    ),
}

# (page, x, baseline y, style R/B/I/BI, size, text): the form's printed words, in the form's order.
TEXTS: tuple[tuple[int, float, float, str, float, str], ...] = (
    (1, 211.0, 801.4, "B", 12.0, "Contrat de professionnalisation"),
    (1, 213.5, 790.9, "R", 8.5, "(art. L. 6325-1 à L. 6325-24 du code du travail)"),
    (1, 166.1, 767.3, "B", 8.5, "Lire ATTENTIVEMENT la notice Cerfa"),
    (1, 318.6, 767.3, "B", 8.5, "avant"),
    (1, 343.2, 767.3, "B", 8.5, "de remplir ce document"),
    (1, 485.6, 766.4, "B", 11.0, "N° 12434*05"),
    (1, 258.1, 722.8, "B", 11.0, "L’EMPLOYEUR"),
    (1, 23.2, 709.5, "B", 11.0, "Nom et prénom ou dénomination"),
    (1, 198.6, 709.5, "B", 11.0, ":"),
    (1, 23.2, 682.9, "R", 11.0, "Adresse de l’établissement d’exécution du contrat"),
    (1, 268.4, 682.9, "R", 11.0, ":"),
    (1, 23.2, 666.2, "R", 11.0, "N°"),
    (1, 38.6, 666.2, "R", 11.0, ":"),
    (1, 81.2, 666.2, "R", 11.0, "Voie :"),
    (1, 23.2, 648.9, "R", 11.0, "Complément"),
    (1, 88.6, 648.9, "R", 11.0, ":"),
    (1, 23.2, 631.5, "R", 11.0, "Code postal :"),
    (1, 23.2, 614.2, "R", 11.0, "Commune :"),
    (1, 23.2, 593.4, "R", 11.0, "Téléphone"),
    (1, 78.2, 593.4, "R", 11.0, ":"),
    (1, 23.2, 576.6, "R", 11.0, "Courriel"),
    (1, 64.8, 576.6, "R", 11.0, ":"),
    (1, 152.4, 563.7, "R", 10.0, "@"),
    (1, 23.2, 550.1, "R", 11.0, "Caisse de retraite complémentaire"),
    (1, 193.8, 550.1, "R", 11.0, ":"),
    (1, 23.2, 513.2, "R", 11.0, "Organisme de prévoyance le cas échéant"),
    (1, 229.2, 513.2, "R", 11.0, ":"),
    (1, 299.6, 696.8, "R", 11.0, "Particulier-employeur :"),
    (1, 427.3, 696.8, "R", 11.0, "oui"),
    (1, 480.8, 696.8, "R", 11.0, "non"),
    (1, 299.6, 680.7, "R", 11.0, "N° URSSAF du particulier-employeur"),
    (1, 483.6, 680.7, "R", 11.0, ":"),
    (1, 299.6, 640.4, "B", 11.0, "N° SIRET"),
    (1, 350.4, 640.4, "R", 11.0, "de l’établissement d’exécution du contrat"),
    (1, 552.2, 640.4, "R", 11.0, ":"),
    (1, 299.6, 609.8, "R", 11.0, "Code activité de l’entreprise ("),
    (1, 442.0, 609.8, "R", 11.0, "NAF"),
    (1, 464.0, 609.8, "R", 11.0, ")"),
    (1, 470.7, 609.8, "R", 11.0, ":"),
    (1, 299.6, 593.0, "R", 11.0, "Effectif total salariés de l’entreprise"),
    (1, 473.2, 593.0, "R", 11.0, ":"),
    (1, 299.6, 563.0, "R", 11.0, "Code IDCC de la convention"),
    (1, 442.0, 563.0, "R", 11.0, "collective applicable :"),
    (1, 299.6, 535.9, "R", 11.0, "Numéro du projet*"),
    (1, 391.9, 535.9, "R", 11.0, ":"),
    (1, 299.6, 519.8, "I", 9.0, "*à renseigner"),
    (1, 355.6, 519.8, "I", 9.0, "dans le cadre d'un contrat de professionnalisation"),
    (1, 299.6, 509.4, "I", 9.0, "associant des actions de validation des acquis de l'expérience"),
    (1, 299.6, 499.1, "I", 9.0, "mentionné à l'article 11 de la loi n° 2022-1598 du 21 décembre"),
    (1, 299.6, 488.7, "I", 9.0, "2022"),
    (1, 265.1, 470.7, "B", 11.0, "LE SALARI"),
    (1, 323.1, 470.7, "B", 11.0, "É"),
    (1, 23.2, 451.8, "B", 11.0, "Nom de naissance du salarié"),
    (1, 177.2, 451.8, "R", 11.0, ":"),
    (1, 23.2, 435.6, "B", 11.0, "Nom d’usage"),
    (1, 95.3, 435.6, "R", 11.0, ":"),
    (1, 23.2, 419.4, "B", 11.0, "Le premier prénom du salarié selon l’état civil"),
    (1, 265.3, 419.4, "R", 11.0, ":"),
    (1, 23.2, 399.6, "B", 11.0, "Adresse du salarié"),
    (1, 124.1, 399.6, "B", 11.0, ":"),
    (1, 23.2, 382.9, "R", 11.0, "N°"),
    (1, 38.6, 382.9, "R", 11.0, ":"),
    (1, 81.2, 382.9, "R", 11.0, "Voie :"),
    (1, 23.2, 365.6, "R", 11.0, "Complément"),
    (1, 88.6, 365.6, "R", 11.0, ":"),
    (1, 23.2, 348.2, "R", 11.0, "Code postal :"),
    (1, 23.2, 330.9, "R", 11.0, "Commune :"),
    (1, 23.2, 310.1, "R", 11.0, "Téléphone"),
    (1, 78.2, 310.1, "R", 11.0, ":"),
    (1, 23.2, 293.3, "R", 11.0, "Courriel"),
    (1, 64.8, 293.3, "R", 11.0, ":"),
    (1, 152.4, 280.4, "R", 10.0, "@"),
    (1, 23.2, 262.7, "R", 11.0, "NIR du salarié :"),
    (1, 23.2, 244.2, "R", 11.0, "Date de naissance"),
    (1, 117.3, 244.2, "R", 11.0, ":"),
    (1, 146.4, 244.2, "R", 11.0, "/"),
    (1, 175.3, 244.2, "R", 11.0, "/"),
    (1, 23.2, 226.2, "R", 11.0, "Sexe :"),
    (1, 71.8, 226.2, "R", 11.0, "M"),
    (1, 98.4, 226.2, "R", 11.0, "F"),
    (1, 299.6, 399.0, "R", 11.0, "Département de naissance :"),
    (1, 299.6, 381.7, "R", 11.0, "Commune de naissance :"),
    (1, 299.6, 368.4, "R", 11.0, "Déclare bénéficier de la reconnaissance de travailleur"),
    (1, 299.6, 355.7, "R", 11.0, "handicapé"),
    (1, 353.4, 355.7, "R", 11.0, ":"),
    (1, 373.8, 355.7, "R", 11.0, "oui"),
    (1, 427.3, 355.7, "R", 11.0, "non"),
    (1, 299.6, 343.1, "R", 11.0, "Si non, bénéficiez-vous de droits attachés à la RQTH**:"),
    (1, 299.6, 329.5, "R", 11.0, "Équivalence jeunes"),
    (1, 398.0, 329.5, "R", 11.0, ":"),
    (1, 418.5, 329.5, "R", 11.0, "oui"),
    (1, 472.0, 329.5, "R", 11.0, "non"),
    (1, 299.6, 316.6, "R", 11.0, "Extension"),
    (1, 350.9, 316.6, "R", 11.0, "BOE :"),
    (1, 397.7, 316.6, "R", 11.0, "oui"),
    (1, 451.2, 316.6, "R", 11.0, "non"),
    (1, 299.6, 302.8, "R", 11.0, "Inscrit à"),
    (1, 341.1, 302.8, "R", 11.0, "France Travail"),
    (1, 414.5, 302.8, "R", 11.0, ":"),
    (1, 435.0, 302.8, "R", 11.0, "oui"),
    (1, 488.5, 302.8, "R", 11.0, "non"),
    (1, 299.6, 286.1, "R", 11.0, "Si oui, numéro d’inscription"),
    (1, 434.6, 286.1, "R", 11.0, ":"),
    (1, 299.6, 272.2, "R", 11.0, "Durée"),
    (1, 332.6, 272.2, "R", 11.0, ":"),
    (1, 381.3, 272.2, "R", 11.0, "mois"),
    (1, 299.6, 251.4, "R", 11.0, "Situation avant ce contrat"),
    (1, 426.8, 251.4, "R", 11.0, ":"),
    (1, 299.6, 234.1, "R", 11.0, "Type de minimum social, si bénéficiaire"),
    (1, 494.6, 234.1, "R", 11.0, ":"),
    (1, 299.6, 216.7, "R", 11.0, "Diplôme ou titre le plus élevé obtenu"),
    (1, 480.6, 216.7, "R", 11.0, ":"),
    (
        1,
        23.2,
        197.1,
        "B",
        9.0,
        "** Reportez-vous à la page 3 de la notice pour en savoir plus sur les droits attachés à la RQTH.",
    ),
    (1, 266.9, 183.2, "B", 11.0, "LE TUTEUR"),
    (1, 23.2, 169.3, "B", 11.0, "Tuteur au sein de l’établissement employeur"),
    (1, 299.6, 169.3, "B", 11.0, "Tuteur de l’entreprise utilisatrice, si travail"),
    (1, 299.6, 156.6, "B", 11.0, "temporaire ou G"),
    (1, 384.5, 156.6, "B", 11.0, "roupement d’employeur"),
    (1, 23.2, 141.0, "B", 11.0, "Nom"),
    (1, 50.7, 141.0, "B", 11.0, ":"),
    (1, 23.2, 123.7, "B", 11.0, "Prénom"),
    (1, 67.2, 123.7, "B", 11.0, ":"),
    (1, 23.2, 106.3, "R", 11.0, "Emploi occupé"),
    (1, 98.4, 106.3, "R", 11.0, ":"),
    (1, 23.2, 89.0, "R", 11.0, "Date de naissance"),
    (1, 117.3, 89.0, "R", 11.0, ":"),
    (1, 146.3, 89.0, "R", 10.5, "/"),
    (1, 174.7, 89.0, "R", 10.5, "/"),
    (1, 299.6, 141.0, "B", 11.0, "Nom"),
    (1, 327.1, 141.0, "B", 11.0, ":"),
    (1, 299.6, 123.7, "B", 11.0, "Prénom"),
    (1, 343.6, 123.7, "B", 11.0, ":"),
    (1, 299.6, 106.3, "R", 11.0, "Emploi occupé"),
    (1, 374.8, 106.3, "R", 11.0, ":"),
    (1, 299.6, 88.6, "R", 11.0, "Date de naissance"),
    (1, 393.7, 88.6, "R", 11.0, ":"),
    (1, 423.0, 88.6, "R", 12.0, "/"),
    (1, 452.7, 88.6, "R", 12.0, "/"),
    (1, 299.6, 68.2, "R", 11.0, "Code activité de l’entreprise utilisatrice ("),
    (1, 493.9, 68.2, "R", 11.0, "NAF"),
    (1, 516.0, 68.2, "R", 11.0, ")*"),
    (1, 527.0, 68.2, "R", 11.0, ":"),
    (1, 299.6, 57.7, "R", 8.0, "*à renseigner dans le cadre d'un contrat de professionnalisation associant"),
    (
        1,
        299.6,
        48.5,
        "R",
        8.0,
        "des actions de validation des acquis de l'expérience mentionné à l'article 11",
    ),
    (1, 299.6, 39.3, "R", 8.0, "de la loi n° 2022-1598 du 21 décembre 2022."),
    (
        1,
        35.4,
        20.9,
        "BI",
        9.0,
        "L’employeur atteste sur l’honneur que le tuteur répond à l’ensemble des critères d’éligibilité à cette fonction.",
    ),
    (2, 258.7, 819.2, "B", 11.0, "LE CONTRAT"),
    (2, 23.2, 803.6, "R", 11.0, "Nature du contrat"),
    (2, 111.2, 803.6, "R", 11.0, ":"),
    (2, 37.6, 791.0, "R", 11.0, "CDI"),
    (2, 73.9, 791.0, "R", 11.0, "CDD"),
    (2, 115.2, 791.0, "R", 11.0, "travail temporaire"),
    (2, 25.1, 765.1, "R", 11.0, "Type de contrat"),
    (2, 104.1, 765.1, "R", 9.0, ":"),
    (2, 310.9, 800.2, "R", 11.0, "Si le présent contrat de professionnalisation vaut"),
    (2, 299.6, 787.5, "R", 11.0, "avenant au contrat de travail initial cochez la case ci-"),
    (2, 299.6, 774.9, "R", 11.0, "contre*"),
    (2, 299.6, 764.1, "I", 9.0, "* uniquement dans le cadre d'un contrat de professionnalisation"),
    (2, 299.6, 753.7, "I", 9.0, "associant des actions de validation des acquis de l'expérience"),
    (2, 299.6, 743.4, "I", 9.0, "mentionné à l'article 11 de la loi n° 2022-1598 du 21 décembre"),
    (2, 299.6, 733.0, "I", 9.0, "2022."),
    (2, 23.2, 719.6, "R", 11.0, "Emploi occupé pendant le contrat (intitulé précis)"),
    (2, 264.1, 719.6, "R", 11.0, ":"),
    (2, 23.2, 702.3, "R", 11.0, "Classification de l’emploi dans la convention collective"),
    (2, 289.8, 702.3, "R", 11.0, ":"),
    (2, 23.2, 686.3, "R", 11.0, "Niveau"),
    (2, 60.5, 686.3, "R", 11.0, ":"),
    (2, 299.6, 686.3, "R", 11.0, "Coefficient hiérarchique"),
    (2, 418.1, 686.3, "R", 11.0, ":"),
    (2, 23.2, 669.4, "R", 11.0, "Durée de la période d’essai"),
    (2, 160.2, 669.4, "R", 11.0, ":"),
    (2, 66.0, 656.1, "R", 11.0, "jours"),
    (2, 207.2, 669.4, "R", 11.0, "Date de début d’exécution du"),
    (2, 207.2, 656.7, "R", 11.0, "contrat"),
    (2, 243.9, 656.7, "R", 11.0, ":"),
    (2, 230.4, 643.1, "R", 12.0, "/"),
    (2, 260.1, 643.1, "R", 12.0, "/"),
    (2, 391.4, 669.4, "R", 11.0, "Si avenant, date d’effet :"),
    (2, 414.6, 655.7, "R", 12.0, "/"),
    (2, 444.3, 655.7, "R", 12.0, "/"),
    (2, 23.2, 628.7, "R", 11.0, "Date de fin du CDD ou de l’action"),
    (2, 23.2, 615.1, "R", 11.0, "de professionnalisation si CDI"),
    (2, 171.8, 615.1, "R", 11.0, ":"),
    (2, 46.4, 601.2, "R", 12.0, "/"),
    (2, 76.1, 601.2, "R", 12.0, "/"),
    (2, 207.2, 628.7, "R", 11.0, "Durée hebdomadaire du travail"),
    (2, 361.3, 628.7, "R", 11.0, ":"),
    (2, 230.2, 615.4, "R", 11.0, "heures"),
    (2, 289.8, 615.4, "R", 11.0, "minutes"),
    (2, 391.4, 628.7, "R", 11.0, "Date de conclusion"),
    (2, 487.9, 628.7, "R", 11.0, ":"),
    (2, 391.4, 616.0, "R", 11.0, "(date de signature"),
    (2, 480.1, 616.0, "B", 11.0, "s"),
    (2, 489.2, 616.0, "R", 11.0, "du contrat)"),
    (2, 414.6, 602.4, "R", 12.0, "/"),
    (2, 444.3, 602.4, "R", 12.0, "/"),
    (2, 23.2, 582.2, "B", 11.0, "Salaire brut mensuel à l’embauche"),
    (2, 207.2, 582.2, "B", 11.0, ":"),
    (2, 253.4, 582.2, "R", 10.0, ","),
    (2, 281.6, 582.2, "R", 10.0, "€"),
    (2, 23.2, 569.8, "R", 10.0, "(ou salaire brut horaire pour un contrat de travail temporaire)"),
    (2, 252.0, 555.2, "B", 11.0, "LA FORMATION"),
    (2, 23.2, 534.5, "R", 11.0, "Dénomination de l’organisme de formation principal"),
    (2, 276.9, 534.5, "R", 11.0, ":"),
    (2, 23.2, 495.3, "R", 11.0, "S’agit-il d’un service de formation interne"),
    (2, 224.9, 495.3, "R", 11.0, ":"),
    (2, 37.6, 482.7, "R", 11.0, "oui"),
    (2, 91.1, 482.7, "R", 11.0, "non"),
    (2, 37.5, 458.1, "BI", 9.0, "L’employeur atteste que le service de formation interne"),
    (2, 23.2, 445.4, "BI", 9.0, "dispose des moyens nécessaires à la réalisation de la"),
    (2, 23.2, 435.1, "BI", 9.0, "formation du salarié."),
    (2, 299.6, 534.5, "R", 11.0, "N° SIRET de l’organisme de formation principal"),
    (2, 533.2, 534.5, "R", 11.0, ":"),
    (2, 299.6, 508.0, "R", 11.0, "N° de déclaration d’activité de cet organisme"),
    (2, 520.4, 508.0, "R", 11.0, ":"),
    (2, 299.6, 481.4, "R", 11.0, "Nombre d’organismes de formation intervenant"),
    (2, 531.9, 481.4, "R", 11.0, ":"),
    (2, 23.2, 409.6, "R", 11.0, "Type qualification visée :"),
    (2, 207.2, 409.6, "R", 11.0, "Diplôme ou titre visé :"),
    (2, 405.2, 409.6, "R", 11.0, "Code RNCP"),
    (2, 468.8, 409.6, "R", 11.0, ":"),
    (2, 23.2, 385.0, "R", 11.0, "Intitulé précis"),
    (2, 91.0, 385.0, "R", 11.0, ":"),
    (2, 23.2, 360.4, "R", 11.0, "Spécialité de formation"),
    (2, 138.2, 360.4, "R", 11.0, ":"),
    (2, 23.2, 346.6, "B", 11.0, "Organisation de la formation"),
    (2, 176.0, 346.6, "B", 11.0, ":"),
    (
        2,
        23.2,
        329.9,
        "R",
        11.0,
        "Durée totale des actions d’évaluation, d’accompagnement et des enseignements",
    ),
    (2, 419.4, 329.9, "R", 11.0, ":"),
    (2, 468.6, 329.9, "R", 11.0, "heures"),
    (2, 505.4, 329.9, "B", 11.0, "dont durée"),
    (2, 23.2, 315.6, "B", 11.0, "des enseignements généraux, professionnels et technologiques"),
    (2, 361.8, 315.6, "R", 11.0, ":"),
    (2, 411.1, 315.6, "R", 11.0, "heures"),
    (2, 23.2, 293.2, "R", 11.0, "Date de début du cycle de formation :"),
    (2, 46.4, 279.6, "R", 12.0, "/"),
    (2, 76.1, 279.6, "R", 12.0, "/"),
    (2, 299.6, 293.2, "R", 11.0, "Date prévue de fin des épreuves ou examens"),
    (2, 524.6, 293.2, "R", 11.0, ":"),
    (2, 322.8, 279.6, "R", 12.0, "/"),
    (2, 352.5, 279.6, "R", 12.0, "/"),
    (
        2,
        23.2,
        263.6,
        "B",
        8.5,
        "En application de l’article L.6325-3 du code du travail, l’employeur s’engage à assurer au titulaire du contrat une formation lui",
    ),
    (
        2,
        23.2,
        253.8,
        "B",
        8.5,
        "permettant d’acquérir une qualification professionnelle et à lui fournir un emploi en relation avec cet objectif pendant la durée du CDD",
    ),
    (
        2,
        23.2,
        244.0,
        "B",
        8.5,
        "ou de l’action de professionnalisation du CDI. Le titulaire du contrat s’engage à travailler pour le compte de son employeur et à suivre",
    ),
    (2, 23.2, 234.2, "B", 8.5, "la formation prévue au contrat."),
    (2, 23.2, 218.4, "R", 11.0, "Fait à"),
    (2, 53.8, 218.4, "R", 11.0, ":"),
    (2, 95.8, 204.4, "BI", 10.0, "Signature de l’employeur"),
    (2, 384.1, 204.4, "BI", 10.0, "Signature du salarié"),
    (2, 218.7, 134.3, "B", 11.0, "CADRE RÉSERVÉ À L’OPCO"),
    (2, 23.2, 120.6, "R", 11.0, "Nom de l’OPCO"),
    (2, 105.1, 120.6, "R", 11.0, ":"),
    (2, 299.6, 120.6, "R", 11.0, "N° Adhérent de l’employeur à l’OPCO s’il existe :"),
    (
        2,
        65.3,
        82.1,
        "BI",
        9.0,
        "Pour remplir le contrat et pour plus d’informations sur le traitement des données reportez-vous à la notice.",
    ),
)

# Grey section bands (page, x, y, width, height); their titles are in TEXTS.
BANDS = (
    (1, 17.7, 720.3, 559.9, 13.4),
    (1, 17.7, 466.6, 559.9, 16.6),
    (1, 17.7, 180.1, 559.9, 14.7),
    (2, 17.7, 814.4, 552.6, 15.6),
    (2, 17.7, 548.8, 552.6, 17.1),
    (2, 17.7, 131.4, 552.6, 14.2),
)

# Black rules 0.5 pt (page, x1, y1, x2, y2): band edges and the page frame.
LINES = (
    (1, 17.9, 733.5, 577.4, 733.5),
    (1, 17.9, 720.0, 577.4, 720.0),
    (1, 17.9, 482.9, 577.4, 482.9),
    (1, 17.9, 466.3, 577.4, 466.3),
    (1, 17.9, 194.5, 577.4, 194.5),
    (1, 17.9, 179.8, 577.4, 179.8),
    (1, 17.4, 14.2, 577.9, 14.2),
    (1, 17.7, 733.8, 17.7, 14.0),
    (1, 577.6, 733.8, 577.6, 14.0),
    (2, 17.4, 829.7, 570.6, 829.7),
    (2, 17.9, 814.1, 570.6, 814.1),
    (2, 17.9, 565.7, 570.6, 565.7),
    (2, 17.9, 548.5, 570.6, 548.5),
    (2, 17.9, 145.4, 570.6, 145.4),
    (2, 17.9, 131.1, 570.6, 131.1),
    (2, 17.9, 90.7, 570.6, 90.7),
    (2, 17.7, 74.3, 570.4, 74.3),
    (2, 17.7, 830.0, 17.7, 90.5),
    (2, 570.4, 829.5, 570.4, 90.5),
)

# Framed blocks 1 pt (page, x1, y1, x2, y2): particulier-employeur, prévoyance, service de formation interne.
FRAMES = ((1, 293.1, 655.8, 508.2, 713.7), (1, 21.1, 493.2, 291.4, 524.9), (2, 20.9, 426.6, 285.5, 508.9))
