"""The analyst's own cells: the report as a DataFrame, tables in its style, hidden cells."""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import pytest

import reportlib as rl
from reportlib.publish.html import notebook_to_html


@pytest.fixture(scope="module")
def report() -> rl.Report:
    root = Path(__file__).resolve().parents[1]
    return rl.prepare_report(rl.load_params(root / "params/2023/thap-muoi.yaml"), root=root)


def test_frame_has_floats_to_plot_and_the_verdicts(report: rl.Report) -> None:
    df = rl.frame(report)
    assert len(df) == 11 and list(df.index[:2]) == ["CT01", "CT02"]
    for column in ("actual", "estimate", "previous", "target_low", "percent_of_target"):
        assert df[column].dtype == "float64", column
    assert df.loc["CT02", "actual"] == pytest.approx(285.6)
    assert df.loc["CT02", "period_status"] == "in_progress"
    assert df.loc["CT02", "pace"] == "at_risk"
    assert df["actual"].sum() > 0  # arithmetic works: no Decimals, no objects
    assert math.isnan(df.loc["CT11", "change"])


def test_frame_plots(report: rl.Report) -> None:
    import matplotlib

    matplotlib.use("Agg")
    axes = rl.frame(report).plot.barh(y="actual")
    assert len(axes.patches) == 11
    import matplotlib.pyplot as plt

    plt.close("all")


def test_formatted_frame_reads_as_the_report_writes(report: rl.Report) -> None:
    df = rl.frame(report, formatted=True)
    assert df.index.name == "Mã"
    row = df.loc["CT02"]
    assert row["Thực hiện"] == "285,6" and row["Kế hoạch"] == "420"
    assert row["Đánh giá"] == "Đang thực hiện"
    assert row["% kế hoạch"] == "68%"


def test_table_is_in_the_report_style_and_escaped(report: rl.Report) -> None:
    import pandas as pd

    shown = rl.table(rl.frame(report)[["indicator", "actual"]])
    assert shown._repr_html_().startswith('<div class="reportlib-table"><table class="indicators">')
    assert '<td class="num">285,6</td>' in shown
    english = rl.table(
        pd.DataFrame({"x": [4850.0, float("nan")], "y": ["<b>", None]}), language="en"
    )
    assert '<td class="num">4,850</td>' in english and '<td class="num">–</td>' in english
    assert "&lt;b&gt;" in english and "<b>" not in english
    assert '<td class="num">4.850</td>' in rl.table(pd.DataFrame({"x": [4850]}))


def test_a_tagged_cell_stays_out_of_the_html() -> None:
    notebook = nbformat.v4.new_notebook()
    for tags, text in (
        ([], "kept"),
        (["reportlib-hide"], "working1"),
        (["remove-cell"], "working2"),
    ):
        cell = nbformat.v4.new_code_cell("x", metadata={"tags": tags})
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/html": f"<p>{text}</p>"})
        ]
        notebook.cells.append(cell)
    notebook.cells.append(
        nbformat.v4.new_markdown_cell("working3", metadata={"tags": ["reportlib-hide"]})
    )
    page = notebook_to_html(notebook, title="t")
    assert "<p>kept</p>" in page
    assert "working" not in page


def test_the_notebook_has_an_example_cell_tagged_to_stay_out(root: Path) -> None:
    notebook = nbformat.read(root / "notebooks" / "district_report.ipynb", as_version=4)
    (cell,) = [c for c in notebook.cells if c.id == "analyst-example"]
    assert "reportlib-hide" in cell.metadata["tags"]
    assert "rl.frame(report)" in cell.source and "rl.table(" in cell.source
