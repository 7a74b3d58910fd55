"""The map of the house (docs/architecture.md) held against the code: every import goes the way of an arrow.

The rule, checked on every module of ``partact_app`` from its ``import`` statements (top level and inside
functions alike): a module of a room imports only from the rooms listed for it below. Third-party packages are
free, except that the pure core, the bus and the services never import Reflex.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "partact_app"

# room -> the rooms it may import (a room always may import itself)
ARROWS: dict[str, set[str]] = {
    "core": set(),
    "i18n": set(),
    "models": set(),
    "settings": {"i18n"},
    "db": {"models", "settings"},
    "migrations": {"models", "db", "settings"},
    "outages": set(),
    "broadcast.bus": {"settings", "outages"},
    "guard": {"settings"},
    "broadcast.rooms": {"broadcast.bus", "settings", "outages"},
    "services": {"core", "models", "db", "i18n", "settings", "broadcast.bus"},
    "states": {"services", "broadcast.bus", "broadcast.rooms", "guard", "db", "i18n", "settings", "core"},
    "components": {"states", "i18n", "core", "outages"},
    "pages": {"components", "states", "i18n"},
    "api": {"services", "guard", "db", "i18n", "settings", "broadcast.bus", "outages"},
    "cli": {"services", "db", "i18n", "settings"},
    "ticker": {"services", "db", "outages"},
    "app": {"api", "broadcast.bus", "broadcast.rooms", "components", "guard", "pages", "services", "states",
            "ticker"},
}
NO_REFLEX = {"core", "i18n", "models", "settings", "db", "broadcast.bus", "guard", "services", "api", "cli", "ticker",
             "outages"}


def room_of(module: str) -> str:
    """``partact_app.services.rounds`` -> ``services``; ``partact_app.broadcast.bus`` -> ``broadcast.bus``."""
    parts = module.split(".")[1:]
    if not parts or parts == ["__init__"]:
        return "package"
    if parts[0] == "broadcast":
        return ".".join(parts[:2]) if len(parts) > 1 and parts[1] != "__init__" else "broadcast.bus"
    if parts[0] == "partact_app":
        return "app"
    return parts[0]


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        out[".".join(relative.parts)] = path
    return out


def imports_of(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "partact_app":  # from partact_app import settings, db
                found += [(node.lineno, f"partact_app.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def test_every_room_is_known():
    assert {room_of(name) for name in modules()} - {"package"} <= set(ARROWS)


def test_imports_go_the_way_of_the_arrows():
    wrong = []
    for name, path in sorted(modules().items()):
        room = room_of(name)
        if room == "package":
            continue
        for line, target in imports_of(path):
            top = target.split(".")[0]
            if top == "partact_app":
                other = room_of(target)
                if other not in (room, "package") and other not in ARROWS[room]:
                    wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {room} -> {other} ({target})")
            elif top in ("reflex", "reflex_base", "reflex_components_core") and room in NO_REFLEX:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {room} imports Reflex ({target})")
    assert wrong == []


def test_only_settings_reads_the_environment():
    readers = [
        str(path.relative_to(PACKAGE.parent))
        for name, path in modules().items()
        if name != "partact_app.settings" and ("os.environ" in path.read_text() or "getenv(" in path.read_text())
    ]
    assert readers == []
