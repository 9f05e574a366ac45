"""The report context shared by the notebooks and the build, and the written report of a district."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from _office import office_workbook

from helpers import config
from helpers.dataset import UnknownDistrict
from helpers.document import Figure, Paragraph, ReportDocument, Table
from helpers.figures import DISTRICT_FIGURES
from helpers.report import report_context


class TestContext:
    def test_one_call_finds_the_district_whatever_the_spelling(self):
        ctx = report_context("CHIEM HOA", lang="en")
        assert ctx.district == "Chiêm Hóa" and ctx.lang == "en"
        assert ctx.kinds == ["admissions", "ratings", "placements", "breakthrough_tasks"]

    def test_an_unknown_district_lists_those_in_the_data(self):
        with pytest.raises(UnknownDistrict, match="No district 'Xyz' in the data; the data have: Chiêm Hóa, Hàm Yên, Lâm Bình, Na Hang"):
            report_context("Xyz", lang="en")

    def test_figure_arguments(self, tmp_path):
        ctx = report_context("Na Hang", figures_dir=tmp_path, boundary_year=2024, publish=True)
        assert ctx.options == {"lang": "vi", "boundaries": 2024, "publish": True, "synthetic": True, "district": "Na Hang"}
        assert ctx.saving["out_dir"] == tmp_path / "na-hang"
        assert [p.relative_to(config.RAW_DATA_DIR).as_posix() for p in ctx.saving["inputs"]] == [
            "na-hang/admissions-6-thang-2025.xlsx", "na-hang/admissions.xlsx", "na-hang/bieu-2-btctw.xlsx",
            "na-hang/breakthrough_tasks.xlsx",
            "na-hang/placements-6-thang-2025.xlsx", "na-hang/placements.xlsx", "na-hang/ratings-6-thang-2025.xlsx",
            "na-hang/ratings.xlsx"]

    def test_figures_go_under_the_language(self):
        assert report_context("Na Hang", lang="en").saving["out_dir"] == config.FIGURES_DIR / "en" / "na-hang"

    def test_a_figure_carries_its_title_and_reading_as_alt_text(self, tmp_path):
        ctx = report_context("Na Hang", lang="en", figures_dir=tmp_path)
        shown = ctx.figure("term_pace")
        reading = str(ctx.reading("term_pace"))
        assert shown.alt == reading and shown.alt_text == f"{shown.title}. {reading}"
        assert f'alt="{shown.title}. ' in shown._repr_html_() and 'src="data:image/png;base64,' in shown._repr_html_()
        assert (tmp_path / "na-hang" / "term_pace_en.png").exists()

    def test_units_that_moved_are_brought_in_on_later_boundaries(self):
        # Phúc Sơn and Minh Quang reported under Chiêm Hóa in 2020 and under Lâm Bình from 2021.
        reported = report_context("Lâm Bình").frame("admissions")
        mapped = report_context("Lâm Bình", boundary_year=2024).frame("admissions")
        moved = mapped[mapped["unit"].isin(["Phúc Sơn", "Minh Quang"])]
        assert sorted(moved["year"].unique()) == list(range(2016, 2026))  # to the district's last report, of 2025's first half
        assert not reported[reported["unit"].isin(["Phúc Sơn", "Minh Quang"]) & (reported["year"] == 2020)].shape[0]

    def test_header_of_the_bundled_data(self):
        html = report_context("Tuyên Quang", lang="vi").header()._repr_html_()
        assert "THÀNH ỦY TUYÊN QUANG" in html and "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "dữ liệu mô phỏng" in html


@pytest.fixture
def office(tmp_path):
    office_workbook(tmp_path / "data")
    return tmp_path


class TestAnOfficesOwnWorkbook:
    def test_the_sections_it_has_and_one_sentence_for_each_other(self, office):
        ctx = report_context("na hang", data_dir=office / "data", lang="en")
        assert ctx.kinds == ["admissions"] and ctx.missing_kinds == ["ratings", "placements", "breakthrough_tasks"]
        assert str(ctx.reading("ratings_members")) == "The data files hold no report on quality ratings for Na Hang district."
        assert str(ctx.reading("admissions_target")).startswith("In 2023, Na Hang district admitted 15 new members, 93.8% of the annual target (16)")
        assert "2020, 2021, 2022 had no target" in str(ctx.reading("term_pace"))

    def test_no_synthetic_notice_and_the_source_named(self, office):
        ctx = report_context("Na Hang", data_dir=office / "data")
        header = ctx.header()._repr_html_()
        assert not ctx.synthetic and "mô phỏng" not in header
        assert "Nguồn số liệu: 1 tệp: bao-cao-ket-nap.xlsx (năm báo cáo 2023;" in header

    def test_the_district_list_is_the_datas(self, office):
        with pytest.raises(UnknownDistrict, match=r"the data have: Na Hang\.$"):
            report_context("Chiêm Hóa", data_dir=office / "data", lang="en")


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    """Chiêm Hóa's written report, its figures drawn into a temporary folder."""
    figures = tmp_path_factory.mktemp("figures")
    ctx = report_context("Chiêm Hóa", lang="vi", figures_dir=figures)
    ctx.today = date(2025, 3, 5)
    return ctx, ctx.document()


class TestWrittenReport:
    def test_the_head_of_the_document(self, document):
        _ctx, doc = document
        assert isinstance(doc, ReportDocument) and doc.lang == "vi"
        assert doc.committee == "ĐẢNG BỘ TỈNH TUYÊN QUANG\nHUYỆN ỦY CHIÊM HÓA"
        assert (doc.place, doc.date) == ("Chiêm Hóa", "ngày 5 tháng 3 năm 2025")
        assert doc.title == "BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2025 (6 THÁNG ĐẦU NĂM)" and doc.subtitle == "Huyện Chiêm Hóa"
        assert doc.source_note.startswith("Số liệu trong báo cáo này là dữ liệu mô phỏng")

    def test_the_rating_regulations_under_the_ratings_figures(self, document):
        from helpers import regimes

        ctx, doc = document
        ratings = next(s for s in doc.sections if s.heading == "Xếp loại chất lượng")
        kinds = [type(b).__name__ for b in ratings.blocks]
        note = regimes.note(list(range(2018, 2026)), "vi")  # the bundled ratings: 2018 to the first half of 2025
        assert str(ctx.note("ratings")) == note and note.startswith("Xếp loại chất lượng năm 2018–2022 theo Quy định số 132-QĐ/TW")
        last_figure = max(i for i, k in enumerate(kinds) if k == "Figure")
        assert ratings.blocks[last_figure + 1] == Paragraph(note) and kinds[last_figure + 2] == "Table"
        assert ctx.note("admissions") == "" and "366-QĐ/TW" in note

    def test_sections_headed_as_in_the_notebook(self, document):
        _ctx, doc = document
        assert [s.heading for s in doc.sections] == [
            "Kết nạp đảng viên", "Xếp loại chất lượng", "Bố trí cán bộ chủ chốt cấp xã", "Việc đột phá",
            "Cơ cấu đảng viên mới kết nạp", "Về số liệu"]
        first = doc.sections[0].blocks[0]
        assert isinstance(first, Paragraph) and first.text.startswith("Mỗi tổ chức cơ sở đảng có chỉ tiêu kết nạp")

    def test_every_figure_with_its_reading_caption_and_png(self, document):
        ctx, doc = document
        figures = [b for s in doc.sections for b in s.blocks if isinstance(b, Figure)]
        assert len(figures) == len(DISTRICT_FIGURES) + 1  # and the new members' profile, from the district's forms
        for block, name in zip(figures, [*DISTRICT_FIGURES, "new_member_profile"], strict=True):
            assert block.image == Path(ctx.saving["out_dir"]) / f"{name}_vi.png" and block.image.exists()
            assert block.caption and block.alt == f"{block.caption}. {ctx.reading(name)}"
        paragraphs = [b.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph)]
        assert str(ctx.reading("non_local_leadership")) in paragraphs

    def test_the_tables(self, document):
        _ctx, doc = document
        tables = [b for s in doc.sections for b in s.blocks if isinstance(b, Table)]
        assert [t.caption for t in tables] == [
            # the district's last report covers the first half of 2025; breakthrough tasks were last reported for 2024
            "Kết nạp đảng viên theo tổ chức cơ sở đảng, năm 2025 (6 tháng đầu năm)",
            "Xếp loại chất lượng theo tổ chức cơ sở đảng, năm 2025 (6 tháng đầu năm)",
            "Bố trí cán bộ chủ chốt cấp xã, năm 2025 (6 tháng đầu năm)", "Việc đột phá theo đơn vị, năm 2024",
            # the district's forms: the last, of 2024, against 2023
            "Cơ cấu đảng viên mới kết nạp năm 2024 so với năm 2023 (Biểu số 2-BTCTW)"]
        assert all(t.total_row and t.rows[-1][0] == "Tổng cộng" for t in tables[:4])

    def test_english_has_english_headings(self, tmp_path):
        ctx = report_context("Na Hang", lang="en", data_dir=office_workbook(tmp_path / "data"), figures_dir=tmp_path / "fig")
        doc = ctx.document()
        assert [s.heading for s in doc.sections][:2] == ["Admissions of new members (kết nạp đảng viên)", "Quality ratings (xếp loại chất lượng)"]
        assert doc.sections[1].blocks == [Paragraph("The data files hold no report on quality ratings for Na Hang district.")]
        assert doc.committee.endswith("Na Hang District Party Committee") and doc.source_note.startswith("Source of the figures: 1 file")


class TestProblemsOfALegacyFontWorkbook:
    @pytest.fixture
    def typed_in_tcvn3(self, tmp_path):
        """Chiêm Hóa's admissions workbook with every text cell retyped in TCVN3 (.VnTime)."""
        import shutil

        from _forms import retyped

        path = tmp_path / "admissions.xlsx"
        shutil.copy(config.RAW_DATA_DIR / "chiem-hoa" / "admissions.xlsx", path)
        path.chmod(0o644)
        retyped(path, "TCVN3")
        return tmp_path

    def test_one_line_a_sheet_counting_and_naming_the_cells_converted(self, typed_in_tcvn3):
        from helpers.read.problems import cell_ranges

        ctx = report_context("Chiêm Hóa", data_dir=typed_in_tcvn3, lang="en")
        per_cell = ctx.dataset.reports.problems
        frame = ctx.problems_frame()
        sheets = list(dict.fromkeys(p.sheet for p in per_cell))
        assert frame["sheet"].tolist() == sheets  # one line a sheet, in reading order
        cells_2016 = [p.cell for p in per_cell if p.sheet == "2016"]
        (line,) = frame.loc[frame["sheet"] == "2016", "message"]
        assert line == (f"{len(cells_2016)} cells in the legacy TCVN3 (ABC) encoding were converted to Unicode: "
                        f"{cell_ranges(cells_2016)}.")
        assert "B10:B35" in line and len(cells_2016) > 40
        assert str(ctx.problems()[0]).startswith(f"{len(sheets)} problems found in the data files for Chiêm Hóa")
        assert {p.code for p in per_cell} == {"legacy_text"} and len(per_cell) > 10 * len(sheets)  # problems.csv: a cell each
