"""Official form workbooks for the tests: figures that add up, and copies in the other formats."""

from __future__ import annotations

from pathlib import Path

from helpers.formwriter import Committee, FormSheet, write_form_workbook
from helpers.kinds import forms

#: Chiêm Hóa's Biểu số 2-BTCTW for 2023: (kỳ này, cùng kỳ năm trước); every section adds up.
FIGURES_2 = {
    "total": (40, 32), "female": (18, 15), "ethnic_minority": (25, 20), "religious": (2, 1), "youth_union": (30, 24),
    "private_owner": (1, 0), "family_planning": (0, 0), "foreign_marriage": (0, 0), "readmitted": (1, 0),
    "occupation.state_official": (2, 2), "occupation.party_official": (1, 1), "occupation.commune_official": (5, 4),
    "occupation.village_worker": (4, 3), "occupation.public_employee": (6, 5), "occupation.nonpublic_employee": (0, 0),
    "occupation.enterprise": (3, 2), "occupation.enterprise.manager": (1, 1), "occupation.enterprise.staff": (1, 1),
    "occupation.enterprise.worker": (1, 0), "occupation.farmer": (12, 10), "occupation.armed_forces": (2, 1),
    "occupation.university_student": (1, 1), "occupation.school_pupil": (0, 0), "occupation.other": (4, 3),
    "age.18_30": (22, 18), "age.31_35": (8, 6), "age.36_40": (5, 4), "age.41_45": (3, 2), "age.46_50": (2, 1),
    "age.51_55": (0, 1), "age.56_60": (0, 0), "age.over_60": (0, 0), "age.mean": (29.6, 30.2),
    "schooling.literate": (0, 0), "schooling.primary": (1, 1), "schooling.lower_secondary": (9, 8),
    "schooling.upper_secondary": (30, 23),
    "professional.elementary": (6, 5), "professional.intermediate": (8, 7), "professional.college": (3, 2),
    "professional.university": (9, 6), "professional.master": (1, 0), "professional.doctor": (0, 0),
    "academic.associate_professor": (0, 0), "academic.professor": (0, 0),
    "organisations.committees": (30, 30), "organisations.committees.admitting": (25, 24),
    "organisations.committees.no_masses": (1, 1), "organisations.cells": (40, 41),
    "organisations.cells.admitting": (30, 28), "organisations.cells.no_masses": (2, 2),
}

#: A Biểu 2B: ethnicities and religions, (total, of whom women).
FIGURES_2B = {
    "ethnicity.total": (40, 18), "ethnicity.kinh": (15, 7), "ethnicity.tay": (14, 6), "ethnicity.dao": (6, 3),
    "ethnicity.san_chay": (3, 1), "ethnicity.mong": (2, 1),
    "religion.total": (2, 1), "religion.buddhism": (1, 1), "religion.catholicism": (1, 0),
}

DISTRICT = Committee("Tuyên Quang", district="Chiêm Hóa")
COMMUNE = Committee("Tuyên Quang", commune="Yên Nguyên")
PROVINCE = Committee("Tuyên Quang")


def values_2(figures=FIGURES_2, **changes) -> dict[str, dict[str, object]]:
    """The figures as the form writer takes them, with some changed (key=(value, previous))."""
    out = {k: {"value": v, "previous": p} for k, (v, p) in {**figures, **changes}.items()}
    return out


def values_2b(figures=FIGURES_2B) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for k, (total, women) in figures.items():
        out[k] = {"value": total, "percent": round(total * 100 / figures["ethnicity.total"][0], 1)}
        out[f"{k}.female"] = {"value": women}
    return out


def form_2(path: Path, committee: Committee = DISTRICT, year: int = 2023, **options) -> tuple[Path, object]:
    """Write a Biểu số 2-BTCTW workbook (an instructions sheet beside it); return its path and cells."""
    values = options.pop("values", None) or values_2()
    sheet = FormSheet("2-BTCTW", committee, year, values, sheet=options.pop("sheet", "Biểu 2"), **options)
    cells = write_form_workbook(path, [sheet])
    return path, cells[sheet.sheet]


def expected_2(figures=FIGURES_2):
    """The form_rows a Biểu 2 with ``figures`` gives (the figure columns only), in the form's order."""
    import pandas as pd

    form = forms.get("2-BTCTW")
    rows = []
    for section in form.sections:
        for row in section.rows:
            v, p = figures.get(row.key, (None, None))
            pct = round(v * 100 / p, 1) if v is not None and p else None
            rows.append((section.code, row.key, row.label, v, p, pct))
    frame = pd.DataFrame(rows, columns=["section", "criterion", "label", "value", "previous", "percent"])
    return frame.astype({"section": "str", "criterion": "str", "label": "str", "value": "Float64",
                         "previous": "Float64", "percent": "Float64"})


def retyped(xlsx: Path, encoding: str) -> dict[str, list[str]]:
    """Retype, in place, every text cell beyond ASCII in the legacy font ``encoding`` ("TCVN3", "VNI"), as an
    office on .VnTime or VNI-Times would have typed it; the cells retyped, by sheet."""
    from openpyxl import load_workbook

    from helpers.legacy import from_unicode

    wb = load_workbook(xlsx)
    out: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.isascii():
                    cell.value = from_unicode(cell.value, encoding)
                    out.setdefault(ws.title, []).append(cell.coordinate)
    wb.save(xlsx)
    return out


def convert(xlsx: Path, fmt: str) -> Path:
    """A copy of a workbook written by openpyxl in another format (xls keeps the merged cells; ods has none)."""
    if fmt == "xlsx":
        return xlsx
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    out = xlsx.with_suffix(f".{fmt}")
    if fmt == "xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        for ws in wb.worksheets:
            sheet = book.add_sheet(ws.title)
            merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
            inside = {(r, c) for m in merged.values() for r in range(m.min_row, m.max_row + 1)
                      for c in range(m.min_col, m.max_col + 1)}
            for row in ws.iter_rows():
                for cell in row:
                    m = merged.get((cell.row, cell.column))
                    if m is not None:
                        sheet.write_merge(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1, cell.value)
                    elif cell.value is not None and (cell.row, cell.column) not in inside:
                        sheet.write(cell.row - 1, cell.column - 1, cell.value)
        book.save(str(out))
        return out
    import pandas as pd

    with pd.ExcelWriter(out, engine="odf") as writer:
        for ws in wb.worksheets:
            grid = [[c.value for c in row] for row in ws.iter_rows()]
            pd.DataFrame(grid).to_excel(writer, sheet_name=ws.title, header=False, index=False)
    return out
