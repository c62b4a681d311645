"""Params files (SPEC §4): checked before any kernel starts, with a suggestion for every typo."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from reportlib.engine.params import (
    ReportParams,
    check_params,
    find_params_files,
    load_params,
    resolve_data,
)
from reportlib.errors import ParamsError

PROJECT = Path(__file__).resolve().parents[1]

VALID = """\
district: Tháp Mười
province: Đồng Tháp
year: 2023
period_months: 9
data: data/dong-thap/indicators.csv
language: vi
decimal: ","
sheet: Chỉ tiêu
document:
  agency: ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI
  number: 245/BC-UBND
  place: Tháp Mười
  date: 2023-10-05
  signer: Nguyễn Văn A
  signer_title: CHỦ TỊCH
  recipients: [Ban Chấp hành Đảng bộ huyện, "Lưu: VT"]
sections:
  strengths: Kinh tế tăng trưởng khá.
  limitations: [Giải ngân chậm.]
  causes: [Vốn phân bổ muộn.]
  directions: [Đẩy nhanh giải ngân.]
"""

MINIMAL = {"district": "Tháp Mười", "year": 2023, "period_months": 9, "data": "d.csv"}


def write(tmp_path: Path, text: str, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def params_error(path: Path) -> str:
    with pytest.raises(ParamsError) as caught:
        load_params(path)
    return str(caught.value)


# --- valid files ----------------------------------------------------------------------------


def test_valid_file(tmp_path: Path) -> None:
    params = load_params(write(tmp_path, VALID))
    assert params.district == "Tháp Mười"
    assert params.province == "Đồng Tháp"
    assert (params.year, params.period_months) == (2023, 9)
    assert params.data == "data/dong-thap/indicators.csv"
    assert (params.language, params.decimal, params.sheet) == ("vi", ",", "Chỉ tiêu")
    assert params.document is not None
    assert params.document.agency == "ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI"
    assert params.document.number == "245/BC-UBND"
    assert params.document.date == dt.date(2023, 10, 5)
    assert params.document.recipients == ("Ban Chấp hành Đảng bộ huyện", "Lưu: VT")
    assert params.sections.strengths == "Kinh tế tăng trưởng khá."
    assert params.sections.limitations == ("Giải ngân chậm.",)
    assert params.source == str(tmp_path / "report.yaml")


def test_minimal_file_takes_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "district: Tháp Mười\nyear: 2023\nperiod_months: 12\ndata: d.csv\n")
    params = load_params(path, display="params/2023/x.yaml")
    assert (params.language, params.decimal, params.sheet, params.document) == (
        "vi",
        None,
        None,
        None,
    )
    assert params.source == "params/2023/x.yaml"


@pytest.mark.parametrize(
    "path",
    sorted((PROJECT / "params").rglob("*.yaml")),
    ids=lambda p: p.relative_to(PROJECT).as_posix(),
)
def test_every_shipped_params_file_is_valid(path: Path) -> None:
    assert isinstance(load_params(path), ReportParams)


def test_none_values_count_as_absent() -> None:
    params = check_params({**MINIMAL, "sheet": None, "decimal": None, "document": None})
    assert (params.sheet, params.decimal, params.document) == (None, None, None)


def test_as_parameters_checks_back_to_the_same_params(tmp_path: Path) -> None:
    params = load_params(write(tmp_path, VALID))
    again = check_params(params.as_parameters(), source=params.source)
    assert again == params


# --- unknown keys ---------------------------------------------------------------------------


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path, "distric: Tháp Mười\nyear: 2023\nperiod_months: 9\ndata: d.csv\n")
    message = params_error(path)
    assert f"{path}: unknown key 'distric'; did you mean 'district'?" in message


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [("peroid_months", "period_months"), ("langauge", "language"), ("decimals", "decimal")],
)
def test_other_top_level_typos(key: str, suggestion: str) -> None:
    with pytest.raises(ParamsError, match=f"did you mean '{suggestion}'"):
        check_params({**MINIMAL, key: "x"})


def test_unknown_key_without_near_match_lists_valid_keys() -> None:
    with pytest.raises(ParamsError, match="valid keys: unit, district, official, province"):
        check_params({**MINIMAL, "zzzz": 1})


def test_unknown_nested_document_key_suggests(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        district: Tháp Mười
        year: 2023
        period_months: 9
        data: d.csv
        document:
          agency: UBND
          agencey: UBND huyện
        """,
    )
    message = params_error(path)
    assert "unknown key 'document.agencey'" in message
    assert "did you mean 'agency'" in message


def test_unknown_nested_sections_key_suggests() -> None:
    with pytest.raises(ParamsError, match=r"'sections.strenghts'.*did you mean 'strengths'"):
        check_params({**MINIMAL, "sections": {"strenghts": "x"}})


# --- wrong types and values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("year", "abc", "key 'year': value 'abc' is not a whole number from 1900 to 2200"),
        ("year", 2023.5, "key 'year'"),
        ("year", True, "key 'year'"),
        ("period_months", 13, "key 'period_months': value 13 is not a whole number from 1 to 12"),
        ("period_months", 0, "key 'period_months': value 0"),
        ("language", "fr", "key 'language': value 'fr' is not one of vi, en"),
        ("decimal", ";", "key 'decimal': value ';' is not ',' or '.'"),
        ("decimal", 0.5, "key 'decimal'"),
        ("district", 123, "key 'district': value 123 is not a non-empty text"),
        ("district", "  ", "key 'district'"),
        ("document", "UBND", "key 'document': value 'UBND' is not a mapping"),
        ("sections", ["a"], "key 'sections'"),
        ("sheet", ["a"], "key 'sheet'"),
    ],
)
def test_wrong_type_or_value_names_key_and_value(key: str, value: object, expected: str) -> None:
    with pytest.raises(ParamsError) as caught:
        check_params({**MINIMAL, key: value}, source="params/2023/x.yaml")
    assert f"params/2023/x.yaml: {expected}" in str(caught.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        district: Tháp Mười
        year: abc
        period_months: 13
        data: d.csv
        language: fr
        decimal: ";"
        """,
    )
    lines = params_error(path).splitlines()
    assert len(lines) == 4
    assert all(line.startswith(f"{path}: key '") for line in lines)


def test_year_written_as_quoted_digits_is_accepted() -> None:
    assert check_params({**MINIMAL, "year": "2023"}).year == 2023


def test_missing_required_keys(tmp_path: Path) -> None:
    message = params_error(write(tmp_path, "province: Đồng Tháp\n"))
    for key in ("unit", "year", "period_months", "data"):
        assert f"missing key '{key}'" in message


def test_document_without_agency() -> None:
    with pytest.raises(ParamsError, match=r"document\.agency"):
        check_params({**MINIMAL, "document": {"number": "1/BC"}})


def test_document_recipients_must_be_texts() -> None:
    with pytest.raises(ParamsError, match=r"document\.recipients"):
        check_params({**MINIMAL, "document": {"agency": "UBND", "recipients": [1, 2]}})


# --- file-level problems --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    message = params_error(path)
    assert str(path) in message
    assert "empty" in message


def test_yaml_list_instead_of_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "- district: Tháp Mười\n- year: 2023\n")
    message = params_error(path)
    assert str(path) in message
    assert "mapping" in message


def test_plain_text_instead_of_mapping(tmp_path: Path) -> None:
    assert "mapping" in params_error(write(tmp_path, "Tháp Mười 2023\n"))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "district: Tháp Mười\nyear: 2023\n  period_months: 9\ndata: d.csv\n")
    message = params_error(path)
    assert str(path) in message
    assert "not valid YAML" in message
    assert "line 3" in message


def test_unclosed_bracket_names_a_line(tmp_path: Path) -> None:
    path = write(tmp_path, "district: A\nyear: 2023\nrecipients: [a, b\n")
    assert "line " in params_error(path)


def test_missing_params_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    message = params_error(path)
    assert str(path) in message
    assert "cannot read" in message


def test_non_utf8_params_file(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.yaml"
    path.write_bytes(b"district: Th\xe1p M\xfd\xf5\xcci\nyear: 2023\n")
    assert "not UTF-8" in params_error(path)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "district: Tháp Mười\nyear: 2023\nperiod_months: 9\ndata: d.csv\ndistrict: Cao Lãnh\n",
    )
    with pytest.raises(ParamsError, match="district"):
        load_params(path)


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["2023-10-05", "'2023-10-05'", '"2023-10-05"', "2023-10-05 08:30:00"]
)
def test_document_date_as_yaml_date_or_iso_text(tmp_path: Path, written: str) -> None:
    path = write(
        tmp_path,
        f"district: A\nyear: 2023\nperiod_months: 9\ndata: d.csv\n"
        f"document:\n  agency: UBND\n  date: {written}\n",
    )
    params = load_params(path)
    assert params.document is not None
    assert params.document.date == dt.date(2023, 10, 5)
    assert params.as_parameters()["document"]["date"] == "2023-10-05"


@pytest.mark.parametrize("written", ["05/10/2023", "'ngày 5 tháng 10'", "20231005"])
def test_document_date_in_another_form_is_an_error(tmp_path: Path, written: str) -> None:
    path = write(
        tmp_path,
        f"district: A\nyear: 2023\nperiod_months: 9\ndata: d.csv\n"
        f"document:\n  agency: UBND\n  date: {written}\n",
    )
    assert "key 'document.date'" in params_error(path)


# --- resolve_data ---------------------------------------------------------------------------


def _with_data(data: str) -> ReportParams:
    return check_params({**MINIMAL, "data": data}, source="params/x.yaml")


def test_resolve_data_relative_to_root(tmp_path: Path) -> None:
    assert resolve_data(_with_data("data/t.csv"), tmp_path) == (tmp_path / "data/t.csv").resolve()


@pytest.mark.parametrize("data", ["../../etc/passwd", "data/../../outside.csv", "/etc/passwd"])
def test_resolve_data_refuses_paths_outside_the_root(tmp_path: Path, data: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    with pytest.raises(ParamsError) as caught:
        resolve_data(_with_data(data), root)
    message = str(caught.value)
    assert "params/x.yaml: key 'data'" in message
    assert repr(data) in message
    assert "outside" in message


def test_resolve_data_allows_outside_when_asked(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    outside = tmp_path / "shared" / "t.csv"
    assert resolve_data(_with_data(str(outside)), root, allow_outside=True) == outside.resolve()
    assert resolve_data(_with_data("../shared/t.csv"), root, allow_outside=True) == (
        outside.resolve()
    )


def test_resolve_data_absolute_path_inside_root_is_fine(tmp_path: Path) -> None:
    inside = tmp_path / "data" / "t.csv"
    assert resolve_data(_with_data(str(inside)), tmp_path) == inside.resolve()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_resolve_data_refuses_a_symlink_leading_outside(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    secret = tmp_path / "secret.csv"
    secret.write_text("x", encoding="utf-8")
    (root / "data" / "link.csv").symlink_to(secret)
    with pytest.raises(ParamsError, match="outside"):
        resolve_data(_with_data("data/link.csv"), root)


# --- find_params_files ----------------------------------------------------------------------


@pytest.fixture
def params_tree(tmp_path: Path) -> Path:
    for name in ("2023/b.yaml", "2023/a.yml", "2022/c.yaml", "2022/notes.md", "README.txt"):
        path = tmp_path / "params" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x: 1\n", encoding="utf-8")
    return tmp_path


def test_find_params_files_default_folder(params_tree: Path) -> None:
    found = find_params_files(None, params_tree)
    assert [p.relative_to(params_tree / "params").as_posix() for p in found] == [
        "2022/c.yaml",
        "2023/a.yml",
        "2023/b.yaml",
    ]


def test_find_params_files_folder_and_file_without_duplicates(params_tree: Path) -> None:
    folder = str(params_tree / "params" / "2023")
    one = str(params_tree / "params" / "2023" / "b.yaml")
    found = find_params_files([folder, one], params_tree)
    assert [p.name for p in found] == ["a.yml", "b.yaml"]


def test_find_params_files_missing_path(params_tree: Path) -> None:
    missing = params_tree / "params" / "2021"
    with pytest.raises(ParamsError, match="no such params file or folder") as caught:
        find_params_files([str(missing)], params_tree)
    assert str(missing) in str(caught.value)


def test_find_params_files_refuses_a_non_yaml_file(params_tree: Path) -> None:
    with pytest.raises(ParamsError, match="not a params file"):
        find_params_files([str(params_tree / "params" / "2022" / "notes.md")], params_tree)


def test_find_params_files_on_the_shipped_project() -> None:
    assert len(find_params_files(None, PROJECT)) == 128


# --- output formats -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [(None, ()), (["docx", "html"], ("docx", "html")), ("pdf, XLSX,pdf", ("pdf", "xlsx"))],
)
def test_formats_as_a_list_or_comma_text(written: object, expected: tuple[str, ...]) -> None:
    assert check_params({**MINIMAL, "formats": written}).formats == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (["html", "dox"], "key 'formats': unknown format 'dox'; did you mean 'docx'? (choose from"),
        ("word", "key 'formats': unknown format 'word' (choose from html, pdf, docx, xlsx)"),
        ([], "key 'formats': no format given; choose from html, pdf, docx, xlsx"),
        (3, "key 'formats': value 3 is not a list of formats"),
    ],
)
def test_bad_formats_name_the_key_and_the_choices(written: object, message: str) -> None:
    with pytest.raises(ParamsError) as raised:
        check_params({**MINIMAL, "formats": written}, source="p.yaml")
    assert f"p.yaml: {message}" in str(raised.value)


def test_a_typo_of_formats_suggests_it() -> None:
    with pytest.raises(ParamsError, match=r"unknown key 'format'; did you mean 'formats'\?"):
        check_params({**MINIMAL, "format": ["pdf"]})


def test_build_formats_come_from_the_command_else_the_params_else_html_and_pdf(
    small_project: Path,
) -> None:
    from tests.conftest import write_params

    from reportlib.build.plan import DEFAULT_NOTEBOOK, BuildOptions, plan_job

    notebook = small_project / DEFAULT_NOTEBOOK
    plain = small_project / "params" / "alpha.yaml"
    asking = write_params(small_project / "params" / "office.yaml", "Alpha", formats="[docx, xlsx]")
    default = BuildOptions(root=small_project, outputs=small_project / "outputs")
    assert plan_job(plain, default, notebook).formats == ("html", "pdf")
    assert plan_job(asking, default, notebook).formats == ("docx", "xlsx")
    told = BuildOptions(root=small_project, outputs=small_project / "outputs", formats=("html",))
    assert plan_job(asking, told, notebook).formats == ("html",)
