"""The Word report, read back with python-docx: layout, headings, figures and captions, tables, fonts, margins."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from bench._sample_report import sample_document
from helpers import word
from helpers.document import Figure, Paragraph, ReportDocument, Section, Table


@pytest.fixture(scope="module")
def reports():
    from helpers import config
    from helpers.read import read_reports

    return read_reports(config.RAW_DATA_DIR)


@pytest.fixture(scope="module", params=["vi", "en"])
def written(request, reports, tmp_path_factory):
    """A realistic Chiêm Hóa report from the bundled data, written and read back."""
    lang = request.param
    out = tmp_path_factory.mktemp(f"word-{lang}")
    doc = sample_document(out, lang=lang, reports=reports)
    path = word.write_docx(doc, out / "chiem-hoa.docx")
    return doc, path, docx.Document(str(path))


def _body(document) -> list:
    return [p for p in document.paragraphs if p.text]


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


class TestPage:
    def test_a4_with_the_guidance_margins(self, written):
        _doc, _path, document = written
        (section,) = document.sections
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        mm = {side: round(getattr(section, f"{side}_margin").mm, 1) for side in ("top", "bottom", "left", "right")}
        assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25 and 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20

    def test_page_numbers_from_the_second_page(self, written):
        _doc, _path, document = written
        section = document.sections[0]
        assert section.different_first_page_header_footer
        instructions = [i.text.strip() for i in section.header._element.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        assert section.header.paragraphs[0].alignment == 1  # centred
        assert not "".join(p.text for p in section.first_page_header.paragraphs)

    def test_times_new_roman_14_for_every_script(self, written):
        doc, _path, document = written
        normal = document.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
        fonts = normal.element.rPr.rFonts
        assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
        assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == {"vi": "vi-VN", "en": "en-GB"}[doc.lang]
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                assert run.font.name in (None, "Times New Roman"), run.text
                assert run.font.size is None or Pt(12) <= run.font.size <= Pt(15), run.text

    def test_every_text_is_nfc(self, written):
        _doc, _path, document = written
        text = _all_text(document)
        assert unicodedata.normalize("NFC", text) == text


class TestHeaderBlock:
    def test_committee_top_left_with_its_star(self, written):
        doc, _path, document = written
        left, right = document.tables[0].rows[0].cells
        lines = [p for p in left.paragraphs if p.text]
        committee = doc.committee.split("\n")
        assert [p.text for p in lines] == [*committee, "*"]
        assert [bool(p.runs[0].font.bold) for p in lines[:2]] == [False, True]  # the issuing committee in bold
        assert all(p.alignment == 1 for p in lines)

    def test_the_party_top_right_underlined_and_the_place_and_date_in_italics(self, written):
        doc, _path, document = written
        _left, right = document.tables[0].rows[0].cells
        party, place_date = [p for p in right.paragraphs if p.text]
        assert party.text == {"vi": "ĐẢNG CỘNG SẢN VIỆT NAM", "en": "COMMUNIST PARTY OF VIETNAM"}[doc.lang]
        assert party.runs[0].font.bold and party.runs[0].font.underline
        expected = {"vi": "Chiêm Hóa, ngày 15 tháng 12 năm 2024", "en": "Chiêm Hóa, 15 December 2024"}[doc.lang]
        assert place_date.text == expected and place_date.runs[0].font.italic

    def test_the_header_table_has_no_borders(self, written):
        _doc, _path, document = written
        borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"nil"}

    def test_title_centred_bold(self, written):
        doc, _path, document = written
        title = next(p for p in document.paragraphs if p.text == doc.title)
        assert title.alignment == 1 and title.runs[0].font.bold and title.runs[0].font.size == Pt(15)
        subtitle = next(p for p in document.paragraphs if p.text == doc.subtitle)
        assert subtitle.alignment == 1 and subtitle.runs[0].font.bold

    def test_a_number_under_the_star_when_given(self, reports, tmp_path):
        doc = ReportDocument(lang="vi", committee="HUYỆN ỦY NA HANG", place="Na Hang", date="ngày 05 tháng 01 năm 2025",
                             title="BÁO CÁO", number="Số 25-BC/HU")
        document = docx.Document(str(word.write_docx(doc, tmp_path / "n.docx")))
        left = document.tables[0].rows[0].cells[0]
        assert [p.text for p in left.paragraphs if p.text] == ["HUYỆN ỦY NA HANG", "*", "Số 25-BC/HU"]


class TestContent:
    def test_headings_in_order(self, written):
        doc, _path, document = written
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert headings == [s.heading for s in doc.sections]

    def test_readings_as_justified_paragraphs(self, written):
        doc, _path, document = written
        readings = [b.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph)]
        found = [p for p in document.paragraphs if p.text in readings]
        assert [p.text for p in found] == readings
        assert all(p.alignment == 3 and p.paragraph_format.first_line_indent == word_indent() for p in found)

    def test_every_figure_with_its_numbered_caption_and_alt_text(self, written):
        doc, _path, document = written
        shown = [b for s in doc.sections for b in s.blocks if isinstance(b, Figure)]
        assert len(document.inline_shapes) == len(shown) == 4
        prefix = {"vi": "Hình", "en": "Figure"}[doc.lang]
        captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith(prefix)]
        assert captions == [f"{prefix} {i}. {f.caption}" for i, f in enumerate(shown, start=1)]
        described = [s._inline.docPr.get("descr") for s in document.inline_shapes]
        assert described == [f.alt for f in shown]
        assert all(s.width <= Mm(160) and s.height <= Mm(200) for s in document.inline_shapes)

    def test_captions_are_word_sequence_fields(self, written):
        doc, _path, document = written
        prefix = {"vi": "Hình", "en": "Figure"}[doc.lang]
        caption = next(p for p in document.paragraphs if p.text.startswith(f"{prefix} 1."))
        assert [i.text.strip() for i in caption._p.iter(qn("w:instrText"))] == [f"SEQ {prefix} \\* ARABIC"]

    def test_the_table_with_its_header_row_repeated_and_numbers_right(self, written):
        doc, _path, document = written
        (block,) = [b for s in doc.sections for b in s.blocks if isinstance(b, Table)]
        table = document.tables[1]
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert cells == [block.headings, *block.rows]
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        assert all(row.cells[i].paragraphs[0].alignment == 2 for row in table.rows[1:] for i in range(1, 5))
        assert all(row.cells[0].paragraphs[0].alignment == 0 for row in table.rows[1:])
        total = table.rows[-1]
        assert total.cells[0].text == {"vi": "Cộng", "en": "Total"}[doc.lang] and total.cells[1].paragraphs[0].runs[0].font.bold
        prefix = {"vi": "Bảng", "en": "Table"}[doc.lang]
        assert f"{prefix} 1. {block.caption}" in [p.text for p in document.paragraphs]

    def test_numbers_written_the_language_way(self, written):
        doc, _path, document = written
        table = document.tables[1]
        total = int(table.rows[-1].cells[2].text.replace(".", "").replace(",", ""))
        assert total == sum(int(r.cells[2].text.replace(".", "").replace(",", "")) for r in table.rows[1:-1])
        if doc.lang == "vi":
            assert any("," in p.text and "%" in p.text for p in document.paragraphs)  # "96,7 %"

    def test_the_source_note_last_in_italics(self, written):
        doc, _path, document = written
        last = _body(document)[-1]
        assert last.text == doc.source_note and last.runs[0].font.italic

    def test_no_fixed_text_of_the_other_language(self, written):
        doc, _path, document = written
        text = _all_text(document)
        other = {"vi": ("COMMUNIST PARTY", "Figure ", "Table "), "en": ("ĐẢNG CỘNG SẢN", "Hình ", "Bảng ")}[doc.lang]
        assert not [w for w in other if w in text]


def word_indent():
    from docx.shared import Cm

    return Cm(word.INDENT_CM)


class TestEdgeCases:
    def test_numbers_right_aligned_when_no_alignment_is_given(self, tmp_path):
        block = Table("T", ["Đơn vị", "Số"], [["Hòa Phú", "1.234"], ["Yên Lập", "57,8 %"]])
        doc = ReportDocument(lang="vi", committee="HUYỆN ỦY CHIÊM HÓA", place="Chiêm Hóa", date="ngày 15 tháng 12 năm 2024",
                             title="BÁO CÁO", sections=[Section("1. Bảng", [block])])
        table = docx.Document(str(word.write_docx(doc, tmp_path / "t.docx"))).tables[1]
        assert [r.cells[1].paragraphs[0].alignment for r in table.rows[1:]] == [2, 2]
        assert [r.cells[0].paragraphs[0].alignment for r in table.rows[1:]] == [0, 0]

    def test_replaces_a_file_and_makes_its_folder(self, tmp_path):
        doc = ReportDocument(lang="en", committee="NA HANG DISTRICT PARTY COMMITTEE", place="Na Hang", date="5 January 2025",
                             title="REPORT")
        path = tmp_path / "en" / "na-hang.docx"
        word.write_docx(doc, path)
        word.write_docx(replace(doc, title="REPORT 2"), path)
        assert "REPORT 2" in [p.text for p in docx.Document(str(path)).paragraphs]

    def test_every_fixed_text_in_both_languages(self):
        for key, entry in word.TEXTS.items():
            assert set(entry) == {"vi", "en"}, key
            assert unicodedata.normalize("NFC", entry["vi"]) == entry["vi"]


class TestTableCells:
    """Each table cell is a copy of the first cell written with the same alignment and weight: the same XML as
    writing every cell with python-docx's formatting calls."""

    ROWS = [["Hòa Phú", "1.234", "57,8 %"], ["Yên Lập", "", "9"], ["Kiên  Đài ", "a\tb", "3"], ["Tổng số", "1.240", "60,1 %"]]

    def _document_xml(self, tmp_path, name):
        import zipfile

        block = Table("T", ["Đơn vị", "Số", "Tỷ lệ"], self.ROWS, total_row=True)
        doc = ReportDocument(lang="vi", committee="HUYỆN ỦY CHIÊM HÓA", place="Chiêm Hóa", date="ngày 15 tháng 12 năm 2024",
                             title="BÁO CÁO", sections=[Section("1. Bảng", [block])])
        with zipfile.ZipFile(word.write_docx(doc, tmp_path / f"{name}.docx")) as z:
            return z.read("word/document.xml")

    def test_copied_cells_are_the_xml_of_cells_written_one_by_one(self, tmp_path, monkeypatch):
        copied = self._document_xml(tmp_path, "copied")
        monkeypatch.setattr(word._Cells, "write", lambda self, cell, text, *, right, bold: word._cell(cell, text, right=right, bold=bold))
        assert copied == self._document_xml(tmp_path, "one-by-one")

    def test_texts_kept_exactly_bold_total_row(self, tmp_path):
        xml = self._document_xml(tmp_path, "t")
        document = docx.Document(str(tmp_path / "t.docx"))
        rows = [[c.text for c in r.cells] for r in document.tables[1].rows[1:]]
        assert rows == self.ROWS
        total = document.tables[1].rows[-1].cells[0].paragraphs[0].runs[0]
        assert total.font.bold is True and total.font.name == "Times New Roman" and total.font.size == Pt(word.SIZES["table"])
        assert xml.count(b"<w:tab/>") == 1
