"""The legal grounds of a rupture, who may initiate each, and the apprentice's situation after.

Articles of the Code du travail. The notice of the CERFA 10103 (51649#09, /work/shared/reference)
cites L6222-18 (the 45 first days of practical training, "période probatoire"), L6222-18-1,
L6222-19, R6222-21, D6222-21-1 and R6222-23 for the end of the contract, and L6231-2 5° / the
situation code 8 for the apprentice who stays at the CFA after a rupture; rules.md R-6.6 gives the
6 months (L6222-18-2). The paragraphs of L6222-18 below are those of the article in force since
the loi du 5 septembre 2018.
"""

from dataclasses import dataclass

from django.db import models


class Initiator(models.TextChoices):
    EMPLOYER = "employer", "L'employeur"
    APPRENTICE = "apprentice", "L'alternant"
    BOTH = "both", "D'un commun accord (employeur et alternant)"
    LIQUIDATOR = "liquidator", "Le liquidateur judiciaire"


class Situation(models.TextChoices):
    """What the alternant does after the rupture (CERFA "situation avant ce contrat" of the next one)."""

    CFA_TRAINEE = (
        "cfa_trainee",
        ("Poursuit sa formation au CFA comme stagiaire de la formation professionnelle (6 mois au plus)"),
    )
    NEW_EMPLOYER = "new_employer", "A trouvé un nouvel employeur"
    STOPS = "stops", "Arrête sa formation"


@dataclass(frozen=True)
class Ground:
    key: str
    label: str
    article: str
    initiators: frozenset[str]
    # The outcome of the contract for the pay of the next one (law.remuneration: D6222-29 applies
    # only when the previous contract led to the diploma).
    outcome: str = "other"
    scheme: str = "apprenticeship"  # Dossier.ContractScheme value


E, A, B, L = Initiator.EMPLOYER, Initiator.APPRENTICE, Initiator.BOTH, Initiator.LIQUIDATOR
GROUNDS = [
    Ground(
        "probation",
        "Rupture pendant les 45 premiers jours de formation pratique en entreprise (période probatoire)",
        "L6222-18 al. 1",
        frozenset({E, A, B}),
    ),
    Ground("mutual_agreement", "Rupture d'un commun accord", "L6222-18 al. 2", frozenset({B})),
    Ground(
        "dismissal",
        "Licenciement : faute grave, inaptitude constatée par le médecin du travail, force majeure "
        "ou décès d'un employeur maître d'apprentissage dans une entreprise unipersonnelle",
        "L6222-18 al. 3",
        frozenset({E}),
    ),
    Ground(
        "resignation",
        "Démission de l'apprenti après saisine du médiateur consulaire (préavis)",
        "L6222-18 al. 4, D6222-21-1",
        frozenset({A}),
    ),
    Ground(
        "cfa_exclusion",
        "Exclusion définitive de l'apprenti du CFA (licenciement pour motif personnel)",
        "L6222-18-1",
        frozenset({E}),
    ),
    Ground(
        "diploma",
        "Obtention du diplôme ou du titre préparé (à l'initiative de l'apprenti, employeur informé un mois avant)",
        "L6222-19",
        frozenset({A}),
        outcome="diploma",
    ),
    Ground(
        "liquidation",
        "Liquidation judiciaire sans maintien d'activité",
        "L6222-18 dernier al.",
        frozenset({L, E}),
    ),
]
# A contrat de professionnalisation is a CDD or a CDI under the common rules of the contract of
# employment (the L6222-18 cases are the apprenticeship's): its rupture is recorded with that article.
GROUNDS.append(
    Ground(
        "professionalisation",
        "Rupture d'un contrat de professionnalisation (période d'essai, accord, faute grave, force majeure, "
        "inaptitude, embauche en CDI…)",
        "L1243-1, L1231-1",
        frozenset({E, A, B, L}),
        scheme="professionalisation",
    )
)
GROUNDS_BY_KEY = {ground.key: ground for ground in GROUNDS}
GROUND_CHOICES = [(ground.key, f"{ground.label} ({ground.article})") for ground in GROUNDS]


def ground_choices(scheme: str) -> list[tuple[str, str]]:
    return [
        (ground.key, f"{ground.label} ({ground.article})") for ground in GROUNDS if ground.scheme == scheme
    ]


# L6222-18-2: after a rupture the CFA keeps the apprentice as a stagiaire de la formation
# professionnelle for six months at most, and helps them find a new employer.
TRAINEE_MONTHS = 6
