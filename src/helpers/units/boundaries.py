"""Carrying a tidy table onto other boundaries: a chosen year's, or 1 July 2025's.

:func:`to_boundaries` follows each row's unit through the registry
(:mod:`helpers.units.registry`) to the unit that covers the same ground on
the target boundaries, then sums the rows that became one unit.  It works
on the four tidy tables, with or without the columns ``province``,
``unit_code``, ``commune`` and ``period`` (data contract §6).

How figures combine when several rows become one: counts and targets are
summed (missing only when every one is missing); a yes/no post is "yes" when
any predecessor's is (missing only when all are missing); ``source`` joins
the rows' sources with ``" + "``.  Rates are never stored in the tidy
tables: indicators compute them from the summed counts, so a rate on new
boundaries is a ratio of sums, never an average of rates.
"""

from __future__ import annotations

import functools
from datetime import date

import pandas as pd

from .. import config
from ..text import fold, split_province_name
from .registry import REFORM, registry
from .resolve import _fold, _loose, _name_and_type, _places

#: Columns of data contract §6 a table may carry beyond today's schema.
EXTRA_COLUMNS = ("province", "commune", "unit_code", "period")
_ORDER = ("province", "district", "commune", "unit", "unit_type", "unit_code", "year", "period", "source")
#: The first year on the boundaries of 1 July 2025.
REFORM_YEAR = 2025


# --- finding a row's registry unit ------------------------------------------------


def _valid(r: tuple, when: int) -> bool:
    return (r[7] is None or r[7] <= when) and (r[8] is None or when < r[8])


@functools.lru_cache(maxsize=65536)
def _find_old(province: str | None, district: str, unit: str, unit_type: str | None, year: int) -> int | None:
    """The registry row of a reported unit: the one valid in ``year``, else its latest row."""
    reg = registry()
    bare, unit_type = _name_and_type(unit, unit_type)
    when = min(date(int(year), 12, 31).toordinal(), REFORM - 1)
    for index, key in ((reg.old_exact, _fold(bare)), (reg.old_loose, _loose(bare))):
        rows = [i for p, d in _places(province, district) for i in index.get((p, d, key), ())]
        if unit_type in ("commune", "town", "ward"):
            rows = [i for i in rows if reg.old_units[i][2] != "agency"]
        if len({reg.old_units[i][0] for i in rows}) > 1 and len({reg.old_units[i][5] for i in rows}) > 1:
            return None  # the same name in two districts: no guess
        if rows:
            valid = [i for i in rows if _valid(reg.old_units[i], when)]
            return (valid or rows)[-1]
    return None


@functools.lru_cache(maxsize=1)
def _predecessors() -> dict[int, list[int]]:
    reg = registry()
    preds: dict[int, list[int]] = {}
    for i in range(len(reg.old_units)):
        j = reg.successor(i)
        if j is not None:
            preds.setdefault(j, []).append(i)
    return preds


def _on_date(i: int, when: int) -> int | None:
    """Row ``i`` followed forward (successors) or backward (a single predecessor) to ``when``."""
    reg = registry()
    r = reg.old_units[i]
    while not _valid(r, when):
        if r[8] is not None and r[8] <= when:
            nxt = reg.successor(i)
        else:
            preds = _predecessors().get(i, [])
            nxt = preds[0] if len(preds) == 1 else None
        if nxt is None:
            return None
        i, r = nxt, reg.old_units[nxt]
    return i


@functools.lru_cache(maxsize=256)
def _province_of(district: str) -> str | None:
    """The province of a district named without one: the only one, else the bundled province."""
    provinces = {m[0] for m in registry().district_index.get(fold(district), ())}
    if len(provinces) == 1:
        return provinces.pop()
    return config.PROVINCE if config.PROVINCE in provinces else None


@functools.lru_cache(maxsize=1)
def _province_after() -> dict[str, str]:
    """Old province (folded) → the province of 1 July 2025 its communes went into."""
    reg = registry()
    out: dict[str, str] = {}
    for r in reg.old_units:
        targets = reg.reform.get(r[0])
        if targets and r[2] != "agency":
            out.setdefault(fold(r[3]), reg.new_by_code[targets[0][0]][3])
    return out


# --- mapping one unit ----------------------------------------------------------------


def _map_year(key: tuple, target: int) -> tuple | None:
    """``(province, district, unit, unit_type, unit_code)`` on 31 December ``target``."""
    province, district, unit, unit_type, year = key
    if unit_type == "agency":
        return province, district, unit, unit_type, None
    i = _find_old(province, district, unit, unit_type, year)
    j = None if i is None else _on_date(i, date(int(target), 12, 31).toordinal())
    if j is None:
        return None
    r = registry().old_units[j]
    return r[3], r[5], r[1], r[2], r[0]


def _map_2025(key: tuple) -> tuple[tuple, bool] | None:
    """The unit of 1 July 2025 a reported unit went into, and whether it was divided."""
    province, district, unit, unit_type, year = key
    reg = registry()
    if unit_type == "agency":
        new_province = _province_after().get(fold(province or ""), province)
        return (new_province, district, unit, unit_type, None), False
    if district is None and int(year) >= REFORM_YEAR:
        from .resolve import resolve_unit

        m = resolve_unit(province, None, unit, unit_type, int(year))
        return ((m.province, None, m.name, m.unit_type, m.unit_code), False) if m else None
    i = _find_old(province, district, unit, unit_type, year)
    j = None if i is None else _on_date(i, REFORM - 1)
    targets = reg.reform.get(reg.old_units[j][0]) if j is not None else None
    if not targets:
        return None
    code = next(c for c, default in targets if default)
    r = reg.new_by_code[code]
    return (r[3], None, r[1], r[2], r[0]), len(targets) > 1


# --- the tables ------------------------------------------------------------------------


def _guess_table(table: pd.DataFrame) -> str:
    from .. import schema

    for name in schema.TABLES:
        if set(schema.FIGURES[name]) <= set(table.columns):
            return name
    raise ValueError("cannot tell which tidy table this is; pass table_name")


def _conform(name: str, table: pd.DataFrame, extras: list[str]) -> pd.DataFrame:
    """``table`` conformed to the schema, with the §6 columns it has (as text), in contract order."""
    from .. import schema

    cols = schema.COLUMNS[name]
    out = schema.conform(name, table.drop(columns=[c for c in extras if c not in cols]))
    for c in extras:
        if c not in cols:
            out[c] = pd.Series(table[c].to_numpy(), dtype="object").where(table[c].notna().to_numpy(), None).astype("str")
    order = [c for c in _ORDER if c in out.columns] + [c for c in out.columns if c not in _ORDER]
    return out[order]


def _keys(frame: pd.DataFrame, province: str | None) -> list[tuple]:
    """Each row's (province, district, unit, unit_type, year), the province filled in when missing."""
    given = frame["province"] if "province" in frame.columns else pd.Series(None, index=frame.index, dtype="object")
    keys = []
    for p, d, u, t, y in zip(given, frame["district"], frame["unit"], frame["unit_type"], frame["year"]):
        d = None if pd.isna(d) or d == "" else d
        p = split_province_name(p) if isinstance(p, str) and p else (province or (_province_of(d) if d else None))
        keys.append((p, d, u, t, int(y)))
    return keys


def _combine(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Sum the rows that share every key column (first-occurrence order kept)."""
    from .. import schema

    figures = [c for c in schema.FIGURES[name] if c not in ("subject", "level")]
    group = [c for c in frame.columns if c not in figures and c != "source"]
    gid = frame.groupby(group, sort=False, dropna=False, observed=True).ngroup().to_numpy()
    if len(set(gid)) == len(gid):
        return frame
    frame = frame.assign(_g=gid)
    g = frame.groupby("_g", sort=True)
    out = g[group].first()
    out["source"] = g["source"].agg(" + ".join)
    for col in figures:
        if str(schema.COLUMNS[name][col]) == "boolean":
            values = frame[col].astype("boolean")
            known = values.notna().groupby(frame["_g"]).any()
            anyyes = values.fillna(False).astype(bool).groupby(frame["_g"]).any()
            out[col] = pd.array(anyyes.where(known, None).tolist(), dtype="boolean")
        else:
            out[col] = g[col].sum(min_count=1)
    return out[[c for c in frame.columns if c != "_g"]].reset_index(drop=True)


def to_boundaries(
    table: pd.DataFrame, year: int, *, table_name: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Map a tidy table's rows onto the unit boundaries of ``year``, or of 1 July 2025.

    ``year`` before 2025: each row's unit is followed through the registry
    to the unit that covers the same ground on 31 December ``year``: merged
    predecessors become their successor and their figures are combined,
    transferred units take their district of ``year``, renamed units their
    new name; agencies are left as they are.  Rows that cannot be mapped (a
    merged unit asked for on boundaries from before the merger, a commune
    the registry does not know) are kept unchanged and listed in
    ``attrs["unmapped"]`` as ``(district, unit, year)`` tuples.

    ``year`` 2025 (or later): every commune-level row goes to the commune or
    ward of 1 July 2025 its unit went into, with that unit's name, type and
    code and its (new) province; ``district`` becomes missing (there are no
    districts any more).  A unit divided between several new ones goes to
    the default one and is listed in ``attrs["divided"]`` as ``(province,
    district, unit, year, new unit, new code)``.  Agencies have no commune:
    they keep their district and name (their province becomes the new one)
    and are listed in ``attrs["agencies_kept"]``.  ``attrs["former_districts"]``
    gives each new code the districts its rows came from.  The columns
    ``province`` and ``unit_code`` are added when the table lacks them.

    Parameters
    ----------
    table : DataFrame
        A tidy table (data contract §3, §6).
    year : int
        The year whose boundaries to use; 2025 or later: those of 1 July 2025.
    table_name : str, optional
        ``admissions``, ``ratings``, ``placements`` or ``breakthrough_tasks``;
        guessed from the columns when omitted.
    province : str, optional
        The province of rows without a ``province`` value; by default the
        province of their district when only one has that name (the bundled
        data's when it is one of several).

    Returns
    -------
    DataFrame
        The table's columns and dtypes, with ``attrs["boundaries"] = year``.

    Examples
    --------
    >>> t = pd.DataFrame({"district": ["Sơn Dương"] * 2, "unit": ["Vân Sơn", "Hồng Lạc"],
    ...     "unit_type": ["commune"] * 2, "year": [2023, 2023], "source": ["a!1!B5", "a!1!B6"],
    ...     "cadres": [2, 3], "tasks": [8, 9], "tasks_completed": [7, 9]})
    >>> m = to_boundaries(t, 2024)
    >>> m[["unit", "cadres", "tasks", "source"]].values.tolist()
    [['Hồng Sơn', 5, 17, 'a!1!B5 + a!1!B6']]
    >>> m = to_boundaries(t, 2025)
    >>> m[["province", "unit", "unit_code", "cadres", "tasks"]].values.tolist()
    [['Tuyên Quang', 'Hồng Sơn', '02608', 5, 17]]
    """
    name = table_name or _guess_table(table)
    extras = [c for c in EXTRA_COLUMNS if c in table.columns]
    frame = _conform(name, table, extras)
    reform = int(year) >= REFORM_YEAR
    if reform:
        for c in ("province", "unit_code"):
            if c not in frame.columns:
                frame[c] = pd.Series(None, index=frame.index, dtype="object").astype("str")
        frame = frame[[c for c in _ORDER if c in frame.columns] + [c for c in frame.columns if c not in _ORDER]]
    attrs = _remap(frame, name, int(year), province, reform)
    out = _combine(frame, name) if len(frame) else frame
    out = _conform(name, out, [c for c in EXTRA_COLUMNS if c in out.columns])
    out.attrs = {"boundaries": int(year), **attrs}
    return out


def _remap(frame: pd.DataFrame, name: str, year: int, province: str | None, reform: bool) -> dict:
    """Rewrite ``frame``'s unit columns in place; return the attrs that describe it."""
    unmapped, divided, agencies, former = [], [], [], {}
    done: dict[tuple, tuple | None] = {}
    new_rows = []
    for key in _keys(frame, province):
        if key not in done:
            got = _map_2025(key) if reform else _map_year(key, year)
            done[key] = got
            if got is None:
                unmapped.append((key[1], key[2], key[4]))
            elif reform and got[0][3] == "agency":
                agencies.append((key[1], key[2]))
            elif reform and got[1]:
                divided.append((*key[:3], key[4], got[0][2], got[0][4]))
            if reform and got is not None and got[0][3] != "agency" and key[1]:
                former.setdefault(got[0][4], set()).add(key[1])
        got = done[key]
        target = (got[0] if reform else got) if got is not None else None
        new_rows.append(target if target is not None else (key[0], key[1], key[2], key[3], None))
    if "province" in frame.columns:
        frame["province"] = [r[0] for r in new_rows]
    frame["district"] = [r[1] for r in new_rows]
    frame["unit"] = [r[2] for r in new_rows]
    frame["unit_type"] = [r[3] for r in new_rows]
    if "unit_code" in frame.columns:
        frame["unit_code"] = [r[4] if r[4] is not None else c for r, c in zip(new_rows, frame["unit_code"])]
    attrs: dict = {"unmapped": tuple(dict.fromkeys(unmapped))}
    if reform:
        attrs["divided"] = tuple(dict.fromkeys(divided))
        attrs["agencies_kept"] = tuple(dict.fromkeys(agencies))
        attrs["former_districts"] = {k: tuple(sorted(v)) for k, v in former.items()}
    return attrs
