from cactus.core.tests.figures import FIGURES, NOTES


def pytest_terminal_summary(terminalreporter):
    if not FIGURES and not NOTES:
        return
    terminalreporter.section("Cactus security figures")
    for name, value in sorted(FIGURES.items()):
        terminalreporter.write_line(f"{name}: {value}")
    for name, text in sorted(NOTES.items()):
        terminalreporter.write_line(f"{name}: {text}")
