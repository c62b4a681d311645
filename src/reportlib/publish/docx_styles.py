"""The named styles and page set-up of a report's .docx (Decree 30/2020/NĐ-CP, Annex I).

A4; margins 20 mm top and bottom, 30 mm left, 15 mm right (the landscape appendix: 30 mm
top, as its binding edge, 15 mm bottom, 20 mm each side); Times New Roman named in every
style, so Word and LibreOffice use it or its metric twin (Tinos, Liberation Serif); 14 pt
text, justified, 1,27 cm first-line indent; the page number centred in the top margin,
none on page 1. Every piece of the report has a named paragraph style (`STYLES`), so a
secretary restyles the whole document from the style list, and an office's own template
(``document.template:``) supplies its styles by the same names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

FONT = "Times New Roman"
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}
# Portrait and landscape margins in millimetres: top, bottom, left, right.
PORTRAIT_MARGINS = (20, 20, 30, 15)
LANDSCAPE_MARGINS = (30, 15, 20, 20)
HEADER_DISTANCE_MM = 10
A4_MM = (210, 297)


@dataclass(frozen=True)
class Look:
    """How one paragraph style looks: size in points, weight, alignment, spacing."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    caps: bool = False
    align: str = "left"  # left, center, right, justify
    first_line_cm: float = 0
    before_pt: float = 0
    after_pt: float = 0
    line: float = 1.0
    keep_next: bool = False
    color: str | None = None
    base: str = "Normal"


# Style name -> its look. Built-in names (Normal, Body Text, Heading 1, Title, List Bullet,
# Caption, Header) stay built-in, so Word shows them translated and the navigation pane lists
# the headings; the others are reportlib's own.
STYLES: dict[str, Look] = {
    "Normal": Look(),
    "Body Text": Look(align="justify", first_line_cm=1.27, after_pt=6, line=1.15),
    "Key Sentence": Look(
        bold=True, align="justify", first_line_cm=1.27, after_pt=6, line=1.15, base="Body Text"
    ),
    "List Bullet": Look(align="justify", after_pt=4, line=1.15),
    "List Number": Look(align="justify", after_pt=4, line=1.15),
    "Quote": Look(italic=True, align="justify", after_pt=6, line=1.15),
    "Heading 1": Look(bold=True, before_pt=12, after_pt=6, keep_next=True),
    "Heading 2": Look(bold=True, before_pt=6, after_pt=6, keep_next=True),
    "Heading 3": Look(bold=True, italic=True, before_pt=6, after_pt=4, keep_next=True),
    "Heading 4": Look(italic=True, before_pt=6, after_pt=4, keep_next=True),
    "Title": Look(bold=True, align="center", before_pt=18, keep_next=True),
    "Subject": Look(bold=True, align="center", keep_next=True),
    "Subtitle": Look(size=12, align="center", after_pt=6, color="555555"),
    "Agency Parent": Look(size=12.5, caps=True, align="center"),
    "Agency": Look(size=12.5, bold=True, caps=True, align="center"),
    "Document Number": Look(size=13, align="center", before_pt=6),
    "National Title": Look(size=12.5, bold=True, caps=True, align="center"),
    "Motto": Look(size=13.5, bold=True, align="center"),
    "Place Date": Look(size=13.5, italic=True, align="center", before_pt=8),
    "Rule": Look(size=2, align="center"),
    "Recipients Title": Look(size=12, bold=True, italic=True, before_pt=12),
    "Recipients": Look(size=11),
    "Signer Authority": Look(size=13.5, bold=True, caps=True, align="center", before_pt=12),
    "Signer Title": Look(size=13.5, bold=True, caps=True, align="center"),
    "Signature Space": Look(size=13.5, align="center"),
    "Signer": Look(size=14, bold=True, align="center"),
    "Chart": Look(align="center", before_pt=6, after_pt=6),
    "Caption": Look(size=12, italic=True, align="center", after_pt=6),
    "Table Title": Look(bold=True, align="center", after_pt=6, keep_next=True),
    "Table Heading": Look(size=11, bold=True, align="center"),
    "Table Text": Look(size=11),
    "Table Number": Look(size=11, align="right"),
    "Table Note": Look(size=11, italic=True, before_pt=4),
    "Preformatted": Look(size=10),
    "Provenance": Look(size=8, before_pt=18, color="555555"),
    "Header": Look(size=13, align="center"),
}


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _set_fonts(rpr: Any, language: str) -> None:
    """Name Times New Roman for every script and drop theme fonts, which would win over it."""
    from docx.oxml import OxmlElement

    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(_qn(script), FONT)
    lang = rpr.find(_qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(_qn("w:val"), LANGUAGE_TAGS.get(language, "vi-VN"))


def set_defaults(document: Document, language: str) -> None:
    """Set the document-wide run defaults: Times New Roman, 14 pt, the report's language."""
    from docx.oxml import OxmlElement

    styles = document.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    holder = defaults.find(_qn("w:rPrDefault"))
    if holder is None:
        holder = OxmlElement("w:rPrDefault")
        defaults.insert(0, holder)
    rpr = holder.find(_qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        holder.append(rpr)
    _set_fonts(rpr, language)


def define_styles(document: Document, language: str, *, keep_existing: bool = False) -> None:
    """Give the document every style of `STYLES`.

    ``keep_existing``: an office template's own styles are used as they are; only the ones
    it lacks are added.
    """
    from docx.enum.style import WD_STYLE_TYPE

    existing = {style.name for style in document.styles}
    for name, look in STYLES.items():
        if name in existing:
            if keep_existing:
                continue
            style = document.styles[name]
        else:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if look.base in existing or look.base in STYLES:
                style.base_style = document.styles[look.base]
            style.quick_style = True
        _apply(style, look, language)
        existing.add(name)
    if not keep_existing:
        widen_list_numbers(document)


# Room for a list's number before its text: python-docx's template leaves 0.25 in (6.35 mm),
# and '10.' at 14 pt is wider, so LibreOffice set '10.Số' with no space after the number.
NUMBER_ROOM_TWIPS = 567  # 1 cm


def widen_list_numbers(document: Document) -> None:
    """Give the numbers of 'List Number' paragraphs 1 cm, enough for '10.' to '99.'."""
    numbering = document.part.numbering_part.element
    style = document.styles["List Number"].element
    num_ids = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    for num_id in num_ids:
        abstract_ids = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        for abstract_id in abstract_ids:
            path = f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]/w:pPr'
            for ppr in numbering.xpath(path):
                for tab in ppr.xpath('./w:tabs/w:tab[@w:val="num"]'):
                    tab.set(_qn("w:pos"), str(NUMBER_ROOM_TWIPS))
                for indent in ppr.xpath("./w:ind"):
                    indent.set(_qn("w:left"), str(NUMBER_ROOM_TWIPS))
                    indent.set(_qn("w:hanging"), str(NUMBER_ROOM_TWIPS))


def _apply(style: Any, look: Look, language: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    font = style.font
    font.name = FONT
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = look.italic
    font.all_caps = look.caps
    font.color.rgb = RGBColor.from_string(look.color or "000000")
    _set_fonts(style.element.get_or_add_rPr(), language)
    paragraph = style.paragraph_format
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[look.align]
    paragraph.first_line_indent = Cm(look.first_line_cm) if look.first_line_cm else None
    paragraph.space_before = Pt(look.before_pt)
    paragraph.space_after = Pt(look.after_pt)
    paragraph.line_spacing = look.line
    paragraph.keep_with_next = look.keep_next
    # The built-in Title and headings carry borders and shading in python-docx's template.
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:shd"):
        for found in ppr.findall(_qn(tag)):
            ppr.remove(found)


def set_page(section: Section, *, landscape: bool) -> None:
    """Give a section A4 in the orientation and the margins of Decree 30."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    short, long = A4_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Mm(long if landscape else short)
    section.page_height = Mm(short if landscape else long)
    top, bottom, left, right = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)


def text_width_mm(*, landscape: bool) -> float:
    """Return the width between the margins of a page, in millimetres."""
    short, long = A4_MM
    _top, _bottom, left, right = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    return (long if landscape else short) - left - right


def number_pages(section: Section) -> None:
    """Put the page number (a PAGE field) centred in the top margin, none on the first page."""
    from docx.oxml import OxmlElement

    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.style = "Header"
    run = paragraph.add_run()
    parts = [("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)]
    for kind, instruction in parts:
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(_qn("w:fldCharType"), kind)
            run.element.append(field)
        elif instruction is not None:
            text = OxmlElement("w:instrText")
            text.set(_qn("xml:space"), "preserve")
            text.text = instruction
            run.element.append(text)
        else:
            shown = OxmlElement("w:t")
            shown.text = "2"  # what a reader without field updates sees until it is updated
            run.element.append(shown)
    first = section.first_page_header
    first.is_linked_to_previous = False


def set_properties(
    document: Document, *, title: str, author: str, language: str, when: dt.date
) -> None:
    """Set the document's properties; the date is the report's, so the bytes are reproducible."""
    moment = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = LANGUAGE_TAGS.get(language, "vi-VN")
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    properties.comments = ""
    properties.keywords = ""
    properties.subject = ""
    properties.category = ""


# What may follow w:pBdr in w:pPr (ECMA-376, CT_PPrBase), in order.
_AFTER_BORDERS = tuple(
    f"w:{name}"
    for name in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)


def bottom_border(paragraph: Any) -> None:
    """Give a paragraph a thin black bottom border, in the schema's place for it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
        bottom.set(qn(key), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # Word refuses a file whose paragraph properties are out of the schema's order.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)
