"""Field map of CERFA FA13 n° 10103*14, contrat d'apprentissage (in force since 1 July 2025).

The fields are those of the official blank (216: 194 text, 22 check boxes), with their widget rectangles
and the printed label each belongs to, as read off the public form (notice n° 51649#09). The names are
LibreOffice's generic ones (`Zone de texte 8_15`, `Case #C3#A0 cocher 5_5`, the « à » escaped in the name
as the PDF stores it) and are NOT stable between versions: 10103*13 has the same names on other boxes.
"""

from datetime import date
from itertools import groupby

from cactus.documents.exceptions import DocumentError
from cactus.documents.official_forms.maps import (
    CHECK,
    TEXT,
    FieldMap,
    FormField,
    Values,
    amount_parts,
    date_parts,
    put,
    put_yes_no,
)
from cactus.documents.renderers.base import (
    address_number,
    format_phone,
    format_rate,
    is_no,
    is_yes,
    person_name,
    text,
)

NUMBER = "10103*14"

FIELDS: tuple[FormField, ...] = (
    # Page 1 — En-tête
    FormField(
        "Zone de texte 8_54",
        1,
        TEXT,
        (404.9, 754.4, 419.1, 765.8),
        "Mode contractuel de l'apprentissage (code 1-4)",
    ),
    # Page 1 — L'employeur
    FormField("Case #C3#A0 cocher 1", 1, CHECK, (179.5, 728.0, 187.6, 736.0), "employeur privé"),
    FormField("Case #C3#A0 cocher 2", 1, CHECK, (311.2, 728.0, 319.3, 736.0), "employeur « public »*"),
    FormField("Zone de texte 8", 1, TEXT, (19.6, 691.4, 283.5, 702.8), "Nom et prénom ou dénomination"),
    FormField(
        "Zone de texte 8_2",
        1,
        TEXT,
        (294.3, 691.4, 574.4, 702.8),
        "N°SIRET de l'établissement d'exécution du contrat",
    ),
    FormField("Zone de texte 8_3", 1, TEXT, (386.5, 677.5, 574.4, 688.9), "Type d'employeur (code)"),
    FormField(
        "Zone de texte 8_14",
        1,
        TEXT,
        (40.2, 663.6, 76.9, 675.0),
        "Adresse de l'établissement d'exécution — N°",
    ),
    FormField("Zone de texte 8_13", 1, TEXT, (109.5, 663.6, 283.5, 675.0), "Adresse — Voie"),
    FormField("Zone de texte 8_4", 1, TEXT, (403.4, 663.6, 574.4, 675.0), "Employeur spécifique (code)"),
    FormField("Zone de texte 8_8", 1, TEXT, (87.9, 649.7, 283.5, 661.1), "Adresse — Complément"),
    FormField(
        "Zone de texte 8_7", 1, TEXT, (463.5, 649.7, 512.1, 661.1), "Code activité de l'entreprise (APE)"
    ),
    FormField("Zone de texte 8_9", 1, TEXT, (84.4, 635.8, 134.7, 647.2), "Adresse — Code postal"),
    FormField("Zone de texte 8_10", 1, TEXT, (76.8, 621.9, 283.5, 633.3), "Adresse — Commune"),
    FormField(
        "Zone de texte 8_5", 1, TEXT, (294.3, 621.9, 363.1, 633.3), "Effectif total salariés de l'entreprise"
    ),
    FormField("Zone de texte 8_11", 1, TEXT, (78.0, 608.0, 283.5, 619.4), "Téléphone"),
    FormField("Zone de texte 8_12", 1, TEXT, (65.2, 594.1, 283.5, 605.5), "Courriel"),
    FormField(
        "Zone de texte 8_6",
        1,
        TEXT,
        (294.3, 594.1, 363.1, 605.5),
        "Code IDCC de la convention collective applicable",
    ),
    FormField(
        "Case #C3#A0 cocher 2_2",
        1,
        CHECK,
        (466.3, 575.0, 474.4, 583.1),
        "*Employeur public : adhésion de l'apprenti au régime spécifique d'assurance chômage",
    ),
    # Page 1 — L'apprenti(e)
    FormField(
        "Zone de texte 8_15", 1, TEXT, (198.8, 538.5, 574.4, 549.9), "Nom de naissance de l'apprenti(e)"
    ),
    FormField("Zone de texte 8_16", 1, TEXT, (94.3, 524.6, 574.4, 536.0), "Nom d'usage"),
    FormField(
        "Zone de texte 8_17",
        1,
        TEXT,
        (275.2, 510.7, 574.4, 522.1),
        "Le premier prénom de l'apprenti(e) selon l'état civil",
    ),
    FormField("Zone de texte 21_7", 1, TEXT, (390.0, 496.2, 401.5, 507.6), "Date de naissance (jour)"),
    FormField("Zone de texte 21_8", 1, TEXT, (410.0, 496.2, 421.4, 507.6), "Date de naissance (mois)"),
    FormField("Zone de texte 21_9", 1, TEXT, (429.9, 496.2, 452.7, 507.6), "Date de naissance (année)"),
    FormField("Case #C3#A0 cocher 3", 1, CHECK, (330.7, 483.9, 338.8, 492.0), "Sexe M"),
    FormField("Case #C3#A0 cocher 4", 1, CHECK, (359.8, 483.9, 367.9, 492.0), "Sexe F"),
    FormField("Zone de texte 8_18", 1, TEXT, (19.6, 482.3, 283.5, 493.7), "NIR de l'apprenti(e)"),
    FormField("Zone de texte 8_26", 1, TEXT, (428.6, 468.4, 463.3, 479.8), "Département de naissance"),
    FormField("Zone de texte 8_19", 1, TEXT, (40.1, 454.5, 76.8, 465.9), "Adresse de l'apprenti(e) — N°"),
    FormField("Zone de texte 8_20", 1, TEXT, (109.4, 454.5, 283.5, 465.9), "Adresse — Voie"),
    FormField("Zone de texte 8_27", 1, TEXT, (416.3, 454.5, 574.4, 465.9), "Commune de naissance"),
    FormField("Zone de texte 8_21", 1, TEXT, (87.9, 440.6, 283.5, 452.0), "Adresse — Complément"),
    FormField("Zone de texte 8_33", 1, TEXT, (352.7, 440.6, 386.8, 452.0), "Nationalité (code)"),
    FormField("Zone de texte 8_34", 1, TEXT, (464.3, 440.6, 498.1, 452.0), "Régime social (code)"),
    FormField("Zone de texte 8_22", 1, TEXT, (84.4, 426.7, 134.7, 438.1), "Adresse — Code postal"),
    FormField("Case #C3#A0 cocher 5", 1, CHECK, (295.1, 414.4, 303.2, 422.5), "Sportif de haut niveau — Oui"),
    FormField(
        "Case #C3#A0 cocher 5_2", 1, CHECK, (342.8, 414.4, 350.9, 422.5), "Sportif de haut niveau — Non"
    ),
    FormField("Zone de texte 8_23", 1, TEXT, (76.8, 412.8, 283.5, 424.2), "Adresse — Commune"),
    FormField("Zone de texte 8_24", 1, TEXT, (78.0, 398.9, 283.5, 410.3), "Téléphone"),
    FormField(
        "Case #C3#A0 cocher 5_3",
        1,
        CHECK,
        (352.3, 386.6, 360.4, 394.7),
        "Reconnaissance travailleur handicapé (RQTH) — Oui",
    ),
    FormField("Case #C3#A0 cocher 5_4", 1, CHECK, (400.0, 386.6, 408.1, 394.7), "RQTH — Non"),
    FormField("Zone de texte 8_25", 1, TEXT, (65.2, 385.0, 283.5, 396.4), "Courriel"),
    FormField(
        "Case #C3#A0 cocher 5_5",
        1,
        CHECK,
        (394.9, 358.8, 403.0, 366.9),
        "Si non, droits attachés à la RQTH : Équivalence jeunes — Oui",
    ),
    FormField("Case #C3#A0 cocher 5_6", 1, CHECK, (442.6, 358.8, 450.7, 366.9), "Équivalence jeunes — Non"),
    FormField("Case #C3#A0 cocher 5_7", 1, CHECK, (375.0, 344.9, 383.1, 353.0), "Extension BOE — Oui"),
    FormField("Case #C3#A0 cocher 5_8", 1, CHECK, (422.7, 344.9, 430.8, 353.0), "Extension BOE — Non"),
    FormField(
        "Zone de texte 8_35",
        1,
        TEXT,
        (19.6, 335.8, 283.5, 347.2),
        "Représentant légal : Nom de naissance et prénom",
    ),
    FormField(
        "Zone de texte 8_28", 1, TEXT, (421.5, 329.4, 455.4, 340.8), "Situation avant ce contrat (code)"
    ),
    FormField(
        "Zone de texte 8_29", 1, TEXT, (451.3, 315.5, 485.8, 326.9), "Dernier diplôme ou titre préparé (code)"
    ),
    FormField(
        "Zone de texte 8_37", 1, TEXT, (39.2, 309.4, 75.9, 320.8), "Adresse du représentant légal — N°"
    ),
    FormField("Zone de texte 8_36", 1, TEXT, (107.0, 309.4, 283.5, 320.8), "Représentant — Voie"),
    FormField(
        "Zone de texte 8_30", 1, TEXT, (443.7, 301.6, 479.5, 313.0), "Dernière classe / année suivie (code)"
    ),
    FormField("Zone de texte 8_38", 1, TEXT, (84.7, 296.2, 283.5, 307.6), "Représentant — Complément"),
    FormField("Zone de texte 8_39", 1, TEXT, (81.3, 283.0, 134.7, 294.4), "Représentant — Code postal"),
    FormField(
        "Zone de texte 8_31",
        1,
        TEXT,
        (294.3, 273.8, 574.4, 285.2),
        "Intitulé précis du dernier diplôme ou titre préparé",
    ),
    FormField("Zone de texte 8_40", 1, TEXT, (74.1, 269.8, 283.5, 281.2), "Représentant — Commune"),
    FormField(
        "Zone de texte 8_32",
        1,
        TEXT,
        (472.9, 259.9, 507.7, 271.3),
        "Diplôme ou titre le plus élevé obtenu (code)",
    ),
    FormField("Zone de texte 8_41", 1, TEXT, (63.0, 256.6, 283.5, 268.0), "Représentant — Courriel"),
    FormField(
        "Case #C3#A0 cocher 5_9",
        1,
        CHECK,
        (358.7, 233.7, 366.8, 241.8),
        "Projet de création ou de reprise d'entreprise — Oui",
    ),
    FormField(
        "Case #C3#A0 cocher 5_10", 1, CHECK, (406.4, 233.7, 414.5, 241.8), "Projet de création/reprise — Non"
    ),
    # Page 1 — Le maître d'apprentissage
    FormField("Zone de texte 8_42", 1, TEXT, (121.2, 171.6, 283.5, 183.0), "MA n°1 Nom de naissance"),
    FormField("Zone de texte 8_46", 1, TEXT, (395.8, 171.6, 574.4, 183.0), "MA n°2 Nom de naissance"),
    FormField("Zone de texte 8_43", 1, TEXT, (65.1, 157.7, 283.5, 169.1), "MA n°1 Prénom"),
    FormField("Zone de texte 8_47", 1, TEXT, (342.7, 157.7, 574.4, 169.1), "MA n°2 Prénom"),
    FormField("Zone de texte 21_4", 1, TEXT, (115.3, 143.8, 126.8, 155.2), "MA n°1 Date de naissance (jour)"),
    FormField("Zone de texte 21_5", 1, TEXT, (135.3, 143.8, 146.7, 155.2), "MA n°1 Date de naissance (mois)"),
    FormField(
        "Zone de texte 21_6", 1, TEXT, (155.2, 143.8, 178.0, 155.2), "MA n°1 Date de naissance (année)"
    ),
    FormField("Zone de texte 21", 1, TEXT, (390.0, 143.8, 401.4, 155.2), "MA n°2 Date de naissance (jour)"),
    FormField("Zone de texte 21_2", 1, TEXT, (409.9, 143.8, 421.4, 155.2), "MA n°2 Date de naissance (mois)"),
    FormField(
        "Zone de texte 21_3", 1, TEXT, (429.9, 143.8, 452.7, 155.2), "MA n°2 Date de naissance (année)"
    ),
    FormField("Zone de texte 8_44", 1, TEXT, (62.2, 129.9, 283.5, 141.3), "MA n°1 Courriel"),
    FormField("Zone de texte 8_48", 1, TEXT, (336.9, 129.9, 574.4, 141.3), "MA n°2 Courriel"),
    FormField("Zone de texte 8_45", 1, TEXT, (97.3, 116.0, 283.5, 127.4), "MA n°1 Emploi occupé"),
    FormField("Zone de texte 8_49", 1, TEXT, (371.9, 116.0, 574.4, 127.4), "MA n°2 Emploi occupé"),
    FormField(
        "Zone de texte 8_50",
        1,
        TEXT,
        (19.6, 88.9, 283.5, 100.3),
        "MA n°1 Diplôme ou titre le plus élevé obtenu",
    ),
    FormField(
        "Zone de texte 8_51",
        1,
        TEXT,
        (294.3, 88.9, 574.4, 100.3),
        "MA n°2 Diplôme ou titre le plus élevé obtenu",
    ),
    FormField(
        "Zone de texte 8_52",
        1,
        TEXT,
        (246.7, 75.0, 283.5, 86.4),
        "MA n°1 Niveau de diplôme ou titre le plus élevé obtenu (code)",
    ),
    FormField("Zone de texte 8_53", 1, TEXT, (521.4, 75.0, 574.4, 86.4), "MA n°2 Niveau de diplôme (code)"),
    FormField(
        "Case #C3#A0 cocher 6",
        1,
        CHECK,
        (18.2, 60.9, 24.7, 67.4),
        "L'employeur atteste sur l'honneur que le maître d'apprentissage répond à l'ensemble des critères d'éligibilité",
    ),
    # Page 2 — Le contrat
    FormField(
        "Zone de texte 8_71", 2, TEXT, (164.4, 803.4, 192.9, 814.8), "Type de contrat ou d'avenant (code)"
    ),
    FormField("Zone de texte 8_70", 2, TEXT, (395.5, 802.6, 423.9, 814.0), "Type de dérogation (code)"),
    FormField(
        "Zone de texte 8_55",
        2,
        TEXT,
        (349.5, 787.9, 574.4, 799.3),
        "Numéro du contrat précédent ou du contrat sur lequel porte l'avenant",
    ),
    FormField("Zone de texte 21_16", 2, TEXT, (19.6, 748.1, 31.1, 759.5), "Date de conclusion (jour)"),
    FormField("Zone de texte 21_17", 2, TEXT, (39.6, 748.1, 51.0, 759.5), "Date de conclusion (mois)"),
    FormField("Zone de texte 21_18", 2, TEXT, (59.5, 748.1, 82.3, 759.5), "Date de conclusion (année)"),
    FormField(
        "Zone de texte 21_19",
        2,
        TEXT,
        (195.5, 747.1, 207.0, 758.5),
        "Date de début d'exécution du contrat (jour)",
    ),
    FormField(
        "Zone de texte 21_20",
        2,
        TEXT,
        (215.5, 747.1, 226.9, 758.5),
        "Date de début d'exécution du contrat (mois)",
    ),
    FormField(
        "Zone de texte 21_21",
        2,
        TEXT,
        (235.4, 747.1, 258.2, 758.5),
        "Date de début d'exécution du contrat (année)",
    ),
    FormField(
        "Zone de texte 21_22",
        2,
        TEXT,
        (374.6, 747.1, 386.1, 758.5),
        "Date de début de formation pratique chez l'employeur (jour)",
    ),
    FormField(
        "Zone de texte 21_23",
        2,
        TEXT,
        (394.6, 747.1, 406.0, 758.5),
        "Date de début de formation pratique chez l'employeur (mois)",
    ),
    FormField(
        "Zone de texte 21_24",
        2,
        TEXT,
        (414.5, 747.1, 437.3, 758.5),
        "Date de début de formation pratique chez l'employeur (année)",
    ),
    FormField(
        "Zone de texte 21_13", 2, TEXT, (135.8, 730.6, 147.3, 742.0), "Si avenant, date d'effet (jour)"
    ),
    FormField(
        "Zone de texte 21_14", 2, TEXT, (155.8, 730.6, 167.2, 742.0), "Si avenant, date d'effet (mois)"
    ),
    FormField(
        "Zone de texte 21_15", 2, TEXT, (175.7, 730.6, 198.5, 742.0), "Si avenant, date d'effet (année)"
    ),
    FormField(
        "Zone de texte 8_68", 2, TEXT, (416.1, 717.7, 450.6, 729.1), "Durée hebdomadaire du travail — heures"
    ),
    FormField("Zone de texte 8_69", 2, TEXT, (488.5, 717.7, 522.9, 729.1), "Durée hebdomadaire — minutes"),
    FormField(
        "Zone de texte 21_10",
        2,
        TEXT,
        (284.1, 716.7, 295.6, 728.1),
        "Date de fin du contrat ou de la période d'apprentissage (jour)",
    ),
    FormField(
        "Zone de texte 21_11",
        2,
        TEXT,
        (304.1, 716.7, 315.5, 728.1),
        "Date de fin du contrat ou de la période d'apprentissage (mois)",
    ),
    FormField(
        "Zone de texte 21_12",
        2,
        TEXT,
        (324.0, 716.7, 346.8, 728.1),
        "Date de fin du contrat ou de la période d'apprentissage (année)",
    ),
    FormField(
        "Case #C3#A0 cocher 5_13",
        2,
        CHECK,
        (390.3, 703.2, 398.4, 711.3),
        "Travail sur machines dangereuses / risques particuliers — Oui",
    ),
    FormField(
        "Case #C3#A0 cocher 5_14", 2, CHECK, (439.8, 703.2, 447.9, 711.3), "Machines dangereuses — Non"
    ),
    FormField(
        "Zone de texte 21_81",
        2,
        TEXT,
        (91.8, 669.0, 103.3, 680.4),
        "Rémunération 1ère année, période 1 : du (jour)",
    ),
    FormField("Zone de texte 21_82", 2, TEXT, (111.8, 669.0, 123.2, 680.4), "… du (mois)"),
    FormField("Zone de texte 21_83", 2, TEXT, (131.7, 669.0, 154.5, 680.4), "… du (année)"),
    FormField("Zone de texte 21_84", 2, TEXT, (174.9, 669.0, 186.4, 680.4), "… au (jour)"),
    FormField("Zone de texte 21_85", 2, TEXT, (194.9, 669.0, 206.3, 680.4), "… au (mois)"),
    FormField("Zone de texte 21_86", 2, TEXT, (214.8, 669.0, 237.6, 680.4), "… au (année)"),
    FormField("Zone de texte 8_95", 2, TEXT, (246.3, 669.0, 263.4, 680.4), "… %"),
    FormField("Zone de texte 8_96", 2, TEXT, (293.1, 669.0, 318.7, 680.4), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_87",
        2,
        TEXT,
        (346.1, 669.0, 357.6, 680.4),
        "Rémunération 1ère année, période 2 : du (jour)",
    ),
    FormField("Zone de texte 21_88", 2, TEXT, (366.1, 669.0, 377.5, 680.4), "… du (mois)"),
    FormField("Zone de texte 21_89", 2, TEXT, (386.0, 669.0, 408.8, 680.4), "… du (année)"),
    FormField("Zone de texte 21_90", 2, TEXT, (426.3, 669.0, 437.7, 680.4), "… au (jour)"),
    FormField("Zone de texte 21_91", 2, TEXT, (446.2, 669.0, 457.7, 680.4), "… au (mois)"),
    FormField("Zone de texte 21_92", 2, TEXT, (466.2, 669.0, 489.0, 680.4), "… au (année)"),
    FormField("Zone de texte 8_97", 2, TEXT, (494.8, 669.0, 511.9, 680.4), "… %"),
    FormField("Zone de texte 8_98", 2, TEXT, (541.6, 669.0, 567.2, 680.4), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_37",
        2,
        TEXT,
        (91.5, 655.1, 102.9, 666.5),
        "Rémunération 2ème année, période 1 : du (jour)",
    ),
    FormField("Zone de texte 21_38", 2, TEXT, (111.4, 655.1, 122.9, 666.5), "… du (mois)"),
    FormField("Zone de texte 21_39", 2, TEXT, (131.4, 655.1, 154.2, 666.5), "… du (année)"),
    FormField("Zone de texte 21_40", 2, TEXT, (174.6, 655.1, 186.0, 666.5), "… au (jour)"),
    FormField("Zone de texte 21_41", 2, TEXT, (194.5, 655.1, 206.0, 666.5), "… au (mois)"),
    FormField("Zone de texte 21_42", 2, TEXT, (214.5, 655.1, 237.3, 666.5), "… au (année)"),
    FormField("Zone de texte 8_56", 2, TEXT, (246.0, 655.1, 263.1, 666.5), "… %"),
    FormField("Zone de texte 8_57", 2, TEXT, (292.8, 655.1, 318.4, 666.5), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_43",
        2,
        TEXT,
        (345.8, 655.1, 357.2, 666.5),
        "Rémunération 2ème année, période 2 : du (jour)",
    ),
    FormField("Zone de texte 21_44", 2, TEXT, (365.7, 655.1, 377.2, 666.5), "… du (mois)"),
    FormField("Zone de texte 21_45", 2, TEXT, (385.7, 655.1, 408.5, 666.5), "… du (année)"),
    FormField("Zone de texte 21_46", 2, TEXT, (425.9, 655.1, 437.4, 666.5), "… au (jour)"),
    FormField("Zone de texte 21_47", 2, TEXT, (445.9, 655.1, 457.3, 666.5), "… au (mois)"),
    FormField("Zone de texte 21_48", 2, TEXT, (465.8, 655.1, 488.6, 666.5), "… au (année)"),
    FormField("Zone de texte 8_58", 2, TEXT, (494.4, 655.1, 511.5, 666.5), "… %"),
    FormField("Zone de texte 8_59", 2, TEXT, (541.2, 655.1, 566.8, 666.5), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_49",
        2,
        TEXT,
        (92.7, 641.2, 104.2, 652.6),
        "Rémunération 3ème année, période 1 : du (jour)",
    ),
    FormField("Zone de texte 21_50", 2, TEXT, (112.7, 641.2, 124.1, 652.6), "… du (mois)"),
    FormField("Zone de texte 21_51", 2, TEXT, (132.6, 641.2, 155.4, 652.6), "… du (année)"),
    FormField("Zone de texte 21_52", 2, TEXT, (175.8, 641.2, 187.3, 652.6), "… au (jour)"),
    FormField("Zone de texte 21_53", 2, TEXT, (195.8, 641.2, 207.2, 652.6), "… au (mois)"),
    FormField("Zone de texte 21_54", 2, TEXT, (215.7, 641.2, 238.5, 652.6), "… au (année)"),
    FormField("Zone de texte 8_60", 2, TEXT, (247.2, 641.2, 264.3, 652.6), "… %"),
    FormField("Zone de texte 8_61", 2, TEXT, (294.0, 641.2, 319.6, 652.6), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_55",
        2,
        TEXT,
        (347.0, 641.2, 358.5, 652.6),
        "Rémunération 3ème année, période 2 : du (jour)",
    ),
    FormField("Zone de texte 21_56", 2, TEXT, (367.0, 641.2, 378.4, 652.6), "… du (mois)"),
    FormField("Zone de texte 21_57", 2, TEXT, (386.9, 641.2, 409.7, 652.6), "… du (année)"),
    FormField("Zone de texte 21_58", 2, TEXT, (427.2, 641.2, 438.6, 652.6), "… au (jour)"),
    FormField("Zone de texte 21_59", 2, TEXT, (447.1, 641.2, 458.6, 652.6), "… au (mois)"),
    FormField("Zone de texte 21_60", 2, TEXT, (467.1, 641.2, 489.9, 652.6), "… au (année)"),
    FormField("Zone de texte 8_62", 2, TEXT, (495.7, 641.2, 512.8, 652.6), "… %"),
    FormField("Zone de texte 8_63", 2, TEXT, (542.5, 641.2, 568.1, 652.6), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_61",
        2,
        TEXT,
        (92.7, 627.3, 104.2, 638.7),
        "Rémunération 4ème année, période 1 : du (jour)",
    ),
    FormField("Zone de texte 21_62", 2, TEXT, (112.7, 627.3, 124.1, 638.7), "… du (mois)"),
    FormField("Zone de texte 21_63", 2, TEXT, (132.6, 627.3, 155.4, 638.7), "… du (année)"),
    FormField("Zone de texte 21_64", 2, TEXT, (175.8, 627.3, 187.3, 638.7), "… au (jour)"),
    FormField("Zone de texte 21_65", 2, TEXT, (195.8, 627.3, 207.2, 638.7), "… au (mois)"),
    FormField("Zone de texte 21_66", 2, TEXT, (215.7, 627.3, 238.5, 638.7), "… au (année)"),
    FormField("Zone de texte 8_64", 2, TEXT, (247.2, 627.3, 264.3, 638.7), "… %"),
    FormField("Zone de texte 8_65", 2, TEXT, (294.0, 627.3, 319.6, 638.7), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 21_67",
        2,
        TEXT,
        (347.0, 627.3, 358.5, 638.7),
        "Rémunération 4ème année, période 2 : du (jour)",
    ),
    FormField("Zone de texte 21_68", 2, TEXT, (367.0, 627.3, 378.4, 638.7), "… du (mois)"),
    FormField("Zone de texte 21_69", 2, TEXT, (386.9, 627.3, 409.7, 638.7), "… du (année)"),
    FormField("Zone de texte 21_70", 2, TEXT, (427.2, 627.3, 438.6, 638.7), "… au (jour)"),
    FormField("Zone de texte 21_71", 2, TEXT, (447.1, 627.3, 458.6, 638.7), "… au (mois)"),
    FormField("Zone de texte 21_72", 2, TEXT, (467.1, 627.3, 489.9, 638.7), "… au (année)"),
    FormField("Zone de texte 8_66", 2, TEXT, (495.7, 627.3, 512.8, 638.7), "… %"),
    FormField("Zone de texte 8_67", 2, TEXT, (542.5, 627.3, 568.1, 638.7), "… du [SMIC/SMC]*"),
    FormField(
        "Zone de texte 8_72", 2, TEXT, (19.6, 596.1, 69.0, 607.5), "Salaire brut mensuel à l'embauche — euros"
    ),
    FormField("Zone de texte 21_73", 2, TEXT, (71.8, 596.1, 94.6, 607.5), "Salaire brut — centimes"),
    FormField(
        "Zone de texte 21_74", 2, TEXT, (294.3, 596.1, 565.0, 607.5), "Caisse de retraite complémentaire"
    ),
    FormField(
        "Zone de texte 21_75",
        2,
        TEXT,
        (254.3, 578.6, 277.1, 590.0),
        "Avantages en nature : Nourriture — euros / repas",
    ),
    FormField("Zone de texte 21_76", 2, TEXT, (280.0, 578.6, 291.4, 590.0), "Nourriture — centimes"),
    FormField("Zone de texte 21_77", 2, TEXT, (399.4, 578.6, 422.2, 590.0), "Logement — euros / mois"),
    FormField("Zone de texte 21_78", 2, TEXT, (425.0, 578.6, 436.5, 590.0), "Logement — centimes"),
    FormField("Zone de texte 21_79", 2, TEXT, (524.5, 578.6, 547.3, 590.0), "Autre"),
    # Page 2 — La formation
    FormField("Case #C3#A0 cocher 5_11", 2, CHECK, (108.0, 549.0, 116.1, 557.0), "CFA d'entreprise — Oui"),
    FormField("Case #C3#A0 cocher 5_12", 2, CHECK, (155.7, 549.0, 163.8, 557.0), "CFA d'entreprise — Non"),
    FormField(
        "Zone de texte 8_77",
        2,
        TEXT,
        (461.8, 547.3, 524.6, 558.7),
        "Diplôme ou titre visé par l'apprenti (code)",
    ),
    FormField("Zone de texte 8_99", 2, TEXT, (19.6, 519.5, 279.5, 530.9), "Dénomination du CFA responsable"),
    FormField(
        "Zone de texte 8_100",
        2,
        TEXT,
        (294.3, 519.5, 565.0, 530.9),
        "Intitulé précis (du diplôme ou titre visé)",
    ),
    FormField("Zone de texte 8_73", 2, TEXT, (99.1, 505.6, 279.5, 517.0), "N° UAI du CFA"),
    FormField("Zone de texte 8_75", 2, TEXT, (382.4, 505.6, 565.0, 517.0), "Code du diplôme"),
    FormField("Zone de texte 8_74", 2, TEXT, (97.9, 491.7, 279.5, 503.1), "N° SIRET CFA"),
    FormField("Zone de texte 8_76", 2, TEXT, (363.7, 491.7, 565.0, 503.1), "Code RNCP"),
    FormField("Zone de texte 8_79", 2, TEXT, (40.2, 456.4, 76.9, 467.8), "Adresse du CFA responsable — N°"),
    FormField("Zone de texte 8_80", 2, TEXT, (109.5, 456.4, 281.9, 467.8), "CFA — Voie"),
    FormField("Zone de texte 8_81", 2, TEXT, (87.9, 442.5, 282.7, 453.9), "CFA — Complément"),
    FormField(
        "Zone de texte 21_25",
        2,
        TEXT,
        (294.3, 442.5, 305.7, 453.9),
        "Date de début de formation en CFA (jour)",
    ),
    FormField(
        "Zone de texte 21_26",
        2,
        TEXT,
        (314.2, 442.5, 325.7, 453.9),
        "Date de début de formation en CFA (mois)",
    ),
    FormField(
        "Zone de texte 21_27",
        2,
        TEXT,
        (334.2, 442.5, 357.0, 453.9),
        "Date de début de formation en CFA (année)",
    ),
    FormField("Zone de texte 8_82", 2, TEXT, (84.4, 428.6, 134.7, 440.0), "CFA — Code postal"),
    FormField("Zone de texte 8_78", 2, TEXT, (76.1, 414.7, 281.5, 426.1), "CFA — Commune"),
    FormField(
        "Zone de texte 21_28",
        2,
        TEXT,
        (294.3, 414.7, 305.7, 426.1),
        "Date prévue de fin des épreuves ou examens (jour)",
    ),
    FormField(
        "Zone de texte 21_29",
        2,
        TEXT,
        (314.2, 414.7, 325.7, 426.1),
        "Date prévue de fin des épreuves ou examens (mois)",
    ),
    FormField(
        "Zone de texte 21_30",
        2,
        TEXT,
        (334.2, 414.7, 357.0, 426.1),
        "Date prévue de fin des épreuves ou examens (année)",
    ),
    FormField(
        "Case #C3#A0 cocher 7",
        2,
        CHECK,
        (23.3, 402.9, 30.6, 410.1),
        "Si le CFA responsable est le lieu de formation principal, cochez la case",
    ),
    FormField("Zone de texte 21_80", 2, TEXT, (404.0, 400.8, 449.5, 412.2), "Durée de la formation — heures"),
    FormField(
        "Zone de texte 8_102",
        2,
        TEXT,
        (322.3, 386.9, 370.8, 398.3),
        "Dont … heures de formation à distance (NOUVEAU en *14)",
    ),
    FormField(
        "Zone de texte 8_101",
        2,
        TEXT,
        (294.3, 331.3, 565.0, 342.7),
        "Dénomination du lieu de formation principal",
    ),
    FormField("Zone de texte 8_84", 2, TEXT, (335.2, 317.4, 565.0, 328.8), "Lieu de formation : N° UAI"),
    FormField("Zone de texte 8_83", 2, TEXT, (347.8, 303.5, 565.0, 314.9), "Lieu de formation : N° SIRET"),
    FormField(
        "Zone de texte 8_86", 2, TEXT, (314.8, 275.7, 351.5, 287.1), "Adresse du lieu de formation — N°"
    ),
    FormField("Zone de texte 8_87", 2, TEXT, (384.1, 275.7, 565.0, 287.1), "Lieu — Voie"),
    FormField("Zone de texte 8_88", 2, TEXT, (362.6, 261.8, 565.0, 273.2), "Lieu — Complément"),
    FormField("Zone de texte 8_89", 2, TEXT, (359.1, 247.9, 409.4, 259.3), "Lieu — Code postal"),
    FormField("Zone de texte 8_85", 2, TEXT, (350.8, 234.0, 565.0, 245.4), "Lieu — Commune"),
    FormField(
        "Case #C3#A0 cocher 8",
        2,
        CHECK,
        (23.3, 226.3, 29.4, 232.4),
        "L'employeur atteste disposer de l'ensemble des pièces justificatives nécessaires au dépôt du contrat",
    ),
    FormField("Zone de texte 8_90", 2, TEXT, (54.6, 196.8, 260.0, 208.2), "Fait à"),
    # Page 2 — Cadre réservé
    FormField("Zone de texte 8_91", 2, TEXT, (19.6, 73.0, 281.5, 84.4), "Nom de l'organisme"),
    FormField("Zone de texte 8_92", 2, TEXT, (294.3, 73.0, 565.0, 84.4), "N° SIRET de l'organisme"),
    FormField(
        "Zone de texte 21_31",
        2,
        TEXT,
        (202.4, 59.1, 213.8, 70.5),
        "Date de réception du dossier complet (jour)",
    ),
    FormField(
        "Zone de texte 21_32",
        2,
        TEXT,
        (222.3, 59.1, 233.8, 70.5),
        "Date de réception du dossier complet (mois)",
    ),
    FormField(
        "Zone de texte 21_33",
        2,
        TEXT,
        (242.3, 59.1, 265.1, 70.5),
        "Date de réception du dossier complet (année)",
    ),
    FormField("Zone de texte 21_34", 2, TEXT, (392.4, 59.1, 403.8, 70.5), "Date de la décision (jour)"),
    FormField("Zone de texte 21_35", 2, TEXT, (412.3, 59.1, 423.8, 70.5), "Date de la décision (mois)"),
    FormField("Zone de texte 21_36", 2, TEXT, (432.3, 59.1, 455.1, 70.5), "Date de la décision (année)"),
    FormField("Zone de texte 8_93", 2, TEXT, (84.0, 45.2, 281.5, 56.6), "N° de dépôt"),
    FormField("Zone de texte 8_94", 2, TEXT, (388.9, 45.2, 565.0, 56.6), "Numéro d'avenant"),
)


def answer(value) -> bool | None:
    """A oui / non answer: True, False, or None when not given."""
    if is_yes(value):
        return True
    if is_no(value):
        return False
    return None


def values(data: dict) -> Values:
    """The dossier's data (keys of `dossiers.export`) in the boxes of 10103*14."""
    result: Values = {}
    put(result, "Zone de texte 8_54", data.get("contrat_mode_contractuel"))
    _employer(result, data)
    _apprentice(result, data)
    _mentors(result, data)
    _contract(result, data)
    _remuneration(result, data.get("remuneration") or [])
    _formation(result, data)
    put(result, "Zone de texte 8_90", data.get("signature_lieu"))
    # The cadre réservé (8_91 to 8_94, 21_31 to 21_36) is filled by the organisme, never by Cactus.
    return result


def _address(result: Values, data: dict, prefix: str, names: tuple[str, str, str, str, str]) -> None:
    put(
        result,
        names,
        (
            address_number(data, prefix),
            data.get(f"{prefix}_voie"),
            data.get(f"{prefix}_complement"),
            data.get(f"{prefix}_code_postal"),
            data.get(f"{prefix}_commune"),
        ),
    )


def _employer(result: Values, data: dict) -> None:
    kind = text(data.get("employeur_prive_public")).lower()
    if kind in ("prive", "public"):
        result["Case #C3#A0 cocher 1"] = kind == "prive"
        result["Case #C3#A0 cocher 2"] = kind == "public"
    put(result, "Zone de texte 8", data.get("employeur_denomination"))
    put(result, "Zone de texte 8_2", data.get("employeur_siret"))
    put(result, "Zone de texte 8_3", data.get("employeur_type"))
    _address(
        result,
        data,
        "employeur_adresse",
        (
            "Zone de texte 8_14",
            "Zone de texte 8_13",
            "Zone de texte 8_8",
            "Zone de texte 8_9",
            "Zone de texte 8_10",
        ),
    )
    put(result, "Zone de texte 8_4", data.get("employeur_specifique"))
    put(result, "Zone de texte 8_7", data.get("employeur_naf"))
    put(result, "Zone de texte 8_5", data.get("employeur_effectif"))
    put(result, "Zone de texte 8_11", format_phone(data.get("employeur_telephone")))
    put(result, "Zone de texte 8_12", data.get("employeur_courriel"))
    put(result, "Zone de texte 8_6", data.get("employeur_idcc"))
    result["Case #C3#A0 cocher 2_2"] = is_yes(data.get("employeur_regime_specifique_chomage"))


def _apprentice(result: Values, data: dict) -> None:
    put(result, "Zone de texte 8_15", text(data.get("apprenti_nom")).upper())
    put(result, "Zone de texte 8_16", text(data.get("apprenti_nom_usage")).upper())
    put(result, "Zone de texte 8_17", data.get("apprenti_prenom"))
    put(
        result,
        ("Zone de texte 21_7", "Zone de texte 21_8", "Zone de texte 21_9"),
        date_parts(data.get("apprenti_date_naissance")),
    )
    sex = text(data.get("apprenti_sexe")).upper()
    if sex in ("M", "F"):
        result["Case #C3#A0 cocher 3"] = sex == "M"
        result["Case #C3#A0 cocher 4"] = sex == "F"
    put(result, "Zone de texte 8_18", data.get("apprenti_nir"))
    put(result, "Zone de texte 8_26", data.get("apprenti_departement_naissance"))
    put(result, "Zone de texte 8_27", data.get("apprenti_commune_naissance"))
    _address(
        result,
        data,
        "apprenti_adresse",
        (
            "Zone de texte 8_19",
            "Zone de texte 8_20",
            "Zone de texte 8_21",
            "Zone de texte 8_22",
            "Zone de texte 8_23",
        ),
    )
    put(result, "Zone de texte 8_33", data.get("apprenti_nationalite"))
    put(result, "Zone de texte 8_34", data.get("apprenti_regime_social"))
    put(result, "Zone de texte 8_24", format_phone(data.get("apprenti_telephone")))
    put(result, "Zone de texte 8_25", data.get("apprenti_courriel"))
    put_yes_no(
        result,
        "Case #C3#A0 cocher 5",
        "Case #C3#A0 cocher 5_2",
        answer(data.get("apprenti_sportif_haut_niveau")),
    )
    rqth = answer(data.get("apprenti_rqth"))
    put_yes_no(result, "Case #C3#A0 cocher 5_3", "Case #C3#A0 cocher 5_4", rqth)
    if rqth is False:
        # "Si non, bénéficiez-vous de droits attachés à la RQTH" (notice 51649#09 p. 4, art. L5213-2 and
        # L5212-13-1 du code du travail): asked only of an apprentice who does not declare a RQTH.
        put_yes_no(
            result,
            "Case #C3#A0 cocher 5_5",
            "Case #C3#A0 cocher 5_6",
            answer(data.get("apprenti_rqth_equivalence_jeunes")),
        )
        put_yes_no(
            result,
            "Case #C3#A0 cocher 5_7",
            "Case #C3#A0 cocher 5_8",
            answer(data.get("apprenti_rqth_extension_boe")),
        )
    put(result, "Zone de texte 8_28", data.get("apprenti_situation_avant_contrat"))
    put(result, "Zone de texte 8_29", data.get("apprenti_dernier_diplome_prepare"))
    put(result, "Zone de texte 8_30", data.get("apprenti_derniere_classe"))
    put(result, "Zone de texte 8_31", data.get("apprenti_intitule_dernier_diplome"))
    put(result, "Zone de texte 8_32", data.get("apprenti_plus_haut_diplome"))
    put_yes_no(
        result,
        "Case #C3#A0 cocher 5_9",
        "Case #C3#A0 cocher 5_10",
        answer(data.get("apprenti_projet_creation_reprise")),
    )
    # Représentant légal (apprentice mineur non émancipé)
    put(
        result,
        "Zone de texte 8_35",
        person_name(data.get("representant_legal_nom"), data.get("representant_legal_prenom")),
    )
    if data.get("representant_legal_nom") or data.get("representant_legal_prenom"):
        prefix = "representant_legal_adresse"
        if is_yes(data.get("representant_legal_meme_adresse")):
            prefix = "apprenti_adresse"
        _address(
            result,
            data,
            prefix,
            (
                "Zone de texte 8_37",
                "Zone de texte 8_36",
                "Zone de texte 8_38",
                "Zone de texte 8_39",
                "Zone de texte 8_40",
            ),
        )
    put(result, "Zone de texte 8_41", data.get("representant_legal_courriel"))


MENTOR_FIELDS = {
    # nom, prénom, (jour, mois, année), courriel, emploi, diplôme, niveau
    "maitre1": (
        "Zone de texte 8_42",
        "Zone de texte 8_43",
        ("Zone de texte 21_4", "Zone de texte 21_5", "Zone de texte 21_6"),
        "Zone de texte 8_44",
        "Zone de texte 8_45",
        "Zone de texte 8_50",
        "Zone de texte 8_52",
    ),
    "maitre2": (
        "Zone de texte 8_46",
        "Zone de texte 8_47",
        ("Zone de texte 21", "Zone de texte 21_2", "Zone de texte 21_3"),
        "Zone de texte 8_48",
        "Zone de texte 8_49",
        "Zone de texte 8_51",
        "Zone de texte 8_53",
    ),
}


def _mentors(result: Values, data: dict) -> None:
    for prefix, (last, first, birth, email, job, diploma, level) in MENTOR_FIELDS.items():
        put(result, last, text(data.get(f"{prefix}_nom")).upper())
        put(result, first, data.get(f"{prefix}_prenom"))
        put(result, birth, date_parts(data.get(f"{prefix}_date_naissance")))
        put(result, email, data.get(f"{prefix}_courriel"))
        put(result, job, data.get(f"{prefix}_emploi_occupe"))
        put(result, diploma, data.get(f"{prefix}_diplome"))
        put(result, level, data.get(f"{prefix}_niveau_diplome"))
    result["Case #C3#A0 cocher 6"] = is_yes(data.get("employeur_attestation_eligibilite_maitre"))


CONTRACT_DATES = {
    "contrat_date_conclusion": ("Zone de texte 21_16", "Zone de texte 21_17", "Zone de texte 21_18"),
    "contrat_date_debut": ("Zone de texte 21_19", "Zone de texte 21_20", "Zone de texte 21_21"),
    "contrat_date_debut_formation_pratique": (
        "Zone de texte 21_22",
        "Zone de texte 21_23",
        "Zone de texte 21_24",
    ),
    "contrat_date_effet_avenant": ("Zone de texte 21_13", "Zone de texte 21_14", "Zone de texte 21_15"),
    "contrat_date_fin": ("Zone de texte 21_10", "Zone de texte 21_11", "Zone de texte 21_12"),
}


def _contract(result: Values, data: dict) -> None:
    put(result, "Zone de texte 8_71", data.get("contrat_type"))
    put(result, "Zone de texte 8_70", data.get("contrat_type_derogation"))
    put(result, "Zone de texte 8_55", data.get("contrat_numero_precedent"))
    for key, names in CONTRACT_DATES.items():
        put(result, names, date_parts(data.get(key)))
    put(result, "Zone de texte 8_68", data.get("contrat_duree_hebdo_heures"))
    put(result, "Zone de texte 8_69", data.get("contrat_duree_hebdo_minutes"))
    put_yes_no(
        result,
        "Case #C3#A0 cocher 5_13",
        "Case #C3#A0 cocher 5_14",
        answer(data.get("contrat_travail_risque")),
    )
    put(
        result,
        ("Zone de texte 8_72", "Zone de texte 21_73"),
        amount_parts(data.get("contrat_salaire_embauche")),
    )
    put(result, "Zone de texte 21_74", data.get("contrat_caisse_retraite_complementaire"))
    put(
        result,
        ("Zone de texte 21_75", "Zone de texte 21_76"),
        amount_parts(data.get("contrat_avantage_nourriture")),
    )
    put(
        result,
        ("Zone de texte 21_77", "Zone de texte 21_78"),
        amount_parts(data.get("contrat_avantage_logement")),
    )
    if is_yes(data.get("contrat_avantage_autre")):
        put(result, "Zone de texte 21_79", "Oui")


def _grid_row(first: int) -> tuple[str, ...]:
    """Six date boxes named `Zone de texte 21_<first>` to `21_<first + 5>`: du (j, m, a), au (j, m, a)."""
    return tuple(f"Zone de texte 21_{number}" for number in range(first, first + 6))


# Per year, per period: the six date boxes, then the % and the base (SMIC/SMC) boxes.
REMUNERATION_FIELDS = {
    1: (
        (_grid_row(81), "Zone de texte 8_95", "Zone de texte 8_96"),
        (_grid_row(87), "Zone de texte 8_97", "Zone de texte 8_98"),
    ),
    2: (
        (_grid_row(37), "Zone de texte 8_56", "Zone de texte 8_57"),
        (_grid_row(43), "Zone de texte 8_58", "Zone de texte 8_59"),
    ),
    3: (
        (_grid_row(49), "Zone de texte 8_60", "Zone de texte 8_61"),
        (_grid_row(55), "Zone de texte 8_62", "Zone de texte 8_63"),
    ),
    4: (
        (_grid_row(61), "Zone de texte 8_64", "Zone de texte 8_65"),
        (_grid_row(67), "Zone de texte 8_66", "Zone de texte 8_67"),
    ),
}


def _remuneration(result: Values, rows: list[dict]) -> None:
    for year, periods in remuneration_years(rows).items():
        for period, (dates, rate, base) in zip(periods, REMUNERATION_FIELDS[year], strict=False):
            put(result, dates, date_parts(period.get("du")) + date_parts(period.get("au")))
            put(result, rate, format_rate(period.get("taux")))
            put(result, base, text(period.get("base")).upper())


def remuneration_years(rows: list[dict]) -> dict[int, list[dict]]:
    """The CERFA has 4 years of at most 2 periods; more cannot be written on it."""
    years = {}
    for year, periods in groupby(
        sorted(rows, key=lambda row: (int(row["annee"]), str(row.get("du") or ""))),
        key=lambda row: int(row["annee"]),
    ):
        years[year] = list(periods)
    if any(year > 4 or year < 1 for year in years) or any(len(periods) > 2 for periods in years.values()):
        raise DocumentError(
            "La rémunération compte plus de 4 années ou plus de 2 périodes dans une année : "
            "le CERFA ne peut pas l'accueillir. Vérifiez les dates du contrat dans « Les données du contrat »."
        )
    return years


def _formation(result: Values, data: dict) -> None:
    put_yes_no(
        result, "Case #C3#A0 cocher 5_11", "Case #C3#A0 cocher 5_12", answer(data.get("cfa_entreprise"))
    )
    put(result, "Zone de texte 8_77", data.get("formation_type_diplome"))
    put(result, "Zone de texte 8_99", data.get("cfa_denomination"))
    put(result, "Zone de texte 8_100", data.get("formation_intitule"))
    put(result, "Zone de texte 8_73", data.get("cfa_uai"))
    put(result, "Zone de texte 8_75", data.get("formation_code_diplome"))
    put(result, "Zone de texte 8_74", data.get("cfa_siret"))
    put(result, "Zone de texte 8_76", text(data.get("formation_rncp")).upper().removeprefix("RNCP"))
    _address(
        result,
        data,
        "cfa_adresse",
        (
            "Zone de texte 8_79",
            "Zone de texte 8_80",
            "Zone de texte 8_81",
            "Zone de texte 8_82",
            "Zone de texte 8_78",
        ),
    )
    put(
        result,
        ("Zone de texte 21_25", "Zone de texte 21_26", "Zone de texte 21_27"),
        date_parts(data.get("formation_date_debut")),
    )
    put(
        result,
        ("Zone de texte 21_28", "Zone de texte 21_29", "Zone de texte 21_30"),
        date_parts(data.get("formation_date_fin")),
    )
    same_place = is_yes(data.get("lieu_formation_meme_que_cfa"))
    result["Case #C3#A0 cocher 7"] = same_place
    put(result, "Zone de texte 21_80", data.get("formation_duree_heures"))
    # New in 10103*14 (notice 51649#09): among the planned hours, those given at a distance.
    put(result, "Zone de texte 8_102", data.get("formation_heures_distance"))
    if not same_place:
        put(result, "Zone de texte 8_101", data.get("lieu_formation_denomination"))
        put(result, "Zone de texte 8_84", data.get("lieu_formation_uai"))
        put(result, "Zone de texte 8_83", data.get("lieu_formation_siret"))
        _address(
            result,
            data,
            "lieu_formation_adresse",
            (
                "Zone de texte 8_86",
                "Zone de texte 8_87",
                "Zone de texte 8_88",
                "Zone de texte 8_89",
                "Zone de texte 8_85",
            ),
        )
    result["Case #C3#A0 cocher 8"] = is_yes(data.get("employeur_attestation_pieces"))


FIELD_MAP = FieldMap(
    scheme="apprentissage",
    number=NUMBER,
    title="contrat d'apprentissage",
    valid_from=date(2025, 7, 1),
    valid_until=None,
    fields=FIELDS,
    values=values,
)
