"""The tabs of a dossier, in the guide's order and words, and which of them a dossier shows."""

from dataclasses import dataclass

from cactus.dossiers.models import Dossier


@dataclass(frozen=True)
class Tab:
    key: str
    label: str


BASE = Tab("base", "Données de base")
FOLLOW_UP = Tab("suivi", "Suivi - Info")

ALL_TABS = [BASE, FOLLOW_UP]


def is_base_complete(dossier: Dossier) -> bool:
    return bool(
        dossier.entry_mode
        and dossier.scheme
        and dossier.alternant_last_name
        and dossier.alternant_first_name
        and dossier.alternant_birth_date
        and dossier.siret
        and dossier.contract_start
        and dossier.contract_end
    )


def visible_tabs(dossier: Dossier) -> list[Tab]:
    """Until Données de base is validated only it and Suivi - Info show (guide, "VOS DOSSIERS")."""
    return [BASE, FOLLOW_UP]


def tab_states(dossier: Dossier) -> dict[str, bool]:
    """Which tabs are complete: the "rond coché" next to their names."""
    return {BASE.key: is_base_complete(dossier)}
