"""What a province overview's charts show, worked out once for the wide and the phone drawings."""

from __future__ import annotations

from decimal import Decimal

from reportlib.engine.overview import Overview
from reportlib.render.formatting import level_nouns

#: The bands of the share of indicators met or exceeded, in percent: [low, high).
SHARE_BANDS: tuple[tuple[int, int], ...] = ((0, 25), (25, 50), (50, 75), (75, 100), (100, 101))

# The two series of the distribution chart: the period's figures, and (hatched) the year end.
PERIOD_COLOUR = "#0072B2"
YEAR_END_COLOUR = "#999999"

WORDS = {
    "vi": {
        "distribution": "Số {noun} theo tỷ lệ chỉ tiêu đạt và vượt",
        "units": "Số {noun}",
        "period": "Kỳ báo cáo",
        "year_end": "Ước cả năm",
        "across": "Kết quả từng chỉ tiêu trên các {noun} (kỳ báo cáo)",
        "band": "{low}–dưới {high}%",
        "all": "100%",
    },
    "en": {
        "distribution": "{noun} by share of indicators met or exceeded",
        "units": "Number of {noun}",
        "period": "Reporting period",
        "year_end": "Year-end estimate",
        "across": "Each indicator across the {noun} (reporting period)",
        "band": "{low}–under {high}%",
        "all": "100%",
    },
}


def units_noun(found: Overview, language: str) -> str:
    """Name the units as the report does: 'xã, phường'."""
    return level_nouns([u.info.level if u.info else None for u in found.units], language)


def share_bands(found: Overview, *, year_end: bool = False) -> list[int]:
    """How many units fall in each band of SHARE_BANDS."""
    counts = [0] * len(SHARE_BANDS)
    for unit in found.units:
        share = unit.share_met(year_end=year_end)
        for index, (low, high) in enumerate(SHARE_BANDS):
            if Decimal(low) <= share < Decimal(high):
                counts[index] += 1
                break
    return counts


def band_labels(language: str) -> list[str]:
    """Name the bands: "0–dưới 25%", ..., "100%"."""
    words = WORDS[language]
    return [
        words["all"] if low == 100 else words["band"].format(low=low, high=high)
        for low, high in SHARE_BANDS
    ]
