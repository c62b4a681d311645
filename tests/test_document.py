"""The Decree 30/2020 document frame, read back from the built PDF (pdfplumber)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from reportlib.engine.params import Document
from reportlib.publish.fonts import choose_family, fallback_family
from reportlib.render.document import agency_lines, signer_mode, translate_agency

MM = 72 / 25.4


def _pdf(built_sample: Path) -> Any:
    import pdfplumber

    return pdfplumber.open(built_sample / "2023" / "thap-muoi.pdf")


@pytest.mark.slow
def test_pages_are_a4_with_the_decree_margins(built_sample: Path) -> None:
    with _pdf(built_sample) as pdf:
        portrait = [p for p in pdf.pages if p.width < p.height]
        assert len(portrait) >= 3
        for page in portrait:
            assert abs(page.width - 210 * MM) < 1 and abs(page.height - 297 * MM) < 1
        words = [w for p in portrait for w in p.extract_words() if w["top"] > 25 * MM]
        left = min(w["x0"] for w in words)
        right = max(w["x1"] for w in words)
        assert 30 * MM - 1 <= left <= 35 * MM, left / MM
        assert 210 * MM - right >= 15 * MM - 1, (210 * MM - right) / MM
        for page in portrait:
            body = [w for w in page.extract_words() if w["top"] > 20 * MM]
            assert min(w["top"] for w in body) >= 20 * MM - 1
            assert max(w["bottom"] for w in body) <= (297 - 20) * MM + 1


@pytest.mark.slow
def test_national_name_and_motto_sit_in_the_right_half_of_page_one(built_sample: Path) -> None:
    with _pdf(built_sample) as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
        national = next(
            line for line in lines if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line["text"]
        )
        motto = next(line for line in lines if "Độc lập - Tự do - Hạnh phúc" in line["text"])
        for line in (national, motto):
            words = [
                w
                for w in page.extract_words()
                if w["top"] >= line["top"] - 1
                and w["bottom"] <= line["bottom"] + 1
                and w["x0"] > page.width / 3
            ]
            x0 = min(w["x0"] for w in words)
            x1 = max(w["x1"] for w in words)
            assert (x0 + x1) / 2 > page.width / 2
            assert line["top"] < page.height / 4
        agency_words = [w for w in page.extract_words() if w["text"] in ("ỦY", "HUYỆN")]
        assert agency_words and all(w["x1"] < page.width / 2 for w in agency_words)
        bold = {
            c["fontname"]
            for c in page.chars
            if c["top"] <= national["bottom"] and c["x0"] >= national["x0"]
        }
        assert all("Bold" in name for name in bold)


@pytest.mark.slow
def test_page_numbers_from_page_two_in_the_top_margin(built_sample: Path) -> None:
    with _pdf(built_sample) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        top_first = [w for w in first.extract_words() if w["bottom"] < 20 * MM]
        assert top_first == []
        top_second = [w["text"] for w in second.extract_words() if w["bottom"] < 20 * MM]
        assert top_second == ["2"]
        number = next(w for w in second.extract_words() if w["bottom"] < 20 * MM)
        middle = (30 * MM + (210 - 15) * MM) / 2
        assert abs((number["x0"] + number["x1"]) / 2 - middle) < 10


@pytest.mark.slow
def test_every_font_is_embedded_and_one_family_sets_the_text(built_sample: Path) -> None:
    with _pdf(built_sample) as pdf:
        names = {c["fontname"] for page in pdf.pages for c in page.chars}
        families = {n.split("+", 1)[-1].split("-")[0].split(",")[0] for n in names}
        assert len(families) == 1, families
        assert all("+" in n for n in names), "subset-embedded fonts carry a tag"
        from pypdf import PdfReader

        reader = PdfReader(built_sample / "2023" / "thap-muoi.pdf")
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


@pytest.mark.slow
def test_signature_block_and_recipients(built_sample: Path) -> None:
    with _pdf(built_sample) as pdf:
        page = next(p for p in pdf.pages if "Nơi nhận:" in (p.extract_text() or ""))
        words = page.extract_words()
        recipients = next(w for w in words if w["text"] == "Nơi")
        mode = next(w for w in words if w["text"] == "TM.")
        signer = next(w for w in words if w["text"] == "Nguyễn")
        assert recipients["x0"] < page.width / 3
        assert mode["x0"] > page.width / 2 and signer["x0"] > page.width / 2
        assert signer["top"] - mode["top"] > 20 * MM, "room for the signature and seal"
        lowest = max(
            (w for w in words if w["x1"] < page.width / 2), key=lambda w: (round(w["top"]), w["x0"])
        )
        assert lowest["text"] == "VT.", "the recipients end with the archive"


def test_family_is_chosen_by_coverage(tmp_path: Path) -> None:
    fallback = fallback_family()
    times = tmp_path / "fonts" / "times"
    mono = tmp_path / "fonts" / "liberation"
    times.mkdir(parents=True)
    mono.mkdir(parents=True)
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for style, name in (
        ("", "Regular"),
        ("-Bold", "Bold"),
        ("-Italic", "Italic"),
        ("-BoldItalic", "BoldItalic"),
    ):
        shutil.copy(ttf / f"DejaVuSerif{style}.ttf", times / f"Tinos-{name}.ttf")
        # DejaVu Sans Mono lacks 46 Vietnamese letters: it stands for the old Liberation 1.
        mono_style = {
            "": "",
            "-Bold": "-Bold",
            "-Italic": "-Oblique",
            "-BoldItalic": "-BoldOblique",
        }[style]
        shutil.copy(ttf / f"DejaVuSansMono{mono_style}.ttf", mono / f"LiberationSerif-{name}.ttf")
    vietnamese = set("Tháp Mười ỦY BAN NHÂN DÂN Độc lập Ưu ữ ặ")
    chosen = choose_family(vietnamese, [tmp_path / "fonts"])
    assert chosen.name == "Tinos" and chosen.times_metrics
    assert choose_family(vietnamese | {"中"}, [tmp_path / "fonts"]).name == fallback.name
    shutil.rmtree(times)
    assert choose_family(vietnamese, [tmp_path / "fonts"]).name == fallback.name


def test_agency_names_and_signing_lines() -> None:
    assert agency_lines("ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI") == ["ỦY BAN NHÂN DÂN", "HUYỆN THÁP MƯỜI"]
    assert translate_agency("ỦY BAN NHÂN DÂN THÀNH PHỐ CAO LÃNH") == (
        "People's Committee of Cao Lãnh City"
    )
    assert translate_agency("SỞ TÀI CHÍNH") == "SỞ TÀI CHÍNH"
    chair = Document(agency="ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI", signer_title="CHỦ TỊCH")
    vice = Document(agency="ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI", signer_title="PHÓ CHỦ TỊCH")
    own = Document(agency="SỞ TÀI CHÍNH", signer_title="GIÁM ĐỐC", signer_mode="")
    assert signer_mode(chair) == "TM. ỦY BAN NHÂN DÂN"
    assert signer_mode(vice) == "KT. CHỦ TỊCH"
    assert signer_mode(own) == ""


def test_english_frame_reads_in_english_order(root: Path) -> None:
    from reportlib import load_params, prepare_report, render_part

    values = load_params(root / "params/2023/thap-muoi.yaml").as_parameters()
    report = prepare_report(values | {"language": "en"}, root=root)
    frame = render_part(report, "frame")
    assert "PEOPLE&#39;S COMMITTEE OF THÁP MƯỜI DISTRICT" in frame
    assert "No. 245/BC-UBND" in frame and "Tháp Mười, 5 October 2023" in frame
    closing = render_part(report, "closing")
    assert "ON BEHALF OF THE PEOPLE&#39;S COMMITTEE" in closing and "CHAIRMAN" in closing
    assert "Archive: VT" in closing
