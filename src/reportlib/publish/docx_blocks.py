"""Read a report page's HTML as Word paragraphs: its leaf blocks, their runs and styles.

A paragraph is a leaf block (p, heading, li, table cell, caption...) or the loose text of a
container; `html_paragraphs` lists their texts, which the .docx has paragraph for paragraph.
`fill` writes a block's text into a Word paragraph with its bold, italic and code runs, and
`style_of` names the paragraph style (`reportlib.publish.docx_styles`) a block takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlib.publish._html_tree import Element, collapse, raw_text, report_body

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

# Elements that are one paragraph when nothing block-like is inside them.
BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption", "pre", "dt", "dd"}
)
# Elements that hold blocks: their own loose text is a paragraph of its own.
CONTAINERS = frozenset(
    {
        "div",
        "section",
        "header",
        "footer",
        "main",
        "article",
        "aside",
        "nav",
        "figure",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "details",
        "summary",
        "#root",
        "body",
    }
)
_SPACE = re.compile(r"[ \t\r\n\f]+")


def is_leaf_block(element: Element) -> bool:
    return element.tag in BLOCKS and not any(
        child.tag in BLOCKS or child.tag in CONTAINERS or child.tag == "table"
        for child in _descendants(element)
    )


def _descendants(element: Element) -> list[Element]:
    found: list[Element] = []
    for child in element.elements():
        found.append(child)
        found.extend(_descendants(child))
    return found


def html_paragraphs(html: str) -> list[str]:
    """Return the text of each paragraph of a report page, in order, empty ones left out.

    A paragraph is a leaf block (p, heading, li, table cell, caption...) or the loose text
    of a container; this is what the .docx has, paragraph for paragraph. Elements of the
    class ``screen-only`` (the scorecard's filter and hints) belong to the web page alone.
    """
    texts: list[str] = []

    def walk(node: Element) -> None:
        if node.has_class("screen-only"):  # controls of the web page: not in a document
            return
        if is_leaf_block(node):
            texts.append(node.text())
            return
        loose: list[Element | str] = []
        for child in node.children:
            if isinstance(child, str) or not (
                is_leaf_block(child)
                or child.tag in CONTAINERS
                or child.tag in BLOCKS
                or child.tag in ("table", "thead", "tbody", "tfoot", "tr")
            ):
                loose.append(child)
                continue
            if loose:
                texts.append(collapse("".join(raw_text(x) for x in loose)))
                loose = []
            walk(child)
        if loose:
            texts.append(collapse("".join(raw_text(x) for x in loose)))

    walk(report_body(html))
    return [text for text in texts if text]


@dataclass(frozen=True)
class _Span:
    """A piece of a paragraph's text with its emphasis; "\n" is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    mono: bool = False


def _spans(node: Element | str, bold: bool = False, italic: bool = False) -> list[_Span]:
    if isinstance(node, str):
        return [_Span(_SPACE.sub(" ", node), bold, italic)]
    if node.tag == "br":
        return [_Span("\n")]
    if node.tag in ("img", "svg", "script", "style"):
        return []
    bold = bold or node.tag in ("strong", "b", "th")
    italic = italic or node.tag in ("em", "i", "cite") or node.has_class("note")
    spans: list[_Span] = []
    for child in node.children:
        spans.extend(_spans(child, bold, italic))
    if node.tag == "code":
        spans = [_Span(s.text, s.bold, s.italic, True) for s in spans]
    return spans


def _tidy(spans: list[_Span]) -> list[_Span]:
    """Collapse spaces across spans as a browser shows them, strip line ends and both ends."""
    tidy: list[_Span] = []
    previous_space = True  # at the start, and after a line break, a space is dropped
    for span in spans:
        if span.text == "\n":
            if tidy and tidy[-1].text.endswith(" "):
                last = tidy[-1]
                tidy[-1] = _Span(last.text.rstrip(" "), last.bold, last.italic, last.mono)
            tidy.append(span)
            previous_space = True
            continue
        text = span.text
        if previous_space:
            text = text.lstrip(" ")
        if not text:
            continue
        previous_space = text.endswith(" ")
        tidy.append(_Span(text, span.bold, span.italic, span.mono))
    while tidy and tidy[-1].text == "\n":
        tidy.pop()
    if tidy and tidy[-1].text.endswith(" "):
        last = tidy[-1]
        tidy[-1] = _Span(last.text.rstrip(" "), last.bold, last.italic, last.mono)
    while tidy and tidy[0].text == "\n":
        tidy.pop(0)
    return [span for span in tidy if span.text]


def fill(paragraph: Paragraph, nodes: list[Element | str]) -> None:
    spans: list[_Span] = []
    for node in nodes:
        spans.extend(_spans(node))
    for span in _tidy(spans):
        if span.text == "\n":
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(span.text)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        if span.mono:
            run.font.name = "Courier New"


def style_of(element: Element, context: tuple[str, ...]) -> str:
    """Name the paragraph style of a leaf block, from its tag, classes and where it is."""
    classes = element.classes
    by_class = {
        "doc-parent": "Agency Parent",
        "doc-agency-name": "Agency",
        "doc-number": "Document Number",
        "doc-national": "National Title",
        "doc-slogan": "Motto",
        "doc-place-date": "Place Date",
        "doc-subject": "Subject",
        "doc-recipients-title": "Recipients Title",
        "doc-signer-mode": "Signer Authority",
        "doc-signer-title": "Signer Title",
        "doc-signer": "Signer",
        "kicker": "Subtitle",
        "subtitle": "Subtitle",
        "count-sentence": "Body Text",
        "appendix-title": "Table Title",
        "table-note": "Table Note",
        "provenance": "Provenance",
    }
    for name, style in by_class.items():
        if name in classes:
            return style
    tag = element.tag
    if tag == "h1":
        return "Title"
    if tag in ("h2", "h3", "h4", "h5", "h6"):
        return {"h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}.get(tag, "Heading 4")
    if tag == "li":
        if "doc-recipients" in context:
            return "Recipients"
        # The nearest list around it decides (the context also holds each element's classes).
        nearest = next((part for part in reversed(context) if part in ("ol", "ul")), "ul")
        return "List Number" if nearest == "ol" else "List Bullet"
    if tag in ("td", "th"):
        return "Table Heading" if tag == "th" else "Table Text"
    if tag == "figcaption":
        return "Caption"
    if tag == "pre":
        return "Preformatted"
    if "blockquote" in context:
        return "Quote"
    if "li" in context:
        return "List Bullet"
    return "Body Text"
