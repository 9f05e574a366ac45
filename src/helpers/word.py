"""Word reports: a :class:`helpers.document.ReportDocument` written as ``.docx``.

The layout is that of the party's documents (Hướng dẫn 36-HD/VPTW, 2018,
on the form and presentation of the party's documents):

- A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm;
  Times New Roman (a Unicode font of TCVN 6909:2001), body text 14 pt;
- top left, the issuing committee in capitals (the committee above it, if
  given, regular; the issuing one bold), a star ``*`` under it, then the
  document's number when it has one;
- top right, "ĐẢNG CỘNG SẢN VIỆT NAM" in bold capitals, underlined, and
  under it the place and date in italics ("Chiêm Hóa, ngày 15 tháng 12
  năm 2024");
- the title centred in bold capitals, the subtitle under it, a short rule;
- page numbers centred at the top, from the second page on.

Then the sections: each heading, its readings as justified paragraphs,
every figure with a numbered caption under it ("Hình 1. …" / "Figure 1.
…", a Word ``SEQ`` field, so that Word renumbers when a figure is added),
every table with a numbered caption over it, its header row repeated on
each page and its numbers right-aligned; at the end, the data-source note.
Every fixed text is in the document's language (:data:`TEXTS`): an English
document reads "COMMUNIST PARTY OF VIETNAM".

Examples
--------
>>> import tempfile, pathlib
>>> from helpers.document import Paragraph, ReportDocument, Section
>>> doc = ReportDocument(lang="vi", committee="HUYỆN ỦY CHIÊM HÓA", place="Chiêm Hóa",
...     date="ngày 15 tháng 12 năm 2024", title="BÁO CÁO SỐ LIỆU NĂM 2024",
...     sections=[Section("1. Kết nạp đảng viên", [Paragraph("Năm 2024 kết nạp 120 đảng viên.")])])
>>> path = write_docx(doc, pathlib.Path(tempfile.mkdtemp()) / "chiem-hoa.docx")
>>> import docx
>>> [p.text for p in docx.Document(path).paragraphs][-1]
'Năm 2024 kết nạp 120 đảng viên.'
"""

from __future__ import annotations

from pathlib import Path

from .document import Figure, Paragraph, ReportDocument, Table
from .i18n import get_lang, translate

#: The fixed texts of a Word report.
TEXTS: dict[str, dict[str, str]] = {
    "party": {"vi": "ĐẢNG CỘNG SẢN VIỆT NAM", "en": "COMMUNIST PARTY OF VIETNAM"},
    "figure": {"vi": "Hình", "en": "Figure"},
    "table": {"vi": "Bảng", "en": "Table"},
    "place_date": {"vi": "{place}, {date}", "en": "{place}, {date}"},
}

#: Word's language tag of each report language (spelling and hyphenation).
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}

FONT = "Times New Roman"
#: Body text, the committee and date lines, the title, captions and tables, in points.
SIZES = {"body": 14, "party": 14, "title": 15, "caption": 13, "table": 12, "note": 12}
#: Page margins in millimetres (36-HD/VPTW: top and bottom 20–25, left 30–35, right 15–20).
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PAGE_MM = (210, 297)
#: First-line indent of body paragraphs, in centimetres.
INDENT_CM = 1.27
#: The widths of the committee's and the party's columns at the top, in millimetres.
HEADER_MM = (80, 85)
#: The first column of a table (the units' names), in millimetres; the others share the rest.
FIRST_COLUMN_MM = 62
#: The largest figure, in millimetres (the text is 165 mm wide).
FIGURE_MM = (160, 200)


def _text(key: str, lang: str) -> str:
    return translate(TEXTS, key, lang)


# --- styles and page ----------------------------------------------------------


def _font(style_or_run, size: float | None = None, *, bold: bool | None = None, lang: str | None = None) -> None:
    """Times New Roman for every script (Latin, East Asian, complex), at ``size``."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(attr), None)
    if lang is not None:
        tag = rpr.find(qn("w:lang"))
        if tag is None:
            tag = rpr.makeelement(qn("w:lang"), {})
            rpr.insert_element_before(tag, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        tag.set(qn("w:val"), LANGUAGE_TAGS[lang])


def _styles(document, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    normal = document.styles["Normal"]
    _font(normal, SIZES["body"], lang=lang)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", SIZES["body"]), ("Heading 2", SIZES["body"]), ("Caption", SIZES["caption"])):
        style = document.styles[name]
        _font(style, size, bold=name != "Caption")
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = name == "Caption"
        style.paragraph_format.space_before = Pt(6 if name == "Caption" else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = name != "Caption"
    document.styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles["Heading 1"].paragraph_format.first_line_indent = Cm(INDENT_CM)


def _page(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True  # no number on the first page
    header = section.header.paragraphs[0]
    header.alignment = 1  # centred
    _field(header, "PAGE", "2", size=SIZES["body"])


def _field(paragraph, instruction: str, shown: str, *, size: float | None = None):
    """A Word field (``PAGE``, ``SEQ Hình``) in ``paragraph``, showing ``shown`` until Word updates it."""
    from docx.oxml.ns import qn

    def run_with(tag: str, **attrs):
        run = paragraph.add_run()
        if size is not None:
            _font(run, size)
        element = run._r.makeelement(qn(tag), {qn(k): v for k, v in attrs.items()})
        run._r.append(element)
        return run, element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    _, instr = run_with("w:instrText")
    instr.text = f" {instruction} "
    instr.set(qn("xml:space"), "preserve")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    result = paragraph.add_run(shown)
    if size is not None:
        _font(result, size)
    run_with("w:fldChar", **{"w:fldCharType": "end"})
    return result


# --- the header block -------------------------------------------------------------


def _fixed(table, widths) -> None:
    """Column widths that Word and LibreOffice keep (a fixed layout)."""
    from docx.oxml.ns import qn

    table.autofit = False
    table._tbl.tblPr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    for column, width in zip(table.columns, widths):
        column.width = width
    for tr in table._tbl.tr_lst:  # each cell's own element: the table has no merged cells
        for tc, width in zip(tr.tc_lst, widths):
            tc.width = width


def _no_borders(table) -> None:
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    borders = tblpr.makeelement(qn("w:tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _line(cell, text: str, *, first: bool = False, size: float = SIZES["party"], **style):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(text)
    _font(run, size, bold=style.get("bold", False))
    run.font.italic = style.get("italic", False)
    run.font.underline = style.get("underline", False)
    return paragraph


def _header_block(document, doc: ReportDocument, lang: str) -> None:
    """The committee top left (a star under it), the party's name and the place and date top right."""
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed(table, (Mm(HEADER_MM[0]), Mm(HEADER_MM[1])))
    left, right = table.rows[0].cells
    lines = [line.strip() for line in doc.committee.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        _line(left, line.upper(), first=i == 0, bold=i == len(lines) - 1)
    _line(left, "*")
    if doc.number:
        _line(left, doc.number, size=SIZES["body"])
    _line(right, _text("party", lang), first=True, bold=True, underline=True)
    _line(right, "")
    place_date = translate(TEXTS, "place_date", lang, place=doc.place, date=doc.date)
    _line(right, place_date, italic=True, size=SIZES["body"])


def _title(document, doc: ReportDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for text, size, space in ((doc.title, SIZES["title"], 18), (doc.subtitle, SIZES["body"], 0)):
        if not text:
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(space)
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(text), size, bold=True)
    rule = document.add_paragraph()
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rule.paragraph_format.space_after = Pt(12)
    rule.add_run("-----")


# --- blocks ----------------------------------------------------------------------------


def _paragraph(document, block: Paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    paragraph = document.add_paragraph(block.text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(INDENT_CM)


def _picture_size(path: Path) -> tuple[int, int]:
    """The size a figure is shown at (EMU): the page's width at most, and 200 mm of height."""
    from docx.shared import Mm
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
    scale = min(Mm(FIGURE_MM[0]) / width, Mm(FIGURE_MM[1]) / height)
    return int(width * scale), int(height * scale)


def _caption(document, lang: str, kind: str, number: int, text: str):
    paragraph = document.add_paragraph(style="Caption")
    prefix = _text(kind, lang)
    paragraph.add_run(f"{prefix} ")
    _field(paragraph, f"SEQ {prefix} \\* ARABIC", str(number))
    paragraph.add_run(f". {text}")
    return paragraph


def _figure(document, block: Figure, lang: str, number: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    width, height = _picture_size(Path(block.image))
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(str(block.image), width=width, height=height)
    shape._inline.docPr.set("descr", block.alt or block.caption)
    shape._inline.docPr.set("title", block.caption)
    _caption(document, lang, "figure", number, block.caption)


def _looks_numeric(text: str) -> bool:
    stripped = text.replace(".", "").replace(",", "").replace("%", "").replace(" ", "").replace("\u00a0", "").lstrip("+-−")
    return stripped.isdigit()


def _row_flags(row, *tags: str) -> None:
    """``w:cantSplit`` (the row stays on one page), ``w:tblHeader`` (repeated on each page)."""
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    after = {"cantSplit": ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"),
             "tblHeader": ("w:tblCellSpacing", "w:jc", "w:hidden")}  # the schema's order
    for tag in tags:
        trpr.insert_element_before(trpr.makeelement(qn(f"w:{tag}"), {}), *after[tag])


def _cell(cell, text: str, *, right: bool, bold: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), SIZES["table"], bold=bold)


class _Cells:
    """Table cells written as :func:`_cell` writes them, each a copy of the first cell written with the same
    alignment and weight (its paragraph's XML, the text changed): python-docx's formatting calls, made for
    each of a table's cells, were most of the cost of a Word report."""

    def __init__(self):
        self.made: dict[tuple[bool, bool], object] = {}

    def write(self, cell, text: str, *, right: bool, bold: bool) -> None:
        import copy

        key, plain = (right, bold), _plain(text)
        template = self.made.get(key)
        if template is None or not plain:
            _cell(cell, text, right=right, bold=bold)
            if template is None and plain:
                self.made[key] = copy.deepcopy(cell.paragraphs[0]._p)
            return
        p = copy.deepcopy(template)
        p.xpath("./w:r/w:t")[0].text = text
        cell._tc.replace(cell.paragraphs[0]._p, p)


def _plain(text: str) -> bool:
    """Text that python-docx writes as one ``w:t`` with nothing around it (no tab, break or edge space)."""
    return bool(text) and text == text.strip() and not any(c in text for c in "\t\n\r")


def _table(document, block: Table, lang: str, number: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm
    from docx.table import _Cell

    caption = _caption(document, lang, "table", number, block.caption)
    caption.paragraph_format.keep_with_next = True
    n = len(block.headings)
    align = list(block.align) or ["right" if all(_looks_numeric(r[i]) for r in block.rows if r[i]) and block.rows else "left" for i in range(n)]
    table = document.add_table(rows=1 + len(block.rows), cols=n)
    table.style = document.styles["Table Grid"]
    text_mm = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    first = min(FIRST_COLUMN_MM, text_mm / n * 2) if n > 1 else text_mm
    _fixed(table, [Mm(first)] + [Mm((text_mm - first) / (n - 1))] * (n - 1))
    rows = table.rows
    # The cells of each row, from its own elements (the table has no merged cells): python-docx's
    # row.cells works the layout grid out again for each row.
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for cell, heading in zip(grid[0], block.headings):
        _cell(cell, heading, right=False, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _row_flags(rows[0], "tblHeader")
    for row in rows:
        _row_flags(row, "cantSplit")
    cells = _Cells()
    for r, (row, values) in enumerate(zip(grid[1:], block.rows), start=1):
        total = block.total_row and r == len(block.rows)
        for i, (cell, text) in enumerate(zip(row, values)):
            cells.write(cell, str(text), right=align[i] == "right", bold=total)
    document.add_paragraph()


def _source_note(document, doc: ReportDocument) -> None:
    from docx.shared import Pt

    if not doc.source_note:
        return
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(doc.source_note)
    _font(run, SIZES["note"])
    run.font.italic = True


# --- the document -----------------------------------------------------------------------


def _core_properties(document, doc: ReportDocument, lang: str) -> None:
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.subtitle
    props.author = doc.committee.split("\n")[-1]
    props.language = LANGUAGE_TAGS[lang]
    props.comments = ""
    props.keywords = ""
    props.last_modified_by = props.author
    props.revision = 1
    props.created = props.modified = _day()


def _day():
    """Midnight UTC of today: the documents' dates, so that a report rebuilt the same day is the same bytes."""
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    return datetime(now.year, now.month, now.day)


#: Parts stored as they are in the Word file: pictures, compressed already (deflating them again takes
#: time and saves nothing).
_STORED = ("png", "jpg", "jpeg", "gif")


class _StableZip:
    """python-docx's package writer interface (``write``, ``close``), with every entry dated
    :func:`_day` (python-docx stamps the time of saving) and pictures stored, not deflated."""

    def __init__(self, path: Path):
        import zipfile

        self.zip, self.stamp = zipfile.ZipFile(path, "w"), _day().timetuple()[:6]

    def write(self, pack_uri, blob: bytes) -> None:
        import zipfile

        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        entry.compress_type = zipfile.ZIP_STORED if pack_uri.ext.lower() in _STORED else zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        self.zip.writestr(entry, blob)

    def close(self) -> None:
        self.zip.close()


def _save_stable(document, path: Path) -> None:
    """Save ``document`` as python-docx does (``Document.save``), through :class:`_StableZip`: the same
    parts, written once, the same bytes for the same document."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)  # each listing walks the package's relationships
    for part in parts:
        part.before_marshal()
    writer = _StableZip(path)
    try:
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    finally:
        writer.close()


def write_docx(doc: ReportDocument, path: str | Path) -> Path:
    """Write ``doc`` as a Word document at ``path`` (folders created); returns the path.

    Parameters
    ----------
    doc : ReportDocument
        Every text already in the document's language, every number formatted.
    path : path
        The ``.docx`` file to write (replaced if it exists).

    Returns
    -------
    Path
    """
    import docx

    lang = get_lang(doc.lang)
    document = docx.Document()
    _styles(document, lang)
    _page(document)
    _header_block(document, doc, lang)
    _title(document, doc)
    figures = tables = 0
    for section in doc.sections:
        document.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Figure):
                figures += 1
                _figure(document, block, lang, figures)
            elif isinstance(block, Table):
                tables += 1
                _table(document, block, lang, tables)
            else:
                _paragraph(document, block)
    _source_note(document, doc)
    _core_properties(document, doc, lang)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    _save_stable(document, out)
    return out


__all__ = ["FONT", "LANGUAGE_TAGS", "MARGINS_MM", "SIZES", "TEXTS", "write_docx"]
