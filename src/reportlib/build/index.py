"""outputs/index.html: every report with its counts, links, build time and failures.

One self-contained page: inline style and script, no request to any other server (a
Content-Security-Policy forbids it), every value from the manifest escaped. Reports are
grouped by province and level; sorting (within each province) and filtering by year,
province, level, unit and status run in the page.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlib.build.atomic import write_text_atomic
from reportlib.build.manifest import Manifest
from reportlib.render.formatting import format_number, period_label, status_label

INDEX_NAME = "index.html"
_ORDER = ("exceeded", "met", "not_met", "in_progress", "no_data")
#: The levels of SPEC §8 in the order a province lists them, with the index's words.
LEVELS = (
    ("province", "Tỉnh, thành phố"),
    ("commune", "Xã"),
    ("ward", "Phường"),
    ("special_zone", "Đặc khu"),
    ("district", "Huyện (trước 01/7/2025)"),
    ("", "Khác"),
)
_LEVEL_ORDER = {level: n for n, (level, _) in enumerate(LEVELS)}
_COUNTED = {
    "province": "tỉnh",
    "commune": "xã",
    "ward": "phường",
    "special_zone": "đặc khu",
    "district": "huyện",
}
#: Vietnam's time (UTC+7 all year): when a report was built, as its readers read the clock.
_VIETNAM = dt.timezone(dt.timedelta(hours=7))


def local_time(stamp: str) -> str:
    """'2026-12-02T16:34:07Z' -> '02/12/2026 23:34' (Vietnam's time); '' for none."""
    try:
        when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return stamp
    return when.astimezone(_VIETNAM).strftime("%d/%m/%Y %H:%M")


_LEVEL_LABEL = dict(LEVELS)


@functools.cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reportlib.build", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("index.html.j2")


def index_rows(manifest: Manifest) -> list[dict[str, Any]]:
    """Return one row per report, in name order, with what the index shows."""
    rows = []
    for name in sorted(manifest.reports):
        entry = manifest.reports[name]
        counts = entry.counts or {}
        period = counts.get("period") or {}
        total = counts.get("total") or 0
        segments = [
            {
                "status": status,
                "label": status_label(status, "vi"),
                "count": int(period.get(status, 0)),
                "width": (100 * int(period.get(status, 0)) / total) if total else 0,
            }
            for status in _ORDER
        ]
        year = entry.year
        months = entry.period_months
        outputs = entry.outputs
        status = entry.status
        rows.append(
            {
                "name": name,
                "district": entry.unit,
                "unit": entry.unit,
                "province": entry.province,
                "level": entry.unit_level,
                "level_label": _LEVEL_LABEL.get(entry.unit_level, _LEVEL_LABEL[""]),
                "code": entry.unit_code,
                "year": year if year is not None else "",
                "period": period_label(int(months), int(year), "vi") if year and months else "",
                "period_months": months or 0,
                "status": "stale" if status == "failed" and entry.stale else status,
                "error": entry.error or "",
                "total": total,
                "met": int(period.get("met", 0)) + int(period.get("exceeded", 0)),
                "segments": segments,
                "summary": ", ".join(
                    f"{status_label(s, 'vi')}: {int(period.get(s, 0))}"
                    for s in _ORDER
                    if period.get(s)
                ),
                "links": {
                    fmt: outputs[fmt].path
                    for fmt in ("html", "pdf", "docx", "xlsx", "ipynb")
                    if fmt in outputs and outputs[fmt].path
                },
                "failed_notebook": entry.failed_notebook or "",
                "built_at": entry.built_at,
                "built_local": local_time(entry.built_at),
                "duration": entry.duration_s,
                "duration_text": f"{format_number(Decimal(str(entry.duration_s)), 'vi', 1)} giây",
            }
        )
    return rows


def index_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group the rows by province (by name), each group by level, then year (newest first)
    and unit; a group says how many reports of each level it holds."""
    from reportlib.engine.text import fold

    by_province: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_province.setdefault(row["province"], []).append(row)
    groups = []
    for province in sorted(by_province, key=lambda p: (p == "", fold(p))):
        mine = sorted(
            by_province[province],
            key=lambda r: (
                _LEVEL_ORDER.get(r["level"], len(LEVELS)),
                -int(r["year"] or 0),
                fold(r["district"] or r["name"]),
                r["name"],
            ),
        )
        counts = [
            f"{sum(1 for r in mine if r['level'] == level)} {_COUNTED[level]}"
            for level, _ in LEVELS
            if level and any(r["level"] == level for r in mine)
        ]
        groups.append({"province": province, "rows": mine, "levels": ", ".join(counts)})
    return groups


def render_index(manifest: Manifest) -> str:
    """Return the index page's HTML."""
    rows = index_rows(manifest)
    years = sorted({str(r["year"]) for r in rows if r["year"] != ""}, reverse=True)
    districts = sorted({r["district"] for r in rows if r["district"]})
    present = {r["level"] for r in rows}
    levels = [(value, label) for value, label in LEVELS if value in present]
    return str(
        _template().render(
            groups=index_groups(rows), years=years, districts=districts, levels=levels
        )
    )


def write_index(outputs: Path, manifest: Manifest) -> Path:
    """Write outputs/index.html atomically and return its path."""
    path = outputs / INDEX_NAME
    write_text_atomic(path, render_index(manifest))
    return path


def merge_outputs(parts: list[Path], outputs: Path) -> Manifest:
    """Gather reports built elsewhere (one outputs folder per CI job) into one outputs folder.

    Each part's output files are copied under ``outputs`` at the same relative paths and its
    manifest entries merged in (a later part wins for the same report); then the manifest
    and the index page are written.

    Raises
    ------
    ParamsError
        When a part is not a folder with a manifest.json.
    """
    import shutil

    from reportlib.build.manifest import MANIFEST_NAME, load_manifest, save_manifest
    from reportlib.errors import ParamsError

    merged = load_manifest(outputs)
    for part in parts:
        if not (part / MANIFEST_NAME).is_file():
            raise ParamsError(f"{part}: not an outputs folder (no {MANIFEST_NAME})")
        manifest = load_manifest(part)
        for name, entry in manifest.reports.items():
            files = [item.path for item in entry.outputs.values()]
            if entry.failed_notebook:
                files.append(entry.failed_notebook)
            for item in files:
                source = (part / item).resolve()
                target = (outputs / item).resolve()
                if not source.is_relative_to(part.resolve()) or not target.is_relative_to(
                    outputs.resolve()
                ):
                    raise ParamsError(f"{part}: report {name} names a file outside its folder")
                if source.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
            merged.reports[name] = entry
    outputs.mkdir(parents=True, exist_ok=True)
    save_manifest(outputs, merged)
    write_index(outputs, merged)
    return merged
