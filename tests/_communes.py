"""Data after 1 July 2025 for the commune reports, written in the tests until the bundled 2025 set exists.

:func:`commune_data` writes, under a folder: Chiêm Hóa's bundled admissions
2016–2024 (Hòa Phú and Yên Nguyên went into the new Yên Nguyên), Chiêm Hóa's
report of the first half of 2025, the provincial board's 2025 report of two
communes and a ward, and Yên Nguyên's own 2025 report of its cells.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from _fixtures import row, write

from helpers import config

PROVINCE_BOARD = {"A1": "TỈNH ỦY TUYÊN QUANG", "A2": "BAN TỔ CHỨC", "E1": "ĐẢNG CỘNG SẢN VIỆT NAM",
                  "E2": "Tuyên Quang, ngày 20 tháng 12 năm 2025"}  # fmt: skip
COMMUNE = {"A1": "ĐẢNG BỘ TỈNH TUYÊN QUANG", "A2": "ĐẢNG ỦY XÃ YÊN NGUYÊN", "E1": "ĐẢNG CỘNG SẢN VIỆT NAM",
           "E2": "Yên Nguyên, ngày 15 tháng 12 năm 2025"}  # fmt: skip
DISTRICT_H1 = {"A1": "ĐẢNG BỘ TỈNH TUYÊN QUANG", "A2": "HUYỆN ỦY CHIÊM HÓA", "E1": "ĐẢNG CỘNG SẢN VIỆT NAM",
               "E2": "Chiêm Hóa, ngày 30 tháng 6 năm 2025"}  # fmt: skip

#: The provincial board's 2025 rows: (unit as written, target, admitted).
PROVINCE_2025 = [("Đảng bộ xã Yên Nguyên", 30, 27), ("Đảng bộ xã Kim Bình", 20, 18), ("Đảng bộ phường Minh Xuân", 25, 26)]
#: Yên Nguyên's own 2025 report: (cell as written, target, admitted).
CELLS_2025 = [("Chi bộ thôn Bản Ba", 4, 5), ("Chi bộ tổ dân phố Nà Mỵ", 3, 2), ("Chi bộ Trường THCS Yên Nguyên", 2, 2)]
#: Chiêm Hóa's first half of 2025: (unit, target, admitted).
CHIEM_HOA_H1 = [("Xã Hòa Phú", 6, 4), ("Xã Yên Nguyên", 9, 8)]
COMMUNES = ["Kim Bình", "Minh Xuân", "Yên Nguyên"]


def _sheet(block: dict, heading: str, rows: list[tuple[str, int, int]], title: str) -> dict:
    cells = dict(block, A4=title)
    cells.update(row(6, ["TT", heading, "Chỉ tiêu năm", "Kết quả kết nạp"]))
    cells.update(row(7, ["Tổng số", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo"], start="D"))
    for i, (unit, target, admitted) in enumerate(rows):
        cells.update(row(8 + i, [i + 1, unit, target, admitted, 1, 1, 1, 0]))
    return cells


def commune_data(folder: Path) -> Path:
    """Write the workbooks under ``folder``; returns ``folder``."""
    (folder / "chiem-hoa").mkdir(parents=True, exist_ok=True)
    shutil.copy(config.RAW_DATA_DIR / "chiem-hoa" / "admissions.xlsx", folder / "chiem-hoa" / "admissions.xlsx")
    write(folder / "chiem-hoa" / "admissions-h1-2025.xlsx",
          {"2025": _sheet(DISTRICT_H1, "Tên tổ chức cơ sở đảng", CHIEM_HOA_H1, "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 6 THÁNG ĐẦU NĂM 2025")})
    write(folder / "province" / "admissions-2025.xlsx",
          {"2025": _sheet(PROVINCE_BOARD, "Đảng bộ xã, phường", PROVINCE_2025, "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025")})
    write(folder / "yen-nguyen" / "admissions-2025.xlsx",
          {"2025": _sheet(COMMUNE, "Tên chi bộ", CELLS_2025, "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025")})  # fmt: skip
    return folder
