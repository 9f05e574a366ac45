"""Report workbooks of districts outside Tuyên Quang, built with openpyxl, and what they should read as.

Each :class:`Case` is one admissions report in the contract's layout: a
header block (province line and "ĐẢNG CỘNG SẢN VIỆT NAM", the district's
committee and the signing date), a title "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM
2023", a two-row header "TT | Tên tổ chức cơ sở đảng | Chỉ tiêu năm | Kết
quả kết nạp: Tổng số, Nữ, Dân tộc thiểu số, Đoàn viên, Tôn giáo", data rows
naming real communes of that district (GSO names and codes, written in the
ways offices write them), and a "Tổng cộng" row.  :func:`expected_rows`
gives the tidy admissions rows a reader should return, with ``province``,
``district``, ``unit``, ``unit_type`` and ``unit_code``.

The names and codes here are typed from the GSO list in force on 30 June
2025, not computed by the package, so the tests that use them check the
registry rather than repeat it.

Cases: a huyện of Nghệ An; a quận of Hà Nội (the "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI /
QUẬN ỦY BA ĐÌNH" header that was once read as district "Hà Nội"); a thị xã
of Hà Nội; a provincial city of Quảng Trị with numbered wards ("Phường
2"); Châu Thành of Tiền Giang and Châu Thành of Long An (the same district
name, two provinces); and Long An's Châu Thành again with no province line
(its communes decide the province).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

YEAR = 2023
TITLE = f"KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM {YEAR}"
FIGURES = ("target", "admitted", "female", "ethnic_minority", "youth_union", "religious")
FIRST_DATA_ROW = 8


@dataclass(frozen=True)
class Row:
    """One data row: the name as written, what it should read as, and its figures."""

    written: str
    unit: str
    unit_type: str
    unit_code: str
    figures: tuple[int, int, int, int, int, int]


@dataclass(frozen=True)
class Case:
    """One report workbook: its header lines and rows, and the province and district it belongs to."""

    id: str
    province_line: str | None
    district_line: str
    province: str
    district: str
    rows: tuple[Row, ...]
    sheet: str = "2023"

    @property
    def file_name(self) -> str:
        return f"{self.id}.xlsx"


CASES: tuple[Case, ...] = (
    Case("nghe-an-nam-dan", "ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN ỦY NAM ĐÀN", "Nghệ An", "Nam Đàn", (
        Row("Đảng bộ xã Nam Hưng", "Nam Hưng", "commune", "17932", (6, 5, 3, 0, 4, 0)),
        Row("Đảng bộ xã Nghĩa Thái", "Nghĩa Thái", "commune", "17935", (5, 5, 2, 0, 3, 0)),
        Row("ĐẢNG BỘ THỊ TRẤN NAM ĐÀN", "Nam Đàn", "town", "17950", (8, 9, 5, 0, 6, 1)),
        Row("Nam Giang", "Nam Giang", "commune", "17956", (4, 3, 1, 0, 2, 0)),
    )),
    Case("ha-noi-ba-dinh", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY BA ĐÌNH", "Hà Nội", "Ba Đình", (
        Row("Đảng bộ phường Phúc Xá", "Phúc Xá", "ward", "00001", (10, 11, 6, 0, 8, 0)),
        Row("Đảng bộ phường Trúc Bạch", "Trúc Bạch", "ward", "00004", (9, 9, 5, 0, 7, 0)),
        Row("Phường Vĩnh Phúc", "Vĩnh Phúc", "ward", "00006", (12, 10, 6, 1, 9, 0)),
        Row("ĐẢNG BỘ PHƯỜNG CỐNG VỊ", "Cống Vị", "ward", "00007", (11, 12, 7, 0, 10, 1)),
    )),
    Case("ha-noi-son-tay", "THÀNH ỦY HÀ NỘI", "THỊ ỦY SƠN TÂY", "Hà Nội", "Sơn Tây", (
        Row("Đảng bộ phường Ngô Quyền", "Ngô Quyền", "ward", "09574", (7, 7, 4, 0, 5, 0)),
        Row("Đảng bộ phường Phú Thịnh", "Phú Thịnh", "ward", "09577", (6, 4, 2, 0, 3, 0)),
        Row("Đảng bộ xã Đường Lâm", "Đường Lâm", "commune", "09592", (5, 6, 3, 0, 4, 0)),
        Row("Xuân Sơn", "Xuân Sơn", "commune", "09598", (4, 4, 2, 0, 2, 0)),
    )),
    Case("quang-tri-dong-ha", "ĐẢNG BỘ TỈNH QUẢNG TRỊ", "THÀNH ỦY ĐÔNG HÀ", "Quảng Trị", "Đông Hà", (
        Row("Đảng bộ phường 1", "Phường 1", "ward", "19333", (8, 8, 4, 0, 6, 0)),
        Row("Đảng bộ phường 2", "Phường 2", "ward", "19342", (7, 6, 3, 0, 5, 0)),
        Row("PHƯỜNG 5", "Phường 5", "ward", "19348", (6, 7, 4, 0, 5, 1)),
        Row("Đảng bộ phường Đông Lương", "Đông Lương", "ward", "19351", (5, 5, 2, 0, 3, 0)),
    )),
    Case("tien-giang-chau-thanh", "ĐẢNG BỘ TỈNH TIỀN GIANG", "HUYỆN ỦY CHÂU THÀNH", "Tiền Giang", "Châu Thành", (
        Row("Đảng bộ thị trấn Tân Hiệp", "Tân Hiệp", "town", "28519", (9, 10, 5, 0, 7, 0)),
        Row("Đảng bộ xã Tân Hội Đông", "Tân Hội Đông", "commune", "28522", (6, 6, 3, 0, 4, 0)),
        Row("Đảng bộ xã Tam Hiệp", "Tam Hiệp", "commune", "28537", (5, 4, 2, 0, 3, 1)),
        Row("Điềm Hy", "Điềm Hy", "commune", "28540", (4, 4, 2, 0, 3, 0)),
    )),
    Case("long-an-chau-thanh", "ĐẢNG BỘ TỈNH LONG AN", "HUYỆN ỦY CHÂU THÀNH", "Long An", "Châu Thành", (
        Row("Đảng bộ thị trấn Tầm Vu", "Tầm Vu", "town", "28210", (9, 9, 4, 0, 6, 0)),
        Row("Đảng bộ xã Hoà Phú", "Hòa Phú", "commune", "28216", (6, 7, 3, 0, 5, 0)),
        Row("Đảng bộ xã Vĩnh Công", "Vĩnh Công", "commune", "28222", (5, 5, 3, 0, 4, 0)),
        Row("Hiệp Thạnh", "Hiệp Thạnh", "commune", "28228", (4, 3, 1, 0, 2, 0)),
    )),
    Case("long-an-chau-thanh-no-province-line", None, "HUYỆN ỦY CHÂU THÀNH", "Long An", "Châu Thành", (
        Row("Đảng bộ xã Bình Quới", "Bình Quới", "commune", "28213", (5, 6, 3, 0, 4, 0)),
        Row("Đảng bộ xã Phú Ngãi Trị", "Phú Ngãi Trị", "commune", "28219", (5, 4, 2, 0, 3, 0)),
        Row("Đảng bộ xã Thuận Mỹ", "Thuận Mỹ", "commune", "28225", (4, 4, 2, 0, 3, 0)),
        Row("Đảng bộ xã Phước Tân Hưng", "Phước Tân Hưng", "commune", "28231", (6, 5, 3, 0, 4, 0)),
    )),
)


def _bare(district_line: str) -> str:
    return district_line.split(" ỦY ", 1)[-1].title()


def write_case(case: Case, folder: str | Path) -> Path:
    """Write ``case`` as ``folder/<id>.xlsx`` (one sheet named "2023") and return its path."""
    wb = Workbook()
    ws = wb.active
    ws.title = case.sheet
    bold = Font(name="Times New Roman", bold=True)
    if case.province_line:
        ws["A1"] = case.province_line
    ws["E1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["A2"] = case.district_line
    ws["A2"].font = bold
    ws["E2"] = f"{_bare(case.district_line)}, ngày 15 tháng 12 năm {YEAR}"
    ws["A4"] = TITLE
    ws["A4"].font = bold
    for col, text in zip("ABCD", ("TT", "Tên tổ chức cơ sở đảng", "Chỉ tiêu năm", "Kết quả kết nạp")):
        ws[f"{col}6"] = text
    for col in "ABC":
        ws.merge_cells(f"{col}6:{col}7")
    ws.merge_cells("D6:H6")
    for col, text in zip("DEFGH", ("Tổng số", "Nữ", "Dân tộc thiểu số", "Đoàn viên", "Tôn giáo")):
        ws[f"{col}7"] = text
    r = FIRST_DATA_ROW
    for n, row in enumerate(case.rows, start=1):
        ws.cell(r, 1, n)
        ws.cell(r, 2, row.written)
        for c, value in enumerate(row.figures, start=3):
            ws.cell(r, c, value)
        r += 1
    ws.cell(r, 2, "Tổng cộng")
    for c in range(len(FIGURES)):
        ws.cell(r, 3 + c, sum(row.figures[c] for row in case.rows))
    path = Path(folder) / case.file_name
    wb.save(path)
    return path


def write_all(folder: str | Path) -> dict[str, Path]:
    """Write every case into ``folder``; case id → path."""
    return {case.id: write_case(case, folder) for case in CASES}


def expected_rows(case: Case, source_prefix: str | None = None) -> list[dict]:
    """The tidy admissions rows of ``case``: province, district, unit, unit_type, unit_code, year, source, figures.

    ``source`` is ``<file>!<sheet>!B<row>`` (``source_prefix`` replaces the
    file name, e.g. a folder-relative path).
    """
    prefix = source_prefix or case.file_name
    out = []
    for i, row in enumerate(case.rows):
        rec = {
            "province": case.province,
            "district": case.district,
            "unit": row.unit,
            "unit_type": row.unit_type,
            "unit_code": row.unit_code,
            "year": YEAR,
            "source": f"{prefix}!{case.sheet}!B{FIRST_DATA_ROW + i}",
        }
        rec.update(zip(FIGURES, row.figures))
        out.append(rec)
    return out
