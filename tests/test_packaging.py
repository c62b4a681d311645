"""The project's set-up: dependencies in step, the public API honest, the README's commands."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

import reportlib

# conda-forge names for the PyPI packages whose names differ.
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def _requirement(text: str) -> tuple[str, str]:
    match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", text.strip())
    assert match, text
    return match.group(1).lower(), match.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject(root: Path) -> None:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(
        _requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
    )
    environment = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    listed = environment["dependencies"]
    # Leave out the interpreter and pip by name: a prefix test would drop python-docx too.
    conda = dict(
        _requirement(d)
        for d in listed
        if isinstance(d, str) and _requirement(d)[0] not in ("python", "pip")
    )
    # Packages conda-forge lacks come from PyPI under `pip:`, with their PyPI names and pins.
    pip = [d["pip"] for d in listed if isinstance(d, dict) and "pip" in d]
    from_pypi = dict(_requirement(r) for r in (pip[0] if pip else []) if not r.startswith("-"))
    assert not set(conda) & set(from_pypi), "a package is listed for both conda and pip"
    expected = {
        name if name in from_pypi else CONDA_NAMES.get(name, name): spec
        for name, spec in wanted.items()
    }
    assert conda | from_pypi == expected


def test_all_is_sorted_and_names_every_public_member() -> None:
    assert reportlib.__all__ == sorted(reportlib.__all__)
    public = {n for n in vars(reportlib) if not n.startswith("_")}
    # Submodules and the __future__ feature are attributes, not API.
    modules = {n for n in public if type(getattr(reportlib, n)).__name__ in ("module", "_Feature")}
    assert set(reportlib.__all__) - {"__version__"} == public - modules
    for name in reportlib.__all__:
        assert hasattr(reportlib, name)


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reportlib; "
        "print(sorted(m for m in ('papermill', 'nbconvert', 'weasyprint', 'pandas') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "make reports" in readme and "make test" in readme
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ] == ["make test"]


def test_outputs_are_ignored_and_notebooks_committed(root: Path) -> None:
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert "outputs/" in ignored and ".venv/" in ignored


def test_the_test_command_enforces_lint_types_and_layers(root: Path) -> None:
    # CI runs `make test` only (.ci/run): the habits hold only if that target runs them.
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    targets: dict[str, tuple[str, str]] = {}
    for name, needs, body in re.findall(r"^([a-z]+):([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.M):
        targets[name] = (needs, body)
    needs, body = targets["test"]
    assert "lint" in needs.split() and "pytest" in body
    _, lint = targets["lint"]
    for command in ("ruff check", "ruff format --check", "mypy", "lint-imports"):
        assert command in lint, command


def test_import_contracts_hold() -> None:
    import subprocess
    import sys
    from pathlib import Path as _Path

    lint = _Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout
