"""The unit registry: which commune-level units and agencies report, and when.

``data/reference/units.csv`` lists every commune-level unit (*xã*, *phường*,
*thị trấn*) of Tuyên Quang province with its GSO code and the dates it was
valid, plus a fixed set of agency party organisations (police, military,
district agencies, a school, the health centre …) per district.  A unit is
valid on a date ``d`` when ``valid_from <= d < valid_to`` (an empty
``valid_from`` means "since before 2015", an empty ``valid_to`` "still valid
on 2025-03-01").  The reporting composition of a year ``Y`` is the set of
units valid on 31 December ``Y``.  The 1 July 2025 reform (districts
abolished, communes merged again) is not covered.

:func:`to_boundaries` maps a tidy table onto the boundaries of one year:
merged predecessors are summed into their successor, transferred units move
to their new district, renamed units take their new name.

Examples
--------
>>> len(units_in("Chiêm Hóa", 2020, kinds=("commune", "town")))
26
>>> len(units_in("Chiêm Hóa", 2021, kinds=("commune", "town")))
24
>>> known_unit_type("Chiêm Hóa", "hoà phú")
'commune'
>>> district_names()[:3]
['Tuyên Quang', 'Lâm Bình', 'Na Hang']
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pandas as pd

from . import config
from .text import fold, unit_key

#: The registry's columns, in order.
UNIT_COLUMNS = ("code", "name", "type", "district", "valid_from", "valid_to", "successor")

#: Commune-level unit types (everything but agencies).
COMMUNE_LEVEL = ("commune", "town", "ward")

_FAR_PAST = pd.Timestamp("1900-01-01")
_FAR_FUTURE = pd.Timestamp("2100-01-01")


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(date(int(year), 12, 31))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")
    missing = set(UNIT_COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    frame = frame[list(UNIT_COLUMNS)].copy()
    for col in ("valid_from", "valid_to"):
        frame[col] = pd.to_datetime(frame[col].replace("", None), format="%Y-%m-%d")
    frame["successor"] = frame["successor"].replace("", None).astype("str")
    return frame


def load_units(path: str | Path = config.UNITS_CSV) -> pd.DataFrame:
    """The unit registry as a DataFrame (read once, then cached).

    ``valid_from`` and ``valid_to`` are timestamps (``NaT`` when open);
    ``successor`` is missing for units still valid.

    >>> units = load_units()
    >>> units.columns.tolist()
    ['code', 'name', 'type', 'district', 'valid_from', 'valid_to', 'successor']
    >>> sorted(units["type"].unique())
    ['agency', 'commune', 'town', 'ward']
    """
    return _load(str(path)).copy()


def _valid_mask(frame: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    start = frame["valid_from"].fillna(_FAR_PAST)
    end = frame["valid_to"].fillna(_FAR_FUTURE)
    return (start <= when) & (when < end)


def district_names() -> list[str]:
    """The seven district-level units of the province, in GSO code order.

    >>> district_names()
    ['Tuyên Quang', 'Lâm Bình', 'Na Hang', 'Chiêm Hóa', 'Hàm Yên', 'Yên Sơn', 'Sơn Dương']
    """
    units = _load(str(config.UNITS_CSV))
    agencies = units[units["type"] == "agency"]
    order = agencies.assign(dcode=agencies["code"].str[:3]).drop_duplicates("district").sort_values("dcode")
    return order["district"].tolist()


def _district_key(district: str) -> str:
    return fold(district)


def units_in(district: str, year: int, *, kinds: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The units of ``district`` that report for ``year`` (valid on 31 Dec).

    Parameters
    ----------
    district : str
        The bare district name ("Chiêm Hóa", "Tuyên Quang" for the city);
        matched loosely (case, tone style).
    year : int
        The report year.
    kinds : sequence of str, optional
        Unit types to keep (``commune``, ``town``, ``ward``, ``agency``);
        all by default.

    Returns
    -------
    DataFrame
        Registry rows, commune-level units first (by code), then agencies.

    >>> units_in("Lâm Bình", 2021, kinds=["town"])["name"].tolist()
    ['Lăng Can']
    """
    units = _load(str(config.UNITS_CSV))
    mask = (units["district"].map(_district_key) == _district_key(district)) & _valid_mask(units, _year_end(year))
    if kinds is not None:
        mask &= units["type"].isin(list(kinds))
    out = units[mask]
    out = out.assign(_agency=out["type"] == "agency").sort_values(["_agency", "code"], kind="stable")
    return out.drop(columns="_agency").reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _type_index() -> dict[tuple[str, str], list[tuple[pd.Timestamp, pd.Timestamp, str]]]:
    units = _load(str(config.UNITS_CSV))
    index: dict[tuple[str, str], list[tuple[pd.Timestamp, pd.Timestamp, str]]] = {}
    for row in units.itertuples(index=False):
        start = _FAR_PAST if pd.isna(row.valid_from) else row.valid_from
        end = _FAR_FUTURE if pd.isna(row.valid_to) else row.valid_to
        for d in (_district_key(row.district), ""):
            index.setdefault((d, unit_key(row.name)), []).append((start, end, row.type))
    for spans in index.values():
        spans.sort(key=lambda s: s[0])
    return index


@functools.lru_cache(maxsize=8192)
def _lookup_key(district: str | None, unit: str) -> tuple[str, str]:
    return (_district_key(district) if district else "", unit_key(unit))


def known_unit_type(district: str | None, unit: str, year: int | None = None) -> str | None:
    """The registry's type of a bare unit name, or ``None`` if it is unknown.

    Used for names written without an administrative word ("Hòa Phú").  With
    ``year``, the type valid in that year is preferred (Lăng Can was a commune
    until 2020, a town from 2021); without it, the latest.  ``district=None``
    searches the whole province.

    >>> known_unit_type("Lâm Bình", "Lăng Can", 2020), known_unit_type("Lâm Bình", "Lăng Can")
    ('commune', 'town')
    >>> known_unit_type("Chiêm Hóa", "Công an huyện")
    'agency'
    >>> known_unit_type("Chiêm Hóa", "Nowhere") is None
    True
    """
    spans = _type_index().get(_lookup_key(district, unit))
    if not spans:
        return None
    if year is not None:
        when = _year_end(year)
        for start, end, kind in spans:
            if start <= when < end:
                return kind
    return spans[-1][2]


# --- crosswalk ----------------------------------------------------------------

# How the figure columns of each table are combined when several reported
# units become one: counts are summed; a yes/no post is "yes" when any
# predecessor's is (Kleene OR: missing only when all are missing).
_KEYS = ("district", "unit", "unit_type", "year")


@functools.lru_cache(maxsize=1)
def _graph() -> tuple[dict, dict]:
    """Registry rows by id, and each row's successor row id."""
    units = _load(str(config.UNITS_CSV)).reset_index(drop=True)
    rows = {i: r for i, r in enumerate(units.itertuples(index=False))}
    successor: dict[int, int] = {}
    for i, r in rows.items():
        if pd.isna(r.valid_to) or pd.isna(r.successor):
            continue
        for j, s in rows.items():
            if s.code == r.successor and s.valid_from == r.valid_to:
                successor[i] = j
                break
    return rows, successor


def _row_valid(r, when: pd.Timestamp) -> bool:
    start = _FAR_PAST if pd.isna(r.valid_from) else r.valid_from
    end = _FAR_FUTURE if pd.isna(r.valid_to) else r.valid_to
    return start <= when < end


def _find_row(district: str, unit: str, year: int) -> int | None:
    rows, _ = _graph()
    key_d, key_u, when = _district_key(district), unit_key(unit), _year_end(year)
    found = [i for i, r in rows.items() if _district_key(r.district) == key_d and unit_key(r.name) == key_u]
    if not found:
        return None
    for i in found:
        if _row_valid(rows[i], when):
            return i
    return found[-1]


def _map_unit(district: str, unit: str, unit_type: str, year: int, target: int) -> tuple[str, str, str] | None:
    """``(district, unit, unit_type)`` on ``target``'s boundaries, or None."""
    if unit_type == "agency":
        return district, unit, unit_type
    rows, successor = _graph()
    start = _find_row(district, unit, year)
    if start is None:
        return None
    when = _year_end(target)
    i = start
    if _row_valid(rows[i], when):
        pass
    elif not pd.isna(rows[i].valid_to) and rows[i].valid_to <= when:
        # forward: follow successors
        while i in successor and not _row_valid(rows[i], when):
            i = successor[i]
    else:
        # backward: only a unit with exactly one predecessor can be mapped
        while not _row_valid(rows[i], when):
            preds = [p for p, s in successor.items() if s == i]
            if len(preds) != 1:
                return None
            i = preds[0]
    r = rows[i]
    return (r.district, r.name, r.type) if _row_valid(r, when) else None


def to_boundaries(table: pd.DataFrame, year: int, *, table_name: str | None = None) -> pd.DataFrame:
    """Map a tidy table's rows onto the unit boundaries of ``year``.

    Each row's unit is followed through the registry to the unit that covers
    the same ground on 31 December ``year``: merged predecessors become
    their successor and their figures are summed (counts) or combined by
    "any yes" (the yes/no posts of placements); transferred units take their
    district of ``year``; renamed units their new name.  Agencies are left
    as they are.  ``source`` of a combined row joins its rows' sources with
    ``" + "``.  Rows that cannot be mapped (a merged unit asked for on
    boundaries from before the merger, a commune the registry does not
    know) are kept unchanged and listed in ``attrs["unmapped"]`` as
    ``(district, unit, year)`` tuples.

    Parameters
    ----------
    table : DataFrame
        A tidy table (data contract §3).
    year : int
        The year whose boundaries to use.
    table_name : str, optional
        ``admissions``, ``ratings``, ``placements`` or ``breakthrough_tasks``;
        guessed from the columns when omitted.

    Returns
    -------
    DataFrame
        The same columns and dtypes, with ``attrs["boundaries"] = year``.

    >>> t = pd.DataFrame({"district": ["Sơn Dương"] * 2, "unit": ["Vân Sơn", "Hồng Lạc"],
    ...     "unit_type": ["commune"] * 2, "year": [2023, 2023], "source": ["a!1!B5", "a!1!B6"],
    ...     "cadres": [2, 3], "tasks": [8, 9], "tasks_completed": [7, 9]})
    >>> m = to_boundaries(t, 2024)
    >>> m[["unit", "cadres", "tasks", "source"]].values.tolist()
    [['Hồng Sơn', 5, 17, 'a!1!B5 + a!1!B6']]
    >>> m.attrs["boundaries"]
    2024
    """
    from . import schema

    name = table_name or _guess_table(table)
    cols = schema.COLUMNS[name]
    frame = schema.conform(name, table) if list(table.columns) != list(cols) else table.copy()
    unmapped: list[tuple[str, str, int]] = []
    if frame.empty:
        out = frame.copy()
    else:
        keys = frame[list(_KEYS)].drop_duplicates()
        mapping: dict[tuple, tuple[str, str, str]] = {}
        for d, u, t, y in keys.itertuples(index=False):
            target = _map_unit(d, u, t, int(y), int(year))
            if target is None:
                unmapped.append((d, u, int(y)))
                target = (d, u, t)
            mapping[(d, u, t, y)] = target
        new = [mapping[k] for k in frame[list(_KEYS)].itertuples(index=False, name=None)]
        frame["district"] = [n[0] for n in new]
        frame["unit"] = [n[1] for n in new]
        frame["unit_type"] = [n[2] for n in new]
        out = _combine(frame, name)
    out = schema.conform(name, out)
    out.attrs["boundaries"] = int(year)
    out.attrs["unmapped"] = tuple(unmapped)
    return out


def _guess_table(table: pd.DataFrame) -> str:
    from . import schema

    for name in schema.TABLES:
        if set(schema.FIGURES[name]) <= set(table.columns):
            return name
    raise ValueError("cannot tell which tidy table this is; pass table_name")


def _combine(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    from . import schema

    group = list(_KEYS) + (["subject", "level"] if name == "ratings" else [])
    dup = frame.duplicated(group, keep=False)
    if not dup.any():
        return frame
    single, multi = frame[~dup], frame[dup]
    agg: dict[str, object] = {"source": lambda s: " + ".join(s)}
    for col in schema.FIGURES[name]:
        if col in group:
            continue
        if str(schema.COLUMNS[name][col]) == "boolean":
            agg[col] = _any_yes
        else:
            agg[col] = lambda s: s.sum(min_count=1)
    merged = multi.groupby(group, sort=False, dropna=False, observed=True).agg(agg).reset_index()
    out = pd.concat([single, merged[frame.columns]], ignore_index=True)
    # keep the original row order (first occurrence of each group)
    order = frame.drop_duplicates(group)[group].reset_index(drop=True).reset_index()
    out = out.merge(order, on=group, how="left").sort_values("index", kind="stable")
    return out.drop(columns="index").reset_index(drop=True)


def _any_yes(values: pd.Series):
    v = values.astype("boolean")
    if v.isna().all():
        return pd.NA
    return bool(v.fillna(False).any())
