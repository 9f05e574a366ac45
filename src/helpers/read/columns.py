"""Which header column is which figure of a kind (the registry's headings applied).

A column's header path (group heading over sub-heading, merged headings
filled in) is matched against the kind's declared columns
(:func:`helpers.kinds.classify`).  :func:`figure_columns` classifies the
columns of one header once and remembers the answer: the sheets of one
template share their header.

Examples
--------
>>> figs, notes = figure_columns("admissions", ((2, ("Chỉ tiêu năm",)), (3, ("Kết quả kết nạp", "Tổng số")), (4, ("Ghi chú",))))
>>> [(f.col, f.field) for f in figs], notes
([(2, 'target'), (3, 'admitted')], ())
>>> figure_columns("admissions", ((2, ("Tổng số",)), (3, ("Số đảng viên kết nạp",)), (4, ("Lý do",))))[1]
(('duplicate_column', 3, (('heading', 'Số đảng viên kết nạp'), ('first', 'C'))), ('extra_column', 4, (('heading', 'Lý do'),)))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .. import kinds
from ..kinds.declare import Column
from ..kinds.vocabulary import QUIET_EXTRAS
from .cells import cfold, col_letter


@dataclass(frozen=True)
class Figure:
    """A figure column of a sheet: its sheet column, its declaration and its heading path.

    ``field``, ``part`` and ``cell`` are the declaration's; ``heading`` is the
    path as written, group first ("Kết quả kết nạp / Nữ").
    """

    col: int
    spec: Column
    path: tuple[str, ...]
    field: str = ""
    part: str | None = None
    cell: str = ""
    heading: str = ""

    @classmethod
    def of(cls, col: int, spec: Column, path: tuple[str, ...]) -> Figure:
        return cls(col, spec, path, spec.field, spec.part, spec.cell, " / ".join(path))


def figure_columns(kind: str, paths: tuple[tuple[int, tuple[str, ...]], ...]):
    """The figure columns of a header, and warnings about the others.

    ``paths`` are ``(column, header path)`` of the columns besides TT and
    the unit, left to right.  Returns ``(figures, notes)``: the figures in
    column order, and ``(code, column, params)`` for an unknown extra
    column (not Ghi chú) or a column repeating an earlier one (only the
    first is read).
    """
    return _figure_columns(kinds.generation(), kind, paths)


@functools.lru_cache(maxsize=1024)
def _figure_columns(_generation: int, kind: str, paths):
    figs: list[Figure] = []
    notes: list[tuple] = []
    seen: dict[tuple, int] = {}
    for c, path in paths:
        spec = kinds.classify(kind, path)
        heading = " / ".join(path)
        if spec is None:
            if cfold(" ".join(path)) not in QUIET_EXTRAS:
                notes.append(("extra_column", c, (("heading", heading),)))
            continue
        if spec.slot in seen:
            notes.append(("duplicate_column", c, (("heading", heading), ("first", col_letter(seen[spec.slot])))))
            continue
        seen[spec.slot] = c
        figs.append(Figure.of(c, spec, path))
    return tuple(figs), tuple(notes)


def guess_kind(paths: tuple[tuple[int, tuple[str, ...]], ...]) -> str | None:
    """The kind whose headings match most of these columns, or ``None`` when none does."""
    names = kinds.names()
    scores = {k: sum(kinds.classify(k, p) is not None for _c, p in paths) for k in names}
    best = max(names, key=lambda k: scores[k])
    return best if scores[best] else None


def has_required(kind: str, figs) -> bool:
    """Whether the figure columns hold what a sheet of ``kind`` needs."""
    fields = {f.field for f in figs}
    return bool(fields) and set(kinds.get(kind).requires) <= fields
