"""Placements of commune key cadres (bố trí cán bộ chủ chốt cấp xã): who is not local."""

from __future__ import annotations

from .declare import Column, Heading, Kind, PartOfWhole

_NON_LOCAL = ("Không phải người địa phương", "Không phải người tại chỗ")
_VICE = ("Phó Chủ tịch", "PCT")
_SECRETARY = ("Bí thư",)


def _post(field: str, group: str, leaf: str, heading: Heading, cell: str, label: str) -> Column:
    return Column(field, heading, cell=cell, label=label,
                  template={1: (group, leaf), 2: (group, leaf), 3: ("key_posts", group, leaf)},
                  flat="Số {0}" if leaf == "number_of" else "{0} {1}")


def _officials(field: str, leaf: str, heading: Heading, label: str) -> Column:
    flat = "Số {0}" if leaf == "total" else "{1}"
    return Column(field, heading, label=label, template={d: ("officials", leaf) for d in (1, 2, 3)}, flat=flat)


KIND = Kind(
    name="placements",
    label={"vi": "bố trí cán bộ chủ chốt", "en": "placements"},
    expected={
        "vi": "Bí thư đảng ủy, Chủ tịch UBND, Phó Chủ tịch UBND hoặc Cán bộ, công chức xã là đảng viên",
        "en": "Bí thư đảng ủy, Chủ tịch UBND, Phó Chủ tịch UBND or Cán bộ, công chức xã là đảng viên",
    },
    title="KẾT QUẢ BỐ TRÍ CÁN BỘ CHỦ CHỐT CẤP XÃ",
    title_words=("bố trí", "cán bộ chủ chốt"),
    tidy={
        "secretary_non_local": "boolean",
        "secretary_chairs_pc": "boolean",
        "pc_chair_non_local": "boolean",
        "pc_vice_chairs": "Int64",
        "pc_vice_chairs_non_local": "Int64",
        "officials_members": "Int64",
        "officials_in_village_cells": "Int64",
        "officials_in_village_committees": "Int64",
    },
    columns=(
        _post("pc_vice_chairs_non_local", "pc_vice", "non_local", Heading(_VICE, _NON_LOCAL), "count",
              "Phó Chủ tịch UBND / Không phải người địa phương"),
        _post("pc_vice_chairs", "pc_vice", "number_of", Heading(_VICE), "count", "Phó Chủ tịch UBND / Số lượng"),
        _post("secretary_chairs_pc", "secretary", "chairs_pc", Heading(_SECRETARY, ("Đồng thời", "Kiêm", "Chủ tịch")),
              "bool", "Bí thư đảng ủy / Đồng thời là Chủ tịch UBND"),
        _post("secretary_non_local", "secretary", "non_local", Heading(_SECRETARY, _NON_LOCAL), "bool",
              "Bí thư đảng ủy / Không phải người địa phương"),
        # any other "Bí thư" heading is none of the columns below
        _post("pc_chair_non_local", "pc_chair", "non_local", Heading(("Chủ tịch",), _NON_LOCAL, none=_SECRETARY),
              "bool", "Chủ tịch UBND / Không phải người địa phương"),
        _officials("officials_in_village_cells", "in_cells", Heading(("Sinh hoạt",), none=_SECRETARY),
                   "Sinh hoạt chi bộ thôn"),
        _officials("officials_in_village_committees", "in_committees",
                   Heading(("Tham gia cấp ủy", "Tham gia chi ủy", "Cấp ủy"), none=_SECRETARY), "Tham gia cấp ủy chi bộ thôn"),
        _officials("officials_members", "total", Heading(("Cán bộ, công chức",), none=_SECRETARY),
                   "Cán bộ, công chức xã là đảng viên / Tổng số"),
    ),
    rules=(
        PartOfWhole("pc_vice_chairs_non_local", "pc_vice_chairs"),
        PartOfWhole("officials_in_village_cells", "officials_members"),
        PartOfWhole("officials_in_village_committees", "officials_members"),
    ),
    words={
        "key_posts": ("Cán bộ chủ chốt", "Cán bộ chủ chốt", "Cán bộ chủ chốt"),
        "secretary": ("Bí thư đảng ủy", "Bí thư đảng ủy", "Bí thư đảng ủy"),
        "chairs_pc": ("Đồng thời là Chủ tịch UBND", "Đồng thời là Chủ tịch UBND", "Đồng thời là Chủ tịch Ủy ban nhân dân"),
        "pc_chair": ("Chủ tịch UBND", "Chủ tịch UBND", "Chủ tịch Ủy ban nhân dân"),
        "pc_vice": ("Phó Chủ tịch UBND", "Phó Chủ tịch UBND", "Phó Chủ tịch Ủy ban nhân dân"),
        "number_of": ("Số lượng", "Số lượng", "Số lượng"),
        "officials": ("Cán bộ, công chức xã là đảng viên", "Cán bộ, công chức xã là đảng viên",
                      "Cán bộ, công chức xã là đảng viên"),
        "in_cells": ("Sinh hoạt chi bộ thôn", "Sinh hoạt chi bộ thôn", "Sinh hoạt chi bộ thôn"),
        "in_committees": ("Tham gia cấp ủy chi bộ thôn", "Tham gia cấp ủy chi bộ thôn", "Tham gia cấp ủy chi bộ thôn"),
    },
    unit_heading="unit_commune",
    sheet_code="BT",
    instructions="Đánh dấu x vào ô có (hoặc chọn trong danh sách); ghi số lượng vào các ô số.",
    units="commune_level",
)
