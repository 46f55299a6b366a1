"""After the signature: record a rupture, cancel a contract before its start, create an avenant or
the next contract. One service per verb, as `dossiers.transitions`: each runs in a transaction,
locks the dossier row, checks the move against `Dossier.TRANSITIONS`, writes a `DossierEvent`
(its `to_status` makes `dossiers.signals.status_changed` tell the OPCO connector after the commit)
and records its e-mails, which leave on commit.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cactus.accounts.services import get_or_create_user
from cactus.contracts import emails
from cactus.contracts.grounds import GROUNDS_BY_KEY, TRAINEE_MONTHS, Initiator, Situation
from cactus.contracts.models import Cancellation, Rupture
from cactus.dossiers import services as dossier_services
from cactus.dossiers.exceptions import DossierError, InvalidTransition
from cactus.dossiers.models import (
    AlternantDetails,
    Contract,
    Dossier,
    DossierEvent,
    Employer,
    Mentor,
    Mission,
    PayBelowMinimum,
    RemunerationLine,
    StudentLife,
)
from cactus.dossiers.states import AMENDMENT_TYPE_LABELS, ContractScheme, VersionKind
from cactus.law.dates import add_months

Status = Dossier.Status
# An avenant or a next contract still on its way (not sent, closed, broken or cancelled).
IN_PROGRESS = Dossier.OPEN_STATUSES
# CERFA "situation avant ce contrat" (§8.5): 8 = at the CFA without a contract after a rupture
# (5° of L6231-2); 4 = contrat d'apprentissage.
SITUATION_AFTER_RUPTURE = "8"
SITUATION_AFTER_CONTRACT = "4"
# Types de contrat (cerfa §8.3): 21 same employer, 22 another one, 23 after a rupture.
SAME_EMPLOYER, OTHER_EMPLOYER, AFTER_RUPTURE = "21", "22", "23"


def _lock(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update(of=("self",)).select_related("formation").get(pk=dossier.pk)


def _end(dossier: Dossier, target: str, *, day: date, by, comment: str, changes: dict) -> DossierEvent:
    source = dossier.status
    dossier.move_to(target)  # InvalidTransition with the French labels
    dossier.ended_on = day
    dossier.save()
    return DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.STATUS_CHANGED,
        from_status=source,
        to_status=target,
        comment=comment,
        changes=changes,
    )


def _cancel_versions_in_progress(dossier: Dossier, *, by, reason: str) -> None:
    """An avenant under way dies with the contract it amends."""
    for version in Dossier.objects.select_for_update().filter(
        previous_version=dossier, version_kind=VersionKind.AMENDMENT, status__in=IN_PROGRESS
    ):
        _end(version, Status.CANCELLED, day=timezone.localdate(), by=by, comment=reason, changes={})
        Cancellation.objects.create(dossier=version, reason=reason, cancelled_by=by)


def _required(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DossierError(f"Indiquez {what}.")
    return text


@transaction.atomic
def record_rupture(
    *, dossier: Dossier, by, ruptured_on: date, initiator: str, ground: str, situation: str, comment: str = ""
) -> Rupture:
    """ "Enregistrer la rupture": the dossier shows "Rompu le …", every party and the OPCO are told.

    A second click finds the dossier already broken and changes nothing (InvalidTransition).
    """
    dossier = _lock(dossier)
    if dossier.status == Status.RUPTURED:
        raise DossierError("La rupture de ce contrat est déjà enregistrée.")
    if not dossier.can_move_to(Status.RUPTURED):
        raise InvalidTransition(dossier.status_label, Status.RUPTURED.label)
    rule = GROUNDS_BY_KEY.get(ground)
    if rule is None or rule.scheme != (dossier.scheme or ContractScheme.APPRENTICESHIP):
        raise DossierError("Choisissez le motif de la rupture parmi ceux de ce contrat.")
    if initiator not in rule.initiators:
        allowed = ", ".join(sorted(Initiator(value).label.lower() for value in rule.initiators))
        raise DossierError(f"« {rule.label} » ({rule.article}) est à l'initiative de : {allowed}.")
    if dossier.contract_start and ruptured_on < dossier.contract_start:
        raise DossierError(
            f"La rupture ne peut précéder le début du contrat ({dossier.contract_start:%d/%m/%Y}) : "
            "avant son début, le CFA annule le contrat."
        )
    if dossier.contract_end and ruptured_on > dossier.contract_end:
        raise DossierError(
            f"Le contrat a pris fin le {dossier.contract_end:%d/%m/%Y} : il n'y a pas de rupture."
        )
    if situation not in Situation.values:
        raise DossierError("Indiquez la situation de l'alternant après la rupture.")
    if situation == Situation.CFA_TRAINEE and rule.scheme != ContractScheme.APPRENTICESHIP:
        raise DossierError(
            "La poursuite de la formation au CFA comme stagiaire (L6222-18-2) est propre à l'apprentissage."
        )
    if situation == Situation.CFA_TRAINEE and not rule.allows_cfa_trainee:
        # L6222-18-2 follows a rupture "en application de l'article L. 6222-18" only.
        raise DossierError(
            "La poursuite de la formation au CFA pendant six mois (L6222-18-2) suit une rupture prévue à "
            f"l'article L6222-18, pas « {rule.label} » ({rule.article})."
        )
    trainee_until = None
    if situation == Situation.CFA_TRAINEE:
        trainee_until = add_months(ruptured_on, TRAINEE_MONTHS) - timedelta(days=1)  # L6222-18-2
    rupture = Rupture.objects.create(
        dossier=dossier,
        ruptured_on=ruptured_on,
        initiator=initiator,
        ground=ground,
        situation=situation,
        trainee_until=trainee_until,
        comment=(comment or "").strip(),
        recorded_by=by,
    )
    _end(
        dossier,
        Status.RUPTURED,
        day=ruptured_on,
        by=by,
        comment=rupture.comment,
        changes={
            "rupture": {
                "date": ruptured_on.isoformat(),
                "initiator": initiator,
                "ground": ground,
                "article": rule.article,
                "situation": situation,
                "trainee_until": trainee_until.isoformat() if trainee_until else None,
            }
        },
    )
    _cancel_versions_in_progress(dossier, by=by, reason="Rupture du contrat modifié par cet avenant.")
    for address in emails.party_addresses(dossier):
        emails.rupture_recorded(dossier=dossier, rupture=rupture, to=address)
    return rupture


@transaction.atomic
def cancel_contract(*, dossier: Dossier, by, reason: str, today: date | None = None) -> Cancellation:
    """The CFA cancels a contract before its start: logged with the reason, parties and OPCO told,
    and the dossier leaves every active queue (its state and the handled SMIC alerts)."""
    reason = _required(reason, "le motif de l'annulation")
    today = today or timezone.localdate()
    dossier = _lock(dossier)
    if by is not None and by.pk in (dossier.employer_contact_id, dossier.alternant_id):
        raise DossierError("Vous êtes partie à ce dossier : un autre membre du CFA doit l'annuler.")
    if dossier.status == Status.CANCELLED:
        raise DossierError("Ce contrat est déjà annulé.")
    if dossier.contract_start and dossier.contract_start <= today:
        raise DossierError(
            f"Le contrat a commencé le {dossier.contract_start:%d/%m/%Y} : il ne peut plus être annulé, "
            "enregistrez sa rupture."
        )
    if not dossier.can_move_to(Status.CANCELLED):
        raise InvalidTransition(dossier.status_label, Status.CANCELLED.label)
    cancellation = Cancellation.objects.create(dossier=dossier, reason=reason, cancelled_by=by)
    _end(dossier, Status.CANCELLED, day=today, by=by, comment=reason, changes={"cancelled": True})
    PayBelowMinimum.objects.filter(dossier=dossier, handled_at__isnull=True).update(handled_at=timezone.now())
    _cancel_versions_in_progress(dossier, by=by, reason="Annulation du contrat modifié par cet avenant.")
    for address in emails.party_addresses(dossier):
        emails.contract_cancelled(dossier=dossier, reason=reason, to=address)
    return cancellation


# Copying a version ---------------------------------------------------------------------------

BASE_FIELDS = ["entry_mode", "scheme", "alternant_last_name", "alternant_first_name", "alternant_birth_date"]
CONTRACT_DATES = ["siret", "contract_start", "contract_end"]


def _copy_row(row, dossier: Dossier, **changes) -> None:
    row.pk = None
    row.id = None
    row.dossier = dossier
    for name, value in changes.items():
        setattr(row, name, value)
    row.save(force_insert=True)


def _copy_one(model, source: Dossier, target: Dossier, **changes) -> None:
    row = model.objects.filter(dossier=source).first()
    if row is not None:
        _copy_row(row, target, **changes)


def _new_version(source: Dossier, *, kind: str, by, fields: list[str], **values) -> Dossier:
    version = Dossier.objects.create(
        formation=values.pop("formation", source.formation),
        alternant=source.alternant,
        employer_contact=values.pop("employer_contact", source.employer_contact),
        created_by=by,
        version_kind=kind,
        previous_version=source,
        **{name: getattr(source, name) for name in fields},
        **values,
    )
    return version


def latest_amendment(dossier: Dossier) -> Dossier | None:
    return (
        Dossier.objects.filter(previous_version=dossier, version_kind=VersionKind.AMENDMENT)
        .exclude(status=Status.CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def create_amendment(
    *, dossier: Dossier, by, amendment_type: str, effective_on: date, previous_number: str
) -> Dossier:
    """ "Créer un avenant": a new version of the contract, linked to the one it amends, with every tab
    copied; only the tabs its type concerns open for editing (states.AMENDMENT_TABS). It then goes
    through the same validation, documents and OPCO steps as an initial contract.
    """
    dossier = _lock(dossier)
    if dossier.status != Status.SENT_TO_OPCO:
        raise DossierError(
            f"Un avenant se crée depuis un contrat envoyé à l'OPCO (état actuel : « {dossier.status_label} »)."
        )
    existing = latest_amendment(dossier)
    if existing is not None:
        if existing.status in IN_PROGRESS:
            raise DossierError(f"Un avenant à ce contrat est déjà en cours (dossier n° {existing.pk}).")
        raise DossierError(
            f"Ce contrat a déjà été modifié par l'avenant du dossier n° {existing.pk} : "
            "créez le nouvel avenant depuis ce dossier."
        )
    allowed = (
        ["30"]
        if dossier.scheme == ContractScheme.PROFESSIONALISATION
        else [code for code in AMENDMENT_TYPE_LABELS if code != "30"]
    )
    if amendment_type not in allowed:
        raise DossierError("Choisissez le type de l'avenant.")
    if (
        dossier.contract_start
        and dossier.contract_end
        and not (dossier.contract_start <= effective_on <= dossier.contract_end)
    ):
        # the date d'effet is within the contract.
        raise DossierError(
            f"La date d'effet de l'avenant doit être comprise entre le {dossier.contract_start:%d/%m/%Y} "
            f"et le {dossier.contract_end:%d/%m/%Y} (règle R-6.5)."
        )
    if not dossier.contract_number:
        # The number the contact read on the OPCO's answer is the contract's: later avenants propose it.
        dossier.contract_number = previous_number
        dossier.save(update_fields=["contract_number", "updated_at"])
    version = _new_version(
        dossier,
        kind=VersionKind.AMENDMENT,
        by=by,
        fields=[*BASE_FIELDS, *CONTRACT_DATES, "contract_number"],
        amendment_type=amendment_type,
    )
    for model in (Employer, AlternantDetails, StudentLife, Mission):
        _copy_one(model, dossier, version)
    for mentor in Mentor.objects.filter(dossier=dossier):
        _copy_row(mentor, version)
    for line in RemunerationLine.objects.filter(dossier=dossier):
        _copy_row(line, version)
    _copy_one(
        Contract,
        dossier,
        version,
        contract_type=amendment_type,
        previous_contract_number=previous_number,
        amendment_effective_date=effective_on,
        conclusion_date=timezone.localdate(),  # the avenant's signature: the contact corrects it
    )
    label = AMENDMENT_TYPE_LABELS[amendment_type]
    DossierEvent.objects.create(
        dossier=version,
        actor=by,
        action=DossierEvent.Action.VERSION_CREATED,
        changes={
            "amends": dossier.pk,
            "amendment_type": amendment_type,
            "effective_on": effective_on.isoformat(),
        },
        comment=f"Avenant {amendment_type} – {label}",
    )
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.VERSION_CREATED,
        changes={"amendment": version.pk, "amendment_type": amendment_type},
        comment=f"Avenant {amendment_type} créé (dossier n° {version.pk})",
    )
    return dossier_services.refresh_entry_completeness(dossier=version)


def previous_contract_facts(dossier: Dossier) -> dict:
    """What the next contract needs of this one: employer, dates, year reached, rate, outcome."""
    end = dossier.ended_on if dossier.status == Status.RUPTURED else dossier.contract_end
    lines = list(dossier.remuneration_lines.order_by("start"))
    reached = next(
        (line for line in lines if end and line.start <= end <= line.end), lines[-1] if lines else None
    )
    employer = Employer.objects.filter(dossier=dossier).first()
    contract = Contract.objects.filter(dossier=dossier).first()
    rupture = Rupture.objects.filter(dossier=dossier).first()
    return {
        "dossier": dossier.pk,
        "employer": employer.name if employer else "",
        "siret": dossier.siret,
        "start": dossier.contract_start.isoformat() if dossier.contract_start else None,
        "end": end.isoformat() if end else None,
        "ruptured": rupture is not None,
        "ground": rupture.ground if rupture else "",
        "year_reached": reached.year if reached else None,
        "rate": str(reached.rate) if reached else None,
        "first_cycle_year": contract.first_cycle_year if contract else 1,
        "number": dossier.contract_number,
    }


@transaction.atomic
def create_next_contract(
    *,
    dossier: Dossier,
    by,
    formation=None,
    employer_contact_email: str = "",
    same_employer: bool = False,
    outcome: str = "",
) -> Dossier:
    """ "Nouveau contrat pour cet alternant": a dossier carrying over the alternant and the formation,
    which records the previous contract so that Les données du contrat applies the pay floor of
    D6222-29 (diploma obtained) and counts the years as D6222-28-1 says (same cycle, same formation).
    """
    dossier = _lock(dossier)
    if dossier.status not in (Status.RUPTURED, Status.SENT_TO_OPCO, Status.CLOSED):
        raise DossierError(
            "Un nouveau contrat se crée quand ce contrat est rompu ou envoyé à l'OPCO "
            f"(état actuel : « {dossier.status_label} »)."
        )
    already = (
        Dossier.objects.filter(previous_version=dossier, version_kind=VersionKind.NEXT_CONTRACT)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if already is not None:
        raise DossierError(f"Le nouveau contrat de cet alternant existe déjà (dossier n° {already.pk}).")
    formation = formation or dossier.formation
    facts = previous_contract_facts(dossier)
    rupture = Rupture.objects.filter(dossier=dossier).first()
    if rupture is not None:
        outcome = GROUNDS_BY_KEY[rupture.ground].outcome
    outcome = outcome or "other"
    if rupture is not None and outcome != "diploma":
        contract_type = AFTER_RUPTURE
    else:
        contract_type = SAME_EMPLOYER if same_employer else OTHER_EMPLOYER
    contract_fields = {}
    if dossier.scheme == ContractScheme.APPRENTICESHIP:
        contract_fields = {
            "contract_type": contract_type,
            "previous_contract_number": facts["number"],
            "previous_contract_end": facts["end"],
            "previous_contract_last_year": facts["year_reached"],
            "previous_contract_outcome": outcome,
            # D6222-28-1: the same cycle goes on; another formation starts its own cycle.
            "first_cycle_year": facts["first_cycle_year"] if formation.pk == dossier.formation_id else 1,
        }
        if contract_type == SAME_EMPLOYER and facts["rate"]:
            contract_fields["previous_contract_rate"] = facts["rate"]  # D6222-29 1st paragraph
    contact = get_or_create_user(email=employer_contact_email) if employer_contact_email else None
    if contact is not None and contact.pk == dossier.alternant_id:
        raise DossierError("Le contact alternance ne peut pas être l'alternant lui-même.")
    version = _new_version(
        dossier,
        kind=VersionKind.NEXT_CONTRACT,
        by=by,
        fields=BASE_FIELDS,
        formation=formation,
        employer_contact=None,
        carried_over=facts | {"outcome": outcome, "contract_fields": contract_fields},
    )
    situation = (
        SITUATION_AFTER_RUPTURE
        if rupture and rupture.situation == Situation.CFA_TRAINEE
        else (SITUATION_AFTER_CONTRACT)
    )
    _copy_one(AlternantDetails, dossier, version, prior_situation=situation)
    _copy_one(StudentLife, dossier, version)
    DossierEvent.objects.create(
        dossier=version,
        actor=by,
        action=DossierEvent.Action.CREATED,
        changes={"alternant": dossier.alternant.email, "previous_contract": dossier.pk},
    )
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.VERSION_CREATED,
        changes={"next_contract": version.pk},
        comment=f"Nouveau contrat pour cet alternant (dossier n° {version.pk})",
    )
    dossier_services.invite(
        dossier=version, user=dossier.alternant, by=by, role_label=dossier_services.ALTERNANT_ROLE_LABEL
    )
    if contact is not None:
        dossier_services.set_employer_contact(dossier=version, email=contact.email, by=by)
    return dossier_services.refresh_entry_completeness(dossier=version)
