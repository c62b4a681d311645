"""Fresh kernels without the start-up cost: fork each one from a warm template process.

A build starts one *zygote*: a process that imports ipykernel, matplotlib, Jinja2 and
reportlib, draws one throw-away figure and compiles the report templates, then waits. The build
workers connect to it over a Unix socket; for each report it forks a child that becomes a
brand-new kernel. The zygote never runs a report's code, so every kernel starts from the same
clean state, with no variable, figure or module state from any other report; what it saves is
the second or so each kernel spends importing and warming up. A kernel runs one report, then
it is killed.

Safety: the zygote says on its stdout, once warmed up, that it is ready (or the error its
warm-up raised, which the build reports at once and answers by launching kernels instead). It
forks only while it has one thread (a fork copies only the calling thread: another thread's
locks would stay held forever in the child), and refuses otherwise. Forked kernels use the
inline matplotlib backend, as launched ones do: the zygote imports matplotlib but never
chooses a backend, and the child sets the one ipykernel would.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, cast

from reportlib.errors import KernelStartError

# A report kernel runs one notebook, unattended: no command history (an SQLite file shared by
# every kernel, and a thread to write it).
BATCH_KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# Numerical libraries start thread pools when imported; the template must have none.
SINGLE_THREADED = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def thread_count() -> int:
    """Return the number of threads of this process, as the kernel counts them."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


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


def _die_with(parent: int) -> None:
    """Make this process die with ``parent``, and die now if it is gone already.

    A kernel forked just before its build was killed used to outlive it: the zygote died
    before the kernel read its parent's pid, ipykernel was then told the parent is init (1),
    and it does not watch init. PR_SET_PDEATHSIG has the kernel killed with its zygote.
    """
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _become_kernel(request: dict[str, Any], inherited: list[int], zygote: int) -> None:
    """In the forked child: detach from the zygote's pipes and run an IPython kernel."""
    try:
        _die_with(zygote)
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
        # What ipykernel does for a launched kernel, before matplotlib is imported: the inline
        # backend, unless the environment names another. matplotlib is imported already
        # here, so its rcParams take the backend too.
        os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
        import matplotlib

        matplotlib.rcParams["backend"] = os.environ["MPLBACKEND"]
        os.chdir(request["cwd"])
        sys.argv = ["ipykernel_launcher"]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # parent_handle: the kernel exits when the zygote, its parent, goes away.
        app.initialize(
            [
                "-f",
                request["connection_file"],
                f"--IPKernelApp.parent_handle={zygote}",
                *BATCH_KERNEL_ARGUMENTS,
            ]
        )  # type: ignore[no-untyped-call]
        app.start()  # type: ignore[no-untyped-call]
    finally:
        os._exit(0)


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> None:
    """Run the zygote on the Unix socket named on the command line.

    Each connection (a build worker) sends fork requests as JSON lines and reads back each
    kernel's pid, or the reason it cannot fork. The socket listens before the warm-up, so
    workers can connect at once; their first request is answered when the warm-up is done.
    When a worker disconnects, the kernels it asked for are killed; when stdin closes (the
    build is gone), every kernel is.
    """
    import selectors
    import socket
    import traceback

    path = sys.argv[1]
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen()
    refusal = ""
    try:
        from reportlib.build.kernels.warmup import preload

        preload()
    except BaseException as error:  # the warm-up's error, whatever it is, goes to the build
        traceback.print_exc()
        refusal = f"the kernel template failed to warm up: {type(error).__name__}: {error}"
    threads = thread_count()
    if not refusal and threads > 1:
        refusal = f"the kernel template has {threads} threads after warming up; forking is unsafe"
    _say({"ready": not refusal, "error": refusal or None, "threads": threads})
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
                        answer = _fork(line, refusal, selector, listener, buffers)
                        if "pid" in answer:
                            kernels[connection].add(answer["pid"])
                        connection.sendall(json.dumps(answer).encode() + b"\n")
    finally:
        _kill(set(_alive))
        with contextlib.suppress(OSError):
            os.unlink(path)


def _fork(
    line: bytes, refusal: str, selector: Any, listener: Any, buffers: dict[Any, bytes]
) -> dict[str, Any]:
    threads = thread_count()
    if refusal or threads > 1:
        return {"error": refusal or f"the kernel template has {threads} threads; forking is unsafe"}
    inherited = [selector.fileno(), listener.fileno(), *(c.fileno() for c in buffers)]
    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:
        _become_kernel(json.loads(line), inherited, zygote)
    _alive.add(pid)
    return {"pid": pid}


class Zygote:
    """The build's zygote process: started once, shared by the workers through its socket."""

    def __init__(self, env: dict[str, str], *, folder: Path) -> None:
        import uuid

        self.path = str(folder / f"zygote-{uuid.uuid4().hex[:16]}.sock")
        self.log = folder / "kernel-template.log"
        self._answer: dict[str, Any] | None = None
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "reportlib.build.kernels.zygote", self.path],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env={**env, **SINGLE_THREADED},
            )

    def wait_ready(self, timeout: float = 120.0) -> str | None:
        """Wait for the warm-up; return None when kernels can be forked, else the reason."""
        if self._answer is None:
            stdout = self.process.stdout
            assert stdout is not None
            ready, _, _ = select.select([stdout], [], [], timeout)
            line = stdout.readline() if ready else b""
            try:
                self._answer = json.loads(line) if line else None
            except ValueError:
                self._answer = None
            if self._answer is None:
                self._answer = {
                    "ready": False,
                    "error": "the kernel template exited before it was ready "
                    f"(exit status {self.process.poll()}): {self._last_words()}",
                }
        error = self._answer.get("error")
        return None if self._answer.get("ready") else str(error)

    def _last_words(self) -> str:
        """Return the last line the template wrote to its log: the error that ended it."""
        try:
            self.process.wait(timeout=5)
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except (OSError, subprocess.TimeoutExpired):
            lines = []
        last = next((line.strip() for line in reversed(lines) if line.strip()), "")
        return last or f"nothing in its log {self.log}"

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
        if self.process.stdout:
            self.process.stdout.close()
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
                    raise KernelStartError(
                        f"the kernel template process never listened on {path}"
                    ) from None
                time.sleep(0.01)
        self._answers = self.socket.makefile("rb")

    def fork(self, connection_file: str, cwd: str, env: dict[str, str]) -> int:
        """Fork a fresh kernel on ``connection_file`` and return its pid.

        Raises
        ------
        KernelStartError
            When the zygote is gone or refuses to fork (its warm-up failed, a thread runs).
        """
        request = {"connection_file": connection_file, "cwd": cwd, "env": env}
        try:
            self.socket.sendall(json.dumps(request).encode() + b"\n")
            line = self._answers.readline()
        except OSError as error:
            raise KernelStartError(f"the kernel template process is gone ({error})") from None
        if not line:
            raise KernelStartError("the kernel template process exited")
        answer = json.loads(line)
        if "pid" not in answer:
            raise KernelStartError(str(answer.get("error") or "the kernel template refused"))
        return int(answer["pid"])

    def close(self) -> None:
        """Disconnect; the zygote kills the kernels this connection asked for."""
        self._answers.close()
        self.socket.close()


_client: ZygoteClient | None = None


def connect_zygote(path: str) -> ZygoteClient:
    """Connect this process (a build worker) to the build's zygote."""
    global _client
    _client = ZygoteClient(path)
    return _client


def current_client() -> ZygoteClient | None:
    """Return this process's connection to the zygote, if any."""
    return _client


def disconnect_zygote() -> None:
    """Disconnect from the zygote (its kernels for this process die)."""
    global _client
    if _client is not None:
        _client.close()
        _client = None


if __name__ == "__main__":
    main()
