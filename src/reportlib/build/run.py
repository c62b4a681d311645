"""Build reports: check every params file first, skip what is up to date, run the rest in parallel.

One build:

1. takes the outputs folder's lock (a second build on the same outputs/ is refused);
2. plans each report in this process, without a kernel (`plan.py`): a report whose inputs are
   bad fails here, named with its reason, and the others go on;
3. skips a report whose cache key and output files match the manifest (`cache.py`);
4. runs the others in worker processes (`workers.py`), each report in a fresh kernel, forked
   from a warm template (`kernels/`) where that is safe, and prints them to PDF in export
   workers while the next reports run;
5. records each result in outputs/manifest.json as it arrives, and writes outputs/index.html,
   whatever failed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlib.build.cache import outputs_match
from reportlib.build.kernels.sockets import make_folder, remove_folder, remove_stale
from reportlib.build.lock import OutputsLock
from reportlib.build.manifest import Manifest, load_manifest, save_manifest
from reportlib.build.plan import (
    DEFAULT_NOTEBOOK,
    BuildOptions,
    output_name,
    plan_job,
    relative,
)
from reportlib.build.progress import Progress
from reportlib.build.provinces import is_province, link, link_units, waves
from reportlib.build.records import Executed, Job, WorkerResult
from reportlib.build.results import record_failure, record_result
from reportlib.build.shard import parse_shard, take_shard
from reportlib.build.tables import TableHandoff
from reportlib.engine.params import find_params_files
from reportlib.errors import DataError, ParamsError

__all__ = ["DEFAULT_NOTEBOOK", "BuildOptions", "BuildSummary", "build_reports"]


@dataclass
class BuildSummary:
    """What a build did."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether every report is built or up to date."""
        return not self.failed


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
    # A killed build's socket folder goes with the next build, even one with nothing to run.
    remove_stale()
    files = find_params_files(list(paths or []), options.root)
    if options.shard:
        files = take_shard(files, parse_shard(options.shard), options.root)
    options.outputs.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    with OutputsLock(options.outputs):
        remove_leftovers(options.outputs)
        remove_stale()  # the folders of builds that were killed
        manifest = load_manifest(options.outputs)
        progress = Progress(len(files), enabled=options.progress)
        helpers = _Helpers(options)
        tables = TableHandoff(options.root)  # before any helper starts: they inherit it
        try:
            if files and (options.force or not manifest.reports):
                helpers.start()  # every report will be built (nothing was here): warm up now
            jobs = _plan(files, options, notebook, manifest, summary, progress, helpers)
            save_manifest(options.outputs, manifest)
            if jobs:
                tables.export()
                _run_jobs(jobs, options, notebook, manifest, summary, progress, helpers)
        finally:
            tables.close()
            helpers.close()
            from reportlib.build.index import write_index

            write_index(options.outputs, manifest)
        progress.finish(len(summary.built), len(summary.skipped), summary.failed)
    return summary


def _plan(
    files: list[Path],
    options: BuildOptions,
    notebook: Path,
    manifest: Manifest,
    summary: BuildSummary,
    progress: Progress,
    helpers: _Helpers,
) -> list[Job]:
    planned: list[Job] = []
    for file in files:
        name = output_name(file, options.root)
        try:
            job = plan_job(file, options, notebook)
        except (ParamsError, DataError) as error:
            record_failure(manifest, name, relative(file, options.root), error)
            summary.failed[name] = str(error)
            progress.report(name, "failed", str(error))
            continue
        planned.append(job)
        if not is_province(job.facts) and not _up_to_date(job, manifest, options):
            helpers.start()  # warm up while the other reports are planned
    jobs: list[Job] = []
    # A province's report links its units' reports and is keyed on them: its key is known
    # only now, once every unit is planned.
    for job in link_units(planned, manifest.reports.values()):
        if _up_to_date(job, manifest, options):
            summary.skipped.append(job.name)
            progress.report(job.name, "up to date")
        else:
            jobs.append(job)
    return jobs


def _up_to_date(job: Job, manifest: Manifest, options: BuildOptions) -> bool:
    entry = manifest.reports.get(job.name)
    return (
        not options.force
        and entry is not None
        and entry.key == job.key
        and entry.status == "ok"
        and outputs_match(entry, options.outputs, job.formats)
    )


class _Helpers:
    """The build's fork server, kernel template and socket folder, started at most once."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.started = False
        self.zygote: Any = None
        self.sockets: Path | None = None
        self.fork = options.fork_kernels
        self.warning = ""

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        self.sockets = make_folder()
        _fork_server(start=True)
        if not self.fork:
            return
        from reportlib.build.kernels import fork_problems, kernel_environment

        found = fork_problems()
        if found:
            self._launch_instead("; ".join(found))
            return
        from reportlib.build.kernels._jupyter_client import write_spec
        from reportlib.build.kernels.zygote import Zygote

        write_spec(self.sockets)
        self.zygote = Zygote(kernel_environment(), folder=self.sockets)

    def ready(self) -> None:
        """Wait for the template's warm-up; launch kernels instead if it failed (one warning)."""
        if self.zygote is not None:
            reason = self.zygote.wait_ready()
            if reason:
                self.zygote.close()
                self.zygote = None
                self._launch_instead(reason)

    def _launch_instead(self, reason: str) -> None:
        self.fork = False
        self.warning = f"{reason}; every kernel is launched instead (slower, same reports)"

    def close(self) -> None:
        if self.zygote is not None:
            self.zygote.close()
        if self.sockets is not None:
            remove_folder(self.sockets)


def _run_jobs(
    jobs: list[Job],
    options: BuildOptions,
    notebook: Path,
    manifest: Manifest,
    summary: BuildSummary,
    progress: Progress,
    helpers: _Helpers,
) -> None:
    from reportlib.build import workers

    helpers.ready()
    if helpers.warning:
        summary.warnings.append(helpers.warning)
        progress.warn(helpers.warning)
    count = max(1, min(options.jobs or os.cpu_count() or 1, len(jobs)))
    settings = workers.WorkerSettings(
        root=str(options.root),
        outputs=str(options.outputs),
        notebook=str(notebook),
        formats=options.formats or tuple(dict.fromkeys(f for job in jobs for f in job.formats)),
        timeout=options.timeout,
        prestart=options.prestart_kernels,
        fork_kernels=helpers.fork,
        zygote=helpers.zygote.path if helpers.zygote is not None else None,
        sockets=str(helpers.sockets) if helpers.sockets is not None else None,
        environment=dict(os.environ),
    )
    context = _fork_server()

    def pool(initializer: Callable[[workers.WorkerSettings], None]) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=initializer, initargs=(settings,)
        )

    with pool(workers.initialize) as executing, pool(workers.initialize_export) as exporting:
        for _ in range(count):  # fork the export workers now, ready before the first report
            exporting.submit(workers.ready)
        # The units' reports first, then the provinces' reports that link them.
        queued = waves(jobs)
        pending: dict[Future[Any], Job] = {}
        while pending or queued:
            if not pending:
                wave = _linked_to_built(queued.pop(0), manifest)
                pending = {executing.submit(workers.execute_one, job): job for job in wave}
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # a worker process died: report it, go on
                    result = WorkerResult.failure(
                        f"the build process died: {type(error).__name__}: {error}", 0.0
                    )
                if isinstance(result, Executed):
                    pending[exporting.submit(workers.export_one, job, result)] = job
                    continue
                for warning in result.warnings:
                    if warning not in summary.warnings:
                        summary.warnings.append(warning)
                        progress.warn(warning)
                record_result(manifest, job, result)
                save_manifest(options.outputs, manifest)
                if result.ok:
                    summary.built.append(job.name)
                    progress.report(job.name, "built", duration=result.duration_s)
                else:
                    summary.failed[job.name] = result.error or "failed"
                    progress.report(job.name, "failed", result.error or "")


def _linked_to_built(wave: list[Job], manifest: Manifest) -> list[Job]:
    """Drop from a province's links the units whose report has no HTML (it failed, never built)."""
    built = [entry.name for entry in manifest.reports.values() if "html" in entry.outputs]
    linked = []
    for job in wave:
        links = job.parameters.get("unit_reports")
        if links:
            present = {link(name, job.name) for name in built}
            kept = {unit: href for unit, href in links.items() if href in present}
            job = replace(job, parameters={**job.parameters, "unit_reports": kept})
        linked.append(job)
    return linked


def _fork_server(*, start: bool = False) -> Any:
    """Return the multiprocessing context whose fork server forks the build's workers.

    The server imports papermill, nbconvert and WeasyPrint once (about 1 CPU-second), and
    forks every worker from there. It is a fresh process, with neither this process's threads
    nor its open files (the outputs lock). It is started with REPORTLIB_FORK_SERVER set, so
    that `_fork_server` knows where it is and the server ends at once when the build does.
    """
    import multiprocessing
    from multiprocessing import forkserver

    from reportlib.build import _fork_server as marker
    from reportlib.build.workers import PRELOAD

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    if start:
        os.environ[marker.VARIABLE] = "1"
        try:
            forkserver.ensure_running()
        finally:
            os.environ.pop(marker.VARIABLE, None)
    return context


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
