"""The executed notebook to HTML: the analyst's hidden cells go, nothing else changes."""

from __future__ import annotations

import nbformat
import pytest

from reportlib.publish.html import notebook_to_html


def _notebook() -> nbformat.NotebookNode:
    v4 = nbformat.v4
    cells = [
        v4.new_markdown_cell("# Báo cáo thử"),
        v4.new_code_cell("print('kept')", metadata={"tags": []}),
        v4.new_code_cell("print('hidden one')", metadata={"tags": ["reportlib-hide"]}),
        v4.new_code_cell("print('hidden two')", metadata={"tags": ["remove-cell"]}),
        v4.new_code_cell("x = 1  # only whitespace below"),
    ]
    cells[1].outputs = [v4.new_output("stream", name="stdout", text="dòng giữ lại\n")]
    cells[2].outputs = [v4.new_output("stream", name="stdout", text="dòng ẩn một\n")]
    cells[3].outputs = [v4.new_output("stream", name="stdout", text="dòng ẩn hai\n")]
    return v4.new_notebook(cells=cells)


def test_hidden_cells_are_removed_and_the_rest_is_kept() -> None:
    html = notebook_to_html(_notebook(), title="Thử", language="vi")
    assert "Báo cáo thử" in html and "dòng giữ lại" in html
    assert "dòng ẩn một" not in html and "dòng ẩn hai" not in html
    assert "print(" not in html  # code is never shown


def test_the_notebook_is_validated_once_not_after_every_preprocessor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notebook = _notebook()
    calls = []
    original = nbformat.validate

    def counting(*args: object, **kwargs: object) -> None:
        calls.append(1)
        original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(nbformat, "validate", counting)
    notebook_to_html(notebook, title="Thử", language="vi")
    assert len(calls) == 1
