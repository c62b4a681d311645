"""The report's text: golden files pin what the sample districts' reports say.

Set REPORTLIB_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then
read the diff before committing it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from reportlib import count_sentence, load_params, prepare_report, render_part
from reportlib.engine.report import Report
from reportlib.render.narrative import PARTS, markdown

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REPORTLIB_UPDATE_GOLDEN") == "1"


def _report(root: Path, params: str, **override: object) -> Report:
    loaded = load_params(root / params, display=params)
    values = loaded.as_parameters() | override
    return prepare_report(values, root=root)


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}; run with REPORTLIB_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_count_sentences_of_every_sample_report(root: Path) -> None:
    lines = []
    for params in sorted((root / "params").rglob("*.yaml")):
        relative = params.relative_to(root).as_posix()
        for language in ("vi", "en"):
            report = _report(root, relative, language=language)
            lines.append(f"{relative} [{language}]: {count_sentence(report)}")
    _check_golden("count_sentences.txt", "\n".join(lines) + "\n")


def test_thap_muoi_2023_sentence_is_the_issue_story(root: Path) -> None:
    report = _report(root, "params/2023/thap-muoi.yaml")
    assert count_sentence(report) == (
        "9 tháng đầu năm 2023, đạt và vượt 05/11 chỉ tiêu, không đạt 01/11 chỉ tiêu, còn lại "
        "05/11 chỉ tiêu đang thực hiện; ước cả năm đạt và vượt 10/11 chỉ tiêu, 01/11 chỉ tiêu "
        "không đạt."
    )


@pytest.mark.parametrize(
    ("params", "language"),
    [
        ("params/2023/thap-muoi.yaml", "vi"),
        ("params/2023/thap-muoi.yaml", "en"),
        ("params/2022/thap-muoi.yaml", "vi"),
        ("params/2023/tp-hong-ngu.yaml", "vi"),
    ],
)
def test_every_part_of_the_sample_reports(root: Path, params: str, language: str) -> None:
    report = _report(root, params, language=language)
    text = "\n\n".join(f"<!-- {part} -->\n{render_part(report, part)}" for part in PARTS)
    name = params.removeprefix("params/").replace("/", "-").removesuffix(".yaml")
    _check_golden(f"{name}.{language}.html", text + "\n")


def test_zero_clauses_are_left_out(root: Path) -> None:
    report = _report(root, "params/2022/thap-muoi.yaml")
    sentence = count_sentence(report)
    assert "đang thực hiện" not in sentence and "chưa có số liệu" not in sentence
    assert "ước cả năm" not in sentence


def test_no_data_is_counted_and_named(root: Path) -> None:
    report = _report(root, "params/2023/tp-hong-ngu.yaml")
    assert report.counts.period["no_data"] == 1
    assert "01/11 chỉ tiêu chưa có số liệu" in count_sentence(report)
    assert "chưa có số liệu" in render_part(report, "shortfalls")


def test_unknown_part_names_the_parts(root: Path) -> None:
    report = _report(root, "params/2023/thap-muoi.yaml")
    with pytest.raises(ValueError, match="the parts are: frame, results"):
        render_part(report, "conclusion")


def test_analysts_markdown_renders_but_raw_html_and_unsafe_links_do_not() -> None:
    html = markdown(
        "**Đạt** kết quả [nguồn](https://example.org) <script>alert(1)</script> "
        "[x](javascript:alert(1)) ![ảnh](http://example.org/a.png) <b onclick=x>b</b>"
    )
    assert "<strong>Đạt</strong>" in html
    assert 'href="https://example.org"' in html
    tags = _tags(html)
    assert {name for name, _ in tags} <= {"p", "strong", "a"}
    hrefs = [dict(attrs).get("href") for name, attrs in tags if name == "a"]
    assert hrefs == ["https://example.org"]
    assert all(key in ("href", "rel") for _, attrs in tags for key, _ in attrs)
    assert "&lt;script&gt;" in html, "raw HTML shows as text"


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_input_text_is_escaped_in_every_part(root: Path, tmp_path: Path) -> None:
    table = (root / "tests" / "data" / "small.csv").read_text(encoding="utf-8")
    hostile = "<img src=x onerror=alert(1)>{{ 7*7 }}"
    (tmp_path / "t.csv").write_text(
        table.replace("Thu ngân sách;", f"Thu ngân sách {hostile};"), encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    report = prepare_report(
        {
            "district": "Tháp Mười",
            "year": 2023,
            "period_months": 9,
            "data": "t.csv",
            "decimal": ",",
        },
        root=tmp_path,
    )
    for part in PARTS:
        html = render_part(report, part)
        assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;{{ 7*7 }}" in render_part(report, "appendix")


@pytest.mark.parametrize(
    ("language", "words"),
    [("vi", "Cột % KH để trống với chỉ tiêu càng thấp càng tốt"), ("en", "blank where lower")],
)
def test_the_appendix_says_why_a_lower_is_better_row_has_no_percent(
    root: Path, language: str, words: str
) -> None:
    report = _report(root, "params/2023/thap-muoi.yaml", language=language)
    lower = [a for a in report.assessed if a.indicator.direction == "lower"]
    assert lower, "the sample has a lower-is-better indicator"
    assert words in render_part(report, "appendix")
    higher = replace(
        report,
        assessed=tuple(
            replace(a, indicator=replace(a.indicator, direction="higher")) for a in report.assessed
        ),
    )
    assert words not in render_part(higher, "appendix")
