"""Look at a file before a spreadsheet engine opens it.

:func:`inspect_file` tells what a file really is by its content (not its
extension) — ``"xlsx"``, ``"xlsm"``, ``"xlsb"``, ``"xls"`` (Excel 97–2003),
``"xls5"`` (Excel 5.0/95), ``"ods"``, ``"html"`` (an HTML table, as web
systems export) or ``"xml2003"`` (SpreadsheetML) — and refuses, with one
clear problem, what must not be opened: a file that is not a workbook (a
CSV renamed ``.xlsx``, an empty file, an Excel 4.0 worksheet), an encrypted
(password-protected) workbook, a corrupt or truncated file, a zip that would
expand past a size limit (a "zip bomb"), a sheet with more cells holding a
value than a limit, and XML holding DOCTYPE or ENTITY declarations (entity
expansion, "billion laughs").  It warns, without refusing, about what is
read safely but deserves a word: a file whose name says another format,
a file encrypted with Excel's default key (decrypted and read), stray cells
far from the table (left out, each named with what it held), macros (never
run), external links (never followed) and formulas with no saved value
(nothing is recalculated).

The zip checks use the central directory and a bounded, streaming scan of
the XML parts with compiled regular expressions on bytes; no XML parser
runs, so nothing in the file can make the check itself expand.  The file's
bytes as checked (repacked, decrypted or with stray cells taken out) are
handed on in :attr:`FileCheck.data`: the reader parses exactly those.

Modules: :mod:`.messages` (the messages), :mod:`.zips` (the zip container),
:mod:`.ooxml` (xlsx, xlsm, xlsb, ods), :mod:`.xlsb` (xlsb records),
:mod:`.ole` (xls, xls5, encryption), :mod:`.sniff` (HTML, SpreadsheetML,
what anything else looks like), :mod:`.stray` (cells far from the table).

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
report.xlsx: error: Not a workbook: the file looks like CSV text; open it in Excel or LibreOffice Calc and save it as .xlsx
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, problem
from . import sniff
from .messages import LOOKS_LIKE, MESSAGES, SUFFIXES, WHAT
from .ole import OleChecks, biff_extents
from .ooxml import ZipChecks, ods_extents
from .zips import MB, Zip

__all__ = ["FileCheck", "inspect_file", "LIMITS", "Limits", "MESSAGES"]

# kept under their former names for callers and tests
_ods_extents = ods_extents
_biff_extents = biff_extents


@dataclass(frozen=True)
class Limits:
    """What :func:`inspect_file` refuses.

    Attributes
    ----------
    total_mb : int
        Largest total uncompressed size of a zip's members (and largest
        file), in MB.
    ratio : int
        Largest compression ratio of a member bigger than ``ratio_mb``.
    ratio_mb : int
        Members smaller than this (MB uncompressed) may have any ratio.
    cells : int
        Largest grid (rows × columns, from A1) the cells holding a value
        may span, once stray cells far from the table are left out.
    prolog_kb : int
        Longest XML prolog (before the root element) looked through, in KB.
    members : int
        Most members a zip may hold (a workbook has a few dozen).
    """

    total_mb: int = 200
    ratio: int = 200
    ratio_mb: int = 10
    cells: int = 2_000_000
    prolog_kb: int = 64
    members: int = 10_000


#: The default limits.
LIMITS = Limits()


@dataclass(frozen=True)
class FileCheck:
    """What :func:`inspect_file` found.

    Attributes
    ----------
    format : str or None
        What the file really is: ``"xlsx"``, ``"xlsm"``, ``"xlsb"``,
        ``"xls"``, ``"xls5"``, ``"ods"``, ``"html"`` or ``"xml2003"``;
        ``None`` when it is not a workbook the reader opens.
    problems : list of Problem
        Errors and warnings about the whole file (and sheet, cell).
    fatal : bool
        True when the file must not be opened.
    data : bytes or None
        The file's bytes as checked, for the reader to parse: for a zip, the
        archive with the sheets inflated and checked stored uncompressed
        (and stray cells taken out); for an encrypted file opened with the
        default key, the decrypted file; otherwise the file's bytes.
        ``None`` when the file must not be opened.
    """

    format: str | None
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False
    data: bytes | None = field(default=None, repr=False, compare=False)


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
        The format found, the problems, whether the file must not be opened
        (``fatal``), and the bytes to read.  The file is only read, never
        written.
    """
    return _Inspector(Path(path), display_name, lang, limits).run()


class _Inspector(ZipChecks, OleChecks):
    def __init__(self, path: Path, name: str, lang: str | None, limits: Limits):
        self.path = path
        self.name = name
        self.lang = lang
        self.limits = limits
        self.problems: list[Problem] = []
        self._sheet_names: dict[str, str] | None = None
        self._zip: Zip | None = None

    # -- problems ---------------------------------------------------------------

    def _add(self, code: str, severity: str, *, sheet: str | None = None, cell: str | None = None, **params):
        self.problems.append(
            problem(MESSAGES, code, severity, file=self.name, sheet=sheet, cell=cell, lang=self.lang, **params)
        )

    def _word(self, table: dict, key) -> str:
        from ...i18n import get_lang

        return table[key][get_lang(self.lang)]

    def _what(self, fmt: str | None) -> str:
        return self._word(WHAT, fmt)

    def _fatal(self, code: str, fmt: str | None = None, **params) -> FileCheck:
        self._add(code, "error", **params)
        return FileCheck(fmt, list(self.problems), True)

    def _refused(self, fmt: str | None) -> FileCheck:
        """The file must not be opened; the problem saying why is already added."""
        return FileCheck(fmt, list(self.problems), True)

    def _not_workbook(self, looks: str) -> FileCheck:
        return self._fatal("not_workbook", looks_like=self._word(LOOKS_LIKE, looks))

    def _passed(self, fmt: str, data: bytes) -> FileCheck:
        """The file may be opened as ``fmt`` from ``data`` (with a word if its name says otherwise)."""
        suffix = self.path.suffix.lower()
        if suffix and suffix not in SUFFIXES.get(fmt, ()):
            self._add("renamed", "warning", what=self._what(fmt), suffix=suffix)
        return FileCheck(fmt, list(self.problems), False, data)

    def _refuse_cells(self, fmt: str | None, sheet: str | None, rows: int | None, cols: int = 0) -> FileCheck:
        """Refuse a sheet too big to read: its grid (``rows`` × ``cols``), or too many values (``rows=None``)."""
        if rows is None:
            self._add("too_many_values", "error", sheet=sheet, limit=self.limits.cells)
        else:
            self._add("too_many_cells", "error", sheet=sheet, rows=rows, cols=cols, cells=rows * cols,
                      limit=self.limits.cells)
        return self._refused(fmt)

    # -- dispatch ---------------------------------------------------------------

    def run(self) -> FileCheck:
        try:
            with open(self.path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size > self.limits.total_mb * MB:
                    return self._fatal("file_too_large", mb=max(1, round(size / MB)), limit=self.limits.total_mb)
                data = f.read()
        except OSError as exc:
            return self._fatal("unreadable", reason=exc.strerror or type(exc).__name__)
        if not data:
            return self._fatal("empty")
        if data.startswith(_ZIP_MAGIC):
            return self._run_zip(data)
        if data.startswith(_OLE_MAGIC):
            return self._check_ole(data)
        return self._check_other(data)

    def _run_zip(self, data: bytes, *, fmt_on_error: str | None = None) -> FileCheck:
        try:
            zf = Zip(data, self.limits.members)
            if zf.members > self.limits.members:
                return self._fatal("too_many_members", n=zf.members, limit=self.limits.members)
            self._zip = zf
            return self._check_zip(zf)
        except Exception as exc:  # BadZipFile, zlib.error, struct.error, EOFError …: a bad zip
            return self._fatal("corrupt", fmt_on_error, what=self._what(fmt_on_error or "zip"),
                               reason=_reason(exc))

    def _check_decrypted_zip(self, plain: bytes) -> FileCheck:
        """An OOXML package decrypted with Excel's default key: checked like any zip, with a warning."""
        self._add("default_key", "warning", what=self._what("ooxml"))
        return self._run_zip(plain)

    def _check_other(self, data: bytes) -> FileCheck:
        """Neither zip nor OLE2: an HTML table, SpreadsheetML, an old Excel worksheet, or not a workbook."""
        found = sniff.kind(data[:65_536])
        if found in ("biff2", "biff3", "biff4"):
            return self._fatal("old_excel", version=sniff.OLD_EXCEL[data[:2]][1])
        if found == "fods":
            return self._fatal("other_format", what=self._what("fods"))
        if found not in ("html", "xml2003"):
            return self._not_workbook(sniff.looks_like(data[:2048]))
        if sniff.declares_entities(data, found):
            return self._fatal("entity", found, member=self.name)
        rows, cols = sniff.markup_cells(data, found)
        if rows * cols > self.limits.cells:
            return self._refuse_cells(found, None, rows, cols)
        return self._passed(found, data)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]
