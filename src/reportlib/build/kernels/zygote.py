"""Fresh kernels without the start-up cost: fork each one from a warm template process.

A build starts one *zygote*: a process that imports ipykernel, matplotlib, Jinja2 and
reportlib, draws one throw-away figure and compiles the report templates, then waits. The build
workers connect to it over a Unix socket; for each report it forks a child that becomes a
brand-new kernel. One zygote serves every worker: the warm-up is paid once per build, and it
starts as soon as the build knows a report needs running, while the other reports are planned.
The zygote never runs a report's code, so every kernel starts from the same clean state, with
no variable, figure or module state from any other report; what it saves is the second or so
each kernel spends importing and warming up. A kernel is still used for one report only, then
killed.

The kernel manager reaches the zygote through `ZygoteProvisioner`, a jupyter_client kernel
provisioner (registered as an entry point), so nbclient and papermill see an ordinary kernel:
interrupt, kill, liveness and the parent-death watch all work as with a launched one.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, cast

from jupyter_client.provisioning.local_provisioner import LocalProvisioner

PROVISIONER_NAME = "reportlib-zygote-provisioner"

# A report kernel runs one notebook, unattended: no command history (an SQLite file shared by
# every kernel, and a thread to write it).
BATCH_KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)

_zygote: ZygoteClient | None = None


def _preload() -> None:
    """Import and warm up what every report kernel needs (in the zygote, before any fork)."""

    # What IPKernelApp.initialize imports: the debugger alone (debugpy, pdb, http.server)
    # took 0.09 of a forked kernel's 0.13 CPU-seconds of start-up when left to each kernel.
    # None of these starts a thread; forking stays safe.
    import faulthandler  # noqa: F401
    import pdb  # noqa: F401
    import sqlite3  # noqa: F401

    import ipykernel.debugger
    import ipykernel.ipkernel
    import ipykernel.kernelapp
    import ipykernel.zmqshell  # noqa: F401
    import IPython.extensions  # noqa: F401
    import markdown_it
    import matplotlib
    import tornado.platform.asyncio  # noqa: F401

    matplotlib.use("agg")
    import nh3
    from matplotlib.figure import Figure

    import reportlib
    import reportlib.render.charts
    import reportlib.engine.report
    from reportlib.render.narrative import _environment

    for language in ("vi", "en"):
        _environment().get_template(f"{language}.html.j2")
    markdown_it.MarkdownIt("commonmark").render("**ấm**")
    nh3.clean("<p>ấm</p>")
    # Load the fonts and the PNG writer once: every kernel forked later finds them in memory.
    figure = Figure(figsize=(2, 1), dpi=72)
    axes = figure.add_subplot()
    axes.set_title("Ước tính ĐẠT", fontweight="bold")
    axes.text(0.5, 0.5, "Tháp Mười 01/11", fontsize=8)
    axes.barh([0], [1], hatch="///")
    reportlib.render.charts.png_bytes(figure)
    # Move everything loaded so far out of the collector's reach: a kernel's garbage
    # collections would otherwise write to every object's header and copy the whole heap,
    # page by page, out of memory it shares with the zygote.
    import gc

    gc.collect()
    gc.freeze()


_alive: set[int] = set()


def _reap(_signum: int, _frame: object) -> None:
    """Collect exited kernels so that none lingers as a zombie (nor is killed twice)."""
    with contextlib.suppress(ChildProcessError):
        while True:
            pid = os.waitpid(-1, os.WNOHANG)[0]
            if not pid:
                break
            _alive.discard(pid)


def _kill(pids: set[int]) -> None:
    for pid in pids & _alive:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _become_kernel(request: dict[str, Any], inherited: list[int]) -> None:
    """In the forked child: detach from the zygote's pipes and run an IPython kernel."""
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        # The zygote's sockets stay the zygote's: a worker must see it close when it dies.
        for fd in inherited:
            with contextlib.suppress(OSError):
                os.close(fd)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        log_folder = os.environ.get("REPORTLIB_KERNEL_LOG")
        if log_folder:
            # For debugging a kernel that dies: its stderr goes to <folder>/kernel-<pid>.log.
            log = os.open(
                os.path.join(log_folder, f"kernel-{os.getpid()}.log"),
                os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                0o644,
            )
            os.dup2(log, 2)
        os.environ.update(request.get("env") or {})
        os.chdir(request["cwd"])
        sys.argv = ["ipykernel_launcher"]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # parent_handle: the kernel exits when the zygote, its parent, goes away.
        app.initialize(
            [
                "-f",
                request["connection_file"],
                f"--IPKernelApp.parent_handle={os.getppid()}",
                *BATCH_KERNEL_ARGUMENTS,
            ]
        )  # type: ignore[no-untyped-call]
        app.start()  # type: ignore[no-untyped-call]
    finally:
        os._exit(0)


def main() -> None:
    """Run the zygote on the Unix socket named on the command line.

    Each connection (a build worker) sends fork requests as JSON lines and reads back each
    kernel's pid. The socket listens before the warm-up, so workers can connect at once; their
    first request is answered when the warm-up is done. When a worker disconnects, the kernels
    it asked for are killed; when stdin closes (the build is gone), every kernel is.
    """
    import selectors
    import socket

    path = sys.argv[1]
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen()
    _preload()
    signal.signal(signal.SIGCHLD, _reap)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    stdin = sys.stdin.fileno()
    selector.register(stdin, selectors.EVENT_READ)
    buffers: dict[socket.socket, bytes] = {}
    kernels: dict[socket.socket, set[int]] = {}
    try:
        while True:
            for key, _ in selector.select():
                if key.fileobj == stdin:
                    if not os.read(stdin, 4096):
                        return
                elif key.fileobj is listener:
                    connection, _ = listener.accept()
                    selector.register(connection, selectors.EVENT_READ)
                    buffers[connection], kernels[connection] = b"", set()
                else:
                    connection = cast("socket.socket", key.fileobj)
                    data = connection.recv(65536)
                    if not data:
                        selector.unregister(connection)
                        connection.close()
                        _kill(kernels.pop(connection))
                        del buffers[connection]
                        continue
                    buffers[connection] += data
                    while b"\n" in buffers[connection]:
                        line, buffers[connection] = buffers[connection].split(b"\n", 1)
                        inherited = [
                            selector.fileno(),
                            listener.fileno(),
                            *(c.fileno() for c in buffers),
                        ]
                        pid = os.fork()
                        if pid == 0:
                            _become_kernel(json.loads(line), inherited)
                        _alive.add(pid)
                        kernels[connection].add(pid)
                        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    finally:
        _kill(set(_alive))
        with contextlib.suppress(OSError):
            os.unlink(path)


class Zygote:
    """The build's zygote process: started once, shared by the workers through its socket."""

    def __init__(self, env: dict[str, str], *, folder: Path | None = None) -> None:
        import tempfile
        import uuid

        name = f"zygote-{uuid.uuid4().hex[:16]}.sock"
        self.path = (
            str(folder / name)
            if folder is not None
            else os.path.join(tempfile.gettempdir(), f"reportlib-{name}")
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reportlib.build.kernels.zygote", self.path],
            stdin=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )

    def close(self) -> None:
        """End the zygote and every kernel it forked."""
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


class ZygoteClient:
    """A worker's connection to the zygote."""

    def __init__(self, path: str, *, timeout: float = 60.0) -> None:
        import socket

        deadline = time.monotonic() + timeout
        while True:
            self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.socket.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                self.socket.close()
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the kernel template process never listened on {path}"
                    ) from None
                time.sleep(0.01)
        self._answers = self.socket.makefile("rb")

    def fork(self, connection_file: str, cwd: str, env: dict[str, str]) -> int:
        """Fork a fresh kernel on ``connection_file`` and return its pid."""
        request = {"connection_file": connection_file, "cwd": cwd, "env": env}
        self.socket.sendall(json.dumps(request).encode() + b"\n")
        line = self._answers.readline()
        if not line:
            raise RuntimeError("the kernel template process exited")
        return int(json.loads(line)["pid"])

    def close(self) -> None:
        self._answers.close()
        self.socket.close()


_own: Zygote | None = None


def connect_zygote(path: str) -> ZygoteClient:
    """Connect this process (a build worker) to the build's zygote."""
    global _zygote
    _zygote = ZygoteClient(path)
    return _zygote


def start_zygote(env: dict[str, str]) -> ZygoteClient:
    """Start a zygote of this process's own and connect to it (one process doing it all)."""
    global _own
    _own = Zygote(env)
    return connect_zygote(_own.path)


def stop_zygote() -> None:
    """Disconnect from the zygote (its kernels for this process die), and end our own."""
    global _zygote, _own
    if _zygote is not None:
        _zygote.close()
        _zygote = None
    if _own is not None:
        _own.close()
        _own = None


class ForkedKernel:
    """The parts of subprocess.Popen that jupyter_client uses, for a kernel the zygote forked.

    The zygote, not this process, is the kernel's parent and collects its exit status; here
    a kernel is alive while its pid exists and is not a zombie.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is not None:
            return self.returncode
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            state = "X"
        if state in ("Z", "X"):
            self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout or 0)
            time.sleep(0.02)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ZygoteProvisioner(LocalProvisioner):
    """Launch a kernel by forking it from this process's zygote instead of a new process."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        if _zygote is None:
            raise RuntimeError("no kernel template process in this process (start_zygote)")
        env = {k: v for k, v in (kwargs.get("env") or {}).items() if k.startswith("JPY_")}
        cwd = str(kwargs.get("cwd") or Path.cwd())
        manager: Any = self.parent
        pid = _zygote.fork(manager.connection_file, cwd, env)
        self.process = ForkedKernel(pid)  # type: ignore[assignment]
        self.pid = pid
        self.pgid = pid
        self.cwd = cwd
        return self.connection_info


def zygote_kernel_spec() -> Any:
    """Return a kernel spec whose kernels come from the zygote."""
    from jupyter_client.kernelspec import KernelSpec

    return KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name="Python 3 (reportlib)",
        language="python",
        interrupt_mode="signal",
        metadata={"kernel_provisioner": {"provisioner_name": PROVISIONER_NAME}},
    )


if __name__ == "__main__":
    main()
