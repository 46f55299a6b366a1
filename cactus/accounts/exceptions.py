class InvitationError(Exception):
    """An invitation link that cannot be used, with the French message to show."""
