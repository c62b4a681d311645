"""The PDF embeds the charts' PNG pixels as they are: the same image, without a re-encoding."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from reportlib.publish import _weasyprint, pdf


def _png(mode: str, size: tuple[int, int] = (40, 30), **options: object) -> bytes:
    image = Image.new(mode, size, "white" if mode != "P" else 0)
    for x in range(size[0]):
        for y in range(size[1]):
            if (x * y) % 7 == 0:
                image.putpixel((x, y), (200, 30, x * 5) if mode.startswith("RGB") else 3)
    buffer = io.BytesIO()
    image.save(buffer, format="png", **options)
    return buffer.getvalue()


def _interlaced(data: bytes) -> bytes:
    """The same PNG with the header's interlace flag set (Pillow never writes Adam7)."""
    header = bytearray(data[16:29])
    header[-1] = 1
    chunk = b"IHDR" + bytes(header)
    return data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


def test_png_idat_reads_a_plain_rgb_png() -> None:
    data = _png("RGB")
    pixels = _weasyprint._png_idat(data, 40, 30)
    assert pixels is not None
    # The bytes are the PNG's filtered scanlines: a row of 40 RGB pixels plus its filter byte.
    assert len(zlib.decompress(pixels)) == 30 * (1 + 40 * 3)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (_png("RGBA"), "alpha"),
        (_png("P"), "palette"),
        (_png("L"), "grey"),
        (_interlaced(_png("RGB")), "interlaced"),
        (b"GIF89a", "not a PNG"),
        (_png("RGB")[:60], "truncated"),
    ],
)
def test_png_idat_refuses_every_other_png(data: bytes, why: str) -> None:
    assert _weasyprint._png_idat(data, 40, 30) is None, why


def test_png_idat_refuses_a_size_that_does_not_match() -> None:
    assert _weasyprint._png_idat(_png("RGB"), 41, 30) is None


def test_png_idat_refuses_a_corrupt_stream() -> None:
    data = bytearray(_png("RGB"))
    start = data.index(b"IDAT") + 4
    data[start : start + 2] = b"\xff\xff"  # not a zlib header
    assert _weasyprint._png_idat(bytes(data), 40, 30) is None


def _pdf_images(pdf: bytes) -> list[tuple[tuple[int, int], bytes]]:
    from pypdf import PdfReader

    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            found[image.name] = (image.image.size, image.image.convert("RGB").tobytes())
    return [found[name] for name in sorted(found)]


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_pdf_images_have_the_same_pixels_with_and_without_the_shortcut(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint import images

    data = base64.b64encode(_png(mode)).decode()
    html = f'<html><body><p>ảnh</p><img src="data:image/png;base64,{data}"></body></html>'
    _weasyprint.embed_png_as_is()
    patched = images.RasterImage.get_x_object
    fast = pdf.html_to_pdf(html)
    # WeasyPrint's own path: decode the PNG, compress its pixels again.
    original = patched.weasyprint  # type: ignore[attr-defined]
    monkeypatch.setattr(images.RasterImage, "get_x_object", original)
    monkeypatch.setattr(pdf, "embed_png_as_is", lambda: None)
    slow = pdf.html_to_pdf(html)
    assert _pdf_images(fast) == _pdf_images(slow)
    assert len(_pdf_images(fast)) == 1
    if mode == "RGB":
        # The shortcut embedded the PNG's own compressed pixels.
        idat = _weasyprint._png_idat(base64.b64decode(data), 40, 30)
        assert idat is not None and idat in fast
    else:
        assert b"/SMask" in fast


def test_the_shortcut_is_only_installed_once() -> None:
    from weasyprint import images

    _weasyprint.embed_png_as_is()
    first = images.RasterImage.get_x_object
    _weasyprint.embed_png_as_is()
    assert images.RasterImage.get_x_object is first


def _layout(document: Any) -> list[tuple[object, ...]]:
    """Every box of every page: its kind, place, size and text, rounded to 0.01 px."""
    found: list[tuple[object, ...]] = []

    def walk(box: Any, page: int) -> None:
        found.append(
            (
                page,
                type(box).__name__,
                *(
                    round(float(getattr(box, k, 0) or 0), 2)
                    for k in ("position_x", "position_y", "width", "height")
                ),
                getattr(box, "text", None),
            )
        )
        for child in box.all_children():
            walk(child, page)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number)
    return found


@pytest.mark.parametrize("name", ["2023/thap-muoi", "2022/thap-muoi"])
def test_printing_from_the_moved_out_images_and_stylesheet_lays_out_the_same(
    built_sample: Path, name: str
) -> None:
    """The PDF is printed from the HTML with its images in files and its stylesheet parsed
    once: the same boxes, at the same places, as WeasyPrint given the HTML file as it is."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    html = (built_sample / f"{name}.html").read_text(encoding="utf-8")
    fonts = FontConfiguration()
    plain = weasyprint.HTML(string=html, base_url=None).render(
        stylesheets=[
            weasyprint.CSS(string=pdf._font_css(pdf.document_font(html)), font_config=fonts)
        ],
        font_config=fonts,
    )
    markup, images, sheets = pdf._print_input(html)
    assert "data:image" not in markup and "<style>" not in markup
    # Each chart's wide drawing is printed; its phone-width drawing (a <picture> source) is not.
    assert len(images) == html.count('src="data:image/png;base64,') > 0
    assert html.count('srcset="data:image/svg+xml;base64,') == len(images)
    moved = weasyprint.HTML(
        string=markup, base_url=None, url_fetcher=pdf._url_fetcher(images)
    ).render(stylesheets=sheets, font_config=pdf._fonts())
    assert len(moved.pages) == len(plain.pages)
    assert _layout(moved) == _layout(plain)
