"""Files and folders: formats, bad files, file names in sources, read-only."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers.__main__ import main
from helpers.read import read_reports, read_breakthrough_tasks

from _fixtures import ADMISSIONS_MERGES, admissions_cells, sha256, tasks_cells, write


def _grid(cells: dict) -> list[list]:
    nrows = max(int(k[1:]) for k in cells)
    ncols = max(ord(k[0]) - 64 for k in cells)
    grid = [[None] * ncols for _ in range(nrows)]
    for k, v in cells.items():
        grid[int(k[1:]) - 1][ord(k[0]) - 65] = v
    return grid


class TestReadReportsFiles:
    def test_xls_with_merged_header(self, tmp_path):
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("2023")
        cells = admissions_cells()
        merged = {"A6", "B6", "C6", "D6", "I6"}
        for k, v in cells.items():
            r, c = int(k[1:]) - 1, ord(k[0]) - 65
            if k in merged:
                continue
            ws.write(r, c, v)
        ws.write_merge(5, 6, 0, 0, "TT")
        ws.write_merge(5, 6, 1, 1, "Tên tổ chức cơ sở đảng")
        ws.write_merge(5, 6, 2, 2, "Chỉ tiêu năm")
        ws.write_merge(5, 5, 3, 7, "Kết quả kết nạp")
        ws.write_merge(5, 6, 8, 8, "Ghi chú")
        book.save(str(tmp_path / "adm.xls"))
        r = read_reports(tmp_path / "adm.xls")
        assert r.problems == []
        assert r.admissions["female"].tolist() == [3, 2, 0]
        assert r.admissions["source"].tolist() == ["adm.xls!2023!B10", "adm.xls!2023!B11", "adm.xls!2023!B14"]

    def test_ods_one_row_header(self, tmp_path):
        path = tmp_path / "dp.ods"
        with pd.ExcelWriter(path, engine="odf") as xw:
            pd.DataFrame(_grid(tasks_cells())).to_excel(xw, sheet_name="2023", header=False, index=False)
        got = read_breakthrough_tasks(path)
        assert got[["unit", "cadres", "tasks", "tasks_completed", "source"]].astype(object).values.tolist() == [
            ["Hòa Phú", 5, 20, 18, "dp.ods!2023!B7"],
            ["Công an huyện", 3, 4, 4, "dp.ods!2023!B8"],
        ]

    def test_folder_recursive_sources_relative_and_lock_files_skipped(self, tmp_path):
        write(tmp_path / "chiem-hoa" / "2023" / "dp.xlsx", {"2023": tasks_cells()})
        (tmp_path / "chiem-hoa" / "~$dp.xlsx").write_bytes(b"lock")
        (tmp_path / "chiem-hoa" / ".hidden.xlsx").write_bytes(b"junk")
        (tmp_path / "chiem-hoa" / "notes.txt").write_text("x")
        r = read_reports(tmp_path)
        assert r.problems == []
        assert r.breakthrough_tasks["source"].tolist() == ["chiem-hoa/2023/dp.xlsx!2023!B7", "chiem-hoa/2023/dp.xlsx!2023!B8"]

    def test_bad_files_are_one_error_each_and_others_still_load(self, tmp_path):
        import msoffcrypto
        from openpyxl import Workbook

        good = write(tmp_path / "b_good.xlsx", {"2023": tasks_cells()})
        (tmp_path / "a_csv.xlsx").write_text("TT,Đơn vị\n1,Hòa Phú\n", encoding="utf-8")
        (tmp_path / "c_truncated.xlsx").write_bytes(good.read_bytes()[:400])
        Workbook().save(tmp_path / "d_empty.xlsx")
        with open(good, "rb") as src, open(tmp_path / "e_encrypted.xlsx", "wb") as out:
            msoffcrypto.OfficeFile(src).encrypt("mật khẩu", out)
        r = read_reports(tmp_path, lang="en")
        by_file = {}
        for p in r.errors:
            by_file.setdefault(p.file, []).append(p)
        assert sorted(by_file) == ["a_csv.xlsx", "c_truncated.xlsx", "d_empty.xlsx", "e_encrypted.xlsx"]
        assert all(len(v) == 1 and v[0].cell is None for v in by_file.values())
        assert by_file["d_empty.xlsx"][0].message.startswith("Empty workbook")
        assert r.sheets.loc[r.sheets["file"] != "b_good.xlsx", "status"].tolist() == ["failed", "failed", "skipped", "failed"]
        assert len(r.breakthrough_tasks) == 2

    def test_a_file_the_guard_lets_through_but_no_engine_opens_is_one_error(self, tmp_path, monkeypatch):
        import helpers.read.engine as engine
        from helpers.read.guard import FileCheck

        monkeypatch.setattr(engine, "inspect_file", lambda path, display, lang=None: FileCheck("xlsx"))
        (tmp_path / "a_csv.xlsx").write_text("TT,Đơn vị\n1,Hòa Phú\n", encoding="utf-8")
        write(tmp_path / "b_good.xlsx", {"2023": tasks_cells()})
        r = read_reports(tmp_path, lang="en")
        assert [(p.file, p.code) for p in r.problems] == [("a_csv.xlsx", "unreadable")]
        assert r.problems[0].message.startswith("Cannot read the file (python-calamine cannot open this Excel workbook (.xlsx): ZipError")
        assert len(r.breakthrough_tasks) == 2

    def test_a_panic_in_the_spreadsheet_library_is_one_error_for_that_file(self, tmp_path, monkeypatch):
        import helpers.read.engine as engine

        class Panic(BaseException):  # what pyo3 raises: not an Exception
            pass

        from helpers.read.guard import FileCheck

        real = engine.open_book

        def opened(source, fmt=None):  # the guard below hands on the path, not the bytes
            if "a_panics" in str(source):
                raise Panic("index out of bounds")
            return real(source, fmt)

        write(tmp_path / "a_panics.xlsx", {"2023": tasks_cells()})
        write(tmp_path / "b_good.xlsx", {"2023": tasks_cells()})
        monkeypatch.setattr(engine, "inspect_file", lambda path, display, lang=None: FileCheck("xlsx"))
        monkeypatch.setattr(engine, "open_book", opened)
        r = read_reports(tmp_path, lang="en")
        assert [(p.file, p.code) for p in r.problems] == [("a_panics.xlsx", "unreadable")]
        assert "Panic: index out of bounds" in r.problems[0].message
        assert r.breakthrough_tasks["source"].str.startswith("b_good.xlsx").all()

    def test_legacy_encoded_cells_converted_with_a_warning(self, tmp_path):
        from helpers.legacy import from_unicode

        cells = tasks_cells()
        cells["B7"] = from_unicode("Đảng bộ xã Hòa Phú", "TCVN3")
        cells["D6"] = from_unicode("Số việc đột phá", "VNI")
        r = read_reports(write(tmp_path / "dp.xlsx", {"2023": cells}), lang="en")
        assert [(p.cell, p.severity, p.code) for p in r.problems] == [("D6", "warning", "legacy_text"), ("B7", "warning", "legacy_text")]
        assert r.breakthrough_tasks["unit"].tolist() == ["Hòa Phú", "Công an huyện"]
        assert r.breakthrough_tasks["tasks"].tolist() == [20, 4]

    def test_missing_path_is_a_problem(self, tmp_path):
        r = read_reports(tmp_path / "nowhere.xlsx", lang="en")
        assert [(p.file, p.severity) for p in r.problems] == [(str(tmp_path / "nowhere.xlsx"), "error")]

    def test_sources_are_not_written(self, tmp_path):
        path = write(tmp_path / "adm.xlsx", {"2023": (admissions_cells(), ADMISSIONS_MERGES)})
        before = sha256(path)
        read_reports(path)
        read_reports(tmp_path)
        assert sha256(path) == before

    def test_several_paths_give_one_set_of_tables(self, tmp_path):
        a = write(tmp_path / "a" / "dp.xlsx", {"2023": tasks_cells()})
        b = write(tmp_path / "b" / "dp.xlsx", {"2024": {**tasks_cells(), "A4": "KẾT QUẢ GIAO VIỆC ĐỘT PHÁ NĂM 2024"}})
        got = read_reports([a, b]).breakthrough_tasks
        assert_frame_equal(
            got[["year", "source"]],
            pd.DataFrame({"year": [2023, 2023, 2024, 2024], "source": ["dp.xlsx!2023!B7", "dp.xlsx!2023!B8", "dp.xlsx!2024!B7", "dp.xlsx!2024!B8"]}).astype({"year": "Int64", "source": "str"}),
        )

    def test_legacy_encoded_total_label_is_still_a_total(self, tmp_path):
        from helpers.legacy import from_unicode

        cells = tasks_cells()
        cells["B9"] = from_unicode("Tổng cộng", "TCVN3")
        cells["C9"] = 9
        r = read_reports(write(tmp_path / "dp.xlsx", {"2023": cells}), lang="en")
        assert [(p.cell, p.code) for p in r.problems] == [("C9", "total_mismatch")]
        assert r.breakthrough_tasks["unit"].tolist() == ["Hòa Phú", "Công an huyện"]


class TestWhatOfficesSend:
    """Engine-side cases of files from the real world: the same report twice, sheets of zeros, the format read."""

    def test_a_second_download_is_read_once_with_a_warning_a_sheet(self, tmp_path):
        src = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells(), "2022": _year(tasks_cells(), 2022)})
        (tmp_path / "in" / "dp (1).xlsx").write_bytes(src.read_bytes())
        r = read_reports(tmp_path / "in", lang="en")
        assert [(p.file, p.sheet, p.cell, p.code) for p in r.problems] == [
            ("dp.xlsx", "2023", None, "repeated_sheet"), ("dp.xlsx", "2022", None, "repeated_sheet")]
        assert r.problems[0].message.startswith("This report repeats dp (1).xlsx!2023 unit for unit with the same figures")
        assert r.breakthrough_tasks["source"].tolist() == ["dp (1).xlsx!2023!B7", "dp (1).xlsx!2023!B8",
                                                           "dp (1).xlsx!2022!B7", "dp (1).xlsx!2022!B8"]

    def test_the_same_unit_with_other_figures_in_two_files_is_an_error_naming_both_cells(self, tmp_path):
        write(tmp_path / "in" / "a.xlsx", {"2023": tasks_cells()})
        other = tasks_cells()
        other["D8"], other["D9"] = 5, 25  # Công an huyện: 5 tasks, not 4
        write(tmp_path / "in" / "b.xlsx", {"2023": other})
        r = read_reports(tmp_path / "in", lang="en")
        assert [(p.file, p.cell, p.severity, p.code) for p in r.problems] == [
            ("b.xlsx", "B7", "warning", "repeated_same"), ("b.xlsx", "B8", "error", "repeated_different")]
        assert "also in a.xlsx!2023!B8" in r.problems[1].message
        assert r.breakthrough_tasks["source"].tolist() == ["a.xlsx!2023!B7"]  # neither Công an huyện is read
        assert main(["check", str(tmp_path / "in"), "--no-cache"]) == 1

    def test_reports_of_another_year_or_period_are_no_repeat(self, tmp_path):
        write(tmp_path / "in" / "a.xlsx", {"2023": tasks_cells()})
        half = tasks_cells()
        half["A4"] = "KẾT QUẢ GIAO VIỆC ĐỘT PHÁ, ĐỔI MỚI 6 THÁNG ĐẦU NĂM 2023"
        write(tmp_path / "in" / "b.xlsx", {"2023": half})
        r = read_reports(tmp_path / "in")
        assert r.problems == []
        assert r.breakthrough_tasks["period"].tolist() == ["year", "year", "H1", "H1"]

    @pytest.mark.parametrize("value", [0, False])
    def test_a_sheet_holding_only_zeros_or_false_is_not_empty(self, tmp_path, value):
        write(tmp_path / "z.xlsx", {"Sheet1": {"B2": value, "C3": value}})
        r = read_reports(tmp_path / "z.xlsx", lang="en")
        assert [p.code for p in r.problems] == ["no_report"]  # a sheet with cells, but no report in it
        assert r.sheets["reason"].tolist() == ["not a report sheet"]

    def test_the_inventory_says_what_each_file_really_is(self, tmp_path):
        write(tmp_path / "a.xlsx", {"2023": tasks_cells()})
        (tmp_path / "b.xls").write_bytes((tmp_path / "a.xlsx").read_bytes())  # an xlsx named .xls
        r = read_reports(tmp_path, lang="en")
        assert r.sheets[["file", "format"]].drop_duplicates().values.tolist() == [["a.xlsx", "xlsx"], ["b.xls", "xlsx"]]
        assert [p.code for p in r.problems if p.file == "b.xls"][0] == "renamed"


def _year(cells: dict, year: int) -> dict:
    return {k: (v.replace("2023", str(year)).replace("2024", str(year + 1)) if isinstance(v, str) else v)
            for k, v in cells.items()}


@pytest.fixture(scope="module", params=["TCVN3", "VNI"])
def district_typed_in_a_legacy_font(request, tmp_path_factory):
    """Chiêm Hóa's bundled workbooks (every kind, the form, the half-year files) as typed in Unicode, and the
    same workbooks retyped in a legacy font, every text cell (.VnTime or VNI-Times); the cells retyped."""
    import shutil

    from helpers import config
    from _forms import retyped

    root = tmp_path_factory.mktemp(f"legacy-{request.param}")
    unicode_dir, legacy_dir = root / "unicode", root / "legacy"
    for folder in (unicode_dir, legacy_dir):
        shutil.copytree(config.RAW_DATA_DIR / "chiem-hoa", folder)
        for path in folder.iterdir():
            path.chmod(0o644)  # the bundled workbooks are read-only
    typed = {path.name: retyped(path, request.param) for path in sorted(legacy_dir.glob("*.xlsx"))}
    return read_reports(unicode_dir, lang="en"), read_reports(legacy_dir, lang="en"), typed


class TestAWorkbookTypedInALegacyFont:
    """A district's workbooks typed in TCVN3 or VNI read as the same workbooks typed in Unicode."""

    def test_every_table_is_the_same(self, district_typed_in_a_legacy_font):
        unicode, legacy, _typed = district_typed_in_a_legacy_font
        assert unicode.problems == []
        for table in unicode.tables:
            assert_frame_equal(legacy.tables[table], unicode.tables[table], obj=table)
        assert len(legacy.admissions) and len(legacy.ratings) and len(legacy.placements) and len(legacy.form_rows)

    def test_only_warnings_that_cells_were_converted_each_naming_a_cell_retyped(self, district_typed_in_a_legacy_font):
        _unicode, legacy, typed = district_typed_in_a_legacy_font
        assert {(p.severity, p.code) for p in legacy.problems} == {("warning", "legacy_text")}
        assert all(p.cell in typed[p.file][p.sheet] for p in legacy.problems)
        # the subtotal "Cộng II", the column "Chi bộ trực thuộc", the level words, the heading "Ghi chú" are
        # written with letters Vietnamese writes too: read as the font, not as they stand
        texts = {p.params["text"] for p in legacy.problems}
        assert {"Chi bộ trực thuộc", "Ghi chú", "Hoàn thành tốt nhiệm vụ"} <= texts
