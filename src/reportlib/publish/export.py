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
import re
from importlib import resources
from pathlib import Path
from typing import Any

from reportlib.errors import ExportError
from reportlib.publish.fonts import FontFamily
from reportlib.version import __version__

_TEMPLATES = Path(str(resources.files("reportlib.publish") / "templates"))


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
    """Return the font family the PDF of this HTML is set in (see `reportlib.publish.fonts`)."""
    import html as html_module
    import re

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


def _png_idat(data: bytes, width: int, height: int) -> bytes | None:
    """Return the compressed pixels of an 8-bit, non-interlaced RGB PNG, or None for any other.

    Those bytes are already what a PDF image stream with /FlateDecode and the PNG predictor
    holds: a PDF can embed them as they are.
    """
    import struct
    import zlib

    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    position, idat = 8, []
    header = None
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        if len(chunk) != length:
            return None
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind in (b"PLTE", b"tRNS"):
            return None
        elif kind == b"IEND":
            break
        position += 12 + length
    # width, height, 8 bits, colour type 2 (RGB), deflate, adaptive filtering, no interlace
    if header != (width, height, 8, 2, 0, 0, 0) or not idat:
        return None
    pixels = b"".join(idat)
    try:
        zlib.decompressobj().decompress(pixels, 1)  # a truncated or broken stream: not ours
    except zlib.error:
        return None
    return pixels


@functools.cache
def _embed_png_as_is() -> None:
    """Have WeasyPrint embed the charts' RGB PNGs without decoding and re-encoding them.

    WeasyPrint (up to at least 70) decodes every PNG and compresses its pixels again for the
    PDF: a third of the time it takes to print a report with three charts. The PNG's own
    compressed pixels are a valid PDF image stream (FlateDecode with the PNG predictor), so
    for a plain RGB PNG they are embedded as they are: the same pixels, a little faster. Any
    other image, or a WeasyPrint whose image class looks different, takes WeasyPrint's path.
    """
    import inspect

    import pydyf
    from weasyprint import images

    original = images.RasterImage.get_x_object
    if list(inspect.signature(original).parameters) != ["self", "interpolate", "dpi_ratio"]:
        return

    def get_x_object(self: Any, interpolate: bool, dpi_ratio: float) -> Any:
        pixels = None
        if getattr(self, "format", None) == "PNG" and getattr(self, "mode", None) == "RGB":
            data = getattr(getattr(self, "image_data", None), "data", None)
            if dpi_ratio == 1 and isinstance(data, bytes):
                pixels = _png_idat(data, self.width, self.height)
        if pixels is None:
            return original(self, interpolate, dpi_ratio)
        extra = pydyf.Dictionary(
            {
                "Type": "/XObject",
                "Subtype": "/Image",
                "Width": self.width,
                "Height": self.height,
                "ColorSpace": "/DeviceRGB",
                "BitsPerComponent": 8,
                "Interpolate": "true" if interpolate else "false",
                "Filter": "/FlateDecode",
                "DecodeParms": pydyf.Dictionary(
                    {"Predictor": 15, "Columns": self.width, "Colors": 3}
                ),
            }
        )
        return pydyf.Stream([pixels], extra)

    get_x_object.weasyprint = original  # type: ignore[attr-defined]
    images.RasterImage.get_x_object = get_x_object


_DATA_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


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

    The same document as the HTML file, with two things moved out of the markup, which
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

    html = _DATA_PNG.sub(to_url, html)
    sheets = []
    inline = f"<style>\n{_stylesheet()}\n</style>"
    if inline in html:
        html = html.replace(inline, "", 1)
        sheets.append(_parsed_css(_stylesheet()))
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


def html_to_pdf(html: str, *, family: FontFamily | None = None) -> bytes:
    """Print HTML to PDF bytes with WeasyPrint, the pinned font and the print stylesheet.

    ``family``: the document's font, when the caller has chosen it (`document_font`).

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
    _embed_png_as_is()
    try:
        markup, images, sheets = _print_input(html, family)
        document = weasyprint.HTML(string=markup, base_url=None, url_fetcher=_url_fetcher(images))
        pdf = document.write_pdf(stylesheets=sheets, font_config=_fonts())
    except Exception as error:
        raise ExportError(f"PDF conversion failed: {type(error).__name__}: {error}") from error
    if not pdf:
        raise ExportError("PDF conversion gave an empty document")
    return bytes(pdf)
