"""Plots, checked on what they draw: bars and their sizes, ticks, legends, colours, lines and texts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

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


class TestPlotAdmissionsVsTarget:
    def test_bars_markers_and_attainment(self, admissions_two_units):
        ax = plots.plot_admissions_vs_target(admissions_two_units, year=2023, ax=_ax())
        widths = [p.get_width() for p in ax.patches]
        assert widths == [6.0, 8.0]  # sorted by admitted, the largest at the top
        assert [t.get_text() for t in ax.get_yticklabels()] == ["Hòa Phú", "Yên Lập"]
        markers = ax.collections[0].get_offsets()
        assert markers.tolist() == [[9.0, 0.0], [8.0, 1.0]]
        assert _texts(ax) == ["67 %", "100 %"]
        assert _legend(ax) == ["Đã kết nạp", "Chỉ tiêu"]
        assert _title(ax) == "Kết nạp đảng viên so với chỉ tiêu — Chiêm Hóa, 2023"
        assert to_hex(ax.patches[0].get_facecolor()) == SERIES_COLORS["admitted"].lower()

    def test_english_and_latest_year_by_default(self, admissions_two_units):
        ax = plots.plot_admissions_vs_target(admissions_two_units, lang="en", ax=_ax())
        assert _title(ax) == "New members admitted against target — Chiêm Hóa, 2023"
        assert _texts(ax) == ["67%", "100%"]

    def test_a_missing_target_has_no_marker(self, admissions_two_units):
        t = admissions_two_units.copy()
        t.loc[t["unit"] == "Yên Lập", "target"] = pd.NA
        ax = plots.plot_admissions_vs_target(t, year=2023, ax=_ax())
        assert len(ax.collections[0].get_offsets()) == 1
        assert _texts(ax)[1] == "–"

    def test_draws_on_the_current_axes_and_passes_kwargs(self, admissions_two_units):
        fig, ax = plt.subplots()
        got = plots.plot_admissions_vs_target(admissions_two_units, year=2022, color="#123456")
        assert got is ax
        assert to_hex(ax.patches[0].get_facecolor()) == "#123456"

    def test_several_districts_need_one_named(self, admissions_two_units):
        other = admissions_two_units.assign(district="Na Hang")
        both = pd.concat([admissions_two_units, other], ignore_index=True)
        with pytest.raises(ValueError, match="pass district="):
            plots.plot_admissions_vs_target(both, ax=_ax())
        ax = plots.plot_admissions_vs_target(both, district="Na Hang", ax=_ax())
        assert "Na Hang" in _title(ax)


class TestPlotTermPace:
    def test_term_target_admitted_and_pace(self, admissions_two_units):
        ax = plots.plot_term_pace(admissions_two_units, ax=_ax())
        # 2022–2023 reported, 2020–2021 not: the term target is missing
        assert _texts(ax) == ["–", "–"]
        t = _table("admissions", [{"unit": "Hòa Phú", "year": y, "target": 9, "admitted": a} for y, a in zip(range(2020, 2024), (7, 6, 7, 6))])
        ax = plots.plot_term_pace(t, ax=_ax())
        assert [p.get_width() for p in ax.patches] == [45.0, 26.0]
        assert _texts(ax) == ["cần 19,0/năm"]
        assert _title(ax) == "Tiến độ chỉ tiêu kết nạp nhiệm kỳ 2020–2025 (đến năm 2023) — Chiêm Hóa"
        ax = plots.plot_term_pace(t, as_of=2021, lang="en", ax=_ax())
        assert _texts(ax) == ["10.7/yr needed"]  # (45 − 13) / 3
        assert _legend(ax) == ["Term target", "Admitted so far"]

    def test_last_year_of_the_term_shows_what_is_short(self):
        years, admitted = range(2020, 2025), (7, 6, 7, 6, 9)  # 35 of 45, no year left
        t = _table("admissions", [{"unit": "Hòa Phú", "year": y, "target": 9, "admitted": a} for y, a in zip(years, admitted)]
                   + [{"unit": "Kim Bình", "year": y, "target": 5, "admitted": 6} for y in years])
        ax = plots.plot_term_pace(t, ax=_ax())
        assert _texts(ax) == ["đã đạt", "còn thiếu 10"]
        ax = plots.plot_term_pace(t, lang="en", ax=_ax())
        assert _texts(ax) == ["reached", "10 short"]


class TestPlotComposition:
    def test_five_bars_a_year_with_shares(self, admissions_two_units):
        ax = plots.plot_composition(admissions_two_units, ax=_ax())
        assert len(ax.patches) == 5 * 2
        heights = [p.get_height() for p in ax.patches]
        assert heights == [10.0, 14.0, 2.0, 5.0, 3.0, 11.0, 4.0, 9.0, 0.0, 1.0]  # series by series
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2022", "2023"]
        assert _legend(ax) == ["Đã kết nạp", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"]
        assert _texts(ax)[:2] == ["20 %", "36 %"]  # women: 2/10, 5/14
        ax = plots.plot_composition(admissions_two_units, lang="en", ax=_ax())
        assert _legend(ax)[1:] == ["Women", "Ethnic minorities", "Youth Union members", "Religious"]


class TestPlotRatingsByLevel:
    def test_stacked_shares_colours_and_benchmark(self, ratings_two_years):
        ax = plots.plot_ratings_by_level(ratings_two_years, ax=_ax())
        assert len(ax.patches) == 4 * 2
        # excellent at the bottom: 2021 1/10, 2022 3/12
        assert [round(p.get_height(), 4) for p in ax.patches[:2]] == [0.1, 0.25]
        colours = [to_hex(p.get_facecolor()) for p in ax.patches[::2]]
        assert colours == [LEVEL_COLORS[k].lower() for k in ("excellent", "good", "completed", "not_completed")]
        line = ax.get_lines()[0]
        assert list(line.get_ydata()) == [0.9, 0.9]
        assert _texts(ax) == ["90,0 %", "100,0 %"]
        assert _legend(ax)[:2] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"]
        assert _title(ax) == "Xếp loại chất lượng: Tổ chức cơ sở đảng — Chiêm Hóa"
        plt.gcf().canvas.draw()
        assert [t.get_text() for t in ax.get_yticklabels()] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]

    def test_members_over_rated_members_in_english(self, ratings_two_years):
        ax = plots.plot_ratings_by_level(ratings_two_years, subject="members", lang="en", ax=_ax())
        assert _texts(ax) == ["90.0%", "90.0%"]  # 90 of 100 rated; 5 not rated are left out
        assert _title(ax) == "Quality ratings: Party members — Chiêm Hóa"
        assert _legend(ax)[-1] == "90% benchmark"


class TestPlotExcellentQuota:
    def test_groups_by_year_with_breaches_highlighted(self, ratings_two_years):
        ax = plots.plot_excellent_quota(ratings_two_years, ax=_ax())
        # communes 2021, 2022; agencies 2021 (none), 2022
        heights = [round(p.get_height(), 4) for p in ax.patches]
        assert heights == [round(1 / 8, 4), round(2 / 9, 4), 0.0, 0.0]
        assert _texts(ax) == ["1/8", "2/9", "0/0", "1/0"]
        breach = ax.patches[1]
        assert to_hex(breach.get_facecolor()) == SERIES_COLORS["highlight"].lower()
        assert breach.get_hatch() == "//"
        assert ax.patches[0].get_hatch() is None
        assert list(ax.get_lines()[0].get_ydata()) == [0.2, 0.2]
        assert _legend(ax) == ["Xã, thị trấn", "Cơ quan, đơn vị", "Giới hạn 20 %"]

    def test_members_by_organisation(self, ratings_two_years):
        ax = plots.plot_excellent_quota(ratings_two_years, subject="members", lang="en", ax=_ax())
        assert _texts(ax) == ["10/80"]
        assert _title(ax) == "Excellent ratings against the 20% quota: Party members — Chiêm Hóa, 2022"


class TestPlotNonLocalLeadership:
    def test_four_posts_annotated_count_of_all(self, placements_three_units):
        ax = plots.plot_non_local_leadership(placements_three_units, ax=_ax())
        assert [p.get_width() for p in ax.patches] == [3.0, 3.0, 6.0, 3.0, 2.0, 1.0, 1.0, 1.0]
        assert _texts(ax) == ["2/3", "1/3", "1/6", "1/3"]
        assert [t.get_text() for t in ax.get_yticklabels()][0] == "Bí thư không phải người địa phương"
        assert _title(ax) == "Cán bộ chủ chốt cấp xã không phải người địa phương — Chiêm Hóa, 2023"

    def test_english(self, placements_three_units):
        ax = plots.plot_non_local_leadership(placements_three_units, lang="en", ax=_ax())
        assert ax.get_legend() is None
        assert ax.get_xlabel() == "People / all posts"
        assert _title(ax) == "Non-local commune leaders — Chiêm Hóa, 2023"


class TestPlotBreakthroughTasks:
    def test_tasks_completed_and_per_cadre(self, tasks_two_units):
        ax = plots.plot_breakthrough_tasks(tasks_two_units, ax=_ax())
        assert [p.get_width() for p in ax.patches] == [8.0, 39.0, 8.0, 30.0]
        assert _texts(ax) == ["4,0 việc/người", "3,9 việc/người"]
        ax = plots.plot_breakthrough_tasks(tasks_two_units, lang="en", ax=_ax())
        assert _texts(ax) == ["4.0 per cadre", "3.9 per cadre"]


class TestPlotProvinceOverview:
    def test_seven_panels_with_lines(self, admissions_two_units, ratings_two_years):
        other = admissions_two_units.assign(district="Na Hang", admitted=admissions_two_units["admitted"] * 2)
        tables = {"admissions": pd.concat([admissions_two_units, conform("admissions", other)], ignore_index=True)}
        fig = plots.plot_province_overview(tables, indicator="admitted_total")
        shown = [ax for ax in fig.axes if ax.axison]
        assert [_title(ax) for ax in shown] == [
            "Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"
        ]
        chiem_hoa = shown[3]
        assert list(chiem_hoa.get_lines()[0].get_ydata()) == [10.0, 14.0]
        assert list(shown[2].get_lines()[0].get_ydata()) == [20.0, 28.0]
        assert [t.get_text() for t in shown[0].texts] == ["Không có số liệu"]
        assert fig.get_suptitle() == "Số đảng viên mới kết nạp: các huyện, thành phố tỉnh Tuyên Quang"

    def test_benchmark_line_and_english(self, ratings_two_years):
        with report_theme("en"):
            fig = plots.plot_province_overview({"ratings": ratings_two_years}, indicator="organisations_good_or_better", fig=plt.figure())
        panel = [ax for ax in fig.axes if _title(ax) == "Chiêm Hóa"][0]
        assert list(panel.get_lines()[0].get_ydata()) == pytest.approx([0.9, 1.0])
        assert list(panel.get_lines()[1].get_ydata()) == [0.9, 0.9]
        assert fig.get_suptitle() == "Organisations rated good or better: the districts of Tuyên Quang province"

    def test_unknown_indicator_is_refused(self):
        with pytest.raises(ValueError, match="indicator must be one of"):
            plots.plot_province_overview({}, indicator="happiness")


def _suppressed_cells(frame: pd.DataFrame, columns: list[str], **kwargs) -> pd.DataFrame:
    from helpers.safety import suppress

    out = suppress(frame.reset_index(drop=True), threshold=plots.SUPPRESSION_THRESHOLD, value_columns=columns, **kwargs)
    return out[[f"{c}_suppressed" for c in columns]].astype(bool)


class TestPublishMode:
    """publish=True: small breakdown counts are suppressed (safety.suppress), marked, never drawn as zero."""

    def test_composition_hides_small_group_counts(self, admissions_two_units):
        from helpers import indicators as ind
        from helpers.safety import MARK

        comp = ind.composition(admissions_two_units, by="district").sort_values("year")
        hidden = _suppressed_cells(comp, list(ind.COMPOSITION))
        assert hidden.to_numpy().any()
        plain = plots.plot_composition(admissions_two_units, ax=_ax())
        ax = plots.plot_composition(admissions_two_units, ax=_ax(), publish=True)
        texts = _texts(ax)
        assert texts.count(MARK) == int(hidden.to_numpy().sum())
        # the shares of suppressed counts are not written; the others are, as without publish
        shown = [t for t in _texts(plain) if t not in texts]
        assert len(shown) == int(hidden.to_numpy().sum())
        heights = [p.get_height() for p in ax.patches]
        flat = [False] * 2 + [bool(h) for c in ind.COMPOSITION for h in hidden[f"{c}_suppressed"]]
        assert [pd.isna(h) for h in heights] == flat  # no bar (not a zero bar) for a suppressed count
        assert ax.get_figure().helpers_suppressed == int(hidden.to_numpy().sum())

    def test_publish_false_is_unchanged(self, admissions_two_units, ratings_two_years):
        for draw in (
            lambda **k: plots.plot_composition(admissions_two_units, **k),
            lambda **k: plots.plot_ratings_by_level(ratings_two_years, **k),
            lambda **k: plots.plot_excellent_quota(ratings_two_years, **k),
        ):
            default, off = draw(ax=_ax()), draw(ax=_ax(), publish=False)
            assert _texts(default) == _texts(off)
            assert [p.get_height() for p in default.patches] == [p.get_height() for p in off.patches]
            assert "*" not in _texts(off)

    def test_ratings_hide_small_levels_and_draw_them_as_one_marked_segment(self, ratings_two_years):
        from helpers.safety import MARK
        from helpers.schema import LEVELS

        ax = plots.plot_ratings_by_level(ratings_two_years, ax=_ax(), publish=True)
        assert MARK in _texts(ax)
        # 2021: one excellent and one completed organisation: neither gets its own segment
        excellent, good, completed, not_completed = (ax.patches[i * 2 : i * 2 + 2] for i in range(4))
        assert pd.isna(excellent[0].get_height()) and pd.isna(completed[0].get_height())
        grey = [p for p in ax.patches if to_hex(p.get_facecolor()) == plots.SUPPRESSED_COLOR.lower()]
        assert round(grey[0].get_height(), 4) == 0.2  # 2 of 10, drawn together on top
        assert "90,0 %" not in _texts(ax)  # good or better needs the hidden excellent count
        assert len(LEVELS) == 4

    def test_excellent_quota_writes_the_mark_for_hidden_counts(self, ratings_two_years):
        from helpers.safety import MARK

        ax = plots.plot_excellent_quota(ratings_two_years, ax=_ax(), publish=True)
        texts = _texts(ax)
        from helpers import indicators as ind

        q = ind.excellent_quota(ratings_two_years, subject="organisation")
        hidden = _suppressed_cells(q, ["excellent", "good"], total_columns={"good_or_better": ["excellent", "good"]}, by="year")
        assert int(hidden.to_numpy().sum()) == ax.get_figure().helpers_suppressed > 0
        assert "1/8" not in texts and "2/9" not in texts  # small excellent counts are not shown
        assert all(part == MARK or part.isdigit() for t in texts for part in t.split("/"))
        assert "0/0" in texts  # agencies 2021: zeros are published, as zeros
        hidden_bars = [p for p, t in zip(ax.patches, texts) if t.startswith(MARK)]
        assert hidden_bars and all(pd.isna(p.get_height()) for p in hidden_bars)
