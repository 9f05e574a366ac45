"""Which party committee a report comes from: its header block.

The lines above a report table name the committee that made it, the
province first:

======================================  ===============================
line                                    gives
======================================  ===============================
ĐẢNG BỘ TỈNH TUYÊN QUANG, TỈNH ỦY …     the province
ĐẢNG BỘ THÀNH PHỐ HÀ NỘI, THÀNH ỦY …    the province (a centrally-run city)
HUYỆN ỦY CHIÊM HÓA, ĐẢNG BỘ HUYỆN …      the district (level ``district``)
QUẬN ỦY …, THỊ ỦY …, THÀNH ỦY TUYÊN      the district (a quận, thị xã,
QUANG                                   provincial city)
ĐẢNG ỦY XÃ …, ĐẢNG ỦY PHƯỜNG …          the commune (level ``commune``)
TỈNH ỦY … with BAN TỔ CHỨC              a provincial committee's report
======================================  ===============================

The centrally-run cities are Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng,
Cần Thơ and, since 1 January 2025, Huế (before that a provincial city of
Thừa Thiên Huế: "THÀNH ỦY HUẾ" under "ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ" is a
district).  "ĐẢNG CỘNG SẢN VIỆT NAM", the title and the signing-date line
("Chiêm Hóa, ngày 15 tháng 12 năm 2023") never name a committee.  Lines are
matched in any case, NFC or NFD, old or new tone placement; a cell holding
several lines is read line by line, and a committee word alone on its line
("HUYỆN ỦY") takes its name from the next.

Examples
--------
>>> c = parse_committee([(0, 0, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"), (1, 0, "QUẬN ỦY BA ĐÌNH"), (3, 2, "KẾT QUẢ NĂM 2023")])
>>> c.province, c.district, c.level, c.district_at, c.province_line_found
('Hà Nội', 'Ba Đình', 'district', (1, 0), True)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Sequence

from ..text import canonical, fold, split_district, split_province_name
from .cells import ccanonical, cfold

#: Cities directly under the centre (their Thành ủy is a province's committee).
CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ"})
#: Huế is one from this year on.
HUE_FROM = 2025
_ALIASES = {"hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "hn": "Hà Nội"}

_LEAD = r"(?:ban thường vụ |ban chấp hành |thường trực |ban chấp hành đảng bộ )?"
_PROVINCE = re.compile(rf"^{_LEAD}(?:đảng bộ tỉnh|tỉnh đảng bộ|tỉnh ủy)(?: (?P<name>.+))?$")
_CITY = re.compile(rf"^{_LEAD}(?:đảng bộ thành phố|đảng bộ tp|thành ủy thành phố|thành ủy tp|thành ủy|thành phố|tp)(?: (?P<name>.+))?$")
_COMMUNE = re.compile(rf"^{_LEAD}(?:đảng ủy|đảng bộ) (?P<word>xã|phường|thị trấn|đặc khu)(?: (?P<name>.+))?$")
_BOARD = re.compile(r"^(?:ban|ủy ban|văn phòng) (?!thường vụ|chấp hành)\w+")
_BARE_WORDS = re.compile(r"^(?:ban thường vụ )?(?:đảng bộ tỉnh|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng bộ huyện|"
                         r"đảng bộ quận|đảng bộ thị xã|đảng bộ thành phố|đảng ủy xã|đảng ủy phường|đảng ủy thị trấn)$")
_NOT_COMMITTEE = re.compile(r"^(?:đảng cộng sản|cộng hòa|độc lập|số )|\bngày \d|\btháng \d{1,2} năm \d{4}")
_YEAR = re.compile(r"\bnăm (\d{4})\b")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,5})$", re.IGNORECASE)
_TYPES = {"xã": "commune", "phường": "ward", "thị trấn": "town", "đặc khu": "special_zone"}


@dataclass(frozen=True)
class Committee:
    """The committee a header block names, and where each part was read.

    ``level``: ``"commune"`` (a commune committee's own report),
    ``"district"``, ``"province"`` (a provincial committee's report: its
    committee line, or a province line with a board such as "BAN TỔ
    CHỨC"), or ``None`` (nothing, or a province line alone).  The ``*_at``
    fields are the (row, col) of the line each part came from.
    """

    province: str | None = None
    district: str | None = None
    commune: str | None = None
    level: str | None = None
    province_at: tuple[int, int] | None = None
    district_at: tuple[int, int] | None = None
    commune_at: tuple[int, int] | None = None
    province_line_found: bool = False
    district_kind: str | None = None
    commune_type: str | None = None
    board_at: tuple[int, int] | None = None


def _sublines(lines: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Every line of every cell, a committee word alone joined to the line after it."""
    out: list[tuple[int, int, str]] = []
    for r, c, text in lines:
        out.extend((r, c, part) for part in _cell_lines(str(text)))
    joined: list[tuple[int, int, str]] = []
    i = 0
    while i < len(out):
        r, c, part = out[i]
        if _bare_word(part) and i + 1 < len(out) and _classify(out[i + 1][2]) is None:
            part = f"{part} {out[i + 1][2]}"
            i += 1
        joined.append((r, c, part))
        i += 1
    return joined


_LINE_BREAKS = re.compile(r"[\r\n]+")


@functools.lru_cache(maxsize=16384)
def _cell_lines(text: str) -> tuple[str, ...]:
    """A cell's lines, canonical, the blank ones left out (cells repeat from sheet to sheet)."""
    return tuple(filter(None, map(ccanonical, _LINE_BREAKS.split(text))))


@functools.lru_cache(maxsize=16384)
def _bare_word(part: str) -> bool:
    """Whether a line is a committee word alone ("HUYỆN ỦY"), its name on the next line."""
    return _BARE_WORDS.match(cfold(part)) is not None


def _tail(text: str, folded_name: str) -> str:
    """The last words of ``text`` that ``folded_name`` folds from, in their case ("TUYÊN QUANG" -> "Tuyên Quang")."""
    words = re.sub(r"[^\w\s]", " ", text).split()
    n = len(folded_name.split())
    name = " ".join(words[-n:]) if n else ""
    return split_province_name(name)


def _city(folded_name: str, text: str) -> str:
    alias = _ALIASES.get(folded_name.replace(" ", ""))
    return alias or _tail(text, folded_name)


@functools.lru_cache(maxsize=4096)
def _classify(text: str) -> tuple[str, str, str | None] | None:
    """(part, name, detail) of one line: part is province, city, district, commune or board."""
    f = fold(text)
    if _NOT_COMMITTEE.search(f):
        return None
    m = _COMMUNE.match(f)
    if m and m.group("name"):
        name = _tail(text, m.group("name"))
        if _NUMBERED.match(name):  # "ĐẢNG ỦY PHƯỜNG 2": the ward is "Phường 2"
            name = f"{m.group('word').capitalize()} {name.upper()}"
        return "commune", name, _TYPES[m.group("word")]
    m = _PROVINCE.match(f)
    if m:
        return ("province", _tail(text, m.group("name")), "committee" if "ủy" in f.split(m.group("name"))[0] else None) if m.group("name") else None
    m = _CITY.match(f)
    if m and m.group("name"):
        name = m.group("name")
        if name in CENTRAL_CITIES or name.replace(" ", "") in _ALIASES or name == "huế":
            return "city", _city(name, text), "committee" if "ủy" in f.split(name)[0] else None
    found = split_district(text)
    if found:
        return "district", found[0], found[1]
    if _BOARD.match(f):
        return "board", text, None
    return None


def _year(lines: list[tuple[int, int, str]]) -> int | None:
    for _r, _c, text in lines:
        m = _YEAR.search(cfold(text))
        if m:
            return int(m.group(1))
    return None


def parse_committee(lines: Sequence[tuple[int, int, str]], *, year: int | None = None) -> Committee:
    """Read the committee from the text cells above a report's table.

    Parameters
    ----------
    lines : sequence of (row, col, text)
        The text cells above the table's header in reading order (what
        :func:`helpers.read.layout.title_lines` returns).
    year : int, optional
        The report year, which decides whether Huế is a centrally-run city;
        by default the first "năm YYYY" of the lines.

    Examples
    --------
    >>> c = parse_committee([(0, 0, "ĐẢNG BỘ TỈNH TUYÊN QUANG"), (0, 4, "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ...                      (1, 0, "HUYỆN UỶ CHIÊM HOÁ"), (2, 4, "Chiêm Hóa, ngày 15 tháng 12 năm 2023")])
    >>> c.province, c.district, c.level, c.district_kind
    ('Tuyên Quang', 'Chiêm Hóa', 'district', 'huyện')
    >>> c = parse_committee([(0, 0, "TỈNH ỦY TUYÊN QUANG\\nBAN TỔ CHỨC"), (2, 0, "KẾT QUẢ NĂM 2025")])
    >>> c.province, c.district, c.level
    ('Tuyên Quang', None, 'province')
    >>> c = parse_committee([(0, 0, "ĐẢNG BỘ TỈNH TUYÊN QUANG"), (1, 0, "ĐẢNG ỦY XÃ YÊN NGUYÊN")])
    >>> c.commune, c.commune_type, c.level
    ('Yên Nguyên', 'commune', 'commune')
    """
    parts = _sublines(lines)
    year = year if year is not None else _year(parts)
    found: dict[str, tuple] = {}
    for r, c, text in parts:
        got = _classify(text)
        if got is None:
            continue
        part, name, detail = got
        if part == "city":
            hue_district = name == "Huế" and ("province" in found or (year is not None and year < HUE_FROM))
            part = "district" if hue_district else "province"
            detail = "thành phố" if hue_district else detail
        if part not in found:
            found[part] = (name, detail, (r, c))
    return _committee(found)


def _committee(found: dict[str, tuple]) -> Committee:
    province = found.get("province")
    district = found.get("district")
    commune = found.get("commune")
    board = found.get("board")
    if commune:
        level = "commune"
    elif district:
        level = "district"
    elif province and (province[1] == "committee" or board):
        level = "province"
    else:
        level = None
    return Committee(
        province=province[0] if province else None,
        district=district[0] if district else None,
        commune=commune[0] if commune else None,
        level=level,
        province_at=province[2] if province else None,
        district_at=district[2] if district else None,
        commune_at=commune[2] if commune else None,
        province_line_found=province is not None,
        district_kind=district[1] if district else None,
        commune_type=commune[1] if commune else None,
        board_at=board[2] if board else None,
    )
