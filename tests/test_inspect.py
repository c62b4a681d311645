"""`reportlib inspect`: how the reader understood a table, on the office's own Phụ lục."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportlib.cli.main import main

PHU_LUC = "data/dong-thap-2026/phu-luc-thap-muoi.xlsx"


@pytest.fixture
def reading(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> dict:
    monkeypatch.chdir(root)
    assert main(["inspect", PHU_LUC, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_the_header_and_each_column_are_named(reading: dict) -> None:
    assert reading["shape"] == "office" and reading["sheet"] == "Xã Tháp Mười"
    assert reading["title"]["year"] == 2026 and reading["title"]["period_months"] == 9
    assert reading["header"]["rows"] == [8, 9] and reading["header"]["numbers_row"] == 10
    fields = {c["header"]: c["field"] for c in reading["header"]["columns"]}
    assert fields["Năm 2025 | TH 9 tháng"] == "previous"  # last year's same period: cùng kỳ
    assert fields["Năm 2025 | TH cả năm"] == "last_year"
    assert fields["Năm 2025 | Kế hoạch"] is None  # last year's plan is not an input
    assert fields["Năm 2026 | TH 9 tháng"] == "actual"
    assert fields["Năm 2026 | Ước TH cả năm"] == "estimate"
    assert fields["So sánh (%) | TH/KH"] is None


def test_each_row_has_its_role_and_only_indicators_count(reading: dict) -> None:
    roles = {r["row"]: r["role"] for r in reading["rows"]}
    assert roles[11] == "group" and roles[13] == "subrow" and roles[29] == "footnote"
    assert roles[31] == roles[32] == roles[36] == "signature"
    assert [r["row"] for r in reading["rows"] if r["role"] == "indicator"] == [
        12,
        14,
        15,
        16,
        17,
        18,
        19,
        21,
        22,
        23,
        25,
        27,
    ]
    assert reading["problems"] == []


def test_targets_kinds_and_directions_say_where_they_came_from(reading: dict) -> None:
    by_id = {i["indicator_id"]: i for i in reading["indicators"]}
    poverty = by_id["8"]
    assert poverty["target"]["form"] == "less_than" and poverty["target"]["high"] == "1.2"
    assert poverty["target"]["high_strict"] is True
    assert (poverty["direction"], poverty["direction_source"]) == ("lower", "wording")
    assert poverty["actual"] == "1.15"  # a percent-formatted cell, read as it is shown
    assert (by_id["7"]["kind"], by_id["7"]["kind_source"]) == ("milestone", "wording")
    assert by_id["1"]["target"]["approximate"] is True  # 'Khoảng 45'
    assert (by_id["12"]["target"]["form"], by_id["12"]["direction"]) == ("at_most", "lower")
    assert len(reading["guesses"]) == 12  # no Loại or Chiều anywhere: every kind is a guess


def test_the_terminal_view_names_the_layout(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["inspect", PHU_LUC]) == 0
    out = capsys.readouterr().out
    for words in (
        "office table",
        "column numbers in row 10",
        "Năm 2025 | TH 9 tháng",
        "signature",
        "less_than",
        "12 indicators, no problem",
    ):
        assert words in out, words


def test_a_table_that_does_not_read_exits_1_with_its_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Chỉ tiêu;Kế hoạch;Thực hiện\nThu;nhiều;5\n", encoding="utf-8")
    assert main(["inspect", str(path), "--json"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert "row 2" in problem and "'nhiều'" in problem
