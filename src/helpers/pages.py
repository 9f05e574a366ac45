"""HTML pages that open anywhere: executed notebooks without their code, and the indexes.

:func:`notebook_page` writes an executed notebook as one self-contained
page: the prose, and what each code cell displayed (the readings, the
tables, the figures as embedded images with their ``alt`` text), never the
code.  Nothing is loaded from elsewhere: no script, no font, no style
sheet; a Content-Security-Policy tells the browser so, and images are
``data:`` URIs.  The page is in one language, said by ``<html lang>``.

:func:`index_page` lists one language's reports; :func:`root_index_page`
is ``reports/index.html``, which leads to both languages.

These pages import only :mod:`mistune` (markdown) and the standard library.

Examples
--------
>>> nb = {"cells": [{"cell_type": "markdown", "source": "# Báo cáo", "metadata": {}},
...     {"cell_type": "code", "source": "x", "metadata": {}, "outputs": [
...         {"output_type": "display_data", "metadata": {"image/png": {"alt": "Hình 1. Đọc"}},
...          "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}}]}]}
>>> page = notebook_page(nb, lang="vi", title="Báo cáo")
>>> '<html lang="vi">' in page, 'alt="Hình 1. Đọc"' in page, "x" in page.split("<main>")[1].split("<p")[0]
(True, True, False)
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

from .i18n import get_lang, translate

__all__ = ["CSP", "STYLE", "index_page", "notebook_page", "root_index_page", "write_page"]

#: What a page may load: nothing but its own inline style and ``data:`` images.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

#: The pages' style: system fonts that carry Vietnamese, print-friendly.
STYLE = """
body { font-family: "Be Vietnam Pro", "Segoe UI", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
       max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; } h2 { font-size: 1.3em; margin-top: 1.8em; }
nav.top { font-size: 0.9em; margin-bottom: 1em; } nav.top a { margin-right: 1em; }
.report-header { display: flex; justify-content: space-between; gap: 2em; font-size: 0.95em; }
.report-header p { margin: 0; } .report-header .issuer { font-weight: bold; }
.report-header .party { text-align: right; } .place-date { font-style: italic; }
.note { background: #fff6d5; border-left: 4px solid #c9a227; padding: 0.6em 1em; }
.note.sources { background: #eef4fb; border-left-color: #3b73b9; }
blockquote { margin: 1em 0; padding: 0.6em 1em; background: #f4f4f4; border-left: 4px solid #999; }
p.reading { font-weight: 500; }
figure.report-figure { margin: 1em 0; } figure.report-figure img { max-width: 100%; height: auto; }
.report-table { overflow-x: auto; margin: 1em 0; }
.report-table table { border-collapse: collapse; font-size: 0.9em; }
.report-table caption { text-align: left; font-weight: bold; padding-bottom: 0.4em; }
.report-table th, .report-table td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
.report-table thead th { background: #f0f0f0; }
.report-table td.right, .report-table th.right { text-align: right; }
.report-table tfoot th, .report-table tfoot td { font-weight: bold; background: #fafafa; }
.table-note { font-size: 0.85em; color: #555; margin: 0.3em 0; }
pre { white-space: pre-wrap; background: #f7f7f7; padding: 0.5em; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; }
@media print { nav.top { display: none; } body { max-width: none; } }
"""

_MESSAGES = {
    "index": {"vi": "Mục lục", "en": "Contents"},
    "all_languages": {"vi": "Các ngôn ngữ", "en": "Languages"},
    "index_title": {"vi": "Báo cáo công tác xây dựng Đảng", "en": "Party-building reports"},
    "districts": {"vi": "Huyện, thành phố", "en": "Districts"},
    "province": {"vi": "Toàn tỉnh", "en": "The province"},
    "communes": {"vi": "Xã, phường (từ ngày 1/7/2025)", "en": "Communes and wards (from 1 July 2025)"},
    "missing": {"vi": "(chưa dựng)", "en": "(not built yet)"},
    "other_language": {"vi": "English", "en": "Tiếng Việt"},
    "lang_vi": {"vi": "Báo cáo bằng tiếng Việt", "en": "Báo cáo bằng tiếng Việt"},
    "lang_en": {"vi": "Reports in English", "en": "Reports in English"},
    "lang_missing_vi": {"vi": "(chưa dựng: python -m helpers build)", "en": "(chưa dựng: python -m helpers build)"},
    "lang_missing_en": {"vi": "(not built yet: python -m helpers build --lang en)", "en": "(not built yet: python -m helpers build --lang en)"},
    "word": {"vi": "bản Word", "en": "Word version"},
}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _markdown():
    import mistune

    return mistune.create_markdown(plugins=["table", "strikethrough"])


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _image(data: dict, metadata: dict, mime: str) -> str:
    alt = (metadata.get(mime) or {}).get("alt", metadata.get("alt", ""))
    payload = _text(data[mime]).strip()
    if mime == "image/svg+xml":
        payload = base64.b64encode(payload.encode("utf-8")).decode("ascii")
    payload = "".join(payload.split())
    return (
        f'<figure class="report-figure"><img src="data:{mime};base64,{payload}" '
        f'alt="{html.escape(str(alt), quote=True)}"></figure>'
    )


def _output(output: dict, markdown) -> str:
    """One output as HTML: the richest of its representations; stderr and code never."""
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="stream">{html.escape(_text(output.get("text", "")))}</pre>' if output.get("name") == "stdout" else ""
    if kind == "error":
        return f'<pre class="error">{html.escape(output.get("ename", ""))}: {html.escape(output.get("evalue", ""))}</pre>'
    data, metadata = output.get("data", {}), output.get("metadata", {})
    if "text/html" in data:
        return _text(data["text/html"])
    for mime in ("image/png", "image/jpeg", "image/svg+xml"):
        if mime in data:
            return _image(data, metadata, mime)
    if "text/markdown" in data:
        return markdown(_text(data["text/markdown"]))
    if "text/plain" in data:
        return f"<pre>{html.escape(_text(data['text/plain']))}</pre>"
    return ""


def page(body: str, *, lang: str, title: str, nav: Sequence[tuple] = ()) -> str:
    """A whole page around ``body``: language, title, the style, links at the top.

    ``nav`` holds ``(href, text)`` links, or ``(href, text, lang)`` for a link
    written in another language.
    """
    def link(item: tuple) -> str:
        href, text, *other = item
        where = f' lang="{other[0]}"' if other else ""
        return f'<a href="{html.escape(href)}"{where}>{html.escape(text)}</a>'

    links = "".join(link(item) for item in nav)
    top = f'<nav class="top">{links}</nav>' if links else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
{top}<main>
{body}
</main>
</body>
</html>
"""


def notebook_page(nb: dict, *, lang: str | None = None, title: str, nav: Sequence[tuple[str, str]] = ()) -> str:
    """An executed notebook (JSON) as a page: markdown cells and code outputs, no code."""
    lang = get_lang(lang)
    markdown = _markdown()
    parts = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            parts.append(markdown(_source(cell)))
        elif cell.get("cell_type") == "code":
            parts.extend(_output(o, markdown) for o in cell.get("outputs", []))
    return page("\n".join(p for p in parts if p), lang=lang, title=title, nav=nav)


def write_page(text: str, path: str | Path) -> bool:
    """Write ``text`` to ``path`` if it changed; True when written."""
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def _item(folder: Path, file: str, label: str, lang: str, word: str | None = None) -> str:
    exists = (folder / file).exists()
    link = f'<a href="{html.escape(file)}">{html.escape(label)}</a>'
    extra = ""
    if word and (folder / word).exists():
        extra = f' · <a href="{html.escape(word)}">{html.escape(_t("word", lang))}</a>'
    return f"<li>{link}{extra}{'' if exists else ' ' + html.escape(_t('missing', lang))}</li>"


def index_page(
    folder: str | Path,
    *,
    lang: str,
    title: str,
    intro: str,
    note: str,
    districts: Sequence[tuple[str, str]],
    province: Sequence[tuple[str, str]] = (),
    communes: Sequence[tuple[str, str]] = (),
) -> str:
    """``reports/<lang>/index.html``: each report of the language, with its Word version when there is one.

    ``districts``, ``province`` and ``communes`` (the communes and wards of
    1 July 2025) are ``(file name, label)`` pairs.
    """
    folder = Path(folder)
    e = html.escape
    rows = "\n".join(_item(folder, f, label, lang, Path(f).with_suffix(".docx").name) for f, label in districts)
    body = [f"<h1>{e(title)}</h1>", f"<p>{e(intro)}</p>", f'<p class="note">{e(note)}</p>']
    body += [f"<h2>{e(_t('districts', lang))}</h2>", f"<ul>\n{rows}\n</ul>"]
    if province:
        items = "".join(_item(folder, f, label, lang, Path(f).with_suffix(".docx").name) for f, label in province)
        body += [f"<h2>{e(_t('province', lang))}</h2>", f"<ul>{items}</ul>"]
    if communes:
        items = "".join(_item(folder, f, label, lang, Path(f).with_suffix(".docx").as_posix()) for f, label in communes)
        body += [f"<h2>{e(_t('communes', lang))}</h2>", f"<ul>{items}</ul>"]
    other = "en" if lang == "vi" else "vi"
    nav = [("../index.html", _t("all_languages", lang)), (f"../{other}/index.html", _t("other_language", lang), other)]
    return page("\n".join(body), lang=lang, title=title, nav=nav)


def root_index_page(folder: str | Path, langs: Sequence[str] = ("vi", "en")) -> str:
    """``reports/index.html``: one section per language, each in its own language, leading to that language's index."""
    folder = Path(folder)
    sections = []
    for lang in langs:
        built = (folder / lang / "index.html").exists()
        link = f'<a href="{lang}/index.html">{html.escape(_t(f"lang_{lang}", lang))}</a>'
        missing = "" if built else " " + html.escape(_t(f"lang_missing_{lang}", lang))
        title = html.escape(_t("index_title", lang))
        sections.append(f'<section lang="{lang}"><h2>{title}</h2><p>{link}{missing}</p></section>')
    heading = " · ".join(f'<span lang="{lang}">{html.escape(_t("index_title", lang))}</span>' for lang in langs)
    body = f"<h1>{heading}</h1>\n" + "\n".join(sections)
    return page(body, lang=langs[0], title=_t("index_title", langs[0]))
