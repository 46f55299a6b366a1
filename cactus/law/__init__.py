"""The law of rules.md in code: one module per rule family, each returning RuleViolation lists.

The functions here take plain values (dates, codes, booleans), never forms or models, so a tab
form, a service and a management command all ask the same questions. Rule ids (R-x.y) are those
of rules.md; the README lists which are implemented.
"""

from dataclasses import dataclass

# The `scheme` argument of the rules: the values of `Dossier.ContractScheme`, repeated here so
# the rules do not import the dossiers app.
APPRENTICESHIP = "apprenticeship"
PROFESSIONALISATION = "professionalisation"


@dataclass(frozen=True)
class RuleViolation:
    """A broken rule: its id, the form field it concerns ("" for the whole page) and what to fix.

    `is_warning` marks advice that does not block saving (for example an end date more than two
    months after the exams, R-5.5); every other violation must be fixed.
    """

    rule: str
    field: str
    message: str
    is_warning: bool = False
