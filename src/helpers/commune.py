"""Commune reports after 1 July 2025: the communes in the data, each one's series on its 2025 boundaries, its cells.

Since 1 July 2025 the commune and ward party committees stand directly
under the province.  A commune report (the notebook ``04_commune_report``,
set up by :func:`commune_context`) shows one commune of 1 July 2025:

- its admissions year by year, 2016 onwards: the rows of its predecessors
  (the communes that went into it, reported by the former districts)
  carried onto it with :func:`helpers.units.to_boundaries` (``2025``), and
  its own rows of 2025 from the province's reports; a whole-year report
  of a year wins over part-year ones, halves are added up otherwise and
  a year with one half only is said to be incomplete;
- its cells (village and agency cells, from the commune's own reports),
  where the data hold them.

The communes *with data* are found in the data, never listed in code
(:func:`communes_in`): the ``commune`` column of the tables (a commune's
own reports) and the commune-level units of reports made after the
districts (rows without a district, from 2025).

Examples
--------
>>> import pandas as pd
>>> adm = pd.DataFrame({"province": ["Tuyên Quang"] * 3, "district": [None] * 3, "commune": [None, "Yên Nguyên", None],
...     "unit": ["Yên Nguyên", "Bản Ba", "Minh Xuân"], "unit_type": ["commune", "village", "ward"],
...     "year": [2025] * 3, "period": ["year"] * 3})
>>> communes_in({"admissions": adm})
['Minh Xuân', 'Yên Nguyên']
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config
from .i18n import format_number, format_percent, get_lang, translate
from .save import FORMATS
from .save import figure_formats as parse_formats
from .text import classic_tones, fold, slug, strip_marks, vi_sort_key

#: The unit types of a commune-level committee of 1 July 2025.
COMMUNE_TYPES = ("commune", "ward", "town", "special_zone")

#: The first year whose reports are made by the communes' committees (no district).
REFORM_YEAR = 2025

_TEXT = {
    "title": {"vi": "Báo cáo công tác xây dựng Đảng: {place}", "en": "Party-building report: {place}"},
    "place": {"vi": "{kind} {name}", "en": "{name} {kind}"},
    "commune": {"vi": "xã", "en": "commune"},
    "ward": {"vi": "phường", "en": "ward"},
    "town": {"vi": "thị trấn", "en": "town"},
    "special_zone": {"vi": "đặc khu", "en": "special zone"},
    "unknown": {
        "vi": "Không có số liệu của xã, phường '{name}'. Các xã, phường có số liệu: {names}",
        "en": "No data for commune or ward '{name}'. Communes and wards with data: {names}",
    },
    "none": {"vi": "(không có)", "en": "(none)"},
    "series": {
        "vi": "Từ {first} đến {last}, {place} và các đơn vị nay thuộc {place} kết nạp {admitted} đảng viên, "
              "đạt {share} chỉ tiêu ({target}).",
        "en": "From {first} to {last}, {place} and the units now part of it admitted {admitted} members, "
              "{share} of the target ({target}).",
    },
    "series_one": {
        "vi": "Năm {first}, {place} kết nạp {admitted} đảng viên, đạt {share} chỉ tiêu ({target}).",
        "en": "In {first}, {place} admitted {admitted} members, {share} of the target ({target}).",
    },
    "series_one_no_target": {
        "vi": "Năm {first}, {place} kết nạp {admitted} đảng viên; số liệu không có chỉ tiêu.",
        "en": "In {first}, {place} admitted {admitted} members; the data hold no target.",
    },
    "series_no_target": {
        "vi": "Từ {first} đến {last}, {place} và các đơn vị nay thuộc {place} kết nạp {admitted} đảng viên; "
              "số liệu không có chỉ tiêu.",
        "en": "From {first} to {last}, {place} and the units now part of it admitted {admitted} members; "
              "the data hold no target.",
    },
    "series_none": {"vi": "Không có số liệu kết nạp đảng viên của {place}.", "en": "The data hold no admissions for {place}."},
    "incomplete": {
        "vi": " Năm {years} chỉ có số liệu 6 tháng đầu năm.",
        "en": " For {years} the data hold the first half-year only.",
    },
    "predecessors": {
        "vi": "Trước ngày 1/7/2025, các đơn vị nay thuộc {place}: {names}.",
        "en": "Before 1 July 2025 the units now part of {place} were: {names}.",
    },
    "cells": {
        "vi": "Năm {year}, {n} chi bộ của {place} kết nạp {admitted} đảng viên; nhiều nhất là {top} ({top_n}).",
        "en": "In {year} the {n} cells of {place} admitted {admitted} members; the most, {top} ({top_n}).",
    },
    "cells_none": {
        "vi": "Dữ liệu không có báo cáo riêng của {place} về các chi bộ trực thuộc.",
        "en": "The data hold no report of {place}'s own on its cells.",
    },
    "ratings": {
        "vi": "Năm {year}, {share} đảng viên của {place} ({good}/{rated} đảng viên được xếp loại) được xếp loại "
              "hoàn thành tốt nhiệm vụ trở lên, {versus} mức 90 %.",
        "en": "In {year}, {share} of the members of {place} ({good} of {rated} rated) were rated good or better, "
              "{versus} the 90% benchmark.",
    },
    "ratings_org": {"vi": " Đảng bộ {place} được xếp loại {level}.", "en": " The party committee of {place} was rated {level}."},
    "ratings_earlier": {
        "vi": " Năm {year}, các đơn vị nay thuộc {place}: {share}.",
        "en": " In {year}, the units now part of {place}: {share}.",
    },
    "ratings_none": {"vi": "Không có số liệu xếp loại chất lượng của {place}.", "en": "The data hold no quality ratings for {place}."},
    "above": {"vi": "trên", "en": "above"},
    "not_above": {"vi": "không vượt", "en": "not above"},
    "level_excellent": {"vi": "hoàn thành xuất sắc nhiệm vụ", "en": "excellent"},
    "level_good": {"vi": "hoàn thành tốt nhiệm vụ", "en": "good"},
    "level_completed": {"vi": "hoàn thành nhiệm vụ", "en": "completed"},
    "level_not_completed": {"vi": "không hoàn thành nhiệm vụ", "en": "not completed"},
    "placements": {
        "vi": "Năm {year}, bí thư đảng ủy {place} {secretary}; bí thư {chairs} chủ tịch UBND; chủ tịch UBND {chair}.",
        "en": "In {year}, the party secretary of {place} {secretary}; the secretary {chairs} the People's Committee; "
              "its chair {chair}.",
    },
    "local": {"vi": "là người địa phương", "en": "is local"},
    "not_local": {"vi": "không phải người địa phương", "en": "is not local"},
    "chairs": {"vi": "đồng thời là", "en": "also chairs"},
    "not_chairs": {"vi": "không đồng thời là", "en": "does not chair"},
    "unknown_flag": {"vi": "chưa rõ", "en": "not reported"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "placements_none": {"vi": "Không có số liệu bố trí cán bộ của {place}.", "en": "The data hold no cadre placements for {place}."},
    "fig_series": {"vi": "Kết nạp đảng viên theo năm, {place} (địa giới 2025)", "en": "Admissions by year, {place} (2025 boundaries)"},
    "fig_ratings": {
        "vi": "Đảng viên hoàn thành tốt nhiệm vụ trở lên, {place} (địa giới 2025)",
        "en": "Members rated good or better, {place} (2025 boundaries)",
    },
    "sec_ratings": {"vi": "Đánh giá, xếp loại chất lượng", "en": "Quality ratings"},
    "sec_placements": {"vi": "Bố trí cán bộ chủ chốt", "en": "Leaders"},
    "col_rated": {"vi": "Được xếp loại", "en": "Rated"},
    "col_good": {"vi": "Tốt trở lên", "en": "Good or better"},
    "col_good_share": {"vi": "Tỷ lệ tốt trở lên", "en": "Share good or better"},
    "col_secretary_non_local": {"vi": "Bí thư không phải người địa phương", "en": "Secretary not local"},
    "col_secretary_chairs_pc": {"vi": "Bí thư kiêm chủ tịch UBND", "en": "Secretary chairs the People's Committee"},
    "col_pc_chair_non_local": {"vi": "Chủ tịch UBND không phải người địa phương", "en": "Chair not local"},
    "fig_cells": {"vi": "Kết nạp đảng viên theo chi bộ, {place}, năm {year}", "en": "Admissions by cell, {place}, {year}"},
    "committee": {"vi": "ĐẢNG ỦY {kind} {name}", "en": "{name} {kind} Party Committee"},
    "doc_title": {"vi": "BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM {year}", "en": "PARTY-BUILDING FIGURES, {year}"},
    "sec_series": {"vi": "Kết nạp đảng viên qua các năm", "en": "Admissions year by year"},
    "sec_cells": {"vi": "Các chi bộ trực thuộc", "en": "Its cells"},
    "col_year": {"vi": "Năm", "en": "Year"},
    "col_unit": {"vi": "Chi bộ", "en": "Cell"},
    "col_target": {"vi": "Chỉ tiêu", "en": "Target"},
    "col_admitted": {"vi": "Kết nạp", "en": "Admitted"},
    "col_share": {"vi": "Đạt chỉ tiêu", "en": "Attainment"},
    "col_periods": {"vi": "Kỳ báo cáo", "en": "Reports"},
    "period_year": {"vi": "cả năm", "en": "whole year"},
    "period_H1": {"vi": "6 tháng đầu năm", "en": "first half"},
    "period_H2": {"vi": "6 tháng cuối năm", "en": "second half"},
}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_TEXT, key, lang, **params)


def _frames(tables: object):
    from collections.abc import Mapping

    items = tables.items() if isinstance(tables, Mapping) else getattr(tables, "tables", {}).items()
    return [(name, frame) for name, frame in items if isinstance(frame, pd.DataFrame) and len(frame)]


def communes_in(tables: object) -> list[str]:
    """The communes and wards with data, in Vietnamese alphabetical order (see the module docs)."""
    names: set[str] = set()
    for _name, frame in _frames(tables):
        if "commune" in frame.columns:
            names |= {str(c) for c in frame["commune"].dropna() if str(c).strip()}
        if {"unit", "unit_type", "year"} <= set(frame.columns):
            no_district = frame["district"].isna() if "district" in frame.columns else True
            after = (frame["year"] >= REFORM_YEAR) & no_district & frame["unit_type"].isin(COMMUNE_TYPES)
            if "commune" in frame.columns:
                after &= frame["commune"].isna()
            names |= set(frame.loc[after, "unit"].astype(str))
    return sorted(names, key=vi_sort_key)


def resolve_commune(name: str, communes: list[str], *, lang: str | None = None) -> str:
    """``name`` as the data write it (any case, tone style or diacritics); ValueError listing the communes otherwise."""
    key = fold(classic_tones(str(name).replace("-", " ")))
    for match in (fold, lambda x: strip_marks(fold(x))):
        for commune in communes:
            if match(commune) == match(key):
                return commune
    raise ValueError(_t("unknown", lang, name=name, names=", ".join(communes) or _t("none", lang)))


def _own_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows of a commune's own report (its cells)."""
    if "commune" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["commune"].notna() & (frame["commune"].astype(str).str.strip() != "")


def _one_per_year(rows: pd.DataFrame) -> pd.DataFrame:
    """The commune's rows (all carried onto it) as one row per year, by the period rule of
    :func:`helpers.indicators.whole_years`: a whole-year report wins, H1 + H2 make a year."""
    from .indicators import whole_years

    cols = ["year", "target", "admitted", "periods", "complete"]
    if not len(rows):
        frame = pd.DataFrame(columns=cols)
    else:
        kept = whole_years(_one_row_per_period(rows), table_name="admissions")
        by_year = kept.groupby("year", sort=True)
        frame = pd.DataFrame({
            "year": [int(y) for y in by_year.groups],
            "target": by_year["target"].sum(min_count=1).to_list(),
            "admitted": by_year["admitted"].sum().astype(int).to_list(),
            "periods": [sorted({q for p in ps for q in str(p).split("+")}) for ps in by_year["periods"].agg(list)],
            "complete": by_year["complete"].all().astype(bool).to_list(),
        })  # fmt: skip
    frame["target"] = pd.to_numeric(frame["target"], errors="coerce")
    frame["attainment"] = frame["admitted"] / frame["target"].where(frame["target"] > 0)
    return frame


def _one_row_per_period(rows: pd.DataFrame) -> pd.DataFrame:
    """The commune's rows added up per year and period: its predecessors' first halves are parts of its own."""
    from .schema import FIGURES, conform

    period = rows["period"].astype("object").where(rows["period"].notna(), "year") if "period" in rows.columns else "year"
    frame = rows.assign(period=period)
    figures = [c for c in FIGURES["admissions"] if c in frame.columns]
    grouped = frame.groupby(["year", "period"], sort=True)
    out = grouped[figures].sum(min_count=1).reset_index()
    out["source"] = grouped["source"].agg(" + ".join).to_numpy() if "source" in frame.columns else ""
    out["unit"], out["unit_type"] = rows["unit"].iloc[0], rows["unit_type"].iloc[0]
    return conform("admissions", out)


def commune_series(admissions: pd.DataFrame, commune: str) -> pd.DataFrame:
    """The commune's admissions year by year on its 2025 boundaries (its predecessors' rows carried onto it).

    Columns ``year``, ``target``, ``admitted``, ``periods`` (the reports a
    year is made of), ``complete``, ``attainment``; ``attrs["predecessors"]``
    lists the units (``unit (district)``) whose rows were carried onto it.
    """
    mine = _carried(admissions, commune, "admissions")
    out = _one_per_year(mine)
    out.attrs["predecessors"] = _predecessors(admissions, commune, mine)
    return out


def _predecessors(admissions: pd.DataFrame, commune: str, mine: pd.DataFrame) -> list[str]:
    """The units of the former districts in ``admissions`` that went into ``commune`` (``unit (district)``)."""
    from .memo import once

    if "district" not in admissions.columns or not len(mine):
        return []
    codes = set(mine["unit_code"].dropna().astype(str)) if "unit_code" in mine.columns else set()
    mapping = _reform_mapping()
    went = mapping[mapping["new_code"].isin(codes)] if codes else mapping[mapping["new_name"] == commune]
    old = set(zip(went["old_district"], went["old_name"]))
    reported = once(admissions, "district units", lambda: _district_units(admissions))  # once for all communes
    return [f"{u} ({d})" for d, u in sorted(old & reported, key=lambda p: (vi_sort_key(p[1]), vi_sort_key(p[0])))]


def _district_units(table: pd.DataFrame) -> frozenset[tuple[str, str]]:
    """The (district, unit) pairs of ``table``'s rows reported by a district (not a commune's own report)."""
    rows = table[~_own_rows(table)]
    return frozenset((d, u) for d, u in zip(rows["district"], rows["unit"]) if isinstance(d, str))


@functools.cache
def _reform_mapping() -> pd.DataFrame:
    """:func:`helpers.units.reform_mapping`, made once per process (read here, never changed)."""
    from .units import reform_mapping

    return reform_mapping()


def commune_cells(admissions: pd.DataFrame, commune: str) -> pd.DataFrame:
    """The commune's cells in the latest year of its own reports: ``unit``, ``unit_type``, ``target``, ``admitted``."""
    rows = admissions[_own_rows(admissions) & (admissions.get("commune") == commune)]
    if not len(rows):
        return pd.DataFrame(columns=["year", "unit", "unit_type", "target", "admitted"])
    year = int(rows["year"].max())
    rows = rows[rows["year"] == year]
    cols = ["unit", "unit_type", "target", "admitted"]
    out = rows.groupby(["unit", "unit_type"], as_index=False, sort=False)[["target", "admitted"]].sum(min_count=1)[cols]
    out.insert(0, "year", year)
    return out.sort_values("unit", key=lambda s: s.map(vi_sort_key), ignore_index=True)


def _carried(table: pd.DataFrame, commune: str, name: str) -> pd.DataFrame:
    """``table``'s rows of ``commune`` on its 2025 boundaries: its own (the province's reports) and its predecessors'."""
    from .memo import once

    empty = table.iloc[:0]
    return once(table, ("on 2025 by commune", name), lambda: _communes_2025(table, name)).get(commune, empty)


def _communes_2025(table: pd.DataFrame, name: str) -> dict[str, pd.DataFrame]:
    """``table`` (but the communes' own reports) carried onto the 2025 boundaries, split by commune or ward:
    worked out once for all the communes of a build (:func:`helpers.memo.once`)."""
    from .units import to_boundaries

    mapped = to_boundaries(table[~_own_rows(table)], 2025, table_name=name)
    mapped = mapped[mapped["unit_type"].isin(COMMUNE_TYPES)]
    mapped.attrs = {}  # what the mapping did is not carried by every commune's rows
    return {str(unit): rows for unit, rows in mapped.groupby("unit", sort=False)}


def _reported_by_province(table: pd.DataFrame, commune: str) -> pd.DataFrame:
    """``table``'s rows of ``commune`` in the province's reports (no district, not a commune's own report),
    split by unit once for all the communes of a build (:func:`helpers.memo.once`)."""
    from .memo import once

    def split() -> dict[str, pd.DataFrame]:
        rows = table[table["district"].isna() & ~_own_rows(table)]
        return {str(unit): group for unit, group in rows.groupby("unit", sort=False)}

    return once(table, "reported by the province, by unit", split).get(commune, table.iloc[:0])


def _as_one_unit(rows: pd.DataFrame, commune: str) -> pd.DataFrame:
    """Rows carried onto ``commune`` named as the commune, so that the period rule chooses among them together: the
    province's whole-year report of 2025 wins over the predecessors' first halves (ratings and placements: the
    later report makes the year)."""
    out = rows.assign(district=pd.NA, unit=commune, unit_type=rows["unit_type"].iloc[0])
    if "province" in out.columns:
        out["province"] = rows["province"].iloc[0]
    return out


_GOOD = ("excellent", "good")


def commune_ratings(ratings: pd.DataFrame, commune: str) -> pd.DataFrame:
    """The commune's members' ratings year by year on its 2025 boundaries (its predecessors' carried onto it).

    Columns ``year``, ``rated``, ``good_or_better``, ``share``, ``complete``,
    ``units`` (the reporting units the year is made of: its predecessors
    before 2025); ``attrs["organisation"]`` maps a year to the commune's own
    level when the province's report rates it.
    """
    from .indicators import whole_years

    cols = ["year", "rated", "good_or_better", "share", "complete", "units"]
    rows = _carried(ratings, commune, "ratings") if len(ratings) else ratings
    if not len(rows):
        out = pd.DataFrame(columns=cols)
        out.attrs["organisation"] = {}
        return out
    own = _reported_by_province(ratings, commune)
    own = own[(own["subject"] == "organisation") & own["level"].notna()]
    members = rows[rows["subject"] == "members"]
    kept = whole_years(_as_one_unit(members, commune), table_name="ratings") if len(members) else members.assign(complete=True)
    units = kept.groupby("year")["source"].nunique()
    out = []
    for year, group in kept.groupby("year", sort=True):
        rated = int(group.loc[group["level"].notna(), "count"].sum())
        good = int(group.loc[group["level"].isin(_GOOD), "count"].sum())
        out.append({"year": int(year), "rated": rated, "good_or_better": good, "share": good / rated if rated else float("nan"),
                    "complete": bool(group["complete"].all()), "units": int(units.get(year, 0))})  # fmt: skip
    frame = pd.DataFrame(out, columns=cols)
    frame.attrs["organisation"] = {int(y): str(lv) for y, lv in zip(own["year"], own["level"])}
    return frame


def commune_placements(placements: pd.DataFrame, commune: str) -> pd.DataFrame:
    """The commune's own leaders, from the province's reports (from 2025), one row per year: ``year``,
    ``secretary_non_local``, ``secretary_chairs_pc``, ``pc_chair_non_local``, ``complete``.

    Its predecessors' leaders are not carried onto it: a yes/no post of
    several units cannot be added up (the districts' reports show them).
    """
    from .indicators import whole_years

    flags = ["secretary_non_local", "secretary_chairs_pc", "pc_chair_non_local"]
    if not len(placements):
        return pd.DataFrame(columns=["year", *flags, "complete"])
    rows = _reported_by_province(placements, commune)
    rows = rows[rows["unit_type"].isin(COMMUNE_TYPES)]
    kept = whole_years(rows, table_name="placements") if len(rows) else rows.assign(complete=True)
    out = kept.sort_values("year")[["year", *flags, "complete"]].reset_index(drop=True)
    return out.astype({"year": int})


@dataclass
class CommuneContext:
    """What a commune report needs: the data, the commune, the language, where figures go."""

    dataset: object
    commune: str
    lang: str
    figures_dir: Path
    #: the formats each figure is saved in (:func:`helpers.save.figure_formats`)
    formats: tuple[str, ...] = FORMATS
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def unit_type(self) -> str:
        if "unit_type" not in self._cache:  # asked by every sentence: the table is scanned once
            adm = self.admissions
            types = adm.loc[adm["unit"] == self.commune, "unit_type"] if len(adm) else []
            types = [t for t in types if t in COMMUNE_TYPES]
            self._cache["unit_type"] = types[0] if types else "commune"
        return self._cache["unit_type"]

    @property
    def place(self) -> str:
        return _t("place", self.lang, kind=_t(self.unit_type, self.lang), name=self.commune)

    @property
    def admissions(self) -> pd.DataFrame:
        frame = self.dataset.tables.get("admissions")
        return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(columns=["unit", "unit_type", "year"])

    @property
    def series(self) -> pd.DataFrame:
        if "series" not in self._cache:
            self._cache["series"] = commune_series(self.admissions, self.commune) if len(self.admissions) else _one_per_year(
                pd.DataFrame(columns=["year", "target", "admitted"]))  # fmt: skip
        return self._cache["series"]

    @property
    def cells(self) -> pd.DataFrame:
        if "cells" not in self._cache:
            self._cache["cells"] = commune_cells(self.admissions, self.commune) if len(self.admissions) else commune_cells(
                pd.DataFrame(columns=["commune", "unit", "unit_type", "year", "target", "admitted"]), self.commune)  # fmt: skip
        return self._cache["cells"]

    def _table_of(self, kind: str) -> pd.DataFrame:
        frame = self.dataset.tables.get(kind)
        return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(columns=["unit", "unit_type", "year"])

    @property
    def ratings(self) -> pd.DataFrame:
        """:func:`commune_ratings` of the commune."""
        if "ratings" not in self._cache:
            self._cache["ratings"] = commune_ratings(self._table_of("ratings"), self.commune)
        return self._cache["ratings"]

    @property
    def placements(self) -> pd.DataFrame:
        """:func:`commune_placements` of the commune."""
        if "placements" not in self._cache:
            self._cache["placements"] = commune_placements(self._table_of("placements"), self.commune)
        return self._cache["placements"]

    def data(self, name: str) -> pd.DataFrame:
        """The frame a section shows: ``series``, ``cells``, ``ratings`` or ``placements``."""
        if name not in SECTIONS:
            raise ValueError(f"name must be one of {', '.join(SECTIONS)}; got {name!r}")
        return getattr(self, name)

    def header(self):
        """The page's head: the title line and the data note."""
        from .report import Html

        note = self.dataset.source_note(lang=self.lang)
        return Html(f'<p class="scope">{html.escape(self.place)}</p><p class="data-note">{html.escape(note)}</p>')

    def reading(self, name: str):
        """The sentences of a section: ``series``, ``cells``, ``ratings`` or ``placements``."""
        from .report import Reading

        self.data(name)
        return Reading(_READINGS[name](self))

    def figure(self, name: str):
        """Draw and save ``series``, ``cells`` or ``ratings`` (in :attr:`formats`, and the sidecar); shown as the embedded PNG
        (``placements`` has a table only)."""
        from .figures import ReportFigure
        from .report import Html
        from .save import save_figure

        if name not in _FIGURES or not len(self.data(name)):
            return Html("")  # the reading above says there is nothing to draw, or the section has no figure
        fig = _draw(self, name)
        title = fig.get_suptitle()
        folder = self.figures_dir / "communes" / slug(self.commune)
        files = [f.path for f in self.dataset.files]
        paths = save_figure(fig, f"{name}_{self.lang}", out_dir=folder, inputs=files, formats=self.formats,
                            params={"commune": self.commune, "lang": self.lang, "figure": name})  # fmt: skip
        import matplotlib.pyplot as plt

        plt.close(fig)
        return ReportFigure(paths, title=title, alt=str(self.reading(name)))

    def table(self, name: str):
        """The table under a figure, headed in the report's language (nothing when it has no rows: the reading says so)."""
        from .report import Html

        return _TABLES[name](self) if len(self.data(name)) else Html("")


def _series_reading(ctx: CommuneContext) -> str:
    s, lang = ctx.series, ctx.lang
    if not len(s):
        return _t("series_none", lang, place=ctx.place)
    admitted = format_number(int(s["admitted"].sum()), 0, lang=lang)
    params = {"first": int(s["year"].min()), "last": int(s["year"].max()), "place": ctx.place, "admitted": admitted}
    with_target = s[s["target"] > 0]
    one = "_one" if params["first"] == params["last"] else ""
    if len(with_target):
        share = with_target["admitted"].sum() / with_target["target"].sum()
        text = _t(f"series{one}", lang, share=format_percent(share, 1, lang=lang),
                  target=format_number(int(with_target["target"].sum()), 0, lang=lang), **params)  # fmt: skip
    else:
        text = _t(f"series{one}_no_target", lang, **params)
    incomplete = [str(y) for y in s.loc[~s["complete"], "year"]]
    if incomplete:
        text += _t("incomplete", lang, years=", ".join(incomplete))
    if s.attrs.get("predecessors"):
        text += " " + _t("predecessors", lang, place=ctx.place, names="; ".join(s.attrs["predecessors"]))
    return text


def _cells_reading(ctx: CommuneContext) -> str:
    c, lang = ctx.cells, ctx.lang
    if not len(c):
        return _t("cells_none", lang, place=ctx.place)
    top = c.sort_values(["admitted", "unit"], ascending=[False, True]).iloc[0]
    return _t("cells", lang, year=int(c["year"].iloc[0]), n=format_number(len(c), 0, lang=lang), place=ctx.place,
              admitted=format_number(int(c["admitted"].sum()), 0, lang=lang), top=top["unit"],
              top_n=format_number(int(top["admitted"]), 0, lang=lang))  # fmt: skip


def _ratings_reading(ctx: CommuneContext) -> str:
    from . import regimes
    from .indicators import BENCHMARK

    r, lang = ctx.ratings, ctx.lang
    r = r[r["rated"] > 0]
    if not len(r):
        return _t("ratings_none", lang, place=ctx.place)
    last = r.iloc[-1]
    text = _t("ratings", lang, year=int(last["year"]), share=format_percent(float(last["share"]), 1, lang=lang),
              good=format_number(int(last["good_or_better"]), 0, lang=lang), rated=format_number(int(last["rated"]), 0, lang=lang),
              versus=_t("above" if last["share"] > BENCHMARK else "not_above", lang), place=ctx.place)  # fmt: skip
    level = r.attrs.get("organisation", ctx.ratings.attrs.get("organisation", {})).get(int(last["year"]))
    if level:
        text += _t("ratings_org", lang, place=ctx.place, level=_t(f"level_{level}", lang))
    earlier = r[r["year"] < REFORM_YEAR]
    if len(earlier):
        e = earlier.iloc[-1]
        text += _t("ratings_earlier", lang, year=int(e["year"]), place=ctx.place, share=format_percent(float(e["share"]), 1, lang=lang))
    if not bool(last["complete"]):
        text += _t("incomplete", lang, years=str(int(last["year"])))
    return f"{text} {regimes.note([int(y) for y in r['year']], lang)}"


def _flag(value, yes: str, no: str, lang: str) -> str:
    from .i18n import is_missing

    return _t("unknown_flag", lang) if is_missing(value) else _t(yes if bool(value) else no, lang)


def _placements_reading(ctx: CommuneContext) -> str:
    p, lang = ctx.placements, ctx.lang
    if not len(p):
        return _t("placements_none", lang, place=ctx.place)
    last = p.iloc[-1]
    text = _t("placements", lang, year=int(last["year"]), place=ctx.place,
              secretary=_flag(last["secretary_non_local"], "not_local", "local", lang),
              chairs=_flag(last["secretary_chairs_pc"], "chairs", "not_chairs", lang),
              chair=_flag(last["pc_chair_non_local"], "not_local", "local", lang))  # fmt: skip
    if not bool(last["complete"]):
        text += _t("incomplete", lang, years=str(int(last["year"])))
    return text


_READINGS = {"series": _series_reading, "cells": _cells_reading, "ratings": _ratings_reading, "placements": _placements_reading}

#: The sections of a commune report, in order.
SECTIONS = tuple(_READINGS)


def _plot(name: str):
    from . import plots

    return {"series": plots.plot_commune_series, "cells": plots.plot_commune_cells, "ratings": plots.plot_commune_ratings}[name]


#: The sections with a figure: the figure's title key and height (inches; the cells' grows with their number).
_FIGURES = {"series": ("fig_series", 4.5), "cells": ("fig_cells", None), "ratings": ("fig_ratings", 4.5)}


def _draw(ctx: CommuneContext, name: str):
    from . import layout, plots
    from .figures import _footnote, _notes
    from .save import png_layout
    from .theme import report_theme

    data = ctx.data(name)
    key, height = _FIGURES[name]
    with report_theme(ctx.lang) as lang:
        fig = layout.figure((8.0, height or max(3.0, 1.2 + 0.32 * len(data))))
        _plot(name)(data, lang=lang, ax=fig.subplots())
        year = int(data["year"].iloc[0]) if name == "cells" and len(data) else ""
        fig.suptitle(_t(key, lang, place=ctx.place, year=year), x=0.01, ha="left", fontsize=12, fontweight="bold")
        _footnote(fig, _notes(fig, synthetic=ctx.dataset.bundled, publish=False, lang=lang))
        with png_layout(fig):
            plots.fit_labels(fig)
    return fig


def _series_table(ctx: CommuneContext):
    from .tables import ReportTable, _cell

    lang, s = ctx.lang, ctx.series
    headings = [_t(k, lang) for k in ("col_year", "col_periods", "col_target", "col_admitted", "col_share")]
    rows = [[str(r.year), ", ".join(_t(f"period_{p}", lang) for p in r.periods), _cell(r.target, "count", lang),
             _cell(r.admitted, "count", lang), _cell(r.attainment, "share", lang)] for r in s.itertuples()]  # fmt: skip
    return ReportTable(caption=_t("fig_series", lang, place=ctx.place), headings=headings, rows=rows,
                       align=["left", "left", "right", "right", "right"], empty=_series_reading(ctx))  # fmt: skip


def _cells_table(ctx: CommuneContext):
    from .tables import ReportTable, _cell

    lang, c = ctx.lang, ctx.cells
    headings = [_t(k, lang) for k in ("col_unit", "col_target", "col_admitted")]
    rows = [[r.unit, _cell(r.target, "count", lang), _cell(r.admitted, "count", lang)] for r in c.itertuples()]
    year = int(c["year"].iloc[0]) if len(c) else ""
    return ReportTable(caption=_t("fig_cells", lang, place=ctx.place, year=year), headings=headings, rows=rows,
                       align=["left", "right", "right"], empty=_cells_reading(ctx))  # fmt: skip


def _ratings_table(ctx: CommuneContext):
    from .tables import ReportTable, _cell

    lang, r = ctx.lang, ctx.ratings
    headings = [_t(k, lang) for k in ("col_year", "col_rated", "col_good", "col_good_share")]
    rows = [[str(x.year), _cell(x.rated, "count", lang), _cell(x.good_or_better, "count", lang), _cell(x.share, "share", lang)]
            for x in r.itertuples()]  # fmt: skip
    return ReportTable(caption=_t("fig_ratings", lang, place=ctx.place), headings=headings, rows=rows,
                       align=["left", "right", "right", "right"], empty=_ratings_reading(ctx))  # fmt: skip


def _placements_table(ctx: CommuneContext):
    from .tables import ReportTable

    lang, p = ctx.lang, ctx.placements
    flags = {"secretary_non_local": ("not_local", "local"), "secretary_chairs_pc": ("chairs", "not_chairs"),
             "pc_chair_non_local": ("not_local", "local")}  # fmt: skip
    headings = [_t(k, lang) for k in ("col_year", *[f"col_{f}" for f in flags])]
    rows = [[str(x["year"]), *[_t("yes" if bool(x[c]) else "no", lang) if not _missing(x[c]) else _t("unknown_flag", lang)
             for c in flags]] for x in p.to_dict("records")]  # fmt: skip
    return ReportTable(caption=_t("sec_placements", lang) + f", {ctx.place}", headings=headings, rows=rows,
                       align=["left"] * 4, empty=_placements_reading(ctx))  # fmt: skip


def _missing(value) -> bool:
    from .i18n import is_missing

    return is_missing(value)


_TABLES = {"series": _series_table, "cells": _cells_table, "ratings": _ratings_table, "placements": _placements_table}


def commune_context(
    commune: str,
    *,
    lang: str | None = None,
    data_dir: str | os.PathLike | None = None,
    figures_dir: str | os.PathLike | None = None,
    figure_formats: str | Sequence[str] | None = None,
) -> CommuneContext:
    """Set a commune report up: read the data, find the commune (any spelling), choose the language;
    ``figure_formats`` as :func:`helpers.save.figure_formats` (default PNG, SVG and PDF).

    Raises ValueError listing the communes with data when ``commune`` is not among them.
    """
    from .report import load_data

    lang = get_lang(lang)
    dataset = load_data(data_dir, lang=lang)
    name = resolve_commune(commune, communes_in(dataset.tables), lang=lang)
    folder = Path(figures_dir) if figures_dir else config.FIGURES_DIR / lang
    return CommuneContext(dataset=dataset, commune=name, lang=lang, figures_dir=folder, formats=parse_formats(figure_formats))


def _figure_block(ctx: CommuneContext, name: str):
    from .document import Figure

    shown = ctx.figure(name)
    if not getattr(shown, "paths", None):
        return None
    return Figure(image=shown.paths["png"], caption=shown.title, alt=shown.alt_text)


def commune_document(ctx: CommuneContext):
    """The written report of a commune (:class:`helpers.document.ReportDocument`): the province's and the
    commune's committee, place and date, title, the series and the cells (reading, figure, table), the source note."""
    from datetime import date

    from .document import Paragraph, ReportDocument, Section, format_date
    from .report import _t as report_t

    lang = ctx.lang
    province = report_t("province_committee", lang, name=config.PROVINCE)
    kind = _t(ctx.unit_type, lang)
    committee = _t("committee", lang, kind=kind.upper() if lang == "vi" else kind, name=ctx.commune.upper() if lang == "vi" else ctx.commune)
    sections = []
    for name in SECTIONS:
        blocks = [Paragraph(str(ctx.reading(name))), _figure_block(ctx, name), ctx.table(name)]
        blocks = [b.to_document() if hasattr(b, "to_document") else b for b in blocks]
        sections.append(Section(_t(f"sec_{name}", lang), [b for b in blocks if b]))
    year = int(ctx.series["year"].max()) if len(ctx.series) else date.today().year
    return ReportDocument(lang=lang, committee=f"{province.upper() if lang == 'vi' else province}\n{committee}",
                          place=ctx.commune, date=format_date(date.today(), lang), title=_t("doc_title", lang, year=year),
                          subtitle=ctx.place[:1].upper() + ctx.place[1:], sections=sections,
                          source_note=ctx.dataset.source_note(lang=lang))  # fmt: skip
