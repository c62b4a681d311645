"""Reading drafts: every format into placed paragraphs, legacy letters repaired, TCVN3 refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.data.drafts.generate import SEED, TCVN3, VNI, write_draft

from reportlib.errors import DraftError
from reportlib.verify.drafts import read_draft
from reportlib.verify.sentences import Paragraph, split_sentences


def test_text_paragraphs_split_on_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Dòng một\nnối tiếp.\n\n\nĐoạn hai.\n", encoding="utf-8")
    draft = read_draft(path)
    assert [(p.text, p.where) for p in draft.paragraphs] == [
        ("Dòng một nối tiếp.", "paragraph 1"),
        ("Đoạn hai.", "paragraph 2"),
    ]


def test_markdown_loses_its_markup(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "draft.md", SEED[:2], table=["đạt 1 xã"])
    texts = [p.text for p in read_draft(path).paragraphs]
    assert texts[0].startswith("BÁO CÁO")  # no '# '
    assert texts[-1] == "đạt 1 xã"
    assert not any("|" in t or "**" in t for t in texts)


def test_docx_paragraphs_and_table_cells_in_document_order(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "draft.docx", SEED[:2], table=["đạt 1 xã", "đạt 2 xã"])
    wheres = [p.where for p in read_draft(path).paragraphs]
    assert wheres == [
        "paragraph 1",
        "paragraph 2",
        "table 1, row 1",
        "table 1, row 1",
        "table 1, row 2",
        "table 1, row 2",
        "paragraph 3",
    ]


def test_pdf_text_layer_by_page(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "draft.pdf", SEED)
    draft = read_draft(path)
    assert {p.where for p in draft.paragraphs} == {"page 1"}
    assert any("còn lại 06/11 chỉ tiêu đang thực hiện" in p.text for p in draft.paragraphs)


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_legacy_letters_repaired(tmp_path: Path, suffix: str) -> None:
    path = write_draft(tmp_path / f"draft{suffix}", SEED)
    heading = read_draft(path).paragraphs[0].text
    assert "Chương trình" in heading
    assert "\u01a3" not in heading


@pytest.mark.parametrize(
    ("lines", "encoding"), [(TCVN3, "TCVN3 (ABC)"), (VNI, "VNI")], ids=["tcvn3", "vni"]
)
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_legacy_font_draft_refused_with_its_name(
    tmp_path: Path, lines: tuple[str, ...], encoding: str, suffix: str
) -> None:
    path = write_draft(tmp_path / f"draft{suffix}", lines)
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    message = str(caught.value)
    assert encoding in message
    assert "Unikey" in message
    assert "05/11" not in message  # no claims read out of garbage


def test_one_legacy_paragraph_among_many_is_skipped_with_a_note(tmp_path: Path) -> None:
    paragraphs = [*(f"Đoạn văn số {n} viết bằng Unicode." for n in range(1, 10)), TCVN3[0]]
    draft = read_draft(write_draft(tmp_path / "draft.txt", paragraphs))
    assert len(draft.paragraphs) == 9
    assert [(s.where, s.encoding) for s in draft.skipped] == [("paragraph 10", "TCVN3 (ABC)")]


def test_legacy_bytes_named(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(TCVN3[1].encode("cp1252", errors="replace"))
    with pytest.raises(DraftError, match="TCVN3"):
        read_draft(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [("draft.doc", "cannot read a .doc file"), ("missing.txt", "no such file")],
)
def test_bad_paths_are_one_clear_error(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    if path.suffix == ".doc":
        path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DraftError, match=re.escape(message)):
        read_draft(path)


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(DraftError, match=r"not a Word \.docx file"):
        read_draft(path)


def test_sentence_runs_on_over_list_paragraphs() -> None:
    paragraphs = [
        Paragraph("9 tháng đầu năm 2023:", "paragraph 1"),
        Paragraph("- đạt và vượt 05/11 chỉ tiêu;", "paragraph 2"),
        Paragraph("- không đạt 01/11 chỉ tiêu.", "paragraph 3"),
        Paragraph("TP. Cao Lãnh đạt 5 sao. Câu mới.", "paragraph 4"),
    ]
    sentences = split_sentences(paragraphs)
    assert [s.wheres for s in sentences] == [
        ("paragraph 1", "paragraph 2", "paragraph 3"),
        ("paragraph 4",),
        ("paragraph 4",),
    ]
    first = sentences[0]
    assert first.where(first.text.index("không đạt")) == "paragraph 3"
