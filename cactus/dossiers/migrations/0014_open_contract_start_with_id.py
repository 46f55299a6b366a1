"""The late queue's index ends with the id, the keyset's tie-breaker: the queue's first page reads
its 51 rows from the index in order. Without the id, PostgreSQL read and sorted every dossier of
the earliest start date (1,751 at 10^6 dossiers, a group that grows with the file).

Built CONCURRENTLY on PostgreSQL (not atomic: the table is not locked while it builds), the old
index dropped after, as in 0013.
"""

from django.db import migrations, models

NEW = "dossier_open_start_id"
OLD = "dossier_open_contract_start"
OPEN = ["draft", "validation_requested", "validated", "documents_returned", "documents_validated"]
WHERE = "WHERE status IN ({})".format(", ".join(f"'{status}'" for status in OPEN))


def _create(schema_editor, name: str, columns: str) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS {name} ON dossiers_dossier ({columns}) {WHERE}"
    )


def _drop(schema_editor, name: str) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"DROP INDEX {concurrently}IF EXISTS {name}")


def forward(apps, schema_editor):
    _create(schema_editor, NEW, "contract_start, id")
    _drop(schema_editor, OLD)


def backward(apps, schema_editor):
    _create(schema_editor, OLD, "contract_start")
    _drop(schema_editor, NEW)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("dossiers", "0013_newest_first_covering_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="dossier", name=OLD),
                migrations.AddIndex(
                    model_name="dossier",
                    index=models.Index(
                        fields=["contract_start", "id"], name=NEW, condition=models.Q(status__in=OPEN)
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        )
    ]
