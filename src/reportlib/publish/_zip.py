"""Rewrite an Office file's zip so the same report gives the same bytes.

python-docx and openpyxl stamp each zip member with the time of writing; the manifest keeps
every output's hash, so a rebuild that changed nothing must not change the file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

# openpyxl stamps the time of saving as the workbook's 'modified' date, whatever was set.
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """Return the zip with every member, and its modified date, dated ``when`` (midnight)."""
    stamp = (max(1980, when.year), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                moment = f"{when.isoformat()}T00:00:00Z".encode("ascii")
                content = _MODIFIED.sub(rb"\g<1>" + moment + rb"\g<2>", content)
            target.writestr(info, content)
    return buffer.getvalue()
