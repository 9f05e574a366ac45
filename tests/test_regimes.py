"""Rating regimes by year: the regulation of each year, its quota applied, the note under a ratings figure."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers import indicators as ind
from helpers import regimes
from helpers.schema import conform


def _ratings(years, levels=("excellent", "excellent", "good", "good", "good", "good", "good")) -> pd.DataFrame:
    rows = [
        {"district": "Chiêm Hóa", "unit": f"u{i}", "unit_type": "commune", "year": y, "source": f"r!{y}!B{i}",
         "subject": "organisation", "level": lv, "count": 1}
        for y in years for i, lv in enumerate(levels)
    ]  # fmt: skip
    return conform("ratings", pd.DataFrame(rows))


@pytest.mark.parametrize(
    ("year", "number"),
    [(2017, None), (2018, "132-QĐ/TW"), (2022, "132-QĐ/TW"), (2023, "124-QĐ/TW"), (2024, "124-QĐ/TW"),
     (2025, "366-QĐ/TW"), (2030, "366-QĐ/TW")],  # fmt: skip
)
def test_the_regulation_of_each_year(year, number):
    assert regimes.label(year) == number


def test_regimes_are_declared_once_without_gaps_or_overlaps():
    spans = [(r.first_year, r.last_year) for r in regimes.REGIMES]
    assert spans == [(2018, 2022), (2023, 2024), (2025, None)]
    assert [r.issued for r in regimes.REGIMES] == [date(2018, 3, 8), date(2023, 10, 4), date(2025, 8, 30)]
    assert regimes.regime(2025).points == {"excellent": 90, "good": 70, "completed": 50}


def test_the_regimes_text_is_canonical_unicode():
    text = Path(regimes.__file__).read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)


class TestIndicatorsRecordTheRegime:
    def test_rating_shares_and_good_or_better(self):
        r = _ratings([2022, 2023, 2025])
        shares = ind.rating_shares(r, subject="organisation")
        assert shares.groupby("year")["regime"].first().to_dict() == {2022: "132-QĐ/TW", 2023: "124-QĐ/TW", 2025: "366-QĐ/TW"}
        good = ind.good_or_better(r, subject="organisation")
        assert good[["year", "regime"]].values.tolist() == [[2022, "132-QĐ/TW"], [2023, "124-QĐ/TW"], [2025, "366-QĐ/TW"]]

    def test_a_year_before_the_regimes_has_none_and_no_quota(self):
        q = ind.excellent_quota(_ratings([2017, 2018]))
        assert q["year"].tolist() == [2017, 2018]
        assert pd.isna(q["regime"].iloc[0]) and pd.isna(q["quota"].iloc[0])
        assert pd.isna(q["allowed"].iloc[0]) and pd.isna(q["breaks_quota"].iloc[0])
        assert (q["regime"].iloc[1], float(q["quota"].iloc[1]), int(q["allowed"].iloc[1]), bool(q["breaks_quota"].iloc[1])) == (
            "132-QĐ/TW", 0.2, 1, True)  # fmt: skip
        assert q.attrs["quota"] is None

    def test_the_quota_of_each_year_is_its_regulations(self, monkeypatch):
        old, mid, new = regimes.REGIMES
        monkeypatch.setattr(regimes, "REGIMES", (old, mid, regimes.Regime(**{**new.__dict__, "quota": 0.5})))
        q = ind.excellent_quota(_ratings([2024, 2025]))
        # 2 excellent, 5 good: within 50 % (allowed 2) in 2025, over 20 % (allowed 1) in 2024
        assert q[["year", "quota", "allowed", "breaks_quota"]].values.tolist() == [[2024, 0.2, 1, True], [2025, 0.5, 2, False]]

    def test_a_given_quota_applies_to_every_year(self):
        q = ind.excellent_quota(_ratings([2017, 2025]), quota=0.4)
        assert q[["year", "quota", "allowed"]].values.tolist() == [[2017, 0.4, 2], [2025, 0.4, 2]]
        assert pd.isna(q["regime"].iloc[0]) and q["regime"].iloc[1] == "366-QĐ/TW"
        assert q.attrs["quota"] == 0.4


class TestQuotaReading:
    def test_the_reading_names_the_years_quota_and_a_part_year(self, monkeypatch):
        from helpers import narrative as nar

        old, mid, new = regimes.REGIMES
        monkeypatch.setattr(regimes, "REGIMES", (old, mid, regimes.Regime(**{**new.__dict__, "quota": 0.5})))
        r = _ratings([2025]).assign(period="H1")
        q = ind.excellent_quota(r)
        assert nar.quota_reading(q, lang="en") == (
            "In 2025, party organisations of Chiêm Hóa district rated excellent: communes, wards and towns 2"
            " (40.0% of those rated good); no group is over the 50% quota. 2025: first half only."
        )

    def test_a_frame_without_quota_reads_20_percent(self):
        from helpers import narrative as nar

        q = ind.excellent_quota(_ratings([2023])).drop(columns=["quota", "complete", "periods"])
        assert nar.quota_reading(q).endswith("vượt giới hạn 20 % ở nhóm xã, phường, thị trấn.")


class TestNote:
    def test_vietnamese_names_each_regulation_for_its_years(self):
        text = regimes.note([2020, 2021, 2022, 2023, 2024, 2025], "vi")
        assert text.startswith(
            "Xếp loại chất lượng năm 2020–2022 theo Quy định số 132-QĐ/TW ngày 08/3/2018, năm 2023–2024 theo Quy định số"
            " 124-QĐ/TW ngày 04/10/2023, năm 2025 theo Quy định số 366-QĐ/TW ngày 30/8/2025 (thang 100 điểm:"
        )
        assert text.endswith("của Bộ Chính trị. Số hoàn thành xuất sắc nhiệm vụ không vượt quá 20 % số hoàn thành tốt nhiệm vụ.")

    def test_english_cites_only_the_regulations_of_the_years_shown(self):
        assert regimes.note([2024, 2023, 2023], "en") == (
            "Ratings of 2023–2024 under Regulation 124-QĐ/TW of 4 October 2023 (Politburo). Excellent at most 20% of those rated good."
        )

    def test_the_100_point_scale_is_said_for_2025(self):
        assert "(a 100-point scale: excellent 90 or more, good 70 to under 90, completed 50 to under 70," in regimes.note([2025], "en")
        assert "100" not in regimes.note([2019], "en")

    def test_years_without_a_regulation_are_said(self):
        assert regimes.note([2016, 2017], "en") == "2016–2017: no rating regulation on record."
        assert regimes.note([], "en") == ""

    def test_the_note_follows_the_language_setting(self):
        from helpers.i18n import use_lang

        with use_lang("en"):
            assert regimes.note([2025]).startswith("Ratings of 2025 under Regulation 366-QĐ/TW of 30 August 2025")
