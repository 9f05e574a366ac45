"""The unit registry: the country's provinces, districts and communes over time.

Modules
-------
:mod:`~helpers.units.history`
    The project's own layer, ``data/reference/units.csv`` (the bundled
    province's units with their history since 2015, and its made-up
    agencies): :func:`load_units`, :func:`units_in`, :func:`known_unit_type`,
    :func:`district_names`.
:mod:`~helpers.units.registry`
    The national registry, built once from the national data set
    (``data/reference/national/``, :mod:`~helpers.units.national`) with the
    project's layer over it, and cached on disk.
:mod:`~helpers.units.national`
    The national data set's files, and their regeneration from the
    ``vietnamadminunits`` library's data (``python -m helpers registry-data``).
:mod:`~helpers.units.resolve`
    Names in a report → registry units: :func:`resolve_unit`,
    :func:`resolve_district`, :func:`infer_province`.
:mod:`~helpers.units.boundaries`
    :func:`to_boundaries`: a table on a chosen year's units or on those of
    1 July 2025.
:mod:`~helpers.units.reform`
    The 1 July 2025 reform as tables: :func:`reform_mapping`,
    :func:`units_2025`.

Importing the package, and the look-ups the reader makes (the registry's
load, :func:`resolve_unit`, :func:`resolve_district`, :func:`infer_province`),
do not import pandas: the modules that make tables (``history``,
``boundaries``, ``reform``) are imported on first use of one of their names.

Examples
--------
>>> from helpers.units import units_in, resolve_unit, reform_mapping
>>> len(units_in("Chiêm Hóa", 2020, kinds=("commune", "town")))
26
>>> resolve_unit("Hà Nội", "Ba Đình", "Phúc Xá", "ward", 2024).unit_code
'00001'
>>> sorted(reform_mapping(province="Tuyên Quang").query("old_district == 'Chiêm Hóa'")["new_name"].unique())[:3]
['Chiêm Hóa', 'Hòa An', 'Kim Bình']
"""

from .resolve import DistrictMatch, UnitMatch, infer_province, resolve_district, resolve_unit

# name -> the module (which imports pandas) that defines it, imported on first use (PEP 562)
_LAZY = {
    "COMMUNE_LEVEL": "history",
    "UNIT_COLUMNS": "history",
    "district_names": "history",
    "known_unit_type": "history",
    "load_units": "history",
    "units_in": "history",
    "to_boundaries": "boundaries",
    "reform_mapping": "reform",
    "units_2025": "reform",
}

__all__ = [
    "COMMUNE_LEVEL",
    "UNIT_COLUMNS",
    "DistrictMatch",
    "UnitMatch",
    "district_names",
    "infer_province",
    "known_unit_type",
    "load_units",
    "reform_mapping",
    "resolve_district",
    "resolve_unit",
    "to_boundaries",
    "units_2025",
    "units_in",
]


def __getattr__(name: str):
    """The table-making names, imported from their module on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
