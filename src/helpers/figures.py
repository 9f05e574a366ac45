"""The report's figure sets: every figure of a district, and the province overview.

:data:`DISTRICT_FIGURES` names the figures of a district report and
:data:`PROVINCE_FIGURES` those of the province overview.  :func:`draw` draws
one of them in the report look (:func:`helpers.theme.report_theme`);
:func:`save_district_figures` and :func:`save_province_figures` draw and
save them all (:func:`helpers.save.save_figure`) as
``<name>_<lang>.{png,svg,pdf,json}``.

When the tables come from the bundled workbooks of ``data/raw``, every
figure carries a footnote saying the data are synthetic.

``python -m helpers figures [DATA_DIR] [--district D] [--lang vi|en|all] [--out DIR]``
does the same from the command line (``--figure NAME`` for some figures only,
``--year``, ``--boundaries``).

Examples
--------
>>> list(DISTRICT_FIGURES)[:3]
['admissions_target', 'term_pace', 'admissions_composition']
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from . import config
from . import indicators as ind
from . import plots
from .i18n import get_lang, translate
from .schema import TABLES
from .text import fold, slug

#: Suffixes of the workbooks whose hashes go into the sidecars.


def _term_of(year: int | None) -> str:
    for term, years in ind.TERMS.items():
        if year is not None and year in years:
            return term
    return list(ind.TERMS)[-1]


def _term_pace(frame: pd.DataFrame, *, district: str, year: int | None, lang: str, ax, publish: bool = False) -> None:
    years = frame["year"].dropna().astype(int)
    if year is None:
        year = int(years.max()) if len(years) else None
    term = _term_of(year)
    term_years = ind.TERMS[term]
    in_term = frame[frame["year"].isin(list(term_years))]
    as_of = min(year, term_years[-1]) if year is not None and len(in_term) else None
    if as_of is not None and as_of not in term_years:
        as_of = None
    plots.plot_term_pace(in_term, term=term, as_of=as_of, district=district, lang=lang, ax=ax)


#: figure name -> (table, drawing callable(frame, district=, year=, lang=, ax=, publish=), figure size);
#: ``publish`` suppresses small breakdown counts (:func:`helpers.safety.suppress`)
#: where a figure shows them, and is ignored by the others.
_DISTRICT_SPECS: dict[str, tuple[str, Callable[..., object], str]] = {
    "admissions_target": (
        "admissions",
        lambda f, *, district, year, lang, ax, publish: plots.plot_admissions_vs_target(f, year=year, district=district, lang=lang, ax=ax),
        "units",
    ),
    "term_pace": ("admissions", _term_pace, "units"),
    "admissions_composition": (
        "admissions",
        lambda f, *, district, year, lang, ax, publish: plots.plot_composition(f, district=district, lang=lang, ax=ax, publish=publish),
        "wide",
    ),
    "ratings_organisations": (
        "ratings",
        lambda f, *, district, year, lang, ax, publish: plots.plot_ratings_by_level(
            f, subject="organisation", district=district, lang=lang, ax=ax, publish=publish
        ),
        "wide",
    ),
    "ratings_members": (
        "ratings",
        lambda f, *, district, year, lang, ax, publish: plots.plot_ratings_by_level(
            f, subject="members", district=district, lang=lang, ax=ax, publish=publish
        ),
        "wide",
    ),
    "excellent_quota": (
        "ratings",
        lambda f, *, district, year, lang, ax, publish: plots.plot_excellent_quota(
            f, subject="organisation", district=district, lang=lang, ax=ax, publish=publish
        ),
        "wide",
    ),
    "non_local_leadership": (
        "placements",
        lambda f, *, district, year, lang, ax, publish: plots.plot_non_local_leadership(f, year=year, district=district, lang=lang, ax=ax),
        "wide",
    ),
    "breakthrough_tasks": (
        "breakthrough_tasks",
        lambda f, *, district, year, lang, ax, publish: plots.plot_breakthrough_tasks(f, year=year, district=district, lang=lang, ax=ax),
        "units",
    ),
}

#: The figures of a district report: name -> drawing callable
#: ``f(frame, *, district, year, lang, ax, publish)`` taking the district's rows of
#: the table named in :data:`FIGURE_TABLES` (use :func:`draw` for a whole figure).
DISTRICT_FIGURES: dict[str, Callable[..., object]] = {name: spec[1] for name, spec in _DISTRICT_SPECS.items()}

#: The table each district figure is drawn from.
FIGURE_TABLES: dict[str, str] = {name: spec[0] for name, spec in _DISTRICT_SPECS.items()}

#: The figures of the province overview: name -> indicator of :func:`helpers.plots.plot_province_overview`.
PROVINCE_FIGURES: dict[str, str] = {
    "province_admitted": "admitted_total",
    "province_admissions_attainment": "admissions_attainment",
    "province_organisations_good_or_better": "organisations_good_or_better",
    "province_members_good_or_better": "members_good_or_better",
    "province_non_local_secretaries": "share_secretaries_non_local",
    "province_tasks_per_cadre": "tasks_per_cadre",
}

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_figure": {"vi": "Không có hình {name!r}; các hình: {names}", "en": "No figure {name!r}; figures: {names}"},
    "unknown_district": {
        "vi": "Không có số liệu của huyện {district!r}; có: {names}",
        "en": "No data for district {district!r}; found: {names}",
    },
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


# --- tables ----------------------------------------------------------------------------


def _tables(tables: object, boundaries: int | None) -> dict[str, pd.DataFrame]:
    out = {name: ind.table_of(tables, name) for name in TABLES}
    if boundaries is not None:
        from .units import to_boundaries

        out = {name: (to_boundaries(f, int(boundaries), table_name=name) if len(f) else f) for name, f in out.items()}
    return out


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
        present |= set(ind.table_of(tables, name)["district"].dropna().unique())
    return plots._district_order(sorted(present)) if present else []


def _pick_district(frame: pd.DataFrame, district: str) -> pd.DataFrame:
    wanted = fold(district)
    names = [d for d in frame["district"].dropna().unique() if fold(d) == wanted]
    return frame[frame["district"].isin(names)].assign(district=district)


def _figsize(kind: str, frame: pd.DataFrame) -> tuple[float, float]:
    if kind == "units":
        n = frame["unit"].nunique() if len(frame) else 1
        return (8.0, max(4.0, 0.26 * n + 1.6))
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


# --- drawing -------------------------------------------------------------------------------


def _title_to_figure(fig, ax) -> None:
    """Move the Axes title to the figure, so that long unit names do not squeeze it."""
    import matplotlib as mpl

    for loc in ("left", "center", "right"):
        text = ax.get_title(loc)
        if text:
            ax.set_title("", loc=loc)
            fig.suptitle(
                text,
                x=0.01,
                ha="left",
                fontsize=mpl.rcParams["axes.titlesize"],
                fontweight=mpl.rcParams["axes.titleweight"],
            )
            return


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
    import matplotlib.pyplot as plt

    from .theme import report_theme

    if name not in _DISTRICT_SPECS:
        raise ValueError(_msg("unknown_figure", lang, name=name, names=", ".join(_DISTRICT_SPECS)))
    table, func, kind = _DISTRICT_SPECS[name]
    frames = _tables(tables, boundaries)
    frame = _pick_district(frames[table], district)
    if synthetic is None:
        synthetic = is_bundled(tables)
    with report_theme(lang) as lang:
        fig, ax = plt.subplots(figsize=_figsize(kind, frame))
        func(frame, district=district, year=year, lang=lang, ax=ax, publish=publish)
        _title_to_figure(fig, ax)
        _footnote(fig, _notes(fig, synthetic=synthetic, publish=publish, lang=lang))
    years = frame["year"].dropna()
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
    """Draw one province figure of :data:`PROVINCE_FIGURES` (the seven districts in small multiples).

    Parameters are those of :func:`draw`, without district and year;
    ``publish`` changes nothing here (district totals and shares only).
    """
    import matplotlib.pyplot as plt

    from .theme import report_theme

    if name not in PROVINCE_FIGURES:
        raise ValueError(_msg("unknown_figure", lang, name=name, names=", ".join(PROVINCE_FIGURES)))
    frames = _tables(tables, boundaries)
    if synthetic is None:
        synthetic = is_bundled(tables)
    with report_theme(lang) as lang:
        fig = plt.figure(figsize=(11, 5.5))
        plots.plot_province_overview(frames, indicator=PROVINCE_FIGURES[name], lang=lang, fig=fig)
        _footnote(fig, _notes(fig, synthetic=synthetic, publish=publish, lang=lang))
    table = plots.PROVINCE_INDICATORS[PROVINCE_FIGURES[name]][0]
    years = frames[table]["year"].dropna()
    fig.helpers_data_date = int(years.max()) if len(years) else None
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
    formats: Iterable[str] = ("png", "svg", "pdf"),
    publish: bool = False,
) -> list[Path]:
    """Draw and save every figure of a district as ``<name>_<lang>.{png,svg,pdf,json}``.

    Parameters
    ----------
    tables : Reports or dict of DataFrame
    district : str
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
    import matplotlib.pyplot as plt

    from .save import save_figure

    out = Path(out_dir) if out_dir is not None else config.FIGURES_DIR / slug(district)
    files = _workbooks(inputs)
    if synthetic is None:
        synthetic = is_bundled(tables)
    written: list[Path] = []
    chosen = _chosen(names, _DISTRICT_SPECS)
    for lang in _langs(langs):
        for name in chosen:
            fig = draw(
                name, tables, district=district, lang=lang, year=year, boundaries=boundaries, synthetic=synthetic, publish=publish
            )
            try:
                params = {"figure": name, "district": district, "lang": lang, "year": year, "boundaries": boundaries}
                if publish:
                    params["publish"] = True
                paths = save_figure(fig, f"{name}_{lang}", out_dir=out, inputs=files, params=params, formats=formats)
            finally:
                plt.close(fig)
            written += list(paths.values())
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
    formats: Iterable[str] = ("png", "svg", "pdf"),
) -> list[Path]:
    """Draw and save every province figure as ``<name>_<lang>.{png,svg,pdf,json}`` (default ``figures/province``).

    ``names`` picks some of :data:`PROVINCE_FIGURES`; ``formats`` and the other parameters
    are those of :func:`save_district_figures`.
    """
    import matplotlib.pyplot as plt

    from .save import save_figure

    out = Path(out_dir) if out_dir is not None else config.FIGURES_DIR / "province"
    files = _workbooks(inputs)
    if synthetic is None:
        synthetic = is_bundled(tables)
    written: list[Path] = []
    chosen = _chosen(names, PROVINCE_FIGURES)
    for lang in _langs(langs):
        for name in chosen:
            fig = draw_province(name, tables, lang=lang, boundaries=boundaries, synthetic=synthetic)
            try:
                params = {"figure": name, "lang": lang, "boundaries": boundaries}
                paths = save_figure(fig, f"{name}_{lang}", out_dir=out, inputs=files, params=params, formats=formats)
            finally:
                plt.close(fig)
            written += list(paths.values())
    return written


# --- in the report notebooks ------------------------------------------------------------------


class SavedFigure:
    """The files of a saved figure (format → path); a notebook shows it as its SVG.

    The SVG is shown as saved (no second rendering), without parsing it.
    """

    def __init__(self, paths: dict[str, Path]):
        self.paths = dict(paths)

    def __getitem__(self, fmt: str) -> Path:
        return self.paths[fmt]

    def __repr__(self) -> str:
        return f"SavedFigure({', '.join(p.name for p in self.paths.values())})"

    def _repr_svg_(self) -> str | None:
        if "svg" not in self.paths:
            return None
        text = self.paths["svg"].read_text(encoding="utf-8")
        return text[text.find("<svg") :]


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
    formats: Iterable[str] = ("png", "svg", "pdf"),
) -> SavedFigure:
    """Draw one report figure, save it as ``<out_dir>/<name>_<lang>.*`` and close it.

    A district figure (:data:`DISTRICT_FIGURES`, ``district`` needed) or a
    province figure (:data:`PROVINCE_FIGURES`).  The parameters go into
    the sidecar; ``publish`` is that of :func:`draw`.

    Returns
    -------
    SavedFigure
        Shown in a notebook as the saved SVG.

    Examples
    --------
    >>> import tempfile
    >>> report_figure("ratings_members", {}, district="Na Hang", lang="en", out_dir=tempfile.mkdtemp(),
    ...               formats=("svg",))["svg"].name
    'ratings_members_en.svg'
    """
    import matplotlib.pyplot as plt

    from .save import save_figure

    lang = get_lang(lang)
    options = {"lang": lang, "boundaries": boundaries, "synthetic": synthetic, "publish": publish}
    if name in PROVINCE_FIGURES:
        fig = draw_province(name, tables, **options)
        params = {"figure": name, "lang": lang, "boundaries": boundaries}
    else:
        if district is None:
            raise ValueError(_msg("unknown_district", lang, district=district, names=", ".join(districts_in(tables))))
        fig = draw(name, tables, district=district, year=year, **options)
        params = {"figure": name, "district": district, "lang": lang, "year": year, "boundaries": boundaries}
    if publish:
        params["publish"] = True
    try:
        paths = save_figure(fig, f"{name}_{lang}", out_dir=out_dir, inputs=_workbooks(inputs), params=params, formats=formats)
    finally:
        plt.close(fig)
    return SavedFigure(paths)


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


def cli(argv: list[str] | None = None) -> int:
    """``python -m helpers figures [DATA_DIR] [--district D] [--lang vi|en|all] [--out DIR]``.

    Draws and saves the figures of every district in the data (or of one),
    and the province overview when no district is named.  Exits 1 when there
    is no data or the workbooks hold errors (the figures are still written).
    """
    import argparse

    import matplotlib

    from .i18n import set_lang

    matplotlib.use("Agg")
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
        choices=list(_DISTRICT_SPECS),
        help="only this district figure (repeatable; default: all, and the province overview)",
    )
    args = parser.parse_args(argv)
    msg_lang = config.LANGS[0] if args.lang == "all" else args.lang
    set_lang(msg_lang)

    from .read import read_reports
    from .read.problems import ReportError

    data = Path(args.data_dir)
    try:
        reports = read_reports(data)
        problems = list(getattr(reports, "problems", []) or [])
    except ReportError as exc:
        reports, problems = {}, exc.problems
    errors = [p for p in problems if getattr(p, "is_error", False)]
    names = districts_in(reports)
    if not names:
        print(_msg("no_data", msg_lang, path=data), file=sys.stderr)
        return 1
    if args.district:
        chosen = [n for n in names if fold(n) == fold(args.district)]
        if not chosen:
            print(_msg("unknown_district", msg_lang, district=args.district, names=", ".join(names)), file=sys.stderr)
            return 2
        names = chosen
    out = Path(args.out)
    inputs = _workbooks([data])
    for district in names:
        start = time.perf_counter()
        files = save_district_figures(
            reports,
            district,
            langs=args.lang,
            out_dir=out / slug(district),
            inputs=inputs,
            year=args.year,
            boundaries=args.boundaries,
            names=args.figure,
        )
        seconds = f"{time.perf_counter() - start:.1f}"
        print(_msg("written", msg_lang, district=district, n=len(files), out=out / slug(district), seconds=seconds))
    if not args.district and not args.figure:
        start = time.perf_counter()
        files = save_province_figures(reports, langs=args.lang, out_dir=out / "province", inputs=inputs, boundaries=args.boundaries)
        seconds = f"{time.perf_counter() - start:.1f}"
        print(_msg("written", msg_lang, district=_msg("province", msg_lang), n=len(files), out=out / "province", seconds=seconds))
    if errors:
        print(_msg("read_errors", msg_lang, n=len(errors), path=data), file=sys.stderr)
        return 1
    return 0


__all__ = [
    "DISTRICT_FIGURES",
    "SavedFigure",
    "FIGURE_TABLES",
    "PROVINCE_FIGURES",
    "cli",
    "districts_in",
    "draw",
    "draw_province",
    "is_bundled",
    "report_figure",
    "report_table",
    "save_district_figures",
    "save_province_figures",
]
