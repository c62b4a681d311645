"""The notebook as the analyst runs it: errors shown short, and any params file run as the build."""

from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _execute(
    root: Path, cwd: Path, parameters: dict[str, Any], output: Path
) -> nbformat.NotebookNode:
    """Run the committed notebook with papermill; return it executed, errors and all."""
    import papermill

    with contextlib.suppress(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(root / "notebooks" / "district_report.ipynb"),
            str(output),
            parameters=parameters,
            cwd=str(cwd),
            progress_bar=False,
        )
    return nbformat.read(output, as_version=4)


def _errors(notebook: nbformat.NotebookNode) -> list[Any]:
    return [
        (cell.id, output)
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]


def _text(markup: str) -> str:
    """The words of some HTML, one space between them."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_a_bad_parameter_shows_as_a_short_parameter_error(root: Path, tmp_path: Path) -> None:
    notebook = _execute(root, root / "notebooks", {"year": 2031}, tmp_path / "out.ipynb")
    ((cell, error),) = _errors(notebook)
    assert cell == "prepare"
    assert error["ename"] == "ParamsError"
    shown = ANSI.sub("", "\n".join(error["traceback"]))
    assert len(shown.splitlines()) <= 3, shown
    assert "key 'year'" in shown and "2031" in shown and "2021, 2022, 2023" in shown
    assert "input table" not in shown
    assert "Traceback" not in shown and "File " not in shown


def test_the_notebook_runs_a_params_file_as_the_build_does(
    root: Path, built_sample: Path, tmp_path: Path
) -> None:
    built = (built_sample / "2023" / "thap-muoi.html").read_text(encoding="utf-8")
    for cwd in (root / "notebooks", root):
        parameters = {"params_file": "params/2023/thap-muoi.yaml"}
        notebook = _execute(root, cwd, parameters, tmp_path / "out.ipynb")
        assert not _errors(notebook)
        parts = {
            cell.id: _text(
                "".join(
                    "".join(output.get("data", {}).get("text/html", ""))
                    for output in cell.get("outputs", [])
                )
            )
            for cell in notebook.cells
        }
        # The analyst's example cell ran, and its tag kept it out of the filed report.
        assert "percent_of_target" in parts["analyst-example"]
        assert "percent_of_target" not in built
        # The document frame and the analysts' sections come from the params file.
        assert "245/BC-UBND" in parts["frame"]
        assert "giải ngân vốn đầu tư công" in parts["shortcomings"]
        for name in ("frame", "results", "shortfalls", "shortcomings", "directions", "closing"):
            assert parts[name], name
            assert parts[name] in _text(built), name


def test_a_long_error_message_is_cut_to_a_few_lines_in_the_notebook() -> None:
    from reportlib.errors import NOTEBOOK_LINES, DataError, Problem

    error = DataError([Problem("t.csv", row, "Năm", "x", "a year") for row in range(2, 40)])
    shown = error._render_traceback_()
    assert len(shown) == NOTEBOOK_LINES
    assert "DataError" in shown[0] and "38 problems in the input table" in shown[0]
    assert "32 more" in shown[-1]
