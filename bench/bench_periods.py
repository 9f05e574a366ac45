"""Choosing whole years (``indicators.whole_years``) at the size of the whole country.

Measured in one run, on made-up tidy tables of 3,321 communes (the country's
count from 1 July 2025) over ten report years:

- whole years only: every report a whole-year one (the fast path);
- with part-years: in the last year every commune has an H1 and an H2
  report, a third of them a whole-year report as well, a tenth quarters only;

against the baseline measured alongside: one ``groupby(...).sum()`` of the
same table over the unit and year (what every indicator pays to group).
Also ``admissions_attainment(by="district")`` on both tables, whose choosing
of periods is included.  ``BENCH_REPEAT`` sets the repetitions (default 5);
the median is kept.
"""

from __future__ import annotations

import os
import statistics
import time

import pandas as pd

from helpers import indicators as ind
from helpers.schema import conform

COMMUNES = 3321
YEARS = range(2016, 2026)


def _rows(period_of) -> pd.DataFrame:
    rows = []
    for c in range(COMMUNES):
        for y in YEARS:
            for p in period_of(c, y):
                rows.append({"province": f"P{c % 34}", "district": f"D{c % 700}", "unit": f"X{c}", "unit_type": "commune",
                             "year": y, "period": p, "source": f"f{c}!{y}!{p}", "target": 9, "admitted": 1 + c % 7,
                             "female": c % 3})  # fmt: skip
    return conform("admissions", pd.DataFrame(rows))


def _mixed(c: int, y: int) -> tuple[str, ...]:
    if y != YEARS[-1]:
        return ("year",)
    if c % 10 == 0:
        return ("Q1", "Q2", "Q3")
    return ("year", "H1", "H2") if c % 3 == 0 else ("H1", "H2")


def _median(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    tables = {"whole years only": _rows(lambda c, y: ("year",)), "with part-years": _rows(_mixed)}
    keys = ["province", "district", "unit", "unit_type", "year"]
    for label, table in tables.items():
        base = _median(lambda: table.groupby(keys, sort=True, dropna=False)["admitted"].sum(), repeat)
        whole = _median(lambda: ind.whole_years(table, table_name="admissions"), repeat)
        attain = _median(lambda: ind.admissions_attainment(table, by="district"), repeat)
        print(f"{label}: {len(table):,} rows")
        print(f"  baseline groupby-sum        {base * 1000:8.1f} ms")
        print(f"  whole_years                 {whole * 1000:8.1f} ms   ×{whole / base:5.1f} the baseline")
        print(f"  admissions_attainment       {attain * 1000:8.1f} ms   ×{attain / base:5.1f} the baseline")


if __name__ == "__main__":
    main()
