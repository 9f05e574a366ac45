"""What a report figure costs: drawing (labels fitted) and saving, per figure, in CPU time.

Run on demand (``python -m bench figures``).  The figures of one district
and the province overview from the bundled data, in Vietnamese, each
timed over the same figures in the same run:

- drawing: :func:`helpers.figures.draw` as it is (constrained layout run
  once on the PNG's canvas to fit the labels inside the Axes and off the
  reference lines), against the same drawing without that fitting;
- saving: :func:`helpers.save.save_figure` (PNG, SVG, PDF and the sidecar,
  the layout kept from the drawing), against matplotlib's own
  ``savefig`` of the same three formats.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

DISTRICT = "Chiêm Hóa"


def _figures(reports):
    import matplotlib

    matplotlib.use("Agg")
    from helpers import figures

    for name in figures.DISTRICT_FIGURES:
        yield name, lambda name=name: figures.draw(name, reports, district=DISTRICT, lang="vi", synthetic=True)
    for name in figures.PROVINCE_FIGURES:
        yield name, lambda name=name: figures.draw_province(name, reports, lang="vi", synthetic=True)


@contextlib.contextmanager
def _without_fitting():
    from helpers import plots

    fit = plots.fit_labels
    plots.fit_labels = lambda fig, **kwargs: None
    try:
        yield
    finally:
        plots.fit_labels = fit


def _cpu(action) -> tuple[float, object]:
    start = time.process_time()
    out = action()
    return time.process_time() - start, out


def main() -> dict[str, float]:
    import matplotlib.pyplot as plt

    from helpers import config
    from helpers.read import read_reports
    from helpers.save import save_figure

    reports = read_reports(config.RAW_DATA_DIR)
    totals = dict.fromkeys(("draw", "save", "draw_plain", "save_plain", "savefig"), 0.0)
    drawn = list(_figures(reports))
    with tempfile.TemporaryDirectory(prefix="bench-figures-") as tmp:
        out = Path(tmp)
        for name, draw in drawn:
            seconds, fig = _cpu(draw)
            totals["draw"] += seconds
            totals["save"] += _cpu(lambda: save_figure(fig, name, out_dir=out / "ours"))[0]
            plt.close(fig)
            with _without_fitting():
                seconds, fig = _cpu(draw)
            fig.helpers_laid_out = False  # saving runs the layout, as before labels were fitted
            totals["draw_plain"] += seconds
            totals["save_plain"] += _cpu(lambda: save_figure(fig, name, out_dir=out / "plain"))[0]
            (out / "mpl").mkdir(exist_ok=True)
            totals["savefig"] += _cpu(lambda: [fig.savefig(out / "mpl" / f"{name}.{ext}", dpi=300) for ext in ("png", "svg", "pdf")])[0]
            plt.close(fig)
    n = len(drawn)
    per = {k: v / n * 1000 for k, v in totals.items()}
    ours, plain = per["draw"] + per["save"], per["draw_plain"] + per["save_plain"]
    print(f"{n} figures ({DISTRICT} and the province), CPU per figure in ms:")
    print(f"  labels fitted: draw {per['draw']:4.0f} + save {per['save']:4.0f} = {ours:4.0f}")
    print(f"  not fitted:    draw {per['draw_plain']:4.0f} + save {per['save_plain']:4.0f} = {plain:4.0f}   fitted / not fitted: {ours / plain:.2f}")
    print(f"  save_figure (3 formats, layout kept) {per['save']:.0f} against matplotlib's savefig of the same {per['savefig']:.0f}: {per['save'] / per['savefig']:.2f}")
    return per


if __name__ == "__main__":
    main()
