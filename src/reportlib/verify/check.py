"""Check a draft's claims against its own parts and against the table's facts.

Every claim found becomes one `Claim`, whose status is:

- ``inconsistent``: a set of counts whose parts do not add up to its total (5 + 1 + 6 = 12 of
  11); this needs no table;
- ``wrong``: the table says otherwise, and ``expected`` says what;
- ``ok``: the table says the same, after rounding the table's figure to the decimals the draft
  wrote, half up;
- ``unchecked``: no table given, or the claim speaks of something the table does not hold (a
  set of another total, another period or year, units rather than indicators, an indicator the
  table does not name).

'đạt và vượt' counts met and exceeded together. The facts are `Facts` (see
`reportlib.verify.facts`), read from the status object of SPEC §7.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from reportlib.verify import messages
from reportlib.verify._text import fold
from reportlib.verify.claims import CountClaim, CountSet, find_counts, group_sets
from reportlib.verify.drafts import read_draft
from reportlib.verify.facts import Facts, IndicatorFacts, facts_from_mapping
from reportlib.verify.figures import FigureClaim, Quantity, find_figures
from reportlib.verify.numbers import format_vi, round_half_up
from reportlib.verify.sentences import ScopeMark, split_sentences

__all__ = ["Claim", "Facts", "IndicatorFacts", "Verification", "facts_from_mapping", "verify"]

Status = Literal["ok", "wrong", "inconsistent", "unchecked"]
Kind = Literal["count", "count_set", "value", "percent_of_plan", "change"]
STATUSES: tuple[Status, ...] = ("wrong", "inconsistent", "unchecked", "ok")


@dataclass(frozen=True)
class Claim:
    """One claim of the draft and what the check found.

    Parameters
    ----------
    text
        The claim as written: a count ('không đạt 01/11 chỉ tiêu'), a set of counts, a figure
        ('Thu ngân sách nhà nước trên địa bàn đạt 285,6 tỷ đồng') or a comparison ('bằng 68%
        kế hoạch').
    where
        Its place in the draft: 'paragraph 3', 'table 1, row 2', 'page 1'.
    kind
        count, count_set, value, percent_of_plan or change.
    status
        ok, wrong, inconsistent or unchecked.
    expected
        What the table says, written as the draft would write it; None when not known.
    reason
        In words: what is wrong, what the table says, or why it was not checked.
    indicator
        For a figure: the table's name of its indicator (or the name as written).
    set_number
        For a count: the set it belongs to, numbered from 1 in the draft.
    category
        For a count: met_or_exceeded, exceeded, met, not_met, in_progress, no_data or
        total_only.
    scope
        'period' or 'year_end' as the draft's words say, None when they do not.
    """

    text: str
    where: str
    kind: Kind
    status: Status
    expected: str | None
    reason: str
    indicator: str | None = None
    set_number: int | None = None
    category: str | None = None
    scope: str | None = None


@dataclass(frozen=True)
class Verification:
    """Every claim of one draft, in the order written, and notes on how it was read."""

    draft: str
    claims: tuple[Claim, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no claim is wrong or inconsistent."""
        return not any(c.status in ("wrong", "inconsistent") for c in self.claims)

    def counts(self) -> dict[str, int]:
        """Return the number of claims per status."""
        return {status: sum(c.status == status for c in self.claims) for status in STATUSES}


def verify(path: Path, facts: Facts | None = None, *, display: str | None = None) -> Verification:
    """Read a draft, find its count and figure claims, and check them.

    Parameters
    ----------
    path
        The draft: .docx, .pdf, .txt or .md.
    facts
        The table's facts; without them only the sets' own sums are checked.
    display
        How to name the draft in messages (default: the path as given).

    Raises
    ------
    DraftError
        When the draft cannot be read, or is typed in a legacy font.
    """
    draft = read_draft(path, display=display)
    sentences = split_sentences(draft.paragraphs)
    sets = group_sets(find_counts(sentences))
    names = [i.name for i in facts.indicators] if facts is not None else []
    figures = find_figures(sentences, names)
    ordered: list[tuple[tuple[int, int, int], Claim]] = []
    others = _other_totals(sets, facts)
    for count_set in sets:
        first = count_set.claims[0]
        if count_set.judged:
            key = (first.sentence.number, first.offset, 0)
            ordered.append((key, _set_claim(count_set)))
        for claim in count_set.claims:
            key = (claim.sentence.number, claim.offset, 1)
            ordered.append((key, _count_claim(claim, count_set, facts, others)))
    for figure in figures:
        for quantity in figure.quantities:
            key = (figure.sentence.number, quantity.offset, 1)
            ordered.append((key, _figure_claim(figure, quantity, facts)))
    notes = [messages.skipped(s.where, s.encoding) for s in draft.skipped]
    if facts is not None:
        notes.append(messages.checked_against(facts.unit, facts.year, facts.period_months))
    claims = tuple(claim for _, claim in sorted(ordered, key=lambda item: item[0]))
    return Verification(draft=draft.path, claims=claims, notes=tuple(notes))


def _other_totals(sets: Sequence[CountSet], facts: Facts | None) -> bool:
    """Tell whether the draft counts sets of indicators of another total than the table's."""
    if facts is None:
        return False
    return any(
        s.total is not None and s.total != facts.total
        for s in sets
        if s.claims[0].subject == "indicators"
    )


def _set_claim(count_set: CountSet) -> Claim:
    """Judge a set on its own: do its parts add up to its total?"""
    first, last = count_set.claims[0], count_set.claims[-1]
    text = first.sentence.text[first.offset : last.offset + len(last.text)]
    assert count_set.total is not None  # a judged set has a total
    counted = [c.count_text for c in count_set.summed]
    reason = messages.set_sum(counted, count_set.total, count_set.parts_sum)
    return Claim(
        text=text,
        where=first.where,
        kind="count_set",
        status="inconsistent" if count_set.inconsistent else "ok",
        expected=None,
        reason=reason,
        set_number=count_set.number,
    )


def _count_claim(
    claim: CountClaim, count_set: CountSet, facts: Facts | None, other_totals: bool
) -> Claim:
    """Check one count against the table's counts."""

    def result(status: Status, reason: str, expected: str | None = None) -> Claim:
        return Claim(
            text=claim.text,
            where=claim.where,
            kind="count",
            status=status,
            expected=expected,
            reason=reason,
            set_number=count_set.number,
            category=claim.category,
            scope=claim.scope.scope,
        )

    if facts is None:
        return result("unchecked", messages.NO_FACTS)
    if claim.subject == "units":
        return result("unchecked", messages.UNITS_NOT_CHECKED)
    scope = _scope(claim.scope, facts)
    if scope not in ("period", "year_end"):
        return result("unchecked", scope)
    if count_set.total is not None and count_set.total != facts.total:
        return result("unchecked", messages.different_set(count_set.total, facts.total))
    if count_set.total is None and other_totals:
        return result("unchecked", messages.NO_TOTAL_AMONG_OTHERS)
    counts = facts.period_counts if scope == "period" else facts.year_end_counts
    if claim.category == "total_only":
        number = facts.total
    elif claim.category == "met_or_exceeded":
        number = counts["met"] + counts["exceeded"]
    else:
        number = counts[claim.category]
    expected = number_as_written(number, claim.count_text)
    if claim.total is not None:
        expected += f"/{facts.total}"
    reason = messages.table_counts(claim.category, scope, facts.period_months, expected)
    return result("ok" if number == claim.count else "wrong", reason, expected)


def number_as_written(number: int, written: str) -> str:
    """Write a count as the draft wrote its own: '05' for 5 where it wrote '06'."""
    return str(number).zfill(len(written)) if written.startswith("0") else str(number)


def _scope(mark: ScopeMark, facts: Facts) -> str:
    """Return 'period' or 'year_end', or the reason the claim's scope is not the table's."""
    if mark.year is not None and mark.year != facts.year:
        return messages.other_year(mark.year, facts.year)
    if mark.scope == "period" and mark.months is not None and mark.months != facts.period_months:
        return messages.other_period(mark.months, facts.period_months)
    if mark.scope is None:
        # 'Năm 2023' alone: the period of a year-end report, unknown in a report in-year.
        return "period" if facts.period_months == 12 else messages.SCOPE_UNKNOWN
    return mark.scope


# What a check finds: a status, the reason in words, and what the table says when known.
_Verdict = tuple[Status, str, str | None]


def _figure_claim(figure: FigureClaim, quantity: Quantity, facts: Facts | None) -> Claim:
    """Check one quantity of a figure against its indicator's facts."""
    text = figure.sentence.text
    if quantity.kind == "value" and figure.name:
        written = text[figure.offset : quantity.offset + len(quantity.text)]
    else:
        written = quantity.text
    status, reason, expected = _figure_verdict(figure, quantity, facts)
    return Claim(
        text=written,
        where=figure.sentence.where(quantity.offset),
        kind=quantity.kind,
        status=status,
        expected=expected,
        reason=reason,
        indicator=figure.indicator or figure.name or None,
        scope=figure.scope.scope,
    )


def _figure_verdict(figure: FigureClaim, quantity: Quantity, facts: Facts | None) -> _Verdict:
    if facts is None:
        return "unchecked", messages.NO_FACTS, None
    if figure.indicator is None:
        if figure.candidates:
            return "unchecked", messages.ambiguous(figure.candidates), None
        return "unchecked", messages.no_indicator(figure.name), None
    indicator = next(i for i in facts.indicators if i.name == figure.indicator)
    scope = _scope(figure.scope, facts)
    if scope not in ("period", "year_end"):
        return "unchecked", scope, None
    if quantity.kind == "value":
        return _value_verdict(quantity, indicator, scope, facts)
    if scope == "year_end":
        return "unchecked", messages.NOT_COMPARED_AT_YEAR_END, None
    if quantity.kind == "percent_of_plan":
        table = indicator.percent_of_target
        if table is None:
            return (
                "unchecked",
                messages.not_in_table("percent_of_plan", scope, facts.period_months),
                None,
            )
        expected = _format_stored(table) + "%"
        reason = messages.table_gives("percent_of_plan", expected)
        return _compare(table, quantity), reason, expected
    return _change_verdict(quantity, indicator, facts)


def _value_verdict(
    quantity: Quantity, indicator: IndicatorFacts, scope: str, facts: Facts
) -> _Verdict:
    if scope == "year_end":
        table = indicator.estimate
        if table is None and facts.period_months == 12:
            table = indicator.actual
    else:
        table = indicator.actual
    if table is None:
        return "unchecked", messages.not_in_table("value", scope, facts.period_months), None
    unit = indicator.unit_of_measure.strip()
    if quantity.unit and unit and not _same_unit(quantity.unit, unit):
        return "unchecked", messages.unit_differs(quantity.unit, unit), None
    expected = _format_stored(table) + ("%" if unit == "%" else f" {unit}" if unit else "")
    return _compare(table, quantity), messages.table_gives("value", expected), expected


def _change_verdict(quantity: Quantity, indicator: IndicatorFacts, facts: Facts) -> _Verdict:
    table = indicator.change
    if table is None:
        return "unchecked", messages.not_in_table("change", "period", facts.period_months), None
    decimals = max(quantity.number.decimals if quantity.number is not None else 0, 1)
    expected = format_change(table, indicator.change_in_points, decimals)
    reason = messages.table_gives("change", expected)
    if quantity.measure == "same":
        same = round_half_up(table, decimals) == 0
        return ("ok" if same else "wrong"), reason, expected
    if (quantity.measure == "points") != indicator.change_in_points:
        return "wrong", messages.measure_wrong(quantity.measure == "points", expected), expected
    return _compare(table, quantity), reason, expected


def _compare(table: Decimal, quantity: Quantity) -> Status:
    """Compare after rounding the table's figure to the decimals the draft wrote, half up."""
    assert quantity.number is not None
    written = quantity.number
    return "ok" if round_half_up(table, written.decimals) == written.value else "wrong"


def _format_stored(value: Decimal) -> str:
    """Write a figure the table holds the Vietnamese way, with the decimals it has."""
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_vi(value, decimals, keep_zeros=False)


def format_change(value: Decimal, points: bool, decimals: int) -> str:
    """Write a change with its sign: '+6,4%', '-6,7 percentage points', '0%'."""
    body = format_vi(value, decimals, keep_zeros=False)
    sign = "+" if round_half_up(value, decimals) > 0 else ""
    return f"{sign}{body} {messages.POINTS}" if points else f"{sign}{body}%"


def _same_unit(written: str, table: str) -> bool:
    """Tell whether two units are the same, or one holds the other ('sản phẩm OCOP')."""
    ours, theirs = set(fold(written).split()), set(fold(table).split())
    return ours <= theirs or theirs <= ours
