"""The read cache's shortcuts: the stat index (content hashes not taken again) and one batch entry a reading.

Neither may ever serve a stale or half-written result: a file changed in
any way, even rewritten with the same size and times within the racy
window, is read again; a damaged index or batch entry is ignored.
"""

from __future__ import annotations

import os
import shutil
import time

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.read import cache as cache_mod
from helpers.read import read_reports, run, statindex
from helpers.read.engine import Options

from _fixtures import tasks_cells, write


def _tasks(path, first: int = 20, year: int = 2023):
    cells = tasks_cells()
    cells["A4"] = f"KẾT QUẢ GIAO VIỆC ĐỘT PHÁ, ĐỔI MỚI NĂM {year}"
    cells["D7"], cells["D9"] = first, first + 4
    return write(path, {str(year): cells})


def _settled(monkeypatch) -> None:
    """The clock an hour on: every file looks changed long ago (past the racy window)."""
    now = time.time_ns() + 3600 * 10**9
    monkeypatch.setattr(statindex.time, "time_ns", lambda: now)


def _no_hashing(monkeypatch) -> None:
    def fail(path):
        pytest.fail(f"{path} was read to hash it")

    monkeypatch.setattr(statindex, "hash_file", fail)


def _index_files(folder):
    return list((folder / "index").glob("*.stat"))


class TestStatIndex:
    def test_an_unchanged_settled_file_is_not_read_again_to_hash_it(self, tmp_path, monkeypatch):
        path = _tasks(tmp_path / "in" / "dp.xlsx")
        _settled(monkeypatch)
        first = read_reports(tmp_path / "in", cache=tmp_path / "c", lang="en")
        assert len(_index_files(tmp_path / "c")) == 1
        _no_hashing(monkeypatch)
        again = read_reports(tmp_path / "in", cache=tmp_path / "c", lang="en")
        pd.testing.assert_frame_equal(again.breakthrough_tasks, first.breakthrough_tasks)
        assert again.breakthrough_tasks["tasks"].tolist() == [20, 4]
        assert path.is_file()

    def test_a_file_changed_within_the_racy_window_is_hashed_every_time(self, tmp_path, monkeypatch):
        _tasks(tmp_path / "in" / "dp.xlsx")
        read_reports(tmp_path / "in", cache=tmp_path / "c")  # just written: too recent to remember
        hashed = []
        real = statindex.hash_file
        monkeypatch.setattr(statindex, "hash_file", lambda p: hashed.append(p) or real(p))
        read_reports(tmp_path / "in", cache=tmp_path / "c")
        assert [os.path.basename(p) for p in hashed] == ["dp.xlsx"]

    def test_a_file_rewritten_with_the_same_size_and_times_within_the_racy_window_is_read_again(
            self, tmp_path, monkeypatch):
        # a file system whose stat cannot tell the two versions apart (a coarse clock, the same
        # size, the same inode): only the racy rule keeps the first hash from being used
        monkeypatch.setattr(statindex, "signature", lambda st: (st.st_mtime_ns,))
        path = _tasks(tmp_path / "in" / "dp.xlsx", first=20)
        stamp = os.stat(path).st_mtime_ns
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [20, 4]
        _tasks(path, first=21)
        os.utime(path, ns=(stamp, stamp))
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [21, 4]

    def test_without_the_racy_rule_that_rewrite_would_go_unseen(self, tmp_path, monkeypatch):
        # the same as above with the clock an hour on: the index trusts the stat, which cannot
        # tell; this is what the racy window is there for
        monkeypatch.setattr(statindex, "signature", lambda st: (st.st_mtime_ns,))
        _settled(monkeypatch)
        path = _tasks(tmp_path / "in" / "dp.xlsx", first=20)
        stamp = os.stat(path).st_mtime_ns
        read_reports(path, cache=tmp_path / "c")
        _tasks(path, first=21)
        os.utime(path, ns=(stamp, stamp))
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [20, 4]

    def test_a_settled_file_changed_in_place_is_read_again(self, tmp_path, monkeypatch):
        path = _tasks(tmp_path / "in" / "dp.xlsx", first=20)
        _settled(monkeypatch)
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [20, 4]
        stamp = os.stat(path).st_mtime_ns
        _tasks(path, first=21)
        os.utime(path, ns=(stamp, stamp))  # the modification time put back: the change time still moves
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [21, 4]

    @pytest.mark.parametrize("damage", ["truncate", "garbage", "flip"])
    def test_a_damaged_index_is_ignored_and_written_again(self, tmp_path, monkeypatch, damage):
        _tasks(tmp_path / "in" / "dp.xlsx")
        _settled(monkeypatch)
        read_reports(tmp_path / "in", cache=tmp_path / "c")
        index = _index_files(tmp_path / "c")[0]
        data = index.read_bytes()
        bad = {"truncate": data[: len(data) // 2], "garbage": b"not an index",
               "flip": data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:]}[damage]
        index.write_bytes(bad)
        assert read_reports(tmp_path / "in", cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [20, 4]
        assert index.read_bytes() != bad

    def test_the_index_is_kept_per_set_of_paths_read(self, tmp_path):
        _tasks(tmp_path / "a" / "dp.xlsx")
        _tasks(tmp_path / "b" / "dp.xlsx")
        store = cache_mod.Cache(tmp_path / "c")
        assert store._index_file([tmp_path / "a"]) != store._index_file([tmp_path / "b"])
        assert store._index_file([tmp_path / "a", tmp_path / "b"]) == store._index_file([tmp_path / "b", tmp_path / "a"])


class TestKeys:
    def test_the_province_given_is_part_of_an_entry_key(self, tmp_path):
        path = _tasks(tmp_path / "in" / "dp.xlsx")
        store = cache_mod.Cache(tmp_path / "c")
        files = [(str(path), "dp.xlsx")]
        one = store.keys(files, Options.make(province="Tuyên Quang"))
        other = store.keys(files, Options.make(province="Hà Giang"))
        assert None not in one and one != other

    def test_an_unreadable_file_has_no_key(self, tmp_path):
        store = cache_mod.Cache(tmp_path / "c")
        assert store.keys([(str(tmp_path / "gone.xlsx"), "gone.xlsx")], Options.make()) == [None]


class TestBatch:
    @pytest.fixture
    def folder(self, tmp_path):
        for i in range(3):
            _tasks(tmp_path / "in" / f"dp{i}.xlsx", first=20 + i, year=2020 + i)  # three reports, one a year
        (tmp_path / "in" / "broken.xlsx").write_text("TT,Đơn vị\n", encoding="utf-8")
        return tmp_path / "in"

    def test_a_second_check_takes_every_summary_from_one_batch_entry(self, folder, tmp_path, monkeypatch):
        first = read_reports(folder, cache=tmp_path / "c", lang="en", tables=False)
        assert len(list((tmp_path / "c").rglob("*.batch"))) == 1
        monkeypatch.setattr(run, "_read_batch", lambda batch, *a: pytest.fail(f"read files the cache holds: {batch}"))
        loaded = []
        real = cache_mod.Cache._load
        monkeypatch.setattr(cache_mod.Cache, "_load", lambda self, key, part: loaded.append(part) or real(self, key, part))
        again = read_reports(folder, cache=tmp_path / "c", lang="en", tables=False)
        assert loaded == ["batch"]
        assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
        pd.testing.assert_frame_equal(again.sheets, first.sheets)

    def test_a_changed_file_makes_another_batch(self, folder, tmp_path):
        read_reports(folder, cache=tmp_path / "c", tables=False)
        _tasks(folder / "dp1.xlsx", first=30, year=2021)
        got = read_reports(folder, cache=tmp_path / "c")
        assert got.breakthrough_tasks["tasks"].tolist() == [20, 4, 30, 4, 22, 4]
        assert len(list((tmp_path / "c").rglob("*.batch"))) == 2

    @pytest.mark.parametrize("damage", ["truncate", "garbage"])
    def test_a_damaged_batch_entry_is_ignored(self, folder, tmp_path, damage):
        plain = read_reports(folder, lang="en")
        read_reports(folder, cache=tmp_path / "c", lang="en")
        entry = next((tmp_path / "c").rglob("*.batch"))
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"garbage")
        again = read_reports(folder, cache=tmp_path / "c", lang="en")
        assert [str(p) for p in again.problems] == [str(p) for p in plain.problems]
        pd.testing.assert_frame_equal(again.breakthrough_tasks, plain.breakthrough_tasks)

    def test_rows_missing_from_the_cache_are_read_again(self, folder, tmp_path):
        read_reports(folder, cache=tmp_path / "c", tables=False)  # summaries only
        got = read_reports(folder, cache=tmp_path / "c")
        pd.testing.assert_frame_equal(got.breakthrough_tasks, read_reports(folder).breakthrough_tasks)

    def test_the_repeats_found_are_the_same_from_the_cache(self, folder, tmp_path):
        shutil.copy(folder / "dp0.xlsx", folder / "dp0-copy.xlsx")  # the same report twice
        plain = read_reports(folder, lang="en")
        assert any(p.code == "repeated_sheet" for p in plain.problems)
        read_reports(folder, cache=tmp_path / "c", lang="en")
        for _ in range(2):
            again = read_reports(folder, cache=tmp_path / "c", lang="en")
            assert [str(p) for p in again.problems] == [str(p) for p in plain.problems]
            pd.testing.assert_frame_equal(again.breakthrough_tasks, plain.breakthrough_tasks)

    def test_formula_like_text_stays_inert_when_a_check_filled_the_batch(self, tmp_path, monkeypatch):
        cells = tasks_cells()
        cells["B8"] = "@SUM(C7:C8)"
        src = write(tmp_path / "in" / "dp.xlsx", {"2023": cells})
        monkeypatch.setenv("PARTY_STATS_CACHE", str(tmp_path / "c"))
        assert main(["export", str(src), "--out", str(tmp_path / "one")]) == 0  # summary and rows
        assert main(["check", str(src)]) == 0  # a batch entry of the summaries
        assert main(["export", str(src), "--out", str(tmp_path / "two")]) == 0  # all from the cache
        assert len(list((tmp_path / "c").rglob("*.batch"))) == 1
        one = (tmp_path / "one" / "breakthrough_tasks.csv").read_bytes()
        assert (tmp_path / "two" / "breakthrough_tasks.csv").read_bytes() == one
        assert "'@sum(c7:c8)" in one.decode("utf-8")
