"""Formats offices really receive: LibreOffice copies, web-system HTML, SpreadsheetML 2003, renamed files.

Every copy of a bundled workbook must give exactly the original's tidy
tables (``source``, which names the file, left out).
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from helpers.read import find_workbooks, read_reports
from helpers.read.guard import inspect_file
from helpers.read.workbook import open_book

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
LIBREOFFICE = Path(__file__).parent / "data" / "libreoffice"
EXTERNAL = Path(__file__).parent / "data" / "external"


def _tables(paths, *, year: int | None = None) -> dict[str, pd.DataFrame]:
    reports = read_reports(paths, lang="en")
    assert not reports.has_errors, [str(p) for p in reports.errors]
    out = {}
    for name, frame in reports.tables.items():
        frame = frame.drop(columns=["source"])
        if year is not None:
            frame = frame[frame["year"] == year]
        out[name] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out


def _assert_same_tables(got: dict, want: dict) -> None:
    assert sum(len(f) for f in want.values()) > 0
    for name in want:
        pdt.assert_frame_equal(got[name], want[name], obj=name)


# --- LibreOffice Calc 7.4 copies (bench/libreoffice_roundtrip.py) ----------------------


@pytest.mark.parametrize(("copy", "original"), [
    ("ham-yen-placements.ods", "ham-yen/placements.xlsx"),
    ("chiem-hoa-ratings.ods", "chiem-hoa/ratings.xlsx"),
    ("ham-yen-placements.xls", "ham-yen/placements.xlsx"),
    ("ham-yen-placements.xlsx", "ham-yen/placements.xlsx"),
])
def test_a_libreoffice_copy_gives_exactly_the_original_tables(copy, original):
    _assert_same_tables(_tables(LIBREOFFICE / copy), _tables(RAW / original))


@pytest.mark.parametrize(("copy", "original", "year"), [
    ("ham-yen-placements-2023-via-csv.xlsx", "ham-yen/placements.xlsx", 2023),
    ("chiem-hoa-admissions-2023-via-csv.xlsx", "chiem-hoa/admissions.xlsx", 2023),
])
def test_a_sheet_that_went_through_csv_gives_exactly_its_original_rows(copy, original, year):
    # the CSV turned the numbering row "(1) (2) …" into -1, -2 … and dropped the merged cells
    book = open_book(LIBREOFFICE / copy, "xlsx")
    rows, merges = book.cells(book.sheets[0].name)
    assert merges == [] and [-1.0, -2.0, -3.0] in [row[:3] for row in rows]
    _assert_same_tables(_tables(LIBREOFFICE / copy), _tables(RAW / original, year=year))


def test_an_ods_sheet_has_no_merges_so_the_header_is_rebuilt():
    book = open_book(LIBREOFFICE / "ham-yen-placements.ods", "ods")
    assert book.cells(book.sheets[0].name)[1] is None


# --- the content decides the format ---------------------------------------------------------


def test_an_xls_renamed_xlsx_reads_as_what_it_is(tmp_path):
    renamed = tmp_path / "placements.xlsx"
    shutil.copy(LIBREOFFICE / "ham-yen-placements.xls", renamed)
    check = inspect_file(renamed, renamed.name, lang="en")
    assert (check.format, [p.code for p in check.problems]) == ("xls", ["renamed"])
    reports = read_reports(renamed, lang="en")
    assert [p.message for p in reports.problems] == [
        "The file is really Excel 97–2003 workbook (.xls) although its name ends in .xlsx; it was read as what it is"]
    _assert_same_tables(_tables(renamed), _tables(RAW / "ham-yen/placements.xlsx"))


def test_the_renamed_warning_is_in_vietnamese_too(tmp_path):
    renamed = tmp_path / "placements.xlsx"
    shutil.copy(LIBREOFFICE / "ham-yen-placements.xls", renamed)
    assert [p.message for p in inspect_file(renamed, "x", lang="vi").problems] == [
        "Tệp thực ra là bảng tính Excel 97–2003 (.xls) dù tên có đuôi .xlsx; đã đọc theo đúng định dạng của nó"]


# --- HTML tables and SpreadsheetML 2003, as web systems and old Excel write them -------------------


def _sheet(path: Path, name: str):
    book = open_book(path, "xlsx")
    rows, merges = book.cells(name)
    book.close()
    return rows, merges or []


def _spans(merges):
    starts = {(r0, c0): (r1 - r0, c1 - c0) for (r0, c0), (r1, c1) in merges}
    covered = {(r, c) for (r0, c0), (r1, c1) in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    return starts, covered - set(starts)


def _html(rows, merges, *, titles_outside: int = 0) -> bytes:
    """A web system's export: the title lines as paragraphs, the rest one table with rowspan/colspan."""
    starts, covered = _spans(merges)
    out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>']
    for row in rows[:titles_outside]:  # each title cell its own line
        out += [f"<p><b>{html.escape(str(v))}</b></p>" for v in row if v not in ("", None)]
    out.append('<table border="1">')
    for r, row in enumerate(rows[titles_outside:], start=titles_outside):
        out.append("<tr>")
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            down, across = starts.get((r, c), (0, 0))
            attrs = (f' rowspan="{down + 1}"' if down else "") + (f' colspan="{across + 1}"' if across else "")
            text = "" if value is None else (str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
            out.append(f"<td{attrs}>{html.escape(text)}</td>")
        out.append("</tr>")
    out.append("</table><p>Người lập biểu</p></body></html>")
    return "\n".join(out).encode("utf-8")


def _spreadsheetml(sheets) -> bytes:
    """Excel's "XML Spreadsheet 2003": cells with ss:Index after gaps, ss:MergeAcross / ss:MergeDown."""
    out = ['<?xml version="1.0"?>', '<?mso-application progid="Excel.Sheet"?>',
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">']
    for name, rows, merges in sheets:
        starts, covered = _spans(merges)
        out.append(f'<Worksheet ss:Name="{html.escape(name)}"><Table>')
        for r, row in enumerate(rows):
            cells, last = [], -1
            for c, value in enumerate(row):
                if (r, c) in covered or value in ("", None) and (r, c) not in starts:
                    continue
                down, across = starts.get((r, c), (0, 0))
                attrs = (f' ss:Index="{c + 1}"' if c != last + 1 else "") + (
                    f' ss:MergeAcross="{across}"' if across else "") + (f' ss:MergeDown="{down}"' if down else "")
                kind = "Number" if isinstance(value, float) else "String"
                data = f'<Data ss:Type="{kind}">{html.escape(str(value))}</Data>' if value not in ("", None) else ""
                cells.append(f"<Cell{attrs}>{data}</Cell>")
                last = c + across
            out.append(f'<Row ss:Index="{r + 1}">{"".join(cells)}</Row>')
        out.append("</Table></Worksheet>")
    out.append("</Workbook>")
    return "\n".join(out).encode("utf-8")


@pytest.mark.parametrize("kind", ["admissions", "placements", "ratings"])
@pytest.mark.parametrize("titles_outside", [0, 3])
def test_an_html_export_saved_as_xls_gives_the_original_rows(tmp_path, kind, titles_outside):
    original = RAW / "ham-yen" / f"{kind}.xlsx"
    rows, merges = _sheet(original, "2023")
    path = tmp_path / f"{kind}.xls"
    path.write_bytes(_html(rows, merges, titles_outside=titles_outside))
    check = inspect_file(path, path.name, lang="en")
    assert (check.format, [p.code for p in check.problems]) == ("html", ["renamed"])
    got = read_reports(path, lang="en")
    assert [p.code for p in got.problems] == ["renamed"]
    _assert_same_tables(_tables(path), _tables(original, year=2023))


def test_html_rowspan_and_colspan_become_merged_ranges(tmp_path):
    rows, merges = _sheet(RAW / "ham-yen" / "placements.xlsx", "2023")
    book = open_book(_html(rows, merges), "html")
    got_rows, got_merges = book.cells(book.sheets[0].name)
    assert sorted(got_merges) == sorted(m for m in merges)
    assert got_rows[6][:3] == rows[6][:3]


def test_html_in_windows_1258_without_a_declared_charset_is_decoded(tmp_path):
    page = "<table><tr><td>TT</td><td>Đơn vị</td></tr><tr><td>1</td><td>Hòa Phú</td></tr></table>"
    data = "".join(_cp1258(ch) for ch in page).encode("cp1258")
    book = open_book(data, "html")
    assert book.cells(book.sheets[0].name)[0] == [["TT", "Đơn vị"], [1.0, "Hòa Phú"]]


def _cp1258(ch: str) -> str:
    from helpers.legacy import _cp1258 as split

    return split(ch)


@pytest.mark.parametrize("kind", ["admissions", "placements", "breakthrough_tasks"])
def test_a_spreadsheetml_2003_workbook_gives_the_original_tables(tmp_path, kind):
    original = RAW / "chiem-hoa" / f"{kind}.xlsx"
    book = open_book(original, "xlsx")
    sheets = [(s.name, *book.cells(s.name)) for s in book.sheets]
    book.close()
    path = tmp_path / f"{kind}.xml"
    path.write_bytes(_spreadsheetml([(n, r, m or []) for n, r, m in sheets]))
    check = inspect_file(path, path.name, lang="en")
    assert (check.format, check.problems) == ("xml2003", [])
    _assert_same_tables(_tables(path), _tables(original))


def test_spreadsheetml_with_a_dtd_is_refused(tmp_path):
    path = tmp_path / "lol.xml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                     b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')
    check = inspect_file(path, "lol.xml", lang="en")
    assert check.fatal and [p.code for p in check.problems] == ["entity"]


def test_a_web_page_with_a_huge_colspan_is_refused_before_it_is_laid_out(tmp_path):
    path = tmp_path / "wide.xls"
    path.write_bytes(b"<table>" + b'<tr><td colspan="1000">x</td></tr>' * 2100 + b"</table>")
    check = inspect_file(path, path.name, lang="en")
    assert check.fatal and [p.code for p in check.problems] == ["too_many_cells"]


# --- .xlsb -----------------------------------------------------------------------------------


def test_xlsb_files_are_found_in_folders(tmp_path):
    for name in ("a.xlsb", "b.XLSB", "~$c.xlsb"):
        (tmp_path / name).write_bytes(b"")
    assert [d for _p, d, _e in find_workbooks(tmp_path)] == ["a.xlsb", "b.XLSB"]


def test_an_xlsb_without_macros_gets_no_macro_warning():
    # the content type of every xlsb says "macroEnabled"
    path = EXTERNAL / "dimastbk+python-calamine" / "base.xlsb"
    assert b"macroEnabled" in zipfile.ZipFile(path).read("[Content_Types].xml")
    check = inspect_file(path, "base.xlsb", lang="en")
    assert (check.format, check.fatal, check.problems) == ("xlsb", False, [])


def _xlsb_with_far_cell(tmp_path: Path) -> Path:
    """base.xlsb with one more value, a number at IV65536 (a 9 KB file spanning 65,536 × 256 cells)."""
    from helpers.read.guard.xlsb import _record, records
    import struct

    src = zipfile.ZipFile(EXTERNAL / "dimastbk+python-calamine" / "base.xlsb")
    path = tmp_path / "far.xlsb"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.bin":
                end = next(at for at, kind, _b, _s in records(data) if kind == 0x0092)  # BrtEndSheetData
                far = (_record(0x0000, struct.pack("<I", 65535) + bytes(9))
                       + _record(0x0005, struct.pack("<II", 255, 0) + struct.pack("<d", 42.0)))
                data = data[:end] + far + data[end:]
            out.writestr(info.filename, data)
    return path


def test_an_xlsb_with_a_far_cell_is_read_without_it_and_the_cell_is_named(tmp_path):
    path = _xlsb_with_far_cell(tmp_path)
    assert path.stat().st_size < 12_000
    check = inspect_file(path, path.name, lang="en")
    assert not check.fatal
    assert [(p.sheet, p.cell, p.params["cells"]) for p in check.problems] == [("Sheet1", "IV65536", "IV65536 = 42")]
    book = open_book(check.data, "xlsb")
    rows, _ = book.cells("Sheet1")
    assert len(rows) < 100 and max(len(r) for r in rows) < 20


_CAPPED = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
    from helpers.read import read_reports
    rep = read_reports(sys.argv[1], lang="en")
    print(sorted(p.code for p in rep.problems))
""")


def test_the_xlsb_with_a_far_cell_reads_in_bounded_memory(tmp_path):
    path = _xlsb_with_far_cell(tmp_path)
    done = subprocess.run([sys.executable, "-c", _CAPPED, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "['no_report', 'stray_cells']"


# --- a stray value far from the table ----------------------------------------------------------


def _with_stray(tmp_path: Path, original: Path) -> Path:
    """The bundled workbook with a note typed at XFD1048576 of its 2023 sheet."""
    members = {}
    with zipfile.ZipFile(original) as zf:
        for info in zf.infolist():
            members[info.filename] = zf.read(info)
    sheet = _member_of(members, "2023")
    members[sheet] = members[sheet].replace(
        b"</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>ghi nhớ</t></is></c></row></sheetData>'.encode())
    path = tmp_path / original.name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _member_of(members: dict[str, bytes], sheet: str) -> str:
    import re

    wb = members["xl/workbook.xml"].decode()
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', wb).group(1)
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")


def test_a_stray_value_far_from_the_table_leaves_the_report_read_and_is_named(tmp_path):
    original = RAW / "chiem-hoa" / "admissions.xlsx"
    path = _with_stray(tmp_path, original)
    reports = read_reports(path, lang="en")
    assert [(p.sheet, p.cell, p.severity, p.code) for p in reports.problems] == [
        ("2023", "XFD1048576", "warning", "stray_cells")]
    assert reports.problems[0].params["cells"] == 'XFD1048576 = "ghi nhớ"'
    _assert_same_tables(_tables(path), _tables(original))


def test_the_stray_value_warning_in_vietnamese(tmp_path):
    path = _with_stray(tmp_path, RAW / "chiem-hoa" / "admissions.xlsx")
    (message,) = [p.message for p in inspect_file(path, "x", lang="vi").problems]
    assert message.startswith('Bỏ qua 1 ô nằm xa bảng số liệu (bảng tới ')
    assert message.endswith('): XFD1048576 = "ghi nhớ". Các ô này không được đọc; nếu chúng thuộc báo cáo, '
                            "hãy chuyển vào cạnh bảng, nếu không hãy xóa đi")


def test_the_stray_value_sheet_reads_in_bounded_memory(tmp_path):
    path = _with_stray(tmp_path, RAW / "chiem-hoa" / "admissions.xlsx")
    done = subprocess.run([sys.executable, "-c", _CAPPED, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "['stray_cells']"


# --- file names that are not valid UTF-8 -----------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_and_exported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"B\xe1o c\xe1o k\xea\xcc t na\xf2p.xlsx")  # Windows-1258 bytes
    shutil.copy(RAW / "chiem-hoa" / "admissions.xlsx", raw)
    ((path, display, exists),) = find_workbooks(folder)
    assert display == "B\\xe1o c\\xe1o k\\xea\\xcc t na\\xf2p.xlsx" and exists and os.fsencode(path) == raw
    reports = read_reports(folder, lang="en")
    assert set(reports.admissions["source"].str.split("!").str[0]) == {display}
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "helpers", "export", str(folder), "--out", str(out), "--lang", "en"],
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-800:]
    exported = pd.read_csv(out / "admissions.csv")
    assert len(exported) == len(reports.admissions)
    assert exported["source"].str.startswith("B\\xe1o").all()


# --- the header without merge information (layout.py) ------------------------------------------


_PLACEMENTS_HEADER = [
    ["TT", "Xã, thị trấn", "Cán bộ chủ chốt", "", "", "", "", "Ghi chú"],
    ["", "", "Bí thư đảng ủy", "", "Chủ tịch UBND", "Phó Chủ tịch UBND", "", ""],
    ["", "", "Không phải người địa phương", "Đồng thời là Chủ tịch UBND", "Không phải người địa phương",
     "Số lượng", "Không phải người địa phương", ""],
]


def test_a_second_row_group_heading_stands_over_its_sub_columns_without_merges():
    from helpers.read.layout import find_table

    table = find_table(_PLACEMENTS_HEADER + [[1, "Xã Hòa Phú", "x", "x", "", 2, 1, ""]], None)
    assert table.paths[3] == ("Cán bộ chủ chốt", "Bí thư đảng ủy", "Đồng thời là Chủ tịch UBND")
    assert table.paths[6] == ("Cán bộ chủ chốt", "Phó Chủ tịch UBND", "Không phải người địa phương")
    assert table.paths[7] == ("Ghi chú",)


def test_a_heading_does_not_reach_past_the_next_heading_of_a_row_above():
    from helpers.read.layout import find_table

    rows = [["TT", "Đơn vị", "A", "", "B", ""], ["", "", "a1", "", "b1", "b2"], ["", "", "x", "y", "z", "w"],
            [1, "Xã Hòa Phú", 1, 2, 3, 4]]
    table = find_table(rows, None)
    assert [table.paths[c] for c in range(2, 6)] == [("A", "a1", "x"), ("A", "a1", "y"), ("B", "b1", "z"),
                                                     ("B", "b2", "w")]


def test_a_numbering_row_read_back_as_negative_numbers_is_a_numbering_row():
    from helpers.read.layout import find_table, is_numbering_row

    assert is_numbering_row([-1.0, -2.0, -3.0, -4.0])
    assert not is_numbering_row([-1.0, "Xã Hòa Phú", -3.0])  # a data row with negative figures is data
    rows = [["TT", "Đơn vị", "Chỉ tiêu"], [-1.0, -2.0, -3.0], [1, "Xã Hòa Phú", 9]]
    assert find_table(rows, None).data_start == 2
