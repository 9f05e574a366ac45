"""Words every kind shares: abbreviations, rating levels, the unit and numbering headings.

Headings are matched by their *key*: the header path folded
(:func:`helpers.text.fold`) with the usual long forms shortened to their
abbreviations, and a space around every word, so that "Dân tộc thiểu số"
and "DTTS" are one heading.

Examples
--------
>>> header_key(("Kết quả kết nạp", "Dân tộc thiểu số"))
' kết quả kết nạp dtts '
>>> key_of("Hoàn thành tốt nhiệm vụ"), level_of("Hoàn thành tốt nhiệm vụ"), level_of("Giỏi")
('httnv', 'good', None)
"""

from __future__ import annotations

import functools

from ..text import fold

#: Long forms → their abbreviation (folded), longest and most specific first.
ABBREVIATIONS = (
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

#: Headings that are never a figure: people's names, rates (the tables hold counts; rates are computed).
NOT_FIGURES = ("họ và tên", "họ tên", "tỷ lệ", "tỉ lệ")

#: Extra columns that are expected and ignored without a warning (folded).
QUIET_EXTRAS = frozenset({"ghi chú", "ghi chú khác"})

#: The four rating levels, worst first.
LEVELS = ("not_completed", "completed", "good", "excellent")
LEVELS_BEST_FIRST = ("excellent", "good", "completed", "not_completed")

#: Level words written in cells (folded key → level).
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
#: The level abbreviations in a heading, in the order they are looked for.
LEVEL_TOKENS = (("khtnv", "not_completed"), ("htxsnv", "excellent"), ("httnv", "good"), ("htnv", "completed"))

#: Level words as written in a sheet, per style.
LEVEL_WRITTEN: dict[str, dict[str, str]] = {
    "full": {
        "excellent": "Hoàn thành xuất sắc nhiệm vụ",
        "good": "Hoàn thành tốt nhiệm vụ",
        "completed": "Hoàn thành nhiệm vụ",
        "not_completed": "Không hoàn thành nhiệm vụ",
    },
    "abbreviated": {"excellent": "HTXSNV", "good": "HTTNV", "completed": "HTNV", "not_completed": "KHTNV"},
    "short": {
        "excellent": "Xuất sắc",
        "good": "Tốt",
        "completed": "Hoàn thành nhiệm vụ",
        "not_completed": "Không hoàn thành nhiệm vụ",
    },
}

#: Heading words shared by every kind's written sheets: key → (canonical, abbreviated, alternate).
WORDS: dict[str, tuple[str, str, str]] = {
    "tt": ("TT", "TT", "STT"),
    "unit": ("Tên tổ chức cơ sở đảng", "Tên tổ chức cơ sở đảng", "Đơn vị"),
    "unit_commune": ("Xã, thị trấn", "Xã, thị trấn", "Đơn vị"),
    "unit_commune_ward": ("Xã, phường, thị trấn", "Xã, phường, thị trấn", "Đơn vị"),
    "unit_tasks": ("Đơn vị", "Đơn vị", "Tổ chức cơ sở đảng"),
    "total": ("Tổng số", "Tổng số", "Tổng số"),
    "of_which": ("Trong đó", "Trong đó", "Trong đó"),
    "excellent": ("HTXSNV", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"),
    "good": ("HTTNV", "HTTNV", "Hoàn thành tốt nhiệm vụ"),
    "completed": ("HTNV", "HTNV", "Hoàn thành nhiệm vụ"),
    "not_completed": ("KHTNV", "KHTNV", "Không hoàn thành nhiệm vụ"),
    "non_local": ("Không phải người địa phương", "Không phải người địa phương", "Không phải người địa phương"),
}


@functools.lru_cache(maxsize=8192)
def header_key(path: tuple[str, ...]) -> str:
    """The matching key of a header path: folded, abbreviations applied, a space around every word."""
    s = " " + " ".join(fold(p) for p in path) + " "
    for long, short in ABBREVIATIONS:
        if long in s:
            s = s.replace(" " + long + " ", " " + short + " ")
    return s


def key_of(word: str) -> str:
    """The key a declared heading word is matched by ("Dân tộc thiểu số" → "dtts")."""
    return header_key((word,)).strip()


def has_any(key: str, words: tuple[str, ...]) -> bool:
    """Whether the heading key holds one of ``words`` (keys) whole."""
    return any(f" {w} " in key for w in words)


@functools.lru_cache(maxsize=1024)
def level_of(text: str) -> str | None:
    """The level a cell's word names (``"excellent"`` …), or ``None``."""
    return _LEVEL_WORDS.get(header_key((text,)).strip())


def level_in(key: str) -> str | None:
    """The level a heading key names by its abbreviation, or ``None``."""
    for token, level in LEVEL_TOKENS:
        if f" {token} " in key:
            return level
    return None
