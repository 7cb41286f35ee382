"""The CLI never imports Textual, and the layers import in one direction only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "watchlist"


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from watchlist.cli.main import main\n"
        "for args in (['list', '--json'], ['show', 'metallic'], ['watch', 'metallic'],\n"
        "             ['critics', 'metallic'], ['compare', 'metallic'], ['stats', '--json']):\n"
        "    assert main(args) == 0, args\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
    )
    env = {"WATCHLIST_DB": str(tmp_path / "db.json"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


ALLOWED = {
    "domain": {"domain"},
    "storage": {"domain", "storage"},
    "interop": {"domain", "interop"},
    "service": {"domain", "storage", "service", "interop"},
    "cli": {"domain", "service", "cli", "storage", "tui"},
    "tui": {"domain", "service", "tui"},
}
FORBIDDEN_MODULES = {
    "domain": {"textual", "tinydb", "rich", "orjson", "filelock"},
    "service": {"textual", "tinydb"},
    "tui": {"tinydb"},
    "cli": {"textual", "tinydb"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_layers_import_in_one_direction() -> None:
    problems = []
    for layer, allowed in ALLOWED.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imports_of(path):
                parts = name.split(".")
                inner = parts[0] == "watchlist" and len(parts) > 1 and parts[1] in ALLOWED
                if inner and parts[1] not in allowed:
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
                if parts[0] in FORBIDDEN_MODULES.get(layer, set()):
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert problems == []
