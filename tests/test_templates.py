"""Blank report templates: layout, validation, locking, and reading them back."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.templates import cli, write_template
from helpers.units import units_in


def _validations(ws):
    return {dv.type: {str(r) for r in dv.sqref.ranges} for dv in ws.data_validations.dataValidation}


@pytest.fixture
def admissions_template(tmp_path):
    return write_template(tmp_path / "kn.xlsx", "admissions", "Chiêm Hóa", 2023)


@pytest.fixture
def ratings_template(tmp_path):
    return write_template(tmp_path / "xl.xlsx", "ratings", "Chiêm Hóa", 2023)


def _read(path):
    from helpers.read import read_reports

    return read_reports(path)


class TestWriteTemplate:
    def test_lists_the_registry_units_of_the_year(self, admissions_template):
        wb = load_workbook(admissions_template.path)
        assert wb.sheetnames == ["Hướng dẫn", "2023"]
        ws = wb["2023"]
        assert ws["A2"].value == "HUYỆN ỦY CHIÊM HÓA"
        assert ws["A5"].value == "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023"
        written = [ws[c].value for c in admissions_template.unit_cells]
        registry = units_in("Chiêm Hóa", 2023)
        assert len(written) == len(registry) == 32
        assert written[:2] == ["Đảng bộ thị trấn Vĩnh Lộc", "Đảng bộ xã Trung Hà"]
        assert all(w.endswith(n) for w, n in zip(written, registry["name"], strict=True))

    def test_placements_list_commune_level_units_only(self, tmp_path):
        info = write_template(tmp_path / "bt.xlsx", "placements", "Lâm Bình", 2021)
        assert len(info.unit_cells) == 10

    def test_counts_whole_numbers_from_zero(self, admissions_template):
        ws = load_workbook(admissions_template.path)["2023"]
        dv = [d for d in ws.data_validations.dataValidation if d.type == "whole"][0]
        assert (dv.operator, dv.formula1) == ("greaterThanOrEqual", "0")
        first, last = admissions_template.unit_cells[0][1:], admissions_template.unit_cells[-1][1:]
        ranges = " ".join(str(r) for r in dv.sqref.ranges)
        assert f"C{first}" in ranges and f"H{last}" in ranges

    def test_level_words_and_yes_no_drop_downs(self, ratings_template, tmp_path):
        ws = load_workbook(ratings_template.path)["2023"]
        lists = [d for d in ws.data_validations.dataValidation if d.type == "list"]
        levels = [d for d in lists if "Hoàn thành tốt nhiệm vụ" in d.formula1][0]
        assert ratings_template.columns[("organisation", None, "word")] == "C"
        assert f"C{ratings_template.unit_cells[0][1:]}" in str(levels.sqref)
        placements = write_template(tmp_path / "bt.xlsx", "placements", "Chiêm Hóa", 2023)
        ws = load_workbook(placements.path)["2023"]
        yes_no = [d for d in ws.data_validations.dataValidation if d.formula1 == '"x,không"'][0]
        assert f"C{placements.unit_cells[0][1:]}" in str(yes_no.sqref)

    def test_header_locked_data_unlocked(self, admissions_template):
        ws = load_workbook(admissions_template.path)["2023"]
        assert ws.protection.sheet is True
        assert ws["D7"].protection.locked is True
        row = admissions_template.unit_cells[0][1:]
        assert ws[f"D{row}"].protection.locked is False
        assert ws[admissions_template.unit_cells[0]].protection.locked is True

    def test_instructions_in_vietnamese(self, admissions_template):
        ws = load_workbook(admissions_template.path)["Hướng dẫn"]
        assert ws["A1"].value == "HƯỚNG DẪN ĐIỀN BIỂU MẪU"
        assert "Tổng số" in ws["A6"].value

    def test_unknown_district_and_kind(self, tmp_path):
        with pytest.raises(ValueError, match="Không có huyện 'Đà Lạt'"):
            write_template(tmp_path / "x.xlsx", "admissions", "Đà Lạt", 2023)
        with pytest.raises(ValueError, match="No district 'Đà Lạt'"):
            write_template(tmp_path / "x.xlsx", "admissions", "Đà Lạt", 2023, lang="en")
        with pytest.raises(ValueError, match="kind must be one of"):
            write_template(tmp_path / "x.xlsx", "payroll", "Chiêm Hóa", 2023)


class TestFilledTemplatesReadBack:
    def test_filled_in_correctly_reads_without_problems(self, admissions_template, tmp_path):
        info = admissions_template
        wb = load_workbook(info.path)
        ws = wb["2023"]
        expected = []
        for i, cell in enumerate(info.unit_cells):
            r = cell[1:]
            values = {"target": 5 + i % 3, "admitted": 4 + i % 4, "female": 2, "ethnic_minority": 1 + i % 2,
                      "youth_union": 3, "religious": 0}
            for field, value in values.items():
                ws[f"{info.columns[(field, None, 'count')]}{r}"] = value
            expected.append(values)
        out = tmp_path / "filled.xlsx"
        wb.save(out)
        reports = _read(out)
        assert [str(p) for p in reports.problems] == []
        units = units_in("Chiêm Hóa", 2023)
        want = pd.DataFrame(expected).assign(
            province="Tuyên Quang", district="Chiêm Hóa", unit=units["name"].tolist(), unit_type=units["type"].tolist(),
            unit_code=units["code"].where(units["type"] != "agency", None).tolist(), year=2023, period="year",
            source=[f"filled.xlsx!2023!{c}" for c in info.unit_cells],
        )
        assert_frame_equal(reports.tables["admissions"], schema.conform("admissions", want))

    def test_filled_in_wrongly_gives_located_problems(self, admissions_template, ratings_template, tmp_path):
        info = admissions_template
        wb = load_workbook(info.path)
        ws = wb["2023"]
        col = {f: info.columns[(f, None, "count")] for f in ("admitted", "female")}
        for cell in info.unit_cells:
            ws[f"{col['admitted']}{cell[1:]}"] = 3
        r1, r2 = info.unit_cells[0][1:], info.unit_cells[1][1:]
        ws[f"{col['admitted']}{r1}"] = -2
        ws[f"{col['female']}{r2}"] = 5  # female > admitted (3)
        bad = tmp_path / "bad.xlsx"
        wb.save(bad)
        cells = {p.cell for p in _read(bad).problems if p.severity == "error"}
        assert f"{col['admitted']}{r1}" in cells
        assert f"{col['female']}{r2}" in cells

        rinfo = ratings_template
        wb = load_workbook(rinfo.path)
        ws = wb["2023"]
        word_col = rinfo.columns[("organisation", None, "word")]
        row = rinfo.unit_cells[0][1:]
        ws[f"{word_col}{row}"] = "Rất tốt"
        bad = tmp_path / "bad_ratings.xlsx"
        wb.save(bad)
        errors = [p for p in _read(bad).problems if p.severity == "error"]
        assert any(p.cell == f"{word_col}{row}" and p.sheet == "2023" for p in errors)


class TestCli:
    def test_writes_a_template(self, tmp_path, capsys):
        out = tmp_path / "t.xlsx"
        assert cli(["breakthrough_tasks", "--district", "Hàm Yên", "--year", "2022", "--out", str(out), "--lang", "en"]) == 0
        assert "Wrote the template of breakthrough tasks of Hàm Yên for 2022 (26 units)" in capsys.readouterr().out
        assert cli(["admissions", "--district", "Hàm Yên", "--year", "2022", "--out", str(out), "--lang", "vi"]) == 0
        assert "Đã ghi biểu mẫu kết nạp đảng viên của Hàm Yên năm 2022 (26 đơn vị)" in capsys.readouterr().out
        assert load_workbook(out)["2022"]["A2"].value == "HUYỆN ỦY HÀM YÊN"

    def test_unknown_district_exits_2(self, tmp_path, capsys):
        assert cli(["admissions", "--district", "Hà Nội", "--year", "2022", "--out", str(tmp_path / "t.xlsx")]) == 2
        assert "Không có huyện 'Hà Nội'" in capsys.readouterr().err
        assert not (tmp_path / "t.xlsx").exists()
