"""Shared test set-up: a headless matplotlib, closed figures, hypothesis profiles."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("OPENPYXL_LXML", "False")  # as helpers sets it, before any test module imports openpyxl
# the reader's cache of the tests stays out of the user's cache folder
os.environ.setdefault("PARTY_STATS_CACHE", os.path.join(__import__("tempfile").mkdtemp(prefix="party-stats-cache-"), "read"))

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened (only if matplotlib was imported)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def _default_lang():
    """Each test starts in the default language."""
    from helpers.i18n import DEFAULT_LANG, set_lang

    set_lang(DEFAULT_LANG)
    yield
    set_lang(DEFAULT_LANG)
