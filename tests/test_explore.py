"""The explorer's callbacks, called as the widgets call them, without a browser."""

from __future__ import annotations

import pytest

from helpers.explore import Choice, Explorer, choices, render, settle
from helpers.report import load_data


@pytest.fixture(scope="module")
def data():
    return load_data()


class TestCallbacks:
    def test_a_choice_is_settled_on_what_the_data_have(self, data):
        assert settle(data, Choice()) == Choice(district="Chiêm Hóa", year=2025, figure="admissions_target", lang="vi")  # the first half of 2025, the district's last report
        assert settle(data, Choice(district="CHIEM HOA", year=2019, figure="breakthrough_tasks")).year == 2021  # tasks start in 2021

    def test_the_lists_offer_the_datas_districts_and_years_in_the_chosen_language(self, data):
        options = choices(data, settle(data, Choice(district="Na Hang", figure="non_local_leadership", lang="en")))
        assert [v for _label, v in options["district"]] == data.districts
        assert [v for _label, v in options["year"]] == [2020, 2021, 2022, 2023, 2024, 2025]
        assert options["figure"][0] == ("Admissions against the target", "admissions_target")
        assert options["boundaries"][0] == ("as reported", None) and options["lang"] == [("Tiếng Việt", "vi"), ("English", "en")]
        assert choices(data, settle(data, Choice()))["boundaries"][0] == ("như báo cáo", None)

    def test_render_draws_the_figure_reading_and_table_of_the_year(self, data):
        view = render(data, settle(data, Choice(district="Na Hang", year=2021, figure="admissions_target", lang="en")))
        assert view.figure.get_suptitle() == "New members admitted against target — Na Hang, 2021"
        assert view.reading.startswith("In 2021, Na Hang district admitted")
        assert view.table.caption == "New members admitted by party organisation, 2021"

    def test_unknown_district_is_the_clear_error(self, data):
        from helpers.dataset import UnknownDistrict

        with pytest.raises(UnknownDistrict, match="the data have: Chiêm Hóa"):
            settle(data, Choice(district="Xyz", lang="en"))


class TestWidgets:
    def test_changing_a_list_redraws_in_place(self, data):
        explorer = Explorer(data, Choice(lang="en"))
        explorer.controls["district"].value = "Lâm Bình"
        assert explorer.choice.district == "Lâm Bình"
        assert explorer.view.figure.get_suptitle().endswith("Lâm Bình, 2025")
        explorer.controls["figure"].value = "breakthrough_tasks"
        explorer.controls["year"].value = 2022
        assert explorer.view.reading.startswith("In 2022, Lâm Bình district assigned")
        assert [v for _l, v in explorer.controls["year"].options] == [2021, 2022, 2023, 2024]

    def test_switching_the_language_relabels_the_lists(self, data):
        explorer = Explorer(data, Choice(lang="en"))
        explorer.controls["lang"].value = "vi"
        assert explorer.controls["district"].description == "Huyện"
        assert explorer.controls["figure"].options[0][0] == "Kết nạp so với chỉ tiêu"
        assert explorer.view.reading.startswith("Năm 2025, huyện Chiêm Hóa kết nạp")

    def test_boundaries_change_the_units(self, data):
        explorer = Explorer(data, Choice(district="Lâm Bình", figure="term_pace", lang="en"))
        before = explorer.view.reading
        explorer.controls["boundaries"].value = 2024
        assert explorer.choice.boundaries == 2024 and explorer.view.reading != before
