"""The import graph of toxgui, checked: the core is acyclic and layered, protocol layers read no
file format, and the tiers (core <- net/store <- app service; models <- ui; the desktop
front end's adapter and composition root in app.gui*) hold.

An AST walk, no imports executed.  `from pkg import name` counts as a dependency on the module
`pkg.name` when that is a module, else on `pkg`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "toxgui"

# The core's layers, bottom up: a module may import only modules of its own layer or lower ones.
CORE_LAYERS: list[tuple[str, ...]] = [
    ("spec", "errors", "record"),
    ("wire", "status"),
    ("events", "crypto", "toxid"),
    ("packets",),
    ("savedata", "encryptsave"),  # profile file formats, read by the store tier only
    ("context",),
    ("tcp",),  # TCP relay protocol and server
    ("dht",),
    ("friends",),
    ("onion",),
    ("dhtpk", "friend_requests"),
    ("net_crypto",),
    ("friend_connection",),
    ("messenger",),
    ("files", "conferences"),
    ("node",),
]
FILE_FORMATS = {"toxgui.core.savedata", "toxgui.core.encryptsave"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(p): p for p in PKG.rglob("*.py")}


def imports(path: Path) -> tuple[set[str], list[tuple[int, str]]]:
    """(toxgui modules imported at module level, function-level imports as (line, text))."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    deps: set[str] = set()
    nested: list[tuple[int, str]] = []

    def resolve(node: ast.Import | ast.ImportFrom) -> set[str]:
        out: set[str] = set()
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("toxgui"))
        elif node.module and node.module.startswith("toxgui"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in MODULES else node.module)
        return out

    def in_type_checking(node: ast.If) -> bool:
        return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"

    for top in tree.body:
        if isinstance(top, ast.Import | ast.ImportFrom):
            deps |= resolve(top)
        elif isinstance(top, ast.If) and in_type_checking(top):
            continue  # annotations only
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    nested.append((inner.lineno, ast.unparse(inner)))
    return {d for d in deps if d in MODULES}, nested


GRAPH = {m: imports(p)[0] for m, p in MODULES.items()}


def core_layer(mod: str) -> int:
    rest = mod.removeprefix("toxgui.core.").split(".")[0]
    for i, names in enumerate(CORE_LAYERS):
        if rest in names:
            return i
    raise AssertionError(f"{mod}: not in any core layer; add it to CORE_LAYERS")


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(u: str) -> list[str] | None:
        state[u] = 1
        stack.append(u)
        for v in sorted(graph.get(u, ())):
            if state.get(v) == 1:
                return [*stack[stack.index(v):], v]
            if v not in state and (found := visit(v)):
                return found
        stack.pop()
        state[u] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_import_graph_of_the_core_is_acyclic() -> None:
    core = {m: {d for d in ds if d.startswith("toxgui.core")} for m, ds in GRAPH.items() if m.startswith("toxgui.core")}
    # a package's __init__ re-exports its submodules; submodules never need the package itself
    cycle = find_cycle(core)
    assert cycle is None, " -> ".join(cycle or [])


def test_whole_package_is_acyclic() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if m.startswith("toxgui.core.")))
def test_core_modules_import_only_their_layer_or_lower(mod: str) -> None:
    mine = core_layer(mod)
    for dep in GRAPH[mod]:
        if not dep.startswith("toxgui.core.") or dep == "toxgui.core":
            assert dep.startswith("toxgui.core"), f"{mod} imports {dep}, outside the core"
            continue
        assert core_layer(dep) <= mine, f"{mod} (layer {mine}) imports {dep} (layer {core_layer(dep)}), a higher layer"
        if dep in FILE_FORMATS:
            assert mod in FILE_FORMATS, f"protocol layer {mod} imports the file format {dep}"


def test_no_function_level_imports_in_the_core() -> None:
    found = []
    for mod, path in MODULES.items():
        if not mod.startswith("toxgui.core"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, text in imports(path)[1]:
            above = lines[lineno - 2] if lineno >= 2 else ""
            if "import here:" not in above:  # the comment that says why
                found.append(f"{mod}:{lineno}: {text}")
    assert not found, "function-level imports in toxgui/core:\n" + "\n".join(found)


def _tier_violations(prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for mod, deps in GRAPH.items():
        if mod == prefix or mod.startswith(prefix + "."):
            for dep in deps:
                if any(dep == f or dep.startswith(f + ".") for f in forbidden):
                    out.append(f"{mod} imports {dep}")
    return out


# The desktop front end's two modules in the application package: the adapter from the service
# to the models' Backend interface, and the composition root that builds the window.
DESKTOP_APP = ("toxgui.app.gui", "toxgui.app.gui_backend")


def test_tiers() -> None:
    service_tier = [m for m in MODULES if m.startswith("toxgui.app") and m not in DESKTOP_APP]
    problems = [
        # the core knows nothing above it
        *_tier_violations("toxgui.core", ("toxgui.net", "toxgui.store", "toxgui.models", "toxgui.ui",
                                          "toxgui.app", "toxgui.desktop", "toxgui.i18n")),
        # the runtime and the store sit on the core only
        *_tier_violations("toxgui.net", ("toxgui.store", "toxgui.models", "toxgui.ui", "toxgui.app")),
        *_tier_violations("toxgui.store", ("toxgui.net", "toxgui.models", "toxgui.ui", "toxgui.app")),
        # the application service (and headless) never loads Qt's models or widgets
        *[f"{m} imports {d}" for m in service_tier for d in GRAPH[m]
          if d.startswith(("toxgui.models", "toxgui.ui"))],
        # models never reach the network runtime or the application; widgets talk to the models only
        *_tier_violations("toxgui.models", ("toxgui.net", "toxgui.ui", "toxgui.app")),
        *_tier_violations("toxgui.ui", ("toxgui.store", "toxgui.net", "toxgui.app")),
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("front_end", ["headless.py", "gui_backend.py", "gui.py"])
def test_front_ends_read_snapshots_not_the_node(front_end: str) -> None:
    """Front ends drive the service and read its typed snapshots; only the service itself
    touches the node and the runtime."""
    text = (PKG / "app" / front_end).read_text(encoding="utf-8")
    assert ".node." not in text and ".runtime." not in text
    assert "getattr(self.client" not in text and "getattr(client" not in text


def test_application_package_holds_every_front_end() -> None:
    """The top of the package is the tiers and three shared helpers, nothing else."""
    top = {p.name for p in PKG.iterdir() if not p.name.startswith(("_", ".")) or p.name == "__main__.py"}
    assert top == {"__main__.py", "core", "net", "store", "app", "models", "ui", "desktop.py", "i18n.py",
                   "resources", "translations"}, sorted(top)


def test_nothing_is_called_wiring() -> None:
    hits = [str(p.relative_to(ROOT)) for p in PKG.rglob("*.py") if "wiring" in p.read_text(encoding="utf-8")]
    assert not hits
