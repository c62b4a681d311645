"""Shared fixtures: the project root, a small project to build in, one built sample report."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fixed_revision(monkeypatch: pytest.MonkeyPatch) -> None:
    # The provenance line names the source revision; tests pin it so golden text is stable.
    monkeypatch.setenv("REPORTLIB_REVISION", "test-revision")


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Messages are English unless a test asks for Vietnamese, whatever the locale it runs in.
    import reportlib.i18n

    monkeypatch.setenv("REPORTLIB_LANG", "en")
    yield
    reportlib.i18n._chosen = None


@pytest.fixture
def root() -> Path:
    """The repository root (the sample project)."""
    return ROOT


SMALL_TABLE = textwrap.dedent(
    """\
    Huyện;Năm;Mã;Chỉ tiêu;ĐVT;Loại;Chiều;Kế hoạch;Thực hiện;Ước cả năm;Cùng kỳ;Đánh giá;Ghi chú
    Alpha;2023;A1;Thu ngân sách;tỷ đồng;lũy kế;tăng;400;300;420;280;;
    Alpha;2023;A2;Tỷ lệ hộ nghèo;%;thời điểm;giảm;2,1;2,0;1,9;2,4;;
    Alpha;2023;A3;Quy hoạch chung;nhiệm vụ;mốc;tăng;Hoàn thành;Chưa hoàn thành;Hoàn thành;;;
    Beta;2023;B1;Thu ngân sách;tỷ đồng;lũy kế;tăng;500;450;520;430;;
    Beta;2023;B2;Tỷ lệ hộ nghèo;%;thời điểm;giảm;3;3,2;2,9;3,5;;
    Gamma;2023;G1;Thu ngân sách;tỷ đồng;lũy kế;tăng;100;80;110;70;;
    """
)


def write_params(path: Path, district: str, **extra: object) -> Path:
    """Write a minimal params file for the small project."""
    lines = [
        f"district: {district}",
        "year: 2023",
        "period_months: 9",
        "data: data/table.csv",
        'decimal: ","',
        "official: false",  # Alpha, Beta and Gamma are on no official list
    ]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A project with the real notebook, a three-district table and params for two of them."""
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "district_report.ipynb", project / "notebooks")
    (project / "data").mkdir()
    (project / "data" / "table.csv").write_text(SMALL_TABLE, encoding="utf-8")
    (project / "pyproject.toml").write_text("# project root marker\n", encoding="utf-8")
    write_params(project / "params" / "alpha.yaml", "Alpha")
    write_params(project / "params" / "beta.yaml", "Beta")
    return project


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build Tháp Mười 2023 and 2022 (HTML and PDF) once; return the outputs folder."""
    import os

    from reportlib.build.run import BuildOptions, build_reports

    outputs = tmp_path_factory.mktemp("outputs")
    previous = os.environ.get("REPORTLIB_REVISION")
    os.environ["REPORTLIB_REVISION"] = "test-revision"
    try:
        summary = build_reports(
            [str(ROOT / "params/2023/thap-muoi.yaml"), str(ROOT / "params/2022/thap-muoi.yaml")],
            BuildOptions(root=ROOT, outputs=outputs, jobs=2, progress=False),
        )
    finally:
        if previous is None:
            os.environ.pop("REPORTLIB_REVISION", None)
        else:
            os.environ["REPORTLIB_REVISION"] = previous
    assert summary.ok, summary.failed
    return outputs


def require_program(*names: str, install: str) -> str:
    """Return the path of the first program found; skip the test without it, but under CI=true
    fail instead: CI installs every client the tests drive, and a silent skip would hide a
    missing install step."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} is not installed ({install}; make test does it as root)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{message}, and CI must run every test")
    pytest.skip(message)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless chromium, driven by playwright (which never downloads a browser)."""
    chromium = require_program("chromium", "chromium-browser", install="apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()
