"""Saving figures: PNG, SVG and PDF that are byte-identical on rebuild, plus a JSON sidecar.

A figure rebuilt from the same data, in another process, gives the same
bytes: the settings that would embed the time, the matplotlib version or a
random id are fixed, only for the duration of the save call.

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

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import config

#: Dots per inch of the PNG files.
PNG_DPI = 300

#: The fixed salt of SVG ids (random by default).
SVG_HASHSALT = "helpers"

#: Keyword arguments of ``savefig`` for each format: no time, no version.
SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "png": {"dpi": PNG_DPI, "metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None}},
    "pdf": {"metadata": {"CreationDate": None, "ModDate": None}},
}

#: The sidecar's line about the bundled data.
SYNTHETIC_NOTE = {
    "vi": "Dữ liệu kèm theo trong data/raw là dữ liệu mô phỏng (tổng hợp), không phải số liệu thật.",
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


def _shown(path: Path) -> str:
    """A path as written in the sidecar: relative to the project when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(config.PROJ_ROOT.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


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
    formats: Iterable[str] = ("png", "svg", "pdf"),
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

    Returns
    -------
    dict
        Format (and ``"json"``) → path written.
    """
    import matplotlib as mpl

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    formats = list(formats)
    bad = [f for f in formats if f not in SAVE_OPTIONS]
    if bad:
        raise ValueError(f"formats must be among {', '.join(SAVE_OPTIONS)}; got {bad}")
    written: dict[str, Path] = {}
    engine = fig.get_layout_engine()
    try:
        with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
            for fmt in formats:
                path = out / f"{name}.{fmt}"
                fig.savefig(path, format=fmt, **SAVE_OPTIONS[fmt])
                written[fmt] = path
                if engine is not None:
                    # The layout is done: keep it for the other formats
                    # rather than working it out again for each.
                    fig.set_layout_engine("none")
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
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
    return written


__all__ = ["PNG_DPI", "SAVE_OPTIONS", "SVG_HASHSALT", "figure_title", "save_figure", "sha256", "sidecar"]
