"""Tie a province's report to its units' reports: links, cache key and build order.

A province's report (SPEC §6) shows its communes and wards side by side, each linked to its own
report. The build knows where those reports are: the units' jobs of this build, and the reports
an earlier build left in outputs/ (the manifest). So the province's job gets, as the notebook
parameter ``unit_reports``, the relative address of each unit's HTML, and its cache key takes in
the keys of those reports: when any unit's report changes, the province's is rebuilt. It is
built after its units (see `waves`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportlib.build.cache import cache_key
from reportlib.build.plan import relative
from reportlib.build.records import Job, ManifestEntry, UnitFacts

if TYPE_CHECKING:
    from reportlib.engine.params import ReportParams

COMMUNE_LEVELS = frozenset({"commune", "ward", "special_zone"})


def is_province(facts: UnitFacts) -> bool:
    """Tell whether a report is a province's (by the official list)."""
    return facts.unit_level == "province" and bool(facts.unit_code)


def _belongs(unit: UnitFacts, province: UnitFacts) -> bool:
    return (
        unit.unit_level in COMMUNE_LEVELS
        and unit.province_code == province.unit_code
        and unit.year == province.year
        and unit.period_months == province.period_months
    )


def _facts(entry: ManifestEntry) -> UnitFacts:
    return UnitFacts(
        unit=entry.unit,
        province=entry.province,
        year=entry.year or 0,
        period_months=entry.period_months or 0,
        language=entry.language,
        unit_code=entry.unit_code,
        unit_level=entry.unit_level,
        province_code=entry.province_code,
    )


def link(address: str, province_name: str) -> str:
    """Return the address of a report's HTML relative to the province report's HTML.

    >>> link("2026/dong-thap/xa-thap-muoi", "2026/dong-thap")
    'dong-thap/xa-thap-muoi.html'
    """
    return posixpath.relpath(f"{address}.html", posixpath.dirname(province_name) or ".")


def link_units(jobs: Sequence[Job], manifest: Iterable[ManifestEntry]) -> list[Job]:
    """Give each province's job the links to its units' reports, and a key that covers them.

    A unit's report is linked when this build plans it or an earlier build made it (its HTML
    is in the manifest); a planned job wins over the manifest's entry of the same name.
    """
    units: dict[str, tuple[UnitFacts, str]] = {}
    for entry in manifest:
        if entry.status == "ok" and "html" in entry.outputs and entry.key:
            units[entry.name] = (_facts(entry), entry.key)
    for job in jobs:
        units[job.name] = (job.facts, job.key)
    linked: list[Job] = []
    for job in jobs:
        if not is_province(job.facts):
            linked.append(job)
            continue
        mine = sorted(
            (name, facts, key)
            for name, (facts, key) in units.items()
            if name != job.name and _belongs(facts, job.facts)
        )
        if not mine:
            linked.append(job)
            continue
        addresses = {facts.unit: link(name, job.name) for name, facts, _ in mine}
        parameters = {**job.parameters, "unit_reports": addresses}
        key = cache_key({"report": job.key, "units": {name: key for name, _, key in mine}})
        linked.append(replace(job, parameters=parameters, key=key))
    return linked


def waves(jobs: Sequence[Job]) -> list[list[Job]]:
    """Split the jobs into the units' reports first and the provinces' reports after them."""
    first = [job for job in jobs if not is_province(job.facts)]
    second = [job for job in jobs if is_province(job.facts)]
    return [wave for wave in (first, second) if wave]


def group_by_province(files: Sequence[Path], root: Path) -> list[dict[str, object]]:
    """Group params files by the province they report on, for a CI matrix of one job per
    province (34 provinces stay under GitHub's 256 jobs): its units and its own report build
    together, so the province's report links them.

    A file is grouped by its ``province:`` key, else by its unit's province on the official
    list, else under 'khac' (other). Each group: ``name`` (an ASCII slug), ``province`` and
    ``paths`` (relative to the project, in build order).

    Raises
    ------
    ParamsError
        For a params file that cannot be read.
    """
    from reportlib.engine.params import load_params
    from reportlib.engine.text import fold

    groups: dict[str, dict[str, object]] = {}
    for path in files:
        shown = relative(path, root)
        params = load_params(path, display=shown)
        province = params.province or _official_province(params) or ""
        slug = "-".join(fold(province).split()) or "khac"
        group = groups.setdefault(slug, {"name": slug, "province": province, "paths": []})
        paths = group["paths"]
        assert isinstance(paths, list)
        paths.append(shown)
    return [groups[slug] for slug in sorted(groups)]


def _official_province(params: ReportParams) -> str | None:
    from reportlib.engine.report import official_unit
    from reportlib.errors import ParamsError

    try:
        info = official_unit(params)
    except ParamsError:
        return None
    if info is None:
        return None
    return info.province.split(" ", 1)[-1] if info.province.startswith("Tỉnh ") else info.province
