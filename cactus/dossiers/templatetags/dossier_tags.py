from django import template

from cactus.dossiers.tabs import ALL_TABS

register = template.Library()

TAB_LABELS = {tab.key: tab.label for tab in ALL_TABS}


@register.filter
def tab_label(key: str) -> str:
    """A tab's name as the guide writes it ("L'employeur"), from its key in an event's changes."""
    return TAB_LABELS.get(key, "")
