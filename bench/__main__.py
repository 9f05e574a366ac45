"""Run ``bench/bench_*.py`` modules' ``main()``: ``python -m bench [NAME...] [-- ARGS...]``.

A benchmark whose ``main`` returns an int reports its goal with it (0: met);
the exit code is the largest of them, 2 for a name that is no benchmark.
Arguments after ``--`` go to every benchmark that takes arguments.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def _names() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    wanted = argv[: argv.index("--")] if "--" in argv else argv
    names = _names()
    unknown = [w for w in wanted if w not in names and f"bench_{w}" not in names]
    if unknown:
        print(f"no such benchmark: {', '.join(unknown)} (known: {', '.join(n.removeprefix('bench_') for n in names)})",
              file=sys.stderr)
        return 2
    if wanted:
        names = [n for n in names if n in wanted or n.removeprefix("bench_") in wanted]
    code = 0
    for name in names:
        print(f"== {name} ==", flush=True)
        run = importlib.import_module(f"bench.{name}").main
        result = run(extra) if "argv" in inspect.signature(run).parameters else run()
        code = max(code, result if isinstance(result, int) else 0)
    return code


if __name__ == "__main__":
    sys.exit(main())
