"""Ship the collective agreements listed in rules.md §14 (label and OPCO from
mission-apprentissage/contrat `shared/constants/idcc.ts` + `opcos.ts`) and the two special codes.

The branch is the convention's short title (R-14.5: no official branch code in our sources).
The full official list is loaded with `manage.py import_idcc FILE.csv`.
"""

from django.db import migrations

COLLECTIVE_AGREEMENTS = [
    ("0016", "Transports routiers et activités auxiliaires du transport", "OPCO Mobilités"),
    ("0029", "Hospitalisation privée à but non lucratif (FEHAP)", "OPCO Santé"),
    ("0044", "Industries chimiques et connexes", "OPCO 2i"),
    ("0086", "Entreprises de la publicité et assimilées", "AFDAS"),
    ("0176", "Industrie pharmaceutique", "OPCO 2i"),
    ("0292", "Plasturgie", "OPCO 2i"),
    ("0413", "Établissements et services pour personnes inadaptées et handicapées (CCN 66)", "OPCO Santé"),
    ("0573", "Commerces de gros", "AKTO"),
    ("0675", "Maisons à succursales de vente au détail d'habillement", "OPCO Commerce"),
    ("0787", "Cabinets d'experts-comptables et de commissaires aux comptes", "ATLAS"),
    ("0843", "Boulangerie-pâtisserie (entreprises artisanales)", "OPCO EP"),
    ("1000", "Cabinets d'avocats (personnel)", "OPCO EP"),
    ("1043", "Gardiens, concierges et employés d'immeubles", "OPCO EP"),
    ("1090", "Services de l'automobile", "OPCO Mobilités"),
    ("1147", "Cabinets médicaux (personnel)", "OPCO EP"),
    ("1266", "Restauration de collectivités", "AKTO"),
    ("1351", "Prévention et sécurité", "AKTO"),
    ("1480", "Journalistes", "AFDAS"),
    ("1483", "Commerce de détail de l'habillement et des articles textiles", "OPCO EP"),
    (
        "1486",
        "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseils (Syntec)",
        "ATLAS",
    ),
    ("1501", "Restauration rapide", "AKTO"),
    ("1505", "Commerce de détail alimentaire non spécialisé", "OPCO Commerce"),
    ("1516", "Organismes de formation", "AKTO"),
    ("1517", "Commerces de détail non alimentaires", "OPCO Commerce"),
    ("1518", "Animation", "OPCO Cohésion sociale"),
    ("1527", "Immobilier", "OPCO EP"),
    ("1596", "Bâtiment ouvriers (≤ 10 salariés)", "OPCO Construction"),
    ("1597", "Bâtiment ouvriers (> 10 salariés)", "OPCO Construction"),
    ("1672", "Sociétés d'assurances", "ATLAS"),
    ("1702", "Travaux publics (ouvriers)", "OPCO Construction"),
    ("1979", "Hôtels, cafés, restaurants", "AKTO"),
    ("1996", "Pharmacie d'officine", "OPCO EP"),
    ("2098", "Prestataires de services du secteur tertiaire", "OPCO EP"),
    ("2120", "Banque", "ATLAS"),
    ("2148", "Télécommunications", "AFDAS"),
    ("2216", "Commerce de détail et de gros à prédominance alimentaire", "OPCO Commerce"),
    ("2247", "Courtage d'assurances et/ou de réassurances", "ATLAS"),
    ("2264", "Hospitalisation privée", "OPCO Santé"),
    ("2511", "Sport", "AFDAS"),
    ("2596", "Coiffure", "OPCO EP"),
    ("2609", "Bâtiment ETAM", "OPCO Construction"),
    ("2691", "Enseignement privé indépendant", "AKTO"),
    ("2941", "Aide, accompagnement, soins et services à domicile (BAD)", "OPCO Cohésion sociale"),
    ("3043", "Entreprises de propreté", "AKTO"),
    ("3127", "Entreprises de services à la personne", "OPCO EP"),
    # Not in the anchor's OPCO table; rules.md marks its OPCO (OPCO 2i) unverified: left empty.
    ("3248", "Métallurgie (convention collective nationale de 2024)", ""),
]

# special codes. Their OPCO follows the company's activity: left empty.
SPECIAL_CODES = [
    ("9999", "Sans convention collective"),
    ("9998", "Convention non encore en vigueur / en cours de négociation"),
]


def load(apps, schema_editor):
    CollectiveAgreement = apps.get_model("referentials", "CollectiveAgreement")
    for idcc, label, opco in COLLECTIVE_AGREEMENTS:
        CollectiveAgreement.objects.update_or_create(
            idcc=idcc, defaults={"label": label, "branch": label, "opco": opco, "is_active": True}
        )
    for idcc, label in SPECIAL_CODES:
        CollectiveAgreement.objects.update_or_create(
            idcc=idcc, defaults={"label": label, "branch": "", "opco": "", "is_active": True}
        )


def unload(apps, schema_editor):
    CollectiveAgreement = apps.get_model("referentials", "CollectiveAgreement")
    codes = [row[0] for row in COLLECTIVE_AGREEMENTS] + [row[0] for row in SPECIAL_CODES]
    CollectiveAgreement.objects.filter(idcc__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("referentials", "0002_load_smic_history")]
    operations = [migrations.RunPython(load, unload)]
