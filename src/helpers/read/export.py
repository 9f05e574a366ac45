"""Writing the tidy tables and the problems as CSV files (data contract §5).

Each table with rows becomes ``<table>.csv`` (UTF-8, one header row, the
table's columns) and the problems ``problems.csv``, written a chunk of
rows at a time with the ``csv`` module, so the export's memory does not
grow with the file.  Text a spreadsheet would run as a formula is made
inert (:mod:`helpers.formulas`): in the tables when the reader saw such a
text there, in the problems always.

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> _ = write_rows(buf, ["unit", "n"], iter([("Hòa Phú", 3), ("=1+1", None)]), neutralise=True)
>>> buf.getvalue()
"unit,n\\nHòa Phú,3\\n'=1+1,\\n"
"""

from __future__ import annotations

import csv
from itertools import islice
from pathlib import Path

from .. import kinds
from ..formulas import neutral
from .problems import PROBLEM_COLUMNS

#: Rows written at a time.
CHUNK = 20_000


class _Fields(dict):
    """Value → its CSV field (``None`` → empty), each distinct value encoded once.

    The values of one column share one type (besides ``None``), so ``True``
    and ``1`` never meet as keys.
    """

    def __init__(self, neutralise: bool):
        super().__init__({None: ""})
        self.neutralise = neutralise

    def __missing__(self, value):
        text = _field(neutral(value) if self.neutralise else value)
        self[value] = text
        return text


def _field(value) -> str:
    text = str(value)
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _encoded(col: list, fields: _Fields) -> list[str]:
    """A column's CSV fields; a column of plain text is its own encoding."""
    if not fields.neutralise and set(map(type, col)) == {str}:
        text = "".join(col)
        if "," not in text and '"' not in text and "\n" not in text and "\r" not in text:
            return col
    return list(map(fields.__getitem__, col))


def write_store(fh, header, store, *, neutralise: bool) -> int:
    """Write a reader's table (a :class:`helpers.read.store.Store`) as CSV, a block of rows at a time.

    Gives the bytes :func:`write_rows` gives for the same rows; each unit
    row's fields are encoded once for all its tidy rows.
    """
    fh.write(",".join(_field(neutral(h) if neutralise else h) for h in header) + "\n")
    columns = [_Fields(neutralise) for _ in header]
    units, rest = columns[: len(store.units)], columns[len(store.units):]
    for unit_cols, rest_cols, refs in store.blocks(CHUNK):
        prefixes = list(map(",".join, zip(*[_encoded(col, enc) for enc, col in zip(units, unit_cols)])))
        if refs is not None:
            prefixes = map(prefixes.__getitem__, refs)
        fields = [_encoded(col, enc) for enc, col in zip(rest, rest_cols)]
        fh.write("\n".join(map(",".join, zip(prefixes, *fields))))
        fh.write("\n")
    return len(store)


def _write_mapped(fh, frame, table: str, year: int, notes: list[tuple]) -> int:
    """A table carried onto ``year``'s units, as CSV; what was not carried as it is goes into ``notes``."""
    from ..safety import neutralise_formulas
    from ..units import to_boundaries

    mapped = to_boundaries(frame, year, table_name=table)
    for note in ("divided", "agencies_kept", "unmapped"):
        notes.extend((table, note, " | ".join(map(str, item))) for item in mapped.attrs.get(note, ()))
    neutralise_formulas(mapped).to_csv(fh, index=False, lineterminator="\n")
    return len(mapped)


def write_rows(fh, header, rows, *, neutralise: bool) -> int:
    """Write a header and rows (tuples) to an open text file; return the number of rows."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([neutral(h) for h in header] if neutralise else header)
    n = 0
    while True:
        chunk = list(islice(rows, CHUNK))
        if not chunk:
            return n
        if neutralise:
            chunk = [tuple(map(neutral, row)) for row in chunk]
        writer.writerows(chunk)
        n += len(chunk)


def write_export(reports, out: str | Path, *, boundaries: int | None = None) -> list[tuple[Path, int]]:
    """Write ``out/<table>.csv`` for each table with rows (``form_rows.csv`` too), and ``out/problems.csv``.

    ``boundaries``: a year, or 2025 for the communes of 1 July 2025: the
    tables carried onto that year's units first
    (:func:`helpers.units.to_boundaries`), and ``out/boundaries.csv`` says
    which rows were not carried as they are (a divided commune taken whole
    by its default new commune, an agency kept, a unit not found).
    Returns the files written, each with its number of rows.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    notes: list[tuple] = []
    for name in kinds.tables():
        if not reports.row_count(name):
            continue
        path = out / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            # a form is one committee's figures: it is carried onto no other units
            if boundaries is None or name not in kinds.names():
                n = write_store(fh, list(kinds.dtypes(name)), reports.store(name), neutralise=reports.formula_like)
            else:
                n = _write_mapped(fh, reports.tables[name], name, boundaries, notes)
        written.append((path, n))
    if boundaries is not None:
        path = out / "boundaries.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            written.append((path, write_rows(fh, ["table", "note", "detail"], iter(notes), neutralise=True)))
    path = out / "problems.csv"
    rows = ((p.file, p.sheet or "", p.cell or "", p.severity, p.message) for p in reports.problems)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        written.append((path, write_rows(fh, list(PROBLEM_COLUMNS), rows, neutralise=True)))
    return written
