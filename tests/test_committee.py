"""The committee a report's header block names (helpers.read.committee)."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from helpers import config
from helpers.read.committee import Committee, parse_committee
from helpers.read.layout import find_table, header_district, title_lines
from helpers.sheetwriter import Layout, write_report
from helpers.text import new_tones, slug
from helpers.units import district_names


def _lines(*texts):
    return [(i, 0, t) for i, t in enumerate(texts)]


class TestProvinceAndDistrict:
    @pytest.mark.parametrize(
        "texts, province, district, kind",
        [
            (("ĐẢNG BỘ TỈNH TUYÊN QUANG", "HUYỆN ỦY CHIÊM HÓA"), "Tuyên Quang", "Chiêm Hóa", "huyện"),
            (("TỈNH ỦY TUYÊN QUANG", "ĐẢNG BỘ HUYỆN CHIÊM HÓA"), "Tuyên Quang", "Chiêm Hóa", "huyện"),
            (("ĐẢNG BỘ TỈNH NGHỆ AN", "BAN THƯỜNG VỤ HUYỆN ỦY NAM ĐÀN"), "Nghệ An", "Nam Đàn", "huyện"),
            (("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY BA ĐÌNH"), "Hà Nội", "Ba Đình", "quận"),
            (("THÀNH ỦY HÀ NỘI", "THỊ ỦY SƠN TÂY"), "Hà Nội", "Sơn Tây", "thị xã"),
            (("THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH", "QUẬN ỦY QUẬN 3"), "Hồ Chí Minh", "Quận 3", "quận"),
            (("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "QUẬN ỦY HẢI AN"), "Hải Phòng", "Hải An", "quận"),
            (("ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "HUYỆN ỦY HÒA VANG"), "Đà Nẵng", "Hòa Vang", "huyện"),
            (("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "QUẬN ỦY NINH KIỀU"), "Cần Thơ", "Ninh Kiều", "quận"),
            (("ĐẢNG BỘ TỈNH TUYÊN QUANG", "THÀNH ỦY TUYÊN QUANG"), "Tuyên Quang", "Tuyên Quang", "thành phố"),
            (("ĐẢNG BỘ TỈNH QUẢNG TRỊ", "THÀNH ỦY ĐÔNG HÀ"), "Quảng Trị", "Đông Hà", "thành phố"),
            (("ĐẢNG BỘ TỈNH BẾN TRE", "HUYỆN ỦY CHÂU THÀNH"), "Bến Tre", "Châu Thành", "huyện"),
            (("HUYỆN ỦY CHÂU THÀNH",), None, "Châu Thành", "huyện"),
        ],
    )
    def test_reads_province_and_district(self, texts, province, district, kind):
        c = parse_committee(_lines(*texts))
        assert (c.province, c.district, c.district_kind, c.level) == (province, district, kind, "district")
        assert c.province_line_found is (province is not None)
        assert c.district_at == (len(texts) - 1, 0)

    def test_ba_dinh_is_not_read_as_ha_noi(self):
        """The city line names the province, never the district."""
        c = parse_committee([(0, 0, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"), (0, 5, "ĐẢNG CỘNG SẢN VIỆT NAM"), (1, 0, "QUẬN ỦY BA ĐÌNH"),
                             (1, 5, "Ba Đình, ngày 20 tháng 12 năm 2023"), (3, 0, "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023")])
        assert c == Committee(province="Hà Nội", district="Ba Đình", level="district", province_at=(0, 0),
                              district_at=(1, 0), province_line_found=True, district_kind="quận")

    def test_hue_a_provincial_city_before_2025_a_central_one_after(self):
        before = parse_committee(_lines("ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ", "THÀNH ỦY HUẾ", "KẾT QUẢ NĂM 2023"))
        assert (before.province, before.district, before.level) == ("Thừa Thiên Huế", "Huế", "district")
        after = parse_committee(_lines("THÀNH ỦY HUẾ", "BAN TỔ CHỨC", "KẾT QUẢ NĂM 2025"))
        assert (after.province, after.district, after.level) == ("Huế", None, "province")
        told = parse_committee(_lines("THÀNH ỦY HUẾ", "BAN TỔ CHỨC"), year=2024)
        assert (told.province, told.district) == (None, "Huế")

    @pytest.mark.parametrize("form", ["NFC", "NFD"])
    @pytest.mark.parametrize("case", [str.upper, str.lower, str.title])
    @pytest.mark.parametrize("tones", [str, new_tones])
    def test_any_case_form_and_tone_placement(self, form, case, tones):
        texts = [unicodedata.normalize(form, tones(case(t))) for t in ("Đảng bộ tỉnh Thanh Hóa", "Huyện ủy Thọ Xuân")]
        c = parse_committee(_lines(*texts))
        assert (c.province, c.district) == ("Thanh Hóa", "Thọ Xuân")

    def test_lines_in_one_cell_and_a_committee_word_alone(self):
        c = parse_committee([(0, 0, "ĐẢNG BỘ TỈNH TUYÊN QUANG\nHUYỆN ỦY\nCHIÊM HÓA"), (2, 1, "Số: 12-BC/HU")])
        assert (c.province, c.district, c.province_at, c.district_at) == ("Tuyên Quang", "Chiêm Hóa", (0, 0), (0, 0))


class TestNeverACommittee:
    @pytest.mark.parametrize(
        "texts",
        [
            ("ĐẢNG CỘNG SẢN VIỆT NAM",),
            ("Chiêm Hóa, ngày 15 tháng 12 năm 2023",),
            ("Thành phố Tuyên Quang, ngày 15 tháng 12 năm 2023",),
            ("Quận Ba Đình, tháng 12 năm 2023",),
            ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023",),
            ("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM 2024",),
            ("*",),
        ],
    )
    def test_nothing_read(self, texts):
        assert parse_committee(_lines(*texts)) == Committee()

    def test_a_province_line_alone_is_no_level(self):
        c = parse_committee(_lines("ĐẢNG BỘ TỈNH TUYÊN QUANG", "KẾT QUẢ NĂM 2023"))
        assert (c.province, c.district, c.level, c.province_line_found) == ("Tuyên Quang", None, None, True)


class TestAfterTheReform:
    def test_provincial_committee_with_its_board(self):
        c = parse_committee([(0, 0, "TỈNH ỦY TUYÊN QUANG"), (1, 0, "BAN TỔ CHỨC"), (0, 5, "ĐẢNG CỘNG SẢN VIỆT NAM"),
                             (3, 0, "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2025")])
        assert (c.province, c.district, c.commune, c.level, c.board_at) == ("Tuyên Quang", None, None, "province", (1, 0))

    def test_provincial_board_under_a_party_province_line(self):
        c = parse_committee(_lines("ĐẢNG BỘ TỈNH TUYÊN QUANG", "BAN TỔ CHỨC TỈNH ỦY"))
        assert (c.province, c.level) == ("Tuyên Quang", "province")

    @pytest.mark.parametrize(
        "line, commune, unit_type",
        [
            ("ĐẢNG ỦY XÃ YÊN NGUYÊN", "Yên Nguyên", "commune"),
            ("ĐẢNG ỦY PHƯỜNG MINH XUÂN", "Minh Xuân", "ward"),
            ("Đảng ủy phường 2", "Phường 2", "ward"),
            ("BAN THƯỜNG VỤ ĐẢNG ỦY XÃ KIM BÌNH", "Kim Bình", "commune"),
        ],
    )
    def test_commune_committee_under_the_province(self, line, commune, unit_type):
        c = parse_committee(_lines("ĐẢNG BỘ TỈNH TUYÊN QUANG", line))
        assert (c.province, c.district, c.commune, c.commune_type, c.level) == ("Tuyên Quang", None, commune, unit_type, "commune")
        assert c.commune_at == (1, 0)


def _sheet_rows_calamine(path):
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        yield name, [list(r) for r in book.get_sheet_by_name(name).to_python()]


def _same_district_as_today(rows):
    table = find_table(rows, None)
    if table is None:
        return None
    lines = title_lines(rows, table.top)
    return parse_committee(lines).district, header_district(rows, table.top)


class TestSameDistrictAsTheReaderToday:
    # the districts' report workbooks (data/raw/<district>/…); the provincial board's and the communes' name no
    # district, and the forms (bieu-*.xlsx) have no table of units: their committee is read by the form reader
    @pytest.mark.parametrize("path", sorted(p for p in config.RAW_DATA_DIR.rglob("*.xlsx")
                                            if p.parent.parent == config.RAW_DATA_DIR and not p.name.startswith("bieu-")),
                             ids=lambda p: f"{p.parent.name}/{p.name}")
    def test_bundled_workbooks(self, path):
        compared = 0
        for _sheet, rows in _sheet_rows_calamine(path):
            got = _same_district_as_today(rows)
            if got is None:
                continue
            ours, theirs = got
            assert ours == theirs and ours is not None
            assert slug(ours) == path.parent.name  # the folder is named after the district
            compared += 1
        assert compared >= 1

    @pytest.mark.parametrize("header_block", ["huyen_uy", "dang_bo", "ban_thuong_vu", "none"])
    def test_every_header_block_layout(self, header_block):
        options = itertools.product(district_names(), ("classic", "new"), ("NFC", "NFD"), ("as_is", "upper", "lower"))
        records = [{"unit": "Hòa Phú", "unit_type": "commune", "cadres": 5, "tasks": 20, "tasks_completed": 18}]
        for district, tones, form, case in options:
            ws = Workbook().active
            layout = Layout(header_block=header_block, tones=tones, unicode_form=form, case=case)
            write_report(ws, "breakthrough_tasks", records, district=district, year=2023, layout=layout)
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            ours, theirs = _same_district_as_today(rows)
            assert ours == theirs == (None if header_block == "none" else district), (district, tones, form, case)
