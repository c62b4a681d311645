"""The build hands the tables its planner read to the kernels (REPORTLIB_TABLE_CACHE)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import reportlib as rl
from reportlib.build.tables import TableHandoff
from reportlib.engine import report as report_module

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params/2026/dong-thap/xa-thap-muoi.yaml"


def _refuse_reading(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the table was read again")


def test_a_kernel_loads_the_planners_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    handoff = TableHandoff()
    try:
        planned = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        handoff.export()
        assert len(list(handoff.folder.glob("*.pickle"))) >= 1
        # A fresh kernel: nothing read in this process, and reading is not allowed.
        monkeypatch.setattr(report_module, "_TABLES", {})
        monkeypatch.setattr(report_module, "read_table", _refuse_reading)
        again = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        assert again.counts == planned.counts
        assert again.rows_sha256 == planned.rows_sha256
    finally:
        handoff.close()
    assert not handoff.folder.exists()
    assert report_module.TABLE_CACHE_ENV not in os.environ


def test_a_damaged_handoff_is_read_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    handoff = TableHandoff()
    try:
        planned = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        handoff.export()
        for pickled in handoff.folder.glob("*.pickle"):
            pickled.write_bytes(b"not a pickle")
        monkeypatch.setattr(report_module, "_TABLES", {})
        again = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        assert again.counts == planned.counts
    finally:
        handoff.close()


def test_the_folder_is_private() -> None:
    handoff = TableHandoff()
    try:
        assert handoff.folder.stat().st_mode & 0o077 == 0
        assert os.environ[report_module.TABLE_CACHE_ENV] == str(handoff.folder)
    finally:
        handoff.close()


def _refuse_resolving(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the unit was resolved from the official lists again")


def test_a_kernel_takes_its_unit_as_the_planner_resolved_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlib.engine import units

    handoff = TableHandoff()
    try:
        planned = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        handoff.export()
        assert (handoff.folder / "units.pickle").is_file()
        # A fresh kernel: nothing handed off read yet, and the lists may not be consulted.
        monkeypatch.setattr(units, "_HANDED_OFF", {})
        monkeypatch.setattr(units, "_resolve_unit", _refuse_resolving)
        again = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        assert again.unit_info == planned.unit_info and again.unit_info is not None
        assert again.unit_info.code == planned.unit_info.code
    finally:
        handoff.close()


def test_a_damaged_units_file_resolves_from_the_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlib.engine import units

    handoff = TableHandoff()
    try:
        planned = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        handoff.export()
        (handoff.folder / "units.pickle").write_bytes(b"not a pickle")
        monkeypatch.setattr(units, "_HANDED_OFF", {})
        again = rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        assert again.unit_info == planned.unit_info
    finally:
        handoff.close()


@pytest.mark.slow
def test_a_fresh_process_in_a_build_never_loads_the_official_lists(tmp_path: Path) -> None:
    """What a forked kernel does: its unit comes from the hand-off, the lists stay unread."""
    import subprocess
    import sys

    handoff = TableHandoff()
    try:
        rl.prepare_report(rl.load_params(PARAMS), root=ROOT)
        handoff.export()
        script = (
            "import reportlib as rl\n"
            "from pathlib import Path\n"
            "from reportlib.engine import unit_lists\n"
            f"params = rl.load_params(Path({str(PARAMS)!r}))\n"
            f"report = rl.prepare_report(params, root=Path({str(ROOT)!r}))\n"
            "print(report.unit_info.code, unit_lists.current.cache_info().currsize,"
            " unit_lists.legacy.cache_info().currsize)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
        )
        code, current, legacy = done.stdout.split()
        assert code.isdigit() and (current, legacy) == ("0", "0"), done.stdout
    finally:
        handoff.close()


def test_the_build_asks_git_for_the_revision_once_for_all_its_kernels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess

    from reportlib.engine import provenance

    monkeypatch.delenv(provenance.REVISION_ENV, raising=False)
    real = provenance.source_revision
    expected = real(ROOT)  # git's answer here ('unknown' outside a git checkout)
    asked: list[Path] = []

    def revision(root: Path) -> str:
        asked.append(root)
        return real(root)

    monkeypatch.setattr(provenance, "source_revision", revision)
    handoff = TableHandoff(ROOT)
    try:
        handed = os.environ[provenance.REVISION_ENV]
        assert handed == expected

        # A kernel of this build: its provenance names the same revision, and runs no git.
        def no_git(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("a kernel ran git")

        monkeypatch.setattr(subprocess, "run", no_git)
        assert real(ROOT) == handed
    finally:
        handoff.close()
    assert asked == [ROOT]
    assert provenance.REVISION_ENV not in os.environ


def test_a_revision_the_user_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlib.engine import provenance

    monkeypatch.setenv(provenance.REVISION_ENV, "v2026.12-export")
    handoff = TableHandoff(ROOT)
    try:
        assert os.environ[provenance.REVISION_ENV] == "v2026.12-export"
    finally:
        handoff.close()
    assert os.environ[provenance.REVISION_ENV] == "v2026.12-export"
