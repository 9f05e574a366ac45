"""The national unit registry: built once from its sources, cached on disk.

Sources, read in bulk (never one address at a time), both in this
repository as plain CSV files:

* the national data set, ``data/reference/national/``
  (:mod:`helpers.units.national`; extracted from the ``vietnamadminunits``
  data set, MIT, which is not needed at run time): the 63 provinces, 696
  district-level units and 10,035 commune-level units in force from
  1 January to 30 June 2025, the 34 provinces and 3,321 commune-level units
  from 1 July 2025, and which new unit(s) each old one went into (a
  divided one: several, one of them the default);
* the project's own layer, ``data/reference/units.csv``: for the units it
  lists (by GSO code), their history before 2025 (mergers, transfers,
  renamings, each row with its dates), which replaces the national data
  set's single snapshot of those codes; and the made-up agencies of the
  bundled data.

The built registry is a few plain tuples and dicts.  It is written with
:mod:`marshal` to ``build/cache/units-registry.marshal`` together with a
key made of the sources' sizes, times and contents' digests; a cache whose
key differs, or that cannot be read, is ignored and written anew.  Loading
from the cache takes a few tens of milliseconds, building it about a
tenth of a second (``bench/bench_registry.py``).  Neither imports pandas.

Examples
--------
>>> reg = registry()
>>> len(reg.old_units) > 10_000, len(reg.new_units)
(True, 3321)
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gc
import hashlib
import marshal
import os
import tempfile
from datetime import date
from pathlib import Path

from .. import config
from ..text import canonical, fold, loose_key, numbered, split_province_name, unit_key
from . import national

#: First day of the post-reform units (Nghị quyết 202/2025/QH15, 1684/NQ-UBTVQH15 …).
REFORM = date(2025, 7, 1).toordinal()
#: Format of the cache file; bump when the payload changes shape.
CACHE_FORMAT = 5
CACHE_PATH = config.BUILD_DIR / "cache" / "units-registry.marshal"

#: What the national rows come from.
SOURCE = f"{national.LIBRARY} {national.LIBRARY_VERSION}"

# Row layouts of the payload (tuples, for marshal):
# old unit: code, name, type, province, province_code, district, district_code,
#           start (ordinal or None), end (ordinal or None), successor code or None
# district: province, province_code, district, district_code, kind
# new unit: code, name, type, province, province_code, lat, lon, area_km2
OLD_FIELDS = ("code", "name", "type", "province", "province_code", "district", "district_code", "start", "end", "successor")
NEW_FIELDS = ("code", "name", "type", "province", "province_code", "lat", "lon", "area_km2")


def _sources() -> list[Path]:
    return [national.NATIONAL_DIR / name for name in national.FILES] + [Path(config.UNITS_CSV)]


def cache_key(sources: list[Path] | None = None) -> str:
    """The digest naming one state of the sources (and of this code's payload format)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{SOURCE}".encode())
    for path in sources or _sources():
        data = path.read_bytes()
        digest.update(f"|{path.name}|{len(data)}|{path.stat().st_mtime_ns}|".encode())
        digest.update(data)
    return digest.hexdigest()


# --- building -------------------------------------------------------------------


def _number(text: str) -> float | None:
    return float(text) if text else None


_WORD = {"ward": "Phường", "commune": "Xã", "town": "Thị trấn"}


def _unit_name(name: str, utype: str) -> str:
    """A unit's name as the project writes it: a ward named by a number keeps its word ("III" → "Phường III")."""
    if utype in _WORD and numbered(name):
        return f"{_WORD[utype]} {name}"
    return name


def _read_national(folder: Path) -> tuple[list, list, list, dict]:
    """Old units, districts and new units as payload rows, and old code → [[new code, is default], …]."""
    t = national.read_tables(folder)
    name = functools.lru_cache(maxsize=None)(canonical)  # names repeat: each distinct one made canonical once
    provinces = {code: name(text) for code, text in t["provinces_before.csv"]}
    districts = sorted(
        ((provinces[pcode], pcode, name(text), code, kind) for code, text, kind, pcode in t["districts_before.csv"]),
        key=lambda d: d[3],
    )
    district_name = {d[3]: d[2] for d in districts}
    old = [
        (code, _unit_name(name(text), utype), utype, provinces[pcode], pcode, district_name[dcode], dcode, None, REFORM, None)
        for code, text, utype, dcode, pcode in t["communes_before.csv"]
    ]
    new_provinces = {code: name(text) for code, text in t["provinces_after.csv"]}
    new = [
        (code, _unit_name(name(text), utype), utype, new_provinces[pcode], pcode, _number(lat), _number(lon), _number(area))
        for code, text, utype, pcode, lat, lon, area in t["communes_after.csv"]
    ]
    reform: dict[str, list] = {}
    for old_code, new_code, _divided, default in t["reform_mapping.csv"]:
        reform.setdefault(old_code, []).append([new_code, default == "true"])
    return old, districts, new, reform


def _ordinal(value: str) -> int | None:
    return date.fromisoformat(value).toordinal() if value else None


def _read_layer(path: Path, districts: list) -> tuple[list, set]:
    """The project's rows (history and agencies) and the codes whose history they replace."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    codes = {(fold(d[0]), fold(d[2])): (d[1], d[3]) for d in districts}
    rows, replaced = [], set()
    for r in records:
        province = split_province_name(r["province"] if "province" in r else config.PROVINCE)
        district = canonical(r["district"])
        pcode, dcode = codes.get((fold(province), fold(district)), (None, None))
        start, end = _ordinal(r["valid_from"]), _ordinal(r["valid_to"])
        if r["type"] != "agency":
            replaced.add(r["code"])
            end = REFORM if end is None else end
        rows.append((r["code"], canonical(r["name"]), r["type"], province, pcode, district, dcode, start, end, r["successor"] or None))
    return rows, replaced


def build() -> dict:
    """Read every source and return the registry's payload (plain data)."""
    old, districts, new, reform = _read_national(national.NATIONAL_DIR)
    layer, replaced = _read_layer(Path(config.UNITS_CSV), districts)
    old = [r for r in old if r[0] not in replaced] + layer
    old.sort(key=lambda r: (r[0], r[7] or 0))
    # each distinct name folded once (a province's name comes with each of its communes)
    fold_ = functools.lru_cache(maxsize=None)(fold)
    unit_key_ = functools.lru_cache(maxsize=None)(unit_key)
    loose_key_ = functools.lru_cache(maxsize=None)(loose_key)
    return {
        "old": old,
        "districts": districts,
        "new": new,
        "reform": reform,
        "library": SOURCE,
        # the matching keys, computed once here rather than at every load
        "old_keys": [(fold_(r[3]), fold_(r[5]), unit_key_(r[1]), loose_key_(r[1])) for r in old],
        "new_keys": [(fold_(r[3]), unit_key_(r[1]), loose_key_(r[1])) for r in new],
        "district_keys": [(fold_(d[0]), fold_(d[2])) for d in districts],
    }


# --- the cache ---------------------------------------------------------------------


@contextlib.contextmanager
def _no_gc():
    """Pause the cyclic garbage collector while many small tuples are made (it would scan them for nothing)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_PAYLOAD_KEYS = {"old", "districts", "new", "reform", "library", "old_keys", "new_keys", "district_keys"}


def _read_cache(path: Path, key: str) -> dict | None:
    try:
        with _no_gc():
            stored_key, payload = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(payload, dict) or set(payload) != _PAYLOAD_KEYS:
        return None
    return payload


def _write_cache(path: Path, key: str, payload: dict) -> None:
    """Write atomically (a temporary file renamed): a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump((key, payload), fh)
        os.replace(tmp, path)
    except OSError:  # a read-only install: work without the cache
        pass


def load_payload(cache: Path | None = CACHE_PATH) -> dict:
    """The registry's payload, from ``cache`` when it is current, else built (and cached)."""
    key = cache_key()
    payload = _read_cache(cache, key) if cache is not None else None
    if payload is None:
        payload = build()
        if cache is not None:
            _write_cache(cache, key, payload)
    return payload


# --- the in-memory registry ------------------------------------------------------------


class Registry:
    """The payload with its look-up indices (see :mod:`helpers.units.resolve`)."""

    def __init__(self, payload: dict):
        self.library: str = payload["library"]
        self.old_units: list[tuple] = payload["old"]
        self.districts: list[tuple] = payload["districts"]
        self.new_units: list[tuple] = payload["new"]
        self.reform: dict[str, list] = payload["reform"]
        self.new_by_code = {r[0]: r for r in self.new_units}
        self._index(payload["old_keys"], payload["new_keys"], payload["district_keys"])

    def _index(self, old_keys: list, new_keys: list, district_keys: list) -> None:
        self.old_exact: dict[tuple, list[int]] = {}
        self.old_loose: dict[tuple, list[int]] = {}
        self.by_code: dict[str, list[int]] = {}
        days: dict[tuple, set] = {}
        for i, (r, (p, d, n, loose)) in enumerate(zip(self.old_units, old_keys)):
            days.setdefault((p, d), set()).update(x for x in (r[7], r[8]) if x is not None)
            self.old_exact.setdefault((p, d, n), []).append(i)
            self.old_loose.setdefault((p, d, loose), []).append(i)
            self.by_code.setdefault(r[0], []).append(i)
        #: (province key, district key) -> the days on which one of its units began or ended, in order
        self.change_days: dict[tuple, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in days.items()}
        self.new_exact: dict[tuple, list[int]] = {}
        self.new_loose: dict[tuple, list[int]] = {}
        for i, (p, n, loose) in enumerate(new_keys):
            self.new_exact.setdefault((p, n), []).append(i)
            self.new_loose.setdefault((p, loose), []).append(i)
        self.district_index: dict[str, list[tuple]] = {}
        self.province_districts: dict[str, set[str]] = {}
        for d, (p, dk) in zip(self.districts, district_keys):
            self.district_index.setdefault(dk, []).append(d)
            self.province_districts.setdefault(p, set()).add(dk)
        self.new_provinces = sorted({p for p, _, _ in new_keys})

    def successor(self, i: int) -> int | None:
        """The row that takes over from old row ``i`` when it ends (same code or its successor's)."""
        r = self.old_units[i]
        if r[8] is None or r[8] >= REFORM or not r[9]:
            return None
        for j in self.by_code.get(r[9], ()):
            if self.old_units[j][7] == r[8]:
                return j
        return None


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry of this process (loaded once)."""
    payload = load_payload()
    with _no_gc():
        return Registry(payload)
