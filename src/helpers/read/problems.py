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
    problems = list(problems)
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        if p.code in codes:
            shared = tuple(sorted((k, str(v)) for k, v in p.params.items() if k != "text"))
            groups.setdefault((p.file, p.sheet, p.severity, p.code, shared), []).append(p)
    out: list[Problem] = []
    for p in problems:
        if p.code not in codes:
            out.append(p)
            continue
        shared = tuple(sorted((k, str(v)) for k, v in p.params.items() if k != "text"))
        members = groups.pop((p.file, p.sheet, p.severity, p.code, shared), None)
        if members is None:
            continue  # said with the first of its sheet
        if len(members) == 1:
            out.append(p)
            continue
        params = {k: v for k, v in p.params.items() if k != "text"}
        out.append(problem(messages, codes[p.code], p.severity, file=p.file, sheet=p.sheet, cell=p.cell, lang=lang,
                           n=len(members), cells=cell_ranges(m.cell for m in members if m.cell), **params))
    return out


def cell_ranges(cells: Iterable[str]) -> str:
    """A1 references written as runs down each column, in column order.

    >>> cell_ranges(["B8", "A1", "B7", "B9", "D6", "B12", "AA3"])
    'A1, B7:B9, B12, D6, AA3'
    """
    import re

    parsed = sorted({(len(m[1]), m[1], int(m[2])) for m in (re.fullmatch(r"([A-Z]+)(\d+)", c) for c in cells) if m})
    runs: list[str] = []
    start = prev = None
    for key in parsed + [None]:
        if start is not None and (key is None or key[:2] != prev[:2] or key[2] != prev[2] + 1):
            runs.append(f"{start[1]}{start[2]}" + (f":{prev[1]}{prev[2]}" if prev != start else ""))
            start = None
        if key is not None and start is None:
            start = key
        prev = key
    return ", ".join(runs)


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
