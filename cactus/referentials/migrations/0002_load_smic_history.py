"""Ship the SMIC history of rules.md §3 (national and Mayotte), from 2018.

01/01/2025 had no revaluation, so it has no row: the 01/11/2024 amounts stay in force.
"""

from decimal import Decimal

from django.db import migrations

# (in force from, hourly, monthly, Mayotte hourly, Mayotte monthly, source)
SMIC_HISTORY = [
    ("2018-01-01", "9.88", "1498.47", "7.46", "1131.43", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2019-01-01", "10.03", "1521.22", "7.57", "1148.12", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2020-01-01", "10.15", "1539.42", "7.66", "1161.77", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2021-01-01", "10.25", "1554.58", "7.74", "1173.27", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2021-10-01", "10.48", "1589.47", "7.91", "1199.08", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2022-01-01", "10.57", "1603.12", "7.98", "1210.30", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2022-05-01", "10.85", "1645.58", "8.19", "1242.15", "rules.md §3 (mission-apprentissage/contrat, Journal de Mayotte)"),
    ("2022-08-01", "11.07", "1678.95", "8.35", "1266.42", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2023-01-01", "11.27", "1709.28", "8.51", "1290.68", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2023-05-01", "11.52", "1747.20", "8.70", "1319.50", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2024-01-01", "11.65", "1766.92", "8.80", "1334.67", "rules.md §3 (table de mission-apprentissage/contrat)"),
    ("2024-11-01", "11.88", "1801.80", "8.98", "1361.97", "rules.md §3 (mission-apprentissage/contrat, décret 2024-951)"),
    ("2026-01-01", "12.02", "1823.03", "9.33", "1415.05", "rules.md §3 (décret publié le 17/12/2025)"),
]


def load(apps, schema_editor):
    SmicRate = apps.get_model("referentials", "SmicRate")
    for valid_from, hourly, monthly, mayotte_hourly, mayotte_monthly, source in SMIC_HISTORY:
        for territory, hourly_amount, monthly_amount in (
            ("metropole", hourly, monthly),
            ("mayotte", mayotte_hourly, mayotte_monthly),
        ):
            SmicRate.objects.update_or_create(
                territory=territory,
                valid_from=valid_from,
                defaults={"hourly": Decimal(hourly_amount), "monthly": Decimal(monthly_amount), "source": source},
            )


def unload(apps, schema_editor):
    SmicRate = apps.get_model("referentials", "SmicRate")
    SmicRate.objects.filter(valid_from__in=[row[0] for row in SMIC_HISTORY]).delete()


class Migration(migrations.Migration):
    dependencies = [("referentials", "0001_create_smic_and_collective_agreements")]
    operations = [migrations.RunPython(load, unload)]
