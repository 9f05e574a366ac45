"""The report figures' layout: constrained layout's result from one measurement, and ticks worked out once."""

from __future__ import annotations

import contextlib

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine

from helpers import config, layout
from helpers.figures import DISTRICT_FIGURES, draw, draw_province
from helpers.save import png_bytes, png_layout
from helpers.theme import report_theme


def _single(fig):
    ax = fig.subplots()
    ax.barh(["Hòa Phú", "Yên Lập", "Kiên Đài", "Cơ quan Mặt trận Tổ quốc huyện"], [12, 30, 7, 18])
    ax.set_xlabel("Số đảng viên kết nạp")
    ax.legend(["Đã kết nạp"], loc="lower left", bbox_to_anchor=(0, 1.01), borderaxespad=0)
    fig.suptitle("Kết nạp đảng viên — Chiêm Hóa, 2024", x=0.01, ha="left", fontweight="bold")
    fig.text(0.995, 0.005, "Số liệu mô phỏng", ha="right", va="bottom", fontsize=7)


def _grid(fig):
    axes = fig.subplots(2, 4, sharex=True, sharey=True).ravel()
    for i, ax in enumerate(axes[:7]):
        ax.plot([2021, 2022, 2023, 2024], np.array([3.9, 4.05, 4.0, 4.07]) + i / 100, marker="o")
        ax.set_title(f"Huyện {i}", fontsize=10)
    axes[7].set_axis_off()
    fig.supylabel("Việc/người", fontsize=10)
    fig.suptitle("Việc đột phá mỗi cán bộ", x=0.01, ha="left", fontweight="bold")


def _positions(make, engine, size):
    with report_theme("vi"):
        fig = plt.figure(figsize=size, layout=engine)
        make(fig)
        fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
        with png_layout(fig):
            fig.get_layout_engine().execute(fig)
            canvas_px = fig.bbox.width, fig.bbox.height
            out = [np.array(ax.get_position().bounds) * (canvas_px * 2) for ax in fig.axes]  # pixels
            renderer = fig.canvas.get_renderer()
            drawn = [ax.get_tightbbox(renderer) for ax in fig.axes]  # each Axes with all it draws around it
            drawn += [t.get_window_extent(renderer) for t in [fig._suptitle, fig._supylabel, *fig.texts] if t is not None]
    plt.close(fig)
    return out, drawn, canvas_px


@pytest.mark.parametrize(("make", "size"), [(_single, (8, 5)), (_grid, (11, 5.5))], ids=["one Axes", "a grid of eight"])
def test_the_layout_is_constrained_layouts_within_a_millimetre(make, size):
    ours, drawn, (width, height) = _positions(make, layout.ReportLayout(), size)
    theirs, _, _ = _positions(make, ConstrainedLayoutEngine(), size)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):  # x, y, width, height in pixels at 300 dpi: 12 px is a millimetre
        assert np.allclose(a, b, atol=12), (a, b)
    for box in drawn:  # all that is drawn inside the figure
        assert box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= width + 0.5 and box.y1 <= height + 0.5


def test_a_figure_it_does_not_know_goes_to_constrained_layout():
    with report_theme("vi"):
        fig = layout.figure((6, 4))
        ax = fig.subplots()
        points = ax.scatter([105.2, 105.3], [22.1, 22.2], c=[0.5, 0.9])
        fig.colorbar(points, ax=ax, shrink=0.7)
        assert not layout.ReportLayout.knows(fig)
        with png_layout(fig):
            fig.get_layout_engine().execute(fig)
            laid = [ax.get_position().bounds for ax in fig.axes]
        other = plt.figure(figsize=(6, 4), layout="constrained")
        ax2 = other.subplots()
        other.colorbar(ax2.scatter([105.2, 105.3], [22.1, 22.2], c=[0.5, 0.9]), ax=ax2, shrink=0.7)
        with png_layout(other):
            other.get_layout_engine().execute(other)
            assert np.allclose(laid, [a.get_position().bounds for a in other.axes])
    plt.close("all")


def test_it_knows_a_grid_of_single_cells_only():
    fig = layout.figure((6, 4))
    fig.subplots(1, 2)
    assert layout.ReportLayout.knows(fig)
    fig.legend(["x"], loc="outside lower center")
    assert not layout.ReportLayout.knows(fig)
    spanning = layout.figure((6, 4))
    grid = spanning.add_gridspec(2, 2)
    spanning.add_subplot(grid[0, :]), spanning.add_subplot(grid[1, 0])
    assert not layout.ReportLayout.knows(spanning)
    plt.close("all")


@pytest.fixture(scope="module")
def bundled_reports():
    from helpers.read import read_reports

    return read_reports(config.RAW_DATA_DIR)


def _report_figures(reports):
    for name in DISTRICT_FIGURES:
        yield name, lambda name=name: draw(name, reports, district="Chiêm Hóa", lang="vi", synthetic=True)
    yield "province_admitted", lambda: draw_province("province_admitted", reports, lang="vi", synthetic=True)


def test_ticks_worked_out_once_draw_the_same_bytes(bundled_reports, monkeypatch):
    """Every Chiêm Hóa figure and a province figure: the same PNG bytes with and without :func:`steady_ticks`."""
    steady = {name: png_bytes(make()) for name, make in _report_figures(bundled_reports)}
    plt.close("all")

    @contextlib.contextmanager
    def plain():
        yield

    monkeypatch.setattr(layout, "steady_ticks", plain)  # save looks it up there at each save
    plain_bytes = {name: png_bytes(make()) for name, make in _report_figures(bundled_reports)}
    plt.close("all")
    assert steady.keys() == plain_bytes.keys() and all(steady[k] == plain_bytes[k] for k in steady)


def test_ticks_kept_follow_the_limits_and_go_with_the_block():
    from matplotlib import axis as maxis

    fig, ax = plt.subplots()
    ax.plot([0, 10], [0, 1])
    update = maxis.Axis._update_ticks
    with layout.steady_ticks():
        assert maxis.Axis._update_ticks is not update
        first = [t.get_loc() for t in ax.xaxis._update_ticks()]
        assert [t.get_loc() for t in ax.xaxis._update_ticks()] == first
        ax.set_xlim(0, 100)  # new limits: worked out again
        assert [t.get_loc() for t in ax.xaxis._update_ticks()] != first
    assert maxis.Axis._update_ticks is update and "_helpers_ticks" not in vars(ax.xaxis)
    plt.close(fig)
