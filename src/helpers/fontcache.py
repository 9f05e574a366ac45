"""Matplotlib's font look-ups, answered once per process.

Matplotlib (3.11) works out, for every text each time it is measured or
drawn, which font files its font properties resolve to (a search of the
font list per family, with the ``font.*`` settings) and reads the font's
height metrics from its tables again.  A report figure is measured while
its labels are fitted and drawn three times (PNG, SVG, PDF): these two
look-ups were about a quarter of its CPU time.  Each PDF also converts
the outline of every glyph it uses again (its Type 3 fonts), and Agg
draws a text one glyph at a time, working out the same transform matrix
(a numpy product) and setting the same size again for each glyph.
:func:`install` makes the first three remember their answers and the
last work its matrix out once per text.

Nothing drawn changes (a test saves figures with and without and compares
the bytes).  A remembered answer is keyed on everything the answer
depends on: the font properties, the ``font.*`` settings, the number of
fonts the font manager knows (adding a font starts afresh) and
``MPL_IGNORE_SYSTEM_FONTS``; a font's tables and a glyph's outline do
not change while the font file is the same.  Only matplotlib 3.11, whose internals this was measured against,
is changed; with any other version :func:`install` does nothing.

>>> install() in (True, False)
True
"""

from __future__ import annotations

import functools
import itertools
import os

#: The matplotlib versions whose font look-ups :func:`install` knows.
VERSIONS = ("3.11.",)

#: The settings :meth:`matplotlib.font_manager.FontManager.findfont` reads.
_RC_KEYS = tuple(f"font.{k}" for k in ("family", "style", "variant", "weight", "stretch", "size",
                                       "serif", "sans-serif", "cursive", "fantasy", "monospace"))  # fmt: skip

_installed: dict[str, object] = {}


def _props_key(prop) -> str:
    """What ``prop`` (font properties or a fontconfig pattern) is, as a key: the repr of its fields."""
    return prop if isinstance(prop, str) else repr(vars(prop))


class _FontFiles:
    """``FontManager._find_fonts_by_props``, remembering its answers."""

    def __init__(self, manager, find):
        import matplotlib as mpl

        self.manager, self.find, self.answers = manager, find, {}
        self.rc = mpl.rcParams  # one object, changed in place by rc_context and the themes

    def __call__(self, prop, fontext="ttf", directory=None, fallback_to_default=True, rebuild_if_missing=True):
        # The stored settings as findfont reads them (dict.__getitem__: without RcParams' checks).
        rc = repr(tuple(map(dict.__getitem__, itertools.repeat(self.rc, len(_RC_KEYS)), _RC_KEYS)))
        key = (_props_key(prop), rc, fontext, directory, fallback_to_default, rebuild_if_missing,
               len(self.manager.ttflist), len(self.manager.afmlist), os.environ.get("MPL_IGNORE_SYSTEM_FONTS"))  # fmt: skip
        found = self.answers.get(key)
        if found is None:
            found = self.answers[key] = tuple(self.find(prop, fontext, directory, fallback_to_default, rebuild_if_missing))
        return list(found)


class _Tables:
    """A font whose ``get_sfnt_table`` answers are remembered (the only use matplotlib.text makes of it)."""

    __slots__ = ("font", "tables")

    def __init__(self, font):
        self.font, self.tables = font, {}

    def get_sfnt_table(self, name):
        if name not in self.tables:
            self.tables[name] = self.font.get_sfnt_table(name)
        return self.tables[name]


class _TextFonts:
    """``matplotlib.text.get_font``, giving fonts whose tables are read once."""

    def __init__(self, get_font):
        self.get_font, self.fonts = get_font, {}

    def __call__(self, font_filepaths, *args, **kwargs):
        font = self.get_font(font_filepaths, *args, **kwargs)
        held = self.fonts.get(id(font))
        if held is None or held.font is not font:
            held = self.fonts[id(font)] = _Tables(font)
        return held


class _GlyphOutlines:
    """``backend_pdf._get_pdf_charprocs`` (a Type 3 font's glyphs as PDF drawing code), remembering each glyph's."""

    def __init__(self, charprocs):
        self.charprocs, self.glyphs = charprocs, {}

    def __call__(self, font_path, glyph_indices):
        glyph_indices = list(glyph_indices)
        key = str(font_path)
        for g in glyph_indices:
            if (key, g) not in self.glyphs:
                (self.glyphs[key, g],) = self.charprocs(font_path, [g]).items()  # one glyph: its name and code
        return dict(self.glyphs[key, g] for g in glyph_indices)


class _GlyphDrawing:
    """``RendererAgg._draw_text_glyphs_and_boxes`` (Agg's text, one glyph at a time), each glyph's
    transform matrix worked out once per text and each font's size set when it changes, instead of
    both for every glyph; the boxes (the text's lines) are left to matplotlib's own code."""

    def __init__(self, draw):
        self.draw = draw

    def __get__(self, renderer, owner=None):
        return self if renderer is None else functools.partial(self.__call__, renderer)

    def __call__(self, renderer, gc, x, y, angle, glyphs, boxes):
        import math

        import numpy as np
        from matplotlib.backends.backend_agg import get_hinting_flag
        from matplotlib.ft2font import RenderMode

        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        load_flags = get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        height, matrices, sized = renderer.height, {}, None
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
            if sized is None or sized[0] is not font or sized[1] != size:
                font.set_size(size, renderer.dpi)
                sized = (font, size)
            matrix = matrices.get((slant, extend))
            if matrix is None:
                matrix = matrices[slant, extend] = (
                    (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]).round().astype(int)
                )
            font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)), round(0x40 * (height - y + dx * sin + dy * cos))])
            bitmap = font._render_glyph(glyph_index, load_flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xFF
            renderer._renderer.draw_text_image(buffer, bitmap.left, int(height) - bitmap.top + buffer.shape[0], 0, gc)
        self.draw(renderer, gc, x, y, angle, (), boxes)


def install() -> bool:
    """Make matplotlib's font look-ups remember their answers (once per process); True when in place.

    Returns False, changing nothing, for a matplotlib version other than
    those in :data:`VERSIONS` or one whose internals are not as expected.
    The PDF backend's glyph outlines are remembered once that backend is
    loaded (a call after loading it puts that in place): a build that
    writes no PDF does not load it.
    """
    if _installed:
        _install_pdf()
        return True
    import matplotlib as mpl
    import matplotlib.text as mtext
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import RendererAgg

    manager = font_manager.fontManager
    known = hasattr(manager, "_find_fonts_by_props") and hasattr(mtext, "get_font") and "_draw_text_glyphs_and_boxes" in vars(RendererAgg)
    if not mpl.__version__.startswith(VERSIONS) or not known:
        return False
    _installed["find"] = manager.__dict__.get("_find_fonts_by_props")
    _installed["get_font"] = mtext.get_font
    _installed["glyphs"] = RendererAgg._draw_text_glyphs_and_boxes
    manager._find_fonts_by_props = _FontFiles(manager, manager._find_fonts_by_props)
    mtext.get_font = _TextFonts(mtext.get_font)
    RendererAgg._draw_text_glyphs_and_boxes = _GlyphDrawing(RendererAgg._draw_text_glyphs_and_boxes)
    _install_pdf()
    return True


def _install_pdf() -> None:
    """The PDF backend's Type 3 glyphs remembered (:class:`_GlyphOutlines`), if that backend is loaded."""
    import sys

    backend_pdf = sys.modules.get("matplotlib.backends.backend_pdf")
    if backend_pdf is None or "charprocs" in _installed or not hasattr(backend_pdf, "_get_pdf_charprocs"):
        return
    _installed["charprocs"] = backend_pdf._get_pdf_charprocs
    backend_pdf._get_pdf_charprocs = _GlyphOutlines(backend_pdf._get_pdf_charprocs)


def uninstall() -> None:
    """Undo :func:`install` (matplotlib asks again every time)."""
    if not _installed:
        return
    import sys

    import matplotlib.text as mtext
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import RendererAgg

    manager = font_manager.fontManager
    if "charprocs" in _installed:
        sys.modules["matplotlib.backends.backend_pdf"]._get_pdf_charprocs = _installed["charprocs"]
    RendererAgg._draw_text_glyphs_and_boxes = _installed["glyphs"]
    if _installed["find"] is None:
        manager.__dict__.pop("_find_fonts_by_props", None)
    else:
        manager._find_fonts_by_props = _installed["find"]
    mtext.get_font = _installed["get_font"]
    _installed.clear()


__all__ = ["VERSIONS", "install", "uninstall"]
