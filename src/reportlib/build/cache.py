"""The cache key of a report: a digest of everything its output depends on.

The notebook, the params file, the report's own rows of its table (so a change in another
district's rows of a shared province table does not rebuild this one), reportlib's version and
its own files (code, templates, stylesheet), and the versions of the libraries that shape the
output. A report is rebuilt when its key changes or its output files are not what the
manifest recorded.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from reportlib.build.records import ManifestEntry
from reportlib.engine.sheets import sha256_file
from reportlib.version import __version__

# Libraries whose version can change what a report looks like.
SHAPING_LIBRARIES = (
    "babel",
    "ipykernel",
    "jinja2",
    "markdown-it-py",
    "matplotlib",
    "nbconvert",
    "nbformat",
    "nh3",
    "numpy",
    "openpyxl",
    "pandas",
    "papermill",
    "pydyf",
    "pyyaml",
    "weasyprint",
)


@functools.cache
def library_versions() -> dict[str, str]:
    """Return the installed version of each library that shapes the output."""
    versions = {}
    for name in SHAPING_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


@functools.cache
def package_digest() -> str:
    """Return a digest of reportlib's own files (code, templates, stylesheet)."""
    folder = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def cache_key(inputs: Mapping[str, Any]) -> str:
    """Return the cache key for a report's inputs (see the module docstring)."""
    material = {
        "inputs": dict(inputs),
        "reportlib": __version__,
        "package": package_digest(),
        "libraries": library_versions(),
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def notebook_digest(path: Path) -> str:
    """Return a digest of what a notebook computes: each cell's type, source and tags.

    Outputs, execution counts and metadata (which JupyterLab rewrites whenever the analyst
    runs and saves it) are left out, so running the notebook rebuilds nothing.
    """
    return _notebook_digest(path.read_bytes())


@functools.lru_cache(maxsize=8)
def _notebook_digest(content: bytes) -> str:
    # Every report of a build has the same notebook: digest it once. Read as JSON, not with
    # nbformat: importing nbformat imports jsonschema, which in an environment with
    # JupyterLab (its jsonschema[format-nongpl] extra) compiles a grammar at import, 1.2 s of
    # the build's planning and of every no-op build. The notebook is validated where it is
    # run (papermill); a file that is not a notebook fails there, with its name.
    try:
        notebook = json.loads(content)
        cells = [_cell_facts(cell) for cell in notebook["cells"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        cells = _cells_from_nbformat(content)  # an older nbformat, or not a notebook
    canonical = json.dumps(cells, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _cell_facts(cell: Mapping[str, Any]) -> list[Any]:
    """A cell's type, source (nbformat's lines joined, as nbformat reads it) and sorted tags."""
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(source)
    if not isinstance(source, str):
        raise TypeError(f"a cell's source is {type(source).__name__}")
    return [cell["cell_type"], source, sorted((cell.get("metadata") or {}).get("tags") or [])]


def _cells_from_nbformat(content: bytes) -> list[Any]:
    import nbformat

    try:
        notebook = nbformat.reads(content.decode("utf-8"), as_version=4)  # type: ignore[no-untyped-call]
    except Exception:  # not a notebook: papermill names it when it runs
        return [["unreadable", hashlib.sha256(content).hexdigest(), []]]
    return [_cell_facts(cell) for cell in notebook.cells]


def outputs_match(entry: ManifestEntry, outputs: Path, formats: Iterable[str]) -> bool:
    """Tell whether every wanted output exists with the hash the manifest recorded."""
    for fmt in ("ipynb", *formats):
        item = entry.outputs.get(fmt)
        if item is None:
            return False
        try:
            if sha256_file(outputs / item.path) != item.sha256:
                return False
        except OSError:
            return False
    return True
