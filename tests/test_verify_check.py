"""Checking claims against facts: counts, figures, rounding, the JSON of SPEC §7."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.data.drafts.generate import SEED, write_draft

from reportlib.errors import FactsError
from reportlib.verify import Facts, as_json, as_text, facts_from_mapping, verify


def status_object(**changes: Any) -> dict[str, Any]:
    """Return a small status object of SPEC §7 (9 months, 4 indicators)."""
    status: dict[str, Any] = {
        "district": "Alpha",
        "year": 2023,
        "period_months": 9,
        "counts": {
            "total": 4,
            "period": {"exceeded": 1, "met": 1, "not_met": 1, "in_progress": 1, "no_data": 0},
            "year_end": {"exceeded": 2, "met": 1, "not_met": 1, "in_progress": 0, "no_data": 0},
        },
        "indicators": [
            _indicator("A1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 285.6, 268.4, 68),
            _indicator("A2", "Tỷ lệ giải ngân vốn đầu tư công", "%", 38.5, 45.2, 38.5),
            _indicator("A3", "Tỷ lệ hộ nghèo", "%", 1.85, 2.6, None),
            _indicator("A4", "Số doanh nghiệp thành lập mới", "doanh nghiệp", 61, 54, 71.76),
        ],
    }
    status.update(changes)
    return status


def _indicator(
    indicator_id: str,
    name: str,
    unit: str,
    actual: float,
    previous: float,
    percent: float | None,
) -> dict[str, Any]:
    return {
        "indicator_id": indicator_id,
        "indicator": name,
        "unit": unit,
        "kind": "level",
        "direction": "higher",
        "actual": actual,
        "estimate": 436.2 if indicator_id == "A1" else None,
        "previous": previous,
        "percent_of_target": percent,
        "period_status": "met",
        "pace": None,
        "year_end_status": "met",
    }


@pytest.fixture
def facts() -> Facts:
    return facts_from_mapping(status_object())


def check(tmp_path: Path, facts: Facts | None, *paragraphs: str) -> list[tuple[str, ...]]:
    path = write_draft(tmp_path / "draft.txt", paragraphs)
    found = verify(path, facts).claims
    return [(c.kind, c.text, c.status, c.expected or "") for c in found]


def test_facts_read_the_status_object(facts: Facts) -> None:
    assert (facts.unit, facts.year, facts.period_months, facts.total) == ("Alpha", 2023, 9, 4)
    budget, disbursement, *_ = facts.indicators
    assert budget.actual == Decimal("285.6")  # through its text, not a binary float
    # No 'change' in the object: computed as the engine states it.
    assert not budget.change_in_points
    assert budget.change is not None and round(budget.change, 2) == Decimal("6.41")
    assert disbursement.change_in_points
    assert disbursement.change == Decimal("-6.70")


def test_facts_take_a_given_change_and_the_unit_key() -> None:
    status = status_object(unit="Xã Alpha")
    status["indicators"][0] |= {"change": 7, "change_in_points": False}
    facts = facts_from_mapping(status)
    assert facts.unit == "Xã Alpha"
    assert facts.indicators[0].change == Decimal(7)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": "2023"}, "'year' to be a whole number"),
        ({"counts": {"total": 4, "period": {"done": 1}, "year_end": {}}}, "unknown status"),
        ({"indicators": [{"indicator": "X", "period_status": "good"}]}, "period_status"),
    ],
)
def test_bad_status_object_named(change: dict[str, Any], message: str) -> None:
    with pytest.raises(FactsError, match=message):
        facts_from_mapping(status_object(**change))


def test_counts_checked_against_the_table(tmp_path: Path, facts: Facts) -> None:
    found = check(
        tmp_path,
        facts,
        "9 tháng đầu năm 2023, đạt và vượt 02/4 chỉ tiêu, không đạt 02/4 chỉ tiêu.",
        "Ước cả năm đạt và vượt 03/4 chỉ tiêu. Dự kiến cả năm sẽ đạt 24/25 chỉ tiêu.",
        "6 tháng đầu năm 2023, không đạt 01/4 chỉ tiêu.",
    )
    assert found == [
        ("count_set", "đạt và vượt 02/4 chỉ tiêu, không đạt 02/4 chỉ tiêu", "ok", ""),
        ("count", "đạt và vượt 02/4 chỉ tiêu", "ok", "02/4"),
        ("count", "không đạt 02/4 chỉ tiêu", "wrong", "01/4"),
        ("count", "đạt và vượt 03/4 chỉ tiêu", "ok", "03/4"),
        ("count", "đạt 24/25 chỉ tiêu", "unchecked", ""),
        ("count", "không đạt 01/4 chỉ tiêu", "unchecked", ""),  # another period
    ]


def test_seed_is_inconsistent_without_a_table(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "seed.txt", SEED)
    verification = verify(path)
    (inconsistent,) = [c for c in verification.claims if c.status == "inconsistent"]
    assert inconsistent.kind == "count_set"
    assert "12, not 11" in inconsistent.reason
    assert "05 + 01 + 06" in inconsistent.reason
    assert inconsistent.where == "paragraph 2"
    assert not verification.ok
    assert {c.status for c in verification.claims} == {"inconsistent", "unchecked"}


def test_figures_rounded_to_the_drafts_precision(tmp_path: Path, facts: Facts) -> None:
    found = check(
        tmp_path,
        facts,
        "Thu ngân sách nhà nước trên địa bàn đạt 286 tỷ đồng, bằng 68% kế hoạch, "
        "tăng 6,4% so với cùng kỳ; ước cả năm đạt 436,2 tỷ đồng.",
        "Tỷ lệ giải ngân vốn đầu tư công đạt 38,5%, tăng 6,7% so với cùng kỳ.",
        "Tỷ lệ hộ nghèo giảm còn 1,9%.",
        "Số doanh nghiệp thành lập mới đạt 61 doanh nghiệp, bằng 71,7% kế hoạch.",
    )
    assert found == [
        ("value", "Thu ngân sách nhà nước trên địa bàn đạt 286 tỷ đồng", "ok", "285,6 tỷ đồng"),
        ("percent_of_plan", "bằng 68% kế hoạch", "ok", "68%"),
        ("change", "tăng 6,4% so với cùng kỳ", "ok", "+6,4%"),
        ("value", "đạt 436,2 tỷ đồng", "ok", "436,2 tỷ đồng"),
        ("value", "Tỷ lệ giải ngân vốn đầu tư công đạt 38,5%", "ok", "38,5%"),
        # A rate's change is in points, and it went down.
        ("change", "tăng 6,7% so với cùng kỳ", "wrong", "-6,7 percentage points"),
        ("value", "Tỷ lệ hộ nghèo giảm còn 1,9%", "ok", "1,85%"),  # 1,85 -> 1,9 half up
        ("value", "Số doanh nghiệp thành lập mới đạt 61 doanh nghiệp", "ok", "61 doanh nghiệp"),
        ("percent_of_plan", "bằng 71,7% kế hoạch", "wrong", "71,76%"),
    ]


def test_figure_not_in_the_table_is_unchecked(tmp_path: Path, facts: Facts) -> None:
    found = check(tmp_path, facts, "Tổng vốn đầu tư toàn xã hội đạt 1.234,5 tỷ đồng, tăng 5%.")
    assert [(kind, status) for kind, _, status, _ in found] == [
        ("value", "unchecked"),
        ("change", "unchecked"),
    ]


def test_json_shape(tmp_path: Path, facts: Facts) -> None:
    path = write_draft(tmp_path / "draft.txt", [*SEED, "Tỷ lệ hộ nghèo giảm còn 1,95%."])
    document = json.loads(json.dumps(as_json(verify(path, facts))))
    assert set(document) >= {"claims"}
    assert document["claims"], "claims found"
    for claim in document["claims"]:
        assert {"text", "where", "status", "expected", "kind", "reason"} <= set(claim)
        assert claim["status"] in {"ok", "wrong", "inconsistent", "unchecked"}
        assert isinstance(claim["text"], str) and isinstance(claim["where"], str)
        assert claim["expected"] is None or isinstance(claim["expected"], str)
    poverty = document["claims"][-1]
    assert poverty == {
        "text": "Tỷ lệ hộ nghèo giảm còn 1,95%",
        "where": "paragraph 5",
        "status": "wrong",
        "expected": "1,85%",
        "kind": "value",
        "reason": "the table gives 1,85% for the value",
        "indicator": "Tỷ lệ hộ nghèo",
        "scope": "period",
    }
    (count,) = [c for c in document["claims"] if c["text"] == "không đạt 01/11 chỉ tiêu"]
    assert (count["category"], count["scope"], count["set"]) == ("not_met", "period", 1)


def test_human_text_quotes_each_claim_and_sums_up(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "seed.txt", SEED)
    text = as_text(verify(path))
    assert 'paragraph 2: inconsistent: "đạt và vượt 05/11 chỉ tiêu' in text
    assert text.splitlines()[-1].endswith("1 inconsistent, 7 unchecked, 0 ok")
