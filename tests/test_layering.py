"""The rooms of the tree and the arrows between them: no import cycle, deferred or not, and the core
never reaches up into the edges (the CLI, the web app, Flask)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
#: Source folder of each installed package.
PACKAGES = {"netmap": ROOT / "netmap", "netmap.importers": ROOT / "importers", "netmap.web": ROOT / "web"}


def _modules() -> dict[str, Path]:
    mods = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = [p for p in path.relative_to(folder).with_suffix("").parts if p != "__init__"]
            mods[".".join([package, *parts])] = path
    return mods


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every netmap module ``name`` imports anywhere in its body (top level, deferred or type-only)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        found.update(t for t in targets if t in known and t != name)
    return found


def _graph() -> nx.DiGraph:
    mods = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(mods)
    for name, path in mods.items():
        graph.add_edges_from((name, dep) for dep in _imports(name, path, set(mods)))
    return graph


def test_no_module_imports_itself_through_others() -> None:
    cycles = list(nx.simple_cycles(_graph()))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def test_the_core_never_imports_the_cli_or_the_web_app() -> None:
    graph = _graph()
    core = [m for m in graph if not m.startswith(("netmap.cli", "netmap.web"))]
    wrong = sorted((m, d) for m in core for d in graph.successors(m) if d.startswith(("netmap.cli", "netmap.web")))
    assert wrong == []


def _users_of(library: str, modules: dict[str, Path]) -> list[str]:
    """The ``modules`` that import ``library`` anywhere in their body."""
    return [
        name
        for name, path in modules.items()
        if any(
            isinstance(n, ast.Import | ast.ImportFrom)
            and any((getattr(n, "module", None) or a.name).split(".")[0] == library for a in n.names)
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]


def test_the_core_and_the_cli_never_import_flask() -> None:
    flask_users = _users_of("flask", {n: p for n, p in _modules().items() if not n.startswith("netmap.web")})
    assert flask_users == []


def test_the_web_layer_calls_the_graph_and_analytics_never_networkx() -> None:
    web = {n: p for n, p in _modules().items() if n.startswith("netmap.web")}
    assert web and _users_of("networkx", web) == []
    assert "netmap.graph.neighbourhood" in _users_of("networkx", _modules())  # the walk sees an import


def test_every_store_parameter_is_typed_as_the_store() -> None:
    untyped = sorted(
        f"{path.relative_to(ROOT)}:{arg.lineno}"
        for path in _modules().values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
        for arg in [*node.args.args, *node.args.kwonlyargs]
        if arg.arg == "store" and (arg.annotation is None or ast.unparse(arg.annotation) in {"Any", "object"})
    )
    assert untyped == [], f"a store taken as Any: {untyped}"
