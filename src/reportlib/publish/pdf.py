"""Print a report's HTML to PDF/A-2b with WeasyPrint, in one font family that has every letter.

Times New Roman or a font with its metrics where the machine has one, else DejaVu Serif from
matplotlib's package data, so no word mixes fonts. The charts are served to WeasyPrint from
memory and the stylesheet is parsed once per process (`_print_input`).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from reportlib.errors import ExportError
from reportlib.publish._weasyprint import embed_png_as_is
from reportlib.publish.fonts import FontFamily
from reportlib.publish.html import stylesheet


def document_font(html: str) -> FontFamily:
    """Return the font family the PDF of this HTML is set in (see `reportlib.publish.fonts`)."""
    import html as html_module

    from reportlib.publish.fonts import choose_family

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


# Signed documents kept for the long term go to the archive as PDF/A (TCVN 14159-1:2024).
# PDF/A-2b adds conformance metadata (XMP) and an sRGB output intent, and WeasyPrint embeds
# every font it uses; the file identifier is a digest of the content, so the same report
# still prints to the same bytes. It costs about 5 % of the PDF's time (benchmarks/README.md).
PDF_VARIANT = "pdf/a-2b"

_DATA_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')
_SCREEN_SOURCE = re.compile(r'<source\b[^>]*srcset="data:image/[^"]*"[^>]*>')


@functools.cache
def _fonts() -> Any:
    """Return this process's WeasyPrint font configuration, shared by every PDF it prints."""
    import atexit

    from weasyprint.text.fonts import FontConfiguration

    # Dropped before the interpreter tears its modules down: its __del__ needs them.
    atexit.register(_forget_fonts)
    return FontConfiguration()


def _forget_fonts() -> None:
    _parsed_css.cache_clear()
    _fonts.cache_clear()


@functools.cache
def _parsed_css(text: str) -> Any:
    """Return a stylesheet parsed once per process (its @font-face rules go to `_fonts`)."""
    import weasyprint

    return weasyprint.CSS(string=text, font_config=_fonts())


def _print_input(
    html: str, family: FontFamily | None = None
) -> tuple[str, dict[str, bytes], list[Any]]:
    """Return the HTML WeasyPrint is given, its chart images, and the stylesheets beside it.

    The same document as the HTML file, without the charts' phone-width drawings, and with
    two things moved out of the markup, which
    WeasyPrint's pure-Python HTML parser and CSS parser would otherwise read again for every
    report (a quarter of its time): each embedded chart image becomes a short URL,
    'reportlib-chart:<sha256>', that `_url_fetcher` answers from memory (a name that depends
    on the image alone: the same report prints to the same bytes), and reportlib's
    stylesheet comes already parsed. The cascade is the same: the stylesheet has no rule
    that the document's other styles could tie with.
    """
    import base64
    import hashlib

    images: dict[str, bytes] = {}

    def to_url(match: re.Match[str]) -> str:
        data = base64.b64decode(match.group(1))
        url = f"reportlib-chart:{hashlib.sha256(data).hexdigest()}"
        images[url] = data
        return f'src="{url}"'

    # A chart's phone-width drawing (a <picture> source) is for screens: print the wide one.
    html = _SCREEN_SOURCE.sub("", html)
    html = _DATA_PNG.sub(to_url, html)
    sheets = []
    inline = f"<style>\n{stylesheet()}\n</style>"
    if inline in html:
        html = html.replace(inline, "", 1)
        sheets.append(_parsed_css(stylesheet()))
    sheets.append(_parsed_css(_font_css(family or document_font(html))))
    return html, images, sheets


def _url_fetcher(images: dict[str, bytes]) -> Any:
    """Return a WeasyPrint URL fetcher that answers the charts' URLs from ``images``.

    Every other URL (the font files) goes to WeasyPrint's own fetcher.
    """
    import weasyprint

    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint before 70: a fetcher is a function returning a dict

        def fetch(url: str, **options: Any) -> Any:
            if url in images:
                return {"string": images[url], "mime_type": "image/png", "redirected_url": url}
            return weasyprint.default_url_fetcher(url, **options)

        return fetch

    class ChartFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in images:
                return URLFetcherResponse(url, images[url], {"Content-Type": "image/png"})
            return super().fetch(url, headers)

    return ChartFetcher()


def html_to_pdf(
    html: str, *, family: FontFamily | None = None, variant: str | None = PDF_VARIANT
) -> bytes:
    """Print HTML to PDF bytes with WeasyPrint, the pinned font and the print stylesheet.

    ``family``: the document's font, when the caller has chosen it (`document_font`).
    ``variant``: 'pdf/a-2b' (the default, for the archive) or None for a plain PDF.

    Raises
    ------
    ExportError
        When WeasyPrint fails.
    """
    import weasyprint

    # WeasyPrint warns about every CSS property it does not know (about 200 per page of
    # nbconvert's CSS); they say nothing about the report.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    embed_png_as_is()
    try:
        markup, images, sheets = _print_input(html, family)
        document = weasyprint.HTML(string=markup, base_url=None, url_fetcher=_url_fetcher(images))
        pdf = document.write_pdf(stylesheets=sheets, font_config=_fonts(), pdf_variant=variant)
    except Exception as error:
        raise ExportError(f"PDF conversion failed: {type(error).__name__}: {error}") from error
    if not pdf:
        raise ExportError("PDF conversion gave an empty document")
    return bytes(pdf)
