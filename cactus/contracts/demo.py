"""Demo data of the life after the signature (dossiers.extensions.add_demo_step)."""


def load_demo(people: dict, stdout) -> None:
    return None
