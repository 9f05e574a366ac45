"""Bad input becomes located problems (contract §4): one test per kind of fault."""

from __future__ import annotations

import pandas as pd

import pytest

from helpers.read import ReportError, read_admissions, read_reports

from _fixtures import (
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


def read_one(tmp_path, cells, merges=ADMISSIONS_MERGES, lang="en"):
    return read_reports(write(tmp_path / "x.xlsx", {"2023": (cells, merges)}), lang=lang)


def located(reports):
    return [(p.cell, p.severity, p.code) for p in reports.problems]


class TestReadReportsProblems:
    def test_count_not_whole_leaves_the_row_out(self, tmp_path):
        cells = admissions_cells()
        cells["D10"] = 6.5
        r = read_one(tmp_path, cells)
        assert located(r) == [("D10", "error", "not_whole")]
        assert r.admissions["unit"].tolist() == ["Vĩnh Lộc", "Công an huyện"]
        assert "6.5" in r.problems[0].message and "whole number" in r.problems[0].message

    def test_negative_count(self, tmp_path):
        cells = admissions_cells()
        cells.update({"H10": -1, "H12": -1, "H16": -1})
        assert located(read_one(tmp_path, cells)) == [("H10", "error", "negative"), ("H12", "error", "negative"), ("H16", "error", "negative")]

    def test_text_that_is_not_a_number(self, tmp_path):
        cells = admissions_cells()
        cells["C11"] = "năm"
        r = read_one(tmp_path, cells)
        assert located(r) == [("C11", "error", "not_number")]
        assert r.problems[0].message.startswith('The cell holds "năm", not a number.')

    def test_part_larger_than_whole(self, tmp_path):
        cells = admissions_cells()
        cells.update({"E10": 8, "E12": 10, "E16": 10})
        r = read_one(tmp_path, cells)
        assert located(r) == [("E10", "error", "part_gt_whole")]
        assert "E10 (Kết quả kết nạp / Nữ) is 8, more than D10 (Kết quả kết nạp / Tổng số), 7" in r.problems[0].message
        assert "Hòa Phú" not in r.admissions["unit"].tolist()

    def test_total_disagreeing_with_its_rows_names_both_cells(self, tmp_path):
        cells = admissions_cells()
        cells["D16"] = 16
        cells["F12"] = 7
        r = read_one(tmp_path, cells)
        assert located(r) == [("F12", "error", "total_mismatch"), ("D16", "error", "total_mismatch")]
        assert r.problems[0].message == "A total disagrees with its rows: F12 says 7, rows F10:F11 sum to 6."
        assert r.problems[1].message == "A total disagrees with its rows: D16 says 16, rows D10:D14 sum to 15."
        assert len(r.admissions) == 3

    def test_total_mismatch_in_vietnamese(self, tmp_path):
        cells = admissions_cells()
        cells["D16"] = 16
        r = read_one(tmp_path, cells, lang="vi")
        assert r.problems[0].message == "Dòng cộng sai: D16 ghi 16, các dòng D10:D14 cộng lại là 15."

    def test_same_unit_twice_names_both_cells(self, tmp_path):
        cells = admissions_cells()
        cells["B11"] = "Xã Hoà Phú"
        cells.update({"C11": 9, "D11": 7, "E11": 3, "F11": 5, "G11": 6})
        cells.update(row(12, [None, "Cộng I", 18, 14, 6, 10, 12, 0]))
        cells.update(row(16, [None, "Tổng cộng", 20, 16, 6, 11, 14, 0]))
        r = read_one(tmp_path, cells)
        assert located(r) == [("B11", "error", "duplicate_unit")]
        assert "B10 and B11" in r.problems[0].message
        assert r.admissions["unit"].tolist() == ["Công an huyện"]

    def test_blank_breakdown_cell_is_a_warning_and_kept(self, tmp_path):
        cells = admissions_cells()
        del cells["F10"]
        cells.update({"F12": 1, "F16": 2})
        r = read_one(tmp_path, cells)
        assert located(r) == [("F10", "warning", "blank")]
        assert r.admissions["ethnic_minority"].isna().tolist() == [True, False, False]

    def test_row_with_figures_but_no_unit_name(self, tmp_path):
        cells = admissions_cells()
        del cells["B11"]
        r = read_one(tmp_path, cells)
        assert located(r) == [("B11", "error", "no_unit_name")]

    def test_required_columns_missing(self, tmp_path):
        cells = admissions_cells()
        cells["D6"] = "Kết quả"  # no admitted total any more
        cells["D7"] = "Số lượng"
        r = read_one(tmp_path, cells)
        assert ("A6", "error", "missing_figure") in located(r)
        assert r.sheets["status"].tolist() == ["failed"]
        cells = admissions_cells()
        cells["B6"] = "Cơ sở"
        r = read_one(tmp_path, cells)
        assert located(r)[-1] == ("A6", "error", "no_unit_column")

    def test_unknown_level_word(self, tmp_path):
        cells = title_block("KẾT QUẢ XẾP LOẠI NĂM 2023")
        cells.update(row(6, ["TT", "Tên tổ chức cơ sở đảng", "Xếp loại TCCSĐ"]))
        cells.update(row(7, [1, "Đảng bộ xã Hòa Phú", "Giỏi"]))
        cells.update(row(8, [2, "Đảng bộ xã Kim Bình", "HTNV"]))
        r = read_one(tmp_path, cells, ())
        assert located(r) == [("C7", "error", "unknown_level")]
        assert r.ratings["unit"].tolist() == ["Kim Bình"]

    def test_a_commune_the_registry_does_not_know_there_and_then_is_a_warning(self, tmp_path):
        cells = tasks_cells()
        cells["B8"] = "Đảng bộ xã Phúc Sơn"  # in Lâm Bình since 1 July 2021
        r = read_one(tmp_path, cells, ())
        assert located(r) == [("B8", "warning", "unknown_unit")]
        assert r.problems[0].message == ('The unit registry knows no "Phúc Sơn" in Chiêm Hóa in 2023; '
                                         "the unit is kept as written, without a code.")
        tasks = r.breakthrough_tasks
        assert tasks["unit"].tolist() == ["Hòa Phú", "Phúc Sơn"] and tasks["unit_type"].tolist() == ["commune", "commune"]
        assert tasks["unit_code"].iloc[0] == "02335" and pd.isna(tasks["unit_code"].iloc[1])

    @pytest.mark.parametrize("marks, cell", [({}, "C8"), ({"C8": "x"}, "C8")])
    def test_zero_or_several_x_marks(self, tmp_path, marks, cell):
        cells = ratings_cells()
        del cells["D8"]
        cells["D10"] = 0
        cells["C10"] = 1 + len(marks)
        if marks:
            cells.update(marks)
            cells["D8"] = "x"
            cells["D10"] = 1
        r = read_one(tmp_path, cells, RATINGS_MERGES)
        assert located(r) == [(cell, "error", "x_marks")]
        assert r.ratings["unit"].unique().tolist() == ["Công an huyện"]

    def test_levels_summing_past_the_total(self, tmp_path):
        cells = ratings_cells()
        cells.update({"G8": 14, "G10": 14})
        r = read_one(tmp_path, cells, RATINGS_MERGES)
        assert located(r) == [("G8", "error", "levels_past_total")]
        assert "H8, I8, J8, K8 add up to 15, more than the total in G8, 14" in r.problems[0].message

    def test_levels_and_not_rated_disagree_with_total(self, tmp_path):
        cells = ratings_cells()
        cells.update({"L9": 30, "L10": 287})
        r = read_one(tmp_path, cells, RATINGS_MERGES)
        assert located(r) == [("L9", "error", "levels_mismatch")]

    def test_placement_faults(self, tmp_path):
        cells = placements_cells()
        cells.update({"G8": 3, "G10": 3, "I9": 19, "I10": 34, "C9": "?"})
        r = read_one(tmp_path, cells, PLACEMENTS_MERGES)
        assert located(r) == [("G8", "error", "part_gt_whole"), ("C9", "error", "not_yes_no"), ("I9", "error", "part_gt_whole")]
        assert len(r.placements) == 0

    def test_yes_no_total_counts_the_yes_cells(self, tmp_path):
        cells = placements_cells()
        cells["C10"] = 2
        r = read_one(tmp_path, cells, PLACEMENTS_MERGES)
        assert located(r) == [("C10", "error", "total_mismatch")]
        assert r.problems[0].message.endswith("C10 says 2, rows C8:C9 sum to 1.")

    def test_tasks_completed_above_tasks(self, tmp_path):
        cells = tasks_cells()
        cells.update({"E8": 5, "E9": 23})
        r = read_one(tmp_path, cells, ())
        assert located(r) == [("E8", "error", "part_gt_whole")]

    def test_every_data_row_is_in_a_table_or_a_problem(self, tmp_path):
        cells = admissions_cells()
        cells.update({"D10": "bảy", "E14": 5})
        r = read_one(tmp_path, cells)
        named = {p.cell for p in r.problems}
        kept = set(r.admissions["source"].str.split("!").str[-1])
        assert {"B10", "B11", "B14"} <= kept | {f"B{c[1:]}" for c in named}


class TestReadAdmissionsErrors:
    def test_raise_lists_every_error(self, tmp_path):
        cells = admissions_cells()
        cells.update({"D10": "bảy", "C14": -2})
        path = write(tmp_path / "x.xlsx", {"2023": (cells, ADMISSIONS_MERGES)})
        with pytest.raises(ReportError, match=r"(?s)2 problems:.*x.xlsx!2023!D10: error.*x.xlsx!2023!C14: error"):
            read_admissions(path, lang="en")
        got = read_admissions(path, errors="ignore")
        assert got["unit"].tolist() == ["Vĩnh Lộc"]

    def test_errors_argument_checked(self, tmp_path):
        with pytest.raises(ValueError, match="errors must be"):
            read_admissions(tmp_path, errors="coerce")
