"""The teaching self-checks: right answers pass, wrong ones say what is wrong."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import config, teaching
from helpers.teaching import Feedback, check, messy_names
from helpers.text import canonical, fold


@pytest.fixture(scope="module")
def data():
    """The bundled tables, read once for this module."""
    return teaching.tables()


@pytest.fixture(scope="module")
def chiem_hoa(data):
    return {
        # the whole-year reports, those of the exercises' workbooks (not the last half-year of 2025)
        name: getattr(data, name)[(getattr(data, name)["district"] == "Chiêm Hóa") & (getattr(data, name)["period"] == "year")]
        for name in ("admissions", "ratings", "breakthrough_tasks")
    }


@pytest.fixture(scope="module")
def latest_sheet():
    """The latest year's admissions sheet of Chiêm Hóa, as raw cells."""
    sheets = pd.read_excel(teaching.sheet_path("admissions"), sheet_name=None, header=None, engine="calamine")
    year = max(name for name in sheets if name.isdigit())
    return int(year), sheets[year]


def _en(exercise, answer):
    return check(exercise, answer, lang="en")


class TestCheck:
    def test_blank_answer_asks_for_one(self):
        result = _en("12-hoa-phu-admitted", ...)
        assert not result
        assert result.message.startswith("Not answered yet")

    def test_blank_answer_in_vietnamese_by_default(self):
        assert check("11-canonical", ...).message.startswith("Chưa có câu trả lời")

    def test_unknown_exercise(self):
        with pytest.raises(KeyError, match="No exercise 'nope'"):
            _en("nope", 1)


class TestDataRows:
    def test_counting_the_numbered_rows_passes(self, latest_sheet):
        _, raw = latest_sheet
        assert _en("10-data-rows", int(pd.to_numeric(raw[0], errors="coerce").notna().sum()))

    def test_total_row_counted(self, latest_sheet):
        _, raw = latest_sheet
        right = int(pd.to_numeric(raw[0], errors="coerce").notna().sum())
        assert _en("10-data-rows", right + 1).message == (
            'Not yet: it looks like you counted the total row ("Tổng cộng" is not a data row).'
        )

    def test_group_and_subtotal_rows_counted(self, latest_sheet):
        _, raw = latest_sheet
        right = int(pd.to_numeric(raw[0], errors="coerce").notna().sum())
        assert _en("10-data-rows", right + 4).message.startswith("Not yet: 4 rows too many")

    def test_text_is_the_wrong_type(self):
        assert _en("10-data-rows", "31").message == "Expected int, but the answer is str."


class TestAdmittedTotal:
    def test_sum_of_the_data_rows_passes(self, chiem_hoa, latest_sheet):
        year, _ = latest_sheet
        adm = chiem_hoa["admissions"]
        assert _en("10-admitted-total", int(adm.loc[adm["year"] == year, "admitted"].sum()))

    def test_total_row_added_in_doubles_it(self, chiem_hoa, latest_sheet):
        year, _ = latest_sheet
        adm = chiem_hoa["admissions"]
        result = _en("10-admitted-total", 2 * int(adm.loc[adm["year"] == year, "admitted"].sum()))
        assert "doubled" in result.message

    def test_relative_gap_without_the_answer(self, chiem_hoa, latest_sheet):
        year, _ = latest_sheet
        adm = chiem_hoa["admissions"]
        right = int(adm.loc[adm["year"] == year, "admitted"].sum())
        result = _en("10-admitted-total", round(right * 0.8))
        assert result.message == "Not yet: about 20% too low."
        assert str(right) not in result.message


class TestCanonical:
    def test_canonical_names_pass(self):
        assert _en("11-canonical", [canonical(n) for n in messy_names()])

    def test_counts_the_names_still_messy(self):
        names = messy_names()
        messy = sum(n != canonical(n) for n in names)
        assert _en("11-canonical", names).message.startswith(f"Not yet: {messy} of {len(names)} names")

    def test_wrong_length(self):
        assert _en("11-canonical", ["Hòa Phú"]).message == f"Expected {len(messy_names())} items, the answer has 1."

    def test_distinct_units(self):
        assert _en("11-distinct-units", len({fold(n) for n in messy_names()}))
        assert not _en("11-distinct-units", len(messy_names()))


@pytest.fixture(scope="module")
def hoa_phu(chiem_hoa):
    adm = chiem_hoa["admissions"]
    return adm[adm["unit"] == "Hòa Phú"]


class TestHoaPhu:
    def test_admitted_2020_2023(self, hoa_phu):
        assert _en("12-hoa-phu-admitted", int(hoa_phu.loc[hoa_phu["year"].between(2020, 2023), "admitted"].sum()))

    def test_attainment_share_passes_and_percent_does_not(self, hoa_phu):
        admitted = int(hoa_phu.loc[hoa_phu["year"].between(2020, 2023), "admitted"].sum())
        annual = int(hoa_phu.loc[hoa_phu["year"] == 2020, "target"].iloc[0])
        share = admitted / (annual * 5)
        assert _en("12-hoa-phu-attainment", share)
        assert _en("12-hoa-phu-attainment", share * 100).message == "Not yet: give a share between 0 and 1 (0.5, not 50)."
        assert _en("12-hoa-phu-attainment", admitted / (annual * 4)).message.startswith("Not yet: about 25% too high")

    def test_label_vietnamese_and_english(self, hoa_phu):
        from helpers.i18n import format_percent

        admitted = int(hoa_phu.loc[hoa_phu["year"].between(2020, 2023), "admitted"].sum())
        share = admitted / (int(hoa_phu.loc[hoa_phu["year"] == 2020, "target"].iloc[0]) * 5)
        assert _en("14-label", format_percent(share, 1, lang="vi"))
        assert _en("14-label", format_percent(share, 1, lang="en")).message.startswith("Not yet: that is the English style")
        assert _en("14-label", format_percent(share, 0, lang="vi")).message == "Not yet: use exactly one decimal place."


@pytest.fixture(scope="module")
def right(chiem_hoa):
    """Attainment of each Chiêm Hóa unit in the latest year, divided by hand."""
    adm = chiem_hoa["admissions"]
    latest = adm[adm["year"] == adm["year"].max()]
    return pd.DataFrame(
        {"unit": latest["unit"], "attainment": latest["admitted"].astype("Float64") / latest["target"]}
    ).reset_index(drop=True)


class TestAttainmentTable:
    def test_plain_division_passes(self, right):
        assert _en("12-attainment-table", right)

    def test_wrong_columns(self, right):
        result = _en("12-attainment-table", right.rename(columns={"attainment": "share"}))
        assert result.message == "Wrong columns: expected unit, attainment; the table has unit, share."

    def test_missing_row(self, right):
        result = _en("12-attainment-table", right.iloc[1:])
        assert result.message == f"Wrong number of rows: {len(right) - 1}, expected more."

    def test_one_wrong_value_names_the_unit(self, right):
        wrong = right.copy()
        wrong.loc[0, "attainment"] = wrong.loc[0, "attainment"] * 2
        result = _en("12-attainment-table", wrong)
        assert result.message.startswith(f"Wrong in 1 rows, e.g. {right.loc[0, 'unit']}: Not yet: about 100% too high")

    def test_not_a_dataframe(self, right):
        assert _en("12-attainment-table", right.to_dict()).message == "Expected DataFrame, but the answer is dict."


@pytest.fixture(scope="module")
def members(chiem_hoa):
    rat = chiem_hoa["ratings"]
    return rat[(rat["subject"] == "members") & (rat["year"] == 2022)]


class TestRatings:
    def test_share_of_rated_members(self, members):
        rated = members[members["level"].notna()]
        good = int(rated.loc[rated["level"].isin(["good", "excellent"]), "count"].sum())
        assert _en("13-members-good-share", good / int(rated["count"].sum()))

    def test_not_rated_in_the_denominator(self, members):
        rated = members[members["level"].notna()]
        good = int(rated.loc[rated["level"].isin(["good", "excellent"]), "count"].sum())
        everyone = int(members["count"].sum())
        assert everyone > int(rated["count"].sum()), "the bundled data should have members not rated in 2022"
        assert "not rated" in _en("13-members-good-share", good / everyone).message

    def test_excellent_every_year(self, chiem_hoa):
        rat = chiem_hoa["ratings"]
        org = rat[(rat["subject"] == "organisation") & rat["year"].between(2018, 2022) & (rat["level"] == "excellent")]
        years = org.groupby("unit")["year"].nunique()
        right = sorted(years[years == 5].index)
        assert right, "the bundled data should have organisations excellent in every year 2018–2022"
        assert _en("13-excellent-every-year", right)
        assert _en("13-excellent-every-year", right[1:]).message == "Not yet: 1 names missing."
        assert _en("13-excellent-every-year", [*right, "Không có"]).message == "Not yet: 1 names too many."


class TestFigure:
    def test_bars_with_title_pass_and_no_title_fails(self, chiem_hoa):
        import matplotlib.pyplot as plt

        tasks = chiem_hoa["breakthrough_tasks"]
        latest = tasks[tasks["year"] == tasks["year"].max()]
        fig, ax = plt.subplots()
        ax.bar(latest["unit"], latest["tasks"].astype(float))
        assert _en("14-figure", fig).message == "The figure needs a title."
        ax.set_title("Việc đột phá")
        assert _en("14-figure", fig)

    def test_not_a_figure(self):
        assert _en("14-figure", [1, 2]).message == "Expected matplotlib Figure, but the answer is list."


class TestFeedback:
    def test_str_and_bool(self):
        good, bad = Feedback("x", True, "Correct."), Feedback("x", False, "Not yet.")
        assert (bool(good), bool(bad)) == (True, False)
        assert (str(good), str(bad)) == ("✔ x: Correct.", "✘ x: Not yet.")


class TestSheetPath:
    def test_points_at_a_bundled_workbook(self):
        path = teaching.sheet_path("ratings", "Na Hang")
        assert path == config.RAW_DATA_DIR / "na-hang" / "ratings.xlsx"
        assert path.exists()
