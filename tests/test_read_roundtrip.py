"""Every layout the sheet writer can produce reads back to the records written."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.read import read_reports
from helpers.sheetwriter import Layout, Report, write_workbook

from _fixtures import placed

RECORDS = {
    "admissions": [
        {"unit": "Hòa Phú", "unit_type": "commune", "target": 9, "admitted": 7, "female": 3, "ethnic_minority": 5, "youth_union": 6, "religious": 0},
        {"unit": "Vĩnh Lộc", "unit_type": "town", "target": 5, "admitted": 6, "female": 2, "ethnic_minority": 1, "youth_union": 4, "religious": 0},
        {"unit": "Công an huyện", "unit_type": "agency", "target": 2, "admitted": 2, "female": 0, "ethnic_minority": 1, "youth_union": 2, "religious": 0},
    ],
    "ratings": [
        {"unit": "Hòa Phú", "unit_type": "commune", "organisation": "good",
         "cells": {"excellent": 2, "good": 10, "completed": 3, "not_completed": 0},
         "members": {"excellent": 20, "good": 200, "completed": 30, "not_completed": 2, "not_rated": 5}},
        {"unit": "Công an huyện", "unit_type": "agency", "organisation": "excellent",
         "members": {"excellent": 5, "good": 20, "completed": 3, "not_completed": 0, "not_rated": 1}},
    ],
    "placements": [
        {"unit": "Hòa Phú", "unit_type": "commune", "secretary_non_local": True, "secretary_chairs_pc": False,
         "pc_chair_non_local": False, "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 1, "officials_members": 20,
         "officials_in_village_cells": 15, "officials_in_village_committees": 5},
        {"unit": "Vĩnh Lộc", "unit_type": "town", "secretary_non_local": False, "secretary_chairs_pc": True,
         "pc_chair_non_local": True, "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 0, "officials_members": 18,
         "officials_in_village_cells": 10, "officials_in_village_committees": 2},
    ],
    "breakthrough_tasks": [
        {"unit": "Hòa Phú", "unit_type": "commune", "cadres": 5, "tasks": 20, "tasks_completed": 18},
        {"unit": "Công an huyện", "unit_type": "agency", "cadres": 3, "tasks": 4, "tasks_completed": 4},
    ],
}

OPTIONS = dict(
    header_rows=[1, 2, 3], numbering_row=[True, False], spelling=["canonical", "abbreviated", "alternate"],
    tones=["classic", "new"], unicode_form=["NFC", "NFD"], case=["as_is", "upper", "lower"],
    unit_names=["full", "admin", "bare", "upper"], groups=[True, False], subtotals=[True, False],
    grand_total=[None, "Tổng cộng", "Tổng số", "Cộng", "Toàn huyện"], total_first=[False, True],
    level_style=["word", "x"], level_words=["full", "abbreviated", "short"], not_rated=[True, False],
    numbers=["number", "text", "dash", "text_dash"], yes_mark=["x", "X", "✓", "có", "1"], no_mark=["", "không", "0"],
    header_block=["huyen_uy", "dang_bo", "ban_thuong_vu"], title_year=[True, False], blank_rows=[0, 2],
    first_col=[1, 3], footer=[True, False],
)


def expected(kind: str, cells: list[str]) -> pd.DataFrame:
    rows = []
    for rec, cell in zip(RECORDS[kind], cells):
        base = dict(placed(rec["unit"]), district="Chiêm Hóa", unit=rec["unit"], unit_type=rec["unit_type"], year=2023,
                    source=f"w.xlsx!2023!{cell}")
        if kind != "ratings":
            rows.append(dict(base, **{f: rec[f] for f in schema.FIGURES[kind]}))
            continue
        rows.append(dict(base, subject="organisation", level=rec["organisation"], count=1))
        for subject in ("cells", "members"):
            counts = rec.get(subject, {})
            for level in ("excellent", "good", "completed", "not_completed"):
                if level in counts:
                    rows.append(dict(base, subject=subject, level=level, count=counts[level]))
            if "not_rated" in counts:
                rows.append(dict(base, subject=subject, level=None, count=counts["not_rated"]))
    return schema.conform(kind, pd.DataFrame(rows))


def _layouts(n: int = 40, seed: int = 2023):
    rng = random.Random(seed)
    for i in range(n):
        kind = list(RECORDS)[i % 4]
        yield pytest.param(kind, {k: rng.choice(v) for k, v in OPTIONS.items()}, id=f"{kind}-{i}")


class TestReadReportsRoundTrip:
    @pytest.mark.parametrize("kind, options", list(_layouts()))
    def test_layout_reads_back_exactly(self, tmp_path, kind, options):
        path = tmp_path / "w.xlsx"
        cells = write_workbook(path, [Report(kind, RECORDS[kind], "Chiêm Hóa", 2023, Layout(**options), sheet="2023")],
                               instructions=True, hidden_lookup=True)
        r = read_reports(path)
        assert [str(p) for p in r.problems] == []
        assert_frame_equal(r.tables[kind], expected(kind, cells["2023"]))
