"""Convert an executed notebook to self-contained HTML (nbconvert) and to PDF (WeasyPrint).

The HTML uses reportlib's own nbconvert template: outputs only, code and prompts hidden, the
stylesheet inlined, images embedded as data URIs, and no script or stylesheet from any other
server (nbconvert's lab template would load require.js and MathJax from a CDN). The PDF is
printed from that same HTML in one font family that carries every letter of the document
(Times New Roman or a font with its metrics where the machine has one, else DejaVu Serif from
matplotlib's package data), so no word mixes fonts.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path
from typing import Any

from reportlib import __version__
from reportlib.errors import ExportError
from reportlib.fonts import FontFamily

_TEMPLATES = Path(str(resources.files("reportlib") / "templates"))


@functools.cache
def _stylesheet() -> str:
    return (_TEMPLATES / "report.css").read_text(encoding="utf-8")


@functools.cache
def _exporter() -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(  # type: ignore[no-untyped-call]
        template_name="reportlib",
        extra_template_basedirs=[str(_TEMPLATES / "nbconvert")],
    )
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    # Markdown cells are rendered without the anchor links nbconvert adds to headings.
    exporter.anchor_link_text = ""
    return exporter


def notebook_to_html(
    notebook: Any, *, title: str, language: str = "vi", body_class: str = ""
) -> str:
    """Return a self-contained HTML page of the executed notebook's outputs.

    Raises
    ------
    ExportError
        When nbconvert fails.
    """
    resources_ = {
        "reportlib": {
            "title": title,
            "language": language,
            "version": __version__,
            "css": _stylesheet(),
            "body_class": body_class,
        }
    }
    try:
        body, _ = _exporter().from_notebook_node(notebook, resources=resources_)
    except Exception as error:  # nbconvert raises many kinds; the message is what matters
        raise ExportError(f"HTML conversion failed: {type(error).__name__}: {error}") from error
    return str(body)


def document_font(html: str) -> FontFamily:
    """Return the font family the PDF of this HTML is set in (see `reportlib.fonts`)."""
    import html as html_module
    import re

    from reportlib.fonts import choose_family

    text = html_module.unescape(re.sub(r"<style.*?</style>|<[^>]+>", " ", html, flags=re.S))
    return choose_family(set(text))


def _font_css(family: FontFamily) -> str:
    faces = []
    for style, (weight, slant) in {
        "regular": ("normal", "normal"),
        "bold": ("bold", "normal"),
        "italic": ("normal", "italic"),
        "bold-italic": ("bold", "italic"),
    }.items():
        faces.append(
            f"@font-face {{ font-family: '{family.name}'; "
            f"src: url('{family.files[style].as_uri()}'); "
            f"font-weight: {weight}; font-style: {slant}; }}"
        )
    # Only the chosen family: Pango must never fill a letter from another font.
    faces.append(f"html, body, body * {{ font-family: '{family.name}' !important; }}")
    faces.append(f"@page {{ @top-center {{ font-family: '{family.name}'; }} }}")
    return "\n".join(faces)


def html_to_pdf(html: str) -> bytes:
    """Print HTML to PDF bytes with WeasyPrint, the pinned font and the print stylesheet.

    Raises
    ------
    ExportError
        When WeasyPrint fails.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint warns about every CSS property it does not know (about 200 per page of
    # nbconvert's CSS); they say nothing about the report.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fonts = FontConfiguration()
    try:
        document = weasyprint.HTML(string=html, base_url=None)
        extra = weasyprint.CSS(string=_font_css(document_font(html)), font_config=fonts)
        pdf = document.write_pdf(stylesheets=[extra], font_config=fonts)
    except Exception as error:
        raise ExportError(f"PDF conversion failed: {type(error).__name__}: {error}") from error
    if not pdf:
        raise ExportError("PDF conversion gave an empty document")
    return bytes(pdf)
