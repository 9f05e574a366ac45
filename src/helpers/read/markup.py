"""Books of the formats python-calamine does not read: HTML tables and SpreadsheetML 2003.

Web-based management systems export a report as an HTML table saved with
the name ``.xls``; Excel 2002–2003 saved "XML Spreadsheet 2003"
(SpreadsheetML) as ``.xls`` or ``.xml``.  Both are parsed with lxml and give
the same :class:`~helpers.read.workbook.Book` interface as the other
formats, merged cells included: ``rowspan``/``colspan`` of an HTML cell,
``ss:MergeAcross``/``ss:MergeDown`` of a SpreadsheetML cell.

An HTML page becomes one sheet, laid out as Excel lays it out when it opens
the file: each paragraph or heading outside a table is a row of one cell
(the title lines of a report), each table row a row.  The parsers never
load a DTD, expand an entity or touch the network (the file guard has
already refused entity declarations and bounded the size).

Examples
--------
>>> page = '''<html><body><p>HUYỆN ỦY CHIÊM HÓA</p>
... <table><tr><td rowspan="2">TT</td><td colspan="2">Kết nạp</td></tr>
... <tr><td>Chỉ tiêu</td><td>Kết quả</td></tr><tr><td>1</td><td>9</td><td>7</td></tr></table>
... </body></html>'''.encode()
>>> book = open_markup(page, "html")
>>> rows, merges = book.cells(book.sheets[0].name)
>>> rows
[['HUYỆN ỦY CHIÊM HÓA', '', ''], ['TT', 'Kết nạp', ''], ['', 'Chỉ tiêu', 'Kết quả'], [1.0, 9.0, 7.0]]
>>> merges
[((1, 0), (2, 0)), ((1, 1), (1, 2))]
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .workbook import BookError, SheetInfo, _passes, book_error

__all__ = ["HtmlBook", "XmlBook", "open_markup", "html_encoding"]

#: The widest span a cell may have (HTML caps colspan at 1000, rowspan at 65534).
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534
_NUMBER = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SPACES = re.compile(r"\s+")
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_X = "urn:schemas-microsoft-com:office:excel"
_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 div center caption li pre blockquote address".split())


def html_encoding(data: bytes) -> str:
    """The text encoding of an HTML file: its BOM, its declared charset, else UTF-8 if valid, else Windows-1258.

    >>> html_encoding('<meta charset="windows-1258"><p>x</p>'.encode()), html_encoding("<p>Hòa</p>".encode())
    ('windows-1258', 'utf-8')
    """
    import codecs

    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    found = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.search(data[:200])
    if found:
        name = found.group(1).decode("ascii").lower()
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1258"  # the Vietnamese Windows code page


def _text(el) -> str:
    """An element's text, its white space collapsed (``<br>`` is a space)."""
    return _SPACES.sub(" ", " ".join(el.itertext())).strip()


def _value(text: str, numeric: bool):
    """A cell's value: a number when written as one (as Excel reads the page), else the text."""
    if text and (numeric or _NUMBER.match(text)):
        try:
            return float(text)
        except ValueError:
            return text
    return text


class _Grid:
    """Cells placed by row and column, with spans: the rows and merges of one sheet."""

    def __init__(self):
        self.cells: dict[tuple[int, int], object] = {}
        self.merges: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.covered: set[tuple[int, int]] = set()
        self.rows = 0

    def free_col(self, row: int, col: int) -> int:
        while (row, col) in self.covered:
            col += 1
        return col

    def put(self, row: int, col: int, value, down: int = 0, across: int = 0) -> None:
        self.cells[(row, col)] = value
        if down or across:
            self.merges.append(((row, col), (row + down, col + across)))
            for r in range(row, row + down + 1):
                for c in range(col, col + across + 1):
                    self.covered.add((r, c))
        self.rows = max(self.rows, row + down + 1)

    def to_rows(self) -> list[list[object]]:
        width = max((c for _r, c in self.cells), default=-1) + 1
        width = max([width, *(c1 + 1 for _a, (_r1, c1) in self.merges)])
        out = [[""] * width for _ in range(self.rows)]
        for (r, c), v in self.cells.items():
            out[r][c] = v
        return out


class _MarkupBook:
    """What the two markup books share: sheets held as parsed rows."""

    def __init__(self, fmt: str):
        self.format = fmt
        self.sheets: list[SheetInfo] = []
        self._grids: dict[str, _Grid] = {}

    def cells(self, name: str) -> tuple[list[list[object]], list]:
        """The cells of sheet ``name`` from A1, and its merged ranges."""
        grid = self._grids.get(name)
        if grid is None:
            raise BookError(f"no sheet named {name!r}", fmt=self.format, detail="no such sheet")
        return grid.to_rows(), list(grid.merges)

    def close(self) -> None:
        self._grids.clear()


class HtmlBook(_MarkupBook):
    """An HTML page (a web system's export): one sheet, its tables and the lines around them."""

    def __init__(self, data: bytes):
        import lxml.html

        super().__init__("html")
        parser = lxml.html.HTMLParser(encoding=html_encoding(data), no_network=True, remove_comments=True)
        root = lxml.html.document_fromstring(data, parser=parser)
        title = root.findtext(".//title")
        name = _SPACES.sub(" ", title or "").strip()[:31] or "Sheet1"
        grid = _Grid()
        body = root.find("body")
        self._emit(body if body is not None else root, grid)
        self.sheets = [SheetInfo(name)]
        self._grids[name] = grid

    def _emit(self, el, grid: _Grid) -> None:
        """Lay out ``el``: a table's rows, or a block of text as a row of one cell."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            self._table(el, grid)
            return
        if tag in ("script", "style", "head", "title"):
            return
        if not el.xpath(".//table"):
            text = _text(el)
            if text:
                grid.put(grid.rows, 0, text)
            return
        lead = _SPACES.sub(" ", el.text or "").strip()
        if lead:
            grid.put(grid.rows, 0, lead)
        for child in el:
            self._emit(child, grid)
            tail = _SPACES.sub(" ", child.tail or "").strip()
            if tail:
                grid.put(grid.rows, 0, tail)

    def _table(self, table, grid: _Grid) -> None:
        caption = table.find("caption")
        if caption is not None and _text(caption):
            grid.put(grid.rows, 0, _text(caption))
        trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        top = grid.rows
        for i, tr in enumerate(trs):
            row, col = top + i, 0
            grid.rows = max(grid.rows, row + 1)
            for td in tr.xpath("./td|./th"):
                col = grid.free_col(row, col)
                across = min(max(_int(td.get("colspan"), 1), 1), MAX_COLSPAN) - 1
                down = min(max(_int(td.get("rowspan"), 1), 1), MAX_ROWSPAN, len(trs) - i) - 1
                numeric = td.get("x:num") is not None
                grid.put(row, col, _value(_text(td), numeric), down, across)
                col += across + 1


class XmlBook(_MarkupBook):
    """A SpreadsheetML 2003 workbook ("XML Spreadsheet 2003")."""

    def __init__(self, data: bytes):
        from lxml import etree

        super().__init__("xml2003")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(data, parser=parser)
        for i, ws in enumerate(root.iter(f"{{{_SS}}}Worksheet")):
            name = ws.get(f"{{{_SS}}}Name") or f"Sheet{i + 1}"
            visible = (ws.findtext(f"{{{_X}}}WorksheetOptions/{{{_X}}}Visible") or "").strip()
            grid = _Grid()
            table = ws.find(f"{{{_SS}}}Table")
            if table is not None:
                _xml_table(table, grid)
            self.sheets.append(SheetInfo(name, visible not in ("SheetHidden", "SheetVeryHidden")))
            self._grids[name] = grid


def _xml_table(table, grid: _Grid) -> None:
    row = -1
    for r in table.iterfind(f"{{{_SS}}}Row"):
        row = _int(r.get(f"{{{_SS}}}Index"), row + 2) - 1
        grid.rows = max(grid.rows, row + 1)
        col = -1
        for c in r.iterfind(f"{{{_SS}}}Cell"):
            col = _int(c.get(f"{{{_SS}}}Index"), col + 2) - 1
            across = max(_int(c.get(f"{{{_SS}}}MergeAcross"), 0), 0)
            down = max(_int(c.get(f"{{{_SS}}}MergeDown"), 0), 0)
            data = c.find(f"{{{_SS}}}Data")
            grid.put(row, col, _xml_value(data) if data is not None else "", down, across)
            col += across


def _xml_value(data):
    kind = data.get(f"{{{_SS}}}Type", "String")
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    return text


def _int(text, default: int) -> int:
    try:
        return int(str(text).strip()) if text is not None else default
    except ValueError:
        return default


def open_markup(source: str | Path | bytes, fmt: str):
    """Open an HTML (``fmt="html"``) or SpreadsheetML 2003 (``"xml2003"``) book.

    Raises :class:`~helpers.read.workbook.BookError` when the file cannot be parsed.
    """
    try:
        data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else Path(source).read_bytes()
        return HtmlBook(data) if fmt == "html" else XmlBook(data)
    except BaseException as exc:  # noqa: BLE001
        if _passes(exc):
            raise
        raise book_error("lxml cannot parse", exc, fmt) from None
