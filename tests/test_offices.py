"""The corpus of office layouts (tests/data/offices, issue 11 item 7; SPEC §3 and §5).

Each table is laid out as an office really keeps it. The verdicts below are worked out by hand
from the figures in tests/data/offices/make_tables.py, with the arithmetic in the comments:
they are what the report must say, not what the engine happened to compute.

In-year (SPEC §5): a cumulative 'higher' figure short of the year's target is in progress,
with pace = (actual / target) / (months / 12) (≥ 0,95 on track, ≥ 0,75 at risk, else behind);
a level short of its target is in progress; a cumulative ceiling passed is not met; the
office's verdict overrides ('Chưa đạt', 'Khó đạt' wait for year end); a strict bound with the
figure beyond it is exceeded.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from reportlib.engine.check import check_paths
from reportlib.engine.numbers import DecimalMark
from reportlib.engine.select import select_report
from reportlib.engine.status import assess
from reportlib.engine.table import read_table
from reportlib.errors import DataError

OFFICES = Path(__file__).parent / "data" / "offices"
PROJECT = Path(__file__).resolve().parents[1]
D = Decimal

Verdicts = dict[str, tuple[str, str | None, str]]


def verdicts(
    name: str,
    unit: str,
    year: int,
    months: int,
    *,
    decimal: DecimalMark | None = None,
) -> Verdicts:
    """Return {id: (period status, pace, year-end status)} of one unit's report."""
    table = read_table(OFFICES / name, decimal=decimal, unit=unit, year=year, period_months=months)
    selection = select_report(table, unit, year, months, province="Đồng Tháp")
    out = {}
    for indicator in selection.indicators:
        assessed = assess(indicator, months)
        out[indicator.indicator_id] = (
            assessed.period_status,
            assessed.pace,
            assessed.year_end_status,
        )
    return out


# --- 1. a commune's Phụ lục (two merged header rows, groups, a sub-row, a total) -----------

PHU_LUC = {
    # 12 800 of 16 000 at 9 months: (0,8) / 0,75 = 1,07 on track; 17 000 > 16 000.
    "1": ("in_progress", "on_track", "exceeded"),
    # 26 > 25 already; 30 > 25.
    "2": ("exceeded", None, "exceeded"),
    # 1 of 2: 0,5 / 0,75 = 0,67 behind; the estimate 2 is the target.
    "3": ("in_progress", "behind", "met"),
    # A rate, lower is better: 1,62 above 1,5 (a level: in progress); estimate 1,5 = target.
    "4": ("in_progress", None, "met"),
    # 93,4 below 95; estimate 95,2 > 95.
    "5": ("in_progress", None, "exceeded"),
    # A milestone still being drafted; the estimate says 'Hoàn thành'.
    "6": ("in_progress", None, "met"),
    # A ceiling of 12 on a running count: 7 so far (not passed, the year goes on); 10 < 12.
    "7": ("in_progress", None, "exceeded"),
    # A ceiling of 3 already passed at 4: missed for good.
    "8": ("not_met", None, "not_met"),
}


def test_phu_luc_of_a_commune() -> None:
    # The sub-row 'Trong đó: Thu nội địa' and the 'Tổng cộng' row are not indicators.
    assert verdicts("phu_luc_xa.xlsx", "Tháp Mười", 2026, 9) == PHU_LUC


def test_phu_luc_as_csv_reads_the_same() -> None:
    # Saved as CSV in a Vietnamese locale: '15.000' and '1,62'; the params say decimal ','.
    assert verdicts("phu_luc_xa.csv", "Tháp Mười", 2026, 9, decimal=",") == PHU_LUC


def test_phu_luc_cells() -> None:
    table = read_table(OFFICES / "phu_luc_xa.xlsx", unit="Tháp Mười", year=2026, period_months=9)
    by_id = {i.indicator_id: i for i in table.indicators}
    assert set(by_id) == set(PHU_LUC)
    revenue = by_id["1"]
    # 'Năm 2025 | TH 9 tháng' is cùng kỳ; the 'So sánh (%)' ratios are not read.
    assert (revenue.target.low, revenue.actual, revenue.estimate, revenue.previous) == (
        D(16000),
        D(12800),
        D(17000),
        D(10500),
    )
    assert revenue.group == "KINH TẾ"
    assert by_id["7"].group == "QUỐC PHÒNG - AN NINH"


# --- 2. a three-row header of a province department, 6 months ------------------------------


def test_three_row_header() -> None:
    assert verdicts("three_row_header.xlsx", "Đồng Tháp", 2026, 6) == {
        # The office says 'Đạt' for the period; the estimate 1 250 > 1 200.
        "1": ("met", None, "exceeded"),
        # 'Khó đạt' waits for year end, at risk; 'Không đạt' for the year.
        "2": ("in_progress", "at_risk", "not_met"),
        # 69,5 below 70; estimate 70,5 > 70.
        "3": ("in_progress", None, "exceeded"),
        # 1 010 of 2 000 at 6 months: 0,505 / 0,5 = 1,01 on track; the office says 'Đạt'.
        "4": ("in_progress", "on_track", "met"),
    }


def test_three_row_header_columns() -> None:
    table = read_table(OFFICES / "three_row_header.xlsx", unit="Đồng Tháp", year=2026)
    first = table.indicators[0]
    # 'Kết quả thực hiện | 6 tháng đầu năm 2025' is cùng kỳ, '| Năm 2026 | 6 tháng' the actual.
    assert (first.previous, first.actual, first.estimate) == (D(520), D(610), D(1250))


# --- 4. one sheet per commune ---------------------------------------------------------------


def test_sheet_per_commune() -> None:
    assert verdicts("communes.xlsx", "Mỹ Thọ", 2026, 9) == {
        # 40 of 80: 0,5 / 0,75 = 0,67 behind; 70 < 80.
        "1": ("in_progress", "behind", "not_met"),
        # Lower is better (the catalogue): 2,4 above 2,0; estimate 2,2 above too.
        "2": ("in_progress", None, "not_met"),
    }
    # The sheet is named 'Xã Tháp Mười', the unit 'Tháp Mười'.
    assert verdicts("communes.xlsx", "Tháp Mười", 2026, 9) == {
        # 95 of 120: 0,79 / 0,75 = 1,06 on track; 125 > 120.
        "1": ("in_progress", "on_track", "exceeded"),
        # 1,4 already below 1,5; 1,3 below too.
        "2": ("exceeded", None, "exceeded"),
    }


# --- 5. a long table, unit and year merged down each block ---------------------------------


def test_long_table_with_merged_unit_and_year() -> None:
    assert verdicts("long_merged.xlsx", "Mỹ Quí", 2026, 9) == {
        # 80 of 110: 0,727 / 0,75 = 0,97 on track; 118 > 110.
        "NS": ("in_progress", "on_track", "exceeded"),
        # 1,6 above 1,5 (lower is better); estimate 1,5 on the target.
        "HN": ("in_progress", None, "met"),
    }
    assert verdicts("long_merged.xlsx", "Mỹ Hiệp", 2026, 9) == {
        # 30 of 60: 0,5 / 0,75 = 0,67 behind; 50 < 60.
        "NS": ("in_progress", "behind", "not_met"),
    }


def test_long_table_cung_ky() -> None:
    table = read_table(OFFICES / "long_merged.xlsx")
    selection = select_report(table, "Xã Mỹ Quí", 2026, 9)  # as the table writes it
    by_id = {i.indicator_id: i for i in selection.indicators}
    # NS has no cùng kỳ: last year's 9-month row gives 70, and last year's whole year 100.
    assert (by_id["NS"].previous, by_id["NS"].previous_source) == (D(70), "last_year_row")
    # HN writes 2,1 while last year's 9-month row says 2,2: one warning, naming both.
    assert by_id["HN"].previous == D("2.1")
    assert len(selection.warnings) == 1
    assert "2,1" in selection.warnings[0] or "2.1" in selection.warnings[0]


# --- 6. numbering restarting in each group, a year-end report ------------------------------


def test_group_numbering_restarts() -> None:
    assert verdicts("group_numbering.xlsx", "Mỹ Quí", 2025, 12) == {
        # 66,2 > 65.
        "A.1": ("exceeded", None, "exceeded"),
        # 1 of 2 at year end.
        "A.2": ("not_met", None, "not_met"),
        # '< 10' with 9,8: beyond the strict bound is exceeded.
        "B.1": ("exceeded", None, "exceeded"),
        # 90 on 90, and the office says 'Hoàn thành'.
        "B.2": ("met", None, "met"),
        # 93 below 95, 'Không đạt'.
        "C.1": ("not_met", None, "not_met"),
    }


# --- 7. every target wording, numbers as text, percent cells, verdict words ----------------


def test_target_forms() -> None:
    assert verdicts("target_forms.xlsx", "Mỹ Hiệp", 2026, 9) == {
        # '≥ 405', '312,5' typed as text: 0,772 / 0,75 = 1,03 on track; 410 > 405.
        "01": ("in_progress", "on_track", "exceeded"),
        # 'Từ 10,5% trở lên': 10,2 short (a level); 10,6 beyond.
        "02": ("in_progress", None, "exceeded"),
        # 'Trên 94%', the cell 94,0% formatted as percent: on a strict bound, and the office
        # says 'Chưa đạt' (in progress); 'Ước đạt' for the year overrides the 94,5%.
        "03": ("in_progress", None, "met"),
        # 'Dưới 1,2%': 1,25 above; 'Khó đạt' waits (the office says at risk), and for the
        # year 'Khó đạt' is not met.
        "04": ("in_progress", "at_risk", "not_met"),
        # 'Không quá 12 vụ', '07' as text: under the ceiling, the year goes on; 10 < 12.
        "05": ("in_progress", None, "exceeded"),
        # 'Giảm còn 1,2': 1,3 above; the estimate 1,2 on it.
        "06": ("in_progress", None, "met"),
        # 'Khoảng 45': 40 short but the office says 'Ước đạt'; 46 beyond 45.
        "07": ("met", None, "exceeded"),
        # '575 (tăng 15%)': 420 of 575: 0,730 / 0,75 = 0,97 on track; 'Hoàn thành vượt'.
        "08": ("in_progress", "on_track", "exceeded"),
        # A milestone in progress ('x' gives no verdict); 'Hoàn thành' expected.
        "09": ("in_progress", None, "met"),
        # 'Tăng 10-12% so với năm 2025' on cùng kỳ 48: 52,8-53,76, and 52 is short; no
        # figure of the whole of 2025: no data for the year.
        "10": ("in_progress", None, "no_data"),
        # 'x' for the period is no figure; 97 within 95 - 100.
        "11": ("no_data", None, "met"),
        # '07 - 09' with 8: met already; 10 beyond 9.
        "12": ("met", None, "exceeded"),
        # 'từ 70 đến 72' with 71, 'Đạt'; 'Chưa đạt' for the year is not met.
        "13": ("met", None, "not_met"),
        # No Loại or Chiều: 'dưới 1,8 %' says lower is better. 1,85 is above (a level, in
        # progress, not 'exceeded'); the estimate 1,7 is beyond the strict bound: exceeded.
        "14": ("in_progress", None, "exceeded"),
    }


def test_percent_cells_and_text_numbers() -> None:
    table = read_table(OFFICES / "target_forms.xlsx", unit="Mỹ Hiệp", year=2026, period_months=9)
    by_id = {i.indicator_id: i for i in table.indicators}
    # A cell 0,94 formatted as 0.0% is 94 (%), and '07' typed as text is 7.
    assert (by_id["03"].actual, by_id["03"].estimate, by_id["03"].previous) == (
        D(94),
        D("94.5"),
        D(93),
    )
    assert by_id["05"].actual == D(7)
    assert (by_id["04"].target.high, by_id["04"].target.high_strict) == (D("1.2"), True)
    assert by_id["05"].target.high == D(12)
    assert by_id["11"].actual is None and by_id["11"].previous is None


# --- reportlib check: every guess once, nothing else ----------------------------------------

GUESSES = {
    "phu_luc_xa.xlsx": 8,  # no Loại/Chiều column: each of the 8 indicators
    "three_row_header.xlsx": 4,
    "group_numbering.xlsx": 5,
    "target_forms.xlsx": 14,
    "communes.xlsx": 1,  # the summary sheet has no Loại column; each commune's sheet has
    "long_merged.xlsx": 0,  # Loại and Chiều columns
}


@pytest.mark.parametrize(("name", "count"), GUESSES.items())
def test_check_names_every_guess_once(name: str, count: int) -> None:
    path = str(OFFICES / name)
    result = check_paths([path], PROJECT)
    table = result.tables[path]
    assert (table.problems, table.error) == ((), "")
    names = [g.indicator for g in table.guesses]
    assert len(names) == len(set(names)) == count


# --- bad tables: one clear error naming file, sheet, row, column, value ---------------------

BAD = {
    "bad_tcvn3_header.xlsx": (3, "B", "ChØ tiªu", "TCVN3"),
    "bad_count.xlsx": (4, "Thực hiện 9 tháng", "12,5", "a whole number"),
    "bad_percent.xlsx": (4, "Thực hiện 9 tháng", "75%", "'%' is for figures whose unit is %"),
    "bad_target.xlsx": (4, "Kế hoạch", "Phấn đấu giảm sâu", "a target"),
}


@pytest.mark.parametrize(("name", "expected"), BAD.items())
def test_bad_table_gives_one_clear_error(name: str, expected: tuple[int, str, str, str]) -> None:
    row, column, value, why = expected
    path = str(OFFICES / name)
    result = check_paths([path], PROJECT)
    problems = result.tables[path].problems
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.row, problem.sheet) == (row, "Phụ lục")
    message = str(problem)
    for part in (name, "sheet 'Phụ lục'", f"row {row}", f"column '{column}'", value, why):
        assert part in message, f"{part!r} not in {message}"


def test_two_target_columns_are_named() -> None:
    with pytest.raises(DataError) as caught:
        read_table(OFFICES / "ambiguous_targets.xlsx")
    message = str(caught.value)
    assert "Chỉ tiêu tỉnh giao" in message and "Chỉ tiêu HĐND xã giao" in message
    assert "one column for 'target'" in message
    table = read_table(
        OFFICES / "ambiguous_targets.xlsx",
        columns={"Chỉ tiêu tỉnh giao": "ignore"},
        unit="Mỹ Hiệp",
        year=2026,
        period_months=9,
    )
    assert [i.target.low for i in table.indicators] == [D(25), D(96)]


# --- the corpus is what make_tables.py writes ------------------------------------------------


def test_committed_tables_equal_a_fresh_generation(tmp_path: Path) -> None:
    # In a fresh interpreter: openpyxl reads OPENPYXL_LXML when first imported, and here
    # it has long been imported (with lxml, whose bytes differ).
    script = OFFICES / "make_tables.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, timeout=120)
    fresh = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in OFFICES.iterdir() if p.suffix in (".xlsx", ".csv"))
    assert fresh == committed
    _match, mismatch, errors = filecmp.cmpfiles(OFFICES, tmp_path, fresh, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_check_the_csv_with_its_params(tmp_path: Path) -> None:
    # Alone, '15.000' reads two ways (an error per cell, naming decimal:); its params settle it.
    (tmp_path / "data").mkdir()
    (tmp_path / "params").mkdir()
    (tmp_path / "data" / "phu_luc_xa.csv").write_bytes((OFFICES / "phu_luc_xa.csv").read_bytes())
    params = tmp_path / "params" / "thap-muoi.yaml"
    params.write_text(
        "unit: Tháp Mười\nprovince: Đồng Tháp\nyear: 2026\nperiod_months: 9\n"
        "data: data/phu_luc_xa.csv\ndecimal: ','\nlanguage: vi\n",
        encoding="utf-8",
    )
    result = check_paths([str(params)], tmp_path)
    (report,) = result.reports
    assert (report.ok, report.indicators, report.notices) == (True, 8, ())
    (table,) = result.tables.values()
    assert table.problems == ()
    assert len({g.indicator for g in table.guesses}) == len(table.guesses) == 8
