"""Read what a table's title block names: the year, the period and the units (SPEC §3).

The tables offices keep carry their unit, year and period in the title block above the header
('ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI', 'BIỂU ... 9 THÁNG ĐẦU NĂM 2026'), not in columns; a title that
names another unit, year or period than the params file's is an error (`select.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlib.engine.columns import period_in, year_in
from reportlib.engine.layout import Header
from reportlib.engine.text import clean_text, fold


@dataclass(frozen=True)
class Title:
    """What the title block names: a year, a period, and the units it mentions."""

    year: int | None
    period_months: int | None
    units: tuple[str, ...]
    lines: tuple[tuple[int, str], ...]
    # The rows that name the year, the period and each unit (``unit_rows[i]`` for units[i]).
    year_row: int | None = None
    period_row: int | None = None
    unit_rows: tuple[int, ...] = ()


# Level words with their accents: 'TÌNH HÌNH' is not a tỉnh, 'XÃ HỘI' names no xã, 'QUÂN SỰ'
# no quận. The name is up to four words, not a date or a period ('xã 9 tháng').
_UNIT_MENTION = re.compile(
    r"(?<!\w)(xã|phường|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+"
    r"((?:(?!năm\b|quý\b|tháng\b|về\b|ngày\b|của\b|\d+\s+tháng\b)[^\W_]+\s?){1,4})"
)


def read_title(header: Header) -> Title:
    """Return the year, period and units the title block names, and the rows that name them.

    Read cell by cell: the agency ('ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI') and the title ('... CỦA
    TỈNH ĐỒNG THÁP') name units, the quốc hiệu beside the agency ('CỘNG HÒA XÃ HỘI CHỦ NGHĨA
    VIỆT NAM'), the 'Kèm theo' line and a plural ('các xã') do not.
    """
    year = period = year_row = period_row = None
    units: dict[str, int] = {}
    for row, text in header.title:  # one entry per cell (`layout.find_header`)
        key = fold(text)
        if "xa hoi chu nghia" in key or "doc lap" in key or key.startswith("(kem theo"):
            continue
        if re.search(r"\bnam\s*(?:19|20)\d\d\b", key) and "ngay" not in key:
            year, year_row = year_in(key), row
        if (months := period_in(key)) is not None:
            period, period_row = months, row
        written = " ".join(clean_text(text).split())
        lower = written.lower()
        for match in _UNIT_MENTION.finditer(lower):
            name = fold(match.group(2))
            plural = lower[: match.start()].endswith("các ")
            if name and not plural and not name.startswith(("hoi", "nhan dan")):
                # As written ('XÃ THÁP MƯỜI'), for the message that names it.
                same = len(written) == len(lower)
                mention = written[match.start() : match.end()] if same else match.group(0)
                units.setdefault(mention.strip(), row)
    return Title(
        year,
        period,
        tuple(units),
        header.title,
        year_row,
        period_row,
        tuple(units.values()),
    )
