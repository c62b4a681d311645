"""The values inside a params file: the document frame, the analysts' sections, the output
formats, and the checks each value gets (SPEC §4); `reportlib.engine.params` assembles them."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# What a report can be built as; html and pdf when neither the params nor the command say.
OUTPUT_FORMATS = ("html", "pdf", "docx", "xlsx")
DEFAULT_FORMATS = ("html", "pdf")
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


def suggest(key: str, valid: tuple[str, ...]) -> str:
    """Return "; did you mean 'x'?" for the valid name nearest to ``key``, or the valid names."""
    near = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
    if near:
        return f"; did you mean '{near[0]}'?"
    return f"; valid keys: {', '.join(valid)}"


def shown(value: object) -> str:
    """Show a value in a message, cut short: a message is no place for a whole document."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def output_formats(value: Any, where: str, fail: Any) -> tuple[str, ...]:
    """Check a list of output formats: ``[html, pdf, docx]`` or ``"html,pdf,docx"``.

    ``where`` names the setting in a message ("key 'formats'", "--format").
    """
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(x, str) for x in items):
        fail(
            f"{where}: value {shown(value)} is not a list of formats ({', '.join(OUTPUT_FORMATS)})"
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
                f"{where}: unknown format {shown(item)}{hint} "
                f"(choose from {', '.join(OUTPUT_FORMATS)})"
            )
        elif item not in chosen:
            chosen.append(item)
    if not any(x.strip() for x in items):
        fail(f"{where}: no format given; choose from {', '.join(OUTPUT_FORMATS)}")
    return tuple(chosen)


def text_value(values: Mapping[str, Any], key: str, fail: Any, *, required: bool = True) -> str:
    value = values.get(key)
    if value is None or (not required and value == ""):
        return ""
    if not isinstance(value, str) or not value.strip():
        fail(f"key '{key}': value {shown(value)} is not a non-empty text")
        return ""
    return value.strip()


def integer_value(values: Mapping[str, Any], key: str, low: int, high: int, fail: Any) -> int:
    value = values.get(key)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            fail(f"key '{key}': value {shown(value)} is not a whole number from {low} to {high}")
            return 0
    if not low <= value <= high:
        fail(f"key '{key}': value {shown(value)} is not a whole number from {low} to {high}")
        return 0
    return int(value)


def columns_value(value: Any, fail: Any) -> dict[str, str]:
    """Check ``columns:``: headers as written -> the field each feeds, or 'ignore'."""
    from reportlib.engine.table import COLUMN_CHOICES

    if value is None:
        return {}
    if not isinstance(value, Mapping):
        fail(f"key 'columns': value {shown(value)} is not a mapping of headers to columns")
        return {}
    checked: dict[str, str] = {}
    for header, name in value.items():
        if not isinstance(name, str) or name not in COLUMN_CHOICES:
            fail(
                f"key 'columns.{header}': value {shown(name)} is not a column"
                f"{suggest(str(name), COLUMN_CHOICES)}"
            )
            continue
        checked[str(header)] = name
    return checked


def document_value(value: Any, fail: Any) -> Document | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        fail(f"key 'document': value {shown(value)} is not a mapping (agency, number, place, ...)")
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
            fail(f"key 'document.{key}': value {shown(item)} is not a text")
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
            fail(f"key 'document.date': value {shown(raw_date)} is not a date like 2023-10-05")
    elif raw_date is not None:
        fail(f"key 'document.date': value {shown(raw_date)} is not a date like 2023-10-05")
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


def sections_value(value: Any, fail: Any) -> Sections:
    if value is None:
        return Sections()
    if not isinstance(value, Mapping):
        fail(f"key 'sections': value {shown(value)} is not a mapping (strengths, limitations, ...)")
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
