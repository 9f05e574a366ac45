"""The national data set kept in ``data/reference/national/``: its files, and their regeneration.

The registry (:mod:`helpers.units.registry`) reads six plain CSV files, the
part of the ``vietnamadminunits`` data set (MIT) it needs, extracted from
the library's bundled data files and kept in this repository:

=========================  ==================================================
``provinces_before.csv``   the 63 provinces before 1 July 2025
``districts_before.csv``   the 696 district-level units before 1 July 2025
``communes_before.csv``    the 10,035 commune-level units before 1 July 2025
``provinces_after.csv``    the 34 provinces from 1 July 2025
``communes_after.csv``     the 3,321 commune-level units from 1 July 2025
``reform_mapping.csv``     old commune → new commune(s) of 1 July 2025
=========================  ==================================================

:data:`FILES` gives each file's columns.  Every file is UTF-8 with a header
row and ``\\n`` line ends, sorted by code; every name is canonical (NFC,
classic tone placement, :func:`helpers.text.canonical`); types are the
project's words (``commune``, ``ward``, ``town``, ``special_zone``; a
district's ``kind`` is ``huyện``, ``quận``, ``thị xã`` or ``thành phố``).

``python -m helpers registry-data`` rewrites them from the library's
``data/dataset.db`` (SQLite) and ``data/converter_2025.json``.  Only those
two files are read, never the library's code, so
``pip install --no-deps vietnamadminunits==1.0.4`` is all it needs (the
library's own dependencies are not wanted).  Nothing changed, nothing is
rewritten: the bytes are the same.

Examples
--------
>>> tables = read_tables()
>>> [len(tables[name]) for name in FILES]
[63, 696, 10035, 34, 3321, 10597]
>>> [d for d in tables["districts_before.csv"] if d[0] == "073"]
[('073', 'Chiêm Hóa', 'huyện', '08')]
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from .. import config
from ..text import canonical

#: The folder of the vendored files.
NATIONAL_DIR = config.REFERENCE_DIR / "national"
LIBRARY = "vietnamadminunits"
#: The library version the vendored files were extracted from (``README.md`` there says the same).
LIBRARY_VERSION = "1.0.4"

#: File name → its columns (the header row), in the order the registry reads them.
FILES: dict[str, tuple[str, ...]] = {
    "provinces_before.csv": ("code", "name"),
    "districts_before.csv": ("code", "name", "kind", "province_code"),
    "communes_before.csv": ("code", "name", "type", "district_code", "province_code"),
    "provinces_after.csv": ("code", "name"),
    "communes_after.csv": ("code", "name", "type", "province_code", "lat", "lon", "area_km2"),
    "reform_mapping.csv": ("old_code", "new_code", "divided", "default"),
}

_WARD_TYPES = {"Xã": "commune", "Phường": "ward", "Thị trấn": "town", "Đặc khu": "special_zone"}
_DISTRICT_KINDS = {"Huyện": "huyện", "Quận": "quận", "Thị xã": "thị xã", "Thành phố": "thành phố"}
_FLAG = {True: "true", False: "false"}


# --- reading ----------------------------------------------------------------------


def read_tables(folder: str | Path = NATIONAL_DIR) -> dict[str, list[tuple[str, ...]]]:
    """Every vendored file's rows (tuples of text, header row checked and left out).

    Raises
    ------
    ValueError
        When a file's header is not the one :data:`FILES` gives.
    """
    folder = Path(folder)
    out = {}
    for name, columns in FILES.items():
        path = folder / name
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = tuple(next(reader, ()))
            if header != columns:
                raise ValueError(f"{path}: the header is {','.join(header)!r}, expected {','.join(columns)!r}")
            out[name] = [tuple(row) for row in reader]
    return out


# --- extracting from the library's data files ------------------------------------------


def _one(seen: dict, code: str, value: tuple, what: str) -> None:
    """Record ``value`` under ``code``; a code seen with another value is an error."""
    if seen.setdefault(code, value) != value:
        raise ValueError(f"the library's data set gives {what} {code} twice: {seen[code]} and {value}")


def _word(table: dict[str, str], word: str | None, code: str) -> str:
    if word not in table:
        raise ValueError(f"unit {code}: unknown administrative word {word!r} in the library's data set")
    return table[word]


def _legacy(rows: list[tuple]) -> tuple[dict, dict, dict, dict, dict]:
    """Provinces, districts, communes (by code) before 1 July 2025; the library's key → code; island districts."""
    provinces: dict = {}
    districts: dict = {}
    communes: dict = {}
    keys: dict[str, str] = {}
    without_communes: dict[str, str] = {}
    for prov, pcode, dist, dcode, dtype, ward, wtype, code, pk, dk, wk in rows:
        _one(provinces, pcode, (canonical(prov),), "province")
        _one(districts, dcode, (canonical(dist), _word(_DISTRICT_KINDS, dtype, dcode), pcode), "district")
        if code is None:  # an island district without communes
            without_communes[f"{pk}_{dk}_"] = dcode
            continue
        _one(communes, code, (canonical(ward), _word(_WARD_TYPES, wtype, code), dcode, pcode), "commune")
        keys[f"{pk}_{dk}_{wk}"] = code
    return provinces, districts, communes, keys, without_communes


def _after(rows: list[tuple]) -> tuple[dict, dict, dict]:
    """Provinces and communes (by code) from 1 July 2025; the library's (province key, ward key) → code."""
    provinces: dict = {}
    communes: dict = {}
    keys: dict[tuple[str, str], str] = {}
    for prov, pcode, ward, wtype, code, lat, lon, area, pk, wk in rows:
        _one(provinces, pcode, (canonical(prov),), "province")
        values = tuple("" if v is None else repr(float(v)) for v in (lat, lon, area))
        _one(communes, code, (canonical(ward), _word(_WARD_TYPES, wtype, code), pcode, *values), "commune")
        keys[(pk, wk)] = code
    return provinces, communes, keys


def _pairs(data: dict) -> list[tuple[str, str, str, bool]]:
    """(new province key, old key, new ward key, is default) of the library's mapping, both halves."""
    pairs = [(p, old, new, True) for p, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
             for new, olds in wards.items() for old in olds]
    pairs += [(p, old, t["newWardKey"], bool(t["isDefaultNewWard"])) for p, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items()
              for old, targets in olds.items() for t in targets]
    return pairs


def _mapping(data: dict, old_keys: dict, new_keys: dict, without_communes: dict, districts: dict) -> tuple[list, list]:
    """The mapping rows (old code, new code, divided, default), and the lines left out.

    Left out: a line from an island district without communes to its new
    unit, as (district code, district name, new code); the registry maps
    communes.
    """
    targets: dict[str, dict[str, bool]] = {}
    left_out = []
    for prov, old, new, default in _pairs(data):
        if (prov, new) not in new_keys:
            raise ValueError(f"the library's mapping names a new unit it does not list: {prov} {new}")
        if old in without_communes:
            dcode = without_communes[old]
            left_out.append((dcode, districts[dcode][0], new_keys[(prov, new)]))
            continue
        if old not in old_keys:
            raise ValueError(f"the library's mapping names an old unit it does not list: {old}")
        _one(targets.setdefault(old_keys[old], {}), new_keys[(prov, new)], default, f"the line {old} →")
    rows = []
    for old_code, news in targets.items():
        if sum(news.values()) != 1:
            raise ValueError(f"old unit {old_code} has {sum(news.values())} default new units, not one")
        rows += [(old_code, code, _FLAG[len(news) > 1], _FLAG[default]) for code, default in news.items()]
    return sorted(rows), sorted(left_out)


def extract(data_dir: str | Path) -> tuple[dict[str, list[tuple[str, ...]]], list[tuple[str, str, str]]]:
    """The vendored tables, rebuilt from the library's data folder, and the mapping lines left out.

    The library maps its five island districts without communes (Bạch Long
    Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) to new units; those lines are
    left out, as ``(district code, district name, new code)``: the
    registry maps communes.

    Parameters
    ----------
    data_dir : path
        The library's ``data`` folder, holding ``dataset.db`` and
        ``converter_2025.json``.

    Raises
    ------
    FileNotFoundError, ValueError
        A file is missing, or the data set contradicts itself (a code given
        twice with different names, a mapping line naming a unit it does not
        list, an old unit without exactly one default new unit).
    """
    import json
    import sqlite3
    from contextlib import closing

    data_dir = Path(data_dir)
    db, mapping = data_dir / "dataset.db", data_dir / "converter_2025.json"
    for path in (db, mapping):
        if not path.is_file():
            raise FileNotFoundError(f"{path}: not found (the {LIBRARY} library's data files are needed)")
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        legacy = conn.execute(
            "SELECT provinceShort, provinceCode, districtShort, districtCode, districtType, wardShort, wardType,"
            " wardCode, provinceKey, districtKey, wardKey FROM admin_units_legacy").fetchall()
        after = conn.execute(
            "SELECT provinceShort, provinceCode, wardShort, wardType, wardCode, wardLat, wardLon, wardAreaKm2,"
            " provinceKey, wardKey FROM admin_units").fetchall()
    provinces, districts, communes, old_keys, without_communes = _legacy(legacy)
    new_provinces, new_communes, new_keys = _after(after)
    data = json.loads(mapping.read_text(encoding="utf-8"))
    reform, left_out = _mapping(data, old_keys, new_keys, without_communes, districts)
    tables = {
        "provinces_before.csv": provinces,
        "districts_before.csv": districts,
        "communes_before.csv": communes,
        "provinces_after.csv": new_provinces,
        "communes_after.csv": new_communes,
    }
    out = {name: [(code, *values) for code, values in sorted(t.items())] for name, t in tables.items()}
    out["reform_mapping.csv"] = reform
    return out, left_out


# --- writing --------------------------------------------------------------------------


def render(name: str, rows: list[tuple[str, ...]]) -> bytes:
    """A vendored file's bytes: UTF-8, header row, ``\\n`` line ends.

    >>> render("provinces_after.csv", [("08", "Tuyên Quang")]).decode()
    'code,name\\n08,Tuyên Quang\\n'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FILES[name])
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_tables(tables: dict[str, list[tuple[str, ...]]], folder: str | Path = NATIONAL_DIR, *, check: bool = False) -> list[str]:
    """Write each table whose bytes differ from its file; return the names that differed.

    With ``check``, nothing is written (the names are those that would be).
    """
    folder = Path(folder)
    changed = []
    for name in FILES:
        data = render(name, tables[name])
        path = folder / name
        if path.is_file() and path.read_bytes() == data:
            continue
        changed.append(name)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return changed


# --- the command ------------------------------------------------------------------------


def installed_data_dir() -> Path:
    """The installed library's ``data`` folder, found without importing the library.

    Raises
    ------
    LookupError
        ``LookupError("missing")`` when the library is not installed,
        ``LookupError("version", v)`` when it is version ``v``, not
        :data:`LIBRARY_VERSION`.
    """
    from importlib import metadata
    from importlib.util import find_spec

    spec = find_spec(LIBRARY)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("missing")
    version = metadata.version(LIBRARY)
    if version != LIBRARY_VERSION:
        raise LookupError("version", version)
    return Path(list(spec.submodule_search_locations)[0]) / "data"


_MESSAGES = {
    "vi": {
        "same": "{out}: sáu tệp đã đúng với dữ liệu của thư viện, không ghi lại.",
        "wrote": "{out}: đã ghi {files}.",
        "differ": "{out}: khác với dữ liệu của thư viện: {files}.",
        "left_out": "Không chép dòng ánh xạ của {code} {name} (huyện không có xã) sang đơn vị mới {new}.",
        "missing": f"Chưa cài {LIBRARY}: pip install --no-deps {LIBRARY}=={LIBRARY_VERSION} (chỉ cần các tệp dữ liệu của nó).",
        "version": f"Đã cài {LIBRARY} {{version}}, còn các tệp đang giữ được lấy từ bản {LIBRARY_VERSION}. Muốn chuyển sang "
                   "{version}: sửa LIBRARY_VERSION trong helpers/units/national.py và data/reference/national/README.md.",
        "error": "Không dùng được dữ liệu của thư viện: {error}",
    },
    "en": {
        "same": "{out}: the six files already match the library's data; nothing rewritten.",
        "wrote": "{out}: wrote {files}.",
        "differ": "{out}: differs from the library's data: {files}.",
        "left_out": "Left out the mapping line of {code} {name} (a district without communes) to new unit {new}.",
        "missing": f"{LIBRARY} is not installed: pip install --no-deps {LIBRARY}=={LIBRARY_VERSION} (only its data files are needed).",
        "version": f"{LIBRARY} {{version}} is installed; the vendored files are those of {LIBRARY_VERSION}. To move to "
                   "{version}, change LIBRARY_VERSION in helpers/units/national.py and data/reference/national/README.md.",
        "error": "The library's data cannot be used: {error}",
    },
}


def cli(argv: list[str] | None = None) -> int:
    """``python -m helpers registry-data [--library DIR] [--out DIR] [--check]``: rewrite the vendored files."""
    from .._cli import make_parser, parse

    parser = make_parser(
        "registry-data",
        f"Rewrite data/reference/national/ from the {LIBRARY} library's data files (dataset.db, converter_2025.json). "
        f"Only those files are read, never the library's code: pip install --no-deps {LIBRARY}=={LIBRARY_VERSION} "
        "is enough. Files whose content is unchanged are not rewritten.")
    parser.add_argument("--library", metavar="DIR", help=f"the library's data folder (default: that of the installed {LIBRARY})")
    parser.add_argument("--out", default=str(NATIONAL_DIR), help="folder to write (default: data/reference/national)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file differs from the library's data")
    args = parse(parser, argv)
    msg = _MESSAGES[args.lang]
    try:
        tables, left_out = extract(Path(args.library) if args.library else installed_data_dir())
    except LookupError as exc:
        print(msg[exc.args[0]].format(version=exc.args[-1]), file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(msg["error"].format(error=exc), file=sys.stderr)
        return 2
    for code, name, new in left_out:
        print(msg["left_out"].format(code=code, name=name, new=new))
    changed = write_tables(tables, args.out, check=args.check)
    key = "same" if not changed else ("differ" if args.check else "wrote")
    print(msg[key].format(out=args.out, files=", ".join(changed)))
    return 1 if args.check and changed else 0
