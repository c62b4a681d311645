"""Keep two builds off the same outputs folder at once.

The lock is an advisory ``flock`` on outputs/.reportlib.build.lock, held for the whole build: the
kernel drops it when the process ends, however it ends, so a killed build never leaves a
stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from reportlib.errors import ParamsError

LOCK_NAME = ".reportlib.build.lock"


class OutputsLock:
    """An exclusive lock on an outputs folder; waits up to ``wait`` seconds, then refuses."""

    def __init__(self, outputs: Path, *, wait: float = 0.0) -> None:
        self.path = outputs / LOCK_NAME
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> OutputsLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    who = f" (process {holder})" if holder else ""
                    raise ParamsError(
                        f"{self.path.parent}: another reportlib build is running on this "
                        f"outputs folder{who}; wait for it to finish, or use --outputs "
                        "for another folder"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
