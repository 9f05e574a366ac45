"""Writing official form sheets (Biểu số 2-BTCTW …) in their real layout.

:func:`write_form` writes one committee's form on an openpyxl worksheet:
the header block (the committee on the left, "Biểu số …" on the right),
the title with the year and period and the dates covered, the two-row
column header with its merged cells, the numbering row ("1 | 2 | 3 |
4(=2*100/3)"), the sections and rows as the form declares them
(:mod:`helpers.kinds.forms`), and the footer with the signing date and
the signatures.  :func:`write_form_workbook` writes workbooks of such
sheets with an instructions sheet first.  The tests, the blank template
(:mod:`helpers.templates`) and the bundled data use this module; it never
opens a workbook it did not create.

Examples
--------
>>> from openpyxl import Workbook
>>> ws = Workbook().active
>>> cells = write_form(ws, FormSheet("2-BTCTW", Committee("Tuyên Quang", district="Chiêm Hóa"), 2023,
...                                  {"total": {"value": 40, "previous": 32}}))
>>> cells.label["total"], cells.figure["total"], ws[cells.figure["total"]["percent"]].value
('A11', {'value': 'B11', 'previous': 'C11', 'percent': 'D11'}, 125.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .kinds import forms as _forms
from .kinds.formdecl import Form, FormColumn, FormRow, FormSection
from .text import new_tones

_PERIOD_WORDS = {"year": "NĂM {year}", "H1": "6 THÁNG ĐẦU NĂM {year}", "H2": "6 THÁNG CUỐI NĂM {year}",
                 "Q1": "QUÝ I NĂM {year}", "Q2": "QUÝ II NĂM {year}", "Q3": "QUÝ III NĂM {year}",
                 "Q4": "QUÝ IV NĂM {year}", "M9": "9 THÁNG NĂM {year}"}
_PERIOD_DATES = {"year": ("01/01", "31/12"), "H1": ("01/01", "30/6"), "H2": ("01/7", "31/12"), "Q1": ("01/01", "31/3"),
                 "Q2": ("01/4", "30/6"), "Q3": ("01/7", "30/9"), "Q4": ("01/10", "31/12"), "M9": ("01/01", "30/9")}
_BOLD = Font(bold=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Committee:
    """The committee whose form it is: a province's board (no district, no commune), a district's, a commune's."""

    province: str
    district: str | None = None
    commune: str | None = None
    commune_word: str = "XÃ"
    #: write the province's line above a district's or a commune's committee
    province_line: bool = True
    #: the district committee's word: "HUYỆN ỦY", or "THÀNH ỦY" of a city, "THỊ ỦY", "QUẬN ỦY"
    committee_word: str = "HUYỆN ỦY"

    def lines(self) -> list[str]:
        if self.commune:
            head = [f"ĐẢNG BỘ TỈNH {self.province.upper()}"] if self.province_line else []
            return [*head, f"ĐẢNG ỦY {self.commune_word} {self.commune.upper()}"]
        if self.district:
            head = [f"ĐẢNG BỘ TỈNH {self.province.upper()}"] if self.province_line else []
            return [*head, f"{self.committee_word} {self.district.upper()}", "BAN TỔ CHỨC"]
        return [f"TỈNH ỦY {self.province.upper()}", "BAN TỔ CHỨC"]

    @property
    def place(self) -> str:
        return self.commune or self.district or self.province


@dataclass
class FormSheet:
    """One form sheet to write.

    ``values``: criterion → {field: figure} ("total" → {"value": 40,
    "previous": 32}); a percent not given is computed when the form declares
    its ratio.  ``wording``: criterion → the label to write instead of the
    canonical one (a variant); ``extra``: (after criterion, label, {field:
    figure}) rows the form does not declare; ``omit``: criteria not written.
    ``side_by_side``: the sections as tables side by side (Biểu 2B).
    """

    form: str
    committee: Committee
    year: int
    values: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    period: str = "year"
    sheet: str | None = None
    wording: Mapping[str, str] = field(default_factory=dict)
    extra: tuple[tuple[str, str, Mapping[str, object]], ...] = ()
    omit: frozenset[str] = frozenset()
    tones: str = "classic"
    side_by_side: bool = False
    percent_decimals: int = 1
    signing_day: str = "15 tháng 01"


@dataclass
class FormCells:
    """Where a written form's cells are: each criterion's label cell and figure cells, the header's first cell."""

    header: str
    label: dict[str, str] = field(default_factory=dict)
    figure: dict[str, dict[str, str]] = field(default_factory=dict)
    data_rows: list[int] = field(default_factory=list)


def _text(text: str, sheet: FormSheet) -> str:
    return new_tones(text) if sheet.tones == "new" else text


def write_form(ws, sheet: FormSheet) -> FormCells:
    """Write one form sheet on ``ws``; return where its cells are."""
    form = _forms.get(sheet.form)
    tt = form.number == "2B"
    blocks = [form.sections[:1], form.sections[1:]] if sheet.side_by_side else [form.sections]
    width = (1 + tt + len(form.columns))
    ncols = width * len(blocks)
    top = _write_head(ws, form, sheet, ncols)
    cells = FormCells(header=f"{get_column_letter(1 + tt)}{top}")
    depth = max(len(c.heading) for c in form.columns)
    end = top
    for b, sections in enumerate(blocks):
        first = 1 + b * width
        _write_header(ws, form, top, first, depth, tt)
        end = max(end, _write_rows(ws, form, sheet, sections, top + depth + 1, first, tt, cells))
    _write_footer(ws, form, sheet, end + 1, ncols)
    ws.column_dimensions[get_column_letter(1 + tt)].width = 60
    return cells


def _write_head(ws, form: Form, sheet: FormSheet, ncols: int) -> int:
    lines = sheet.committee.lines()
    for i, line in enumerate(lines, start=1):
        ws.cell(i, 1, _text(line, sheet)).font = _BOLD
    ws.cell(1, ncols, f"Biểu số {form.number}")
    r = len(lines) + 2
    when = _PERIOD_WORDS[sheet.period].format(year=sheet.year)
    ws.cell(r, 1, _text(f"{form.title} {when}", sheet)).font = _BOLD
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
    start, stop = _PERIOD_DATES[sheet.period]
    ws.cell(r + 1, 1, f"(Số liệu tính từ {start}/{sheet.year} đến {stop}/{sheet.year})")
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=ncols)
    return r + 3


def _write_header(ws, form: Form, top: int, first: int, depth: int, tt: bool) -> None:
    c = first
    if tt:
        ws.cell(top, c, "TT")
        ws.merge_cells(start_row=top, start_column=c, end_row=top + depth - 1, end_column=c)
        ws.cell(top + depth, c, "1")
        c += 1
    ws.cell(top, c, form.label_headings[0]).font = _BOLD
    if depth > 1:
        ws.merge_cells(start_row=top, start_column=c, end_row=top + depth - 1, end_column=c)
    ws.cell(top + depth, c, str(1 + tt))
    c += 1
    spans: list[tuple[str, int, int]] = []
    for i, column in enumerate(form.columns):
        col = c + i
        path = column.heading
        if len(path) < depth:
            ws.cell(top, col, path[0])
            ws.merge_cells(start_row=top, start_column=col, end_row=top + depth - 1, end_column=col)
        else:
            if spans and spans[-1][0] == path[0]:
                spans[-1] = (path[0], spans[-1][1], col)
            else:
                spans.append((path[0], col, col))
            ws.cell(top + depth - 1, col, path[-1])
        ws.cell(top + depth, col, column.number)
    for text, a, b in spans:
        ws.cell(top, a, text)
        if b > a:
            ws.merge_cells(start_row=top, start_column=a, end_row=top, end_column=b)
    for row in ws.iter_rows(min_row=top, max_row=top + depth, min_col=first, max_col=c + len(form.columns) - 1):
        for cell in row:
            cell.alignment = _CENTRE


def _label(form: Form, section: FormSection, row: FormRow, sheet: FormSheet, k: int) -> str:
    text = sheet.wording.get(row.key, row.label)
    if row.within is not None:
        return f"- {text}"
    if row.split_of is not None:
        return f"+ {text}"
    if section.code == "I" and k == 1 and not section.titles:
        return f"I. {text}"
    if section.code == "III" or (section.adds_to is None and not section.titles):
        return f"{k}. {text}" if section.code == "III" else f"- {text}"
    return f"- {text}"


def _write_rows(ws, form: Form, sheet: FormSheet, sections, r: int, first: int, tt: bool, cells: FormCells) -> int:
    lc = first + tt
    for section in sections:
        if section.titles:
            number = section.code.split(".")[-1]
            ws.cell(r, lc, _text(f"{number}. {section.titles[0]}", sheet)).font = _BOLD
            if tt:
                ws.cell(r, first, number)
            r += 1
        k = 0
        for row in section.rows:
            if row.within is None and row.split_of is None:
                k += 1
            if row.key not in sheet.omit:
                _write_row(ws, form, sheet, r, lc, row.key, _text(_label(form, section, row, sheet, k), sheet), cells)
                r += 1
            for after, label, values in sheet.extra:
                if after == row.key:
                    _write_values(ws, form, r, lc, label, values)
                    r += 1
    return r


def _write_row(ws, form: Form, sheet: FormSheet, r: int, lc: int, key: str, label: str, cells: FormCells) -> None:
    cells.label[key] = f"{get_column_letter(lc)}{r}"
    cells.data_rows.append(r)
    values = dict(sheet.values.get(key, {}))
    if form.ratio is not None and values.get(form.ratio.percent) is None:
        num, den = values.get(form.ratio.num), values.get(form.ratio.den)
        if isinstance(num, (int, float)) and isinstance(den, (int, float)) and den:
            values[form.ratio.percent] = round(num * 100 / den, sheet.percent_decimals)
    ws.cell(r, lc, label)
    for i, column in enumerate(form.columns):
        col = lc + 1 + i
        criterion = key if column.of is None else f"{key}.{column.of}"
        value = values.get(column.field) if column.of is None else sheet.values.get(criterion, {}).get(column.field)
        cells.figure.setdefault(criterion, {})[column.field] = f"{get_column_letter(col)}{r}"
        if value is not None:
            ws.cell(r, col, value)


def _write_values(ws, form: Form, r: int, lc: int, label: str, values: Mapping[str, object]) -> None:
    ws.cell(r, lc, label)
    for i, column in enumerate(form.columns):
        if column.of is None and values.get(column.field) is not None:
            ws.cell(r, lc + 1 + i, values[column.field])


def _write_footer(ws, form: Form, sheet: FormSheet, r: int, ncols: int) -> None:
    ws.cell(r + 1, ncols, f"{sheet.committee.place}, ngày {sheet.signing_day} năm {sheet.year + (sheet.period == 'year')}")
    ws.cell(r + 2, 1, form.footer[0]).font = _BOLD
    ws.cell(r + 2, ncols, form.footer[-1]).font = _BOLD
    for col in (1, ncols):  # signed on paper: the bundled forms hold no one's name
        ws.cell(r + 3, col, "(Ký, ghi rõ họ tên)")


def instructions_sheet(wb, forms: list[Form], title: str = "Hướng dẫn"):
    """An instructions sheet (Vietnamese) for the forms of a workbook, placed first."""
    ws = wb.create_sheet(title, 0)
    r = 1
    for form in forms:
        for line in form.instructions or (f"HƯỚNG DẪN GHI BIỂU SỐ {form.number}",):
            ws.cell(r, 1, line)
            r += 1
        r += 1
    ws.column_dimensions["A"].width = 110
    return ws


def write_form_workbook(path: str | Path, sheets: list[FormSheet], *, instructions: bool = True) -> dict[str, FormCells]:
    """Write a workbook of form sheets (an instructions sheet first); return each sheet's cells by sheet name."""
    from openpyxl import Workbook

    from .sheetwriter import save_stable

    wb = Workbook()
    wb.remove(wb.active)
    out = {}
    for i, sheet in enumerate(sheets):
        name = sheet.sheet or f"{sheet.form} {sheet.committee.place}"[:31] if len(sheets) > 1 else (sheet.sheet or sheet.form)
        out[name] = write_form(wb.create_sheet(name), sheet)
    if instructions:
        instructions_sheet(wb, list({_forms.get(s.form).number: _forms.get(s.form) for s in sheets}.values()))
    save_stable(wb, Path(path))
    return out


#: Biểu 2's section I rows and the admissions columns they are counted from.
ADMISSIONS_ROWS = {"total": "admitted", "female": "female", "ethnic_minority": "ethnic_minority",
                   "youth_union": "youth_union", "religious": "religious"}


def form_2_values(admissions, year: int, *, period: str = "year") -> dict[str, dict[str, object]]:
    """Section I of a Biểu 2 from an admissions table of one committee: kỳ này ``year``, cùng kỳ the year before.

    ``admissions``: tidy admissions rows (one district's, say); a figure
    missing from every row of a year stays blank.  The analysis sections
    (occupations, age, schooling) are not in the admissions reports:
    :func:`apportion` spreads a total over them so that each adds up.

    >>> import pandas as pd
    >>> adm = pd.DataFrame({"year": [2022, 2023, 2023], "period": ["year"] * 3, "admitted": [30, 20, 21],
    ...                     "female": [10, 9, 8], "ethnic_minority": [20, 15, 14], "youth_union": [25, 17, 18],
    ...                     "religious": [None, 1, 0]}).astype({"religious": "Int64"})
    >>> form_2_values(adm, 2023)["total"], form_2_values(adm, 2023)["religious"]
    ({'value': 41, 'previous': 30}, {'value': 1, 'previous': None})
    """
    out: dict[str, dict[str, object]] = {}
    this = admissions[(admissions["year"] == year) & (admissions["period"] == period)]
    last = admissions[(admissions["year"] == year - 1) & (admissions["period"] == period)]
    for key, column in ADMISSIONS_ROWS.items():
        out[key] = {"value": _sum(this[column]), "previous": _sum(last[column])}
    return out


def _sum(values):
    return int(values.sum()) if len(values) and values.notna().any() else None


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """``total`` spread over the keys in proportion to ``weights``, whole numbers adding up to it (largest remainders).

    >>> apportion(10, {"a": 1, "b": 1, "c": 1})
    {'a': 4, 'b': 3, 'c': 3}
    >>> sum(apportion(41, {"18_30": 0.55, "31_35": 0.2, "36_40": 0.15, "over_40": 0.1}).values())
    41
    """
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in exact.items()}
    rest = total - sum(out.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - out[k]), list(exact).index(k)))[:rest]:
        out[k] += 1
    return out


def column_of(form: Form, fld: str, of: str | None = None) -> FormColumn:
    """The declared column that writes ``fld`` (of an "of whom" column ``of``)."""
    return next(c for c in form.columns if c.field == fld and c.of == of)
