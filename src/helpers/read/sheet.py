"""Reading one located report table: its cells parsed, its rules applied, its tidy rows.

A :class:`SheetReader` takes a sheet's rows, its located table
(:mod:`helpers.read.layout`), its kind and its figure columns
(:mod:`helpers.read.columns`), and

1. parses every figure column of the body once, column by column;
2. classifies the body's rows (:mod:`helpers.read.body`) and reconciles
   every total with the rows it covers;
3. resolves the unit names (:mod:`helpers.read.names`) and finds units
   written twice;
4. applies the kind's rules to every data row at once
   (:mod:`helpers.read.rules`);
5. hands the rows without an error to the tables, and the sheet's
   problems, in cell order, to the file's result.
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from operator import itemgetter

from ..kinds.vocabulary import LEVELS_BEST_FIRST
from ..legacy import DIAGNOSES, ENCODING_NAMES
from . import rules
from .body import Sums, check_totals, classify_rows
from .cells import cell_key, cell_ref, col_letter, is_blank, parse_column


_VALUE, _CODE, _HAS = itemgetter(0), itemgetter(1), itemgetter(2)  # (value, code, has figure) -> each


class _Subject:
    """A rated subject's figure columns in a sheet (levels best first, Tổng số, not rated)."""

    def __init__(self, sheet, subject: str):
        mine = [f for f in sheet.figs if f.field == subject]
        parts = {f.part: f for f in mine}
        self.all_figs = mine
        self.levels = [parts[lv] for lv in LEVELS_BEST_FIRST if lv in parts]
        self.total, self.not_rated = parts.get("total"), parts.get("not_rated")
        self.all_values = [sheet.values(f) for f in mine]
        self.level_values = [sheet.values(f) for f in self.levels]
        self.total_values = sheet.values(self.total) if self.total else None
        self.not_rated_values = sheet.values(self.not_rated) if self.not_rated else None

    def span(self, r: int) -> str:
        cols = sorted([f.col for f in self.levels] + ([self.not_rated.col] if self.not_rated else []))
        return ", ".join(cell_ref(r, c) for c in cols)


class SheetReader:
    """Reads the body of one located report table (see the module docstring)."""

    def __init__(self, result, sheet: str, rows: list[list], table, kind, figs, place):
        self.result, self.sheet, self.table = result, sheet, table
        self.kind, self.figs, self.place = kind, figs, place
        self.found: list[tuple] = []
        self.by_field = {f.field: f for f in figs if f.part is None}
        need = max([f.col for f in figs] + [table.unit_col or 0, table.tt_col or 0]) + 1
        self.body = body = rows[table.data_start:]
        if min(map(len, body), default=need) < need:
            for row in body:
                if len(row) < need:
                    row.extend([None] * (need - len(row)))
        self._parse()

    # --- cells ------------------------------------------------------------------
    def _parse(self) -> None:
        """Parse every figure column of the body (``parsed``: one list a figure, one item a body row)."""
        body, figs = self.body, self.figs
        by_col = list(zip(*body))  # every row holds every figure column (padded): none is cut short
        columns = [by_col[f.col] for f in figs] if body else [() for f in figs]
        tc = self.table.tt_col
        numbering = [row[tc] for row in body] if tc is not None else []
        # True == 1.0 as a dict key: a sheet holding booleans is parsed without the memos
        self.memo_ok = bool not in set(map(type, chain(chain.from_iterable(columns), numbering)))
        self.parsed = [parse_column(f.cell, col, self.memo_ok) for f, col in zip(figs, columns)]
        self._at = {f.col: k for k, f in enumerate(figs)}
        self.code_any = {f.col: any(map(_CODE, got)) for f, got in zip(figs, self.parsed)}

    def parsed_of(self, fig) -> list[tuple]:
        """The parses of a figure's cells, one a body row."""
        return self.parsed[self._at[fig.col]]

    def values(self, fig) -> list:
        """A figure's values, one a data row (``None``: blank or not a number)."""
        return self._columns[self._at[fig.col]][0]

    def codes(self, fig) -> list:
        """A figure's problem codes, one a data row (``None``: the cell is fine)."""
        return self._columns[self._at[fig.col]][1]

    def _data_columns(self) -> None:
        data = self.data
        self._columns = []
        for got in self.parsed:
            cells = list(map(got.__getitem__, data))
            self._columns.append((list(map(_VALUE, cells)), list(map(_CODE, cells))))

    def row_of(self, j: int) -> int:
        """The sheet row (0-based) of data row ``j``."""
        return self.table.data_start + self.data[j]

    # --- problems ----------------------------------------------------------------
    def add(self, code: str, severity: str, cell: str, **params) -> None:
        r, c = cell_key(cell)
        self.found.append(((r, c, len(self.found)), code, severity, cell, params))

    def converted(self, cell: str, encoding: str, text: str) -> None:
        """The warning that ``cell`` was typed in ``encoding`` (:data:`helpers.legacy.ENCODINGS`) and now reads ``text``."""
        self.add("legacy_text", "warning", cell, encoding=ENCODING_NAMES[encoding][self.result.options.lang], text=text)

    def blank(self, r: int, fig) -> None:
        self.add("blank", "warning", cell_ref(r, fig.col), heading=fig.heading)

    def subject(self, name: str) -> _Subject | None:
        return _Subject(self, name) if any(f.field == name for f in self.figs) else None

    # --- the run -------------------------------------------------------------------
    def run(self) -> int:
        """Read the body; return how many units went into the tables."""
        has = list(map(any, zip(*[list(map(_HAS, got)) for got in self.parsed]))) if self.parsed else []
        has = has or [False] * len(self.body)
        rows = classify_rows(self.table, self.body, has, self.memo_ok)
        self.data = rows.data
        self._data_columns()
        uc = self.table.unit_col
        for j in rows.unnamed:
            self.add("no_unit_name", "error", cell_ref(self.row_of(j), uc))
        check_totals(self, rows, Sums(self))
        n = self._units(set(rows.unnamed)) if self.data else 0
        self.result.flush(self.sheet, self.found)
        return n

    def _units(self, unnamed: set[int]) -> int:
        uc, body, data = self.table.unit_col, self.body, self.data
        idx = [j for j, b in enumerate(data) if j not in unnamed and not is_blank(body[b][uc])]
        if not idx:
            return 0
        place = self.place
        raws = [body[data[j]][uc] for j in idx]
        resolved = self.result.names.resolve_all(place.province, place.district, place.year, raws,
                                                 cells=place.level == "commune")
        self._name_notes(idx, raws, resolved)
        dupes = self._duplicates(idx, resolved)
        if self.kind.shape == "levels":
            bad, own, subjects = rules.check_levels(self, idx)
        else:
            bad = rules.check_wide(self, idx)
        keep = [k for k, j in enumerate(idx) if j not in bad and j not in dupes]
        self.result.report(self.sheet, (self.kind.name, place.province, place.district, place.commune, place.year,
                                        place.period), len(keep))
        if not self.result.keep_rows or not keep:
            return len(keep)
        names = [resolved[k] for k in keep]
        kept = [idx[k] for k in keep]
        where = f"{self.result.display}!{self.sheet}!{col_letter(uc)}"
        first = self.table.data_start + 1  # the sheet row (1-based) of body row 0
        n = len(kept)
        common = (repeat(place.province, n), repeat(place.district, n), repeat(place.commune, n),
                  [u.name for u in names], [u.unit_type for u in names], [u.code for u in names],
                  repeat(place.year, n), repeat(place.period, n), [f"{where}{first + data[j]}" for j in kept])
        self.result.texts.update(t for t in (place.province, place.district, place.commune) if t)
        self.result.texts.add(f"{self.result.display}!{self.sheet}")
        self.result.texts.update(u.name for u in names)
        if self.kind.shape == "levels":
            rest, refs = self._emit_levels(kept, own, subjects)
        else:
            rest, refs = self._emit_wide(kept), None
        first = self.result.add_rows(self.kind.name, common, rest, refs)
        if self.result.options.details:
            self._details(names, common[-1], rest, refs, first)
        return len(kept)

    def _details(self, names, sources, rest, refs, first: int) -> None:
        """Each unit's key, source, unit row in the store and tidy figures (to find a report read twice)."""
        figures: list[list] = [[] for _ in names]
        for k, row in enumerate(zip(*rest)):
            figures[k if refs is None else refs[k]].append(row)
        table = self.kind.name
        for k, (unit, source) in enumerate(zip(names, sources)):
            self.result.details.append((table, (unit.key, unit.unit_type), source, first + k, tuple(figures[k])))

    def _name_notes(self, idx: list[int], raws: list, resolved: list[tuple]) -> None:
        """Warnings about unit names: legacy-font text, a unit the registry does not know, a name without diacritics."""
        uc, place = self.table.unit_col, self.place
        lang = self.result.options.lang
        for j, raw, unit in zip(idx, raws, resolved):
            written = unit.written
            if not (written.legacy or written.garbled or unit.note):
                continue
            cell = cell_ref(self.row_of(j), uc)
            if written.legacy:
                self.converted(cell, written.legacy, written.shown)
            elif written.garbled:
                self.add("garbled_text", "warning", cell, what=DIAGNOSES[written.garbled][lang])
            if unit.note == "unknown":
                self.add("unknown_unit", "warning", cell, unit=unit.name, district=place.district or place.province,
                         year=place.year)
            elif unit.note == "approximate":
                self.add("approximate_unit", "warning", cell, written=str(raw).strip(), unit=unit.name)

    def _duplicates(self, idx: list[int], resolved: list[tuple]) -> set[int]:
        """Units written twice in one report: an error naming both cells; both rows left out."""
        uc = self.table.unit_col
        keys = [(u.key, u.unit_type) for u in resolved]
        if len(set(keys)) == len(keys):
            return set()
        seen: dict[tuple[str, str], int] = {}
        bad: set[int] = set()
        for k, key in enumerate(keys):
            if key in seen:
                f = seen[key]
                first, second = cell_ref(self.row_of(idx[f]), uc), cell_ref(self.row_of(idx[k]), uc)
                self.add("duplicate_unit", "error", second, unit=resolved[k].name, first=first, second=second)
                bad.update((idx[k], idx[f]))
            else:
                seen[key] = k
        return bad

    # --- tidy rows ---------------------------------------------------------------------
    def _emit_wide(self, kept: list[int]) -> list[list]:
        rest = []
        for field in self.kind.figures:
            fig = self.by_field.get(field)
            if fig is None:
                rest.append([None] * len(kept))
            else:
                values = self.values(fig)
                rest.append([values[j] for j in kept])
        return rest

    def _emit_levels(self, kept: list[int], own: dict[int, str], subjects) -> tuple[tuple, list[int]]:
        """A unit's tidy rows: its own level, then each subject's levels, then its members not rated.

        Each (subject, level) is a slot: a column over the kept units with
        whether the unit has it; the rows are the slots unit after unit.
        """
        n = len(kept)
        slots: list[tuple] = []  # (subject, level per unit, count per unit, has it per unit)
        if own:
            field = next(f.field for f in self.figs if f.cell in ("word", "x"))
            slots.append((field, [own.get(j) for j in kept], repeat(1, n), [j in own for j in kept]))
        for rule, applies in subjects:
            sub = self.subject(rule.subject)
            if sub is None:
                continue  # the sheet has no column of this subject
            has = [j in applies for j in kept]
            for fig, values in zip(sub.levels, sub.level_values):
                slots.append((rule.subject, repeat(fig.part, n), [values[j] for j in kept], has))
            if rule.not_rated:
                rated = [applies.get(j) for j in kept]
                slots.append((rule.subject, repeat(None, n), rated, [h and v is not None for h, v in zip(has, rated)]))
        if not slots:
            return ([], [], []), []
        select = list(chain.from_iterable(zip(*[s[3] for s in slots])))

        def flat(items):  # unit after unit, slot after slot, where the unit has the slot
            return list(compress(chain.from_iterable(zip(*items)), select))

        refs = flat([range(n)] * len(slots))
        return (flat([repeat(s[0], n) for s in slots]), flat([s[1] for s in slots]), flat([s[2] for s in slots])), refs
