"""Read a report's HTML page into a small tree of elements, for the writers of other formats.

The page is reportlib's own (nbconvert's output of the notebook, the narrative's templates,
the analysts' Markdown after sanitising), so a plain tree from the standard library's parser
is enough: elements with their tag, attributes and children, text as strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"br", "img", "meta", "link", "hr", "input", "col", "source", "wbr"})
# Elements whose content is never shown.
SKIPPED = frozenset({"head", "style", "script", "template", "title"})
_SPACES = re.compile(r"[ \t\r\n\f]+")


@dataclass
class Element:
    """One HTML element: its tag, attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> frozenset[str]:
        """The element's class names."""
        return frozenset(self.attrs.get("class", "").split())

    def has_class(self, name: str) -> bool:
        """Tell whether the element has the class ``name``."""
        return name in self.classes

    def elements(self) -> list[Element]:
        """Return the element children, without the text between them."""
        return [c for c in self.children if isinstance(c, Element)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element | None:
        """Return the first descendant with the tag and class given, depth first."""
        for child in self.elements():
            if (tag is None or child.tag == tag) and (cls is None or child.has_class(cls)):
                return child
            found = child.find(tag, cls)
            if found is not None:
                return found
        return None

    def text(self) -> str:
        """Return the element's text as a reader sees it: spaces collapsed, <br> a newline."""
        return collapse(raw_text(self))


def raw_text(node: Element | str) -> str:
    """Return the text under a node: <br> a newline, any run of white space one space."""
    if isinstance(node, str):
        return _SPACES.sub(" ", node)
    if node.tag == "br":
        return "\n"
    return "".join(raw_text(child) for child in node.children)


def collapse(text: str) -> str:
    """Collapse runs of white space to one space, keep line breaks, strip the ends."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            return
        if not self.skipping:
            self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag in VOID:
            return
        # Close up to the matching element; a stray end tag closes nothing.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping and data:
            self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """Return the tree of an HTML page (its <head>, styles and scripts left out)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def report_body(html: str) -> Element:
    """Return the report's <main> element (or the page's body, or the whole page)."""
    root = parse_html(html)
    return root.find("main") or root.find("body") or root
