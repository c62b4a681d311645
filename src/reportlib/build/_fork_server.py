"""Imported by the build's fork server, first of its preloads (`worker.PRELOAD`), and nowhere else.

The fork server (multiprocessing's) outlives the build process by its own exit: it notices that
the build is gone, then tears down papermill, nbconvert and WeasyPrint, about 0.2 s, with the
build's stdout and stderr still open, so whoever reads the build's output (a CI log, a pipe)
waits for it. The server holds nothing that needs tearing down (its workers are processes of
their own, which always end through os._exit), so it ends at once.
"""

from __future__ import annotations

import atexit
import os
import sys


def _in_fork_server() -> bool:
    frame = sys._getframe()
    while frame is not None:
        if frame.f_globals.get("__name__") == "multiprocessing.forkserver":
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


if _in_fork_server():
    atexit.register(os._exit, 0)
