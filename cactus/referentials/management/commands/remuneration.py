"""Remuneration simulator: prints the legal minimum periods as JSON (issue 3)."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand

from cactus.core.rules.remuneration import (
    MissingSmic,
    RemunerationPeriod,
    apprenticeship_periods,
    professionalisation_periods,
)

SCHEMES = ("apprentissage", "professionnalisation")
USAGE = (
    "Usage : manage.py remuneration --naissance AAAA-MM-JJ --debut AAAA-MM-JJ --fin AAAA-MM-JJ "
    "[--smc 2100.00] [--departement 976] [--dispositif apprentissage|professionnalisation] "
    "[--qualification-pro]"
)


class InvalidArgument(ValueError):
    """A command-line value the simulator cannot use; its message is French."""


class Command(BaseCommand):
    help = (
        "Calcule les périodes de rémunération minimale légale d'un contrat et les affiche en JSON. " + USAGE
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error_in_french(message):
            self._fail(f"Arguments non reconnus ({message}).")

        parser.error = error_in_french
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--naissance", help="Date de naissance de l'alternant (AAAA-MM-JJ)")
        parser.add_argument("--debut", help="Date de début d'exécution du contrat (AAAA-MM-JJ)")
        parser.add_argument("--fin", help="Date de fin du contrat (AAAA-MM-JJ)")
        parser.add_argument("--smc", help="Salaire minimum conventionnel mensuel de l'emploi (ex. 2100.00)")
        parser.add_argument(
            "--departement", default="", help="Département de l'employeur (976 : SMIC de Mayotte)"
        )
        parser.add_argument(
            "--dispositif", default="apprentissage", help="apprentissage ou professionnalisation"
        )
        parser.add_argument(
            "--qualification-pro",
            action="store_true",
            dest="professional_qualification",
            help="Contrat de professionnalisation : le salarié a une qualification professionnelle ≥ bac pro",
        )

    def handle(self, *args, **options):
        try:
            birth_date = _date(options["naissance"], "--naissance", "la date de naissance")
            start = _date(options["debut"], "--debut", "la date de début")
            end = _date(options["fin"], "--fin", "la date de fin")
            smc = _amount(options["smc"])
            scheme = options["dispositif"]
            if scheme not in SCHEMES:
                raise InvalidArgument("--dispositif vaut « apprentissage » ou « professionnalisation ».")
            if end <= start:
                raise InvalidArgument(
                    "La date de fin (--fin) doit être postérieure à la date de début (--debut)."
                )
            if birth_date >= start:
                raise InvalidArgument("La date de naissance doit précéder la date de début du contrat.")
            periods = self._periods(scheme, birth_date, start, end, smc, options)
        except (InvalidArgument, MissingSmic) as error:
            self._fail(str(error))
        self.stdout.write(json.dumps(_as_json(periods), ensure_ascii=False, indent=2))

    def _periods(self, scheme, birth_date, start, end, smc, options) -> list[RemunerationPeriod]:
        departement = options["departement"].strip()
        if scheme == "professionnalisation":
            return professionalisation_periods(
                birth_date=birth_date,
                start=start,
                end=end,
                has_professional_qualification=options["professional_qualification"],
                smc=smc,
                departement=departement,
            )
        return apprenticeship_periods(
            birth_date=birth_date, start=start, end=end, smc=smc, departement=departement
        )

    def _fail(self, message: str):
        self.stderr.write(f"{message}\n{USAGE}")
        raise SystemExit(2)


def _date(value: str | None, option: str, label: str) -> date:
    if not value:
        raise InvalidArgument(f"Indiquez {label} avec {option} AAAA-MM-JJ.")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InvalidArgument(f"{option} « {value} » n'est pas une date au format AAAA-MM-JJ.") from error


def _amount(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation as error:
        raise InvalidArgument(f"--smc « {value} » n'est pas un montant (ex. 2100.00).") from error
    if not amount.is_finite() or amount <= 0:
        raise InvalidArgument("--smc doit être un montant mensuel positif (ex. 2100.00).")
    return amount


def _rate(rate: Decimal) -> int | float:
    return int(rate) if rate == rate.to_integral_value() else float(rate)


def _as_json(periods: list[RemunerationPeriod]) -> dict:
    return {
        "periodes": [
            {
                "annee": period.year,
                "du": period.start.isoformat(),
                "au": period.end.isoformat(),
                "taux": _rate(period.rate),
                "base": period.base,
                "montant": f"{period.amount:.2f}",
                # every SMIC revaluation inside the period, with the minimum from its date.
                "changements_smic": [
                    {
                        "du": change.start.isoformat(),
                        "smic": f"{change.smic:.2f}",
                        "taux": _rate(change.rate),
                        "base": change.base,
                        "montant": f"{change.amount:.2f}",
                    }
                    for change in period.smic_changes
                ],
            }
            for period in periods
        ],
        "salaire_brut_mensuel_embauche": f"{periods[0].amount:.2f}",
    }
