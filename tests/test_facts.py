"""The fact-check F1–F13: hand-made tables that agree and disagree, and the bundled data."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import config
from helpers.facts import COLUMNS, FACTS, check_facts, cli
from helpers.schema import conform
from helpers.text import canonical

D = "Chiêm Hóa"
ARTICLE = "/work/shared/seeds/000_a5f4e4474c5a2a56.txt"


def _rows(table: str, rows: list[dict]) -> pd.DataFrame:
    base = {"district": D, "unit_type": "commune", "source": "t.xlsx!s!B1"}
    return conform(table, pd.DataFrame([{**base, **r} for r in rows]))


def agreeing_tables() -> dict[str, pd.DataFrame]:
    """The smallest tables on which every published figure holds."""
    # Placements 2023: 24 communes, Yên Lập among them.
    places = []
    for i in range(24):
        places.append(
            {
                "unit": "Yên Lập" if i == 0 else f"Xã {i:02d}",
                "year": 2023,
                "secretary_non_local": i < 22,
                "secretary_chairs_pc": i in (3, 7),
                "pc_chair_non_local": i < 10,
                "pc_vice_chairs": 2,
                "pc_vice_chairs_non_local": 1 if i < 4 else 0,
                "officials_members": 16 if i == 0 else 10,
                "officials_in_village_cells": 16 if i == 0 else 9,
                "officials_in_village_committees": 8 if i == 0 else 3,
            }
        )
    admissions = [
        {"unit": "Hòa Phú", "year": y, "target": 9, "admitted": a}
        for y, a in zip((2020, 2021, 2022, 2023), (7, 6, 7, 6))
    ] + [{"unit": "Vĩnh Lộc", "unit_type": "town", "year": y, "target": 150, "admitted": 180} for y in (2020, 2021, 2022)]
    ratings = []
    for y in range(2018, 2023):
        for i, unit in enumerate(["Hòa Phú", "Yên Lập", *[f"Xã {k:02d}" for k in range(1, 10)]]):
            level = "excellent" if (unit == "Yên Lập" or (unit == "Hòa Phú" and y != 2020)) else "good"
            if i == 10:
                level = "completed"
            ratings.append({"unit": unit, "year": y, "subject": "organisation", "level": level, "count": 1})
        for level, n in (("excellent", 20), ("good", 80), ("completed", 5), ("not_completed", 1), (None, 10)):
            ratings.append({"unit": "Hòa Phú", "year": y, "subject": "members", "level": level, "count": n})
    tasks = [
        {"unit": "Huyện ủy", "unit_type": "agency", "year": 2023, "cadres": 100, "tasks": 400, "tasks_completed": 300},
        {"unit": "Hòa Phú", "year": 2023, "cadres": 95, "tasks": 365, "tasks_completed": 365},
    ]
    return {
        "admissions": _rows("admissions", admissions),
        "ratings": _rows("ratings", ratings),
        "placements": _rows("placements", places),
        "breakthrough_tasks": _rows("breakthrough_tasks", tasks),
    }


def _fact(frame: pd.DataFrame, fid: str) -> pd.Series:
    return frame.set_index("id").loc[fid]


class TestCheckFacts:
    def test_every_figure_agrees_on_agreeing_tables(self):
        facts = check_facts(agreeing_tables())
        assert facts["id"].tolist() == [f"F{i}" for i in range(1, 14)]
        assert list(facts.columns) == list(COLUMNS)
        assert facts.loc[~facts["agrees"], "id"].tolist() == []

    def test_values_are_computed_and_formatted(self):
        facts = check_facts(agreeing_tables())
        assert _fact(facts, "F1")["data_value"] == "100 % (16/16)"
        assert _fact(facts, "F2")["data_value"] == "8"
        assert _fact(facts, "F4")["data_value"] == "26"
        assert _fact(facts, "F6")["data_value"] == "22/24"
        assert _fact(facts, "F7")["data_value"] == "10; 4"
        assert _fact(facts, "F9")["data_value"] == "765; 195"
        assert _fact(facts, "F10")["data_value"] == "2020: 90,9 %; 2021: 90,9 %; 2022: 90,9 %"
        assert _fact(facts, "F11")["data_value"] == "2020: 94,3 %; 2021: 94,3 %; 2022: 94,3 %"
        assert _fact(facts, "F12")["data_value"] == "560"
        assert _fact(facts, "F13")["data_value"] == "Yên Lập"

    def test_f5_shows_57_8_and_says_the_article_truncates(self):
        f5 = _fact(check_facts(agreeing_tables()), "F5")
        assert f5["data_value"] == "57,8 %"
        assert "57,78 %" in f5["note"] and "cắt bỏ" in f5["note"] and "58 %" in f5["note"]
        f5_en = _fact(check_facts(agreeing_tables(), lang="en"), "F5")
        assert f5_en["data_value"] == "57.8%"
        assert "truncates" in f5_en["note"] and "57.78%" in f5_en["note"]

    def test_admitting_one_more_breaks_f4_and_f5(self):
        tables = agreeing_tables()
        adm = tables["admissions"]
        adm.loc[(adm["unit"] == "Hòa Phú") & (adm["year"] == 2023), "admitted"] = 9  # 29 / 45 = 64.4 %
        facts = check_facts(tables)
        assert facts.loc[~facts["agrees"], "id"].tolist() == ["F4", "F5"]
        assert _fact(facts, "F5")["data_value"] == "64,4 %"

    def test_a_rating_at_exactly_90_percent_is_not_over_90(self):
        tables = agreeing_tables()
        r = tables["ratings"]
        r.loc[(r["unit"] == "Xã 01") & (r["year"] == 2021) & (r["subject"] == "organisation"), "level"] = "completed"
        facts = check_facts(tables)  # 2021: 9 of 11 → 81.8 %
        assert facts.loc[~facts["agrees"], "id"].tolist() == ["F10"]
        tables = agreeing_tables()
        r = tables["ratings"]
        tables["ratings"] = r[~((r["unit"] == "Xã 08") & (r["subject"] == "organisation"))]  # 9 of 10 = 90 %
        facts = check_facts(tables)
        assert not _fact(facts, "F10")["agrees"]
        assert "90,0 %" in _fact(facts, "F10")["data_value"]

    def test_placement_changes_disagree(self):
        tables = agreeing_tables()
        p = tables["placements"]
        p.loc[p["unit"] == "Yên Lập", "officials_in_village_cells"] = 15
        p.loc[p["unit"] == "Xã 05", "secretary_chairs_pc"] = True
        facts = check_facts(tables)
        assert facts.loc[~facts["agrees"], "id"].tolist() == ["F1", "F8"]
        assert _fact(facts, "F1")["data_value"] == "94 % (15/16)"

    def test_missing_year_breaks_f12_and_f13(self):
        tables = agreeing_tables()
        tables["ratings"] = tables["ratings"][tables["ratings"]["year"] != 2019]
        adm = tables["admissions"]
        tables["admissions"] = adm[~((adm["unit"] == "Vĩnh Lộc") & (adm["year"] == 2022))]
        facts = check_facts(tables)
        assert facts.loc[~facts["agrees"], "id"].tolist() == ["F12", "F13"]
        assert "2019" in _fact(facts, "F13")["note"]

    def test_no_tables_means_no_agreement(self):
        facts = check_facts({})
        assert not facts["agrees"].any()
        assert (facts["data_value"] == "–").all()

    def test_claims_quote_the_article(self):
        article = canonical(open(ARTICLE, encoding="utf-8").read())
        for fid, fact in FACTS.items():
            assert fact["claim"] in article, fid


class TestCliBundledData:
    def test_all_thirteen_agree_on_the_bundled_data(self, capsys):
        if not any(config.RAW_DATA_DIR.rglob("*.xlsx")):
            pytest.fail("data/raw holds no workbooks yet (python -m helpers sample-data)")
        from helpers.read import read_reports

        facts = check_facts(read_reports(config.RAW_DATA_DIR))
        assert facts.loc[~facts["agrees"], "id"].tolist() == []

    def test_cli_prints_and_exits_zero_on_the_bundled_data(self, capsys):
        code = cli([str(config.RAW_DATA_DIR), "--lang", "en"])
        out = capsys.readouterr().out
        assert "13 of 13 figures agree" in out
        assert "synthetic" in out
        assert code == 0

    def test_cli_exits_non_zero_when_a_figure_disagrees(self, tmp_path, capsys):
        code = cli([str(tmp_path)])
        out = capsys.readouterr().out
        assert code == 1
        assert "0/13 số liệu khớp với bài báo" in out
