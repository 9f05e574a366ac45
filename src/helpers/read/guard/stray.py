"""Stray cells: a few values far from the table that would make a sheet's grid huge.

Someone types in a cell at the bottom right of a sheet, or a note lands in
column XFD: the grid from A1 to that cell has millions of cells, and the
spreadsheet library allocates all of them.  The sheet is judged by the cells
that hold a value, not by that rectangle: :func:`peel` finds the fewest
far-out cells whose removal brings the grid under the limit, the guard hands
on the sheet without them, and :func:`describe` says which cells were left
out and what they held, so nothing is lost in silence.

Examples
--------
>>> cells = [(r, c) for r in range(200) for c in range(12)] + [(1_048_575, 2), (3, 16_383)]
>>> out, corner = peel([r for r, _c in cells], [c for _r, c in cells], 2_000_000)
>>> sorted(out), corner
([(3, 16383), (1048575, 2)], (199, 11))
>>> peel(list(range(0, 3_000_000, 10_000)), [0] * 300, 2_000_000) is None
True
>>> describe({(3, 16383): "ghi chú", (1048575, 2): 5.0}, (199, 11))
(2, 'L200', 'XFD4 = "ghi chú"; C1048576 = 5')
"""

from __future__ import annotations

from collections import Counter, defaultdict

__all__ = ["peel", "describe", "SHOWN", "MOST"]

#: Stray cells named one by one in the warning (the rest are counted).
SHOWN = 10
#: The most cells left out of a sheet; a sheet that needs more is refused.
MOST = 50


def _col_letters(col: int) -> str:
    col += 1
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def ref(row: int, col: int) -> str:
    """The A1 reference of a 0-based (row, column)."""
    return f"{_col_letters(col)}{row + 1}"


class _Counts:
    """Cells still kept, counted by row and by column, highest first.

    Only the last ``most + 1`` rows and columns can ever be left out (each
    one left out takes a cell with it), so only theirs are listed.
    """

    def __init__(self, rows, cols, most: int):
        self.row_n = Counter(rows)
        self.col_n = Counter(cols)
        self.rows = sorted(self.row_n)
        self.cols = sorted(self.col_n)
        last_rows, last_cols = set(self.rows[-(most + 1):]), set(self.cols[-(most + 1):])
        self.by_row: dict[int, list[int]] = defaultdict(list)
        self.by_col: dict[int, list[int]] = defaultdict(list)
        for r, c in zip(rows, cols):
            if r in last_rows:
                self.by_row[r].append(c)
            if c in last_cols:
                self.by_col[c].append(r)

    @staticmethod
    def top(order: list[int], n: dict[int, int], less: dict[int, int] | None = None) -> int:
        """The highest key still holding a cell (``less`` taken off first), -1 if none."""
        less = less or {}
        for k in reversed(order):
            if n[k] - less.get(k, 0) > 0:
                return k
        return -1

    def corner(self, row_less=None, col_less=None) -> tuple[int, int]:
        return self.top(self.rows, self.row_n, row_less), self.top(self.cols, self.col_n, col_less)


def _area(corner: tuple[int, int]) -> int:
    r, c = corner
    return (r + 1) * (c + 1) if r >= 0 and c >= 0 else 0


def peel(rows, cols, limit: int, most: int = MOST):
    """The far-out cells to leave out so the grid from A1 holds at most ``limit`` cells.

    ``rows`` and ``cols`` are the 0-based places of the cells that hold a
    value.  Repeatedly leaves out the last row or the last column that still
    holds a cell, whichever shrinks the grid more.  Returns the set of
    (row, column) left out (empty when the grid is small enough) and the
    last cell (row, column) of what is kept, or ``None`` when more than
    ``most`` cells would have to go: then the sheet is simply too big.
    """
    counts = _Counts(rows, cols, most)
    stray: set[tuple[int, int]] = set()
    while _area(counts.corner()) > limit:
        r, c = counts.corner()
        in_row = [(r, cc) for cc in counts.by_row[r] if (r, cc) not in stray]
        in_col = [(rr, c) for rr in counts.by_col[c] if (rr, c) not in stray]
        by_row = _area(counts.corner({r: len(in_row)}, Counter(cc for _r, cc in in_row)))
        by_col = _area(counts.corner(Counter(rr for rr, _c in in_col), {c: len(in_col)}))
        out = in_row if (by_row, len(in_row)) <= (by_col, len(in_col)) else in_col
        for rr, cc in out:
            stray.add((rr, cc))
            counts.row_n[rr] -= 1
            counts.col_n[cc] -= 1
        if len(stray) > most:
            return None
    return stray, counts.corner()


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        text = " ".join(value.split())
        return '"' + (text if len(text) <= 40 else text[:39] + "…") + '"'
    return str(value)


def describe(values: dict[tuple[int, int], object], corner: tuple[int, int]) -> tuple[int, str, str]:
    """(count, the kept table's last cell, "REF = value; …") for the warning about stray cells."""
    order = sorted(values, key=lambda rc: (rc[1] < 26, rc))  # far columns first, then by row
    parts = [f"{ref(*rc)} = {_shown(values[rc])}" for rc in order[:SHOWN]]
    if len(order) > SHOWN:
        parts.append(f"… +{len(order) - SHOWN}")
    return len(values), ref(*corner), "; ".join(parts)
