"""The reading engine: files -> sheets -> rows -> tidy rows and problems.

Private to :mod:`helpers.read`; the public functions there are thin wrappers.
Rows of every table are gathered as Python tuples across all files and each
DataFrame is built once at the end.
"""

from __future__ import annotations

import functools
import os
from itertools import chain, compress, repeat
from operator import add, gt, itemgetter, lt, methodcaller, ne
from operator import sub as sub_
from pathlib import Path

from .. import schema
from ..i18n import get_lang
from ..text import canonical, split_unit_name
from .cells import ccanonical, cell_ref, cfold, col_letter, display_value, is_blank
from .cells import parse_count, parse_yes_no
from .files import find_workbooks
from .workbook import open_book
from .kinds import KINDS, QUIET_EXTRAS, classify_column, kind_from_title, level_of, required_ok
from .layout import HEADER_SCAN, find_table, header_district, header_year, is_group_marker, is_row_number, title_lines, title_text, total_label
from .messages import EXPECTED, FIELD_HEADINGS, KIND_NAMES, MESSAGES, REASONS
from .problems import Problem, problem

SHEET_COLUMNS = ("file", "sheet", "status", "kind", "district", "year", "rows", "reason")
_LEVELS_BEST_FIRST = ("excellent", "good", "completed", "not_completed")
_PARTS = {
    "admissions": (("female", "admitted"), ("ethnic_minority", "admitted"), ("youth_union", "admitted"), ("religious", "admitted")),
    "placements": (
        ("pc_vice_chairs_non_local", "pc_vice_chairs"),
        ("officials_in_village_cells", "officials_members"),
        ("officials_in_village_committees", "officials_members"),
    ),
    "breakthrough_tasks": (("tasks_completed", "tasks"),),
}
_OPTIONAL_BLANK_OK = frozenset({"target"})


def _optional(module: str, name: str):
    """A function of a sibling module that may not exist yet, else ``None``."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


class Engine:
    """One reading run: gathers tidy rows, problems and the sheet inventory."""

    def __init__(self, district: str | None = None, lang: str | None = None):
        self.lang = get_lang(lang)
        self.district = canonical(district) if district else None
        #: table -> its rows so far, as columns
        self.stores: dict[str, _Store] = {t: _Store(t) for t in schema.TABLES}
        self.problems: list[Problem] = []
        self.sheets: list[tuple] = []
        self.sheet_kinds: dict[tuple[str, str], str | None] = {}
        self._inspect = _optional("helpers.read.guard", "inspect_file")
        self._to_unicode = _optional("helpers.legacy", "to_unicode")
        self._known_type = _optional("helpers.units", "known_unit_type")
        self._type_cache: dict[tuple, str] = {}
        self._bare_cache: dict[tuple, tuple[str, str]] = {}
        #: unit-column text -> (text, total kind); numbering cell -> (text, total kind, group marker, row number)
        self._label_memo: dict[str, tuple] = {}
        self._tt_memo: dict[object, tuple] = {}
        #: unit-name cell text -> (legacy encoding, converted text, name, type, folded name)
        self._unit_memo: dict[str, tuple] = {}
        #: (district, year) -> unit-name cell text -> (name, type, folded name)
        self._units_of: dict[tuple, dict[str, tuple]] = {}
        #: cell value -> parsed (value, code, has figure), per column type
        self._memos: dict[str, dict] = {"count": {}, "word": {}, "yes_no": {}}
        self._legacy_cache: dict[str, tuple[str, str | None]] = {}
        self._plain_cells: set = set()
        self._reader_specs: dict[tuple, dict] = {}
        #: every text that goes into a table (for the export's formula check)
        self.texts: set[str] = set()
        #: table -> its store, for the tables :meth:`frames` built from it directly
        self.frame_stores: dict[str, _Store] = {}
        #: level word -> its level (or None)
        self._levels = _Levels()

    def _legacy(self, text: str) -> tuple[str, str | None]:
        """``legacy.to_unicode``, remembered per text (header words repeat)."""
        got = self._legacy_cache.get(text)
        if got is None:
            got = self._legacy_cache[text] = self._to_unicode(text)
        return got

    # --- problems ---------------------------------------------------------
    def _add(self, code: str, severity: str, file: str, sheet=None, cell=None, **params) -> None:
        self.problems.append(problem(MESSAGES, code, severity, file=file, sheet=sheet, cell=cell, lang=self.lang, **params))

    def _reason(self, key: str) -> str:
        return REASONS[key][self.lang]

    # --- files ------------------------------------------------------------
    def read(self, paths) -> None:
        for path, display, exists in find_workbooks(paths):
            if not exists:
                self._add("not_found", "error", str(path))
                self.sheets.append((display, None, "failed", None, None, None, 0, self._reason("not_found")))
                continue
            self.read_file(path, display)

    def read_file(self, path: Path, display: str) -> None:
        source: Path | bytes = path
        fmt = None
        if self._inspect is not None:
            check = self._inspect(path, display, lang=self.lang)
            self.problems.extend(check.problems)
            if check.fatal:
                self.sheets.append((display, None, "failed", None, None, None, 0, self._reason("unreadable")))
                return
            if check.data is not None:
                source = check.data  # the bytes the guard checked
            fmt = check.format
        try:
            wb = open_book(source, fmt)
            metas = list(wb.sheets)
        except Exception as exc:  # noqa: BLE001 - any failure of a bad file is a problem
            self._add("unreadable", "error", display, detail=_detail(exc))
            self.sheets.append((display, None, "failed", None, None, None, 0, self._reason("unreadable")))
            return
        try:
            any_cells = reports = hidden = 0
            for meta in metas:
                name = meta.name
                if not (meta.visible and meta.worksheet):
                    hidden += 1
                    self.sheets.append((display, name, "skipped", None, None, None, 0, self._reason("hidden")))
                    continue
                try:
                    rows, merges = wb.cells(name)
                except Exception as exc:  # noqa: BLE001
                    self._add("sheet_failed", "error", display, name, detail=_detail(exc))
                    self.sheets.append((display, name, "failed", None, None, None, 0, self._reason("unreadable")))
                    continue
                if not (any(any(row) for row in rows) and any(not is_blank(v) for row in rows for v in row)):
                    self.sheets.append((display, name, "skipped", None, None, None, 0, self._reason("empty")))
                    continue
                any_cells += 1
                reports += self.read_sheet(display, name, rows, merges)
            if not any_cells and not hidden:
                self._add("empty_workbook", "error", display)
            elif not reports:
                self._add("no_report", "warning", display)
        finally:
            wb.close()

    # --- sheets -----------------------------------------------------------
    def _legacy_rows(self, display, sheet, rows, upto: int) -> bool:
        """Convert legacy-encoded text in the top rows, in place, with warnings."""
        conv = self._legacy
        if self._to_unicode is None:
            return False
        changed = False
        plain = self._plain_cells  # values known to hold no legacy text
        for r in range(min(upto, len(rows))):
            row = rows[r]
            try:
                if all(map(plain.__contains__, row)):
                    continue
            except TypeError:  # an unhashable value: look at each cell
                pass
            for c, v in enumerate(row):
                if type(v) is str and v and not v.isascii():
                    new, enc = conv(v)
                    if enc:
                        row[c] = new
                        changed = True
                        self._add("legacy_text", "warning", display, sheet, cell_ref(r, c), encoding=enc, text=canonical(new))
                        continue
                try:
                    plain.add(v)
                except TypeError:
                    pass
        return changed

    def read_sheet(self, display: str, sheet: str, rows: list[list], merges) -> int:
        """Read one sheet; return 1 if it is a report sheet, else 0."""
        table = find_table(rows, merges)
        # legacy-encoded text (TCVN3, VNI): convert the title and header
        # rows (all the top rows when no header was recognised), then look again
        if self._legacy_rows(display, sheet, rows, table.data_start if table is not None else HEADER_SCAN):
            table = find_table(rows, merges)
        top = table.top if table is not None else min(len(rows), 15)
        lines = title_lines(rows, top)  # the title, district and year are read from these cells
        title = title_text(rows, top, lines=lines)
        kind = kind_from_title(title)
        if table is None:
            if kind is not None and any(title.startswith(w) or f"| {w}" in title for w in ("kết quả", "báo cáo", "tổng hợp", "biểu")):
                self._fail(display, sheet, kind, None, None, "no_unit_column", None)
                return 1
            self.sheets.append((display, sheet, "skipped", None, None, None, 0, self._reason("not_report")))
            return 0
        header_cell = cell_ref(table.top, min(table.paths) if table.paths else 0)
        if kind is None:
            scores = {k: sum(classify_column(k, p) is not None for c, p in table.paths.items() if c not in (table.unit_col, table.tt_col)) for k in KINDS}
            best = max(KINDS, key=lambda k: scores[k])
            if scores[best] == 0:
                if table.unit_col is None:
                    self.sheets.append((display, sheet, "skipped", None, None, None, 0, self._reason("not_report")))
                    return 0
                self._fail(display, sheet, None, None, None, "no_kind", header_cell)
                return 1
            kind = best
        district = header_district(rows, top, lines=lines) or self.district
        year = header_year(rows, top, sheet, lines=lines)
        self.sheet_kinds[(display, sheet)] = kind
        if table.unit_col is None:
            self._fail(display, sheet, kind, district, year, "no_unit_column", header_cell)
            return 1
        paths = tuple(sorted((c, p) for c, p in table.paths.items() if c not in (table.unit_col, table.tt_col)))
        cols, notes = _figure_columns(kind, paths)
        for code, c, params in notes:
            self._add(code, "warning", display, sheet, cell_ref(*table.path_cells[c]), **params)
        if not required_ok(kind, {s.field for s in cols.values()}):
            self._add(
                "missing_figure", "error", display, sheet, header_cell,
                kind=KIND_NAMES[kind][self.lang], expected=EXPECTED[kind][self.lang],
            )
            self.sheets.append((display, sheet, "failed", kind, district, year, 0, self._reason("missing_figure")))
            return 1
        if district is None or year is None:
            if district is None:
                self._add("no_district", "error", display, sheet, "A1")
            if year is None:
                self._add("no_year", "error", display, sheet, "A1")
            self.sheets.append((display, sheet, "failed", kind, district, year, 0, self._reason("no_district" if district is None else "no_year")))
            return 1
        n = _SheetReader(self, display, sheet, rows, table, kind, cols, district, year).run()
        self.sheets.append((display, sheet, "read", kind, district, year, n, ""))
        return 1

    def _fail(self, display, sheet, kind, district, year, code, cell) -> None:
        self._add(code, "error", display, sheet, cell)
        self.sheet_kinds[(display, sheet)] = kind
        self.sheets.append((display, sheet, "failed", kind, district, year, 0, self._reason(code)))

    def unit_type(self, district: str, name: str, year: int) -> str:
        key = (district, name, year)
        t = self._type_cache.get(key)
        if t is None:
            t = None
            if self._known_type is not None:
                try:
                    t = self._known_type(district, name, year)
                except Exception:  # noqa: BLE001 - the registry is optional
                    t = None
            t = t or "agency"
            self._type_cache[key] = t
        return t

    def label_info(self, label: object) -> tuple[str, str | None]:
        """A unit-column cell of a table row: (its text, its total kind or None). Remembered per text."""
        lab = label.strip() if type(label) is str else display_value(label) if label is not None else ""
        if self._to_unicode is not None and lab and not lab.isascii():
            lab = self._legacy(lab)[0]
        got = (lab, total_label(lab) if lab else None)
        if type(label) is str:
            self._label_memo[label] = got
        return got

    def unit_text(self, raw: object) -> tuple:
        """A unit-name cell read: (legacy encoding, converted text, name, type, folded name).

        The encoding and text are ``None`` unless the cell was legacy-encoded;
        the type is ``None`` for a bare name.  Remembered per text.
        """
        text = raw if type(raw) is str else display_value(raw)
        enc = shown = None
        if self._to_unicode is not None and not text.isascii():
            new, enc = self._legacy(text)
            if enc:
                text = new
                shown = canonical(new)
        name, utype = _split(text)
        got = (enc, shown, name, utype, cfold(name))
        if type(raw) is str:
            self._unit_memo[raw] = got
        return got

    def bare_unit(self, district: str, name: str, year: int) -> tuple[str, str]:
        """The name and type of a unit written without an administrative word.

        A name whose folded key (``text.unit_key``) matches a unit of
        ``district`` in the registry takes the registry's spelling and type
        ("KHO BẠC NHÀ NƯỚC HUYỆN" -> "Kho bạc Nhà nước huyện", agency); any
        other keeps its own and is an agency.
        """
        key = (district, name, year)
        got = self._bare_cache.get(key)
        if got is None:
            spelled = _registry_name(district, name, year)
            got = self._bare_cache[key] = (spelled or name, self.unit_type(district, name, year))
        return got

    # --- results ----------------------------------------------------------
    def add(self, table: str, district: str, names, utypes, year: int, sources, rest, refs=None) -> None:
        """Add unit rows and tidy rows to ``table`` (see :class:`_Store`).

        ``names``, ``utypes`` and ``sources`` hold one item a unit row (all
        of them share ``district`` and ``year``); ``rest`` holds the other
        columns of the tidy rows.  ``refs`` gives each tidy row's unit row
        (0 is the first one added here); ``None``: one tidy row a unit row.
        """
        n = len(names)
        self.stores[table].add((repeat(district, n), names, utypes, repeat(year, n), sources), rest, refs)

    def extend_rows(self, table: str, rows: list[tuple]) -> None:
        """Add tidy rows to ``table``, given as tuples (each its own unit row)."""
        if rows:
            columns = list(zip(*rows, strict=True))
            self.stores[table].add(columns[:_UNIT_COLUMNS], columns[_UNIT_COLUMNS:], None)

    def frames(self):
        """The four tidy DataFrames.

        A table whose values all have their column's type is built column
        by column and its store kept in :attr:`frame_stores` (the export
        writes its CSV from it); any other is conformed from its records by
        :func:`helpers.schema.conform`.
        """
        out = {}
        self.frame_stores.clear()
        for t in schema.TABLES:
            store = self.stores[t]
            frame = store.frame() if len(store) else None
            if frame is None:
                frame = _records_frame(t, store.records())
            else:
                self.frame_stores[t] = store
            out[t] = frame
        return out

    def formula_like(self) -> bool:
        """Whether any text in the tables could be taken for a formula.

        Uses the trigger of :mod:`helpers.safety` when it offers one; without
        it, every text counts as formula-like (the export then always
        neutralises).
        """
        trigger = _optional("helpers.safety", "_TRIGGER")
        if trigger is None:
            return True
        return any(trigger.match(t) for t in self.texts)

    def sheets_frame(self):
        import pandas as pd

        f = pd.DataFrame.from_records(self.sheets, columns=list(SHEET_COLUMNS))
        dtypes = {"file": "str", "sheet": "str", "status": "str", "kind": "str", "district": "str", "year": "Int64", "rows": "Int64", "reason": "str"}
        return f.astype(dtypes) if len(f) else pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


_LEVEL_CODES = {None: -1, **{level: i for i, level in enumerate(schema.LEVELS)}}
_NONE = type(None)


def _records_frame(table: str, rows: list[tuple]):
    """The tidy frame of ``rows`` of any Python values, conformed by :mod:`helpers.schema`."""
    import pandas as pd

    if not rows:
        return schema.empty(table)
    return schema.conform(table, pd.DataFrame.from_records(rows, columns=list(schema.COLUMNS[table])))


#: district, unit, unit_type, year, source: the columns every table starts with
_UNIT_COLUMNS = 5


class _Store:
    """The rows of one tidy table, as columns.

    The first five columns (district, unit, unit_type, year, source) are
    the same for every tidy row of one unit row of a sheet: they are kept
    once a unit row, in :attr:`units`, and each tidy row refers to its unit
    row (:attr:`refs`; ``None`` while each unit row has one tidy row, the
    n-th row the n-th unit row).  :attr:`rest` holds the other columns.
    A ratings unit row gives about ten tidy rows.
    """

    def __init__(self, table: str):
        self.table = table
        assert list(schema.COLUMNS[table])[:_UNIT_COLUMNS] == ["district", "unit", "unit_type", "year", "source"]
        self.units: list[list] = [[] for _c in range(_UNIT_COLUMNS)]
        self.rest: list[list] = [[] for _c in list(schema.COLUMNS[table])[_UNIT_COLUMNS:]]
        self.refs: list[int] | None = None

    def __len__(self) -> int:
        return len(self.units[0]) if self.refs is None else len(self.refs)

    def add(self, units, rest, refs) -> None:
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

    def columns(self) -> list[list]:
        """Every column in full, one item a tidy row."""
        if self.refs is None:
            return [*self.units, *self.rest]
        return [*(list(map(col.__getitem__, self.refs)) for col in self.units), *self.rest]

    def records(self) -> list[tuple]:
        return list(zip(*self.columns()))

    def frame(self):
        """The tidy frame, each column built with its dtype known, or ``None`` if a value has the wrong type.

        What ``schema.conform`` of the records gives, without inferring types.
        """
        dtypes = list(schema.COLUMNS[self.table].items())
        units = _arrays(dtypes[:_UNIT_COLUMNS], self.units)
        rest = _arrays(dtypes[_UNIT_COLUMNS:], self.rest)
        if units is None or rest is None:
            return None
        if self.refs is not None:
            import numpy as np

            take = np.fromiter(self.refs, np.intp, len(self.refs))
            units = [a.take(take) for a in units]
        import pandas as pd

        return pd.DataFrame(dict(zip(schema.COLUMNS[self.table], [*units, *rest])), copy=False)


def _arrays(dtypes: list[tuple[str, object]], cols: list[list]) -> list | None:
    """Each column as a pandas array of its dtype; ``None`` if a value has the wrong type."""
    import numpy as np
    import pandas as pd

    out = []
    for col, (_name, dtype) in zip(cols, dtypes, strict=True):
        kinds = set(map(type, col))
        if dtype == "str":
            if not kinds <= {str}:
                return None
            out.append(pd.array(np.array(col, dtype=object), dtype="str"))
        elif dtype in ("Int64", "boolean"):
            want = int if dtype == "Int64" else bool
            if not kinds <= {want, _NONE}:
                return None
            if _NONE in kinds:
                col = np.array(col, dtype=object)
                mask = col == None  # noqa: E711 - element-wise on an object array
                col[mask] = 0
            else:
                mask = np.zeros(len(col), dtype=bool)
            values = np.asarray(col).astype(np.int64 if want is int else bool)
            out.append(pd.arrays.IntegerArray(values, mask) if want is int else pd.arrays.BooleanArray(values, mask))
        elif dtype is schema.LEVEL_DTYPE:
            try:
                codes = np.fromiter(map(_LEVEL_CODES.__getitem__, col), np.int8, len(col))
            except (KeyError, TypeError):
                return None
            out.append(pd.Categorical.from_codes(codes, dtype=dtype))
        else:
            return None
    return out


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


class _Subject:
    """One rated subject of a ratings sheet (cells or members) and where its figures are."""

    def __init__(self, subject: str, mine: list[tuple[int, str]], pos: dict[int, int]):
        parts = {p: c for c, p in mine}
        self.subject = subject
        self.level_cols = [(lv, parts[lv]) for lv in _LEVELS_BEST_FIRST if lv in parts]
        self.levels = tuple(lv for lv, _c in self.level_cols)
        self.tc, self.nc = parts.get("total"), parts.get("not_rated")
        self.all_cs = [c for c, _p in mine]
        # positions in a row's parses
        self.tp = pos[self.tc] if self.tc is not None else None
        self.np = pos[self.nc] if self.nc is not None else None
        self.all_pos = [pos[c] for c in self.all_cs]
        self.level_pos = [pos[c] for _lv, c in self.level_cols]
        self.all_get = _getter(self.all_pos)
        self.level_get = _getter(self.level_pos)


class _ReaderSpec:
    """What a sheet reader derives from its kind and columns alone.

    A row's parses are a tuple with one entry per figure column, in column
    order, then ``_NO_CELL`` (position -1: a figure the sheet has no column
    for); ``pos`` maps a column to its position.
    """

    def __init__(self, engine: Engine, kind: str, cols: dict):
        self.fig_cols = fc = sorted(cols)
        self.pos = pos = {c: i for i, c in enumerate(fc)}
        self.fig_types = [(c, cols[c].ctype) for c in fc]
        mine = [(subject, [(c, cols[c].part) for c in fc if cols[c].field == subject]) for subject in ("cells", "members")]
        self.subjects = [_Subject(s, m, pos) for s, m in mine if m]
        # one-row-per-unit kinds: (field, column or None, warn when blank)
        by_field = {spec.field: c for c, spec in cols.items() if spec.part is None}
        self.field_cols = [
            (f, by_field.get(f), f not in _OPTIONAL_BLANK_OK and (f in by_field and cols[by_field[f]].ctype == "count"))
            for f in schema.FIGURES[kind]
        ] if kind != "ratings" else []
        self.part_cols = [(by_field[p], by_field[w]) for p, w in _PARTS.get(kind, ()) if p in by_field and w in by_field]
        at = {c: k for k, (_f, c, _w) in enumerate(self.field_cols) if c is not None}
        self.part_at = [(at[p], at[w]) for p, w in self.part_cols]  # positions among the field values
        self.word_cols = [c for c in fc if cols[c].ctype == "word"]
        self.x_cols = [c for c in fc if cols[c].ctype == "x"]
        self.x_pos = [pos[c] for c in self.x_cols]
        self.x_parts = [cols[c].part for c in self.x_cols]
        self.getter = _getter(fc)
        self.memos = tuple(engine._memos[ctype if ctype in ("count", "word") else "yes_no"] for _c, ctype in self.fig_types)


class _SheetReader:
    """Reads the rows of one located report table."""

    def __init__(self, engine: Engine, display, sheet, rows, table, kind, cols, district, year):
        self.e = engine
        self.display, self.sheet, self.rows, self.t = display, sheet, rows, table
        self.kind, self.cols, self.district, self.year = kind, cols, district, year
        key = (kind, tuple(sorted(cols.items())))
        spec = engine._reader_specs.get(key)
        if spec is None:  # sheets of one template share their column layout
            spec = engine._reader_specs[key] = _ReaderSpec(engine, kind, cols).__dict__
        self.__dict__.update(spec)
        self.found: list = []
        fc = self.fig_cols
        self.need = max([*fc, table.unit_col or 0, table.tt_col or 0]) + 1
        self.memo_ok = True  # set by _parse_all

    def add(self, code, severity, cell, **params):
        r, c = _cell_key(cell)
        self.found.append(((r, c, len(self.found)), code, severity, cell, params))

    def flush(self) -> None:
        """Hand this sheet's problems to the engine, in reading order."""
        for _key, code, severity, cell, params in sorted(self.found, key=lambda t: t[0]):
            self.e._add(code, severity, self.display, self.sheet, cell, **params)
        self.found = []

    def _cell(self, row, c):
        return row[c] if c < len(row) else None

    def _parse_all(self, body: list[list]) -> list[bool]:
        """Parse the figure cells of ``body``'s rows, column by column; return whether each row holds a figure.

        Sets, one list a figure column and one item a body row:
        ``parsed`` (value, problem code or None, holds a figure),
        ``values`` and ``has`` (its first and third items), and per column
        ``code_any`` (whether any of its cells has a problem).  Rows shorter
        than the table are padded with ``None`` (an absent cell), in place.
        Cell values repeat (0, 1, "-", "x" …): each value's parse is
        remembered per column type, and each column is looked up in its
        memo at C speed, with no call per row.
        """
        need = self.need
        if min(map(len, body), default=need) < need:
            for row in body:
                if len(row) < need:
                    row.extend([None] * (need - len(row)))
        columns = list(zip(*map(self.getter, body))) or [()] * len(self.fig_cols)
        # True == 1.0 as a dict key: a sheet whose figure or numbering cells
        # hold booleans is parsed without the memos
        tc = self.t.tt_col
        numbering = map(itemgetter(tc), body) if tc is not None else ()
        self.memo_ok = memo_ok = bool not in set(map(type, chain(chain.from_iterable(columns), numbering)))
        parsed = []
        for (_c, ctype), memo, col in zip(self.fig_types, self.memos, columns):
            got = list(map(memo.get, col)) if memo_ok else [None] * len(col)
            if None in got:
                for i, g in enumerate(got):
                    if g is None:
                        v = col[i]
                        g = got[i] = _entry(ctype, v)
                        if memo_ok:
                            try:
                                memo[v] = g
                            except TypeError:  # an unhashable value: not remembered
                                pass
            parsed.append(got)
        self.parsed = parsed
        self.values = [list(map(_FIRST, got)) for got in parsed]
        self.code_any = [any(map(_SECOND, got)) for got in parsed]
        self.has = [list(map(_THIRD, got)) for got in parsed]
        return list(map(any, zip(*self.has))) if parsed else [False] * len(body)

    def _row_vals(self, b: int) -> tuple:
        """The parses of body row ``b``: one a figure column, then ``_NO_CELL``."""
        return (*[got[b] for got in self.parsed], _NO_CELL)

    def run(self) -> int:
        t = self.t
        uc, tc = t.unit_col, t.tt_col
        data: list[tuple[int, int, int]] = []  # (row, section, body row)
        totals: list[tuple[int, str, list, int]] = []
        section = 0
        since_sub: list[int] = []  # data-row indexes of the current section not yet sub-totalled
        group_open: dict[int, list[int]] = {}
        head_totals: list[tuple[int, int]] = []
        e = self.e
        rows = self.rows
        start = t.data_start
        all_has = self._parse_all(rows[start:])
        labels = e._label_memo
        # True == 1.0 as a dict key: numbering cells are remembered only in a sheet without booleans
        numbers = e._tt_memo if self.memo_ok else {}
        no_tt = ("", None, False, False)
        for b, (row, has) in enumerate(zip(rows[start:], all_has)):
            label = row[uc]
            got = labels.get(label) if type(label) is str else None
            lab, lkind = got if got is not None else e.label_info(label)
            if tc is None:
                ttx, tkind, marker, number = no_tt
            else:
                tt = row[tc]
                got = numbers.get(tt)
                if got is None:
                    got = _tt_info(tt)
                    if self.memo_ok:
                        try:
                            numbers[tt] = got
                        except TypeError:  # unhashable: not remembered
                            pass
                ttx, tkind, marker, number = got
            if not lab and not ttx and not has:
                continue
            kind = lkind if lab else tkind
            if kind is not None:
                totals.append((b + start, kind, list(since_sub), b))
                if kind in ("sub",):
                    since_sub = []
                continue
            if marker or (lab and not has and not number):
                section += 1
                since_sub = []
                group_open[section] = []
                if has:
                    head_totals.append((b + start, section))
                    totals.append((b + start, "head", [], b))
                continue
            if not (has or number):
                continue
            if not lab:
                self.add("no_unit_name", "error", cell_ref(b + start, uc))
            idx = len(data)
            data.append((b + start, section, b))
            since_sub.append(idx)
            group_open.setdefault(section, []).append(idx)
        grouped = section > 0
        head_sections = {r: s for r, s in head_totals}
        for r, kind, sub_rows, b in totals:
            every = list(range(len(data)))
            if kind == "grand":
                options = [every]
            elif kind == "sub":
                options = [sub_rows]
            elif kind == "head":
                options = [group_open.get(head_sections[r], [])]
            else:  # a bare "Cộng": a sub-total when a group is open, else the grand total
                options = [sub_rows, every] if grouped and sub_rows else [every, sub_rows]
            self._check_total(r, b, data, [o for o in options if o])
        n = self._emit(data)
        self.flush()
        return n

    def _check_total(self, r, b, data, options) -> None:
        if not options:
            return
        results = []
        vals = self._row_vals(b)
        for cover in options:
            bad = []
            take = _taker([data[i][2] for i in cover])
            for (c, ctype), got, values, (total, code, _h), any_code in zip(self.fig_types, self.parsed, self.values, vals, self.code_any):
                if ctype == "word":
                    continue
                if ctype == "count":
                    if total is None:
                        continue
                    if code is not None:
                        bad.append((c, None, None, code, total))
                        continue
                    if any_code and any(map(_SECOND, take(got))):
                        continue  # a bad cell in the range: reported on its own
                    s = sum(filter(None, take(values)))
                else:
                    tv, tcode = parse_count(self._cell(self.rows[r], c))
                    if tv is None:
                        continue
                    if tcode is not None:
                        bad.append((c, None, None, tcode, tv))
                        continue
                    total = tv
                    s = take(values).count(True)  # yes/no values are True, False or None
                if s != total:
                    bad.append((c, total, s, None, None))
            results.append((bad, cover))
            if not bad:
                return
        bad, cover = results[0]
        first, last = data[cover[0]][0], data[cover[-1]][0]
        for c, total, s, code, value in bad:
            if code is not None:
                self.add(code, "error", cell_ref(r, c), value=display_value(value))
                continue
            L = col_letter(c)
            self.add("total_mismatch", "error", cell_ref(r, c), at=cell_ref(r, c), total=total, range=f"{L}{first + 1}:{L}{last + 1}", sum=s)

    # --- tidy rows ------------------------------------------------------------
    def _emit(self, data) -> int:
        """Add the tidy rows of the unit rows in ``data`` to the engine; return the units emitted.

        The unit names are read first (duplicates are known only after the
        last row), then the figures, column by column.  Problems are sorted
        by cell when flushed, so working by column rather than by row
        leaves their order unchanged.
        """
        if not data:
            return 0
        uc = self.t.unit_col
        e = self.e
        district, year = self.district, self.year
        where = f"{self.display}!{self.sheet}"
        e.texts.update((district, where))
        where = f"{where}!{col_letter(uc)}"
        rs = list(map(_FIRST, data))
        bidx = list(map(_THIRD, data))
        raws = list(map(itemgetter(uc), map(self.rows.__getitem__, rs)))  # rows are padded past uc
        # raw name -> (name, type, folded name) of this district and year; names
        # in a legacy encoding are not remembered (each gets its warning)
        known = e._units_of.get((district, year))
        if known is None:
            known = e._units_of[(district, year)] = {}
        try:
            units = list(map(known.get, raws))
        except TypeError:  # an unhashable value
            units = [None] * len(raws)
        if None in units:
            blank = []
            for i, u in enumerate(units):
                if u is not None:
                    continue
                raw = raws[i]
                if is_blank(raw):
                    blank.append(i)  # no name: reported by run(), left out here
                    continue
                got = e._unit_memo.get(raw) if type(raw) is str else None
                enc, shown, name, utype, fkey = got if got is not None else e.unit_text(raw)
                if utype is None:  # a bare name: the registry's spelling and type, else an agency
                    name, utype = e.bare_unit(district, name, year)
                    fkey = cfold(name)
                u = units[i] = (name, utype, fkey)
                if enc:
                    self.add("legacy_text", "warning", cell_ref(rs[i], uc), encoding=enc, text=shown)
                elif type(raw) is str:
                    known[raw] = u
            if blank:
                keep = sorted(set(range(len(units))) - set(blank))
                units, rs, bidx = [units[i] for i in keep], [rs[i] for i in keep], [bidx[i] for i in keep]
                if not units:
                    return 0
        names = list(map(_FIRST, units))
        utypes = list(map(_SECOND, units))
        keys = list(map(_TAIL2, units))
        bad: set[int] = set()
        if len(set(keys)) != len(keys):
            seen: dict[tuple[str, str], int] = {}
            for j, key in enumerate(keys):
                if key in seen:
                    f = seen[key]
                    self.add("duplicate_unit", "error", cell_ref(rs[j], uc), unit=names[j],
                             first=cell_ref(rs[f], uc), second=cell_ref(rs[j], uc))
                    bad.update((j, f))
                else:
                    seen[key] = j
        e.texts.update(names)
        sources = list(map(where.__add__, map(str, map((1).__add__, rs))))
        args = (rs, bidx, names, utypes, sources, bad)
        return self._emit_ratings_all(*args) if self.kind == "ratings" else self._simple_all(*args)

    def _simple_all(self, rs, bidx, names, utypes, sources, bad) -> int:
        """Emit the units of a one-row-per-unit kind; return how many were emitted.

        The checks run over whole columns; only rows where one fails go
        through :meth:`_simple_slow`, which reports them.
        """
        n = len(bidx)
        take = _taker(bidx)
        pos = self.pos
        values = []
        slow: set[int] = set()
        for _f, c, warn in self.field_cols:
            if c is None:
                values.append([None] * n)
                continue
            p = pos[c]
            column = take(self.values[p])
            if self.code_any[p]:  # a bad cell somewhere in the column
                slow.update(j for j, g in enumerate(take(self.parsed[p])) if g[1] is not None)
            if warn and None in column:  # a blank to warn about
                slow.update(j for j, v in enumerate(column) if v is None)
            values.append(column)
        for a, b in self.part_at:  # a part past its whole
            parts, wholes = values[a], values[b]
            if not slow and None not in parts and None not in wholes:  # numbers only
                if any(map(gt, parts, wholes)):
                    slow.update(j for j, (p, w) in enumerate(zip(parts, wholes)) if p > w)
            else:  # rows with a bad cell are already slow: their values need not be numbers
                slow.update(j for j, (p, w) in enumerate(zip(parts, wholes))
                            if p is not None and w is not None and j not in slow and p > w)
        district, year = self.district, self.year
        if not slow and not bad:
            self.e.add(self.kind, district, names, utypes, year, sources, values)
            return n
        out = list(zip(repeat(district), names, utypes, repeat(year), sources, *values))
        for j in sorted(slow):
            out[j] = self._simple_slow(rs[j], self._row_vals(bidx[j]), out[j][:5])
        out = [row for j, row in enumerate(out) if row is not None and j not in bad]
        self.e.extend_rows(self.kind, out)
        return len(out)

    def _blank(self, r, c, field) -> None:
        heading = " / ".join(self.t.paths.get(c, (FIELD_HEADINGS.get(field, field),)))
        self.add("blank", "warning", cell_ref(r, c), heading=heading)

    def _simple_slow(self, r, vals, common):
        """One unit row checked cell by cell, its problems reported: its tidy row, or ``None`` on an error."""
        ok = True
        values = []
        pos = self.pos
        for field, c, warn in self.field_cols:
            if c is None:
                values.append(None)
                continue
            value, code, _h = vals[pos[c]]
            if code is not None:
                self.add(code, "error", cell_ref(r, c), value=display_value(self._cell(self.rows[r], c)))
                ok = False
            elif value is None and warn:
                self._blank(r, c, field)
            values.append(value)
        for pc, wc in self.part_cols:
            p, w = vals[pos[pc]], vals[pos[wc]]
            if p[1] is None and w[1] is None and p[0] is not None and w[0] is not None and p[0] > w[0]:
                self.add(
                    "part_gt_whole", "error", cell_ref(r, pc),
                    part_cell=cell_ref(r, pc), part=" / ".join(self.t.paths[pc]), part_value=p[0],
                    whole_cell=cell_ref(r, wc), whole=" / ".join(self.t.paths[wc]), whole_value=w[0],
                )
                ok = False
        return common + tuple(values) if ok else None

    def _emit_ratings_all(self, rs, bidx, names, utypes, sources, bad) -> int:
        """Emit the units of a ratings sheet; return how many were emitted.

        A sheet whose rows raise no problem is emitted column by column
        (:meth:`_ratings_columns`); any other goes unit by unit through
        :meth:`_emit_ratings`, which reports the problems.
        """
        fast = None if bad else self._ratings_columns(bidx)
        district, year = self.district, self.year
        if fast is not None:
            unit, subject, level, count = fast
            self.e.add("ratings", district, names, utypes, year, sources, (subject, level, count), refs=unit)
            return len(bidx)
        out: list[tuple] = []
        n = 0
        commons = zip(repeat(district), names, utypes, repeat(year), sources)
        for j, (r, b, common) in enumerate(zip(rs, bidx, commons)):
            rows = self._emit_ratings(r, self._row_vals(b), common)
            if rows is not None and j not in bad:
                out.extend(rows)
                n += 1
        self.e.extend_rows("ratings", out)
        return n

    def _ratings_columns(self, bidx) -> tuple[list, list, list, list] | None:
        """The ratings rows of units that raise no problem, as columns; ``None`` if any unit would.

        Returns (unit index, subject, level, count), one item a tidy row, in
        the order :meth:`_emit_ratings` gives them unit after unit.  Each
        unit's rows fill "slots" (its organisation's level, then each level
        of each subject, then the members not rated); a slot is a column
        over the units with a selector saying which units have it.
        """
        n = len(bidx)
        take = _taker(bidx)
        for got, any_code in zip(self.parsed, self.code_any):
            if any_code and any(map(_SECOND, take(got))):
                return None  # a bad cell
        values = self.values
        slots: list[tuple] = []  # (subject, level or levels, count or counts, selector or None)
        if self.word_cols:
            p = self.pos[self.word_cols[0]]
            if not all(take(self.has[p])):
                return None  # a blank or an unknown level
            slots.append(("organisation", list(map(self.e._levels.__getitem__, take(values[p]))), repeat(1, n), None))
        elif self.x_cols:
            marks = list(zip(*[take(values[p]) for p in self.x_pos]))  # per unit: True, False or None a column
            if list(map(_count_true, marks)).count(1) != n:
                return None  # no mark, or several
            slots.append(("organisation", list(map(self.x_parts.__getitem__, map(_index_true, marks))), repeat(1, n), None))
        zero = _NONE_AS_ZERO
        for sub in self.subjects:
            blanks = list(map(_count_none, zip(*[take(values[p]) for p in sub.all_pos])))
            k = len(sub.all_pos)
            if blanks.count(0) + blanks.count(k) != n:
                return None  # a subject partly blank
            applies = list(map((0).__eq__, blanks))
            counts = [list(map(zero, col, col)) for col in (take(values[p]) for p in sub.level_pos)]
            sums = list(map(sum, zip(*counts))) if counts else [0] * n
            not_rated = take(values[sub.np]) if sub.np is not None else None
            if sub.tp is not None:
                totals = take(values[sub.tp])
                totals = list(map(zero, totals, totals))
                if not_rated is not None:
                    if any(map(ne, map(add, sums, map(zero, not_rated, not_rated)), totals)):
                        return None  # levels and not rated disagree with the total
                else:
                    if any(map(gt, sums, totals)):
                        return None  # levels past the total
                    if sub.subject == "members":
                        not_rated = list(map(sub_, totals, sums))
                    elif any(map(lt, sums, totals)):
                        return None  # levels short of the total: a warning
            for lv, count in zip(sub.levels, counts):
                slots.append((sub.subject, repeat(lv, n), count, applies))
            if sub.subject == "members" and not_rated is not None:
                slots.append(("members", repeat(None, n), not_rated, applies))
        if not slots:
            return [], [], [], []
        width = len(slots)
        select = list(chain.from_iterable(zip(*[s[3] if s[3] is not None else repeat(True, n) for s in slots])))

        def flat(items):  # unit after unit, slot after slot, kept where selected
            return list(compress(chain.from_iterable(zip(*items)), select))

        unit = flat([range(n)] * width)
        subject = flat([repeat(s[0], n) for s in slots])
        level = flat([s[1] for s in slots])
        count = flat([s[2] for s in slots])
        return unit, subject, level, count

    def _emit_ratings(self, r, vals, common):
        """One ratings unit checked cell by cell, its problems reported: its tidy rows, or ``None`` on an error."""
        ok = True
        pos = self.pos
        if any(map(_SECOND, vals)):
            for c in self.fig_cols:
                code = vals[pos[c]][1]
                if code is not None:
                    self.add(code, "error", cell_ref(r, c), value=display_value(self._cell(self.rows[r], c)))
                    ok = False
        out = []
        # the organisation's own level: a level word, or one x-mark
        if self.word_cols:
            c = self.word_cols[0]
            v = self._cell(self.rows[r], c)
            if is_blank(v):
                self._blank(r, c, "organisation")
            else:
                level = level_of(v) if type(v) is str else None
                if level is None:
                    self.add("unknown_level", "error", cell_ref(r, c), value=display_value(v))
                    ok = False
                else:
                    out.append(common + ("organisation", level, 1))
        elif self.x_cols and ok:
            marked = [c for c in self.x_cols if vals[pos[c]][0] is True]
            if len(marked) != 1:
                shown = marked or self.x_cols
                self.add("x_marks", "error", cell_ref(r, shown[0]), n=len(marked), cells=", ".join(cell_ref(r, c) for c in shown))
                ok = False
            else:
                out.append(common + ("organisation", self.cols[marked[0]].part, 1))
        if not ok:
            return None
        # chi bộ trực thuộc (cells) and đảng viên (members): counts per level
        for sub in self.subjects:
            subject, level_cols, tc, nc = sub.subject, sub.level_cols, sub.tc, sub.nc
            every = tuple(map(_FIRST, sub.all_get(vals)))
            if None in every:
                blanks = [c for c, v in zip(sub.all_cs, every) if v is None]
                if len(blanks) == len(sub.all_cs):
                    continue  # the subject does not apply to this unit
                for c in blanks:
                    self._blank(r, c, subject)
            total = vals[sub.tp][0] if tc is not None else None
            not_rated = vals[sub.np][0] if nc is not None else None
            counts = tuple(map(_FIRST, sub.level_get(vals)))
            complete = None not in counts
            level_sum = sum(counts) if complete else sum(v for v in counts if v is not None)
            if total is not None:
                if nc is not None and not_rated is not None and complete:
                    if level_sum + not_rated != total:
                        self.add("levels_mismatch", "error", cell_ref(r, tc), cells=self._span(r, level_cols, nc),
                                 sum=level_sum + not_rated, total_cell=cell_ref(r, tc), total=total)
                        ok = False
                elif level_sum > total:
                    self.add("levels_past_total", "error", cell_ref(r, tc), cells=self._span(r, level_cols, nc),
                             sum=level_sum, total_cell=cell_ref(r, tc), total=total)
                    ok = False
                elif subject == "members" and nc is None and complete:
                    not_rated = total - level_sum
                elif subject == "cells" and level_sum < total and complete:
                    self.add("levels_short", "warning", cell_ref(r, tc), cells=self._span(r, level_cols, nc),
                             sum=level_sum, total_cell=cell_ref(r, tc), total=total)
            out.extend(map(common.__add__, zip(repeat(subject), sub.levels, counts)))
            if subject == "members" and (nc is not None or total is not None) and not_rated is not None:
                out.append(common + ("members", None, not_rated))
        return out if ok else None

    @staticmethod
    def _span(r, level_cols, nc) -> str:
        cs = sorted([c for _level, c in level_cols] + ([nc] if nc is not None else []))
        return ", ".join(cell_ref(r, c) for c in cs)


_FIRST, _SECOND, _THIRD = map(itemgetter, range(3))
_TAIL2 = itemgetter(2, 1)  # (name, type, folded name) -> (folded name, type)
_count_true = methodcaller("count", True)  # x-marks parse to True, False or None: never 1
_index_true = methodcaller("index", True)
_count_none = methodcaller("count", None)
#: ``_NONE_AS_ZERO(v, v)``: ``v``, or 0 for ``None``
_NONE_AS_ZERO = {None: 0}.get


class _Levels(dict):
    """Level word -> its level (``kinds.level_of``), each word looked up once."""

    def __missing__(self, word):
        level = self[word] = level_of(word) if type(word) is str else None
        return level


@functools.lru_cache(maxsize=1024)
def _figure_columns(kind: str, paths: tuple[tuple[int, tuple[str, ...]], ...]) -> tuple[dict, list]:
    """The figure columns of a header: ({column: spec}, [(warning code, column, params)]).

    ``paths`` are (column, header path) of the columns besides TT and
    unit, left to right.  Sheets of one template share their header, so
    the answer is remembered; the caller must not change it.
    """
    cols: dict[int, object] = {}
    notes: list[tuple[str, int, dict]] = []
    seen: dict[tuple, int] = {}
    for c, path in paths:
        spec = classify_column(kind, path)
        heading = " / ".join(path)
        if spec is None:
            if cfold(" ".join(path)) not in QUIET_EXTRAS:
                notes.append(("extra_column", c, {"heading": heading}))
            continue
        key = (spec.field, spec.part)
        if key in seen:
            notes.append(("duplicate_column", c, {"heading": heading, "first": col_letter(seen[key])}))
            continue
        seen[key] = c
        cols[c] = spec
    return cols, notes


def _tt_info(tt: object) -> tuple[str, str | None, bool, bool]:
    """A numbering cell: (its text, its total kind or None, group marker, row number)."""
    ttx = tt.strip() if type(tt) is str else ""
    return (ttx, total_label(ttx) if ttx else None, is_group_marker(tt), is_row_number(tt))


def _taker(idx: list[int]):
    """A function giving the items at ``idx`` of a sequence, as a tuple (at C speed)."""
    if len(idx) == 1:
        return lambda seq, i=idx[0]: (seq[i],)
    if not idx:
        return lambda _seq: ()
    return itemgetter(*idx)


def _getter(keys):
    """``itemgetter(*keys)`` that always returns a tuple (of 0, 1 or more items)."""
    keys = list(keys)
    if not keys:
        return lambda _obj: ()
    if len(keys) == 1:
        return lambda obj, k=keys[0]: (obj[k],)
    return itemgetter(*keys)

#: The parse of a figure the sheet has no column for.
_NO_CELL = (None, None, False)


def _entry(ctype: str, v: object) -> tuple[object, str | None, bool]:
    """A figure cell parsed: (value, problem code or None, holds a figure)."""
    if ctype == "count":
        t = type(v)
        if t is float and v.is_integer() and v >= 0:
            return (int(v), None, True)
        if t is str and v.isdigit() and v.isascii():
            return (int(v), None, True)
        if v is None or (t is str and v == ""):
            return (None, None, False)
        value, code = parse_count(v)
        return (value, code, value is not None and (code is None or t in (int, float)))
    if ctype == "word":
        return (v, None, type(v) is str and bool(v.strip()) and level_of(v) is not None)
    yn = parse_yes_no(v)
    return (yn, None if yn is not None else "not_yes_no", yn is not None and not is_blank(v))


def _cell_key(cell: str | None) -> tuple[int, int]:
    if not cell:
        return (-1, -1)
    i = 0
    while i < len(cell) and cell[i].isalpha():
        i += 1
    col = 0
    for ch in cell[:i]:
        col = col * 26 + ord(ch.upper()) - 64
    return (int(cell[i:] or 0), col)


@functools.lru_cache(maxsize=16384)
def _split(text: str) -> tuple[str, str | None]:
    return split_unit_name(ccanonical(text))



@functools.lru_cache(maxsize=1)
def _registry_names() -> dict[tuple[str, str], list[tuple[int, int, str]]]:
    """(folded district, unit key) -> [(first year, last year, registry name)], oldest first."""
    load = _optional("helpers.units", "load_units")
    if load is None:
        return {}
    from ..text import fold, unit_key

    units = load()
    index: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for district, name, start, end in zip(units["district"], units["name"], units["valid_from"], units["valid_to"]):
        # valid in a report year when valid on its 31 December (as helpers.units)
        first = -1 if start != start else start.year
        last = 10_000 if end != end else end.year - 1
        index.setdefault((fold(district), unit_key(name)), []).append((first, last, name))
    for spans in index.values():
        spans.sort(key=lambda s: s[0])
    return index


@functools.lru_cache(maxsize=8192)
def _registry_name(district: str | None, name: str, year: int | None) -> str | None:
    """The registry's spelling of a bare unit name of ``district``, or ``None``."""
    if not district:
        return None
    from ..text import fold, unit_key

    try:
        spans = _registry_names().get((fold(district), unit_key(name)))
    except Exception:  # noqa: BLE001 - the registry is optional
        return None
    if not spans:
        return None
    if year is not None:
        for first, last, spelled in spans:
            if first <= year <= last:
                return spelled
    return spans[-1][2]
