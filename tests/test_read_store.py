"""How the reader keeps its tables: columns, unit rows once, and the two ways of emitting them."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.config import RAW_DATA_DIR
from helpers.read import engine, read_reports
from helpers.read.cli import _write_store

COMMON = ("Chiêm Hòa", "Hòa Phú", "commune", 2023, "a.xlsx!2023!B8")


def _conformed(table: str, records: list[tuple]) -> pd.DataFrame:
    return schema.conform(table, pd.DataFrame.from_records(records, columns=list(schema.COLUMNS[table])))


class TestStore:
    """A table as columns; a unit row kept once however many tidy rows it has."""

    def _ratings(self) -> engine._Store:
        store = engine._Store("ratings")
        names, types, sources = ["Hòa Phú", 'Cơ quan "A", B'], ["commune", "agency"], ["a.xlsx!2023!B8", "a.xlsx!2023!B9"]
        units = ([COMMON[0]] * 2, names, types, [2023] * 2, sources)
        rest = (["organisation", "members", "members", "organisation"], ["good", "excellent", None, "completed"], [1, 12, 3, 1])
        store.add(units, rest, [0, 0, 0, 1])
        return store

    def test_tidy_rows_refer_to_their_unit_row(self):
        store = self._ratings()
        assert len(store) == 4 and len(store.units[0]) == 2
        assert store.records() == [
            (*COMMON, "organisation", "good", 1),
            (*COMMON, "members", "excellent", 12),
            (*COMMON, "members", None, 3),
            ("Chiêm Hòa", 'Cơ quan "A", B', "agency", 2023, "a.xlsx!2023!B9", "organisation", "completed", 1),
        ]

    def test_its_frame_is_the_conformed_records(self):
        store = self._ratings()
        assert_frame_equal(store.frame(), _conformed("ratings", store.records()))

    def test_one_row_a_unit_needs_no_references(self):
        store = engine._Store("breakthrough_tasks")
        store.add(([COMMON[0]], ["Hòa Phú"], ["commune"], [2023], [COMMON[4]]), ([5], [20], [18]), None)
        store.add(([COMMON[0]], ["Vĩnh Lộc"], ["town"], [2023], ["a.xlsx!2023!B9"]), ([3], [None], [None]), None)
        assert store.refs is None
        assert_frame_equal(store.frame(), _conformed("breakthrough_tasks", store.records()))
        assert store.frame()["tasks"].tolist() == [20, pd.NA]

    def test_references_added_after_plain_rows_keep_both(self):
        store = engine._Store("ratings")
        store.add(([COMMON[0]], ["Hòa Phú"], ["commune"], [2023], [COMMON[4]]), (["organisation"], ["good"], [1]), None)
        store.add(([COMMON[0]], ["Vĩnh Lộc"], ["town"], [2023], ["a.xlsx!2023!B9"]), (["members"] * 2, ["good", None], [4, 1]), [0, 0])
        assert store.refs == [0, 1, 1]
        assert [r[1] for r in store.records()] == ["Hòa Phú", "Vĩnh Lộc", "Vĩnh Lộc"]

    def test_columns_of_unequal_length_are_a_bug(self):
        store = engine._Store("breakthrough_tasks")
        with pytest.raises(AssertionError, match="differ in length"):
            store.add(([COMMON[0]], ["Hòa Phú"], ["commune"], [2023], [COMMON[4]]), ([5], [20, 21], [18]), None)

    def test_a_value_of_the_wrong_type_leaves_the_frame_to_schema_conform(self):
        e = engine.Engine()
        e.extend_rows("breakthrough_tasks", [(*COMMON, 5.0, 20, 18)])  # a float where a count is expected
        assert e.stores["breakthrough_tasks"].frame() is None
        frames = e.frames()
        assert "breakthrough_tasks" not in e.frame_stores
        assert_frame_equal(frames["breakthrough_tasks"], _conformed("breakthrough_tasks", [(*COMMON, 5, 20, 18)]))


class TestWriteStore:
    """The export's CSV of a store is what pandas writes for its frame."""

    def test_same_bytes_as_pandas(self, tmp_path):
        store = TestStore()._ratings()
        _write_store(tmp_path / "fast.csv", list(schema.COLUMNS["ratings"]), store)
        store.frame().to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8", lineterminator="\n")
        assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()


class TestFastAndCheckedPaths:
    """A clean ratings sheet is emitted column by column; the unit-by-unit path gives the same."""

    def test_bundled_ratings_read_the_same_unit_by_unit(self, monkeypatch):
        fast = read_reports(RAW_DATA_DIR)
        assert len(fast.ratings) > 1000
        monkeypatch.setattr(engine._SheetReader, "_ratings_columns", lambda self, bidx: None)
        slow = read_reports(RAW_DATA_DIR)
        assert_frame_equal(slow.ratings, fast.ratings)
        assert [str(p) for p in slow.problems] == [str(p) for p in fast.problems]
