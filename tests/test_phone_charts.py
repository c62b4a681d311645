"""Phone drawings of the charts: SVG that a phone shows below 40rem, print never does."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reportlib import load_params, prepare_report
from reportlib.engine.report import Report
from reportlib.render.chart_data import attainment, attainment_caption
from reportlib.render.charts import chart
from reportlib.render.phone_charts import (
    SMALLEST_TEXT,
    WIDTH,
    history_svg,
    status_svg,
    target_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def _report(root: Path, params: str = "params/2023/thap-muoi.yaml") -> Report:
    return prepare_report(load_params(root / params).as_parameters(), root=root)


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _phone_source(html: str) -> str:
    found = re.search(
        r'<source media="\(max-width: 40rem\)" type="image/svg\+xml" '
        r'srcset="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">',
        html,
    )
    assert found is not None, html[:300]
    return base64.b64decode(found.group(1)).decode("utf-8")


@pytest.mark.parametrize("name", ["status", "target", "history"])
def test_each_chart_has_a_phone_drawing_beside_its_wide_png(root: Path, name: str) -> None:
    """Below 40rem the browser takes the SVG source; print and the .docx take the <img>."""
    html = chart(_report(root), name)
    assert html.count("<source ") == 1
    assert html.count('<img src="data:image/png;base64,') == 1
    svg = ET.fromstring(_phone_source(html))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("width") == str(WIDTH) and svg.get("viewBox", "").startswith(f"0 0 {WIDTH} ")


@pytest.mark.parametrize("draw", [status_svg, target_svg, history_svg])
def test_phone_text_is_legible_and_stays_inside_the_drawing(root: Path, draw: object) -> None:
    """No text under SMALLEST_TEXT px at the drawing's width, none starting outside it."""
    svg = draw(_report(root))  # type: ignore[operator]
    assert svg is not None
    root_element = ET.fromstring(svg)
    height = float(root_element.get("height", "0"))
    texts = list(root_element.iter(f"{SVG}text"))
    assert texts
    for text in texts:
        assert float(text.get("font-size", "0")) >= SMALLEST_TEXT, text.text
        assert 0 <= float(text.get("x", "-1")) <= WIDTH, text.text
        assert 0 < float(text.get("y", "-1")) <= height, text.text


def test_phone_drawings_refer_to_nothing_outside_themselves(root: Path) -> None:
    """No script, link, image, style sheet or foreign object; fills only from its own <defs>."""
    report = _report(root)
    for svg in (status_svg(report), target_svg(report), history_svg(report)):
        assert svg is not None
        tags = {element.tag.removeprefix(SVG) for element in ET.fromstring(svg).iter()}
        assert tags <= {
            "svg",
            "defs",
            "pattern",
            "rect",
            "path",
            "circle",
            "line",
            "polyline",
            "text",
        }
        assert "href" not in svg and "<style" not in svg
        for reference in re.findall(r"url\(([^)]*)\)", svg):
            assert reference.startswith("#hatch-") and f'id="{reference[1:]}"' in svg


def test_phone_drawings_are_the_same_bytes_every_time(root: Path) -> None:
    report = _report(root)
    assert target_svg(report) == target_svg(_report(root))
    assert history_svg(report) == history_svg(report)


def test_the_phone_status_chart_shows_the_engines_counts(root: Path) -> None:
    """9 months: 03 exceeded, 02 met, 01 not met, 05 in progress; year end 07, 03, 01."""
    texts = _texts(status_svg(_report(root)))
    assert texts[:2] == ["Số chỉ tiêu theo kết quả đánh giá", "Kỳ báo cáo"]
    period = texts[2 : texts.index("Ước cả năm")]
    assert period == ["03", "02", "01", "05"]
    assert {"Vượt", "Đạt", "Không đạt", "Đang thực hiện"} <= set(texts)


def test_the_phone_target_chart_names_every_indicator_with_its_figure(root: Path) -> None:
    report = _report(root)
    texts = _texts(target_svg(report))
    names = " ".join(texts)
    for item in report.assessed:
        # On one line, or wrapped onto two: never cut for these names.
        assert f"{item.indicator.indicator_id}. {item.indicator.indicator}" in names
        value = attainment(item)
        if value is not None:
            assert attainment_caption(item, value, "vi") in texts
    assert "tiến độ cần đạt (9/12)" in texts


def test_the_phone_history_chart_writes_every_figure_and_year(root: Path) -> None:
    texts = _texts(history_svg(_report(root)) or "")
    assert "94,6" in texts and texts.count("100") >= 2 and "0" in texts
    assert texts.count("2021") == texts.count("2023") >= 5
    assert "Ước 2023" in texts


def test_a_year_end_report_has_no_estimate_in_its_phone_drawings(root: Path) -> None:
    report = _report(root, "params/2022/thap-muoi.yaml")
    assert "Ước cả năm" not in _texts(status_svg(report))
    assert not any(t.startswith("Ước ") for t in _texts(history_svg(report) or ""))
    assert not any("tiến độ cần đạt" in t for t in _texts(target_svg(report)))


def test_input_text_is_escaped_in_the_phone_drawings(root: Path) -> None:
    """A name with markup stays text: the SVG parses, and the name reads back as written."""
    from dataclasses import replace

    report = _report(root)
    hostile = '<script>alert("x")</script> & <a href="javascript:1">'
    first = report.assessed[0]
    changed = replace(first, indicator=replace(first.indicator, indicator=hostile))
    report = replace(report, assessed=(changed, *report.assessed[1:]))
    svg = target_svg(report)
    assert "<script" not in svg and "<a " not in svg
    assert any(hostile[:30] in t for t in _texts(svg))


def test_a_long_bar_writes_its_figure_inside_its_end(root: Path) -> None:
    """Past the cap (160 %) there is no room after the bar: the figure stays in the drawing."""
    from dataclasses import replace
    from decimal import Decimal

    report = _report(root)
    first = report.assessed[0]
    big = replace(first, indicator=replace(first.indicator, actual=Decimal(50)))
    svg = target_svg(replace(report, assessed=(big, *report.assessed[1:])))
    caption = next(t for t in ET.fromstring(svg).iter(f"{SVG}text") if (t.text or "").endswith("▸"))
    assert caption.get("text-anchor") == "end"
    assert float(caption.get("x", "0")) <= WIDTH


def test_a_long_name_wraps_onto_two_lines_and_a_figure_keeps_a_white_halo(root: Path) -> None:
    """A province's long names ('Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom ...') wrap
    instead of being cut; a figure near 100 % is outlined in white over the 100 % line."""
    from dataclasses import replace

    report = _report(root)
    long_name = "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt quy chuẩn"
    first = report.assessed[0]
    changed = replace(first, indicator=replace(first.indicator, indicator=long_name))
    svg = target_svg(replace(report, assessed=(changed, *report.assessed[1:])))
    texts = _texts(svg)
    assert f"{first.indicator.indicator_id}. {long_name}" in " ".join(texts[1:3])
    figures = [t for t in ET.fromstring(svg).iter(f"{SVG}text") if (t.text or "").endswith("%")]
    assert figures and all(t.get("stroke") == "white" for t in figures)
