"""The national registry: its sources, its cache, name resolution, and the communes of 1 July 2025."""

from __future__ import annotations

import marshal
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from helpers import config
from helpers.text import canonical
from helpers.units import (
    DistrictMatch,
    UnitMatch,
    infer_province,
    load_units,
    reform_mapping,
    resolve_district,
    resolve_unit,
    units_2025,
)
from helpers.units import registry as reg_module
from helpers.units import national
from helpers.units.national import read_tables
from helpers.units.registry import Registry, build, cache_key, load_payload, registry


def _library_rows(province_code):
    """(code, name, district) of a province's communes in the national data set (data/reference/national/)."""
    tables = read_tables()
    districts = {code: name for code, name, _kind, _pcode in tables["districts_before.csv"]}
    return [(code, name, districts[dcode]) for code, name, _type, dcode, pcode in tables["communes_before.csv"]
            if pcode == province_code]


class TestSources:
    def test_the_country_before_and_after_the_reform(self):
        reg = registry()
        assert len(reg.districts) == 696
        assert len({d[1] for d in reg.districts}) == 63
        assert len(reg.new_units) == 3321
        assert len({r[4] for r in reg.new_units}) == 34
        commune_level = [r for r in reg.old_units if r[2] != "agency" and r[8] == reg_module.REFORM]
        assert len(commune_level) == 10035

    def test_every_name_is_canonical(self):
        reg = registry()
        names = [r[1] for r in reg.old_units] + [r[5] for r in reg.old_units] + [r[1] for r in reg.new_units]
        assert all(n == canonical(n) == unicodedata.normalize("NFC", n) for n in names)

    def test_project_layer_agrees_with_the_library_but_for_two_spellings(self):
        """Tuyên Quang's rows valid until the reform are the library's codes; names differ only where the GSO spells them so."""
        library = {code: (name, district) for code, name, district in _library_rows("08")}
        layer = load_units()
        current = layer[(layer["type"] != "agency") & layer["valid_to"].isna()]
        assert set(current["code"]) == set(library)
        differs = {(r.code, r.name, library[r.code][0]) for r in current.itertuples() if r.name != library[r.code][0]}
        assert differs == {("02263", "Khau Tinh", "Khâu Tinh"), ("02431", "Quí Quân", "Quý Quân")}
        assert all(r.district == library[r.code][1] for r in current.itertuples())

    def test_the_layer_replaces_the_library_for_its_codes(self):
        reg = registry()
        rows = [reg.old_units[i] for i in reg.by_code["02299"]]  # Phúc Sơn: Chiêm Hóa, then Lâm Bình
        assert [(r[5], r[7] is None, r[8]) for r in rows] == [
            ("Chiêm Hóa", True, pd.Timestamp("2021-07-01").toordinal()),
            ("Lâm Bình", False, reg_module.REFORM),
        ]


@pytest.fixture(scope="module")
def built():
    return build()


@pytest.fixture
def builds(built, monkeypatch):
    """Count the builds ``load_payload`` makes (each returns the one payload built for this module)."""
    calls = []

    def counted():
        calls.append(1)
        return built

    monkeypatch.setattr(reg_module, "build", counted)
    return calls


class TestCache:
    def test_a_cache_gives_what_a_build_gives(self, tmp_path, built, builds):
        cache = tmp_path / "reg.marshal"
        assert load_payload(cache) == built and len(builds) == 1
        assert load_payload(cache) == built and len(builds) == 1  # read back, not built again

    def test_a_corrupt_cache_is_ignored_and_rewritten(self, tmp_path, built, builds):
        cache = tmp_path / "reg.marshal"
        cache.write_bytes(b"\x00not marshal at all")
        assert load_payload(cache) == built and len(builds) == 1
        assert marshal.loads(cache.read_bytes()) == (cache_key(), built)

    def test_a_stale_cache_is_ignored(self, tmp_path, built, builds):
        cache = tmp_path / "reg.marshal"
        cache.write_bytes(marshal.dumps(("an older key", dict(built, new=[]))))
        assert len(load_payload(cache)["new"]) == 3321 and len(builds) == 1
        assert marshal.loads(cache.read_bytes())[0] == cache_key()

    def test_a_half_written_cache_is_ignored(self, tmp_path, built, builds):
        cache = tmp_path / "reg.marshal"
        load_payload(cache)
        data = cache.read_bytes()
        cache.write_bytes(data[: len(data) // 2])
        assert load_payload(cache) == built and len(builds) == 2

    def test_a_cache_of_another_shape_is_ignored(self, tmp_path, built, builds):
        cache = tmp_path / "reg.marshal"
        cache.write_bytes(marshal.dumps((cache_key(), {"old": []})))
        assert load_payload(cache) == built and len(builds) == 1

    def test_the_key_follows_the_project_layer(self, tmp_path, monkeypatch):
        layer = tmp_path / "units.csv"
        layer.write_bytes(Path(config.UNITS_CSV).read_bytes())
        monkeypatch.setattr(config, "UNITS_CSV", layer)
        before = cache_key()
        layer.write_text(layer.read_text(encoding="utf-8").replace("Quí Quân", "Quý Quân"), encoding="utf-8")
        assert cache_key() != before

    def test_the_key_and_the_build_follow_the_national_files(self, tmp_path, monkeypatch):
        folder = tmp_path / "national"
        folder.mkdir()
        for path in national.NATIONAL_DIR.glob("*.csv"):
            (folder / path.name).write_bytes(path.read_bytes())
        monkeypatch.setattr(national, "NATIONAL_DIR", folder)
        before = cache_key()
        path = folder / "communes_after.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("02365,Yên Nguyên,", "02365,Yên Nguyên Mới,"), encoding="utf-8")
        assert cache_key() != before
        assert [r[1] for r in build()["new"] if r[0] == "02365"] == ["Yên Nguyên Mới"]

    def test_the_process_registry_is_the_built_one(self, built):
        assert registry().old_exact.keys() == Registry(built).old_exact.keys()
        assert registry().old_units == [tuple(r) for r in built["old"]]


def _m(name, unit_type, code, province, district, approximate=False):
    return UnitMatch(name, unit_type, code, province, district, approximate)


class TestResolveUnit:
    @pytest.mark.parametrize(
        "args, want",
        [
            (("Nghệ An", "Nam Đàn", "Nam Hưng", "commune", 2023), _m("Nam Hưng", "commune", "17932", "Nghệ An", "Nam Đàn")),
            (("Nghệ An", "Huyện Nam Đàn", "NAM ĐÀN", "town", 2023), _m("Nam Đàn", "town", "17950", "Nghệ An", "Nam Đàn")),
            (("Hà Nội", "Ba Đình", "Phúc Xá", "ward", 2024), _m("Phúc Xá", "ward", "00001", "Hà Nội", "Ba Đình")),
            (("Thành phố Hà Nội", "Sơn Tây", "Đường Lâm", None, 2023), _m("Đường Lâm", "commune", "09592", "Hà Nội", "Sơn Tây")),
            (("Quảng Trị", "Đông Hà", "Phường 2", "ward", 2024), _m("Phường 2", "ward", "19342", "Quảng Trị", "Đông Hà")),
            (("Quảng Trị", "Đông Hà", "2", "ward", 2024), _m("Phường 2", "ward", "19342", "Quảng Trị", "Đông Hà")),
            (("Tiền Giang", "Châu Thành", "Tân Hiệp", "town", 2023), _m("Tân Hiệp", "town", "28519", "Tiền Giang", "Châu Thành")),
            (("Long An", "Châu Thành", "Hòa Phú", "commune", 2023), _m("Hòa Phú", "commune", "28216", "Long An", "Châu Thành")),
            ((None, "Châu Thành", "Tầm Vu", "town", 2023), _m("Tầm Vu", "town", "28210", "Long An", "Châu Thành")),
        ],
    )
    def test_outside_tuyen_quang(self, args, want):
        assert resolve_unit(*args) == want

    @pytest.mark.parametrize("written", ["Hòa Phú", "HOÀ PHÚ", "hoà  phú", unicodedata.normalize("NFD", "Hòa Phú"), "Xã Hòa Phú"])
    def test_one_name_many_spellings(self, written):
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", written, None, 2023) == _m("Hòa Phú", "commune", "02335", "Tuyên Quang", "Chiêm Hóa")

    def test_without_diacritics_only_when_it_fits_one_unit(self):
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "Hoa Phu", None, 2023) == _m("Hòa Phú", "commune", "02335", "Tuyên Quang", "Chiêm Hóa", True)
        assert resolve_unit("Yên Bái", "Trấn Yên", "Minh Quân", None, 2023).unit_code != resolve_unit("Yên Bái", "Trấn Yên", "Minh Quán", None, 2023).unit_code
        assert resolve_unit("Yên Bái", "Trấn Yên", "Minh Quan", None, 2023) is None  # Minh Quân or Minh Quán

    def test_the_same_name_in_two_districts_needs_the_province(self):
        assert resolve_unit(None, "Châu Thành", "Tân Phú", "commune", 2023) is None  # Bến Tre's, Đồng Tháp's, An Giang's
        assert resolve_unit("Bến Tre", "Châu Thành", "Tân Phú", "commune", 2023).unit_code == "28840"
        assert resolve_unit(None, "Châu Thành", "Hòa Phú", "commune", 2023).province == "Long An"  # one Châu Thành has it

    def test_history_of_tuyen_quang(self):
        assert resolve_unit("Tuyên Quang", "Lâm Bình", "Lăng Can", "commune", 2020).unit_type == "commune"
        assert resolve_unit("Tuyên Quang", "Lâm Bình", "Lăng Can", "commune", 2021).unit_type == "town"  # the registry's type wins
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "Phúc Sơn", None, 2020).district == "Chiêm Hóa"
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "Phúc Sơn", None, 2021) is None
        assert resolve_unit("Tuyên Quang", "Lâm Bình", "Phúc Sơn", None, 2021).unit_code == "02299"
        assert resolve_unit("Tuyên Quang", "Sơn Dương", "Hồng Sơn", None, 2023) is None
        assert resolve_unit("Tuyên Quang", "Sơn Dương", "Hồng Sơn", None, 2024).unit_code == "02608"
        assert resolve_unit("Tuyên Quang", "Sơn Dương", "Vân Sơn", None, 2023).unit_code == "02593"

    def test_a_district_report_of_2025_is_on_its_last_day(self):
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "Hòa Phú", None, 2025).unit_code == "02335"

    def test_without_a_district_from_2025_the_new_communes(self):
        assert resolve_unit("Tuyên Quang", None, "Yên Nguyên", "commune", 2025) == _m("Yên Nguyên", "commune", "02365", "Tuyên Quang", None)
        assert resolve_unit("Tuyên Quang", None, "Hòa Phú", "commune", 2025) is None  # merged into Yên Nguyên
        assert resolve_unit("Tuyên Quang", None, "Hà Giang 1", "ward", 2026).unit_code == "00694"

    def test_agencies_have_no_code(self):
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "CÔNG AN HUYỆN", None, 2023) == _m("Công an huyện", "agency", None, "Tuyên Quang", "Chiêm Hóa")
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "Công an huyện", "commune", 2023) is None

    def test_unknown(self):
        assert resolve_unit("Tuyên Quang", "Chiêm Hóa", "Không Có", None, 2023) is None
        assert resolve_unit("Tuyên Quang", "Na Hang", "Hòa Phú", None, 2023) is None
        assert resolve_unit("Nghệ An", "Chiêm Hóa", "Hòa Phú", None, 2023) is None

    def test_second_call_is_cached(self):
        resolve_unit("Nghệ An", "Nam Đàn", "Nam Anh", None, 2022)
        hits = resolve_unit.cache_info().hits
        resolve_unit("Nghệ An", "Nam Đàn", "Nam Anh", None, 2022)
        assert resolve_unit.cache_info().hits == hits + 1


class TestResolveDistrict:
    def test_ten_chau_thanh(self):
        got = resolve_district(None, "Châu Thành", 2023)
        assert [m.province for m in got] == ["Tây Ninh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Đồng Tháp",
                                             "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng"]
        assert {m.kind for m in got} == {"huyện"}
        assert resolve_district("Long An", "Châu Thành", 2023) == [DistrictMatch("Long An", "Châu Thành", "808", "huyện")]

    def test_the_word_narrows_the_kind(self):
        assert resolve_district(None, "Thị xã Sơn Tây", 2023) == [DistrictMatch("Hà Nội", "Sơn Tây", "269", "thị xã")]
        assert [m.province for m in resolve_district(None, "Sơn Tây", 2023)] == ["Hà Nội", "Quảng Ngãi"]
        assert resolve_district(None, "Quận Ba Đình", 2023) == [DistrictMatch("Hà Nội", "Ba Đình", "001", "quận")]
        assert resolve_district(None, "Thành phố Tuyên Quang", 2019) == [DistrictMatch("Tuyên Quang", "Tuyên Quang", "070", "thành phố")]

    def test_no_districts_after_2025_and_none_unknown(self):
        assert resolve_district("Tuyên Quang", "Chiêm Hóa", 2025) == [DistrictMatch("Tuyên Quang", "Chiêm Hóa", "073", "huyện")]
        assert resolve_district("Tuyên Quang", "Chiêm Hóa", 2026) == []
        assert resolve_district(None, "Không Có", 2023) == []
        assert resolve_district("Nghệ An", "Chiêm Hóa", 2023) == []


class TestInferProvince:
    def test_communes_decide(self):
        assert infer_province("Châu Thành", ["Tầm Vu", "Bình Quới", "Hòa Phú"], 2023) == ["Long An"]
        assert infer_province("Châu Thành", ["Đảng bộ xã Tân Hội Đông", "Điềm Hy"], 2023) == ["Tiền Giang"]

    def test_agencies_and_unknown_names_do_not_decide(self):
        assert infer_province("Châu Thành", ["Tầm Vu", "Công an huyện", "Không Có"], 2023) == ["Long An"]
        assert len(infer_province("Châu Thành", ["Công an huyện"], 2023)) == 10

    def test_names_of_two_provinces_decide_none(self):
        assert infer_province("Châu Thành", ["Tầm Vu", "Tân Hội Đông"], 2023) == []

    def test_a_unique_district(self):
        assert infer_province("Nam Đàn", [], 2023) == ["Nghệ An"]
        assert infer_province("Không Có", ["Hòa Phú"], 2023) == []


# Nghị quyết 1684/NQ-UBTVQH15: the new communes of former Chiêm Hóa and Lâm Bình and their predecessors.
CHIEM_HOA_2025 = {
    "Chiêm Hóa": {"Vĩnh Lộc", "Xuân Quang", "Ngọc Hội", "Phúc Thịnh", "Trung Hòa"},
    "Hòa An": {"Hòa An", "Tân Thịnh", "Nhân Lý"},
    "Kiên Đài": {"Kiên Đài", "Phú Bình"},
    "Kim Bình": {"Kim Bình", "Vinh Quang", "Bình Nhân"},
    "Tân An": {"Tân An", "Hà Lang"},
    "Tân Mỹ": {"Tân Mỹ", "Hùng Mỹ"},
    "Tri Phú": {"Tri Phú", "Linh Phú"},
    "Trung Hà": {"Trung Hà"},
    "Yên Lập": {"Yên Lập", "Bình Phú"},
    "Yên Nguyên": {"Yên Nguyên", "Hòa Phú"},
}
LAM_BINH_2025 = {
    "Lâm Bình": {"Lăng Can", "Phúc Yên", "Xuân Lập"},
    "Minh Quang": {"Minh Quang", "Phúc Sơn", "Hồng Quang"},
    "Thượng Lâm": {"Thượng Lâm", "Khuôn Hà"},
    "Bình An": {"Bình An", "Thổ Bình"},
}


def _composition(district):
    m = reform_mapping(province="Tuyên Quang")
    m = m[m["old_district"] == district]
    return {new: set(g["old_name"]) for new, g in m.groupby("new_name")}


class TestReform:
    def test_chiem_hoa_24_units_into_10_communes(self):
        assert _composition("Chiêm Hóa") == CHIEM_HOA_2025
        assert sum(len(v) for v in CHIEM_HOA_2025.values()) == 24

    def test_lam_binh(self):
        assert _composition("Lâm Bình") == LAM_BINH_2025

    def test_new_tuyen_quang_330_into_124(self):
        m = reform_mapping(province="Tuyên Quang")
        assert m["old_code"].nunique() == 330 and m["new_code"].nunique() == 124
        assert set(m["old_province"]) == {"Tuyên Quang", "Hà Giang"} and set(m["new_province"]) == {"Tuyên Quang"}
        assert len(units_2025("Tuyên Quang")) == 124
        assert units_2025("Tuyên Quang")["type"].value_counts().to_dict() == {"commune": 117, "ward": 7}

    def test_divided_communes_have_one_default(self):
        m = reform_mapping(province="Tuyên Quang")
        divided = m[m["divided"]]
        assert divided.groupby("old_code")["default"].sum().eq(1).all()
        assert set(divided["old_name"]) == {"Quang Trung", "Việt Lâm", "Yên Định", "Thái Bình", "Kim Phú"}
        thai_binh = divided[divided["old_name"] == "Thái Bình"]
        assert thai_binh[["new_name", "default"]].values.tolist() == [["Nông Tiến", False], ["Thái Bình", True]]

    def test_units_2025_points(self):
        yen_nguyen = units_2025("Tuyên Quang").set_index("name").loc["Yên Nguyên"]
        assert yen_nguyen["code"] == "02365"
        assert 21.5 < yen_nguyen["lat"] < 22.5 and 104.5 < yen_nguyen["lon"] < 106
