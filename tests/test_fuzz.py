"""Property-based and container fuzzing of the reader, and the no-names rules.

A small fixed budget keeps this fast; ``bench/bench_fuzz.py`` is the long run.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import strategies as S
from helpers.read import read_reports

FAST = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Reading one small workbook takes milliseconds; far above this is a hang.
TIME_BOUND = 5.0

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _read(path: Path):
    start = time.perf_counter()
    rep = read_reports(path, district=S.DISTRICT, lang="en")
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_BOUND, f"{path.name} took {elapsed:.1f} s"
    return rep


class TestReadReportsProperty:
    @FAST
    @given(S.reports())
    def test_reads_back_exactly_what_was_written(self, tmp_path_factory, reps):
        path = tmp_path_factory.mktemp("w") / "w.xlsx"
        cells = S.write(path, reps)
        expected = S.expected_tables(path.name, reps, cells)
        rep = _read(path)
        assert [str(p) for p in rep.errors] == []
        S.matches(rep.tables, expected)


# --- container mutations ------------------------------------------------------------

BASE_REPORTS = [
    S.Report("admissions", [{"unit": "Hòa Phú", "unit_type": "commune", "target": 9, "admitted": 7, "female": 3,
                             "ethnic_minority": 5, "youth_union": 6, "religious": 0},
                            {"unit": "Công an huyện", "unit_type": "agency", "target": 2, "admitted": 2, "female": 0,
                             "ethnic_minority": 1, "youth_union": 2, "religious": 0}], S.DISTRICT, 2023),
    S.Report("breakthrough_tasks", [{"unit": "Vĩnh Lộc", "unit_type": "town", "cadres": 5, "tasks": 20,
                                     "tasks_completed": 18}], S.DISTRICT, 2022),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = tmp_path_factory.mktemp("base") / "base.xlsx"
    cells = S.write(path, BASE_REPORTS)
    return path.read_bytes(), cells


def mutations():
    """How to damage a workbook's bytes (see :func:`mutate`)."""
    return st.sampled_from(["truncate", "flip", "remove", "shuffle", "zero_run", "duplicate"])


def mutate(data: bytes, how: str, draw) -> bytes:
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            out[draw(st.integers(0, len(data) - 1))] ^= 1 << draw(st.integers(0, 7))
        return bytes(out)
    if how == "zero_run":
        start = draw(st.integers(0, len(data) - 1))
        length = draw(st.integers(1, 64))
        return data[:start] + bytes(min(length, len(data) - start)) + data[start + length :]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    if how == "remove":
        del members[draw(st.integers(0, len(members) - 1))]
    elif how == "shuffle":
        members = draw(st.permutations(members))
    elif how == "duplicate":
        members.append(members[draw(st.integers(0, len(members) - 1))])
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": the point of the mutation
        for name, body in members:
            zf.writestr(name, body)
    return buf.getvalue()


def check_mutated(path: Path, expected) -> str:
    """Read a mutated workbook; return "clean" or "error" (never raise, never lose a row)."""
    rep = _read(path)
    errors = rep.errors
    if not errors:
        S.matches(rep.tables, expected)
        return "clean"
    assert all(p.file == path.name for p in errors)
    assert all(p.message and not p.message.startswith("Traceback") for p in errors)
    whole_file = [p for p in errors if p.sheet is None]
    assert len(whole_file) <= 1, [str(p) for p in whole_file]
    # whatever was read is exactly what was written
    assert S.within(rep.tables, expected)
    return "error"


class TestContainerFuzz:
    @FAST
    @given(mutations(), st.data())
    def test_mutated_container_is_a_clean_read_or_located_errors(self, tmp_path_factory, base, how, data):
        raw, cells = base
        expected = S.expected_tables("bad.xlsx", BASE_REPORTS, cells)
        path = tmp_path_factory.mktemp("m") / "bad.xlsx"
        path.write_bytes(mutate(raw, how, data.draw))
        check_mutated(path, expected)

    def test_every_truncation_point_of_the_central_directory(self, tmp_path, base):
        raw, cells = base
        expected = S.expected_tables("bad.xlsx", BASE_REPORTS, cells)
        path = tmp_path / "bad.xlsx"
        outcomes = set()
        for cut in range(len(raw) - 120, len(raw), 7):
            path.write_bytes(raw[:cut])
            outcomes.add(check_mutated(path, expected))
        assert outcomes == {"error"}


# --- names ----------------------------------------------------------------------------

NAME_HEADERS = ("họ và tên", "họ tên", "tên người", "bí thư họ tên", "người phụ trách")
PERSON = re.compile(
    r"\b(Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Lý) "
    r"(Văn|Thị|Đức|Hữu|Quang|Minh|Thanh|Ngọc|Xuân|Đình|Công|Thế)\b"
)


class TestNames:
    def test_name_columns_never_reach_the_tidy_tables(self, tmp_path):
        recs = [dict(r, note="Nguyễn Văn An") for r in BASE_REPORTS[0].records]
        layout = S.Layout(extra_columns=("Họ và tên Bí thư", "Ghi chú"))
        path = tmp_path / "names.xlsx"
        S.write(path, [S.Report("admissions", recs, S.DISTRICT, 2023, layout=layout)])
        rep = _read(path)
        assert rep.errors == []
        assert len(rep.admissions) == 2
        for frame in rep.tables.values():
            text = frame.astype("str").to_string()
            assert "Nguyễn" not in text and "Họ và tên" not in text

    def test_bundled_workbooks_hold_no_names(self):
        from python_calamine import CalamineWorkbook

        files = sorted(RAW.rglob("*.xls*")) + sorted(RAW.rglob("*.ods"))
        assert files, "data/raw holds no workbooks"
        for path in files:
            wb = CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                for r, row in enumerate(wb.get_sheet_by_name(name).to_python()):
                    for c, value in enumerate(row):
                        if not isinstance(value, str):
                            continue
                        where = f"{path.relative_to(RAW)}!{name}!R{r + 1}C{c + 1}"
                        low = " ".join(unicodedata.normalize("NFC", value).lower().split())
                        assert not low.startswith(NAME_HEADERS), where
                        assert not PERSON.search(value), where
