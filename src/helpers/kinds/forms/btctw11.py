"""Biểu số 11-BTCTW: luân chuyển cán bộ (rotation of cadres).

Declared from the shape known so far: columns Tỉnh về xã, Huyện về xã, Xã
về huyện, Xã này sang xã khác (criterion ``<row>.province_to_commune`` …);
rows TỔNG SỐ, its "of whom" women, ethnic minority and religious, and the
age bands, which add up to the total.  The age bands' limits are the usual
ones of the cadre forms; a corrected band is a change here.
"""

from __future__ import annotations

from ..formdecl import Form, FormColumn, FormRow, FormSection

R = FormRow

FORM = Form(
    number="11-BTCTW",
    numbers=("11",),
    title="THỐNG KÊ LUÂN CHUYỂN CÁN BỘ",
    title_words=("luân chuyển",),
    name={"vi": "Biểu số 11-BTCTW (luân chuyển cán bộ)", "en": "form 11-BTCTW (rotation of cadres)"},
    columns=(
        FormColumn("value", ("tỉnh về xã",), of="province_to_commune", heading=("Tỉnh về xã",), number="2"),
        FormColumn("value", ("huyện về xã",), of="district_to_commune", heading=("Huyện về xã",), number="3"),
        FormColumn("value", ("xã về huyện",), of="commune_to_district", heading=("Xã về huyện",), number="4"),
        FormColumn("value", ("sang xã khác", "xã này sang xã"), of="commune_to_commune",
                   heading=("Xã này sang xã khác",), number="5"),
    ),
    sections=(
        FormSection("I", (), (
            R("total", ("Tổng số",), required=True),
            R("female", ("Nữ",), within="total"),
            R("ethnic_minority", ("Dân tộc thiểu số", "DTTS"), within="total"),
            R("religious", ("Tôn giáo", "Người có đạo"), within="total"),
        )),
        FormSection("II", ("Tuổi đời", "Độ tuổi"), (
            R("age.under_35", ("Dưới 35 tuổi", "Dưới 35")),
            R("age.35_45", ("Từ 35 đến 45 tuổi", "35-45")),
            R("age.46_55", ("Từ 46 đến 55 tuổi", "46-55")),
            R("age.over_55", ("Trên 55 tuổi", "Trên 55")),
        ), adds_to="total"),
    ),
)
