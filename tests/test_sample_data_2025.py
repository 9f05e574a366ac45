"""The bundled synthetic data of 2025: the provincial board's, the communes' own, the districts' last half-year."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from pandas.testing import assert_series_equal

from helpers import config, sample_data_2025 as s25
from helpers.units import to_boundaries, units_2025

COUNTS = ["admitted", "female", "ethnic_minority", "youth_union", "religious"]
LEVELS = ["excellent", "good", "completed", "not_completed"]
TEN = [c.name for c in s25.former_communes()]


@pytest.fixture(scope="module")
def raw():
    """The tidy tables of data/raw as the reader gives them, and its problems."""
    from helpers.read import read_reports

    reports = read_reports(config.RAW_DATA_DIR)
    return reports


def _of(frame: pd.DataFrame, folder: str) -> pd.DataFrame:
    return frame[frame["source"].str.startswith(folder + "/")]


def _province(raw, kind: str) -> pd.DataFrame:
    return _of(raw.tables[kind], s25.PROVINCE_DIR)


def _cells(raw, kind: str, commune: str) -> pd.DataFrame:
    frame = _of(raw.tables[kind], s25.COMMUNE_DIR)
    return frame[frame["commune"] == commune]


def _first_half(raw, kind: str) -> pd.DataFrame:
    frame = raw.tables[kind]
    return frame[frame["period"] == "H1"]


class TestTheFiles:
    def test_the_2025_workbooks_are_where_the_layout_says(self):
        got = sorted(p.relative_to(config.RAW_DATA_DIR).as_posix() for p in config.RAW_DATA_DIR.rglob("*2025*.xlsx"))
        got += sorted(p.relative_to(config.RAW_DATA_DIR).as_posix()
                      for folder in ("tinh", "xa") for p in (config.RAW_DATA_DIR / folder).rglob("*.xlsx"))
        want = [f"{d}/{k}-6-thang-2025.xlsx" for d in ("chiem-hoa", "ham-yen", "lam-binh", "na-hang", "son-duong",
                                                        "tuyen-quang", "yen-son") for k in ("admissions", "placements", "ratings")]
        want += [f"tinh/2025/{k}.xlsx" for k in ("admissions", "bieu-2-btctw", "placements", "ratings")]
        slugs = ["chiem-hoa", "hoa-an", "kien-dai", "kim-binh", "tan-an", "tan-my", "tri-phu", "trung-ha", "yen-lap",
                 "yen-nguyen"]
        want += [f"xa/{s}/{k}.xlsx" for s in slugs for k in ("admissions", "ratings")]
        assert got == want
        assert sorted([*(b.path for b in s25.books()), s25.FORM_PATH]) == sorted(want)

    def test_they_read_with_no_problem(self, raw):
        assert [str(p) for p in raw.problems] == []
        read = raw.sheets[raw.sheets["status"] == "read"]
        files = set(read["file"])
        assert {b.path for b in s25.books()} <= files

    @pytest.mark.parametrize("path, a1, a2", [
        ("tinh/2025/admissions.xlsx", "TỈNH ỦY TUYÊN QUANG", "BAN TỔ CHỨC"),
        ("xa/yen-nguyen/admissions.xlsx", "ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ YÊN NGUYÊN"),
        ("xa/chiem-hoa/ratings.xlsx", "ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ CHIÊM HÓA"),
        ("chiem-hoa/admissions-6-thang-2025.xlsx", "ĐẢNG BỘ TỈNH TUYÊN QUANG", "HUYỆN ỦY CHIÊM HÓA"),
    ])
    def test_the_header_blocks_are_the_real_ones(self, path, a1, a2):
        ws = load_workbook(config.RAW_DATA_DIR / path, read_only=True)["2025"]
        assert (ws["A1"].value, ws["A2"].value) == (a1, a2)

    @pytest.mark.parametrize("path, headings", [
        ("tinh/2025/admissions.xlsx", {"B7": "Đảng bộ trực thuộc", "A5": "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025"}),
        ("tinh/2025/placements.xlsx", {"B7": "Đảng bộ xã, phường"}),
        ("xa/chiem-hoa/admissions.xlsx", {"B7": "Tên chi bộ"}),
        ("xa/hoa-an/admissions.xlsx", {"B7": "Chi bộ trực thuộc"}),
        ("xa/chiem-hoa/ratings.xlsx", {"B7": "Tên chi bộ", "C7": "Xếp loại chi bộ", "D7": "Đảng viên",
                                       "A5": "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CHI BỘ VÀ ĐẢNG VIÊN NĂM 2025"}),
        ("xa/kien-dai/ratings.xlsx", {"C7": "Xếp loại chi bộ", "C8": "HTXSNV", "G7": "Đảng viên"}),
        ("chiem-hoa/ratings-6-thang-2025.xlsx",
         {"A5": "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN 6 THÁNG ĐẦU NĂM 2025"}),
    ])
    def test_the_unit_columns_and_titles_are_headed_as_offices_head_them(self, path, headings):
        ws = load_workbook(config.RAW_DATA_DIR / path)["2025"]
        assert {cell: ws[cell].value for cell in headings} == headings


class TestTheProvincialReport:
    @pytest.mark.parametrize("kind", s25.PROVINCE_KINDS)
    def test_it_has_the_124_communes_and_wards_with_their_2025_codes(self, raw, kind):
        got = _province(raw, kind)
        units = got[got["unit_type"] != "agency"].drop_duplicates("source")  # ratings: several rows a unit
        want = units_2025("Tuyên Quang")
        assert units[["unit", "unit_type", "unit_code"]].values.tolist() == want[["name", "type", "code"]].values.tolist()
        assert got["district"].isna().all() and got["commune"].isna().all()
        assert set(got["province"]) == {"Tuyên Quang"} and set(got["period"]) == {"year"} and set(got["year"]) == {2025}

    def test_117_communes_and_7_wards(self, raw):
        units = _province(raw, "admissions").query("unit_type != 'agency'")
        assert units["unit_type"].value_counts().to_dict() == {"commune": 117, "ward": 7}

    @pytest.mark.parametrize("kind", ["admissions", "ratings"])
    def test_the_provincial_agencies_follow_the_communes(self, raw, kind):
        got = _province(raw, kind).drop_duplicates("unit")
        agencies = got[got["unit_type"] == "agency"]
        assert agencies["unit"].tolist() == list(s25.AGENCIES)
        assert agencies["unit_code"].isna().all()
        assert agencies.index.min() > got[got["unit_type"] != "agency"].index.max()

    def test_placements_hold_the_communes_only(self, raw):
        got = _province(raw, "placements")
        assert len(got) == 124 and (got["unit_type"] != "agency").all()

    def test_placements_have_non_local_secretaries_and_secretaries_chairing_the_committee(self, raw):
        p = _province(raw, "placements")
        assert 0.4 <= p["secretary_non_local"].mean() <= 0.7
        assert 1 <= p["secretary_chairs_pc"].sum() <= 20
        assert not (p["secretary_chairs_pc"] & p["pc_chair_non_local"]).any()
        assert (p["officials_in_village_committees"] <= p["officials_in_village_cells"]).all()
        assert (p["officials_in_village_cells"] <= p["officials_members"]).all()
        assert (p["pc_vice_chairs_non_local"] <= p["pc_vice_chairs"]).all()

    def test_admissions_are_a_few_percent_of_members(self, raw):
        members = _province(raw, "ratings").query("subject == 'members'").groupby("unit")["count"].sum()
        admitted = _province(raw, "admissions").set_index("unit")["admitted"]
        rate = (admitted / members.reindex(admitted.index)).astype(float)
        assert rate.between(0.008, 0.05).all()
        assert 0.015 <= rate.median() <= 0.03


class TestAcrossLevels:
    """Each of the ten former Chiêm Hóa communes: its row in the provincial report is the sum of its cells."""

    def test_the_ten_communes_of_former_chiem_hoa(self):
        assert TEN == ["Chiêm Hóa", "Hòa An", "Kiên Đài", "Kim Bình", "Tân An", "Tân Mỹ", "Tri Phú", "Trung Hà",
                       "Yên Lập", "Yên Nguyên"]

    @pytest.mark.parametrize("commune", TEN)
    def test_admissions_total_is_the_sum_of_the_cells(self, raw, commune):
        cells = _cells(raw, "admissions", commune)
        assert len(cells) >= 10 and set(cells["unit_type"]) == {"village", "agency"}
        row = _province(raw, "admissions").set_index("unit").loc[commune, ["target", *COUNTS]]
        assert_series_equal(cells[["target", *COUNTS]].sum(), row.astype("Int64"), check_names=False)

    @pytest.mark.parametrize("commune", TEN)
    def test_ratings_members_are_the_sum_of_the_cells_members_level_by_level(self, raw, commune):
        cells = _cells(raw, "ratings", commune)
        assert set(cells["subject"]) == {"organisation", "members"}
        prov = _province(raw, "ratings").query("unit == @commune and subject == 'members'")
        want = prov.groupby("level", dropna=False, observed=False)["count"].sum()
        got = cells.query("subject == 'members'").groupby("level", dropna=False, observed=False)["count"].sum()
        assert_series_equal(got, want)

    @pytest.mark.parametrize("commune", TEN)
    def test_ratings_cells_are_the_cells_counted_by_their_level(self, raw, commune):
        cells = _cells(raw, "ratings", commune).query("subject == 'organisation'")
        prov = _province(raw, "ratings").query("unit == @commune and subject == 'cells'")
        want = prov.set_index("level")["count"].astype(int).to_dict()
        assert cells["level"].value_counts().reindex(LEVELS, fill_value=0).to_dict() == want

    @pytest.mark.parametrize("commune", TEN)
    def test_the_cells_are_the_admissions_and_the_ratings_same(self, raw, commune):
        adm = _cells(raw, "admissions", commune)["unit"].tolist()
        rat = _cells(raw, "ratings", commune).query("subject == 'organisation'")["unit"].tolist()
        assert adm == rat and len(set(adm)) == len(adm)

    def test_the_predecessors_first_half_is_part_of_the_new_communes_year(self, raw):
        carried = to_boundaries(_first_half(raw, "admissions"), 2025, table_name="admissions")
        carried = carried[carried["unit_type"] != "agency"].groupby("unit_code")[COUNTS].sum()
        year = _province(raw, "admissions").set_index("unit_code")
        assert len(carried) == 51  # every new commune with a predecessor in the seven districts
        part = year.loc[carried.index, COUNTS]
        assert (carried <= part).all().all()
        assert (carried["admitted"] < part["admitted"]).all()  # and each admitted some in the second half

    def test_the_first_half_carried_is_the_generators(self, raw):
        carried = to_boundaries(_first_half(raw, "admissions"), 2025, table_name="admissions")
        carried = carried[carried["unit_type"] != "agency"].groupby("unit_code")[COUNTS].sum()
        for c in s25.communes():
            if c.predecessors:
                assert carried.loc[c.code].astype(int).to_dict() == c.first_half, c.name

    def test_members_of_2025_follow_2024s(self, raw):
        r = raw.tables["ratings"]
        m24 = r[(r["year"] == 2024) & (r["subject"] == "members")]
        m24 = to_boundaries(m24, 2025, table_name="ratings")
        m24 = m24[m24["unit_type"] != "agency"].groupby("unit_code")["count"].sum()
        m25 = _province(raw, "ratings").query("subject == 'members'").groupby("unit_code")["count"].sum()
        ratio = (m25.reindex(m24.index) / m24).astype(float)
        assert len(ratio) == 51 and ratio.between(1.0, 1.08).all()


class TestTheRulesOf2025:
    def test_excellent_organisations_at_most_20_percent_of_good_per_like_group(self, raw):
        orgs = _province(raw, "ratings").query("subject == 'organisation'")
        for agency, part in orgs.groupby(orgs["unit_type"] == "agency"):
            counts = part["level"].value_counts()
            assert counts.get("excellent", 0) <= 0.2 * counts.get("good", 0), agency
        assert orgs.query("unit_type != 'agency'")["level"].eq("excellent").sum() >= 1

    @pytest.mark.parametrize("commune", TEN)
    def test_excellent_cells_at_most_20_percent_of_good_in_a_commune(self, raw, commune):
        counts = _cells(raw, "ratings", commune).query("subject == 'organisation'")["level"].value_counts()
        assert counts.get("excellent", 0) <= 0.2 * counts.get("good", 0)

    @pytest.mark.parametrize("folder", [s25.PROVINCE_DIR, s25.COMMUNE_DIR])
    def test_excellent_members_at_most_20_percent_of_good_within_each_organisation(self, raw, folder):
        members = _of(raw.tables["ratings"], folder).query("subject == 'members' and level.notna()")
        levels = members.pivot_table(index=["commune", "unit"], columns="level", values="count", aggfunc="sum",
                                     observed=False, dropna=False).fillna(0)
        assert len(levels) > 0 and (levels["excellent"] <= 0.2 * levels["good"]).all()

    def test_most_members_rated_good_or_better(self, raw):
        members = _province(raw, "ratings").query("subject == 'members' and level.notna()")
        share = members.loc[members["level"].isin(["good", "excellent"]), "count"].sum() / members["count"].sum()
        assert 0.85 <= share <= 0.97

    def test_the_targets_of_the_new_term_are_not_the_old_terms(self, raw):
        """2025's targets are the 2025–2030 term's: a new commune's, not its predecessors' of 2020–2025."""
        h1 = to_boundaries(_first_half(raw, "admissions"), 2025, table_name="admissions")
        old = h1[h1["unit_type"] != "agency"].groupby("unit_code")["target"].sum()
        new = _province(raw, "admissions").query("unit_type != 'agency'").set_index("unit_code")["target"]
        new = new.reindex(old.index)
        assert (new != old).mean() > 0.8


class TestTheDistrictsLastHalfYear:
    @pytest.mark.parametrize("kind", s25.H1_KINDS)
    def test_each_district_reports_its_units_of_30_june_2025_for_the_first_half(self, raw, kind):
        from helpers.units import COMMUNE_LEVEL, district_names, units_in

        h1 = _first_half(raw, kind)
        assert set(h1["year"]) == {2025} and h1["commune"].isna().all()
        for district in district_names():
            want = units_in(district, 2025, kinds=COMMUNE_LEVEL if kind == "placements" else None)
            assert set(h1.loc[h1["district"] == district, "unit"]) == set(want["name"]), district

    def test_the_first_half_admits_less_than_the_years_target(self, raw):
        h1 = _first_half(raw, "admissions")
        assert (h1["admitted"] <= h1["target"]).all()
        hoa_phu = h1.query("district == 'Chiêm Hóa' and unit == 'Hòa Phú'")
        assert hoa_phu["target"].tolist() == [9]  # the 2020–2025 term's target (F3)

    def test_members_admitted_in_the_half_are_not_rated_at_mid_year(self, raw):
        not_rated = _first_half(raw, "ratings").query("subject == 'members' and level.isna()")
        merged = not_rated.merge(_first_half(raw, "admissions"), on=["district", "unit"])
        assert len(merged) == len(not_rated) and (merged["count"] >= merged["admitted"]).all()
