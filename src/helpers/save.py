"""Saving figures: PNG, SVG and PDF that are byte-identical on rebuild, plus a JSON sidecar.

A figure rebuilt from the same data, in another process, gives the same
bytes: the settings that would embed the time, the matplotlib version or a
random id are fixed, only for the duration of the save call.

Each format is drawn once: the PNG draw runs the figure's layout engine
(a report figure's :class:`helpers.layout.ReportLayout`, else constrained layout)
and that layout is kept for the SVG and the PDF.

The sidecar ``<name>.json`` records what the figure was made from: the input
files and their SHA-256, the parameters, the ``helpers`` version, the date of
the data, the figure's title, and, when an input lies under ``data/raw``, a
line saying the bundled data are synthetic.  It holds no time of the run.

Examples
--------
>>> import matplotlib.pyplot as plt, tempfile, pathlib
>>> fig, ax = plt.subplots()
>>> _ = ax.set_title("Hòa Phú")
>>> out = save_figure(fig, "demo", out_dir=tempfile.mkdtemp(), data_date=2023)
>>> sorted(out)
['json', 'pdf', 'png', 'svg']
>>> import json; json.loads(out["json"].read_text(encoding="utf-8"))["title"]
'Hòa Phú'
>>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import config

#: Dots per inch of the PNG files.
PNG_DPI = 300

#: zlib level of the PNG files.  A figure of at most 256 colours (most
#: report figures) is written as an exact palette image, which is small and
#: quick to compress at any level; others are written as RGB (RGBA when not
#: opaque) at this level.
PNG_COMPRESS_LEVEL = 3

#: The fixed salt of SVG ids (random by default).
SVG_HASHSALT = "helpers"

#: The matplotlib settings in force while saving.  SVG text is written as
#: glyph outlines ("path"): the figure looks the same, Vietnamese marks
#: included, on a machine without Be Vietnam Pro (the reports embed the
#: SVGs).  PDF text uses embedded Type 3 subsets of Be Vietnam Pro
#: (matplotlib's default): vector glyphs, sharp at any zoom, each with its
#: Unicode text, so the Vietnamese can be searched and copied.  Type 42
#: (embedded TrueType) looks the same but costs two font-subsetting passes
#: per face, more than doubling the time to write a PDF.  Glyphs are
#: rasterised without hinting (the figure is laid out and drawn so, see
#: :func:`png_layout`): at 300 dpi hinting changes no visible stroke, and
#: the font's hinting instructions cost a third of the time of a PNG.
SAVE_RC: dict[str, object] = {
    "text.hinting": "no_hinting",
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 3,
}

#: Metadata of each format: no time, no version.
SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "png": {"dpi": PNG_DPI},
    "svg": {"metadata": {"Date": None}},
    "pdf": {"metadata": {"CreationDate": None, "ModDate": None}},
}

#: Every format a figure can be saved in, in the order written: what :func:`save_figure` saves by default.
FORMATS = tuple(SAVE_OPTIONS)


class UnknownFormats(ValueError):
    """Formats asked for that are not among :data:`FORMATS` (``bad``: their names, as normalised)."""

    def __init__(self, bad: Iterable[str]):
        self.bad = tuple(bad)
        super().__init__(f"formats must be among {', '.join(FORMATS)}; got {', '.join(self.bad) or 'none'}")


def figure_formats(value: str | Iterable[str] | None = None) -> tuple[str, ...]:
    """The formats to save a figure in: every one of :data:`SAVE_OPTIONS` for ``None``, else those
    named (a sequence, or one string such as ``"png,svg"``), in that order, each once.

    Raises :class:`UnknownFormats` (a ValueError) naming the formats that are not known.

    Examples
    --------
    >>> figure_formats("svg, png")
    ('svg', 'png')
    >>> figure_formats(None)
    ('png', 'svg', 'pdf')
    >>> figure_formats(["png", "jpg"])
    Traceback (most recent call last):
    ...
    helpers.save.UnknownFormats: formats must be among png, svg, pdf; got jpg
    """
    if value is None:
        return FORMATS
    names = value.split(",") if isinstance(value, str) else list(value)
    names = list(dict.fromkeys(str(n).strip().lower() for n in names if str(n).strip()))
    bad = [n for n in names if n not in SAVE_OPTIONS]
    if bad or not names:
        raise UnknownFormats(bad)
    return tuple(names)


#: The sidecar's line about the bundled data.
SYNTHETIC_NOTE = {
    "vi": "Dữ liệu kèm theo trong data/raw là dữ liệu mô phỏng, không phải số liệu thật.",
    "en": "The bundled data in data/raw are synthetic, not real figures.",
}


def sha256(path: str | Path) -> str:
    """The SHA-256 of a file, in hex.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_bytes(b"")
    >>> sha256(p)[:12]
    'e3b0c44298fc'
    """
    stat = Path(path).stat()
    return _sha256(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.lru_cache(maxsize=4096)
def _shown(path: Path) -> str:
    """A path as written in the sidecar: relative to the project when inside it (worked out once a path)."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(config.PROJ_ROOT.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


@functools.lru_cache(maxsize=4096)
def _under_raw(path: Path) -> bool:
    try:
        path.resolve().relative_to(config.RAW_DATA_DIR.resolve())
        return True
    except ValueError:
        return False


def figure_title(fig) -> str:
    """The figure's title: its suptitle, else the first Axes title found."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        return sup.get_text()
    for ax in fig.get_axes():
        for loc in ("center", "left", "right"):
            text = ax.get_title(loc)
            if text:
                return text
    return ""


# --- drawing, one pass per format ---------------------------------------------------


@contextlib.contextmanager
def _canvas(fig, canvas_class, dpi: float | None = None, canvas=None):
    """Draw ``fig`` on a fresh canvas of ``canvas_class`` (or on ``canvas``, one it was
    laid out on before); the figure's own canvas and dpi are put back afterwards (what
    ``savefig`` does, without its extra layout pass)."""
    original, original_dpi = fig.canvas, fig.dpi
    if canvas is None:
        canvas = canvas_class(fig)
    else:
        fig.set_canvas(canvas)
    canvas._is_saving = True
    try:
        if dpi is not None:
            fig.dpi = dpi
        yield canvas
    finally:
        if fig.dpi != original_dpi:
            fig.dpi = original_dpi
        fig.set_canvas(original)


@contextlib.contextmanager
def png_layout(fig):
    """Inside the block ``fig`` is on the canvas the PNG is drawn on (Agg at
    :data:`PNG_DPI`): a layout worked out there (its layout engine, labels
    fitted) is the PNG's.  :func:`save_figure` then keeps it for every
    format instead of running the layout engine again, and draws the PNG on
    that same canvas, whose renderer has measured the texts already; a
    figure changed afterwards needs ``fig.helpers_laid_out = False``.
    Each axis works out its ticks once while they stay the same
    (:func:`helpers.layout.steady_ticks`)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from .layout import steady_ticks

    with mpl.rc_context(SAVE_RC), _canvas(fig, FigureCanvasAgg, PNG_DPI) as canvas, steady_ticks():
        yield canvas
    fig.helpers_laid_out = True
    fig.helpers_png_canvas = canvas


def _layout(fig) -> None:
    """Run the figure's layout engine as the PNG draw would, drawing nothing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _canvas(fig, FigureCanvasAgg, PNG_DPI):
        fig.draw_without_rendering()


def _write_png(fig, path) -> None:
    """Draw ``fig`` once at :data:`PNG_DPI` and write it losslessly.

    At most 256 colours and opaque: an exact palette image (each pixel its
    own colour, looked up, never quantised).  Otherwise RGB, or RGBA when
    some pixel is not opaque (:func:`_png`).  No text chunks: nothing
    varies between runs.
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from .layout import steady_ticks

    kept = getattr(fig, "helpers_png_canvas", None) if getattr(fig, "helpers_laid_out", False) else None
    fig.helpers_png_canvas = None  # drawn once: the canvas (and its pixels) is not kept past the save
    with _canvas(fig, FigureCanvasAgg, PNG_DPI, kept) as canvas:
        with steady_ticks():
            canvas.draw()
        buffer = canvas.buffer_rgba()
        height, width = buffer.shape[:2]
        image = Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1)
        colours = image.getcolors(256)
        if colours is not None and all(c[3] == 255 for _, c in colours):
            # RGBA bytes read as little-endian uint32: R + G·2⁸ + B·2¹⁶ + A·2²⁴.
            keys = np.array(sorted(r | g << 8 | b << 16 for _, (r, g, b, _a) in colours), dtype=np.uint32)
            lookup = _palette_lookup()
            lookup[keys] = np.arange(len(keys), dtype=np.uint8)
            pixels = np.frombuffer(buffer, dtype="<u4") & np.uint32(0xFFFFFF)
            indices = np.ascontiguousarray(lookup[pixels])
            image = Image.frombuffer("P", (width, height), indices, "raw", "P", 0, 1)
            palette = np.stack([keys & 0xFF, keys >> 8 & 0xFF, keys >> 16 & 0xFF], axis=1).astype(np.uint8)
            image.putpalette(palette.tobytes())
        else:
            pixels = np.asarray(buffer)
            opaque = bool((pixels.view("<u4") >= 0xFF000000).all())  # alpha, each pixel's high byte, 255 everywhere
            data = _png(_rgb(pixels) if opaque else pixels, PNG_DPI, PNG_COMPRESS_LEVEL)
            image = None
    if image is not None:
        image.save(path, format="png", dpi=(PNG_DPI, PNG_DPI), compress_level=PNG_COMPRESS_LEVEL)
    elif hasattr(path, "write"):
        path.write(data)
    else:
        Path(path).write_bytes(data)


def _rgb(pixels):
    """The RGB of RGBA ``pixels`` (height × width × 4 bytes, contiguous), contiguous.

    Each pixel's first three bytes are copied as one item: the slice
    ``pixels[..., :3]`` copies them a byte at a time, in twice the time.

    >>> import numpy as np
    >>> rgba = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    >>> bool((_rgb(rgba) == rgba[..., :3]).all()), _rgb(rgba).flags["C_CONTIGUOUS"]
    (True, True)
    """
    import numpy as np

    height, width, _ = pixels.shape
    first_three = np.dtype({"names": ["rgb"], "formats": ["V3"], "offsets": [0], "itemsize": 4})
    return np.ascontiguousarray(pixels.view(first_three)["rgb"]).view(np.uint8).reshape(height, width, 3)


def _png(pixels, dpi: float, level: int) -> bytes:
    """A PNG of ``pixels`` (height × width × 3 or 4 bytes: RGB or RGBA), each row filtered by "Up"
    (its difference from the row above, which is nothing on a plain ground).

    Pillow tries the five PNG filters on every row of a true-colour image
    and keeps the best: for a report figure that is twice the time of this
    one filter for files of the same size.  The image is the same, pixel for
    pixel (a test reads it back).

    >>> import io, numpy as np
    >>> from PIL import Image
    >>> rgb = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    >>> bool((np.asarray(Image.open(io.BytesIO(_png(rgb, 300, 3)))) == rgb).all())
    True
    """
    import struct
    import zlib

    import numpy as np

    height, width, channels = pixels.shape
    rows = np.ascontiguousarray(pixels).reshape(height, width * channels)
    filtered = np.empty((height, width * channels + 1), dtype=np.uint8)
    filtered[:, 0] = 2  # the "Up" filter
    filtered[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=filtered[1:, 1:])

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    per_metre = int(dpi / 0.0254 + 0.5)
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    return b"".join((
        b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(filtered, level)), chunk(b"IEND", b""),
    ))  # fmt: skip


@functools.cache
def _palette_lookup():
    """A colour → palette index table (16 MiB), made once per process: each PNG sets the
    entries of its own colours before reading them, so no entry of another figure is read."""
    import numpy as np

    return np.zeros(1 << 24, dtype=np.uint8)


def png_bytes(fig) -> bytes:
    """``fig`` as the PNG bytes :func:`save_figure` would write (for a figure shown, not saved as PNG)."""
    import io

    import matplotlib as mpl

    buffer = io.BytesIO()
    with mpl.rc_context(SAVE_RC):
        _write_png(fig, buffer)
    return buffer.getvalue()


def _write_vector(fig, path: Path, fmt: str) -> None:
    """Draw ``fig`` once as SVG or PDF (72 points to the inch)."""
    if fmt == "svg":
        from matplotlib.backends.backend_svg import FigureCanvasSVG as canvas_class
    else:
        from matplotlib.backends.backend_pdf import FigureCanvasPdf as canvas_class

        from .fontcache import install

        install()  # the PDF backend loaded now: its glyph outlines remembered too
    with _canvas(fig, canvas_class) as canvas:
        getattr(canvas, f"print_{fmt}")(path, **SAVE_OPTIONS[fmt])


def _expand(inputs: Iterable[str | Path]) -> list[Path]:
    files: set[Path] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.update(f for f in p.rglob("*") if f.is_file() and not f.name.startswith((".", "~$")))
        else:
            files.add(p)
    return sorted(files, key=lambda f: _shown(f))


def sidecar(
    fig,
    name: str,
    *,
    inputs: Iterable[str | Path] = (),
    params: Mapping[str, object] | None = None,
    data_date: object = None,
    files: Iterable[str] = (),
) -> dict[str, object]:
    """The sidecar record of a figure (what :func:`save_figure` writes as JSON).

    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(); _ = fig.suptitle("T")
    >>> sorted(sidecar(fig, "x"))
    ['data_date', 'files', 'helpers_version', 'inputs', 'name', 'params', 'synthetic', 'title']
    >>> plt.close(fig)
    """
    from . import __version__

    paths = _expand(inputs)
    synthetic = any(_under_raw(p) for p in paths)
    if data_date is None:
        data_date = getattr(fig, "helpers_data_date", None)
    return {
        "name": name,
        "title": figure_title(fig),
        "files": sorted(files),
        "inputs": [{"path": _shown(p), "sha256": sha256(p)} for p in paths],
        "params": dict(params or {}),
        "helpers_version": __version__,
        "data_date": data_date,
        "synthetic": SYNTHETIC_NOTE["en"] if synthetic else None,
    }


def save_figure(
    fig,
    name: str,
    *,
    out_dir: str | Path = config.FIGURES_DIR,
    inputs: Iterable[str | Path] = (),
    params: Mapping[str, object] | None = None,
    data_date: object = None,
    formats: Iterable[str] = FORMATS,
) -> dict[str, Path]:
    """Save ``fig`` as ``<out_dir>/<name>.<format>`` and write the sidecar ``<name>.json``.

    Parameters
    ----------
    fig : Figure
    name : str
        File name without extension.
    out_dir : path
        Created if missing.
    inputs : iterable of path
        The data files (or folders) the figure was made from; each file's
        SHA-256 goes into the sidecar.
    params : mapping, optional
        The parameters that chose what is drawn (district, year, language …);
        JSON-serialisable.
    data_date : optional
        The date of the data (e.g. the latest report year); default the
        figure's ``helpers_data_date`` attribute when set (see
        :func:`helpers.figures.draw`).
    formats : iterable of {"png", "svg", "pdf"}
        A file of another format saved before under ``name`` is removed:
        the folder holds what the sidecar lists.

    Returns
    -------
    dict
        Format (and ``"json"``) → path written.
    """
    import matplotlib as mpl

    from .fontcache import install

    install()  # font look-ups answered once (nothing drawn changes)
    out = Path(out_dir)
    formats = list(figure_formats(formats))
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    engine = fig.get_layout_engine()
    laid_out = engine is None or getattr(fig, "helpers_laid_out", False)
    if engine is not None and laid_out:
        fig.set_layout_engine("none")  # laid out already, as the PNG draw would (png_layout)
    try:
        with mpl.rc_context(SAVE_RC):
            # The PNG draw runs the layout engine (constrained layout) and
            # draws in one pass; the layout is then kept for the other
            # formats, each drawn once.  Without a PNG the layout is worked
            # out the same way (an Agg renderer at PNG_DPI), so that an SVG
            # is the same whether or not a PNG was saved with it.
            for fmt in sorted(formats, key=lambda f: f != "png"):
                path = out / f"{name}.{fmt}"
                if fmt == "png":
                    _write_png(fig, path)
                else:
                    if not laid_out and "png" not in written:
                        _layout(fig)
                    _write_vector(fig, path, fmt)
                written[fmt] = path
                if engine is not None:
                    fig.set_layout_engine("none")
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    written = {fmt: written[fmt] for fmt in formats}
    record = sidecar(
        fig,
        name,
        inputs=inputs,
        params=params,
        data_date=data_date,
        files=[p.name for p in written.values()],
    )
    json_path = out / f"{name}.json"
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
    json_path.write_text(text, encoding="utf-8")
    written["json"] = json_path
    for fmt in SAVE_OPTIONS:  # a format saved before and not now would not match the sidecar, nor maybe the data
        if fmt not in written:
            (out / f"{name}.{fmt}").unlink(missing_ok=True)
    return written


__all__ = [
    "FORMATS",
    "PNG_COMPRESS_LEVEL",
    "PNG_DPI",
    "SAVE_OPTIONS",
    "SAVE_RC",
    "SVG_HASHSALT",
    "UnknownFormats",
    "figure_formats",
    "figure_title",
    "png_bytes",
    "png_layout",
    "save_figure",
    "sha256",
    "sidecar",
]
