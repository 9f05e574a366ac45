"""Saving: three formats and a sidecar, byte-identical when rebuilt in another process."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from helpers import __version__, config
from helpers.save import save_figure


@pytest.fixture
def titled_figure():
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 5])
    ax.set_title("Hòa Phú — 2023")
    return fig


@pytest.fixture
def input_file(tmp_path):
    path = tmp_path / "admissions.xlsx"
    path.write_bytes(b"not really a workbook")
    return path


_BUILD = textwrap.dedent(
    """
    import sys
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from helpers.theme import report_theme
    from helpers.save import save_figure
    with report_theme("vi"):
        fig, ax = plt.subplots()
        ax.bar(["Hòa Phú", "Yên Lập"], [0.578, 0.9])
        ax.set_title("Tỷ lệ đạt chỉ tiêu — Chiêm Hóa, 2023")
        ax.text(0, 0.6, "57,8 %")
        save_figure(fig, "demo", out_dir=sys.argv[1], params={"district": "Chiêm Hóa"}, data_date=2023)
    """
)


class TestSaveFigure:
    def test_three_formats_and_the_sidecar(self, titled_figure, input_file, tmp_path):
        out = save_figure(titled_figure, "f", out_dir=tmp_path / "out", inputs=[input_file], params={"year": 2023}, data_date=2023)
        assert sorted(out) == ["json", "pdf", "png", "svg"]
        assert out["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert out["pdf"].read_bytes()[:5] == b"%PDF-"
        assert b"<svg" in out["svg"].read_bytes()[:500]
        record = json.loads(out["json"].read_text(encoding="utf-8"))
        assert record == {
            "name": "f",
            "title": "Hòa Phú — 2023",
            "files": ["f.pdf", "f.png", "f.svg"],
            "inputs": [{"path": input_file.resolve().as_posix(), "sha256": hashlib.sha256(b"not really a workbook").hexdigest()}],
            "params": {"year": 2023},
            "helpers_version": __version__,
            "data_date": 2023,
            "synthetic": None,
        }

    def test_png_is_300_dpi(self, titled_figure, tmp_path):
        from PIL import Image

        out = save_figure(titled_figure, "f", out_dir=tmp_path, formats=("png",))
        with Image.open(out["png"]) as img:
            assert img.size == (int(6.4 * 300), int(4.8 * 300))
            assert "Software" not in img.info

    def test_sidecar_keys_sorted_and_no_run_time(self, titled_figure, tmp_path):
        out = save_figure(titled_figure, "f", out_dir=tmp_path, formats=("svg",))
        text = out["json"].read_text(encoding="utf-8")
        keys = list(json.loads(text))
        assert keys == sorted(keys)
        assert out["svg"].read_text(encoding="utf-8").count("<dc:date>") == 0

    def test_inputs_under_data_raw_are_said_to_be_synthetic(self, titled_figure, tmp_path, monkeypatch):
        raw = tmp_path / "data" / "raw"
        raw.mkdir(parents=True)
        (raw / "ratings.xlsx").write_bytes(b"x")
        monkeypatch.setattr(config, "RAW_DATA_DIR", raw)
        out = save_figure(titled_figure, "f", out_dir=tmp_path / "fig", inputs=[raw], formats=("png",))
        record = json.loads(out["json"].read_text(encoding="utf-8"))
        assert record["synthetic"] == "The bundled data in data/raw are synthetic, not real figures."
        assert [i["sha256"] for i in record["inputs"]] == [hashlib.sha256(b"x").hexdigest()]

    def test_data_date_from_the_figure(self, titled_figure, tmp_path):
        titled_figure.helpers_data_date = 2024
        out = save_figure(titled_figure, "f", out_dir=tmp_path, formats=("pdf",))
        assert json.loads(out["json"].read_text(encoding="utf-8"))["data_date"] == 2024

    def test_settings_are_restored_after_saving(self, titled_figure, tmp_path):
        before = mpl.rcParams["svg.hashsalt"]
        save_figure(titled_figure, "f", out_dir=tmp_path, formats=("svg",))
        assert mpl.rcParams["svg.hashsalt"] == before

    def test_formats_saved_before_and_not_now_are_removed(self, titled_figure, tmp_path):
        save_figure(titled_figure, "f", out_dir=tmp_path)
        (tmp_path / "other.svg").write_text("<svg/>", encoding="utf-8")
        written = save_figure(titled_figure, "f", out_dir=tmp_path, formats=("png",))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json", "f.png", "other.svg"]
        assert json.loads(written["json"].read_text(encoding="utf-8"))["files"] == ["f.png"]

    def test_unknown_format_is_refused(self, titled_figure, tmp_path):
        with pytest.raises(ValueError, match="formats must be among png, svg, pdf"):
            save_figure(titled_figure, "f", out_dir=tmp_path, formats=("jpg",))

    def test_byte_identical_across_processes(self, tmp_path):
        runs = [subprocess.Popen([sys.executable, "-c", _BUILD, str(tmp_path / r)], cwd=config.PROJ_ROOT) for r in ("a", "b")]
        assert [p.wait() for p in runs] == [0, 0]
        for ext in ("png", "svg", "pdf", "json"):
            a = (tmp_path / "a" / f"demo.{ext}").read_bytes()
            b = (tmp_path / "b" / f"demo.{ext}").read_bytes()
            assert a == b, ext


class TestTheLayoutCanvasIsKept:
    """A figure laid out on the PNG's canvas (``png_layout``) is drawn on that canvas when saved."""

    def _laid_out(self):
        from helpers.plots import fit_labels
        from helpers.save import png_layout
        from helpers.theme import report_theme

        with report_theme("vi"):
            fig, ax = plt.subplots()
            ax.bar(["Hòa Phú", "Yên Lập"], [0.578, 0.9])
            ax.text(0, 0.6, "57,8 %")
            fig.suptitle("Tỷ lệ đạt chỉ tiêu — Chiêm Hóa, 2023")
            with png_layout(fig) as canvas:
                fit_labels(fig)
        return fig, canvas

    def test_the_png_is_drawn_on_the_layout_canvas_and_the_canvas_let_go(self, tmp_path, monkeypatch):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        fig, canvas = self._laid_out()
        drawn_on = []
        monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, _draw=FigureCanvasAgg.draw: (drawn_on.append(self), _draw(self))[1])
        save_figure(fig, "kept", out_dir=tmp_path, formats=("png",))
        assert drawn_on == [canvas]
        assert fig.helpers_png_canvas is None and fig.canvas is not canvas
        plt.close(fig)

    def test_the_same_bytes_as_on_a_fresh_canvas(self, tmp_path):
        fig, _ = self._laid_out()
        save_figure(fig, "kept", out_dir=tmp_path, formats=("png",))
        fig.helpers_png_canvas = None  # what a figure saved again gets: a fresh canvas
        save_figure(fig, "fresh", out_dir=tmp_path, formats=("png",))
        assert (tmp_path / "kept.png").read_bytes() == (tmp_path / "fresh.png").read_bytes()
        plt.close(fig)

    def test_text_is_laid_out_and_drawn_unhinted_and_the_setting_restored(self, tmp_path, monkeypatch):
        from matplotlib.backends import backend_agg

        fig, _ = self._laid_out()
        before = mpl.rcParams["text.hinting"]
        seen = []
        monkeypatch.setattr(backend_agg, "get_hinting_flag", lambda _f=backend_agg.get_hinting_flag: (seen.append(mpl.rcParams["text.hinting"]), _f())[1])
        save_figure(fig, "unhinted", out_dir=tmp_path, formats=("png",))
        assert seen and set(seen) == {"no_hinting"}
        assert mpl.rcParams["text.hinting"] == before
        plt.close(fig)


@pytest.mark.parametrize(("channels", "mode"), [(3, "RGB"), (4, "RGBA")])
def test_a_true_colour_png_reads_back_pixel_for_pixel_at_its_dpi(channels, mode):
    import io

    import numpy as np
    from PIL import Image

    from helpers.save import PNG_DPI, _png

    pixels = np.random.default_rng(7).integers(0, 256, size=(37, 53, channels), dtype=np.uint8)
    image = Image.open(io.BytesIO(_png(pixels, PNG_DPI, 3)))
    assert image.mode == mode and image.size == (53, 37)
    assert round(image.info["dpi"][0]) == PNG_DPI
    assert (np.asarray(image) == pixels).all()


def test_a_figure_of_many_colours_is_saved_as_its_pixels(tmp_path):
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from helpers.save import PNG_DPI, SAVE_RC

    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.imshow(np.linspace(0, 1, 600).reshape(20, 30), cmap="viridis")  # more than 256 colours
    paths = save_figure(fig, "many", out_dir=tmp_path, formats=("png",))
    canvas = FigureCanvasAgg(fig)
    fig.dpi = PNG_DPI
    with mpl.rc_context(SAVE_RC):  # drawn as saving draws it
        canvas.draw()
    drawn = np.asarray(canvas.buffer_rgba())[..., :3]
    saved = np.asarray(Image.open(paths["png"]))
    assert Image.open(paths["png"]).mode == "RGB" and saved.shape == drawn.shape and (saved == drawn).all()
    plt.close(fig)


def test_a_figure_not_opaque_is_saved_with_its_alpha(tmp_path):
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from helpers.save import PNG_DPI, SAVE_RC

    fig, ax = plt.subplots(figsize=(2, 1.5))
    fig.patch.set_alpha(0.5)  # a see-through ground: not one pixel opaque outside the Axes
    ax.imshow(np.linspace(0, 1, 600).reshape(20, 30), cmap="viridis")
    paths = save_figure(fig, "see-through", out_dir=tmp_path, formats=("png",))
    canvas = FigureCanvasAgg(fig)
    fig.dpi = PNG_DPI
    with mpl.rc_context(SAVE_RC):
        canvas.draw()
    drawn = np.asarray(canvas.buffer_rgba())
    saved = Image.open(paths["png"])
    assert saved.mode == "RGBA" and (np.asarray(saved) == drawn).all()
    assert 0 < (drawn[..., 3] < 255).mean() < 1  # some pixels see-through, the Axes opaque
    plt.close(fig)
