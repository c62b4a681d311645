"""`reportlib preview`: build one report, serve it on 127.0.0.1, rebuild on save, reload the page.

The preview keeps one kernel warm for its whole life and runs every rebuild in it (the build
gives each report a fresh kernel, so that nothing leaks between reports; a preview shows one
report, whose parameters cell and injected parameters set every value again at each run).
It watches the params file, its table, its catalogue and the notebook with watchfiles; on a
save it rebuilds, bumps a version number, and the page, which polls that number with a few
lines of inline script, reloads itself. A build that fails shows its error in the page, in the
words the command line prints. Nothing is served beyond 127.0.0.1, and the page loads nothing
from anywhere (its Content-Security-Policy allows only its own script and the version poll).
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.server
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.build.plan import DEFAULT_NOTEBOOK, BuildOptions, plan_job
from reportlib.errors import ExecutionError, KernelStartError, ParamsError, ReportlibError

HOST = "127.0.0.1"
POLL_MS = 150

# Polls the version; on a new one, reloads at the same scroll position.
RELOAD_SCRIPT = (
    "(function(){var v=%(version)d,k='reportlib-preview-y';"
    "var y=sessionStorage.getItem(k);if(y!==null){window.scrollTo(0,+y);"
    "sessionStorage.removeItem(k);}"
    "function poll(){fetch('/version',{cache:'no-store'}).then(function(r){return r.text();})"
    ".then(function(t){if(+t!==v){sessionStorage.setItem(k,String(window.scrollY));"
    "location.reload();}else{setTimeout(poll,%(poll)d);}})"
    ".catch(function(){setTimeout(poll,1000);});}setTimeout(poll,%(poll)d);})();"
)

_CSP = re.compile(r'<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*>', re.IGNORECASE)

ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reportlib preview: build failed</title>
<style>body{{font:16px/1.5 sans-serif;margin:2rem;max-width:60rem}}
pre{{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #b00020;padding:1rem}}</style>
</head><body><h1>The report could not be built</h1>
<p>{source}: fix it and save; this page reloads by itself.</p>
<pre class="reportlib-preview-error">reportlib: {message}</pre>
</body></html>
"""


def with_reload(page: str, version: int) -> str:
    """Return a report page that reloads itself when the preview's version changes."""
    script = RELOAD_SCRIPT % {"version": version, "poll": POLL_MS}
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
        f"script-src 'sha256-{digest}'; connect-src 'self'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    page = _CSP.sub(meta, page, count=1) if _CSP.search(page) else page
    tag = f"<script>{script}</script>"
    if "</body>" in page:
        return page.replace("</body>", tag + "</body>", 1)
    return page + tag


def error_page(message: str, source: str) -> str:
    """Return the page shown while the report does not build: the command line's message."""
    return ERROR_PAGE.format(message=html.escape(message), source=html.escape(source))


@dataclass
class PreviewState:
    """The page being served and its version; shared by the server's threads and the builder."""

    page: str = ""
    version: int = 0
    ok: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, page: str, *, ok: bool) -> int:
        with self.lock:
            self.version += 1
            self.page = with_reload(page, self.version)
            self.ok = ok
            return self.version


def _handler(state: PreviewState) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/version":
                with state.lock:
                    body, kind = str(state.version).encode(), "text/plain"
            elif path in ("/", "/index.html"):
                with state.lock:
                    body, kind = state.page.encode("utf-8"), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # a request per poll would flood the terminal

    return Handler


def serve(state: PreviewState, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Serve the state's page on 127.0.0.1 (``port`` 0: any free one) from a daemon thread.

    Raises
    ------
    ParamsError
        When the port is taken or not ours to use.
    """
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), _handler(state))
    except OSError as error:
        raise ParamsError(
            f"--port {port}: cannot serve on {HOST}:{port} ({error.strerror}); "
            "choose another with --port N, or --port 0 for any free one"
        ) from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="reportlib-preview", daemon=True).start()
    return server


class Previewer:
    """Build one report again and again in one warm kernel."""

    def __init__(self, params_file: Path, options: BuildOptions, state: PreviewState) -> None:
        self.params_file = params_file
        self.options = options
        self.state = state
        self.notebook = (options.notebook or options.root / DEFAULT_NOTEBOOK).resolve()
        self.kernel: Any = None
        self.inputs: set[Path] = {params_file.resolve(), self.notebook}

    def _kernel(self) -> Any:
        from reportlib.build.kernels import start_kernel

        alive = self.kernel is not None and _is_alive(self.kernel)
        if not alive:
            self.close()
            self.kernel = start_kernel(str(self.options.root), forked=False)
        return self.kernel

    def warm(self) -> None:
        """Start the kernel ahead of the first build."""
        self._kernel()

    def build(self) -> str | None:
        """Rebuild the page; return None when it built, else the error as the CLI says it."""
        from reportlib.engine.params import load_params, resolve_data, resolve_path
        from reportlib.publish.execute import execute_report
        from reportlib.publish.html import notebook_to_html

        self.inputs = {self.params_file.resolve(), self.notebook}
        try:
            params = load_params(self.params_file, display=self._shown())
            root = self.options.root
            outside = self.options.allow_outside_data
            self.inputs.add(resolve_data(params, root, allow_outside=outside))
            if params.catalogue:
                catalogue = resolve_path(
                    params.catalogue, "catalogue", params.source, root, allow_outside=outside
                )
                self.inputs.add(catalogue)
            job = plan_job(self.params_file, self.options, self.notebook)
            for attempt in (1, 2):
                try:
                    executed = execute_report(
                        self.notebook,
                        job.parameters,
                        cwd=root,
                        timeout=self.options.timeout,
                        kernel_manager=self._kernel(),
                    )
                    break
                except (KernelStartError, ExecutionError) as error:
                    if attempt == 2 or (
                        not isinstance(error, KernelStartError) and _is_alive(self.kernel)
                    ):
                        raise
                    self.close()  # the kernel died: one more in a new one
            page = notebook_to_html(executed.notebook, title=job.title, language=job.language)
        except ReportlibError as error:
            message = str(error)
            self.state.publish(error_page(message, self._shown()), ok=False)
            return message
        self.state.publish(page, ok=True)
        return None

    def _shown(self) -> str:
        try:
            return self.params_file.resolve().relative_to(self.options.root).as_posix()
        except ValueError:
            return str(self.params_file)

    def close(self) -> None:
        from reportlib.build.kernels import shutdown_kernel

        shutdown_kernel(self.kernel)
        self.kernel = None


def _is_alive(kernel: Any) -> bool:
    from jupyter_core.utils import run_sync

    try:
        return bool(run_sync(kernel.is_alive)())
    except Exception:  # a manager in a bad state is a dead kernel
        return False


def watch_and_rebuild(
    previewer: Previewer,
    stop: threading.Event,
    on_build: Callable[[str | None, float], None],
) -> None:
    """Rebuild whenever an input is saved, until ``stop`` is set."""
    import watchfiles

    while not stop.is_set():
        wanted = set(previewer.inputs)
        folders = sorted({path.parent for path in wanted if path.parent.is_dir()})

        def chosen(change: Any, path: str, wanted: set[Path] = wanted) -> bool:
            return Path(path).resolve() in wanted

        for changes in watchfiles.watch(
            *folders,
            watch_filter=chosen,
            debounce=40,
            step=10,
            stop_event=stop,
            rust_timeout=500,
            yield_on_timeout=False,
            recursive=False,
        ):
            if not changes:
                continue
            started = time.monotonic()
            error = previewer.build()
            on_build(error, time.monotonic() - started)
            if previewer.inputs != wanted:
                break  # the params now name another table or catalogue: watch it instead


def preview(
    params_file: Path,
    options: BuildOptions,
    *,
    port: int = 0,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Build the report, serve it, and rebuild it on every save until interrupted (or ``stop``)."""
    # papermill warns of every parameter the parameters cell does not name, at each run.
    logging.getLogger("papermill").setLevel(logging.ERROR)
    state = PreviewState()
    previewer = Previewer(params_file, options, state)
    server = serve(state, port)
    url = f"http://{HOST}:{server.server_address[1]}/"
    stop = stop or threading.Event()
    try:
        started = time.monotonic()
        error = previewer.build()
        _report(say, error, time.monotonic() - started)
        say(f"preview: {url} (watching {', '.join(_names(previewer.inputs, options.root))})")
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        watch_and_rebuild(previewer, stop, lambda e, s: _report(say, e, s))
    finally:
        server.shutdown()
        server.server_close()
        previewer.close()


def _report(say: Callable[[str], None], error: str | None, seconds: float) -> None:
    if error is None:
        say(f"preview: built in {seconds:.1f} s")
    else:
        say(f"preview: build failed ({seconds:.1f} s): {error}")


def _names(paths: Iterable[Path], root: Path) -> list[str]:
    shown = []
    for path in sorted(paths):
        try:
            shown.append(path.relative_to(root).as_posix())
        except ValueError:
            shown.append(str(path))
    return shown
