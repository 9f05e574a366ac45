"""The zip container of a workbook, held in memory and inflated with a bound.

:class:`Zip` parses the central directory with :mod:`zipfile` and inflates
members with :mod:`zlib`, never past their declared size; :meth:`Zip.repacked`
writes the archive again with the members checked whole (and the ones the
guard rewrote) stored uncompressed, so the reader parses what was checked.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

__all__ = ["Zip", "CHUNK", "MB", "declared_members", "kept", "sheet_names", "unescape"]

CHUNK = 1 << 20
MB = 1_000_000
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_LOCAL = struct.Struct("<4s5H3L2H")  # a local file header
_CENTRAL = struct.Struct("<4s6H3L5H2L")  # a central directory entry
_END = struct.Struct("<4s4H2LH")  # the end of central directory record


def unescape(data: str, entities: dict[str, str] | None = None) -> str:
    """``&lt;``, ``&gt;``, the ``entities`` given and ``&amp;`` (last) replaced, as :func:`xml.sax.saxutils.unescape` does.

    Written here so that checking a file does not import :mod:`xml.sax`
    (which loads :mod:`urllib.request`, :mod:`http.client` and :mod:`email`).

    >>> unescape("a &lt;b&gt; &amp;amp; &quot;c&quot;", {"&quot;": '"'})
    'a <b> &amp; "c"'
    """
    data = data.replace("&lt;", "<").replace("&gt;", ">")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data.replace("&amp;", "&")


class Zip:
    """A zip held in memory, its members inflated with a bound on the output.

    The central directory is parsed by :mod:`zipfile`; deflated and stored
    members are inflated directly with :mod:`zlib` (no per-member file
    objects), never past their declared size: a member that inflates to more
    than it declares is corrupt.
    """

    def __init__(self, data: bytes, max_members: int):
        self.data = data
        #: member (by its header offset) -> its inflated bytes, for members checked whole
        self.inflated: dict[int, bytes] = {}
        #: member (by its header offset) -> the CRC-32 of its rewritten bytes (stray cells taken out)
        self.rewritten: dict[int, int] = {}
        self.members = declared_members(data)
        if self.members > max_members:
            return  # refused by the caller before the directory is parsed
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def _raw(self, info: zipfile.ZipInfo) -> bytes:
        off = info.header_offset
        head = self.data[off : off + 30]
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for {info.filename}")
        n, m = struct.unpack("<HH", head[26:30])
        start = off + 30 + n + m
        raw = self.data[start : start + info.compress_size]
        if len(raw) < info.compress_size:
            raise zipfile.BadZipFile(f"{info.filename} is truncated")
        return raw

    def chunks(self, info: zipfile.ZipInfo, size: int):
        """The inflated member in chunks of ``size`` bytes (bounded)."""
        if info.flag_bits & 0x1:
            raise zipfile.BadZipFile(f"{info.filename} is encrypted")
        if info.compress_type == zipfile.ZIP_STORED:
            raw = self._raw(info)
            if len(raw) != info.file_size or zlib.crc32(raw) != info.CRC:
                raise zipfile.BadZipFile(f"bad CRC-32 for {info.filename}")
            for i in range(0, len(raw), size):
                yield raw[i : i + size]
            return
        if info.compress_type != zipfile.ZIP_DEFLATED:
            with self.zip.open(info) as stream:  # rare methods: zipfile, bounded reads
                while chunk := stream.read(size):
                    yield chunk
            return
        inflater = zlib.decompressobj(-15)
        pending = self._raw(info)
        left = info.file_size
        crc = 0
        while pending or not inflater.eof:
            out = inflater.decompress(pending, size)
            pending = inflater.unconsumed_tail
            if not out:
                if inflater.eof or not pending:
                    break
                continue
            left -= len(out)
            if left < 0:
                raise zipfile.BadZipFile(f"{info.filename} inflates past its declared size")
            crc = zlib.crc32(out, crc)
            yield out
        if left != 0 or not inflater.eof:
            raise zipfile.BadZipFile(f"{info.filename} is truncated")
        if crc != info.CRC:
            raise zipfile.BadZipFile(f"bad CRC-32 for {info.filename}")

    def repacked(self) -> bytes:
        """The archive again, with the members checked whole stored uncompressed.

        The reader then parses the very bytes that were checked, and
        inflates no worksheet a second time.  Other members are copied
        with their compressed data.  Names, order and CRCs are kept.
        """
        parts: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        infos = self.zip.infolist()
        for info in infos:
            name = info.filename.encode("utf-8")
            flags = (info.flag_bits & 0x1) | 0x800  # encrypted stays so; names are UTF-8; no data descriptor
            data = self.inflated.get(info.header_offset)
            crc = self.rewritten.get(info.header_offset, info.CRC)
            if data is not None:
                method, csize, size = zipfile.ZIP_STORED, len(data), len(data)
            else:
                data = self._raw(info)
                method, csize, size = info.compress_type, info.compress_size, info.file_size
            head = _LOCAL.pack(b"PK\x03\x04", 20, flags, method, 0, 0x21, crc, csize, size, len(name), 0)
            central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, method, 0, 0x21, crc, csize, size,
                                         len(name), 0, 0, 0, 0, 0, offset) + name)
            parts += (head, name, data)
            offset += len(head) + len(name) + len(data)
        directory = b"".join(central)
        end = _END.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(directory), offset, 0)
        return b"".join([*parts, directory, end])

    def rewrite(self, info: zipfile.ZipInfo, data: bytes) -> None:
        """Hand on ``data`` instead of the member (stored, with its own CRC-32)."""
        self.inflated[info.header_offset] = data
        self.rewritten[info.header_offset] = zlib.crc32(data)

    def read(self, info: zipfile.ZipInfo, limit: int | None = None) -> bytes:
        """The first ``limit`` inflated bytes of a member (all when None)."""
        out = bytearray()
        for chunk in self.chunks(info, min(limit or CHUNK, CHUNK)):
            out += chunk
            if limit is not None and len(out) >= limit:
                return bytes(out[:limit])
        return bytes(out)


def kept(chunks, pieces: list[bytes]):
    """``chunks``, each also appended to ``pieces``."""
    for chunk in chunks:
        pieces.append(chunk)
        yield chunk


def declared_members(data: bytes) -> int:
    """The number of members the end-of-directory record declares (0 if none found)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return 0
    count = struct.unpack("<H", data[end + 10 : end + 12])[0]
    if count == 0xFFFF:  # zip64: the count is in the zip64 record
        loc = data.rfind(b"PK\x06\x07", max(0, end - 20), end)
        if loc >= 0:
            (rec,) = struct.unpack("<Q", data[loc + 8 : loc + 16])
            if rec + 40 <= len(data) and data[rec : rec + 4] == b"PK\x06\x06":
                count = struct.unpack("<Q", data[rec + 32 : rec + 40])[0]
    return count


def sheet_names(zf: Zip) -> dict[str, str]:
    """Worksheet member -> sheet name, from workbook.xml and its relations."""
    try:
        wb = zf.read(zf.zip.getinfo("xl/workbook.xml"), 4 * MB).decode("utf-8", "replace")
        rels = zf.read(zf.zip.getinfo("xl/_rels/workbook.xml.rels"), 4 * MB).decode("utf-8", "replace")
    except Exception:
        return {}
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get("Id")] = target
    out = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", wb):
        attrs = dict(_ATTR.findall(tag))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if rid in targets and "name" in attrs:
            out[targets[rid]] = unescape(attrs["name"], {"&quot;": '"', "&apos;": "'"})
    return out


