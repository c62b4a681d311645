"""Cell parsing (SPEC §3 "Cells"): numbers, targets, milestones, missing markers, text."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlib.engine import text
from reportlib.engine.numbers import parse_number
from reportlib.engine.targets import parse_target
from reportlib.engine.text import CellError, clean_text, fold, is_missing
from reportlib.engine.words import parse_milestone

D = Decimal


# --- parse_number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.234,5", "1234.5"),  # Vietnamese: '.' thousands, ',' decimal
        ("1.234.567,25", "1234567.25"),
        ("1234.5", "1234.5"),  # plain
        ("1234,5", "1234.5"),  # not ambiguous: four digits before the mark
        ("0,125", "0.125"),  # not ambiguous: a thousands group never follows a lone 0
        ("0.125", "0.125"),
        ("75,3%", "75.3"),
        ("75,3 %", "75.3"),
        ("100%", "100"),
        ("1 234,5", "1234.5"),  # space between thousands
        ("1\u00a0234,5", "1234.5"),  # NBSP between thousands (Excel, Word)
        ("1\u202f234,5", "1234.5"),  # narrow NBSP
        ("  7,8  ", "7.8"),
        ("-0,85", "-0.85"),
        ("\u22120,85", "-0.85"),  # U+2212 MINUS SIGN
        ("+2,5", "2.5"),
        ("42", "42"),
        ("1.234.567", "1234567"),  # several dots can only be thousands
    ],
)
def test_parse_number_reads_vietnamese_and_plain_formats(cell: str, expected: str) -> None:
    assert parse_number(cell) == D(expected)


def test_parse_number_keeps_decimal_exactness() -> None:
    value = parse_number("71,995", decimal=",")
    assert isinstance(value, Decimal)
    assert value == D("71.995")  # a float would be 71.99499999...


@pytest.mark.parametrize(("cell", "expected"), [(1100, "1100"), (7.5, "7.5"), (2.04, "2.04")])
def test_parse_number_accepts_spreadsheet_numbers(cell: object, expected: str) -> None:
    assert parse_number(cell) == D(expected)


@pytest.mark.parametrize("cell", ["1.234", "71,995", "-1.234", "1.234%", "999,999"])
def test_parse_number_ambiguous_without_decimal_mark_is_an_error(cell: str) -> None:
    with pytest.raises(CellError, match="read two ways") as caught:
        parse_number(cell)
    message = str(caught.value)
    assert "decimal" in message  # says how to resolve it in the params file


@pytest.mark.parametrize(
    ("cell", "decimal", "expected"),
    [
        ("1.234", ",", "1234"),
        ("1.234", ".", "1.234"),
        ("71,995", ",", "71.995"),
        ("71,995", ".", "71995"),
        ("1.234,5", ",", "1234.5"),
        ("1,234.5", ".", "1234.5"),
        ("0,125", ",", "0.125"),
        ("1234,5", ",", "1234.5"),
    ],
)
def test_parse_number_ambiguity_resolved_by_decimal_mark(
    cell: str, decimal: str, expected: str
) -> None:
    assert parse_number(cell, decimal=decimal) == D(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "decimal"),
    [("1.234,5", "."), ("1234.5", ","), ("1,234.5", ","), ("1.234.567", ".")],
)
def test_parse_number_contradicting_the_decimal_mark_is_an_error(cell: str, decimal: str) -> None:
    with pytest.raises(CellError):
        parse_number(cell, decimal=decimal)  # type: ignore[arg-type]


def test_parse_number_leading_zero_is_not_a_thousands_group() -> None:
    with pytest.raises(CellError):
        parse_number("0,125", decimal=".")


@pytest.mark.parametrize(
    "cell", ["1e400", "1e3", "abc", "", "   ", "7,5 tỷ", ",5", "1.2.3", "1,2,3", "--5", "%"]
)
def test_parse_number_rejects_non_numbers(cell: str) -> None:
    with pytest.raises(CellError, match="a number"):
        parse_number(cell)


@pytest.mark.parametrize("cell", [float("inf"), float("nan"), True, Decimal("Infinity")])
def test_parse_number_rejects_non_finite_and_bool_cells(cell: object) -> None:
    with pytest.raises(CellError):
        parse_number(cell)


@pytest.mark.parametrize("cell", ["7,5 8", "12 5"])
def test_parse_number_space_outside_a_thousands_group_is_an_error(cell: str) -> None:
    with pytest.raises(CellError):
        parse_number(cell)


# --- parse_target ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "low", "high"),
    [
        ("7,5", "7.5", "7.5"),
        ("450", "450", "450"),
        ("1.234,5", "1234.5", "1234.5"),
        ("7,5 - 8", "7.5", "8"),
        ("7,5-8", "7.5", "8"),
        ("7,5–8", "7.5", "8"),  # en dash
        ("7,5 – 8", "7.5", "8"),
        ("7,5—8", "7.5", "8"),  # em dash
        ("từ 7,5 đến 8", "7.5", "8"),
        ("Từ 7,5 đến 8", "7.5", "8"),
        ("TỪ 7,5 ĐẾN 8", "7.5", "8"),
        ("7,5 đến 8", "7.5", "8"),
        ("7,5% - 8%", "7.5", "8"),
        ("-2 - -1", "-2", "-1"),
        ("8 - 8", "8", "8"),
    ],
)
def test_parse_target_single_numbers_and_ranges(cell: str, low: str, high: str) -> None:
    target = parse_target(cell, decimal=",")
    assert (target.low, target.high) == (D(low), D(high))
    assert target.form == ("number" if low == high else "range")


def test_parse_target_from_a_spreadsheet_number() -> None:
    target = parse_target(7.5)
    assert (target.form, target.low, target.high) == ("number", D("7.5"), D("7.5"))


def test_parse_target_nfd_input_is_read() -> None:
    target = parse_target(unicodedata.normalize("NFD", "từ 7,5 đến 8"), decimal=",")
    assert (target.low, target.high) == (D("7.5"), D("8"))


@pytest.mark.parametrize("cell", ["8 - 7,5", "từ 8 đến 7,5", "8–7,5"])
def test_parse_target_reversed_range_is_an_error(cell: str) -> None:
    with pytest.raises(CellError, match="smaller"):
        parse_target(cell, decimal=",")


@pytest.mark.parametrize(
    "cell",
    ["nhiều", "7,5 ~ 8", "7,5 -", "tăng 10%", "khoảng", "trên", "Sản phẩm OCOP 3 sao trở lên"],
)
def test_parse_target_rejects_non_targets(cell: str) -> None:
    with pytest.raises(CellError, match="range"):
        parse_target(cell, decimal=",")


def test_parse_target_ambiguous_number_stays_an_ambiguity_error() -> None:
    with pytest.raises(CellError, match="read two ways"):
        parse_target("1.234")


# --- parse_milestone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "1",
        1,
        1.0,
        True,
        "true",
        "TRUE",
        "True",
        "hoàn thành",
        "Hoàn thành",
        "HOÀN THÀNH",
        "hoan thanh",
        unicodedata.normalize("NFD", "Hoàn thành"),
        "đạt",
        "Đạt",
        "ĐẠT",
        "dat",
        " đạt ",
    ],
)
def test_parse_milestone_done(cell: object) -> None:
    assert parse_milestone(cell) is True


@pytest.mark.parametrize(
    "cell",
    [
        "0",
        0,
        0.0,
        False,
        "false",
        "FALSE",
        "chưa hoàn thành",
        "Chưa hoàn thành",
        "CHUA HOAN THANH",
        "không đạt",
        "Không đạt",
        "KHÔNG ĐẠT",
        "khong dat",
    ],
)
def test_parse_milestone_not_done(cell: object) -> None:
    assert parse_milestone(cell) is False


@pytest.mark.parametrize("cell", ["2", 2, 0.5, "0,5", "50%"])
def test_parse_milestone_rejects_other_numbers(cell: object) -> None:
    with pytest.raises(CellError, match="milestone"):
        parse_milestone(cell)


@pytest.mark.parametrize("cell", ["Đang trình thẩm định", "sắp xong", "đạt một phần"])
def test_parse_milestone_reads_progress_text_as_not_done(cell: object) -> None:
    # SPEC §3.1: progress written in words is a milestone not done yet.
    assert parse_milestone(cell) is False


# --- is_missing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        None,
        "",
        "   ",
        "-",
        " - ",
        "—",
        "x",
        "X",
        "n/a",
        "N/A",
        "chưa có",
        "Chưa có",
        "CHƯA CÓ",
        unicodedata.normalize("NFD", "Chưa có"),
        float("nan"),
    ],
)
def test_is_missing_markers(cell: object) -> None:
    assert is_missing(cell)


@pytest.mark.parametrize("cell", ["0", 0, 0.0, "0,0", "có", "đạt", "7,5"])
def test_zero_and_values_are_not_missing(cell: object) -> None:
    assert not is_missing(cell)


# --- clean_text and fold --------------------------------------------------------------------


def test_clean_text_normalizes_nfd_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Tháp Mười")
    assert nfd != "Tháp Mười"
    cleaned = clean_text(nfd)
    assert cleaned == "Tháp Mười"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_text_maps_legacy_oi_letters_to_u_horn() -> None:
    assert clean_text("\u01a2\u01a3") == "\u01af\u01b0"  # Ƣƣ -> Ưư
    assert clean_text("Tháp M\u01a3ời") == "Tháp Mười"
    assert clean_text("TH\u01a2\u01a0NG MẠI") == "THƯƠNG MẠI"


def test_clean_text_legacy_letter_with_combining_tone_is_nfc() -> None:
    cleaned = clean_text("Th\u01a3\u0300a")
    assert cleaned == "Thừa"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_text_strips_surrounding_spaces() -> None:
    assert clean_text("  Tháp Mười \t") == "Tháp Mười"
    assert clean_text("\u00a0Tháp Mười\u00a0") == "Tháp Mười"
    assert clean_text("Tháp  Mười") == "Tháp  Mười"  # inner spaces are the writer's


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)],
)
def test_clean_text_removes_zero_width_and_bidi_controls(invisible: str) -> None:
    assert clean_text(f"{invisible}Tháp{invisible} Mười{invisible}") == "Tháp Mười"


def test_clean_text_of_empty_and_numbers() -> None:
    assert clean_text(None) == ""
    assert clean_text(2023.0) == "2023"
    assert clean_text(7.5) == "7.5"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Tháp Mười", "thap muoi"),
        ("THÁP MƯỜI", "thap muoi"),
        ("Thap Muoi", "thap muoi"),
        (unicodedata.normalize("NFD", "Tháp Mười"), "thap muoi"),
        ("  Đồng   Tháp ", "dong thap"),
        ("Đơn vị tính", "don vi tinh"),
        ("Kế hoạch", "ke hoach"),
        ("Tháp M\u01a3ời", "thap muoi"),
        ("Th\u200báp Mười", "thap muoi"),
    ],
)
def test_fold_is_case_accent_and_space_insensitive(text: str, key: str) -> None:
    assert fold(text) == key


# --- fold's table against the reference path -------------------------------------------------


def reference_fold(value: str) -> str:
    """Fold as reportlib did before the table: the whole text through NFC, casefold and NFD."""
    decomposed = unicodedata.normalize("NFD", clean_text(value).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d")
    return re.sub(r"[\s\u00a0\u2007\u202f]+", " ", stripped).strip()


_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
_VIETNAMESE += "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_ODD = (
    "\u01a2\u01a3"  # Ƣ ƣ, PDF copy-paste's Ư ư
    "\u00a0\u2007\u202f\u3000\u2028\x85\t\n "  # spaces, some not ASCII
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u202e\u2066"  # zero-width and bidi controls
    "ßẞﬁﬀﬆİıſǅǈKÅ≠"  # casefold and decomposition oddities
    "\u0300\u0301\u0303\u0309\u0323\u031b\u0306\u0302\u0345\u0338\u034f"  # marks
    "ΑάΣσςЁё中"  # outside the table
)
_LETTERS = _VIETNAMESE + _VIETNAMESE.upper() + _ODD
_MARKED = st.text(alphabet=_LETTERS, max_size=30)


@settings(max_examples=1000)
@given(
    st.one_of(
        _MARKED,
        _MARKED.map(lambda t: unicodedata.normalize("NFD", t)),
        st.text(alphabet=st.sampled_from(sorted(map(chr, text._fold_table())) + list(_ODD))),
        st.text(),
    )
)
@example("Tháp Mười")
@example(unicodedata.normalize("NFD", "THÁP MƯỜI"))
@example("Đồng\u00a0Tháp\u200b")
@example("TH\u01a2\u0300A")
@example("Straße ﬁnanz")
@example("  \u2007 \u202f ")
def test_fold_by_table_is_the_reference_fold(value: str) -> None:
    expected = reference_fold(value)
    assert text._fold_by_table(value) in (None, expected)
    assert text._fold_by_normalizing(value) == expected
    assert fold(value) == expected


def test_fold_by_table_covers_vietnamese() -> None:
    every_letter = _VIETNAMESE + _VIETNAMESE.upper() + "\u01a2\u01a3\u00a0\u200b"
    assert text._fold_by_table(every_letter) == reference_fold(every_letter)
    nfd = unicodedata.normalize("NFD", every_letter)
    assert text._fold_by_table(nfd) == reference_fold(nfd)
