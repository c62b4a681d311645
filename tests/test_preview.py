"""`reportlib preview`: served on 127.0.0.1, rebuilt on save, errors shown in the page."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reportlib.build.plan import BuildOptions
from reportlib.build.preview import HOST, error_page, preview, with_reload
from reportlib.cli.main import main

PAGE = (
    '<html><head><meta content="default-src \'none\'" http-equiv="Content-Security-Policy"/>'
    "</head><body><p>x</p></body></html>"
)


def test_the_page_gets_a_reload_script_its_policy_allows() -> None:
    page = with_reload(PAGE, 7)
    assert page.count("<script>") == 1 and "v=7" in page
    assert "script-src 'sha256-" in page and "connect-src 'self'" in page
    assert "default-src 'none'\"" not in page  # the old policy is replaced, not added to
    assert "http://" not in page and "https://" not in page


def test_the_error_page_shows_the_command_line_message_escaped() -> None:
    page = error_page("params/a.yaml: key 'year': <bad>", "params/a.yaml")
    assert "reportlib: params/a.yaml: key &#x27;year&#x27;: &lt;bad&gt;" in page


def test_preview_refuses_a_missing_params_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "nowhere.yaml", "--no-browser"]) == 2
    assert "nowhere.yaml: no such params file" in capsys.readouterr().err


def test_a_port_in_use_is_named(tmp_path: Path) -> None:
    import socket

    from reportlib.build.preview import PreviewState, serve
    from reportlib.errors import ParamsError

    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ParamsError, match=f"--port {port}: cannot serve"):
            serve(PreviewState(), port)


@pytest.fixture
def running(small_project: Path) -> Iterator[tuple[str, Path]]:
    """A preview of params/alpha.yaml of the small project; yields its address and file."""
    params = small_project / "params" / "alpha.yaml"
    options = BuildOptions(root=small_project, outputs=small_project / "outputs", formats=("html",))
    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(
        target=preview,
        args=(params, options),
        kwargs={"port": 0, "open_browser": False, "say": lines.append, "stop": stop},
        daemon=True,
    )
    thread.start()
    url = _wait(lambda: next((line for line in lines if "http://" in line), None), 120)
    address = url.split("preview: ", 1)[1].split(" ", 1)[0]
    assert address.startswith(f"http://{HOST}:")
    yield address, params
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()


def _wait(found: Callable[[], str | None], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"nothing after {timeout} s")


def _page_with(url: str, wanted: str, absent: str | None = None) -> str | None:
    page = _get(url)
    if wanted in page and (absent is None or absent not in page):
        return page
    return None


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


@pytest.mark.slow
def test_an_edit_of_the_params_file_changes_the_page(running: tuple[str, Path]) -> None:
    url, params = running
    first = _get(url)
    version = _get(url + "version")
    assert "Alpha" in first and "<script>" in first
    text = params.read_text(encoding="utf-8")
    text += "sections:\n  strengths: Một câu mới của bản xem trước.\n"
    params.write_text(text, encoding="utf-8")
    _wait(lambda: "Một câu mới của bản xem trước." in _get(url) or None, 20)
    assert int(_get(url + "version")) > int(version)

    # A bad params file: the page says why, in the command line's words; fixing it recovers.
    params.write_text(text.replace("year: 2023", "year: 2031"), encoding="utf-8")
    page = _wait(lambda: _page_with(url, "could not be built"), 20)
    assert "key &#x27;year&#x27;" in page and "2031" in page
    params.write_text(text.replace("year: 2023", "year: 2023  # again"), encoding="utf-8")
    _wait(lambda: _page_with(url, "Một câu mới", absent="could not be built"), 20)
