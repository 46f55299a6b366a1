"""Where the tests first found the synthetic blanks; they now live beside the field maps (the bench uses
them too). Kept for the tests of branch cerfa-ej, which import them from here."""

from cactus.documents.official_forms.synthetic import synthetic_blank

__all__ = ["synthetic_blank"]
