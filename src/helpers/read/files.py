"""Finding workbooks: the one place that knows which files the reader reads.

A file's display name (how messages and tables name it) is always
printable text: a name that is not valid UTF-8 (copied from a Windows zip
or an old USB stick) shows its undecodable bytes as ``\\xNN``, while the
path handed back keeps the raw bytes for opening the file.

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

__all__ = ["SUFFIXES", "display_name", "find_workbooks", "is_workbook_name", "workbook_paths"]

#: File suffixes read as workbooks (lower case).
SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def display_name(name: str) -> str:
    r"""A file name as printable text: bytes that are not UTF-8 become ``\xNN``.

    >>> import os
    >>> display_name(os.fsdecode(b"B\xe1o c\xe1o.xlsx")), display_name("Báo cáo.xlsx")
    ('B\\xe1o c\\xe1o.xlsx', 'Báo cáo.xlsx')
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:  # surrogate escapes of undecodable bytes
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def is_workbook_name(name: str) -> bool:
    """Whether a file of this name is read when found in a folder.

    Office lock files (``~$…``) and hidden files are not.
    """
    return not name.startswith(("~$", ".")) and name.lower().endswith(SUFFIXES)


def find_workbooks(paths) -> list[tuple[Path, str, bool]]:
    """Expand ``paths`` into ``(path, display name, exists)``, in reading order.

    A folder is searched recursively (hidden folders skipped) and its files
    are named relative to it; a file given by path is read whatever its
    name and is named by its file name.  Display names are printable
    (:func:`display_name`); paths are kept as found.
    """
    return [(Path(p), display, exists) for p, display, exists in workbook_paths(paths)]


def workbook_paths(paths) -> list[tuple[str, str, bool]]:
    """:func:`find_workbooks` with each path as a string (no ``Path`` made for each of many files)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[tuple[str, str, bool]] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            root = os.fspath(p)
            cut = len(os.path.join(root, ""))
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                rel = dirpath[cut:].replace(os.sep, "/")
                for name in filenames:
                    if is_workbook_name(name):
                        found.append((os.path.join(dirpath, name), display_name(f"{rel}/{name}" if rel else name)))
            out.extend((f, display, True) for f, display in sorted(found, key=lambda t: t[1]))
        else:
            p = Path(p)
            out.append((str(p), display_name(p.name), p.is_file()))
    return out
