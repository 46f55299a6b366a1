"""Remuneration simulator: prints the legal minimum periods as JSON (issue 3)."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand

from cactus.law.remuneration import (
    DIPLOMA_OBTAINED,
    EXAM_FAILED,
    OTHER_OUTCOME,
    MissingSmic,
    PreviousContract,
    RemunerationPeriod,
    apprenticeship_periods,
    professionalisation_periods,
)

SCHEMES = ("apprentissage", "professionnalisation")
OUTCOMES = {"diplome": DIPLOMA_OBTAINED, "echec": EXAM_FAILED, "autre": OTHER_OUTCOME}
EMPLOYERS = ("meme", "autre")
USAGE = (
    "Usage : manage.py remuneration --naissance AAAA-MM-JJ --debut AAAA-MM-JJ --fin AAAA-MM-JJ "
    "[--smc 2100.00] [--departement 976] [--dispositif apprentissage|professionnalisation] "
    "[--qualification-pro] [--conclusion AAAA-MM-JJ] [--annee-debut 2] [--debut-cycle AAAA-MM-JJ] "
    "[--licence-pro] [--prolongation-echec AAAA-MM-JJ] [--prolongation-rqth AAAA-MM-JJ] "
    "[--contrat-precedent-annee 2 --contrat-precedent-issue diplome|echec|autre "
    "--contrat-precedent-employeur meme|autre [--contrat-precedent-fin AAAA-MM-JJ] "
    "[--contrat-precedent-taux 60]] [--meme-niveau]"
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
            help="Contrat de professionnalisation : le salarié a une qualification au moins égale au bac pro "
            "(D6325-15 : +10 points)",
        )
        parser.add_argument(
            "--conclusion", help="Date de conclusion (signature) : choisit la grille en vigueur (AAAA-MM-JJ)"
        )
        parser.add_argument(
            "--annee-debut",
            help="Année du cycle à laquelle commence un contrat de durée réduite (D6222-28-1), par ex. 2",
        )
        parser.add_argument(
            "--debut-cycle",
            help="Début du cycle au CFA s'il précède le contrat (L6222-12-1) : les années comptent de ce jour",
        )
        parser.add_argument(
            "--licence-pro",
            action="store_true",
            help="Le contrat prépare une licence professionnelle : taux de 2e année (D6222-32)",
        )
        parser.add_argument(
            "--prolongation-echec",
            help="Début de la prolongation après un échec à l'examen (L6222-11, D6222-28 : taux de la dernière année)",
        )
        parser.add_argument(
            "--prolongation-rqth",
            help="Début de la prolongation liée au handicap (R6222-47, R6222-48 : dernière année + 15 points)",
        )
        parser.add_argument(
            "--contrat-precedent-annee",
            help="Dernière année d'exécution du contrat précédent (1 à 4) ; avec --meme-niveau hors "
            "apprentissage : durée du cycle du diplôme obtenu",
        )
        parser.add_argument(
            "--contrat-precedent-issue",
            help="Issue du contrat précédent : diplome (D6222-29), echec (L6222-11, D6222-28) ou autre",
        )
        parser.add_argument(
            "--contrat-precedent-employeur",
            help="meme ou autre employeur que le contrat précédent (D6222-29)",
        )
        parser.add_argument("--contrat-precedent-fin", help="Date de fin du contrat précédent (AAAA-MM-JJ)")
        parser.add_argument(
            "--contrat-precedent-taux",
            help="Même employeur : taux perçu la dernière année du contrat précédent, en % (D6222-29)",
        )
        parser.add_argument(
            "--meme-niveau",
            action="store_true",
            help="Contrat d'un an au plus pour un diplôme de même niveau, en rapport direct (D6222-30 : +15 points)",
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
            birth_date=birth_date,
            start=start,
            end=end,
            smc=smc,
            departement=departement,
            conclusion=_optional_date(options["conclusion"], "--conclusion"),
            first_year=_year(options["annee_debut"], "--annee-debut", maximum=3) or 1,
            years_from=_optional_date(options["debut_cycle"], "--debut-cycle"),
            is_licence_pro=options["licence_pro"],
            failure_extension_from=_optional_date(options["prolongation_echec"], "--prolongation-echec"),
            disability_extension_from=_optional_date(options["prolongation_rqth"], "--prolongation-rqth"),
            previous_contract=_previous_contract(options),
            is_same_level_diploma=options["meme_niveau"],
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


def _optional_date(value: str | None, option: str) -> date | None:
    return _date(value, option, "") if value else None


def _year(value: str | None, option: str, *, maximum: int) -> int | None:
    if value is None:
        return None
    if not (value.isdigit() and 1 <= int(value) <= maximum):
        raise InvalidArgument(f"{option} « {value} » doit être une année de 1 à {maximum}.")
    return int(value)


def _previous_contract(options) -> PreviousContract | None:
    last_year = _year(options["contrat_precedent_annee"], "--contrat-precedent-annee", maximum=4)
    others = (
        "contrat_precedent_issue",
        "contrat_precedent_employeur",
        "contrat_precedent_fin",
        "contrat_precedent_taux",
    )
    if last_year is None:
        if any(options[name] for name in others) or options["meme_niveau"]:
            raise InvalidArgument(
                "Indiquez la dernière année du contrat précédent avec --contrat-precedent-annee."
            )
        return None
    outcome = options["contrat_precedent_issue"] or "autre"
    if outcome not in OUTCOMES:
        raise InvalidArgument("--contrat-precedent-issue vaut « diplome », « echec » ou « autre ».")
    employer = options["contrat_precedent_employeur"] or "autre"
    if employer not in EMPLOYERS:
        raise InvalidArgument("--contrat-precedent-employeur vaut « meme » ou « autre ».")
    rate = _amount(options["contrat_precedent_taux"], "--contrat-precedent-taux", example="60")
    if OUTCOMES[outcome] == DIPLOMA_OBTAINED and employer == "meme" and rate is None:
        raise InvalidArgument(
            "Même employeur et diplôme obtenu : indiquez le taux perçu la dernière année avec "
            "--contrat-precedent-taux (D6222-29)."
        )
    if OUTCOMES[outcome] == DIPLOMA_OBTAINED and employer == "autre" and not options["contrat_precedent_fin"]:
        raise InvalidArgument(
            "Autre employeur et diplôme obtenu : indiquez la fin du contrat précédent avec "
            "--contrat-precedent-fin (son âge fixe le minimum de la dernière année, D6222-29)."
        )
    return PreviousContract(
        last_year=last_year,
        end=_optional_date(options["contrat_precedent_fin"], "--contrat-precedent-fin"),
        outcome=OUTCOMES[outcome],
        same_employer=employer == "meme",
        rate_received=rate,
    )


def _amount(value: str | None, option: str = "--smc", *, example: str = "2100.00") -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation as error:
        raise InvalidArgument(f"{option} « {value} » n'est pas un nombre (ex. {example}).") from error
    if not amount.is_finite() or amount <= 0:
        raise InvalidArgument(f"{option} doit être un nombre positif (ex. {example}).")
    return amount


def _as_json(periods: list[RemunerationPeriod]) -> dict:
    return {
        "periodes": [
            {
                "annee": period.year,
                "du": period.start.isoformat(),
                "au": period.end.isoformat(),
                "taux": int(period.rate)
                if period.rate == period.rate.to_integral_value()
                else float(period.rate),
                "base": period.base,
                "montant": f"{period.amount:.2f}",
            }
            for period in periods
        ],
        "salaire_brut_mensuel_embauche": f"{periods[0].amount:.2f}",
    }
