"""What the manifest records of each report's build: its result, or why it failed."""

from __future__ import annotations

import time
from dataclasses import replace

from reportlib.build.manifest import Manifest
from reportlib.build.records import Job, ManifestEntry, WorkerResult
from reportlib.errors import ReportlibError


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def record_result(manifest: Manifest, job: Job, result: WorkerResult) -> None:
    """Record a report's result: a failure keeps the last good outputs, marked stale."""
    previous = manifest.reports.get(job.name)
    facts = job.facts
    entry = ManifestEntry(
        name=job.name,
        params=job.params_file,
        status="ok" if result.ok else "failed",
        unit=facts.unit,
        province=facts.province,
        year=facts.year,
        period_months=facts.period_months,
        language=facts.language,
        unit_code=facts.unit_code,
        unit_level=facts.unit_level,
        province_code=facts.province_code,
        key=job.key if result.ok else (previous.key if previous else None),
        inputs=dict(job.inputs),
        counts=job.counts,
        duration_s=round(result.duration_s, 3),
        built_at=_now(),
        warnings=list(dict.fromkeys((*job.notices, *result.warnings))),
        pdf_font=result.pdf_font,
    )
    if result.ok:
        entry = replace(entry, outputs=dict(result.outputs))
    else:
        kept = previous.outputs if previous is not None else {}
        entry = replace(
            entry,
            error=result.error,
            cell=result.cell,
            outputs=dict(kept),
            stale=bool(kept),
            failed_notebook=result.failed_notebook,
            counts=previous.counts
            if previous is not None and previous.status == "ok"
            else job.counts,
        )
    manifest.reports[job.name] = entry


def record_failure(manifest: Manifest, name: str, params_file: str, error: ReportlibError) -> None:
    """Record a report that failed before it ran (bad params or rows), keeping its outputs."""
    previous = manifest.reports.get(name)
    kept = previous.outputs if previous is not None else {}
    manifest.reports[name] = ManifestEntry(
        name=name,
        params=params_file,
        status="failed",
        unit=previous.unit if previous else "",
        province=previous.province if previous else "",
        year=previous.year if previous else None,
        period_months=previous.period_months if previous else None,
        unit_code=previous.unit_code if previous else "",
        unit_level=previous.unit_level if previous else "",
        province_code=previous.province_code if previous else "",
        error=str(error),
        key=previous.key if previous else None,
        outputs=dict(kept),
        stale=bool(kept),
        counts=previous.counts if previous else None,
        built_at=_now(),
    )
