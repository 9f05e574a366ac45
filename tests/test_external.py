"""Other readers' test files (tests/data/external): each valid one read, each other one named.

The files come from the test suites of python-calamine, calamine,
ExcelDataReader, SheetJS and readxl (see tests/data/external/README.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.read import read_reports
from helpers.read.guard import inspect_file
from helpers.read.workbook import BookError, open_book
from helpers.sheetwriter import Report, write_workbook

EXTERNAL = Path(__file__).parent / "data" / "external"
CAL, PYCAL, EDR, SJS, RXL = ("tafia+calamine", "dimastbk+python-calamine", "ExcelDataReader+ExcelDataReader",
                             "SheetJS+test_files", "tidyverse+readxl")

# file -> (format the guard finds, refused?, codes of the problems naming the whole file once read)
EXPECTED = {
    f"{PYCAL}/base.xlsx": ("xlsx", False, ["no_report"]),
    f"{PYCAL}/base.xlsb": ("xlsb", False, ["no_report"]),
    f"{PYCAL}/base.xls": ("xls", False, ["no_report"]),
    f"{PYCAL}/base.ods": ("ods", False, ["no_report"]),
    f"{PYCAL}/password.ods": ("ods", True, ["encrypted"]),
    f"{PYCAL}/password.xlsb": (None, True, ["encrypted"]),
    f"{PYCAL}/empty_file.xlsx": (None, True, ["empty"]),
    f"{CAL}/issue_385.xls": ("xls", False, ["default_key", "empty_workbook"]),
    f"{CAL}/biff5_write.xls": ("xls5", False, ["no_report"]),
    f"{CAL}/capitalized_wbook_stream.xls": ("xls", False, ["empty_workbook"]),
    f"{CAL}/issue252.xlsx": (None, True, ["corrupt"]),
    f"{EDR}/Test_git_issue_467_empty_continue_leftoverbytes.xls": ("xls", False, ["unreadable"]),
    f"{EDR}/Test_git_issue682.xlsb": ("xlsb", False, ["unreadable"]),
    f"{EDR}/Test_git_issue_382_oom.xls": ("xls", True, ["corrupt"]),
    f"{EDR}/TestExcel_2040.xlsx": ("xlsx", False, ["default_key", "no_report"]),
    f"{EDR}/Test_git_issue_242_xor_pwd_password.xls": ("xls5", True, ["encrypted"]),
    f"{EDR}/Test_git_issue_242_std_rc4_pwd_password.xls": ("xls", True, ["encrypted"]),
    f"{EDR}/as3xls_BIFF2.xls": (None, True, ["old_excel"]),
    f"{EDR}/as3xls_BIFF4.xls": (None, True, ["old_excel"]),
    f"{EDR}/Test_git_issue_224_simple_95.xls": ("xls5", False, ["empty_workbook"]),
    f"{SJS}/password_2002_40_xor.xls": ("xls5", True, ["encrypted"]),
    f"{SJS}/merge_cells.xls": ("xls5", False, ["no_report"]),
    f"{SJS}/column_width.htm": ("html", False, ["no_report"]),
    f"{SJS}/merge_cells.xls.xml": ("xml2003", False, ["no_report"]),
    f"{SJS}/LO7322.fods": (None, True, ["other_format"]),
    f"{RXL}/biff5-label-records.xls": ("xls5", False, ["no_report"]),
}


def test_every_committed_file_has_an_expectation():
    files = {p.relative_to(EXTERNAL).as_posix() for p in EXTERNAL.glob("*/*") if not p.name.startswith(("LICENSE", "README"))}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_is_read_or_named_for_what_it_is(name):
    fmt, refused, codes = EXPECTED[name]
    check = inspect_file(EXTERNAL / name, name, lang="en")
    assert (check.format, check.fatal) == (fmt, refused)
    reports = read_reports(EXTERNAL / name, lang="en")
    assert [p.code for p in reports.problems if p.sheet is None] == codes


def test_a_panic_in_the_spreadsheet_library_is_one_error_and_the_next_file_still_loads(tmp_path):
    for name in ("Test_git_issue682.xlsb", "Test_git_issue_467_empty_continue_leftoverbytes.xls"):
        (tmp_path / name).write_bytes((EXTERNAL / EDR / name).read_bytes())
    records = [{"unit": "Hòa Phú", "unit_type": "commune", "cadres": 5, "tasks": 20, "tasks_completed": 18}]
    write_workbook(tmp_path / "z-good.xlsx", [Report("breakthrough_tasks", records, "Chiêm Hóa", 2023)])
    reports = read_reports(tmp_path, lang="en")
    assert [(p.file, p.code) for p in reports.problems if p.is_error] == [
        ("Test_git_issue682.xlsb", "unreadable"),
        ("Test_git_issue_467_empty_continue_leftoverbytes.xls", "unreadable"),
    ]
    assert "PanicException: no entry found for key" in reports.problems[0].message
    assert reports.breakthrough_tasks[["unit", "tasks"]].values.tolist() == [["Hòa Phú", 20]]


@pytest.mark.parametrize(("name", "fmt"), [("Test_git_issue682.xlsb", "xlsb"),
                                           ("Test_git_issue_467_empty_continue_leftoverbytes.xls", "xls")])
def test_a_book_raises_an_ordinary_exception_for_a_panic(name, fmt):
    data = (EXTERNAL / EDR / name).read_bytes()
    with pytest.raises(BookError, match=r"^python-calamine cannot open this .*: PanicException: ") as info:
        open_book(data, fmt)
    assert isinstance(info.value, Exception) and info.value.format == fmt


def test_the_four_formats_of_one_workbook_give_the_same_cells():
    cells = {}
    for ext in ("xlsx", "xlsb", "xls", "ods"):
        book = open_book((EXTERNAL / PYCAL / f"base.{ext}").read_bytes(), ext)
        # text, numbers, booleans, dates and times (durations are typed differently by each format)
        cells[ext] = [row[:8] for row in book.cells(book.sheets[0].name)[0]]
        book.close()
    assert cells["xlsb"] == cells["xlsx"] == cells["xls"] == cells["ods"]
    assert cells["xlsx"][1] == ["String", 1.0, 1.1, True, False, dt.date(2010, 10, 10),
                                dt.datetime(2010, 10, 10, 10, 10, 10), dt.time(10, 10, 10)]


@pytest.mark.parametrize("name", [f"{EDR}/TestExcel_2040.xlsx", f"{CAL}/issue_385.xls"])
def test_a_file_encrypted_with_excels_default_key_is_decrypted_and_read_with_a_warning(name):
    check = inspect_file(EXTERNAL / name, "x", lang="en")
    what = "Excel workbook (.xlsx, .xlsm or .xlsb)" if name.endswith("xlsx") else "Excel 97–2003 workbook (.xls)"
    assert [(p.severity, p.message) for p in check.problems] == [(
        "warning", f"The {what} is encrypted with Excel's built-in default key (Excel opens it without asking for a "
        "password); it was decrypted to be read. Save it again without protection to drop this warning")]
    book = open_book(check.data, check.format)
    assert book.sheets  # the decrypted file opens
    book.close()


@pytest.mark.parametrize(("name", "what"), [
    (f"{SJS}/password_2002_40_xor.xls", "Excel 5.0/95 workbook (.xls)"),
    (f"{EDR}/Test_git_issue_242_std_rc4_pwd_password.xls", "Excel 97–2003 workbook (.xls)"),
    (f"{PYCAL}/password.ods", "OpenDocument spreadsheet (.ods)"),
])
def test_a_password_protected_file_is_named_encrypted_with_what_it_is(name, what):
    check = inspect_file(EXTERNAL / name, "x", lang="en")
    assert [(p.severity, p.message) for p in check.problems] == [(
        "error", f"The {what} is encrypted (password-protected) and cannot be read; open it with its password, "
        "save a copy without one and read that copy")]


def test_excel_5_is_not_called_corrupt_and_its_cells_are_read():
    check = inspect_file(EXTERNAL / RXL / "biff5-label-records.xls", "x.xls", lang="en")
    assert (check.format, check.fatal, check.problems) == ("xls5", False, [])
    book = open_book(check.data, check.format)
    rows, _merges = book.cells(book.sheets[0].name)
    assert any(isinstance(v, str) and v for row in rows for v in row)


def test_an_old_excel_worksheet_is_named_with_its_version():
    check = inspect_file(EXTERNAL / EDR / "as3xls_BIFF4.xls", "x.xls", lang="en")
    assert [p.message for p in check.problems] == [
        "The file is an Excel 4.0 worksheet (older than Excel 5.0), too old a format to read; "
        "open it in Excel or LibreOffice Calc and save it as .xlsx"]


def test_merged_cells_of_spreadsheetml_are_given_as_its_cells_name_them():
    # each merged range holds its own reference as text ("A1:B2")
    book = open_book((EXTERNAL / SJS / "merge_cells.xls.xml").read_bytes(), "xml2003")
    rows, merges = book.cells(book.sheets[0].name)
    assert merges == [((0, 0), (1, 1)), ((0, 2), (1, 2)), ((0, 3), (1, 3)), ((2, 0), (2, 1)), ((3, 0), (3, 1))]
    assert [rows[r][c] for (r, c), _end in merges[:3]] == ["A1:B2", "C1:C2", "Separate blocks"]
