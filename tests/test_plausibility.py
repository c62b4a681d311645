"""Plausibility checks (issue 14, items 2-3), one by one, and where they are shown."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from reportlib.engine.check import check_paths
from reportlib.engine.model import Indicator, Target
from reportlib.engine.plausibility import (
    THRESHOLDS,
    Cells,
    check_indicators,
    estimate_below_actual,
    history_of,
    moved_tenfold,
    previous_disagrees,
    rate_out_of_range,
    rest_of_year,
)
from reportlib.engine.report import prepare_report

D = Decimal
CELLS = Cells(
    "data/xa.xlsx",
    {"actual": "TH 9 tháng", "estimate": "Ước cả năm", "previous": "Cùng kỳ"},
)


def item(**changes: object) -> Indicator:
    """A budget revenue row of 9 months: 300 of 400, estimate 410, cùng kỳ 280."""
    base = Indicator(
        unit="Tháp Mười",
        year=2026,
        indicator_id="1",
        indicator="Thu ngân sách",
        unit_of_measure="tỷ đồng",
        kind="cumulative",
        direction="higher",
        target=Target(text="400", form="number", low=D(400), high=D(400)),
        actual=D(300),
        estimate=D(410),
        previous=D(280),
        row=12,
        sheet="Phụ lục",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def rate(**changes: object) -> Indicator:
    """A poverty rate of 9 months: 1,6 %, estimate 1,5 %, cùng kỳ 2,1 %."""
    figures: dict[str, object] = {
        "indicator": "Tỷ lệ hộ nghèo",
        "unit_of_measure": "%",
        "kind": "level",
        "direction": "lower",
        "actual": D("1.6"),
        "estimate": D("1.5"),
        "previous": D("2.1"),
    }
    return item(**(figures | changes))


def test_plausible_figures_give_nothing() -> None:
    assert check_indicators([item(), rate()], 9, CELLS) == ()


# --- a running total's estimate below its actual: impossible -------------------------------


def test_estimate_below_actual_is_an_error_naming_the_cell() -> None:
    finding = estimate_below_actual(item(estimate=D(290)), 9, CELLS)
    assert finding is not None and finding.severity == "error"
    assert str(finding).startswith(
        "data/xa.xlsx, sheet 'Phụ lục', row 12, column 'Ước cả năm': Thu ngân sách: "
        "the year-end estimate 290 is below the 9 months' 300"
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"estimate": D(300)},  # on the actual: nothing more this year, possible
        {"kind": "level", "estimate": D(290)},  # a level may fall
        {"estimate": None},
    ],
)
def test_estimate_below_actual_only_for_a_running_total(changes: dict[str, object]) -> None:
    assert estimate_below_actual(item(**changes), 9, CELLS) is None


def test_estimate_below_actual_not_at_year_end() -> None:
    assert estimate_below_actual(item(estimate=D(290)), 12, CELLS) is None


# --- the rest of the year against history or the run rate -----------------------------------


def test_rest_of_year_against_the_run_rate() -> None:
    # 9 months: the run rate's last quarter is 300 / 3 = 100 (a third); doubted beyond 3 x a
    # third of 300 = 300 more, i.e. an estimate above 600.
    assert rest_of_year(item(estimate=D(600)), 9, CELLS) is None
    finding = rest_of_year(item(estimate=D(610)), 9, CELLS)
    assert finding is not None and finding.severity == "warning"
    assert "needs 310 more in the last 3 months" in str(finding)
    assert "run rate (actual × 12 / 9)" in str(finding)


def test_rest_of_year_against_the_tables_own_years() -> None:
    # Last year 9 months 280, whole year 336: the last quarter brought 20 % of the 9 months'.
    history = [(D(280), D(336))]
    # 3 x 20 % of 300 = 180 more: 480 passes, 490 is doubted (the run rate would accept it).
    assert rest_of_year(item(estimate=D(480)), 9, CELLS, history) is None
    finding = rest_of_year(item(estimate=D(490)), 9, CELLS, history)
    assert finding is not None and "the table's earlier years show at most 20%" in str(finding)


def test_rest_of_year_skips_small_figures_and_levels() -> None:
    assert rest_of_year(item(actual=D(3), estimate=D(6)), 9, CELLS) is None  # below the floor
    assert rest_of_year(item(kind="level", estimate=D(900)), 9, CELLS) is None
    assert rest_of_year(item(estimate=D(900)), 12, CELLS) is None


def test_history_from_the_row_and_earlier_years() -> None:
    row = item(last_year=D(336))  # cùng kỳ 280 and last year's whole year 336, in the row
    earlier = [
        item(year=2024, period_months=9, actual=D(200)),
        item(year=2024, period_months=12, actual=D(260)),
        item(year=2023, period_months=9, actual=D(150)),  # no whole year of 2023
    ]
    assert history_of(row, earlier, 9) == [(D(200), D(260)), (D(280), D(336))]


# --- cùng kỳ against last year's row -------------------------------------------------------


def test_previous_disagrees_names_both_rows() -> None:
    last = item(year=2025, actual=D(270), row=3)
    finding = previous_disagrees(item(), last, CELLS)
    assert finding is not None
    assert str(finding) == (
        "data/xa.xlsx, sheet 'Phụ lục', row 12, column 'Cùng kỳ': Thu ngân sách: 'Cùng kỳ' in "
        "row 12 is 280, but last year's row 3 of the same period ('TH 9 tháng') has 270"
    )
    assert previous_disagrees(item(), replace(last, actual=D("280.004")), CELLS) is None


def test_previous_disagreement_is_the_readers_not_repeated() -> None:
    # check_indicators leaves cùng kỳ to select.py, which fills or checks it from last year.
    last = item(year=2025, period_months=9, actual=D(270), row=3)
    assert check_indicators([item(period_months=9)], 9, CELLS, [last]) == ()


# --- a rate outside 0-100 % -----------------------------------------------------------------


def test_rate_out_of_range_names_each_figure() -> None:
    found = rate_out_of_range(rate(actual=D(162), previous=D(-1)), CELLS)
    assert [(f.column, f.severity) for f in found] == [
        ("TH 9 tháng", "warning"),
        ("Cùng kỳ", "warning"),
    ]
    assert "162% is outside 0-100%, for a rate" in str(found[0])


@pytest.mark.parametrize(
    "name",
    ["Tốc độ tăng trưởng kinh tế (GRDP)", "Tỷ lệ thu ngân sách so với dự toán"],
)
def test_rates_of_change_and_ratios_may_pass_the_bounds(name: str) -> None:
    assert rate_out_of_range(rate(indicator=name, actual=D(-2), estimate=D(112)), CELLS) == []


def test_a_figure_not_in_percent_is_no_rate() -> None:
    assert rate_out_of_range(item(actual=D(300)), CELLS) == []


# --- a figure moved more than tenfold -------------------------------------------------------


def test_moved_tenfold_a_misplaced_separator() -> None:
    # 2.415 read as 2415 against last year's 24,15.
    found = moved_tenfold(item(actual=D(2415), previous=D("24.15")), CELLS)
    assert len(found) == 1 and found[0].column == "TH 9 tháng"
    assert "2415 against 24.15 in 'Cùng kỳ': moved more than 10-fold" in str(found[0])
    assert moved_tenfold(item(actual=D("2.415"), previous=D("24.15")), CELLS) == []  # x 0.1
    assert len(moved_tenfold(item(actual=D("2.4"), previous=D("24.15") * 10), CELLS)) == 1


def test_moved_tenfold_ignores_small_counts_and_zero() -> None:
    assert moved_tenfold(item(actual=D(12), previous=D(1)), CELLS) == []  # under the floor
    assert moved_tenfold(item(actual=D(300), previous=D(0)), CELLS) == []
    assert THRESHOLDS.tenfold_floor == D(50)


def test_estimate_against_last_years_whole_year() -> None:
    found = moved_tenfold(item(estimate=D(4100), last_year=D(380)), CELLS)
    assert [f.column for f in found] == ["Ước cả năm"]


# --- where findings are shown: check and the notebook's notices, not the filed report ------

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE = "params/2026/dong-thap/phuong-my-phuoc-tay.yaml"


def test_notices_carry_the_findings() -> None:
    report = prepare_report({"params_file": SAMPLE}, root=PROJECT)
    doubted = [n for n in report.notices if "Tỷ lệ giải ngân vốn đầu tư công" in n]
    assert len(doubted) == 1 and doubted[0].startswith("warning: data/dong-thap-2026/")


def test_check_fails_on_an_impossible_estimate(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "params").mkdir()
    (tmp_path / "data" / "t.csv").write_text(
        "Xã;Năm;Mã;Chỉ tiêu;ĐVT;Loại;Chiều;Kế hoạch;Thực hiện;Ước cả năm\n"
        "Tháp Mười;2026;CT01;Thu ngân sách;tỷ đồng;lũy kế;tăng;400;300;290\n",
        encoding="utf-8",
    )
    params = tmp_path / "params" / "r.yaml"
    params.write_text(
        "unit: Tháp Mười\nyear: 2026\nperiod_months: 9\ndata: data/t.csv\nlanguage: vi\n",
        encoding="utf-8",
    )
    result = check_paths([str(params)], tmp_path)
    (report,) = result.reports
    assert not report.ok
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "Ước cả năm")
    assert "below the 9 months' 300" in str(problem)
