"""A report document as an offline HTML page, and the commune reports written from one document.

:func:`document_page` lays a :class:`helpers.document.ReportDocument` (what
the Word writer writes) out as a page of :mod:`helpers.pages`: its style,
its Content-Security-Policy, nothing loaded from elsewhere, the figures as
embedded PNG (``data:`` URIs) with their alt text.  The page reads like a
notebook page: the committee's header block, the title, then each section's
heading, its prose (the paragraphs under the same heading in the report's
notebook, in the report's language), its readings, figures (numbered
captions, as in Word) and tables, and the note on the data.

:func:`render_commune` writes a commune's page and its Word report from one
:func:`helpers.commune.commune_document`: no kernel is started and each
figure is drawn and saved once, which is what lets the build write a report
for every commune of a province in a few warm processes.

Examples
--------
>>> from helpers.document import Paragraph, ReportDocument, Section
>>> doc = ReportDocument(lang="en", committee="TUYÊN QUANG\\nYÊN NGUYÊN COMMUNE PARTY COMMITTEE", place="Yên Nguyên",
...     date="5 December 2025", title="PARTY-BUILDING FIGURES, 2025",
...     sections=[Section("Admissions year by year", [Paragraph("In 2025, 12 were admitted.")])], source_note="Synthetic.")
>>> page = document_page(doc, title="Yên Nguyên", prose={"Admissions year by year": ["Since 1 July 2025 …"]})
>>> '<html lang="en">' in page, "<h2>Admissions year by year</h2>" in page, page.count('<p class="reading">')
(True, True, 1)
>>> page.index("Since 1 July 2025") < page.index("In 2025, 12 were admitted.")
True
"""

from __future__ import annotations

import base64
import html
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from .document import Figure, Paragraph, ReportDocument, Table
from .i18n import translate

__all__ = ["document_page", "notebook_prose", "render_commune"]

#: One commune report at a time per process: figures are drawn with pyplot,
#: whose figure list is shared by the threads of a process (a Dask worker's).
_DRAWING = threading.Lock()


def _word_text(key: str, lang: str, **params: object) -> str:
    from .word import TEXTS  # the Word report's fixed texts: the page says the same

    return translate(TEXTS, key, lang, **params)


def notebook_prose(nb: dict, lang: str) -> dict[str, list[str]]:
    """The paragraphs under each level-2 heading of a notebook's markdown, in ``lang``
    (the other language's cells and ``notebook-only`` cells left out).

    >>> nb = {"cells": [{"cell_type": "markdown", "metadata": {"tags": ["lang-en"]}, "source": "## Cells\\n\\nA *cell*."},
    ...                 {"cell_type": "markdown", "metadata": {"tags": ["lang-vi"]}, "source": "## Chi bộ\\n\\nMột."}]}
    >>> notebook_prose(nb, "en")
    {'Cells': ['A cell.']}
    """
    from .notebooks import _source, for_report, markdown_blocks

    out: dict[str, list[str]] = {}
    heading = None
    for cell in for_report(nb, lang)["cells"]:
        if cell.get("cell_type") != "markdown":
            continue
        for level, text in markdown_blocks(_source(cell)):
            if level == 2:
                heading = text
                out.setdefault(heading, [])
            elif level == 0 and heading is not None:
                out[heading].append(text)
            elif level:
                heading = None
    return out


def _header(doc: ReportDocument) -> str:
    e = html.escape
    lines = [line.strip() for line in doc.committee.split("\n") if line.strip()]
    issuer = "".join(f'<p class="{"issuer" if i == len(lines) - 1 else "superior"}">{e(x)}</p>' for i, x in enumerate(lines))
    place_date = _word_text("place_date", doc.lang, place=doc.place, date=doc.date)
    return (f'<div class="report-header"><div class="committee">{issuer}</div>'
            f'<div class="party"><p class="issuer">{e(_word_text("party", doc.lang))}</p>'
            f'<p class="place-date">{e(place_date)}</p></div></div>')  # fmt: skip


def _figure(block: Figure, lang: str, number: int) -> str:
    from .save import PNG_DPI

    png = Path(block.image).read_bytes()
    width = round(int.from_bytes(png[16:20], "big") * 96 / PNG_DPI)
    data = base64.b64encode(png).decode("ascii")
    alt = html.escape(block.alt or block.caption, quote=True)
    caption = html.escape(f"{_word_text('figure', lang)} {number}. {block.caption}")
    return (f'<figure class="report-figure"><img src="data:image/png;base64,{data}" alt="{alt}" width="{width}" '
            f'style="max-width: 100%; height: auto;"><figcaption>{caption}</figcaption></figure>')  # fmt: skip


def _table(block: Table) -> str:
    e = html.escape
    align = list(block.align) or ["left"] * len(block.headings)
    head = "".join(f'<th scope="col" class="{a}">{e(h)}</th>' for h, a in zip(block.headings, align))

    def row(cells: Sequence[str], css: str = "") -> str:
        rest = "".join(f'<td class="{a}">{e(str(c))}</td>' for c, a in zip(cells[1:], align[1:]))
        return f'<tr{f" class={chr(34)}{css}{chr(34)}" if css else ""}><th scope="row">{e(str(cells[0]))}</th>{rest}</tr>'

    body_rows = block.rows[:-1] if block.total_row else block.rows
    foot = f"<tfoot>{row(block.rows[-1], 'total')}</tfoot>" if block.total_row and block.rows else ""
    return (f'<div class="report-table"><table><caption>{e(block.caption)}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(row(r) for r in body_rows)}</tbody>{foot}</table></div>')  # fmt: skip


def document_page(
    doc: ReportDocument,
    *,
    title: str,
    nav: Sequence[tuple] = (),
    prose: Mapping[str, Sequence[str]] | None = None,
    synthetic: bool = False,
) -> str:
    """``doc`` as a whole offline page (:func:`helpers.pages.page`) in ``doc.lang``.

    ``prose`` maps a section heading to the paragraphs shown under it before
    its own blocks (:func:`notebook_prose`); ``synthetic`` gives the note on
    the data the look of the synthetic-data notice (otherwise that of a list
    of sources).
    """
    from .pages import page

    e = html.escape
    parts = [_header(doc), f"<h1>{e(doc.title)}</h1>"]
    if doc.subtitle:
        parts.append(f'<p class="scope">{e(doc.subtitle)}</p>')
    figures = 0
    for section in doc.sections:
        parts.append(f"<h2>{e(section.heading)}</h2>")
        parts += [f"<p>{e(text)}</p>" for text in (prose or {}).get(section.heading, ())]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(f'<p class="reading">{e(block.text)}</p>')
            elif isinstance(block, Figure):
                figures += 1
                parts.append(_figure(block, doc.lang, figures))
            elif isinstance(block, Table):
                parts.append(_table(block))
    if doc.source_note:
        parts.append(f'<p class="note {"synthetic" if synthetic else "sources"}">{e(doc.source_note)}</p>')
    return page("\n".join(parts), lang=doc.lang, title=title, nav=nav)


#: The communes with data of each dataset read in this process (finding them reads every row).
_COMMUNES: dict[int, tuple[object, list[str]]] = {}


def _context(parameters: Mapping[str, object]):
    """What :func:`helpers.commune.commune_context` gives, the communes with data found once per dataset."""
    from . import config
    from .commune import CommuneContext, communes_in, resolve_commune
    from .i18n import get_lang
    from .report import load_data
    from .save import figure_formats

    lang = get_lang(str(parameters["lang"]))
    dataset = load_data(parameters.get("data_dir"), lang=lang)
    if _COMMUNES.get(id(dataset), (None,))[0] is not dataset:
        _COMMUNES.clear()
        _COMMUNES[id(dataset)] = (dataset, communes_in(dataset.tables))
    name = resolve_commune(str(parameters["commune"]), _COMMUNES[id(dataset)][1], lang=lang)
    folder = Path(str(parameters["figures_dir"])) if parameters.get("figures_dir") else config.FIGURES_DIR / lang
    return CommuneContext(dataset=dataset, commune=name, lang=lang, figures_dir=folder,
                          formats=figure_formats(parameters.get("figure_formats")))  # fmt: skip


def render_commune(parameters: Mapping[str, object], *, html_path: str | Path, docx_path: str | Path | None,
                   title: str, nav: Sequence[tuple] = (), notebook: dict | None = None) -> dict[str, str | None]:  # fmt: skip
    """Write a commune's page (and Word report) from one :func:`helpers.commune.commune_document`.

    ``parameters`` are the commune notebook's (``commune``, ``lang``,
    ``data_dir``, ``figures_dir``, ``figure_formats``); ``notebook`` (the commune notebook) gives
    the sections' prose.  Returns the paths written, ``{"html": …, "docx": …}``.
    """
    from .commune import commune_document
    from .pages import write_page

    lang = str(parameters["lang"])
    with _DRAWING:
        ctx = _context(parameters)
        doc = commune_document(ctx)
    prose = notebook_prose(notebook, lang) if notebook else {}
    write_page(document_page(doc, title=title, nav=nav, prose=prose, synthetic=ctx.dataset.bundled), html_path)
    written: dict[str, str | None] = {"html": str(html_path), "docx": None}
    if docx_path:
        from .word import write_docx

        written["docx"] = str(write_docx(doc, Path(docx_path)))
    return written
