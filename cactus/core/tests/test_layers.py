"""Arrows one way: an app imports only apps below it, and no module imports itself back in a circle.

LAYERS is the one declaration of the order (docs/architecture.md draws it). Every import counts,
at module level or inside a function; tests and migrations are left out. A new app must be given a
place here, else the test fails.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # the cactus package
# Bottom to top. An app may import the apps of lower layers only; apps on one line not each other.
LAYERS = [
    {"core"},  # helpers that know no domain
    {"notifications"},  # e-mail delivery only
    {"referentials"},  # SMIC, IDCC, code lists
    {"law", "companies"},  # the law's rules; the company register client (knows no dossier)
    {"accounts"},
    {"twofactor"},
    {"formations"},
    {"dossiers"},
    {"documents"},
    {"contracts"},  # after the signature: avenants, ruptures, cancellations, the next contract
    {"opco", "api", "workspace", "signatures"},  # capabilities on top
    {"privacy"},  # GDPR: reads the personal data of every app below (signers, ruptures, dossiers)
    {"bench"},  # measures everything below it: the OPCO deposit, the API's list endpoint
]


def project_imports(package: Path) -> dict[str, set[str]]:
    """{module: the project modules it imports}, by dotted name (a package is its __init__)."""
    name = package.name
    paths = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts or path.name.startswith("test_"):
            continue
        paths[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path

    def resolve(target: str) -> str | None:
        while target and target not in paths:
            target = target.rpartition(".")[0]
        return target or None

    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        is_package = path.name == "__init__.py"
        targets = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = module.split(".")
                    parts = parts[: len(parts) - node.level + is_package]
                    base = ".".join(parts + ([node.module] if node.module else []))
                targets += [base] + [f"{base}.{alias.name}" for alias in node.names]
        deps = {resolve(t) for t in targets if t.split(".")[0] == name}
        graph[module] = {
            d
            for d in deps
            if d and d != module and not module.startswith(d + ".") and not d.startswith(module + ".")
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def upward_imports(graph: dict[str, set[str]], layers: list[set[str]]) -> list[str]:
    """Each import of an app by an app of the same or a lower layer, as "module -> module"."""
    rank = {app: n for n, apps in enumerate(layers) for app in apps}
    wrong = []
    for module, deps in sorted(graph.items()):
        app = module.split(".")[1] if module.count(".") else None
        if app not in rank:
            continue  # settings, urls, wsgi: the project itself sits on top
        for dep in sorted(deps):
            other = dep.split(".")[1]
            if other != app and rank.get(other, len(layers)) >= rank[app]:
                wrong.append(f"{module} -> {dep}")
    return wrong


def test_every_app_has_a_place_in_the_layers():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set().union(*LAYERS)


def test_no_module_of_the_project_imports_itself_back():
    assert cycles(project_imports(PACKAGE)) == []


def test_no_app_imports_an_app_of_its_own_or_a_higher_layer():
    assert upward_imports(project_imports(PACKAGE), LAYERS) == []


@pytest.fixture
def toy(tmp_path):
    """A package `toy` with two apps; `write` adds a module."""

    def write(relative: str, source: str = "") -> None:
        path = tmp_path / "toy" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in [p for p in path.relative_to(tmp_path).parents if p != Path(".")]:
            (tmp_path / parent / "__init__.py").touch()
        path.write_text(source)

    write("low/helpers.py")
    write("high/models.py", "from toy.low import helpers\n")
    return tmp_path / "toy", write


def test_a_cycle_hidden_in_a_function_is_found(toy):
    package, write = toy
    write("high/states.py", "def f():\n    from toy.high.views import x\n")
    write("high/views.py", "from .states import f\nx = 1\n")
    assert cycles(project_imports(package)) == [["toy.high.states", "toy.high.views"]]


def test_a_lower_app_importing_a_higher_one_is_found(toy):
    package, write = toy
    assert upward_imports(project_imports(package), [{"low"}, {"high"}]) == []
    write("low/mail.py", "def send():\n    from toy.high.models import Thing\n")
    assert upward_imports(project_imports(package), [{"low"}, {"high"}]) == [
        "toy.low.mail -> toy.high.models"
    ]
