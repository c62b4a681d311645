"""Benchmark `reportlib preview`: how long from saving a params file to the edit on screen.

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/bench_preview.py [--edits 9] [--no-browser]

It copies params/2023/thap-muoi.yaml into a work folder, starts the preview on a free port of
127.0.0.1 (in this process, with its warm kernel), opens the page in headless chromium
(playwright, Debian's chromium; --no-browser or no chromium: the page is fetched over HTTP
instead, which leaves out the page's own reload), then saves the params file N times, each
with a new sentence in the strengths section, and times each save until that sentence is on
the page. The target (issue 15) is a median under 1.5 s; the median is printed and quoted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=9, help="saves to time")
    parser.add_argument("--no-browser", action="store_true", help="poll over HTTP instead")
    args = parser.parse_args()

    from reportlib.build.plan import BuildOptions
    from reportlib.build.preview import HOST, preview

    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    params = work / "thap-muoi.yaml"
    shutil.copy(ROOT / "params" / "2023" / "thap-muoi.yaml", params)
    original = params.read_text(encoding="utf-8")
    options = BuildOptions(root=ROOT, outputs=work / "outputs", formats=("html",))
    stop = threading.Event()
    lines: list[str] = []
    port_holder: list[int] = []

    def say(line: str) -> None:
        lines.append(line)
        if line.startswith("preview: http"):
            port_holder.append(int(line.split(":")[3].split("/")[0]))

    thread = threading.Thread(
        target=preview,
        args=(params, options),
        kwargs={"port": 0, "open_browser": False, "say": say, "stop": stop},
        daemon=True,
    )
    started = time.monotonic()
    thread.start()
    while not port_holder:
        if time.monotonic() - started > 120:
            print("the preview did not start:", *lines, sep="\n", file=sys.stderr)
            return 1
        time.sleep(0.05)
    url = f"http://{HOST}:{port_holder[0]}/"
    print(f"first build and serve: {time.monotonic() - started:.2f} s ({lines[0]})")

    page = None
    if not args.no_browser and shutil.which("chromium"):
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"], headless=True
        )
        page = browser.new_page()
        page.goto(url)
    how = "in chromium, page reloaded by itself" if page else "over HTTP"

    times = []
    try:
        for number in range(args.edits):
            marker = f"Dòng thử số {number} của bản xem trước."
            edited = original.replace("  strengths: |\n", f"  strengths: |\n    {marker}\n", 1)
            time.sleep(0.5)  # as a person saves: not in the same instant as the last build
            began = time.monotonic()
            params.write_text(edited, encoding="utf-8")
            while True:
                if page is not None:
                    try:
                        page.wait_for_function(
                            "m => document.body && document.body.innerText.includes(m)",
                            arg=marker,
                            timeout=30_000,
                            polling=10,
                        )
                        break
                    except Exception:  # the page was reloading under the check: ask again
                        if time.monotonic() - began > 30:
                            raise
                        continue
                with urllib.request.urlopen(url) as response:
                    if marker in response.read().decode("utf-8"):
                        break
                time.sleep(0.01)
            times.append(time.monotonic() - began)
            print(f"edit {number + 1}: {times[-1]:.2f} s")
    finally:
        stop.set()
        thread.join(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    median = statistics.median(times)
    verdict = "within" if median <= TARGET_S else "over"
    print(
        f"median edit -> on screen ({how}): {median:.2f} s over {len(times)} edits "
        f"(min {min(times):.2f}, max {max(times):.2f}); {verdict} the {TARGET_S} s target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
