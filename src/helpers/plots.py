"""Report figures, one function per chart.

Each ``plot_…(data, *, …, lang=None, ax=None, **kwargs)`` draws an
*indicator frame* (the output of a function of :mod:`helpers.indicators`,
already restricted to what the figure shows) on ``ax`` (default: the
current Axes) and returns the Axes.  Plots compute nothing and hide
nothing: in publication mode the caller passes frames already suppressed
(:func:`helpers.safety.suppress`: hidden counts missing, with their
``<column>_suppressed`` flags), and a plot draws a flagged count as ``*``.
Plots never save, never read files, set no title (the figure's title
names the district and the year: :mod:`helpers.figures`) and are
deterministic.

Labels, legends and annotations follow ``lang``; numbers are written the
language's way (57,8 % and 1.234 in Vietnamese).  Data labels sit on a
white ground (no grid line runs through them); :func:`fit_labels` widens an
Axes until every label is inside it and moves a label off a reference line
(the 90 % benchmark, the 20 % quota, 100 % of the target).  Use them inside
:func:`helpers.theme.report_theme` for the report look.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> from helpers import indicators as ind
>>> from helpers.schema import conform
>>> adm = conform("admissions", pd.DataFrame({"district": "Chiêm Hóa", "unit": ["Hòa Phú", "Yên Lập"],
...     "unit_type": "commune", "year": 2023, "source": "s", "target": [9, 8], "admitted": [6, 8]}))
>>> fig, ax = plt.subplots()
>>> ax = plot_admissions_vs_target(ind.admissions_attainment(adm), lang="en", ax=ax)
>>> [t.get_text() for t in ax.texts]
['67%', '100%']
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import indicators as ind
from .i18n import format_number, format_percent, get_lang, translate
from .safety import MARK
from .schema import LEVELS
from .text import vi_sort_key
from .theme import LEVEL_COLORS, SERIES_COLORS, label, number_formatter, percent_formatter, tick_locator

#: Counts from 1 to this minus 1 are hidden in publish mode (:func:`helpers.safety.suppress`).
SUPPRESSION_THRESHOLD = 3

#: Colour of the segment standing for suppressed levels.
SUPPRESSED_COLOR = "#DDDDDD"

#: The white ground under a data label, so that no grid line runs through it.
LABEL_BOX = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}

#: The light bar of all admitted behind the groups' bars, and the ground of the labels on it.
COMPOSITION_TOTAL = "#DDDDDD"

#: Room kept between a label and the edge of its Axes or a reference line, in points.
LABEL_PAD = 3.0

TITLES: dict[str, dict[str, str]] = {
    "admissions_vs_target": {
        "vi": "Kết nạp đảng viên so với chỉ tiêu — {district}",
        "en": "New members admitted against target — {district}",
    },
    "term_pace": {
        "vi": "Tiến độ chỉ tiêu kết nạp nhiệm kỳ {term} (đến năm {as_of}) — {district}",
        "en": "Progress on the {term} term admissions target (to {as_of}) — {district}",
    },
    "term_pace_no_year": {
        "vi": "Tiến độ chỉ tiêu kết nạp nhiệm kỳ {term} — {district}",
        "en": "Progress on the {term} term admissions target — {district}",
    },
    "composition": {
        "vi": "Đảng viên mới và thành phần — {district}",
        "en": "New members and who they are — {district}",
    },
    "ratings_by_level": {
        "vi": "Xếp loại chất lượng: {subject} — {district}",
        "en": "Quality ratings: {subject} — {district}",
    },
    "excellent_quota": {
        "vi": "Tỷ lệ xuất sắc so với giới hạn 20 %: {subject} — {district}",
        "en": "Excellent ratings against the 20% quota: {subject} — {district}",
    },
    "non_local_leadership": {
        "vi": "Cán bộ chủ chốt cấp xã không phải người địa phương — {district}",
        "en": "Non-local commune leaders — {district}",
    },
    "breakthrough_tasks": {
        "vi": "Việc đột phá được giao và đã hoàn thành — {district}",
        "en": "Breakthrough tasks assigned and completed — {district}",
    },
    "province_overview": {
        "vi": "{indicator}: các huyện, thành phố tỉnh {province}",
        "en": "{indicator}: the districts of {province} province",
    },
    "no_data": {"vi": "Không có số liệu", "en": "No data"},
}


def title(key: str, lang: str | None = None, /, *, year: int | None = None, **params: object) -> str:
    """A chart title in ``lang``, with ``, <year>`` when a year is given.

    >>> title("no_data", "en")
    'No data'
    >>> title("breakthrough_tasks", "en", district="Na Hang", year=2024)
    'Breakthrough tasks assigned and completed — Na Hang, 2024'
    """
    text = translate(TITLES, key, lang, **params)
    return text if year is None else f"{text}, {year}"


# --- shared helpers -----------------------------------------------------------


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _one_year(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The rows of ``year`` (default: the latest year in the frame)."""
    if frame.empty or "year" not in frame.columns:
        return frame
    if year is None:
        year = int(frame["year"].max())
    return frame[frame["year"] == year]


def _no_data(ax, lang: str):
    ax.text(0.5, 0.5, title("no_data", lang), transform=ax.transAxes, ha="center", va="center", color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _int(value) -> int:
    return 0 if pd.isna(value) else int(value)


def _values(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as floats, missing values as NaN."""
    return frame[column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _hidden(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The ``<column>_suppressed`` flags of a suppressed frame (all False when absent)."""
    flag = f"{column}_suppressed"
    if flag not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[flag].astype("boolean").fillna(False).to_numpy(dtype=bool)


def _ranked(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows by ``column`` ascending (drawn bottom to top), ties in Vietnamese alphabetical order."""
    order = sorted(range(len(frame)), key=lambda i: vi_sort_key(frame["unit"].iloc[i]), reverse=True)
    frame = frame.iloc[order]
    return frame.sort_values(column, kind="stable", na_position="first").reset_index(drop=True)


def _unit_names(frame: pd.DataFrame, lang: str, column: str = "unit") -> list[str]:
    """The units' names, with the unit type after a name that two units share ("Lăng Can (thị trấn)")."""
    names = frame[column].astype(str).tolist()
    types = frame["unit_type"].astype(str).tolist() if "unit_type" in frame.columns else [""] * len(names)
    shared = {n for n in names if names.count(n) > 1}
    return [f"{n} ({label('unit_' + t, lang)})" if n in shared and t in _UNIT_TYPES else n for n, t in zip(names, types)]


_UNIT_TYPES = ("commune", "town", "ward", "agency")


def _legend(ax, order: Sequence[str], ncols: int = 2) -> None:
    """A legend above the Axes whose entries follow ``order`` (labels not drawn are skipped)."""
    handles, labels = ax.get_legend_handles_labels()
    by_label = dict(zip(labels, handles))
    names = [name for name in order if name in by_label]
    ax.legend(
        [by_label[n] for n in names], names, loc="lower left", bbox_to_anchor=(0, 1.01), borderaxespad=0, ncols=ncols
    )


def _annotate(ax, text: str, xy, offset=(6, 0), **kwargs):
    """A data label ``offset`` points from ``xy``, on a white ground."""
    kwargs.setdefault("fontsize", 8)
    kwargs.setdefault("va", "center")
    kwargs.setdefault("bbox", LABEL_BOX)
    return ax.annotate(text, xy, xytext=offset, textcoords="offset points", **kwargs)


def reference_line(ax, value: float, *, axis: str = "y", **kwargs):
    """A dashed reference line (a benchmark, a quota), marked so that :func:`fit_labels` keeps labels off it."""
    kwargs.setdefault("linestyle", "--")
    kwargs.setdefault("linewidth", 1)
    line = ax.axhline(value, **kwargs) if axis == "y" else ax.axvline(value, **kwargs)
    line.helpers_reference = axis
    return line


def _count_axis(axis, lang: str) -> None:
    axis.set_major_locator(tick_locator(integer=True))
    axis.set_major_formatter(number_formatter(lang))


def _hbars(ax, units: list[str], xlabel: str, lang: str) -> None:
    """Unit names on y, counts on x, no grid line along the rows."""
    ax.set_yticks(np.arange(len(units)), units)
    ax.set_ylim(-0.6, len(units) - 0.4)
    ax.grid(False, axis="y")
    ax.set_xlabel(xlabel)
    _count_axis(ax.xaxis, lang)


# --- 1. admissions against target -------------------------------------------------


def plot_admissions_vs_target(data: pd.DataFrame, *, year: int | None = None, lang: str | None = None, ax=None, **kwargs):
    """Admissions of each unit in one year (bars) against its target (markers).

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.admissions_attainment` by unit.
    year : int, optional
        The rows of this year (default: the latest).
    lang : str, optional
    ax : Axes, optional
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    Axes
        One bar per unit (length = admitted), a target marker per unit with
        a target, the attainment written beside each bar ("no target" when
        there is none).
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    att = _ranked(_one_year(data, year), "admitted")
    if att.empty:
        return _no_data(ax, lang)
    y = np.arange(len(att))
    admitted = np.nan_to_num(_values(att, "admitted"))
    targets = _values(att, "target")
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, admitted, label=label("admitted", lang), **kwargs)
    has = ~np.isnan(targets)
    ax.scatter(targets[has], y[has], marker="D", s=28, color=SERIES_COLORS["target"], zorder=3, label=label("target", lang))
    for yi, adm, tgt, share in zip(y, admitted, targets, att["attainment"]):
        text = format_percent(float(share), 0, lang) if pd.notna(share) else label("no_target", lang)
        _annotate(ax, text, (max(adm, 0 if math.isnan(tgt) else tgt), yi))
    _hbars(ax, _unit_names(att, lang), label("new_members", lang), lang)
    ax.set_xlim(0, None)
    _legend(ax, [label("admitted", lang), label("target", lang)])
    return ax


# --- 2. term pace ----------------------------------------------------------------------


def _years_text(years) -> str:
    """Years as written in a label: "2021–2024", "2020, 2022".

    >>> _years_text((2021, 2022, 2023, 2024)), _years_text((2020, 2022)), _years_text(())
    ('2021–2024', '2020, 2022', '')
    """
    years = sorted(int(y) for y in years)
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _pace_text(row, lang: str) -> str:
    """What is written beside a unit's term bars: the pace needed, or why there is none."""
    if pd.isna(row["term_target"]):
        reasons = []
        gap, moved = tuple(row.get("years_not_reported", ()) or ()), str(row.get("reported_under", "") or "")
        if gap:
            key = "reported_under" if moved else "no_report_years"
            reasons.append(label(key, lang, years=_years_text(gap), district=moved))
        if tuple(row.get("years_without_target", ()) or ()):
            reasons.append(label("no_target_years", lang, years=_years_text(row["years_without_target"])))
        return "; ".join(reasons) or label("no_target", lang)
    if int(row["remaining"]) == 0:
        return label("reached", lang)
    if pd.isna(row["pace_needed"]):
        return label("short", lang, value=format_number(int(row["remaining"]), 0, lang))
    return label("per_year", lang, value=format_number(float(row["pace_needed"]), 1, lang))


def plot_term_pace(data: pd.DataFrame, *, lang: str | None = None, ax=None, **kwargs):
    """Admitted so far against the term target, and the pace still needed, by unit.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.term_progress` by unit.  Optional columns
        say why a unit has no term target: ``years_not_reported`` (term
        years without a report), ``reported_under`` (the district that
        reported the unit in those years), ``years_without_target``.
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars of admitted so far.

    Returns
    -------
    Axes
        Per unit a light bar (term target) behind a dark bar (admitted so
        far), and beside it the pace needed per remaining year, "reached",
        what is still short, or why there is no term target.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    prog = _ranked(data, "admitted")
    y = np.arange(len(prog))
    target = np.nan_to_num(_values(prog, "term_target"))
    admitted = np.nan_to_num(_values(prog, "admitted"))
    ax.barh(y, target, color=SERIES_COLORS["term_target"], label=label("term_target", lang))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, admitted, height=0.5, label=label("admitted_so_far", lang), **kwargs)
    for yi, (_, row) in zip(y, prog.iterrows()):
        _annotate(ax, _pace_text(row, lang), (max(target[yi], admitted[yi]), yi))
    _hbars(ax, _unit_names(prog, lang), label("new_members", lang), lang)
    ax.set_xlim(0, None)
    _legend(ax, [label("term_target", lang), label("admitted_so_far", lang)])
    return ax


# --- 3. composition over time --------------------------------------------------------


_ON_TOTAL = {**LABEL_BOX, "facecolor": COMPOSITION_TOTAL}


def _composition_labels(ax, xs, heights, shares, hidden, lang: str) -> None:
    for x, height, share, hide in zip(xs, heights, shares, hidden):
        if hide:
            _annotate(ax, MARK, (x, 0), offset=(0, 2), ha="center", va="bottom", fontsize=8, bbox=_ON_TOTAL)
        elif pd.notna(share):
            text = format_percent(float(share), 0, lang)
            _annotate(ax, text, (x, height), offset=(0, 2), ha="center", va="bottom", fontsize=7, rotation=90, bbox=_ON_TOTAL)


def plot_composition(data: pd.DataFrame, *, lang: str | None = None, ax=None, **kwargs):
    """A district's new members each year, with women, ethnic minorities, Youth Union members and religious.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.composition` by district, one district;
        suppressed (publication mode) when it has ``<group>_suppressed`` flags.
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars of the four groups.

    Returns
    -------
    Axes
        Per year a wide light bar (all admitted) behind four narrow bars
        (the groups), the share of each group written above its bar; a
        suppressed count has no bar and no share, only the mark ``*``.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    comp = data.sort_values("year").reset_index(drop=True)
    x = np.arange(len(comp))
    ax.bar(x, _values(comp, "admitted"), 0.9, color=COMPOSITION_TOTAL, label=label("admitted", lang))
    width = 0.84 / len(ind.COMPOSITION)
    for i, col in enumerate(ind.COMPOSITION):
        xs = x + (i - (len(ind.COMPOSITION) - 1) / 2) * width
        hidden = _hidden(comp, col)
        heights = np.where(hidden, np.nan, _values(comp, col))  # no bar for a suppressed count, never a zero
        ax.bar(xs, heights, width * 0.92, color=SERIES_COLORS[col], label=label(col, lang), **kwargs)
        _composition_labels(ax, xs, heights, comp[f"share_{col}"], hidden, lang)
    ax.set_xticks(x, [str(int(y)) for y in comp["year"]])
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.grid(False, axis="x")
    ax.set_xlabel(label("year", lang))
    ax.set_ylabel(label("new_members", lang))
    _count_axis(ax.yaxis, lang)
    _legend(ax, [label(k, lang) for k in ("admitted", *ind.COMPOSITION)], ncols=5)
    return ax


# --- 4. ratings by level -------------------------------------------------------------


def _level_table(shares: pd.DataFrame, column: str) -> pd.DataFrame:
    """``column`` of the long shares frame as a year × level table (every level, in order)."""
    wide = shares.pivot_table(index="year", columns="level", values=column, observed=False, aggfunc="first")
    return wide.reindex(columns=list(LEVELS)).sort_index()


def _stack_levels(ax, x, shares: pd.DataFrame, lang: str, **kwargs) -> np.ndarray:
    """Draw the stacked level segments (excellent at the bottom); returns the top of the shown ones."""
    wide = _level_table(shares, "share").astype("Float64").fillna(0.0).astype(float)
    hidden = None
    if "count_suppressed" in shares.columns:
        hidden = _level_table(shares, "count_suppressed").astype("boolean").fillna(False).astype(bool)
    bottom = np.zeros(len(x))
    for level in reversed(LEVELS):
        values = wide[level].to_numpy(dtype=float)
        if hidden is not None:
            values = np.where(hidden[level].to_numpy(), np.nan, values)  # no segment for a suppressed count
        ax.bar(x, values, 0.7, bottom=bottom, color=LEVEL_COLORS[level], label=label(level, lang), **kwargs)
        bottom = bottom + np.nan_to_num(values)
    if hidden is not None and hidden.to_numpy().any():
        # The suppressed levels together, on top: the rest up to 100 % is known anyway.
        some = hidden.to_numpy().any(axis=1)
        ax.bar(x[some], 1.0 - bottom[some], 0.7, bottom=bottom[some], color=SUPPRESSED_COLOR, label=MARK, **kwargs)
        for xi in x[some]:
            _annotate(ax, MARK, (xi, 1.0), offset=(0, 1), ha="center", va="bottom", fontsize=9)
    return bottom


_ON_GOOD = {**LABEL_BOX, "facecolor": LEVEL_COLORS["good"]}


def _good_or_better_labels(ax, x, years: list[int], good_or_better: pd.DataFrame, benchmark: float, lang: str) -> None:
    """The good-or-better share written inside each bar, below the benchmark line."""
    by_year = good_or_better.set_index(good_or_better["year"].astype(int))["share"]
    for xi, year in zip(x, years):
        share = by_year.get(year, pd.NA)
        text = MARK if pd.isna(share) else format_percent(float(share), 1, lang)
        top = benchmark if pd.isna(share) else min(float(share), benchmark)
        _annotate(ax, text, (xi, top), offset=(0, -LABEL_PAD), ha="center", va="top", color="white", bbox=_ON_GOOD)


def plot_ratings_by_level(
    data: pd.DataFrame,
    *,
    good_or_better: pd.DataFrame | None = None,
    benchmark: float = ind.BENCHMARK,
    lang: str | None = None,
    ax=None,
    **kwargs,
):
    """Shares at each level over the years (stacked bars) with the 90 % benchmark line.

    The best level is at the bottom, so the top of the "good" segment is the
    share rated good or better, which the dashed line at 90 % is read against.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.rating_shares` by district, one district
        and subject.  In publication mode the counts hidden by
        :func:`helpers.safety.suppress` are flagged in ``count_suppressed``
        (their ``count`` and ``share`` missing): they are drawn together as
        one grey segment marked ``*`` on top of the bar.
    good_or_better : DataFrame, optional
        :func:`helpers.indicators.good_or_better` for the same subject: its
        ``share`` is written in each bar (``*`` where it is missing).
    benchmark : float
    lang, ax : as for every plot.
    **kwargs
        Passed to every :meth:`~matplotlib.axes.Axes.bar` call.

    Returns
    -------
    Axes
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    years = sorted(int(y) for y in data["year"].unique())
    x = np.arange(len(years))
    _stack_levels(ax, x, data, lang, **kwargs)
    if good_or_better is not None:
        _good_or_better_labels(ax, x, years, good_or_better, benchmark, lang)
    reference_line(ax, benchmark, color=SERIES_COLORS["benchmark"], label=label("benchmark", lang))
    ax.set_xticks(x, [str(y) for y in years])
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylim(0, 1)
    ax.grid(False, axis="x")
    ax.yaxis.set_major_locator(tick_locator())
    ax.yaxis.set_major_formatter(percent_formatter(lang, None))
    ax.set_ylabel(label("share", lang))
    ax.set_xlabel(label("year", lang))
    _legend(ax, [label(level, lang) for level in reversed(LEVELS)] + [MARK, label("benchmark", lang)], ncols=3)
    return ax


# --- 5. excellent quota ------------------------------------------------------------------


def _count_text(row, column: str) -> str:
    flag = row.get(f"{column}_suppressed", False)
    return MARK if pd.notna(flag) and bool(flag) else str(_int(row[column]))


def _quota_bars(ax, xs, rows: pd.DataFrame, color: str, name: str, width: float, rotate: bool, **kwargs) -> None:
    """Bars of ``excellent / good``, hatched over the quota, each labelled "excellent/good"."""
    hidden = _hidden(rows, "excellent") | _hidden(rows, "good")
    share = np.where(hidden, np.nan, np.nan_to_num(_values(rows, "share")))  # a bar's height would reveal a hidden count
    breaks = rows["breaks_quota"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    colors = [SERIES_COLORS["highlight"] if b else color for b in breaks]
    bars = ax.bar(xs, share, width, color=colors, label=name, **kwargs)
    for bar, b, hide, (_, r) in zip(bars, breaks, hidden, rows.iterrows()):
        if b and not hide:
            bar.set_hatch("//")
        text = f"{_count_text(r, 'excellent')}/{_count_text(r, 'good')}"
        xy = (bar.get_x() + bar.get_width() / 2, 0 if hide else bar.get_height())
        _annotate(ax, text, xy, offset=(0, 2), ha="center", va="bottom", fontsize=7, rotation=90 if rotate else 0)


def _quota_by_group(ax, q: pd.DataFrame, lang: str, **kwargs) -> None:
    years = sorted(int(y) for y in q["year"].unique())
    x = np.arange(len(years))
    groups = [g for g in ("communes", "agencies") if g in set(q["group"])]
    width = 0.8 / max(len(groups), 1)
    palette = {"communes": LEVEL_COLORS["excellent"], "agencies": LEVEL_COLORS["good"]}
    for i, group in enumerate(groups):
        rows = q[q["group"] == group].set_index("year").reindex(years).reset_index()
        xs = x + (i - (len(groups) - 1) / 2) * width
        _quota_bars(ax, xs, rows, palette[group], label(group, lang), width * 0.92, False, **kwargs)
    ax.set_xticks(x, [str(y) for y in years])
    ax.set_xlim(-0.5, len(years) - 0.5)  # also when every bar is suppressed
    ax.set_xlabel(label("year", lang))


def plot_excellent_quota(
    data: pd.DataFrame,
    *,
    quota: float | None = None,
    lang: str | None = None,
    ax=None,
    **kwargs,
):
    """Excellent as a share of good (excellent not included), against the quota of each year's regulation.

    Organisations: one bar per like group (communes and towns; agencies)
    and year.  Cells and members: one bar per organisation (pass one year's
    rows).  Bars over the quota are drawn in the highlight colour and
    hatched; each bar is labelled "excellent/good".

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.excellent_quota` for one subject and
        district; suppressed (publication mode) when it has
        ``excellent_suppressed`` and ``good_suppressed``: a hidden count is
        written ``*`` and its bar, whose height would reveal it, is not drawn.
    quota : float, optional
        The reference line; by default the data's ``quota`` column (the
        quota of each year's regulation, :mod:`helpers.regimes`): a line per
        distinct quota, 20 % for every regulation so far.
    lang, ax : as for every plot.
    **kwargs
        Passed to every :meth:`~matplotlib.axes.Axes.bar` call.

    Returns
    -------
    Axes
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    if (data["subject"] == "organisation").all():
        _quota_by_group(ax, data, lang, **kwargs)
    else:
        rows = data.iloc[sorted(range(len(data)), key=lambda i: vi_sort_key(data["group"].iloc[i]))].reset_index(drop=True)
        _quota_bars(ax, np.arange(len(rows)), rows, LEVEL_COLORS["excellent"], label("within_quota", lang), 0.7, True, **kwargs)
        ax.set_xticks(np.arange(len(rows)), rows["group"].tolist(), rotation=60, ha="right")
    quotas = _quotas(data, quota)
    for q in quotas:
        reference_line(ax, q, color=SERIES_COLORS["highlight"], label=label("quota", lang))
    quota = max(quotas)
    ax.grid(False, axis="x")
    ax.yaxis.set_major_locator(tick_locator())
    ax.yaxis.set_major_formatter(percent_formatter(lang, None))
    ax.set_ylabel(label("excellent_share", lang))
    shown = data["share"].astype("Float64").mask(_hidden(data, "excellent") | _hidden(data, "good"))
    ax.set_ylim(0, max(quota * 1.5, float(shown.fillna(0).max()) * 1.2))
    _legend(ax, [label(k, lang) for k in ("communes", "agencies", "within_quota", "quota")], ncols=3)
    return ax


def _quotas(data: pd.DataFrame, quota: float | None) -> list[float]:
    """The quota lines to draw: the one given, else the data's distinct quotas (the default when none is recorded)."""
    if quota is not None:
        return [float(quota)]
    found = sorted({float(q) for q in data["quota"].dropna()}) if "quota" in data.columns else []
    return found or [ind.EXCELLENT_QUOTA]


# --- 6. non-local leadership -----------------------------------------------------------

_LEADERSHIP = (
    ("secretaries_non_local", "units"),
    ("pc_chairs_non_local", "units"),
    ("pc_vice_chairs_non_local", "pc_vice_chairs"),
    ("secretaries_chairing_pc", "units"),
)


def plot_non_local_leadership(data: pd.DataFrame, *, year: int | None = None, lang: str | None = None, ax=None, **kwargs):
    """Non-local party secretaries, People's Committee chairs and vice-chairs: the "22/24" view.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.non_local_leadership` by district, one district.
    year : int, optional
        The row of this year (default: the latest).
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars of counts.

    Returns
    -------
    Axes
        Four rows (non-local secretaries, PC chairs, PC vice-chairs, and
        secretaries who chair the PC): a light bar for all posts (units, or
        vice-chairs), a dark bar for the count, annotated "count/all"
        ("22/24"); no legend, the annotations say it.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    summary = _one_year(data, year)
    if summary.empty:
        return _no_data(ax, lang)
    row = summary.iloc[0]
    y = np.arange(len(_LEADERSHIP))[::-1]
    totals = np.array([_int(row[d]) for _, d in _LEADERSHIP], dtype=float)
    counts = np.array([_int(row[c]) for c, _ in _LEADERSHIP], dtype=float)
    ax.barh(y, totals, color=SERIES_COLORS["total"], label=label("all_posts", lang))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, counts, height=0.5, label=label("non_local", lang), **kwargs)
    for yi, c, t in zip(y, counts, totals):
        text = f"{format_number(c, 0, lang)}/{format_number(t, 0, lang)}"
        _annotate(ax, text, (max(c, t), yi), fontsize=9, fontweight="bold")
    ax.set_yticks(y, [label(c, lang) for c, _ in _LEADERSHIP])
    ax.grid(False, axis="y")
    _count_axis(ax.xaxis, lang)
    ax.set_xlabel(label("out_of_all", lang))
    ax.set_xlim(0, None)
    return ax


# --- 7. breakthrough tasks -------------------------------------------------------------


def plot_breakthrough_tasks(data: pd.DataFrame, *, year: int | None = None, lang: str | None = None, ax=None, **kwargs):
    """Breakthrough tasks assigned and completed by unit, with tasks per cadre.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.indicators.breakthrough_summary` by unit.
    year : int, optional
        The rows of this year (default: the latest).
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars of completed tasks.

    Returns
    -------
    Axes
        Per unit a light bar (tasks) behind a dark bar (completed), with the
        tasks per cadre written beside it.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    summary = _ranked(_one_year(data, year), "tasks")
    if summary.empty:
        return _no_data(ax, lang)
    y = np.arange(len(summary))
    tasks = np.nan_to_num(_values(summary, "tasks"))
    done = np.nan_to_num(_values(summary, "tasks_completed"))
    ax.barh(y, tasks, color=SERIES_COLORS["tasks"], label=label("tasks", lang))
    kwargs.setdefault("color", SERIES_COLORS["tasks_completed"])
    ax.barh(y, done, height=0.5, label=label("tasks_completed", lang), **kwargs)
    for yi, per in zip(y, summary["tasks_per_cadre"]):
        text = label("per_cadre", lang, value=format_number(float(per), 1, lang)) if pd.notna(per) else label("no_data_short", lang)
        _annotate(ax, text, (max(tasks[yi], done[yi]), yi), fontsize=7)
    _hbars(ax, _unit_names(summary, lang), label("count", lang), lang)
    ax.set_xlim(0, None)
    _legend(ax, [label("tasks", lang), label("tasks_completed", lang)])
    return ax


# --- 8. province overview ----------------------------------------------------------------


def _district_order(present: Sequence[str]) -> list[str]:
    """The districts ``present``, in the registry's order (GSO code), any other after them by name."""
    try:
        from .units import district_names

        names = list(district_names())
    except Exception:  # the registry is optional for drawing
        names = []
    present = list(dict.fromkeys(present))
    return [n for n in names if n in present] + sorted((d for d in present if d not in names), key=vi_sort_key)


def _panel(ax, rows: pd.DataFrame, name: str, references, lang: str) -> None:
    ax.set_title(name, fontsize=10)
    if rows.empty:
        ax.text(0.5, 0.5, title("no_data", lang), transform=ax.transAxes, ha="center", va="center", color="#666666")
    else:
        ax.plot(rows["year"].astype(int), rows["value"].astype(float), marker="o", color=SERIES_COLORS["admitted"])
    for value, key, color in references:
        reference_line(ax, value, color=color, label=label(key, lang))


def _province_legend(fig, axes, used: int) -> None:
    """The reference lines' legend, in the first empty panel (or below the panels)."""
    handles, labels = axes[0].get_legend_handles_labels()
    if not handles:
        return
    if used < len(axes):
        axes[used].legend(handles, labels, loc="center", frameon=False)
    else:
        fig.legend(handles, labels, loc="outside lower center", ncols=len(handles))


def plot_province_overview(
    data: pd.DataFrame, *, share: bool = False, unit: str | None = None, references: Sequence[tuple[float, str]] = (),
    integer: bool = False, districts: Sequence[str] | None = None, lang: str | None = None, fig=None,
):  # fmt: skip
    """Compare the districts on one indicator, in small multiples.

    Parameters
    ----------
    data : DataFrame
        ``district, year, value``: one indicator by district and year.
    share : bool
        The values are shares (ticks written as percentages).
    unit : str, optional
        A :func:`helpers.theme.label` key naming what the y axis counts.
    references : sequence of (value, label key)
        Reference lines drawn on every panel (the 90 % benchmark, 100 % of
        the target), named in the legend.
    integer : bool
        The values are counts: ticks at whole numbers only.
    districts : list of str, optional
        The panels, in order (default: the districts in ``data``, in the
        registry's order).
    lang : str, optional
    fig : Figure, optional
        Drawn on (cleared first); a new figure when not given.

    Returns
    -------
    Figure
        One panel per district sharing both axes (years on x).
    """
    import matplotlib.pyplot as plt

    lang = get_lang(lang)
    names = list(districts) if districts is not None else _district_order(data["district"].unique().tolist())
    fig = plt.figure(figsize=(11, 5.5)) if fig is None else fig
    fig.clear()
    ncols = 4
    axes = fig.subplots(max(1, math.ceil(len(names) / ncols)), ncols, sharex=True, sharey=True, squeeze=False).ravel()
    colours = (SERIES_COLORS["benchmark"], SERIES_COLORS["highlight"])
    lines = [(value, key, colours[i % 2]) for i, (value, key) in enumerate(references)]
    for ax, name in zip(axes, names):
        _panel(ax, data[data["district"] == name].dropna(subset=["value"]), name, lines, lang)
    years = sorted(int(y) for y in data["year"].dropna().unique())
    for ax in axes[: len(names)]:
        ax.set_xticks(years[:: 2 if len(years) > 5 else 1])
        ax.xaxis.set_major_formatter("{x:.0f}")  # years, never "2.024"
        ax.yaxis.set_major_locator(tick_locator(integer=integer))
        ax.yaxis.set_major_formatter(percent_formatter(lang, None) if share else number_formatter(lang, None))
    for i, ax in enumerate(axes[: len(names)]):
        if i + ncols >= len(names):  # nothing below: show its years
            ax.tick_params(labelbottom=True)
    for ax in axes[len(names) :]:
        ax.set_axis_off()
    _province_legend(fig, axes, len(names))
    if unit:
        fig.supylabel(label(unit, lang), fontsize=10)
    return fig


# --- 9. a commune of 1 July 2025 ---------------------------------------------------------


def _year_bars(ax, x, heights, data: pd.DataFrame, name: str, **kwargs):
    """A bar per year of a commune's series, hatched and lighter where the year holds part of the year only."""
    complete = data["complete"].astype(bool).to_numpy() if "complete" in data.columns else np.ones(len(data), bool)
    bars = ax.bar(x, heights, label=name, **kwargs)
    for bar, whole in zip(bars, complete):
        if not whole:
            bar.set_hatch("//")
            bar.set_alpha(0.6)
    return bars


def plot_commune_series(data: pd.DataFrame, *, lang: str | None = None, ax=None, **kwargs):
    """A commune's admissions year by year on its 2025 boundaries, with each year's target.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.commune.commune_series`: ``year``, ``admitted``,
        ``target`` (may be missing), ``complete``.
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars.

    Returns
    -------
    Axes
        A bar per year (hatched when the year holds part of the year only)
        labelled with its count, the target as a black tick.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    x = np.arange(len(data))
    admitted = np.nan_to_num(_values(data, "admitted"))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    _year_bars(ax, x, admitted, data, label("admitted", lang), **kwargs)
    target = _values(data, "target")
    if np.isfinite(target).any():
        ax.scatter(x, target, marker="_", s=400, linewidths=2, color=SERIES_COLORS["target"], label=label("target", lang), zorder=3)
    for xi, value in zip(x, admitted):
        _annotate(ax, format_number(int(value), 0, lang), (xi, value), offset=(0, 4), ha="center", va="bottom")
    ax.set_xticks(x, [str(int(y)) for y in data["year"]])
    ax.grid(False, axis="x")
    ax.set_ylabel(label("count", lang))
    _count_axis(ax.yaxis, lang)
    ax.set_ylim(0, None)
    _legend(ax, [label("admitted", lang), label("target", lang)])
    return ax


def plot_commune_ratings(data: pd.DataFrame, *, benchmark: float = ind.BENCHMARK, lang: str | None = None, ax=None, **kwargs):
    """A commune's share of members rated good or better, year by year on its 2025 boundaries.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.commune.commune_ratings`: ``year``, ``share``,
        ``complete``.
    benchmark : float
        The reference line ("trên 90%").
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars.

    Returns
    -------
    Axes
        A bar per year (hatched when the year holds part of the year only)
        labelled with its share, the benchmark as a dashed line.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    x = np.arange(len(data))
    share = _values(data, "share")
    kwargs.setdefault("color", LEVEL_COLORS["good"])
    _year_bars(ax, x, np.nan_to_num(share), data, label("good_or_better", lang), **kwargs)
    for xi, value in zip(x, share):
        if np.isfinite(value):
            _annotate(ax, format_percent(value, 1, lang), (xi, value), offset=(0, 4), ha="center", va="bottom")
    reference_line(ax, benchmark, color=SERIES_COLORS["benchmark"], label=label("benchmark", lang))
    ax.set_xticks(x, [str(int(y)) for y in data["year"]])
    ax.grid(False, axis="x")
    ax.set_ylabel(label("share", lang))
    ax.yaxis.set_major_locator(tick_locator())
    ax.yaxis.set_major_formatter(percent_formatter(lang, None))
    ax.set_ylim(0, 1.08)
    _legend(ax, [label("good_or_better", lang), label("benchmark", lang)])
    return ax


def plot_commune_cells(data: pd.DataFrame, *, lang: str | None = None, ax=None, **kwargs):
    """A commune's cells ranked by members admitted in the year, with their targets.

    ``data`` is :func:`helpers.commune.commune_cells` (``unit``,
    ``admitted``, ``target``); ``kwargs`` go to the bars.  Returns the Axes:
    a bar per cell with its count, the target as a black tick.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    ranked = _ranked(data, "admitted")
    if ranked.empty:
        return _no_data(ax, lang)
    y = np.arange(len(ranked))
    admitted = np.nan_to_num(_values(ranked, "admitted"))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, admitted, label=label("admitted", lang), **kwargs)
    target = _values(ranked, "target")
    if np.isfinite(target).any():
        ax.scatter(target, y, marker="|", s=200, linewidths=2, color=SERIES_COLORS["target"], label=label("target", lang), zorder=3)
    for yi, value in zip(y, admitted):
        _annotate(ax, format_number(int(value), 0, lang), (value, yi), fontsize=7)
    _hbars(ax, _unit_names(ranked, lang), label("count", lang), lang)
    ax.set_xlim(0, None)
    _legend(ax, [label("admitted", lang), label("target", lang)])
    return ax


def plot_commune_points(
    data: pd.DataFrame, *, value: str = "attainment", lang: str | None = None, ax=None,
    xlabel: str = "", ylabel: str = "", value_label: str = "", **kwargs,
):  # fmt: skip
    """The communes as points at their coordinates (``lon``, ``lat``), coloured by ``value`` (a share).

    No boundaries: points only.  A commune without coordinates is left out;
    one without a value is drawn hollow.  ``kwargs`` go to the scatter.
    Returns the Axes, with a colour bar labelled ``value_label``.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    placed = data[data["lat"].notna() & data["lon"].notna()] if len(data) else data
    if placed.empty:
        return _no_data(ax, lang)
    known = placed[placed[value].notna()]
    kwargs.setdefault("cmap", "viridis")
    points = ax.scatter(known["lon"].astype(float), known["lat"].astype(float), c=known[value].astype(float),
                        s=36, edgecolors="white", linewidths=0.5, **kwargs)  # fmt: skip
    unknown = placed[placed[value].isna()]
    if len(unknown):
        ax.scatter(unknown["lon"].astype(float), unknown["lat"].astype(float), s=36, facecolors="none", edgecolors="#666666")
    bar = ax.figure.colorbar(points, ax=ax, shrink=0.7)
    bar.set_label(value_label)
    bar.ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(tick_locator(nbins=5))
        axis.set_major_formatter(number_formatter(lang, 1))
    return ax


def plot_communes_ranked(data: pd.DataFrame, *, value: str = "attainment", lang: str | None = None, ax=None,
                         value_label: str = "", **kwargs):  # fmt: skip
    """The communes ranked by ``value`` within their ``former_district``, the districts in Vietnamese order, top to bottom.

    A bar per commune labelled with its share, the groups separated by a
    gap and named on the right; ``kwargs`` go to the bars.  Returns the Axes.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    rows = data[data[value].notna()] if len(data) else data
    if rows.empty:
        return _no_data(ax, lang)
    groups = sorted(rows["former_district"].fillna("").unique(), key=vi_sort_key)
    names, values, y, at, edges = [], [], [], 0, []
    for group in groups:
        part = rows[rows["former_district"].fillna("") == group].sort_values(value, ascending=False, kind="stable")
        edges.append((group, at, at + len(part) - 1))
        for r in part.itertuples():
            names.append(r.unit)
            values.append(float(getattr(r, value)))
            y.append(at)
            at += 1
        at += 1
    y = -np.asarray(y, dtype=float)
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, values, height=0.8, **kwargs)
    for yi, v in zip(y, values):
        _annotate(ax, format_percent(v, 1, lang), (v, yi), fontsize=6)
    ax.set_yticks(y, names, fontsize=6)
    for group, first, last in edges:
        ax.annotate(group, (1.0, -(first + last) / 2), xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=7, style="italic")  # fmt: skip
    ax.set_ylim(y.min() - 0.6, 0.6)
    ax.grid(False, axis="y")
    ax.set_xlabel(value_label)
    ax.xaxis.set_major_formatter(percent_formatter(lang))
    ax.set_xlim(0, None)
    return ax



# --- the new members' profile (Biểu số 2-BTCTW) ---------------------------------------

TITLES["new_member_profile"] = {
    "vi": "Cơ cấu đảng viên mới kết nạp theo tuổi đời, nghề nghiệp, trình độ — {district}",
    "en": "New members by age, occupation and schooling — {district}",
}
TITLES["new_member_profile_province"] = {
    "vi": "Cơ cấu đảng viên mới kết nạp theo tuổi đời, nghề nghiệp, trình độ — tỉnh {province}",
    "en": "New members by age, occupation and schooling — {province} province",
}


def plot_new_member_profile(data: pd.DataFrame, *, lang: str | None = None, ax=None, **kwargs):
    """The share of each age band, occupation and schooling level among one year's new members, against the year before.

    Parameters
    ----------
    data : DataFrame
        :func:`helpers.formprofile.report_profile`: one committee's year, a
        row per criterion in the order drawn (top to bottom), ``share`` and
        ``share_previous`` as fractions.
    lang, ax : as for every plot.
    **kwargs
        Passed to the bars of the year shown.

    Returns
    -------
    Axes
        Two bars per criterion (the year shown, the year before in grey),
        the year's share written beside each pair, a line between the groups
        (occupation, age, schooling).
    """
    from .formprofile import short_label

    lang = get_lang(lang)
    ax = _axes(ax)
    if data.empty:
        return _no_data(ax, lang)
    rows = data.reset_index(drop=True)
    y, h = np.arange(len(rows)), 0.4
    year = int(rows["year"].iloc[0])
    now, before = np.nan_to_num(_values(rows, "share")), np.nan_to_num(_values(rows, "share_previous"))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y - h / 2, now, h, label=str(year), **kwargs)
    ax.barh(y + h / 2, before, h, color=COMPOSITION_TOTAL, label=str(year - 1))
    for yi, share, last in zip(y, now, before):
        _annotate(ax, format_percent(float(share), 0, lang), (max(share, last), yi - h / 2))
    groups = rows["group"].tolist()
    for i in range(1, len(groups)):
        if groups[i] != groups[i - 1]:
            ax.axhline(i - 0.5, color="#999999", linewidth=0.6)
    ax.set_yticks(y, [short_label(c, lang) for c in rows["criterion"]])
    ax.set_ylim(len(rows) - 0.4, -0.6)  # the first criterion on top
    ax.grid(False, axis="y")
    ax.set_xlim(0, None)
    ax.set_xlabel(label("share", lang))
    ax.xaxis.set_major_formatter(percent_formatter(lang))
    _legend(ax, [str(year), str(year - 1)])
    return ax


# --- labels inside the Axes, off the reference lines ----------------------------------


def _labels(ax) -> list:
    """The data labels of ``ax``: texts anchored in data coordinates."""
    from matplotlib.text import Annotation

    out = []
    for t in ax.texts:
        if not t.get_visible() or not t.get_text():
            continue
        if isinstance(t, Annotation) and t.xycoords == "data" or not isinstance(t, Annotation) and t.get_transform() == ax.transData:
            out.append(t)
    return out


def _anchor(t):
    from matplotlib.text import Annotation

    return t.xy if isinstance(t, Annotation) else t.get_position()


def _extent(t, renderer):
    """The window extent of label ``t``, its ground (bbox patch) included.

    The patch is placed around the text only when the text is drawn: it is
    placed here first, or its extent would be that of a unit square at the
    window's origin.
    """
    box = t.get_window_extent(renderer)
    patch = t.get_bbox_patch()
    if patch is not None:
        from matplotlib.transforms import Bbox

        t.update_bbox_position_size(renderer)
        box = Bbox.union([box, patch.get_window_extent(renderer)])
    return box


def _widened(low: float, high: float, anchor: float, reach: float, size: float, pad: float) -> float | None:
    """The upper limit that keeps a label reaching ``reach`` pixels past ``anchor`` inside ``size`` pixels."""
    room = size - reach - pad
    if room <= 0 or anchor <= low:
        return None
    return low + (anchor - low) * size / room


def _fit_axes(ax, renderer, pad: float, labels: list, extents: list) -> bool:
    """Widen the x and y limits of ``ax`` so that its ``labels`` (their ``extents``) sit inside it; True if changed."""
    box = ax.get_window_extent(renderer)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    new_x1, new_y1 = x1, y1
    for t, ext in zip(labels, extents):
        ax_, ay_ = _anchor(t)
        px, py = ax.transData.transform((ax_, ay_))
        if ext.x1 + pad > box.x1:
            new_x1 = max(new_x1, _widened(x0, x1, ax_, ext.x1 - px, box.width, pad) or new_x1)
        if ext.y1 + pad > box.y1:
            new_y1 = max(new_y1, _widened(y0, y1, ay_, ext.y1 - py, box.height, pad) or new_y1)
    changed = False
    if new_x1 > x1 + 1e-9 * abs(x1 - x0):
        ax.set_xlim(x0, new_x1)
        changed = True
    if new_y1 > y1 + 1e-9 * abs(y1 - y0):
        ax.set_ylim(y0, new_y1)
        changed = True
    return changed


def _off_references(ax, labels: list, extents: list) -> list[int]:
    """Move a label that a reference line runs through to the side of the line it starts from;
    the positions in ``labels`` of those moved."""
    moved = []
    lines = [line for line in ax.get_lines() if getattr(line, "helpers_reference", None)]
    if not lines:
        return moved
    for i, (t, ext) in enumerate(zip(labels, extents)):
        for line in lines:
            axis = line.helpers_reference
            value = float(np.asarray(line.get_ydata() if axis == "y" else line.get_xdata())[0])
            px = ax.transData.transform((value, value))[1 if axis == "y" else 0]
            low, high = (ext.y0, ext.y1) if axis == "y" else (ext.x0, ext.x1)
            offset = t.xyann[1 if axis == "y" else 0] if hasattr(t, "xyann") else 0
            if offset == 0 or not low - 1 <= px <= high + 1:
                continue
            x, y = _anchor(t)
            xy = (x, value) if axis == "y" else (value, y)
            if tuple(t.xy) != xy:  # a label already on the line is not moved again
                t.xy = xy
                moved.append(i)
    return moved


def fit_labels(fig, *, pad: float = LABEL_PAD, rounds: int = 3) -> None:
    """Lay ``fig`` out, then widen each Axes until its data labels sit inside it.

    A label that a reference line (:func:`reference_line`) runs through is
    first moved to the line, on the side its offset points to (a label
    above a bar starts just above the line, a label inside a bar ends just
    below it).  The labels take no room in the layout: they are brought
    inside their Axes, whose limits are widened for them.  The layout is
    run again only when new limits bring other ticks (a tick label that
    stays only moves inwards), ``rounds`` times at most.
    """
    from .layout import ticks_shown

    renderer = fig.canvas.get_renderer()
    labels_of = {ax: _labels(ax) for ax in fig.axes}
    texts = [t for labels in labels_of.values() for t in labels]
    kept = [t.get_in_layout() for t in texts]
    for t in texts:
        t.set_in_layout(False)
    try:
        lay_out = True
        for _ in range(rounds):
            engine = fig.get_layout_engine()
            if lay_out and engine is not None:
                for ax in fig.axes:  # pending autoscaling first: the ticks laid out are the ticks drawn
                    ax.get_xlim(), ax.get_ylim()
                engine.execute(fig)
            ticks = ticks_shown(fig)
            moved = widened = False
            for ax, labels in labels_of.items():
                extents = [_extent(t, renderer) for t in labels]  # measured once, again only for a label moved
                for i in _off_references(ax, labels, extents):
                    extents[i], moved = _extent(labels[i], renderer), True
                widened |= _fit_axes(ax, renderer, pad * fig.dpi / 72, labels, extents)
            if not (moved or widened):
                return
            lay_out = widened and ticks_shown(fig) != ticks  # a label moved inside its Axes changes no margin
    finally:
        for t, was in zip(texts, kept):
            t.set_in_layout(was)


__all__ = [
    "LABEL_BOX",
    "TITLES",
    "fit_labels",
    "plot_admissions_vs_target",
    "plot_breakthrough_tasks",
    "plot_commune_cells",
    "plot_commune_points",
    "plot_commune_series",
    "plot_communes_ranked",
    "plot_composition",
    "plot_excellent_quota",
    "plot_non_local_leadership",
    "plot_province_overview",
    "plot_ratings_by_level",
    "plot_term_pace",
    "reference_line",
    "title",
]
