"""Opening a checked workbook: one small interface over every format read.

The reader never talks to a spreadsheet library directly: it opens a
:class:`Book` with :func:`open_book` and asks it for its sheets and their
cells.  The format is the one the file guard recognised from the file's
content (``FileCheck.format``), never the file's extension.

A :class:`Book` gives

- ``format``: what the file really is (``"xlsx"``, ``"xls"``, ``"ods"`` …);
- ``sheets``: a list of :class:`SheetInfo` (name, visible, worksheet);
- ``cells(name)``: the sheet's cells from A1 as a list of rows, and its
  merged ranges ``((row0, col0), (row1, col1))`` (0-based, inclusive) or
  ``None`` when the format gives none;
- ``close()``.

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
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Book", "SheetInfo", "open_book"]


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook: its name, whether it is shown, whether it holds cells."""

    name: str
    visible: bool = True
    worksheet: bool = True


class Book:
    """A workbook opened with python-calamine (read-only)."""

    def __init__(self, source: str | Path | bytes, fmt: str | None = None):
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

        if isinstance(source, bytes):
            self._wb = CalamineWorkbook.from_filelike(io.BytesIO(source))
        else:
            self._wb = CalamineWorkbook.from_path(str(source))
        self.format = fmt
        self.sheets = [
            SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible, m.typ == SheetTypeEnum.WorkSheet)
            for m in self._wb.sheets_metadata
        ]

    def cells(self, name: str) -> tuple[list[list[object]], list | None]:
        """The cells of sheet ``name`` from A1, and its merged ranges if the format gives them."""
        sheet = self._wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        try:
            merges = sheet.merged_cell_ranges
        except Exception:  # noqa: BLE001 - a format without merge support
            merges = None
        return rows, merges

    def close(self) -> None:
        try:
            self._wb.close()
        except Exception:  # noqa: BLE001 - closing never fails a read
            pass


def open_book(source: str | Path | bytes, fmt: str | None = None) -> Book:
    """Open a workbook from its path or its bytes; ``fmt`` is the format the guard found."""
    return Book(source, fmt)
