"""Build reports: check every params file first, skip what is up to date, run the rest in parallel.

One build:

1. takes the outputs folder's lock (a second build on the same outputs/ is refused);
2. checks every params file and its table rows in this process, without starting a kernel:
   a report whose inputs are bad fails here, named with its reason;
3. computes each report's cache key from everything its output depends on (`cache.py`), and
   skips the report when the key and the output files match the manifest;
4. runs the others in worker processes (`worker.py`), each report in a fresh kernel, then
   prints it to PDF in export workers while the next reports run;
5. records each result in outputs/manifest.json as it arrives, and writes outputs/index.html.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlib.build.cache import cache_key, outputs_match
from reportlib.errors import DataError, ParamsError, ReportlibError
from reportlib.build.lock import OutputsLock
from reportlib.build.manifest import Manifest, load_manifest, save_manifest
from reportlib.engine.params import find_params_files, load_params
from reportlib.build.progress import Progress
from reportlib.engine.report import Report, prepare_report
from reportlib.build.shard import parse_shard, take_shard
from reportlib.build.kernels.sockets import make_folder, remove_folder
from reportlib.engine.sheets import sha256_file

if TYPE_CHECKING:
    from reportlib.build.kernels.zygote import Zygote

DEFAULT_NOTEBOOK = Path("notebooks") / "district_report.ipynb"


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where, what formats, how many at once, which share."""

    root: Path
    outputs: Path
    formats: tuple[str, ...] = ("html", "pdf")
    force: bool = False
    jobs: int | None = None
    shard: str | None = None
    timeout: float = 600.0
    allow_outside_data: bool = False
    notebook: Path | None = None
    progress: bool | None = None
    prestart_kernels: bool = True
    fork_kernels: bool = True


@dataclass(frozen=True)
class Job:
    """One report to build: its params, where its outputs go, and its cache key."""

    name: str
    params_file: str
    parameters: dict[str, Any]
    language: str
    title: str
    key: str
    inputs: dict[str, Any]
    counts: dict[str, Any]
    facts: dict[str, Any]


@dataclass
class BuildSummary:
    """What a build did."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Tell whether every report is built or up to date."""
        return not self.failed


def output_name(params_file: Path, root: Path) -> str:
    """Return the report's name: its params path under params/ without the suffix.

    params/2023/thap-muoi.yaml -> 2023/thap-muoi, whose outputs are outputs/2023/thap-muoi.*
    """
    resolved = params_file.resolve()
    for base in (root / "params", root):
        try:
            relative = resolved.relative_to(base.resolve())
        except ValueError:
            continue
        return relative.with_suffix("").as_posix()
    return resolved.stem


def output_paths(outputs: Path, name: str) -> dict[str, Path]:
    """Return where each output of a report goes, refusing any path outside ``outputs``."""
    paths = {fmt: (outputs / f"{name}.{fmt}").resolve() for fmt in ("ipynb", "html", "pdf")}
    base = outputs.resolve()
    for path in paths.values():
        if not path.is_relative_to(base):
            raise ParamsError(f"{name}: its outputs would go outside {outputs}")
    return paths


def plan_job(params_file: Path, options: BuildOptions, notebook: Path) -> Job:
    """Check one params file and its table, and describe the build it needs.

    Raises
    ------
    ParamsError, DataError
        For bad params or bad rows of this report.
    """
    name = output_name(params_file, options.root)
    shown = _relative(params_file, options.root)
    params = load_params(params_file, display=shown)
    report = prepare_report(
        params, root=options.root, allow_outside_data=options.allow_outside_data
    )
    output_paths(options.outputs, name)
    inputs = {
        "notebook": sha256_file(notebook),
        "params": sha256_file(params_file),
        "data": params.data,
        "data_sha256": report.table_sha256,
        "rows_sha256": report.rows_sha256,
    }
    return Job(
        name=name,
        params_file=shown,
        parameters=params.as_parameters(),
        language=params.language,
        title=_title(report),
        # The whole file's hash is recorded, not keyed: another district's rows must not
        # rebuild this report; its own rows are keyed through rows_sha256.
        key=cache_key({k: v for k, v in inputs.items() if k != "data_sha256"}),
        inputs=inputs,
        counts={
            "total": report.counts.total,
            "period": dict(report.counts.period),
            "year_end": dict(report.counts.year_end),
        },
        facts={
            "unit": report.unit,
            "district": report.unit,
            "province": params.province,
            "year": report.year,
            "period_months": report.period_months,
            "language": params.language,
        },
    )


def _title(report: Report) -> str:
    from reportlib.render.formatting import period_label

    label = period_label(report.period_months, report.year, report.params.language)
    return f"{report.unit} – {label}"


def build_reports(paths: Sequence[str] | None, options: BuildOptions) -> BuildSummary:
    """Build the reports of the params files (or folders) named; default: params/.

    Returns
    -------
    BuildSummary
        Built, skipped (up to date) and failed reports; each failure with its reason.

    Raises
    ------
    ParamsError
        For a bad command line: no such path, no notebook, a bad shard, a locked outputs/.
    """
    notebook = (options.notebook or options.root / DEFAULT_NOTEBOOK).resolve()
    if not notebook.is_file():
        raise ParamsError(f"{notebook}: the report notebook does not exist")
    files = find_params_files(list(paths or []), options.root)
    if options.shard:
        files = take_shard(files, parse_shard(options.shard), options.root)
    options.outputs.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    with OutputsLock(options.outputs):
        remove_leftovers(options.outputs)
        manifest = load_manifest(options.outputs)
        progress = Progress(len(files), enabled=options.progress)
        jobs: list[Job] = []
        helpers = _Helpers(options)
        if files and (options.force or not manifest.reports):
            # Every report will be built (nothing was built here before): warm up now.
            helpers.start()
        try:
            for file in files:
                name = output_name(file, options.root)
                try:
                    job = plan_job(file, options, notebook)
                except (ParamsError, DataError) as error:
                    _record_failure(manifest, name, _relative(file, options.root), error)
                    summary.failed[name] = str(error)
                    progress.report(name, "failed", str(error))
                    continue
                entry = manifest.reports.get(job.name)
                if (
                    not options.force
                    and entry is not None
                    and entry.get("key") == job.key
                    and entry.get("status") == "ok"
                    and outputs_match(entry, options.outputs, options.formats)
                ):
                    summary.skipped.append(job.name)
                    progress.report(job.name, "up to date")
                    continue
                jobs.append(job)
                helpers.start()  # warm up while the other reports are planned
            save_manifest(options.outputs, manifest)
            if jobs:
                _run_jobs(jobs, options, notebook, manifest, summary, progress, helpers)
        finally:
            helpers.close()
        from reportlib.build.index import write_index

        write_index(options.outputs, manifest)
        progress.finish(summary)
    return summary


class _Helpers:
    """The build's fork server, kernel template and socket folder, started at most once."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.started = False
        self.zygote: Zygote | None = None
        self.sockets: Path | None = None

    def start(self) -> None:
        if not self.started:
            self.started = True
            self.zygote, self.sockets = _start_helpers(self.options)

    def close(self) -> None:
        if self.zygote is not None:
            self.zygote.close()
        if self.sockets is not None:
            remove_folder(self.sockets)


def _start_helpers(options: BuildOptions) -> tuple[Zygote | None, Path]:
    """Start the workers' fork server and the kernels' template; both take about 1 CPU-s
    to import what they need, so they start as soon as the build knows it will need them.

    Returns the template (None with ``fork_kernels`` off: kernels are launched) and the
    folder of the build's sockets (`sockets.py`).
    """
    folder = make_folder()
    _fork_server(start=True)
    if not options.fork_kernels:
        return None, folder
    from reportlib.build.workers import kernel_environment
    from reportlib.build.kernels.zygote import Zygote

    return Zygote(kernel_environment(), folder=folder), folder


def _run_jobs(
    jobs: list[Job],
    options: BuildOptions,
    notebook: Path,
    manifest: Manifest,
    summary: BuildSummary,
    progress: Progress,
    helpers: _Helpers,
) -> None:
    from reportlib.build import workers as worker

    count = options.jobs or os.cpu_count() or 1
    count = max(1, min(count, len(jobs)))
    settings = worker.WorkerSettings(
        root=str(options.root),
        outputs=str(options.outputs),
        notebook=str(notebook),
        formats=options.formats,
        timeout=options.timeout,
        prestart=options.prestart_kernels,
        fork_kernels=options.fork_kernels,
        zygote=helpers.zygote.path if helpers.zygote is not None else None,
        sockets=str(helpers.sockets) if helpers.sockets is not None else None,
        environment=dict(os.environ),
    )
    context = _fork_server()

    def pool(initializer: Callable[[worker.WorkerSettings], None]) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=initializer, initargs=(settings,)
        )

    with pool(worker.initialize) as executing, pool(worker.initialize_export) as exporting:
        # Fork the export workers now, ready before the first report has run.
        for _ in range(count):
            exporting.submit(worker.ready)
        pending: dict[Future[dict[str, Any]], tuple[Job, str]] = {
            executing.submit(worker.execute_one, _job_payload(job)): (job, "execute")
            for job in jobs
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job, stage = pending.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # a worker process died: report it, go on
                    result = worker.failure_result(
                        f"the build process died: {type(error).__name__}: {error}",
                        time.monotonic(),
                    )
                if stage == "execute" and result["ok"]:
                    exported = exporting.submit(worker.export_one, _job_payload(job), result)
                    pending[exported] = (job, "export")
                    continue
                _record_result(manifest, job, result)
                save_manifest(options.outputs, manifest)
                if result["ok"]:
                    summary.built.append(job.name)
                    progress.report(job.name, "built", duration=result["duration_s"])
                else:
                    summary.failed[job.name] = result["error"]
                    progress.report(job.name, "failed", result["error"])


def _fork_server(*, start: bool = False) -> Any:
    """Return the multiprocessing context whose fork server forks the build's workers.

    The server imports papermill, nbconvert and WeasyPrint once (about 1 CPU-second), and
    forks every worker from there, instead of each worker being spawned to import them. It
    is a fresh process, with neither this process's threads nor its open files (the outputs
    lock). ``start``: start it now, not when the first worker is needed.
    """
    import multiprocessing
    from multiprocessing import forkserver

    from reportlib.build.workers import PRELOAD

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    if start:
        forkserver.ensure_running()
    return context


def _job_payload(job: Job) -> dict[str, Any]:
    return {
        "name": job.name,
        "parameters": job.parameters,
        "language": job.language,
        "title": job.title,
    }


def _record_result(manifest: Manifest, job: Job, result: dict[str, Any]) -> None:
    previous = manifest.reports.get(job.name, {})
    entry: dict[str, Any] = {
        "name": job.name,
        "params": job.params_file,
        **job.facts,
        "key": job.key if result["ok"] else previous.get("key"),
        "inputs": job.inputs,
        "counts": job.counts,
        "duration_s": round(float(result["duration_s"]), 3),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "warnings": result.get("warnings", []),
    }
    if result["ok"]:
        entry.update(
            status="ok",
            outputs=result["outputs"],
            error=None,
            cell=None,
            stale=False,
            pdf_font=result.get("pdf_font"),
        )
    else:
        kept = previous.get("outputs", {}) if previous.get("status") in ("ok", "failed") else {}
        entry.update(
            status="failed",
            error=result["error"],
            cell=result.get("cell"),
            outputs=kept,
            stale=bool(kept),
            failed_notebook=result.get("failed_notebook"),
        )
        if previous.get("status") == "ok":
            entry["counts"] = previous.get("counts", job.counts)
    manifest.reports[job.name] = entry


def _record_failure(manifest: Manifest, name: str, params_file: str, error: ReportlibError) -> None:
    previous = manifest.reports.get(name, {})
    kept = previous.get("outputs", {})
    manifest.reports[name] = {
        **{
            k: previous[k]
            for k in ("district", "province", "year", "period_months")
            if k in previous
        },
        "name": name,
        "params": params_file,
        "status": "failed",
        "error": str(error),
        "cell": None,
        "key": previous.get("key"),
        "outputs": kept,
        "stale": bool(kept),
        "counts": previous.get("counts"),
        "duration_s": 0.0,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "warnings": [],
    }


def remove_leftovers(outputs: Path) -> list[Path]:
    """Delete the temporary files a killed build left (we hold the lock: nobody writes them).

    Finished files are only ever renamed into place, so a leftover is always an unfinished
    temporary: '.<name>.<random>.tmp' or '.<name>.<pid>.running.ipynb'.
    """
    removed = []
    for path in outputs.rglob(".*"):
        if path.is_file() and (path.name.endswith(".tmp") or path.name.endswith(".running.ipynb")):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
