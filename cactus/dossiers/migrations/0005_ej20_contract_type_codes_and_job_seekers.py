"""Contrats de professionnalisation: the notice 51650#09's type codes, and « Inscrit à France Travail ».

The pro contract types were the 2010 EJ20's 1–5; the notice of 12434*05 numbers them 11, 21, 22, 23
and 30 (avenant), like the apprenticeship's (so `_is_amendment`, « starts with 3 », holds for both).
An alternant with a France Travail identifier was registered: the new yes/no says so.
"""

from django.db import migrations

OLD_TO_NOTICE = {"1": "11", "2": "21", "3": "22", "4": "23", "5": "30"}


def forwards(apps, schema_editor):
    Contract = apps.get_model("dossiers", "Contract")
    for old, new in OLD_TO_NOTICE.items():
        Contract.objects.filter(dossier__scheme="professionalisation", contract_type=old).update(contract_type=new)
    AlternantDetails = apps.get_model("dossiers", "AlternantDetails")
    AlternantDetails.objects.filter(dossier__scheme="professionalisation").exclude(job_seeker_id="").update(
        is_job_seeker=True
    )


def backwards(apps, schema_editor):
    Contract = apps.get_model("dossiers", "Contract")
    for old, new in OLD_TO_NOTICE.items():
        Contract.objects.filter(dossier__scheme="professionalisation", contract_type=new).update(contract_type=old)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_add_ej20_12434_05_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
