"""The unit registry: load time, and the cost of resolving a unit, against the library's own look-up.

Measured in one run, each in a fresh process where the point is a cold start:

- build: reading the sources (the library's SQLite file and mapping, the
  project's layer) into the registry, with no cache;
- load: the same from the cache file (what every process, and every worker
  of a pool, pays once);
- resolve, first call and again: :func:`helpers.units.resolve_unit` over the
  communes of every district of the country (about 10,000 distinct
  names), then the same calls again (the dict look-up the reader pays per
  row after the first);
- baseline: ``vietnamadminunits.parse_address`` (the library's own
  look-up of one "commune, district, province" address, legacy mode) on a
  sample of the same units, in the same run.

Set ``BENCH_SAMPLE`` to change the baseline's sample size (default 2,000).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

_LOAD = """
import time, sys
from pathlib import Path
t0 = time.perf_counter()
from helpers.units import registry as R
t1 = time.perf_counter()
payload = R.load_payload(Path(sys.argv[1]))
with R._no_gc():
    R.Registry(payload)
print(t1 - t0, time.perf_counter() - t1)
"""


def _in_fresh_process(cache: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _LOAD, cache], check=True, capture_output=True, text=True).stdout
    imported, loaded = map(float, out.split())
    return imported, loaded


def _resolve_all(units) -> tuple[float, float, int]:
    from helpers.units import resolve_unit

    resolve_unit.cache_clear()
    t0 = time.perf_counter()
    found = sum(resolve_unit(p, d, n, t, 2024) is not None for p, d, n, t in units)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p, d, n, t in units:
        resolve_unit(p, d, n, t, 2024)
    again = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p, d, n, t in units:
        resolve_unit(p, d, n, t, 2023)
    other_year = time.perf_counter() - t0
    return first, again, other_year, found


def _baseline(units, sample: int) -> float:
    from vietnamadminunits import ParseMode, parse_address

    step = max(1, len(units) // sample)
    picked = units[::step][:sample]
    t0 = time.perf_counter()
    for p, d, n, _t in picked:
        parse_address(f"{n}, {d}, {p}", mode=ParseMode.LEGACY)
    return (time.perf_counter() - t0) / len(picked)


def main() -> None:
    sample = int(os.environ.get("BENCH_SAMPLE", "2000"))
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "registry.marshal")
        imported, build = _in_fresh_process(cache)  # no cache yet: built and written
        _, load = _in_fresh_process(cache)  # from the cache
    from helpers.units.registry import REFORM, registry

    reg = registry()
    units = [(r[3], r[5], r[1], r[2]) for r in reg.old_units if r[2] != "agency" and r[8] == REFORM]
    first, again, other_year, found = _resolve_all(units)
    base = _baseline(units, sample)
    n = len(units)
    print(f"registry build (no cache): {build * 1000:.0f} ms; import of helpers.units {imported * 1000:.0f} ms")
    print(f"registry load (cache): {load * 1000:.0f} ms")
    print(f"resolve_unit, {n} units ({found} found): first call {first / n * 1e6:.1f} µs, "
          f"same unit another year {other_year / n * 1e6:.1f} µs, again {again / n * 1e6:.2f} µs")
    print(f"vietnamadminunits.parse_address: {base * 1e6:.0f} µs a call ({min(sample, n)} calls)")
    print(f"registry: load {load * 1000:.0f} ms, resolve first {base / (first / n):.0f}x and again {base / (again / n):.0f}x "
          f"faster than the library's look-up")


if __name__ == "__main__":
    main()
