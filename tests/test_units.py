"""The unit registry: composition per district and year, and the crosswalk."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.text import canonical
from helpers.units import (
    COMMUNE_LEVEL,
    district_names,
    known_unit_type,
    load_units,
    to_boundaries,
    units_in,
)


def _names(district, year, kinds=COMMUNE_LEVEL):
    return set(units_in(district, year, kinds=kinds)["name"])


class TestLoadUnits:
    def test_columns_and_types(self):
        units = load_units()
        assert units.columns.tolist() == ["code", "name", "type", "district", "valid_from", "valid_to", "successor"]
        assert set(units["type"]) == {"commune", "town", "ward", "agency"}
        assert set(units["district"]) == set(district_names())

    def test_names_are_canonical(self):
        units = load_units()
        for name in units["name"]:
            assert name == canonical(name) == unicodedata.normalize("NFC", name)
        assert "Quí Quân" in set(units["name"])  # the GSO spelling is kept

    def test_every_successor_exists_from_the_change(self):
        units = load_units()
        ended = units[units["valid_to"].notna()]
        for row in ended.itertuples():
            match = units[(units["code"] == row.successor) & (units["valid_from"] == row.valid_to)]
            assert len(match) == 1, row

    def test_agency_codes_are_district_code_and_suffix(self):
        agencies = load_units().query("type == 'agency'")
        assert agencies["code"].str.fullmatch(r"07[0-6]-[A-Z]{2}").all()
        assert agencies.groupby("district").size().min() >= 6
        assert agencies["valid_from"].isna().all() and agencies["valid_to"].isna().all()

    def test_cached(self):
        assert load_units() is not load_units()  # a copy each time, from one read
        assert_frame_equal(load_units(), load_units())


class TestDistrictNames:
    def test_seven_in_code_order(self):
        assert district_names() == ["Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"]


class TestUnitsIn:
    @pytest.mark.parametrize(
        "district, counts",
        [
            ("Chiêm Hóa", {2016: 26, 2019: 26, 2020: 26, 2021: 24, 2024: 24}),
            ("Lâm Bình", {2019: 8, 2020: 8, 2021: 10, 2024: 10}),
            ("Tuyên Quang", {2019: 13, 2020: 15, 2024: 15}),
            ("Yên Sơn", {2019: 31, 2020: 28, 2024: 28}),
            ("Sơn Dương", {2019: 33, 2020: 31, 2023: 31, 2024: 30}),
            ("Na Hang", {2016: 12, 2024: 12}),
            ("Hàm Yên", {2016: 18, 2024: 18}),
        ],
    )
    def test_commune_level_counts(self, district, counts):
        for year, n in counts.items():
            assert len(units_in(district, year, kinds=COMMUNE_LEVEL)) == n, year

    def test_transfer_to_lam_binh_from_2021(self):
        assert {"Phúc Sơn", "Minh Quang"} <= _names("Chiêm Hóa", 2020)
        assert not {"Phúc Sơn", "Minh Quang"} & _names("Chiêm Hóa", 2021)
        assert {"Phúc Sơn", "Minh Quang"} <= _names("Lâm Bình", 2021)

    def test_merger_into_hong_son_in_2024(self):
        assert {"Vân Sơn", "Hồng Lạc"} <= _names("Sơn Dương", 2023)
        assert "Hồng Sơn" not in _names("Sơn Dương", 2023)
        assert "Hồng Sơn" in _names("Sơn Dương", 2024)
        assert not {"Vân Sơn", "Hồng Lạc"} & _names("Sơn Dương", 2024)

    def test_code_reuse_tan_binh_becomes_doi_can_ward(self):
        assert "Tân Bình" in _names("Yên Sơn", 2019)
        assert "Tân Bình" not in _names("Yên Sơn", 2020)
        city = units_in("Tuyên Quang", 2020, kinds=["ward"])
        assert "Đội Cấn" in set(city["name"])

    def test_lang_can_commune_then_town(self):
        assert units_in("Lâm Bình", 2020, kinds=["commune"])["name"].eq("Lăng Can").any()
        assert units_in("Lâm Bình", 2021, kinds=["town"])["name"].tolist() == ["Lăng Can"]

    def test_agencies_last_and_loose_district_match(self):
        units = units_in("chiêm hoá", 2023)
        assert units["type"].iloc[-1] == "agency"
        assert units["type"].tolist().index("agency") == 24


class TestKnownUnitType:
    def test_bare_commune_and_agency(self):
        assert known_unit_type("Chiêm Hóa", "Hòa Phú") == "commune"
        assert known_unit_type("Chiêm Hóa", "HOÀ PHÚ") == "commune"
        assert known_unit_type("Chiêm Hóa", "Vĩnh Lộc") == "town"
        assert known_unit_type("Chiêm Hóa", "Công an huyện") == "agency"

    def test_type_by_year(self):
        assert known_unit_type("Lâm Bình", "Lăng Can", 2019) == "commune"
        assert known_unit_type("Lâm Bình", "Lăng Can", 2023) == "town"
        assert known_unit_type("Tuyên Quang", "An Tường", 2019) == "commune"
        assert known_unit_type("Tuyên Quang", "An Tường", 2020) == "ward"

    def test_unknown(self):
        assert known_unit_type("Chiêm Hóa", "Không có") is None
        assert known_unit_type("Na Hang", "Hòa Phú") is None
        assert known_unit_type(None, "Hòa Phú") == "commune"


def _tasks(rows, province=None, codes=None):
    frame = pd.DataFrame(rows, columns=["district", "unit", "unit_type", "year", "source", "cadres", "tasks", "tasks_completed"])
    return schema.conform("breakthrough_tasks", frame.assign(province=province, unit_code=codes))


class TestToBoundaries:
    def test_merger_sums_into_successor(self):
        table = _tasks(
            [
                ("Sơn Dương", "Vân Sơn", "commune", 2023, "s!2023!B9", 2, 8, 7),
                ("Sơn Dương", "Hồng Lạc", "commune", 2023, "s!2023!B10", 3, 9, 9),
                ("Sơn Dương", "Công an huyện", "agency", 2023, "s!2023!B20", 4, 12, 10),
            ]
        )
        got = to_boundaries(table, 2024)
        want = _tasks(
            [
                ("Sơn Dương", "Hồng Sơn", "commune", 2023, "s!2023!B9 + s!2023!B10", 5, 17, 16),
                ("Sơn Dương", "Công an huyện", "agency", 2023, "s!2023!B20", 4, 12, 10),
            ],
            province="Tuyên Quang", codes=["02608", None],  # the province comes from the district; the code of 2024
        )
        assert_frame_equal(got, want)
        assert got.attrs["boundaries"] == 2024
        assert got.attrs["unmapped"] == ()

    def test_merged_unit_before_the_merger_is_kept_and_flagged(self):
        table = _tasks([("Sơn Dương", "Hồng Sơn", "commune", 2024, "s!2024!B9", 5, 17, 16)], province="Tuyên Quang")
        got = to_boundaries(table, 2023)
        assert_frame_equal(got, table)
        assert got.attrs["unmapped"] == (("Sơn Dương", "Hồng Sơn", 2024),)

    def test_transfer_backwards_and_rename_forwards(self):
        table = _tasks(
            [
                ("Lâm Bình", "Phúc Sơn", "commune", 2022, "l!2022!B9", 5, 20, 19),
                ("Yên Sơn", "Thắng Quân", "commune", 2021, "y!2021!B9", 5, 20, 19),
            ]
        )
        got = to_boundaries(table, 2019)
        assert got.loc[0, "district"] == "Chiêm Hóa"
        got = to_boundaries(table, 2024)
        assert got[["district", "unit", "unit_type"]].values.tolist() == [
            ["Lâm Bình", "Phúc Sơn", "commune"],
            ["Yên Sơn", "Yên Sơn", "town"],
        ]

    def test_placements_booleans_any_yes(self):
        frame = pd.DataFrame(
            {
                "district": ["Sơn Dương"] * 2,
                "unit": ["Vân Sơn", "Hồng Lạc"],
                "unit_type": ["commune"] * 2,
                "year": [2023, 2023],
                "source": ["p!1!B1", "p!1!B2"],
                "secretary_non_local": [True, False],
                "secretary_chairs_pc": [False, False],
                "pc_chair_non_local": [pd.NA, pd.NA],
                "pc_vice_chairs": [2, 1],
            }
        )
        got = to_boundaries(schema.conform("placements", frame), 2024, table_name="placements")
        assert got.loc[0, "secretary_non_local"] == True  # noqa: E712
        assert got.loc[0, "secretary_chairs_pc"] == False  # noqa: E712
        assert got["pc_chair_non_local"].isna().all()
        assert got.loc[0, "pc_vice_chairs"] == 3

    def test_ratings_counts_summed_per_level(self):
        frame = pd.DataFrame(
            {
                "district": ["Sơn Dương"] * 4,
                "unit": ["Vân Sơn", "Vân Sơn", "Hồng Lạc", "Hồng Lạc"],
                "unit_type": ["commune"] * 4,
                "year": [2023] * 4,
                "source": ["r!1!B1", "r!1!B1", "r!1!B2", "r!1!B2"],
                "subject": ["organisation", "members", "organisation", "members"],
                "level": ["good", None, "good", None],
                "count": [1, 3, 1, 4],
            }
        )
        got = to_boundaries(schema.conform("ratings", frame), 2024)
        assert got[["unit", "subject", "count"]].values.tolist() == [["Hồng Sơn", "organisation", 2], ["Hồng Sơn", "members", 7]]
        assert got["level"].isna().tolist() == [False, True]


def _chiem_hoa_admissions():
    """One row per unit of Chiêm Hóa's (as-reported) composition, 2019–2024."""
    rows = []
    for year in range(2019, 2025):
        for u in units_in("Chiêm Hóa", year, kinds=COMMUNE_LEVEL).itertuples():
            rows.append(("Chiêm Hóa", u.name, u.type, year, f"a!{year}!B1", 5, 1))
    frame = pd.DataFrame(rows, columns=["district", "unit", "unit_type", "year", "source", "target", "admitted"])
    return schema.conform("admissions", frame)


class TestChiemHoaBothViews:
    def test_as_reported_26_then_24(self):
        table = _chiem_hoa_admissions()
        per_year = table.groupby("year")["unit"].nunique().to_dict()
        assert per_year == {2019: 26, 2020: 26, 2021: 24, 2022: 24, 2023: 24, 2024: 24}
        assert table.attrs.get("boundaries") is None

    def test_on_2024_boundaries_24_every_year(self):
        mapped = to_boundaries(_chiem_hoa_admissions(), 2024)
        chiem_hoa = mapped[mapped["district"] == "Chiêm Hóa"]
        assert chiem_hoa.groupby("year")["unit"].nunique().unique().tolist() == [24]
        moved = mapped[mapped["district"] == "Lâm Bình"]
        assert sorted(moved["unit"].unique()) == ["Minh Quang", "Phúc Sơn"]
        assert sorted(moved["year"].unique()) == [2019, 2020]
        assert mapped.attrs["boundaries"] == 2024


class TestNamesRememberedPerEpoch:
    """A unit name is resolved once for the years its district's units stayed the same, and again across a change."""

    def test_a_commune_that_left_its_district_loses_its_code_from_the_year_it_left(self):
        from helpers.read.names import UnitNames

        names = UnitNames()
        got = [[r.code for r in names.resolve_all("Tuyên Quang", "Chiêm Hóa", year, ["Phúc Sơn", "Xã Hòa Phú"])]
               for year in (2019, 2020, 2021, 2024, 2020)]
        assert got == [["02299", "02335"], ["02299", "02335"], [None, "02335"], [None, "02335"], ["02299", "02335"]]

    def test_a_commune_made_in_september_has_its_code_that_year_and_not_before(self):
        from helpers.read.names import UnitNames

        names = UnitNames()
        got = [names.resolve_all("Tuyên Quang", "Sơn Dương", year, ["Hồng Sơn"])[0] for year in (2024, 2023, 2024)]
        assert [(r.code, r.unit_type) for r in got] == [("02608", "commune"), (None, "agency"), ("02608", "commune")]

    def test_years_between_changes_share_an_epoch(self):
        from helpers.units.resolve import epoch

        assert len({epoch("Tuyên Quang", "Chiêm Hóa", y) for y in range(2016, 2025)}) == 2
        assert epoch(None, None, 2026) != epoch(None, None, 2027)
