"""Write a report as a .docx in the Decree 30/2020/NĐ-CP layout, from its rendered HTML page.

The .docx is built from the same HTML page as the PDF, so it says what the HTML says,
paragraph for paragraph (`html_paragraphs` lists them; a test holds the two equal): each
leaf block of the page (a paragraph, heading, list item, table cell, caption) becomes one
Word paragraph with a named style (`reportlib.publish.docx_styles`). The document frame
becomes a borderless two-column table (agency | quốc hiệu and tiêu ngữ, each with its
rule), charts become pictures with their alt text, and the appendix goes to a landscape
section whose header row repeats on every page. A secretary edits it as any Word report:
real paragraphs, headings and tables, no text boxes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import io
import re
from typing import TYPE_CHECKING, Any

from reportlib.errors import ExportError
from reportlib.publish._html_tree import Element, collapse, raw_text, report_body
from reportlib.publish._zip import restamp_zip
from reportlib.publish.docx_blocks import (
    BLOCKS,
    CONTAINERS,
    fill,
    html_paragraphs,
    is_leaf_block,
    style_of,
)
from reportlib.publish.docx_styles import (
    bottom_border,
    define_styles,
    number_pages,
    set_defaults,
    set_page,
    set_properties,
    text_width_mm,
)
from reportlib.publish.docx_tables import colspan, column_widths, mark_row, table_rows

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    from reportlib.engine.report import Report

__all__ = ["docx_paragraphs", "html_paragraphs", "html_to_docx", "report_docx", "styled_blank"]

_DATA_URI = re.compile(r"data:image/(png|jpeg|jpg|gif);base64,(.*)", re.S)
# Room for the signature and the seal between the signer's title and name (Decree 30, Annex I).
SIGNATURE_LINES = 4
# Decree 30: a rule under the agency a third to a half of its line, one under the motto as long.
AGENCY_RULE_MM = 22
MOTTO_RULE_MM = 62
FRAME_COLUMNS_MM = (62, 103)


def docx_paragraphs(data: bytes) -> list[str]:
    """Return the text of each paragraph of a .docx body in order (table cells' included)."""
    from docx import Document as open_document
    from docx.oxml.ns import qn

    document = open_document(io.BytesIO(data))
    texts: list[str] = []
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(
            "\n"
            if node.tag in (qn("w:br"), qn("w:cr"))
            else "\t"
            if node.tag == qn("w:tab")
            else (node.text or "")
            for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab"))
        )
        if text.strip():
            texts.append(text)
    return texts


class _Writer:
    """Walk a report page and write its blocks into a python-docx Document."""

    def __init__(self, document: Document, language: str) -> None:
        self.document = document
        self.language = language
        self.landscape = False
        # python-docx looks a style up among all of the template's at every assignment,
        # which took most of the writing time; the ids are looked up once here.
        self.style_ids = {style.name: style.style_id for style in document.styles}

    def style(self, paragraph: Paragraph, name: str) -> None:
        """Give a paragraph a named style (one of `STYLES` or python-docx's template's)."""
        paragraph._p.style = self.style_ids[name]

    # -- blocks -------------------------------------------------------------------------

    def paragraph(self, container: Any, style: str, nodes: list[Element | str]) -> Paragraph:
        paragraph: Paragraph = container.add_paragraph()
        self.style(paragraph, style)
        fill(paragraph, nodes)
        return paragraph

    def walk(self, container: Any, node: Element, context: tuple[str, ...] = ()) -> None:
        if node.has_class("screen-only"):  # the web page's own controls: a filter, hints
            return
        if is_leaf_block(node):
            if node.text():
                self.paragraph(container, style_of(node, context), list(node.children))
            return
        if node.tag == "header" and node.has_class("doc-frame"):
            self.frame(node)
            return
        if node.tag == "footer" and node.has_class("doc-closing"):
            self.closing(node)
            return
        if node.tag == "section" and node.has_class("appendix") and not self.landscape:
            self.start_landscape()
        if node.tag == "table":
            self.table(node)
            return
        if node.tag == "img":
            self.picture(container, node)
            return
        if node.tag == "picture":  # a chart with a phone-width source: the document's is the <img>
            for child in node.children:
                if not isinstance(child, str) and child.tag == "img":
                    self.picture(container, child)
            return
        if node.has_class("doc-signature-space"):
            for _ in range(SIGNATURE_LINES):
                self.style(container.add_paragraph(), "Signature Space")
            return
        inner = (*context, node.tag, *sorted(node.classes))
        loose: list[Element | str] = []
        for child in node.children:
            if isinstance(child, str) or not (
                child.tag in BLOCKS
                or child.tag in CONTAINERS
                or child.tag in ("table", "img", "picture")
                or child.has_class("doc-signature-space")
            ):
                loose.append(child)
                continue
            self.loose(container, loose, inner)
            loose = []
            self.walk(container, child, inner)
        self.loose(container, loose, inner)

    def loose(self, container: Any, nodes: list[Element | str], context: tuple[str, ...]) -> None:
        if collapse("".join(raw_text(n) for n in nodes)):
            style = "Quote" if "blockquote" in context else "Body Text"
            self.paragraph(container, style, nodes)

    def picture(self, container: Any, image: Element) -> None:
        from docx.shared import Mm

        found = _DATA_URI.match(image.attrs.get("src", ""))
        if found is None:
            return
        try:
            data = base64.b64decode(found.group(2), validate=False)
        except (binascii.Error, ValueError):
            return
        paragraph = container.add_paragraph()
        self.style(paragraph, "Chart")
        width = min(150.0, text_width_mm(landscape=self.landscape) - 5)
        try:
            run = paragraph.add_run()
            shape = run.add_picture(io.BytesIO(data), width=Mm(width))
        except Exception as error:  # python-docx raises its own and PIL-less errors
            raise ExportError(f"docx: cannot place a chart: {error}") from error
        alt = image.attrs.get("alt", "")
        properties = shape._inline.docPr
        properties.set("descr", alt)
        properties.set("title", alt[:80])

    def frame(self, header: Element) -> None:
        """The header table: agency (with its rule) | quốc hiệu and tiêu ngữ (with its rule)."""
        parts = header.elements()
        table = self._plain_table(len(FRAME_COLUMNS_MM), FRAME_COLUMNS_MM)
        for index, part in enumerate(parts[: len(FRAME_COLUMNS_MM)]):
            cell = table.cell(0, index)
            first = True
            for block in part.elements():
                if not block.text():
                    continue
                style = style_of(block, ("doc-frame",))
                if first:
                    paragraph = cell.paragraphs[0]
                    self.style(paragraph, style)
                    fill(paragraph, list(block.children))
                    first = False
                else:
                    self.paragraph(cell, style, list(block.children))
                if style in ("Agency", "Motto"):
                    rule = AGENCY_RULE_MM if style == "Agency" else MOTTO_RULE_MM
                    self.rule(cell, FRAME_COLUMNS_MM[index], rule)

    def closing(self, footer: Element) -> None:
        """Nơi nhận on the left, the signature block on the right (Decree 30, Annex I)."""
        widths = (80, 85)
        table = self._plain_table(2, widths)
        parts = footer.elements()
        for index, part in enumerate(parts[:2]):
            cell = table.cell(0, index)
            self.walk(cell, part, ("doc-closing", *sorted(part.classes)))
            # A new cell holds one empty paragraph; drop it when something else came in.
            first = cell.paragraphs[0]
            if len(cell.paragraphs) > 1 and not first.text:
                first._element.getparent().remove(first._element)

    def rule(self, cell: _Cell, cell_mm: float, rule_mm: float) -> None:
        """A centred line ``rule_mm`` long: an empty paragraph's bottom border, indented."""
        from docx.shared import Mm

        paragraph = cell.add_paragraph()
        self.style(paragraph, "Rule")
        side = max(0.0, (cell_mm - 4 - rule_mm) / 2)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        bottom_border(paragraph)

    def _plain_table(self, columns: int, widths_mm: tuple[float, ...]) -> Any:
        from docx.shared import Mm

        table = self.document.add_table(rows=1, cols=columns)
        table.autofit = False
        for index, width in enumerate(widths_mm):
            table.columns[index].width = Mm(width)
            table.cell(0, index).width = Mm(width)
        return table

    def start_landscape(self) -> None:
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, landscape=True)
        # Numbered from its first page on: only the report's page 1 goes without a number.
        section.different_first_page_header_footer = False
        self.landscape = True

    def table(self, element: Element) -> None:
        """A table with its head rows repeated on each page, cells as styled paragraphs."""
        from docx.shared import Mm

        rows = table_rows(element)
        if not rows:
            return
        count = max(
            sum(colspan(c) for c in row.elements() if c.tag in ("td", "th")) for row, _ in rows
        )
        if count == 0:
            return
        table = self.document.add_table(rows=len(rows), cols=count)
        table.style = self.document.styles["Table Grid"]
        table.autofit = False
        widths = column_widths(rows, count, text_width_mm(landscape=self.landscape))
        for index, width in enumerate(widths):
            table.columns[index].width = Mm(width)
        for row_index, (row, is_head) in enumerate(rows):
            docx_row = table.rows[row_index]
            mark_row(docx_row, header=is_head or all(c.tag == "th" for c in row.elements()))
            column = 0
            cells = docx_row.cells  # by grid column; python-docx computes it afresh each time
            for cell_element in row.elements():
                if cell_element.tag not in ("td", "th") or column >= count:
                    continue
                width = colspan(cell_element)
                cell = cells[column]
                for index in range(column, min(count, column + width)):
                    cells[index].width = Mm(widths[index])
                if width > 1:
                    cell = cell.merge(cells[min(count, column + width) - 1])
                    cells = docx_row.cells
                style = style_of(cell_element, ())
                if cell_element.has_class("num") and style == "Table Text":
                    style = "Table Number"
                paragraph = cell.paragraphs[0]
                self.style(paragraph, style)
                if is_leaf_block(cell_element):
                    fill(paragraph, list(cell_element.children))
                else:
                    self.walk(cell, cell_element)
                column += width


@functools.cache
def styled_blank(language: str) -> bytes:
    """Return an empty document with reportlib's styles and page set-up, made once a process.

    Defining the styles took a third of the time of writing a report.
    """
    from docx import Document as new_document

    document = new_document()
    set_defaults(document, language)
    define_styles(document, language)
    first = document.sections[0]
    set_page(first, landscape=False)
    number_pages(first)
    # python-docx's template starts with one empty paragraph.
    body = document.element.body
    for paragraph in list(body.iterchildren()):
        if paragraph.tag.endswith("}p") and not "".join(paragraph.itertext()).strip():
            body.remove(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_to_docx(
    html: str, *, title: str, language: str = "vi", author: str = "", date: dt.date | None = None
) -> bytes:
    """Return the .docx of a report page: same paragraphs as the HTML, Decree 30 layout.

    ``date`` is the document's (its properties carry it, so the bytes are reproducible).

    Raises
    ------
    ExportError
        When python-docx cannot write the document.
    """
    from docx import Document as open_document

    document = open_document(io.BytesIO(styled_blank(language)))
    writer = _Writer(document, language)
    writer.walk(document, report_body(html))
    when = date or dt.date(2000, 1, 1)
    set_properties(document, title=title, author=author, language=language, when=when)
    buffer = io.BytesIO()
    try:
        document.save(buffer)
    except Exception as error:
        raise ExportError(f"docx: cannot write {title!r}: {error}") from error
    return restamp_zip(buffer.getvalue(), when)


def report_docx(html: str, report: Report, *, title: str) -> bytes:
    """Return the .docx of a report's page, dated and signed as its document frame says."""
    document = report.params.document
    when = (document.date if document is not None else None) or dt.date(report.year, 12, 31)
    author = document.agency if document is not None else report.unit
    return html_to_docx(
        html, title=title, language=report.params.language, author=author, date=when
    )
