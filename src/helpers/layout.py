"""The report figures' layout: worked out from one measurement of each Axes.

Matplotlib's constrained layout measures every Axes' decorations (tick
labels, axis labels, titles, legends, data labels) twice each time it runs,
and builds a constraint system around them.  A report figure is simpler:
a title at the top left, a grid of equal Axes (most often one), a footnote
at the bottom.  :class:`ReportLayout` measures each Axes once, places the
grid so that every decoration keeps the same pads as constrained layout
would, and measures again only when the new size brought other ticks.  A
figure it does not know (a colour bar, a legend outside the Axes, Axes
spanning several cells or added by hand) is laid out by constrained layout,
with the same settings.

While a figure is laid out and drawn, each axis works out its ticks once
for as long as nothing they depend on changes (:func:`steady_ticks`):
matplotlib asks for them again for every measurement of the axis, its
labels and its spines.

>>> import matplotlib.pyplot as plt
>>> fig = figure((4, 3))
>>> ax = fig.subplots(); _ = ax.set_ylabel("Số đảng viên"); _ = fig.suptitle("Tiêu đề", x=0.01, ha="left")
>>> with steady_ticks():
...     fig.get_layout_engine().execute(fig)
>>> bool(0 < ax.get_position().x0 < 0.25 and ax.get_position().y1 < 0.95)
True
>>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from matplotlib.layout_engine import ConstrainedLayoutEngine


class ReportLayout(ConstrainedLayoutEngine):
    """Constrained layout's settings and result for a report figure, from one measurement per Axes.

    ``rect`` (left, bottom, width, height, in figure fractions) is the area
    laid out, as for constrained layout; the pads and spaces are its own
    (``figure.constrained_layout.*``).  Figures this layout does not know
    are handed to constrained layout itself (:meth:`knows`).
    """

    def execute(self, fig) -> None:
        """Lay ``fig`` out."""
        if not self.knows(fig):
            super().execute(fig)
            return
        renderer = fig._get_renderer()
        for _ in range(2):  # again only if the new size brought other ticks
            before = ticks_shown(fig)
            self._place(fig, renderer)
            if ticks_shown(fig) == before:
                return

    @staticmethod
    def knows(fig) -> bool:
        """Whether ``fig`` is a title, one grid of equal Axes (one cell each) and texts."""
        specs = [ax.get_subplotspec() for ax in fig.axes]
        if not specs or any(s is None for s in specs) or fig.legends or fig.subfigs:
            return False
        grid = specs[0].get_gridspec()
        if any(s.get_gridspec() is not grid or s.rowspan.stop - s.rowspan.start != 1 or s.colspan.stop - s.colspan.start != 1
               for s in specs):  # fmt: skip
            return False
        if len(set(grid.get_width_ratios())) > 1 or len(set(grid.get_height_ratios())) > 1:
            return False
        return not any(getattr(ax, "_colorbars", None) for ax in fig.axes)

    def _place(self, fig, renderer) -> None:
        from matplotlib import artist as martist
        from matplotlib.transforms import Bbox

        p = self._params
        width, height = fig.bbox.width, fig.bbox.height
        w_pad, h_pad = p["w_pad"] * fig.dpi, p["h_pad"] * fig.dpi  # inches → pixels
        left, bottom, w, h = p["rect"]
        x0, y0, x1, y1 = left * width, bottom * height, (left + w) * width, (bottom + h) * height
        y1 -= _suptitle_room(fig, renderer, h_pad)
        x0 += _supylabel_room(fig, renderer, w_pad)
        grid = fig.axes[0].get_subplotspec().get_gridspec()
        nrows, ncols = grid.get_geometry()
        margins = {"left": [0.0] * ncols, "right": [0.0] * ncols, "top": [0.0] * nrows, "bottom": [0.0] * nrows}
        cells = []
        for ax in fig.axes:
            spec = ax.get_subplotspec()
            row, col = spec.rowspan.start, spec.colspan.start
            cells.append((ax, row, col))
            if not ax.get_in_layout():
                continue
            box, frame = martist._get_tightbbox_for_layout_only(ax, renderer), ax.bbox
            if box is None:
                continue
            margins["left"][col] = max(margins["left"][col], frame.x0 - box.x0)
            margins["right"][col] = max(margins["right"][col], box.x1 - frame.x1)
            margins["top"][row] = max(margins["top"][row], box.y1 - frame.y1)
            margins["bottom"][row] = max(margins["bottom"][row], frame.y0 - box.y0)
        lefts, cell_w = _cells(x0, x1, margins["left"], margins["right"], w_pad, max(w_pad, p["wspace"] / 2 / ncols * width))
        tops, cell_h = _cells(-y1, -y0, margins["top"], margins["bottom"], h_pad, max(h_pad, p["hspace"] / 2 / nrows * height))
        for ax, row, col in cells:
            ax_x0, ax_y1 = lefts[col], -tops[row]
            box = Bbox.from_bounds(ax_x0 / width, (ax_y1 - cell_h) / height, cell_w / width, cell_h / height)
            ax._set_position(box)


def _cells(start: float, end: float, before: list[float], after: list[float], pad: float, inner: float) -> tuple[list[float], float]:
    """Where each cell's Axes starts between ``start`` and ``end`` (pixels; rows are laid out from
    the top, as negative heights), and the Axes' common size.

    Each cell keeps its decorations (``before``, ``after``) and a pad on
    either side: ``pad`` at the edges of the grid, ``inner`` between two
    cells (as constrained layout: the larger of its pad and half its
    ``wspace`` or ``hspace`` shared between the cells).
    """
    n = len(before)
    pads = [(pad if i == 0 else inner, pad if i == n - 1 else inner) for i in range(n)]
    size = max(1.0, (end - start - sum(before) - sum(after) - sum(a + b for a, b in pads)) / n)
    out, at = [], start
    for (b, a), (pad_b, pad_a) in zip(zip(before, after), pads):
        at += pad_b + b
        out.append(at)
        at += size + a + pad_a
    return out, size


def _suptitle_room(fig, renderer, pad: float) -> float:
    """The height kept at the top for the figure's title (moved to the top pad first, as constrained layout does)."""
    title = getattr(fig, "_suptitle", None)
    if title is None or not title.get_visible() or not title.get_in_layout() or not title.get_text():
        return 0.0
    if getattr(title, "_autopos", False):
        title.set_y(1 - pad / fig.bbox.height)
    return title.get_window_extent(renderer).height + 2 * pad


def _supylabel_room(fig, renderer, pad: float) -> float:
    """The width kept at the left for the figure's y label (moved to the left pad first)."""
    text = getattr(fig, "_supylabel", None)
    if text is None or not text.get_visible() or not text.get_in_layout() or not text.get_text():
        return 0.0
    if getattr(text, "_autopos", False):
        text.set_x(pad / fig.bbox.width)
    return text.get_window_extent(renderer).width + 2 * pad


def ticks_shown(fig) -> list[list[tuple[float, str]]]:
    """Each axis' ticks within its limits, their places and labels: they may follow the Axes' size
    and limits, and what they are decides the room the Axes' decorations take."""
    return [[(float(t.get_loc()), t.label1.get_text()) for t in axis._update_ticks()]
            for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)]  # fmt: skip


def figure(figsize: tuple[float, float]):
    """A new report figure of ``figsize`` inches, laid out by :class:`ReportLayout`."""
    import matplotlib.pyplot as plt

    return plt.figure(figsize=figsize, layout=ReportLayout())


@contextlib.contextmanager
def steady_ticks() -> Iterator[None]:
    """Inside the block each axis works out its ticks once while nothing they depend on changes.

    Matplotlib's ``Axis._update_ticks`` (its tick locations, labels and the
    ticks to draw) runs for each measurement of the axis, of its labels, of
    its spines and of the axes sharing it.  Inside the block its answer is
    kept with what it depends on: the view limits, the Axes' place in
    pixels, the dpi, the locators and formatters (the objects themselves),
    the tick settings and the number of ticks made.  Nothing drawn changes
    (a test draws every report figure with and without and compares the
    bytes).  Only matplotlib 3.11, whose internals this was measured
    against, is changed; with any other version the block changes nothing.
    """
    import matplotlib
    from matplotlib import axis as maxis

    from .fontcache import VERSIONS

    if not matplotlib.__version__.startswith(VERSIONS) or getattr(maxis.Axis._update_ticks, "_steady", False):
        yield
        return
    update, touched = maxis.Axis._update_ticks, []

    def steady(self):
        ax = self.axes
        key = (
            tuple(self.get_view_interval()), ax.bbox.bounds, ax.figure.dpi, len(self.majorTicks), len(self.minorTicks),
            repr(self._major_tick_kw), repr(self._minor_tick_kw),
        )  # fmt: skip
        objects = (self.major.locator, self.major.formatter, self.minor.locator, self.minor.formatter)
        kept = self.__dict__.get("_helpers_ticks")
        if kept is not None and kept[0] == key and all(a is b for a, b in zip(kept[1], objects)):
            return list(kept[2])
        ticks = update(self)
        if kept is None:
            touched.append(self)
        self._helpers_ticks = (key, objects, ticks)
        return list(ticks)

    steady._steady = True
    maxis.Axis._update_ticks = steady
    try:
        yield
    finally:
        maxis.Axis._update_ticks = update
        for axis in touched:  # what was kept goes with the block: nothing after it is answered from it
            axis.__dict__.pop("_helpers_ticks", None)


__all__ = ["ReportLayout", "figure", "steady_ticks", "ticks_shown"]
