"""Admissions of new members (kết nạp đảng viên) against the annual target (data contract §2)."""

from __future__ import annotations

from .declare import Column, Heading, Kind, PartOfWhole

_GROUP = "adm_group"


def _breakdown(field: str, words: tuple[str, ...], label: str) -> Column:
    return Column(field, Heading(words), label=label,
                  template={1: (field,), 2: (_GROUP, field), 3: (_GROUP, "of_which", field)})


KIND = Kind(
    name="admissions",
    label={"vi": "kết nạp đảng viên", "en": "admissions"},
    expected={"vi": "Kết quả kết nạp (Tổng số)", "en": "Kết quả kết nạp (Tổng số), the number admitted"},
    title="KẾT QUẢ KẾT NẠP ĐẢNG VIÊN",
    title_words=("kết nạp",),
    tidy={f: "Int64" for f in ("target", "admitted", "female", "ethnic_minority", "youth_union", "religious")},
    columns=(
        Column("target", Heading(("Chỉ tiêu",)), label="Chỉ tiêu năm", warn_blank=False,
               template={1: ("target",), 2: ("target",), 3: ("target",)}),
        _breakdown("female", ("Nữ",), "Nữ"),
        _breakdown("ethnic_minority", ("Dân tộc thiểu số", "Dân tộc ít người", "DT thiểu số", "DT ít người"),
                   "Dân tộc thiểu số"),
        _breakdown("youth_union", ("Đoàn viên", "ĐVTN"), "Đoàn viên"),
        _breakdown("religious", ("Tôn giáo", "Người có đạo", "Có đạo"), "Tôn giáo"),
        # "Kết quả kết nạp" over "Tổng số"; the group's own words stand for it only written alone (a
        # one-row header): over a sub-heading no other column knows they are no total
        Column("admitted", (Heading(("Tổng số",)), Heading(("Kết nạp",), ("Tổng", "Số lượng", "Cộng")),
                            Heading(("Kết nạp",), leaf=True)),
               label="Kết quả kết nạp / Tổng số",
               template={1: (_GROUP,), 2: (_GROUP, "total"), 3: (_GROUP, "total")}),
    ),
    requires=("admitted",),
    rules=tuple(PartOfWhole(p, "admitted") for p in ("female", "ethnic_minority", "youth_union", "religious")),
    words={
        "target": ("Chỉ tiêu năm", "Chỉ tiêu năm", "Chỉ tiêu nghị quyết"),
        _GROUP: ("Kết quả kết nạp", "Kết quả kết nạp", "Số đảng viên kết nạp"),
        "female": ("Nữ", "Nữ", "Nữ"),
        "ethnic_minority": ("Dân tộc thiểu số", "DTTS", "Dân tộc thiểu số"),
        "youth_union": ("Đoàn viên", "Đoàn viên", "Đoàn viên thanh niên"),
        "religious": ("Tôn giáo", "Tôn giáo", "Người có đạo"),
    },
    sheet_code="KN",
    instructions="Ghi chỉ tiêu kết nạp năm theo nghị quyết và số đảng viên đã kết nạp trong năm; "
    "các cột Nữ, Dân tộc thiểu số, Đoàn viên, Tôn giáo không lớn hơn Tổng số.",
)
