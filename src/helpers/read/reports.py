"""What reading gives: the tidy tables, every problem, the sheet inventory.

:class:`Reports` puts the files' results together in reading order.  Its
tables are built when first asked for (``reports.tables["ratings"]`` or
``reports.ratings``), so a run that only checks never builds a DataFrame
and never imports pandas.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .result import SHEET_COLUMNS, FileResult
from .problems import Problem, ReportError, problems_frame

_SHEET_DTYPES = {"file": "str", "sheet": "str", "status": "str", "kind": "str", "district": "str",
                 "year": "Int64", "rows": "Int64", "reason": "str", "format": "str"}


class Tables(Mapping):
    """Table name → tidy DataFrame, each built on first use."""

    def __init__(self, stores: dict[str, Store], names: tuple[str, ...]):
        self._stores, self._names, self._frames = stores, names, {}

    def __getitem__(self, name: str):
        if name not in self._names:
            raise KeyError(name)
        frame = self._frames.get(name)
        if frame is None:
            from .store import Store

            store = self._stores.get(name) or Store(name)
            frame = self._frames[name] = store.frame()
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class Reports:
    """What :func:`helpers.read.read_reports` found.

    Attributes
    ----------
    tables : mapping
        Table name → tidy DataFrame (``helpers.schema.COLUMNS``), one per
        registered kind, and ``form_rows`` (the official forms' rows);
        ``reports.admissions`` is ``reports.tables["admissions"]``.
    problems : list of Problem
        Every problem, errors and warnings, in reading order.
    sheets : DataFrame
        One row per sheet (or per unreadable file): file, sheet, status
        (read, skipped, failed), kind, district, year, rows (units read),
        reason.
    """

    def __init__(self, results: list[FileResult], *, tables: bool = True):
        self.problems: list[Problem] = [p for r in results for p in r.problems]
        self.sheet_rows: list[tuple] = [s for r in results for s in r.sheets]
        self._kinds = {(r.display, sheet): kind for r in results for sheet, kind in r.kinds.items()}
        self._formula_like = any(r.formula_like() for r in results)
        stores: dict = {}  # table -> helpers.read.store.Store
        for r in results:
            for name, store in r.stores.items():
                if name not in stores:
                    from .store import Store

                    stores[name] = Store(name)
                stores[name].extend(store)
        self._stores = stores
        self._has_tables = tables
        if tables:
            from .. import kinds

            self.tables = Tables(stores, kinds.tables())
        else:
            self.tables = Tables(stores, ())
        self._sheets = None

    def __getattr__(self, name: str):
        from .. import kinds

        if name.startswith("_") or name not in kinds.tables():
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        if not self._has_tables:
            raise AttributeError(f"the tables were not kept (read with tables=False): no {name!r}")
        return self.tables[name]

    @property
    def sheets(self):
        if self._sheets is None:
            import pandas as pd

            f = pd.DataFrame.from_records(self.sheet_rows, columns=list(SHEET_COLUMNS))
            self._sheets = f.astype(_SHEET_DTYPES) if len(f) else pd.DataFrame(
                {c: pd.Series(dtype=d) for c, d in _SHEET_DTYPES.items()})
        return self._sheets

    def rows(self, table: str):
        """The tidy rows of ``table`` as tuples, in the columns' order, without building a DataFrame."""
        store = self._stores.get(table)
        return iter(()) if store is None else store.rows()

    def store(self, table: str):
        """The tidy rows of ``table`` as the reader keeps them (:class:`helpers.read.store.Store`)."""
        from .store import Store

        return self._stores.get(table) or Store(table)

    def row_count(self, table: str) -> int:
        store = self._stores.get(table)
        return 0 if store is None else len(store)

    @property
    def formula_like(self) -> bool:
        """Whether any text in the tables could be taken for a formula by a spreadsheet."""
        return self._formula_like

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def problems_frame(self):
        """The problems as a DataFrame (file, sheet, cell, severity, message)."""
        return problems_frame(self.problems)

    def raise_for_errors(self) -> None:
        """Raise :class:`ReportError` listing every error, if there is any."""
        if self.has_errors:
            raise ReportError(self.errors)

    def errors_of(self, kind: str) -> list[Problem]:
        """The errors that concern ``kind``: its sheets' and whole files'."""
        return [p for p in self.errors if p.sheet is None or self._kinds.get((p.file, p.sheet)) in (kind, None)]

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={self.row_count(n)}" for n in self.tables)
        return f"Reports({counts}, problems={len(self.problems)}, sheets={len(self.sheet_rows)})"
