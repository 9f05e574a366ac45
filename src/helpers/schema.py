"""The tidy tables: their names, columns and dtypes (data contract §3).

Every reader returns frames conformed here, and every indicator may rely on
these columns and dtypes.

Examples
--------
>>> empty("admissions").columns.tolist()[:6]
['district', 'unit', 'unit_type', 'year', 'source', 'target']
>>> str(empty("ratings")["level"].dtype)
'category'
"""

from __future__ import annotations

import pandas as pd

TABLES = ("admissions", "ratings", "placements", "breakthrough_tasks")

#: The four rating levels, worst first.
LEVELS = ("not_completed", "completed", "good", "excellent")
LEVEL_DTYPE = pd.CategoricalDtype(list(LEVELS), ordered=True)

#: The three rated subjects.
SUBJECTS = ("organisation", "cells", "members")

#: The commune-level and agency unit types.
UNIT_TYPES = ("commune", "town", "ward", "agency")

COMMON: dict[str, object] = {
    "district": "str",
    "unit": "str",
    "unit_type": "str",
    "year": "Int64",
    "source": "str",
}

COLUMNS: dict[str, dict[str, object]] = {
    "admissions": {
        **COMMON,
        "target": "Int64",
        "admitted": "Int64",
        "female": "Int64",
        "ethnic_minority": "Int64",
        "youth_union": "Int64",
        "religious": "Int64",
    },
    # A missing level on a "members" row counts members not rated (new,
    # ill, exempt): kept for the share of rated members, never a level.
    "ratings": {
        **COMMON,
        "subject": "str",
        "level": LEVEL_DTYPE,
        "count": "Int64",
    },
    "placements": {
        **COMMON,
        "secretary_non_local": "boolean",
        "secretary_chairs_pc": "boolean",
        "pc_chair_non_local": "boolean",
        "pc_vice_chairs": "Int64",
        "pc_vice_chairs_non_local": "Int64",
        "officials_members": "Int64",
        "officials_in_village_cells": "Int64",
        "officials_in_village_committees": "Int64",
    },
    "breakthrough_tasks": {
        **COMMON,
        "cadres": "Int64",
        "tasks": "Int64",
        "tasks_completed": "Int64",
    },
}

#: The figure columns of each table (after the common ones).
FIGURES: dict[str, tuple[str, ...]] = {
    name: tuple(c for c in cols if c not in COMMON) for name, cols in COLUMNS.items()
}


def empty(table: str) -> pd.DataFrame:
    """An empty frame with ``table``'s columns and dtypes."""
    return conform(table, pd.DataFrame({c: [] for c in COLUMNS[table]}))


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly ``table``'s columns, in order, and dtypes.

    Missing figure columns come out as all-missing; extra columns are an
    error (a reader bug, not bad input).

    >>> f = conform("breakthrough_tasks", pd.DataFrame({
    ...     "district": ["Chiêm Hóa"], "unit": ["Hòa Phú"], "unit_type": ["commune"],
    ...     "year": [2023], "source": ["a.xlsx!2023!B8"], "tasks": [4]}))
    >>> f.dtypes.astype(str).tolist()
    ['str', 'str', 'str', 'Int64', 'str', 'Int64', 'Int64', 'Int64']
    >>> f["cadres"].isna().all()
    np.True_
    """
    cols = COLUMNS[table]
    extra = set(frame.columns) - set(cols)
    if extra:
        raise ValueError(f"{table}: unexpected columns {sorted(extra)}")
    out = pd.DataFrame(index=frame.index)
    for name, dtype in cols.items():
        values = frame[name] if name in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="object")
        out[name] = values.astype(dtype)
    return out.reset_index(drop=True)
