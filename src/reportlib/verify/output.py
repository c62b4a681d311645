"""Write a verification for a person (each claim quoted, with its place) or as JSON (SPEC §7)."""

from __future__ import annotations

from typing import Any

from reportlib.verify import messages
from reportlib.verify.check import Claim, Verification

# How many characters of a claim to quote before cutting it: a set can run over a paragraph.
QUOTE_LIMIT = 160


def as_text(verification: Verification, *, show_ok: bool = True) -> str:
    """Write the verification for a person: one block per claim, then a summary line.

    Parameters
    ----------
    verification
        What `reportlib.verify.check.verify` found.
    show_ok
        Whether to list the claims that agree with the table too (one line each).
    """
    from reportlib.i18n import gettext

    lines: list[str] = []
    note = gettext("note")
    for claim in verification.claims:
        if claim.status == "ok" and not show_ok:
            continue
        status = gettext(messages.STATUS_HEADINGS.get(claim.status, claim.status))
        lines.append(f'{claim.where}: {status}: "{_quote(claim.text)}"')
        detail = claim.reason
        if claim.indicator and claim.kind != "value":
            detail = f"{claim.indicator}: {detail}"
        lines.append(f"    {detail}")
    lines.extend(f"{note}: {text}" for text in verification.notes)
    lines.append(messages.summary(verification.draft, verification.counts()))
    return "\n".join(lines)


def as_json(verification: Verification) -> dict[str, Any]:
    """Return the object `reportlib verify --json` prints: ``{"claims": [...]}`` and notes."""
    return {
        "draft": verification.draft,
        "claims": [_claim_json(claim) for claim in verification.claims],
        "summary": verification.counts(),
        "notes": list(verification.notes),
    }


def _claim_json(claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {
        "text": claim.text,
        "where": claim.where,
        "status": claim.status,
        "expected": claim.expected,
        "kind": claim.kind,
        "reason": claim.reason,
    }
    optional = {
        "indicator": claim.indicator,
        "set": claim.set_number,
        "category": claim.category,
        "scope": claim.scope,
    }
    item.update((key, value) for key, value in optional.items() if value is not None)
    return item


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"
