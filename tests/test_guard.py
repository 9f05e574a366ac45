"""Hostile and broken files: helpers.read.guard.inspect_file, and the reader end to end.

Every hazard is built here, in tmp_path, from a small valid workbook.
"""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from _fixtures import write_zip, zip_members

from helpers.read.guard import LIMITS, FileCheck, inspect_file
from helpers.read.guard.ooxml import merges_first
from helpers.sheetwriter import Report, write_workbook

RECORDS = [
    {"unit": "Hòa Phú", "unit_type": "commune", "target": 9, "admitted": 7, "female": 3,
     "ethnic_minority": 5, "youth_union": 6, "religious": 0},
    {"unit": "Vĩnh Lộc", "unit_type": "town", "target": 5, "admitted": 6, "female": 2,
     "ethnic_minority": 1, "youth_union": 4, "religious": 0},
]

LAUGHS_DTD = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b"]>\n"
)
BILLION_LAUGHS = (
    LAUGHS_DTD + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    b"<si><t>&lol9;</t></si></sst>"
)


def _with_laughs(xml: bytes) -> bytes:
    """The same XML part behind a billion-laughs DOCTYPE."""
    if xml.startswith(b"<?xml"):
        xml = xml[xml.index(b"?>") + 2 :]
    return LAUGHS_DTD + xml


# --- builders ---------------------------------------------------------------------


def _good(path: Path) -> Path:
    write_workbook(path, [Report("admissions", RECORDS, "Chiêm Hóa", 2023)], instructions=False)
    return path




def _variant(tmp_path: Path, name: str, change) -> Path:
    """A copy of the good workbook with its members changed by ``change(members)``."""
    members = zip_members(_good(tmp_path / "base.xlsx"))
    change(members)
    return write_zip(tmp_path / name, members)


def _hand_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip from already-deflated members: (name, deflated data, crc, size)."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in entries:
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0))
        out.write(n)
        out.write(data)
        central.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0, 0, 0, 0, 0,
                        offset) + n
        )
    start = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(cd), start, 0))
    path.write_bytes(out.getvalue())
    return path


def _deflate(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def _repeated_deflate(prefix: bytes, block: bytes, times: int, suffix: bytes) -> tuple[bytes, int, int]:
    """prefix + block * times + suffix, deflated without ever holding it inflated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    body = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)  # same bytes every time: state reset
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    return head + body * times + tail, crc, len(prefix) + len(block) * times + len(suffix)


def _sheet_xml(cells: str, dimension: str = "A1:H12") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def _sheet_member(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.startswith("xl/worksheets/sheet"))


@pytest.fixture
def good(tmp_path) -> Path:
    return _good(tmp_path / "good.xlsx")


@pytest.fixture(scope="session")
def gigabyte_bomb(tmp_path_factory) -> Path:
    """A 2 MB workbook whose shared strings inflate to 2 GiB (a real, valid zip)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    members = zip_members(_good(path.parent / "base.xlsx"))
    entries = [(n, *_deflate(d)) for n, d in members.items() if n != "xl/sharedStrings.xml"]
    prefix = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
    )
    entries.append(("xl/sharedStrings.xml", *_repeated_deflate(prefix, b"a" * (1 << 20), 2048, b"</t></si></sst>")))
    return _hand_zip(path, entries)


def _declared_mb(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        total = sum(i.file_size for i in zf.infolist())
    assert total > 2**31
    return round(total / 1e6)


SAVE = "; open it in Excel or LibreOffice Calc and save it as .xlsx"


def _col(n: int) -> str:
    """The letters of 1-based column ``n``."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _messages(check: FileCheck) -> list[str]:
    return [p.message for p in check.problems]


# --- what a file is -------------------------------------------------------------------


# A fresh process with its address space capped at 500 MB: the memory bound.
_CAPPED = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
    {body}
    """
)
_READ_PROBLEMS = """
    from helpers.read import read_reports
    rep = read_reports(sys.argv[1], lang="en")
    print([(p.severity, p.sheet) for p in rep.problems])
"""


def _run_capped(body: str, path: Path) -> subprocess.CompletedProcess:
    code = _CAPPED.format(body=textwrap.dedent(body))
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30)


class TestInspectFile:
    """What a file is, what is refused, what is warned about."""

    def test_good_workbook_passes_without_problems(self, good):
        assert inspect_file(good, "good.xlsx") == FileCheck("xlsx", [], False)

    def test_a_zip_workbook_comes_back_with_the_bytes_checked(self, good):
        data = inspect_file(good, "good.xlsx").data
        before, after = zipfile.ZipFile(good), zipfile.ZipFile(io.BytesIO(data))
        assert after.testzip() is None
        assert after.namelist() == before.namelist()
        # each member as written, a worksheet's merged ranges moved before its cells (merges_first)
        sheets = [n for n in before.namelist() if n.startswith("xl/worksheets/")]
        assert all(after.read(n) == before.read(n) for n in before.namelist() if n not in sheets)
        assert all(after.read(n) == merges_first(before.read(n)) for n in sheets)
        assert all(sorted(after.read(n)) == sorted(before.read(n)) for n in sheets)
        # worksheets checked whole are stored inflated; the rest keep their compression
        stored = {i.filename for i in after.infolist() if i.compress_type == zipfile.ZIP_STORED}
        assert stored == {n for n in before.namelist() if n.startswith("xl/worksheets/")} | {
            i.filename for i in before.infolist() if i.compress_type == zipfile.ZIP_STORED}

    def test_a_refused_file_comes_back_without_bytes(self, tmp_path):
        bad = tmp_path / "bad.xlsx"
        bad.write_text("a,b\n1,2\n")
        assert inspect_file(bad, "bad.xlsx").data is None

    def test_file_is_only_read(self, good):
        before = hashlib.sha256(good.read_bytes()).hexdigest(), good.stat().st_mtime_ns
        inspect_file(good, "good.xlsx")
        assert (hashlib.sha256(good.read_bytes()).hexdigest(), good.stat().st_mtime_ns) == before

    @pytest.mark.parametrize(
        ("content", "looks"),
        [
            ("TT,Đơn vị,Tổng số\n1,Hòa Phú,7\n".encode(), "CSV text"),
            ("<!DOCTYPE html><html><body><p>Báo cáo</p></body></html>".encode(), "an HTML page with no table in it"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
            ("Báo cáo kết nạp đảng viên năm 2023\n".encode(), "plain text"),
            (bytes(range(256)) * 4, "binary data of an unknown kind"),
        ],
        ids=["csv", "html", "pdf", "text", "binary"],
    )
    def test_renamed_file_is_one_fatal_error_naming_what_it_looks_like(self, tmp_path, content, looks):
        path = tmp_path / "report.xlsx"
        path.write_bytes(content)
        check = inspect_file(path, "2023/report.xlsx", lang="en")
        assert (check.fatal, check.format) == (True, None)
        assert [(p.file, p.sheet, p.cell, p.severity) for p in check.problems] == [
            ("2023/report.xlsx", None, None, "error")
        ]
        assert check.problems[0].message == f"Not a workbook: the file looks like {looks}; open it in Excel or LibreOffice Calc and save it as .xlsx"

    def test_message_is_vietnamese_by_default(self, tmp_path):
        path = tmp_path / "report.xlsx"
        path.write_text("a,b\n1,2\n")
        assert _messages(inspect_file(path, "report.xlsx"))[0].startswith("Không phải bảng tính: tệp có vẻ là văn bản CSV")

    def test_empty_file(self, tmp_path):
        path = tmp_path / "empty.xlsx"
        path.write_bytes(b"")
        check = inspect_file(path, "empty.xlsx", lang="en")
        assert check.fatal and _messages(check) == ["The file is empty (0 bytes), not a workbook; get the original file again"]

    def test_missing_file_is_an_error_not_an_exception(self, tmp_path):
        check = inspect_file(tmp_path / "nope.xlsx", "nope.xlsx", lang="en")
        assert check.fatal and _messages(check)[0].startswith("Cannot open the file")

    def test_zip_without_a_workbook(self, tmp_path):
        path = write_zip(tmp_path / "a.xlsx", {"notes.txt": b"hello"})
        check = inspect_file(path, "a.xlsx", lang="en")
        assert check.fatal and _messages(check) == ["Not a workbook: the file looks like a zip archive with no workbook in it" + SAVE]

    def test_word_document_renamed(self, tmp_path):
        types = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        path = write_zip(tmp_path / "a.xlsx", {"[Content_Types].xml": types, "word/document.xml": b"<w/>"})
        assert _messages(inspect_file(path, "a.xlsx", lang="en")) == ["Not a workbook: the file looks like a Word document" + SAVE]

    def test_xls_found_by_magic_bytes_whatever_the_extension(self, tmp_path):
        xlwt = pytest.importorskip("xlwt")
        book = xlwt.Workbook()
        book.add_sheet("2023").write(0, 0, "Hòa Phú")
        path = tmp_path / "old.xlsx"
        book.save(str(path))
        check = inspect_file(path, "old.xlsx", lang="en")
        assert (check.format, check.fatal) == ("xls", False)
        assert _messages(check) == [
            "The file is really Excel 97–2003 workbook (.xls) although its name ends in .xlsx; it was read as what it is"
        ]

    def test_ods_found_by_mimetype(self, tmp_path):
        import pandas as pd

        path = tmp_path / "report.ods"
        pd.DataFrame({"Đơn vị": ["Hòa Phú"], "Tổng số": [7]}).to_excel(path, engine="odf", index=False)
        check = inspect_file(path, "report.ods")
        assert check == FileCheck("ods", [], False)
        # mimetype stays first and stored; content.xml, checked whole, is handed on stored
        after = zipfile.ZipFile(io.BytesIO(check.data))
        assert after.namelist() == zipfile.ZipFile(path).namelist() and after.namelist()[0] == "mimetype"
        assert after.getinfo("content.xml").compress_type == zipfile.ZIP_STORED
        assert after.read("content.xml") == zipfile.ZipFile(path).read("content.xml")

    def test_truncated_zip(self, good, tmp_path):
        path = tmp_path / "cut.xlsx"
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        check = inspect_file(path, "cut.xlsx", lang="en")
        assert check.fatal and len(check.problems) == 1
        assert _messages(check)[0].startswith("The workbook (.xlsx, .xlsm, .xlsb or .ods) is corrupt or truncated (")

    def test_flipped_byte_in_a_sheet_is_caught_by_its_checksum(self, good, tmp_path):
        data = bytearray(good.read_bytes())
        with zipfile.ZipFile(good) as zf:
            info = zf.getinfo(_sheet_member(zip_members(good)))
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        data[start + info.compress_size // 2] ^= 0x55
        path = tmp_path / "flipped.xlsx"
        path.write_bytes(bytes(data))
        check = inspect_file(path, "flipped.xlsx", lang="en")
        assert check.fatal and _messages(check)[0].startswith("The workbook (.xlsx, .xlsm, .xlsb or .ods) is corrupt or truncated (")

    def test_corrupt_ole_file(self, tmp_path):
        path = tmp_path / "old.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        check = inspect_file(path, "old.xls", lang="en")
        assert check.fatal and _messages(check)[0].startswith("The Excel 97–2003 workbook (.xls) is corrupt or truncated (")
        assert _messages(check)[0].endswith("); get the original file again")

    def test_declared_size_above_limit_is_refused(self, good, tmp_path):
        # Patch the central directory: the sheet claims 4 GB.
        data = bytearray(good.read_bytes())
        pos = data.rfind(b"PK\x01\x02" + data[data.find(b"PK\x01\x02") + 4 : data.find(b"PK\x01\x02") + 4])
        name = _sheet_member(zip_members(good)).encode()
        pos = data.find(b"PK\x01\x02")
        while data[pos + 46 : pos + 46 + len(name)] != name:
            pos = data.find(b"PK\x01\x02", pos + 4)
        data[pos + 24 : pos + 28] = struct.pack("<L", 4_000_000_000)
        path = tmp_path / "claims.xlsx"
        path.write_bytes(bytes(data))
        check = inspect_file(path, "claims.xlsx", lang="en")
        assert check.fatal
        assert _messages(check) == [f"Refused: would expand to 4000 MB (limit {LIMITS.total_mb} MB); split it into smaller files"]

    def test_highly_compressed_member_is_refused(self, tmp_path):
        members = zip_members(_good(tmp_path / "base.xlsx"))
        members["xl/media/padding.bin"] = bytes(20_000_000)
        path = write_zip(tmp_path / "ratio.xlsx", members)
        check = inspect_file(path, "ratio.xlsx", lang="en")
        assert check.fatal and len(check.problems) == 1
        assert _messages(check)[0].startswith("Refused: xl/media/padding.bin is compressed ")
        assert _messages(check)[0].endswith(":1 and would expand to 20 MB (it may be malicious)")

    def test_gigabyte_bomb_is_refused(self, gigabyte_bomb):
        assert gigabyte_bomb.stat().st_size < 4_000_000
        check = inspect_file(gigabyte_bomb, "bomb.xlsx", lang="en")
        assert check.fatal
        assert _messages(check) == [f"Refused: would expand to {_declared_mb(gigabyte_bomb)} MB (limit {LIMITS.total_mb} MB); split it into smaller files"]

    # The bound: the whole reader, in a fresh process with its address space
    # capped at 500 MB, refuses the 2 GiB bomb within 30 s and exits cleanly.
    def test_reader_refuses_bomb_under_a_memory_cap(self, gigabyte_bomb):
        done = _run_capped(
            """
            from helpers.read import read_reports
            rep = read_reports(sys.argv[1], lang="en")
            print(len(rep.admissions), "|".join(str(p) for p in rep.problems))
            """,
            gigabyte_bomb,
        )
        assert done.returncode == 0, done.stderr
        mb = _declared_mb(gigabyte_bomb)
        assert done.stdout.strip() == f"0 bomb.xlsx: error: Refused: would expand to {mb} MB (limit 200 MB); split it into smaller files"

    def test_the_bomb_is_real_without_the_guard(self, gigabyte_bomb):
        # Its shared strings do inflate past the 500 MB cap used above.
        data = gigabyte_bomb.read_bytes()
        with zipfile.ZipFile(gigabyte_bomb) as zf:
            info = zf.getinfo("xl/sharedStrings.xml")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        pending = data[start : start + info.compress_size]
        inflater, inflated = zlib.decompressobj(-15), 0
        while inflated <= 500 * 2**20 and pending:
            inflated += len(inflater.decompress(pending, 1 << 24))
            pending = inflater.unconsumed_tail
        assert inflated > 500 * 2**20


    def test_zip_with_too_many_members_is_refused_before_its_directory_is_read(self, tmp_path):
        members = zip_members(_good(tmp_path / "base.xlsx"))
        members.update({f"xl/media/m{i}.bin": b"" for i in range(LIMITS.members + 1 - len(members))})
        path = write_zip(tmp_path / "many.xlsx", members)
        check = inspect_file(path, "many.xlsx", lang="en")
        assert check.fatal
        assert _messages(check) == [f"Refused: the zip holds {LIMITS.members + 1} members (limit {LIMITS.members})"]

    def test_a_declared_dimension_alone_refuses_nothing(self, tmp_path):
        # python-calamine allocates the cells that hold a value, not the <dimension>
        def change(m):
            m[_sheet_member(m)] = _sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
                                             dimension="A1:XFD1048576")

        check = inspect_file(_variant(tmp_path, "dim.xlsx", change), "dim.xlsx", lang="en")
        assert (check.fatal, check.problems) == (False, [])

    def test_a_far_away_value_is_left_out_and_named_with_what_it_held(self, tmp_path):
        def change(m):
            m[_sheet_member(m)] = m[_sheet_member(m)].replace(
                b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')

        check = inspect_file(_variant(tmp_path, "far.xlsx", change), "far.xlsx", lang="en")
        assert (check.format, check.fatal) == ("xlsx", False)
        assert [(p.sheet, p.cell, p.severity, p.message) for p in check.problems] == [
            ("2023", "XFD1048576", "warning", "Left out 1 cell(s) far from the table (which ends at I15): "
             "XFD1048576 = 1. They were not read; if they belong to the report, move them next to the table, "
             "otherwise delete them")
        ]
        # the sheet handed on no longer holds it
        handed = zipfile.ZipFile(io.BytesIO(check.data)).read("xl/worksheets/sheet1.xml")
        assert b"XFD1048576" not in handed.replace(b'<row r="1048576">', b"")
        assert zipfile.ZipFile(io.BytesIO(check.data)).testzip() is None

    def test_cells_spread_over_a_huge_grid_are_refused(self, tmp_path):
        # more than a few far-out cells: not strays, the sheet is simply too big
        cells = "".join(f'<row r="{1 + i * 18_000}"><c r="{_col(1 + i * 280)}{1 + i * 18_000}"><v>1</v></c></row>'
                        for i in range(58))

        def change(m):
            m[_sheet_member(m)] = _sheet_xml(cells)

        check = inspect_file(_variant(tmp_path, "spread.xlsx", change), "spread.xlsx", lang="en")
        assert check.fatal
        assert _messages(check) == ["Refused: sheet declares 1026001 rows × 15961 columns (16376001961 cells; "
                                    "limit 2000000); split it into smaller sheets"]

    def test_more_values_than_the_limit_are_refused(self, tmp_path):
        from helpers.read.guard import Limits

        check = inspect_file(_good(tmp_path / "g.xlsx"), "g.xlsx", lang="en", limits=Limits(cells=10))
        assert check.fatal
        assert [(p.sheet, p.message) for p in check.problems] == [
            ("2023", "Refused: the sheet holds more than 10 cells with values; split it into smaller sheets")
        ]

    def test_stray_cells_under_a_small_limit_are_all_named(self, tmp_path):
        from helpers.read.guard import Limits

        def change(m):
            m[_sheet_member(m)] = m[_sheet_member(m)].replace(
                b"</sheetData>",
                b'<row r="400"><c r="B400" t="inlineStr"><is><t>Ghi ch\xc3\xba</t></is></c>'
                b'<c r="AZ400" t="b"><v>1</v></c></row></sheetData>')

        check = inspect_file(_variant(tmp_path, "two.xlsx", change), "two.xlsx", lang="en", limits=Limits(cells=300))
        assert not check.fatal
        assert [(p.cell, p.params["n"], p.params["cells"]) for p in check.problems] == [
            (None, 2, 'AZ400 = True; B400 = "Ghi chú"')
        ]

    def test_used_range_under_the_limit_passes(self, tmp_path):
        def change(m):
            m[_sheet_member(m)] = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="100"><c r="XFD100"><v>1</v></c></row>')

        assert not inspect_file(_variant(tmp_path, "wide100.xlsx", change), "wide100.xlsx").fatal

    def test_wide_but_small_sheet_passes(self, tmp_path):
        def change(m):
            m[_sheet_member(m)] = _sheet_xml('<row r="30"><c r="AZ30"><v>1</v></c></row>', dimension="A1:AZ30")

        assert not inspect_file(_variant(tmp_path, "wide.xlsx", change), "wide.xlsx").fatal

    def test_billion_laughs_in_shared_strings_is_refused(self, tmp_path):
        def change(m):
            m["xl/sharedStrings.xml"] = BILLION_LAUGHS

        check = inspect_file(_variant(tmp_path, "lol.xlsx", change), "lol.xlsx", lang="en")
        assert check.fatal
        assert _messages(check) == [
            "XML entity declarations refused: xl/sharedStrings.xml holds a DOCTYPE/ENTITY declaration"
        ]

    def test_entity_in_a_sheet_is_refused(self, tmp_path):
        def change(m):
            name = _sheet_member(m)
            m[name] = _with_laughs(m[name])

        check = inspect_file(_variant(tmp_path, "ent.xlsx", change), "ent.xlsx", lang="en")
        assert check.fatal and "xl/worksheets/sheet1.xml" in _messages(check)[0]

    def test_doctype_hidden_behind_a_long_comment_is_refused(self, tmp_path):
        def change(m):
            m["xl/styles.xml"] = b"<?xml version='1.0'?><!--" + b"x" * 200_000 + b"-->" + m["xl/styles.xml"]

        check = inspect_file(_variant(tmp_path, "long.xlsx", change), "long.xlsx", lang="en")
        assert check.fatal
        assert _messages(check) == ["Refused: xl/styles.xml has no root element in its first 64 KB"]

    def test_openpyxl_parses_through_defusedxml(self, tmp_path):
        import openpyxl
        from defusedxml import DTDForbidden, EntitiesForbidden

        def change(m):
            m["xl/workbook.xml"] = _with_laughs(m["xl/workbook.xml"])

        assert openpyxl.xml.DEFUSEDXML is True
        with pytest.raises(ValueError, match="Unable to read workbook") as info:
            openpyxl.load_workbook(_variant(tmp_path, "lol.xlsx", change))
        assert isinstance(info.value.__cause__ or info.value.__context__, (EntitiesForbidden, DTDForbidden))

    def test_formula_without_saved_value_names_each_cell(self, tmp_path):
        from openpyxl import load_workbook

        path = _good(tmp_path / "f.xlsx")
        wb = load_workbook(path)
        ws = wb["2023"]
        ws["D12"] = "=SUM(D10:D11)"
        ws["E12"] = "=SUM(E10:E11)"
        wb.save(path)
        check = inspect_file(path, "f.xlsx", lang="en")
        assert not check.fatal
        assert [(p.sheet, p.cell, p.severity, p.message) for p in check.problems] == [
            ("2023", "D12", "warning", "Formula without a saved value in D12: open and save the file in Excel"),
            ("2023", "E12", "warning", "Formula without a saved value in E12: open and save the file in Excel"),
        ]

    def test_formula_with_saved_value_is_silent(self, tmp_path):
        def change(m):
            m[_sheet_member(m)] = _sheet_xml('<row r="12"><c r="D12"><f>SUM(D10:D11)</f><v>13</v></c></row>')

        assert inspect_file(_variant(tmp_path, "cached.xlsx", change), "cached.xlsx").problems == []

    def test_macros_present_never_run(self, tmp_path):
        def change(m):
            m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
                b"sheet.main+xml", b"sheet.macroEnabled.main+xml", 1
            )
            m["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really"

        check = inspect_file(_variant(tmp_path, "m.xlsm", change), "m.xlsm", lang="en")
        assert (check.format, check.fatal) == ("xlsm", False)
        assert _messages(check) == ["Macros present, never run; only saved values are read"]

    def test_vba_project_alone_makes_it_xlsm(self, tmp_path):
        def change(m):
            m["xl/vbaProject.bin"] = b"x"

        check = inspect_file(_variant(tmp_path, "m.xlsx", change), "m.xlsx", lang="en")
        assert check.format == "xlsm" and [p.severity for p in check.problems] == ["warning"]

    def test_external_links_never_followed(self, tmp_path):
        def change(m):
            m["xl/externalLinks/externalLink1.xml"] = b'<?xml version="1.0"?><externalLink/>'

        check = inspect_file(_variant(tmp_path, "x.xlsx", change), "x.xlsx", lang="en")
        assert not check.fatal
        assert _messages(check) == ["External links are never followed; saved values used"]

    def test_password_protected_xlsx_is_one_clear_error(self, good, tmp_path):
        from msoffcrypto.format.ooxml import OOXMLFile

        path = tmp_path / "locked.xlsx"
        with open(good, "rb") as src, open(path, "wb") as dst:
            OOXMLFile(src).encrypt("secret", dst)
        check = inspect_file(path, "locked.xlsx", lang="en")
        assert check.fatal
        assert [(p.file, p.severity, p.message) for p in check.problems] == [
            ("locked.xlsx", "error", "The Excel workbook (.xlsx, .xlsm or .xlsb) is encrypted (password-protected) and "
             "cannot be read; open it with its password, save a copy without one and read that copy")
        ]


# --- through the reader ---------------------------------------------------------------


class TestReaderRefusesHazards:
    """Each bad file is one error; the good file next to it still loads."""

    def test_the_reader_parses_the_bytes_the_guard_checked(self, tmp_path, monkeypatch):
        from helpers.read import engine, read_reports

        path = _good(tmp_path / "good.xlsx")
        opened = []
        real = engine.open_book
        monkeypatch.setattr(engine, "open_book", lambda source, fmt=None: opened.append(source) or real(source, fmt))
        reports = read_reports(path)
        assert opened == [inspect_file(path, "good.xlsx").data]
        assert reports.admissions[["unit", "admitted"]].values.tolist() == [["Hòa Phú", 7], ["Vĩnh Lộc", 6]]

    def _folder(self, tmp_path, bad: Path) -> Path:
        folder = tmp_path / "in"
        folder.mkdir()
        _good(folder / "good.xlsx")
        bad.rename(folder / bad.name)
        return folder

    @pytest.mark.parametrize("hazard", ["csv", "lol", "huge", "cut"])
    def test_bad_file_is_one_error_and_the_rest_loads(self, tmp_path, hazard):
        from helpers.read import read_reports

        if hazard == "csv":
            bad = tmp_path / "bad.xlsx"
            bad.write_text("a,b\n1,2\n")
        elif hazard == "cut":
            bad = tmp_path / "bad.xlsx"
            bad.write_bytes(_good(tmp_path / "x.xlsx").read_bytes()[:700])
        else:
            def change(m, hazard=hazard):
                if hazard == "lol":
                    m["xl/workbook.xml"] = _with_laughs(m["xl/workbook.xml"])
                else:  # values spread over a huge grid
                    m[_sheet_member(m)] = _sheet_xml("".join(
                        f'<row r="{1 + i * 18_000}"><c r="{_col(1 + i * 280)}{1 + i * 18_000}"><v>1</v></c></row>'
                        for i in range(58)))

            bad = _variant(tmp_path, "bad.xlsx", change)
        rep = read_reports(self._folder(tmp_path, bad), lang="en")
        assert [(p.file, p.severity) for p in rep.problems] == [("bad.xlsx", "error")]
        assert sorted(rep.admissions["unit"]) == ["Hòa Phú", "Vĩnh Lộc"]

    def test_xlsm_is_read_with_one_warning(self, tmp_path):
        from helpers.read import read_reports

        def change(m):
            m["xl/vbaProject.bin"] = b"x"

        rep = read_reports(_variant(tmp_path, "m.xlsm", change), lang="en")
        assert [(p.severity, p.message) for p in rep.problems] == [
            ("warning", "Macros present, never run; only saved values are read")
        ]
        assert rep.admissions["admitted"].tolist() == [7, 6]

    def test_saved_formula_values_are_used(self, tmp_path):
        from openpyxl import load_workbook

        from helpers.read import read_reports

        path = _good(tmp_path / "f.xlsx")
        ws = load_workbook(path)["2023"]
        cell = next(c for row in ws.iter_rows() for c in row if c.value == 7)  # Hòa Phú's admitted
        members = zip_members(path)
        name = _sheet_member(members)
        xml = members[name].decode()
        needle = f'<c r="{cell.coordinate}"'
        start = xml.index(needle)
        end = xml.index("</c>", start) + 4
        style = xml[start:end].split(">", 1)[0][len(needle):]
        xml = xml[:start] + f'{needle}{style}><f>3+4</f><v>7</v></c>' + xml[end:]
        members[name] = xml.encode()
        rep = read_reports(write_zip(tmp_path / "cached.xlsx", members), lang="en")
        assert rep.problems == []
        assert rep.admissions["admitted"].tolist() == [7, 6]


_ODS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    b"<office:body><office:spreadsheet>"
)
_ODS_TAIL = b"</office:spreadsheet></office:body></office:document-content>"


def _ods(path: Path, tables: bytes) -> Path:
    """A minimal .ods file whose content.xml holds ``tables``."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", _ODS_HEAD + tables + _ODS_TAIL, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )
    return path


def _value_cell(repeat: int = 1) -> bytes:
    return (
        b'<table:table-cell table:number-columns-repeated="%d" office:value-type="float" office:value="1">'
        b"<text:p>1</text:p></table:table-cell>" % repeat
    )


class TestOdsGrid:
    """ODS repeats rows and cells by attribute: a 1 KB file can ask for a huge grid."""

    def test_repeated_value_cells_past_the_limit_are_refused(self, tmp_path):
        table = b'<table:table table:name="2023"><table:table-row table:number-rows-repeated="90000">' + _value_cell(
            1000
        ) + b"</table:table-row></table:table>"
        path = _ods(tmp_path / "bomb.ods", table)
        assert path.stat().st_size < 2000
        check = inspect_file(path, "bomb.ods", lang="en")
        assert check.fatal
        assert [(p.sheet, p.severity, p.message) for p in check.problems] == [
            ("2023", "error", "Refused: sheet declares 90000 rows × 1000 columns (90000000 cells; limit 2000000); "
             "split it into smaller sheets")
        ]

    def test_empty_repeated_rows_at_the_end_are_not_counted(self, tmp_path):
        # what spreadsheet programs write after the last used row: empty, repeated to the sheet's end
        table = (
            b'<table:table table:name="S"><table:table-row>' + _value_cell(3) + b"</table:table-row>"
            b'<table:table-row table:number-rows-repeated="1048575">'
            b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>'
        )
        check = inspect_file(_ods(tmp_path / "real.ods", table), "real.ods", lang="en")
        assert (check.format, check.fatal, check.problems) == ("ods", False, [])

    def test_the_extent_counts_repeats_of_rows_and_cells(self):
        from helpers.read.guard import _ods_extents

        content = (
            b'<table:table table:name="A"><table:table-row table:number-rows-repeated="4">'
            + _value_cell(2)
            + b'<table:table-cell table:number-columns-repeated="5"/>'
            + _value_cell(1)
            + b"</table:table-row><table:table-row/></table:table>"
            b'<table:table table:name="B"><table:table-row><table:table-cell/></table:table-row>'
            b"<table:table-row>" + _value_cell(1) + b"</table:table-row></table:table>"
        )
        # chunk boundaries inside tags must not matter
        chunks = [content[i : i + 7] for i in range(0, len(content), 7)]
        assert _ods_extents(chunks) == [("A", 4, 8), ("B", 2, 1)]

    def test_the_reader_refuses_it_in_bounded_memory(self, tmp_path):
        table = b'<table:table table:name="2023"><table:table-row table:number-rows-repeated="90000">' + _value_cell(
            1000
        ) + b"</table:table-row></table:table>"
        path = _ods(tmp_path / "bomb.ods", table)
        out = _run_capped(_READ_PROBLEMS, path)
        assert out.returncode == 0, out.stderr[-500:]
        assert out.stdout.strip() == "[('error', '2023')]"


def _xls(path: Path, cells: list[tuple[str, int, int, object]]) -> Path:
    """An .xls file (BIFF8, via xlwt) with ``(sheet, row, col, value)`` cells; None writes a styled blank."""
    import xlwt

    wb = xlwt.Workbook()
    sheets: dict[str, object] = {}
    for sheet, row, col, value in cells:
        ws = sheets.get(sheet) or sheets.setdefault(sheet, wb.add_sheet(sheet))
        if value is None:
            ws.write(row, col, None, xlwt.easyxf("font: bold on"))
        else:
            ws.write(row, col, value)
    wb.save(str(path))
    return path


class TestXlsGrid:
    """An .xls sheet is at most 65,536 × 256 cells, still 16.7 million: the engine reserves them all."""

    def test_a_far_cell_is_left_out_naming_the_sheet_and_what_it_held(self, tmp_path):
        path = _xls(tmp_path / "far.xls", [("Hướng dẫn", 0, 0, "a"), ("Năm 2023", 0, 0, "x"), ("Năm 2023", 65535, 255, 1)])
        assert path.stat().st_size < 10_000
        check = inspect_file(path, "far.xls", lang="en")
        assert (check.format, check.fatal) == ("xls", False)
        assert [(p.sheet, p.cell, p.severity, p.params["cells"]) for p in check.problems] == [
            ("Năm 2023", "IV65536", "warning", "IV65536 = 1")
        ]
        from helpers.read.workbook import open_book

        book = open_book(check.data, check.format)
        assert book.cells("Năm 2023")[0] == [["x"]]

    def test_a_far_styled_blank_is_not_counted(self, tmp_path):
        # blank cells hold no value; the declared dimensions that cover them are rewritten
        path = _xls(tmp_path / "blank.xls", [("2023", 0, 0, "x"), ("2023", 65535, 255, None)])
        check = inspect_file(path, "blank.xls", lang="en")
        assert (check.fatal, check.problems) == (False, [])
        from helpers.read.guard.ole import biff_sheets, _workbook_stream

        (_name, sheet), = biff_sheets(_workbook_stream(check.data))
        assert sheet.dims[1:] == (1, 1)

    def test_an_ordinary_report_passes(self, tmp_path):
        path = _xls(tmp_path / "ok.xls", [("2023", r, c, r * c) for r in range(40) for c in range(9)])
        check = inspect_file(path, "ok.xls", lang="en")
        assert (check.format, check.fatal, check.problems) == ("xls", False, [])

    def test_the_reader_reads_it_in_bounded_memory(self, tmp_path):
        path = _xls(tmp_path / "far.xls", [("2023", 0, 0, "x"), ("2023", 65535, 255, 1)])
        out = _run_capped(_READ_PROBLEMS, path)
        assert out.returncode == 0, out.stderr[-500:]
        assert out.stdout.strip() == "[('warning', '2023'), ('warning', None)]"  # the stray cell; no report
