"""What reportlib assumes of jupyter_client, in one place, each assumption checked.

Two things go beyond calling jupyter_client's API as documented:

1. `ready_client_class`: a kernel client whose ``wait_for_ready`` returns as soon as the
   kernel's own 'idle' status for our ``kernel_info`` request arrives on IOPub. jupyter_client's
   own waits until IOPub has been quiet for 0.2 s: 0.2 s of every report. It overrides a public
   method and calls only public ones (``kernel_info``, the channels' ``get_msg``,
   ``is_alive``, ``session.adapt_version``).
2. `ZygoteProvisioner` (in `provisioner.py`) subclasses ``LocalProvisioner`` and sets the
   fields LocalProvisioner's own ``launch_kernel`` sets (``process``, ``pid``, ``pgid``,
   ``cwd``): those fields are public but not a documented contract.

`problems` says what no longer holds in the installed jupyter_client; the build then launches
kernels the ordinary way, with one warning, and ``tests/test_kernels.py`` fails loudly. The
kernel spec of forked kernels is an ordinary kernel spec folder (`spec_manager`), found by a
``KernelSpecManager`` of our own: no private attribute of the kernel manager is touched.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

from reportlib.errors import KernelStartError

KERNEL_NAME = "reportlib-forked"
PROVISIONER_NAME = "reportlib-zygote-provisioner"
TESTED_MAJOR = 8  # jupyter_client 8.x


def problems() -> list[str]:
    """Return what jupyter_client no longer does as reportlib assumes; empty when all holds."""
    found = []
    try:
        import jupyter_client
        from jupyter_client.asynchronous.client import AsyncKernelClient
        from jupyter_client.provisioning.local_provisioner import LocalProvisioner
    except ImportError as error:  # pragma: no cover - jupyter_client is a dependency
        return [f"jupyter_client cannot be imported ({error})"]
    version = str(getattr(jupyter_client, "__version__", "0"))
    if int(version.split(".")[0]) != TESTED_MAJOR:
        found.append(f"jupyter_client {version} (tested with {TESTED_MAJOR}.x)")
    for name in ("process", "pid", "pgid", "cwd"):
        if not hasattr(LocalProvisioner, name):
            found.append(f"LocalProvisioner has no field '{name}'")
    launch = getattr(LocalProvisioner, "launch_kernel", None)
    if launch is None or list(inspect.signature(launch).parameters) != ["self", "cmd", "kwargs"]:
        found.append("LocalProvisioner.launch_kernel is not (self, cmd, **kwargs)")
    wait = getattr(AsyncKernelClient, "wait_for_ready", None)
    if wait is None or not inspect.iscoroutinefunction(wait):
        found.append("AsyncKernelClient.wait_for_ready is not a coroutine")
    for name in ("kernel_info", "is_alive"):
        if not callable(getattr(AsyncKernelClient, name, None)):
            found.append(f"AsyncKernelClient has no method '{name}'")
    return found


def write_spec(folder: Path) -> None:
    """Write the forked kernel's spec under ``folder`` (once per build, by the build).

    The spec names the zygote provisioner in its metadata, as a kernel.json of an installed
    kernel would: jupyter_client finds the provisioner through its entry point.
    """
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (reportlib, forked)",
                "language": "python",
                "interrupt_mode": "signal",
                "metadata": {"kernel_provisioner": {"provisioner_name": PROVISIONER_NAME}},
            }
        ),
        encoding="utf-8",
    )


def spec_manager(folder: Path) -> Any:
    """Return a kernel spec manager that finds the forked kernel's spec in ``folder``."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KernelSpecManager(kernel_dirs=[str(folder / "kernels")])


@functools.cache
def ready_client_class() -> type:
    """Return the kernel client class whose wait for readiness skips the 0.2 s silence."""
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        """A kernel client that knows the kernel is ready without waiting for silence.

        The proof is the kernel's own 'idle' status for our kernel_info request, seen on
        IOPub: the subscription is live and everything the kernel published before it is
        drained. A request whose status never arrives (IOPub not yet subscribed) is sent again.
        """

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                request = self.kernel_info()
                with contextlib.suppress(Empty):
                    if await self._answered(request):
                        return
                if not await self.is_alive():
                    raise KernelStartError("the kernel died before it was ready")
                if time.monotonic() > deadline:
                    raise KernelStartError(f"the kernel did not answer within {timeout:g} s")

        async def _answered(self, request: str) -> bool:
            reply: dict[str, Any] = {}
            while reply.get("parent_header", {}).get("msg_id") != request:
                reply = await self.shell_channel.get_msg(timeout=1)
            idle = False
            while not idle:
                status = await self.iopub_channel.get_msg(timeout=0.5)
                idle = (
                    status["parent_header"].get("msg_id") == request
                    and status["msg_type"] == "status"
                    and status["content"].get("execution_state") == "idle"
                )
            # As jupyter_client does with the reply: speak the kernel's protocol version.
            version = str(reply.get("content", {}).get("protocol_version", "5"))
            major = int(version.split(".")[0])
            from jupyter_client import session

            ours = str(getattr(session, "protocol_version", "5"))
            if major != int(ours.split(".")[0]):
                self.session.adapt_version = major
            return True

    return ReadyClient
