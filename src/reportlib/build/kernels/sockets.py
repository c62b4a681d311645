"""Where a build's Unix sockets live: a folder of its own, removed when the build ends.

The kernel template's socket and every kernel's five sockets go into one temporary folder,
'reportlib-build-<pid>-<random>', so a build leaves nothing behind in the temporary directory.
A build that was killed cannot remove its folder; the next build on the machine removes every
such folder whose build process is gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "reportlib-build-"
#: The other per-build folders named '<prefix><pid>-<random>' (build/tables.py), swept alike.
TABLES_PREFIX = "reportlib-tables-"
OTHER_PREFIXES = (TABLES_PREFIX,)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive, and not ours to clean
    return True


def remove_stale() -> list[Path]:
    """Remove the folders of builds that are no longer running; return them.

    Every build calls it when it starts, whether or not it starts kernels: a killed build's
    folders go with the next build, even one that finds every report up to date.
    """
    removed = []
    for prefix in (PREFIX, *OTHER_PREFIXES):
        for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
            pid = folder.name[len(prefix) :].split("-", 1)[0]
            if folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def make_folder() -> Path:
    """Create this build's socket folder (after removing those of dead builds)."""
    remove_stale()
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


def remove_folder(folder: Path) -> None:
    """Remove a build's socket folder and whatever is left in it."""
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)
