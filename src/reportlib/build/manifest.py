"""outputs/manifest.json: one entry per report, rewritten atomically after each report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.build.atomic import write_text_atomic

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1


@dataclass
class Manifest:
    """Every report's last build: inputs, outputs and their hashes, counts, status, error."""

    reports: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_manifest(outputs: Path) -> Manifest:
    """Read the manifest; a missing or unreadable one counts as empty (everything rebuilds)."""
    path = outputs / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        return Manifest()
    reports = data.get("reports")
    if not isinstance(reports, dict):
        return Manifest()
    return Manifest(reports={str(k): v for k, v in reports.items() if isinstance(v, dict)})


def save_manifest(outputs: Path, manifest: Manifest) -> None:
    """Write the manifest atomically, reports sorted by name."""
    data = {
        "format": FORMAT_VERSION,
        "reports": {name: manifest.reports[name] for name in sorted(manifest.reports)},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    write_text_atomic(outputs / MANIFEST_NAME, text)
