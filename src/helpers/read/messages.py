"""The readers' messages, Vietnamese and English (code -> {lang: text})."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {
        "vi": "Không tìm thấy tệp hoặc thư mục. Cần đường dẫn tới một bảng tính hoặc một thư mục chứa bảng tính.",
        "en": "No such file or folder. Expected the path of a workbook or of a folder of workbooks.",
    },
    "unreadable": {
        "vi": "Không đọc được tệp ({detail}). Cần một bảng tính Excel (.xlsx, .xlsm, .xlsb, .xls), .ods, hoặc bảng HTML hay XML do phần mềm quản lý xuất ra, còn nguyên vẹn, không đặt mật khẩu.",
        "en": "Cannot read the file ({detail}). Expected an intact Excel (.xlsx, .xlsm, .xlsb, .xls) or .ods workbook, or an HTML or XML table exported by a web system, without a password.",
    },
    "empty_workbook": {
        "vi": "Bảng tính trống: không có ô nào có dữ liệu. Cần ít nhất một trang biểu báo cáo.",
        "en": "Empty workbook: no cell holds data. Expected at least one report sheet.",
    },
    "no_report": {
        "vi": "Không có trang biểu báo cáo nào trong tệp (không thấy dòng tiêu đề cột có cột TT hoặc Tên tổ chức cơ sở đảng).",
        "en": "No report sheet in this file (no header row with a TT or unit-name column was found).",
    },
    "sheet_failed": {
        "vi": "Không đọc được trang tính này ({detail}).",
        "en": "Cannot read this sheet ({detail}).",
    },
    "no_district": {
        "vi": "Không xác định được huyện: phần đầu biểu không có dòng như \"HUYỆN ỦY CHIÊM HÓA\" và không có huyện nào được chỉ định khi đọc. Cần ghi tên huyện ở đầu biểu.",
        "en": "No district found: the header block has no line like \"HUYỆN ỦY CHIÊM HÓA\" and none was given to the reader. Expected the district's name above the title.",
    },
    "no_year": {
        "vi": "Không xác định được năm báo cáo: tiêu đề không có \"NĂM 2023\" và tên trang tính không phải là năm. Cần năm trong tiêu đề hoặc tên trang tính.",
        "en": "No report year found: the title has no \"NĂM 2023\" and the sheet's name is not a year. Expected the year in the title or as the sheet's name.",
    },
    "no_kind": {
        "vi": "Không xác định được loại biểu: tiêu đề và tiêu đề cột không giống biểu kết nạp, xếp loại, bố trí cán bộ hay giao việc đột phá.",
        "en": "Unknown report kind: neither the title nor the column headings match an admissions, ratings, placements or breakthrough-tasks report.",
    },
    "no_unit_column": {
        "vi": "Thiếu cột tên đơn vị. Cần một cột có tiêu đề \"Tên tổ chức cơ sở đảng\", \"Đơn vị\" hoặc \"Xã, thị trấn\".",
        "en": "The unit-name column is missing. Expected a column headed \"Tên tổ chức cơ sở đảng\", \"Đơn vị\" or \"Xã, thị trấn\".",
    },
    "missing_figure": {
        "vi": "Thiếu cột số liệu bắt buộc của biểu {kind}: {expected}.",
        "en": "A required figure column of the {kind} report is missing: expected {expected}.",
    },
    "extra_column": {
        "vi": "Cột lạ \"{heading}\" không được đọc (bỏ qua).",
        "en": "Unknown extra column \"{heading}\" is ignored.",
    },
    "duplicate_column": {
        "vi": "Cột \"{heading}\" lặp lại cột {first}; chỉ đọc cột {first}.",
        "en": "Column \"{heading}\" repeats column {first}; only column {first} is read.",
    },
    "not_number": {
        "vi": "Ô có \"{value}\", không phải là số. Cần một số nguyên không âm (hoặc \"-\" cho số 0).",
        "en": "The cell holds \"{value}\", not a number. Expected a whole number of zero or more (or \"-\" for zero).",
    },
    "not_whole": {
        "vi": "Ô có {value}, không phải số nguyên. Cần một số nguyên không âm.",
        "en": "The cell holds {value}, not a whole number. Expected a whole number of zero or more.",
    },
    "negative": {
        "vi": "Ô có số âm {value}. Cần một số nguyên không âm.",
        "en": "The cell holds a negative number, {value}. Expected a whole number of zero or more.",
    },
    "blank": {
        "vi": "Ô \"{heading}\" để trống; số liệu này được ghi là thiếu.",
        "en": "The \"{heading}\" cell is blank; the figure is recorded as missing.",
    },
    "not_yes_no": {
        "vi": "Ô có \"{value}\". Cần đánh dấu có (x, có, 1) hoặc để trống (không, 0).",
        "en": "The cell holds \"{value}\". Expected a yes mark (x, có, 1) or a no (blank, không, 0).",
    },
    "unknown_level": {
        "vi": "Mức xếp loại \"{value}\" không hợp lệ. Cần một trong: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ (hoặc HTXSNV, HTTNV, HTNV, KHTNV).",
        "en": "\"{value}\" is not a rating level. Expected one of Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ (or HTXSNV, HTTNV, HTNV, KHTNV).",
    },
    "x_marks": {
        "vi": "Có {n} dấu x ở các ô {cells} xếp loại tổ chức cơ sở đảng. Cần đúng một dấu x.",
        "en": "{n} x-marks in the organisation's level cells {cells}. Expected exactly one.",
    },
    "part_gt_whole": {
        "vi": "{part_cell} ({part}) là {part_value}, lớn hơn {whole_cell} ({whole}) là {whole_value}. Phần không thể lớn hơn tổng.",
        "en": "{part_cell} ({part}) is {part_value}, more than {whole_cell} ({whole}), {whole_value}. A part cannot exceed its whole.",
    },
    "levels_past_total": {
        "vi": "Các mức xếp loại ở {cells} cộng lại là {sum}, lớn hơn tổng số {total_cell} là {total}. Cần tổng các mức không vượt quá tổng số.",
        "en": "The levels in {cells} add up to {sum}, more than the total in {total_cell}, {total}. Expected the levels to sum to at most the total.",
    },
    "levels_mismatch": {
        "vi": "Các mức xếp loại và số không xếp loại ở {cells} cộng lại là {sum}, khác tổng số {total_cell} là {total}. Cần bằng nhau.",
        "en": "The levels and the not-rated count in {cells} add up to {sum}, not the total in {total_cell}, {total}. Expected them to be equal.",
    },
    "levels_short": {
        "vi": "Các mức xếp loại chi bộ ở {cells} cộng lại là {sum}, ít hơn tổng số {total_cell} là {total}.",
        "en": "The cells' levels in {cells} add up to {sum}, less than the total in {total_cell}, {total}.",
    },
    "duplicate_unit": {
        "vi": "Đơn vị \"{unit}\" xuất hiện hai lần trong một biểu: {first} và {second}. Mỗi đơn vị chỉ được ghi một dòng.",
        "en": "The unit \"{unit}\" appears twice in one report: {first} and {second}. Expected one row per unit.",
    },
    "total_mismatch": {
        "vi": "Dòng cộng sai: {at} ghi {total}, các dòng {range} cộng lại là {sum}.",
        "en": "A total disagrees with its rows: {at} says {total}, rows {range} sum to {sum}.",
    },
    "no_unit_name": {
        "vi": "Dòng có số liệu nhưng không có tên đơn vị. Cần tên tổ chức cơ sở đảng ở ô này.",
        "en": "A row with figures but no unit name. Expected the unit's name in this cell.",
    },
    "province_inferred": {
        "vi": "Phần đầu biểu không ghi tỉnh; theo huyện {district} và các đơn vị trong biểu, tỉnh là {province}.",
        "en": "The header block names no province; from the district {district} and the units listed, the province is {province}.",
    },
    "no_province": {
        "vi": "Không xác định được tỉnh của huyện {district}: phần đầu biểu không có dòng như \"ĐẢNG BỘ TỈNH …\" và các đơn vị không đủ để chọn giữa {candidates}. Cần ghi tên tỉnh ở đầu biểu hoặc chỉ định khi đọc (--province).",
        "en": "No province found for the district {district}: the header block has no line like \"ĐẢNG BỘ TỈNH …\" and the units listed do not decide between {candidates}. Expected the province above the district's line, or given to the reader (--province).",
    },
    "unknown_unit": {
        "vi": "Danh mục đơn vị hành chính không có \"{unit}\" ở {district} năm {year}; đơn vị được ghi như trong biểu, không có mã.",
        "en": "The unit registry knows no \"{unit}\" in {district} in {year}; the unit is kept as written, without a code.",
    },
    "approximate_unit": {
        "vi": "\"{written}\" được hiểu là {unit} (viết không dấu).",
        "en": "\"{written}\" is read as {unit} (written without diacritics).",
    },
    "repeated_sheet": {
        "vi": "Biểu này lặp lại biểu {first} từng đơn vị với cùng số liệu (cùng loại biểu, nơi, năm và kỳ): chỉ đọc một lần. Có thể là tệp tải về hai lần; nên giữ một bản.",
        "en": "This report repeats {first} unit for unit with the same figures (the same kind, place, year and period): read once. Perhaps a file downloaded twice; keep one copy.",
    },
    "repeated_same": {
        "vi": "Đơn vị này đã có trong {first}, cùng loại biểu, nơi, năm và kỳ, với cùng số liệu: chỉ đọc một lần. Có thể là tệp tải về hai lần; nên giữ một bản.",
        "en": "This unit is already in {first}, in a report of the same kind, place, year and period, with the same figures: read once. Perhaps a file downloaded twice; keep one copy.",
    },
    "repeated_different": {
        "vi": "Đơn vị này đã có trong {first}, cùng loại biểu, nơi, năm và kỳ, nhưng số liệu khác: không đọc cả hai dòng. Cần giữ một báo cáo đúng.",
        "en": "This unit is also in {first}, in a report of the same kind, place, year and period, with other figures: neither row is read. Keep the one correct report.",
    },
    "legacy_text": {
        "vi": "Chữ trong ô được gõ bằng {encoding}; đã chuyển sang Unicode: \"{text}\".",
        "en": "The cell's text is in {encoding}; converted to Unicode: \"{text}\".",
    },
    "legacy_cells": {
        "vi": "{n} ô gõ bằng {encoding} đã được chuyển sang Unicode: {cells}.",
        "en": "{n} cells in {encoding} were converted to Unicode: {cells}.",
    },
    "garbled_text": {
        "vi": "Chữ trong ô không đọc được: {what}.",
        "en": "The cell's text cannot be read: {what}.",
    },
}

#: Reasons in the sheet inventory.
REASONS = {
    "hidden": {"vi": "trang tính ẩn", "en": "hidden sheet"},
    "empty": {"vi": "trang tính trống", "en": "empty sheet"},
    "not_report": {"vi": "không phải biểu báo cáo", "en": "not a report sheet"},
    "not_found": {"vi": "không tìm thấy tệp", "en": "file not found"},
    "unreadable": {"vi": "không đọc được tệp", "en": "unreadable file"},
    "missing_figure": {"vi": "thiếu cột số liệu bắt buộc", "en": "required figure column missing"},
    "no_unit_column": {"vi": "thiếu cột tên đơn vị", "en": "unit-name column missing"},
    "no_kind": {"vi": "không xác định được loại biểu", "en": "unknown report kind"},
    "no_district": {"vi": "không xác định được huyện", "en": "no district found"},
    "no_year": {"vi": "không xác định được năm", "en": "no year found"},
    "no_province": {"vi": "không xác định được tỉnh", "en": "no province found"},
}
