"""The bundled synthetic data: deterministic, complete, and following the rules."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import config, sample_data, sample_data_2025
from helpers.units import COMMUNE_LEVEL, district_names, load_units, units_in

KINDS = ("admissions", "ratings", "placements", "breakthrough_tasks")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The generator run once into a fresh folder: (folder, tidy tables)."""
    out = tmp_path_factory.mktemp("raw")
    return out, sample_data.generate(out)


@pytest.fixture(scope="module")
def regenerated(generated):
    return generated[0]


@pytest.fixture(scope="module")
def tables():
    return sample_data.sample_tables()


@pytest.fixture(scope="module")
def district_tables(tables):
    """The districts' reports: the whole years 2016–2024 and the first half of 2025."""
    return {k: v[v["district"].notna()] for k, v in tables.items()}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.xlsx"))}


class TestRecords:
    def test_one_sheet(self):
        recs = sample_data.records("Chiêm Hóa", "ratings", 2020)
        assert len(recs) == 34
        assert {r["organisation"] for r in recs} <= {"excellent", "good", "completed", "not_completed"}

    def test_unknown_kind(self):
        with pytest.raises(ValueError, match="kind must be one of"):
            sample_data.records("Chiêm Hóa", "payroll", 2020)


class TestCli:
    def test_regenerates_the_committed_files_byte_for_byte(self, regenerated):
        committed = _files(config.RAW_DATA_DIR)
        fresh = _files(regenerated)
        assert sorted(fresh) == sorted(committed)
        assert len(fresh) == 28 + len(sample_data_2025.books()) + len(sample_data.form_books()) == 80
        different = [name for name in fresh if fresh[name] != committed[name]]
        assert different == []

    def test_says_synthetic_in_the_chosen_language(self, tmp_path, capsys, monkeypatch):
        calls = []
        monkeypatch.setattr(sample_data, "generate", lambda out: calls.append(out) or _empty_tables())
        assert sample_data.cli(["--out", str(tmp_path), "--lang", "en"]) == 0
        assert "synthetic workbooks" in capsys.readouterr().out
        assert calls == [str(tmp_path)]


def _empty_tables():
    from helpers import schema

    return {k: schema.empty(k) for k in KINDS}


class TestWorkbookPath:
    def test_slug_and_kind(self):
        assert sample_data.workbook_path("Tuyên Quang", "ratings") == "tuyen-quang/ratings.xlsx"


class TestSampleTables:
    def test_same_as_the_generator_writes(self, tables, generated):
        for kind in KINDS:
            assert_frame_equal(tables[kind], generated[1][kind])

    def test_sources_name_the_written_files(self, tables, regenerated):
        from openpyxl import load_workbook

        row = tables["admissions"].query("district == 'Chiêm Hóa' and unit == 'Hòa Phú' and year == 2023").iloc[0]
        file, sheet, cell = row["source"].split("!")
        ws = load_workbook(regenerated / file, read_only=False)[sheet]
        assert ws[cell].value == "Đảng bộ xã Hòa Phú"

    def test_coverage_of_districts_kinds_years(self, district_tables):
        for kind in KINDS:
            got = district_tables[kind].query("period == 'year'").groupby("district")["year"].agg(lambda s: sorted(s.unique())).to_dict()
            want = {d: list(sample_data.YEARS[kind]) for d in district_names()}
            assert got == want, kind

    def test_coverage_of_2025_by_level_and_period(self, tables):
        for kind in KINDS:
            t = tables[kind][tables[kind]["year"] == 2025]
            got = t.assign(level=t["district"].notna().map({True: "district"}).fillna(
                t["commune"].notna().map({True: "commune", False: "province"})))
            got = sorted(set(zip(got["level"], got["period"])))
            want = {"admissions": [("commune", "year"), ("district", "H1"), ("province", "year")],
                    "ratings": [("commune", "year"), ("district", "H1"), ("province", "year")],
                    "placements": [("district", "H1"), ("province", "year")], "breakthrough_tasks": []}[kind]
            assert got == want, kind

    def test_units_are_each_years_registry_composition(self, tables):
        for kind in KINDS:
            frame = tables[kind]
            kinds = COMMUNE_LEVEL if kind == "placements" else None
            for (district, year), part in frame.groupby(["district", "year"]):
                want = set(units_in(district, year, kinds=kinds)["name"])
                assert set(part["unit"]) == want, (kind, district, year)

    def test_only_registry_names(self, tables):
        names = set(load_units()["name"])
        for kind in KINDS:
            assert set(tables[kind].query("district.notna()")["unit"]) <= names


def _levels(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.pivot_table(index=["district", "year", "unit", "unit_type"], columns="level", values="count",
                             aggfunc="sum", observed=False).fillna(0)


class TestRules:
    def test_excellent_organisations_at_most_20_percent_of_good_per_like_group(self, district_tables):
        orgs = district_tables["ratings"].query("subject == 'organisation'")
        orgs = orgs.assign(group=orgs["unit_type"].eq("agency").map({True: "agencies", False: "communes"}))
        counts = orgs.groupby(["district", "year", "group"])["level"].value_counts().unstack(fill_value=0)
        assert (counts["excellent"] <= 0.2 * counts["good"]).all()
        assert (counts["excellent"] >= 1).all()

    @pytest.mark.parametrize("subject", ["members", "cells"])
    def test_excellent_at_most_20_percent_of_good_within_each_organisation(self, district_tables, subject):
        levels = _levels(district_tables["ratings"].query("subject == @subject and level.notna()"))
        assert (levels["excellent"] <= 0.2 * levels["good"]).all()

    def test_good_or_better_mostly_85_to_95_percent(self, district_tables):
        r = district_tables["ratings"]
        for subject in ("organisation", "members"):
            part = r[(r["subject"] == subject) & r["level"].notna()]
            share = part.groupby(["district", "year"]).apply(
                lambda g: g.loc[g["level"].isin(["good", "excellent"]), "count"].sum() / g["count"].sum()
            )
            assert share.between(0.8, 1.0).all(), subject
            assert 0.85 <= share.median() <= 0.96, subject

    def test_members_admitted_in_the_second_half_not_rated(self, district_tables):
        not_rated = district_tables["ratings"].query("subject == 'members' and level.isna()")
        merged = not_rated.merge(district_tables["admissions"], on=["district", "unit", "year"])
        assert len(merged) == len(not_rated)
        half = (merged["admitted"] * 0.4).round()
        assert (merged["count"] >= half).all()

    def test_admissions_a_few_percent_of_membership(self, district_tables):
        whole_years = {k: v.query("period == 'year'") for k, v in district_tables.items()}
        members = whole_years["ratings"].query("subject == 'members'").groupby(["district", "year"])["count"].sum()
        admitted = whole_years["admissions"].groupby(["district", "year"])["admitted"].sum()
        rate = (admitted / members).dropna()
        assert rate.between(0.01, 0.05).all()

    def test_targets_fixed_for_each_term(self, district_tables):
        a = district_tables["admissions"]
        a = a.assign(term=a["year"].map(lambda y: "2015-2020" if y <= 2019 else "2020-2025"))
        assert (a.groupby(["district", "unit", "term"])["target"].nunique() == 1).all()

    def test_breakdowns_never_larger_than_totals(self, tables):
        """At every level: the districts, the province, the communes' cells."""
        a = tables["admissions"]
        for col in ("female", "ethnic_minority", "youth_union", "religious"):
            assert (a[col] <= a["admitted"]).all(), col
        p = tables["placements"]
        assert (p["officials_in_village_cells"] <= p["officials_members"]).all()
        assert (p["officials_in_village_committees"] <= p["officials_in_village_cells"]).all()
        assert (p["pc_vice_chairs_non_local"] <= p["pc_vice_chairs"]).all()
        b = tables["breakthrough_tasks"]
        assert (b["tasks_completed"] <= b["tasks"]).all()

    def test_placements_plausible_shares(self, district_tables):
        p = district_tables["placements"]
        share = p.groupby(["district", "year"])["secretary_non_local"].mean()
        assert share.between(0.2, 0.95).all()
        # a secretary who chairs the People's Committee is the chair: not also a non-local chair
        assert not (p["secretary_chairs_pc"] & p["pc_chair_non_local"]).any()

    def test_ratings_levels_of_organisations_are_one_per_unit(self, district_tables):
        orgs = district_tables["ratings"].query("subject == 'organisation'")
        assert not orgs.duplicated(["district", "year", "unit"]).any()
        assert orgs["count"].eq(1).all()
        assert math.isclose(len(orgs), district_tables["admissions"].query("year >= 2018").shape[0])


_ORDER = {"ratings": ["source", "subject", "level"]}


def _sorted(frame, kind):
    return frame.sort_values(_ORDER.get(kind, ["source"]), na_position="last").reset_index(drop=True)


class TestReadBack:
    def test_committed_data_reads_without_any_problem_and_equals_the_generator(self, tables):
        from helpers.read import read_reports

        reports = read_reports(config.RAW_DATA_DIR)
        assert [str(p) for p in reports.problems] == []
        for kind in KINDS:
            assert_frame_equal(_sorted(reports.tables[kind], kind), _sorted(tables[kind], kind))

    def test_regenerated_folder_reads_the_same(self, regenerated):
        from helpers.read import read_reports

        fresh, committed = read_reports(regenerated), read_reports(config.RAW_DATA_DIR)
        for kind in KINDS:
            assert_frame_equal(fresh.tables[kind], committed.tables[kind])
