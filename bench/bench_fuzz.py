"""The long fuzz run of the reader (on demand; not part of the test suite).

Generates report workbooks with random layouts and values (the strategies of
``tests/strategies.py``), reads each back with ``helpers.read.read_reports``
and compares with the rows written; then damages each workbook's bytes
(truncation, bit flips, zeroed runs, removed, shuffled or duplicated zip
members) and reads it again.  Counts workbooks, mutated files, crashes
(an exception out of the reader), lost rows (a clean read that differs
from what was written, or a damaged read that returns rows never written)
and hangs (a read slower than the bound), and prints the reading time
against a baseline measured in the same run: python-calamine loading the
same workbooks without any checking.

Usage::

    python bench/bench_fuzz.py                     # 10,000 workbooks, 2 processes
    python bench/bench_fuzz.py --workbooks 500     # a quick run
    python -m bench fuzz                           # the same as the first
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

HANG_BOUND = 5.0


def _worker(args: tuple[int, int, int]) -> dict:
    seed, count, mutations_per = args
    import warnings

    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st
    from python_calamine import CalamineWorkbook

    import strategies as S
    from helpers.read import read_reports
    from test_fuzz import mutate

    warnings.simplefilter("ignore")
    stats = {"workbooks": 0, "mutated": 0, "clean_mutated": 0, "crashes": 0, "lost_rows": 0, "hangs": 0,
             "read_s": 0.0, "baseline_s": 0.0, "examples": []}
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
    (tmp / "bad").mkdir()

    def note(kind: str, detail: str) -> None:
        if len(stats["examples"]) < 5:
            stats["examples"].append(f"{kind}: {detail[:800]}")

    def timed_read(path):
        start = time.perf_counter()
        rep = read_reports(path, district=S.DISTRICT, lang="en")
        elapsed = time.perf_counter() - start
        if elapsed > HANG_BOUND:
            stats["hangs"] += 1
            note("hang", f"{path.name} {elapsed:.1f} s")
        return rep, elapsed

    def same(rep, expected) -> bool:
        try:
            S.matches(rep.tables, expected)
            return True
        except AssertionError:
            return False

    @hseed(seed)
    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(S.reports(), st.data())
    def run(reps, data):
        path = tmp / "w.xlsx"
        cells = S.write(path, reps)
        expected = S.expected_tables(path.name, reps, cells)
        stats["workbooks"] += 1
        try:
            start = time.perf_counter()
            wb = CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python()
            stats["baseline_s"] += time.perf_counter() - start
            rep, elapsed = timed_read(path)
            stats["read_s"] += elapsed
            if rep.errors or not same(rep, expected):
                stats["lost_rows"] += 1
                note("lost", f"{reps!r} {[str(p) for p in rep.errors]}")
        except Exception:  # noqa: BLE001 - counted, not raised
            stats["crashes"] += 1
            note("crash", traceback.format_exc())
        raw = path.read_bytes()
        for _ in range(mutations_per):
            how = data.draw(st.sampled_from(["truncate", "flip", "remove", "shuffle", "zero_run", "duplicate"]))
            bad = tmp / "bad" / path.name  # same name: the same expected rows
            bad.write_bytes(mutate(raw, how, data.draw))
            bad_expected = expected
            stats["mutated"] += 1
            try:
                rep, _ = timed_read(bad)
                if not rep.errors:
                    stats["clean_mutated"] += 1
                    if not same(rep, bad_expected):
                        stats["lost_rows"] += 1
                        note("lost (mutated, clean)", how)
                elif not S.within(rep.tables, bad_expected):
                    stats["lost_rows"] += 1
                    note("wrong rows (mutated)", how)
            except Exception:  # noqa: BLE001
                stats["crashes"] += 1
                note(f"crash ({how})", traceback.format_exc())

    try:
        run()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=10_000)
    parser.add_argument("--mutations", type=int, default=1, help="damaged copies per workbook")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20231215)
    args = parser.parse_args([] if argv is None else argv)  # python -m bench: the defaults
    share = -(-args.workbooks // args.workers)
    jobs = [(args.seed + i, min(share, args.workbooks - i * share), args.mutations) for i in range(args.workers)]
    start = time.perf_counter()
    with mp.get_context("spawn").Pool(args.workers) as pool:
        results = pool.map(_worker, [j for j in jobs if j[1] > 0])
    elapsed = time.perf_counter() - start
    total = {k: sum(r[k] for r in results) for k in results[0] if k != "examples"}
    print(f"workbooks generated and read : {total['workbooks']:,}")
    print(f"damaged copies read          : {total['mutated']:,} ({total['clean_mutated']:,} still read cleanly)")
    print(f"crashes                      : {total['crashes']}")
    print(f"lost or wrong rows           : {total['lost_rows']}")
    print(f"hangs (> {HANG_BOUND:.0f} s)               : {total['hangs']}")
    print(f"elapsed                      : {elapsed:.1f} s with {args.workers} processes")
    if total["baseline_s"]:
        per = total["read_s"] / max(total["workbooks"], 1) * 1e3
        base = total["baseline_s"] / max(total["workbooks"], 1) * 1e3
        print(f"read_reports per workbook    : {per:.2f} ms = {per / base:.1f} × python-calamine alone ({base:.2f} ms)")
    for r in results:
        for ex in r["examples"]:
            print("  ", ex)
    return 0 if total["crashes"] == total["lost_rows"] == total["hangs"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
