"""Fresh kernels without the start-up cost: fork each one from a warm template process.

A build worker starts one *zygote*: a process that imports ipykernel, matplotlib, Jinja2 and
reportlib, draws one throw-away figure and compiles the report templates, then waits. For each
report it forks a child that becomes a brand-new kernel. The zygote never runs a report's code,
so every kernel starts from the same clean state, with no variable, figure or module state from
any other report; what it saves is the second or so each kernel spends importing and warming
up. A kernel is still used for one report only, then killed.

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
from typing import IO, Any

from jupyter_client.provisioning.local_provisioner import LocalProvisioner

PROVISIONER_NAME = "reportlib-zygote-provisioner"

_zygote: Zygote | None = None


def _preload() -> None:
    """Import and warm up what every report kernel needs (in the zygote, before any fork)."""
    import io

    import ipykernel.kernelapp  # noqa: F401
    import markdown_it
    import matplotlib

    matplotlib.use("agg")
    import nh3
    from matplotlib.figure import Figure

    import reportlib
    import reportlib.charts
    import reportlib.report  # noqa: F401
    from reportlib.narrative import _environment

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
    figure.savefig(io.BytesIO(), format="png", metadata={"Software": None})


def _reap(_signum: int, _frame: object) -> None:
    """Collect exited kernels so that none lingers as a zombie."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _become_kernel(request: dict[str, Any]) -> None:
    """In the forked child: detach from the zygote's pipes and run an IPython kernel."""
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
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
            ["-f", request["connection_file"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        )  # type: ignore[no-untyped-call]
        app.start()  # type: ignore[no-untyped-call]
    finally:
        os._exit(0)


def main() -> None:
    """Run the zygote: read fork requests (JSON lines) on stdin, answer each child's pid."""
    _preload()
    signal.signal(signal.SIGCHLD, _reap)
    print(json.dumps({"ready": os.getpid()}), flush=True)
    children: list[int] = []
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request)
        children.append(pid)
        print(json.dumps({"pid": pid}), flush=True)
    # stdin closed: the worker is gone, and so must be every kernel it asked for.
    for pid in children:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


class Zygote:
    """The worker's handle on its zygote process."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reportlib.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        self._ready = False

    def _read(self) -> dict[str, Any]:
        stdout: IO[str] | None = self.process.stdout
        assert stdout is not None
        line = stdout.readline()
        if not line:
            raise RuntimeError("the kernel template process exited")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def fork(self, connection_file: str, cwd: str, env: dict[str, str]) -> int:
        """Fork a fresh kernel on ``connection_file`` and return its pid."""
        if not self._ready:
            self._read()
            self._ready = True
        stdin = self.process.stdin
        assert stdin is not None
        request = {"connection_file": connection_file, "cwd": cwd, "env": env}
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        return int(self._read()["pid"])

    def close(self) -> None:
        """End the zygote (its kernels follow, watching their parent)."""
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_zygote(env: dict[str, str]) -> Zygote:
    """Start this process's zygote (one per build worker)."""
    global _zygote
    _zygote = Zygote(env)
    return _zygote


def stop_zygote() -> None:
    """Stop this process's zygote, if it has one."""
    global _zygote
    if _zygote is not None:
        _zygote.close()
        _zygote = None


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
