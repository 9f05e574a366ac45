"""The notebooks as the build and the written reports read them: cells by language, prose.

Every notebook under ``notebooks/`` holds its prose in both languages: a
markdown cell tagged ``lang-vi`` and its English twin tagged ``lang-en``,
side by side, so that it reads in JupyterLab in either language.  The
build keeps one language (:func:`for_report`); cells tagged ``kind-<table>``
(``kind-admissions`` …) hold what needs that report kind and are dropped
for a district whose data do not have it; cells tagged ``notebook-only``
(notes for the analyst about the code) are dropped from every report.  A
district notebook tags the markdown cell that heads each report kind's
section ``section-<table>``: :func:`sections` reads those headings and the
prose under them for the Word report.

Notebooks are handled as plain JSON (``dict``), so that the build need not
import nbformat to read or filter one.

Examples
--------
>>> nb = {"cells": [
...     {"cell_type": "markdown", "metadata": {"tags": ["lang-vi"]}, "source": "# Báo cáo"},
...     {"cell_type": "markdown", "metadata": {"tags": ["lang-en"]}, "source": "# Report"},
...     {"cell_type": "code", "metadata": {"tags": ["kind-ratings"]}, "source": "x = 1"}]}
>>> [c["source"] for c in for_report(nb, "en", kinds=["admissions"])["cells"]]
['# Report']
>>> title(nb, "vi")
'Báo cáo'
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from .config import LANGS

#: The tag of a cell in one language.
LANG_TAG = "lang-{lang}"
#: The tag of a cell that needs one report kind's data.
KIND_TAG = "kind-{kind}"
#: The tag of the markdown cell heading a report kind's section.
SECTION_TAG = "section-{kind}"
#: The tag of a cell shown in JupyterLab only (notes about the code).
NOTEBOOK_ONLY = "notebook-only"
#: The kernel every notebook names (``python -m helpers lab`` registers it).
KERNEL = "party-stats"

__all__ = [
    "KERNEL",
    "KIND_TAG",
    "LANG_TAG",
    "NOTEBOOK_ONLY",
    "SECTION_TAG",
    "cell_lang",
    "for_language",
    "for_report",
    "markdown_blocks",
    "read",
    "sections",
    "title",
]


def read(path: str | Path) -> dict:
    """A notebook file as JSON."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def cell_lang(cell: dict) -> str | None:
    """The language a cell is tagged with, or ``None`` for a cell of every language.

    >>> cell_lang({"metadata": {"tags": ["lang-en"]}}), cell_lang({"metadata": {}})
    ('en', None)
    """
    for lang in LANGS:
        if LANG_TAG.format(lang=lang) in _tags(cell):
            return lang
    return None


def for_language(nb: dict, lang: str) -> dict:
    """A copy of ``nb`` without the cells of the other languages."""
    out = copy.deepcopy(nb)
    out["cells"] = [c for c in out["cells"] if cell_lang(c) in (None, lang)]
    return out


def for_report(nb: dict, lang: str, kinds: Iterable[str] | None = None) -> dict:
    """The cells of a report in ``lang``: other languages, ``notebook-only``
    cells and (when ``kinds`` is given) cells needing a kind not in ``kinds`` dropped."""
    out = for_language(nb, lang)
    present = None if kinds is None else {KIND_TAG.format(kind=k) for k in kinds}

    def keep(cell: dict) -> bool:
        tags = _tags(cell)
        if NOTEBOOK_ONLY in tags:
            return False
        needed = [t for t in tags if t.startswith("kind-")]
        return present is None or all(t in present for t in needed)

    out["cells"] = [c for c in out["cells"] if keep(c)]
    return out


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _plain(text: str) -> str:
    """Markdown inline markup removed: emphasis, code, links."""
    text = _LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def markdown_blocks(source: str) -> list[tuple[int, str]]:
    """A markdown cell as ``(level, text)`` blocks: headings with their
    level (1–6), paragraphs, list items and quotes with level 0, as plain text.

    >>> markdown_blocks("## Kết nạp *đảng viên*\\n\\nMỗi tổ chức\\ncó chỉ tiêu.\\n\\n- một\\n- hai")
    [(2, 'Kết nạp đảng viên'), (0, 'Mỗi tổ chức có chỉ tiêu.'), (0, 'một'), (0, 'hai')]
    """
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append((0, _plain(" ".join(lines))))
            lines.clear()

    for raw in source.splitlines():
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append((len(heading.group(1)), _plain(heading.group(2))))
        elif not line or line == "---":
            flush()
        elif re.match(r"^([-*]|\d+\.)\s+", line):
            flush()
            lines.append(re.sub(r"^([-*]|\d+\.)\s+", "", line))
            flush()
        else:
            lines.append(line.lstrip("> ").strip())
    flush()
    return [b for b in blocks if b[1]]


def title(nb: dict, lang: str) -> str:
    """The notebook's title in ``lang``: the first level-1 heading of its cells in that language."""
    for cell in for_language(nb, lang)["cells"]:
        if cell.get("cell_type") == "markdown":
            for level, text in markdown_blocks(_source(cell)):
                if level == 1:
                    return text
    return ""


def sections(nb: dict, lang: str, kinds: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """Each report kind's section heading and the paragraphs of its prose, in ``lang``.

    The heading is the first heading of the cell tagged ``section-<kind>``;
    the paragraphs are that cell's other text and that of the markdown
    cells tagged ``kind-<kind>``.  Kinds without a section cell are left out.
    """
    out: dict[str, tuple[str, list[str]]] = {}
    cells = [c for c in for_report(nb, lang)["cells"] if c.get("cell_type") == "markdown"]
    for kind in kinds:
        heading, paragraphs = "", []
        for cell in cells:
            tags = _tags(cell)
            if SECTION_TAG.format(kind=kind) not in tags and KIND_TAG.format(kind=kind) not in tags:
                continue
            for level, text in markdown_blocks(_source(cell)):
                if level and not heading:
                    heading = text
                elif not level:
                    paragraphs.append(text)
        if heading:
            out[kind] = (heading, paragraphs)
    return out


# --------------------------------------------------------------------------
# The lessons in one language
# --------------------------------------------------------------------------

_MESSAGES = {
    "description": {
        "vi": "Ghi các bài học (notebooks/teaching) bằng một ngôn ngữ vào một thư mục.",
        "en": "Write the lessons (notebooks/teaching) in one language to a folder.",
    },
    "out": {"vi": "thư mục ghi (mặc định build/lessons/<ngôn ngữ>)", "en": "output folder (default build/lessons/<lang>)"},
    "wrote": {"vi": "Đã ghi {n} notebook vào {out}.", "en": "Wrote {n} notebooks to {out}."},
}


def lessons_dir(lang: str, out_dir: str | Path | None = None) -> Path:
    """Where :func:`write_lessons` writes: ``out_dir``, by default ``build/lessons/<lang>``."""
    from . import config

    return Path(out_dir) if out_dir else config.BUILD_DIR / "lessons" / lang


def write_lessons(lang: str, out_dir: str | Path | None = None) -> list[Path]:
    """Copy every teaching notebook (and its solution) into ``out_dir`` with the prose of ``lang`` only."""
    from . import config

    source = config.NOTEBOOKS_DIR / "teaching"
    out = lessons_dir(lang, out_dir)
    written = []
    for path in sorted(source.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        target = out / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = for_report(read(path), lang)
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(target)
    return written


def lessons_cli(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers lessons --lang en [--out DIR]``: the lessons in one language."""
    from ._cli import make_parser, parse, peek_lang
    from .i18n import translate

    lang = peek_lang(argv)
    parser = make_parser("lessons", translate(_MESSAGES, "description", lang), lang=lang)
    parser.add_argument("--out", metavar="DIR", help=translate(_MESSAGES, "out", lang))
    args = parse(parser, list(argv) if argv is not None else None)
    written = write_lessons(args.lang, args.out)
    print(translate(_MESSAGES, "wrote", args.lang, n=len(written), out=lessons_dir(args.lang, args.out)))
    return 0
