"""What a file is by its first bytes, when it is neither a zip nor an OLE2 file.

Web-based management systems export an HTML table saved as ``.xls``;
Excel 2002–2003 wrote "XML Spreadsheet 2003" (SpreadsheetML); Excel 2.x–4.0
wrote single BIFF2–4 worksheets; LibreOffice writes flat ``.fods``.  The
first two are read (:mod:`helpers.read.markup`), the others are named; any
other file is described ("CSV text", "a PDF document" …) for the message
that refuses it.  The markup formats are checked here too: no entity
declarations, and a bounded number of cells (a ``rowspan`` or ``colspan``
counts the cells it covers).

Examples
--------
>>> kind(b"<html><body><table><tr><td>7</td></tr></table></body></html>")
'html'
>>> kind(b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">')
'xml2003'
>>> kind(bytes([9, 4, 6, 0, 0, 0, 16, 0]))
'biff4'
>>> looks_like("TT,Đơn vị\\n1,Hòa Phú\\n".encode())
'csv'
"""

from __future__ import annotations

import re

__all__ = ["kind", "looks_like", "markup_cells", "OLD_EXCEL"]

_HTML = re.compile(rb"<(?:html|table|!doctype html)\b", re.IGNORECASE)
_TABLE = re.compile(rb"<table\b", re.IGNORECASE)
_SPREADSHEETML = re.compile(rb"<(?:\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet")
_FODS = re.compile(rb"<office:document\b[^>]*opendocument")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
#: BIFF2–4 worksheets start with their BOF record: type 0x0009, 0x0209 or 0x0409.
OLD_EXCEL = {b"\x09\x00": ("biff2", "2.x"), b"\x09\x02": ("biff3", "3.0"), b"\x09\x04": ("biff4", "4.0")}
_TR = re.compile(rb"<tr\b", re.IGNORECASE)
_TD = re.compile(rb"<t[dh]\b([^>]*)>|<tr\b|</table>", re.IGNORECASE)
_SPAN = re.compile(rb"""\b(colspan|rowspan)\s*=\s*["']?\s*(\d{1,9})""", re.IGNORECASE)
_XML_ROW = re.compile(rb"<(?:ss:)?Row\b|<(?:ss:)?Cell\b([^>]*)>|</(?:ss:)?Table>")
_SS_ATTR = re.compile(rb"""ss:(Index|MergeAcross|MergeDown)\s*=\s*["'](\d{1,9})""")


def _text_start(head: bytes) -> bytes:
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n")


def kind(head: bytes) -> str | None:
    """``"html"``, ``"xml2003"``, ``"fods"``, ``"biff2"``–``"biff4"``, or ``None`` (something else)."""
    if len(head) >= 4 and head[:2] in OLD_EXCEL and head[2] in (4, 6, 8) and head[3] == 0:
        return OLD_EXCEL[head[:2]][0]
    start = _text_start(head)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: look at its ASCII letters
        start = head[2:].replace(b"\x00", b"")
    if not start.startswith(b"<"):
        return None
    if _SPREADSHEETML.search(start):
        return "xml2003"
    if _FODS.search(start):
        return "fods"
    if _HTML.search(start) and _TABLE.search(head):
        return "html"
    return None


def looks_like(head: bytes) -> str:
    """What a file that is not a workbook looks like, from its first bytes (a ``LOOKS_LIKE`` key)."""
    stripped = _text_start(head)
    low = stripped[:512].lower()
    if low.startswith(b"%pdf"):
        return "pdf"
    if low.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "image"
    if low.startswith(b"<") and (b"<html" in low or b"<!doctype html" in low or b"<table" in low):
        return "html"
    if low.startswith(b"<"):
        return "xml"
    if head.startswith(b"PK"):
        return "zip"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("utf-16") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
            return "text" if printable > 0.95 * len(head) else "binary"
    if "\x00" in text:
        return "binary"
    first = text.splitlines()[0] if text.splitlines() else ""
    if any(sep in first for sep in (",", ";", "\t")):
        return "csv"
    return "text"


def declares_entities(data: bytes, fmt: str) -> bool:
    """An entity declaration (HTML), or any DOCTYPE/ENTITY (SpreadsheetML), before the first element."""
    if fmt == "html":
        return bool(_ENTITY.search(data))
    root = re.search(rb"<[A-Za-z_]", data)
    return bool(_DOCTYPE.search(data if root is None else data[: root.start()]))


def markup_cells(data: bytes, fmt: str) -> tuple[int, int]:
    """(rows, columns) of the grid an HTML page or a SpreadsheetML workbook would fill (largest table)."""
    return _html_grid(data) if fmt == "html" else _xml_grid(data)


def _html_grid(data: bytes) -> tuple[int, int]:
    best = (0, 0)
    rows = cols = width = down = 0
    for m in _TD.finditer(data):
        tag = m.group(0)[:3].lower()
        if tag == b"<tr":
            rows, width = rows + 1, 0
        elif tag == b"</t":  # the end of a table
            best = max(best, (max(rows, down), cols), key=lambda rc: rc[0] * rc[1])
            rows = cols = width = down = 0
        else:
            spans = {k.lower(): min(int(v), 65_534) for k, v in _SPAN.findall(m.group(1))}
            width += max(1, min(spans.get(b"colspan", 1), 1000))
            cols = max(cols, width)
            down = max(down, rows - 1 + max(1, spans.get(b"rowspan", 1)))
    return max(best, (max(rows, down), cols), key=lambda rc: rc[0] * rc[1])


def _xml_grid(data: bytes) -> tuple[int, int]:
    best = (0, 0)
    rows = cols = col = down = 0
    for m in _XML_ROW.finditer(data):
        tag = m.group(0)
        if tag.startswith(b"</"):
            best = max(best, (max(rows, down), cols), key=lambda rc: rc[0] * rc[1])
            rows = cols = col = down = 0
        elif m.group(1) is None:  # a row
            attrs = dict(_SS_ATTR.findall(data[m.end() : data.find(b">", m.end()) + 1]))
            rows = int(attrs[b"Index"]) if b"Index" in attrs else rows + 1
            col = 0
        else:
            attrs = dict(_SS_ATTR.findall(m.group(1)))
            col = int(attrs[b"Index"]) if b"Index" in attrs else col + 1
            col += int(attrs.get(b"MergeAcross", 0))
            cols = max(cols, col)
            down = max(down, rows + int(attrs.get(b"MergeDown", 0)))
    return max(best, (max(rows, down), cols), key=lambda rc: rc[0] * rc[1])
