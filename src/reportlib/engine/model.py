"""The engine's records: a parsed target, an indicator row, and the names their fields take.

Every record is frozen: the engine's functions take them and return new ones, never change
them. Numbers are `decimal.Decimal`, exact as written in the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

Kind = Literal["cumulative", "level", "milestone"]
Direction = Literal["higher", "lower"]
Status = Literal["exceeded", "met", "not_met", "in_progress", "no_data"]
Pace = Literal["on_track", "at_risk", "behind"]
# The office's own verdict, as its words say it (SPEC §5); what it means depends on whether
# the report is in-year or at year end: 'chưa đạt' is not_met at year end, in_progress in-year.
Verdict = Literal["exceeded", "met", "not_met", "not_yet", "at_risk"]
# Where an indicator's kind or direction came from (SPEC §3.2), first that speaks wins.
Source = Literal["table", "catalogue", "wording", "builtin", "default"]
GUESSED_SOURCES: frozenset[Source] = frozenset({"wording", "builtin", "default"})
TargetForm = Literal[
    "number",  # 45; also 'khoảng 45' (approximate) and '575 (tăng 15%)' (with a remark)
    "range",  # 7,5 - 8; từ 7,5 đến 8
    "at_least",  # ≥ 405; từ 7,5% trở lên; tối thiểu 90 (inclusive)
    "more_than",  # trên 90; > 90 (strict)
    "at_most",  # ≤ 12; không quá 12; tối đa 12; giảm còn 1,2 (inclusive)
    "less_than",  # dưới 1,5%; < 1,5 (strict)
    "done",  # Hoàn thành (a milestone)
    "relative",  # tăng 10-12% so với năm 2023 (resolved against last year's figure)
]
STATUSES: tuple[Status, ...] = ("exceeded", "met", "not_met", "in_progress", "no_data")
PACES: tuple[Pace, ...] = ("on_track", "at_risk", "behind")


@dataclass(frozen=True)
class Change:
    """A target written as a change from last year: 'tăng 10-12% so với năm 2023'.

    ``low`` and ``high`` are the change's size (10 and 12), always positive; ``sign`` is +1
    for tăng (up) and -1 for giảm (down); ``additive`` says the change is added to last
    year's figure (percentage points, 'tăng 2 điểm phần trăm', or a plain amount) instead of
    being a percent of it. ``form`` is how the resolved figure bounds the value: a number, a
    range, at least or at most.
    """

    low: Decimal
    high: Decimal
    sign: int
    additive: bool = False
    form: Literal["number", "range", "at_least", "at_most"] = "number"
    base_year: int | None = None

    def apply(self, base: Decimal) -> tuple[Decimal, Decimal]:
        """Return the figures the change leads to from ``base``, smaller first."""

        def moved(size: Decimal) -> Decimal:
            if self.additive:
                return base + self.sign * size
            return base * (1 + self.sign * size / 100)

        first, second = moved(self.low), moved(self.high)
        return (first, second) if first <= second else (second, first)


@dataclass(frozen=True)
class Target:
    """A plan target as the reader understood it (SPEC §3.1).

    ``low`` and ``high`` bound the target (None: no bound on that side); a single number has
    both equal. ``low_strict`` / ``high_strict`` mark 'trên' / 'dưới' bounds, which the value
    must pass, not only reach. ``direction`` is the direction the wording implies (dưới,
    không quá, giảm còn: lower is better), or None when the wording says nothing.
    """

    # As written: two tables that write 7,5 and 7.5 hold the same target.
    text: str = field(compare=False)
    form: TargetForm = "number"
    low: Decimal | None = None
    high: Decimal | None = None
    low_strict: bool = False
    high_strict: bool = False
    direction: Direction | None = None
    remark: str = ""
    approximate: bool = False
    change: Change | None = None

    @classmethod
    def number(cls, value: Decimal, text: str | None = None) -> Target:
        """Return the target of one number."""
        return cls(text=str(value) if text is None else text, form="number", low=value, high=value)

    @classmethod
    def between(cls, low: Decimal, high: Decimal, text: str | None = None) -> Target:
        """Return a range target; one number when both ends are equal."""
        shown = f"{low} - {high}" if text is None else text
        if low == high:
            return cls(text=shown, form="number", low=low, high=high)
        return cls(text=shown, form="range", low=low, high=high)

    @classmethod
    def done(cls, text: str = "Hoàn thành") -> Target:
        """Return a milestone's target: done."""
        return cls(text=text, form="done", low=Decimal(1), high=Decimal(1))

    @property
    def is_relative(self) -> bool:
        """Tell whether the target is stated against last year and must be resolved first."""
        return self.form == "relative"

    @property
    def is_range(self) -> bool:
        """Tell whether the target is a range such as 7,5 - 8."""
        return self.form == "range"

    @property
    def reference(self) -> Decimal | None:
        """Return the one figure a value is measured against ('% kế hoạch'), or None.

        A number, or the bound of 'at least' / 'more than'; a range, a ceiling or a relative
        target that is not resolved has none.
        """
        if self.form in ("number", "at_least", "more_than"):
            return self.low
        return None

    def resolved(self, base: Decimal) -> Target:
        """Return the concrete target a relative one leads to from last year's ``base``."""
        if self.change is None:
            return self
        low, high = self.change.apply(base)
        form = self.change.form
        if form == "number":
            return replace(self, form="number", low=low, high=low)
        if form == "range":
            return replace(self, form="range", low=low, high=high)
        if form == "at_least":
            return replace(self, form="at_least", low=low, high=None)
        return replace(self, form="at_most", low=None, high=high)


@dataclass(frozen=True)
class Indicator:
    """One indicator of one unit, year (and period): a validated row of a table.

    ``unit`` is the administrative unit the row is about (a commune, ward, province or, for
    years before 2025, a district); ``unit_of_measure`` is its ĐVT (%, tỷ đồng, xã; blank for
    a milestone). ``previous`` is the same period of last year (cùng kỳ); ``last_year`` is last
    year's whole-year figure, when the table holds it. ``period_months`` is the row's period
    when the table states one. ``kind_source`` / ``direction_source`` say where the kind and
    direction came from (SPEC §3.2); ``previous_source`` is 'table' when cùng kỳ was written
    in the row, 'last_year_row' when it came from last year's row of the same period.
    """

    unit: str
    year: int
    indicator_id: str
    indicator: str
    unit_of_measure: str
    kind: Kind
    direction: Direction
    target: Target
    actual: Decimal | None
    estimate: Decimal | None = None
    previous: Decimal | None = None
    last_year: Decimal | None = None
    assessment: Verdict | None = None
    year_end_assessment: Verdict | None = None
    period_months: int | None = None
    province: str = ""
    group: str = ""
    note: str = ""
    row: int = 0
    sheet: str | None = field(default=None, compare=False)
    kind_source: Source = "table"
    direction_source: Source = "table"
    previous_source: Literal["table", "last_year_row", ""] = ""

    @property
    def target_low(self) -> Decimal | None:
        """The target's lower bound (None when it has none)."""
        return self.target.low

    @property
    def target_high(self) -> Decimal | None:
        """The target's upper bound (None when it has none)."""
        return self.target.high

    @property
    def is_range(self) -> bool:
        """Tell whether the target is a range such as 7,5 - 8."""
        return self.target.is_range

    @property
    def is_rate(self) -> bool:
        """Tell whether the indicator is a rate, whose changes are stated in percentage points."""
        return self.unit_of_measure.strip() == "%"

    @property
    def is_milestone(self) -> bool:
        """Tell whether the indicator is a task that is done or not done."""
        return self.kind == "milestone"
