"""Retention: when a dossier's personal data must go, and how it is erased while statistics stay.

The rule. R-7.6 (rules.md), from the official sheet "guide-suite-cerfa-apprentissage" (page 2):
the employer keeps the signed CERFA "pendant 5 ans à compter de sa conclusion" (contracts executed
from 1 January 2023) and the supporting pieces "pendant la durée du contrat". Cactus holds the
CFA's copy of the same file, so it keeps a dossier 5 years after the END of the contract: never
less than the legal 5 years from conclusion, and the pieces stay for the whole contract. A dossier
that never got contract dates (abandoned in entry) is kept 5 years after its last change.
"""

from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from cactus.accounts.models import Invitation, User
from cactus.documents.models import Document
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.notifications.models import OutgoingEmail
from cactus.privacy.models import Anonymisation
from cactus.signatures.models import Signer, SigningRound

RETENTION_YEARS = 5

# Dossier fields kept after anonymisation: they make the statistics (dossiers per formation, per
# year, per scheme, how long each step took) and identify no one. Every other field is erased,
# so a field added tomorrow is erased by default.
KEPT_FOR_STATISTICS = {
    "id",
    "formation",
    "alternant",  # re-pointed to the shared placeholder account below
    "created_by",
    "status",
    "is_entry_complete",
    "entry_mode",
    "scheme",
    "contract_start",
    "contract_end",
    "validation_requested_at",
    "validated_at",
    "economic_validated_at",
    "documents_returned_at",
    "documents_validated_at",
    "sent_to_opco_at",
    "version",
    "created_at",
    "updated_at",
    # After the signature (cactus/contracts): which version, the link between versions, the end date.
    "version_kind",
    "previous_version",
    "amendment_type",
    "ended_on",
}
# The birth date becomes the 1st of January of its year: the age statistics survive, the person does not.
GENERALISED = {"alternant_birth_date": lambda value: date(value.year, 1, 1) if value else None}
PLACEHOLDER_EMAIL = "dossier-anonymise@anonyme.invalid"

# Rows attached to a dossier (its tabs). Those listed keep these statistical fields and lose the
# rest; rows of any other model (mentors, Vie étudiante, remuneration lines, La mission, and any
# model added later) are deleted. History rows (events, e-mails, documents) are handled apart.
KEPT_IN_RELATED = {
    # A rupture keeps its date, ground and situation (statistics); its comment and author go. A
    # cancellation keeps its moment; its reason and author go.
    "contracts.Rupture": {"ruptured_on", "initiator", "ground", "situation", "trainee_until", "recorded_at"},
    "contracts.Cancellation": {"cancelled_at"},
    "dossiers.Employer": {
        "employer_type",
        "specific_employer",
        "naf",
        "headcount",
        "idcc",
        "idcc_label",
        "idcc_branch",
        "idcc_opco",
        "is_monegasque",
        "public_unemployment_scheme",
    },
    "dossiers.AlternantDetails": {
        "sex",
        "prior_situation",
        "last_diploma_prepared",
        "last_class",
        "highest_diploma",
    },
    "dossiers.Contract": {
        "contract_mode",
        "contract_type",
        "derogation_type",
        "conclusion_date",
        "practical_training_start",
        "weekly_hours",
        "weekly_minutes",
        "hiring_salary",
    },
    "dossiers.SentReminder": {"kind", "due_date", "created_at"},
}
HANDLED_APART = {
    # The avenants and next contracts of a dossier (`previous_version`): dossiers of their own, each
    # anonymised on its own retention date, never deleted with the one they follow.
    "dossiers.Dossier",
    "dossiers.DossierEvent",
    "documents.Document",
    "notifications.OutgoingEmail",
    "privacy.Anonymisation",
}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_end(dossier: Dossier) -> date:
    base = dossier.contract_end or timezone.localdate(dossier.updated_at)
    return add_years(base, RETENTION_YEARS)


def dossiers_past_retention(today: date) -> QuerySet[Dossier]:
    """Dossiers whose retention ended before `today` and that are not anonymised yet."""
    cutoff = add_years(today, -RETENTION_YEARS)
    return (
        Dossier.objects.filter(anonymisation__isnull=True)
        .filter(Q(contract_end__lt=cutoff) | Q(contract_end__isnull=True, updated_at__date__lt=cutoff))
        .select_related("formation")
        .order_by("pk")
    )


def erased_value(field: models.Field):
    if field.null:
        return None
    if field.is_relation:
        raise ValueError(
            f"{field.model._meta.label}.{field.name} is a required relation: keep it or delete the row"
        )
    if isinstance(field, models.CharField | models.TextField):
        return ""
    if field.has_default():
        return field.get_default()
    raise ValueError(
        f"Le champ Dossier.{field.name} ne peut être ni vidé ni remis à sa valeur par défaut : "
        "ajoutez-le aux champs gardés (KEPT_FOR_STATISTICS, KEPT_IN_RELATED) dans cactus/privacy/retention.py."
    )


def placeholder_account() -> User:
    user, created = User.objects.get_or_create(email=PLACEHOLDER_EMAIL, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def is_still_needed(user: User, *, except_dossier: Dossier) -> bool:
    """Whether the account still has a role: staff, manager, or party to a dossier not anonymised."""
    if (
        user.is_staff
        or user.is_cfa_staff
        or user.managed_formations.exists()
        or user.advised_formations.exists()
    ):
        return True
    return (
        Dossier.objects.filter(Q(alternant=user) | Q(employer_contact=user), anonymisation__isnull=True)
        .exclude(pk=except_dossier.pk)
        .exists()
    )


def anonymise_account(user: User) -> None:
    old_email = user.email
    user.email = f"anonyme-{user.pk}@anonyme.invalid"
    user.first_name = user.last_name = user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    Invitation.objects.filter(user=user).delete()
    for log in (AccessLog, AccessAttempt, AccessFailureLog):
        log.objects.filter(username__iexact=old_email).delete()
    OutgoingEmail.objects.filter(to__iexact=old_email).delete()


def related_models(dossier_model=Dossier):
    """(model, name of its field pointing at the dossier) for every model attached to a dossier."""
    return [
        (relation.related_model, relation.field.name)
        for relation in dossier_model._meta.related_objects
        if relation.related_model._meta.label not in HANDLED_APART
    ]


def erase_related_rows(dossier: Dossier) -> None:
    for model, link in related_models():
        rows = model.objects.filter(**{link: dossier})
        kept = KEPT_IN_RELATED.get(model._meta.label)
        if kept is None:
            rows.delete()
            continue
        erased = {
            field.attname: erased_value(field)
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name != link and field.name not in kept
        }
        rows.update(**erased)


def erase_signatures(dossier: Dossier) -> None:
    """The online signatures (cactus/signatures): the signers' names, e-mails, IP addresses and
    browsers go with their rows, the signed PDFs and the evidence file (which repeats them) with
    their files, after the commit."""
    Signer.objects.filter(round__dossier=dossier).delete()
    for signing in SigningRound.objects.filter(dossier=dossier):
        for file in (
            signing.cerfa_file,
            signing.convention_file,
            signing.evidence_file,
            signing.evidence_signature_file,
        ):
            if file:
                transaction.on_commit(lambda file=file: file.storage.delete(file.name))
    SigningRound.objects.filter(dossier=dossier).delete()


@transaction.atomic
def anonymise_dossier(*, dossier: Dossier, today: date) -> Anonymisation:
    """Erase the personal data of one dossier past its retention; keep what statistics need."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    people = [user for user in (dossier.alternant, dossier.employer_contact) if user is not None]
    end = retention_end(dossier)
    for field in Dossier._meta.concrete_fields:
        if field.name in KEPT_FOR_STATISTICS:
            continue
        value = getattr(dossier, field.attname)
        if field.name in GENERALISED:
            setattr(dossier, field.attname, GENERALISED[field.name](value))
        else:
            setattr(dossier, field.attname, erased_value(field))
    dossier.alternant = placeholder_account()
    dossier.save()
    erase_signatures(dossier)
    erase_related_rows(dossier)
    DossierEvent.objects.filter(dossier=dossier).update(changes={}, comment="")
    documents = list(Document.objects.filter(dossier=dossier))
    for document in documents:
        # Files go after the commit: a rollback must not leave rows pointing at deleted files.
        transaction.on_commit(lambda file=document.file: file.storage.delete(file.name))
    Document.objects.filter(dossier=dossier).delete()
    emails_deleted, _ = OutgoingEmail.objects.filter(dossier=dossier).delete()
    accounts = 0
    for user in people:
        if not is_still_needed(user, except_dossier=dossier):
            anonymise_account(user)
            accounts += 1
    return Anonymisation.objects.create(
        dossier=dossier,
        retention_end=end,
        performed_at=timezone.now(),
        documents_deleted=len(documents),
        emails_deleted=emails_deleted,
        accounts_anonymised=accounts,
    )
