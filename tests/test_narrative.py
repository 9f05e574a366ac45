"""Readings: every number from the frame, the language's way, and never a missing value shown."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import narrative as nar

NA = pd.NA
#: What a broken reading would show.
BROKEN = re.compile(r"\bnan\b|\bNone\b|<NA>|NaT|(?<![\d])–(?![\d])|\bchưa rõ\b|\bunknown\b")


def _admissions(**changes):
    row = {"district": "Na Hang", "year": 2024, "target": 97, "admitted": 90, "attainment": 90 / 97, "units": 20, "units_with_target": 20}
    return pd.DataFrame([{**row, **changes}])


def _term(**changes):
    row = {"district": "Chiêm Hóa", "term": "2020–2025", "as_of": 2023, "admitted": 700, "term_target": 1000,
           "attainment": 0.7, "remaining": 300, "years_remaining": 1, "pace_needed": 299.5, "years_without_target": ""}
    return pd.DataFrame([{**row, **changes}])


class TestAdmissions:
    def test_vietnamese(self):
        assert nar.admissions_reading(_admissions()) == (
            "Năm 2024, huyện Na Hang kết nạp 90 đảng viên mới, đạt 92,8 % chỉ tiêu năm (97) của 20 tổ chức cơ sở đảng có chỉ tiêu."
        )

    def test_english_plurals(self):
        text = nar.admissions_reading(_admissions(admitted=1, attainment=1 / 97, units=1, units_with_target=1), lang="en")
        assert text == "In 2024, Na Hang district admitted 1 new member, 1.0% of the annual target (97) of its 1 party organisation with a target."

    def test_units_without_a_target_are_said_to_be_left_out(self):
        text = nar.admissions_reading(_admissions(units=22), lang="en")
        assert text.endswith(" 2 party organisations without a target are left out of the share.")

    def test_no_target_at_all_says_why_there_is_no_share(self):
        text = nar.admissions_reading(_admissions(target=NA, attainment=NA, units_with_target=0), lang="en")
        assert text == "In 2024, Na Hang district admitted 90 new members; no party organisation had an annual target, so attainment cannot be computed."

    def test_no_admissions_figure(self):
        assert nar.admissions_reading(_admissions(admitted=NA, attainment=NA)) == "Báo cáo năm 2024 của huyện Na Hang không ghi số đảng viên kết nạp."

    def test_the_city_is_a_city(self):
        text = nar.admissions_reading(_admissions(district="Tuyên Quang"), kind="city")
        assert text.startswith("Năm 2024, thành phố Tuyên Quang kết nạp") and "huyện" not in text


class TestTerm:
    def test_the_pace_needed_is_a_whole_number_of_members_rounded_up(self):
        assert nar.term_reading(_term()) == (
            "Từ đầu nhiệm kỳ 2020–2025 đến năm 2023, huyện Chiêm Hóa kết nạp 700 đảng viên, đạt 70,0 % tổng chỉ tiêu "
            "các năm của nhiệm kỳ (1.000); mỗi năm còn lại cần kết nạp ít nhất 300 đảng viên."
        )

    def test_reached_early(self):
        assert nar.term_reading(_term(remaining=0, pace_needed=0.0), lang="en").endswith("; the term target is already reached.")

    def test_the_whole_term(self):
        text = nar.term_reading(_term(as_of=2024, years_remaining=0, pace_needed=NA), lang="en")
        assert text == (
            "Over the whole 2020–2025 term (to 2024), Chiêm Hóa district admitted 700 new members, 70.0% of the "
            "term's annual targets added up (1,000)."
        )

    def test_a_year_without_a_target_is_named(self):
        text = nar.term_reading(_term(term_target=NA, attainment=NA, years_without_target="2021, 2022"), lang="en")
        assert text.endswith("attainment of the term target cannot be computed because 2021, 2022 had no target.")

    def test_units_that_moved_are_named_with_their_years(self):
        units = pd.DataFrame({"unit": ["Phúc Sơn", "Minh Quang", "Hòa Phú", "Hồng Sơn", "Đà Vị"], "term": "2020–2025", "as_of": 2024,
                              "years_reported": [1, 1, 5, 1, 3], "status": ["left", "left", "complete", "joined", "incomplete"]})
        text = nar.term_reading(_term(as_of=2024, years_remaining=0), units=units)
        assert text.endswith(  # in Vietnamese alphabetical order: Đ after D, before H
            "được tính vào chỉ tiêu và kết quả của huyện Chiêm Hóa trong những năm có báo cáo: "
            "Đà Vị (thiếu một số năm), Hồng Sơn (từ năm 2024), Minh Quang (đến năm 2020), Phúc Sơn (đến năm 2020)."
        )

    def test_no_admissions_in_the_term(self):
        assert nar.term_reading(_term(admitted=NA), lang="en") == "The data files hold no admissions report of Chiêm Hóa district in the 2020–2025 term."


class TestComposition:
    def test_only_the_known_shares(self):
        c = pd.DataFrame({"district": ["A"], "year": [2024], "admitted": [40], "share_female": [0.25],
                          "share_ethnic_minority": [NA], "share_youth_union": [NA], "share_religious": [NA]})
        assert nar.composition_reading(c, lang="en") == "Of the 40 new members admitted by A district in 2024, 25.0% are women."

    def test_none_known(self):
        c = pd.DataFrame({"district": ["A"], "year": [2024], "admitted": [40], "share_female": [NA],
                          "share_ethnic_minority": [NA], "share_youth_union": [NA], "share_religious": [NA]})
        assert nar.composition_reading(c).startswith("Báo cáo năm 2024 của huyện A không ghi đủ thành phần")

    def test_no_one_admitted(self):
        c = pd.DataFrame({"district": ["A"], "year": [2024], "admitted": [0], "share_female": [NA]})
        assert nar.composition_reading(c, lang="en") == "In 2024, A district admitted no new members."


class TestRatings:
    def _good(self, **changes):
        row = {"district": "A", "year": 2024, "subject": "members", "rated": 1000, "good_or_better": 905, "excellent": 100,
               "not_rated": 1, "share": 0.905, "above_benchmark": True}
        return pd.DataFrame([{**row, **changes}])

    def test_members_and_the_one_not_rated(self):
        assert nar.rating_reading(self._good(), "members", lang="en") == (
            "In 2024, 90.5% of the party members of A district (905 of 1,000 rated) were rated good or better, above the 90% mark. "
            "1 member not rated (newly admitted, ill, exempt) is left out of the share."
        )

    def test_nobody_rated(self):
        good = self._good(rated=0, good_or_better=0, share=NA, above_benchmark=NA)
        assert nar.rating_reading(good, "members") == "Báo cáo năm 2024 của huyện A không có đảng viên nào được xếp loại."

    def test_quota_within_and_over(self):
        q = pd.DataFrame({"district": "A", "year": 2024, "group": ["communes", "agencies"], "excellent": [3, 1],
                          "good": [18, 0], "share": [3 / 18, NA], "allowed": [3, 0], "breaks_quota": [False, True]})
        assert nar.quota_reading(q) == (
            "Năm 2024, số tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ của huyện A: nhóm xã, phường, thị trấn 3 "
            "(bằng 16,7 % số hoàn thành tốt nhiệm vụ), nhóm cơ quan, đơn vị 1 (không có tổ chức hoàn thành tốt nhiệm vụ); "
            "vượt giới hạn 20 % ở nhóm cơ quan, đơn vị."
        )


class TestPlacementsAndTasks:
    def _lead(self, **changes):
        row = {"district": "Tuyên Quang", "year": 2024, "units": 15, "secretaries_non_local": 6, "pc_chairs_non_local": 1,
               "pc_vice_chairs_non_local": 1, "secretaries_chairing_pc": 0}
        return pd.DataFrame([{**row, **changes}])

    def test_no_commune_instead_of_zero_communes(self):
        text = nar.placements_reading(self._lead(), kind="city")
        assert text.endswith("không xã, phường nào có bí thư đồng thời là chủ tịch UBND.") and "0 xã" not in text

    def test_english_singular_chair_and_vice_chair(self):
        text = nar.placements_reading(self._lead(), kind="city", lang="en")
        assert "so are 1 People's Committee chair and 1 vice-chair;" in text
        assert text.endswith("in no commune or ward does the party secretary also chair the People's Committee.")

    def test_tasks_without_cadres_figures(self):
        s = pd.DataFrame({"district": ["A"], "year": [2024], "cadres": [NA], "tasks": [NA], "tasks_completed": [NA],
                          "tasks_per_cadre": [NA], "completion_rate": [NA]})
        assert nar.breakthrough_reading(s, lang="en") == "The 2024 report of A district gives no number of breakthrough tasks or cadres."

    def test_problems_in_english_plurals(self):
        p = pd.DataFrame({"severity": ["error", "warning"]})
        assert nar.problems_reading(p, "Na Hang", lang="en").startswith(
            "2 problems found in the data files for Na Hang district: 1 error (figures that cannot be trusted) and 1 warning")

    def test_no_data_of_a_kind(self):
        assert nar.no_data("breakthrough_tasks", "Tuyên Quang", place_kind="city") == (
            "Các tệp số liệu không có báo cáo giao việc đột phá của thành phố Tuyên Quang.")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_reading_of_the_bundled_districts_has_its_values(lang):
    from helpers.figures import DISTRICT_FIGURES
    from helpers.report import report_context

    ctx0 = report_context(lang=lang)
    for district in ctx0.districts:
        ctx = report_context(district, lang=lang)
        for figure in DISTRICT_FIGURES:
            text = str(ctx.reading(figure))
            assert text and not BROKEN.search(text), (district, figure, text)


@pytest.mark.parametrize(("district", "year"), [("Chiêm Hóa", 2024), ("Lâm Bình", 2024), ("Lâm Bình", 2020), ("Chiêm Hóa", 2020)])
def test_the_units_that_moved_in_2021_break_no_sentence_on_any_boundaries(district, year):
    from helpers.report import report_context

    ctx = report_context(district, boundary_year=year, lang="en")
    for figure in ("admissions_target", "term_pace", "ratings_members", "non_local_leadership"):
        text = str(ctx.reading(figure))
        assert not BROKEN.search(text), (figure, text)
    assert "of the term's annual targets added up" in str(ctx.reading("term_pace"))
