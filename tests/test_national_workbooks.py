"""The national report workbooks (tests/national_workbooks.py) read with the registry's functions.

The reader wires these functions in; here each workbook's header block,
district and rows are read cell by cell and resolved, as the reader will.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from helpers.read.committee import parse_committee
from helpers.read.layout import find_table, title_lines
from helpers.text import split_unit_name
from helpers.units import infer_province, resolve_district, resolve_unit

import national_workbooks as nw


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return nw.write_all(tmp_path_factory.mktemp("national"))


def _sheet(path):
    ws = load_workbook(path, read_only=True)[nw.Case.sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize("case", nw.CASES, ids=lambda c: c.id)
def test_header_block_names_province_and_district(case, written):
    rows = _sheet(written[case.id])
    table = find_table(rows, None)
    assert table.top == 5  # the header's first row, 0-based
    committee = parse_committee(title_lines(rows, table.top))
    assert committee.district == case.district and committee.level == "district"
    units = [rows[table.data_start + i][1] for i in range(len(case.rows))]
    if case.province_line is None:
        assert committee.province is None and not committee.province_line_found
        assert len(resolve_district(None, committee.district, nw.YEAR)) == 10  # ten Châu Thành
        assert infer_province(committee.district, units, nw.YEAR) == [case.province]
    else:
        assert committee.province == case.province
    assert [m.province for m in resolve_district(case.province, committee.district, nw.YEAR)] == [case.province]


@pytest.mark.parametrize("case", nw.CASES, ids=lambda c: c.id)
def test_rows_resolve_to_registry_units(case, written):
    rows = _sheet(written[case.id])
    table = find_table(rows, None)
    got = []
    for i, want in enumerate(nw.expected_rows(case)):
        r = table.data_start + i
        name, word_type = split_unit_name(rows[r][1])
        m = resolve_unit(case.province, case.district, name, word_type, nw.YEAR)
        figures = dict(zip(nw.FIGURES, rows[r][2:8]))
        got.append({"province": m.province, "district": m.district, "unit": m.name, "unit_type": m.unit_type,
                    "unit_code": m.unit_code, "year": nw.YEAR, "source": f"{case.file_name}!{case.sheet}!B{r + 1}", **figures})
    assert got == nw.expected_rows(case)
    total = rows[table.data_start + len(case.rows)]
    assert total[1] == "Tổng cộng"
    assert total[2:8] == [sum(row.figures[c] for row in case.rows) for c in range(6)]


def test_the_cases_cover_what_the_issue_names():
    kinds = {c.id: resolve_district(c.province, c.district, nw.YEAR)[0].kind for c in nw.CASES}
    assert {"huyện", "quận", "thị xã", "thành phố"} <= set(kinds.values())
    assert {c.province for c in nw.CASES if c.district == "Châu Thành"} == {"Tiền Giang", "Long An"}
    assert any(r.unit == "Phường 2" for c in nw.CASES for r in c.rows)
    assert any(c.province_line is None for c in nw.CASES)
