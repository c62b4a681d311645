"""Read a draft report (.docx, .pdf, .txt, .md) into paragraphs, each with its place.

Offices write their reports in Word, file them as PDF, and paste them into e-mails as text.
Whatever the format, the draft becomes a list of `Paragraph` in reading order, its text
cleaned like a table cell: NFC, the legacy letters Ƣ ƣ (what a PDF copied from a legacy-font
document gives for Ư ư) repaired, invisible characters removed.

A draft typed in the legacy TCVN3 (ABC) or VNI fonts reads as garbage once taken as Unicode
("B¸o c¸o" for "Báo cáo"); it is refused with the encoding's name, never turned into a list of
claims that make no sense. python-docx and pypdf are imported only when a draft needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlib.errors import DraftError
from reportlib.verify._text import clean_text, legacy_encoding
from reportlib.verify.sentences import Paragraph

if TYPE_CHECKING:
    from pypdf import PageObject

SUFFIXES = (".docx", ".pdf", ".txt", ".md")

# A draft is refused as legacy-font text when this share of its paragraphs reads as such; a
# stray paragraph below it (a quotation pasted from an old file) is skipped with a warning.
LEGACY_SHARE = 0.2
_SPACES = re.compile(r"\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-–+*•]\s|\d{1,2}[.)]\s|[a-zđ][)]\s|[IVX]{1,4}\.\s)")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
_PARAGRAPH_END = (".", "!", "?", ":", ";", "…")


@dataclass(frozen=True)
class Skipped:
    """A paragraph left out because it reads as legacy-font text."""

    where: str
    encoding: str


@dataclass(frozen=True)
class Draft:
    """A draft's paragraphs in reading order, and any paragraph left out."""

    path: str
    paragraphs: tuple[Paragraph, ...]
    skipped: tuple[Skipped, ...] = ()


def read_draft(path: Path, *, display: str | None = None) -> Draft:
    """Read a draft into paragraphs, refusing one typed in a legacy font.

    Parameters
    ----------
    path
        A .docx, .pdf, .txt or .md file.
    display
        How to name the file in messages (default: the path as given).

    Raises
    ------
    DraftError
        When the file is missing, of another kind, unreadable, or in TCVN3 / VNI.
    """
    shown = display or str(path)
    check_path(path, display=shown)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        raw = list(_docx_paragraphs(path, shown))
    elif suffix == ".pdf":
        raw = list(_pdf_paragraphs(path, shown))
    else:
        raw = list(_text_paragraphs(_read_text(path, shown), markdown=suffix == ".md"))
    return _screen(shown, raw)


def check_path(path: Path, *, display: str | None = None) -> None:
    """Refuse a draft that is not there or of a kind verify does not read.

    Raises
    ------
    DraftError
        Naming the file and the suffixes verify reads.
    """
    shown = display or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DraftError(
            f"{shown}: cannot read a {suffix or 'suffix-less'} file; verify reads "
            f"{', '.join(SUFFIXES)} (save a .doc as .docx)"
        )
    if not path.is_file():
        raise DraftError(f"{shown}: no such file")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", clean_text(text)).strip()


def _screen(shown: str, raw: list[Paragraph]) -> Draft:
    """Drop empty paragraphs; refuse the draft, or skip a paragraph, typed in a legacy font."""
    kept: list[Paragraph] = []
    skipped: list[Skipped] = []
    lettered = 0
    for paragraph in raw:
        text = _clean(paragraph.text)
        if not text:
            continue
        lettered += any(c.isalpha() for c in text)
        encoding = legacy_encoding(text)
        if encoding is not None:
            skipped.append(Skipped(paragraph.where, encoding))
            continue
        kept.append(Paragraph(text, paragraph.where, paragraph.flows))
    if skipped and len(skipped) >= max(1.0, LEGACY_SHARE * lettered):
        encodings = sorted({s.encoding for s in skipped})
        places = ", ".join(s.where for s in skipped[:3]) + (", ..." if len(skipped) > 3 else "")
        raise DraftError(
            f"{shown}: the text is typed in the legacy {' and '.join(encodings)} font encoding "
            f"({places}), not Unicode; convert it to Unicode (Unikey: Công cụ chuyển mã, "
            f"from {encodings[0].split()[0]} to Unicode) and run verify again"
        )
    return Draft(path=shown, paragraphs=tuple(kept), skipped=tuple(skipped))


def _docx_paragraphs(path: Path, shown: str) -> Iterator[Paragraph]:
    """Yield body paragraphs and table cells in document order."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise DraftError(f"{shown}: not a Word .docx file ({error})") from None
    paragraph_number = table_number = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table_number += 1
            yield from _table_cells(block, table_number)
        elif block.text.strip():
            paragraph_number += 1
            yield Paragraph(block.text, f"paragraph {paragraph_number}")


def _table_cells(table: object, number: int) -> Iterator[Paragraph]:
    """Yield each cell's paragraphs once, though a merged cell shows in every row it spans."""
    from docx.table import Table

    assert isinstance(table, Table)
    # The cells' XML elements themselves, not their ids: lxml may hand a freed proxy's id to
    # the next cell's.
    seen: list[object] = []
    for row_number, row in enumerate(table.rows, start=1):
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            for paragraph in cell.paragraphs:
                if paragraph.text.strip():
                    yield Paragraph(
                        paragraph.text, f"table {number}, row {row_number}", flows=False
                    )


def _pdf_paragraphs(path: Path, shown: str) -> Iterator[Paragraph]:
    """Yield the text layer's paragraphs: wrapped lines joined, each placed on its first page."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DraftError(f"{shown}: the PDF is password-protected; give verify an open copy")
        pages = [_page_text(page) for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as error:
        raise DraftError(f"{shown}: not a readable PDF ({error})") from None
    if not any(text.strip() for text in pages):
        raise DraftError(
            f"{shown}: the PDF has no text layer (a scan?); verify the .docx, or run OCR first"
        )
    lines = (
        (f"page {number}", line)
        for number, text in enumerate(pages, start=1)
        for line in text.splitlines()
        if not _PAGE_NUMBER.match(line)
    )
    yield from _join_lines(lines, stop_ends=True)


def _page_text(page: PageObject) -> str:
    """Return a page's text, paragraphs apart.

    pypdf's layout mode keeps the gap between paragraphs as a blank line, which the plain
    mode loses (a note in brackets then runs into the next paragraph); a page that layout
    mode cannot read falls back to the plain mode.
    """
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # whatever breaks the layout mode, the plain one is left to try
        text = page.extract_text()
    return str(text or "")


def _join_lines(lines: Iterable[tuple[str, str]], *, stop_ends: bool) -> Iterator[Paragraph]:
    """Join wrapped lines into paragraphs, each placed by its first line.

    A blank line or a list item starts a new paragraph; with ``stop_ends`` (a PDF's text
    layer, which has no blank lines between paragraphs) so does a line after a full stop.
    """
    where = ""
    parts: list[str] = []
    for place, line in lines:
        text = line.strip()
        if parts and (not text or _LIST_ITEM.match(line)):
            yield Paragraph(" ".join(parts), where)
            parts = []
        if not text:
            continue
        if not parts:
            where = place
        parts.append(text)
        if stop_ends and text.endswith(_PARAGRAPH_END):
            yield Paragraph(" ".join(parts), where)
            parts = []
    if parts:
        yield Paragraph(" ".join(parts), where)


def _read_text(path: Path, shown: str) -> str:
    """Read a text file as UTF-8; name the encoding of one that is not."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1258", errors="replace")
    encoding = legacy_encoding(clean_text(text))
    if encoding is not None:
        raise DraftError(
            f"{shown}: the text is typed in the legacy {encoding} font encoding, not Unicode; "
            f"convert it to Unicode (Unikey: Công cụ chuyển mã, from {encoding.split()[0]} "
            "to Unicode) and run verify again"
        )
    raise DraftError(
        f"{shown}: not UTF-8 text (it looks like Windows-1258); save it as UTF-8 and run "
        "verify again"
    )


_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_MD_MARKUP = re.compile(r"(\*\*|__|`|~~)|^\s{0,3}(?:#{1,6}\s+|>\s?)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _text_paragraphs(text: str, *, markdown: bool) -> Iterator[Paragraph]:
    """Split text into paragraphs on blank lines and list items, numbered from 1."""
    lines: list[tuple[str, str]] = []
    pieces: list[Paragraph] = []
    for line in text.splitlines():
        if markdown and line.lstrip().startswith("|"):
            # A Markdown table: each cell stands alone, as a Word table's cells do.
            pieces.extend(_join_lines(lines, stop_ends=False))
            lines.clear()
            if not _MD_TABLE_RULE.match(line):
                cells = (cell.strip() for cell in line.strip().strip("|").split("|"))
                pieces.extend(Paragraph(_unmark(c), "", flows=False) for c in cells if c)
            continue
        lines.append(("", _unmark(line) if markdown else line))
    pieces.extend(_join_lines(lines, stop_ends=False))
    for number, piece in enumerate(pieces, start=1):
        yield Paragraph(piece.text, f"paragraph {number}", piece.flows)


def _unmark(line: str) -> str:
    """Strip the Markdown that is not text: headings, quotes, emphasis, link targets."""
    line = _MD_LINK.sub(r"\1", line)
    return _MD_MARKUP.sub("", line)
