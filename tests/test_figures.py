"""Figure sets: the registry, finding a district, what every figure draws, saving, showing, and the command line."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import config, figures
from helpers.schema import conform

D = "Chiêm Hóa"


def _rows(table: str, rows: list[dict], district: str = D, source: str = "chiem-hoa/t.xlsx!2023!B9") -> pd.DataFrame:
    base = {"district": district, "unit_type": "commune", "source": source}
    return conform(table, pd.DataFrame([{**base, **r} for r in rows]))


def small_district(source: str = "chiem-hoa/t.xlsx!2023!B9") -> dict[str, pd.DataFrame]:
    """Two communes of Chiêm Hóa and one of Na Hang, every table filled."""
    adm, rat, pla, tasks = [], [], [], []
    for unit in ("Hòa Phú", "Yên Lập"):
        for year in (2022, 2023):
            adm.append({"unit": unit, "year": year, "target": 9, "admitted": 7, "female": 3, "ethnic_minority": 5, "youth_union": 4, "religious": 0})
            rat.append({"unit": unit, "year": year, "subject": "organisation", "level": "good", "count": 1})
            for level, n in (("excellent", 2), ("good", 30), ("completed", 2), (None, 1)):
                rat.append({"unit": unit, "year": year, "subject": "members", "level": level, "count": n})
        pla.append({"unit": unit, "year": 2023, "secretary_non_local": True, "secretary_chairs_pc": False, "pc_chair_non_local": unit == "Hòa Phú", "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 1})
        tasks.append({"unit": unit, "year": 2023, "cadres": 4, "tasks": 15, "tasks_completed": 12})
    other = [{"unit": "Thượng Lâm", "year": 2023, "target": 5, "admitted": 4}]
    return {
        "admissions": pd.concat([_rows("admissions", adm, source=source), _rows("admissions", other, "Na Hang", source=source)], ignore_index=True),
        "ratings": _rows("ratings", rat, source=source),
        "placements": _rows("placements", pla, source=source),
        "breakthrough_tasks": _rows("breakthrough_tasks", tasks, source=source),
    }


@pytest.fixture(scope="module")
def bundled():
    from helpers.read import read_reports

    return read_reports(config.RAW_DATA_DIR)


@pytest.fixture(scope="module")
def on_boundaries(bundled):
    """The bundled tables mapped onto a year's boundaries, once per year (mapping takes seconds)."""
    from helpers.schema import TABLES

    cache = {}

    def mapped(year: int) -> dict:
        if year not in cache:
            cache[year] = {name: figures._table(bundled, name, year) for name in TABLES}
        return cache[year]

    return mapped


# --- what is drawn: the checks every figure passes -----------------------------------------


def _seen_texts(fig) -> list:
    """Every text a reader of the figure sees."""
    texts = [fig._suptitle, fig._supylabel, *fig.texts]
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
        if not ax.axison:
            continue
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        texts += _tick_labels(ax, "x") + _tick_labels(ax, "y")
    unique = {id(t): t for t in texts if t is not None and t.get_visible() and t.get_text()}
    return list(unique.values())


def _tick_labels(ax, axis: str) -> list:
    """The tick labels drawn: visible, written, at a tick inside the view limits."""
    low, high = sorted(getattr(ax, f"get_{axis}lim")())
    i = 0 if axis == "x" else 1
    span = (high - low) * 1e-9
    labels = getattr(ax, f"get_{axis}ticklabels")()
    return [t for t in labels if t.get_visible() and t.get_text() and low - span <= t.get_position()[i] <= high + span]


def _overlap(a, b, tol: float) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(a.y1, b.y1) - max(a.y0, b.y0) > tol


def _opaque(t) -> bool:
    patch = t.get_bbox_patch()
    return patch is not None and patch.get_facecolor()[3] == 1.0


def _axes_defects(ax, renderer, texts, tol: float) -> list[str]:
    out = []
    for axis in ("x", "y"):
        labels = [t.get_text() for t in _tick_labels(ax, axis)]
        if len(set(labels)) != len(labels):
            out.append(f"{axis} ticks alike: {labels}")
    box = ax.get_window_extent(renderer)
    references = [line for line in ax.get_lines() if getattr(line, "helpers_reference", None) == "y"]
    grid = [g for g in ax.get_xgridlines() + ax.get_ygridlines() if g.get_visible()]
    for t in ax.texts:
        if not t.get_visible() or not t.get_text():
            continue
        e = t.get_window_extent(renderer)
        if e.x0 < box.x0 - tol or e.x1 > box.x1 + tol or e.y0 < box.y0 - tol or e.y1 > box.y1 + tol:
            out.append(f"label outside the axes: {t.get_text()!r}")
        for g in [] if _opaque(t) else grid:
            path = g.get_path().transformed(g.get_transform()).vertices
            xs, ys = path[:, 0], path[:, 1]
            if (xs.min() == xs.max() and e.x0 < xs[0] < e.x1) or (ys.min() == ys.max() and e.y0 < ys[0] < e.y1):
                out.append(f"grid line through {t.get_text()!r}")
    for line in references:
        y = ax.transData.transform((0, line.get_ydata()[0]))[1]
        out += [f"reference line through {t.get_text()!r}" for t in texts
                if (e := t.get_window_extent(renderer)).y0 + tol < y < e.y1 - tol and e.x1 > box.x0 and e.x0 < box.x1]
    return out


def defects(fig) -> list[str]:
    """What is wrong with a figure as saved: ticks alike, texts on texts, labels outside, lines through labels, broken text."""
    from helpers.save import png_layout

    with png_layout(fig) as canvas:
        fig.set_layout_engine("none")  # as saving does: the layout drawn is the one fitted
        fig.draw_without_rendering()
        renderer = canvas.get_renderer()
        tol = 0.5 * fig.dpi / 72
        texts = _seen_texts(fig)
        out = [f"broken text {t.get_text()!r}" for t in texts if t.get_text() in ("–", "-") or any(
            w in t.get_text().split() for w in ("nan", "None", "<NA>", "NaN"))]
        boxes = [(t, t.get_window_extent(renderer)) for t in texts]
        for i, (a, ea) in enumerate(boxes):
            out += [f"{a.get_text()!r} overlaps {b.get_text()!r}" for b, eb in boxes[i + 1 :] if _overlap(ea, eb, tol)]
        for ax in fig.axes:
            if ax.axison:
                out += _axes_defects(ax, renderer, texts, tol)
    return out


# --- the registry ---------------------------------------------------------------------------


class TestRegistry:
    def test_names_are_stable(self):
        assert list(figures.DISTRICT_FIGURES) == [
            "admissions_target",
            "term_pace",
            "admissions_composition",
            "ratings_organisations",
            "ratings_members",
            "excellent_quota",
            "non_local_leadership",
            "breakthrough_tasks",
        ]
        assert list(figures.PROVINCE_FIGURES) == [
            "province_admitted",
            "province_admissions_attainment",
            "province_organisations_good_or_better",
            "province_members_good_or_better",
            "province_non_local_secretaries",
            "province_tasks_per_cadre",
        ]
        assert list(figures.PROFILE_FIGURES) == ["new_member_profile", "province_new_member_profile"]
        assert figures.FIGURES == {**figures.DISTRICT_FIGURES, **figures.PROVINCE_FIGURES, **figures.PROFILE_FIGURES}
        assert set(figures.FIGURE_TABLES) == set(figures.DISTRICT_FIGURES)

    def test_every_spec_names_a_table_a_plot_a_size_and_a_title(self):
        from helpers import plots
        from helpers.schema import TABLES

        for name, spec in figures.FIGURES.items():
            assert spec.table in (*TABLES, "form_rows"), name
            assert spec.plot.__module__ == "helpers.plots" and spec.plot.__name__.startswith("plot_"), name
            assert spec.size in ("units", "years", "wide", "province", "rows"), name
            assert spec.title in plots.TITLES, name
            assert spec.province == (name in figures.PROVINCE_FIGURES), name

    @pytest.mark.parametrize("name", list(figures.FIGURES))
    def test_plots_compute_nothing_and_suppress_nothing(self, name, monkeypatch):
        """The indicator function computes (and suppresses); the plot only draws what it is given."""
        from helpers import indicators, safety

        spec = figures.FIGURES[name]
        tables = small_district()
        table = figures._table(tables, spec.table, None)
        ctx = figures.Context(None if spec.province else D, None, True, table, (D, "Na Hang"))
        args = spec.indicator(table if spec.province else figures._pick_district(table, D), ctx)

        def refuse(*_a, **_k):
            raise AssertionError("a plot computed an indicator")

        for fn in indicators.__all__:
            if callable(getattr(indicators, fn)):
                monkeypatch.setattr(indicators, fn, refuse)
        monkeypatch.setattr(safety, "suppress", refuse)
        fig = plt.figure()
        target = {"fig": fig} if spec.province else {"ax": fig.subplots()}
        spec.plot(**args, lang="en", **target, **spec.options)
        assert fig.axes


# --- finding a district ---------------------------------------------------------------------


class TestFindDistrict:
    NAMES = ["Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"]

    @pytest.mark.parametrize("typed", ["Chiêm Hóa", "Chiêm Hoá", "CHIÊM HOÁ", "chiem hoa", "Chiem Hoa", "Huyện Chiêm Hóa", "  chiêm   hóa "])
    def test_as_an_office_types_it(self, typed):
        assert figures.find_district(typed, self.NAMES) == "Chiêm Hóa"

    def test_nfd_input(self):
        import unicodedata

        assert figures.find_district(unicodedata.normalize("NFD", "Hàm Yên"), self.NAMES) == "Hàm Yên"

    def test_unknown_lists_the_districts_in_the_data(self):
        with pytest.raises(ValueError, match="No data for district 'Xyz'; found: Tuyên Quang, Lâm Bình, Na Hang, Chiêm Hóa"):
            figures.find_district("Xyz", self.NAMES, lang="en")
        with pytest.raises(ValueError, match="Không có số liệu của huyện 'Xyz'; có: Tuyên Quang"):
            figures.find_district("Xyz", self.NAMES)
        with pytest.raises(ValueError, match=r"found: \(no district\)"):
            figures.find_district("Xyz", [], lang="en")

    def test_the_marks_decide_when_two_names_differ_only_by_them(self):
        assert figures.find_district("Yên Sơn", ["Yên Sơn", "Yên Son"]) == "Yên Sơn"
        with pytest.raises(ValueError, match="ambiguous: Yên Sơn, Yên Son"):
            figures.find_district("yen son", ["Yên Sơn", "Yên Son"], lang="en")


# --- drawing ------------------------------------------------------------------------------------


class TestDraw:
    @pytest.mark.parametrize("name", list(figures.DISTRICT_FIGURES))
    def test_every_figure_in_both_languages(self, name):
        tables = small_district()
        vi = figures.draw(name, tables, district=D, lang="vi")
        en = figures.draw(name, tables, district=D, lang="en")
        assert D in vi.get_suptitle() and D in en.get_suptitle()
        assert vi.get_suptitle() != en.get_suptitle()
        assert vi.helpers_data_date == 2023
        assert len(vi.axes[0].patches) > 0
        assert defects(vi) == [] and defects(en) == []

    def test_one_district_of_several(self):
        fig = figures.draw("admissions_target", small_district(), district="Na Hang", lang="en", year=2023)
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Thượng Lâm"]
        assert fig.get_suptitle() == "New members admitted against target — Na Hang, 2023"

    @pytest.mark.parametrize("typed", ["Chiêm Hoá", "Chiem Hoa", "chiêm hóa"])
    def test_the_district_as_typed(self, typed):
        fig = figures.draw("non_local_leadership", small_district(), district=typed, lang="en")
        assert fig.get_suptitle() == "Non-local commune leaders — Chiêm Hóa, 2023"

    def test_unknown_district_is_an_error_listing_the_districts(self):
        with pytest.raises(ValueError, match="No data for district 'Xyz'; found: Na Hang, Chiêm Hóa"):
            figures.draw("admissions_target", small_district(), district="Xyz", lang="en")

    def test_a_district_without_this_table_gets_a_clean_empty_figure(self):
        tables = {"admissions": small_district()["admissions"]}  # an office that sent admissions only
        fig = figures.draw("breakthrough_tasks", tables, district=D, lang="en", synthetic=False)
        assert fig.get_suptitle() == "Breakthrough tasks assigned and completed — Chiêm Hóa"
        assert [t.get_text() for t in fig.axes[0].texts] == ["No data"]
        assert fig.helpers_data_date is None
        fig = figures.draw("term_pace", {"ratings": small_district()["ratings"]}, district=D, lang="vi")
        assert fig.get_suptitle() == "Tiến độ chỉ tiêu kết nạp nhiệm kỳ 2020–2025 — Chiêm Hóa"

    def test_synthetic_footnote(self):
        fig = figures.draw("term_pace", small_district(), district=D, lang="vi", synthetic=True)
        assert "Số liệu mô phỏng, không phải số liệu thật" in [t.get_text() for t in fig.texts]
        fig = figures.draw("term_pace", small_district(), district=D, lang="vi", synthetic=False)
        assert not [t for t in fig.texts if "mô phỏng" in t.get_text()]

    def test_bundled_data_is_detected_from_the_source_files(self, tmp_path, monkeypatch):
        (tmp_path / "chiem-hoa").mkdir()
        (tmp_path / "chiem-hoa" / "t.xlsx").write_bytes(b"x")
        monkeypatch.setattr(config, "RAW_DATA_DIR", tmp_path)
        assert figures.is_bundled(small_district())
        assert not figures.is_bundled(small_district(source="elsewhere.xlsx!2023!B9"))
        assert figures.is_bundled(small_district(source="t.xlsx!2023!B9"))  # read from data/raw/chiem-hoa
        fig = figures.draw("ratings_members", small_district(), district=D, lang="en")
        assert "Synthetic data, not real figures" in [t.get_text() for t in fig.texts]

    def test_unknown_figure_is_refused(self):
        with pytest.raises(ValueError, match="No figure 'pie'"):
            figures.draw("pie", small_district(), district=D, lang="en")

    def test_province_figure(self):
        fig = figures.draw_province("province_admitted", small_district(), lang="en")
        assert fig.get_suptitle() == "New members admitted: the districts of Tuyên Quang province"
        panels = {ax.get_title(loc="left") or ax.get_title(): ax for ax in fig.axes if ax.axison}
        assert list(panels) == ["Na Hang", "Chiêm Hóa"]  # the districts in the data, in the registry's order
        assert list(panels["Na Hang"].get_lines()[0].get_ydata()) == [4.0]
        assert fig.get_supylabel() == "New members"


class TestTermPaceOfUnitsThatMoved:
    """Phúc Sơn and Minh Quang reported under Chiêm Hóa until 2020 and under Lâm Bình from 2021."""

    def _labels(self, fig) -> dict[str, str]:
        ax = fig.axes[0]
        units = [t.get_text() for t in ax.get_yticklabels()]
        return dict(zip(units, [t.get_text() for t in ax.texts]))

    def test_as_reported_each_district_says_where_the_other_years_are(self, bundled):
        chiem_hoa = self._labels(figures.draw("term_pace", bundled, district="Chiêm Hóa", lang="vi"))
        assert chiem_hoa["Phúc Sơn"] == chiem_hoa["Minh Quang"] == "năm 2021–2024 báo cáo ở Lâm Bình"
        lam_binh = self._labels(figures.draw("term_pace", bundled, district="Lâm Bình", lang="en"))
        assert lam_binh["Phúc Sơn"] == lam_binh["Minh Quang"] == "2020 reported under Chiêm Hóa"
        assert "–" not in chiem_hoa.values() and "–" not in lam_binh.values()

    def test_on_the_latest_boundaries_they_are_lam_binh_units_with_a_pace(self, on_boundaries):
        chiem_hoa = self._labels(figures.draw("term_pace", on_boundaries(2024), district="Chiêm Hóa", lang="en"))
        assert "Phúc Sơn" not in chiem_hoa and "Minh Quang" not in chiem_hoa
        lam_binh = self._labels(figures.draw("term_pace", on_boundaries(2024), district="Lâm Bình", lang="en"))
        assert lam_binh["Phúc Sơn"] == "5 short" and lam_binh["Minh Quang"] == "reached"  # 25 of 30, 36 of 35


_EVERY = [(d, lang) for d in ("Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương", None) for lang in ("vi", "en")]


@pytest.mark.parametrize(("district", "lang"), _EVERY, ids=[f"{d or 'province'}-{lang}" for d, lang in _EVERY])
def test_every_figure_of_the_bundled_data_is_drawn_cleanly(bundled, district, lang):
    """No two ticks alike, no text on another, labels inside the axes, no line through a label, no broken text."""
    found = {}
    names = figures.PROVINCE_FIGURES if district is None else figures.DISTRICT_FIGURES
    for name in names:
        if district is None:
            fig = figures.draw_province(name, bundled, lang=lang)
        else:
            fig = figures.draw(name, bundled, district=district, lang=lang)
        found[name] = defects(fig)
        plt.close(fig)
    assert found == {name: [] for name in names}


@pytest.mark.parametrize(("district", "boundaries"), [("Chiêm Hóa", 2024), ("Lâm Bình", 2020)])
def test_figures_on_other_boundaries_are_drawn_cleanly(on_boundaries, district, boundaries):
    found = {}
    for name in figures.DISTRICT_FIGURES:
        fig = figures.draw(name, on_boundaries(boundaries), district=district, lang="vi")
        found[name] = defects(fig)
        plt.close(fig)
    assert found == {name: [] for name in figures.DISTRICT_FIGURES}


def test_boundaries_are_applied_when_drawing():
    """Hòa Phú and Yên Lập are Chiêm Hóa communes in every year: on any boundaries the figure is the same."""
    plain = figures.draw("admissions_target", small_district(), district=D, lang="en")
    mapped = figures.draw("admissions_target", small_district(), district=D, lang="en", boundaries=2024)
    assert [t.get_text() for t in mapped.axes[0].texts] == [t.get_text() for t in plain.axes[0].texts]


class TestDefectsAreFound:
    """The checks above fail on the defects they look for."""

    def test_ticks_alike(self):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [3.9, 4.1])
        ax.yaxis.set_major_formatter("{x:.0f}")
        assert any("y ticks alike" in d for d in defects(fig))

    def test_a_label_outside_and_one_on_another(self):
        fig, ax = plt.subplots()
        ax.set_xlim(0, 1)
        ax.annotate("far out", (1.0, 0.5))
        ax.annotate("here", (0.5, 0.5))
        ax.annotate("here too", (0.5, 0.5))
        found = defects(fig)
        assert "label outside the axes: 'far out'" in found and "'here' overlaps 'here too'" in found

    def test_a_reference_line_or_a_grid_line_through_a_label(self):
        from helpers import plots

        fig, ax = plt.subplots()
        ax.set_ylim(0, 1)
        ax.set_xticks([])
        ax.set_yticks([0.4])
        ax.grid(True)
        plots.reference_line(ax, 0.7)
        ax.annotate("94,1 %", (0.5, 0.7), va="center")
        ax.annotate("4,4 việc/người", (0.5, 0.4), va="center")
        ax.annotate("on white", (0.2, 0.4), va="center", bbox=plots.LABEL_BOX)
        assert sorted(defects(fig)) == ["grid line through '4,4 việc/người'", "reference line through '94,1 %'"]

    def test_broken_text(self):
        fig, ax = plt.subplots()
        ax.annotate("–", (0.5, 0.5))
        assert "broken text '–'" in defects(fig)


class TestDrawPublish:
    """publish=True: small counts suppressed with safety.suppress, marked, and the note added."""

    def _texts(self, fig) -> list[str]:
        return [t.get_text() for t in fig.axes[0].texts]

    def _notes(self, fig) -> list[str]:
        return [t.get_text() for t in fig.texts if t.get_text() != fig.get_suptitle()]

    def test_small_counts_are_marked_not_written(self):
        from helpers.safety import MARK, suppression_note

        # women admitted: 2022 2 × 3 = 6, 2023 6: every share is shown without publish
        tables = small_district()
        adm = tables["admissions"]
        tables["admissions"] = adm.assign(religious=adm["religious"].mask(adm["year"] == 2023, 1).astype("Int64"))
        plain = figures.draw("admissions_composition", tables, district=D, lang="en", synthetic=False)
        fig = figures.draw("admissions_composition", tables, district=D, lang="en", synthetic=False, publish=True)
        # religious: 0 in 2022 (published as zero) and 2 in 2023 (hidden; 0 then hidden as well, its column total being known)
        assert "14%" in self._texts(plain) and "14%" not in self._texts(fig)
        assert self._texts(fig).count(MARK) == fig.helpers_suppressed == 2
        assert [t for t in self._texts(fig) if t != MARK] == [t for t in self._texts(plain) if not t.startswith(("0%", "14%"))]
        assert self._notes(fig) == [suppression_note(3, "en")]

    def test_hidden_levels_hide_the_good_or_better_share(self):
        from helpers.safety import MARK

        fig = figures.draw("ratings_organisations", small_district(), district=D, lang="vi", synthetic=False, publish=True)
        # two organisations, both good: 2 good is a small count, so the good-or-better share is not written
        assert self._texts(fig).count(MARK) == 2 * 2
        assert not [t for t in self._texts(fig) if "%" in t]

    def test_publish_false_is_unchanged(self):
        tables = small_district()
        for name in ("admissions_composition", "ratings_members", "excellent_quota"):
            default = figures.draw(name, tables, district=D, lang="en", synthetic=False)
            off = figures.draw(name, tables, district=D, lang="en", synthetic=False, publish=False)
            assert self._texts(default) == self._texts(off)
            assert self._notes(off) == []
            assert not getattr(off, "helpers_suppressed", 0)

    def test_nothing_to_hide_no_note(self):
        fig = figures.draw("term_pace", small_district(), district=D, lang="en", synthetic=True, publish=True)
        assert self._notes(fig) == ["Synthetic data, not real figures"]

    def test_both_notes(self):
        fig = figures.draw("ratings_organisations", small_district(), district=D, lang="vi", synthetic=True, publish=True)
        (note,) = self._notes(fig)
        assert note.splitlines()[0].startswith("* ") and note.splitlines()[1].startswith("Số liệu mô phỏng")
        assert "*" in self._texts(fig)


class TestReportFigure:
    def test_draws_saves_closes_and_shows_an_embedded_png(self, tmp_path):
        import base64
        import re

        before = plt.get_fignums()
        shown = figures.report_figure("term_pace", small_district(), district=D, lang="en", out_dir=tmp_path, publish=True)
        assert plt.get_fignums() == before
        assert sorted(p.name for p in shown.paths.values()) == [f"term_pace_en.{x}" for x in ("json", "pdf", "png", "svg")]
        html = shown._repr_html_()
        (data,) = re.findall(r'<img src="data:image/png;base64,([^"]+)"', html)
        assert base64.b64decode(data) == shown["png"].read_bytes()
        assert 'alt="Progress on the 2020–2025 term admissions target (to 2023) — Chiêm Hóa"' in html
        assert "http" not in html and "src=\"figures" not in html
        params = json.loads(shown["json"].read_text(encoding="utf-8"))["params"]
        assert params == {"figure": "term_pace", "district": D, "lang": "en", "year": None, "boundaries": None, "publish": True}

    def test_title_and_alt(self, tmp_path):
        shown = figures.report_figure(
            "non_local_leadership", small_district(), district="chiem hoa", lang="vi", out_dir=tmp_path, formats=("png",),
            alt="2/2 bí thư không phải người địa phương",
        )
        assert shown.title == "Cán bộ chủ chốt cấp xã không phải người địa phương — Chiêm Hóa, 2023"
        assert shown.alt == "2/2 bí thư không phải người địa phương"
        assert shown.alt_text == f"{shown.title}. {shown.alt}"
        assert f'alt="{shown.alt_text}"' in shown._repr_html_()

    def test_jupyter_shows_it_as_html_holding_the_png(self, tmp_path):
        from IPython.core.interactiveshell import InteractiveShell

        shown = figures.report_figure("ratings_members", small_district(), district=D, lang="en", out_dir=tmp_path,
                                      formats=("svg",), alt='Rated "good" or better: 94 % <of> members')
        data, _meta = InteractiveShell.instance().display_formatter.format(shown)
        assert data["text/html"].startswith('<img src="data:image/png;base64,')
        assert "alt=\"Quality ratings: Party members — Chiêm Hóa. Rated &quot;good&quot; or better: 94 % &lt;of&gt; members\"" in data["text/html"]
        assert shown.png[:8] == b"\x89PNG\r\n\x1a\n"  # drawn for the page though only the SVG was saved
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ratings_members_en.json", "ratings_members_en.svg"]

    def test_province_figure(self, tmp_path):
        shown = figures.report_figure("province_admitted", small_district(), lang="vi", out_dir=tmp_path, formats=("svg",))
        assert shown["svg"].name == "province_admitted_vi.svg"
        assert shown.title == "Số đảng viên mới kết nạp: các huyện, thành phố tỉnh Tuyên Quang"

    def test_the_old_name_still_works(self):
        assert figures.SavedFigure is figures.ReportFigure


class TestReportTable:
    def test_publish_hides_small_counts_with_the_note(self):
        from helpers.safety import suppression_note

        t = pd.DataFrame({"unit": ["Hòa Phú", "Yên Lập", "Tân Mỹ"], "female": [1, 5, 7], "admitted": [4, 9, 8]})
        shown = figures.report_table(t, publish=True, value_columns=["female"], lang="en")
        pd.testing.assert_frame_equal(
            shown.data, pd.DataFrame({"unit": ["Hòa Phú", "Yên Lập", "Tân Mỹ"], "female": ["*", "*", "7"], "admitted": [4, 9, 8]})
        )
        assert shown.caption == suppression_note(3, "en")

    def test_not_publishing_shows_the_table_as_it_is(self):
        t = pd.DataFrame({"unit": ["Hòa Phú"], "female": [1]})
        assert figures.report_table(t, publish=False, value_columns=["female"]) is t


class TestSaveDistrictFigures:
    def test_files_names_and_sidecars(self, tmp_path):
        files = figures.save_district_figures(small_district(), D, langs=("en",), out_dir=tmp_path, formats=("svg",))
        assert len(files) == 8 * 2
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"{n}_en.{ext}" for n in figures.DISTRICT_FIGURES for ext in ("svg", "json")
        )
        record = json.loads((tmp_path / "term_pace_en.json").read_text(encoding="utf-8"))
        assert record["params"] == {"figure": "term_pace", "district": D, "lang": "en", "year": None, "boundaries": None}
        assert record["data_date"] == 2023
        assert record["title"].startswith("Progress on the 2020–2025 term admissions target")

    def test_default_folder_is_the_district_slug(self, tmp_path, monkeypatch):
        monkeypatch.setattr(config, "FIGURES_DIR", tmp_path)
        tables = {"placements": small_district()["placements"]}
        files = figures.save_district_figures(tables, D, langs="vi", names=["non_local_leadership"])
        assert [p.relative_to(tmp_path).as_posix() for p in files] == [
            f"chiem-hoa/non_local_leadership_vi.{ext}" for ext in ("png", "svg", "pdf", "json")
        ]

    def test_unknown_name_is_refused(self, tmp_path):
        with pytest.raises(ValueError, match="Không có hình 'pie'"):
            figures.save_district_figures(small_district(), D, out_dir=tmp_path, names=["pie"])


_SAVE_TWICE = """
import sys
import matplotlib
matplotlib.use("Agg")
sys.path.insert(0, "tests")
from test_figures import small_district
from helpers import figures
figures.save_district_figures(small_district(), "Chiêm Hóa", langs=("vi",), out_dir=sys.argv[1],
                              names=["breakthrough_tasks", "ratings_members"])
"""


def test_saved_figures_are_byte_identical_across_processes(tmp_path):
    import subprocess
    import sys

    runs = [subprocess.Popen([sys.executable, "-c", _SAVE_TWICE, str(tmp_path / r)], cwd=config.PROJ_ROOT) for r in "ab"]
    assert [p.wait() for p in runs] == [0, 0]
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 2 * 4
    assert [(tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names] == [True] * len(names)


class TestSaveProvinceFigures:
    def test_one_figure_in_both_languages(self, tmp_path):
        files = figures.save_province_figures(small_district(), out_dir=tmp_path, names=["province_admitted"], formats=("svg",))
        assert [p.name for p in files] == [f"province_admitted_{lang}.{ext}" for lang in ("vi", "en") for ext in ("svg", "json")]
        record = json.loads((tmp_path / "province_admitted_en.json").read_text(encoding="utf-8"))
        assert record["title"] == "New members admitted: the districts of Tuyên Quang province"


class TestSaveDistrictFigures:
    def test_files_names_and_sidecars(self, tmp_path):
        files = figures.save_district_figures(small_district(), D, langs=("en",), out_dir=tmp_path, formats=("svg",))
        assert len(files) == 8 * 2
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"{n}_en.{ext}" for n in figures.DISTRICT_FIGURES for ext in ("svg", "json")
        )
        record = json.loads((tmp_path / "term_pace_en.json").read_text(encoding="utf-8"))
        assert record["params"] == {"figure": "term_pace", "district": D, "lang": "en", "year": None, "boundaries": None}
        assert record["data_date"] == 2023
        assert record["title"].startswith("Progress on the 2020–2025 term admissions target")

    def test_default_folder_is_the_district_slug(self, tmp_path, monkeypatch):
        monkeypatch.setattr(config, "FIGURES_DIR", tmp_path)
        tables = {"placements": small_district()["placements"]}
        files = figures.save_district_figures(tables, "Chiem Hoa", langs="vi", names=["non_local_leadership"])
        assert [p.relative_to(tmp_path).as_posix() for p in files] == [
            f"chiem-hoa/non_local_leadership_vi.{ext}" for ext in ("png", "svg", "pdf", "json")
        ]

    def test_unknown_name_is_refused(self, tmp_path):
        with pytest.raises(ValueError, match="Không có hình 'pie'"):
            figures.save_district_figures(small_district(), D, out_dir=tmp_path, names=["pie"])

    def test_saved_as_laid_out_when_drawn(self, tmp_path):
        """The labels were fitted on the PNG's layout: saving keeps that layout instead of working out another."""
        fig = figures.draw("breakthrough_tasks", small_district(), district=D, lang="en")
        positions = [ax.get_position().bounds for ax in fig.axes]
        from helpers.save import save_figure

        save_figure(fig, "t", out_dir=tmp_path, formats=("png", "svg"))
        assert [ax.get_position().bounds for ax in fig.axes] == positions


_SAVE_TWICE = """
import sys
import matplotlib
matplotlib.use("Agg")
sys.path.insert(0, "tests")
from test_figures import small_district
from helpers import figures
figures.save_district_figures(small_district(), "Chiêm Hóa", langs=("vi",), out_dir=sys.argv[1],
                              names=["breakthrough_tasks", "ratings_members"])
"""


def test_saved_figures_are_byte_identical_across_processes(tmp_path):
    import subprocess
    import sys

    runs = [subprocess.Popen([sys.executable, "-c", _SAVE_TWICE, str(tmp_path / r)], cwd=config.PROJ_ROOT) for r in "ab"]
    assert [p.wait() for p in runs] == [0, 0]
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 2 * 4
    assert [(tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names] == [True] * len(names)


class TestSaveProvinceFigures:
    def test_one_figure_in_both_languages(self, tmp_path):
        files = figures.save_province_figures(small_district(), out_dir=tmp_path, names=["province_admitted"], formats=("svg",))
        assert [p.name for p in files] == [f"province_admitted_{lang}.{ext}" for lang in ("vi", "en") for ext in ("svg", "json")]
        record = json.loads((tmp_path / "province_admitted_en.json").read_text(encoding="utf-8"))
        assert record["title"] == "New members admitted: the districts of Tuyên Quang province"


class TestCli:
    def test_one_district_of_the_bundled_data(self, tmp_path, capsys):
        argv = [str(config.RAW_DATA_DIR), "--district", "chiêm hoá", "--lang", "en", "--out", str(tmp_path)]
        code = figures.cli(argv + ["--figure", "ratings_members", "--figure", "non_local_leadership"])
        out = capsys.readouterr().out
        assert code == 0
        assert "Chiêm Hóa: wrote 8 files" in out
        assert sorted(p.name for p in (tmp_path / "chiem-hoa").glob("*.png")) == [
            "non_local_leadership_en.png",
            "ratings_members_en.png",
        ]
        record = json.loads((tmp_path / "chiem-hoa" / "ratings_members_en.json").read_text(encoding="utf-8"))
        assert record["synthetic"] == "The bundled data in data/raw are synthetic, not real figures."
        assert any(i["path"] == "data/raw/chiem-hoa/ratings.xlsx" for i in record["inputs"])

    def test_a_district_typed_without_marks(self, tmp_path, capsys):
        argv = [str(config.RAW_DATA_DIR), "--district", "Na Hang", "--lang", "en", "--out", str(tmp_path), "--figure", "term_pace"]
        assert figures.cli(argv) == 0
        assert (tmp_path / "na-hang" / "term_pace_en.png").exists()
        assert figures.cli([*argv[:2], "Chiem Hoa", *argv[3:]]) == 0
        assert (tmp_path / "chiem-hoa" / "term_pace_en.png").exists()

    def test_unknown_district(self, tmp_path, capsys):
        code = figures.cli([str(config.RAW_DATA_DIR), "--district", "Hà Nội", "--out", str(tmp_path)])
        assert code == 2
        err = capsys.readouterr().err
        assert "Không có số liệu của huyện 'Hà Nội'; có: Tuyên Quang, Lâm Bình, Na Hang, Chiêm Hóa" in err
        assert "Traceback" not in err

    def test_no_data(self, tmp_path, capsys):
        code = figures.cli([str(tmp_path), "--lang", "en", "--out", str(tmp_path / "out")])
        assert code == 1
        assert "No data found in" in capsys.readouterr().err


def teardown_module():
    plt.close("all")
