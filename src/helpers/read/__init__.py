"""Reading report workbooks into tidy tables (data contract §1–§4).

:func:`read_reports` reads every report sheet of every workbook it is given
(files, or folders searched recursively: :func:`find_workbooks`) and
returns a :class:`Reports`: a tidy table per report kind
(:mod:`helpers.kinds`), every problem found, and an inventory of the
sheets.  :func:`read_kind` (and :func:`read_admissions` … for the built-in
kinds) return one table and, by default, raise :class:`ReportError` when
any of its sheets holds an error.

The modules: ``files`` (which files), ``guard`` (is it safe to open),
``workbook`` (opening it), ``layout`` (where the table is), ``columns``
(which column is which figure), ``body`` (data rows and totals), ``rules``
(a kind's rules), ``names`` (unit names), ``sheet`` (one sheet), ``engine``
(one file), ``run`` (many files, a process pool), ``cache``, ``store`` and
``reports`` (the result), ``export`` (CSV), ``cli``.  The official forms
(criteria in rows: Biểu số 2-BTCTW …) are read by ``formlayout`` (is the
sheet a form, where its columns are), ``forms`` (its rows, into the table
``form_rows``) and ``formchecks`` (its rules, and the cross-check against
the admissions reports).

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

from .files import find_workbooks
from .problems import Problem, ReportError, problems_frame
from .reports import Reports

__all__ = [
    "Problem",
    "ReportError",
    "Reports",
    "find_workbooks",
    "problems_frame",
    "read_admissions",
    "read_breakthrough_tasks",
    "read_kind",
    "read_placements",
    "read_ratings",
    "read_reports",
]


def read_reports(paths, *, district: str | None = None, lang: str | None = None, jobs: int | None = None,
                 cache: bool | str = False, tables: bool = True, province: str | None = None) -> Reports:
    """Read every report sheet of the workbooks at ``paths``.

    Parameters
    ----------
    paths : path or iterable of paths
        Workbooks, or folders searched recursively (Office lock files
        ``~$…`` and hidden files are skipped).
    district : str, optional
        The district of sheets whose header block names none.
    province : str, optional
        The province of sheets whose header block names none (else it is
        inferred from the district and its units when they decide it).
    lang : {"vi", "en"}, optional
        Language of the problem messages (default: the current setting).
    jobs : int, optional
        Processes to read a large folder with (default: one per core; 1:
        this process only).  The result is the same however many.
    cache : bool or path, optional
        Reuse the reading of files read before with the same bytes and
        the same reader (True: the user's cache folder; a path: that
        folder).  The result is the same with or without.
    tables : bool
        Keep the tidy rows (False: only the problems and the sheets, as
        ``check`` needs).

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
    from .result import Options
    from .run import paused_gc, read_all

    options = Options.make(district, lang, keep_rows=tables, province=province)
    results = read_all(paths, options, jobs=jobs, cache=cache)
    with paused_gc():
        return Reports(results, tables=tables)


def read_kind(kind: str, paths, *, district=None, lang=None, errors="raise", **options):
    """The table of ``kind`` of the workbooks at ``paths`` (see :func:`read_reports`).

    ``kind`` is a report kind or ``"form_rows"`` (the official forms' rows:
    :func:`helpers.kinds.tables` lists them all).  ``errors="raise"`` raises
    :class:`ReportError` listing every error of a sheet of that kind or of a
    whole file; ``errors="ignore"`` returns what could be read.
    """
    from .. import kinds

    if kind not in kinds.tables():
        raise ValueError(f"kind must be one of {', '.join(kinds.tables())}; got {kind!r}")
    if errors not in ("raise", "ignore"):
        raise ValueError(f"errors must be 'raise' or 'ignore'; got {errors!r}")
    reports = read_reports(paths, district=district, lang=lang, **options)
    if errors == "raise":
        errs = reports.errors_of(kind)
        if errs:
            raise ReportError(errs)
    return reports.tables[kind]


def read_admissions(paths, *, district=None, lang=None, errors="raise"):
    """The admissions table of the workbooks at ``paths`` (see :func:`read_kind`)."""
    return read_kind("admissions", paths, district=district, lang=lang, errors=errors)


def read_ratings(paths, *, district=None, lang=None, errors="raise"):
    """The ratings table of the workbooks at ``paths`` (see :func:`read_kind`)."""
    return read_kind("ratings", paths, district=district, lang=lang, errors=errors)


def read_placements(paths, *, district=None, lang=None, errors="raise"):
    """The placements table of the workbooks at ``paths`` (see :func:`read_kind`)."""
    return read_kind("placements", paths, district=district, lang=lang, errors=errors)


def read_breakthrough_tasks(paths, *, district=None, lang=None, errors="raise"):
    """The breakthrough-tasks table of the workbooks at ``paths`` (see :func:`read_kind`)."""
    return read_kind("breakthrough_tasks", paths, district=district, lang=lang, errors=errors)
