"""Matplotlib's font look-ups answered once: the same bytes drawn, answers keyed on what they depend on."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import matplotlib.text as mtext
from matplotlib import font_manager

from helpers import fontcache
from helpers.save import save_figure
from helpers.theme import report_theme


def _figure():
    with report_theme("vi"):
        fig, ax = plt.subplots(layout="constrained")
        ax.barh(["Hòa Phú", "Yên Lập", "Kiên Đài"], [0.578, 0.941, 0.9])
        for y, v in enumerate([0.578, 0.941, 0.9]):
            ax.annotate(f"{v * 100:.1f} %".replace(".", ","), (v, y), xytext=(3, 0), textcoords="offset points", va="center")
        ax.set_title("Tỷ lệ đạt chỉ tiêu — Chiêm Hóa, 2023", fontweight="bold")
        fig.text(0.01, 0.01, "Dữ liệu mô phỏng", fontsize=7, style="italic")
    return fig


def _saved(tmp_path, name):
    fig = _figure()
    paths = save_figure(fig, name, out_dir=tmp_path)
    plt.close(fig)
    return {fmt: paths[fmt].read_bytes() for fmt in ("png", "svg", "pdf")}


def test_a_figure_saved_with_the_cache_is_the_same_bytes_as_without(tmp_path, monkeypatch):
    assert fontcache.install() is True
    cached = _saved(tmp_path / "cached", "f")
    fontcache.uninstall()
    monkeypatch.setattr(fontcache, "install", lambda: False)
    assert not isinstance(font_manager.fontManager._find_fonts_by_props, fontcache._FontFiles)
    plain = _saved(tmp_path / "plain", "f")
    assert cached == plain


def test_install_is_idempotent_and_uninstall_restores_matplotlib():
    fontcache.install()
    find = font_manager.fontManager._find_fonts_by_props
    assert isinstance(find, fontcache._FontFiles) and isinstance(mtext.get_font, fontcache._TextFonts)
    assert fontcache.install() is True and font_manager.fontManager._find_fonts_by_props is find
    fontcache.uninstall()
    assert "_find_fonts_by_props" not in vars(font_manager.fontManager)
    assert mtext.get_font is font_manager.get_font
    from matplotlib.backends import backend_pdf

    assert not isinstance(backend_pdf._get_pdf_charprocs, fontcache._GlyphOutlines)
    fontcache.install()
    assert isinstance(backend_pdf._get_pdf_charprocs, fontcache._GlyphOutlines)


def test_an_answer_follows_the_font_settings_and_the_fonts_known():
    fontcache.install()
    find = font_manager.fontManager._find_fonts_by_props
    prop = font_manager.FontProperties(family=["sans-serif"], size=10)
    with mpl.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        dejavu = find(prop)
    with report_theme("vi"):
        be_vietnam = find(prop)
    assert "DejaVuSans" in str(dejavu[0]) and "BeVietnamPro" in str(be_vietnam[0])
    before = len(find.answers)
    font_manager.fontManager.ttflist.append(font_manager.fontManager.ttflist[0])  # one more font known
    try:
        with report_theme("vi"):
            assert find(prop) == be_vietnam
        assert len(find.answers) == before + 1  # asked again, not answered from before
    finally:
        font_manager.fontManager.ttflist.pop()


def test_another_matplotlib_version_is_left_alone(monkeypatch):
    fontcache.uninstall()
    monkeypatch.setattr(mpl, "__version__", "3.12.0")
    try:
        assert fontcache.install() is False
        assert "_find_fonts_by_props" not in vars(font_manager.fontManager)
    finally:
        monkeypatch.undo()
        fontcache.install()


def test_a_glyphs_pdf_outline_is_the_one_matplotlib_converts():
    from matplotlib.backends import backend_pdf

    fontcache.install()
    outlines = backend_pdf._get_pdf_charprocs
    path = font_manager.findfont(font_manager.FontProperties(family=["DejaVu Sans"]))
    glyphs = [36, 37, 36, 3]
    assert outlines(path, glyphs) == outlines.charprocs(path, glyphs)
    assert list(outlines(path, [37, 36])) == list(outlines.charprocs(path, [37, 36]))  # in the order asked
