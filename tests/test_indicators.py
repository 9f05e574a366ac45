"""Indicators on small hand-made tidy tables, checked against values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import indicators as ind
from helpers.schema import LEVEL_DTYPE, conform

NA = pd.NA


def _table(name: str, rows: list[dict], district: str = "Chiêm Hóa") -> pd.DataFrame:
    base = {"district": district, "unit_type": "commune", "source": "t.xlsx!2023!B9"}
    return conform(name, pd.DataFrame([{**base, **r} for r in rows]))


def _expected(columns: dict[str, tuple[str, list]], *, regime: str | None = None, whole: bool = True) -> pd.DataFrame:
    """The frame of ``columns``, ending as every indicator's does: whole-year rows (``complete``, ``periods``)
    and, for the ratings, the regulation of the year (``regime``) before them."""
    n = len(next(iter(columns.values()))[1])
    if regime is not None:
        columns = {**columns, "regime": ("str", [regime] * n)}
    if whole:
        columns = {**columns, "complete": ("boolean", [True] * n), "periods": ("str", ["year"] * n)}
    return pd.DataFrame({c: pd.Series(v, dtype=d) for c, (d, v) in columns.items()})


@pytest.fixture
def two_communes_one_without_target():
    return _table(
        "admissions",
        [
            {"unit": "Hòa Phú", "year": 2023, "target": 9, "admitted": 6, "female": 2, "ethnic_minority": 5, "youth_union": 4, "religious": 0},
            {"unit": "Yên Lập", "year": 2023, "target": None, "admitted": 4, "female": 1, "ethnic_minority": 4, "youth_union": None, "religious": 1},
            {"unit": "Hòa Phú", "year": 2022, "target": 9, "admitted": 9, "female": 3, "ethnic_minority": 6, "youth_union": 6, "religious": 0},
        ],
    )


@pytest.fixture
def hoa_phu_mid_term():
    """The article's Hòa Phú: 9 a year, 26 admitted 2020–2023."""
    return _table(
        "admissions",
        [{"unit": "Hòa Phú", "year": y, "target": 9, "admitted": a} for y, a in zip(range(2020, 2024), (7, 6, 7, 6))]
        + [{"unit": "Kim Bình", "year": y, "target": 5, "admitted": a} for y, a in zip(range(2020, 2024), (6, 6, 6, 6))],
    )


class TestTerms:
    def test_terms_cover_five_report_years(self):
        assert ind.TERMS == {"2015–2020": range(2015, 2020), "2020–2025": range(2020, 2025)}


class TestAdmissionsAttainment:
    def test_by_unit_missing_target_stays_missing(self, two_communes_one_without_target):
        got = ind.admissions_attainment(two_communes_one_without_target)
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 3),
                "unit": ("str", ["Hòa Phú", "Hòa Phú", "Yên Lập"]),
                "unit_type": ("str", ["commune"] * 3),
                "year": ("Int64", [2022, 2023, 2023]),
                "target": ("Int64", [9, 9, NA]),
                "admitted": ("Int64", [9, 6, 4]),
                "attainment": ("Float64", [1.0, 6 / 9, NA]),
            }
        )
        assert_frame_equal(got, expected)
        assert got.attrs["boundaries"] == "as reported"

    def test_by_district_counts_only_units_with_a_target(self, two_communes_one_without_target):
        got = ind.admissions_attainment(two_communes_one_without_target, by="district")
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 2),
                "year": ("Int64", [2022, 2023]),
                "target": ("Int64", [9, 9]),
                "admitted": ("Int64", [9, 10]),
                "attainment": ("Float64", [1.0, 6 / 9]),
                "units": ("Int64", [1, 2]),
                "units_with_target": ("Int64", [1, 1]),
            }
        )
        assert_frame_equal(got, expected)

    def test_bad_grouping_is_refused(self, two_communes_one_without_target):
        with pytest.raises(ValueError, match="by must be 'unit' or 'district'"):
            ind.admissions_attainment(two_communes_one_without_target, by="province")


class TestTermProgress:
    def test_hoa_phu_26_of_45_with_pace(self, hoa_phu_mid_term):
        got = ind.term_progress(hoa_phu_mid_term, "2020–2025", as_of=2023)
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 2),
                "unit": ("str", ["Hòa Phú", "Kim Bình"]),
                "unit_type": ("str", ["commune"] * 2),
                "term": ("str", ["2020–2025"] * 2),
                "as_of": ("Int64", [2023, 2023]),
                "years_elapsed": ("Int64", [4, 4]),
                "years_remaining": ("Int64", [1, 1]),
                "term_target": ("Int64", [45, 25]),  # 2024 not reported: the annual target carries on
                "admitted": ("Int64", [26, 24]),
                "attainment": ("Float64", [26 / 45, 24 / 25]),
                "remaining": ("Int64", [19, 1]),
                "pace_needed": ("Float64", [19.0, 1.0]),
                "years_reported": ("Int64", [4, 4]),
                "status": ("str", ["complete", "complete"]),
            }
        )
        assert_frame_equal(got, expected)
        assert got.attrs["term"] == "2020–2025"

    def test_as_of_earlier_year_counts_fewer_years(self, hoa_phu_mid_term):
        got = ind.term_progress(hoa_phu_mid_term, as_of=2021, by="district")
        row = got.iloc[0]
        assert (int(row.term_target), int(row.admitted), int(row.years_remaining)) == (70, 25, 3)
        assert float(row.pace_needed) == pytest.approx(45 / 3)

    def test_given_term_target_and_target_reached(self, hoa_phu_mid_term):
        got = ind.term_progress(hoa_phu_mid_term, as_of=2023, term_target={"Hòa Phú": 20})
        assert got["term_target"].iloc[0] == 20 and pd.isna(got["term_target"].iloc[1])
        assert got["remaining"].iloc[0] == 0
        assert got["pace_needed"].iloc[0] == 0.0

    def test_a_missing_annual_target_makes_the_term_target_missing(self, hoa_phu_mid_term):
        t = hoa_phu_mid_term.copy()
        t.loc[(t["unit"] == "Hòa Phú") & (t["year"] == 2021), "target"] = NA
        got = ind.term_progress(t, as_of=2023)
        assert got["term_target"].isna().tolist() == [True, False]
        assert got["attainment"].isna().tolist() == [True, False]

    def test_a_unit_gone_before_the_latest_year_has_no_term_target(self, hoa_phu_mid_term):
        # Minh Quang reported 2020 only (transferred to another district in 2021).
        gone = _table("admissions", [{"unit": "Minh Quang", "year": 2020, "target": 7, "admitted": 5}])
        got = ind.term_progress(pd.concat([hoa_phu_mid_term, gone], ignore_index=True), as_of=2023)
        mq = got[got["unit"] == "Minh Quang"].iloc[0]
        assert pd.isna(mq["term_target"]) and int(mq["admitted"]) == 5
        assert got.loc[got["unit"] == "Hòa Phú", "term_target"].iloc[0] == 45

    def test_units_that_left_or_joined_say_so(self, hoa_phu_mid_term):
        gone = _table("admissions", [{"unit": "Minh Quang", "year": 2020, "target": 7, "admitted": 5}])
        new = _table("admissions", [{"unit": "Hồng Sơn", "year": y, "target": 4, "admitted": 4} for y in (2022, 2023)])
        gap = _table("admissions", [{"unit": "Tân An", "year": y, "target": 3, "admitted": 3} for y in (2020, 2021, 2023)])
        got = ind.term_progress(pd.concat([hoa_phu_mid_term, gone, new, gap], ignore_index=True), as_of=2023)
        status = dict(zip(got["unit"], got["status"]))
        assert status == {"Hòa Phú": "complete", "Hồng Sơn": "joined", "Kim Bình": "complete",
                          "Minh Quang": "left", "Tân An": "incomplete"}
        assert dict(zip(got["unit"], got["years_reported"])) == {
            "Hòa Phú": 4, "Hồng Sơn": 2, "Kim Bình": 4, "Minh Quang": 1, "Tân An": 3}

    def test_a_unit_whose_type_changed_is_one_unit(self):
        # Lăng Can: a commune until 2020, a town from 2021.
        rows = [{"unit": "Lăng Can", "year": 2020, "target": 6, "admitted": 5, "unit_type": "commune"}]
        rows += [{"unit": "Lăng Can", "year": y, "target": 6, "admitted": 6, "unit_type": "town"} for y in (2021, 2022, 2023)]
        got = ind.term_progress(_table("admissions", rows), as_of=2023)
        assert got[["unit", "unit_type", "term_target", "admitted", "status"]].values.tolist() == [
            ["Lăng Can", "town", 30, 23, "complete"]]

    def test_by_district_a_unit_that_moved_counts_in_its_years(self, hoa_phu_mid_term):
        # Minh Quang reported here in 2020 only (it moved to another district in 2021):
        # its 2020 target and admissions belong to this district's 2020 figures.
        gone = _table("admissions", [{"unit": "Minh Quang", "year": 2020, "target": 7, "admitted": 5}])
        got = ind.term_progress(pd.concat([hoa_phu_mid_term, gone], ignore_index=True), as_of=2023, by="district")
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"]),
                "term": ("str", ["2020–2025"]),
                "as_of": ("Int64", [2023]),
                "years_elapsed": ("Int64", [4]),
                "years_remaining": ("Int64", [1]),
                "term_target": ("Int64", [21 + 14 * 3 + 14]),  # 2020 with Minh Quang, 2021–2023, 2024 carried on
                "admitted": ("Int64", [26 + 24 + 5]),
                "attainment": ("Float64", [55 / 77]),
                "remaining": ("Int64", [22]),
                "pace_needed": ("Float64", [22.0]),
                "units": ("Int64", [3]),
                "admitted_with_target": ("Int64", [55]),
                "years_without_target": ("str", [""]),
            }
        )
        assert_frame_equal(got, expected)

    def test_by_district_a_year_without_any_target_is_named(self, hoa_phu_mid_term):
        t = hoa_phu_mid_term.copy()
        t.loc[t["year"] == 2021, "target"] = NA
        row = ind.term_progress(t, as_of=2023, by="district").iloc[0]
        assert pd.isna(row["term_target"]) and pd.isna(row["attainment"])
        assert row["years_without_target"] == "2021" and int(row["admitted"]) == 50

    def test_by_district_units_without_a_target_are_left_out_of_attainment(self, hoa_phu_mid_term):
        t = hoa_phu_mid_term.copy()
        t.loc[t["unit"] == "Kim Bình", "target"] = NA
        row = ind.term_progress(t, as_of=2023, by="district").iloc[0]
        assert (int(row.term_target), int(row.admitted), int(row.admitted_with_target)) == (45, 50, 26)
        assert float(row.attainment) == pytest.approx(26 / 45)

    def test_as_of_outside_the_term_is_refused(self, hoa_phu_mid_term):
        with pytest.raises(ValueError, match="as_of must be a report year of 2020–2025"):
            ind.term_progress(hoa_phu_mid_term, as_of=2025)

    def test_unknown_term_is_refused(self, hoa_phu_mid_term):
        with pytest.raises(ValueError, match="term must be one of"):
            ind.term_progress(hoa_phu_mid_term, "2025–2030")


class TestComposition:
    def test_by_district_year_with_a_missing_breakdown(self, two_communes_one_without_target):
        got = ind.composition(two_communes_one_without_target, by="district")
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 2),
                "year": ("Int64", [2022, 2023]),
                "admitted": ("Int64", [9, 10]),
                "female": ("Int64", [3, 3]),
                "ethnic_minority": ("Int64", [6, 9]),
                "youth_union": ("Int64", [6, NA]),
                "religious": ("Int64", [0, 1]),
                "share_female": ("Float64", [3 / 9, 0.3]),
                "share_ethnic_minority": ("Float64", [6 / 9, 0.9]),
                "share_youth_union": ("Float64", [6 / 9, NA]),
                "share_religious": ("Float64", [0.0, 0.1]),
            }
        )
        assert_frame_equal(got, expected)

    def test_by_term(self, hoa_phu_mid_term):
        t = hoa_phu_mid_term.assign(female=1, ethnic_minority=2, youth_union=3, religious=0)
        t = conform("admissions", t)
        got = ind.composition(t, by="unit", period="term")
        assert got[["unit", "term", "admitted", "female"]].values.tolist() == [
            ["Hòa Phú", "2020–2025", 26, 4],
            ["Kim Bình", "2020–2025", 24, 4],
        ]
        assert got["share_female"].tolist() == [4 / 26, 4 / 24]


@pytest.fixture
def one_commune_rated():
    rows = [
        {"unit": "Hòa Phú", "year": 2023, "subject": "organisation", "level": "good", "count": 1},
        {"unit": "Yên Lập", "year": 2023, "subject": "organisation", "level": "excellent", "count": 1},
        {"unit": "Phúc Sơn", "year": 2023, "subject": "organisation", "level": "completed", "count": 1},
    ]
    for level, n in (("excellent", 4), ("good", 40), ("completed", 5), ("not_completed", 1), (None, 6)):
        rows.append({"unit": "Hòa Phú", "year": 2023, "subject": "members", "level": level, "count": n})
    return _table("ratings", rows)


class TestRatingShares:
    def test_members_shares_exclude_not_rated(self, one_commune_rated):
        got = ind.rating_shares(one_commune_rated, subject="members")
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 4),
                "year": ("Int64", [2023] * 4),
                "subject": ("str", ["members"] * 4),
                "level": (LEVEL_DTYPE, ["not_completed", "completed", "good", "excellent"]),
                "count": ("Int64", [1, 5, 40, 4]),
                "rated": ("Int64", [50] * 4),
                "share": ("Float64", [0.02, 0.1, 0.8, 0.08]),
            },
            regime="124-QĐ/TW",
        )
        assert_frame_equal(got, expected)

    def test_organisations_by_unit(self, one_commune_rated):
        got = ind.rating_shares(one_commune_rated, subject="organisation", by="unit")
        yl = got[got["unit"] == "Yên Lập"]
        assert yl["share"].tolist() == [0.0, 0.0, 0.0, 1.0]

    def test_unknown_subject_is_refused(self, one_commune_rated):
        with pytest.raises(ValueError, match="subject must be among"):
            ind.rating_shares(one_commune_rated, subject="cadres")


class TestGoodOrBetter:
    def test_per_subject_with_benchmark(self, one_commune_rated):
        got = ind.good_or_better(one_commune_rated)
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 2),
                "year": ("Int64", [2023] * 2),
                "subject": ("str", ["members", "organisation"]),
                "rated": ("Int64", [50, 3]),
                "good_or_better": ("Int64", [44, 2]),
                "excellent": ("Int64", [4, 1]),
                "not_rated": ("Int64", [6, 0]),
                "share": ("Float64", [0.88, 2 / 3]),
                "above_benchmark": ("boolean", [False, False]),
            },
            regime="124-QĐ/TW",
        )
        assert_frame_equal(got, expected)
        assert got.attrs["benchmark"] == 0.90

    def test_exactly_90_percent_is_not_above(self):
        rows = [{"unit": f"u{i}", "year": 2021, "subject": "organisation", "level": "good", "count": 1} for i in range(9)]
        rows.append({"unit": "u9", "year": 2021, "subject": "organisation", "level": "completed", "count": 1})
        got = ind.good_or_better(_table("ratings", rows))
        assert got["share"].iloc[0] == 0.9
        assert not got["above_benchmark"].iloc[0]
        rows.append({"unit": "u10", "year": 2021, "subject": "organisation", "level": "excellent", "count": 1})
        assert ind.good_or_better(_table("ratings", rows))["above_benchmark"].iloc[0]


class TestExcellentQuota:
    def test_organisations_in_like_groups(self):
        rows = [
            {"unit": u, "unit_type": t, "year": 2023, "subject": "organisation", "level": lv, "count": 1}
            for u, t, lv in [
                ("a", "commune", "excellent"),
                ("b", "town", "excellent"),
                *[(f"c{i}", "commune", "good") for i in range(8)],
                ("Công an huyện", "agency", "excellent"),
                ("Viện kiểm sát", "agency", "good"),
            ]
        ]
        got = ind.excellent_quota(_table("ratings", rows))
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 2),
                "year": ("Int64", [2023] * 2),
                "subject": ("str", ["organisation"] * 2),
                "group": ("str", ["agencies", "communes"]),
                "excellent": ("Int64", [1, 2]),
                "good": ("Int64", [1, 8]),
                "good_or_better": ("Int64", [2, 10]),
                "share": ("Float64", [1.0, 0.25]),
                "allowed": ("Int64", [0, 1]),
                "breaks_quota": ("boolean", [True, True]),
                "quota": ("Float64", [0.2, 0.2]),
            },
            regime="124-QĐ/TW",
        )
        assert_frame_equal(got, expected)

    def test_members_within_each_organisation_and_breaches_only(self):
        rows = []
        for unit, exc, good in (("Hòa Phú", 2, 10), ("Yên Lập", 3, 10)):
            rows += [
                {"unit": unit, "year": 2023, "subject": "members", "level": "excellent", "count": exc},
                {"unit": unit, "year": 2023, "subject": "members", "level": "good", "count": good},
            ]
        got = ind.excellent_quota(_table("ratings", rows), subject="members")
        assert got["breaks_quota"].tolist() == [False, True]  # 2 of 10 is exactly 20 %
        breaches = ind.excellent_quota(_table("ratings", rows), subject="members", breaches_only=True)
        assert breaches["group"].tolist() == ["Yên Lập"]


class TestExcellentEveryYear:
    def test_only_unbroken_runs(self):
        rows = []
        for y in range(2018, 2023):
            rows.append({"unit": "Vĩnh Lộc", "unit_type": "town", "year": y, "subject": "organisation", "level": "excellent", "count": 1})
            rows.append({"unit": "Hòa Phú", "year": y, "subject": "organisation", "level": "good" if y == 2020 else "excellent", "count": 1})
            if y != 2019:
                rows.append({"unit": "Yên Lập", "year": y, "subject": "organisation", "level": "excellent", "count": 1})
        got = ind.excellent_every_year(_table("ratings", rows))
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"]),
                "unit": ("str", ["Vĩnh Lộc"]),
                "unit_type": ("str", ["town"]),
                "years_excellent": ("Int64", [5]),
            },
            whole=False,
        )
        assert_frame_equal(got, expected)
        assert got.attrs["years"] == [2018, 2019, 2020, 2021, 2022]
        assert got.attrs["regimes"] == ["132-QĐ/TW"] and got.attrs["incomplete"] == []


@pytest.fixture
def three_communes_placed():
    return _table(
        "placements",
        [
            {"unit": "Yên Lập", "year": 2023, "secretary_non_local": True, "secretary_chairs_pc": True, "pc_chair_non_local": False,
             "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 1, "officials_members": 16, "officials_in_village_cells": 16,
             "officials_in_village_committees": 8},
            {"unit": "Hòa Phú", "year": 2023, "secretary_non_local": True, "secretary_chairs_pc": False, "pc_chair_non_local": True,
             "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 0, "officials_members": 12, "officials_in_village_cells": 9,
             "officials_in_village_committees": 3},
            {"unit": "Kim Bình", "year": 2023, "secretary_non_local": False, "secretary_chairs_pc": None, "pc_chair_non_local": False,
             "pc_vice_chairs": 1, "pc_vice_chairs_non_local": 1, "officials_members": 10, "officials_in_village_cells": None,
             "officials_in_village_committees": 2},
        ],
    )


class TestNonLocalLeadership:
    def test_district_counts_and_shares(self, three_communes_placed):
        got = ind.non_local_leadership(three_communes_placed)
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"]),
                "year": ("Int64", [2023]),
                "units": ("Int64", [3]),
                "secretaries_non_local": ("Int64", [2]),
                "pc_chairs_non_local": ("Int64", [1]),
                "pc_vice_chairs": ("Int64", [5]),
                "pc_vice_chairs_non_local": ("Int64", [2]),
                "secretaries_chairing_pc": ("Int64", [1]),
                "share_secretaries_non_local": ("Float64", [2 / 3]),
                "share_pc_chairs_non_local": ("Float64", [1 / 3]),
                "share_pc_vice_chairs_non_local": ("Float64", [0.4]),
                "share_secretaries_chairing_pc": ("Float64", [0.5]),  # one unit did not say
            }
        )
        assert_frame_equal(got, expected)


class TestVillageCellParticipation:
    def test_by_unit(self, three_communes_placed):
        got = ind.village_cell_participation(three_communes_placed)
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"] * 3),
                "unit": ("str", ["Hòa Phú", "Kim Bình", "Yên Lập"]),
                "unit_type": ("str", ["commune"] * 3),
                "year": ("Int64", [2023] * 3),
                "officials_members": ("Int64", [12, 10, 16]),
                "officials_in_village_cells": ("Int64", [9, NA, 16]),
                "officials_in_village_committees": ("Int64", [3, 2, 8]),
                "share_in_village_cells": ("Float64", [0.75, NA, 1.0]),
                "share_in_village_committees": ("Float64", [0.25, 0.2, 0.5]),
            }
        )
        assert_frame_equal(got, expected)


class TestBreakthroughSummary:
    def test_by_unit_and_district(self):
        t = _table(
            "breakthrough_tasks",
            [
                {"unit": "Huyện ủy", "unit_type": "agency", "year": 2023, "cadres": 5, "tasks": 20, "tasks_completed": 15},
                {"unit": "Hòa Phú", "year": 2023, "cadres": 0, "tasks": 0, "tasks_completed": 0},
            ],
        )
        by_unit = ind.breakthrough_summary(t)
        assert by_unit["unit"].tolist() == ["Huyện ủy", "Hòa Phú"]
        assert by_unit["tasks_per_cadre"].iloc[0] == 4.0 and by_unit["completion_rate"].iloc[0] == 0.75
        assert by_unit[["tasks_per_cadre", "completion_rate"]].iloc[1].isna().all()  # nothing assigned
        expected = _expected(
            {
                "district": ("str", ["Chiêm Hóa"]),
                "year": ("Int64", [2023]),
                "cadres": ("Int64", [5]),
                "tasks": ("Int64", [20]),
                "tasks_completed": ("Int64", [15]),
                "tasks_per_cadre": ("Float64", [4.0]),
                "completion_rate": ("Float64", [0.75]),
            }
        )
        assert_frame_equal(ind.breakthrough_summary(t, by="district"), expected)


class TestBoundaries:
    def test_a_year_maps_units_and_is_recorded(self):
        # Vân Sơn and Hồng Lạc merged into Hồng Sơn (the unit registry).
        t = _table(
            "breakthrough_tasks",
            [
                {"unit": "Vân Sơn", "year": 2023, "cadres": 2, "tasks": 8, "tasks_completed": 7},
                {"unit": "Hồng Lạc", "year": 2023, "cadres": 3, "tasks": 9, "tasks_completed": 9},
            ],
            district="Sơn Dương",
        )
        got = ind.breakthrough_summary(t, boundaries=2024)
        assert got.attrs["boundaries"] == 2024
        assert got[["unit", "cadres", "tasks"]].values.tolist() == [["Hồng Sơn", 5, 17]]
        assert ind.breakthrough_summary(t).attrs["boundaries"] == "as reported"

    def test_rows_that_cannot_be_mapped_are_listed(self):
        t = _table("breakthrough_tasks", [{"unit": "Nơi Không Có", "year": 2023, "cadres": 1, "tasks": 2, "tasks_completed": 1}], district="Sơn Dương")
        got = ind.breakthrough_summary(t, boundaries=2024)
        assert got["unit"].tolist() == ["Nơi Không Có"]
        assert got.attrs["unmapped"] == [("Sơn Dương", "Nơi Không Có", 2023)]


class TestTableOf:
    def test_dict_object_and_absent(self, one_commune_rated):
        class Holder:
            ratings = one_commune_rated

        assert ind.table_of({"ratings": one_commune_rated}, "ratings") is one_commune_rated
        assert ind.table_of(Holder(), "ratings") is one_commune_rated
        assert ind.table_of({}, "placements").empty
        with pytest.raises(ValueError, match="table must be one of"):
            ind.table_of({}, "members")


class TestAReportsOwnTablesArePreparedOnce:
    """A table marked frozen (a report's own) is prepared once for all its indicators; any other table every time."""

    def test_the_same_values_from_a_frozen_table_and_its_copy(self, hoa_phu_mid_term, monkeypatch):
        from helpers.memo import freeze

        calls = []
        prepared = ind._prepared
        monkeypatch.setattr(ind, "_prepared", lambda *a: calls.append(a[1:]) or prepared(*a))
        frozen = freeze(hoa_phu_mid_term.copy())
        first, again = ind.admissions_attainment(frozen), ind.admissions_attainment(frozen)
        assert_frame_equal(first, ind.admissions_attainment(hoa_phu_mid_term))
        assert_frame_equal(first, again)
        assert ind.term_progress(frozen)["admitted"].tolist() == ind.term_progress(hoa_phu_mid_term)["admitted"].tolist()
        assert calls.count((None, "admissions")) == 3  # the frozen table once; its unfrozen twin for each indicator

    def test_a_table_changed_in_place_is_prepared_again(self, hoa_phu_mid_term):
        table = hoa_phu_mid_term.copy()
        before = ind.admissions_attainment(table)
        table.loc[table["year"] == 2023, "admitted"] = 9
        after = ind.admissions_attainment(table)
        assert before.loc[before["year"] == 2023, "admitted"].tolist() == [6, 6]
        assert after.loc[after["year"] == 2023, "admitted"].tolist() == [9, 9]

    def test_what_a_frozen_table_gives_may_be_changed_without_changing_the_next(self, hoa_phu_mid_term):
        from helpers.memo import freeze

        frozen = freeze(hoa_phu_mid_term.copy())
        first = ind._prepare(frozen, None, "admissions")
        first["admitted"] = 0
        assert ind._prepare(frozen, None, "admissions")["admitted"].tolist() == hoa_phu_mid_term["admitted"].tolist()
