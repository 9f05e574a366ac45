"""A district's report as a :class:`helpers.document.ReportDocument`, from the bundled data.

For the Word writer's tests and its rendering check (``bench/render_word.py``):
the figures are the report's own (drawn and saved as PNG by
:func:`helpers.figures.save_district_figures`), the readings and the table
are computed from the bundled workbooks, every number written the
language's way.  The build makes the real documents; this one only has to
look like them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from helpers import config, figures
from helpers import indicators as ind
from helpers.document import Figure, Paragraph, ReportDocument, Section, Table, format_date
from helpers.i18n import format_number, format_percent
from helpers.text import vi_sort_key

_WORDS = {
    "vi": {
        "committee": "ĐẢNG BỘ TỈNH TUYÊN QUANG\nHUYỆN ỦY {district}",
        "title": "BÁO CÁO",
        "subtitle": "số liệu công tác xây dựng Đảng năm {year}",
        "admissions": "1. Kết nạp đảng viên",
        "ratings": "2. Đánh giá, xếp loại chất lượng",
        "admitted": "Năm {year}, toàn huyện kết nạp {admitted} đảng viên, đạt {share} chỉ tiêu năm ({target} đảng viên).",
        "good": "Năm {year}, {share} tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
        "table": "Kết nạp đảng viên năm {year} theo đơn vị",
        "headings": ["Đơn vị", "Chỉ tiêu", "Kết nạp", "Nữ", "DTTS"],
        "total": "Cộng",
        "source": "Nguồn: báo cáo của các tổ chức cơ sở đảng huyện {district} (data/raw). Số liệu mô phỏng, không phải số liệu thật.",
    },
    "en": {
        "committee": "TUYÊN QUANG PROVINCIAL PARTY ORGANISATION\n{district} DISTRICT PARTY COMMITTEE",
        "title": "REPORT",
        "subtitle": "party-building figures for {year}",
        "admissions": "1. Admission of new members",
        "ratings": "2. Quality ratings",
        "admitted": "In {year} the district admitted {admitted} new members, {share} of the year's target ({target}).",
        "good": "In {year}, {share} of grassroots party organisations were rated good or better.",
        "table": "New members admitted in {year}, by unit",
        "headings": ["Unit", "Target", "Admitted", "Women", "Ethnic minorities"],
        "total": "Total",
        "source": "Source: the reports of the grassroots party organisations of {district} (data/raw). Synthetic data, not real figures.",
    },
}

#: The figures the sample report holds, by section.
SECTIONS = {"admissions": ("admissions_target", "term_pace", "admissions_composition"), "ratings": ("ratings_organisations",)}


def _admissions_table(reports, district: str, year: int, lang: str) -> Table:
    words = _WORDS[lang]
    adm = reports.admissions
    rows = adm[(adm["district"] == district) & (adm["year"] == year)]
    rows = rows.iloc[sorted(range(len(rows)), key=lambda i: vi_sort_key(rows["unit"].iloc[i]))]
    columns = ("target", "admitted", "female", "ethnic_minority")
    body = [[r.unit, *(format_number(getattr(r, c), 0, lang) for c in columns)] for r in rows.itertuples()]
    total = [words["total"], *(format_number(int(rows[c].sum()), 0, lang) for c in columns)]
    return Table(words["table"].format(year=year), list(words["headings"]), [*body, total], total_row=True)


def _readings(reports, district: str, year: int, lang: str) -> dict[str, Paragraph]:
    words = _WORDS[lang]
    att = ind.admissions_attainment(reports.admissions, by="district")
    a = att[(att["district"] == district) & (att["year"] == year)].iloc[0]
    gob = ind.good_or_better(reports.ratings, subject="organisation")
    g = gob[(gob["district"] == district) & (gob["year"] == year)].iloc[0]
    return {
        "admissions": Paragraph(words["admitted"].format(
            year=year, admitted=format_number(a.admitted, 0, lang), share=format_percent(float(a.attainment), 1, lang),
            target=format_number(a.target, 0, lang))),
        "ratings": Paragraph(words["good"].format(year=year, share=format_percent(float(g.share), 1, lang))),
    }  # fmt: skip


def sample_document(out_dir: str | Path, *, district: str = "Chiêm Hóa", lang: str = "vi", reports=None) -> ReportDocument:
    """A realistic report of ``district`` from the bundled data, its figures saved as PNG in ``out_dir``."""
    from helpers.read import read_reports

    reports = reports if reports is not None else read_reports(config.RAW_DATA_DIR)
    whole = ind.whole_years(reports.admissions[reports.admissions["district"] == district])
    year = int(whole.loc[whole["complete"].astype(bool), "year"].max())  # the district's last whole year
    names = [n for names in SECTIONS.values() for n in names]
    figures.save_district_figures(reports, district, langs=(lang,), out_dir=out_dir, names=names, formats=("png",))
    words, readings = _WORDS[lang], _readings(reports, district, year, lang)
    sections = []
    for key, names in SECTIONS.items():
        blocks: list = [readings[key]]
        for name in names:
            sidecar = json.loads((Path(out_dir) / f"{name}_{lang}.json").read_text(encoding="utf-8"))
            title = sidecar["title"]
            blocks.append(Figure(Path(out_dir) / f"{name}_{lang}.png", title, alt=f"{title}. {readings[key].text}"))
        if key == "admissions":
            blocks.append(_admissions_table(reports, district, year, lang))
        sections.append(Section(words[key], blocks))
    return ReportDocument(
        lang=lang, committee=words["committee"].format(district=district.upper()), place=district,
        date=format_date(date(year, 12, 15), lang), title=words["title"], subtitle=words["subtitle"].format(year=year),
        sections=sections, source_note=words["source"].format(district=district),
    )  # fmt: skip

