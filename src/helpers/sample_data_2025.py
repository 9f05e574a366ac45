"""The bundled synthetic reports of 2025, the year the districts ended (1 July 2025).

Made by the generator of the district reports (:mod:`helpers.sample_data`,
the same seed) and consistent with them.  Three sets of workbooks, paths
relative to ``data/raw``:

- ``<district>/<kind>-6-thang-2025.xlsx``: each of the seven districts' last
  report, the first half of 2025 ("… 6 THÁNG ĐẦU NĂM 2025", period H1), of
  admissions, ratings and placements, in the district's own layout, of the
  units of 30 June 2025;
- ``tinh/2025/<kind>.xlsx``: the provincial committee's organisation board
  ("TỈNH ỦY TUYÊN QUANG" / "BAN TỔ CHỨC"): the whole year 2025 of the 124
  communes and wards of the new Tuyên Quang (old Tuyên Quang and Hà Giang,
  :func:`helpers.units.units_2025`, with their 2025 codes) and, for
  admissions and ratings, of the provincial agencies' party organisations
  (:data:`AGENCIES`, made up); admissions against the 2025–2030 term's
  targets;
- ``xa/<commune-slug>/<kind>.xlsx``: for the ten communes of former Chiêm
  Hóa (:func:`former_communes`), the commune committee's own whole-year
  reports of its cells ("ĐẢNG BỘ TỈNH TUYÊN QUANG" / "ĐẢNG ỦY XÃ …"):
  village cells with made-up village names and a few agency cells (schools,
  the health station), for admissions and ratings.

The figures agree across levels.  A commune's row in the provincial report
is the sum of its cells (every figure of admissions; ratings: its cells
counted by their level, its members summed level by level).  Its
predecessors' first half, carried onto it as
:func:`helpers.units.to_boundaries` carries rows (a divided commune whole to
its default successor), is part of its year: admitted = first half + second
half, each breakdown likewise.  Its members are its predecessors' members of
mid-2025 and those admitted since.  Levels follow the rules of the year
(from 2025 Quy định 366-QĐ/TW): organisations rated excellent at most 20 %
of those rated good within a like group (the communes and wards; the
agencies; a commune's cells), members likewise within each cell.

Examples
--------
>>> [c.name for c in former_communes()][:3]
['Chiêm Hóa', 'Hòa An', 'Kiên Đài']
>>> yn = commune("02365")
>>> yn.name, yn.predecessors
('Yên Nguyên', (('Chiêm Hóa', 'Hòa Phú', 'commune'), ('Chiêm Hóa', 'Yên Nguyên', 'commune')))
>>> sum(c["admitted"] for c in yn.cell_admissions) == yn.admissions["admitted"]
True
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from . import sample_data as sd
from .sheetwriter import Layout, Place, Report
from .text import canonical, fold, slug, vi_sort_key
from .units import COMMUNE_LEVEL, reform_mapping, units_2025, units_in

#: The year of these reports.
YEAR = 2025
#: Kinds of the districts' first-half reports and of the provincial board's reports.
H1_KINDS = ("admissions", "ratings", "placements")
PROVINCE_KINDS = ("admissions", "ratings", "placements")
#: Kinds of a commune committee's own reports of its cells.
COMMUNE_KINDS = ("admissions", "ratings")
#: The former district whose new communes' own reports are bundled.
CELLS_DISTRICT = sd.ARTICLE_DISTRICT
#: Folders (under data/raw) of the provincial board's and the communes' reports.
PROVINCE_DIR = f"tinh/{YEAR}"
COMMUNE_DIR = "xa"
#: The provincial agencies' party organisations (made up), each an "Đảng bộ …".
AGENCIES = ("Các cơ quan Đảng tỉnh", "Ủy ban nhân dân tỉnh", "Công an tỉnh", "Quân sự tỉnh", "Bộ đội Biên phòng tỉnh")

_COUNTS = ("admitted", "female", "ethnic_minority", "youth_union", "religious")
_AGENCY_CELLS = ("Trường Mầm non {name}", "Trường Tiểu học {name}", "Trường THCS {name}", "Trạm Y tế {word} {name}")
_VILLAGE_FIRST = ("Nà", "Bản", "Khuôn", "Pác", "Đồng", "Làng", "Cốc", "Phiêng", "Nặm", "Khun", "Thôm", "Bó")
_VILLAGE_SECOND = ("Mỵ", "Kèn", "Hò", "Cú", "Mán", "Chang", "Lũng", "Thẳm", "Luông", "Tâm", "Vài", "Pồng",
                   "Lầu", "Coóc", "Ngòa", "Quang", "Thiêm", "Khà", "Đon", "Hu", "Nghè", "Mạ", "Rào", "Piát")
_ADMIN_WORD = {"commune": "xã", "ward": "phường", "special_zone": "đặc khu"}


def _rng(*parts: object) -> random.Random:
    return sd._rng(YEAR, *parts)


# --- the districts' first half -----------------------------------------------------


@functools.cache
def _admissions_h1(district: str) -> tuple[dict[str, Any], ...]:
    """A district's admissions of January–June 2025 against the year's target (2020–2025 term)."""
    out = []
    for u in units_in(district, YEAR).itertuples(index=False):
        r = _rng("admitted-h1", district, u.name)
        target = sd._target(u.name, u.type, YEAR)
        n = round(target * r.uniform(0.25, 0.65))
        out.append({"unit": u.name, "unit_type": u.type, "target": target, "admitted": n,
                    **_breakdowns(r, n, 0.3 if district == "Tuyên Quang" else 0.75)})
    return tuple(out)


def _breakdowns(r: random.Random, n: int, ethnic: float) -> dict[str, int]:
    return {"female": sd._binom(r, n, 0.42), "ethnic_minority": sd._binom(r, n, ethnic),
            "youth_union": sd._binom(r, n, 0.7), "religious": sd._binom(r, n, 0.03)}


@functools.cache
def _ratings_h1(district: str) -> tuple[dict[str, Any], ...]:
    """The mid-2025 review before the district ended: every member admitted in the half not yet rated."""
    admitted = {a["unit"]: a["admitted"] for a in _admissions_h1(district)}
    return tuple(sd._ratings(district, YEAR, admitted=admitted, recent=(1.0, 1.0)))


@functools.cache
def _placements_h1(district: str) -> tuple[dict[str, Any], ...]:
    return tuple(sd._placements(district, YEAR))


def first_half(district: str, kind: str) -> list[dict[str, Any]]:
    """The records of a district's report of the first half of 2025.

    >>> [r["target"] for r in first_half("Chiêm Hóa", "admissions") if r["unit"] == "Hòa Phú"]
    [9]
    """
    builders = {"admissions": _admissions_h1, "ratings": _ratings_h1, "placements": _placements_h1}
    return [dict(r) for r in builders[kind](district)]


def _members_of(rec: dict[str, Any]) -> int:
    return sum(rec["members"].values())


# --- the new communes ------------------------------------------------------------


@dataclass(frozen=True)
class Commune:
    """A commune or ward of 1 July 2025 and its figures of the year, from its cells up."""

    code: str
    name: str
    unit_type: str
    predecessors: tuple[tuple[str, str, str], ...]  # (old district, old name, old type), bundled ones
    first_half: dict[str, int]  # the predecessors' first-half admissions, summed
    admissions: dict[str, Any]
    placements: dict[str, Any]
    cell_admissions: tuple[dict[str, Any], ...]
    cell_ratings: tuple[dict[str, Any], ...]

    @property
    def slug(self) -> str:
        return slug(self.name)


@functools.cache
def _predecessors() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """New code -> the bundled old units whose rows go to it (each old unit to its default successor)."""
    m = reform_mapping(province=sd.PROVINCE)
    m = m[m["default"] & (m["old_province"] == sd.PROVINCE)]
    out: dict[str, list] = {}
    for r in m.itertuples(index=False):
        out.setdefault(r.new_code, []).append((r.old_district, r.old_name, r.old_type))
    return {k: tuple(v) for k, v in out.items()}


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder, ties to the first)."""
    s = sum(weights)
    exact = [total * w / s for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _spread(r: random.Random, total: int, caps: list[int]) -> list[int]:
    """``total`` spread at random over places each holding at most ``caps[i]``."""
    got = [0] * len(caps)
    free = [i for i, c in enumerate(caps) for _ in range(c)]
    for i in r.sample(free, total):
        got[i] += 1
    return got


def _village_names(code: str, n: int) -> list[str]:
    taken = {fold(x) for x in units_2025(sd.PROVINCE)["name"]}
    pool = [canonical(f"{a} {b}") for a in _VILLAGE_FIRST for b in _VILLAGE_SECOND]
    pool = [p for p in pool if fold(p) not in taken]
    _rng("villages", code).shuffle(pool)
    return sorted(pool[:n], key=vi_sort_key)


def _first_half_of(preds: tuple) -> tuple[dict[str, int], int, int]:
    """The predecessors' first-half admissions (summed), members at mid-year and village cells."""
    adm = {(d, a["unit"]): a for d in {p[0] for p in preds} for a in _admissions_h1(d)}
    rat = {(d, a["unit"]): a for d in {p[0] for p in preds} for a in _ratings_h1(d)}
    carried = {c: sum(adm[(d, n)][c] for d, n, _t in preds) for c in _COUNTS}
    members = sum(_members_of(rat[(d, n)]) for d, n, _t in preds)
    villages = sum(sd._cells(n, t) for _d, n, t in preds)
    return carried, members, villages


def _cells(u, r: random.Random, villages: int, members: int) -> list[dict[str, Any]]:
    """The commune's cells (villages, then agencies) with their members."""
    word = _ADMIN_WORD.get(u.type, "xã")
    agencies = [f.format(name=u.name, word=word) for f in _AGENCY_CELLS if r.random() < 0.75] or [
        _AGENCY_CELLS[2].format(name=u.name)]
    cells = [{"unit": v, "unit_type": "village"} for v in _village_names(u.code, villages)]
    cells += [{"unit": a, "unit_type": "agency"} for a in agencies]
    weights = [r.uniform(0.7, 1.3) if c["unit_type"] == "village" else r.uniform(0.35, 0.8) for c in cells]
    for c, n in zip(cells, _split(members, weights), strict=True):
        c["members_total"] = n
    return cells


def _commune(u) -> Commune:
    r = _rng("commune", u.code)
    preds = _predecessors().get(u.code, ())
    if preds:
        carried, members, villages = _first_half_of(preds)
    else:  # a former Hà Giang commune: no bundled report before
        carried = dict.fromkeys(_COUNTS, 0)
        members = sum(r.randint(150, 420) for _ in range(r.randint(2, 4)))
        villages = members // r.randint(22, 32)
    target = max(4, round(members * r.uniform(0.018, 0.028)))  # the 2025–2030 term's annual target
    second = max(1, round(target * r.uniform(0.35, 0.7))) if preds else max(1, round(target * r.uniform(0.6, 1.3)))
    year = {"admitted": carried["admitted"] + second}
    for col, n in _breakdowns(r, second, 0.8).items():
        year[col] = carried[col] + n
    cells = _cells(u, r, villages, members + second + r.randint(-3, 3))
    cell_adm = _cell_admissions(r, cells, target, year)
    cell_rat = _cell_ratings(u.code, cells, cell_adm)
    adm = {"unit": u.name, "unit_type": u.type, "target": target, **year}
    return Commune(u.code, u.name, u.type, preds, carried, adm, _placement(u, r), tuple(cell_adm), tuple(cell_rat))


def _cell_admissions(r: random.Random, cells: list[dict], target: int, year: dict[str, int]) -> list[dict[str, Any]]:
    """The commune's year split over its cells: targets and admitted by members, breakdowns at random."""
    weights = [c["members_total"] for c in cells]
    out = [{"unit": c["unit"], "unit_type": c["unit_type"], "target": t, "admitted": a}
           for c, t, a in zip(cells, _split(target, weights), _split(year["admitted"], weights), strict=True)]
    caps = [x["admitted"] for x in out]
    for col in _COUNTS[1:]:
        for x, n in zip(out, _spread(r, year[col], caps), strict=True):
            x[col] = n
    return out


def _cell_ratings(code: str, cells: list[dict], adm: list[dict]) -> list[dict[str, Any]]:
    """Each cell's own level (excellent at most 20 % of good among the commune's cells) and its members'."""
    levels = sd._organisation_levels(f"cells {code}", YEAR, [(c["unit"], c["unit_type"]) for c in cells], "cells")
    out = []
    for c, a in zip(cells, adm, strict=True):
        r = _rng("cell", code, c["unit"])
        total = c["members_total"]
        not_rated = min(total - 1, round(a["admitted"] * r.uniform(0.4, 0.6)) + r.choice([0, 0, 0, 1]))
        members = sd._split_levels(r, total - not_rated, r.uniform(0.86, 0.96), r.uniform(0.08, 0.16))
        members["not_rated"] = not_rated
        out.append({"unit": c["unit"], "unit_type": c["unit_type"], "organisation": levels[c["unit"]], "members": members})
    return out


def _placement(u, r: random.Random) -> dict[str, Any]:
    """Key posts of a new commune (larger than the old ones: more officials, two or three vice-chairs)."""
    members = r.randint(28, 45)
    in_cells = members - r.choice([0, 0, 1, 2, 3])
    chairs = r.random() < 0.08
    vice = r.choice([2, 2, 3])
    return {"unit": u.name, "unit_type": u.type, "secretary_non_local": r.random() < 0.55,
            "secretary_chairs_pc": chairs, "pc_chair_non_local": not chairs and r.random() < 0.3,
            "pc_vice_chairs": vice, "pc_vice_chairs_non_local": min(vice, r.choice([0, 0, 1, 1, 2])),
            "officials_members": members, "officials_in_village_cells": in_cells,
            "officials_in_village_committees": min(in_cells, r.randint(6, 16))}


@functools.cache
def communes() -> tuple[Commune, ...]:
    """The 124 communes and wards of the new Tuyên Quang with their 2025 figures, in Vietnamese order."""
    return tuple(_commune(u) for u in units_2025(sd.PROVINCE).itertuples(index=False))


def commune(code: str) -> Commune:
    """One new commune by its 2025 code."""
    return next(c for c in communes() if c.code == code)


def former_communes(district: str = CELLS_DISTRICT) -> list[Commune]:
    """The new communes whose predecessors were all in ``district`` (the ten of Chiêm Hóa)."""
    return [c for c in communes() if c.predecessors and {p[0] for p in c.predecessors} == {district}]


# --- the provincial board's records --------------------------------------------------


def _level_counts(ratings: list[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(("excellent", "good", "completed", "not_completed"), 0)
    for x in ratings:
        counts[x["organisation"]] += 1
    return counts


def _agency(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A provincial agency's organisation: (admissions, ratings) records."""
    r = _rng("agency", name)
    members = r.randint(600, 2400)
    target = r.randint(15, 45)
    admitted = round(target * r.uniform(0.7, 1.2))
    adm = {"unit": name, "unit_type": "agency", "party_word": "Đảng bộ", "target": target, "admitted": admitted,
           **_breakdowns(r, admitted, 0.35)}
    not_rated = round(admitted * r.uniform(0.4, 0.6)) + r.choice([0, 1, 2])
    levels = sd._split_levels(r, members - not_rated, r.uniform(0.88, 0.96), r.uniform(0.08, 0.16))
    cells = sd._split_levels(r, r.randint(20, 60), r.uniform(0.85, 0.97), 0.2)
    rat = {"unit": name, "unit_type": "agency", "party_word": "Đảng bộ", "cells": cells,
           "members": {**levels, "not_rated": not_rated}}
    return adm, rat


def province_records(kind: str) -> list[dict[str, Any]]:
    """The records of the provincial board's 2025 report of ``kind``: the communes, then the agencies."""
    cs = communes()
    if kind == "placements":
        return [dict(c.placements) for c in cs]
    if kind == "admissions":
        return [dict(c.admissions) for c in cs] + [_agency(a)[0] for a in AGENCIES]
    levels = sd._organisation_levels("tỉnh", YEAR, [(c.name, c.unit_type) for c in cs], "communes")
    levels.update(sd._organisation_levels("tỉnh", YEAR, [(a, "agency") for a in AGENCIES], "agencies"))
    out = []
    for c in cs:
        members = {k: sum(x["members"][k] for x in c.cell_ratings) for k in c.cell_ratings[0]["members"]}
        out.append({"unit": c.name, "unit_type": c.unit_type, "organisation": levels[c.name],
                    "cells": _level_counts(list(c.cell_ratings)), "members": members})
    for a in AGENCIES:
        out.append({**_agency(a)[1], "organisation": levels[a]})
    return out


def commune_records(c: Commune, kind: str) -> list[dict[str, Any]]:
    """The records of a commune committee's own 2025 report of ``kind``: its cells."""
    return [dict(x) for x in (c.cell_admissions if kind == "admissions" else c.cell_ratings)]


# --- the workbooks ----------------------------------------------------------------


@dataclass(frozen=True)
class Book:
    """One workbook of 2025: its path under data/raw, its report, each record's place columns."""

    path: str
    report: Report
    commons: tuple[dict[str, Any], ...]
    instructions: bool = True
    hidden_lookup: bool = False


def _place(unit: str, unit_type: str, code: str | None, *, district=None, commune=None, period="year") -> dict:
    return {"province": sd.PROVINCE, "district": district, "commune": commune, "unit": unit, "unit_type": unit_type,
            "unit_code": code, "year": YEAR, "period": period}


def first_half_path(district: str, kind: str) -> str:
    """A district's first-half workbook of 2025, relative to data/raw.

    >>> first_half_path("Chiêm Hóa", "ratings")
    'chiem-hoa/ratings-6-thang-2025.xlsx'
    """
    return f"{slug(district)}/{kind}-6-thang-{YEAR}.xlsx"


def _h1_books() -> Iterator[Book]:
    for district in sd.district_names():
        units = units_in(district, YEAR)
        codes = dict(zip(units["name"], units["code"].where(units["type"] != "agency", None)))
        instructions, lookup = sd._WORKBOOK_OPTIONS[district]
        for kind in H1_KINDS:
            layout, sheet = sd._layout(district, kind, YEAR)
            recs = first_half(district, kind)
            report = Report(kind, recs, district, YEAR, replace(layout, period="H1", date=(20, 6)), sheet)
            commons = tuple(_place(x["unit"], x["unit_type"], codes.get(x["unit"]), district=district, period="H1")
                            for x in recs)
            yield Book(first_half_path(district, kind), report, commons, instructions, lookup)


_PROVINCE_HEADINGS = {"admissions": "Đảng bộ trực thuộc", "ratings": "Đảng bộ trực thuộc",
                      "placements": "Đảng bộ xã, phường"}


def _province_books() -> Iterator[Book]:
    codes = {c.name: c.code for c in communes()}
    for kind in PROVINCE_KINDS:
        recs = province_records(kind)
        layout = Layout(header_block="ban_to_chuc", unit_heading=_PROVINCE_HEADINGS[kind], date=(20, 12))
        commons = tuple(_place(x["unit"], x["unit_type"], codes.get(x["unit"]) if x["unit_type"] != "agency" else None)
                        for x in recs)
        yield Book(f"{PROVINCE_DIR}/{kind}.xlsx", Report(kind, recs, sd.PROVINCE, YEAR, layout, str(YEAR)), commons)


def _commune_layout(i: int, kind: str) -> Layout:
    """The communes' offices lay out their sheets in two ways each, alternately."""
    heading = ("Tên chi bộ", "Chi bộ trực thuộc")[i % 2]
    if kind != "ratings":
        return Layout(unit_heading=heading)
    return Layout(unit_heading=heading, organisation_heading="Xếp loại chi bộ", columns=("organisation", "members"),
                  level_style=("word", "x")[(i // 2) % 2],
                  title_text="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CHI BỘ VÀ ĐẢNG VIÊN")


def commune_path(c: Commune, kind: str) -> str:
    """A commune committee's own workbook, relative to data/raw ("xa/yen-nguyen/admissions.xlsx")."""
    return f"{COMMUNE_DIR}/{c.slug}/{kind}.xlsx"


def _commune_books() -> Iterator[Book]:
    for i, c in enumerate(former_communes()):
        place = Place(sd.PROVINCE, district_kind=_ADMIN_WORD[c.unit_type])
        for kind in COMMUNE_KINDS:
            recs = commune_records(c, kind)
            report = Report(kind, recs, c.name, YEAR, _commune_layout(i, kind), str(YEAR), place)
            commons = tuple(_place(x["unit"], x["unit_type"], None, commune=c.name) for x in recs)
            yield Book(commune_path(c, kind), report, commons, instructions=False)


# --- the provincial board's Biểu số 2-BTCTW ----------------------------------------------


def _made_up_2024() -> list[dict[str, Any]]:
    """The new province's 2024 admissions the bundled reports do not hold, made up: the former Hà Giang
    communes' (one record per new commune without a bundled predecessor) and the provincial agencies'."""
    out = []
    for c in communes():
        if not c.predecessors:
            r = _rng("previous", c.code)
            n = round(c.admissions["target"] * r.uniform(0.6, 1.3))
            out.append({"unit": c.name, "admitted": n, **_breakdowns(r, n, 0.8)})
    for name in AGENCIES:
        r = _rng("previous", name)
        n = round(_agency(name)[0]["target"] * r.uniform(0.7, 1.2))
        out.append({"unit": name, "admitted": n, **_breakdowns(r, n, 0.35)})
    return out


@functools.cache
def _province_2024() -> dict[str, object]:
    """The cùng kỳ of the provincial board's 2025 form: the seven districts' Biểu 2 of 2024 added up, and the rest made up."""
    rest = _made_up_2024()
    r = _rng("form-2", "previous")
    figures = sd.section_one(rest, r)
    figures.update(sd.draw_profile(r, figures["total"], figures["youth_union"]))
    for district in sd.district_names():
        own = sd._form_figures(district, YEAR - 1)
        for key in figures:
            figures[key] += own[key]
    figures["age.mean"] = sd.mean_age(figures)
    return figures


@functools.cache
def _province_2025() -> dict[str, object]:
    """Every figure of the provincial board's 2025 form (kỳ này), from its admissions report."""
    r = _rng("form-2", "province")
    recs = province_records("admissions")
    figures: dict[str, object] = sd.section_one(recs, r)
    figures.update(sd.draw_profile(r, figures["total"], figures["youth_union"]))
    figures["age.mean"] = sd.mean_age(figures)
    admitting = sum(x["admitted"] > 0 for x in recs)
    figures.update({"organisations.committees": len(recs), "organisations.committees.admitting": admitting,
                    "organisations.committees.no_masses": 0, "organisations.cells": 0,
                    "organisations.cells.admitting": 0, "organisations.cells.no_masses": 0})
    return figures


def province_form_values() -> dict[str, dict[str, object]]:
    """The provincial board's Biểu 2 of 2025: criterion → {"value", "previous"}.

    Kỳ này is its admissions report's (the 124 communes and wards and the
    agencies); cùng kỳ, the new province's 2024: the seven districts' forms
    of 2024 added up, with the former Hà Giang communes and the provincial
    agencies made up (:func:`_made_up_2024`).  Section III counts the
    report's committees; its cùng kỳ is blank (the new province's
    organisations were not counted at the end of 2024).

    >>> v = province_form_values()
    >>> v["total"]["value"] == sum(x["admitted"] for x in province_records("admissions"))
    True
    """
    this, last = _province_2025(), _province_2024()
    return {k: {"value": v, "previous": last.get(k)} for k, v in this.items()}


#: The provincial board's Biểu 2 workbook, relative to data/raw.
FORM_PATH = f"{PROVINCE_DIR}/bieu-2-btctw.xlsx"


def form_book() -> tuple[str, list, bool]:
    """The provincial board's form workbook: (path under data/raw, its one sheet, an instructions sheet)."""
    from .formwriter import Committee, FormSheet

    sheet = FormSheet("2-BTCTW", Committee(sd.PROVINCE), YEAR, province_form_values(), sheet=str(YEAR),
                      signing_day="10 tháng 01")
    return FORM_PATH, [sheet], True


def books() -> list[Book]:
    """Every workbook of 2025: the districts' first halves, the provincial board's, the communes' own."""
    return [*_h1_books(), *_province_books(), *_commune_books()]


__all__ = ["AGENCIES", "Book", "Commune", "books", "commune", "commune_path", "commune_records", "communes",
           "first_half", "first_half_path", "former_communes", "province_records"]
