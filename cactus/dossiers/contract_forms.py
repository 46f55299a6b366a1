"""Les données du contrat (saisie complète): the contract's terms and its rémunération block.

The periods and their legal minimum rates are computed by `cactus.core.rules.remuneration` from
the birth date (Données de base), the contract dates, the employer's département (L'employeur),
the SMC entered here and, for a contrat de professionnalisation, the alternant's highest diploma
(L'alternant). They are PROPOSED: the employer may raise a rate, never go below the minimum.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django import forms

from cactus.core.rules import RuleViolation, identity
from cactus.core.rules import age as age_rules
from cactus.core.rules import dates as date_rules
from cactus.core.rules import remuneration as pay_rules
from cactus.dossiers.alternant_forms import COLLEGE_COMPLETED
from cactus.dossiers.forms import rule_message
from cactus.dossiers.models import Contract as ContractModel
from cactus.dossiers.models import ContractScheme, Dossier
from cactus.dossiers.tab_forms import TabForm, choices_of, related
from cactus.referentials import codes
from cactus.referentials.selectors import smic_on

# Contrat de professionnalisation codes (EJ20, cerfa-professionnalisation.md §3.4): not in the referentials.
PROFESSIONALISATION_NATURES = [
    ("1", "Contrat à durée déterminée (CDD)"),
    ("2", "Contrat à durée indéterminée (CDI)"),
]
PROFESSIONALISATION_CONTRACT_TYPES = [
    ("1", "Contrat initial"),
    ("2", "Nouveau contrat (échec aux épreuves d'évaluation)"),
    ("3", "Nouveau contrat (défaillance de l'organisme de formation)"),
    ("4", "Nouveau contrat (maternité, maladie, accident du travail)"),
    ("5", "Avenant"),
]
# cerfa-apprentissage.md §8.10: the anchor's list, offered as suggestions (the CERFA box is free text).
PENSION_FUNDS = [
    "AG2R Agirc-Arrco", "Agrica", "Apicil", "Audiens", "B2V", "Banque de France", "BTPR", "CARCDSF",
    "CARMF", "CARPIMKO", "CARPV", "CAVAMAC", "CAVEC", "CAVOM", "CAVP", "CGRR", "CIPAV", "CNAV",
    "CNAVPL", "CNBF", "CNIEG", "CNRACL", "CPRN", "CPRP SNCF", "Cropera", "CRP RATP", "CRPCEN",
    "CRPCF", "CRPN", "CRR", "ENIM", "FSPOEIE", "IRCANTEC", "IRCEC", "Ircem", "Ircom", "IRP Auto",
    "Klesia Carcept", "Lourmel", "Malakoff Humanis", "MSA", "Port autonome de Strasbourg",
    "PRO BTP", "Retraite des mines", "SSI",
]  # fmt: skip
# Diplomas of level bac and above that are professional (+10 points for a contrat pro, rules.md §4).
PROFESSIONAL_QUALIFICATION_FROM_BAC = {"41", "49", "54", "55", "58", "62", "64", "69", "71", "74", "79"}
# Guide, "LES DONNEES DU CONTRAT": the proposed rates are legal minima.
LEGAL_MINIMA_WARNING = (
    "Les niveaux de rémunération proposés sont les minima légaux. "
    "Il est possible que votre convention collective prévoie une rémunération supérieure."
)
# Types that continue a previous contract (succession 21–23, avenants 31–38): its number is asked.
TYPES_WITH_PREVIOUS_CONTRACT = {"21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "38"}
# Avenants 31–37: the previous contract number and the date d'effet are required (R-6.5, cerfa §4).
AMENDMENT_TYPES = {"31", "32", "33", "34", "35", "36", "37"}
PROFESSIONALISATION_AMENDMENT = "5"
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
    pension_fund = forms.CharField(
        label="Caisse de retraite complémentaire",
        max_length=100,
        widget=forms.TextInput(attrs={"list": "pension-funds"}),
    )

    class Meta:
        model = ContractModel
        fields = [
            "contract_mode", "contract_type", "derogation_type", "previous_contract_number",
            "conclusion_date", "practical_training_start", "amendment_effective_date", "job_title",
            "weekly_hours", "weekly_minutes", "dangerous_machines", "smc", "pension_fund",
            "has_benefits_in_kind", "benefit_food", "benefit_housing", "benefit_other",
            "signature_place", "documents_attested",
        ]  # fmt: skip
        labels = {
            "previous_contract_number": "Numéro du contrat précédent ou du contrat sur lequel porte l'avenant",
            "conclusion_date": "Date de conclusion (date de signature du présent contrat)",
            "amendment_effective_date": "Si avenant, date d'effet",
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
            del self.fields["job_title"]
        else:
            self.fields["contract_mode"].label = "Nature du contrat"
            self.fields["contract_mode"].choices = [("", "---------")] + PROFESSIONALISATION_NATURES
            self.fields["contract_type"].choices = [("", "---------")] + PROFESSIONALISATION_CONTRACT_TYPES
            self.fields["job_title"].required = True
            self.fields["job_title"].label = "Emploi occupé pendant le contrat"
            for name in ("derogation_type", "practical_training_start"):
                del self.fields[name]
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
            training_start=dossier.formation.start_date,
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
                    has_completed_college=bool(alternant and alternant.last_class == COLLEGE_COMPLETED),
                    is_rqth=bool(alternant and alternant.has_rqth),
                    is_high_level_athlete=bool(alternant and alternant.is_high_level_athlete),
                    has_business_project=bool(alternant and alternant.has_business_project),
                    conclusion=cleaned.get("conclusion_date"),
                )
                if violation.field == "derogation"
            ]
        return violations


@dataclass(frozen=True)
class Line:
    """A period of the rémunération block as the page shows it."""

    year: int
    period: int
    legal: pay_rules.RemunerationPeriod

    @property
    def key(self) -> str:
        return f"rate_{self.year}_{self.period}"


def legal_lines(dossier: Dossier, *, smc: Decimal | None) -> list[Line]:
    """The legal minimum periods for the dossier, numbered as on the CERFA (year n, period 1 or 2)."""
    birth_date, start, end = dossier.alternant_birth_date, dossier.contract_start, dossier.contract_end
    if not (birth_date and start and end and end > start):
        return []
    employer = related(dossier, "employer")
    departement = employer.department if employer else ""
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        alternant = related(dossier, "alternant_details")
        periods = pay_rules.professionalisation_periods(
            birth_date=birth_date,
            start=start,
            end=end,
            has_professional_qualification=bool(
                alternant and alternant.highest_diploma in PROFESSIONAL_QUALIFICATION_FROM_BAC
            ),
            smc=smc,
            departement=departement,
        )
    else:
        periods = pay_rules.apprenticeship_periods(
            birth_date=birth_date, start=start, end=end, smc=smc, departement=departement
        )
    lines, counts = [], {}
    for legal in periods:
        counts[legal.year] = counts.get(legal.year, 0) + 1
        lines.append(Line(year=legal.year, period=counts[legal.year], legal=legal))
    return lines


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
            self.lines = legal_lines(dossier, smc=self._smc_for_display())
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
