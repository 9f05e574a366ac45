"""Reading district report workbooks into tidy tables (data contract §1–§4).

:func:`read_reports` reads every report sheet of every workbook it is given
(files, or folders searched recursively for .xlsx, .xlsm, .xls and .ods) and
returns a :class:`Reports`: the four tidy tables, every problem found, and
an inventory of the sheets.  The per-kind readers return one table and, by
default, raise :class:`ReportError` when any of its sheets holds an error.

Examples
--------
>>> import tempfile, os
>>> from helpers.sheetwriter import Report, write_workbook
>>> recs = [{"unit": "Hòa Phú", "unit_type": "commune", "cadres": 5, "tasks": 20, "tasks_completed": 18}]
>>> with tempfile.TemporaryDirectory() as d:
...     _ = write_workbook(os.path.join(d, "t.xlsx"), [Report("breakthrough_tasks", recs, "Chiêm Hóa", 2023)])
...     r = read_reports(d)
>>> r.breakthrough_tasks[["district", "unit", "tasks", "source"]].values.tolist()
[['Chiêm Hóa', 'Hòa Phú', 20, 't.xlsx!2023!B10']]
>>> r.has_errors, r.sheets["status"].tolist()
(False, ['skipped', 'read'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .files import find_workbooks
from .problems import Problem, ReportError, problems_frame

__all__ = [
    "Reports",
    "read_reports",
    "read_admissions",
    "read_ratings",
    "read_placements",
    "read_breakthrough_tasks",
    "Problem",
    "ReportError",
    "find_workbooks",
    "problems_frame",
]


@dataclass
class Reports:
    """What :func:`read_reports` found: four tidy tables, problems, sheets.

    Attributes
    ----------
    admissions, ratings, placements, breakthrough_tasks : DataFrame
        The tidy tables (``helpers.schema.COLUMNS``).
    problems : list of Problem
        Every problem, errors and warnings, in reading order.
    sheets : DataFrame
        One row per sheet (or per unreadable file): file, sheet, status
        (read, skipped, failed), kind, district, year, rows (units read),
        reason.
    """

    admissions: object
    ratings: object
    placements: object
    breakthrough_tasks: object
    problems: list[Problem] = field(default_factory=list)
    sheets: object = None
    _kinds: dict = field(default_factory=dict, repr=False)
    _formula_like: bool = field(default=True, repr=False)
    _stores: dict = field(default_factory=dict, repr=False)

    @property
    def tables(self) -> dict:
        """Table name -> tidy DataFrame."""
        return {
            "admissions": self.admissions,
            "ratings": self.ratings,
            "placements": self.placements,
            "breakthrough_tasks": self.breakthrough_tasks,
        }

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def problems_frame(self):
        """The problems as a DataFrame (file, sheet, cell, severity, message)."""
        return problems_frame(self.problems)

    def raise_for_errors(self) -> None:
        """Raise :class:`ReportError` listing every error, if there is any."""
        if self.has_errors:
            raise ReportError(self.errors)

    def errors_of(self, kind: str) -> list[Problem]:
        """The errors that concern ``kind``: its sheets' and whole files'."""
        return [p for p in self.errors if p.sheet is None or self._kinds.get((p.file, p.sheet)) in (kind, None)]


def read_reports(paths, *, district: str | None = None, lang: str | None = None) -> Reports:
    """Read every report sheet of the workbooks at ``paths``.

    Parameters
    ----------
    paths : path or iterable of paths
        Workbooks, or folders searched recursively (Office lock files
        ``~$…`` and hidden files are skipped).
    district : str, optional
        The district of sheets whose header block names none.
    lang : {"vi", "en"}, optional
        Language of the problem messages (default: the current setting).

    Returns
    -------
    Reports

    Notes
    -----
    In ``ratings``, members not rated are a ``members`` row with no level:
    the "Không xếp loại" column when the sheet has one, else Tổng số minus
    the four levels.  A row with an error is left out of the tables and
    named in a problem.
    """
    from .engine import Engine

    engine = Engine(district=district, lang=lang)
    engine.read(paths)
    frames = engine.frames()
    return Reports(**frames, problems=engine.problems, sheets=engine.sheets_frame(), _kinds=engine.sheet_kinds,
                   _formula_like=engine.formula_like(),
                   _stores={name: (frames[name], store) for name, store in engine.frame_stores.items()})


def _read_one(kind: str, paths, district, lang, errors):
    if errors not in ("raise", "ignore"):
        raise ValueError(f"errors must be 'raise' or 'ignore'; got {errors!r}")
    reports = read_reports(paths, district=district, lang=lang)
    if errors == "raise":
        errs = reports.errors_of(kind)
        if errs:
            raise ReportError(errs)
    return reports.tables[kind]


def read_admissions(paths, *, district=None, lang=None, errors="raise"):
    """The admissions table of the workbooks at ``paths`` (see :func:`read_reports`).

    ``errors="raise"`` raises :class:`ReportError` listing every error of an
    admissions sheet or of a whole file; ``errors="ignore"`` returns what
    could be read.
    """
    return _read_one("admissions", paths, district, lang, errors)


def read_ratings(paths, *, district=None, lang=None, errors="raise"):
    """The ratings table of the workbooks at ``paths`` (see :func:`read_admissions`)."""
    return _read_one("ratings", paths, district, lang, errors)


def read_placements(paths, *, district=None, lang=None, errors="raise"):
    """The placements table of the workbooks at ``paths`` (see :func:`read_admissions`)."""
    return _read_one("placements", paths, district, lang, errors)


def read_breakthrough_tasks(paths, *, district=None, lang=None, errors="raise"):
    """The breakthrough-tasks table of the workbooks at ``paths`` (see :func:`read_admissions`)."""
    return _read_one("breakthrough_tasks", paths, district, lang, errors)
