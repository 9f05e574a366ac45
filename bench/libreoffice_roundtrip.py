"""LibreOffice round trips of the bundled workbooks: are the tidy tables the same?

Converts every bundled workbook (``data/raw/*/*.xlsx``) with LibreOffice
Calc headless (Debian's ``libreoffice-calc-nogui``) to ``.ods``, ``.xls`` and
``.xlsx``, and through CSV (each sheet saved as CSV, then opened again and
saved as ``.xlsx``, as an office does when a file goes through a CSV), reads
each copy with ``helpers.read.read_reports`` and compares its tidy tables
with the original's (``source``, which names the file, left out).  Prints
one line per format: copies, copies whose tables are identical, and the
first difference found.

Usage::

    python bench/libreoffice_roundtrip.py               # into build/libreoffice
    python bench/libreoffice_roundtrip.py --formats ods csv
    python -m bench libreoffice_roundtrip

The copies stay under ``build/libreoffice`` (a few are committed as test
fixtures under ``tests/data/libreoffice``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "libreoffice"
FORMATS = ("ods", "xls", "xlsx", "csv")
#: LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1; "-1" saves every sheet.
CSV_OUT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
CSV_IN = "CSV:44,34,76,1"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SystemExit("LibreOffice is not installed: apt-get install libreoffice-calc-nogui")
    return found


def convert(files: list[Path], to: str, out: Path, *, infilter: str | None = None) -> None:
    """``soffice --headless --convert-to TO --outdir OUT FILES`` in a private profile."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", to, "--outdir", str(out), *map(str, files)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)


def bundled() -> list[Path]:
    return sorted((ROOT / "data" / "raw").glob("*/*.xlsx"))


def round_trip(files: list[Path], fmt: str, out: Path) -> dict[Path, list[Path]]:
    """Original -> its LibreOffice copies in ``fmt`` (a CSV round trip gives one .xlsx per sheet)."""
    copies: dict[Path, list[Path]] = {}
    for district in sorted({f.parent.name for f in files}):
        mine = [f for f in files if f.parent.name == district]
        target = out / fmt / district
        if fmt == "csv":
            csv_dir = out / "csv-text" / district
            convert(mine, CSV_OUT, csv_dir)
            convert(sorted(csv_dir.glob("*.csv")), "xlsx", target, infilter=CSV_IN)
            for f in mine:
                copies[f] = sorted(target.glob(f"{f.stem}-*.xlsx"))
        else:
            convert(mine, fmt, target)
            for f in mine:
                copies[f] = [target / f"{f.stem}.{fmt}"]
    return copies


def tables(paths: list[Path]):
    """The tidy tables of ``paths`` read together, without ``source``, rows in a stable order."""
    from helpers.read import read_reports

    reports = read_reports(paths, lang="en")
    out = {}
    for name, frame in reports.tables.items():
        frame = frame.drop(columns=["source"])
        out[name] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out, reports.problems


def differences(original: Path, copies: list[Path]) -> str | None:
    """``None`` when the copies give exactly the original's tables, else the first difference."""
    import pandas.testing as pdt

    want, _ = tables([original])
    got, problems = tables(copies)
    for name in want:
        try:
            pdt.assert_frame_equal(got[name], want[name])
        except AssertionError as exc:
            errors = [str(p) for p in problems if p.is_error][:2]
            return f"{name}: {str(exc).splitlines()[0]} {errors}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args([] if argv is None else argv)
    files = bundled()
    status = 0
    for fmt in args.formats:
        copies = round_trip(files, fmt, args.out)
        diffs = {f: differences(f, c) for f, c in copies.items()}
        same = sum(d is None for d in diffs.values())
        first = next(((f, d) for f, d in diffs.items() if d is not None), None)
        note = "" if first is None else f"; first difference: {first[0].relative_to(ROOT)}: {first[1]}"
        print(f"{fmt}: {len(files)} workbooks, {same} with identical tables{note}")
        status |= same != len(files)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
