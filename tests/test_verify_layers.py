"""verify/ is a layer: it imports reportlib.errors, reportlib.i18n and reportlib.engine only."""

from __future__ import annotations

import ast
from pathlib import Path

import reportlib.verify

VERIFY = Path(reportlib.verify.__file__).parent
ALLOWED = ("reportlib.errors", "reportlib.i18n", "reportlib.engine", "reportlib.verify")


def imports(path: Path) -> set[str]:
    """Return every module a file imports, lazy imports inside functions included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_verify_imports_errors_and_engine_only() -> None:
    for path in sorted(VERIFY.glob("*.py")):
        ours = {m for m in imports(path) if m.split(".")[0] == "reportlib"}
        bad = {m for m in ours if not m.startswith(ALLOWED)}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_only_the_adapter_knows_the_report() -> None:
    knowing = sorted(
        path.name for path in VERIFY.glob("*.py") if "reportlib.engine.report" in imports(path)
    )
    assert knowing == ["adapter.py"]


def test_engine_text_helpers_reached_through_one_module() -> None:
    reaching = sorted(
        path.name
        for path in VERIFY.glob("*.py")
        if {"reportlib.engine.cells", "reportlib.engine.text"} & imports(path)
    )
    assert reaching == ["_text.py"]
