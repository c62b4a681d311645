"""The status engine (SPEC §5): every rule, on small hand-made indicators, plus a property test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.engine.model import Change, Indicator, Target
from reportlib.engine.status import (
    STATUSES,
    assess,
    assess_all,
    change_from_previous,
    computed_period_status,
    count_statuses,
    pace,
    percent_of_target,
    period_status,
    round2,
    year_end_status,
)

D = Decimal
YEAR_END = 12


def make(
    target: str | tuple[str, str] | None = "100",
    *,
    kind: str = "level",
    direction: str = "higher",
    actual: str | None = None,
    estimate: str | None = None,
    previous: str | None = None,
    assessment: str | None = None,
    unit: str = "%",
) -> Indicator:
    """Build one indicator; ``target`` is a number, a (low, high) range, or None (milestone)."""
    if kind == "milestone":
        low = high = D(1)
    elif isinstance(target, tuple):
        low, high = D(target[0]), D(target[1])
    else:
        assert target is not None
        low = high = D(target)
    return Indicator(
        unit="Tháp Mười",
        year=2023,
        indicator_id="CT01",
        indicator="Chỉ tiêu thử",
        unit_of_measure=unit,
        kind=kind,  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
        target=Target.done() if kind == "milestone" else Target.between(low, high),
        actual=None if actual is None else D(actual),
        estimate=None if estimate is None else D(estimate),
        previous=None if previous is None else D(previous),
        assessment=VERDICTS.get(assessment, assessment),  # type: ignore[arg-type]
    )


# The v1 tests name the office's verdict by the status it gives.
VERDICTS = {"in_progress": None}


# --- rounding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rounded"),
    [("71.995", "72.00"), ("91.994", "91.99"), ("0.125", "0.13"), ("2.345", "2.35")],
)
def test_round2_is_half_up(value: str, rounded: str) -> None:
    assert round2(D(value)) == D(rounded)


def test_rounding_before_comparing_makes_71_995_meet_72() -> None:
    indicator = make("72", actual="71.995", estimate="71.995")
    assert period_status(indicator, YEAR_END) == "met"
    assert period_status(indicator, 9) == "met"
    assert year_end_status(indicator, 9) == "met"


def test_rounding_before_comparing_leaves_91_994_short_of_92() -> None:
    indicator = make("92", actual="91.994")
    assert period_status(indicator, YEAR_END) == "not_met"


def test_rounding_applies_to_lower_is_better_too() -> None:
    assert period_status(make("2.1", direction="lower", actual="2.104"), YEAR_END) == "met"
    assert period_status(make("2.1", direction="lower", actual="2.105"), YEAR_END) == "not_met"


# --- year-end report (period 12) ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["level", "cumulative"])
@pytest.mark.parametrize(
    ("direction", "actual", "status"),
    [
        ("higher", "101", "exceeded"),
        ("higher", "100", "met"),
        ("higher", "99", "not_met"),
        ("lower", "99", "exceeded"),
        ("lower", "100", "met"),
        ("lower", "101", "not_met"),
    ],
)
def test_year_end_report_exceeded_met_not_met(
    kind: str, direction: str, actual: str, status: str
) -> None:
    indicator = make("100", kind=kind, direction=direction, actual=actual)
    assert period_status(indicator, YEAR_END) == status
    assert year_end_status(indicator, YEAR_END) == status


@pytest.mark.parametrize(("actual", "status"), [("1", "met"), ("0", "not_met")])
def test_year_end_report_milestone(actual: str, status: str) -> None:
    indicator = make(kind="milestone", actual=actual)
    assert period_status(indicator, YEAR_END) == status
    assert year_end_status(indicator, YEAR_END) == status


# --- range targets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "actual", "year_end", "in_year"),
    [
        # higher is better, target 7,5 - 8: inside is met, above 8 exceeded, below 7,5 short
        ("higher", "7.5", "met", "met"),
        ("higher", "7.8", "met", "met"),
        ("higher", "8", "met", "met"),
        ("higher", "8.01", "exceeded", "exceeded"),
        ("higher", "7.49", "not_met", "in_progress"),
        # lower is better, target 7,5 - 8: below 7,5 exceeded, above 8 short
        ("lower", "7.5", "met", "met"),
        ("lower", "8", "met", "met"),
        ("lower", "7.49", "exceeded", "exceeded"),
        ("lower", "8.01", "not_met", "in_progress"),
    ],
)
def test_range_target(direction: str, actual: str, year_end: str, in_year: str) -> None:
    indicator = make(("7.5", "8"), direction=direction, actual=actual, estimate=actual)
    assert period_status(indicator, YEAR_END) == year_end
    assert period_status(indicator, 9) == in_year  # a level, in-year
    assert year_end_status(indicator, 9) == year_end


def test_range_target_ends_are_rounded() -> None:
    assert period_status(make(("7.5", "8"), actual="8.004"), YEAR_END) == "met"
    assert period_status(make(("7.5", "8"), actual="7.495"), YEAR_END) == "met"
    assert period_status(make(("7.5", "8"), actual="7.494"), YEAR_END) == "not_met"


# --- in-year cumulative ---------------------------------------------------------------------


@pytest.mark.parametrize(("actual", "status"), [("100", "met"), ("120", "exceeded")])
def test_in_year_cumulative_already_reached_cannot_go_back(actual: str, status: str) -> None:
    indicator = make("100", kind="cumulative", actual=actual)
    result = assess(indicator, 6)
    assert result.period_status == status
    assert result.pace is None


@pytest.mark.parametrize(
    ("actual", "target", "months", "expected"),
    [
        ("475", "1000", 6, "on_track"),  # exactly 0.95
        ("474.95", "1000", 6, "at_risk"),  # 0.9499
        ("375", "1000", 6, "at_risk"),  # exactly 0.75
        ("374.99", "1000", 6, "behind"),  # 0.74998
        ("100", "1000", 6, "behind"),
        ("712.5", "1000", 9, "on_track"),  # 0.95 at 9 months
        ("0", "1000", 3, "behind"),
        ("285.6", "420", 9, "at_risk"),  # Tháp Mười 2023, CT02: 0.9067
        ("61", "85", 9, "on_track"),  # Tháp Mười 2023, CT04: 0.9569
    ],
)
def test_in_year_cumulative_not_reached_is_in_progress_with_pace(
    actual: str, target: str, months: int, expected: str
) -> None:
    result = assess(make(target, kind="cumulative", actual=actual), months)
    assert result.period_status == "in_progress"
    assert result.pace == expected


def test_pace_uses_the_formula_of_spec() -> None:
    # (actual / target) / (period_months / 12) = (50 / 100) / (7 / 12) = 0.857 -> at risk
    assert pace(make("100", kind="cumulative", actual="50"), 7) == "at_risk"
    # 0.5 / (11 / 12) = 0.545 -> behind
    assert pace(make("100", kind="cumulative", actual="50"), 11) == "behind"
    # 0.5 / (1 / 12) = 6 -> on track
    assert pace(make("100", kind="cumulative", actual="50"), 1) == "on_track"


def test_lower_is_better_cumulative_past_its_ceiling_in_year_is_not_met() -> None:
    indicator = make("50", kind="cumulative", direction="lower", actual="51")
    result = assess(indicator, 6)
    assert result.period_status == "not_met"
    assert result.pace is None


@pytest.mark.parametrize("actual", ["10", "49.99", "50"])
def test_lower_is_better_cumulative_below_ceiling_in_year_is_in_progress_without_pace(
    actual: str,
) -> None:
    result = assess(make("50", kind="cumulative", direction="lower", actual=actual), 6)
    assert result.period_status == "in_progress"
    assert result.pace is None


# --- in-year level and milestone ------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "actual", "status"),
    [
        ("higher", "92.3", "exceeded"),
        ("higher", "92", "met"),
        ("higher", "91.5", "in_progress"),
        ("lower", "2", "exceeded"),
        ("lower", "2.1", "met"),
        ("lower", "2.3", "in_progress"),
    ],
)
def test_in_year_level(direction: str, actual: str, status: str) -> None:
    target = "92" if direction == "higher" else "2.1"
    result = assess(make(target, direction=direction, actual=actual), 9)
    assert result.period_status == status
    assert result.pace is None  # no pace for a level


@pytest.mark.parametrize(("actual", "status"), [("1", "met"), ("0", "in_progress")])
def test_in_year_milestone(actual: str, status: str) -> None:
    result = assess(make(kind="milestone", actual=actual), 9)
    assert result.period_status == status
    assert result.pace is None


# --- no data and the office's assessment ----------------------------------------------------


@pytest.mark.parametrize("months", [3, 9, YEAR_END])
@pytest.mark.parametrize("assessment", [None, "met", "not_met"])
def test_no_actual_is_no_data_even_with_an_assessment(months: int, assessment: str | None) -> None:
    indicator = make("100", kind="cumulative", assessment=assessment, estimate="100")
    result = assess(indicator, months)
    assert result.period_status == "no_data"
    assert result.computed_status == "no_data"
    assert result.assessed_by_office is False
    assert result.pace is None


def test_assessment_overrides_and_keeps_the_computed_status() -> None:
    indicator = make(kind="milestone", actual="0", estimate="0", assessment="not_met")
    result = assess(indicator, 9)
    assert result.period_status == "not_met"
    assert result.assessed_by_office is True
    assert result.computed_status == "in_progress"


def test_assessment_overrides_a_figure_that_meets() -> None:
    result = assess(make("100", actual="105", assessment="met"), YEAR_END)
    assert (result.period_status, result.computed_status) == ("met", "exceeded")
    assert result.assessed_by_office is True


def test_assessment_does_not_change_the_year_end_status() -> None:
    indicator = make("100", actual="90", estimate="110", assessment="not_met")
    assert assess(indicator, 9).year_end_status == "exceeded"


def test_without_assessment_nothing_is_assessed_by_office() -> None:
    result = assess(make("100", actual="90"), 9)
    assert result.assessed_by_office is False
    assert result.period_status == result.computed_status == "in_progress"
    assert computed_period_status(make("100", actual="90"), 9) == "in_progress"


# --- year-end status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("estimate", "status"), [("110", "exceeded"), ("100", "met"), ("90", "not_met")]
)
def test_year_end_status_in_year_is_from_the_estimate(estimate: str, status: str) -> None:
    indicator = make("100", kind="cumulative", actual="50", estimate=estimate)
    assert year_end_status(indicator, 9) == status


def test_year_end_status_at_year_end_is_from_the_actual() -> None:
    indicator = make("100", actual="90", estimate="120")
    assert year_end_status(indicator, YEAR_END) == "not_met"
    assert year_end_status(make("100", actual="120", estimate="90"), YEAR_END) == "exceeded"


def test_year_end_status_without_estimate_is_no_data_in_year() -> None:
    indicator = make("100", kind="cumulative", actual="120")
    assert assess(indicator, 9).period_status == "exceeded"
    assert year_end_status(indicator, 9) == "no_data"


def test_year_end_status_is_never_in_progress() -> None:
    for kind in ("cumulative", "level", "milestone"):
        for direction in ("higher", "lower"):
            indicator = make("100", kind=kind, direction=direction, actual="0", estimate="0")
            for months in range(1, 13):
                assert year_end_status(indicator, months) != "in_progress"


@pytest.mark.parametrize(
    ("estimate", "status"), [("1", "met"), ("0", "not_met"), (None, "no_data")]
)
def test_milestone_year_end_status(estimate: str | None, status: str) -> None:
    indicator = make(kind="milestone", actual="0", estimate=estimate)
    assert year_end_status(indicator, 9) == status


# --- comparisons for the text ---------------------------------------------------------------


def test_percent_of_target_for_higher_is_better_positive_single_target() -> None:
    indicator = make("420", kind="cumulative", actual="285.6")
    assert percent_of_target(indicator.target, indicator, indicator.actual) == D("68")
    assert percent_of_target(indicator.target, indicator, None) is None
    assert assess(indicator, 9).percent_of_target == D("68")


@pytest.mark.parametrize(
    "indicator",
    [
        make("2.1", direction="lower", actual="1.95"),
        make(("7.5", "8"), actual="7.8"),
        make("0", actual="5"),
        make("-5", actual="-4"),
        make(kind="milestone", actual="1"),
    ],
    ids=["lower-is-better", "range", "zero-target", "negative-target", "milestone"],
)
def test_no_percent_of_target_otherwise(indicator: Indicator) -> None:
    assert percent_of_target(indicator.target, indicator, indicator.actual) is None


def test_estimate_percent_of_target_uses_estimate_in_year_and_actual_at_year_end() -> None:
    indicator = make("200", kind="cumulative", actual="100", estimate="210")
    assert assess(indicator, 9).estimate_percent_of_target == D("105")
    assert assess(indicator, YEAR_END).estimate_percent_of_target == D("50")


def test_change_of_a_rate_is_in_percentage_points() -> None:
    assert change_from_previous(make("2.1", unit="%", actual="1.95", previous="2.4")) == D("-0.45")
    assert change_from_previous(make("92", unit=" % ", actual="92.3", previous="90.1")) == D("2.2")


def test_change_of_anything_else_is_in_percent() -> None:
    change = change_from_previous(make("85", unit="doanh nghiệp", actual="61", previous="50"))
    assert change == D("22")
    falling = change_from_previous(make("85", unit="tỷ đồng", actual="40", previous="50"))
    assert falling == D("-20")


def test_change_is_none_when_previous_is_zero_or_missing() -> None:
    assert change_from_previous(make("5", unit="xã", actual="2", previous="0")) is None
    assert change_from_previous(make("5", unit="xã", actual="2")) is None
    assert change_from_previous(make("5", unit="xã", previous="2")) is None
    assert change_from_previous(make(kind="milestone", actual="1", previous="0")) is None


# --- counts ---------------------------------------------------------------------------------


def test_count_statuses_on_a_small_set() -> None:
    indicators = [
        make("100", kind="cumulative", actual="120", estimate="130"),  # exceeded / exceeded
        make("100", kind="cumulative", actual="50", estimate="100"),  # in_progress / met
        make("100", kind="cumulative", actual="10", estimate="90"),  # in_progress / not_met
        make("92", actual="91"),  # in_progress / no_data
        make("100"),  # no_data / no_data
        make(kind="milestone", actual="0", estimate="0", assessment="not_met"),
    ]
    counts = count_statuses(assess_all(indicators, 9))
    assert counts.total == 6
    assert counts.period == {
        "exceeded": 1,
        "met": 0,
        "not_met": 1,
        "in_progress": 3,
        "no_data": 1,
    }
    assert counts.year_end == {
        "exceeded": 1,
        "met": 1,
        "not_met": 2,
        "in_progress": 0,
        "no_data": 2,
    }
    assert counts.period_met == 1
    assert counts.year_end_met == 2
    assert sum(counts.pace.values()) == 2  # one pace per cumulative in progress


def test_count_statuses_of_nothing() -> None:
    counts = count_statuses(())
    assert counts.total == 0
    assert counts.period == dict.fromkeys(STATUSES, 0)
    assert counts.year_end == dict.fromkeys(STATUSES, 0)


def test_engine_does_not_mutate_its_input() -> None:
    indicators = (make("100", kind="cumulative", actual="50", estimate="90"),)
    before = repr(indicators)
    assess_all(indicators, 9)
    assert repr(indicators) == before


# --- tiny non-zero figures that round to 0,00 -----------------------------------------------


def test_percent_of_target_with_target_rounding_to_zero_does_not_crash() -> None:
    result = assess(make("0.004", actual="0.003"), 6)
    assert result.percent_of_target is None


def test_change_with_previous_rounding_to_zero_does_not_crash() -> None:
    result = assess(make("100", unit="tỷ đồng", actual="5", previous="0.004"), 6)
    assert result.change is None


def test_pace_with_target_rounding_to_zero_does_not_crash() -> None:
    result = assess(make("0.004", kind="cumulative", actual="-1"), 6)
    assert result.period_status == "in_progress"


# --- property test: counts always add up ----------------------------------------------------

# Three decimals, so that figures which round to 0,00 (and half-up edges) are drawn too.
_numbers = st.decimals(
    min_value=D("-1000"), max_value=D("100000"), places=3, allow_nan=False, allow_infinity=False
)


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(["cumulative", "level", "milestone"]))
    direction = draw(st.sampled_from(["higher", "lower"]))
    if kind == "milestone":
        low = high = D(1)
        value = st.sampled_from([D(0), D(1)])
    else:
        low, high = sorted([draw(_numbers), draw(_numbers)])
        if draw(st.booleans()):
            high = low
        value = _numbers
    return Indicator(
        unit="Tháp Mười",
        year=2023,
        indicator_id="CT",
        indicator="Chỉ tiêu",
        unit_of_measure=draw(st.sampled_from(["%", "tỷ đồng"])),
        kind=kind,
        direction=direction,
        target=Target.done() if kind == "milestone" else draw(targets(low, high)),
        actual=draw(st.none() | value),
        estimate=draw(st.none() | value),
        previous=draw(st.none() | value),
        last_year=draw(st.none() | value),
        assessment=draw(
            st.none() | st.sampled_from(["exceeded", "met", "not_met", "not_yet", "at_risk"])
        ),
        year_end_assessment=draw(
            st.none() | st.sampled_from(["exceeded", "met", "not_met", "not_yet", "at_risk"])
        ),
    )


def targets(low: Decimal, high: Decimal) -> st.SearchStrategy[Target]:
    """Every form of target: numbers, ranges, open bounds, strict bounds, relative."""
    change = st.builds(
        Change,
        low=st.just(abs(low)),
        high=st.just(abs(low)),
        sign=st.sampled_from([1, -1]),
        additive=st.booleans(),
        form=st.sampled_from(["number", "at_least", "at_most"]),
    )
    return st.one_of(
        st.just(Target.between(low, high)),
        st.just(Target(text="", form="at_least", low=low)),
        st.just(Target(text="", form="more_than", low=low, low_strict=True)),
        st.just(Target(text="", form="at_most", high=high)),
        st.just(Target(text="", form="less_than", high=high, high_strict=True)),
        change.map(lambda c: Target(text="", form="relative", change=c)),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(indicators(), max_size=30), st.integers(min_value=1, max_value=12))
def test_counts_always_add_up(items: list[Indicator], months: int) -> None:
    assessed = assess_all(items, months)
    counts = count_statuses(assessed)
    assert counts.total == len(items)
    for mapping in (counts.period, counts.year_end):
        assert list(mapping) == list(STATUSES)
        assert set(mapping) == {"exceeded", "met", "not_met", "in_progress", "no_data"}
        assert sum(mapping.values()) == len(items)
    assert counts.year_end["in_progress"] == 0
    for item in assessed:
        if item.period_status != "in_progress":
            assert item.pace is None
        assert item.year_end_status != "in_progress"
        if item.indicator.actual is None:
            assert item.period_status == "no_data"
    assert sum(counts.pace.values()) == sum(1 for a in assessed if a.pace is not None)
