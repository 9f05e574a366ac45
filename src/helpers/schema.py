"""The tidy tables: their names, columns and dtypes (data contract §3).

Every table is a registered report kind (:mod:`helpers.kinds`); this module
turns the kinds' declarations into pandas dtypes.  Every reader returns
frames conformed here, and every indicator may rely on these columns and
dtypes.  ``TABLES``, ``COLUMNS`` and ``FIGURES`` follow the registry: a
kind registered later is a table too.

Examples
--------
>>> empty("admissions").columns.tolist()[:10]
['province', 'district', 'commune', 'unit', 'unit_type', 'unit_code', 'year', 'period', 'source', 'target']
>>> str(empty("ratings")["level"].dtype)
'category'
>>> import helpers.schema as schema
>>> schema.TABLES
('admissions', 'ratings', 'placements', 'breakthrough_tasks')
"""

from __future__ import annotations

from . import kinds as _kinds
from .kinds.declare import COMMON as _COMMON
from .kinds.vocabulary import LEVELS

#: The three rated subjects.
SUBJECTS = ("organisation", "cells", "members")

#: The unit types (commune-level units, village cells, agencies).
from .text import UNIT_TYPES  # noqa: E402

COMMON: dict[str, object] = dict(_COMMON)


def _level_dtype():
    import pandas as pd

    return pd.CategoricalDtype(list(LEVELS), ordered=True)


def dtype_of(declared: object):
    """The pandas dtype of a declared column type (``"level"`` is the ordered rating levels)."""
    return _level_dtype() if declared == "level" else declared


def columns(table: str) -> dict[str, object]:
    """``table``'s columns, in order, and their pandas dtypes."""
    return {name: dtype_of(t) for name, t in _kinds.dtypes(table).items()}


def __getattr__(name: str):
    # views of the registry, computed when asked (a kind registered later is a table too)
    if name == "TABLES":
        return _kinds.names()
    if name == "COLUMNS":
        return {t: columns(t) for t in _kinds.names()}
    if name == "FIGURES":
        return {k.name: k.figures for k in _kinds.kinds()}
    if name == "LEVEL_DTYPE":
        return _level_dtype()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def empty(table: str):
    """An empty frame with ``table``'s columns and dtypes."""
    import pandas as pd

    return conform(table, pd.DataFrame({c: [] for c in columns(table)}))


def conform(table: str, frame):
    """Return ``frame`` with exactly ``table``'s columns, in order, and dtypes.

    Missing figure columns come out as all-missing; extra columns are an
    error (a reader bug, not bad input).

    >>> import pandas as pd
    >>> f = conform("breakthrough_tasks", pd.DataFrame({
    ...     "district": ["Chiêm Hóa"], "unit": ["Hòa Phú"], "unit_type": ["commune"],
    ...     "year": [2023], "source": ["a.xlsx!2023!B8"], "tasks": [4]}))
    >>> f.dtypes.astype(str).tolist()[5:]
    ['str', 'Int64', 'str', 'str', 'Int64', 'Int64', 'Int64']
    >>> f["cadres"].isna().all()
    np.True_
    """
    import pandas as pd

    cols = columns(table)
    extra = set(frame.columns) - set(cols)
    if extra:
        raise ValueError(f"{table}: unexpected columns {sorted(extra)}")
    out = pd.DataFrame(index=frame.index)
    for name, dtype in cols.items():
        values = frame[name] if name in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="object")
        out[name] = values.astype(dtype)
    return out.reset_index(drop=True)
