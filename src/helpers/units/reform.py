"""The reform of 1 July 2025 as tables: which old unit went where, and the new units.

Nghị quyết 202/2025/QH15 merged the 63 provinces into 34 (Hà Giang into
Tuyên Quang, code 08 kept); the resolutions of the Standing Committee of the
National Assembly of June 2025 (for Tuyên Quang Nghị quyết 1684/NQ-UBTVQH15)
merged the communes; districts ended.  The registry has the mapping from the
``vietnamadminunits`` data set; a commune divided between several new ones
lists each, one of them the default (where its administrative centre went).

Examples
--------
>>> m = reform_mapping(province="Tuyên Quang")
>>> m.loc[m["old_name"] == "Hòa Phú", ["old_district", "new_name", "new_code", "divided"]].values.tolist()
[['Chiêm Hóa', 'Yên Nguyên', '02365', False]]
>>> len(units_2025("Tuyên Quang"))
124
"""

from __future__ import annotations

import pandas as pd

from ..text import fold, vi_sort_key
from .registry import REFORM, registry
from .resolve import _pkey

MAPPING_COLUMNS = (
    "old_province", "old_district", "old_code", "old_name", "old_type",
    "new_province", "new_code", "new_name", "new_type", "divided", "default",
)


def reform_mapping(*, province: str | None = None) -> pd.DataFrame:
    """Old commune-level unit (as of 30 June 2025) → new unit(s), one row per pair.

    Parameters
    ----------
    province : str, optional
        Keep the rows whose old *or* new province is this one.

    Returns
    -------
    DataFrame
        :data:`MAPPING_COLUMNS`; ``divided`` marks an old unit with several
        new ones, ``default`` the one its rows go to in
        :func:`helpers.units.to_boundaries`.  Old units in code order, a
        divided one's new units in code order.
    """
    reg = registry()
    pkey = _pkey(province)
    rows = []
    for r in reg.old_units:
        if r[2] == "agency" or r[8] != REFORM:
            continue
        targets = reg.reform.get(r[0], [])
        for code, default in targets:
            n = reg.new_by_code[code]
            if pkey is None or pkey in (fold(r[3]), fold(n[3])):
                rows.append((r[3], r[5], r[0], r[1], r[2], n[3], n[0], n[1], n[2], len(targets) > 1, bool(default)))
    return pd.DataFrame(rows, columns=list(MAPPING_COLUMNS)).astype(
        {c: "str" for c in MAPPING_COLUMNS if c not in ("divided", "default")} | {"divided": "bool", "default": "bool"}
    )


def units_2025(province: str | None = None) -> pd.DataFrame:
    """The commune-level units of 1 July 2025 (of one province), in Vietnamese order of name.

    Columns ``code``, ``name``, ``type`` (commune, ward, special_zone),
    ``province``, ``lat``, ``lon`` (the data set's point for the unit, not
    a surveyed centroid) and ``area_km2``.
    """
    reg = registry()
    pkey = _pkey(province)
    rows = [r for r in reg.new_units if pkey is None or fold(r[3]) == pkey]
    rows.sort(key=lambda r: (vi_sort_key(r[3]), vi_sort_key(r[1])))
    frame = pd.DataFrame(rows, columns=["code", "name", "type", "province", "province_code", "lat", "lon", "area_km2"])
    return frame.drop(columns="province_code").astype({"code": "str", "name": "str", "type": "str", "province": "str"})
