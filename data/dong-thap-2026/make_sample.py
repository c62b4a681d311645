"""Write the illustrative Đồng Tháp 2025-2026 sample: the long table and one office's Phụ lục.

Since 1 July 2025 Đồng Tháp (with the former Tiền Giang) has 102 communes and wards and no
districts. This script writes, for those 102 units and the province itself:

- ``indicators.csv`` and ``indicators.xlsx``: the long table, one row per unit, year, period
  (2025 at 9 months and at year end, 2026 at 9 months) and indicator;
- ``phu-luc-thap-muoi.xlsx``: Xã Tháp Mười's 2026 figures in the office's own "Phụ lục" layout.

The figures are made up: they look like a Mekong-delta commune's and province's reports but are
not official statistics. The script is deterministic (a fixed seed, no clock, fixed timestamps
inside the .xlsx archives), so running it twice gives byte-identical files.

Usage (from the repository root)::

    python data/dong-thap-2026/make_sample.py [OUTPUT_FOLDER]

Only the standard library and openpyxl are needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# openpyxl writes its XML with lxml when lxml is installed, and with its own writer otherwise,
# and the two differ in bytes ('/>' and ' />'): the sample must be the same on every machine.
os.environ["OPENPYXL_LXML"] = "False"

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
SEED = 20261005
FIXED_TIME = dt.datetime(2026, 10, 5, 8, 0, 0)
PROVINCE = "Đồng Tháp"  # as the `Tỉnh` column writes it
PROVINCE_UNIT = "Tỉnh Đồng Tháp"  # the province's own rows
HAND_WORKED = "Xã Tháp Mười"

HEADER = [
    "Tỉnh", "Đơn vị", "Năm", "Kỳ", "Mã", "Chỉ tiêu", "Nhóm", "ĐVT", "Loại", "Chiều",
    "Kế hoạch", "Thực hiện", "Ước cả năm", "Cùng kỳ", "Đánh giá", "Ghi chú",
]  # fmt: skip

# (year, period as `Kỳ` writes it), in the order the rows are written.
NINE_2025, YEAR_2025, NINE_2026 = (2025, "9 tháng"), (2025, "Cả năm"), (2026, "9 tháng")
PERIODS = (NINE_2025, YEAR_2025, NINE_2026)
Period = tuple[int, str]

DONE, NOT_DONE, NO_DATA = "Hoàn thành", "Chưa hoàn thành", "-"

# The 102 communes and wards of Đồng Tháp after 1 July 2025, in the official order.
UNITS = (
    "Phường Mỹ Tho", "Phường Đạo Thạnh", "Phường Mỹ Phong", "Phường Thới Sơn", "Phường Trung An",
    "Phường Gò Công", "Phường Long Thuận", "Phường Sơn Qui", "Phường Bình Xuân",
    "Phường Mỹ Phước Tây", "Phường Thanh Hòa", "Phường Cai Lậy", "Phường Nhị Quý", "Xã Tân Phú",
    "Xã Thanh Hưng", "Xã An Hữu", "Xã Mỹ Lợi", "Xã Mỹ Đức Tây", "Xã Mỹ Thiện", "Xã Hậu Mỹ",
    "Xã Hội Cư", "Xã Cái Bè", "Xã Bình Phú", "Xã Hiệp Đức", "Xã Ngũ Hiệp", "Xã Long Tiên",
    "Xã Mỹ Thành", "Xã Thạnh Phú", "Xã Tân Phước 1", "Xã Tân Phước 2", "Xã Tân Phước 3",
    "Xã Hưng Thạnh", "Xã Tân Hương", "Xã Châu Thành", "Xã Long Hưng", "Xã Long Định",
    "Xã Vĩnh Kim", "Xã Kim Sơn", "Xã Bình Trưng", "Xã Mỹ Tịnh An", "Xã Lương Hòa Lạc",
    "Xã Tân Thuận Bình", "Xã Chợ Gạo", "Xã An Thạnh Thủy", "Xã Bình Ninh", "Xã Vĩnh Bình",
    "Xã Đồng Sơn", "Xã Phú Thành", "Xã Long Bình", "Xã Vĩnh Hựu", "Xã Gò Công Đông",
    "Xã Tân Điền", "Xã Tân Hòa", "Xã Tân Đông", "Xã Gia Thuận", "Xã Tân Thới", "Xã Tân Phú Đông",
    "Xã Tân Hồng", "Xã Tân Thành", "Xã Tân Hộ Cơ", "Xã An Phước", "Phường An Bình",
    "Phường Hồng Ngự", "Phường Thường Lạc", "Xã Thường Phước", "Xã Long Khánh",
    "Xã Long Phú Thuận", "Xã An Hòa", "Xã Tam Nông", "Xã Phú Thọ", "Xã Tràm Chim", "Xã Phú Cường",
    "Xã An Long", "Xã Thanh Bình", "Xã Tân Thạnh", "Xã Bình Thành", "Xã Tân Long", "Xã Tháp Mười",
    "Xã Thanh Mỹ", "Xã Mỹ Quí", "Xã Đốc Binh Kiều", "Xã Trường Xuân", "Xã Phương Thịnh",
    "Xã Phong Mỹ", "Xã Ba Sao", "Xã Mỹ Thọ", "Xã Bình Hàng Trung", "Xã Mỹ Hiệp",
    "Phường Cao Lãnh", "Phường Mỹ Ngãi", "Phường Mỹ Trà", "Xã Mỹ An Hưng", "Xã Tân Khánh Trung",
    "Xã Lấp Vò", "Xã Lai Vung", "Xã Hòa Long", "Xã Phong Hòa", "Phường Sa Đéc", "Xã Tân Dương",
    "Xã Phú Hựu", "Xã Tân Nhuận Đông", "Xã Tân Phú Trung",
)  # fmt: skip


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # as a commune writes it
    ward_name: str  # as a ward writes it, where it differs
    group: str
    unit: str  # ĐVT; blank for a milestone
    kind: str  # lũy kế | thời điểm | mốc
    direction: str  # tăng | giảm
    places: int  # decimals the office writes
    first_year: int  # the planning milestone is a 2026 target only


# code | indicator | group | ĐVT | kind | direction | decimals
COMMUNE_TABLE = """
CT01 | Thu ngân sách nhà nước trên địa bàn | Kinh tế | tỷ đồng | lũy kế | tăng | 1
CT02 | Tỷ lệ giải ngân vốn đầu tư công | Kinh tế | % | lũy kế | tăng | 1
CT03 | Số doanh nghiệp thành lập mới | Kinh tế | doanh nghiệp | lũy kế | tăng | 0
CT04 | Số hộ kinh doanh thành lập mới | Kinh tế | hộ | lũy kế | tăng | 0
CT05 | Số sản phẩm OCOP đạt 3 sao trở lên | Kinh tế | sản phẩm | lũy kế | tăng | 0
CT06 | Số tiêu chí xã nông thôn mới đạt được | Kinh tế | tiêu chí | thời điểm | tăng | 0
CT07 | Hoàn thành quy hoạch chung xã | Kinh tế |  | mốc | tăng | 0
CT08 | Tỷ lệ hộ nghèo | Văn hóa - Xã hội | % | thời điểm | giảm | 2
CT09 | Tỷ lệ dân số tham gia bảo hiểm y tế | Văn hóa - Xã hội | % | thời điểm | tăng | 1
CT10 | Số lao động được giải quyết việc làm | Văn hóa - Xã hội | người | lũy kế | tăng | 0
CT11 | Tỷ lệ hộ dân sử dụng nước sạch | Môi trường | % | thời điểm | tăng | 1
CT12 | Số vụ tai nạn giao thông | Quốc phòng - An ninh | vụ | lũy kế | giảm | 0
"""
WARD_NAMES = {  # a ward reports on the urban counterpart of these
    "CT06": "Số tiêu chí phường đạt chuẩn đô thị văn minh",
    "CT07": "Hoàn thành quy hoạch chung phường",
}
FIRST_YEAR = {"CT07": 2026}  # planning the new commune is a 2026 target
PROVINCE_TABLE = """
TT01 | Tốc độ tăng trưởng kinh tế (GRDP) | Kinh tế | % | thời điểm | tăng | 2
TT02 | GRDP bình quân đầu người | Kinh tế | triệu đồng | thời điểm | tăng | 1
TT03 | Tổng thu ngân sách nhà nước trên địa bàn | Kinh tế | tỷ đồng | lũy kế | tăng | 1
TT04 | Kim ngạch xuất khẩu | Kinh tế | triệu USD | lũy kế | tăng | 1
TT05 | Tỷ lệ giải ngân vốn đầu tư công | Kinh tế | % | lũy kế | tăng | 1
TT06 | Số doanh nghiệp thành lập mới | Kinh tế | doanh nghiệp | lũy kế | tăng | 0
TT07 | Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều) | Văn hóa - Xã hội | % | thời điểm | giảm | 2
TT08 | Tỷ lệ dân số tham gia bảo hiểm y tế | Văn hóa - Xã hội | % | thời điểm | tăng | 1
TT09 | Tỷ lệ đô thị hóa | Văn hóa - Xã hội | % | thời điểm | tăng | 1
TT10 | Tỷ lệ chất thải rắn sinh hoạt đô thị được xử lý | Môi trường | % | thời điểm | tăng | 1
TT11 | Số vụ tai nạn giao thông | Quốc phòng - An ninh | vụ | lũy kế | giảm | 0
"""


def indicators(table: str) -> list[Indicator]:
    """Read one of the tables above."""
    out = []
    for line in table.strip().splitlines():
        code, name, group, unit, kind, direction, places = (f.strip() for f in line.split("|"))
        ward = WARD_NAMES.get(code, "")
        first = FIRST_YEAR.get(code, 2025)
        out.append(Indicator(code, name, ward, group, unit, kind, direction, int(places), first))
    return out


COMMUNE_INDICATORS = indicators(COMMUNE_TABLE)
PROVINCE_INDICATORS = indicators(PROVINCE_TABLE)

# Cells as the office writes them: (Kế hoạch, Thực hiện, Ước cả năm, Cùng kỳ).
Cells = tuple[str, str, str, str]

# Xã Tháp Mười, written by hand. 2026 at 9 months is the reference story (data/README.md):
# đạt và vượt 04/12, không đạt 01/12 (CT12, past its ceiling), đang thực hiện 07/12; for the
# year đạt và vượt 10/12, không đạt 02/12 (CT06, CT12). Each Cùng kỳ of 2026 is the 2025
# 9-month Thực hiện; each of 2025 is the same span of 2024.
THAP_MUOI: dict[Period, dict[str, Cells]] = {
    NINE_2025: {
        "CT01": ("42", "31,8", "43", "29,5"),
        "CT02": ("100", "47,9", "98", "44,3"),
        "CT03": ("28", "19", "27", "17"),
        "CT04": ("140", "104", "142", "96"),
        "CT05": ("2", "1", "2", "1"),
        "CT06": ("17", "15", "17", "14"),
        "CT08": ("Giảm còn 1,5", "1,48", "1,4", "1,92"),
        "CT09": ("93", "93,2", "93,5", "91,8"),
        "CT10": ("380", "301", "385", "287"),
        "CT11": ("91", "90,8", "91,2", "89,4"),
        "CT12": ("Không quá 14", "9", "13", "11"),
    },
    YEAR_2025: {
        "CT01": ("42", "44,1", "", "40,2"),
        "CT02": ("100", "96,8", "", "95,2"),
        "CT03": ("28", "29", "", "25"),
        "CT04": ("140", "146", "", "131"),
        "CT05": ("2", "2", "", "2"),
        "CT06": ("17", "17", "", "15"),
        "CT08": ("Giảm còn 1,5", "1,38", "", "1,85"),
        "CT09": ("93", "93,6", "", "92,1"),
        "CT10": ("380", "392", "", "371"),
        "CT11": ("91", "91,3", "", "89,9"),
        "CT12": ("Không quá 14", "12", "", "15"),
    },
    NINE_2026: {
        "CT01": ("Khoảng 45", "34,6", "46,2", "31,8"),
        "CT02": ("100", "52,4", "100", "47,9"),
        "CT03": ("30", "24", "32", "19"),
        "CT04": ("150", "118", "155", "104"),
        "CT05": ("3", "3", "4", "1"),
        "CT06": ("19", "17", "18", "15"),
        "CT07": (DONE, "Đang trình thẩm định", DONE, ""),
        "CT08": ("Dưới 1,2%", "1,15", "1,05", "1,48"),
        "CT09": ("Trên 94%", "94,6", "95,1", "93,2"),
        "CT10": ("≥ 405", "338", "420", "301"),
        "CT11": ("92", "92", "92,5", "90,8"),
        "CT12": ("Không quá 12", "13", "16", "9"),
    },
}
# A sub-row of CT01 in the Phụ lục ("- Trong đó: ..."), which must not be counted.
THAP_MUOI_LAND_REVENUE = ("18", "12,6", "19,4", "20", "14,2", "21")

# The province's own indicators, written by hand.
PROVINCE_ROWS: dict[Period, dict[str, Cells]] = {
    NINE_2025: {
        "TT01": ("7,5 - 8", "7,62", "7,85", "6,9"),
        "TT02": ("88", NO_DATA, "88,6", NO_DATA),
        "TT03": ("19.850", "15.420,6", "20.310", "13.985,2"),
        "TT04": ("4.600", "3.412,5", "4.650", "3.105,8"),
        "TT05": ("100", "58,3", "97,5", "51,2"),
        "TT06": ("1.900", "1.386", "1.920", "1.254"),
        "TT07": ("Giảm còn 1,6", "1,71", "1,58", "2,12"),
        "TT08": ("93,5", "92,8", "93,6", "91,9"),
        "TT09": ("31", "30,4", "31,2", "29,1"),
        "TT10": ("97", "96,4", "97,1", "95,8"),
        "TT11": ("Không quá 420", "287", "392", "318"),
    },
    YEAR_2025: {
        "TT01": ("7,5 - 8", "7,91", "", "7,12"),
        "TT02": ("88", "89,2", "", "82,4"),
        "TT03": ("19.850", "20.687,4", "", "19.102,8"),
        "TT04": ("4.600", "4.702,3", "", "4.318,6"),
        "TT05": ("100", "96,2", "", "94,8"),
        "TT06": ("1.900", "1.948", "", "1.803"),
        "TT07": ("Giảm còn 1,6", "1,55", "", "2,03"),
        "TT08": ("93,5", "93,7", "", "92,6"),
        "TT09": ("31", "31,2", "", "29,6"),
        "TT10": ("97", "97,2", "", "96,3"),
        "TT11": ("Không quá 420", "401", "", "436"),
    },
    NINE_2026: {
        "TT01": ("Từ 10,5% trở lên", "9,86", "10,62", "7,62"),
        "TT02": ("Khoảng 98", NO_DATA, "98,3", NO_DATA),
        "TT03": ("21.500", "16.872,3", "22.140", "15.420,6"),
        "TT04": ("5.100", "3.598,4", "5.020", "3.412,5"),
        "TT05": ("100", "61,7", "100", "58,3"),
        "TT06": ("2.100", "1.652", "2.180", "1.386"),
        "TT07": ("Dưới 1,2%", "1,32", "1,18", "1,71"),
        "TT08": ("Trên 94%", "94,3", "94,8", "92,8"),
        "TT09": ("33", "32,1", "33", "30,4"),
        "TT10": ("98", "97,6", "98,2", "96,4"),
        "TT11": ("Không quá 380", "262", "356", "287"),
    },
}

# Cells fixed by hand in generated units: (unit, period, code) -> {field: text}.
FIXED: dict[tuple[str, Period, str], dict[str, str]] = {
    # The office's verdicts below, with figures that fit them.
    ("Phường Cao Lãnh", YEAR_2025, "CT01"): {"actual": "231,6"},
    ("Xã Mỹ Hiệp", YEAR_2025, "CT09"): {"actual": "91,7"},
    ("Xã Ba Sao", YEAR_2025, "CT02"): {"actual": "91,3"},
    ("Xã Trường Xuân", NINE_2026, "CT02"): {"target": "100", "actual": "38,6", "estimate": "92"},
    ("Phường Sa Đéc", NINE_2026, "CT03"): {"target": "130", "actual": "136", "estimate": "171"},
    ("Phường Mỹ Tho", NINE_2026, "CT09"): {"target": "95", "actual": "95", "estimate": "95,4"},
    ("Xã Thanh Bình", NINE_2026, "CT07"): {"actual": "Đang lấy ý kiến cộng đồng dân cư"},
    # No data at 9 months.
    ("Xã Phú Thọ", NINE_2026, "CT11"): {"actual": NO_DATA},
    ("Phường An Bình", NINE_2026, "CT09"): {"actual": NO_DATA},
    # A real zero: no traffic accident, no new OCOP product yet.
    ("Phường Mỹ Phong", NINE_2026, "CT12"): {
        "target": "Không quá 3",
        "actual": "0",
        "estimate": "1",
    },
    ("Phường Thới Sơn", NINE_2026, "CT05"): {"target": "1", "actual": "0", "estimate": "1"},
    # Three decimals against a strict bound: 93,995 rounds half up to 94,00, not above 94.
    ("Xã Long Khánh", NINE_2026, "CT09"): {
        "target": "Trên 94%",
        "actual": "93,995",
        "estimate": "94,3",
    },
    # On a strict bound: 3 is not below 3.
    ("Xã Tân Phú", NINE_2026, "CT08"): {"target": "Dưới 3%", "actual": "3", "estimate": "2,9"},
}
ASSESSMENTS: dict[tuple[str, Period, str], str] = {
    ("Phường Cao Lãnh", YEAR_2025, "CT01"): "Vượt",
    ("Xã Mỹ Hiệp", YEAR_2025, "CT09"): "Đạt",
    ("Xã Ba Sao", YEAR_2025, "CT02"): "Không đạt",
    ("Xã Hậu Mỹ", NINE_2026, "CT06"): "Chưa đạt",
    ("Xã Trường Xuân", NINE_2026, "CT02"): "Khó đạt",
    ("Phường Sa Đéc", NINE_2026, "CT03"): "Hoàn thành vượt",
    ("Phường Mỹ Tho", NINE_2026, "CT09"): "Ước đạt",
    ("Xã Thanh Bình", NINE_2026, "CT07"): "Đang thực hiện",
    (HAND_WORKED, NINE_2026, "CT07"): "Đang thực hiện",
}
NOTES: dict[tuple[str, Period, str], str] = {
    (HAND_WORKED, NINE_2026, "CT02"): "Một số công trình chuyển tiếp vướng giải phóng mặt bằng",
    (HAND_WORKED, NINE_2026, "CT07"): "Đang trình Sở Xây dựng thẩm định",
    (HAND_WORKED, NINE_2026, "CT10"): "Số liệu ước tính đến ngày 30/9/2026",
    (
        HAND_WORKED,
        NINE_2026,
        "CT12",
    ): "Tăng 4 vụ so với cùng kỳ, chủ yếu trên tuyến đường Hồ Chí Minh",
    ("Xã Mỹ Hiệp", YEAR_2025, "CT09"): "Số liệu của Bảo hiểm xã hội cơ sở đến ngày 31/12/2025",
    ("Xã Ba Sao", YEAR_2025, "CT02"): "Hai công trình giao thông nông thôn chậm khởi công",
    ("Xã Trường Xuân", NINE_2026, "CT02"): "Vốn phân bổ chậm, nhà thầu thiếu vật liệu san lấp",
    ("Xã Phú Thọ", NINE_2026, "CT11"): "Chưa có kết quả rà soát 9 tháng",
    ("Phường An Bình", NINE_2026, "CT09"): "Bảo hiểm xã hội chưa cung cấp số liệu theo địa bàn mới",
    ("Xã Thanh Bình", NINE_2026, "CT07"): "Đã lấy ý kiến lần 1, đang hoàn chỉnh hồ sơ",
    ("Phường Sa Đéc", NINE_2026, "CT03"): "Chủ yếu doanh nghiệp thương mại, dịch vụ",
    (PROVINCE_UNIT, NINE_2026, "TT02"): "Chỉ tính theo năm",
    (PROVINCE_UNIT, NINE_2025, "TT02"): "Chỉ tính theo năm",
}
# The one Cùng kỳ that disagrees with last year's own row: the office copied the 9-month 2025
# budget revenue before it was revised, 2 tỷ đồng lower (data/README.md).
DISAGREEMENT = ("Xã Lấp Vò", "CT01", Decimal(2))
PROGRESS = (
    "Đang lập nhiệm vụ quy hoạch",
    "Đang trình thẩm định",
    "Đang lấy ý kiến cộng đồng dân cư",
)


# ---------------------------------------------------------------------------------------------
# numbers


def dec(text: str) -> Decimal:
    """Read a number written the Vietnamese way ("1.234,5")."""
    return Decimal(text.replace(".", "").replace(",", "."))


def q(value: float | Decimal, places: int) -> Decimal:
    """Round half up to `places` decimals."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def vn(number: Decimal) -> str:
    """Format a number the Vietnamese way: 1.250,5; trailing zeros dropped."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


_VN_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?")


def excel_value(text: str) -> int | float | str | None:
    """Turn a cell as written into what Excel would store: numbers as numbers."""
    if text == "":
        return None
    if _VN_NUMBER.fullmatch(text):
        number = dec(text)
        return int(number) if number == number.to_integral_value() else float(number)
    return text


# ---------------------------------------------------------------------------------------------
# generated units


@dataclass(frozen=True)
class Profile:
    population: float  # thousands
    urban: bool
    quality: float  # 0..1: how well the unit does against its targets


class UnitGenerator:
    """Make one unit's figures for the three periods from its profile."""

    def __init__(self, name: str, rng: random.Random) -> None:
        self.name = name
        self.rng = rng
        urban = name.startswith("Phường")
        self.profile = Profile(
            population=rng.uniform(28, 70) if urban else rng.uniform(20, 60),
            urban=urban,
            quality=rng.betavariate(4, 2),
        )

    def u(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    def outcome(self, hard: float = 0.0) -> str:
        """Draw a year-end outcome: E exceeded, M met exactly, N not met."""
        miss = 0.04 + 0.3 * (1 - self.profile.quality) + hard
        draw = self.rng.random()
        return "N" if draw < miss else "M" if draw < miss + 0.12 else "E"

    def pace_class(self, hard: float = 0.0) -> str:
        """Draw a 9-month pace class for a cumulative target: E met, o, r, b."""
        behind = 0.04 + 0.2 * (1 - self.profile.quality) + hard
        at_risk = behind + 0.1 + 0.15 * (1 - self.profile.quality)
        draw = self.rng.random()
        return "b" if draw < behind else "r" if draw < at_risk else "E" if draw > 0.95 else "o"

    # cumulative, higher is better ------------------------------------------------------------

    def year_value(self, target: Decimal, outcome: str, places: int) -> Decimal:
        if outcome == "M":
            return target
        if places == 0:
            step = max(1, round(float(target) * self.u(0.04, 0.14)))
            return target + step if outcome == "E" else max(Decimal(0), target - step)
        share = self.u(1.01, 1.14) if outcome == "E" else self.u(0.84, 0.97)
        return q(float(target) * share, places)

    def nine_months(self, target: Decimal, pace: str, places: int) -> Decimal:
        """Make a September total in a pace class.

        E is already past the target; otherwise pace = actual / target / 0.75 is on track (o,
        from 0.95), at risk (r, from 0.75) or behind (b). The shares keep well inside each band.
        """
        shares = {"E": (1.01, 1.1), "o": (0.73, 0.92), "r": (0.58, 0.69), "b": (0.3, 0.54)}
        if places == 0:
            bands = {"E": (1.334, 2.0), "o": (0.95, 1.333), "r": (0.75, 0.949), "b": (0.0, 0.749)}
            low, high = bands[pace]
            t = int(target)
            fits = [a for a in range(int(t * 1.2) + 2) if low <= a / t / 0.75 <= high]
            share_low, share_high = shares[pace]
            fits = [a for a in fits if share_low <= a / t <= share_high] or fits
            return Decimal(self.rng.choice(fits) if fits else round(t * 0.75))
        return q(float(target) * self.u(*shares[pace]), places)

    def cumulative(
        self, places: int, base: float, growth: tuple[float, float], step: int
    ) -> dict[Period, list[Decimal | None]]:
        """Figures of a growing running total: period -> [target, actual, estimate, previous]."""
        last_year = q(base, places)
        last_nine = q(base * self.u(0.62, 0.76), places)
        target_25 = nice(base * self.u(*growth), step)
        year_25 = self.year_value(target_25, self.outcome(), places)
        nine_25 = q(float(year_25) * self.u(0.64, 0.78), places)
        estimate_25 = max(nine_25, q(float(year_25) * self.u(0.97, 1.03), places))
        target_26 = nice(float(year_25) * self.u(*growth), step)
        pace = self.pace_class()
        nine_26 = self.nine_months(target_26, pace, places)
        # a unit behind in September rarely catches up by December
        estimate_26 = self.year_value(
            target_26, self.outcome({"b": 0.3, "r": 0.1}.get(pace, 0)), places
        )
        floor = nine_26 + (1 if places == 0 else q(float(nine_26) * 0.12, places))
        # the last quarter may outpace the first three, but not by much more than a third
        ceiling = q(float(nine_26) * 4 / 3 * 1.35, places)
        estimate_26 = max(min(estimate_26, ceiling), floor)
        return {
            NINE_2025: [target_25, nine_25, estimate_25, last_nine],
            YEAR_2025: [target_25, year_25, None, last_year],
            NINE_2026: [target_26, nine_26, estimate_26, nine_25],
        }

    def disbursement(self) -> dict[Period, list[Decimal | None]]:
        """Public investment disbursed, % of the year's plan: never above 100."""
        hundred = Decimal(100)
        year_25 = hundred if self.outcome(hard=0.15) != "N" else q(self.u(86, 99.4), 1)
        nine_25 = q(self.u(42, 68), 1)
        nine_26 = q(
            self.u(
                *{"o": (71.5, 80), "r": (56.5, 71), "b": (35, 56), "E": (72, 82)}[
                    self.pace_class(hard=0.2)
                ]
            ),
            1,
        )
        estimate_26 = hundred if self.outcome(hard=0.1) != "N" else q(self.u(90, 99), 1)
        return {
            NINE_2025: [
                hundred,
                nine_25,
                max(q(self.u(95, 100), 1), nine_25),
                q(self.u(38, 62), 1),
            ],
            YEAR_2025: [hundred, year_25, None, q(self.u(90, 100), 1)],
            NINE_2026: [hundred, nine_26, estimate_26, nine_25],
        }

    # levels ----------------------------------------------------------------------------------

    def level(
        self,
        base: float,
        step: tuple[float, float],
        spread: tuple[float, float],
        places: int,
        cap: float,
        *,
        aim: float,
        lower: bool = False,
        strict: bool = False,
    ) -> dict[Period, list[Decimal | None]]:
        """Figures of a rate or a count at a moment, moving towards its target through the year.

        `step` is how far each year's target moves, rounded to a multiple of `aim` as plans
        write them; `spread` is how far a year's result lands from its target; `lower` when
        lower is better; `strict` when the target is written 'Trên' or 'Dưới', so a result on
        it does not meet it. A September figure lies between January's and December's.
        """
        sign = -1 if lower else 1
        unit = Decimal(1).scaleb(-places)
        floor = Decimal("0.1") if lower else Decimal(0)

        def bound(value: float) -> Decimal:
            return q(min(value, cap), places).max(floor)

        def target(value: float) -> Decimal:
            return bound(round(value / aim) * aim)

        def against(target: Decimal, outcome: str) -> Decimal:
            delta = max(self.u(*spread), float(unit))
            if outcome == "N":
                return bound(float(target) - sign * delta)
            if outcome == "M" and not strict:
                return target
            better = bound(float(target) + sign * delta)
            # no room beyond a cap (19 of 19 criteria): on the target is as good as it gets
            return better if sign * (better - target) > 0 else target

        def september(start: Decimal, end: Decimal) -> Decimal:
            return q(float(start) + float(end - start) * self.u(0.55, 0.9), places)

        last_year = bound(base)
        last_nine = bound(base - sign * self.u(0, spread[1]))
        target_25 = target(base + sign * self.u(*step))
        year_25 = against(target_25, self.outcome())
        nine_25 = september(last_year, year_25)
        estimate_25 = bound(float(year_25) + self.u(-spread[0], spread[0]) / 2)
        target_26 = target(float(year_25) + sign * self.u(*step))
        estimate_26 = against(target_26, self.outcome())
        nine_26 = september(year_25, estimate_26)
        return {
            NINE_2025: [target_25, nine_25, estimate_25, last_nine],
            YEAR_2025: [target_25, year_25, None, last_year],
            NINE_2026: [target_26, nine_26, estimate_26, nine_25],
        }

    # a ceiling on a running total ------------------------------------------------------------

    def accidents(self) -> dict[Period, list[Decimal | None]]:
        """Traffic accidents: a ceiling; past it at 9 months the target is missed for good."""
        base = max(2, round(self.profile.population / 4.5 * self.u(0.6, 1.4)))
        ceiling_25 = Decimal(max(2, base - self.rng.choice([0, 1, 1, 2])))
        year_25 = max(Decimal(0), ceiling_25 + self.rng.choice([-3, -2, -1, -1, 0, 0, 1, 2]))
        nine_25 = Decimal(round(float(year_25) * self.u(0.6, 0.8)))
        estimate_25 = max(nine_25, Decimal(round(float(year_25) * self.u(0.9, 1.1))))
        ceiling_26 = Decimal(max(2, int(min(ceiling_25, year_25)) - self.rng.choice([0, 0, 1])))
        past = self.rng.random() < 0.05
        nine_26 = (
            ceiling_26 + self.rng.choice([1, 2])
            if past
            else Decimal(round(float(ceiling_26) * self.u(0.4, 0.85)))
        )
        estimate_26 = max(nine_26, Decimal(round(float(nine_26) * 4 / 3 * self.u(0.95, 1.12))))
        return {
            NINE_2025: [ceiling_25, nine_25, estimate_25, Decimal(round(base * self.u(0.6, 0.8)))],
            YEAR_2025: [ceiling_25, year_25, None, Decimal(base)],
            NINE_2026: [ceiling_26, nine_26, estimate_26, nine_25],
        }

    # the unit ---------------------------------------------------------------------------------

    def rows(self) -> dict[Period, dict[str, Cells]]:
        """Return every period's cells, as the office writes them."""
        p = self.profile
        pop, urban = p.population, p.urban
        forms = self.target_forms()
        numbers: dict[str, dict[Period, list[Decimal | None]]] = {
            "CT01": self.cumulative(
                1,
                pop * (self.u(2.2, 4.0) if urban else self.u(0.45, 1.0)),
                (1.04, 1.1),
                5 if urban else 1,
            ),
            "CT02": self.disbursement(),
            "CT03": self.cumulative(
                0,
                pop * (self.u(1.2, 2.2) if urban else self.u(0.25, 0.7)),
                (1.03, 1.12),
                5 if urban else 1,
            ),
            "CT04": self.cumulative(
                0,
                pop * (self.u(3.5, 6) if urban else self.u(2, 4.5)),
                (1.03, 1.1),
                10 if urban else 5,
            ),
            "CT05": self.cumulative(
                0, self.u(0.6, 1.6) if urban else self.u(1.2, 3.5), (1.0, 1.3), 1
            ),
            "CT06": self.level(
                self.rng.choice([5, 6, 7]) if urban else self.rng.choice([14, 15, 16, 17]),
                (1, 1.4),
                (1, 1.4),
                0,
                8 if urban else 19,
                aim=1,
            ),
            "CT08": self.level(
                self.u(0.3, 1.1) if urban else self.u(1.0, 3.6),
                (0.05, 0.15) if urban else (0.2, 0.5),
                (0.05, 0.3),
                2,
                100,
                aim=0.1,
                lower=True,
                strict=forms["CT08"].startswith("Dưới"),
            ),
            "CT09": self.level(
                self.u(89.5, 93.5),
                (0.4, 1.2),
                (0.2, 0.9),
                1,
                99.5,
                aim=0.5,
                strict=forms["CT09"].startswith("Trên"),
            ),
            "CT10": self.cumulative(0, pop * self.u(7, 13), (1.02, 1.08), 5),
            "CT11": self.level(
                self.u(95, 98.5) if urban else self.u(70, 92),
                (0.5, 1.8),
                (0.3, 1.5),
                1,
                99.6,
                aim=0.5,
            ),
            "CT12": self.accidents(),
        }
        out: dict[Period, dict[str, Cells]] = {period: {} for period in PERIODS}
        for ind in COMMUNE_INDICATORS:
            for period in PERIODS:
                if period[0] < ind.first_year:
                    continue
                if ind.code == "CT07":
                    out[period][ind.code] = self.milestone()
                    continue
                target, actual, estimate, previous = numbers[ind.code][period]
                form = forms.get(ind.code, "{}") if period == NINE_2026 else "{}"
                out[period][ind.code] = (
                    form.format(vn(target)) if target is not None else "",
                    vn(actual) if actual is not None else "",
                    vn(estimate) if estimate is not None else "",
                    vn(previous) if previous is not None else "",
                )
        return out

    def target_forms(self) -> dict[str, str]:
        """Choose how this office writes some 2026 targets ('Dưới 1,2%', 'Không quá 12')."""
        pick = self.rng.random
        return {
            "CT01": "Khoảng {}" if pick() < 0.1 else "{}",
            "CT08": "Dưới {}%" if pick() < 0.3 else "Giảm còn {}" if pick() < 0.3 else "{}",
            "CT09": "Trên {}%" if pick() < 0.25 else "Từ {}% trở lên" if pick() < 0.2 else "{}",
            "CT10": "≥ {}" if pick() < 0.2 else "{}",
            "CT12": "Không quá {}" if pick() < 0.5 else "{}",
        }

    def milestone(self) -> Cells:
        if self.rng.random() < 0.25:
            return (DONE, DONE, DONE, "")
        actual = NOT_DONE if self.rng.random() < 0.4 else self.rng.choice(PROGRESS)
        return (DONE, actual, DONE if self.rng.random() < 0.85 else NOT_DONE, "")


def nice(value: float, step: int) -> Decimal:
    """Round to a multiple of `step` (at least one step), the way plan targets are set."""
    return Decimal(max(1, round(value / step)) * step)


# ---------------------------------------------------------------------------------------------
# the table


def unit_cells(rng: random.Random) -> dict[str, dict[Period, dict[str, Cells]]]:
    """Return every unit's cells by unit, period and indicator code, fixes applied."""
    cells: dict[str, dict[Period, dict[str, Cells]]] = {PROVINCE_UNIT: PROVINCE_ROWS}
    for name in UNITS:
        cells[name] = THAP_MUOI if name == HAND_WORKED else UnitGenerator(name, rng).rows()
    fields = ("target", "actual", "estimate", "previous")
    for (name, period, code), fix in FIXED.items():
        row = dict(zip(fields, cells[name][period][code], strict=True)) | fix
        cells[name][period][code] = (row["target"], row["actual"], row["estimate"], row["previous"])
    for name in (n for n in UNITS if n != HAND_WORKED):  # Tháp Mười is written out whole
        # Cùng kỳ of 2026 is what last year's own 9-month row says, fixes included.
        for code, (target, actual, estimate, _) in cells[name][NINE_2026].items():
            if code in cells[name][NINE_2025]:
                previous = cells[name][NINE_2025][code][1]
                if (name, code) == DISAGREEMENT[:2]:
                    previous = vn(dec(previous) - DISAGREEMENT[2])
                cells[name][NINE_2026][code] = (target, actual, estimate, previous)
    return cells


def build_rows() -> list[list[str | int]]:
    """Return the table body: period by period, the province first, then its units."""
    cells = unit_cells(random.Random(SEED))
    rows: list[list[str | int]] = []
    for period in PERIODS:
        for name in (PROVINCE_UNIT, *UNITS):
            indicators = PROVINCE_INDICATORS if name == PROVINCE_UNIT else COMMUNE_INDICATORS
            for ind in indicators:
                if ind.code not in cells[name][period]:
                    continue
                target, actual, estimate, previous = cells[name][period][ind.code]
                indicator_name = (
                    ind.ward_name if ind.ward_name and name.startswith("Phường") else ind.name
                )
                key = (name, period, ind.code)
                rows.append([
                    PROVINCE, name, period[0], period[1], ind.code, indicator_name, ind.group,
                    ind.unit, ind.kind, ind.direction, target, actual, estimate, previous,
                    ASSESSMENTS.get(key, ""), NOTES.get(key, ""),
                ])  # fmt: skip
    return rows


def write_csv(rows: list[list[str | int]], path: Path) -> None:
    """Write UTF-8 with BOM, semicolons, CRLF: as Excel saves it on a Vietnamese-locale machine."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile that stamps every member with the same time, so the .xlsx is reproducible."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, FIXED_TIME.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        # openpyxl writes each worksheet from a temporary file, stamped with the file's time
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())  # type: ignore[no-untyped-call]


def save(wb: Workbook, path: Path) -> None:
    """Save a workbook with fixed timestamps inside and out."""
    wb.properties.creator = "reportlib sample data"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    path.write_bytes(buffer.getvalue())


def write_xlsx(rows: list[list[str | int]], path: Path) -> None:
    """Write the table on a sheet "Chỉ tiêu": numbers as numbers, targets in words as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(HEADER)
    for row in rows:
        ws.append([value if isinstance(value, int) else excel_value(value) for value in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [11, 22, 7, 9, 7, 44, 18, 13, 11, 7, 16, 16, 11, 11, 15, 50]
    for column, width in zip(ws.iter_cols(min_row=1, max_row=1), widths, strict=True):
        ws.column_dimensions[column[0].column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    save(wb, path)


# ---------------------------------------------------------------------------------------------
# the office's own Phụ lục for Xã Tháp Mười

TIMES = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GROUPS = (
    ("I. KINH TẾ", "Kinh tế"),
    ("II. VĂN HÓA - XÃ HỘI", "Văn hóa - Xã hội"),
    ("III. MÔI TRƯỜNG", "Môi trường"),
    ("IV. QUỐC PHÒNG - AN NINH", "Quốc phòng - An ninh"),
)
NUMBER_FORMATS = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00"}


def _ratio(part: str, whole: str) -> float | None:
    """Return part / whole in percent, one decimal, when both are plain numbers."""
    if not (_VN_NUMBER.fullmatch(part) and _VN_NUMBER.fullmatch(whole)) or dec(whole) == 0:
        return None
    return float(q(dec(part) / dec(whole) * 100, 1))


def write_phu_luc(path: Path) -> None:
    """Write Xã Tháp Mười's 9-month 2026 figures as the commune office lays them out."""
    wb = Workbook()
    ws = wb.active
    ws.title = HAND_WORKED
    last = "L"
    font = Font(name=TIMES, size=12)
    bold = Font(name=TIMES, size=12, bold=True)

    def put(
        ref: str,
        value: object,
        *,
        style: Font = font,
        merge: str = "",
        align: str = "center",
        wrap: bool = True,
    ) -> None:
        ws[ref] = value
        ws[ref].font = style
        ws[ref].alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if merge:
            ws.merge_cells(f"{ref}:{merge}")

    put("A1", "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI", style=bold, merge="C1")
    put("F1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style=bold, merge="L1")
    put(
        "F2",
        "Độc lập - Tự do - Hạnh phúc",
        style=Font(name=TIMES, size=13, bold=True, underline="single"),
        merge="L2",
    )
    ws.row_dimensions[1].height = 33
    put("A4", "Phụ lục", style=Font(name=TIMES, size=13, bold=True), merge=f"{last}4")
    put(
        "A5",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2026",
        style=Font(name=TIMES, size=13, bold=True),
        merge=f"{last}5",
    )
    put(
        "A6",
        "(Kèm theo Báo cáo số .../BC-UBND ngày ... của UBND xã)",
        style=Font(name=TIMES, size=12, italic=True),
        merge=f"{last}6",
    )

    # header: two rows with merged parents, then the column numbers
    top, sub, numbers = 8, 9, 10
    for column, text in (("A", "STT"), ("B", "Chỉ tiêu"), ("C", "ĐVT"), ("L", "Ghi chú")):
        put(f"{column}{top}", text, style=bold, merge=f"{column}{sub}")
    for first, end, text in (
        ("D", "F", "Năm 2025"),
        ("G", "I", "Năm 2026"),
        ("J", "K", "So sánh (%)"),
    ):
        put(f"{first}{top}", text, style=bold, merge=f"{end}{top}")
    children = (
        "Kế hoạch",
        "TH 9 tháng",
        "TH cả năm",
        "Kế hoạch",
        "TH 9 tháng",
        "Ước TH cả năm",
        "TH/KH",
        "TH/CK",
    )
    for offset, text in enumerate(children):
        put(f"{get_column_letter(4 + offset)}{sub}", text, style=bold)
    for offset, text in enumerate(
        ("A", "B", "C", "1", "2", "3", "4", "5", "6", "7=5/4", "8=5/2", "D")
    ):
        put(
            f"{get_column_letter(1 + offset)}{numbers}",
            text,
            style=Font(name=TIMES, size=11, italic=True),
        )

    row = numbers + 1
    number = 0
    for title, group in GROUPS:
        put(f"A{row}", title, style=bold, merge=f"{last}{row}", align="left")
        row += 1
        for ind in (i for i in COMMUNE_INDICATORS if i.group == group):
            number += 1
            write_phu_luc_row(ws, row, str(number), ind.name, ind, font)
            row += 1
            if ind.code == "CT01":  # a detail the office shows and nobody counts
                values = THAP_MUOI_LAND_REVENUE
                fake = Indicator("", "", "", group, "tỷ đồng", "lũy kế", "tăng", 1, 2025)
                write_phu_luc_row(
                    ws,
                    row,
                    "",
                    "- Trong đó: thu tiền sử dụng đất",
                    fake,
                    Font(name=TIMES, size=12, italic=True),
                    values,
                )
                row += 1
    for cells in ws.iter_rows(min_row=top, max_row=row - 1, max_col=12):
        for cell in cells:
            cell.border = BOX

    # footnote and signatures
    put(
        f"A{row + 1}",
        "(*) Số liệu ước tính đến ngày 30/9/2026; số liệu bảo hiểm y tế do Bảo hiểm xã hội"
        " cơ sở cung cấp.",
        style=Font(name=TIMES, size=11, italic=True),
        merge=f"{last}{row + 1}",
        align="left",
    )
    sign = row + 3
    put(f"A{sign}", "NGƯỜI LẬP BIỂU", style=bold, merge=f"D{sign}")
    put(f"H{sign}", "TM. ỦY BAN NHÂN DÂN", style=bold, merge=f"L{sign}")
    put(f"H{sign + 1}", "CHỦ TỊCH", style=bold, merge=f"L{sign + 1}")
    put(f"A{sign + 5}", "Lê Thị Thu Hà", style=bold, merge=f"D{sign + 5}")
    put(f"H{sign + 5}", "Nguyễn Hoàng Phúc", style=bold, merge=f"L{sign + 5}")

    widths = {
        "A": 6,
        "B": 44,
        "C": 12,
        "D": 11,
        "E": 11,
        "F": 11,
        "G": 14,
        "H": 11,
        "I": 11,
        "J": 9,
        "K": 9,
        "L": 30,
    }
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    for header_row in (top, sub):
        ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = f"D{numbers + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{numbers}"
    save(wb, path)


def write_phu_luc_row(
    ws,
    row: int,
    stt: str,
    name: str,
    ind: Indicator,
    font: Font,
    values: tuple[str, ...] | None = None,
) -> None:  # type: ignore[no-untyped-def]
    """Write one indicator (or sub-row) in the Phụ lục: its figures, comparisons and note."""
    if values is None:
        plan_25, nine_25, _, _ = THAP_MUOI[NINE_2025].get(ind.code, ("", "", "", ""))
        year_25 = THAP_MUOI[YEAR_2025].get(ind.code, ("", "", "", ""))[1]
        plan_26, nine_26, estimate_26, _ = THAP_MUOI[NINE_2026][ind.code]
        values = (plan_25, nine_25, year_25, plan_26, nine_26, estimate_26)
    plan_26, nine_26 = values[3], values[4]
    # TH/KH only where it means "share of the plan" (a number, higher is better); TH/CK always.
    against_plan = (
        _ratio(nine_26, plan_26.removeprefix("Khoảng ")) if ind.direction == "tăng" else None
    )
    ws.cell(row, 1, stt)
    ws.cell(row, 2, name)
    ws.cell(row, 3, ind.unit or None)
    for offset, text in enumerate(values):
        cell = ws.cell(row, 4 + offset, excel_value(text))
        if ind.code == "CT08" and isinstance(cell.value, (int, float)):
            cell.value = float(
                q(dec(text) / 100, 4)
            )  # the office keeps the poverty rate as a percent cell
            cell.number_format = "0.00%"
        elif isinstance(cell.value, (int, float)):
            cell.number_format = NUMBER_FORMATS[ind.places]
    if ind.code == "CT04":
        ws.cell(
            row, 8, values[4]
        ).number_format = "@"  # typed with a leading apostrophe: a number stored as text
    ws.cell(row, 10, against_plan).number_format = "0.0"
    ws.cell(row, 11, _ratio(nine_26, values[1])).number_format = "0.0"
    note = NOTES.get((HAND_WORKED, NINE_2026, ind.code), "") if ind.code else ""
    if ind.code in ("CT09", "CT10"):  # figures the footnote explains
        note = f"{note} (*)".strip()
    ws.cell(row, 12, note or None)
    for column in range(1, 13):
        cell = ws.cell(row, column)
        cell.font = font
        horizontal = "left" if column in (2, 12) else "center" if column in (1, 3) else "right"
        cell.alignment = Alignment(
            horizontal=horizontal, vertical="center", wrap_text=column in (2, 12)
        )


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    rows = build_rows()
    write_csv(rows, out / "indicators.csv")
    write_xlsx(rows, out / "indicators.xlsx")
    write_phu_luc(out / "phu-luc-thap-muoi.xlsx")
    print(f"wrote {len(rows)} rows and the Phụ lục of {HAND_WORKED} to {out}")


if __name__ == "__main__":
    main(sys.argv)
