"""Workbooks of districts all over the country read with their province, district, unit type and GSO code."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.__main__ import main
from helpers.read import read_reports

import national_workbooks as nw


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return nw.write_all(tmp_path_factory.mktemp("national"))


def _expected(case) -> pd.DataFrame:
    return schema.conform("admissions", pd.DataFrame([{**r, "period": "year"} for r in nw.expected_rows(case)]))


@pytest.mark.parametrize("case", nw.CASES, ids=lambda c: c.id)
def test_each_district_reads_with_its_place_and_codes(case, written):
    r = read_reports(written[case.id], lang="en")
    assert_frame_equal(r.admissions, _expected(case))
    if case.province_line is None:  # the communes decide the province: a warning says so
        assert [(p.cell, p.code) for p in r.problems] == [("A2", "province_inferred")]
        assert "the province is Long An" in r.problems[0].message
    else:
        assert r.problems == []


def test_ba_dinh_is_a_quan_of_ha_noi_not_the_district_ha_noi(written):
    r = read_reports(written["ha-noi-ba-dinh"])
    assert set(r.admissions["district"]) == {"Ba Đình"} and set(r.admissions["province"]) == {"Hà Nội"}


def test_two_chau_thanh_of_two_provinces_are_two_districts(written):
    r = read_reports([written["tien-giang-chau-thanh"], written["long-an-chau-thanh"]])
    got = r.admissions.groupby("province")["unit_code"].apply(list).to_dict()
    assert got == {"Long An": ["28210", "28216", "28222", "28228"], "Tiền Giang": ["28519", "28522", "28537", "28540"]}


def test_a_district_no_line_and_no_unit_decides_asks_for_the_province(tmp_path):
    case = nw.Case("chau-thanh-agencies", None, "HUYỆN ỦY CHÂU THÀNH", "", "Châu Thành",
                   (nw.Row("Chi bộ Công an huyện", "Công an huyện", "agency", "", (2, 2, 1, 0, 2, 0)),))
    path = nw.write_case(case, tmp_path)
    r = read_reports(path, lang="en")
    assert [(p.cell, p.severity, p.code) for p in r.problems] == [("A2", "error", "no_province")]
    assert "Long An" in r.problems[0].message and "Tiền Giang" in r.problems[0].message
    assert "--province" in r.problems[0].message and len(r.admissions) == 0
    given = read_reports(path, province="Long An")
    assert given.admissions[["province", "unit", "unit_type"]].values.tolist() == [["Long An", "Công an huyện", "agency"]]
    assert main(["check", str(path), "--province", "Long An", "--no-cache"]) == 0
