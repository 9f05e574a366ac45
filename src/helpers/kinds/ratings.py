"""Annual quality ratings (đánh giá, xếp loại chất lượng) of organisations and members.

A ratings sheet holds, per grassroots organisation, its own level (a level
word, or an x under one of four level columns), and the number of its
cells (chi bộ trực thuộc) and of its members (đảng viên) at each level.
Its tidy table is long: a row per (subject, level) of a unit.
"""

from __future__ import annotations

from .declare import Column, Heading, Kind, LevelCounts, OneLevel
from .vocabulary import LEVEL_TOKENS, LEVELS, LEVELS_BEST_FIRST

_CELLS = ("Chi bộ trực thuộc", "Chi bộ")
_MEMBERS = ("Đảng viên",)
_ORGANISATION = ("TCCSĐ", "Xếp loại")
_NOT_RATED = ("Không xếp loại", "Chưa xếp loại")
_TOTAL = ("Tổng số", "Số lượng")
_TOKEN = dict((level, token) for token, level in LEVEL_TOKENS)
_GROUP = {"cells": "cells_group", "members": "members_group"}


def _subject(subject: str, words: tuple[str, ...], none: tuple[str, ...]) -> list[Column]:
    """The columns of a rated subject, in matching order: not rated, each level, Tổng số."""
    group, label = _GROUP[subject], " ".join(words[:1])
    out = []
    if subject == "members":
        out.append(Column(subject, Heading(words, _NOT_RATED, none=none), part="not_rated", label=label,
                          template={1: (group, "not_rated"), 2: (group, "not_rated"), 3: (group, "of_which", "not_rated")},
                          when=("not_rated", True)))
    for _token, level in LEVEL_TOKENS:
        out.append(Column(subject, Heading(words, (_TOKEN[level],), none=none + _NOT_RATED), part=level, label=label,
                          template={1: (group, level), 2: (group, level), 3: (group, "of_which", level)}))
    out.append(Column(subject, Heading(words, _TOTAL, none=none + _NOT_RATED), part="total", label=label,
                      template={1: ("total", group), 2: (group, "total"), 3: (group, "total")}))
    return out


def _mark(level: str, heading: Heading) -> Column:
    return Column("organisation", heading, cell="x", part=level, label="Tổ chức cơ sở đảng",
                  template={d: ("org_group", level) for d in (1, 2, 3)}, when=("level_style", "x"))


def _word(heading: Heading) -> Column:
    return Column("organisation", heading, cell="word", label="Xếp loại TCCSĐ",
                  template={d: ("org_level",) for d in (1, 2, 3)}, when=("level_style", "word"))


def _organisation() -> list[Column]:
    """The organisation's own level: x-marks under the four levels, or one column of level words."""
    others = _CELLS + _MEMBERS
    marks = [_mark(level, Heading(_ORGANISATION, (_TOKEN[level],), none=("Xếp loại TCCSĐ", *others)))
             for _token, level in LEVEL_TOKENS]
    return [*marks, _word(Heading(("Xếp loại",), none=("Không xếp loại", "Tổng số", *others)))]


def _cell_level() -> list[Column]:
    """A cell's own level in a commune committee's report of its cells ("Xếp loại chi bộ"): before the cells' counts."""
    tokens = tuple(token for token, _level in LEVEL_TOKENS)
    marks = [_mark(level, Heading(("Xếp loại chi bộ",), (_TOKEN[level],))) for _token, level in LEVEL_TOKENS]
    return [*marks, _word(Heading(("Xếp loại chi bộ",), none=tokens))]


_WRITTEN = (
    ("organisation", None),
    *(("organisation", lv) for lv in LEVELS_BEST_FIRST),
    *((s, p) for s in ("cells", "members") for p in ("total", *LEVELS_BEST_FIRST, *(("not_rated",) if s == "members" else ()))),
)

KIND = Kind(
    name="ratings",
    label={"vi": "đánh giá, xếp loại", "en": "ratings"},
    expected={
        "vi": "Xếp loại TCCSĐ, Chi bộ trực thuộc hoặc Đảng viên",
        "en": "Xếp loại TCCSĐ, Chi bộ trực thuộc or Đảng viên (organisation, cells or members)",
    },
    title="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN",
    title_words=("xếp loại", "đánh giá"),
    tidy={"subject": "str", "level": "level", "count": "Int64"},
    columns=(
        *_cell_level(),
        *_subject("cells", _CELLS, ()),
        *_subject("members", _MEMBERS, _CELLS),
        *_organisation(),
    ),
    rules=(
        OneLevel("organisation"),
        LevelCounts("cells", short="warning"),
        LevelCounts("members", not_rated=True),
    ),
    shape="levels",
    words={
        "org_level": ("Xếp loại TCCSĐ", "Xếp loại TCCSĐ", "Xếp loại TCCSĐ"),
        "org_group": ("Tổ chức cơ sở đảng", "TCCSĐ", "Tổ chức cơ sở đảng"),
        "cells_group": ("Chi bộ trực thuộc", "Chi bộ trực thuộc", "Chi bộ trực thuộc"),
        "members_group": ("Đảng viên", "Đảng viên", "Đảng viên"),
        "not_rated": ("Không xếp loại", "Không xếp loại", "Không xếp loại"),
    },
    written=_WRITTEN,
    sheet_code="XL",
    instructions="Chọn mức xếp loại của tổ chức cơ sở đảng trong danh sách; ghi số chi bộ trực thuộc và số đảng viên "
    "theo từng mức xếp loại; đảng viên mới kết nạp chưa đủ 6 tháng ghi vào cột Không xếp loại.",
)

#: The subjects rated, and the levels.
SUBJECTS = ("organisation", "cells", "members")
__all__ = ["KIND", "LEVELS", "SUBJECTS"]
