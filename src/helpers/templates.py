"""Blank report templates: the canonical layout, ready to fill in.

A template is a workbook with an instructions sheet (in Vietnamese) and one
report sheet of one kind for one district and year: the header block and
title filled in, the district's units of that year listed (from the unit
registry, commune-level units then agencies), and the data cells checked as
they are typed: whole numbers from 0 for counts, a drop-down list for level
words and for yes/no cells.  The header rows are locked (the sheet is
protected, without a password, and only the data cells are left unlocked).

There are no total rows: the reader needs none, and a formula written here
would hold no value until the file is opened and saved in a spreadsheet
program.

The official forms have templates too (:data:`FORM_TEMPLATES`: ``form-2``
is Biểu số 2-BTCTW, ``form-2b`` Biểu 2B): :func:`write_form_template`
writes the form of a district's committee in its real layout
(:mod:`helpers.formwriter`), its figure cells checked as they are typed:
whole numbers from 0 for counts, a number from 0 for a mean (Tuổi bình
quân) and for the percentages.

Examples
--------
>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     info = write_template(os.path.join(d, "t.xlsx"), "admissions", "Chiêm Hóa", 2023)
>>> info.sheet, info.unit_cells[0], len(info.unit_cells)
('2023', 'B11', 32)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import kinds as _kinds
from .i18n import translate
from .sheetwriter import LEVEL_WORDS, Layout, column_kinds, save_stable, write_report
from .text import fold
from .units import COMMUNE_LEVEL, district_names, units_in

#: The layout of every template: the canonical one, without totals.
TEMPLATE_LAYOUT = Layout(subtotals=False, grand_total=None)

#: What a yes cell holds in a template (the drop-down also offers "không").
YES, NO = "x", "không"

_COMMON_INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN BIỂU MẪU",
    "Chỉ điền vào các ô số liệu của mẫu này; các dòng tiêu đề đã được khóa, không sửa.",
    "Ô số liệu chỉ nhận số nguyên không âm; để trống ô chưa có số liệu.",
    "Các mức xếp loại: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, "
    "Không hoàn thành nhiệm vụ.",
    "Kiểm tra biểu đã điền bằng lệnh: python -m helpers check <tệp>.",
)

#: The official forms a template can be written of: template name → form number.
FORM_TEMPLATES = {"form-2": "2-BTCTW", "form-2b": "2B"}

_MESSAGES = {
    "count": {"vi": "Nhập số nguyên không âm (0, 1, 2 …).", "en": "Enter a whole number from 0."},
    "decimal": {"vi": "Nhập một số không âm (có thể có phần thập phân).", "en": "Enter a number from 0 (decimals allowed)."},
    "list": {"vi": "Chọn một giá trị trong danh sách.", "en": "Pick a value from the list."},
    "unknown_district": {
        "vi": "Không có huyện {district!r}; các huyện: {known}.",
        "en": "No district {district!r}; the districts are: {known}.",
    },
    "written": {
        "vi": "Đã ghi biểu mẫu {kind} của {district} năm {year} ({n} đơn vị) vào {out}",
        "en": "Wrote the template of {kind} of {district} for {year} ({n} units) to {out}",
    },
    "written_form": {
        "vi": "Đã ghi biểu mẫu Biểu số {form} của {district} năm {year} ({n} dòng tiêu chí) vào {out}",
        "en": "Wrote the blank form {form} of {district} for {year} ({n} criterion rows) to {out}",
    },
}


@dataclass(frozen=True)
class TemplateInfo:
    """Where things are in a written template."""

    path: Path
    sheet: str
    unit_cells: list[str]
    #: Data cells of each figure column: (field, part, cell kind) -> column letter.
    columns: dict[tuple[str, str | None, str], str]


def _resolve_district(district: str) -> str | None:
    for name in district_names():
        if fold(name) == fold(district):
            return name
    return None


def write_template(path: str | Path, kind: str, district: str, year: int, *, lang: str | None = None) -> TemplateInfo:
    """Write a blank template of ``kind`` for ``district`` and ``year``.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write.
    kind : str
        ``admissions``, ``ratings``, ``placements`` or ``breakthrough_tasks``.
    district : str
        One of :func:`helpers.units.district_names` (matched loosely).
    year : int
        The report year; its units are listed.
    lang : str, optional
        Language of the validation messages (the sheet itself is Vietnamese).

    Returns
    -------
    TemplateInfo
        The sheet name, the unit cells and the data column of each figure.
    """
    from openpyxl import Workbook

    declared = _kinds.get(kind)
    name = _resolve_district(district)
    if name is None:
        raise ValueError(translate(_MESSAGES, "unknown_district", lang, district=district, known=", ".join(district_names())))
    kinds = COMMUNE_LEVEL if declared.units == "commune_level" else None
    records = [{"unit": u.name, "unit_type": u.type} for u in units_in(name, year, kinds=kinds).itertuples(index=False)]
    wb = Workbook()
    info_ws = wb.active
    info_ws.title = "Hướng dẫn"
    lines = (*_COMMON_INSTRUCTIONS, declared.instructions)
    for i, line in enumerate(lines, start=1):
        info_ws.cell(i, 1, line)
    info_ws.column_dimensions["A"].width = 110

    sheet = str(year)
    ws = wb.create_sheet(sheet)
    layout = TEMPLATE_LAYOUT
    cells = write_report(ws, kind, records, district=name, year=year, layout=layout)
    rows = [int("".join(ch for ch in c if ch.isdigit())) for c in cells]
    first_fig = layout.first_col + 2
    specs = column_kinds(kind, layout)
    columns = {spec: get_column_letter(first_fig + i) for i, spec in enumerate(specs)}
    n_extra = len(layout.extra_columns)

    count_dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    count_dv.error = count_dv.prompt = translate(_MESSAGES, "count", lang)
    level_list = ",".join(LEVEL_WORDS["full"][lv] for lv in ("excellent", "good", "completed", "not_completed"))
    level_dv = DataValidation(type="list", formula1=f'"{level_list}"', allow_blank=True)
    yes_no_dv = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    x_dv = DataValidation(type="list", formula1=f'"{YES}"', allow_blank=True)
    for dv in (level_dv, yes_no_dv, x_dv):
        dv.error = dv.prompt = translate(_MESSAGES, "list", lang)
    by_kind = {"count": count_dv, "word": level_dv, "bool": yes_no_dv, "x": x_dv}
    for dv in by_kind.values():
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
    for (field, part, cell_kind), letter in columns.items():
        for r in rows:
            by_kind[cell_kind].add(f"{letter}{r}")
    unlocked = Protection(locked=False)
    for r in rows:
        for c in range(first_fig, first_fig + len(specs) + n_extra):
            ws.cell(r, c).protection = unlocked
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    wb.active = 1
    path = Path(path)
    save_stable(wb, path)
    return TemplateInfo(path, sheet, cells, columns)


@dataclass(frozen=True)
class FormTemplateInfo:
    """Where things are in a written form template: the sheet, each criterion's label cell and figure cells."""

    path: Path
    sheet: str
    labels: dict[str, str]
    figures: dict[str, dict[str, str]]


def write_form_template(path: str | Path, form: str, district: str, year: int, *, lang: str | None = None,
                        province: str = "Tuyên Quang") -> FormTemplateInfo:
    """Write a blank official form (``form``: "2-BTCTW", "2B" or a name of :data:`FORM_TEMPLATES`) of a district's committee.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     info = write_form_template(os.path.join(d, "b2.xlsx"), "form-2", "Chiêm Hóa", 2024)
    >>> info.sheet, info.labels["total"], info.figures["total"]
    ('2-BTCTW', 'A11', {'value': 'B11', 'previous': 'C11', 'percent': 'D11'})
    """
    from openpyxl import Workbook

    from .formwriter import Committee, FormSheet, instructions_sheet, write_form
    from .kinds import forms

    declared = forms.get(FORM_TEMPLATES.get(form, form))
    name = _resolve_district(district)
    if name is None:
        raise ValueError(translate(_MESSAGES, "unknown_district", lang, district=district, known=", ".join(district_names())))
    wb = Workbook()
    ws = wb.active
    ws.title = declared.number
    cells = write_form(ws, FormSheet(declared.number, Committee(province, district=name), year))
    instructions_sheet(wb, [declared])
    _form_validation(ws, declared, cells, lang)
    wb.active = 1
    path = Path(path)
    save_stable(wb, path)
    return FormTemplateInfo(path, declared.number, dict(cells.label), {k: dict(v) for k, v in cells.figure.items()})


def _form_validation(ws, form, cells, lang: str | None) -> None:
    """Whole numbers from 0 in count cells, numbers from 0 in mean and percent cells; only those unlocked."""
    count_dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    count_dv.error = count_dv.prompt = translate(_MESSAGES, "count", lang)
    decimal_dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    decimal_dv.error = decimal_dv.prompt = translate(_MESSAGES, "decimal", lang)
    for dv in (count_dv, decimal_dv):
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
    means = {r.key for r in form.rows() if not r.is_count}
    unlocked = Protection(locked=False)
    for criterion, by_field in cells.figure.items():
        row_key = criterion if criterion in cells.label else criterion.rsplit(".", 1)[0]
        for fld, ref in by_field.items():
            (decimal_dv if fld == "percent" or row_key in means else count_dv).add(ref)
            ws[ref].protection = unlocked
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def cli(argv: list[str] | None = None) -> int:
    """``python -m helpers template KIND --district D --year Y --out FILE.xlsx``."""
    from ._cli import make_parser, parse

    parser = make_parser("template", "Write a blank report template for a district and year.")
    parser.add_argument("kind", choices=(*_kinds.names(), *FORM_TEMPLATES), help="the report kind, or an official form (form-2)")
    parser.add_argument("--district", required=True, help="the district, e.g. 'Chiêm Hóa'")
    parser.add_argument("--year", required=True, type=int, help="the report year")
    parser.add_argument("--out", required=True, help="the .xlsx file to write")
    args = parse(parser, argv)
    name = _resolve_district(args.district)
    if name is None:
        print(translate(_MESSAGES, "unknown_district", None, district=args.district, known=", ".join(district_names())),
              file=sys.stderr)
        return 2
    if args.kind in FORM_TEMPLATES:
        form = write_form_template(args.out, args.kind, name, args.year)
        print(translate(_MESSAGES, "written_form", None, form=form.sheet, district=name, year=args.year,
                        n=len(form.labels), out=args.out))
        return 0
    from .narrative import kind_name

    info = write_template(args.out, args.kind, name, args.year)
    print(translate(_MESSAGES, "written", None, kind=kind_name(args.kind), district=name, year=args.year,
                    n=len(info.unit_cells), out=args.out))
    return 0
