"""Legacy and garbled Vietnamese text: TCVN3 (ABC), VNI-Windows and wrong code pages to Unicode.

Before Unicode, Vietnamese offices typed with 8-bit fonts: TCVN3, also
called ABC (fonts ``.VnTime``, ``.VnArial``; "Đảng bộ" is stored as
"§¶ng bé"), and VNI-Windows (fonts ``VNI-Times``; "Đảng bộ" is stored as
"Ñaûng boä").  Excel keeps such text as the Windows-1252 characters of the
bytes, so it reads as gibberish once the font is gone.  :func:`to_unicode`
recognises both encodings in one cell and converts the cell to canonical
Unicode (NFC, classic tone placement, :func:`helpers.text.canonical`).

Text decoded with the wrong code page is repaired the same way: Windows-1258
text read as Windows-1252 ("ÐAÒNG BÔò" for "ĐẢNG BỘ", label ``"CP1258"``)
and UTF-8 read as Windows-1252 ("Ä\x90áº£ng bá»™" for "Đảng bộ", label
``"UTF-8"``, repaired with ftfy).  :func:`diagnose` names what garbled text
that cannot be repaired looks like ("TCVN3", "UTF-8", "lost" …, described
in :data:`DIAGNOSES`), so a message can say what happened to it.

Call it on the raw cell text, *before* :func:`helpers.text.canonical`:
canonicalising first may move an accent between the Latin-1 letters that
encode a legacy character.

Capitals in TCVN3
-----------------
TCVN3 (the TCVN 5712 "VN3" table) has capital codes only for the seven
unaccented letters Ă Â Ê Ô Ơ Ư Đ.  A toned capital (Ủ, Ệ, Á …) has no code:
it is typed with the *lower-case* code in an all-capitals font
(``.VnTimeH``), which the cell text does not record.  This module therefore
reads a toned TCVN3 letter as lower case, except inside a word that is
otherwise written in capitals (at least two capital letters and no small
letter), or in a cell whose letters with a recorded case are all capitals
(at least two): there it is read as a capital ("HUYÖN ñY" -> "HUYỆN ỦY").  VNI-Windows writes capitals
with capital codes, so its case is kept as typed.

Detection
---------
A cell is converted only when all of these hold: it uses no character
outside Windows-1252 (genuine Unicode Vietnamese nearly always holds one:
đ, ơ, ư, ă or a toned letter such as ả); it holds at least one character
that an encoding uses for a Vietnamese letter and that is not itself a
letter of Unicode Vietnamese (¶, ©, ­, Ñ, û …); every word the conversion
changes becomes a well-formed Vietnamese syllable; and nothing of the
encoding is left over.  Ordinary text costs one ``str.isascii`` call (plain
ASCII) or one precompiled regular-expression search (other Unicode).

Examples
--------
>>> to_unicode("§¶ng bé x· Hßa Phó")
('Đảng bộ xã Hòa Phú', 'TCVN3')
>>> to_unicode("Ñaûng boä xaõ Hoøa Phuù")
('Đảng bộ xã Hòa Phú', 'VNI')
>>> to_unicode("ÐAÒNG BÔò")
('ĐẢNG BỘ', 'CP1258')
>>> to_unicode("Ä\x90áº£ng bá»™ xÃ£ HÃ²a PhÃº")
('Đảng bộ xã Hòa Phú', 'UTF-8')
>>> to_unicode("Đảng bộ xã Hòa Phú")
('Đảng bộ xã Hòa Phú', None)
>>> diagnose("Đ?ng b? x? H?a Ph?"), diagnose("Đảng bộ")
('lost', None)
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .text import canonical

__all__ = ["ENCODINGS", "ENCODING_NAMES", "DIAGNOSES", "TCVN3", "VNI", "to_unicode", "in_encoding", "from_unicode",
           "diagnose"]

#: The encodings :func:`to_unicode` recognises (the labels it returns).
ENCODINGS = ("TCVN3", "VNI", "CP1258", "UTF-8")

#: What each label means, for messages.
ENCODING_NAMES = {
    "TCVN3": {"vi": "bảng mã cũ TCVN3 (ABC)", "en": "the legacy TCVN3 (ABC) encoding"},
    "VNI": {"vi": "bảng mã cũ VNI-Windows", "en": "the legacy VNI-Windows encoding"},
    "CP1258": {"vi": "bảng mã Windows-1258 bị đọc nhầm thành Windows-1252",
               "en": "Windows-1258 text read as Windows-1252"},
    "UTF-8": {"vi": "chữ UTF-8 bị đọc nhầm thành Windows-1252", "en": "UTF-8 text read as Windows-1252"},
}

#: What :func:`diagnose` finds in garbled text it cannot repair.
DIAGNOSES = {
    "lost": {"vi": "chữ đã bị mất khi chuyển bảng mã (thay bằng \"?\" hoặc \"�\"); hãy gõ lại bằng Unicode",
             "en": "letters were lost in a code-page conversion (replaced by \"?\" or \"�\"); retype it in Unicode"},
    "UTF-8": {"vi": "chữ UTF-8 bị đọc nhầm thành Windows-1252 nhưng không khôi phục được; hãy gõ lại bằng Unicode",
              "en": "UTF-8 text read as Windows-1252 that cannot be restored; retype it in Unicode"},
    "CP1258": {"vi": "chữ Windows-1258 bị đọc nhầm thành Windows-1252 nhưng không khôi phục được; hãy gõ lại bằng Unicode",
               "en": "Windows-1258 text read as Windows-1252 that cannot be restored; retype it in Unicode"},
    "TCVN3": {"vi": "chữ gõ bằng bảng mã TCVN3 (ABC) nhưng không chuyển được; hãy gõ lại bằng Unicode",
              "en": "text typed in TCVN3 (ABC) that cannot be converted; retype it in Unicode"},
    "VNI": {"vi": "chữ gõ bằng bảng mã VNI nhưng không chuyển được; hãy gõ lại bằng Unicode",
            "en": "text typed in VNI that cannot be converted; retype it in Unicode"},
}

# --- the Vietnamese alphabet --------------------------------------------------

_BASES = "aăâeêioôơuưy"
# tone name -> combining mark; "" is the level tone (thanh ngang)
_TONE_MARKS = {"": "", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "acute": "\u0301", "dot": "\u0323"}
_TONE_NAMES = tuple(_TONE_MARKS)


def _letter(base: str, tone: str) -> str:
    """The NFC letter of ``base`` (e.g. "ơ") with ``tone`` (e.g. "acute")."""
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


# --- TCVN3 (ABC, TCVN 5712 VN3) -----------------------------------------------

# Lower-case letters, per base vowel, in tone order: level, grave, hook,
# tilde, acute, dot.  "" means the plain ASCII letter.
_TCVN3_LOWER = {
    "a": ("", "µ", "¶", "·", "¸", "¹"),
    "ă": ("¨", "»", "¼", "½", "¾", "Æ"),
    "â": ("©", "Ç", "È", "É", "Ê", "Ë"),
    "e": ("", "Ì", "Î", "Ï", "Ð", "Ñ"),
    "ê": ("ª", "Ò", "Ó", "Ô", "Õ", "Ö"),
    "i": ("", "×", "Ø", "Ü", "Ý", "Þ"),
    "o": ("", "ß", "á", "â", "ã", "ä"),
    "ô": ("«", "å", "æ", "ç", "è", "é"),
    "ơ": ("¬", "ê", "ë", "ì", "í", "î"),
    "u": ("", "ï", "ñ", "ò", "ó", "ô"),
    "ư": ("\xad", "õ", "ö", "÷", "ø", "ù"),
    "y": ("", "ú", "û", "ü", "ý", "þ"),
}
# The only capitals with codes of their own.
_TCVN3_UPPER = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

#: Unicode letter -> TCVN3 text (lower case, plus the seven capitals).
TCVN3: dict[str, str] = {"đ": "®", **_TCVN3_UPPER}
for _base, _codes in _TCVN3_LOWER.items():
    for _tone, _code in zip(_TONE_NAMES, _codes):
        if _code:
            TCVN3[_letter(_base, _tone)] = _code

_TCVN3_DECODE = {code: letter for letter, code in TCVN3.items()}
# Codes that stand for a lower-case letter with no capital code (toned).
_TCVN3_CASELESS = frozenset(
    code for letter, code in TCVN3.items() if letter.islower() and letter.upper() not in TCVN3
)

# --- VNI-Windows ----------------------------------------------------------------

# Tone modifiers after a vowel (lower, upper), tone order grave..dot.
_VNI_TONES = {"grave": "øØ", "hook": "ûÛ", "tilde": "õÕ", "acute": "ùÙ", "dot": "ïÏ"}
# a + breve + tone, a/e/o + circumflex + tone: one modifier each.
_VNI_BREVE = {"": "êÊ", "grave": "èÈ", "hook": "úÚ", "tilde": "üÜ", "acute": "éÉ", "dot": "ëË"}
_VNI_CIRC = {"": "âÂ", "grave": "àÀ", "hook": "åÅ", "tilde": "ãÃ", "acute": "áÁ", "dot": "äÄ"}
# Letters with a single code of their own (lower, upper).
_VNI_SINGLE = {
    "ơ": "ôÔ",
    "ư": "öÖ",
    "đ": "ñÑ",
    _letter("i", "grave"): "ìÌ",
    _letter("i", "hook"): "æÆ",
    _letter("i", "tilde"): "óÓ",
    _letter("i", "acute"): "íÍ",
    _letter("i", "dot"): "òÒ",
    _letter("y", "dot"): "îÎ",
}


def _vni_code(base: str, tone: str) -> str | None:
    """VNI text of the lower-case letter ``base`` + ``tone`` (None if plain ASCII)."""
    letter = _letter(base, tone)
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter][0]
    if base == "ă":
        return "a" + _VNI_BREVE[tone][0]
    if base in "âêô":
        return unicodedata.normalize("NFD", base)[0] + _VNI_CIRC[tone][0]
    if base in "ơư":
        return _VNI_SINGLE[base][0] + _VNI_TONES[tone][0]
    if tone == "":
        return None
    return base + _VNI_TONES[tone][0]


def _upper_code(code: str) -> str:
    return code.upper()


#: Unicode letter -> VNI-Windows text, both cases.
VNI: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
for _base in _BASES:
    for _tone in _TONE_NAMES:
        _code = _vni_code(_base, _tone)
        if _code is not None:
            _low = _letter(_base, _tone)
            VNI[_low] = _code
            VNI[_low.upper()] = _upper_code(_code)

# Decoding: a base letter and a modifier of either case (case from the base),
# or a single code.
_VNI_DECODE: dict[str, str] = {}
for _letter_u, _code in VNI.items():
    _VNI_DECODE[_code] = _letter_u
    if len(_code) == 2:
        _other = _code[0] + (_code[1].lower() if _code[0].isupper() else _code[1].upper())
        _VNI_DECODE.setdefault(_other, _letter_u)

# --- detection ------------------------------------------------------------------

# Latin-1 letters that Unicode Vietnamese uses (à á â ã è é ê ì í ò ó ô õ ù ú ý).
_VIET_LATIN1 = frozenset(
    ch for ch in map(chr, range(0xC0, 0x100)) if ch.isalpha() and ch.lower() in "àáâãèéêìíòóôõùúý"
)
_PLAIN_PUNCT = frozenset("«»·×÷§©®¬ª°±½¼¾¡¢£¤¥¦\xa0")

_TCVN3_CODES = frozenset(_TCVN3_DECODE)
_VNI_CODES = frozenset(ch for code in _VNI_DECODE for ch in code if not ch.isascii())
_TCVN3_STRONG = frozenset(_TCVN3_CODES - _VIET_LATIN1)
_VNI_STRONG = frozenset(_VNI_CODES - _VIET_LATIN1)


def _charclass(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# The one search on non-ASCII text: a character, or a pair of letters, that
# only legacy text plausibly holds.  Pairs: a VNI vowel and a modifier that
# never follow each other in Unicode Vietnamese ("aâ", "eá", "uù", "oõ"; not
# "oà", which is "Hoà"), and a TCVN3 toned code, which looks like a Latin-1
# capital, inside a small-letter word ("ChÕ", "TiÕn").
_PAIRS = (
    ("aeouyAEOUYôÔöÖ", "ùÙõÕ"),
    ("aeAE", "âÂáÁàÀãÃ"),
    ("oO", "âÂ"),
    ("aA", "êÊéÉèÈúÚ"),
    ("abcdefghijklmnopqrstuvwxyz", "ÊÈÉÌÒÓÔÕÝ"),
)
_STRONG = _TCVN3_STRONG | _VNI_STRONG
# One regular expression; the look-ahead lets the engine skip quickly to the
# few characters that can start a match.
_SUSPECT = re.compile(
    "(?="
    + _charclass(_STRONG.union(*(set(seconds) for _, seconds in _PAIRS)))
    + ")(?:"
    + _charclass(_STRONG)
    + "".join(f"|(?<={_charclass(set(firsts))}){_charclass(set(seconds))}" for firsts, seconds in _PAIRS)
    + ")"
)


# Characters Windows-1252 cannot encode: their presence means genuine Unicode.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_NOT_CP1252 = re.compile("[^\x00-\xff" + re.escape(_CP1252_EXTRA) + "]")

_TCVN3_RE = re.compile(_charclass(_TCVN3_CODES))
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True))
)
_RUN = re.compile(r"[^\W\d_]+")
# A TCVN3 word: letters and codes (some codes, like ¶ and ·, are not letters).
_TCVN3_WORD = re.compile(r"((?:[^\W\d_]|" + _charclass(_TCVN3_CODES) + r")+)")

# A Vietnamese syllable with its tone removed (lower case): an initial, a
# vowel nucleus and a final consonant, the nucleus deciding whether a final
# consonant must, may or cannot follow.
_CLOSED = "ă â oă uâ iê yê uô ươ uyê".split()
_OPEN = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưa ưi ưu ua iêu oai oao oay oeo"
    " uây uôi uya uyu ươi ươu yêu"
).split()
_EITHER = "a e ê i o ô ơ u ư y oa oe uê uy".split()


def _alts(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_FINAL = r"(?:ch|ng|nh|[cmnpt])"
_SYLLABLE = re.compile(
    f"{_INITIAL}(?:(?:{_alts(_CLOSED)}){_FINAL}|(?:{_alts(_OPEN)})|(?:{_alts(_EITHER)}){_FINAL}?)"
)
_TONE_SET = frozenset(m for m in _TONE_MARKS.values() if m)


def _is_syllable(word: str) -> bool:
    if sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _TONE_SET) > 1:
        return False
    return _SYLLABLE.fullmatch(_bare(word)) is not None


def _bare(word: str) -> str:
    """``word`` in small letters without its tone: "Céng" → "ceng"."""
    nfd = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_SET))


def _decode_tcvn3(text: str) -> str:
    """TCVN3 -> Unicode, fixing the case of toned letters (see module doc)."""
    out: list[str] = []
    all_caps = _all_caps(text)
    for run in _TCVN3_WORD.split(text):
        if not run or not _TCVN3_RE.search(run):
            out.append(run)
            continue
        decoded = _TCVN3_RE.sub(lambda m: _TCVN3_DECODE[m.group(0)], run)
        upper, lower = _case_counts(run)
        if lower == 0 and (upper >= 2 or all_caps):
            decoded = decoded.upper()
        out.append(decoded)
    return "".join(out)


def _case_counts(run: str) -> tuple[int, int]:
    """Capital and small letters whose case the TCVN3 code does record."""
    upper = lower = 0
    for ch in run:
        if ch in _TCVN3_CASELESS:
            continue
        if ch in _TCVN3_DECODE:
            ch = _TCVN3_DECODE[ch]
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return upper, lower


def _all_caps(text: str) -> bool:
    upper, lower = _case_counts(text)
    return upper >= 2 and lower == 0


def _decode_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_DECODE[m.group(0)], text)


#: Each legacy font encoding: its decoder and the codes only it writes, TCVN3 first.
_LEGACY = {"TCVN3": (_decode_tcvn3, _TCVN3_STRONG), "VNI": (_decode_vni, _VNI_STRONG)}


def _score(original: str, decoded: str, strong: frozenset[str]) -> int | None:
    """Number of converted words, or None when the decoding is implausible."""
    if any(ch in strong for ch in decoded):
        return None  # a code left over: not this encoding
    src_runs = _RUN.findall(original)
    dst_runs = _RUN.findall(decoded)
    changed = 0
    if len(src_runs) != len(dst_runs):
        # A punctuation-like code became a letter and joined two runs: check
        # the decoded words that are not plain ASCII.
        pairs = [(None, w) for w in dst_runs]
    else:
        pairs = list(zip(src_runs, dst_runs))
    for src, dst in pairs:
        if src == dst or dst.isascii():
            continue
        if _is_abbreviation(dst):  # "KHHGĐ", "HĐND": allowed, but as for a lone code, no evidence by itself
            continue
        if not _is_syllable(dst):
            return None
        # A lone code ("×" in "9 × 5", "§ 3") is a symbol as often as a
        # letter: converted along with real words, but no evidence by itself.
        changed += len(dst) > 1
    return changed or None


def _is_abbreviation(word: str) -> bool:
    """Initials in capitals whose one letter beyond ASCII is Đ ("KHHGĐ": kế hoạch hóa gia đình; "HĐND").

    >>> _is_abbreviation("KHHGĐ"), _is_abbreviation("HĐND"), _is_abbreviation("ĐẢNG"), _is_abbreviation("Đ")
    (True, True, False, False)
    """
    return len(word) >= 2 and word.isupper() and word.replace("Đ", "").isascii()


def to_unicode(text: str) -> tuple[str, str | None]:
    """Convert a cell typed in TCVN3 or VNI-Windows to canonical Unicode.

    Parameters
    ----------
    text : str
        The raw text of one cell.

    Returns
    -------
    tuple of (str, str or None)
        ``(converted, "TCVN3")`` or ``(converted, "VNI")`` when the cell is
        legacy text, the converted text being canonical (NFC, classic tone
        placement, single spaces); otherwise ``(text, None)``, unchanged.

    Examples
    --------
    >>> to_unicode("HuyÖn ñy Chiªm Hãa")
    ('Huyện ủy Chiêm Hóa', 'TCVN3')
    >>> to_unicode("HUYÖN ñY CHI£M HãA")
    ('HUYỆN ỦY CHIÊM HÓA', 'TCVN3')
    >>> to_unicode("HUYEÄN UÛY CHIEÂM HOÙA")
    ('HUYỆN ỦY CHIÊM HÓA', 'VNI')
    >>> to_unicode("Tỷ lệ «tốt» 57,8 %")
    ('Tỷ lệ «tốt» 57,8 %', None)

    A cell whose codes are all letters Vietnamese also writes ("Céng II":
    TCVN3's "Cộng II") is converted when a word of it is spelt as no
    Vietnamese word is ("c" before e, ê, i or y; "trùc": a syllable closed
    by c with a grave tone) and the whole cell then reads as Vietnamese:

    >>> to_unicode("Céng II"), to_unicode("Chi bé trùc thuéc"), to_unicode("Hòa Phú"), to_unicode("Café")
    (('Cộng II', 'TCVN3'), ('Chi bộ trực thuộc', 'TCVN3'), ('Hòa Phú', None), ('Café', None))
    """
    if text.isascii() or _NOT_CP1252.search(text):
        return text, None
    if _SUSPECT.search(text):
        best = _best_legacy(text)
        if best is not None:
            return canonical(best[2]), best[1]
    repaired = _wrong_code_page(text)
    if repaired[1] is None and _misspelt(text):
        best = _best_legacy(text)
        if best is not None and not _misspelt(best[2]) and _reads_as_vietnamese(best[2]):
            return canonical(best[2]), best[1]
    return repaired


@functools.lru_cache(maxsize=65536)
def in_encoding(text: str, encoding: str) -> str | None:
    """``text`` read as typed in ``encoding`` ("TCVN3", "VNI"), the encoding of the cells around it:
    the canonical Unicode text when that changes a word and every word then reads as Vietnamese, else None.

    For a cell :func:`to_unicode` leaves alone because it reads either way
    ("Ghi chó": "chó" is a word too) in a header typed in that encoding.

    >>> to_unicode("Ghi chó"), in_encoding("Ghi chó", "TCVN3"), in_encoding("Café", "TCVN3")
    (('Ghi chó', None), 'Ghi chú', None)
    """
    if text.isascii() or _NOT_CP1252.search(text):
        return None
    decode, strong = _LEGACY[encoding]
    decoded = decode(text)
    if decoded == text or _score(text, decoded, strong) is None or not _reads_as_vietnamese(decoded):
        return None
    return canonical(decoded)


def _misspelt(text: str) -> bool:
    """Whether a word of ``text`` beyond ASCII is spelt as no Vietnamese word is: "c" before e, ê, i or y
    (that is "k": "kế", not "cế"; TCVN3's "Céng" for "Cộng"), or a syllable closed by p, t, c or ch
    without the acute or dot-below tone, the only two it takes (TCVN3's "trùc" for "trực")."""
    return any(_misspelt_word(w) for w in _RUN.findall(text) if not w.isascii())


def _misspelt_word(word: str) -> bool:
    bare = _bare(word)
    if _C_BEFORE_FRONT.match(bare):
        return True
    if bare.endswith(("p", "t", "c", "ch")):
        return not any(ch in _CLOSED_TONES for ch in unicodedata.normalize("NFD", word))
    return False


_CLOSED_TONES = frozenset((_TONE_MARKS["acute"], _TONE_MARKS["dot"]))


def _reads_as_vietnamese(text: str, *, borrowed: bool = False) -> bool:
    """Whether every word of ``text`` beyond ASCII is a Vietnamese syllable or initials; with ``borrowed``,
    the rhyme "oo" of borrowed words and names counts too ("xoong", "goòng", "Ia Boòng"), which a
    legacy text decoded is not taken to hold."""
    return all(_is_abbreviation(w) or _is_syllable(w) or borrowed and _BORROWED.fullmatch(_bare(w)) is not None
               for w in _RUN.findall(text) if not w.isascii())


_BORROWED = re.compile(f"{_INITIAL}oo(?:ng|c)")


_C_BEFORE_FRONT = re.compile("c[eêiy]")


def _best_legacy(text: str) -> tuple[int, str, str] | None:
    """The better of the TCVN3 and VNI readings: (score, label, decoded), or ``None``.

    A reading spelt as Vietnamese spells comes before one that is not, whatever their scores: VNI's
    "Chuû tòch" reads as TCVN3 too, but as "Chuỷ tũch" (a syllable closed by ch with a tilde).
    """
    best: tuple[tuple[bool, int], str, str] | None = None
    for name, (decode, strong) in _LEGACY.items():
        decoded = decode(text)
        score = _score(text, decoded, strong)
        if score is not None:
            rank = (not _misspelt(decoded), score)
            if best is None or rank > best[0]:
                best = (rank, name, decoded)
    return None if best is None else (best[0][1], best[1], best[2])


# --- wrong code pages -------------------------------------------------------------

# Windows-1258 writes a tone as a combining mark after its vowel; read as
# Windows-1252 the marks are Ì (grave), ì (acute), Ò (hook), Þ (tilde),
# ò (dot), and Đ/đ are Ð/ð: letters genuine Vietnamese never has there.
_VOWEL_1252 = "AaEeIiOoUuYyÂâÊêÔôÃãÕõÝý"
_CP1258_MARK = re.compile(f"[ÐðÞ]|(?<=[{_VOWEL_1252}])[ÌìÒò]")
# UTF-8 read as Windows-1252: a lead byte and a continuation byte, both as Windows-1252 characters.
_CONT = "\x80-\xbf" + re.escape(_CP1252_EXTRA)
_UTF8_MARK = re.compile(f"[\xc2-\xf4][{_CONT}]")
_LOST_INSIDE = re.compile(r"[^\W\d_]\?+[^\W\d_]")  # "Đ?ng": a letter lost inside a word
_LOST_END = re.compile(r"[^\W\d_]\?+(?=\s|$)")  # "b?": at a word's end (one may be a question)


def _wrong_code_page(text: str) -> tuple[str, str | None]:
    """Text decoded with the wrong code page, repaired: ``(text, "CP1258" | "UTF-8")``, else ``(text, None)``."""
    if _UTF8_MARK.search(text):
        fixed = _from_utf8_mojibake(text)
        if fixed is not None and _score(text, fixed, frozenset()) is not None and _viet(fixed):
            return canonical(fixed), "UTF-8"
    if _CP1258_MARK.search(text) and not _reads_as_vietnamese(text, borrowed=True):  # "Ia Boòng": a commune
        try:
            fixed = unicodedata.normalize("NFC", text.encode("cp1252").decode("cp1258"))
        except UnicodeError:
            return text, None
        if _score(text, fixed, frozenset()) is not None and _viet(fixed):
            return canonical(fixed), "CP1258"
    return text, None


def _from_utf8_mojibake(text: str) -> str | None:
    import ftfy
    import ftfy.bad_codecs  # noqa: F401 - registers "sloppy-windows-1252"

    try:
        return text.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        fixed = ftfy.fix_encoding(text)  # partly garbled, or bytes lost on the way
        return fixed if fixed != text else None


def _viet(text: str) -> bool:
    """Whether ``text`` holds a letter only Vietnamese uses (so the repair made Vietnamese)."""
    return bool(_NOT_CP1252.search(text))


def diagnose(text: str) -> str | None:
    """What garbled text that :func:`to_unicode` cannot repair looks like, or ``None``.

    A label of :data:`DIAGNOSES`: ``"lost"`` (letters replaced by "?" or
    "�" in a conversion), ``"UTF-8"``, ``"CP1258"``, ``"TCVN3"`` or ``"VNI"``.

    >>> diagnose("Ä\x90áº£ng bá»™ x\ufffd"), diagnose("§¶ng bé x§")
    ('lost', 'TCVN3')
    >>> diagnose("Hòa Phú"), diagnose("© 2023 · § 3"), diagnose("ok?")
    (None, None, None)
    """
    if text.isascii() and "?" not in text:
        return None
    if "\ufffd" in text or _LOST_INSIDE.search(text) or len(_LOST_END.findall(text)) >= 2:
        return "lost"
    if _NOT_CP1252.search(text) or to_unicode(text)[1] is not None:
        return None
    if _UTF8_MARK.search(text):
        return "UTF-8"
    if _CP1258_MARK.search(text):
        return "CP1258"
    for name, code_by_letter in _CODE_BY_LETTER.items():
        if code_by_letter.search(text):
            return name
    return None


#: A code only legacy text holds, next to a letter: garbled text of that encoding (:func:`diagnose`).
_CODE_BY_LETTER = {
    name: re.compile(f"[^\\W\\d_]{_charclass(strong)}|{_charclass(strong)}[^\\W\\d_]")
    for name, (_decode, strong) in _LEGACY.items()
}


def _cp1258(ch: str) -> str:
    """A letter as Windows-1258 writes it: precomposed when it can, else its base and the tone mark."""
    try:
        ch.encode("cp1258")
        return ch
    except UnicodeEncodeError:
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in _TONE_SET)
        return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_SET)) + tones


def from_unicode(text: str, encoding: str) -> str:
    """Write Unicode Vietnamese the way a legacy font stores it.

    The inverse of :func:`to_unicode`, for making test input.  TCVN3 writes
    toned capitals with their lower-case codes (see the module notes).

    >>> from_unicode("Đảng bộ", "TCVN3")
    '§¶ng bé'
    >>> from_unicode("Đảng bộ", "VNI")
    'Ñaûng boä'
    >>> from_unicode("ĐẢNG BỘ", "CP1258"), from_unicode("Đảng", "UTF-8")
    ('ÐAÒNG BÔò', 'Ä\x90áº£ng')
    """
    if encoding == "UTF-8":
        import ftfy.bad_codecs  # noqa: F401

        return unicodedata.normalize("NFC", text).encode("utf-8").decode("sloppy-windows-1252")
    if encoding == "CP1258":
        return "".join(_cp1258(ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1258").decode("cp1252")
    table = {"TCVN3": TCVN3, "VNI": VNI}[encoding]
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif encoding == "TCVN3" and ch.lower() in table:
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)
