"""Problems found in input: what is wrong, where, and how bad.

A :class:`Problem` names the file, the sheet and the cell (A1 style) of the
bad input, says whether the figure can still be trusted (``"warning"``) or
not (``"error"``), and explains in plain words what is wrong and what was
expected, in the current ``lang``.  Each module keeps its own message table
(``code -> {"vi": …, "en": …}``) and builds problems with :func:`problem`.

Examples
--------
>>> msgs = {"negative": {"vi": "Số âm: {value}", "en": "Negative count: {value}"}}
>>> p = problem(msgs, "negative", "error", file="a.xlsx", sheet="2023", cell="D9",
...             lang="en", value=-2)
>>> str(p)
'a.xlsx!2023!D9: error: Negative count: -2'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

from ..i18n import get_lang, translate

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")

#: The columns of ``problems.csv`` and of :func:`problems_frame`.
PROBLEM_COLUMNS = ("file", "sheet", "cell", "severity", "message")


@dataclass(frozen=True)
class Problem:
    """One located problem in the input."""

    file: str
    sheet: str | None
    cell: str | None
    severity: Severity
    message: str
    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def where(self) -> str:
        """``file!sheet!cell``, as far as known."""
        return "!".join(p for p in (self.file, self.sheet, self.cell) if p)

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"

    def as_row(self) -> dict[str, str]:
        d = asdict(self)
        return {k: ("" if d[k] is None else str(d[k])) for k in PROBLEM_COLUMNS}


def problem(
    messages: Mapping[str, Mapping[str, str]],
    code: str,
    severity: Severity,
    *,
    file: str,
    sheet: str | None = None,
    cell: str | None = None,
    lang: str | None = None,
    **params: object,
) -> Problem:
    """Build a :class:`Problem` whose message is ``messages[code]`` in ``lang``."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")
    text = translate(messages, code, get_lang(lang), **params)
    return Problem(file, sheet, cell, severity, text, code, dict(params))


def by_sheet(problems: Iterable[Problem], messages: Mapping[str, Mapping[str, str]], codes: Mapping[str, str],
             lang: str | None = None) -> list[Problem]:
    """``problems`` with those of each code in ``codes`` made one per sheet (and parameters but the cell's own
    text), in the place of the first: its message ``messages[codes[code]]`` counts the cells (``n``) and lists
    them as ranges (``cells``).  For a report, where a workbook typed in a legacy font has a warning for
    every cell; the problems themselves (``problems.csv``) keep one a cell.

    >>> msgs = {"one": {"en": "Converted: {text}"}, "many": {"en": "{n} cells converted: {cells}"}}
    >>> ps = [problem(msgs, "one", "warning", file="a.xlsx", sheet="2023", cell=c, lang="en", text="x")
    ...       for c in ("B7", "B8", "B9", "D6")]
    >>> [str(p) for p in by_sheet(ps, msgs, {"one": "many"}, lang="en")]
    ['a.xlsx!2023!B7: warning: 4 cells converted: B7:B9, D6']
    """
    def shared(p: Problem) -> tuple:
        return p.file, p.sheet, p.severity, p.code, tuple(sorted((k, str(v)) for k, v in p.params.items() if k != "text"))

    groups: dict[tuple, list[Problem]] = {}
    out: list[Problem | tuple] = []
    for p in problems:
        if p.code not in codes:
            out.append(p)
            continue
        key = shared(p)
        if key not in groups:
            out.append(key)  # the group's place: its first problem's
        groups.setdefault(key, []).append(p)
    for i, item in enumerate(out):
        if isinstance(item, tuple):
            first, *rest = members = groups[item]
            if rest:
                params = {k: v for k, v in first.params.items() if k != "text"}
                first = problem(messages, codes[first.code], first.severity, file=first.file, sheet=first.sheet,
                                cell=first.cell, lang=lang, n=len(members),
                                cells=cell_ranges(m.cell for m in members if m.cell), **params)
            out[i] = first
    return out


def cell_ranges(cells: Iterable[str]) -> str:
    """A1 references written as runs down each column, in column order.

    >>> cell_ranges(["B8", "A1", "B7", "B9", "D6", "B12", "AA3"])
    'A1, B7:B9, B12, D6, AA3'
    """
    from .cells import cell_key, cell_ref

    runs: list[list[int]] = []  # [column, first row, last row], from 1
    for col, row in sorted({cell_key(c)[::-1] for c in cells}):
        if runs and runs[-1][0] == col and runs[-1][2] == row - 1:
            runs[-1][2] = row
        else:
            runs.append([col, row, row])
    return ", ".join(cell_ref(a - 1, c - 1) + (f":{cell_ref(b - 1, c - 1)}" if b != a else "") for c, a, b in runs)


class ReportError(ValueError):
    """Raised when input holds errors; lists every problem found.

    >>> e = ReportError([Problem("a.xlsx", "2023", "C9", "error", "bad")])
    >>> print(e)
    1 problem:
    a.xlsx!2023!C9: error: bad
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem:" if n == 1 else f"{n} problems:"
        super().__init__("\n".join([head, *map(str, self.problems)]))


def problems_frame(problems: Iterable[Problem]):
    """The problems as a DataFrame with the ``problems.csv`` columns."""
    import pandas as pd

    rows = [p.as_row() for p in problems]
    return pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS)).astype("str")
