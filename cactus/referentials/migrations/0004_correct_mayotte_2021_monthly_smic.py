"""Correct two monthly SMIC amounts of Mayotte shipped by 0002.

Only the hourly rate is set by decree; the monthly amount for 35 h is hourly × 35 × 52 / 12.
rules.md §3 (copied from the anchor and the press) gives 1 173,27 € for 7,74 € (01/01/2021) and
1 199,08 € for 7,91 € (01/10/2021): 7,74 × 151,67 = 1 173,90 € and 7,91 × 151,67 = 1 199,68 €.
"""

from decimal import Decimal

from django.db import migrations

# (in force from, shipped monthly amount, correct monthly amount)
CORRECTIONS = [
    ("2021-01-01", "1173.27", "1173.90"),
    ("2021-10-01", "1199.08", "1199.68"),
]


def correct(apps, schema_editor):
    SmicRate = apps.get_model("referentials", "SmicRate")
    for valid_from, shipped, correct_amount in CORRECTIONS:
        SmicRate.objects.filter(territory="mayotte", valid_from=valid_from, monthly=Decimal(shipped)).update(
            monthly=Decimal(correct_amount),
            source="rules.md §3, montant mensuel recalculé (taux horaire × 35 × 52 / 12)",
        )


class Migration(migrations.Migration):
    dependencies = [("referentials", "0003_load_common_collective_agreements")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
