"""The official forms (Biểu số 2-BTCTW, 2B …): declared as data, read into form_rows, checked to the cell."""

from __future__ import annotations

import dataclasses
import unicodedata

import pandas as pd
import pytest
from openpyxl import load_workbook
from pandas.testing import assert_frame_equal

from _forms import (COMMUNE, DISTRICT, FIGURES_2, FIGURES_2B, PROVINCE, convert, expected_2, form_2, retyped,
                    values_2, values_2b)
from helpers import schema
from helpers.formwriter import FormSheet, write_form_workbook
from helpers.kinds import forms
from helpers.kinds.formdecl import FormRow
from helpers.read import read_reports

FIGS = ["section", "criterion", "label", "value", "previous", "percent"]


def _read(*paths, **options):
    return read_reports(list(paths), lang="en", **options)


def _plain(frame) -> list[list]:
    """A frame's values with every missing value as None."""
    return [[None if pd.isna(v) else v for v in row] for row in frame.astype(object).values.tolist()]


def _where(reports, code=None):
    return {(p.cell, p.severity, p.code) for p in reports.problems if code is None or p.code == code}


@pytest.fixture
def restored_forms():
    yield
    forms.restore()


class TestADistrictsForm:
    @pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
    def test_every_row_period_and_previous_figure_is_read(self, tmp_path, fmt):
        path, _cells = form_2(tmp_path / "bieu2.xlsx")
        reports = _read(convert(path, fmt))
        assert reports.problems == []
        rows = reports.form_rows
        assert_frame_equal(rows[FIGS].reset_index(drop=True), expected_2())
        assert rows[["province", "district", "unit", "unit_type", "unit_code", "year", "period", "form"]].drop_duplicates(
        ).values.tolist() == [["Tuyên Quang", "Chiêm Hóa", "Chiêm Hóa", "district", "073", 2023, "year", "2-BTCTW"]]
        assert rows["commune"].isna().all()
        assert rows.loc[rows.criterion == "total", "source"].tolist() == [f"bieu2.{fmt}!Biểu 2!A11"]

    def test_the_inventory_lists_the_form_and_skips_its_instructions(self, tmp_path):
        path, _cells = form_2(tmp_path / "bieu2.xlsx")
        sheets = _read(path).sheets
        assert _plain(sheets[["sheet", "status", "kind", "district", "year", "rows"]]) == [
            ["Hướng dẫn", "skipped", None, None, None, 0],
            ["Biểu 2", "read", "form_rows/2-BTCTW", "Chiêm Hóa", 2023, 51],
        ]

    def test_the_table_is_registered_like_every_table(self, tmp_path):
        path, _cells = form_2(tmp_path / "bieu2.xlsx")
        reports = _read(path)
        assert reports.tables["form_rows"] is reports.form_rows
        assert list(reports.form_rows.columns) == list(schema.empty("form_rows").columns)
        assert list(reports.form_rows.columns)[9:] == ["form", "section", "criterion", "label", "value", "previous",
                                                       "percent"]
        assert len(reports.admissions) == 0

    def test_read_kind_reads_the_forms_rows_or_raises_their_errors(self, tmp_path):
        from helpers.read import ReportError, read_kind

        path, _cells = form_2(tmp_path / "bieu2.xlsx")
        assert_frame_equal(read_kind("form_rows", path, lang="en"), _read(path).form_rows)
        (tmp_path / "broken").mkdir()
        broken, cells = form_2(tmp_path / "broken" / "bieu2.xlsx", omit=frozenset({"total"}))
        with pytest.raises(ReportError, match=f"{cells.header}.*Tổng số đảng viên mới kết nạp"):
            read_kind("form_rows", broken, lang="en")
        assert read_kind("form_rows", broken, lang="en", errors="ignore")["criterion"].tolist()[:2] == ["female", "ethnic_minority"]
        with pytest.raises(ValueError, match="kind must be one of admissions, .*, form_rows; got 'forms'"):
            read_kind("forms", path)

    def test_the_export_writes_form_rows_csv(self, tmp_path):
        from helpers.read.export import write_export

        (tmp_path / "in").mkdir()
        path, _cells = form_2(tmp_path / "in" / "bieu2.xlsx")
        written = dict((p.name, n) for p, n in write_export(_read(path), tmp_path / "out"))
        assert written == {"form_rows.csv": 51, "problems.csv": 0}
        csv = pd.read_csv(tmp_path / "out" / "form_rows.csv", dtype=str)
        assert csv.loc[csv.criterion == "age.mean", ["value", "previous", "percent"]].values.tolist() == [
            ["29.6", "30.2", "98.0"]]

    def test_a_period_comes_from_the_title(self, tmp_path):
        path, _cells = form_2(tmp_path / "bieu2.xlsx", period="H1", year=2024)
        rows = _read(path).form_rows
        assert set(zip(rows.year, rows.period)) == {(2024, "H1")}


class TestLegacyFonts:
    @pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
    @pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
    def test_a_form_typed_in_a_legacy_font_reads_as_in_unicode(self, tmp_path, encoding, fmt):
        path, _cells = form_2(tmp_path / "bieu2.xlsx")
        typed = retyped(path, encoding)
        reports = _read(convert(path, fmt))
        # every row read, "- Quần chúng vi phạm chính sách KHHGĐ" too (initials with Đ converted with their row)
        assert_frame_equal(reports.form_rows[FIGS].reset_index(drop=True), expected_2())
        assert _plain(reports.sheets[["sheet", "status", "kind"]]) == [
            ["Hướng dẫn", "skipped", None], ["Biểu 2", "read", "form_rows/2-BTCTW"]]
        # a warning for each cell retyped on the form, none for its instructions (nothing is read from them)
        assert sorted(typed) == ["Biểu 2", "Hướng dẫn"]
        assert {(p.sheet, p.severity, p.code) for p in reports.problems} == {("Biểu 2", "warning", "legacy_text")}
        assert sorted(p.cell for p in reports.problems) == sorted(typed["Biểu 2"])

    def test_the_inventory_of_a_legacy_form_matches_the_unicode_one(self, tmp_path):
        (tmp_path / "unicode").mkdir(), (tmp_path / "legacy").mkdir()
        unicode_path, _ = form_2(tmp_path / "unicode" / "bieu2.xlsx")
        legacy_path, _ = form_2(tmp_path / "legacy" / "bieu2.xlsx")
        retyped(legacy_path, "TCVN3")
        unicode, legacy = _read(unicode_path), _read(legacy_path)
        assert_frame_equal(legacy.form_rows, unicode.form_rows)
        assert_frame_equal(legacy.sheets.drop(columns="file"), unicode.sheets.drop(columns="file"))


class TestOtherCommittees:
    def test_a_commune_committees_form(self, tmp_path):
        path, _cells = form_2(tmp_path / "xa.xlsx", COMMUNE, 2025)
        reports = _read(path)
        assert reports.problems == []
        rows = reports.form_rows
        assert _plain(rows[["province", "district", "commune", "unit", "unit_type", "unit_code"]].drop_duplicates()) == [
            ["Tuyên Quang", None, "Yên Nguyên", "Yên Nguyên", "commune", "02365"]]
        assert_frame_equal(rows[FIGS].reset_index(drop=True), expected_2())

    def test_the_provincial_boards_form(self, tmp_path):
        path, _cells = form_2(tmp_path / "tinh.xlsx", PROVINCE, 2025)
        reports = _read(path)
        assert reports.problems == []
        rows = reports.form_rows
        assert rows[["province", "unit", "unit_type", "year"]].drop_duplicates().values.tolist() == [
            ["Tuyên Quang", "Tuyên Quang", "province", 2025]]
        assert rows["district"].isna().all() and rows["commune"].isna().all()
        assert len(rows) == 51

    def test_a_sheet_per_committee(self, tmp_path):
        sheets = [FormSheet("2-BTCTW", DISTRICT, 2023, values_2(), sheet="Chiêm Hóa"),
                  FormSheet("2-BTCTW", dataclasses.replace(DISTRICT, district="Na Hang"), 2023,
                            values_2(total=(41, 32), female=(20, 15), **{"occupation.other": (5, 3), "age.18_30": (23, 18),
                                                                         "schooling.upper_secondary": (31, 23)}),
                            sheet="Na Hang")]
        write_form_workbook(tmp_path / "hai.xlsx", sheets)
        reports = _read(tmp_path / "hai.xlsx")
        assert reports.problems == []
        totals = reports.form_rows.query("criterion == 'total'")
        assert totals[["district", "value"]].values.tolist() == [["Chiêm Hóa", 40.0], ["Na Hang", 41.0]]


class TestForm2B:
    @pytest.mark.parametrize("side_by_side", [False, True])
    def test_ethnicities_religions_and_their_women(self, tmp_path, side_by_side):
        write_form_workbook(tmp_path / "2b.xlsx", [FormSheet("2B", DISTRICT, 2023, values_2b(), sheet="2B",
                                                             side_by_side=side_by_side)])
        reports = _read(tmp_path / "2b.xlsx")
        assert reports.problems == []
        got = reports.form_rows.dropna(subset=["value"])
        want = []
        for k, (total, women) in FIGURES_2B.items():
            want.append((k, total, round(total * 100 / 40, 1)))
            want.append((f"{k}.female", women, None))
        assert sorted(map(tuple, _plain(got[["criterion", "value", "percent"]]))) == sorted((c, float(v), p) for c, v, p in want)
        labels = dict(zip(reports.form_rows.criterion, reports.form_rows.label))
        assert labels["ethnicity.mong.female"] == "H'Mông – nữ"
        assert set(reports.form_rows.form) == {"2B"}

    def test_the_ethnicities_add_up_to_their_total(self, tmp_path):
        values = values_2b()
        values["ethnicity.tay"]["value"] = 13
        cells = write_form_workbook(tmp_path / "2b.xlsx", [FormSheet("2B", DISTRICT, 2023, values, sheet="2B")])["2B"]
        reports = _read(tmp_path / "2b.xlsx")
        total = cells.figure["ethnicity.total"]["value"]
        first, last = cells.figure["ethnicity.kinh"]["value"], cells.figure["ethnicity.mong"]["value"]
        [p] = [p for p in reports.problems if p.code == "form_sum"]
        assert (p.cell, p.severity) == (total, "error")
        assert f"{first}:{last}" in p.message and "(39)" in p.message


WORDINGS = [
    ("youth_union", "Đoàn viên"), ("youth_union", "ĐVTN"), ("ethnic_minority", "DTTS"),
    ("ethnic_minority", "Dân tộc ít người"), ("family_planning", "Vi phạm chính sách dân số, KHHGĐ"),
    ("occupation.armed_forces", "Sĩ quan, chiến sĩ QĐ và CA"), ("occupation.other", "Khác"),
    ("age.18_30", "18 - 30 tuổi"), ("age.18_30", "Từ 18 – 30"), ("age.mean", "Tuổi đời bình quân"),
    ("schooling.lower_secondary", "THCS"), ("professional.master", "Thạc sĩ"),
    ("female", "TRONG ĐÓ: NỮ"), ("religious", "Người có đạo"),
]


class TestWordings:
    @pytest.mark.parametrize(("key", "label"), WORDINGS, ids=[f"{k}={w}" for k, w in WORDINGS])
    def test_an_accepted_wording_reads_as_its_row(self, tmp_path, key, label):
        path, cells = form_2(tmp_path / "b.xlsx", wording={key: label})
        reports = _read(path)
        assert reports.problems == []
        rows = reports.form_rows.set_index("criterion")
        assert (rows.loc[key, "value"], rows.loc[key, "previous"]) == FIGURES_2[key]
        assert rows.loc[key, "label"] == forms.get("2-BTCTW").row(key).label

    @pytest.mark.parametrize("style", ["nfd", "new_tones", "upper", "spaces"])
    def test_case_spacing_composition_and_tone_style_do_not_count(self, tmp_path, style):
        path, _cells = form_2(tmp_path / "b.xlsx", tones="new" if style == "new_tones" else "classic")
        if style != "new_tones":
            wb = load_workbook(path)
            ws = wb["Biểu 2"]
            for row in ws.iter_rows(min_row=11, max_col=1):
                v = row[0].value
                if isinstance(v, str) and "ngày" not in v and not v.isupper():
                    row[0].value = {"nfd": lambda s: unicodedata.normalize("NFD", s), "upper": str.upper,
                                    "spaces": lambda s: "  " + s.replace(" ", "   ") + " "}[style](v)
            wb.save(path)
        reports = _read(path)
        assert reports.problems == []
        assert_frame_equal(reports.form_rows[FIGS].reset_index(drop=True), expected_2())

    @pytest.mark.parametrize(("cell", "text"), [("D1", "Biểu số 2-BTCTW"), ("D1", "Biểu 2"), ("D2", "Mẫu 2"),
                                                ("A4", "Biểu số 2-BTCTW (Ban hành kèm theo Hướng dẫn 11-HD/BTCTW)")])
    def test_the_form_is_found_by_its_number_anywhere_in_the_header_block(self, tmp_path, cell, text):
        path, _cells = form_2(tmp_path / "b.xlsx")
        wb = load_workbook(path)
        ws = wb["Biểu 2"]
        ws["D1"] = None
        ws[cell] = text
        wb.save(path)
        reports = _read(path)
        assert reports.problems == [] and len(reports.form_rows) == 51

    def test_without_its_number_the_sheet_is_no_form(self, tmp_path):
        path, _cells = form_2(tmp_path / "b.xlsx")
        wb = load_workbook(path)
        wb["Biểu 2"]["D1"] = None
        wb.save(path)
        reports = _read(path)
        assert len(reports.form_rows) == 0
        assert reports.sheets.loc[reports.sheets.sheet == "Biểu 2", "kind"].tolist() != ["form_rows/2-BTCTW"]


class TestRowsAndTheDeclaration:
    def test_an_unknown_row_is_a_warning_naming_its_cell(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", extra=(("readmitted", "- Người khuyết tật", {"value": 1}),))
        reports = _read(path)
        [p] = reports.problems
        row = int(cells.label["readmitted"][1:]) + 1
        assert (p.cell, p.severity, p.code) == (f"A{row}", "warning", "form_unknown_row")
        assert "Người khuyết tật" in p.message
        assert len(reports.form_rows) == 51

    def test_a_row_declared_in_the_form_is_read(self, tmp_path, restored_forms):
        form = forms.get("2-BTCTW")
        first = form.sections[0]
        extra = FormRow("disabled", ("Người khuyết tật", "Người khuyết tật nặng"), within="total")
        forms.register(dataclasses.replace(form, sections=(dataclasses.replace(first, rows=(*first.rows, extra)),
                                                             *form.sections[1:])), replace=True)
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(disabled=(1, 2)),
                             wording={"disabled": "Người khuyết tật nặng"})
        reports = _read(path)
        assert reports.problems == []
        rows = reports.form_rows.set_index("criterion")
        assert rows.loc["disabled", ["section", "label", "value", "previous", "percent"]].tolist() == [
            "I", "Người khuyết tật", 1.0, 2.0, 50.0]
        assert len(rows) == 52

    def test_a_declared_row_that_exceeds_its_parent_is_checked(self, tmp_path, restored_forms):
        form = forms.get("2-BTCTW")
        first = form.sections[0]
        extra = FormRow("disabled", ("Người khuyết tật",), within="female")
        forms.register(dataclasses.replace(form, sections=(dataclasses.replace(first, rows=(*first.rows, extra)),
                                                             *form.sections[1:])), replace=True)
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(disabled=(19, 2)))
        assert _where(_read(path)) == {(cells.figure["disabled"]["value"], "error", "form_at_most")}

    def test_a_missing_required_row_is_an_error(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", omit=frozenset({"total"}))
        reports = _read(path)
        [p] = reports.problems
        assert (p.cell, p.severity, p.code) == (cells.header, "error", "form_missing_row")
        assert "Tổng số đảng viên mới kết nạp" in p.message
        assert "total" not in set(reports.form_rows.criterion)

    def test_the_same_wording_twice_is_the_next_row_in_order(self, tmp_path):
        path, _cells = form_2(tmp_path / "b.xlsx")
        rows = _read(path).form_rows.set_index("criterion")
        assert rows.loc["organisations.committees.admitting", "value"] == 25
        assert rows.loc["organisations.cells.admitting", "value"] == 30

    def test_a_bad_figure_is_an_error_naming_its_cell(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(female=("mười", 15)))
        reports = _read(path)
        assert _where(reports) == {(cells.figure["female"]["value"], "error", "not_number")}
        assert pd.isna(reports.form_rows.set_index("criterion").loc["female", "value"])


class TestChecks:
    def test_a_section_that_does_not_add_up_names_the_total_and_the_range(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(**{"occupation.farmer": (11, 10)}))
        [p] = _read(path).problems
        first = cells.figure["occupation.state_official"]["value"]
        last = cells.figure["occupation.other"]["value"]
        assert (p.cell, p.severity, p.code) == (cells.figure["total"]["value"], "error", "form_sum")
        assert f"{first}:{last}" in p.message and "(40)" in p.message and "(39)" in p.message and "II.1" in p.message

    def test_the_previous_column_is_checked_too(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(**{"age.18_30": (22, 17)}))
        [p] = _read(path).problems
        assert (p.cell, p.code) == (cells.figure["total"]["previous"], "form_sum")
        assert "II.2" in p.message

    def test_parts_of_a_row_add_up_to_it(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(**{"occupation.enterprise.worker": (2, 0)}))
        assert _where(_read(path)) == {(cells.figure["occupation.enterprise"]["value"], "error", "form_sum")}

    def test_an_of_whom_row_is_at_most_its_parent(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(female=(41, 15)))
        [p] = _read(path).problems
        assert (p.cell, p.severity, p.code) == (cells.figure["female"]["value"], "error", "form_at_most")
        assert cells.figure["total"]["value"] in p.message

    def test_a_mean_out_of_its_range_is_a_warning(self, tmp_path):
        path, cells = form_2(tmp_path / "b.xlsx", values=values_2(**{"age.mean": (75.0, 30.2)}))
        [p] = _read(path).problems
        assert (p.cell, p.severity, p.code) == (cells.figure["age.mean"]["value"], "warning", "form_mean_range")
        assert "18–60" in p.message

    @pytest.mark.parametrize(("printed", "ok"), [(125.0, True), ("125", True), ("125,0", True), (124.9, False),
                                                 ("120", False), (125.04, False), (125.1, False), (125.0000000001, True)])
    def test_the_percent_is_column_2_times_100_over_column_3_as_printed(self, tmp_path, printed, ok):
        values = values_2()
        values["total"]["percent"] = printed
        path, cells = form_2(tmp_path / "b.xlsx", values=values)
        problems = _read(path).problems
        if ok:
            assert problems == []
        else:
            [p] = problems
            assert (p.cell, p.severity, p.code) == (cells.figure["total"]["percent"], "error", "form_percent")
            assert "B11 × 100 / C11 = 125" in p.message


class TestAcrossReports:
    def _admissions(self, folder, admitted):
        from helpers.sheetwriter import Report, write_workbook

        recs = [{"unit": u, "unit_type": "commune", "target": 20, "admitted": n}
                for u, n in zip(("Hòa Phú", "Phúc Sơn", "Yên Nguyên"), admitted)]
        return write_workbook(folder / "kn.xlsx", [Report("admissions", recs, "Chiêm Hóa", 2023)])

    @pytest.mark.parametrize("keep", [True, False])
    def test_a_total_that_differs_from_the_admissions_report_is_a_warning_naming_both(self, tmp_path, keep):
        self._admissions(tmp_path, (12, 15, 14))
        path, cells = form_2(tmp_path / "b.xlsx")
        reports = _read(tmp_path, tables=keep)
        [p] = [p for p in reports.problems if p.code == "form_admissions_differ"]
        assert (p.file, p.sheet, p.cell, p.severity) == ("b.xlsx", "Biểu 2", cells.figure["total"]["value"], "warning")
        assert "kn.xlsx!2023" in p.message and "40" in p.message and "41" in p.message

    def test_a_total_that_agrees_says_nothing(self, tmp_path):
        self._admissions(tmp_path, (12, 14, 14))
        form_2(tmp_path / "b.xlsx")
        reports = _read(tmp_path)
        assert [p for p in reports.problems if p.code == "form_admissions_differ"] == []
        assert reports.admissions["admitted"].sum() == reports.form_rows.query("criterion == 'total'")["value"].item()

    def test_another_year_is_not_compared(self, tmp_path):
        self._admissions(tmp_path, (1, 1, 1))
        form_2(tmp_path / "b.xlsx", year=2024)
        assert [p for p in _read(tmp_path).problems if p.code == "form_admissions_differ"] == []

    def test_the_same_form_in_two_files_is_read_once(self, tmp_path):
        form_2(tmp_path / "a.xlsx")
        form_2(tmp_path / "b.xlsx")
        reports = _read(tmp_path)
        assert len(reports.form_rows) == 51
        assert [(p.file, p.code) for p in reports.problems] == [("b.xlsx", "repeated_sheet")]


class TestTemplate:
    def test_the_cli_writes_a_blank_form_with_validation(self, tmp_path, capsys):
        from helpers.templates import cli

        out = tmp_path / "b2.xlsx"
        assert cli(["form-2", "--district", "Chiêm Hóa", "--year", "2024", "--out", str(out)]) == 0
        assert "2-BTCTW" in capsys.readouterr().out
        wb = load_workbook(out)
        assert wb.sheetnames == ["Hướng dẫn", "2-BTCTW"]
        ws = wb["2-BTCTW"]
        assert ws.protection.sheet
        dv = {dv.type: {str(r) for r in dv.sqref.ranges} for dv in ws.data_validations.dataValidation}
        assert {"B11", "C11", "B12"} <= dv["whole"] and {"D11", "B46", "C46"} <= dv["decimal"]
        assert ws["B11"].protection.locked is False and ws["A11"].protection.locked is True
        assert ws["A11"].value == "I. Tổng số đảng viên mới kết nạp"
        assert [ws.cell(10, c).value for c in range(1, 5)] == ["1", "2", "3", "4(=2*100/3)"]

    def test_a_filled_template_reads_back(self, tmp_path):
        from helpers.templates import write_form_template

        info = write_form_template(tmp_path / "b2.xlsx", "form-2", "Chiêm Hóa", 2024)
        wb = load_workbook(info.path)
        ws = wb[info.sheet]
        for key, (v, p) in FIGURES_2.items():
            ws[info.figures[key]["value"]], ws[info.figures[key]["previous"]] = v, p
            if key == "total":
                ws[info.figures[key]["percent"]] = 125.0
        wb.save(info.path)
        reports = _read(info.path)
        assert reports.problems == []
        rows = reports.form_rows.set_index("criterion")
        assert rows.loc["total", ["value", "previous", "percent"]].tolist() == [40.0, 32.0, 125.0]
        assert rows.loc["age.mean", "value"] == 29.6 and set(rows["year"]) == {2024}


class TestForms5And11:
    def test_form_5_reads_each_type_and_column(self, tmp_path):
        values = {"total.party_committees": {"value": 150}, "total.cells": {"value": 20}, "total.members": {"value": 9000},
                  "commune.party_committees": {"value": 120}, "commune.cells": {"value": 0},
                  "commune.members": {"value": 7000}, "town.party_committees": {"value": 30},
                  "town.cells": {"value": 20}, "town.members": {"value": 2000}}
        write_form_workbook(tmp_path / "b5.xlsx", [FormSheet("5-BTCTW", DISTRICT, 2023, values, sheet="B5")])
        reports = _read(tmp_path / "b5.xlsx")
        assert reports.problems == []
        got = reports.form_rows.dropna(subset=["value"]).set_index("criterion")["value"].to_dict()
        assert got == {k: float(v["value"]) for k, v in values.items()}

    def test_form_5_types_add_up_to_their_total(self, tmp_path):
        values = {"total.members": {"value": 9000}, "commune.members": {"value": 7000}, "town.members": {"value": 1999}}
        cells = write_form_workbook(tmp_path / "b5.xlsx", [FormSheet("5-BTCTW", DISTRICT, 2023, values, sheet="B5")])["B5"]
        assert _where(_read(tmp_path / "b5.xlsx")) == {(cells.figure["total.members"]["value"], "error", "form_sum")}

    def test_form_11_of_whom_rows_are_at_most_the_total(self, tmp_path):
        values = {"total.district_to_commune": {"value": 4}, "female.district_to_commune": {"value": 5}}
        cells = write_form_workbook(tmp_path / "b11.xlsx", [FormSheet("11-BTCTW", DISTRICT, 2023, values, sheet="B11")])
        reports = _read(tmp_path / "b11.xlsx")
        assert _where(reports) == {(cells["B11"].figure["female.district_to_commune"]["value"], "error", "form_at_most")}
        assert set(reports.form_rows.form) == {"11-BTCTW"}


class TestProfile:
    def test_the_profile_of_new_members_from_a_read_form(self, tmp_path):
        from helpers.formprofile import new_member_profile

        path, _cells = form_2(tmp_path / "b.xlsx")
        profile = new_member_profile(_read(path).form_rows)
        assert set(profile.group) == {"occupation", "age", "schooling"}
        assert "age.mean" not in set(profile.criterion) and "occupation.enterprise.worker" not in set(profile.criterion)
        sums = profile.groupby("group")[["share", "share_previous"]].sum().round(9)
        assert sums.to_dict("list") == {"share": [100.0, 100.0, 100.0], "share_previous": [100.0, 100.0, 100.0]}
        farmer = profile.set_index("criterion").loc["occupation.farmer"]
        assert (farmer.value, farmer.previous, farmer.share, farmer.share_previous) == (12.0, 10.0, 30.0, 31.25)
