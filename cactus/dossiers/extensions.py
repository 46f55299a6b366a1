"""Where the apps above `dossiers` plug into its pages, without `dossiers` importing them.

Registries, filled from each upper app's `AppConfig.ready()`:

- `add_queue(key, label, condition)`: a back-office queue. `condition(today)` returns a `Q` on
  `Dossier` (an `Exists(...)` on the app's own model, say). Its count and its list come with the
  built-in queues (back_office.queues).
- `add_follow_up_panel(panel)`: a block of "Suivi - Info". `panel(request, dossier)` returns
  `(template_name, context)` to include under the progress box, or None to show nothing. The
  panel decides itself what the person may see (the page is already limited to the dossier's
  parties and staff).
- `add_demo_step(step)`: `step(people, stdout)` runs at the end of `manage.py demo`.
- `add_reminder_step(step)`: `step(today, stdout)` runs in `manage.py send_reminders` after the
  deadline reminders (the signatures' reminders to whoever has not signed).
- `add_manual_send_guard(guard)`: `guard(dossier)` returns why the box "Envoyé à l'OPCO" may not be
  ticked by hand now (French, shown as it is), or "" (the OPCO's deposit by the API records it
  itself while it runs). The box is then not offered and `transitions.mark_sent_to_opco` refuses a
  person (the platform, `by=None`, is not guarded).
- `add_deadline_column(DeadlineColumn(...))`: a deadline column of the back office (days left per
  dossier, optionally sortable), shown after the built-in "Échéance OPCO" (see the class below).

    from cactus.dossiers import extensions
    extensions.add_queue("opco_rejected", "Rejeté par l'OPCO : à corriger", lambda today: Q(...))
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    condition: Callable[[date], Q]


_queues: dict[str, Queue] = {}
_panels: list[Callable] = []
_demo_steps: list[Callable] = []
_reminder_steps: list[Callable] = []
_manual_send_guards: list[Callable] = []


def add_queue(key: str, label: str, condition: Callable[[date], Q]) -> None:
    _queues[key] = Queue(key, label, condition)


def extra_queues() -> list[Queue]:
    return list(_queues.values())


def add_follow_up_panel(panel: Callable) -> None:
    if panel not in _panels:
        _panels.append(panel)


def follow_up_panels(request, dossier) -> list[tuple[str, dict]]:
    return [shown for panel in _panels if (shown := panel(request, dossier)) is not None]


def add_demo_step(step: Callable) -> None:
    if step not in _demo_steps:
        _demo_steps.append(step)


def demo_steps() -> list[Callable]:
    return list(_demo_steps)


def add_reminder_step(step: Callable) -> None:
    """`step(today, stdout)` runs in `manage.py send_reminders` after the deadline reminders."""
    if step not in _reminder_steps:
        _reminder_steps.append(step)


def reminder_steps() -> list[Callable]:
    return list(_reminder_steps)


def add_manual_send_guard(guard: Callable) -> None:
    if guard not in _manual_send_guards:
        _manual_send_guards.append(guard)


def manual_send_refusal(dossier) -> str:
    """Why "Envoyé à l'OPCO" may not be ticked by hand now, "" when it may."""
    for guard in _manual_send_guards:
        if reason := guard(dossier):
            return reason
    return ""


# Deadline columns of the back office ("Échéance OPCO", later the OPCO's 20 days, the signatures).
# `running(dossier, today)` says where a dossier stands against the deadline, None when none runs;
# it is called for the rows of one page only. `prepare(queryset)` adds what it reads (an
# annotation, a prefetch) once per page, so a column costs no query per row. `ordering`, when given,
# makes the column sortable (a tuple for `order_by`, ending with "pk").
@dataclass(frozen=True)
class RunningDeadline:
    due: date
    days_left: int  # negative once passed
    unit: str = "jour ouvrable"  # singular; "jour" for calendar days

    @property
    def is_late(self) -> bool:
        return self.days_left < 0

    @property
    def short(self) -> str:
        """As the CFA writes it: "J-3" three days before, "J" on the day, "J+2" two days late."""
        return "J" if self.days_left == 0 else f"J{-self.days_left:+d}"

    @property
    def text(self) -> str:
        days = abs(self.days_left)
        unit = " ".join(f"{word}s" for word in self.unit.split()) if days > 1 else self.unit
        if self.days_left > 0:
            return f"{days} {unit} restant{'s' if days > 1 else ''}"
        return "échéance aujourd'hui" if days == 0 else f"dépassée de {days} {unit}"


@dataclass(frozen=True)
class DeadlineColumn:
    key: str
    label: str
    running: Callable[..., RunningDeadline | None]
    prepare: Callable | None = None
    ordering: tuple | None = None


_deadline_columns: dict[str, DeadlineColumn] = {}


def add_deadline_column(column: DeadlineColumn) -> None:
    _deadline_columns[column.key] = column


def extra_deadline_columns() -> list[DeadlineColumn]:
    return list(_deadline_columns.values())
