"""Safe output: formula-injection neutralising and publish-mode suppression.

Two things can go wrong when tables leave the project.

*Formula injection.*  A text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run as a formula when a CSV or xlsx
export is opened in a spreadsheet.  :func:`neutralise_formulas` prefixes
such cells with an apostrophe, as the OWASP guidance on CSV injection
advises.  A text cell that is a plain number ("-5", "+3", "-1.234,5") is
left alone: a spreadsheet reads it as that number, not as a formula.

*Small counts.*  A published breakdown of 1 or 2 people in a unit (two
members rated "not completed", one woman admitted) can point at a person.
:func:`suppress` hides such counts (primary suppression) and enough other
cells (secondary suppression) that no hidden count can be worked out from
what is published: the cells left, the row totals (Tổng số, a unit's
total) and the column totals of each group (a district's sums).

How the notebooks and figures use it
------------------------------------
With ``publish=True``, a notebook or a figure function that shows counts
*per unit* passes its wide table through :func:`suppress` first, and shows
suppressed cells with :func:`display_suppressed` (as ``*``, with the
footnote from :func:`suppression_note`), never as zero; a bar for a
suppressed count is not drawn.  District and province totals are shown as
they are.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"unit": ["A", "B", "C"], "female": [1, 5, 7]})
>>> out = suppress(t, value_columns=["female"])
>>> out["female"].tolist()
[<NA>, <NA>, 7]
>>> neutralise_formulas(pd.DataFrame({"note": ["=1+1", "-5", "ok"]}))["note"].tolist()
["'=1+1", '-5', 'ok']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .formulas import PLAIN_NUMBER as _PLAIN_NUMBER
from .formulas import TRIGGER as _TRIGGER
from .formulas import neutral as _neutral
from .i18n import get_lang, translate

__all__ = ["neutralise_formulas", "suppress", "display_suppressed", "suppression_note", "MARK", "is_determined"]


#: How a suppressed cell is shown.
MARK = "*"

MESSAGES = {
    "note": {
        "vi": "* Số nhỏ hơn {threshold} và các ô cần ẩn theo để không suy ra được chúng đã được ẩn.",
        "en": "* Counts below {threshold}, and the cells that would reveal them, are not shown.",
    },
}


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Make text cells that a spreadsheet would run as formulas inert.

    Text cells (and column names) beginning with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return get a leading apostrophe.  Numbers
    are untouched, and so is text that is a plain number ("-5").

    Parameters
    ----------
    frame : DataFrame
        Any table about to be written to CSV or xlsx.

    Returns
    -------
    DataFrame
        A copy; dtypes are kept.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"unit": ["@SUM(A1)", "Hòa Phú", "\\tx"], "count": [-1, 2, 3]})
    >>> neutralise_formulas(f).to_dict("list")
    {'unit': ["'@SUM(A1)", 'Hòa Phú', "'\\tx"], 'count': [-1, 2, 3]}
    """
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_string_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
            if s.dtype == object:
                out[col] = s.map(_neutral)
            else:
                mask = s.str.match(_TRIGGER.pattern, na=False) & ~s.str.match(_PLAIN_NUMBER.pattern, na=False)
                if mask.any():
                    out[col] = s.where(~mask, "'" + s)
        elif isinstance(s.dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(s.cat.categories.dtype):
            out[col] = s.cat.rename_categories([_neutral(c) for c in s.cat.categories])
    out.columns = [_neutral(c) for c in out.columns]
    return out


# --- suppression ----------------------------------------------------------------


def suppress(
    table: pd.DataFrame,
    *,
    threshold: int = 3,
    value_columns: Sequence[str],
    total_columns: Mapping[str, Sequence[str]] | str | None = None,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Hide small counts so that nothing published reveals them.

    Parameters
    ----------
    table : DataFrame
        A wide table, one row per unit (pivot a long table first, e.g. the
        ratings' ``level`` into columns).
    threshold : int
        Counts from 1 to ``threshold - 1`` are hidden.  Zeros are published:
        a zero describes a group, not a person, and hiding every zero would
        hide most of a small district's table.
    value_columns : sequence of str
        The count columns that may be hidden.
    total_columns : mapping or str, optional
        Published row totals and the value columns that add up to each
        (``{"members_total": ["excellent", "good", "completed",
        "not_completed"]}``); a single name means "all value columns".
        Totals are never hidden.  Leave out for breakdowns that overlap
        (female, ethnic minority and youth union members of one admitted
        total): these have no row equation.
    by : str or sequence of str, optional
        Columns whose groups have published column totals (``"district"``:
        each district's sum of each value column is published).  ``None``:
        the whole table is one group.

    Returns
    -------
    DataFrame
        A copy whose value columns are ``Int64`` with hidden cells missing,
        with a boolean column ``<column>_suppressed`` per value column.
        ``attrs["suppression"]`` records the threshold, the columns and any
        cell that could not be protected (``"unprotected"``: a hidden count
        that is its group's only unit, whose total is published anyway).

    Notes
    -----
    Primary suppression hides the small counts.  Secondary suppression then
    repeats until no hidden cell is determined by the published equations
    (row totals, group column totals): while some hidden cell's value
    follows from them (tested with linear algebra: no direction of the
    equations' null space moves it), one more published cell sharing an
    equation with it is hidden, the one that leaves fewest cells determined,
    non-zero and small ones first.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"unit": ["A", "B"], "good": [2, 9], "completed": [10, 8],
    ...                   "total": [12, 17]})
    >>> out = suppress(t, value_columns=["good", "completed"], total_columns="total")
    >>> out["good"].tolist(), out["completed"].tolist(), out["total"].tolist()
    ([<NA>, <NA>], [<NA>, <NA>], [12, 17])
    """
    value_columns = list(value_columns)
    if isinstance(total_columns, str):
        total_columns = {total_columns: value_columns}
    totals = {k: list(v) for k, v in (total_columns or {}).items()}
    for parts in totals.values():
        missing = [c for c in parts if c not in value_columns]
        if missing:
            raise ValueError(f"total parts must be value columns; not: {missing}")
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    out = table.copy()
    values = out[value_columns].astype("Int64")
    hidden = pd.DataFrame(False, index=out.index, columns=value_columns)
    primary = values.ge(1) & values.lt(threshold)
    hidden |= primary.fillna(False).astype(bool)
    if by is None:
        groups = [out.index]
    else:
        groups = [idx for _, idx in out.groupby(by, sort=False, dropna=False).groups.items()]
    unprotected: list = []
    for idx in groups:
        sub_vals = values.loc[idx]
        sub_hidden = hidden.loc[idx].copy()
        _secondary(sub_vals, sub_hidden, totals, unprotected)
        hidden.loc[idx] = sub_hidden
    for col in value_columns:
        out[col] = values[col].mask(hidden[col])
        out[f"{col}_suppressed"] = hidden[col].astype("boolean")
    out.attrs["suppression"] = {
        "threshold": threshold,
        "value_columns": value_columns,
        "totals": totals,
        "unprotected": unprotected,
    }
    return out


def _equations(index, columns, totals) -> list[list[tuple[object, str]]]:
    """The published equations of one group, as lists of cells."""
    eqs = [[(i, c) for i in index] for c in columns]  # column totals of the group
    for parts in totals.values():
        eqs.extend([[(i, c) for c in parts] for i in index])  # row totals
    return eqs


def _secondary(values: pd.DataFrame, hidden: pd.DataFrame, totals, unprotected: list) -> None:
    """Hide more cells of one group until no hidden cell is determined.

    Greedy: among the published cells sharing an equation with a determined
    cell, hide the one that leaves the fewest cells determined, preferring
    non-zero and small values.
    """
    eqs = _equations(values.index, list(values.columns), totals)
    cells = [(i, c) for c in values.columns for i in values.index if hidden.at[i, c]]
    determined = _determined(eqs, cells)
    while determined:
        best = None
        for cand in _candidates(values, hidden, eqs, determined):
            left = len(_determined(eqs, cells + [cand]))
            v = int(values.at[cand])
            key = (left, v == 0, v)
            if best is None or key < best[0]:
                best = (key, cand)
        if best is None:
            unprotected.extend(determined)  # nothing left to hide (a one-unit group)
            return
        hidden.at[best[1]] = True
        cells.append(best[1])
        determined = _determined(eqs, cells)


def _candidates(values, hidden, eqs, determined):
    """Published cells sharing an equation with a determined cell."""
    out = []
    for eq in eqs:
        if not any(c in eq for c in determined):
            continue
        for other in eq:
            if not hidden.at[other] and not pd.isna(values.at[other]) and other not in out:
                out.append(other)
    return out


def _matrix(equations, unknowns) -> np.ndarray:
    pos = {u: k for k, u in enumerate(unknowns)}
    rows = []
    for eq in equations:
        row = np.zeros(len(unknowns))
        for c in eq:
            if c in pos:
                row[pos[c]] = 1.0
        if row.any():
            rows.append(row)
    return np.array(rows).reshape(len(rows), len(unknowns))


def _determined(equations, unknowns) -> list:
    """The unknowns whose values follow from the equations (null-space test)."""
    if not unknowns:
        return []
    a = _matrix(equations, unknowns)
    if not len(a):
        return []
    _, s, vt = np.linalg.svd(a)
    null = vt[int((s > 1e-9).sum()) :]
    if null.size == 0:
        return list(unknowns)
    return [u for k, u in enumerate(unknowns) if np.allclose(null[:, k], 0, atol=1e-9)]


def is_determined(equations, unknowns, cell) -> bool:
    """Whether ``cell``'s value follows from linear equations over ``unknowns``.

    Each equation is a list of cells whose sum is published; cells not in
    ``unknowns`` are published.  ``cell`` is determined exactly when its
    unit vector lies in the row space of the equations restricted to the
    unknowns.

    >>> eqs = [[("a", "x"), ("b", "x")]]          # a + b published
    >>> is_determined(eqs, [("a", "x")], ("a", "x"))
    True
    >>> is_determined(eqs, [("a", "x"), ("b", "x")], ("a", "x"))
    False
    """
    a = _matrix(equations, unknowns)
    if not len(a):
        return False
    target = np.zeros(len(unknowns))
    target[list(unknowns).index(cell)] = 1.0
    return bool(np.linalg.matrix_rank(np.vstack([a, target])) == np.linalg.matrix_rank(a))


def display_suppressed(frame: pd.DataFrame) -> pd.DataFrame:
    """A text copy of a :func:`suppress` result, hidden cells shown as ``*``.

    >>> import pandas as pd
    >>> t = suppress(pd.DataFrame({"n": [1, 5, 7]}), value_columns=["n"])
    >>> display_suppressed(t)["n"].tolist()
    ['*', '*', '7']
    """
    info = frame.attrs.get("suppression", {})
    out = frame.drop(columns=[f"{c}_suppressed" for c in info.get("value_columns", [])], errors="ignore")
    out = out.copy()
    for col in info.get("value_columns", []):
        mask = frame[f"{col}_suppressed"].fillna(False).astype(bool)
        text = frame[col].astype("string").fillna("")
        out[col] = text.mask(mask, MARK).astype("str")
    return out


def suppression_note(threshold: int = 3, lang: str | None = None) -> str:
    """The footnote that explains ``*``.

    >>> suppression_note(3, lang="en")
    '* Counts below 3, and the cells that would reveal them, are not shown.'
    """
    return translate(MESSAGES, "note", get_lang(lang), threshold=threshold)
