"""Read, check and chart the party-building reports of district party committees.

The public names below are imported on first use, so ``import helpers`` is
quick and pulls in neither pandas nor matplotlib until they are needed.

Examples
--------
>>> import helpers
>>> callable(helpers.read_reports)
True
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    # reading
    "read_reports": "helpers.read",
    "read_admissions": "helpers.read",
    "read_ratings": "helpers.read",
    "read_placements": "helpers.read",
    "read_breakthrough_tasks": "helpers.read",
    "Reports": "helpers.read",
    "Problem": "helpers.read.problems",
    "ReportError": "helpers.read.problems",
    # unit registry
    "load_units": "helpers.units",
    "units_in": "helpers.units",
    "district_names": "helpers.units",
    "to_boundaries": "helpers.units",
    # settings
    "use_lang": "helpers.i18n",
    "set_lang": "helpers.i18n",
    "get_lang": "helpers.i18n",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
