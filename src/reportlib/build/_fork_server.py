"""Imported by the build's fork server, first of its preloads (`workers.PRELOAD`).

The fork server (multiprocessing's) outlives the build process by its own exit: it notices that
the build is gone, then tears down papermill, nbconvert and WeasyPrint, about 0.2 s, with the
build's stdout and stderr still open, so whoever reads the build's output (a CI log, a pipe)
waits for it. The server holds nothing that needs tearing down (its workers are processes of
their own, which always end through os._exit), so it ends at once.

The build starts the server with REPORTLIB_FORK_SERVER=1 in its environment: that, and not
where the import happens, says this process is the server. Any other process that imports
this module (a worker, a test) is left alone.

With REPORTLIB_PRELOAD_UNITS=1 as well (a build that writes .docx or .xlsx), the server loads
the official lists of units once (`reportlib.engine.unit_lists`, about 0,8 s), which
`prepare_report` looks each unit up in: every export worker forked from here has them.
"""

from __future__ import annotations

import atexit
import os

VARIABLE = "REPORTLIB_FORK_SERVER"
UNITS_VARIABLE = "REPORTLIB_PRELOAD_UNITS"

if os.environ.get(VARIABLE) == "1":
    os.environ.pop(VARIABLE)
    atexit.register(os._exit, 0)
    if os.environ.pop(UNITS_VARIABLE, "") == "1":
        try:
            from reportlib.engine import unit_lists

            unit_lists.current()
            unit_lists.legacy()
        except Exception:  # each report then loads them itself, and says what fails
            pass
