"""Plots, checked on what they draw: bars and their sizes, ticks, legends, colours, lines and texts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from helpers import indicators as ind
from helpers import plots
from helpers.schema import conform
from helpers.theme import LEVEL_COLORS, SERIES_COLORS, report_theme


def _table(name: str, rows: list[dict], district: str = "Chiêm Hóa") -> pd.DataFrame:
    base = {"district": district, "unit_type": "commune", "source": "t.xlsx!s!B9"}
    return conform(name, pd.DataFrame([{**base, **r} for r in rows]))


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _title(ax) -> str:
    return next((ax.get_title(loc) for loc in ("center", "left", "right") if ax.get_title(loc)), "")


def _legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _ax():
    return plt.subplots()[1]


@pytest.fixture
def admissions_two_units():
    return _table(
        "admissions",
        [
            {"unit": "Hòa Phú", "year": 2023, "target": 9, "admitted": 6, "female": 2, "ethnic_minority": 5, "youth_union": 4, "religious": 0},
            {"unit": "Yên Lập", "year": 2023, "target": 8, "admitted": 8, "female": 3, "ethnic_minority": 6, "youth_union": 5, "religious": 1},
            {"unit": "Hòa Phú", "year": 2022, "target": 9, "admitted": 7, "female": 1, "ethnic_minority": 2, "youth_union": 3, "religious": 0},
            {"unit": "Yên Lập", "year": 2022, "target": 8, "admitted": 3, "female": 1, "ethnic_minority": 1, "youth_union": 1, "religious": 0},
        ],
    )


@pytest.fixture
def ratings_two_years():
    rows = []
    for year, levels in ((2021, ["excellent", "good", "good", "good", "good", "good", "good", "good", "good", "completed"]),
                         (2022, ["excellent", "excellent", "good", "good", "good", "good", "good", "good", "good", "good", "good"])):
        for i, level in enumerate(levels):
            rows.append({"unit": f"Xã {i}", "year": year, "subject": "organisation", "level": level, "count": 1})
        for level, n in (("excellent", 10), ("good", 80), ("completed", 8), ("not_completed", 2), (None, 5)):
            rows.append({"unit": "Xã 0", "year": year, "subject": "members", "level": level, "count": n})
    rows.append({"unit": "Công an huyện", "unit_type": "agency", "year": 2022, "subject": "organisation", "level": "excellent", "count": 1})
    return _table("ratings", rows)


@pytest.fixture
def placements_three_units():
    return _table(
        "placements",
        [
            {"unit": u, "year": 2023, "secretary_non_local": s, "secretary_chairs_pc": c, "pc_chair_non_local": p,
             "pc_vice_chairs": 2, "pc_vice_chairs_non_local": v}
            for u, s, c, p, v in (("A", True, True, False, 1), ("B", True, False, True, 0), ("C", False, False, False, 0))
        ],
    )


@pytest.fixture
def tasks_two_units():
    return _table(
        "breakthrough_tasks",
        [
            {"unit": "Huyện ủy", "unit_type": "agency", "year": 2023, "cadres": 10, "tasks": 39, "tasks_completed": 30},
            {"unit": "Hòa Phú", "year": 2023, "cadres": 2, "tasks": 8, "tasks_completed": 8},
        ],
    )


def _drawn(ax):
    ax.get_figure().canvas.draw()
    return ax


class TestPlotAdmissionsVsTarget:
    def test_bars_markers_and_attainment(self, admissions_two_units):
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(admissions_two_units), year=2023, ax=_ax())
        assert [p.get_width() for p in ax.patches] == [6.0, 8.0]  # sorted by admitted, the largest at the top
        assert [t.get_text() for t in ax.get_yticklabels()] == ["Hòa Phú", "Yên Lập"]
        assert ax.collections[0].get_offsets().tolist() == [[9.0, 0.0], [8.0, 1.0]]
        assert _texts(ax) == ["67 %", "100 %"]
        assert _legend(ax) == ["Đã kết nạp", "Chỉ tiêu"]
        assert to_hex(ax.patches[0].get_facecolor()) == SERIES_COLORS["admitted"].lower()

    def test_no_title_the_figure_has_it(self, admissions_two_units):
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(admissions_two_units), ax=_ax())
        assert _title(ax) == ""

    def test_english_and_latest_year_by_default(self, admissions_two_units):
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(admissions_two_units), lang="en", ax=_ax())
        assert _texts(ax) == ["67%", "100%"]

    def test_a_missing_target_has_no_marker_and_says_so(self, admissions_two_units):
        t = admissions_two_units.copy()
        t.loc[t["unit"] == "Yên Lập", "target"] = pd.NA
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(t), year=2023, ax=_ax())
        assert len(ax.collections[0].get_offsets()) == 1
        assert _texts(ax) == ["67 %", "không có chỉ tiêu"]
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(t), year=2023, lang="en", ax=_ax())
        assert _texts(ax)[1] == "no target"

    def test_ties_in_vietnamese_alphabetical_order(self):
        t = _table("admissions", [{"unit": u, "year": 2023, "target": 5, "admitted": 5} for u in ("Kim Bình", "Kiên Đài", "An Khang")])
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(t), ax=_ax())
        # read top to bottom: An Khang, Kiên Đài, Kim Bình (code points would put Kim before Kiên)
        assert [t.get_text() for t in ax.get_yticklabels()][::-1] == ["An Khang", "Kiên Đài", "Kim Bình"]

    def test_draws_on_the_current_axes_and_passes_kwargs(self, admissions_two_units):
        fig, ax = plt.subplots()
        got = plots.plot_admissions_vs_target(ind.admissions_attainment(admissions_two_units), year=2022, color="#123456")
        assert got is ax
        assert to_hex(ax.patches[0].get_facecolor()) == "#123456"

    def test_labels_on_a_white_ground_and_no_grid_along_the_rows(self, admissions_two_units):
        with report_theme():
            ax = _drawn(plots.plot_admissions_vs_target(ind.admissions_attainment(admissions_two_units), ax=_ax()))
        assert all(t.get_bbox_patch().get_facecolor() == (1.0, 1.0, 1.0, 1.0) for t in ax.texts)
        assert not any(line.get_visible() for line in ax.get_ygridlines())

    def test_no_data(self, admissions_two_units):
        ax = plots.plot_admissions_vs_target(ind.admissions_attainment(admissions_two_units.iloc[:0]), lang="en", ax=_ax())
        assert _texts(ax) == ["No data"] and not ax.patches


class TestPlotTermPace:
    def test_term_target_admitted_and_pace(self):
        t = _table("admissions", [{"unit": "Hòa Phú", "year": y, "target": 9, "admitted": a} for y, a in zip(range(2020, 2024), (7, 6, 7, 6))])
        ax = plots.plot_term_pace(ind.term_progress(t), ax=_ax())
        assert [p.get_width() for p in ax.patches] == [45.0, 26.0]
        assert _texts(ax) == ["cần 19,0/năm"]
        ax = plots.plot_term_pace(ind.term_progress(t, as_of=2021), lang="en", ax=_ax())
        assert _texts(ax) == ["10.7/yr needed"]  # (45 − 13) / 3
        assert _legend(ax) == ["Term target", "Admitted so far"]

    def test_last_year_of_the_term_shows_what_is_short(self):
        years, admitted = range(2020, 2025), (7, 6, 7, 6, 9)  # 35 of 45, no year left
        t = _table("admissions", [{"unit": "Hòa Phú", "year": y, "target": 9, "admitted": a} for y, a in zip(years, admitted)]
                   + [{"unit": "Kim Bình", "year": y, "target": 5, "admitted": 6} for y in years])
        assert _texts(plots.plot_term_pace(ind.term_progress(t), ax=_ax())) == ["đã đạt", "còn thiếu 10"]
        assert _texts(plots.plot_term_pace(ind.term_progress(t), lang="en", ax=_ax())) == ["reached", "10 short"]

    def test_no_term_target_says_why(self, admissions_two_units):
        prog = ind.term_progress(admissions_two_units)  # 2020 and 2021 not reported
        assert _texts(plots.plot_term_pace(prog, ax=_ax())) == ["không có chỉ tiêu", "không có chỉ tiêu"]
        prog = prog.assign(
            years_not_reported=[(2020, 2021), (2021, 2022, 2023, 2024)],
            reported_under=["", "Lâm Bình"],
            years_without_target=[(2022,), ()],
        )
        texts = _texts(plots.plot_term_pace(prog, ax=_ax()))
        assert sorted(texts) == ["không có số liệu năm 2020, 2021; không có chỉ tiêu năm 2022", "năm 2021–2024 báo cáo ở Lâm Bình"]
        texts = _texts(plots.plot_term_pace(prog, lang="en", ax=_ax()))
        assert sorted(texts) == ["2021–2024 reported under Lâm Bình", "no report for 2020, 2021; no target for 2022"]
        assert "–" not in [t for text in texts for t in text.split()]


class TestPlotComposition:
    def test_total_behind_four_groups_with_shares(self, admissions_two_units):
        ax = plots.plot_composition(ind.composition(admissions_two_units, by="district"), ax=_ax())
        assert [p.get_height() for p in ax.patches] == [10.0, 14.0, 2.0, 5.0, 3.0, 11.0, 4.0, 9.0, 0.0, 1.0]
        assert [round(p.get_width(), 2) for p in ax.patches[:3]] == [0.9, 0.9, 0.19]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2022", "2023"]
        assert _legend(ax) == ["Đã kết nạp", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"]
        assert _texts(ax) == ["20 %", "36 %", "30 %", "79 %", "40 %", "64 %", "0 %", "7 %"]
        ax = plots.plot_composition(ind.composition(admissions_two_units, by="district"), lang="en", ax=_ax())
        assert _legend(ax)[1:] == ["Women", "Ethnic minorities", "Youth Union members", "Religious"]


class TestPlotRatingsByLevel:
    def _draw(self, ratings, subject="organisation", **kwargs):
        shares = ind.rating_shares(ratings, subject=subject)
        gob = ind.good_or_better(ratings, subject=subject)
        return plots.plot_ratings_by_level(shares, good_or_better=gob, ax=_ax(), **kwargs)

    def test_stacked_shares_colours_and_benchmark(self, ratings_two_years):
        ax = self._draw(ratings_two_years)
        assert len(ax.patches) == 4 * 2
        # excellent at the bottom: 2021 1/10, 2022 3/12
        assert [round(p.get_height(), 4) for p in ax.patches[:2]] == [0.1, 0.25]
        colours = [to_hex(p.get_facecolor()) for p in ax.patches[::2]]
        assert colours == [LEVEL_COLORS[k].lower() for k in ("excellent", "good", "completed", "not_completed")]
        (line,) = ax.get_lines()
        assert list(line.get_ydata()) == [0.9, 0.9] and line.helpers_reference == "y"
        assert _texts(ax) == ["90,0 %", "100,0 %"]
        assert _legend(ax)[:2] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"]
        _drawn(ax)
        assert [t.get_text() for t in ax.get_yticklabels()] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]

    def test_good_or_better_written_below_the_benchmark_line(self, ratings_two_years):
        ax = self._draw(ratings_two_years)
        # 90 % and 100 % are written just under the line, not struck through by it
        assert [t.xy[1] for t in ax.texts] == [0.9, 0.9]
        assert all(t.get_va() == "top" and t.xyann[1] < 0 for t in ax.texts)

    def test_members_over_rated_members_in_english(self, ratings_two_years):
        ax = self._draw(ratings_two_years, subject="members", lang="en")
        assert _texts(ax) == ["90.0%", "90.0%"]  # 90 of 100 rated; 5 not rated are left out
        assert _legend(ax)[-1] == "90% benchmark"

    def test_without_good_or_better_no_labels(self, ratings_two_years):
        ax = plots.plot_ratings_by_level(ind.rating_shares(ratings_two_years, subject="organisation"), ax=_ax())
        assert _texts(ax) == []


class TestPlotExcellentQuota:
    def test_groups_by_year_with_breaches_highlighted(self, ratings_two_years):
        ax = plots.plot_excellent_quota(ind.excellent_quota(ratings_two_years), ax=_ax())
        # communes 2021, 2022; agencies 2021 (none), 2022
        assert [round(p.get_height(), 4) for p in ax.patches] == [round(1 / 8, 4), round(2 / 9, 4), 0.0, 0.0]
        assert _texts(ax) == ["1/8", "2/9", "0/0", "1/0"]
        breach = ax.patches[1]
        assert to_hex(breach.get_facecolor()) == SERIES_COLORS["highlight"].lower()
        assert breach.get_hatch() == "//" and ax.patches[0].get_hatch() is None
        assert list(ax.get_lines()[0].get_ydata()) == [0.2, 0.2]
        assert _legend(ax) == ["Xã, thị trấn", "Cơ quan, đơn vị", "Giới hạn 20 %"]

    def test_members_by_organisation(self, ratings_two_years):
        q = ind.excellent_quota(ratings_two_years, subject="members")
        ax = plots.plot_excellent_quota(q[q["year"] == 2022], lang="en", ax=_ax())
        assert _texts(ax) == ["10/80"]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["Xã 0"]

    def test_the_quota_line_is_the_regulations_of_the_years_drawn(self, ratings_two_years):
        q = ind.excellent_quota(ratings_two_years)
        assert q["quota"].dropna().unique().tolist() == [0.2]  # every regulation so far: 20 %
        lines = lambda ax: sorted(line.get_ydata()[0] for line in ax.lines if getattr(line, "helpers_reference", None))  # noqa: E731
        assert lines(plots.plot_excellent_quota(q, ax=_ax())) == [0.2]
        other = q.assign(quota=[0.15 if y == q["year"].max() else 0.2 for y in q["year"]])  # a regulation with another quota
        assert lines(plots.plot_excellent_quota(other, ax=_ax())) == [0.15, 0.2]
        assert lines(plots.plot_excellent_quota(q, quota=0.3, ax=_ax())) == [0.3]

    def test_a_label_the_quota_line_would_strike_is_moved_above_it(self):
        rows = [{"unit": f"X{i}", "year": 2023, "subject": "organisation", "level": "excellent" if i < 4 else "good", "count": 1}
                for i in range(25)]  # 4 excellent of 21 good: 19 %, just under the line
        fig, ax = plt.subplots()
        plots.plot_excellent_quota(ind.excellent_quota(_table("ratings", rows)), ax=ax)
        (label,) = ax.texts
        plots.fit_labels(fig)
        line_y = ax.transData.transform((0, 0.2))[1]
        assert label.xy[1] == 0.2
        assert label.get_window_extent().y0 > line_y


class TestPlotNonLocalLeadership:
    def test_four_posts_annotated_count_of_all(self, placements_three_units):
        ax = plots.plot_non_local_leadership(ind.non_local_leadership(placements_three_units), ax=_ax())
        assert [p.get_width() for p in ax.patches] == [3.0, 3.0, 6.0, 3.0, 2.0, 1.0, 1.0, 1.0]
        assert _texts(ax) == ["2/3", "1/3", "1/6", "1/3"]
        assert [t.get_text() for t in ax.get_yticklabels()][0] == "Bí thư không phải người địa phương"

    def test_english(self, placements_three_units):
        ax = plots.plot_non_local_leadership(ind.non_local_leadership(placements_three_units), lang="en", ax=_ax())
        assert ax.get_legend() is None
        assert ax.get_xlabel() == "People / all posts"


class TestPlotBreakthroughTasks:
    def test_tasks_completed_and_per_cadre(self, tasks_two_units):
        ax = plots.plot_breakthrough_tasks(ind.breakthrough_summary(tasks_two_units), ax=_ax())
        assert [p.get_width() for p in ax.patches] == [8.0, 39.0, 8.0, 30.0]
        assert _texts(ax) == ["4,0 việc/người", "3,9 việc/người"]
        ax = plots.plot_breakthrough_tasks(ind.breakthrough_summary(tasks_two_units), lang="en", ax=_ax())
        assert _texts(ax) == ["4.0 per cadre", "3.9 per cadre"]

    def test_the_last_label_is_fitted_inside_the_axes(self, tasks_two_units):
        fig, ax = plt.subplots(figsize=(4, 2))
        plots.plot_breakthrough_tasks(ind.breakthrough_summary(tasks_two_units), ax=ax)
        before = ax.get_xlim()[1]
        plots.fit_labels(fig)
        box = ax.get_window_extent()
        assert ax.get_xlim()[1] > before
        assert all(box.x0 <= t.get_window_extent().x0 and t.get_window_extent().x1 <= box.x1 - 3 for t in ax.texts)


def _series(values: dict[str, list[float]], years=(2021, 2022, 2023, 2024)) -> pd.DataFrame:
    rows = [{"district": d, "year": y, "value": v} for d, vs in values.items() for y, v in zip(years, vs)]
    return pd.DataFrame(rows)


class TestPlotProvinceOverview:
    DISTRICTS = ["Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"]

    def test_a_panel_per_district_in_the_order_given(self):
        data = _series({"Chiêm Hóa": [10, 14, 12, 13], "Na Hang": [20, 28, 25, 21]})
        fig = plots.plot_province_overview(data, unit="new_members", integer=True, districts=self.DISTRICTS)
        shown = [ax for ax in fig.axes if ax.axison]
        assert [_title(ax) for ax in shown] == self.DISTRICTS
        assert list(shown[3].get_lines()[0].get_ydata()) == [10.0, 14.0, 12.0, 13.0]
        assert [t.get_text() for t in shown[0].texts] == ["Không có số liệu"]
        assert fig.get_supylabel() == "Số đảng viên mới"

    def test_close_values_get_ticks_that_read_apart(self):
        data = _series({d: [3.91, 4.06, 4.01, 4.07] for d in self.DISTRICTS})
        with report_theme("vi"):
            fig = plots.plot_province_overview(data, unit="tasks_per_cadre_unit", districts=self.DISTRICTS, fig=plt.figure())
            fig.canvas.draw()
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) >= 3 and len(set(labels)) == len(labels)
        assert all("," in text for text in labels)  # 3,90 … 4,10, never "4" four times
        assert fig.get_supylabel() == "Việc/người"

    def test_shares_at_round_percentages_with_the_benchmark_named(self):
        data = _series({d: [0.853, 0.91, 0.978, 0.88] for d in self.DISTRICTS})
        with report_theme("en"):
            fig = plots.plot_province_overview(data, share=True, unit="share", references=((0.9, "benchmark"),), districts=self.DISTRICTS)
            fig.canvas.draw()
        ticks = [(t.get_text(), t.get_position()[1]) for t in fig.axes[0].get_yticklabels()]
        # round percentages (no 87.5 % written "88%"), each tick its own label
        assert len(ticks) >= 3 and all(text == f"{round(v * 100)}%" and abs(v * 20 - round(v * 20)) < 1e-9 for text, v in ticks)
        panel = fig.axes[3]
        assert [list(line.get_ydata()) for line in panel.get_lines()][1] == [0.9, 0.9]
        legend = fig.axes[7].get_legend()  # the empty eighth panel holds the legend
        assert [t.get_text() for t in legend.get_texts()] == ["90% benchmark"]

    def test_attainment_has_the_100_percent_line(self):
        data = _series({"Chiêm Hóa": [0.95, 1.04, 0.93, 0.94]})
        fig = plots.plot_province_overview(data, share=True, references=((1.0, "full_target"),), districts=["Chiêm Hóa"])
        lines = [line for line in fig.axes[0].get_lines() if getattr(line, "helpers_reference", None)]
        assert [list(line.get_ydata()) for line in lines] == [[1.0, 1.0]]


class TestFitLabels:
    def test_labels_off_the_right_edge_are_brought_in(self):
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.barh([0, 1], [10, 12])
        ax.set_xlim(0, 12)
        plots._annotate(ax, "a rather long label", (12, 1))
        plots.fit_labels(fig)
        assert ax.get_window_extent().x1 >= ax.texts[0].get_window_extent().x1 + 3
        assert ax.get_xlim()[0] == 0

    def test_nothing_to_fit_changes_nothing(self):
        fig, ax = plt.subplots()
        ax.bar([0], [1])
        ax.set_xlim(-1, 1)
        ax.set_ylim(0, 2)
        plots._annotate(ax, "1", (0, 1), offset=(0, 2), ha="center", va="bottom")
        plots.fit_labels(fig)
        assert ax.get_xlim() == (-1, 1) and ax.get_ylim() == (0, 2)
        assert ax.texts[0].xy == (0, 1)

    @pytest.fixture
    def bars_about_a_benchmark(self):
        """Two labelled bars, 90 % and 78 %, and an 80 % benchmark line: it strikes only the second label."""
        fig, ax = plt.subplots(figsize=(6, 4))
        for x, share in enumerate([0.9, 0.78]):
            ax.bar(x, share)
            plots._annotate(ax, f"{share:.0%}", (x, share), offset=(0, 4), ha="center", va="bottom")
        plots.reference_line(ax, 0.8)
        ax.set_ylim(0, 1.08)
        return fig, ax

    def test_a_label_clear_of_the_reference_line_stays_on_its_bar(self, bars_about_a_benchmark):
        fig, ax = bars_about_a_benchmark
        plots.fit_labels(fig)
        assert [t.xy for t in ax.texts] == [(0, 0.9), (1, 0.8)]  # only the struck label goes up to the line
        line_y = ax.transData.transform((0, 0.8))[1]
        assert ax.texts[1].get_window_extent().y0 > line_y

    def test_a_label_is_measured_with_its_ground(self, bars_about_a_benchmark):
        fig, ax = bars_about_a_benchmark
        renderer = fig.canvas.get_renderer()
        label = ax.texts[0]
        text, whole = label.get_window_extent(renderer), plots._extent(label, renderer)
        pad = 0.15 * label.get_fontsize() * fig.dpi / 72  # LABEL_BOX: square, pad 0.15 of the font size
        assert whole.x0 == pytest.approx(text.x0 - pad) and whole.y1 == pytest.approx(text.y1 + pad)


def _suppressed_cells(frame: pd.DataFrame, columns: list[str], **kwargs) -> pd.DataFrame:
    from helpers.safety import suppress

    out = suppress(frame.reset_index(drop=True), threshold=plots.SUPPRESSION_THRESHOLD, value_columns=columns, **kwargs)
    return out


class TestSuppressedFrames:
    """Plots draw frames the caller suppressed: a flagged count is marked ``*``, never drawn as zero."""

    def test_composition_marks_hidden_group_counts(self, admissions_two_units):
        from helpers.safety import MARK

        comp = ind.composition(admissions_two_units, by="district")
        hidden = _suppressed_cells(comp, list(ind.COMPOSITION))
        flags = hidden[[f"{c}_suppressed" for c in ind.COMPOSITION]].astype(bool)
        assert flags.to_numpy().any()
        ax = plots.plot_composition(hidden, ax=_ax())
        assert _texts(ax).count(MARK) == int(flags.to_numpy().sum())
        heights = [p.get_height() for p in ax.patches]
        assert [pd.isna(h) for h in heights] == [False] * 2 + [bool(h) for c in ind.COMPOSITION for h in flags[f"{c}_suppressed"]]

    def test_ratings_draw_hidden_levels_as_one_marked_segment(self, ratings_two_years):
        from helpers.safety import MARK

        shares = ind.rating_shares(ratings_two_years, subject="organisation")
        hidden = shares["count"].between(1, 2)
        shares = shares.assign(count_suppressed=hidden, share=shares["share"].mask(hidden))
        ax = plots.plot_ratings_by_level(shares, ax=_ax())
        excellent = ax.patches[:2]
        assert pd.isna(excellent[0].get_height())  # 2021: one excellent organisation
        grey = [p for p in ax.patches if to_hex(p.get_facecolor()) == plots.SUPPRESSED_COLOR.lower()]
        assert [round(p.get_height(), 4) for p in grey] == [0.2]  # 2021: the rest up to 100 %, on top
        assert _texts(ax) == [MARK]  # 2022 (3 excellent, 9 good) hides nothing

    def test_excellent_quota_writes_the_mark_and_draws_no_bar(self, ratings_two_years):
        from helpers.safety import MARK

        q = _suppressed_cells(ind.excellent_quota(ratings_two_years), ["excellent", "good"],
                              total_columns={"good_or_better": ["excellent", "good"]}, by="year")
        ax = plots.plot_excellent_quota(q, ax=_ax())
        texts = _texts(ax)
        assert "1/8" not in texts and "2/9" not in texts
        assert all(part == MARK or part.isdigit() for t in texts for part in t.split("/"))
        hidden_bars = [p for p, t in zip(ax.patches, texts) if MARK in t]
        assert hidden_bars and all(pd.isna(p.get_height()) for p in hidden_bars)


class TestTitle:
    def test_year_appended_only_when_given(self):
        assert plots.title("non_local_leadership", "vi", district="Na Hang") == "Cán bộ chủ chốt cấp xã không phải người địa phương — Na Hang"
        assert plots.title("non_local_leadership", "en", district="Na Hang", year=2024) == "Non-local commune leaders — Na Hang, 2024"

    def test_every_title_in_both_languages(self):
        from helpers.text import canonical

        for key, entry in plots.TITLES.items():
            assert set(entry) == {"vi", "en"}, key
            assert canonical(entry["vi"]) == entry["vi"], key
