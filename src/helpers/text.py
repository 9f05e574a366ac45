"""Canonical Vietnamese text.

Two spellings of one name must compare equal: NFC and NFD, the old (classic)
and new tone placement ("Hòa" and "Hoà", "ủy" and "uỷ"), stray and repeated
spaces, line breaks.  :func:`canonical` gives the one form the project stores
(NFC, classic tone placement, single spaces, trimmed); :func:`fold` gives the
key used to *match* headers, level words and names (canonical, lower case,
no punctuation).

Examples
--------
>>> canonical("  Đảng bộ xã  Hoà\\nPhú ")
'Đảng bộ xã Hòa Phú'
>>> fold("HUYỆN UỶ CHIÊM HOÁ") == fold("huyện ủy Chiêm Hóa")
True
>>> split_unit_name("Đảng bộ xã Hòa Phú")
('Hòa Phú', 'commune')
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SPACES = re.compile(r"\s+")
# A syllable: a run of letters and combining marks.
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+", re.UNICODE)


def _classic_syllable(word: str) -> str:
    """Move the tone of a final oa/oe/uy onto its first vowel (NFD input)."""
    base = "".join(ch for ch in word if not unicodedata.combining(ch))
    low = base.lower()
    if len(low) < 2 or low[-2:] not in ("oa", "oe", "uy"):
        return word
    if len(low) >= 3 and low[-3] == "q":  # quý, quỳnh: same in both styles
        return word
    # Locate the combining marks attached to the last two base letters.
    letters: list[list[str]] = []
    for ch in word:
        if unicodedata.combining(ch) and letters:
            letters[-1].append(ch)
        else:
            letters.append([ch])
    first, last = letters[-2], letters[-1]
    tone = [m for m in last[1:] if m in _TONES]
    if not tone or any(m in _TONES for m in first[1:]):
        return word
    # Only plain o/u may take the tone this way (not ô, ơ, ư, which are
    # different vowels with their own marks).
    if any(not (m in _TONES) for m in first[1:]):
        return word
    last[:] = [m for m in last if m not in tone]
    first.extend(tone)
    return "".join("".join(x) for x in letters)


def classic_tones(text: str) -> str:
    """Rewrite new-style tone placement in the classic style, in NFC.

    >>> classic_tones("Hoà Thuỷ khoẻ uỷ hoàng quý")
    'Hòa Thủy khỏe ủy hoàng quý'
    """
    nfd = unicodedata.normalize("NFD", text)
    out = _WORD.sub(lambda m: _classic_syllable(m.group(0)), nfd)
    return unicodedata.normalize("NFC", out)


def canonical(text: object) -> str:
    """The stored form of a text: NFC, classic tones, single spaces, trimmed.

    Non-strings are turned into text first; ``None`` gives ``""``.

    >>> canonical(" Chi\\u00a0bộ  Công an huyện\\n")
    'Chi bộ Công an huyện'
    """
    if text is None:
        return ""
    s = str(text)
    s = _SPACES.sub(" ", s).strip()
    return classic_tones(s)


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def fold(text: object) -> str:
    """The matching key of a text: canonical, lower case, punctuation dropped.

    >>> fold("Tên tổ chức\\ncơ sở  đảng") == fold("TÊN TỔ CHỨC CƠ SỞ ĐẢNG")
    True
    >>> fold("Xã, thị trấn")
    'xã thị trấn'
    """
    s = canonical(text).lower()
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def strip_marks(text: object) -> str:
    """Drop every diacritic (đ becomes d): for file names and loose search.

    >>> strip_marks("Chiêm Hóa")
    'Chiem Hoa'
    """
    s = unicodedata.normalize("NFD", canonical(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("đ", "d").replace("Đ", "D")


def slug(text: object) -> str:
    """An ASCII file-name form of a name.

    >>> slug("Chiêm Hóa")
    'chiem-hoa'
    >>> slug("Tuyên Quang")
    'tuyen-quang'
    """
    s = strip_marks(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# --- unit names ---------------------------------------------------------------

# Party prefixes, longest first (matched on folded text).
_PARTY_PREFIXES = tuple(
    fold(p)
    for p in (
        "Đảng bộ cơ sở",
        "Chi bộ cơ sở",
        "Đảng bộ bộ phận",
        "Đảng bộ",
        "Đảng ủy",
        "Chi bộ",
        "Chi ủy",
        "ĐB",
        "CB",
    )
)
# Administrative words and the unit type they give.
_ADMIN_WORDS = (
    (fold("thị trấn"), "town"),
    (fold("phường"), "ward"),
    (fold("xã"), "commune"),
    (fold("TT"), "town"),
)

UNIT_TYPES = ("commune", "town", "ward", "agency")


def _drop_prefix(words: list[str], folded: list[str], prefix: str) -> bool:
    n = len(prefix.split())
    if folded[:n] == prefix.split() and len(words) > n:
        del words[:n]
        del folded[:n]
        return True
    return False


def split_unit_name(text: object) -> tuple[str, str | None]:
    """Split a written unit name into the bare name and its unit type.

    The party prefix (Đảng bộ, Đảng ủy, Chi bộ …) and the administrative word
    (xã, thị trấn, phường) are dropped; the administrative word gives the type
    (commune, town, ward).  With no administrative word the type is ``None``:
    the caller decides (a commune written bare, or an agency).  Place names
    are given title case, so that "xã hòa phú" and "Xã Hòa Phú" are one unit.

    >>> split_unit_name("ĐẢNG BỘ THỊ TRẤN VĨNH LỘC")
    ('Vĩnh Lộc', 'town')
    >>> split_unit_name("Chi bộ Công an huyện")
    ('Công an huyện', None)
    >>> split_unit_name("Phường Ỷ La")
    ('Ỷ La', 'ward')
    """
    s = canonical(text)
    words = s.split(" ")
    folded = [fold(w) for w in words]
    for prefix in _PARTY_PREFIXES:
        if _drop_prefix(words, folded, prefix):
            break
    unit_type = None
    for word, kind in _ADMIN_WORDS:
        if _drop_prefix(words, folded, word):
            unit_type = kind
            break
    name = " ".join(words).strip(" .,:;-")
    if unit_type is not None or name.isupper():
        name = _title(name) if unit_type is not None else _sentence(name)
    return name, unit_type


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))


def _sentence(name: str) -> str:
    low = name.lower()
    return low[:1].upper() + low[1:]


def unit_key(name: object) -> str:
    """The matching key of a bare unit name (case, tones and spacing folded).

    >>> unit_key("Hoà  Phú") == unit_key("HÒA PHÚ")
    True
    """
    return fold(name)


# --- district names -----------------------------------------------------------

_DISTRICT_WORDS = tuple(
    fold(p)
    for p in (
        "Ban Thường vụ Huyện ủy",
        "Ban Thường vụ Thành ủy",
        "Ban chấp hành Đảng bộ huyện",
        "Đảng bộ huyện",
        "Đảng bộ thành phố",
        "Huyện ủy",
        "Thành ủy",
        "Huyện",
        "Thành phố",
    )
)


def split_district_name(text: object) -> str | None:
    """The bare district name in a header line, or ``None`` if it names none.

    >>> split_district_name("HUYỆN ỦY CHIÊM HÓA")
    'Chiêm Hóa'
    >>> split_district_name("THÀNH ỦY TUYÊN QUANG")
    'Tuyên Quang'
    >>> split_district_name("ĐẢNG BỘ TỈNH TUYÊN QUANG") is None
    True
    """
    s = canonical(text)
    words = s.split(" ")
    folded = [fold(w) for w in words]
    for prefix in _DISTRICT_WORDS:
        if _drop_prefix(words, folded, prefix):
            name = " ".join(words).strip(" .,:;-*")
            return _title(name) if name else None
    return None
