"""The unit registry: the country's provinces, districts and communes over time.

Modules
-------
:mod:`~helpers.units.history`
    The project's own layer, ``data/reference/units.csv`` (the bundled
    province's units with their history since 2015, and its made-up
    agencies): :func:`load_units`, :func:`units_in`, :func:`known_unit_type`,
    :func:`district_names`.
:mod:`~helpers.units.registry`
    The national registry, built once from the ``vietnamadminunits`` data
    set with the project's layer over it, and cached on disk.
:mod:`~helpers.units.resolve`
    Names in a report → registry units: :func:`resolve_unit`,
    :func:`resolve_district`, :func:`infer_province`.
:mod:`~helpers.units.boundaries`
    :func:`to_boundaries`: a table on a chosen year's units or on those of
    1 July 2025.
:mod:`~helpers.units.reform`
    The 1 July 2025 reform as tables: :func:`reform_mapping`,
    :func:`units_2025`.

Examples
--------
>>> len(units_in("Chiêm Hóa", 2020, kinds=("commune", "town")))
26
>>> resolve_unit("Hà Nội", "Ba Đình", "Phúc Xá", "ward", 2024).unit_code
'00001'
>>> sorted(reform_mapping(province="Tuyên Quang").query("old_district == 'Chiêm Hóa'")["new_name"].unique())[:3]
['Chiêm Hóa', 'Hòa An', 'Kim Bình']
"""

from .boundaries import to_boundaries
from .history import COMMUNE_LEVEL, UNIT_COLUMNS, district_names, known_unit_type, load_units, units_in
from .reform import reform_mapping, units_2025
from .resolve import DistrictMatch, UnitMatch, infer_province, resolve_district, resolve_unit

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
