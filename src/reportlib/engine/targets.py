"""Read a plan target as offices write it (SPEC §3.1) into a `Target`.

The forms, with what each means:

    45, 95%, 1.234,5          a number                       met when equal, exceeded when better
    khoảng 45, ~45            about: read as 45               as a number
    575 (tăng 15%)            a number with a remark          575; the remark is kept
    7,5 - 8, từ 7,5 đến 8     a range                         met inside, exceeded beyond its
                                                              better end
    ≥ 405, từ 7,5% trở lên,   at least (inclusive; higher)    met on the bound, exceeded beyond it
      tối thiểu 90
    trên 90, > 90             more than (strict; higher)      on the bound is not yet met
    ≤ 12, không quá 12 vụ,    at most (inclusive; lower)      met on the bound, exceeded below it
      tối đa 12, giảm còn 1,2
    dưới 1,5%, < 1,5          less than (strict; lower)       on the bound is not yet met
    Hoàn thành                a milestone: done
    tăng 10-12% so với năm    relative to last year           resolved against last year's figure
      2023, giảm 5% so với cùng kỳ, tăng 2 điểm phần trăm so với năm trước

A trailing unit word ('12 vụ', '405 tỷ đồng') is allowed and dropped. Anything else is an error
that names the forms accepted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportlib.engine.model import Change, Direction, Target, TargetForm
from reportlib.engine.numbers import DecimalMark, parse_number
from reportlib.engine.text import CellError, clean_text, fold
from reportlib.engine.words import MILESTONE_DONE

TARGET_FORMS = (
    "a number (45; 95%), 'khoảng 45', a range ('7,5 - 8', 'từ 7,5 đến 8'), '≥ 405', "
    "'từ 7,5% trở lên', 'tối thiểu 90', 'trên 90', '≤ 12', 'không quá 12', 'tối đa 12', "
    "'dưới 1,5%', 'giảm còn 1,2', '575 (tăng 15%)', 'Hoàn thành', or a change from last "
    "year such as 'tăng 10-12% so với năm 2023'"
)

_NUM = r"[+\-]?\d[\d.,]*\s*%?"
# At most four words without a digit after a number: its unit ('vụ', 'tỷ đồng', 'sản phẩm').
_UNIT = r"(?:\s+[a-z][a-z/.]*(?:\s+[a-z][a-z/.]*){0,3})?"
_SYMBOLS = (
    ("≥", " toi thieu "),
    (">=", " toi thieu "),
    ("=>", " toi thieu "),
    ("≤", " toi da "),
    ("<=", " toi da "),
    ("=<", " toi da "),
    (">", " tren "),
    ("<", " duoi "),
    ("~", " khoang "),
    ("\u2212", "-"),
    ("–", "-"),
    ("—", "-"),
)
_AT_LEAST = ("toi thieu", "it nhat", "khong duoi", "khong thap hon", "toi thieu la", "tu")
_MORE_THAN = ("tren", "hon", "cao hon", "lon hon")
_AT_MOST = (
    "toi da",
    "khong qua",
    "khong vuot qua",
    "khong cao hon",
    "khong lon hon",
    "giam con",
    "giam xuong con",
    "giam xuong",
    "duoi hoac bang",
)
_LESS_THAN = ("duoi", "thap hon", "nho hon", "giam xuong duoi")
_ABOUT = ("khoang", "xap xi", "chung", "gan", "khoang chung")

_PREFIXED = re.compile(rf"^(?P<word>[a-z ]+?)\s+(?P<n>{_NUM}){_UNIT}(?:\s+tro len)?$")
_SUFFIXED = re.compile(rf"^(?:tu\s+)?(?P<n>{_NUM}){_UNIT}\s+tro len$")
_RANGE = re.compile(rf"^(?:tu\s+)?(?P<a>{_NUM}){_UNIT}\s*(?:-|den|toi)\s*(?P<b>{_NUM}){_UNIT}$")
_NUMBER = re.compile(rf"^(?P<n>{_NUM}){_UNIT}$")
_REMARK = re.compile(r"^(?P<body>.*?\S)\s*\((?P<remark>[^()]*)\)\s*$")
_RELATIVE = re.compile(
    rf"^(?P<sign>tang|giam)\s+(?:(?P<op>tu|tren|toi thieu|it nhat|khong qua|toi da|duoi)\s+)?"
    rf"(?P<a>{_NUM})(?:\s*(?:-|den)\s*(?P<b>{_NUM}))?"
    r"\s*(?P<points>diem phan tram|diem %|diem)?\s*(?P<up>tro len)?\s*"
    r"so voi\s*(?P<base>.*)$"
)


_LAST_YEAR_WORDS = ("cung ky", "nam truoc", "ky truoc", "cung ky nam truoc")


def _number(text: str, decimal: DecimalMark | None) -> Decimal:
    return parse_number(text.replace(" ", ""), decimal)


def _direction(form: TargetForm) -> Direction | None:
    if form in ("at_least", "more_than"):
        return "higher"
    if form in ("at_most", "less_than"):
        return "lower"
    return None


def parse_target(value: object, decimal: DecimalMark | None = None) -> Target:
    """Parse a target cell into a `Target` (see the module docstring for the forms).

    Raises
    ------
    CellError
        When the cell is none of the forms, naming them; or for a range written high to low.
    """
    if not isinstance(value, str):
        number = parse_number(value, decimal)
        return Target.number(number, text=clean_text(value))
    text = clean_text(value)
    body, remark = text, ""
    match = _REMARK.match(text)
    if match and any(c.isdigit() or c.isalpha() for c in match["body"]):
        body, remark = match["body"], match["remark"].strip()
    if re.fullmatch(r"[+\-\u2212]?[\d.,\s\u00a0\u202f]+%?", body):
        # A plain number, however it is grouped ('1 234,5'): its errors are the number's.
        number = parse_number(body, decimal)
        return Target(text=text, form="number", low=number, high=number, remark=remark)
    key = fold(body)
    for symbol, word in _SYMBOLS:
        key = key.replace(symbol, word)
    key = re.sub(r"\s+", " ", key).strip()
    if key.rstrip(".") in MILESTONE_DONE - {"1", "true", "yes", "co"}:
        return Target(text=text, form="done", low=Decimal(1), high=Decimal(1), remark=remark)
    if " so voi" in f" {key}":
        return _relative(text, key, remark, decimal)
    target = _bounded(text, key, decimal)
    if target is None:
        raise CellError(f"a target: {TARGET_FORMS}")
    return Target(
        text=text,
        form=target.form,
        low=target.low,
        high=target.high,
        low_strict=target.low_strict,
        high_strict=target.high_strict,
        direction=_direction(target.form),
        remark=remark,
        approximate=target.approximate,
    )


def _bounded(text: str, key: str, decimal: DecimalMark | None) -> Target | None:
    """Parse the forms with a bound, a range or one number; None when none matches."""
    match = _NUMBER.match(key)
    if match:
        return Target.number(_number(match["n"], decimal), text=text)
    match = _RANGE.match(key)
    if match:
        low, high = _number(match["a"], decimal), _number(match["b"], decimal)
        if low > high:
            raise CellError("a range whose first number is the smaller, such as '7,5 - 8'")
        return Target.between(low, high, text=text)
    match = _SUFFIXED.match(key)
    if match:
        return Target(text=text, form="at_least", low=_number(match["n"], decimal))
    match = _PREFIXED.match(key)
    if match is None:
        return None
    word, number = match["word"].strip(), _number(match["n"], decimal)
    trailing_up = key.endswith(" tro len")
    if word in _AT_LEAST or (trailing_up and word in _MORE_THAN):
        return Target(text=text, form="at_least", low=number)
    if word in _MORE_THAN:
        return Target(text=text, form="more_than", low=number, low_strict=True)
    if word in _AT_MOST:
        return Target(text=text, form="at_most", high=number)
    if word in _LESS_THAN:
        return Target(text=text, form="less_than", high=number, high_strict=True)
    if word in _ABOUT:
        return Target(text=text, form="number", low=number, high=number, approximate=True)
    return None


def _relative(text: str, key: str, remark: str, decimal: DecimalMark | None) -> Target:
    """Parse 'tăng 10-12% so với năm 2023' and its kin into a relative target."""
    match = _RELATIVE.match(key)
    if match is None:
        raise CellError(
            "a change from last year such as 'tăng 10-12% so với năm 2023', 'giảm 5% so với "
            "cùng kỳ' or 'tăng 2 điểm phần trăm so với năm trước'"
        )
    a_text, b_text = match["a"], match["b"]
    low = _number(a_text.rstrip("% "), decimal)
    high = _number(b_text.rstrip("% "), decimal) if b_text else low
    if low > high:
        raise CellError("a range whose first number is the smaller, such as 'tăng 10-12%'")
    percent = "%" in a_text or (b_text is not None and "%" in b_text)
    points = bool(match["points"])
    if points and percent:
        raise CellError("a change in percent ('tăng 10%') or in points ('tăng 2 điểm phần trăm')")
    sign = 1 if match["sign"] == "tang" else -1
    op = match["op"]
    form: str
    if b_text:
        form = "range"
    elif match["up"] or op in ("tu", "tren", "toi thieu", "it nhat"):
        form = "at_least" if sign > 0 else "at_most"
    elif op in ("khong qua", "toi da", "duoi"):
        form = "at_most" if sign > 0 else "at_least"
    else:
        form = "number"
    base = match["base"].strip()
    year_match = re.fullmatch(r"(?:nam|cung ky nam|so voi nam)\s*((?:19|20)\d\d)", base)
    if base and not year_match and base not in _LAST_YEAR_WORDS:
        raise CellError(
            "a change from last year ('so với năm 2023', 'so với cùng kỳ', 'so với năm trước')"
        )
    change = Change(
        low=low,
        high=high,
        sign=sign,
        additive=points or not percent,
        form=form,  # type: ignore[arg-type]
        base_year=int(year_match.group(1)) if year_match else None,
    )
    return Target(
        text=text,
        form="relative",
        direction="higher" if sign > 0 else "lower",
        remark=remark,
        change=change,
    )
