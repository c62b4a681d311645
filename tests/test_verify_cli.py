"""`reportlib verify`: its output and its exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.data.drafts.generate import SEED, TCVN3, sample_paragraphs, write_draft

from reportlib.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params/2023/thap-muoi.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--root", str(ROOT), "verify", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_seed_without_table_is_inconsistent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write_draft(tmp_path / "seed.txt", SEED)
    status, out, err = run(capsys, str(draft))
    assert status == 1
    assert "paragraph 2: inconsistent:" in out
    assert "05 + 01 + 06 = 12, not 11" in out
    assert err == ""


def test_sample_against_its_table_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write_draft(tmp_path / "sample.docx", sample_paragraphs(ROOT))
    status, out, _ = run(capsys, str(draft), "--params", str(PARAMS))
    assert status == 0
    assert "0 wrong, 0 inconsistent, 0 unchecked, 35 ok" in out.splitlines()[-1]


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = write_draft(tmp_path / "seed.md", SEED)
    status, out, _ = run(capsys, str(draft), "--params", str(PARAMS), "--json")
    assert status == 1
    document = json.loads(out)
    by_text = {c["text"]: c for c in document["claims"]}
    assert by_text["còn lại 06/11 chỉ tiêu đang thực hiện"]["status"] == "wrong"
    assert by_text["còn lại 06/11 chỉ tiêu đang thực hiện"]["expected"] == "05/11"
    assert by_text["đạt 24/25 chỉ tiêu"]["status"] == "unchecked"
    sets = [c for c in document["claims"] if c["kind"] == "count_set"]
    assert [c["status"] for c in sets] == ["inconsistent"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "no such file"),
        ("draft.odt", "cannot read a .odt file"),
        ("tcvn3.txt", "TCVN3 (ABC)"),
    ],
)
def test_bad_draft_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    path = tmp_path / name
    if name == "draft.odt":
        path.write_bytes(b"PK")
    elif name == "tcvn3.txt":
        write_draft(path, TCVN3)
    status, out, err = run(capsys, str(path), "--params", str(PARAMS))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_bad_params_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = write_draft(tmp_path / "seed.txt", SEED)
    status, _, err = run(capsys, str(draft), "--params", str(tmp_path / "nope.yaml"))
    assert status == 2
    assert err.startswith("reportlib: ") and "Traceback" not in err


def test_bad_command_line_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"]) == 2
    assert "DRAFT" in capsys.readouterr().err
