"""Checks of OLE2 files: Excel 97–2003 and Excel 5.0/95 workbooks, encrypted packages.

The workbook stream's first record tells BIFF8 (Excel 97–2003, ``"xls"``)
from BIFF5 (Excel 5.0/95, ``"xls5"``); a FILEPASS record in its globals
means the workbook is encrypted (XOR obfuscation or RC4).  A file encrypted
with Excel's built-in default key ("VelvetSweatshop", used when a workbook
is protected without a password to open it) is decrypted with msoffcrypto
and read, with a warning; any other encrypted file is named as such.  An
encrypted OOXML package (``EncryptedPackage``) is tried the same way.

Each sheet is judged by the cells that hold a value.  The spreadsheet
library reserves memory for the whole area a sheet's DIMENSIONS record
declares, so a sheet whose declared area or whose value cells pass the
limit is handed on from an in-memory copy with its DIMENSIONS rewritten to
the cells kept and stray far-out cells blanked out (same record sizes).
"""

from __future__ import annotations

import io
import struct
from array import array

from . import stray
from .zips import MB

__all__ = ["OleChecks", "biff_extents", "biff_version", "filepass", "DEFAULT_KEY"]

#: The password Excel uses when a workbook is encrypted without asking for one.
DEFAULT_KEY = "VelvetSweatshop"

# BIFF records that hold a value at (row, column): NUMBER, RK, LABELSST,
# LABEL, BOOLERR, FORMULA, RSTRING; MULRK holds a run of them.
_BIFF_CELLS = frozenset((0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6))
_BIFF_MULRK = 0x00BD
_BOF = 0x0809
_EOF = 0x000A
_DIMENSIONS = 0x0200
_BOUNDSHEET = 0x0085
_FILEPASS = 0x002F
_CUT_SHORT = {"reason": {"vi": "một bản ghi vượt quá cuối luồng dữ liệu của bảng tính",
                         "en": "a record runs past the end of the workbook stream"}}
#: A record type no reader knows: a stray cell's record is renamed to it (same size) to blank it out.
_IGNORED = 0x0000


def biff_version(stream: bytes) -> int | None:
    """8 for BIFF8 (Excel 97–2003), 5 for BIFF5/7 (Excel 5.0/95), ``None`` when there is no BOF."""
    if len(stream) < 8:
        return None
    kind, size, vers = struct.unpack_from("<HHH", stream, 0)
    if kind != _BOF:
        return None
    return 8 if vers == 0x0600 else 5 if vers in (0x0500, 0x0000) else None


def filepass(stream: bytes, version: int) -> str | None:
    """How the workbook is encrypted ("xor", "rc4", "cryptoapi"), or ``None``: its globals' FILEPASS record."""
    for kind, body, size in _records(stream):
        if kind == _EOF:
            return None
        if kind == _FILEPASS:
            if version == 5 or size < 2:
                return "xor"
            (how,) = struct.unpack_from("<H", stream, body)
            if how == 0:
                return "xor"
            major = struct.unpack_from("<H", stream, body + 2)[0] if size >= 4 else 1
            return "rc4" if major == 1 else "cryptoapi"
    return None


def _records(stream: bytes, pos: int = 0):
    end = len(stream)
    unpack = struct.unpack_from
    while pos + 4 <= end:
        kind, size = unpack("<HH", stream, pos)
        yield kind, pos + 4, size
        pos += 4 + size


def cut_short(stream: bytes) -> bool:
    """Whether a record before the stream's last EOF runs past the stream's end (a truncated workbook)."""
    last_eof = None
    for kind, body, size in _records(stream):
        if kind == _EOF:
            last_eof = body
        if body + size > len(stream):
            return kind != 0 or last_eof is None  # zero padding after the last EOF is harmless
    return False


class _Sheet:
    """What one sheet's substream holds: its DIMENSIONS and its value cells."""

    def __init__(self):
        self.dims: tuple[int, int, int] | None = None  # (record body, last row + 1, last col + 1)
        self.rows = array("l")
        self.cols = array("l")
        self.starts = array("q")  # where each value cell's record starts
        #: more value cells than the limit (no more are listed)
        self.over = False


def biff_sheets(stream: bytes, most: int = 1 << 62) -> list[tuple[str, _Sheet]]:
    """Each sheet's name and :class:`_Sheet`, from a BIFF stream.

    The first substream is the workbook globals; each later one is a sheet
    (a chart embedded in a sheet is a substream nested in it, skipped).
    """
    sheets: list[_Sheet] = []
    names: list[tuple[int, str]] = []  # (offset of the sheet's substream, name)
    substream, depth, current = -1, 0, None
    unpack = struct.unpack_from
    for kind, body, size in _records(stream):
        if kind == _BOF:
            if depth == 0:
                substream += 1
                current = _Sheet() if substream > 0 else None
            depth += 1
        elif kind == _EOF:
            depth = max(depth - 1, 0)
            if depth == 0 and current is not None:
                sheets.append(current)
                current = None
        elif substream == 0 and kind == _BOUNDSHEET and size >= 8:
            names.append((unpack("<I", stream, body)[0], _biff_name(stream, body + 6, body + size)))
        elif current is None or depth != 1:
            continue
        elif kind == _DIMENSIONS and size >= 10:
            if size >= 14:  # BIFF8: 32-bit rows
                last_row, last_col = unpack("<I", stream, body + 4)[0], unpack("<H", stream, body + 10)[0]
            else:  # BIFF5/7: 16-bit rows
                last_row, last_col = unpack("<H", stream, body + 2)[0], unpack("<H", stream, body + 6)[0]
            current.dims = (body, last_row, last_col)  # both one past the last
        elif size >= 4 and (kind in _BIFF_CELLS or kind == _BIFF_MULRK) and not current.over:
            row, col = unpack("<HH", stream, body)
            if kind == _BIFF_MULRK and size >= 6:
                col = unpack("<H", stream, body + size - 2)[0]
            current.rows.append(row)
            current.cols.append(col)
            current.starts.append(body - 4)
            current.over = len(current.rows) > most
    if current is not None:  # a stream cut short: its last sheet still counts
        sheets.append(current)
    ordered = [n for _, n in sorted(names)]
    return [(ordered[i] if i < len(ordered) else f"#{i + 1}", s) for i, s in enumerate(sheets)]


def biff_extents(stream: bytes) -> list[tuple[str, int, int]]:
    """The extent (sheet name, rows, columns) of each sheet: the larger of DIMENSIONS and the value cells."""
    out = []
    for name, s in biff_sheets(stream):
        rows = max(max(s.rows, default=-1) + 1, s.dims[1] if s.dims else 0)
        cols = max(max(s.cols, default=-1) + 1, s.dims[2] if s.dims else 0)
        if rows:
            out.append((name, rows, cols))
    return out


def _biff_name(data: bytes, start: int, end: int) -> str:
    """A sheet name in a BOUNDSHEET record (BIFF8 short Unicode string, or BIFF5 bytes)."""
    if start + 2 > end:
        return ""
    count, flags = data[start], data[start + 1]
    raw = data[start + 2 : end]
    try:
        if flags & 1:
            return raw[: 2 * count].decode("utf-16-le")
        if flags == 0:
            return raw[:count].decode("latin-1")
        return data[start + 1 : start + 1 + count].decode("cp1252", "replace")  # BIFF5: count, then bytes
    except UnicodeDecodeError:
        return ""


class OleChecks:
    """The OLE2 half of the guard's inspector."""

    def _check_ole(self, data: bytes):
        import olefile

        try:
            with olefile.OleFileIO(io.BytesIO(data)) as ole:
                streams = {"/".join(s).lower(): s for s in ole.listdir(streams=True, storages=False)}
                if "encryptedpackage" in streams or "encryptioninfo" in streams:
                    return self._encrypted_package(data)
                book = next((streams[n] for n in ("workbook", "book") if n in streams), None)
                if book is None:
                    return self._not_workbook("ole")
                stream = ole.openstream(book).read(self.limits.total_mb * MB)
        except Exception as exc:  # noqa: BLE001 - any failure of a bad container
            return self._fatal("corrupt", what=self._what("xls"), reason=_reason(exc))
        version = biff_version(stream)
        if version is None:
            return self._fatal("corrupt", what=self._what("xls"), reason="no BIFF BOF record")
        fmt = "xls" if version == 8 else "xls5"
        if cut_short(stream):
            return self._fatal("corrupt", fmt, what=self._what(fmt), reason=self._word(_CUT_SHORT, "reason"))
        how = filepass(stream, version)
        if how is not None:
            data = _decrypt_xls(data) if version == 8 else None
            if data is None:
                return self._fatal("encrypted", fmt, what=self._what(fmt))
            self._add("default_key", "warning", what=self._what(fmt))
            stream = _workbook_stream(data)
        return self._check_biff(fmt, data, stream, book)

    def _check_biff(self, fmt: str, data: bytes, stream: bytes, book):
        patches: list[tuple[int, bytes]] = []
        for name, sheet in biff_sheets(stream, self.limits.cells):
            if sheet.over:
                return self._refuse_cells(fmt, name, None)
            rows = max(sheet.rows, default=-1) + 1
            cols = max(sheet.cols, default=-1) + 1
            declared = sheet.dims[1] * sheet.dims[2] if sheet.dims else 0
            if rows * cols <= self.limits.cells and declared <= self.limits.cells:
                continue
            kept = (rows - 1, cols - 1)
            if rows * cols > self.limits.cells:
                peeled = stray.peel(sheet.rows, sheet.cols, self.limits.cells)
                if peeled is None:
                    return self._refuse_cells(fmt, name, rows, cols)
                out, kept = peeled
                values = {}
                for r, c, start in zip(sheet.rows, sheet.cols, sheet.starts):
                    if (r, c) in out:
                        values[(r, c)] = _biff_value(stream, start, 8 if fmt == "xls" else 5)
                        patches.append((start, struct.pack("<H", _IGNORED)))
                n, extent, listing = stray.describe(values, kept)
                cell = stray.ref(*next(iter(values))) if n == 1 else None
                self._add("stray_cells", "warning", sheet=name, cell=cell, n=n, extent=extent, cells=listing)
            if sheet.dims:
                patches.append(_dimensions_patch(sheet.dims[0], fmt, kept))
        if patches:
            data = _patched(data, book, stream, patches)
        return self._passed(fmt, data)

    def _encrypted_package(self, data: bytes):
        """An encrypted OOXML package: read when the default key opens it, else named encrypted."""
        try:
            import msoffcrypto

            office = msoffcrypto.OfficeFile(io.BytesIO(data))
            office.load_key(password=DEFAULT_KEY, verify_password=True)
            out = io.BytesIO()
            office.decrypt(out)
            plain = out.getvalue()
        except Exception:  # noqa: BLE001 - a real password (or an unsupported method)
            return self._fatal("encrypted", what=self._what("ooxml"))
        check = self._check_decrypted_zip(plain)
        return check


def _decrypt_xls(data: bytes) -> bytes | None:
    """The workbook decrypted with Excel's default key, or ``None`` when it has a real password."""
    try:
        from msoffcrypto.format.xls97 import Xls97File

        office = Xls97File(io.BytesIO(data))
        office.load_key(password=DEFAULT_KEY)
        out = io.BytesIO()
        office.decrypt(out)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - wrong key, or a method msoffcrypto does not know
        return None


def _workbook_stream(data: bytes) -> bytes:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        name = next(n for n in ("Workbook", "Book") if ole.exists(n))
        return ole.openstream(name).read()


def _dimensions_patch(body: int, fmt: str, kept: tuple[int, int]) -> tuple[int, bytes]:
    """DIMENSIONS rewritten to cover A1 to the last cell kept."""
    rows, cols = kept[0] + 1, kept[1] + 1
    if fmt == "xls":
        return body, struct.pack("<IIHH", 0, rows, 0, cols)
    return body, struct.pack("<HHHH", 0, rows, 0, cols)


def _patched(data: bytes, book, stream: bytes, patches: list[tuple[int, bytes]]) -> bytes:
    """An in-memory copy of the file whose workbook stream has ``patches`` applied (same size)."""
    import olefile

    new = bytearray(stream)
    for at, blob in patches:
        new[at : at + len(blob)] = blob
    buf = io.BytesIO(data)
    ole = olefile.OleFileIO(buf, write_mode=True)
    ole.write_stream(book, bytes(new))
    out = buf.getvalue()
    ole.close()
    return out


def _biff_value(stream: bytes, start: int, version: int):
    """What a BIFF cell record holds, for the warning about stray cells."""
    kind, size = struct.unpack_from("<HH", stream, start)
    body = start + 4
    try:
        if kind == 0x0203:
            return struct.unpack_from("<d", stream, body + 6)[0]
        if kind == 0x027E:
            return _rk(struct.unpack_from("<I", stream, body + 6)[0])
        if kind in (0x0204, 0x00D6):
            n = struct.unpack_from("<H", stream, body + 6)[0]
            raw = stream[body + 8 : body + size]
            if version == 5:
                return raw[:n].decode("cp1252", "replace")
            return raw[1 : 1 + 2 * n].decode("utf-16-le") if raw[0] & 1 else raw[1 : 1 + n].decode("latin-1")
        if kind == 0x00FD:
            return _sst_string(stream, struct.unpack_from("<I", stream, body + 6)[0])
        if kind == 0x0205:
            value, is_error = stream[body + 6], stream[body + 7]
            return "#ERROR" if is_error else bool(value)
    except (struct.error, UnicodeDecodeError, IndexError):
        pass
    return "…"


def _sst_chunks(stream: bytes) -> list[bytes]:
    """The payloads of the shared-string table (SST) and of the CONTINUE records after it."""
    chunks: list[bytes] = []
    for kind, body, size in _records(stream):
        if kind == 0x00FC:
            chunks.append(stream[body + 8 : body + size])
        elif chunks and kind == 0x003C:
            chunks.append(stream[body : body + size])
        elif chunks or kind == _EOF:
            break
    return chunks


def _sst_string(stream: bytes, index: int) -> str:
    """Shared string ``index`` of a BIFF8 workbook (characters may run on into a CONTINUE record)."""
    chunks = _sst_chunks(stream)
    ci, pos = 0, 0
    for i in range(index + 1):
        if ci >= len(chunks):
            return f"#{index}"
        if pos >= len(chunks[ci]):
            ci, pos = ci + 1, 0
            continue
        data = chunks[ci]
        cch, flags = struct.unpack_from("<HB", data, pos)
        pos += 3
        runs = struct.unpack_from("<H", data, pos)[0] if flags & 0x08 else 0
        pos += 2 if flags & 0x08 else 0
        ext = struct.unpack_from("<I", data, pos)[0] if flags & 0x04 else 0
        pos += 4 if flags & 0x04 else 0
        text, left, wide = [], cch, flags & 0x01
        while left:
            take = min(left, (len(data) - pos) // (2 if wide else 1))
            raw = data[pos : pos + take * (2 if wide else 1)]
            text.append(raw.decode("utf-16-le" if wide else "latin-1", "replace"))
            pos += len(raw)
            left -= take
            if left:  # the characters go on in the next CONTINUE record, after a flags byte
                ci += 1
                if ci >= len(chunks):
                    return f"#{index}"
                data, pos = chunks[ci], 1
                wide = chunks[ci][0] & 0x01
        pos += 4 * runs + ext
        while ci < len(chunks) and pos >= len(chunks[ci]) and ci + 1 < len(chunks):
            pos -= len(chunks[ci])
            ci += 1
            data = chunks[ci]
        if i == index:
            return "".join(text)
    return f"#{index}"


def _rk(v: int) -> float:
    if v & 2:
        n = v >> 2
        n = n - (1 << 30) if n & (1 << 29) else n
        return n / 100 if v & 1 else float(n)
    (f,) = struct.unpack("<d", struct.pack("<Q", (v & 0xFFFFFFFC) << 32))
    return f / 100 if v & 1 else f


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]
