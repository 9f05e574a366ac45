"""Periods: a part-year report is never added to the whole year it belongs to.

Fixtures: a year with the first half only, the two halves, a whole-year
report beside halves, quarters, and a new commune's whole-year report beside
its predecessors' first half (on the boundaries of 1 July 2025).
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import indicators as ind
from helpers import narrative as nar
from helpers.schema import conform

NA = pd.NA


def _table(name: str, rows: list[dict]) -> pd.DataFrame:
    base = {"province": "Tuyên Quang", "district": "Chiêm Hóa", "unit_type": "commune", "year": 2025}
    return conform(name, pd.DataFrame([{**base, **r} for r in rows]))


@pytest.fixture
def admissions_2025():
    """Hòa Phú: whole year and halves; Yên Lập: two halves; Kim Bình: first half only; Tân Mỹ: quarters."""
    return _table(
        "admissions",
        [
            {"unit": "Hòa Phú", "period": "year", "source": "y!1!B5", "target": 9, "admitted": 10, "female": 4},
            {"unit": "Hòa Phú", "period": "H1", "source": "h1!1!B5", "target": 9, "admitted": 4, "female": 1},
            {"unit": "Hòa Phú", "period": "H2", "source": "h2!1!B5", "target": 9, "admitted": 6, "female": 3},
            {"unit": "Yên Lập", "period": "H1", "source": "h1!1!B6", "target": 8, "admitted": 3, "female": 1},
            {"unit": "Yên Lập", "period": "H2", "source": "h2!1!B6", "target": 8, "admitted": 5, "female": None},
            {"unit": "Kim Bình", "period": "H1", "source": "h1!1!B7", "target": 6, "admitted": 2, "female": 0},
            {"unit": "Tân Mỹ", "period": "Q1", "source": "q1!1!B8", "target": 5, "admitted": 1, "female": 0},
            {"unit": "Tân Mỹ", "period": "Q2", "source": "q2!1!B8", "target": 5, "admitted": 2, "female": 1},
            {"unit": "Tân Mỹ", "period": "Q3", "source": "q3!1!B8", "target": 5, "admitted": 1, "female": 1},
        ],
    )


class TestWholeYears:
    def test_each_unit_keeps_the_reports_that_make_its_year(self, admissions_2025):
        got = ind.whole_years(admissions_2025)
        assert got[["unit", "period", "periods", "complete", "target", "admitted", "female", "source"]].values.tolist() == [
            ["Hòa Phú", "year", "year", True, 9, 10, 4, "y!1!B5"],
            ["Yên Lập", "year", "H1+H2", True, 8, 8, NA, "h1!1!B6 + h2!1!B6"],  # a half without the breakdown: no year's breakdown
            ["Kim Bình", "H1", "H1", False, 6, 2, 0, "h1!1!B7"],
            ["Tân Mỹ", "Q3", "Q3", False, 5, 1, 1, "q3!1!B8"],  # quarters are never summed into a year
        ]
        assert str(got["complete"].dtype) == "boolean" and str(got["target"].dtype) == "Int64"

    def test_what_is_not_used_is_listed(self, admissions_2025):
        got = ind.whole_years(admissions_2025)
        assert got.attrs["set_aside"] == [
            ("Chiêm Hóa", "Hòa Phú", 2025, "H1"),
            ("Chiêm Hóa", "Hòa Phú", 2025, "H2"),
            ("Chiêm Hóa", "Tân Mỹ", 2025, "Q1"),
            ("Chiêm Hóa", "Tân Mỹ", 2025, "Q2"),
        ]

    def test_nine_months_beats_a_half_and_a_later_half_a_quarter(self):
        t = _table("admissions", [
            {"unit": "A", "period": "H1", "source": "a", "admitted": 3},
            {"unit": "A", "period": "M9", "source": "b", "admitted": 5},
            {"unit": "B", "period": "Q4", "source": "c", "admitted": 1},
            {"unit": "B", "period": "H2", "source": "d", "admitted": 4},
        ])  # fmt: skip
        got = ind.whole_years(t)
        assert got[["unit", "periods", "admitted", "complete"]].values.tolist() == [["A", "M9", 5, False], ["B", "H2", 4, False]]

    def test_a_table_without_periods_is_whole_years(self):
        t = pd.DataFrame({"district": ["A"], "unit": ["x"], "unit_type": ["commune"], "year": [2023], "source": ["s"],
                          "cadres": [2], "tasks": [8], "tasks_completed": [4]})  # fmt: skip
        got = ind.whole_years(t)
        assert got[["period", "complete", "periods", "tasks"]].values.tolist() == [["year", True, "year", 8]]

    def test_an_unknown_period_is_refused(self):
        t = _table("breakthrough_tasks", [{"unit": "x", "period": "H3", "source": "s", "tasks": 1}])
        with pytest.raises(ValueError, match="period must be one of year, M9, H1"):
            ind.whole_years(t)

    def test_halves_of_posts_take_the_later_report(self):
        t = _table("placements", [
            {"unit": "x", "period": "H1", "source": "a", "secretary_non_local": True, "pc_vice_chairs": 2, "officials_members": 15},
            {"unit": "x", "period": "H2", "source": "b", "secretary_non_local": False, "pc_vice_chairs": 2, "officials_members": 16},
        ])  # fmt: skip
        got = ind.whole_years(t)
        assert got[["secretary_non_local", "pc_vice_chairs", "officials_members", "periods"]].values.tolist() == [[False, 2, 16, "H1+H2"]]

    def test_halves_of_tasks_sum_the_tasks_not_the_cadres(self):
        t = _table("breakthrough_tasks", [
            {"unit": "x", "period": "H1", "source": "a", "cadres": 5, "tasks": 12, "tasks_completed": 4},
            {"unit": "x", "period": "H2", "source": "b", "cadres": 6, "tasks": 10, "tasks_completed": 9},
        ])  # fmt: skip
        got = ind.breakthrough_summary(t)
        assert got[["cadres", "tasks", "tasks_completed", "complete", "periods"]].values.tolist() == [[6, 22, 13, True, "H1+H2"]]

    def test_halves_of_ratings_are_the_year_end_rating(self):
        rows = [{"unit": "x", "period": p, "source": p, "subject": "members", "level": lv, "count": n}
                for p, lv, n in (("H1", "good", 30), ("H1", "excellent", 2), ("H2", "good", 28), ("H2", "excellent", 5))]  # fmt: skip
        year = ind.whole_years(_table("ratings", rows))
        assert year[["period", "level", "count", "source", "periods"]].values.tolist() == [
            ["year", "good", 28, "H2", "H1+H2"], ["year", "excellent", 5, "H2", "H1+H2"]]  # fmt: skip
        got = ind.good_or_better(_table("ratings", rows), subject="members")
        assert got[["rated", "good_or_better", "excellent", "complete", "periods"]].values.tolist() == [[33, 33, 5, True, "H1+H2"]]
        assert got.attrs["set_aside"] == [("Chiêm Hóa", "x", 2025, "H1"), ("Chiêm Hóa", "x", 2025, "H1")]


class TestIndicatorsSayWhenAYearIsIncomplete:
    def test_by_unit(self, admissions_2025):
        got = ind.admissions_attainment(admissions_2025)
        expected = pd.DataFrame({
            "district": pd.Series(["Chiêm Hóa"] * 4, dtype="str"),
            "unit": pd.Series(["Hòa Phú", "Kim Bình", "Tân Mỹ", "Yên Lập"], dtype="str"),
            "unit_type": pd.Series(["commune"] * 4, dtype="str"),
            "year": pd.Series([2025] * 4, dtype="Int64"),
            "target": pd.Series([9, 6, 5, 8], dtype="Int64"),
            "admitted": pd.Series([10, 2, 1, 8], dtype="Int64"),
            "attainment": pd.Series([10 / 9, 2 / 6, 1 / 5, 1.0], dtype="Float64"),
            "complete": pd.Series([True, False, False, True], dtype="boolean"),
            "periods": pd.Series(["year", "H1", "Q3", "H1+H2"], dtype="str"),
        })  # fmt: skip
        assert_frame_equal(got, expected)
        assert got.attrs["incomplete"] == [2025]

    def test_by_district_never_adds_a_half_to_its_year(self, admissions_2025):
        got = ind.admissions_attainment(admissions_2025, by="district").iloc[0]
        assert (int(got.admitted), int(got.target), bool(got.complete)) == (10 + 8 + 2 + 1, 9 + 8 + 6 + 5, False)
        assert got.periods == "year, H1+H2, H1, Q3"

    def test_the_reading_says_the_year_is_first_half_only(self):
        rows = [{"unit": u, "period": "H1", "source": u, "target": 9, "admitted": 4} for u in ("Hòa Phú", "Yên Lập")]
        frame = ind.admissions_attainment(_table("admissions", rows), by="district")
        assert nar.admissions_reading(frame) == (
            "Năm 2025, huyện Chiêm Hóa kết nạp 8 đảng viên mới, đạt 44,4 % chỉ tiêu năm (18) của 2 tổ chức cơ sở đảng có chỉ tiêu."
            " Năm 2025 mới có số liệu 6 tháng đầu năm."
        )
        assert nar.admissions_reading(frame, lang="en").endswith(" 2025: first half only.")

    def test_a_whole_year_reading_says_nothing_of_periods(self, admissions_2025):
        whole = admissions_2025[admissions_2025["unit"].isin(["Hòa Phú", "Yên Lập"])]
        frame = ind.admissions_attainment(whole, by="district")
        assert "tháng" not in nar.admissions_reading(frame) and bool(frame["complete"].iloc[0])

    def test_ratings_reading_says_it_once(self):
        rows = [{"unit": "x", "period": "H1", "source": "s", "subject": s, "level": "good", "count": n}
                for s, n in (("organisation", 1), ("members", 20))]  # fmt: skip
        text = nar.ratings_reading(ind.good_or_better(_table("ratings", rows)), lang="en")
        assert text.count("2025: first half only.") == 1 and text.endswith("2025: first half only.")


class TestOnTheBoundariesOf2025:
    def test_the_new_communes_whole_year_wins_over_its_predecessors_first_half(self):
        rows = [
            {"district": "Sơn Dương", "unit": "Vân Sơn", "period": "H1", "source": "h1!1!B5", "target": 4, "admitted": 2},
            {"district": "Sơn Dương", "unit": "Hồng Lạc", "period": "H1", "source": "h1!1!B6", "target": 5, "admitted": 3},
            {"district": None, "unit": "Hồng Sơn", "period": "year", "source": "tinh!1!B9", "target": 10, "admitted": 11},
        ]
        t = _table("admissions", rows)
        got = ind.admissions_attainment(t, boundaries=2025)
        assert got[["unit", "admitted", "target", "complete", "periods"]].values.tolist() == [["Hồng Sơn", 11, 10, True, "year"]]
        assert got.attrs["set_aside"] == [(None, "Hồng Sơn", 2025, "H1")]

    def test_predecessors_first_half_alone_is_incomplete(self):
        rows = [
            {"district": "Sơn Dương", "unit": "Vân Sơn", "period": "H1", "source": "h1!1!B5", "target": 4, "admitted": 2},
            {"district": "Sơn Dương", "unit": "Hồng Lạc", "period": "H1", "source": "h1!1!B6", "target": 5, "admitted": 3},
        ]
        got = ind.admissions_attainment(_table("admissions", rows), boundaries=2025)
        assert got[["unit", "admitted", "target", "complete", "periods"]].values.tolist() == [["Hồng Sơn", 5, 9, False, "H1"]]
