"""Reading one workbook: the file guard, its sheets, each sheet's report.

:func:`read_file` is the whole reading of one file and returns a
:class:`FileResult` (its problems, its sheet inventory and its tidy rows).
It depends on nothing but the file and the options, so files can be read
in any order, in several processes, or taken from the cache
(:mod:`helpers.read.run` puts the results together).
"""

from __future__ import annotations

from pathlib import Path

from .. import kinds
from ..legacy import DIAGNOSES, ENCODING_NAMES, diagnose, in_encoding, to_unicode
from ..text import canonical
from .cells import cell_ref, is_blank
from .columns import figure_columns, guess_kind, has_required
from .files import display_name
from .formlayout import find_form, names_a_legacy_form
from .forms import read_form
from .guard import inspect_file
from .layout import HEADER_SCAN, find_table, header_year, title_lines, title_text
from .place import place_of
from .messages import MESSAGES
from .problems import problem
from .result import SHEET_COLUMNS, FileResult, Options  # noqa: F401 - SHEET_COLUMNS and Options read from here too
from .sheet import SheetReader
from .workbook import open_book

#: Titles of report sheets that lack a unit column start with one of these (folded).
_REPORT_TITLES = ("kết quả", "báo cáo", "tổng hợp", "biểu")

_PLAIN: set = set()  # cell values known to hold no legacy-font text
_EITHER_WAY: set = set()  # cell values that read as Unicode or as a legacy font: the sheet's other cells decide


def read_file(path: Path, display: str, options: Options) -> FileResult:
    """Read every report sheet of one file."""
    res = FileResult(display, options)
    if not path.is_file():
        res.problems.append(problem(MESSAGES, "not_found", "error", file=display_name(str(path)), lang=options.lang))
        res.sheet_row(None, "failed", reason="not_found")
        return res
    check = inspect_file(path, display, lang=options.lang)
    res.problems.extend(check.problems)
    res.format = check.format
    if check.fatal:
        res.sheet_row(None, "failed", reason="unreadable")
        return res
    try:
        book = open_book(check.data if check.data is not None else path, check.format)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - any failure of a bad file (even a library panic) is a problem
        res.add("unreadable", "error", detail=_detail(exc))
        res.sheet_row(None, "failed", reason="unreadable")
        return res
    try:
        _read_book(res, book)
    finally:
        book.close()
    return res


def _read_book(res: FileResult, book) -> None:
    any_cells = reports = hidden = 0
    for info in book.sheets:
        if not (info.visible and info.worksheet):
            hidden += 1
            res.sheet_row(info.name, "skipped", reason="hidden")
            continue
        try:
            rows, merges = book.cells(info.name)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001
            res.add("sheet_failed", "error", info.name, detail=_detail(exc))
            res.sheet_row(info.name, "failed", reason="unreadable")
            continue
        # a cell holding anything but blanks (zeros and FALSE count: they are figures)
        if not (any(map(any, rows)) or any(not is_blank(v) for row in rows for v in row)):
            res.sheet_row(info.name, "skipped", reason="empty")
            continue
        any_cells += 1
        reports += read_sheet(res, info.name, rows, merges)
    if not any_cells and not hidden:
        res.add("empty_workbook", "error")
    elif not reports:
        res.add("no_report", "warning")


def _legacy_rows(res: FileResult, sheet: str, rows: list[list], upto: int) -> bool:
    """Convert legacy-font text in the top rows, in place, with a warning per cell.

    A cell that reads either way ("Ghi chó", TCVN3 for "Ghi chú") is read in the encoding of the
    other cells converted when they are all in one (:func:`helpers.legacy.in_encoding`)."""
    changed = False
    found: set[str] = set()
    left: list[tuple[int, int]] = []  # text beyond ASCII left as it is
    for r in range(min(upto, len(rows))):
        row = rows[r]
        try:
            if all(map(_PLAIN.__contains__, row)):
                continue
        except TypeError:  # an unhashable value: look at each cell
            pass
        for c, v in enumerate(row):
            if type(v) is str and v and not v.isascii():
                if v in _PLAIN:
                    continue
                if v in _EITHER_WAY:
                    left.append((r, c))
                    continue
                new, enc = to_unicode(v)
                if enc:
                    row[c] = new
                    changed = True
                    found.add(enc)
                    _converted(res, sheet, r, c, enc, canonical(new))
                    continue
                garbled = diagnose(v)
                if garbled:
                    res.add("garbled_text", "warning", sheet, cell_ref(r, c), what=DIAGNOSES[garbled][res.options.lang])
                elif any(in_encoding(v, e) is not None for e in ("TCVN3", "VNI")):
                    _EITHER_WAY.add(v)
                    left.append((r, c))
                    continue  # not plain in every sheet: it may be read in the encoding of the cells around it
            try:
                _PLAIN.add(v)
            except TypeError:
                pass
    if len(found) == 1 and found <= {"TCVN3", "VNI"}:
        (enc,) = found
        for r, c in left:
            new = in_encoding(rows[r][c], enc)
            if new is not None:
                rows[r][c] = new
                _converted(res, sheet, r, c, enc, new)
    return changed


def _converted(res: FileResult, sheet: str, r: int, c: int, encoding: str, text: str) -> None:
    """The warning that cell (``r``, ``c``) was typed in ``encoding`` and now reads ``text``."""
    res.add("legacy_text", "warning", sheet, cell_ref(r, c), encoding=ENCODING_NAMES[encoding][res.options.lang], text=text)


def read_sheet(res: FileResult, sheet: str, rows: list[list], merges) -> int:
    """Read one sheet; return 1 if it is a report sheet, else 0."""
    form = find_form(rows, merges)  # an official form (criteria in rows) is no per-unit table
    if form is None and names_a_legacy_form(rows):
        # a form typed in a legacy font: every row converted (its criteria are row labels), then looked at again
        before = len(res.problems)
        _legacy_rows(res, sheet, rows, len(rows))
        form = find_form(rows, merges)
        if form == "instructions":  # nothing is read from it: its conversions are no news
            del res.problems[before:]
    if form is not None:
        if form == "instructions":
            res.sheet_row(sheet, "skipped", reason="not_report")
            return 0
        return read_form(res, sheet, rows, form)
    table = find_table(rows, merges)
    # legacy-font text (TCVN3, VNI): convert the title and header rows
    # (all the top rows when no header was recognised), then look again
    if _legacy_rows(res, sheet, rows, table.data_start if table is not None else HEADER_SCAN):
        table = find_table(rows, merges)
    top = table.top if table is not None else min(len(rows), 15)
    lines = title_lines(rows, top)  # the title, district and year are read from these cells
    title = title_text(rows, top, lines=lines)
    kind = kinds.of_title(title)
    if table is None:
        if kind is not None and any(title.startswith(w) or f"| {w}" in title for w in _REPORT_TITLES):
            res.fail(sheet, "no_unit_column", kind=kind)
            return 1
        res.sheet_row(sheet, "skipped", reason="not_report")
        return 0
    header_cell = cell_ref(table.top, min(table.paths) if table.paths else 0)
    paths = tuple(sorted((c, p) for c, p in table.paths.items() if c not in (table.unit_col, table.tt_col)))
    if kind is None:
        kind = guess_kind(paths)
        if kind is None:
            if table.unit_col is None:
                res.sheet_row(sheet, "skipped", reason="not_report")
                return 0
            res.fail(sheet, "no_kind", header_cell)
            return 1
    place = place_of(res.options, rows, top, sheet, lines)
    res.kinds[sheet] = kind
    if table.unit_col is None:
        res.fail(sheet, "no_unit_column", header_cell, kind, place.district, place.year)
        return 1
    return _read_report(res, sheet, rows, table, kinds.get(kind), paths, place, header_cell)


def _read_report(res, sheet, rows, table, kind, paths, place, header_cell) -> int:
    figs, notes = figure_columns(kind.name, paths)
    for code, c, params in notes:
        res.add(code, "warning", sheet, cell_ref(*table.path_cells[c]), **dict(params))
    lang = res.options.lang
    district, year = place.district, place.year
    if not has_required(kind.name, figs):
        res.add("missing_figure", "error", sheet, header_cell, kind=kind.label[lang], expected=kind.expected[lang])
        res.sheet_row(sheet, "failed", kind.name, district, year, reason="missing_figure")
        return 1
    if (district is None and place.needs_district) or year is None:
        if district is None and place.needs_district:
            res.add("no_district", "error", sheet, "A1")
        if year is None:
            res.add("no_year", "error", sheet, "A1")
        res.sheet_row(sheet, "failed", kind.name, district, year, reason="no_year" if year is None else "no_district")
        return 1
    place = place.with_province(res, sheet, table, rows)
    if place.province is None:
        res.sheet_row(sheet, "failed", kind.name, district, year, reason="no_province")
        return 1
    n = SheetReader(res, sheet, rows, table, kind, figs, place).run()
    res.sheet_row(sheet, "read", kind.name, district, year, n)
    return 1


def _detail(exc: BaseException) -> str:
    from .workbook import BookError

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, BookError):
        return text[:300]  # already says what could not be read
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
