"""Opening a checked workbook: one small interface over every format read.

The reader never talks to a spreadsheet library directly: it opens a
:class:`Book` with :func:`open_book` and asks it for its sheets and their
cells.  The format is the one the file guard recognised from the file's
content (``FileCheck.format``), never the file's extension: an ``.xls``
renamed ``.xlsx`` opens as what it is.

A :class:`Book` gives

- ``format``: what the file really is (``"xlsx"``, ``"xls"``, ``"html"`` …);
- ``sheets``: a list of :class:`SheetInfo` (name, visible, worksheet);
- ``cells(name)``: the sheet's cells from A1 as a list of rows, and its
  merged ranges ``((row0, col0), (row1, col1))`` (0-based, inclusive) or
  ``None`` when the format gives none;
- ``close()``.

Formats python-calamine reads (xlsx, xlsm, xlsb, xls, xls5, ods) open with
it; HTML tables and SpreadsheetML 2003 open with :mod:`.markup` (lxml).  A
book raises only :class:`BookError` (an ``Exception``): whatever the library
raises, even a Rust panic (``pyo3_runtime.PanicException``, a
``BaseException``), becomes one, so one damaged file is one error and the
files after it still load.  ``KeyboardInterrupt`` and ``SystemExit`` pass.

Examples
--------
>>> import io
>>> from openpyxl import Workbook
>>> wb = Workbook(); ws = wb.active; ws.title = "2023"; ws["B2"] = "Hòa Phú"
>>> buf = io.BytesIO(); wb.save(buf)
>>> book = open_book(buf.getvalue(), "xlsx")
>>> [s.name for s in book.sheets], book.cells("2023")[0]
(['2023'], [['', ''], ['', 'Hòa Phú']])
>>> book.close()
>>> open_book(b"not a workbook", "xlsx")
Traceback (most recent call last):
...
helpers.read.workbook.BookError: python-calamine cannot open this Excel workbook (.xlsx): ZipError: invalid Zip archive: Could not find EOCD
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Book", "BookError", "SheetInfo", "open_book", "FORMATS", "CALAMINE_FORMATS"]

#: Every format a book opens, as the file guard names it -> what it is (en).
FORMATS = {
    "xlsx": "Excel workbook (.xlsx)",
    "xlsm": "Excel macro-enabled workbook (.xlsm)",
    "xlsb": "Excel binary workbook (.xlsb)",
    "xls": "Excel 97-2003 workbook (.xls)",
    "xls5": "Excel 5.0/95 workbook (.xls)",
    "ods": "OpenDocument spreadsheet (.ods)",
    "html": "HTML table saved as a spreadsheet",
    "xml2003": "SpreadsheetML 2003 (Excel XML) spreadsheet",
}
#: The formats python-calamine reads, and the file suffix it knows each by.
CALAMINE_FORMATS = {"xlsx": ".xlsx", "xlsm": ".xlsm", "xlsb": ".xlsb", "xls": ".xls", "xls5": ".xls", "ods": ".ods"}


class BookError(Exception):
    """A workbook, or one of its sheets, could not be read.

    Attributes
    ----------
    format : str or None
        The format the book was opened as.
    detail : str
        What the spreadsheet library said, one line.
    """

    def __init__(self, message: str, *, fmt: str | None = None, detail: str = ""):
        super().__init__(message)
        self.format = fmt
        self.detail = detail


class _quiet_panics:  # noqa: N801 - used as a function: ``with _quiet_panics():``
    """Standard error silenced while python-calamine runs.

    A Rust panic prints its message (and, with ``RUST_BACKTRACE`` set, a
    backtrace) straight to file descriptor 2 before it becomes an exception;
    the exception, turned into a :class:`BookError`, already says it all.
    (A class rather than a generator: it is entered for every sheet read.)
    """

    __slots__ = ("saved",)

    def __enter__(self) -> None:
        global _DEVNULL
        self.saved = None
        try:
            saved = os.dup(2)
            if _DEVNULL is None:
                _DEVNULL = os.open(os.devnull, os.O_WRONLY)
        except OSError:  # no standard error to silence
            return
        self.saved = saved
        try:
            os.dup2(_DEVNULL, 2)
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *exc) -> bool:
        if self.saved is not None:
            try:
                os.dup2(self.saved, 2)
            finally:
                os.close(self.saved)
                self.saved = None
        return False


_DEVNULL: int | None = None


def _passes(exc: BaseException) -> bool:
    """The exceptions a book lets through unchanged."""
    return isinstance(exc, (KeyboardInterrupt, SystemExit))


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}"[:200] if text else name


def book_error(what: str, exc: BaseException, fmt: str | None) -> BookError:
    """One :class:`BookError` for ``exc``, saying what failed on which format."""
    detail = _detail(exc)
    kind = FORMATS.get(fmt or "", "workbook")
    return BookError(f"{what} this {kind}: {detail}", fmt=fmt, detail=detail)


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook: its name, whether it is shown, whether it holds cells."""

    name: str
    visible: bool = True
    worksheet: bool = True


class Book:
    """A workbook opened with python-calamine (read-only).

    Parameters
    ----------
    source : path or bytes
        The file, or its bytes (those the file guard checked).
    fmt : str, optional
        The format the guard found; ``None`` lets python-calamine decide by
        the file's suffix.
    """

    def __init__(self, source: str | Path | bytes, fmt: str | None = None):
        self.format = fmt
        try:
            with _quiet_panics():
                self._wb = _calamine_open(source, fmt)
                self.sheets = _calamine_sheets(self._wb)
        except BaseException as exc:  # noqa: BLE001 - a panic is a BaseException
            if _passes(exc):
                raise
            raise _open_error(source, fmt, exc) from None

    def cells(self, name: str) -> tuple[list[list[object]], list | None]:
        """The cells of sheet ``name`` from A1, and its merged ranges if the format gives them."""
        try:
            with _quiet_panics():
                sheet = self._wb.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False)
        except BaseException as exc:  # noqa: BLE001
            if _passes(exc):
                raise
            raise book_error(f"python-calamine cannot read sheet {name!r} of", exc, self.format) from None
        try:
            merges = sheet.merged_cell_ranges
        except BaseException as exc:  # noqa: BLE001 - a format without merge support
            if _passes(exc):
                raise
            merges = None
        return rows, merges

    def close(self) -> None:
        try:
            self._wb.close()
        except BaseException as exc:  # noqa: BLE001 - closing never fails a read
            if _passes(exc):
                raise


def _calamine_open(source: str | Path | bytes, fmt: str | None):
    from python_calamine import CalamineWorkbook

    if isinstance(source, (bytes, bytearray, memoryview)):
        return CalamineWorkbook.from_filelike(io.BytesIO(source))
    path = Path(source)
    if fmt is None or path.suffix.lower() == CALAMINE_FORMATS.get(fmt):
        return CalamineWorkbook.from_path(os.fsdecode(path))
    with open(path, "rb") as f:  # the name says otherwise: the content decides
        return CalamineWorkbook.from_filelike(io.BytesIO(f.read()))


def _calamine_sheets(wb) -> list[SheetInfo]:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    return [
        SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible, m.typ == SheetTypeEnum.WorkSheet)
        for m in wb.sheets_metadata
    ]


def _open_error(source, fmt: str | None, exc: BaseException) -> BookError:
    """The error of a failed open, with python-calamine's own reason when it can be had.

    From bytes, python-calamine tries every format and says only "Cannot
    detect file format"; opened again from a private copy named with the
    format's suffix, it says what is wrong with the file.
    """
    suffix = CALAMINE_FORMATS.get(fmt or "")
    if suffix is not None and "Cannot detect file format" in str(exc):
        exc = _reason_by_suffix(source, suffix) or exc
    return book_error("python-calamine cannot open", exc, fmt)


def _reason_by_suffix(source, suffix: str) -> BaseException | None:
    from python_calamine import CalamineWorkbook

    try:
        data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else Path(source).read_bytes()
        with tempfile.TemporaryDirectory(prefix="book-") as tmp, _quiet_panics():
            copy = Path(tmp) / f"copy{suffix}"
            copy.write_bytes(data)
            CalamineWorkbook.from_path(str(copy)).close()
    except BaseException as exc:  # noqa: BLE001
        if _passes(exc):
            raise
        return exc
    return None


def open_book(source: str | Path | bytes, fmt: str | None = None):
    """Open a workbook from its path or its bytes; ``fmt`` is the format the guard found.

    Returns a :class:`Book` (python-calamine) or, for ``"html"`` and
    ``"xml2003"``, a book of :mod:`.markup`.  Raises :class:`BookError`.
    """
    if fmt in ("html", "xml2003"):
        from .markup import open_markup

        return open_markup(source, fmt)
    return Book(source, fmt)
