"""Biểu 2B: Đảng viên mới kết nạp chia theo dân tộc, tôn giáo.

Columns: TT | Tên dân tộc, tôn giáo | Tổng số | Trong đó: nữ | Tỷ lệ (%),
often as two tables side by side (ethnicities, religions).  "Trong đó: nữ"
gives each row's "of whom" women (criterion ``<key>.female``).  The
ethnicities listed are those of the northern mountain provinces; another
is a row to add here ("Dân tộc khác" takes the rest meanwhile).
"""

from __future__ import annotations

from ..formdecl import Form, FormColumn, FormRow, FormSection

R = FormRow


def _group(prefix: str, names: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[FormRow, ...]:
    return tuple(R(f"{prefix}.{key}", labels) for key, labels in names)


_ETHNIC = (
    ("kinh", ("Kinh",)), ("tay", ("Tày",)), ("dao", ("Dao",)), ("san_chay", ("Sán Chay", "Cao Lan", "Sán Chí")),
    ("mong", ("H'Mông", "Mông", "HMông", "Hmông", "H'mông")), ("nung", ("Nùng",)), ("san_diu", ("Sán Dìu",)),
    ("hoa", ("Hoa",)), ("pa_then", ("Pà Thẻn",)), ("lo_lo", ("Lô Lô",)), ("giay", ("Giáy",)), ("thai", ("Thái",)),
    ("muong", ("Mường",)), ("other", ("Dân tộc khác", "Khác", "Các dân tộc khác")),
)
_RELIGION = (
    ("buddhism", ("Phật giáo", "Đạo Phật")), ("catholicism", ("Công giáo", "Thiên chúa giáo", "Đạo Thiên chúa")),
    ("protestantism", ("Tin lành", "Đạo Tin lành")), ("caodaism", ("Cao Đài", "Đạo Cao Đài")),
    ("hoa_hao", ("Phật giáo Hòa Hảo", "Hòa Hảo")), ("other", ("Tôn giáo khác", "Khác", "Các tôn giáo khác")),
)

FORM = Form(
    number="2B",
    numbers=("2b",),
    title="ĐẢNG VIÊN MỚI KẾT NẠP CHIA THEO DÂN TỘC VÀ TÔN GIÁO",
    title_words=("đảng viên mới kết nạp", "dân tộc, tôn giáo", "dân tộc và tôn giáo"),
    name={"vi": "Biểu 2B (đảng viên mới kết nạp chia theo dân tộc, tôn giáo)",
          "en": "form 2B (new members by ethnicity and religion)"},
    label_headings=("Tên dân tộc, tôn giáo", "Tên dân tộc", "Tên tôn giáo", "Dân tộc, tôn giáo", "Tiêu chí"),
    columns=(
        FormColumn("value", ("tổng số", "số đảng viên", "cộng"), none=("nữ", "%", "tỷ lệ"),
                   heading=("Đảng viên chia theo dân tộc, tôn giáo", "Tổng số"), number="3"),
        FormColumn("value", ("nữ",), none=("%", "tỷ lệ"), of="female", label="nữ",
                   heading=("Đảng viên chia theo dân tộc, tôn giáo", "Trong đó: nữ"), number="4"),
        FormColumn("percent", ("%", "tỷ lệ"), heading=("Tỷ lệ (%)",), number="5"),
    ),
    sections=(
        FormSection("I", ("Dân tộc", "Chia theo dân tộc", "Đảng viên chia theo dân tộc"), (
            R("ethnicity.total", ("Tổng số", "Cộng", "Tổng cộng", "Tổng số đảng viên mới kết nạp"), required=True),
            *_group("ethnicity", _ETHNIC),
        ), adds_to="ethnicity.total"),
        FormSection("II", ("Tôn giáo", "Chia theo tôn giáo", "Đảng viên chia theo tôn giáo"), (
            R("religion.total", ("Tổng số", "Cộng", "Tổng cộng", "Số người có đạo", "Tổng số người có đạo")),
            *_group("religion", _RELIGION),
        ), adds_to="religion.total"),
    ),
    instructions=(
        "HƯỚNG DẪN GHI BIỂU 2B",
        "Cột 3: số đảng viên mới kết nạp của mỗi dân tộc, tôn giáo; cột 4: trong đó số nữ (không lớn hơn cột 3).",
        "Các dân tộc cộng lại bằng dòng Tổng số của phần I; các tôn giáo cộng lại bằng dòng Tổng số của phần II.",
    ),
)
