"""The reader over the external corpus: one process per file, with a time and a memory limit.

Reads every file under ``build/corpus`` (made by ``bench/corpus_sources.py``
from other readers' test suites) with ``helpers.read.read_reports``, each in
its own process: a process forked from one that has already imported the
reader, its address space capped with ``resource.setrlimit(RLIMIT_AS)`` and
killed past the time limit.  Prints the count of each outcome:

- ``read``: the reader returned and no error names the whole file but
  "Empty workbook" (a file opened and read whose cells hold nothing;
  counted apart);
- ``clear error``: the reader returned with an error naming the whole file
  (encrypted, corrupt, not a workbook …), counted by its code;
- ``traceback``: an exception came out of the reader;
- ``crash``: the process died otherwise (a signal, an abort);
- ``timeout``: still running at the time limit;
- ``memory``: it ran out of its memory limit.

and, for the files read, how many sheets failed to read.  Every file that is
not ``read`` is listed in ``build/corpus-outcomes.tsv`` with its message.

Usage::

    python bench/bench_corpus.py                       # build/corpus, 2 processes
    python bench/bench_corpus.py --timeout 20 --memory-mb 1024 DIR
    python -m bench corpus
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "build" / "corpus"
OUTCOMES = ROOT / "build" / "corpus-outcomes.tsv"
ORDER = ("read", "clear error", "traceback", "crash", "timeout", "memory")
_RC_TRACEBACK, _RC_MEMORY = 3, 4


def _vm_bytes() -> int:
    """This process's address-space size (what RLIMIT_AS counts)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _child(path: Path, out: Path, memory_mb: int) -> int:
    """Run in the forked process: read one file, write what happened to ``out``."""
    limit = _vm_bytes() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from helpers.read import read_reports
    from helpers.read.guard import inspect_file

    try:
        fmt = inspect_file(path, path.name, lang="en").format
        rep = read_reports(path, lang="en")
    except MemoryError:
        return _RC_MEMORY
    except BaseException:  # noqa: BLE001 - what this benchmark counts
        traceback.print_exc()
        return _RC_TRACEBACK
    whole = [p for p in rep.problems if p.is_error and p.sheet is None]
    status = Counter(rep.sheets["status"]) if len(rep.sheets) else Counter()
    failed_sheets = [p for p in rep.problems if p.code == "sheet_failed"]
    out.write_text(json.dumps({
        "format": fmt,
        "codes": [p.code for p in whole],
        "message": whole[0].message if whole else (failed_sheets[0].message if failed_sheets else ""),
        "sheets_read": status.get("read", 0),
        "sheets_failed": len(failed_sheets),
    }), encoding="utf-8")
    return 0


def _start(path: Path, tmp: Path, memory_mb: int) -> tuple[int, Path, Path]:
    result, errors = tmp / f"{os.getpid()}-{time.monotonic_ns()}.json", tmp / f"{time.monotonic_ns()}.err"
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            fd = os.open(errors, os.O_WRONLY | os.O_CREAT, 0o600)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            code = _child(path, result, memory_mb)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid, result, errors


def _outcome(status: int, result: Path, errors: Path) -> tuple[str, dict]:
    """The outcome of a finished child, and what it reported."""
    err = errors.read_text("utf-8", "replace") if errors.exists() else ""
    memory = "MemoryError" in err or "memory allocation of" in err
    if os.WIFSIGNALED(status):
        return ("memory" if memory else "crash"), {"message": f"signal {os.WTERMSIG(status)}: {err[-300:]}"}
    code = os.WEXITSTATUS(status)
    if code == _RC_MEMORY or (code and memory):
        return "memory", {"message": err[-300:]}
    if code == _RC_TRACEBACK:
        return "traceback", {"message": err.strip().splitlines()[-1] if err.strip() else ""}
    if code != 0 or not result.exists():
        return "crash", {"message": f"exit {code}: {err[-300:]}"}
    info = json.loads(result.read_text("utf-8"))
    return ("clear error" if set(info["codes"]) - {"empty_workbook"} else "read"), info


def run(files: list[Path], *, jobs: int, timeout: float, memory_mb: int) -> list[tuple[Path, str, dict]]:
    """Read each file in its own process, ``jobs`` at a time."""
    import helpers.read.engine  # noqa: F401 - imported once, before the forks
    import helpers.read.guard  # noqa: F401
    import pandas  # noqa: F401

    done: list[tuple[Path, str, dict]] = []
    pending = list(reversed(files))
    running: dict[int, tuple[Path, float, Path, Path]] = {}
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        while pending or running:
            while pending and len(running) < jobs:
                path = pending.pop()
                pid, result, errors = _start(path, Path(tmp), memory_mb)
                running[pid] = (path, time.monotonic(), result, errors)
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for p, (path, started, _r, _e) in list(running.items()):
                    if now - started > timeout:
                        os.kill(p, signal.SIGKILL)
                        os.waitpid(p, 0)
                        running.pop(p)
                        done.append((path, "timeout", {"message": f"over {timeout:.0f} s"}))
                time.sleep(0.005)
                continue
            path, started, result, errors = running.pop(pid)
            outcome, info = _outcome(status, result, errors)
            info["seconds"] = time.monotonic() - started
            done.append((path, outcome, info))
    return done


def report(done: list[tuple[Path, str, dict]], root: Path) -> str:
    """The counts per outcome (and per error code and format), as printed."""
    outcomes = Counter(o for _p, o, _i in done)
    codes = Counter(c for _p, o, i in done if o == "clear error" for c in i["codes"][:1])
    formats = Counter(i.get("format") or "none" for _p, o, i in done if o in ("read", "clear error"))
    failed = [(p, i) for p, o, i in done if o == "read" and i["sheets_failed"]]
    lines = [f"files: {len(done)}"]
    lines += [f"{o:<12} {outcomes.get(o, 0)}" for o in ORDER]
    lines.append("clear errors by code: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()))
    lines.append("formats found: " + ", ".join(f"{f} {n}" for f, n in formats.most_common()))
    lines.append(f"files read with a sheet that failed: {len(failed)}")
    empty = sum(1 for _p, o, i in done if o == "read" and "empty_workbook" in i.get("codes", []))
    lines.append(f"files read whose cells hold nothing (\"Empty workbook\"): {empty}")
    slow = sorted(done, key=lambda t: -t[2].get("seconds", 0))[:3]
    lines.append("slowest: " + ", ".join(f"{p.relative_to(root)} {i.get('seconds', 0):.1f} s" for p, _o, i in slow))
    lines.append(
        "corpus: files {n}, read {r}, clear error {c}, traceback {t}, crash {x}, timeout {o}, memory {m}".format(
            n=len(done), r=outcomes["read"], c=outcomes["clear error"], t=outcomes["traceback"],
            x=outcomes["crash"], o=outcomes["timeout"], m=outcomes["memory"]))
    return "\n".join(lines)


def _write_outcomes(done, root: Path) -> None:
    OUTCOMES.parent.mkdir(parents=True, exist_ok=True)
    rows = ["file\toutcome\tformat\tcodes\tsheets_failed\tmessage"]
    for path, outcome, info in sorted(done, key=lambda t: str(t[0])):
        if outcome == "read" and not info.get("sheets_failed") and not info.get("codes"):
            continue
        message = " ".join(str(info.get("message", "")).split())[:300]
        rows.append("\t".join([str(path.relative_to(root)), outcome, str(info.get("format")),
                               ",".join(info.get("codes", [])), str(info.get("sheets_failed", "")), message]))
    OUTCOMES.write_text("\n".join(rows) + "\n", encoding="utf-8", errors="surrogateescape")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per file")
    parser.add_argument("--memory-mb", type=int, default=1024, help="address space per file, above the start")
    args = parser.parse_args([] if argv is None else argv)  # python -m bench: the defaults
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    if not files:
        print(f"no files under {args.folder}: run bench/corpus_sources.py first")
        return 1
    start = time.perf_counter()
    done = run(files, jobs=args.jobs, timeout=args.timeout, memory_mb=args.memory_mb)
    _write_outcomes(done, args.folder)
    print(report(done, args.folder))
    print(f"elapsed {time.perf_counter() - start:.0f} s with {args.jobs} processes; details in {OUTCOMES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
