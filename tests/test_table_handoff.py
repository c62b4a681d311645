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
