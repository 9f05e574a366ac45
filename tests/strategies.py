"""Hypothesis strategies: report workbooks with random layouts and values.

Every workbook stays within the data contract (its layouts are the ones
:class:`helpers.sheetwriter.Layout` offers, its values are consistent:
parts never exceed their whole), so reading it must give back exactly the
rows it was written from.  :func:`expected_tables` builds those rows
independently of the reader.  All names are unit names from the bundled
unit registry; all figures are random.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from helpers import schema
from helpers.sheetwriter import KINDS, Layout, Report, write_workbook

DISTRICT = "Chiêm Hóa"

#: GSO codes of the communes and towns below (the GSO list; agencies have none).
CODES = {"Hòa Phú": "02335", "Trung Hà": "02305", "Tân Mỹ": "02308", "Kim Bình": "02350", "Xuân Quang": "02326",
         "Yên Nguyên": "02365", "Vĩnh Lộc": "02287"}

#: (bare name, unit type) pairs from the registry of Chiêm Hóa.
UNITS = (
    ("Hòa Phú", "commune"),
    ("Trung Hà", "commune"),
    ("Tân Mỹ", "commune"),
    ("Kim Bình", "commune"),
    ("Xuân Quang", "commune"),
    ("Yên Nguyên", "commune"),
    ("Vĩnh Lộc", "town"),
    ("Công an huyện", "agency"),
    ("Trung tâm Y tế huyện", "agency"),
    ("Kho bạc Nhà nước huyện", "agency"),
)
COMMUNE_LEVEL = ("commune", "town", "ward")
LEVELS = ("excellent", "good", "completed", "not_completed")

counts = st.integers(min_value=0, max_value=40)


@st.composite
def admissions_record(draw) -> dict[str, Any]:
    admitted = draw(counts)
    part = st.integers(0, admitted)
    return {
        "target": draw(counts),
        "admitted": admitted,
        "female": draw(part),
        "ethnic_minority": draw(part),
        "youth_union": draw(part),
        "religious": draw(part),
    }


@st.composite
def ratings_record(draw) -> dict[str, Any]:
    return {
        "organisation": draw(st.sampled_from(LEVELS)),
        "cells": {lv: draw(st.integers(0, 12)) for lv in LEVELS},
        "members": {lv: draw(counts) for lv in (*LEVELS, "not_rated")},
    }


@st.composite
def placements_record(draw) -> dict[str, Any]:
    vice = draw(st.integers(0, 3))
    officials = draw(st.integers(0, 25))
    return {
        "secretary_non_local": draw(st.booleans()),
        "secretary_chairs_pc": draw(st.booleans()),
        "pc_chair_non_local": draw(st.booleans()),
        "pc_vice_chairs": vice,
        "pc_vice_chairs_non_local": draw(st.integers(0, vice)),
        "officials_members": officials,
        "officials_in_village_cells": draw(st.integers(0, officials)),
        "officials_in_village_committees": draw(st.integers(0, officials)),
    }


@st.composite
def breakthrough_record(draw) -> dict[str, Any]:
    tasks = draw(counts)
    return {"cadres": draw(st.integers(0, 15)), "tasks": tasks, "tasks_completed": draw(st.integers(0, tasks))}


_RECORD = {
    "admissions": admissions_record,
    "ratings": ratings_record,
    "placements": placements_record,
    "breakthrough_tasks": breakthrough_record,
}


def _survives_capitals(name: str) -> bool:
    """Whether a name written in capitals reads back as itself (sentence case)."""
    return name == name[:1] + name[1:].lower()


@st.composite
def records(draw, kind: str, capitals: bool = False) -> list[dict[str, Any]]:
    pool = UNITS if kind != "placements" else tuple(u for u in UNITS if u[1] in COMMUNE_LEVEL)
    if capitals:  # "KHO BẠC NHÀ NƯỚC HUYỆN" cannot say which words were capitalised
        pool = tuple(u for u in pool if u[1] != "agency" or _survives_capitals(u[0]))
    units = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6, unique=True))
    return [{"unit": name, "unit_type": utype, **draw(_RECORD[kind]())} for name, utype in units]


@st.composite
def layouts(draw, kind: str) -> Layout:
    yes = draw(st.sampled_from(["x", "X", "✓", "có", "1"]))
    return Layout(
        blank_rows=draw(st.integers(0, 3)),
        first_col=draw(st.integers(1, 3)),
        title=draw(st.booleans()),
        header_block=draw(st.sampled_from(["huyen_uy", "dang_bo", "ban_thuong_vu", "none"])),
        title_year=draw(st.booleans()),
        header_rows=draw(st.sampled_from([1, 2, 3])),
        numbering_row=draw(st.booleans()),
        extra_columns=draw(st.sampled_from([(), ("Ghi chú",), ("Ghi chú", "Người phụ trách")])),
        spelling=draw(st.sampled_from(["canonical", "abbreviated", "alternate"])),
        tones=draw(st.sampled_from(["classic", "new"])),
        unicode_form=draw(st.sampled_from(["NFC", "NFD"])),
        case=draw(st.sampled_from(["as_is", "upper", "lower"])),
        unit_names=draw(st.sampled_from(["full", "admin", "bare", "upper"])),
        groups=draw(st.booleans()),
        subtotals=draw(st.booleans()),
        grand_total=draw(st.sampled_from(["Tổng cộng", "Tổng số", "Cộng", "Toàn huyện", None])),
        total_first=draw(st.booleans()),
        level_style=draw(st.sampled_from(["word", "x"])),
        level_words=draw(st.sampled_from(["full", "abbreviated", "short"])),
        not_rated=draw(st.booleans()),
        numbers=draw(st.sampled_from(["number", "text", "dash", "text_dash"])),
        yes_mark=yes,
        no_mark=draw(st.sampled_from(["", "không", "0"])),
        footer=draw(st.booleans()),
    )


@st.composite
def reports(draw) -> list[Report]:
    """One to three report sheets of random kinds, one per year."""
    years = draw(st.lists(st.integers(2015, 2024), min_size=1, max_size=3, unique=True))
    out = []
    for year in years:
        kind = draw(st.sampled_from(KINDS))
        layout = draw(layouts(kind))
        recs = draw(records(kind, capitals=layout.unit_names == "upper"))
        out.append(Report(kind, recs, DISTRICT, year, layout=layout))
    return out


def write(path: Path, reps: list[Report]) -> dict[str, list[str]]:
    """Write the workbook; sheet name -> unit-name cells."""
    return write_workbook(path, reps, instructions=False)


def expected_tables(file: str, reps: list[Report], cells: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
    """The tidy tables the reader must return, built from the records.

    Only tables with rows are returned; the others must come back empty.
    """
    rows: dict[str, list[dict]] = {t: [] for t in schema.TABLES}
    for (sheet, unit_cells), rep in zip(cells.items(), reps, strict=True):
        for rec, cell in zip(rep.records, unit_cells, strict=True):
            common = {
                "province": "Tuyên Quang",
                "district": rep.district,
                "unit": rec["unit"],
                "unit_type": rec["unit_type"],
                "unit_code": CODES.get(rec["unit"]),
                "year": rep.year,
                "period": "year",
                "source": f"{file}!{sheet}!{cell}",
            }
            if rep.kind != "ratings":
                rows[rep.kind].append({**common, **{c: rec[c] for c in schema.FIGURES[rep.kind]}})
                continue
            rows["ratings"].append({**common, "subject": "organisation", "level": rec["organisation"], "count": 1})
            for subject in ("cells", "members"):
                for level in LEVELS:
                    rows["ratings"].append({**common, "subject": subject, "level": level, "count": rec[subject][level]})
            # Members not rated: their own column, or the total less the levels.
            rows["ratings"].append({**common, "subject": "members", "level": None, "count": rec["members"]["not_rated"]})
    return {
        t: sort_rows(t, schema.conform(t, pd.DataFrame(r, columns=list(schema.COLUMNS[t])))) for t, r in rows.items() if r
    }


def matches(tables: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    """Assert the reader's tables hold exactly the expected rows (absent = empty)."""
    from pandas.testing import assert_frame_equal

    for table, frame in tables.items():
        if table in expected:
            assert_frame_equal(sort_rows(table, frame), expected[table])
        else:
            assert len(frame) == 0, f"{table}: {len(frame)} rows never written"


def within(tables: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> bool:
    """Whether every row the reader returned is one of the expected rows."""
    for table, frame in tables.items():
        if not len(frame):
            continue
        if table not in expected:
            return False
        keys = set(map(tuple, expected[table].astype("str").values.tolist()))
        if not set(map(tuple, sort_rows(table, frame).astype("str").values.tolist())) <= keys:
            return False
    return True


def sort_rows(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A frame in a fixed row order, to compare tables whatever the reading order."""
    keys = ["source"] + (["subject", "level"] if table == "ratings" else [])
    order = frame[keys].astype("str").fillna("")
    return frame.loc[order.sort_values(keys).index].reset_index(drop=True)
