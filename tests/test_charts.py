"""Charts: figures without pyplot state, stable bytes, alt text, statuses coloured alike."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from reportlib import load_params, prepare_report
from reportlib.engine.report import Report
from reportlib.render.charts import (
    STATUS_COLORS,
    chart,
    history_chart,
    status_alt,
    status_chart,
    target_chart,
)


def _report(root: Path, params: str = "params/2023/thap-muoi.yaml") -> Report:
    return prepare_report(load_params(root / params).as_parameters(), root=root)


def test_charts_return_figures_and_leave_pyplot_alone(root: Path) -> None:
    import matplotlib.pyplot as plt

    report = _report(root)
    before = plt.get_fignums()
    for figure in (status_chart(report), target_chart(report), history_chart(report)):
        assert figure is not None and figure.axes
    assert plt.get_fignums() == before


def test_chart_png_is_the_same_bytes_every_time(root: Path) -> None:
    report = _report(root)
    assert chart(report, "target") == chart(report, "target")


def test_chart_html_embeds_png_with_alt_text(root: Path) -> None:
    html = chart(_report(root), "status")
    match = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', html)
    assert match is not None
    assert base64.b64decode(match.group(1)).startswith(b"\x89PNG")
    assert "Vượt 03/11" in match.group(2) and "Đang thực hiện 05/11" in match.group(2)


def test_status_alt_gives_both_counts(root: Path) -> None:
    text = status_alt(_report(root))
    assert "Kỳ báo cáo: Vượt 03/11, Đạt 02/11, Không đạt 01/11, Đang thực hiện 05/11." in text
    assert "Ước cả năm: Vượt 07/11, Đạt 03/11, Không đạt 01/11." in text


def test_status_colours_are_the_same_in_both_charts(root: Path) -> None:
    from matplotlib.colors import to_hex

    report = _report(root)
    bars = [p for p in status_chart(report).axes[0].patches]
    target_bars = [p for p in target_chart(report).axes[0].patches]
    palette = {v.lower() for v in STATUS_COLORS.values()}
    assert {to_hex(b.get_facecolor()) for b in bars} <= palette
    assert {to_hex(b.get_facecolor()) for b in target_bars} <= palette


def test_history_needs_two_years(root: Path, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    table = (root / "tests" / "data" / "small.csv").read_text(encoding="utf-8")
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    report = prepare_report(
        {
            "district": "Tháp Mười",
            "year": 2023,
            "period_months": 9,
            "data": "t.csv",
            "decimal": ",",
        },
        root=tmp_path,
    )
    assert history_chart(report) is not None  # CT01 has 2022 and 2023
    lonely = (root / "tests" / "data" / "small.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "t.csv").write_text("\n".join(lonely[:-1]) + "\n", encoding="utf-8")
    report = prepare_report(
        {
            "district": "Tháp Mười",
            "year": 2023,
            "period_months": 9,
            "data": "t.csv",
            "decimal": ",",
        },
        root=tmp_path,
    )
    assert history_chart(report) is None
    assert chart(report, "history") == ""


def test_chart_png_is_opaque_rgb_at_the_chart_resolution(root: Path) -> None:
    import io

    from PIL import Image

    from reportlib.render.charts import png_bytes

    image = Image.open(io.BytesIO(png_bytes(target_chart(_report(root)))))
    # RGB: WeasyPrint can embed it in the PDF as it is (see export._embed_png_as_is).
    assert image.mode == "RGB"
    assert round(image.info["dpi"][0]) == 144


def test_the_history_panels_start_at_zero_and_label_every_figure(root: Path) -> None:
    """100 -> 94,6 must not look like a collapse: a zero baseline and each value written."""
    figure = history_chart(_report(root))
    assert figure is not None
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "94,6" in texts and texts.count("100") >= 2
    assert "0" in texts


def test_a_year_end_status_chart_names_its_row_the_whole_year(root: Path) -> None:
    """At year end the one row is 'Cả năm', not 'Kỳ báo cáo' (a reader asks: which period?)."""
    report = _report(root, "params/2022/thap-muoi.yaml")
    labels = [t.get_text() for t in status_chart(report).axes[0].get_yticklabels()]
    assert labels == ["Cả năm"]
    assert status_alt(report).endswith("Cả năm: Vượt 07/11, Đạt 02/11, Không đạt 02/11.")
