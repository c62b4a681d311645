"""Messages in English or Vietnamese from one catalogue, numbers in the language's format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reportlib import i18n
from reportlib.build.progress import Progress
from reportlib.cli.main import main

SOURCE = Path(i18n.__file__).resolve().parent
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "_": None, "_no_translation": None}


def _messages() -> set[str | tuple[str, ...]]:
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message for _, _, message, _, _ in found}


def _singular(message: str | tuple[str, ...]) -> str:
    return message[0] if isinstance(message, tuple) else message


def test_every_message_in_the_code_is_in_the_vietnamese_catalogue() -> None:
    from babel.messages.pofile import read_po

    with i18n.catalogue_path("vi").open("rb") as po:
        catalogue = read_po(po, locale="vi")
    translated = {
        _singular(message.id)
        for message in catalogue
        if message.id
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }
    in_code = {_singular(m) for m in _messages()}
    missing = in_code - translated
    assert not missing, f"add these to {i18n.catalogue_path('vi')}: {missing}"
    assert len(translated) >= 40
    unused = translated - in_code
    assert not unused, f"no longer in the code: {unused}"


@pytest.mark.parametrize(
    ("variables", "language"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
        ({"LANGUAGE": "en_GB:vi", "LANG": "vi_VN.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "vi_VN.UTF-8", "REPORTLIB_LANG": "en"}, "en"),
    ],
)
def test_the_language_comes_from_the_locale(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], language: str
) -> None:
    for name in ("REPORTLIB_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert i18n.current_language() == language


def test_numbers_in_the_terminal_follow_the_language() -> None:
    assert i18n.format_number(4850, language="vi") == "4.850"
    assert i18n.format_number(285.6, language="vi") == "285,6"
    assert i18n.format_number(4850, language="en") == "4,850"
    assert i18n.format_fixed(3.25, 1, language="vi") == "3,2"
    assert i18n.format_fixed(1234.5, 1, language="en") == "1,234.5"


def test_check_speaks_vietnamese_with_lang_vi(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(root), "--lang", "vi", "check", "params/2023/thap-muoi.yaml"]) == 0
    out = capsys.readouterr().out
    assert "ổn       params/2023/thap-muoi.yaml (Tháp Mười 2023, 9 tháng, 11 chỉ tiêu)" in out


def test_check_speaks_vietnamese_in_a_vietnamese_locale_and_english_otherwise(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Huyện;Năm;Mã;Chỉ tiêu;ĐVT;Kế hoạch;Thực hiện\n"
        "Tháp Mười;2023;A1;Thu ngân sách;tỷ đồng;400;ba trăm\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("REPORTLIB_LANG")
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert main(["--root", str(root), "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: 1 lỗi trong bảng:" in err
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["--root", str(root), "check", str(bad)]) == 1
    assert f"{bad}: 1 problem in the table:" in capsys.readouterr().err


def test_status_headers_and_statuses_in_both_languages(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params = str(root / "params/2023/thap-muoi.yaml")
    assert main(["--root", str(root), "--lang", "vi", "status", params]) == 0
    vi = capsys.readouterr().out
    assert vi.startswith("Tháp Mười 2023, 9 tháng (11 chỉ tiêu)")
    assert "mã    chỉ tiêu" in vi and "tiến độ" in vi
    assert "trong kỳ: vượt 3, đạt 2, không đạt 1, đang thực hiện 5" in vi
    assert "285,6" in vi
    assert main(["--root", str(root), "--lang", "en", "status", params]) == 0
    en = capsys.readouterr().out
    assert en.startswith("Tháp Mười 2023, 9 months (11 indicators)")
    assert "period:   exceeded 3, met 2, not_met 1, in_progress 5" in en


def test_the_build_summary_in_vietnamese() -> None:
    i18n.set_language("vi")
    stream = io.StringIO()
    progress = Progress(2, enabled=False, stream=stream)
    progress.report("2023/a", "built", duration=1.25)
    progress.report("2023/b", "failed", reason="hỏng")
    progress.finish(1, 0, {"2023/b": "hỏng"})
    text = stream.getvalue()
    assert "[1/2] đã tạo 2023/a trong 1,2 giây" in text
    assert "reportlib: đã tạo 1, không đổi 0, lỗi 1, trong " in text
    assert "  lỗi: 2023/b: hỏng" in text


def test_inspect_and_verify_speak_vietnamese(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = root / "tests" / "data" / "small.csv"
    main(["--root", str(root), "--lang", "vi", "inspect", str(table)])
    out = capsys.readouterr().out
    assert "các dòng dưới tiêu đề" in out and "tiêu đề như đã ghi" in out
    draft = tmp_path / "draft.txt"
    draft.write_text("Chín tháng đầu năm 2023, đạt và vượt 05/11 chỉ tiêu.\n", encoding="utf-8")
    params = str(root / "params/2023/thap-muoi.yaml")
    assert (
        main(["--root", str(root), "--lang", "vi", "verify", str(draft), "--params", params]) == 0
    )
    out = capsys.readouterr().out
    assert "ổn:" in out and "1 nhận định: 0 sai, 0 tự mâu thuẫn, 0 chưa kiểm, 1 ổn" in out
    assert (
        main(["--root", str(root), "--lang", "en", "verify", str(draft), "--params", params]) == 0
    )
    assert "1 claim: 0 wrong, 0 inconsistent, 0 unchecked, 1 ok" in capsys.readouterr().out
