"""Finding workbooks: the one place that knows which files the reader reads.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     root = pathlib.Path(d)
...     for name in ("b/ratings.xlsx", "a.ods", "~$a.xlsx", ".hidden.xlsx", "notes.txt"):
...         (root / name).parent.mkdir(parents=True, exist_ok=True)
...         _ = (root / name).write_bytes(b"")
...     [display for _path, display, _exists in find_workbooks(root)]
['a.ods', 'b/ratings.xlsx']
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SUFFIXES", "find_workbooks", "is_workbook_name"]

#: File suffixes read as workbooks (lower case).
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def is_workbook_name(name: str) -> bool:
    """Whether a file of this name is read when found in a folder.

    Office lock files (``~$…``) and hidden files are not.
    """
    return not name.startswith(("~$", ".")) and name.lower().endswith(SUFFIXES)


def find_workbooks(paths) -> list[tuple[Path, str, bool]]:
    """Expand ``paths`` into ``(path, display name, exists)``, in reading order.

    A folder is searched recursively (hidden folders skipped) and its files
    are named relative to it; a file given by path is read whatever its
    name and is named by its file name.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[tuple[Path, str, bool]] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    if is_workbook_name(name):
                        f = Path(dirpath) / name
                        found.append((f, f.relative_to(p).as_posix(), True))
            out.extend(sorted(found, key=lambda t: t[1]))
        else:
            out.append((p, p.name, p.is_file()))
    return out
