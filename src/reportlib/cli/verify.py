"""`reportlib verify DRAFT [--params P] [--json]`: check a report written by hand.

Exit status: 0 when no claim is wrong or inconsistent, 1 when one is, 2 when the draft or the
params cannot be used (no such file, a suffix verify does not read, a legacy-font draft, a bad
params file or table): then one line on stderr says why, and nothing was judged.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from reportlib.errors import ReportlibError

if TYPE_CHECKING:
    from reportlib.verify import Facts

EXIT_OK, EXIT_WRONG, EXIT_USAGE = 0, 1, 2


def run_verify(draft: Path, params: Path | None, as_json: bool, root: Path) -> int:
    """Check a draft, print the result, and return the exit status.

    Parameters
    ----------
    draft
        The draft: .docx, .pdf, .txt or .md.
    params
        The params file of the report the draft is about; without it only the sets of counts
        are checked against their own totals.
    as_json
        Print the JSON of SPEC §7 instead of the text for a person.
    root
        The project root, against which the params file's table is found.
    """
    from reportlib.verify import as_json as verification_json
    from reportlib.verify import as_text, verify
    from reportlib.verify.drafts import check_path

    try:
        check_path(draft)  # a bad draft is named before the table is read
        facts = _facts(params, root) if params is not None else None
        verification = verify(draft, facts)
    except ReportlibError as error:
        print(f"reportlib: {error}", file=sys.stderr)
        return EXIT_USAGE
    if as_json:
        print(json.dumps(verification_json(verification), ensure_ascii=False, indent=2))
    else:
        print(as_text(verification))
    return EXIT_OK if verification.ok else EXIT_WRONG


def _facts(params: Path, root: Path) -> Facts:
    """Prepare the report of a params file and read its facts, warnings on stderr."""
    from reportlib.engine.params import load_params
    from reportlib.engine.report import prepare_report

    # The status object is the render layer's: imported here, so verify/ never imports render.
    from reportlib.render.summary import status_json
    from reportlib.verify.adapter import facts_from_report

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = prepare_report(load_params(params), root=root)
    for warning in caught:
        print(f"reportlib: warning: {warning.message}", file=sys.stderr)
    return facts_from_report(report, status_json)
