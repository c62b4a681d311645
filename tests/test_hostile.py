"""Hostile text in a table and a params file never becomes markup, a template or a formula.

Input text reaches the report in indicator names, notes, units and groups (the table), and in
the document frame and the analysts' sections (the params file). Whatever it holds — HTML,
Markdown links to ``javascript:``, Jinja syntax, spreadsheet formulas, zero-width and bidi
controls — the report shows it as text: no tag, attribute or link comes from input, templates
never evaluate it, `status --csv` makes it formula-safe, and invisible characters are dropped.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import reportlib
from reportlib.engine.report import Report, prepare_report
from reportlib.render.narrative import PARTS, markdown
from reportlib.render.summary import status_csv

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
IFRAME = "<iframe src=https://evil.example/></iframe>"
JS_LINK = "[click](javascript:alert(1))"
RAW_LINK = '<a href="javascript:alert(1)" onclick="alert(1)">x</a>'
JINJA = "{{ 7*7 }}"
JINJA_BLOCK = "{% for x in y %}loop{% endfor %}"
FORMULAS = ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)")
ZERO_WIDTH = "\u200b"
BIDI = "\u202e"

HEADER = [
    "Huyện",
    "Năm",
    "Mã",
    "Chỉ tiêu",
    "Nhóm",
    "ĐVT",
    "Loại",
    "Chiều",
    "Kế hoạch",
    "Thực hiện",
    "Ước cả năm",
    "Cùng kỳ",
    "Ghi chú",
]
FIGURES_BEHIND = ("lũy kế", "tăng", "100", "10", "90", "80")  # kind, direction, figures
# id, name, group, unit, kind, direction, target, actual, estimate, previous, note
INDICATORS = [
    ("H1", f"{SCRIPT} Thu ngân sách", SCRIPT, IMG, *FIGURES_BEHIND, JS_LINK),
    ("H2", f"{JINJA} hộ nghèo", "Xã hội", "%", "thời điểm", "giảm", "2,1", "2,6", "2,4", "2,8",
     JINJA_BLOCK),
    ("H3", FORMULAS[0], "Kinh tế", "tỷ đồng", *FIGURES_BEHIND, RAW_LINK),
    ("H4", FORMULAS[1], "Kinh tế", "tỷ đồng", *FIGURES_BEHIND, IFRAME),
    ("H5", FORMULAS[2], "Kinh tế", "tỷ đồng", *FIGURES_BEHIND, ""),
    ("H6", FORMULAS[3], "Kinh tế", "tỷ đồng", *FIGURES_BEHIND, ""),
    ("H7", f"Tỷ lệ{ZERO_WIDTH} che phủ{BIDI} rừng", f"Môi{ZERO_WIDTH} trường", f"%{BIDI}",
     "thời điểm", "tăng", "30", "20", "25", "19", f"ghi{ZERO_WIDTH}chú{BIDI}"),
]  # fmt: skip


def write_table(path: Path, district: str = "Alpha") -> Path:
    """Write the hostile indicators for 2022 and 2023 (two years: the history chart draws)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    for year in (2022, 2023):
        for ident, name, group, unit, kind, direction, *figures, note in INDICATORS:
            writer.writerow(
                [district, year, ident, name, group, unit, kind, direction, *figures, note]
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def hostile_params(district: str = "Alpha") -> dict[str, Any]:
    return {
        "district": district,
        "year": 2023,
        "period_months": 9,
        "data": "data/table.csv",
        "decimal": ",",
        "official": False,
        "document": {
            "agency": f"ỦY BAN NHÂN DÂN HUYỆN {SCRIPT}",
            "parent_agency": IMG,
            "number": f"{JINJA}/BC-UBND",
            "place": IMG,
            "date": "2023-10-05",
            "signer": JS_LINK,
            "signer_title": "CHỦ TỊCH",
            "title": f"Báo cáo {IFRAME}",
            "recipients": [FORMULAS[0], JINJA_BLOCK, RAW_LINK],
        },
        "sections": {
            "strengths": f"**Điểm mạnh** {SCRIPT} {JS_LINK} {JINJA} {IMG}",
            "limitations": [IFRAME, "[x](JaVaScRiPt:alert(1))"],
            "causes": [JINJA_BLOCK, RAW_LINK],
            "directions": ["[nguồn](https://example.org/)", "![ảnh](https://evil.example/x.png)"],
        },
    }


@pytest.fixture
def hostile_report(tmp_path: Path) -> Report:
    write_table(tmp_path / "data" / "table.csv")
    return prepare_report(hostile_params(), root=tmp_path)


class Markup(HTMLParser):
    """Collect the tags, attributes and text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "form"}
FORBIDDEN_TAGS |= {"input", "button", "svg", "math", "link", "applet", "video", "audio"}
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster"}


SVG_TAGS = {"svg", "defs", "pattern", "rect", "path", "circle", "line", "polyline", "text"}


def inert_svg(svg: str) -> None:
    """Assert that a phone drawing holds only shapes and text: nothing that runs or fetches."""
    import xml.etree.ElementTree as ET

    for element in ET.fromstring(svg).iter():
        tag = element.tag.removeprefix("{http://www.w3.org/2000/svg}")
        assert tag in SVG_TAGS, tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on") and "href" not in name.lower(), name
            assert "url(" not in value or re.fullmatch(r"url\(#hatch-[a-z_]+\)", value), value


def inert_text(html: str, *, page: bool = False) -> str:
    """Assert that no markup in ``html`` can run or fetch anything; return its text.

    ``page`` allows what a whole page has (its <style>, <meta> and <title>), never from input.
    """
    parser = Markup()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag not in FORBIDDEN_TAGS, (tag, attrs)
        if not page:
            assert tag not in {"style", "meta", "title", "html", "head", "body"}, (tag, attrs)
        elif tag == "meta":
            assert attrs.get("http-equiv", "").lower() in {"", "content-security-policy"}, attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name != "style" or "url(" not in value, (tag, value)
            if name in URL_ATTRIBUTES:
                url = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if (tag, name) == ("img", "src"):
                    # Only the charts: PNG data from reportlib.
                    assert url.startswith("data:image/png;base64,"), value[:80]
                elif (tag, name) == ("source", "srcset"):
                    # A chart's phone drawing: SVG from reportlib, itself inert.
                    assert url.startswith("data:image/svg+xml;base64,"), value[:80]
                    inert_svg(base64.b64decode(value.split(",", 1)[1]).decode("utf-8"))
                else:
                    scheme = re.match(r"([a-z][a-z0-9+.\-]*):", url)
                    assert scheme is None or scheme[1] in SAFE_SCHEMES, (tag, value)
    return "".join(parser.text)


def rendered(report: Report) -> dict[str, str]:
    """Every part and chart of a report, as HTML."""
    pieces = {part: str(reportlib.render_part(report, part)) for part in PARTS}
    pieces |= {
        f"chart:{name}": str(reportlib.chart(report, name))
        for name in ("status", "target", "history")
    }
    assert pieces["chart:history"], "two years: the history chart is drawn"
    return pieces


# --- the pure renderers ---------------------------------------------------------------------


def test_no_input_becomes_markup_in_any_part_or_chart(hostile_report: Report) -> None:
    pieces = rendered(hostile_report)
    text = ""
    for name, html in pieces.items():
        text += inert_text(html)
        for tag in ("<script", "<img src=x", "<iframe", '<a href="javascript'):
            assert tag not in html.lower(), (name, tag)
    images = sum(html.count("<img") for html in pieces.values())
    assert images == 3  # the three charts, nothing else
    # Shown as text, exactly as written.
    for literal in (f"{SCRIPT} Thu ngân sách", IMG, IFRAME, RAW_LINK, JS_LINK, *FORMULAS):
        assert literal in text, literal
    assert f"HUYỆN {SCRIPT.upper()}" in text  # the agency's second line, upper-cased


def test_jinja_syntax_in_input_stays_literal(hostile_report: Report) -> None:
    text = "".join(inert_text(html) for html in rendered(hostile_report).values())
    assert f"{JINJA} hộ nghèo" in text
    assert JINJA_BLOCK in text
    assert f"Số: {JINJA}/BC-UBND" in text
    assert "49 hộ nghèo" not in text and "49/BC-UBND" not in text
    assert "looploop" not in text


def test_invisible_characters_from_the_table_are_removed(hostile_report: Report) -> None:
    pieces = rendered(hostile_report)
    everything = "".join(pieces.values()) + status_csv(hostile_report)
    for table_text in ("Tỷ lệ che phủ rừng", "ghichú"):
        assert table_text in everything
    assert ZERO_WIDTH not in everything
    assert BIDI not in everything
    names = {a.indicator.indicator for a in hostile_report.assessed}
    assert "Tỷ lệ che phủ rừng" in names


def test_analysts_markdown_is_rendered_in_the_report(hostile_report: Report) -> None:
    results = str(reportlib.render_part(hostile_report, "results"))
    assert "<strong>Điểm mạnh</strong>" in results
    text = inert_text(results)
    assert f"{SCRIPT} {JS_LINK} {JINJA} {IMG}" in text
    directions = str(reportlib.render_part(hostile_report, "directions"))
    assert 'href="https://example.org/"' in directions
    assert "<img" not in directions  # the analysts' Markdown has no images


@pytest.mark.parametrize(
    "source",
    [
        SCRIPT,
        IMG,
        IFRAME,
        RAW_LINK,
        JS_LINK,
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#115;cript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](%6Aavascript:alert(1))",
        "<javascript:alert(1)>",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![ảnh](https://evil.example/x.png)",
        '<div style="background:url(https://evil.example/x)">x</div>',
        "<style>body{display:none}</style>",
        '[x](https://example.org/ "t" onmouseover="alert(1)")',
        f"{JINJA} {JINJA_BLOCK}",
    ],
)
def test_markdown_keeps_no_raw_html_images_or_unsafe_links(source: str) -> None:
    html = str(markdown(source))
    inert_text(html)
    assert "<img" not in html
    assert "49" not in html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**đậm**", "<strong>đậm</strong>"),
        ("*nghiêng*", "<em>nghiêng</em>"),
        ("- một\n- hai", "<li>một</li>"),
        ("[nguồn](https://example.org/)", 'href="https://example.org/"'),
        ("[thư](mailto:vp@example.org)", 'href="mailto:vp@example.org"'),
    ],
)
def test_markdown_keeps_plain_formatting_and_safe_links(source: str, expected: str) -> None:
    assert expected in str(markdown(source))


def test_status_csv_makes_formula_starters_text(hostile_report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(status_csv(hostile_report))))
    by_id = {row["indicator_id"]: row for row in rows}
    for ident, formula in zip(("H3", "H4", "H5", "H6"), FORMULAS, strict=True):
        assert by_id[ident]["indicator"] == "'" + formula
    for row in rows:
        for column in ("unit", "indicator_id", "indicator"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    assert by_id["H1"]["indicator"] == f"{SCRIPT} Thu ngân sách"  # CSV is not HTML: kept as is


# --- findings -------------------------------------------------------------------------------


def test_invisible_characters_from_the_params_file_are_removed(tmp_path: Path) -> None:
    write_table(tmp_path / "data" / "table.csv")
    params = hostile_params()
    document, sections = params["document"], params["sections"]
    document["agency"] = f"ỦY BAN NHÂN DÂN{BIDI} HUYỆN ALPHA"
    document["signer"] = f"Nguyễn{ZERO_WIDTH} Văn A"
    document["recipients"] = [f"Ban Thường vụ{BIDI}"]
    sections["strengths"] = f"Thu{ZERO_WIDTH} ngân sách{BIDI} tăng"
    sections["directions"] = [f"Tập trung{ZERO_WIDTH} chỉ đạo"]
    report = prepare_report(params, root=tmp_path)
    everything = "".join(rendered(report).values())
    assert ZERO_WIDTH not in everything
    assert BIDI not in everything


@pytest.mark.parametrize(
    "name",
    ["Giá trị xuất khẩu $\\undefined$", "Vốn từ $5 đến $10 triệu"],
    ids=["bad-tex", "two-dollars"],
)
def test_dollar_signs_in_names_are_plain_text_in_charts(name: str, tmp_path: Path) -> None:
    from matplotlib.text import Text

    from reportlib.render.charts import history_chart, target_chart

    table = tmp_path / "data" / "table.csv"
    write_table(table)
    table.write_text(table.read_text(encoding="utf-8").replace(FORMULAS[3], name), encoding="utf-8")
    report = prepare_report(hostile_params(), root=tmp_path)
    for chart_name in ("target", "history"):
        reportlib.chart(report, chart_name)  # draws and saves: mathtext errors surface here
    for figure in (target_chart(report), history_chart(report)):
        assert figure is not None
        for text in figure.findobj(Text):
            unescaped = re.findall(r"(?<!\\)\$", text.get_text())
            assert not (text.get_parse_math() and len(unescaped) >= 2), text.get_text()


def test_the_page_title_is_escaped(tmp_path: Path) -> None:
    import nbformat

    from reportlib.publish.html import notebook_to_html

    district = f"Alpha</title>{SCRIPT}"
    write_table(tmp_path / "data" / "table.csv", district=district)
    report = prepare_report(hostile_params(district), root=tmp_path)
    title = f"{report.district} – 9 tháng đầu năm 2023"  # as build.py names the page
    page = notebook_to_html(nbformat.v4.new_notebook(), title=title, language="vi")
    inert_text(page, page=True)


# --- a whole report, built --------------------------------------------------------------------

INJECTION = '"); open("PWNED", "w").close(); ("'


@pytest.mark.slow
def test_a_built_report_shows_hostile_text_and_runs_none_of_it(tmp_path: Path) -> None:
    import yaml
    from pypdf import PdfReader

    from reportlib.build.run import BuildOptions, build_reports

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "district_report.ipynb", project / "notebooks")
    (project / "pyproject.toml").write_text("# project root marker\n", encoding="utf-8")
    write_table(project / "data" / "table.csv")
    params = hostile_params()
    # Text that would run if the parameters were pasted into the notebook as code.
    params["sections"]["causes"].append(INJECTION)
    params["document"]["signer"] = f"{INJECTION} \\ ''' \"\"\""
    (project / "params").mkdir()
    (project / "params" / "hostile.yaml").write_text(
        yaml.safe_dump(params, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    outputs = project / "outputs"
    summary = build_reports(
        None,
        BuildOptions(
            root=project, outputs=outputs, formats=("html", "pdf"), jobs=1, progress=False
        ),
    )
    assert summary.built == ["hostile"], summary.failed

    html = (outputs / "hostile.html").read_text(encoding="utf-8")
    text = inert_text(html, page=True)
    assert html.count("<img") == 3
    for literal in (f"{SCRIPT} Thu ngân sách", IMG, RAW_LINK, JS_LINK, *FORMULAS, INJECTION):
        assert literal in text, literal
    assert f"{JINJA} hộ nghèo" in text and "49 hộ nghèo" not in text
    assert ZERO_WIDTH not in text and BIDI not in text
    assert "Tỷ lệ che phủ rừng" in text
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()

    pdf_bytes = (outputs / "hostile.pdf").read_bytes()
    for action in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/SubmitForm", b"/OpenAction"):
        assert action not in pdf_bytes, action
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    flat = re.sub(r"\s+", "", pdf_text)
    for literal in (SCRIPT, IMG, JINJA, "=cmd|'/Ccalc'!A0", "@SUM(1)"):
        assert re.sub(r"\s+", "", literal) in flat, literal
    assert "49hộnghèo" not in flat
