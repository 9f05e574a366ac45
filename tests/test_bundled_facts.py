"""The article's figures F1–F13, proved from the tidy tables of data/raw.

An independent check of the bundled data: the workbooks are read with the
package's reader and every figure is recomputed here with plain pandas
(not with :mod:`helpers.indicators` or :mod:`helpers.facts`).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import config

DISTRICT = "Chiêm Hóa"


@pytest.fixture(scope="module")
def raw():
    """The tidy tables of data/raw, as the reader gives them (no problem at all)."""
    from helpers.read import read_reports

    reports = read_reports(config.RAW_DATA_DIR)
    assert [str(p) for p in reports.problems] == []
    return {k: reports.tables[k] for k in ("admissions", "ratings", "placements", "breakthrough_tasks")}


def _district(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["district"] == DISTRICT]


def _good_or_better_share(frame: pd.DataFrame) -> float:
    rated = frame[frame["level"].notna()]
    return rated.loc[rated["level"].isin(["good", "excellent"]), "count"].sum() / rated["count"].sum()


class TestF1F2YenLap:
    def test_all_official_members_in_village_cells_and_8_on_committees(self, raw):
        p = _district(raw["placements"])
        yen_lap = p[(p["unit"] == "Yên Lập") & p["year"].between(2022, 2024)]
        assert sorted(yen_lap["year"]) == [2022, 2023, 2024]
        assert (yen_lap["officials_in_village_cells"] / yen_lap["officials_members"]).eq(1.0).all()
        assert yen_lap["officials_in_village_committees"].eq(8).all()


class TestF3F4F5HoaPhu:
    def test_target_9_a_year_26_admitted_57_percent(self, raw):
        a = _district(raw["admissions"])
        hoa_phu = a[(a["unit"] == "Hòa Phú") & a["year"].between(2020, 2024)]
        assert hoa_phu.set_index("year")["target"].to_dict() == dict.fromkeys(range(2020, 2025), 9)
        admitted = int(hoa_phu.loc[hoa_phu["year"] <= 2023, "admitted"].sum())
        assert admitted == 26
        share = admitted / hoa_phu["target"].sum()
        assert math.floor(share * 100) == 57  # the article truncates
        assert round(share * 100, 1) == 57.8


class TestF6F7F8Placements2023:
    def test_22_of_24_secretaries_10_chairs_4_vice_chairs_2_double_posts(self, raw):
        p = _district(raw["placements"])
        y = p[p["year"] == 2023]
        assert (int(y["secretary_non_local"].sum()), len(y)) == (22, 24)
        assert int(y["pc_chair_non_local"].sum()) == 10
        assert int(y["pc_vice_chairs_non_local"].sum()) == 4
        assert int(y["secretary_chairs_pc"].sum()) == 2


class TestF9BreakthroughTasks2023:
    def test_765_tasks_195_cadres(self, raw):
        b = _district(raw["breakthrough_tasks"])
        y = b[b["year"] == 2023]
        assert (int(y["tasks"].sum()), int(y["cadres"].sum())) == (765, 195)


class TestF10F11Ratings:
    @pytest.mark.parametrize("year", [2020, 2021, 2022, 2023])
    def test_over_90_percent_good_or_better(self, raw, year):
        r = _district(raw["ratings"])
        y = r[r["year"] == year]
        assert _good_or_better_share(y[y["subject"] == "organisation"]) > 0.9
        members = y[y["subject"] == "members"]
        assert _good_or_better_share(members) > 0.9
        # also when members not rated count in the denominator
        good = members.loc[members["level"].isin(["good", "excellent"]), "count"].sum()
        assert good / members["count"].sum() > 0.9


class TestF12Admissions:
    def test_over_540_admitted_in_2020_2022(self, raw):
        a = _district(raw["admissions"])
        assert int(a.loc[a["year"].between(2020, 2022), "admitted"].sum()) > 540


class TestF13ExcellentEveryYear:
    def test_some_organisations_excellent_2018_to_2022(self, raw):
        r = _district(raw["ratings"])
        exc = r[(r["subject"] == "organisation") & (r["level"] == "excellent") & r["year"].between(2018, 2022)]
        every_year = exc.groupby("unit")["year"].nunique().loc[lambda s: s == 5].index.tolist()
        assert len(every_year) >= 1
        assert set(r["year"]) >= set(range(2018, 2023))
