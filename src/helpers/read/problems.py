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
