"""The same report read twice: a second download, a copy in another folder, a sheet copied.

A unit of one kind, place, year and period reported in two places (two
files, or two sheets) is read once when the figures are the same, with a
warning naming both; when they differ, neither is read and an error names
both cells.  Nothing is counted twice in silence.

Only sheets that share a report's kind, place, year and period can share a
unit, so the files are compared unit by unit only for those (read again
with ``Options.details``), and a run without such sheets costs nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .result import FileResult


def find_repeats(results: list[FileResult], paths: list[str | Path]) -> None:
    """Report and resolve units read twice, in place (``paths``: each result's file)."""
    overlaps = _overlapping(results)
    if not overlaps:
        return
    first: dict[tuple, tuple[int, str, int, tuple]] = {}  # unit -> (result, source, unit row, figures)
    repeats: dict[tuple[int, str], list[tuple]] = {}  # (result, sheet) -> its repeated units
    drop: dict[int, dict[str, set[int]]] = {}
    for i in sorted(overlaps):
        for table, unit, source, row, figures, report in _detailed(results[i], paths[i]):
            seen = first.setdefault((report, unit), (i, source, row, figures))
            if seen[1] == source:
                continue
            same = figures == seen[3]
            repeats.setdefault((i, _where(source)[0]), []).append((source, seen[1], same))
            drop.setdefault(i, {}).setdefault(table, set()).add(row)
            if not same:
                drop.setdefault(seen[0], {}).setdefault(table, set()).add(seen[2])
    for (i, sheet), found in repeats.items():
        _report(results[i], sheet, found)
    for i, tables in drop.items():
        for table, rows in tables.items():
            if table in results[i].stores:
                results[i].stores[table].drop(rows)


def _report(res: FileResult, sheet: str, found: list[tuple]) -> None:
    """One warning for a sheet that repeats another unit for unit; else a problem a unit."""
    units = next(n for s, _key, n in res.reports if s == sheet)
    firsts = {first.rsplit("!", 1)[0] for _source, first, _same in found}
    if len(found) == units and len(firsts) == 1 and all(same for _s, _f, same in found):
        res.add("repeated_sheet", "warning", sheet, None, first=firsts.pop())
        return
    for source, first, same in found:
        res.add("repeated_same" if same else "repeated_different", "warning" if same else "error",
                *_where(source), first=first)


def _overlapping(results: list[FileResult]) -> set[int]:
    """The results holding a report sheet whose kind, place, year and period another sheet shares."""
    where: dict[tuple, list[int]] = {}
    for i, res in enumerate(results):
        for _sheet, key, units in res.reports:
            if units:
                where.setdefault(key, []).append(i)
    return {i for found in where.values() if len(found) > 1 for i in found}


def _detailed(res: FileResult, path: str | Path) -> list[tuple]:
    """(table, unit, source, unit row, figures, report key) of every unit a file read, read again if need be."""
    from .engine import read_file

    again = read_file(Path(path), res.display, replace(res.options, keep_rows=True, details=True))
    keys = {sheet: key for sheet, key, _units in again.reports}
    out = []
    for table, unit, source, row, figures in again.details:
        sheet = source.split("!")[-2]
        out.append((table, unit, source, row, figures, keys[sheet]))
    if res.options.keep_rows:
        res.stores = again.stores  # the same rows, read the same way: their unit rows are the ones named
    return out


def _where(source: str) -> tuple[str, str]:
    """(sheet, cell) of a source "file!sheet!cell"."""
    _file, sheet, cell = source.rsplit("!", 2)
    return sheet, cell
