"""Excel binary workbooks (.xlsb): the cells a worksheet's records hold.

An xlsb worksheet (``xl/worksheets/sheetN.bin``) is a stream of records,
each a variable-length type and size then its payload.  A row header
(``BrtRowHdr``) gives the row; each cell record starts with its column.  The
guard judges the sheet by its cells that hold a value, as for xlsx, and can
hand it on without stray far-out cells (:func:`without`).

Examples
--------
>>> row = _record(0x0000, struct.pack("<I", 4) + bytes(9))  # row 5
>>> cell = _record(0x0005, struct.pack("<II", 2, 0) + struct.pack("<d", 7.0))  # C5 = 7
>>> rows, cols, spans = value_cells(row + cell, 10)
>>> list(rows), list(cols), cell_value(row + cell, spans[0], None)
([4], [2], 7.0)
"""

from __future__ import annotations

import re
import struct
from array import array

__all__ = ["value_cells", "cell_value", "without", "sheet_names", "records"]

_ROW = 0x0000
#: cell records that hold a value: RK, error, bool, real, string, shared string, and the four formula cells
_VALUES = frozenset(range(0x0002, 0x000C))
_SST_ITEM = 0x0013
_BUNDLE_SHEET = 0x009C
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')


def records(data: bytes, start: int = 0):
    """(record start, type, payload start, payload size) of each record, in order."""
    pos, end = start, len(data)
    while pos < end:
        at = pos
        b = data[pos]
        pos += 1
        kind = b & 0x7F
        if b & 0x80:
            if pos >= end:
                return
            kind |= (data[pos] & 0x7F) << 7
            pos += 1
        size, shift = 0, 0
        for _ in range(4):
            if pos >= end:
                return
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if pos + size > end:
            return
        yield at, kind, pos, size
        pos += size


def value_cells(data: bytes, most: int):
    """Rows, columns and record spans of the cells that hold a value; ``None`` past ``most`` of them."""
    rows, cols, spans = array("l"), array("l"), []
    row = 0
    unpack = struct.unpack_from
    for at, kind, body, size in records(data):
        if kind == _ROW and size >= 4:
            row = unpack("<I", data, body)[0]
        elif kind in _VALUES and size >= 8:
            rows.append(row)
            cols.append(unpack("<I", data, body)[0])
            spans.append((at, body + size))
            if len(rows) > most:
                return None
    return rows, cols, spans


def _wide(data: bytes, pos: int) -> str:
    (n,) = struct.unpack_from("<I", data, pos)
    if n == 0xFFFFFFFF:
        return ""
    return data[pos + 4 : pos + 4 + 2 * min(n, 32_767)].decode("utf-16-le", "replace")


def _rk(v: int):
    if v & 2:
        n = v >> 2
        n = n - (1 << 30) if n & (1 << 29) else n
        return n / 100 if v & 1 else float(n)
    (f,) = struct.unpack("<d", struct.pack("<Q", (v & 0xFFFFFFFC) << 32))
    return f / 100 if v & 1 else f


def cell_value(data: bytes, span: tuple[int, int], zf):
    """What one cell record holds, for a message."""
    rec = list(records(data[span[0] : span[1]]))
    if not rec:
        return ""
    _at, kind, body, size = rec[0]
    chunk = data[span[0] : span[1]]
    try:
        if kind == 0x0002:
            return _rk(struct.unpack_from("<I", chunk, body + 8)[0])
        if kind in (0x0005, 0x0009):
            return struct.unpack_from("<d", chunk, body + 8)[0]
        if kind in (0x0006, 0x0008):
            return _wide(chunk, body + 8)
        if kind in (0x0004, 0x000A):
            return bool(chunk[body + 8])
        if kind == 0x0007:
            return _shared_string(zf, struct.unpack_from("<I", chunk, body + 8)[0])
        return "#ERROR"
    except (struct.error, IndexError):
        return ""


def _shared_string(zf, index: int):
    try:
        data = zf.read(zf.zip.getinfo("xl/sharedStrings.bin"))
    except Exception:  # noqa: BLE001 - no table: the index is all there is
        return f"#{index}"
    i = 0
    for _at, kind, body, size in records(data):
        if kind == _SST_ITEM and size >= 5:
            if i == index:
                return _wide(data, body + 1)
            i += 1
    return f"#{index}"


def without(data: bytes, spans: list[tuple[int, int]]) -> bytes:
    """``data`` (a sheet's XML or its binary records) without the byte ranges ``spans``.

    >>> without(b"a<x/>b<y/>c", [(6, 10), (1, 5)])
    b'abc'
    """
    out, pos = [], 0
    for start, end in sorted(spans):
        out.append(data[pos:start])
        pos = end
    out.append(data[pos:])
    return b"".join(out)


def sheet_names(zf) -> dict[str, str]:
    """Worksheet member -> sheet name, from ``xl/workbook.bin`` and its relations."""
    try:
        wb = zf.read(zf.zip.getinfo("xl/workbook.bin"), 4_000_000)
        rels = zf.read(zf.zip.getinfo("xl/_rels/workbook.bin.rels"), 4_000_000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - names are only for messages
        return {}
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get("Target", "")
        targets[attrs.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    out = {}
    for _at, kind, body, size in records(wb):
        if kind == _BUNDLE_SHEET and size >= 12:
            try:
                rid = _wide(wb, body + 8)
                n = struct.unpack_from("<I", wb, body + 8)[0]
                name = _wide(wb, body + 12 + (0 if n == 0xFFFFFFFF else 2 * n))
            except struct.error:
                continue
            if rid in targets:
                out[targets[rid]] = name
    return out


def _record(kind: int, payload: bytes) -> bytes:
    """One record (for tests and examples): type and size as variable-length integers."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, sizes = len(payload), []
    while True:
        sizes.append((size & 0x7F) | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    return head + bytes(sizes) + payload
