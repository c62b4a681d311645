"""The notebook's part of the cache key: what it computes, read without nbformat."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat

from reportlib.build.cache import _notebook_digest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "district_report.ipynb"


def digest_through_nbformat(content: bytes) -> str:
    """The digest as reportlib computed it through nbformat before: it must not change."""
    notebook = nbformat.reads(content.decode("utf-8"), as_version=4)
    cells = [
        [cell.cell_type, cell.source, sorted(cell.get("metadata", {}).get("tags", []))]
        for cell in notebook.cells
    ]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def test_the_digest_is_the_one_nbformat_gave() -> None:
    content = NOTEBOOK.read_bytes()
    assert _notebook_digest(content) == digest_through_nbformat(content)
    # Sources as one string instead of a list of lines: the same notebook to nbformat.
    data = json.loads(content)
    for cell in data["cells"]:
        cell["source"] = "".join(cell["source"])
    joined = json.dumps(data).encode("utf-8")
    assert _notebook_digest(joined) == _notebook_digest(content)


def test_outputs_counts_and_metadata_leave_the_digest_alone() -> None:
    data = json.loads(NOTEBOOK.read_bytes())
    before = _notebook_digest(json.dumps(data).encode("utf-8"))
    for number, cell in enumerate(data["cells"]):
        if cell["cell_type"] == "code":
            cell["execution_count"] = number
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}]
            cell["metadata"]["execution"] = {"iopub.status.idle": "2026-12-08T01:00:00Z"}
    data["metadata"]["widgets"] = {"state": {}}
    assert _notebook_digest(json.dumps(data).encode("utf-8")) == before

    data["cells"][-1]["metadata"]["tags"] = ["reportlib-hide"]
    tagged = _notebook_digest(json.dumps(data).encode("utf-8"))
    assert tagged != before
    data["cells"][-1]["source"] = ["# changed\n"]
    assert _notebook_digest(json.dumps(data).encode("utf-8")) not in (before, tagged)


def test_a_file_that_is_no_notebook_still_plans() -> None:
    # The report then fails where the notebook is run, naming it (test_bad_inputs).
    assert _notebook_digest(b"{not json") != _notebook_digest(b"{not json either")


def test_planning_imports_neither_nbformat_nor_jsonschema() -> None:
    """With JupyterLab installed, importing jsonschema costs about 1.2 s (a grammar compiled
    at import by its format extra): planning and a build with nothing to do must not pay it."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reportlib.build.plan import BuildOptions, plan_job, DEFAULT_NOTEBOOK\n"
        f"root = Path({str(ROOT)!r})\n"
        "options = BuildOptions(root=root, outputs=root / 'outputs')\n"
        "plan_job(root / 'params/2023/thap-muoi.yaml', options, root / DEFAULT_NOTEBOOK)\n"
        "print(sorted(m for m in ('nbformat', 'jsonschema') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
