"""Reads for the back office: visible dossiers, queues by "action suivante", filters, history, CSV rows."""

import csv
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, connections, models
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from cactus.dossiers import circuits, deadlines, extensions, keyset, selectors
from cactus.dossiers.models import Dossier, DossierEvent, PayBelowMinimum
from cactus.dossiers.reminders import OPEN_STATUSES
from cactus.formations.models import Formation

Status = Dossier.Status


def back_office_dossiers(user) -> QuerySet[Dossier]:
    """CFA staff see every dossier; a responsable de formation sees those of their formations."""
    # The employer row too: a row's state label reads it (circuits: "Transmis à la DDETS"). The
    # formations (with their conseillère) come in a query of their own, for the page's rows only:
    # joined, PostgreSQL hashed every formation (4,000 at 10^6 dossiers) to join 50 rows.
    dossiers = Dossier.objects.select_related("alternant", "employer_contact", "employer").prefetch_related(
        Prefetch("formation", queryset=Formation.objects.select_related("cfa_advisor"))
    )
    if user.is_cfa_staff:
        return dossiers
    return dossiers.filter(formation_id__in=list(user.managed_formations.values_list("pk", flat=True)))


def queues(today: date) -> dict[str, tuple[str, Q]]:
    """Every queue: the built-in ones, then those the apps above add (extensions.add_queue)."""
    return _builtin_queues(today) | {
        queue.key: (queue.label, queue.condition(today)) for queue in extensions.extra_queues()
    }


def queue_labels() -> dict[str, str]:
    """{key: label} of every queue, in `queues`' order, without building their conditions (a page
    whose counts come from the cache needs only the labels)."""
    return BUILTIN_QUEUE_LABELS | {queue.key: queue.label for queue in extensions.extra_queues()}


def queue_condition(key: str, today: date) -> Q:
    """The condition of the queue `key` (KeyError for an unknown one)."""
    extra = {queue.key: queue for queue in extensions.extra_queues()}
    if key in extra:
        return extra[key].condition(today)
    return _builtin_queues(today)[key][1]


BUILTIN_QUEUE_LABELS = {
    "formation": "À valider par la formation",
    "economic": "Éléments économiques à valider",
    "documents": "Documents à valider (CFA)",
    "late": "En retard pour l'OPCO",
    # frozen dossiers whose pay a new SMIC put below the minimum (smic.record_smic_change).
    "smic": "Rémunération sous le nouveau minimum",
}


def _builtin_queues(today: date) -> dict[str, tuple[str, Q]]:
    conditions = {
        "formation": Q(status=Status.VALIDATION_REQUESTED),
        "economic": Q(status=Status.VALIDATED, economic_validated_at__isnull=True),
        "documents": Q(status=Status.DOCUMENTS_RETURNED),
        "late": (
            Q(status__in=OPEN_STATUSES, contract_start__lte=deadlines.latest_start_due_before(today))
            & ~Q(version_kind=Dossier.VersionKind.AMENDMENT)  # an avenant keeps the contract's old start
        ),
        "smic": Q(Exists(PayBelowMinimum.objects.filter(dossier=OuterRef("pk"), handled_at__isnull=True))),
    }
    return {key: (BUILTIN_QUEUE_LABELS[key], condition) for key, condition in conditions.items()}


# Counting a filtered list reads every matching row; at 10^6 dossiers that is most of the page's
# time. So the list counts up to COUNT_CAP and says "plus de" beyond; the whole file, unfiltered,
# is PostgreSQL's own estimate (pg_class.reltuples, refreshed by ANALYZE/autovacuum), said so.
COUNT_CAP = 1000


# The queue counts are cached for a minute per scope (all dossiers for CFA staff, else one
# responsable de formation's formations) and per day (the "late" queue depends on the date).
# Invalidation rule: none but time; a count may lag a change by up to QUEUE_COUNTS_SECONDS, and the
# page says so ("mis à jour il y a moins d'une minute"). The lists under the counts are never cached.
#
# On a cache miss, each queue is counted up to COUNT_CAP only (one query for every queue: a UNION
# of counts over `LIMIT COUNT_CAP + 1` subqueries), through the indexes that serve its condition:
# the read stops at the cap, so it never grows with the file (a COUNT of every matching dossier
# read the whole table: 1.3-1.9 s at 10^6 dossiers). Beyond the cap, PostgreSQL's own estimate of
# the queue's size stands for it, said so on the page ("environ 98 000, estimation").
QUEUE_COUNTS_SECONDS = 60


class QueueCount(int):
    """A queue's count: exact up to COUNT_CAP; beyond, `kind` says "estimate" (the planner's
    estimate, the int's value) or "more_than" (no estimate: the value is COUNT_CAP)."""

    kind = "exact"

    def __new__(cls, value: int, kind: str = "exact"):
        count = super().__new__(cls, value)
        count.kind = kind
        return count

    def __reduce__(self):  # cached (pickled) with its kind
        return (QueueCount, (int(self), self.kind))

    @property
    def label(self) -> str:
        number = f"{int(self):,}".replace(",", "\u202f")
        if self.kind == "estimate":
            return f"environ {number}"
        if self.kind == "more_than":
            return f"plus de {number}"
        return number

    @property
    def is_exact(self) -> bool:
        return self.kind == "exact"


def queue_counts(
    dossiers: QuerySet[Dossier], today: date, *, scope: str
) -> list[tuple[str, str, QueueCount]]:
    """(key, label, count) for each queue, in one query, cached for a minute per `scope` (see above)."""
    key = queue_counts_cache_key(today, scope)
    counts = cache.get(key)
    if counts is None:
        counts = _count_every_queue(dossiers, today)
        cache.set(key, counts, QUEUE_COUNTS_SECONDS)
    return with_labels(counts)


def _count_every_queue(dossiers: QuerySet[Dossier], today: date) -> dict:
    return count_queues(
        dossiers.order_by(), {name: condition for name, (_, condition) in queues(today).items()}
    )


def with_labels(counts: dict) -> list[tuple[str, str, QueueCount]]:
    return [(key, label, counts[key]) for key, label in queue_labels().items()]


def queue_counts_cache_key(today: date, scope: str) -> str:
    return f"back_office:queue_counts:capped:{today.isoformat()}:{scope}"


def count_queues(dossiers: QuerySet[Dossier], conditions: dict[str, Q], cap: int | None = None) -> dict:
    """{name: QueueCount} of `dossiers` matching each condition, counted up to `cap` in one query."""
    cap = COUNT_CAP if cap is None else cap
    if not conditions:
        return {}
    parts, params = [], []
    for name, condition in conditions.items():
        capped = dossiers.filter(condition).order_by().values("pk")[: cap + 1]
        sql, sub_params = capped.query.get_compiler(using=capped.db).as_sql()
        parts.append(f"SELECT %s, COUNT(*) FROM ({sql}) AS capped")
        params += [name, *sub_params]
    with connections[dossiers.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = dict(cursor.fetchall())
    counts = {}
    for name, condition in conditions.items():
        if found[name] <= cap:
            counts[name] = QueueCount(found[name])
            continue
        estimate = _estimated_count(dossiers.filter(condition))
        counts[name] = (
            QueueCount(estimate, "estimate") if estimate and estimate > cap else QueueCount(cap, "more_than")
        )
    return counts


def _estimated_count(dossiers: QuerySet[Dossier]) -> int | None:
    """PostgreSQL's estimate of the number of rows of `dossiers` (EXPLAIN: no row is read), rounded."""
    if connections[dossiers.db].vendor != "postgresql":
        return None
    sql, params = dossiers.order_by().values("pk").query.get_compiler(using=dossiers.db).as_sql()
    with connections[dossiers.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    rows = int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])
    return rows if rows < 1000 else round(rows, -2 if rows < 100_000 else -3)


def counts_scope(user) -> str:
    """What a person's queue counts cover: every dossier for CFA staff, else their own formations."""
    return "staff" if user.is_cfa_staff else f"manager:{user.pk}"


def page_facts(user, dossiers: QuerySet[Dossier], today: date, *, advisor_choices) -> dict:
    """What the page shows around its rows, each kept QUEUE_COUNTS_SECONDS in the cache and read in
    one query (five before: each a round trip, most of a page's queries at 10^6 dossiers):

    - "queues": `queue_counts`' (key, label, count), the same cache entry;
    - "estimate": PostgreSQL's estimate of the whole file (CFA staff only; None elsewhere), for
      `list_count`;
    - "can_register": whether the person may register an alternant ("Inscrire un alternant");
    - "advisors": the conseillères of the filter, `advisor_choices()`.

    Same rule as the counts: nothing but time invalidates them; a new formation or conseillère
    shows within a minute.
    """
    scope = counts_scope(user)
    wanted = {
        "queues": (queue_counts_cache_key(today, scope), lambda: _count_every_queue(dossiers, today)),
        "can_register": (
            f"back_office:can_register:{user.pk}",
            lambda: selectors.formations_open_to_registration(user).exists(),
        ),
        "advisors": ("back_office:advisor_choices", advisor_choices),
    }
    if user.is_cfa_staff:
        wanted["estimate"] = ("back_office:estimate", lambda: _estimated_rows(Dossier._meta.db_table))
    found = cache.get_many([cache_key for cache_key, _ in wanted.values()])
    facts, missing = {}, {}
    for name, (cache_key, compute) in wanted.items():
        if cache_key in found:
            facts[name] = found[cache_key]
        else:
            facts[name] = missing[cache_key] = compute()
    if missing:
        cache.set_many(missing, QUEUE_COUNTS_SECONDS)
    facts["queues"] = with_labels(facts["queues"])
    facts.setdefault("estimate", None)
    return facts


def filter_dossiers(
    dossiers: QuerySet[Dossier], *, today: date, query="", formation=None, status="", advisor=None, queue=""
) -> QuerySet[Dossier]:
    dossiers = selectors.search_dossiers(
        dossiers, query=query, formation_id=formation.pk if formation else None, status=status
    )
    if advisor:
        dossiers = dossiers.filter(formation__cfa_advisor=advisor)
    if queue:
        dossiers = dossiers.filter(queue_condition(queue, today))
    return dossiers


# The list's order: newest first (index dossier_newest_first_names), the id breaking ties.
DEFAULT_ORDERING = ("-created_at", "-pk")
# The filters that narrow the list (a sort does not).
FILTER_KEYS = ("q", "formation", "status", "advisor", "queue")


def keyset_page(
    dossiers: QuerySet[Dossier],
    ordering=DEFAULT_ORDERING,
    size: int = 50,
    cursor: str | None = None,
    *,
    rows: QuerySet[Dossier] | None = None,
) -> keyset.Page:
    """One page of the list after (or before) `cursor`, in `ordering` (field names, "-" for
    descending; the pk is added as the tie-breaker, empty values come last): `page.rows`,
    `page.next_cursor`, `page.previous_cursor` (None at either end). No OFFSET, so page 2000 costs
    what page 1 costs. `rows`: where the page's rows are read from by id (`worklist_dossiers()`),
    default `dossiers`. Raises keyset.InvalidCursor for a cursor made by hand or for another ordering.
    """
    return keyset.page(dossiers, ordering, size, cursor, rows=rows)


# A narrowed list that PostgreSQL estimates at this many rows or more is not counted: its estimate
# is shown, said so. Counting even to COUNT_CAP reads every match of a common name through the
# trigram index (28,000 for "Lefèvre" at 10^6 dossiers), a cost that grows with the file.
ESTIMATE_BEYOND = 10 * COUNT_CAP


@dataclass(frozen=True)
class ListCount:
    value: int
    kind: str  # "exact", "more_than" (value = COUNT_CAP), "estimate" (the whole file) or "about" (narrowed)

    @property
    def label(self) -> str:
        number = f"{self.value:,}".replace(",", "\u202f")
        plural = "s" if self.value > 1 else ""
        if self.kind == "estimate":
            return f"Environ {number} dossier{plural} au total (estimation de la base de données)."
        if self.kind == "about":
            return (
                f"Environ {number} dossiers (estimation de la base de données) : "
                "affinez la recherche ou les filtres pour les compter."
            )
        if self.kind == "more_than":
            return f"Plus de {number} dossiers : affinez la recherche ou les filtres pour les compter."
        return f"{number} dossier{plural}."


def is_narrowed(cleaned_data: dict | None) -> bool:
    return bool(cleaned_data) and any(cleaned_data.get(key) for key in FILTER_KEYS)


def list_count(
    dossiers: QuerySet[Dossier],
    *,
    narrowed: bool,
    everything: bool,
    page: keyset.Page | None = None,
    estimate: int | None = None,
) -> ListCount:
    """How many dossiers the list has, at a bounded cost (see COUNT_CAP).

    `everything`: the person sees every dossier (CFA staff) and `narrowed` is False, so the
    table's estimate stands for the list (`estimate`, as `page_facts` read it, else read here).
    `page`: the page shown; when it is the whole list (no page before nor after), its rows are the
    count, without a query.
    """
    if page is not None and not page.has_other_pages:
        return ListCount(len(page.rows), "exact")
    if everything and not narrowed:
        if estimate is None:
            estimate = _estimated_rows(Dossier._meta.db_table)
        if estimate is not None and estimate > COUNT_CAP:
            return ListCount(estimate, "estimate")
    if narrowed:
        estimate = _estimated_count(dossiers)
        if estimate is not None and estimate >= ESTIMATE_BEYOND:
            return ListCount(estimate, "about")
    counted = dossiers.order_by().values("pk")[: COUNT_CAP + 1].count()
    if counted > COUNT_CAP:
        return ListCount(COUNT_CAP, "more_than")
    return ListCount(counted, "exact")


def _estimated_rows(table: str) -> int | None:
    """PostgreSQL's row estimate for `table`, None elsewhere or before the first ANALYZE."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None


# The life-cycle dates have no French verbose_name in the model (changing it needs a migration).
LIFECYCLE_DATE_LABELS = {
    "validation_requested_at": "demande de validation le",
    "validated_at": "validé par la formation le",
    "documents_returned_at": "documents signés retournés le",
    "documents_validated_at": "documents validés par le CFA le",
}


# A tab's values are logged as "<part>.<field>" ("contract.weekly_hours"); mentors as "mentor1.email".
MENTOR_PART = re.compile(r"mentor(\d)")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def logged_field(name: str) -> tuple[str, models.Field | None]:
    """(French prefix, model field) of a name of the history: "siret", "contract.weekly_hours"."""
    part, _, field_name = name.rpartition(".")
    model, prefix = Dossier, ""
    if part:
        mentor = MENTOR_PART.fullmatch(part)
        try:
            model = Dossier._meta.get_field("mentors" if mentor else part).related_model
        except FieldDoesNotExist:
            return "", None
        prefix = f"{model._meta.verbose_name}{f' {mentor.group(1)}' if mentor else ''} : "
    try:
        return prefix, model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return "", None


def field_label(name: str) -> str:
    """A dossier field's French label, for the read-only page and the history's diffs."""
    if name in LIFECYCLE_DATE_LABELS:
        return LIFECYCLE_DATE_LABELS[name]
    if name == "remuneration":
        return "rémunération (année.période)"
    prefix, field = logged_field(name)
    return f"{prefix}{field.verbose_name}" if field else name


def display_value(value):
    """A stored value as people read it: JJ/MM/AAAA dates, Oui/Non; None stays None (shown "—")."""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, date):
        return date_format(value, "d/m/Y")
    return value


def logged_value(name: str, value: str | None) -> str | None:
    """A value of the history (logged as text) as people read it: choice labels, Oui/Non, JJ/MM/AAAA."""
    if value is None:
        return None
    _, field = logged_field(name)
    if value in ("True", "False"):
        return "Oui" if value == "True" else "Non"
    if field is not None and field.choices:
        return str(dict((str(key), label) for key, label in field.flatchoices).get(value, value))
    return ISO_DATE.sub(r"\3/\2/\1", value)


def without_parts(changes: dict, hidden_parts: frozenset[str]) -> dict:
    """An event's changes without the values of the hidden tab rows ("student_life.*")."""
    if not hidden_parts:
        return changes
    return {
        key: value
        for key, value in changes.items()
        if key.partition(".")[0] not in hidden_parts and not (key == "tab" and value in hidden_parts)
    }


def history(dossier: Dossier, *, hidden_parts: frozenset[str] = frozenset()) -> list[dict]:
    """Every event and every e-mail of the dossier, newest first: who, when, what changed.

    The values of the tabs in `hidden_parts` (permissions.hidden_parts) are left out.
    """
    entries = []
    for event in dossier.events.select_related("actor"):
        changes = without_parts(event.changes or {}, hidden_parts)
        diffs = [
            (field_label(field), logged_value(field, values[0]), logged_value(field, values[1]))
            for field, values in changes.items()
            if isinstance(values, list) and len(values) == 2 and field != "rejected_documents"
        ]
        entries.append(
            {
                "at": event.created_at,
                "kind": "event",
                "title": event.get_action_display(),
                "actor": event.actor,
                "from_label": circuits.logged_status_label(event.from_status, changes),
                "to_label": circuits.logged_status_label(event.to_status, changes),
                "comment": event.comment,
                "diffs": diffs,
                "details": {key: value for key, value in changes.items() if not isinstance(value, list)},
            }
        )
    for email in dossier.emails.all():
        entries.append(
            {
                "at": email.created_at,
                "kind": "email",
                "title": f"E-mail « {email.subject} »",
                "to": email.to,
                "status": email.get_status_display(),
                "attachment": email.attachment_name,
            }
        )
    return sorted(entries, key=lambda entry: entry["at"], reverse=True)


CSV_HEADER = [
    "Numéro",
    "Nom",
    "Prénom",
    "E-mail alternant",
    "E-mail contact alternance",
    "Formation",
    "Conseillère CFA",
    "SIRET",
    "État",
    "Action suivante",
    "Début du contrat",
    "Échéance d'envoi",
    "Envoyé le",
]


def _cell(value) -> str:
    # A cell starting with = + - @ (or a tab or carriage return before them, OWASP) would be run
    # as a formula by a spreadsheet.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_lines(dossiers: QuerySet[Dossier]) -> Iterator[str]:
    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(CSV_HEADER)  # the BOM lets spreadsheets read UTF-8
    for dossier in dossiers.iterator(chunk_size=2000):
        due = deadlines.dossier_due_date(dossier)
        advisor = dossier.formation.cfa_advisor
        row = [
            dossier.pk,
            dossier.alternant_last_name,
            dossier.alternant_first_name,
            dossier.alternant.email,
            dossier.employer_contact.email if dossier.employer_contact else "",
            dossier.formation.title,
            advisor.get_full_name() or advisor.email if advisor else "",
            dossier.siret,
            dossier.status_label,
            circuits.next_action(dossier),
            dossier.contract_start.strftime("%d/%m/%Y") if dossier.contract_start else "",
            due.strftime("%d/%m/%Y") if due else "",
            dossier.sent_to_opco_at.strftime("%d/%m/%Y") if dossier.sent_to_opco_at else "",
        ]
        yield writer.writerow([_cell(value) for value in row])


def last_return_comment(dossier: Dossier) -> DossierEvent | None:
    """The refusal, rejection or reopening that sent the dossier back, to show its comment."""
    if dossier.status not in (Status.DRAFT, Status.VALIDATED):
        return None
    event = dossier.events.filter(to_status=dossier.status).order_by("-created_at", "-pk").first()
    return event if event and event.comment else None


# Sorting the list (?sort=key, ?sort=-key for the reverse): {key: (French label, ordering)}. Every
# ordering ends with "pk" so that it is total (the pagination may walk it by keyset). A contract's
# OPCO deadline grows with its start date, so sorting by start date is sorting by deadline, in SQL.
URGENCY = models.F("contract_start").asc(nulls_last=True)
SORTS: dict[str, tuple[str, tuple]] = {
    "alternant": ("Alternant", ("alternant_last_name", "alternant_first_name", "pk")),
    "formation": ("Formation", ("formation__title", "pk")),
    "echeance": ("Échéance OPCO", (URGENCY, "pk")),
    "debut": ("Début du contrat", (URGENCY, "pk")),
    "cree": ("Créé le", ("created_at", "pk")),
}
# A queue lists its most urgent dossiers first; the whole list, the newest first (as before).
DEFAULT_SORT, DEFAULT_QUEUE_SORT = "-cree", "echeance"


def sorts() -> dict[str, tuple[str, tuple]]:
    """The built-in sorts, then those of the deadline columns the apps above add."""
    return SORTS | {
        column.key: (column.label, column.ordering)
        for column in extensions.extra_deadline_columns()
        if column.ordering
    }


def sort_key(requested: str, *, queue: str = "") -> str:
    """The sort asked for in ?sort=, if known; else the default (urgency in a queue)."""
    if requested.removeprefix("-") in sorts():
        return requested
    return DEFAULT_QUEUE_SORT if queue else DEFAULT_SORT


def ordering(key: str) -> tuple:
    """The `order_by` arguments of a sort key ("-cree": newest first, pk descending too)."""
    fields = sorts()[key.removeprefix("-")][1]
    if not key.startswith("-"):
        return fields
    return tuple(_reversed(field) for field in fields)


def _reversed(field):
    if isinstance(field, str):
        return field[1:] if field.startswith("-") else f"-{field}"
    flipped = field.copy()
    flipped.reverse_ordering()
    return flipped


def sort_dossiers(dossiers: QuerySet[Dossier], key: str) -> QuerySet[Dossier]:
    return dossiers.order_by(*ordering(key))


def _opco_deadline(dossier: Dossier, today: date) -> extensions.RunningDeadline | None:
    """5 jours ouvrables after the start (R-7.1), while the dossier has not reached its last step."""
    if dossier.status not in OPEN_STATUSES:
        return None
    due = deadlines.dossier_due_date(dossier)
    if due is None:
        return None
    return extensions.RunningDeadline(due=due, days_left=_working_days_between(today, due))


@functools.lru_cache(maxsize=4096)
def _working_days_between(today: date, due: date) -> int:
    # A page's dossiers share few due dates, and a late one counts day by day back to its start.
    return deadlines.working_days_between(today, due)


OPCO_DEADLINE = extensions.DeadlineColumn("echeance", "Échéance OPCO", _opco_deadline)


def deadline_columns() -> list[extensions.DeadlineColumn]:
    """The built-in "Échéance OPCO", then the columns of the apps above (the OPCO's 20 days, signatures)."""
    return [OPCO_DEADLINE, *extensions.extra_deadline_columns()]


def prepare_for_columns(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    for column in deadline_columns():
        if column.prepare:
            dossiers = column.prepare(dossiers)
    return dossiers


# What a row of the worklist reads (its cells, `status_label`, `circuits.next_action` and
# `next_actor`, the OPCO deadline): the rest of the dossier's 80-odd columns and of its people's
# and employer's rows were most of the page's rows cost at 10^6 dossiers. A field read but left
# out here would cost a query per row: the query-count tests walk every state.
WORKLIST_FIELDS = (
    "formation",
    "alternant__email",
    "alternant_last_name",
    "alternant_first_name",
    "status",
    "is_entry_complete",
    "economic_validated_at",
    "contract_start",
    "ended_on",
    "scheme",
    "version_kind",
    "employer__employer_type",
    "employer__is_monegasque",
)


def page_keys(dossiers: QuerySet[Dossier], sort_key: str) -> QuerySet[Dossier]:
    """The filtered list as the page's keys are read from it: no join, and the deadline columns'
    annotations only when the list is sorted by one of them (`sort_key`, see `sorts`)."""
    dossiers = dossiers.select_related(None).prefetch_related(None)
    sorted_by_column = {column.key for column in extensions.extra_deadline_columns() if column.ordering}
    return prepare_for_columns(dossiers) if sort_key.removeprefix("-") in sorted_by_column else dossiers


def worklist_dossiers() -> QuerySet[Dossier]:
    """Where a page's rows are read from, by id, once the filtered list gave them: what the
    worklist shows (`for_worklist`) and the deadline columns' annotations, on no filter (cheaper
    to build than on the filtered list: the keys' query carries none of it)."""
    return for_worklist(prepare_for_columns(Dossier.objects.all()))


def for_worklist(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """`dossiers` loading only what a worklist row shows, with its alternant, its employer and its
    formation's title in the same query (the page's rows are read by primary key). The title is a
    subquery, not a join: joined, PostgreSQL hashed every formation (4,000) for 50 rows."""
    return (
        dossiers.prefetch_related(None)
        .select_related(None)
        .select_related("alternant", "employer")
        .only(*WORKLIST_FIELDS)
        .annotate(
            formation_title=Subquery(
                Formation.objects.filter(pk=OuterRef("formation_id")).values("title")[:1]
            )
        )
    )


def _formation_title(dossier: Dossier) -> str:
    # `for_worklist` annotates it; a dossier read otherwise reads its formation.
    title = dossier.__dict__.get("formation_title")
    return dossier.formation.title if title is None else title


def worklist_rows(dossiers, today: date) -> list[dict]:
    """One row per dossier of a page: state, action suivante, who must act, each running deadline."""
    return worklist(dossiers, today)[1]


def worklist(dossiers, today: date) -> tuple[list[extensions.DeadlineColumn], list[dict]]:
    """The deadline columns to show and the rows of a page.

    "Échéance OPCO" is always shown; a column of the apps above (the OPCO's 20 days, a signing
    link) only when a dossier of the page has that deadline running, so that a page of dossiers
    with no such deadline keeps one line per dossier at 1366 px.
    """
    columns = deadline_columns()
    running = [[column.running(dossier, today) for column in columns] for dossier in dossiers]
    shown = [
        index
        for index, column in enumerate(columns)
        if column is OPCO_DEADLINE or any(values[index] for values in running)
    ]
    rows = [
        {
            "dossier": dossier,
            "formation": _formation_title(dossier),
            "status": dossier.status_label,
            "next_action": circuits.next_action(dossier),
            "next_actor": _who_must_act(dossier),
            "deadlines": [(columns[index].label, values[index]) for index in shown],
        }
        for dossier, values in zip(dossiers, running, strict=True)
    ]
    return [columns[index] for index in shown], rows


def _who_must_act(dossier: Dossier) -> str:
    if dossier.status not in OPEN_STATUSES:
        return ""
    if dossier.status == Status.DRAFT and not dossier.is_entry_complete:
        return "L'alternant et le contact alternance"  # each has tabs to fill
    return circuits.next_actor(dossier)


def selected_dossiers(dossiers: QuerySet[Dossier], selected: list[str]) -> QuerySet[Dossier]:
    """The ticked dossiers among those the person may see (others are left out, silently)."""
    # isdecimal, not isdigit: "²" is a digit that int() refuses; a database id is below 2**63.
    pks = [int(value) for value in selected if value.isdecimal() and len(value) < 19]
    return dossiers.filter(pk__in=pks[:MAX_SELECTED])


MAX_SELECTED = 1000  # a page holds 50; the cap only keeps a forged URL's IN (...) small
