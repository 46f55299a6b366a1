"""Bench data: N believable dossiers written with bulk inserts, and the cast the bench logs in as.

Every generated person has an address under BENCH_DOMAIN and every generated formation a title
starting with FORMATION_PREFIX, so the data can be counted, grown and removed without touching
anything else in the database.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from stdnum import luhn

from cactus.accounts.models import CFA_ADVISOR_GROUP, RgpdConsent, User
from cactus.bench import replicate, tab_data
from cactus.dossiers.models import ContractScheme, Dossier, DossierEvent, EntryMode
from cactus.formations.models import Formation

BENCH_DOMAIN = "bench.cactus.test"
ALTERNANT_DOMAIN = f"alternants.{BENCH_DOMAIN}"
CONTACT_DOMAIN = f"employeurs.{BENCH_DOMAIN}"
CFA_DOMAIN = f"cfa.{BENCH_DOMAIN}"
FORMATION_PREFIX = "[bench] "
# The bench's logged-in people: the contact alternance with the most dossiers (50), a CFA advisor.
BUSY_CONTACT_EMAIL = f"contact-000000@{CONTACT_DOMAIN}"
ADVISOR_EMAIL = f"conseillere-00@{CFA_DOMAIN}"
BUSY_CONTACT_DOSSIERS = 50
ADVISORS = 5
# An unusable password (Django's convention: it starts with "!"); nobody logs in with a password here.
UNUSABLE_PASSWORD = "!bench"

LAST_NAMES = [
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Benoît", "Garcia", "Nguyen",
]  # fmt: skip
FIRST_NAMES = [
    "Chloé", "Lucas", "Inès", "Hugo", "Léa", "Gabriel", "Manon", "Louis", "Jade", "Raphaël", "Emma",
    "Arthur", "Louise", "Jules", "Zoé", "Adam", "Camille", "Nathan", "Sarah", "Théo", "Anaïs", "Noé",
]  # fmt: skip
FORMATION_TITLES = [
    ("BTS Management commercial opérationnel", "5"),
    ("BTS Négociation et digitalisation de la relation client", "5"),
    ("Licence professionnelle Métiers de l'informatique", "6"),
    ("BUT Gestion des entreprises et des administrations", "6"),
    ("Master Management des systèmes d'information", "7"),
    ("CAP Cuisine", "3"),
    ("Titre professionnel Développeur web et web mobile", "5"),
    ("Diplôme d'ingénieur en génie industriel", "7"),
]

# Share of dossiers in each state, as in a CFA's autumn; states added later get the default share.
STATUS_WEIGHTS = {
    "draft": 40,
    "validation_requested": 14,
    "validated": 12,
    "documents_returned": 8,
    "documents_validated": 8,
    "sent_to_opco": 15,
    "closed": 3,
    "ruptured": 2,
    "cancelled": 1,
}
DEFAULT_STATUS_WEIGHT = 4
# The date each state leaves on the dossier when it is reached.
STATUS_TIMESTAMPS = {
    "validation_requested": "validation_requested_at",
    "validated": "validated_at",
    "documents_returned": "documents_returned_at",
    "documents_validated": "documents_validated_at",
    "sent_to_opco": "sent_to_opco_at",
}
# How many dossiers an employer's contact alternance follows: most have one, a few have dozens.
CONTACT_SIZES = [(1, 55), (2, 15), (3, 6), (4, 5), (5, 4), (8, 5), (12, 4), (20, 3), (35, 2), (50, 1)]
NO_CONTACT_SHARE = 0.05  # registered dossiers whose employer contact is not entered yet
BATCH = 5000  # dossiers per transaction
INSERT_BATCH = 1000  # rows per INSERT


@dataclass
class Generated:
    created: int
    total: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


def generated_dossiers():
    return Dossier.objects.filter(alternant__email__endswith=f"@{ALTERNANT_DOMAIN}")


def formation_count(total: int) -> int:
    """About 250 dossiers per formation, as in a large CFA; never fewer than 5."""
    return min(max(total // 250, 5), 4000)


def siret_for(number: int) -> str:
    """A SIRET that passes the Luhn checks of both the SIREN and the whole number."""
    siren = f"{40_000_000 + number % 50_000_000:08d}"
    siren += luhn.calc_check_digit(siren)
    base = f"{siren}{1 + number // 50_000_000:04d}"
    return base + luhn.calc_check_digit(base)


def generate(
    count: int, *, seed: int = 2026, progress: Callable[[int, int], None] | None = None
) -> Generated:
    """Grow the bench data to `count` dossiers (never shrinks it); safe to run again."""
    started = time.perf_counter()
    existing = generated_dossiers().count()
    if existing >= count:
        return Generated(created=0, total=existing, seconds=time.perf_counter() - started)
    rng = random.Random(f"{seed}-{existing}")
    with transaction.atomic():
        cast = _ensure_cast()
        formations = _ensure_formations(formation_count(count), cast)
    # On PostgreSQL, Python makes the first replicate.SEED dossiers and SQL copies them beyond.
    in_python = count if connection.vendor != "postgresql" else max(existing, min(count, replicate.SEED))
    contacts_done = User.objects.filter(email__endswith=f"@{CONTACT_DOMAIN}").count()
    busy_has = Dossier.objects.filter(employer_contact__email=BUSY_CONTACT_EMAIL).count()
    plan = _contact_plan(
        in_python - existing,
        rng,
        first_contact=max(contacts_done, 1),
        busy_missing=BUSY_CONTACT_DOSSIERS - busy_has,
    )
    position = 0
    while position < len(plan):
        batch = plan[position : position + BATCH]
        with transaction.atomic():
            _create_batch(batch, first_dossier=existing + position, formations=formations, rng=rng, cast=cast)
        position += len(batch)
        if progress:
            progress(existing + position, count)
    if in_python < count:
        replicate.grow(
            count,
            alternant_domain=ALTERNANT_DOMAIN,
            contact_domain=CONTACT_DOMAIN,
            formation_prefix=FORMATION_PREFIX,
            progress=progress,
        )
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility map, as autovacuum gives a live database: the planner picks
        # the indexes, and an index-only scan reads no table page (without VACUUM every row of a bulk
        # load is "not all-visible": the keyset pages and the capped counts read the table for each).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    return Generated(created=count - existing, total=count, seconds=time.perf_counter() - started)


def reset() -> int:
    """Remove every generated dossier, person and formation; returns the number of dossiers removed."""
    with transaction.atomic():
        removed = generated_dossiers().count()
        dossier_ids = generated_dossiers().values("pk")
        DossierEvent.objects.filter(dossier__in=dossier_ids).delete()
        Dossier.objects.filter(pk__in=dossier_ids).delete()
        Formation.objects.filter(title__startswith=FORMATION_PREFIX).delete()
        User.objects.filter(email__endswith=f".{BENCH_DOMAIN}").delete()
    return removed


@dataclass
class Cast:
    advisors: list[User]


def _ensure_cast() -> Cast:
    advisor_group = Group.objects.get(name=CFA_ADVISOR_GROUP)
    advisors = []
    for number in range(ADVISORS):
        advisor = _staff_user(f"conseillere-{number:02d}@{CFA_DOMAIN}", "Conseillère", f"{number:02d}")
        advisor.groups.add(advisor_group)
        advisors.append(advisor)
    return Cast(advisors=advisors)


def _staff_user(email: str, first_name: str, last_name: str) -> User:
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "password": UNUSABLE_PASSWORD},
    )
    RgpdConsent.objects.get_or_create(user=user, version=settings.RGPD_VERSION)
    return user


def _ensure_formations(wanted: int, cast: Cast) -> list[Formation]:
    formations = list(Formation.objects.filter(title__startswith=FORMATION_PREFIX).order_by("pk"))
    missing = range(len(formations), wanted)
    if missing:
        managers = User.objects.bulk_create(
            [
                User(
                    email=f"responsable-{number:04d}@{CFA_DOMAIN}",
                    first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                    last_name=LAST_NAMES[number % len(LAST_NAMES)],
                    password=UNUSABLE_PASSWORD,
                )
                for number in missing
            ],
            batch_size=INSERT_BATCH,
        )
        new = Formation.objects.bulk_create(
            [_formation(number, cast) for number in missing],
            batch_size=INSERT_BATCH,
        )
        Formation.managers.through.objects.bulk_create(
            [
                Formation.managers.through(formation_id=formation.pk, user_id=manager.pk)
                for formation, manager in zip(new, managers, strict=True)
            ],
            batch_size=INSERT_BATCH,
        )
        formations += new
    return formations[:wanted] if len(formations) > wanted else formations


def _formation(number: int, cast: Cast) -> Formation:
    title, level = FORMATION_TITLES[number % len(FORMATION_TITLES)]
    start = date(2026, 9, 1) + timedelta(days=7 * (number % 6))
    return Formation(
        title=f"{FORMATION_PREFIX}{title} – groupe {number:04d}",
        diploma_code=f"{32000000 + number:08d}",
        rncp=f"RNCP{30000 + number}",
        level=level,
        start_date=start,
        end_date=start + timedelta(days=365 * (1 + number % 3) - 1),
        duration_hours=450 + 50 * (number % 8),
        site_name="Campus Saint-Charles, Marseille",
        site_uai="0134009M",
        site_siret="13002609700013",
        cfa_advisor=cast.advisors[number % len(cast.advisors)],
        validation_mode=(
            Formation.ValidationMode.AUTOMATIC if number % 4 == 0 else Formation.ValidationMode.MANUAL
        ),
        mission_mode=list(Formation.MissionMode)[number % 3],
    )


def _contact_plan(
    count: int, rng: random.Random, *, first_contact: int, busy_missing: int
) -> list[int | None]:
    """One entry per dossier to create: the number of its contact alternance (None: not entered yet).

    Contact 0 is the bench's busy contact: it gets the first dossiers until it has 50.
    """
    sizes, weights = zip(*CONTACT_SIZES, strict=True)
    plan: list[int | None] = [0] * min(max(busy_missing, 0), count)
    contact = first_contact
    while len(plan) < count:
        size = min(rng.choices(sizes, weights)[0], count - len(plan))
        plan += [contact] * size
        contact += 1
        if rng.random() < NO_CONTACT_SHARE and len(plan) < count:
            plan.append(None)
    return plan


def _create_batch(plan: list[int | None], *, first_dossier: int, formations, rng, cast: Cast) -> None:
    existing_contacts = {
        int(email.split("@")[0].removeprefix("contact-")): pk
        for pk, email in User.objects.filter(
            email__in=[_contact_email(number) for number in set(plan) if number is not None]
        ).values_list("pk", "email")
    }
    new_contacts = sorted({n for n in plan if n is not None and n not in existing_contacts})
    created = User.objects.bulk_create(
        [
            User(
                email=_contact_email(number),
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                phone=f"04 91 {number % 100:02d} {number // 100 % 100:02d} {number // 10000 % 100:02d}",
                password=UNUSABLE_PASSWORD,
            )
            for number in new_contacts
        ],
        batch_size=INSERT_BATCH,
    )
    contact_ids = existing_contacts | {
        number: user.pk for number, user in zip(new_contacts, created, strict=True)
    }
    if 0 in new_contacts:
        RgpdConsent.objects.create(user_id=contact_ids[0], version=settings.RGPD_VERSION)

    numbers = range(first_dossier, first_dossier + len(plan))
    alternants = User.objects.bulk_create(
        [
            User(
                email=f"alternant-{number:07d}@{ALTERNANT_DOMAIN}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=UNUSABLE_PASSWORD,
            )
            for number in numbers
        ],
        batch_size=INSERT_BATCH,
    )
    dossiers = [
        _dossier(
            number,
            rng,
            formations=formations,
            alternant=alternant,
            contact_id=contact_ids.get(contact),
            siret=siret_for(contact if contact is not None else 10_000_000 + number),
        )
        for number, contact, alternant in zip(numbers, plan, alternants, strict=True)
    ]
    Dossier.objects.bulk_create(dossiers, batch_size=INSERT_BATCH)
    tab_data.fill(dossiers, rng)
    DossierEvent.objects.bulk_create(
        [event for dossier in dossiers for event in _events(dossier, cast, rng)], batch_size=INSERT_BATCH
    )


def _contact_email(number: int) -> str:
    return f"contact-{number:06d}@{CONTACT_DOMAIN}"


def _dossier(
    number: int, rng: random.Random, *, formations, alternant: User, contact_id, siret: str
) -> Dossier:
    if number == 0:
        # The busy contact's first dossier: a draft with its Données de base filled in,
        # the one the bench opens and re-submits.
        status = Dossier.Status.DRAFT
    elif number <= len(Dossier.Status):
        # Then one dossier in each state, so even a handful of dossiers fills every filter.
        status = list(Dossier.Status)[number - 1]
    else:
        statuses = list(Dossier.Status)
        status = rng.choices(
            statuses, [STATUS_WEIGHTS.get(s.value, DEFAULT_STATUS_WEIGHT) for s in statuses]
        )[0]
    # Old enough for every step it has gone through (at most 6 days each) to lie in the past.
    oldest = 35 if status != Dossier.Status.DRAFT else 0
    created_at = timezone.now() - timedelta(days=rng.randint(oldest, 200), minutes=rng.randint(0, 1440))
    formation = formations[0] if number <= len(Dossier.Status) else rng.choice(formations)
    dossier = Dossier(
        formation=formation,
        alternant=alternant,
        employer_contact_id=contact_id,
        status=status,
        created_at=created_at,
    )
    has_base = number == 0 or status != Dossier.Status.DRAFT or rng.random() < 0.6
    if has_base:
        _fill_base_data(dossier, alternant, formation, siret, rng)
        dossier.version = 1 + rng.randint(1, 4)
    dossier.is_entry_complete = status != Dossier.Status.DRAFT or (
        has_base and number != 0 and rng.random() < 0.3
    )
    moment = created_at
    for reached, field in STATUS_TIMESTAMPS.items():
        # A dossier closed by the CFA went through every step but the sending to the OPCO.
        if dossier.has_reached(reached) and not (
            status == Dossier.Status.CLOSED and field == "sent_to_opco_at"
        ):
            moment += timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
            setattr(dossier, field, moment)
    # The CFA validates the economic elements before the documents can be produced and returned.
    past_documents = dossier.documents_returned_at is not None
    if dossier.validated_at and (past_documents or rng.random() < 0.7):
        dossier.economic_validated_at = dossier.validated_at + timedelta(hours=rng.randint(1, 48))
    return dossier


def _fill_base_data(dossier: Dossier, alternant: User, formation: Formation, siret: str, rng) -> None:
    dossier.entry_mode = EntryMode.FULL if rng.random() < 0.7 else EntryMode.SIMPLE
    dossier.scheme = (
        ContractScheme.APPRENTICESHIP if rng.random() < 0.85 else ContractScheme.PROFESSIONALISATION
    )
    dossier.alternant_last_name = alternant.last_name
    dossier.alternant_first_name = alternant.first_name
    dossier.alternant_birth_date = date(2000, 1, 1) + timedelta(days=rng.randint(0, 365 * 9))
    dossier.siret = siret
    dossier.contract_start = formation.start_date - timedelta(days=rng.randint(0, 60))
    dossier.contract_end = formation.end_date


def _events(dossier: Dossier, cast: Cast, rng: random.Random) -> list[DossierEvent]:
    """What the services would have written: the registration, the base data, each move."""
    events = [
        DossierEvent(
            dossier=dossier,
            action=DossierEvent.Action.CREATED,
            created_at=dossier.created_at,
            changes={"alternant": dossier.alternant.email},
        )
    ]
    if dossier.entry_mode:
        events.append(
            DossierEvent(
                dossier=dossier,
                actor_id=dossier.employer_contact_id,
                action=DossierEvent.Action.TAB_SAVED,
                created_at=dossier.created_at + timedelta(hours=2),
                changes={"tab": "base", "entry_mode": [None, dossier.entry_mode]},
            )
        )
    previous = Dossier.Status.DRAFT.value
    for status, field in STATUS_TIMESTAMPS.items():
        moment = getattr(dossier, field)
        if moment is None:
            continue
        events.append(
            DossierEvent(
                dossier=dossier,
                actor=rng.choice(cast.advisors),
                action=DossierEvent.Action.STATUS_CHANGED,
                from_status=previous,
                to_status=status,
                created_at=moment,
            )
        )
        previous = status
    if dossier.status not in (previous, Dossier.Status.DRAFT):
        events.append(
            DossierEvent(
                dossier=dossier,
                actor=rng.choice(cast.advisors),
                action=DossierEvent.Action.STATUS_CHANGED,
                from_status=previous,
                to_status=dossier.status,
                created_at=dossier.created_at + timedelta(days=34),
            )
        )
    return events
