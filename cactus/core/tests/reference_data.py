"""Data migrations whose rows the tests rely on. A transactional test (browser, SMTP, concurrency)
ends with a flush that empties every table, so the next tests would find no CFA groups, no SMIC and
no IDCC: each test that uses the database gets them back first when they are missing (the root
conftest's _reference_data), and so does a fixture that fills the database for a whole module."""

import importlib

REFERENCE_DATA = [
    ("auth.Group", ["cactus.accounts.migrations.0002_create_cfa_groups"]),
    (
        "referentials.SmicRate",
        [
            "cactus.referentials.migrations.0002_load_smic_history",
            "cactus.referentials.migrations.0004_correct_mayotte_2021_monthly_smic",
            "cactus.referentials.migrations.0005_load_smic_of_june_2026",
        ],
    ),
    (
        "referentials.CollectiveAgreement",
        [
            "cactus.referentials.migrations.0003_load_common_collective_agreements",
            "cactus.referentials.migrations.0006_load_idcc_opco_table",
        ],
    ),
]


def ensure_reference_data() -> None:
    """Run the data migrations of each reference table that is empty."""
    from django.apps import apps

    for model_label, modules in REFERENCE_DATA:
        if apps.get_model(model_label).objects.exists():
            continue
        for module in modules:
            for operation in importlib.import_module(module).Migration.operations:
                operation.code(apps, None)
