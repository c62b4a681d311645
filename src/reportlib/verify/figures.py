"""Find the figure claims of a draft: an indicator, its value, its percent of plan, its change.

"Thu ngân sách nhà nước trên địa bàn đạt 285,6 tỷ đồng, bằng 68% kế hoạch, tăng 6,4% so với
cùng kỳ" is one figure with three quantities. A figure is read in a clause (a sentence cut at
';'): a value verb and a number ('đạt 285,6 tỷ đồng', 'giảm còn 1,85%'), the words before it
as the indicator's name, and after it the comparisons. A comparison with no value before it
('Tỷ lệ hộ nghèo giảm 0,75 điểm phần trăm so với cùng kỳ') is a figure too.

The name is matched against the table's names accent-insensitively by token overlap, so a
draft may shorten a name a little ('Thu ngân sách trên địa bàn'). Names carry the value
verbs themselves ('Số sản phẩm OCOP đạt 3 sao trở lên đạt 4 sản phẩm'): of two value verbs
with no comma between them, the second gives the value. The Vietnamese words live in the
patterns of this module only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlib.verify._text import fold
from reportlib.verify.numbers import NUMBER, WrittenNumber, read_number
from reportlib.verify.sentences import ScopeMark, Sentence, scope_at

QuantityKind = Literal["value", "percent_of_plan", "change"]
Measure = Literal["", "%", "points", "same"]

# A value verb, or a colon after the name ('Số doanh nghiệp thành lập mới: 61 doanh nghiệp').
_VALUE = re.compile(
    r"(?:(?<!\w)(?:ước\s+(?:đạt|thực\s+hiện)|dự\s+kiến\s+đạt|giảm\s+còn|tăng\s+lên"
    r"|đạt\s+mức|ở\s+mức|đạt|còn|là)|(?<=\w)(?=:))\s*:?\s*"
    rf"(?P<number>{NUMBER})(?:\s*(?P<percent>%))?(?!\s*/\s*\d)",
    re.IGNORECASE,
)
_UNIT = re.compile(r"\s*(?P<unit>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})")
# Words that end a unit: 'đạt 4 sản phẩm bằng ...' has the unit 'sản phẩm'.
_UNIT_STOP = frozenset(
    {"bằng", "tăng", "giảm", "so", "đạt", "và", "vượt", "trong", "với", "kế", "hoạch"}
    | {"chỉ", "tiêu", "của", "là", "ước", "cả", "năm"}
)
# Numbers that a value verb may precede but that are no value of an indicator.
_NO_UNIT = re.compile(r"chỉ\s+tiêu|tháng|năm|quý|lần\s+thứ", re.IGNORECASE)
_PLAN = re.compile(
    rf"(?<!\w)(?P<verb>bằng|đạt|vượt|=)\s*(?P<number>{NUMBER})\s*%\s*(?:so\s+với\s+)?"
    r"(?:kế\s+hoạch|KH|dự\s+toán|mục\s+tiêu|chỉ\s+tiêu)(?!\w)",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"(?<!\w)(?P<direction>tăng|giảm)(?!\s+còn)(?:\s+(?:thêm|được))?\s+"
    rf"(?P<number>{NUMBER})\s*(?P<measure>%|điểm\s+phần\s+trăm|điểm\s*%|điểm)"
    r"(?P<versus>\s*\(?\s*so\s+(?:với\s+)?(?P<base>cùng\s+kỳ(?:\s+năm\s+(?:trước|\d{4}))?"
    r"|năm\s+trước|năm\s+\d{4}|CK)(?!\w)\)?|\s*\(?\s*so\s+(?:với\s+)?)?",
    re.IGNORECASE,
)
_SAME = re.compile(r"(?<!\w)(?:bằng|tương\s+đương)\s+(?:với\s+)?cùng\s+kỳ(?!\w)", re.IGNORECASE)
# What may stand before a name and is not part of it: list marks, numbering, a note in
# brackets closing the sentence before, the period.
_LEADING = re.compile(
    r"(?:[\s\-–+•*:,]|\(?\d{1,2}[.)]\s|[a-zđ]\)\s|\([^)]*\)"
    r"|(?:trong\s+đó|riêng|về|chỉ\s+tiêu|ước\s+(?:thực\s+hiện\s+|tính\s+)?cả\s+năm"
    r"|dự\s+kiến\s+cả\s+năm|cả\s+năm|(?:trong\s+)?\d{1,2}\s+tháng(?:\s+đầu\s+năm)?"
    r"|(?:trong\s+)?năm\s+\d{4}|quý\s+I)(?!\w))+",
    re.IGNORECASE,
)
# Without the table's names, a figure needs a comparison or a name that reads like one.
_INDICATOR_START = re.compile(
    r"^(?:tỷ\s+lệ|tỉ\s+lệ|số|tổng|thu|chi|tốc\s+độ|giá\s+trị|sản\s+lượng|diện\s+tích"
    r"|kim\s+ngạch|vốn|doanh\s+thu|năng\s+suất|thu\s+nhập|bình\s+quân|lượt|mức|grdp)(?!\w)",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[,:]\s*|\s+và\s+", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")
# A draft's name matches a table's when most of its words are the table's and it keeps at
# least half of the table's words.
MIN_PRECISION = 0.75
MIN_RECALL = 0.5


@dataclass(frozen=True)
class Quantity:
    """One number of a figure as written.

    Parameters
    ----------
    kind
        'value', 'percent_of_plan' or 'change'.
    text
        The words as written: 'đạt 285,6 tỷ đồng', 'bằng 68% kế hoạch'.
    offset
        Where they start in the sentence's text.
    number
        The number, signed for a change ('giảm 6,7' is -6,7); None for 'bằng cùng kỳ'.
    measure
        For a change: '%', 'points' or 'same' ('bằng cùng kỳ'); '' when the words say no
        more than the number ('tăng 6,4' with no measure is not read).
    unit
        For a value: the unit as written ('tỷ đồng', '%'), '' when none.
    versus
        For a change: whether the words name what it is from ('so với cùng kỳ').
    """

    kind: QuantityKind
    text: str
    offset: int
    number: WrittenNumber | None
    measure: Measure = ""
    unit: str = ""
    versus: bool = False


@dataclass(frozen=True)
class FigureClaim:
    """A figure the draft states about one indicator.

    Parameters
    ----------
    sentence
        The sentence it stands in.
    offset
        Where its name starts in the sentence's text.
    name
        The indicator's name as written ('' when the clause goes on about the last one).
    indicator
        The table's name it matches, or None.
    candidates
        Table names that match it equally well, when more than one does.
    scope
        The period it speaks of.
    quantities
        Its value, percent of plan and change, those written, in the order written.
    """

    sentence: Sentence
    offset: int
    name: str
    indicator: str | None
    candidates: tuple[str, ...]
    scope: ScopeMark
    quantities: tuple[Quantity, ...]

    @property
    def where(self) -> str:
        """Where the figure stands in the draft."""
        return self.sentence.where(self.offset)


def find_figures(sentences: Sequence[Sentence], names: Sequence[str] = ()) -> list[FigureClaim]:
    """Find every figure claim in the sentences, in the order written.

    Parameters
    ----------
    sentences
        The draft's sentences.
    names
        The table's indicator names; without them a figure is kept only when it compares
        (with the plan or last year) or its name reads like an indicator's.
    """
    figures: list[FigureClaim] = []
    for sentence in sentences:
        last: FigureClaim | None = None
        for start, end in _clauses(sentence.text):
            for figure in _clause_figures(sentence, start, end, names, last):
                figures.append(figure)
                last = figure
    return figures


def match_name(name: str, names: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    """Match a name as written against the table's names.

    Returns
    -------
    tuple
        The best match (or None), and every name that ties for the best when more than one
        does (then no match is returned).
    """
    words = set(_TOKEN.findall(fold(name)))
    if not words:
        return None, ()
    scored: list[tuple[float, str]] = []
    for candidate in names:
        theirs = set(_TOKEN.findall(fold(candidate)))
        common = len(words & theirs)
        precision, recall = common / len(words), common / max(len(theirs), 1)
        if precision >= MIN_PRECISION and recall >= MIN_RECALL:
            scored.append((2 * precision * recall / (precision + recall), candidate))
    if not scored:
        return None, ()
    best = max(score for score, _ in scored)
    tied = tuple(candidate for score, candidate in scored if score == best)
    return (tied[0], ()) if len(tied) == 1 else (None, tied)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Cut a sentence at ';' into the spans of its clauses."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r";", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _clause_figures(
    sentence: Sentence,
    start: int,
    end: int,
    names: Sequence[str],
    last: FigureClaim | None,
) -> list[FigureClaim]:
    text = sentence.text
    comparisons = _comparisons(text, start, end)
    taken = [(q.offset, q.offset + len(q.text)) for q in comparisons]
    values = [v for v in _values(text, start, end) if not _inside(v.offset, taken)]
    # Of two value verbs with no comma between, the first is inside the name ('... đạt 3 sao
    # trở lên đạt 4 sản phẩm').
    values = [
        v
        for v, after in zip(values, [*values[1:], None], strict=False)
        if after is None or "," in text[v.offset : after.offset]
    ]
    figures: list[FigureClaim] = []
    floor = start
    order = sorted([*values, *comparisons], key=lambda q: q.offset)
    index = 0
    while index < len(order):
        head = order[index]
        index += 1
        quantities = [head]
        while index < len(order) and order[index].kind != "value":
            quantities.append(order[index])
            index += 1
        if head.kind != "value" and not _stands_alone(quantities):
            continue
        figure = _figure(sentence, floor, quantities, names, last)
        floor = quantities[-1].offset + len(quantities[-1].text)
        if figure is not None:
            figures.append(figure)
            last = figure
    return figures


def _stands_alone(quantities: Sequence[Quantity]) -> bool:
    """Tell whether a figure with no value compares enough to be one: with 'so với', the plan."""
    return any(q.kind == "percent_of_plan" or q.measure == "same" or q.versus for q in quantities)


def _figure(
    sentence: Sentence,
    floor: int,
    quantities: list[Quantity],
    names: Sequence[str],
    last: FigureClaim | None,
) -> FigureClaim | None:
    """Name a figure from the words before its first quantity, or drop it."""
    head = quantities[0]
    text = sentence.text
    options = [floor] + [
        m.end() for m in _BOUNDARY.finditer(text, floor, head.offset) if m.end() < head.offset
    ]
    spans = [named for s in options if (named := _strip_name(text, s, head.offset))[0]]
    scope = scope_at(text, head.offset)
    if not spans:
        if last is None:
            return None
        # 'ước cả năm đạt 436,2 tỷ đồng': the clause goes on about the last figure's indicator.
        return FigureClaim(
            sentence, head.offset, "", last.indicator, last.candidates, scope, tuple(quantities)
        )
    if names:
        matched = [(name, s, *match_name(name, names)) for name, s in spans]
        found = [m for m in matched if m[2] is not None]
        if found:
            name, begin, indicator, _ = found[-1]  # the shortest name that matches
            return FigureClaim(sentence, begin, name, indicator, (), scope, tuple(quantities))
        tied = [m for m in matched if m[3]]
        if tied:
            name, begin, _, candidates = tied[-1]
            return FigureClaim(sentence, begin, name, None, candidates, scope, tuple(quantities))
    name, begin = spans[-1]
    compares = any(q.kind != "value" for q in quantities)
    if not compares and not _INDICATOR_START.match(name):
        return None  # a number after 'đạt' in running text, not an indicator's figure
    return FigureClaim(sentence, begin, name, None, (), scope, tuple(quantities))


def _strip_name(text: str, start: int, end: int) -> tuple[str, int]:
    """Return the name between ``start`` and ``end``, and where it starts.

    What may stand before a name (list marks, the period) is left out; ('', end) when no
    name is left.
    """
    lead = _LEADING.match(text, start, end)
    begin = lead.end() if lead is not None else start
    name = text[begin:end].rstrip(" ,:;-–")
    if not any(c.isalpha() for c in name):
        return "", end
    return name, begin


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(low <= offset < high for low, high in spans)


def _values(text: str, start: int, end: int) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _VALUE.finditer(text, start, end):
        unit = "%" if match["percent"] else ""
        stop = match.end()
        if not unit:
            after = _UNIT.match(text, match.end(), end)
            written = after["unit"] if after is not None else ""
            if _NO_UNIT.match(written):
                continue  # 'đạt 05 chỉ tiêu', '9 tháng': a count or a span, not a value
            kept: list[str] = []
            for word in written.split():
                if word.casefold() in _UNIT_STOP:
                    break
                kept.append(word)
            unit = " ".join(kept)
            if kept:
                stop = text.index(kept[-1], match.end()) + len(kept[-1])
        found.append(
            Quantity(
                kind="value",
                text=text[match.start() : stop],
                offset=match.start(),
                number=read_number(match["number"]),
                unit=unit,
            )
        )
    return found


def _comparisons(text: str, start: int, end: int) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _PLAN.finditer(text, start, end):
        number = read_number(match["number"])
        if match["verb"].casefold() == "vượt":  # 'vượt 3,9% kế hoạch' is 103,9% of it
            number = WrittenNumber(number.value + 100, number.decimals, number.text)
        found.append(
            Quantity("percent_of_plan", match.group(0), match.start(), number, measure="%")
        )
    for match in _CHANGE.finditer(text, start, end):
        if match["versus"] and not match["base"]:
            continue  # 'tăng 5% so với kế hoạch' is no change from last year
        number = read_number(match["number"])
        if match["direction"].casefold() == "giảm":
            number = WrittenNumber(-number.value, number.decimals, number.text)
        measure: Measure = "%" if match["measure"] == "%" else "points"
        text_as_written = match.group(0).rstrip(" (")
        versus = match["base"] is not None
        found.append(
            Quantity("change", text_as_written, match.start(), number, measure, versus=versus)
        )
    for match in _SAME.finditer(text, start, end):
        same = Quantity("change", match.group(0), match.start(), None, "same", versus=True)
        found.append(same)
    return sorted(found, key=lambda q: q.offset)
