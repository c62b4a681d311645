"""Build worker processes: execution workers run reports, export workers print them to PDF.

An execution worker runs one report at a time, each in a fresh kernel, and converts the
executed notebook to HTML; as soon as a report has run, it starts the kernel for its next
report. A kernel is never reused: it runs exactly one report, then it is shut down. An export
worker prints the HTML to PDF and writes the report's files, while the execution workers'
kernels already run the next reports: the two stages overlap, and the cores have work while a
kernel waits on its client between cells.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import util
from pathlib import Path
from typing import Any

from reportlib.build.atomic import write_bytes_atomic
from reportlib.errors import ExecutionError, ReportlibError

# What a waiting kernel imports: the report's own libraries, not any of its data.
WARMUP = (
    "import reportlib, reportlib.render.charts, reportlib.render.narrative, reportlib.engine.report\n"
    "import matplotlib.figure, matplotlib.backends.backend_agg, jinja2, nh3\n"
    "import markdown_it\n"
)


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to know, set once when it starts."""

    root: str
    outputs: str
    notebook: str
    formats: tuple[str, ...]
    timeout: float
    prestart: bool
    fork_kernels: bool = True
    zygote: str | None = None  # the build's zygote socket; None: a worker starts its own
    sockets: str | None = None  # the build's socket folder; None: the temporary directory
    # The build's environment: workers forked from multiprocessing's fork server would
    # otherwise keep the one the server started with.
    environment: dict[str, str] | None = None


# What the build's fork server imports once, before it forks the workers.
PRELOAD = [
    "reportlib.build._fork_server",
    "reportlib.build.workers",
    "reportlib.publish.execute",
    "reportlib.publish.export",
    "reportlib.build.kernels.zygote",
    "papermill",
    "nbclient",
    "jupyter_client.manager",
    "nbconvert",
    "weasyprint",
]


_settings: WorkerSettings | None = None
_next_kernel: Any = None


def kernel_environment() -> dict[str, str]:
    """Return the environment for report kernels: quiet, and the same on every run."""
    env = dict(os.environ)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env["PYTHONHASHSEED"] = "0"
    return env


@functools.cache
def _ready_client_class() -> type:
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        """A kernel client that knows the kernel is ready without waiting for silence.

        jupyter_client's wait_for_ready, once the kernel answers, drains IOPub until it has
        been quiet for 0.2 s: 0.2 s of every report's kernel spent waiting. Here the proof
        is the kernel's own 'idle' status for our kernel_info request, seen on IOPub: the
        subscription is live and everything the kernel published before it is drained. A
        request whose status never arrives (IOPub not yet subscribed) is sent again.
        """

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                request = self.kernel_info()
                with contextlib.suppress(Empty):
                    if await self._answered(request):
                        return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

        async def _answered(self, request: str) -> bool:
            replied = idle = False
            while not replied:
                reply = await self.shell_channel.get_msg(timeout=1)
                replied = reply["parent_header"].get("msg_id") == request
            while not idle:
                status = await self.iopub_channel.get_msg(timeout=0.5)
                idle = (
                    status["parent_header"].get("msg_id") == request
                    and status["msg_type"] == "status"
                    and status["content"].get("execution_state") == "idle"
                )
            self._handle_kernel_info_reply(reply)
            return True

    return ReadyClient


def start_kernel(root: str, *, forked: bool = False, sockets: str | None = None) -> Any:
    """Start a fresh kernel in ``root``: forked from the zygote, or launched and warming up."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    # The async manager: nbclient polls its channels without blocking its event loop, which is
    # what lets a cell's timeout fire (a blocking client waits for the cell whatever happens).
    manager = AsyncKernelManager(kernel_name="python3")
    manager.client_factory = _ready_client_class()
    # Unix sockets of the kernel's own, not TCP ports: no two kernels can race for a port.
    manager.transport = "ipc"
    name = f"kernel-{uuid.uuid4().hex[:16]}"
    manager.ip = (
        os.path.join(sockets, name)
        if sockets
        else os.path.join(tempfile.gettempdir(), f"reportlib-{name}")
    )
    from reportlib.build.kernels.zygote import BATCH_KERNEL_ARGUMENTS, zygote_kernel_spec

    if forked:
        manager._kernel_spec = zygote_kernel_spec()
        run_sync(manager.start_kernel)(cwd=root, env=kernel_environment())
        return manager
    # exec_lines run while the kernel starts, before it says it is ready: the imports happen
    # in the kernel's own process while this worker exports the previous report.
    lines = [line for line in WARMUP.splitlines() if line]
    run_sync(manager.start_kernel)(
        cwd=root,
        env=kernel_environment(),
        # ipykernel says "Kernel is running over TCP without encryption" at every start.
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        extra_arguments=[f"--IPKernelApp.exec_lines={lines!r}", *BATCH_KERNEL_ARGUMENTS],
    )
    return manager


def _shutdown(manager: Any) -> None:
    if manager is None:
        return
    from jupyter_core.utils import run_sync

    # A dead kernel cannot be shut down twice; there is nothing else to do.
    with contextlib.suppress(Exception):
        run_sync(manager.shutdown_kernel)(now=True)


def _adopt(settings: WorkerSettings) -> None:
    global _settings
    _settings = settings
    if settings.environment is not None:
        os.environ.clear()
        os.environ.update(settings.environment)


def initialize(settings: WorkerSettings) -> None:
    """Set a worker up: import the converters once, start the first kernel."""
    global _next_kernel
    _adopt(settings)
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    os.chdir(settings.root)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    if settings.fork_kernels:
        from reportlib.build.kernels.zygote import connect_zygote, start_zygote, stop_zygote

        if settings.zygote:
            connect_zygote(settings.zygote)
        else:
            start_zygote(kernel_environment())
        util.Finalize(None, stop_zygote, exitpriority=5)
    if settings.prestart:
        _next_kernel = _new_kernel(settings)
        util.Finalize(None, _shutdown_waiting, exitpriority=10)
    from reportlib.publish import export

    export._exporter()


def _new_kernel(settings: WorkerSettings) -> Any:
    return start_kernel(settings.root, forked=settings.fork_kernels, sockets=settings.sockets)


def _shutdown_waiting() -> None:
    global _next_kernel
    _shutdown(_next_kernel)
    _next_kernel = None


def failure_result(
    error: str,
    started: float,
    *,
    cell: int | None = None,
    failed_notebook: str | None = None,
    warnings: Sequence[str] = (),
) -> dict[str, Any]:
    """Return what the manifest records of a report that failed."""
    return {
        "ok": False,
        "error": error,
        "cell": cell,
        "failed_notebook": failed_notebook,
        "duration_s": time.monotonic() - started,
        "outputs": {},
        "warnings": list(warnings),
    }


def initialize_export(settings: WorkerSettings) -> None:
    """Set an export worker up: it prints HTML to PDF and writes a report's files."""
    _adopt(settings)
    os.chdir(settings.root)
    if "pdf" in settings.formats:
        import weasyprint  # noqa: F401  (the fork server has it already; a spawned worker not)


def ready() -> bool:
    """Do nothing: submitted once per worker at the start, it makes the pool start them."""
    return True


def _paths(name: str) -> tuple[dict[str, Path], Path, Path]:
    from reportlib.build.run import output_paths

    assert _settings is not None, "initialize() runs first"
    paths = output_paths(Path(_settings.outputs), name)
    running = paths["ipynb"].with_name(f".{paths['ipynb'].stem}.{os.getpid()}.running.ipynb")
    failed = paths["ipynb"].with_name(paths["ipynb"].stem + ".failed.ipynb")
    return paths, running, failed


def _under_outputs(path: Path) -> str:
    assert _settings is not None
    return path.relative_to(Path(_settings.outputs).resolve()).as_posix()


def execute_one(job: dict[str, Any]) -> dict[str, Any]:
    """Run one report's notebook in a fresh kernel and convert it to HTML.

    Returns what `export_one` needs (the executed notebook's temporary path, the HTML), or
    the failure the manifest records: the executed notebook of a failure is kept beside the
    outputs as '<name>.failed.ipynb'.
    """
    global _next_kernel
    assert _settings is not None, "initialize() runs first"
    settings = _settings
    from reportlib.publish.execute import execute_report
    from reportlib.publish.export import notebook_to_html

    started = time.monotonic()
    paths, running, failed_path = _paths(job["name"])
    paths["ipynb"].parent.mkdir(parents=True, exist_ok=True)
    kernel, _next_kernel = _next_kernel, None
    try:
        for attempt in (1, 2):
            if kernel is None:
                kernel = _new_kernel(settings)
            try:
                executed = execute_report(
                    Path(settings.notebook),
                    job["parameters"],
                    cwd=Path(settings.root),
                    output_path=running,
                    timeout=settings.timeout,
                    kernel_manager=kernel,
                )
                break
            except ExecutionError as error:
                # A kernel that never came up ran none of the report: one more kernel is
                # safe. A kernel that died or failed while running the report is not retried.
                if attempt == 2 or error.kind != "start":
                    raise
                _shutdown(kernel)
                kernel = None
    except ExecutionError as error:
        _shutdown(kernel)
        if settings.prestart:
            _next_kernel = _new_kernel(settings)
        kept = None
        if running.exists():
            os.replace(running, failed_path)
            kept = _under_outputs(failed_path)
        return failure_result(str(error), started, cell=error.cell, failed_notebook=kept)
    _shutdown(kernel)
    if settings.prestart:
        # The next report's kernel starts while this one is converted.
        _next_kernel = _new_kernel(settings)
    try:
        html = notebook_to_html(executed.notebook, title=job["title"], language=job["language"])
    except ReportlibError as error:
        return _export_failure(str(error), started, running, failed_path, executed.warnings)
    return {
        "ok": True,
        "started": started,
        "running": str(running),
        "html": html,
        "warnings": list(executed.warnings),
    }


def _export_failure(
    error: str, started: float, running: Path, failed_path: Path, warnings: Sequence[str]
) -> dict[str, Any]:
    if running.exists():
        os.replace(running, failed_path)
    return failure_result(
        error, started, failed_notebook=_under_outputs(failed_path), warnings=warnings
    )


def export_one(job: dict[str, Any], executed: dict[str, Any]) -> dict[str, Any]:
    """Print an executed report to PDF and write its files atomically; return the manifest's
    record of it.

    Runs in an export worker, while the execution workers' kernels run the next reports.
    """
    assert _settings is not None, "initialize_export() runs first"
    settings = _settings
    from reportlib.publish.export import document_font, html_to_pdf

    started = float(executed["started"])
    paths, _, failed_path = _paths(job["name"])
    running = Path(executed["running"])
    html: str = executed["html"]
    try:
        contents: dict[str, bytes] = {"ipynb": running.read_bytes()}
        if "html" in settings.formats:
            contents["html"] = html.encode("utf-8")
        font = None
        if "pdf" in settings.formats:
            family = document_font(html)
            contents["pdf"] = html_to_pdf(html, family=family)
            font = family.name
    except ReportlibError as error:
        return _export_failure(str(error), started, running, failed_path, executed["warnings"])
    import hashlib

    recorded = {}
    for fmt, data in contents.items():
        if fmt == "ipynb":
            os.replace(running, paths["ipynb"])
        else:
            write_bytes_atomic(paths[fmt], data)
        recorded[fmt] = {
            "path": _under_outputs(paths[fmt]),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    failed_path.unlink(missing_ok=True)
    return {
        "ok": True,
        "error": None,
        "cell": None,
        "duration_s": time.monotonic() - started,
        "outputs": recorded,
        "warnings": list(executed["warnings"]),
        "pdf_font": font,
    }


def build_one(job: dict[str, Any]) -> dict[str, Any]:
    """Execute one report and export it, in this process (a worker initialized both ways)."""
    executed = execute_one(job)
    return export_one(job, executed) if executed["ok"] else executed
