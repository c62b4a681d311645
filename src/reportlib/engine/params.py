"""Read and check a report's params file (SPEC §4) before any kernel starts.

A params file is a papermill parameter file: its keys are the notebook's parameters. An unknown
key or a value of the wrong type is an error that names the key and suggests the nearest valid
one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.engine.numbers import DecimalMark
from reportlib.errors import ParamsError

MAX_PARAMS_BYTES = 256 * 1024

TOP_KEYS = (
    "unit",
    "district",
    "official",
    "province",
    "year",
    "period_months",
    "data",
    "language",
    "decimal",
    "sheet",
    "catalogue",
    "columns",
    "document",
    "sections",
    "formats",
)
# What a report can be built as; html and pdf when neither the params nor the command say.
OUTPUT_FORMATS = ("html", "pdf", "docx", "xlsx")
DEFAULT_FORMATS = ("html", "pdf")
REQUIRED_KEYS = ("unit", "year", "period_months", "data")
# The notebook's own parameters: a params file to run exactly as the build runs it, and the
# addresses of the units' own reports, which the build gives a province's report.
NOTEBOOK_KEYS = ("params_file", "unit_reports")
DOCUMENT_KEYS = (
    "agency",
    "parent_agency",
    "number",
    "place",
    "date",
    "signer",
    "signer_title",
    "signer_mode",
    "recipients",
    "title",
)
SECTION_KEYS = ("strengths", "limitations", "causes", "directions")
LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Document:
    """The administrative-document frame (Decree 30/2020/NĐ-CP) of a report."""

    agency: str
    number: str = ""
    place: str = ""
    date: dt.date | None = None
    signer: str = ""
    signer_title: str = ""
    signer_mode: str = ""
    parent_agency: str = ""
    title: str = ""
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sections:
    """The analysts' own words, as Markdown, placed in the report."""

    strengths: str = ""
    limitations: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportParams:
    """A checked params file.

    ``unit`` is the unit reported on (a commune, ward, special zone or province, or a
    district for the years before 1 July 2025); ``district`` is its old name, kept for old
    scripts. ``catalogue`` names a file of kinds and directions (SPEC §3.2); ``columns`` maps
    headers as written to the field each feeds, for a header the reader cannot tell.
    """

    unit: str
    year: int
    period_months: int
    data: str
    province: str = ""
    language: str = "vi"
    decimal: DecimalMark | None = None
    sheet: str | None = None
    catalogue: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    official: bool = True
    document: Document | None = None
    sections: Sections = field(default_factory=Sections)
    formats: tuple[str, ...] = ()  # () when the params file does not say
    source: str = "<parameters>"

    @property
    def district(self) -> str:
        """The unit, under its name before 2026 (``district:`` in old params files)."""
        return self.unit

    def as_parameters(self) -> dict[str, Any]:
        """Return the values as notebook parameters (plain YAML types, dates as ISO text)."""
        values: dict[str, Any] = {
            "unit": self.unit,
            "province": self.province,
            "year": self.year,
            "period_months": self.period_months,
            "data": self.data,
            "language": self.language,
            "decimal": self.decimal,
            "sheet": self.sheet,
            "catalogue": self.catalogue,
            "columns": dict(self.columns) or None,
            "official": None if self.official else False,
        }
        if self.document is not None:
            doc = self.document
            values["document"] = {
                "agency": doc.agency,
                "parent_agency": doc.parent_agency,
                "number": doc.number,
                "place": doc.place,
                "date": doc.date.isoformat() if doc.date else None,
                "signer": doc.signer,
                "signer_title": doc.signer_title,
                "signer_mode": doc.signer_mode,
                "title": doc.title,
                "recipients": list(doc.recipients),
            }
        else:
            values["document"] = None
        values["sections"] = {
            "strengths": self.sections.strengths,
            "limitations": list(self.sections.limitations),
            "causes": list(self.sections.causes),
            "directions": list(self.sections.directions),
        }
        return values


def notebook_parameters(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """Return the params keys a notebook's namespace holds (its parameters cell and the ones
    papermill injected), for `prepare_report`: a key added to params files needs no change
    to the notebook."""
    return {key: namespace[key] for key in (*TOP_KEYS, *NOTEBOOK_KEYS) if key in namespace}


def suggest(key: str, valid: tuple[str, ...]) -> str:
    """Return "; did you mean 'x'?" for the valid name nearest to ``key``, or the valid names."""
    near = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
    if near:
        return f"; did you mean '{near[0]}'?"
    return f"; valid keys: {', '.join(valid)}"


def _unique_key_loader() -> Any:
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):  # type: ignore[misc]
        """YAML's safe loader, refusing a key written twice (YAML keeps the last silently)."""

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} is written twice (first at line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return loader.construct_mapping(node, deep=deep)

    UniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    return UniqueKeyLoader


def read_params_file(path: str | Path) -> dict[str, Any]:
    """Read a params file with YAML's safe loader and a size limit."""
    import yaml

    _UniqueKeyLoader = _unique_key_loader()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ParamsError(f"{path}: cannot read the params file ({error.strerror})") from None
    if size > MAX_PARAMS_BYTES:
        raise ParamsError(
            f"{path}: the params file is {size} bytes; at most {MAX_PARAMS_BYTES} are read"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
        loaded = yaml.load(text, Loader=_UniqueKeyLoader)
    except UnicodeDecodeError:
        raise ParamsError(f"{path}: the params file is not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ParamsError(f"{path}: not valid YAML{where}: {problem}") from None
    if loaded is None:
        raise ParamsError(f"{path}: the params file is empty; it needs {', '.join(REQUIRED_KEYS)}")
    if not isinstance(loaded, dict):
        raise ParamsError(
            f"{path}: a params file is a mapping of keys to values, not a list or text"
        )
    return loaded


def load_params(path: str | Path, *, display: str | None = None) -> ReportParams:
    """Read and check a params file.

    Raises
    ------
    ParamsError
        Naming the file, the key, the bad value and what was expected.
    """
    shown = display or os.fspath(path)
    return check_params(read_params_file(path), source=shown)


MAX_PARAMS_NODES = 5_000


def _show(value: object) -> str:
    """Show a value in a message, cut short: a message is no place for a whole document."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _cleaned(value: Any, budget: list[int], source: str) -> Any:
    """Return the value with every text cleaned like a table cell (NFC, no invisibles).

    Counts the values it visits: YAML aliases can make a small file expand without bound.
    """
    from reportlib.engine.text import clean_text

    budget[0] -= 1
    if budget[0] < 0:
        raise ParamsError(
            f"{source}: the params file expands to more than {MAX_PARAMS_NODES} values "
            "(YAML aliases?); write the values out"
        )
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {k: _cleaned(v, budget, source) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v, budget, source) for v in value]
    return value


def check_params(
    values: Mapping[str, Any], *, source: str = "<parameters>", notebook: bool = False
) -> ReportParams:
    """Check a mapping of parameters and return them typed.

    ``None`` values count as absent, so that a notebook's defaults (``sheet = None``) and a
    params file agree. Texts are cleaned like table cells: NFC, legacy letters mapped,
    zero-width and bidi-control characters removed. ``notebook``: the values are a
    notebook's parameters, where ``district`` (injected from an old params file) overrides
    the notebook's default ``unit``; in a params file, writing both is an error.
    """
    values = _cleaned(dict(values), [MAX_PARAMS_NODES], source)
    errors: list[str] = []

    def fail(message: str) -> None:
        errors.append(f"{source}: {message}")

    allowed = TOP_KEYS + NOTEBOOK_KEYS if notebook else TOP_KEYS
    for key in values:
        if key not in allowed:
            fail(f"unknown key {key!r}{suggest(str(key), allowed)}")
    present = {k: v for k, v in values.items() if v is not None and k in TOP_KEYS}
    unit_key = "unit"
    if "district" in present:
        old = present["district"]
        if "unit" in present and present["unit"] != old and not notebook:
            fail(
                f"key 'district': value {_show(old)} and key 'unit': value "
                f"{_show(present['unit'])}; write the unit once, as 'unit' ('district' is its "
                "old name)"
            )
        if notebook or "unit" not in present:
            unit_key = "district"
    for key in REQUIRED_KEYS:
        if key not in present and not (key == "unit" and "district" in present):
            fail(
                f"missing key '{key}'" + (" (or its old name 'district')" if key == "unit" else "")
            )

    unit = _text(present, unit_key, fail)
    province = _text(present, "province", fail, required=False)
    data = _text(present, "data", fail)
    year = _integer(present, "year", 1900, 2200, fail)
    period_months = _integer(present, "period_months", 1, 12, fail)
    language = str(present.get("language", "vi"))
    if language not in LANGUAGES:
        fail(f"key 'language': value {_show(language)} is not one of {', '.join(LANGUAGES)}")
    decimal = present.get("decimal")
    if decimal is not None and decimal not in (",", "."):
        fail(f"key 'decimal': value {_show(decimal)} is not ',' or '.' (quote it in YAML: \",\")")
    sheet = present.get("sheet")
    if sheet is not None and not isinstance(sheet, str | int):
        fail(f"key 'sheet': value {_show(sheet)} is not a sheet name")
    catalogue = _text(present, "catalogue", fail, required=False) or None
    official = present.get("official", True)
    if not isinstance(official, bool):
        fail(f"key 'official': value {_show(official)} is not true or false")
        official = True
    columns = _columns(present.get("columns"), fail)
    document = _document(present.get("document"), fail)
    sections = _sections(present.get("sections"), fail)
    formats = output_formats(present.get("formats"), "key 'formats'", fail)

    if errors:
        raise ParamsError("\n".join(errors))
    return ReportParams(
        unit=unit,
        year=year,
        period_months=period_months,
        data=data,
        province=province,
        language=language,
        decimal=decimal,
        sheet=str(sheet) if sheet is not None else None,
        catalogue=catalogue,
        columns=columns,
        official=official,
        document=document,
        sections=sections,
        formats=formats,
        source=source,
    )


def output_formats(value: Any, where: str, fail: Any) -> tuple[str, ...]:
    """Check a list of output formats: ``[html, pdf, docx]`` or ``"html,pdf,docx"``.

    ``where`` names the setting in a message ("key 'formats'", "--format").
    """
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(x, str) for x in items):
        fail(
            f"{where}: value {_show(value)} is not a list of formats ({', '.join(OUTPUT_FORMATS)})"
        )
        return ()
    chosen: list[str] = []
    for item in (x.strip().lower() for x in items):
        if not item:
            continue
        if item not in OUTPUT_FORMATS:
            near = difflib.get_close_matches(item, OUTPUT_FORMATS, n=1, cutoff=0.5)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            fail(
                f"{where}: unknown format {_show(item)}{hint} "
                f"(choose from {', '.join(OUTPUT_FORMATS)})"
            )
        elif item not in chosen:
            chosen.append(item)
    if not any(x.strip() for x in items):
        fail(f"{where}: no format given; choose from {', '.join(OUTPUT_FORMATS)}")
    return tuple(chosen)


def _text(values: Mapping[str, Any], key: str, fail: Any, *, required: bool = True) -> str:
    value = values.get(key)
    if value is None or (not required and value == ""):
        return ""
    if not isinstance(value, str) or not value.strip():
        fail(f"key '{key}': value {_show(value)} is not a non-empty text")
        return ""
    return value.strip()


def _integer(values: Mapping[str, Any], key: str, low: int, high: int, fail: Any) -> int:
    value = values.get(key)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            fail(f"key '{key}': value {_show(value)} is not a whole number from {low} to {high}")
            return 0
    if not low <= value <= high:
        fail(f"key '{key}': value {_show(value)} is not a whole number from {low} to {high}")
        return 0
    return int(value)


def _columns(value: Any, fail: Any) -> dict[str, str]:
    """Check ``columns:``: headers as written -> the field each feeds, or 'ignore'."""
    from reportlib.engine.table import COLUMN_CHOICES

    if value is None:
        return {}
    if not isinstance(value, Mapping):
        fail(f"key 'columns': value {_show(value)} is not a mapping of headers to columns")
        return {}
    checked: dict[str, str] = {}
    for header, name in value.items():
        if not isinstance(name, str) or name not in COLUMN_CHOICES:
            fail(
                f"key 'columns.{header}': value {_show(name)} is not a column"
                f"{suggest(str(name), COLUMN_CHOICES)}"
            )
            continue
        checked[str(header)] = name
    return checked


def _document(value: Any, fail: Any) -> Document | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        fail(f"key 'document': value {_show(value)} is not a mapping (agency, number, place, ...)")
        return None
    for key in value:
        if key not in DOCUMENT_KEYS:
            fail(f"unknown key 'document.{key}'{suggest(str(key), DOCUMENT_KEYS)}")
    strings: dict[str, str] = {}
    for key in DOCUMENT_KEYS:
        if key in ("date", "recipients"):
            continue
        item = value.get(key)
        if item is None:
            strings[key] = ""
        elif isinstance(item, str | int):
            strings[key] = str(item).strip()
        else:
            fail(f"key 'document.{key}': value {_show(item)} is not a text")
    if not strings.get("agency"):
        fail("key 'document.agency': missing; the document frame needs the issuing agency")
    date: dt.date | None = None
    raw_date = value.get("date")
    if isinstance(raw_date, dt.datetime):
        date = raw_date.date()
    elif isinstance(raw_date, dt.date):
        date = raw_date
    elif isinstance(raw_date, str) and raw_date.strip():
        try:
            date = dt.date.fromisoformat(raw_date.strip())
        except ValueError:
            fail(f"key 'document.date': value {_show(raw_date)} is not a date like 2023-10-05")
    elif raw_date is not None:
        fail(f"key 'document.date': value {_show(raw_date)} is not a date like 2023-10-05")
    recipients = value.get("recipients") or []
    if isinstance(recipients, str):
        recipients = [recipients]
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        fail("key 'document.recipients': expected a list of texts")
        recipients = []
    return Document(
        agency=strings.get("agency", ""),
        parent_agency=strings.get("parent_agency", ""),
        number=strings.get("number", ""),
        place=strings.get("place", ""),
        date=date,
        signer=strings.get("signer", ""),
        signer_title=strings.get("signer_title", ""),
        signer_mode=strings.get("signer_mode", ""),
        title=strings.get("title", ""),
        recipients=tuple(r.strip() for r in recipients),
    )


def _sections(value: Any, fail: Any) -> Sections:
    if value is None:
        return Sections()
    if not isinstance(value, Mapping):
        fail(f"key 'sections': value {_show(value)} is not a mapping (strengths, limitations, ...)")
        return Sections()
    for key in value:
        if key not in SECTION_KEYS:
            fail(f"unknown key 'sections.{key}'{suggest(str(key), SECTION_KEYS)}")

    def texts(key: str) -> tuple[str, ...]:
        item = value.get(key)
        if item is None:
            return ()
        if isinstance(item, str):
            return (item.strip(),) if item.strip() else ()
        if isinstance(item, list) and all(isinstance(x, str) for x in item):
            return tuple(x.strip() for x in item if x.strip())
        fail(f"key 'sections.{key}': expected a text or a list of texts")
        return ()

    strengths = texts("strengths")
    return Sections(
        strengths="\n\n".join(strengths),
        limitations=texts("limitations"),
        causes=texts("causes"),
        directions=texts("directions"),
    )


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


def resolve_data(params: ReportParams, root: Path, *, allow_outside: bool = False) -> Path:
    """Return the absolute path of the params file's table, refusing one outside the project.

    Raises
    ------
    ParamsError
        When ``data`` leads outside the project root and ``allow_outside`` is false.
    """
    return resolve_path(params.data, "data", params.source, root, allow_outside=allow_outside)


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
