"""Reading and validating indicator tables (SPEC §3): formats, headers, errors, selection."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from reportlib.engine.columns import header_meaning
from reportlib.engine.select import select_report
from reportlib.engine.table import IndicatorTable, read_table
from reportlib.engine.words import parse_direction, parse_kind, parse_verdict
from reportlib.errors import DataError

D = Decimal
TABLES = Path(__file__).parent / "data" / "tables"
PROJECT = Path(__file__).resolve().parents[1]
SAMPLE_CSV = PROJECT / "data" / "dong-thap" / "indicators.csv"
SAMPLE_XLSX = PROJECT / "data" / "dong-thap" / "indicators.xlsx"

VI_HEADER = ["Huyện", "Năm", "Mã", "Chỉ tiêu", "ĐVT", "Loại", "Chiều", "Kế hoạch", "Thực hiện"]


def table_errors(path: Path, district: str = "Tháp Mười", year: int = 2023) -> DataError:
    """Return the DataError that refuses the report of ``district`` and ``year``."""
    with pytest.raises(DataError) as caught:
        table = read_table(path)
        select_report(table, district, year)
    return caught.value


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} not in:\n{message}"


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    path.write_text("\n".join(delimiter.join(r) for r in rows) + "\n", encoding="utf-8")
    return path


# --- headers and keywords of SPEC §3 -------------------------------------------------------


def match_column(header: str) -> str | None:
    """Return the field one header names, as the reader sees it."""
    return header_meaning([header]).field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tỉnh", "province"),
        ("Huyện", "unit"),
        ("Đơn vị", "unit"),
        ("Xã", "unit"),
        ("Phường", "unit"),
        ("Năm", "year"),
        ("Mã", "indicator_id"),
        ("Mã chỉ tiêu", "indicator_id"),
        ("STT", "stt"),
        ("TT", "stt"),
        ("Chỉ tiêu", "indicator"),
        ("Tên chỉ tiêu", "indicator"),
        ("Nhóm", "group"),
        ("Lĩnh vực", "group"),
        ("ĐVT", "unit_of_measure"),
        ("Đơn vị tính", "unit_of_measure"),
        ("Loại", "kind"),
        ("Chiều", "direction"),
        ("Xu hướng", "direction"),
        ("Kế hoạch", "target"),
        ("KH", "target"),
        ("Chỉ tiêu NQ", "target"),
        ("Mục tiêu", "target"),
        ("Kế hoạch năm 2023", "target"),
        ("Thực hiện", "actual"),
        ("TH kỳ báo cáo", "actual"),
        ("Thực hiện 9 tháng", "actual"),
        ("Thực hiện 6 tháng đầu năm 2023", "actual"),
        ("Ước thực hiện cả năm", "estimate"),
        ("Ước TH", "estimate"),
        ("Ước cả năm", "estimate"),
        ("Cùng kỳ", "previous"),
        ("Năm trước", "previous"),
        ("Đánh giá", "assessment"),
        ("Ghi chú", "note"),
        ("ke hoach", "target"),
        ("THỰC HIỆN", "actual"),
        ("target", "target"),
        ("Indicator_ID", "indicator_id"),
    ],
)
def test_match_column_accepts_the_headers_of_spec(header: str, field: str) -> None:
    assert match_column(header) == field
    assert match_column(unicodedata.normalize("NFD", header)) == field


@pytest.mark.parametrize("header", ["", "Cột 1", "Tổng", "Xếp loại thi đua"])
def test_match_column_ignores_other_headers(header: str) -> None:
    assert match_column(header) is None


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("cumulative", "cumulative"),
        ("lũy kế", "cumulative"),
        ("Lũy kế", "cumulative"),
        ("level", "level"),
        ("thời điểm", "level"),
        ("milestone", "milestone"),
        ("mốc", "milestone"),
    ],
)
def test_kind_words(word: str, kind: str) -> None:
    assert parse_kind(word) == kind


@pytest.mark.parametrize(
    ("word", "direction"),
    [
        ("higher", "higher"),
        ("tăng", "higher"),
        ("TĂNG", "higher"),
        ("lower", "lower"),
        ("giảm", "lower"),
        ("Giảm", "lower"),
    ],
)
def test_direction_words(word: str, direction: str) -> None:
    assert parse_direction(word) == direction


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("vượt", "exceeded"),
        ("Đạt", "met"),
        ("không đạt", "not_met"),
        ("Không đạt", "not_met"),
        ("đang thực hiện", None),
        ("not_met", "not_met"),
        ("Hoàn thành vượt", "exceeded"),
        ("Ước đạt", "met"),
        ("Dự kiến đạt", "met"),
        ("Không hoàn thành", "not_met"),
        ("Chưa đạt", "not_yet"),
        ("Khó đạt", "at_risk"),
        ("Có nguy cơ không đạt", "at_risk"),
        ("Chưa đánh giá", None),
        ("x", None),
    ],
)
def test_assessment_words(word: str, status: str | None) -> None:
    assert parse_verdict(word) == status


# --- formats --------------------------------------------------------------------------------


def test_vietnamese_semicolon_csv_reads_every_field() -> None:
    table = read_table(TABLES / "vi_semicolon_utf8.csv")
    assert table.problems == {}
    ct01, ct02, ct07, ct11 = table.indicators
    assert ct01.unit == "Tháp Mười"
    assert ct01.province == "Đồng Tháp"
    assert ct01.year == 2023
    assert ct01.indicator_id == "CT01"
    assert ct01.unit_of_measure == "%"
    assert (ct01.kind, ct01.direction) == ("level", "higher")
    assert (ct01.target_low, ct01.target_high) == (D("7.5"), D("8"))
    assert (ct01.actual, ct01.estimate, ct01.previous) == (D("7.8"), D("8.1"), D("7.2"))
    assert ct01.row == 2
    assert (ct02.kind, ct02.target_low, ct02.estimate) == ("cumulative", D("1234.5"), D("1300.25"))
    assert ct07.direction == "lower"
    assert ct11.kind == "milestone"
    assert (ct11.target_low, ct11.actual, ct11.estimate) == (D(1), D(0), D(0))
    assert ct11.assessment == "not_met"
    assert ct11.note == "Tạm dừng"


def test_bom_and_no_bom_read_the_same() -> None:
    with_bom = TABLES / "vi_semicolon_utf8_bom.csv"
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    plain = read_table(TABLES / "vi_semicolon_utf8.csv")
    bom = read_table(with_bom)
    assert bom.indicators == plain.indicators
    assert bom.columns["province"] == "Tỉnh"  # the BOM is not glued to the first header


def test_comma_separated_english_headers_read_like_semicolon_vietnamese() -> None:
    english = read_table(TABLES / "en_comma.csv")
    vietnamese = read_table(TABLES / "vi_semicolon_utf8.csv")
    assert english.problems == {}
    assert english.indicators == vietnamese.indicators


def test_other_vietnamese_header_spellings() -> None:
    table = read_table(TABLES / "vi_other_spellings.csv")
    assert table.columns == {
        "unit": "Đơn vị",
        "year": "Năm",
        "indicator_id": "Mã chỉ tiêu",
        "indicator": "Tên chỉ tiêu",
        "unit_of_measure": "ĐVT",
        "kind": "Loại",
        "direction": "Xu hướng",
        "target": "Kế hoạch năm 2023",
        "actual": "Thực hiện 9 tháng",
        "estimate": "Ước thực hiện cả năm",
        "previous": "Năm trước",
    }
    ct01, ct02 = table.indicators
    assert ct01.unit == "Tháp Mười"
    assert (ct01.target_low, ct01.target_high, ct01.actual) == (D("7.5"), D("8"), D("7.8"))
    assert (ct02.estimate, ct02.previous) == (D("1300.25"), D("280"))


def test_headers_match_case_and_accent_insensitively() -> None:
    table = read_table(TABLES / "vi_folded_headers.csv")
    assert table.columns["target"] == "ke hoach"
    assert table.columns["actual"] == "THỰC HIỆN"
    assert table.columns["unit"] == "HUYEN"
    assert table.columns["unit_of_measure"] == "dvt"
    assert [i.actual for i in table.indicators] == [D("7.8"), D("300")]


def test_nfd_headers_and_legacy_letters_in_cells(tmp_path: Path) -> None:
    header = [unicodedata.normalize("NFD", h) for h in VI_HEADER]
    path = write_csv(
        tmp_path / "nfd.csv",
        [header, ["Tháp M\u01a3ời ", "2023", "CT01", " Tăng trưởng ", "%", "", "", "7,5", "7,8"]],
    )
    (indicator,) = read_table(path).indicators
    assert indicator.unit == "Tháp Mười"
    assert indicator.indicator == "Tăng trưởng"


def test_missing_markers_are_no_data_not_zero(tmp_path: Path) -> None:
    rows = [[*VI_HEADER, "Ước cả năm", "Cùng kỳ"]]
    for number, marker in enumerate(["", "-", "—", "x", "n/a", "chưa có", "Chưa có"]):
        cells = ["Tháp Mười", "2023", f"CT{number}", "A", "%", "", "", "7,5"]
        rows.append([*cells, marker, marker, marker])
    table = read_table(write_csv(tmp_path / "missing.csv", rows))
    assert table.problems == {}
    assert all(i.actual is None and i.estimate is None for i in table.indicators)
    assert all(i.previous is None for i in table.indicators)


def test_defaults_kind_level_direction_higher_and_milestone_without_target(
    tmp_path: Path,
) -> None:
    rows = [
        VI_HEADER,
        ["Tháp Mười", "2023", "CT01", "A", "%", "", "", "7,5", "7,8"],
        ["Tháp Mười", "2023", "CT02", "B", "nhiệm vụ", "mốc", "", "", "đạt"],
    ]
    level, milestone = read_table(write_csv(tmp_path / "defaults.csv", rows)).indicators
    assert (level.kind, level.direction) == ("level", "higher")
    assert milestone.kind == "milestone"
    assert milestone.actual == D(1)


# --- .xlsx ----------------------------------------------------------------------------------


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A workbook with a cover sheet first and the table on sheet 'Chỉ tiêu'."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Bìa"
    cover.append(["BÁO CÁO CHỈ TIÊU"])
    sheet = book.create_sheet("Chỉ tiêu")
    sheet.append([*VI_HEADER, "Ước cả năm"])
    sheet.append(
        ["Tháp Mười", 2023, "CT01", "Tăng trưởng", "%", "thời điểm", "tăng", "7,5 - 8", 7.8, 8.1]
    )
    sheet.append(
        [
            "Tháp Mười",
            2023,
            "CT02",
            "Thu ngân sách",
            "tỷ đồng",
            "lũy kế",
            "tăng",
            1100,
            1136.4,
            None,
        ]
    )
    sheet.append(["Tháp Mười", 2023, "CT03", "Quy hoạch", "nhiệm vụ", "mốc", "tăng", None, 1, 0])
    path = tmp_path / "chi-tieu.xlsx"
    book.save(path)
    return path


def test_xlsx_numeric_cells_text_ranges_and_sheet_by_name(workbook: Path) -> None:
    table = read_table(workbook, sheet="Chỉ tiêu")
    assert table.problems == {}
    ct01, ct02, ct03 = table.indicators
    assert (ct01.target_low, ct01.target_high, ct01.actual) == (D("7.5"), D("8"), D("7.8"))
    assert (ct02.target_low, ct02.actual, ct02.estimate) == (D("1100"), D("1136.4"), None)
    assert (ct03.kind, ct03.actual, ct03.estimate) == ("milestone", D(1), D(0))
    assert [i.row for i in table.indicators] == [2, 3, 4]


def test_xlsx_sheet_name_matches_accent_insensitively(workbook: Path) -> None:
    assert len(read_table(workbook, sheet="chi tieu").indicators) == 3


def test_xlsx_default_is_the_first_sheet(workbook: Path) -> None:
    with pytest.raises(DataError, match="column"):
        read_table(workbook)  # the cover sheet has no indicator table


def test_xlsx_wrong_sheet_name_lists_the_sheets(workbook: Path) -> None:
    with pytest.raises(DataError) as caught:
        read_table(workbook, sheet="Chi tieu 2023")
    assert_names(str(caught.value), str(workbook), "'Chi tieu 2023'", "Bìa", "Chỉ tiêu")


def test_xlsx_cell_error_names_spreadsheet_row_and_column(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([])  # a blank first row: the header is spreadsheet row 2
    sheet.append(VI_HEADER)
    sheet.append(["Tháp Mười", 2023, "CT01", "A", "%", None, None, 7.5, 7.8])
    sheet.append(["Tháp Mười", 2023, "CT02", "B", "%", None, None, 7.5, "khoảng 8"])
    path = tmp_path / "blank-first-row.xlsx"
    book.save(path)
    error = table_errors(path)
    assert_names(str(error), str(path), "row 4", "column 'Thực hiện'", "'khoảng 8'")


def test_xlsx_percent_formatted_cell_reads_as_shown(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(VI_HEADER)
    sheet.append(["Tháp Mười", 2023, "CT01", "Tỷ lệ hộ nghèo", "%", None, "giảm", "2,1", 0.0195])
    sheet["I2"].number_format = "0.00%"
    path = tmp_path / "percent.xlsx"
    book.save(path)
    (indicator,) = read_table(path, decimal=",").indicators
    assert indicator.actual == D("1.95")


def test_sample_csv_and_xlsx_read_to_the_same_indicators() -> None:
    from_csv = read_table(SAMPLE_CSV, decimal=",")
    from_xlsx = read_table(SAMPLE_XLSX, decimal=",", sheet="Chỉ tiêu")
    assert from_csv.problems == {}
    assert from_xlsx.problems == {}
    assert len(from_csv.indicators) == 396
    assert from_xlsx.indicators == from_csv.indicators


def test_sample_csv_without_decimal_mark_reports_ambiguous_cells() -> None:
    table = read_table(SAMPLE_CSV)
    assert table.all_problems
    assert all("read two ways" in p.expected for p in table.all_problems)


# --- whole-file errors ----------------------------------------------------------------------


def test_a_table_without_a_unit_of_measure_column_reads(tmp_path: Path) -> None:
    # SPEC v2: ĐVT is not required (milestones have none; some tables put it in the name).
    table = read_table(TABLES / "no_unit_of_measure.csv")
    assert table.indicators and all(i.unit_of_measure == "" for i in table.indicators)


def test_required_column_missing(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "no-target.csv",
        [
            ["Huyện", "Năm", "Mã", "Chỉ tiêu", "Thực hiện"],
            ["Tháp Mười", "2023", "CT01", "Thu", "5"],
        ],
    )
    with pytest.raises(DataError) as caught:
        read_table(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row) == (str(path), 1)
    # names the missing field, the headers accepted for it and the header the file has
    assert_names(str(caught.value), str(path), "row 1", "'target'", "ke hoach", "Huyện, Năm, Mã")


def test_nonexistent_file() -> None:
    path = TABLES / "no-such-table.csv"
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert_names(str(caught.value), str(path), "does not exist")


def test_unreadable_file_type(tmp_path: Path) -> None:
    path = tmp_path / "table.ods"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert_names(str(caught.value), str(path), "'.ods'", ".csv or .xlsx")


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert_names(str(caught.value), str(path), "readable .xlsx")


def test_empty_file() -> None:
    path = TABLES / "error_empty.csv"
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert_names(str(caught.value), str(path), "empty")


def test_header_only_file() -> None:
    path = TABLES / "error_header_only.csv"
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert_names(str(caught.value), str(path), "data row")


def test_non_utf8_cp1258_file() -> None:
    path = TABLES / "error_cp1258.csv"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("cp1258").startswith("Huyen;")
    with pytest.raises(DataError) as caught:
        read_table(path)
    (problem,) = caught.value.problems
    assert problem.row == 2  # the first line with bytes that are not UTF-8
    assert_names(str(caught.value), str(path), "row 2", "UTF-8", "Windows-1258")
    assert problem.value is not None and "\\x" in problem.value  # the offending bytes


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(";".join(VI_HEADER).encode("utf-16"))
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert_names(str(caught.value), str(path), "UTF-16")


# --- row errors: one per kind, each naming file, row, column as written, value --------------


@pytest.mark.parametrize(
    ("fixture", "row", "column", "value", "expected"),
    [
        ("error_unknown_kind.csv", 3, "Loại", "tích lũy", "a kind"),
        ("error_unknown_direction.csv", 3, "Chiều", "ngang", "a direction"),
        ("error_text_number.csv", 3, "Thực hiện 9 tháng", "khoảng 300", "a number"),
        ("error_duplicate_id.csv", 4, "Mã", "CT02", "row 3 has it already"),
        ("error_missing_target.csv", 3, "Kế hoạch", "-", "only milestones may have none"),
        ("error_bad_year.csv", 3, "Năm", "năm 2023", "a year"),
        ("error_bad_milestone.csv", 3, "Thực hiện", "2", "a milestone value"),
        ("error_bad_assessment.csv", 3, "Đánh giá", "tốt", "an assessment"),
    ],
    ids=[
        "unknown-kind",
        "unknown-direction",
        "text-for-number",
        "duplicate-id",
        "missing-target",
        "bad-year",
        "bad-milestone",
        "bad-assessment",
    ],
)
def test_row_error_names_file_row_column_and_value(
    fixture: str, row: int, column: str, value: str, expected: str
) -> None:
    path = TABLES / fixture
    error = table_errors(path)
    (problem,) = error.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        str(path),
        row,
        column,
        value,
    )
    assert_names(str(error), str(path), f"row {row}", f"column '{column}'", repr(value), expected)


def test_display_path_names_the_file_as_the_params_file_writes_it() -> None:
    table = read_table(TABLES / "error_unknown_kind.csv", display_path="data/chi-tieu.csv")
    with pytest.raises(DataError) as caught:
        select_report(table, "Tháp Mười", 2023)
    assert str(caught.value).count("data/chi-tieu.csv, row 3") == 1


def test_five_defects_in_one_district_give_one_error_listing_all() -> None:
    path = TABLES / "error_five_defects.csv"
    table = read_table(path)
    assert len(table.all_problems) == 5
    error = table_errors(path)
    assert len(error.problems) == 5
    assert [(p.row, p.column, p.value) for p in error.problems] == [
        (2, "Loại", "tích lũy"),
        (3, "Chiều", "ngang"),
        (4, "Thực hiện", "khoảng 2"),
        (5, "Kế hoạch", "chưa có"),
        (6, "Đánh giá", "tốt"),
    ]
    message = str(error)
    assert message.startswith("5 problems")
    for row in range(2, 7):
        assert f"{path}, row {row}" in message


def test_csv_row_numbers_count_records_not_lines(tmp_path: Path) -> None:
    path = tmp_path / "multiline.csv"
    path.write_text(
        ";".join([*VI_HEADER, "Ghi chú"]) + "\n"
        'Tháp Mười;2023;CT01;A;%;;;7,5;7,8;"dòng một\ndòng hai"\n'
        "Tháp Mười;2023;CT02;B;%;;;7,5;abc;\n",
        encoding="utf-8",
    )
    (problem,) = read_table(path).all_problems
    assert problem.row == 3


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "blank-lines.csv"
    path.write_text(
        ";".join(VI_HEADER) + "\n\n"
        "Tháp Mười;2023;CT01;A;%;;;7,5;7,8\n\n"
        "Tháp Mười;2023;CT02;B;%;;;7,5;abc\n",
        encoding="utf-8",
    )
    (problem,) = read_table(path).all_problems
    assert problem.row == 5


# --- select_report --------------------------------------------------------------------------


@pytest.fixture
def two_years() -> IndicatorTable:
    return read_table(TABLES / "two_years.csv")


def test_select_report_exact_district(two_years: IndicatorTable) -> None:
    selection = select_report(two_years, "Tháp Mười", 2023)
    assert selection.unit == "Tháp Mười"
    assert selection.warnings == ()
    assert [i.indicator_id for i in selection.indicators] == ["CT01", "CT02"]
    assert {i.year for i in selection.indicators} == {2023}
    assert {i.year for i in selection.history} == {2022, 2023}


@pytest.mark.parametrize("written", ["Thap Muoi", "tháp mười", "THÁP MƯỜI"])
def test_select_report_accent_insensitive_match_warns(
    two_years: IndicatorTable, written: str
) -> None:
    selection = select_report(two_years, written, 2023)
    assert selection.unit == "Tháp Mười"
    (warning,) = selection.warnings
    assert_names(warning, f"'{written}'", "'Tháp Mười'", "accents")


def test_select_report_unknown_district_lists_districts_and_nearest() -> None:
    table = read_table(TABLES / "two_districts_one_bad.csv")
    with pytest.raises(DataError) as caught:
        select_report(table, "Thap Muoy", 2023)
    assert_names(
        str(caught.value), "'Thap Muoy'", "Tháp Mười", "Cao Lãnh", "did you mean 'Tháp Mười'"
    )


def test_select_report_missing_year_lists_years(two_years: IndicatorTable) -> None:
    with pytest.raises(DataError) as caught:
        select_report(two_years, "Tháp Mười", 2021)
    assert_names(str(caught.value), "'2021'", "2022, 2023", "nearest is 2022")


def test_problem_in_one_district_blocks_it_but_not_another() -> None:
    table = read_table(TABLES / "two_districts_one_bad.csv")
    with pytest.raises(DataError) as caught:
        select_report(table, "Tháp Mười", 2023)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "Kế hoạch", "nhiều")
    other = select_report(table, "Cao Lãnh", 2023)
    assert len(other.indicators) == 4
    assert other.unit == "Cao Lãnh"


def test_row_without_a_valid_year_blocks_every_report_of_the_table() -> None:
    table = read_table(TABLES / "error_bad_year.csv")
    assert None in table.problems  # cannot be tied to a district and year
    with pytest.raises(DataError, match="năm 2023"):
        select_report(table, "Tháp Mười", 2023)


def test_read_table_does_not_raise_for_row_problems() -> None:
    table = read_table(TABLES / "two_districts_one_bad.csv")
    assert isinstance(table, IndicatorTable)
    assert table.units() == ["Tháp Mười", "Cao Lãnh"]
    assert table.years("Cao Lãnh") == [2023]
