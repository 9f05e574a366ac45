"""Write report sheets in the layouts district offices use (data contract §1–§2).

One function, :func:`write_report`, lays out ONE report sheet of any of the
four kinds (admissions, ratings, placements, breakthrough tasks) from
tidy-form records; a :class:`Layout` chooses among the variations real
offices produce (title block, one- to three-row headers with merged group
headings, a numbering row, column order, extra columns, abbreviations and
alternate header words, tone style, NFC/NFD, case, group rows with
sub-totals, level words or x-marks, numbers as text, "-" for zero,
signature rows).  :func:`write_workbook` writes a whole workbook, optionally
with an instructions sheet and a hidden lookup sheet, with stable bytes.

The bundled synthetic workbooks, the blank templates and the tests of the
readers are all written with this module.

Records
-------
One dict per unit, with ``unit`` (the bare name, "Hòa Phú") and
``unit_type`` (commune, town, ward, agency), plus:

- admissions: ``target``, ``admitted``, ``female``, ``ethnic_minority``,
  ``youth_union``, ``religious``;
- placements: ``secretary_non_local``, ``secretary_chairs_pc``,
  ``pc_chair_non_local`` (bool), ``pc_vice_chairs``,
  ``pc_vice_chairs_non_local``, ``officials_members``,
  ``officials_in_village_cells``, ``officials_in_village_committees``;
- breakthrough_tasks: ``cadres``, ``tasks``, ``tasks_completed``;
- ratings: ``organisation`` (a level: ``"excellent"``, ``"good"``,
  ``"completed"``, ``"not_completed"``), ``cells`` and ``members`` (dicts
  level -> count; ``members`` may hold ``"not_rated"``); the totals written
  are the sums unless ``cells_total`` / ``members_total`` say otherwise.

A missing key or ``None`` leaves the cell empty; ``note`` fills the first
extra column.

Examples
--------
>>> from openpyxl import Workbook
>>> ws = Workbook().active
>>> recs = [{"unit": "Hòa Phú", "unit_type": "commune", "target": 9, "admitted": 7,
...          "female": 3, "ethnic_minority": 5, "youth_union": 6, "religious": 0},
...         {"unit": "Công an huyện", "unit_type": "agency", "target": 2, "admitted": 2,
...          "female": 0, "ethnic_minority": 1, "youth_union": 2, "religious": 0}]
>>> write_report(ws, "admissions", recs, district="Chiêm Hóa", year=2023)
['B11', 'B14']
>>> ws["B11"].value, ws["A5"].value
('Đảng bộ xã Hòa Phú', 'KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2023')
>>> ws["B16"].value, ws["D16"].value
('Tổng cộng', 9)
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from . import kinds as _kinds
from .kinds.vocabulary import LEVEL_WRITTEN as LEVEL_WORDS
from .kinds.vocabulary import LEVELS_BEST_FIRST, WORDS
from .text import canonical, new_tones, numbered


def fields(kind: str) -> tuple[str, ...]:
    """The figure fields of ``kind`` in written order (ratings: its three subjects).

    >>> fields("breakthrough_tasks")
    ('cadres', 'tasks', 'tasks_completed')
    """
    return tuple(dict.fromkeys(f for f, _part in _kinds.get(kind).written))


def __getattr__(name: str):
    # views of the kinds registry: a kind registered later is written too
    if name == "KINDS":
        return _kinds.names()
    if name == "FIELDS":
        return {k: fields(k) for k in _kinds.names()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: The date written on the sheets when ``Layout.date`` is not changed.
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Layout:
    """How a report sheet looks.  Every option has the common default.

    Attributes
    ----------
    blank_rows : int
        Empty rows above everything (shifts the whole sheet down).
    first_col : int
        Column of the TT column (1 = A).
    title : bool
        Write the header block (province / district), the date line and the
        title "KẾT QUẢ … NĂM 2023".
    header_block : str
        ``"huyen_uy"`` ("HUYỆN ỦY CHIÊM HÓA"), ``"dang_bo"`` ("ĐẢNG BỘ
        HUYỆN CHIÊM HÓA"), ``"ban_thuong_vu"`` ("BAN THƯỜNG VỤ HUYỆN ỦY …"),
        ``"ban_to_chuc"`` (the provincial committee's organisation board:
        "TỈNH ỦY TUYÊN QUANG" over "BAN TỔ CHỨC"; ``district`` is then the
        province) or ``"none"`` (no district in the sheet; the caller knows
        it).  A commune committee's block ("ĐẢNG BỘ TỈNH TUYÊN QUANG" over
        "ĐẢNG ỦY XÃ YÊN NGUYÊN") is ``"huyen_uy"`` with
        ``Place(district_kind="xã")`` and the commune as ``district``.
    period : str
        The part of the year the report covers: ``"year"`` ("… NĂM 2025"),
        ``"H1"`` ("… 6 THÁNG ĐẦU NĂM 2025") or ``"H2"`` ("… 6 THÁNG CUỐI
        NĂM 2025").
    title_text : str or None
        The title without its period words, instead of the kind's own
        ("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CHI BỘ VÀ ĐẢNG VIÊN").
    unit_heading : str or None
        The unit column's heading, instead of the kind's own ("Đảng bộ trực
        thuộc", "Đảng bộ xã, phường", "Tên chi bộ", "Chi bộ trực thuộc").
    organisation_heading : str or None
        Ratings: the heading of the unit's own level, instead of "Xếp loại
        TCCSĐ" / "Tổ chức cơ sở đảng" ("Xếp loại chi bộ" for a commune
        committee's report of its cells).
    title_year : bool
        Put the year in the title (otherwise only the sheet name has it).
    date : tuple of int
        (day, month) of the date line, in the report year.
    header_rows : int
        1, 2 or 3 header rows; groups are merged headings over sub-columns.
    numbering_row : bool
        A row "(1) (2) …" under the header.
    columns : tuple of str or None
        Figure fields to write, in this order (see :data:`FIELDS`); the
        sub-columns of one group stay together, placed where the group's
        first field comes.  ``None``: all, canonical order.
    extra_columns : tuple of str
        Headings of ignored columns written after the figures ("Ghi chú").
    spelling : str
        ``"canonical"``, ``"abbreviated"`` (DTTS, UBND, STT …) or
        ``"alternate"`` (the other words the contract lists).
    tones : str
        ``"classic"`` (Hòa, ủy) or ``"new"`` (Hoà, uỷ), for all text written.
    unicode_form : str
        ``"NFC"`` or ``"NFD"``, for all text written.
    case : str
        Header text ``"as_is"``, ``"upper"`` or ``"lower"``.
    unit_names : str
        ``"full"`` ("Đảng bộ xã Hòa Phú"), ``"admin"`` ("Xã Hòa Phú"),
        ``"bare"`` ("Hòa Phú") or ``"upper"`` ("ĐẢNG BỘ XÃ HÒA PHÚ").
    groups : bool
        Group rows ("I", "Đảng bộ xã, thị trấn") with sub-totals
        ("Cộng I") when the records hold commune-level units and agencies.
    subtotals : bool
        Write the "Cộng I" rows (when ``groups``).
    grand_total : str or None
        Label of the grand total row ("Tổng cộng", "Tổng số", "Cộng",
        "Toàn huyện"); ``None`` for none.
    total_first : bool
        Put the grand total right under the header instead of at the end.
    level_style : str
        Ratings: ``"word"`` (one column "Xếp loại TCCSĐ") or ``"x"`` (four
        columns under "Tổ chức cơ sở đảng", an x under one).
    level_words : str
        ``"full"``, ``"abbreviated"`` (HTXSNV) or ``"short"`` (Xuất sắc, Tốt).
    not_rated : bool
        Ratings: a "Không xếp loại" column among the members' columns.
    numbers : str
        ``"number"``, ``"text"`` ("12"), ``"dash"`` ("-" for zero) or
        ``"text_dash"``.
    yes_mark, no_mark : str
        What a yes / no cell holds ("x", "X", "✓", "có", "1" / "", "không", "0").
    footer : bool
        Signature rows under the table.
    """

    blank_rows: int = 0
    first_col: int = 1
    title: bool = True
    header_block: str = "huyen_uy"
    title_year: bool = True
    period: str = "year"
    title_text: str | None = None
    unit_heading: str | None = None
    organisation_heading: str | None = None
    date: tuple[int, int] = (15, 12)
    header_rows: int = 2
    numbering_row: bool = True
    columns: tuple[str, ...] | None = None
    extra_columns: tuple[str, ...] = ("Ghi chú",)
    spelling: str = "canonical"
    tones: str = "classic"
    unicode_form: str = "NFC"
    case: str = "as_is"
    unit_names: str = "full"
    groups: bool = True
    subtotals: bool = True
    grand_total: str | None = "Tổng cộng"
    total_first: bool = False
    level_style: str = "word"
    level_words: str = "full"
    not_rated: bool = True
    numbers: str = "number"
    yes_mark: str = "x"
    no_mark: str = ""
    footer: bool = True

    def __post_init__(self) -> None:
        checks = {
            "header_block": ("huyen_uy", "dang_bo", "ban_thuong_vu", "ban_to_chuc", "none"),
            "period": tuple(_PERIOD_WORDS),
            "header_rows": (1, 2, 3),
            "spelling": ("canonical", "abbreviated", "alternate"),
            "tones": ("classic", "new"),
            "unicode_form": ("NFC", "NFD"),
            "case": ("as_is", "upper", "lower"),
            "unit_names": ("full", "admin", "bare", "upper"),
            "level_style": ("word", "x"),
            "level_words": ("full", "abbreviated", "short"),
            "numbers": ("number", "text", "dash", "text_dash"),
        }
        for name, allowed in checks.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"Layout.{name} must be one of {allowed}; got {getattr(self, name)!r}")
        if self.blank_rows < 0 or self.first_col < 1:
            raise ValueError("Layout.blank_rows must be >= 0 and Layout.first_col >= 1")


#: The words of a title after the report's name, per period ("6 THÁNG ĐẦU NĂM 2025").
_PERIOD_WORDS = {"year": "NĂM", "H1": "6 THÁNG ĐẦU NĂM", "H2": "6 THÁNG CUỐI NĂM"}

# --- header words ---------------------------------------------------------------

_SPELLING = {"canonical": 0, "abbreviated": 1, "alternate": 2}

@dataclass(frozen=True)
class _Col:
    """One written column: its header path per depth and how to fill it."""

    field: str  # record field, or "tt" / "unit" / "extra"
    paths: Mapping[int, tuple[str, ...]]  # header_rows -> word keys, top first
    part: str | None = None  # sub-field (a level, "total", "not_rated")
    kind: str = "count"  # count | bool | word | x | tt | unit | extra
    text: str | None = None  # literal heading (extra columns)
    flat: str = "{0} {1}"  # a one-row heading of a two-word path


def _kind_columns(kind: str, layout: Layout) -> list[list[_Col]]:
    """The figure columns of ``kind`` in this layout, as blocks (a field's columns)."""
    declared = _kinds.get(kind)
    blocks: dict[str, list[_Col]] = {}
    for col in declared.written_columns():
        if col.when is not None and getattr(layout, col.when[0]) != col.when[1]:
            continue
        blocks.setdefault(col.field, []).append(_Col(col.field, col.template, col.part, col.cell, flat=col.flat))
    wanted = fields(kind) if layout.columns is None else tuple(layout.columns)
    unknown = [f for f in wanted if f not in blocks]
    if unknown:
        raise ValueError(f"unknown {kind} columns {unknown}; expected some of {fields(kind)}")
    # keep each heading group together, placed where its first field comes
    order: list[str] = []
    groups: dict[str, list[str]] = {}
    for f in wanted:
        g = _group_of(blocks[f][0], layout.header_rows)
        if g not in groups:
            groups[g] = []
            order.append(g)
        groups[g].append(f)
    return [blocks[f] for g in order for f in groups[g]]


def _group_of(col: _Col, depth: int) -> str:
    path = col.paths[depth]
    return path[0] if len(path) > 1 else f"_{col.field}"


def column_kinds(kind: str, layout: Layout = Layout()) -> list[tuple[str, str | None, str]]:
    """The figure columns ``write_report`` writes, in order, after TT and the unit.

    Each is ``(field, part, cell kind)``: the record field, the sub-field
    (a level, ``"total"``, ``"not_rated"`` or ``None``) and what a cell holds:
    ``"count"``, ``"bool"`` (yes/no), ``"word"`` (a level word) or ``"x"``
    (an x-mark).  Extra columns follow them.

    >>> column_kinds("breakthrough_tasks")
    [('cadres', None, 'count'), ('tasks', None, 'count'), ('tasks_completed', None, 'count')]
    >>> column_kinds("ratings", Layout(level_style="x"))[:2]
    [('organisation', 'excellent', 'x'), ('organisation', 'good', 'x')]
    """
    return [(c.field, c.part, c.kind) for block in _kind_columns(kind, layout) for c in block]


# --- text style -----------------------------------------------------------------

def _style(text: str, layout: Layout) -> str:
    s = canonical(text)
    if layout.tones == "new":
        s = new_tones(s)
    return unicodedata.normalize(layout.unicode_form, s)


#: Heading keys ``Layout.organisation_heading`` replaces.
_ORGANISATION_KEYS = ("org_level", "org_group")


def _word(key: str, kind: str | None, layout: Layout | None = None) -> tuple[str, str, str]:
    if layout is not None and layout.organisation_heading and key in _ORGANISATION_KEYS:
        return (layout.organisation_heading,) * 3
    if key in WORDS:
        return WORDS[key]
    return _kinds.get(kind).words[key]


def _header_text(key: str, layout: Layout, kind: str | None = None) -> str:
    s = _word(key, kind, layout)[_SPELLING[layout.spelling]]
    if layout.case == "upper":
        s = s.upper()
    elif layout.case == "lower":
        s = s.lower()
    return _style(s, layout)


def _flat_heading(col: _Col, layout: Layout, kind: str) -> str:
    """A one-row heading from a path: 'Đảng viên HTXSNV', 'Tổng số chi bộ', 'Số phó Chủ tịch UBND'."""
    keys = col.paths[1]
    if len(keys) == 1:
        return _header_text(keys[0], layout, kind)
    words = [_word(k, kind, layout)[_SPELLING[layout.spelling]] for k in keys]

    def low(w: str) -> str:  # "Không phải …" -> "không phải …", "HTXSNV" stays
        return w[:1].lower() + w[1:] if w[1:2].islower() else w

    # the word that opens the heading keeps its capital, the others are lowered
    text = col.flat.format(*[w if col.flat.startswith(f"{{{i}}}") else low(w) for i, w in enumerate(words)])
    if layout.case == "upper":
        text = text.upper()
    elif layout.case == "lower":
        text = text.lower()
    return _style(text, layout)


_PARTY_AGENCY_DB = ("Công an", "Ban Chỉ huy Quân sự")
_ADMIN = {"commune": "xã", "town": "thị trấn", "ward": "phường"}


def unit_label(unit: str, unit_type: str, style: str = "full", party_word: str | None = None) -> str:
    """How a unit is written in the unit column.

    ``party_word`` ("Đảng bộ", "Chi bộ") replaces an agency's usual one; a
    ``village`` is a village cell of a commune committee ("Chi bộ thôn Bản Ba").

    >>> unit_label("Hòa Phú", "commune"), unit_label("Vĩnh Lộc", "town", "admin")
    ('Đảng bộ xã Hòa Phú', 'Thị trấn Vĩnh Lộc')
    >>> unit_label("Trung tâm Y tế huyện", "agency"), unit_label("Phường 2", "ward")
    ('Chi bộ Trung tâm Y tế huyện', 'Đảng bộ phường 2')
    >>> unit_label("Bản Ba", "village"), unit_label("Quân sự tỉnh", "agency", party_word="Đảng bộ")
    ('Chi bộ thôn Bản Ba', 'Đảng bộ Quân sự tỉnh')
    """
    if style == "bare":
        return unit
    if unit_type == "village":
        text = f"Thôn {unit}" if style == "admin" else f"Chi bộ thôn {unit}"
        return text.upper() if style == "upper" else text
    word = _ADMIN.get(unit_type, "")
    if word and unit.lower().startswith(word + " ") and numbered(unit[len(word) + 1:]):
        unit = unit[len(word) + 1:]  # a numbered ward, "Phường 2": "Đảng bộ phường 2"
    if unit_type == "agency":
        if style == "admin":
            return unit
        prefix = party_word or ("Đảng bộ" if unit.startswith(_PARTY_AGENCY_DB) else "Chi bộ")
        text = f"{prefix} {unit}"
    else:
        word = _ADMIN[unit_type]
        text = f"{word[:1].upper()}{word[1:]} {unit}" if style == "admin" else f"Đảng bộ {word} {unit}"
    return text.upper() if style == "upper" else text


# --- writing ----------------------------------------------------------------------

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(name="Times New Roman", bold=True)
_PLAIN = Font(name="Times New Roman")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


#: The committee word of each kind of district-level unit, and how its party organisation is written.
_COMMITTEES = {
    "huyện": ("HUYỆN ỦY", "ĐẢNG BỘ HUYỆN"),
    "quận": ("QUẬN ỦY", "ĐẢNG BỘ QUẬN"),
    "thị xã": ("THỊ ỦY", "ĐẢNG BỘ THỊ XÃ"),
    "thành phố": ("THÀNH ỦY", "ĐẢNG BỘ THÀNH PHỐ"),
    # a commune or ward committee, directly under the province from 1 July 2025
    "xã": ("ĐẢNG ỦY XÃ", "ĐẢNG BỘ XÃ"),
    "phường": ("ĐẢNG ỦY PHƯỜNG", "ĐẢNG BỘ PHƯỜNG"),
}
#: Provinces that were cities directly under the centre before 2025 ("ĐẢNG BỘ THÀNH PHỐ …").
_CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"})


@dataclass(frozen=True)
class Place:
    """Where a written report comes from: its province and district, and the district's kind.

    ``district_kind`` is ``"huyện"``, ``"quận"``, ``"thị xã"`` or
    ``"thành phố"``; ``None``: a city when the district has the province's
    name (Tuyên Quang city), else a huyện.  ``"xã"`` or ``"phường"``: the
    report is a commune or ward committee's own (from 1 July 2025), the
    ``district`` given to the writer being the commune.
    """

    province: str = "Tuyên Quang"
    district_kind: str | None = None

    def lines(self, district: str) -> tuple[str, str, str]:
        """The province line and the district's committee and organisation words."""
        kind = self.district_kind or ("thành phố" if canonical(district) == canonical(self.province) else "huyện")
        committee, organisation = _COMMITTEES[kind]
        province = canonical(self.province)
        head = "ĐẢNG BỘ THÀNH PHỐ" if province in _CENTRAL_CITIES else "ĐẢNG BỘ TỈNH"
        return f"{head} {province.upper()}", committee, organisation


def _district_lines(district: str, year: int, layout: Layout, place: Place = Place()) -> tuple[str, str | None, str]:
    _province, committee, organisation = place.lines(district)
    upper = canonical(district).upper()
    if layout.header_block == "ban_to_chuc":  # the provincial committee's board
        _province = f"TỈNH ỦY {canonical(place.province).upper()}"
    line = {
        "huyen_uy": f"{committee} {upper}",
        "dang_bo": f"{organisation} {upper}",
        "ban_thuong_vu": f"BAN THƯỜNG VỤ {committee} {upper}",
        "ban_to_chuc": "BAN TỔ CHỨC",
        "none": None,
    }[layout.header_block]
    day, month = layout.date
    where = canonical(district) if layout.header_block not in ("none", "ban_to_chuc") else canonical(place.province)
    dateline = f"{where}, ngày {day:02d} tháng {month:02d} năm {year}"
    return _province, line, dateline


def _number(value: Any, layout: Layout) -> Any:
    if value is None or _isna(value):
        return None
    n = int(value)
    if n == 0 and layout.numbers in ("dash", "text_dash"):
        return "-"
    return str(n) if layout.numbers in ("text", "text_dash") else n


def _isna(value: Any) -> bool:
    try:
        return bool(value != value) or value is _NA()
    except (TypeError, ValueError):
        return False


def _NA():
    try:
        import pandas as pd

        return pd.NA
    except ImportError:  # pragma: no cover
        return object()


def _cell_value(rec: Mapping[str, Any], col: _Col, layout: Layout) -> Any:
    if col.kind == "extra":
        return rec.get("note") if col.text == layout.extra_columns[0] else None
    value = rec.get(col.field)
    if col.kind == "word":
        return None if value is None or _isna(value) else _style(LEVEL_WORDS[layout.level_words][value], layout)
    if col.kind == "x":
        return layout.yes_mark if value == col.part else None
    if col.kind == "bool":
        if value is None or _isna(value):
            return None
        return layout.yes_mark if bool(value) else (layout.no_mark or None)
    if col.part is not None:  # ratings cells/members
        counts = value or {}
        if col.part == "total":
            explicit = rec.get(f"{col.field}_total")
            if explicit is not None:
                return _number(explicit, layout)
            if not counts:
                return None
            return _number(sum(int(v) for v in counts.values() if v is not None and not _isna(v)), layout)
        return _number(counts.get(col.part), layout) if counts else None
    return _number(value, layout)


def _total_value(recs: Sequence[Mapping[str, Any]], col: _Col, layout: Layout) -> Any:
    if col.kind in ("extra", "word"):
        return None
    values = []
    for rec in recs:
        v = _cell_value(rec, col, layout)
        if col.kind in ("x", "bool"):
            values.append(1 if v == layout.yes_mark else 0)
        elif v is not None:
            values.append(0 if v == "-" else int(v))
    if col.kind not in ("x", "bool") and not values:
        return None
    return _number(sum(values), layout)


def write_report(
    ws,
    kind: str,
    records: Iterable[Mapping[str, Any]],
    *,
    district: str,
    year: int,
    layout: Layout = Layout(),
    place: Place = Place(),
) -> list[str]:
    """Write one report sheet of ``kind`` onto the worksheet ``ws``.

    Parameters
    ----------
    ws : openpyxl Worksheet
        An empty worksheet.
    kind : str
        ``admissions``, ``ratings``, ``placements`` or ``breakthrough_tasks``.
    records : iterable of dict
        One per unit, tidy-form (see the module docstring), in table order.
    district : str
        The bare district name ("Chiêm Hóa"; "Tuyên Quang" for the city).
    year : int
        The report year.
    layout : Layout
        How the sheet looks.
    place : Place
        The province and the district's kind, for the header block
        (default: a district of Tuyên Quang).

    Returns
    -------
    list of str
        The unit-name cell ("B11") of each record, in the records' order:
        with the file and sheet names, the ``source`` a reader should give.
    """
    records = list(records)
    flat = _sheet_columns(kind, records, layout)
    row = 1 + layout.blank_rows
    if layout.title:
        row = _write_title(ws, row, kind, district, year, layout, len(flat), place)
    row = _write_header(ws, row, kind, flat, layout)
    cells, row = _write_body(ws, row, records, flat, layout)
    if layout.footer:
        last_col = layout.first_col + len(flat) - 1
        ws.cell(row + 1, layout.first_col + 1, _style("Người lập biểu", layout)).font = _BOLD
        signer = "K/T TRƯỞNG BAN" if layout.header_block == "ban_to_chuc" else "T/M BAN THƯỜNG VỤ"
        ws.cell(row + 1, max(layout.first_col + 2, last_col - 2), _style(signer, layout)).font = _BOLD
        ws.cell(row + 2, max(layout.first_col + 2, last_col - 2), _style("(Ký, đóng dấu)", layout))
    ws.column_dimensions[get_column_letter(layout.first_col + 1)].width = 38
    return cells


def _sheet_columns(kind: str, records: list, layout: Layout) -> list[_Col]:
    """Every column of the sheet, left to right: TT, the unit, the figures, the extra columns."""
    flat: list[_Col] = [_Col("tt", {d: ("tt",) for d in (1, 2, 3)}, kind="tt")]
    unit_key = _kinds.get(kind).unit_heading
    if unit_key == "unit_commune" and any(r.get("unit_type") == "ward" for r in records):
        unit_key = "unit_commune_ward"
    if layout.unit_heading:
        flat.append(_Col("unit", {d: ("extra",) for d in (1, 2, 3)}, kind="unit", text=layout.unit_heading))
    else:
        flat.append(_Col("unit", {d: (unit_key,) for d in (1, 2, 3)}, kind="unit"))
    for block in _kind_columns(kind, layout):
        flat.extend(block)
    for text in layout.extra_columns:
        flat.append(_Col("extra", {d: ("extra",) for d in (1, 2, 3)}, kind="extra", text=text))
    return flat


def _write_title(ws, row: int, kind: str, district: str, year: int, layout: Layout, ncols: int, place: Place) -> int:
    """The header block, the date line and the title; the row after them."""
    c0, last_col = layout.first_col, layout.first_col + ncols - 1
    province_line, line, dateline = _district_lines(district, year, layout, place)
    left_span = max(3, min(4, ncols // 2))
    ws.cell(row, c0, _style(province_line, layout)).font = _PLAIN
    ws.cell(row, c0 + left_span, _style("ĐẢNG CỘNG SẢN VIỆT NAM", layout)).font = _BOLD
    row += 1
    if line:
        ws.cell(row, c0, _style(line, layout)).font = _BOLD
    ws.cell(row, c0 + left_span, _style(dateline, layout)).font = Font(name="Times New Roman", italic=True)
    row += 1
    ws.cell(row, c0, "*")
    row += 2
    title = (layout.title_text or _kinds.get(kind).title) + (
        f" {_PERIOD_WORDS[layout.period]} {year}" if layout.title_year else "")
    ws.cell(row, c0, _style(title, layout)).font = _BOLD
    ws.merge_cells(start_row=row, start_column=c0, end_row=row, end_column=last_col)
    ws.cell(row, c0).alignment = _CENTER
    return row + 2


def _write_header(ws, top: int, kind: str, flat: list[_Col], layout: Layout) -> int:
    """The header rows (merged group headings) and the numbering row; the first row after them."""
    c0, depth = layout.first_col, layout.header_rows
    for i, col in enumerate(flat):
        c = c0 + i
        path = col.paths[depth]
        literal = col.kind == "extra" or (col.kind == "unit" and col.text is not None)
        if depth == 1:
            text = col.text if col.kind == "extra" else _style(col.text, layout) if literal else None
            _head(ws, top, c, text if literal else _flat_heading(col, layout, kind))
            continue
        if literal:
            path = ("extra",)
        for level, key in enumerate(path):
            r = top + level
            _head(ws, r, c, _style(col.text, layout) if literal else _header_text(key, layout, kind))
            if level == len(path) - 1 and level < depth - 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=top + depth - 1, end_column=c)
    if depth > 1:
        _merge_groups(ws, top, depth, c0, flat)
    row = top + depth
    if layout.numbering_row:
        for i in range(len(flat)):
            _head(ws, row, c0 + i, f"({i + 1})", bold=False)
        row += 1
    return row


def _write_body(ws, row: int, records: list, flat: list[_Col], layout: Layout) -> tuple[list[str], int]:
    """The data rows, group rows and totals; the unit-name cell of each record and the row after them."""
    c0, last_col = layout.first_col, layout.first_col + len(flat) - 1
    commune_level = [r for r in records if r.get("unit_type") != "agency"]
    agencies = [r for r in records if r.get("unit_type") == "agency"]
    grouped = layout.groups and bool(commune_level) and bool(agencies)
    sections = [("I", commune_level), ("II", agencies)] if grouped else [(None, records)]
    cells: dict[int, str] = {}
    index = {id(r): k for k, r in enumerate(records)}

    def write_total(label: str, recs: Sequence[Mapping[str, Any]], r: int) -> None:
        ws.cell(r, c0 + 1, _style(label, layout)).font = _BOLD
        for i, col in enumerate(flat[2:], start=2):
            v = _total_value(recs, col, layout)
            if v is not None:
                ws.cell(r, c0 + i, v).font = _BOLD
        _border(ws, r, c0, last_col)

    if layout.grand_total and layout.total_first:
        write_total(layout.grand_total, records, row)
        row += 1
    for numeral, recs in sections:
        if numeral is not None:
            ws.cell(row, c0, numeral).font = _BOLD
            ws.cell(row, c0 + 1, _style(_section_label(numeral, recs), layout)).font = _BOLD
            _border(ws, row, c0, last_col)
            row += 1
        for n, rec in enumerate(recs, start=1):
            ws.cell(row, c0, n).alignment = _CENTER
            label = unit_label(rec["unit"], rec.get("unit_type", "agency"), layout.unit_names, rec.get("party_word"))
            ws.cell(row, c0 + 1, _style(label, layout))
            cells[index[id(rec)]] = f"{get_column_letter(c0 + 1)}{row}"
            for i, col in enumerate(flat[2:], start=2):
                v = _cell_value(rec, col, layout)
                if v is not None:
                    ws.cell(row, c0 + i, v)
            _border(ws, row, c0, last_col)
            row += 1
        if numeral is not None and layout.subtotals:
            write_total(f"Cộng {numeral}", recs, row)
            row += 1
    if layout.grand_total and not layout.total_first:
        write_total(layout.grand_total, records, row)
        row += 1
    return [cells[k] for k in range(len(records))], row


def _section_label(numeral: str, recs: Sequence[Mapping[str, Any]]) -> str:
    if numeral == "II":
        return "Chi bộ, đảng bộ cơ quan"
    types = {r.get("unit_type") for r in recs}
    if "village" in types:  # a commune committee's report of its cells
        return "Chi bộ thôn"
    words = [w for t, w in (("commune", "xã"), ("ward", "phường"), ("town", "thị trấn")) if t in types]
    return "Đảng bộ " + ", ".join(words or ["xã"])


def _head(ws, r: int, c: int, text: str, bold: bool = True) -> None:
    cell = ws.cell(r, c, text)
    cell.font = _BOLD if bold else _PLAIN
    cell.alignment = _CENTER
    cell.border = _BORDER


def _border(ws, r: int, c0: int, c1: int) -> None:
    for c in range(c0, c1 + 1):
        ws.cell(r, c).border = _BORDER


def _merge_groups(ws, top: int, depth: int, c0: int, flat: list[_Col]) -> None:
    """Merge equal group headings of neighbouring columns, level by level."""
    for level in range(depth - 1):
        i = 0
        while i < len(flat):
            path = flat[i].paths[depth]
            if flat[i].kind == "extra" or len(path) - 1 <= level:
                i += 1
                continue
            prefix = path[: level + 1]
            j = i
            while (
                j + 1 < len(flat)
                and flat[j + 1].kind != "extra"
                and len(flat[j + 1].paths[depth]) - 1 > level
                and flat[j + 1].paths[depth][: level + 1] == prefix
            ):
                j += 1
            if j > i:
                ws.merge_cells(start_row=top + level, start_column=c0 + i, end_row=top + level, end_column=c0 + j)
            i = j + 1


# --- whole workbooks --------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """One report sheet for :func:`write_workbook`."""

    kind: str
    records: Sequence[Mapping[str, Any]]
    district: str
    year: int
    layout: Layout = field(default_factory=Layout)
    sheet: str | None = None
    place: Place = field(default_factory=Place)


_INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN BIỂU",
    "Mỗi trang tính là một biểu báo cáo của một năm; tên trang tính là năm báo cáo.",
    "Điền số nguyên không âm vào các ô số liệu; để trống ô không có số liệu.",
    "Không sửa, không xóa các dòng tiêu đề và dòng cộng.",
    "Các mức xếp loại: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ.",
)


def write_workbook(
    path: str | Path,
    reports: Iterable[Report | Mapping[str, Any]],
    *,
    instructions: bool = True,
    hidden_lookup: bool = False,
) -> dict[str, list[str]]:
    """Write a workbook of report sheets, with stable bytes.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write (its folder must exist).
    reports : iterable of Report or dict
        One per sheet; a dict takes :class:`Report`'s fields.  The sheet is
        named ``report.sheet`` or the year ("2023"), with the kind added
        when two reports share a year.
    instructions : bool
        Put an instructions sheet ("Hướng dẫn") first.
    hidden_lookup : bool
        Add a hidden sheet "DanhMuc" listing the level words.

    Returns
    -------
    dict
        Sheet name -> the unit-name cells :func:`write_report` returned.

    Notes
    -----
    The document properties carry a fixed date and the zip members a fixed
    time stamp, so the same reports give the same bytes.

    >>> import tempfile, os
    >>> recs = [{"unit": "Hòa Phú", "unit_type": "commune", "cadres": 5, "tasks": 20, "tasks_completed": 18}]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_workbook(os.path.join(d, "t.xlsx"),
    ...         [Report("breakthrough_tasks", recs, "Chiêm Hóa", 2023)])
    >>> out
    {'2023': ['B10']}
    """
    from openpyxl import Workbook

    reports = [r if isinstance(r, Report) else Report(**r) for r in reports]
    wb = Workbook()
    wb.remove(wb.active)
    if instructions:
        ws = wb.create_sheet("Hướng dẫn")
        for i, line in enumerate(_INSTRUCTIONS, start=1):
            ws.cell(i, 1, line).font = _BOLD if i == 1 else _PLAIN
        ws.column_dimensions["A"].width = 100
    years = [r.year for r in reports]
    out: dict[str, list[str]] = {}
    for rep in reports:
        code = _kinds.get(rep.kind).sheet_code or rep.kind
        name = rep.sheet or (str(rep.year) if years.count(rep.year) == 1 else f"{code} {rep.year}")
        ws = wb.create_sheet(name)
        out[name] = write_report(ws, rep.kind, rep.records, district=rep.district, year=rep.year, layout=rep.layout,
                                 place=rep.place)
    if hidden_lookup:
        ws = wb.create_sheet("DanhMuc")
        for i, word in enumerate(LEVEL_WORDS["full"].values(), start=1):
            ws.cell(i, 1, word)
        ws.sheet_state = "hidden"
    save_stable(wb, path)
    return out


def save_stable(wb, path: str | Path, when: datetime = FIXED_TIME) -> None:
    """Save an openpyxl workbook with fixed dates, so equal content gives equal bytes."""
    wb.properties.creator = "helpers"
    wb.properties.created = when
    buf = io.BytesIO()
    wb.save(buf)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            dst.writestr(zi, data)
    Path(path).write_bytes(out.getvalue())


__all__ = [
    "LEVEL_WORDS",
    "Place",
    "fields",
    "Layout",
    "Report",
    "column_kinds",
    "new_tones",
    "save_stable",
    "unit_label",
    "write_report",
    "write_workbook",
]
