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
import os

# openpyxl reads and writes XML with its own defused code, not with lxml (which python-docx brings):
# the same workbook bytes on every machine, and no entity expansion.  It reads this when first imported.
os.environ.setdefault("OPENPYXL_LXML", "False")

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
    # indicators
    "TERMS": "helpers.indicators",
    "admissions_attainment": "helpers.indicators",
    "term_progress": "helpers.indicators",
    "composition": "helpers.indicators",
    "rating_shares": "helpers.indicators",
    "good_or_better": "helpers.indicators",
    "excellent_quota": "helpers.indicators",
    "excellent_every_year": "helpers.indicators",
    "non_local_leadership": "helpers.indicators",
    "village_cell_participation": "helpers.indicators",
    "breakthrough_summary": "helpers.indicators",
    # reports
    "report_context": "helpers.report",
    "load_data": "helpers.report",
    "is_bundled": "helpers.dataset",
    "districts_in": "helpers.dataset",
    # the article's figures checked
    "check_facts": "helpers.facts",
    # look, plots, saving, figure sets
    "report_theme": "helpers.theme",
    "LEVEL_COLORS": "helpers.theme",
    "label": "helpers.theme",
    "plot_admissions_vs_target": "helpers.plots",
    "plot_term_pace": "helpers.plots",
    "plot_composition": "helpers.plots",
    "plot_ratings_by_level": "helpers.plots",
    "plot_excellent_quota": "helpers.plots",
    "plot_non_local_leadership": "helpers.plots",
    "plot_breakthrough_tasks": "helpers.plots",
    "plot_province_overview": "helpers.plots",
    "save_figure": "helpers.save",
    "DISTRICT_FIGURES": "helpers.figures",
    "PROVINCE_FIGURES": "helpers.figures",
    "draw": "helpers.figures",
    "draw_province": "helpers.figures",
    "save_district_figures": "helpers.figures",
    "save_province_figures": "helpers.figures",
    # hostile input and safe publication
    "inspect_file": "helpers.read.guard",
    "to_unicode": "helpers.legacy",
    "neutralise_formulas": "helpers.safety",
    "suppress": "helpers.safety",
    "display_suppressed": "helpers.safety",
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
