"""Commune reports after 1 July 2025: the communes found in the data, a commune's series on its 2025 boundaries, its cells, the notebook run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from _communes import CELLS_2025, CHIEM_HOA_H1, COMMUNES, PROVINCE_2025, commune_data
from _pages import broken_text, wrong_language, wrong_numbers
from pandas.testing import assert_frame_equal

from helpers import config, notebooks, plots
from helpers.commune import commune_cells, commune_context, commune_series, communes_in, resolve_commune
from helpers.read import read_reports

NOTEBOOK = config.NOTEBOOKS_DIR / "04_commune_report.ipynb"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return commune_data(tmp_path_factory.mktemp("communes") / "data")


@pytest.fixture(scope="module")
def reports(data):
    return read_reports(data, lang="en")


def _bundled_predecessors() -> pd.DataFrame:
    """Hòa Phú and Yên Nguyên (Chiêm Hóa) in the bundled admissions, added up per year: what the new Yên Nguyên carries."""
    adm = read_reports(config.RAW_DATA_DIR / "chiem-hoa" / "admissions.xlsx").admissions
    rows = adm[adm["unit"].isin(["Hòa Phú", "Yên Nguyên"])]
    out = rows.groupby("year", as_index=False)[["target", "admitted"]].sum()
    return out.astype({"year": "int64"})


class TestCommunesInTheData:
    def test_the_province_reports_units_and_the_communes_own_reports(self, reports):
        assert reports.problems == []
        assert communes_in(reports.tables) == COMMUNES

    def test_none_in_the_district_reports_before_the_reform(self):
        assert communes_in(read_reports(config.RAW_DATA_DIR / "chiem-hoa").tables) == []

    @pytest.mark.parametrize("typed", ["Yên Nguyên", "yen nguyen", "YÊN NGUYÊN", "yen-nguyen"])
    def test_typed_any_way(self, typed):
        assert resolve_commune(typed, COMMUNES) == "Yên Nguyên"

    def test_an_unknown_commune_lists_those_with_data(self):
        with pytest.raises(ValueError, match="No data for commune or ward 'Xyz'.*Kim Bình, Minh Xuân, Yên Nguyên"):
            resolve_commune("Xyz", COMMUNES, lang="en")


class TestTheSeriesOnThe2025Boundaries:
    def test_predecessors_carried_onto_the_new_commune_and_the_whole_year_report_wins(self, reports):
        series = commune_series(reports.admissions, "Yên Nguyên")
        before = _bundled_predecessors()
        got = series[series["year"] < 2025][["year", "target", "admitted"]].astype({"year": "int64", "target": "int64", "admitted": "int64"})
        assert_frame_equal(got.reset_index(drop=True), before.astype({"target": "int64", "admitted": "int64"}))
        (y2025,) = series[series["year"] == 2025].itertuples()
        target, admitted = PROVINCE_2025[0][1:]
        assert (y2025.target, y2025.admitted, y2025.periods, y2025.complete) == (target, admitted, ["year"], True)
        assert series.attrs["predecessors"] == ["Hòa Phú (Chiêm Hóa)", "Yên Nguyên (Chiêm Hóa)"]

    def test_the_districts_first_half_and_the_provinces_second_half_make_the_year(self):
        from helpers.commune import _one_per_year
        from helpers.schema import conform

        # two predecessors' first halves (district reports) and the new commune's second half (the province's report)
        rows = conform("admissions", pd.DataFrame({
            "district": ["Chiêm Hóa", "Chiêm Hóa", None, "Chiêm Hóa"], "unit": ["Hòa Phú", "Yên Nguyên", "Yên Nguyên", "Yên Nguyên"],
            "unit_type": "commune", "year": [2025, 2025, 2025, 2024], "period": ["H1", "H1", "H2", "year"],
            "target": [4, 6, 11, 9], "admitted": [2, 3, 5, 8], "source": list("abcd")}))  # fmt: skip
        got = _one_per_year(rows)
        assert got[["year", "target", "admitted", "complete"]].values.tolist() == [[2024, 9, 8, True], [2025, 11, 10, True]]
        assert got["periods"].tolist() == [["year"], ["H1", "H2"]]

    def test_a_year_with_the_first_half_only_is_incomplete_and_said(self, data, tmp_path):
        only_h1 = tmp_path / "data"
        shutil.copytree(data / "chiem-hoa", only_h1 / "chiem-hoa")
        shutil.copytree(data / "yen-nguyen", only_h1 / "yen-nguyen")
        ctx = commune_context("Yên Nguyên", lang="en", data_dir=only_h1, figures_dir=tmp_path / "fig")
        (y2025,) = ctx.series[ctx.series["year"] == 2025].itertuples()
        assert (y2025.admitted, y2025.periods, y2025.complete) == (sum(a for _u, _t, a in CHIEM_HOA_H1), ["H1"], False)
        assert "For 2025 the data hold the first half-year only." in ctx.reading("series")

    def test_its_cells_from_its_own_report(self, reports):
        cells = commune_cells(reports.admissions, "Yên Nguyên")
        assert cells[["unit", "unit_type", "target", "admitted"]].astype(object).values.tolist() == [
            ["Bản Ba", "village", 4, 5], ["Nà Mỵ", "village", 3, 2], ["Trường THCS Yên Nguyên", "agency", 2, 2]]
        assert commune_cells(reports.admissions, "Kim Bình").empty

    @pytest.mark.parametrize("lang, series, cells", [
        ("vi", "Từ 2016 đến 2025, xã Yên Nguyên và các đơn vị nay thuộc xã Yên Nguyên kết nạp {n} đảng viên",
         "Năm 2025, 3 chi bộ của xã Yên Nguyên kết nạp 9 đảng viên; nhiều nhất là Bản Ba (5)."),
        ("en", "From 2016 to 2025, Yên Nguyên commune and the units now part of it admitted {n} members",
         "In 2025 the 3 cells of Yên Nguyên commune admitted 9 members; the most, Bản Ba (5)."),
    ])  # fmt: skip
    def test_readings_from_the_data(self, data, tmp_path, lang, series, cells):
        ctx = commune_context("yen nguyen", lang=lang, data_dir=data, figures_dir=tmp_path)
        total = int(_bundled_predecessors()["admitted"].sum()) + PROVINCE_2025[0][2]
        assert ctx.reading("series").startswith(series.format(n=f"{total:,}".replace(",", "." if lang == "vi" else ",")))
        assert ctx.reading("cells") == cells
        assert sum(a for _u, _t, a in CELLS_2025) == 9

    def test_a_commune_without_cells_says_so_and_draws_nothing_for_them(self, data, tmp_path):
        ctx = commune_context("Minh Xuân", lang="vi", data_dir=data, figures_dir=tmp_path)
        assert ctx.reading("cells") == "Dữ liệu không có báo cáo riêng của phường Minh Xuân về các chi bộ trực thuộc."
        assert ctx.figure("cells") == "" and ctx.table("cells") == ""


class TestThePlots:
    def test_a_bar_per_year_hatched_when_incomplete_with_its_count_and_the_target(self):
        import matplotlib.pyplot as plt

        data = pd.DataFrame({"year": [2024, 2025], "target": [17, 30], "admitted": [18, 12], "complete": [True, False]})
        ax = plots.plot_commune_series(data, lang="vi", ax=plt.figure().subplots())
        assert [round(p.get_height()) for p in ax.patches] == [18, 12]
        assert [p.get_hatch() for p in ax.patches] == [None, "//"]
        assert [t.get_text() for t in ax.texts] == ["18", "12"]
        assert [tick.get_text() for tick in ax.get_xticklabels()] == ["2024", "2025"]
        assert ax.collections[0].get_offsets().tolist() == [[0.0, 17.0], [1.0, 30.0]]

    def test_cells_ranked_with_their_counts(self):
        import matplotlib.pyplot as plt

        data = pd.DataFrame({"unit": ["Bản Ba", "Nà Mỵ"], "unit_type": ["village"] * 2, "target": [4, 3], "admitted": [5, 2]})
        ax = plots.plot_commune_cells(data, lang="en", ax=plt.figure().subplots())
        assert [tick.get_text() for tick in ax.get_yticklabels()] == ["Nà Mỵ", "Bản Ba"]
        assert [t.get_text() for t in ax.texts] == ["2", "5"]


@pytest.mark.slow
class TestTheNotebook:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_runs_and_its_page_reads_in_one_language(self, data, tmp_path, lang):
        from helpers.pages import notebook_page
        from helpers.runner import execute_notebook, warm_kernel

        nb = notebooks.for_report(notebooks.read(NOTEBOOK), lang, None)
        params = {"commune": "yen nguyen", "lang": lang, "data_dir": str(data), "figures_dir": str(tmp_path / "figures")}
        result, executed = execute_notebook(nb, tmp_path / "out.ipynb", params, cwd=config.NOTEBOOKS_DIR, kernel=warm_kernel())
        assert result["ok"], result["error"]
        page = notebook_page(executed, lang=lang, title="Yên Nguyên")
        assert broken_text(page) == [] and wrong_numbers(page, lang) == []
        assert wrong_language(page, lang, {"Yên Nguyên", "Bản Ba", "Nà Mỵ", "Hòa Phú", "Chiêm Hóa", "Trường THCS Yên Nguyên"}) == []
        assert page.count("data:image/png;base64,") == 2
        saved = sorted(p.name for p in (tmp_path / "figures" / "communes" / "yen-nguyen").iterdir())
        assert saved == sorted(f"{n}_{lang}.{ext}" for n in ("cells", "series") for ext in ("json", "pdf", "png", "svg"))

    def test_the_report_kernel_keeps_no_input_history(self):
        from helpers.runner import warm_kernel

        kernel, out = warm_kernel(), []
        kernel.manager(config.NOTEBOOKS_DIR)
        assert kernel.run("print(get_ipython().history_manager.enabled)", 60, printed=out) is None
        assert "".join(out).strip() == "False"

    def test_the_report_kernel_forgets_the_last_notebook_without_a_full_collection(self):
        from helpers.runner import warm_kernel

        def run(code: str) -> str:
            out: list[str] = []
            kernel.manager(config.NOTEBOOKS_DIR)
            assert kernel.run(code, 60, printed=out) is None
            return "".join(out).strip()

        kernel = warm_kernel()
        run("import gc, sys; ctx = 1; sys.full_before = gc.get_stats()[2]['collections']")
        kernel.clear()
        said = run("import gc, sys; print('ctx' in dir(), gc.get_stats()[2]['collections'] - sys.full_before, type(gc.collect).__name__)")
        assert said == "False 0 builtin_function_or_method"

    def test_the_report_kernel_is_warmed_up_once_and_answers_through_one_client(self):
        from helpers.runner import warm_kernel

        kernel, out = warm_kernel(), []
        km = kernel.manager(config.NOTEBOOKS_DIR)
        client = kernel._client()
        assert kernel.connected(config.NOTEBOOKS_DIR).client()._kc is client  # papermill's is the same one
        code = "import gc, sys; print(sorted(n for n in ('pandas', 'matplotlib.pyplot', 'helpers.figures') if n in sys.modules), gc.get_threshold()[0], gc.get_freeze_count() > 0)"
        assert kernel.run(code, 60, printed=out) is None and kernel._client() is client and kernel.manager(config.NOTEBOOKS_DIR) is km
        assert "".join(out).strip() == "['helpers.figures', 'matplotlib.pyplot', 'pandas'] 10000 True"

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_the_new_province_runs_and_its_page_reads_in_one_language(self, data, tmp_path, lang):
        from helpers.pages import notebook_page
        from helpers.runner import execute_notebook, warm_kernel

        nb = notebooks.for_report(notebooks.read(config.NOTEBOOKS_DIR / "05_new_province.ipynb"), lang, None)
        params = {"lang": lang, "data_dir": str(data), "figures_dir": str(tmp_path / "figures")}
        result, executed = execute_notebook(nb, tmp_path / "out.ipynb", params, cwd=config.NOTEBOOKS_DIR, kernel=warm_kernel())
        assert result["ok"], result["error"]
        page = notebook_page(executed, lang=lang, title="Tuyên Quang")
        assert broken_text(page) == [] and wrong_numbers(page, lang) == []
        assert wrong_language(page, lang, {"Tuyên Quang", "Hà Giang", "Kim Bình", "Minh Xuân", "Yên Nguyên", "Chiêm Hóa"}) == []
        assert page.count("data:image/png;base64,") == 2


@pytest.fixture(scope="module")
def built(data, tmp_path_factory):
    """A build of the 2025 reports only (the provincial board's and Yên Nguyên's own), in English, then again."""
    from helpers import build

    root = tmp_path_factory.mktemp("commune-build")
    only_2025 = root / "data"
    for folder in ("province", "yen-nguyen"):
        shutil.copytree(data / folder, only_2025 / folder)
    where = {"data_dir": only_2025, "reports_dir": root / "reports", "figures_dir": root / "figures", "build_dir": root / "build"}
    said: list[str] = []
    first = build.build(lang="en", progress=False, echo=said.append, **where)
    again = build.build(lang="en", progress=False, echo=said.append, **where)
    return root, first, again, said


@pytest.fixture(scope="module")
def bundled():
    from helpers.report import load_data

    return load_data()


class TestRatingsAndLeadersOnThe2025Boundaries:
    """Kim Bình (2025) is made of Bình Nhân, Kim Bình and Vinh Quang of the former Chiêm Hóa."""

    PREDECESSORS = ["Bình Nhân", "Kim Bình", "Vinh Quang"]

    def test_members_ratings_carried_onto_the_commune_and_the_provinces_2025_report_winning(self, bundled):
        from helpers.commune import commune_ratings

        ratings = bundled.tables["ratings"]
        got = commune_ratings(ratings, "Kim Bình").set_index("year")
        members = ratings[(ratings["subject"] == "members") & ratings["level"].notna()]
        old = members[(members["district"] == "Chiêm Hóa") & members["unit"].isin(self.PREDECESSORS) & (members["period"] == "year")]
        for year in (2018, 2024):
            rows = old[old["year"] == year]
            good = int(rows.loc[rows["level"].isin(["excellent", "good"]), "count"].sum())
            assert (got.loc[year, "rated"], got.loc[year, "good_or_better"]) == (int(rows["count"].sum()), good)
        own = members[members["district"].isna() & members["commune"].isna() & (members["unit"] == "Kim Bình")]
        assert got.loc[2025, "rated"] == int(own["count"].sum()) and bool(got.loc[2025, "complete"])
        assert got.index.tolist() == list(range(2018, 2026))  # the first-half reports of 2025 set aside, not added

    def test_leaders_from_the_provinces_report_only(self, bundled):
        from helpers.commune import commune_placements

        placements = bundled.tables["placements"]
        got = commune_placements(placements, "Kim Bình")
        row = placements[placements["district"].isna() & (placements["unit"] == "Kim Bình")].iloc[0]
        flags = ["secretary_non_local", "secretary_chairs_pc", "pc_chair_non_local"]
        assert got["year"].tolist() == [2025]
        assert got[flags].iloc[0].tolist() == row[flags].tolist()

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_readings_name_the_year_the_share_and_the_regulations(self, bundled, tmp_path, lang):
        from helpers import regimes
        from helpers.commune import CommuneContext
        from helpers.i18n import format_percent

        ctx = CommuneContext(dataset=bundled, commune="Kim Bình", lang=lang, figures_dir=tmp_path)
        last = ctx.ratings.iloc[-1]
        share = format_percent(float(last["share"]), 1, lang=lang)
        start = {"vi": f"Năm 2025, {share} đảng viên của xã Kim Bình (", "en": f"In 2025, {share} of the members of Kim Bình commune ("}
        reading = str(ctx.reading("ratings"))
        assert reading.startswith(start[lang]) and reading.endswith(regimes.note(list(range(2018, 2026)), lang))
        flags = ctx.placements.iloc[0]
        secretary = {"vi": ("không phải người địa phương", "là người địa phương"), "en": ("is not local", "is local")}[lang]
        expected = secretary[0] if flags["secretary_non_local"] else secretary[1]
        assert expected in str(ctx.reading("placements")) and str(ctx.reading("placements")).startswith({"vi": "Năm 2025,", "en": "In 2025,"}[lang])

    def test_the_ratings_figure_and_the_word_sections(self, bundled, tmp_path):
        from helpers.commune import CommuneContext, commune_document

        ctx = CommuneContext(dataset=bundled, commune="Kim Bình", lang="en", figures_dir=tmp_path)
        shown = ctx.figure("ratings")
        assert shown.title == "Members rated good or better, Kim Bình commune (2025 boundaries)"
        doc = commune_document(ctx)
        assert [s.heading for s in doc.sections] == ["Admissions year by year", "Its cells", "Quality ratings", "Leaders"]
        assert ctx.figure("placements") == ""  # a table only


class TestTheRatingsPlot:
    def test_a_bar_per_year_with_its_share_and_the_benchmark(self):
        import matplotlib.pyplot as plt

        data = pd.DataFrame({"year": [2024, 2025], "share": [0.937, 0.91], "complete": [True, False]})
        ax = plots.plot_commune_ratings(data, lang="vi", ax=plt.figure().subplots())
        assert [round(p.get_height(), 3) for p in ax.patches] == [0.937, 0.91]
        assert [p.get_hatch() for p in ax.patches] == [None, "//"]
        assert [t.get_text() for t in ax.texts] == ["93,7 %", "91,0 %"]
        assert [line.get_ydata()[0] for line in ax.lines if getattr(line, "helpers_reference", None)] == [0.9]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Tốt trở lên", "Mức 90 %"]


@pytest.mark.slow
class TestTheBuild:
    def test_a_report_for_every_commune_with_data_and_no_district_needed(self, built):
        root, first, again, said = built
        assert first.ok, first.failed
        assert first.built == ["communes/kim-binh", "communes/minh-xuan", "communes/yen-nguyen", "province-2025"]
        assert again.built == [] and again.skipped == first.built

    def test_pages_and_word_reports_linked_from_the_index(self, built):
        root = built[0]
        index = (root / "reports" / "en" / "index.html").read_text(encoding="utf-8")
        for name in ("kim-binh", "minh-xuan", "yen-nguyen"):
            assert f'href="communes/{name}.html"' in index and f'href="communes/{name}.docx"' in index
            page = (root / "reports" / "en" / "communes" / f"{name}.html").read_text(encoding="utf-8")
            assert broken_text(page) == [] and wrong_numbers(page, "en") == []
            assert 'href="../index.html"' in page
        overview = (root / "reports" / "en" / "province-2025.html").read_text(encoding="utf-8")
        assert 'href="province-2025.html"' in index and overview.count("data:image/png;base64,") == 2
        assert 'href="province-2025.docx"' in index and (root / "reports" / "en" / "province-2025.docx").exists()
        assert broken_text(overview) == [] and wrong_numbers(overview, "en") == []
        assert "no commune boundary map whose licence allows it to ship with the project is available offline" in overview

    def test_the_new_provinces_word_report_is_its_own_overview(self, built):
        import docx

        document = docx.Document(str(built[0] / "reports" / "en" / "province-2025.docx"))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[:2] == ["Admissions against the target", "Ranked within the former districts"]
        assert "The latest year" not in headings  # the districts' overview has that section, not this one

    def test_the_word_report_has_its_sections_figures_and_committee(self, built):
        import docx

        document = docx.Document(str(built[0] / "reports" / "en" / "communes" / "yen-nguyen.docx"))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings == ["Admissions year by year", "Its cells", "Quality ratings", "Leaders"]  # the last two say there are no data
        assert len(document.inline_shapes) == 2
        header = document.tables[0].rows[0].cells[0].text.splitlines()
        assert header[:2] == ["TUYÊN QUANG PROVINCIAL PARTY ORGANISATION", "YÊN NGUYÊN COMMUNE PARTY COMMITTEE"]
        assert "In 2025, Yên Nguyên commune admitted 27 members, 90.0% of the target (30)." in [p.text for p in document.paragraphs]


class TestTheNewProvince:
    def test_one_row_per_commune_at_its_point_with_its_former_district(self, reports):
        from helpers.province2025 import province_communes
        from helpers.units import units_2025

        c = province_communes(reports.admissions)
        assert c.attrs["year"] == 2025
        assert c[["unit", "former_district", "target", "admitted"]].astype(object).values.tolist() == [
            ["Kim Bình", "Chiêm Hóa", 20, 18], ["Minh Xuân", "Tuyên Quang", 25, 26], ["Yên Nguyên", "Chiêm Hóa", 30, 27]]
        points = units_2025("Tuyên Quang").set_index("name")
        assert c["lat"].tolist() == [points.loc[u, "lat"] for u in c["unit"]]
        assert c["lon"].tolist() == [points.loc[u, "lon"] for u in c["unit"]]

    @pytest.mark.parametrize("lang, text", [
        ("vi", "Năm 2025, 3 xã, phường có số liệu kết nạp 71 đảng viên, đạt 94,7 % chỉ tiêu; 1 xã, phường đạt hoặc vượt chỉ tiêu."),
        ("en", "In 2025 the 3 communes and wards with data admitted 71 members, 94.7% of their targets; 1 met or passed theirs."),
    ])  # fmt: skip
    def test_the_reading(self, data, tmp_path, lang, text):
        from helpers.province2025 import province_context

        assert province_context(lang=lang, data_dir=data, figures_dir=tmp_path).reading("map") == text

    def test_points_coloured_by_attainment_and_ranked_bars_grouped_by_former_district(self, reports):
        import matplotlib.pyplot as plt

        from helpers.province2025 import province_communes

        c = province_communes(reports.admissions)
        ax = plots.plot_commune_points(c, lang="vi", ax=plt.figure().subplots())
        assert ax.collections[0].get_offsets().tolist() == [[lon, lat] for lon, lat in zip(c["lon"], c["lat"])]
        assert [round(v, 3) for v in ax.collections[0].get_array()] == [0.9, 1.04, 0.9]
        assert all("." not in t.get_text() for t in ax.get_xticklabels())  # decimal commas in Vietnamese
        ax = plots.plot_communes_ranked(c, lang="en", ax=plt.figure().subplots())
        assert [t.get_text() for t in ax.get_yticklabels()] == ["Kim Bình", "Yên Nguyên", "Minh Xuân"]  # ties in Vietnamese order
        assert [t.get_text() for t in ax.texts] == ["90.0%", "90.0%", "104.0%", "Chiêm Hóa", "Tuyên Quang"]


class TestTheNewProvinceOnTheBundledData:
    def test_ratings_and_leaders_counted_from_the_provinces_report(self, bundled, tmp_path):
        from helpers.province2025 import ProvinceContext

        ratings, placements = bundled.tables["ratings"], bundled.tables["placements"]
        own = lambda t: t[t["district"].isna() & t["commune"].isna() & (t["year"] == 2025) & (t["unit_type"] != "agency")]  # noqa: E731
        members = own(ratings)[(own(ratings)["subject"] == "members") & own(ratings)["level"].notna()]
        rated, good = int(members["count"].sum()), int(members.loc[members["level"].isin(["excellent", "good"]), "count"].sum())
        non_local = int(own(placements)["secretary_non_local"].sum())
        ctx = ProvinceContext(dataset=bundled, lang="en", figures_dir=tmp_path)
        assert str(ctx.reading("ratings")).startswith(f"In 2025, {good / rated:.1%} of the members of the 124 communes and wards ({good:,} of {rated:,} rated)")
        assert str(ctx.reading("placements")).startswith(f"In 2025, {non_local} of the 124 communes and wards had a party secretary who was not local")

    def test_the_word_overview_of_the_new_province(self, bundled, tmp_path):
        import docx

        from helpers.province2025 import ProvinceContext, province_document
        from helpers.word import write_docx

        doc = province_document(ProvinceContext(dataset=bundled, lang="vi", figures_dir=tmp_path))
        assert [s.heading for s in doc.sections] == [
            "Kết nạp đảng viên so với chỉ tiêu", "Xếp hạng theo huyện cũ", "Đánh giá, xếp loại chất lượng", "Bố trí cán bộ chủ chốt",
            "Đảng viên mới kết nạp (Biểu số 2-BTCTW)"]
        assert doc.committee == "ĐẢNG BỘ TỈNH TUYÊN QUANG\nBAN TỔ CHỨC TỈNH ỦY" and doc.title == "BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2025"
        document = docx.Document(str(write_docx(doc, tmp_path / "province-2025.docx")))
        assert len(document.inline_shapes) == 3  # the map, the ranking and the new members' profile
        assert doc.source_note in [p.text for p in document.paragraphs]

    def test_the_word_overview_of_the_districts(self, tmp_path):
        from helpers.document import Figure, Table
        from helpers.report import province_document, report_context

        ctx = report_context(lang="en", figures_dir=tmp_path)
        doc = province_document(ctx)
        assert [s.heading for s in doc.sections] == [
            "The latest year", "Admissions", "Quality ratings", "Commune leaders", "Breakthrough tasks",
            "The new members' profile (Biểu số 2-BTCTW)", "About the data"]
        assert doc.sections[0].blocks[0].caption == "The districts, 2025 (first half)" and isinstance(doc.sections[0].blocks[0], Table)
        figures = [b for s in doc.sections for b in s.blocks if isinstance(b, Figure)]
        assert len(figures) == 7 and doc.title == "PARTY-BUILDING FIGURES, 2025 (FIRST HALF)"  # 6 and the new members' profile
        tables = [b.caption for s in doc.sections[1:] for b in s.blocks if isinstance(b, Table)]
        assert tables == ["New members in 2024 against 2023 (form 2-BTCTW)"]  # no unit tables of the whole province

    def test_the_new_members_profile_from_the_provincial_boards_form(self, bundled, tmp_path):
        from helpers.province2025 import ProvinceContext

        forms = bundled.tables["form_rows"]
        board = forms[(forms["unit_type"] == "province") & (forms["form"] == "2-BTCTW") & (forms["year"] == 2025)]
        total = int(board.loc[board["criterion"] == "total", "value"].iloc[0])
        young = board.loc[board["criterion"] == "age.18_30", "value"].iloc[0] / total
        ctx = ProvinceContext(dataset=bundled, lang="en", figures_dir=tmp_path)
        assert ctx.profile.attrs == {"year": 2025, "unit": "Tuyên Quang"}
        assert str(ctx.reading("profile")).startswith(
            f"Of the {total:,} new members Tuyên Quang province admitted in 2025 (form 2-BTCTW), the largest groups were, "
            f"by age, aged 18–30 ({young:.1%};")
        assert ctx.figure("profile").title == "New members by age, occupation and schooling — Tuyên Quang province, 2025"
