"""Project paths, derived from this file's location.

Nothing happens on import: no logging set-up, no matplotlib settings, no
folders created.  Every path is a :class:`pathlib.Path`.

Examples
--------
>>> from helpers import config
>>> config.RAW_DATA_DIR.relative_to(config.PROJ_ROOT).as_posix()
'data/raw'
"""

from __future__ import annotations

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]

DATA_DIR = PROJ_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
REFERENCE_DIR = DATA_DIR / "reference"
UNITS_CSV = REFERENCE_DIR / "units.csv"

NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
FIGURES_DIR = PROJ_ROOT / "figures"
REPORTS_DIR = PROJ_ROOT / "reports"
BUILD_DIR = PROJ_ROOT / "build"

#: The province every bundled workbook belongs to.
PROVINCE = "Tuyên Quang"

#: Languages for labels and messages; the first is the default.
LANGS = ("vi", "en")
