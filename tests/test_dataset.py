"""Which districts the data hold, which one a typed name means, and whether the data are the bundled set."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest
from _office import FORMATS, office_workbook

from helpers import config, dataset
from helpers.dataset import UnknownDistrict, district_key, districts_in, is_bundled, resolve_district

BUNDLED_DISTRICTS = ["Chiêm Hóa", "Hàm Yên", "Lâm Bình", "Na Hang", "Sơn Dương", "Tuyên Quang", "Yên Sơn"]


@pytest.fixture(scope="module")
def bundled():
    return dataset.load()


class TestDistrictsInTheData:
    def test_the_bundled_data_hold_seven_districts_in_vietnamese_order(self, bundled):
        assert bundled.districts == BUNDLED_DISTRICTS

    def test_found_in_every_table_not_a_fixed_list(self):
        tables = {"ratings": pd.DataFrame({"district": ["Yên Sơn", "Bắc Mê"]}), "placements": pd.DataFrame({"district": ["Âu Cơ"]})}
        assert districts_in(tables) == ["Âu Cơ", "Bắc Mê", "Yên Sơn"]

    def test_one_workbook_holds_one_district_and_one_kind(self, tmp_path):
        data = dataset.load(office_workbook(tmp_path))
        assert data.districts == ["Na Hang"]
        assert data.kinds_of("Na Hang") == ["admissions"]
        assert [f.display for f in data.files_of("Na Hang")] == ["bao-cao-ket-nap.xlsx"]


class TestResolveDistrict:
    @pytest.mark.parametrize("typed", ["Chiêm Hóa", "Chiêm Hoá", "CHIÊM HOÁ", "chiem hoa", "Chiem Hoa", "chiem-hoa", "Huyện Chiêm Hóa"])
    def test_any_spelling_finds_the_district(self, typed):
        assert resolve_district(typed, BUNDLED_DISTRICTS) == "Chiêm Hóa"

    def test_an_unknown_name_lists_the_districts_in_the_data(self):
        with pytest.raises(UnknownDistrict, match=r"No district 'Xyz' in the data; the data have: Chiêm Hóa, Na Hang\."):
            resolve_district("Xyz", ["Na Hang", "Chiêm Hóa"], lang="en")

    def test_the_message_is_vietnamese_by_default(self):
        with pytest.raises(UnknownDistrict, match=r"Không có huyện, thành phố 'Xyz' trong dữ liệu; dữ liệu có: Na Hang\."):
            resolve_district("Xyz", ["Na Hang"])

    def test_a_name_without_diacritics_matching_two_districts_asks_for_them(self):
        with pytest.raises(UnknownDistrict, match=r"'hoa an' could be several districts: Hòa An, Hòa Ân"):
            resolve_district("hoa an", ["Hòa Ân", "Hòa An"], lang="en")

    def test_exact_spelling_wins_over_a_loose_match(self):
        assert resolve_district("Hòa Ân", ["Hòa An", "Hòa Ân"]) == "Hòa Ân"

    def test_no_district_in_the_data(self):
        with pytest.raises(UnknownDistrict, match="the data hold no district's figures"):
            resolve_district("Na Hang", [], lang="en")

    def test_in_a_notebook_the_error_is_its_message_without_a_traceback(self):
        error = UnknownDistrict("No district 'Xyz' in the data; the data have: Na Hang.")
        assert error._render_traceback_() == ["No district 'Xyz' in the data; the data have: Na Hang."]

    def test_matching_key(self):
        assert district_key("Thành phố Tuyên Quang") == district_key("tuyen quang") == "tuyen quang"


class TestIsBundled:
    def test_the_bundled_folder(self, bundled):
        assert bundled.bundled and is_bundled(config.RAW_DATA_DIR)

    def test_a_copy_of_the_bundled_files_is_still_synthetic(self, tmp_path):
        shutil.copytree(config.RAW_DATA_DIR / "lam-binh", tmp_path / "somewhere" / "lam-binh")
        assert is_bundled(tmp_path / "somewhere") and dataset.load(tmp_path / "somewhere").bundled

    def test_an_office_workbook_named_like_a_bundled_one_is_not(self, tmp_path):
        # The bundled data have data/raw/na-hang/admissions.xlsx too: the name does not decide.
        office_workbook(tmp_path / "na-hang", name="admissions")
        assert not is_bundled(tmp_path)
        assert not is_bundled(dataset.load(tmp_path).reports)

    def test_a_bundled_workbook_saved_again_is_still_synthetic_by_its_rows(self, tmp_path):
        import openpyxl

        copy = tmp_path / "na-hang" / "ratings.xlsx"
        copy.parent.mkdir()
        shutil.copy(config.RAW_DATA_DIR / "na-hang" / "ratings.xlsx", copy)
        book = openpyxl.load_workbook(copy)
        book.properties.title = "saved again"
        book.save(copy)
        assert not is_bundled(tmp_path)  # other bytes
        assert dataset.load(tmp_path).bundled  # the same rows

    def test_one_district_of_the_bundled_tables(self, bundled):
        one = {name: frame[frame["district"] == "Na Hang"] for name, frame in bundled.tables.items()}
        assert is_bundled(one)

    def test_one_changed_figure_is_not(self, bundled):
        admissions = bundled.tables["admissions"].copy()
        admissions.loc[admissions.index[5], "admitted"] += 1
        assert not is_bundled({"admissions": admissions})

    def test_no_data_is_not(self, tmp_path):
        assert not is_bundled({}) and not is_bundled(tmp_path)


class TestSourceNote:
    def test_the_bundled_data_say_they_are_simulated(self, bundled):
        vi = bundled.source_note("Na Hang")
        assert vi.startswith("Số liệu trong báo cáo này là dữ liệu mô phỏng đi kèm dự án, không phải số liệu thật")
        assert "tổng hợp" not in vi and "sổ" not in vi.split()
        assert bundled.source_note(lang="en").startswith("The figures in this report are the project's bundled simulated data")

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_an_office_workbook_names_its_file_years_and_date(self, tmp_path, fmt):
        path = office_workbook(tmp_path, fmt)
        data = dataset.load(tmp_path)
        modified = date.fromtimestamp(path.stat().st_mtime)
        assert data.source_note("Na Hang", lang="en") == (
            f"Source of the figures: 1 file: bao-cao-ket-nap.{fmt} (report year 2023; last modified "
            f"{modified.day} {dataset._MONTHS_EN[modified.month - 1]} {modified.year})."
        )
        assert data.source_note("Na Hang") == (
            f"Nguồn số liệu: 1 tệp: bao-cao-ket-nap.{fmt} (năm báo cáo 2023; sửa lần cuối ngày {modified:%d/%m/%Y})."
        )
        assert "mô phỏng" not in data.source_note("Na Hang")

    def test_several_files_and_years(self, bundled):
        bundled = dataset.Dataset(bundled.inputs, bundled.files, bundled.reports, _bundled=False)
        note = bundled.source_note("Lâm Bình", lang="en")
        assert note.startswith("Source of the figures: 8 files: lam-binh/admissions-6-thang-2025.xlsx (report year 2025; ")
        assert "; lam-binh/admissions.xlsx (report years 2016–2024; " in note
        assert "lam-binh/breakthrough_tasks.xlsx (report years 2021–2024; " in note


class TestPlaces:
    def test_the_city_has_wards(self, bundled):
        assert dataset.district_kind("Tuyên Quang", bundled.reports) == "city"
        assert dataset.district_kind("Chiêm Hóa", bundled.reports) == "district"

    def test_years_and_dates(self):
        assert dataset.format_years([2016, 2017, 2018, 2020, 2022, 2023]) == "2016–2018, 2020, 2022–2023"
        assert dataset.format_date(date(2024, 12, 15), "vi") == "15/12/2024"
        assert dataset.format_date(date(2024, 12, 15), "en") == "15 December 2024"


class TestReadThroughTheCache:
    """Every process of a build, and every notebook, reads the workbooks through the read cache."""

    def _copy(self, tmp_path):
        folder = tmp_path / "data"
        shutil.copytree(config.RAW_DATA_DIR / "chiem-hoa", folder / "chiem-hoa")
        return folder

    def test_a_second_load_reads_no_workbook_and_gives_the_same_tables(self, tmp_path, monkeypatch):
        import helpers.read.run as run

        folder, cache = self._copy(tmp_path), tmp_path / "cache"
        first = dataset.load(folder, lang="vi", cache=cache)
        assert any(cache.rglob("*")), "the first load fills the cache"
        read = []
        original = run._read_batch
        monkeypatch.setattr(run, "_read_batch", lambda batch, *a, **k: read.extend(batch) or original(batch, *a, **k))
        again = dataset.load(folder, lang="vi", cache=cache)
        assert read == []
        for kind, table in first.tables.items():
            pd.testing.assert_frame_equal(again.tables[kind], table)
        assert dataset.load(folder, lang="vi", cache=False).tables.keys() == first.tables.keys()
        assert len(read) == len(first.files)  # without the cache, every workbook is read

    def test_by_default_the_users_cache_folder(self, tmp_path, monkeypatch):
        cache = tmp_path / "users-cache"
        monkeypatch.setenv("PARTY_STATS_CACHE", str(cache))
        dataset.load(self._copy(tmp_path), lang="vi")
        assert any(cache.rglob("*"))
