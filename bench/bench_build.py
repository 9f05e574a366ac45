"""How long the build takes: cold in each language, and with nothing to do.

Run on demand (``python -m bench`` or ``python bench/bench_build.py``); it
takes a few minutes.  Everything is written to a temporary folder, never to
``reports/`` or ``figures/``.  Timings measured in the same run, wall time
and the CPU time of the processes started (on a shared machine the CPU time
is the steadier of the two):

- baseline: the same Vietnamese notebook runs with the papermill command
  line, one after another (a fresh process per notebook), no page, no index
  (the notebook targets only: the commune reports of 2025, written from the
  package, have no notebook run to compare with; ``bench_communes`` measures
  them);
- cold build, Vietnamese: ``python -m helpers build`` into an empty output
  root (inventory, data check, the notebooks in a pool of warm workers,
  pages, indexes);
- cold build, English: ``python -m helpers build --lang en`` beside it;
- no-op rerun: the Vietnamese command again, start-up included;
- cold build, Vietnamese, every figure as SVG and PDF too (``--formats
  png,svg,pdf``, into another empty root): what the vector files cost (the
  build's default writes the PNG and the sidecar only); no goal.

Goals on a 2-core machine: a cold build ≤ 30 s per language, a no-op rerun
≤ 3 s.  Measured on the districts' archive: the bundled workbooks of
2016–2024 (seven districts, the province, the fact-check), copied into the
temporary folder without the reports of 2025 (``tinh/``, ``xa/``, the
half-year files), as the build tests do.  With the bundled data of 2025 the
same command builds the commune reports too: ``bench_communes`` holds that
build to its own goal (120 s).  Each run has its own empty read cache
(``PARTY_STATS_CACHE``): cold means no workbook was read before.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import build, config, notebooks
from helpers.report import load_data
from helpers.runner import BUILD_KERNEL

COLD_GOAL = 30.0
NOOP_GOAL = 3.0


#: The reports of 2025, left out of the archive the build is measured on.
_NOT_ARCHIVE = ("tinh", "xa", "*-2025.xlsx")


def archive(folder: Path) -> Path:
    """The bundled districts' workbooks of 2016–2024, copied to ``folder``."""
    import shutil

    shutil.copytree(config.RAW_DATA_DIR, folder, ignore=shutil.ignore_patterns(*_NOT_ARCHIVE))
    return folder


def _build_command(root: Path, workers: int, lang: str = "vi", data: Path | None = None, formats: str | None = None) -> list[str]:
    return [
        sys.executable, "-m", "helpers", "build", "--no-progress", f"--workers={workers}", "--lang", lang,
        "--reports-dir", str(root / "reports"), "--figures-dir", str(root / "figures"),
        "--build-dir", str(root / "build"),
    ] + (["--data", str(data)] if data is not None else []) + (["--formats", formats] if formats else [])  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(argv: list[str], cache: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``argv``; its wall and CPU time.  The read cache is ``cache``, by default the output root's
    (``--build-dir``'s parent, ``read-cache``): a cold build reads every workbook, as on a machine that
    never read them."""
    import os

    env = dict(os.environ)
    if cache is None and "--build-dir" in argv:
        cache = Path(argv[argv.index("--build-dir") + 1]).parent / "read-cache"
    if cache is not None:
        env["PARTY_STATS_CACHE"] = str(cache)
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds, cpu, proc


def baseline(root: Path, data: Path) -> tuple[float, float]:
    """The Vietnamese notebooks run one after another with the papermill command line."""
    root.mkdir(parents=True, exist_ok=True)
    inventory = build.take_inventory(load_data(data), "vi")
    paths = build.Paths.make(data_dir=data, figures_dir=root / "figures", build_dir=root / "build")
    wall = cpu = 0.0
    for target in build.plan(inventory, lang="vi", paths=paths):
        if target.render:
            continue
        source = root / f"{target.name}-source.ipynb"
        nb = notebooks.for_report(notebooks.read(target.notebook), "vi", target.kinds)
        source.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
        argv = [sys.executable, "-m", "papermill", str(source), str(root / f"{target.name}.ipynb"),
                "--cwd", str(config.NOTEBOOKS_DIR), "-k", BUILD_KERNEL, "--no-progress-bar"]  # fmt: skip
        for key, value in target.parameters.items():
            if value is not None:
                argv += ["-p", key, ",".join(value) if isinstance(value, list) else str(value)]  # figure_formats: "png"
        seconds, used, _ = _timed(argv, cache=root / "read-cache")
        wall, cpu = wall + seconds, cpu + used
    return wall, cpu


def main(workers: int = 2) -> dict[str, float]:
    """Measure and print; returns the wall times in seconds."""
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        root = Path(tmp)
        data = archive(root / "data")
        naive, naive_cpu = baseline(root / "baseline", data)
        cold_vi, cpu_vi, _ = _timed(_build_command(root / "build-root", workers, "vi", data))
        cold_en, cpu_en, _ = _timed(_build_command(root / "build-root", workers, "en", data))
        noop, noop_cpu, proc = _timed(_build_command(root / "build-root", workers, "vi", data))
        assert "Không có gì phải làm" in proc.stdout, proc.stdout
        vector, vector_cpu, _ = _timed(_build_command(root / "vector-root", workers, "vi", data, "png,svg,pdf"))
    rows = [
        ("baseline: papermill CLI, one after another", naive, naive_cpu, None),
        (f"cold build, vi, {workers} warm workers", cold_vi, cpu_vi, COLD_GOAL),
        (f"cold build, en, {workers} warm workers", cold_en, cpu_en, COLD_GOAL),
        ("no-op rerun (start-up included)", noop, noop_cpu, NOOP_GOAL),
        ("cold build, vi, --formats png,svg,pdf", vector, vector_cpu, None),
    ]
    print(f"{'what':<45} {'wall s':>7} {'cpu s':>7} {'× baseline':>11} {'goal':>6}")
    for what, seconds, cpu, goal in rows:
        verdict = "" if goal is None else (f"≤{goal:.0f} ✔" if seconds <= goal else f"≤{goal:.0f} ✘")
        print(f"{what:<45} {seconds:7.1f} {cpu:7.1f} {seconds / naive:11.2f} {verdict:>6}")
    print(f"cold builds are {naive / cold_vi:.1f}× (vi) and {naive / cold_en:.1f}× (en) faster than the baseline; "
          f"the no-op rerun {naive / noop:.0f}× faster")  # fmt: skip
    return {"baseline": naive, "cold_vi": cold_vi, "cold_en": cold_en, "noop": noop, "vector": vector}


if __name__ == "__main__":
    main()
