"""The dashboard's figures, each from one or two aggregate queries (never a dossier loaded in Python).

A chart is a table: `categories` are its rows (formations, weeks, delays, OPCO), `series` its columns
(states, steps...). The same object gives the SVG, the table for screen readers and the CSV.
"""

import operator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone

from cactus.dossiers import back_office, deadlines
from cactus.dossiers.models import Dossier

Status = Dossier.Status
OTHER_FORMATIONS = "Autres formations"
TOP_FORMATIONS = 12  # more bars would not be read: the rest are summed in "Autres formations"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    category_label: str  # the header of the table's first column
    categories: list[str]
    series: list[tuple[str, list[int]]]  # (name, one value per category)
    kind: str  # "stacked" (bars by category), "lines" (over weeks), "grouped", "horizontal"
    summary: str = ""  # one sentence under the title
    computed_at: datetime | None = None  # when the numbers were read (cactus/workspace/figures.py)

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        return [
            (category, [values[i] for _, values in self.series]) for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(any(values) for _, values in self.series)


def dashboard_dossiers(user, *, formation=None, advisor=None) -> QuerySet[Dossier]:
    """The dossiers the person may see in the back office (all for CFA staff, else their formations);
    every dossier when `user` is None (the CFA-wide figures). `formation` and `advisor` are
    instances or ids."""
    dossiers = Dossier.objects.all() if user is None else back_office.back_office_dossiers(user)
    dossiers = dossiers.select_related(None).order_by()
    if formation is not None:
        dossiers = dossiers.filter(formation=formation)
    if advisor is not None:
        dossiers = dossiers.filter(formation__cfa_advisor=advisor)
    return dossiers


def season(today: date) -> tuple[date, date]:
    """The autumn of the current school year: from 1 August (the rentrée's contracts) to 31 December."""
    year = today.year if today.month >= 8 else today.year - 1
    return date(year, 8, 1), date(year, 12, 31)


def _mondays(start: date, end: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


STATE_ORDER = [
    Status.DRAFT,
    Status.VALIDATION_REQUESTED,
    Status.VALIDATED,
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
    Status.SENT_TO_OPCO,
    Status.CLOSED,
    Status.RUPTURED,  # after the signature (cactus/contracts)
    Status.CANCELLED,
]


def states_by_formation(dossiers: QuerySet[Dossier]) -> Chart:
    counts = dossiers.values("formation_id", "formation__title", "status").annotate(count=Count("pk"))
    by_formation: dict[tuple[int, str], dict[str, int]] = {}
    for row in counts:
        by_formation.setdefault((row["formation_id"], row["formation__title"]), {})[row["status"]] = row[
            "count"
        ]
    ranked = sorted(by_formation.items(), key=lambda item: (-sum(item[1].values()), item[0][1]))
    shown, rest = ranked[:TOP_FORMATIONS], ranked[TOP_FORMATIONS:]
    categories = [title for (_, title), _ in shown]
    per_state = [[states.get(status, 0) for _, states in shown] for status in STATE_ORDER]
    if rest:
        categories.append(OTHER_FORMATIONS)
        for values, status in zip(per_state, STATE_ORDER, strict=True):
            values.append(sum(states.get(status, 0) for _, states in rest))
    labels = {status: Status(status).label for status in STATE_ORDER}
    labels[Status.SENT_TO_OPCO] = "Envoyé à l'OPCO ou transmis à la DDETS"
    return Chart(
        key="etats",
        title="Dossiers par état et par formation",
        category_label="Formation",
        categories=categories,
        series=[(labels[status], values) for status, values in zip(STATE_ORDER, per_state, strict=True)],
        kind="stacked",
        summary=f"{sum(map(sum, per_state))} dossiers."
        + (
            f" Au-delà des {TOP_FORMATIONS} plus grandes formations, les autres sont additionnées."
            if rest
            else ""
        ),
    )


FLOW_STEPS = [
    ("created_at", "Créés (alternant inscrit)"),
    ("validation_requested_at", "Validation demandée"),
    ("validated_at", "Validés par la formation"),
    ("sent_to_opco_at", "Envoyés à l'OPCO"),
]


def weekly_flow(dossiers: QuerySet[Dossier], today: date) -> Chart:
    """Per week of the autumn, how many dossiers reached each step (one query: a UNION of four counts)."""
    start, end = season(today)
    weeks = _mondays(start, end)
    since, until = _aware(weeks[0]), _aware(end + timedelta(days=1))
    counts = [
        dossiers.filter(**{f"{field}__gte": since, f"{field}__lt": until})
        .annotate(step=Value(index), week=TruncWeek(field))
        .values("step", "week")
        .annotate(count=Count("pk"))
        .values_list("step", "week", "count")
        for index, (field, _) in enumerate(FLOW_STEPS)
    ]
    values = [[0] * len(weeks) for _ in FLOW_STEPS]
    position = {monday: i for i, monday in enumerate(weeks)}
    for step, week, count in counts[0].union(*counts[1:], all=True):
        monday = week.date() if isinstance(week, datetime) else week
        if monday in position:
            values[step][position[monday]] += count
    return Chart(
        key="flux",
        title=f"Flux hebdomadaire de l'automne {start.year}",
        category_label="Semaine du",
        categories=[monday.strftime("%d/%m") for monday in weeks],
        series=[(label, step_values) for (_, label), step_values in zip(FLOW_STEPS, values, strict=True)],
        kind="lines",
        summary="Nombre de dossiers arrivés à chaque étape, semaine par semaine (du lundi au dimanche).",
    )


DELAY_BUCKETS = [
    (0, 7, "moins de 7 jours"),
    (7, 14, "7 à 13 jours"),
    (14, 30, "14 à 29 jours"),
    (30, 60, "30 à 59 jours"),
    (60, None, "60 jours ou plus"),
]
DELAYS = [
    ("to_validation", "created_at", "validated_at", "De l'inscription à la validation par la formation"),
    ("to_opco", "validated_at", "sent_to_opco_at", "De la validation à l'envoi à l'OPCO"),
]


def delays(dossiers: QuerySet[Dossier]) -> Chart:
    """How long the steps take: a distribution in buckets of days (one query of conditional counts)."""
    annotated = dossiers.annotate(
        **{
            name: ExpressionWrapper(F(until) - F(since), output_field=DurationField())
            for name, since, until, _ in DELAYS
        }
    )
    aggregates = {}
    for name, since, until, _ in DELAYS:
        for index, (low, high, _) in enumerate(DELAY_BUCKETS):
            condition = Q(
                **{f"{since}__isnull": False, f"{until}__isnull": False, f"{name}__gte": timedelta(days=low)}
            )
            if high is not None:
                condition &= Q(**{f"{name}__lt": timedelta(days=high)})
            aggregates[f"{name}_{index}"] = Count("pk", filter=condition)
    counts = annotated.aggregate(**aggregates)
    return Chart(
        key="delais",
        title="Délais de traitement",
        category_label="Délai",
        categories=[label for _, _, label in DELAY_BUCKETS],
        series=[
            (label, [counts[f"{name}_{index}"] for index in range(len(DELAY_BUCKETS))])
            for name, _, _, label in DELAYS
        ],
        kind="grouped",
        summary="Nombre de dossiers par délai, en jours calendaires, pour les dossiers qui ont franchi l'étape.",
    )


def late_filings(dossiers: QuerySet[Dossier], today: date) -> Chart:
    """Per week of the autumn, dossiers sent within the 5 jours ouvrables and those sent late (R-7.1).

    A dossier sent on day D is late when its deadline was before D, i.e. when its contract started
    on or before `deadlines.latest_start_due_before(D)`: one condition per day, all in one query.
    """
    start, end = season(today)
    weeks = _mondays(start, end)
    aggregates = {}
    for index, monday in enumerate(weeks):
        sent_that_week = Q(
            sent_to_opco_at__gte=_aware(monday), sent_to_opco_at__lt=_aware(monday + timedelta(days=7))
        )
        days = [monday + timedelta(days=offset) for offset in range(7)]
        late = reduce(
            operator.or_,
            (
                Q(
                    sent_to_opco_at__gte=_aware(day),
                    sent_to_opco_at__lt=_aware(day + timedelta(days=1)),
                    contract_start__lte=deadlines.latest_start_due_before(day),
                )
                for day in days
            ),
        )
        aggregates[f"sent_{index}"] = Count("pk", filter=sent_that_week)
        aggregates[f"late_{index}"] = Count("pk", filter=late)
    counts = dossiers.filter(status=Status.SENT_TO_OPCO).aggregate(**aggregates)
    late = [counts[f"late_{index}"] for index in range(len(weeks))]
    on_time = [counts[f"sent_{index}"] - late[index] for index in range(len(weeks))]
    return Chart(
        key="retards",
        title=f"Envois à l'OPCO en retard, automne {start.year}",
        category_label="Semaine du",
        categories=[monday.strftime("%d/%m") for monday in weeks],
        series=[("Envoyés dans les 5 jours ouvrables", on_time), ("Envoyés en retard", late)],
        kind="stacked",
        summary="Envois par semaine ; en retard : après le 5e jour ouvrable suivant le début du contrat.",
    )


NOT_ENTERED = "OPCO non encore connu"


def by_opco(dossiers: QuerySet[Dossier]) -> Chart:
    counts = (
        dossiers.values("employer__idcc_opco")
        .annotate(count=Count("pk"))
        .order_by("-count", "employer__idcc_opco")
    )
    merged: dict[str, int] = {}  # no employer yet (NULL) and an IDCC without OPCO ("") read the same
    for row in counts:
        name = row["employer__idcc_opco"] or NOT_ENTERED
        merged[name] = merged.get(name, 0) + row["count"]
    rows = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    return Chart(
        key="opco",
        title="Dossiers par OPCO",
        category_label="OPCO",
        categories=[name for name, _ in rows],
        series=[("Dossiers", [count for _, count in rows])],
        kind="horizontal",
        summary="L'OPCO vient de la convention collective (IDCC) saisie dans l'onglet « L'employeur ».",
    )


CHARTS = {
    "etats": lambda dossiers, today: states_by_formation(dossiers),
    "flux": weekly_flow,
    "delais": lambda dossiers, today: delays(dossiers),
    "retards": late_filings,
    "opco": lambda dossiers, today: by_opco(dossiers),
}
