"""The rating regimes: which Politburo regulation governs each year's quality rating.

The annual quality rating (*đánh giá, xếp loại chất lượng*) of party
organisations and members has followed three regulations since 2018.  They
are declared here, once, as data (:data:`REGIMES`): the report years each
governs, its number, date and title, the four-level scale (with the points
behind it where the regulation gives them) and the excellent quota it
sets.  The indicators record each year's regime (:func:`label`) and apply
its quota (:func:`quota`); a ratings figure shows :func:`note` under it.
``data/README.md`` ("Rating regimes") cites the sources and says which of
these facts could be checked against a published text.

Examples
--------
>>> label(2020), label(2023), label(2025), label(2017)
('132-QĐ/TW', '124-QĐ/TW', '366-QĐ/TW', None)
>>> quota(2024)
0.2
>>> print(note([2021, 2022, 2023], "en"))
Ratings of 2021–2022 under Regulation 132-QĐ/TW of 8 March 2018, of 2023 under Regulation 124-QĐ/TW of 4 October 2023 (Politburo). Excellent at most 20% of those rated good.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .i18n import format_percent, get_lang, translate


@dataclass(frozen=True)
class Regime:
    """One regulation on the annual quality rating and the report years it governs.

    Attributes
    ----------
    number : str
        The regulation's number as written ("132-QĐ/TW").
    issued : date
        The date it was signed.
    first_year, last_year : int
        The report years it governs (``last_year`` ``None``: still in force).
    title : dict
        Its title, ``{"vi": ..., "en": ...}``.
    quota : float
        The excellent quota: those rated excellent at most ``quota`` × those
        rated good (excellent not included), among like units.
    points : dict
        The points behind the levels, where the regulation scores them
        (lowest score of each level, out of 100); empty when it does not.
    verified : tuple of str
        The facts above checked against a published text (``"number"``,
        ``"issued"``, ``"points"``, ``"quota"``); see ``data/README.md``.
    """

    number: str
    issued: date
    first_year: int
    last_year: int | None
    title: dict[str, str]
    quota: float
    points: dict[str, int] = field(default_factory=dict)
    verified: tuple[str, ...] = ()

    def covers(self, year: int) -> bool:
        """Whether the regime governs report year ``year``."""
        return self.first_year <= int(year) and (self.last_year is None or int(year) <= self.last_year)


#: The regimes in force, oldest first (one place for these facts).
REGIMES: tuple[Regime, ...] = (
    Regime(
        number="132-QĐ/TW",
        issued=date(2018, 3, 8),
        first_year=2018,
        last_year=2022,
        title={
            "vi": "Quy định về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị",
            "en": "Regulation on the annual review and quality rating of collectives and individuals in the political system",
        },
        quota=0.20,
        verified=("number", "issued", "quota"),
    ),
    Regime(
        number="124-QĐ/TW",
        issued=date(2023, 10, 4),
        first_year=2023,
        last_year=2024,
        title={
            "vi": "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị",
            "en": "Regulation on the annual review and quality rating of collectives and individuals in the political system",
        },
        quota=0.20,
        verified=("number", "issued"),
    ),
    Regime(
        number="366-QĐ/TW",
        issued=date(2025, 8, 30),
        first_year=2025,
        last_year=None,
        title={
            "vi": "Quy định về việc kiểm điểm và đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị",
            "en": "Regulation on the review and quality rating of collectives and individuals in the political system",
        },
        quota=0.20,
        points={"excellent": 90, "good": 70, "completed": 50},
        verified=("number", "issued", "points"),
    ),
)

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip

_MESSAGES = {
    "part": {"vi": "năm {years} theo Quy định số {number} ngày {date}", "en": "of {years} under Regulation {number} of {date}"},
    "lead": {"vi": "Xếp loại chất lượng {parts} của Bộ Chính trị.", "en": "Ratings {parts} (Politburo)."},
    "points": {
        "vi": " (thang 100 điểm: hoàn thành xuất sắc nhiệm vụ từ {excellent} điểm, hoàn thành tốt nhiệm vụ từ {good} đến dưới {excellent}, hoàn thành nhiệm vụ từ {completed} đến dưới {good}, không hoàn thành nhiệm vụ dưới {completed} điểm hoặc có vi phạm)",
        "en": " (a 100-point scale: excellent {excellent} or more, good {good} to under {excellent}, completed {completed} to under {good}, not completed under {completed} or a disqualifying violation)",
    },
    "quota": {
        "vi": " Số hoàn thành xuất sắc nhiệm vụ không vượt quá {quota} số hoàn thành tốt nhiệm vụ.",
        "en": " Excellent at most {quota} of those rated good.",
    },
    "quota_each": {"vi": "{quota} ({number})", "en": "{quota} ({number})"},
    "none": {
        "vi": " Năm {years}: chưa có quy định xếp loại trong danh mục.",
        "en": " {years}: no rating regulation on record.",
    },
}


def regime(year: int) -> Regime | None:
    """The regime governing report year ``year``, or ``None`` when none is declared.

    >>> regime(2025).points["excellent"]
    90
    """
    for r in REGIMES:
        if r.covers(year):
            return r
    return None


def label(year: int) -> str | None:
    """The number of the regulation governing ``year`` ("124-QĐ/TW"), or ``None``."""
    r = regime(year)
    return None if r is None else r.number


def quota(year: int) -> float | None:
    """The excellent quota of ``year``'s regime (a share of those rated good), or ``None``."""
    r = regime(year)
    return None if r is None else r.quota


def _runs(years: list[int]) -> str:
    """Years as runs: ``[2018, 2019, 2020, 2023]`` → ``"2018–2020, 2023"``."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _date(d: date, lang: str) -> str:
    if lang == "vi":
        return f"{d.day:02d}/{d.month}/{d.year}"
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def note(years: Iterable[int], lang: str | None = None) -> str:
    """The note under a ratings figure for the ``years`` it shows, citing each year's regulation.

    Parameters
    ----------
    years : iterable of int
        The report years the figure shows (repeats and order do not matter).
    lang : {"vi", "en"}, optional

    Returns
    -------
    str
        One sentence per fact: which regulation governs which years (with
        the 100-point scale where the regulation has one), the excellent
        quota, and the years no declared regulation covers; empty when
        ``years`` is empty.

    Examples
    --------
    >>> print(note(range(2022, 2026)))
    Xếp loại chất lượng năm 2022 theo Quy định số 132-QĐ/TW ngày 08/3/2018, năm 2023–2024 theo Quy định số 124-QĐ/TW ngày 04/10/2023, năm 2025 theo Quy định số 366-QĐ/TW ngày 30/8/2025 (thang 100 điểm: hoàn thành xuất sắc nhiệm vụ từ 90 điểm, hoàn thành tốt nhiệm vụ từ 70 đến dưới 90, hoàn thành nhiệm vụ từ 50 đến dưới 70, không hoàn thành nhiệm vụ dưới 50 điểm hoặc có vi phạm) của Bộ Chính trị. Số hoàn thành xuất sắc nhiệm vụ không vượt quá 20 % số hoàn thành tốt nhiệm vụ.
    >>> note([2016, 2018], "en")
    'Ratings of 2018 under Regulation 132-QĐ/TW of 8 March 2018 (Politburo). Excellent at most 20% of those rated good. 2016: no rating regulation on record.'
    """
    lang = get_lang(lang)
    shown = sorted({int(y) for y in years})
    if not shown:
        return ""
    parts, used = [], []
    for r in REGIMES:
        covered = [y for y in shown if r.covers(y)]
        if not covered:
            continue
        used.append(r)
        text = translate(_MESSAGES, "part", lang, years=_runs(covered), number=r.number, date=_date(r.issued, lang))
        if r.points:
            text += translate(_MESSAGES, "points", lang, **r.points)
        parts.append(text)
    out = translate(_MESSAGES, "lead", lang, parts=", ".join(parts)) if parts else ""
    if used:
        quotas = {r.quota for r in used}
        if len(quotas) == 1:
            share = format_percent(quotas.pop(), 0, lang=lang)
        else:
            share = ", ".join(translate(_MESSAGES, "quota_each", lang, quota=format_percent(r.quota, 0, lang=lang), number=r.number) for r in used)
        out += translate(_MESSAGES, "quota", lang, quota=share)
    missing = [y for y in shown if regime(y) is None]
    if missing:
        out += translate(_MESSAGES, "none", lang, years=_runs(missing))
    return out.strip()


__all__ = ["REGIMES", "Regime", "label", "note", "quota", "regime"]
