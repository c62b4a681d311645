"""Show a build's progress: a bar on a terminal, one plain line per report otherwise (CI logs)."""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from typing import TextIO

from reportlib.i18n import format_fixed, format_number, gettext


# The words for a report's outcome, marked for the catalogue (translated where shown).
def _no_translation(message: str) -> str:
    return message


STATES = {
    "built": _no_translation("built"),
    "up to date": _no_translation("up to date"),
    "failed": _no_translation("failed"),
}


def _state_word(state: str) -> str:
    return gettext(STATES.get(state, state))


class Progress:
    """Count reports done and failed, and estimate the time left."""

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.failed = 0
        self.built = 0
        self.started = time.monotonic()
        self.terminal = self.stream.isatty() if enabled is None else enabled
        self._bar_shown = False

    def report(
        self, name: str, state: str, reason: str = "", duration: float | None = None
    ) -> None:
        """Note one report's outcome: 'built', 'up to date' or 'failed' (with its reason)."""
        self.done += 1
        if state == "failed":
            self.failed += 1
        elif state == "built":
            self.built += 1
        if self.terminal:
            self._clear_bar()
            if state == "failed":
                first = reason.splitlines()[0] if reason else ""
                label = gettext("FAILED")
                print(f"{label} {name}: {first}", file=self.stream)
            self._draw_bar()
        else:
            took = (
                gettext(" in {seconds} s").format(seconds=format_fixed(duration))
                if duration is not None
                else ""
            )
            line = f"[{self.done}/{self.total}] {_state_word(state)} {name}{took}"
            if state == "failed":
                line += ":\n  " + reason.replace("\n", "\n  ")
            print(line, file=self.stream, flush=True)

    def _clear_bar(self) -> None:
        if self._bar_shown:
            self.stream.write("\r\x1b[2K")
            self._bar_shown = False

    def _draw_bar(self) -> None:
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        elapsed = time.monotonic() - self.started
        left = ""
        if self.built and self.done < self.total:
            remaining = elapsed / self.done * (self.total - self.done)
            left = gettext(", about {seconds} s left").format(
                seconds=format_number(round(remaining))
            )
        counts = gettext("{done}/{total} done, {failed} failed").format(
            done=self.done, total=self.total, failed=self.failed
        )
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {counts}{left}")
        self.stream.flush()
        self._bar_shown = True

    def warn(self, message: str) -> None:
        """Say something the analyst should know that fails no report (once per message)."""
        self._clear_bar()
        label = gettext("warning")
        print(f"reportlib: {label}: {message}", file=self.stream, flush=True)
        if self.terminal:
            self._draw_bar()

    def finish(self, built: int, skipped: int, failed: Mapping[str, str]) -> None:
        """Print the closing line: built, up to date, failed, time taken."""
        self._clear_bar()
        elapsed = time.monotonic() - self.started
        summary = gettext("{built} built, {skipped} up to date, {failed} failed in {seconds} s")
        print(
            "reportlib: "
            + summary.format(
                built=format_number(built),
                skipped=format_number(skipped),
                failed=format_number(len(failed)),
                seconds=format_fixed(elapsed),
            ),
            file=self.stream,
        )
        for name, reason in failed.items():
            indented = reason.replace("\n", "\n    ")
            print(f"  {_state_word('failed')}: {name}: {indented}", file=self.stream)
