"""A report document as an offline page, and a commune's page and Word report written from one document, no kernel."""

from __future__ import annotations

import base64
import re

import pytest
from _communes import commune_data
from _pages import broken_text, page_text, wrong_language, wrong_numbers

from helpers import config, notebooks
from helpers.docpage import document_page, notebook_prose, render_commune
from helpers.document import Figure, Paragraph, ReportDocument, Section, Table


@pytest.fixture
def png(tmp_path):
    import matplotlib.pyplot as plt

    from helpers.save import save_figure

    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 5])
    ax.set_title("Kết nạp theo năm")
    path = save_figure(fig, "series_vi", out_dir=tmp_path, formats=("png",))["png"]
    plt.close(fig)
    return path


def _document(png) -> ReportDocument:
    table = Table(caption="Kết nạp theo năm, xã Yên Nguyên", headings=["Năm", "Chỉ tiêu", "Kết nạp"],
                  rows=[["2024", "20", "18"], ["2025", "30", "27"], ["Cộng", "50", "45"]], total_row=True,
                  align=["left", "right", "right"])  # fmt: skip
    series = Section("Kết nạp đảng viên qua các năm", [
        Paragraph("Năm 2025, xã Yên Nguyên kết nạp 27 đảng viên."),
        Figure(image=png, caption="Kết nạp đảng viên theo năm, xã Yên Nguyên", alt="Kết nạp theo năm. Năm 2025 kết nạp 27."),
        table,
    ])  # fmt: skip
    return ReportDocument(lang="vi", committee="ĐẢNG BỘ TỈNH TUYÊN QUANG\nĐẢNG ỦY XÃ YÊN NGUYÊN", place="Yên Nguyên",
                          date="ngày 05 tháng 12 năm 2025", title="BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2025",
                          subtitle="Xã Yên Nguyên", sections=[series], source_note="Dữ liệu mô phỏng.")  # fmt: skip


class TestDocumentPage:
    def test_one_language_and_nothing_loaded_from_elsewhere(self, png):
        page = document_page(_document(png), title="Xã Yên Nguyên")
        assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
        assert re.findall(r'(?:src|href)="(?!data:)[^"]*"', page) == []
        assert "http://" not in page and "https://" not in page

    def test_the_header_title_sections_and_note_in_order(self, png):
        page = document_page(_document(png), title="Xã Yên Nguyên", prose={"Kết nạp đảng viên qua các năm": ["Từ ngày 1/7/2025 …"]},
                             synthetic=True)  # fmt: skip
        text = page_text(page)
        order = ["ĐẢNG ỦY XÃ YÊN NGUYÊN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Yên Nguyên, ngày 05 tháng 12 năm 2025",
                 "BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2025", "Kết nạp đảng viên qua các năm", "Từ ngày 1/7/2025",
                 "Năm 2025, xã Yên Nguyên kết nạp 27 đảng viên.", "Hình 1. Kết nạp đảng viên theo năm, xã Yên Nguyên",
                 "Kết nạp theo năm, xã Yên Nguyên", "Dữ liệu mô phỏng."]  # fmt: skip
        at = [text.index(t) for t in order]
        assert at == sorted(at)
        assert '<p class="note synthetic">Dữ liệu mô phỏng.</p>' in page
        assert '<p class="note sources">' in document_page(_document(png), title="x")

    def test_the_figure_is_the_png_embedded_with_its_alt_text(self, png):
        page = document_page(_document(png), title="x")
        (src, alt), = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)"', page)
        assert base64.b64decode(src) == png.read_bytes()
        assert alt == "Kết nạp theo năm. Năm 2025 kết nạp 27."

    def test_the_table_with_its_headings_and_the_total_in_the_foot(self, png):
        page = document_page(_document(png), title="x")
        assert re.findall(r'<th scope="col" class="(\w+)">([^<]+)</th>', page) == [("left", "Năm"), ("right", "Chỉ tiêu"), ("right", "Kết nạp")]
        assert re.search(r'<tfoot><tr class="total"><th scope="row">Cộng</th><td class="right">50</td><td class="right">45</td></tr></tfoot>', page)
        assert page.count('<tr><th scope="row">') == 2


class TestNotebookProse:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_the_commune_notebooks_sections_in_one_language_without_the_notebook_only_cells(self, lang):
        prose = notebook_prose(notebooks.read(config.NOTEBOOKS_DIR / "04_commune_report.ipynb"), lang)
        first = {"vi": "Kết nạp đảng viên qua các năm", "en": "Admissions year by year"}[lang]
        assert list(prose)[0] == first and prose[first][0].startswith({"vi": "Từ ngày 1/7/2025", "en": "Since 1 July 2025"}[lang])
        assert not any("parameters" in p or "python -m helpers" in p for ps in prose.values() for p in ps)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return commune_data(tmp_path_factory.mktemp("communes") / "data")


class TestRenderCommune:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_page_and_word_report_from_one_document_each_figure_drawn_once(self, data, tmp_path, lang, monkeypatch):
        import docx

        from helpers import commune

        drawn = []
        monkeypatch.setattr(commune, "_draw", lambda ctx, name, _draw=commune._draw: (drawn.append(name), _draw(ctx, name))[1])
        params = {"commune": "yen nguyen", "lang": lang, "data_dir": str(data), "figures_dir": str(tmp_path / "figures")}
        nb = notebooks.for_report(notebooks.read(config.NOTEBOOKS_DIR / "04_commune_report.ipynb"), lang, None)
        written = render_commune(params, html_path=tmp_path / "yen-nguyen.html", docx_path=tmp_path / "yen-nguyen.docx",
                                 title="Yên Nguyên", nav=[("../index.html", "Contents")], notebook=nb)  # fmt: skip
        assert drawn == ["series", "cells"]
        page = (tmp_path / "yen-nguyen.html").read_text(encoding="utf-8")
        assert written == {"html": str(tmp_path / "yen-nguyen.html"), "docx": str(tmp_path / "yen-nguyen.docx")}
        assert f'<html lang="{lang}">' in page and 'href="../index.html"' in page
        assert page.count("data:image/png;base64,") == 2 and len(docx.Document(written["docx"]).inline_shapes) == 2
        assert broken_text(page) == [] and wrong_numbers(page, lang) == []
        assert wrong_language(page, lang, {"Yên Nguyên", "Bản Ba", "Nà Mỵ", "Hòa Phú", "Chiêm Hóa", "Trường THCS Yên Nguyên"}) == []
        saved = sorted(p.name for p in (tmp_path / "figures" / "communes" / "yen-nguyen").iterdir())
        assert saved == sorted(f"{n}_{lang}.{ext}" for n in ("cells", "series") for ext in ("json", "pdf", "png", "svg"))
