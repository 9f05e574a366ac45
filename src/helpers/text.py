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

import functools
import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SPACES = re.compile(r"\s+")
# A word's final oa/oe/uy, its o or u bare, the marks of its last vowel (NFD).
_CLASSIC_PAIR = re.compile("([oO][aAeE]|[uU][yY])([\u0300-\u036f]+)(?![^\\W\\d_]|[\u0300-\u036f])")
# In NFC text, where _CLASSIC_PAIR may match: a bare o/u, then a non-ASCII letter (a vowel with
# its marks composed), or a bare a/e/y and then a mark that did not compose with it.
_MAY_MOVE = re.compile("[oOuU][aAeEyY]?[^\x00-\x7f]")
# A syllable: a run of letters and combining marks.
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+", re.UNICODE)


def _final_pair(word: str) -> tuple[list[list[str]], list[str], list[str]] | None:
    """Split an NFD syllable ending in oa/oe/uy into letters with their marks.

    Returns ``(letters, first, last)``, the last two letters being ``first``
    and ``last``, or ``None`` when the tone placement styles cannot differ
    (no final oa/oe/uy, or "qu" before it: quý, quỳnh).
    """
    base = "".join(ch for ch in word if not unicodedata.combining(ch)).lower()
    if len(base) < 2 or base[-2:] not in ("oa", "oe", "uy"):
        return None
    if len(base) >= 3 and base[-3] == "q":
        return None
    letters: list[list[str]] = []
    for ch in word:
        if unicodedata.combining(ch) and letters:
            letters[-1].append(ch)
        else:
            letters.append([ch])
    return letters, letters[-2], letters[-1]


def _move_tone(word: str, to_first: bool) -> str:
    """Move the tone of a final oa/oe/uy to its first (classic) or last (new) vowel."""
    split = _final_pair(word)
    if split is None:
        return word
    letters, first, last = split
    source, target = (last, first) if to_first else (first, last)
    tone = [m for m in source[1:] if m in _TONES]
    # Only plain o/u carry the tone this way (not ô, ơ, ư, vowels with
    # marks of their own), and never when the other vowel has one already.
    if not tone or any(m not in _TONES for m in first[1:]) or len(target) > 1:
        return word
    source[:] = [m for m in source if m not in tone]
    target.extend(tone)
    return "".join("".join(x) for x in letters)


def _to_classic(m: re.Match) -> str:
    pair, marks = m.group(1), m.group(2)
    tone = "".join(c for c in marks if c in _TONES)
    if not tone:
        return m.group(0)
    i = m.start() - 1
    while i >= 0 and unicodedata.combining(m.string[i]):
        i -= 1
    if i >= 0 and m.string[i] in "qQ":  # quý, quỳnh: the u belongs to the q
        return m.group(0)
    return pair[0] + tone + pair[1] + "".join(c for c in marks if c not in _TONES)


def classic_tones(text: str) -> str:
    """Rewrite new-style tone placement in the classic style, in NFC.

    Only a word's final oa, oe or uy whose o or u is bare and whose last
    vowel carries the tone is rewritten (the tone moves to the o or u).

    >>> classic_tones("Hoà Thuỷ khoẻ uỷ hoàng quý")
    'Hòa Thủy khỏe ủy hoàng quý'
    """
    if text.isascii():
        return text
    if unicodedata.is_normalized("NFC", text) and not _MAY_MOVE.search(text):
        return text  # no bare o/u before a vowel with marks: nothing to move, already NFC
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _CLASSIC_PAIR.sub(_to_classic, nfd))


def new_tones(text: str) -> str:
    """Rewrite classic tone placement in the new style ("Hòa" -> "Hoà").

    The reverse of :func:`classic_tones`, for writing test workbooks the way
    some offices type.

    >>> new_tones("Hòa Thủy khỏe ủy hoàng quý")
    'Hoà Thuỷ khoẻ uỷ hoàng quý'
    """
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _WORD.sub(lambda m: _move_tone(m.group(0), False), nfd))


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
    (fold("đặc khu"), "special_zone"),
    (fold("xã"), "commune"),
    (fold("TT"), "town"),
)

UNIT_TYPES = ("commune", "town", "ward", "special_zone", "village", "agency")

# Villages and residential groups: their party cells ("Chi bộ thôn Bản Ba") report to a commune's
# committee.  "Bản", "ấp", "làng" and "buôn" also begin commune names ("Bản Máy"): they are a village's
# word only after a cell's prefix; "thôn", "tổ dân phố", "khu phố" and "xóm" anywhere.
_VILLAGE_WORDS = tuple(fold(w) for w in ("tổ dân phố", "khu phố", "thôn", "xóm"))
_VILLAGE_AFTER_CELL = tuple(fold(w) for w in ("bản", "ấp", "làng", "buôn"))
_CELL_PREFIXES = frozenset(fold(p) for p in ("Chi bộ", "Chi ủy", "CB"))

# A unit named by a number alone ("Phường 2", "Phường IV"): the word is part of the name.
_NUMBERED = re.compile(r"^(?:\d{1,2}[A-Za-z]?|[IVX]{1,5})$")


@functools.lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    """:func:`fold` of one word, remembered (the words of unit and place names repeat)."""
    return fold(word)


@functools.lru_cache(maxsize=1024)
def _prefix_words(prefix: str) -> list[str]:
    return prefix.split()


def _drop_prefix(words: list[str], folded: list[str], prefix: str) -> bool:
    parts = _prefix_words(prefix)
    n = len(parts)
    if folded[:n] == parts and len(words) > n:
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

    A ward or commune named by a number keeps its word ("Phường 2" is a
    name, "2" is not):

    >>> split_unit_name("Đảng bộ phường 2"), split_unit_name("PHƯỜNG IV")
    (('Phường 2', 'ward'), ('Phường IV', 'ward'))

    A village's or residential group's cell is a ``village``:

    >>> split_unit_name("Chi bộ thôn Bản Ba"), split_unit_name("Chi bộ bản Khuổi Phồng"), split_unit_name("Bản Máy")
    (('Bản Ba', 'village'), ('Khuổi Phồng', 'village'), ('Bản Máy', None))
    """
    s = canonical(text)
    words = s.split(" ")
    folded = list(map(_fold_word, words))
    prefix = next((p for p in _PARTY_PREFIXES if _drop_prefix(words, folded, p)), None)
    unit_type = None
    for word, kind in _ADMIN_WORDS:
        kept = words[: len(word.split())]
        if _drop_prefix(words, folded, word):
            unit_type = kind
            break
    if unit_type is None:
        villages = _VILLAGE_WORDS + (_VILLAGE_AFTER_CELL if prefix in _CELL_PREFIXES else ())
        if any(_drop_prefix(words, folded, w) for w in villages):
            unit_type = "village"
    name = " ".join(words).strip(" .,:;-")
    if unit_type is not None and _NUMBERED.match(name):
        return f"{_title(' '.join(kept))} {name.upper() if name.isalpha() else name}", unit_type
    if unit_type is not None or name.isupper():
        name = _title(name) if unit_type is not None else _sentence(name)
    return name, unit_type


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))


def _sentence(name: str) -> str:
    low = name.lower()
    return low[:1].upper() + low[1:]


# a syllable's final y after a consonant (or the u of qu) is spelt i too: Quý/Quí, Lý/Lí, Mỹ/Mĩ
_FINAL_Y = re.compile(r"(?<=[bcdđghklmnpqrstvx]|(?<=q)u)([yýỳỷỹỵ])\b")
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def unit_key(name: object) -> str:
    """The matching key of a bare unit name (case, tones, spacing and the i/y spelling folded).

    >>> unit_key("Hoà  Phú") == unit_key("HÒA PHÚ"), unit_key("Quý Quân") == unit_key("Quí Quân")
    (True, True)
    >>> unit_key("Thủy") == unit_key("Thủi"), unit_key("Huy") == unit_key("Hui")
    (False, False)
    """
    return _FINAL_Y.sub(lambda m: m.group(1).translate(_Y_TO_I), fold(name))


def numbered(name: str) -> bool:
    """Whether a unit's name is a number alone ("2", "12A", "IV"): a ward's word is then part of its name."""
    return bool(_NUMBERED.match(name))


# --- district and province names ------------------------------------------------

# Words before a district's name, longest first, with the district kind they
# give (None: the kind is not said, e.g. "Huyện ủy" of a huyện, or a city's
# "Thành ủy" which may be a provincial city or a centrally-run one).
_DISTRICT_WORDS = tuple(
    (fold(p), kind)
    for p, kind in (
        ("Ban Thường vụ Huyện ủy", "huyện"),
        ("Ban Thường vụ Quận ủy", "quận"),
        ("Ban Thường vụ Thị ủy", "thị xã"),
        ("Ban Thường vụ Thành ủy", "thành phố"),
        ("Ban Chấp hành Đảng bộ huyện", "huyện"),
        ("Ban Chấp hành Đảng bộ quận", "quận"),
        ("Ban Chấp hành Đảng bộ thị xã", "thị xã"),
        ("Ban Chấp hành Đảng bộ thành phố", "thành phố"),
        ("Đảng bộ huyện", "huyện"),
        ("Đảng bộ quận", "quận"),
        ("Đảng bộ thị xã", "thị xã"),
        ("Đảng bộ thành phố", "thành phố"),
        ("Huyện ủy", "huyện"),
        ("Quận ủy", "quận"),
        ("Thị ủy", "thị xã"),
        ("Thành ủy", "thành phố"),
        ("Huyện", "huyện"),
        ("Quận", "quận"),
        ("Thị xã", "thị xã"),
        ("Thành phố", "thành phố"),
        ("TP", "thành phố"),
    )
)

#: The district kinds, as the GSO lists name them.
DISTRICT_KINDS = ("huyện", "quận", "thị xã", "thành phố")


def split_district(text: object) -> tuple[str, str] | None:
    """The bare district name in a header line and the kind its words give.

    ``None`` when the line names no district.  The kind is one of
    :data:`DISTRICT_KINDS`; "Thành ủy X" gives ``"thành phố"`` whether X is a
    provincial city or a centrally-run one (the caller tells them apart).

    >>> split_district("QUẬN ỦY BA ĐÌNH"), split_district("Thị ủy Sơn Tây")
    (('Ba Đình', 'quận'), ('Sơn Tây', 'thị xã'))
    >>> split_district("Huyện Châu Thành A"), split_district("ĐẢNG BỘ QUẬN 1")
    (('Châu Thành A', 'huyện'), ('Quận 1', 'quận'))
    """
    s = canonical(text)
    words = s.split(" ")
    folded = list(map(_fold_word, words))
    for prefix, kind in _DISTRICT_WORDS:
        if _drop_prefix(words, folded, prefix):
            name = " ".join(words).strip(" .,:;-*")
            if not name:
                return None
            if _NUMBERED.match(name) and kind is not None:
                return f"{kind[:1].upper()}{kind[1:]} {name}", kind  # "Quận 1"
            return _title(name), kind
    return None


def split_district_name(text: object) -> str | None:
    """The bare district name in a header line, or ``None`` if it names none.

    >>> split_district_name("HUYỆN ỦY CHIÊM HÓA")
    'Chiêm Hóa'
    >>> split_district_name("THÀNH ỦY TUYÊN QUANG")
    'Tuyên Quang'
    >>> split_district_name("QUẬN ỦY BA ĐÌNH")
    'Ba Đình'
    >>> split_district_name("ĐẢNG BỘ TỈNH TUYÊN QUANG") is None
    True
    """
    found = split_district(text)
    return found[0] if found else None


_PROVINCE_WORDS = tuple(fold(p) for p in ("Tỉnh", "Thành phố", "TP"))


def split_province_name(text: object) -> str:
    """The bare name of a province or centrally-run city ("Tỉnh Tuyên Quang" -> "Tuyên Quang").

    >>> split_province_name("TỈNH TUYÊN QUANG"), split_province_name("TP. Hồ Chí Minh")
    ('Tuyên Quang', 'Hồ Chí Minh')
    >>> split_province_name("Hà Nội")
    'Hà Nội'
    """
    s = canonical(text).replace("TP.", "TP ").replace("Tp.", "TP ")
    words = canonical(s).split(" ")
    folded = list(map(_fold_word, words))
    for prefix in _PROVINCE_WORDS:
        if _drop_prefix(words, folded, prefix):
            break
    name = " ".join(words).strip(" .,:;-*")
    return _title(name) if name.isupper() or name.islower() else name


def loose_key(text: object) -> str:
    """A matching key without diacritics ("Hòa Phú", "HOA PHU" -> "hoa phu").

    Names that differ only by their marks collide under it ("Sa Pa" and
    "Sa Pả"), so it is only ever a fallback for a name that matches nothing
    exactly.

    >>> loose_key("HOÀ PHÚ") == loose_key("Hoa Phu")
    True
    """
    return fold(strip_marks(text))


# --- Vietnamese alphabetical order ---------------------------------------------

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# tone order of Vietnamese dictionaries: none, huyền, hỏi, ngã, sắc, nặng
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _collation_units(text: str) -> tuple[tuple, tuple]:
    """(letters, tones) of a text: each character ranked, its tone apart."""
    letters: list[tuple[int, object]] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONE_RANK[m] for m in parts if m in _TONE_RANK), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONE_RANK))
        if letter in _LETTER_RANK:
            letters.append((2, _LETTER_RANK[letter]))
        elif letter.isspace():
            letters.append((0, 0))
        elif letter.isdigit():
            letters.append((1, letter))
        else:
            letters.append((3, letter))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vi_sort_key(text: object) -> tuple:
    """A key that sorts Vietnamese text in dictionary order.

    Letters in the Vietnamese alphabet's order (a ă â b c d đ e ê g h i k l
    m n o ô ơ p q r s t u ư v x y), the tones as the second key (none,
    huyền, hỏi, ngã, sắc, nặng), case and spelling last; a space sorts
    before any letter, digits before letters.

    >>> sorted(["Kim Bình", "Kiên Đài", "Đồng Tâm", "Dân Chủ", "Ân Thi", "An Khang"], key=vi_sort_key)
    ['An Khang', 'Ân Thi', 'Dân Chủ', 'Đồng Tâm', 'Kiên Đài', 'Kim Bình']
    >>> sorted(["Hà", "Ha", "Há", "Hả", "Hạ", "Hã"], key=vi_sort_key)
    ['Ha', 'Hà', 'Hả', 'Hã', 'Há', 'Hạ']
    """
    s = canonical(text)
    letters, tones = _collation_units(s)
    return letters, tones, s
