"""Builds: the cache rebuilds exactly what changed, failures stay isolated, outputs stay whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write_params

from reportlib.build.run import BuildOptions, BuildSummary, build_reports

pytestmark = pytest.mark.slow


def build(project: Path, *paths: str, **options: object) -> BuildSummary:
    settings: dict[str, object] = {
        "root": project,
        "outputs": project / "outputs",
        "formats": ("html",),
        "jobs": 2,
        "progress": False,
    }
    settings.update(options)
    files = [str(project / p) for p in paths]
    return build_reports(files, BuildOptions(**settings))  # type: ignore[arg-type]


def manifest(project: Path) -> dict[str, dict[str, object]]:
    data = json.loads((project / "outputs" / "manifest.json").read_text(encoding="utf-8"))
    return data["reports"]  # type: ignore[no-any-return]


def test_cache_rebuilds_exactly_what_each_input_touches(small_project: Path) -> None:
    first = build(small_project)
    assert sorted(first.built) == ["alpha", "beta"] and first.ok

    again = build(small_project)
    assert again.built == [] and sorted(again.skipped) == ["alpha", "beta"]

    # One district's params file.
    params = small_project / "params" / "alpha.yaml"
    params.write_text(params.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    assert build(small_project).built == ["alpha"]

    # One district's rows of the shared table: only that district rebuilds.
    table = small_project / "data" / "table.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text.replace(
            "Beta;2023;B1;Thu ngân sách;tỷ đồng;lũy kế;tăng;500;450",
            "Beta;2023;B1;Thu ngân sách;tỷ đồng;lũy kế;tăng;500;460",
        ),
        encoding="utf-8",
    )
    assert build(small_project).built == ["beta"]

    # Rows of a district no params file asks for: nothing rebuilds.
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text.replace(
            "Gamma;2023;G1;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;80",
            "Gamma;2023;G1;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;85",
        ),
        encoding="utf-8",
    )
    assert build(small_project).built == []

    # The notebook: every report rebuilds.
    notebook = small_project / "notebooks" / "district_report.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["cells"][-1]["source"] = ['rl.render_part(report, "provenance")  # changed\n']
    notebook.write_text(json.dumps(data), encoding="utf-8")
    assert sorted(build(small_project).built) == ["alpha", "beta"]

    # --force rebuilds anyway.
    assert sorted(build(small_project, force=True).built) == ["alpha", "beta"]

    # Asking for a format not built yet rebuilds.
    assert sorted(build(small_project, formats=("html", "pdf")).built) == ["alpha", "beta"]
    assert (small_project / "outputs" / "alpha.pdf").is_file()


def test_cache_key_covers_versions_of_reportlib_and_libraries(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlib.build import cache

    build(small_project)
    versions = dict(cache.library_versions())
    versions["matplotlib"] = "0.0-other"
    monkeypatch.setattr(cache, "library_versions", lambda: versions)
    assert sorted(build(small_project).built) == ["alpha", "beta"]
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    assert sorted(build(small_project).built) == ["alpha", "beta"]


def test_helpers_start_early_for_a_fresh_build_and_never_when_all_is_up_to_date(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportlib.build.run

    started: list[int] = []
    real = reportlib.build.run._Helpers.start

    def spy(self: reportlib.build.run._Helpers) -> None:
        # How many reports were planned when the fork server and kernel template started.
        if not self.started:
            started.append(len(spy_planned))
        real(self)

    spy_planned: list[object] = []
    real_plan = reportlib.build.run.plan_job

    def plan(*args: object, **kwargs: object) -> object:
        spy_planned.append(args[0])
        return real_plan(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reportlib.build.run._Helpers, "start", spy)
    monkeypatch.setattr(reportlib.build.run, "plan_job", plan)
    assert sorted(build(small_project).built) == ["alpha", "beta"]
    assert started == [0]  # no manifest yet: before any planning
    started.clear()
    assert build(small_project).built == []
    assert started == []  # everything up to date: nothing started
    (small_project / "outputs" / "beta.html").unlink()
    spy_planned.clear()
    assert build(small_project).built == ["beta"]
    assert started == [2]  # when the first report to run is found, here the second planned


def test_a_build_leaves_no_socket_behind(small_project: Path) -> None:
    import os
    import tempfile

    from reportlib.build.kernels.sockets import PREFIX

    temporary = Path(tempfile.gettempdir())
    before = set(temporary.iterdir())
    assert sorted(build(small_project).built) == ["alpha", "beta"]
    # Neither this build's socket folder nor a kernel or template socket outside it.
    assert not list(temporary.glob(f"{PREFIX}{os.getpid()}-*"))
    assert [p.name for p in set(temporary.iterdir()) - before if "reportlib" in p.name] == []


def test_missing_or_damaged_output_is_rebuilt(small_project: Path) -> None:
    build(small_project)
    (small_project / "outputs" / "alpha.html").unlink()
    (small_project / "outputs" / "beta.ipynb").write_text("{}", encoding="utf-8")
    assert sorted(build(small_project).built) == ["alpha", "beta"]


def test_a_bad_report_fails_alone_and_keeps_its_last_good_output(small_project: Path) -> None:
    assert build(small_project).ok
    good_html = (small_project / "outputs" / "beta.html").read_bytes()
    table = small_project / "data" / "table.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text.replace(
            "Beta;2023;B2;Tỷ lệ hộ nghèo;%;thời điểm;giảm;3;3,2",
            "Beta;2023;B2;Tỷ lệ hộ nghèo;%;thời điểm;giảm;ba;3,2",
        ),
        encoding="utf-8",
    )
    write_params(small_project / "params" / "delta.yaml", "Delta")
    summary = build(small_project)
    assert not summary.ok
    assert sorted(summary.failed) == ["beta", "delta"]
    assert "row 6" in summary.failed["beta"] and "'ba'" in summary.failed["beta"]
    assert "Kế hoạch" in summary.failed["beta"]
    assert "Alpha, Beta, Gamma" in summary.failed["delta"]
    entries = manifest(small_project)
    assert entries["beta"]["status"] == "failed" and entries["beta"]["stale"] is True
    assert (small_project / "outputs" / "beta.html").read_bytes() == good_html
    assert entries["alpha"]["status"] == "ok"
    index = (small_project / "outputs" / "index.html").read_text(encoding="utf-8")
    assert "Lỗi – giữ bản cũ" in index and "&#39;ba&#39;" in index


def _notebook_with(project: Path, source: str) -> Path:
    import nbformat

    notebook = nbformat.read(project / "notebooks" / "district_report.ipynb", as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(source))
    path = project / "notebooks" / "broken.ipynb"
    nbformat.write(notebook, path)
    return path


def test_a_failing_cell_is_named_and_its_notebook_kept(small_project: Path) -> None:
    notebook = _notebook_with(small_project, 'raise ValueError("số liệu hỏng")')
    summary = build(small_project, "params/alpha.yaml", notebook=notebook)
    message = summary.failed["alpha"]
    assert "ValueError: số liệu hỏng" in message and "cell" in message
    entry = manifest(small_project)["alpha"]
    assert entry["failed_notebook"] == "alpha.failed.ipynb"
    kept = (small_project / "outputs" / "alpha.failed.ipynb").read_text(encoding="utf-8")
    assert "số liệu hỏng" in kept
    assert not (small_project / "outputs" / "alpha.html").exists()


def test_a_hung_cell_is_stopped_after_the_timeout(small_project: Path) -> None:
    notebook = _notebook_with(small_project, "import time\ntime.sleep(120)")
    summary = build(
        small_project, "params/alpha.yaml", "params/beta.yaml", notebook=notebook, timeout=3
    )
    assert "longer than the 3 s allowed" in summary.failed["alpha"]
    assert "longer than the 3 s allowed" in summary.failed["beta"]


def test_a_dead_kernel_is_reported(small_project: Path) -> None:
    notebook = _notebook_with(small_project, "import os\nos._exit(3)")
    summary = build(small_project, "params/alpha.yaml", notebook=notebook)
    assert "kernel died" in summary.failed["alpha"]


def test_no_temporary_files_are_left_behind(small_project: Path) -> None:
    build(small_project, formats=("html", "pdf"))
    leftovers = [p.name for p in (small_project / "outputs").rglob("*") if p.name.startswith(".")]
    assert leftovers == [".reportlib.build.lock"]


@pytest.mark.parametrize("fork_kernels", [True, False])
def test_every_report_gets_a_fresh_kernel(small_project: Path, fork_kernels: bool) -> None:
    notebook = _notebook_with(
        small_project,
        "import os, reportlib\n"
        'assert "leaked" not in globals(), "a variable from another report"\n'
        'assert not hasattr(reportlib, "leaked"), "module state from another report"\n'
        "leaked = os.getpid()\n"
        "reportlib.leaked = leaked",
    )
    summary = build(
        small_project,
        "params/alpha.yaml",
        "params/beta.yaml",
        notebook=notebook,
        jobs=1,
        fork_kernels=fork_kernels,
    )
    assert summary.ok, summary.failed
    assert sorted(summary.built) == ["alpha", "beta"]
