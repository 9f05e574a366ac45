"""The check and export commands, and the Reports result they print."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import schema
from helpers.__main__ import main
from helpers.read import ReportError, read_reports
from helpers.read.problems import PROBLEM_COLUMNS

from _fixtures import ADMISSIONS_MERGES, admissions_cells, sha256, tasks_cells, write


@pytest.fixture
def folder_with_one_error(tmp_path):
    cells = admissions_cells()
    cells["D16"] = 16  # the grand total says 16, the rows sum to 15
    write(tmp_path / "in" / "adm.xlsx", {"2023": (cells, ADMISSIONS_MERGES)})
    write(tmp_path / "in" / "dp.xlsx", {"2023": tasks_cells()})
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    return tmp_path / "in"


class TestCheckOptions:
    def test_jobs_and_cache_change_nothing_printed(self, folder_with_one_error, capsys, tmp_path, monkeypatch):
        monkeypatch.setenv("PARTY_STATS_CACHE", str(tmp_path / "cache"))
        outputs = []
        for extra in (["--no-cache", "--jobs", "1"], ["--jobs", "2"], []):  # the last one from the cache
            assert main(["check", str(folder_with_one_error), "--lang", "en", *extra]) == 1
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1] == outputs[2]
        assert "adm.xlsx!2023!D16: error: A total disagrees" in outputs[0]
        assert list((tmp_path / "cache").rglob("*.summary"))

    def test_check_reads_without_pandas(self, folder_with_one_error):
        code = ("import sys; from helpers.__main__ import main; rc = main(['check', sys.argv[1], '--no-cache']); "
                "print(rc, 'pandas' in sys.modules)")
        out = subprocess.run([sys.executable, "-c", code, str(folder_with_one_error)], capture_output=True, text=True)
        assert out.stdout.strip().splitlines()[-1] == "1 False"


class TestReports:
    def test_tables_errors_warnings_and_frame(self, folder_with_one_error):
        r = read_reports(folder_with_one_error, lang="en")
        assert list(r.tables) == [*schema.TABLES, "form_rows"]
        assert r.has_errors
        assert [(p.file, p.cell) for p in r.errors] == [("adm.xlsx", "D16"), ("broken.xlsx", None)]
        assert r.warnings == []
        frame = r.problems_frame()
        assert frame.columns.tolist() == list(PROBLEM_COLUMNS)
        assert frame.loc[0, ["file", "sheet", "cell", "severity"]].tolist() == ["adm.xlsx", "2023", "D16", "error"]
        with pytest.raises(ReportError, match=r"adm.xlsx!2023!D16: error: A total disagrees"):
            r.raise_for_errors()

    def test_no_errors_does_not_raise(self, tmp_path):
        r = read_reports(write(tmp_path / "dp.xlsx", {"2023": tasks_cells()}))
        assert not r.has_errors
        r.raise_for_errors()


class TestCheck:
    def test_prints_every_problem_and_exits_1(self, folder_with_one_error, capsys):
        code = main(["check", str(folder_with_one_error), "--lang", "en"])
        out = capsys.readouterr().out.splitlines()
        assert code == 1
        assert out[0] == "adm.xlsx!2023!D16: error: A total disagrees with its rows: D16 says 16, rows D10:D14 sum to 15."
        assert out[1].startswith("broken.xlsx: error: ")
        assert out[-1] == "3 files, 2 report sheets read, 0 skipped, 1 failed; 2 errors, 0 warnings."

    def test_clean_folder_exits_0_in_vietnamese(self, tmp_path, capsys):
        write(tmp_path / "dp.xlsx", {"2023": tasks_cells()})
        assert main(["check", str(tmp_path)]) == 0
        assert capsys.readouterr().out.strip() == "1 tệp, 1 trang biểu đã đọc, 0 trang bỏ qua, 0 trang lỗi; 0 lỗi, 0 cảnh báo."

    def test_one_of_each_is_said_in_the_singular_in_english(self, tmp_path, capsys):
        write(tmp_path / "dp.xlsx", {"2023": tasks_cells()})
        assert main(["check", str(tmp_path), "--lang", "en"]) == 0
        assert capsys.readouterr().out.strip() == "1 file, 1 report sheet read, 0 skipped, 0 failed; 0 errors, 0 warnings."

    def test_subprocess_never_shows_a_traceback(self, folder_with_one_error):
        before = sha256(folder_with_one_error / "adm.xlsx")
        run = subprocess.run([sys.executable, "-m", "helpers", "check", str(folder_with_one_error)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 1
        assert "Traceback" not in run.stdout + run.stderr
        assert "adm.xlsx!2023!D16: error: Dòng cộng sai" in run.stdout
        assert sha256(folder_with_one_error / "adm.xlsx") == before


class TestExport:
    def test_writes_tables_with_rows_and_problems_then_exits_1(self, folder_with_one_error, tmp_path, capsys):
        out = tmp_path / "out"
        assert main(["export", str(folder_with_one_error), "--out", str(out), "--lang", "en"]) == 1
        assert sorted(p.name for p in out.iterdir()) == ["admissions.csv", "breakthrough_tasks.csv", "problems.csv"]
        adm = pd.read_csv(out / "admissions.csv", encoding="utf-8")
        assert adm.columns.tolist() == list(schema.COLUMNS["admissions"])
        assert adm["unit"].tolist() == ["Hòa Phú", "Vĩnh Lộc", "Công an huyện"]
        problems = pd.read_csv(out / "problems.csv", encoding="utf-8", keep_default_na=False, dtype=str)
        assert problems.columns.tolist() == list(PROBLEM_COLUMNS)
        assert problems[["file", "sheet", "cell", "severity"]].values.tolist() == [
            ["adm.xlsx", "2023", "D16", "error"], ["broken.xlsx", "", "", "error"]]

    def test_round_trip_of_a_clean_table(self, tmp_path):
        src = write(tmp_path / "dp.xlsx", {"2023": tasks_cells()})
        assert main(["export", str(src), "--out", str(tmp_path / "out")]) == 0
        back = schema.conform("breakthrough_tasks", pd.read_csv(tmp_path / "out" / "breakthrough_tasks.csv", dtype={"unit_code": str}))
        assert_frame_equal(back, read_reports(src).breakthrough_tasks)
        assert (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8") == "file,sheet,cell,severity,message\n"

    def test_each_file_written_is_said_with_its_rows(self, tmp_path, capsys):
        src = write(tmp_path / "dp.xlsx", {"2023": tasks_cells()})
        rows = len(read_reports(src).breakthrough_tasks)
        assert main(["export", str(src), "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert f"Wrote {tmp_path / 'out' / 'breakthrough_tasks.csv'} ({rows} rows)." in out
        assert f"Wrote {tmp_path / 'out' / 'problems.csv'} (0 rows)." in out

    def test_formula_like_text_is_made_inert(self, tmp_path):
        cells = tasks_cells()
        cells["B8"] = "@SUM(C7:C8)"
        src = write(tmp_path / "dp.xlsx", {"2023": cells})
        assert main(["export", str(src), "--out", str(tmp_path / "out")]) == 0
        back = pd.read_csv(tmp_path / "out" / "breakthrough_tasks.csv", dtype=str)
        assert back["unit"].tolist() == ["Hòa Phú", "'@sum(c7:c8)"]  # all-capital names are sentence-cased

    def test_export_gives_the_bytes_pandas_gives(self, tmp_path):
        from helpers.read.export import write_export
        from _fixtures import RATINGS_MERGES, placements_cells, ratings_cells, PLACEMENTS_MERGES

        cells = ratings_cells()
        del cells["M8"]  # a blank level: a missing count
        cells["M10"] = 5
        src = write(tmp_path / "in" / "r.xlsx", {"2023": (cells, RATINGS_MERGES)})
        write(tmp_path / "in" / "p.xlsx", {"2023": (placements_cells(), PLACEMENTS_MERGES)})
        reports = read_reports(src.parent)
        write_export(reports, tmp_path / "fast")
        for name in ("ratings", "placements"):
            frame = reports.tables[name]
            frame.to_csv(tmp_path / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
            assert (tmp_path / "fast" / f"{name}.csv").read_bytes() == (tmp_path / f"{name}.csv").read_bytes()


class TestExportBoundaries:
    def test_export_onto_the_communes_of_2025_sums_the_predecessors(self, tmp_path):
        from helpers.config import RAW_DATA_DIR

        src = RAW_DATA_DIR / "chiem-hoa" / "admissions.xlsx"
        assert main(["export", str(src), "--out", str(tmp_path / "out"), "--boundaries", "2025", "--no-cache"]) == 0
        got = pd.read_csv(tmp_path / "out" / "admissions.csv", dtype={"unit_code": str})
        plain = read_reports(src).admissions
        # Yên Nguyên of 2025 (02365) took Hòa Phú and the old Yên Nguyên, among others: its 2023 row sums theirs
        ny = got[(got["unit_code"] == "02365") & (got["year"] == 2023)]
        assert ny["unit"].tolist() == ["Yên Nguyên"] and ny["district"].isna().all()
        olds = plain[(plain["year"] == 2023) & plain["source"].isin(ny["source"].iloc[0].split(" + "))]
        assert "Hòa Phú" in olds["unit"].tolist() and len(olds) >= 2
        assert int(ny["admitted"].iloc[0]) == int(olds["admitted"].sum())
        assert int(ny["target"].iloc[0]) == int(olds["target"].sum())
        notes = pd.read_csv(tmp_path / "out" / "boundaries.csv")
        assert set(notes["note"]) <= {"divided", "agencies_kept", "unmapped"} and "agencies_kept" in set(notes["note"])
