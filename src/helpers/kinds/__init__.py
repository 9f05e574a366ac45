"""The report kinds: each declared once, in one module of this package.

Every stage takes its kinds from here: the schema (the tidy tables and
their dtypes), the reader (headings, required figures, rules, message
words), the sheet writer and the templates (layouts), the export and
:class:`helpers.read.Reports`.  A kind is a :class:`Kind`
(:mod:`helpers.kinds.declare`); the four kinds of the data contract are
:mod:`~helpers.kinds.admissions`, :mod:`~helpers.kinds.ratings`,
:mod:`~helpers.kinds.placements` and :mod:`~helpers.kinds.breakthrough_tasks`.
A new kind is declared in a module of its own and :func:`register`-ed; no
other module changes.  The official statistical forms (criteria in rows,
one committee's figures) are declared in :mod:`helpers.kinds.forms` and
read into one more tidy table, ``form_rows``: :func:`tables` lists every
tidy table, :func:`dtypes` gives any table's columns.

Examples
--------
>>> names()
('admissions', 'ratings', 'placements', 'breakthrough_tasks')
>>> get("admissions").label["en"]
'admissions'
>>> classify("admissions", ("Kết quả kết nạp", "DTTS")).field
'ethnic_minority'
>>> tables()[-1], list(dtypes("form_rows"))[9:12]
('form_rows', ['form', 'section', 'criterion'])
"""

from __future__ import annotations

import functools
import importlib

from .declare import CELL_TYPES, COMMON, Column, Heading, Kind, LevelCounts, OneLevel, PartOfWhole
from .vocabulary import NOT_FIGURES, header_key

__all__ = [
    "CELL_TYPES",
    "COMMON",
    "Column",
    "Heading",
    "Kind",
    "LevelCounts",
    "OneLevel",
    "PartOfWhole",
    "classify",
    "dtypes",
    "get",
    "kinds",
    "names",
    "register",
    "tables",
    "unregister",
]

#: The modules declaring the built-in kinds, in the order kinds are tried.
BUILTIN = ("admissions", "ratings", "placements", "breakthrough_tasks")

_REGISTRY: dict[str, Kind] = {}
_loaded = False
_generation = 0


def _ensure() -> dict[str, Kind]:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in BUILTIN:
            kind = importlib.import_module(f"{__name__}.{module}").KIND
            _REGISTRY.setdefault(kind.name, kind)
    return _REGISTRY


def register(kind: Kind) -> Kind:
    """Add a kind (after the built-in ones); its name must be new.

    >>> k = Kind(name="demo", label={"vi": "thử", "en": "demo"}, expected={"vi": "Số", "en": "Số"},
    ...          title="THỬ", title_words=("thử",), tidy={"n": "Int64"},
    ...          columns=(Column("n", Heading(("Số",))),))
    >>> _ = register(k); "demo" in names()
    True
    >>> unregister("demo"); "demo" in names()
    False
    """
    registry = _ensure()
    if kind.name in registry:
        raise ValueError(f"a report kind named {kind.name!r} is already registered")
    registry[kind.name] = kind
    _changed()
    return kind


def unregister(name: str) -> None:
    """Remove a kind that :func:`register` added (the built-in ones stay)."""
    if name in BUILTIN:
        raise ValueError(f"{name!r} is a built-in report kind")
    _ensure().pop(name, None)
    _changed()


def _changed() -> None:
    global _generation
    _generation += 1
    classify.cache_clear()


def generation() -> int:
    """A number that changes whenever a kind is registered or removed (for caches keyed on kinds)."""
    return _generation


def get(name: str) -> Kind:
    """The kind named ``name``."""
    registry = _ensure()
    try:
        return registry[name]
    except KeyError:
        raise ValueError(f"kind must be one of {', '.join(registry)}; got {name!r}") from None


def kinds() -> tuple[Kind, ...]:
    """Every registered kind, in the order they are tried."""
    return tuple(_ensure().values())


def names() -> tuple[str, ...]:
    """The names of the registered kinds (the tidy tables)."""
    return tuple(_ensure())


@functools.lru_cache(maxsize=16384)
def classify(kind: str, path: tuple[str, ...]) -> Column | None:
    """The column a header path means in a report of ``kind``, or ``None``.

    A column of people's names ("Họ và tên …") or of rates ("Tỷ lệ …
    (%)") is never a figure.

    >>> classify("breakthrough_tasks", ("Họ và tên cán bộ được giao",)) is None
    True
    >>> c = classify("ratings", ("Đảng viên", "Hoàn thành xuất sắc nhiệm vụ"))
    >>> c.field, c.part, c.cell
    ('members', 'excellent', 'count')
    """
    key = header_key(path)
    if any(f" {w} " in key for w in NOT_FIGURES):
        return None
    leaf = header_key(path[-1:])
    for column in get(kind).columns:
        if column.matches(key, leaf):
            return column
    return None


def of_title(title: str) -> str | None:
    """The kind a (folded) title names, or ``None``."""
    for kind in kinds():
        if any(w in title for w in kind.title_words):
            return kind.name
    return None


def tables() -> tuple[str, ...]:
    """Every tidy table: one per report kind, then the forms' ``form_rows``."""
    from . import forms

    return (*names(), forms.TABLE)


def dtypes(table: str) -> dict[str, object]:
    """The columns of any tidy table (a kind's or ``form_rows``), the common ones first, and their dtypes."""
    from . import forms

    if table == forms.TABLE:
        return {**COMMON, **forms.tidy()}
    return get(table).dtypes
