"""A new SMIC is an event (R-3.3): what it does to the dossiers, the day a CFA administrator adds it.

The minimum pay of an alternant is a percentage of the SMIC in force each month (D6222-26,
D6325-15/16, rules.md R-2.11), so a revaluation raises it from its date for every contract
running then, without an avenant. The admin saves the new value and queues
`apply_smic_change_task` (`save_smic_change_and_enqueue`), which walks the open full-mode dossiers
by primary key, 500 per transaction (`record_smic_change` does both at once, for tests and the
shell):

- draft dossiers: their tab "Les données du contrat" re-reads the SMIC table and loses its check
  mark when a stored amount is now below the minimum (`contract_forms.pay_below_minimum` says
  which period and the new minimum); "Saisie complète" is refreshed;
- dossiers from "Validation demandée" on (frozen, not closed): a `PayBelowMinimum` row puts them
  in the back-office queue "Rémunération sous le nouveau minimum" and their contact alternance is
  told by e-mail that the minimum went up on that date;
- each affected dossier gets a DossierEvent. Running it twice changes nothing more.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.formats import date_format
from django_tasks import task

from cactus.accounts.models import User
from cactus.dossiers import emails, services
from cactus.dossiers.contract_forms import euros, legal_lines
from cactus.dossiers.models import Dossier, DossierEvent, EntryMode, PayBelowMinimum
from cactus.law.remuneration import MissingSmic
from cactus.referentials.models import SmicRate
from cactus.referentials.selectors import territory_of

Status = Dossier.Status
# Closed dossiers (contract over or abandoned) are left alone.
FOLLOWED_FROZEN_STATUSES = Dossier.FROZEN_STATUSES - {Status.CLOSED}
# Dossiers checked per transaction by `apply_smic_change`.
BATCH_SIZE = 500


@dataclass(frozen=True)
class Shortfall:
    """A stored period of pay below the minimum that a SMIC value sets from `starts_on`."""

    year: int
    period: int
    start: date
    end: date
    starts_on: date
    agreed: Decimal
    minimum: Decimal
    rate: Decimal
    base: str

    def describe(self, smic: SmicRate) -> str:
        return (
            f"année {self.year}, période {self.period} (du {_day(self.start)} au {_day(self.end)}) : "
            f"à partir du {_day(self.starts_on)}, le minimum légal est de {euros(self.minimum)} par mois "
            f"({_percent(self.rate)} % du {self.base}, SMIC de {euros(smic.monthly)} au {_day(smic.valid_from)}) ; "
            f"le montant prévu est de {euros(self.agreed)}"
        )


def shortfalls_under(dossier: Dossier, smic: SmicRate) -> list[Shortfall]:
    """The stored periods of pay of `dossier` below the minimum that `smic` sets while it is in force."""
    if (
        dossier.entry_mode != EntryMode.FULL
        or not dossier.contract_end
        or dossier.contract_end < smic.valid_from
    ):
        return []
    employer = getattr(dossier, "employer", None)
    if territory_of(employer.department if employer else "") != smic.territory:
        return []
    contract = getattr(dossier, "contract", None)
    try:
        lines = legal_lines(dossier, smc=contract.smc if contract else None)
    except MissingSmic:
        return []
    stored = {(line.year, line.period): line for line in dossier.remuneration_lines.all()}
    shortfalls = []
    for line in lines:
        kept = stored.get((line.year, line.period))
        legal = line.legal
        if kept is None or legal.end < smic.valid_from:
            continue
        starts_on = max(legal.start, smic.valid_from)
        minimum = legal.minimum_on(starts_on)
        if kept.amount < minimum:
            change = next((c for c in legal.smic_changes if c.start <= starts_on), None)
            shortfalls.append(
                Shortfall(
                    year=line.year,
                    period=line.period,
                    start=legal.start,
                    end=legal.end,
                    starts_on=starts_on,
                    agreed=kept.amount,
                    minimum=minimum,
                    rate=change.rate if change else legal.rate,
                    base=change.base if change else legal.base,
                )
            )
    return shortfalls


def record_smic_change(*, smic: SmicRate, by, batch_size: int = BATCH_SIZE) -> list[Dossier]:
    """Save a new SMIC value (or an edited one) and apply it to the dossiers it affects; returns them.

    Synchronous (tests, shell); the admin saves and queues `apply_smic_change_task` instead
    (`save_smic_change_and_enqueue`). Idempotent: a dossier already queued for this SMIC value is
    neither queued, logged nor e-mailed again.
    """
    save_smic_change(smic=smic)
    return apply_smic_change(smic=smic, by=by, batch_size=batch_size)


def save_smic_change(*, smic: SmicRate) -> None:
    smic.full_clean()
    smic.save()


def save_smic_change_and_enqueue(*, smic: SmicRate, by, then=None) -> None:
    """Save the SMIC value and, once it is committed, queue the check of the dossiers.

    `then(task_result)` is called right after the enqueue: with the immediate backend the task has
    already run (`task_result.return_value` is the number of affected dossiers).
    """
    save_smic_change(smic=smic)
    by_id = getattr(by, "pk", None)

    def enqueue():
        result = apply_smic_change_task.enqueue(smic.pk, by_id)
        if then is not None:
            then(result)

    transaction.on_commit(enqueue)


@task()
def apply_smic_change_task(smic_id: int, by_id: int | None) -> int:
    """Apply a saved SMIC value to the dossiers (by `db_worker` in production); the affected count.

    Safe to retry or to run again after an interruption: each batch is committed on its own and a
    dossier already handled for this SMIC value is skipped.
    """
    rate = SmicRate.objects.filter(pk=smic_id).first()
    if rate is None:
        return 0  # deleted meanwhile
    by = User.objects.filter(pk=by_id).first() if by_id else None
    return apply_smic_change(smic=rate, by=by, count_only=True)


def apply_smic_change(*, smic: SmicRate, by, batch_size: int = BATCH_SIZE, count_only: bool = False):
    """Check every open full-mode dossier against `smic`, `batch_size` dossiers per transaction
    (keyset on the primary key); the affected dossiers (their number with `count_only`)."""
    affected, count, last = [], 0, 0
    candidates = (
        Dossier.objects.filter(entry_mode=EntryMode.FULL, contract_end__gte=smic.valid_from)
        .exclude(status=Status.CLOSED)
        .select_related("employer", "contract", "employer_contact", "alternant")
        .prefetch_related("remuneration_lines")
        .order_by("pk")
    )
    while True:
        with transaction.atomic():
            batch = list(candidates.filter(pk__gt=last)[:batch_size])
            if not batch:
                break
            touched = [dossier for dossier in batch if _apply(dossier=dossier, smic=smic, by=by)]
        last = batch[-1].pk
        count += len(touched)
        if not count_only:
            affected.extend(touched)
    return count if count_only else affected


def _apply(*, dossier: Dossier, smic: SmicRate, by) -> bool:
    """Today's per-dossier logic; True when `dossier` was handled now for `smic`."""
    shortfalls = shortfalls_under(dossier, smic)
    if not shortfalls:
        return False
    if dossier.status == Status.DRAFT:
        # A draft's CERFA carries rates, which follow the SMIC by themselves: only periods
        # starting under the new SMIC have a stored amount to correct (contract_forms).
        shortfalls = [shortfall for shortfall in shortfalls if shortfall.starts_on == shortfall.start]
        return bool(shortfalls) and _apply_to_draft(dossier=dossier, smic=smic, shortfalls=shortfalls, by=by)
    if dossier.status in FOLLOWED_FROZEN_STATUSES:
        return _apply_to_frozen(dossier=dossier, smic=smic, shortfalls=shortfalls, by=by)
    return False


def _apply_to_draft(*, dossier: Dossier, smic: SmicRate, shortfalls: list[Shortfall], by) -> bool:
    already = dossier.events.filter(
        action=DossierEvent.Action.SMIC_CHANGED, changes__smic_id=smic.pk
    ).exists()
    if already:
        return False
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.SMIC_CHANGED,
        changes={"smic_id": smic.pk, "smic": str(smic.monthly), "valid_from": smic.valid_from.isoformat()},
        comment=_summary(smic, shortfalls)
        + " Vérifiez « Les données du contrat » et validez de nouveau l'onglet.",
    )
    services.refresh_entry_completeness(dossier=dossier)
    return True


def _apply_to_frozen(*, dossier: Dossier, smic: SmicRate, shortfalls: list[Shortfall], by) -> bool:
    first = min(shortfalls, key=lambda shortfall: shortfall.starts_on)
    shortfall, created = PayBelowMinimum.objects.get_or_create(
        dossier=dossier,
        smic=smic,
        defaults={"starts_on": first.starts_on, "minimum": first.minimum, "agreed": first.agreed},
    )
    if not created:
        return False
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.SMIC_CHANGED,
        changes={"smic_id": smic.pk, "smic": str(smic.monthly), "valid_from": smic.valid_from.isoformat()},
        comment=_summary(smic, shortfalls),
    )
    if dossier.employer_contact:
        emails.smic_raised(
            dossier=dossier,
            valid_from=_day(smic.valid_from),
            smic_monthly=euros(smic.monthly),
            lines=[shortfall.describe(smic) for shortfall in shortfalls],
        )
    return True


def _summary(smic: SmicRate, shortfalls: list[Shortfall]) -> str:
    return (
        f"Le SMIC passe à {euros(smic.monthly)} par mois au {_day(smic.valid_from)} : rémunération sous le "
        "nouveau minimum pour " + " ; ".join(shortfall.describe(smic) for shortfall in shortfalls) + "."
    )


def _day(day: date) -> str:
    return date_format(day, "d/m/Y")


def _percent(rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", ",")
