"""The committed notebook: thin, without outputs, and runnable by plain papermill."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from reportlib.engine.params import check_params


def _notebook(root: Path) -> nbformat.NotebookNode:
    return nbformat.read(root / "notebooks" / "district_report.ipynb", as_version=4)


def test_committed_notebook_has_no_outputs(root: Path) -> None:
    for cell in _notebook(root).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_parameters_cell_defaults_are_valid_params(root: Path) -> None:
    cells = [c for c in _notebook(root).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    namespace: dict[str, object] = {}
    exec(cells[0].source, namespace)  # the parameters cell is plain assignments
    values = {k: v for k, v in namespace.items() if not k.startswith("__")}
    params = check_params(values, notebook=True)
    assert (params.district, params.year, params.period_months) == ("Tháp Mười", 2023, 9)


def test_cells_are_thin(root: Path) -> None:
    for cell in _notebook(root).cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            calls = cell.source.count("rl.")
            assert calls <= 2, cell.source
            assert "import" not in cell.source or cell.source.startswith("import reportlib")


@pytest.mark.slow
def test_plain_papermill_runs_the_notebook_with_a_params_file(root: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            "--no-progress-bar",
            "notebooks/district_report.ipynb",
            str(output),
            "-f",
            "params/2023/thap-muoi.yaml",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    executed = json.loads(output.read_text(encoding="utf-8"))
    html = "".join(
        "".join(o.get("data", {}).get("text/html", ""))
        for c in executed["cells"]
        for o in c.get("outputs", [])
    )
    assert "đạt và vượt 05/11 chỉ tiêu" in html
    assert "ỦY BAN NHÂN DÂN<br>HUYỆN THÁP MƯỜI" in html


@pytest.mark.slow
def test_notebook_runs_as_it_is_from_the_notebooks_folder(root: Path, tmp_path: Path) -> None:
    """In JupyterLab the kernel starts in notebooks/; the data path still resolves."""
    import papermill

    notebook = papermill.execute_notebook(
        str(root / "notebooks" / "district_report.ipynb"),
        None,
        cwd=str(root / "notebooks"),
        progress_bar=False,
    )
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
