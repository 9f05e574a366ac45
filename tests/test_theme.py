"""The report theme: no side effects, the font, the palette, labels and tick formats."""

from __future__ import annotations

import subprocess
import sys

import matplotlib as mpl
import pytest
from matplotlib.colors import to_rgb

from helpers import theme
from helpers.schema import LEVELS


class TestReportTheme:
    def test_settings_apply_inside_and_are_restored(self):
        before = dict(mpl.rcParams)
        with theme.report_theme() as lang:
            assert lang == "vi"
            assert mpl.rcParams["font.family"][0] == "Be Vietnam Pro"
            assert mpl.rcParams["axes.titlelocation"] == "left"
        assert dict(mpl.rcParams) == before

    def test_lang_applies_inside_only(self):
        from helpers.i18n import get_lang

        with theme.report_theme("en"):
            assert get_lang() == "en"
            assert theme.label("members") == "Party members"
        assert get_lang() == "vi"

    def test_the_font_file_is_found(self):
        from matplotlib import font_manager

        theme.register_fonts()
        found = font_manager.findfont(font_manager.FontProperties(family=["Be Vietnam Pro"]), fallback_to_default=False)
        assert "BeVietnamPro" in found

    def test_missing_font_package_falls_back_with_a_warning(self, monkeypatch):
        monkeypatch.setattr(theme, "_font_files", lambda: [])
        theme.register_fonts.cache_clear()
        try:
            with pytest.warns(RuntimeWarning, match="DejaVu Sans"):
                assert theme.register_fonts() == "DejaVu Sans"
        finally:
            monkeypatch.undo()
            theme.register_fonts.cache_clear()

    def test_importing_changes_nothing(self):
        code = (
            "import matplotlib as mpl; before = dict(mpl.rcParams); "
            "import helpers.theme, helpers.plots, helpers.figures, helpers.save; "
            "assert dict(mpl.rcParams) == before; "
            "from matplotlib import font_manager; "
            "assert not any('BeVietnamPro' in f.fname for f in font_manager.fontManager.ttflist)"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


class TestLevelColors:
    def test_ordered_worst_to_best_and_distinct(self):
        assert list(theme.LEVEL_COLORS) == list(LEVELS)
        assert len(set(theme.LEVEL_COLORS.values())) == 4

    def test_best_levels_are_darker_blues(self):
        # Lightness falls from good to excellent (the ordered blues).
        lum = {k: sum(to_rgb(v)) for k, v in theme.LEVEL_COLORS.items()}
        assert lum["excellent"] < lum["good"]


class TestLabel:
    def test_vietnamese_by_default_english_on_request(self):
        assert theme.label("excellent") == "Hoàn thành xuất sắc nhiệm vụ"
        assert theme.label("excellent", "en") == "Excellent"
        assert theme.level_labels("en") == ["Not completed", "Completed", "Good", "Excellent"]

    def test_every_label_has_both_languages_in_canonical_text(self):
        from helpers.text import canonical

        for key, entry in theme.LABELS.items():
            assert set(entry) == {"vi", "en"}, key
            assert canonical(entry["vi"]) == entry["vi"], key


class TestPercentFormatter:
    def test_vietnamese_decimal_comma_and_english(self):
        assert theme.percent_formatter("vi", 1)(0.578, 0) == "57,8 %"
        assert theme.percent_formatter("en", 1)(0.578, 0) == "57.8%"

    def test_automatic_decimals_follow_the_tick_step(self):
        f = theme.percent_formatter("vi", None)
        f.set_locs([0.900, 0.902, 0.904])
        assert [f(x) for x in (0.900, 0.902)] == ["90,0 %", "90,2 %"]


class TestNumberFormatter:
    def test_thousands(self):
        assert theme.number_formatter("vi")(1234, 0) == "1.234"
        assert theme.number_formatter("en")(1234, 0) == "1,234"
