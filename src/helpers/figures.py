"""The report's figure sets: every figure of a district, and the province overview.

One registry, :data:`FIGURES`, holds a :class:`FigureSpec` per report
figure: the tidy table it is drawn from, the indicator function that turns
that table into the frame drawn (suppressed there in publication mode),
the plot function of :mod:`helpers.plots` that draws it, the figure's size
and its title.  :data:`DISTRICT_FIGURES` and :data:`PROVINCE_FIGURES` are
its two halves.  :func:`draw` and :func:`draw_province` draw one figure in
the report look (:func:`helpers.theme.report_theme`);
:func:`save_district_figures` and :func:`save_province_figures` draw and
save them all (:func:`helpers.save.save_figure`) as
``<name>_<lang>.{png,svg,pdf,json}``; :func:`report_figure` draws, saves
and returns a :class:`ReportFigure`, which a notebook shows as an embedded
PNG with its alt text.

A district is named as an office types it: :func:`find_district` finds
"Chiêm Hoá" (old tone style), "chiem hoa" (no marks) or "huyện Chiêm Hóa"
among the districts in the data, and an unknown name is an error listing
them.

When the tables come from the bundled workbooks of ``data/raw``, every
figure carries a footnote saying the data are synthetic.

``python -m helpers figures [DATA_DIR] [--district D] [--lang vi|en|all] [--out DIR]``
does the same from the command line (``--figure NAME`` for some figures only,
``--year``, ``--boundaries``).

Examples
--------
>>> list(DISTRICT_FIGURES)[:3]
['admissions_target', 'term_pace', 'admissions_composition']
>>> find_district("chiem hoa", ["Na Hang", "Chiêm Hóa"])
'Chiêm Hóa'
"""

from __future__ import annotations

import base64
import html
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config
from . import indicators as ind
from . import plots
from .i18n import get_lang, translate
from .save import FORMATS
from .schema import LEVELS, TABLES
from .text import fold, slug, split_district_name, strip_marks

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_figure": {"vi": "Không có hình {name!r}; các hình: {names}", "en": "No figure {name!r}; figures: {names}"},
    "unknown_district": {
        "vi": "Không có số liệu của huyện {district!r}; có: {names}",
        "en": "No data for district {district!r}; found: {names}",
    },
    "ambiguous_district": {
        "vi": "Tên huyện {district!r} chưa rõ, có thể là: {names}; hãy viết đủ dấu",
        "en": "District {district!r} is ambiguous: {names}; write it with its diacritics",
    },
    "no_districts": {"vi": "(không có huyện nào)", "en": "(no district)"},
    "no_data": {"vi": "Không tìm thấy số liệu trong {path}", "en": "No data found in {path}"},
    "written": {
        "vi": "{district}: đã ghi {n} tệp vào {out} ({seconds} giây)",
        "en": "{district}: wrote {n} files to {out} ({seconds} s)",
    },
    "province": {"vi": "Toàn tỉnh", "en": "Province"},
    "read_errors": {
        "vi": "Có {n} lỗi khi đọc số liệu (python -m helpers check {path} để xem); các hình có thể không tin cậy.",
        "en": "{n} errors while reading the workbooks (python -m helpers check {path} lists them); the figures cannot be trusted.",
    },
}


def _msg(key: str, lang: str | None = None, **params: object) -> str:
    return translate(MESSAGES, key, lang, **params)


# --- finding a district -------------------------------------------------------------------


def find_district(name: str, districts: Iterable[str], lang: str | None = None) -> str:
    """The district of ``districts`` that ``name`` means, as the data spell it.

    ``name`` is matched on its :func:`helpers.text.fold` key (case, NFC or
    NFD, old or new tone placement: "Chiêm Hoá" is "Chiêm Hóa"), with a
    leading "huyện", "thành phố" … dropped; failing that, without
    diacritics ("Chiem Hoa").

    Raises
    ------
    ValueError
        When no district matches (the message lists the districts in the
        data), or several do without diacritics.

    Examples
    --------
    >>> find_district("CHIÊM HOÁ", ["Chiêm Hóa", "Na Hang"])
    'Chiêm Hóa'
    >>> find_district("Huyện Na Hang", ["Chiêm Hóa", "Na Hang"])
    'Na Hang'
    >>> find_district("Xyz", ["Chiêm Hóa", "Na Hang"], lang="en")
    Traceback (most recent call last):
    ...
    ValueError: No data for district 'Xyz'; found: Chiêm Hóa, Na Hang
    """
    names = list(dict.fromkeys(districts))
    wanted = split_district_name(name) or str(name)
    for key in (fold, lambda s: fold(strip_marks(s))):
        hits = [d for d in names if key(d) == key(wanted)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise ValueError(_msg("ambiguous_district", lang, district=name, names=", ".join(hits)))
    shown = ", ".join(names) if names else _msg("no_districts", lang)
    raise ValueError(_msg("unknown_district", lang, district=name, names=shown))


# --- the registry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What an indicator function of a :class:`FigureSpec` is given besides the district's rows."""

    #: the district drawn, as the data spell it (None for the province)
    district: str | None
    #: the report year asked for (None: the latest)
    year: int | None
    #: publication mode: small counts suppressed
    publish: bool
    #: the whole table, every district, on the boundaries asked for
    table: pd.DataFrame
    #: the districts in the data, in order (the province's panels)
    districts: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureSpec:
    """One report figure: its table, indicator, plot, size and title.

    ``indicator(rows, context)`` gets the figure's table (a district's rows,
    or every row for the province) and a :class:`Context`, and returns the
    plot's keyword arguments: ``data`` (the indicator frame drawn) and any
    other frame the plot takes.  ``plot`` is a function of
    :mod:`helpers.plots`, called with those, ``lang``, ``ax`` (``fig`` for
    the province) and ``options``.
    """

    table: str
    indicator: Callable[[pd.DataFrame, Context], dict]
    plot: Callable[..., object]
    #: "units" (a row per unit), "years" (a group of bars per year), "wide" or "province"
    size: str
    #: key of :data:`helpers.plots.TITLES`
    title: str
    options: Mapping[str, object] = field(default_factory=dict)
    #: a :func:`helpers.theme.label` key written into the title (subject, indicator)
    title_label: str | None = None
    #: the title ends with the report year drawn
    yearly: bool = False
    province: bool = False


def _in_year(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The rows of ``year`` (default: the latest year in the frame)."""
    if frame.empty:
        return frame
    year = int(frame["year"].max()) if year is None else int(year)
    return frame[frame["year"] == year].reset_index(drop=True)


def _suppressed(frame: pd.DataFrame, **kwargs) -> pd.DataFrame:
    from .safety import suppress

    return suppress(frame.reset_index(drop=True), threshold=plots.SUPPRESSION_THRESHOLD, **kwargs)


def _attainment(rows: pd.DataFrame, ctx: Context) -> dict:
    return {"data": _in_year(ind.admissions_attainment(rows, by="unit"), ctx.year)}


def _composition(rows: pd.DataFrame, ctx: Context) -> dict:
    comp = ind.composition(rows, by="district")
    if ctx.publish and len(comp):
        comp = _suppressed(comp, value_columns=list(ind.COMPOSITION))
        for col in ind.COMPOSITION:
            comp[f"share_{col}"] = comp[f"share_{col}"].mask(comp[f"{col}_suppressed"].astype(bool))
    return {"data": comp}


def _suppressed_levels(shares: pd.DataFrame, gob: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rating shares and good-or-better with the small level counts of each year hidden."""
    counts = shares.pivot_table(index="year", columns="level", values="count", observed=False, aggfunc="sum")
    counts = counts.reindex(columns=list(LEVELS)).fillna(0).astype("Int64")
    counts["rated"] = counts[list(LEVELS)].sum(axis=1)
    out = _suppressed(counts.reset_index(), value_columns=list(LEVELS), total_columns={"rated": list(LEVELS)}).set_index("year")
    hidden = [bool(out.at[y, f"{lv}_suppressed"]) for y, lv in zip(shares["year"], shares["level"].astype(str))]
    shares = shares.assign(count_suppressed=pd.array(hidden, dtype="boolean"))
    shares[["count", "share"]] = shares[["count", "share"]].mask(shares["count_suppressed"].astype(bool))
    needs = out["excellent_suppressed"] | out["good_suppressed"]
    gob = gob.assign(share=gob["share"].mask(gob["year"].map(needs).fillna(False).astype(bool)))
    return shares, gob


def _ratings(subject: str) -> Callable[[pd.DataFrame, Context], dict]:
    def indicator(rows: pd.DataFrame, ctx: Context) -> dict:
        shares = ind.rating_shares(rows, subject=subject, by="district")
        gob = ind.good_or_better(rows, subject=subject, by="district")
        if ctx.publish and len(shares):
            shares, gob = _suppressed_levels(shares, gob)
        return {"data": shares, "good_or_better": gob}

    return indicator


def _quota(rows: pd.DataFrame, ctx: Context) -> dict:
    q = ind.excellent_quota(rows, subject="organisation")
    if ctx.publish and len(q):
        q = _suppressed(q, value_columns=["excellent", "good"], total_columns={"good_or_better": ["excellent", "good"]}, by="year")
        q["share"] = q["share"].mask(q["excellent_suppressed"].astype(bool) | q["good_suppressed"].astype(bool))
    return {"data": q}


def _leadership(rows: pd.DataFrame, ctx: Context) -> dict:
    return {"data": _in_year(ind.non_local_leadership(rows, by="district"), ctx.year)}


def _tasks(rows: pd.DataFrame, ctx: Context) -> dict:
    return {"data": _in_year(ind.breakthrough_summary(rows, by="unit"), ctx.year)}


def _term_of(year: int | None) -> str:
    for term, years in ind.TERMS.items():
        if year is not None and year in years:
            return term
    return list(ind.TERMS)[-1]


def _elsewhere(table: pd.DataFrame, unit: tuple, gap: list[int]) -> str:
    """The one other district that reported ``unit`` in exactly the ``gap`` years, else ""."""
    district, name, unit_type = unit
    other = table[(table["unit"] == name) & (table["unit_type"] == unit_type) & (table["district"] != district)]
    other = other[other["year"].isin(ind.TERMS[_term_of(gap[0])])]
    if other["district"].nunique() != 1 or sorted(set(other["year"].astype(int))) != gap:
        return ""
    return str(other["district"].iloc[0])


def _term_gaps(prog: pd.DataFrame, rows: pd.DataFrame, table: pd.DataFrame, years: range) -> pd.DataFrame:
    """Why a unit has no term target: the term years it has no report or no target for, and where it reported then."""
    last = int(rows["year"].max()) if len(rows) else years[-1]
    due = [y for y in years if y <= last]
    not_reported, without_target, under = [], [], []
    for _, row in prog.iterrows():
        key = (row["district"], row["unit"], row["unit_type"])
        own = rows[(rows["district"] == key[0]) & (rows["unit"] == key[1]) & (rows["unit_type"] == key[2])]
        reported = set(own["year"].astype(int))
        gap = [y for y in due if y not in reported] if pd.isna(row["term_target"]) else []
        blank = sorted(set(own.loc[own["target"].isna(), "year"].astype(int))) if pd.isna(row["term_target"]) else []
        not_reported.append(tuple(gap))
        without_target.append(tuple(blank))
        under.append(_elsewhere(table, key, gap) if gap else "")
    return prog.assign(years_not_reported=not_reported, years_without_target=without_target, reported_under=under)


def _term(rows: pd.DataFrame, ctx: Context) -> dict:
    """Term progress by unit for the term holding the report year (default: the latest)."""
    years = rows["year"].dropna().astype(int)
    year = ctx.year if ctx.year is not None else (int(years.max()) if len(years) else None)
    term = _term_of(year)
    term_years = ind.TERMS[term]
    in_term = rows[rows["year"].isin(list(term_years))]
    as_of = min(year, term_years[-1]) if year is not None and len(in_term) else None
    if as_of is not None and as_of not in term_years:
        as_of = None
    prog = ind.term_progress(in_term, term, as_of=as_of, by="unit")
    in_table = ctx.table[ctx.table["year"].isin(list(term_years))]
    return {"data": _term_gaps(prog, in_term, in_table, term_years)}


#: The figures of a district report.
DISTRICT_FIGURES: dict[str, FigureSpec] = {
    "admissions_target": FigureSpec("admissions", _attainment, plots.plot_admissions_vs_target, "units", "admissions_vs_target", yearly=True),
    "term_pace": FigureSpec("admissions", _term, plots.plot_term_pace, "units", "term_pace"),
    "admissions_composition": FigureSpec("admissions", _composition, plots.plot_composition, "years", "composition"),
    "ratings_organisations": FigureSpec(
        "ratings", _ratings("organisation"), plots.plot_ratings_by_level, "years", "ratings_by_level", title_label="organisation"
    ),
    "ratings_members": FigureSpec(
        "ratings", _ratings("members"), plots.plot_ratings_by_level, "years", "ratings_by_level", title_label="members"
    ),
    "excellent_quota": FigureSpec(
        "ratings", _quota, plots.plot_excellent_quota, "years", "excellent_quota", title_label="organisation"
    ),
    "non_local_leadership": FigureSpec(
        "placements", _leadership, plots.plot_non_local_leadership, "wide", "non_local_leadership", yearly=True
    ),
    "breakthrough_tasks": FigureSpec("breakthrough_tasks", _tasks, plots.plot_breakthrough_tasks, "units", "breakthrough_tasks", yearly=True),
}


def _province(compute: Callable[[pd.DataFrame], pd.DataFrame], column: str) -> Callable[[pd.DataFrame, Context], dict]:
    """A province indicator: ``compute(table)[column]`` by district and year."""

    def indicator(rows: pd.DataFrame, ctx: Context) -> dict:
        frame = compute(rows)
        series = frame[["district", "year", column]].rename(columns={column: "value"})
        return {"data": series.sort_values(["district", "year"]).reset_index(drop=True), "districts": list(ctx.districts)}

    return indicator


def _province_spec(table: str, compute, column: str, name: str, **options) -> FigureSpec:
    return FigureSpec(
        table, _province(compute, column), plots.plot_province_overview, "province", "province_overview",
        options=options, title_label=name, province=True,
    )  # fmt: skip


_BENCHMARK = ((ind.BENCHMARK, "benchmark"),)

#: The figures of the province overview.
PROVINCE_FIGURES: dict[str, FigureSpec] = {
    "province_admitted": _province_spec(
        "admissions", lambda t: ind.admissions_attainment(t, by="district"), "admitted", "admitted_total",
        unit="new_members", integer=True,
    ),
    "province_admissions_attainment": _province_spec(
        "admissions", lambda t: ind.admissions_attainment(t, by="district"), "attainment", "admissions_attainment",
        share=True, unit="attainment_unit", references=((1.0, "full_target"),),
    ),
    "province_organisations_good_or_better": _province_spec(
        "ratings", lambda t: ind.good_or_better(t, subject="organisation"), "share", "organisations_good_or_better",
        share=True, unit="share", references=_BENCHMARK,
    ),
    "province_members_good_or_better": _province_spec(
        "ratings", lambda t: ind.good_or_better(t, subject="members"), "share", "members_good_or_better",
        share=True, unit="share", references=_BENCHMARK,
    ),
    "province_non_local_secretaries": _province_spec(
        "placements", ind.non_local_leadership, "share_secretaries_non_local", "share_secretaries_non_local",
        share=True, unit="share",
    ),
    "province_tasks_per_cadre": _province_spec(
        "breakthrough_tasks", lambda t: ind.breakthrough_summary(t, by="district"), "tasks_per_cadre", "tasks_per_cadre",
        unit="tasks_per_cadre_unit",
    ),
}  # fmt: skip

#: Every report figure: name -> :class:`FigureSpec`.
FIGURES: dict[str, FigureSpec] = {**DISTRICT_FIGURES, **PROVINCE_FIGURES}

#: The table each district figure is drawn from.
FIGURE_TABLES: dict[str, str] = {name: spec.table for name, spec in DISTRICT_FIGURES.items()}


def _profile(rows: pd.DataFrame, ctx: Context) -> dict:
    from .formprofile import report_profile

    return {"data": report_profile(rows, district=ctx.district)}


#: The new members' profile from the official forms (Biểu số 2-BTCTW): a district's, the province's
#: (:func:`draw_profile`; drawn only where the data hold such forms).
PROFILE_FIGURES: dict[str, FigureSpec] = {
    "new_member_profile": FigureSpec("form_rows", _profile, plots.plot_new_member_profile, "rows",
                                     "new_member_profile", yearly=True),
    "province_new_member_profile": FigureSpec("form_rows", _profile, plots.plot_new_member_profile, "rows",
                                              "new_member_profile_province", yearly=True),
}
FIGURES.update(PROFILE_FIGURES)


def form_table(tables: object) -> pd.DataFrame:
    """The ``form_rows`` table of ``tables`` (empty, with its columns, when absent)."""
    from .kinds.forms import TABLE
    from .schema import empty

    frame = tables.get(TABLE) if isinstance(tables, Mapping) else getattr(tables, TABLE, None)
    return empty(TABLE) if frame is None else frame


# --- tables ----------------------------------------------------------------------------


def _table(tables: object, name: str, boundaries: int | None) -> pd.DataFrame:
    """One tidy table, mapped onto the boundaries of year ``boundaries`` when given (the forms' never: one committee's)."""
    if name == "form_rows":
        return form_table(tables)
    frame = ind.table_of(tables, name)
    if boundaries is None or not len(frame):
        return frame
    from .units import to_boundaries

    return to_boundaries(frame, int(boundaries), table_name=name)



def _source_files(frame: pd.DataFrame) -> set[str]:
    files: set[str] = set()
    for source in frame["source"].dropna():
        for part in str(source).split(" + "):
            files.add(part.split("!")[0])
    return files


def is_bundled(tables: object) -> bool:
    """Whether the tables were read from the bundled (synthetic) workbooks of ``data/raw``.

    True when every source file named in the tables is a file under
    ``data/raw``, read from that folder or from a district's folder in it
    (``data/raw/<district slug>``).

    >>> is_bundled({})
    False
    """
    files: set[str] = set()
    districts: set[str] = set()
    for name in TABLES:
        frame = ind.table_of(tables, name)
        files |= _source_files(frame)
        districts |= set(frame["district"].dropna().unique())
    if not files:
        return False
    raw = config.RAW_DATA_DIR
    folders = [raw] + [raw / slug(d) for d in sorted(districts)]
    return all(any((folder / f).is_file() for folder in folders) for f in files)


def districts_in(tables: object) -> list[str]:
    """The districts present in the tables, in the registry's order.

    >>> districts_in({})
    []
    """
    present: set[str] = set()
    for name in TABLES:
        if isinstance(tables, Mapping) and tables.get(name) is None:
            continue  # absent: no district (and no empty table made only to say so)
        present |= set(ind.table_of(tables, name)["district"].dropna().unique())
    return plots._district_order(sorted(present)) if present else []


def _pick_district(frame: pd.DataFrame, district: str) -> pd.DataFrame:
    names = [d for d in frame["district"].dropna().unique() if fold(d) == fold(district)]
    return frame[frame["district"].isin(names)]


def _figsize(spec: FigureSpec, data: pd.DataFrame) -> tuple[float, float]:
    if spec.size == "rows":  # a row per criterion, two bars each
        return (8.0, max(4.0, 0.32 * len(data) + 2.0))
    if spec.size == "units":
        n = data["unit"].nunique() if len(data) else 1
        return (8.0, max(4.0, 0.26 * n + 2.0))
    if spec.size == "years":
        n = data["year"].nunique() if len(data) else 1
        return (min(14.0, max(8.0, 0.85 * n + 2.0)), 5.0)
    if spec.size == "province":
        return (11.0, 5.5)
    return (8.0, 5.0)


def _footnote(fig, lines: list[str]) -> None:
    """Footnotes at the bottom right, one per line, with room kept for them."""
    if not lines:
        return
    height = fig.get_size_inches()[1]
    fig.text(0.995, 0.005, "\n".join(lines), ha="right", va="bottom", fontsize=7, color="#666666", style="italic")
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        room = min(0.3, (0.05 + 0.13 * len(lines)) / height)
        try:
            engine.set(rect=(0, room, 1, 1 - room))
        except TypeError:  # a layout engine without rect
            pass


def _notes(fig, *, synthetic: bool, publish: bool, lang: str) -> list[str]:
    from .safety import suppression_note
    from .theme import label

    lines = []
    if publish and getattr(fig, "helpers_suppressed", 0):
        lines.append(suppression_note(plots.SUPPRESSION_THRESHOLD, lang))
    if synthetic:
        lines.append(label("synthetic", lang))
    return lines


def _hidden_cells(args: Mapping[str, object]) -> int:
    """How many counts the frames drawn hide (their ``*_suppressed`` flags)."""
    n = 0
    for frame in args.values():
        if isinstance(frame, pd.DataFrame):
            flags = [c for c in frame.columns if c.endswith("_suppressed")]
            n += sum(int(frame[c].astype("boolean").fillna(False).sum()) for c in flags)
    return n


def title_of(spec: FigureSpec, data: pd.DataFrame, ctx: Context, lang: str) -> str:
    """The title of a figure drawn from ``data``: the district, and the year or term drawn."""
    from .theme import label

    params = {"district": ctx.district or "", "province": config.PROVINCE}
    if spec.title_label:
        params["subject"] = params["indicator"] = label(spec.title_label, lang)
    key, year = spec.title, None
    if key == "term_pace":
        params["term"] = data.attrs.get("term") or _term_of(ctx.year)
        if len(data):
            params["as_of"] = int(data["as_of"].iloc[0])
        else:
            key = "term_pace_no_year"
    if spec.yearly and len(data) and "year" in data.columns:
        year = int(data["year"].max())
    return plots.title(key, lang, year=year, **params)


def _drawn(spec: FigureSpec, args: dict, ctx: Context, lang: str, *, synthetic: bool, publish: bool):
    """Draw ``spec`` from its plot arguments in the report look, titled, footnoted, its labels fitted."""
    import matplotlib as mpl

    from . import layout
    from .save import png_layout
    from .theme import report_theme

    with report_theme(lang) as lang:
        fig = layout.figure(_figsize(spec, args["data"]))
        if spec.province:
            spec.plot(**args, lang=lang, fig=fig, **spec.options)
        else:
            spec.plot(**args, lang=lang, ax=fig.subplots(), **spec.options)
        text = title_of(spec, args["data"], ctx, lang)
        size, weight = mpl.rcParams["axes.titlesize"], mpl.rcParams["axes.titleweight"]
        fig.suptitle(text, x=0.01, ha="left", fontsize=size, fontweight=weight)
        fig.helpers_suppressed = _hidden_cells(args)
        _footnote(fig, _notes(fig, synthetic=synthetic, publish=publish, lang=lang))
        with png_layout(fig):  # the labels are fitted on the PNG's layout, which saving keeps
            plots.fit_labels(fig)
    return fig


def _spec(name: str, registry: Mapping[str, FigureSpec], lang: str | None) -> FigureSpec:
    if name not in registry:
        raise ValueError(_msg("unknown_figure", lang, name=name, names=", ".join(registry)))
    return registry[name]


def draw(
    name: str,
    tables: object,
    *,
    district: str,
    lang: str | None = None,
    year: int | None = None,
    boundaries: int | None = None,
    synthetic: bool | None = None,
    publish: bool = False,
):
    """Draw one district figure of :data:`DISTRICT_FIGURES` in the report look.

    Parameters
    ----------
    name : str
        A key of :data:`DISTRICT_FIGURES`.
    tables : Reports or dict of DataFrame
    district : str
        Found with :func:`find_district` (case, tone style and diacritics
        do not matter); an unknown name is a ``ValueError`` listing the
        districts in the data.
    lang : str, optional
    year : int, optional
        The report year of single-year figures (default: the latest); the
        term figure shows the term holding it.
    boundaries : int, optional
        Map units onto this year's boundaries first.
    synthetic : bool, optional
        Add the "synthetic data" footnote; default: when the tables come from
        ``data/raw`` (:func:`is_bundled`).
    publish : bool
        Publication mode: breakdown counts below 3 (women, ethnic
        minorities … admitted; organisations or members at a rating level;
        excellent and good counts) are suppressed with
        :func:`helpers.safety.suppress` and its secondary suppression,
        drawn as ``*``, never as zero, and the figure carries the note of
        :func:`helpers.safety.suppression_note`.

    Returns
    -------
    Figure
        With ``helpers_data_date`` set to the latest report year drawn from
        (the sidecar's date of the data).
    """
    spec = _spec(name, DISTRICT_FIGURES, lang)
    district = find_district(district, districts_in(tables), lang)
    table = _table(tables, spec.table, boundaries)
    rows = _pick_district(table, district)
    ctx = Context(district, year, publish, table)
    if synthetic is None:
        synthetic = is_bundled(tables)
    fig = _drawn(spec, spec.indicator(rows, ctx), ctx, get_lang(lang), synthetic=synthetic, publish=publish)
    years = rows["year"].dropna()
    fig.helpers_data_date = int(year if year is not None else years.max()) if len(years) else None
    return fig


def draw_province(
    name: str,
    tables: object,
    *,
    lang: str | None = None,
    boundaries: int | None = None,
    synthetic: bool | None = None,
    publish: bool = False,
):
    """Draw one province figure of :data:`PROVINCE_FIGURES` (the districts in small multiples).

    Parameters are those of :func:`draw`, without district and year;
    ``publish`` changes nothing here (district totals and shares only).
    """
    spec = _spec(name, PROVINCE_FIGURES, lang)
    table = _table(tables, spec.table, boundaries)
    ctx = Context(None, None, publish, table, tuple(districts_in(tables)))
    if synthetic is None:
        synthetic = is_bundled(tables)
    fig = _drawn(spec, spec.indicator(table, ctx), ctx, get_lang(lang), synthetic=synthetic, publish=publish)
    years = table["year"].dropna()
    fig.helpers_data_date = int(years.max()) if len(years) else None
    return fig


def draw_profile(
    name: str,
    tables: object,
    *,
    district: str | None = None,
    lang: str | None = None,
    synthetic: bool | None = None,
    publish: bool = False,
    **_ignored,
):
    """Draw the new members' profile of :data:`PROFILE_FIGURES`: a district's (``district`` needed) or the province's.

    From the tables' ``form_rows`` (Biểu số 2-BTCTW), the committee's latest
    year against the year before; boundaries do not apply (a form is one
    committee's).  ``publish`` changes nothing (shares of a committee's
    total only).
    """
    spec = _spec(name, PROFILE_FIGURES, lang)
    table = form_table(tables)
    if name == "new_member_profile":
        present = set(districts_in(tables)) | set(table["district"].dropna().unique())
        district = find_district(district or "", plots._district_order(sorted(present)), lang)
        rows = _pick_district(table, district)
    else:
        district, rows = None, table
    ctx = Context(district, None, publish, table)
    if synthetic is None:
        synthetic = is_bundled(tables)
    args = spec.indicator(rows, ctx)
    fig = _drawn(spec, args, ctx, get_lang(lang), synthetic=synthetic, publish=publish)
    fig.helpers_data_date = args["data"].attrs.get("year")
    fig.helpers_profile_district = district
    return fig


# --- saving ----------------------------------------------------------------------------------


def _langs(langs: Iterable[str] | str) -> list[str]:
    if isinstance(langs, str):
        return list(config.LANGS) if langs == "all" else [get_lang(langs)]
    return [get_lang(lang) for lang in langs]


def _chosen(names: Iterable[str] | None, registry) -> list[str]:
    if names is None:
        return list(registry)
    chosen = list(names)
    for name in chosen:
        if name not in registry:
            raise ValueError(_msg("unknown_figure", None, name=name, names=", ".join(registry)))
    return chosen


def _workbooks(inputs: Iterable[str | Path]) -> list[Path]:
    from .read.files import find_workbooks

    return sorted({path for path, _display, exists in find_workbooks(list(inputs)) if exists})


def _mapped(tables: object, boundaries: int | None) -> object:
    """The tables, each mapped onto ``boundaries`` once for all the figures drawn from it."""
    if boundaries is None:
        return tables
    return {name: _table(tables, name, boundaries) for name in TABLES}


def _params(name: str, lang: str, *, district=None, year=None, boundaries=None, publish=False) -> dict:
    """The sidecar's parameters of a figure."""
    params: dict[str, object] = {"figure": name}
    if district is not None:
        params.update(district=district, lang=lang, year=year, boundaries=boundaries)
    else:
        params.update(lang=lang, boundaries=boundaries)
    if publish:
        params["publish"] = True
    return params


def _save(fig, name: str, lang: str, out: Path, files: list[Path], params: dict, formats) -> dict[str, Path]:
    import matplotlib.pyplot as plt

    from .save import save_figure

    try:
        return save_figure(fig, f"{name}_{lang}", out_dir=out, inputs=files, params=params, formats=formats)
    finally:
        plt.close(fig)


def save_district_figures(
    tables: object,
    district: str,
    *,
    langs: Iterable[str] | str = ("vi", "en"),
    out_dir: str | Path | None = None,
    inputs: Iterable[str | Path] = (),
    year: int | None = None,
    boundaries: int | None = None,
    synthetic: bool | None = None,
    names: Iterable[str] | None = None,
    formats: Iterable[str] = FORMATS,
    publish: bool = False,
) -> list[Path]:
    """Draw and save every figure of a district as ``<name>_<lang>.{png,svg,pdf,json}``.

    Parameters
    ----------
    tables : Reports or dict of DataFrame
    district : str
        Found with :func:`find_district`.
    langs : iterable of str, or "all"
    out_dir : path, optional
        Default ``figures/<district slug>``.
    inputs : iterable of path
        The workbooks (or their folder) the tables were read from, hashed in
        the sidecars.
    year, boundaries, synthetic : see :func:`draw`.
    names : iterable of str, optional
        Only these figures (default: all of :data:`DISTRICT_FIGURES`).
    formats : iterable of str
        Passed to :func:`helpers.save.save_figure`.
    publish : bool
        Publication mode (see :func:`draw`).

    Returns
    -------
    list of Path
        Every file written, in order.
    """
    chosen = _chosen(names, DISTRICT_FIGURES)
    district = find_district(district, districts_in(tables))
    out = Path(out_dir) if out_dir is not None else config.FIGURES_DIR / slug(district)
    files = _workbooks(inputs)
    if synthetic is None:
        synthetic = is_bundled(tables)
    mapped = _mapped(tables, boundaries)
    written: list[Path] = []
    for lang in _langs(langs):
        for name in chosen:
            options = {"year": year, "publish": publish}
            fig = draw(name, mapped, district=district, lang=lang, synthetic=synthetic, **options)
            params = _params(name, lang, district=district, boundaries=boundaries, **options)
            written += list(_save(fig, name, lang, out, files, params, formats).values())
    return written


def save_province_figures(
    tables: object,
    *,
    langs: Iterable[str] | str = ("vi", "en"),
    out_dir: str | Path | None = None,
    inputs: Iterable[str | Path] = (),
    boundaries: int | None = None,
    synthetic: bool | None = None,
    names: Iterable[str] | None = None,
    formats: Iterable[str] = FORMATS,
) -> list[Path]:
    """Draw and save every province figure as ``<name>_<lang>.{png,svg,pdf,json}`` (default ``figures/province``).

    ``names`` picks some of :data:`PROVINCE_FIGURES`; ``formats`` and the other parameters
    are those of :func:`save_district_figures`.
    """
    out = Path(out_dir) if out_dir is not None else config.FIGURES_DIR / "province"
    files = _workbooks(inputs)
    if synthetic is None:
        synthetic = is_bundled(tables)
    written: list[Path] = []
    chosen = _chosen(names, PROVINCE_FIGURES)
    mapped = _mapped(tables, boundaries)
    for lang in _langs(langs):
        for name in chosen:
            fig = draw_province(name, mapped, lang=lang, synthetic=synthetic)
            params = _params(name, lang, boundaries=boundaries)
            written += list(_save(fig, name, lang, out, files, params, formats).values())
    return written


# --- in the report notebooks ------------------------------------------------------------------


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


class ReportFigure:
    """A saved report figure: its files (format → path), its title and alt text, its PNG.

    A notebook shows it as the PNG embedded in the page (a ``data:`` URI:
    no file to find, nothing to fetch) whose alt text is the title, then
    the ``alt`` given (a reading of the figure), as :attr:`alt_text`.
    """

    def __init__(self, paths: Mapping[str, Path], *, title: str = "", alt: str | None = None, png: bytes | None = None):
        self.paths = dict(paths)
        self.title = title
        self.alt = alt
        self._png = png

    def __getitem__(self, fmt: str) -> Path:
        return self.paths[fmt]

    def __repr__(self) -> str:
        return f"ReportFigure({', '.join(p.name for p in self.paths.values())})"

    @property
    def alt_text(self) -> str:
        """``"<title>. <alt>"``, or the title alone."""
        if not self.alt:
            return self.title
        return f"{self.title.rstrip('.')}. {self.alt}"

    @property
    def png(self) -> bytes:
        """The figure as PNG (the saved file, or drawn when no PNG was saved)."""
        if self._png is None:
            self._png = self.paths["png"].read_bytes()
        return self._png

    def _repr_html_(self) -> str:
        from .save import PNG_DPI

        width = round(_png_size(self.png)[0] * 96 / PNG_DPI)
        data = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        return f'<img src="data:image/png;base64,{data}" alt="{alt}" width="{width}" style="max-width: 100%; height: auto;">'


#: The name this class had before it carried a title and alt text.
SavedFigure = ReportFigure


def report_figure(
    name: str,
    tables: object,
    *,
    out_dir: str | Path,
    inputs: Iterable[str | Path] = (),
    district: str | None = None,
    lang: str | None = None,
    year: int | None = None,
    boundaries: int | None = None,
    synthetic: bool | None = None,
    publish: bool = False,
    formats: Iterable[str] = FORMATS,
    alt: str | None = None,
) -> ReportFigure:
    """Draw one report figure, save it as ``<out_dir>/<name>_<lang>.*`` and close it.

    A district figure (:data:`DISTRICT_FIGURES`, ``district`` needed) or a
    province figure (:data:`PROVINCE_FIGURES`).  The parameters go into
    the sidecar; ``publish`` is that of :func:`draw`; ``alt`` (a reading of
    the figure) follows the title in the image's alt text.

    Returns
    -------
    ReportFigure
        Shown in a notebook as the PNG, embedded.

    Examples
    --------
    >>> import tempfile
    >>> shown = report_figure("ratings_members", {"ratings": None}, district="Na Hang", lang="en",
    ...                       out_dir=tempfile.mkdtemp(), formats=("svg",))
    Traceback (most recent call last):
    ...
    ValueError: No data for district 'Na Hang'; found: (no district)
    """
    from .save import png_bytes

    lang = get_lang(lang)
    options = {"lang": lang, "boundaries": boundaries, "synthetic": synthetic, "publish": publish}
    if name in PROVINCE_FIGURES:
        fig = draw_province(name, tables, **options)
        params = _params(name, lang, boundaries=boundaries, publish=publish)
    elif name in PROFILE_FIGURES:
        fig = draw_profile(name, tables, district=district, **options)
        params = _params(name, lang, district=fig.helpers_profile_district, publish=publish)
    else:
        district = find_district(district or "", districts_in(tables), lang)
        fig = draw(name, tables, district=district, year=year, **options)
        params = _params(name, lang, district=district, year=year, boundaries=boundaries, publish=publish)
    formats = list(formats)
    title = fig.get_suptitle()
    png = None if "png" in formats else png_bytes(fig)
    paths = _save(fig, name, lang, Path(out_dir), _workbooks(inputs), params, formats)
    return ReportFigure(paths, title=title, alt=alt, png=png)


def report_table(
    frame: pd.DataFrame,
    *,
    publish: bool = False,
    value_columns: Iterable[str] = (),
    total_columns=None,
    by=None,
    lang: str | None = None,
):
    """A table as a report notebook shows it.

    With ``publish=True`` the counts of ``value_columns`` below
    :data:`helpers.plots.SUPPRESSION_THRESHOLD` are suppressed with
    :func:`helpers.safety.suppress` (``total_columns`` and ``by`` as there,
    secondary suppression included) and shown as ``*``
    (:func:`helpers.safety.display_suppressed`), with the note of
    :func:`helpers.safety.suppression_note` as the table's caption.
    Otherwise the frame is returned as it is.

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["A", "B", "C"], "female": [1, 5, 7]})
    >>> report_table(t, publish=True, value_columns=["female"], lang="en").data["female"].tolist()
    ['*', '*', '7']
    >>> report_table(t, value_columns=["female"]) is t
    True
    """
    from .safety import display_suppressed, suppress, suppression_note

    columns = list(value_columns)
    if not publish or not columns:
        return frame
    hidden = suppress(
        frame.reset_index(drop=True),
        threshold=plots.SUPPRESSION_THRESHOLD,
        value_columns=columns,
        total_columns=total_columns,
        by=by,
    )
    shown = display_suppressed(hidden)
    note = suppression_note(plots.SUPPRESSION_THRESHOLD, get_lang(lang))
    return shown.style.hide(axis="index").set_caption(note)


# --- command line ------------------------------------------------------------------------------


def _parser():
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers figures", description="Draw and save every report figure.")
    parser.add_argument("data_dir", nargs="?", default=str(config.RAW_DATA_DIR), help="folder of workbooks (default: data/raw)")
    parser.add_argument("--district", help="only this district (default: every district, and the province overview)")
    parser.add_argument("--lang", choices=(*config.LANGS, "all"), default="all", help="language of the figures (default: all)")
    parser.add_argument("--out", default=str(config.FIGURES_DIR), help="output folder (default: figures/)")
    parser.add_argument("--year", type=int, help="report year of single-year figures (default: the latest)")
    parser.add_argument("--boundaries", type=int, help="map units onto this year's boundaries")
    parser.add_argument(
        "--figure",
        action="append",
        choices=list(DISTRICT_FIGURES),
        help="only this district figure (repeatable; default: all, and the province overview)",
    )
    return parser


def _read(data: Path) -> tuple[object, list]:
    from .read import read_reports
    from .read.problems import ReportError

    try:
        reports = read_reports(data)
        return reports, list(getattr(reports, "problems", []) or [])
    except ReportError as exc:
        return {}, exc.problems


def cli(argv: list[str] | None = None) -> int:
    """``python -m helpers figures [DATA_DIR] [--district D] [--lang vi|en|all] [--out DIR]``.

    Draws and saves the figures of every district in the data (or of one),
    and the province overview when no district is named.  Exits 1 when there
    is no data or the workbooks hold errors (the figures are still written),
    2 when the district named is not in the data.
    """
    import matplotlib

    from .i18n import set_lang

    matplotlib.use("Agg")
    args = _parser().parse_args(argv)
    msg_lang = config.LANGS[0] if args.lang == "all" else args.lang
    set_lang(msg_lang)
    data = Path(args.data_dir)
    reports, problems = _read(data)
    names = districts_in(reports)
    if not names:
        print(_msg("no_data", msg_lang, path=data), file=sys.stderr)
        return 1
    if args.district:
        try:
            names = [find_district(args.district, names, msg_lang)]
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
    out, inputs = Path(args.out), _workbooks([data])
    options = {"langs": args.lang, "inputs": inputs, "boundaries": args.boundaries}
    for district in names:
        start = time.perf_counter()
        files = save_district_figures(reports, district, out_dir=out / slug(district), year=args.year, names=args.figure, **options)
        _written(district, files, out / slug(district), start, msg_lang)
    if not args.district and not args.figure:
        start = time.perf_counter()
        files = save_province_figures(reports, out_dir=out / "province", **options)
        _written(_msg("province", msg_lang), files, out / "province", start, msg_lang)
    errors = [p for p in problems if getattr(p, "is_error", False)]
    if errors:
        print(_msg("read_errors", msg_lang, n=len(errors), path=data), file=sys.stderr)
        return 1
    return 0


def _written(what: str, files: list[Path], out: Path, start: float, lang: str) -> None:
    from .i18n import format_number

    seconds = format_number(time.perf_counter() - start, 1, lang)
    print(_msg("written", lang, district=what, n=len(files), out=out, seconds=seconds))


__all__ = [
    "DISTRICT_FIGURES",
    "FIGURES",
    "FIGURE_TABLES",
    "PROVINCE_FIGURES",
    "Context",
    "FigureSpec",
    "ReportFigure",
    "SavedFigure",
    "cli",
    "districts_in",
    "draw",
    "draw_province",
    "find_district",
    "is_bundled",
    "report_figure",
    "report_table",
    "save_district_figures",
    "save_province_figures",
    "title_of",
]
