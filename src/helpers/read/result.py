"""What reading one file gives, and how files are read: :class:`FileResult`, :class:`Options`.

Kept apart from the reading itself (:mod:`helpers.read.engine`) so that a
reading taken from the cache is used without loading the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import get_lang
from .messages import MESSAGES, REASONS
from .problems import Problem, problem

_NAMES = None  # helpers.read.names.NAMES, loaded with the first file read

#: The columns of the sheet inventory (``format``: what the file really is, whatever its name).
SHEET_COLUMNS = ("file", "sheet", "status", "kind", "district", "year", "rows", "reason", "format")

@dataclass(frozen=True)
class Options:
    """How files are read: the place of sheets that name none, the language, whether to keep tidy rows."""

    district: str | None = None
    lang: str = "vi"
    keep_rows: bool = True
    province: str | None = None
    #: keep each unit's key, source and figures too (to compare a report read twice)
    details: bool = False

    @classmethod
    def make(cls, district: str | None = None, lang: str | None = None, keep_rows: bool = True,
             province: str | None = None) -> Options:
        if district or province:
            from ..text import canonical
        return cls(canonical(district) if district else None, get_lang(lang), keep_rows,
                   canonical(province) if province else None)


class FileResult:
    """What one file gave: its problems, its sheets (``SHEET_COLUMNS`` tuples), its tidy rows."""

    def __init__(self, display: str, options: Options):
        self.display, self.options = display, options
        self.problems: list[Problem] = []
        self.sheets: list[tuple] = []
        self.kinds: dict[str, str | None] = {}
        self.stores: dict = {}  # table -> helpers.read.store.Store
        self.texts: set[str] = set()
        self.format: str | None = None
        #: (sheet, report key, units read) of every report sheet read; the key is (kind, province,
        #: district, commune, year, period)
        self.reports: list[tuple[str, tuple, int]] = []
        #: with Options.details: (table, unit key, source, unit row in the store, figures) of every unit read
        self.details: list[tuple] = []
        #: (sheet, (province, district, commune, year, period), total, its cell) of every Biểu số 2-BTCTW read
        self.forms: list[tuple] = []

    @property
    def keep_rows(self) -> bool:
        return self.options.keep_rows

    @property
    def names(self):
        """The unit names of this process (:data:`helpers.read.names.NAMES`: names repeat across files)."""
        global _NAMES
        if _NAMES is None:
            from .names import NAMES as _NAMES
        return _NAMES

    def add(self, code: str, severity: str, sheet: str | None = None, cell: str | None = None, **params) -> None:
        self.problems.append(problem(MESSAGES, code, severity, file=self.display, sheet=sheet, cell=cell,
                                     lang=self.options.lang, **params))

    def flush(self, sheet: str, found: list[tuple]) -> None:
        """A sheet's problems, in reading order (row, then column)."""
        for _key, code, severity, cell, params in sorted(found, key=lambda t: t[0]):
            self.add(code, severity, sheet, cell, **params)

    def sheet_row(self, sheet, status, kind=None, district=None, year=None, rows=0, reason="") -> None:
        self.sheets.append((self.display, sheet, status, kind, district, year, rows,
                            REASONS[reason][self.options.lang] if reason else "", self.format))

    def fail(self, sheet, reason: str, cell=None, kind=None, district=None, year=None) -> None:
        self.add(reason, "error", sheet, cell)
        self.kinds[sheet] = kind
        self.sheet_row(sheet, "failed", kind, district, year, reason=reason)

    def report(self, sheet: str, key: tuple, units: int) -> None:
        self.reports.append((sheet, key, units))

    def add_rows(self, table: str, common, rest, refs=None) -> int:
        """Add unit rows and their tidy rows to a table; return the first unit row's index in its store."""
        store = self.stores.get(table)
        if store is None:
            from .store import Store

            store = self.stores[table] = Store(table)
        first = len(store.units[0])
        store.add(common, rest, refs)
        return first

    def formula_like(self) -> bool:
        """Whether a text of its tables could be taken for a formula."""
        if not self.texts:
            return False
        from ..formulas import is_formula_like

        return any(map(is_formula_like, self.texts))
