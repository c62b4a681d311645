"""The PDF is PDF/A-2b: conformance metadata, an output intent, every font embedded, nothing
that PDF/A forbids; checked with pikepdf, and with veraPDF where it is installed."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pikepdf = pytest.importorskip("pikepdf")

_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo</title>
<style>@page {{ size: A4; }}</style></head><body><main class="report">
<h1>Kết quả thực hiện các chỉ tiêu 9 tháng đầu năm 2023</h1>
<p><strong>Đạt và vượt 05/11 chỉ tiêu</strong>, <em>không đạt 01/11</em>; ước cả năm đạt.</p>
<p><a href="https://example.org/">Liên kết</a></p>
<figure class="chart"><img src="data:image/png;base64,{png}" alt="Biểu đồ"></figure>
</main></body></html>"""


def _png() -> str:
    from matplotlib.figure import Figure

    from reportlib.render.charts import png_bytes

    figure = Figure(figsize=(2, 1), dpi=72)
    figure.add_subplot().bar([1, 2], [3, 1], color="#0072B2")
    return base64.b64encode(png_bytes(figure)).decode("ascii")


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from reportlib.publish.pdf import html_to_pdf

    return html_to_pdf(_PAGE.format(png=_png()))


def _fonts(pdf: Any) -> list[Any]:
    found = []
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        for key in fonts.keys():  # noqa: SIM118 (a pikepdf Dictionary)
            font = fonts[key]
            found.append(font)
            for descendant in font.get("/DescendantFonts", []):
                found.append(descendant)
    return found


def check_pdfa_2b(data: bytes) -> None:
    """Assert what PDF/A-2b requires of a PDF that pikepdf can see."""
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        assert not pdf.is_encrypted
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "2", dict(meta)
        assert meta.get("pdfaid:conformance") == "B"
        intents = pdf.Root.get("/OutputIntents")
        assert intents is not None and len(intents) >= 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp", "an ICC profile"
        assert "/ID" in pdf.trailer
        fonts = _fonts(pdf)
        assert fonts, "the PDF has text"
        for font in fonts:
            if font.get("/Subtype") == "/Type0":
                continue  # its descendant carries the descriptor
            descriptor = font.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        forbidden = {"/JavaScript", "/JS", "/Launch", "/Encrypt"}
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                keys = set(obj.keys())
                assert not keys & forbidden, keys & forbidden
                assert obj.get("/S") not in ("/JavaScript", "/Launch")
        names = pdf.Root.get("/Names")
        assert names is None or "/JavaScript" not in names


def test_the_pdf_is_pdfa_2b(pdf_bytes: bytes) -> None:
    check_pdfa_2b(pdf_bytes)


def test_pdfa_keeps_the_bytes_reproducible(pdf_bytes: bytes) -> None:
    from reportlib.publish.pdf import html_to_pdf

    again = html_to_pdf(_PAGE.format(png=_png()))
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(pdf_bytes).hexdigest()


def test_a_plain_pdf_is_still_possible() -> None:
    from reportlib.publish.pdf import html_to_pdf

    plain = html_to_pdf(_PAGE.format(png=_png()), variant=None)
    with pikepdf.open(__import__("io").BytesIO(plain)) as pdf:
        assert "/OutputIntents" not in pdf.Root


def test_verapdf_validates_the_pdf_where_it_is_installed(pdf_bytes: bytes, tmp_path: Path) -> None:
    verapdf = shutil.which("verapdf")
    if verapdf is None:
        # No Debian or PyPI package ships veraPDF: pikepdf's checks above stand in for it.
        pytest.skip("veraPDF is not installed: PDF/A-2b checked with pikepdf only")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes)
    result = subprocess.run(
        [verapdf, "--flavour", "2b", "--format", "text", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0 and "PASS" in result.stdout, result.stdout + result.stderr
