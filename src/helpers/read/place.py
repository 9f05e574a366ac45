"""Where a report belongs: its province, district or commune, year and part of the year.

The header block names the committee (:func:`helpers.read.committee.parse_committee`):
the province's line, then the district's (or, after 1 July 2025, the
commune's); the title gives the year and the period.  What the sheet does
not say, the caller may give (``district=``, ``province=``).  With no
province line, the province is the one whose district of that name has
the units the sheet lists, when only one has them (a warning says so);
else the sheet cannot be placed (an error names the candidates).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from .body import label_info
from .cells import cell_ref, is_blank
from .committee import parse_committee
from .layout import header_period, header_year


@dataclass(frozen=True)
class Place:
    """The place and time a report sheet covers, and the cell each part was read from."""

    province: str | None
    district: str | None
    commune: str | None
    year: int | None
    period: str
    district_at: tuple[int, int] | None = None
    #: whose report it is: "district" (a district committee's; the default), "province" (the
    #: provincial committee's, listing its commune and agency committees) or "commune" (a commune
    #: committee's own, listing its cells)
    level: str = "district"

    @property
    def needs_district(self) -> bool:
        """Whether the report's rows belong to a district (a district committee's report)."""
        return self.level == "district"

    def with_province(self, res, sheet: str, table, rows: list[list]) -> Place:
        """This place with its province inferred from the district and the units listed, if it had none."""
        if self.province is not None:
            return self
        if self.district is None:  # a commune committee's report: its commune names its province
            found = _province_of_commune(self.commune, self.year) if self.commune else ()
        else:
            found = _infer(self.district, tuple(_unit_names(res, table, rows)), self.year)
        at = cell_ref(*self.district_at) if self.district_at else "A1"
        if len(found) == 1:
            res.add("province_inferred", "warning", sheet, at, district=self.district or self.commune, province=found[0])
            return replace(self, province=found[0])
        candidates = found or _candidates(self.district, self.year)
        res.add("no_province", "error", sheet, at, district=self.district or self.commune,
                candidates=", ".join(candidates) or "–")
        return self


def place_of(options, rows: list[list], top: int, sheet: str, lines) -> Place:
    """The place a sheet's header block and title name, the caller's options filling the gaps."""
    year = header_year(rows, top, sheet, lines=lines)
    committee = _committee(tuple(lines), year)
    province = committee.province or options.province
    level = committee.level if committee.level in ("province", "commune") else "district"
    district = committee.district or (options.district if level == "district" else None)
    commune = committee.commune
    if province is not None and year is not None:
        if district is not None:
            district = _district(province, district, year)
        if commune is not None:
            commune = _commune(province, commune, committee.commune_type, year)
    return Place(province, district, commune, year, header_period(rows, top, lines=lines), committee.district_at, level)


@functools.lru_cache(maxsize=4096)
def _committee(lines: tuple, year: int | None):
    """:func:`parse_committee`, remembered: the sheets of one template share their header block."""
    return parse_committee(lines, year=year)


@functools.lru_cache(maxsize=4096)
def _commune(province: str, commune: str, commune_type: str | None, year: int) -> str:
    """The registry's name of the commune whose committee reported, or the name as written."""
    from ..units import resolve_unit

    found = resolve_unit(province, None, commune, commune_type, year)
    return found.name if found is not None and not found.approximate else commune


@functools.lru_cache(maxsize=4096)
def _district(province: str, district: str, year: int) -> str:
    """The registry's spelling of a district of the province, or the name as written."""
    from ..units import resolve_district

    found = {m.district for m in resolve_district(province, district, year)}
    return found.pop() if len(found) == 1 else district


def _unit_names(res, table, rows: list[list]) -> list[str]:
    uc = table.unit_col
    out = []
    for row in rows[table.data_start:]:
        raw = row[uc] if uc < len(row) else None
        if is_blank(raw) or label_info(raw)[1] is not None:
            continue
        out.append(res.names.text(raw).name)
    return out


@functools.lru_cache(maxsize=1024)
def _infer(district: str, names: tuple[str, ...], year: int) -> tuple[str, ...]:
    from ..units import infer_province

    return tuple(infer_province(district, names, year))


@functools.lru_cache(maxsize=1024)
def _province_of_commune(commune: str, year: int) -> tuple[str, ...]:
    from ..units import resolve_unit

    found = resolve_unit(None, None, commune, None, year)
    return (found.province,) if found is not None and not found.approximate else ()


def _candidates(district: str | None, year: int) -> list[str]:
    if district is None:
        return []
    from ..units import resolve_district

    return list(dict.fromkeys(m.province for m in resolve_district(None, district, year)))
