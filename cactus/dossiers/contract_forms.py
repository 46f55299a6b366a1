"""Les données du contrat (saisie complète): the contract's terms and its rémunération block.

The periods and their legal minimum rates are computed by `cactus.law.remuneration` from
the birth date (Données de base), the contract dates, the employer's département (L'employeur),
the SMC entered here and, for a contrat de professionnalisation, the alternant's highest diploma
(L'alternant). They are PROPOSED: the employer may raise a rate, never go below the minimum.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django import forms

from cactus.dossiers.alternant_forms import has_completed_college
from cactus.dossiers.forms import rule_message
from cactus.dossiers.models import Contract as ContractModel
from cactus.dossiers.models import ContractScheme, Dossier
from cactus.dossiers.tab_forms import TabForm, choices_of, related
from cactus.law import RuleViolation, identity
from cactus.law import age as age_rules
from cactus.law import dates as date_rules
from cactus.law import remuneration as pay_rules
from cactus.referentials import codes
from cactus.referentials.selectors import smic_on

# Contrat de professionnalisation codes (CERFA EJ20 12434*05 and its notice 51650#09): not in the referentials.
PROFESSIONALISATION_NATURES = [
    ("1", "Contrat à durée déterminée (CDD)"),
    ("2", "Contrat à durée indéterminée (CDI)"),
    ("3", "Contrat de travail temporaire"),
]
TEMPORARY_WORK = "3"
PROFESSIONALISATION_CONTRACT_TYPES = [
    ("11", "11 – Contrat initial (cas général)"),
    (
        "12",
        "12 – Contrat initial conclu conjointement avec deux employeurs pour une activité saisonnière "
        "(convention tripartite, L6325-4-1)",
    ),
    ("21", "21 – Nouveau contrat en raison de l'échec aux épreuves d'évaluation"),
    ("22", "22 – Nouveau contrat en raison de la défaillance de l'organisme de formation"),
    ("23", "23 – Nouveau contrat en raison de la maternité, de la maladie ou d'un accident de travail"),
    (
        "24",
        "24 – Nouveau contrat pour l'obtention d'une qualification supérieure ou complémentaire",
    ),
    ("30", "30 – Avenant"),
]
# Asked on the 12434*05 for a contrat de professionnalisation only.
PROFESSIONALISATION_ONLY = (
    "provident_fund", "classification", "classification_level", "coefficient", "trial_period_days",
    "user_company_tutor_last_name", "user_company_tutor_first_name", "user_company_tutor_job_title",
    "user_company_tutor_birth_date",
)  # fmt: skip
USER_COMPANY_TUTOR = PROFESSIONALISATION_ONLY[5:]
# cerfa-apprentissage.md §8.10: the anchor's list, offered as suggestions (the CERFA box is free text).
PENSION_FUNDS = [
    "AG2R Agirc-Arrco", "Agrica", "Apicil", "Audiens", "B2V", "Banque de France", "BTPR", "CARCDSF",
    "CARMF", "CARPIMKO", "CARPV", "CAVAMAC", "CAVEC", "CAVOM", "CAVP", "CGRR", "CIPAV", "CNAV",
    "CNAVPL", "CNBF", "CNIEG", "CNRACL", "CPRN", "CPRP SNCF", "Cropera", "CRP RATP", "CRPCEN",
    "CRPCF", "CRPN", "CRR", "ENIM", "FSPOEIE", "IRCANTEC", "IRCEC", "Ircem", "Ircom", "IRP Auto",
    "Klesia Carcept", "Lourmel", "Malakoff Humanis", "MSA", "Port autonome de Strasbourg",
    "PRO BTP", "Retraite des mines", "SSI",
]  # fmt: skip
# Types of a new contract after a previous apprenticeship contract (cerfa §8.3): 21 with the same
# employer, 22 and 23 with another one. Their pay may depend on it (D6222-28, D6222-29).
NEW_CONTRACT_TYPES = {"21", "22", "23"}
SAME_EMPLOYER_TYPE = "21"
FAILURE_EXTENSION_TYPE = "33"  # prolongation after an exam failure (L6222-11 1°, D6222-28)
DISABILITY_EXTENSION_TYPE = "34"  # prolongation for an RQTH apprentice (R6222-47, R6222-48)
PREVIOUS_OUTCOMES = [
    ("", "---------"),
    (pay_rules.DIPLOMA_OBTAINED, "Il a conduit à l'obtention du diplôme ou du titre préparé"),
    (pay_rules.EXAM_FAILED, "Échec à l'examen : le présent contrat prolonge l'apprentissage d'un an au plus"),
    (pay_rules.OTHER_OUTCOME, "Autre issue (rupture, abandon…)"),
]
CYCLE_YEARS = [
    (1, "1re année (le contrat couvre tout le cycle)"),
    (2, "2e année (durée réduite : l'alternant est payé comme en 2e année)"),
    (3, "3e année (durée réduite : l'alternant est payé comme en 3e année)"),
]
LAST_YEARS = [("", "---------"), (1, "1re année"), (2, "2e année"), (3, "3e année"), (4, "4e année")]
PAY_CASE_FIELDS = [
    "first_cycle_year", "previous_contract_end", "previous_contract_last_year",
    "previous_contract_outcome", "previous_contract_rate", "is_same_level_diploma",
    "disability_extension_start",
]  # fmt: skip
# Guide, "LES DONNEES DU CONTRAT": the proposed rates are legal minima.
LEGAL_MINIMA_WARNING = (
    "Les niveaux de rémunération proposés sont les minima légaux. "
    "Il est possible que votre convention collective prévoie une rémunération supérieure."
)
# Types that continue a previous contract (succession 21–23, avenants 31–38): its number is asked.
TYPES_WITH_PREVIOUS_CONTRACT = {"21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "38"}
# Avenants 31–37: the previous contract number and the date d'effet are required (R-6.5, cerfa §4).
AMENDMENT_TYPES = {"31", "32", "33", "34", "35", "36", "37"}
PROFESSIONALISATION_AMENDMENT = "30"
CENT = Decimal("0.01")


class ContractForm(TabForm):
    block = "contract"
    legend = "Les données du contrat"
    violation_fields = {
        "conclusion": "conclusion_date",
        "practical_start": "practical_training_start",
        "amendment_effective": "amendment_effective_date",
        "contract_type": "contract_type",
        "derogation": "derogation_type",
        "hours": "weekly_hours",
        "minutes": "weekly_minutes",
    }

    contract_mode = forms.ChoiceField(
        label="Mode contractuel de l'apprentissage", choices=choices_of(codes.ContractMode)
    )
    contract_type = forms.ChoiceField(
        label="Type de contrat ou d'avenant", choices=choices_of(codes.ContractType)
    )
    derogation_type = forms.ChoiceField(
        label="Type de dérogation (le cas échéant)",
        choices=choices_of(codes.DerogationType, empty="Aucune dérogation"),
        required=False,
    )
    first_cycle_year = forms.TypedChoiceField(
        label="Année du cycle de formation à laquelle commence le contrat",
        choices=CYCLE_YEARS,
        coerce=int,
        initial=1,
        required=False,
        empty_value=1,
        help_text="Entrée directe en 2e année (par ex. après une 1re année sous statut étudiant) : "
        "le contrat est payé comme une 2e année (article D6222-28-1 du code du travail).",
    )
    previous_contract_last_year = forms.TypedChoiceField(
        label="Contrat précédent : dernière année d'exécution atteinte",
        choices=LAST_YEARS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Pour un diplôme de même niveau obtenu hors apprentissage : la durée du cycle, en années.",
    )
    previous_contract_outcome = forms.ChoiceField(
        label="Contrat précédent : issue", choices=PREVIOUS_OUTCOMES, required=False
    )
    pension_fund = forms.CharField(
        label="Caisse de retraite complémentaire",
        max_length=100,
        widget=forms.TextInput(attrs={"list": "pension-funds"}),
    )

    class Meta:
        model = ContractModel
        fields = [
            "contract_mode", "contract_type", "derogation_type", "previous_contract_number",
            "conclusion_date", "practical_training_start", "amendment_effective_date",
            *PAY_CASE_FIELDS, "job_title",
            "weekly_hours", "weekly_minutes", "dangerous_machines", "smc", "pension_fund",
            "provident_fund", "classification", "classification_level", "coefficient", "trial_period_days",
            "user_company_tutor_last_name", "user_company_tutor_first_name", "user_company_tutor_job_title",
            "user_company_tutor_birth_date", "has_benefits_in_kind", "benefit_food", "benefit_housing", "benefit_other",
            "signature_place", "documents_attested",
        ]  # fmt: skip
        labels = {
            "previous_contract_number": "Numéro du contrat précédent ou du contrat sur lequel porte l'avenant",
            "conclusion_date": "Date de conclusion (date de signature du présent contrat)",
            "amendment_effective_date": "Si avenant, date d'effet",
            "previous_contract_end": "Contrat précédent : date de fin",
            "previous_contract_rate": "Contrat précédent (même employeur) : taux perçu la dernière année, en % du SMIC",
            "is_same_level_diploma": "Le contrat (un an au plus) prépare un diplôme de même niveau que celui déjà obtenu, "
            "en rapport direct avec lui",
            "disability_extension_start": "Alternant RQTH : début de la prolongation de la durée de l'apprentissage",
            "weekly_hours": "Durée hebdomadaire du travail : heures",
            "weekly_minutes": "Durée hebdomadaire du travail : minutes",
            "dangerous_machines": "Travail sur machines dangereuses ou exposition à des risques particuliers",
            "smc": "Salaire minimum conventionnel (SMC) de l'emploi, en € par mois",
            "has_benefits_in_kind": "L'alternant bénéficie d'avantages en nature",
            "benefit_food": "Avantage en nature nourriture (€ par repas)",
            "benefit_housing": "Avantage en nature logement (€ par mois)",
            "benefit_other": "Autre avantage en nature",
            "signature_place": "Fait à (lieu de signature du contrat)",
            "documents_attested": "L'employeur atteste disposer de l'ensemble des pièces justificatives "
            "nécessaires au dépôt du contrat",
        }
        help_texts = {
            "previous_contract_number": "15 caractères, par exemple 02B202212000000. Obligatoire pour un avenant.",
            "smc": "À renseigner si votre convention collective prévoit un salaire minimum supérieur au SMIC : "
            "à partir de 21 ans, il sert de base s'il est plus favorable.",
            "previous_contract_rate": "La rémunération ne peut être inférieure à celle perçue la dernière année "
            "du contrat précédent quand il a conduit au diplôme (article D6222-29).",
            "is_same_level_diploma": "La rémunération est majorée de 15 points (article D6222-30).",
            "disability_extension_start": "Jusqu'à 4 ans de contrat (article R6222-46) : la prolongation est payée "
            "aux pourcentages de la dernière année majorés de 15 points (article R6222-48).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pension_funds = PENSION_FUNDS
        dossier = self.dossier
        if dossier.contract_start and dossier.contract_end:
            self.intro = (
                f"Date de début d'exécution et date de fin du contrat (saisies dans Données de base) : "
                f"du {dossier.contract_start:%d/%m/%Y} au {dossier.contract_end:%d/%m/%Y}."
            )
        if self.is_apprenticeship:
            self.fields["practical_training_start"].required = True
            for name in ("job_title", *PROFESSIONALISATION_ONLY):
                del self.fields[name]
        else:
            self.fields["contract_mode"].label = "Nature du contrat"
            self.fields["contract_mode"].choices = [("", "---------")] + PROFESSIONALISATION_NATURES
            self.fields["contract_type"].choices = [("", "---------")] + PROFESSIONALISATION_CONTRACT_TYPES
            self.fields["job_title"].required = True
            self.fields["job_title"].label = "Emploi occupé pendant le contrat"
            for name in ("derogation_type", "practical_training_start", *PAY_CASE_FIELDS):
                del self.fields[name]
            # 12434*05, Le contrat: classification and période d'essai are on every contract; niveau,
            # coefficient and prévoyance only where the convention collective has them (« le cas échéant »).
            self.fields["classification"].required = True
            self.fields["trial_period_days"].required = True
            self.fields["provident_fund"].label = "Organisme de prévoyance (le cas échéant)"
            self.fields["trial_period_days"].help_text = "0 s'il n'y a pas de période d'essai."
            self.fields["user_company_tutor_birth_date"].widget = forms.DateInput(attrs={"type": "date"})
            for name in USER_COMPANY_TUTOR:
                self.fields[
                    name
                ].help_text = "Contrat de travail temporaire : tuteur de l'entreprise utilisatrice."
        if dossier.is_amendment:
            # The avenant's type and the amended contract's number were fixed when it was created.
            self.fields["contract_type"].choices = [
                (code, label)
                for code, label in self.fields["contract_type"].choices
                if code == dossier.amendment_type
            ]
            self.fields["previous_contract_number"].disabled = True
        elif self.instance.pk is None and dossier.carried_over:
            # A next contract (cactus/contracts): the previous contract's pay-case fields, proposed.
            for name, value in dossier.carried_over.get("contract_fields", {}).items():
                if name in self.fields:
                    self.initial.setdefault(name, value)
        if self.is_apprenticeship and self.instance.pk is None:
            # Saisie simple first: the age derogation chosen in L'alternant is proposed.
            alternant = related(dossier, "alternant_details")
            if alternant and alternant.age_derogation:
                self.initial.setdefault("derogation_type", alternant.age_derogation)
        self.fields["weekly_minutes"].required = False
        self.fields["signature_place"].required = True
        self.fields["documents_attested"].required = True
        # the SMC is asked only when it can be the base (21 by the end; 26+ for a contrat pro).
        has_dates = dossier.alternant_birth_date and dossier.contract_start and dossier.contract_end
        if has_dates and not pay_rules.is_smc_relevant(
            birth_date=dossier.alternant_birth_date,
            start=dossier.contract_start,
            end=dossier.contract_end,
            scheme=dossier.scheme,
        ):
            del self.fields["smc"]

    def clean_previous_contract_number(self) -> str:
        value = self.cleaned_data["previous_contract_number"].strip().upper()
        return identity.validate_contract_number(value) if value else value

    def clean_weekly_minutes(self) -> int:
        return self.cleaned_data.get("weekly_minutes") or 0

    def clean(self):
        cleaned = super().clean()
        dossier = self.dossier
        contract_type = cleaned.get("contract_type", "")
        is_amendment = contract_type in AMENDMENT_TYPES or contract_type == PROFESSIONALISATION_AMENDMENT
        if (
            self.is_apprenticeship
            and contract_type in AMENDMENT_TYPES
            and not cleaned.get("previous_contract_number")
        ):
            self.add_error(
                "previous_contract_number",
                "Pour un avenant, saisissez le numéro du contrat sur lequel il porte (cerfa, type 31 à 37).",
            )
        if contract_type not in TYPES_WITH_PREVIOUS_CONTRACT and not is_amendment:
            cleaned["previous_contract_number"] = ""
        if (
            is_amendment
            and not cleaned.get("amendment_effective_date")
            and not self.has_error("amendment_effective_date")
        ):
            self.add_error(
                "amendment_effective_date", "Pour un avenant, saisissez sa date d'effet (règle R-6.5)."
            )
        if not is_amendment:
            cleaned["amendment_effective_date"] = None
        if self.is_apprenticeship:
            self.clean_pay_case(cleaned, contract_type)
        if not self.is_apprenticeship:
            self.check_user_company_tutor(cleaned)
        if not cleaned.get("has_benefits_in_kind"):
            cleaned.update(benefit_food=None, benefit_housing=None, benefit_other=False)
        elif not (
            cleaned.get("benefit_food") or cleaned.get("benefit_housing") or cleaned.get("benefit_other")
        ):
            self.add_error(
                "has_benefits_in_kind",
                "Précisez au moins un avantage en nature (nourriture, logement ou autre).",
            )
        if dossier.contract_start and dossier.contract_end:
            self.add_violations(self.date_violations(cleaned, contract_type))
        if (
            dossier.alternant_birth_date
            and dossier.contract_start
            and cleaned.get("weekly_hours") is not None
        ):
            self.add_violations(
                date_rules.weekly_hours_violations(
                    hours=cleaned["weekly_hours"],
                    minutes=cleaned.get("weekly_minutes") or 0,
                    is_minor=age_rules.is_minor_on(dossier.alternant_birth_date, dossier.contract_start),
                )
            )
        return cleaned

    def clean_pay_case(self, cleaned: dict, contract_type: str) -> None:
        """The inputs of the pay cases: previous contract (types 21–23, D6222-28/29/30) and the
        RQTH prolongation (R6222-46 to R6222-48); what does not apply is cleared."""
        dossier = self.dossier
        is_new_contract = contract_type in NEW_CONTRACT_TYPES
        required = "Pour un nouveau contrat (types 21 à 23), indiquez {what} du contrat précédent."
        if is_new_contract:
            for name, what in (
                ("previous_contract_end", "la date de fin"),
                ("previous_contract_last_year", "la dernière année d'exécution"),
                ("previous_contract_outcome", "l'issue"),
            ):
                if cleaned.get(name) in (None, "") and not self.has_error(name):
                    self.add_error(name, required.format(what=what))
            if (
                contract_type == SAME_EMPLOYER_TYPE
                and cleaned.get("previous_contract_outcome") == pay_rules.DIPLOMA_OBTAINED
                and cleaned.get("previous_contract_rate") is None
                and not self.has_error("previous_contract_rate")
            ):
                self.add_error(
                    "previous_contract_rate",
                    "Le contrat précédent avec le même employeur a conduit au diplôme : indiquez le taux perçu "
                    "la dernière année, la rémunération ne peut lui être inférieure (article D6222-29).",
                )
        else:
            cleaned.update(
                previous_contract_end=None, previous_contract_outcome="", previous_contract_rate=None
            )
            if not cleaned.get("is_same_level_diploma"):
                cleaned["previous_contract_last_year"] = None
        if contract_type != SAME_EMPLOYER_TYPE:
            cleaned["previous_contract_rate"] = None
        if cleaned.get("is_same_level_diploma") and not cleaned.get("previous_contract_last_year"):
            self.add_error(
                "previous_contract_last_year",
                "Pour la majoration de 15 points (article D6222-30), indiquez la dernière année du contrat "
                "précédent, ou la durée en années du cycle du diplôme déjà obtenu.",
            )
        previous_end = cleaned.get("previous_contract_end")
        if previous_end and dossier.contract_start and previous_end >= dossier.contract_start:
            self.add_error(
                "previous_contract_end", "Le contrat précédent doit finir avant le début de celui-ci."
            )
        self.clean_disability_extension(cleaned, contract_type)

    def clean_disability_extension(self, cleaned: dict, contract_type: str) -> None:
        dossier = self.dossier
        alternant = related(dossier, "alternant_details")
        is_rqth = bool(alternant and alternant.has_rqth)
        extension_start = cleaned.get("disability_extension_start")
        if contract_type == DISABILITY_EXTENSION_TYPE and not extension_start:
            extension_start = cleaned["disability_extension_start"] = cleaned.get("amendment_effective_date")
        if not (dossier.contract_start and dossier.contract_end):
            return
        is_longer_than_3_years = dossier.contract_end > date_rules.last_day_within(dossier.contract_start, 36)
        if extension_start is None:
            if is_rqth and is_longer_than_3_years and not self.has_error("disability_extension_start"):
                self.add_error(
                    "disability_extension_start",
                    "Le contrat dépasse 3 ans pour un alternant RQTH : indiquez le début de la prolongation "
                    "(articles R6222-46 à R6222-48), payée aux pourcentages de la dernière année majorés de 15 points.",
                )
            return
        if not is_rqth:
            self.add_error(
                "disability_extension_start",
                "La prolongation liée au handicap n'est possible que pour un alternant reconnu travailleur "
                "handicapé (RQTH, à déclarer dans L'alternant).",
            )
        elif not dossier.contract_start < extension_start <= dossier.contract_end:
            self.add_error(
                "disability_extension_start",
                f"Le début de la prolongation doit être compris entre le {dossier.contract_start:%d/%m/%Y} "
                f"et le {dossier.contract_end:%d/%m/%Y}.",
            )

    def pay_case(self) -> dict:
        """The pay inputs of this page as the rules take them: posted values (leniently read, so
        the page can show the lines before it is valid), else the stored ones."""
        if not self.is_apprenticeship:
            return {}
        if not self.is_bound:
            return stored_pay_case(self.dossier)
        raw = {name: self.data.get(self.add_prefix(name), "") for name in (*PAY_CASE_FIELDS, "contract_type")}
        raw["amendment_effective_date"] = self.data.get(self.add_prefix("amendment_effective_date"), "")
        return pay_case_of(
            contract_type=raw["contract_type"],
            first_cycle_year=_lenient(int, raw["first_cycle_year"]) or 1,
            previous_contract_end=_lenient(date.fromisoformat, raw["previous_contract_end"]),
            previous_contract_last_year=_lenient(int, raw["previous_contract_last_year"]),
            previous_contract_outcome=raw["previous_contract_outcome"],
            previous_contract_rate=_lenient(_decimal, raw["previous_contract_rate"]),
            is_same_level_diploma=raw["is_same_level_diploma"] not in ("", "off", "false", None),
            disability_extension_start=_lenient(date.fromisoformat, raw["disability_extension_start"]),
            amendment_effective_date=_lenient(date.fromisoformat, raw["amendment_effective_date"]),
        )

    def check_user_company_tutor(self, cleaned: dict) -> None:
        """12434*05, Le tuteur: a contrat de travail temporaire names the entreprise utilisatrice's tuteur."""
        if cleaned.get("contract_mode") != TEMPORARY_WORK:
            cleaned.update(dict.fromkeys(USER_COMPANY_TUTOR[:3], ""), user_company_tutor_birth_date=None)
            return
        for name in USER_COMPANY_TUTOR:
            if not cleaned.get(name) and not self.has_error(name):
                self.add_error(
                    name,
                    "Pour un contrat de travail temporaire, renseignez le tuteur de l'entreprise utilisatrice.",
                )

    def block_data(self) -> dict:
        data = super().block_data()
        data.setdefault("smc", None)  # not asked: nothing kept
        return data

    def date_violations(self, cleaned: dict, contract_type: str) -> list[RuleViolation]:
        dossier = self.dossier
        alternant = related(dossier, "alternant_details")
        violations = date_rules.contract_date_violations(
            scheme=dossier.scheme,
            start=dossier.contract_start,
            end=dossier.contract_end,
            conclusion=cleaned.get("conclusion_date"),
            practical_start=cleaned.get("practical_training_start"),
            training_start=cycle_start(dossier, cleaned.get("first_cycle_year") or 1),
            exams_end=dossier.formation.end_date,
            amendment_effective=cleaned.get("amendment_effective_date"),
            contract_type=contract_type,
            derogation=cleaned.get("derogation_type", ""),
            is_rqth=bool(alternant and alternant.has_rqth),
        )
        if self.is_apprenticeship and dossier.alternant_birth_date:
            # the derogation code matches the age at the start (flags from L'alternant).
            violations += [
                violation
                for violation in age_rules.apprenticeship_age_violations(
                    birth_date=dossier.alternant_birth_date,
                    start=dossier.contract_start,
                    derogation=cleaned.get("derogation_type", ""),
                    has_completed_college=bool(
                        alternant
                        and has_completed_college(alternant.last_class, alternant.last_diploma_prepared)
                    ),
                    is_rqth=bool(alternant and alternant.has_rqth),
                    is_high_level_athlete=bool(alternant and alternant.is_high_level_athlete),
                    has_business_project=bool(alternant and alternant.has_business_project),
                    previous_contract_end=cleaned.get("previous_contract_end"),
                    conclusion=cleaned.get("conclusion_date"),
                )
                if violation.field in ("derogation", "conclusion")
            ]
        return violations


def _lenient(parse, value):
    try:
        return parse(value) if value not in ("", None) else None
    except (ValueError, InvalidOperation, TypeError):
        return None


def _decimal(value: str) -> Decimal:
    return Decimal(str(value).replace(",", "."))


def stored_pay_case(dossier: Dossier) -> dict:
    contract = related(dossier, "contract")
    if dossier.scheme != ContractScheme.APPRENTICESHIP:
        return {}
    if contract is None:
        return carried_over_pay_case(dossier)
    return pay_case_of(
        contract_type=contract.contract_type,
        first_cycle_year=contract.first_cycle_year,
        previous_contract_end=contract.previous_contract_end,
        previous_contract_last_year=contract.previous_contract_last_year,
        previous_contract_outcome=contract.previous_contract_outcome,
        previous_contract_rate=contract.previous_contract_rate,
        is_same_level_diploma=contract.is_same_level_diploma,
        disability_extension_start=contract.disability_extension_start,
        amendment_effective_date=contract.amendment_effective_date,
    )


def carried_over_pay_case(dossier: Dossier) -> dict:
    """A next contract not yet entered: the pay case of the previous contract it records
    (`Dossier.carried_over`, cactus/contracts), so the first proposal already applies its floor."""
    fields = (dossier.carried_over or {}).get("contract_fields")
    if not fields:
        return {}
    return pay_case_of(
        contract_type=fields.get("contract_type", ""),
        first_cycle_year=int(fields.get("first_cycle_year") or 1),
        previous_contract_end=_lenient(date.fromisoformat, fields.get("previous_contract_end") or ""),
        previous_contract_last_year=fields.get("previous_contract_last_year"),
        previous_contract_outcome=fields.get("previous_contract_outcome", ""),
        previous_contract_rate=_lenient(_decimal, fields.get("previous_contract_rate") or ""),
        is_same_level_diploma=False,
        disability_extension_start=None,
        amendment_effective_date=None,
    )


def pay_case_of(
    *,
    contract_type: str,
    first_cycle_year: int,
    previous_contract_end,
    previous_contract_last_year: int | None,
    previous_contract_outcome: str,
    previous_contract_rate: Decimal | None,
    is_same_level_diploma: bool,
    disability_extension_start,
    amendment_effective_date,
) -> dict:
    """The keyword arguments of `apprenticeship_periods` for a contract's pay case."""
    previous = None
    if previous_contract_last_year:
        previous = pay_rules.PreviousContract(
            last_year=previous_contract_last_year,
            end=previous_contract_end,
            outcome=previous_contract_outcome or pay_rules.OTHER_OUTCOME,
            same_employer=contract_type == SAME_EMPLOYER_TYPE,
            rate_received=previous_contract_rate,
        )
    if contract_type == DISABILITY_EXTENSION_TYPE and not disability_extension_start:
        disability_extension_start = amendment_effective_date
    return {
        "first_year": first_cycle_year,
        "previous_contract": previous,
        "is_same_level_diploma": is_same_level_diploma,
        "disability_extension_from": disability_extension_start,
        "failure_extension_from": amendment_effective_date
        if contract_type == FAILURE_EXTENSION_TYPE
        else None,
    }


@dataclass(frozen=True)
class Line:
    """A period of the rémunération block as the page shows it."""

    year: int
    period: int
    legal: pay_rules.RemunerationPeriod

    @property
    def key(self) -> str:
        return f"rate_{self.year}_{self.period}"


def legal_lines(dossier: Dossier, *, smc: Decimal | None, pay_case: dict | None = None) -> list[Line]:
    """The legal minimum periods for the dossier, numbered as on the CERFA (year n, period 1 or 2).

    `pay_case`: the pay inputs of Les données du contrat (`ContractForm.pay_case()`); the stored
    ones when None.
    """
    birth_date, start, end = dossier.alternant_birth_date, dossier.contract_start, dossier.contract_end
    if not (birth_date and start and end and end > start):
        return []
    employer = related(dossier, "employer")
    departement = employer.department if employer else ""
    contract = related(dossier, "contract")
    conclusion = contract.conclusion_date if contract else None
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        alternant = related(dossier, "alternant_details")
        periods = pay_rules.professionalisation_periods(
            birth_date=birth_date,
            start=start,
            end=end,
            has_professional_qualification=bool(
                alternant and pay_rules.has_qualification_from_bac_pro(alternant.highest_diploma)
            ),
            smc=smc,
            departement=departement,
            conclusion=conclusion,
        )
    else:
        case = stored_pay_case(dossier) if pay_case is None else pay_case
        periods = pay_rules.apprenticeship_periods(
            birth_date=birth_date,
            start=start,
            end=end,
            smc=smc,
            departement=departement,
            conclusion=conclusion,
            is_licence_pro=is_licence_pro(dossier.formation),
            years_from=cycle_start(dossier, case.get("first_year", 1)),
            **case,
        )
    lines, counts = [], {}
    for legal in periods:
        counts[legal.year] = counts.get(legal.year, 0) + 1
        lines.append(Line(year=legal.year, period=counts[legal.year], legal=legal))
    return lines


def is_licence_pro(formation) -> bool:
    """D6222-32: the formation prepares a licence professionnelle (its code diplôme says so)."""
    prefix = (formation.diploma_code or "")[:3]
    return codes.DIPLOMA_BY_CFD_PREFIX.get(prefix) == codes.Diploma.LICENCE_PRO


def cycle_start(dossier: Dossier, first_year: int):
    """The day this alternant's cycle began at the CFA: the formation's start, moved by the years
    skipped (D6222-28-1). When it precedes the contract (L6222-12-1), the contract years count
    from it (D6222-28-1: paid as if the cycle had been done in apprenticeship)."""
    if not dossier.formation.start_date:
        return None
    return date_rules.add_months(dossier.formation.start_date, 12 * (first_year - 1))


def base_amount(line: Line, *, smc: Decimal | None, departement: str) -> Decimal:
    """The monthly base of a line: the SMC when the rules chose it, else the SMIC in force at its start."""
    if line.legal.base == "SMC" and smc:
        return smc
    smic = smic_on(line.legal.start, departement)
    return smic.monthly if smic else Decimal(0)


def monthly_amount(base: Decimal, rate: Decimal) -> Decimal:
    # gross monthly = base × rate, rounded up to the cent.
    return (base * rate / 100).quantize(CENT, rounding=ROUND_CEILING)


def euros(amount: Decimal) -> str:
    return f"{amount:,.2f} €".replace(",", " ").replace(".", ",")


class RemunerationForm(forms.Form):
    """Rémunération: one rate per period (proposed at the legal minimum) and the salaire à l'embauche."""

    block = "remuneration_lines"
    legend = "Rémunération"
    is_shown = True
    is_hidden_block = False

    def __init__(self, *args, dossier: Dossier, contract_form: ContractForm, stored_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.contract_form = contract_form
        self.warnings: list[str] = []
        self.legal_minima_warning = LEGAL_MINIMA_WARNING
        self.problem = ""
        try:
            self.lines = legal_lines(dossier, smc=self._smc_for_display(), pay_case=contract_form.pay_case())
        except pay_rules.MissingSmic:
            self.lines = []
            self.problem = (
                "Aucun SMIC n'est connu pour ces dates : la rémunération ne peut pas être proposée."
            )
        stored = {(line.year, line.period, line.start, line.end): line for line in stored_lines}
        for line in self.lines:
            kept = stored.get((line.year, line.period, line.legal.start, line.legal.end))
            self.fields[line.key] = forms.DecimalField(
                label=f"Année {line.year}, période {line.period} : taux en %",
                max_digits=5,
                decimal_places=2,
                min_value=0,
                initial=kept.rate if kept else line.legal.rate,
                help_text=f"Minimum légal : {line.legal.rate} % du {line.legal.base}",
            )
        contract = related(dossier, "contract")
        self.fields["hiring_salary"] = forms.DecimalField(
            label="Salaire brut mensuel à l'embauche (€)",
            max_digits=8,
            decimal_places=2,
            min_value=0,
            initial=contract.hiring_salary
            if contract
            else (self.lines[0].legal.amount if self.lines else None),
            help_text="Proposé : le montant de la première période.",
        )

    def _smc_for_display(self) -> Decimal | None:
        if self.is_bound:
            try:
                raw = self.contract_form.data.get(self.contract_form.add_prefix("smc"), "")
                return Decimal(str(raw).replace(",", ".")) if raw else None
            except InvalidOperation:
                return None
        contract = related(self.dossier, "contract")
        return contract.smc if contract else None

    @property
    def departement(self) -> str:
        employer = related(self.dossier, "employer")
        return employer.department if employer else ""

    def rows(self) -> list[dict]:
        """What the page shows per line: dates, legal minimum, the rate field and the amount."""
        smc = self._smc_for_display()
        rows = []
        for line in self.lines:
            field = self[line.key]
            try:
                rate = Decimal(str(field.value()).replace(",", "."))
            except (InvalidOperation, TypeError):
                rate = line.legal.rate
            rows.append(
                {
                    "line": line,
                    "field": field,
                    "amount": monthly_amount(base_amount(line, smc=smc, departement=self.departement), rate),
                    # the amount follows each SMIC revaluation inside the period.
                    "smic_changes": [
                        {
                            "start": change.start,
                            "amount": monthly_amount(
                                smc if change.base == "SMC" and smc else change.smic, max(rate, change.rate)
                            ),
                        }
                        for change in line.legal.smic_changes
                    ],
                }
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        if self.problem:
            raise forms.ValidationError(self.problem)
        if not self.lines:
            raise forms.ValidationError(
                "La rémunération ne peut pas être calculée : complétez d'abord les dates et la date de naissance "
                "dans Données de base."
            )
        for violation in pay_rules.rate_violations(
            entered_rates=[cleaned.get(line.key) for line in self.lines],
            legal_periods=[line.legal for line in self.lines],
            fields=[line.key for line in self.lines],
        ):
            field = (
                violation.field
                if violation.field in self.fields and not self.has_error(violation.field)
                else None
            )
            if field or not violation.field:
                self.add_error(field, rule_message(violation))
        salary = cleaned.get("hiring_salary")
        first = self.lines[0]
        smc = (
            self.contract_form.cleaned_data.get("smc")
            if hasattr(self.contract_form, "cleaned_data")
            else None
        )
        minimum = monthly_amount(base_amount(first, smc=smc, departement=self.departement), first.legal.rate)
        if salary is not None and salary < minimum:
            self.add_error(
                "hiring_salary",
                f"Le salaire brut mensuel à l'embauche ne peut pas être inférieur au minimum légal de la première "
                f"période ({euros(minimum)}) (règle R-2.10).",
            )
        return cleaned

    def page_data(self) -> dict:
        smc = self.contract_form.cleaned_data.get("smc")
        lines = []
        for line in self.lines:
            rate = self.cleaned_data[line.key]
            base = base_amount(line, smc=smc, departement=self.departement)
            lines.append(
                {
                    "year": line.year,
                    "period": line.period,
                    "start": line.legal.start,
                    "end": line.legal.end,
                    "rate": rate,
                    "minimum_rate": line.legal.rate,
                    "base": line.legal.base,
                    "amount": monthly_amount(base, rate),
                }
            )
        return {
            "remuneration_lines": lines,
            "contract": {"hiring_salary": self.cleaned_data["hiring_salary"]},
        }


def stored_lines_match(dossier: Dossier, form: RemunerationForm) -> bool:
    """The stored periods are still those the rules compute (a later change of dates or age breaks them)."""
    stored = [
        (line.year, line.period, line.start, line.end, line.base) for line in dossier.remuneration_lines.all()
    ]
    computed = [
        (line.year, line.period, line.legal.start, line.legal.end, line.legal.base) for line in form.lines
    ]
    return stored == computed


def pay_below_minimum(dossier: Dossier, form: RemunerationForm) -> list[str]:
    """R-3.3, R-2.10: the stored periods whose amount is now below the legal minimum at their start,
    because a SMIC value was added since the tab was validated (the minimum follows the SMIC)."""
    stored = {
        (line.year, line.period, line.start, line.end): line for line in dossier.remuneration_lines.all()
    }
    problems = []
    for line in form.lines:
        kept = stored.get((line.year, line.period, line.legal.start, line.legal.end))
        if kept is None or kept.amount >= line.legal.amount:
            continue
        smic = smic_on(line.legal.start, form.departement)
        since = f" (SMIC de {euros(smic.monthly)} depuis le {smic.valid_from:%d/%m/%Y})" if smic else ""
        problems.append(
            f"Année {line.year}, période {line.period} (du {line.legal.start:%d/%m/%Y} au "
            f"{line.legal.end:%d/%m/%Y}) : le SMIC a été revalorisé{since} ; le minimum légal de cette période "
            f"est désormais de {euros(line.legal.amount)} par mois ({line.legal.rate.normalize():f} % du "
            f"{line.legal.base}), le montant enregistré est de {euros(kept.amount)}. Vérifiez la rémunération "
            "et validez de nouveau cet onglet (règle R-2.10)."
        )
    return problems
