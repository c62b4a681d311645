"""Write the params files for the illustrative Đồng Tháp 2025-2026 sample.

One report per unit of ``indicators.csv``:

- ``params/2026/dong-thap/<slug>.yaml`` for each of the 102 communes and wards (9 months of 2026);
- ``params/2026/dong-thap.yaml`` for the province's own report;
- ``params/2025/dong-thap/xa-thap-muoi.yaml``: Xã Tháp Mười's 2025 year-end report.

The slug is the official name without accents, in lower case, words joined by hyphens ('Xã Tháp
Mười' -> 'xa-thap-muoi', 'đ' -> 'd'); where two names give the same slug ('Xã Tân Thành' and 'Xã
Tân Thạnh'), each gets its official code after it ('xa-tan-thanh-29938').

Xã Tháp Mười (both years), the province and the units in ``DOCUMENTS`` also get the Decree
30/2020 frame (``document``) and the analysts' text (``sections``). That text is written from the
unit's own rows, read here from the table: the indicators that do well are named in the strengths,
the ones that lag in the limitations, with their figures, and the causes and directions follow
them. Signers and document numbers are made up, like the figures.

The YAML is written as text, by hand, so that the files read like the ones an analyst writes;
each file is read back with PyYAML and compared with what was meant. Deterministic: no clock, no
randomness. Usage (from the repository root, in the project's environment)::

    python data/dong-thap-2026/make_params.py [OUTPUT_ROOT]

OUTPUT_ROOT (default: the repository root) receives ``params/...``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from reportlib.engine.units import UnitInfo, level_words, resolve_province, units_of_province

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TABLE = HERE / "indicators.csv"
DATA = "data/dong-thap-2026/indicators.csv"  # as a params file names it, from the project root
PROVINCE = "Đồng Tháp"
PROVINCE_UNIT = "Tỉnh Đồng Tháp"
HAND_WORKED = "Xã Tháp Mười"
REPORT_YEAR, REPORT_MONTHS = 2026, 9
NINE, YEAR_END = "9 tháng", "Cả năm"


# ---------------------------------------------------------------------------------------------
# the documents: made-up numbers, dates and signers


@dataclass(frozen=True)
class Frame:
    number: str
    date: dt.date
    signer: str


# The 2026 reports with a document frame and the analysts' text: Xã Tháp Mười, the province, and
# units whose rows hold one of the sample's deliberate cases (data/README.md).
DOCUMENTS: dict[str, Frame] = {
    HAND_WORKED: Frame("312/BC-UBND", dt.date(2026, 10, 6), "Nguyễn Hoàng Phúc"),
    PROVINCE_UNIT: Frame("486/BC-UBND", dt.date(2026, 10, 12), "Trần Quốc Hưng"),
    "Phường Mỹ Tho": Frame("275/BC-UBND", dt.date(2026, 10, 5), "Lê Minh Khoa"),
    "Phường Mỹ Phong": Frame("198/BC-UBND", dt.date(2026, 10, 7), "Phạm Thị Ngọc Trâm"),
    "Phường Thới Sơn": Frame("164/BC-UBND", dt.date(2026, 10, 6), "Huỳnh Văn Lợi"),
    "Xã Tân Phú": Frame("143/BC-UBND", dt.date(2026, 10, 8), "Võ Thanh Tùng"),
    "Xã Hậu Mỹ": Frame("157/BC-UBND", dt.date(2026, 10, 5), "Đặng Văn Thành"),
    "Phường An Bình": Frame("211/BC-UBND", dt.date(2026, 10, 7), "Nguyễn Thị Kim Loan"),
    "Xã Long Khánh": Frame("126/BC-UBND", dt.date(2026, 10, 6), "Trương Công Danh"),
    "Xã Phú Thọ": Frame("139/BC-UBND", dt.date(2026, 10, 8), "Lê Văn Sang"),
    "Xã Thanh Bình": Frame("171/BC-UBND", dt.date(2026, 10, 5), "Bùi Thị Mỹ Hạnh"),
    "Xã Trường Xuân": Frame("152/BC-UBND", dt.date(2026, 10, 7), "Phan Thành Nhân"),
    "Phường Cao Lãnh": Frame("296/BC-UBND", dt.date(2026, 10, 6), "Ngô Thị Bích Thủy"),
    "Phường Sa Đéc": Frame("284/BC-UBND", dt.date(2026, 10, 8), "Dương Hữu Tài"),
}
THAP_MUOI_2025 = Frame("09/BC-UBND", dt.date(2026, 1, 9), "Nguyễn Hoàng Phúc")
PROVINCE_RECIPIENTS = (
    "Văn phòng Chính phủ",
    "Bộ Tài chính",
    "Thường trực Tỉnh ủy",
    "Thường trực HĐND tỉnh",
    "Lưu: VT",
)


def recipients(unit: UnitInfo) -> tuple[str, ...]:
    """Return whom a commune or ward reports to (the province's report has its own list)."""
    noun = level_words(unit).noun
    return (
        f"UBND tỉnh {PROVINCE}",
        f"Thường trực Đảng ủy {noun}",
        f"Thường trực HĐND {noun}",
        "Lưu: VT",
    )


# ---------------------------------------------------------------------------------------------
# the table and the status of each row (SPEC §5)


@dataclass(frozen=True)
class Row:
    unit: str
    year: int
    period: str
    code: str
    name: str
    measure: str  # ĐVT
    group: str  # Nhóm
    kind: str  # lũy kế | thời điểm | mốc
    lower: bool  # lower is better
    target: str
    actual: str
    estimate: str
    previous: str
    assessment: str
    note: str


def read_table(path: Path = TABLE) -> list[Row]:
    """Read the sample's long table."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter=";"))
    columns = ("Kế hoạch", "Thực hiện", "Ước cả năm", "Cùng kỳ", "Đánh giá", "Ghi chú")
    return [
        Row(
            r["Đơn vị"],
            int(r["Năm"]),
            r["Kỳ"],
            r["Mã"],
            r["Chỉ tiêu"],
            r["ĐVT"],
            r["Nhóm"],
            r["Loại"],
            r["Chiều"] == "giảm",
            *(r[c] for c in columns),
        )
        for r in records
    ]


_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?")
_CENT = Decimal("0.01")


def number(text: str) -> Decimal | None:
    """Read a number written the Vietnamese way ('1.234,5'); None for a missing or a word."""
    text = text.strip().removesuffix("%")
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(".", "").replace(",", "."))


@dataclass(frozen=True)
class Target:
    low: Decimal
    high: Decimal
    strict: bool  # 'Trên' / 'Dưới': on the bound is not yet met


def target(row: Row) -> Target | None:
    """Read the target forms the sample uses; None for a milestone."""
    text = row.target.strip()
    if row.kind == "mốc":
        return None
    found = re.fullmatch(r"(.*?)\s*(\d[\d.,]*)\s*(?:-\s*(\d[\d.,]*))?%?(?: trở lên)?", text)
    assert found, f"{row.unit} {row.year} {row.code}: target {text!r}"
    words = found.group(1).casefold()
    low = number(found.group(2))
    high = number(found.group(3)) if found.group(3) else low
    assert low is not None and high is not None
    assert words in ("", "khoảng", "dưới", "trên", "giảm còn", "không quá", "≥", "từ"), words
    return Target(low, high, words in ("dưới", "trên"))


def compare(row: Row, value: Decimal) -> str:
    """Place a value against the row's target: exceeded, met or worse (two decimals, half up)."""
    bound = target(row)
    assert bound is not None
    shown = value.quantize(_CENT, ROUND_HALF_UP)
    low = bound.low.quantize(_CENT, ROUND_HALF_UP)
    high = bound.high.quantize(_CENT, ROUND_HALF_UP)
    if bound.strict:  # beyond a strict bound is meeting it; on it is not
        beyond = shown < low if row.lower else shown > high
        return "met" if beyond else "worse"
    if row.lower:
        return "exceeded" if shown < low else "met" if shown <= high else "worse"
    return "exceeded" if shown > high else "met" if shown >= low else "worse"


DONE_WORDS = ("hoàn thành", "đã hoàn thành", "đạt", "1")
OVERRIDE = {  # the office's verdict in-year: (period status, pace)
    "vượt": ("exceeded", None),
    "hoàn thành vượt": ("exceeded", None),
    "đạt": ("met", None),
    "hoàn thành": ("met", None),
    "ước đạt": ("met", None),
    "dự kiến đạt": ("met", None),
    "không đạt": ("not_met", None),
    "không hoàn thành": ("not_met", None),
    "chưa đạt": ("in_progress", None),
    "khó đạt": ("in_progress", "at_risk"),
    "có nguy cơ không đạt": ("in_progress", "at_risk"),
}
YEAR_END_OVERRIDE = {"chưa đạt": "not_met", "khó đạt": "not_met", "có nguy cơ không đạt": "not_met"}


@dataclass(frozen=True)
class Assessed:
    row: Row
    period_status: str
    pace: str | None
    year_end_status: str


def assess(row: Row, months: int) -> Assessed:
    """Return the period status, the pace and the year-end status of a row (SPEC §5)."""
    word = row.assessment.casefold()
    year_end = months == 12
    if row.kind == "mốc":
        done = row.actual.casefold() in DONE_WORDS
        period = "met" if done else "not_met" if year_end else "in_progress"
        ends = row.actual if year_end else row.estimate
        final = "met" if ends.casefold() in DONE_WORDS else "not_met" if ends else "no_data"
        if word in OVERRIDE:
            period = OVERRIDE[word][0]
            period = YEAR_END_OVERRIDE.get(word, period) if year_end else period
        return Assessed(row, period, None, final)
    actual, estimate = number(row.actual), number(row.estimate)
    pace: str | None = None
    if actual is None:
        period = "no_data"
    elif year_end:
        period = compare(row, actual).replace("worse", "not_met")
    else:
        comparison = compare(row, actual)
        if row.kind == "lũy kế" and row.lower:
            period = "not_met" if comparison == "worse" else "in_progress"
        else:
            period = "in_progress" if comparison == "worse" else comparison
        bound = target(row)
        assert bound is not None
        if period == "in_progress" and row.kind == "lũy kế" and not row.lower and bound.low > 0:
            ratio = (actual / bound.low) / (Decimal(months) / 12)
            pace = "on_track" if ratio >= Decimal("0.95") else "at_risk"
            pace = pace if ratio >= Decimal("0.75") else "behind"
    if actual is not None and word in OVERRIDE:
        if year_end:
            period = YEAR_END_OVERRIDE.get(word, OVERRIDE[word][0])
        else:
            period, forced = OVERRIDE[word]
            pace = forced or (pace if period == "in_progress" else None)
    value = actual if year_end else estimate
    final = "no_data" if value is None else compare(row, value).replace("worse", "not_met")
    return Assessed(row, period, pace, final)


# ---------------------------------------------------------------------------------------------
# numbers in words


def vn(value: Decimal, places: int = 2) -> str:
    """Write a number the Vietnamese way, rounded half up: 1.250,5; trailing zeros dropped."""
    text = format(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower the first letter of a note or a progress cell, unless it starts a proper name."""
    first = text.split(" ", 1)[0]
    keep = first in ("Sở", "UBND", "Bảo") or first.isupper()
    return text if keep else text[:1].lower() + text[1:]


def target_words(row: Row) -> str:
    """Write the target inside a sentence: 'trên 94%', 'giảm còn 1,5%', 'từ 405 người trở lên'."""
    found = re.fullmatch(
        r"(.*?)\s*(\d[\d.,]*(?:\s*-\s*\d[\d.,]*)?)\s*%?( trở lên)?", row.target.strip()
    )
    assert found, (row.unit, row.code, row.target)
    words, figure, above = found.groups()
    if words == "≥":
        words, above = "từ", " trở lên"
    if not words and row.kind == "lũy kế" and row.lower:  # a ceiling on a running total
        words = "không quá"
    noun = COUNT_NOUNS.get(row.code, row.measure)
    measure = "%" if row.measure == "%" else f" {noun}" if noun else ""
    return lower_first(" ".join(w for w in (words, figure + measure) if w) + (above or ""))


def amount(row: Row, text: str) -> str:
    """Write a figure with its unit of measure: '34,6 tỷ đồng', '94,6%'."""
    value = number(text)
    assert value is not None, (row.unit, row.code, text)
    return f"{vn(value)}%" if row.measure == "%" else f"{vn(value)} {row.measure}"


def quantity(row: Row, text: str) -> str:
    """Write a figure with the noun it counts: '18 tiêu chí', '547 lao động', '94,2%'."""
    value = number(text)
    assert value is not None, (row.unit, row.code, text)
    noun = COUNT_NOUNS.get(row.code, row.measure)
    return f"{vn(value)}%" if row.measure == "%" else f"{vn(value)} {noun}"


def share_of_plan(row: Row, text: str) -> str:
    value, bound = number(text), target(row)
    assert value is not None and bound is not None
    return vn(value / bound.low * 100, 1)


def change(row: Row, year_end: bool) -> str:
    """Write the change from the previous figure: '(tăng 8,8% so với cùng kỳ)', or ''."""
    actual, previous = number(row.actual), number(row.previous)
    if actual is None or previous is None:
        return ""
    against = f"năm {row.year - 1}" if year_end else "cùng kỳ"
    if row.measure == "%":
        delta = actual - previous
        size = f"{vn(abs(delta))} điểm phần trăm"
    elif row.measure in ("vụ", "tiêu chí", "sản phẩm"):  # small counts: by how many
        delta = actual - previous
        size = f"{vn(abs(delta))} {row.measure}"
    else:
        if previous <= 0:
            return ""
        delta = actual / previous * 100 - 100
        size = f"{vn(abs(delta), 1)}%"
    if delta.quantize(Decimal("0.1"), ROUND_HALF_UP) == 0:
        return f"bằng {against}"
    return f"{'tăng' if delta > 0 else 'giảm'} {size} so với {against}"


# ---------------------------------------------------------------------------------------------
# what each indicator is called in a sentence, and what follows when it lags


@dataclass(frozen=True)
class Wording:
    achieved: str  # the figure reached, '{a}' for it: 'thu ngân sách ... đạt {a}'
    cause: str  # why it lags, when the office wrote no note
    direction: str  # what the unit will do about it
    zero: str = ""  # the figure reached when it is 0
    behind: str = ""  # the figure reached, said of a lag (default: 'đạt {a}' -> 'mới đạt {a}')


WORDING: dict[str, Wording] = {
    "CT01": Wording(
        "thu ngân sách nhà nước trên địa bàn đạt {a}",
        "Nguồn thu từ tiền sử dụng đất và thu ngoài quốc doanh đạt thấp do thị trường bất động sản"
        " trầm lắng, sức mua chưa phục hồi.",
        "Tăng cường chống thất thu, nuôi dưỡng nguồn thu, đôn đốc thu nợ thuế, phấn đấu thu ngân"
        " sách đạt và vượt dự toán được giao.",
    ),
    "CT02": Wording(
        "giải ngân vốn đầu tư công đạt {a} kế hoạch vốn",
        "Một số dự án khởi công mới chậm hoàn thiện thủ tục đầu tư, vướng bồi thường, giải phóng"
        " mặt bằng; việc tiếp nhận các dự án do cấp huyện (cũ) chuyển giao còn chậm.",
        "Tập trung tháo gỡ vướng mắc về giải phóng mặt bằng, đẩy nhanh tiến độ thi công và thanh"
        " toán khối lượng hoàn thành, phấn đấu giải ngân 100% kế hoạch vốn.",
    ),
    "CT03": Wording(
        "thành lập mới {a}",
        "Doanh nghiệp còn thận trọng khi đầu tư mới; việc hỗ trợ hộ kinh doanh chuyển lên doanh"
        " nghiệp chưa đạt hiệu quả.",
        "Đẩy mạnh hỗ trợ khởi nghiệp, vận động hộ kinh doanh đủ điều kiện chuyển lên doanh nghiệp.",
        behind="mới thành lập {a}",
    ),
    "CT04": Wording(
        "thành lập mới {a} kinh doanh",
        "Sức mua trên địa bàn chưa phục hồi; một số hộ kinh doanh nhỏ lẻ chưa đăng ký kinh doanh.",
        "Tạo thuận lợi cho người dân đăng ký hộ kinh doanh; rà soát, vận động các hộ kinh doanh"
        " chưa đăng ký.",
        behind="mới thành lập {a} kinh doanh",
    ),
    "CT05": Wording(
        "có {a} OCOP đạt 3 sao trở lên",
        "Các chủ thể OCOP còn nhỏ, thiếu vốn để hoàn thiện bao bì, nhãn mác và hồ sơ đánh giá,"
        " phân hạng.",
        "Hỗ trợ các chủ thể hoàn thiện hồ sơ, bao bì, nhãn mác để tham gia đánh giá, phân hạng"
        " sản phẩm OCOP trong quý IV.",
        zero="chưa có sản phẩm OCOP mới đạt 3 sao trở lên",
        behind="mới có {a} OCOP đạt 3 sao trở lên",
    ),
    "CT06": Wording(
        "{noun} đạt {a} nông thôn mới",
        "Các tiêu chí còn lại (thu nhập, giao thông, môi trường) cần nguồn lực đầu tư lớn, trong"
        " khi ngân sách xã còn hạn hẹp.",
        "Tập trung nguồn lực hoàn thành các tiêu chí nông thôn mới còn thiếu, nhất là tiêu chí"
        " thu nhập và môi trường.",
    ),
    "CT06-ward": Wording(
        "{noun} đạt {a} đô thị văn minh",
        "Các tiêu chí về hạ tầng đô thị và môi trường cần nguồn lực lớn, chưa bố trí đủ vốn.",
        "Tập trung hoàn thành các tiêu chí đô thị văn minh còn thiếu, nhất là chỉnh trang đô thị"
        " và vệ sinh môi trường.",
    ),
    "CT07": Wording(
        "hoàn thành quy hoạch chung {noun}",
        "Hồ sơ quy hoạch phải điều chỉnh theo địa giới của {noun} sau sắp xếp; thời gian lấy ý"
        " kiến và thẩm định kéo dài.",
        "Phối hợp chặt chẽ với Sở Xây dựng hoàn thiện hồ sơ, sớm trình phê duyệt quy hoạch chung"
        " {noun} trong quý IV.",
    ),
    "CT08": Wording(
        "tỷ lệ hộ nghèo còn {a}",
        "Một bộ phận hộ cận nghèo, hộ mới thoát nghèo chưa có sinh kế bền vững; giá nông sản biến"
        " động ảnh hưởng đến thu nhập.",
        "Triển khai đồng bộ các chính sách hỗ trợ sinh kế, tín dụng ưu đãi cho hộ nghèo, hộ cận"
        " nghèo; giảm nghèo bền vững, hạn chế tái nghèo.",
    ),
    "CT09": Wording(
        "tỷ lệ dân số tham gia bảo hiểm y tế đạt {a}",
        "Người chưa tham gia bảo hiểm y tế chủ yếu là lao động tự do, thu nhập không ổn định;"
        " công tác vận động có lúc chưa thường xuyên.",
        "Đẩy mạnh tuyên truyền, vận động người dân tham gia bảo hiểm y tế hộ gia đình; phối hợp"
        " với Bảo hiểm xã hội cơ sở rà soát người chưa tham gia.",
    ),
    "CT10": Wording(
        "giải quyết việc làm cho {a} lao động",
        "Nhu cầu tuyển dụng của doanh nghiệp giảm; lao động chưa qua đào tạo nghề còn nhiều.",
        "Tăng cường kết nối cung - cầu lao động, tổ chức các phiên giao dịch việc làm, tư vấn đi"
        " làm việc ở nước ngoài theo hợp đồng.",
        behind="mới giải quyết việc làm cho {a} lao động",
    ),
    "CT11": Wording(
        "tỷ lệ hộ dân sử dụng nước sạch đạt {a}",
        "Một số tuyến ống cấp nước ở các ấp xa trung tâm chưa được đầu tư; chi phí đấu nối còn"
        " cao đối với hộ thu nhập thấp.",
        "Vận động, hỗ trợ các hộ dân đấu nối sử dụng nước sạch, ưu tiên hộ nghèo và các ấp xa"
        " trung tâm.",
    ),
    "CT12": Wording(
        "xảy ra {a} tai nạn giao thông",
        "Lưu lượng phương tiện tăng; ý thức chấp hành pháp luật về trật tự an toàn giao thông của"
        " một bộ phận người tham gia giao thông chưa cao.",
        "Tăng cường tuần tra, kiểm soát, xử lý vi phạm trật tự an toàn giao thông trên các tuyến"
        " trọng điểm; tuyên truyền nâng cao ý thức người tham gia giao thông.",
        zero="không xảy ra vụ tai nạn giao thông nào",
    ),
    "TT01": Wording(
        "tốc độ tăng trưởng kinh tế (GRDP) ước đạt {a}",
        "Sản xuất công nghiệp và xây dựng phục hồi chậm; tiến độ một số dự án động lực chưa đáp"
        " ứng yêu cầu.",
        "Triển khai đồng bộ các giải pháp thúc đẩy tăng trưởng, tập trung tháo gỡ khó khăn cho"
        " sản xuất, kinh doanh trong quý IV.",
    ),
    "TT02": Wording(
        "GRDP bình quân đầu người ước đạt {a}",
        "Chỉ tiêu chỉ tính theo năm.",
        "Theo dõi sát các yếu tố ảnh hưởng đến tăng trưởng để bảo đảm GRDP bình quân đầu người"
        " đạt mục tiêu.",
    ),
    "TT03": Wording(
        "tổng thu ngân sách nhà nước trên địa bàn đạt {a}",
        "Thu từ tiền sử dụng đất đạt thấp do thị trường bất động sản trầm lắng.",
        "Tăng cường chống thất thu, nuôi dưỡng nguồn thu, phấn đấu thu ngân sách vượt dự toán.",
    ),
    "TT04": Wording(
        "kim ngạch xuất khẩu đạt {a}",
        "Thị trường xuất khẩu thủy sản và gạo chịu tác động của biến động thương mại quốc tế; đơn"
        " hàng của một số doanh nghiệp giảm.",
        "Hỗ trợ doanh nghiệp tìm kiếm thị trường, khai thác các hiệp định thương mại tự do, đẩy"
        " mạnh xuất khẩu thủy sản, gạo và trái cây chủ lực.",
    ),
    "TT05": Wording(
        "giải ngân vốn đầu tư công đạt {a} kế hoạch vốn",
        "Một số dự án trọng điểm vướng giải phóng mặt bằng, thiếu vật liệu san lấp; năng lực"
        " quản lý dự án của một số xã, phường mới sắp xếp còn hạn chế.",
        "Tập trung tháo gỡ vướng mắc về giải phóng mặt bằng và nguồn vật liệu; điều chuyển vốn từ"
        " dự án chậm giải ngân sang dự án có khối lượng hoàn thành, phấn đấu giải ngân 100% kế"
        " hoạch vốn.",
    ),
    "TT06": Wording(
        "có {a} thành lập mới",
        "Doanh nghiệp còn thận trọng khi đầu tư mới.",
        "Đẩy mạnh hỗ trợ khởi nghiệp, cải thiện môi trường đầu tư kinh doanh.",
        behind="mới có {a} thành lập mới",
    ),
    "TT07": Wording(
        "tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều còn {a}",
        "Một bộ phận hộ cận nghèo, hộ mới thoát nghèo chưa có sinh kế bền vững.",
        "Thực hiện đồng bộ các chính sách giảm nghèo, hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo,"
        " phấn đấu tỷ lệ hộ nghèo cuối năm dưới 1,2%.",
    ),
    "TT08": Wording(
        "tỷ lệ dân số tham gia bảo hiểm y tế đạt {a}",
        "Người chưa tham gia chủ yếu là lao động tự do, thu nhập không ổn định.",
        "Tiếp tục vận động người dân tham gia bảo hiểm y tế hộ gia đình.",
    ),
    "TT09": Wording(
        "tỷ lệ đô thị hóa đạt {a}",
        "Các đô thị sau sắp xếp còn thiếu hạ tầng để được công nhận đạt tiêu chí.",
        "Đẩy nhanh đầu tư hạ tầng các đô thị, hoàn thiện hồ sơ công nhận tiêu chí đô thị.",
    ),
    "TT10": Wording(
        "tỷ lệ chất thải rắn sinh hoạt đô thị được xử lý đạt {a}",
        "Một số lò đốt rác cấp xã xuống cấp; công suất các nhà máy xử lý chất thải rắn chưa đáp"
        " ứng.",
        "Nâng cấp các lò đốt rác, mở rộng thu gom, xử lý chất thải rắn sinh hoạt tại các phường.",
    ),
    "TT11": Wording(
        "xảy ra {a} tai nạn giao thông",
        "Lưu lượng phương tiện tăng; ý thức chấp hành pháp luật giao thông của một bộ phận người"
        " dân chưa cao.",
        "Tăng cường tuần tra, kiểm soát, xử lý vi phạm trật tự an toàn giao thông trên các tuyến"
        " quốc lộ, tỉnh lộ trọng điểm.",
    ),
}
COUNTED = {  # the noun a count takes in a sentence, where it is not the ĐVT
    "CT03": "doanh nghiệp",
    "CT04": "hộ",
    "CT05": "sản phẩm",
    "CT06": "tiêu chí",
    "CT10": "",
    "CT12": "vụ",
    "TT06": "doanh nghiệp",
    "TT11": "vụ",
}
# Causes and directions written for one report, where the table's note says more.
CAUSES: dict[tuple[str, int, str], str] = {
    (HAND_WORKED, 2026, "CT12"): (
        "Tai nạn giao thông tăng 4 vụ so với cùng kỳ, chủ yếu trên tuyến đường Hồ Chí Minh đoạn"
        " qua xã, nơi lưu lượng xe tải lớn; ý thức chấp hành pháp luật giao thông của một bộ"
        " phận người dân chưa cao."
    ),
    (HAND_WORKED, 2026, "CT02"): (
        "Một số công trình chuyển tiếp vướng giải phóng mặt bằng; việc tiếp nhận các dự án do"
        " Huyện Tháp Mười (cũ) chuyển giao còn chậm."
    ),
    ("Xã Trường Xuân", 2026, "CT02"): (
        "Giải ngân vốn đầu tư công đạt thấp do vốn phân bổ chậm, nhà thầu thiếu vật liệu san lấp."
    ),
    ("Phường An Bình", 2026, "CT09"): (
        "Bảo hiểm xã hội chưa cung cấp số liệu người tham gia bảo hiểm y tế theo địa bàn mới của"
        " phường."
    ),
    ("Xã Phú Thọ", 2026, "CT11"): "Chưa có kết quả rà soát 9 tháng về hộ dân sử dụng nước sạch.",
}
DIRECTIONS: dict[tuple[str, int, str], str] = {
    (HAND_WORKED, 2026, "CT12"): (
        "Phối hợp với lực lượng Cảnh sát giao thông tăng cường tuần tra, kiểm soát trên tuyến"
        " đường Hồ Chí Minh; xử lý nghiêm vi phạm về tốc độ, nồng độ cồn, phấn đấu kéo giảm tai"
        " nạn giao thông trong quý IV."
    ),
    (HAND_WORKED, 2026, "CT07"): (
        "Phối hợp với Sở Xây dựng hoàn thành thẩm định, trình phê duyệt quy hoạch chung xã trong"
        " quý IV."
    ),
    (HAND_WORKED, 2025, "CT02"): (
        "Ngay từ đầu năm 2026, hoàn thiện thủ tục đầu tư, giao vốn và tổ chức thi công sớm các"
        " công trình, phấn đấu giải ngân 100% kế hoạch vốn."
    ),
}
COUNT_NOUNS = {"CT04": "hộ kinh doanh", "CT10": "lao động"}  # where the ĐVT reads oddly
ANNUAL_ONLY = "Chỉ tính theo năm"


def wording(row: Row) -> Wording:
    ward = row.code == "CT06" and row.unit.startswith("Phường")
    return WORDING["CT06-ward" if ward else row.code]


def achieved(row: Row, noun: str, text: str, *, lagging: bool = False) -> str:
    """Say what was reached: 'thu ngân sách nhà nước trên địa bàn đạt 34,6 tỷ đồng'.

    `lagging` says it of a figure short of where it should be: 'mới đạt 34,6 tỷ đồng'.
    """
    words = wording(row)
    template = words.achieved
    if lagging:
        template = words.behind or template.replace(" đạt {a}", " mới đạt {a}")
    if row.kind == "mốc":
        return template.format(noun=noun)
    value = number(text)
    if value == 0 and words.zero:
        return words.zero
    if row.code in COUNTED:
        counted = COUNTED[row.code]
        shown = f"{vn(value)} {counted}".strip() if value is not None else text
    else:
        shown = amount(row, text)
    return template.format(a=shown, noun=noun)


# ---------------------------------------------------------------------------------------------
# the analysts' text


@dataclass(frozen=True)
class Sections:
    strengths: str
    limitations: list[str]
    causes: list[str]
    directions: list[str]


def good_phrase(item: Assessed, noun: str, year_end: bool) -> str:
    """Write one strength: the figure, how it stands against the plan, the change."""
    row = item.row
    if row.kind == "mốc":
        return achieved(row, noun, row.actual)
    if item.period_status == "no_data":  # a yearly figure: only the estimate speaks
        first = achieved(row, noun, row.estimate).replace(" ước đạt ", " ước cả năm đạt ", 1)
        return f"{first}, {verdict(item.year_end_status, row)}"
    first = achieved(row, noun, row.actual)
    status = item.period_status
    cumulative = row.kind == "lũy kế"
    parts = [first]
    if cumulative and row.lower:  # a ceiling on a running total
        parts.append(change(row, year_end))
        limit = "trong giới hạn kiềm chế" + ("" if year_end else " cả năm")
        parts.append(f"{limit} ({target_words(row)})")
    elif cumulative and row.measure == "%":  # disbursement: the figure is already a share
        parts.append(change(row, year_end))
    elif cumulative:
        if status == "exceeded":
            parts.append("vượt kế hoạch" + ("" if year_end else " năm"))
        elif status == "met":
            parts.append("đạt kế hoạch" if year_end else "hoàn thành kế hoạch năm")
        else:
            parts.append(f"bằng {share_of_plan(row, row.actual)}% kế hoạch năm")
        parts.append(change(row, year_end))
    else:
        bound = target(row)
        assert bound is not None
        if bound.strict:
            parts[0] += f" (mục tiêu {target_words(row)})"
        else:
            parts.append(verdict(status, row))
        parts.append(change(row, year_end))
    if row.note and row.note != ANNUAL_ONLY and not row.note.startswith("Số liệu"):
        parts.append(lower_first(row.note))
    return ", ".join(p for p in parts if p)


def verdict(status: str, row: Row) -> str:
    """Say how a level stands against its target: 'vượt mục tiêu 91%'."""
    if status != "exceeded":
        return "hoàn thành mục tiêu đề ra"
    plan = target_words(row)
    return f"vượt mục tiêu {plan}" if plan[:1].isdigit() else f"vượt mục tiêu ({plan})"


def lag_sentence(item: Assessed, noun: str, year_end: bool) -> str:
    """Write one limitation: what lags, by how much, and what the year is expected to bring."""
    row = item.row
    if item.period_status == "no_data":
        return f"Chưa có số liệu 9 tháng về {lower_first(row.name)}."
    if row.kind == "mốc":
        progress = row.actual.casefold()
        detail = "" if progress in ("chưa hoàn thành", "") else f" ({lower_first(row.actual)})"
        ending = "" if year_end else ", dự kiến không hoàn thành trong năm"
        return capital(f"quy hoạch chung {noun} chưa hoàn thành{detail}{ending}.")
    first = achieved(row, noun, row.actual)
    cumulative = row.kind == "lũy kế"
    plan = target_words(row)
    if year_end:
        if cumulative and row.measure == "%":
            return capital(f"{first}, không đạt yêu cầu giải ngân {plan}.")
        if cumulative and row.lower:
            return capital(f"{first}, vượt mức kiềm chế ({plan}).")
        return capital(f"{first}, không đạt kế hoạch ({plan}).")
    if cumulative and row.lower:  # a ceiling
        shift = change(row, False)
        text = first + (f", {shift}" if shift else "")
        if item.period_status == "not_met":
            return capital(f"{text}, đã vượt mức kiềm chế cả năm ({plan}).")
        estimate = number(row.estimate)
        assert estimate is not None
        return capital(f"{text}; ước cả năm {vn(estimate)} vụ, vượt mức kiềm chế ({plan}).")
    short = item.pace in ("behind", "at_risk") or not cumulative
    clauses = [achieved(row, noun, row.actual, lagging=short)]
    if cumulative and row.measure != "%" and number(row.actual) == 0:
        clauses[0] += f" (kế hoạch năm là {plan})"
    elif cumulative and row.measure != "%":
        clauses.append(f"bằng {share_of_plan(row, row.actual)}% kế hoạch năm")
    if item.pace == "behind":
        clauses.append("chậm so với tiến độ")
    elif item.pace == "at_risk":
        said = row.assessment.casefold() in ("khó đạt", "có nguy cơ không đạt")
        clauses.append("khó đạt kế hoạch năm" if said else "chưa đạt tiến độ đề ra")
    text = ", ".join(clauses)
    if item.year_end_status == "not_met" and row.estimate and row.measure == "%" and cumulative:
        reach = amount(row, row.estimate)
        text += f"; ước cả năm đạt {reach}, không đạt yêu cầu giải ngân {plan} kế hoạch vốn"
    elif item.year_end_status == "not_met" and row.estimate:
        reach = f"{'còn' if row.lower else 'đạt'} {quantity(row, row.estimate)}"
        against = "kế hoạch" if cumulative else "mục tiêu"
        text += f"; ước cả năm {reach}, không đạt {against} ({plan})"
    return capital(text + ".")


def is_good(item: Assessed) -> bool:
    """Whether a row belongs in the strengths: met, or on track, and expected to end well."""
    if item.year_end_status not in ("met", "exceeded"):
        return False
    if item.period_status in ("met", "exceeded"):
        return True
    if item.period_status == "no_data":
        return item.row.note == ANNUAL_ONLY
    ceiling = item.row.kind == "lũy kế" and item.row.lower
    return item.period_status == "in_progress" and (item.pace == "on_track" or ceiling)


def is_lagging(item: Assessed) -> bool:
    """Whether a row belongs in the limitations: missed, behind, unmeasured or ending short."""
    if item.row.note == ANNUAL_ONLY:
        return False
    if item.period_status in ("not_met", "no_data") or item.year_end_status == "not_met":
        return True
    return item.pace in ("behind", "at_risk")


def write_sections(
    unit: UnitInfo, rows: list[Row], months: int, *, province: bool = False
) -> Sections:
    """Write the analysts' four sections for one report from its rows."""
    year = rows[0].year
    year_end = months == 12
    noun = level_words(unit).noun
    assessed = [assess(row, months) for row in rows]
    good = [a for a in assessed if is_good(a)]
    lagging = [a for a in assessed if is_lagging(a)]
    on_course = [a for a in assessed if a not in good and a not in lagging]
    assert good and lagging, f"{unit.name}: nothing to say on one side"

    if year_end:
        opener = (
            f"Năm {year}, năm chuyển sang mô hình chính quyền địa phương hai cấp từ ngày"
            f" 01/7/{year}, tình hình kinh tế - xã hội của {noun} tiếp tục ổn định và phát triển."
        )
    else:
        whole = (
            "kinh tế của tỉnh tiếp tục tăng trưởng khá, an sinh xã hội được bảo đảm"
            if (province)
            else f"tình hình kinh tế - xã hội của {noun} tiếp tục ổn định"
        )
        opener = (
            f"Chín tháng đầu năm {year}, năm đầu tiên mô hình chính quyền địa phương hai cấp vận"
            f" hành trọn năm, {whole}."
        )
    strengths = [opener]
    for group in dict.fromkeys(a.row.group for a in good):
        phrases = [good_phrase(a, noun, year_end) for a in good if a.row.group == group]
        strengths.append(f"Về {group.casefold()}, " + "; ".join(phrases) + ".")
    milestones = [a for a in on_course if a.row.kind == "mốc"]
    levels = [a for a in on_course if a.row.kind != "mốc"]
    for item in milestones:
        progress = lower_first(item.row.actual)
        strengths.append(
            capital(f"quy hoạch chung {noun} {progress}, dự kiến hoàn thành trong năm.")
        )
    if levels:
        names = join_and([lower_first(a.row.name) for a in levels])
        strengths.append(
            capital(f"{names} chưa đạt mục tiêu ở thời điểm 9 tháng nhưng ước cả năm đạt.")
        )

    limitations = [lag_sentence(a, noun, year_end) for a in lagging]
    causes: list[str] = []
    for item in lagging:
        key = (unit.name, year, item.row.code)
        if key in CAUSES:
            causes.append(CAUSES[key])
        elif item.row.note:
            causes.append(f"Đối với {lower_first(item.row.name)}: {lower_first(item.row.note)}.")
        else:
            causes.append(wording(item.row).cause.format(noun=noun))
    directions: list[str] = []
    for item in [*lagging, *milestones]:
        key = (unit.name, year, item.row.code)
        if key in DIRECTIONS:
            directions.append(DIRECTIONS[key])
        elif item.period_status == "no_data":
            directions.append(
                f"Phối hợp với cơ quan chuyên môn sớm tổng hợp số liệu về"
                f" {lower_first(item.row.name)} để đánh giá đầy đủ kết quả cả năm."
            )
        else:
            directions.append(wording(item.row).direction.format(noun=noun))
    council = "tỉnh" if province else noun
    if year_end:
        directions.append(
            f"Triển khai ngay từ đầu năm {year + 1} kế hoạch phát triển kinh tế - xã hội, phấn đấu"
            f" hoàn thành các chỉ tiêu Nghị quyết Hội đồng nhân dân {council} năm {year + 1}."
        )
    else:
        directions.append(
            f"Tập trung chỉ đạo quyết liệt các nhiệm vụ trọng tâm quý IV năm {year}, phấn đấu hoàn"
            f" thành ở mức cao nhất các chỉ tiêu Nghị quyết Hội đồng nhân dân {council} đề ra."
        )
    return Sections(" ".join(strengths), limitations, dedupe(causes), dedupe(directions))


def join_and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------
# YAML, by hand

_PLAIN_START = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s]")


def scalar(text: str) -> str:
    """Write a string as YAML: plain where that reads back the same, else double-quoted."""
    plain = (
        _PLAIN_START.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and yaml.safe_load(text) == text
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def block(text: str, indent: str) -> list[str]:
    """Wrap a paragraph for a YAML block scalar; no line may start like a Markdown list."""
    glued = text.replace(" - ", "\0-\0")  # keep 'kinh tế - xã hội' on one line
    lines = textwrap.wrap(glued, width=100 - len(indent), break_on_hyphens=False)
    return [indent + line.replace("\0", " ") for line in lines]


def render(values: dict[str, Any]) -> str:
    """Write one params file."""
    lines = [f"{key}: {scalar(str(values[key]))}" for key in ("unit", "province")]
    lines += [f"year: {values['year']}", f"period_months: {values['period_months']}"]
    lines += [f"data: {values['data']}", 'decimal: ","']
    if "document" in values:
        doc = values["document"]
        lines.append("document:")
        for key in ("agency", "number", "place", "date", "signer", "signer_title"):
            text = doc[key].isoformat() if key == "date" else scalar(doc[key])
            lines.append(f"  {key}: {text}")
        lines.append("  recipients: [" + ", ".join(scalar(r) for r in doc["recipients"]) + "]")
    if "sections" in values:
        sections = values["sections"]
        lines += ["sections:", "  strengths: |"]
        lines += block(sections["strengths"], "    ")
        for key in ("limitations", "causes", "directions"):
            lines.append(f"  {key}:")
            lines += [f"    - {scalar(item)}" for item in sections[key]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# the files


def slug(name: str) -> str:
    """'Xã Tháp Mười' -> 'xa-thap-muoi'."""
    text = name.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def slugs(units: list[UnitInfo]) -> dict[str, str]:
    """Give each unit its file name; namesakes without accents take their official code."""
    plain = [slug(u.name) for u in units]
    return {
        u.name: s if plain.count(s) == 1 else f"{s}-{u.code}"
        for u, s in zip(units, plain, strict=True)
    }


def params_for(
    unit: UnitInfo,
    rows: list[Row],
    months: int,
    frame: Frame | None,
    *,
    province: bool = False,
) -> dict[str, Any]:
    """Return one report's parameters: the minimal six, and the frame and text when given."""
    values: dict[str, Any] = {
        "unit": unit.name,
        "province": PROVINCE,
        "year": rows[0].year,
        "period_months": months,
        "data": DATA,
        "decimal": ",",
    }
    if frame is None:
        return values
    values["document"] = {
        "agency": f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
        "number": frame.number,
        "place": unit.short_name,
        "date": frame.date,
        "signer": frame.signer,
        "signer_title": "CHỦ TỊCH",
        "recipients": list(PROVINCE_RECIPIENTS if province else recipients(unit)),
    }
    sections = write_sections(unit, rows, months, province=province)
    values["sections"] = {
        "strengths": sections.strengths,
        "limitations": sections.limitations,
        "causes": sections.causes,
        "directions": sections.directions,
    }
    return values


def write(path: Path, values: dict[str, Any]) -> None:
    """Write a params file and check that it reads back as meant."""
    text = render(values)
    back = yaml.safe_load(text)
    meant = dict(values)
    if "sections" in meant:
        back["sections"]["strengths"] = " ".join(back["sections"]["strengths"].split())
    assert back == meant, f"{path}: reads back differently"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def build(out: Path, table: list[Row]) -> list[Path]:
    """Write every params file under `out`; return their paths."""
    units = units_of_province(PROVINCE)
    in_table = list(dict.fromkeys(r.unit for r in table if r.unit != PROVINCE_UNIT))
    assert in_table == [u.name for u in units], "the table's units are not the official list"
    names = slugs(units)

    def rows_of(name: str, year: int, period: str) -> list[Row]:
        return [r for r in table if (r.unit, r.year, r.period) == (name, year, period)]

    documented = {
        out / "params" / str(REPORT_YEAR) / "dong-thap" / f"{names[u.name]}.yaml": (
            params_for(u, rows_of(u.name, REPORT_YEAR, NINE), REPORT_MONTHS, DOCUMENTS.get(u.name))
        )
        for u in units
    }
    province = resolve_province(PROVINCE, year=REPORT_YEAR, period_months=REPORT_MONTHS)
    documented[out / "params" / str(REPORT_YEAR) / "dong-thap.yaml"] = params_for(
        province,
        rows_of(PROVINCE_UNIT, REPORT_YEAR, NINE),
        REPORT_MONTHS,
        DOCUMENTS[PROVINCE_UNIT],
        province=True,
    )
    thap_muoi = next(u for u in units if u.name == HAND_WORKED)
    documented[out / "params" / "2025" / "dong-thap" / f"{names[HAND_WORKED]}.yaml"] = params_for(
        thap_muoi, rows_of(HAND_WORKED, 2025, YEAR_END), 12, THAP_MUOI_2025
    )
    for path, values in documented.items():
        write(path, values)
    return list(documented)


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else ROOT
    written = build(out, read_table())
    print(f"wrote {len(written)} params files under {out / 'params'}")


if __name__ == "__main__":
    main(sys.argv)
