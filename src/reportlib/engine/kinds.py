"""Decide each indicator's kind and direction, and say where each came from (SPEC §3.2).

In order, the first that speaks wins: the table's Loại / Chiều columns; the project's
catalogue (params key ``catalogue:``); the target's wording (dưới, không quá, giảm còn: lower
is better; Hoàn thành: a milestone); the built-in catalogue of the indicators these programmes
commonly carry (``engine/data/catalogue.csv``, a table an office can read and copy); the
defaults (level, higher is better). The last three are guesses, which `reportlib check` lists.
A target whose wording contradicts a stated direction is an error.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reportlib.engine.model import Direction, Kind, Source, Target
from reportlib.engine.text import CellError, clean_text, fold
from reportlib.engine.words import parse_direction, parse_kind
from reportlib.errors import DataError, Problem

BUILTIN_CATALOGUE = "catalogue.csv"


@dataclass(frozen=True)
class Entry:
    """One line of a catalogue: how to recognise an indicator, and its kind and direction."""

    name: str
    keywords: tuple[str, ...]
    indicator_id: str = ""
    kind: Kind | None = None
    direction: Direction | None = None
    unit_of_measure: str = ""
    row: int = 0


@dataclass(frozen=True)
class Catalogue:
    """Entries matched by name (accent- and case-insensitively) or by id."""

    source: Source
    path: str
    entries: tuple[Entry, ...]
    _found: dict[tuple[str, str], Entry | None] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    def match(self, name: str, indicator_id: str = "") -> Entry | None:
        """Return the entry for an indicator (see `_match`), once per name and id."""
        key = (name, indicator_id)
        if key not in self._found:
            self._found[key] = self._match(name, indicator_id)
        return self._found[key]

    def _match(self, name: str, indicator_id: str) -> Entry | None:
        """Return the entry for an indicator: by id, by its exact name, else by keywords.

        Keywords all have to appear in the name as whole words; the entry with the most
        letters of keywords wins ('nông thôn mới + tiêu chí' over 'nông thôn mới').
        """
        key = f" {fold(name)} "
        best: tuple[int, Entry | None] = (0, None)
        for entry in self.entries:
            if (
                indicator_id
                and entry.indicator_id
                and fold(entry.indicator_id) == fold(indicator_id)
            ):
                return entry
            if entry.name and fold(entry.name) == key.strip():
                return entry
            if entry.keywords and all(f" {k} " in key for k in entry.keywords):
                size = sum(len(k) for k in entry.keywords)
                if size > best[0]:
                    best = (size, entry)
        return best[1]


def _catalogue_rows(text: str) -> list[dict[str, str]]:
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{fold(k or ""): (v or "") for k, v in row.items()} for row in reader]


def _entries(rows: list[dict[str, str]], shown: str, *, first_row: int = 2) -> tuple[Entry, ...]:
    problems: list[Problem] = []
    entries = []
    for number, row in enumerate(rows, start=first_row):
        name = clean_text(row.get("chi tieu", "") or row.get("indicator", ""))
        code = clean_text(row.get("ma", "") or row.get("indicator_id", ""))
        words = clean_text(row.get("tu khoa", "") or row.get("keywords", ""))
        keywords = tuple(fold(w) for w in words.split("+") if fold(w))
        if not (name or code or keywords):
            continue
        kind: Kind | None = None
        direction: Direction | None = None
        raw_kind = row.get("loai", "") or row.get("kind", "")
        raw_direction = row.get("chieu", "") or row.get("direction", "")
        try:
            kind = parse_kind(raw_kind) if clean_text(raw_kind) else None
        except CellError as error:
            problems.append(Problem(shown, number, "Loại", clean_text(raw_kind), str(error)))
        try:
            direction = parse_direction(raw_direction) if clean_text(raw_direction) else None
        except CellError as error:
            problems.append(Problem(shown, number, "Chiều", clean_text(raw_direction), str(error)))
        entries.append(
            Entry(
                name=name,
                keywords=keywords,
                indicator_id=code,
                kind=kind,
                direction=direction,
                unit_of_measure=clean_text(row.get("dvt", "")),
                row=number,
            )
        )
    if problems:
        raise DataError(problems)
    return tuple(entries)


@functools.cache
def builtin_catalogue() -> Catalogue:
    """Return the built-in catalogue shipped with reportlib (``engine/data/catalogue.csv``)."""
    text = (resources.files("reportlib.engine") / "data" / BUILTIN_CATALOGUE).read_text(
        encoding="utf-8-sig"
    )
    return Catalogue("builtin", BUILTIN_CATALOGUE, _entries(_catalogue_rows(text), "catalogue"))


def load_catalogue(path: Path, shown: str) -> Catalogue:
    """Read a project's catalogue: a CSV or .xlsx with Chỉ tiêu (or Mã), Loại, Chiều, ĐVT.

    Raises
    ------
    DataError
        When the file cannot be read, has neither a 'Chỉ tiêu' nor a 'Mã' column, or has a
        Loại or Chiều it does not know (each naming the row).
    """
    if not path.is_file():
        raise DataError([Problem(shown, None, None, None, "the catalogue file does not exist")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from reportlib.engine.sheets import read_sheet

        sheet = read_sheet(path, shown)
        rows = [[clean_text(v) if v is not None else "" for v in row] for row in sheet.rows]
        if not rows:
            raise DataError([Problem(shown, None, None, None, "a header row; the file is empty")])
        header = [fold(h) for h in rows[0]]
        table = [dict(zip(header, r, strict=False)) for r in rows[1:]]
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise DataError([Problem(shown, None, None, None, "UTF-8 text")]) from None
        table = _catalogue_rows(text)
    if table and not ({"chi tieu", "ma", "indicator", "indicator_id"} & set(table[0])):
        raise DataError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    None,
                    "a column 'Chỉ tiêu' or 'Mã', with 'Loại' and 'Chiều' (and optionally 'ĐVT')",
                )
            ]
        )
    return Catalogue("catalogue", shown, _entries(table, shown))


@dataclass(frozen=True)
class Decided:
    """An indicator's kind and direction, with the source of each."""

    kind: Kind
    kind_source: Source
    direction: Direction
    direction_source: Source


def decide(
    name: str,
    indicator_id: str,
    target: Target | None,
    *,
    stated_kind: Kind | None,
    stated_direction: Direction | None,
    catalogue: Catalogue | None,
) -> Decided:
    """Decide kind and direction in the order of SPEC §3.2.

    Raises
    ------
    CellError
        When the target's wording contradicts the direction the table or the catalogue
        states ('dưới 1,8%' for an indicator whose Chiều is 'tăng'), or names a milestone
        ('Hoàn thành') for an indicator stated to be of another kind.
    """
    project = catalogue.match(name, indicator_id) if catalogue is not None else None
    builtin = builtin_catalogue().match(name, indicator_id)
    kind: Kind
    kind_source: Source
    if stated_kind is not None:
        kind, kind_source = stated_kind, "table"
    elif project is not None and project.kind is not None:
        kind, kind_source = project.kind, "catalogue"
    elif target is not None and target.form == "done":
        kind, kind_source = "milestone", "wording"
    elif builtin is not None and builtin.kind is not None:
        kind, kind_source = builtin.kind, "builtin"
    else:
        kind, kind_source = "level", "default"
    if target is not None and target.form == "done" and kind != "milestone":
        raise CellError(
            f"a target for a {kind} indicator; 'Hoàn thành' is the target of a milestone "
            f"(the {_from(kind_source)} says {kind})"
        )
    direction: Direction
    direction_source: Source
    wording = target.direction if target is not None else None
    if stated_direction is not None:
        direction, direction_source = stated_direction, "table"
    elif project is not None and project.direction is not None:
        direction, direction_source = project.direction, "catalogue"
    elif wording is not None:
        direction, direction_source = wording, "wording"
    elif builtin is not None and builtin.direction is not None and kind != "milestone":
        direction, direction_source = builtin.direction, "builtin"
    else:
        direction, direction_source = "higher", "default"
    if wording is not None and wording != direction and direction_source in ("table", "catalogue"):
        said = "lower is better" if wording == "lower" else "higher is better"
        raise CellError(
            f"a target that agrees with the direction; '{target.text if target else ''}' says "
            f"{said}, the {_from(direction_source)} says "
            f"{'tăng (higher is better)' if direction == 'higher' else 'giảm (lower is better)'}"
        )
    return Decided(kind, kind_source, direction, direction_source)


def _from(source: Source) -> str:
    return {"table": "table", "catalogue": "catalogue", "builtin": "built-in catalogue"}.get(
        source, source
    )
