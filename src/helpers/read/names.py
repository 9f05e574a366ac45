"""Unit names as written in a unit column: bare name, type, matching key.

"Đảng bộ xã Hòa Phú", "Xã Hòa Phú", "HÒA PHÚ" and "Hoà Phú" are one unit.
The administrative word gives the unit's type; a bare name takes the unit
registry's spelling and type for its district and year, else it keeps its
own and is an agency.  Each distinct cell text is split once, and each
(district, name) is looked up in the registry once.

Examples
--------
>>> names = UnitNames()
>>> [names.resolve("Chiêm Hóa", 2023, raw)[:3] for raw in ("Đảng bộ xã Hòa Phú", "hoà phú", "Chi bộ Trạm Y tế")]
[('Hòa Phú', 'commune', 'hòa phú'), ('Hòa Phú', 'commune', 'hòa phú'), ('Trạm Y tế', 'agency', 'trạm y tế')]
"""

from __future__ import annotations

import csv
import functools

from .. import config
from ..legacy import to_unicode
from ..text import canonical, fold, split_unit_name, unit_key
from .cells import ccanonical, cfold, display_value

_FAR = 10_000


@functools.lru_cache(maxsize=1)
def _registry() -> dict[tuple[str, str], list[tuple[int, int, str, str]]]:
    """(folded district, unit key) → [(first year, last year, name, type)], oldest first.

    A unit counts in a report year when it is valid on that year's 31 December.
    """
    index: dict[tuple[str, str], list[tuple[int, int, str, str]]] = {}
    with open(config.UNITS_CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            start, end = row["valid_from"], row["valid_to"]
            first = int(start[:4]) if start else -1
            last = int(end[:4]) - 1 if end else _FAR
            index.setdefault((fold(row["district"]), unit_key(row["name"])), []).append(
                (first, last, row["name"], row["type"]))
    for spans in index.values():
        spans.sort(key=lambda s: s[0])
    return index


@functools.lru_cache(maxsize=16384)
def _split(text: str) -> tuple[str, str | None]:
    return split_unit_name(ccanonical(text))


class UnitNames:
    """Resolves unit-name cells; remembers every text and every (district, name) it saw."""

    def __init__(self):
        self._texts: dict[str, tuple] = {}
        self._bare: dict[tuple[str, str], list | None] = {}
        self._resolved: dict[tuple[str, int], dict[str, tuple]] = {}

    def text(self, raw: object) -> tuple[str | None, str | None, str, str | None]:
        """A unit-name cell split: (legacy encoding, converted text as shown, name, type or None)."""
        got = self._texts.get(raw) if type(raw) is str else None
        if got is not None:
            return got
        text = raw if type(raw) is str else display_value(raw)
        enc = shown = None
        if not text.isascii():
            new, enc = to_unicode(text)
            if enc:
                text = new
                shown = canonical(new)
        name, utype = _split(text)
        got = (enc, shown, name, utype)
        if type(raw) is str and not enc:  # a legacy text gets its warning every time
            self._texts[raw] = got
        return got

    def bare(self, district: str, name: str, year: int) -> tuple[str, str]:
        """The registry's spelling and type of a name written without an administrative word."""
        key = (district, name)
        spans = self._bare.get(key, False)
        if spans is False:
            spans = self._bare[key] = _registry().get((fold(district), unit_key(name)))
        if not spans:
            return name, "agency"
        for first, last, spelled, utype in spans:
            if first <= year <= last:
                return spelled, utype
        return spans[-1][2], spans[-1][3]

    def resolve(self, district: str, year: int, raw: object) -> tuple[str, str, str, str | None, str | None]:
        """(name, type, matching key, legacy encoding, converted text) of a unit-name cell."""
        enc, shown, name, utype = self.text(raw)
        if utype is None:
            name, utype = self.bare(district, name, year)
        return name, utype, cfold(name), enc, shown

    def resolve_all(self, district: str, year: int, raws: list) -> list[tuple]:
        """:meth:`resolve` of every cell of a column (each text of a district and year once)."""
        known = self._resolved.setdefault((district, year), {})
        try:
            got = list(map(known.get, raws))
        except TypeError:  # an unhashable value
            got = [None] * len(raws)
        if None in got:
            for i, g in enumerate(got):
                if g is None:
                    g = got[i] = self.resolve(district, year, raws[i])
                    if type(raws[i]) is str and not g[3]:  # a legacy text gets its warning every time
                        known[raws[i]] = g
        return got
