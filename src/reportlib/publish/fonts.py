"""Choose the one font family a PDF is set in.

Administrative documents are set in Times New Roman (Decree 30/2020/NĐ-CP). Where the machine
has it, it is used; else a font with the same metrics: Tinos (Debian fonts-croscore) or
Liberation Serif 2 (fonts-liberation2); else DejaVu Serif, which matplotlib ships on every
machine that has matplotlib. A family is taken only if each of its four styles carries every
character of the document, so Pango never fills a letter from another font inside a word.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

STYLES = ("regular", "bold", "italic", "bold-italic")

# Family -> file names of its four styles, as the usual packages install them.
CANDIDATES: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (
        "Times New Roman",
        (
            ("Times_New_Roman.ttf", "times.ttf", "Times New Roman.ttf"),
            ("Times_New_Roman_Bold.ttf", "timesbd.ttf", "Times New Roman Bold.ttf"),
            ("Times_New_Roman_Italic.ttf", "timesi.ttf", "Times New Roman Italic.ttf"),
            ("Times_New_Roman_Bold_Italic.ttf", "timesbi.ttf", "Times New Roman Bold Italic.ttf"),
        ),
    ),
    (
        "Tinos",
        (
            ("Tinos-Regular.ttf",),
            ("Tinos-Bold.ttf",),
            ("Tinos-Italic.ttf",),
            ("Tinos-BoldItalic.ttf",),
        ),
    ),
    (
        "Liberation Serif",
        (
            ("LiberationSerif-Regular.ttf",),
            ("LiberationSerif-Bold.ttf",),
            ("LiberationSerif-Italic.ttf",),
            ("LiberationSerif-BoldItalic.ttf",),
        ),
    ),
)

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
)


@dataclass(frozen=True)
class FontFamily:
    """A font family chosen for a PDF: its name and the file of each style."""

    name: str
    files: dict[str, Path]
    times_metrics: bool


def fallback_family() -> FontFamily:
    """Return DejaVu Serif from matplotlib's package data: on every machine, every letter."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return FontFamily(
        name="DejaVu Serif",
        files={
            "regular": folder / "DejaVuSerif.ttf",
            "bold": folder / "DejaVuSerif-Bold.ttf",
            "italic": folder / "DejaVuSerif-Italic.ttf",
            "bold-italic": folder / "DejaVuSerif-BoldItalic.ttf",
        },
        times_metrics=False,
    )


@functools.cache
def _font_files(folders: tuple[Path, ...]) -> dict[str, list[Path]]:
    """Map each font file name found under the folders to its paths (sorted)."""
    found: dict[str, list[Path]] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for dirpath, _dirs, names in os.walk(folder):
            for name in names:
                if name.lower().endswith((".ttf", ".otf")):
                    found.setdefault(name, []).append(Path(dirpath) / name)
    return {name: sorted(paths) for name, paths in found.items()}


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def covers(path: Path, characters: Iterable[str]) -> bool:
    """Tell whether a font file has a glyph for every character (spaces and controls aside)."""
    cmap = _cmap(path)
    return all(ord(c) in cmap for c in characters if not c.isspace() and c.isprintable())


def choose_family(characters: Iterable[str], folders: Iterable[Path] = FONT_DIRS) -> FontFamily:
    """Return the first candidate family whose four styles cover ``characters``."""
    needed = frozenset(characters)
    files = _font_files(tuple(folders))
    for name, styles in CANDIDATES:
        chosen: dict[str, Path] = {}
        for style, names in zip(STYLES, styles, strict=True):
            # A name may exist in several folders (Liberation 1 and 2): take one that covers.
            paths = [p for n in names for p in files.get(n, []) if p.is_file()]
            usable = next((p for p in paths if covers(p, needed)), None)
            if usable is None:
                break
            chosen[style] = usable
        else:
            return FontFamily(name=name, files=chosen, times_metrics=True)
    return fallback_family()
