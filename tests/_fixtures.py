"""Small report workbooks for the reader tests, written cell by cell.

Every builder returns a ``{cell: value}`` dict laid out like a district
report, so a test can change one cell and assert on exactly that cell.
All names and figures are made up.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from openpyxl import Workbook

PROVINCE = "ĐẢNG BỘ TỈNH TUYÊN QUANG"
DISTRICT_LINE = "HUYỆN ỦY CHIÊM HÓA"

#: GSO codes of the fixtures' communes and towns of Chiêm Hóa (the GSO list; agencies have none).
CODES = {
    "Vĩnh Lộc": "02287",
    "Trung Hà": "02305",
    "Tân Mỹ": "02308",
    "Xuân Quang": "02326",
    "Hòa Phú": "02335",
    "Kim Bình": "02350",
    "Yên Nguyên": "02365",
}


def placed(unit: str, *, province: str = "Tuyên Quang", period: str = "year") -> dict[str, object]:
    """The columns a tidy row of a fixture unit carries besides district, unit, type, year and source."""
    return {"province": province, "commune": None, "unit_code": CODES.get(unit), "period": period}


def row(r: int, values, start: str = "A") -> dict[str, object]:
    """Cells of row ``r`` from column ``start``, skipping ``None``."""
    out = {}
    c0 = ord(start) - 65
    for i, v in enumerate(values):
        if v is not None:
            out[f"{chr(65 + c0 + i)}{r}"] = v
    return out


def title_block(title: str, district_line: str | None = DISTRICT_LINE) -> dict[str, object]:
    cells = {"A1": PROVINCE, "E1": "ĐẢNG CỘNG SẢN VIỆT NAM", "E2": "Chiêm Hóa, ngày 15 tháng 01 năm 2024", "A4": title}
    if district_line:
        cells["A2"] = district_line
    return cells


#: The admissions sheet: header rows 6-7 (merged), numbering row 8,
#: group rows 9 and 13, units in B10, B11, B14, sub-totals 12 and 15,
#: grand total 16, signatures 18.
ADMISSIONS_MERGES = ("A6:A7", "B6:B7", "C6:C7", "D6:H6", "I6:I7")


def admissions_cells() -> dict[str, object]:
    cells = title_block("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023")
    cells.update(row(6, ["TT", "Tên tổ chức cơ sở đảng", "Chỉ tiêu năm", "Kết quả kết nạp", None, None, None, None, "Ghi chú"]))
    cells.update(row(7, ["Tổng số", "Nữ", "DTTS", "Đoàn viên", "Tôn giáo"], start="D"))
    cells.update(row(8, [f"({i})" for i in range(1, 10)]))
    cells.update(row(9, ["I", "Đảng bộ xã, thị trấn"]))
    cells.update(row(10, [1, "Đảng bộ xã Hòa Phú", 9, 7, 3, 5, 6, 0]))
    cells.update(row(11, [2, "Đảng bộ thị trấn Vĩnh Lộc", 5, 6, 2, 1, 4, 0]))
    cells.update(row(12, [None, "Cộng I", 14, 13, 5, 6, 10, 0]))
    cells.update(row(13, ["II", "Chi bộ, đảng bộ cơ quan"]))
    cells.update(row(14, [1, "Chi bộ Công an huyện", 2, 2, 0, 1, 2, 0]))
    cells.update(row(15, [None, "Cộng II", 2, 2, 0, 1, 2, 0]))
    cells.update(row(16, [None, "Tổng cộng", 16, 15, 5, 7, 12, 0]))
    cells.update({"B18": "Người lập biểu", "G18": "T/M BAN THƯỜNG VỤ", "G19": "(Ký, đóng dấu)"})
    return cells


#: The ratings sheet (x-marks): header rows 6-7, units in B8, B9, total 10.
RATINGS_MERGES = ("A6:A7", "B6:B7", "C6:F6", "G6:K6", "L6:Q6")


def ratings_cells() -> dict[str, object]:
    cells = title_block("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN NĂM 2023")
    levels = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    cells.update(row(6, ["TT", "Tên tổ chức cơ sở đảng", "Tổ chức cơ sở đảng", None, None, None, "Chi bộ trực thuộc", None, None, None, None, "Đảng viên"]))
    cells.update(row(7, [*levels, "Tổng số", *levels, "Tổng số", *levels, "Không xếp loại"], start="C"))
    cells.update(row(8, [1, "Đảng bộ xã Hòa Phú", None, "x", None, None, 15, 2, 10, 3, 0, 257, 20, 200, 30, 2, 5]))
    cells.update(row(9, [2, "Chi bộ Công an huyện", "x", None, None, None, None, None, None, None, None, 29, 5, 20, 3, 0, 1]))
    cells.update(row(10, [None, "Tổng cộng", 1, 1, 0, 0, 15, 2, 10, 3, 0, 286, 25, 220, 33, 2, 6]))
    return cells


#: The placements sheet: header rows 6-7, units in B8, B9, total 10.
PLACEMENTS_MERGES = ("A6:A7", "B6:B7", "C6:D6", "F6:G6", "H6:J6")


def placements_cells() -> dict[str, object]:
    cells = title_block("KẾT QUẢ BỐ TRÍ CÁN BỘ CHỦ CHỐT CẤP XÃ NĂM 2023")
    cells.update(row(6, ["TT", "Xã, thị trấn", "Bí thư đảng ủy", None, "Chủ tịch UBND", "Phó Chủ tịch UBND", None, "Cán bộ, công chức xã là đảng viên"]))
    cells.update(row(7, ["Không phải người địa phương", "Đồng thời là Chủ tịch UBND", "Không phải người địa phương", "Số lượng", "Không phải người địa phương", "Tổng số", "Sinh hoạt chi bộ thôn", "Tham gia cấp ủy chi bộ thôn"], start="C"))
    cells.update(row(8, [1, "Xã Hòa Phú", "x", None, None, 2, 1, 20, 15, 5]))
    cells.update(row(9, [2, "Thị trấn Vĩnh Lộc", None, "có", "X", 2, 0, 18, 10, 2]))
    cells.update(row(10, [None, "Tổng cộng", 1, 1, 1, 4, 1, 38, 25, 7]))
    return cells


#: The breakthrough-tasks sheet: a one-row header (row 6), units B7, B8, total 9.
def tasks_cells() -> dict[str, object]:
    cells = title_block("KẾT QUẢ GIAO VIỆC ĐỘT PHÁ, ĐỔI MỚI NĂM 2023")
    cells.update(row(6, ["TT", "Đơn vị", "Số cán bộ được giao", "Số việc đột phá", "Số việc hoàn thành"]))
    cells.update(row(7, [1, "Đảng bộ xã Hòa Phú", 5, 20, 18]))
    cells.update(row(8, [2, "Chi bộ Công an huyện", 3, 4, 4]))
    cells.update(row(9, [None, "Tổng cộng", 8, 24, 22]))
    return cells


def write(path: Path, sheets: dict[str, tuple[dict, tuple]] | dict, *, hidden: tuple[str, ...] = ()) -> Path:
    """Write a workbook: sheet name -> (cells, merged ranges)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, spec in sheets.items():
        cells, merges = spec if isinstance(spec, tuple) else (spec, ())
        ws = wb.create_sheet(name)
        for ref, value in cells.items():
            ws[ref] = value
        for rng in merges:
            ws.merge_cells(rng)
        if name in hidden:
            ws.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def zip_members(path: Path) -> dict[str, bytes]:
    """Every member of a zip package (a workbook), name → bytes, in the package's order."""
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip package (deflated) of ``members``, in their order; returns ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path
