"""The .xlsx appendix: read back with openpyxl it has the engine's figures and statuses (what
`reportlib status` says), in the layout of the offices' own tables; LibreOffice prints it."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT

from reportlib.engine.params import load_params
from reportlib.engine.report import Report, prepare_report

openpyxl = pytest.importorskip("openpyxl")

HEAD = 5  # the header's first row; the indicators start two rows below


def _report(name: str, year: int = 2023) -> Report:
    return prepare_report(load_params(ROOT / "params" / str(year) / f"{name}.yaml"), root=ROOT)


@pytest.fixture(scope="module")
def thap_muoi() -> Report:
    return _report("thap-muoi")


@pytest.fixture(scope="module")
def workbook_bytes(thap_muoi: Report) -> bytes:
    from reportlib.publish.xlsx import report_to_xlsx

    return report_to_xlsx(thap_muoi)


def _sheet(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _rows(sheet: Any) -> dict[str, dict[str, Any]]:
    """The indicator rows by their id, each a mapping of header (second row, else first) -> cell."""
    headers = []
    for column in range(1, sheet.max_column + 1):
        sub = sheet.cell(row=HEAD + 1, column=column).value
        headers.append(sub or sheet.cell(row=HEAD, column=column).value)
    found = {}
    for row in sheet.iter_rows(min_row=HEAD + 2):
        first = row[0].value
        if isinstance(first, str) and first.startswith("CT"):
            found[first] = dict(zip(headers, row, strict=True))
    return found


def test_figures_and_statuses_are_the_engines(thap_muoi: Report, workbook_bytes: bytes) -> None:
    from reportlib.render.summary import status_json

    rows = _rows(_sheet(workbook_bytes))
    status = status_json(thap_muoi)
    words = {
        "exceeded": "Vượt",
        "met": "Đạt",
        "not_met": "Không đạt",
        "in_progress": "Đang thực hiện",
        "no_data": "Chưa có số liệu",
    }
    assert len(rows) == status["counts"]["total"] == 11
    for shown in status["indicators"]:
        row = rows[shown["indicator_id"]]
        assert row["Chỉ tiêu"].value == shown["indicator"]
        assert row["Kỳ báo cáo"].value == words[shown["period_status"]]
        assert row["Dự kiến cả năm"].value == words[shown["year_end_status"]]
    for item in thap_muoi.assessed:
        row = rows[item.indicator.indicator_id]
        if item.indicator.is_milestone:
            assert row["Số liệu"].value == "Chưa hoàn thành"
            continue
        for header, value in (
            ("Số liệu", item.indicator.actual),
            ("Ước cả năm 2023", item.indicator.estimate),
            ("Cùng kỳ năm 2022", item.indicator.previous),
        ):
            cell = row[header]
            assert isinstance(cell.value, int | float), (header, cell.value)
            assert Decimal(str(cell.value)) == value
            assert cell.number_format.startswith("[$-42A]#,##0")
        if item.percent_of_target is not None:
            share = row["% KH"]
            assert abs(Decimal(str(share.value)) * 100 - item.percent_of_target) < Decimal("1e-9")
            assert share.number_format.endswith("%")


def test_number_formats_show_the_reports_decimals() -> None:
    from reportlib.publish.xlsx import number_format

    assert number_format(Decimal("1128.3")) == "[$-42A]#,##0.0"
    assert number_format(Decimal("7.62")) == "[$-42A]#,##0.00"
    assert number_format(Decimal("420.000")) == "[$-42A]#,##0"
    assert number_format(Decimal("1.016"), most=1, percent=True) == "[$-42A]#,##0.0%"
    assert number_format(Decimal("1.5"), language="en") == "[$-809]#,##0.0"


def test_an_english_report_has_english_headers_and_formats(thap_muoi: Report) -> None:
    import dataclasses

    from reportlib.publish.xlsx import report_to_xlsx

    params = dataclasses.replace(thap_muoi.params, language="en")
    sheet = _sheet(report_to_xlsx(prepare_report(params, root=ROOT)))
    assert sheet.title == "Appendix" and sheet["A1"].value == "APPENDIX"
    assert sheet["E5"].value == "Actual, the first 9 months of 2023"
    assert sheet["I8"].value == "Exceeded"
    assert sheet["E8"].number_format == "[$-809]#,##0.00"


def test_layout_header_groups_print_setup(workbook_bytes: bytes) -> None:
    sheet = _sheet(workbook_bytes)
    assert sheet.title == "Phụ lục"
    assert sheet["A1"].value == "PHỤ LỤC"
    assert sheet["A2"].value == "Kết quả thực hiện các chỉ tiêu 9 tháng đầu năm 2023 – Tháp Mười"
    assert sheet["A3"].value == "(Kèm theo Báo cáo số 245/BC-UBND ngày 05/10/2023)"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "E5:F5", "I5:K5"} <= merged, "a two-row merged header"
    assert sheet["E5"].value == "Thực hiện 9 tháng đầu năm 2023"
    assert sheet["A7"].value == "I" and sheet["B7"].value == "Kinh tế"
    assert "B7:L7" in merged, "a group row across the table"
    assert sheet.freeze_panes == "C7"
    assert sheet.print_title_rows == "$5:$6"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
    last = max(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value)
    assert sheet.cell(row=last, column=1).value.startswith("Nguồn: data/dong-thap/indicators.csv")


def test_status_fills_differ_by_pattern_too(workbook_bytes: bytes) -> None:
    rows = _rows(_sheet(workbook_bytes))
    patterns = {row["Kỳ báo cáo"].value: row["Kỳ báo cáo"].fill.fill_type for row in rows.values()}
    assert patterns == {
        "Vượt": "solid",
        "Đạt": "solid",
        "Đang thực hiện": "lightGray",
        "Không đạt": "lightUp",
    }


def test_the_same_report_gives_the_same_bytes(thap_muoi: Report) -> None:
    from reportlib.publish.xlsx import report_to_xlsx

    data = report_to_xlsx(thap_muoi)
    assert data == report_to_xlsx(thap_muoi)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 10, 5, 0, 0, 0)}
        assert b"2023-10-05T00:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml")


def test_a_year_end_report_has_one_verdict_column() -> None:
    from reportlib.publish.xlsx import columns

    report = prepare_report(load_params(ROOT / "params" / "2022" / "thap-muoi.yaml"), root=ROOT)
    chosen = [c.key for c in columns(report)]
    assert "estimate" not in chosen and "year_end_status" not in chosen and "pace" not in chosen


@pytest.mark.slow
def test_libreoffice_prints_the_sheet_with_vietnamese_separators(tmp_path: Path) -> None:
    from tests.test_docx import soffice_to_pdf

    from reportlib.publish.xlsx import report_to_xlsx

    pdfplumber = pytest.importorskip("pdfplumber")
    report = _report("tp-cao-lanh", 2022)  # its budget revenue is 1.275,6 tỷ đồng
    source = tmp_path / "tp-cao-lanh.xlsx"
    source.write_bytes(report_to_xlsx(report))
    pdf = soffice_to_pdf(source, tmp_path)
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 1, "fit to the width of one A4 landscape page"
        page = document.pages[0]
        assert page.width > page.height
        text = page.extract_text()
    assert "1.275,6" in text, "thousands with '.', decimals with ','"
    assert "PHỤ LỤC" in text and "Vượt" in text


@pytest.fixture(scope="module")
def dong_thap() -> Report:
    return _report("dong-thap", 2026)


def test_a_province_adds_the_scorecard_sheet_as_the_overview_says(dong_thap: Report) -> None:
    from reportlib.engine.overview import province_overview
    from reportlib.publish.xlsx import report_to_xlsx
    from reportlib.render.overview import STATUS_LETTERS

    found = province_overview(dong_thap)
    assert found is not None and found.units
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(dong_thap)))
    assert book.sheetnames == ["Phụ lục", "Tổng hợp xã, phường"]
    sheet = book["Tổng hợp xã, phường"]
    head = 3
    header = [sheet.cell(row=head, column=c).value for c in range(1, sheet.max_column + 1)]
    count = len(found.indicators)
    assert header == ["Hạng", "Đơn vị", *range(1, count + 1), "Đạt và vượt", "%", "Ước cả năm"]
    for number, column in enumerate(found.indicators, start=1):
        assert sheet.cell(row=head, column=2 + number).comment.text == f"{number}. {column.name}"
    letters = STATUS_LETTERS["vi"]
    for offset, unit in enumerate(found.units, start=1):
        row = head + offset
        assert sheet.cell(row=row, column=1).value == found.rank(unit)
        assert sheet.cell(row=row, column=2).value == unit.unit
        for number, column in enumerate(found.indicators, start=1):
            cell = sheet.cell(row=row, column=2 + number)
            status = unit.status_of(column.key)
            assert cell.value == (letters[status] if status else None), (unit.unit, column.name)
            if status in ("exceeded", "met", "not_met", "in_progress"):
                assert cell.fill.fill_type is not None, (unit.unit, column.name, status)
        share = sheet.cell(row=row, column=3 + count + 1)
        assert abs(Decimal(str(share.value)) * 100 - unit.share_met()) < Decimal("1e-9")
        assert share.number_format.endswith("%")
    assert sheet.cell(row=head + len(found.units) + 1, column=1).value is None
    assert sheet.freeze_panes == "C4"
    last = sheet.cell(row=head, column=count + 5).column_letter
    assert sheet.auto_filter.ref == f"A3:{last}{head + len(found.units)}"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)


@pytest.mark.slow
def test_libreoffice_prints_the_scorecards_list_of_indicators_whole(
    dong_thap: Report, tmp_path: Path
) -> None:
    """'Các chỉ tiêu:' was printed alone at the foot of the table's last page."""
    from tests.test_docx import soffice_to_pdf

    from reportlib.publish.xlsx import report_to_xlsx

    pdfplumber = pytest.importorskip("pdfplumber")
    source = tmp_path / "dong-thap.xlsx"
    source.write_bytes(report_to_xlsx(dong_thap))
    pdf = soffice_to_pdf(source, tmp_path)
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    (heading,) = [n for n, text in enumerate(pages) if "Các chỉ tiêu:" in text]
    assert "1. Thu ngân sách nhà nước trên địa bàn" in pages[heading]
    assert "14. Hoàn thành quy hoạch chung phường" in pages[heading]
    assert "Xã Tân Hộ Cơ" in pages[heading - 1]  # the table's last unit, on the page before


def test_only_a_scorecard_longer_than_a_page_puts_its_list_on_a_page_of_its_own(
    dong_thap: Report, tmp_path: Path
) -> None:
    from tests.test_province import _project
    from tests.test_province import _report as small_province

    from reportlib.engine.overview import province_overview
    from reportlib.publish.xlsx import report_to_xlsx
    from reportlib.publish.xlsx_scorecard import ONE_PAGE_ROWS

    found = province_overview(dong_thap)
    assert found is not None and len(found.units) + len(found.indicators) > ONE_PAGE_ROWS
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(dong_thap)))
    breaks = [b.id for b in book["Tổng hợp xã, phường"].row_breaks.brk]
    assert breaks == [3 + len(found.units)]  # after the last unit's row
    # Three communes and two indicators: one page, no break.
    small = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(small_province(_project(tmp_path)))))
    assert [b.id for b in small["Tổng hợp xã, phường"].row_breaks.brk] == []


def test_a_communes_workbook_has_one_sheet() -> None:
    from reportlib.publish.xlsx import report_to_xlsx

    report = _report("dong-thap/xa-my-tho", 2026)
    assert openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report))).sheetnames == ["Phụ lục"]


def test_an_approximate_target_keeps_its_word() -> None:
    """'Khoảng 45' is not 45: the sheet writes it as the report does, like a range or a bound."""
    from reportlib.publish.xlsx import report_to_xlsx

    report = _report("dong-thap/xa-thap-muoi", 2026)
    approximate = [
        a for a in report.assessed if (a.period_target or a.indicator.target).approximate
    ]
    assert approximate, "the sample's Phụ lục has 'Khoảng 45'"
    sheet = _sheet(report_to_xlsx(report))
    written = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "khoảng 45" in written
