"""The project's own unit layer: the bundled province's units and agencies over time.

``data/reference/units.csv`` lists every commune-level unit (*xã*, *phường*,
*thị trấn*) of Tuyên Quang province with its GSO code and the dates it was
valid, plus a fixed set of agency party organisations (police, military,
district agencies, a school, the health centre …) per district.  A unit is
valid on a date ``d`` when ``valid_from <= d < valid_to`` (an empty
``valid_from`` means "since before 2015", an empty ``valid_to`` "valid until
the reform of 1 July 2025").  The reporting composition of a year ``Y`` is
the set of units valid on 31 December ``Y``.

These functions read that file alone, as the reader and the synthetic data
always have; the national registry (:mod:`helpers.units.registry`) lays the
same rows over the whole country's, and :mod:`helpers.units.boundaries`
carries tables onto a year's or the 2025 units.

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

from .. import config
from ..text import fold, unit_key

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
    if "province" not in frame.columns:
        frame["province"] = config.PROVINCE
    frame = frame[[*UNIT_COLUMNS, "province"]].copy()
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
    return _load(str(path))[list(UNIT_COLUMNS)].copy()


def _valid_mask(frame: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    start = frame["valid_from"].fillna(_FAR_PAST)
    end = frame["valid_to"].fillna(_FAR_FUTURE)
    return (start <= when) & (when < end)


def district_names() -> list[str]:
    """The district-level units of the bundled data's province (``config.PROVINCE``), in GSO code order.

    >>> district_names()
    ['Tuyên Quang', 'Lâm Bình', 'Na Hang', 'Chiêm Hóa', 'Hàm Yên', 'Yên Sơn', 'Sơn Dương']
    """
    units = _load(str(config.UNITS_CSV))
    agencies = units[(units["type"] == "agency") & (units["province"] == config.PROVINCE)]
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
