"""A worksheet handed on with its merged ranges before its cells reads as the file itself reads.

The file guard hands python-calamine the sheets it checked; a sheet whose
merged ranges follow its cells in the plain form goes with them moved
before the cells (``helpers.read.guard.ooxml.merges_first``).  These tests
read every sheet of the original file and of what the guard hands on with
python-calamine and compare cells, merged ranges and errors, in each zip
format the move applies to (xlsx, xlsm).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from _fixtures import write_zip, zip_members
from python_calamine import CalamineWorkbook

from helpers.read import read_reports
from helpers.read.guard import inspect_file
from helpers.read.guard.ooxml import merges_first
from helpers.sheetwriter import Layout, Report, write_workbook

RECORDS = [
    {"unit": "Hòa Phú", "unit_type": "commune", "organisation": "good",
     "members": {"excellent": 4, "good": 20, "completed": 3, "not_completed": 1, "not_rated": 2},
     "cells": {"excellent": 1, "good": 5, "completed": 1, "not_completed": 0}},
    {"unit": "Vĩnh Lộc", "unit_type": "town", "organisation": "excellent",
     "members": {"excellent": 6, "good": 31, "completed": 2, "not_completed": 0, "not_rated": 0},
     "cells": {"excellent": 2, "good": 7, "completed": 0, "not_completed": 0}},
]
_MACRO_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"




def _workbook(tmp_path: Path, fmt: str, change=None) -> Path:
    """A ratings workbook (merged header cells) as ``fmt``, its first report sheet's XML changed by ``change``."""
    base = tmp_path / "base.xlsx"
    write_workbook(base, [Report("ratings", RECORDS, "Chiêm Hóa", 2023, Layout(header_rows=3))], instructions=False)
    members = zip_members(base)
    if fmt == "xlsm":
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(_MAIN_TYPE, _MACRO_TYPE)
    if change is not None:
        members["xl/worksheets/sheet1.xml"] = change(members["xl/worksheets/sheet1.xml"])
    return write_zip(tmp_path / f"book.{fmt}", members)


def _calamine(source) -> list[tuple]:
    """Every sheet as python-calamine reads it: (cells, merged ranges), or the error it raises."""
    wb = CalamineWorkbook.from_filelike(io.BytesIO(source))
    out = []
    for name in wb.sheet_names:
        try:
            sheet = wb.get_sheet_by_name(name)
            out.append((sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges))
        except Exception as exc:  # noqa: BLE001 - the error itself is compared
            out.append((type(exc).__name__, str(exc)))
    return out


def _handed_on(path: Path) -> tuple[bytes, bytes]:
    """What the guard hands on for ``path``, and its first sheet's XML in it."""
    check = inspect_file(path, path.name, lang="en")
    assert not check.fatal and check.data is not None
    with zipfile.ZipFile(io.BytesIO(check.data)) as zf:
        return check.data, zf.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("fmt", ["xlsx", "xlsm"])
def test_merged_ranges_after_the_cells_are_handed_on_first_and_read_the_same(tmp_path, fmt):
    path = _workbook(tmp_path, fmt)
    data, sheet = _handed_on(path)
    assert sheet.index(b"<mergeCells") < sheet.index(b"<sheetData>")
    original = _calamine(path.read_bytes())
    assert _calamine(data) == original
    cells, merges = original[0]
    assert merges and cells[merges[0][0][0]][merges[0][0][1]]  # the header's merged ranges, their text kept
    ratings = read_reports(path, lang="en").ratings
    assert sorted(set(ratings["unit"])) == ["Hòa Phú", "Vĩnh Lộc"]


@pytest.mark.parametrize("fmt", ["xlsx", "xlsm"])
@pytest.mark.parametrize(
    "scenario, change",
    [
        ("a_prefixed_merge_element", lambda x: x.replace(b"<mergeCell ", b'<mergeCell xr:uid="{1}" ', 1)),
        ("an_element_between_cells_and_merges", lambda x: x.replace(b"</sheetData>", b"</sheetData><sheetProtection/>")),
        ("merged_ranges_already_before_the_cells", lambda x: x.replace(b"<sheetData>", b'<mergeCells count="1">'
                                                                      b'<mergeCell ref="A1:B1"/></mergeCells><sheetData>')),
        ("a_comment_among_the_cells", lambda x: x.replace(b"</row>", b"</row><!-- </sheetData> -->", 1)),
        ("an_instruction_among_the_cells", lambda x: x.replace(b"</row>", b"</row><?mark </sheetData>?>", 1)),
    ],
)
def test_a_sheet_not_in_the_plain_form_is_handed_on_unchanged(tmp_path, fmt, scenario, change):
    path = _workbook(tmp_path, fmt, change)
    written = zip_members(path)["xl/worksheets/sheet1.xml"]
    assert merges_first(written) is None
    data, sheet = _handed_on(path)
    assert sheet == written
    assert _calamine(data) == _calamine(path.read_bytes())


@pytest.mark.parametrize("fmt", ["xlsx", "xlsm"])
@pytest.mark.parametrize(
    "scenario, change",
    [
        ("a_broken_tail_after_the_merges", lambda x: x.replace(b"</worksheet>", b"<pageMargins left=")),
        ("a_merged_range_with_row_zero", lambda x: x.replace(b'<mergeCell ref="', b'<mergeCell ref="A0:B0"/><mergeCell ref="', 1)),
        ("a_cell_closed_by_another_name", lambda x: x.replace(b"</c>", b"</x>", 1)),
        ("a_second_merge_block_at_the_end", lambda x: x.replace(b"</worksheet>", b'<mergeCells count="1">'
                                                               b'<mergeCell ref="A0"/></mergeCells></worksheet>')),
    ],
)
def test_a_damaged_sheet_reads_as_the_file_reads(tmp_path, fmt, scenario, change):
    path = _workbook(tmp_path, fmt, change)
    data, _sheet = _handed_on(path)
    assert _calamine(data) == _calamine(path.read_bytes())
