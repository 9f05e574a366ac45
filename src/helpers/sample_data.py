"""The deterministic generator of the bundled synthetic workbooks in ``data/raw``.

Every number in ``data/raw`` is made up here, from one fixed seed
(:data:`SEED`), except the article's published figures F1–F13, which the
Chiêm Hóa data is built to agree with.  The same call gives the same tidy
tables and the same workbook bytes every time.

For each of the seven districts it writes ``data/raw/<district-slug>/<kind>.xlsx``
(one sheet per year): admissions 2016–2024, ratings 2018–2024, placements
2020–2024, breakthrough tasks 2021–2024.  The units are those the registry
(:mod:`helpers.units`) lists for each year, plus the district's agencies.
Layouts differ between districts as real offices' do.

The rules the numbers follow (see data/README.md for their sources):

- four rating levels; most organisations and members are rated good or
  better (85–95 %);
- organisations rated excellent are at most 20 % of those rated good, within
  each like group of a district (communes, agencies); members rated
  excellent at most 20 % of those rated good, within each organisation;
- members admitted in the second half of a year are not rated that year;
- admissions are a few per cent of membership a year, against annual
  targets set once per term (2015–2020: report years 2015–2019; 2020–2025:
  2020–2024); breakdowns (female, …) never exceed the total;
- placements: non-local party secretaries and chairs in plausible shares.

Examples
--------
>>> recs = records("Chiêm Hóa", "admissions", 2023)
>>> [(r["unit"], r["target"], r["admitted"]) for r in recs if r["unit"] == "Hòa Phú"]
[('Hòa Phú', 9, 6)]
>>> len(records("Chiêm Hóa", "placements", 2023))
24
"""

from __future__ import annotations

import functools
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import config, schema
from .sheetwriter import Layout, Report, write_workbook
from .text import slug
from .units import COMMUNE_LEVEL, district_names, load_units, units_in

#: The province of the bundled data.
PROVINCE = "Tuyên Quang"

#: The one seed of every random draw.
SEED = 20231215

#: Report years of each kind.
YEARS: dict[str, range] = {
    "admissions": range(2016, 2025),
    "ratings": range(2018, 2025),
    "placements": range(2020, 2025),
    "breakthrough_tasks": range(2021, 2025),
}

ARTICLE_DISTRICT = "Chiêm Hóa"
#: Organisations of Chiêm Hóa rated excellent in every year 2018–2022 (F13).
EXCELLENT_EVERY_YEAR = ("Vĩnh Lộc", "Công an huyện")


def _rng(*parts: object) -> random.Random:
    """A generator seeded by SEED and ``parts`` (string seeds are stable)."""
    return random.Random("|".join(map(str, (SEED, *parts))))


def _term(year: int) -> int:
    return 1 if year <= 2019 else 2


# --- membership ------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _predecessors() -> dict[tuple[str, str], list[str]]:
    """(district, name) of a commune-level unit -> names of units merged into it."""
    units = load_units()
    out: dict[tuple[str, str], list[str]] = {}
    valid = units[units["type"] != "agency"]
    for row in valid.itertuples(index=False):
        if pd.isna(row.valid_to) or pd.isna(row.successor):
            continue
        succ = valid[(valid["code"] == row.successor) & (valid["valid_from"] == row.valid_to)]
        for s in succ.itertuples(index=False):
            if s.name != row.name:
                out.setdefault((s.district, s.name), []).append(row.name)
    return out


@functools.lru_cache(maxsize=None)
def _base_members(district: str, name: str, unit_type: str) -> int:
    """Party members of a unit in 2016 (a merged unit: its parts' sum)."""
    preds = _predecessors().get((district, name))
    if preds:
        return sum(_base_members(district, p, "commune") for p in preds)
    r = _rng("members", name, unit_type)
    return r.randint(25, 140) if unit_type == "agency" else r.randint(150, 420)


def _members(district: str, name: str, unit_type: str, year: int) -> int:
    base = _base_members(district, name, unit_type)
    return round(base * (1 + 0.018 * (year - 2016))) + _rng("mnoise", name, year).randint(-3, 3)


def _cells(name: str, unit_type: str) -> int:
    r = _rng("cells", name)
    if unit_type == "agency":
        return r.randint(3, 6) if name.startswith(("Công an", "Ban Chỉ huy")) else 0
    return r.randint(8, 22)


# --- admissions ----------------------------------------------------------------------


def _target(name: str, unit_type: str, year: int) -> int:
    if name == "Hòa Phú" and unit_type == "commune":
        return 9 if _term(year) == 2 else 8  # F3: at least 9 a year in 2020–2025
    r = _rng("target", name, _term(year))
    return r.randint(1, 3) if unit_type == "agency" else r.randint(4, 9)


_HOA_PHU_ADMITTED = {2020: 7, 2021: 6, 2022: 7, 2023: 6, 2024: 8}  # F4: 26 in 2020–2023


def _admissions(district: str, year: int) -> list[dict[str, Any]]:
    out = []
    for u in units_in(district, year).itertuples(index=False):
        r = _rng("admitted", district, u.name, year)
        target = _target(u.name, u.type, year)
        if u.name == "Hòa Phú" and district == ARTICLE_DISTRICT and year in _HOA_PHU_ADMITTED:
            admitted = _HOA_PHU_ADMITTED[year]
        else:
            admitted = max(0, round(target * r.uniform(0.6, 1.3)))
        out.append({"unit": u.name, "unit_type": u.type, "target": target, "admitted": admitted})
    if district == ARTICLE_DISTRICT and year in (2020, 2021, 2022):
        # F12: over 540 admitted in 2020–2022 across the district (~185 a year)
        _raise_total(out, 185 + {2020: 2, 2021: 0, 2022: 3}[year], _rng("f12", year))
    for rec in out:
        r = _rng("breakdown", district, rec["unit"], year)
        n = rec["admitted"]
        rec["female"] = _binom(r, n, 0.42)
        rec["ethnic_minority"] = _binom(r, n, 0.75 if district != "Tuyên Quang" else 0.3)
        rec["youth_union"] = _binom(r, n, 0.7)
        rec["religious"] = _binom(r, n, 0.03)
    return out


def _raise_total(recs: list[dict[str, Any]], total: int, r: random.Random) -> None:
    free = [x for x in recs if x["unit"] != "Hòa Phú"]
    while sum(x["admitted"] for x in recs) < total:
        x = r.choice(free)
        if x["admitted"] < x["target"] + 4:
            x["admitted"] += 1


def _binom(r: random.Random, n: int, p: float) -> int:
    return sum(r.random() < p for _ in range(n))


# --- ratings -------------------------------------------------------------------------


def _max_excellent(rated_good_or_better: int) -> int:
    """Largest e with e <= 20 % of the good (good = rated_good_or_better - e)."""
    e = 0
    while e + 1 <= 0.2 * (rated_good_or_better - e - 1):
        e += 1
    return e


def _split_levels(r: random.Random, n: int, share: float, excellent_share: float) -> dict[str, int]:
    gob = min(n, round(n * share))
    exc = min(_max_excellent(gob), math.floor(gob * excellent_share))
    rest = n - gob
    not_completed = min(rest, r.choice([0, 0, 0, 1]))
    return {"excellent": exc, "good": gob - exc, "completed": rest - not_completed, "not_completed": not_completed}


def _organisation_levels(district: str, year: int, units: list[tuple[str, str]], group: str) -> dict[str, str]:
    r = _rng("orglevels", district, year, group)
    n = len(units)
    article = district == ARTICLE_DISTRICT and 2020 <= year <= 2023
    if article:  # F10: over 90 % good or better
        below = 2 if group == "communes" else 0
    else:
        below = round(n * r.uniform(0.05, 0.14))
    names = [u for u, _ in units]
    order = names[:]
    r.shuffle(order)
    forced = [x for x in EXCELLENT_EVERY_YEAR if district == ARTICLE_DISTRICT and 2018 <= year <= 2022 and x in names]
    order = forced + [x for x in order if x not in forced]
    gob = n - below
    n_exc = max(len(forced), min(_max_excellent(gob), r.randint(1, max(1, _max_excellent(gob)))))
    levels = {}
    # the first n_exc of `order` excellent, the last `below` below good
    for i, name in enumerate(order):
        if i < n_exc:
            levels[name] = "excellent"
        elif i >= n - below:
            levels[name] = "not_completed" if (i == n - 1 and r.random() < 0.3) else "completed"
        else:
            levels[name] = "good"
    return levels


def _ratings(district: str, year: int, admitted: dict[str, int] | None = None,
             recent: tuple[float, float] = (0.4, 0.6)) -> list[dict[str, Any]]:
    """A district's ratings; ``admitted`` (unit -> admitted) and ``recent`` (the share of them
    admitted less than six months before, not rated) for a part-year report."""
    units = units_in(district, year)
    pairs = [(u.name, u.type) for u in units.itertuples(index=False)]
    levels = {}
    levels.update(_organisation_levels(district, year, [p for p in pairs if p[1] != "agency"], "communes"))
    levels.update(_organisation_levels(district, year, [p for p in pairs if p[1] == "agency"], "agencies"))
    if admitted is None:
        admitted = {a["unit"]: a["admitted"] for a in _admissions(district, year)}
    article = district == ARTICLE_DISTRICT and 2020 <= year <= 2023
    out = []
    for name, kind in pairs:
        r = _rng("ratings", district, name, year)
        total = _members(district, name, kind, year)
        # admitted in the last six months: not rated this year; a few exempt
        not_rated = round(admitted[name] * r.uniform(*recent)) + r.choice([0, 0, 1, 2])
        # Chiêm Hóa stays a little above the others throughout, so that its
        # series is smooth around the article's years (F11: over 90 %).
        if article:
            share = r.uniform(0.93, 0.975)
        elif district == ARTICLE_DISTRICT:
            share = r.uniform(0.89, 0.96)
        else:
            share = r.uniform(0.86, 0.95)
        members = _split_levels(r, total - not_rated, share, r.uniform(0.08, 0.16))
        members["not_rated"] = not_rated
        n_cells = _cells(name, kind)
        cells = _split_levels(r, n_cells, r.uniform(0.85, 0.97), 0.2) if n_cells else dict.fromkeys(
            ("excellent", "good", "completed", "not_completed"), 0
        )
        out.append({"unit": name, "unit_type": kind, "organisation": levels[name], "cells": cells, "members": members})
    return out


# --- placements ----------------------------------------------------------------------

# Chiêm Hóa: (non-local secretaries, secretaries chairing the PC, non-local
# PC chairs, non-local vice-chairs) per year; 2023 is F6–F8.
_ARTICLE_PLACEMENTS = {2020: (15, 1, 6, 2), 2021: (18, 1, 8, 3), 2022: (20, 2, 9, 3), 2023: (22, 2, 10, 4), 2024: (22, 2, 10, 4),
                       2025: (22, 2, 10, 4)}  # 2025: the first half, the district's last report


def _placements(district: str, year: int) -> list[dict[str, Any]]:
    units = units_in(district, year, kinds=COMMUNE_LEVEL)
    pairs = [(u.name, u.type) for u in units.itertuples(index=False)]
    n = len(pairs)
    r = _rng("placements", district, year)
    if district == ARTICLE_DISTRICT:
        sec, chairs, pc, vice = _ARTICLE_PLACEMENTS[year]
    else:
        sec = round(n * r.uniform(0.3, 0.7))
        chairs = r.randint(0, 2)
        pc = round(n * r.uniform(0.15, 0.4))
        vice = round(n * r.uniform(0.05, 0.2))
    names = [p[0] for p in pairs]
    sec_set = set(r.sample(names, sec))
    chair_set = set(r.sample(names, chairs))
    pc_set = set(r.sample(names, pc))
    vice_set = set(r.sample(names, vice))
    out = []
    for name, kind in pairs:
        u = _rng("placement", district, name, year)
        members = u.randint(14, 21)
        yen_lap = district == ARTICLE_DISTRICT and name == "Yên Lập" and year >= 2022
        cells = members if yen_lap else members - u.choice([0, 0, 1, 2])
        committees = 8 if yen_lap else min(cells, u.randint(3, 10))
        out.append(
            {
                "unit": name,
                "unit_type": kind,
                "secretary_non_local": name in sec_set,
                "secretary_chairs_pc": name in chair_set,
                "pc_chair_non_local": name in pc_set and name not in chair_set,
                "pc_vice_chairs": 2 if kind != "ward" or u.random() < 0.5 else 1,
                "pc_vice_chairs_non_local": 1 if name in vice_set else 0,
                "officials_members": members,
                "officials_in_village_cells": cells,
                "officials_in_village_committees": committees,
            }
        )
    if district == ARTICLE_DISTRICT:
        # a secretary who chairs the PC is the chair: keep F7's 10 non-local chairs
        free = [x for x in out if not x["pc_chair_non_local"] and not x["secretary_chairs_pc"]]
        while sum(x["pc_chair_non_local"] for x in out) < pc:
            free.pop(0)["pc_chair_non_local"] = True
    return out


# --- breakthrough tasks --------------------------------------------------------------

_ARTICLE_TASKS = {2023: (195, 765)}  # F9: 765 tasks for 195 cadres in 2023


def _tasks(district: str, year: int) -> list[dict[str, Any]]:
    out = []
    for u in units_in(district, year).itertuples(index=False):
        r = _rng("tasks", district, u.name, year)
        cadres = r.randint(3, 6) if u.type == "agency" else r.randint(5, 8)
        tasks = sum(r.randint(3, 5) for _ in range(cadres))
        out.append({"unit": u.name, "unit_type": u.type, "cadres": cadres, "tasks": tasks})
    if district == ARTICLE_DISTRICT and year in _ARTICLE_TASKS:
        cadres, tasks = _ARTICLE_TASKS[year]
        _adjust(out, "cadres", cadres, lambda x: (2, 9), _rng("f9c"))
        _adjust(out, "tasks", tasks, lambda x: (2 * x["cadres"], 6 * x["cadres"]), _rng("f9t"))
    for x in out:
        r = _rng("done", district, x["unit"], year)
        x["tasks_completed"] = x["tasks"] - r.randint(0, max(0, x["tasks"] // 6)) if year < 2024 else round(
            x["tasks"] * r.uniform(0.6, 0.9)
        )
    return out


def _adjust(recs: list[dict[str, Any]], col: str, total: int, bounds, r: random.Random) -> None:
    while (diff := total - sum(x[col] for x in recs)) != 0:
        x = r.choice(recs)
        lo, hi = bounds(x)
        step = 1 if diff > 0 else -1
        if lo <= x[col] + step <= hi:
            x[col] += step


# --- the official form: Biểu số 2-BTCTW ------------------------------------------------

#: Report years of the districts' Biểu số 2-BTCTW (its cùng kỳ of 2016 is the generator's 2015, not a bundled report).
FORM_YEARS = range(2016, 2025)

# The analysis sections of a year's new members: (rural district, the city) base weights, each drawn
# again per year within ±25 %.  Youth Union members are 30 or younger: they are all in 18–30, the
# others spread over the bands by _AGE_OTHERS.
_OCCUPATIONS = {
    "occupation.state_official": (0.03, 0.06), "occupation.party_official": (0.02, 0.04),
    "occupation.commune_official": (0.06, 0.04), "occupation.village_worker": (0.08, 0.03),
    "occupation.public_employee": (0.14, 0.22), "occupation.nonpublic_employee": (0.005, 0.02),
    "occupation.enterprise": (0.04, 0.15), "occupation.farmer": (0.45, 0.10),
    "occupation.armed_forces": (0.08, 0.12), "occupation.university_student": (0.01, 0.04),
    "occupation.school_pupil": (0.02, 0.03), "occupation.other": (0.06, 0.15),
}
_ENTERPRISE = {"occupation.enterprise.manager": 0.15, "occupation.enterprise.staff": 0.35,
               "occupation.enterprise.worker": 0.5}
_AGE_OTHERS = {"age.18_30": 0.18, "age.31_35": 0.34, "age.36_40": 0.22, "age.41_45": 0.13, "age.46_50": 0.07,
               "age.51_55": 0.04, "age.56_60": 0.015, "age.over_60": 0.005}
#: The age each band counts for in Tuổi bình quân (a youth member: 24).
AGE_MIDPOINTS = {"age.18_30": 25, "age.31_35": 33, "age.36_40": 38, "age.41_45": 43, "age.46_50": 48,
                 "age.51_55": 53, "age.56_60": 58, "age.over_60": 63}
_SCHOOLING = {"schooling.literate": (0.003, 0.0), "schooling.primary": (0.02, 0.005),
              "schooling.lower_secondary": (0.15, 0.06), "schooling.upper_secondary": (0.827, 0.935)}
#: The share of new members with a professional qualification, and how the qualified spread.
_QUALIFIED = (0.5, 0.75)
_PROFESSIONAL = {"professional.elementary": 0.18, "professional.intermediate": 0.3, "professional.college": 0.12,
                 "professional.university": 0.37, "professional.master": 0.03, "professional.doctor": 0.0}
#: Section I's rows not in the admissions reports, and the share of new members each is.
_FORM_FEW = {"private_owner": 0.004, "family_planning": 0.006, "foreign_marriage": 0.001, "readmitted": 0.01}


def _jittered(r: random.Random, weights: dict[str, float]) -> dict[str, float]:
    return {k: w * r.uniform(0.75, 1.25) for k, w in weights.items()}


def draw_profile(r: random.Random, admitted: int, youth_union: int, *, city: bool = False) -> dict[str, int]:
    """A year's new members by occupation, age band, schooling and qualification (Biểu 2's section II).

    Occupations, age bands and schooling each add up to ``admitted``; the
    ``youth_union`` members are all in the 18–30 band.

    >>> p = draw_profile(_rng("doc"), 40, 28)
    >>> sum(v for k, v in p.items() if k.startswith("age.")), p["age.18_30"] >= 28
    (40, True)
    """
    from .formwriter import apportion

    c = int(city)
    out = apportion(admitted, _jittered(r, {k: w[c] for k, w in _OCCUPATIONS.items()}))
    out.update(apportion(out["occupation.enterprise"], _jittered(r, _ENTERPRISE)))
    ages = apportion(admitted - youth_union, _jittered(r, _AGE_OTHERS))
    ages["age.18_30"] += youth_union
    out.update(ages)
    out.update(apportion(admitted, _jittered(r, {k: w[c] for k, w in _SCHOOLING.items()})))
    qualified = round(admitted * _QUALIFIED[c] * r.uniform(0.85, 1.15))
    out.update(apportion(min(admitted, qualified), _jittered(r, _PROFESSIONAL)))
    out.update({"academic.associate_professor": 0, "academic.professor": 0})
    return out


def mean_age(figures: dict[str, object]) -> float | None:
    """Tuổi bình quân of a profile: each age band counted at its midpoint, one decimal."""
    n = sum(figures[k] for k in AGE_MIDPOINTS)
    return round(sum(figures[k] * a for k, a in AGE_MIDPOINTS.items()) / n, 1) if n else None


def _organisations(units: list[tuple[str, str]], admitted: dict[str, int], r: random.Random) -> dict[str, int]:
    """Biểu 2's section III: grassroots committees (units with cells) and cells, those admitting, those without masses."""
    out: dict[str, int] = {}
    for key, group in (("committees", [u for u in units if _cells(*u) > 0]),
                       ("cells", [u for u in units if _cells(*u) == 0])):
        admitting = sum(admitted.get(name, 0) > 0 for name, _t in group)
        out[f"organisations.{key}"] = len(group)
        out[f"organisations.{key}.admitting"] = admitting
        out[f"organisations.{key}.no_masses"] = min(len(group) - admitting, r.choice([0, 0, 0, 1]))
    return out


def section_one(recs: list[dict[str, Any]], r: random.Random) -> dict[str, int]:
    """Biểu 2's section I from a report's admissions records (the rows the admissions reports lack drawn)."""
    from .formwriter import ADMISSIONS_ROWS

    out = {key: sum(x[col] for x in recs) for key, col in ADMISSIONS_ROWS.items()}
    out.update({key: _binom(r, out["total"], p) for key, p in _FORM_FEW.items()})
    return out


@functools.lru_cache(maxsize=None)
def _form_figures(district: str, year: int) -> dict[str, object]:
    """Every figure of a district's Biểu 2 of ``year`` (kỳ này), from its admissions of the year."""
    r = _rng("form-2", district, year)
    recs = _admissions(district, year)
    out: dict[str, object] = section_one(recs, r)
    out.update(draw_profile(r, out["total"], out["youth_union"], city=district == "Tuyên Quang"))
    out["age.mean"] = mean_age(out)
    units = [(x["unit"], x["unit_type"]) for x in recs]
    out.update(_organisations(units, {x["unit"]: x["admitted"] for x in recs}, r))
    return out


def form_values(district: str, year: int) -> dict[str, dict[str, object]]:
    """A district's Biểu 2 of ``year``: criterion → {"value": kỳ này, "previous": the year before}.

    >>> v = form_values("Chiêm Hóa", 2023)
    >>> v["total"]["value"] == sum(x["admitted"] for x in records("Chiêm Hóa", "admissions", 2023))
    True
    >>> v["total"]["previous"] == form_values("Chiêm Hóa", 2022)["total"]["value"]
    True
    """
    this, last = _form_figures(district, year), _form_figures(district, year - 1)
    return {k: {"value": this[k], "previous": last[k]} for k in this}


def form_path(district: str) -> str:
    """A district's workbook of its Biểu số 2-BTCTW, one sheet per year, relative to ``data/raw``.

    >>> form_path("Chiêm Hóa")
    'chiem-hoa/bieu-2-btctw.xlsx'
    """
    return f"{slug(district)}/bieu-2-btctw.xlsx"


#: Each office's way with its form: the wording of a row or two, the tone style, the percent's decimals.
_FORM_STYLE: dict[str, dict[str, Any]] = {
    "Na Hang": {"wording": {"youth_union": "ĐVTN", "ethnic_minority": "DTTS"}},
    "Hàm Yên": {"tones": "new"},
    "Yên Sơn": {"wording": {"youth_union": "Đoàn viên", "occupation.armed_forces": "Sỹ quan, chiến sỹ QĐ và CA"}},
    "Lâm Bình": {"percent_decimals": 2},
}


def form_sheets(district: str) -> list:
    """The sheets of a district's Biểu 2 workbook: one per year (:data:`FORM_YEARS`), named as its reports."""
    from .formwriter import Committee, FormSheet

    committee = Committee(PROVINCE, district=district,
                          committee_word="THÀNH ỦY" if district == "Tuyên Quang" else "HUYỆN ỦY")
    style = _FORM_STYLE.get(district, {})
    return [FormSheet("2-BTCTW", committee, year, form_values(district, year), sheet=_layout(district, "admissions", year)[1],
                      **style) for year in FORM_YEARS]


# --- layouts -------------------------------------------------------------------------


def _layout(district: str, kind: str, year: int) -> tuple[Layout, str]:
    """Each office's own way of laying out its sheets (and naming them)."""
    sheet = str(year)
    if district == "Tuyên Quang":
        lay = Layout(header_block="dang_bo", unit_names="admin")
    elif district == "Lâm Bình":
        lay = Layout(
            blank_rows=1,
            numbering_row=False,
            header_rows=1 if kind in ("admissions", "breakthrough_tasks") else 2,
            extra_columns=(),
        )
    elif district == "Na Hang":
        lay = Layout(spelling="abbreviated", level_words="abbreviated", numbers="dash", header_block="ban_thuong_vu")
        sheet = f"Năm {year}"
    elif district == "Chiêm Hóa":
        lay = Layout(header_rows=2 if year >= 2020 else 1 if kind == "admissions" else 2)
    elif district == "Hàm Yên":
        lay = Layout(header_rows=3, level_style="x", tones="new", unit_names="admin")
    elif district == "Yên Sơn":
        lay = Layout(spelling="alternate", numbers="text", case="upper", grand_total="Toàn huyện", level_words="short")
    else:  # Sơn Dương
        cols = {"admissions": ("admitted", "female", "ethnic_minority", "youth_union", "religious", "target")}
        lay = Layout(unicode_form="NFD", first_col=2, grand_total="Tổng số", columns=cols.get(kind), footer=False)
    return lay, sheet


_WORKBOOK_OPTIONS = {
    # district -> (instructions sheet, hidden lookup sheet)
    "Tuyên Quang": (True, True),
    "Lâm Bình": (False, False),
    "Na Hang": (True, False),
    "Chiêm Hóa": (True, False),
    "Hàm Yên": (False, True),
    "Yên Sơn": (False, False),
    "Sơn Dương": (True, False),
}

_BUILDERS = {"admissions": _admissions, "ratings": _ratings, "placements": _placements, "breakthrough_tasks": _tasks}


@dataclass(frozen=True)
class _Sheet:
    district: str
    kind: str
    year: int
    records: list[dict[str, Any]]
    layout: Layout
    sheet: str


def _sheets(districts: list[str] | None = None) -> Iterator[_Sheet]:
    for district in districts or district_names():
        for kind, years in YEARS.items():
            for year in years:
                layout, sheet = _layout(district, kind, year)
                yield _Sheet(district, kind, year, _BUILDERS[kind](district, year), layout, sheet)


def records(district: str, kind: str, year: int) -> list[dict[str, Any]]:
    """The records of one report sheet, in the form :mod:`helpers.sheetwriter` takes.

    >>> len(records("Lâm Bình", "breakthrough_tasks", 2021))  # 10 communes, 8 agencies
    18
    """
    if kind not in _BUILDERS:
        raise ValueError(f"kind must be one of {tuple(_BUILDERS)}; got {kind!r}")
    return _BUILDERS[kind](district, year)


def workbook_path(district: str, kind: str) -> str:
    """The path of a district's workbook of one kind, relative to ``data/raw``.

    >>> workbook_path("Chiêm Hóa", "admissions")
    'chiem-hoa/admissions.xlsx'
    """
    return f"{slug(district)}/{kind}.xlsx"


def generate(out: str | Path = config.RAW_DATA_DIR) -> dict[str, pd.DataFrame]:
    """Write every workbook under ``out`` and return the tidy tables they hold.

    ``source`` in the tables names each row's unit cell, the file relative
    to ``out`` ("chiem-hoa/admissions.xlsx!2023!B11").
    """
    out = Path(out)
    by_book: dict[tuple[str, str], list[_Sheet]] = {}
    for s in _sheets():
        by_book.setdefault((s.district, s.kind), []).append(s)
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in schema.TABLES}
    for (district, kind), sheets in by_book.items():
        rel = workbook_path(district, kind)
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        instructions, lookup = _WORKBOOK_OPTIONS[district]
        reports = [Report(kind, s.records, district, s.year, s.layout, s.sheet) for s in sheets]
        cells = write_workbook(out / rel, reports, instructions=instructions, hidden_lookup=lookup)
        for s in sheets:
            sources = [f"{rel}!{s.sheet}!{c}" for c in cells[s.sheet]]
            rows[kind].extend(_tidy_rows(kind, s.records, district, s.year, sources))
    for book in _books_2025():
        (out / book.path).parent.mkdir(parents=True, exist_ok=True)
        cells = write_workbook(out / book.path, [book.report], instructions=book.instructions,
                               hidden_lookup=book.hidden_lookup)
        _add_book_rows(rows, book, cells[book.report.sheet])
    write_forms(out)
    return {k: _frame(k, v) for k, v in rows.items()}


def form_books() -> list[tuple[str, list, bool]]:
    """Every bundled form workbook: (path under data/raw, its sheets, with an instructions sheet)."""
    from . import sample_data_2025

    out = [(form_path(d), form_sheets(d), _WORKBOOK_OPTIONS[d][0]) for d in district_names()]
    return [*out, sample_data_2025.form_book()]


def write_forms(out: str | Path = config.RAW_DATA_DIR) -> list[Path]:
    """Write the bundled Biểu số 2-BTCTW workbooks under ``out``; return their paths."""
    from .formwriter import write_form_workbook

    paths = []
    for rel, sheets, instructions in form_books():
        path = Path(out) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_form_workbook(path, sheets, instructions=instructions)
        paths.append(path)
    return paths


def _books_2025() -> list:
    """The workbooks of 2025 (:mod:`helpers.sample_data_2025`, which builds on this module)."""
    from . import sample_data_2025

    return sample_data_2025.books()


def _add_book_rows(rows: dict[str, list[dict[str, Any]]], book, cells: list[str]) -> None:
    rep = book.report
    sources = [f"{book.path}!{rep.sheet}!{c}" for c in cells]
    rows[rep.kind].extend(tidy_rows(rep.kind, list(rep.records), list(book.commons), sources))


def sample_tables() -> dict[str, pd.DataFrame]:
    """The tidy tables of the bundled data, computed without writing files.

    The same as :func:`generate` returns (sources included).
    """
    from openpyxl import Workbook

    from .sheetwriter import write_report

    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in schema.TABLES}
    for s in _sheets():
        rel = workbook_path(s.district, s.kind)
        sources = [f"{rel}!{s.sheet}!{c}" for c in _unit_cells(s)]
        rows[s.kind].extend(_tidy_rows(s.kind, s.records, s.district, s.year, sources))
    for book in _books_2025():
        rep = book.report
        _add_book_rows(rows, book, write_report(Workbook().active, rep.kind, rep.records, district=rep.district,
                                                year=rep.year, layout=rep.layout, place=rep.place))
    return {k: _frame(k, v) for k, v in rows.items()}


def _unit_cells(s: _Sheet) -> list[str]:
    from openpyxl import Workbook

    from .sheetwriter import write_report

    return write_report(Workbook().active, s.kind, s.records, district=s.district, year=s.year, layout=s.layout)


def _tidy_rows(kind: str, records: list[dict[str, Any]], district: str, year: int, sources: list[str],
               period: str = "year") -> Iterator[dict]:
    units = units_in(district, year)
    codes = dict(zip(units["name"], units["code"].where(units["type"] != "agency", None)))
    commons = [{"province": PROVINCE, "district": district, "unit": rec["unit"], "unit_type": rec["unit_type"],
                "unit_code": codes.get(rec["unit"]), "year": year, "period": period} for rec in records]
    return tidy_rows(kind, records, commons, sources)


def tidy_rows(kind: str, records: list[dict[str, Any]], commons: list[dict[str, Any]], sources: list[str]) -> Iterator[dict]:
    """The tidy rows of one sheet's records: ``commons`` gives each record's place columns."""
    for rec, place, source in zip(records, commons, sources, strict=True):
        common = {**place, "source": source}
        if kind != "ratings":
            yield {**common, **{c: rec.get(c) for c in schema.FIGURES[kind]}}
            continue
        yield {**common, "subject": "organisation", "level": rec["organisation"], "count": 1}
        for subject in ("cells", "members"):
            if subject not in rec:  # a cell's own report: no cells under it
                continue
            for level in ("not_completed", "completed", "good", "excellent"):
                yield {**common, "subject": subject, "level": level, "count": rec[subject][level]}
        yield {**common, "subject": "members", "level": None, "count": rec["members"]["not_rated"]}


def _frame(kind: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return schema.conform(kind, pd.DataFrame(rows, columns=list(schema.COLUMNS[kind])))


def cli(argv: list[str] | None = None) -> int:
    """``python -m helpers sample-data [--out DIR]``: regenerate the bundled workbooks."""
    from ._cli import make_parser, parse

    parser = make_parser("sample-data", "Regenerate the bundled synthetic workbooks (deterministic).")
    parser.add_argument("--out", default=str(config.RAW_DATA_DIR), help="folder to write (default: data/raw)")
    args = parse(parser, argv)
    tables = generate(args.out)
    n_files = len(district_names()) * len(YEARS) + len(_books_2025()) + len(form_books())
    msg = {
        "vi": f"Đã ghi {n_files} tệp Excel dữ liệu mô phỏng (không phải số liệu thật) vào {args.out}: "
        + ", ".join(f"{k} {len(v)} dòng" for k, v in tables.items()),
        "en": f"Wrote {n_files} synthetic workbooks to {args.out}: "
        + ", ".join(f"{k} {len(v)} rows" for k, v in tables.items()),
    }
    print(msg[args.lang], file=sys.stdout)
    return 0
