"""The shared pages in a real headless Chromium: no request to another server, no console error.

Uses Debian's chromium through playwright's Python package (executable_path; playwright never
downloads a browser here). `make test` installs chromium when it runs as root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportlib.render.phone_charts import SMALLEST_TEXT

pytestmark = pytest.mark.slow


def _open(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, errors


def _remote(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("file://", "data:", "about:"))]


def test_report_page_makes_no_request_and_no_error(browser: Any, built_sample: Path) -> None:
    page, requests, errors = _open(browser, built_sample / "2023" / "thap-muoi.html")
    assert _remote(requests) == []
    assert errors == []
    assert page.locator("figure.chart img").count() >= 3
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    page.close()


def test_index_page_filters_and_sorts(browser: Any, built_sample: Path) -> None:
    page, requests, errors = _open(browser, built_sample / "index.html")
    assert _remote(requests) == []
    assert errors == []
    rows = page.locator("#reports tr.report")
    assert rows.count() == 2
    assert page.locator("#shown").inner_text() == "2/2 báo cáo"
    page.select_option("#f-year", "2022")
    visible = page.locator("#reports tr.report:not([hidden])")
    assert visible.count() == 1
    assert visible.first.get_attribute("data-year") == "2022"
    page.select_option("#f-year", "")
    page.fill("#f-text", "thap muoi")
    assert page.locator("#reports tr.report:not([hidden])").count() == 2
    page.click("th[data-key=year]")
    years = page.eval_on_selector_all("#reports tr.report", "rs => rs.map(r => r.dataset.year)")
    assert years == sorted(years)
    page.click("th[data-key=year]")
    years = page.eval_on_selector_all("#reports tr.report", "rs => rs.map(r => r.dataset.year)")
    assert years == sorted(years, reverse=True)
    links = page.eval_on_selector_all("#reports a", "as => as.map(a => a.getAttribute('href'))")
    assert "2023/thap-muoi.html" in links and "2023/thap-muoi.pdf" in links
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_report_reads_on_a_phone_and_a_desktop(
    browser: Any, built_sample: Path, tmp_path: Path, width: int
) -> None:
    """Screenshots at phone and desktop width; charts legible, no sideways scroll of the page."""
    import os

    page = browser.new_page(viewport={"width": width, "height": 844}, device_scale_factor=1)
    page.goto((built_sample / "2023" / "thap-muoi.html").as_uri())
    page.wait_for_load_state("load")
    folder = Path(os.environ.get("REPORTLIB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"thap-muoi-{width}.png"), full_page=True)
    charts = page.eval_on_selector_all(
        "figure.chart img",
        "is => is.map(i => ({shown: i.clientWidth, natural: i.naturalWidth,"
        " narrow: i.currentSrc !== i.src}))",
    )
    assert len(charts) >= 3
    for chart in charts:
        # The wide charts' smallest text is 8 pt at 144 dpi (16 px in the image), the phone
        # drawings' SMALLEST_TEXT px: at least 9 px on screen, where the phone's text is 16 px.
        assert chart["narrow"] == (width < 640), chart
        smallest = SMALLEST_TEXT if chart["narrow"] else 16
        assert chart["shown"] / chart["natural"] * smallest >= 9, chart
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    cue = page.evaluate(
        "getComputedStyle(document.querySelector('.appendix-title'), '::after').content"
    )
    table = page.evaluate(
        "(() => { const t = document.querySelector('section.appendix table');"
        " return {scroll: t.scrollWidth, shown: t.clientWidth}; })()"
    )
    if width < 640:
        # The appendix is wider than a phone: it scrolls inside itself, and says so.
        assert "Vuốt ngang" in cue
        name = page.evaluate(
            "document.querySelector('section.appendix tbody td:nth-child(2)').clientWidth"
        )
        assert name >= 140
    else:
        assert cue in ("none", "normal")
        assert table["scroll"] <= table["shown"] + 1
    page.close()
