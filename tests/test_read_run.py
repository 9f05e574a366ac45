"""Many files: a process pool and the cache give exactly what reading serially gives."""

from __future__ import annotations

import multiprocessing as mp
import shutil
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from helpers.config import RAW_DATA_DIR
from helpers.read import cache as cache_mod
from helpers.read import engine, read_reports, run
from helpers.read.engine import Options

from _fixtures import tasks_cells, write


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The bundled workbooks and a few with problems: enough files for the pool."""
    root = tmp_path_factory.mktemp("many")
    shutil.copytree(RAW_DATA_DIR, root / "raw")
    for i in range(6):
        cells = tasks_cells()
        cells["D7"] = [20, "abc", -1, 2.5, None, 21][i]  # a bad cell, a blank, a wrong total …
        write(root / "bad" / f"dp{i}.xlsx", {"2023": cells})
    (root / "bad" / "not-a-workbook.xlsx").write_text("TT,Đơn vị\n", encoding="utf-8")
    return root


def _same(a, b) -> None:
    for name in a.tables:
        assert_frame_equal(a.tables[name], b.tables[name])
    assert [(str(p), p.code) for p in a.problems] == [(str(p), p.code) for p in b.problems]
    assert_frame_equal(a.sheets, b.sheets)


class TestPool:
    def test_two_processes_read_what_one_reads_in_the_same_order(self, folder, monkeypatch):
        serial = read_reports(folder, jobs=1, lang="en")
        assert len(serial.problems) >= 7
        monkeypatch.setattr(run, "POOL_MIN_FILES", 2)
        monkeypatch.setattr(run, "SPAWN_POOL_MIN_FILES", 2)
        pooled = read_reports(folder, jobs=2, lang="en")
        _same(serial, pooled)

    @pytest.mark.parametrize("threads", [1, 2])
    def test_a_pool_that_cannot_fork_is_started_for_many_files_only(self, folder, monkeypatch, threads):
        import threading

        started = []
        monkeypatch.setattr(run, "_pooled", lambda batch, *a: started.append(len(batch)) or run._read_batch(batch, *a[:1]))
        monkeypatch.setattr(threading, "active_count", lambda: threads)  # 2: a thread besides this one runs
        monkeypatch.setattr(run, "POOL_MIN_FILES", 2)
        n = len(list((folder / "bad").glob("*.xlsx")))
        monkeypatch.setattr(run, "SPAWN_POOL_MIN_FILES", n + 1)
        read_reports(folder / "bad", jobs=2)
        monkeypatch.setattr(run, "SPAWN_POOL_MIN_FILES", n)
        read_reports(folder / "bad", jobs=2)
        fork = "fork" in mp.get_all_start_methods() and threads == 1
        assert started == ([n, n] if fork else [n])

    def test_few_files_are_read_here_without_a_pool(self, folder, monkeypatch):
        def no_pool(*args, **kwargs):
            raise AssertionError("a pool was started for a few files")

        monkeypatch.setattr(run, "_pooled", no_pool)
        assert len(read_reports(folder / "bad", jobs=2).breakthrough_tasks) > 0


class TestCache:
    def test_a_second_read_comes_from_the_cache_and_is_the_same(self, folder, tmp_path, monkeypatch):
        first = read_reports(folder, jobs=1, cache=tmp_path, lang="en")
        monkeypatch.setattr(run, "_read_batch", lambda batch, *a: pytest.fail(f"read files the cache holds: {batch}"))
        second = read_reports(folder, jobs=1, cache=tmp_path, lang="en")
        _same(first, second)

    def test_the_cache_never_changes_a_result(self, folder, tmp_path):
        plain = read_reports(folder, jobs=1, lang="vi")
        read_reports(folder, jobs=1, cache=tmp_path, lang="vi")  # fills it
        _same(plain, read_reports(folder, jobs=1, cache=tmp_path, lang="vi"))
        english = read_reports(folder, jobs=1, cache=tmp_path, lang="en")  # another language: other entries
        assert english.problems[0].message != plain.problems[0].message
        _same(english, read_reports(folder, jobs=1, lang="en"))

    def test_checking_needs_only_the_summary(self, folder, tmp_path):
        read_reports(folder, jobs=1, cache=tmp_path, tables=False)
        assert list(tmp_path.rglob("*.rows")) == []
        checked = read_reports(folder, jobs=1, cache=tmp_path, tables=False)
        assert [str(p) for p in checked.problems] == [str(p) for p in read_reports(folder, jobs=1).problems]
        with pytest.raises(AttributeError, match="tables were not kept"):
            checked.ratings
        full = read_reports(folder, jobs=1, cache=tmp_path)  # the rows are read now, and kept
        assert len(list(tmp_path.rglob("*.rows"))) == len(list(tmp_path.rglob("*.summary")))
        assert len(full.ratings) == len(read_reports(folder, jobs=1).ratings)

    @pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
    def test_a_damaged_entry_is_ignored_and_rewritten(self, tmp_path, damage):
        path = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
        store = cache_mod.Cache(tmp_path / "cache")
        options = Options.make(lang="en")
        good = engine.read_file(path, "dp.xlsx", options)
        store.put(path, "dp.xlsx", options, good)
        entry = next((tmp_path / "cache").rglob("*.summary"))
        data = entry.read_bytes()
        bad = {"flip": data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:], "truncate": data[: len(data) // 2],
               "empty": b"", "garbage": b"not an entry at all"}[damage]
        entry.write_bytes(bad)
        assert store.get(path, "dp.xlsx", options) is None
        again = read_reports(path, cache=tmp_path / "cache", lang="en")
        assert entry.read_bytes() != bad  # rewritten
        assert store.get(path, "dp.xlsx", options).problems == again.problems == good.problems

    def test_a_new_reader_version_does_not_use_old_entries(self, tmp_path, monkeypatch):
        path = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
        options = Options.make(lang="en")
        store = cache_mod.Cache(tmp_path / "cache")
        store.put(path, "dp.xlsx", options, engine.read_file(path, "dp.xlsx", options))
        assert store.get(path, "dp.xlsx", options) is not None
        monkeypatch.setattr(cache_mod, "reader_version", lambda: "another reader")
        assert store.get(path, "dp.xlsx", options) is None

    def test_the_reader_version_covers_all_the_reading_code_and_the_unit_registry(self):
        import helpers
        from helpers import config
        from helpers.units import national

        here = Path(helpers.__file__).parent
        covered = set(cache_mod.code_files())
        for package in ("read", "kinds", "units"):
            assert set((here / package).rglob("*.py")) <= covered, package
        assert {national.NATIONAL_DIR / name for name in national.FILES} | {Path(config.UNITS_CSV)} <= covered
        assert all(p.is_file() for p in covered)

    def test_a_changed_file_is_read_again(self, tmp_path):
        path = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [20, 4]
        cells = tasks_cells()
        cells["D7"], cells["D9"] = 21, 25
        write(path, {"2023": cells})
        assert read_reports(path, cache=tmp_path / "c").breakthrough_tasks["tasks"].tolist() == [21, 4]

    def test_two_processes_writing_one_entry_leave_a_sound_entry(self, tmp_path):
        path = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
        ctx = mp.get_context("spawn")
        procs = [ctx.Process(target=_put_many, args=(str(path), str(tmp_path / "cache"))) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        # read back in a fresh process too: kinds another test registered in this one change the reader's version
        with ctx.Pool(1) as pool:
            assert pool.apply(_units_cached, (str(path), str(tmp_path / "cache"))) == 2
        assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name.endswith(".tmp")] == []

    def test_an_unwritable_cache_folder_reads_all_the_same(self, tmp_path):
        path = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
        (tmp_path / "cache").write_text("a file where the folder should be")
        assert read_reports(path, cache=tmp_path / "cache").breakthrough_tasks["tasks"].tolist() == [20, 4]

    def test_the_folder_comes_from_the_environment(self, tmp_path, monkeypatch):
        monkeypatch.setenv("PARTY_STATS_CACHE", str(tmp_path / "here"))
        path = write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
        read_reports(path, cache=True)
        assert len(list((tmp_path / "here").rglob("*.summary"))) == 1


def _units_cached(path: str, folder: str) -> int | None:
    """The units of the cache entry of ``path`` in ``folder`` (``None``: no sound entry)."""
    got = cache_mod.Cache(folder).get(path, "dp.xlsx", Options.make(lang="en"))
    return None if got is None else len(got.stores["breakthrough_tasks"])


def _put_many(path: str, folder: str) -> None:
    options = Options.make(lang="en")
    store = cache_mod.Cache(folder)
    result = engine.read_file(Path(path), "dp.xlsx", options)
    for _ in range(30):
        store.put(Path(path), "dp.xlsx", options, result)
