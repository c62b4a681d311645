"""Check a report written by hand against its own parts and against the table (`reportlib verify`).

The stages, one module each: `drafts` reads a .docx, .pdf, .txt or .md into placed
paragraphs; `sentences` groups them into sentences and tells each claim's scope; `claims`
finds the count claims and their sets, `figures` the figures tied to an indicator; `facts`
holds what the table says, `check` compares, `output` writes the result; `messages` keeps
every sentence said to a person. `adapter` is the one door to the engine's Report.

This layer imports `reportlib.errors` and `reportlib.engine` only.
"""

from __future__ import annotations

from reportlib.verify.check import Claim, Verification, verify
from reportlib.verify.facts import Facts, IndicatorFacts, facts_from_mapping
from reportlib.verify.output import as_json, as_text

__all__ = [
    "Claim",
    "Facts",
    "IndicatorFacts",
    "Verification",
    "as_json",
    "as_text",
    "facts_from_mapping",
    "verify",
]
