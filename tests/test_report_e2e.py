"""End to end: build the Tháp Mười reports and read what a reader gets (HTML, PDF)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SENTENCE_2023 = (
    "9 tháng đầu năm 2023, đạt và vượt 05/11 chỉ tiêu, không đạt 01/11 chỉ tiêu, còn lại "
    "05/11 chỉ tiêu đang thực hiện; ước cả năm đạt và vượt 10/11 chỉ tiêu, 01/11 chỉ tiêu "
    "không đạt."
)


class _Loads(HTMLParser):
    """Collect every URL the page would load, every link, every image and script."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "img":
            self.images.append(values)
        for name in ("src", "srcset", "poster", "data"):
            if values.get(name):
                self.loaded.append(str(values[name]))
        if tag == "link" and values.get("href"):
            self.loaded.append(str(values["href"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def _text(html: str) -> str:
    without_tags = re.sub(r"<[^>]+>", " ", html)
    return " ".join(without_tags.split())


def test_html_has_the_count_sentence_appendix_and_embedded_charts(built_sample: Path) -> None:
    html = (built_sample / "2023" / "thap-muoi.html").read_text(encoding="utf-8")
    assert SENTENCE_2023 in _text(html)
    rows = re.findall(r'<td class="id">(CT\d\d)</td>', html)
    assert rows == [f"CT{n:02d}" for n in range(1, 12)]
    parser = _Loads()
    parser.feed(html)
    assert len(parser.images) >= 3
    for image in parser.images:
        assert str(image["src"]).startswith("data:image/png;base64,")
        assert image.get("alt"), "every chart has alt text"
    assert parser.scripts == 0


def test_html_loads_nothing_from_another_server(built_sample: Path) -> None:
    for path in built_sample.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        parser = _Loads()
        parser.feed(html)
        remote = [u for u in parser.loaded if re.match(r"(?i)\s*(https?:)?//", u)]
        assert remote == [], f"{path.name} loads {remote}"
        assert not re.search(r"(?i)url\(\s*['\"]?(https?:)?//", html)
        assert not re.search(r"(?i)@import", html)


def test_html_hides_code_and_the_injected_parameters(built_sample: Path) -> None:
    html = (built_sample / "2023" / "thap-muoi.html").read_text(encoding="utf-8")
    assert "import reportlib" not in html
    assert "prepare_report" not in html
    assert "period_months = 9" not in html
    assert "Kernel is running" not in html


def test_html_has_the_document_frame_sections_and_provenance(built_sample: Path) -> None:
    text = _text((built_sample / "2023" / "thap-muoi.html").read_text(encoding="utf-8"))
    for expected in (
        "ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tháp Mười, ngày 05 tháng 10 năm 2023",
        "Số: 245/BC-UBND",
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG",
        "PHỤ LỤC",
        "Nơi nhận:",
        "Tỷ lệ giải ngân vốn đầu tư công đạt 38,5%",
        "chậm tiến độ",
        "theo đánh giá của đơn vị",
        "phiên bản mã nguồn test-revision",
    ):
        assert expected in text, expected
    assert "<p>" not in text, "the analysts' Markdown is rendered, not shown as tags"


def test_pdf_has_the_count_sentence_with_every_diacritic(built_sample: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built_sample / "2023" / "thap-muoi.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert SENTENCE_2023 in " ".join(text.split())
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1, "A4 portrait"


def test_pdf_embeds_one_font_family(built_sample: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built_sample / "2023" / "thap-muoi.pdf")
    families = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            families.add(name.split("-")[0].split(",")[0])
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    assert len(families) == 1, families


def test_year_end_report_states_the_year_without_an_estimate(built_sample: Path) -> None:
    html = (built_sample / "2022" / "thap-muoi.html").read_text(encoding="utf-8")
    sentences = re.findall(r'<p class="count-sentence">(.*?)</p>', html, re.S)
    assert [_text(s) for s in sentences] == [
        "Năm 2022, đạt và vượt 09/11 chỉ tiêu, không đạt 02/11 chỉ tiêu."
    ]
    assert "Ước cả năm" not in html.split('class="part appendix"')[1]


def test_manifest_records_inputs_outputs_and_counts(built_sample: Path) -> None:
    import hashlib
    import json

    manifest = json.loads((built_sample / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["2023/thap-muoi"]
    assert entry["status"] == "ok"
    assert entry["params"] == "params/2023/thap-muoi.yaml"
    assert entry["counts"]["period"] == {
        "exceeded": 3,
        "met": 2,
        "not_met": 1,
        "in_progress": 5,
        "no_data": 0,
    }
    for fmt in ("ipynb", "html", "pdf"):
        item = entry["outputs"][fmt]
        data = (built_sample / item["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
    assert set(entry["inputs"]) >= {"notebook", "params", "data_sha256", "rows_sha256"}
    assert (built_sample / "index.html").is_file()
