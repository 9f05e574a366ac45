"""Reports after 1 July 2025: the provincial committee's, a commune committee's own, half-years."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.read import read_reports

from _fixtures import row, write

PROVINCE_BOARD = {"A1": "TỈNH ỦY TUYÊN QUANG", "A2": "BAN TỔ CHỨC", "E1": "ĐẢNG CỘNG SẢN VIỆT NAM",
                  "E2": "Tuyên Quang, ngày 20 tháng 12 năm 2025"}
COMMUNE = {"A1": "ĐẢNG BỘ TỈNH TUYÊN QUANG", "A2": "ĐẢNG ỦY XÃ YÊN NGUYÊN", "E1": "ĐẢNG CỘNG SẢN VIỆT NAM",
           "E2": "Yên Nguyên, ngày 15 tháng 12 năm 2025"}


def _admissions(block: dict, unit_heading: str, units: list[str], title="KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025") -> dict:
    cells = dict(block, A4=title)
    cells.update(row(6, ["TT", unit_heading, "Chỉ tiêu năm", "Kết quả kết nạp"]))
    cells.update(row(7, ["Tổng số", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"], start="D"))
    for i, unit in enumerate(units):
        cells.update(row(8 + i, [i + 1, unit, 9, 7 - i, 3, 5 - i, 6 - i, 0]))
    return cells


def _frame(rows: list[dict]) -> pd.DataFrame:
    return schema.conform("admissions", pd.DataFrame(rows))


def _adm(unit, unit_type, code, cell, i, *, commune=None, district=None, period="year", file="a.xlsx", year=2025):
    return dict(province="Tuyên Quang", district=district, commune=commune, unit=unit, unit_type=unit_type,
                unit_code=code, year=year, period=period, source=f"{file}!2025!{cell}", target=9, admitted=7 - i,
                female=3, ethnic_minority=5 - i, youth_union=6 - i, religious=0)


class TestTheProvincialCommittee:
    @pytest.mark.parametrize("heading", ["Đảng bộ trực thuộc", "Đảng bộ xã, phường", "Đơn vị"])
    def test_its_rows_are_the_commune_ward_and_agency_committees(self, tmp_path, heading):
        units = ["Đảng bộ xã Yên Nguyên", "Đảng bộ phường Minh Xuân", "Đảng bộ Công an tỉnh"]
        r = read_reports(write(tmp_path / "a.xlsx", {"2025": _admissions(PROVINCE_BOARD, heading, units)}), lang="en")
        assert r.problems == []
        assert_frame_equal(r.admissions, _frame([
            _adm("Yên Nguyên", "commune", "02365", "B8", 0),
            _adm("Minh Xuân", "ward", "02215", "B9", 1),
            _adm("Công an tỉnh", "agency", None, "B10", 2),
        ]))

    def test_a_commune_not_of_the_new_province_is_a_warning(self, tmp_path):
        units = ["Đảng bộ xã Hòa Phú"]  # merged into Yên Nguyên on 1 July 2025
        r = read_reports(write(tmp_path / "a.xlsx", {"2025": _admissions(PROVINCE_BOARD, "Đơn vị", units)}), lang="en")
        assert [(p.cell, p.code) for p in r.problems] == [("B8", "unknown_unit")]


class TestACommuneCommitteesOwnReport:
    @pytest.mark.parametrize("heading", ["Tên chi bộ", "Chi bộ trực thuộc", "Tổ chức cơ sở đảng"])
    def test_its_rows_are_its_cells(self, tmp_path, heading):
        units = ["Chi bộ thôn Bản Ba", "Chi bộ tổ dân phố Nà Mỵ", "Chi bộ Trường THCS Yên Nguyên"]
        r = read_reports(write(tmp_path / "a.xlsx", {"2025": _admissions(COMMUNE, heading, units)}), lang="en")
        assert r.problems == []
        assert_frame_equal(r.admissions, _frame([
            _adm("Bản Ba", "village", None, "B8", 0, commune="Yên Nguyên"),
            _adm("Nà Mỵ", "village", None, "B9", 1, commune="Yên Nguyên"),
            _adm("Trường THCS Yên Nguyên", "agency", None, "B10", 2, commune="Yên Nguyên"),
        ]))

    def test_a_cells_own_level_is_headed_xep_loai_chi_bo(self, tmp_path):
        cells = dict(COMMUNE, A4="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CHI BỘ VÀ ĐẢNG VIÊN NĂM 2025")
        cells.update(row(6, ["TT", "Tên chi bộ", "Xếp loại chi bộ", "Đảng viên"]))
        cells.update(row(7, ["Tổng số", "HTXSNV", "HTTNV", "HTNV", "KHTNV"], start="D"))
        cells.update(row(8, [1, "Chi bộ thôn Bản Ba", "Hoàn thành tốt nhiệm vụ", 30, 4, 22, 3, 0]))
        r = read_reports(write(tmp_path / "r.xlsx", {"2025": (cells, ("A6:A7", "B6:B7", "C6:C7", "D6:H6"))}), lang="en")
        assert r.problems == []
        got = r.ratings[["unit", "unit_type", "commune", "subject", "level", "count"]].astype(object)
        assert [[None if pd.isna(v) else v for v in row] for row in got.values.tolist()] == [
            ["Bản Ba", "village", "Yên Nguyên", "organisation", "good", 1],
            ["Bản Ba", "village", "Yên Nguyên", "members", "excellent", 4],
            ["Bản Ba", "village", "Yên Nguyên", "members", "good", 22],
            ["Bản Ba", "village", "Yên Nguyên", "members", "completed", 3],
            ["Bản Ba", "village", "Yên Nguyên", "members", "not_completed", 0],
            ["Bản Ba", "village", "Yên Nguyên", "members", None, 1],
        ]


class TestPartOfAYear:
    @pytest.mark.parametrize("title, period", [
        ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 6 THÁNG ĐẦU NĂM 2025", "H1"),
        ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 6 THÁNG CUỐI NĂM 2025", "H2"),
        ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN QUÝ III NĂM 2025", "Q3"),
        ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 9 THÁNG NĂM 2025", "M9"),
        ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025", "year"),
    ])
    def test_the_title_says_the_period_and_the_district_stays(self, tmp_path, title, period):
        block = {"A1": "ĐẢNG BỘ TỈNH TUYÊN QUANG", "A2": "HUYỆN ỦY CHIÊM HÓA"}
        cells = _admissions(block, "Tên tổ chức cơ sở đảng", ["Đảng bộ xã Hòa Phú"], title=title)
        r = read_reports(write(tmp_path / "a.xlsx", {"2025": cells}), lang="en")
        assert r.problems == []
        assert r.admissions[["district", "unit", "unit_code", "year", "period"]].values.tolist() == [
            ["Chiêm Hóa", "Hòa Phú", "02335", 2025, period]]
