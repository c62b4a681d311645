"""What a header means: the field it names, and the year and period it speaks of (SPEC §3).

Headers are matched case- and accent-insensitively, in Vietnamese or English, also with a
year or a period in them ('Kế hoạch năm 2024', 'Kết quả thực hiện 9 tháng'), and through the
parents of a merged header ('Năm 2023 | TH 9 tháng' is last year's figure for the period,
'Năm 2024 | Ước TH cả năm' this year's estimate). Where two aliases fit one header, the longer
(more specific) wins: 'Chỉ tiêu NQ năm 2024' is a target, not the indicator's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlib.engine.text import fold

# Every field, with the headers analysts write for it, folded (lower case, no accents). The
# longest alias found in a header decides its field.
ALIASES: dict[str, tuple[str, ...]] = {
    "province": ("province", "tinh", "tinh/thanh pho", "tinh thanh", "tinh, thanh pho"),
    "unit": (
        "unit name",
        "district",
        "huyen",
        "don vi",
        "ten don vi",
        "dia phuong",
        "huyen/thanh pho",
        "xa",
        "phuong",
        "xa/phuong",
        "xa, phuong",
        "xa, phuong, dac khu",
        "xa/phuong/thi tran",
        "don vi hanh chinh",
        "commune",
        "ward",
    ),
    "year": ("year", "nam", "nam bao cao"),
    "period": ("period", "ky", "ky bao cao", "thoi ky"),
    "indicator_id": ("indicator_id", "id", "code", "ma", "ma chi tieu", "ma so"),
    # The row's number: the indicator's id when the table has no Mã column.
    "stt": ("stt", "tt", "so tt", "so thu tu", "no"),
    "indicator": (
        "indicator",
        "chi tieu",
        "ten chi tieu",
        "noi dung",
        "noi dung chi tieu",
        "cac chi tieu",
        "chi tieu chu yeu",
        "danh muc chi tieu",
    ),
    "group": ("group", "nhom", "linh vuc", "nhom chi tieu"),
    "unit_of_measure": ("unit of measure", "unit", "dvt", "don vi tinh", "d.v.t", "dv tinh"),
    "kind": ("kind", "loai", "loai chi tieu", "tinh chat"),
    "direction": ("direction", "chieu", "xu huong", "huong"),
    "target": (
        "target",
        "plan",
        "ke hoach",
        "kh",
        "chi tieu nq",
        "chi tieu nghi quyet",
        "muc tieu",
        "ke hoach nam",
        "chi tieu ke hoach",
        "chi tieu nam",
        "chi tieu giao",
        "chi tieu tinh giao",
        "chi tieu huyen giao",
        "chi tieu ke hoach nam",
        "kh nam",
        "nghi quyet",
        "chi tieu hdnd giao",
        # The council that set it, by level: 'Chỉ tiêu HĐND xã giao' is a plan, not a name.
        "chi tieu hdnd xa giao",
        "chi tieu hdnd tinh giao",
        "chi tieu hdnd huyen giao",
        "chi tieu xa giao",
    ),
    "actual": (
        "actual",
        "thuc hien",
        "th",
        "th ky bao cao",
        "thuc hien ky bao cao",
        "ket qua thuc hien",
        "ket qua",
        "uoc th ky bao cao",
        "kq thuc hien",
        "ket qua dat duoc",
    ),
    "estimate": (
        "estimate",
        "uoc thuc hien ca nam",
        "uoc th",
        "uoc ca nam",
        "uoc thuc hien",
        "uoc th ca nam",
        "uoc thuc hien nam",
        "uoc th nam",
        "uoc",
        "du kien ca nam",
        "du kien thuc hien ca nam",
        "uoc dat ca nam",
        "du kien",
    ),
    "previous": (
        "previous",
        "cung ky",
        "nam truoc",
        "cung ky nam truoc",
        "thuc hien cung ky",
        "th cung ky",
        "so cung ky",
    ),
    "assessment": (
        "assessment",
        "danh gia",
        "tu danh gia",
        "ket qua danh gia",
        "danh gia ky bao cao",
        "danh gia ket qua",
        "muc do hoan thanh",
    ),
    "year_end_assessment": (
        "year end assessment",
        "danh gia ca nam",
        "du kien danh gia ca nam",
        "uoc danh gia ca nam",
        "du kien ket qua ca nam",
        "kha nang hoan thanh ca nam",
        "du bao ca nam",
    ),
    "note": ("note", "notes", "ghi chu"),
    # Columns computed from the others ('So sánh (%)', 'TH/KH'): never inputs.
    "comparison": (
        "so sanh",
        "so sanh (%)",
        # 'So với KH (%)', 'So với cùng kỳ', '% so với năm trước': whatever follows 'so với'
        "so voi",
        "% so voi",
        "ty le so voi",
        "th/kh",
        "th/ck",
        "uoc/kh",
        "% kh",
        "%kh",
        "% so ke hoach",
        "so voi ke hoach",
        "so voi cung ky",
        "so voi ky",
        "tang giam",
        "ty le % so voi",
        "ty le dat",
        "ty le hoan thanh",
    ),
}
INPUT_FIELDS = tuple(f for f in ALIASES if f != "comparison")
# Only the last year's figure has no header of its own: it is a year's 'TH cả năm'.
LAST_YEAR = "last_year"

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTHS = re.compile(r"\b(\d{1,2})\s*thang(?:\s*dau\s*nam)?\b")
_QUARTER = re.compile(r"\bquy\s*(i|1)\b")
_WHOLE_YEAR = re.compile(r"\bca nam\b|\b12 thang\b|\bnam\s*$")
_LEVEL_WORDS = re.compile(
    r"^(?:xa|phuong|dac khu|thi tran|huyen|quan|thi xa|thanh pho|tp\.?|tinh)\s+"
)


def bare_unit_name(name: str) -> str:
    """Return a unit's folded name without its level word: 'Xã Tháp Mười' -> 'thap muoi'."""
    return _LEVEL_WORDS.sub("", fold(name)).strip()


@dataclass(frozen=True)
class HeaderMeaning:
    """What one header says: its field (None if unknown), its year and its period."""

    field: str | None
    year: int | None
    period_months: int | None
    alias: str = ""
    whole_year: bool = False  # 'Thực hiện năm 2023': a year's figure, no months named


def _simplify(key: str) -> str:
    text = _YEAR.sub(" ", key)
    text = _MONTHS.sub(" ", text)
    text = _QUARTER.sub(" ", text)
    text = re.sub(r"\bdau nam\b", " ", text)
    text = re.sub(r"[^\w/%. ]+", " ", text)
    text = text.replace("  ", " ")
    return re.sub(r"\s+", " ", text).strip(" .")


def period_in(key: str) -> int | None:
    """Return the period a folded text names: '9 thang' -> 9, 'quy i' -> 3, 'ca nam' -> 12."""
    months = _MONTHS.search(key)
    if months and 1 <= int(months.group(1)) <= 12:
        return int(months.group(1))
    if _QUARTER.search(key):
        return 3
    if re.search(r"\bca nam\b", key):
        return 12
    return None


def year_in(key: str) -> int | None:
    """Return the year a folded text names ('nam 2024' -> 2024), the last one if several."""
    years = _YEAR.findall(key)
    return int(years[-1]) if years else None


_EXACT_ONLY = frozenset({"year", "period"})


def _field(simple: str) -> tuple[str | None, str]:
    """Return the field of a simplified header: the longest alias it is or begins with.

    Leading, not anywhere: Vietnamese headers put the head noun first ('Kế hoạch năm 2024',
    'Chỉ tiêu NQ'), and a word inside another header ('Xếp loại thi đua') is not its field.
    """
    best: tuple[int, str | None, str] = (0, None, "")
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if simple == alias:
                return name, alias
            # 'Năm' and 'Kỳ' name the key columns only on their own: inside a header they
            # qualify another word ('TH cả năm', 'Cùng kỳ').
            if name in _EXACT_ONLY:
                continue
            if len(alias) > best[0] and simple.startswith(alias + " "):
                best = (len(alias), name, alias)
    return best[1], best[2]


def header_meaning(parts: tuple[str, ...] | list[str]) -> HeaderMeaning:
    """Return what a header means, from its parts, the merged parents first.

    The last part with a known field decides the field, except under a comparison ('So sánh
    (%) | Cùng kỳ' is a ratio, not last year's figure); a year or period may come from any
    part ('Năm 2024 | TH 9 tháng'). 'Ước TH 9 tháng' is the period's figure (actual) and
    'Ước TH cả năm' the year's estimate: an estimate for a period shorter than a year is the
    period's actual.
    """
    field: str | None = None
    alias = ""
    year = period = None
    whole_year = False
    compared = False
    for part in parts:
        key = fold(part)
        if not key:
            continue
        year = year_in(key) or year
        period = period_in(key) or period
        simple = _simplify(key)
        found, found_alias = _field(simple) if simple else (None, "")
        if found is None and simple in ("nam", "") and year is not None:
            continue  # a parent such as 'Năm 2024' only gives its children a year
        compared = compared or found == "comparison"
        if found in _EXACT_ONLY and field is not None:
            continue  # 'Đánh giá | Kỳ báo cáo': the child says which period, not a Kỳ column
        if found is not None:
            field, alias = found, found_alias
            whole_year = bool(re.search(r"\bnam\s*(?:19|20)\d\d", key)) and not period_in(key)
    if compared:
        # The children of 'So sánh (%)' name what is compared ('KH năm', 'Cùng kỳ'): the
        # column is still a ratio computed from others, never the plan or last year's figure.
        field = "comparison"
    if field == "assessment" and period == 12:
        field = "year_end_assessment"  # 'Đánh giá | Cả năm' beside 'Đánh giá | 9 tháng'
    if field == "estimate" and period is not None and period < 12:
        field = "actual"
    if field == "year" and year is not None:
        field = None  # 'Năm 2024' alone is a year's figures, not a column of years
    if field == "actual" and period == 12 and alias.startswith("uoc"):
        field = "estimate"
    return HeaderMeaning(field, year, period, alias, whole_year)


def column_field(meaning: HeaderMeaning, report_year: int | None) -> tuple[str | None, str]:
    """Return the field a header's column feeds for a report of ``report_year``, and why not.

    A figure of last year's same period is 'previous' (cùng kỳ), last year's whole year is
    'last_year'; last year's plan or estimate, and figures of other years, are not inputs.
    """
    field = meaning.field
    if field is None:
        return None, "not a column reportlib reads"
    if field == "comparison":
        return None, "a comparison computed from other columns (not an input)"
    if meaning.year is None or report_year is None or meaning.year == report_year:
        return field, ""
    if meaning.year == report_year - 1:
        if field == "previous":
            return field, ""
        if field == "actual":
            whole = meaning.period_months == 12 or (
                meaning.period_months is None and meaning.whole_year
            )
            return ("last_year", "") if whole else ("previous", "")
        if field in ("target", "estimate"):
            return None, f"last year's ({meaning.year}) {field}, not an input"
    return None, f"figures of {meaning.year}, not of the report's year {report_year}"
