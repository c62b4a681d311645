"""outputs/manifest.json: one entry per report, rewritten atomically after each report.

The file (format 2)::

    {
      "format": 2,
      "reports": {
        "<name>": {                        # the params path under params/, without .yaml
          "name": str, "params": str,      # the params file, relative to the project
          "status": "ok" | "failed",
          "unit": str, "district": str,    # the unit as the table writes it (district: same)
          "province": str, "year": int, "period_months": int, "language": "vi" | "en",
          "unit_code": str, "unit_level": str,   # official code and level (SPEC §8)
          "province_code": str,                  # the official code of its province
          "key": str | null,               # cache key of the outputs held
          "inputs": {"notebook", "params", "data", "data_sha256", "rows_sha256": str},
          "counts": {"total": int, "period": {status: int}, "year_end": {status: int}},
          "duration_s": float, "built_at": "YYYY-MM-DDTHH:MM:SSZ",
          "warnings": [str],               # the report's notices and the kernel's warnings
          "error": str | null, "cell": int | null,
          "outputs": {"ipynb" | "html" | "pdf" | "docx" | "xlsx": {"path": str, "sha256": str}},
          "stale": bool,                   # failed, but the last good outputs are kept
          "pdf_font": str | null, "failed_notebook": str | null
        }
      }
    }

Format 1 (reportlib 0.1) named the unit 'district' and had no unit code or level; it is read
as format 2. A file of an unknown format, or not JSON, counts as empty: everything rebuilds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reportlib.build.atomic import write_text_atomic
from reportlib.build.records import ManifestEntry

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)


@dataclass
class Manifest:
    """Every report's last build: inputs, outputs and their hashes, counts, status, error."""

    reports: dict[str, ManifestEntry] = field(default_factory=dict)


def load_manifest(outputs: Path) -> Manifest:
    """Read the manifest; a missing or unreadable one counts as empty (everything rebuilds)."""
    path = outputs / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        return Manifest()
    reports = data.get("reports")
    if not isinstance(reports, dict):
        return Manifest()
    entries = {}
    for name, entry in reports.items():
        if isinstance(entry, dict):
            try:
                entries[str(name)] = ManifestEntry.from_json({"name": str(name), **entry})
            except (TypeError, ValueError):
                continue  # one damaged entry: that report rebuilds, the others stay
    return Manifest(reports=entries)


def save_manifest(outputs: Path, manifest: Manifest) -> None:
    """Write the manifest atomically, reports sorted by name."""
    write_text_atomic(outputs / MANIFEST_NAME, manifest_text(manifest))


# Each entry's text, by the entry object it was made from: a build saves the manifest after
# every report, and serializing a hundred unchanged entries again each time made a build of
# a province's 128 reports spend a second on it. Entries are never changed in place (a
# report's new result is a new entry), so an entry that is the same object has the same text.
_ENTRY_TEXT: dict[int, tuple[ManifestEntry, str]] = {}


def manifest_text(manifest: Manifest) -> str:
    """Return the manifest's JSON text: `json.dumps(..., indent=2)` of it, entry by entry."""
    parts = []
    known: dict[int, tuple[ManifestEntry, str]] = {}
    for name in sorted(manifest.reports):
        entry = manifest.reports[name]
        cached = _ENTRY_TEXT.get(id(entry))
        if cached is None or cached[0] is not entry:
            body = json.dumps(entry.to_json(), ensure_ascii=False, indent=2)
            cached = (entry, body.replace("\n", "\n    "))
        known[id(entry)] = cached
        parts.append(f"    {json.dumps(name, ensure_ascii=False)}: {cached[1]}")
    _ENTRY_TEXT.clear()
    _ENTRY_TEXT.update(known)  # only the entries of the manifest last written
    reports = "{\n" + ",\n".join(parts) + "\n  }" if parts else "{}"
    return f'{{\n  "format": {FORMAT_VERSION},\n  "reports": {reports}\n}}\n'
