"""Params files that reach too far: outside data, oversized or code-running YAML, odd names.

A params file is input too. Its table must stay inside the project unless the command line says
otherwise (--allow-outside-data); it is read with YAML's safe loader and a size limit; and
wherever it lives or however it is named, its report's files are written inside outputs/.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from tests.conftest import SMALL_TABLE, write_params

from reportlib.cli.main import main
from reportlib.engine.params import MAX_PARAMS_BYTES, load_params
from reportlib.errors import ParamsError


def check(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = main(["--root", str(project), *options, "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def outside_table(tmp_path: Path) -> Path:
    """A good table outside the project (tmp_path/project is the project)."""
    table = tmp_path / "elsewhere" / "table.csv"
    table.parent.mkdir(parents=True, exist_ok=True)
    table.write_text(SMALL_TABLE, encoding="utf-8")
    return table


def point_at(params: Path, data: str) -> Path:
    text = params.read_text(encoding="utf-8").replace("data: data/table.csv", f"data: {data}")
    params.write_text(text, encoding="utf-8")
    return params


# --- data outside the project ---------------------------------------------------------------


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_check_refuses_a_table_outside_the_project(
    where: str, small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "../../etc/passwd" if where == "relative" else str(outside_table(tmp_path))
    point_at(small_project / "params" / "alpha.yaml", data)
    code, output = check(small_project, capsys)
    assert code == 1, output
    for part in (
        "params/alpha.yaml",
        "key 'data'",
        repr(data),
        "leads outside the project",
        "--allow-outside-data",
    ):
        assert part in output, f"{part!r} not in:\n{output}"
    assert "ok      params/beta.yaml" in output
    assert "root:x:0:0" not in output  # nothing of the file is read, let alone shown


def test_allow_outside_data_lets_an_outside_table_through_check(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    point_at(small_project / "params" / "alpha.yaml", str(outside_table(tmp_path)))
    code, output = check(small_project, capsys, "--allow-outside-data")
    assert code == 0, output
    assert "ok      params/alpha.yaml (Alpha 2023, 9 months, 3 indicators)" in output


def test_a_symlink_inside_the_project_to_a_table_outside_is_refused(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = small_project / "data" / "linked.csv"
    try:
        link.symlink_to(outside_table(tmp_path))
    except OSError:  # pragma: no cover - no symlinks on this file system
        pytest.skip("symlinks are not available")
    point_at(small_project / "params" / "alpha.yaml", "data/linked.csv")
    code, output = check(small_project, capsys)
    assert code == 1, output
    assert "key 'data'" in output and "--allow-outside-data" in output


@pytest.mark.slow
def test_build_refuses_outside_data_and_builds_the_others(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = write_params(small_project / "params" / "evil.yaml", "Alpha")
    point_at(evil, "../../etc/passwd")
    far = write_params(small_project / "params" / "far.yaml", "Alpha")
    point_at(far, str(outside_table(tmp_path)))
    code = main(["--root", str(small_project), "build", "--format", "html", "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    outputs = small_project / "outputs"
    for name in ("alpha", "beta"):
        assert (outputs / f"{name}.html").is_file()
    manifest = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))["reports"]
    for name in ("evil", "far"):
        assert manifest[name]["status"] == "failed"
        assert "key 'data'" in manifest[name]["error"]
        assert "--allow-outside-data" in manifest[name]["error"]
        assert not list(outputs.glob(f"{name}.*"))
        assert name in err
    assert manifest["alpha"]["status"] == manifest["beta"]["status"] == "ok"


# --- the params file itself -----------------------------------------------------------------


def padded_params(path: Path, size: int) -> Path:
    """A valid params file of exactly ``size`` bytes (a long YAML comment fills it)."""
    write_params(path, "Alpha")
    text = path.read_text(encoding="utf-8")
    filler = size - len(text.encode("utf-8")) - len("# \n")
    assert filler >= 0
    path.write_text(text + "# " + "x" * filler + "\n", encoding="utf-8")
    assert path.stat().st_size == size
    return path


def test_a_params_file_at_the_limit_is_read(small_project: Path) -> None:
    path = padded_params(small_project / "params" / "alpha.yaml", MAX_PARAMS_BYTES)
    assert load_params(path).district == "Alpha"


def test_a_params_file_over_the_limit_is_refused(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = padded_params(small_project / "params" / "alpha.yaml", MAX_PARAMS_BYTES + 1)
    with pytest.raises(ParamsError) as caught:
        load_params(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"{MAX_PARAMS_BYTES + 1} bytes" in message and f"at most {MAX_PARAMS_BYTES}" in message
    code, output = check(small_project, capsys)
    assert code == 1
    assert f"at most {MAX_PARAMS_BYTES}" in output
    assert "ok      params/beta.yaml" in output


YAML_TAGS = [
    'district: !!python/object/apply:os.system ["echo hacked > PWNED"]',
    'district: !!python/object/apply:subprocess.check_output [["touch", "PWNED"]]',
    'district: !!python/object/new:os.system ["touch PWNED"]',
    "district: !!python/name:os.system",
    'district: !!python/object/apply:builtins.open ["PWNED", "w"]',
    "!!python/object/apply:os.system\nargs: [touch PWNED]",
    "district: !include /etc/passwd",
]


@pytest.mark.parametrize("line", YAML_TAGS)
def test_yaml_tags_are_refused_and_nothing_runs(
    line: str,
    small_project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(small_project)
    path = small_project / "params" / "alpha.yaml"
    path.write_text(
        f"{line}\nyear: 2023\nperiod_months: 9\ndata: data/table.csv\n", encoding="utf-8"
    )
    with pytest.raises(ParamsError) as caught:
        load_params(path)
    assert str(path) in str(caught.value)
    assert "not valid YAML" in str(caught.value)
    code, output = check(small_project, capsys)
    assert code == 1
    assert "params/alpha.yaml" in output and "not valid YAML" in output
    assert main(["--root", str(small_project), "status", str(path)]) == 2
    assert "hacked" not in capsys.readouterr().out
    assert not list(small_project.rglob("PWNED"))


def test_a_yaml_alias_bomb_is_refused_quickly_with_a_short_message(small_project: Path) -> None:
    levels = 5  # 10**5 leaves: enough to show the growth without taking the machine down
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, levels + 1)]
    lines += [f"district: *a{levels}", "year: 2023", "period_months: 9", "data: data/table.csv"]
    path = small_project / "params" / "alpha.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 1024
    started = time.monotonic()
    with pytest.raises(ParamsError) as caught:
        load_params(path)
    assert len(str(caught.value)) < 10_000
    assert time.monotonic() - started < 1


def test_a_params_file_named_twice_is_built_once(small_project: Path) -> None:
    from reportlib.engine.params import find_params_files

    (small_project / "params" / "sub").mkdir()
    alpha = small_project / "params" / "alpha.yaml"
    again = small_project / "params" / "sub" / ".." / "alpha.yaml"
    assert len(find_params_files([str(alpha), str(again)], small_project)) == 1


# --- where outputs go -----------------------------------------------------------------------


def files_under(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_params_files_named_oddly_or_outside_params_write_only_inside_outputs(
    small_project: Path, tmp_path: Path
) -> None:
    from reportlib.build.run import BuildOptions, build_reports

    project = small_project
    write_params(project / "elsewhere" / "x.yaml", "Alpha")
    dotted = write_params(project / "params" / "..x.yaml", "Beta")
    dots_only = write_params(project / "params" / "...yaml", "Gamma")
    outside = write_params(tmp_path / "outside" / "z.yaml", "Gamma")
    (project / "params" / "sub").mkdir()
    through_parent = project / "params" / "sub" / ".." / ".." / "elsewhere" / "x.yaml"
    before = files_under(tmp_path)
    outputs = project / "outputs"
    summary = build_reports(
        [str(through_parent), str(dotted), str(dots_only), str(outside)],
        BuildOptions(root=project, outputs=outputs, formats=("html",), jobs=2, progress=False),
    )
    assert summary.ok, summary.failed
    assert sorted(summary.built) == ["..", "..x", "elsewhere/x", "z"]
    after = files_under(tmp_path)
    written = [p for p, stamp in after.items() if before.get(p) != stamp]
    assert written
    outside_outputs = [p for p in written if not p.resolve().is_relative_to(outputs.resolve())]
    assert outside_outputs == []
    htmls = sorted(p.relative_to(outputs).as_posix() for p in outputs.rglob("*.html"))
    assert "index.html" in htmls and len(htmls) == 5, htmls
    assert "elsewhere/x.html" in htmls
    # Nothing was written next to the params files or above the project.
    assert sorted(p.name for p in (tmp_path / "outside").iterdir()) == ["z.yaml"]
    assert not (project / "elsewhere" / "x.html").exists()
