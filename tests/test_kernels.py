"""Starting kernels: the guards around the fast path, and what happens when it fails."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from reportlib.build import workers
from reportlib.build.kernels import _jupyter_client, fork_problems, zygote
from reportlib.build.plan import BuildOptions, plan_job
from reportlib.build.records import WorkerResult
from reportlib.build.run import build_reports
from reportlib.errors import KernelStartError


def test_jupyter_client_still_looks_as_reportlib_assumes() -> None:
    # Fails loudly when jupyter_client changes under the forked kernels' shortcuts; the build
    # would then launch kernels with a warning instead (see fork_problems).
    assert _jupyter_client.problems() == []
    assert fork_problems() == []


def test_the_ready_client_only_overrides_a_public_coroutine() -> None:
    import inspect

    from jupyter_client.asynchronous.client import AsyncKernelClient

    client = _jupyter_client.ready_client_class()
    assert issubclass(client, AsyncKernelClient)
    assert inspect.iscoroutinefunction(client.wait_for_ready)
    assert list(inspect.signature(client.wait_for_ready).parameters) == ["self", "timeout"]


def test_a_kernel_start_error_is_an_execution_error_and_a_runtime_error() -> None:
    # nbclient cleans up a kernel whose readiness wait raises a RuntimeError and re-raises it.
    error = KernelStartError("never came up")
    assert isinstance(error, RuntimeError)
    assert error.kind == "start"


def test_the_template_refuses_to_fork_while_a_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        answer = zygote._fork(b"{}", "", None, None, {})
    finally:
        stop.set()
        thread.join()
    assert "pid" not in answer
    assert "threads; forking is unsafe" in answer["error"]


def test_a_refusing_template_gives_a_kernel_start_error(tmp_path: Path) -> None:
    import socket

    path = str(tmp_path / "z.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()

    def answer() -> None:
        connection, _ = server.accept()
        connection.recv(65536)
        connection.sendall(json.dumps({"error": "the kernel template failed"}).encode() + b"\n")
        connection.close()

    thread = threading.Thread(target=answer)
    thread.start()
    client = zygote.ZygoteClient(path, timeout=5)
    with pytest.raises(KernelStartError, match="the kernel template failed"):
        client.fork("c.json", str(tmp_path), {})
    client.close()
    thread.join()
    server.close()


@pytest.mark.slow
def test_a_template_that_fails_to_warm_up_is_reported_at_once_and_kernels_launched(
    small_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module only the template imports (kernels tolerate its absence): its warm-up fails.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sqlite3.py").write_text("raise ImportError('sqlite3 is broken here')\n")
    from reportlib.build import kernels

    real = kernels.kernel_environment

    def environment() -> dict[str, str]:
        return {**real(), "PYTHONPATH": str(broken)}

    monkeypatch.setattr(kernels, "kernel_environment", environment)
    summary = build_reports(
        [str(small_project / "params" / "alpha.yaml")],
        BuildOptions(root=small_project, outputs=small_project / "outputs", progress=False),
    )
    assert summary.ok, summary.failed
    assert summary.built == ["alpha"]
    (warning,) = summary.warnings
    assert "the kernel template failed to warm up: ImportError: sqlite3 is broken here" in warning
    assert "launched instead" in warning


@pytest.mark.slow
# A worker's code run in the test process: the zmq sockets of papermill's kernel client are
# closed by the garbage collector here, not by a worker process's exit.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_failure_to_start_the_next_kernel_never_fails_the_finished_report(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BuildOptions(root=small_project, outputs=small_project / "outputs")
    notebook = small_project / "notebooks" / "district_report.ipynb"
    jobs = [
        plan_job(small_project / "params" / f"{n}.yaml", options, notebook)
        for n in ("alpha", "beta")
    ]
    starts: list[int] = []
    real = workers.start_kernel

    def start(root: str, *, forked: bool, sockets: str | None = None) -> object:
        starts.append(1)
        if len(starts) > 1:
            raise KernelStartError("no more kernels on this machine")
        return real(root, forked=forked, sockets=sockets)

    monkeypatch.setattr(workers, "start_kernel", start)
    monkeypatch.chdir(small_project)  # the worker moves to the project; this moves it back
    settings = workers.WorkerSettings(
        root=str(small_project),
        outputs=str(options.outputs),
        notebook=str(notebook),
        formats=("html",),
        timeout=120,
        prestart=False,  # no kernel at start: the first report starts its own
        fork_kernels=False,
    )
    workers.initialize(settings)
    # From now on each report starts the next one's kernel when it is done.
    workers._state.settings = replace(settings, prestart=True)
    try:
        workers.initialize_export(workers._state.settings)
        first = workers.build_one(jobs[0])
        second = workers.build_one(jobs[1])
    finally:
        workers._shutdown_waiting()
    assert isinstance(first, WorkerResult) and first.ok, first
    # The prestart after the first report failed; only the report that needed it fails.
    assert not second.ok and "no more kernels on this machine" in (second.error or "")


@pytest.mark.slow
def test_parameters_are_injected_as_readable_unicode(built_sample: Path) -> None:
    notebook = nbformat.read(built_sample / "2023" / "thap-muoi.ipynb", as_version=4)
    (injected,) = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "unit = 'Tháp Mười'" in injected.source
    assert "\\x" not in injected.source and "\\u" not in injected.source


@pytest.mark.slow
def test_running_and_saving_the_notebook_rebuilds_nothing(small_project: Path) -> None:
    options = BuildOptions(root=small_project, outputs=small_project / "outputs", progress=False)
    assert sorted(build_reports([], options).built) == ["alpha", "beta"]
    path = small_project / "notebooks" / "district_report.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            cell.execution_count = number
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
            cell.metadata["execution"] = {"iopub.status.idle": "2026-12-02T10:00:00Z"}
    notebook.metadata["widgets"] = {"state": {}}
    nbformat.write(notebook, path)
    assert build_reports([], options).built == []
    notebook.cells[-1].source += "\n"
    nbformat.write(notebook, path)
    assert sorted(build_reports([], options).built) == ["alpha", "beta"]


WARM_FONTS = """
import os, sys
from pathlib import Path
from matplotlib import font_manager
from reportlib.build.kernels.warmup import preload
import reportlib as rl

preload()
lookup = font_manager.FontManager._findfont_cached
if not hasattr(lookup, "cache_info"):
    sys.exit("matplotlib no longer caches font lookups this way: revisit the warm-up")
root = Path(sys.argv[1])
report = rl.prepare_report(rl.load_params(root / "params/2023/thap-muoi.yaml"), root=root)
before = lookup.cache_info().misses
for name in ("status", "target", "history"):
    rl.chart(report, name)
print(lookup.cache_info().misses - before)
"""


@pytest.mark.slow
def test_a_kernel_finds_every_font_its_charts_use_warm_in_the_template(root: Path) -> None:
    """Each font lookup a forked kernel makes itself costs it about half a millisecond."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", WARM_FONTS, str(root)], capture_output=True, text=True, cwd=root
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0"
