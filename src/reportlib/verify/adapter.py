"""Turn a built report's state (the engine's `Report`) into the facts a draft is checked against.

This is the only module of verify that knows reportlib's `Report`; when the Report changes,
this module changes and nothing else in verify does. It goes through the status object of
SPEC §7 (``reportlib status --json``), the stable contract. That object is written by the
render layer, which verify may not import, so the caller passes the function that writes it
(the command line passes ``reportlib.render.summary.status_json``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from reportlib.verify.facts import Facts, facts_from_mapping

if TYPE_CHECKING:
    from reportlib.engine.report import Report


def facts_from_report(report: Report, status: Callable[[Report], Mapping[str, Any]]) -> Facts:
    """Return the facts of a report, read through its status object.

    Parameters
    ----------
    report
        The report prepared from a params file (`reportlib.engine.report.prepare_report`).
    status
        The function that writes the report's status object (SPEC §7).
    """
    return facts_from_mapping(status(report))
