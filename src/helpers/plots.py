"""Report figures, one function per chart.

Each ``plot_…(data, *, …, lang=None, ax=None, **kwargs)`` takes a tidy
table (or the indicator frame it summarises), draws on ``ax`` (default: the
current Axes), and returns the Axes.  Plots never save and never read files;
they are deterministic (no bootstrapped error bars).  Titles, labels,
legends and annotations follow ``lang``; numbers are written the
language's way (57,8 % and 1.234 in Vietnamese).  Use them inside
:func:`helpers.theme.report_theme` for the report look.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> from helpers.schema import conform
>>> adm = conform("admissions", pd.DataFrame({"district": "Chiêm Hóa", "unit": ["Hòa Phú", "Yên Lập"],
...     "unit_type": "commune", "year": 2023, "source": "s", "target": [9, 8], "admitted": [6, 8]}))
>>> fig, ax = plt.subplots()
>>> ax = plot_admissions_vs_target(adm, year=2023, lang="en", ax=ax)
>>> ax.get_title()
'New members admitted against target — Chiêm Hóa, 2023'
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
from .theme import LEVEL_COLORS, SERIES_COLORS, label, number_formatter, percent_formatter

#: Counts from 1 to this minus 1 are hidden in publish mode (:func:`helpers.safety.suppress`).
SUPPRESSION_THRESHOLD = 3

#: Colour of the segment standing for suppressed levels.
SUPPRESSED_COLOR = "#DDDDDD"

TITLES: dict[str, dict[str, str]] = {
    "admissions_vs_target": {
        "vi": "Kết nạp đảng viên so với chỉ tiêu — {district}, {year}",
        "en": "New members admitted against target — {district}, {year}",
    },
    "term_pace": {
        "vi": "Tiến độ chỉ tiêu kết nạp nhiệm kỳ {term} (đến năm {as_of}) — {district}",
        "en": "Progress on the {term} term admissions target (to {as_of}) — {district}",
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
    "excellent_quota_year": {
        "vi": "Tỷ lệ xuất sắc so với giới hạn 20 %: {subject} — {district}, {year}",
        "en": "Excellent ratings against the 20% quota: {subject} — {district}, {year}",
    },
    "non_local_leadership": {
        "vi": "Cán bộ chủ chốt cấp xã không phải người địa phương — {district}, {year}",
        "en": "Non-local commune leaders — {district}, {year}",
    },
    "breakthrough_tasks": {
        "vi": "Việc đột phá được giao và đã hoàn thành — {district}, {year}",
        "en": "Breakthrough tasks assigned and completed — {district}, {year}",
    },
    "province_overview": {
        "vi": "{indicator}: các huyện, thành phố tỉnh {province}",
        "en": "{indicator}: the districts of {province} province",
    },
    "no_data": {"vi": "Không có số liệu", "en": "No data"},
}


def title(key: str, lang: str | None = None, /, **params: object) -> str:
    """A chart title in ``lang``.

    >>> title("no_data", "en")
    'No data'
    """
    return translate(TITLES, key, lang, **params)


# --- shared helpers -----------------------------------------------------------


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _district(frame: pd.DataFrame, district: str | None) -> tuple[pd.DataFrame, str]:
    """The rows of one district (the only one present when not given)."""
    if district is None:
        names = sorted(frame["district"].dropna().unique().tolist())
        if len(names) > 1:
            raise ValueError(f"the data hold several districts ({', '.join(names)}): pass district=")
        district = names[0] if names else ""
        return frame, district
    return frame[frame["district"] == district], district


def _year(frame: pd.DataFrame, year: int | None) -> tuple[pd.DataFrame, int | None]:
    if year is None:
        if frame.empty:
            return frame, None
        year = int(frame["year"].max())
    return frame[frame["year"] == year], year


def _no_data(ax, lang: str) -> None:
    ax.text(0.5, 0.5, title("no_data", lang), transform=ax.transAxes, ha="center", va="center", color="#666666")


def _int(value) -> int:
    return 0 if pd.isna(value) else int(value)


def _suppressed(frame: pd.DataFrame, ax, **kwargs) -> pd.DataFrame:
    """``frame`` through :func:`helpers.safety.suppress` (publish mode).

    Records the number of hidden cells on the figure (``helpers_suppressed``),
    so that :func:`helpers.figures.draw` adds the suppression note.
    """
    from .safety import suppress

    out = suppress(frame.reset_index(drop=True), threshold=SUPPRESSION_THRESHOLD, **kwargs)
    hidden = sum(int(out[f"{c}_suppressed"].fillna(False).sum()) for c in kwargs["value_columns"])
    fig = ax.get_figure(root=True) if ax is not None else None
    if fig is not None:
        fig.helpers_suppressed = getattr(fig, "helpers_suppressed", 0) + hidden
    return out


def _hidden(frame: pd.DataFrame, column: str) -> np.ndarray:
    flag = f"{column}_suppressed"
    if flag not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[flag].fillna(False).to_numpy(dtype=bool)


def _legend(ax, order: Sequence[str], **kwargs) -> None:
    """A legend whose entries follow ``order`` (labels not drawn are skipped)."""
    handles, labels = ax.get_legend_handles_labels()
    by_label = dict(zip(labels, handles))
    names = [name for name in order if name in by_label]
    ax.legend([by_label[n] for n in names], names, **kwargs)


# --- 1. admissions against target -------------------------------------------------


def plot_admissions_vs_target(
    data: pd.DataFrame,
    *,
    year: int | None = None,
    district: str | None = None,
    lang: str | None = None,
    ax=None,
    **kwargs,
):
    """Admissions of each unit in one year (bars) against its target (markers).

    Parameters
    ----------
    data : DataFrame
        The tidy ``admissions`` table, or :func:`helpers.indicators.admissions_attainment` by unit.
    year : int, optional
        Default: the latest year.
    district : str, optional
        Needed when ``data`` hold several districts.
    lang : str, optional
    ax : Axes, optional
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    Axes
        One bar per unit (height = admitted), one target marker per unit with
        a target, the attainment written beside each bar.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    frame, district = _district(data, district)
    frame, year = _year(frame, year)
    att = ind.admissions_attainment(frame) if "attainment" not in frame.columns else frame
    att = att.sort_values(["admitted", "unit"], ascending=[True, False]).reset_index(drop=True)
    ax.set_title(title("admissions_vs_target", lang, district=district, year=year))
    if att.empty:
        _no_data(ax, lang)
        return ax
    y = np.arange(len(att))
    admitted = att["admitted"].astype("Float64").fillna(0).to_numpy(dtype=float)
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, admitted, label=label("admitted", lang), **kwargs)
    has_target = att["target"].notna().to_numpy()
    targets = att["target"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    ax.scatter(
        targets[has_target], y[has_target], marker="D", s=28, color=SERIES_COLORS["target"], zorder=3, label=label("target", lang)
    )
    for yi, (adm, tgt, share) in enumerate(zip(admitted, targets, att["attainment"])):
        right = max(adm, 0 if math.isnan(tgt) else tgt)
        text = format_percent(float(share), 0, lang) if pd.notna(share) else "–"
        ax.annotate(text, (right, yi), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, att["unit"].tolist())
    ax.set_xlabel(label("new_members", lang))
    ax.xaxis.set_major_formatter(number_formatter(lang))
    ax.margins(x=0.12)
    _legend(ax, [label("admitted", lang), label("target", lang)], loc="lower right")
    return ax


# --- 2. term pace ----------------------------------------------------------------------


def plot_term_pace(
    data: pd.DataFrame,
    *,
    term: str = "2020–2025",
    as_of: int | None = None,
    district: str | None = None,
    lang: str | None = None,
    ax=None,
    **kwargs,
):
    """Admitted so far against the term target, and the pace still needed, by unit.

    Parameters
    ----------
    data : DataFrame
        The tidy ``admissions`` table, or :func:`helpers.indicators.term_progress` by unit.
    term, as_of : see :func:`helpers.indicators.term_progress`.
    district, lang, ax : as for every plot.
    **kwargs
        Passed to the bars of admitted so far.

    Returns
    -------
    Axes
        Per unit a light bar (term target) behind a dark bar (admitted so
        far), and the pace needed per remaining year written beside it.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    frame, district = _district(data, district)
    prog = frame if "term_target" in frame.columns else ind.term_progress(frame, term, as_of=as_of)
    if not prog.empty:
        as_of = int(prog["as_of"].iloc[0])
        term = str(prog["term"].iloc[0])
    ax.set_title(title("term_pace", lang, term=term, as_of=as_of if as_of is not None else "–", district=district))
    if prog.empty:
        _no_data(ax, lang)
        return ax
    prog = prog.sort_values(["admitted", "unit"], ascending=[True, False]).reset_index(drop=True)
    y = np.arange(len(prog))
    target = prog["term_target"].astype("Float64").fillna(0).to_numpy(dtype=float)
    admitted = prog["admitted"].astype("Float64").fillna(0).to_numpy(dtype=float)
    ax.barh(y, target, color=SERIES_COLORS["term_target"], label=label("term_target", lang))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, admitted, height=0.5, label=label("admitted_so_far", lang), **kwargs)
    for yi, row in prog.iterrows():
        right = max(target[yi], admitted[yi])
        if pd.isna(row["term_target"]):
            text = "–"
        elif int(row["remaining"]) == 0:
            text = label("reached", lang)
        elif pd.isna(row["pace_needed"]):
            text = label("short", lang, value=format_number(int(row["remaining"]), 0, lang))
        else:
            text = label("per_year", lang, value=format_number(float(row["pace_needed"]), 1, lang))
        ax.annotate(text, (right, yi), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, prog["unit"].tolist())
    ax.set_xlabel(label("new_members", lang))
    ax.xaxis.set_major_formatter(number_formatter(lang))
    ax.margins(x=0.15)
    ax.legend(loc="lower right")
    return ax


# --- 3. composition over time --------------------------------------------------------


def plot_composition(
    data: pd.DataFrame,
    *,
    district: str | None = None,
    lang: str | None = None,
    ax=None,
    publish: bool = False,
    **kwargs,
):
    """A district's new members each year, with women, ethnic minorities, Youth Union members and religious.

    Parameters
    ----------
    data : DataFrame
        The tidy ``admissions`` table, or :func:`helpers.indicators.composition` by district and year.
    district, lang, ax : as for every plot.
    publish : bool
        Suppress the group counts below :data:`SUPPRESSION_THRESHOLD`
        (:func:`helpers.safety.suppress`, with secondary suppression): a
        suppressed count gets no bar and no share, only the mark ``*``.
    **kwargs
        Passed to every :meth:`~matplotlib.axes.Axes.bar` call.

    Returns
    -------
    Axes
        Five bars per year (all admitted, then the four groups), the share
        of each group written on its bar.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    frame, district = _district(data, district)
    comp = frame if "share_female" in frame.columns else ind.composition(frame, by="district")
    ax.set_title(title("composition", lang, district=district))
    if comp.empty:
        _no_data(ax, lang)
        return ax
    comp = comp.sort_values("year").reset_index(drop=True)
    if publish:
        comp = _suppressed(comp, ax, value_columns=list(ind.COMPOSITION))
    years = comp["year"].astype(int).to_numpy()
    x = np.arange(len(years))
    series = ["admitted", *ind.COMPOSITION]
    width = 0.8 / len(series)
    for i, col in enumerate(series):
        values = comp[col].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        color = SERIES_COLORS["total"] if col == "admitted" else SERIES_COLORS[col]
        name = label("admitted", lang) if col == "admitted" else label(col, lang)
        hidden = _hidden(comp, col)
        values[hidden] = np.nan  # no bar for a suppressed count, never a zero
        bars = ax.bar(x + (i - (len(series) - 1) / 2) * width, values, width, color=color, label=name, **kwargs)
        if col != "admitted":
            for bar, share, hide in zip(bars, comp[f"share_{col}"], hidden):
                if hide:
                    ax.annotate(
                        MARK,
                        (bar.get_x() + bar.get_width() / 2, 0),
                        xytext=(0, 2),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        fontsize=8,
                    )
                elif pd.notna(share):
                    ax.annotate(
                        format_percent(float(share), 0, lang),
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 2),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        fontsize=6,
                        rotation=90,
                    )
    ax.set_xticks(x, [str(y) for y in years])
    ax.set_xlabel(label("year", lang))
    ax.set_ylabel(label("new_members", lang))
    ax.yaxis.set_major_formatter(number_formatter(lang))
    ax.margins(y=0.15)
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    return ax


# --- 4. ratings by level -------------------------------------------------------------


def plot_ratings_by_level(
    data: pd.DataFrame,
    *,
    subject: str = "organisation",
    district: str | None = None,
    benchmark: float = ind.BENCHMARK,
    lang: str | None = None,
    ax=None,
    publish: bool = False,
    **kwargs,
):
    """Shares at each level over the years (stacked bars) with the 90 % benchmark line.

    The best level is at the bottom, so the top of the "good" segment is the
    share rated good or better, which the dashed line at 90 % is read against.

    Parameters
    ----------
    data : DataFrame
        The tidy ``ratings`` table, or :func:`helpers.indicators.rating_shares` by district.
    subject : {"organisation", "cells", "members"}
    district, lang, ax : as for every plot.
    benchmark : float
    publish : bool
        Suppress the counts at each level below :data:`SUPPRESSION_THRESHOLD`
        (:func:`helpers.safety.suppress`, the number rated being the
        published total): suppressed levels are drawn together as one grey
        segment marked ``*`` on top of the bar, so that no segment's place
        reveals them, and a good-or-better share that needs one is written ``*``.
    **kwargs
        Passed to every :meth:`~matplotlib.axes.Axes.bar` call.

    Returns
    -------
    Axes
        Four stacked segments per year coloured by :data:`helpers.theme.LEVEL_COLORS`,
        the good-or-better share written in each bar.
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    frame, district = _district(data, district)
    shares = frame if "share" in frame.columns and "rated" in frame.columns else ind.rating_shares(frame, subject=subject)
    shares = shares[shares["subject"] == subject]
    ax.set_title(title("ratings_by_level", lang, subject=label(subject, lang), district=district))
    if shares.empty:
        _no_data(ax, lang)
        return ax
    wide = shares.pivot_table(index="year", columns="level", values="share", observed=False, aggfunc="sum")
    wide = wide.reindex(columns=list(LEVELS)).astype(float).fillna(0.0).sort_index()
    years = [int(y) for y in wide.index]
    hidden = pd.DataFrame(False, index=wide.index, columns=list(LEVELS))
    if publish and "count" in shares.columns:
        counts = shares.pivot_table(index="year", columns="level", values="count", observed=False, aggfunc="sum")
        counts = counts.reindex(index=wide.index, columns=list(LEVELS)).fillna(0).astype("Int64")
        counts["rated"] = counts[list(LEVELS)].sum(axis=1)
        out = _suppressed(counts.reset_index(), ax, value_columns=list(LEVELS), total_columns={"rated": list(LEVELS)})
        hidden = pd.DataFrame({lv: _hidden(out, lv) for lv in LEVELS}, index=wide.index)
    x = np.arange(len(years))
    bottom = np.zeros(len(years))
    for level in reversed(LEVELS):  # excellent at the bottom
        values = wide[level].to_numpy(dtype=float)
        shown = np.where(hidden[level].to_numpy(), np.nan, values)  # no segment for a suppressed count
        ax.bar(x, shown, 0.7, bottom=bottom, color=LEVEL_COLORS[level], label=label(level, lang), **kwargs)
        bottom = bottom + np.nan_to_num(shown)
    rest = np.where(hidden.to_numpy(), wide.to_numpy(dtype=float), 0.0).sum(axis=1)
    if hidden.to_numpy().any():
        # Suppressed levels together, on top: their sum follows from the published ones anyway.
        ax.bar(x, rest, 0.7, bottom=bottom, color=SUPPRESSED_COLOR, label=MARK, **kwargs)
        for xi, top, any_hidden in zip(x, bottom + rest, hidden.to_numpy().any(axis=1)):
            if any_hidden:
                ax.annotate(MARK, (xi, top), xytext=(0, 1), textcoords="offset points", ha="center", va="bottom", fontsize=9)
    gob = wide["excellent"].to_numpy(dtype=float) + wide["good"].to_numpy(dtype=float)
    gob_hidden = (hidden["excellent"] | hidden["good"]).to_numpy()
    for xi, share, hide, top in zip(x, gob, gob_hidden, bottom):
        if hide:
            ax.text(xi, top - 0.02, MARK, ha="center", va="top", color="white", fontsize=8)
        else:
            ax.text(xi, share - 0.02, format_percent(share, 1, lang), ha="center", va="top", color="white", fontsize=8)
    ax.axhline(benchmark, color=SERIES_COLORS["benchmark"], linestyle="--", linewidth=1, label=label("benchmark", lang))
    ax.set_xticks(x, [str(y) for y in years])
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_ylabel(label("share", lang))
    ax.set_xlabel(label("year", lang))
    order = [label(level, lang) for level in reversed(LEVELS)] + [MARK, label("benchmark", lang)]
    _legend(ax, order, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    return ax


# --- 5. excellent quota ------------------------------------------------------------------


def plot_excellent_quota(
    data: pd.DataFrame,
    *,
    subject: str = "organisation",
    district: str | None = None,
    year: int | None = None,
    quota: float = ind.EXCELLENT_QUOTA,
    lang: str | None = None,
    ax=None,
    publish: bool = False,
    **kwargs,
):
    """Excellent as a share of good (excellent not included), against the 20 % quota.

    Organisations: one bar per like group (communes and towns; agencies)
    and year.  Cells and members: one bar per organisation in ``year``
    (default the latest).  Bars over the quota are drawn in the highlight
    colour and hatched; each bar is labelled "excellent/good".

    Parameters
    ----------
    data : DataFrame
        The tidy ``ratings`` table, or :func:`helpers.indicators.excellent_quota`.
    subject : {"organisation", "cells", "members"}
    district, year, lang, ax : as for every plot.
    quota : float
    publish : bool
        Suppress excellent and good counts below :data:`SUPPRESSION_THRESHOLD`
        (:func:`helpers.safety.suppress`, excellent + good being the
        published total, each year a group): a suppressed count is written
        ``*`` and its bar, whose height would reveal it, is not drawn.
    **kwargs
        Passed to every :meth:`~matplotlib.axes.Axes.bar` call.

    Returns
    -------
    Axes
    """
    lang = get_lang(lang)
    ax = _axes(ax)
    frame, district = _district(data, district)
    q = frame if "breaks_quota" in frame.columns else ind.excellent_quota(frame, subject=subject, quota=quota)
    q = q[q["subject"] == subject]
    if subject != "organisation":
        q, year = _year(q, year)
        ax.set_title(title("excellent_quota_year", lang, subject=label(subject, lang), district=district, year=year))
    else:
        ax.set_title(title("excellent_quota", lang, subject=label(subject, lang), district=district))
    if q.empty:
        _no_data(ax, lang)
        return ax
    if publish:
        q = _suppressed(
            q, ax, value_columns=["excellent", "good"], total_columns={"good_or_better": ["excellent", "good"]}, by="year"
        )

    def _count(r, column):
        flag = r.get(f"{column}_suppressed", False)
        return MARK if pd.notna(flag) and bool(flag) else str(_int(r[column]))

    def _bars(xs, rows, color, name):
        share = rows["share"].astype("Float64").fillna(0).to_numpy(dtype=float)
        hidden = _hidden(rows, "excellent") | _hidden(rows, "good")
        share[hidden] = np.nan  # the bar's height would reveal the hidden count
        breaks = rows["breaks_quota"].fillna(False).to_numpy(dtype=bool)
        colors = [SERIES_COLORS["highlight"] if b else color for b in breaks]
        bars = ax.bar(xs, share, width, color=colors, label=name, **kwargs)
        for bar, b, hide, (_, r) in zip(bars, breaks, hidden, rows.iterrows()):
            if b and not hide:
                bar.set_hatch("//")
            ax.annotate(
                f"{_count(r, 'excellent')}/{_count(r, 'good')}",
                (bar.get_x() + bar.get_width() / 2, 0 if hide else bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
            )

    if subject == "organisation":
        years = sorted(int(y) for y in q["year"].unique())
        x = np.arange(len(years))
        groups = [g for g in ("communes", "agencies") if g in set(q["group"])]
        width = 0.8 / max(len(groups), 1)
        palette = {"communes": LEVEL_COLORS["excellent"], "agencies": LEVEL_COLORS["good"]}
        for i, group in enumerate(groups):
            rows = q[q["group"] == group].set_index("year").reindex(years).reset_index()
            xs = x + (i - (len(groups) - 1) / 2) * width
            _bars(xs, rows, palette[group], label(group, lang))
        ax.set_xticks(x, [str(y) for y in years])
        ax.set_xlim(-0.5, len(years) - 0.5)  # also when every bar is suppressed
        ax.set_xlabel(label("year", lang))
    else:
        rows = q.sort_values("group").reset_index(drop=True)
        x = np.arange(len(rows))
        width = 0.7
        _bars(x, rows, LEVEL_COLORS["excellent"], label("within_quota", lang))
        ax.set_xticks(x, rows["group"].tolist(), rotation=60, ha="right")
    ax.axhline(quota, color=SERIES_COLORS["highlight"], linestyle="--", linewidth=1, label=label("quota", lang))
    ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_ylabel(label("excellent_share", lang))
    shown = q["share"].astype("Float64").mask(_hidden(q, "excellent") | _hidden(q, "good"))
    ax.set_ylim(0, max(0.3, float(shown.fillna(0).max()) * 1.2))
    order = [label(k, lang) for k in ("communes", "agencies", "within_quota", "quota")]
    _legend(ax, order, loc="upper right")
    return ax


# --- 6. non-local leadership -----------------------------------------------------------

_LEADERSHIP = (
    ("secretaries_non_local", "units"),
    ("pc_chairs_non_local", "units"),
    ("pc_vice_chairs_non_local", "pc_vice_chairs"),
    ("secretaries_chairing_pc", "units"),
)


def plot_non_local_leadership(
    data: pd.DataFrame,
    *,
    year: int | None = None,
    district: str | None = None,
    lang: str | None = None,
    ax=None,
    **kwargs,
):
    """Non-local party secretaries, People's Committee chairs and vice-chairs: the "22/24" view.

    Parameters
    ----------
    data : DataFrame
        The tidy ``placements`` table, or :func:`helpers.indicators.non_local_leadership` by district.
    year, district, lang, ax : as for every plot.
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
    frame, district = _district(data, district)
    frame, year = _year(frame, year)
    summary = frame if "secretaries_non_local" in frame.columns else ind.non_local_leadership(frame)
    ax.set_title(title("non_local_leadership", lang, district=district, year=year))
    if summary.empty:
        _no_data(ax, lang)
        return ax
    row = summary.iloc[0]
    y = np.arange(len(_LEADERSHIP))[::-1]
    totals = np.array([_int(row[d]) for _, d in _LEADERSHIP], dtype=float)
    counts = np.array([_int(row[c]) for c, _ in _LEADERSHIP], dtype=float)
    ax.barh(y, totals, color=SERIES_COLORS["total"], label=label("all_posts", lang))
    kwargs.setdefault("color", SERIES_COLORS["admitted"])
    ax.barh(y, counts, height=0.5, label=label("non_local", lang), **kwargs)
    for yi, c, t in zip(y, counts, totals):
        ax.annotate(
            f"{format_number(c, 0, lang)}/{format_number(t, 0, lang)}",
            (max(c, t), yi),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            fontweight="bold",
        )
    ax.set_yticks(y, [label(c, lang) for c, _ in _LEADERSHIP])
    ax.xaxis.set_major_formatter(number_formatter(lang))
    ax.set_xlabel(label("out_of_all", lang))
    ax.margins(x=0.12)
    return ax


# --- 7. breakthrough tasks -------------------------------------------------------------


def plot_breakthrough_tasks(
    data: pd.DataFrame,
    *,
    year: int | None = None,
    district: str | None = None,
    lang: str | None = None,
    ax=None,
    **kwargs,
):
    """Breakthrough tasks assigned and completed by unit, with tasks per cadre.

    Parameters
    ----------
    data : DataFrame
        The tidy ``breakthrough_tasks`` table, or :func:`helpers.indicators.breakthrough_summary` by unit.
    year, district, lang, ax : as for every plot.
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
    frame, district = _district(data, district)
    frame, year = _year(frame, year)
    summary = frame if "tasks_per_cadre" in frame.columns else ind.breakthrough_summary(frame)
    ax.set_title(title("breakthrough_tasks", lang, district=district, year=year))
    if summary.empty:
        _no_data(ax, lang)
        return ax
    summary = summary.sort_values(["tasks", "unit"], ascending=[True, False]).reset_index(drop=True)
    y = np.arange(len(summary))
    tasks = summary["tasks"].astype("Float64").fillna(0).to_numpy(dtype=float)
    done = summary["tasks_completed"].astype("Float64").fillna(0).to_numpy(dtype=float)
    ax.barh(y, tasks, color=SERIES_COLORS["tasks"], label=label("tasks", lang))
    kwargs.setdefault("color", SERIES_COLORS["tasks_completed"])
    ax.barh(y, done, height=0.5, label=label("tasks_completed", lang), **kwargs)
    for yi, per in zip(y, summary["tasks_per_cadre"]):
        text = label("per_cadre", lang, value=format_number(float(per), 1, lang)) if pd.notna(per) else "–"
        ax.annotate(text, (tasks[yi], yi), xytext=(6, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks(y, summary["unit"].tolist())
    ax.xaxis.set_major_formatter(number_formatter(lang))
    ax.set_xlabel(label("count", lang))
    ax.margins(x=0.2)
    ax.legend(loc="lower right")
    return ax


# --- 8. province overview ----------------------------------------------------------------

#: indicator -> (table, how to compute, value column, is a share)
PROVINCE_INDICATORS: dict[str, tuple[str, object, str, bool]] = {
    "admitted_total": ("admissions", lambda t: ind.admissions_attainment(t, by="district"), "admitted", False),
    "admissions_attainment": ("admissions", lambda t: ind.admissions_attainment(t, by="district"), "attainment", True),
    "organisations_good_or_better": ("ratings", lambda t: ind.good_or_better(t, subject="organisation"), "share", True),
    "members_good_or_better": ("ratings", lambda t: ind.good_or_better(t, subject="members"), "share", True),
    "share_secretaries_non_local": (
        "placements",
        lambda t: ind.non_local_leadership(t),
        "share_secretaries_non_local",
        True,
    ),
    "tasks_per_cadre": ("breakthrough_tasks", lambda t: ind.breakthrough_summary(t, by="district"), "tasks_per_cadre", False),
}


def province_series(tables: object, indicator: str) -> pd.DataFrame:
    """The district-by-year series behind :func:`plot_province_overview`.

    Returns ``district, year, value``.
    """
    if indicator not in PROVINCE_INDICATORS:
        raise ValueError(f"indicator must be one of {', '.join(PROVINCE_INDICATORS)}; got {indicator!r}")
    name, compute, column, _ = PROVINCE_INDICATORS[indicator]
    frame = compute(ind.table_of(tables, name))
    out = frame[["district", "year", column]].rename(columns={column: "value"})
    return out.sort_values(["district", "year"]).reset_index(drop=True)


def _district_order(present: Sequence[str]) -> list[str]:
    try:
        from .units import district_names

        names = list(district_names())
    except Exception:  # the registry is optional for drawing
        names = []
    return names + sorted(d for d in present if d not in names) if names else sorted(present)


def plot_province_overview(
    tables: object,
    *,
    indicator: str = "admissions_attainment",
    districts: Sequence[str] | None = None,
    lang: str | None = None,
    fig=None,
):
    """Compare the seven districts on one indicator, in small multiples.

    Parameters
    ----------
    tables : Reports or dict of DataFrame
    indicator : str
        A key of :data:`PROVINCE_INDICATORS`.
    districts : list of str, optional
        Default: the province's districts (unit registry), then any other in the data.
    lang : str, optional
    fig : Figure, optional
        Drawn on (cleared first); a new figure when not given.

    Returns
    -------
    Figure
        One panel per district sharing the y axis (years on x), the 90 %
        line on good-or-better panels, and a title naming the indicator.
    """
    import matplotlib.pyplot as plt

    lang = get_lang(lang)
    series = province_series(tables, indicator)
    is_share = PROVINCE_INDICATORS[indicator][3]
    names = list(districts) if districts is not None else _district_order(series["district"].unique().tolist())
    if fig is None:
        fig = plt.figure(figsize=(11, 5.5))
    else:
        fig.clear()
    ncols = 4
    nrows = max(1, math.ceil(len(names) / ncols))
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    years = sorted(int(y) for y in series["year"].unique())
    for ax, name in zip(axes, names):
        rows = series[series["district"] == name].dropna(subset=["value"])
        ax.set_title(name, fontsize=10)
        if rows.empty:
            _no_data(ax, lang)
        else:
            ax.plot(rows["year"].astype(int), rows["value"].astype(float), marker="o", color=SERIES_COLORS["admitted"])
        if indicator.endswith("good_or_better"):
            ax.axhline(ind.BENCHMARK, color=SERIES_COLORS["benchmark"], linestyle="--", linewidth=1)
        if years:
            ax.set_xticks(years, [str(y) if i % 2 == 0 else "" for i, y in enumerate(years)])
        ax.yaxis.set_major_formatter(percent_formatter(lang, None) if is_share else number_formatter(lang))
    for i, ax in enumerate(axes[: len(names)]):
        if i + ncols >= len(names):  # nothing below: show its years
            ax.tick_params(labelbottom=True)
    for ax in axes[len(names) :]:
        ax.set_axis_off()
    from . import config

    fig.suptitle(title("province_overview", lang, indicator=label(indicator, lang), province=config.PROVINCE))
    return fig


__all__ = [
    "PROVINCE_INDICATORS",
    "TITLES",
    "plot_admissions_vs_target",
    "plot_breakthrough_tasks",
    "plot_composition",
    "plot_excellent_quota",
    "plot_non_local_leadership",
    "plot_province_overview",
    "plot_ratings_by_level",
    "plot_term_pace",
    "province_series",
    "title",
]
