"""Reading an official form sheet (Biểu số 2-BTCTW …) into the tidy table ``form_rows``.

:func:`read_form` reads a sheet :func:`helpers.read.formlayout.find_form`
found: the reporting committee, year and period from the header block and
title (:func:`helpers.read.place.place_of`, as for every report), then each
row's label matched against the form's declared rows
(:func:`helpers.kinds.formdecl.row_key`), its figures parsed, the form's
rules checked (:mod:`helpers.read.formchecks`) and one tidy row written per
criterion (and per "of whom" column, Biểu 2B's "Trong đó: nữ").  An unknown
row is a warning naming its cell; a missing required row is an error.
A row that repeats a declared criterion (Biểu 2's "Có kết nạp đảng viên"
under Đảng bộ cơ sở, then under Chi bộ cơ sở) is the next one of that
wording in declared order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat
from types import SimpleNamespace

from ..kinds import forms as _forms
from ..kinds.formdecl import Form, FormRow, row_key
from .cells import cell_ref, cfold, is_blank, parse_count
from .formchecks import check_form, form_problem
from .formlayout import Block, FormLayout
from .place import Place, place_of

#: Lines that end a form's table: the signing date and the signatures.
_FOOTER = re.compile(r"\bngày (?:\d|tháng)|\btháng \d|^người lập|^trưởng ban|^t ?m ban|^thủ trưởng|^ghi chú|^xác nhận")


@dataclass
class Entry:
    """One criterion read: its row, the "of whom" column it comes from, its figures and their cells."""

    row: FormRow
    of: str | None
    label_cell: str
    label_at: tuple[int, int]
    values: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    #: decimals of each figure as printed (None: computed, full precision)
    decimals: dict[str, int | None] = field(default_factory=dict)

    @property
    def criterion(self) -> str:
        return self.row.key if self.of is None else f"{self.row.key}.{self.of}"


class _Matcher:
    """Row labels → declared rows, in declared order (see the module docstring)."""

    def __init__(self, form: Form):
        self.order = list(form.rows())
        self.by_key: dict[str, list[int]] = {}
        for i, r in enumerate(self.order):
            for w in r.labels:
                self.by_key.setdefault(row_key(w), []).append(i)
        for ids in self.by_key.values():
            ids[:] = sorted(set(ids))
        #: a section's heading → the place before its first row (its rows are looked for from there)
        self.titles: dict[str, int] = {}
        start = 0
        for section in form.sections:
            for t in section.titles:
                self.titles.setdefault(row_key(t), start - 1)
            start += len(section.rows)
        self.used: set[int] = set()
        self.last = -1

    def heading(self, key: str) -> str:
        """A section's heading row (no figures): its rows are looked for from its first one."""
        self.last = self.titles[key]
        return "title"

    def match(self, key: str) -> FormRow | str | None:
        """The row a label key names; ``"title"`` for a section heading; ``"repeat"``; ``None`` if unknown."""
        ids = self.by_key.get(key)
        if not ids:
            if key in self.titles:
                self.last = self.titles[key]
                return "title"
            return None
        free = [i for i in ids if i not in self.used]
        if not free:
            return "repeat"
        i = next((i for i in free if i > self.last), free[0])
        self.used.add(i)
        self.last = i
        return self.order[i]


def read_form(res, sheet: str, rows: list[list], layout: FormLayout) -> int:
    """Read one form sheet into ``form_rows``; return 1 (it is a report sheet)."""
    form, lang = layout.form, res.options.lang
    kind = f"{_forms.TABLE}/{form.number}"
    res.kinds[sheet] = _forms.TABLE
    for code, cell, params in layout.notes:
        res.add(code, "warning", sheet, cell, **params)
    place = place_of(res.options, rows, layout.top, sheet, layout.lines)
    if (place.district is None and place.needs_district) or place.year is None:
        if place.district is None and place.needs_district:
            res.add("no_district", "error", sheet, "A1")
        if place.year is None:
            res.add("no_year", "error", sheet, "A1")
        res.sheet_row(sheet, "failed", kind, place.district, place.year, reason="no_year" if place.year is None else "no_district")
        return 1
    place = place.with_province(res, sheet, SimpleNamespace(unit_col=0, data_start=len(rows)), rows)
    if place.province is None:
        res.sheet_row(sheet, "failed", kind, place.district, place.year, reason="no_province")
        return 1
    entries = _entries(res, sheet, rows, layout)
    found = {e.row.key for e in entries}
    for row in form.required():
        if row.key not in found:
            res.problems.append(form_problem(res, "form_missing_row", "error", sheet, layout.header_cell,
                                             label=row.label, form=form.name[lang]))
    check_form(res, sheet, form, entries)
    n = _emit(res, sheet, form, place, entries)
    res.sheet_row(sheet, "read", kind, place.district, place.year, n)
    return 1


def _entries(res, sheet: str, rows: list[list], layout: FormLayout) -> list[Entry]:
    """Every criterion the sheet's rows give, block after block, in reading order (each criterion once)."""
    out: list[Entry] = []
    matcher = _Matcher(layout.form)
    for block in layout.blocks:
        for r in range(layout.data_start, len(rows)):
            row = rows[r]
            if _is_footer(row):
                break
            out.extend(_row_entries(res, sheet, r, row, block, matcher))
    return out


def _is_footer(row: list) -> bool:
    return any(type(v) is str and _FOOTER.search(cfold(v)) for v in row)


def _row_entries(res, sheet: str, r: int, row: list, block: Block, matcher: _Matcher) -> list[Entry]:
    lc = block.label_col
    label = row[lc] if lc < len(row) else None
    filled = [c for c in block.columns if c < len(row) and not is_blank(row[c])]
    if is_blank(label):
        if filled:
            res.problems.append(form_problem(res, "form_unlabelled_row", "warning", sheet, cell_ref(r, lc)))
        return []
    key = row_key(str(label))
    if not key:
        return []
    got = matcher.heading(key) if not filled and key in matcher.titles else matcher.match(key)
    if got == "title":
        return []
    if got is None or got == "repeat":
        code = "form_unknown_row" if got is None else "form_repeated_row"
        res.problems.append(form_problem(res, code, "warning", sheet, cell_ref(r, lc), label=str(label).strip()))
        return []
    entries: dict[str | None, Entry] = {}
    for c, column in block.columns.items():
        entry = entries.setdefault(column.of, Entry(got, column.of, cell_ref(r, lc), (r, lc)))
        value = row[c] if c < len(row) else None
        entry.cells[column.field] = cell_ref(r, c)
        entry.values[column.field], entry.decimals[column.field] = _figure(res, sheet, cell_ref(r, c), value,
                                                                          got.is_count and column.field != "percent")
    return list(entries.values())


def _figure(res, sheet: str, cell: str, value, count: bool) -> tuple[object, int | None]:
    """A figure cell: (value or None, decimals as printed); a bad cell is an error naming it."""
    if is_blank(value):
        return None, 0
    if count:
        n, code = parse_count(value)
        if code is not None:
            res.add(code, "error", sheet, cell, value=value)
            return None, 0
        return n, 0
    return _decimal(res, sheet, cell, value)


def _decimal(res, sheet: str, cell: str, value) -> tuple[float | None, int | None]:
    if type(value) in (int, float) and type(value) is not bool:
        text = repr(float(value))
        decimals = len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else None
        return float(value), (decimals if decimals is not None and decimals <= 4 else None)
    s = str(value).strip().rstrip("%").strip()
    if s in ("-", "–", "—"):
        return None, 0
    s = s.replace(",", ".") if s.count(",") == 1 and "." not in s else s
    try:
        f = float(s)
    except ValueError:
        res.add("not_number", "error", sheet, cell, value=value)
        return None, 0
    return f, (len(s.split(".")[1]) if "." in s else 0)


def _emit(res, sheet: str, form: Form, place: Place, entries: list[Entry]) -> int:
    """The tidy rows of a form sheet; the report key for reports read twice and the cross-check."""
    unit, unit_type, code = committee_unit(place)
    res.report(sheet, (f"{_forms.TABLE}:{form.number}", place.province, place.district, place.commune, place.year,
                       place.period), len(entries))
    total = next((e for e in entries if e.row.key == "total" and e.of is None), None)
    if total is not None and form.number == "2-BTCTW":
        res.forms.append((sheet, (place.province, place.district, place.commune, place.year, place.period),
                          total.values.get("value"), total.cells.get("value")))
    if not res.keep_rows or not entries:
        return len(entries)
    n = len(entries)
    where = f"{res.display}!{sheet}!"
    common = (repeat(place.province, n), repeat(place.district, n), repeat(place.commune, n), repeat(unit, n),
              repeat(unit_type, n), repeat(code, n), repeat(place.year, n), repeat(place.period, n),
              [where + e.label_cell for e in entries])
    common = tuple(list(c) for c in common)
    rest = ([form.number] * n, [form.section_of(e.row.key).code for e in entries], [e.criterion for e in entries],
            [_label(form, e) for e in entries], *([_float(e.values.get(f)) for e in entries]
                                                   for f in ("value", "previous", "percent")))
    res.texts.update(t for t in (place.province, place.district, place.commune, unit) if t)
    res.texts.add(f"{res.display}!{sheet}")
    first = res.add_rows(_forms.TABLE, common, rest)
    if res.options.details:
        for k, e in enumerate(entries):
            figures = tuple(e.values.get(f) for f in ("value", "previous", "percent"))
            res.details.append((_forms.TABLE, (form.number, e.criterion), common[-1][k], first + k, figures))
    return n


def _float(v) -> float | None:
    return None if v is None else float(v)


def _label(form: Form, e: Entry) -> str:
    if e.of is None:
        return e.row.label
    column = next(c for c in form.columns if c.of == e.of)
    return f"{e.row.label} – {column.label or column.heading[-1]}"


def committee_unit(place: Place) -> tuple[str | None, str, str | None]:
    """(unit, unit_type, unit_code) of the committee whose form it is."""
    if place.level == "province":
        return place.province, "province", None
    if place.level == "commune":
        from ..units import resolve_unit

        found = resolve_unit(place.province, None, place.commune, None, place.year)
        return place.commune, (found.unit_type if found else "commune"), (found.unit_code if found else None)
    from ..units import resolve_district

    found = {m.district_code for m in resolve_district(place.province, place.district, place.year)}
    return place.district, "district", (found.pop() if len(found) == 1 else None)
