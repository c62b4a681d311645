"""Read numbers as Vietnamese tables write them: "1.234,5", "75,3%", "03", or plainly "1234.5".

Numbers stay exact: they are parsed into `decimal.Decimal`, never into binary floats, so that
"71,995" rounds half up to 72,00 and not to 71,99. A number that reads two ways ("1.234": a
thousand, or one point two three four?) is an error unless the params file gives `decimal`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from reportlib.engine.text import EXCEL_ERRORS, SPACES, CellError, clean_text

DecimalMark = Literal[",", "."]

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
    body = SPACES.sub("", text)
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
