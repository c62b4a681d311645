"""Rewrite an Office file's zip so the same report gives the same bytes.

python-docx and openpyxl stamp each zip member with the time of writing; the manifest keeps
every output's hash, so a rebuild that changed nothing must not change the file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """Return the zip with every member dated ``when`` (at midnight), in the same order."""
    stamp = (max(1980, when.year), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
    return buffer.getvalue()
