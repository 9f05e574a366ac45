"""The national unit registry: built once from its sources, cached on disk.

Sources, read in bulk (never one address at a time):

* the ``vietnamadminunits`` data set (its bundled SQLite file and its
  old → new JSON mapping; the package's own code is never imported): the
  63 provinces, 696 district-level units and 10,035 commune-level units in
  force from 1 January to 30 June 2025, the 34 provinces and 3,321
  commune-level units from 1 July 2025, and which new unit(s) each old one
  went into (a divided one: several, one of them the default);
* the project's own layer, ``data/reference/units.csv``: for the units it
  lists (by GSO code), their history before 2025 (mergers, transfers,
  renamings, each row with its dates), which replaces the library's single
  snapshot of those codes; and the made-up agencies of the bundled data.

The built registry is a few plain tuples and dicts.  It is written with
:mod:`marshal` to ``build/cache/units-registry.marshal`` together with a
key made of the sources' sizes, times and contents' digests; a cache whose
key differs, or that cannot be read, is ignored and written anew.  Loading
from the cache takes a few tens of milliseconds (``bench/bench_registry.py``).

Examples
--------
>>> reg = registry()
>>> len(reg.old_units) > 10_000, len(reg.new_units)
(True, 3321)
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import marshal
import os
import sqlite3
import tempfile
from datetime import date
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import pandas as pd

from .. import config
from ..text import canonical, fold, loose_key, split_province_name

#: First day of the post-reform units (Nghị quyết 202/2025/QH15, 1684/NQ-UBTVQH15 …).
REFORM = date(2025, 7, 1).toordinal()
#: Format of the cache file; bump when the payload changes shape.
CACHE_FORMAT = 3
CACHE_PATH = config.BUILD_DIR / "cache" / "units-registry.marshal"

LIBRARY = "vietnamadminunits"
_WARD_TYPES = {"Xã": "commune", "Phường": "ward", "Thị trấn": "town", "Đặc khu": "special_zone"}
_DISTRICT_KINDS = {"Huyện": "huyện", "Quận": "quận", "Thị xã": "thị xã", "Thành phố": "thành phố"}

# Row layouts of the payload (tuples, for marshal):
# old unit: code, name, type, province, province_code, district, district_code,
#           start (ordinal or None), end (ordinal or None), successor code or None
# district: province, province_code, district, district_code, kind
# new unit: code, name, type, province, province_code, lat, lon, area_km2
OLD_FIELDS = ("code", "name", "type", "province", "province_code", "district", "district_code", "start", "end", "successor")
NEW_FIELDS = ("code", "name", "type", "province", "province_code", "lat", "lon", "area_km2")


def _library_dir() -> Path:
    spec = find_spec(LIBRARY)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the unit registry needs the {LIBRARY} package (pip install {LIBRARY})")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _sources() -> list[Path]:
    data = _library_dir()
    return [data / "dataset.db", data / "converter_2025.json", Path(config.UNITS_CSV)]


def cache_key(sources: list[Path] | None = None) -> str:
    """The digest naming one state of the sources (and of this code's payload format)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{metadata.version(LIBRARY)}".encode())
    for path in sources or _sources():
        st = path.stat()
        digest.update(f"|{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
        if path.suffix == ".csv":
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- building -------------------------------------------------------------------


def _name(short: str | None) -> str:
    return canonical(short or "")


def _read_library(db: Path) -> tuple[list, list, list, dict, dict]:
    """Old units, districts, new units, and the key → code maps of both sides."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        old_rows = conn.execute(
            "SELECT provinceShort, provinceCode, districtShort, districtCode, districtType, wardShort, wardType,"
            " wardCode, provinceKey, districtKey, wardKey FROM admin_units_legacy ORDER BY wardCode"
        ).fetchall()
        new_rows = conn.execute(
            "SELECT provinceShort, provinceCode, wardShort, wardType, wardCode, wardLat, wardLon, wardAreaKm2,"
            " provinceKey, wardKey FROM admin_units ORDER BY wardCode"
        ).fetchall()
    old, districts, old_keys = [], {}, {}
    for prov, pcode, dist, dcode, dtype, ward, wtype, code, pk, dk, wk in old_rows:
        districts.setdefault(dcode, (_name(prov), pcode, _name(dist), dcode, _DISTRICT_KINDS[dtype]))
        if ward is None:  # an island district without communes
            continue
        old.append((code, _name(ward), _WARD_TYPES[wtype], _name(prov), pcode, _name(dist), dcode, None, REFORM, None))
        old_keys[f"{pk}_{dk}_{wk}"] = code
    new, new_keys = [], {}
    for prov, pcode, ward, wtype, code, lat, lon, area, pk, wk in new_rows:
        new.append((code, _name(ward), _WARD_TYPES[wtype], _name(prov), pcode, lat, lon, area))
        new_keys[(pk, wk)] = code
    return old, sorted(districts.values(), key=lambda d: d[3]), new, old_keys, new_keys


def _read_mapping(path: Path, old_keys: dict, new_keys: dict) -> dict[str, list]:
    """Old commune code → [[new code, is default], …] (several for a divided commune)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    mapping: dict[str, list] = {}
    for new_prov, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                if old in old_keys and (new_prov, new_ward) in new_keys:
                    mapping.setdefault(old_keys[old], []).append([new_keys[(new_prov, new_ward)], True])
    for new_prov, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for t in targets:
                if old in old_keys and (new_prov, t["newWardKey"]) in new_keys:
                    mapping.setdefault(old_keys[old], []).append([new_keys[(new_prov, t["newWardKey"])], bool(t["isDefaultNewWard"])])
    return mapping


def _ordinal(value: str) -> int | None:
    return date.fromisoformat(value).toordinal() if value else None


def _read_layer(path: Path, districts: list) -> tuple[list, set]:
    """The project's rows (history and agencies) and the codes whose history they replace."""
    frame = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")
    if "province" not in frame.columns:
        frame["province"] = config.PROVINCE
    codes = {(fold(d[0]), fold(d[2])): (d[1], d[3]) for d in districts}
    rows, replaced = [], set()
    for r in frame.itertuples(index=False):
        province, district = split_province_name(r.province), canonical(r.district)
        pcode, dcode = codes.get((fold(province), fold(district)), (None, None))
        start, end = _ordinal(r.valid_from), _ordinal(r.valid_to)
        if r.type != "agency":
            replaced.add(r.code)
            end = REFORM if end is None else end
        rows.append((r.code, canonical(r.name), r.type, province, pcode, district, dcode, start, end, r.successor or None))
    return rows, replaced


def build() -> dict:
    """Read every source and return the registry's payload (plain data)."""
    db, mapping_json, layer_csv = _sources()
    old, districts, new, old_keys, new_keys = _read_library(db)
    layer, replaced = _read_layer(layer_csv, districts)
    old = [r for r in old if r[0] not in replaced] + layer
    old.sort(key=lambda r: (r[0], r[7] or 0))
    return {
        "old": old,
        "districts": districts,
        "new": new,
        "reform": _read_mapping(mapping_json, old_keys, new_keys),
        "library": f"{LIBRARY} {metadata.version(LIBRARY)}",
        # the matching keys, computed once here rather than at every load
        "old_keys": [(fold(r[3]), fold(r[5]), fold(r[1]), loose_key(r[1])) for r in old],
        "new_keys": [(fold(r[3]), fold(r[1]), loose_key(r[1])) for r in new],
        "district_keys": [(fold(d[0]), fold(d[2])) for d in districts],
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
        for i, (r, (p, d, n, loose)) in enumerate(zip(self.old_units, old_keys)):
            self.old_exact.setdefault((p, d, n), []).append(i)
            self.old_loose.setdefault((p, d, loose), []).append(i)
            self.by_code.setdefault(r[0], []).append(i)
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
