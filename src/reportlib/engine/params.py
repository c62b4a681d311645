"""Read and check a report's params file (SPEC §4) before any kernel starts.

A params file is a papermill parameter file: its keys are the notebook's parameters. An unknown
key or a value of the wrong type is an error that names the key and suggests the nearest valid
one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.engine.numbers import DecimalMark
from reportlib.engine.params_values import (
    DEFAULT_FORMATS,
    DOCUMENT_KEYS,
    OUTPUT_FORMATS,
    SECTION_KEYS,
    Document,
    Sections,
    columns_value,
    document_value,
    integer_value,
    output_formats,
    sections_value,
    shown,
    suggest,
    text_value,
)
from reportlib.engine.paths import find_params_files, project_root, resolve_path
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
REQUIRED_KEYS = ("unit", "year", "period_months", "data")
# The notebook's own parameters: a params file to run exactly as the build runs it, and the
# addresses of the units' own reports, which the build gives a province's report.
NOTEBOOK_KEYS = ("params_file", "unit_reports")
LANGUAGES = ("vi", "en")


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
    named = display or os.fspath(path)
    return check_params(read_params_file(path), source=named)


MAX_PARAMS_NODES = 5_000


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
                f"key 'district': value {shown(old)} and key 'unit': value "
                f"{shown(present['unit'])}; write the unit once, as 'unit' ('district' is its "
                "old name)"
            )
        if notebook or "unit" not in present:
            unit_key = "district"
    for key in REQUIRED_KEYS:
        if key not in present and not (key == "unit" and "district" in present):
            fail(
                f"missing key '{key}'" + (" (or its old name 'district')" if key == "unit" else "")
            )

    unit = text_value(present, unit_key, fail)
    province = text_value(present, "province", fail, required=False)
    data = text_value(present, "data", fail)
    year = integer_value(present, "year", 1900, 2200, fail)
    period_months = integer_value(present, "period_months", 1, 12, fail)
    language = str(present.get("language", "vi"))
    if language not in LANGUAGES:
        fail(f"key 'language': value {shown(language)} is not one of {', '.join(LANGUAGES)}")
    decimal = present.get("decimal")
    if decimal is not None and decimal not in (",", "."):
        fail(f"key 'decimal': value {shown(decimal)} is not ',' or '.' (quote it in YAML: \",\")")
    sheet = present.get("sheet")
    if sheet is not None and not isinstance(sheet, str | int):
        fail(f"key 'sheet': value {shown(sheet)} is not a sheet name")
    catalogue = text_value(present, "catalogue", fail, required=False) or None
    official = present.get("official", True)
    if not isinstance(official, bool):
        fail(f"key 'official': value {shown(official)} is not true or false")
        official = True
    columns = columns_value(present.get("columns"), fail)
    document = document_value(present.get("document"), fail)
    sections = sections_value(present.get("sections"), fail)
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


def resolve_data(params: ReportParams, root: Path, *, allow_outside: bool = False) -> Path:
    """Return the absolute path of the params file's table, refusing one outside the project.

    Raises
    ------
    ParamsError
        When ``data`` leads outside the project root and ``allow_outside`` is false.
    """
    return resolve_path(params.data, "data", params.source, root, allow_outside=allow_outside)


__all__ = [
    "DEFAULT_FORMATS",
    "DOCUMENT_KEYS",
    "OUTPUT_FORMATS",
    "SECTION_KEYS",
    "Document",
    "ReportParams",
    "Sections",
    "check_params",
    "find_params_files",
    "load_params",
    "notebook_parameters",
    "output_formats",
    "project_root",
    "read_params_file",
    "resolve_data",
    "resolve_path",
    "suggest",
]
