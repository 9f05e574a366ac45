"""The new province's overview after 1 July 2025: its communes and wards at their centroids, ranked, grouped by former district.

The notebook ``05_new_province`` (set up by :func:`province_context`)
shows the latest year of the province's reports of its communes and wards
(rows without a district, from 2025):

- a map of points, one per commune at the registry's point for it
  (:func:`helpers.units.units_2025`: lat/lon), coloured by admissions
  attainment; no commune boundaries are drawn, since no commune polygons
  with a licence that allows them to be bundled are available offline;
- the communes ranked by attainment within their former district (the
  district most of their predecessors belonged to,
  :func:`helpers.units.reform_mapping`).

Examples
--------
>>> former_district_of("02365")
'Chiêm Hóa'
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import config
from .commune import COMMUNE_TYPES, REFORM_YEAR
from .i18n import format_number, format_percent, get_lang, translate
from .save import FORMATS
from .save import figure_formats as parse_formats
from .text import vi_sort_key

_TEXT = {
    "note_map": {
        "vi": "Mỗi chấm là một xã, phường, đặt tại tọa độ của xã, phường trong danh mục đơn vị hành chính; "
              "không vẽ ranh giới xã vì không có bản đồ ranh giới xã được phép dùng kèm theo dự án khi không có mạng.",
        "en": "Each dot is a commune or ward, placed at its point in the register of administrative units; "
              "no commune boundaries are drawn, since no commune boundary map whose licence allows it to ship "
              "with the project is available offline.",
    },
    "map": {"vi": "Tỷ lệ đạt chỉ tiêu kết nạp đảng viên các xã, phường, năm {year}", "en": "Admissions attainment by commune and ward, {year}"},
    "ranked": {"vi": "Các xã, phường theo tỷ lệ đạt chỉ tiêu, theo huyện cũ, năm {year}",
               "en": "Communes and wards by attainment, grouped by former district, {year}"},
    "reading": {
        "vi": "Năm {year}, {n} xã, phường có số liệu kết nạp {admitted} đảng viên, đạt {share} chỉ tiêu; "
              "{above} xã, phường đạt hoặc vượt chỉ tiêu.",
        "en": "In {year} the {n} communes and wards with data admitted {admitted} members, {share} of their targets; "
              "{above} met or passed theirs.",
    },
    "none": {"vi": "Không có số liệu của các xã, phường từ năm 2025.", "en": "The data hold no figures of the communes and wards from 2025 on."},
    "ratings": {
        "vi": "Năm {year}, {share} đảng viên của {n} xã, phường ({good}/{rated} đảng viên được xếp loại) được xếp loại "
              "hoàn thành tốt nhiệm vụ trở lên; {orgs}/{n} đảng bộ xã, phường hoàn thành tốt nhiệm vụ trở lên.",
        "en": "In {year}, {share} of the members of the {n} communes and wards ({good} of {rated} rated) were rated good "
              "or better; {orgs} of the {n} commune and ward party committees were rated good or better.",
    },
    "ratings_none": {"vi": "Không có số liệu xếp loại chất lượng của các xã, phường từ năm 2025.",
                     "en": "The data hold no quality ratings of the communes and wards from 2025 on."},
    "placements": {
        "vi": "Năm {year}, {non_local}/{n} xã, phường có bí thư đảng ủy không phải người địa phương; "
              "{chairs}/{n} xã, phường có bí thư đồng thời là chủ tịch UBND.",
        "en": "In {year}, {non_local} of the {n} communes and wards had a party secretary who was not local; "
              "in {chairs} of them the secretary also chaired the People's Committee.",
    },
    "placements_none": {"vi": "Không có số liệu bố trí cán bộ của các xã, phường từ năm 2025.",
                        "en": "The data hold no cadre placements of the communes and wards from 2025 on."},
    "committee": {"vi": "BAN TỔ CHỨC TỈNH ỦY", "en": "Organisation Board of the Provincial Party Committee"},
    "doc_title": {"vi": "BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM {year}", "en": "PARTY-BUILDING FIGURES, {year}"},
    "subtitle": {"vi": "Các xã, phường của tỉnh {province}", "en": "The communes and wards of {province} province"},
    "sec_admissions": {"vi": "Kết nạp đảng viên so với chỉ tiêu", "en": "Admissions against the target"},
    "sec_ranked": {"vi": "Xếp hạng theo huyện cũ", "en": "Ranked within the former districts"},
    "sec_ratings": {"vi": "Đánh giá, xếp loại chất lượng", "en": "Quality ratings"},
    "sec_placements": {"vi": "Bố trí cán bộ chủ chốt", "en": "Leaders"},
    "sec_profile": {"vi": "Đảng viên mới kết nạp (Biểu số 2-BTCTW)", "en": "The new members (form 2-BTCTW)"},
    "lon": {"vi": "Kinh độ", "en": "Longitude"},
    "lat": {"vi": "Vĩ độ", "en": "Latitude"},
    "attainment": {"vi": "Đạt chỉ tiêu", "en": "Attainment"},
}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_TEXT, key, lang, **params)


@functools.cache
def _former_districts() -> dict[str, str]:
    from .units import reform_mapping

    mapping = reform_mapping()
    out = {}
    for code, group in mapping.groupby("new_code"):
        counts = group["old_district"].value_counts()
        out[str(code)] = str(sorted(counts.index, key=lambda d: (-counts[d], vi_sort_key(d)))[0])
    return out


def former_district_of(code: str) -> str | None:
    """The former district most of a 2025 commune's predecessors belonged to (``None`` when unknown)."""
    return _former_districts().get(str(code))


def province_communes(admissions: pd.DataFrame, province: str = config.PROVINCE, year: int | None = None) -> pd.DataFrame:
    """The province's communes and wards in ``year`` (default: the latest from 2025): one row each.

    Columns ``unit``, ``unit_type``, ``unit_code``, ``former_district``,
    ``lat``, ``lon``, ``target``, ``admitted``, ``attainment``; ``attrs["year"]``.
    """
    from .units import units_2025

    rows = admissions[(admissions["year"] >= REFORM_YEAR) & admissions["unit_type"].isin(COMMUNE_TYPES)]
    rows = rows[rows["district"].isna() & rows["commune"].isna()] if len(rows) else rows
    if "period" in rows.columns:
        rows = rows[rows["period"].fillna("year") == "year"]
    columns = ["unit", "unit_type", "unit_code", "former_district", "lat", "lon", "target", "admitted", "attainment"]
    if not len(rows):
        out = pd.DataFrame(columns=columns)
        out.attrs["year"] = None
        return out
    year = int(rows["year"].max()) if year is None else int(year)
    rows = rows[rows["year"] == year]
    out = rows.groupby(["unit", "unit_type", "unit_code"], as_index=False)[["target", "admitted"]].sum(min_count=1)
    points = units_2025(province)[["code", "lat", "lon"]].rename(columns={"code": "unit_code"})
    out = out.merge(points, on="unit_code", how="left")
    out["former_district"] = out["unit_code"].map(former_district_of)
    out["attainment"] = out["admitted"] / out["target"].where(out["target"] > 0)
    out = out[columns].sort_values("unit", key=lambda s: s.map(vi_sort_key), ignore_index=True)
    out.attrs["year"] = year
    return out


@dataclass
class ProvinceContext:
    """The new province's overview: the data, the language, where figures go."""

    dataset: object
    lang: str
    figures_dir: Path
    #: the formats each figure is saved in (:func:`helpers.save.figure_formats`)
    formats: tuple[str, ...] = FORMATS

    @functools.cached_property
    def communes(self) -> pd.DataFrame:
        adm = self.dataset.tables.get("admissions")
        return province_communes(adm) if isinstance(adm, pd.DataFrame) and len(adm) else province_communes(
            pd.DataFrame(columns=["unit", "unit_type", "unit_code", "district", "commune", "year", "target", "admitted"]))  # fmt: skip

    @functools.cached_property
    def profile(self) -> pd.DataFrame:
        """The new members' profile from the provincial board's Biểu số 2-BTCTW of the latest year
        (:func:`helpers.formprofile.report_profile`; the districts' forms added up when the board's is missing)."""
        from .figures import form_table
        from .formprofile import report_profile

        return report_profile(form_table(self.dataset.tables))

    def header(self):
        from .report import Html

        note = self.dataset.source_note(lang=self.lang)
        return Html(f'<p class="data-note">{html.escape(note)}</p>')

    def reading(self, name: str = "map"):
        """One sentence for the overview (``map`` and ``ranked`` share it); the map's note with ``name="note"``."""
        from .report import Reading

        if name == "note":
            return Reading(_t("note_map", self.lang))
        if name in ("ratings", "placements"):
            return Reading(_ratings_reading(self) if name == "ratings" else _placements_reading(self))
        if name == "profile":
            from .narrative import profile_reading

            return Reading(profile_reading(self.profile, place_name=config.PROVINCE, kind="province", lang=self.lang))
        c, lang = self.communes, self.lang
        if not len(c):
            return Reading(_t("none", lang))
        with_target = c[c["target"] > 0]
        share = with_target["admitted"].sum() / with_target["target"].sum() if len(with_target) else float("nan")
        return Reading(_t("reading", lang, year=c.attrs["year"], n=format_number(len(c), 0, lang=lang),
                          admitted=format_number(int(c["admitted"].sum()), 0, lang=lang),
                          share=format_percent(share, 1, lang=lang),
                          above=format_number(int((with_target["attainment"] >= 1).sum()), 0, lang=lang)))  # fmt: skip

    def figure(self, name: str):
        """Draw and save ``map`` or ``ranked`` (in :attr:`formats`, and the sidecar); nothing when there are no communes."""
        import matplotlib.pyplot as plt

        from .figures import ReportFigure
        from .report import Html
        from .save import save_figure

        if not len(self.communes) or (name == "profile" and not len(self.profile)):
            return Html("")  # the reading says there is nothing to draw
        fig = _draw_profile(self) if name == "profile" else _draw(self, name)
        title = fig.get_suptitle()
        paths = save_figure(fig, f"{name}_{self.lang}", out_dir=self.figures_dir / "province-2025", formats=self.formats,
                            inputs=[f.path for f in self.dataset.files], params={"lang": self.lang, "figure": name})  # fmt: skip
        plt.close(fig)
        return ReportFigure(paths, title=title, alt=str(self.reading(name)))


def _rows_2025(ctx: ProvinceContext, kind: str) -> pd.DataFrame:
    """The province's rows of its communes and wards (no district, not a commune's own report), latest year, whole years."""
    from .indicators import whole_years

    frame = ctx.dataset.tables.get(kind)
    if not isinstance(frame, pd.DataFrame) or not len(frame):
        return pd.DataFrame(columns=["year", "unit"])
    rows = frame[frame["district"].isna() & frame["unit_type"].isin(COMMUNE_TYPES) & (frame["year"] >= REFORM_YEAR)]
    if "commune" in rows.columns:
        rows = rows[rows["commune"].isna()]
    if not len(rows):
        return rows
    rows = rows[rows["year"] == rows["year"].max()]
    return whole_years(rows, table_name=kind)


def _ratings_reading(ctx: ProvinceContext) -> str:
    from . import regimes

    rows, lang = _rows_2025(ctx, "ratings"), ctx.lang
    members = rows[(rows["subject"] == "members") & rows["level"].notna()] if len(rows) else rows
    rated = int(members["count"].sum()) if len(members) else 0
    if not rated:
        return _t("ratings_none", lang)
    good = int(members.loc[members["level"].isin(["excellent", "good"]), "count"].sum())
    orgs = rows[(rows["subject"] == "organisation") & rows["level"].notna()]
    year = int(rows["year"].iloc[0])
    n = rows["unit"].nunique()
    text = _t("ratings", lang, year=year, share=format_percent(good / rated, 1, lang=lang), n=format_number(n, 0, lang=lang),
              good=format_number(good, 0, lang=lang), rated=format_number(rated, 0, lang=lang),
              orgs=format_number(int(orgs["level"].isin(["excellent", "good"]).sum()), 0, lang=lang))  # fmt: skip
    return f"{text} {regimes.note([year], lang)}"


def _placements_reading(ctx: ProvinceContext) -> str:
    rows, lang = _rows_2025(ctx, "placements"), ctx.lang
    if not len(rows):
        return _t("placements_none", lang)
    count = lambda col: format_number(int(rows[col].fillna(False).astype(bool).sum()), 0, lang=lang)  # noqa: E731
    return _t("placements", lang, year=int(rows["year"].iloc[0]), n=format_number(len(rows), 0, lang=lang),
              non_local=count("secretary_non_local"), chairs=count("secretary_chairs_pc"))  # fmt: skip


def province_document(ctx: ProvinceContext):
    """The written overview of the new province (:class:`helpers.document.ReportDocument`): the province's
    committee, place and date, title; admissions (the map and its note), the ranking, ratings and leaders
    (their readings), the source note."""
    from datetime import date

    from .document import Figure, Paragraph, ReportDocument, Section, format_date
    from .report import _t as report_t

    lang = ctx.lang

    def figure(name: str):
        shown = ctx.figure(name)
        return Figure(image=shown.paths["png"], caption=shown.title, alt=shown.alt_text) if getattr(shown, "paths", None) else None

    blocks = {
        "admissions": [Paragraph(str(ctx.reading("map"))), figure("map"), Paragraph(str(ctx.reading("note")))],
        "ranked": [figure("ranked")],
        "ratings": [Paragraph(str(ctx.reading("ratings")))],
        "placements": [Paragraph(str(ctx.reading("placements")))],
        "profile": [Paragraph(str(ctx.reading("profile"))), figure("profile")],
    }
    sections = [Section(_t(f"sec_{k}", lang), [b for b in v if b is not None]) for k, v in blocks.items()]
    province = report_t("province_committee", lang, name=config.PROVINCE)
    year = ctx.communes.attrs.get("year") or date.today().year
    return ReportDocument(lang=lang, committee=f"{province.upper() if lang == 'vi' else province}\n{_t('committee', lang)}",
                          place=config.PROVINCE, date=format_date(date.today(), lang), title=_t("doc_title", lang, year=year),
                          subtitle=_t("subtitle", lang, province=config.PROVINCE), sections=[s for s in sections if s.blocks],
                          source_note=ctx.dataset.source_note(lang=lang))  # fmt: skip


def _draw_profile(ctx: ProvinceContext):
    from .figures import draw_profile

    return draw_profile("province_new_member_profile", ctx.dataset.tables, lang=ctx.lang, synthetic=ctx.dataset.bundled)


def _draw(ctx: ProvinceContext, name: str):
    from . import layout, plots
    from .figures import _footnote, _notes
    from .save import png_layout
    from .theme import report_theme

    c, year = ctx.communes, ctx.communes.attrs["year"]
    with report_theme(ctx.lang) as lang:
        size = (7.5, 8.0) if name == "map" else (8.0, max(4.0, 1.5 + 0.16 * len(c)))
        fig = layout.figure(size)
        ax = fig.subplots()
        if name == "map":
            plots.plot_commune_points(c, lang=lang, ax=ax, xlabel=_t("lon", lang), ylabel=_t("lat", lang), value_label=_t("attainment", lang))
        else:
            plots.plot_communes_ranked(c, lang=lang, ax=ax, value_label=_t("attainment", lang))
        fig.suptitle(_t(name, lang, year=year), x=0.01, ha="left", fontsize=12, fontweight="bold")
        _footnote(fig, _notes(fig, synthetic=ctx.dataset.bundled, publish=False, lang=lang))
        with png_layout(fig):
            plots.fit_labels(fig)
    return fig


def province_context(
    *, lang: str | None = None, data_dir: str | os.PathLike | None = None, figures_dir: str | os.PathLike | None = None,
    figure_formats: str | Sequence[str] | None = None,
) -> ProvinceContext:
    """Set the new province's overview up: read the data, choose the language; ``figure_formats`` as
    :func:`helpers.save.figure_formats` (default PNG, SVG and PDF)."""
    from .report import load_data

    lang = get_lang(lang)
    folder = Path(figures_dir) if figures_dir else config.FIGURES_DIR / lang
    return ProvinceContext(dataset=load_data(data_dir, lang=lang), lang=lang, figures_dir=folder, formats=parse_formats(figure_formats))
