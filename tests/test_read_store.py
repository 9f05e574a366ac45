"""How the reader keeps its tables (columns, a unit row once) and writes them as CSV."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.config import RAW_DATA_DIR
from helpers.read import export, read_reports  # noqa: F401
from helpers.read.store import Store

COMMON = ("Tuyên Quang", "Chiêm Hóa", None, "Hòa Phú", "commune", "02335", 2023, "year", "a.xlsx!2023!B8")


def _units(names, types, codes, sources):
    n = len(names)
    return (["Tuyên Quang"] * n, ["Chiêm Hóa"] * n, [None] * n, names, types, codes, [2023] * n, ["year"] * n, sources)


def _conformed(table: str, records: list[tuple]) -> pd.DataFrame:
    return schema.conform(table, pd.DataFrame.from_records(records, columns=list(schema.COLUMNS[table])))


def _ratings() -> Store:
    store = Store("ratings")
    units = _units(["Hòa Phú", 'Cơ quan "A", B'], ["commune", "agency"], ["02335", None], ["a.xlsx!2023!B8", "a.xlsx!2023!B9"])
    rest = (["organisation", "members", "members", "organisation"], ["good", "excellent", None, "completed"], [1, 12, 3, 1])
    store.add(units, rest, [0, 0, 0, 1])
    return store


class TestStore:
    """A table as columns; a unit row kept once however many tidy rows it has."""

    def test_tidy_rows_refer_to_their_unit_row(self):
        store = _ratings()
        assert len(store) == 4 and len(store.units[0]) == 2
        assert list(store.rows()) == [
            (*COMMON, "organisation", "good", 1),
            (*COMMON, "members", "excellent", 12),
            (*COMMON, "members", None, 3),
            ("Tuyên Quang", "Chiêm Hóa", None, 'Cơ quan "A", B', "agency", None, 2023, "year", "a.xlsx!2023!B9",
             "organisation", "completed", 1),
        ]
        assert list(store.rows(1, 3)) == [(*COMMON, "members", "excellent", 12), (*COMMON, "members", None, 3)]

    def test_its_frame_is_the_conformed_records(self):
        store = _ratings()
        assert_frame_equal(store.frame(), _conformed("ratings", list(store.rows())))

    def test_one_row_a_unit_needs_no_references(self):
        store = Store("breakthrough_tasks")
        store.add(_units(["Hòa Phú"], ["commune"], ["02335"], [COMMON[-1]]), ([5], [20], [18]))
        store.add(_units(["Vĩnh Lộc"], ["town"], ["02287"], ["a.xlsx!2023!B9"]), ([3], [None], [None]))
        assert store.refs is None
        assert_frame_equal(store.frame(), _conformed("breakthrough_tasks", list(store.rows())))
        assert store.frame()["tasks"].tolist() == [20, pd.NA]

    def test_references_added_after_plain_rows_keep_both(self):
        store = Store("ratings")
        store.add(_units(["Hòa Phú"], ["commune"], ["02335"], [COMMON[-1]]), (["organisation"], ["good"], [1]))
        store.add(_units(["Vĩnh Lộc"], ["town"], ["02287"], ["a.xlsx!2023!B9"]), (["members"] * 2, ["good", None], [4, 1]), [0, 0])
        assert store.refs == [0, 1, 1]
        assert [r[3] for r in store.rows()] == ["Hòa Phú", "Vĩnh Lộc", "Vĩnh Lộc"]

    def test_stores_of_two_files_put_together_keep_their_references(self):
        whole = Store("ratings")
        whole.extend(_ratings())
        whole.extend(_ratings())
        assert len(whole) == 8 and whole.refs == [0, 0, 0, 1, 2, 2, 2, 3]
        assert list(whole.rows()) == list(_ratings().rows()) * 2

    def test_columns_of_unequal_length_are_a_bug(self):
        store = Store("breakthrough_tasks")
        with pytest.raises(AssertionError, match="differ in length"):
            store.add(_units(["Hòa Phú"], ["commune"], ["02335"], [COMMON[-1]]), ([5], [20, 21], [18]))

    def test_a_value_of_the_wrong_type_leaves_the_frame_to_schema_conform(self):
        store = Store("breakthrough_tasks")
        store.add(tuple([v] for v in COMMON), ([5.0], [20], [18]))  # a float where a count is expected
        assert_frame_equal(store.frame(), _conformed("breakthrough_tasks", [(*COMMON, 5, 20, 18)]))


class TestCsv:
    """The export writes, chunk by chunk, what pandas writes for the same frame."""

    def test_same_bytes_as_pandas(self, tmp_path, monkeypatch):
        monkeypatch.setattr(export, "CHUNK", 3)  # a unit row's tidy rows across two blocks
        store = _ratings()
        header = list(schema.COLUMNS["ratings"])
        with open(tmp_path / "rows.csv", "w", encoding="utf-8", newline="") as fh:
            export.write_rows(fh, header, store.rows(), neutralise=False)
        with open(tmp_path / "store.csv", "w", encoding="utf-8", newline="") as fh:
            export.write_store(fh, header, store, neutralise=False)
        store.frame().to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8", lineterminator="\n")
        expected = (tmp_path / "pandas.csv").read_bytes()
        assert '"Cơ quan ""A"", B"'.encode() in expected and b",,3\n" in expected
        assert (tmp_path / "rows.csv").read_bytes() == expected
        assert (tmp_path / "store.csv").read_bytes() == expected

    def test_formula_like_text_is_made_inert_in_both_writers(self, tmp_path):
        store = Store("breakthrough_tasks")
        store.add(_units(["=HYPERLINK(1)", "-5"], ["agency"] * 2, [None, None], ["a!b!B8", "a!b!B9"]), ([1, 2], [3, 4], [None, 4]))
        header = list(schema.COLUMNS["breakthrough_tasks"])
        for name, write in (("rows", lambda fh: export.write_rows(fh, header, store.rows(), neutralise=True)),
                            ("store", lambda fh: export.write_store(fh, header, store, neutralise=True))):
            with open(tmp_path / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
                write(fh)
        lines = (tmp_path / "store.csv").read_text(encoding="utf-8").splitlines()
        assert lines[1:] == ["Tuyên Quang,Chiêm Hóa,,'=HYPERLINK(1),agency,,2023,year,a!b!B8,1,3,",
                             "Tuyên Quang,Chiêm Hóa,,-5,agency,,2023,year,a!b!B9,2,4,4"]
        assert (tmp_path / "rows.csv").read_bytes() == (tmp_path / "store.csv").read_bytes()

    def test_small_chunks_give_the_same_files(self, tmp_path, monkeypatch):
        reports = read_reports(RAW_DATA_DIR)
        export.write_export(reports, tmp_path / "whole")
        monkeypatch.setattr(export, "CHUNK", 7)
        export.write_export(reports, tmp_path / "chunks")
        for name in ("admissions", "ratings", "placements", "breakthrough_tasks", "problems"):
            assert (tmp_path / "chunks" / f"{name}.csv").read_bytes() == (tmp_path / "whole" / f"{name}.csv").read_bytes()
        frame = pd.read_csv(tmp_path / "whole" / "ratings.csv")
        assert len(frame) == len(reports.ratings) and list(frame.columns) == list(schema.COLUMNS["ratings"])
