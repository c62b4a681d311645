"""Split a draft's paragraphs into sentences and tell the scope of each claim in them.

A claim is read in its sentence: the sentence says which period it speaks of ("9 tháng đầu
năm 2023", "ước cả năm") and groups the counts that must add up. A sentence can run over
several paragraphs when a paragraph ends in ':' ';' or ',' and the next goes on with the list,
as these reports write their counts one per line.

The sentence's words before a claim set its scope: the report period ("9 tháng đầu năm",
"quý I") or the year-end estimate ("ước cả năm", "sẽ đạt").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Scope = Literal["period", "year_end"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or table cell, or PDF text block) of a draft, with its place.

    Parameters
    ----------
    text
        The text, cleaned: NFC, legacy letters repaired, invisible characters removed.
    where
        Where a person finds it: 'paragraph 3', 'table 1, row 2', 'page 1', 'line 12'.
    flows
        Whether it is running text, so that a sentence may go on into the next paragraph;
        table cells do not flow into each other.
    """

    text: str
    where: str
    flows: bool = True


@dataclass(frozen=True)
class Sentence:
    """A sentence as written, over one or more paragraphs.

    Parameters
    ----------
    number
        Its place among the draft's sentences, from 1.
    text
        The pieces joined by one space.
    starts
        The offset in ``text`` where each piece starts.
    wheres
        The place of each piece.
    """

    number: int
    text: str
    starts: tuple[int, ...]
    wheres: tuple[str, ...]

    def where(self, offset: int) -> str:
        """Return the place of the piece that holds the character at ``offset``."""
        return self.wheres[bisect.bisect_right(self.starts, offset) - 1]


# Abbreviations these reports write with a full stop that does not end a sentence.
_ABBREVIATIONS = frozenset({"tp", "tx", "tt", "ths", "ts", "pgs", "gs", "v.v", "q", "p", "đ", "số"})
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*\s+")
_OPENERS = '"“(-–•+ '
_CONTINUES = (":", ";", ",")
_MAX_PIECES = 12


def split_sentences(paragraphs: Sequence[Paragraph]) -> tuple[Sentence, ...]:
    """Split paragraphs into sentences, letting a sentence run on past ':' ';' ','."""
    sentences: list[Sentence] = []
    pieces: list[tuple[str, str]] = []

    def close() -> None:
        if not pieces:
            return
        starts: list[int] = []
        offset = 0
        for _, text in pieces:
            starts.append(offset)
            offset += len(text) + 1
        sentences.append(
            Sentence(
                number=len(sentences) + 1,
                text=" ".join(text for _, text in pieces),
                starts=tuple(starts),
                wheres=tuple(where for where, _ in pieces),
            )
        )
        pieces.clear()

    for paragraph in paragraphs:
        if not paragraph.flows:
            close()
        for part in _sentences_of(paragraph.text):
            pieces.append((paragraph.where, part))
            if not part.endswith(_CONTINUES) or len(pieces) >= _MAX_PIECES:
                close()
        if not paragraph.flows:
            close()
    close()
    return tuple(sentences)


def _sentences_of(text: str) -> list[str]:
    """Split one paragraph's text at full stops that end a sentence."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        last_word = before[-1].casefold() if before else ""
        following = text[match.end() :].lstrip(_OPENERS)[:1]
        # A new sentence starts with a capital or a figure; 'TP. Cao Lãnh' does not end one.
        if last_word in _ABBREVIATIONS or not (following.isupper() or following.isdigit()):
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return [p for p in parts if p]


@dataclass(frozen=True)
class ScopeMark:
    """What a sentence has said so far about the time it speaks of.

    Parameters
    ----------
    scope
        'period' or 'year_end'; None when the words read both ways ('Năm 2023' in a report
        that is not a year-end one).
    months
        The months of the period when the draft names them ('9 tháng' -> 9), else None.
    year
        The year when the draft names it, else None.
    whole_year
        The draft said only 'Năm 2023': the period if the table's report covers 12 months.
    """

    scope: Scope | None
    months: int | None = None
    year: int | None = None
    whole_year: bool = False


DEFAULT_SCOPE = ScopeMark(scope="period")

_MONTH_WORDS = {"một": 1, "ba": 3, "sáu": 6, "chín": 9, "mười": 10}
_SCOPE_MARKS = re.compile(
    r"(?P<year_end>ước\s+(?:thực\s+hiện\s+|tính\s+)?cả\s+năm|dự\s+kiến\s+cả\s+năm"
    r"|(?<!kế\s)(?<!hoạch\s)(?<!toán\s)(?<!tiêu\s)cả\s+năm|sẽ\s+đạt|đến\s+cuối\s+năm)"
    r"(?:\s+(?P<year_end_year>\d{4}))?"
    r"|(?P<months>\d{1,2}|một|ba|sáu|chín|mười)\s+tháng(?:\s+đầu\s+năm)?"
    r"(?:\s+(?:năm\s+)?(?P<months_year>\d{4}))?"
    r"|(?P<quarter>quý\s+(?:I|1))(?![IVX\d])(?:\s+(?:năm\s+)?(?P<quarter_year>\d{4}))?"
    r"|(?:^|(?<=[-–•+]\s)|(?<=^[-–•+]))(?:trong\s+)?năm\s+(?P<year>\d{4})",
    re.IGNORECASE,
)


def scope_at(sentence: str, offset: int) -> ScopeMark:
    """Return the scope that the words of ``sentence`` before ``offset`` set; the last wins."""
    mark = DEFAULT_SCOPE
    for match in _SCOPE_MARKS.finditer(sentence, 0, offset):
        if match["year_end"]:
            year = match["year_end_year"]
            mark = ScopeMark(scope="year_end", year=int(year) if year else None)
        elif match["months"]:
            word = match["months"].casefold()
            months = int(word) if word.isdigit() else _MONTH_WORDS[word]
            year = match["months_year"]
            mark = ScopeMark(scope="period", months=months, year=int(year) if year else None)
        elif match["quarter"]:
            year = match["quarter_year"]
            mark = ScopeMark(scope="period", months=3, year=int(year) if year else None)
        else:
            mark = ScopeMark(scope=None, year=int(match["year"]), whole_year=True)
    return mark
