"""Where a build hands its kernels what its planner already read and resolved.

Planning reads every report's table and checks every unit against the official lists; a
kernel that did the same again would pay 0.1-0.7 s for it. The build writes what it read into
a private folder (mode 0700, removed when the build ends) and names it in this environment
variable, which only its own workers and kernels inherit: tables as pickles named by their
reading's key (`reportlib.engine.report`), the units it resolved as `units.pickle`
(`reportlib.engine.units`). Outside a build (JupyterLab, papermill) the variable is unset and
everything is read as usual; a missing or unreadable file in the folder means the same.
"""

from __future__ import annotations

import os
from pathlib import Path

HANDOFF_ENV = "REPORTLIB_TABLE_CACHE"


def handoff_folder() -> Path | None:
    """Return the folder this process's build hands over, or None outside a build."""
    folder = os.environ.get(HANDOFF_ENV)
    return Path(folder) if folder else None
