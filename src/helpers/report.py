"""One report's context, shared by its notebook and the build: data, district, language, readings, tables.

:func:`report_context` is the one setup call of every report notebook and
of the build.  It reads the data (:func:`helpers.dataset.load`), finds the
district a typed name means (old or new tones, no diacritics, any case),
and gives what the notebook cells show:

- ``ctx.figure(name)``: draws and saves one figure
  (:func:`helpers.figures.report_figure` over ``ctx.tables``,
  ``ctx.options`` and ``ctx.saving``), its reading as alt text;
- ``ctx.reading(figure)``: the sentence under a figure;
- ``ctx.table(kind)``: the table of a report kind (:mod:`helpers.tables`);
- ``ctx.header()``, ``ctx.problems()``: the report's header (the
  committee, place and date, the synthetic-data notice or the source
  files) and the problems found in its files.

A report kind the district's data do not have gives one sentence instead
(``ctx.reading`` of any of its figures, and ``ctx.missing(kind)``).
:func:`district_document` turns a district's context into the
:class:`helpers.document.ReportDocument` the Word report is written from.

Examples
--------
>>> ctx = report_context("chiem hoa", lang="en")
>>> ctx.district, ctx.kinds
('Chiêm Hóa', ['admissions', 'ratings', 'placements', 'breakthrough_tasks'])
>>> str(ctx.reading("non_local_leadership"))[:60]
'In 2025, 22 of 24 grassroots party secretaries (92%) in Chiê'
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import config
from . import narrative as nar
from .dataset import Dataset, UnknownDistrict, district_kind, format_years
from .i18n import format_number, format_percent, get_lang, is_missing, translate
from .schema import TABLES
from .save import FORMATS
from .save import figure_formats as parse_formats
from .text import fold, slug, unit_key, vi_sort_key

__all__ = ["Reading", "ReportContext", "UnknownDistrict", "district_document", "load_data", "report_context"]

#: Problems a report lists one line a sheet (the code said a cell -> the code of that line): a workbook typed
#: in a legacy font has a warning for every cell of text; ``problems.csv`` keeps them all.
REPORT_SUMMARISED = {"legacy_text": "legacy_cells"}

_MESSAGES = {
    "party": {"vi": "ĐẢNG CỘNG SẢN VIỆT NAM", "en": "COMMUNIST PARTY OF VIETNAM"},
    "province_committee": {"vi": "ĐẢNG BỘ TỈNH {name}", "en": "{name} Provincial Party Organisation"},
    "place_date": {"vi": "{place}, ngày {d} tháng {m} năm {y}", "en": "{place}, {day}"},
    "doc_date": {"vi": "ngày {d} tháng {m} năm {y}", "en": "{day}"},
    "scope": {"vi": "Số liệu các năm {years}. {boundaries}", "en": "Figures for {years}. {boundaries}"},
    "as_reported": {"vi": "Đơn vị như các báo cáo ghi.", "en": "Units as the reports give them."},
    "on_boundaries": {
        "vi": "Đơn vị theo địa giới hành chính năm {year} (đơn vị sáp nhập được cộng gộp, đơn vị chuyển huyện tính theo huyện mới).",
        "en": "Units on the boundaries of {year} (merged units added up, transferred units in their new district).",
    },
    "title": {"vi": "BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM {year}", "en": "PARTY-BUILDING FIGURES, {year}"},
    "data_section": {"vi": "Về số liệu", "en": "About the data"},
    "latest_section": {"vi": "Năm gần nhất", "en": "The latest year"},
    "province_subtitle": {"vi": "Các huyện, thành phố của {place}", "en": "The districts of {place}"},
    "province_scope": {
        "vi": "Tổng hợp {n} huyện, thành phố có trong dữ liệu: {names}.",
        "en": "The {n} districts in the data: {names}.",
    },
    "province_one": {"vi": "Dữ liệu chỉ có {place}.", "en": "The data hold {place} only."},
    # province readings
    "prov_extremes": {
        "vi": "Năm {year}, {what} cao nhất ở {top} ({top_value}), thấp nhất ở {bottom} ({bottom_value}){total}.",
        "en": "In {year}, {what} was highest in {top} ({top_value}) and lowest in {bottom} ({bottom_value}){total}.",
    },
    "prov_same": {
        "vi": "Năm {year}, {what} như nhau ở mọi huyện, thành phố ({value}){total}.",
        "en": "In {year}, {what} was the same in every district ({value}){total}.",
    },
    "prov_single": {"vi": "Năm {year}, {what} ở {top}: {top_value}.", "en": "In {year}, {what} in {top}: {top_value}."},
    "prov_none": {"vi": "Không có số liệu {what}.", "en": "No figures for {what}."},
    "prov_total": {"vi": "; toàn tỉnh: {value}", "en": "; the province: {value}"},
    "prov_above": {"vi": "; {n}/{total} huyện, thành phố trên mức 90 %", "en": "; {n} of {total} districts above the 90% mark"},
    "what_admitted": {"vi": "số đảng viên kết nạp", "en": "the number of new members admitted"},
    "what_attainment": {"vi": "tỷ lệ đạt chỉ tiêu kết nạp năm", "en": "attainment of the annual admissions target"},
    "what_org_good": {
        "vi": "tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        "en": "the share of party organisations rated good or better",
    },
    "what_members_good": {
        "vi": "tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
        "en": "the share of party members rated good or better",
    },
    "what_secretaries": {
        "vi": "tỷ lệ bí thư đảng ủy cơ sở không phải người địa phương",
        "en": "the share of grassroots party secretaries who are not local",
    },
    "what_tasks": {
        "vi": "số việc đột phá bình quân mỗi cán bộ",
        "en": "the number of breakthrough tasks per cadre",
    },
    "tasks_unit": {"vi": "{value} việc", "en": "{value}"},
    # the fact check
    "facts_bundled": {
        "vi": (
            "Dữ liệu mô phỏng đi kèm được tạo để khớp với bài báo, nên sự khớp ở đây cho thấy chương trình đọc số "
            "liệu và các chỉ số tính lại đúng các số liệu đã công bố; với các tệp số liệu thật, cùng cách đối chiếu "
            "này kiểm tra lại bài báo."
        ),
        "en": (
            "The bundled simulated data were made to agree with the article, so agreement here shows that the "
            "reader and the indicators recompute the published figures; with real workbooks the same comparison "
            "tests the article."
        ),
    },
    "facts_real": {
        "vi": "Các số liệu dưới đây được tính lại từ các tệp số liệu đã đọc và đặt cạnh số liệu của bài báo.",
        "en": "The figures below are recomputed from the workbooks read and set beside the article's.",
    },
    "fact_line": {"vi": "Bài báo: {article}; dữ liệu: {data} ({verdict}).", "en": "The article: {article}; the data: {data} ({verdict})."},
    "agrees": {"vi": "khớp", "en": "agrees"},
    "disagrees": {"vi": "không khớp", "en": "does not agree"},
    "no_unit": {"vi": "Dữ liệu không có đủ số liệu kết nạp của {unit} để tính lại.", "en": "The data do not hold enough of {unit}'s admissions to recompute it."},
}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


# --------------------------------------------------------------------------
# What a notebook cell shows
# --------------------------------------------------------------------------


class Reading(str):
    """A sentence of a report: shown as a paragraph in a notebook, plain text elsewhere."""

    def _repr_html_(self) -> str:
        return f'<p class="reading">{html.escape(str(self))}</p>'


class Note(str):
    """A note under figures (the rating regulations of the years shown): a small paragraph in a notebook."""

    def _repr_html_(self) -> str:
        return f'<p class="figure-note" style="font-size: 0.85em; color: #444;">{html.escape(str(self))}</p>'


class Html(str):
    """A block of report HTML (the header, a note)."""

    def _repr_html_(self) -> str:
        return str(self)


class Blocks(list):
    """Several things shown one after another in one cell."""

    def _repr_html_(self) -> str:
        return "".join(b._repr_html_() for b in self)

    def __repr__(self) -> str:
        return "\n".join(repr(b) if not isinstance(b, str) else str(b) for b in self)


# --------------------------------------------------------------------------
# The context
# --------------------------------------------------------------------------


def _district_figures() -> dict[str, str]:
    """District figure name -> the table (report kind) it is drawn from, in report order."""
    from .figures import FIGURE_TABLES

    return dict(FIGURE_TABLES)


def _figure_table(figure: str) -> str | None:
    """The table a district or province figure is drawn from (the figure registry's), or ``None`` for an unknown name."""
    from .figures import FIGURES

    spec = FIGURES.get(figure)
    return spec.table if spec is not None else None


def _term_of(year: int) -> tuple[str, int]:
    """The term holding ``year`` (the latest term when none does) and the year counted to."""
    from .indicators import TERMS

    for term, years in TERMS.items():
        if year in years:
            return term, year
    term = list(TERMS)[-1]
    return term, TERMS[term][-1]


@dataclass
class ReportContext:
    """Everything a report's cells use; made by :func:`report_context`."""

    dataset: Dataset
    lang: str
    district: str | None = None
    boundaries: int | None = None
    publish: bool = False
    figures_dir: Path = field(default_factory=lambda: config.FIGURES_DIR)
    #: the formats each figure is saved in (:func:`helpers.save.figure_formats`)
    formats: tuple[str, ...] = FORMATS
    today: date = field(default_factory=date.today)
    #: the last report year counted (``None``: every year in the data)
    until: int | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    # --- the data ----------------------------------------------------------

    def _key(self, *what) -> tuple:
        """The cache key of ``what`` worked out for this report's choices (again when one changes)."""
        return (*what, self.lang, self.district, self.boundaries, self.publish, self.until)

    @property
    def place_kind(self) -> str:
        """``"city"`` or ``"district"`` (``"province"`` for the province's reports)."""
        if not self.district:
            return "province"
        key = ("place_kind", self.district)  # asked by every sentence: the tables are looked through once
        if key not in self._cache:
            self._cache[key] = district_kind(self.district, self.dataset.reports)
        return self._cache[key]

    @property
    def place(self) -> str:
        """"huyện Chiêm Hóa", "thành phố Tuyên Quang"."""
        return nar.place(self.district or config.PROVINCE, self.place_kind, self.lang)

    @property
    def districts(self) -> list[str]:
        """The districts in the data, in Vietnamese alphabetical order."""
        return self.dataset.districts

    @property
    def tables(self) -> dict:
        """The tables to draw this report's figures from, as read (the figures map boundaries themselves).

        A district's rows; with ``boundaries`` also the rows of units of
        other districts that may map into it (a commune that moved).
        Shared by the report's figures, readings and tables, which keep what
        they prepare from them (:func:`helpers.memo.freeze`): change a copy,
        never one of these in place.
        """
        if "tables" not in self._cache:
            from .memo import freeze

            tables = _tables_for(self.dataset, self.district, self.boundaries, self.until)
            self._cache["tables"] = {k: freeze(f) for k, f in tables.items()}  # shared by the report's figures
        return self._cache["tables"]

    def tables_for(self, figure: str) -> dict:
        """The one table ``figure`` is drawn from (all of them when that is not known), as :attr:`tables`
        gives it: drawing on other boundaries then maps only that table."""
        kind = _figure_table(figure)
        return {kind: self.tables[kind]} if kind in self.tables else dict(self.tables)

    def frame(self, kind: str):
        """The tidy table ``kind`` of this report on its boundaries: the district's rows (or all, for the province).

        Shared by the report's figures, readings and tables (:func:`helpers.memo.freeze`): change a copy, not it.
        """
        key = ("frame", kind)
        if key not in self._cache:
            frame = self.tables[kind]
            if self.boundaries is not None and len(frame):
                from .units import to_boundaries

                frame = to_boundaries(frame, int(self.boundaries), table_name=kind)
            if self.district is not None:
                frame = frame[frame["district"] == self.district]
            from .memo import freeze

            self._cache[key] = freeze(frame.reset_index(drop=True))
        return self._cache[key]

    @property
    def kinds(self) -> list[str]:
        """The report kinds this report has data for, in :data:`helpers.schema.TABLES` order."""
        return [k for k in TABLES if len(self.frame(k))]

    @property
    def missing_kinds(self) -> list[str]:
        return [k for k in TABLES if k not in self.kinds]

    def has(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def years(self) -> list[int]:
        """Every report year in this report's data."""
        out: set[int] = set()
        for kind in TABLES:
            out |= {int(y) for y in self.frame(kind)["year"].dropna().unique()}
        return sorted(out)

    @property
    def year(self) -> int | None:
        """The report year: the latest year in the data."""
        return self.years[-1] if self.years else None

    @property
    def year_label(self) -> str | None:
        """The report year as titles and captions name it: "2025 (6 tháng đầu năm)" when every
        report kind covers only that part of it (:func:`helpers.narrative.year_label`)."""
        if self.year is None:
            return None
        key = self._key("year periods")
        if key not in self._cache:  # the periods the report year's rows cover, worked out once
            from .indicators import whole_years

            periods: set = set()
            for kind in self.kinds:
                rows = self.frame(kind)
                rows = rows[rows["year"] == self.year]
                if len(rows):
                    periods |= set(whole_years(rows, table_name=kind)["periods"].dropna())
            self._cache[key] = sorted(periods)
        return nar.year_label(self.year, self._cache[key], self.lang)

    @property
    def synthetic(self) -> bool:
        """Whether the data are the bundled synthetic set (:func:`helpers.dataset.is_bundled`)."""
        return self.dataset.bundled

    @property
    def source_files(self) -> list[Path]:
        """The workbooks this report is made from."""
        return [f.path for f in self.dataset.files_of(self.district)]

    # --- figures -----------------------------------------------------------

    @property
    def options(self) -> dict:
        """Keyword arguments of :func:`helpers.figures.report_figure`: district, language, boundaries …"""
        out = {"lang": self.lang, "boundaries": self.boundaries, "publish": self.publish, "synthetic": self.synthetic}
        if self.district is not None:
            out["district"] = self.district
        return out

    @property
    def saving(self) -> dict:
        """Where :func:`helpers.figures.report_figure` saves: ``<figures>/<district slug>`` (or ``province``), the inputs, the formats."""
        folder = slug(self.district) if self.district else "province"
        return {"out_dir": Path(self.figures_dir) / folder, "inputs": self.source_files, "formats": self.formats}

    def figure(self, figure: str):
        """Draw and save one of this report's figures (:func:`helpers.figures.report_figure`), its reading as alt text."""
        from .figures import report_figure

        if figure in _PROFILE_FIGURES and not self.has_forms:
            return None  # no form: its reading is the one sentence saying so
        return report_figure(figure, self.tables_for(figure), **self.options, **self.saving, alt=str(self.reading(figure)))

    # --- text and tables ---------------------------------------------------

    def reading(self, figure: str) -> Reading:
        """The sentence that goes with ``figure`` (a district or province figure name).

        Worked out once for the report's tables (the figure's alt text, its reading cell and the Word
        report say the same), again when the language or another choice of the report changes."""
        key = self._key("reading", figure)
        if key not in self._cache:
            self._cache[key] = self._reading(figure)
        return self._cache[key]

    def _reading(self, figure: str) -> Reading:
        if figure in _PROFILE_FIGURES:
            return Reading(nar.profile_reading(self.profile(), place_name=self.district or config.PROVINCE,
                                               kind=self.place_kind, lang=self.lang))
        if self.district is None:
            return Reading(_province_reading(self, figure))
        kind = _district_figures()[figure]
        if not self.has(kind):
            return self.missing(kind)
        return Reading(_DISTRICT_READINGS[figure](self))

    def note(self, kind: str) -> Note:
        """The note under a report kind's figures: for ratings, the regulation each year shown was rated under
        (:func:`helpers.regimes.note`); empty for the other kinds and when there are no rows."""
        if kind != "ratings" or not self.has(kind):
            return Note("")
        from . import regimes

        years = sorted({int(y) for y in self.frame(kind)["year"].dropna()})
        return Note(regimes.note(years, self.lang))

    def missing(self, kind: str) -> Reading:
        """The one sentence for a report kind this district's data do not have."""
        return Reading(nar.no_data(kind, self.district, place_kind=self.place_kind, lang=self.lang))

    def table(self, kind: str):
        """The table of a report kind (or ``"province"``, ``"problems"``) for people to read.

        Made once for the report's tables (its cell in the notebook and the Word report show the
        same), again when the language or another choice of the report changes: change a copy."""
        key = self._key("table", kind)
        if key not in self._cache:
            self._cache[key] = self._table(kind)
        return self._cache[key]

    def _table(self, kind: str):
        from . import tables as tb

        if kind == "province":
            return tb.province_table({k: self.frame(k) for k in TABLES}, lang=self.lang)
        if kind == "problems":
            return tb.problems_table(self.problems_frame(), lang=self.lang)
        if kind == _FORMS:  # the new members' profile; nothing without a form (its reading says so)
            return tb.profile_table(self.profile(), lang=self.lang) if self.has_forms else None
        builders = {
            "admissions": lambda f: tb.admissions_table(f, lang=self.lang, publish=self.publish),
            "ratings": lambda f: tb.ratings_table(f, lang=self.lang, publish=self.publish),
            "placements": lambda f: tb.placements_table(f, lang=self.lang),
            "breakthrough_tasks": lambda f: tb.breakthrough_table(f, lang=self.lang),
        }
        return builders[kind](self.frame(kind))

    # --- the new members' profile (Biểu số 2-BTCTW) -------------------------

    def profile(self):
        """The new members' profile of this report's committee (:func:`helpers.formprofile.report_profile`)."""
        if "profile" not in self._cache:
            from .figures import form_table
            from .formprofile import report_profile

            self._cache["profile"] = report_profile(form_table(self.tables), district=self.district)
        return self._cache["profile"]

    @property
    def has_forms(self) -> bool:
        """Whether the data hold a Biểu số 2-BTCTW of this report's committee (or, for the province, of any)."""
        return bool(len(self.profile()))

    def problems_frame(self):
        """The problems found in this report's files; text converted from a legacy font one line a sheet
        (:data:`REPORT_SUMMARISED`), not one a cell."""
        from .read.messages import MESSAGES
        from .read.problems import by_sheet, problems_frame

        problems = self.dataset.reports.problems
        if self.district is not None:
            shown = {f.display for f in self.dataset.files_of(self.district)}
            problems = [p for p in problems if p.file in shown]
        return problems_frame(by_sheet(problems, MESSAGES, REPORT_SUMMARISED, lang=self.lang))

    def problems(self) -> Blocks:
        """The sentence on problems found in the files, and their table when there are any."""
        frame = self.problems_frame()
        where = self.district or config.PROVINCE
        sentence = nar.problems_reading(frame, where, files=len(self.source_files), kind=self.place_kind, lang=self.lang)
        out = Blocks([Reading(sentence)])
        if len(frame):
            out.append(self.table("problems"))
        return out

    def source_note(self) -> str:
        """The synthetic-data notice, or the source files with their years and dates."""
        return self.dataset.source_note(self.district, lang=self.lang)

    def scope(self) -> str:
        """The years covered and the boundaries the units are shown on."""
        which = _t("as_reported", self.lang) if self.boundaries is None else _t("on_boundaries", self.lang, year=self.boundaries)
        return _t("scope", self.lang, years=format_years(self.years), boundaries=which)

    def place_date(self) -> str:
        """"Chiêm Hóa, ngày 5 tháng 3 năm 2025"."""
        where = self.district or config.PROVINCE
        return _t("place_date", self.lang, place=where, **_date_parts(self.today, self.lang))

    def committee(self) -> str:
        """The committee lines top left: the province's organisation, then the district's committee."""
        province = _t("province_committee", self.lang, name=config.PROVINCE)
        province = province.upper() if self.lang == "vi" else province
        if self.district is None:
            return province
        return f"{province}\n{nar.committee(self.district, self.place_kind, self.lang)}"

    def header(self, *, committee: bool = True) -> Html:
        """The head of the report page: committee and party lines, place and date (unless
        ``committee=False``), then the scope and the data note (synthetic data, or the source files)."""
        e = html.escape
        top = ""
        if committee:
            lines = self.committee().split("\n")
            issuer = "".join(f'<p class="{"issuer" if i == len(lines) - 1 else "superior"}">{e(x)}</p>' for i, x in enumerate(lines))
            top = (f'<div class="report-header"><div class="committee">{issuer}</div>'
                   f'<div class="party"><p class="issuer">{e(_t("party", self.lang))}</p>'
                   f'<p class="place-date">{e(self.place_date())}</p></div></div>')  # fmt: skip
        return Html(top + self.about())

    def about(self) -> Html:
        """What the data are: the years and boundaries, then the synthetic-data notice or the source files."""
        e = html.escape
        note_class = "note synthetic" if self.synthetic else "note sources"
        scope = self.scope() if self.district else f"{self.province_scope()} {self.scope()}"
        return Html(f'<p class="scope">{e(scope)}</p><p class="{note_class}">{e(self.source_note())}</p>')

    def files(self) -> object:
        """The table of the workbooks read: file, report years, districts, last modified."""
        from .tables import files_table

        return files_table(self.dataset, lang=self.lang)

    def province_scope(self) -> str:
        names = self.districts
        if len(names) == 1:
            kind = district_kind(names[0], self.dataset.reports)
            return _t("province_one", self.lang, place=nar.place(names[0], kind, self.lang))
        return _t("province_scope", self.lang, n=len(names), names=", ".join(names))

    # --- the fact check ------------------------------------------------------

    def facts_frame(self):
        """The article's figures recomputed (:func:`helpers.facts.check_facts`)."""
        if "facts" not in self._cache:
            from .facts import check_facts

            self._cache["facts"] = check_facts(self.dataset.reports, lang=self.lang)
        return self._cache["facts"]

    def facts(self) -> Blocks:
        """How many of the article's figures agree, and the side-by-side table."""
        from .tables import facts_table

        frame = self.facts_frame()
        return Blocks([Reading(nar.facts_reading(frame, lang=self.lang)), facts_table(frame, lang=self.lang)])

    def facts_note(self) -> Reading:
        """What agreement means here: with the bundled data (made to agree) or with real files."""
        return Reading(_t("facts_bundled" if self.synthetic else "facts_real", self.lang))

    def fact_sentences(self) -> Html:
        """Each of the article's sentences, its figure and the data's, one item each."""
        from .tables import fact_value

        e, items = html.escape, []
        for r in self.facts_frame().itertuples(index=False):
            quote = f"“{r.claim}”" if self.lang == "vi" else f"{r.claim_en} (“{r.claim}”)"
            verdict = _t("agrees" if r.agrees else "disagrees", self.lang)
            article = fact_value(r.id, r.article_value, self.lang)
            items.append(f"<li><strong>{e(r.id)}</strong>: {e(quote)}. {e(_t('fact_line', self.lang, article=article, data=r.data_value, verdict=verdict))}</li>")
        return Html(f'<ol class="facts">{"".join(items)}</ol>')

    def truncation(self) -> Reading:
        """F5 worked out: the share written with one decimal, truncated and rounded."""
        from .facts import DISTRICT, FACTS
        from .text import split_unit_name

        unit = split_unit_name(FACTS["F5"]["unit"])[0]
        adm = self.dataset.tables["admissions"]
        rows = adm[(adm["district"] == DISTRICT) & (adm["unit"] == unit)]
        years = [int(y) for y in FACTS["F5"]["period"].split("–")]
        if not len(rows):
            return Reading(_t("no_unit", self.lang, unit=unit))
        progress = _ind().term_progress(rows, _term_of(years[0])[0], as_of=years[-1]).iloc[0]
        if is_missing(progress["term_target"]) or is_missing(progress["admitted"]):
            return Reading(_t("no_unit", self.lang, unit=unit))
        return Reading(nar.truncation_reading(int(progress["admitted"]), int(progress["term_target"]), lang=self.lang))

    def document(self, notebook: str | Path | dict | None = None):
        """This district's written report (:func:`district_document`)."""
        return district_document(self, notebook)


@functools.lru_cache(maxsize=1)
def _date_parts(day: date, lang: str) -> dict:
    from .dataset import format_date

    return {"d": day.day, "m": day.month, "y": day.year, "day": format_date(day, lang)}


def _tables_for(dataset: Dataset, district: str | None, boundaries: int | None, until: int | None = None) -> dict:
    """A district's rows, and with boundaries the rows of other districts' units registered in it at some
    time; the years up to ``until`` only, when given.  Only rows a district reported
    (:func:`helpers.dataset.district_rows`): the communes' reports have their own context."""
    from .dataset import district_rows

    tables = {k: district_rows(f) for k, f in dataset.tables.items()}
    if until is not None:
        tables = {k: f[f["year"] <= until].reset_index(drop=True) for k, f in tables.items()}
    if district is None:
        return dict(tables)
    names: set[str] = set()
    if boundaries is not None:
        from .units import load_units

        units = load_units()
        names = {unit_key(n) for n in units.loc[units["district"].map(fold) == fold(district), "name"]}
    out = {}
    for kind, frame in tables.items():
        own = frame["district"] == district
        if names:
            own = own | (frame["unit_type"].ne("agency") & frame["unit"].map(unit_key).isin(names))
        out[kind] = frame[own].reset_index(drop=True)
    return out


# --------------------------------------------------------------------------
# Setting a report up
# --------------------------------------------------------------------------


def _signature(paths: tuple[Path, ...]) -> tuple:
    from .read import find_workbooks

    out = []
    for path, _shown, exists in find_workbooks(list(paths)):
        if exists:
            st = path.stat()
            out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _load(paths: tuple[Path, ...], lang: str, signature: tuple) -> Dataset:
    from .dataset import load

    return load(list(paths), lang=lang)


def load_data(data_dir: str | os.PathLike | Iterable | None = None, *, lang: str | None = None) -> Dataset:
    """The data at ``data_dir`` (default: the bundled ``data/raw``), read once per process while the files stay the same."""
    lang = get_lang(lang)
    if data_dir is None:
        data_dir = config.RAW_DATA_DIR
    paths = (Path(data_dir),) if isinstance(data_dir, (str, os.PathLike)) else tuple(Path(p) for p in data_dir)
    paths = tuple(p.resolve() for p in paths)
    return _load(paths, lang, _signature(paths))


def report_context(
    district: str | None = None,
    *,
    lang: str | None = None,
    data_dir: str | os.PathLike | None = None,
    boundary_year: int | None = None,
    figures_dir: str | os.PathLike | None = None,
    publish: bool = False,
    figure_formats: str | Sequence[str] | None = None,
) -> ReportContext:
    """Set a report up: read the data, find the district, choose the language.

    Parameters
    ----------
    district : str, optional
        The district, typed any way ("Chiêm Hoá", "chiem hoa", "CHIÊM HÓA",
        "chiem-hoa"); ``None`` for the province overview.
    lang : {"vi", "en"}, optional
        The report's language (default: the current setting).
    data_dir : path, optional
        Workbooks or folders (default: the bundled ``data/raw``).
    boundary_year : int, optional
        Show units on this year's boundaries (``None``: as reported).
    figures_dir : path, optional
        Where figures go (default ``figures/<lang>``).
    publish : bool
        Publication mode: small counts suppressed in figures and tables.
    figure_formats : str or sequence of str, optional
        The formats each figure is saved in (default PNG, SVG and PDF;
        :func:`helpers.save.figure_formats`).

    Raises
    ------
    UnknownDistrict
        When ``district`` matches none of the districts in the data (the
        message lists them).
    """
    lang = get_lang(lang)
    dataset = load_data(data_dir, lang=lang)
    name = None
    if district is not None:
        name = dataset.resolve(district, lang=lang)
    folder = Path(figures_dir) if figures_dir else config.FIGURES_DIR / lang
    boundaries = int(boundary_year) if boundary_year is not None else None
    return ReportContext(dataset=dataset, lang=lang, district=name, boundaries=boundaries, publish=publish, figures_dir=folder,
                         formats=parse_formats(figure_formats))  # fmt: skip


# --------------------------------------------------------------------------
# The readings of the district figures
# --------------------------------------------------------------------------


def _ind():
    from . import indicators

    return indicators


def _admissions_target(ctx: ReportContext) -> str:
    frame = _ind().admissions_attainment(ctx.frame("admissions"), by="district")
    return nar.admissions_reading(frame, kind=ctx.place_kind, lang=ctx.lang)


def _term_pace(ctx: ReportContext) -> str:
    adm = ctx.frame("admissions")
    term, as_of = _term_of(int(adm["year"].max()))
    ind = _ind()
    years = ind.TERMS[term]
    if not adm["year"].isin(list(years)).any():
        return nar.term_reading(_empty_term(ctx, term, as_of), kind=ctx.place_kind, lang=ctx.lang)
    as_of = min(as_of, int(adm.loc[adm["year"].isin(list(years)), "year"].max()))
    progress = ind.term_progress(adm, term, as_of=as_of, by="district")
    units = ind.term_progress(adm, term, as_of=as_of, by="unit")
    return nar.term_reading(progress, units=units, kind=ctx.place_kind, lang=ctx.lang)


def _empty_term(ctx: ReportContext, term: str, as_of: int):
    import pandas as pd

    return pd.DataFrame({"district": [ctx.district], "term": [term], "as_of": [as_of], "admitted": [pd.NA]})


def _composition(ctx: ReportContext) -> str:
    frame = _ind().composition(ctx.frame("admissions"), by="district")
    return nar.composition_reading(frame, kind=ctx.place_kind, lang=ctx.lang)


def _rating(subject: str) -> Callable[[ReportContext], str]:
    def reading(ctx: ReportContext) -> str:
        frame = _ind().good_or_better(ctx.frame("ratings"), subject=[subject])
        if not len(frame):
            return nar.rating_reading(_no_rows(ctx, subject), subject, kind=ctx.place_kind, lang=ctx.lang)
        return nar.rating_reading(frame, subject, kind=ctx.place_kind, lang=ctx.lang)

    return reading


def _no_rows(ctx: ReportContext, subject: str):
    import pandas as pd

    return pd.DataFrame({"district": [ctx.district], "year": [int(ctx.frame("ratings")["year"].max())], "subject": ["none"]})


def _quota(ctx: ReportContext) -> str:
    frame = _ind().excellent_quota(ctx.frame("ratings"), subject="organisation")
    if not len(frame):
        return nar.rating_reading(_no_rows(ctx, "organisation"), "organisation", kind=ctx.place_kind, lang=ctx.lang)
    return nar.quota_reading(frame, kind=ctx.place_kind, lang=ctx.lang)


def _leadership(ctx: ReportContext) -> str:
    frame = _ind().non_local_leadership(ctx.frame("placements"))
    return nar.placements_reading(frame, kind=ctx.place_kind, lang=ctx.lang)


def _tasks(ctx: ReportContext) -> str:
    frame = _ind().breakthrough_summary(ctx.frame("breakthrough_tasks"), by="district")
    return nar.breakthrough_reading(frame, kind=ctx.place_kind, lang=ctx.lang)


#: District figure name -> its reading.
_DISTRICT_READINGS: dict[str, Callable[[ReportContext], str]] = {
    "admissions_target": _admissions_target,
    "term_pace": _term_pace,
    "admissions_composition": _composition,
    "ratings_organisations": _rating("organisation"),
    "ratings_members": _rating("members"),
    "excellent_quota": _quota,
    "non_local_leadership": _leadership,
    "breakthrough_tasks": _tasks,
}


# --------------------------------------------------------------------------
# The readings of the province figures
# --------------------------------------------------------------------------


def _province_series(ctx: ReportContext, figure: str):
    """``(frame of district, year, value[, above]), what, how values are written, the province's own value by year)``."""
    ind = _ind()
    t = {k: ctx.frame(k) for k in TABLES}
    if figure == "province_admitted":
        f = ind.admissions_attainment(t["admissions"], by="district")
        total = f.groupby("year")["admitted"].sum(min_count=1)
        return f.assign(value=f["admitted"]), "admitted", "count", total
    if figure == "province_admissions_attainment":
        f = ind.admissions_attainment(t["admissions"], by="district")
        adm = t["admissions"]
        counted = adm[adm["target"].notna()].groupby("year")["admitted"].sum(min_count=1)
        total = counted / f.groupby("year")["target"].sum(min_count=1)
        return f.assign(value=f["attainment"]), "attainment", "share", total
    if figure in ("province_organisations_good_or_better", "province_members_good_or_better"):
        subject = "organisation" if "organisations" in figure else "members"
        f = ind.good_or_better(t["ratings"], subject=[subject])
        total = f.groupby("year")["good_or_better"].sum() / f.groupby("year")["rated"].sum()
        return f.assign(value=f["share"]), "org_good" if subject == "organisation" else "members_good", "benchmark", total
    if figure == "province_non_local_secretaries":
        f = ind.non_local_leadership(t["placements"])
        total = f.groupby("year")["secretaries_non_local"].sum() / f.groupby("year")["units"].sum()
        return f.assign(value=f["share_secretaries_non_local"]), "secretaries", "share0", total
    f = ind.breakthrough_summary(t["breakthrough_tasks"], by="district")
    total = f.groupby("year")["tasks"].sum() / f.groupby("year")["cadres"].sum()
    return f.assign(value=f["tasks_per_cadre"]), "tasks", "tasks", total


def _province_value(value: float, how: str, lang: str) -> str:
    if how == "count":
        return format_number(int(value), 0, lang=lang)
    if how == "tasks":
        return _t("tasks_unit", lang, value=format_number(float(value), 1, lang=lang))
    return format_percent(float(value), 0 if how == "share0" else 1, lang=lang)


def _province_reading(ctx: ReportContext, figure: str) -> str:
    frame, what, how, total = _province_series(ctx, figure)
    lang = ctx.lang
    what_text = _t(f"what_{what}", lang)
    frame = frame[frame["value"].notna()]
    if not len(frame):
        return _t("prov_none", lang, what=what_text)
    year = int(frame["year"].max())
    latest = frame[frame["year"] == year].sort_values("district", key=lambda s: s.map(vi_sort_key))
    name = lambda d: nar.place(d, district_kind(d, ctx.dataset.reports), lang)  # noqa: E731
    top = latest.loc[latest["value"].astype(float).idxmax()]
    bottom = latest.loc[latest["value"].astype(float).idxmin()]
    value = lambda v: _province_value(v, how, lang)  # noqa: E731
    if len(latest) == 1:
        return _t("prov_single", lang, year=year, what=what_text, top=name(top["district"]), top_value=value(top["value"]))
    tail = ""
    if year in total.index and total[year] == total[year]:
        tail = _t("prov_total", lang, value=value(total[year]))
    if how == "benchmark":
        above = int((latest["value"].astype(float) > 0.9).sum())
        tail += _t("prov_above", lang, n=above, total=len(latest))
    if float(top["value"]) == float(bottom["value"]):
        return _t("prov_same", lang, year=year, what=what_text, value=value(top["value"]), total=tail)
    return _t("prov_extremes", lang, year=year, what=what_text, top=name(top["district"]), top_value=value(top["value"]),
              bottom=name(bottom["district"]), bottom_value=value(bottom["value"]), total=tail)  # fmt: skip


# --------------------------------------------------------------------------
# The written report
# --------------------------------------------------------------------------


def _figure_block(ctx: ReportContext, figure: str, reading: str):
    """The figure's PNG (drawn and saved first when it is not there yet) with its title as caption."""
    import json

    from .document import Figure

    folder = Path(ctx.saving["out_dir"])
    png, sidecar = folder / f"{figure}_{ctx.lang}.png", folder / f"{figure}_{ctx.lang}.json"
    if not (png.exists() and sidecar.exists()):
        ctx.figure(figure)
    caption = json.loads(sidecar.read_text(encoding="utf-8")).get("title", "")
    return Figure(image=png, caption=caption, alt=f"{caption}. {reading}" if caption else reading)


def _province_figures() -> dict[str, str]:
    """Province figure name -> the table it is drawn from, in report order."""
    from .figures import FIGURES

    return {name: spec.table for name, spec in FIGURES.items() if spec.province}


def _kind_blocks(ctx: ReportContext, kind: str, prose: list[str]) -> list:
    from .document import Paragraph

    if not ctx.has(kind):
        return [Paragraph(str(ctx.missing(kind)))] if ctx.district is not None else []
    blocks: list = [Paragraph(p) for p in prose]
    figures = _district_figures() if ctx.district is not None else _province_figures()
    for figure, table in figures.items():
        if table != kind:
            continue
        reading = str(ctx.reading(figure))
        blocks += [Paragraph(reading), _figure_block(ctx, figure, reading)]
    note = ctx.note(kind)
    if note:
        blocks.append(Paragraph(str(note)))
    table = ctx.table(kind).to_document() if ctx.district is not None else None  # the province shows its districts' table
    if table is not None:
        blocks.append(table)
    return blocks


#: The profile figures (Biểu số 2-BTCTW) and the table name of the forms.
_PROFILE_FIGURES = ("new_member_profile", "province_new_member_profile")
_FORMS = "form_rows"


def _profile_section(ctx: ReportContext, notebook: dict):
    """The Word report's section on the new members' profile: headed and introduced as the notebook's
    cells tagged ``section-form_rows``, the reading, the figure and the table (the sentence alone without a form)."""
    from . import notebooks as nbs
    from .document import Paragraph, Section

    heading, paragraphs = nbs.sections(notebook, ctx.lang, (_FORMS,)).get(_FORMS, ("", []))
    figure = _PROFILE_FIGURES[0] if ctx.district is not None else _PROFILE_FIGURES[1]
    reading = str(ctx.reading(figure))
    if not ctx.has_forms:
        return Section(heading, [Paragraph(reading)]) if heading else None
    blocks = [*(Paragraph(p) for p in paragraphs), Paragraph(reading), _figure_block(ctx, figure, reading)]
    table = ctx.table(_FORMS).to_document()
    return Section(heading, [*blocks, *([table] if table is not None else [])]) if heading else None


def district_document(ctx: ReportContext, notebook: str | Path | dict | None = None):
    """The written report of a district (:class:`helpers.document.ReportDocument`).

    The committee and party lines, place and date, title; one section per
    report kind, headed and introduced as in the district notebook (the
    cells tagged ``section-<kind>`` and ``kind-<kind>`` in the report's
    language), holding each figure's reading, the figure (its PNG, captioned
    with its title) and the kind's table, or one sentence when the data do
    not have the kind; a section on the data (problems found); the source
    note (synthetic-data notice, or the files and their dates).
    """
    from . import notebooks as nbs
    from .document import Paragraph, ReportDocument, Section

    if ctx.district is None:
        raise ValueError("district_document needs a district report's context")
    if notebook is None or isinstance(notebook, (str, os.PathLike)):
        notebook = nbs.read(notebook or config.NOTEBOOKS_DIR / "01_district_report.ipynb")
    return _document(ctx, _kind_sections(ctx, notebook))


def province_document(ctx: ReportContext, notebook: str | Path | dict | None = None):
    """The written overview of the districts (:class:`helpers.document.ReportDocument`), as the province
    notebook shows it: the districts' table of the latest year, then for each report kind in the data its
    figures with their readings (headed and introduced as in the notebook), the data section, the source note."""
    from . import notebooks as nbs
    from .document import Section

    if ctx.district is not None:
        raise ValueError("province_document needs the province's context (no district)")
    if notebook is None or isinstance(notebook, (str, os.PathLike)):
        notebook = nbs.read(notebook or config.NOTEBOOKS_DIR / "02_province_overview.ipynb")
    latest = Section(_t("latest_section", ctx.lang), [b for b in [ctx.table("province").to_document()] if b is not None])
    return _document(ctx, [latest] + [s for s in _kind_sections(ctx, notebook) if s.blocks])


def _kind_sections(ctx: ReportContext, notebook: dict) -> list:
    from . import notebooks as nbs
    from .document import Section

    prose = nbs.sections(notebook, ctx.lang, TABLES)
    sections = []
    for kind in TABLES:
        heading, paragraphs = prose.get(kind, (nar.kind_name(kind, ctx.lang).capitalize(), []))
        sections.append(Section(heading, _kind_blocks(ctx, kind, paragraphs)))
    profile = _profile_section(ctx, notebook)
    if profile is not None:
        sections.append(profile)
    return sections


def _document(ctx: ReportContext, sections: list):
    """The report's head, ``sections``, the data section and the source note."""
    from .document import Paragraph, ReportDocument, Section

    about = [Paragraph(str(b)) if isinstance(b, str) else b.to_document() for b in ctx.problems()]
    about.append(Paragraph(ctx.scope()))
    sections.append(Section(_t("data_section", ctx.lang), [b for b in about if b is not None]))
    year = ctx.year_label
    return ReportDocument(
        lang=ctx.lang,
        committee=ctx.committee(),
        place=ctx.district or config.PROVINCE,
        date=_t("doc_date", ctx.lang, **_date_parts(ctx.today, ctx.lang)),
        title=_t("title", ctx.lang, year=year.upper() if year else year),
        subtitle=ctx.place[:1].upper() + ctx.place[1:] if ctx.district else _t("province_subtitle", ctx.lang, place=ctx.place),
        sections=sections,
        source_note=ctx.source_note(),
    )

