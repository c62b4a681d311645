"""The administrative-document frame of a report (Decree 30/2020/NĐ-CP), in either language.

The agency and its parent, the number, place and date, the signature block and the
recipients: as the params file gives them, with the usual signing line for a People's
Committee, the archive line 'Lưu: VT' added, and the English wording of each for an English
report.
"""

from __future__ import annotations

from typing import Any

from reportlib.engine.params import Document
from reportlib.engine.text import fold
from reportlib.render.formatting import format_date

_AGENCY_LEVELS = {
    "TINH": "Province",
    "THANH PHO": "City",
    "THI XA": "Town",
    "HUYEN": "District",
    "QUAN": "District",
    "DAC KHU": "Special Zone",
    "XA": "Commune",
    "PHUONG": "Ward",
    "THI TRAN": "Township",
}
_AGENCY_KINDS = {
    "UY BAN NHAN DAN": "People's Committee",
    "HOI DONG NHAN DAN": "People's Council",
}
_TITLES_EN = {
    "CHU TICH": "CHAIRMAN",
    "PHO CHU TICH": "VICE CHAIRMAN",
    "GIAM DOC": "DIRECTOR",
    "PHO GIAM DOC": "DEPUTY DIRECTOR",
    "TRUONG PHONG": "HEAD",
    "PHO TRUONG PHONG": "DEPUTY HEAD",
}


def translate_agency(agency: str) -> str:
    """Put a Vietnamese agency name in English order: 'ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI' ->
    "People's Committee of Tháp Mười District"; a name it does not know stays as written."""
    words = agency.split()
    folded = fold(agency).upper().split()
    for kind, english in _AGENCY_KINDS.items():
        size = len(kind.split())
        if " ".join(folded[:size]) != kind:
            continue
        rest, rest_folded = words[size:], folded[size:]
        for level, level_en in _AGENCY_LEVELS.items():
            count = len(level.split())
            if " ".join(rest_folded[:count]) == level and len(rest) > count:
                place = " ".join(rest[count:]).title()
                return f"{english} of {place} {level_en}"
        if rest:
            return f"{english} of {' '.join(rest).title()}"
        return english
    return agency


def agency_lines(agency: str) -> list[str]:
    """Split an agency name where documents break it: 'ỦY BAN NHÂN DÂN' / 'HUYỆN THÁP MƯỜI'."""
    folded = fold(agency).upper()
    for kind in _AGENCY_KINDS:
        size = len(kind.split())
        if folded.startswith(kind + " "):
            words = agency.split()
            return [" ".join(words[:size]), " ".join(words[size:])]
    return [agency]


def signer_mode(document: Document) -> str:
    """Return the signing authority line: as given, or the usual one for a People's Committee.

    The chairman signs 'TM. ỦY BAN NHÂN DÂN' (on behalf of the committee); a vice chairman
    signs 'KT. CHỦ TỊCH' (for the chairman). Other agencies say it in the params file.
    """
    if document.signer_mode:
        return document.signer_mode
    title = fold(document.signer_title).upper()
    agency = fold(document.agency).upper()
    if title == "CHU TICH" and agency.startswith("UY BAN NHAN DAN"):
        return "TM. ỦY BAN NHÂN DÂN"
    if title == "PHO CHU TICH":
        return "KT. CHỦ TỊCH"
    return ""


def document_view(document: Document, language: str) -> dict[str, Any]:
    """Return the document frame's texts in the report's language."""
    mode = signer_mode(document)
    recipients = list(document.recipients)
    # Decree 30: the list of recipients ends with the archive ('Lưu: VT').
    if not any(fold(r).startswith("luu") for r in recipients):
        recipients.append("Lưu: VT")
    values: dict[str, Any] = {
        "agency": document.agency,
        "agency_lines": agency_lines(document.agency),
        "parent_agency": document.parent_agency,
        "number": document.number,
        "place": document.place,
        "date": format_date(document.date, language),
        "signer": document.signer,
        "signer_title": document.signer_title,
        "signer_mode": mode,
        "title": document.title,
        "recipients": recipients,
    }
    if language == "en":
        mode_folded = fold(mode).upper()
        if mode_folded.startswith("TM."):
            on_behalf = translate_agency(mode[3:].strip())
            mode_en = f"ON BEHALF OF THE {on_behalf}"
        elif mode_folded.startswith("KT."):
            title = _TITLES_EN.get(fold(mode[3:].strip()).upper(), mode[3:].strip())
            mode_en = f"FOR THE {title}"
        else:
            mode_en = mode
        values.update(
            agency=translate_agency(document.agency),
            agency_lines=[translate_agency(document.agency)],
            parent_agency=translate_agency(document.parent_agency),
            signer_mode=mode_en,
            signer_title=_TITLES_EN.get(fold(document.signer_title).upper(), document.signer_title),
            recipients=[
                "Archive: " + r.split(":", 1)[1].strip() if fold(r).startswith("luu") else r
                for r in recipients
            ],
        )
    return values
