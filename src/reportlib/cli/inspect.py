"""``reportlib inspect TABLE``: show how the reader understood a table (the CLI side).

The reading comes from `reportlib.engine.inspect`; this module only lays it out, with rich on
a terminal (plain text when piped), or as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

_ROLE_STYLE = {
    "indicator": "bold",
    "group": "cyan",
    "subrow": "dim",
    "total": "dim",
    "footnote": "dim italic",
    "signature": "dim italic",
}


def _target(target: dict[str, Any]) -> str:
    form = target["form"]
    bounds = {
        "number": f"= {target['low']}",
        "range": f"{target['low']} .. {target['high']}",
        "at_least": f"≥ {target['low']}",
        "more_than": f"> {target['low']}",
        "at_most": f"≤ {target['high']}",
        "less_than": f"< {target['high']}",
        "done": "done",
        "relative": "relative to last year",
    }[form]
    extra = [x for x in (target["remark"], "about" if target["approximate"] else "") if x]
    return f"{bounds} ({form})" + (f"; {'; '.join(extra)}" if extra else "")


def run_inspect(
    table: str, *, sheet: str | None, params: str | None, as_json: bool, root: Path
) -> int:
    """Print how a table reads; return the exit status (1 when it has problems)."""
    from reportlib.engine.inspect import inspect_table
    from reportlib.engine.params import load_params
    from reportlib.engine.report import params_catalogue

    options: dict[str, Any] = {"sheet": sheet}
    if params:
        checked = load_params(params)
        options.update(
            sheet=sheet or checked.sheet,
            decimal=checked.decimal,
            unit=checked.unit,
            year=checked.year,
            catalogue=params_catalogue(checked, root),
            columns=checked.columns,
        )
    reading = inspect_table(Path(table), display=table, **options)
    if as_json:
        print(json.dumps(reading, ensure_ascii=False, indent=2))
    else:
        _show(reading)
    return 1 if reading["problems"] else 0


def _show(reading: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from reportlib.i18n import format_number, gettext, ngettext

    _ = gettext
    console = Console(highlight=False, soft_wrap=False)
    where = reading["file"] + (f", sheet '{reading['sheet']}'" if reading["sheet"] else "")
    shape = (
        _("long table")
        if reading["shape"] == "long"
        else _("office table (unit, year from params)")
    )
    console.print(f"[bold]{where}[/bold]: {shape}")
    title = reading["title"]
    if title["lines"]:
        named = [f"year {title['year']}"] if title["year"] else []
        named += [f"{title['period_months']} months"] if title["period_months"] else []
        named += [f"unit {u}" for u in title["units"]]
        console.print(
            f"title (rows {title['lines'][0]['row']}–{title['lines'][-1]['row']}): "
            + (", ".join(named) or "names no year, period or unit")
        )
    header = reading["header"]
    rows = header["rows"]
    numbers = f"; column numbers in row {header['numbers_row']}" if header["numbers_row"] else ""
    heading = _("header, rows {first}–{last}").format(first=rows[0], last=rows[-1])
    columns = Table(title=heading + numbers, title_justify="left")
    for name in (_("col"), _("header as written"), _("read as"), _("why not")):
        columns.add_column(name)
    for column in header["columns"]:
        columns.add_row(column["column"], column["header"], column["field"] or "–", column["note"])
    console.print(columns)
    roles = Table(title=_("rows below the header"), title_justify="left")
    for name in (_("row"), _("role"), "STT", _("text"), _("group")):
        roles.add_column(name)
    for row in reading["rows"]:
        style = _ROLE_STYLE.get(row["role"], "")
        roles.add_row(
            str(row["row"]), row["role"], row["stt"], row["text"][:60], row["group"], style=style
        )
    console.print(roles)
    indicators = Table(title=_("indicators"), title_justify="left")
    for name in (
        _("id"),
        _("indicator"),
        "ĐVT",
        _("target"),
        _("kind (source)"),
        _("direction (source)"),
    ):
        indicators.add_column(name)
    for item in reading["indicators"]:
        indicators.add_row(
            item["indicator_id"],
            item["indicator"][:48],
            item["unit_of_measure"],
            _target(item["target"]),
            f"{item['kind']} ({item['kind_source']})",
            f"{item['direction']} ({item['direction_source']})",
        )
    console.print(indicators)
    guesses = reading["guesses"]
    if guesses:
        console.print(
            f"{len(guesses)} guessed (no Loại/Chiều in the table or the catalogue): "
            "state them in the table or with the params key 'catalogue'"
        )
    for problem in reading["problems"]:
        label = _("problem")
        console.print(f"[red]{label}[/red]: {problem}", markup=True)
    if not reading["problems"]:
        count = len(reading["indicators"])
        console.print(
            ngettext(
                "{count} indicator, no problem", "{count} indicators, no problem", count
            ).format(count=format_number(count))
        )
    sys.stdout.flush()
