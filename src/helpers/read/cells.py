"""Cells: opening workbooks with python-calamine, cell references, values.

The readers take cell values straight from python-calamine (no pandas on the
way in) and parse them with the fast functions here: numbers first by type,
text only when it has to be.

Examples
--------
>>> cell_ref(8, 1)
'B9'
>>> parse_count(" 12 "), parse_count("-"), parse_count(12.0), parse_count("")
((12, None), (0, None), (12, None), (None, None))
>>> parse_count(2.5)
(2.5, 'not_whole')
>>> parse_yes_no("X"), parse_yes_no(""), parse_yes_no("không"), parse_yes_no("?")
(True, False, False, None)
"""

from __future__ import annotations

import functools

from ..text import canonical, fold

_DASHES = frozenset({"-", "–", "—", "--"})
_YES = frozenset({"x", "✓", "✔", "có", "1", "yes", "v"})
_NO = frozenset({"", "không", "0", "-", "–", "no", "k"})


@functools.lru_cache(maxsize=4096)
def col_letter(col: int) -> str:
    """The A1 letters of a 0-based column number.

    >>> col_letter(0), col_letter(25), col_letter(27)
    ('A', 'Z', 'AB')
    """
    col += 1
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_ref(row: int, col: int) -> str:
    """The A1 reference of a 0-based (row, column)."""
    return f"{col_letter(col)}{row + 1}"


def cell_key(cell: str | None) -> tuple[int, int]:
    """(row, column), both from 1, of an A1 reference ((-1, -1) for none): for sorting into reading order.

    >>> cell_key("B7"), cell_key("AA3"), cell_key(None)
    ((7, 2), (3, 27), (-1, -1))
    """
    if not cell:
        return (-1, -1)
    i = 0
    while i < len(cell) and cell[i].isalpha():
        i += 1
    col = 0
    for ch in cell[:i]:
        col = col * 26 + ord(ch.upper()) - 64
    return (int(cell[i:] or 0), col)


@functools.lru_cache(maxsize=65536)
def cfold(text: str) -> str:
    """:func:`helpers.text.fold`, cached (header, label and level cells repeat)."""
    return fold(text)


@functools.lru_cache(maxsize=65536)
def ccanonical(text: str) -> str:
    """:func:`helpers.text.canonical`, cached."""
    return canonical(text)


def is_blank(value: object) -> bool:
    """True for an empty cell (``None``, ``""`` or only spaces)."""
    return value is None or (type(value) is str and not value.strip())


def parse_count(value: object) -> tuple[object, str | None]:
    """Parse a count cell: ``(value, None)`` when fine, else ``(value, code)``.

    A blank cell gives ``(None, None)``; "-" is zero; ``code`` is
    ``"not_whole"``, ``"negative"`` or ``"not_number"``.
    """
    t = type(value)
    if t is float:
        if value.is_integer():
            n = int(value)
            return (n, None) if n >= 0 else (n, "negative")
        return value, "not_whole"
    if t is int:
        return (value, None) if value >= 0 else (value, "negative")
    if value is None:
        return None, None
    if t is str:
        s = value.strip()
        if not s:
            return None, None
        if s in _DASHES:
            return 0, None
        try:
            n = int(s)
        except ValueError:
            try:
                f = float(s.replace(",", ".")) if s.count(",") == 1 and "." not in s else float(s)
            except ValueError:
                return s, "not_number"
            if f != f or f in (float("inf"), float("-inf")):
                return s, "not_number"
            if not f.is_integer():
                return s, "not_whole"
            n = int(f)
        return (n, None) if n >= 0 else (n, "negative")
    return value, "not_number"


def parse_yes_no(value: object) -> bool | None:
    """Parse a yes/no cell: ``True``, ``False`` or ``None`` when unrecognised."""
    t = type(value)
    if value is None:
        return False
    if t is float or t is int:
        return {1: True, 0: False}.get(value)
    if t is bool:
        return value
    if t is str:
        s = value.strip().lower()
        if s in _YES:
            return True
        if s in _NO:
            return False
        s = cfold(value)
        if not s:
            return None
        if s in _YES:
            return True
        if s in _NO:
            return False
    return None


#: The parse of a figure the sheet has no column for.
NO_CELL = (None, None, False)


def parse_cell(ctype: str, v: object) -> tuple[object, str | None, bool]:
    """A figure cell parsed: ``(value, problem code or None, holds a figure)``.

    >>> parse_cell("count", 3.0), parse_cell("count", "abc"), parse_cell("bool", "x"), parse_cell("count", None)
    ((3, None, True), ('abc', 'not_number', False), (True, None, True), (None, None, False))
    """
    if ctype == "count":
        t = type(v)
        if t is float and v.is_integer() and v >= 0:
            return (int(v), None, True)
        if t is str and v.isdigit() and v.isascii():
            return (int(v), None, True)
        if v is None or (t is str and v == ""):
            return NO_CELL
        value, code = parse_count(v)
        return (value, code, value is not None and (code is None or t in (int, float)))
    if ctype == "word":
        from ..kinds.vocabulary import level_of

        return (v, None, type(v) is str and bool(v.strip()) and level_of(v) is not None)
    yn = parse_yes_no(v)
    return (yn, None if yn is not None else "not_yes_no", yn is not None and not is_blank(v))


#: Parsed cell values remembered per cell type (values repeat: 0, 1, "-", "x" …).
_MEMOS: dict[str, dict] = {"count": {}, "word": {}, "bool": {}, "x": {}}


def parse_column(ctype: str, values: list, memo_ok: bool = True) -> list[tuple[object, str | None, bool]]:
    """Every cell of a column parsed (:func:`parse_cell`), each distinct value once.

    ``memo_ok`` must be False when the column may hold booleans: ``True``
    and ``1.0`` are one dict key.
    """
    memo = _MEMOS["bool" if ctype == "x" else ctype]
    if memo_ok:
        try:
            return list(map(memo.__getitem__, values))  # every value parsed before: the common case
        except KeyError:  # a value seen for the first time
            got = list(map(memo.get, values))
    else:
        got = [None] * len(values)
    if None in got:
        for i, g in enumerate(got):
            if g is None:
                v = values[i]
                g = got[i] = parse_cell(ctype, v)
                if memo_ok:
                    try:
                        memo[v] = g
                    except TypeError:  # an unhashable value: not remembered
                        pass
    return got


def display_value(value: object) -> str:
    """A cell value as a person would read it in a message."""
    if type(value) is float and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""
