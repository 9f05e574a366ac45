"""The file guard's messages, in Vietnamese and English, and the names of what a file is.

Each message says what the file really is and what to do about it.
"""

from __future__ import annotations

_OPEN_AND_SAVE_VI = "hãy mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu thành .xlsx"
_OPEN_AND_SAVE_EN = "open it in Excel or LibreOffice Calc and save it as .xlsx"

MESSAGES = {
    "unreadable": {
        "vi": "Không mở được tệp: {reason}",
        "en": "Cannot open the file: {reason}",
    },
    "empty": {
        "vi": "Tệp rỗng (0 byte), không phải bảng tính; hãy lấy lại bản gốc của tệp",
        "en": "The file is empty (0 bytes), not a workbook; get the original file again",
    },
    "not_workbook": {
        "vi": "Không phải bảng tính: tệp có vẻ là {looks_like}; " + _OPEN_AND_SAVE_VI,
        "en": "Not a workbook: the file looks like {looks_like}; " + _OPEN_AND_SAVE_EN,
    },
    "old_excel": {
        "vi": "Tệp là bảng tính Excel {version} (trước Excel 5.0), định dạng quá cũ để đọc; " + _OPEN_AND_SAVE_VI,
        "en": "The file is an Excel {version} worksheet (older than Excel 5.0), too old a format to read; "
        + _OPEN_AND_SAVE_EN,
    },
    "other_format": {
        "vi": "Tệp là {what}, định dạng chương trình không đọc; " + _OPEN_AND_SAVE_VI,
        "en": "The file is {what}, a format the reader does not read; " + _OPEN_AND_SAVE_EN,
    },
    "encrypted": {
        "vi": "Tệp {what} được đặt mật khẩu (mã hóa), không đọc được; hãy mở bằng mật khẩu, "
        "lưu một bản không đặt mật khẩu rồi đọc bản đó",
        "en": "The {what} is encrypted (password-protected) and cannot be read; open it with its password, "
        "save a copy without one and read that copy",
    },
    "default_key": {
        "vi": "Tệp {what} được mã hóa bằng khóa mặc định của Excel (Excel mở không hỏi mật khẩu); "
        "đã giải mã để đọc. Hãy lưu lại tệp không bảo vệ để hết cảnh báo này",
        "en": "The {what} is encrypted with Excel's built-in default key (Excel opens it without asking "
        "for a password); it was decrypted to be read. Save it again without protection to drop this warning",
    },
    "corrupt": {
        "vi": "Tệp {what} bị hỏng hoặc bị cắt cụt, không đọc được ({reason}); hãy lấy lại bản gốc của tệp",
        "en": "The {what} is corrupt or truncated ({reason}); get the original file again",
    },
    "renamed": {
        "vi": "Tệp thực ra là {what} dù tên có đuôi {suffix}; đã đọc theo đúng định dạng của nó",
        "en": "The file is really {what} although its name ends in {suffix}; it was read as what it is",
    },
    "too_large": {
        "vi": "Từ chối đọc: tệp sẽ bung ra {mb} MB khi giải nén (giới hạn {limit} MB); hãy chia thành các tệp nhỏ hơn",
        "en": "Refused: would expand to {mb} MB (limit {limit} MB); split it into smaller files",
    },
    "file_too_large": {
        "vi": "Từ chối đọc: tệp nặng {mb} MB (giới hạn {limit} MB); hãy chia thành các tệp nhỏ hơn",
        "en": "Refused: the file is {mb} MB (limit {limit} MB); split it into smaller files",
    },
    "ratio": {
        "vi": "Từ chối đọc: phần {member} nén tỉ lệ {ratio}:1, sẽ bung ra {mb} MB (có thể là tệp độc hại)",
        "en": "Refused: {member} is compressed {ratio}:1 and would expand to {mb} MB (it may be malicious)",
    },
    "too_many_cells": {
        "vi": "Từ chối đọc: trang tính có {rows} dòng × {cols} cột ({cells} ô, giới hạn {limit} ô); "
        "hãy chia thành các trang nhỏ hơn",
        "en": "Refused: sheet declares {rows} rows × {cols} columns ({cells} cells; limit {limit}); "
        "split it into smaller sheets",
    },
    "too_many_values": {
        "vi": "Từ chối đọc: trang tính có hơn {limit} ô chứa giá trị; hãy chia thành các trang nhỏ hơn",
        "en": "Refused: the sheet holds more than {limit} cells with values; split it into smaller sheets",
    },
    "too_many_members": {
        "vi": "Từ chối đọc: tệp nén chứa {n} phần (giới hạn {limit})",
        "en": "Refused: the zip holds {n} members (limit {limit})",
    },
    "entity": {
        "vi": "Từ chối đọc: {member} có khai báo DOCTYPE/ENTITY của XML (có thể bung vô hạn)",
        "en": "XML entity declarations refused: {member} holds a DOCTYPE/ENTITY declaration",
    },
    "prolog": {
        "vi": "Từ chối đọc: {member} không có phần tử gốc trong {kb} KB đầu",
        "en": "Refused: {member} has no root element in its first {kb} KB",
    },
    "stray_cells": {
        "vi": "Bỏ qua {n} ô nằm xa bảng số liệu (bảng tới {extent}): {cells}. Các ô này không được đọc; "
        "nếu chúng thuộc báo cáo, hãy chuyển vào cạnh bảng, nếu không hãy xóa đi",
        "en": "Left out {n} cell(s) far from the table (which ends at {extent}): {cells}. They were not read; "
        "if they belong to the report, move them next to the table, otherwise delete them",
    },
    "macros": {
        "vi": "Tệp có macro (VBA); macro không bao giờ được chạy, chỉ đọc các giá trị đã lưu",
        "en": "Macros present, never run; only saved values are read",
    },
    "external_links": {
        "vi": "Tệp có liên kết đến tệp khác; liên kết không bao giờ được mở, dùng các giá trị đã lưu",
        "en": "External links are never followed; saved values used",
    },
    "formula_no_value": {
        "vi": "Công thức không có giá trị đã lưu ở {ref}: hãy mở tệp bằng Excel và lưu lại",
        "en": "Formula without a saved value in {ref}: open and save the file in Excel",
    },
}

# What a refused file looks like, for "not_workbook".
LOOKS_LIKE = {
    "csv": {"vi": "văn bản CSV", "en": "CSV text"},
    "text": {"vi": "văn bản thường", "en": "plain text"},
    "html": {"vi": "trang HTML (web) không có bảng nào", "en": "an HTML page with no table in it"},
    "xml": {"vi": "tệp XML (không phải .xlsx)", "en": "an XML file (not .xlsx)"},
    "pdf": {"vi": "tài liệu PDF", "en": "a PDF document"},
    "zip": {"vi": "tệp nén zip không chứa bảng tính", "en": "a zip archive with no workbook in it"},
    "docx": {"vi": "văn bản Word", "en": "a Word document"},
    "pptx": {"vi": "bản trình chiếu PowerPoint", "en": "a PowerPoint presentation"},
    "ole": {"vi": "tệp Office không phải bảng tính", "en": "an Office file that is not a workbook"},
    "image": {"vi": "ảnh", "en": "an image"},
    "binary": {"vi": "dữ liệu nhị phân không rõ loại", "en": "binary data of an unknown kind"},
}

#: What a file really is, by the format the guard names it with (and a few it refuses).
WHAT = {
    "xlsx": {"vi": "bảng tính Excel (.xlsx)", "en": "Excel workbook (.xlsx)"},
    "xlsm": {"vi": "bảng tính Excel có macro (.xlsm)", "en": "Excel macro-enabled workbook (.xlsm)"},
    "xlsb": {"vi": "bảng tính Excel nhị phân (.xlsb)", "en": "Excel binary workbook (.xlsb)"},
    "xls": {"vi": "bảng tính Excel 97–2003 (.xls)", "en": "Excel 97–2003 workbook (.xls)"},
    "xls5": {"vi": "bảng tính Excel 5.0/95 (.xls)", "en": "Excel 5.0/95 workbook (.xls)"},
    "ods": {"vi": "bảng tính OpenDocument (.ods)", "en": "OpenDocument spreadsheet (.ods)"},
    "html": {"vi": "bảng HTML lưu thành bảng tính (tệp xuất từ phần mềm web)",
             "en": "HTML table saved as a spreadsheet (a web system's export)"},
    "xml2003": {"vi": "bảng tính XML 2003 của Excel (SpreadsheetML)",
                "en": "Excel 2003 XML spreadsheet (SpreadsheetML)"},
    "fods": {"vi": "bảng tính OpenDocument dạng XML phẳng (.fods)", "en": "a flat OpenDocument spreadsheet (.fods)"},
    "ooxml": {"vi": "bảng tính Excel (.xlsx, .xlsm hoặc .xlsb)", "en": "Excel workbook (.xlsx, .xlsm or .xlsb)"},
    "zip": {"vi": "bảng tính (.xlsx, .xlsm, .xlsb hoặc .ods)", "en": "workbook (.xlsx, .xlsm, .xlsb or .ods)"},
    None: {"vi": "bảng tính", "en": "workbook"},
}

#: The file suffixes that name each format (a file named otherwise gets "renamed").
SUFFIXES = {
    "xlsx": (".xlsx", ".xltx", ".xlsm"),
    "xlsm": (".xlsm", ".xltm", ".xlsx"),
    "xlsb": (".xlsb",),
    "xls": (".xls", ".xlt"),
    "xls5": (".xls", ".xlt"),
    "ods": (".ods", ".ots"),
    "html": (".html", ".htm"),
    "xml2003": (".xml",),
}
