"""The four report kinds: which header means which tidy column.

A column's header path (group heading over sub-heading, merged headings
filled in) is folded and its long forms shortened to the usual
abbreviations, then matched against each kind's rules in order.

Examples
--------
>>> classify_column("admissions", ("Kết quả kết nạp", "DTTS"))
Column(field='ethnic_minority', part=None, ctype='count')
>>> classify_column("admissions", ("Số đảng viên kết nạp",))
Column(field='admitted', part=None, ctype='count')
>>> classify_column("ratings", ("Đảng viên", "Hoàn thành xuất sắc nhiệm vụ"))
Column(field='members', part='excellent', ctype='count')
>>> classify_column("ratings", ("TCCSĐ HTTNV",))
Column(field='organisation', part='good', ctype='x')
>>> classify_column("placements", ("Phó Chủ tịch Ủy ban nhân dân", "Không phải người địa phương"))
Column(field='pc_vice_chairs_non_local', part=None, ctype='count')
>>> level_of("Hoàn thành tốt nhiệm vụ"), level_of("htxsnv"), level_of("Giỏi")
('good', 'excellent', None)
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from .cells import cfold

KINDS = ("admissions", "ratings", "placements", "breakthrough_tasks")

# long forms -> the abbreviation (folded), longest and most specific first
_SHORT = (
    ("không hoàn thành nhiệm vụ", "khtnv"),
    ("hoàn thành xuất sắc nhiệm vụ", "htxsnv"),
    ("hoàn thành tốt nhiệm vụ", "httnv"),
    ("hoàn thành nhiệm vụ", "htnv"),
    ("ủy ban nhân dân", "ubnd"),
    ("hội đồng nhân dân", "hđnd"),
    ("ban chấp hành", "bch"),
    ("tổ chức cơ sở đảng", "tccsđ"),
    ("dân tộc thiểu số", "dtts"),
    ("số thứ tự", "stt"),
)

_LEVEL_WORDS = {
    "htxsnv": "excellent",
    "xuất sắc": "excellent",
    "httnv": "good",
    "tốt": "good",
    "htnv": "completed",
    "hoàn thành": "completed",
    "khtnv": "not_completed",
    "không hoàn thành": "not_completed",
}
_LEVEL_TOKENS = (("khtnv", "not_completed"), ("htxsnv", "excellent"), ("httnv", "good"), ("htnv", "completed"))

#: Extra columns that are expected and ignored without a warning (folded).
QUIET_EXTRAS = frozenset({"ghi chú", "ghi chú khác"})


class Column(NamedTuple):
    """What a figure column holds: tidy ``field``, ``part`` and cell type."""

    field: str
    part: str | None
    ctype: str  # count | bool | word | x


@functools.lru_cache(maxsize=8192)
def header_key(path: tuple[str, ...]) -> str:
    """The matching key of a header path: folded, abbreviations applied."""
    s = " " + " ".join(cfold(p) for p in path) + " "
    for long, short in _SHORT:
        if long in s:
            s = s.replace(" " + long + " ", " " + short + " ")
    return s


def _has(key: str, *words: str) -> bool:
    return any(f" {w} " in key for w in words)


@functools.lru_cache(maxsize=1024)
def level_of(text: str) -> str | None:
    """The level a cell's word names (``excellent`` …), or ``None``."""
    f = header_key((text,)).strip()
    return _LEVEL_WORDS.get(f)


def _level_in(key: str) -> str | None:
    for token, level in _LEVEL_TOKENS:
        if f" {token} " in key:
            return level
    return None


def _admissions(key: str) -> Column | None:
    if _has(key, "chỉ tiêu"):
        return Column("target", None, "count")
    if _has(key, "nữ"):
        return Column("female", None, "count")
    if _has(key, "dtts"):
        return Column("ethnic_minority", None, "count")
    if _has(key, "đoàn viên", "đvtn"):
        return Column("youth_union", None, "count")
    if _has(key, "tôn giáo", "người có đạo", "có đạo"):
        return Column("religious", None, "count")
    if _has(key, "kết nạp", "tổng số"):
        return Column("admitted", None, "count")
    return None


def _ratings(key: str) -> Column | None:
    level = _level_in(key)
    if _has(key, "chi bộ trực thuộc", "chi bộ"):
        subject = "cells"
    elif _has(key, "đảng viên"):
        subject = "members"
    elif _has(key, "tccsđ", "xếp loại"):
        if level is not None and not _has(key, "xếp loại tccsđ"):
            return Column("organisation", level, "x")
        if _has(key, "xếp loại") and not _has(key, "không xếp loại", "tổng số"):
            return Column("organisation", None, "word")
        return None
    else:
        return None
    if _has(key, "không xếp loại", "chưa xếp loại"):
        return Column(subject, "not_rated", "count") if subject == "members" else None
    if level is not None:
        return Column(subject, level, "count")
    if _has(key, "tổng số", "số lượng"):
        return Column(subject, "total", "count")
    return None


def _placements(key: str) -> Column | None:
    non_local = _has(key, "không phải người địa phương", "không phải người tại chỗ")
    if _has(key, "phó chủ tịch", "pct"):
        return Column("pc_vice_chairs_non_local" if non_local else "pc_vice_chairs", None, "count")
    if _has(key, "bí thư"):
        if _has(key, "đồng thời", "kiêm", "chủ tịch"):
            return Column("secretary_chairs_pc", None, "bool")
        if non_local:
            return Column("secretary_non_local", None, "bool")
        return None
    if _has(key, "chủ tịch") and non_local:
        return Column("pc_chair_non_local", None, "bool")
    if _has(key, "sinh hoạt"):
        return Column("officials_in_village_cells", None, "count")
    if _has(key, "tham gia cấp ủy", "tham gia chi ủy", "cấp ủy"):
        return Column("officials_in_village_committees", None, "count")
    if _has(key, "cán bộ công chức"):
        return Column("officials_members", None, "count")
    return None


def _tasks(key: str) -> Column | None:
    if _has(key, "cán bộ"):
        return Column("cadres", None, "count")
    if _has(key, "hoàn thành", "htnv"):
        return Column("tasks_completed", None, "count")
    if _has(key, "việc", "số việc"):
        return Column("tasks", None, "count")
    return None


_RULES = {
    "admissions": _admissions,
    "ratings": _ratings,
    "placements": _placements,
    "breakthrough_tasks": _tasks,
}


@functools.lru_cache(maxsize=8192)
def classify_column(kind: str, path: tuple[str, ...]) -> Column | None:
    """The tidy column a header path means in a report of ``kind``.

    A column of people's names ("Họ và tên …") or of rates ("Tỷ lệ …
    (%)") is never a figure: the tables hold counts, and rates are computed.

    >>> classify_column("breakthrough_tasks", ("Họ và tên cán bộ được giao",)) is None
    True
    >>> classify_column("breakthrough_tasks", ("Tỷ lệ hoàn thành (%)",)) is None
    True
    """
    key = header_key(path)
    if _has(key, "họ và tên", "họ tên", "tỷ lệ", "tỉ lệ"):
        return None
    return _RULES[kind](key)


_TITLE_WORDS = (
    ("admissions", ("kết nạp",)),
    ("ratings", ("xếp loại", "đánh giá")),
    ("placements", ("bố trí", "cán bộ chủ chốt")),
    ("breakthrough_tasks", ("đột phá",)),
)


def kind_from_title(title: str) -> str | None:
    """The report kind a (folded) title names, or ``None``."""
    for kind, words in _TITLE_WORDS:
        if any(w in title for w in words):
            return kind
    return None


def required_ok(kind: str, fields: set[str]) -> bool:
    """Whether ``fields`` hold the figure a report of ``kind`` needs."""
    if kind == "admissions":
        return "admitted" in fields
    return bool(fields)
