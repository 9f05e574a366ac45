"""The bundled Biểu số 2-BTCTW forms: every row read, and agreeing with the bundled admissions reports."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook
from pandas.testing import assert_frame_equal

from helpers import config, dataset, sample_data, sample_data_2025 as s25
from helpers.kinds import forms
from helpers.units import district_names

#: Section I's rows and the admissions columns they are counted from.
COUNTED = {"total": "admitted", "female": "female", "ethnic_minority": "ethnic_minority",
           "youth_union": "youth_union", "religious": "religious"}
FORM = forms.get("2-BTCTW")


@pytest.fixture(scope="module")
def raw():
    from helpers.read import read_reports

    return read_reports(config.RAW_DATA_DIR)


@pytest.fixture(scope="module")
def rows(raw):
    return raw.tables["form_rows"]


def _wide(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """One row per committee and year, a column per criterion."""
    frame = rows.assign(district=rows["district"].fillna("(tỉnh)"))
    return frame.pivot_table(index=["district", "year"], columns="criterion", values=field, aggfunc="sum")


def _district_admissions(raw) -> pd.DataFrame:
    adm = raw.tables["admissions"]
    adm = adm[adm["district"].notna() & (adm["period"] == "year")]
    return adm.groupby(["district", "year"])[list(COUNTED.values())].sum().astype("Float64")


class TestTheFiles:
    def test_a_workbook_per_district_a_sheet_per_year_and_the_provincial_boards(self):
        got = sorted(p.relative_to(config.RAW_DATA_DIR).as_posix() for p in config.RAW_DATA_DIR.rglob("bieu-*.xlsx"))
        assert got == sorted([f"{sample_data.form_path(d)}" for d in district_names()] + ["tinh/2025/bieu-2-btctw.xlsx"])
        wb = load_workbook(config.RAW_DATA_DIR / "na-hang/bieu-2-btctw.xlsx", read_only=True)
        assert wb.sheetnames == ["Hướng dẫn", *(f"Năm {y}" for y in range(2016, 2025))]

    @pytest.mark.parametrize(("path", "lines"), [
        ("chiem-hoa/bieu-2-btctw.xlsx", ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "HUYỆN ỦY CHIÊM HÓA", "BAN TỔ CHỨC"]),
        ("tuyen-quang/bieu-2-btctw.xlsx", ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "THÀNH ỦY TUYÊN QUANG", "BAN TỔ CHỨC"]),
        ("tinh/2025/bieu-2-btctw.xlsx", ["TỈNH ỦY TUYÊN QUANG", "BAN TỔ CHỨC", None]),
    ])
    def test_the_header_block_is_the_committees_and_the_form_number_top_right(self, path, lines):
        wb = load_workbook(config.RAW_DATA_DIR / path)
        ws = wb[wb.sheetnames[-1]]
        assert [ws.cell(r, 1).value for r in (1, 2, 3)] == lines
        assert ws.cell(1, 4).value == "Biểu số 2-BTCTW"


class TestReadWithEveryRow:
    def test_every_sheet_reads_every_declared_row_once(self, rows):
        declared = sorted(r.key for r in FORM.rows())
        per_sheet = rows.groupby(["district", "year"], dropna=False)["criterion"].apply(sorted)
        assert len(per_sheet) == 7 * 9 + 1
        assert all(got == declared for got in per_sheet)

    def test_the_committees_years_and_periods(self, rows):
        got = rows[["district", "unit", "unit_type", "year", "period"]].drop_duplicates()
        districts = got[got["unit_type"] == "district"]
        assert sorted(districts["district"].unique()) == sorted(district_names())
        assert sorted(districts["year"].unique()) == list(range(2016, 2025))
        province = got[got["unit_type"] == "province"]
        assert province["district"].isna().all()
        assert province[["unit", "year", "period"]].values.tolist() == [["Tuyên Quang", 2025, "year"]]
        assert (rows["period"] == "year").all()

    def test_the_bundled_data_read_without_a_problem(self, raw):
        assert [str(p) for p in raw.problems] == []


class TestAgreeWithTheAdmissions:
    def test_this_year_is_each_districts_admitted_column_by_column(self, raw, rows):
        got = _wide(rows[rows["unit_type"] == "district"], "value")[list(COUNTED)].rename(columns=COUNTED)
        got.columns.name = None
        assert_frame_equal(got, _district_admissions(raw), check_names=False)

    def test_the_same_period_last_year_is_the_year_befores_admitted(self, raw, rows):
        got = _wide(rows[(rows["unit_type"] == "district") & (rows["year"] > 2016)], "previous")
        got = got[list(COUNTED)].rename(columns=COUNTED)
        got.columns.name = None
        expected = _district_admissions(raw).reset_index()
        expected = expected[expected["year"] < 2024].assign(year=lambda f: f["year"] + 1).set_index(["district", "year"])
        assert_frame_equal(got, expected, check_names=False)

    def test_the_previous_figure_of_a_year_is_the_value_of_the_year_before_for_every_criterion(self, rows):
        mine = rows[rows["unit_type"] == "district"]
        value, previous = _wide(mine, "value"), _wide(mine, "previous")
        later = previous[previous.index.get_level_values("year") > 2016]
        before = value.rename(index=lambda y: y + 1, level="year").reindex(later.index)
        section_3 = [c for c in value.columns if c.startswith("organisations.")]
        assert_frame_equal(later, before, check_names=False)
        assert later[section_3].notna().all().all()

    def test_the_provincial_boards_2025_total_is_its_admissions_reports(self, raw, rows):
        adm = raw.tables["admissions"]
        board = adm[adm["source"].str.startswith(s25.PROVINCE_DIR + "/")]
        got = rows[rows["unit_type"] == "province"].set_index("criterion")
        for key, column in COUNTED.items():
            assert got.at[key, "value"] == board[column].sum(), key
        assert got.at["organisations.committees", "value"] == len(board) == 129
        assert got.at["organisations.committees.admitting", "value"] == (board["admitted"] > 0).sum()
        assert got.loc[got.index.str.startswith("organisations."), "previous"].isna().all()

    def test_the_provincial_boards_previous_year_holds_the_seven_districts_2024(self, rows):
        got = rows[rows["unit_type"] == "province"].set_index("criterion")["previous"]
        districts = rows[(rows["unit_type"] == "district") & (rows["year"] == 2024)].groupby("criterion")["value"].sum()
        rest = pd.DataFrame(s25._made_up_2024())
        assert got["total"] == districts["total"] + rest["admitted"].sum()
        assert got["female"] == districts["female"] + rest["female"].sum()
        counts = [k for k in got.index if not k.startswith("organisations.") and k != "age.mean"]
        assert (got[counts] >= districts[counts]).all()

    def test_the_grassroots_organisations_are_the_units_of_the_admissions_report(self, raw, rows):
        adm = raw.tables["admissions"]
        adm = adm[adm["district"].notna() & (adm["period"] == "year")]
        value = _wide(rows[rows["unit_type"] == "district"], "value")
        units = adm.groupby(["district", "year"]).size()
        admitting = adm[adm["admitted"] > 0].groupby(["district", "year"]).size()
        both = value["organisations.committees"] + value["organisations.cells"]
        assert (both == units.reindex(both.index)).all()
        assert ((value["organisations.committees.admitting"] + value["organisations.cells.admitting"])
                == admitting.reindex(both.index)).all()


class TestTheAnalysisAddsUp:
    @pytest.mark.parametrize("field", ["value", "previous"])
    @pytest.mark.parametrize("section", ["II.1", "II.2", "II.3"])
    def test_occupations_age_bands_and_schooling_each_add_up_to_the_total(self, rows, field, section):
        parts = rows[(rows["section"] == section) & (rows["criterion"] != "age.mean")
                     & (rows["criterion"].str.count(r"\.") == 1)]
        key = ["district", "year"]
        sums = parts.assign(district=parts["district"].fillna("-")).groupby(key)[field].sum()
        total = rows[rows["criterion"] == "total"]
        total = total.assign(district=total["district"].fillna("-")).set_index(key)[field]
        assert len(sums) == 64 and (sums == total.reindex(sums.index)).all()

    def test_youth_union_members_are_all_30_or_younger(self, rows):
        wide = _wide(rows, "value")
        assert (wide["age.18_30"] >= wide["youth_union"]).all()
        assert (wide["age.18_30"] >= wide["occupation.school_pupil"] + wide["occupation.university_student"]).all()

    def test_the_mean_age_is_the_bands_counted_at_their_midpoints(self, rows):
        wide = _wide(rows, "value")
        ages = sum(wide[k] * a for k, a in sample_data.AGE_MIDPOINTS.items())
        expected = (ages / wide["total"]).round(1)
        assert ((wide["age.mean"] - expected).abs() < 1e-9).all()
        assert wide["age.mean"].between(24, 32).all()

    def test_the_qualified_are_at_most_the_total_and_the_percent_is_printed_to_one_decimal(self, rows):
        wide = _wide(rows, "value")
        qualified = wide[[c for c in wide.columns if c.startswith("professional.")]].sum(axis=1)
        assert (qualified <= wide["total"]).all() and (qualified > 0).all()
        chiem_hoa = rows[(rows["district"] == "Chiêm Hóa") & (rows["year"] == 2023)].set_index("criterion")
        assert chiem_hoa.at["total", "percent"] == round(
            chiem_hoa.at["total", "value"] * 100 / chiem_hoa.at["total", "previous"], 1)


class TestTheCrossCheck:
    def test_a_form_total_changed_in_a_copy_is_the_one_disagreement(self, tmp_path):
        from helpers.read import read_reports

        for name in ("admissions.xlsx", "bieu-2-btctw.xlsx"):
            shutil.copy(config.RAW_DATA_DIR / "chiem-hoa" / name, tmp_path / name)
        assert [str(p) for p in read_reports(tmp_path).problems] == []
        wb = load_workbook(tmp_path / "bieu-2-btctw.xlsx")
        wb["2023"]["B11"] = wb["2023"]["B11"].value + 1
        wb.save(tmp_path / "bieu-2-btctw.xlsx")
        problems = [p for p in read_reports(tmp_path).problems if p.code == "form_admissions_differ"]
        assert [(p.sheet, p.cell) for p in problems] == [("2023", "B11")]


class TestStillTheBundledData:
    def test_the_district_folders_with_their_forms_are_bundled(self):
        assert dataset.is_bundled(config.RAW_DATA_DIR / "chiem-hoa")
        assert dataset.is_bundled([config.RAW_DATA_DIR / "tinh", config.RAW_DATA_DIR / "yen-son/bieu-2-btctw.xlsx"])

    def test_a_form_with_another_figure_is_not(self, tmp_path):
        wb = load_workbook(config.RAW_DATA_DIR / "chiem-hoa/bieu-2-btctw.xlsx")
        wb["2023"]["B12"] = 1
        wb.save(tmp_path / "bieu-2-btctw.xlsx")
        assert not dataset.is_bundled(tmp_path)
