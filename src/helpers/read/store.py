"""The rows of one tidy table, kept as columns while files are read.

The common columns (province, district, commune, unit, unit type, unit
code, year, period, source) are the same for every tidy row of one unit
row of a sheet: they are kept once a unit
row, and each tidy row refers to its unit row.  A ratings unit row gives
about ten tidy rows.  The DataFrame is built once, at the end, column by
column with its dtype known; the CSV export writes from the same columns.

Examples
--------
>>> s = Store("breakthrough_tasks")
>>> s.add((["Tuyên Quang"], ["Chiêm Hóa"], [None], ["Hòa Phú"], ["commune"], ["02335"], [2023], ["year"],
...        ["t.xlsx!2023!B8"]), ([5], [20], [18]))
>>> len(s), next(s.rows())[3:]
(1, ('Hòa Phú', 'commune', '02335', 2023, 'year', 't.xlsx!2023!B8', 5, 20, 18))
>>> s.frame()["tasks"].tolist()
[20]
"""

from __future__ import annotations

from itertools import islice

from .. import kinds
from ..kinds.declare import COMMON
from ..kinds.vocabulary import LEVELS

#: The columns every table starts with.
N_COMMON = len(COMMON)
_LEVEL_CODES = {None: -1, **{level: i for i, level in enumerate(LEVELS)}}
_NONE = type(None)


class Store:
    """The rows of one tidy table, as columns (see the module docstring)."""

    def __init__(self, table: str):
        self.table = table
        self.names = list(kinds.dtypes(table))
        self.units: list[list] = [[] for _ in range(N_COMMON)]
        self.rest: list[list] = [[] for _ in self.names[N_COMMON:]]
        #: the unit row of each tidy row; None while each unit row has one tidy row
        self.refs: list[int] | None = None

    def __len__(self) -> int:
        return len(self.units[0]) if self.refs is None else len(self.refs)

    def add(self, units, rest, refs=None) -> None:
        """Add unit rows (``units``: one sequence per common column) and their tidy rows.

        ``rest`` holds the other columns of the tidy rows; ``refs`` gives
        each tidy row's unit row (0 is the first one added here), ``None``
        when each unit row has one tidy row.
        """
        base = len(self.units[0])
        for col, new in zip(self.units, units, strict=True):
            col.extend(new)
        for col, new in zip(self.rest, rest, strict=True):
            col.extend(new)
        added = len(self.units[0]) - base
        if refs is None:
            if self.refs is not None:
                self.refs.extend(range(base, base + added))
        else:
            if self.refs is None:
                self.refs = list(range(base))
            self.refs.extend(map(base.__add__, refs))
        if {len(self)} != set(map(len, self.rest)) or len(set(map(len, self.units))) != 1:
            raise AssertionError(f"the columns of {self.table} differ in length")

    def extend(self, other: Store) -> None:
        """Append another store's rows (the same table)."""
        refs = other.refs
        self.add(other.units, other.rest, refs)

    def drop(self, unit_rows: set[int]) -> None:
        """Remove unit rows and their tidy rows (a report read twice)."""
        if not unit_rows:
            return
        keep = [i for i in range(len(self.units[0])) if i not in unit_rows]
        new_index = {old: new for new, old in enumerate(keep)}
        refs = self.refs if self.refs is not None else range(len(self.units[0]))
        tidy = [k for k, r in enumerate(refs) if r not in unit_rows]
        self.units = [[col[i] for i in keep] for col in self.units]
        self.rest = [[col[k] for k in tidy] for col in self.rest]
        if self.refs is not None:
            self.refs = [new_index[self.refs[k]] for k in tidy]

    def columns(self) -> list[list]:
        """Every column in full, one item a tidy row."""
        if self.refs is None:
            return [*self.units, *self.rest]
        return [*(list(map(col.__getitem__, self.refs)) for col in self.units), *self.rest]

    def rows(self, start: int = 0, stop: int | None = None):
        """The tidy rows from ``start`` to ``stop`` as tuples, without copying the columns."""
        stop = len(self) if stop is None else min(stop, len(self))
        rest = [islice(col, start, stop) for col in self.rest]
        if self.refs is None:
            units = [islice(col, start, stop) for col in self.units]
        else:
            refs = self.refs[start:stop]
            units = [map(col.__getitem__, refs) for col in self.units]
        return zip(*units, *rest)

    def blocks(self, size: int):
        """The table in blocks of at most ``size`` tidy rows: ``(unit columns, other columns, refs)``.

        The unit columns hold the unit rows the block's tidy rows refer to;
        ``refs`` gives each tidy row's unit row within the block (``None``
        when each unit row has one tidy row).
        """
        for start in range(0, len(self), size):
            stop = min(start + size, len(self))
            rest = [col[start:stop] for col in self.rest]
            if self.refs is None:
                yield [col[start:stop] for col in self.units], rest, None
                continue
            refs = self.refs[start:stop]
            first, last = refs[0], refs[-1] + 1
            yield [col[first:last] for col in self.units], rest, [r - first for r in refs]

    def texts(self):
        """Every distinct text of the table's text columns (for the formula check)."""
        out = set()
        for name, col in zip(self.names, [*self.units, *self.rest]):
            if kinds.dtypes(self.table)[name] == "str":
                out.update(v for v in col if type(v) is str)
        return out

    def frame(self):
        """The tidy DataFrame, each column built with its dtype known.

        Falls back to :func:`helpers.schema.conform` of the records when a
        value has another type than its column's.
        """
        from .. import schema

        dtypes = [kinds.dtypes(self.table)[n] for n in self.names]
        units = _arrays(dtypes[:N_COMMON], self.units)
        rest = _arrays(dtypes[N_COMMON:], self.rest)
        if units is None or rest is None:
            import pandas as pd

            rows = list(self.rows())
            if not rows:
                return schema.empty(self.table)
            return schema.conform(self.table, pd.DataFrame.from_records(rows, columns=self.names))
        if self.refs is not None:
            import numpy as np

            take = np.fromiter(self.refs, np.intp, len(self.refs))
            units = [a.take(take) for a in units]
        import pandas as pd

        return pd.DataFrame(dict(zip(self.names, [*units, *rest])), copy=False)


def _arrays(dtypes: list, cols: list[list]) -> list | None:
    """Each column as a pandas array of its dtype; ``None`` if a value has the wrong type."""
    out = []
    for col, dtype in zip(cols, dtypes, strict=True):
        array = _array(dtype, col)
        if array is None:
            return None
        out.append(array)
    return out


def _array(dtype, col: list):
    import numpy as np
    import pandas as pd

    found = set(map(type, col))
    if dtype == "str":
        return pd.array(np.array(col, dtype=object), dtype="str") if found <= {str} else None
    if dtype in ("Int64", "boolean"):
        want = int if dtype == "Int64" else bool
        if not found <= {want, _NONE}:
            return None
        mask = np.fromiter(map(_NONE.__instancecheck__, col), bool, len(col))
        values = np.fromiter((0 if v is None else v for v in col), np.int64 if want is int else bool, len(col))
        return pd.arrays.IntegerArray(values, mask) if want is int else pd.arrays.BooleanArray(values, mask)
    if dtype == "Float64":
        if not found <= {int, float, _NONE}:
            return None
        mask = np.fromiter(map(_NONE.__instancecheck__, col), bool, len(col))
        values = np.fromiter((0.0 if v is None else v for v in col), np.float64, len(col))
        return pd.arrays.FloatingArray(values, mask)
    if dtype == "level":
        from .. import schema

        try:
            codes = np.fromiter(map(_LEVEL_CODES.__getitem__, col), np.int8, len(col))
        except (KeyError, TypeError):
            return None
        return pd.Categorical.from_codes(codes, dtype=schema.LEVEL_DTYPE)
    return None
