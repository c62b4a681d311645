"""The province's report: its units' scorecard, counts, sentences, links and build order.

The small province below is worked by hand: a year-end table (period 12) of Đồng Tháp and three
of its units, two indicators each, whose statuses follow from actual against plan alone.
"""

from __future__ import annotations

import re
import textwrap
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import reportlib as rl
from reportlib.build.provinces import link, link_units, waves
from reportlib.build.records import Job, ManifestEntry, OutputFile, UnitFacts
from reportlib.engine.overview import province_overview
from reportlib.errors import ParamsError
from reportlib.render.overview import overview_view

ROOT = Path(__file__).resolve().parents[1]

TABLE = textwrap.dedent(
    """\
    Tỉnh;Đơn vị;Năm;Mã;Chỉ tiêu;ĐVT;Loại;Chiều;Kế hoạch;Thực hiện;Ước cả năm;Cùng kỳ
    Đồng Tháp;Tỉnh Đồng Tháp;2026;T1;Thu ngân sách;tỷ đồng;lũy kế;tăng;1000;1100;;900
    Đồng Tháp;Xã Tháp Mười;2026;A;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;120;;90
    Đồng Tháp;Xã Tháp Mười;2026;B;Số doanh nghiệp mới;doanh nghiệp;lũy kế;tăng;50;50;;40
    Đồng Tháp;Phường Cao Lãnh;2026;A;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;90;;95
    Đồng Tháp;Phường Cao Lãnh;2026;B;Số doanh nghiệp mới;doanh nghiệp;lũy kế;tăng;50;55;;48
    Đồng Tháp;Xã Mỹ Thọ;2026;A;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;100;;80
    Đồng Tháp;Xã Mỹ Thọ;2026;B;Số doanh nghiệp mới;doanh nghiệp;lũy kế;tăng;50;40;;45
    """
)
# Worked by hand: (unit, Thu ngân sách, Số doanh nghiệp) at year end.
EXPECTED = {
    "Xã Tháp Mười": ("exceeded", "met"),  # 120 > 100; 50 = 50: all met
    "Phường Cao Lãnh": ("not_met", "exceeded"),  # 90 < 100; 55 > 50
    "Xã Mỹ Thọ": ("met", "not_met"),  # 100 = 100; 40 < 50
}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "province"
    (project / "data").mkdir(parents=True)
    (project / "data" / "table.csv").write_text(TABLE, encoding="utf-8")
    (project / "pyproject.toml").write_text("# project root marker\n", encoding="utf-8")
    return project


def _report(project: Path, unit: str = "Tỉnh Đồng Tháp", **extra: Any) -> rl.Report:
    values = {
        "unit": unit,
        "province": "Đồng Tháp",
        "year": 2026,
        "period_months": 12,
        "data": "data/table.csv",
        "decimal": ",",
        **extra,
    }
    return rl.prepare_report(values, root=project)


def test_scorecard_statuses_are_the_hand_worked_ones(tmp_path: Path) -> None:
    found = province_overview(_report(_project(tmp_path)))
    assert found is not None
    assert {u.unit for u in found.units} == set(EXPECTED)  # the province's own rows are not a unit
    keys = [c.key for c in found.indicators]
    for unit in found.units:
        assert tuple(unit.status_of(k) for k in keys) == EXPECTED[unit.unit]
    assert [u.unit for u in found.all_met()] == ["Xã Tháp Mười"]
    # Ranked by share met: Tháp Mười 2/2 first, the two with 1/2 share the second rank.
    assert found.units[0].unit == "Xã Tháp Mười"
    assert [found.rank(u) for u in found.units] == [1, 2, 2]
    revenue, enterprises = found.indicators
    assert revenue.count("met", "exceeded") == 2 and revenue.units["not_met"] == (
        "Phường Cao Lãnh",
    )
    assert enterprises.units["not_met"] == ("Xã Mỹ Thọ",)


def test_sentences_and_table_counts(tmp_path: Path) -> None:
    report = _report(_project(tmp_path))
    found = province_overview(report)
    assert found is not None
    view = overview_view(report, found)
    assert view["sentences"][0] == "Năm 2026, có 01/03 xã, phường đạt và vượt toàn bộ chỉ tiêu."
    assert view["sentences"][1] == (
        "Các chỉ tiêu có nhiều xã, phường không đạt nhất: Số doanh nghiệp mới "
        "(01/03 xã, phường); Thu ngân sách (01/03 xã, phường)."
    )
    rows = {r["unit"]: r for r in view["units"]}
    assert rows["Xã Tháp Mười"]["met"] == "02/02" and rows["Xã Tháp Mười"]["share"] == "100%"
    assert rows["Xã Mỹ Thọ"]["met"] == "01/02" and rows["Xã Mỹ Thọ"]["share"] == "50%"
    letters = [c["letter"] for c in rows["Phường Cao Lãnh"]["cells"]]
    assert letters == ["K", "V"]


def test_overview_html_links_escape_and_read_in_black_and_white(tmp_path: Path) -> None:
    links = {"Xã Tháp Mười": "dong-thap/xa-thap-muoi.html"}
    html = rl.overview(_report(_project(tmp_path), unit_reports=links))
    assert '<a href="dong-thap/xa-thap-muoi.html">Xã Tháp Mười</a>' in html
    assert "Phường Cao Lãnh</th>" in html  # no report given: no link
    # Each cell carries a letter as well as its colour class.
    cells = re.findall(r'<td class="cell status-(\w+)"[^>]*>([^<]*)</td>', html)
    assert sorted(cells) == sorted(
        [
            ("exceeded", "V"),
            ("met", "Đ"),
            ("not_met", "K"),
            ("exceeded", "V"),
            ("met", "Đ"),
            ("not_met", "K"),
        ]
    )
    assert html.count("<img") == 2  # the two overview charts, embedded
    assert "data:image/png;base64," in html


@pytest.mark.parametrize("href", ["javascript:alert(1)", "https://example.org/x.html", "/etc/x"])
def test_unit_report_links_must_be_relative(tmp_path: Path, href: str) -> None:
    with pytest.raises(ParamsError, match="expected a relative path"):
        _report(_project(tmp_path), unit_reports={"Xã Tháp Mười": href})


def test_a_commune_report_has_no_overview(tmp_path: Path) -> None:
    report = _report(_project(tmp_path), unit="Xã Tháp Mười")
    assert province_overview(report) is None
    assert str(rl.overview(report)) == ""
    assert str(rl.overview_chart(report, "distribution")) == ""


def test_english_overview(tmp_path: Path) -> None:
    report = _report(_project(tmp_path), language="en")
    found = province_overview(report)
    assert found is not None
    sentences = overview_view(report, found)["sentences"]
    assert sentences[0] == (
        "The year 2026: 01/03 communes and wards met or exceeded every one of their indicators."
    )


def test_sample_scorecard_agrees_with_every_unit_report() -> None:
    """Each cell of the 2026 sample's scorecard is the status of that unit's own report."""
    province = rl.prepare_report(rl.load_params(ROOT / "params/2026/dong-thap.yaml"), root=ROOT)
    found = province_overview(province)
    assert found is not None and len(found.units) == 102 and not found.skipped
    by_unit = {u.unit: u for u in found.units}
    for path in sorted((ROOT / "params/2026/dong-thap").glob("*.yaml")):
        own = rl.prepare_report(rl.load_params(path), root=ROOT)
        unit = by_unit.pop(own.unit)
        assert unit.counts == own.counts, own.unit
        assert [a.period_status for a in unit.assessed] == [a.period_status for a in own.assessed]
    assert by_unit == {}


def _job(name: str, facts: UnitFacts, key: str) -> Job:
    return Job(name, f"params/{name}.yaml", {}, "vi", name, key, {}, {}, facts)


_PROVINCE = UnitFacts("Tỉnh Đồng Tháp", "Đồng Tháp", 2026, 9, "vi", "82", "province", "82")
_COMMUNE = UnitFacts("Xã Tháp Mười", "Đồng Tháp", 2026, 9, "vi", "29869", "commune", "82")


def test_province_job_links_its_units_and_is_keyed_on_them() -> None:
    other_year = replace(_COMMUNE, year=2025)
    jobs = [
        _job("2026/dong-thap", _PROVINCE, "p"),
        _job("2026/dong-thap/xa-thap-muoi", _COMMUNE, "u1"),
        _job("2025/dong-thap/xa-thap-muoi", other_year, "old"),
    ]
    earlier = ManifestEntry(
        name="2026/dong-thap/phuong-cao-lanh",
        params="params/2026/dong-thap/phuong-cao-lanh.yaml",
        status="ok",
        unit="Phường Cao Lãnh",
        province="Đồng Tháp",
        year=2026,
        period_months=9,
        unit_code="29905",
        unit_level="ward",
        province_code="82",
        key="u2",
        outputs={"html": OutputFile("2026/dong-thap/phuong-cao-lanh.html", "x")},
    )
    province = link_units(jobs, [earlier])[0]
    assert province.parameters["unit_reports"] == {
        "Xã Tháp Mười": "dong-thap/xa-thap-muoi.html",
        "Phường Cao Lãnh": "dong-thap/phuong-cao-lanh.html",
    }
    changed = link_units([jobs[0], replace(jobs[1], key="u1-changed")], [earlier])[0]
    assert changed.key != province.key  # a unit's report changed: the province's rebuilds
    assert [[j.name for j in w] for w in waves(jobs)] == [
        ["2026/dong-thap/xa-thap-muoi", "2025/dong-thap/xa-thap-muoi"],
        ["2026/dong-thap"],
    ]
    assert link("2026/dong-thap/xa-thap-muoi", "2026/x/y/dong-thap") == (
        "../../dong-thap/xa-thap-muoi.html"
    )


@pytest.mark.slow
def test_build_links_the_units_reports(tmp_path: Path) -> None:
    """A real build of the province and two units: links resolve, the province comes last."""
    from reportlib.build.run import BuildOptions, build_reports

    outputs = tmp_path / "outputs"
    files = [
        ROOT / "params/2026/dong-thap.yaml",
        ROOT / "params/2026/dong-thap/xa-thap-muoi.yaml",
        ROOT / "params/2026/dong-thap/phuong-cao-lanh.yaml",
    ]
    options = BuildOptions(root=ROOT, outputs=outputs, jobs=2, progress=False, formats=("html",))
    summary = build_reports([str(f) for f in files], options)
    assert summary.ok, summary.failed
    assert summary.built[-1] == "2026/dong-thap"
    page = (outputs / "2026/dong-thap.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)">(?:Xã|Phường) ', page)
    assert sorted(hrefs) == ["dong-thap/phuong-cao-lanh.html", "dong-thap/xa-thap-muoi.html"]
    for href in hrefs:
        assert (outputs / "2026" / href).is_file()
    assert len(re.findall(r"<tr [^>]*data-name=", page)) == 102
    again = build_reports([str(f) for f in files], options)
    assert again.built == [] and len(again.skipped) == 3


@pytest.mark.slow
def test_scorecard_sorts_and_filters_in_chromium(browser: Any, tmp_path: Path) -> None:
    from reportlib.build.run import BuildOptions, build_reports

    outputs = tmp_path / "outputs"
    options = BuildOptions(root=ROOT, outputs=outputs, jobs=1, progress=False, formats=("html",))
    summary = build_reports([str(ROOT / "params/2026/dong-thap.yaml")], options)
    assert summary.ok, summary.failed
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((outputs / "2026/dong-thap.html").as_uri())
    assert errors == []  # the table script ran under the page's CSP (its hash allows it)
    rows = "#scorecard tbody tr"
    assert page.locator(rows).count() == 102
    page.fill("input.table-filter", "thap muoi")  # accent-insensitive
    visible = page.eval_on_selector_all(
        f"{rows}:not([hidden])", "rs => rs.map(r => r.dataset.name)"
    )
    assert visible == ["Xã Tháp Mười"]
    assert page.locator(".table-filter-count").inner_text() == "1/102"
    page.fill("input.table-filter", "")
    page.click("#scorecard thead th:nth-child(2)")  # by name, ascending
    names = page.eval_on_selector_all(rows, "rs => rs.map(r => r.dataset.name)")
    in_vietnamese_order = page.evaluate(
        "ns => ns.slice().sort((a, b) => a.localeCompare(b, 'vi'))", names
    )
    assert names == in_vietnamese_order
    assert page.locator("#scorecard thead th:nth-child(2)").get_attribute("aria-sort") == (
        "ascending"
    )
    page.click("#scorecard thead th:nth-child(1)")  # by rank, ascending
    ranks = page.eval_on_selector_all(rows, "rs => rs.map(r => +r.cells[0].dataset.value)")
    assert ranks == sorted(ranks)
    page.screenshot(path=str(tmp_path / "province-1280.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "province-390.png"), full_page=False)
    page.close()


@pytest.mark.slow
def test_index_of_a_province_opens_quickly_in_chromium(browser: Any, tmp_path: Path) -> None:
    """An index of 150 reports, grouped by province and level, filters in the browser."""
    from reportlib.build.index import write_index
    from reportlib.build.manifest import Manifest

    manifest = Manifest()
    levels = ["commune"] * 100 + ["ward"] * 40 + ["special_zone"] * 8
    for n, level in enumerate(levels):
        name = f"2026/dong-thap/u{n:03d}"
        manifest.reports[name] = ManifestEntry(
            name=name,
            params=f"params/{name}.yaml",
            status="ok",
            unit=f"Xã Số {n:03d}",
            province="Đồng Tháp" if n < 120 else "An Giang",
            year=2026,
            period_months=9,
            unit_code=f"{n:05d}",
            unit_level=level,
            province_code="82",
            counts={
                "total": 12,
                "period": {"met": 3, "exceeded": 1, "in_progress": 8},
                "year_end": {"met": 10, "not_met": 2},
            },
            outputs={"html": OutputFile(f"{name}.html", "x")},
        )
    for province in ("Đồng Tháp", "An Giang"):
        name = f"2026/{province}"
        manifest.reports[name] = ManifestEntry(
            name=name,
            params=f"params/{name}.yaml",
            status="ok",
            unit=f"Tỉnh {province}",
            province=province,
            year=2026,
            period_months=9,
            unit_level="province",
            unit_code="82",
        )
    write_index(tmp_path, manifest)
    page = browser.new_page()
    started = time.monotonic()
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_load_state("load")
    opened = time.monotonic() - started
    assert page.locator("#reports tr.report").count() == 150
    groups = page.eval_on_selector_all(
        "#reports tbody.group", "gs => gs.map(g => g.dataset.province)"
    )
    assert groups == ["An Giang", "Đồng Tháp"]
    first = page.eval_on_selector_all(
        "#reports tbody.group[data-province='Đồng Tháp'] tr.report",
        "rs => rs.slice(0, 2).map(r => r.dataset.level)",
    )
    assert first == ["province", "commune"]  # the province's own report heads its group
    page.select_option("#f-level", "ward")
    assert page.locator("#reports tr.report:not([hidden])").count() == 40
    page.select_option("#f-province", "An Giang")
    assert page.locator("#reports tr.report:not([hidden])").count() == 20
    assert page.locator("#shown").inner_text() == "20/150 báo cáo"
    # Generous for a loaded CI machine; a local run opens it in well under a second.
    assert opened < 5, f"the index took {opened:.1f} s to open"
    page.close()


def test_hostile_indicator_names_stay_text_in_the_overview(tmp_path: Path) -> None:
    project = _project(tmp_path)
    hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>"'
    table = (project / "data" / "table.csv").read_text(encoding="utf-8")
    (project / "data" / "table.csv").write_text(
        table.replace("Thu ngân sách", hostile), encoding="utf-8"
    )
    html = str(rl.overview(_report(project)))
    assert "<script" not in html and "<img src=x" not in html
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, dict[str, str | None]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(html)
    assert "script" not in {tag for tag, _ in parser.found}
    assert not [a for _, attrs in parser.found for a in attrs if a.startswith("on")]
    images = [attrs["src"] for tag, attrs in parser.found if tag == "img"]
    assert len(images) == 2 and all(str(s).startswith("data:image/png;base64,") for s in images)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_report_names_its_level_and_carries_its_code() -> None:
    from reportlib.render.document import translate_agency
    from reportlib.render.formatting import level_nouns
    from reportlib.render.summary import status_json

    commune = rl.prepare_report(
        rl.load_params(ROOT / "params/2026/dong-thap/xa-thap-muoi.yaml"), root=ROOT
    )
    assert commune.unit_info is not None
    assert "các chỉ tiêu 9 tháng đầu năm 2026 của xã Tháp Mười" in rl.render_part(commune, "frame")
    status = status_json(commune)
    assert (status["unit_code"], status["unit_level"]) == (commune.unit_info.code, "commune")
    province = rl.prepare_report(rl.load_params(ROOT / "params/2026/dong-thap.yaml"), root=ROOT)
    assert "của tỉnh Đồng Tháp" in rl.render_part(province, "frame")
    assert status_json(province)["unit_level"] == "province"
    district = rl.prepare_report(rl.load_params(ROOT / "params/2023/thap-muoi.yaml"), root=ROOT)
    assert "của huyện Tháp Mười" in rl.render_part(district, "frame")
    assert translate_agency("ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC") == (
        "People's Committee of Phú Quốc Special Zone"
    )
    assert level_nouns(["commune", "ward", "special_zone"]) == "xã, phường, đặc khu"
    assert level_nouns(["commune", None]) == "đơn vị"
    assert level_nouns(["ward", "commune"], "en") == "communes and wards"


@pytest.mark.slow
def test_the_province_docx_keeps_the_web_controls_out_and_numbers_the_key(tmp_path: Path) -> None:
    """The scorecard's filter box and hints are the web page's; the column key is numbered."""
    import io

    import docx

    from reportlib.build.run import BuildOptions, build_reports

    outputs = tmp_path / "outputs"
    options = BuildOptions(root=ROOT, outputs=outputs, jobs=1, progress=False, formats=("docx",))
    summary = build_reports([str(ROOT / "params/2026/dong-thap.yaml")], options)
    assert summary.ok, summary.failed
    document = docx.Document(io.BytesIO((outputs / "2026/dong-thap.docx").read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert not [t for t in texts if "Lọc theo tên" in t or "kéo ngang" in t]
    key = [p for p in document.paragraphs if p.text == "Thu ngân sách nhà nước trên địa bàn"]
    assert key and key[0].style.name == "List Number"


def test_the_verb_before_a_figure_reads_as_these_reports_write() -> None:
    from reportlib.render.narrative import value_verb

    assert value_verb("Thu ngân sách nhà nước trên địa bàn", "higher", "up") == "đạt"
    assert value_verb("Tỷ lệ hộ nghèo", "lower", "down") == "còn"
    assert value_verb("Số vụ tai nạn giao thông", "lower", "up") == "là"  # it rose: not 'còn'
    assert value_verb("Số tiêu chí xã nông thôn mới đạt được", "higher", "up") == "là"


def _svg_sources(html: str) -> list[str]:
    import base64

    found = re.findall(
        r'<source media="\(max-width: 40rem\)" type="image/svg\+xml" '
        r'srcset="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">',
        html,
    )
    return [base64.b64decode(f).decode("utf-8") for f in found]


def _svg_texts(svg: str) -> list[str]:
    import xml.etree.ElementTree as ET

    return [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_the_overview_charts_have_phone_drawings_a_phone_can_read(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from reportlib.render.phone_charts import SMALLEST_TEXT, WIDTH

    html = str(rl.overview(_report(_project(tmp_path))))
    drawings = _svg_sources(html)
    assert len(drawings) == 2 and html.count("<picture>") == 2
    for svg in drawings:
        root = ET.fromstring(svg)
        assert root.get("width") == str(WIDTH)
        height = float(root.get("height", "0"))
        for text in root.iter("{http://www.w3.org/2000/svg}text"):
            assert float(text.get("font-size", "0")) >= SMALLEST_TEXT, text.text
            assert (
                0 <= float(text.get("x", "-1")) <= WIDTH and 0 < float(text.get("y", "0")) <= height
            )
        assert "href" not in svg and "<style" not in svg and "script" not in svg
        for reference in re.findall(r"url\(([^)]*)\)", svg):
            assert f'id="{reference[1:]}"' in svg
    distribution, indicators = (_svg_texts(svg) for svg in drawings)
    # Shares met 100 %, 50 %, 50 %: the bands hold 0, 0, 2, 0 and 1 units.
    bands = ["0–dưới 25%", "25–dưới 50%", "50–dưới 75%", "75–dưới 100%", "100%"]
    assert [distribution[distribution.index(b) + 1] for b in bands] == ["0", "0", "2", "0", "1"]
    assert "Ước cả năm" not in distribution  # a year-end report
    # Each indicator: one unit exceeded, one met, one not met (the hand-worked statuses).
    for name in ("Thu ngân sách", "Số doanh nghiệp mới"):
        at = indicators.index(name)
        assert indicators[at + 1 : at + 4] == ["1", "1", "1"]
    assert {"Vượt", "Đạt", "Không đạt"} <= set(indicators)


def test_an_in_year_overview_draws_the_year_end_estimate_on_the_phone_too(tmp_path: Path) -> None:
    from reportlib.render.overview_phone import distribution_svg

    found = province_overview(_report(_project(tmp_path)))
    assert found is not None
    svg = distribution_svg(found, "vi", year_end=True)
    texts = _svg_texts(svg)
    assert "Kỳ báo cáo" in texts and "Ước cả năm" in texts
    assert 'id="year-end"' in svg and "url(#year-end)" in svg


def test_names_in_the_overview_phone_drawings_are_escaped(tmp_path: Path) -> None:
    project = _project(tmp_path)
    table = project / "data" / "table.csv"
    hostile = 'Thu <script>alert("x")</script> & "ngân sách"'
    table.write_text(
        table.read_text(encoding="utf-8").replace("Thu ngân sách", hostile), encoding="utf-8"
    )
    html = str(rl.overview(_report(project)))
    assert "<script>" not in html
    _, indicators = (_svg_texts(svg) for svg in _svg_sources(html))
    assert hostile in indicators  # read back as written: text, never markup


@pytest.mark.slow
def test_the_printed_overview_starts_with_its_sentences_and_first_chart_on_one_page() -> None:
    """The landscape page of 'Phụ lục 2' held three lines of text and nothing else; the
    distribution chart is now short enough to follow them (the sample's 102 units)."""
    import io

    import pdfplumber

    from reportlib.publish.html import stylesheet
    from reportlib.publish.pdf import html_to_pdf

    province = rl.prepare_report(rl.load_params(ROOT / "params/2026/dong-thap.yaml"), root=ROOT)
    page = (
        f"<html><head><style>\n{stylesheet()}\n</style></head>"
        f'<body><main class="report"><p>Trang đầu.</p>{rl.overview(province)}</main></body></html>'
    )
    with pdfplumber.open(io.BytesIO(html_to_pdf(page, variant=None))) as document:
        (first,) = [p for p in document.pages if "PHỤ LỤC 2" in (p.extract_text() or "")]
        assert first.width > first.height, "the overview is printed landscape"
        assert len(first.images) == 1, "the distribution chart shares the page"
        assert first.images[0]["top"] > max(
            w["bottom"] for w in first.extract_words() if w["text"] == "PHỤ"
        )
