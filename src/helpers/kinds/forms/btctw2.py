"""Biểu số 2-BTCTW: Thống kê đảng viên mới kết nạp (Hướng dẫn 11-HD/BTCTW, 13/12/2021).

The rows follow the replicas of the form in public report software (see
``docs``/the project notes): a corrected or additional row is a change to
this declaration only.  Nữ and Tôn giáo, which the 2012 form (2-TCTW) had
and the replica lacks, are accepted.
"""

from __future__ import annotations

from ..formdecl import Form, FormColumn, FormRow, FormSection, Ratio

R = FormRow
_IN = "total"

FORM = Form(
    number="2-BTCTW",
    numbers=("2",),
    title="THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP",
    title_words=("đảng viên mới kết nạp", "kết nạp đảng viên mới", "đảng viên mới được kết nạp"),
    name={"vi": "Biểu số 2-BTCTW (đảng viên mới kết nạp)", "en": "form 2-BTCTW (new members)"},
    columns=(
        FormColumn("value", ("kỳ này",), none=("%", "so với"), heading=("Thực hiện", "Kỳ này"), number="2"),
        FormColumn("previous", ("cùng kỳ",), none=("%", "so với"), heading=("Thực hiện", "Cùng kỳ năm trước"),
                   number="3"),
        FormColumn("percent", ("%", "so với", "tỷ lệ"), heading=("(%) kỳ này so với cùng kỳ năm trước",),
                   number="4(=2*100/3)"),
    ),
    ratio=Ratio("percent", "value", "previous"),
    sections=(
        FormSection("I", (), (
            R("total", ("Tổng số đảng viên mới kết nạp", "Tổng số đảng viên kết nạp", "Tổng số",
                        "Đảng viên mới kết nạp", "Tổng số đảng viên mới được kết nạp"), required=True),
            R("female", ("Nữ", "Đảng viên nữ"), within=_IN),
            R("ethnic_minority", ("Dân tộc thiểu số", "DTTS", "Dân tộc ít người", "Người dân tộc thiểu số"), within=_IN),
            R("religious", ("Tôn giáo", "Người có đạo", "Có đạo", "Người có tôn giáo"), within=_IN),
            R("youth_union", ("Đoàn viên Đoàn TNCS Hồ Chí Minh", "Đoàn viên", "ĐVTN", "Đoàn viên thanh niên",
                              "Đoàn viên thanh niên cộng sản Hồ Chí Minh"), within=_IN),
            R("private_owner", ("Chủ doanh nghiệp tư nhân", "Chủ doanh nghiệp", "Là chủ doanh nghiệp tư nhân"),
              within=_IN),
            R("family_planning", ("Quần chúng vi phạm chính sách KHHGĐ", "Vi phạm chính sách KHHGĐ",
                                  "Quần chúng vi phạm chính sách dân số, KHHGĐ", "Vi phạm chính sách dân số, KHHGĐ",
                                  "Vi phạm chính sách dân số - kế hoạch hóa gia đình",
                                  "Quần chúng vi phạm chính sách kế hoạch hóa gia đình"), within=_IN),
            R("foreign_marriage", ("Có quan hệ hôn nhân với người nước ngoài",
                                   "Có vợ hoặc chồng là người nước ngoài"), within=_IN),
            R("readmitted", ("Kết nạp lại", "Kết nạp lại vào Đảng", "Đảng viên kết nạp lại"), within=_IN),
        )),
        FormSection("II", ("Phân tích đảng viên mới kết nạp", "Phân tích chất lượng đảng viên mới kết nạp"), ()),
        FormSection("II.1", ("Nghề nghiệp", "Chia theo nghề nghiệp"), (
            R("occupation.state_official", ("Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên",
                                            "Cán bộ, công chức cơ quan Nhà nước từ cấp huyện trở lên")),
            R("occupation.party_official", ("Cán bộ, công chức cơ quan Đảng, MTTQ, đoàn thể tính từ cấp huyện trở lên",
                                            "Cán bộ, công chức cơ quan Đảng, MTTQ, đoàn thể từ cấp huyện trở lên",
                                            "Cán bộ, công chức cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể tính từ cấp huyện trở lên")),
            R("occupation.commune_official", ("Cán bộ, công chức, người hoạt động không chuyên trách ở xã, phường, thị trấn",
                                              "Cán bộ, công chức, người hoạt động không chuyên trách cấp xã")),
            R("occupation.village_worker", ("Người hoạt động không chuyên trách thôn, tổ dân phố",
                                            "Người hoạt động không chuyên trách ở thôn, tổ dân phố")),
            R("occupation.public_employee", ("Viên chức đơn vị sự nghiệp công lập", "Viên chức")),
            R("occupation.nonpublic_employee", ("Người lao động đơn vị sự nghiệp ngoài công lập",
                                                "Người lao động trong đơn vị sự nghiệp ngoài công lập")),
            R("occupation.enterprise", ("Lãnh đạo, quản lý và lao động trong doanh nghiệp",
                                        "Lãnh đạo, quản lý và người lao động trong doanh nghiệp")),
            R("occupation.enterprise.manager", ("Người lãnh đạo, quản lý", "Lãnh đạo, quản lý"),
              split_of="occupation.enterprise"),
            R("occupation.enterprise.staff", ("Nhân viên, gián tiếp sản xuất", "Nhân viên gián tiếp sản xuất"),
              split_of="occupation.enterprise"),
            R("occupation.enterprise.worker", ("Công nhân, lao động trực tiếp", "Công nhân lao động trực tiếp"),
              split_of="occupation.enterprise"),
            R("occupation.farmer", ("Người làm nông, lâm, ngư nghiệp", "Nông, lâm, ngư nghiệp",
                                    "Người làm nông nghiệp, lâm nghiệp, ngư nghiệp")),
            R("occupation.armed_forces", ("Sỹ quan, chiến sỹ quân đội và công an", "Sỹ quan, chiến sỹ QĐ và CA",
                                          "Sỹ quan, chiến sỹ Quân đội, Công an", "Lực lượng vũ trang")),
            R("occupation.university_student", ("Sinh viên",)),
            R("occupation.school_pupil", ("Học sinh",)),
            R("occupation.other", ("Khác (lao động hợp đồng, tự do…)", "Khác", "Lao động hợp đồng, tự do",
                                   "Nghề nghiệp khác")),
        ), adds_to=_IN),
        FormSection("II.2", ("Tuổi đời", "Chia theo tuổi đời", "Độ tuổi"), (
            R("age.18_30", ("Từ 18 đến 30 tuổi", "Từ 18 - 30 tuổi", "Dưới 30 tuổi", "18-30")),
            R("age.31_35", ("Từ 31 đến 35 tuổi", "31-35")),
            R("age.36_40", ("Từ 36 đến 40 tuổi", "36-40")),
            R("age.41_45", ("Từ 41 đến 45 tuổi", "41-45")),
            R("age.46_50", ("Từ 46 đến 50 tuổi", "46-50")),
            R("age.51_55", ("Từ 51 đến 55 tuổi", "51-55")),
            R("age.56_60", ("Từ 56 đến 60 tuổi", "56-60")),
            R("age.over_60", ("Trên 60 tuổi", "Từ 61 tuổi trở lên", "Trên 60")),
            R("age.mean", ("Tuổi bình quân", "Tuổi đời bình quân", "Bình quân", "Tuổi trung bình"), mean=(18.0, 60.0)),
        ), adds_to=_IN),
        FormSection("II.3", ("Trình độ giáo dục phổ thông", "Trình độ học vấn", "Giáo dục phổ thông", "Trình độ văn hóa"), (
            R("schooling.literate", ("Biết đọc, biết viết", "Biết đọc biết viết")),
            R("schooling.primary", ("Tiểu học",)),
            R("schooling.lower_secondary", ("Trung học cơ sở", "THCS")),
            R("schooling.upper_secondary", ("Trung học phổ thông", "THPT")),
        ), adds_to=_IN),
        FormSection("II.4", ("Trình độ chuyên môn nghiệp vụ", "Chuyên môn nghiệp vụ", "Trình độ chuyên môn"), (
            R("professional.elementary", ("Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp",
                                          "CN kỹ thuật, nhân viên nghiệp vụ, sơ cấp", "Sơ cấp")),
            R("professional.intermediate", ("Trung cấp",)),
            R("professional.college", ("Cao đẳng",)),
            R("professional.university", ("Đại học",)),
            R("professional.master", ("Thạc sỹ",)),
            R("professional.doctor", ("Tiến sỹ",)),
        )),
        FormSection("II.5", ("Chức danh khoa học",), (
            R("academic.associate_professor", ("Phó giáo sư",)),
            R("academic.professor", ("Giáo sư",)),
        )),
        FormSection("III", ("Số tổ chức cơ sở đảng có đến cuối kỳ báo cáo", "Số tổ chức cơ sở đảng",
                            "Tổ chức cơ sở đảng có đến cuối kỳ báo cáo"), (
            R("organisations.committees", ("Đảng bộ cơ sở",)),
            R("organisations.committees.admitting", ("Có kết nạp đảng viên", "Số có kết nạp đảng viên"),
              within="organisations.committees"),
            R("organisations.committees.no_masses", ("Không còn quần chúng", "Số không còn quần chúng"),
              within="organisations.committees"),
            R("organisations.cells", ("Chi bộ cơ sở",)),
            R("organisations.cells.admitting", ("Có kết nạp đảng viên", "Số có kết nạp đảng viên"),
              within="organisations.cells"),
            R("organisations.cells.no_masses", ("Không còn quần chúng", "Số không còn quần chúng"),
              within="organisations.cells"),
        )),
    ),
    instructions=(
        "HƯỚNG DẪN GHI BIỂU SỐ 2-BTCTW",
        "Cột 2 (Kỳ này): số đảng viên mới kết nạp trong kỳ báo cáo; cột 3 (Cùng kỳ năm trước): số của cùng kỳ năm trước.",
        "Cột 4 = cột 2 × 100 / cột 3, làm tròn như số in trong biểu; để trống khi cột 3 bằng 0.",
        "Các dòng \"Trong đó\" không lớn hơn dòng Tổng số; Nghề nghiệp, Tuổi đời và Trình độ giáo dục phổ thông "
        "mỗi mục cộng lại bằng Tổng số; Tuổi bình quân là số trung bình, không phải số người.",
        "Kiểm tra biểu đã điền bằng lệnh: python -m helpers check <tệp>.",
    ),
)
