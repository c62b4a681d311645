"""Read one cell of an indicator table: text, numbers, ranges, milestones and keywords.

Every parser takes the raw cell (a string from a CSV file, or whatever openpyxl gives for an
Excel cell) and returns a clean value or raises `CellError` saying what was expected. The
table reader turns a `CellError` into a `Problem` that names the file, row and column.

Numbers stay exact: they are parsed into `decimal.Decimal`, never into binary floats, so that
"71,995" rounds half up to 72,00 and not to 71,99.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal

DecimalMark = Literal[",", "."]

# Ƣ ƣ (LATIN CAPITAL/SMALL LETTER OI) is what PDF copy-paste of legacy-font documents gives
# for Ư ư; Unicode normalization leaves them alone, so they are mapped by hand.
_LEGACY_LETTERS = str.maketrans({"\u01a2": "\u01af", "\u01a3": "\u01b0"})

# Zero-width and bidi-control characters: invisible, and a way to make text read differently
# from what it is. They are removed from every cell.
_INVISIBLE = dict.fromkeys(
    [
        *(0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x061C, 0x200E, 0x200F),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")

MISSING_MARKERS = frozenset(
    {"", "-", "--", "—", "–", "x", "n/a", "na", "chua co", "khong co so lieu"}
)

_MILESTONE_DONE = frozenset(
    {"1", "true", "yes", "co", "hoan thanh", "da hoan thanh", "dat", "done", "completed", "da dat"}
)
_MILESTONE_NOT_DONE = frozenset(
    {
        "0",
        "false",
        "no",
        "khong",
        "chua hoan thanh",
        "khong hoan thanh",
        "khong dat",
        "chua dat",
        "not done",
        "not completed",
        "dang thuc hien",
        "in progress",
    }
)


# Letters that Vietnamese text in Unicode never has, but that text typed in the legacy
# TCVN3 (ABC) and VNI fonts shows once read as Unicode: "Báo cáo" in TCVN3 reads "B¸o c¸o".
_TCVN3_MARKS = frozenset("¸¹µ¶·¾»¼½®§¬¦¨©ª«\u00ad¡¢£¤¥")
# The Latin-1 letters Vietnamese does use; every other Latin-1 letter inside a word is a sign
# of a legacy font. VNI writes a tone or a hook as a letter of its own after the vowel.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_VNI_MARKS = frozenset("øùûõïöñÑÖØÙÛÕÏ")
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!"}
)


def legacy_encoding(text: str) -> str | None:
    """Name the legacy font encoding a text seems typed in ('TCVN3 (ABC)', 'VNI'), or None.

    Signs, inside a word: a TCVN3 symbol ('Cao L·nh' for Cao Lãnh); a Latin-1 letter that
    Vietnamese never uses ('Hång' for Hồng); a capital Vietnamese letter after a small one,
    which TCVN3 uses for some small letters ('nghÌo' for nghèo).
    """
    tcvn3 = vni = 0
    for index, char in enumerate(text):
        if not "\u00a0" <= char <= "\u00ff":
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if not (before.isalpha() or after.isalpha()):
            continue
        if char in _VIETNAMESE_LATIN1:
            if char.isupper() and before.isalpha() and before.islower():
                tcvn3 += 1
        elif char in _TCVN3_MARKS:
            tcvn3 += 1
        elif char.isalpha():
            if char.isupper() and before.isalpha() and before.islower():
                tcvn3 += 1
            elif char in _VNI_MARKS:
                vni += 1
            else:
                tcvn3 += 1
    if tcvn3:
        return "TCVN3 (ABC)"
    return "VNI" if vni else None


class CellError(ValueError):
    """A cell does not hold what its column expects; the message says what was expected."""


def clean_text(value: object) -> str:
    """Return cell text as NFC with legacy letters mapped, invisibles removed, ends stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Map the legacy letters first: Ƣ + a combining tone mark composes only once it is Ư.
    text = str(value).translate(_LEGACY_LETTERS).translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").strip()


def fold(text: str) -> str:
    """Return a key for case- and accent-insensitive matching: 'Tháp Mười' -> 'thap muoi'."""
    decomposed = unicodedata.normalize("NFD", clean_text(text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d")
    return _SPACES.sub(" ", stripped).strip()


def is_missing(value: object) -> bool:
    """Tell whether a cell means 'no data' (empty, '-', 'x', 'n/a', 'chưa có', ...)."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet library
        return True
    return fold(str(value)) in MISSING_MARKERS


_NUMBER_EXPECTED = "a number such as 1.234,5 or 1234.5 (optionally with %)"
_PLAIN_DIGITS = re.compile(r"\d+")
# Thousands groups: the first group has no leading zero ("0,125" is never 125).
_GROUPED = re.compile(r"(?:[1-9]\d{0,2})(?:[.,]\d{3})+")
# Spaces may only separate thousands: "1 234 567,5"; "7,5 8" or "12 5" are not numbers.
_SPACED = re.compile(r"[+\-\u2212]?\s*[1-9]\d{0,2}(?:[ \u00a0\u2007\u202f]\d{3})+(?:[.,]\d+)?\s*%?")


def parse_number(value: object, decimal: DecimalMark | None = None) -> Decimal:
    """Parse a number written the Vietnamese way ("1.234,5", "75,3%") or plainly ("1234.5").

    Parameters
    ----------
    value
        The cell: text, or a number from an Excel cell.
    decimal
        The decimal mark the table uses, from the params file. Without it, a number that reads
        two ways ("1.234": a thousand, or one point two three four?) is an error.

    Raises
    ------
    CellError
        When the cell is not a number, or reads two ways and ``decimal`` is not given.
    """
    if isinstance(value, bool):
        raise CellError(_NUMBER_EXPECTED)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(_NUMBER_EXPECTED)
        # repr gives the shortest text that reads back as the same float: 7.5, not 7.4999...
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError(_NUMBER_EXPECTED)
        return value
    text = clean_text(value)
    if text.upper() in EXCEL_ERRORS:
        raise CellError(f"a number; the cell holds the Excel error {text} (fix the formula)")
    if re.search(r"\d[\s\u00a0\u2007\u202f]+\d", text) and not _SPACED.fullmatch(text):
        raise CellError(f"{_NUMBER_EXPECTED}; spaces may only separate thousands")
    body = _SPACES.sub("", text)
    if body.endswith("%"):
        body = body[:-1]
    sign = ""
    if body[:1] in {"-", "+", "\u2212"}:
        sign = "-" if body[0] != "+" else ""
        body = body[1:]
    if not body or not re.fullmatch(r"[\d.,]+", body) or not body[0].isdigit():
        raise CellError(_NUMBER_EXPECTED)
    number = _digits_to_decimal(body, decimal)
    try:
        result = Decimal(sign + number)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only digits
        raise CellError(_NUMBER_EXPECTED) from None
    if not result.is_finite():  # pragma: no cover - same
        raise CellError(_NUMBER_EXPECTED)
    return result


def _digits_to_decimal(body: str, decimal: DecimalMark | None) -> str:
    """Turn digits with '.' and ',' marks into Python's plain '1234.5' form."""
    if _PLAIN_DIGITS.fullmatch(body):
        return body
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        mark = "," if body.rfind(",") > body.rfind(".") else "."
        if decimal is not None and decimal != mark:
            raise CellError(
                f"a number with '{decimal}' as the decimal mark, as the params file says"
            )
        return _split_at_mark(body, mark)
    mark_char = "." if has_dot else ","
    if body.count(mark_char) > 1:
        # Several marks of one kind can only be thousands separators: 1.234.567
        if decimal == mark_char or not _GROUPED.fullmatch(body):
            raise CellError(_NUMBER_EXPECTED)
        return body.replace(mark_char, "")
    if decimal is not None:
        if decimal == mark_char:
            return _split_at_mark(body, mark_char)
        if not _GROUPED.fullmatch(body):
            raise CellError(
                f"a number with '{decimal}' as the decimal mark, as the params file says "
                f"('{mark_char}' may only separate thousands)"
            )
        return body.replace(mark_char, "")
    integer, fraction = body.split(mark_char)
    reads_as_thousands = len(fraction) == 3 and 1 <= len(integer) <= 3 and integer[0] != "0"
    if reads_as_thousands:
        other = "," if mark_char == "." else "."
        raise CellError(
            f"a number that cannot be read two ways: '{body}' is {integer}{fraction} if "
            f"'{mark_char}' separates thousands, or {integer}{other}{fraction} if it is the "
            f'decimal mark; say which with decimal: "{mark_char}" or decimal: "{other}" '
            "in the params file"
        )
    return f"{integer}.{fraction}"


def _split_at_mark(body: str, mark: str) -> str:
    """Split at the last decimal mark; what stands before must be digits in groups of three."""
    integer, _, fraction = body.rpartition(mark)
    if not fraction:
        raise CellError(_NUMBER_EXPECTED)
    thousands = "." if mark == "," else ","
    if thousands in integer:
        if not _GROUPED.fullmatch(integer):
            raise CellError(_NUMBER_EXPECTED)
        integer = integer.replace(thousands, "")
    if mark in integer or not integer:
        raise CellError(_NUMBER_EXPECTED)
    return f"{integer}.{fraction}"


_RANGE = re.compile(
    r"^\s*(?:t[uừ]\s+)?(?P<low>[+\-\u2212]?[\d.,\s\u00a0]+%?)\s*"
    r"(?:-|–|—|đến|den|to)\s*(?P<high>[+\-\u2212]?[\d.,\s\u00a0]+%?)\s*$",
    re.IGNORECASE,
)
_TARGET_EXPECTED = "a number such as 7,5 or a range such as '7,5 - 8'"


def parse_target(value: object, decimal: DecimalMark | None = None) -> tuple[Decimal, Decimal]:
    """Parse a target: one number (low = high) or a range "7,5 - 8", "7,5–8", "từ 7,5 đến 8"."""
    if not isinstance(value, str):
        number = parse_number(value, decimal)
        return number, number
    text = clean_text(value)
    match = _RANGE.match(text)
    if match is None:
        try:
            number = parse_number(text, decimal)
        except CellError as error:
            if str(error) == _NUMBER_EXPECTED:
                raise CellError(_TARGET_EXPECTED) from None
            raise
        return number, number
    low = parse_number(match["low"], decimal)
    high = parse_number(match["high"], decimal)
    if low > high:
        raise CellError("a range whose first number is the smaller, such as '7,5 - 8'")
    return low, high


def parse_milestone(value: object) -> bool:
    """Parse a milestone cell: 1/0, true/false, hoàn thành / chưa hoàn thành, đạt / không đạt."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal) and value in (0, 1):
        return bool(value)
    key = fold(str(value))
    if key in _MILESTONE_DONE:
        return True
    if key in _MILESTONE_NOT_DONE:
        return False
    raise CellError("a milestone value: 1/0, true/false, hoàn thành/chưa hoàn thành, đạt/không đạt")


def parse_integer(value: object, *, low: int, high: int, what: str) -> int:
    """Parse a whole number between ``low`` and ``high`` (a year, say)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = clean_text(value)
        if not re.fullmatch(r"\d+", text):
            raise CellError(f"{what}: a whole number from {low} to {high}")
        number = int(text)
    if not low <= number <= high:
        raise CellError(f"{what}: a whole number from {low} to {high}")
    return number


def parse_choice(value: object, choices: dict[str, str], what: str) -> str:
    """Map a keyword cell to its canonical name through a table of folded aliases."""
    key = fold(str(value))
    if key in choices:
        return choices[key]
    canonical = sorted(set(choices.values()))
    raise CellError(f"{what}: one of {', '.join(canonical)}")


def as_cell_text(value: object) -> str:
    """Show a raw cell in a message the way a person typed it."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value) if value is not None else ""
