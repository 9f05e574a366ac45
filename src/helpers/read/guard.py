"""Look at a file before a spreadsheet engine opens it.

:func:`inspect_file` tells what a file really is by its first bytes (not its
extension) and refuses, with one clear problem, what must not be opened:
a file that is not a workbook (a CSV or an HTML page renamed ``.xlsx``, an
empty file), an encrypted (password-protected) workbook, a corrupt or
truncated zip, a zip that would expand past a size limit (a "zip bomb"), a
sheet that declares more cells than a limit (the engine allocates the whole
grid), and XML holding DOCTYPE or ENTITY declarations (entity expansion,
"billion laughs").  It warns, without refusing, about what is read safely
but deserves a word: macros (never run), external links (never followed)
and formulas with no saved value (nothing is recalculated).

All checks use the zip's central directory and a bounded, streaming scan of
the XML parts with compiled regular expressions on bytes; no XML parser
runs, so nothing in the file can make the check itself expand.

Examples
--------
>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "report.xlsx")
...     with open(path, "w") as f:
...         _ = f.write("TT,Đơn vị,Tổng số\\n1,Hòa Phú,7\\n")
...     check = inspect_file(path, "report.xlsx", lang="en")
>>> check.fatal, check.format
(True, None)
>>> print(check.problems[0])
report.xlsx: error: Not a workbook: the file looks like CSV text
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import unescape

from .problems import Problem, problem

__all__ = ["FileCheck", "inspect_file", "LIMITS", "Limits"]


@dataclass(frozen=True)
class Limits:
    """What :func:`inspect_file` refuses.

    Attributes
    ----------
    total_mb : int
        Largest total uncompressed size of a zip's members, in MB.
    ratio : int
        Largest compression ratio of a member bigger than ``ratio_mb``.
    ratio_mb : int
        Members smaller than this (MB uncompressed) may have any ratio.
    cells : int
        Largest grid (rows × columns) a sheet may declare or use.
    prolog_kb : int
        Longest XML prolog (before the root element) looked through, in KB.
    members : int
        Most members a zip may hold (a workbook has a few dozen).
    """

    total_mb: int = 200
    ratio: int = 100
    ratio_mb: int = 10
    cells: int = 2_000_000
    prolog_kb: int = 64
    members: int = 10_000


#: The default limits.
LIMITS = Limits()

_MB = 1_000_000

MESSAGES = {
    "unreadable": {
        "vi": "Không mở được tệp: {reason}",
        "en": "Cannot open the file: {reason}",
    },
    "empty": {
        "vi": "Tệp rỗng (0 byte), không phải bảng tính",
        "en": "The file is empty (0 bytes), not a workbook",
    },
    "not_workbook": {
        "vi": "Không phải bảng tính: tệp có vẻ là {looks_like}; hãy mở bằng Excel và lưu thành .xlsx",
        "en": "Not a workbook: the file looks like {looks_like}",
    },
    "encrypted": {
        "vi": "Tệp được đặt mật khẩu (mã hóa), không đọc được; hãy lưu một bản không đặt mật khẩu rồi đọc bản đó",
        "en": "The file is encrypted (password-protected); save an unprotected copy and read that",
    },
    "corrupt": {
        "vi": "Tệp hỏng hoặc bị cắt cụt, không đọc được ({reason})",
        "en": "The file is corrupt or truncated ({reason})",
    },
    "too_large": {
        "vi": "Từ chối đọc: tệp sẽ bung ra {mb} MB khi giải nén (giới hạn {limit} MB)",
        "en": "Refused: would expand to {mb} MB (limit {limit} MB)",
    },
    "ratio": {
        "vi": "Từ chối đọc: phần {member} nén tỉ lệ {ratio}:1, sẽ bung ra {mb} MB",
        "en": "Refused: {member} is compressed {ratio}:1 and would expand to {mb} MB",
    },
    "too_many_cells": {
        "vi": "Từ chối đọc: trang tính khai báo {rows} dòng × {cols} cột ({cells} ô, giới hạn {limit} ô)",
        "en": "Refused: sheet declares {rows} rows × {cols} columns ({cells} cells; limit {limit})",
    },
    "too_many_members": {
        "vi": "Từ chối đọc: tệp nén chứa {n} phần (giới hạn {limit})",
        "en": "Refused: the zip holds {n} members (limit {limit})",
    },
    "entity": {
        "vi": "Từ chối đọc: {member} có khai báo DOCTYPE/ENTITY của XML (có thể bung vô hạn)",
        "en": "XML entity declarations refused: {member} holds a DOCTYPE/ENTITY declaration",
    },
    "prolog": {
        "vi": "Từ chối đọc: {member} không có phần tử gốc trong {kb} KB đầu",
        "en": "Refused: {member} has no root element in its first {kb} KB",
    },
    "macros": {
        "vi": "Tệp có macro (VBA); macro không bao giờ được chạy, chỉ đọc các giá trị đã lưu",
        "en": "Macros present, never run; only saved values are read",
    },
    "external_links": {
        "vi": "Tệp có liên kết đến tệp khác; liên kết không bao giờ được mở, dùng các giá trị đã lưu",
        "en": "External links are never followed; saved values used",
    },
    "formula_no_value": {
        "vi": "Công thức không có giá trị đã lưu ở {ref}: hãy mở tệp bằng Excel và lưu lại",
        "en": "Formula without a saved value in {ref}: open and save the file in Excel",
    },
}

# What a refused file looks like, for "not_workbook".
LOOKS_LIKE = {
    "csv": {"vi": "văn bản CSV", "en": "CSV text"},
    "text": {"vi": "văn bản thường", "en": "plain text"},
    "html": {"vi": "trang HTML (web)", "en": "an HTML page"},
    "xml": {"vi": "tệp XML (không phải .xlsx)", "en": "an XML file (not .xlsx)"},
    "pdf": {"vi": "tài liệu PDF", "en": "a PDF document"},
    "zip": {"vi": "tệp nén zip không chứa bảng tính", "en": "a zip archive with no workbook in it"},
    "docx": {"vi": "văn bản Word", "en": "a Word document"},
    "pptx": {"vi": "bản trình chiếu PowerPoint", "en": "a PowerPoint presentation"},
    "ole": {"vi": "tệp Office không phải bảng tính", "en": "an Office file that is not a workbook"},
    "image": {"vi": "ảnh", "en": "an image"},
    "binary": {"vi": "dữ liệu nhị phân không rõ loại", "en": "binary data of an unknown kind"},
}


@dataclass(frozen=True)
class FileCheck:
    """What :func:`inspect_file` found.

    Attributes
    ----------
    format : str or None
        ``"xlsx"``, ``"xlsm"``, ``"xls"`` or ``"ods"``; ``None`` when the file
        is not a workbook.
    problems : list of Problem
        Errors and warnings about the whole file (and sheet, cell).
    fatal : bool
        True when the file must not be opened.
    data : bytes or None
        For a zip container (xlsx, xlsm, ods) that may be opened, the
        archive as checked: its members as read, with the sheets that were
        inflated and checked whole stored uncompressed.  The reader parses
        these bytes, so what was checked is what is read, and no sheet is
        inflated twice.  ``None`` for other files (the reader opens the path).
    """

    format: str | None
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False
    data: bytes | None = field(default=None, repr=False, compare=False)


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_ROOT = re.compile(rb"<[A-Za-z_]")
_DIMENSION = re.compile(rb'dimension ref="([^"]*)"')
_CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_LAST_ROW = re.compile(rb'row r="([0-9]+)"')
_CELL_R = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_WIDE_COL = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_OPEN = re.compile(rb"<c\b")
_CELL_END = re.compile(rb"</c>|<c\b")
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>[^<]")  # a saved value, not <v/> or <v></v>
_R_ATTR = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')

_CHUNK = 1 << 20
#: The widest column a reference of _WIDE_COL can name (ZZZ).
_WIDEST = 18_278


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def inspect_file(
    path: str | Path,
    display_name: str,
    *,
    lang: str | None = None,
    limits: Limits = LIMITS,
) -> FileCheck:
    """Check a file before it is opened as a workbook.

    Parameters
    ----------
    path : str or Path
        The file.
    display_name : str
        How problems name the file ("2023/chiem-hoa.xlsx").
    lang : str, optional
        Language of the messages (default: the current setting).
    limits : Limits
        What to refuse (see :class:`Limits`).

    Returns
    -------
    FileCheck
        The format found, the problems, and whether the file must not be
        opened (``fatal``).  The file is only read, never written.
    """
    return _Inspector(Path(path), display_name, lang, limits).run()


class _Inspector:
    def __init__(self, path: Path, name: str, lang: str | None, limits: Limits):
        self.path = path
        self.name = name
        self.lang = lang
        self.limits = limits
        self.problems: list[Problem] = []
        self._sheet_names: dict[str, str] | None = None
        self._zip: _Zip | None = None

    # -- problems ---------------------------------------------------------------

    def _add(self, code: str, severity: str, *, sheet: str | None = None, cell: str | None = None, **params):
        self.problems.append(
            problem(MESSAGES, code, severity, file=self.name, sheet=sheet, cell=cell, lang=self.lang, **params)
        )

    def _fatal(self, code: str, fmt: str | None = None, **params) -> FileCheck:
        self._add(code, "error", **params)
        return FileCheck(fmt, list(self.problems), True)

    def _not_workbook(self, looks: str) -> FileCheck:
        from ..i18n import get_lang

        return self._fatal("not_workbook", looks_like=LOOKS_LIKE[looks][get_lang(self.lang)])

    # -- dispatch ---------------------------------------------------------------

    def run(self) -> FileCheck:
        try:
            with open(self.path, "rb") as f:
                head = f.read(2048)
                if head.startswith(_ZIP_MAGIC):
                    if os.fstat(f.fileno()).st_size > self.limits.total_mb * _MB:
                        return self._fatal("too_large", mb=_mb(os.fstat(f.fileno()).st_size),
                                           limit=self.limits.total_mb)
                    head += f.read()
        except OSError as exc:
            return self._fatal("unreadable", reason=exc.strerror or type(exc).__name__)
        if not head:
            return self._fatal("empty")
        if head.startswith(_ZIP_MAGIC):
            try:
                zf = _Zip(head, self.limits.members)
                if zf.members > self.limits.members:
                    return self._fatal("too_many_members", n=zf.members, limit=self.limits.members)
                self._zip = zf
                return self._check_zip(zf)
            except Exception as exc:  # BadZipFile, zlib.error, struct.error, EOFError …: a bad zip
                return self._fatal("corrupt", reason=_reason(exc))
        if head.startswith(_OLE_MAGIC):
            return self._check_ole()
        return self._not_workbook(_sniff(head))

    # -- OLE2 (xls, encrypted OOXML) ----------------------------------------------

    def _check_ole(self) -> FileCheck:
        try:
            import olefile

            with olefile.OleFileIO(str(self.path)) as ole:
                streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
                book = next((n for n in ("workbook", "book") if n in streams), None)
                if book is not None and not ({"encryptedpackage", "encryptioninfo"} & streams):
                    # bounded: the whole file is already below the size limit
                    data = ole.openstream(book).read(self.limits.total_mb * _MB)
                else:
                    data = b""
        except Exception as exc:
            return self._fatal("corrupt", reason=_reason(exc))
        if "encryptedpackage" in streams or "encryptioninfo" in streams:
            return self._fatal("encrypted")
        if book is None:
            return self._not_workbook("ole")
        try:
            import msoffcrypto

            with open(self.path, "rb") as f:
                encrypted = msoffcrypto.OfficeFile(f).is_encrypted()
        except Exception as exc:
            return self._fatal("corrupt", "xls", reason=_reason(exc))
        if encrypted:
            return self._fatal("encrypted", "xls")
        for sheet, rows, cols in _biff_extents(data):
            if rows * cols > self.limits.cells:
                self._add("too_many_cells", "error", sheet=sheet, rows=rows, cols=cols,
                          cells=rows * cols, limit=self.limits.cells)
                return FileCheck("xls", list(self.problems), True)
        return FileCheck("xls", list(self.problems), False)

    # -- zip containers -----------------------------------------------------------

    def _check_zip(self, zf: _Zip) -> FileCheck:
        infos = zf.zip.infolist()
        names = {i.filename: i for i in infos}
        fmt = self._zip_format(zf, names)
        if fmt is None or isinstance(fmt, FileCheck):
            return fmt if fmt is not None else self._not_workbook("zip")
        total = sum(i.file_size for i in infos)
        if total > self.limits.total_mb * _MB:
            return self._fatal("too_large", fmt, mb=_mb(total), limit=self.limits.total_mb)
        for info in infos:
            if info.file_size > self.limits.ratio_mb * _MB:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > self.limits.ratio:
                    return self._fatal("ratio", fmt, member=info.filename, ratio=int(ratio), mb=_mb(info.file_size))
        for info in infos:
            low = info.filename.lower()
            if not low.endswith((".xml", ".rels", ".vml")):
                continue
            is_sheet = fmt != "ods" and low.startswith("xl/worksheets/") and low.count("/") == 2
            fatal = self._scan_xml(zf, info, fmt, is_sheet)
            if fatal is None and fmt == "ods" and low == "content.xml":
                fatal = self._check_ods(zf, info)
            if fatal is not None:
                return fatal
        if fmt != "ods":
            if any(n.lower().endswith("vbaproject.bin") for n in names) and fmt == "xlsx":
                fmt = "xlsm"
            if fmt == "xlsm":
                self._add("macros", "warning")
            if any(n.lower().startswith("xl/externallinks/") for n in names):
                self._add("external_links", "warning")
        elif any(n.lower().startswith("basic/") for n in names):
            self._add("macros", "warning")
        return FileCheck(fmt, list(self.problems), False, zf.repacked())

    def _zip_format(self, zf: _Zip, names: dict[str, zipfile.ZipInfo]):
        if "mimetype" in names and names["mimetype"].file_size < 200:
            mime = zf.read(names["mimetype"]).strip()
            if mime.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                return "ods"
            return self._not_workbook("zip")
        ct = names.get("[Content_Types].xml")
        if ct is None:
            return None
        if ct.file_size > 1 * _MB:
            return self._fatal("too_large", mb=_mb(ct.file_size), limit=1)
        types = zf.read(ct)
        if _DECL.search(types):
            return self._fatal("entity", member=ct.filename)
        low = types.lower()
        if b"macroenabled" in low:
            return "xlsm"
        if b"spreadsheetml" in low or "xl/workbook.xml" in names:
            return "xlsx"
        if b"wordprocessingml" in low:
            return self._not_workbook("docx")
        if b"presentationml" in low:
            return self._not_workbook("pptx")
        return None

    def _scan_xml(self, zf: _Zip, info: zipfile.ZipInfo, fmt: str, is_sheet: bool):
        """Bounded streaming scan of one XML member; a FileCheck when fatal."""
        if not is_sheet:
            first = zf.read(info, 1024)
            if len(first) == 1024 and not _ROOT.search(first):
                first = zf.read(info, self.limits.prolog_kb * 1024)
            return self._check_prolog(first, info, fmt)
        pieces: list[bytes] = []
        chunks = _kept(zf.chunks(info, _CHUNK), pieces)
        first = next(chunks, b"")
        fatal = self._check_prolog(first, info, fmt)
        if fatal is not None:
            return fatal
        fatal = self._check_sheet(_overlapping(first, chunks), info, fmt)
        if fatal is None:
            zf.inflated[info.header_offset] = b"".join(pieces)  # checked whole: handed on as is
        return fatal

    def _check_prolog(self, data: bytes, info: zipfile.ZipInfo, fmt: str):
        root = _ROOT.search(data)
        prolog = data if root is None else data[: root.start()]
        if _DECL.search(prolog):
            return self._fatal("entity", fmt, member=info.filename)
        if root is None and info.file_size > len(data) and data.strip():
            return self._fatal("prolog", fmt, member=info.filename, kb=self.limits.prolog_kb)
        return None

    def _check_sheet(self, chunks, info: zipfile.ZipInfo, fmt: str):
        """Grid size and formulas of one worksheet, from its XML in chunks."""
        declared = (0, 0)
        rows = 0
        wide = 0  # widest column among two- and three-letter references
        seen: set[str] = set()
        for i, buf in enumerate(chunks):
            whole = i == 0 and len(buf) >= info.file_size  # the whole sheet is in this chunk
            if i == 0:
                dim = _DIMENSION.search(buf)
                if dim:
                    declared = _extent(dim.group(1))
            last = _last(_LAST_ROW, buf) or _last(_CELL_R, buf, group=2)
            if last:
                rows = max(rows, int(last))
            # the widest column matters only when the rows times the widest
            # possible column could pass the limit (one chunk: known here)
            if not whole or rows * _WIDEST > self.limits.cells:
                for m in _WIDE_COL.finditer(buf):
                    wide = max(wide, _col_number(m.group(1)))
            if _may_hold_formula(buf) and _FORMULA.search(buf):
                self._check_formulas(buf, info, seen)
        cols = wide or 26
        for r, c in (declared, (rows, cols)):
            if r * c > self.limits.cells:
                self._add("too_many_cells", "error", sheet=self._sheet_name(info.filename), rows=r, cols=c,
                          cells=r * c, limit=self.limits.cells)
                return FileCheck(fmt, list(self.problems), True)
        return None

    def _check_ods(self, zf: _Zip, info: zipfile.ZipInfo):
        """Grid size of every table of an ODS file (repeated rows and cells expanded)."""
        pieces: list[bytes] = []
        for name, r, c in _ods_extents(_kept(zf.chunks(info, _CHUNK), pieces)):
            if r * c > self.limits.cells:
                self._add("too_many_cells", "error", sheet=name or None, rows=r, cols=c,
                          cells=r * c, limit=self.limits.cells)
                return FileCheck("ods", list(self.problems), True)
        zf.inflated[info.header_offset] = b"".join(pieces)  # checked whole: handed on as is
        return None

    def _check_formulas(self, data: bytes, info: zipfile.ZipInfo, seen: set[str]) -> None:
        sheet = None
        for m in _FORMULA.finditer(data):
            start = data.rfind(b"<c", 0, m.start())
            while start >= 0 and not _CELL_OPEN.match(data, start):
                start = data.rfind(b"<c", 0, start)
            if start < 0:
                continue
            end = _CELL_END.search(data, m.end())
            body = data[m.end() : end.start() if end else len(data)]
            ref = _R_ATTR.search(data, start, data.find(b">", start) + 1)
            if ref is None or ref.group(1).decode() in seen:
                continue
            cell = ref.group(1).decode()
            seen.add(cell)
            if not _VALUE.search(body):
                if sheet is None:
                    sheet = self._sheet_name(info.filename)
                self._add("formula_no_value", "warning", sheet=sheet, cell=cell, ref=cell)

    # -- sheet names --------------------------------------------------------------

    def _sheet_name(self, member: str) -> str | None:
        if self._sheet_names is None:
            self._sheet_names = _sheet_names(self._zip) if self._zip is not None else {}
        return self._sheet_names.get(member, member.rsplit("/", 1)[-1])


def _sheet_names(zf: _Zip) -> dict[str, str]:
    """Worksheet member -> sheet name, from workbook.xml and its relations."""
    try:
        wb = zf.read(zf.zip.getinfo("xl/workbook.xml"), 4 * _MB).decode("utf-8", "replace")
        rels = zf.read(zf.zip.getinfo("xl/_rels/workbook.xml.rels"), 4 * _MB).decode("utf-8", "replace")
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


class _Zip:
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
        self.members = _declared_members(data)
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
            if data is not None:
                method, csize, size = zipfile.ZIP_STORED, len(data), len(data)
            else:
                data = self._raw(info)
                method, csize, size = info.compress_type, info.compress_size, info.file_size
            head = _LOCAL.pack(b"PK\x03\x04", 20, flags, method, 0, 0x21, info.CRC, csize, size, len(name), 0)
            central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, method, 0, 0x21, info.CRC, csize, size,
                                         len(name), 0, 0, 0, 0, 0, offset) + name)
            parts += (head, name, data)
            offset += len(head) + len(name) + len(data)
        directory = b"".join(central)
        end = _END.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(directory), offset, 0)
        return b"".join([*parts, directory, end])

    def read(self, info: zipfile.ZipInfo, limit: int | None = None) -> bytes:
        """The first ``limit`` inflated bytes of a member (all when None)."""
        out = bytearray()
        for chunk in self.chunks(info, min(limit or _CHUNK, _CHUNK)):
            out += chunk
            if limit is not None and len(out) >= limit:
                return bytes(out[:limit])
        return bytes(out)


_ODS_TOKEN = re.compile(
    rb"<(table:table|table:table-row|table:table-cell|table:covered-table-cell)((?:\s[^>]*?)?)(/?)>|</table:table-row>"
)
_ODS_REPEAT = re.compile(rb'table:number-(rows|columns)-repeated="(\d{1,12})"')
_ODS_VALUE = re.compile(rb"office:value-type=")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')


def _ods_extents(chunks) -> list[tuple[str, int, int]]:
    """The extent (name, rows, columns) of each table of an ODS content.xml.

    Only cells that hold something count (a value type, or content): the
    empty, repeated rows and cells that spreadsheet programs write to the
    end of the grid allocate nothing, but a cell with a value repeated a
    million times would.
    """
    extents: list[tuple[str, int, int]] = []
    name = ""
    rows = cols = row = 0
    row_rep = 1
    row_used = False
    col = 0
    tail = b""
    for chunk in chunks:
        buf = tail + chunk
        cut = buf.rfind(b">") + 1
        buf, tail = buf[:cut], buf[cut:]
        for m in _ODS_TOKEN.finditer(buf):
            tag, attrs, closed = m.group(1), m.group(2) or b"", m.group(3)
            if tag is None:  # </table:table-row>
                if row_used:
                    rows = row + row_rep
                row += row_rep
                continue
            reps = dict((k, int(v)) for k, v in _ODS_REPEAT.findall(attrs))
            if tag == b"table:table":
                if row or rows:
                    extents.append((name, rows, cols))
                found = _ODS_NAME.search(attrs)
                name = unescape(found.group(1).decode("utf-8", "replace")) if found else ""
                rows = cols = row = 0
            elif tag == b"table:table-row":
                row_rep, row_used, col = reps.get(b"rows", 1), False, 0
                if closed:  # an empty self-closed row
                    row += row_rep
            else:
                span = reps.get(b"columns", 1)
                if not closed or _ODS_VALUE.search(attrs):
                    cols = max(cols, col + span)
                    row_used = True
                col += span
    extents.append((name, rows, cols))
    return extents


# BIFF records that hold a value at (row, column): NUMBER, RK, LABELSST,
# LABEL, BOOLERR, FORMULA, RSTRING; MULRK holds a run of them.  Blank cells
# (BLANK, MULBLANK) carry formatting only, but the DIMENSIONS record, which
# covers them too, is what the spreadsheet engine reserves memory for.
_BIFF_CELLS = frozenset((0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6))
_BIFF_MULRK = 0x00BD
_BIFF_BOF = 0x0809
_BIFF_EOF = 0x000A
_BIFF_DIMENSIONS = 0x0200
_BIFF_BOUNDSHEET = 0x0085


def _biff_extents(data: bytes) -> list[tuple[str, int, int]]:
    """The extent (sheet name, rows, columns) of each sheet of a BIFF stream.

    The larger of the declared dimensions and the cells that hold values.

    The first substream is the workbook globals; each later one is a sheet.
    """
    extents: list[tuple[int, int, int]] = []
    names: list[tuple[int, str]] = []  # (offset of the sheet's substream, name)
    substream = -1
    rows = cols = 0
    pos, end = 0, len(data)
    unpack = struct.unpack_from
    while pos + 4 <= end:
        kind, size = unpack("<HH", data, pos)
        body = pos + 4
        pos = body + size
        if kind == _BIFF_BOUNDSHEET and substream == 0 and size >= 8:
            names.append((unpack("<I", data, body)[0], _biff_name(data, body + 6, pos)))
        elif kind == _BIFF_BOF:
            substream += 1
            rows = cols = 0
        elif kind == _BIFF_EOF:
            if substream > 0 and rows:
                extents.append((substream - 1, rows, cols))
        elif kind == _BIFF_DIMENSIONS and size >= 10:
            if size >= 14:  # BIFF8: 32-bit rows
                last_row, last_col = unpack("<I", data, body + 4)[0], unpack("<H", data, body + 10)[0]
            else:  # BIFF5/7: 16-bit rows
                last_row, last_col = unpack("<H", data, body + 2)[0], unpack("<H", data, body + 6)[0]
            rows, cols = max(rows, last_row), max(cols, last_col)  # both one past the last
        elif size >= 4 and (kind in _BIFF_CELLS or kind == _BIFF_MULRK):
            row, col = unpack("<HH", data, body)
            if kind == _BIFF_MULRK and size >= 6:
                col = unpack("<H", data, body + size - 2)[0]
            rows = max(rows, row + 1)
            cols = max(cols, col + 1)
    ordered = [n for _, n in sorted(names)]
    return [(ordered[i] if i < len(ordered) else f"#{i + 1}", r, c) for i, r, c in extents]


def _biff_name(data: bytes, start: int, end: int) -> str:
    """A BIFF8 short Unicode string (the name in a BOUNDSHEET record)."""
    if start + 2 > end:
        return ""
    count, flags = data[start], data[start + 1]
    raw = data[start + 2 : end]
    try:
        return raw[: 2 * count].decode("utf-16-le") if flags & 1 else raw[:count].decode("latin-1")
    except UnicodeDecodeError:
        return ""


_LOCAL = struct.Struct("<4s5H3L2H")  # a local file header
_CENTRAL = struct.Struct("<4s6H3L5H2L")  # a central directory entry
_END = struct.Struct("<4s4H2LH")  # the end of central directory record


def _kept(chunks, pieces: list[bytes]):
    """``chunks``, each also appended to ``pieces``."""
    for chunk in chunks:
        pieces.append(chunk)
        yield chunk


def _declared_members(data: bytes) -> int:
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


def _may_hold_formula(buf: bytes) -> bool:
    """False only when ``buf`` has no "<f" (so no ``<f>`` element).

    Sheet XML holds few "f" bytes, found at memchr speed, while "<" is
    everywhere and slows a search for "<f"; past 64 "f" bytes the answer is
    True and the caller's pattern decides.

    >>> _may_hold_formula(b'<c r="A1"><v>1</v></c>'), _may_hold_formula(b'<c r="A1"><f>B1</f></c>')
    (False, True)
    """
    i = buf.find(b"f", 1)
    for _ in range(64):
        if i < 0:
            return False
        if buf[i - 1] == 0x3C:  # "<"
            return True
        i = buf.find(b"f", i + 1)
    return True


def _overlapping(first: bytes, rest, overlap: int = 4096):
    """Chunks, each starting with the last bytes of the one before."""
    yield first
    tail = first[-overlap:]
    for data in rest:
        buf = tail + data
        yield buf
        tail = buf[-overlap:]


def _last(pattern: re.Pattern, buf: bytes, group: int = 1) -> bytes | None:
    """The last match of ``pattern`` in the last 4 KB of ``buf`` (or in all)."""
    for start in (max(0, len(buf) - 4096), 0):
        found = None
        for found in pattern.finditer(buf, start):
            pass
        if found is not None:
            return found.group(group)
        if start == 0:
            break
    return None


def _extent(ref: bytes) -> tuple[int, int]:
    """Rows and columns spanned by a reference like ``A1:Z1048576``."""
    parts = [_CELL_REF.fullmatch(p.strip().upper()) for p in ref.split(b":")]
    parts = [p for p in parts if p]
    if not parts:
        return 0, 0
    rows = [int(p.group(2)) for p in parts]
    cols = [_col_number(p.group(1)) for p in parts]
    return max(rows) - min(rows) + 1, max(cols) - min(cols) + 1


def _mb(size: int) -> int:
    return max(1, round(size / _MB))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _sniff(head: bytes) -> str:
    """What a file that is not a workbook looks like, from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n")
    low = stripped[:512].lower()
    if low.startswith(b"%pdf"):
        return "pdf"
    if low.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "image"
    if low.startswith(b"<") and (b"<html" in low or b"<!doctype html" in low or b"<table" in low):
        return "html"
    if low.startswith(b"<"):
        return "xml"
    if head.startswith(b"PK"):
        return "zip"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("utf-16") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
            return "text" if printable > 0.95 * len(head) else "binary"
    if "\x00" in text:
        return "binary"
    first = text.splitlines()[0] if text.splitlines() else ""
    if any(sep in first for sep in (",", ";", "\t")):
        return "csv"
    return "text"
