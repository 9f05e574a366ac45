"""An office's own workbook: one district, admissions only, figures that are not the bundled ones.

:func:`office_workbook` writes it in any of the formats the reader reads.
"""

from __future__ import annotations

from pathlib import Path

from _fixtures import ADMISSIONS_MERGES, admissions_cells, write

#: The district of the office's workbook, as its header block writes it.
DISTRICT = "Na Hang"
FORMATS = ("xlsx", "xls", "ods")


def office_cells(year: int = 2023) -> dict[str, object]:
    """The admissions sheet of the reader tests, as Na Hang's committee would send it."""
    cells = admissions_cells()
    cells["A2"] = "HUYỆN ỦY NA HANG"
    cells["E2"] = f"Na Hang, ngày 10 tháng 01 năm {year + 1}"
    cells["A4"] = f"KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM {year}"
    return cells


def _grid(cells: dict[str, object]) -> list[list[object]]:
    nrows = max(int(k[1:]) for k in cells)
    ncols = max(ord(k[0]) - 64 for k in cells)
    grid = [[None] * ncols for _ in range(nrows)]
    for k, v in cells.items():
        grid[int(k[1:]) - 1][ord(k[0]) - 65] = v
    return grid


def office_workbook(folder: Path, fmt: str = "xlsx", name: str = "bao-cao-ket-nap") -> Path:
    """Write the office's workbook (sheet "2023") as ``folder/<name>.<fmt>``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.{fmt}"
    cells = office_cells()
    if fmt == "xlsx":
        return write(path, {"2023": (cells, ADMISSIONS_MERGES)})
    if fmt == "xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("2023")
        for ref, value in cells.items():
            sheet.write(int(ref[1:]) - 1, ord(ref[0]) - 65, value)
        book.save(str(path))
        return path
    if fmt == "ods":
        import pandas as pd

        with pd.ExcelWriter(path, engine="odf") as writer:
            pd.DataFrame(_grid(cells)).to_excel(writer, sheet_name="2023", header=False, index=False)
        return path
    raise ValueError(fmt)
