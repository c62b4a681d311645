"""Benchmark what .docx and .xlsx add to a build (issue 13: at most 10 % more time per report).

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/bench_formats.py [--pairs 3] [--jobs 2] [--json out.json]

Two measurements, on the sample params of one year (params/2023 by default):

serial: each report built by reportlib's own worker code (`workers.build_one`, the same
    execution and export an export worker does) one after another in this process, with
    html,pdf and with all four in turn, report by report (the order alternating): the cost
    per report when it has a core to itself, the figure the issue's target is about; the
    median over the reports of (time with four / time with two), the first report left out
    (it pays the one-time imports and warm-up).
builds: `reportlib build PARAMS --jobs J --format html,pdf` and the same with
    `--format html,pdf,docx,xlsx`, each from empty outputs, in pairs whose order alternates;
    the figure is the median over the pairs of (time with four formats / time with two).
stages: for each report, in this process, the time of printing its HTML to PDF against the
    time of writing its .docx (from the HTML) and its .xlsx (from the engine's report, read
    again from the table, as the export worker does); the HTML comes from the first build.

The machine is shared and its speed drifts, so only paired runs are compared and medians
quoted. Only the standard library and reportlib are used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / "bin"
TWO = "html,pdf"
FOUR = "html,pdf,docx,xlsx"


def build(params: Path, outputs: Path, formats: str, jobs: int) -> float:
    """Build every report under ``params`` from empty outputs; return the wall time."""
    shutil.rmtree(outputs, ignore_errors=True)
    command = [
        str(BIN / "reportlib"),
        "--root",
        str(REPO),
        "build",
        str(params),
        "--jobs",
        str(jobs),
        "--format",
        formats,
        "--outputs",
        str(outputs),
    ]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"bench_formats: {' '.join(command)} failed:\n{result.stderr}")
    return elapsed


def serial(params: Path, outputs: Path, count: int) -> list[dict[str, Any]]:
    """Build ``count`` reports each way in this process, alternating; return their times."""
    from reportlib.build import workers
    from reportlib.build.plan import DEFAULT_NOTEBOOK, BuildOptions, plan_job

    notebook = REPO / DEFAULT_NOTEBOOK
    files = sorted(params.rglob("*.yaml"))[: count + 1]
    settings = {
        formats: workers.WorkerSettings(
            root=str(REPO),
            outputs=str(outputs / formats.replace(",", "-")),
            notebook=str(notebook),
            formats=tuple(formats.split(",")),
            timeout=600.0,
            prestart=False,
            fork_kernels=False,
        )
        for formats in (TWO, FOUR)
    }
    for each in settings.values():
        workers.initialize(each)
        workers.initialize_export(each)
    # The export's CPU time in this process: what docx and xlsx add, which the machine's
    # other load changes far less than it changes wall time.
    export_cpu: list[float] = []
    export_one = workers.export_one

    def timed_export(*args: Any) -> Any:
        started = time.process_time()
        try:
            return export_one(*args)
        finally:
            export_cpu.append(time.process_time() - started)

    workers.export_one = timed_export  # type: ignore[assignment]
    rows = []
    for index, file in enumerate(files):
        times = {}
        for formats in (TWO, FOUR) if index % 2 == 0 else (FOUR, TWO):
            options = BuildOptions(
                root=REPO,
                outputs=Path(settings[formats].outputs),
                formats=settings[formats].formats,
            )
            job = plan_job(file, options, notebook)
            workers.initialize_export(settings[formats])  # adopt these settings
            started = time.perf_counter()
            result = workers.build_one(job)
            times[formats] = time.perf_counter() - started
            times[formats + " export CPU"] = export_cpu[-1]
            if not result.ok:
                raise SystemExit(f"bench_formats: {job.name}: {result.error}")
        if index:
            rows.append(
                {
                    "report": file.stem,
                    "two_s": times[TWO],
                    "four_s": times[FOUR],
                    "two_export_cpu_s": times[TWO + " export CPU"],
                    "four_export_cpu_s": times[FOUR + " export CPU"],
                }
            )
            print(
                f"serial {file.stem}: html,pdf {times[TWO]:.2f} s, all four {times[FOUR]:.2f} s "
                f"({times[FOUR] / times[TWO] - 1:+.1%}); export CPU "
                f"{times[TWO + ' export CPU']:.3f} -> {times[FOUR + ' export CPU']:.3f} s",
                flush=True,
            )
    workers.export_one = export_one  # type: ignore[assignment]
    return rows


def stages(params: Path, outputs: Path) -> list[dict[str, Any]]:
    """Time PDF against .docx + .xlsx for each report built in ``outputs``."""
    from reportlib.build.plan import output_name, title
    from reportlib.engine.params import load_params
    from reportlib.engine.report import prepare_report
    from reportlib.publish.docx import report_docx
    from reportlib.publish.pdf import document_font, html_to_pdf
    from reportlib.publish.xlsx import report_to_xlsx

    rows = []
    for file in sorted(params.rglob("*.yaml")):
        name = output_name(file, REPO)
        html = (outputs / f"{name}.html").read_text(encoding="utf-8")
        started = time.perf_counter()
        html_to_pdf(html, family=document_font(html))
        pdf = time.perf_counter() - started
        started = time.perf_counter()
        report = prepare_report(load_params(file), root=REPO, allow_outside_data=True)
        report_docx(html, report, title=title(report))
        docx = time.perf_counter() - started
        started = time.perf_counter()
        report_to_xlsx(report)
        xlsx = time.perf_counter() - started
        rows.append({"report": name, "pdf_s": pdf, "docx_s": docx, "xlsx_s": xlsx})
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--params", type=Path, default=REPO / "params" / "2023")
    parser.add_argument("--pairs", type=int, default=3, help="paired builds (default 3)")
    parser.add_argument("--serial", type=int, default=8, help="reports built serially (8)")
    parser.add_argument("--jobs", type=int, default=2, help="reportlib build --jobs (default 2)")
    parser.add_argument("--json", type=Path, default=None, help="write every number as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("REPORTLIB_REVISION", "benchmark")
    count = len(list(args.params.rglob("*.yaml")))
    work = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    pairs = []
    try:
        one_by_one = serial(args.params, work / "serial", args.serial)
        build(args.params, work / "warm", FOUR, args.jobs)  # imports and caches, not counted
        for index in range(args.pairs):
            order = (TWO, FOUR) if index % 2 == 0 else (FOUR, TWO)
            times = {fmt: build(args.params, work / "out", fmt, args.jobs) for fmt in order}
            two, four = times[TWO], times[FOUR]
            pairs.append({"two_s": two, "four_s": four})
            print(
                f"pair {index + 1}: html,pdf {two:.1f} s, all four {four:.1f} s "
                f"({four / two - 1:+.1%})",
                flush=True,
            )
        build(args.params, work / "out", TWO, args.jobs)
        timed = stages(args.params, work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    serial_ratios = [r["four_s"] / r["two_s"] for r in one_by_one]
    ratios = [p["four_s"] / p["two_s"] for p in pairs]
    pdf = statistics.median(r["pdf_s"] for r in timed)
    docx = statistics.median(r["docx_s"] for r in timed)
    xlsx = statistics.median(r["xlsx_s"] for r in timed)
    print()
    print(
        f"serial, {len(one_by_one)} reports: html,pdf "
        f"{statistics.median(r['two_s'] for r in one_by_one):.2f} s, all four "
        f"{statistics.median(r['four_s'] for r in one_by_one):.2f} s a report; median ratio "
        f"{statistics.median(serial_ratios) - 1:+.1%}"
    )
    added = statistics.median(r["four_export_cpu_s"] - r["two_export_cpu_s"] for r in one_by_one)
    print(f"  docx + xlsx add {added:.3f} CPU-s a report to its export (median)")
    if pairs:
        two = statistics.median(p["two_s"] for p in pairs) / count
        four = statistics.median(p["four_s"] for p in pairs) / count
        print(f"builds of {count} reports, --jobs {args.jobs}, {len(pairs)} pairs:")
        print(f"  per report: html,pdf {two:.2f} s, all four {four:.2f} s (medians)")
        print(f"  median of the pairs' ratios {statistics.median(ratios) - 1:+.1%}")
    print(f"stages, median per report: pdf {pdf:.3f} s, docx {docx:.3f} s, xlsx {xlsx:.3f} s")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {"serial": one_by_one, "pairs": pairs, "stages": timed, "reports": count},
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
