"""Where a project's files are: its root, a params value's path inside it, its params files."""

from __future__ import annotations

import os
from pathlib import Path

from reportlib.errors import ParamsError


def project_root(start: Path | None = None) -> Path:
    """Return the project's root: $REPORTLIB_ROOT, else the nearest folder with pyproject.toml.

    Data paths in params files are relative to it, wherever the notebook runs (the project
    root under ``reportlib build``, notebooks/ in JupyterLab).
    """
    configured = os.environ.get("REPORTLIB_ROOT")
    if configured:
        return Path(configured).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() or (folder / "params").is_dir():
            return folder
    return here


def resolve_path(
    text: str, key: str, source: str, root: Path, *, allow_outside: bool = False
) -> Path:
    """Return the absolute path a params value names, relative to the project root.

    A path that leads outside the project from the root but inside it from the working
    folder ('../data/x.csv', written in a notebook in notebooks/) is taken from the working
    folder: it is the same file wherever the notebook runs.

    Raises
    ------
    ParamsError
        When the path leads outside the project root and ``allow_outside`` is false.
    """
    root = root.resolve()
    candidate = Path(text)
    full = (candidate if candidate.is_absolute() else root / candidate).resolve()
    if not candidate.is_absolute() and not full.is_relative_to(root):
        here = (Path.cwd() / candidate).resolve()
        if here.is_relative_to(root):
            full = here
    if not allow_outside and not full.is_relative_to(root):
        raise ParamsError(
            f"{source}: key '{key}': value {text!r} leads outside the project "
            f"({root}); keep input files inside it, or allow it with --allow-outside-data"
        )
    return full


def find_params_files(paths: list[str] | None, root: Path) -> list[Path]:
    """Return the params files named, or found in the folders named (default: params/), sorted.

    Raises
    ------
    ParamsError
        When a path does not exist or names a file that is not YAML.
    """
    targets = [Path(p) for p in paths] if paths else [root / "params"]
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found.extend(sorted(p for p in target.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif target.is_file():
            if target.suffix not in (".yaml", ".yml"):
                raise ParamsError(f"{target}: not a params file (.yaml or .yml)")
            found.append(target)
        else:
            raise ParamsError(f"{target}: no such params file or folder")
    # One file named two ways (params/a.yaml, params/sub/../a.yaml) is one report.
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())
