"""Finding count claims and figures in sentences, and grouping counts into sets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.data.drafts.generate import SEED

from reportlib.verify.claims import CountSet, find_counts, group_sets
from reportlib.verify.figures import find_figures, match_name
from reportlib.verify.numbers import format_vi, read_number, round_half_up
from reportlib.verify.sentences import Paragraph, split_sentences

NAMES = (
    "Thu ngân sách nhà nước trên địa bàn",
    "Tỷ lệ hộ nghèo",
    "Tỷ lệ hộ dân sử dụng nước sạch",
    "Tỷ lệ giải ngân vốn đầu tư công",
    "Số sản phẩm OCOP đạt 3 sao trở lên",
)


def sets_of(*texts: str) -> tuple[CountSet, ...]:
    paragraphs = [Paragraph(t, f"paragraph {n}") for n, t in enumerate(texts, start=1)]
    return group_sets(find_counts(split_sentences(paragraphs)))


def test_seed_sentence_is_12_of_11() -> None:
    (seed, other) = sets_of(*SEED)
    assert seed.total == 11
    assert seed.parts_sum == 12
    assert seed.inconsistent
    assert [c.category for c in seed.claims] == ["met_or_exceeded", "not_met", "in_progress"]
    assert other.total == 25  # a different set, never merged with the 11
    assert [c.text for c in other.claims] == ["đạt 24/25 chỉ tiêu"]
    assert other.claims[0].scope.scope == "year_end"
    assert not other.inconsistent


@pytest.mark.parametrize(
    ("text", "category", "scope", "count", "total"),
    [
        ("đạt và vượt 05/11 chỉ tiêu", "met_or_exceeded", "period", 5, 11),
        ("không đạt 01/11 chỉ tiêu", "not_met", "period", 1, 11),
        ("01/11 chỉ tiêu không đạt", "not_met", "period", 1, 11),
        ("còn lại 06/11 chỉ tiêu đang thực hiện", "in_progress", "period", 6, 11),
        ("06/11 chỉ tiêu chưa có số liệu", "no_data", "period", 6, 11),
        ("ước cả năm đạt 10/11", "met_or_exceeded", "year_end", 10, 11),
        ("ước cả năm đạt và vượt 10/11 chỉ tiêu", "met_or_exceeded", "year_end", 10, 11),
        ("01 chỉ tiêu không đạt", "not_met", "period", 1, None),
        ("5 chỉ tiêu không đạt", "not_met", "period", 5, None),
        ("sẽ đạt 24/25 chỉ tiêu", "met_or_exceeded", "year_end", 24, 25),
        ("dự kiến cả năm có 02 chỉ tiêu chưa đạt", "not_met", "year_end", 2, None),
        ("9 tháng, 05 chỉ tiêu chưa đạt", "in_progress", "period", 5, None),
        ("vượt 3/11 chỉ tiêu", "exceeded", "period", 3, 11),
        ("trong tổng số 11 chỉ tiêu", "total_only", "period", 11, None),
    ],
)
def test_count_forms(text: str, category: str, scope: str, count: int, total: int | None) -> None:
    (count_set,) = sets_of(text)
    (claim,) = count_set.claims
    assert (claim.category, claim.scope.scope, claim.count, claim.total) == (
        category,
        scope,
        count,
        total,
    )


def test_units_are_their_own_set() -> None:
    sets = sets_of("Đạt và vượt 05/11 chỉ tiêu; có 45/102 xã, phường đạt và vượt toàn bộ chỉ tiêu.")
    assert [(s.total, s.claims[0].subject) for s in sets] == [(11, "indicators"), (102, "units")]
    assert sets[1].claims[0].text == "45/102 xã, phường đạt và vượt toàn bộ chỉ tiêu"


@pytest.mark.parametrize(
    "text",
    [
        "Thu ngân sách đạt 285,6 tỷ đồng, bằng 68% kế hoạch.",
        "Số doanh nghiệp thành lập mới đạt 61 doanh nghiệp.",
        "Theo Báo cáo số 05/11 ngày 05/11/2023 của UBND huyện, năm 2023 đạt 1 xã.",
        "Đã triển khai thực hiện 11/11 chỉ tiêu.",
    ],
)
def test_no_count_in_figures_dates_and_numbers(text: str) -> None:
    assert sets_of(text) == ()


def test_breakdown_with_exceeded_apart_reads_bare_dat_as_met() -> None:
    (count_set,) = sets_of(
        "Trong tổng số 11 chỉ tiêu, có 03 chỉ tiêu vượt, 02 chỉ tiêu đạt, "
        "01 chỉ tiêu không đạt, 05 chỉ tiêu chưa đạt."
    )
    assert count_set.total == 11
    assert [c.category for c in count_set.parts] == [
        "exceeded",
        "met",
        "not_met",
        "in_progress",
    ]
    assert count_set.parts_sum == 11
    assert not count_set.inconsistent


def test_period_and_year_end_of_one_sentence_are_two_sets() -> None:
    period, year_end = sets_of(
        "9 tháng đầu năm 2023, đạt và vượt 05/11 chỉ tiêu, không đạt 01/11 chỉ tiêu, còn lại "
        "05/11 chỉ tiêu đang thực hiện; ước cả năm đạt và vượt 10/11 chỉ tiêu, 01/11 chỉ tiêu "
        "không đạt."
    )
    assert (period.parts_sum, year_end.parts_sum) == (11, 11)
    assert period.claims[0].scope.months == 9
    assert {c.scope.scope for c in year_end.claims} == {"year_end"}


def test_a_part_alone_may_leave_the_rest_unsaid_but_not_exceed_the_total() -> None:
    (alone,) = sets_of("Năm 2023 không đạt 01/11 chỉ tiêu.")
    (too_many,) = sets_of("Năm 2023 đạt 12/11 chỉ tiêu.")
    assert not alone.inconsistent and not alone.judged
    assert too_many.inconsistent and too_many.judged


def figures_of(text: str, names: tuple[str, ...] = NAMES) -> list[tuple[object, ...]]:
    sentences = split_sentences([Paragraph(text, "paragraph 1")])
    return [
        (f.indicator, [(q.kind, q.number and q.number.value, q.measure) for q in f.quantities])
        for f in find_figures(sentences, names)
    ]


def test_figure_with_value_plan_and_change() -> None:
    text = (
        "Thu ngân sách nhà nước trên địa bàn đạt 285,6 tỷ đồng, bằng 68% kế hoạch, "
        "tăng 6,4% so với cùng kỳ."
    )
    assert figures_of(text) == [
        (
            "Thu ngân sách nhà nước trên địa bàn",
            [
                ("value", Decimal("285.6"), ""),
                ("percent_of_plan", Decimal("68"), "%"),
                ("change", Decimal("6.4"), "%"),
            ],
        )
    ]


def test_figure_lowered_rate_and_points() -> None:
    assert figures_of("Tỷ lệ hộ nghèo giảm còn 1,85%.") == [
        ("Tỷ lệ hộ nghèo", [("value", Decimal("1.85"), "")])
    ]
    text = "Tỷ lệ giải ngân vốn đầu tư công đạt 38,5%, giảm 6,7 điểm phần trăm so với cùng kỳ."
    assert figures_of(text) == [
        (
            "Tỷ lệ giải ngân vốn đầu tư công",
            [("value", Decimal("38.5"), ""), ("change", Decimal("-6.7"), "points")],
        )
    ]


def test_figure_names_shortened_and_holding_a_value_verb() -> None:
    text = (
        "Thu ngân sách trên địa bàn đạt 285,6 tỷ đồng; ước cả năm đạt 436,2 tỷ đồng. "
        "Số sản phẩm OCOP đạt 3 sao trở lên đạt 4 sản phẩm, bằng 66,7% kế hoạch."
    )
    found = figures_of(text)
    assert [name for name, _ in found] == [
        "Thu ngân sách nhà nước trên địa bàn",
        "Thu ngân sách nhà nước trên địa bàn",  # 'ước cả năm' goes on about it
        "Số sản phẩm OCOP đạt 3 sao trở lên",
    ]
    assert found[2][1][0] == ("value", Decimal("4"), "")


def test_figure_after_a_colon() -> None:
    text = "Tỷ lệ hộ nghèo: 1,85%, giảm 0,75 điểm phần trăm so với cùng kỳ."
    assert figures_of(text) == [
        (
            "Tỷ lệ hộ nghèo",
            [("value", Decimal("1.85"), ""), ("change", Decimal("-0.75"), "points")],
        )
    ]


def test_name_matching_is_accent_insensitive_and_refuses_far_names() -> None:
    assert match_name("TY LE HO NGHEO", NAMES) == ("Tỷ lệ hộ nghèo", ())
    assert match_name("Thu ngân sách", NAMES) == (None, ())  # too short to tell
    tied = ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ dân")
    assert match_name("Tỷ lệ hộ", tied) == (None, tied)


def test_running_text_numbers_are_no_figures_without_the_table() -> None:
    assert figures_of("Năm 2023 có 12 xã đạt 5 tiêu chí.", ()) == []


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("1.234,5", "1234.5", 1),
        ("75,3", "75.3", 1),
        ("285.6", "285.6", 1),
        ("1.234", "1234", 0),
        ("12.345.678", "12345678", 0),
        ("0,75", "0.75", 2),
    ],
)
def test_vietnamese_numbers(text: str, value: str, decimals: int) -> None:
    number = read_number(text)
    assert (number.value, number.decimals) == (Decimal(value), decimals)


def test_rounding_is_half_up_and_written_the_vietnamese_way() -> None:
    assert round_half_up(Decimal("2.125"), 2) == Decimal("2.13")
    assert round_half_up(Decimal("-6.65"), 1) == Decimal("-6.7")
    assert format_vi(Decimal("1234.5"), 1) == "1.234,5"
    assert format_vi(Decimal("38.50"), 2, keep_zeros=False) == "38,5"
