"""Biểu số 5-BTCTW: Tổ chức đảng và đảng viên trong các loại hình cơ sở.

Declared from the shape known so far: rows by type of grassroots unit and
their total "Cộng (1+…+11)"; columns the grassroots party committees, the
grassroots cells and the members of each type (criterion
``<type>.party_committees`` …).  A corrected row or column is a change here.
"""

from __future__ import annotations

from ..formdecl import Form, FormColumn, FormRow, FormSection

R = FormRow

FORM = Form(
    number="5-BTCTW",
    numbers=("5",),
    title="TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ",
    title_words=("loại hình cơ sở", "các loại hình tổ chức cơ sở"),
    name={"vi": "Biểu số 5-BTCTW (tổ chức đảng và đảng viên theo loại hình cơ sở)",
          "en": "form 5-BTCTW (organisations and members by type of grassroots unit)"},
    label_headings=("Loại hình cơ sở", "Loại hình", "Tiêu chí", "Chỉ tiêu"),
    columns=(
        FormColumn("value", ("đảng bộ cơ sở",), of="party_committees",
                   heading=("Tổ chức cơ sở đảng", "Đảng bộ cơ sở"), number="2"),
        FormColumn("value", ("chi bộ cơ sở",), of="cells", heading=("Tổ chức cơ sở đảng", "Chi bộ cơ sở"), number="3"),
        FormColumn("value", ("đảng viên",), none=("đảng bộ", "chi bộ", "tổ chức"), of="members",
                   heading=("Số đảng viên",), number="4"),
    ),
    sections=(
        FormSection("I", (), (
            R("total", ("Cộng (1+…+11)", "Cộng", "Tổng số", "Tổng cộng"), required=True),
            R("commune", ("Xã",)), R("ward", ("Phường",)), R("town", ("Thị trấn",)),
            R("agencies", ("Cơ quan Đảng, Nhà nước, MTTQ, đoàn thể", "Cơ quan hành chính",
                           "Cơ quan Đảng, Nhà nước, Mặt trận Tổ quốc, đoàn thể")),
            R("public_service", ("Đơn vị sự nghiệp", "Đơn vị sự nghiệp công lập")),
            R("army", ("Quân đội",)), R("police", ("Công an",)),
            R("state_enterprise", ("Doanh nghiệp Nhà nước",)),
            R("private_enterprise", ("Doanh nghiệp ngoài Nhà nước", "Doanh nghiệp tư nhân")),
            R("foreign_enterprise", ("Doanh nghiệp có vốn đầu tư nước ngoài", "Doanh nghiệp FDI")),
            R("other", ("Loại hình khác", "Khác")),
        ), adds_to="total"),
    ),
)
