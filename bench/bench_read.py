"""Reading speed: the readers against pandas + openpyxl on the same workbooks.

Builds a folder of synthetic workbooks of real districts of the country
(each its own district and communes, 9 report sheets of about 40 rows, varied
layouts) in a temporary folder, then times, in the same run and after one
warm-up:

- baseline: ``pd.read_excel(path, sheet_name=None, header=None,
  engine="openpyxl")`` of every workbook (cells only, no checks);
- ours: ``read_reports(folder)`` (file guard, read, locate, validate,
  reconcile every total) and writing the tidy tables and problems as CSV
  the way ``python -m helpers export`` does.

The two are run in turn, repeat after repeat, so both see the same load on
the machine; it prints medians of wall-clock and CPU time, the time per
workbook and the ratio.
Set ``BENCH_WORKBOOKS`` / ``BENCH_REPEATS`` to change the size.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the bench package, run as a script too

_LEVELS = ("excellent", "good", "completed", "not_completed")
_AGENCIES = ("Công an {w}", "Ban Chỉ huy Quân sự {w}", "Trung tâm Y tế {w}", "Kho bạc Nhà nước {w}",
             "Chi cục Thuế {w}", "Trường Trung học phổ thông {d}")


def _districts(n: int):
    """``n`` real districts spread over the country (bench.national_data: the national tables)."""
    from bench.national_data import load_districts

    every = load_districts()
    return [every[i * len(every) // n] for i in range(n)]


def _units(district, n: int) -> list[tuple[str, str]]:
    """A district's first communes and six agencies: ``n`` units."""
    agencies = [(a.format(w=district.word, d=district.name), "agency") for a in _AGENCIES]
    return list(district.communes[: n - len(agencies)]) + agencies


def _records(kind: str, units, rng: random.Random) -> list[dict]:
    out = []
    for unit, unit_type in units:
        rec: dict = {"unit": unit, "unit_type": unit_type}
        if kind == "admissions":
            adm = rng.randint(2, 12)
            rec.update(target=rng.randint(2, 12), admitted=adm, female=rng.randint(0, adm), ethnic_minority=rng.randint(0, adm),
                       youth_union=rng.randint(0, adm), religious=rng.randint(0, min(adm, 1)))
        elif kind == "ratings":
            rec["organisation"] = rng.choice(_LEVELS)
            rec["members"] = {lv: rng.randint(0, 60) for lv in _LEVELS} | {"not_rated": rng.randint(0, 5)}
            if unit_type != "agency":
                rec["cells"] = {lv: rng.randint(0, 12) for lv in _LEVELS}
        elif kind == "placements":
            vice = rng.randint(1, 2)
            members = rng.randint(10, 25)
            rec.update(secretary_non_local=rng.random() < 0.3, secretary_chairs_pc=rng.random() < 0.2,
                       pc_chair_non_local=rng.random() < 0.2, pc_vice_chairs=vice, pc_vice_chairs_non_local=rng.randint(0, vice),
                       officials_members=members, officials_in_village_cells=rng.randint(0, members),
                       officials_in_village_committees=rng.randint(0, members))
        else:
            tasks = rng.randint(5, 30)
            rec.update(cadres=rng.randint(2, 9), tasks=tasks, tasks_completed=rng.randint(0, tasks))
        out.append(rec)
    return out


def build(folder: Path, workbooks: int, seed: int = 7) -> list[Path]:
    """Write ``workbooks`` district workbooks, each of another real district of the country."""
    from helpers.sheetwriter import Layout, Place, Report, write_workbook

    rng = random.Random(seed)
    paths = []
    for i, district in enumerate(_districts(workbooks)):
        units = _units(district, 40)
        kinds = ["admissions", "ratings", "placements", "breakthrough_tasks"]
        reports = []
        for k in range(9):
            kind = kinds[k % 4]
            recs = [r for r in _records(kind, units, rng) if kind != "placements" or r["unit_type"] != "agency"]
            layout = Layout(header_rows=rng.choice((1, 2, 3)), level_style=rng.choice(("word", "x")),
                            numbers=rng.choice(("number", "text", "dash")), spelling=rng.choice(("canonical", "abbreviated", "alternate")))
            reports.append(Report(kind, recs, district.name, 2016 + k, layout, sheet=f"{kind[:3]} {2016 + k}",
                                  place=Place(district.province, district.word)))
        path = folder / f"district-{i:03d}.xlsx"
        write_workbook(path, reports)
        paths.append(path)
    return paths


def _ours(folder: Path, out: Path) -> int:
    from helpers.read import read_reports
    from helpers.read.export import write_export

    reports = read_reports(folder, jobs=1)  # one process, no cache: the reader's own speed
    written = write_export(reports, out)  # what `python -m helpers export` writes
    return sum(n for path, n in written if path.name != "problems.csv")


def _baseline(paths: list[Path]) -> int:
    import pandas as pd

    cells = 0
    for p in paths:
        for frame in pd.read_excel(p, sheet_name=None, header=None, engine="openpyxl").values():
            cells += frame.size
    return cells


def _time(fn) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    n = int(os.environ.get("BENCH_WORKBOOKS", "200"))
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    import pandas  # noqa: F401 - start-up excluded from both timings
    import openpyxl  # noqa: F401

    import helpers.read.export  # noqa: F401
    import helpers.read.run  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths = build(folder, n)
        out = Path(tmp) / "out"
        rows = _ours(folder, out)  # warm-up (the unit registry loads once)
        _baseline(paths[:2])
        # interleaved, so that both see the same load on the machine
        runs = {"ours": [], "base": []}
        for _ in range(repeats):
            runs["ours"].append(_time(lambda: _ours(folder, out)))
            runs["base"].append(_time(lambda: _baseline(paths)))
    print(f"workbooks: {n} (9 report sheets of ~40 rows each), tidy rows: {rows}, repeats: {repeats}")
    for i, clock in enumerate(("wall", "cpu")):
        base = statistics.median(t[i] for t in runs["base"])
        ours = statistics.median(t[i] for t in runs["ours"])
        print(f"[{clock}] pandas + openpyxl read_excel: {base:.2f} s ({base / n * 1000:.1f} ms a workbook)")
        print(f"[{clock}] read_reports + CSV export:    {ours:.2f} s ({ours / n * 1000:.2f} ms a workbook)")
        print(f"[{clock}] ratio: {base / ours:.1f}x faster (goal: 12x)")


if __name__ == "__main__":
    main()
