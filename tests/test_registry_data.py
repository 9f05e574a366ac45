"""The national data set kept in data/reference/national/: its regeneration, its integrity, and a pandas-free registry."""

from __future__ import annotations

import importlib.machinery
import json
import sqlite3
import subprocess
import sys
import unicodedata
from contextlib import closing
from pathlib import Path

import pytest

import helpers.units
from helpers.text import canonical
from helpers.units import national
from helpers.units.national import FILES, NATIONAL_DIR, cli, extract, read_tables, render, write_tables

# --- a tiny library data folder, with the library's table and column names ---------------

_LEGACY_COLUMNS = ("provinceShort", "provinceCode", "districtShort", "districtCode", "districtType", "wardShort",
                   "wardType", "wardCode", "provinceKey", "districtKey", "wardKey")
_AFTER_COLUMNS = ("provinceShort", "provinceCode", "wardShort", "wardType", "wardCode", "wardLat", "wardLon",
                  "wardAreaKm2", "provinceKey", "wardKey")
NFD_HOA_PHU = unicodedata.normalize("NFD", "Hoà Phú")  # decomposed, new tone placement
LEGACY = [
    ("Tuyên Quang", "08", "Chiêm Hoá", "073", "Huyện", NFD_HOA_PHU, "Xã", "02335", "tinhtuyenquang", "huyenchiemhoa", "xahoaphu"),
    ("Tuyên Quang", "08", "Chiêm Hoá", "073", "Huyện", "Vĩnh Lộc", "Thị trấn", "02287", "tinhtuyenquang", "huyenchiemhoa", "thitranvinhloc"),
    ("Tuyên Quang", "08", "Chiêm Hoá", "073", "Huyện", "Yên  Nguyên", "Xã", "02365", "tinhtuyenquang", "huyenchiemhoa", "xayennguyen"),
    ("Hà Giang", "02", "Vị Xuyên", "030", "Huyện", "Việt Lâm", "Xã", "00967", "tinhhagiang", "huyenvixuyen", "xavietlam"),
    ("Quảng Trị", "45", "Cồn Cỏ", "471", "Huyện", None, None, None, "tinhquangtri", "huyenconco", None),
]
AFTER = [
    ("Tuyên Quang", "08", "Chiêm Hoá", "Xã", "02287", 22.15, 105.27, 101.5, "tinhtuyenquang", "xachiemhoa"),
    ("Tuyên Quang", "08", "Yên Nguyên", "Xã", "02365", 22.08, 105.21, 95, "tinhtuyenquang", "xayennguyen"),
    ("Tuyên Quang", "08", "Việt Lâm", "Xã", "00967", 22.6, 104.9, 120.25, "tinhtuyenquang", "xavietlam"),
    ("Tuyên Quang", "08", "Vị Xuyên", "Xã", "00913", None, None, None, "tinhtuyenquang", "xavixuyen"),
    ("Quảng Trị", "44", "Cồn Cỏ", "Đặc khu", "19742", 17.16, 107.34, 2.3, "tinhquangtri", "dackhuconco"),
]
MAPPING = {
    "DICT_PROVINCE": {"tinhtuyenquang": ["tinhhagiang", "tinhtuyenquang"], "tinhquangtri": ["tinhquangbinh", "tinhquangtri"]},
    "DICT_PROVINCE_WARD_NO_DIVIDED": {
        "tinhtuyenquang": {
            "xachiemhoa": ["tinhtuyenquang_huyenchiemhoa_thitranvinhloc"],
            "xayennguyen": ["tinhtuyenquang_huyenchiemhoa_xayennguyen", "tinhtuyenquang_huyenchiemhoa_xahoaphu"],
        },
        "tinhquangtri": {"dackhuconco": ["tinhquangtri_huyenconco_"]},
    },
    "DICT_PROVINCE_WARD_DIVIDED": {
        "tinhtuyenquang": {
            "tinhhagiang_huyenvixuyen_xavietlam": [
                {"newWardKey": "xavixuyen", "isDefaultNewWard": False, "newWardLat": 22.7, "newWardLon": 104.9, "newWardAreaKm2": 80.0},
                {"newWardKey": "xavietlam", "isDefaultNewWard": True, "newWardLat": 22.6, "newWardLon": 104.9, "newWardAreaKm2": 120.25},
            ],
        },
    },
}

# What the vendored files of that data set hold, byte for byte.
WANT = {
    "provinces_before.csv": "code,name\n02,Hà Giang\n08,Tuyên Quang\n45,Quảng Trị\n",
    "districts_before.csv": "code,name,kind,province_code\n030,Vị Xuyên,huyện,02\n073,Chiêm Hóa,huyện,08\n471,Cồn Cỏ,huyện,45\n",
    "communes_before.csv": "code,name,type,district_code,province_code\n00967,Việt Lâm,commune,030,02\n"
                           "02287,Vĩnh Lộc,town,073,08\n02335,Hòa Phú,commune,073,08\n02365,Yên Nguyên,commune,073,08\n",
    "provinces_after.csv": "code,name\n08,Tuyên Quang\n44,Quảng Trị\n",
    "communes_after.csv": "code,name,type,province_code,lat,lon,area_km2\n00913,Vị Xuyên,commune,08,,,\n"
                          "00967,Việt Lâm,commune,08,22.6,104.9,120.25\n02287,Chiêm Hóa,commune,08,22.15,105.27,101.5\n"
                          "02365,Yên Nguyên,commune,08,22.08,105.21,95.0\n19742,Cồn Cỏ,special_zone,44,17.16,107.34,2.3\n",
    "reform_mapping.csv": "old_code,new_code,divided,default\n00967,00913,true,false\n00967,00967,true,true\n"
                          "02287,02287,false,true\n02335,02365,false,true\n02365,02365,false,true\n",
}


def _library(folder: Path, legacy=LEGACY, after=AFTER, mapping=MAPPING) -> Path:
    """A library ``data`` folder: ``dataset.db`` with its two tables, ``converter_2025.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(folder / "dataset.db")) as conn:
        for table, columns, rows in (("admin_units_legacy", _LEGACY_COLUMNS, legacy), ("admin_units", _AFTER_COLUMNS, after)):
            conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
        conn.commit()
    (folder / "converter_2025.json").write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def library(tmp_path):
    return _library(tmp_path / "vietnamadminunits" / "data")


def _files(folder: Path) -> dict[str, str]:
    return {name: (folder / name).read_bytes().decode("utf-8") for name in FILES}


class TestRegeneration:
    def test_the_files_from_the_library_data(self, library, tmp_path):
        tables, left_out = extract(library)
        assert write_tables(tables, tmp_path / "out") == list(FILES)
        assert _files(tmp_path / "out") == WANT
        assert left_out == [("471", "Cồn Cỏ", "19742")]

    def test_the_command_writes_them_and_says_what_it_left_out(self, library, tmp_path, capsys):
        assert cli(["--library", str(library), "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
        assert _files(tmp_path / "out") == WANT
        out = capsys.readouterr().out.splitlines()
        assert out == [
            "Left out the mapping line of 471 Cồn Cỏ (a district without communes) to new unit 19742.",
            f"{tmp_path / 'out'}: wrote {', '.join(FILES)}.",
        ]

    def test_a_second_run_rewrites_nothing(self, library, tmp_path, capsys):
        out = tmp_path / "out"
        cli(["--library", str(library), "--out", str(out)])
        stamps = {name: (out / name).stat().st_mtime_ns for name in FILES}
        capsys.readouterr()
        assert cli(["--library", str(library), "--out", str(out)]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == f"{out}: sáu tệp đã đúng với dữ liệu của thư viện, không ghi lại."
        assert {name: (out / name).stat().st_mtime_ns for name in FILES} == stamps
        assert _files(out) == WANT

    def test_check_names_a_changed_file_and_writes_nothing(self, library, tmp_path, capsys):
        out = tmp_path / "out"
        cli(["--library", str(library), "--out", str(out)])
        edited = WANT["communes_before.csv"].replace("Hòa Phú", "Hoà Phú")
        (out / "communes_before.csv").write_text(edited, encoding="utf-8")
        capsys.readouterr()
        assert cli(["--library", str(library), "--out", str(out), "--check", "--lang", "en"]) == 1
        assert capsys.readouterr().out.splitlines()[-1] == f"{out}: differs from the library's data: communes_before.csv."
        assert (out / "communes_before.csv").read_text(encoding="utf-8") == edited
        assert cli(["--library", str(library), "--out", str(out)]) == 0
        assert _files(out) == WANT

    def test_a_mapping_line_to_an_unlisted_old_unit_is_an_error(self, tmp_path, capsys):
        mapping = json.loads(json.dumps(MAPPING))
        mapping["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhtuyenquang"]["xachiemhoa"].append("tinhtuyenquang_huyenchiemhoa_xakhongco")
        library = _library(tmp_path / "lib", mapping=mapping)
        with pytest.raises(ValueError, match="names an old unit it does not list: tinhtuyenquang_huyenchiemhoa_xakhongco"):
            extract(library)
        assert cli(["--library", str(library), "--out", str(tmp_path / "out"), "--lang", "en"]) == 2
        assert "The library's data cannot be used: the library's mapping names an old unit" in capsys.readouterr().err
        assert not (tmp_path / "out").exists()

    def test_a_divided_commune_needs_exactly_one_default(self, tmp_path):
        mapping = json.loads(json.dumps(MAPPING))
        for target in mapping["DICT_PROVINCE_WARD_DIVIDED"]["tinhtuyenquang"]["tinhhagiang_huyenvixuyen_xavietlam"]:
            target["isDefaultNewWard"] = True
        with pytest.raises(ValueError, match="old unit 00967 has 2 default new units, not one"):
            extract(_library(tmp_path / "lib", mapping=mapping))

    def test_one_code_with_two_names_is_an_error(self, tmp_path):
        legacy = LEGACY + [("Tuyên Quang", "08", "Chiêm Hoá", "073", "Huyện", "Hòa Bình", "Xã", "02335",
                            "tinhtuyenquang", "huyenchiemhoa", "xahoabinh")]
        with pytest.raises(ValueError, match="gives commune 02335 twice"):
            extract(_library(tmp_path / "lib", legacy=legacy))

    def test_an_unknown_administrative_word_is_an_error(self, tmp_path):
        after = AFTER + [("Tuyên Quang", "08", "Nà Hang", "Thôn", "02248", 22.3, 105.4, 12.0, "tinhtuyenquang", "thitrannahang")]
        with pytest.raises(ValueError, match="unit 02248: unknown administrative word .Thôn."):
            extract(_library(tmp_path / "lib", after=after))

    def test_a_missing_data_file_is_named(self, tmp_path):
        (tmp_path / "lib").mkdir()
        with pytest.raises(FileNotFoundError, match="dataset.db: not found"):
            extract(tmp_path / "lib")


def _installed(monkeypatch, package_dir: Path | None, version: str) -> None:
    """Make ``importlib`` see the library installed at ``package_dir`` (``None``: not installed) in ``version``."""
    import importlib.metadata
    import importlib.util

    def find_spec(name, *args):
        if package_dir is None:
            return None
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = [str(package_dir)]
        return spec

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(importlib.metadata, "version", lambda name: version)


class TestTheInstalledLibrary:
    def test_its_data_folder_is_read_by_default(self, library, tmp_path, monkeypatch):
        _installed(monkeypatch, library.parent, "1.0.4")
        assert cli(["--out", str(tmp_path / "out")]) == 0
        assert _files(tmp_path / "out") == WANT

    def test_not_installed_says_how_to_install_it_without_its_dependencies(self, tmp_path, monkeypatch, capsys):
        _installed(monkeypatch, None, "")
        assert cli(["--out", str(tmp_path / "out")]) == 2
        assert capsys.readouterr().err.strip() == (
            "Chưa cài vietnamadminunits: pip install --no-deps vietnamadminunits==1.0.4 (chỉ cần các tệp dữ liệu của nó).")

    def test_another_version_is_refused(self, library, tmp_path, monkeypatch, capsys):
        _installed(monkeypatch, library.parent, "1.0.5")
        assert cli(["--out", str(tmp_path / "out"), "--lang", "en"]) == 2
        assert capsys.readouterr().err.startswith(
            "vietnamadminunits 1.0.5 is installed; the vendored files are those of 1.0.4. To move to 1.0.5, change LIBRARY_VERSION")
        assert not (tmp_path / "out").exists()

    def test_the_command_is_registered(self):
        from helpers.__main__ import COMMANDS

        assert COMMANDS["registry-data"][0] == "helpers.units.national:cli"


# --- the vendored files ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def vendored():
    return read_tables()


def _codes(rows):
    return [r[0] for r in rows]


class TestVendoredFiles:
    def test_the_counts_of_both_sides(self, vendored):
        assert {name: len(rows) for name, rows in vendored.items()} == {
            "provinces_before.csv": 63, "districts_before.csv": 696, "communes_before.csv": 10035,
            "provinces_after.csv": 34, "communes_after.csv": 3321, "reform_mapping.csv": 10597,
        }

    def test_types_and_kinds(self, vendored):
        def count(rows, i):
            out = {}
            for r in rows:
                out[r[i]] = out.get(r[i], 0) + 1
            return out

        assert count(vendored["communes_after.csv"], 2) == {"commune": 2621, "ward": 687, "special_zone": 13}
        assert set(count(vendored["communes_before.csv"], 2)) == {"commune", "ward", "town"}
        assert set(count(vendored["districts_before.csv"], 2)) == {"huyện", "quận", "thị xã", "thành phố"}

    @pytest.mark.parametrize("name", [n for n in FILES if n != "reform_mapping.csv"])
    def test_sorted_by_code_without_duplicates(self, vendored, name):
        codes = _codes(vendored[name])
        assert codes == sorted(set(codes))
        width = {"provinces": 2, "districts": 3, "communes": 5}[name.split("_")[0]]
        assert all(len(c) == width and c.isdigit() for c in codes)

    def test_the_mapping_sorted_by_old_then_new_code(self, vendored):
        pairs = [r[:2] for r in vendored["reform_mapping.csv"]]
        assert pairs == sorted(set(pairs))

    def test_every_name_canonical(self, vendored):
        names = [r[1] for name, rows in vendored.items() if name != "reform_mapping.csv" for r in rows]
        assert len(names) == 63 + 696 + 10035 + 34 + 3321
        assert [n for n in names if n != canonical(n) or n != unicodedata.normalize("NFC", n) or not n] == []

    @pytest.mark.parametrize("name", list(FILES))
    def test_each_file_is_what_the_regeneration_writes(self, vendored, name):
        """UTF-8, NFC, a header row, "\\n" line ends, quoted as the csv module quotes: a regeneration changes no byte."""
        data = (NATIONAL_DIR / name).read_bytes()
        assert render(name, vendored[name]) == data
        assert data.decode("utf-8") == unicodedata.normalize("NFC", data.decode("utf-8"))
        assert b"\r" not in data and data.endswith(b"\n") and not data.startswith(b"\xef\xbb\xbf")

    def test_every_code_referred_to_exists(self, vendored):
        provinces = set(_codes(vendored["provinces_before.csv"]))
        districts = {code: pcode for code, _n, _k, pcode in vendored["districts_before.csv"]}
        assert set(districts.values()) == provinces
        communes = vendored["communes_before.csv"]
        assert all(districts.get(dcode) == pcode for _c, _n, _t, dcode, pcode in communes)
        assert {r[3] for r in vendored["communes_after.csv"]} == set(_codes(vendored["provinces_after.csv"]))
        mapping = vendored["reform_mapping.csv"]
        assert {r[0] for r in mapping} == set(_codes(communes))  # every old commune went somewhere
        assert {r[1] for r in mapping} <= set(_codes(vendored["communes_after.csv"]))

    def test_the_island_districts_without_communes(self, vendored):
        with_communes = {r[3] for r in vendored["communes_before.csv"]}
        assert [r[:2] for r in vendored["districts_before.csv"] if r[0] not in with_communes] == [
            ("318", "Bạch Long Vĩ"), ("471", "Cồn Cỏ"), ("498", "Hoàng Sa"), ("536", "Lý Sơn"), ("755", "Côn Đảo")]
        with_predecessors = {r[1] for r in vendored["reform_mapping.csv"]}
        assert [r[1] for r in vendored["communes_after.csv"] if r[0] not in with_predecessors] == [
            "Bạch Long Vĩ", "Cồn Cỏ", "Hoàng Sa", "Lý Sơn", "Côn Đảo"]

    def test_divided_flag_and_one_default(self, vendored):
        targets: dict[str, list[tuple[str, str]]] = {}
        for old, _new, divided, default in vendored["reform_mapping.csv"]:
            targets.setdefault(old, []).append((divided, default))
        assert all({d for d, _ in t} == {"true" if len(t) > 1 else "false"} for t in targets.values())
        assert all([f for _, f in t].count("true") == 1 and set(f for _, f in t) <= {"true", "false"} for t in targets.values())
        assert sum(len(t) > 1 for t in targets.values()) == 471

    def test_points_and_areas_are_numbers(self, vendored):
        rows = vendored["communes_after.csv"]
        empty = [(r[1], i) for r in rows for i, v in enumerate(r[4:]) if v == ""]
        assert empty == [("Thượng Trạch", 2), ("Đông Trạch", 2)]  # the data set gives these two no area
        lats = [float(r[4]) for r in rows]
        lons = [float(r[5]) for r in rows]
        assert 8 < min(lats) and max(lats) < 24 and 102 < min(lons) and max(lons) < 118

    def test_the_library_licence_is_kept_beside_them(self):
        text = (NATIONAL_DIR / "LICENSE-vietnamadminunits.txt").read_text(encoding="utf-8")
        assert text.startswith("MIT License\n\nCopyright (c) 2025 Tran Ngoc Minh Hieu\n")
        assert "The above copyright notice and this permission notice shall be included" in text


def test_a_header_other_than_the_layout_is_refused(tmp_path):
    for name, rows in read_tables().items():
        (tmp_path / name).write_bytes(render(name, rows))
    (tmp_path / "communes_after.csv").write_text("code,name,type\n", encoding="utf-8")
    with pytest.raises(ValueError, match="communes_after.csv: the header is 'code,name,type', expected 'code,name,type,province_code"):
        read_tables(tmp_path)


def test_the_library_is_no_runtime_dependency():
    import tomllib

    from helpers.config import PROJ_ROOT

    deps = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert not [d for d in deps if d.lower().startswith(("vietnamadminunits", "unidecode"))]
    assert "vietnamadminunits" not in (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")


# --- no pandas on the reader's path ---------------------------------------------------------------

_NO_PANDAS = """
import sys
from pathlib import Path
import helpers.units as u
from helpers.units import registry as R
R.load_payload(Path(sys.argv[1]))  # built from the CSV files: no cache there yet
R.load_payload(Path(sys.argv[1]))  # read back from that cache
m = u.resolve_unit("Tuyên Quang", "Chiêm Hóa", "Hòa Phú", None, 2023)
d = u.resolve_district(None, "Châu Thành", 2023)
p = u.infer_province("Châu Thành", ["Tầm Vu"], 2023)
late = sorted(n for n in ("helpers.units.history", "helpers.units.boundaries", "helpers.units.reform") if n in sys.modules)
assert "pandas" not in sys.modules, "pandas was imported"
print(m.unit_code, m.name, len(d), p, late)
u.units_in
print("pandas" in sys.modules)
"""


def test_the_readers_look_ups_do_not_import_pandas(tmp_path):
    done = subprocess.run([sys.executable, "-c", _NO_PANDAS, str(tmp_path / "cache.marshal")],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["02335 Hòa Phú 10 ['Long An'] []", "True"]
    assert (tmp_path / "cache.marshal").is_file()


@pytest.mark.parametrize("name", helpers.units.__all__)
def test_every_public_name_is_reachable(name):
    import helpers.units as units

    assert getattr(units, name) is not None
    assert name in dir(units)
