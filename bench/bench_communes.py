"""How long the build takes at the size of the new province: a report for every commune of 1 July 2025.

Run on demand (``python -m bench communes``, or ``python bench/bench_communes.py [N]`` for the
first N communes of a written report).  With the bundled data holding the
2025 reports (the provincial board's report of its 124 communes and wards)
it builds the bundled data cold, which is what ``make reports`` does: the
seven district reports and both province overviews (notebooks in warm
kernels) and a page and a Word report per commune (written from the
package, no kernel).  Without them, or with ``N``, it writes in a temporary
folder the provincial board's 2025 admissions report of the new Tuyên
Quang's communes and wards (the registry's list,
``helpers.units.units_2025("Tuyên Quang")``; made-up figures) and builds
that.  Measured in the same run:

- the cold build in Vietnamese (``python -m helpers build``);
- per commune report, wall and CPU time (the cold build divided by N, an
  upper bound: the districts and overviews are in it too);
- the no-op rerun (start-up included).

Goals on a 2-core machine: the cold build of all 124 communes ≤ 120 s, the no-op rerun ≤ 1 s.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

try:
    from bench.bench_build import _build_command, _timed
except ImportError:  # run as a script from bench/
    from bench_build import _build_command, _timed  # type: ignore[no-redef]

COLD_GOAL = 120.0
NOOP_GOAL = 1.0


def write_province_report(path: Path, limit: int | None = None) -> int:
    """The provincial board's 2025 admissions report of the communes and wards; returns how many rows."""
    import openpyxl

    from helpers.units import units_2025

    units = units_2025("Tuyên Quang")
    rows = list(units.itertuples())[:limit]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025"
    ws["A1"], ws["A2"], ws["E1"] = "TỈNH ỦY TUYÊN QUANG", "BAN TỔ CHỨC", "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["E2"] = "Tuyên Quang, ngày 20 tháng 12 năm 2025"
    ws["A4"] = "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025"
    for col, text in zip("ABCD", ["TT", "Đảng bộ xã, phường", "Chỉ tiêu năm", "Kết quả kết nạp"]):
        ws[f"{col}6"] = text
    for col, text in zip("DEFGH", ["Tổng số", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"]):
        ws[f"{col}7"] = text
    words = {"commune": "xã", "ward": "phường", "special_zone": "đặc khu"}
    for i, unit in enumerate(rows):
        target = 10 + i % 17
        admitted = target - 3 + i % 5
        values = [i + 1, f"Đảng bộ {words.get(unit.type, 'xã')} {unit.name}", target, admitted, admitted // 3, admitted // 2, admitted // 2, 0]
        for col, value in zip("ABCDEFGH", values):
            ws[f"{col}{8 + i}"] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(rows)


def bundled_communes() -> int:
    """How many communes and wards of 1 July 2025 the bundled data hold."""
    from helpers.commune import communes_in
    from helpers.report import load_data

    return len(communes_in(load_data().tables))


def main(limit: int | None = None, workers: int = 2) -> dict[str, float]:
    """Measure and print; returns the wall times in seconds."""
    with tempfile.TemporaryDirectory(prefix="bench-communes-") as tmp:
        root = Path(tmp)
        n = 0 if limit else bundled_communes()
        if n:
            what, argv = "the bundled data", _build_command(root / "out", workers)
        else:
            n = write_province_report(root / "data" / "province" / "admissions-2025.xlsx", limit)
            what, argv = "a written provincial report", _build_command(root / "out", workers) + ["--data", str(root / "data")]
        cold, cold_cpu, _ = _timed(argv)
        noop, noop_cpu, proc = _timed(argv)
        assert "Không có gì phải làm" in proc.stdout, proc.stdout
        built = len(list((root / "out" / "reports" / "vi" / "communes").glob("*.html")))
        pages = len(list((root / "out" / "reports" / "vi").rglob("*.html")))
    goal = COLD_GOAL * n / 124
    print(f"{what}: {n} communes ({built} commune pages, {pages} pages in all), {workers} workers")
    print(f"{'what':<40} {'wall s':>7} {'cpu s':>7} {'goal':>8}")
    print(f"{'cold build':<40} {cold:7.1f} {cold_cpu:7.1f} {'≤%.0f' % goal:>6} {'✔' if cold <= goal else '✘'}")
    print(f"{'per commune report':<40} {cold / n:7.2f} {cold_cpu / n:7.2f}")
    print(f"{'no-op rerun (start-up included)':<40} {noop:7.2f} {noop_cpu:7.2f} {'≤%.0f' % NOOP_GOAL:>6} {'✔' if noop <= NOOP_GOAL else '✘'}")
    return {"cold": cold, "per_commune": cold / n, "noop": noop}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
