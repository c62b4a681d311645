"""The one shortcut into WeasyPrint's private parts: embedding the charts' PNG pixels as they are.

WeasyPrint (up to at least 70) decodes every PNG and compresses its pixels again for the PDF:
a third of the time it takes to print a report with three charts. A plain RGB PNG's own
compressed pixels are already a valid PDF image stream (FlateDecode with the PNG predictor).
`embed_png_as_is` patches `weasyprint.images.RasterImage.get_x_object` only when the method
has the signature it was written against, and leaves every other image, and any other
WeasyPrint, on WeasyPrint's own path. `tests/test_export_images.py` checks the pixels are the
same either way and fails loudly if the method it patches changes shape.
"""

from __future__ import annotations

import functools
from typing import Any


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
def embed_png_as_is() -> None:
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
