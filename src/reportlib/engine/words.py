"""The words tables use for kinds, directions, milestones and the office's verdicts (SPEC §3, §5).

Every table of words is keyed by the folded form (lower case, no accents), so 'Lũy kế',
'LUỸ KẾ' and 'luy ke' are one word. A word no table knows is an error that lists the words
accepted.
"""

from __future__ import annotations

from decimal import Decimal

from reportlib.engine.model import Direction, Kind, Verdict
from reportlib.engine.text import CellError, clean_text, fold

KIND_WORDS: dict[str, Kind] = {
    "cumulative": "cumulative",
    "luy ke": "cumulative",
    "cong don": "cumulative",
    "level": "level",
    "thoi diem": "level",
    "muc": "level",
    "ty le": "level",
    "milestone": "milestone",
    "moc": "milestone",
    "nhiem vu": "milestone",
    "moc nhiem vu": "milestone",
}
DIRECTION_WORDS: dict[str, Direction] = {
    "higher": "higher",
    "up": "higher",
    "tang": "higher",
    "cao hon": "higher",
    "lower": "lower",
    "down": "lower",
    "giam": "lower",
    "thap hon": "lower",
}
# The office's verdicts (SPEC §5). None: the word says nothing (no override).
VERDICT_WORDS: dict[str, Verdict | None] = {
    "exceeded": "exceeded",
    "vuot": "exceeded",
    "hoan thanh vuot": "exceeded",
    "vuot ke hoach": "exceeded",
    "vuot chi tieu": "exceeded",
    "dat vuot": "exceeded",
    "hoan thanh vuot ke hoach": "exceeded",
    "hoan thanh vuot chi tieu": "exceeded",
    "uoc vuot": "exceeded",
    "du kien vuot": "exceeded",
    "met": "met",
    "dat": "met",
    "hoan thanh": "met",
    "uoc dat": "met",
    "du kien dat": "met",
    "dat ke hoach": "met",
    "dat chi tieu": "met",
    "uoc hoan thanh": "met",
    "du kien hoan thanh": "met",
    "not_met": "not_met",
    "not met": "not_met",
    "khong dat": "not_met",
    "khong hoan thanh": "not_met",
    "uoc khong dat": "not_met",
    "du kien khong dat": "not_met",
    "chua dat": "not_yet",
    "chua hoan thanh": "not_yet",
    "kho dat": "at_risk",
    "co nguy co khong dat": "at_risk",
    "nguy co khong dat": "at_risk",
    "kho hoan thanh": "at_risk",
    "in_progress": None,
    "in progress": None,
    "dang thuc hien": None,
    "chua danh gia": None,
    "x": None,
}
VERDICTS_ACCEPTED = (
    "vượt, hoàn thành vượt (exceeded); đạt, hoàn thành, ước đạt, dự kiến đạt (met); "
    "không đạt, không hoàn thành (not met); chưa đạt (not met at year end, in progress before); "
    "khó đạt, có nguy cơ không đạt (at risk); đang thực hiện, chưa đánh giá, x (no verdict)"
)

MILESTONE_DONE = frozenset(
    {"1", "true", "yes", "co", "hoan thanh", "da hoan thanh", "dat", "done", "completed", "da dat"}
)
MILESTONE_NOT_DONE = frozenset(
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


def parse_choice(value: object, choices: dict[str, str], what: str) -> str:
    """Map a keyword cell to its canonical name through a table of folded aliases."""
    key = fold(str(value))
    if key in choices:
        return choices[key]
    canonical = sorted(set(choices.values()))
    raise CellError(f"{what}: one of {', '.join(canonical)}")


def parse_kind(value: object) -> Kind:
    """Parse a Loại cell: lũy kế (cumulative), thời điểm (level), mốc (milestone)."""
    key = fold(str(value))
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    raise CellError("a kind: lũy kế (cumulative), thời điểm (level) or mốc (milestone)")


def parse_direction(value: object) -> Direction:
    """Parse a Chiều cell: tăng (higher is better) or giảm (lower is better)."""
    key = fold(str(value))
    if key in DIRECTION_WORDS:
        return DIRECTION_WORDS[key]
    raise CellError("a direction: tăng (higher is better) or giảm (lower is better)")


def parse_verdict(value: object) -> Verdict | None:
    """Parse the office's verdict; None for the words that give none ('đang thực hiện', 'x').

    Raises
    ------
    CellError
        For any other word, listing the words accepted.
    """
    key = fold(str(value)).rstrip(".")
    if key in VERDICT_WORDS:
        return VERDICT_WORDS[key]
    raise CellError(f"an assessment, one of the office's verdict words: {VERDICTS_ACCEPTED}")


def parse_milestone(value: object) -> bool:
    """Parse a milestone's figure: done (1, true, đạt, hoàn thành) or not done.

    Not done: 0, false, chưa hoàn thành, không đạt, and any progress text such as 'Đang
    trình thẩm định'. A number other than 0 and 1 is an error.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        if value in (0, 1):
            return bool(value)
        raise CellError("a milestone value: 1 or 0, hoàn thành or chưa hoàn thành")
    key = fold(str(value)).rstrip(".")
    if key in MILESTONE_DONE:
        return True
    if key in MILESTONE_NOT_DONE:
        return False
    text = clean_text(value)
    if any(c.isalpha() for c in text) and not any(c.isdigit() for c in text):
        return False  # progress text: 'Đang trình thẩm định'
    raise CellError(
        "a milestone value: 1 or 0, hoàn thành or chưa hoàn thành, or progress in words"
    )
