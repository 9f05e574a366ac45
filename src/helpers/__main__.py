"""The command line: ``python -m helpers COMMAND [ARGS]``.

Each command lives in the module that does the work and is imported only
when it runs, so that a quick command starts quickly.  Every make target is
a thin wrapper over one of these commands.
"""

from __future__ import annotations

import importlib
import sys

#: command -> (module:function taking argv and returning an exit code, summary)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("helpers.read.cli:check", "check workbooks and print every problem found"),
    "export": ("helpers.read.cli:export", "write the tidy tables and problems.csv of workbooks"),
    "sample-data": ("helpers.sample_data:cli", "regenerate the bundled synthetic workbooks in data/raw"),
    "registry-data": ("helpers.units.national:cli", "rewrite data/reference/national/ from the vietnamadminunits data files"),
    "template": ("helpers.templates:cli", "write a blank report template for a district and year"),
    "facts": ("helpers.facts:cli", "recompute the article's published figures F1–F13 from the data"),
    "figures": ("helpers.figures:cli", "draw and save every report figure for the districts"),
    "build": ("helpers.build:cli", "check the data, run the notebooks, write reports/ and figures/"),
    "lab": ("helpers.lab:cli", "start JupyterLab on notebooks/ with the project's kernel"),
    "lessons": ("helpers.notebooks:lessons_cli", "write the teaching notebooks in one language"),
}


def _usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m helpers COMMAND [ARGS] (COMMAND --help for its arguments)", "", "commands:"]
    lines += [f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    target, _ = COMMANDS[name]
    module_name, func_name = target.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    return int(func(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
