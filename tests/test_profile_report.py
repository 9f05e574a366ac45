"""The new members' profile in the reports: from the bundled forms, drawn, read out, tabled; one sentence without a form."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from helpers import config, figures
from helpers.formprofile import SHORT_LABELS, report_profile
from helpers.report import report_context

from _office import office_workbook

GROUPS = ("occupation", "age", "schooling")
SECTIONS = {"II.1": "occupation", "II.2": "age", "II.3": "schooling"}


@pytest.fixture(scope="module")
def raw():
    from helpers.read import read_reports

    return read_reports(config.RAW_DATA_DIR)


def _expected_shares(rows: pd.DataFrame, field: str) -> list[float]:
    """Each top-level criterion's share of the total, in the form's order: occupations, age bands, schooling."""
    total = float(rows.loc[rows["criterion"] == "total", field].iloc[0])
    parts = rows[rows["section"].isin(list(SECTIONS)) & (rows["criterion"] != "age.mean")
                 & (rows["criterion"].str.count(r"\.") == 1)]
    return [float(v) / total for v in parts[field]]


class TestTheProfileOfACommittee:
    def test_a_districts_latest_form_against_the_year_before(self, raw):
        got = report_profile(raw.form_rows, district="Chiêm Hóa")
        rows = raw.form_rows[(raw.form_rows["district"] == "Chiêm Hóa") & (raw.form_rows["year"] == 2024)]
        assert got.attrs == {"year": 2024, "unit": "Chiêm Hóa"}
        assert list(dict.fromkeys(got["group"])) == list(GROUPS) and len(got) == 12 + 8 + 4
        assert got["share"].tolist() == pytest.approx(_expected_shares(rows, "value"))
        assert got["share_previous"].tolist() == pytest.approx(_expected_shares(rows, "previous"))
        assert got.groupby("group")["share"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0])

    def test_the_province_is_the_provincial_boards_form_of_2025(self, raw):
        got = report_profile(raw.form_rows)
        board = raw.form_rows[raw.form_rows["unit_type"] == "province"]
        assert got.attrs == {"year": 2025, "unit": "Tuyên Quang"}
        assert got["value"].tolist() == [float(v) for v in board.set_index("criterion").loc[got["criterion"], "value"]]

    def test_without_the_board_the_province_is_the_districts_added_up(self, raw):
        districts = raw.form_rows[raw.form_rows["unit_type"] == "district"]
        got = report_profile(districts).set_index("criterion")
        of_2024 = districts[districts["year"] == 2024].groupby("criterion")["value"].sum()
        assert got.attrs["year"] == 2024
        assert got["value"].to_dict() == {k: float(of_2024[k]) for k in got.index}

    def test_a_district_without_forms_has_none(self, raw):
        assert len(report_profile(raw.form_rows.iloc[0:0], district="Chiêm Hóa")) == 0


class TestTheFigure:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_two_bars_per_criterion_their_lengths_the_shares_and_the_labels(self, raw, lang):
        fig = figures.draw_profile("new_member_profile", raw, district="chiem hoa", lang=lang)
        ax = fig.axes[0]
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        profile = report_profile(raw.form_rows, district="Chiêm Hóa")
        assert len(bars) == 2 * len(profile)
        assert [b.get_width() for b in bars[: len(profile)]] == pytest.approx(profile["share"].tolist())
        assert [b.get_width() for b in bars[len(profile):]] == pytest.approx(profile["share_previous"].tolist())
        assert [t.get_text() for t in ax.get_yticklabels()] == [SHORT_LABELS[c][lang] for c in profile["criterion"]]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2024", "2023"]
        assert sorted(line.get_ydata()[0] for line in ax.get_lines()) == [11.5, 19.5]  # between the three groups
        texts = [t.get_text() for t in ax.texts]
        assert texts[12] == ("74 %" if lang == "vi" else "74%")  # 18–30: 125 of 168
        title = {"vi": "Cơ cấu đảng viên mới kết nạp theo tuổi đời, nghề nghiệp, trình độ — Chiêm Hóa, 2024",
                 "en": "New members by age, occupation and schooling — Chiêm Hóa, 2024"}[lang]
        assert fig.get_suptitle() == title and fig.helpers_data_date == 2024
        plt.close(fig)

    def test_the_provinces_title_and_bars(self, raw):
        fig = figures.draw_profile("province_new_member_profile", raw, lang="en")
        assert fig.get_suptitle() == "New members by age, occupation and schooling — Tuyên Quang province, 2025"
        assert len(fig.axes[0].patches) == 48
        plt.close(fig)

    def test_no_form_draws_the_no_data_text(self):
        fig = plt.figure()
        ax = figures.PROFILE_FIGURES["new_member_profile"].plot(report_profile(pd.DataFrame(columns=["form"])),
                                                                lang="en", ax=fig.subplots())
        assert [t.get_text() for t in ax.texts] == ["No data"] and not ax.patches
        plt.close(fig)


class TestTheReading:
    def test_a_bundled_district_in_vietnamese(self):
        ctx = report_context("Chiêm Hóa", lang="vi")
        assert str(ctx.reading("new_member_profile")) == (
            "Trong 168 đảng viên mới kết nạp năm 2024 của huyện Chiêm Hóa (Biểu số 2-BTCTW), đông nhất theo tuổi đời "
            "là 18–30 tuổi (74,4 %; năm 2023: 70,9 %), theo nghề nghiệp là nông, lâm, ngư nghiệp (45,8 %; năm 2023: "
            "50,3 %), theo trình độ giáo dục phổ thông là trung học phổ thông (83,9 %; năm 2023: 80,0 %).")

    def test_a_bundled_district_in_english(self):
        ctx = report_context("Chiêm Hóa", lang="en")
        assert str(ctx.reading("new_member_profile")) == (
            "Of the 168 new members Chiêm Hóa district admitted in 2024 (form 2-BTCTW), the largest groups were, by "
            "age, aged 18–30 (74.4%; 2023: 70.9%); by occupation, farming, forestry, fishing (45.8%; 2023: 50.3%); "
            "by schooling, upper secondary (83.9%; 2023: 80.0%).")

    def test_the_overview_of_the_districts_adds_up_their_forms_of_the_latest_year(self, raw):
        ctx = report_context(lang="en")
        of_2024 = raw.form_rows[(raw.form_rows["unit_type"] == "district") & (raw.form_rows["year"] == 2024)]
        total = int(of_2024.loc[of_2024["criterion"] == "total", "value"].sum())
        assert total == 971
        assert str(ctx.reading("province_new_member_profile")) == (
            "Of the 971 new members Tuyên Quang province admitted in 2024 (form 2-BTCTW), the largest groups were, "
            "by age, aged 18–30 (74.7%; 2023: 74.7%); by occupation, farming, forestry, fishing (39.6%; 2023: 42.6%); "
            "by schooling, upper secondary (84.3%; 2023: 83.0%).")

    @pytest.mark.parametrize(("lang", "sentence"), [
        ("vi", "Dữ liệu không có Biểu số 2-BTCTW (thống kê đảng viên mới kết nạp) của huyện Na Hang, nên không có "
               "cơ cấu đảng viên mới theo tuổi đời, nghề nghiệp và trình độ."),
        ("en", "The data hold no form 2-BTCTW (new members) for Na Hang district, so there is no profile of its new "
               "members by age, occupation and schooling."),
    ])
    def test_an_office_without_forms_gets_one_sentence_and_nothing_else(self, tmp_path, lang, sentence):
        office_workbook(tmp_path / "data")
        ctx = report_context("na hang", data_dir=tmp_path / "data", lang=lang, figures_dir=tmp_path / "figures")
        assert str(ctx.reading("new_member_profile")) == sentence
        assert ctx.figure("new_member_profile") is None and ctx.table("form_rows") is None
        assert not (tmp_path / "figures").exists()


class TestTheTable:
    def test_headings_in_the_language_counts_and_shares_no_index(self):
        table = report_context("Chiêm Hóa", lang="en").table("form_rows")
        assert table.caption == "New members in 2024 against 2023 (form 2-BTCTW)"
        assert table.headings == ["Group", "Criterion", "2024", "Share 2024", "2023", "Share 2023"]
        assert table.rows[12] == ["Age", "Aged 18–30", "125", "74.4%", "117", "70.9%"]
        assert [r[0] for r in table.rows] == ["Occupation"] * 12 + ["Age"] * 8 + ["Schooling"] * 4
        vi = report_context("Chiêm Hóa", lang="vi").table("form_rows")
        assert vi.headings == ["Nhóm", "Tiêu chí", "Năm 2024", "Tỷ lệ năm 2024", "Năm 2023", "Tỷ lệ năm 2023"]
        assert vi.rows[23] == ["Trình độ giáo dục phổ thông", "Trung học phổ thông", "141", "83,9 %", "132", "80,0 %"]
        assert "<th scope=\"row\">Nhóm" not in vi._repr_html_() and "Unnamed" not in vi._repr_html_()


_EVERY = [(d, lang) for d in ("Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương", None)
          for lang in ("vi", "en")]


@pytest.mark.parametrize(("district", "lang"), _EVERY, ids=[f"{d or 'province'}-{lang}" for d, lang in _EVERY])
def test_the_profile_of_every_bundled_committee_is_drawn_cleanly(raw, district, lang):
    """No two ticks alike, no text on another, labels inside the axes, no broken text (as test_figures checks)."""
    from test_figures import defects

    name = "province_new_member_profile" if district is None else "new_member_profile"
    fig = figures.draw_profile(name, raw, district=district, lang=lang)
    assert defects(fig) == []
    plt.close(fig)


class TestTheWordReport:
    def test_a_district_without_forms_has_the_section_with_its_one_sentence(self, tmp_path):
        from helpers.document import Paragraph
        from helpers.report import district_document

        office_workbook(tmp_path / "data")
        ctx = report_context("na hang", data_dir=tmp_path / "data", lang="en", figures_dir=tmp_path / "figures")
        (section,) = [s for s in district_document(ctx).sections if s.heading.startswith("The new members' profile")]
        assert section.blocks == [Paragraph(str(ctx.reading("new_member_profile")))]

    def test_a_bundled_districts_written_report_holds_the_profile_figure_too(self, tmp_path):
        import docx

        from helpers import word
        from helpers.figures import DISTRICT_FIGURES
        from helpers.report import district_document

        ctx = report_context("Chiêm Hóa", lang="en", figures_dir=tmp_path / "figures")
        doc = district_document(ctx)
        written = docx.Document(str(word.write_docx(doc, tmp_path / "chiem-hoa.docx")))
        assert len(written.inline_shapes) == len(DISTRICT_FIGURES) + 1
        captions = [p.text for p in written.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
        assert captions[-1] == (f"Figure {len(DISTRICT_FIGURES) + 1}. New members by age, occupation and schooling — "
                                "Chiêm Hóa, 2024")
        assert str(ctx.reading("new_member_profile")) in [p.text for p in written.paragraphs]
