"""Tables carried onto the communes of 1 July 2025 (and onto a year's, with the §6 columns)."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import indicators, schema
from helpers.units import COMMUNE_LEVEL, to_boundaries, units_in

from test_registry import CHIEM_HOA_2025

# New commune -> its GSO code (Nghị quyết 1684/NQ-UBTVQH15; codes of the GSO list of 1 July 2025).
NEW_CODES = {
    "Chiêm Hóa": "02287", "Hòa An": "02353", "Kiên Đài": "02332", "Kim Bình": "02350", "Tân An": "02320",
    "Tân Mỹ": "02308", "Tri Phú": "02359", "Trung Hà": "02305", "Yên Lập": "02317", "Yên Nguyên": "02365",
}
OLD_TO_NEW = {old: new for new, olds in CHIEM_HOA_2025.items() for old in olds}
AGENCY = "Công an huyện"


def _units():
    """Chiêm Hóa's 2023 units (24 communes and the town) and one agency, each with a number."""
    units = units_in("Chiêm Hóa", 2023, kinds=COMMUNE_LEVEL)
    rows = [(u.name, u.type) for u in units.itertuples()] + [(AGENCY, "agency")]
    return [(name, utype, i + 1) for i, (name, utype) in enumerate(rows)]


def _common(name, utype, i):
    return {"district": "Chiêm Hóa", "unit": name, "unit_type": utype, "year": 2023, "source": f"a.xlsx!2023!B{7 + i}"}


def _table(name, rows):
    return schema.conform(name, pd.DataFrame(rows))


def _want(name, table, figures):
    """The expected 2025 table, computed here from the resolution's composition (not by the package).

    ``figures`` maps each figure to "sum" or "any" (a yes/no post: yes when any is, missing when all are).
    """
    rows = []
    keys = ["subject", "level"] if name == "ratings" else []
    for new, olds in CHIEM_HOA_2025.items():
        part = table[table["unit"].isin(olds)]
        rec = {"province": "Tuyên Quang", "district": None, "unit": new, "unit_type": "commune",
               "unit_code": NEW_CODES[new], "year": 2023}
        groups = part.groupby(keys, sort=False, observed=True, dropna=False) if keys else [((), part)]
        for key, grp in groups:
            r = dict(rec, source=" + ".join(grp["source"]), **dict(zip(keys, key)))
            for f, how in figures.items():
                if how == "sum":
                    r[f] = grp[f].sum(min_count=1)
                else:
                    r[f] = bool(grp[f].fillna(False).any()) if grp[f].notna().any() else pd.NA
            rows.append(r)
    for agency in table[table["unit"] == AGENCY].to_dict("records"):
        rows.append({**agency, "province": "Tuyên Quang", "unit_code": None})
    return rows


def _order_as(got, rows, name):
    """``rows`` as a frame with ``got``'s columns and dtypes, in ``got``'s row order."""
    frame = pd.DataFrame(rows)
    want = schema.conform(name, frame)
    key = ["unit"] + (["subject", "level"] if name == "ratings" else [])

    def labels(f):
        return ["|".join(map(str, t)) for t in f[key].astype(object).itertuples(index=False, name=None)]

    want.index = labels(want)
    return want.loc[labels(got)].reset_index(drop=True)[got.columns]


class TestEachTableOn2025:
    def test_admissions_counts_and_targets_summed(self):
        rows = [dict(_common(n, t, i), target=i, admitted=i + 1, female=i % 3, ethnic_minority=i % 2, youth_union=1, religious=0)
                for n, t, i in _units()]
        table = _table("admissions", rows)
        got = to_boundaries(table, 2025)
        figures = dict.fromkeys(["target", "admitted", "female", "ethnic_minority", "youth_union", "religious"], "sum")
        assert_frame_equal(got, _order_as(got, _want("admissions", table, figures), "admissions"))
        assert len(got) == 11
        assert got.attrs["boundaries"] == 2025
        assert got.attrs["agencies_kept"] == (("Chiêm Hóa", AGENCY),)
        assert got.attrs["unmapped"] == () and got.attrs["divided"] == ()

    def test_ratings_counts_summed_per_subject_and_level(self):
        rows = []
        for n, t, i in _units():
            rows.append(dict(_common(n, t, i), subject="organisation", level="good" if i % 2 else "excellent", count=1))
            rows.append(dict(_common(n, t, i), subject="members", level="good", count=10 + i))
            rows.append(dict(_common(n, t, i), subject="members", level=None, count=i % 4))
        table = _table("ratings", rows)
        got = to_boundaries(table, 2025)
        assert_frame_equal(got, _order_as(got, _want("ratings", table, {"count": "sum"}), "ratings"))
        yen_nguyen = got[(got["unit"] == "Yên Nguyên") & (got["subject"] == "organisation")]
        assert yen_nguyen["count"].sum() == 2  # Hòa Phú's and Yên Nguyên's own organisations

    def test_placements_counts_summed_and_posts_any_yes(self):
        rows = [dict(_common(n, t, i), secretary_non_local=(i % 5 == 0) if i % 7 else None, secretary_chairs_pc=i % 2 == 0,
                     pc_chair_non_local=None, pc_vice_chairs=2, pc_vice_chairs_non_local=i % 2, officials_members=20 + i,
                     officials_in_village_cells=3, officials_in_village_committees=i % 3)
                for n, t, i in _units() if t != "agency"]
        table = _table("placements", rows)
        got = to_boundaries(table, 2025)
        figures = {**dict.fromkeys(["secretary_non_local", "secretary_chairs_pc", "pc_chair_non_local"], "any"),
                   **dict.fromkeys(["pc_vice_chairs", "pc_vice_chairs_non_local", "officials_members",
                                    "officials_in_village_cells", "officials_in_village_committees"], "sum")}
        assert_frame_equal(got, _order_as(got, _want("placements", table, figures), "placements"))
        assert got["pc_chair_non_local"].isna().all()
        chiem_hoa = got.set_index("unit").loc["Chiêm Hóa"]
        assert chiem_hoa["pc_vice_chairs"] == 10  # five predecessors, two each

    def test_breakthrough_tasks_summed(self):
        rows = [dict(_common(n, t, i), cadres=i, tasks=4 * i, tasks_completed=3 * i) for n, t, i in _units()]
        table = _table("breakthrough_tasks", rows)
        got = to_boundaries(table, 2025)
        assert_frame_equal(got, _order_as(got, _want("breakthrough_tasks", table, dict.fromkeys(["cadres", "tasks", "tasks_completed"], "sum")),
                                          "breakthrough_tasks"))


def _tasks(rows, extra=None):
    frame = pd.DataFrame(rows, columns=["district", "unit", "unit_type", "year", "source", "cadres", "tasks", "tasks_completed"])
    frame = schema.conform("breakthrough_tasks", frame)
    for col, values in (extra or {}).items():
        frame[col] = pd.Series(values, dtype="str")
    return frame


class TestOn2025:
    def test_a_divided_commune_goes_to_its_default_and_is_flagged(self):
        table = _tasks([("Yên Sơn", "Thái Bình", "commune", 2023, "y!2023!B9", 3, 10, 9),
                        ("Yên Sơn", "Mỹ Bằng", "commune", 2023, "y!2023!B10", 2, 8, 8)])
        got = to_boundaries(table, 2025)
        assert got.loc[0, ["unit", "unit_code"]].tolist() == ["Thái Bình", "02494"]
        assert got.attrs["divided"] == (("Tuyên Quang", "Yên Sơn", "Thái Bình", 2023, "Thái Bình", "02494"),)

    def test_predecessors_from_two_districts_and_two_years(self):
        """Phúc Sơn was in Chiêm Hóa until 2020 and in Lâm Bình from 2021: both go to Minh Quang."""
        table = _tasks([("Chiêm Hóa", "Phúc Sơn", "commune", 2020, "c!2020!B9", 1, 5, 5),
                        ("Lâm Bình", "Phúc Sơn", "commune", 2022, "l!2022!B9", 2, 6, 6),
                        ("Lâm Bình", "Hồng Quang", "commune", 2022, "l!2022!B8", 3, 7, 6),
                        ("Lâm Bình", "Minh Quang", "commune", 2022, "l!2022!B10", 4, 8, 8)])
        got = to_boundaries(table, 2025)
        assert got[["unit", "unit_code", "year", "cadres", "tasks", "tasks_completed"]].values.tolist() == [
            ["Minh Quang", "02302", 2020, 1, 5, 5], ["Minh Quang", "02302", 2022, 9, 21, 20]]
        assert got.attrs["former_districts"] == {"02302": ("Chiêm Hóa", "Lâm Bình")}
        assert got["district"].isna().all()

    def test_units_merged_before_the_library_snapshot_follow_the_history_layer(self):
        table = _tasks([("Sơn Dương", "Vân Sơn", "commune", 2019, "s!2019!B9", 1, 2, 2),
                        ("Sơn Dương", "Hồng Lạc", "commune", 2019, "s!2019!B10", 1, 3, 3)])
        got = to_boundaries(table, 2025)
        assert got[["unit", "unit_code", "tasks"]].values.tolist() == [["Hồng Sơn", "02608", 5]]

    def test_with_province_and_unit_code_columns_and_hagiang(self):
        table = _tasks([(" Hà Giang", "Quang Trung", "ward", 2023, "h!2023!B9", 1, 2, 2)],
                       extra={"province": ["Hà Giang"], "unit_code": ["00691"]})
        table["district"] = "Hà Giang"
        got = to_boundaries(table, 2025)
        assert got.columns.tolist()[:9] == ["province", "district", "commune", "unit", "unit_type", "unit_code", "year", "period", "source"]
        assert got.loc[0, ["province", "unit", "unit_type", "unit_code"]].tolist() == ["Tuyên Quang", "Hà Giang 2", "ward", "00691"]

    def test_unknown_units_are_kept_and_listed(self):
        table = _tasks([("Chiêm Hóa", "Không Có", "commune", 2023, "c!2023!B9", 1, 2, 2)])
        got = to_boundaries(table, 2025)
        assert got.loc[0, ["district", "unit"]].tolist() == ["Chiêm Hóa", "Không Có"]
        assert got.attrs["unmapped"] == (("Chiêm Hóa", "Không Có", 2023),)

    def test_rates_are_recomputed_from_sums(self):
        adm = schema.conform("admissions", pd.DataFrame({
            "district": ["Chiêm Hóa"] * 2, "unit": ["Hòa Phú", "Yên Nguyên"], "unit_type": ["commune"] * 2,
            "year": [2023, 2023], "source": ["a!1!B1", "a!1!B2"], "target": [1, 9], "admitted": [1, 0]}))
        got = indicators.admissions_attainment(adm, boundaries=2025)
        assert got.loc[0, ["unit", "target", "admitted"]].tolist() == ["Yên Nguyên", 10, 1]
        assert got.loc[0, "attainment"] == pytest.approx(0.1)  # not the mean of 1.0 and 0.0
        assert got.attrs["boundaries"] == 2025 and got.attrs["divided"] == []


class TestOnAYearWithTheNewColumns:
    def test_unit_code_follows_the_unit(self):
        table = _tasks([("Sơn Dương", "Vân Sơn", "commune", 2023, "s!2023!B9", 2, 8, 7),
                        ("Sơn Dương", "Hồng Lạc", "commune", 2023, "s!2023!B10", 3, 9, 9)],
                       extra={"province": ["Tuyên Quang"] * 2, "unit_code": ["02593", "02617"]})
        got = to_boundaries(table, 2024)
        assert got.columns.tolist()[:9] == ["province", "district", "commune", "unit", "unit_type", "unit_code", "year", "period", "source"]
        assert got[["unit", "unit_code", "cadres", "source"]].values.tolist() == [["Hồng Sơn", "02608", 5, "s!2023!B9 + s!2023!B10"]]

    def test_units_outside_the_layer_are_kept_not_unmapped(self):
        table = _tasks([("Nam Đàn", "Nam Hưng", "commune", 2023, "n!2023!B9", 2, 8, 7)])
        got = to_boundaries(table, 2020)
        assert got.loc[0, ["district", "unit"]].tolist() == ["Nam Đàn", "Nam Hưng"]
        assert got.attrs["unmapped"] == ()
