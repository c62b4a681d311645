"""Clean the text of a cell: NFC, legacy letters, invisibles, spaces; fold it for matching.

Every parser of the engine starts from `clean_text`; `fold` gives the key by which headers,
units, words and names are matched without regard to case or accents. `legacy_encoding`
names the legacy font encoding (TCVN3, VNI) a text seems typed in, so that such a table is
refused with a message that says what to convert, not read as gibberish.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

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

SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")

MISSING_MARKERS = frozenset(
    {"", "-", "--", "—", "–", "x", "n/a", "na", "chua co", "khong co so lieu"}
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
    return _normalize(str(value)).strip()


def _normalize(text: str) -> str:
    """Return `text` as NFC with legacy letters mapped, invisibles removed, NBSP a space."""
    # Map the legacy letters first: Ƣ + a combining tone mark composes only once it is Ư.
    text = text.translate(_LEGACY_LETTERS).translate(_INVISIBLE)
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ")


def fold(text: str) -> str:
    """Return a key for case- and accent-insensitive matching: 'Tháp Mười' -> 'thap muoi'."""
    if not isinstance(text, str):
        return _fold(str(text))
    return _fold(text)


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    # Tables repeat their headers, names and words on every row: fold each text once.
    folded = _fold_by_table(text)
    return _fold_by_normalizing(text) if folded is None else folded


def _fold_by_normalizing(text: str) -> str:
    """Fold `text` the reference way: clean, casefold, decompose, drop the marks, 'đ' -> 'd'."""
    return SPACES.sub(" ", _without_marks(clean_text(text))).strip()


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


# Where Latin letters with diacritics, combining marks, spaces and invisibles live; every other
# character sends its text down the reference path. Scanning only these keeps the table's
# construction to a few milliseconds (all of Unicode takes 1.7 s).
_FOLD_TABLE_BLOCKS = (
    range(0x0041, 0x005B),  # A-Z
    range(0x0080, 0x0250),  # Latin-1 Supplement, Latin Extended-A and -B
    range(0x0300, 0x0370),  # Combining Diacritical Marks
    range(0x061C, 0x061D),  # Arabic letter mark (invisible)
    range(0x1680, 0x1681),  # Ogham space mark
    range(0x1AB0, 0x1B00),  # Combining Diacritical Marks Extended
    range(0x1DC0, 0x1F00),  # Combining Diacritical Marks Supplement, Latin Extended Additional
    range(0x2000, 0x2070),  # General Punctuation: spaces, zero-width and bidi controls
    range(0x20D0, 0x2100),  # Combining Diacritical Marks for Symbols
    range(0x3000, 0x3001),  # ideographic space
    range(0xFB00, 0xFB07),  # Latin ligatures: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
    range(0xFE20, 0xFE30),  # Combining Half Marks
    range(0xFEFF, 0xFF00),  # zero-width no-break space
)


@functools.cache
def _fold_table() -> dict[int, str]:
    """Map each character whose fold is ASCII to that fold, as the reference path gives it.

    A space maps to ' ' (runs of spaces are joined after), a combining mark or an invisible to
    ''. The reference path works on the whole text (NFC, then casefold, then NFD), so mapping
    one character at a time is the same only because every character here folds to ASCII
    letters, marks or spaces: tests/test_cells.py holds the two paths equal on any text.
    """
    table: dict[int, str] = {}
    for block in _FOLD_TABLE_BLOCKS:
        for code in block:
            # The reference path without its strips: a lone space must fold to a space.
            folded = _without_marks(_normalize(chr(code)))
            if SPACES.fullmatch(folded):
                table[code] = " "
            elif folded.isascii():
                table[code] = folded
    return table


def _fold_by_table(text: str) -> str | None:
    """Fold `text` one character at a time, or return None if a character is not in the table."""
    mapped = text.translate(_fold_table())
    if not mapped.isascii():
        return None  # a character outside the table: Greek, CJK, a symbol, ...
    return " ".join(mapped.split())  # on ASCII, the same as SPACES.sub(" ", mapped).strip()


def is_missing(value: object) -> bool:
    """Tell whether a cell means 'no data' (empty, '-', 'x', 'n/a', 'chưa có', ...)."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet library
        return True
    return fold(str(value)) in MISSING_MARKERS


def as_cell_text(value: object) -> str:
    """Show a raw cell in a message the way a person typed it."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value) if value is not None else ""
