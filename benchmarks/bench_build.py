"""Benchmark `reportlib build` against the loop an analyst would write (issue item 7).

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/bench_build.py [--quick] [--skip-scaling] [--json out.json]

It copies notebooks/ and data/ (plus an empty pyproject.toml, the project-root marker) into a
work folder (benchmarks/work/project by default, git-ignored), writes N params files for the
sample table there, and measures on this machine, in this one run:

(a) the analyst's loop: for each params file the `papermill` command, then
    `jupyter nbconvert --to html --no-input`, then the `weasyprint` command;
(b) `reportlib build --jobs 2` from empty outputs, with the peak memory of the build process and
    all its descendants;
(c) the same command again with nothing changed (expected: 0 built, no kernel started);
(d) the same command after one number in one district's 2023 row of the table changed
    (expected: exactly one report rebuilt);
scaling: (b) with N and with 4 N reports;
breakdown: where one report's time goes: stage by stage inside one process, CPU by kind of
    process during (b), and each notebook cell's time from the built notebooks.

Every command imports a copy of reportlib taken at the start (--no-snapshot: the installed one as
it is), so edits to src/ during the run do not change the cache keys half-way.

Every measurement is repeated (--repeats, default 3; the slow analyst loop once) and the median
is quoted: the machine is noisy. Only the standard library is used; processes and memory are
read from /proc (Linux).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / "bin"
DATA = Path("data") / "dong-thap" / "indicators.csv"
NOTEBOOK = Path("notebooks") / "district_report.ipynb"

# The row (d) changes: Tháp Mười, 2023, CT04 (new enterprises), column Thực hiện (actual).
CHANGED_DISTRICT = "Tháp Mười"
CHANGED_YEAR = "2023"
CHANGED_ID = "CT04"
CHANGED_COLUMN = "Thực hiện"

# A report variant: year, period in months, language. The first two make the 24 reports of the
# issue (12 districts x 2022 year-end and 2023 at 9 months); all eight make 96 distinct reports.
VARIANTS: tuple[tuple[int, int, str], ...] = (
    (2022, 12, "vi"),
    (2023, 9, "vi"),
    (2022, 12, "en"),
    (2023, 9, "en"),
    (2023, 6, "vi"),
    (2023, 6, "en"),
    (2023, 3, "vi"),
    (2023, 3, "en"),
)

# Targets of the issue, for a 2-core machine.
TARGET_SPEEDUP = 8.0
TARGET_NOOP_S = 2.0
TARGET_REBUILT = 1
TARGET_PEAK_MIB = 1.5 * 1024
TARGET_SCALING_NOISE = 1.10  # linear is 4.0; allow 10 % noise before calling it superlinear

SUMMARY_LINE = re.compile(
    r"reportlib: (?P<built>\d+) built, (?P<skipped>\d+) up to date, (?P<failed>\d+) failed "
    r"in (?P<seconds>[\d.]+) s"
)
BUILT_LINE = re.compile(r"^\[\d+/\d+\] built (?P<name>\S+) in (?P<seconds>[\d.]+) s$", re.M)
FAILED_LINE = re.compile(r"^\[\d+/\d+\] failed (?P<name>\S+):\n  (?P<reason>.*)$", re.M)


# --------------------------------------------------------------------------------------------
# The work project and its params files


@dataclass(frozen=True)
class ReportSpec:
    """One generated params file: the report it asks for."""

    name: str  # the build's report name: its path under params/ without .yaml
    district: str
    province: str
    year: int
    period_months: int
    language: str

    @property
    def label(self) -> str:
        """Describe the report for people: district, year, period and language."""
        return f"{self.district} {self.year}, {self.period_months} months, {self.language}"


def slugify(text: str) -> str:
    """Return an ASCII file-name slug: 'Thành phố Cao Lãnh' -> 'thanh-pho-cao-lanh'."""
    folded = text.replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def read_units(table: Path) -> tuple[str, list[str]]:
    """Return the province and the districts of the table's "Huyện" column, in table order."""
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    districts = list(dict.fromkeys(row["Huyện"] for row in rows))
    return rows[0]["Tỉnh"], districts


def plan_reports(count: int, districts: list[str]) -> list[tuple[str, int, int, str]]:
    """Choose ``count`` distinct (district, year, period, language) reports.

    Up to 24: ``count / 2`` districts (always with Tháp Mười, the row (d) changes) x the two
    Vietnamese variants. Above 24: all 12 districts x the first ``count / 12`` variants.
    """
    if count <= 2 * len(districts):
        if count < 2 or count % 2:
            raise SystemExit(f"bench: --reports {count}: use an even number from 2 to 24, or 12 k")
        wanted = count // 2
        others = [d for d in districts if d != CHANGED_DISTRICT]
        chosen = {CHANGED_DISTRICT, *others[: wanted - 1]}
        units = [d for d in districts if d in chosen]
        variants = VARIANTS[:2]
    else:
        if count % len(districts) or count // len(districts) > len(VARIANTS):
            raise SystemExit(
                f"bench: {count} reports: above 24 use a multiple of {len(districts)} "
                f"up to {len(districts) * len(VARIANTS)}"
            )
        units = districts
        variants = VARIANTS[: count // len(districts)]
    return [(d, year, months, lang) for year, months, lang in variants for d in units]


def write_params(project: Path, folder: str, count: int) -> list[ReportSpec]:
    """Write ``count`` params files to params/<folder>/NN-<district-slug>.yaml; return them."""
    province, districts = read_units(project / DATA)
    target = project / "params" / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    width = max(2, len(str(count)))
    specs = []
    for number, (district, year, months, language) in enumerate(
        plan_reports(count, districts), start=1
    ):
        stem = f"{number:0{width}d}-{slugify(district)}"
        text = (
            f"district: {district}\n"
            f"province: {province}\n"
            f"year: {year}\n"
            f"period_months: {months}\n"
            f"data: {DATA.as_posix()}\n"
            f"language: {language}\n"
            'decimal: ","\n'
        )
        (target / f"{stem}.yaml").write_text(text, encoding="utf-8")
        specs.append(ReportSpec(f"{folder}/{stem}", district, province, year, months, language))
    return specs


def make_project(work: Path) -> Path:
    """Copy notebooks/ and data/ into a fresh ``work``/project with a pyproject.toml marker."""
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in ("notebooks", "data"):
        shutil.copytree(REPO / name, project / name)
    # The notebook finds the project root as the nearest folder with pyproject.toml.
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    return project


def change_cell(project: Path, value: str) -> str:
    """Set Tháp Mười 2023 CT04 "Thực hiện" in the work copy's table; return the old value.

    Only that line is rewritten; the BOM, the ';' separator and the CRLF line ends are kept.
    """
    path = project / DATA
    text = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix(bom).split("\r\n")
    header = lines[0].split(";")
    unit, year, ident, column = (
        header.index(name) for name in ("Huyện", "Năm", "Mã", CHANGED_COLUMN)
    )
    for index, line in enumerate(lines[1:], start=1):
        cells = line.split(";")
        if len(cells) == len(header) and (cells[unit], cells[year], cells[ident]) == (
            CHANGED_DISTRICT,
            CHANGED_YEAR,
            CHANGED_ID,
        ):
            assert '"' not in line, "the changed row must not be quoted"
            old, cells[column] = cells[column], value
            lines[index] = ";".join(cells)
            path.write_bytes((bom + "\r\n".join(lines)).encode("utf-8"))
            return old
    raise SystemExit(f"bench: no row {CHANGED_DISTRICT} {CHANGED_YEAR} {CHANGED_ID} in {path}")


# Where the reportlib the benchmark measures lives: the installed package, or the snapshot of it
# taken at the start (see snapshot_package), which every command then imports first.
PACKAGE: list[Path] = []


def installed_package() -> Path:
    """Return the folder of the installed reportlib package, without importing it."""
    spec = importlib.util.find_spec("reportlib")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bench: reportlib is not installed in this environment")
    return Path(next(iter(spec.submodule_search_locations)))


def snapshot_package(project: Path) -> Path:
    """Copy the installed reportlib into ``project``/_snapshot/reportlib and use that copy.

    Every command of the run then imports the same code, whatever is edited in src/ meanwhile
    (an edit changes every report's cache key: (c) and (d) would rebuild everything).
    """
    target = project / "_snapshot" / "reportlib"
    shutil.copytree(
        installed_package(), target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    PACKAGE[:] = [target]
    found = subprocess.run(
        [str(BIN / "python"), "-c", "import reportlib; print(reportlib.__file__)"],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(found).is_relative_to(target):
        raise SystemExit(f"bench: the snapshot is not imported first ({found}); use --no-snapshot")
    return target


def subprocess_env() -> dict[str, str]:
    """Return the environment of an activated venv, as an analyst's shell would have it."""
    env = dict(os.environ)
    env.pop("REPORTLIB_ROOT", None)  # the project root is found from the working directory
    env["VIRTUAL_ENV"] = str(BIN.parent)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    if PACKAGE:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(PACKAGE[0].parent), *filter(None, [env.get("PYTHONPATH")])]
        )
    return env


def reportlib_digest() -> str:
    """Return a digest of the measured reportlib's files (an edit changes every cache key)."""
    folder = PACKAGE[0] if PACKAGE else installed_package()
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def git_state() -> dict[str, Any]:
    """Return the repository's commit and whether src/ has uncommitted changes."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "src_modified": bool(git("status", "--porcelain", "--", "src")),
    }


# --------------------------------------------------------------------------------------------
# Watching a process tree: memory and kernels, from /proc


def _process_table() -> dict[int, tuple[int, int]]:
    """Return every process's parent and CPU ticks so far (user + system), from /proc/<pid>/stat."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the fields follow the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return table


def _descendants(root: int, table: dict[int, tuple[int, int]]) -> list[int]:
    """Return ``root`` and every process below it that is alive in ``table``."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _ticks) in table.items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        if pid in table:
            found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _kib(path: str, key: bytes) -> int:
    """Return the value in KiB of the line ``key`` of a /proc status-like file, 0 if absent."""
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _cmdline(pid: int) -> bytes:
    """Return a process's command line ('' once it has ended)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


# reportlib may fork its kernels from a warm template process
# (`python -m reportlib.build.kernels.zygote`): a forked kernel keeps the command line of its
# parent, the template. (The fork server that forks the build's workers names
# reportlib.build.kernels.zygote among its preloads, never after -m.)
ZYGOTE = b"-m\0reportlib.build.kernels.zygote\0"


def _is_kernel(command: bytes, parent_command: bytes) -> bool:
    """Tell a Jupyter kernel: launched (ipykernel_launcher) or forked from a template."""
    return b"ipykernel_launcher" in command or (ZYGOTE in command and ZYGOTE in parent_command)


class TreeWatcher:
    """Sample a process and its descendants every ``interval`` seconds in a thread.

    Records the peak of their summed RSS (VmRSS: shared pages count once per process, so an
    upper bound) and of their summed PSS (shared pages split between the processes sharing
    them: the memory the build really holds), the most processes alive at once, every Jupyter
    kernel seen among them (launched, or forked from reportlib's template process), and the
    CPU time each kind of process
    used: the build's own process, its workers (and their helpers), the kernels. A process's CPU
    is its last sample, so one that ends between samples loses at most ``interval`` of it.
    """

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_rss_kib = 0
        self.peak_pss_kib = 0
        self.most_processes = 0
        self.kernels: set[int] = set()
        self._commands: dict[int, bytes] = {}
        self._cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> None:
        """Take one sample of the tree."""
        table = _process_table()
        pids = _descendants(self.pid, table)
        rss = sum(_kib(f"/proc/{pid}/status", b"VmRSS:") for pid in pids)
        pss = sum(_kib(f"/proc/{pid}/smaps_rollup", b"Pss:") for pid in pids)
        self.peak_rss_kib = max(self.peak_rss_kib, rss)
        self.peak_pss_kib = max(self.peak_pss_kib, pss)
        self.most_processes = max(self.most_processes, len(pids))
        for pid in pids:
            if pid not in self._commands:
                # Parents come before their children in ``pids``: the parent's is known.
                command = self._commands[pid] = _cmdline(pid)
                parent = table[pid][0]
                if _is_kernel(command, self._commands.get(parent) or _cmdline(parent)):
                    self.kernels.add(pid)
            self._cpu_ticks[pid] = table[pid][1]

    def cpu_by_role(self) -> dict[str, float]:
        """Return the CPU seconds of the build process, of its workers and of the kernels."""
        roles = {"build": 0.0, "workers": 0.0, "kernels": 0.0}
        tick = os.sysconf("SC_CLK_TCK")
        for pid, ticks in self._cpu_ticks.items():
            role = "build" if pid == self.pid else "kernels" if pid in self.kernels else "workers"
            roles[role] += ticks / tick
        return roles


class CpuMeter:
    """Measure the CPU time of this process and its children, and of the whole machine.

    What the machine spent beyond ours is other people's work (tests, editors): the background
    load that makes one run slower than the next, reported with every timing.
    """

    def __enter__(self) -> CpuMeter:
        self._wall, self._ours, self._busy = time.perf_counter(), _our_cpu(), _machine_busy()
        self.seconds = self.cpu_s = self.other_cores = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._wall
        self.cpu_s = _our_cpu() - self._ours
        other = _machine_busy() - self._busy - self.cpu_s
        self.other_cores = max(0.0, other) / self.seconds if self.seconds else 0.0


def become_subreaper() -> None:
    """Adopt the build's orphans (Linux): what it leaves running is still ours to measure.

    reportlib forks its workers from multiprocessing's fork server, which outlives the build
    process by a moment; its CPU, and its workers', reaches this process's RUSAGE_CHILDREN
    only if this process becomes their parent and waits for them.
    """
    import ctypes

    pr_set_child_subreaper = 36
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(pr_set_child_subreaper, 1, 0, 0, 0) != 0:
        log("warning: cannot adopt orphans (prctl); CPU of the fork server may go uncounted")


def _reap_orphans(timeout: float = 30.0) -> None:
    """Wait for every process the build left behind (now our children), as the build would."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            time.sleep(0.01)
    log("warning: processes of the build were still running 30 s after it ended")


def _our_cpu() -> float:
    """Return the CPU seconds of this process and of every child it has waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _machine_busy() -> float:
    """Return the machine's busy CPU seconds since boot, summed over cores (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        ticks = [int(v) for v in handle.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    """Return the machine's one-minute load average."""
    with open("/proc/loadavg", encoding="ascii") as handle:
        return float(handle.read().split()[0])


# --------------------------------------------------------------------------------------------
# Running the scenarios


@dataclass
class BuildRun:
    """One `reportlib build` run, as measured from outside."""

    seconds: float
    built: int
    up_to_date: int
    failed: int
    built_names: list[str]
    report_seconds: list[float]  # each built report's own duration, from the build's log
    peak_rss_mib: float
    peak_pss_mib: float
    most_processes: int
    kernels_started: int
    cpu_s: float  # CPU seconds of the build and its descendants
    cpu_by_role: dict[str, float]  # the same, split: build process, workers, kernels
    reportlib_changed: bool  # reportlib's files differ from those of the previous build
    failures: dict[str, str]  # report name -> the first line of its reason, from the log
    other_cores: float  # what the rest of the machine used meanwhile, in cores


@dataclass
class AnalystRun:
    """One pass of the analyst's loop over every params file."""

    seconds: float
    cpu_s: float = 0.0
    other_cores: float = 0.0
    papermill_s: list[float] = field(default_factory=list)
    nbconvert_s: list[float] = field(default_factory=list)
    weasyprint_s: list[float] = field(default_factory=list)


def log(message: str) -> None:
    """Print a progress line of the benchmark itself."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _check_run(command: Sequence[str], cwd: Path) -> float:
    """Run a command, fail loudly if it fails, and return its wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        list(command), cwd=cwd, env=subprocess_env(), capture_output=True, text=True
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        shown = " ".join(command)
        raise SystemExit(f"bench: `{shown}` failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return took


def run_analyst(project: Path, folder: str, specs: list[ReportSpec]) -> AnalystRun:
    """(a) For each params file: papermill, nbconvert --to html --no-input, weasyprint."""
    out = project / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    run = AnalystRun(seconds=0.0)
    with CpuMeter() as meter:
        for spec in specs:
            _analyst_one(project, folder, spec, run)
    run.seconds, run.cpu_s, run.other_cores = meter.seconds, meter.cpu_s, meter.other_cores
    return run


def _analyst_one(project: Path, folder: str, spec: ReportSpec, run: AnalystRun) -> None:
    """Run the analyst's three commands for one params file, recording each step's time."""
    stem = spec.name.rsplit("/", 1)[-1]
    params = f"params/{folder}/{stem}.yaml"
    ipynb, html, pdf = (f"out/{stem}.{suffix}" for suffix in ("ipynb", "html", "pdf"))
    run.papermill_s.append(
        _check_run([str(BIN / "papermill"), NOTEBOOK.as_posix(), ipynb, "-f", params], project)
    )
    run.nbconvert_s.append(
        _check_run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", ipynb], project
        )
    )
    run.weasyprint_s.append(_check_run([str(BIN / "weasyprint"), html, pdf], project))
    for produced in (ipynb, html, pdf):
        if not (project / produced).is_file() or not (project / produced).stat().st_size:
            raise SystemExit(f"bench: the analyst loop did not produce {produced}")


_LAST_DIGEST: list[str] = []  # the digest of reportlib's files at the previous build


def run_build(project: Path, folder: str, outputs: Path, jobs: int) -> BuildRun:
    """Run `reportlib build params/<folder> --jobs N --outputs <outputs>` and measure it."""
    command = [
        str(BIN / "reportlib"),
        "--root",
        str(project),
        "build",
        f"params/{folder}",
        "--jobs",
        str(jobs),
        "--outputs",
        str(outputs),
    ]
    digest = reportlib_digest()
    changed = bool(_LAST_DIGEST) and _LAST_DIGEST[0] != digest
    _LAST_DIGEST[:] = [digest]
    with CpuMeter() as meter:
        process = subprocess.Popen(
            command,
            cwd=project,
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        with TreeWatcher(process.pid) as watcher:
            output, _ = process.communicate()
        _reap_orphans()
    summary = SUMMARY_LINE.search(output)
    # Exit status 1 with a summary: some reports failed, the others were built (kept, reported).
    if process.returncode not in (0, 1) or summary is None:
        raise SystemExit(f"bench: `{' '.join(command)}` failed ({process.returncode}):\n{output}")
    built = [(m["name"], float(m["seconds"])) for m in BUILT_LINE.finditer(output)]
    return BuildRun(
        seconds=meter.seconds,
        built=int(summary["built"]),
        up_to_date=int(summary["skipped"]),
        failed=int(summary["failed"]),
        built_names=[name for name, _ in built],
        report_seconds=[took for _, took in built],
        peak_rss_mib=watcher.peak_rss_kib / 1024,
        peak_pss_mib=watcher.peak_pss_kib / 1024,
        most_processes=watcher.most_processes,
        kernels_started=len(watcher.kernels),
        cpu_s=meter.cpu_s,
        cpu_by_role=watcher.cpu_by_role(),
        reportlib_changed=changed,
        failures={m["name"]: m["reason"] for m in FAILED_LINE.finditer(output)},
        other_cores=meter.other_cores,
    )


def fresh_build(project: Path, folder: str, outputs: Path, jobs: int, count: int) -> BuildRun:
    """(b) Build into empty outputs; a report that fails is logged and counted, not fatal."""
    shutil.rmtree(outputs, ignore_errors=True)
    run = run_build(project, folder, outputs, jobs)
    if run.built + run.failed != count:
        raise SystemExit(f"bench: expected {count} reports from empty outputs, got {run}")
    for name, reason in run.failures.items():
        log(f"FAILED {name}: {reason}")
    return run


BREAKDOWN_SCRIPT = r"""
import json, statistics, sys, time
from pathlib import Path

import reportlib.publish.execute, reportlib.publish.html, reportlib.publish.pdf
import reportlib.build.workers as worker
from reportlib.build.kernels import fork_problems, kernel_environment
from reportlib.build.kernels._jupyter_client import write_spec
from reportlib.build.kernels.sockets import make_folder, remove_folder
from reportlib.build.kernels.zygote import Zygote
from reportlib.build.plan import DEFAULT_NOTEBOOK, BuildOptions, plan_job

root, outputs, files = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
spent = {}

def timed(module, name, stage):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - started
    setattr(module, name, wrapper)

timed(worker, "start_kernel", "start_next_kernel")
timed(worker, "shutdown_kernel", "kernel_shutdown")
timed(reportlib.publish.execute, "execute_report", "execute")
timed(reportlib.publish.html, "notebook_to_html", "html")
timed(reportlib.publish.pdf, "html_to_pdf", "pdf")
notebook = root / DEFAULT_NOTEBOOK
options = BuildOptions(root=root, outputs=outputs)
jobs = [plan_job(root / file, options, notebook) for file in files]
# Kernels forked from a warm template, as `reportlib build` starts them where it can
# (build/run.py, _Helpers); launched when it cannot.
sockets = make_folder()
zygote, problems = None, fork_problems()
if not problems:
    write_spec(sockets)
    zygote = Zygote(kernel_environment(), folder=sockets)
    reason = zygote.wait_ready()
    if reason:
        zygote.close()
        zygote, problems = None, [reason]
kernels = "launched: " + "; ".join(problems) if problems else "forked"
settings = worker.WorkerSettings(
    root=str(root), outputs=str(outputs), notebook=str(notebook), formats=("html", "pdf"),
    timeout=600.0, prestart=True, fork_kernels=zygote is not None,
    zygote=zygote.path if zygote else None, sockets=str(sockets))
stages = {}
try:
    worker.initialize(settings)  # an execution worker, and an export worker: build_one does both
    worker.initialize_export(settings)
    for index, job in enumerate(jobs):
        spent.clear()
        started = time.perf_counter()
        result = worker.build_one(job)
        total = time.perf_counter() - started
        if not result.ok:
            raise SystemExit(result.error)
        if index == 0:
            continue  # the first report waits for the first kernel and pays one-time imports
        spent["other"] = total - sum(spent.values())
        spent["total"] = total
        for stage, took in spent.items():
            stages.setdefault(stage, []).append(took)
finally:
    worker._shutdown_waiting()  # the next report's kernel, before the template it forked from
    if zygote is not None:
        zygote.close()
    remove_folder(sockets)
medians = {stage: statistics.median(times) for stage, times in stages.items()}
print(json.dumps({"kernels": kernels, "stages": medians}))
"""


def run_breakdown(project: Path, specs: list[ReportSpec], count: int) -> dict[str, float] | str:
    """Time one report's stages in a build worker's own code, one report after another.

    Runs reportlib's worker (its kernel start, execution, HTML and PDF) in one process with
    timers around each stage: what `build_one` spends per report when it has a core to itself
    (in (b) two workers share two cores with the kernels). Returns the median seconds of each
    stage, or why it could not run (these are reportlib internals and may change).
    """
    files = [f"params/{spec.name}.yaml" for spec in specs[: count + 1]]
    done = subprocess.run(
        [
            str(BIN / "python"),
            "-c",
            BREAKDOWN_SCRIPT,
            str(project),
            str(project / "outputs-breakdown"),
            *files,
        ],
        cwd=project,
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return f"unavailable: {done.stderr.strip().splitlines()[-1:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    log(f"breakdown: kernels {result['kernels']}")
    stages: dict[str, float] = result["stages"]
    return stages


def cell_durations(outputs: Path) -> dict[str, float]:
    """Return each notebook cell's median run time over the built notebooks in ``outputs``.

    papermill records every cell's duration in the executed notebook's metadata; cells are
    named by their first line (e.g. 'rl.chart(report, "history")'), slowest first.
    """
    times: dict[str, list[float]] = {}
    for path in outputs.rglob("*.ipynb"):
        if path.name.startswith(".") or path.name.endswith(".failed.ipynb"):
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook.get("cells", []):
            took = cell.get("metadata", {}).get("papermill", {}).get("duration")
            source = "".join(cell.get("source", "")).strip()
            if cell.get("cell_type") == "code" and isinstance(took, float) and source:
                times.setdefault(source.splitlines()[0][:60], []).append(took)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return dict(sorted(medians.items(), key=lambda item: -item[1]))


# --------------------------------------------------------------------------------------------
# The whole benchmark


def median(values: Sequence[float]) -> float:
    """Return the median of the values (nan when there are none)."""
    return statistics.median(values) if values else float("nan")


def repeat(times: int, label: str, action: Callable[[], BuildRun]) -> list[BuildRun]:
    """Run ``action`` ``times`` times, logging each run."""
    runs = []
    for index in range(times):
        run = action()
        log(
            f"{label} run {index + 1}/{times}: {run.seconds:.2f} s, {run.built} built, "
            f"{run.up_to_date} up to date, peak RSS {run.peak_rss_mib:.0f} MiB, "
            f"{run.kernels_started} kernels, other load {run.other_cores:.2f} cores"
        )
        runs.append(run)
    return runs


def _names(names: list[str], shown: int = 3) -> str:
    """Return up to ``shown`` names, and how many more there are."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 4 reports, 1 repeat")
    parser.add_argument("--skip-scaling", action="store_true", help="skip the 4 N build")
    parser.add_argument("--skip-analyst", action="store_true", help="skip (a): no speedup")
    parser.add_argument("--skip-breakdown", action="store_true", help="skip the stage timings")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument("--reports", type=int, default=None, help="N (default 24, quick 4)")
    parser.add_argument("--repeats", type=int, default=None, help="runs of (b)-(d) (default 3)")
    parser.add_argument(
        "--analyst-repeats",
        type=int,
        default=None,
        help="runs of (a), each paired with a (b) (default 3; 1 with --quick)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="reportlib build --jobs (default 2)")
    parser.add_argument(
        "--work", type=Path, default=REPO / "benchmarks" / "work", help="work folder"
    )
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="measure the installed reportlib as it is, not a copy taken at the start",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    args.reports = args.reports or (4 if args.quick else 24)
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.analyst_repeats = args.analyst_repeats or (1 if args.quick else 3)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run every scenario, print the results table, and optionally write them as JSON."""
    args = parse_args(argv)
    become_subreaper()
    for tool in ("reportlib", "papermill", "jupyter", "weasyprint", "python"):
        if not (BIN / tool).exists():
            raise SystemExit(f"bench: {BIN / tool} is missing: run with the project's venv")
    count, big = args.reports, 4 * args.reports
    started_at = dt.datetime.now(dt.UTC)
    project = make_project(args.work.resolve())
    package = installed_package() if args.no_snapshot else snapshot_package(project)
    specs = write_params(project, "bench", count)
    if not args.skip_scaling:
        plan_reports(big, read_units(project / DATA)[1])  # refuse a bad size now, not at the end
    log(f"work project {project}: {count} params files in params/bench; reportlib from {package}")
    results: dict[str, Any] = {
        "date": started_at.isoformat(timespec="seconds"),
        "machine": {
            "nproc": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "mem_total_mib": _kib("/proc/meminfo", b"MemTotal:") // 1024,
            "load_average_at_start": load_average(),
        },
        "config": {
            "reports": count,
            "scale_reports": None if args.skip_scaling else big,
            "repeats": args.repeats,
            "analyst_repeats": args.analyst_repeats,
            "jobs": args.jobs,
        },
        "reportlib": {"measured": str(package), "snapshot": not args.no_snapshot, **git_state()},
    }

    # (a) and (b) run in pairs, each (b) right after its (a): the machine's speed drifts over
    # minutes, and the speedup is the median of the pairs' ratios, each ratio taken within
    # one stretch of about two minutes.
    analyst: list[AnalystRun] = []
    fresh: list[BuildRun] = []
    outputs = project / "outputs"
    analyst_runs = 0 if args.skip_analyst else args.analyst_repeats
    for index in range(max(analyst_runs, args.repeats)):
        if index < analyst_runs:
            log(f"(a) analyst loop run {index + 1}/{analyst_runs}: {count} reports x 3")
            analyst.append(run_analyst(project, "bench", specs))
            log(f"(a) {analyst[-1].seconds:.1f} s, other load {analyst[-1].other_cores:.2f} cores")
        if index < args.repeats:
            fresh.append(fresh_build(project, "bench", outputs, args.jobs, count))
            run = fresh[-1]
            log(
                f"(b) run {index + 1}/{args.repeats}: {run.seconds:.2f} s, {run.built} built, "
                f"peak RSS {run.peak_rss_mib:.0f} MiB, {run.kernels_started} kernels, "
                f"other load {run.other_cores:.2f} cores"
            )
    if fresh[-1].failed:
        log("(b) left failed reports: one more build, not measured, so that (c) starts up to date")
        run_build(project, "bench", outputs, args.jobs)
    noop = repeat(args.repeats, "(c)", lambda: run_build(project, "bench", outputs, args.jobs))

    # (d) Each run starts from up-to-date outputs and changes the cell once more: 62, 63, 64.
    changed: list[BuildRun] = []
    original: str | None = None
    for index in range(args.repeats):
        value = str(62 + index)
        old = change_cell(project, value)
        original = old if original is None else original
        log(
            f"(d) {CHANGED_DISTRICT} {CHANGED_YEAR} {CHANGED_ID} {CHANGED_COLUMN}: {old} -> {value}"
        )
        changed.append(run_build(project, "bench", outputs, args.jobs))
        log(
            f"(d) run {index + 1}/{args.repeats}: {changed[-1].seconds:.2f} s, "
            f"{changed[-1].built} built: {_names(changed[-1].built_names)}"
        )
    if original is not None:
        change_cell(project, original)

    # Scaling: N and 4 N reports built in turn, so that each pair meets the same background
    # load; the ratio is the median of the pairs' ratios.
    small: list[BuildRun] = []
    scaled: list[BuildRun] = []
    if not args.skip_scaling:
        write_params(project, f"bench-{big}", big)
        for index in range(args.repeats):
            label = f"scaling pair {index + 1}/{args.repeats}:"
            small += repeat(
                1,
                f"{label} {count}",
                lambda: fresh_build(project, "bench", project / "outputs-small", args.jobs, count),
            )
            scaled += repeat(
                1,
                f"{label} {big}",
                lambda: fresh_build(
                    project, f"bench-{big}", project / f"outputs-{big}", args.jobs, big
                ),
            )

    breakdown: dict[str, float] | str | None = None
    if not args.skip_breakdown:
        log("breakdown: one report's stages in a build worker's code, one after another")
        breakdown = run_breakdown(project, specs, min(3, count))

    cells = cell_durations(outputs / "bench")
    digest_changed = [
        f"{label} run {index + 1}"
        for label, runs in (
            ("(b)", fresh),
            ("(c)", noop),
            ("(d)", changed),
            ("scaling small", small),
            ("scaling", scaled),
        )
        for index, run in enumerate(runs)
        if run.reportlib_changed
    ]
    results["machine"]["load_average_at_end"] = load_average()
    results.update(
        summarize(
            count=count,
            big=big,
            specs=specs,
            analyst=analyst,
            fresh=fresh,
            noop=noop,
            changed=changed,
            small=small,
            scaled=scaled,
            breakdown=breakdown,
            cells=cells,
            digest_changed=digest_changed,
        )
    )
    missed = print_table(results, count, big, args)
    if args.json:
        text = json.dumps(_no_nan(results), indent=2, ensure_ascii=False, allow_nan=False)
        args.json.write_text(text + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    return 1 if args.strict and missed else 0


def _no_nan(value: Any) -> Any:
    """Return ``value`` with every NaN (a median of nothing) replaced by None, for JSON."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {key: _no_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_no_nan(item) for item in value]
    return value


def summarize(
    *,
    count: int,
    big: int,
    specs: list[ReportSpec],
    analyst: list[AnalystRun],
    fresh: list[BuildRun],
    noop: list[BuildRun],
    changed: list[BuildRun],
    small: list[BuildRun],
    scaled: list[BuildRun],
    breakdown: dict[str, float] | str | None,
    cells: dict[str, float],
    digest_changed: list[str],
) -> dict[str, Any]:
    """Turn the runs into medians, ratios and target verdicts (a JSON-able dict)."""
    labels = {spec.name: spec.label for spec in specs}
    a_s = median([run.seconds for run in analyst])
    b_s = median([run.seconds for run in fresh])
    c_s = median([run.seconds for run in noop])
    d_built = [run.built for run in changed]
    d_names = sorted({name for run in changed for name in run.built_names})
    peak = median([run.peak_rss_mib for run in fresh])
    scale_s = median([run.seconds for run in scaled])
    # Pair by pair: each (a) with the (b) that ran right after it (see main).
    pair_ratios = [a.seconds / b.seconds for a, b in zip(analyst, fresh, strict=False)]
    speedup = median(pair_ratios) if pair_ratios else None
    pairs = list(zip(small, scaled, strict=True))
    scaling = median([big_.seconds / small_.seconds for small_, big_ in pairs]) if pairs else None
    cpu_scaling = median([big_.cpu_s / small_.cpu_s for small_, big_ in pairs])
    per_report = [took for run in fresh for took in run.report_seconds]
    scaling_limit = 4.0 * TARGET_SCALING_NOISE
    failures = [
        f"{label} run {index + 1}: {name}: {reason}"
        for label, runs in (
            ("(b)", fresh),
            ("(c)", noop),
            ("(d)", changed),
            ("scaling small", small),
            ("scaling", scaled),
        )
        for index, run in enumerate(runs)
        for name, reason in run.failures.items()
    ]
    targets: dict[str, dict[str, Any]] = {
        "failures": {"value": len(failures), "target": "0 (none expected)"},
        "speedup": {"value": speedup, "target": f">= {TARGET_SPEEDUP:g}"},
        "noop_seconds": {"value": c_s, "target": f"< {TARGET_NOOP_S:g}"},
        "noop_kernels": {
            "value": max(r.kernels_started for r in noop),
            "target": "0, no child process",
        },
        "changed_rebuilt": {"value": median(d_built), "target": f"== {TARGET_REBUILT}"},
        "peak_rss_mib": {"value": peak, "target": f"< {TARGET_PEAK_MIB:g}"},
        "scaling_ratio": {"value": scaling, "target": f"<= {scaling_limit:.1f} (linear 4.0)"},
    }
    verdicts = {
        "speedup": None if speedup is None else speedup >= TARGET_SPEEDUP,
        "noop_seconds": c_s < TARGET_NOOP_S,
        "noop_kernels": all(
            r.kernels_started == 0 and r.built == 0 and r.most_processes <= 1 for r in noop
        ),
        "changed_rebuilt": all(n == TARGET_REBUILT for n in d_built),
        "failures": not failures,
        "peak_rss_mib": peak < TARGET_PEAK_MIB,
        "scaling_ratio": None if scaling is None else scaling <= scaling_limit,
    }
    for key, verdict in verdicts.items():
        targets[key]["met"] = verdict
    return {
        "analyst": {
            "runs": [asdict(run) for run in analyst],
            "pair_ratios": pair_ratios,
            "median_s": a_s,
            "per_report_s": a_s / count if analyst else None,
            "cpu_per_report_s": median([run.cpu_s for run in analyst]) / count,
            "other_cores": median([run.other_cores for run in analyst]),
            "median_step_s": {
                step: median([t for run in analyst for t in getattr(run, f"{step}_s")])
                for step in ("papermill", "nbconvert", "weasyprint")
            },
        },
        "fresh": {
            "runs": [asdict(run) for run in fresh],
            "median_s": b_s,
            "per_report_s": b_s / count,
            "median_report_duration_s": median(per_report),
            "peak_rss_mib": peak,
            "peak_pss_mib": median([run.peak_pss_mib for run in fresh]),
            "kernels_started": median([run.kernels_started for run in fresh]),
            "cpu_per_report_s": median([run.cpu_s for run in fresh]) / count,
            "cpu_per_report_by_role_s": {
                role: median([run.cpu_by_role[role] for run in fresh]) / count
                for role in ("build", "workers", "kernels")
            },
            "other_cores": median([run.other_cores for run in fresh]),
        },
        "noop": {"runs": [asdict(run) for run in noop], "median_s": c_s},
        "changed": {
            "runs": [asdict(run) for run in changed],
            "rebuilt_counts": d_built,
            "rebuilt": [f"{name} ({labels.get(name, '?')})" for name in d_names],
        },
        "scaling": {
            "runs": [asdict(run) for run in scaled],
            "small_runs": [asdict(run) for run in small],
            "small_median_s": median([run.seconds for run in small]),
            "median_s": scale_s if scaled else None,
            "per_report_s": scale_s / big if scaled else None,
            "peak_rss_mib": median([run.peak_rss_mib for run in scaled]) if scaled else None,
            "other_cores": median([run.other_cores for run in scaled]) if scaled else None,
            "ratio": scaling,
            "cpu_ratio": cpu_scaling,
        },
        "breakdown_s": breakdown,
        "cell_median_s": cells,
        "reportlib_changed_before": digest_changed,
        "failures": failures,
        "targets": targets,
    }


def _runs(values: Sequence[float], unit: str = "s", runs: Sequence[dict[str, Any]] = ()) -> str:
    """Show every run's value, and the failed reports of each run if any failed."""
    shown = "[" + ", ".join(f"{v:.2f}" for v in values) + f"] {unit}"
    if any(run["failed"] for run in runs):
        shown += f", FAILED {[run['failed'] for run in runs]}"
    return shown


def print_table(results: dict[str, Any], count: int, big: int, args: argparse.Namespace) -> bool:
    """Print the final table; return True when some target was missed."""
    machine = results["machine"]
    a, b, c = results["analyst"], results["fresh"], results["noop"]
    d, s = results["changed"], results["scaling"]
    print()
    print(
        f"reportlib build benchmark, {results['date']}, nproc {machine['nproc']}, "
        f"{machine['mem_total_mib']} MiB RAM, Python {machine['python']}"
    )
    print(
        f"{count} reports (HTML + PDF each), --jobs {args.jobs}; medians of {args.repeats} "
        f"runs ((a): {args.analyst_repeats})"
    )
    print()
    rows: list[tuple[str, str, str]] = []
    if a["runs"]:
        steps = a["median_step_s"]
        rows.append(
            (
                "(a) analyst loop (papermill, nbconvert, weasyprint)",
                f"{a['median_s']:.1f} s",
                _runs([r["seconds"] for r in a["runs"]]),
            )
        )
        rows.append(
            (
                "    per report",
                f"{a['per_report_s']:.2f} s",
                f"papermill {steps['papermill']:.2f} + nbconvert {steps['nbconvert']:.2f} "
                f"+ weasyprint {steps['weasyprint']:.2f} s; "
                f"CPU {a['cpu_per_report_s']:.2f} s",
            )
        )
    rows.append(
        (
            f"(b) reportlib build --jobs {args.jobs}, empty outputs",
            f"{b['median_s']:.1f} s",
            _runs([r["seconds"] for r in b["runs"]], runs=b["runs"]),
        )
    )
    if a["runs"]:
        rows.append(
            (
                "    (a)/(b), each (a) with the (b) run right after it",
                f"{results['targets']['speedup']['value']:.2f}",
                "pairs: " + ", ".join(f"{r:.2f}" for r in a["pair_ratios"]) + " (median)",
            )
        )
    rows.append(
        (
            "    per report (wall / one report's own duration)",
            f"{b['per_report_s']:.2f} s",
            f"{b['median_report_duration_s']:.2f} s in a worker, "
            f"{b['kernels_started']:.0f} kernels; CPU {b['cpu_per_report_s']:.2f} s",
        )
    )
    roles = b["cpu_per_report_by_role_s"]
    rows.append(
        (
            "    CPU per report, by process",
            "",
            f"kernels {roles['kernels']:.2f} + workers (papermill client, HTML, PDF) "
            f"{roles['workers']:.2f} + build process {roles['build']:.2f} s",
        )
    )
    rows.append(
        (
            "    peak memory, build + descendants",
            f"{b['peak_rss_mib']:.0f} MiB",
            f"RSS sum (PSS sum {b['peak_pss_mib']:.0f} MiB)",
        )
    )
    rows.append(
        (
            "(c) same again, nothing changed",
            f"{c['median_s']:.2f} s",
            _runs([r["seconds"] for r in c["runs"]])
            + f", built {[r['built'] for r in c['runs']]}, "
            f"kernels {[r['kernels_started'] for r in c['runs']]}, "
            f"processes {[r['most_processes'] for r in c['runs']]}",
        )
    )
    rows.append(
        (
            f"(d) {CHANGED_DISTRICT} {CHANGED_YEAR} {CHANGED_ID} changed",
            f"{statistics.median(d['rebuilt_counts']):.0f} rebuilt",
            _runs([r["seconds"] for r in d["runs"]]) + f", rebuilt {d['rebuilt_counts']}",
        )
    )
    if s["runs"]:
        rows.append(
            (
                f"scaling: build {count} reports, in turn with {big}",
                f"{s['small_median_s']:.1f} s",
                _runs([r["seconds"] for r in s["small_runs"]], runs=s["small_runs"]),
            )
        )
        rows.append(
            (
                f"scaling: build {big} reports, empty outputs",
                f"{s['median_s']:.1f} s",
                _runs([r["seconds"] for r in s["runs"]], runs=s["runs"])
                + f", peak RSS {s['peak_rss_mib']:.0f} MiB",
            )
        )
        rows.append(
            (
                f"    time {big} / time {count}, pair by pair",
                f"{s['ratio']:.2f}",
                f"CPU {big} / CPU {count}: {s['cpu_ratio']:.2f} (linear 4.0)",
            )
        )
        rows.append(
            (
                "    seconds per report",
                f"{s['per_report_s']:.2f} s",
                f"vs {s['small_median_s'] / count:.2f} s at {count}",
            )
        )
    loads = [
        f"{label} {value:.2f}"
        for label, value in (
            ("(a)", a["other_cores"] if a["runs"] else None),
            ("(b)", b["other_cores"]),
            ("scaling", s["other_cores"]),
        )
        if value is not None
    ]
    rows.append(("background load, other processes (cores)", "", ", ".join(loads)))
    width = max(len(row[0]) for row in rows) + 2
    for label, value, detail in rows:
        print(f"{label:<{width}}{value:>12}   {detail}")
    if len(d["rebuilt"]) <= 3:
        for name in d["rebuilt"]:
            print(f"    (d) rebuilt: {name}")
    else:
        print(f"    (d) rebuilt {len(d['rebuilt'])} distinct reports, e.g. {d['rebuilt'][0]}")
    breakdown = results["breakdown_s"]
    if isinstance(breakdown, dict):
        parts = ", ".join(f"{k} {v:.2f}" for k, v in breakdown.items() if k != "total")
        print(
            f"    one report in a worker, alone, median s: {parts}; "
            f"total {breakdown.get('total', float('nan')):.2f}"
        )
    elif breakdown:
        print(f"    stage breakdown {breakdown}")
    cells = results["cell_median_s"]
    if cells:
        slowest = ", ".join(f"{name} {took:.2f}" for name, took in list(cells.items())[:3])
        print(
            f"    notebook cells, median s: {slowest} (all {len(cells)} cells "
            f"{sum(cells.values()):.2f} s)"
        )

    print()
    names = {
        "speedup": "(a)/(b) speedup",
        "noop_seconds": "(c) seconds",
        "noop_kernels": "(c) kernels started",
        "changed_rebuilt": "(d) reports rebuilt (median)",
        "peak_rss_mib": "(b) peak memory, MiB",
        "scaling_ratio": f"time {big} / time {count}",
        "failures": "reports failed, all builds",
    }
    missed = False
    print(f"{'target':<30}{'measured':>10}   {'wanted':<26}verdict")
    for key, label in names.items():
        item = results["targets"][key]
        value, met = item["value"], item["met"]
        shown = "n/a" if value is None else f"{value:.2f}"
        verdict = "not measured" if met is None else ("met" if met else "MISSED")
        missed = missed or met is False
        print(f"{label:<30}{shown:>10}   {item['target']:<26}{verdict}")
    for failure in results["failures"]:
        print(f"FAILED {failure}")
    if results["reportlib_changed_before"]:
        print(
            "\nWARNING: reportlib's own files changed before "
            f"{', '.join(results['reportlib_changed_before'])}; every cache key changed with "
            "them, so those runs rebuilt more than the cache would have. Run without "
            "--no-snapshot."
        )
    return missed


if __name__ == "__main__":
    sys.exit(main())
