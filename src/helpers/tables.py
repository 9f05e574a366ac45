"""Tables for people: what a report shows in place of a raw DataFrame.

A :class:`ReportTable` has headings in the report's language ("Đơn vị",
"Chỉ tiêu", "Kết nạp", "Nữ", "DTTS" …), no index, every number written the
language's way (:func:`helpers.i18n.format_number`,
:func:`~helpers.i18n.format_percent`), units in Vietnamese alphabetical
order (:func:`helpers.text.vi_sort_key`) and a totals row where one helps.
A table with no rows is shown as one sentence.  In a notebook it displays
as HTML; :meth:`ReportTable.to_document` gives the
:class:`helpers.document.Table` a written report holds.

The builders take the tidy tables (or indicator frames) of one district:
:func:`admissions_table`, :func:`ratings_table`, :func:`placements_table`,
:func:`breakthrough_table`, :func:`problems_table`, and for the province
:func:`province_table`; :func:`facts_table` shows the fact-check.

Examples
--------
>>> import pandas as pd
>>> from helpers.schema import conform
>>> adm = conform("admissions", pd.DataFrame({"district": "A", "unit": ["Kim Bình", "Kiên Đài"],
...     "unit_type": "commune", "year": 2024, "source": "s", "target": [10, 8], "admitted": [9, 8],
...     "female": [4, 3], "ethnic_minority": [7, 8], "youth_union": [5, 6], "religious": [0, 1]}))
>>> t = admissions_table(adm, lang="en")
>>> t.headings[:4], [r[0] for r in t.rows]
(['Unit', 'Target', 'Admitted', 'Attainment'], ['Kiên Đài', 'Kim Bình', 'Total'])
>>> t.rows[-1][:4]
['Total', '18', '17', '94.4%']
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from .i18n import format_number, format_percent, get_lang, is_missing, translate
from .text import vi_sort_key

_MESSAGES = {
    # headings
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "district": {"vi": "Huyện, thành phố", "en": "District"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "admitted": {"vi": "Kết nạp", "en": "Admitted"},
    "attainment": {"vi": "Đạt chỉ tiêu", "en": "Attainment"},
    "female": {"vi": "Nữ", "en": "Women"},
    "ethnic_minority": {"vi": "DTTS", "en": "Ethnic minority"},
    "youth_union": {"vi": "Đoàn viên", "en": "Youth Union"},
    "religious": {"vi": "Tôn giáo", "en": "Religious"},
    "org_level": {"vi": "Xếp loại tổ chức", "en": "Organisation's rating"},
    "rated": {"vi": "Đảng viên được xếp loại", "en": "Members rated"},
    "excellent": {"vi": "HTXSNV", "en": "Excellent"},
    "good": {"vi": "HTTNV", "en": "Good"},
    "completed": {"vi": "HTNV", "en": "Completed"},
    "not_completed": {"vi": "KHTNV", "en": "Not completed"},
    "not_rated": {"vi": "Không xếp loại", "en": "Not rated"},
    "good_share": {"vi": "Tốt trở lên", "en": "Good or better"},
    "secretary_non_local": {"vi": "Bí thư không phải người địa phương", "en": "Secretary not local"},
    "secretary_chairs_pc": {"vi": "Bí thư đồng thời là Chủ tịch UBND", "en": "Secretary chairs the People's Committee"},
    "pc_chair_non_local": {"vi": "Chủ tịch UBND không phải người địa phương", "en": "Chair not local"},
    "pc_vice_chairs": {"vi": "Phó Chủ tịch UBND", "en": "Vice-chairs"},
    "pc_vice_chairs_non_local": {"vi": "Phó Chủ tịch không phải người địa phương", "en": "Vice-chairs not local"},
    "cadres": {"vi": "Cán bộ được giao", "en": "Cadres assigned"},
    "tasks": {"vi": "Việc đột phá", "en": "Breakthrough tasks"},
    "tasks_completed": {"vi": "Việc hoàn thành", "en": "Completed"},
    "tasks_per_cadre": {"vi": "Việc mỗi cán bộ", "en": "Tasks per cadre"},
    "completion_rate": {"vi": "Tỷ lệ hoàn thành", "en": "Completion rate"},
    "org_good_share": {"vi": "Tổ chức tốt trở lên", "en": "Organisations good or better"},
    "members_good_share": {"vi": "Đảng viên tốt trở lên", "en": "Members good or better"},
    "secretaries_share": {"vi": "Bí thư không phải người địa phương", "en": "Secretaries not local"},
    "file": {"vi": "Tệp", "en": "File"},
    "sheet": {"vi": "Trang tính", "en": "Sheet"},
    "cell": {"vi": "Ô", "en": "Cell"},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "message": {"vi": "Nội dung", "en": "What is wrong"},
    "fact_id": {"vi": "Mã", "en": "Id"},
    "years": {"vi": "Năm báo cáo", "en": "Report years"},
    "modified": {"vi": "Sửa lần cuối", "en": "Last modified"},
    "table": {"vi": "Bảng", "en": "Table"},
    "rows": {"vi": "Số dòng", "en": "Rows"},
    "files_caption": {"vi": "Các tệp số liệu đã đọc", "en": "The workbooks read"},
    "files_empty": {"vi": "Không có tệp số liệu nào.", "en": "No workbooks."},
    "counts_caption": {"vi": "Số dòng của mỗi bảng dữ liệu", "en": "Rows in each tidy table"},
    "fact_unit": {"vi": "Đơn vị, thời gian", "en": "Unit, period"},
    "fact_claim": {"vi": "Bài báo viết", "en": "The article says"},
    "fact_article": {"vi": "Số liệu bài báo", "en": "Article's figure"},
    "fact_data": {"vi": "Tính từ dữ liệu", "en": "From the data"},
    "fact_agrees": {"vi": "Khớp", "en": "Agrees"},
    "fact_note": {"vi": "Cách tính", "en": "How it is computed"},
    # cells
    "total": {"vi": "Tổng cộng", "en": "Total"},
    "province_total": {"vi": "Toàn tỉnh", "en": "Province"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "error": {"vi": "lỗi", "en": "error"},
    "warning": {"vi": "cảnh báo", "en": "warning"},
    "level_excellent": {"vi": "Hoàn thành xuất sắc", "en": "Excellent"},
    "level_good": {"vi": "Hoàn thành tốt", "en": "Good"},
    "level_completed": {"vi": "Hoàn thành", "en": "Completed"},
    "level_not_completed": {"vi": "Không hoàn thành", "en": "Not completed"},
    "no_figure": {"vi": "(bài báo không nêu số)", "en": "(the article gives no number)"},
    # captions and sentences
    "admissions_caption": {"vi": "Kết nạp đảng viên theo tổ chức cơ sở đảng, năm {year}", "en": "New members admitted by party organisation, {year}"},
    "ratings_caption": {"vi": "Xếp loại chất lượng theo tổ chức cơ sở đảng, năm {year}", "en": "Quality ratings by party organisation, {year}"},
    "placements_caption": {"vi": "Bố trí cán bộ chủ chốt cấp xã, năm {year}", "en": "Commune leaders, {year}"},
    "breakthrough_caption": {"vi": "Việc đột phá theo đơn vị, năm {year}", "en": "Breakthrough tasks by unit, {year}"},
    "problems_caption": {"vi": "Các vấn đề phát hiện trong tệp số liệu", "en": "Problems found in the data files"},
    "province_caption": {"vi": "Các huyện, thành phố, năm {year}", "en": "The districts, {year}"},
    "facts_caption": {"vi": "Số liệu của bài báo đối chiếu với dữ liệu", "en": "The article's figures against the data"},
    "empty": {"vi": "Không có số liệu {what} năm {year}.", "en": "No {what} figures for {year}."},
    "empty_any": {"vi": "Không có số liệu {what}.", "en": "No {what} figures."},
    "problems_empty": {"vi": "Không có vấn đề nào.", "en": "No problems."},
    "what_admissions": {"vi": "kết nạp đảng viên", "en": "admissions"},
    "what_ratings": {"vi": "xếp loại chất lượng", "en": "rating"},
    "what_placements": {"vi": "bố trí cán bộ", "en": "placement"},
    "what_breakthrough_tasks": {"vi": "việc đột phá", "en": "breakthrough task"},
    "what_province": {"vi": "của các huyện", "en": "district"},
    "blank_note": {"vi": "Ô để trống: báo cáo không ghi số liệu này.", "en": "A blank cell: the report does not give that figure."},
}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


def heading(key: str, lang: str | None = None) -> str:
    """A column heading in ``lang``.

    >>> heading("ethnic_minority"), heading("ethnic_minority", "en")
    ('DTTS', 'Ethnic minority')
    """
    return _t(key, get_lang(lang))


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------


@dataclass
class ReportTable:
    """A table as a report shows it: every cell already text in the report's language.

    ``rows`` holds the body and, when ``total_row`` is true, the totals as
    its last row; ``align`` is ``"left"`` or ``"right"`` per column;
    ``notes`` are printed under it; ``empty`` is the sentence shown instead
    of a table without rows.
    """

    caption: str
    headings: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)
    total_row: bool = False
    notes: list[str] = field(default_factory=list)
    empty: str = ""

    def __len__(self) -> int:
        return len(self.rows) - (1 if self.total_row else 0)

    def _repr_html_(self) -> str:
        if not len(self):
            return f'<p class="empty-table">{html.escape(self.empty)}</p>'
        align = self.align or ["left"] * len(self.headings)
        head = "".join(f'<th scope="col" class="{a}">{html.escape(h)}</th>' for h, a in zip(self.headings, align))
        body_rows = self.rows[:-1] if self.total_row else self.rows

        def row(cells: Sequence[str], css: str = "") -> str:
            first = f'<th scope="row">{html.escape(cells[0])}</th>'
            rest = "".join(f'<td class="{a}">{html.escape(c)}</td>' for c, a in zip(cells[1:], align[1:]))
            attrs = f' class="{css}"' if css else ""
            return f"<tr{attrs}>{first}{rest}</tr>"

        body = "".join(row(r) for r in body_rows)
        foot = f"<tfoot>{row(self.rows[-1], 'total')}</tfoot>" if self.total_row else ""
        notes = "".join(f'<p class="table-note">{html.escape(n)}</p>' for n in self.notes)
        return (
            f'<div class="report-table"><table><caption>{html.escape(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>{notes}</div>"
        )

    def __repr__(self) -> str:
        if not len(self):
            return self.empty
        lines = [self.caption, " | ".join(self.headings)]
        lines += [" | ".join(r) for r in self.rows]
        return "\n".join(lines + self.notes)

    def to_document(self):
        """The :class:`helpers.document.Table` of this table (``None`` when it has no rows)."""
        from .document import Table

        if not len(self):
            return None
        return Table(caption=self.caption, headings=list(self.headings), rows=[list(r) for r in self.rows],
                     total_row=self.total_row, align=list(self.align))  # fmt: skip


# --------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------


def _cell(value: object, how: str, lang: str) -> str:
    """One cell as text: ``count``, ``share``, ``rate`` (one decimal), ``flag``, ``text``."""
    if is_missing(value):
        return ""
    if how == "count":
        return format_number(int(value), 0, lang=lang)
    if how == "share":
        return format_percent(float(value), 1, lang=lang)
    if how == "rate":
        return format_number(float(value), 1, lang=lang)
    if how == "flag":
        return _t("yes" if bool(value) else "no", lang)
    return str(value)


#: One column of a table: (heading key, frame column, how its cells are written).
Column = tuple[str, str, str]


def _table(frame, columns: Sequence[Column], *, caption: str, lang: str, empty: str, total: dict | None = None,
           label: str = "unit", notes: Sequence[str] = ()) -> ReportTable:  # fmt: skip
    """Rows of ``frame`` (sorted by their first column, Vietnamese order), and a totals row."""
    first = columns[0][1]
    ordered = frame.sort_values(first, key=lambda s: s.map(vi_sort_key)) if len(frame) else frame
    rows = [[_cell(getattr(r, col), how, lang) for _key, col, how in columns] for r in ordered.itertuples(index=False)]
    align = ["left" if how == "text" else "right" for _key, _col, how in columns]
    table_notes = list(notes)
    if any(cell == "" for row in rows for cell in row[1:]):
        table_notes.append(_t("blank_note", lang))
    if total is not None and rows:
        rows.append([_t("total" if label == "unit" else "province_total", lang)]
                    + [_cell(total.get(col), how, lang) for _key, col, how in columns[1:]])  # fmt: skip
    return ReportTable(caption=caption, headings=[_t(k, lang) for k, _c, _h in columns], rows=rows, align=align,
                       total_row=total is not None and bool(rows), notes=table_notes, empty=empty)  # fmt: skip


def _latest(frame, year: int | None, lang: str):
    """The rows of one year (default: the latest), each unit's year counted once
    (:func:`helpers.indicators.whole_years`), and the year as a caption names it
    ("2025 (6 tháng đầu năm)" when the data cover only part of it)."""
    from . import indicators as ind
    from .narrative import year_label

    years = frame["year"].dropna()
    if year is None:
        year = int(years.max()) if len(years) else None
    if year is None:
        return frame.iloc[:0], None
    rows = ind.whole_years(frame[frame["year"] == year]) if len(frame) else frame.iloc[:0]
    periods = rows["periods"] if "periods" in rows.columns else None
    return rows, year_label(year, periods, lang)


def _empty(kind: str, year: int | None, lang: str) -> str:
    what = _t(f"what_{kind}", lang)
    return _t("empty", lang, what=what, year=year) if year is not None else _t("empty_any", lang, what=what)


def _sum(frame, column: str):
    return frame[column].sum(min_count=1) if len(frame) else None


def _ratio(num, den):
    if is_missing(num) or is_missing(den) or float(den) == 0:
        return None
    return float(num) / float(den)


def _shown(value: object, lang: str) -> object:
    """A count after suppression as text: the mark as it is, a count the language's way, a gap as missing."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value
    return format_number(int(value), 0, lang=lang)


def _suppressed(frame, columns: list[str], lang: str, totals: dict | None = None):
    """``frame`` with small counts of ``columns`` hidden (publication mode), and the note."""
    from .plots import SUPPRESSION_THRESHOLD
    from .safety import MARK, suppress, suppression_note

    hidden = suppress(frame.reset_index(drop=True), threshold=SUPPRESSION_THRESHOLD, value_columns=columns,
                      total_columns=totals)  # fmt: skip
    shown = hidden.copy()
    for col in columns:
        mask = hidden[f"{col}_suppressed"].fillna(False).astype(bool)
        shown[col] = hidden[col].astype("object").where(~mask, MARK)
    return shown, suppression_note(SUPPRESSION_THRESHOLD, lang)


# --------------------------------------------------------------------------
# The district tables
# --------------------------------------------------------------------------

_BREAKDOWN = ["female", "ethnic_minority", "youth_union", "religious"]


def admissions_table(admissions, *, year: int | None = None, lang: str | None = None, publish: bool = False) -> ReportTable:
    """Targets, admissions and who was admitted, by party organisation, in one year (default: the latest).

    In publication mode the breakdown counts (Nữ, DTTS, Đoàn viên, Tôn
    giáo) below the threshold are shown as ``*``, with the cells that would
    reveal them, the totals row being published.
    """
    lang = get_lang(lang)
    rows, year = _latest(admissions, year, lang)
    rows = rows.copy()
    with_target = rows["admitted"].where(rows["target"].notna())
    rows["attainment"] = [_ratio(a, t) for a, t in zip(with_target, rows["target"])]
    total = {c: _sum(rows, c) for c in ["target", "admitted", *_BREAKDOWN]}
    total["attainment"] = _ratio(with_target.sum(min_count=1) if len(rows) else None, total["target"])
    notes = []
    columns: list[Column] = [("unit", "unit", "text"), ("target", "target", "count"), ("admitted", "admitted", "count"),
                             ("attainment", "attainment", "share")]  # fmt: skip
    how = "text" if publish else "count"
    if publish and len(rows):
        rows, note = _suppressed(rows, _BREAKDOWN, lang)
        rows[_BREAKDOWN] = rows[_BREAKDOWN].map(lambda v: _shown(v, lang))
        notes.append(note)
    columns += [(c, c, how) for c in _BREAKDOWN]
    if publish:
        total.update({c: None if is_missing(total[c]) else format_number(int(total[c]), 0, lang=lang) for c in _BREAKDOWN})
    return _table(rows, columns, caption=_t("admissions_caption", lang, year=year), lang=lang,
                  empty=_empty("admissions", year, lang), total=total, notes=notes)  # fmt: skip


_LEVELS = ["excellent", "good", "completed", "not_completed"]


def ratings_table(ratings, *, year: int | None = None, lang: str | None = None, publish: bool = False) -> ReportTable:
    """Each organisation's own rating and its members' ratings, in one year (default: the latest)."""
    lang = get_lang(lang)
    rows, year = _latest(ratings, year, lang)
    members = rows[(rows["subject"] == "members")]
    wide = members[members["level"].notna()].pivot_table(index="unit", columns="level", values="count", aggfunc="sum",
                                                         observed=False)  # fmt: skip
    wide = wide.reindex(columns=_LEVELS).astype("Int64") if len(wide) else wide.reindex(columns=_LEVELS)
    not_rated = members[members["level"].isna()].groupby("unit")["count"].sum(min_count=1)
    orgs = rows[rows["subject"] == "organisation"].groupby("unit")["level"].first()
    units = sorted(set(wide.index) | set(orgs.index), key=vi_sort_key)
    frame = wide.reindex(units).reset_index().rename(columns={"index": "unit"})
    frame["org_level"] = [_t(f"level_{orgs[u]}", lang) if u in orgs.index and not is_missing(orgs[u]) else None for u in units]
    frame["rated"] = frame[_LEVELS].sum(axis=1, min_count=1).astype("Int64")
    frame["not_rated"] = [not_rated.get(u) for u in units]
    frame["good_share"] = [_ratio(_plus(e, g), r) for e, g, r in zip(frame["excellent"], frame["good"], frame["rated"])]
    total = {c: _sum(frame, c) for c in [*_LEVELS, "rated", "not_rated"]}
    total["good_share"] = _ratio(_plus(total["excellent"], total["good"]), total["rated"])
    notes, how = [], "count"
    if publish and len(frame):
        hidden = [*_LEVELS, "not_rated"]
        frame, note = _suppressed(frame, hidden, lang, totals={"rated": _LEVELS})
        frame[hidden] = frame[hidden].map(lambda v: _shown(v, lang))
        total.update({c: None if is_missing(total[c]) else format_number(int(total[c]), 0, lang=lang) for c in hidden})
        notes.append(note)
        how = "text"
    columns: list[Column] = [("unit", "unit", "text"), ("org_level", "org_level", "text"), ("rated", "rated", "count")]
    columns += [(lvl, lvl, how) for lvl in _LEVELS]
    columns += [("not_rated", "not_rated", how), ("good_share", "good_share", "share")]
    return _table(frame, columns, caption=_t("ratings_caption", lang, year=year), lang=lang,
                  empty=_empty("ratings", year, lang), total=total, notes=notes)  # fmt: skip


def _plus(a, b):
    return None if is_missing(a) or is_missing(b) else int(a) + int(b)


_FLAGS = ["secretary_non_local", "secretary_chairs_pc", "pc_chair_non_local"]


def placements_table(placements, *, year: int | None = None, lang: str | None = None) -> ReportTable:
    """Whether each commune's leaders are local, in one year (default: the latest); totals count the yes."""
    lang = get_lang(lang)
    rows, year = _latest(placements, year, lang)
    total = {c: int(rows[c].fillna(False).astype(bool).sum()) for c in _FLAGS} if len(rows) else {}
    total.update({c: _sum(rows, c) for c in ["pc_vice_chairs", "pc_vice_chairs_non_local"]})
    columns: list[Column] = [("unit", "unit", "text")] + [(c, c, "flag") for c in _FLAGS]
    columns += [("pc_vice_chairs", "pc_vice_chairs", "count"), ("pc_vice_chairs_non_local", "pc_vice_chairs_non_local", "count")]
    table = _table(rows, columns, caption=_t("placements_caption", lang, year=year), lang=lang,
                   empty=_empty("placements", year, lang), total=total)  # fmt: skip
    if table.total_row:  # the totals of yes/no columns are counts, not flags
        table.rows[-1][1:4] = [format_number(total[c], 0, lang=lang) for c in _FLAGS]
    return table


def breakthrough_table(tasks, *, year: int | None = None, lang: str | None = None) -> ReportTable:
    """Cadres, tasks and completed tasks by unit, in one year (default: the latest)."""
    lang = get_lang(lang)
    rows, year = _latest(tasks, year, lang)
    rows = rows.copy()
    rows["tasks_per_cadre"] = [_ratio(t, c) for t, c in zip(rows["tasks"], rows["cadres"])]
    rows["completion_rate"] = [_ratio(d, t) for d, t in zip(rows["tasks_completed"], rows["tasks"])]
    total = {c: _sum(rows, c) for c in ["cadres", "tasks", "tasks_completed"]}
    total["tasks_per_cadre"] = _ratio(total["tasks"], total["cadres"])
    total["completion_rate"] = _ratio(total["tasks_completed"], total["tasks"])
    columns: list[Column] = [("unit", "unit", "text"), ("cadres", "cadres", "count"), ("tasks", "tasks", "count"),
                             ("tasks_completed", "tasks_completed", "count"), ("tasks_per_cadre", "tasks_per_cadre", "rate"),
                             ("completion_rate", "completion_rate", "share")]  # fmt: skip
    return _table(rows, columns, caption=_t("breakthrough_caption", lang, year=year), lang=lang,
                  empty=_empty("breakthrough_tasks", year, lang), total=total)  # fmt: skip


def problems_table(problems, *, lang: str | None = None) -> ReportTable:
    """Every problem found: file, sheet, cell, severity, message (``Reports.problems_frame()``), in reading order."""
    lang = get_lang(lang)
    rows = [
        [str(r.file or ""), str(r.sheet or ""), str(r.cell or ""), _t(str(r.severity), lang), str(r.message)]
        for r in problems.itertuples(index=False)
    ]
    return ReportTable(caption=_t("problems_caption", lang), headings=[_t(k, lang) for k in ("file", "sheet", "cell", "severity", "message")],
                       rows=rows, align=["left"] * 5, empty=_t("problems_empty", lang))  # fmt: skip


# --------------------------------------------------------------------------
# The province and the fact check
# --------------------------------------------------------------------------


def province_table(tables, *, year: int | None = None, lang: str | None = None, boundaries: int | None = None) -> ReportTable:
    """One row per district in one year (default: the latest admissions year), and the province's totals."""
    from . import indicators as ind

    lang = get_lang(lang)
    from .dataset import district_rows
    from .narrative import year_label

    tables = {k: district_rows(f) for k, f in tables.items()}
    adm = ind.admissions_attainment(tables["admissions"], by="district", boundaries=boundaries)
    if year is None:
        year = int(adm["year"].max()) if len(adm) else None
    _rows = adm[adm["year"] == year]
    when = year_label(year, _rows.get("periods"), lang) if year is not None else None
    frame = _rows[["district", "target", "admitted", "attainment"]].copy()
    good = ind.good_or_better(tables["ratings"], subject=["organisation", "members"], boundaries=boundaries)
    for subject, col in (("organisation", "org_good_share"), ("members", "members_good_share")):
        sub = good[(good["year"] == year) & (good["subject"] == subject)].set_index("district")["share"]
        frame[col] = frame["district"].map(sub)
    lead = ind.non_local_leadership(tables["placements"], boundaries=boundaries)
    frame["secretaries_share"] = frame["district"].map(lead[lead["year"] == year].set_index("district")["share_secretaries_non_local"])
    tasks = ind.breakthrough_summary(tables["breakthrough_tasks"], by="district", boundaries=boundaries)
    frame["tasks_per_cadre"] = frame["district"].map(tasks[tasks["year"] == year].set_index("district")["tasks_per_cadre"])
    total = _province_totals(tables, good, lead, tasks, _rows, year)
    columns: list[Column] = [("district", "district", "text"), ("target", "target", "count"), ("admitted", "admitted", "count"),
                             ("attainment", "attainment", "share"), ("org_good_share", "org_good_share", "share"),
                             ("members_good_share", "members_good_share", "share"),
                             ("secretaries_share", "secretaries_share", "share"), ("tasks_per_cadre", "tasks_per_cadre", "rate")]  # fmt: skip
    return _table(frame, columns, caption=_t("province_caption", lang, year=when), lang=lang,
                  empty=_empty("province", when, lang), total=total, label="province")  # fmt: skip



def _province_totals(tables, good, lead, tasks, adm, year) -> dict:
    """The province's own figures: sums of counts, shares of the sums."""
    from . import indicators as ind

    latest = lambda frame: frame[frame["year"] == year]  # noqa: E731
    total = {"target": _sum(adm, "target"), "admitted": _sum(adm, "admitted")}
    counted = tables["admissions"]
    counted = ind.whole_years(counted[counted["year"] == year]) if len(counted) else counted
    counted = counted[counted["target"].notna()]
    total["attainment"] = _ratio(_sum(counted, "admitted"), total["target"])
    for subject, col in (("organisation", "org_good_share"), ("members", "members_good_share")):
        sub = latest(good[good["subject"] == subject])
        total[col] = _ratio(_sum(sub, "good_or_better"), _sum(sub, "rated"))
    place = latest(lead)
    total["secretaries_share"] = _ratio(_sum(place, "secretaries_non_local"), _sum(place, "units"))
    work = latest(tasks)
    total["tasks_per_cadre"] = _ratio(_sum(work, "tasks"), _sum(work, "cadres"))
    return total


def fact_value(fact_id: str, value: str, lang: str | None = None) -> str:
    """The article's figure as the report writes it: glossed in English, a sentence where it gives none.

    >>> fact_value("F3", "9 trở lên", "en"), fact_value("F13", "–", "vi")
    ('9 or more', '(bài báo không nêu số)')
    """
    from .facts import FACTS

    lang = get_lang(lang)
    text = FACTS.get(fact_id, {}).get("article_value_en", value) if lang == "en" else value
    return _t("no_figure", lang) if str(text).strip() in ("", "–", "-") else str(text)


def _fact_unit(unit: str, period: str, lang: str) -> str:
    from .narrative import place
    from .text import split_district_name, split_unit_name

    district = split_district_name(unit)
    if district:
        name = place(district, "district", lang)
    else:
        bare, kind = split_unit_name(unit)
        name = unit if lang == "vi" else f"{bare} {'commune' if kind == 'commune' else 'unit'}"
    return f"{name}, {period}"


def files_table(dataset, *, lang: str | None = None) -> ReportTable:
    """The workbooks read: file, districts, report years, last modified (every supported kind of file, found recursively)."""
    from .dataset import format_date, format_years

    lang = get_lang(lang)
    sheets = dataset.reports.sheets
    rows = []
    for f in dataset.files:
        read = sheets[(sheets["file"] == f.display) & (sheets["status"] == "read")]
        districts = ", ".join(sorted({str(d) for d in read["district"].dropna()}, key=vi_sort_key))
        rows.append([f.display, districts, format_years(dataset.years_of(f)), format_date(f.modified, lang)])
    return ReportTable(caption=_t("files_caption", lang), headings=[_t(k, lang) for k in ("file", "district", "years", "modified")],
                       rows=rows, align=["left"] * 4, empty=_t("files_empty", lang))  # fmt: skip


def counts_table(tables, *, lang: str | None = None) -> ReportTable:
    """How many rows each tidy table has."""
    from .schema import TABLES

    lang = get_lang(lang)
    rows = [[_t(f"what_{name}", lang).capitalize(), format_number(len(tables[name]), 0, lang=lang)] for name in TABLES]
    return ReportTable(caption=_t("counts_caption", lang), headings=[_t("table", lang), _t("rows", lang)], rows=rows,
                       align=["left", "right"], empty="")  # fmt: skip


def facts_table(facts, *, lang: str | None = None) -> ReportTable:
    """The fact-check (:func:`helpers.facts.check_facts`) in its figures' order: the article beside the data."""
    lang = get_lang(lang)
    rows = []
    for r in facts.itertuples(index=False):
        claim = r.claim if lang == "vi" else f"{r.claim_en} (“{r.claim}”)"
        article = fact_value(r.id, r.article_value, lang)
        rows.append([r.id, _fact_unit(r.unit, r.period, lang), claim, article, str(r.data_value),
                     _t("yes" if r.agrees else "no", lang), str(r.note)])  # fmt: skip
    keys = ("fact_id", "fact_unit", "fact_claim", "fact_article", "fact_data", "fact_agrees", "fact_note")
    return ReportTable(caption=_t("facts_caption", lang), headings=[_t(k, lang) for k in keys], rows=rows,
                       align=["left"] * len(keys), empty=_empty("admissions", None, lang))  # fmt: skip


# --------------------------------------------------------------------------
# The new members' profile (Biểu số 2-BTCTW)
# --------------------------------------------------------------------------

_PROFILE_MESSAGES = {
    "profile_caption": {"vi": "Cơ cấu đảng viên mới kết nạp năm {year} so với năm {previous} (Biểu số 2-BTCTW)",
                        "en": "New members in {year} against {previous} (form 2-BTCTW)"},
    "profile_group": {"vi": "Nhóm", "en": "Group"},
    "profile_criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "profile_count": {"vi": "Năm {year}", "en": "{year}"},
    "profile_share": {"vi": "Tỷ lệ năm {year}", "en": "Share {year}"},
    "profile_empty": {"vi": "Dữ liệu không có Biểu số 2-BTCTW (thống kê đảng viên mới kết nạp).",
                      "en": "The data hold no form 2-BTCTW (new members)."},
}


def profile_table(profile, *, lang: str | None = None) -> ReportTable:
    """The new members by age band, occupation and schooling, this year and the year before, counts and shares.

    ``profile``: :func:`helpers.formprofile.report_profile` (one committee's
    year, in the form's order).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"unit": "A", "year": 2024, "group": ["age", "age"], "criterion": ["age.18_30", "age.31_35"],
    ...     "value": [30.0, 10.0], "previous": [16.0, 16.0], "share": [0.75, 0.25], "share_previous": [0.5, 0.5]})
    >>> t = profile_table(p, lang="en")
    >>> t.headings, t.rows[0]
    (['Group', 'Criterion', '2024', 'Share 2024', '2023', 'Share 2023'], ['Age', 'Aged 18–30', '30', '75.0%', '16', '50.0%'])
    """
    from .formprofile import GROUP_NAMES, short_label

    lang = get_lang(lang)
    empty = translate(_PROFILE_MESSAGES, "profile_empty", lang)
    if not len(profile):
        return ReportTable(caption="", headings=[], rows=[], empty=empty)
    year = int(profile["year"].iloc[0])

    def t(key: str, **params: object) -> str:
        return translate(_PROFILE_MESSAGES, key, lang, **params)

    rows = [[GROUP_NAMES[r.group][lang], short_label(r.criterion, lang), _cell(r.value, "count", lang),
             _cell(r.share, "share", lang), _cell(r.previous, "count", lang), _cell(r.share_previous, "share", lang)]
            for r in profile.itertuples(index=False)]
    headings = [t("profile_group"), t("profile_criterion"), t("profile_count", year=year), t("profile_share", year=year),
                t("profile_count", year=year - 1), t("profile_share", year=year - 1)]
    return ReportTable(caption=t("profile_caption", year=year, previous=year - 1), headings=headings, rows=rows,
                       align=["left", "left", "right", "right", "right", "right"], empty=empty)
