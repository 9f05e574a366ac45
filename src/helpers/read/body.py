"""The rows under a report table's header: data rows, group rows, totals.

A report table's body mixes data rows (a unit and its figures) with group
rows ("I", "Đảng bộ xã, thị trấn"), sub-totals ("Cộng I"), a grand total
("Tổng cộng", "Tổng số", "Cộng", "Toàn huyện" …, at the end or right under
the header), and blank or note rows.  :func:`classify_rows` sorts them out
and says which data rows each total covers; :func:`check_totals` compares
every total with the rows it covers.

Examples
--------
>>> from helpers.read.layout import Table
>>> t = Table(top=0, header_rows=[0], data_start=1, unit_col=1, tt_col=0)
>>> body = [[1, "Xã A", 5], [2, "Xã B", 7], [None, "Tổng cộng", 12]]
>>> rows = classify_rows(t, body, [True, True, True])
>>> rows.data, rows.totals
([0, 1], [(2, [(0, 2)])])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from ..legacy import to_unicode
from .cells import cell_ref, col_letter, display_value, parse_count
from .layout import is_group_marker, is_row_number, total_label

_LABELS: dict[str, tuple[str, str | None]] = {}  # unit-column text -> (text, total kind)
_NUMBERING: dict[object, tuple] = {}  # numbering cell -> (text, total kind, group marker, row number)
_NO_TT = ("", None, False, False)


@dataclass
class Rows:
    """The body of a table, classified (indexes into the body's rows)."""

    #: body index of each data row
    data: list[int] = field(default_factory=list)
    #: (body index of a total row, the data rows it may cover): each option a range (first, end) of data indexes
    totals: list[tuple[int, list[tuple[int, int]]]] = field(default_factory=list)
    #: data indexes of data rows with figures but no unit name
    unnamed: list[int] = field(default_factory=list)


def label_info(label: object) -> tuple[str, str | None]:
    """A unit-column cell: its text (legacy text converted) and its total kind, or None."""
    if type(label) is str:
        got = _LABELS.get(label)
        if got is not None:
            return got
    lab = label.strip() if type(label) is str else display_value(label) if label is not None else ""
    if lab and not lab.isascii():
        lab = to_unicode(lab)[0]
    got = (lab, total_label(lab) if lab else None)
    if type(label) is str:
        _LABELS[label] = got
    return got


def _numbering(tt: object, memo_ok: bool) -> tuple[str, str | None, bool, bool]:
    got = _NUMBERING.get(tt) if memo_ok else None
    if got is None:
        ttx = tt.strip() if type(tt) is str else ""
        got = (ttx, total_label(ttx) if ttx else None, is_group_marker(tt), is_row_number(tt))
        if memo_ok:
            try:
                _NUMBERING[tt] = got
            except TypeError:  # unhashable: not remembered
                pass
    return got


def classify_rows(table, body: list[list], has: list[bool], memo_ok: bool = True) -> Rows:
    """Classify the body rows of ``table`` (``has``: whether each row holds a figure).

    ``memo_ok`` is False when numbering cells may hold booleans (``True``
    and ``1.0`` are one dict key).  The sheets of one workbook often list
    the same units: the rows are classified once for the unit and
    numbering cells (values and types) and the rows holding figures.
    """
    uc, tc = table.unit_col, table.tt_col
    labels = tuple(map(itemgetter(uc), body))
    numbers = tuple(map(itemgetter(tc), body)) if tc is not None else ()
    try:
        key = (uc, tc, memo_ok, labels, tuple(map(type, labels)), numbers, tuple(map(type, numbers)), tuple(has))
        got = _CLASSIFIED.get(key)
    except TypeError:  # an unhashable value
        key = got = None
    if got is None:
        got = _classify(uc, tc, body, has, memo_ok)
        if key is not None:
            if len(_CLASSIFIED) >= 2048:
                _CLASSIFIED.clear()
            _CLASSIFIED[key] = got
    return Rows(list(got.data), [(b, list(options)) for b, options in got.totals], list(got.unnamed))


_CLASSIFIED: dict[tuple, Rows] = {}  # bodies classified, by their unit and numbering cells and rows with figures


def _classify(uc: int, tc: int | None, body: list[list], has: list[bool], memo_ok: bool) -> Rows:
    out = Rows()
    section = 0
    since_sub: list[int] = []  # data indexes of the current section not yet sub-totalled
    group_open: dict[int, list[int]] = {}
    pending: list[tuple[int, str, list[int], int]] = []  # (body index, total kind, since_sub, section)
    labels, numbers = _LABELS, _NUMBERING if memo_ok else {}
    for b, (row, figures) in enumerate(zip(body, has)):
        label = row[uc]
        got = labels.get(label) if type(label) is str else None
        lab, lkind = got if got is not None else label_info(label)
        if tc is None:
            ttx, tkind, marker, number = _NO_TT
        else:
            got = numbers.get(row[tc])
            ttx, tkind, marker, number = got if got is not None else _numbering(row[tc], memo_ok)
        if not lab and not ttx and not figures:
            continue
        kind = lkind if lab else tkind
        if kind is not None:
            pending.append((b, kind, list(since_sub), section))
            if kind == "sub":
                since_sub = []
            continue
        if marker or (lab and not figures and not number):
            section += 1
            since_sub = []
            group_open[section] = []
            if figures:  # a group row with figures is the group's total
                pending.append((b, "head", [], section))
            continue
        if not (figures or number):
            continue
        idx = len(out.data)
        if not lab:
            out.unnamed.append(idx)
        out.data.append(b)
        since_sub.append(idx)
        group_open.setdefault(section, []).append(idx)
    everything = list(range(len(out.data)))
    for b, kind, sub_rows, sec in pending:
        out.totals.append((b, _covers(kind, sub_rows, everything, group_open.get(sec, []), section > 0)))
    return out


def _covers(kind: str, sub_rows: list[int], everything: list[int], group: list[int], grouped: bool):
    """The data rows a total may cover, as ranges, in the order they are tried."""
    if kind == "grand":
        options = [everything]
    elif kind == "sub":
        options = [sub_rows]
    elif kind == "head":
        options = [group]
    else:  # a bare "Cộng": a sub-total while a group is open, else the grand total
        options = [sub_rows, everything] if grouped and sub_rows else [everything, sub_rows]
    return [(o[0], o[-1] + 1) for o in options if o]


class Sums:
    """Sums of a sheet's figure columns over ranges of its data rows, to reconcile totals with.

    A count column sums its numbers (a bad cell makes the range's sum
    unknown); a yes/no column counts its yes cells.
    """

    def __init__(self, sheet):
        self._sheet = sheet
        self._columns: dict[int, tuple[list, list | None]] = {}

    def column(self, k: int) -> tuple[list, list | None]:
        """Figure column ``k``'s numbers over the data rows, and its problem codes (``None``: yes/no)."""
        got = self._columns.get(k)
        if got is None:
            fig = self._sheet.figs[k]
            values = self._sheet.values(fig)
            if fig.cell == "count":
                got = ([0 if v is None else v for v in values], self._sheet.codes(fig))
            else:  # bool, x: yes/no values are True, False or None
                got = ([v is True for v in values], None)
            self._columns[k] = got
        return got



def check_totals(sheet, rows: Rows, sums: Sums) -> None:
    """Compare every total row with the rows it covers; ``sheet.add`` each disagreement, both cells named.

    A total is right when some option of what it covers sums to it in
    every column; else the first option's differences are reported.
    """
    start = sheet.table.data_start
    for b, options in rows.totals:
        r = start + b
        found = None
        for first, end in options:
            bad = _differences(sheet, r, b, first, end, sums)
            if not bad:
                break
            found = found if found is not None else (bad, first, end)
        else:
            if found is not None:
                _report(sheet, r, rows, found)


def _differences(sheet, r: int, b: int, first: int, end: int, sums: Sums) -> list[tuple]:
    """(column, total, sum, code, value) of each figure whose total row disagrees with data rows ``first:end``."""
    bad = []
    for k, (fig, got) in enumerate(zip(sheet.figs, sheet.parsed)):
        cell = fig.cell
        if cell == "word":
            continue
        if cell == "count":
            total, code, _has = got[b]
        else:
            total, code = parse_count(sheet.body[b][fig.col])
        if total is None:
            continue
        if code is not None:
            bad.append((fig.col, None, None, code, total))
            continue
        values, codes = sums.column(k)
        if codes is not None and any(codes[first:end]):
            continue  # a bad cell in the range: reported on its own
        s = sum(values[first:end])
        if s != total:
            bad.append((fig.col, total, s, None, None))
    return bad


def _report(sheet, r: int, rows: Rows, found) -> None:
    bad, first, end = found
    start = sheet.table.data_start
    top, last = rows.data[first] + start, rows.data[end - 1] + start
    for c, total, s, code, value in bad:
        if code is not None:
            sheet.add(code, "error", cell_ref(r, c), value=display_value(value))
            continue
        letter = col_letter(c)
        sheet.add("total_mismatch", "error", cell_ref(r, c), at=cell_ref(r, c), total=total,
                  range=f"{letter}{top + 1}:{letter}{last + 1}", sum=s)
