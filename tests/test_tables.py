"""Tables for people: headings in the report's language, no index, numbers the language's way, units in order."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import tables as tb
from helpers.schema import conform


def _admissions(rows):
    base = {"district": "Na Hang", "unit_type": "commune", "year": 2024, "source": "a.xlsx!2024!B9"}
    return conform("admissions", pd.DataFrame([{**base, **r} for r in rows]))


@pytest.fixture
def admissions():
    return _admissions(
        [
            {"unit": "Kim Bình", "target": 1200, "admitted": 1100, "female": 500, "ethnic_minority": 700, "youth_union": 600, "religious": 1},
            {"unit": "Kiên Đài", "target": 8, "admitted": 8, "female": 2, "ethnic_minority": 8, "youth_union": 6, "religious": 0},
            {"unit": "Đà Vị", "target": None, "admitted": 3, "female": 1, "ethnic_minority": 3, "youth_union": None, "religious": 0},
            {"unit": "Côn Lôn", "year": 2023, "target": 5, "admitted": 5},
        ]
    )


class TestAdmissionsTable:
    def test_vietnamese_headings_order_numbers_and_total(self, admissions):
        t = tb.admissions_table(admissions)
        assert t.caption == "Kết nạp đảng viên theo tổ chức cơ sở đảng, năm 2024"
        assert t.headings == ["Đơn vị", "Chỉ tiêu", "Kết nạp", "Đạt chỉ tiêu", "Nữ", "DTTS", "Đoàn viên", "Tôn giáo"]
        assert t.rows == [
            ["Đà Vị", "", "3", "", "1", "3", "", "0"],
            ["Kiên Đài", "8", "8", "100,0 %", "2", "8", "6", "0"],
            ["Kim Bình", "1.200", "1.100", "91,7 %", "500", "700", "600", "1"],
            ["Tổng cộng", "1.208", "1.111", "91,7 %", "503", "711", "606", "1"],
        ]
        assert t.total_row and t.notes == ["Ô để trống: báo cáo không ghi số liệu này."]

    def test_english(self, admissions):
        t = tb.admissions_table(admissions, lang="en", year=2023)
        assert t.headings[:4] == ["Unit", "Target", "Admitted", "Attainment"] and t.headings[5] == "Ethnic minority"
        assert t.rows == [["Côn Lôn", "5", "5", "100.0%", "", "", "", ""], ["Total", "5", "5", "100.0%", "", "", "", ""]]

    def test_html_has_no_index_and_marks_the_total(self, admissions):
        html = tb.admissions_table(admissions)._repr_html_()
        assert "<th scope=\"row\">Đà Vị</th>" in html and "<tfoot><tr class=\"total\"><th scope=\"row\">Tổng cộng</th>" in html
        assert ">0</th>" not in html and "unit" not in html and "ethnic_minority" not in html

    def test_publication_mode_hides_small_breakdown_counts(self, admissions):
        t = tb.admissions_table(admissions, publish=True)
        kim = next(r for r in t.rows if r[0] == "Kim Bình")
        assert kim[4:] == ["500", "700", "600", "*"]  # 1 religious member is hidden
        assert any(note.startswith("* Số nhỏ hơn 3") for note in t.notes)
        assert "1" not in [r[7] for r in t.rows[:-1]]

    def test_an_empty_table_is_one_sentence(self):
        t = tb.admissions_table(_admissions([]).iloc[:0], lang="en")
        assert len(t) == 0 and t._repr_html_() == '<p class="empty-table">No admissions figures.</p>'
        assert t.to_document() is None

    def test_for_the_written_report(self, admissions):
        doc = tb.admissions_table(admissions).to_document()
        assert doc.total_row and doc.rows[-1][0] == "Tổng cộng" and doc.align[:2] == ["left", "right"]


class TestOtherTables:
    def test_ratings_by_unit(self):
        base = {"district": "A", "unit_type": "commune", "year": 2024, "source": "s"}
        rows = [{"unit": "Yên Lập", "subject": "organisation", "level": "excellent", "count": 1}]
        rows += [{"unit": "Yên Lập", "subject": "members", "level": lvl, "count": n}
                 for lvl, n in (("excellent", 10), ("good", 80), ("completed", 9), ("not_completed", 1), (None, 4))]
        t = tb.ratings_table(conform("ratings", pd.DataFrame([{**base, **r} for r in rows])), lang="en")
        assert t.headings == ["Unit", "Organisation's rating", "Members rated", "Excellent", "Good", "Completed",
                              "Not completed", "Not rated", "Good or better"]
        assert t.rows[0] == ["Yên Lập", "Excellent", "100", "10", "80", "9", "1", "4", "90.0%"]

    def test_placements_totals_count_the_yes(self):
        base = {"district": "A", "unit_type": "commune", "year": 2024, "source": "s"}
        rows = [{"unit": "B", "secretary_non_local": True, "secretary_chairs_pc": False, "pc_chair_non_local": True,
                 "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 1},
                {"unit": "Á", "secretary_non_local": True, "secretary_chairs_pc": True, "pc_chair_non_local": False,
                 "pc_vice_chairs": 1, "pc_vice_chairs_non_local": 0}]
        t = tb.placements_table(conform("placements", pd.DataFrame([{**base, **r} for r in rows])))
        assert t.rows == [["Á", "có", "có", "không", "1", "0"], ["B", "có", "không", "có", "2", "1"], ["Tổng cộng", "2", "1", "1", "3", "1"]]

    def test_problems_in_the_report_language(self):
        problems = pd.DataFrame({"file": ["a.xlsx"], "sheet": ["2023"], "cell": ["E21"], "severity": ["warning"], "message": ["Ô trống"]})
        t = tb.problems_table(problems)
        assert t.headings == ["Tệp", "Trang tính", "Ô", "Mức độ", "Nội dung"] and t.rows == [["a.xlsx", "2023", "E21", "cảnh báo", "Ô trống"]]
        assert tb.problems_table(problems.iloc[:0], lang="en")._repr_html_() == '<p class="empty-table">No problems.</p>'

    def test_province_districts_in_order_and_the_province_total(self):
        from helpers.report import load_data

        t = tb.province_table(load_data().tables, lang="en")
        assert [r[0] for r in t.rows] == ["Chiêm Hóa", "Hàm Yên", "Lâm Bình", "Na Hang", "Sơn Dương", "Tuyên Quang", "Yên Sơn", "Province"]
        assert t.caption == "The districts, 2025 (first half)"  # the districts' last reports
        total = t.rows[-1]
        assert total[1] == f"{sum(int(r[1].replace(',', '')) for r in t.rows[:-1]):,}"

    def test_facts_in_english_gloss_the_article(self):
        from helpers.facts import check_facts
        from helpers.report import load_data

        t = tb.facts_table(check_facts(load_data().reports, lang="en"), lang="en")
        f3 = next(r for r in t.rows if r[0] == "F3")
        assert f3[1] == "Hòa Phú commune, 2020–2025" and f3[3] == "9 or more"
        assert next(r for r in t.rows if r[0] == "F13")[3] == "(the article gives no number)"
        assert all(r[5] == "yes" for r in t.rows)
