"""What a cell shows in JupyterLab shows in the built report, with forked and launched kernels.

An analyst adds cells of their own to the notebook: a pyplot chart, print() and stderr text,
a pandas table, Markdown, SVG and HTML displays. Each must reach the HTML (and the PDF where
print can show it) in both kernel modes (issue: forked kernels ran the 'agg' backend and the
template dropped stream output, so charts and prints vanished without a word).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from reportlib.build.run import BuildOptions, build_reports

pytestmark = pytest.mark.slow

ANALYST_CELLS = [
    "import matplotlib.pyplot as plt\n"
    "plt.figure(figsize=(3, 2))\n"
    "plt.plot([1, 2, 3], [3, 1, 2])\n"
    "plt.title('Biểu đồ của chuyên viên')",
    "print('Dòng in ra của chuyên viên: 4.850')",
    "import sys\nprint('Cảnh báo riêng của chuyên viên', file=sys.stderr)",
    "import pandas as pd\npd.DataFrame({'Xã': ['Tháp Mười'], 'Số hộ': [1234]})",
    "from IPython.display import Markdown, display\n"
    "display(Markdown('**Ghi chú của chuyên viên** về *tiến độ*'))",
    "from IPython.display import SVG, display\n"
    'display(SVG(\'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20" fill="#0072B2"/></svg>\'))',
    "from IPython.display import HTML, display\n"
    "display(HTML('<p class=\"analyst-html\">Đoạn HTML của chuyên viên</p>'))",
]


def _with_analyst_cells(project: Path) -> None:
    path = project / "notebooks" / "district_report.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for source in ANALYST_CELLS:
        notebook.cells.append(nbformat.v4.new_code_cell(source))
    nbformat.write(notebook, path)


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "launched"])
def test_every_kind_of_output_reaches_html_and_pdf(small_project: Path, fork: bool) -> None:
    _with_analyst_cells(small_project)
    outputs = small_project / "outputs"
    summary = build_reports(
        [str(small_project / "params" / "alpha.yaml")],
        BuildOptions(
            root=small_project, outputs=outputs, jobs=1, progress=False, fork_kernels=fork
        ),
    )
    assert summary.ok, summary.failed
    html = (outputs / "alpha.html").read_text(encoding="utf-8")
    executed = nbformat.read(outputs / "alpha.ipynb", as_version=4)
    figure_cell = executed.cells[-len(ANALYST_CELLS)]
    assert any("image/png" in o.get("data", {}) for o in figure_cell.outputs), (
        "the pyplot figure did not reach the notebook: the kernel ran a non-inline backend"
    )
    figure = r'<figure class="chart output"><img [^>]*src="data:image/{}'
    assert re.search(figure.format("png;base64,"), html)
    assert "Dòng in ra của chuyên viên: 4.850" in html
    assert "Cảnh báo riêng của chuyên viên" in html
    assert "<table" in html and "Số hộ" in html and "1234" in html
    assert "<strong>Ghi chú của chuyên viên</strong>" in html
    assert re.search(
        r'<figure class="chart output"><img [^>]*src="data:image/svg\+xml;base64,', html
    )
    assert '<p class="analyst-html">Đoạn HTML của chuyên viên</p>' in html

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(outputs / "alpha.pdf").pages)
    for words in ("Dòng in ra của chuyên viên", "Cảnh báo riêng của chuyên viên", "Số hộ"):
        assert words in text, words
