"""Crashes, concurrent builds and reproducible bytes: a build loses nothing and leaks nothing."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _command(project: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "reportlib",
        "--root",
        str(project),
        "build",
        "--jobs",
        "2",
        *extra,
    ]


def _environment() -> dict[str, str]:
    return {**os.environ, "REPORTLIB_REVISION": "test-revision"}


def _assert_nothing_is_half_written(outputs: Path) -> None:
    manifest = outputs / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        assert data["format"] == 2
    for path in outputs.rglob("*"):
        if path.name.startswith(".") or not path.is_file():
            continue  # temporaries are never renamed into place half-written
        data = path.read_bytes()
        if path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), path
        elif path.suffix == ".pdf":
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), path
        elif path.suffix in (".ipynb", ".json"):
            json.loads(data)


def _kernel_processes(sessions: set[int]) -> list[int]:
    """Return the kernels and kernel templates left in the given sessions (our builds)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            session = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[3])
        except (OSError, IndexError, ValueError):
            continue
        kernel = b"-m reportlib.build.kernels.zygote" in command or b"ipykernel" in command
        if session in sessions and kernel:
            found.append(int(entry.name))
    return found


def _assert_no_kernel_outlives_its_build(sessions: set[int]) -> None:
    # Each killed build was a session of its own: its kernels, forked or launched, are in it.
    deadline = time.monotonic() + 15
    while _kernel_processes(sessions) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _kernel_processes(sessions) == [], "kernels outlived the killed build"


def _assert_manifest_matches_files(outputs: Path) -> dict[str, dict[str, object]]:
    reports = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))["reports"]
    for entry in reports.values():
        assert entry["status"] == "ok", entry
        for item in entry["outputs"].values():
            data = (outputs / item["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
    return reports  # type: ignore[no-any-return]


def test_sigkill_at_random_moments_never_leaves_a_corrupt_output(small_project: Path) -> None:
    outputs = small_project / "outputs"
    sessions: set[int] = set()
    chance = random.Random(20231005)
    moments = []
    for _ in range(24):
        started = time.monotonic()
        process = subprocess.Popen(
            _command(small_project, "--force", "--format", "html,pdf"),
            cwd=small_project,
            env=_environment(),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        sessions.add(process.pid)
        delay = chance.uniform(0.3, 7.0)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        moments.append(round(time.monotonic() - started, 2))
        _assert_nothing_is_half_written(outputs)
    _assert_no_kernel_outlives_its_build(sessions)
    finished = subprocess.run(
        _command(small_project, "--format", "html,pdf"),
        cwd=small_project,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    reports = _assert_manifest_matches_files(outputs)
    assert sorted(reports) == ["alpha", "beta"]
    leftovers = [p.name for p in outputs.rglob(".*") if p.name != ".reportlib.build.lock"]
    assert leftovers == []
    assert len(moments) == 24
    # The killed builds' socket folders went with the build that came after them.
    import tempfile

    from reportlib.build.kernels.sockets import PREFIX

    left = [
        folder.name
        for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*")
        if int(folder.name[len(PREFIX) :].split("-")[0]) in sessions
    ]
    assert left == []


def test_a_second_build_on_the_same_outputs_is_refused_and_nothing_is_lost(
    small_project: Path,
) -> None:
    first = subprocess.Popen(
        _command(small_project, "--format", "html"),
        cwd=small_project,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    lock = small_project / "outputs" / ".reportlib.build.lock"
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip()):
        time.sleep(0.05)
    second = subprocess.run(
        _command(small_project, "--format", "html"),
        cwd=small_project,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    _out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 2
    assert "another reportlib build is running on this outputs folder" in second.stderr
    assert sorted(_assert_manifest_matches_files(small_project / "outputs")) == ["alpha", "beta"]


def test_building_twice_gives_the_same_bytes(small_project: Path, tmp_path: Path) -> None:
    hashes = []
    for run in ("one", "two"):
        outputs = tmp_path / run / "deeper" / "outputs"
        result = subprocess.run(
            _command(small_project, "--format", "html,pdf", "--outputs", str(outputs)),
            cwd=small_project,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        hashes.append(
            {
                p.relative_to(outputs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(outputs.rglob("*"))
                if p.suffix in (".html", ".pdf") and p.name != "index.html"
            }
        )
        for path in outputs.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            assert str(tmp_path) not in text and str(small_project) not in text
    assert len(hashes[0]) == 4
    differ = sorted(k for k in hashes[0] if hashes[0][k] != hashes[1].get(k))
    assert differ == [], f"differ between the two builds: {differ}"
