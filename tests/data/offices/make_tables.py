"""Write the corpus of office layouts that tests/test_offices.py reads (SPEC §3).

Each file is a layout that commune, ward and province offices really keep: the Phụ lục
attached to a report (title block, merged two- or three-row header, column-number row, group,
sub- and total rows, footnotes, a signature block), its CSV export, a workbook with one sheet
per commune, a long table with unit and year merged down each block, numbering that restarts
per group, every written form of a target, a year-end table, and a few bad tables that must
each give one clear error. The figures are made up; the verdicts the reader must reach are
worked out by hand in tests/test_offices.py.

Deterministic (no clock, fixed timestamps inside the .xlsx archives): running it twice gives
byte-identical files. Only the standard library and openpyxl are used.

Usage (from the repository root)::

    python tests/data/offices/make_tables.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

# openpyxl writes its XML with lxml when lxml is installed and with its own writer otherwise,
# and the bytes differ: the corpus must be the same on every machine.
os.environ["OPENPYXL_LXML"] = "False"

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 10, 5, 8, 0, 0)
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
Cell = str | int | float | None


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile that stamps every member with the same time, so the .xlsx is reproducible."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, FIXED_TIME.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())  # type: ignore[no-untyped-call]


def save(wb: Workbook, path: Path) -> None:
    """Save a workbook with fixed timestamps inside and out."""
    wb.properties.creator = "reportlib test corpus"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    path.write_bytes(buffer.getvalue())


def put(ws: Worksheet, row: int, column: int, value: Cell, *, to: tuple[int, int] | None = None,
        number_format: str | None = None) -> None:  # fmt: skip
    """Write a cell (columns from 1); merge it down/right to ``to`` (row, column) if given."""
    cell = ws.cell(row=row, column=column, value=value)
    if number_format:
        cell.number_format = number_format
    if to is not None and to != (row, column):
        ws.merge_cells(start_row=row, start_column=column, end_row=to[0], end_column=to[1])


def put_row(ws: Worksheet, row: int, values: Sequence[Cell], first: int = 1) -> None:
    """Write a row of cells from column ``first``; None leaves a cell empty."""
    for offset, value in enumerate(values):
        if value is not None:
            ws.cell(row=row, column=first + offset, value=value)


def write_csv(path: Path, rows: Sequence[Sequence[Cell]]) -> None:
    """Write UTF-8 with BOM, semicolons, CRLF: as Excel saves 'CSV UTF-8' in a Vietnamese locale."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def title_block(ws: Worksheet, agency: str, title: str, width: int) -> None:
    """Rows 1-4: agency left and quốc hiệu right, tiêu ngữ, the title, 'Kèm theo'."""
    half = width // 2
    put(ws, 1, 1, agency, to=(1, half))
    put(ws, 1, half + 1, QUOC_HIEU, to=(1, width))
    put(ws, 2, half + 1, TIEU_NGU, to=(2, width))
    put(ws, 3, 1, title, to=(3, width))
    put(ws, 4, 1, "(Kèm theo Báo cáo số      /BC-UBND ngày     tháng    năm 2026)", to=(4, width))


def signature(ws: Worksheet, row: int, width: int) -> None:
    """A signature block: the preparer left, the chairman right, a name under each."""
    half = width // 2
    put(ws, row, 1, "NGƯỜI LẬP BIỂU", to=(row, half))
    put(ws, row, half + 1, "TM. ỦY BAN NHÂN DÂN", to=(row, width))
    put(ws, row + 1, half + 1, "CHỦ TỊCH", to=(row + 1, width))
    put(ws, row + 4, 1, "Trần Thị Bích", to=(row + 4, half))
    put(ws, row + 4, half + 1, "Nguyễn Văn Hùng", to=(row + 4, width))


# ---------------------------------------------------------------------------------------------
# 1. a commune's Phụ lục, and 3. its CSV export

PHU_LUC_TITLE = "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2026"
# Two header rows: parents (None under a merge) and children; columns A..K.
PHU_LUC_TOP: list[Cell] = [
    "STT", "Chỉ tiêu", "ĐVT", "Năm 2025", None, "Năm 2026", None, None, "So sánh (%)", None,
    "Ghi chú",
]  # fmt: skip
PHU_LUC_SUB: list[Cell] = [
    None, None, None, "KH", "TH 9 tháng", "KH", "TH 9 tháng", "Ước TH cả năm", "KH năm",
    "Cùng kỳ", None,
]  # fmt: skip
PHU_LUC_NUMBERS: list[Cell] = ["A", "B", "C", "1", "2", "3", "4", "5", "6=4/3", "7=4/2", "D"]
# STT, name, ĐVT, KH 2025, TH 9T 2025, KH 2026, TH 9T 2026, Ước 2026, %KH, %CK, note
PHU_LUC_ROWS: list[list[Cell]] = [
    ["I.", "KINH TẾ"],
    ["1", "Tổng thu ngân sách nhà nước trên địa bàn", "triệu đồng", 15000, 10500, 16000, 12800,
     17000, 80.0, 121.9, None],
    [None, "- Trong đó: Thu nội địa", "triệu đồng", 14000, 9800, 15000, 12000, 16000, 80.0,
     122.4, None],
    ["2", "Số doanh nghiệp thành lập mới", "doanh nghiệp", 20, 14, 25, 26, 30, 104.0, 185.7,
     None],
    ["3", "Sản phẩm OCOP đạt 3 sao trở lên", "sản phẩm", 2, 1, 2, 1, 2, 50.0, 100.0, None],
    ["II.", "VĂN HÓA - XÃ HỘI"],
    ["4", "Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)", "%", 2.1, 2.3, 1.5, 1.62, 1.5, None,
     None, None],
    ["5", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 93, 92.1, 95, 93.4, 95.2, 98.3, 101.4,
     None],
    ["6", "Hoàn thành quy hoạch chung xã", None, "x", "x", "Hoàn thành",
     "Đang lập nhiệm vụ quy hoạch", "Hoàn thành", None, None, "Trình phê duyệt quý IV"],
    ["III.", "QUỐC PHÒNG - AN NINH"],
    ["7", "Số vụ tai nạn giao thông", "vụ", 12, 9, 12, 7, 10, None, 77.8, None],
    ["8", "Số vụ cháy, nổ", "vụ", 3, 2, 3, 4, 4, None, 200.0, None],
    [None, "Tổng cộng các vụ việc", "vụ", 15, 11, 15, 11, 14, None, 100.0, None],
]  # fmt: skip
PHU_LUC_FOOTNOTES = [
    "(*) Số liệu thu ngân sách tính đến ngày 25/9/2026, ước đến 30/9/2026.",
    "Ghi chú: cột 6, 7 là tỷ lệ phần trăm.",
]


def write_phu_luc(path: Path) -> None:
    """A commune's Phụ lục of 9 months 2026, as an office lays it out in Excel."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    width = len(PHU_LUC_TOP)
    title_block(ws, "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI", PHU_LUC_TITLE, width)
    top, sub = 6, 7
    for column, text in enumerate(PHU_LUC_TOP, start=1):
        if text is None:
            continue
        if PHU_LUC_SUB[column - 1] is None:
            put(ws, top, column, text, to=(sub, column))  # merged down the two header rows
        else:
            span = column
            while span < width and PHU_LUC_TOP[span] is None:
                span += 1
            put(ws, top, column, text, to=(top, span))
    put_row(ws, sub, PHU_LUC_SUB)
    put_row(ws, 8, PHU_LUC_NUMBERS)
    row = 9
    for values in PHU_LUC_ROWS:
        if len(values) == 2:  # a group row, its name merged across the table
            put(ws, row, 1, values[0])
            put(ws, row, 2, values[1], to=(row, width))
        else:
            put_row(ws, row, values)
        row += 1
    for note in PHU_LUC_FOOTNOTES:
        put(ws, row, 1, note, to=(row, width))
        row += 1
    signature(ws, row + 1, width)
    save(wb, path)


def write_phu_luc_csv(path: Path) -> None:
    """The same Phụ lục saved as CSV: no merges, each parent in the first cell of its span."""
    width = len(PHU_LUC_TOP)
    blank: list[Cell] = [None] * width
    rows: list[list[Cell]] = [
        ["ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI", None, None, None, None, QUOC_HIEU],
        [None, None, None, None, None, TIEU_NGU],
        [PHU_LUC_TITLE],
        ["(Kèm theo Báo cáo số      /BC-UBND ngày     tháng    năm 2026)"],
        blank,
        PHU_LUC_TOP,
        PHU_LUC_SUB,
        PHU_LUC_NUMBERS,
    ]
    for values in PHU_LUC_ROWS:
        rows.append([_vn(v) for v in values])
    rows += [[note] for note in PHU_LUC_FOOTNOTES]
    rows += [blank, ["NGƯỜI LẬP BIỂU", None, None, None, None, "TM. ỦY BAN NHÂN DÂN"]]
    rows += [[None, None, None, None, None, "CHỦ TỊCH"], blank, blank]
    rows += [["Trần Thị Bích", None, None, None, None, "Nguyễn Văn Hùng"]]
    write_csv(path, rows)


def _vn(value: Cell) -> Cell:
    """Show a number as Excel shows it in a Vietnamese locale: 15.000; 1,62."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


# ---------------------------------------------------------------------------------------------
# 2. a three-row header (a province department's table of 6 months)

THREE_ROWS: list[list[Cell]] = [
    ["1", "Tổng vốn đầu tư toàn xã hội", "tỷ đồng", 1200, 520, 610, 50.8, 1250, "Đạt", None,
     None],
    ["2", "Kim ngạch xuất khẩu", "triệu USD", 300, 160, 140, 46.7, 290, "Khó đạt",
     "Không đạt", None],
    ["3", "Tỷ lệ lao động qua đào tạo", "%", 70, 66, 69.5, None, 70.5, None, None, None],
    ["4", "Số lao động được giải quyết việc làm", "người", 2000, 1150, 1010, 50.5, 2050, None,
     "Đạt", None],
]  # fmt: skip


def write_three_rows(path: Path) -> None:
    """A header of three merged rows: 'Kết quả thực hiện | Năm 2026 | 6 tháng'."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 02"
    put(ws, 1, 1, "SỞ TÀI CHÍNH TỈNH ĐỒNG THÁP", to=(1, 4))
    put(ws, 2, 1, "BIỂU SỐ 02: TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2026",
        to=(2, 11))  # fmt: skip
    top = 4
    for column, text in ((1, "TT"), (2, "Chỉ tiêu"), (3, "ĐVT"), (4, "Kế hoạch năm 2026"),
                         (11, "Ghi chú")):  # fmt: skip
        put(ws, top, column, text, to=(top + 2, column))
    put(ws, top, 5, "Kết quả thực hiện", to=(top, 8))
    put(ws, top + 1, 5, "6 tháng đầu năm 2025", to=(top + 2, 5))
    put(ws, top + 1, 6, "Năm 2026", to=(top + 1, 7))
    put(ws, top + 2, 6, "6 tháng")
    put(ws, top + 2, 7, "So với KH (%)")
    put(ws, top + 1, 8, "Ước TH cả năm 2026", to=(top + 2, 8))
    put(ws, top, 9, "Đánh giá", to=(top, 10))
    put(ws, top + 1, 9, "Kỳ báo cáo", to=(top + 2, 9))
    put(ws, top + 1, 10, "Cả năm", to=(top + 2, 10))
    put_row(ws, top + 3, ["1", "2", "3", "4", "5", "6", "7=6/4", "8", "9", "10", "11"])
    row = top + 4
    for values in THREE_ROWS:
        put_row(ws, row, values)
        row += 1
    put(ws, row + 1, 1, "Nguồn: Cục Thống kê tỉnh Đồng Tháp.", to=(row + 1, 11))
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# 4. one sheet per commune, a summary sheet first

COMMUNES = {
    # sheet name: (STT, name, ĐVT, Loại, KH, TH 9 tháng, Ước cả năm)
    "Xã Tháp Mười": [
        ("1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "lũy kế", 120, 95, 125),
        ("2", "Tỷ lệ hộ nghèo", "%", "thời điểm", 1.5, 1.4, 1.3),
    ],
    "Mỹ Thọ": [
        ("1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "lũy kế", 80, 40, 70),
        ("2", "Tỷ lệ hộ nghèo", "%", "thời điểm", 2.0, 2.4, 2.2),
    ],
}


def write_communes(path: Path) -> None:
    """A 'Tổng hợp' sheet first, then one sheet per commune (with and without 'Xã')."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Tổng hợp"
    put_row(summary, 1, ["TỔNG HỢP CHỈ TIÊU CÁC XÃ 9 THÁNG NĂM 2026"])
    put_row(summary, 3, ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện 9 tháng"])
    put_row(summary, 4, ["1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 200, 135])
    for sheet, rows in COMMUNES.items():
        ws = wb.create_sheet(sheet)
        put_row(ws, 1, [f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU 9 THÁNG NĂM 2026 - {sheet.upper()}"])
        put_row(ws, 3, ["STT", "Chỉ tiêu", "ĐVT", "Loại", "Kế hoạch", "Thực hiện 9 tháng",
                        "Ước thực hiện cả năm"])  # fmt: skip
        for row, values in enumerate(rows, start=4):
            put_row(ws, row, list(values))
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# 5. a long table: unit and year merged down each block, a period column

LONG_HEADER = ["Đơn vị", "Năm", "Kỳ", "Mã", "Chỉ tiêu", "ĐVT", "Loại", "Chiều", "Kế hoạch",
               "Thực hiện", "Ước cả năm", "Cùng kỳ"]  # fmt: skip
# unit -> year -> period -> [(Mã, Chỉ tiêu, ĐVT, Loại, Chiều, KH, TH, Ước, Cùng kỳ)]
LONG: dict[str, dict[int, dict[str, list[tuple[Cell, ...]]]]] = {
    "Xã Mỹ Quí": {
        2025: {
            "9 tháng": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 100, 70, 100, None),
                ("HN", "Tỷ lệ hộ nghèo", "%", "thời điểm", "giảm", 2.0, 2.2, 1.9, None),
            ],
            "Cả năm": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 100, 100, None, None),
                ("HN", "Tỷ lệ hộ nghèo", "%", "thời điểm", "giảm", 2.0, 1.9, None, None),
            ],
        },
        2026: {
            "Quý I": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 110, 20, 110, None),
                ("HN", "Tỷ lệ hộ nghèo", "%", "thời điểm", "giảm", 1.5, 1.9, 1.6, None),
            ],
            "6 tháng": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 110, 50, 110, None),
                ("HN", "Tỷ lệ hộ nghèo", "%", "thời điểm", "giảm", 1.5, 1.8, 1.6, None),
            ],
            "9 tháng": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 110, 80, 118, None),
                ("HN", "Tỷ lệ hộ nghèo", "%", "thời điểm", "giảm", 1.5, 1.6, 1.5, 2.1),
            ],
        },
    },
    "Xã Mỹ Hiệp": {
        2026: {
            "9 tháng": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 60, 30, 50, 28),
            ],
            "Cả năm": [
                ("NS", "Thu ngân sách", "tỷ đồng", "lũy kế", "tăng", 60, None, None, None),
            ],
        },
    },
}


def write_long_merged(path: Path) -> None:
    """A long table whose unit and year cells are merged down each block."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Dữ liệu"
    put_row(ws, 1, LONG_HEADER)
    row = 2
    for unit, years in LONG.items():
        unit_top = row
        for year, periods in years.items():
            year_top = row
            for period, items in periods.items():
                for item in items:
                    put_row(ws, row, [period, *item], first=3)
                    row += 1
            put(ws, year_top, 2, year, to=(row - 1, 2))
        put(ws, unit_top, 1, unit, to=(row - 1, 1))
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# 6. numbering that restarts in each group; a year-end table of 2025


def write_group_numbering(path: Path) -> None:
    """Groups A., B., C. each numbered from 1: ids 'A.1', 'B.1'; a year-end report of 2025."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Năm 2025"
    put(ws, 1, 1, "ỦY BAN NHÂN DÂN XÃ MỸ QUÍ", to=(1, 3))
    put(ws, 2, 1, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT HĐND XÃ NĂM 2025", to=(2, 7))
    put_row(ws, 4, ["STT", "Nội dung", "Đơn vị tính", "Mục tiêu", "Thực hiện năm 2025",
                    "Đánh giá", "Ghi chú"])  # fmt: skip
    rows: list[list[Cell]] = [
        ["A", "CHỈ TIÊU KINH TẾ"],
        ["1", "Thu nhập bình quân đầu người", "triệu đồng", 65, 66.2, None],
        ["2", "Số hợp tác xã thành lập mới", "hợp tác xã", 2, 1, None],
        [None, "B. CHỈ TIÊU XÃ HỘI"],
        ["1", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", "< 10", 9.8, None],
        ["2", "Tỷ lệ gia đình đạt chuẩn văn hóa", "%", 90, 90, "Hoàn thành"],
        ["C", "CHỈ TIÊU MÔI TRƯỜNG"],
        ["1", "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý", "%", 95, 93, "Không đạt"],
    ]
    row = 5
    for values in rows:
        if len(values) == 2:
            put(ws, row, 1, values[0])
            put(ws, row, 2, values[1], to=(row, 7))
        else:
            put_row(ws, row, values)
        row += 1
    put(ws, row + 1, 5, "Mỹ Quí, ngày 20 tháng 12 năm 2025", to=(row + 1, 7))
    put(ws, row + 2, 5, "CHỦ TỊCH", to=(row + 2, 7))
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# 7. targets in every written form, numbers as text, percent cells, verdict words

FORMS_HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", "Thực hiện 9 tháng",
                "Ước thực hiện cả năm", "Cùng kỳ", "Đánh giá 9 tháng", "Dự kiến đánh giá cả năm",
                "Ghi chú"]  # fmt: skip
PERCENT = "0.0%"
# STT, name, ĐVT, target, actual, estimate, cùng kỳ, verdict, year-end verdict
FORMS: list[list[Cell]] = [
    ["01", "Tổng thu ngân sách trên địa bàn", "tỷ đồng", "≥ 405", "312,5", 410, "290", None,
     None],
    ["02", "Tốc độ tăng trưởng kinh tế (GRDP)", "%", "Từ 10,5% trở lên", "10,2", "10,6", "9,8",
     None, None],
    ["03", "Tỷ lệ hộ dân sử dụng nước sạch", "%", "Trên 94%", 0.94, 0.945, 0.93, "Chưa đạt",
     "Ước đạt"],
    ["04", "Tỷ lệ hộ nghèo", "%", "Dưới 1,2%", "1,25", "1,2", "1,6", "Khó đạt", "Khó đạt"],
    ["05", "Số vụ tai nạn giao thông", "vụ", "Không quá 12 vụ", "07", "10", "08", None, None],
    ["06", "Tỷ lệ hộ cận nghèo", "%", "Giảm còn 1,2", "1,3", "1,2", "x", None, None],
    ["07", "Số hộ kinh doanh thành lập mới", "hộ", "Khoảng 45", 40, 46, 38, "Ước đạt", None],
    ["08", "Tổng vốn đầu tư toàn xã hội", "tỷ đồng", "575 (tăng 15%)", "420", "580", "390",
     None, "Hoàn thành vượt"],
    ["09", "Hoàn thành Đề án chuyển đổi số của xã", None, "Hoàn thành", "Đang thực hiện",
     "Hoàn thành", None, "x", None],
    ["10", "Thu nhập bình quân đầu người", "triệu đồng", "Tăng 10-12% so với năm 2025", "52",
     "75", "48", None, None],
    ["11", "Tỷ lệ giải ngân vốn đầu tư công", "%", "95 - 100", "x", "97", "-", None, None],
    ["12", "Số sản phẩm OCOP", "sản phẩm", "07 - 09", "08", "10", "06", None, None],
    ["13", "Tỷ lệ lao động qua đào tạo", "%", "từ 70 đến 72", "71", "72,5", "69", "Đạt",
     "Chưa đạt"],
    ["14", "Tỷ lệ hộ nghèo đa chiều", "%", "dưới 1,8 %", "1,85", "1,7", "2,1", None, None],
]  # fmt: skip


def write_target_forms(path: Path) -> None:
    """Every form of SPEC §3.1, figures typed as text, percent-formatted cells, verdicts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu 2026"
    put(ws, 1, 1, "ỦY BAN NHÂN DÂN XÃ MỸ HIỆP", to=(1, 3))
    put(ws, 2, 1, "ƯỚC THỰC HIỆN CÁC CHỈ TIÊU 9 THÁNG ĐẦU NĂM 2026", to=(2, 10))
    put_row(ws, 4, FORMS_HEADER)
    for row, values in enumerate(FORMS, start=5):
        for column, value in enumerate(values, start=1):
            percent = isinstance(value, float) and value < 1 and column in (5, 6, 7)
            put(ws, row, column, value, number_format=PERCENT if percent else None)
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# 8. tables to be refused for the report asked, and a pair of headers the params settle


def write_ambiguous_targets(path: Path) -> None:
    """Two target columns: the province's and the commune council's ('columns:' settles it)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    put_row(ws, 1, ["STT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu tỉnh giao", "Chỉ tiêu HĐND xã giao",
                    "Thực hiện 9 tháng", "Ước cả năm"])  # fmt: skip
    put_row(ws, 2, ["1", "Số doanh nghiệp thành lập mới", "doanh nghiệp", 20, 25, 22, 27])
    put_row(ws, 3, ["2", "Tỷ lệ hộ dân sử dụng nước sạch", "%", 95, 96, 95.5, 96])
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# bad tables: each must give one clear error


def office_sheet(rows: Sequence[Sequence[Cell]], sheet: str = "Phụ lục") -> Workbook:
    """A small office table: a title, a header at row 3, the rows below."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    put_row(ws, 1, ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU 9 THÁNG NĂM 2026"])
    for row, values in enumerate(rows, start=3):
        put_row(ws, row, list(values))
    return wb


BAD_HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện 9 tháng", "Ước cả năm"]


def write_bad_tables(folder: Path) -> None:
    """A TCVN3 header, a count of 12,5, '%' on tỷ đồng, a target that cannot be read."""
    tcvn3 = ["STT", "ChØ tiªu", "§¬n vÞ tÝnh", "KÕ ho¹ch", "Thùc hiÖn 9 th¸ng"]
    save(office_sheet([tcvn3, ["1", "Thu ng©n s¸ch", "tû ®ång", 100, 70]]),
         folder / "bad_tcvn3_header.xlsx")  # fmt: skip
    save(office_sheet([BAD_HEADER, ["1", "Số doanh nghiệp thành lập mới", "doanh nghiệp", 25,
                                    "12,5", 30]]), folder / "bad_count.xlsx")  # fmt: skip
    save(office_sheet([BAD_HEADER, ["1", "Thu ngân sách nhà nước", "tỷ đồng", 400, "75%", 420]]),
         folder / "bad_percent.xlsx")  # fmt: skip
    save(office_sheet([BAD_HEADER, ["1", "Tỷ lệ hộ nghèo", "%", "Phấn đấu giảm sâu", 1.2, 1.1]]),
         folder / "bad_target.xlsx")  # fmt: skip


WRITERS: dict[str, Callable[[Path], None]] = {
    "phu_luc_xa.xlsx": write_phu_luc,
    "phu_luc_xa.csv": write_phu_luc_csv,
    "three_row_header.xlsx": write_three_rows,
    "communes.xlsx": write_communes,
    "long_merged.xlsx": write_long_merged,
    "group_numbering.xlsx": write_group_numbering,
    "target_forms.xlsx": write_target_forms,
    "ambiguous_targets.xlsx": write_ambiguous_targets,
}


def main(folder: Path) -> None:
    """Write every table of the corpus into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, writer in WRITERS.items():
        writer(folder / name)
    write_bad_tables(folder)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
