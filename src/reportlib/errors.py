"""Errors raised by reportlib, one class per stage.

The tree::

    ReportlibError
    ├── ParamsError        a params file is missing, unreadable, or has a bad key or value
    ├── DataError          an input table is unreadable or has bad cells (carries every Problem)
    ├── ExecutionError     a notebook failed, hung or lost its kernel while running
    │   └── KernelStartError   its kernel never came up (no line of the report ran)
    ├── ExportError        HTML or PDF conversion failed
    ├── DraftError         a draft given to `reportlib verify` cannot be read or is not Unicode
    ├── FactsError         the facts `reportlib verify` checks against (a status object) are bad
    └── UsageError         a reportlib function was given a name it does not know (a ValueError)

Every message names the bad value, where it came from and what was expected, so that the
command line can print it as it is, without a traceback; in a notebook, IPython shows it the
same way (`ReportlibError._render_traceback_`): the message alone, a few lines at most.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# How many lines of a message a notebook shows under the cell; the rest is counted.
NOTEBOOK_LINES = 8


class ReportlibError(Exception):
    """Root of every error reportlib raises on purpose."""

    def _render_traceback_(self) -> list[str]:
        """Return what IPython shows for this error instead of a traceback: the message alone.

        Our messages already say what is wrong, where and what was expected; the frames of
        reportlib's code would only push them out of sight. A long message (a table with
        many problems) is cut to a few lines, with the count of the others.
        """
        lines = str(self).splitlines() or [""]
        if len(lines) > NOTEBOOK_LINES:
            more = len(lines) - (NOTEBOOK_LINES - 1)
            lines = [*lines[: NOTEBOOK_LINES - 1], more_lines(more)]
        return [f"\x1b[1;31m{type(self).__name__}\x1b[0m: {lines[0]}", *lines[1:]]


def more_lines(count: int) -> str:
    """Say that ``count`` more lines are left out of a message shown in the notebook."""
    from reportlib.i18n import gettext

    return "  " + gettext("... and {count} more (reportlib check lists every one)").format(
        count=count
    )


class ParamsError(ReportlibError):
    """A params file cannot be used as it is."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input table.

    Parameters
    ----------
    file
        The table's path as the user gave it.
    row
        The row as the spreadsheet numbers it (header = 1), or None for a whole-file problem.
    column
        The column as written in the file, or None.
    value
        The offending cell text, or None.
    expected
        What was expected instead, in words.
    sheet
        The workbook's sheet, or None for a CSV file.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    sheet: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where)
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f": value {shown!r}"
        return f"{text}: {self.expected}"


class DataError(ReportlibError):
    """An input table has problems; all of them are carried in ``problems``."""

    def __init__(self, problems: Sequence[Problem] | Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input table"
        lines = [head + ":"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ExecutionError(ReportlibError):
    """A report notebook failed while it ran."""

    def __init__(self, message: str, *, cell: int | None = None, kind: str = "run") -> None:
        self.cell = cell
        # 'start': the kernel never came up, so no line of the report ran; 'run' otherwise.
        self.kind = kind
        super().__init__(message)


class KernelStartError(ExecutionError, RuntimeError):
    """A report's kernel never came up, so no line of the report ran: it may be retried.

    A RuntimeError too: nbclient cleans up a kernel whose readiness wait raises one.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="start")


class ExportError(ReportlibError):
    """A report could not be converted to HTML or PDF."""


class DraftError(ReportlibError):
    """A draft report given to ``reportlib verify`` cannot be read as Unicode text."""


class FactsError(ReportlibError):
    """The facts a draft is checked against (the object of ``reportlib status --json``) are bad."""


class UsageError(ReportlibError, ValueError):
    """A reportlib function was given a name it does not know (a report part, a chart).

    A ValueError too, as it was before it had its own class.
    """
