"""A table of several provinces: two communes of one name are two units (SPEC §3, §8)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportlib.engine.select import select_report
from reportlib.engine.table import read_table
from reportlib.errors import DataError

HEADER = "Tỉnh;Xã;Năm;Kỳ;Mã;Chỉ tiêu;ĐVT;Loại;Chiều;Kế hoạch;Thực hiện"
ROWS = [
    "Đồng Tháp;Xã Tân Phú;2026;9 tháng;CT01;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;80",
    "Đồng Tháp;Xã Tân Phú;2026;9 tháng;CT02;Tỷ lệ hộ nghèo;%;thời điểm;giảm;2;1,5",
    "Tỉnh Đồng Nai;Xã Tân Phú;2026;9 tháng;CT01;Thu ngân sách;tỷ đồng;lũy kế;tăng;300;90",
    "Tỉnh Đồng Nai;Xã Tân Phú;2026;9 tháng;CT02;Tỷ lệ hộ nghèo;%;thời điểm;giảm;3;3,5",
    "Đồng Tháp;Xã Mỹ Hiệp;2026;9 tháng;CT01;Thu ngân sách;tỷ đồng;lũy kế;tăng;50;45",
]


@pytest.fixture
def table_path(tmp_path: Path) -> Path:
    path = tmp_path / "ca-nuoc.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def test_namesakes_of_two_provinces_are_not_duplicates(table_path: Path) -> None:
    table = read_table(table_path, decimal=",")
    assert table.all_problems == ()
    assert len(table.indicators) == 5


@pytest.mark.parametrize(
    ("province", "actuals"),
    [
        ("Đồng Tháp", [Decimal("80"), Decimal("1.5")]),
        ("Đồng Nai", [Decimal("90"), Decimal("3.5")]),
        ("Tỉnh Đồng Nai", [Decimal("90"), Decimal("3.5")]),
    ],
)
def test_each_report_takes_its_own_province_rows(
    table_path: Path, province: str, actuals: list[Decimal]
) -> None:
    table = read_table(table_path, decimal=",")
    selection = select_report(table, "Tân Phú", 2026, 9, province=province)
    assert [row.actual for row in selection.indicators] == actuals
    assert {row.province for row in selection.indicators} == {
        "Đồng Tháp" if "Tháp" in province else "Tỉnh Đồng Nai"
    }


def test_a_province_the_table_does_not_have_for_the_namesakes_is_named(table_path: Path) -> None:
    table = read_table(table_path, decimal=",")
    with pytest.raises(DataError) as raised:
        select_report(table, "Tân Phú", 2026, 9, province="Cần Thơ")
    (problem,) = raised.value.problems
    assert problem.column == "Tỉnh" and problem.value == "Cần Thơ"
    assert "Đồng Tháp" in problem.expected and "Tỉnh Đồng Nai" in problem.expected
    assert str(table_path) in str(problem.file)


def test_a_table_of_one_province_is_read_as_before(table_path: Path) -> None:
    table = read_table(table_path, decimal=",")
    # Mỹ Hiệp has no namesake: the params' province is checked elsewhere, not here.
    selection = select_report(table, "Mỹ Hiệp", 2026, 9, province="Đồng Tháp")
    assert [row.actual for row in selection.indicators] == [Decimal("45")]


def test_the_same_id_twice_in_one_province_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "trung.csv"
    path.write_text("\n".join([HEADER, ROWS[0], ROWS[0]]) + "\n", encoding="utf-8")
    table = read_table(path, decimal=",")
    assert any("has it already" in p.expected for p in table.all_problems)
