"""How long the build takes: cold, and with nothing to do.

Run on demand (``python -m bench`` or ``python bench/bench_build.py``); it
takes a few minutes.  Everything is written to a temporary folder, never to
``reports/`` or ``figures/``.  Three timings, measured in the same run:

- baseline: the same nine notebook runs with the papermill command line, one
  after another (a fresh process per notebook), no HTML;
- cold build: ``python -m helpers build`` into an empty output root
  (data check, nine notebooks in a pool of warm workers, HTML, index);
- no-op rerun: the same command again, start-up included.

Goals on a 2-core machine: cold build ≤ 30 s, no-op rerun ≤ 3 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import build, config

COLD_GOAL = 30.0
NOOP_GOAL = 3.0


def _build_command(root: Path, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "helpers", "build", "--no-progress", f"--workers={workers}",
        "--reports-dir", str(root / "reports"), "--figures-dir", str(root / "figures"),
        "--build-dir", str(root / "build"),
    ]  # fmt: skip


def _timed(argv: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds, proc


def baseline(root: Path) -> float:
    """The nine notebooks run one after another with the papermill command line."""
    root.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for target in build.plan(paths=build.Paths.make(figures_dir=root / "figures", build_dir=root / "build")):
        argv = [sys.executable, "-m", "papermill", str(target.notebook), str(root / f"{target.name}.ipynb"),
                "--cwd", str(config.NOTEBOOKS_DIR), "-k", build.BUILD_KERNEL, "--no-progress-bar"]  # fmt: skip
        for key, value in target.parameters.items():
            if value is not None:
                argv += ["-p", key, str(value)]
        _timed(argv)
    return time.perf_counter() - start


def main(workers: int = 2) -> dict[str, float]:
    """Measure and print; returns the timings in seconds."""
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        root = Path(tmp)
        naive = baseline(root / "baseline")
        cold, _ = _timed(_build_command(root / "build-root", workers))
        noop, proc = _timed(_build_command(root / "build-root", workers))
        assert "Nothing to do" in proc.stdout or "Không có gì phải làm" in proc.stdout, proc.stdout
    rows = [
        ("baseline: papermill CLI, one after another", naive, None),
        (f"cold build, {workers} warm workers", cold, COLD_GOAL),
        ("no-op rerun (start-up included)", noop, NOOP_GOAL),
    ]
    print(f"{'what':<45} {'seconds':>8} {'× baseline':>11} {'goal':>6}")
    for what, seconds, goal in rows:
        verdict = "" if goal is None else (f"≤{goal:.0f} ✔" if seconds <= goal else f"≤{goal:.0f} ✘")
        print(f"{what:<45} {seconds:8.1f} {seconds / naive:11.2f} {verdict:>6}")
    print(f"cold build is {naive / cold:.1f}× faster than the baseline; the no-op rerun {naive / noop:.0f}× faster")
    return {"baseline": naive, "cold": cold, "noop": noop}


if __name__ == "__main__":
    main()
