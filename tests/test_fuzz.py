"""Fuzzing the table reader and everything downstream of it (hypothesis).

Whatever a table holds — random text with control characters, numbers in every format,
Vietnamese words, missing markers, ranges — reading it, picking a report, assessing it, counting
and rendering it either works or fails with a `ReportlibError` whose problems each name a file,
what was expected and, for a bad row, a row as the spreadsheet numbers it. Random bytes as a
file give a `DataError` or nothing.
"""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import reportlib
from reportlib.engine.numbers import DecimalMark
from reportlib.engine.report import plausibility_findings, prepare_report
from reportlib.engine.select import select_report
from reportlib.engine.status import assess_all, count_statuses
from reportlib.engine.table import read_table
from reportlib.errors import DataError, Problem, ReportlibError
from reportlib.render.narrative import PARTS

HEADER = [
    "Tỉnh",
    "Huyện",
    "Năm",
    "Mã",
    "Chỉ tiêu",
    "Nhóm",
    "ĐVT",
    "Loại",
    "Chiều",
    "Kế hoạch",
    "Thực hiện",
    "Ước cả năm",
    "Cùng kỳ",
    "Đánh giá",
    "Ghi chú",
]
GOOD_ROW = [
    "Đồng Tháp",
    "Tháp Mười",
    "2023",
    "CT01",
    "Thu ngân sách nhà nước trên địa bàn",
    "Kinh tế",
    "tỷ đồng",
    "lũy kế",
    "tăng",
    "400",
    "300",
    "420",
    "380",
    "",
    "",
]
DISTRICTS = ["Tháp Mười", "Cao Lãnh", "thap muoi"]
VIETNAMESE = [
    "Tháp Mười",
    "Cao Lãnh",
    "chỉ tiêu",
    "hoàn thành",
    "chưa hoàn thành",
    "đạt",
    "không đạt",
    "vượt",
    "đang thực hiện",
    "lũy kế",
    "thời điểm",
    "mốc",
    "tăng",
    "giảm",
    "tỷ đồng",
    "%",
    "Ƣớc thực hiện",  # legacy letter Ƣ
    "Th¸p M\u00adêi",  # TCVN3
    "Tháp Mu\u031bo\u031b\u0300i",  # decomposed (NFD-like) Unicode
    "từ 7,5 đến 8",
]
MISSING = ["", "-", "--", "—", "–", "x", "X", "n/a", "N/A", "chưa có", "  "]
ODD = ["1e400", "1E3", "inf", "NaN", "#DIV/0!", "#N/A", "=H2*2", "1.234", "1,234", "0,125", "12 5"]

DECIMAL_MARKS: list[DecimalMark | None] = [",", ".", None]

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=24)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """A number as people type it: signs, thousands marks, decimal commas, percent signs."""
    value = draw(
        st.decimals(
            min_value=Decimal("-1e9"),
            max_value=Decimal("1e9"),
            allow_nan=False,
            allow_infinity=False,
            places=draw(st.integers(0, 3)),
        )
    )
    plain = f"{value:f}"
    sign, digits = ("-", plain[1:]) if plain.startswith("-") else ("", plain)
    integer, _, fraction = digits.partition(".")
    group = draw(st.sampled_from(["", ".", ",", " ", "\u00a0"]))
    if group:
        head = len(integer) % 3 or 3
        parts = [integer[:head]] + [integer[i : i + 3] for i in range(head, len(integer), 3)]
        integer = group.join(parts)
    mark = draw(st.sampled_from([",", "."]))
    body = integer + (mark + fraction if fraction else "")
    return sign + body + draw(st.sampled_from(["", "", "%", " %"]))


ranges = st.builds(lambda low, high: f"{low} - {high}", numbers(), numbers())
cells = st.one_of(
    text,
    numbers(),
    ranges,
    st.sampled_from(VIETNAMESE),
    st.sampled_from(MISSING),
    st.sampled_from(ODD),
    st.integers(1890, 2210).map(str),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[bytes, DecimalMark | None, int]:
    """A CSV table: the real header (in some order), good rows with random cells put in."""
    order = draw(st.permutations(range(len(HEADER))))
    rows: list[list[str]] = [[HEADER[i] for i in order]]
    for number in range(draw(st.integers(0, 6))):
        row = list(GOOD_ROW)
        row[1] = draw(st.sampled_from(DISTRICTS))
        row[2] = draw(st.sampled_from(["2022", "2023"]))
        row[3] = f"CT{number:02d}"
        if draw(st.booleans()):  # half the rows keep their good cells
            changes = st.dictionaries(st.integers(0, len(HEADER) - 1), cells, max_size=4)
            for index, cell in draw(changes).items():
                row[index] = cell
        written = [row[i] for i in order]
        if draw(st.integers(0, 4)) == 0:
            written = written[: draw(st.integers(0, len(written)))]  # a short row
        rows.append(written)
        if draw(st.integers(0, 5)) == 0:
            rows.append([])  # a blank row
    delimiter = draw(st.sampled_from([";", ","]))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    decimal = draw(st.sampled_from(DECIMAL_MARKS))
    period_months = draw(st.integers(1, 12))
    return data, decimal, period_months


def assert_well_formed(problems: tuple[Problem, ...]) -> None:
    assert problems
    for problem in problems:
        assert problem.file, problem
        assert problem.expected.strip(), problem
        assert problem.row is None or problem.row >= 1, problem
        str(problem)


def check_report(path: Path, decimal: DecimalMark | None, period_months: int) -> None:
    """Read, select every district and year, assess, count and render: ReportlibError only."""
    try:
        table = read_table(path, decimal=decimal)
    except DataError as error:
        event("the table is refused")
        assert_well_formed(error.problems)
        return
    for problem in table.all_problems:
        # A row problem names a data row (the header is row 1) and a column.
        assert problem.row is not None and problem.row >= 2, problem
        assert problem.column, problem
    if table.all_problems:
        assert_well_formed(table.all_problems)
    names = table.units() + [k[0] for k in table.problems if k is not None] + DISTRICTS
    for district in dict.fromkeys(names):
        for year in (2022, 2023):
            try:
                selection = select_report(table, district, year)
            except DataError as error:
                assert_well_formed(error.problems)
                continue
            event("a report is rendered")
            assessed = assess_all(selection.indicators, period_months)
            counts = count_statuses(assessed)
            assert counts.total == len(selection.indicators)
            assert sum(counts.period.values()) == sum(counts.year_end.values()) == counts.total
            params = {
                "district": selection.unit,
                "year": year,
                "period_months": period_months,
                "data": path.name,
                "decimal": decimal,
            }
            report = prepare_report(params, root=path.parent)
            assert report.counts == counts
            for part in PARTS:
                assert isinstance(reportlib.render_part(report, part), str)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tables())
def test_random_cells_give_a_report_or_a_reportlib_error(
    table: tuple[bytes, DecimalMark | None, int],
) -> None:
    data, decimal, period_months = table
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_bytes(data)
        try:
            check_report(path, decimal, period_months)
        except ReportlibError as error:
            # Allowed to escape; a DataError must still name its problems well.
            if isinstance(error, DataError):
                assert_well_formed(error.problems)


HEADER_BYTES = (";".join(HEADER) + "\n").encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.binary(max_size=2048), st.binary(max_size=2048).map(HEADER_BYTES.__add__)),
    st.sampled_from([".csv", ".xlsx", ".txt"]),
)
def test_random_bytes_give_a_data_error_or_a_table(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"table{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path)
        except DataError as error:
            assert_well_formed(error.problems)
            return
        for problem in table.all_problems:
            assert problem.row is not None and problem.row >= 2, problem


# --- the office layout over the .xlsx path: title block, merged headers, merged cells ------

OFFICE_HEADER = [
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "Kế hoạch năm 2026",
    "Thực hiện 9 tháng",
    "Ước thực hiện cả năm",
    "Cùng kỳ",
    "Đánh giá",
    "Ghi chú",
]
PARENTS = ["Năm 2025", "Năm 2026", "Kết quả thực hiện", "So sánh (%)", "Đánh giá", ""]
TITLES = [
    "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "BIỂU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 9 THÁNG ĐẦU NĂM 2026",
    "6 THÁNG NĂM 2025",
    "(Kèm theo Báo cáo số   /BC-UBND)",
    "TỈNH ĐỒNG THÁP",
]
ROW_STARTS = ["I.", "A", "1", "2", "-", "a)", "Tổng cộng", "(*) Ghi chú", "TM. ỦY BAN NHÂN DÂN"]
office_cells = st.one_of(cells, st.sampled_from(ROW_STARTS), st.sampled_from(PARENTS))


@st.composite
def office_workbooks(draw: st.DrawFn) -> bytes:
    """An office's sheet: a title block, a header of one to three rows with random parents
    merged over it, indicator rows with random cells, and random merges anywhere."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    ws = wb.active
    width = len(OFFICE_HEADER)
    row = 1
    for _ in range(draw(st.integers(0, 4))):
        ws.cell(row=row, column=1, value=draw(st.sampled_from(TITLES)))
        row += 1
    depth = draw(st.integers(1, 3))
    order = draw(st.permutations(range(width)))
    for level in range(depth - 1):
        for column in range(1, width + 1):
            if draw(st.integers(0, 2)) == 0:
                ws.cell(row=row + level, column=column, value=draw(st.sampled_from(PARENTS)))
    header_row = row + depth - 1
    for column, index in enumerate(order, start=1):
        ws.cell(row=header_row, column=column, value=OFFICE_HEADER[index])
    row = header_row + 1
    if draw(st.booleans()):
        for column in range(1, width + 1):
            ws.cell(row=row, column=column, value=str(column))
        row += 1
    good = ["1", "Thu ngân sách", "tỷ đồng", "400", "300", "420", "280", "", ""]
    for number in range(draw(st.integers(0, 6))):
        values = list(good)
        values[0] = str(number + 1)
        if draw(st.booleans()):  # half the rows keep their good cells
            changes = st.dictionaries(st.integers(0, width - 1), office_cells, max_size=4)
            for index, cell in draw(changes).items():
                values[index] = cell
        for column, index in enumerate(order, start=1):
            if value := ILLEGAL_CHARACTERS_RE.sub("", values[index]):  # openpyxl refuses them
                ws.cell(row=row, column=column, value=value)
        row += 1
    last = max(row - 1, 1)
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(0, 6))):
        top = draw(st.integers(1, last))
        left = draw(st.integers(1, width))
        bottom = draw(st.integers(top, min(top + 3, last)))
        right = draw(st.integers(left, min(left + 4, width)))
        area = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
        if len(area) > 1 and not area & taken:  # Excel refuses overlapping merges
            taken |= area
            ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(office_workbooks(), st.sampled_from(DECIMAL_MARKS))
def test_random_office_layouts_give_a_report_or_a_reportlib_error(
    data: bytes, decimal: DecimalMark | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "phu_luc.xlsx"
        path.write_bytes(data)
        try:
            table = read_table(path, decimal=decimal, unit="Tháp Mười", year=2026)
            selection = select_report(table, "Tháp Mười", 2026, 9, province="Đồng Tháp")
        except ReportlibError as error:
            event("the office table is refused")
            if isinstance(error, DataError):
                assert_well_formed(error.problems)
            return
        event("an office report is assessed")
        counts = count_statuses(assess_all(selection.indicators, 9))
        assert counts.total == len(selection.indicators)
        for finding in plausibility_findings(selection, table):
            assert finding.file and finding.row >= 1 and finding.column, finding
            str(finding)
