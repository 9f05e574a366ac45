"""A report kind declared on its own reads end to end: no package file knows it.

Party-discipline statistics (kỷ luật đảng viên: khiển trách, cảnh cáo,
cách chức, khai trừ per unit) are declared here, registered, written with
the sheet writer and read back, with a total that disagrees and a part
larger than its whole, each located to the cell.
"""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from pandas.testing import assert_frame_equal

from helpers import kinds, schema
from helpers.kinds import Column, Heading, Kind, PartOfWhole
from helpers.read import read_kind, read_reports
from helpers.read.export import write_export
from helpers.sheetwriter import Layout, Report, write_workbook

from _fixtures import placed

_PARTS = {"reprimand": "Khiển trách", "warning": "Cảnh cáo", "dismissal": "Cách chức", "expulsion": "Khai trừ"}


def _part(field: str, word: str) -> Column:
    return Column(field, Heading((word,)), label=word, template={1: (field,), 2: ("group", field), 3: ("group", "of_which", field)})


DISCIPLINE = Kind(
    name="discipline",
    label={"vi": "kỷ luật đảng viên", "en": "party discipline"},
    expected={"vi": "Số đảng viên bị kỷ luật (Tổng số)", "en": "Số đảng viên bị kỷ luật (Tổng số), the members disciplined"},
    title="KẾT QUẢ THI HÀNH KỶ LUẬT ĐẢNG VIÊN",
    title_words=("kỷ luật",),
    tidy={"disciplined": "Int64", **{f: "Int64" for f in _PARTS}},
    columns=(
        *(_part(f, w) for f, w in _PARTS.items()),
        Column("disciplined", Heading(("Tổng số", "Bị kỷ luật")), label="Số đảng viên bị kỷ luật / Tổng số",
               template={1: ("group",), 2: ("group", "total"), 3: ("group", "total")}),
    ),
    requires=("disciplined",),
    rules=tuple(PartOfWhole(f, "disciplined") for f in _PARTS),
    words={"group": ("Số đảng viên bị kỷ luật",) * 3, **{f: (w, w, w) for f, w in _PARTS.items()}},
    sheet_code="KL",
)

RECORDS = [
    {"unit": "Hòa Phú", "unit_type": "commune", "disciplined": 3, "reprimand": 2, "warning": 1, "dismissal": 0, "expulsion": 0},
    {"unit": "Vĩnh Lộc", "unit_type": "town", "disciplined": 2, "reprimand": 1, "warning": 0, "dismissal": 0, "expulsion": 1},
    {"unit": "Công an huyện", "unit_type": "agency", "disciplined": 1, "reprimand": 1, "warning": 0, "dismissal": 0, "expulsion": 0},
]


@pytest.fixture
def discipline():
    kinds.register(DISCIPLINE)
    yield DISCIPLINE
    kinds.unregister("discipline")


def _write(path, layout=Layout()):
    cells = write_workbook(path, [Report("discipline", RECORDS, "Chiêm Hóa", 2023, layout=layout)])
    return cells["2023"]


def _expected(unit_cells, file="kl.xlsx"):
    rows = [{**placed(r["unit"]), "district": "Chiêm Hóa", "unit": r["unit"], "unit_type": r["unit_type"], "year": 2023,
             "source": f"{file}!2023!{cell}", **{f: r[f] for f in DISCIPLINE.tidy}} for r, cell in zip(RECORDS, unit_cells)]
    return schema.conform("discipline", pd.DataFrame(rows))


class TestAFifthKind:
    def test_it_is_a_table_of_the_schema_and_of_the_writer(self, discipline):
        assert schema.TABLES[-1] == "discipline"
        assert list(schema.COLUMNS["discipline"])[-5:] == ["disciplined", "reprimand", "warning", "dismissal", "expulsion"]
        assert kinds.classify("discipline", ("Số đảng viên bị kỷ luật", "Cảnh cáo")).field == "warning"

    @pytest.mark.parametrize("depth", [1, 2, 3])
    def test_written_and_read_back_exactly(self, discipline, tmp_path, depth):
        unit_cells = _write(tmp_path / "kl.xlsx", Layout(header_rows=depth))
        reports = read_reports(tmp_path, lang="en")
        assert reports.problems == []
        assert_frame_equal(reports.discipline, _expected(unit_cells))
        assert_frame_equal(read_kind("discipline", tmp_path), _expected(unit_cells))
        sheets = reports.sheets.set_index("sheet")
        assert sheets.loc["2023", "status"] == "read" and sheets.loc["2023", "kind"] == "discipline"
        assert sheets.loc["2023", "rows"] == 3

    def test_a_wrong_total_and_a_part_past_its_whole_are_located(self, discipline, tmp_path):
        path = tmp_path / "kl.xlsx"
        unit_cells = _write(path)
        wb = load_workbook(path)
        ws = wb["2023"]
        sub = next(r for r in range(1, 20) if ws.cell(r, 4).value == "Khiển trách")  # the sub-headings of a 2-row header
        header = {ws.cell(sub, c).value: c for c in range(1, ws.max_column + 1)}
        total_row = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Tổng cộng")
        reprimand = ws.cell(total_row, header["Khiển trách"])
        reprimand.value = 5  # the rows add up to 4
        hoa_phu = int(unit_cells[0][1:])
        col = header["Cảnh cáo"]
        ws.cell(hoa_phu, col).value = 4  # more than the 3 disciplined; the totals over it follow
        for r in (hoa_phu + 2, total_row):  # "Cộng I", "Tổng cộng"
            ws.cell(r, col).value += 3
        wb.save(path)
        reports = read_reports(path, lang="en")
        got = [(p.cell, p.code) for p in reports.errors]
        warning_cell = f"{ws.cell(hoa_phu, header['Cảnh cáo']).column_letter}{hoa_phu}"
        assert got == [(warning_cell, "part_gt_whole"), (reprimand.coordinate, "total_mismatch")]
        assert "is 4, more than" in reports.errors[0].message
        assert f"{reprimand.coordinate} says 5" in reports.errors[1].message
        assert reports.discipline["unit"].tolist() == ["Vĩnh Lộc", "Công an huyện"]  # the bad row is left out

    def test_exported_like_every_table(self, discipline, tmp_path):
        (tmp_path / "in").mkdir()
        _write(tmp_path / "in" / "kl.xlsx")
        written = write_export(read_reports(tmp_path / "in"), tmp_path / "out")
        assert [(p.name, n) for p, n in written] == [("discipline.csv", 3), ("problems.csv", 0)]
        back = pd.read_csv(tmp_path / "out" / "discipline.csv")
        assert back["expulsion"].tolist() == [0, 1, 0]

    def test_unregistered_it_is_gone(self, tmp_path):
        kinds.register(DISCIPLINE)
        _write(tmp_path / "kl.xlsx")
        kinds.unregister("discipline")
        assert "discipline" not in read_reports(tmp_path).tables and "discipline" not in schema.TABLES
        with pytest.raises(ValueError, match="kind must be one of admissions, ratings"):
            read_kind("discipline", tmp_path)

    def test_a_name_is_registered_once_and_built_in_kinds_stay(self, discipline):
        with pytest.raises(ValueError, match="already registered"):
            kinds.register(DISCIPLINE)
        with pytest.raises(ValueError, match="built-in"):
            kinds.unregister("ratings")
