"""The 2025-2026 Đồng Tháp sample: reproducible files, official units, a params file per unit."""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from openpyxl import load_workbook

from reportlib.engine.units import resolve_unit, units_of_province

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "dong-thap-2026"
PROVINCE_UNIT = "Tỉnh Đồng Tháp"
THAP_MUOI_2026 = (
    "9 tháng đầu năm 2026, đạt và vượt 04/12 chỉ tiêu, không đạt 01/12 chỉ tiêu, còn lại 07/12"
    " chỉ tiêu đang thực hiện; ước cả năm đạt và vượt 10/12 chỉ tiêu, 02/12 chỉ tiêu không đạt."
)
GENERATED_PARAMS = ("params/2026/dong-thap", "params/2026/dong-thap.yaml", "params/2025/dong-thap")


def run(script: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, str(script), str(out)], check=True, capture_output=True, cwd=ROOT
    )


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def committed_params() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name in GENERATED_PARAMS:
        path = ROOT / name
        paths = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        found |= {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in paths}
    return found


def table() -> list[dict[str, str]]:
    with (SAMPLE / "indicators.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def make_params(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Import the params script, which lives outside any package, for its status rules."""
    name = "_sample_2026_make_params"
    spec = importlib.util.spec_from_file_location(name, SAMPLE / "make_params.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --- the generators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "committed"),
    [
        ("data/dong-thap/make_sample.py", "data/dong-thap"),
        ("data/dong-thap-2026/make_sample.py", "data/dong-thap-2026"),
    ],
)
def test_a_sample_script_writes_the_committed_files_byte_for_byte_every_time(
    tmp_path: Path, script: str, committed: str
) -> None:
    run(ROOT / script, tmp_path / "first")
    run(ROOT / script, tmp_path / "second")
    first, second = files(tmp_path / "first"), files(tmp_path / "second")
    assert first == second
    assert first == {name: (ROOT / committed / name).read_bytes() for name in first}


def test_the_params_script_writes_the_committed_files_byte_for_byte_every_time(
    tmp_path: Path,
) -> None:
    script = SAMPLE / "make_params.py"
    run(script, tmp_path / "first")
    run(script, tmp_path / "second")
    first, second = files(tmp_path / "first"), files(tmp_path / "second")
    assert first == second
    assert len(first) == 104
    assert first == committed_params()


# --- the table --------------------------------------------------------------------------------


def test_the_table_holds_the_102_official_units_and_the_province() -> None:
    rows = table()
    assert len(rows) == 3501
    names = list(dict.fromkeys(r["Đơn vị"] for r in rows))
    official = [u.name for u in units_of_province("Đồng Tháp")]
    assert len(official) == 102
    assert names == [PROVINCE_UNIT, *official]
    for name in names:
        assert resolve_unit(name, province="Đồng Tháp", year=2026, period_months=9).name == name
    assert {r["Tỉnh"] for r in rows} == {"Đồng Tháp"}
    periods = Counter((r["Năm"], r["Kỳ"]) for r in rows)
    assert periods == {
        ("2025", "9 tháng"): 1133,
        ("2025", "Cả năm"): 1133,
        ("2026", "9 tháng"): 1235,
    }


def test_the_readme_story_of_xa_thap_muoi_2026_is_what_its_rows_give(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generator = make_params(monkeypatch)
    rows = [r for r in generator.read_table() if (r.unit, r.year) == ("Xã Tháp Mười", 2026)]
    assessed = [generator.assess(row, 9) for row in rows]
    period = Counter(a.period_status for a in assessed)
    year_end = Counter(a.year_end_status for a in assessed)
    assert len(rows) == 12
    assert period["met"] + period["exceeded"] == 4
    assert (period["not_met"], period["in_progress"]) == (1, 7)
    assert (year_end["met"] + year_end["exceeded"], year_end["not_met"]) == (10, 2)
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    quoted = " ".join(line[2:] for line in readme.splitlines() if line.startswith("> "))
    assert quoted == THAP_MUOI_2026


# --- the params files -------------------------------------------------------------------------


def load(path: Path) -> dict[str, object]:
    values = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(values, dict)
    return values


def test_every_unit_has_a_params_file_that_names_it_and_whose_data_exists() -> None:
    paths = sorted((ROOT / "params" / "2026" / "dong-thap").glob("*.yaml"))
    paths.append(ROOT / "params" / "2026" / "dong-thap.yaml")
    by_unit: dict[object, Path] = {}
    for path in paths:
        assert re.fullmatch(r"[a-z0-9-]+\.yaml", path.name), path.name
        values = load(path)
        assert values["unit"] not in by_unit, f"{values['unit']} twice"
        by_unit[values["unit"]] = path
        assert (values["province"], values["year"], values["period_months"]) == (
            "Đồng Tháp", 2026, 9,
        )  # fmt: skip
        assert values["decimal"] == ","
        data = ROOT / str(values["data"])
        assert data.is_file(), data
        assert data.resolve().is_relative_to(ROOT)
    assert set(by_unit) == {r["Đơn vị"] for r in table()}
    assert by_unit["Xã Tháp Mười"].name == "xa-thap-muoi.yaml"
    assert by_unit["Phường Cao Lãnh"].name == "phuong-cao-lanh.yaml"
    assert by_unit["Xã Đốc Binh Kiều"].name == "xa-doc-binh-kieu.yaml"
    assert by_unit[PROVINCE_UNIT] == ROOT / "params" / "2026" / "dong-thap.yaml"


def test_xa_thap_muoi_has_a_year_end_report_for_2025_and_both_have_their_frame() -> None:
    year_end = load(ROOT / "params" / "2025" / "dong-thap" / "xa-thap-muoi.yaml")
    assert (year_end["unit"], year_end["year"], year_end["period_months"]) == (
        "Xã Tháp Mười", 2025, 12,
    )  # fmt: skip
    nine = load(ROOT / "params" / "2026" / "dong-thap" / "xa-thap-muoi.yaml")
    for values, month in ((year_end, 1), (nine, 10)):
        document = values["document"]
        assert isinstance(document, dict)
        assert document["agency"] == "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI"
        assert document["place"] == "Tháp Mười"
        assert (document["date"].year, document["date"].month) == (2026, month)
        assert "UBND tỉnh Đồng Tháp" in document["recipients"]
        sections = values["sections"]
        assert isinstance(sections, dict)
        assert set(sections) == {"strengths", "limitations", "causes", "directions"}
    # the 2026 limitations name the three indicators behind or missed, with their figures
    limitations = " ".join(nine["sections"]["limitations"])  # type: ignore[index]
    for figure in ("52,4%", "17 tiêu chí", "13 vụ"):
        assert figure in limitations


def test_the_phu_luc_workbook_opens_with_its_merged_two_row_header() -> None:
    workbook = load_workbook(SAMPLE / "phu-luc-thap-muoi.xlsx")
    assert workbook.sheetnames == ["Xã Tháp Mười"]
    sheet = workbook["Xã Tháp Mười"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A8:A9", "B8:B9", "C8:C9", "L8:L9", "D8:F8", "G8:I8", "J8:K8"} <= merged
    assert (sheet["D8"].value, sheet["G8"].value, sheet["J8"].value) == (
        "Năm 2025", "Năm 2026", "So sánh (%)",
    )  # fmt: skip
    assert [sheet.cell(9, c).value for c in range(4, 12)] == [
        "Kế hoạch", "TH 9 tháng", "TH cả năm", "Kế hoạch", "TH 9 tháng", "Ước TH cả năm",
        "TH/KH", "TH/CK",
    ]  # fmt: skip
    assert sheet["A10"].value == "A" and sheet["J10"].value == "7=5/4"
