"""Shared test set-up: a headless matplotlib, closed figures, hypothesis profiles."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

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
