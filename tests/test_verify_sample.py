"""The Tháp Mười 2023 sample: its own sentences, in every format, against its own table."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.data.drafts.generate import sample_paragraphs, write_draft

from reportlib.verify import Facts, verify

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = [".txt", ".md", ".docx", ".pdf"]
# Two figures and one count changed by hand, and what the table says instead.
EDITS = {
    "đạt 285,6 tỷ đồng": ("đạt 295,6 tỷ đồng", "285,6 tỷ đồng"),
    "tăng 14% so với cùng kỳ": ("tăng 16% so với cùng kỳ", "+14%"),
    "còn lại 05/11 chỉ tiêu đang thực hiện": ("còn lại 06/11 chỉ tiêu đang thực hiện", "05/11"),
}


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return sample_paragraphs(ROOT)


@pytest.fixture(scope="module")
def facts() -> Facts:
    from reportlib.engine.params import load_params
    from reportlib.engine.report import prepare_report
    from reportlib.render.summary import status_json
    from reportlib.verify.adapter import facts_from_report

    report = prepare_report(load_params(ROOT / "params/2023/thap-muoi.yaml"), root=ROOT)
    return facts_from_report(report, status_json)


def test_sample_holds_what_the_checks_need(paragraphs: list[str]) -> None:
    joined = " ".join(paragraphs)
    assert all(original in joined for original in EDITS)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_sample_unchanged_is_all_ok(
    tmp_path: Path, paragraphs: list[str], facts: Facts, suffix: str
) -> None:
    draft = write_draft(tmp_path / f"draft{suffix}", paragraphs)
    verification = verify(draft, facts)
    statuses = [c.status for c in verification.claims]
    assert verification.ok
    assert set(statuses) == {"ok"}, [c for c in verification.claims if c.status != "ok"]
    kinds = [c.kind for c in verification.claims]
    # 5 counts in 2 sets; 10 figures with 10 values, 8 percents of plan, 10 changes.
    assert (kinds.count("count_set"), kinds.count("count")) == (2, 5)
    assert (kinds.count("value"), kinds.count("percent_of_plan"), kinds.count("change")) == (
        10,
        8,
        10,
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_sample_changed_by_hand_flags_exactly_those(
    tmp_path: Path, paragraphs: list[str], facts: Facts, suffix: str
) -> None:
    edited = []
    for paragraph in paragraphs:
        for original, (changed, _) in EDITS.items():
            paragraph = paragraph.replace(original, changed)
        edited.append(paragraph)
    draft = write_draft(tmp_path / f"draft{suffix}", edited)
    verification = verify(draft, facts)
    wrong = {
        (c.text.rsplit(" đạt ", 1)[-1] if c.kind == "value" else c.text, c.expected)
        for c in verification.claims
        if c.status == "wrong"
    }
    assert wrong == {
        ("295,6 tỷ đồng", "285,6 tỷ đồng"),
        ("tăng 16% so với cùng kỳ", "+14%"),
        ("còn lại 06/11 chỉ tiêu đang thực hiện", "05/11"),
    }
    # The changed count also breaks its own set: 5 + 1 + 6 = 12 of 11.
    (inconsistent,) = [c for c in verification.claims if c.status == "inconsistent"]
    assert "= 12, not 11" in inconsistent.reason
