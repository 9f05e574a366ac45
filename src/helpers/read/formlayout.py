"""Where an official form is on a sheet: its number and title, its criterion column, its figure columns.

A sheet is a form (:mod:`helpers.kinds.forms`) when its header block names
a form's number ("Biểu số 2-BTCTW", "Biểu 2", "Mẫu 2", "Biểu 2B"), anywhere
in the block, with one of the form's title words, above a header whose
criterion column is headed like the form's ("Tiêu chí").  Two tables side
by side (Biểu 2B: ethnicities, religions) are two blocks, each a criterion
column and the figure columns up to the next one.

Examples
--------
>>> form_number("biểu số 2 btctw"), form_number("mẫu 2"), form_number("biểu 2b"), form_number("biểu số 11 btctw")
('2', '2', '2b', '11')
>>> is_numbering_row(["1", "2", "3", "4(=2*100/3)"]), is_numbering_row(["Tiêu chí", "Kỳ này"])
(True, False)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..kinds import forms as _forms
from ..legacy import to_unicode
from ..kinds.formdecl import Form, FormColumn, loose, row_key
from .cells import cell_ref, cfold, is_blank
from .layout import TT_HEADINGS, title_lines

#: Rows searched for the form's number (the header block), and for its title and header.
NUMBER_SCAN = 12
FORM_SCAN = 40

_NUMBER = re.compile(r"\b(?:biểu|mẫu)(?: số)?\s*(\d{1,2})\s*([a-z])?(?=$|[\s\-/.,:;)])")
_NUMBERING = re.compile(r"^\(?\s*(?:\d{1,2}|[a-e])\s*\)?\s*(?:\(?\s*=[\s\d*x×+/.,()-]+\)?)?$")
_HEADER_ROWS = 6


def form_number(text: str) -> str | None:
    """The form number a folded header line writes ("2", "2b"), or ``None``."""
    m = _NUMBER.search(text)
    return None if m is None else m.group(1) + (m.group(2) or "")


def is_numbering_row(row: list) -> bool:
    """A row numbering the columns: "1 | 2 | 3 | 4(=2*100/3)" (at least two cells, all numbering)."""
    cells = [v for v in row if not is_blank(v)]
    if len(cells) < 2:
        return False
    for v in cells:
        if type(v) in (int, float):
            if not (0 < v < 100 and float(v).is_integer()):
                return False
        elif type(v) is not str or not _NUMBERING.match(loose(v)):
            return False
    return True


@dataclass
class Block:
    """One criterion column and its figure columns (column → declared column)."""

    label_col: int
    columns: dict[int, FormColumn] = field(default_factory=dict)


@dataclass
class FormLayout:
    """A form found on a sheet."""

    form: Form
    top: int
    data_start: int
    blocks: list[Block]
    lines: list
    #: (code, cell, params) of headings that are no column of the form
    notes: list[tuple] = field(default_factory=list)

    @property
    def header_cell(self) -> str:
        return cell_ref(self.top, self.blocks[0].label_col)


def find_form(rows: list[list], merges) -> FormLayout | str | None:
    """The form on a sheet; ``"instructions"`` for a sheet about a form without its table; else ``None``."""
    if not _names_a_form(rows):
        return None
    lines = title_lines(rows, min(len(rows), FORM_SCAN))
    form = _form_named(lines)
    if form is None:
        return None
    top, label_cols = _header(rows, form)
    if top is None:
        text = " ".join(cfold(v) for _r, _c, v in lines)
        return "instructions" if "hướng dẫn" in text else None
    data_start = _data_start(rows, top, label_cols[0], form)
    head = _filled(rows, merges, top, data_start)
    blocks, notes = _blocks(head, top, label_cols, form)
    return FormLayout(form, top, data_start, blocks, [ln for ln in lines if ln[0] < top], notes)


def _names_a_form(rows: list[list]) -> bool:
    """Whether a cell of the top rows may write a form's number (a quick look before the header is read)."""
    for row in rows[:NUMBER_SCAN]:
        for v in filter(None, row):  # "" and None skipped at C speed
            if type(v) is str and _names_number(v):
                return True
    return False


@functools.lru_cache(maxsize=65536)
def _names_number(text: str) -> bool:
    f = cfold(text)
    return ("biểu" in f or "mẫu" in f) and form_number(f) is not None


def names_a_legacy_form(rows: list[list]) -> bool:
    """Whether a cell of the top rows, typed in a legacy font (TCVN3, VNI), names a form's number once
    converted: the sheet is then converted (:func:`helpers.legacy.to_unicode`) and looked at again.

    >>> from helpers.legacy import from_unicode
    >>> names_a_legacy_form([[from_unicode("Biểu số 2-BTCTW", "TCVN3")]]), names_a_legacy_form([["Biểu số 2-BTCTW"]])
    (True, False)
    """
    for row in rows[:NUMBER_SCAN]:
        for v in filter(None, row):
            if type(v) is str and not v.isascii() and _names_legacy_number(v):
                return True
    return False


@functools.lru_cache(maxsize=65536)
def _names_legacy_number(text: str) -> bool:
    new, encoding = to_unicode(text)
    return encoding is not None and _names_number(new)


def _form_named(lines) -> Form | None:
    number = None
    for _r, _c, v in lines:
        f = cfold(v)
        if "biểu" in f or "mẫu" in f:
            token = form_number(f)
            if token is not None and _forms.of_number(token) is not None:
                number = _forms.of_number(token)
                break
    if number is None:
        return None
    form = _forms.get(number)
    text = " | ".join(cfold(v) for _r, _c, v in lines)
    return form if any(w in text for w in form.title_words) else None


def _header(rows: list[list], form: Form) -> tuple[int | None, list[int]]:
    """The header's first row and its criterion columns."""
    wanted = {cfold(h) for h in form.label_headings}
    for r in range(min(len(rows), FORM_SCAN)):
        cols = [c for c, v in enumerate(rows[r]) if type(v) is str and cfold(v).strip(" :") in wanted]
        if cols:
            return r, cols
    return None, []


def _data_start(rows: list[list], top: int, label_col: int, form: Form) -> int:
    known = {row_key(w) for r in form.rows() for w in r.labels} | {row_key(t) for s in form.sections for t in s.titles}
    for r in range(top + 1, min(len(rows), top + _HEADER_ROWS)):
        if is_numbering_row(rows[r]):
            return r + 1
        v = rows[r][label_col] if label_col < len(rows[r]) else None
        if type(v) is str and row_key(v) in known:
            return r
    return top + 1


def _filled(rows: list[list], merges, top: int, stop: int) -> list[list]:
    """The header rows, each merged range's value in all its cells; the numbering row left out."""
    width = max((len(rows[r]) for r in range(top, stop)), default=0)
    head = [list(rows[r]) + [None] * (width - len(rows[r])) for r in range(top, stop)]
    for (r0, c0), (r1, c1) in merges or ():
        if top <= r0 < stop and c0 < width:
            value = head[r0 - top][c0]
            for rr in range(r0, min(r1, stop - 1) + 1):
                for cc in range(c0, min(c1, width - 1) + 1):
                    head[rr - top][cc] = value
    return [row for row in head if not is_numbering_row(row)]


def _blocks(head: list[list], top: int, label_cols: list[int], form: Form) -> tuple[list[Block], list[tuple]]:
    width = max(map(len, head), default=0)
    blocks, notes = [], []
    for i, lc in enumerate(label_cols):
        block = Block(lc)
        end = label_cols[i + 1] if i + 1 < len(label_cols) else width
        for c in range(lc + 1, end):
            texts = list(dict.fromkeys(loose(row[c]) for row in head if type(row[c]) is str and row[c].strip()))
            if not texts or (len(texts) == 1 and cfold(texts[0]) in TT_HEADINGS):
                continue
            path = " | ".join(texts)
            column = next((fc for fc in form.columns if fc.matches(path)), None)
            if column is None or any(k is column for k in block.columns.values()):
                heading = " / ".join(str(row[c]).strip() for row in head if type(row[c]) is str and row[c].strip())
                notes.append(("extra_column", cell_ref(top, c), {"heading": heading}))
                continue
            block.columns[c] = column
        blocks.append(block)
    return blocks, notes
