"""Show a report's notices to the analyst in the notebook, and keep them out of the report.

A notice is what the reader had to say about the table that fails nothing: a unit matched
only ignoring accents, a cùng kỳ that disagrees with last year's row, a guessed direction.
The analyst sees them under the cell in JupyterLab; the build log and the manifest record
them; the filed report (HTML, PDF, Word) leaves them out, by the output's metadata.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlib.engine.report import Report

ROLE = "notice"
_TITLE = {
    "vi": "reportlib: lưu ý cho người lập báo cáo (không in trong báo cáo)",
    "en": "reportlib: notes for the analyst (not printed in the report)",
}


class Notices:
    """The notices of a report, displayed with the metadata that keeps them out of it."""

    def __init__(self, notices: tuple[str, ...], language: str = "vi") -> None:
        self.notices = notices
        self.language = language

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        if not self.notices:
            return {"text/plain": ""}, {"reportlib": {"role": ROLE}}
        title = _TITLE.get(self.language, _TITLE["en"])
        text = "\n".join([title, *self.notices])
        items = "".join(f"<li>{html.escape(n)}</li>" for n in self.notices)
        markup = f'<div class="reportlib-notices"><p>{html.escape(title)}</p><ul>{items}</ul></div>'
        return {"text/plain": text, "text/html": markup}, {"reportlib": {"role": ROLE}}

    def __repr__(self) -> str:
        return f"<reportlib.Notices: {len(self.notices)}>"


def notices(report: Report) -> Notices:
    """Return the report's notices for display in the notebook (never in the report)."""
    return Notices(report.notices, report.params.language)
