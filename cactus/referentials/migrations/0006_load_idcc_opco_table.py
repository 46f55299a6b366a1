"""Load the IDCC → OPCO table shipped in `data/idcc_opco.csv` (416 conventions; sources in
`data/README.md`), replacing the 47 of migration 0003: 3248 (métallurgie) now has OPCO 2i,
2614 (travaux publics ETAM) exists with OPCO Construction, and the conventions replaced since
(territorial metallurgy on 01/01/2024, 2111 and 2395 on 01/01/2022) are marked not in force.

The next update is `manage.py import_idcc [FILE]`, not a new copy of this migration.
"""

from django.db import migrations


def load(apps, schema_editor):
    from cactus.referentials.idcc_table import SHIPPED_FILE, read_idcc_csv, save_agreements

    save_agreements(read_idcc_csv(SHIPPED_FILE), model=apps.get_model("referentials", "CollectiveAgreement"))


class Migration(migrations.Migration):
    dependencies = [("referentials", "0005_load_smic_of_june_2026")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
