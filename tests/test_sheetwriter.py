"""The report-sheet writer: layouts, header variants, totals, stable workbooks."""

from __future__ import annotations

import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from helpers.sheetwriter import (
    FIELDS,
    Layout,
    Place,
    Report,
    new_tones,
    save_stable,
    unit_label,
    write_report,
    write_workbook,
)


@pytest.fixture
def ws():
    return Workbook().active


@pytest.fixture
def commune_and_agency_admissions():
    return [
        {"unit": "Hòa Phú", "unit_type": "commune", "target": 9, "admitted": 7, "female": 3,
         "ethnic_minority": 5, "youth_union": 6, "religious": 0},
        {"unit": "Vĩnh Lộc", "unit_type": "town", "target": 6, "admitted": 4, "female": 2,
         "ethnic_minority": 1, "youth_union": 4, "religious": 1},
        {"unit": "Công an huyện", "unit_type": "agency", "target": 2, "admitted": 2, "female": 0,
         "ethnic_minority": 1, "youth_union": 2, "religious": 0},
    ]


@pytest.fixture
def two_rated_organisations():
    return [
        {"unit": "Hòa Phú", "unit_type": "commune", "organisation": "excellent",
         "cells": {"excellent": 2, "good": 10, "completed": 1, "not_completed": 0},
         "members": {"excellent": 20, "good": 150, "completed": 10, "not_completed": 1, "not_rated": 5}},
        {"unit": "Yên Lập", "unit_type": "commune", "organisation": "good",
         "cells": {"excellent": 1, "good": 8, "completed": 0, "not_completed": 0},
         "members": {"excellent": 12, "good": 100, "completed": 3, "not_completed": 0, "not_rated": 2}},
    ]


@pytest.fixture
def two_placements():
    return [
        {"unit": "Hòa Phú", "unit_type": "commune", "secretary_non_local": True, "secretary_chairs_pc": False,
         "pc_chair_non_local": True, "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 1,
         "officials_members": 18, "officials_in_village_cells": 18, "officials_in_village_committees": 8},
        {"unit": "Yên Lập", "unit_type": "commune", "secretary_non_local": False, "secretary_chairs_pc": True,
         "pc_chair_non_local": False, "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 0,
         "officials_members": 16, "officials_in_village_cells": 15, "officials_in_village_committees": 4},
    ]


def _row(ws, r):
    return [c.value for c in ws[r]]


class TestLayout:
    def test_defaults(self):
        lay = Layout()
        assert (lay.header_rows, lay.numbering_row, lay.level_style, lay.tones) == (2, True, "word", "classic")

    @pytest.mark.parametrize("option, value", [("header_rows", 4), ("tones", "modern"), ("numbers", "roman"),
                                               ("period", "Q3"), ("header_block", "tinh_uy")])
    def test_rejects_unknown_options(self, option, value):
        with pytest.raises(ValueError, match=f"Layout.{option} must be one of"):
            Layout(**{option: value})


class TestWriteReport:
    def test_title_block_and_default_header(self, ws, commune_and_agency_admissions):
        cells = write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023)
        assert ws["A1"].value == "ĐẢNG BỘ TỈNH TUYÊN QUANG"
        assert ws["A2"].value == "HUYỆN ỦY CHIÊM HÓA"
        assert ws["E2"].value == "Chiêm Hóa, ngày 15 tháng 12 năm 2023"
        assert ws["A5"].value == "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023"
        assert _row(ws, 7) == ["TT", "Tên tổ chức cơ sở đảng", "Chỉ tiêu năm", "Kết quả kết nạp", None, None, None, None, "Ghi chú"]
        assert _row(ws, 8) == [None, None, None, "Tổng số", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo", None]
        assert _row(ws, 9) == [f"({i})" for i in range(1, 10)]
        assert {str(r) for r in ws.merged_cells.ranges} == {"A5:I5", "A7:A8", "B7:B8", "C7:C8", "D7:H7", "I7:I8"}
        assert cells == ["B11", "B12", "B15"]

    def test_groups_subtotals_and_grand_total(self, ws, commune_and_agency_admissions):
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023)
        assert _row(ws, 10)[:2] == ["I", "Đảng bộ xã, thị trấn"]
        assert _row(ws, 11)[:4] == [1, "Đảng bộ xã Hòa Phú", 9, 7]
        assert _row(ws, 12)[:4] == [2, "Đảng bộ thị trấn Vĩnh Lộc", 6, 4]
        assert _row(ws, 13)[1:8] == ["Cộng I", 15, 11, 5, 6, 10, 1]
        assert _row(ws, 14)[:2] == ["II", "Chi bộ, đảng bộ cơ quan"]
        assert _row(ws, 15)[:2] == [1, "Đảng bộ Công an huyện"]
        assert _row(ws, 16)[1:4] == ["Cộng II", 2, 2]
        assert _row(ws, 17)[1:8] == ["Tổng cộng", 17, 13, 5, 7, 12, 1]
        assert ws["B19"].value == "Người lập biểu"

    def test_one_row_header_without_extras(self, ws, commune_and_agency_admissions):
        lay = Layout(header_rows=1, numbering_row=False, extra_columns=(), groups=False, title=False, footer=False,
                     grand_total=None)
        cells = write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023, layout=lay)
        assert _row(ws, 1) == ["TT", "Tên tổ chức cơ sở đảng", "Chỉ tiêu năm", "Kết quả kết nạp", "Nữ",
                               "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"]
        assert cells == ["B2", "B3", "B4"]
        assert ws.max_row == 4
        assert not ws.merged_cells.ranges

    def test_three_row_header(self, ws, commune_and_agency_admissions):
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023,
                     layout=Layout(header_rows=3))
        assert _row(ws, 7)[3] == "Kết quả kết nạp"
        assert _row(ws, 8)[3:5] == ["Tổng số", "Trong đó"]
        assert _row(ws, 9)[4:8] == ["Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"]
        assert {"D7:H7", "D8:D9", "E8:H8", "A7:A9"} <= {str(r) for r in ws.merged_cells.ranges}

    def test_offsets_and_column_order_keep_groups_together(self, ws, commune_and_agency_admissions):
        lay = Layout(blank_rows=2, first_col=3, title=False,
                     columns=("female", "target", "admitted"), extra_columns=("Ghi chú", "Nguồn"))
        cells = write_report(ws, "admissions", commune_and_agency_admissions, district="Na Hang", year=2020, layout=lay)
        assert _row(ws, 3)[2:] == ["TT", "Tên tổ chức cơ sở đảng", "Kết quả kết nạp", None, "Chỉ tiêu năm", "Ghi chú", "Nguồn"]
        assert _row(ws, 4)[4:6] == ["Nữ", "Tổng số"]
        assert cells[0] == "D7"

    @pytest.mark.parametrize(
        "spelling, words",
        [
            ("abbreviated", ["TT", "DTTS"]),
            ("alternate", ["STT", "Dân tộc thiểu số"]),
        ],
    )
    def test_spelling_variants(self, ws, commune_and_agency_admissions, spelling, words):
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023,
                     layout=Layout(spelling=spelling))
        assert ws["A7"].value == words[0]
        assert ws["F8"].value == words[1]

    def test_alternate_words(self, ws, commune_and_agency_admissions):
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023,
                     layout=Layout(spelling="alternate"))
        assert _row(ws, 7)[1:4] == ["Đơn vị", "Chỉ tiêu nghị quyết", "Số đảng viên kết nạp"]
        assert _row(ws, 8)[6:8] == ["Đoàn viên thanh niên", "Người có đạo"]

    def test_tones_form_and_case(self, ws, commune_and_agency_admissions):
        lay = Layout(tones="new", unicode_form="NFD", case="upper", header_block="ban_thuong_vu")
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023, layout=lay)
        assert ws["A2"].value == unicodedata.normalize("NFD", "BAN THƯỜNG VỤ HUYỆN UỶ CHIÊM HOÁ")
        assert ws["B11"].value == unicodedata.normalize("NFD", "Đảng bộ xã Hoà Phú")
        assert ws["B7"].value == unicodedata.normalize("NFD", "TÊN TỔ CHỨC CƠ SỞ ĐẢNG")

    def test_numbers_as_text_and_dash(self, ws, commune_and_agency_admissions):
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2023,
                     layout=Layout(numbers="text_dash"))
        assert ws["D11"].value == "7"
        assert ws["H11"].value == "-"
        assert ws["H17"].value == "1"

    def test_missing_values_leave_cells_empty(self, ws):
        recs = [{"unit": "Hòa Phú", "unit_type": "commune", "admitted": 3}]
        write_report(ws, "admissions", recs, district="Chiêm Hóa", year=2023, layout=Layout(groups=False))
        assert ws["C10"].value is None and ws["D10"].value == 3 and ws["E10"].value is None
        assert ws["C11"].value is None and ws["D11"].value == 3

    def test_ratings_words(self, ws, two_rated_organisations):
        cells = write_report(ws, "ratings", two_rated_organisations, district="Chiêm Hóa", year=2022,
                             layout=Layout(level_words="abbreviated"))
        assert _row(ws, 7)[2:4] == ["Xếp loại TCCSĐ", "Chi bộ trực thuộc"]
        assert _row(ws, 8)[3:14] == ["Tổng số", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "Tổng số", "HTXSNV", "HTTNV",
                                     "HTNV", "KHTNV", "Không xếp loại"]
        assert cells == ["B10", "B11"]
        assert _row(ws, 10)[1:14] == ["Đảng bộ xã Hòa Phú", "HTXSNV", 13, 2, 10, 1, 0, 186, 20, 150, 10, 1, 5]
        assert _row(ws, 12)[1:14] == ["Tổng cộng", None, 22, 3, 18, 1, 0, 303, 32, 250, 13, 1, 7]

    def test_ratings_x_marks_and_no_not_rated(self, ws, two_rated_organisations):
        lay = Layout(level_style="x", not_rated=False, yes_mark="X")
        write_report(ws, "ratings", two_rated_organisations, district="Chiêm Hóa", year=2022, layout=lay)
        assert _row(ws, 7)[2] == "Tổ chức cơ sở đảng"
        assert _row(ws, 8)[2:6] == ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
        assert _row(ws, 10)[2:6] == ["X", None, None, None]
        assert _row(ws, 11)[2:6] == [None, "X", None, None]
        assert _row(ws, 12)[2:6] == [1, 1, 0, 0]
        assert "Không xếp loại" not in _row(ws, 8)

    def test_ratings_explicit_total(self, ws, two_rated_organisations):
        recs = [dict(two_rated_organisations[0], members_total=999)]
        write_report(ws, "ratings", recs, district="Chiêm Hóa", year=2022, layout=Layout(grand_total=None))
        assert ws["I10"].value == 999

    def test_placements_yes_no_and_counts(self, ws, two_placements):
        cells = write_report(ws, "placements", two_placements, district="Chiêm Hóa", year=2023,
                             layout=Layout(unit_names="admin", no_mark="không"))
        assert _row(ws, 7)[1:6] == ["Xã, thị trấn", "Bí thư đảng ủy", None, "Chủ tịch UBND", "Phó Chủ tịch UBND"]
        assert _row(ws, 8)[2:7] == ["Không phải người địa phương", "Đồng thời là Chủ tịch UBND",
                                    "Không phải người địa phương", "Số lượng", "Không phải người địa phương"]
        assert _row(ws, 7)[7] == "Cán bộ, công chức xã là đảng viên"
        assert cells == ["B10", "B11"]
        assert _row(ws, 10)[1:10] == ["Xã Hòa Phú", "x", "không", "x", 2, 1, 18, 18, 8]
        assert _row(ws, 12)[1:10] == ["Tổng cộng", 1, 1, 1, 4, 1, 34, 33, 12]

    def test_placements_three_rows(self, ws, two_placements):
        write_report(ws, "placements", two_placements, district="Chiêm Hóa", year=2023, layout=Layout(header_rows=3))
        assert _row(ws, 7)[2] == "Cán bộ chủ chốt"
        assert _row(ws, 8)[2] == "Bí thư đảng ủy"
        assert _row(ws, 9)[2] == "Không phải người địa phương"
        assert _row(ws, 7)[7] == "Cán bộ, công chức xã là đảng viên"
        assert _row(ws, 8)[7] == "Tổng số"
        assert "H8:H9" in {str(r) for r in ws.merged_cells.ranges}

    def test_breakthrough_tasks_one_row(self, ws):
        recs = [{"unit": "Trung tâm Y tế huyện", "unit_type": "agency", "cadres": 3, "tasks": 12, "tasks_completed": 11}]
        write_report(ws, "breakthrough_tasks", recs, district="Tuyên Quang", year=2021,
                     layout=Layout(header_rows=1, header_block="huyen_uy"))
        assert ws["A2"].value == "THÀNH ỦY TUYÊN QUANG"
        assert _row(ws, 7)[:5] == ["TT", "Đơn vị", "Số cán bộ được giao", "Số việc đột phá", "Số việc hoàn thành"]
        assert ws["B9"].value == "Chi bộ Trung tâm Y tế huyện"

    def test_no_district_in_sheet(self, ws):
        recs = [{"unit": "Hòa Phú", "unit_type": "commune", "cadres": 3}]
        write_report(ws, "breakthrough_tasks", recs, district="Chiêm Hóa", year=2021,
                     layout=Layout(header_block="none", title_year=False))
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert not any("CHIÊM HÓA" in t.upper() for t in texts if "Hòa Phú" not in t)
        assert ws["A5"].value == "KẾT QUẢ GIAO VIỆC ĐỘT PHÁ, ĐỔI MỚI"

    def test_unknown_kind_and_column(self, ws):
        with pytest.raises(ValueError, match="kind must be one of"):
            write_report(ws, "payroll", [], district="Chiêm Hóa", year=2023)
        with pytest.raises(ValueError, match=r"unknown admissions columns \['tasks'\]"):
            write_report(ws, "admissions", [], district="Chiêm Hóa", year=2023, layout=Layout(columns=("tasks",)))

    def test_every_kind_every_depth_writes_every_field(self, ws):
        for kind, fields in FIELDS.items():
            for depth in (1, 2, 3):
                sheet = Workbook().active
                write_report(sheet, kind, [{"unit": "Hòa Phú", "unit_type": "commune"}], district="Chiêm Hóa",
                             year=2023, layout=Layout(header_rows=depth))
                heads = [c.value for row in sheet.iter_rows(min_row=7, max_row=6 + depth) for c in row]
                assert heads.count("Ghi chú") == 1, (kind, depth)
                assert len(fields) <= sum(isinstance(h, str) for h in heads)


class TestUnitLabel:
    @pytest.mark.parametrize(
        "unit, unit_type, style, label",
        [
            ("Hòa Phú", "commune", "full", "Đảng bộ xã Hòa Phú"),
            ("Phan Thiết", "ward", "admin", "Phường Phan Thiết"),
            ("Vĩnh Lộc", "town", "upper", "ĐẢNG BỘ THỊ TRẤN VĨNH LỘC"),
            ("Công an huyện", "agency", "full", "Đảng bộ Công an huyện"),
            ("Kho bạc Nhà nước huyện", "agency", "admin", "Kho bạc Nhà nước huyện"),
            ("Hòa Phú", "commune", "bare", "Hòa Phú"),
            ("Bản Ba", "village", "full", "Chi bộ thôn Bản Ba"),
            ("Bản Ba", "village", "admin", "Thôn Bản Ba"),
            ("Bản Ba", "village", "upper", "CHI BỘ THÔN BẢN BA"),
            ("Trường THCS Yên Nguyên", "agency", "full", "Chi bộ Trường THCS Yên Nguyên"),
        ],
    )
    def test_styles(self, unit, unit_type, style, label):
        assert unit_label(unit, unit_type, style) == label

    def test_an_agency_written_with_its_own_party_word(self):
        assert unit_label("Quân sự tỉnh", "agency", party_word="Đảng bộ") == "Đảng bộ Quân sự tỉnh"
        assert unit_label("Quân sự tỉnh", "agency") == "Chi bộ Quân sự tỉnh"


def _column(ws, col: str, first: int, last: int) -> list:
    return [ws[f"{col}{r}"].value for r in range(first, last + 1)]


class TestAfterTheReform:
    """The reports of 2025: the provincial board's, a commune committee's own, a district's half-year."""

    def test_the_provincial_boards_header_block_and_unit_heading(self, ws):
        recs = [{"unit": "Yên Nguyên", "unit_type": "commune", "target": 20, "admitted": 18},
                {"unit": "Minh Xuân", "unit_type": "ward", "target": 30, "admitted": 25},
                {"unit": "Quân sự tỉnh", "unit_type": "agency", "party_word": "Đảng bộ", "target": 9, "admitted": 8}]
        lay = Layout(header_block="ban_to_chuc", unit_heading="Đảng bộ trực thuộc", date=(20, 12))
        assert write_report(ws, "admissions", recs, district="Tuyên Quang", year=2025, layout=lay) == ["B11", "B12", "B15"]
        assert _column(ws, "A", 1, 2) == ["TỈNH ỦY TUYÊN QUANG", "BAN TỔ CHỨC"]
        assert ws["E2"].value == "Tuyên Quang, ngày 20 tháng 12 năm 2025"
        assert (ws["B7"].value, ws["B10"].value, ws["B14"].value) == ("Đảng bộ trực thuộc", "Đảng bộ xã, phường",
                                                                      "Chi bộ, đảng bộ cơ quan")
        assert _column(ws, "B", 11, 12) + [ws["B15"].value] == ["Đảng bộ xã Yên Nguyên", "Đảng bộ phường Minh Xuân",
                                                                "Đảng bộ Quân sự tỉnh"]
        assert (ws["B19"].value, ws["G19"].value) == ("Người lập biểu", "K/T TRƯỞNG BAN")

    def test_a_commune_committees_header_block(self, ws):
        recs = [{"unit": "Bản Ba", "unit_type": "village", "target": 1, "admitted": 1}]
        write_report(ws, "admissions", recs, district="Yên Nguyên", year=2025, place=Place(district_kind="xã"),
                     layout=Layout(unit_heading="Tên chi bộ"))
        assert _column(ws, "A", 1, 2) == ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ YÊN NGUYÊN"]
        assert ws["E2"].value == "Yên Nguyên, ngày 15 tháng 12 năm 2025"
        assert (ws["B7"].value, ws["B10"].value) == ("Tên chi bộ", "Chi bộ thôn Bản Ba")

    def test_a_ward_committees_header_block(self, ws):
        write_report(ws, "admissions", [{"unit": "Tổ dân phố 5", "unit_type": "agency"}], district="Minh Xuân",
                     year=2025, place=Place(district_kind="phường"), layout=Layout(header_block="dang_bo"))
        assert _column(ws, "A", 1, 2) == ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG BỘ PHƯỜNG MINH XUÂN"]

    @pytest.mark.parametrize("period, title", [("year", "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025"),
                                               ("H1", "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 6 THÁNG ĐẦU NĂM 2025"),
                                               ("H2", "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 6 THÁNG CUỐI NĂM 2025")])
    def test_the_period_in_the_title(self, ws, commune_and_agency_admissions, period, title):
        write_report(ws, "admissions", commune_and_agency_admissions, district="Chiêm Hóa", year=2025,
                     layout=Layout(period=period))
        assert ws["A5"].value == title

    @pytest.mark.parametrize("depth, cells", [(1, {"C7": "Xếp loại chi bộ", "D7": "Tổng số đảng viên"}),
                                              (2, {"C7": "Xếp loại chi bộ", "D7": "Đảng viên", "D8": "Tổng số"})])
    def test_a_cells_own_level_headed_xep_loai_chi_bo(self, ws, depth, cells):
        recs = [{"unit": "Bản Ba", "unit_type": "village", "organisation": "good",
                 "members": {"excellent": 4, "good": 22, "completed": 3, "not_completed": 0, "not_rated": 1}}]
        lay = Layout(header_rows=depth, organisation_heading="Xếp loại chi bộ", columns=("organisation", "members"),
                     title_text="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CHI BỘ VÀ ĐẢNG VIÊN")
        write_report(ws, "ratings", recs, district="Yên Nguyên", year=2025, place=Place(district_kind="xã"), layout=lay)
        assert {c: ws[c].value for c in cells} == cells
        assert ws["A5"].value == "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CHI BỘ VÀ ĐẢNG VIÊN NĂM 2025"

    def test_x_marks_under_xep_loai_chi_bo(self, ws):
        recs = [{"unit": "Bản Ba", "unit_type": "village", "organisation": "good", "members": {"good": 5}}]
        lay = Layout(level_style="x", organisation_heading="Xếp loại chi bộ", columns=("organisation", "members"))
        write_report(ws, "ratings", recs, district="Yên Nguyên", year=2025, place=Place(district_kind="xã"), layout=lay)
        assert (ws["C7"].value, ws["C8"].value, ws["D8"].value, ws["D10"].value) == ("Xếp loại chi bộ", "HTXSNV",
                                                                                    "HTTNV", "x")


class TestAfterTheReformReadBack:
    """What the writer writes for 2025, the reader reads with the right place, period and unit types."""

    def _read(self, tmp_path, report):
        from helpers.read import read_reports

        write_workbook(tmp_path / "r.xlsx", [report], instructions=False)
        got = read_reports(tmp_path / "r.xlsx", lang="en")
        assert [str(p) for p in got.problems] == []
        return got

    def test_the_provincial_board(self, tmp_path):
        counts = {"female": 3, "ethnic_minority": 2, "youth_union": 4, "religious": 0}
        recs = [{"unit": "Yên Nguyên", "unit_type": "commune", "target": 20, "admitted": 18, **counts},
                {"unit": "Công an tỉnh", "unit_type": "agency", "target": 9, "admitted": 8, **counts}]
        lay = Layout(header_block="ban_to_chuc", unit_heading="Đảng bộ trực thuộc")
        got = self._read(tmp_path, Report("admissions", recs, "Tuyên Quang", 2025, lay)).admissions
        assert got["district"].isna().all() and got["commune"].isna().all()
        assert got[["unit", "unit_type", "unit_code", "period", "admitted"]].astype(object).fillna("-").values.tolist() == [
            ["Yên Nguyên", "commune", "02365", "year", 18], ["Công an tỉnh", "agency", "-", "year", 8]]

    @pytest.mark.parametrize("level_style", ["word", "x"])
    def test_a_commune_committees_cells(self, tmp_path, level_style):
        recs = [{"unit": "Bản Ba", "unit_type": "village", "organisation": "good",
                 "members": {"excellent": 4, "good": 22, "completed": 3, "not_completed": 0, "not_rated": 1}},
                {"unit": "Trạm Y tế xã Yên Nguyên", "unit_type": "agency", "organisation": "completed",
                 "members": {"excellent": 0, "good": 6, "completed": 2, "not_completed": 0, "not_rated": 0}}]
        lay = Layout(unit_heading="Chi bộ trực thuộc", organisation_heading="Xếp loại chi bộ", level_style=level_style,
                     columns=("organisation", "members"))
        got = self._read(tmp_path, Report("ratings", recs, "Yên Nguyên", 2025, lay, place=Place(district_kind="xã")))
        orgs = got.ratings.query("subject == 'organisation'")
        assert orgs[["commune", "unit", "unit_type", "level"]].astype(str).values.tolist() == [
            ["Yên Nguyên", "Bản Ba", "village", "good"], ["Yên Nguyên", "Trạm Y tế xã Yên Nguyên", "agency", "completed"]]
        assert set(got.ratings["subject"]) == {"organisation", "members"}

    def test_a_districts_first_half(self, tmp_path, commune_and_agency_admissions):
        got = self._read(tmp_path, Report("admissions", commune_and_agency_admissions, "Chiêm Hóa", 2025,
                                          Layout(period="H1", date=(20, 6)))).admissions
        assert got[["district", "unit", "year", "period"]].astype(object).values.tolist() == [
            ["Chiêm Hóa", "Hòa Phú", 2025, "H1"], ["Chiêm Hóa", "Vĩnh Lộc", 2025, "H1"],
            ["Chiêm Hóa", "Công an huyện", 2025, "H1"]]


class TestNewTones:
    def test_moves_tone_only_where_styles_differ(self):
        assert new_tones("Hòa Thủy khỏe ủy") == "Hoà Thuỷ khoẻ uỷ"
        assert new_tones("hoàng toán quý Quỳnh Hóa") == "hoàng toán quý Quỳnh Hoá"


class TestWriteWorkbook:
    def test_sheets_instructions_and_hidden_lookup(self, tmp_path, commune_and_agency_admissions):
        path = tmp_path / "book.xlsx"
        out = write_workbook(
            path,
            [
                Report("admissions", commune_and_agency_admissions, "Chiêm Hóa", 2022),
                {"kind": "admissions", "records": commune_and_agency_admissions, "district": "Chiêm Hóa",
                 "year": 2023, "sheet": "Năm 2023"},
            ],
            hidden_lookup=True,
        )
        assert out == {"2022": ["B11", "B12", "B15"], "Năm 2023": ["B11", "B12", "B15"]}
        wb = load_workbook(path)
        assert wb.sheetnames == ["Hướng dẫn", "2022", "Năm 2023", "DanhMuc"]
        assert wb["DanhMuc"].sheet_state == "hidden"
        assert wb["2022"]["B11"].value == "Đảng bộ xã Hòa Phú"

    def test_same_year_two_kinds_get_distinct_names(self, tmp_path):
        recs = [{"unit": "Hòa Phú", "unit_type": "commune", "cadres": 1, "tasks": 2, "tasks_completed": 2,
                 "admitted": 1}]
        out = write_workbook(tmp_path / "b.xlsx", [Report("admissions", recs, "Chiêm Hóa", 2023),
                                                   Report("breakthrough_tasks", recs, "Chiêm Hóa", 2023)],
                             instructions=False)
        assert list(out) == ["KN 2023", "DP 2023"]

    def test_stable_bytes(self, tmp_path, commune_and_agency_admissions):
        reports = [Report("admissions", commune_and_agency_admissions, "Chiêm Hóa", 2023)]
        write_workbook(tmp_path / "a.xlsx", reports)
        write_workbook(tmp_path / "b.xlsx", reports)
        assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


class TestSaveStable:
    def test_fixed_dates(self, tmp_path):
        wb = Workbook()
        wb.active["A1"] = "x"
        save_stable(wb, tmp_path / "s.xlsx")
        props = load_workbook(tmp_path / "s.xlsx").properties
        assert (props.created.year, props.modified.year) == (2025, 2025)
