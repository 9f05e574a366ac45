"""The official forms: what looking for a form costs every sheet, and what reading one costs.

Measured in one run, each repeated (``BENCH_REPEAT``, default 5), the
fastest kept:

- the bundled workbooks (``data/raw``) read in this process, as the reader
  is, against the same reading with the form look-up switched off (the
  baseline), and the time spent inside the look-up (steadier on a busy
  machine): the look-up before every sheet's per-unit table is the only
  cost forms add to reports that are no forms;
- 200 sheets of Biểu số 2-BTCTW (a workbook of 20 committees' forms, ten
  copies of it under other names, repeats resolved), against 200 admissions
  sheets of the same districts (the baseline: a per-unit report).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _forms_folder(folder: Path) -> None:
    from helpers.formwriter import Committee, FormSheet, write_form_workbook
    from helpers.sheetwriter import Report, write_workbook
    from helpers.units import district_names, units_in

    districts = list(district_names())
    sheets, reports = [], []
    for i in range(20):
        district = districts[i % len(districts)]
        year = 2016 + i // len(districts)
        sheets.append(FormSheet("2-BTCTW", Committee("Tuyên Quang", district=district), year,
                                {"total": {"value": 40 + i, "previous": 30 + i}}, sheet=f"{district} {year}"[:31]))
        recs = [{"unit": u.name, "unit_type": u.type, "admitted": 2} for u in units_in(district, year).itertuples()]
        reports.append(Report("admissions", recs, district, year, sheet=f"{district} {year}"[:31]))
    (folder / "forms").mkdir()
    (folder / "kn").mkdir()
    for k in range(10):
        write_form_workbook(folder / "forms" / f"bieu2-{k}.xlsx", sheets)
        write_workbook(folder / "kn" / f"kn-{k}.xlsx", reports)


def main() -> None:
    import helpers.read.engine as engine
    from helpers.config import RAW_DATA_DIR
    from helpers.read import read_reports

    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    real = engine.find_form
    read = lambda: read_reports(RAW_DATA_DIR, jobs=1)  # noqa: E731
    read()
    with_lookup = _best(read, repeat)
    engine.find_form = lambda rows, merges: None
    try:
        without = _best(read, repeat)
    finally:
        engine.find_form = real
    spent = [0.0]

    def timed(rows, merges):
        t = time.perf_counter()
        try:
            return real(rows, merges)
        finally:
            spent[0] += time.perf_counter() - t

    engine.find_form = timed
    try:
        whole = _best(read, 1)
    finally:
        engine.find_form = real
    print(f"bundled data, {len(read().sheets)} sheets: {with_lookup:.3f} s with the form look-up, "
          f"{without:.3f} s without (baseline); ratio {with_lookup / without:.3f}; "
          f"time inside the look-up {spent[0] * 1000:.1f} ms of {whole * 1000:.0f} ms ({spent[0] / whole:.1%})")
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        _forms_folder(folder)
        forms = _best(lambda: read_reports(folder / "forms", jobs=1), repeat)
        per_unit = _best(lambda: read_reports(folder / "kn", jobs=1), repeat)
        n = read_reports(folder / "forms", jobs=1).row_count("form_rows")
    print(f"200 Biểu 2 sheets ({n} form rows kept): {forms:.3f} s; 200 admissions sheets (baseline): "
          f"{per_unit:.3f} s; ratio {forms / per_unit:.3f}")


if __name__ == "__main__":
    main()
