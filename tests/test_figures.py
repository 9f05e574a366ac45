"""Figure sets: the registry, drawing a district's figures, saving them, and the command line."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import config, figures
from helpers.schema import conform

D = "Chiêm Hóa"


def _rows(table: str, rows: list[dict], district: str = D, source: str = "chiem-hoa/t.xlsx!2023!B9") -> pd.DataFrame:
    base = {"district": district, "unit_type": "commune", "source": source}
    return conform(table, pd.DataFrame([{**base, **r} for r in rows]))


def small_district(source: str = "chiem-hoa/t.xlsx!2023!B9") -> dict[str, pd.DataFrame]:
    """Two communes of Chiêm Hóa and one of Na Hang, every table filled."""
    adm, rat, pla, tasks = [], [], [], []
    for unit in ("Hòa Phú", "Yên Lập"):
        for year in (2022, 2023):
            adm.append({"unit": unit, "year": year, "target": 9, "admitted": 7, "female": 3, "ethnic_minority": 5, "youth_union": 4, "religious": 0})
            rat.append({"unit": unit, "year": year, "subject": "organisation", "level": "good", "count": 1})
            for level, n in (("excellent", 2), ("good", 30), ("completed", 2), (None, 1)):
                rat.append({"unit": unit, "year": year, "subject": "members", "level": level, "count": n})
        pla.append({"unit": unit, "year": 2023, "secretary_non_local": True, "secretary_chairs_pc": False, "pc_chair_non_local": unit == "Hòa Phú", "pc_vice_chairs": 2, "pc_vice_chairs_non_local": 1})
        tasks.append({"unit": unit, "year": 2023, "cadres": 4, "tasks": 15, "tasks_completed": 12})
    other = [{"unit": "Thượng Lâm", "year": 2023, "target": 5, "admitted": 4}]
    return {
        "admissions": pd.concat([_rows("admissions", adm, source=source), _rows("admissions", other, "Na Hang", source=source)], ignore_index=True),
        "ratings": _rows("ratings", rat, source=source),
        "placements": _rows("placements", pla, source=source),
        "breakthrough_tasks": _rows("breakthrough_tasks", tasks, source=source),
    }


class TestRegistry:
    def test_names_are_stable(self):
        assert list(figures.DISTRICT_FIGURES) == [
            "admissions_target",
            "term_pace",
            "admissions_composition",
            "ratings_organisations",
            "ratings_members",
            "excellent_quota",
            "non_local_leadership",
            "breakthrough_tasks",
        ]
        assert all(callable(f) for f in figures.DISTRICT_FIGURES.values())
        assert set(figures.FIGURE_TABLES) == set(figures.DISTRICT_FIGURES)


class TestDraw:
    @pytest.mark.parametrize("name", list(figures.DISTRICT_FIGURES))
    def test_every_figure_in_both_languages(self, name):
        tables = small_district()
        vi = figures.draw(name, tables, district=D, lang="vi")
        en = figures.draw(name, tables, district=D, lang="en")
        assert D in vi.get_suptitle() and D in en.get_suptitle()
        assert vi.get_suptitle() != en.get_suptitle()
        assert vi.helpers_data_date == 2023
        assert len(vi.axes[0].patches) > 0

    def test_one_district_of_several(self):
        fig = figures.draw("admissions_target", small_district(), district="Na Hang", lang="en", year=2023)
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Thượng Lâm"]
        assert fig.get_suptitle() == "New members admitted against target — Na Hang, 2023"

    def test_synthetic_footnote(self):
        fig = figures.draw("term_pace", small_district(), district=D, lang="vi", synthetic=True)
        assert "Số liệu mô phỏng (tổng hợp), không phải số liệu thật" in [t.get_text() for t in fig.texts]
        fig = figures.draw("term_pace", small_district(), district=D, lang="vi", synthetic=False)
        assert not [t for t in fig.texts if "mô phỏng" in t.get_text()]

    def test_bundled_data_is_detected_from_the_source_files(self, tmp_path, monkeypatch):
        (tmp_path / "chiem-hoa").mkdir()
        (tmp_path / "chiem-hoa" / "t.xlsx").write_bytes(b"x")
        monkeypatch.setattr(config, "RAW_DATA_DIR", tmp_path)
        assert figures.is_bundled(small_district())
        assert not figures.is_bundled(small_district(source="elsewhere.xlsx!2023!B9"))
        assert figures.is_bundled(small_district(source="t.xlsx!2023!B9"))  # read from data/raw/chiem-hoa
        fig = figures.draw("ratings_members", small_district(), district=D, lang="en")
        assert "Synthetic data, not real figures" in [t.get_text() for t in fig.texts]

    def test_unknown_figure_is_refused(self):
        with pytest.raises(ValueError, match="No figure 'pie'"):
            figures.draw("pie", small_district(), district=D, lang="en")

    def test_province_figure(self):
        fig = figures.draw_province("province_admitted", small_district(), lang="en")
        assert fig.get_suptitle() == "New members admitted: the districts of Tuyên Quang province"
        panels = {ax.get_title(loc="left") or ax.get_title(): ax for ax in fig.axes if ax.axison}
        assert list(panels["Na Hang"].get_lines()[0].get_ydata()) == [4.0]


class TestDrawPublish:
    """publish=True: small counts suppressed with safety.suppress, marked, and the note added."""

    def _texts(self, fig) -> list[str]:
        return [t.get_text() for t in fig.axes[0].texts]

    def _notes(self, fig) -> list[str]:
        return [t.get_text() for t in fig.texts if t.get_text() != fig.get_suptitle()]

    def test_small_counts_are_marked_not_written(self):
        from helpers.safety import MARK, suppression_note

        # women admitted: 2022 2 × 3 = 6, 2023 6: every share is shown without publish
        tables = small_district()
        adm = tables["admissions"]
        tables["admissions"] = adm.assign(religious=adm["religious"].mask(adm["year"] == 2023, 1).astype("Int64"))
        plain = figures.draw("admissions_composition", tables, district=D, lang="en", synthetic=False)
        fig = figures.draw("admissions_composition", tables, district=D, lang="en", synthetic=False, publish=True)
        # religious: 0 in 2022 (published as zero) and 2 in 2023 (hidden; 0 then hidden as well, its column total being known)
        assert "14%" in self._texts(plain) and "14%" not in self._texts(fig)
        assert self._texts(fig).count(MARK) == fig.helpers_suppressed == 2
        assert [t for t in self._texts(fig) if t != MARK] == [t for t in self._texts(plain) if not t.startswith(("0%", "14%"))]
        assert self._notes(fig) == [suppression_note(3, "en")]

    def test_publish_false_is_unchanged(self):
        tables = small_district()
        for name in ("admissions_composition", "ratings_members", "excellent_quota"):
            default = figures.draw(name, tables, district=D, lang="en", synthetic=False)
            off = figures.draw(name, tables, district=D, lang="en", synthetic=False, publish=False)
            assert self._texts(default) == self._texts(off)
            assert self._notes(off) == []
            assert not getattr(off, "helpers_suppressed", 0)

    def test_nothing_to_hide_no_note(self):
        fig = figures.draw("term_pace", small_district(), district=D, lang="en", synthetic=True, publish=True)
        assert self._notes(fig) == ["Synthetic data, not real figures"]

    def test_both_notes(self):
        fig = figures.draw("ratings_organisations", small_district(), district=D, lang="vi", synthetic=True, publish=True)
        (note,) = self._notes(fig)
        assert note.splitlines()[0].startswith("* ") and note.splitlines()[1].startswith("Số liệu mô phỏng")
        assert "*" in self._texts(fig)


class TestReportFigure:
    def test_draws_saves_closes_and_shows_the_svg(self, tmp_path):
        before = plt.get_fignums()
        saved = figures.report_figure("term_pace", small_district(), district=D, lang="en", out_dir=tmp_path, publish=True)
        assert plt.get_fignums() == before
        assert sorted(p.name for p in saved.paths.values()) == [f"term_pace_en.{x}" for x in ("json", "pdf", "png", "svg")]
        assert saved._repr_svg_().startswith("<svg")
        params = json.loads(saved["json"].read_text(encoding="utf-8"))["params"]
        assert params == {"figure": "term_pace", "district": D, "lang": "en", "year": None, "boundaries": None, "publish": True}

    def test_province_figure(self, tmp_path):
        saved = figures.report_figure("province_admitted", small_district(), lang="vi", out_dir=tmp_path, formats=("svg",))
        assert saved["svg"].name == "province_admitted_vi.svg"


class TestReportTable:
    def test_publish_hides_small_counts_with_the_note(self):
        from helpers.safety import suppression_note

        t = pd.DataFrame({"unit": ["Hòa Phú", "Yên Lập", "Tân Mỹ"], "female": [1, 5, 7], "admitted": [4, 9, 8]})
        shown = figures.report_table(t, publish=True, value_columns=["female"], lang="en")
        pd.testing.assert_frame_equal(
            shown.data, pd.DataFrame({"unit": ["Hòa Phú", "Yên Lập", "Tân Mỹ"], "female": ["*", "*", "7"], "admitted": [4, 9, 8]})
        )
        assert shown.caption == suppression_note(3, "en")

    def test_not_publishing_shows_the_table_as_it_is(self):
        t = pd.DataFrame({"unit": ["Hòa Phú"], "female": [1]})
        assert figures.report_table(t, publish=False, value_columns=["female"]) is t


class TestSaveDistrictFigures:
    def test_files_names_and_sidecars(self, tmp_path):
        files = figures.save_district_figures(small_district(), D, langs=("en",), out_dir=tmp_path, formats=("svg",))
        assert len(files) == 8 * 2
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"{n}_en.{ext}" for n in figures.DISTRICT_FIGURES for ext in ("svg", "json")
        )
        record = json.loads((tmp_path / "term_pace_en.json").read_text(encoding="utf-8"))
        assert record["params"] == {"figure": "term_pace", "district": D, "lang": "en", "year": None, "boundaries": None}
        assert record["data_date"] == 2023
        assert record["title"].startswith("Progress on the 2020–2025 term admissions target")

    def test_default_folder_is_the_district_slug(self, tmp_path, monkeypatch):
        monkeypatch.setattr(config, "FIGURES_DIR", tmp_path)
        tables = {"placements": small_district()["placements"]}
        files = figures.save_district_figures(tables, D, langs="vi", names=["non_local_leadership"])
        assert [p.relative_to(tmp_path).as_posix() for p in files] == [
            f"chiem-hoa/non_local_leadership_vi.{ext}" for ext in ("png", "svg", "pdf", "json")
        ]

    def test_unknown_name_is_refused(self, tmp_path):
        with pytest.raises(ValueError, match="Không có hình 'pie'"):
            figures.save_district_figures(small_district(), D, out_dir=tmp_path, names=["pie"])


class TestSaveProvinceFigures:
    def test_one_figure_in_both_languages(self, tmp_path):
        files = figures.save_province_figures(small_district(), out_dir=tmp_path, names=["province_admitted"], formats=("svg",))
        assert [p.name for p in files] == [f"province_admitted_{lang}.{ext}" for lang in ("vi", "en") for ext in ("svg", "json")]
        record = json.loads((tmp_path / "province_admitted_en.json").read_text(encoding="utf-8"))
        assert record["title"] == "New members admitted: the districts of Tuyên Quang province"


class TestCli:
    def test_one_district_of_the_bundled_data(self, tmp_path, capsys):
        argv = [str(config.RAW_DATA_DIR), "--district", "chiêm hoá", "--lang", "en", "--out", str(tmp_path)]
        code = figures.cli(argv + ["--figure", "ratings_members", "--figure", "non_local_leadership"])
        out = capsys.readouterr().out
        assert code == 0
        assert "Chiêm Hóa: wrote 8 files" in out
        assert sorted(p.name for p in (tmp_path / "chiem-hoa").glob("*.png")) == [
            "non_local_leadership_en.png",
            "ratings_members_en.png",
        ]
        record = json.loads((tmp_path / "chiem-hoa" / "ratings_members_en.json").read_text(encoding="utf-8"))
        assert record["synthetic"] == "The bundled data in data/raw are synthetic, not real figures."
        assert any(i["path"] == "data/raw/chiem-hoa/ratings.xlsx" for i in record["inputs"])

    def test_unknown_district(self, tmp_path, capsys):
        code = figures.cli([str(config.RAW_DATA_DIR), "--district", "Hà Nội", "--out", str(tmp_path)])
        assert code == 2
        assert "Không có số liệu của huyện 'Hà Nội'" in capsys.readouterr().err

    def test_no_data(self, tmp_path, capsys):
        code = figures.cli([str(tmp_path), "--lang", "en", "--out", str(tmp_path / "out")])
        assert code == 1
        assert "No data found in" in capsys.readouterr().err


def teardown_module():
    plt.close("all")
