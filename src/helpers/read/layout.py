"""Where a report table sits in a sheet: header block, header rows, rows.

A report sheet has title rows (the district's committee, the title with the
year), a header of one to three rows (group headings over sub-columns,
merged or not), an optional numbering row "(1) (2) …", then data rows mixed
with group rows ("I", "Đảng bộ xã, thị trấn"), sub-totals ("Cộng I") and a
grand total, then notes and signatures.

Examples
--------
>>> rows = [["HUYỆN ỦY CHIÊM HÓA", ""], ["KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023", ""],
...         ["TT", "Tên tổ chức cơ sở đảng"], [1, "Đảng bộ xã Hòa Phú"]]
>>> t = find_table(rows, None)
>>> t.top, t.data_start, t.unit_col, t.paths[1]
(2, 3, 1, ('Tên tổ chức cơ sở đảng',))
>>> header_district(rows, t.top), header_year(rows, t.top, "Sheet1")
('Chiêm Hóa', 2023)
"""

from __future__ import annotations

import functools
import re
from itertools import chain, compress
from dataclasses import dataclass, field

from ..text import split_district_name
from .cells import ccanonical, cfold, is_blank

#: Headings of the unit column (folded).
UNIT_HEADINGS = frozenset(
    cfold(s)
    for s in (
        "Tên tổ chức cơ sở đảng",
        "Tổ chức cơ sở đảng",
        "Tên TCCSĐ",
        "TCCSĐ",
        "Đơn vị",
        "Tên đơn vị",
        "Xã, thị trấn",
        "Xã, phường, thị trấn",
        "Tên xã, thị trấn",
        "Tên xã, phường, thị trấn",
        # the provincial committee's reports (after 1 July 2025): its commune, ward and agency committees
        "Đảng bộ trực thuộc",
        "Đảng bộ xã, phường",
        "Xã, phường",
        "Tên đảng bộ",
        # a commune committee's own reports: its cells and grassroots organisations
        "Tên chi bộ",
        "Chi bộ trực thuộc",
        "Chi bộ",
    )
)
#: Unit headings that may also head a group of columns (ratings: "Chi bộ trực thuộc" over its levels).
_AMBIGUOUS = frozenset({cfold("Tổ chức cơ sở đảng"), cfold("TCCSĐ"), cfold("Chi bộ trực thuộc"), cfold("Chi bộ")})
#: Headings of the numbering column (folded).
TT_HEADINGS = frozenset({"tt", "stt", "số tt", "số thứ tự"})

#: Labels of grand-total rows (folded).
GRAND_TOTALS = frozenset(
    cfold(s) for s in ("Tổng cộng", "Tổng số", "Tổng", "Toàn huyện", "Toàn thành phố", "Toàn đảng bộ", "Cộng chung")
)
_PLACE_WORDS = "tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu"
#: "Toàn tỉnh", "Toàn xã", "Toàn Đảng bộ tỉnh", "Toàn huyện Chiêm Hóa" (folded): the whole of a committee's place.
_WHOLE_PLACE = re.compile(rf"^toàn (?:(?:{_PLACE_WORDS})(?: .+)?|đảng bộ(?: (?:{_PLACE_WORDS})(?: .+)?)?)$")
_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_NUMBERING = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
# "(1)" read back from a CSV by a spreadsheet program is the number -1 (accounting negatives)
_NEGATIVE_NUMBERING = re.compile(r"^-\d{1,2}$")
_YEAR_TITLE = re.compile(r"\bnăm (\d{4})\b")
_SIGNING = re.compile(r"\bngày \d|\btháng \d")
_YEAR_SHEET = re.compile(r"^(?:năm )?(\d{4})$")
#: Rows searched for the table header.
HEADER_SCAN = 60


@dataclass
class Table:
    """The located table of a report sheet (0-based rows and columns)."""

    top: int
    header_rows: list[int]
    data_start: int
    unit_col: int | None
    tt_col: int | None
    #: column -> header texts, canonical, top first (merged headings filled)
    paths: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: column -> the cells of its header path (for messages)
    path_cells: dict[int, tuple[int, int]] = field(default_factory=dict)


def _text(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if type(value) is float and value.is_integer():
        return str(int(value))
    return str(value)


def is_numbering_row(row: list[object]) -> bool:
    """A row of column numbers "(1) (2) …" or "1 2 3 …" (-1, -2 … after a CSV round trip), each larger than the last.

    >>> is_numbering_row(["(1)", "(2)", None, "(4)"]), is_numbering_row([-1, -2, -3]), is_numbering_row([1, 0, 12, 0])
    (True, True, False)
    """
    last = seen = 0
    for v in row:
        if v is None or (type(v) is str and not v.strip()):
            continue
        _canon, written, _number, n = _heading(v)
        if not written or n <= last:
            return False
        last, seen = n, seen + 1
    return seen >= 2


def _heading(value: object) -> tuple[str, bool, bool, int]:
    """A non-blank header cell: (canonical text, column number as written, column number once canonical, the number's size)."""
    try:
        return _heading_cached(value)
    except TypeError:  # unhashable
        return _heading_of(value)


def _heading_of(value: object) -> tuple[str, bool, bool, int]:
    text = _text(value)
    canon = ccanonical(text)
    negative = type(value) in (int, float) and bool(_NEGATIVE_NUMBERING.match(text))
    written = negative or bool(_NUMBERING.match(text.strip()))
    number = abs(int(text.strip().strip("()").strip())) if written else -1
    return canon, written, negative or bool(_NUMBERING.match(canon)), number


# typed: True and 1.0 are different cells ("True" is no column number)
_heading_cached = functools.lru_cache(maxsize=16384, typed=True)(_heading_of)


def _padded(rows: list[list[object]], r: int, width: int) -> list[object]:
    if r >= len(rows):
        return [""] * width
    row = rows[r]
    return list(row) + [""] * (width - len(row))


def _group_row_above(above: list[object], key_row: list[object], keycols: list[int]) -> bool:
    """Whether ``above`` holds group headings over the sub-headings of ``key_row``.

    It must be blank over the TT and unit columns, hold text only over
    columns headed in ``key_row``, and not be a title (no year in it).
    """
    texts = [(c, v) for c, v in enumerate(above) if not is_blank(v)]
    if not texts or any(c in keycols for c, _v in texts) or min(keycols, default=0) > min(c for c, _v in texts):
        return False
    for c, v in texts:
        if type(v) is not str or is_blank(key_row[c]) or _YEAR_TITLE.search(cfold(v)) or _NUMBERING.match(v.strip()):
            return False
    return True


def _header_row(rows: list[list[object]]) -> int | None:
    """The row holding the TT or unit heading, or ``None``."""
    top = loose = None
    for r, row in enumerate(rows[:HEADER_SCAN]):
        for v in filter(None, row):  # "" and None skipped at C speed
            if type(v) is str:
                f = cfold(v)
                if f in TT_HEADINGS or (f in UNIT_HEADINGS and f not in _AMBIGUOUS):
                    top = r
                    break
                if f in UNIT_HEADINGS and loose is None:
                    loose = r  # "Tổ chức cơ sở đảng" may head the unit column or a group
        if top is not None or (loose is not None and r > loose + 2):
            break
    if top is None or (loose is not None and loose < top - 2):
        return loose
    return top


def _merged(block: list[list[object]], top: int, width: int, merges) -> dict[int, int]:
    """Fill every cell of a merged range that starts in the header block; the depth of each column merged down from the top."""
    vmerge: dict[int, int] = {}
    for (r0, c0), (r1, c1) in merges or ():
        if top <= r0 < top + 3 and c0 < width:
            value = block[r0 - top][c0]
            for rr in range(r0, min(r1, top + 2) + 1):
                for cc in range(c0, min(c1, width - 1) + 1):
                    block[rr - top][cc] = value
            if r0 == top and c0 == c1:
                vmerge[c0] = r1 - top + 1
    return vmerge


def _depth(raw: list[list[object]], first_depth: int, unit_col, tt_col, vmerge: dict[int, int]) -> int:
    """How many rows the header has: as merged down, else rows of sub-headings below the key row."""
    if unit_col is not None and unit_col in vmerge:
        return min(vmerge[unit_col], 3)
    if tt_col is not None and tt_col in vmerge:
        return min(vmerge[tt_col], 3)
    depth = first_depth
    for k in range(depth, 3):
        row = raw[k]
        if is_numbering_row(row):
            break
        key_cells = [row[c] for c in (unit_col, tt_col) if c is not None]
        if not all(is_blank(v) for v in key_cells):
            break
        if not any(type(v) is str and v.strip() and not _NUMBERING.match(v.strip()) for v in row):
            break
        depth = k + 1
    return depth


def find_table(rows: list[list[object]], merges: list | None) -> Table | None:
    """Locate the header of the report table, or ``None`` if there is none.

    The sheets of one template share their header: the table is worked out
    once for the cells it depends on (the heading row, the row above it,
    the three below, their values and types, and the merged ranges).
    """
    key = _header_row(rows)  # the row holding the TT / unit headings
    if key is None:
        return None
    window = rows[max(key - 1, 0) : key + 4]
    cells = tuple(chain.from_iterable(window))
    try:
        memo = (key, tuple(map(len, window)), cells, tuple(map(type, cells)), tuple(merges or ()))
        table = _TABLES.get(memo)
    except TypeError:  # an unhashable value
        memo = table = None
    if table is None:
        table = _find_table(rows, merges, key)
        if memo is not None:
            if len(_TABLES) >= 4096:
                _TABLES.clear()
            _TABLES[memo] = table
    return Table(table.top, list(table.header_rows), table.data_start, table.unit_col, table.tt_col,
                 dict(table.paths), dict(table.path_cells))


_TABLES: dict[tuple, Table] = {}  # the tables found, by the cells they depend on


def _find_table(rows: list[list[object]], merges: list | None, key: int) -> Table:
    top = key
    width = max((len(r) for r in rows[max(top - 1, 0) : top + 4]), default=0)
    first_raw = _padded(rows, key, width)
    keycols = [c for c, v in enumerate(first_raw) if type(v) is str and (cfold(v) in TT_HEADINGS or cfold(v) in UNIT_HEADINGS)]
    key_merged = any(r0 == key and c0 in keycols and r1 > r0 for (r0, c0), (r1, c1) in merges or ())
    if key > 0 and not key_merged and _group_row_above(_padded(rows, key - 1, width), first_raw, keycols):
        top = key - 1  # group headings above, TT and unit headings at the bottom (no merges)
    block = [_padded(rows, r, width) for r in range(top, top + 3)]
    raw = [list(r) for r in block]
    vmerge = _merged(block, top, width, merges)
    first = block[key - top]
    tt_col = next((c for c, v in enumerate(first) if type(v) is str and cfold(v) in TT_HEADINGS), None)
    hmerged = {c for (r0, c0), (r1, c1) in merges or () if r0 == key and c1 > c0 for c in range(c0, c1 + 1)}
    candidates = [
        c for c, v in enumerate(first) if type(v) is str and cfold(v) in UNIT_HEADINGS and c not in hmerged
    ]
    # a group heading written without merging has blank cells to its right
    alone = [c for c in candidates if c + 1 >= width or not is_blank(first[c + 1]) or c in vmerge]
    unit_col = (alone or candidates or [None])[0]
    depth = _depth(raw, key - top + 1, unit_col, tt_col, vmerge)
    paths, rel = _header_paths(block[:depth], raw[:depth], width)
    paths = dict(paths)  # the remembered answer stays as it was
    cells = {c: (top + i, c) for c, i in rel.items()}
    data_start = top + depth
    if data_start < len(rows) and is_numbering_row(rows[data_start]):
        data_start += 1
    return Table(top, list(range(top, top + depth)), data_start, unit_col, tt_col, paths, cells)


def _header_paths(block: list[list[object]], raw: list[list[object]], width: int):
    """Column -> header path, and column -> row (in the block) of its lowest written heading.

    ``block`` holds the header rows with merged ranges filled, ``raw`` the
    same rows as written.  Sheets of one template share their header, so
    the answer is remembered by the rows' values and types.
    """
    cells = [*chain.from_iterable(block), *chain.from_iterable(raw)]
    key = (width, len(block), tuple(cells), tuple(map(type, cells)))
    try:
        return _header_paths_cached(key)
    except TypeError:  # an unhashable value
        return _header_paths_of(key)


def _header_paths_of(key) -> tuple[dict[int, tuple[str, ...]], dict[int, int]]:
    width, depth, cells, _types = key
    n = width * depth
    block = [list(cells[i * width : (i + 1) * width]) for i in range(depth)]
    raw = [cells[n + i * width : n + (i + 1) * width] for i in range(depth)]
    # without merge information: a group heading stands over the sub-columns
    # beneath it, up to the next heading of its row or of a row above (as
    # written: not as filled here, so a second-row heading extends too)
    written = [list(row) for row in block]
    for i in range(depth - 1):
        c = 0
        while c < width:
            if not is_blank(block[i][c]):
                j = c + 1
                while (
                    j < width
                    and is_blank(block[i][j])
                    and any(not is_blank(block[k][j]) for k in range(i + 1, depth))
                    and not any(not is_blank(written[k][j]) for k in range(0, i))
                ):
                    block[i][j] = block[i][c]
                    j += 1
                c = j
            else:
                c += 1
    paths: dict[int, tuple[str, ...]] = {}
    rows: dict[int, int] = {}
    for c in range(width):
        parts: list[str] = []
        last = 0
        for i in range(depth):
            v = block[i][c]
            if v is None or (type(v) is str and not v.strip()):
                continue
            s, _written, numbering, _n = _heading(v)
            if numbering:
                continue
            if not parts or parts[-1] != s:
                parts.append(s)
            v = raw[i][c]
            if not (v is None or (type(v) is str and not v.strip())):
                last = i
        if parts:
            paths[c] = tuple(parts)
            rows[c] = last
    return paths, rows


_header_paths_cached = functools.lru_cache(maxsize=4096)(_header_paths_of)


def title_lines(rows: list[list[object]], top: int) -> list[tuple[int, int, str]]:
    """(row, column, text) of every text cell above row ``top``.

    The title, district and year look at the same cells: a reader finds
    them once and passes them as ``lines``.

    >>> title_lines([["KẾT QUẢ", None], [" ", "NĂM 2023"], ["TT"]], 2)
    [(0, 0, 'KẾT QUẢ'), (1, 1, 'NĂM 2023')]
    """
    return [(r, c, v) for r in range(min(top, len(rows))) for c, v in compress(enumerate(rows[r]), rows[r])
            if type(v) is str and v.strip()]


def header_district(rows: list[list[object]], top: int, *, lines=None) -> str | None:
    """The district named in the header block above row ``top`` (its text cells: ``lines``)."""
    for _r, _c, v in title_lines(rows, top) if lines is None else lines:
        f = cfold(v)
        if f.startswith(("đảng bộ tỉnh", "tỉnh ủy", "ban thường vụ tỉnh ủy", "đảng cộng sản")):
            continue
        name = _district_name(v)
        if name:
            return ccanonical(name)
    return None


@functools.lru_cache(maxsize=4096)
def _district_name(text: str) -> str | None:
    return split_district_name(text)


def header_year(rows: list[list[object]], top: int, sheet: str, *, lines=None) -> int | None:
    """The report year from the title, else from the sheet's name.

    The signing-date line ("…, ngày 15 tháng 12 năm 2023", "…, tháng 12
    năm 2023") is not a title.

    >>> header_year([["Chiêm Hóa, tháng 12 năm 2024"], ["KẾT QUẢ 6 THÁNG ĐẦU NĂM 2023"]], 2, "x")
    2023
    """
    for _r, _c, v in title_lines(rows, top) if lines is None else lines:
        year = _title_year(v)
        if year is not None:
            return year
    m = _YEAR_SHEET.match(cfold(sheet))
    return int(m.group(1)) if m else None


@functools.lru_cache(maxsize=8192)
def _title_year(text: str) -> int | None:
    """The year a title line names ("… NĂM 2023"); ``None`` for a signing-date line."""
    f = cfold(text)
    if _SIGNING.search(f):
        return None
    m = _YEAR_TITLE.search(f)
    return int(m.group(1)) if m else None


_PERIODS = (
    (re.compile(r"\b(?:6|sáu) tháng đầu năm\b"), "H1"),
    (re.compile(r"\b(?:6|sáu) tháng cuối năm\b"), "H2"),
    (re.compile(r"\b(?:9|chín) tháng\b"), "M9"),
    (re.compile(r"\bquý (?:iv|4)\b"), "Q4"),
    (re.compile(r"\bquý (?:iii|3)\b"), "Q3"),
    (re.compile(r"\bquý (?:ii|2)\b"), "Q2"),
    (re.compile(r"\bquý (?:i|1)\b"), "Q1"),
)


def header_period(rows: list[list[object]], top: int, *, lines=None) -> str:
    """The part of the year a report covers: ``"year"``, or ``"H1"``, ``"H2"``, ``"Q1"``…``"Q4"``, ``"M9"``.

    Read from the title ("6 THÁNG ĐẦU NĂM 2025", "6 THÁNG CUỐI NĂM",
    "QUÝ III", "9 THÁNG"), never from the signing-date line.

    >>> header_period([["KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 6 THÁNG ĐẦU NĂM 2025"]], 1), header_period([["QUÝ III NĂM 2025"]], 1)
    ('H1', 'Q3')
    >>> header_period([["Chiêm Hóa, ngày 15 tháng 6 năm 2024"], ["KẾT QUẢ NĂM 2024"]], 2)
    'year'
    """
    for _r, _c, v in title_lines(rows, top) if lines is None else lines:
        period = _title_period(v)
        if period is not None:
            return period
    return "year"


@functools.lru_cache(maxsize=8192)
def _title_period(text: str) -> str | None:
    f = cfold(text)
    if _SIGNING.search(f):
        return None
    for pattern, period in _PERIODS:
        if pattern.search(f):
            return period
    return None


def title_text(rows: list[list[object]], top: int, *, lines=None) -> str:
    """Every text of the rows above the header, folded, one string."""
    return " | ".join(cfold(v) for _r, _c, v in (title_lines(rows, top) if lines is None else lines))


def is_group_marker(value: object) -> bool:
    """A group-row number: a Roman numeral (I, II) or a capital letter (A, B)."""
    if type(value) is not str:
        return False
    s = value.strip().rstrip(".")
    return bool(s) and (bool(_ROMAN.match(s)) or (len(s) == 1 and "A" <= s <= "Z"))


def is_row_number(value: object) -> bool:
    """An arabic row number (1, 2.0, "3", "4.")."""
    t = type(value)
    if t is int or (t is float and value.is_integer()):
        return True
    return t is str and value.strip().rstrip(".").isdigit()


def total_label(text: str) -> str | None:
    """``"grand"``, ``"sub"`` (Cộng I), ``"cong"`` (a bare Cộng) or ``None``.

    >>> [total_label(t) for t in ("Toàn tỉnh", "Toàn Đảng bộ xã", "TOÀN HUYỆN CHIÊM HÓA", "Cộng I", "Toàn Thắng")]
    ['grand', 'grand', 'grand', 'sub', None]
    """
    f = cfold(text)
    if f == "cộng":
        return "cong"
    if f in GRAND_TOTALS or _WHOLE_PLACE.match(f):
        return "grand"
    if f.startswith("cộng "):
        return "sub"
    return None
