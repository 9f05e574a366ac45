"""The readers cope with the layouts real district reports use (contract §1–§2)."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.read import read_admissions, read_breakthrough_tasks, read_placements, read_ratings, read_reports

from _fixtures import (
    placed,
    ADMISSIONS_MERGES,
    PLACEMENTS_MERGES,
    RATINGS_MERGES,
    admissions_cells,
    placements_cells,
    ratings_cells,
    row,
    tasks_cells,
    title_block,
    write,
)


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """The expected tidy frame: each row in Tuyên Quang, its unit's GSO code, a whole-year report."""
    return schema.conform(table, pd.DataFrame([{**placed(r["unit"]), **r} for r in rows]))


def adm(unit, unit_type, cell, target, admitted, female, em, youth, rel, *, sheet="2023", file="adm.xlsx", year=2023):
    return dict(district="Chiêm Hóa", unit=unit, unit_type=unit_type, year=year, source=f"{file}!{sheet}!{cell}",
                target=target, admitted=admitted, female=female, ethnic_minority=em, youth_union=youth, religious=rel)


EXPECTED_ADMISSIONS = [
    adm("Hòa Phú", "commune", "B10", 9, 7, 3, 5, 6, 0),
    adm("Vĩnh Lộc", "town", "B11", 5, 6, 2, 1, 4, 0),
    adm("Công an huyện", "agency", "B14", 2, 2, 0, 1, 2, 0),
]


def write_adm(tmp_path, cells, merges=ADMISSIONS_MERGES, name="adm.xlsx", sheet="2023"):
    return write(tmp_path / name, {sheet: (cells, merges)})


def _three_row_header_cells() -> dict:
    """The admissions fixture with a three-row header (rows 6–8); data one row lower."""
    shifted = {}
    for k, v in admissions_cells().items():
        r = int(k[1:])
        if r in (6, 7, 8):
            continue
        shifted[f"{k[0]}{r + 1 if r >= 9 else r}"] = v
    shifted.update(row(6, ["TT", "Tên tổ chức cơ sở đảng", "Chỉ tiêu năm", "Kết quả kết nạp"]))
    shifted.update(row(7, ["Tổng số", "Trong đó"], start="D"))
    shifted.update(row(8, ["Nữ", "DTTS", "Đoàn viên", "Tôn giáo"], start="E"))
    return shifted


class TestReadAdmissions:
    def test_merged_two_row_header_with_groups_subtotals_and_signatures(self, tmp_path):
        path = write_adm(tmp_path, admissions_cells())
        got = read_admissions(path)
        assert_frame_equal(got, frame("admissions", EXPECTED_ADMISSIONS))

    def test_header_without_merge_information(self, tmp_path):
        path = write_adm(tmp_path, admissions_cells(), merges=())
        assert_frame_equal(read_admissions(path), frame("admissions", EXPECTED_ADMISSIONS))

    def test_one_row_header_group_words_stand_for_total(self, tmp_path):
        cells = admissions_cells()
        for ref in [k for k in cells if k.endswith(("6", "7", "8")) and len(k) == 2]:
            del cells[ref]
        cells.update(row(7, ["TT", "Đơn vị", "Chỉ tiêu", "Số đảng viên kết nạp", "Nữ", "Dân tộc thiểu số", "Đoàn viên thanh niên", "Người có đạo"]))
        got = read_admissions(write_adm(tmp_path, cells, merges=()))
        assert_frame_equal(got, frame("admissions", EXPECTED_ADMISSIONS))

    def test_three_row_header_merged(self, tmp_path):
        # the data moves down one row to make room for a third header row
        shifted = _three_row_header_cells()
        shifted.update(row(9, [str(i) for i in range(1, 9)]))
        merges = ("A6:A8", "B6:B8", "C6:C8", "D6:H6", "D7:D8", "E7:H7")
        got = read_admissions(write_adm(tmp_path, shifted, merges))
        want = [dict(EXPECTED_ADMISSIONS[0], source="adm.xlsx!2023!B11"),
                dict(EXPECTED_ADMISSIONS[1], source="adm.xlsx!2023!B12"),
                dict(EXPECTED_ADMISSIONS[2], source="adm.xlsx!2023!B15")]
        assert_frame_equal(got, frame("admissions", want))

    def test_group_heading_above_bottom_aligned_tt_and_unit_headings(self, tmp_path):
        cells = admissions_cells()
        for ref in ("A6", "B6", "C6", "I6"):
            cells[ref.replace("6", "7")] = cells.pop(ref)  # TT, unit, target, note on the lower row
        got = read_admissions(write_adm(tmp_path, cells, merges=()))
        assert_frame_equal(got, frame("admissions", EXPECTED_ADMISSIONS))

    def test_three_row_header_without_merges(self, tmp_path):
        shifted = _three_row_header_cells()
        got = read_admissions(write_adm(tmp_path, shifted, ()))
        assert got["female"].tolist() == [3, 2, 0]
        assert got["admitted"].tolist() == [7, 6, 2]

    def test_columns_in_any_order_and_extra_column_warned(self, tmp_path):
        cells = title_block("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023")
        cells.update(row(6, ["Tôn giáo", "Đơn vị", "Nữ", "Ghi chú", "STT", "Kết quả kết nạp", "Số điện thoại"]))
        cells.update(row(7, [0, "Đảng bộ xã Hòa Phú", 3, "tốt", 1, 7, "000"]))
        r = read_reports(write_adm(tmp_path, cells, ()))
        assert_frame_equal(
            r.admissions,
            frame("admissions", [adm("Hòa Phú", "commune", "B7", None, 7, 3, None, None, 0)]),
        )
        assert [(p.cell, p.severity, p.code) for p in r.problems] == [("G6", "warning", "extra_column")]

    def test_header_spelling_case_nfd_and_new_tones(self, tmp_path):
        cells = admissions_cells()
        cells["B6"] = unicodedata.normalize("NFD", "TÊN TỔ CHỨC\nCƠ SỞ  ĐẢNG")
        cells["D6"] = "kết quả   kết nạp"
        cells["F7"] = unicodedata.normalize("NFD", "Dân tộc thiểu số")
        cells["A2"] = "HUYỆN UỶ CHIÊM HOÁ"
        cells["B10"] = "Đảng bộ xã Hoà Phú"
        got = read_admissions(write_adm(tmp_path, cells))
        assert_frame_equal(got, frame("admissions", EXPECTED_ADMISSIONS))

    def test_text_numbers_dash_and_whole_floats(self, tmp_path):
        cells = admissions_cells()
        cells.update({"C10": " 9 ", "D10": 7.0, "H10": "-", "H11": "-", "H12": "-"})
        got = read_admissions(write_adm(tmp_path, cells))
        assert_frame_equal(got, frame("admissions", EXPECTED_ADMISSIONS))

    def test_grand_total_labels_and_total_first(self, tmp_path):
        for label in ("Tổng số", "Toàn huyện", "Cộng", "Toàn tỉnh", "Toàn Đảng bộ tỉnh", "Toàn xã", "TOÀN PHƯỜNG",
                      "Toàn huyện Chiêm Hóa", "Toàn đảng bộ"):
            cells = admissions_cells()
            cells["B16"] = label
            r = read_reports(write_adm(tmp_path, cells, name=f"{label}.xlsx"))
            assert r.problems == [], label
            assert len(r.admissions) == 3

    def test_plain_numbering_row_and_grand_total_first(self, tmp_path):
        cells = admissions_cells()
        cells.update(row(8, list(range(1, 10))))
        cells.update(row(9, [None, "Toàn huyện", 16, 15, 5, 7, 12, 0]))  # the group row "I" is dropped
        for ref in [k for k in cells if k[1:] == "16"]:
            del cells[ref]
        r = read_reports(write_adm(tmp_path, cells))
        assert r.problems == []
        assert r.admissions["source"].tolist() == ["adm.xlsx!2023!B10", "adm.xlsx!2023!B11", "adm.xlsx!2023!B14"]
        cells["D9"] = 14
        r = read_reports(write_adm(tmp_path, cells, name="b.xlsx"))
        assert [p.message for p in r.problems if p.code == "total_mismatch"] == [
            "Dòng cộng sai: D9 ghi 14, các dòng D10:D14 cộng lại là 15."]

    def test_name_column_ignored_without_its_contents(self, tmp_path):
        cells = tasks_cells()
        cells.update({"F6": "Họ và tên cán bộ được giao", "F7": "Người A"})
        r = read_reports(write(tmp_path / "dp.xlsx", {"2023": cells}), lang="en")
        assert [(p.cell, p.code) for p in r.problems] == [("F6", "extra_column")]
        assert "Người A" not in r.problems[0].message
        assert r.breakthrough_tasks["cadres"].tolist() == [5, 3]

    def test_district_from_other_header_lines_and_city(self, tmp_path):
        for line, want in (("ĐẢNG BỘ HUYỆN CHIÊM HÓA", "Chiêm Hóa"), ("BAN THƯỜNG VỤ HUYỆN ỦY HÀM YÊN", "Hàm Yên"),
                           ("THÀNH ỦY TUYÊN QUANG", "Tuyên Quang")):
            cells = admissions_cells()
            cells["A2"] = line
            got = read_admissions(write_adm(tmp_path, cells, name=f"{want}{len(line)}.xlsx"))
            assert got["district"].tolist() == [want] * 3

    def test_province_line_is_not_a_district_caller_gives_it(self, tmp_path):
        cells = admissions_cells()
        del cells["A2"]
        path = write_adm(tmp_path, cells)
        r = read_reports(path)
        assert [(p.cell, p.code) for p in r.errors] == [("A1", "no_district")]
        got = read_admissions(path, district="Na Hang")
        assert got["district"].tolist() == ["Na Hang"] * 3

    def test_year_from_sheet_name_not_signing_date(self, tmp_path):
        cells = admissions_cells()
        cells["A4"] = "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN"
        r = read_reports(write_adm(tmp_path, cells, sheet="Năm 2022"))
        assert r.admissions["year"].tolist() == [2022] * 3
        r = read_reports(write_adm(tmp_path, cells, name="b.xlsx", sheet="Biểu 1"))
        assert [p.code for p in r.errors] == ["no_year"]

    def test_several_report_sheets_hidden_and_instruction_sheets_skipped(self, tmp_path):
        c22 = admissions_cells()
        c22["A4"] = "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2022"
        path = write(tmp_path / "adm.xlsx", {
            "Hướng dẫn": {"A1": "HƯỚNG DẪN ĐIỀN BIỂU", "A2": "Điền số nguyên không âm."},
            "2022": (c22, ADMISSIONS_MERGES),
            "2023": (admissions_cells(), ADMISSIONS_MERGES),
            "DanhMuc": {"A1": "Hoàn thành nhiệm vụ"},
        }, hidden=("DanhMuc",))
        r = read_reports(path)
        want = pd.DataFrame({
            "file": ["adm.xlsx"] * 4,
            "sheet": ["Hướng dẫn", "2022", "2023", "DanhMuc"],
            "status": ["skipped", "read", "read", "skipped"],
            "kind": [None, "admissions", "admissions", None],
            "district": [None, "Chiêm Hóa", "Chiêm Hóa", None],
            "year": [None, 2022, 2023, None],
            "rows": [0, 3, 3, 0],
            "reason": ["không phải biểu báo cáo", "", "", "trang tính ẩn"],
            "format": ["xlsx"] * 4,
        }).astype({"file": "str", "sheet": "str", "status": "str", "kind": "str", "district": "str",
                   "year": "Int64", "rows": "Int64", "reason": "str", "format": "str"})
        assert_frame_equal(r.sheets, want)
        assert r.admissions["year"].tolist() == [2022] * 3 + [2023] * 3
        assert r.problems == []


class TestReadRatings:
    def _rows(self, unit, unit_type, cell, org, cells, members):
        base = dict(district="Chiêm Hóa", unit=unit, unit_type=unit_type, year=2023, source=f"rat.xlsx!2023!{cell}")
        out = [dict(base, subject="organisation", level=org, count=1)]
        for subject, counts in (("cells", cells), ("members", members)):
            for level, n in counts:
                out.append(dict(base, subject=subject, level=level, count=n))
        return out

    def test_x_marks_and_not_rated_column(self, tmp_path):
        path = write(tmp_path / "rat.xlsx", {"2023": (ratings_cells(), RATINGS_MERGES)})
        want = self._rows("Hòa Phú", "commune", "B8", "good",
                          [("excellent", 2), ("good", 10), ("completed", 3), ("not_completed", 0)],
                          [("excellent", 20), ("good", 200), ("completed", 30), ("not_completed", 2), (None, 5)])
        want += self._rows("Công an huyện", "agency", "B9", "excellent", [],
                           [("excellent", 5), ("good", 20), ("completed", 3), ("not_completed", 0), (None, 1)])
        assert_frame_equal(read_ratings(path), frame("ratings", want))

    def test_level_word_column_and_not_rated_from_difference(self, tmp_path):
        cells = title_block("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2023")
        cells.update(row(6, ["TT", "Tên TCCSĐ", "Xếp loại TCCSĐ", "Đảng viên"]))
        cells.update(row(7, ["Tổng số", "Hoàn thành xuất sắc nhiệm vụ", "HTTNV", "Hoàn thành nhiệm vụ", "KHTNV"], start="D"))
        cells.update(row(8, [1, "Đảng bộ xã Hòa Phú", "hoàn thành tốt  nhiệm vụ", 257, 20, 200, 30, 2]))
        cells.update(row(9, [2, "Chi bộ Công an huyện", "Xuất sắc", 28, 5, 20, 3, 0]))
        path = write(tmp_path / "rat.xlsx", {"2023": (cells, ("A6:A7", "B6:B7", "C6:C7", "D6:H6"))})
        want = self._rows("Hòa Phú", "commune", "B8", "good", [],
                          [("excellent", 20), ("good", 200), ("completed", 30), ("not_completed", 2), (None, 5)])
        want += self._rows("Công an huyện", "agency", "B9", "excellent", [],
                           [("excellent", 5), ("good", 20), ("completed", 3), ("not_completed", 0), (None, 0)])
        assert_frame_equal(read_ratings(path), frame("ratings", want))

    def test_group_headings_above_bottom_aligned_tt_and_unit_headings(self, tmp_path):
        cells = ratings_cells()
        cells["A7"], cells["B7"] = cells.pop("A6"), cells.pop("B6")
        path = write(tmp_path / "rat.xlsx", {"2023": (cells, ())})
        assert_frame_equal(read_ratings(path), read_ratings(write(tmp_path / "m.xlsx", {"2023": (ratings_cells(), RATINGS_MERGES)})).assign(
            source=lambda f: f["source"].str.replace("m.xlsx", "rat.xlsx")))

    def test_unit_heading_tccsd_beside_the_group_tccsd(self, tmp_path):
        cells = ratings_cells()
        cells["B6"] = "Tổ chức cơ sở đảng"
        path = write(tmp_path / "rat.xlsx", {"2023": (cells, RATINGS_MERGES)})
        assert read_ratings(path)["unit"].unique().tolist() == ["Hòa Phú", "Công an huyện"]
        path = write(tmp_path / "rat2.xlsx", {"2023": (cells, ())})
        assert read_ratings(path)["unit"].unique().tolist() == ["Hòa Phú", "Công an huyện"]


class TestReadPlacements:
    def test_yes_no_marks_and_counts(self, tmp_path):
        path = write(tmp_path / "bt.xlsx", {"2023": (placements_cells(), PLACEMENTS_MERGES)})
        base = dict(district="Chiêm Hóa", year=2023)
        want = [
            dict(base, unit="Hòa Phú", unit_type="commune", source="bt.xlsx!2023!B8", secretary_non_local=True,
                 secretary_chairs_pc=False, pc_chair_non_local=False, pc_vice_chairs=2, pc_vice_chairs_non_local=1,
                 officials_members=20, officials_in_village_cells=15, officials_in_village_committees=5),
            dict(base, unit="Vĩnh Lộc", unit_type="town", source="bt.xlsx!2023!B9", secretary_non_local=False,
                 secretary_chairs_pc=True, pc_chair_non_local=True, pc_vice_chairs=2, pc_vice_chairs_non_local=0,
                 officials_members=18, officials_in_village_cells=10, officials_in_village_committees=2),
        ]
        assert_frame_equal(read_placements(path), frame("placements", want))

    def test_abbreviations_spelled_out(self, tmp_path):
        cells = placements_cells()
        cells.update({"E6": "Chủ tịch Ủy ban nhân dân", "F6": "Phó Chủ tịch Ủy ban nhân dân", "D7": "Đồng thời là Chủ tịch Ủy ban nhân dân"})
        path = write(tmp_path / "bt.xlsx", {"2023": (cells, PLACEMENTS_MERGES)})
        got = read_placements(path)
        assert got["pc_chair_non_local"].tolist() == [False, True]
        assert got["secretary_chairs_pc"].tolist() == [False, True]


class TestReadBreakthroughTasks:
    def test_kind_from_header_words_when_the_title_does_not_say(self, tmp_path):
        cells = tasks_cells()
        cells["A4"] = "BÁO CÁO NĂM 2023"
        r = read_reports(write(tmp_path / "dp.xlsx", {"Biểu 3": cells}))
        assert r.sheets[["kind", "year"]].astype(object).values.tolist() == [["breakthrough_tasks", 2023]]
        assert r.breakthrough_tasks["tasks"].tolist() == [20, 4]

    def test_rate_column_before_the_count_is_not_taken_for_it(self, tmp_path):
        cells = tasks_cells()
        cells.update({"E6": "Tỷ lệ hoàn thành (%)", "E7": 90.0, "E8": 100.0, "E9": None,
                      "F6": "Số việc hoàn thành", "F7": 18, "F8": 4, "F9": 22})
        cells = {k: v for k, v in cells.items() if v is not None}
        r = read_reports(write(tmp_path / "dp.xlsx", {"2023": cells}), lang="en")
        assert [(p.cell, p.code) for p in r.problems] == [("E6", "extra_column")]
        assert r.breakthrough_tasks["tasks_completed"].tolist() == [18, 4]

    def test_one_row_header_with_registry_unit_type(self, tmp_path):
        cells = tasks_cells()
        cells["B7"] = "Hòa Phú"  # no administrative word: the unit registry knows it
        path = write(tmp_path / "dp.xlsx", {"2023": cells})
        base = dict(district="Chiêm Hóa", year=2023)
        want = [dict(base, unit="Hòa Phú", unit_type="commune", source="dp.xlsx!2023!B7", cadres=5, tasks=20, tasks_completed=18),
                dict(base, unit="Công an huyện", unit_type="agency", source="dp.xlsx!2023!B8", cadres=3, tasks=4, tasks_completed=4)]
        assert_frame_equal(read_breakthrough_tasks(path), frame("breakthrough_tasks", want))

    def test_bare_name_in_capitals_takes_the_registry_spelling(self, tmp_path):
        cells = tasks_cells()
        cells["B7"] = "ĐẢNG BỘ XÃ HÒA PHÚ"
        cells["B8"] = "CHI BỘ KHO BẠC NHÀ NƯỚC HUYỆN"  # a registry agency of Chiêm Hóa
        cells["B9"] = "CHI BỘ BAN QUẢN LÝ DỰ ÁN"  # not in the registry: sentence case
        cells.update(row(10, [None, "Tổng cộng", 10, 30, 27]))
        cells["C9"], cells["D9"], cells["E9"], cells["A9"] = 2, 6, 5, 3
        path = write(tmp_path / "dp.xlsx", {"2023": cells})
        base = dict(district="Chiêm Hóa", year=2023)
        want = [
            dict(base, unit="Hòa Phú", unit_type="commune", source="dp.xlsx!2023!B7", cadres=5, tasks=20, tasks_completed=18),
            dict(base, unit="Kho bạc Nhà nước huyện", unit_type="agency", source="dp.xlsx!2023!B8", cadres=3, tasks=4, tasks_completed=4),
            dict(base, unit="Ban quản lý dự án", unit_type="agency", source="dp.xlsx!2023!B9", cadres=2, tasks=6, tasks_completed=5),
        ]
        assert_frame_equal(read_breakthrough_tasks(path), frame("breakthrough_tasks", want))


class TestHeadingWords:
    """A heading the reader does not know never empties a figure in silence."""

    @pytest.mark.parametrize("heading", ["Dân tộc ít người", "DT thiểu số", "DT ít người", "DÂN TỘC THIỂU SỐ"])
    def test_other_words_for_ethnic_minorities(self, tmp_path, heading):
        cells = admissions_cells()
        cells["F7"] = heading
        assert_frame_equal(read_admissions(write_adm(tmp_path, cells)), frame("admissions", EXPECTED_ADMISSIONS))

    def test_an_unknown_sub_heading_under_the_group_is_an_unknown_column_not_the_total(self, tmp_path):
        cells = admissions_cells()
        cells["F7"] = "Người khuyết tật"
        r = read_reports(write_adm(tmp_path, cells), lang="en")
        assert [(p.cell, p.code, p.message) for p in r.problems] == [
            ("F7", "extra_column", 'Unknown extra column "Kết quả kết nạp / Người khuyết tật" is ignored.')]
        assert r.admissions["admitted"].tolist() == [7, 6, 2]
        assert r.admissions["ethnic_minority"].isna().all()

    def test_a_group_over_a_count_of_another_name(self, tmp_path):
        cells = admissions_cells()
        cells["D7"] = "Số lượng"
        assert_frame_equal(read_admissions(write_adm(tmp_path, cells)), frame("admissions", EXPECTED_ADMISSIONS))
