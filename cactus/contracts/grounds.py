"""The legal grounds of a rupture, who may initiate each, and the apprentice's situation after.

Articles of the Code du travail, checked against the text in force (Légifrance, December 2026):

- L6222-18 (loi du 5 septembre 2018, contracts from 1 January 2019), paragraph by paragraph: al. 1
  either party during the 45 first days, consecutive or not, of practical training in the company;
  al. 2 after them, a written agreement signed by both; al. 3 failing that, a dismissal (licenciement
  pour motif personnel) for force majeure, faute grave de l'apprenti, inaptitude found by the médecin
  du travail, or the death of the employer-maître d'apprentissage of a one-person company; al. 4
  beyond the 45 days, the apprentice's resignation, after asking the médiateur and with a notice
  (D6222-21-1: inform the employer at least 5 calendar days after the médiateur was asked, rupture
  at least 7 calendar days after the employer was informed); al. 5 liquidation judiciaire without
  the activity maintained: the liquidator notifies the rupture (it is not the last paragraph: one on
  the new contract with a new employer, L1221-19 and L1242-10, follows it).
- L6222-18-1: the CFA's exclusion définitive is a cause réelle et sérieuse of a dismissal, decided by
  the employer under the rules of the licenciement pour motif personnel.
- L6222-18-2: after a rupture "en application de l'article L. 6222-18" (not L6222-18-1 nor L6222-19),
  the CFA lets the apprentice follow the theoretical training for six months and helps them find a
  new employer (stagiaire de la formation professionnelle; situation code 8 of the next CERFA).
- L6222-19: once the diploma or title is obtained, the contract may end before its term at the
  apprentice's initiative, the employer informed; R6222-23: in writing, at least one month before.
- Contrat de professionnalisation (a CDD or a CDI, L6325-5): the common rules. CDD: L1243-1 (agreement,
  faute grave, force majeure, inaptitude), L1243-2 (the salarié hired in a CDI), L1242-10 (trial
  period); CDI: L1231-1 (either party or by agreement; not during the trial period, L1221-19).
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
    # L6222-18-2: the six months at the CFA follow a rupture under L6222-18 only.
    allows_cfa_trainee: bool = True


E, A, B, L = Initiator.EMPLOYER, Initiator.APPRENTICE, Initiator.BOTH, Initiator.LIQUIDATOR
GROUNDS = [
    Ground(
        "probation",
        "Rupture pendant les 45 premiers jours de formation pratique en entreprise (période probatoire)",
        "L6222-18 al. 1",
        frozenset({E, A, B}),
    ),
    Ground(
        "mutual_agreement",
        "Rupture d'un commun accord (accord écrit signé des deux parties)",
        "L6222-18 al. 2",
        frozenset({B}),
    ),
    Ground(
        "dismissal",
        "Licenciement : force majeure, faute grave de l'apprenti, inaptitude constatée par le médecin du travail "
        "ou décès d'un employeur maître d'apprentissage dans une entreprise unipersonnelle",
        "L6222-18 al. 3",
        frozenset({E}),
    ),
    Ground(
        "resignation",
        "Démission de l'apprenti après saisine du médiateur (préavis)",
        "L6222-18 al. 4, D6222-21-1",
        frozenset({A}),
    ),
    Ground(
        "cfa_exclusion",
        "Exclusion définitive de l'apprenti du CFA (licenciement pour motif personnel)",
        "L6222-18-1",
        frozenset({E}),
        allows_cfa_trainee=False,
    ),
    Ground(
        "diploma",
        "Obtention du diplôme ou du titre préparé (à l'initiative de l'apprenti, employeur informé par écrit "
        "un mois avant)",
        "L6222-19, R6222-23",
        frozenset({A}),
        outcome="diploma",
        allows_cfa_trainee=False,
    ),
    Ground(
        "liquidation",
        "Liquidation judiciaire sans maintien de l'activité (rupture notifiée par le liquidateur)",
        "L6222-18 al. 5",
        frozenset({L}),
    ),
]
# A contrat de professionnalisation is a CDD or a CDI under the common rules of the contract of
# employment (the L6222-18 cases are the apprenticeship's): its rupture is recorded with that article.
GROUNDS.append(
    Ground(
        "professionalisation",
        "Rupture d'un contrat de professionnalisation (période d'essai, accord, faute grave, force majeure, "
        "inaptitude, embauche en CDI…)",
        "L1242-10, L1243-1, L1243-2 (CDD) ; L1221-19, L1231-1 (CDI)",
        frozenset({E, A, B, L}),
        scheme="professionalisation",
        allows_cfa_trainee=False,
    )
)
GROUNDS_BY_KEY = {ground.key: ground for ground in GROUNDS}
GROUND_CHOICES = [(ground.key, f"{ground.label} ({ground.article})") for ground in GROUNDS]


def ground_choices(scheme: str) -> list[tuple[str, str]]:
    return [
        (ground.key, f"{ground.label} ({ground.article})") for ground in GROUNDS if ground.scheme == scheme
    ]


# L6222-18-2: after a rupture under L6222-18 the CFA keeps the apprentice (stagiaire de la formation
# professionnelle) for six months, and helps them find a new employer.
TRAINEE_MONTHS = 6
