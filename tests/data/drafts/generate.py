"""Write the drafts the verify tests read: the same paragraphs as .txt, .md, .docx and .pdf.

Deterministic: the text is fixed here or taken from the sample report, so a test that changes
a figure by hand knows exactly which claims must turn wrong.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

# The count sentence of a real district submission: 5 + 1 + 6 = 12 of 11, and two pages
# later a count about another set. Its text carries a legacy-font letter: 'Chƣơng' (U+01A3).
SEED = (
    "BÁO CÁO Kết quả thực hiện Chƣơng trình hành động 9 tháng đầu năm 2023",
    "9 tháng đầu năm 2023, đạt và vượt 05/11 chỉ tiêu, không đạt 01/11 chỉ tiêu, "
    "còn lại 06/11 chỉ tiêu đang thực hiện.",
    "Thu ngân sách nhà nước trên địa bàn đạt 285,6 tỷ đồng, bằng 68% kế hoạch, "
    "tăng 6,4% so với cùng kỳ.",
    "Với kết quả trên, dự kiến đến cuối năm 2023 toàn huyện sẽ đạt 24/25 chỉ tiêu "
    "Nghị quyết Đại hội đề ra.",
)
# 'Báo cáo kết quả thực hiện nghị quyết ... đạt và vượt 05/11 chỉ tiêu' typed in the TCVN3
# (ABC) font, as it reads once taken for Unicode; and like words in VNI (without 'ỉ', which
# VNI writes 'æ' and the engine's detector takes for TCVN3).
TCVN3 = (
    "B¸o c¸o kÕt qu¶ thùc hiÖn nghÞ quyÕt 9 th¸ng ®Çu n¨m 2023",
    "9 th¸ng ®Çu n¨m 2023, ®¹t vµ v­ît 05/11 chØ tiªu, kh«ng ®¹t 01/11 chØ tiªu.",
)
VNI = (
    "Baùo caùo keát quaû thöïc hieän nghò quyeát",
    "9 thaùng ñaàu naêm 2023, ñaït vaø vöôït 05/11 muïc tieâu.",
)


def sample_paragraphs(root: Path) -> list[str]:
    """Return the Tháp Mười 2023 report's count sentence and figure sentences, as plain text."""
    from reportlib.engine.params import load_params
    from reportlib.engine.report import prepare_report
    from reportlib.render.narrative import count_sentence, render_part

    report = prepare_report(load_params(root / "params/2023/thap-muoi.yaml"), root=root)
    shortfalls = render_part(report, "shortfalls")
    items = re.findall(r"<li>(.*?)</li>", shortfalls, re.DOTALL)
    figures = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", i)).split()) for i in items]
    return [count_sentence(report), *figures]


def write_draft(path: Path, paragraphs: Sequence[str], *, table: Sequence[str] = ()) -> Path:
    """Write paragraphs (and, for .docx and .md, a one-column table after them) by suffix."""
    writers = {".txt": _txt, ".md": _md, ".docx": _docx, ".pdf": _pdf}
    writers[path.suffix](path, paragraphs, table)
    return path


def _txt(path: Path, paragraphs: Sequence[str], table: Sequence[str]) -> None:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _md(path: Path, paragraphs: Sequence[str], table: Sequence[str]) -> None:
    lines = [f"# {paragraphs[0]}", ""] if paragraphs else []
    for paragraph in paragraphs[1:]:
        lines += [f"- **{paragraph}**" if "OCOP" in paragraph else paragraph, ""]
    if table:
        lines += ["| Nội dung |", "|---|", *(f"| {row} |" for row in table), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _docx(path: Path, paragraphs: Sequence[str], table: Sequence[str]) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=2)
        for row, text in zip(grid.rows, table, strict=True):
            row.cells[0].text = "1"
            row.cells[1].text = text
        document.add_paragraph("Nơi nhận: như trên.")
    document.save(str(path))


def _pdf(path: Path, paragraphs: Sequence[str], table: Sequence[str]) -> None:
    import weasyprint

    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (
        "<html><head><meta charset='utf-8'><style>@page { size: A4; margin: 2cm }"
        " body { font-family: 'DejaVu Serif'; font-size: 12pt }</style></head>"
        f"<body>{body}</body></html>"
    )
    path.write_bytes(weasyprint.HTML(string=page).write_pdf())
