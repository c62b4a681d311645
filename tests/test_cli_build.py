"""`reportlib build`, `list` and `index` from the command line, and the CI workflow's commands."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import write_params

from reportlib.cli.main import _parser, main


@pytest.mark.slow
def test_build_exit_status_names_each_failure(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_params(small_project / "params" / "nowhere.yaml", "Nowhere")
    status = main(["--root", str(small_project), "build", "--format", "html", "--jobs", "2"])
    assert status == 1
    err = capsys.readouterr().err
    assert "2 built, 0 up to date, 1 failed" in err
    assert "failed: nowhere" in err
    assert "value 'Nowhere': a unit in the table: Alpha, Beta, Gamma" in err
    assert (small_project / "outputs" / "alpha.html").is_file()
    assert not (small_project / "outputs" / "nowhere.html").exists()
    assert (
        main(
            [
                "--root",
                str(small_project),
                "build",
                str(small_project / "params" / "alpha.yaml"),
                "--format",
                "html",
            ]
        )
        == 0
    )


@pytest.mark.slow
def test_format_is_repeatable_and_wins_over_the_params(small_project: Path) -> None:
    write_params(small_project / "params" / "alpha.yaml", "Alpha", formats="[pdf, docx]")
    alpha = str(small_project / "params" / "alpha.yaml")
    outputs = small_project / "outputs"
    assert main(["--root", str(small_project), "build", alpha, "--format", "html"]) == 0
    assert sorted(p.suffix for p in outputs.glob("alpha.*")) == [".html", ".ipynb"]
    argv = ["--root", str(small_project), "build", alpha, "--format", "html", "--format", "xlsx"]
    assert main(argv) == 0
    assert sorted(p.suffix for p in outputs.glob("alpha.*")) == [".html", ".ipynb", ".xlsx"]
    assert main(["--root", str(small_project), "build", alpha]) == 0, "the params: pdf, docx"
    assert {".pdf", ".docx"} <= {p.suffix for p in outputs.glob("alpha.*")}


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--format", "docx,word"],
        ["build", "--jobs", "0"],
        ["build", "--shard", "3/2"],
        ["build", "params/does-not-exist.yaml"],
        ["frobnicate"],
    ],
)
def test_bad_command_lines_exit_2(
    small_project: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(small_project), *argv]) == 2
    assert capsys.readouterr().err.strip()


def test_list_json_and_shards(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(small_project), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == ["params/alpha.yaml", "params/beta.yaml"]
    shares = []
    for k in (1, 2, 3):
        assert main(["--root", str(small_project), "list", "--json", "--shard", f"{k}/3"]) == 0
        shares += json.loads(capsys.readouterr().out)
    assert sorted(shares) == listed


@pytest.mark.slow
def test_index_gathers_outputs_built_by_separate_jobs(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(small_project)
    for name in ("alpha", "beta"):
        assert (
            main(
                [
                    "--root",
                    root,
                    "build",
                    str(small_project / "params" / f"{name}.yaml"),
                    "--format",
                    "html",
                    "--outputs",
                    str(tmp_path / "parts" / name),
                ]
            )
            == 0
        )
    parts = [str(tmp_path / "parts" / n) for n in ("alpha", "beta")]
    assert main(["--root", root, "index", *parts, "--outputs", str(tmp_path / "all")]) == 0
    manifest = json.loads((tmp_path / "all" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["reports"]) == ["alpha", "beta"]
    assert (tmp_path / "all" / "beta.html").is_file()
    assert "beta.html" in (tmp_path / "all" / "index.html").read_text(encoding="utf-8")


def test_workflow_commands_are_valid_reportlib_command_lines(root: Path) -> None:
    workflow = yaml.safe_load((root / ".github" / "workflows" / "reports.yml").read_text())
    commands = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                for match in re.finditer(r"reportlib ((?:\$\{\{.*?\}\}|[^)\n])*)", line):
                    commands.append(match.group(1))
    assert len(commands) >= 4
    parser = _parser()
    # The matrix is what `reportlib list --by-province --json` prints: fill one group in.
    listed = subprocess.run(
        [sys.executable, "-m", "reportlib", "--root", str(root), "list", "--by-province", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    groups = json.loads(listed.stdout)
    assert 1 <= len(groups) <= 256  # GitHub's matrix limit: one job per province
    every = sorted(p for g in groups for p in g["paths"])
    assert every == sorted(
        str(p.relative_to(root)) for p in (root / "params").rglob("*.yaml")
    )  # every params file in exactly one job
    group = groups[0]
    for command in commands:
        filled = command.replace("${{ join(matrix.group.paths, ' ') }}", " ".join(group["paths"]))
        assert "${{" not in filled, filled
        args = parser.parse_args(shlex.split(filled.replace("parts/*", "parts/a parts/b")))
        assert args.command in ("list", "check", "build", "index")
        if args.command == "list":
            assert args.by_province and args.json
    matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["group"]
    assert "needs.plan.outputs.groups" in matrix
