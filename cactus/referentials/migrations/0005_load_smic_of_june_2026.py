"""Ship the SMIC of 1 June 2026 (rules.md §3, R-3.3): the automatic mid-year revaluation of +2,41 %
(L3231-5: inflation above 2 % since the last revaluation).

Metropole 12,31 €/h, Mayotte 9,56 €/h. The monthly amount for 35 h is hourly × 35 × 52 / 12
(151,666… hours), as published: 12,31 × 151,666… = 1 867,02 € and 9,56 × 151,666… = 1 449,93 €.
Without this row every amount from 01/06/2026 was computed on 1 823,03 € (the 01/01/2026 SMIC),
below the legal minimum of D6222-26.
"""

from decimal import Decimal

from django.db import migrations

SOURCE = "Revalorisation automatique au 01/06/2026 (+2,41 %), service-public.fr A18916, URSSAF"
RATES = [
    ("metropole", "12.31", "1867.02"),
    ("mayotte", "9.56", "1449.93"),
]


def load(apps, schema_editor):
    SmicRate = apps.get_model("referentials", "SmicRate")
    for territory, hourly, monthly in RATES:
        SmicRate.objects.get_or_create(
            territory=territory,
            valid_from="2026-06-01",
            defaults={"hourly": Decimal(hourly), "monthly": Decimal(monthly), "source": SOURCE},
        )


def unload(apps, schema_editor):
    apps.get_model("referentials", "SmicRate").objects.filter(valid_from="2026-06-01").delete()


class Migration(migrations.Migration):
    dependencies = [("referentials", "0004_correct_mayotte_2021_monthly_smic")]
    operations = [migrations.RunPython(load, unload)]
