"""Say where a report came from: input hashes, params, package version, source revision."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from reportlib.version import __version__

# Names the revision instead of asking git: for an exported tree without git, and set by a
# build for its kernels (one git call a build, not one a report).
REVISION_ENV = "REPORTLIB_REVISION"

if TYPE_CHECKING:
    from reportlib.engine.report import Report


def params_digest(parameters: dict[str, object]) -> str:
    """Return a SHA-256 of the parameters in canonical JSON: same values, same digest."""
    canonical = json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def source_revision(root: Path) -> str:
    """Return the project's git revision (with '+dirty' for uncommitted changes), or 'unknown'.

    $REPORTLIB_REVISION wins, for builds from an exported tree without git.
    """
    configured = os.environ.get(REVISION_ENV)
    if configured:
        return configured
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return revision or "unknown"


def provenance(report: Report) -> dict[str, str]:
    """Return the provenance facts of a report, each as text."""
    from reportlib.engine.params import project_root

    parameters = report.params.as_parameters()
    return {
        "data": report.table_path,
        "data_sha256": report.rows_sha256,
        "params_sha256": params_digest(parameters),
        "params_summary": (
            f"unit={report.params.unit}; year={report.params.year}; "
            f"period_months={report.params.period_months}; language={report.params.language}"
        ),
        "version": __version__,
        "revision": source_revision(project_root()),
    }
