"""Compare a cold `reportlib build` of this checkout with an earlier revision's, in paired runs.

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/bench_compare.py --baseline df7484c [--pairs 5] [--json out.json]

It checks the baseline revision out into a git worktree under benchmarks/work/compare/ (ignored
by git), gives it a venv of its own (`pip install -e .` there; the package index's cache makes
this quick after the first time), and then, for each pair, builds the same reports from empty
outputs with the baseline and with this checkout, alternating which goes first. The reports are
the 2022 and 2023 district sample (params/2022 and params/2023), which both revisions hold, each
version with its own copy of the sample. The ratio quoted is the median over the pairs of
(this checkout's time / the baseline's): a machine that slows down in the middle of the run
slows both halves of a pair alike.

Bytecode: Python caches each module's compiled form in __pycache__, so on an ordinary machine
only the first run compiles reportlib. A sandbox that sets PYTHONDONTWRITEBYTECODE makes every
process of every build compile it again (0.25 s a process for this checkout's 16,000 lines,
less for a smaller baseline, and the CLI and the kernel template are on every build's critical
path). `--bytecode cached` (the default) lifts that setting for the builds, whose warm-up run
then writes both versions' caches; `--bytecode none` measures with the environment as it is.

Packages: both versions must import the same libraries, or the comparison measures the
environments. An environment with JupyterLab (`make lab`) builds slower by itself: its
jsonschema extra compiles a grammar whenever nbformat is imported. `--packages same` (the
default) installs this checkout's venv's third-party packages, pinned, into the baseline's
venv first; `--packages own` leaves each venv as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARAMS = ("params/2022", "params/2023")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare_baseline(revision: str, work: Path) -> tuple[Path, Path]:
    """Return the baseline's worktree and its reportlib command, creating them if needed."""
    tree = work / f"tree-{revision}"
    if not tree.exists():
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), revision],
            check=True,
            capture_output=True,
        )
    venv = tree / ".venv"
    command = venv / "bin" / "reportlib"
    if not command.exists():
        log(f"installing {revision} into {venv} ...")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-e", str(tree)],
            check=True,
        )
    return tree, command


def frozen(python: Path | str) -> set[str]:
    """Return the third-party packages a venv holds, as `pip freeze` pins them."""
    done = subprocess.run(
        [str(python), "-m", "pip", "freeze", "--exclude-editable", "--all"],
        check=True,
        capture_output=True,
        text=True,
    )
    return {line.strip() for line in done.stdout.splitlines() if line.strip()}


def match_packages(baseline_python: Path, wanted: set[str]) -> dict[str, object]:
    """Install ``wanted`` (this checkout's third-party packages, pinned) into the baseline's venv.

    Both versions then import the same libraries: JupyterLab in one environment and not in
    the other changes a build's time by itself (jsonschema's format extra compiles a grammar
    at import: 1.2 s a process that imports nbformat).
    """
    missing = sorted(wanted - frozen(baseline_python))
    if missing:
        log(f"installing {len(missing)} of this checkout's packages into the baseline's venv ...")
        requirements = Path(baseline_python).parent.parent / "requirements-current.txt"
        requirements.write_text("\n".join(sorted(wanted)) + "\n", encoding="utf-8")
        subprocess.run(
            [str(baseline_python), "-m", "pip", "install", "--quiet", "-r", str(requirements)],
            check=True,
        )
    extra = sorted(frozen(baseline_python) - wanted)
    return {"installed": len(missing), "only_in_baseline": extra}


def build(command: Path, root: Path, outputs: Path, jobs: int, *, bytecode: bool) -> float:
    """Build the sample's district reports from empty outputs; return the wall time."""
    if outputs.exists():
        shutil.rmtree(outputs)
    paths = [p for p in PARAMS if (root / p).is_dir()]
    argv = [str(command), "--root", str(root), "build", *paths, "--jobs", str(jobs)]
    argv += ["--outputs", str(outputs)]
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PATH"] = f"{command.parent}{os.pathsep}{env.get('PATH', '')}"
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command}: build failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="df7484c", help="the revision to compare with")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "work" / "compare")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--bytecode",
        choices=("cached", "none"),
        default="cached",
        help="let Python cache compiled modules, as on an ordinary machine (default), or not",
    )
    parser.add_argument(
        "--packages",
        choices=("same", "own"),
        default="same",
        help="give the baseline's venv this checkout's third-party packages (default), or not",
    )
    args = parser.parse_args(argv)
    args.work = args.work.resolve()  # the builds run in other folders
    args.work.mkdir(parents=True, exist_ok=True)
    tree, baseline = prepare_baseline(args.baseline, args.work)
    current = Path(sys.prefix) / "bin" / "reportlib"
    current_packages = frozen(sys.executable)
    packages: dict[str, object] = {"matched": False}
    if args.packages == "same":
        matched = match_packages(baseline.parent / "python", current_packages)
        packages = {"matched": True, **matched}
        if packages["only_in_baseline"]:
            log(f"only in the baseline's venv: {packages['only_in_baseline']}")
    count = sum(len(list((REPO / p).glob("*.yaml"))) for p in PARAMS)
    bytecode = args.bytecode == "cached"
    log(
        f"{count} reports per build, {args.pairs} pairs, --jobs {args.jobs}, "
        f"bytecode {args.bytecode}"
    )
    # Warm the file cache (and, with --bytecode cached, write each version's __pycache__).
    build(baseline, tree, args.work / "out-baseline", args.jobs, bytecode=bytecode)
    build(current, REPO, args.work / "out-current", args.jobs, bytecode=bytecode)
    pairs = []
    for n in range(args.pairs):
        order = [("baseline", baseline, tree), ("current", current, REPO)]
        if n % 2:
            order.reverse()
        times = {}
        for label, command, root in order:
            times[label] = build(
                command, root, args.work / f"out-{label}", args.jobs, bytecode=bytecode
            )
        ratio = times["current"] / times["baseline"]
        log(
            f"pair {n + 1}: baseline {times['baseline']:.2f} s, current "
            f"{times['current']:.2f} s, ratio {ratio:.3f}"
        )
        pairs.append({**times, "ratio": ratio})
    result = {
        "baseline": args.baseline,
        "reports": count,
        "jobs": args.jobs,
        "bytecode": args.bytecode,
        "packages": packages,
        "jupyterlab": "jupyterlab" in {p.split("==")[0].lower() for p in current_packages},
        "pairs": pairs,
        "median_baseline_s": statistics.median(p["baseline"] for p in pairs),
        "median_current_s": statistics.median(p["current"] for p in pairs),
        "median_ratio": statistics.median(p["ratio"] for p in pairs),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
