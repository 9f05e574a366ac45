"""Names in a report → the registry's units: communes, districts, provinces.

A report names its units as people write them ("HOÀ PHÚ", "Xã Hòa Phú",
"Phường 2"); these functions give the registry's canonical name, type and
GSO code for the year reported.

Rules
-----
* The date of a report year is its 31 December, as for the composition of a
  year (:func:`helpers.units.units_in`).  Districts ended on 1 July 2025: a
  unit looked up *with* a district in 2025 or later is looked up on
  30 June 2025 (the district's last day: a "6 tháng đầu năm 2025" report);
  *without* a district from 2025 on, among the communes of 1 July 2025.
* Names match on :func:`helpers.text.fold` (case, NFC/NFD, old or new tone
  placement, spacing).  Without diacritics ("Hoa Phu") a name matches only
  when it fits exactly one unit of that district and year: 25 districts have
  two communes that differ only by their marks ("Sa Pa" and "Sa Pả"), so a
  diacritic-free match is never taken when it could be either.  Such a
  match says so (``UnitMatch.approximate``).
* The type the report's administrative word gave (``unit_type``) chooses
  between same-named units of one district; when the registry knows the
  unit under another commune-level type (a commune that became a town), the
  registry's type wins.  A name the registry does not know, or knows twice
  in the places the caller allows, gives ``None``: never a guess.

Each function is cached per argument tuple: after the first call a look-up
is one dict access.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from datetime import date
from typing import Iterable, NamedTuple

from ..text import fold, new_tones, loose_key, split_district, split_province_name, split_unit_name, unit_key
from .registry import REFORM, registry

_LAST_DISTRICT_DAY = REFORM - 1
_COMMUNE_LEVEL = frozenset({"commune", "town", "ward", "special_zone"})
# First words (lower case, any tone style) after which split_unit_name may split something off.
_FIRST_WORDS = frozenset(w for t in ("xã", "phường", "thị", "tt", "đặc", "đảng", "chi", "đb", "cb") for w in (t, new_tones(t)))
_FIRST_WORDS |= frozenset(unicodedata.normalize("NFD", w) for w in _FIRST_WORDS)


class UnitMatch(NamedTuple):
    """A unit as the registry knows it.

    ``unit_code`` is the GSO code valid in the year asked (``None`` for an
    agency); ``district`` is ``None`` for a unit of 1 July 2025 or later.
    ``approximate`` is true when the name matched only without diacritics.
    """

    name: str
    unit_type: str
    unit_code: str | None
    province: str
    district: str | None
    approximate: bool = False


class DistrictMatch(NamedTuple):
    """A district-level unit (before 1 July 2025): ``kind`` is huyện, quận, thị xã or thành phố."""

    province: str
    district: str
    district_code: str
    kind: str


# Names of a province other sources use (folded) → the registry's (folded).
_PROVINCE_ALIASES = {"thừa thiên huế": "huế", "hcm": "hồ chí minh", "tphcm": "hồ chí minh", "sài gòn": "hồ chí minh"}


@functools.lru_cache(maxsize=1024)
def _pkey(province: str | None) -> str | None:
    """The matching key of a province's name ("Tỉnh Thừa Thiên Huế" -> "huế"), ``None`` for none."""
    if not province:
        return None
    key = fold(split_province_name(province))
    return _PROVINCE_ALIASES.get(key, key)


def _when(year: int, with_district: bool) -> int:
    day = date(int(year), 12, 31).toordinal()
    return min(day, _LAST_DISTRICT_DAY) if with_district else day


@functools.lru_cache(maxsize=65536)
def _name_and_type(name: str, unit_type: str | None) -> tuple[str, str | None]:
    """The bare name: a name still carrying its word is split; "2" of a ward is "Phường 2"."""
    first = name.split(" ", 1)[0].lower()
    if first not in _FIRST_WORDS and not name.isdigit():
        return name, unit_type  # no word to split off: the common case, spared the text work
    bare, word_type = split_unit_name(name)
    if word_type is not None and unit_type in (None, word_type):
        return bare, word_type
    if unit_type in ("ward", "commune", "town") and bare.isdigit():
        return {"ward": "Phường", "commune": "Xã", "town": "Thị trấn"}[unit_type] + " " + bare, unit_type
    return name, unit_type


def _pick(rows: list[tuple], unit_type: str | None) -> tuple | None:
    """The one unit among ``rows`` (registry rows of one name), preferring ``unit_type``."""
    if unit_type in _COMMUNE_LEVEL:
        rows = [r for r in rows if r[2] in _COMMUNE_LEVEL] or []
        same = [r for r in rows if r[2] == unit_type]
        rows = same or rows
    codes = {(r[0], r[3], r[5] if len(r) > 8 else None) for r in rows}
    if len(codes) != 1:
        return None
    return rows[0]


def _old_candidates(index: dict, places: list[tuple[str, str]], key: str, when: int) -> list[tuple]:
    reg = registry()
    found = []
    for p, d in places:
        for i in index.get((p, d, key), ()):
            r = reg.old_units[i]
            if (r[7] is None or r[7] <= when) and (r[8] is None or when < r[8]):
                found.append(r)
    return found


@functools.lru_cache(maxsize=262144)
def _fold(text: str) -> str:
    """The matching key of a unit's name (:func:`helpers.text.unit_key`: "Quý Quân" and "Quí Quân" are one)."""
    return unit_key(text)


@functools.lru_cache(maxsize=262144)
def _loose(text: str) -> str:
    return loose_key(text)


@functools.lru_cache(maxsize=65536)
def _places(province: str | None, district: str | None) -> tuple[tuple[str, str], ...]:
    """(province key, district key) pairs a look-up may search."""
    reg = registry()
    if district is not None:
        dkey = fold(_bare_district(district)[0])
        cands = reg.district_index.get(dkey, ())
        pkey = _pkey(province)
        return tuple((fold(c[0]), dkey) for c in cands if pkey is None or fold(c[0]) == pkey)
    pkey = _pkey(province)
    return tuple((p, d) for p, ds in reg.province_districts.items() if pkey is None or p == pkey for d in sorted(ds))


@functools.lru_cache(maxsize=65536)
def _change_days(province: str | None, district: str) -> tuple[int, ...]:
    days = registry().change_days
    return tuple(sorted({d for place in _places(province, district) for d in days.get(place, ())}))


def epoch(province: str | None, district: str | None, year: int) -> tuple:
    """A key two report years of a place share exactly when its units were the same on both dates.

    :func:`resolve_unit` gives the same answer for any year of one epoch, so
    a caller may remember its answers per epoch rather than per year.  A
    report without a district has one epoch per year.

    >>> epoch("Tuyên Quang", "Chiêm Hóa", 2022) == epoch("Tuyên Quang", "Chiêm Hóa", 2024)
    True
    >>> epoch("Tuyên Quang", "Chiêm Hóa", 2020) == epoch("Tuyên Quang", "Chiêm Hóa", 2021)
    False
    """
    if district is None:
        return ("year", int(year))
    return ("days", bisect.bisect_right(_change_days(province, district), _when(year, True)))


def _bare_district(text: str) -> tuple[str, str | None]:
    found = split_district(text)
    return found if found else (text, None)


@functools.lru_cache(maxsize=65536)
def resolve_unit(
    province: str | None, district: str | None, name: str, unit_type: str | None, year: int
) -> UnitMatch | None:
    """The registry's unit for a name written in a report of ``year``.

    Parameters
    ----------
    province : str or None
        The report's province ("Tuyên Quang", "Tỉnh Tuyên Quang"); ``None``:
        any whose district (or commune) matches, when only one does.
    district : str or None
        The report's district ("Chiêm Hóa", "Quận Ba Đình"); ``None`` for a
        report with no district (a province's, or any from 1 July 2025).
    name : str
        The unit's bare name as split from its cell ("Hòa Phú", "Phường 2").
    unit_type : str or None
        The type its administrative word gave; ``None`` for a bare name.
    year : int
        The report year.

    Returns
    -------
    UnitMatch or None

    Examples
    --------
    >>> resolve_unit("Tuyên Quang", "Chiêm Hóa", "HOÀ PHÚ", None, 2023)
    UnitMatch(name='Hòa Phú', unit_type='commune', unit_code='02335', province='Tuyên Quang', district='Chiêm Hóa', approximate=False)
    >>> resolve_unit(None, "Chiêm Hóa", "Hoa Phu", "commune", 2023).approximate
    True
    >>> resolve_unit("Quảng Trị", "Đông Hà", "Phường 2", "ward", 2024).unit_code
    '19342'
    >>> resolve_unit("Tuyên Quang", None, "Yên Nguyên", "commune", 2025).unit_code
    '02365'
    >>> resolve_unit("Tuyên Quang", "Chiêm Hóa", "Nowhere", None, 2023) is None
    True
    """
    bare, unit_type = _name_and_type(name, unit_type)
    when = _when(year, district is not None)
    if district is None and when >= REFORM:
        return _resolve_new(province, bare, unit_type)
    places = _places(province, district)
    reg = registry()
    row = _pick(_old_candidates(reg.old_exact, places, _fold(bare), when), unit_type)
    if row is None and bare != name:  # a name that holds its word ("Phường Đúc" is a ward's whole name)
        row = _pick(_old_candidates(reg.old_exact, places, _fold(name), when), unit_type)
    approximate = False
    if row is None:
        loose = _old_candidates(reg.old_loose, places, _loose(bare), when)
        row = _pick(loose, unit_type) if len({r[0] for r in loose}) == 1 else None
        approximate = row is not None
    if row is None:
        return None
    code = None if row[2] == "agency" else row[0]
    return UnitMatch(row[1], row[2], code, row[3], row[5], approximate)


def _resolve_new(province: str | None, bare: str, unit_type: str | None) -> UnitMatch | None:
    reg = registry()
    pkey = _pkey(province)
    provinces = [pkey] if pkey else reg.new_provinces
    for index, key, approximate in ((reg.new_exact, _fold(bare), False), (reg.new_loose, _loose(bare), True)):
        rows = [reg.new_units[i] for p in provinces for i in index.get((p, key), ())]
        row = _pick([(r[0], r[1], r[2], r[3]) for r in rows], unit_type)
        if row is not None:
            return UnitMatch(row[1], row[2], row[0], row[3], None, approximate)
    return None


@functools.lru_cache(maxsize=16384)
def _resolve_district(province: str | None, district: str) -> tuple[DistrictMatch, ...]:
    name, kind = _bare_district(district)
    pkey = _pkey(province)
    out = []
    for p, pcode, d, dcode, dkind in registry().district_index.get(fold(name), ()):
        if (pkey is None or fold(p) == pkey) and (kind is None or kind == dkind):
            out.append(DistrictMatch(p, d, dcode, dkind))
    return tuple(out)


def resolve_district(province: str | None, district: str, year: int) -> list[DistrictMatch]:
    """The district-level units a report's district may be, in GSO code order.

    Several when the province is not given and the name is shared (ten
    districts are called Châu Thành); none after 2025 (districts ended on
    1 July 2025) or for an unknown name.  The district's word, when given,
    narrows the kind ("Thị xã Sơn Tây" is Hà Nội's, "Huyện Sơn Tây" Quảng
    Ngãi's).

    >>> [m.province for m in resolve_district(None, "Châu Thành", 2023)][:3]
    ['Tây Ninh', 'Long An', 'Tiền Giang']
    >>> resolve_district("Hà Nội", "Quận Ba Đình", 2024)
    [DistrictMatch(province='Hà Nội', district='Ba Đình', district_code='001', kind='quận')]
    >>> [m.province for m in resolve_district(None, "Huyện Sơn Tây", 2024)]
    ['Quảng Ngãi']
    """
    return [] if int(year) > 2025 else list(_resolve_district(province, district))


def kind_of(district: str) -> str | None:
    """The kind a district's written word gives, or ``None`` for a bare name.

    >>> kind_of("Thị xã Sơn Tây"), kind_of("Sơn Tây")
    ('thị xã', None)
    """
    return _bare_district(district)[1]


def infer_province(district: str, unit_names: Iterable[str], year: int) -> list[str]:
    """The provinces whose district of that name has the units named.

    Names that are units of none of the candidate districts (an agency, a
    typing error) do not decide; the provinces returned are those whose
    district has every other name.  One province: it is inferred.  Several
    (or none): the caller asks for the province, naming
    :func:`resolve_district`'s candidates.

    >>> infer_province("Châu Thành", ["Tân Thạch", "Phú Túc", "Quới Sơn"], 2023)
    ['Bến Tre']
    >>> infer_province("Châu Thành", ["Công an huyện"], 2023)[:2]
    ['Tây Ninh', 'Long An']
    """
    candidates = resolve_district(None, district, year)
    names = [n for n in dict.fromkeys(unit_names) if n and str(n).strip()]
    found = {c: {n for n in names if resolve_unit(c.province, c.district, n, None, year)} for c in candidates}
    deciding = set().union(*found.values()) if found else set()
    keep = [c for c in candidates if found[c] >= deciding]
    return list(dict.fromkeys(c.province for c in keep))
