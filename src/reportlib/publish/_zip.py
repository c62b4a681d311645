"""Rewrite an Office file's zip so the same report gives the same bytes.

python-docx and openpyxl stamp each zip member with the time of writing, and openpyxl also
writes it as the workbook's 'modified' date; the manifest keeps every output's hash, so a
rebuild that changed nothing must not change the file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile

# openpyxl stamps the time of saving as the workbook's 'modified' date, whatever was set.
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"


def _dos_stamp(when: dt.date) -> tuple[int, int]:
    """Return a date's MS-DOS time and date fields (midnight)."""
    return 0, ((max(1980, when.year) - 1980) << 9) | (when.month << 5) | when.day


def restamp_zip(data: bytes, when: dt.date) -> bytes:
    """Return the zip with every member dated ``when``, its compressed data left as it is.

    Only the time and date fields of the local and central headers change, so this costs
    next to nothing (a rewrite would decompress and compress every member again).
    """
    stamp = struct.pack("<HH", *_dos_stamp(when))
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        for item in members:
            offset = item.header_offset
            if patched[offset : offset + 4] != _LOCAL:
                raise ValueError(f"zip member {item.filename!r}: no local header at {offset}")
            patched[offset + 10 : offset + 14] = stamp
    # The central directory: one header per member, from its start to the end record.
    start = data.rfind(b"PK\x05\x06")
    count, _size, offset = struct.unpack("<HII", data[start + 10 : start + 20])
    if count != len(members):
        raise ValueError("zip: the central directory does not list every member")
    for _ in range(count):
        if patched[offset : offset + 4] != _CENTRAL:
            raise ValueError(f"zip: no central header at {offset}")
        patched[offset + 12 : offset + 16] = stamp
        name, extra, comment = struct.unpack("<HHH", patched[offset + 28 : offset + 34])
        offset += 46 + name + extra + comment
    return bytes(patched)


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
