"""Write the illustrative Đồng Tháp indicator table (indicators.csv and indicators.xlsx).

The figures are made up for the sample project: they look like a Mekong-delta province's
reports but are not official statistics. The script is deterministic: a fixed seed, no clock,
and the .xlsx archive is written with fixed timestamps, so running it twice gives byte-identical
files.

Usage (from the repository root)::

    python data/dong-thap/make_sample.py [OUTPUT_FOLDER]

OUTPUT_FOLDER defaults to this script's folder. Only the standard library and openpyxl are needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import sys
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# openpyxl writes its XML with lxml when lxml is installed, and with its own writer otherwise,
# and the two differ in bytes ('/>' and ' />'): the sample must be the same on every machine.
os.environ["OPENPYXL_LXML"] = "False"

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
SEED = 20231005
PROVINCE = "Đồng Tháp"
YEARS = (2021, 2022, 2023)
IN_YEAR = 2023  # rows of this year are 9-month figures with a whole-year estimate
FIXED_TIME = dt.datetime(2023, 10, 5, 8, 0, 0)

HEADER = [
    "Tỉnh", "Huyện", "Năm", "Kỳ", "Mã", "Chỉ tiêu", "Nhóm", "ĐVT", "Loại", "Chiều",
    "Kế hoạch", "Thực hiện", "Ước cả năm", "Cùng kỳ", "Đánh giá", "Ghi chú",
]  # fmt: skip

DONE = "Hoàn thành"
NOT_DONE = "Chưa hoàn thành"
NO_DATA = "-"

# A cell value: a number, a range (low, high), a word, or None (empty cell).
Value = Decimal | tuple[Decimal, Decimal] | str | None


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    group: str
    unit: str
    kind: str  # lũy kế | thời điểm | mốc
    direction: str  # tăng | giảm
    places: int  # decimals the office writes


# code | indicator | group | unit | kind | direction | decimals the office writes
INDICATOR_TABLE = """
CT01 | Tốc độ tăng trưởng kinh tế (GRDP) | Kinh tế | % | thời điểm | tăng | 2
CT02 | Thu ngân sách nhà nước trên địa bàn | Kinh tế | tỷ đồng | lũy kế | tăng | 1
CT03 | Tỷ lệ giải ngân vốn đầu tư công | Kinh tế | % | lũy kế | tăng | 1
CT04 | Số doanh nghiệp thành lập mới | Kinh tế | doanh nghiệp | lũy kế | tăng | 0
CT05 | Số sản phẩm OCOP đạt 3 sao trở lên | Kinh tế | sản phẩm | lũy kế | tăng | 0
CT06 | Thu nhập bình quân đầu người | Kinh tế | triệu đồng | thời điểm | tăng | 1
CT07 | Tỷ lệ hộ nghèo | Văn hóa - Xã hội | % | thời điểm | giảm | 2
CT08 | Tỷ lệ dân số tham gia bảo hiểm y tế | Văn hóa - Xã hội | % | thời điểm | tăng | 1
CT09 | Tỷ lệ hộ dân sử dụng nước sạch | Môi trường | % | thời điểm | tăng | 1
CT10 | Số xã đạt chuẩn nông thôn mới nâng cao | Văn hóa - Xã hội | xã | lũy kế | tăng | 0
CT11 | Phê duyệt đồ án quy hoạch chung đô thị | Xây dựng - Đô thị | nhiệm vụ | mốc | tăng | 0
"""
INDICATORS = [
    Indicator(*fields[:6], int(fields[6]))
    for fields in (
        [f.strip() for f in line.split("|")] for line in INDICATOR_TABLE.strip().splitlines()
    )
]


@dataclass(frozen=True)
class Unit:
    name: str  # as written in the reports
    budget: int  # 2021 budget-revenue target, tỷ đồng
    enterprises: int  # 2021 target, new enterprises
    ocop: int  # 2021 target, OCOP products
    income: int  # 2021 target, triệu đồng per head
    poverty: str  # 2021 target, %
    insurance: str  # 2021 target, %
    water: str  # 2021 target, %
    communes: tuple[int, int, int]  # CT10 targets 2021, 2022, 2023
    # Outcome codes, one letter per indicator CT01..CT11.
    # Year-end: E exceeded, M met (equal to target), N not met.
    # 9 months (2023): E/M already met, o/r/b cumulative in progress on track / at risk /
    # behind, p level or milestone in progress, D no data.
    y2021: str
    y2022: str
    p2023: str
    e2023: str


UNITS = [
    Unit("Thành phố Cao Lãnh", 1100, 160, 5, 76, "0,7", "92,5", "95", (1, 1, 1),
         "NEMNEEEEEMM", "EENEEEEEEMM", "EooErEEpEbM", "EEMEMEEEEMM"),
    Unit("Thành phố Sa Đéc", 900, 130, 8, 74, "0,6", "93", "94", (1, 1, 1),
         "NENEMEEEMMM", "EEMEEEEEMMN", "EoroMEMEEbp", "EENEMEEEEMN"),
    Unit("Thành phố Hồng Ngự", 420, 70, 4, 60, "2,5", "90,5", "90", (1, 1, 1),
         "NMMEEEENEMM", "ENMEMEEEEMM", "prborEEEDbM", "NMMEMEEEEMM"),
    Unit("Tân Hồng", 250, 60, 3, 50, "5", "89,5", "72", (1, 2, 2),
         "NENMEEEENMM", "EENENEEMEMM", "ErbrbEppEbp", "EMNMMEMMEMN"),
    Unit("Hồng Ngự", 290, 62, 4, 52, "4,4", "90", "75", (1, 2, 2),
         "NEMEMEEEEMN", "EEMEMENEEMM", "EoroEEEEpbp", "EEMEEEEEMMM"),
    Unit("Tam Nông", 270, 60, 5, 53, "4", "89,5", "77", (1, 2, 3),
         "NEMEMEEMEMM", "MENEEEEENMM", "prbbrEEMErM", "NEMNMEEEEMM"),
    Unit("Tháp Mười", 0, 0, 0, 0, "0", "0", "0", (1, 2, 2), "", "", "", ""),  # written by hand
    Unit("Cao Lãnh", 470, 95, 9, 57, "3", "90,5", "83", (2, 3, 3),
         "NEMEEEEEEEM", "EEMEEEEEEMN", "MoooEEEEErM", "MEMEEEEEEMM"),
    Unit("Thanh Bình", 320, 70, 5, 54, "3,6", "90", "79", (1, 2, 2),
         "NENEMEEEEMM", "EEMNEEEMEMM", "ErborpEEEbp", "EMMENMEEEMN"),
    Unit("Lấp Vò", 440, 110, 7, 59, "2,4", "91,5", "85", (2, 2, 2),
         "NEMNEEEEEMM", "EEMEEEEEENM", "EErorEEEEbp", "EEMEMEEEEMN"),
    Unit("Lai Vung", 410, 100, 10, 58, "2,6", "91", "84", (2, 2, 2),
         "NEMEEENEEMM", "EEMEENEEEMM", "porroEEEpbM", "NEMMEEEEMMM"),
    Unit("Châu Thành", 430, 105, 8, 60, "2,3", "91,5", "87", (2, 2, 3),
         "EEMEEEEEEMN", "EEMEEEEENMM", "EoboMEMEErp", "EENEEEEEEEM"),
]  # fmt: skip

# Tháp Mười, written by hand: (target, actual, estimate, previous) per indicator and year.
# 2021 and 2022 are year-end rows, 2023 are 9-month rows (previous = 9 months of 2022).
THAP_MUOI: dict[int, dict[str, tuple[str, str, str, str]]] = {
    2021: {
        "CT01": ("7", "2,15", "", "6,8"),
        "CT02": ("330", "361,2", "", "318,7"),
        "CT03": ("100", "100", "", "97,8"),
        "CT04": ("70", "58", "", "66"),
        "CT05": ("4", "5", "", "3"),
        "CT06": ("56", "56,8", "", "54,1"),
        "CT07": ("3,4", "3,12", "", "3,86"),
        "CT08": ("90", "90,4", "", "89,1"),
        "CT09": ("80", "81,2", "", "78,5"),
        "CT10": ("1", "1", "", "1"),
        "CT11": (DONE, DONE, "", ""),
    },
    2022: {
        "CT01": ("6,5", "7,05", "", "2,15"),
        "CT02": ("380", "398,5", "", "361,2"),
        "CT03": ("100", "94,6", "", "100"),
        "CT04": ("70", "76", "", "58"),
        "CT05": ("5", "5", "", "5"),
        "CT06": ("61", "62,3", "", "56,8"),
        "CT07": ("2,8", "2,62", "", "3,12"),
        "CT08": ("91", "91,2", "", "90,4"),
        "CT09": ("82", "83,1", "", "81,2"),
        "CT10": ("2", "2", "", "1"),
        "CT11": (DONE, NOT_DONE, "", ""),
    },
    2023: {
        "CT01": ("7,5", "7,62", "7,8", "6,84"),
        "CT02": ("420", "285,6", "436,2", "268,4"),
        "CT03": ("100", "38,5", "100", "45,2"),
        "CT04": ("85", "61", "88", "54"),
        "CT05": ("6", "4", "6", "3"),
        "CT06": ("68", "68,5", "69,2", "60,1"),
        "CT07": ("2,1", "2,1", "1,95", "2,85"),
        "CT08": ("92", "92,3", "92,6", "90,9"),
        "CT09": ("85", "85", "85,4", "82,6"),
        "CT10": ("2", "1", "2", "1"),
        "CT11": (DONE, NOT_DONE, NOT_DONE, ""),
    },
}

# Cells fixed by hand in the generated units: (unit, year, code) -> {field: text}.
# Fields: target, actual, estimate, previous (as the office writes them).
FIXED: dict[tuple[str, int, str], dict[str, str]] = {
    # A range target, met inside the range at 9 months and at year-end.
    ("Cao Lãnh", 2023, "CT01"): {"target": "7,5 - 8", "actual": "7,62", "estimate": "7,8"},
    # A range target beaten at year-end.
    ("Thành phố Sa Đéc", 2022, "CT01"): {"target": "7 - 7,5", "actual": "7,8"},
    # A negative growth rate (2021, the COVID-19 year).
    ("Tân Hồng", 2021, "CT01"): {"actual": "-0,85"},
    # Three decimals: equal to the target once rounded half up to two decimals.
    ("Thanh Bình", 2022, "CT08"): {"target": "92", "actual": "91,995"},
    # Three decimals, in progress at 9 months either way.
    ("Thành phố Cao Lãnh", 2023, "CT03"): {"actual": "71,995"},
    # No data at 9 months (survey not done), with an estimate for the year.
    ("Thành phố Hồng Ngự", 2023, "CT09"): {"actual": NO_DATA},
    # No figure for the same period last year.
    ("Tam Nông", 2023, "CT09"): {"previous": "chưa có"},
    # Just under the target; the office's own verdict (Đạt) overrides the computed status.
    ("Tân Hồng", 2023, "CT08"): {"actual": "91,3"},
}

# The office's own verdict (Đánh giá) and free-text notes (Ghi chú).
ASSESSMENTS: dict[tuple[str, int, str], str] = {
    ("Tháp Mười", 2022, "CT11"): "Không đạt",
    ("Tháp Mười", 2023, "CT11"): "Không đạt",
    ("Hồng Ngự", 2022, "CT05"): "Đạt",
    ("Tân Hồng", 2023, "CT08"): "Đạt",
    ("Hồng Ngự", 2023, "CT11"): "Đang thực hiện",
    ("Lấp Vò", 2023, "CT02"): "Vượt",
    ("Lấp Vò", 2023, "CT11"): "Đang thực hiện",
}
NOTES: dict[tuple[str, int, str], str] = {
    ("Tháp Mười", 2021, "CT01"): "Ảnh hưởng của dịch COVID-19",
    ("Tân Hồng", 2021, "CT01"): "Ảnh hưởng của dịch COVID-19, giãn cách xã hội trong quý III",
    ("Tháp Mười", 2022, "CT03"): "Một số dự án vướng bồi thường, giải phóng mặt bằng",
    ("Tháp Mười", 2022, "CT11"): "Đang trình thẩm định, chuyển tiếp sang năm 2023",
    ("Thanh Bình", 2022, "CT08"): "Số liệu Bảo hiểm xã hội huyện đến ngày 31/12/2022",
    ("Tháp Mười", 2023, "CT03"): "Một số dự án khởi công mới chậm hoàn thiện thủ tục đầu tư",
    ("Tháp Mười", 2023, "CT11"): "Tạm dừng do thay đổi quy định của Trung ương về quy hoạch đô thị",
    ("Thành phố Hồng Ngự", 2023, "CT09"): "Chưa có kết quả rà soát 9 tháng",
    ("Tân Hồng", 2023, "CT08"): "Số liệu của Bảo hiểm xã hội huyện đến ngày 30/9/2023, "
    "chưa tính số người tham gia theo hộ gia đình đăng ký trong tháng 9",
    ("Tam Nông", 2023, "CT09"): "Cùng kỳ chưa tổng hợp theo bộ tiêu chí mới",
    ("Hồng Ngự", 2023, "CT11"): "Đang lấy ý kiến thẩm định của Sở Xây dựng",
    ("Lấp Vò", 2023, "CT11"): "Đã lấy ý kiến cộng đồng dân cư, đang hoàn chỉnh hồ sơ",
    ("Thành phố Sa Đéc", 2023, "CT11"): "Điều chỉnh cho phù hợp với Quy hoạch tỉnh",
    ("Lai Vung", 2023, "CT05"): "Các sản phẩm từ quýt hồng, bánh phồng tôm",
}

# 9-month pace classes for cumulative indicators. Pace = (actual / target) / (9 / 12): on track
# from 0.95, at risk from 0.75, behind below. PACE_SHARE is the share of the target reached by
# September, kept well inside each band; whole numbers are picked from PACE_BAND.
PACE_SHARE = {"o": (0.73, 0.92), "r": (0.58, 0.69), "b": (0.30, 0.54)}
PACE_BAND = {"o": (0.95, 2.0), "r": (0.75, 0.95), "b": (0.0, 0.75)}


# ---------------------------------------------------------------------------------------------
# numbers


def dec(text: str) -> Decimal:
    """Read a number written the Vietnamese way ("1.234,5")."""
    return Decimal(text.replace(".", "").replace(",", "."))


def q(value: float | Decimal, places: int) -> Decimal:
    """Round half up to `places` decimals."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def nice(value: float, step: int) -> Decimal:
    """Round to a multiple of `step`, the way plan targets are set."""
    return Decimal(round(value / step) * step)


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


def parse_cell(text: str) -> Value:
    """Turn a hand-written cell back into a value (for the hand-written rows and fixes)."""
    if text == "":
        return None
    if " - " in text:
        low, high = text.split(" - ")
        return (dec(low), dec(high))
    try:
        return dec(text)
    except ArithmeticError:
        return text


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return f"{vn(value[0])} - {vn(value[1])}"
    if isinstance(value, Decimal):
        return vn(value)
    return value


def cell_excel(value: Value) -> int | float | str | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return cell_text(value)
    return value


# ---------------------------------------------------------------------------------------------
# generated units


class UnitGenerator:
    """Make one unit's three years of figures from its outcome codes."""

    def __init__(self, unit: Unit, rng: random.Random) -> None:
        self.unit = unit
        self.rng = rng
        self.city = unit.name.startswith("Thành phố")

    def u(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    # targets ----------------------------------------------------------------------------------

    def first_target(self, code: str) -> Value:
        u = self.unit
        targets: dict[str, Value] = {
            "CT01": Decimal(self.rng.choice(["6.5", "7", "7.5"])),
            "CT02": Decimal(u.budget),
            "CT03": Decimal(100),
            "CT04": Decimal(u.enterprises),
            "CT05": Decimal(u.ocop),
            "CT06": Decimal(u.income),
            "CT07": dec(u.poverty),
            "CT08": dec(u.insurance),
            "CT09": dec(u.water),
            "CT10": Decimal(u.communes[0]),
            "CT11": DONE,
        }
        return targets[code]

    def next_target(self, code: str, last: Value, year: int) -> Value:
        """Set next year's target from this year's result."""
        if code == "CT11":
            return DONE
        if code == "CT03":
            return Decimal(100)
        if code == "CT10":
            return Decimal(self.unit.communes[YEARS.index(year)])
        if code == "CT01":
            return Decimal(
                self.rng.choice(["6.5", "7", "7.5"] if year == 2022 else ["7", "7.5", "8"])
            )
        assert isinstance(last, Decimal)
        x = float(last)
        if code == "CT02":
            return nice(x * self.u(1.04, 1.10), 10 if x > 1000 else 5)
        if code == "CT04":
            return nice(x * self.u(1.03, 1.12), 5)
        if code == "CT05":
            return Decimal(max(3, self.unit.ocop + self.rng.choice([0, 1, 1, 2])))
        if code == "CT06":
            return nice(x * self.u(1.04, 1.08), 1)
        if code == "CT07":
            drop = self.u(0.05, 0.15) if self.city else self.u(0.25, 0.55)
            return max(q(x - drop, 1), Decimal("0.3"))
        if code == "CT08":
            return min(nice(2 * (x + self.u(0.3, 0.8)), 1) / 2, Decimal(95))
        if code == "CT09":
            return min(nice(2 * (x + self.u(0.5, 1.8)), 1) / 2, Decimal("98.5"))
        raise AssertionError(code)

    # values -----------------------------------------------------------------------------------

    def level(self, ind: Indicator, target: Value, outcome: str, year: int) -> Value:
        """Make a level value better than (E), equal to (M) or worse than (N, p) the target."""
        if isinstance(target, tuple):
            low, high = target
            if outcome == "E":
                return q(float(high) + self.u(0.1, 0.5), ind.places)
            if outcome == "M":
                return q(self.u(float(low), float(high)), ind.places)
            return q(float(low) - self.u(0.3, 1.5), ind.places)
        assert isinstance(target, Decimal)
        if outcome == "M":
            return target
        t = float(target)
        step = {
            "CT01": (0.05, 0.6),
            "CT06": (t * 0.005, t * 0.04),
            "CT07": (max(0.01, t * 0.015), t * 0.12),
            "CT08": (0.1, 0.9),
            "CT09": (0.2, 1.8),
        }[ind.code]
        if ind.code == "CT01" and outcome == "N" and year == 2021:
            step = (2.0, 5.5)  # the COVID-19 year
        delta = self.u(*step)
        better = 1 if ind.direction == "tăng" else -1
        sign = better if outcome == "E" else -better
        value = q(t + sign * delta, ind.places)
        if ind.unit == "%" and ind.code != "CT01":
            value = min(value, Decimal("99.5"))
        if value == target:  # rounding ate the difference
            value += sign * Decimal(1).scaleb(-ind.places)
        return value

    def cumulative(self, ind: Indicator, target: Decimal, outcome: str) -> Decimal:
        """Make a whole-year cumulative value above (E), at (M) or below (N) the target."""
        if outcome == "M":
            return target
        assert not (ind.code == "CT03" and outcome == "E"), "disbursement cannot pass 100%"
        t = float(target)
        if ind.places == 0:
            size = max(1, round(t * self.u(0.05, 0.15)))
            return target + size if outcome == "E" else max(target - size, Decimal(0))
        share = self.u(1.01, 1.12) if outcome == "E" else self.u(0.86, 0.97)
        return q(t * share, ind.places)

    def nine_months(self, ind: Indicator, target: Decimal, outcome: str) -> Decimal:
        """Make a cumulative value at the end of September in the given pace class."""
        if outcome in "EM":
            return self.cumulative(ind, target, outcome)
        if ind.places == 0:
            low, high = PACE_BAND[outcome]
            t = int(target)
            fits = [a for a in range(t) if low <= (a / t) / 0.75 < high]
            assert fits, (self.unit.name, ind.code, t, outcome)
            share_low, share_high = PACE_SHARE[outcome]
            fits = [a for a in fits if share_low <= a / t <= share_high] or fits
            return Decimal(self.rng.choice(fits))
        return q(float(target) * self.u(*PACE_SHARE[outcome]), ind.places)

    def estimate(self, ind: Indicator, target: Decimal, actual: Decimal, outcome: str) -> Decimal:
        """Estimate a cumulative indicator for the year, never below the 9-month value."""
        if outcome == "M":
            assert actual <= target, (self.unit.name, ind.code, actual, target)
            return target
        if outcome == "E":
            value = self.cumulative(ind, target, "E")
            growth = q(float(actual) * self.u(0.1, 0.25), ind.places)
            floor = actual + (max(growth, Decimal(1)) if ind.places == 0 else growth)
            return max(value, floor) if ind.code != "CT03" else value
        value = self.cumulative(ind, target, "N")
        assert actual < target
        return max(value, actual)

    def previous_nine_months(self, ind: Indicator, year_end: Value) -> Value:
        """Make last year's 9-month figure from its year-end figure."""
        if not isinstance(year_end, Decimal):
            return None
        x = float(year_end)
        if ind.code == "CT03":
            return q(self.u(40, 62), 1)
        if ind.kind == "lũy kế":
            return q(x * self.u(0.6, 0.76), ind.places)
        shift = {
            "CT01": self.u(-0.5, 0.3),
            "CT06": -x * self.u(0.01, 0.04),
            "CT07": x * self.u(0.03, 0.12),
            "CT08": -self.u(0.0, 0.8),
            "CT09": -self.u(0.0, 1.0),
        }[ind.code]
        return q(x + shift, ind.places)

    def year_2020(self, ind: Indicator, value_2021: Value) -> Value:
        """Make the 2020 figure, shown as 'same period last year' on the 2021 rows."""
        if ind.kind == "mốc":
            return None
        assert isinstance(value_2021, Decimal)
        x = float(value_2021)
        if ind.code == "CT01":
            return q(self.u(5.5, 7.2), 2)
        if ind.code == "CT03":
            return q(self.u(92, 100), 1)
        if ind.code == "CT05":
            return Decimal(max(2, int(x) - self.rng.randint(0, 2)))
        if ind.code == "CT10":
            return Decimal(1)
        if ind.kind == "lũy kế":
            return q(x * self.u(0.85, 1.05), ind.places)
        shift = {
            "CT06": -x * self.u(0.02, 0.05),
            "CT07": x * self.u(0.1, 0.25),
            "CT08": -self.u(0.3, 1.2),
            "CT09": -self.u(0.5, 2.5),
        }[ind.code]
        return q(x + shift, ind.places)

    # rows -------------------------------------------------------------------------------------

    def rows(self) -> dict[int, dict[str, list[Value]]]:
        """Return {year: {code: [target, actual, estimate, previous]}}."""
        out: dict[int, dict[str, list[Value]]] = {year: {} for year in YEARS}
        u = self.unit
        for i, ind in enumerate(INDICATORS):
            last: Value = None  # last year's year-end figure
            last_9m: Value = None  # last year's 9-month figure
            for year in YEARS:
                target = (
                    self.first_target(ind.code)
                    if year == 2021
                    else self.next_target(ind.code, last, year)
                )
                target = self.override(year, ind.code, "target", target)
                if year < IN_YEAR:
                    outcome = (u.y2021 if year == 2021 else u.y2022)[i]
                    actual = self.year_end(ind, target, outcome, year)
                    actual = self.override(year, ind.code, "actual", actual)
                    previous = self.year_2020(ind, actual) if year == 2021 else last
                    if ind.kind == "mốc":
                        previous = None  # a milestone is a different task each year
                    previous = self.override(year, ind.code, "previous", previous)
                    out[year][ind.code] = [target, actual, None, previous]
                    last_9m = self.previous_nine_months(ind, actual)
                    last = actual
                else:
                    period, year_end = u.p2023[i], u.e2023[i]
                    actual, estimate = self.in_year(ind, target, period, year_end, year)
                    actual = self.override(year, ind.code, "actual", actual)
                    estimate = self.override(year, ind.code, "estimate", estimate)
                    previous = self.override(year, ind.code, "previous", last_9m)
                    out[year][ind.code] = [target, actual, estimate, previous]
        return out

    def override(self, year: int, code: str, field: str, value: Value) -> Value:
        """Return the cell fixed by hand in FIXED, if any, else `value`."""
        text = FIXED.get((self.unit.name, year, code), {}).get(field)
        return value if text is None else parse_cell(text)

    def year_end(self, ind: Indicator, target: Value, outcome: str, year: int) -> Value:
        if ind.kind == "mốc":
            return DONE if outcome == "M" else NOT_DONE
        if ind.kind == "thời điểm":
            return self.level(ind, target, outcome, year)
        assert isinstance(target, Decimal)
        return self.cumulative(ind, target, outcome)

    def in_year(
        self, ind: Indicator, target: Value, period: str, year_end: str, year: int
    ) -> tuple[Value, Value]:
        actual: Value
        if ind.kind == "mốc":
            actual = DONE if period == "M" else NOT_DONE
            return actual, DONE if year_end == "M" else NOT_DONE
        if ind.kind == "thời điểm":
            if period == "D":
                actual = NO_DATA
            else:
                actual = self.level(ind, target, "N" if period == "p" else period, year)
            estimate = self.level(ind, target, year_end, year)
            if period in "EM" and year_end == "E" and ind.code != "CT01":
                # a rate or an income estimated for the year does not fall back below September's
                worse = max if ind.direction == "tăng" else min
                estimate = worse(estimate, actual)  # type: ignore[type-var]
            return actual, estimate
        assert isinstance(target, Decimal)
        so_far = self.nine_months(ind, target, period)
        return so_far, self.estimate(ind, target, so_far, year_end)


# ---------------------------------------------------------------------------------------------
# the table


def period_label(year: int) -> str:
    """Name the period a year's rows cover, as the `Kỳ` column writes it."""
    return "9 tháng" if year == IN_YEAR else "Cả năm"


def build_rows() -> list[list[Value]]:
    """Return the table body in year, unit, indicator order."""
    rng = random.Random(SEED)
    figures: dict[str, dict[int, dict[str, list[Value]]]] = {}
    for unit in UNITS:
        if unit.name == "Tháp Mười":
            figures[unit.name] = {
                year: {code: [parse_cell(t) for t in cells] for code, cells in table.items()}
                for year, table in THAP_MUOI.items()
            }
        else:
            figures[unit.name] = UnitGenerator(unit, rng).rows()
    rows: list[list[Value]] = []
    for year in YEARS:
        for unit in UNITS:
            for ind in INDICATORS:
                target, actual, estimate, previous = figures[unit.name][year][ind.code]
                key = (unit.name, year, ind.code)
                rows.append([
                    PROVINCE, unit.name, str(year), period_label(year), ind.code, ind.name,
                    ind.group, ind.unit, ind.kind, ind.direction, target, actual, estimate,
                    previous,
                    ASSESSMENTS.get(key), NOTES.get(key),
                ])  # fmt: skip
    return rows


def write_csv(rows: list[list[Value]], path: Path) -> None:
    """Write UTF-8 with BOM, semicolons, Vietnamese numbers: as Excel saves it in Vietnam."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([cell_text(v) for v in row])
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


def write_xlsx(rows: list[list[Value]], path: Path) -> None:
    """Write the table on a sheet "Chỉ tiêu": numbers as numbers, ranges and words as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(HEADER)
    year_column = HEADER.index("Năm")
    for row in rows:
        values = [cell_excel(v) for v in row]
        values[year_column] = int(str(values[year_column]))
        ws.append(values)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [11, 20, 7, 9, 7, 40, 18, 13, 11, 7, 11, 16, 16, 11, 15, 60]
    for column, width in zip(ws.iter_cols(min_row=1, max_row=1), widths, strict=True):
        ws.column_dimensions[column[0].column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.creator = "reportlib sample data"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    path.write_bytes(buffer.getvalue())


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    rows = build_rows()
    write_csv(rows, out / "indicators.csv")
    write_xlsx(rows, out / "indicators.xlsx")
    print(f"wrote {len(rows)} rows to {out / 'indicators.csv'} and {out / 'indicators.xlsx'}")


if __name__ == "__main__":
    main(sys.argv)
