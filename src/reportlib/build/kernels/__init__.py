"""Everything about starting the kernels that run reports: forked from a warm template or launched.

`start_kernel` gives a fresh kernel for one report: forked by the build's zygote when
`fork_problems` finds nothing against it, else launched as its own process (with its imports
warming up while the worker does other work). Both kinds behave the same for a report: the
same environment, the inline matplotlib backend, no command history.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from reportlib.errors import KernelStartError

# What a launched kernel imports while it starts: the report's own libraries, none of its data.
WARMUP = (
    "import reportlib, reportlib.render.charts, reportlib.render.narrative\n"
    "import reportlib.engine.report, matplotlib.figure, matplotlib.backends.backend_agg\n"
    "import jinja2, nh3, markdown_it\n"
)


def kernel_environment() -> dict[str, str]:
    """Return the environment for report kernels: quiet, and the same on every run."""
    env = dict(os.environ)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env["PYTHONHASHSEED"] = "0"
    return env


def fork_problems() -> list[str]:
    """Return why kernels cannot be forked here (empty when they can).

    Forking needs Linux (os.fork, Unix sockets, /proc to watch a kernel it is not the parent
    of) and a jupyter_client that still looks as `_jupyter_client` assumes.
    """
    found = []
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        found.append(f"forking kernels needs Linux (this is {sys.platform})")
    if not hasattr(socket, "AF_UNIX") or not Path("/proc/self/stat").exists():
        found.append("forking kernels needs Unix sockets and /proc")
    from reportlib.build.kernels._jupyter_client import problems

    found.extend(problems())
    return found


def start_kernel(root: str, *, forked: bool, sockets: str | None = None) -> Any:
    """Start a fresh kernel in ``root``, forked from the zygote or launched; return its manager.

    Raises
    ------
    KernelStartError
        When the kernel cannot be started (the zygote is gone or refuses, the kernel
        process cannot be launched).
    """
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    from reportlib.build.kernels._jupyter_client import (
        KERNEL_NAME,
        ready_client_class,
        spec_manager,
    )
    from reportlib.build.kernels.zygote import BATCH_KERNEL_ARGUMENTS

    folder = Path(sockets) if sockets else Path(tempfile.gettempdir())
    if forked:
        manager = AsyncKernelManager(
            kernel_name=KERNEL_NAME, kernel_spec_manager=spec_manager(folder)
        )
    else:
        manager = AsyncKernelManager(kernel_name="python3")
    # The async manager: nbclient polls its channels without blocking its event loop, which is
    # what lets a cell's timeout fire.
    manager.client_factory = ready_client_class()
    # Unix sockets of the kernel's own, not TCP ports: no two kernels can race for a port.
    manager.transport = "ipc"
    name = f"kernel-{uuid.uuid4().hex[:16]}"
    manager.ip = str(folder / name) if sockets else str(folder / f"reportlib-{name}")
    try:
        if forked:
            run_sync(manager.start_kernel)(cwd=root, env=kernel_environment())
            return manager
        lines = [line for line in WARMUP.splitlines() if line]
        run_sync(manager.start_kernel)(
            cwd=root,
            env=kernel_environment(),
            # ipykernel says "Kernel is running over TCP without encryption" at every start.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            extra_arguments=[f"--IPKernelApp.exec_lines={lines!r}", *BATCH_KERNEL_ARGUMENTS],
        )
    except KernelStartError:
        raise
    except Exception as error:  # jupyter_client raises many kinds; none ran the report
        raise KernelStartError(
            f"the kernel could not be started: {type(error).__name__}: {error}"
        ) from error
    return manager


def shutdown_kernel(manager: Any) -> None:
    """Shut a kernel down now; a kernel already dead needs nothing more.

    The kernel is killed and awaited here first, looking every 5 ms: jupyter_client looks
    every 100 ms, and a killed kernel is rarely gone at its first look, so each report's
    worker slept 0.1 s before it could start the next kernel.
    """
    if manager is None:
        return
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        _kill_and_wait(getattr(manager.provisioner, "process", None))
    with contextlib.suppress(Exception):
        run_sync(manager.shutdown_kernel)(now=True)


def _kill_and_wait(process: Any, timeout: float = 5.0) -> None:
    """Kill a kernel's process (a Popen, or a forked kernel's stand-in) and wait for its end."""
    import time

    if process is None or process.poll() is not None:
        return
    process.kill()
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
