"""Books of the formats python-calamine does not read: HTML tables and SpreadsheetML 2003.

Web-based management systems export a report as an HTML table saved with
the name ``.xls``; Excel 2002–2003 saved "XML Spreadsheet 2003"
(SpreadsheetML) as ``.xls`` or ``.xml``.  Both are parsed with the standard
library's parsers (:mod:`html.parser`; SpreadsheetML through defusedxml,
which refuses DTDs and entities) and give
the same :class:`~helpers.read.workbook.Book` interface as the other
formats, merged cells included: ``rowspan``/``colspan`` of an HTML cell,
``ss:MergeAcross``/``ss:MergeDown`` of a SpreadsheetML cell.

An HTML page becomes one sheet, laid out as Excel lays it out when it opens
the file: each paragraph or heading outside a table is a row of one cell
(the title lines of a report), each table row a row.  The parsers never
load a DTD, expand an entity or touch the network (the file guard has
already refused entity declarations and bounded the size).  lxml is not
used on purpose: once installed, openpyxl switches to it and writes
workbooks with other bytes.

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
import unicodedata
from html.parser import HTMLParser
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
#: Control characters XML 1.0 forbids, raw or as character references: Excel writes them into SpreadsheetML.
_XML_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#(?:0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01])|x0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F]));")
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


class _Cell:
    """An HTML cell being read: its text so far, its spans, whether Excel marked it a number."""

    def __init__(self, attrs: dict):
        self.text: list[str] = []
        self.across = min(max(_int(attrs.get("colspan"), 1), 1), MAX_COLSPAN) - 1
        self.down = min(max(_int(attrs.get("rowspan"), 1), 1), MAX_ROWSPAN) - 1
        self.numeric = "x:num" in attrs


class _Table:
    """An HTML table being read: its rows of cells."""

    def __init__(self):
        self.rows: list[list[_Cell]] = []
        self.cell: _Cell | None = None
        self.caption: list[str] | None = None


class _PageParser(HTMLParser):
    """Lays an HTML page out as Excel does: text outside tables a row each, then each table's rows.

    Tolerates what web systems write: cells and rows left unclosed, tables
    nested in cells (their text joins the cell's), comments, scripts.
    """

    _SKIP = frozenset({"script", "style", "head", "title"})
    _BREAKS = _BLOCKS | {"br", "tr", "table", "body"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.grid = _Grid()
        self.tables: list[_Table] = []
        self.line: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def _flush_line(self) -> None:
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line = []
        if text:
            self.grid.put(self.grid.rows, 0, text)

    def _sink(self) -> list[str] | None:
        """Where text goes now: the open cell of the outermost table, a caption, or the current line."""
        if not self.tables:
            return self.line
        outer = self.tables[0]
        if outer.cell is not None:
            return outer.cell.text
        return outer.caption

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        if tag in self._SKIP:
            self.skip += 1
            return
        if tag == "table":
            if not self.tables:
                self._flush_line()
                self.tables.append(_Table())
            else:
                self.tables.append(None)  # nested: its text joins the enclosing cell
            return
        table = self.tables[0] if self.tables else None
        if table is not None and len(self.tables) == 1:
            if tag == "tr":
                table.rows.append([])
                table.cell = None
            elif tag in ("td", "th"):
                if not table.rows:
                    table.rows.append([])
                table.cell = _Cell(attrs)
                table.rows[-1].append(table.cell)
            elif tag == "caption":
                table.caption = []
            elif (tag == "br" or tag in _BLOCKS) and table.cell is not None:
                table.cell.text.append(" ")
        elif table is not None:  # inside a nested table: cells and rows are spaces in the outer cell
            sink = self._sink()
            if sink is not None and tag in ("td", "th", "tr", "br"):
                sink.append(" ")
        elif tag in self._BREAKS:
            self._flush_line()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self._SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if not self.tables and table is not None:
                self._lay_out(table)
            return
        table = self.tables[0] if len(self.tables) == 1 else None
        if table is not None and tag in ("td", "th"):
            table.cell = None
        elif table is not None and tag == "caption" and table.caption is not None:
            text = _SPACES.sub(" ", "".join(table.caption)).strip()
            if text:
                self.grid.put(self.grid.rows, 0, text)
            table.caption = None
        elif not self.tables and tag in self._BREAKS:
            self._flush_line()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        sink = self._sink()
        if sink is not None:
            sink.append(data)

    def _lay_out(self, table: _Table) -> None:
        grid, top = self.grid, self.grid.rows
        for i, row in enumerate(table.rows):
            r, col = top + i, 0
            grid.rows = max(grid.rows, r + 1)
            for cell in row:
                col = grid.free_col(r, col)
                down = min(cell.down, len(table.rows) - i - 1)
                text = _SPACES.sub(" ", "".join(cell.text)).strip()
                grid.put(r, col, _value(text, cell.numeric), down, cell.across)
                col += cell.across + 1

    def close(self):
        super().close()
        while self.tables:  # a table never closed
            table = self.tables.pop()
            if not self.tables and table is not None:
                self._lay_out(table)
        self._flush_line()


class HtmlBook(_MarkupBook):
    """An HTML page (a web system's export): one sheet, its tables and the lines around them."""

    def __init__(self, data: bytes):
        super().__init__("html")
        parser = _PageParser()
        # Windows-1258 writes tones as combining marks: composed here (NFC)
        parser.feed(unicodedata.normalize("NFC", data.decode(html_encoding(data), "replace")))
        parser.close()
        name = _SPACES.sub(" ", "".join(parser.title)).strip()[:31] or "Sheet1"
        self.sheets = [SheetInfo(name)]
        self._grids[name] = parser.grid


class XmlBook(_MarkupBook):
    """A SpreadsheetML 2003 workbook ("XML Spreadsheet 2003")."""

    def __init__(self, data: bytes):
        from defusedxml.ElementTree import fromstring

        super().__init__("xml2003")
        root = fromstring(_XML_CONTROLS.sub(b"", data))  # refuses DTDs and entities
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
        raise book_error("cannot parse", exc, fmt) from None
