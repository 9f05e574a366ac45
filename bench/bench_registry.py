"""The unit registry: start-up of a process that resolves units, and the cost of resolving one.

Measured in one run; everything about start-up in fresh processes (each
repeated, the median kept; wall time, and CPU time, which a busy machine
inflates less), against two baselines measured alongside:
the bare interpreter (``python -c pass``) and ``python -c "import pandas"``
(what every worker of a pool would pay if the look-ups needed pandas).

- import: ``import helpers.units`` (pandas is not imported: checked);
- build: reading the sources (the national data set's CSV files in
  ``data/reference/national/`` and the project's layer) into the registry,
  with no cache, and writing the cache;
- load: the same from the cache file (what every process, and every worker
  of a pool, pays once);
- a fresh process that imports ``helpers.units`` and resolves one unit,
  wall time, start-up of the interpreter included;
- resolve, first call and again: :func:`helpers.units.resolve_unit` over the
  communes of every district of the country (about 10,000 distinct
  names), then the same calls again (the dict look-up the reader pays per
  row after the first).

When the ``vietnamadminunits`` library is importable with its own
dependencies (it is not one of the project's), its ``parse_address`` is
timed on a sample as a third baseline.  ``BENCH_REPEAT`` sets the
repetitions (default 5), ``BENCH_SAMPLE`` the library's sample (default 2,000).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

_LOAD = """
import time, sys
from pathlib import Path
t0 = time.perf_counter()
import helpers.units
from helpers.units import registry as R
t1, c1 = time.perf_counter(), time.process_time()
payload = R.load_payload(Path(sys.argv[1]))
with R._no_gc():
    R.Registry(payload)
t2, c2 = time.perf_counter(), time.process_time()
print(t1 - t0, t2 - t1, c2 - c1, "pandas" in sys.modules)
"""

_FIRST_LOOKUP = """
import sys
import helpers.units as u
assert u.resolve_unit("Tuyên Quang", "Chiêm Hóa", "Hòa Phú", None, 2023).unit_code == "02335"
assert "pandas" not in sys.modules
"""


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_wall(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU time of a fresh ``python ARGS``."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _cpu_of_children()
        subprocess.run([sys.executable, *args], check=True, capture_output=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(_cpu_of_children() - c0)
    return statistics.median(walls), statistics.median(cpus)


def _load_in_fresh_processes(repeat: int) -> tuple[float, tuple[float, float], tuple[float, float], bool]:
    """Median import time, build (no cache) and load (cache) times as (wall, CPU); whether pandas was imported."""
    imports, builds, loads, pandas = [], [], [], False
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "registry.marshal")
        for _ in range(repeat):
            if os.path.exists(cache):
                os.remove(cache)
            for into in (builds, loads):  # no cache yet: built and written; then from the cache
                out = subprocess.run([sys.executable, "-c", _LOAD, cache], check=True, capture_output=True, text=True).stdout
                imported, wall, cpu, with_pandas = out.split()
                imports.append(float(imported))
                into.append((float(wall), float(cpu)))
                pandas = pandas or with_pandas == "True"

    def median(pairs):
        return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)

    return statistics.median(imports), median(builds), median(loads), pandas


def _resolve_all(units) -> tuple[float, float, float, int]:
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


def _library_baseline(units, sample: int) -> float | None:
    """Seconds per ``vietnamadminunits.parse_address`` call, or ``None`` when the library cannot be imported."""
    try:
        from vietnamadminunits import ParseMode, parse_address
    except ImportError:
        return None
    step = max(1, len(units) // sample)
    picked = units[::step][:sample]
    t0 = time.perf_counter()
    for p, d, n, _t in picked:
        parse_address(f"{n}, {d}, {p}", mode=ParseMode.LEGACY)
    return (time.perf_counter() - t0) / len(picked)


def main() -> None:
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    sample = int(os.environ.get("BENCH_SAMPLE", "2000"))
    from helpers.units.registry import REFORM, registry

    reg = registry()  # also makes the project's cache current, for the first-look-up processes
    bare = _median_wall(["-c", "pass"], repeat)
    with_pandas = _median_wall(["-c", "import pandas"], repeat)
    first_lookup = _median_wall(["-c", _FIRST_LOOKUP], repeat)
    imported, build, load, pandas = _load_in_fresh_processes(repeat)
    units = [(r[3], r[5], r[1], r[2]) for r in reg.old_units if r[2] != "agency" and r[8] == REFORM]
    first, again, other_year, found = _resolve_all(units)
    n = len(units)
    ms = 1000
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; fresh processes, median of {repeat}, "
          "wall time (CPU time)")
    pandas_alone = (with_pandas[0] - bare[0], with_pandas[1] - bare[1])
    print(f"baselines: python -c pass {bare[0] * ms:.0f} ms ({bare[1] * ms:.0f} ms); python -c 'import pandas' "
          f"{with_pandas[0] * ms:.0f} ms ({with_pandas[1] * ms:.0f} ms)")
    print(f"import of helpers.units {imported * ms:.0f} ms; pandas imported: {pandas}")
    print(f"registry build (no cache, from data/reference/national/): {build[0] * ms:.0f} ms ({build[1] * ms:.0f} ms)")
    print(f"registry load (cache): {load[0] * ms:.0f} ms ({load[1] * ms:.0f} ms); "
          f"{load[1] / pandas_alone[1]:.2f} of the CPU time of importing pandas")
    over = (first_lookup[0] - bare[0], first_lookup[1] - bare[1])
    print(f"fresh process, import and first look-up: {first_lookup[0] * ms:.0f} ms ({first_lookup[1] * ms:.0f} ms); "
          f"over the bare interpreter {over[0] * ms:.0f} ms ({over[1] * ms:.0f} ms), "
          f"{pandas_alone[1] / over[1]:.1f}x less CPU than importing pandas")
    print(f"resolve_unit, {n} units ({found} found): first call {first / n * 1e6:.1f} µs, "
          f"same unit another year {other_year / n * 1e6:.1f} µs, again {again / n * 1e6:.2f} µs")
    base = _library_baseline(units, sample)
    if base is None:
        print("vietnamadminunits.parse_address: not timed (the library and its dependencies are not installed)")
    else:
        print(f"vietnamadminunits.parse_address: {base * 1e6:.0f} µs a call ({min(sample, n)} calls); resolve_unit first "
              f"{base / (first / n):.0f}x and again {base / (again / n):.0f}x faster")


if __name__ == "__main__":
    main()
