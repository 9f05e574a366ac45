"""Checks of the zip workbooks: xlsx, xlsm, xlsb and ods.

What kind of zip it is (by its content types or ``mimetype``, not its
name); the sizes and compression ratios of its members; a bounded streaming
scan of every XML part for DOCTYPE/ENTITY declarations; each worksheet's
grid, judged by the cells that hold a value (stray cells far from the table
are left out of the sheet handed on, with a warning naming them); formulas
without a saved value; encrypted ODS packages.  Used as a mixin of the
guard's inspector (``self._add``, ``self._fatal``, ``self.limits``).

A worksheet checked whole is handed on as it is, except that merged ranges
written right after the cells, in the plain form spreadsheet programs write
(:func:`merges_first`), are moved before them: python-calamine reads a
sheet's merged ranges by parsing the sheet again up to them, and finds them
at once there.  The cells and the merged ranges read are the same.
"""

from __future__ import annotations

import re
import zipfile
from array import array

from . import stray, xlsb
from .zips import CHUNK, MB, Zip, kept, sheet_names, unescape

__all__ = ["ZipChecks", "merges_first", "ods_extents"]

DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
ROOT = re.compile(rb"<[A-Za-z_]")
_LAST_ROW = re.compile(rb'row r="([0-9]+)"')
_CELL_R = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_WIDE_COL = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_OPEN = re.compile(rb"<c\b")
_CELL_END = re.compile(rb"</c>|<c\b")
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>[^<]")  # a saved value, not <v/> or <v></v>
_R_ATTR = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_R = re.compile(rb'\br="([0-9]{1,7})"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
#: a row start, or a whole cell element (self-closed or with its content)
_TOKEN = re.compile(rb"<row\b([^>]*)>|<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_INLINE = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_V = re.compile(rb"<v(?:\s[^>]*)?>([^<]*)</v>")
_SI = re.compile(rb"<si>(.*?)</si>", re.DOTALL)
#: The widest column a reference of _WIDE_COL can name (ZZZ).
_WIDEST = 18_278


def col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


class ZipChecks:
    """The zip half of the guard's inspector."""

    def _check_zip(self, zf: Zip):
        infos = zf.zip.infolist()
        names = {i.filename: i for i in infos}
        fmt = self._zip_format(zf, names)
        if fmt is None or not isinstance(fmt, str):
            return fmt if fmt is not None else self._not_workbook("zip")
        total = sum(i.file_size for i in infos)
        if total > self.limits.total_mb * MB:
            return self._fatal("too_large", fmt, mb=_mb(total), limit=self.limits.total_mb)
        for info in infos:
            if info.file_size > self.limits.ratio_mb * MB:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > self.limits.ratio:
                    return self._fatal("ratio", fmt, member=info.filename, ratio=int(ratio), mb=_mb(info.file_size))
        if fmt == "ods" and _ods_encrypted(zf, names):
            return self._fatal("encrypted", fmt, what=self._what(fmt))
        for info in infos:
            fatal = self._check_member(zf, info, fmt)
            if fatal is not None:
                return fatal
        self._zip_warnings(names, fmt)
        return self._passed(fmt, zf.repacked())

    def _check_member(self, zf: Zip, info: zipfile.ZipInfo, fmt: str):
        low = info.filename.lower()
        in_sheets = low.startswith("xl/worksheets/") and low.count("/") == 2
        if fmt == "xlsb" and in_sheets and low.endswith(".bin"):
            return self._check_xlsb_sheet(zf, info)
        if not low.endswith((".xml", ".rels", ".vml")):
            return None
        fatal = self._scan_xml(zf, info, fmt, fmt not in ("ods", "xlsb") and in_sheets)
        if fatal is None and fmt == "ods" and low == "content.xml":
            fatal = self._check_ods(zf, info)
        return fatal

    def _zip_warnings(self, names: dict, fmt: str) -> None:
        lows = [n.lower() for n in names]
        if fmt == "ods":
            if any(n.startswith("basic/") for n in lows):
                self._add("macros", "warning")
            return
        # the content type of every xlsb says "macroEnabled": only a VBA project or macro sheets are macros
        if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in lows):
            self._add("macros", "warning")
        if any(n.startswith("xl/externallinks/") for n in lows):
            self._add("external_links", "warning")

    def _zip_format(self, zf: Zip, names: dict[str, zipfile.ZipInfo]):
        if "mimetype" in names and names["mimetype"].file_size < 200:
            mime = zf.read(names["mimetype"]).strip()
            if mime.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                return "ods"
            return self._not_workbook("zip")
        ct = names.get("[Content_Types].xml")
        if ct is None:
            return "xlsx" if "xl/workbook.xml" in names else ("xlsb" if "xl/workbook.bin" in names else None)
        if ct.file_size > 1 * MB:
            return self._fatal("too_large", mb=_mb(ct.file_size), limit=1)
        types = zf.read(ct)
        if DECL.search(types):
            return self._fatal("entity", member=ct.filename)
        low = types.lower()
        if b"sheet.binary.macroenabled" in low or "xl/workbook.bin" in names:
            return "xlsb"
        vba = any(n.lower().endswith("vbaproject.bin") for n in names)
        if b"macroenabled" in low or (vba and (b"spreadsheetml" in low or "xl/workbook.xml" in names)):
            return "xlsm"
        if b"spreadsheetml" in low or "xl/workbook.xml" in names:
            return "xlsx"
        if b"wordprocessingml" in low:
            return self._not_workbook("docx")
        if b"presentationml" in low:
            return self._not_workbook("pptx")
        return None

    # -- XML parts ------------------------------------------------------------------

    def _scan_xml(self, zf: Zip, info: zipfile.ZipInfo, fmt: str, is_sheet: bool):
        """Bounded streaming scan of one XML member; a FileCheck when fatal."""
        if not is_sheet:
            first = zf.read(info, 1024)
            if len(first) == 1024 and not ROOT.search(first):
                first = zf.read(info, self.limits.prolog_kb * 1024)
            return self._check_prolog(first, info, fmt)
        pieces: list[bytes] = []
        chunks = kept(zf.chunks(info, CHUNK), pieces)
        first = next(chunks, b"")
        fatal = self._check_prolog(first, info, fmt)
        if fatal is not None:
            return fatal
        big = self._check_sheet(_overlapping(first, chunks), info)
        data = b"".join(pieces)
        if big:
            return self._sheet_strays(zf, info, fmt, data)
        moved = merges_first(data)
        if moved is None:
            zf.inflated[info.header_offset] = data  # checked whole: handed on as is
        else:
            zf.rewrite(info, moved)  # checked whole: handed on with its merged ranges first
        return None

    def _check_prolog(self, data: bytes, info: zipfile.ZipInfo, fmt: str):
        root = ROOT.search(data)
        prolog = data if root is None else data[: root.start()]
        if DECL.search(prolog):
            return self._fatal("entity", fmt, member=info.filename)
        if root is None and info.file_size > len(data) and data.strip():
            return self._fatal("prolog", fmt, member=info.filename, kb=self.limits.prolog_kb)
        return None

    def _check_sheet(self, chunks, info: zipfile.ZipInfo) -> bool:
        """Scan one worksheet in chunks (formulas); whether its grid may pass the limit.

        A fast bound from the last row and the widest column named by any
        cell; only a sheet over it has its value cells looked at one by one.
        """
        rows = 0
        wide = 0  # widest column among two- and three-letter references
        seen: set[str] = set()
        for i, buf in enumerate(chunks):
            whole = i == 0 and len(buf) >= info.file_size  # the whole sheet is in this chunk
            last = _last(_LAST_ROW, buf) or _last(_CELL_R, buf, group=2)
            if last:
                rows = max(rows, int(last))
            # the widest column matters only when the rows times the widest
            # possible column could pass the limit (one chunk: known here)
            if not whole or rows * _WIDEST > self.limits.cells:
                for m in _WIDE_COL.finditer(buf):
                    wide = max(wide, col_number(m.group(1)))
            if _may_hold_formula(buf) and _FORMULA.search(buf):
                self._check_formulas(buf, info, seen)
        return rows * (wide or 26) > self.limits.cells

    def _sheet_strays(self, zf: Zip, info: zipfile.ZipInfo, fmt: str, data: bytes):
        """A sheet over the fast bound: its value cells decide; far-out ones are left out."""
        cells = _value_cells(data, self.limits.cells)
        return self._judge_cells(zf, info, fmt, data, cells, _cell_value, xlsb.without)

    def _judge_cells(self, zf: Zip, info: zipfile.ZipInfo, fmt: str, data: bytes, cells, value_of, cut):
        """Judge a sheet by the cells that hold a value; hand it on without the stray ones.

        ``cells`` is ``(rows, cols, spans)`` of the value cells (or ``None``
        when there are more than the limit); ``value_of(data, span, zf)`` reads
        one cell for the warning; ``cut(data, spans)`` writes the sheet without
        those cells.
        """
        sheet = self._sheet_name(info.filename) if fmt != "xlsb" else self._xlsb_sheet_name(zf, info.filename)
        if cells is None:  # more values than the limit: too big wherever they are
            return self._refuse_cells(fmt, sheet, None)
        rows, cols, spans = cells
        if not rows or (max(rows) + 1) * (max(cols) + 1) <= self.limits.cells:
            zf.inflated[info.header_offset] = data  # checked whole: handed on as is
            return None
        peeled = stray.peel(rows, cols, self.limits.cells)
        if peeled is None:
            return self._refuse_cells(fmt, sheet, max(rows) + 1, max(cols) + 1)
        out, corner = peeled
        where = {(r, c): span for r, c, span in zip(rows, cols, spans) if (r, c) in out}
        values = {rc: value_of(data, span, zf) for rc, span in where.items()}
        n, extent, listing = stray.describe(values, corner)
        cell = stray.ref(*next(iter(values))) if n == 1 else None
        self._add("stray_cells", "warning", sheet=sheet, cell=cell, n=n, extent=extent, cells=listing)
        zf.rewrite(info, cut(data, list(where.values())))
        return None

    def _check_xlsb_sheet(self, zf: Zip, info: zipfile.ZipInfo):
        data = zf.read(info)
        return self._judge_cells(zf, info, "xlsb", data, xlsb.value_cells(data, self.limits.cells),
                                 xlsb.cell_value, xlsb.without)

    def _check_ods(self, zf: Zip, info: zipfile.ZipInfo):
        """Grid size of every table of an ODS file (repeated rows and cells expanded)."""
        pieces: list[bytes] = []
        for name, r, c in ods_extents(kept(zf.chunks(info, CHUNK), pieces)):
            if r * c > self.limits.cells:
                return self._refuse_cells("ods", name or None, r, c)
        zf.inflated[info.header_offset] = b"".join(pieces)  # checked whole: handed on as is
        return None

    def _check_formulas(self, data: bytes, info: zipfile.ZipInfo, seen: set[str]) -> None:
        sheet = None
        for m in _FORMULA.finditer(data):
            start = data.rfind(b"<c", 0, m.start())
            while start >= 0 and not _CELL_OPEN.match(data, start):
                start = data.rfind(b"<c", 0, start)
            if start < 0:
                continue
            end = _CELL_END.search(data, m.end())
            body = data[m.end() : end.start() if end else len(data)]
            ref = _R_ATTR.search(data, start, data.find(b">", start) + 1)
            if ref is None or ref.group(1).decode() in seen:
                continue
            cell = ref.group(1).decode()
            seen.add(cell)
            if not _VALUE.search(body):
                if sheet is None:
                    sheet = self._sheet_name(info.filename)
                self._add("formula_no_value", "warning", sheet=sheet, cell=cell, ref=cell)

    # -- sheet names --------------------------------------------------------------

    def _sheet_name(self, member: str) -> str | None:
        if self._sheet_names is None:
            self._sheet_names = sheet_names(self._zip) if self._zip is not None else {}
        return self._sheet_names.get(member, member.rsplit("/", 1)[-1])

    def _xlsb_sheet_name(self, zf: Zip, member: str) -> str | None:
        if self._sheet_names is None:
            self._sheet_names = xlsb.sheet_names(zf)
        return self._sheet_names.get(member, member.rsplit("/", 1)[-1])


#: A worksheet's merged ranges in the plain form, right after its cells.
_MERGES_AFTER_CELLS = re.compile(
    rb'</sheetData>(<mergeCells(?: count="[0-9]{1,7}")?>'
    rb'(?:<mergeCell ref="[A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?" ?/>)*</mergeCells>)'
)
def merges_first(data: bytes) -> bytes | None:
    """The worksheet with its merged ranges moved before its cells; ``None`` when it is not in the plain form.

    The plain form: ``<sheetData>`` … ``</sheetData>``, then at once a
    ``<mergeCells>`` element holding nothing but ``<mergeCell ref="A1:B2"/>``
    elements; up to there no other merge or cell element, no comment, CDATA
    section or processing instruction (the XML declaration aside).  Whatever
    reads the sheet parses the same elements, in another order: the cells as
    they were, the merged ranges without parsing the cells again.

    >>> merges_first(b'<worksheet><sheetData><row r="1"/></sheetData><mergeCells count="1">'
    ...              b'<mergeCell ref="A1:B1"/></mergeCells><pageMargins/></worksheet>')
    b'<worksheet><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><sheetData><row r="1"/></sheetData><pageMargins/></worksheet>'
    >>> merges_first(b'<worksheet><sheetData/></worksheet>') is None
    True
    """
    start = data.find(b"<sheetData")
    end = data.find(b"</sheetData>", start) if data.startswith(b"<sheetData>", start) else -1
    found = _MERGES_AFTER_CELLS.match(data, end) if end >= 0 else None
    declaration = data.find(b"?>") + 2 if data.startswith((b"<?xml", b"\xef\xbb\xbf<?xml")) else 0
    if found is None or declaration > start or 0 <= data.find(b"<mergeCells", 0, end):
        return None
    if _markup_after(data, b"<!", 0, end) or _markup_after(data, b"<?", declaration, end):
        return None
    return b"".join((data[:start], found.group(1), data[start:end], b"</sheetData>", data[found.end():]))


def _markup_after(data: bytes, mark: bytes, lo: int, hi: int) -> bool:
    """Whether ``data[lo:hi]`` may hold ``mark`` ("<!", "<?"): its second byte, rare in a sheet, found at memchr speed.

    >>> _markup_after(b"<a>Hi!</a>", b"<!", 0, 10), _markup_after(b"<a><!-- --></a>", b"<!", 0, 15)
    (False, True)
    """
    i = data.find(mark[1:], lo + 1, hi)
    for _ in range(64):
        if i < 0:
            return False
        if data[i - 1] == mark[0]:
            return True
        i = data.find(mark[1:], i + 1, hi)
    return True


def _value_cells(data: bytes, most: int):
    """Rows, columns and byte spans of the cells that hold a value; ``None`` past ``most`` of them."""
    rows, cols, spans = array("l"), array("l"), []
    row, col = -1, -1
    for m in _TOKEN.finditer(data):
        if m.group(1) is not None:  # a row
            found = _ROW_R.search(m.group(1))
            row, col = (int(found.group(1)) - 1 if found else row + 1), -1
            continue
        attrs, body = m.group(2), m.group(3)
        found = _REF.search(attrs)
        if found:
            col, row = col_number(found.group(1)) - 1, int(found.group(2)) - 1
        else:
            col += 1
        if body and (_V.search(body) or b"<is>" in body or b"<is " in body):
            rows.append(row)
            cols.append(col)
            spans.append(m.span())
            if len(rows) > most:
                return None
    return rows, cols, spans


def _cell_value(data: bytes, span: tuple[int, int], zf: Zip):
    """What a cell held, for the warning: its shared string, inline text or value as written."""
    cell = data[span[0] : span[1]]
    kind = _TYPE.search(cell[: cell.find(b">") + 1])
    kind = kind.group(1) if kind else b"n"
    if kind == b"inlineStr":
        return unescape(b"".join(_INLINE.findall(cell)).decode("utf-8", "replace"))
    v = _V.search(cell)
    text = unescape(v.group(1).decode("utf-8", "replace")) if v else ""
    if kind == b"s":
        return _shared_string(zf, text)
    if kind in (b"str", b"e"):
        return text
    if kind == b"b":
        return text == "1"
    try:
        return float(text)
    except ValueError:
        return text


def _shared_string(zf: Zip, index: str):
    try:
        info = zf.zip.getinfo("xl/sharedStrings.xml")
        n = int(index)
    except (KeyError, ValueError):
        return index
    for i, m in enumerate(_SI.finditer(zf.read(info))):
        if i == n:
            return unescape(b"".join(_INLINE.findall(m.group(1))).decode("utf-8", "replace"))
    return index


def _ods_encrypted(zf: Zip, names: dict[str, zipfile.ZipInfo]) -> bool:
    """Whether an ODS package's manifest declares encrypted members (a password-protected file)."""
    info = names.get("META-INF/manifest.xml")
    if info is None:
        return False
    try:
        return b"encryption-data" in zf.read(info, 4 * MB)
    except Exception:  # noqa: BLE001 - a bad manifest is left to the checks that follow
        return False


_ODS_TOKEN = re.compile(
    rb"<(table:table|table:table-row|table:table-cell|table:covered-table-cell)((?:\s[^>]*?)?)(/?)>|</table:table-row>"
)
_ODS_REPEAT = re.compile(rb'table:number-(rows|columns)-repeated="(\d{1,12})"')
_ODS_VALUE = re.compile(rb"office:value-type=")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')


def ods_extents(chunks) -> list[tuple[str, int, int]]:
    """The extent (name, rows, columns) of each table of an ODS content.xml.

    Only cells that hold something count (a value type, or content): the
    empty, repeated rows and cells that spreadsheet programs write to the
    end of the grid allocate nothing, but a cell with a value repeated a
    million times would.
    """
    extents: list[tuple[str, int, int]] = []
    name = ""
    rows = cols = row = 0
    row_rep = 1
    row_used = False
    col = 0
    tail = b""
    for chunk in chunks:
        buf = tail + chunk
        cut = buf.rfind(b">") + 1
        buf, tail = buf[:cut], buf[cut:]
        for m in _ODS_TOKEN.finditer(buf):
            tag, attrs, closed = m.group(1), m.group(2) or b"", m.group(3)
            if tag is None:  # </table:table-row>
                if row_used:
                    rows = row + row_rep
                row += row_rep
                continue
            reps = dict((k, int(v)) for k, v in _ODS_REPEAT.findall(attrs))
            if tag == b"table:table":
                if row or rows:
                    extents.append((name, rows, cols))
                found = _ODS_NAME.search(attrs)
                name = unescape(found.group(1).decode("utf-8", "replace")) if found else ""
                rows = cols = row = 0
            elif tag == b"table:table-row":
                row_rep, row_used, col = reps.get(b"rows", 1), False, 0
                if closed:  # an empty self-closed row
                    row += row_rep
            else:
                span = reps.get(b"columns", 1)
                if not closed or _ODS_VALUE.search(attrs):
                    cols = max(cols, col + span)
                    row_used = True
                col += span
    extents.append((name, rows, cols))
    return extents


def _may_hold_formula(buf: bytes) -> bool:
    """False only when ``buf`` has no "<f" (so no ``<f>`` element).

    Sheet XML holds few "f" bytes, found at memchr speed, while "<" is
    everywhere and slows a search for "<f"; past 64 "f" bytes the answer is
    True and the caller's pattern decides.

    >>> _may_hold_formula(b'<c r="A1"><v>1</v></c>'), _may_hold_formula(b'<c r="A1"><f>B1</f></c>')
    (False, True)
    """
    i = buf.find(b"f", 1)
    for _ in range(64):
        if i < 0:
            return False
        if buf[i - 1] == 0x3C:  # "<"
            return True
        i = buf.find(b"f", i + 1)
    return True


def _overlapping(first: bytes, rest, overlap: int = 4096):
    """Chunks, each starting with the last bytes of the one before."""
    yield first
    tail = first[-overlap:]
    for data in rest:
        buf = tail + data
        yield buf
        tail = buf[-overlap:]


def _last(pattern: re.Pattern, buf: bytes, group: int = 1) -> bytes | None:
    """The last match of ``pattern`` in the last 4 KB of ``buf`` (or in all)."""
    for start in (max(0, len(buf) - 4096), 0):
        found = None
        for found in pattern.finditer(buf, start):
            pass
        if found is not None:
            return found.group(group)
        if start == 0:
            break
    return None


def _mb(size: int) -> int:
    return max(1, round(size / MB))
