"""Read and write numbers the Vietnamese way: 1.234,5 and 75,3%.

A number is read with how many decimals the draft wrote, so that the table's value can be
rounded to the same precision, half up, before the two are compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class WrittenNumber:
    """A number as the draft wrote it: its value and how many decimals it gave."""

    value: Decimal
    decimals: int
    text: str


# Digits with '.' and ',' marks; a mark must stand between digits ("7,62%, bằng" ends at 2).
NUMBER = r"(?<![\d.,])[+\-\u2212]?\d+(?:[.,]\d+)*(?![\d])"


def read_number(text: str) -> WrittenNumber:
    """Read a number written the Vietnamese way, or plainly: '1.234,5', '75,3', '285.6'.

    One '.' followed by exactly three digits separates thousands, as Vietnamese writes them
    ('1.234' is 1234); any other single '.' is an English decimal point ('285.6').
    """
    body = text.strip().replace("\u2212", "-")
    sign = ""
    if body[:1] in "+-":
        sign, body = ("-" if body[0] == "-" else ""), body[1:]
    if "." in body and "," in body:
        mark = "," if body.rfind(",") > body.rfind(".") else "."
    elif body.count(",") == 1:
        mark = ","
    elif body.count(".") == 1:
        integer, fraction = body.split(".")
        grouped = len(fraction) == 3 and 1 <= len(integer) <= 3 and integer[0] != "0"
        mark = "" if grouped else "."
    else:
        mark = ""  # no mark, or several of one kind: thousands separators only
    if mark:
        integer, _, fraction = body.rpartition(mark)
    else:
        integer, fraction = body, ""
    digits = integer.replace(".", "").replace(",", "")
    plain = f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}"
    return WrittenNumber(value=Decimal(plain), decimals=len(fraction), text=text)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round to ``decimals`` decimals, half up, as the reports promise (2,125 -> 2,13)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_vi(value: Decimal, decimals: int, *, keep_zeros: bool = True) -> str:
    """Write a number the Vietnamese way at ``decimals`` decimals: 1.234,5.

    With ``keep_zeros`` false, trailing zeros after the mark are dropped (38,50 -> 38,5).
    """
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{abs(rounded):f}"
    integer, _, fraction = text.partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    body = ".".join(groups)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{body},{fraction}" if fraction else f"{sign}{body}"
