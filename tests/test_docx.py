"""The .docx: the HTML's text paragraph for paragraph, in the Decree 30/2020 layout, opened and
printed by LibreOffice as an office would (page 1 unnumbered, page 2 numbered in the top margin).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT, require_program

docx = pytest.importorskip("docx")

MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build Tháp Mười 2023 as html, docx and xlsx through the build, once for this module."""
    from reportlib.build.run import BuildOptions, build_reports

    outputs = tmp_path_factory.mktemp("office")
    previous = os.environ.get("REPORTLIB_REVISION")
    os.environ["REPORTLIB_REVISION"] = "test-revision"
    try:
        summary = build_reports(
            [str(ROOT / "params/2023/thap-muoi.yaml")],
            BuildOptions(
                root=ROOT, outputs=outputs, formats=("html", "docx", "xlsx"), progress=False
            ),
        )
    finally:
        if previous is None:
            os.environ.pop("REPORTLIB_REVISION", None)
        else:
            os.environ["REPORTLIB_REVISION"] = previous
    assert summary.ok, summary.failed
    return outputs / "2023"


def _document(built: Path) -> Any:
    return docx.Document(str(built / "thap-muoi.docx"))


@pytest.mark.slow  # builds the report (a kernel)
def test_the_docx_says_what_the_html_says_paragraph_for_paragraph(built: Path) -> None:
    from reportlib.publish.docx import docx_paragraphs, html_paragraphs

    html = (built / "thap-muoi.html").read_text(encoding="utf-8")
    expected = html_paragraphs(html)
    assert docx_paragraphs((built / "thap-muoi.docx").read_bytes()) == expected
    # The listing is the page's text, not an empty or partial one.
    assert "BÁO CÁO" in expected
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in expected
    assert any(text.startswith("9 tháng đầu năm 2023, đạt và vượt 05/11") for text in expected)
    assert "Nơi nhận:" in expected
    assert "ỦY BAN NHÂN DÂN\nHUYỆN THÁP MƯỜI" in expected


@pytest.mark.slow  # builds the report (a kernel)
def test_the_build_records_docx_and_xlsx_like_the_other_outputs(built: Path) -> None:
    from reportlib.build.run import BuildOptions, build_reports

    manifest = json.loads((built.parent / "manifest.json").read_text(encoding="utf-8"))
    outputs = manifest["reports"]["2023/thap-muoi"]["outputs"]
    assert sorted(outputs) == ["docx", "html", "ipynb", "xlsx"]
    assert outputs["docx"]["path"] == "2023/thap-muoi.docx"
    again = build_reports(
        [str(ROOT / "params/2023/thap-muoi.yaml")],
        BuildOptions(
            root=ROOT, outputs=built.parent, formats=("xlsx", "docx", "html"), progress=False
        ),
    )
    assert again.skipped == ["2023/thap-muoi"], "the same formats again: nothing to rebuild"


@pytest.mark.slow  # builds the report (a kernel)
def test_page_layout_is_decree_30(built: Path) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = _document(built)
    first, *_, last = document.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    top, bottom, left, right = (
        round(m.mm)
        for m in (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)
    )
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert last.orientation == WD_ORIENT.LANDSCAPE, "the appendix is in a landscape section"
    assert (round(last.page_width.mm), round(last.page_height.mm)) == (297, 210)

    body = document.styles["Body Text"]
    assert body.font.name == "Times New Roman"
    assert Pt(13) <= body.font.size <= Pt(14)
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent > 0
    styles = {p.style.name for p in document.paragraphs if p.text.strip()}
    assert {"Title", "Subject", "Heading 1", "Heading 2", "Body Text", "List Bullet"} <= styles
    place = next(
        p for t in document.tables for c in t._cells for p in c.paragraphs if "ngày" in p.text
    )
    assert place.style.name == "Place Date" and place.style.font.italic


@pytest.mark.slow  # builds the report (a kernel)
def test_page_numbers_are_a_page_field_in_the_top_margin_none_on_page_1(built: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _document(built)
    first = document.sections[0]
    assert first.different_first_page_header_footer
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert "PAGE" not in first.first_page_header._element.xml
    assert first.header.paragraphs[0].style.name == "Header"
    assert document.styles["Header"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    appendix = document.sections[-1]
    assert not appendix.different_first_page_header_footer, "the appendix's first page is numbered"
    assert appendix.header.is_linked_to_previous


@pytest.mark.slow  # builds the report (a kernel)
def test_frame_table_charts_and_appendix_table(built: Path) -> None:
    from docx.oxml.ns import qn

    document = _document(built)
    frame = document.tables[0]
    agency, motto = frame.rows[0].cells
    assert agency.paragraphs[0].text == "ỦY BAN NHÂN DÂN\nHUYỆN THÁP MƯỜI"
    assert motto.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    rules = [p for c in (agency, motto) for p in c.paragraphs if p.style.name == "Rule"]
    assert len(rules) == 2 and all(p._p.find(f".//{qn('w:pBdr')}") is not None for p in rules)

    pictures = document.element.body.findall(f".//{qn('wp:docPr')}")
    assert len(pictures) == 3
    assert all(p.get("descr", "").startswith("Biểu đồ") for p in pictures)

    appendix = document.tables[-1]
    head = appendix.rows[0]
    assert head._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert [c.text for c in head.cells][:3] == ["STT", "Chỉ tiêu", "ĐVT"]
    assert len(appendix.rows) == 12
    assert appendix.rows[1].cells[4].text == "7,62"

    closing = document.tables[1]
    recipients, signature = closing.rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    texts = [p.text for p in signature.paragraphs]
    assert texts[0] == "TM. ỦY BAN NHÂN DÂN" and texts[-1] == "Nguyễn Văn An"
    assert texts.count("") >= 4, "room for the signature and the seal"


def test_the_same_page_gives_the_same_bytes() -> None:
    from reportlib.publish.docx import html_to_docx

    page = "<main><h1>BÁO CÁO</h1><p>Tháp Mười, <em>ngày 05</em> tháng 10</p></main>"
    first = html_to_docx(page, title="t", date=dt.date(2023, 10, 5))
    assert first == html_to_docx(page, title="t", date=dt.date(2023, 10, 5))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {i.date_time for i in archive.infolist()} == {(2023, 10, 5, 0, 0, 0)}
    document = docx.Document(io.BytesIO(first))
    assert [p.text for p in document.paragraphs] == ["BÁO CÁO", "Tháp Mười, ngày 05 tháng 10"]
    assert document.paragraphs[1].runs[1].italic


def test_spaces_and_line_breaks_read_as_in_a_browser() -> None:
    from reportlib.publish.docx import docx_paragraphs, html_paragraphs, html_to_docx

    page = (
        "<main><div class='analyst'>  loose <b>text</b>\n <p> a  <br> b </p><ul><li><p>x</p>"
        "</li><li> y <code>z</code></li></ul></div><table><tr><th colspan='2'>h</th></tr>"
        "<tr><td>1</td><td> 2 </td></tr></table></main>"
    )
    expected = ["loose text", "a\nb", "x", "y z", "h", "1", "2"]
    assert html_paragraphs(page) == expected
    assert docx_paragraphs(html_to_docx(page, title="t")) == expected


def _words(pdf: Path, page: int) -> list[dict[str, Any]]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as document:
        return list(document.pages[page].extract_words())


def soffice_to_pdf(source: Path, out: Path) -> Path:
    """Print a file to PDF with LibreOffice, headless, in a profile of its own."""
    program = require_program(
        "soffice",
        "libreoffice",
        install="apt-get install libreoffice-writer-nogui libreoffice-calc-nogui",
    )
    profile = (out / "profile").as_uri()
    result = subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    printed = out / (source.stem + ".pdf")
    assert result.returncode == 0 and printed.exists(), result.stderr + result.stdout
    return printed


@pytest.mark.slow
def test_libreoffice_prints_page_1_unnumbered_and_page_2_numbered(
    built: Path, tmp_path: Path
) -> None:
    pdf = soffice_to_pdf(built / "thap-muoi.docx", tmp_path)
    first = _words(pdf, 0)
    width = 210 * MM
    agency = next(w for w in first if w["text"] == "ỦY")
    national = next(w for w in first if w["text"] == "CỘNG")
    assert agency["x0"] < width / 2 and agency["top"] < 40 * MM, "agency at the top left"
    assert national["x0"] > width / 3 and national["top"] < 40 * MM, "quốc hiệu at the top right"
    assert abs(agency["top"] - national["top"]) < 3
    assert min(w["x0"] for w in first) >= 30 * MM - 1, "a left margin of at least 30 mm"
    # The header sits 10 mm from the top edge, the text starts at 20 mm.
    assert not [w for w in first if w["top"] < 17 * MM], "no page number on page 1"

    second = _words(pdf, 1)
    number = [w for w in second if w["top"] < 17 * MM]
    assert [w["text"] for w in number] == ["2"], "page 2 has its number in the top margin"
    centre = (number[0]["x0"] + number[0]["x1"]) / 2
    text_centre = (30 + (210 - 15)) / 2 * MM
    assert abs(centre - text_centre) < 5 * MM, "centred over the text"
    # The appendix's head cells keep their short capitals on one line: 'STT', not 'ST' / 'T'.
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as document:
        words = [w["text"] for page in document.pages for w in page.extract_words()]
    assert "STT" in words and "ĐVT" in words


@pytest.mark.slow
def test_a_two_digit_list_number_keeps_its_space_in_libreoffice(tmp_path: Path) -> None:
    from reportlib.publish.docx import html_to_docx

    items = "".join(f"<li>Chỉ tiêu số {n}</li>" for n in range(1, 13))
    source = tmp_path / "list.docx"
    source.write_bytes(html_to_docx(f"<main><ol>{items}</ol></main>", title="t"))
    pdf = soffice_to_pdf(source, tmp_path)
    words = _words(pdf, 0)
    for number in ("9.", "10.", "12."):
        mark = next(w for w in words if w["text"] == number)
        after = next(w for w in words if abs(w["top"] - mark["top"]) < 2 and w["x0"] > mark["x1"])
        assert after["text"] == "Chỉ", number
        assert after["x0"] - mark["x1"] > 1 * MM, f"'{number}' runs into its text"
    nine, ten = (next(w for w in words if w["text"] == n) for n in ("9.", "10."))
    text_of = [w for w in words if w["text"] == "Chỉ"]
    assert len({round(w["x0"]) for w in text_of}) == 1, "every item's text starts at one place"
    assert nine["x0"] == pytest.approx(ten["x0"], abs=0.5)


@pytest.mark.slow
def test_a_short_head_in_capitals_stays_on_one_line_in_libreoffice(tmp_path: Path) -> None:
    """The province's table of indicators printed its 'TT' head as 'T' over 'T'."""
    from reportlib.publish.docx import html_to_docx

    long = "Xã Ba Sao, Xã Lai Vung, Xã An Long, Xã Lương Hòa Lạc, Xã Tân Hòa, Xã Vĩnh Hựu"
    rows = "".join(
        f"<tr><td>{n}</td><td>Thu ngân sách nhà nước trên địa bàn</td>"
        f"<td>06/102</td><td>00/102</td><td>80/102</td><td>{long}</td></tr>"
        for n in range(1, 13)
    )
    head = (
        "<tr><th>TT</th><th>Chỉ tiêu</th><th>Đạt và vượt</th><th>Không đạt</th>"
        "<th>Ước cả năm đạt và vượt</th><th>Xã, phường không đạt</th></tr>"
    )
    page = f"<main><table><thead>{head}</thead><tbody>{rows}</tbody></table></main>"
    source = tmp_path / "table.docx"
    source.write_bytes(html_to_docx(page, title="t"))
    words = [w["text"] for w in _words(soffice_to_pdf(source, tmp_path), 0)]
    assert "TT" in words
