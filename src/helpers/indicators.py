"""Indicators: pure functions from the tidy tables to summary frames.

Every function takes a tidy table of :mod:`helpers.schema` (or a frame with
the same columns), never opens a file, and returns a new tidy frame whose
columns are listed in its docstring.  Counts are ``Int64``, shares are
``Float64`` between 0 and 1; a share whose denominator is missing or zero is
missing (``<NA>``), never zero.

Every function takes ``boundaries``: ``None`` keeps the units as reported;
a year maps every row onto that year's units first
(:func:`helpers.units.to_boundaries`: merged communes are summed).  The
choice is recorded in ``result.attrs["boundaries"]``: ``"as reported"`` or
the year; with a year, rows that could not be mapped are kept as reported
and listed in ``result.attrs["unmapped"]``.

Terms (*nhiệm kỳ*, the five-year mandate of a party congress) are given by
:data:`TERMS` as the report years they cover.

Examples
--------
>>> import pandas as pd
>>> from helpers.schema import conform
>>> adm = conform("admissions", pd.DataFrame({
...     "district": ["Chiêm Hóa"] * 2, "unit": ["Hòa Phú", "Yên Lập"],
...     "unit_type": ["commune"] * 2, "year": [2023, 2023], "source": ["a!b!B8", "a!b!B9"],
...     "target": [9, None], "admitted": [6, 4]}))
>>> admissions_attainment(adm)[["unit", "target", "admitted", "attainment"]]
      unit  target  admitted  attainment
0  Hòa Phú       9         6    0.666667
1  Yên Lập    <NA>         4        <NA>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .schema import LEVEL_DTYPE, LEVELS

#: Report years of each party term (*nhiệm kỳ*): a term's congress sets
#: annual targets for its five report years.
TERMS: dict[str, range] = {
    "2015–2020": range(2015, 2020),
    "2020–2025": range(2020, 2025),
}

#: The article's benchmark: "trên 90%" (strictly more than 90 %).
BENCHMARK = 0.90

#: The excellent quota: excellent at most 20 % of those rated good (each
#: year's own quota is its regulation's: :func:`helpers.regimes.quota`).
EXCELLENT_QUOTA = 0.20

#: The composition columns of the admissions table.
COMPOSITION = ("female", "ethnic_minority", "youth_union", "religious")

#: Like groups of organisations for the excellent quota.
UNIT_GROUPS = {"commune": "communes", "town": "communes", "ward": "communes", "agency": "agencies"}

_UNIT_KEYS = ["district", "unit", "unit_type", "year"]
_DISTRICT_KEYS = ["district", "year"]


# --- shared machinery ---------------------------------------------------------


def table_of(tables: object, name: str) -> pd.DataFrame:
    """One tidy table from a ``Reports`` result or a dict of frames.

    A table that is absent comes out empty, with its columns.

    >>> table_of({}, "ratings").columns.tolist()[-3:]
    ['subject', 'level', 'count']
    """
    from .schema import TABLES, empty

    if name not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}; got {name!r}")
    if isinstance(tables, Mapping):
        frame = tables.get(name)
    else:
        frame = getattr(tables, name, None)
    return empty(name) if frame is None else frame


def _boundaries_label(boundaries: int | None) -> str | int:
    return "as reported" if boundaries is None else int(boundaries)


def _prepare(table: pd.DataFrame, boundaries: int | None, name: str) -> pd.DataFrame:
    """The rows of ``table``, mapped onto ``boundaries`` when a year is given, then its whole years.

    Periods are chosen after the mapping, on the units the indicator counts:
    a new commune's whole-year report wins over its predecessors' half-year
    reports of the same year (:func:`whole_years`).
    """
    from .memo import frozen, once

    if frozen(table):  # a report's own table: prepared once for all its figures, readings and tables
        return once(table, ("prepared", boundaries, name), lambda: _prepared(table, boundaries, name)).copy()
    return _prepared(table, boundaries, name)


def _prepared(table: pd.DataFrame, boundaries: int | None, name: str) -> pd.DataFrame:
    if boundaries is None:
        return whole_years(table, table_name=name)  # a copy
    from .units import to_boundaries  # the unit registry, imported on use

    return whole_years(to_boundaries(table, int(boundaries), table_name=name), table_name=name)


def _finish(
    frame: pd.DataFrame, boundaries: int | None, *, prepared: pd.DataFrame | None = None, **attrs: object
) -> pd.DataFrame:
    """Reset the index and record the boundaries (the rows that could not be mapped; on 2025's, the divided communes and
    kept agencies), the part-year reports set aside and the years not covered whole (``attrs["incomplete"]``)."""
    frame = frame.reset_index(drop=True)
    frame.attrs = {"boundaries": _boundaries_label(boundaries), **attrs}
    if boundaries is not None and prepared is not None and "unmapped" in prepared.attrs:
        frame.attrs["unmapped"] = list(prepared.attrs["unmapped"])
    for key in ("divided", "agencies_kept"):
        if boundaries is not None and prepared is not None and key in prepared.attrs:
            frame.attrs[key] = list(prepared.attrs[key])
    if prepared is not None:
        frame.attrs["set_aside"] = Listing(prepared.attrs.get("set_aside", ()))
    frame.attrs["incomplete"] = _incomplete(frame if "year" in frame.columns else prepared if prepared is not None else frame)
    return frame


def _keys(by: str) -> list[str]:
    if by == "unit":
        return list(_UNIT_KEYS)
    if by == "district":
        return list(_DISTRICT_KEYS)
    raise ValueError(f"by must be 'unit' or 'district'; got {by!r}")


def _sum_known(grouped, column: str) -> pd.Series:
    """Sum of the known values; missing when none is known."""
    return grouped[column].sum(min_count=1).astype("Int64")


def _sum_strict(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """Sum over each group; missing when any value of the group is missing."""
    grouped = frame.groupby(keys, sort=True, dropna=False)
    total = grouped[column].sum(min_count=1).astype("Int64")
    gaps = grouped[column].apply(lambda s: bool(s.isna().any()))
    total[gaps.to_numpy()] = pd.NA
    return total


def _share(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``numerator / denominator`` as Float64, missing where the denominator is 0 or missing."""
    num = pd.Series(numerator, dtype="Float64")
    den = pd.Series(denominator, dtype="Float64")
    out = num / den.where(den != 0)
    return out.astype("Float64")


def _empty_like(columns: Mapping[str, object]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in columns.items()})


# --- periods: whole years from whole-year and half-year reports -------------------

#: The periods a report may cover (data contract §6), with the months each
#: covers and the month it ends: a whole year, the first nine months, the
#: halves, the quarters.
PERIODS: dict[str, tuple[int, int]] = {
    "year": (12, 12),
    "M9": (9, 9),
    "H1": (6, 6),
    "H2": (6, 12),
    "Q1": (3, 3),
    "Q2": (3, 6),
    "Q3": (3, 9),
    "Q4": (3, 12),
}

#: How the two halves make a year, by table and column: ``"sum"`` adds H1
#: and H2 (flows: members admitted, tasks assigned; missing when either half
#: misses it), ``"last"`` takes the H2 report's, the later one (an annual
#: target, posts and people in post at the year's end, an annual rating).
#: A table given as one word applies it to every figure; a count column not
#: named is summed, a yes/no column is the H2 report's.
HALF_YEARS: dict[str, str | dict[str, str]] = {
    "admissions": {"target": "last"},
    "ratings": "last",
    "placements": "last",
    "breakthrough_tasks": {"cadres": "last"},
}

#: The columns that name a unit and year when choosing its periods.
_PERIOD_KEYS = ("province", "district", "commune", "unit", "unit_type", "year")


class Listing(list):
    """A list kept in a frame's ``attrs`` that pandas does not copy on every operation.

    pandas deep-copies ``attrs`` into the result of each operation on a
    frame (each group of a ``groupby``, too); a listing of thousands of set
    aside reports would be copied every time.  Never changed once made, it
    is shared instead.
    """

    def __deepcopy__(self, memo: dict) -> Listing:
        return self


def _table_name(table: pd.DataFrame) -> str:
    from .schema import FIGURES, TABLES

    for name in TABLES:
        if set(FIGURES[name]) <= set(table.columns):
            return name
    raise ValueError("cannot tell which tidy table this is; pass table_name")


def _half_rule(name: str, column: str, dtype: object) -> str:
    rule = HALF_YEARS.get(name, {})
    if isinstance(rule, str):
        return rule
    return rule.get(column, "last" if str(dtype) == "boolean" else "sum")


def whole_years(table: pd.DataFrame, *, table_name: str | None = None) -> pd.DataFrame:
    """The rows that make each unit's year, never a part-year added to its whole year.

    For each unit and year: a whole-year report (``period`` ``"year"``, or
    missing) wins and the unit's part-year reports of that year are set
    aside; otherwise an H1 and an H2 report make the year, combined column
    by column as :data:`HALF_YEARS` says (counts of flows summed, targets,
    posts and ratings the H2 report's); otherwise the year is *incomplete*:
    its one part-year report covering the most months is kept (M9, then a
    half, then a quarter; the later on a tie), never a sum of quarters.

    Parameters
    ----------
    table : DataFrame
        A tidy table (data contract §3, §6), with or without ``period``.
    table_name : str, optional
        Guessed from the columns when omitted.

    Returns
    -------
    DataFrame
        The table's rows (an H1 + H2 pair as one row per figure row, its
        ``period`` ``"year"``, its ``source`` both sources joined with
        ``" + "``; in a table whose year is the H2 report alone, ratings,
        the H2 rows with their own source), with two more columns: ``complete`` (boolean: the row
        covers the whole year) and ``periods`` (text: ``"year"``,
        ``"H1+H2"``, or the part-year kept: ``"H1"``, ``"M9"`` …).
        ``attrs["set_aside"]`` lists the reports not used as
        ``(district, unit, year, period)`` tuples (``None`` for a missing
        district), one per row.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> adm = conform("admissions", pd.DataFrame({"district": "A", "unit_type": "commune",
    ...     "unit": ["x", "x", "x", "y", "y", "z"], "year": 2025, "source": list("abcdef"),
    ...     "period": ["year", "H1", "H2", "H1", "H2", "H1"], "target": 9,
    ...     "admitted": [9, 4, 5, 3, 4, 2]}))
    >>> w = whole_years(adm)
    >>> w[["unit", "period", "target", "admitted", "complete", "periods", "source"]].values.tolist()
    [['x', 'year', 9, 9, True, 'year', 'a'], ['y', 'year', 9, 7, True, 'H1+H2', 'd + e'], ['z', 'H1', 9, 2, False, 'H1', 'f']]
    >>> w.attrs["set_aside"]
    [('A', 'x', 2025, 'H1'), ('A', 'x', 2025, 'H2')]
    """
    name = table_name or _table_name(table)
    frame = table.copy()
    if "period" not in frame.columns:
        frame["period"] = pd.Series("year", index=frame.index, dtype="str")
    elif not (frame["period"] == "year").all():
        period = frame["period"].astype("object")
        frame["period"] = period.where(period.notna() & (period != ""), "year").astype("str")
    unknown = sorted(set(frame["period"].unique()) - set(PERIODS))
    if unknown:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}; got {unknown}")
    if (frame["period"] == "year").all():  # whole-year reports only: every row stands
        frame["complete"] = pd.Series(True, index=frame.index, dtype="boolean")
        frame["periods"] = pd.Series("year", index=frame.index, dtype="str")
        frame.attrs = {**table.attrs, "set_aside": Listing()}
        return frame.reset_index(drop=True)
    keys = [k for k in _PERIOD_KEYS if k in frame.columns]
    frame["_g"] = frame.groupby(keys, sort=False, dropna=False).ngroup() if len(frame) else pd.Series(dtype="int64")
    has = {p: (frame["period"] == p).groupby(frame["_g"]).transform("any") for p in ("year", "H1", "H2")}
    rank = frame["period"].map({p: months * 100 + end for p, (months, end) in PERIODS.items()})
    best = rank.groupby(frame["_g"]).transform("max")
    whole = has["year"].astype(bool)
    halves = ~whole & has["H1"].astype(bool) & has["H2"].astype(bool)
    keep_year = whole & (frame["period"] == "year")
    keep_halves = halves & frame["period"].isin(["H1", "H2"])
    keep_part = ~whole & ~halves & (rank == best)
    kept = keep_year | keep_halves | keep_part
    set_aside = frame[~kept]
    if HALF_YEARS.get(name) == "last":  # the H2 report is the year: its H1 is not used
        set_aside = pd.concat([set_aside, frame[keep_halves & (frame["period"] == "H1")]]).sort_values("_g", kind="stable")
    out = frame[keep_year | keep_part].assign(complete=keep_year[keep_year | keep_part])
    out["periods"] = out["period"]
    if keep_halves.any():
        out = pd.concat([out, _join_halves(frame[keep_halves], name)])
    out = out.sort_values("_g", kind="stable").drop(columns="_g")
    out["complete"] = out["complete"].astype("boolean")
    out["periods"] = out["periods"].astype("str")
    out = out.reset_index(drop=True)
    out.attrs = dict(table.attrs)
    names = [
        set_aside[c].astype("object").where(set_aside[c].notna(), None).tolist() if c in set_aside.columns else [None] * len(set_aside)
        for c in ("district", "unit")
    ]
    years = [None if pd.isna(y) else int(y) for y in set_aside["year"].tolist()]
    out.attrs["set_aside"] = Listing(zip(*names, years, set_aside["period"].tolist()))
    return out


def _join_halves(halves: pd.DataFrame, name: str) -> pd.DataFrame:
    """One row per figure row from a unit-year's H1 and H2 rows (see :data:`HALF_YEARS`)."""
    from .schema import COLUMNS, FIGURES

    figures = [c for c in FIGURES[name] if c not in ("subject", "level")]
    row_keys = ["_g"] + [c for c in ("subject", "level") if c in halves.columns]
    first, second = halves[halves["period"] == "H1"], halves[halves["period"] == "H2"]
    out = second.copy()
    if HALF_YEARS.get(name) == "last":  # the H2 report alone makes the year: its rows keep their own source
        out["period"], out["complete"], out["periods"] = "year", True, "H1+H2"
        return out
    if first["_g"].is_unique:  # one H1 report per unit and year, the usual case
        sources = pd.Series(first["source"].to_numpy(), index=first["_g"].to_numpy())
    else:
        sources = first.groupby("_g", sort=False)["source"].agg(" + ".join)
    out["source"] = out["_g"].map(sources).astype("object").str.cat(out["source"].astype("object"), sep=" + ")
    for col in figures:
        if _half_rule(name, col, COLUMNS[name][col]) != "sum":
            continue
        both = halves.groupby(row_keys, sort=False, dropna=False, observed=True)[col]
        total = both.sum(min_count=1).where((both.count() == 2) & (both.size() == 2))
        index = pd.MultiIndex.from_frame(out[row_keys]) if len(row_keys) > 1 else out["_g"]
        out[col] = pd.array(total.reindex(index).to_numpy(), dtype=out[col].dtype)
    out["period"] = "year"
    out["complete"] = True
    out["periods"] = "H1+H2"
    return out


def _period_columns(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``complete`` (every row of the group covers its whole year) and ``periods`` (their periods) by ``keys``."""
    order = {p: i for i, p in enumerate(("year", "H1+H2", *[p for p in PERIODS if p != "year"]))}
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)
    complete = grouped["complete"].all().astype("boolean")
    text = np.full(len(complete), "year" if len(frame) else "", dtype=object)
    if not (frame["periods"] == "year").all():  # the usual case needs no text per group
        text[:] = ""
        for label in sorted(frame["periods"].unique(), key=lambda p: order.get(p, 99)):
            has = (frame["periods"] == label).groupby([frame[k] for k in keys], sort=True, dropna=False, observed=True).any()
            has = has.to_numpy(dtype=bool)
            text = np.where(has, np.where(text == "", label, text + ", " + label), text)
    return pd.DataFrame({"complete": complete, "periods": pd.Series(text, index=complete.index, dtype="str")})


def _with_periods(out: pd.DataFrame, frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``out`` (grouped by ``keys`` over ``frame``, sorted, missing keys kept) with ``complete`` and ``periods``."""
    periods = _period_columns(frame, keys)
    out["complete"] = pd.array(periods["complete"].to_numpy(), dtype="boolean")
    out["periods"] = pd.Series(periods["periods"].to_numpy(), index=out.index, dtype="str")
    return out


def _regime_column(years: pd.Series) -> pd.Series:
    """The number of the regulation governing each year's rating (:mod:`helpers.regimes`), missing for none."""
    from . import regimes

    labels = {int(y): regimes.label(int(y)) for y in years.dropna().unique()}
    return years.map(labels).astype("str")


def _incomplete(frame: pd.DataFrame) -> list[int]:
    """The years some row of ``frame`` does not cover whole."""
    if "complete" not in frame.columns or frame.empty:
        return []
    return sorted({int(y) for y in frame.loc[~frame["complete"].fillna(False).astype(bool), "year"].dropna()})


# --- admissions -----------------------------------------------------------------


def admissions_attainment(admissions: pd.DataFrame, *, by: str = "unit", boundaries: int | None = None) -> pd.DataFrame:
    """Attainment of the annual admissions target (admitted / target).

    Parameters
    ----------
    admissions : DataFrame
        The tidy ``admissions`` table.
    by : {"unit", "district"}
        One row per unit and year, or per district and year.
    boundaries : int, optional
        Map units onto this year's boundaries first.

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year, target, admitted, attainment``
        and, by district, ``units, units_with_target``, then ``complete,
        periods`` (every indicator ends with these two: whether the row's
        year is covered whole, and by which reports: ``"year"``, ``"H1+H2"``,
        ``"H1"`` …, see :func:`whole_years`; ``attrs["incomplete"]`` lists
        the years some row does not cover whole).  A missing target is
        missing, not zero; a district's ``target`` sums the known targets and
        its ``attainment`` is the admissions *of the units with a target*
        over that sum.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> adm = conform("admissions", pd.DataFrame({"district": ["A", "A"], "unit": ["x", "y"],
    ...     "unit_type": ["commune"] * 2, "year": [2023] * 2, "source": ["s", "t"],
    ...     "target": [10, None], "admitted": [5, 3]}))
    >>> admissions_attainment(adm, by="district").iloc[0].to_dict()["attainment"]
    0.5
    """
    frame = _prepare(admissions, boundaries, "admissions")
    keys = _keys(by)
    frame["_with_target"] = frame["admitted"].where(frame["target"].notna())
    frame["_has_target"] = frame["target"].notna().astype("Int64")
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "target": _sum_known(grouped, "target"),
            "admitted": _sum_known(grouped, "admitted"),
        }
    )
    out["attainment"] = _share(_sum_known(grouped, "_with_target"), out["target"])
    if by == "district":
        out["units"] = grouped.size().astype("Int64")
        out["units_with_target"] = grouped["_has_target"].sum().astype("Int64")
    out = _with_periods(out, frame, keys)
    return _finish(out.reset_index(), boundaries, prepared=frame)


#: Columns every :func:`term_progress` frame has after its keys, with their dtypes.
_TERM_COLUMNS = {
    "term": "str",
    "as_of": "Int64",
    "years_elapsed": "Int64",
    "years_remaining": "Int64",
    "term_target": "Int64",
    "admitted": "Int64",
    "attainment": "Float64",
    "remaining": "Int64",
    "pace_needed": "Float64",
}
#: More columns by unit: how the unit reported over the term.
_TERM_UNIT_COLUMNS = {"years_reported": "Int64", "status": "str"}
#: More columns by district: units, admissions of units with a target, years with no target.
_TERM_DISTRICT_COLUMNS = {"units": "Int64", "admitted_with_target": "Int64", "years_without_target": "str"}


def term_progress(
    admissions: pd.DataFrame,
    term: str = "2020–2025",
    *,
    as_of: int | None = None,
    term_target: int | Mapping[str, int] | None = None,
    by: str = "unit",
    boundaries: int | None = None,
) -> pd.DataFrame:
    """Progress towards a term's admissions target, and the pace still needed.

    Parameters
    ----------
    admissions : DataFrame
        The tidy ``admissions`` table.
    term : str
        A key of :data:`TERMS`.
    as_of : int, optional
        The last report year counted (default: the latest year of the term
        in the data).
    term_target : int or mapping, optional
        The term's target, one number for every row or a mapping from unit
        (or district) name to number.  By default the sum of the annual
        targets over the term's years; a year after the latest year in the
        data takes the latest annual target (the congress resolution sets
        one annual figure for the whole term).  By unit, a missing target,
        or a year missing for the unit up to the latest year in the data,
        makes the term target missing.  By district, each year's target is
        the district's annual target (the known targets of the units that
        reported that year, as :func:`admissions_attainment` sums them), so
        a unit that moved to another district, or two communes merged in
        the term, count in the years they reported here; the term target is
        missing only when a year has no target at all.
    by : {"unit", "district"}
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] term, as_of, years_elapsed,
        years_remaining, term_target, admitted, attainment, remaining,
        pace_needed``: ``admitted`` is the sum over the term's years up to
        ``as_of``; ``remaining`` is what is left of the target (never below
        0); ``pace_needed`` is ``remaining / years_remaining`` (missing when
        no year remains).  By unit also ``years_reported`` and ``status``:
        ``complete``, ``left`` (stopped reporting before the latest year:
        moved or merged), ``joined`` (started after the term's first year),
        ``incomplete`` (a year or a target missing in between); a unit whose
        type changed in the term (a commune become a town) is one unit, of
        its latest type.  By district also ``units`` (units that reported in
        the term), ``admitted_with_target`` (admissions of units with a
        target that year: ``attainment`` and ``remaining`` count these) and
        ``years_without_target`` (the years up to the latest year in the
        data with no target, as text: ``"2021, 2022"``; empty when none).
        Last ``complete`` (every year counted is covered whole) and
        ``periods`` (the reports that made them, see :func:`whole_years`).

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> adm = conform("admissions", pd.DataFrame({"district": ["A"] * 4, "unit": ["x"] * 4,
    ...     "unit_type": ["commune"] * 4, "year": [2020, 2021, 2022, 2023], "source": list("abcd"),
    ...     "target": [9] * 4, "admitted": [7, 6, 7, 6]}))
    >>> r = term_progress(adm).iloc[0]
    >>> int(r.term_target), int(r.admitted), round(float(r.attainment), 4), float(r.pace_needed), r.status
    (45, 26, 0.5778, 19.0, 'complete')
    """
    if term not in TERMS:
        raise ValueError(f"term must be one of {', '.join(TERMS)}; got {term!r}")
    years = TERMS[term]
    frame = _prepare(admissions, boundaries, "admissions")
    frame = frame[frame["year"].isin(list(years))]
    if as_of is None:
        as_of = int(frame["year"].max()) if len(frame) else years[-1]
    if not years[0] <= as_of <= years[-1]:
        raise ValueError(f"as_of must be a report year of {term} ({years[0]}–{years[-1]}); got {as_of}")
    keys = [k for k in _keys(by) if k != "year"]
    extra = _TERM_UNIT_COLUMNS if by == "unit" else _TERM_DISTRICT_COLUMNS
    out_cols = {**{k: "str" for k in keys}, **_TERM_COLUMNS, **extra, "complete": "boolean", "periods": "str"}
    if frame.empty:
        return _finish(_empty_like(out_cols), boundaries, prepared=frame, term=term)
    # Years after the latest year in the data are not reported yet.
    last_reported = int(frame["year"].max())
    due = [y for y in years if y <= last_reported]
    later = sum(1 for y in years if y > last_reported)
    if by == "unit":
        out = _term_by_unit(frame, due, later, as_of)
    else:
        out = _term_by_district(frame, due, later, as_of)
    if term_target is not None:
        name = "unit" if by == "unit" else "district"
        if isinstance(term_target, Mapping):
            out["term_target"] = out[name].map(lambda n: term_target.get(n, pd.NA))
        else:
            out["term_target"] = int(term_target)
    out["term_target"] = out["term_target"].astype("Int64")
    out["term"] = term
    out["as_of"] = as_of
    out["years_elapsed"] = as_of - years[0] + 1
    out["years_remaining"] = years[-1] - as_of
    counted = out["admitted_with_target"] if by == "district" else out["admitted"]
    out["attainment"] = _share(counted, out["term_target"])
    out["remaining"] = (out["term_target"] - counted.astype("Int64")).clip(lower=0)
    out["pace_needed"] = _share(out["remaining"], out["years_remaining"])
    term_keys = ["district", "unit"] if by == "unit" else ["district"]
    out = out.merge(_period_columns(frame, term_keys).reset_index(), on=term_keys, how="left")
    out = out[list(out_cols)].astype(out_cols)
    return _finish(out.sort_values(keys), boundaries, prepared=frame, term=term)


def _unit_status(reported: list[int], due: list[int], complete: bool) -> str:
    """How a unit reported over a term's due years (see :func:`term_progress`)."""
    if complete:
        return "complete"
    run = reported == list(range(reported[0], reported[-1] + 1)) if reported else False
    if run and reported[0] == due[0] and reported[-1] < due[-1]:
        return "left"
    if run and reported[0] > due[0] and reported[-1] == due[-1]:
        return "joined"
    return "incomplete"


def _term_by_unit(frame: pd.DataFrame, due: list[int], later: int, as_of: int) -> pd.DataFrame:
    """Per unit: the term target from its own years, admitted to ``as_of``, how it reported."""
    keys = ["district", "unit"]
    flagged = frame.assign(_no_target=frame["target"].isna())
    grouped = flagged.groupby([*keys, "year"], sort=True, dropna=False)
    annual = grouped["target"].sum(min_count=1).astype("Float64")
    annual[grouped["_no_target"].any().to_numpy()] = pd.NA
    wide = annual.unstack("year").reindex(columns=due)
    complete = wide.notna().all(axis=1)
    target = (wide.sum(axis=1) + wide[due[-1]] * later).where(complete)
    units = flagged.groupby(keys, sort=True, dropna=False)
    counted = flagged[flagged["year"] <= as_of].groupby(keys, sort=True, dropna=False)["admitted"].sum(min_count=1)
    reported = units["year"].agg(lambda s: sorted(int(y) for y in s.dropna().unique()))
    out = pd.DataFrame(
        {
            "unit_type": flagged.sort_values("year", kind="stable").groupby(keys, sort=True, dropna=False)["unit_type"].last(),
            "term_target": target.reindex(reported.index),
            "admitted": counted.reindex(reported.index),
            "years_reported": reported.map(lambda ys: len([y for y in ys if y in due])),
            "status": [_unit_status(ys, due, bool(c)) for ys, c in zip(reported, complete.reindex(reported.index).fillna(False))],
        }
    ).reset_index()
    return out.astype({"term_target": "Int64", "admitted": "Int64"})


def _term_by_district(frame: pd.DataFrame, due: list[int], later: int, as_of: int) -> pd.DataFrame:
    """Per district: the sum of its annual targets over the term, admitted to ``as_of``."""
    frame = frame.assign(_with_target=frame["admitted"].where(frame["target"].notna()))
    rows = []
    for district, group in frame.groupby("district", sort=True, dropna=False):
        annual = group.groupby("year")["target"].sum(min_count=1)
        missing = [y for y in due if pd.isna(annual.get(y, pd.NA))]
        target = pd.NA if missing else int(sum(int(annual[y]) for y in due)) + int(annual[due[-1]]) * later
        counted = group[group["year"] <= as_of]
        rows.append(
            {
                "district": district,
                "term_target": target,
                "admitted": counted["admitted"].sum(min_count=1),
                "admitted_with_target": counted["_with_target"].sum(min_count=1),
                "units": group["unit"].nunique(),
                "years_without_target": ", ".join(str(y) for y in missing),
            }
        )
    out = pd.DataFrame(rows)
    return out.astype({"term_target": "Int64", "admitted": "Int64", "admitted_with_target": "Int64"})


def composition(
    admissions: pd.DataFrame,
    *,
    by: str = "unit",
    period: str = "year",
    boundaries: int | None = None,
) -> pd.DataFrame:
    """Shares of women, ethnic minorities, Youth Union members and religious people among new members.

    Parameters
    ----------
    admissions : DataFrame
    by : {"unit", "district"}
    period : {"year", "term"}
        One row per report year, or per term of :data:`TERMS` (years outside
        every term are dropped).
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year | term, admitted, female,
        ethnic_minority, youth_union, religious, share_female,
        share_ethnic_minority, share_youth_union, share_religious, complete,
        periods`` (see :func:`admissions_attainment`).  A
        breakdown is missing for a group when any of its rows misses it, so
        a share is never computed over part of the admissions.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> adm = conform("admissions", pd.DataFrame({"district": ["A"], "unit": ["x"],
    ...     "unit_type": ["commune"], "year": [2023], "source": ["s"], "admitted": [8],
    ...     "female": [2], "ethnic_minority": [6], "youth_union": [4], "religious": [0]}))
    >>> composition(adm)[["share_female", "share_ethnic_minority"]].iloc[0].tolist()
    [0.25, 0.75]
    """
    if period not in ("year", "term"):
        raise ValueError(f"period must be 'year' or 'term'; got {period!r}")
    frame = _prepare(admissions, boundaries, "admissions")
    keys = _keys(by)
    if period == "term":
        term_of = {y: t for t, ys in TERMS.items() for y in ys}
        frame["term"] = frame["year"].map(lambda y: term_of.get(int(y)) if pd.notna(y) else None)
        frame = frame[frame["term"].notna()].copy()
        frame["term"] = frame["term"].astype("str")
        keys = [k if k != "year" else "term" for k in keys]
    out = pd.DataFrame({"admitted": _sum_strict(frame, keys, "admitted")})
    for col in COMPOSITION:
        out[col] = _sum_strict(frame, keys, col)
    for col in COMPOSITION:
        out[f"share_{col}"] = _share(out[col], out["admitted"])
    out = _with_periods(out, frame, keys)
    return _finish(out.reset_index(), boundaries, prepared=frame)


# --- ratings --------------------------------------------------------------------


def _rated(ratings: pd.DataFrame) -> pd.DataFrame:
    return ratings[ratings["level"].notna()]


def rating_shares(
    ratings: pd.DataFrame,
    *,
    subject: str | Iterable[str] | None = None,
    by: str = "district",
    boundaries: int | None = None,
) -> pd.DataFrame:
    """The share of organisations, cells or members at each level.

    Shares are over the *rated*: members not rated (a ``members`` row with
    a missing level) are left out of the denominator.

    Parameters
    ----------
    ratings : DataFrame
        The tidy ``ratings`` table.
    subject : str or list of str, optional
        ``organisation``, ``cells``, ``members`` (default: all three).
    by : {"district", "unit"}
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year, subject, level, count, rated,
        share, regime, complete, periods``: one row per level (all four, zero
        counts included), the ``level`` an ordered category; ``regime`` the
        regulation governing the year's rating (:func:`helpers.regimes.label`:
        "132-QĐ/TW", "124-QĐ/TW", "366-QĐ/TW"; missing before 2018);
        ``complete, periods`` as in :func:`admissions_attainment`.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> r = conform("ratings", pd.DataFrame({"district": "A", "unit": "x", "unit_type": "commune",
    ...     "year": 2023, "source": "s", "subject": "members",
    ...     "level": ["excellent", "good", "completed", None], "count": [2, 5, 1, 3]}))
    >>> rating_shares(r)[["level", "count", "share"]].values.tolist()
    [['not_completed', 0, 0.0], ['completed', 1, 0.125], ['good', 5, 0.625], ['excellent', 2, 0.25]]
    """
    frame = _prepare(ratings, boundaries, "ratings")
    subjects = _subjects(subject)
    frame = _rated(frame[frame["subject"].isin(subjects)])
    keys = _keys(by) + ["subject"]
    counts = frame.groupby(keys + ["level"], sort=True, observed=False, dropna=False)["count"].sum().astype("Int64")
    out = counts.reset_index()
    # observed=False crosses every key: keep only the key combinations seen.
    seen = frame[keys].drop_duplicates()
    out = out.merge(seen, on=keys, how="inner")
    out["level"] = out["level"].astype(LEVEL_DTYPE)
    out["rated"] = out.groupby(keys)["count"].transform("sum").astype("Int64")
    out["share"] = _share(out["count"], out["rated"])
    out["regime"] = _regime_column(out["year"])
    if len(out):
        out = out.merge(_period_columns(frame, keys).reset_index(), on=keys, how="left")
    else:
        out = out.assign(complete=pd.Series([], dtype="boolean"), periods=pd.Series([], dtype="str"))
    out = out.sort_values(keys + ["level"])
    return _finish(out, boundaries, prepared=frame)


def _subjects(subject: str | Iterable[str] | None) -> list[str]:
    from .schema import SUBJECTS

    if subject is None:
        return list(SUBJECTS)
    chosen = [subject] if isinstance(subject, str) else list(subject)
    bad = [s for s in chosen if s not in SUBJECTS]
    if bad:
        raise ValueError(f"subject must be among {', '.join(SUBJECTS)}; got {bad}")
    return chosen


def good_or_better(
    ratings: pd.DataFrame,
    *,
    subject: str | Iterable[str] | None = None,
    by: str = "district",
    benchmark: float = BENCHMARK,
    boundaries: int | None = None,
) -> pd.DataFrame:
    """The share rated good or excellent (*hoàn thành tốt nhiệm vụ trở lên*) against the 90 % benchmark.

    Parameters
    ----------
    ratings : DataFrame
    subject : str or list of str, optional
    by : {"district", "unit"}
    benchmark : float
        The article's "trên 90%": ``above_benchmark`` is ``share > benchmark``.
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year, subject, rated,
        good_or_better, excellent, not_rated, share, above_benchmark, regime,
        complete, periods``: ``rated`` counts those given a level,
        ``not_rated`` members not rated (excluded from ``share``); ``regime``
        as in :func:`rating_shares`.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> r = conform("ratings", pd.DataFrame({"district": "A", "unit": ["x", "y", "z"],
    ...     "unit_type": "commune", "year": 2023, "source": "s", "subject": "organisation",
    ...     "level": ["excellent", "good", "completed"], "count": 1}))
    >>> g = good_or_better(r).iloc[0]
    >>> int(g.rated), int(g.good_or_better), bool(g.above_benchmark)
    (3, 2, False)
    """
    frame = _prepare(ratings, boundaries, "ratings")
    frame = frame[frame["subject"].isin(_subjects(subject))].copy()
    keys = _keys(by) + ["subject"]
    level = frame["level"]
    cnt = frame["count"]
    frame["_rated"] = cnt.where(level.notna())
    frame["_gob"] = cnt.where(level.notna() & level.isin(["good", "excellent"]), 0).where(level.notna())
    frame["_exc"] = cnt.where(level == "excellent", 0).where(level.notna())
    frame["_not_rated"] = cnt.where(level.isna(), 0)
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "rated": grouped["_rated"].sum().astype("Int64"),
            "good_or_better": grouped["_gob"].sum().astype("Int64"),
            "excellent": grouped["_exc"].sum().astype("Int64"),
            "not_rated": grouped["_not_rated"].sum().astype("Int64"),
        }
    )
    out["share"] = _share(out["good_or_better"], out["rated"])
    out["above_benchmark"] = (out["share"] > benchmark).astype("boolean")
    out = out.reset_index()
    out["regime"] = _regime_column(out["year"])
    out = _with_periods(out, frame, keys)
    return _finish(out, boundaries, prepared=frame, benchmark=benchmark)


def excellent_quota(
    ratings: pd.DataFrame,
    *,
    subject: str = "organisation",
    quota: float | None = None,
    breaches_only: bool = False,
    boundaries: int | None = None,
) -> pd.DataFrame:
    """Check the excellent quota of each year's regulation: excellent at most a share of those rated good.

    The rule (see ``data/README.md``, "Rating regimes"): among like units,
    the number rated excellent (*hoàn thành xuất sắc nhiệm vụ*) may be at
    most the quota of the year's regulation (:mod:`helpers.regimes`: 20 %
    under 132-QĐ/TW, 124-QĐ/TW and 366-QĐ/TW) of the number rated good
    (*hoàn thành tốt nhiệm vụ*, excellent not included).  Organisations
    are compared within like groups of a district and year (``communes``:
    communes, towns and wards together; ``agencies``); cells and members
    within each organisation.

    Parameters
    ----------
    ratings : DataFrame
    subject : {"organisation", "cells", "members"}
    quota : float, optional
        One quota for every year instead of each year's regulation's.  By
        default a year no declared regulation governs has no quota: its
        ``allowed`` and ``breaks_quota`` are missing.
    breaches_only : bool
        Return only the groups that break the quota.
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, year, subject, group, excellent, good, good_or_better,
        share, allowed, breaks_quota, quota, regime, complete, periods``:
        ``group`` is the like group (organisations) or the unit (cells,
        members); ``share`` is ``excellent / good``; ``allowed`` the largest
        number of excellent within the year's quota (``floor(quota ×
        good)``); ``breaks_quota`` is ``excellent > allowed``; ``quota`` the
        quota applied and ``regime`` the regulation it comes from (as in
        :func:`rating_shares`); ``complete, periods`` as in
        :func:`admissions_attainment`.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> r = conform("ratings", pd.DataFrame({"district": "A", "unit": list("uvwxyz"),
    ...     "unit_type": "commune", "year": 2023, "source": "s", "subject": "organisation",
    ...     "level": ["excellent", "excellent", "good", "good", "good", "good"], "count": 1}))
    >>> q = excellent_quota(r).iloc[0]
    >>> q.group, int(q.excellent), int(q.good), int(q.allowed), bool(q.breaks_quota)
    ('communes', 2, 4, 0, True)
    """
    _subjects(subject)
    frame = _prepare(ratings, boundaries, "ratings")
    frame = _rated(frame[frame["subject"] == subject]).copy()
    if subject == "organisation":
        frame["group"] = frame["unit_type"].map(lambda t: UNIT_GROUPS.get(t, "agencies")).astype("str")
    else:
        frame["group"] = frame["unit"]
    keys = ["district", "year", "subject", "group"]
    frame["_good"] = frame["count"].where(frame["level"] == "good", 0)
    frame["_exc"] = frame["count"].where(frame["level"] == "excellent", 0)
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "excellent": grouped["_exc"].sum().astype("Int64"),
            "good": grouped["_good"].sum().astype("Int64"),
        }
    )
    out["good_or_better"] = (out["excellent"] + out["good"]).astype("Int64")
    out["share"] = _share(out["excellent"], out["good"])
    out = out.reset_index()
    rates = _quotas(out["year"], quota)
    # Compare in whole numbers so that 20 % of 10 is exactly 2.
    product = (out["good"].astype("Float64") * rates + 1e-9).to_numpy(dtype="float64", na_value=float("nan"))
    out["allowed"] = pd.array([pd.NA if v != v else int(v // 1) for v in product], dtype="Int64")
    out["breaks_quota"] = (out["excellent"] > out["allowed"]).astype("boolean")
    out["quota"] = rates
    out["regime"] = _regime_column(out["year"])
    out = _with_periods(out, frame, keys)
    if out.empty:
        out = out.astype({"group": "str", "subject": "str"})
    if breaches_only:
        out = out[out["breaks_quota"].fillna(False)]
    return _finish(out, boundaries, prepared=frame, quota=quota)


def _quotas(years: pd.Series, quota: float | None) -> pd.Series:
    """The excellent quota of each year: ``quota`` when given, else the year's regulation's (missing for none)."""
    from . import regimes

    if quota is not None:
        return pd.Series(float(quota), index=years.index, dtype="Float64")
    return pd.Series([regimes.quota(int(y)) if pd.notna(y) else None for y in years], index=years.index, dtype="Float64")


def excellent_every_year(
    ratings: pd.DataFrame,
    years: Iterable[int] = range(2018, 2023),
    *,
    boundaries: int | None = None,
) -> pd.DataFrame:
    """Grassroots organisations rated excellent in every year of ``years``.

    Parameters
    ----------
    ratings : DataFrame
    years : iterable of int
        The span (default 2018–2022, the article's F13).
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, unit, unit_type, years_excellent``: one row per
        organisation rated excellent in each of the years (a year without a
        rating breaks the run, and so does a year not covered whole:
        ``attrs["incomplete"]`` lists those), sorted by district and unit;
        ``attrs["regimes"]`` the regulations governing the span.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> r = conform("ratings", pd.DataFrame({"district": "A", "unit": ["x", "x", "y", "y"],
    ...     "unit_type": "commune", "year": [2021, 2022] * 2, "source": "s",
    ...     "subject": "organisation", "level": ["excellent", "excellent", "excellent", "good"],
    ...     "count": 1}))
    >>> excellent_every_year(r, [2021, 2022])["unit"].tolist()
    ['x']
    """
    span = sorted({int(y) for y in years})
    prepared = _prepare(ratings, boundaries, "ratings")
    prepared = prepared[(prepared["subject"] == "organisation") & prepared["year"].isin(span)]
    frame = prepared[(prepared["level"] == "excellent") & prepared["complete"].fillna(False).astype(bool)]
    keys = ["district", "unit", "unit_type"]
    n = frame.groupby(keys, sort=True)["year"].nunique()
    out = n[n == len(span)].rename("years_excellent").astype("Int64").reset_index()
    out = out.astype({"district": "str", "unit": "str", "unit_type": "str"})
    from . import regimes

    found = {regimes.label(y) for y in span} - {None}
    return _finish(out, boundaries, prepared=prepared, years=span, regimes=sorted(found))


# --- placements -----------------------------------------------------------------


def non_local_leadership(placements: pd.DataFrame, *, by: str = "district", boundaries: int | None = None) -> pd.DataFrame:
    """Non-local leaders (*không phải người địa phương*) and secretaries who chair the People's Committee.

    Parameters
    ----------
    placements : DataFrame
        The tidy ``placements`` table (one row per commune-level unit).
    by : {"district", "unit"}
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year, units, secretaries_non_local,
        pc_chairs_non_local, pc_vice_chairs, pc_vice_chairs_non_local,
        secretaries_chairing_pc, share_secretaries_non_local,
        share_pc_chairs_non_local, share_pc_vice_chairs_non_local,
        share_secretaries_chairing_pc, complete, periods`` (see
        :func:`admissions_attainment`).  Yes/no columns are counted; a
        share's denominator is the units with a known answer (the article's
        "22/24" is ``secretaries_non_local / units``); vice-chairs' share is
        over ``pc_vice_chairs``.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> p = conform("placements", pd.DataFrame({"district": "A", "unit": ["x", "y"],
    ...     "unit_type": "commune", "year": 2023, "source": "s",
    ...     "secretary_non_local": [True, False], "secretary_chairs_pc": [False, False],
    ...     "pc_chair_non_local": [True, True], "pc_vice_chairs": [2, 1],
    ...     "pc_vice_chairs_non_local": [1, 0]}))
    >>> r = non_local_leadership(p).iloc[0]
    >>> int(r.units), int(r.secretaries_non_local), float(r.share_pc_vice_chairs_non_local)
    (2, 1, 0.3333333333333333)
    """
    frame = _prepare(placements, boundaries, "placements")
    keys = _keys(by)
    flags = {
        "secretaries_non_local": "secretary_non_local",
        "pc_chairs_non_local": "pc_chair_non_local",
        "secretaries_chairing_pc": "secretary_chairs_pc",
    }
    for name, col in flags.items():
        frame[f"_{name}"] = frame[col].astype("Int64")
        frame[f"_{name}_known"] = frame[col].notna().astype("Int64")
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame({"units": grouped.size().astype("Int64")})
    known = {}
    for name in flags:
        out[name] = _sum_known(grouped, f"_{name}")
        known[name] = grouped[f"_{name}_known"].sum()
    out["pc_vice_chairs"] = _sum_known(grouped, "pc_vice_chairs")
    out["pc_vice_chairs_non_local"] = _sum_known(grouped, "pc_vice_chairs_non_local")
    out = out[
        [
            "units",
            "secretaries_non_local",
            "pc_chairs_non_local",
            "pc_vice_chairs",
            "pc_vice_chairs_non_local",
            "secretaries_chairing_pc",
        ]
    ]
    out["share_secretaries_non_local"] = _share(out["secretaries_non_local"], known["secretaries_non_local"])
    out["share_pc_chairs_non_local"] = _share(out["pc_chairs_non_local"], known["pc_chairs_non_local"])
    out["share_pc_vice_chairs_non_local"] = _share(out["pc_vice_chairs_non_local"], out["pc_vice_chairs"])
    out["share_secretaries_chairing_pc"] = _share(out["secretaries_chairing_pc"], known["secretaries_chairing_pc"])
    out = _with_periods(out, frame, keys)
    return _finish(out.reset_index(), boundaries, prepared=frame)


def village_cell_participation(placements: pd.DataFrame, *, by: str = "unit", boundaries: int | None = None) -> pd.DataFrame:
    """Commune officials who are party members, in village party cells (*chi bộ thôn*) and on their committees.

    Parameters
    ----------
    placements : DataFrame
    by : {"unit", "district"}
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year, officials_members,
        officials_in_village_cells, officials_in_village_committees,
        share_in_village_cells, share_in_village_committees, complete,
        periods`` (shares over ``officials_members``; the last two as in
        :func:`admissions_attainment`).

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> p = conform("placements", pd.DataFrame({"district": "A", "unit": ["Yên Lập"],
    ...     "unit_type": "commune", "year": 2023, "source": "s", "officials_members": [16],
    ...     "officials_in_village_cells": [16], "officials_in_village_committees": [8]}))
    >>> village_cell_participation(p)[["share_in_village_cells", "share_in_village_committees"]].iloc[0].tolist()
    [1.0, 0.5]
    """
    frame = _prepare(placements, boundaries, "placements")
    keys = _keys(by)
    cols = ["officials_members", "officials_in_village_cells", "officials_in_village_committees"]
    out = pd.DataFrame({c: _sum_strict(frame, keys, c) for c in cols})
    out["share_in_village_cells"] = _share(out["officials_in_village_cells"], out["officials_members"])
    out["share_in_village_committees"] = _share(out["officials_in_village_committees"], out["officials_members"])
    out = _with_periods(out, frame, keys)
    return _finish(out.reset_index(), boundaries, prepared=frame)


# --- breakthrough tasks ---------------------------------------------------------


def breakthrough_summary(tasks: pd.DataFrame, *, by: str = "unit", boundaries: int | None = None) -> pd.DataFrame:
    """Breakthrough tasks (*việc đột phá*): tasks per cadre and the completion rate.

    Parameters
    ----------
    tasks : DataFrame
        The tidy ``breakthrough_tasks`` table.
    by : {"unit", "district"}
    boundaries : int, optional

    Returns
    -------
    DataFrame
        ``district, [unit, unit_type,] year, cadres, tasks, tasks_completed,
        tasks_per_cadre, completion_rate, complete, periods``
        (``completion_rate`` is ``tasks_completed / tasks``; the last two as
        in :func:`admissions_attainment`).

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.schema import conform
    >>> t = conform("breakthrough_tasks", pd.DataFrame({"district": "A", "unit": ["x", "y"],
    ...     "unit_type": "agency", "year": 2023, "source": "s", "cadres": [3, 2],
    ...     "tasks": [12, 8], "tasks_completed": [6, 4]}))
    >>> breakthrough_summary(t, by="district")[["tasks_per_cadre", "completion_rate"]].iloc[0].tolist()
    [4.0, 0.5]
    """
    frame = _prepare(tasks, boundaries, "breakthrough_tasks")
    keys = _keys(by)
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame({c: _sum_known(grouped, c) for c in ("cadres", "tasks", "tasks_completed")})
    out["tasks_per_cadre"] = _share(out["tasks"], out["cadres"])
    out["completion_rate"] = _share(out["tasks_completed"], out["tasks"])
    out = _with_periods(out, frame, keys)
    return _finish(out.reset_index(), boundaries, prepared=frame)


__all__ = [
    "BENCHMARK",
    "COMPOSITION",
    "EXCELLENT_QUOTA",
    "HALF_YEARS",
    "LEVELS",
    "Listing",
    "PERIODS",
    "TERMS",
    "UNIT_GROUPS",
    "admissions_attainment",
    "breakthrough_summary",
    "composition",
    "excellent_every_year",
    "excellent_quota",
    "good_or_better",
    "non_local_leadership",
    "rating_shares",
    "table_of",
    "term_progress",
    "village_cell_participation",
    "whole_years",
]
