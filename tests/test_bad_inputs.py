"""Bad input tables (SPEC §3, issue 6): every one gets a clear error or is read correctly.

The small text fixtures live in tests/data/bad/ (see its README.md); the binary and large ones
(.xlsx files, 50 000 rows, a 20 MB cell) are generated here in tmp_path. For every bad table the
error names the file, the row as the spreadsheet numbers it, the column as written, the value and
what was expected, and `reportlib check` exits 1.
"""

from __future__ import annotations

import json
import shutil
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import write_params

import reportlib
from reportlib.cli.main import main
from reportlib.engine.params import load_params
from reportlib.engine.report import Report, load_table, prepare_report
from reportlib.engine.select import select_report
from reportlib.engine.sheets import MAX_CELL_CHARS
from reportlib.engine.table import read_table
from reportlib.errors import DataError, Problem
from reportlib.render.narrative import PARTS

D = Decimal
BAD = Path(__file__).parent / "data" / "bad"
HEADER: list[object] = [
    "Huyện",
    "Năm",
    "Mã",
    "Chỉ tiêu",
    "ĐVT",
    "Loại",
    "Chiều",
    "Kế hoạch",
    "Thực hiện",
    "Ước cả năm",
    "Cùng kỳ",
    "Ghi chú",
]
ROW: list[object] = [
    "Tháp Mười",
    2023,
    "CT01",
    "Thu ngân sách nhà nước trên địa bàn",
    "tỷ đồng",
    "lũy kế",
    "tăng",
    400,
    300,
    420,
    380,
    None,
]


def row(indicator_id: str = "CT01", cells: dict[str, object] | None = None) -> list[object]:
    """Return a good data row of Tháp Mười 2023, with the cells named by their header changed."""
    values = list(ROW)
    values[2] = indicator_id
    for header, value in (cells or {}).items():
        values[HEADER.index(header)] = value
    return values


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Chỉ tiêu",
    merge: str | None = None,
) -> Path:
    """Write rows into a workbook's first sheet (openpyxl: no cached formula values)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for values in rows:
        sheet.append(values)
    if merge:
        sheet.merge_cells(merge)
    book.create_sheet("Ghi chú").append(["Nguồn: Chi cục Thống kê"])
    book.save(path)
    return path


def read_problems(path: Path, *, sheet: str | None = None) -> tuple[Problem, ...]:
    """Return every problem of a table: the whole-file one raised, or the row problems kept."""
    try:
        table = read_table(path, decimal=",", sheet=sheet)
    except DataError as error:
        return error.problems
    return table.all_problems


def project_with(tmp_path: Path, table: Path, **extra: str) -> Path:
    """Lay out a project whose one params file (Tháp Mười 2023) reads ``table`` as data/<name>."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True, exist_ok=True)
    (project / "pyproject.toml").write_text("# project root marker\n", encoding="utf-8")
    shutil.copyfile(table, project / "data" / table.name)
    lines = [
        "district: Tháp Mười",
        "year: 2023",
        "period_months: 9",
        f"data: data/{table.name}",
        'decimal: ","',
    ]
    # JSON strings are YAML strings: any sheet name is written safely.
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    (project / "params").mkdir(exist_ok=True)
    (project / "params" / "report.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} not in:\n{message}"


def run_check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@dataclass(frozen=True)
class Expected:
    """What the error for one bad table must say."""

    row: int | None
    column: str | None
    value: str | None  # the problem's value contains this
    expected: str


def find(problems: tuple[Problem, ...], case: Expected) -> Problem:
    matching = [p for p in problems if (p.row, p.column) == (case.row, case.column)]
    assert matching, f"no problem at row {case.row}, column {case.column}: {problems}"
    return matching[0]


def assert_reported(message: str, problem: Problem, shown: str, case: Expected) -> None:
    """The message names the file, the row, the column as written, the value and the remedy."""
    parts = [shown, case.expected]
    if case.row is not None:
        parts.append(f"row {case.row}")
    if case.column is not None:
        parts.append(f"column '{case.column}'")
    if problem.value is not None:
        parts.append(repr(problem.value))
    for part in parts:
        assert part in message, f"{part!r} not in:\n{message}"


def assert_problem(problems: tuple[Problem, ...], shown: str, case: Expected) -> Problem:
    problem = find(problems, case)
    assert problem.file == shown
    if case.value is None:
        assert problem.value is None
    else:
        assert problem.value is not None and case.value in problem.value
    assert case.expected in problem.expected
    assert_reported(str(DataError(problems)), problem, shown, case)
    return problem


def assert_check_fails(
    project: Path, problem: Problem, capsys: pytest.CaptureFixture[str], case: Expected
) -> None:
    """`reportlib check` exits 1 and says what the direct reading said (``problem``)."""
    code, out, err = run_check(project, capsys)
    assert code == 1, out + err
    assert "FAILED  params/report.yaml" in out
    table = next((project / "data").iterdir())
    assert_reported(err, problem, f"data/{table.name}", case)


# --- the committed text fixtures that must be refused ---------------------------------------

REFUSED = {
    "empty.csv": Expected(None, None, None, "a header row and data rows; the file is empty"),
    "header_only.csv": Expected(None, None, None, "at least one data row below the header"),
    # 'Huyện' in Windows-1258 is 'Huy' + ê (0xEA) + combining dot below (0xF2): not UTF-8.
    "windows_1258.csv": Expected(
        1, None, "\\xea", "UTF-8 text; this file is in Windows-1258 (Vietnamese Windows)"
    ),
    "tcvn3_cells.csv": Expected(
        2, "Huyện", "Th¸p M\u00adêi", "this looks typed in the legacy TCVN3 (ABC) font encoding"
    ),
    "spaced_number_error.csv": Expected(
        3, "Thực hiện", "12 5", "spaces may only separate thousands"
    ),
    "huge_exponent.csv": Expected(
        2, "Thực hiện", "1e400", "a number such as 1.234,5 or 1234.5 (optionally with %)"
    ),
    "excel_error.csv": Expected(
        2, "Thực hiện", "#DIV/0!", "a number; the cell holds the Excel error #DIV/0!"
    ),
    "year_zero.csv": Expected(3, "Năm", "0", "a year: a whole number from 1900 to 2200"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_bad_table_is_refused_naming_file_row_column_value(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = REFUSED[name]
    path = BAD / name
    problem = assert_problem(read_problems(path), str(path), case)
    assert_check_fails(project_with(tmp_path, path), problem, capsys, case)


def test_the_windows_1258_fixture_is_what_it_says() -> None:
    raw = (BAD / "windows_1258.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    assert text.startswith("Huyện;Năm;Mã;Chỉ tiêu;ĐVT")
    assert "Tháp Mười;2023;CT01;Thu ngân sách nhà nước" in text


def test_tcvn3_cells_are_all_named_and_no_report_is_built_from_them() -> None:
    path = BAD / "tcvn3_cells.csv"
    table = read_table(path, decimal=",")
    assert table.indicators == ()
    flagged = {(p.row, p.column): p.value for p in table.all_problems}
    assert flagged[(2, "Chỉ tiêu")] == "B¸o c¸o thu ng©n s¸ch nhµ n\u00adíc"
    assert flagged[(2, "ĐVT")] == "tû ®ång"
    assert flagged[(3, "Huyện")] == "Th¸p M\u00adêi"
    assert all("TCVN3" in p.expected for p in table.all_problems)


# --- the committed text fixtures that must be read correctly --------------------------------


def test_blank_rows_are_skipped_and_rows_keep_the_spreadsheet_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = read_table(BAD / "blank_rows.csv", decimal=",")
    assert table.all_problems == ()
    assert [(i.row, i.indicator_id) for i in table.indicators] == [
        (3, "CT01"),
        (6, "CT02"),
        (8, "CT03"),
    ]
    code, out, err = run_check(project_with(tmp_path, BAD / "blank_rows.csv"), capsys)
    assert code == 0, out + err
    assert "(Tháp Mười 2023, 9 months, 3 indicators)" in out


def test_a_bad_cell_after_blank_rows_is_named_by_its_spreadsheet_row(tmp_path: Path) -> None:
    text = (BAD / "blank_rows.csv").read_text(encoding="utf-8")
    path = tmp_path / "blank_rows_bad.csv"
    path.write_text(text.replace(";2,1;2,0;", ";2,1;hai;"), encoding="utf-8")
    problem = assert_problem(
        read_problems(path), str(path), Expected(8, "Thực hiện", "hai", "a number")
    )
    assert problem.row == 8


def test_numbers_with_spaces_and_non_breaking_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = read_table(BAD / "spaced_numbers.csv", decimal=",")
    assert table.all_problems == ()
    first, second = table.indicators
    assert (first.target_low, first.actual, first.estimate, first.previous) == (
        D("1234.5"),
        D("1234.5"),
        D("1300"),
        D("1100.25"),
    )
    assert (second.target_low, second.actual) == (D("12345678"), D("10000000.5"))
    code, out, err = run_check(project_with(tmp_path, BAD / "spaced_numbers.csv"), capsys)
    assert code == 0, out + err


def params_for(table_name: str) -> dict[str, object]:
    return {
        "district": "Tháp Mười",
        "year": 2023,
        "period_months": 9,
        "data": f"data/{table_name}",
        "decimal": ",",
    }


def render_everything(report: Report) -> None:
    for part in PARTS:
        assert reportlib.render_part(report, part) is not None
    for name in ("status", "target", "history"):
        reportlib.chart(report, name)


def test_negative_targets_are_read_and_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with(tmp_path, BAD / "negative_target.csv")
    table = read_table(project / "data" / "negative_target.csv", decimal=",")
    assert table.all_problems == ()
    targets = {i.indicator_id: (i.target_low, i.target_high, i.actual) for i in table.indicators}
    assert targets == {
        "CT01": (D("-0.5"), D("-0.5"), D("-0.3")),
        "CT02": (D("-120"), D("-120"), D("-150")),
        "CT03": (D("-1.5"), D("-0.5"), D("-1")),
    }
    report = prepare_report(params_for("negative_target.csv"), root=project)
    statuses = {a.indicator.indicator_id: a.period_status for a in report.assessed}
    assert statuses == {"CT01": "exceeded", "CT02": "in_progress", "CT03": "met"}
    # "% kế hoạch" only for a positive target (SPEC §5).
    assert all(a.percent_of_target is None for a in report.assessed)
    render_everything(report)
    code, out, err = run_check(project, capsys)
    assert code == 0, out + err


def test_a_target_of_zero_is_read_has_no_percent_and_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with(tmp_path, BAD / "zero_target.csv")
    report = prepare_report(params_for("zero_target.csv"), root=project)
    assert len(report.assessed) == 4
    assert all(a.indicator.target_low == a.indicator.target_high == 0 for a in report.assessed)
    assert all(a.percent_of_target is None for a in report.assessed)
    assert all(a.estimate_percent_of_target is None for a in report.assessed)
    assert all(a.pace is None for a in report.assessed)
    render_everything(report)
    year_end = prepare_report({**params_for("zero_target.csv"), "period_months": 12}, root=project)
    render_everything(year_end)
    code, out, err = run_check(project, capsys)
    assert code == 0, out + err


# --- generated: .xlsx files -----------------------------------------------------------------


def test_wrong_sheet_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "sheets.xlsx", [HEADER, row()])
    case = Expected(None, None, "Chỉ tiêu 2024", "a sheet of the workbook: Chỉ tiêu, Ghi chú")
    problem = assert_problem(read_problems(path, sheet="Chỉ tiêu 2024"), str(path), case)
    assert "did you mean 'Chỉ tiêu'?" in problem.expected
    project = project_with(tmp_path, path, sheet="Chỉ tiêu 2024")
    assert_check_fails(project, problem, capsys, case)


def test_merged_header_cells_hiding_a_required_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 'Chỉ tiêu' merged over 'ĐVT': openpyxl clears E1, so the unit column has no header;
    # the error names the merged range rather than only the missing column.
    path = write_xlsx(tmp_path / "merged.xlsx", [HEADER, row()], merge="D1:E1")
    case = Expected(1, None, "D1:E1", "cells D1:E1 are merged")
    problem = assert_problem(read_problems(path), str(path), case)
    assert "unmerge them" in problem.expected
    assert_check_fails(project_with(tmp_path, path), problem, capsys, case)


def test_merged_header_cells_hiding_an_optional_column_are_not_silently_no_data(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "merged.xlsx", [HEADER, row()], merge="H1:I1")
    with pytest.raises(DataError) as caught:
        table = read_table(path, decimal=",")
        select_report(table, "Tháp Mười", 2023)
    assert_names(str(caught.value), str(path), "row 1")


def test_blank_rows_in_a_workbook(tmp_path: Path) -> None:
    rows: list[Sequence[object]] = [
        HEADER,
        row("CT01"),
        [],
        [None] * len(HEADER),
        row("CT02"),
        ["", " ", None],
        row("CT03", {"Thực hiện": "ba trăm"}),
    ]
    path = write_xlsx(tmp_path / "blank.xlsx", rows)
    table = read_table(path, decimal=",")
    assert [(i.row, i.indicator_id) for i in table.indicators] == [(2, "CT01"), (5, "CT02")]
    (problem,) = table.all_problems
    assert (problem.row, problem.column, problem.value) == (7, "Thực hiện", "ba trăm")


def test_uncalculated_formula_is_an_error_naming_the_cell_not_no_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # openpyxl stores a formula without its value, as a file never opened in Excel has it.
    path = write_xlsx(tmp_path / "formula.xlsx", [HEADER, row(cells={"Thực hiện": "=H2*2"})])
    case = Expected(2, "Thực hiện", "=H2*2", "a formula whose result Excel never saved")
    problem = assert_problem(read_problems(path), str(path), case)
    with pytest.raises(DataError):
        select_report(read_table(path, decimal=","), "Tháp Mười", 2023)
    assert_check_fails(project_with(tmp_path, path), problem, capsys, case)


def test_excel_error_value_in_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "errors.xlsx", [HEADER, row(cells={"Thực hiện": "#DIV/0!"})])
    case = Expected(2, "Thực hiện", "#DIV/0!", "the cell holds the Excel error #DIV/0!")
    problem = assert_problem(read_problems(path), str(path), case)
    assert_check_fails(project_with(tmp_path, path), problem, capsys, case)


# --- generated: size ------------------------------------------------------------------------


def csv_line(values: Sequence[object]) -> str:
    return ";".join("" if v is None else str(v) for v in values)


def test_a_20_mb_cell_is_a_clear_error_naming_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge_cell.csv"
    huge = "Thu ngân sách " * (20 * 1024 * 1024 // 14)
    lines = [csv_line(HEADER), csv_line(row("CT01")), csv_line(row("CT02", {"Ghi chú": huge}))]
    lines.append(csv_line(row("CT03")))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 20 * 1024 * 1024
    case = Expected(3, None, None, f"cells of at most {MAX_CELL_CHARS} characters")
    problem = assert_problem(read_problems(path), str(path), case)
    assert_check_fails(project_with(tmp_path, path), problem, capsys, case)


def test_50000_rows_are_read_and_checked_in_reasonable_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "large.csv"
    lines = [csv_line(HEADER)]
    districts = ["Tháp Mười"] + [f"Huyện {n:02d}" for n in range(1, 50)]
    for district in districts:
        for year in range(2004, 2024):
            for number in range(1, 51):
                lines.append(
                    f"{district};{year};CT{number:02d};Chỉ tiêu số {number};tỷ đồng;lũy kế;tăng;"
                    "1.234,5;1 000,25;1.300;900;"
                )
    assert len(lines) == 50_001
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = project_with(tmp_path, path)
    started = time.monotonic()
    code, out, err = run_check(project, capsys)
    elapsed = time.monotonic() - started
    assert code == 0, out + err
    assert "(Tháp Mười 2023, 9 months, 50 indicators)" in out
    assert elapsed < 60, f"reportlib check took {elapsed:.1f} s on 50 000 rows"
    # The same reading `check` just did (read_table behind load_table's cache).
    params = load_params(next((project / "params").rglob("*.yaml")))
    table = load_table(project / "data" / "large.csv", params, display=params.data)
    assert table.all_problems == ()
    assert len(table.indicators) == 50_000
    last = table.indicators[-1]
    assert (last.row, last.unit, last.year, last.target_low, last.actual) == (
        50_001,
        "Huyện 49",
        2023,
        D("1234.5"),
        D("1000.25"),
    )


# --- findings: bugs the corpus exposes ------------------------------------------------------


@pytest.mark.parametrize("name", ["tcvn3_cells.csv", "year_zero_only.csv"])
def test_a_report_whose_rows_are_all_untied_names_those_rows(name: str, tmp_path: Path) -> None:
    if name == "year_zero_only.csv":
        path = tmp_path / name
        path.write_text(
            csv_line(HEADER) + "\n" + csv_line(row(cells={"Năm": 0})) + "\n", encoding="utf-8"
        )
        expected = "a year"
    else:
        path = BAD / name
        expected = "TCVN3"
    table = read_table(path, decimal=",")
    with pytest.raises(DataError) as caught:
        select_report(table, "Tháp Mười", 2023)
    assert_names(str(caught.value), "row 2", expected)


def test_a_header_typed_in_tcvn3_is_named_tcvn3() -> None:
    path = BAD / "tcvn3_header.csv"
    with pytest.raises(DataError) as caught:
        read_table(path, decimal=",")
    assert_names(str(caught.value), str(path), "row 1", "TCVN3")


def test_tcvn3_text_is_not_named_vni(tmp_path: Path) -> None:
    path = tmp_path / "tcvn3_named_vni.csv"
    lines = [csv_line(HEADER), csv_line(row(cells={"Chỉ tiêu": "Tû lÖ hé nghÌo", "ĐVT": "%"}))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = read_problems(path)
    assert (problem.row, problem.column) == (2, "Chỉ tiêu")
    assert "TCVN3" in problem.expected


@pytest.mark.parametrize(
    ("column", "text"),
    [("Chỉ tiêu", "Sè hé nghÌo"), ("Huyện", "Cao L·nh")],
    ids=["indicator", "district"],
)
def test_tcvn3_text_with_few_marks_is_detected(column: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "tcvn3_few_marks.csv"
    lines = [csv_line(HEADER), csv_line(row(cells={"ĐVT": "hộ", column: text}))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = read_problems(path)
    assert any("TCVN3" in p.expected for p in problems), problems


# --- a build with one bad table -------------------------------------------------------------


@pytest.mark.slow
def test_a_report_with_a_bad_table_fails_alone_and_leaves_no_output(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportlib.build.run import BuildOptions, build_reports

    shutil.copyfile(BAD / "excel_error.csv", small_project / "data" / "excel_error.csv")
    params = write_params(small_project / "params" / "bad.yaml", "Tháp Mười")
    params.write_text(
        params.read_text(encoding="utf-8").replace("data/table.csv", "data/excel_error.csv"),
        encoding="utf-8",
    )
    outputs = small_project / "outputs"
    summary = build_reports(
        None,
        BuildOptions(
            root=small_project, outputs=outputs, formats=("html",), jobs=2, progress=False
        ),
    )
    assert sorted(summary.built) == ["alpha", "beta"]
    assert list(summary.failed) == ["bad"]
    assert_names(summary.failed["bad"], "data/excel_error.csv", "row 2", "#DIV/0!")
    for name in ("alpha", "beta"):
        assert (outputs / f"{name}.html").is_file() and (outputs / f"{name}.ipynb").is_file()
    assert sorted(p.name for p in outputs.glob("bad*")) == []

    # The command line says the same with exit status 1 (the good reports are up to date).
    code = main(["--root", str(small_project), "build", "--format", "html"])
    err = capsys.readouterr().err
    assert code == 1
    assert "#DIV/0!" in err
    assert sorted(p.name for p in outputs.glob("bad*")) == []
    manifest = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["bad"]["status"] == "failed"
    assert manifest["reports"]["bad"]["outputs"] == {}
