class ResetRefused(Exception):
    """A reset of the second factor this administrator may not make; the message says why, in French."""
