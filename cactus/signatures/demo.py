"""The demo's step (`manage.py demo`): a dossier signed online by all its parties, one waiting for the employer."""


def demo_step(people, stdout) -> None:
    stdout.write("Signature en ligne : étape de démonstration à venir.")
