"""The external corpus: other readers' test files, copied out of their repositories.

The spreadsheet test files of other open-source readers (below, with their
licences) are the closest thing to "files nobody on this project made".  This
script copies every spreadsheet of a local clone of each repository into
``build/corpus/<owner>+<name>/<path>`` (kept out of git) and writes
``build/corpus/MANIFEST.tsv``: source repository, commit, path, size, SHA-256
and licence of each file, so every file can be traced to where it came from.

Usage::

    git clone https://github.com/tafia/calamine /tmp/calamine   # … one clone per source
    python -m bench.corpus_sources /tmp/calamine /tmp/readxl …  # clones, in any order
    python -m bench.bench_corpus                                 # reads build/corpus

A clone is matched to its source by its ``origin`` remote or, failing that,
by its folder name (``owner+name`` or ``name``).  Only files committed at the
clone's ``HEAD`` are copied (``git cat-file``; nothing is checked out).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "build" / "corpus"

#: Source repository -> its licence (SPDX).
SOURCES = {
    "dimastbk/python-calamine": "MIT",
    "tafia/calamine": "MIT",
    "SheetJS/test_files": "Apache-2.0",
    "ExcelDataReader/ExcelDataReader": "MIT",
    "tidyverse/readxl": "MIT",
    "nacnudus/tidyxl": "MIT",
    "jmcnamara/XlsxWriter": "BSD-2-Clause",
}

#: Files copied whatever they hold (the reader decides what they are).
WORKBOOK = re.compile(r"\.(xlsx|xlsm|xlsb|xls|xltx|xltm|xlt|ods|fods|biff5)$", re.IGNORECASE)
#: Files copied only when their content is a spreadsheet (SpreadsheetML 2003, an HTML table).
MARKUP = re.compile(r"\.(xml|htm|html)$", re.IGNORECASE)
_SPREADSHEET_MARKUP = (b"urn:schemas-microsoft-com:office:spreadsheet", b"<table")


def _git(repo: Path, *args: str, binary: bool = False):
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)
    return out.stdout if binary else out.stdout.decode("utf-8", "surrogateescape")


def source_of(repo: Path) -> str | None:
    """The source (``owner/name``) a clone holds, from its remote or its folder name."""
    try:
        url = _git(repo, "config", "--get", "remote.origin.url").strip()
    except subprocess.CalledProcessError:
        url = ""
    names = [url.removesuffix(".git"), repo.name, repo.parent.name]
    for source in SOURCES:
        owner, name = source.split("/")
        for n in names:
            if n.lower().endswith(("/" + source).lower()) or n.lower() in (f"{owner}+{name}".lower(), name.lower()):
                return source
    return None


def _wanted(path: str, head: bytes) -> bool:
    if WORKBOOK.search(path):
        return True
    if MARKUP.search(path) and not path.startswith(("docs/", "doc/", "man/", "vignettes/")):
        low = head[:4096].lower()
        return any(marker.lower() in low for marker in _SPREADSHEET_MARKUP)
    return False


def copy_source(repo: Path, source: str, out: Path) -> list[tuple[str, ...]]:
    """Copy the spreadsheets of one clone under ``out``; their manifest rows."""
    commit = _git(repo, "rev-parse", "HEAD").strip()
    rows = []
    listing = _git(repo, "ls-tree", "-r", "-z", "HEAD").split("\0")
    for entry in filter(None, listing):
        meta, path = entry.split("\t", 1)
        _mode, kind, blob = meta.split()
        if kind != "blob" or not (WORKBOOK.search(path) or MARKUP.search(path)):
            continue
        try:
            data = _git(repo, "cat-file", "blob", blob, binary=True)
        except subprocess.CalledProcessError:
            continue  # listed but absent from a partial copy
        if not _wanted(path, data):
            continue
        target = out / source.replace("/", "+") / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        rows.append((source, commit, path, str(len(data)), hashlib.sha256(data).hexdigest(), SOURCES[source]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clones", nargs="+", type=Path, help="local git clones (or bare git directories) of the sources")
    parser.add_argument("--out", type=Path, default=CORPUS, help="where to copy the files (default build/corpus)")
    args = parser.parse_args(argv)
    rows = []
    for repo in args.clones:
        source = source_of(repo)
        if source is None:
            print(f"skipped {repo}: not one of {', '.join(SOURCES)}", file=sys.stderr)
            continue
        got = copy_source(repo, source, args.out)
        print(f"{source}: {len(got)} files")
        rows += got
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ["source\tcommit\tpath\tbytes\tsha256\tlicence", *("\t".join(r) for r in rows)]
    (args.out / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogateescape")
    print(f"{len(rows)} files in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
