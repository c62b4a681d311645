"""A jupyter_client kernel provisioner whose kernels are forked by the build's zygote.

Registered as the entry point 'reportlib-zygote-provisioner' and named by the forked
kernel's spec (`_jupyter_client.spec_manager`), so nbclient and papermill see an ordinary
kernel: interrupt, kill, liveness and the parent-death watch all work as with a launched one.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning.local_provisioner import LocalProvisioner

from reportlib.build.kernels.zygote import current_client
from reportlib.errors import KernelStartError


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
        """Return the exit status once the kernel is gone, else None."""
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
        """Wait for the kernel to end."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout or 0)
            time.sleep(0.02)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """Send the kernel a signal."""
        import os

        os.kill(self.pid, signum)

    def kill(self) -> None:
        """Kill the kernel."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Ask the kernel to end."""
        self.send_signal(signal.SIGTERM)


class ZygoteProvisioner(LocalProvisioner):
    """Launch a kernel by forking it from this process's zygote instead of a new process."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        """Fork the kernel; set the fields LocalProvisioner's own launch sets."""
        client = current_client()
        if client is None:
            raise KernelStartError("no kernel template process in this worker")
        # Only the manager's own variables (JPY_*): the kernel keeps the zygote's
        # environment, which is the build's.
        env = {k: v for k, v in (kwargs.get("env") or {}).items() if k.startswith("JPY_")}
        cwd = str(kwargs.get("cwd") or Path.cwd())
        manager: Any = self.parent
        pid = client.fork(manager.connection_file, cwd, env)
        self.process = ForkedKernel(pid)  # type: ignore[assignment]  # Popen's duck
        self.pid = pid
        self.pgid = pid
        self.cwd = cwd
        return self.connection_info
