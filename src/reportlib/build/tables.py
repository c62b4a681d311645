"""Hand the tables a build's planner read to its kernels (see `TableHandoff`)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reportlib.build.kernels.sockets import TABLES_PREFIX


class TableHandoff:
    """Hand the tables the planner read, the units it resolved and the project's git
    revision to the kernels.

    Planning reads every report's table (a province's 3,500-row table takes 0.6 s) and checks
    its unit against the official lists (0.7 s to load them); the kernels find those readings
    and units in a private folder named by REPORTLIB_TABLE_CACHE (set for the workers and
    kernels of this build only) and load them in a few milliseconds
    (`reportlib.engine.handoff`).
    """

    def __init__(self, root: Path | None = None) -> None:
        import tempfile

        from reportlib.engine.provenance import REVISION_ENV, source_revision
        from reportlib.engine.report import TABLE_CACHE_ENV

        self.previous = {name: os.environ.get(name) for name in (TABLE_CACHE_ENV, REVISION_ENV)}
        # mode 0700; named like the socket folder, so the next build sweeps it if this one dies
        self.folder = Path(tempfile.mkdtemp(prefix=f"{TABLES_PREFIX}{os.getpid()}-"))
        os.environ[TABLE_CACHE_ENV] = str(self.folder)
        if root is not None and not os.environ.get(REVISION_ENV):
            # Each report's provenance names the project's git revision: asked once here, not
            # by a git process in every kernel (10-20 ms of each report's kernel time).
            os.environ[REVISION_ENV] = source_revision(root)

    def export(self) -> None:
        from reportlib.engine.report import export_tables
        from reportlib.engine.units import export_resolved

        with contextlib.suppress(OSError):  # a full disk: the kernels read their tables
            export_tables(self.folder)
            export_resolved(self.folder)

    def close(self) -> None:
        import shutil

        for name, value in self.previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(self.folder, ignore_errors=True)
