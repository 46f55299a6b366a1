"""Form validators backed by the referentials."""

from django.core.exceptions import ValidationError  # noqa: F401  (raised by validate_idcc)

from cactus.referentials.models import CollectiveAgreement


def validate_idcc(value: str) -> CollectiveAgreement:
    """R-14.1: return the agreement in force for `value`, or raise a ValidationError saying
    whether the code is malformed, unknown or no longer in force."""
    raise NotImplementedError
