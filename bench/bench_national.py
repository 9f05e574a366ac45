"""National scale: ``check`` and ``export`` on ~2,800 workbooks of ~700 districts.

Builds (once; see :mod:`bench.national_data`) the report workbooks of every
district of Vietnam before 1 July 2025 under ``build/bench-national/``, then
measures in one run, each step a fresh process so that start-up counts:

- ``check`` cold: ``python -m helpers check DIR --no-cache --jobs N`` (the two
  options only when ``check --help`` lists them; the run prints which);
- ``check`` cached: the same without ``--no-cache``, run once to fill the
  cache and timed the second time ("n/a" while ``check`` has no cache);
- the baseline: a process that only does ``pandas.read_excel(path,
  sheet_name=None, header=None, engine="calamine")`` of every file;
- ``export``'s peak memory: ``python -m helpers export DIR --out TMP``; the
  peak is the larger of the child's ``ru_maxrss`` (``os.wait4``) and the
  largest sum of RSS over its process tree, polled from ``/proc`` every
  20 ms (a process pool's workers count together; pages a forked worker
  shares with its parent count once per process, so this errs high — the
  sum of PSS is printed beside it).  MB here are MiB (2**20 bytes).

Every process runs as an installed package does, its modules' bytecode
kept between runs (``--bytecode cached``, the default: under
``build/pycache-bench``, even where the shell sets
``PYTHONDONTWRITEBYTECODE``); ``--bytecode compile`` keeps the shell's
environment, so that with ``PYTHONDONTWRITEBYTECODE=1`` every start
compiles the project's modules again (about 0.1 s of a cached ``check``).

Goals: cold ``check`` ≥ 3× faster than the baseline, cached ≥ 20× faster than
cold, ``export`` peak ≤ 600 MB; the exit code is 0 when all are met.  The
last line printed is::

    national: files N, check cold A s, cached B s, pandas-calamine C s, ratio C/A R×, cache A/B K×, export peak M MB

Usage::

    python bench/bench_national.py                 # --files 2800: all 2,764 (built once, then reused)
    python bench/bench_national.py --files 200     # a quick run
    python bench/bench_national.py --repeats 3 --profile
    python bench/bench_national.py --bytecode compile   # every start compiles the modules again
    python -m bench national                       # the first line's defaults

The district and commune names come from the national tables in
``data/reference/national``; ``--rebuild``
writes the set again; ``--profile`` also saves a cProfile of one cold
``check`` and of one ``export`` (one process each) to
``build/bench-national/files-N/profile-check.txt`` and ``profile-export.txt``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(ROOT))

GOALS = {"ratio": 3.0, "cache": 20.0, "peak_mb": 600.0, "names_share": 10.0}
_MIB = 2**20
_BASELINE = """
import pathlib, sys
import pandas as pd
cells = 0
paths = sorted(pathlib.Path(sys.argv[1]).rglob("*.xlsx"))
for path in paths:
    for frame in pd.read_excel(path, sheet_name=None, header=None, engine="calamine").values():
        cells += frame.size
print(len(paths), cells)
"""


# Reading every file (no cache), with the registry's look-up as it is, or with a look-up that
# finds every name at once: the difference is what resolving the unit names costs.
_NAMES = """
import sys
from helpers.read import read_reports
if sys.argv[3] == "off":
    import helpers.read.names
    from helpers.units import UnitMatch
    helpers.read.names.resolve_unit = lambda province, district, name, unit_type, year: UnitMatch(
        name, unit_type or "commune", None, province or "", district)
r = read_reports(sys.argv[1], jobs=int(sys.argv[2]), cache=False, tables=False)
print(len(r.sheet_rows))
"""


def _helpers(*args: str) -> list[str]:
    return [sys.executable, "-m", "helpers", *args]


class Timing(NamedTuple):
    """Wall time and CPU time (user + system, all its processes) of one process, in seconds."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: The environment of every process the benchmark starts (see :func:`child_environment`).
_ENV: dict[str, str] | None = None


def child_environment(bytecode: str) -> dict[str, str]:
    """The environment the measured processes run in.

    ``bytecode="cached"``: as an installed package runs, each module
    compiled once and its bytecode kept (under ``build/pycache-bench``,
    outside the source tree), even where the shell sets
    ``PYTHONDONTWRITEBYTECODE``; ``"compile"``: the shell's environment as
    it is, so a process with ``PYTHONDONTWRITEBYTECODE=1`` compiles every
    module of the project each time it starts.
    """
    env = dict(os.environ)
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(ROOT / "build" / "pycache-bench")
    return env


def _run(argv: list[str]) -> tuple[Timing, subprocess.CompletedProcess]:
    """Run ``argv`` and time it; a failure stops the benchmark with its output."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=_ENV)
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu)
    if proc.returncode != 0:
        tail = (proc.stdout[-3000:] + proc.stderr[-3000:]).strip()
        raise SystemExit(f"{' '.join(argv[1:5])} … exited {proc.returncode}:\n{tail}")
    return timing, proc


def check_options(jobs: int) -> tuple[list[str], bool]:
    """The options of today's ``check`` that the cold run uses, and whether it has a cache."""
    _, proc = _run(_helpers("check", "--help"))
    has_cache = "--no-cache" in proc.stdout
    options = (["--no-cache"] if has_cache else []) + (["--jobs", str(jobs)] if "--jobs" in proc.stdout else [])
    return options, has_cache


def _summary_line(proc: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def time_check(folder: Path, options: list[str]) -> tuple[Timing, str]:
    """The time of one ``check`` process and its summary line (no error allowed)."""
    timing, proc = _run(_helpers("check", str(folder), "--lang", "en", *options))
    summary = _summary_line(proc)
    if not re.search(r"\b0 errors\b", summary):
        raise SystemExit(f"check found errors in the generated set: {summary}")
    return timing, summary


def time_baseline(folder: Path) -> tuple[Timing, str]:
    """The time of a process that reads every file's cells with pandas + calamine."""
    timing, proc = _run([sys.executable, "-c", _BASELINE, str(folder)])
    files, cells = proc.stdout.split()
    return timing, f"{int(files):,} files, {int(cells):,} cells"


def names_share(folder: Path, jobs: int) -> tuple[float, float]:
    """CPU seconds of reading every file with the unit registry's look-up and without it."""
    with_names, _ = _run([sys.executable, "-c", _NAMES, str(folder), str(jobs), "on"])
    without, _ = _run([sys.executable, "-c", _NAMES, str(folder), str(jobs), "off"])
    return with_names.cpu, without.cpu


# --- memory ----------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from ``/proc``."""
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def _tree_memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over ``pid`` and all its descendants."""
    children, todo, rss, pss = _children(), [pid], 0, 0
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, ()))
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as f:
                fields = dict(line.split(":", 1) for line in f if line.startswith(("Rss:", "Pss:")))
            rss += int(fields["Rss"].split()[0]) * 1024
            pss += int(fields["Pss"].split()[0]) * 1024
        except (OSError, KeyError, ValueError):
            continue  # ended meanwhile, or not readable
    return rss, pss


def peak_memory(argv: list[str], interval: float = 0.02) -> tuple[dict[str, float], str]:
    """Run ``argv`` to its end; its peak memory in MiB: ``maxrss``, ``tree_rss``, ``tree_pss``."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=_ENV)
    peaks = {"tree_rss": 0, "tree_pss": 0}
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peaks["tree_rss"], peaks["tree_pss"] = max(peaks["tree_rss"], rss), max(peaks["tree_pss"], pss)
            done.wait(interval)

    watcher = threading.Thread(target=poll, daemon=True)
    if os.path.isdir("/proc"):
        watcher.start()
    with proc.stdout:
        output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage, not earlier children's
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if watcher.is_alive():
        watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv[1:5])} … exited {proc.returncode}:\n{output[-3000:]}")
    result = {"maxrss": usage.ru_maxrss * 1024 / _MIB, **{k: v / _MIB for k, v in peaks.items()}}
    return result, output


def export_peak(folder: Path) -> tuple[float, str]:
    """Peak memory (MiB) of one ``export`` (its default options) into a temporary folder, and what it wrote."""
    with tempfile.TemporaryDirectory(prefix="bench-national-export-") as out:
        mem, output = peak_memory(_helpers("export", str(folder), "--out", out, "--lang", "en"))
    written = re.findall(r"Wrote (.+?) \((\d+) rows\)", output)
    rows = sum(int(n) for path, n in written if Path(path).stem != "problems")
    detail = (f"maxrss {mem['maxrss']:.0f} MB, process tree RSS {mem['tree_rss']:.0f} MB "
              f"(PSS {mem['tree_pss']:.0f} MB); {rows:,} tidy rows written")  # fmt: skip
    return max(mem["maxrss"], mem["tree_rss"]), detail


# --- profile ---------------------------------------------------------------------


def _area(filename: str, name: str) -> str:
    """Where a profiled function lives: a helpers module, a package, a stdlib module or a builtin."""
    if filename == "~":  # a builtin: "<method 'to_python' of 'python_calamine…' objects>"
        return re.sub(r" at 0x[0-9a-f]+", "", name)
    path = Path(filename)
    parts = path.parts
    if "helpers" in parts:
        return "helpers/" + "/".join(parts[parts.index("helpers") + 1 :])
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    return f"stdlib {path.stem}"


def profile(command: list[str], out: Path) -> list[tuple[str, float]]:
    """cProfile of ``python -m helpers COMMAND…`` written to ``out``; the top areas by own time (%)."""
    import io
    import pstats

    prof = out.with_suffix(".prof")
    _run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "helpers", *command])
    stats = pstats.Stats(str(prof))
    areas: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        key = _area(filename, name)
        areas[key] = areas.get(key, 0.0) + tottime
    total = sum(areas.values())
    top = sorted(areas.items(), key=lambda kv: -kv[1])[:25]
    text = io.StringIO()
    text.write(f"cProfile of: python -m helpers {' '.join(command)}\n")
    text.write(f"total own time {total:.2f} s\n\nown time by area:\n")
    for key, seconds in top:
        text.write(f"  {seconds:8.2f} s {100 * seconds / total:5.1f} %  {key}\n")
    for order in ("cumulative", "tottime"):
        text.write(f"\n--- top 30 by {order} ---\n")
        pstats.Stats(str(prof), stream=text).sort_stats(order).print_stats(30)
    out.write_text(text.getvalue(), encoding="utf-8")
    return [(k, 100 * s / total) for k, s in top]


def _one_process(command: str) -> list[str]:
    """The options, of those ``command`` lists, that make it cold and one process."""
    _, proc = _run(_helpers(command, "--help"))
    return (["--no-cache"] if "--no-cache" in proc.stdout else []) + (["--jobs", "1"] if "--jobs" in proc.stdout else [])


def profiles(folder: Path, where: Path) -> None:
    """Profile one cold ``check`` and one ``export``, each in one process; print the top areas."""
    with tempfile.TemporaryDirectory(prefix="bench-national-profile-") as tmp:
        runs = {"check": ["check", str(folder), "--lang", "en", *_one_process("check")],
                "export": ["export", str(folder), "--out", tmp, "--lang", "en", *_one_process("export")]}  # fmt: skip
        for name, command in runs.items():
            out = where / f"profile-{name}.txt"
            top = profile(command, out)
            print(f"profile of one cold {name} (one process) in {out}; own time by area:")
            for key, share in top[:12]:
                print(f"  {share:5.1f} %  {key}")


# --- the run ---------------------------------------------------------------------


def _step(runs: dict[str, list[Timing]], name: str, k: int, got: tuple[Timing, str]) -> None:
    timing, detail = got
    runs[name].append(timing)
    print(f"  [{k}] {name:<16} {timing.wall:7.2f} s wall, {timing.cpu:7.2f} s CPU   {detail}", flush=True)


def measure(folder: Path, options: list[str], has_cache: bool, repeats: int, jobs: int) -> dict:
    """Every step ``repeats`` times, interleaved; medians of the times, the largest peak (MiB)."""
    cached_options = [o for o in options if o != "--no-cache"]
    runs: dict[str, list[Timing]] = {"check cold": [], "check cached": [], "pandas-calamine": []}
    peaks = []
    if has_cache:
        timing, _ = time_check(folder, cached_options)
        print(f"  cache filled by a first check: {timing.wall:.2f} s", flush=True)
    for k in range(1, repeats + 1):
        _step(runs, "check cold", k, time_check(folder, options))
        if has_cache:
            _step(runs, "check cached", k, time_check(folder, cached_options))
        _step(runs, "pandas-calamine", k, time_baseline(folder))
        peak, detail = export_peak(folder)
        peaks.append(peak)
        print(f"  [{k}] {'export peak':<16} {peak:7.0f} MB  {detail}", flush=True)
    out: dict[str, Timing | float | None] = {
        name: Timing(statistics.median(t.wall for t in ts), statistics.median(t.cpu for t in ts)) if ts else None
        for name, ts in runs.items()
    }
    out["peak"] = max(peaks)
    on, off = names_share(folder, jobs)
    print(f"  {'unit names':<16} {on:7.2f} s CPU reading with the registry, {off:.2f} s with every name found at once", flush=True)
    out["names"] = (on, off)
    return out


def _verdict(value: float | None, goal: float, at_least: bool) -> str:
    if value is None:
        return "✘ (n/a)"
    met = value >= goal if at_least else value <= goal
    return "✔" if met else "✘"


def report(files: int, m: dict[str, Timing | float | None]) -> bool:
    """Print the goals beside the (wall-time) numbers and the last line; whether every goal is met."""
    cold, pandas, peak = m["check cold"].wall, m["pandas-calamine"].wall, m["peak"]
    cached = m["check cached"].wall if m["check cached"] else None
    ratio = pandas / cold
    cache = cold / cached if cached else None
    on, off = m["names"]
    share = max(0.0, (on - off) / on * 100)
    print(f"\nmedians: check cold {cold:.2f} s wall ({m['check cold'].cpu:.2f} s CPU), "
          f"pandas-calamine {pandas:.2f} s wall ({m['pandas-calamine'].cpu:.2f} s CPU): "
          f"{m['pandas-calamine'].cpu / m['check cold'].cpu:.2f}× in CPU time")  # fmt: skip
    cache_text = f"{cache:.1f}×" if cache is not None else "n/a×"
    rows = [
        ("ratio pandas-calamine / check cold", f"{ratio:.2f}×", f"≥ {GOALS['ratio']:.0f}×", _verdict(ratio, GOALS["ratio"], True)),
        ("cache: check cold / check cached", cache_text, f"≥ {GOALS['cache']:.0f}×", _verdict(cache, GOALS["cache"], True)),
        ("export peak memory", f"{peak:.0f} MB", f"≤ {GOALS['peak_mb']:.0f} MB", _verdict(peak, GOALS["peak_mb"], False)),
        ("unit names' share of the reading (CPU)", f"{share:.1f} %", f"< {GOALS['names_share']:.0f} %",
         _verdict(share, GOALS["names_share"] - 1e-9, False)),
    ]
    print(f"{'goal (wall time, start-up included)':<38} {'measured':>10} {'goal':>10}")
    for what, value, goal, verdict in rows:
        print(f"{what:<38} {value:>10} {goal:>10}  {verdict}")
    cached_text = f"{cached:.2f}" if cached is not None else "n/a"
    print(f"national: files {files}, check cold {cold:.2f} s, cached {cached_text} s, pandas-calamine {pandas:.2f} s, "
          f"ratio C/A {ratio:.2f}×, cache A/B {cache_text}, export peak {peak:.0f} MB", flush=True)  # fmt: skip
    return all(r[3] == "✔" for r in rows)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_national", description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2800, help="workbooks to generate and read (default 2800)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each step (medians; default 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (generation, and check's --jobs)")
    parser.add_argument("--rebuild", action="store_true", help="write the workbooks again even if the stamp matches")
    parser.add_argument("--profile", action="store_true", help="also save a cProfile of one cold check and one export")
    parser.add_argument("--bytecode", choices=("cached", "compile"), default="cached",
                        help="cached (default): the processes keep their compiled modules, as an installed package "
                             "does; compile: the shell's environment as it is (PYTHONDONTWRITEBYTECODE kept)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) the set, measure, print; 0 when every goal is met."""
    global _ENV
    args = _parser().parse_args([] if argv is None else argv)  # python -m bench: the defaults
    from bench import national_data

    _ENV = child_environment(args.bytecode)
    kept = "kept (PYTHONPYCACHEPREFIX under build/)" if args.bytecode == "cached" else (
        "compiled each start (PYTHONDONTWRITEBYTECODE set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "kept")
    print(f"bytecode: {kept}")
    start = time.perf_counter()
    s = national_data.build(args.files, rebuild=args.rebuild, jobs=args.jobs)
    how = "reused (stamp matches)" if s.reused else f"written in {time.perf_counter() - start:.0f} s with {args.jobs} processes"
    print(f"set: {s.files:,} workbooks of {s.districts} districts in {s.provinces} provinces, {s.sheets:,} report sheets, "
          f"{s.bytes / _MIB:.1f} MB, {s.tidy_rows:,} tidy rows; {how}")  # fmt: skip
    folder = national_data.folder(args.files) / "data"
    print(f"  in {folder}")
    options, has_cache = check_options(args.jobs)
    print(f"check options used: {' '.join(options) or '(none: check has neither --no-cache nor --jobs)'}"
          f"{'' if has_cache else '; cache: n/a'}", flush=True)  # fmt: skip
    if args.profile:
        profiles(folder, national_data.folder(args.files))
    measured = measure(folder, options, has_cache, max(1, args.repeats), args.jobs)
    return 0 if report(s.files, measured) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
