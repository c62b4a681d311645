"""The records a build passes between its processes and keeps in outputs/manifest.json.

A `Job` goes from the planner to the workers; a `WorkerResult` comes back; a `ManifestEntry`
is what the manifest keeps of each report. Each is a dataclass with a fixed set of fields;
`ManifestEntry.to_json` / `from_json` are the one place the manifest's format is written down
(see `reportlib.build.manifest` for the file and its versions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Status = Literal["ok", "failed"]


@dataclass(frozen=True)
class OutputFile:
    """One output file of a report: its path under outputs/ and the SHA-256 of its bytes."""

    path: str
    sha256: str


@dataclass(frozen=True)
class UnitFacts:
    """What the manifest and the index say of the report's unit and period."""

    unit: str
    province: str
    year: int
    period_months: int
    language: str
    unit_code: str = ""
    unit_level: str = ""
    province_code: str = ""


@dataclass(frozen=True)
class Job:
    """One report to build: its params, its cache key and what the manifest records of it."""

    name: str
    params_file: str
    parameters: dict[str, Any]
    language: str
    title: str
    key: str
    inputs: dict[str, str]
    counts: dict[str, Any]
    facts: UnitFacts
    notices: tuple[str, ...] = ()
    formats: tuple[str, ...] = ("html", "pdf")  # what to write besides the notebook


@dataclass(frozen=True)
class Executed:
    """A report that ran: where its executed notebook waits, and its HTML."""

    started: float
    running: str
    html: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkerResult:
    """What a worker says of one report: built (with its files) or failed (with why)."""

    ok: bool
    duration_s: float
    error: str | None = None
    cell: int | None = None
    failed_notebook: str | None = None
    outputs: dict[str, OutputFile] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    pdf_font: str | None = None

    @classmethod
    def failure(
        cls,
        error: str,
        duration_s: float,
        *,
        cell: int | None = None,
        failed_notebook: str | None = None,
        warnings: tuple[str, ...] = (),
    ) -> WorkerResult:
        """Return the result of a report that failed."""
        return cls(
            ok=False,
            duration_s=duration_s,
            error=error,
            cell=cell,
            failed_notebook=failed_notebook,
            warnings=warnings,
        )


@dataclass
class ManifestEntry:
    """What outputs/manifest.json keeps of one report's last build.

    ``status`` is 'ok' or 'failed'; a failed report keeps its last good ``outputs``, marked
    ``stale``. ``key`` is the cache key of the outputs it has. ``district`` repeats ``unit``
    for readers written before 2026.
    """

    name: str
    params: str
    status: Status
    unit: str = ""
    province: str = ""
    year: int | None = None
    period_months: int | None = None
    language: str = "vi"
    unit_code: str = ""
    unit_level: str = ""
    province_code: str = ""
    key: str | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    counts: dict[str, Any] | None = None
    duration_s: float = 0.0
    built_at: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    cell: int | None = None
    outputs: dict[str, OutputFile] = field(default_factory=dict)
    stale: bool = False
    pdf_font: str | None = None
    failed_notebook: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the entry as the manifest writes it (format 2)."""
        data = asdict(self)
        data["district"] = self.unit
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ManifestEntry:
        """Read an entry of format 2, or of format 1 (which named the unit 'district')."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if not values.get("unit") and data.get("district"):
            values["unit"] = str(data["district"])
        values["outputs"] = {
            fmt: OutputFile(str(item.get("path", "")), str(item.get("sha256", "")))
            for fmt, item in (data.get("outputs") or {}).items()
            if isinstance(item, Mapping)
        }
        values["warnings"] = [str(w) for w in data.get("warnings") or []]
        values["inputs"] = {str(k): str(v) for k, v in (data.get("inputs") or {}).items()}
        if values.get("status") not in ("ok", "failed"):
            values["status"] = "failed"
        values.setdefault("name", "")
        values.setdefault("params", "")
        return cls(**values)
