"""Who may manage formations (create, edit, name their responsables): asked of the role, here."""


def can_manage_formations(user) -> bool:
    return user.is_authenticated and user.is_cfa_admin
