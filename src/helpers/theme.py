"""The report look: font, palette, labels and number formats on axes.

Nothing is changed on import.  :func:`report_theme` applies the look inside
a ``with`` block (a :func:`matplotlib.rc_context` with the seaborn style in
it) and restores every setting afterwards.

The font is Be Vietnam Pro, from the installed package
``fontpkg_be_vietnam_pro``; if it is missing, DejaVu Sans (which also
covers Vietnamese) is used, with a warning.

Examples
--------
>>> label("members")
'Đảng viên'
>>> label("members", "en")
'Party members'
>>> list(LEVEL_COLORS)
['not_completed', 'completed', 'good', 'excellent']
>>> percent_formatter(decimals=0)(0.9, 0)
'90 %'
"""

from __future__ import annotations

import contextlib
import functools
import math
import warnings
from collections.abc import Iterator
from pathlib import Path

from .i18n import format_number, format_percent, get_lang, translate, use_lang
from .schema import LEVELS

#: The family used when Be Vietnam Pro is not installed.
FALLBACK_FAMILY = "DejaVu Sans"

#: Ordered, colour-blind-safe colours (Okabe–Ito), worst level to best.
LEVEL_COLORS: dict[str, str] = {
    "not_completed": "#D55E00",  # vermilion
    "completed": "#E69F00",  # orange
    "good": "#56B4E9",  # sky blue
    "excellent": "#0072B2",  # blue
}

#: Colours of the other series (Okabe–Ito as well).
SERIES_COLORS: dict[str, str] = {
    "admitted": "#0072B2",
    "target": "#000000",
    "term_target": "#BBBBBB",
    "female": "#CC79A7",
    "ethnic_minority": "#009E73",
    "youth_union": "#56B4E9",
    "religious": "#E69F00",
    "total": "#BBBBBB",
    "highlight": "#D55E00",
    "tasks": "#BBBBBB",
    "tasks_completed": "#009E73",
    "benchmark": "#444444",
}

#: Figure labels, ``key -> {lang: text}``.
LABELS: dict[str, dict[str, str]] = {
    # rating levels
    "not_completed": {"vi": "Không hoàn thành nhiệm vụ", "en": "Not completed"},
    "completed": {"vi": "Hoàn thành nhiệm vụ", "en": "Completed"},
    "good": {"vi": "Hoàn thành tốt nhiệm vụ", "en": "Good"},
    "excellent": {"vi": "Hoàn thành xuất sắc nhiệm vụ", "en": "Excellent"},
    # subjects
    "organisation": {"vi": "Tổ chức cơ sở đảng", "en": "Grassroots party organisations"},
    "cells": {"vi": "Chi bộ trực thuộc", "en": "Party cells"},
    "members": {"vi": "Đảng viên", "en": "Party members"},
    # admissions
    "admitted": {"vi": "Đã kết nạp", "en": "Admitted"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "term_target": {"vi": "Chỉ tiêu nhiệm kỳ", "en": "Term target"},
    "admitted_so_far": {"vi": "Đã kết nạp đến nay", "en": "Admitted so far"},
    "female": {"vi": "Nữ", "en": "Women"},
    "ethnic_minority": {"vi": "Dân tộc thiểu số", "en": "Ethnic minorities"},
    "youth_union": {"vi": "Đoàn viên", "en": "Youth Union members"},
    "religious": {"vi": "Tôn giáo", "en": "Religious"},
    "new_members": {"vi": "Số đảng viên mới", "en": "New members"},
    "year": {"vi": "Năm", "en": "Year"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "unit_commune": {"vi": "xã", "en": "commune"},
    "unit_town": {"vi": "thị trấn", "en": "town"},
    "unit_ward": {"vi": "phường", "en": "ward"},
    "unit_agency": {"vi": "cơ quan", "en": "agency"},
    "share": {"vi": "Tỷ lệ", "en": "Share"},
    "attainment_unit": {"vi": "Tỷ lệ đạt chỉ tiêu", "en": "Share of the target"},
    "count": {"vi": "Số lượng", "en": "Number"},
    "per_year": {"vi": "cần {value}/năm", "en": "{value}/yr needed"},
    "reached": {"vi": "đã đạt", "en": "reached"},
    "short": {"vi": "còn thiếu {value}", "en": "{value} short"},
    "no_target": {"vi": "không có chỉ tiêu", "en": "no target"},
    "no_target_years": {"vi": "không có chỉ tiêu năm {years}", "en": "no target for {years}"},
    "no_report_years": {"vi": "không có số liệu năm {years}", "en": "no report for {years}"},
    "reported_under": {"vi": "năm {years} báo cáo ở {district}", "en": "{years} reported under {district}"},
    "no_data_short": {"vi": "không có số liệu", "en": "no data"},
    # placements
    "secretaries_non_local": {"vi": "Bí thư không phải người địa phương", "en": "Non-local party secretaries"},
    "pc_chairs_non_local": {"vi": "Chủ tịch UBND không phải người địa phương", "en": "Non-local PC chairs"},
    "pc_vice_chairs_non_local": {"vi": "Phó Chủ tịch UBND không phải người địa phương", "en": "Non-local PC vice-chairs"},
    "secretaries_chairing_pc": {"vi": "Bí thư đồng thời là Chủ tịch UBND", "en": "Secretaries who chair the PC"},
    "non_local": {"vi": "Không phải người địa phương", "en": "Non-local"},
    "all_posts": {"vi": "Tổng số", "en": "All"},
    "out_of_all": {"vi": "Số đồng chí / tổng số", "en": "People / all posts"},
    # breakthrough tasks
    "tasks": {"vi": "Việc đột phá được giao", "en": "Breakthrough tasks assigned"},
    "tasks_completed": {"vi": "Việc đã hoàn thành", "en": "Tasks completed"},
    "per_cadre": {"vi": "{value} việc/người", "en": "{value} per cadre"},
    "tasks_per_cadre_unit": {"vi": "Việc/người", "en": "Tasks per cadre"},
    # quota and benchmark
    "benchmark": {"vi": "Mức 90 %", "en": "90% benchmark"},
    "quota": {"vi": "Giới hạn 20 %", "en": "20% quota"},
    "full_target": {"vi": "Mức 100 % chỉ tiêu", "en": "100% of the target"},
    "communes": {"vi": "Xã, thị trấn", "en": "Communes and towns"},
    "agencies": {"vi": "Cơ quan, đơn vị", "en": "Agencies"},
    "within_quota": {"vi": "Trong giới hạn", "en": "Within quota"},
    "breaks_quota": {"vi": "Vượt giới hạn", "en": "Over quota"},
    "excellent_share": {"vi": "Số xuất sắc / số hoàn thành tốt", "en": "Excellent / good"},
    "good_or_better": {"vi": "Tốt trở lên", "en": "Good or better"},
    # province indicators
    "admissions_attainment": {"vi": "Tỷ lệ đạt chỉ tiêu kết nạp", "en": "Admissions target attainment"},
    "organisations_good_or_better": {
        "vi": "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        "en": "Organisations rated good or better",
    },
    "members_good_or_better": {
        "vi": "Đảng viên hoàn thành tốt nhiệm vụ trở lên",
        "en": "Members rated good or better",
    },
    "share_secretaries_non_local": {"vi": "Bí thư không phải người địa phương", "en": "Non-local party secretaries"},
    "tasks_per_cadre": {"vi": "Việc đột phá mỗi cán bộ", "en": "Breakthrough tasks per cadre"},
    "admitted_total": {"vi": "Số đảng viên mới kết nạp", "en": "New members admitted"},
    "synthetic": {
        "vi": "Số liệu mô phỏng, không phải số liệu thật",
        "en": "Synthetic data, not real figures",
    },
}


def label(key: str, lang: str | None = None, /, **params: object) -> str:
    """A figure label in ``lang`` (Vietnamese by default).

    >>> label("excellent", "en")
    'Excellent'
    >>> label("per_cadre", "vi", value="3,9")
    '3,9 việc/người'
    """
    return translate(LABELS, key, lang, **params)


def level_labels(lang: str | None = None) -> list[str]:
    """The four level labels, worst first.

    >>> level_labels("en")[-1]
    'Excellent'
    """
    return [label(level, lang) for level in LEVELS]


# --- number formats on axes ---------------------------------------------------


def _places(values: tuple[float, ...], most: int = 4) -> int:
    """The fewest decimals that write every value exactly (within rounding noise).

    >>> _places((85.0, 87.5, 90.0))
    1
    >>> _places((3.8, 3.9, 4.0, 4.1))
    1
    >>> _places((0.0, 50.0, 100.0))
    0
    """
    for places in range(most + 1):
        if all(abs(round(v, places) - v) < 1e-6 * max(1.0, abs(v)) for v in values):
            return places
    return most


def _tick_formatter(write, decimals: int | None):
    """A tick formatter calling ``write(value, places)``.

    With ``decimals=None`` the decimals are the fewest that write every
    tick exactly, so that no two ticks read alike (87,5 % is not "88 %").
    """
    from matplotlib.ticker import Formatter

    class _Ticks(Formatter):
        _ticks: tuple[float, ...] = ()

        def set_locs(self, locs):
            self._ticks = tuple(float(v) for v in locs)

        def __call__(self, x, pos=None):
            places = decimals
            if places is None:
                places = _places(tuple(write.scale * v for v in self._ticks) or (write.scale * x,))
            return write(x, places)

    return _Ticks()


class _Writer:
    """``write(value, places)`` in one language, with the factor ticks are written at."""

    def __init__(self, func, scale: float, lang: str):
        self.func, self.scale, self.lang = func, scale, lang

    def __call__(self, x, places):
        return self.func(x, places, self.lang)


def percent_formatter(lang: str | None = None, decimals: int | None = 0):
    """A tick formatter writing shares (0.9) as percentages ('90 %' / '90%').

    With ``decimals=None`` the number of decimals is the fewest that write
    every tick exactly, so that close ticks (87,5 % and 90 %) stay distinct.

    >>> percent_formatter("en", 1)(0.578, 0)
    '57.8%'
    >>> f = percent_formatter("vi", None)
    >>> f.set_locs([0.85, 0.875, 0.9])
    >>> [f(x) for x in (0.85, 0.875, 0.9)]
    ['85,0 %', '87,5 %', '90,0 %']
    """
    return _tick_formatter(_Writer(format_percent, 100.0, get_lang(lang)), decimals)


def number_formatter(lang: str | None = None, decimals: int | None = 0):
    """A tick formatter writing numbers the language's way ('1.234' / '1,234').

    With ``decimals=None`` the decimals follow the ticks, as for
    :func:`percent_formatter` (3,9 and 4,0, not "4" and "4").

    >>> number_formatter()(1234, 0)
    '1.234'
    >>> f = number_formatter("vi", None)
    >>> f.set_locs([3.9, 4.0, 4.1])
    >>> [f(x) for x in (3.9, 4.0, 4.1)]
    ['3,9', '4,0', '4,1']
    """
    return _tick_formatter(_Writer(format_number, 1.0, get_lang(lang)), decimals)


def tick_locator(*, integer: bool = False, nbins: int = 6):
    """Ticks at round values (steps of 1, 2 or 5 times a power of ten).

    ``integer=True`` for counts: no tick between two whole numbers.

    >>> tick_locator(integer=True).tick_values(0, 3).tolist()
    [0.0, 1.0, 2.0, 3.0]
    >>> [round(float(v), 2) for v in tick_locator().tick_values(0.85, 0.98)]
    [0.85, 0.9, 0.95, 1.0]
    """
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, steps=[1, 2, 5, 10], integer=integer, min_n_ticks=3)


# --- fonts ------------------------------------------------------------------------


def _font_files() -> list[Path]:
    try:
        import fontpkg_be_vietnam_pro as pkg
    except ImportError:
        return []
    return sorted((Path(pkg.ROOT) / "files").glob("*.ttf"))


@functools.cache
def register_fonts() -> str:
    """Register Be Vietnam Pro with matplotlib and return the family to use.

    Returns :data:`FALLBACK_FAMILY` with a warning when the font package or
    its files are missing.  Registration happens once per process.
    """
    files = _font_files()
    if not files:
        warnings.warn(
            f"Be Vietnam Pro is not installed (package fontpkg-be-vietnam-pro); using {FALLBACK_FAMILY}",
            RuntimeWarning,
            stacklevel=2,
        )
        return FALLBACK_FAMILY
    from matplotlib import font_manager

    import fontpkg_be_vietnam_pro as pkg

    for path in files:
        font_manager.fontManager.addfont(str(path))
    return pkg.FAMILY


def theme_rc(family: str) -> dict[str, object]:
    """The matplotlib settings of the report look (on top of seaborn's whitegrid)."""
    return {
        "font.family": [family, FALLBACK_FAMILY],
        "font.sans-serif": [family, FALLBACK_FAMILY],
        "figure.figsize": (8.0, 5.0),
        "figure.dpi": 100,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "legend.fontsize": 9,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "axes.formatter.use_locale": False,
        "figure.constrained_layout.use": True,
    }


@contextlib.contextmanager
def report_theme(lang: str | None = None) -> Iterator[str]:
    """Apply the report look (and ``lang``) inside a ``with`` block.

    Yields the language in use.  Every matplotlib setting is restored on exit.

    >>> import matplotlib as mpl
    >>> before = mpl.rcParams["axes.titlelocation"]
    >>> with report_theme("en") as lang:
    ...     lang, mpl.rcParams["axes.titlelocation"]
    ('en', 'left')
    >>> mpl.rcParams["axes.titlelocation"] == before
    True
    """
    import matplotlib as mpl
    import seaborn as sns

    from .fontcache import install

    lang = get_lang(lang)
    family = register_fonts()
    install()  # font look-ups answered once (nothing drawn changes)
    with mpl.rc_context(), use_lang(lang):
        sns.set_theme(context="notebook", style="whitegrid", palette=list(LEVEL_COLORS.values()), rc=theme_rc(family))
        yield lang


__all__ = [
    "FALLBACK_FAMILY",
    "LABELS",
    "LEVEL_COLORS",
    "SERIES_COLORS",
    "label",
    "level_labels",
    "number_formatter",
    "percent_formatter",
    "register_fonts",
    "report_theme",
    "theme_rc",
    "tick_locator",
]
