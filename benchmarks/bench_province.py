"""Benchmark a province's build and how time grows with the number of units (issue 12, item 6).

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/bench_province.py [--sizes 100,1000] [--repeats 1] [--json out.json]

It measures, in this one run on this machine:

province  `reportlib build --jobs 2` of the whole 2026 sample (102 unit reports and the
          province's report, HTML and PDF) from empty outputs; target: under 2 minutes;
scaling   the same build over a synthetic national table (the first N official communes, wards
          and special zones, ten indicators each with seeded figures, one params file each) for
          each N of --sizes; target: the time per report flat (ratio of the largest N's to the
          smallest N's under 1.15);
fixed     the fixed cost of a build, before and around its reports: T(1) - (T(k) - T(1)) / (k - 1)
          from builds of 1 and k reports of the synthetic table (default k = 6).

Each measurement runs --repeats times and the median is quoted (the machine is noisy). The
work folder (benchmarks/work/province, git-ignored) holds the synthetic project; your params/
and outputs/ are never touched.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / "bin"
INDICATORS = (
    # (name, unit of measure, kind, direction, plan, typical share done at 9 months)
    ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "lũy kế", "tăng", 40, 0.75),
    ("Tỷ lệ giải ngân vốn đầu tư công", "%", "thời điểm", "tăng", 95, 0.6),
    ("Số doanh nghiệp thành lập mới", "doanh nghiệp", "lũy kế", "tăng", 30, 0.75),
    ("Số hộ kinh doanh thành lập mới", "hộ", "lũy kế", "tăng", 150, 0.75),
    ("Số sản phẩm OCOP đạt 3 sao trở lên", "sản phẩm", "lũy kế", "tăng", 3, 0.8),
    ("Tỷ lệ hộ nghèo", "%", "thời điểm", "giảm", 1.2, 1.0),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "thời điểm", "tăng", 94, 1.0),
    ("Số lao động được giải quyết việc làm", "người", "lũy kế", "tăng", 400, 0.75),
    ("Tỷ lệ hộ dân sử dụng nước sạch", "%", "thời điểm", "tăng", 92, 1.0),
    ("Số vụ tai nạn giao thông", "vụ", "lũy kế", "giảm", 12, 0.75),
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def make_national(work: Path, size: int, seed: int = 2026) -> Path:
    """Write a project of ``size`` official units: table, params files, notebook."""
    from reportlib.engine.unit_lists import COMMUNE_LEVEL, current

    project = work / f"national-{size}"
    if project.exists():
        shutil.rmtree(project)
    (project / "data").mkdir(parents=True)
    shutil.copytree(REPO / "notebooks", project / "notebooks")
    (project / "pyproject.toml").write_text("# project root marker\n", encoding="utf-8")
    # One table names a unit by its name, so the sample takes names that occur once in the
    # country (there are several Xã Hồng Sơn): the reader keys rows by unit name and year.
    every = [u for u in current().units if u.level in COMMUNE_LEVEL]
    counts: dict[str, int] = {}
    for unit in every:
        counts[unit.name] = counts.get(unit.name, 0) + 1
    units = [u for u in every if counts[u.name] == 1][:size]
    rng = random.Random(seed)
    header = ["Tỉnh", "Đơn vị", "Năm", "Kỳ", "Mã", "Chỉ tiêu", "ĐVT", "Loại", "Chiều",
              "Kế hoạch", "Thực hiện", "Ước cả năm", "Cùng kỳ"]  # fmt: skip
    with (project / "data" / "national.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        for unit in units:
            for n, (name, measure, kind, direction, plan, share) in enumerate(INDICATORS, 1):
                spread = rng.uniform(0.85, 1.15)
                actual = plan * share * spread
                estimate = plan * spread
                previous = actual * 0.95
                if measure == "%":
                    actual, estimate = min(actual, 99.9), min(estimate, 99.9)
                    previous = actual
                else:
                    actual, estimate, previous = round(actual), round(estimate), round(previous)
                writer.writerow(
                    [unit.province, unit.name, 2026, "9 tháng", f"X{n:02d}", name, measure,
                     kind, direction, _number(plan), _number(actual), _number(estimate),
                     _number(previous)]
                )  # fmt: skip
    params = project / "params"
    params.mkdir()
    for index, unit in enumerate(units):
        (params / f"u{index:04d}.yaml").write_text(
            f"unit: {unit.name}\nprovince: {unit.province}\nyear: 2026\nperiod_months: 9\n"
            'data: data/national.csv\ndecimal: ","\n',
            encoding="utf-8",
        )
    return project


def build(project: Path, outputs: Path, paths: Sequence[str], formats: str, jobs: int) -> float:
    """Run `reportlib build` from empty outputs; return its wall time in seconds."""
    if outputs.exists():
        shutil.rmtree(outputs)
    command = [str(BIN / "reportlib"), "--root", str(project), "build", *paths,
               "--jobs", str(jobs), "--format", formats, "--outputs", str(outputs)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed


def median_of(repeats: int, label: str, action: object) -> tuple[float, list[float]]:
    runs = []
    for n in range(repeats):
        value = action()  # type: ignore[operator]
        log(f"  {label} run {n + 1}/{repeats}: {value:.2f} s")
        runs.append(value)
    return statistics.median(runs), runs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="unit counts for the scaling run")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="html,pdf", help="formats of the scaling run")
    parser.add_argument("--fixed-k", type=int, default=6)
    parser.add_argument("--skip-province", action="store_true")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "work" / "province")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {"jobs": args.jobs, "repeats": args.repeats}

    if not args.skip_province:
        log("province: the 2026 sample, 103 reports, HTML and PDF")
        paths = ["params/2026/dong-thap", "params/2026/dong-thap.yaml"]
        value, runs = median_of(
            args.repeats, "province",
            lambda: build(REPO, args.work / "out-province", paths, "html,pdf", args.jobs),
        )  # fmt: skip
        results["province"] = {"reports": 103, "median_s": value, "runs": runs,
                               "per_report_s": value / 103, "target_s": 120}  # fmt: skip

    sizes = [int(s) for s in args.sizes.split(",") if s]
    scaling: dict[str, object] = {}
    for size in sizes:
        project = make_national(args.work, size)
        log(f"scaling: {size} units, {args.format}")
        value, runs = median_of(
            args.repeats, f"N={size}",
            lambda p=project: build(p, args.work / "out-national", [], args.format, args.jobs),
        )  # fmt: skip
        scaling[str(size)] = {"median_s": value, "runs": runs, "per_report_s": value / size}
    if len(sizes) >= 2:
        small, large = scaling[str(min(sizes))], scaling[str(max(sizes))]
        assert isinstance(small, dict) and isinstance(large, dict)
        scaling["per_report_ratio"] = large["per_report_s"] / small["per_report_s"]
    results["scaling"] = scaling

    k = args.fixed_k
    project = make_national(args.work, k)
    files = sorted(str(p.relative_to(project)) for p in (project / "params").glob("*.yaml"))
    one, one_runs = median_of(
        max(args.repeats, 3), "1 report",
        lambda: build(project, args.work / "out-fixed", files[:1], "html,pdf", args.jobs),
    )  # fmt: skip
    many, many_runs = median_of(
        max(args.repeats, 3), f"{k} reports",
        lambda: build(project, args.work / "out-fixed", files, "html,pdf", args.jobs),
    )  # fmt: skip
    marginal = (many - one) / (k - 1)
    results["fixed"] = {"one_s": one, "one_runs": one_runs, f"{k}_s": many, "many_runs": many_runs,
                        "marginal_s": marginal, "fixed_s": one - marginal}  # fmt: skip

    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
