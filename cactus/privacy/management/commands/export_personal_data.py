"""`manage.py export_personal_data EMAIL`: everything Cactus holds on a person, as JSON (RGPD art. 15)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from cactus.privacy.exports import personal_data


class Command(BaseCommand):
    help = "Exporte en JSON les données personnelles détenues sur une personne (droit d'accès, RGPD art. 15)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="Adresse e-mail de la personne.")
        parser.add_argument("--output", help="Fichier où écrire le JSON (par défaut : la sortie standard).")

    def handle(self, *args, email: str, output: str | None, **options):
        data = personal_data(email)
        found = ("emails_sent", "logins", "failed_logins", "mentioned_in_dossiers", "signatures")
        if data["account"] is None and not any(data[key] for key in found):
            raise CommandError(
                f"Cactus ne détient aucune donnée sur {email} (ni compte, ni e-mail, ni connexion, "
                "ni mention dans un dossier, ni signature)."
            )
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(f"Données de {email} écrites dans {output}.")
        else:
            self.stdout.write(text)
