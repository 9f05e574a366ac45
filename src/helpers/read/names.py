"""Unit names as written in a unit column: bare name, type, code, matching key.

"Đảng bộ xã Hòa Phú", "Xã Hòa Phú", "HÒA PHÚ" and "Hoà Phú" are one unit.
The party prefix and the administrative word are split off
(:func:`helpers.text.split_unit_name`); the unit registry
(:func:`helpers.units.resolve_unit`) then gives the unit's canonical name,
type and GSO code for the report's province, district and year.  A name it
does not know keeps its own spelling: a bare name is an agency (no code),
a name written with an administrative word keeps its type and is worth a
warning.  Each distinct cell text is split once, and each text of a place
resolved once for the years in which the place's units stayed the same
(:func:`helpers.units.resolve.epoch`).

Examples
--------
>>> names = UnitNames()
>>> [names.resolve("Tuyên Quang", "Chiêm Hóa", 2023, raw)[:4] for raw in ("Đảng bộ xã Hòa Phú", "hoà phú", "Chi bộ Trạm Y tế")]
[('Hòa Phú', 'commune', 'hòa phú', '02335'), ('Hòa Phú', 'commune', 'hòa phú', '02335'), ('Trạm Y tế', 'agency', 'trạm y tế', None)]
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from ..legacy import diagnose, to_unicode
from ..text import canonical, split_unit_name
from ..units.resolve import epoch, resolve_unit
from .cells import ccanonical, cfold, display_value



class Written(NamedTuple):
    """A unit-name cell's text: the legacy encoding it was converted from (or what garbled text it is), the name split off."""

    legacy: str | None  # a label of helpers.legacy.ENCODINGS
    shown: str | None  # the converted text, as a message shows it
    garbled: str | None  # a label of helpers.legacy.DIAGNOSES: text that could not be repaired
    name: str
    unit_type: str | None  # from the administrative word; None for a bare name


class Resolved(NamedTuple):
    """A unit-name cell resolved: the unit as the tables hold it, and what is worth a warning."""

    name: str
    unit_type: str
    key: str  # the matching key: one unit of a report, one key
    code: str | None
    written: Written
    note: str | None  # "unknown" (not in the registry) or "approximate" (matched without diacritics)


@functools.lru_cache(maxsize=16384)
def _split(text: str) -> tuple[str, str | None]:
    return split_unit_name(ccanonical(text))


class UnitNames:
    """Resolves unit-name cells; remembers every text it split and every text of a place it resolved."""

    def __init__(self):
        self._texts: dict[str, tuple] = {}
        self._resolved: dict[tuple, dict[str, tuple]] = {}

    def text(self, raw: object) -> Written:
        """A unit-name cell split (legacy-font or garbled text converted or named)."""
        got = self._texts.get(raw) if type(raw) is str else None
        if got is not None:
            return got
        text = raw if type(raw) is str else display_value(raw)
        enc = shown = garbled = None
        if not text.isascii():
            new, enc = to_unicode(text)
            if enc:
                text = new
                shown = canonical(new)
            else:
                garbled = diagnose(text)
        got = Written(enc, shown, garbled, *_split(text))
        if type(raw) is str and not (enc or garbled):  # such a text gets its warning every time
            self._texts[raw] = got
        return got

    def resolve(self, province: str | None, district: str | None, year: int, raw: object, *,
                cells: bool = False) -> Resolved:
        """A unit-name cell resolved for a report of this place and year.

        ``cells``: the rows are a commune committee's cells (village cells and
        agencies), which the unit registry does not list.
        """
        written = self.text(raw)
        name, utype = written.name, written.unit_type
        if cells or utype == "village":
            return Resolved(name, utype or "agency", cfold(name), None, written, None)
        match = resolve_unit(province, district, name, utype, year)
        if match is not None and match.approximate and not name.isascii():
            match = None  # only a name written without any diacritics may be matched without them
        if match is None:
            return Resolved(name, utype or "agency", cfold(name), None, written, "unknown" if utype else None)
        note = "approximate" if match.approximate else None
        return Resolved(match.name, match.unit_type, cfold(match.name), match.unit_code, written, note)

    def resolve_all(self, province: str | None, district: str | None, year: int, raws: list, *,
                    cells: bool = False) -> list[Resolved]:
        """:meth:`resolve` of every cell of a column (each text of a place once for the years its units stayed the same)."""
        known = self._resolved.setdefault((province, district, epoch(province, district, year), cells), {})
        try:
            return list(map(known.__getitem__, raws))  # every text resolved before: the common case
        except (KeyError, TypeError):  # a text seen for the first time, or an unhashable value
            try:
                got = list(map(known.get, raws))
            except TypeError:
                got = [None] * len(raws)
        if None in got:
            for i, g in enumerate(got):
                if g is None:
                    g = got[i] = self.resolve(province, district, year, raws[i], cells=cells)
                    if type(raws[i]) is str and not (g.written.legacy or g.written.garbled):
                        known[raws[i]] = g
        return got


NAMES = UnitNames()  #: the unit names of this process: names repeat across files
