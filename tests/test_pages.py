"""Pages that open anywhere: one language, no code, nothing from the internet, images embedded with their alt text."""

from __future__ import annotations

import base64
import re

import pytest

from helpers import pages

PNG = base64.b64encode(
    bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")  # fmt: skip
).decode()


def _nb(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _code(source, *outputs):
    return {"cell_type": "code", "source": source, "metadata": {}, "outputs": list(outputs)}


def _display(data, metadata=None):
    return {"output_type": "display_data", "data": data, "metadata": metadata or {}}


class TestNotebookPage:
    def test_language_title_and_nothing_loaded_from_elsewhere(self):
        page = pages.notebook_page(_nb({"cell_type": "markdown", "source": "# Báo cáo", "metadata": {}}), lang="vi", title="Báo cáo huyện")
        assert page.startswith('<!DOCTYPE html>\n<html lang="vi">') and "<title>Báo cáo huyện</title>" in page
        assert f'content="{pages.CSP}"' in page and "default-src 'none'" in pages.CSP
        assert "<script" not in page and not re.search(r'(src|href)="https?:', page) and "<link" not in page
        assert "<h1>Báo cáo</h1>" in page

    def test_outputs_without_the_code_and_without_stderr(self):
        nb = _nb(_code("secret_call()", {"output_type": "stream", "name": "stderr", "text": "Kernel noise"},
                       _display({"text/html": '<p class="reading">Năm 2024 …</p>', "text/plain": "'Năm 2024'"})))
        page = pages.notebook_page(nb, lang="vi", title="t")
        assert "secret_call" not in page and "Kernel noise" not in page
        assert '<p class="reading">Năm 2024 …</p>' in page and "'Năm 2024'" not in page

    def test_an_image_keeps_the_alt_text_it_was_given(self):
        nb = _nb(_code("x", _display({"image/png": PNG, "text/plain": "<Figure>"}, {"image/png": {"alt": 'Tiêu đề. Đọc "22/24"'}})))
        page = pages.notebook_page(nb, lang="vi", title="t")
        assert f'<img src="data:image/png;base64,{PNG}" alt="Tiêu đề. Đọc &quot;22/24&quot;">' in page
        assert "No description has been provided" not in page

    def test_svg_is_embedded_too(self):
        svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
        page = pages.notebook_page(_nb(_code("x", _display({"image/svg+xml": svg}))), lang="en", title="t")
        assert f'src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}"' in page

    @pytest.mark.slow
    def test_an_image_displayed_in_a_kernel_keeps_its_alt(self, tmp_path):
        from helpers.runner import execute_notebook

        source = (f"import base64\nfrom IPython.display import Image, display\n"
                  f"display(Image(data=base64.b64decode('{PNG}'), format='png', alt='Hình 1. Năm 2024, 22/24 bí thư'))")  # fmt: skip
        nb = _nb({"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None, "id": "a"})
        nb["metadata"] = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
        result, executed = execute_notebook(nb, tmp_path / "out.ipynb", cwd=tmp_path)
        assert result["ok"], result["error"]
        page = pages.notebook_page(executed, lang="vi", title="t")
        assert 'alt="Hình 1. Năm 2024, 22/24 bí thư"' in page and "data:image/png;base64," in page


class TestIndexes:
    def test_a_language_index_links_its_reports_and_word_versions(self, tmp_path):
        (tmp_path / "na-hang.html").write_text("x")
        (tmp_path / "na-hang.docx").write_bytes(b"x")
        page = pages.index_page(tmp_path, lang="en", title="Party-building reports", intro="Reports.", note="Simulated.",
                                districts=[("lam-binh.html", "Lâm Bình"), ("na-hang.html", "Na Hang")])  # fmt: skip
        assert '<html lang="en">' in page
        assert '<li><a href="lam-binh.html">Lâm Bình</a> (not built yet)</li>' in page
        assert '<li><a href="na-hang.html">Na Hang</a> · <a href="na-hang.docx">Word version</a></li>' in page
        assert '<a href="../vi/index.html" lang="vi">Tiếng Việt</a>' in page

    def test_the_root_index_leads_to_both_languages_each_in_its_own(self, tmp_path):
        (tmp_path / "vi").mkdir()
        (tmp_path / "vi" / "index.html").write_text("x")
        page = pages.root_index_page(tmp_path)
        assert '<section lang="vi"><h2>Báo cáo công tác xây dựng Đảng</h2><p><a href="vi/index.html">Báo cáo bằng tiếng Việt</a></p></section>' in page
        assert '<section lang="en"><h2>Party-building reports</h2><p><a href="en/index.html">Reports in English</a> (not built yet' in page
