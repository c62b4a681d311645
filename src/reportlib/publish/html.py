"""Convert an executed notebook to one self-contained HTML page (nbconvert).

reportlib's own nbconvert template: outputs only, code and prompts hidden, the stylesheet
inlined, images embedded as data URIs, and no script or stylesheet from any other server
(nbconvert's lab template would load require.js and MathJax from a CDN). Every output an
analyst sees in JupyterLab is kept: rich displays, figures, SVG, Markdown, print() and stderr.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

from reportlib.errors import ExportError
from reportlib.version import __version__

TEMPLATES = Path(str(resources.files("reportlib.publish") / "templates"))
# Cell tags that keep a cell, input and output, out of the filed report: the analyst's own
# working cells. 'remove-cell' is the name Jupyter Book and nbconvert users know.
HIDDEN_CELL_TAGS = frozenset({"reportlib-hide", "remove-cell"})


def b64encode_text(text: str) -> str:
    """Return UTF-8 text as base64 (an SVG output embedded as a data URI)."""
    return base64.b64encode(str(text).encode("utf-8")).decode("ascii")


@functools.cache
def stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


@functools.cache
def table_script() -> tuple[str, str]:
    """Return the report's one script (sortable, filterable tables) and its CSP hash source."""
    script = (TEMPLATES / "tables.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return script, f"'sha256-{digest}'"


def _has_sortable_table(notebook: Any) -> bool:
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            html = (output.get("data") or {}).get("text/html", "")
            if 'class="scorecard sortable"' in (
                "".join(html) if isinstance(html, list) else str(html)
            ):
                return True
    return False


@functools.cache
def _exporter() -> Any:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    # Only the preprocessor the report needs: nbconvert validates the whole notebook after
    # each of its eleven defaults, enabled or not (0.02 s a report). The three it enables for
    # HTML do nothing here: no removal patterns, no tags of its own, no code shown to highlight.
    config = Config({"HTMLExporter": {"default_preprocessors": []}})
    exporter = HTMLExporter(  # type: ignore[no-untyped-call]
        config=config,
        template_name="reportlib",
        extra_template_basedirs=[str(TEMPLATES / "nbconvert")],
    )
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    # Markdown cells are rendered without the anchor links nbconvert adds to headings.
    exporter.anchor_link_text = ""
    exporter.register_filter("b64encode_text", b64encode_text)  # type: ignore[no-untyped-call]
    exporter.register_preprocessor(  # type: ignore[no-untyped-call]
        TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_CELL_TAGS)),  # type: ignore[no-untyped-call]
        enabled=True,
    )
    return exporter


def notebook_to_html(
    notebook: Any, *, title: str, language: str = "vi", body_class: str = ""
) -> str:
    """Return a self-contained HTML page of the executed notebook's outputs.

    Raises
    ------
    ExportError
        When nbconvert fails.
    """
    resources_ = {
        "reportlib": {
            "title": title,
            "language": language,
            "version": __version__,
            "css": stylesheet(),
            "body_class": body_class,
            # Only a page with a sortable table (a province's scorecard) carries the script.
            "script": table_script()[0] if _has_sortable_table(notebook) else "",
            "script_hash": table_script()[1],
        }
    }
    try:
        body, _ = _exporter().from_notebook_node(notebook, resources=resources_)
    except Exception as error:  # nbconvert raises many kinds; the message is what matters
        raise ExportError(f"HTML conversion failed: {type(error).__name__}: {error}") from error
    return str(body)
