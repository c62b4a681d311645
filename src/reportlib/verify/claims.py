"""Find the count claims of a draft ("đạt và vượt 05/11 chỉ tiêu") and group them into sets.

A count claim says how many indicators (or units: "45/102 xã, phường") have a status: its
category, its scope (the report period or the year-end estimate), its count and, when
written, its total. The claims of one sentence that share a scope and a total form a set,
whose parts must add up to the total: "đạt và vượt 05/11, không đạt 01/11, còn lại 06/11
đang thực hiện" is 12 of 11. Sets with different totals are different sets, never merged.

The Vietnamese words live in the patterns of this module only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reportlib.verify.sentences import ScopeMark, Sentence, scope_at

Category = Literal[
    "met_or_exceeded", "exceeded", "met", "not_met", "in_progress", "no_data", "total_only"
]
Subject = Literal["indicators", "units"]
# How a status word reads before its meaning is settled by its set and its scope.
_Word = Literal[
    "met_or_exceeded", "exceeded", "reached", "not_met", "unfinished", "in_progress", "no_data"
]

# Longest first: 'đạt và vượt' before 'đạt', 'không đạt' before 'đạt'.
_WORDS: tuple[tuple[str, _Word], ...] = (
    (r"đạt\s+và\s+vượt|đạt\s*,\s*vượt|đạt\s+hoặc\s+vượt", "met_or_exceeded"),
    (r"hoàn\s+thành\s+và\s+(?:hoàn\s+thành\s+)?vượt", "met_or_exceeded"),
    (r"có\s+nguy\s+cơ\s+không\s+đạt|khó\s+đạt", "unfinished"),
    (r"không\s+đạt|không\s+hoàn\s+thành", "not_met"),
    (r"chưa\s+đạt|chưa\s+hoàn\s+thành", "unfinished"),
    (r"đang\s+(?:tiếp\s+tục\s+)?(?:thực\s+hiện|triển\s+khai)", "in_progress"),
    (r"chưa\s+có\s+số\s+liệu|chưa\s+có\s+kết\s+quả|chưa\s+đánh\s+giá", "no_data"),
    (r"(?:hoàn\s+thành\s+)?vượt", "exceeded"),
    (r"đạt|hoàn\s+thành", "reached"),
)
_WORD = r"(?<!\w)(?:" + "|".join(pattern for pattern, _ in _WORDS) + r")(?!\w)"
_WORD_KINDS = tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _WORDS)

# A count, with its total: "05/11", "5 / 11", "01". Not a code ("CT05"), a date ("05/11/2023")
# or a decimal ("7,5").
_COUNT = re.compile(r"(?<![\w/.,])(?P<count>\d{1,4})(?:\s*/\s*(?P<total>\d{1,4}))?(?![\w/]|[.,]\d)")
# "số 12/BC", "ngày 05/11" are no counts, but "tổng số 11 chỉ tiêu" is one.
_NOT_A_COUNT = re.compile(r"(?:ngày|tháng|(?<!tổng\s)số|năm|quý|điều|khoản|mục)\s*$", re.IGNORECASE)
_UNITS = r"(?:xã|phường|thị\s+trấn|đặc\s+khu|huyện|quận|thị\s+xã|thành\s+phố|đơn\s+vị|địa\s+phương)"
_NOUN = re.compile(
    rf"\s*(?:(?P<indicators>chỉ\s+tiêu)|(?P<units>{_UNITS}(?:\s*,\s*{_UNITS})*))(?!\w)",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    rf"(?P<word>{_WORD})(?:\s+(?:được|là|có|gồm))?\s*(?P<rest>còn\s+lại\s*)?$", re.IGNORECASE
)
_AFTER = re.compile(
    rf"\s*(?:\([^)]*\)\s*)?(?:đã\s+|được\s+|sẽ\s+|đều\s+)?(?P<word>{_WORD})"
    r"(?:\s+(?:toàn\s+bộ|tất\s+cả|các)\s+chỉ\s+tiêu)?",
    re.IGNORECASE,
)
_REMAINDER = re.compile(r"còn\s+lại\s*$", re.IGNORECASE)
_TOTAL_LEAD = re.compile(
    r"(?:tổng\s+(?:số|cộng)|gồm|có|đề\s+ra|giao|trong\s+số|với)\s*(?:là\s+)?$", re.IGNORECASE
)
_DETAIL = re.compile(r"trong\s+đó|bao\s+gồm", re.IGNORECASE)


@dataclass(frozen=True)
class CountClaim:
    """One count as the draft states it.

    Parameters
    ----------
    text
        The words of the claim as written: 'không đạt 01/11 chỉ tiêu'.
    sentence
        The sentence it stands in.
    offset
        Where the claim starts in the sentence's text.
    category
        What it counts (for a bare 'đạt': met_or_exceeded, or met when its set also counts
        'vượt' apart).
    scope
        The period it speaks of, from the sentence's words before it.
    count, total
        The numbers; ``total`` None when not written.
    count_text
        The count as written ('05'), so that the expected count is written the same way.
    subject
        'indicators', or 'units' for a count of communes, wards... ('45/102 xã, phường').
    tentative
        The words were 'chưa đạt' or 'khó đạt': in progress in-year, not met at year end.
    bare
        The word was a bare 'đạt' / 'hoàn thành', whose meaning its set settles.
    detail
        A part of another part ('trong đó vượt 03 chỉ tiêu'), left out of the set's sum.
    """

    text: str
    sentence: Sentence
    offset: int
    category: Category
    scope: ScopeMark
    count: int
    total: int | None
    count_text: str
    subject: Subject
    tentative: bool = False
    bare: bool = False
    detail: bool = False

    @property
    def where(self) -> str:
        """Where the claim stands in the draft."""
        return self.sentence.where(self.offset)


@dataclass(frozen=True)
class CountSet:
    """The claims of one sentence that share a scope, a subject and a total.

    Parameters
    ----------
    number
        The set's place in the draft, from 1.
    claims
        Its claims in the order written (a total-only claim included).
    total
        The total its claims give, or None when none is written.
    """

    number: int
    claims: tuple[CountClaim, ...]
    total: int | None

    @property
    def parts(self) -> tuple[CountClaim, ...]:
        """The claims that count a share of the total (not the total, not a detail)."""
        return tuple(c for c in self.claims if c.category != "total_only" and not c.detail)

    @property
    def summed(self) -> tuple[CountClaim, ...]:
        """The parts that add up to the total; 'đạt và vượt' already holds 'đạt' and 'vượt'."""
        parts = self.parts
        together = any(c.category == "met_or_exceeded" for c in parts)
        skip = ("met", "exceeded") if together else ()
        return tuple(c for c in parts if c.category not in skip)

    @property
    def parts_sum(self) -> int:
        """The sum of the parts that add up to the total."""
        return sum(c.count for c in self.summed)

    @property
    def inconsistent(self) -> bool:
        """Whether the parts cannot be right together.

        A part alone may leave the rest unsaid, but it cannot exceed the total; two parts or
        more are a breakdown, and must add up to the total exactly.
        """
        if self.total is None or not self.parts:
            return False
        total = self.parts_sum
        return total > self.total or (len(self.parts) >= 2 and total != self.total)

    @property
    def judged(self) -> bool:
        """Whether the set says enough to be judged on its own: a breakdown, or too many."""
        return self.total is not None and (len(self.parts) >= 2 or self.inconsistent)


def find_counts(sentences: Sequence[Sentence]) -> tuple[CountClaim, ...]:
    """Find every count claim in the sentences, in the order written."""
    found: list[CountClaim] = []
    for sentence in sentences:
        found.extend(_sentence_counts(sentence))
    return tuple(found)


def _word_kind(text: str) -> _Word:
    for pattern, kind in _WORD_KINDS:
        if pattern.fullmatch(text.strip()):
            return kind
    raise AssertionError(f"no kind for {text!r}")  # pragma: no cover - _WORD is their union


def _sentence_counts(sentence: Sentence) -> list[CountClaim]:
    text = sentence.text
    claims: list[CountClaim] = []
    last_end = 0
    for match in _COUNT.finditer(text):
        before = text[: match.start()]
        if _NOT_A_COUNT.search(before):
            continue
        noun = _NOUN.match(text, match.end())
        subject: Subject = "units" if noun is not None and noun["units"] else "indicators"
        total = int(match["total"]) if match["total"] else None
        if noun is None and total is None:
            continue  # "đạt 61 doanh nghiệp", "bằng 68% kế hoạch": a figure, not a count
        if noun is not None and noun["units"] and total is None:
            continue  # "đạt 1 xã" is a figure, not a count of units
        start, end = match.start(), noun.end() if noun is not None else match.end()
        word: str | None = None
        prior = _BEFORE.search(before, last_end)
        after = _AFTER.match(text, end) if noun is not None else None
        if prior is not None:
            word, start = prior["word"], prior.start()
        elif after is not None:
            word, end = after["word"], after.end()
            remainder = _REMAINDER.search(before, last_end)
            start = remainder.start() if remainder is not None else start
        else:
            lead = _TOTAL_LEAD.search(before, last_end)
            if noun is None or total is not None or lead is None:
                continue  # a number that states no count ("thực hiện 11/11 chỉ tiêu")
            start = lead.start()  # "tổng số 11 chỉ tiêu": a total, no status
        scope = scope_at(text, match.start())
        kind = _word_kind(word) if word is not None else None
        category: Category
        if kind is None:
            category = "total_only"
        elif kind == "unfinished":
            category = "not_met" if scope.scope == "year_end" else "in_progress"
        elif kind == "reached":
            category = "met_or_exceeded"  # settled by the set: see _settle
        else:
            category = kind
        claims.append(
            CountClaim(
                text=text[start:end].strip(" ,;:"),
                sentence=sentence,
                offset=start,
                category=category,
                scope=scope,
                count=int(match["count"]),
                total=total,
                count_text=match["count"],
                subject=subject,
                tentative=kind == "unfinished",
                bare=kind == "reached",
                detail=bool(_DETAIL.search(text, last_end, start)) and bool(claims),
            )
        )
        last_end = end
    return claims


def group_sets(claims: Sequence[CountClaim]) -> tuple[CountSet, ...]:
    """Group claims into sets: one sentence, one scope, one subject, one total.

    A claim without a total takes the total of its sentence's claims of the same scope and
    subject (a total-only claim such as 'trong tổng số 11 chỉ tiêu' gives one), the nearest
    before it first. A bare 'đạt' counts met and exceeded together, unless its set also
    counts 'vượt' apart: then it counts met only.
    """
    keyed: dict[tuple[int, ScopeMark, Subject, int | None], list[CountClaim]] = {}
    for index, claim in enumerate(claims):
        total = _total_of(claim) or _inherited_total(claims, index)
        key = (claim.sentence.number, claim.scope, claim.subject, total)
        keyed.setdefault(key, []).append(claim)
    sets = [
        CountSet(number=0, claims=_settle(members), total=key[-1]) for key, members in keyed.items()
    ]
    sets.sort(key=lambda s: (s.claims[0].sentence.number, s.claims[0].offset))
    return tuple(replace(s, number=n) for n, s in enumerate(sets, start=1))


def _total_of(claim: CountClaim) -> int | None:
    return claim.count if claim.category == "total_only" else claim.total


def _inherited_total(claims: Sequence[CountClaim], index: int) -> int | None:
    """Return the total a claim without one takes from its sentence, nearest before first."""
    claim = claims[index]
    if claim.total is not None or claim.category == "total_only":
        return None
    order = [*range(index - 1, -1, -1), *range(index + 1, len(claims))]
    for other in (claims[i] for i in order):
        same = (
            other.sentence.number == claim.sentence.number
            and other.scope == claim.scope
            and other.subject == claim.subject
        )
        if same and _total_of(other) is not None:
            return _total_of(other)
    return None


def _settle(members: list[CountClaim]) -> tuple[CountClaim, ...]:
    """Read a bare 'đạt' as met only when the set counts 'vượt' apart."""
    apart = any(c.category == "exceeded" and not c.detail for c in members)
    if not apart:
        return tuple(members)
    return tuple(
        replace(c, category="met") if c.category == "met_or_exceeded" and c.bare else c
        for c in members
    )
