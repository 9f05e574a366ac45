"""Readings: the short sentences a report prints beside each figure.

Each function takes an indicator frame of :mod:`helpers.indicators` for one
district (by district, or by unit where it says so) and returns one or two
sentences in ``lang``, every number computed from the frame and written the
language's way (:mod:`helpers.i18n`).  A sentence never shows a missing
value: where a figure cannot be computed, the reading says so and why; where
the year read is not covered whole (a first-half report only: the frame's
``complete`` and ``periods``), it says so in a last sentence
(:func:`period_reading`).
``kind`` is ``"district"`` (*huyện*) or ``"city"`` (*thành phố*, Tuyên
Quang), from :func:`helpers.dataset.district_kind`.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"district": ["Chiêm Hóa"], "year": [2023], "units": [24],
...     "secretaries_non_local": [22], "pc_chairs_non_local": [10],
...     "pc_vice_chairs_non_local": [4], "secretaries_chairing_pc": [2]})
>>> print(placements_reading(frame, lang="en"))
In 2023, 22 of 24 grassroots party secretaries (92%) in Chiêm Hóa district are not local; so are 10 People's Committee chairs and 4 vice-chairs; in 2 communes the party secretary also chairs the People's Committee.
>>> print(placements_reading(frame.assign(secretaries_chairing_pc=0)))
Năm 2023, 22/24 bí thư đảng ủy cơ sở (92 %) ở huyện Chiêm Hóa không phải người địa phương; 10 chủ tịch và 4 phó chủ tịch UBND cấp xã cũng vậy; không xã, thị trấn nào có bí thư đồng thời là chủ tịch UBND.
"""

from __future__ import annotations

import math

from .i18n import format_number, format_percent, get_lang, is_missing, plural, translate

_MESSAGES = {
    # places and kinds
    "place_district": {"vi": "huyện {name}", "en": "{name} district"},
    "place_city": {"vi": "thành phố {name}", "en": "{name} city"},
    "place_province": {"vi": "tỉnh {name}", "en": "{name} province"},
    "committee_district": {"vi": "HUYỆN ỦY {name}", "en": "{name} District Party Committee"},
    "committee_city": {"vi": "THÀNH ỦY {name}", "en": "{name} City Party Committee"},
    "kind_admissions": {"vi": "kết nạp đảng viên", "en": "admissions of new members"},
    "kind_ratings": {"vi": "xếp loại chất lượng", "en": "quality ratings"},
    "kind_placements": {"vi": "bố trí cán bộ chủ chốt cấp xã", "en": "commune leaders' placements"},
    "kind_breakthrough_tasks": {"vi": "giao việc đột phá", "en": "breakthrough tasks"},
    "no_data": {
        "vi": "Các tệp số liệu không có báo cáo {what} của {place}.",
        "en": "The data files hold no report on {what} for {place}.",
    },
    "unknown": {"vi": "chưa rõ", "en": "unknown"},
    # problems
    "problems_none": {
        "vi": "Không phát hiện vấn đề nào trong {files} số liệu của {place}.",
        "en": "No problems found in the {files} of data for {place}.",
    },
    "problems": {
        "vi": (
            "Phát hiện {n} vấn đề trong các tệp số liệu của {place}: {errors} lỗi (số liệu không dùng được) "
            "và {warnings} cảnh báo (số liệu vẫn dùng được). Mỗi vấn đề ghi rõ tệp, trang tính và ô."
        ),
        "en": (
            "{n} found in the data files for {place}: {errors} (figures that cannot be trusted) and {warnings} "
            "(figures that can). Each names its file, sheet and cell."
        ),
    },
    # admissions
    "admissions": {
        "vi": "Năm {year}, {place} kết nạp {admitted} đảng viên mới, đạt {attainment} chỉ tiêu năm ({target}) của {units} tổ chức cơ sở đảng có chỉ tiêu.",
        "en": "In {year}, {place} admitted {admitted}, {attainment} of the annual target ({target}) of its {units} with a target.",
    },
    "admissions_no_target": {
        "vi": "Năm {year}, {place} kết nạp {admitted} đảng viên mới; không tổ chức cơ sở đảng nào có chỉ tiêu năm, nên không tính được tỷ lệ đạt chỉ tiêu.",
        "en": "In {year}, {place} admitted {admitted}; no party organisation had an annual target, so attainment cannot be computed.",
    },
    "admissions_none": {
        "vi": "Báo cáo năm {year} của {place} không ghi số đảng viên kết nạp.",
        "en": "The {year} report of {place} gives no number of members admitted.",
    },
    "admissions_without_target": {
        "vi": " {n} tổ chức không có chỉ tiêu không được tính vào tỷ lệ.",
        "en": " {n} without a target {verb} left out of the share.",
    },
    "term": {
        "vi": "Từ đầu nhiệm kỳ {term} đến năm {as_of}, {place} kết nạp {admitted} đảng viên, đạt {attainment} tổng chỉ tiêu các năm của nhiệm kỳ ({term_target}); {pace}.",
        "en": "From the start of the {term} term to {as_of}, {place} admitted {admitted}, {attainment} of the term's annual targets added up ({term_target}); {pace}.",
    },
    "term_over": {
        "vi": "Cả nhiệm kỳ {term} (đến năm {as_of}), {place} kết nạp {admitted} đảng viên, đạt {attainment} tổng chỉ tiêu các năm của nhiệm kỳ ({term_target}).",
        "en": "Over the whole {term} term (to {as_of}), {place} admitted {admitted}, {attainment} of the term's annual targets added up ({term_target}).",
    },
    "term_no_target": {
        "vi": "Từ đầu nhiệm kỳ {term} đến năm {as_of}, {place} kết nạp {admitted} đảng viên; chưa tính được tỷ lệ đạt chỉ tiêu nhiệm kỳ vì {why}.",
        "en": "From the start of the {term} term to {as_of}, {place} admitted {admitted}; attainment of the term target cannot be computed because {why}.",
    },
    "term_why_years": {"vi": "năm {years} không có chỉ tiêu", "en": "{years} had no target"},
    "term_why_given": {"vi": "không có chỉ tiêu cả nhiệm kỳ", "en": "there is no term target"},
    "term_none": {
        "vi": "Các tệp số liệu không có báo cáo kết nạp nào của {place} trong nhiệm kỳ {term}.",
        "en": "The data files hold no admissions report of {place} in the {term} term.",
    },
    "pace": {"vi": "mỗi năm còn lại cần kết nạp ít nhất {pace} đảng viên", "en": "each remaining year needs at least {pace}"},
    "pace_reached": {"vi": "đã đạt chỉ tiêu cả nhiệm kỳ", "en": "the term target is already reached"},
    "term_units": {
        "vi": " Các đơn vị không báo cáo đủ các năm của nhiệm kỳ (chuyển huyện, sáp nhập hoặc mới thành lập) được tính vào chỉ tiêu và kết quả của {place} trong những năm có báo cáo: {units}.",
        "en": " Units that did not report every year of the term (moved, merged or newly formed) count towards the targets and admissions of {place} in the years they reported: {units}.",
    },
    "unit_left": {"vi": "{unit} (đến năm {year})", "en": "{unit} (to {year})"},
    "unit_joined": {"vi": "{unit} (từ năm {year})", "en": "{unit} (from {year})"},
    "unit_incomplete": {"vi": "{unit} (thiếu một số năm)", "en": "{unit} (some years missing)"},
    "composition": {
        "vi": "Trong {admitted} đảng viên mới kết nạp năm {year} của {place}, {shares}.",
        "en": "Of the {admitted} admitted by {place} in {year}, {shares}.",
    },
    "composition_none": {
        "vi": "Báo cáo năm {year} của {place} không ghi đủ thành phần đảng viên mới (nữ, dân tộc thiểu số, đoàn viên, tôn giáo).",
        "en": "The {year} report of {place} does not give the make-up of new members (women, ethnic minorities, Youth Union, religious).",
    },
    "composition_zero": {
        "vi": "Năm {year}, {place} không kết nạp đảng viên mới.",
        "en": "In {year}, {place} admitted no new members.",
    },
    "share_female": {"vi": "{share} là nữ", "en": "{share} are women"},
    "share_ethnic_minority": {"vi": "{share} là người dân tộc thiểu số", "en": "{share} belong to ethnic minorities"},
    "share_youth_union": {"vi": "{share} là đoàn viên", "en": "{share} are Youth Union members"},
    "share_religious": {"vi": "{share} là người có đạo", "en": "{share} are religious"},
    "and": {"vi": " và ", "en": " and "},
    # ratings
    "rating_organisation": {
        "vi": "Năm {year}, {share} tổ chức cơ sở đảng của {place} ({good}/{rated}) được xếp loại hoàn thành tốt nhiệm vụ trở lên, {verdict} mức 90 %; {excellent} tổ chức hoàn thành xuất sắc nhiệm vụ.",
        "en": "In {year}, {share} of the party organisations of {place} ({good} of {rated}) were rated good or better, {verdict} the 90% mark; {excellent} rated excellent.",
    },
    "rating_members": {
        "vi": "Năm {year}, {share} đảng viên của {place} ({good}/{rated} đảng viên được xếp loại) được xếp loại hoàn thành tốt nhiệm vụ trở lên, {verdict} mức 90 %.",
        "en": "In {year}, {share} of the party members of {place} ({good} of {rated} rated) were rated good or better, {verdict} the 90% mark.",
    },
    "rating_not_rated": {
        "vi": " {n} đảng viên không xếp loại (mới kết nạp, ốm đau, được miễn) không tính vào tỷ lệ.",
        "en": " {n} not rated (newly admitted, ill, exempt) {verb} left out of the share.",
    },
    "rating_none": {
        "vi": "Báo cáo năm {year} của {place} không có {subject} nào được xếp loại.",
        "en": "The {year} report of {place} rates no {subject}.",
    },
    "subject_organisation": {"vi": "tổ chức cơ sở đảng", "en": "party organisations"},
    "subject_members": {"vi": "đảng viên", "en": "party members"},
    "subject_cells": {"vi": "chi bộ", "en": "party cells"},
    "above": {"vi": "trên", "en": "above"},
    "not_above": {"vi": "không vượt", "en": "not above"},
    "quota": {
        "vi": "Năm {year}, số tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ của {place}: {groups}; {verdict}.",
        "en": "In {year}, party organisations of {place} rated excellent: {groups}; {verdict}.",
    },
    "quota_group": {
        "vi": "nhóm {group} {excellent} (bằng {share} số hoàn thành tốt nhiệm vụ)",
        "en": "{group} {excellent} ({share} of those rated good)",
    },
    "quota_group_no_good": {
        "vi": "nhóm {group} {excellent} (không có tổ chức hoàn thành tốt nhiệm vụ)",
        "en": "{group} {excellent} (none rated good)",
    },
    "quota_ok": {"vi": "không nhóm nào vượt giới hạn {quota}", "en": "no group is over the {quota} quota"},
    "quota_over": {
        "vi": "vượt giới hạn {quota} ở nhóm {groups}",
        "en": "over the {quota} quota among {groups}",
    },
    "group_communes": {"vi": "xã, phường, thị trấn", "en": "communes, wards and towns"},
    "group_agencies": {"vi": "cơ quan, đơn vị", "en": "agencies"},
    "quota_none": {
        "vi": "Báo cáo năm {year} của {place} không có tổ chức cơ sở đảng nào được xếp loại.",
        "en": "The {year} report of {place} rates no party organisation.",
    },
    # placements
    "placements": {
        "vi": "Năm {year}, {secretaries}/{units} bí thư đảng ủy cơ sở ({share}) ở {place} không phải người địa phương; {chairs} chủ tịch và {vices} phó chủ tịch UBND cấp xã cũng vậy; {both}.",
        "en": "In {year}, {secretaries} of {units} grassroots party secretaries ({share}) in {place} are not local; so are {chairs} People's Committee {chair_word} and {vices} {vice_word}; {both}.",
    },
    "placements_none": {
        "vi": "Báo cáo năm {year} của {place} không có đơn vị cấp xã nào.",
        "en": "The {year} report of {place} lists no commune-level unit.",
    },
    "both_some": {
        "vi": "{n} {units} có bí thư đồng thời là chủ tịch UBND",
        "en": "in {n} {units} the party secretary also chairs the People's Committee",
    },
    "both_none": {
        "vi": "không {units} nào có bí thư đồng thời là chủ tịch UBND",
        "en": "in no {unit} does the party secretary also chair the People's Committee",
    },
    "units_district": {"vi": "xã, thị trấn", "en": "commune"},
    "units_district_plural": {"vi": "xã, thị trấn", "en": "communes"},
    "units_city": {"vi": "xã, phường", "en": "commune or ward"},
    "units_city_plural": {"vi": "xã, phường", "en": "communes and wards"},
    # breakthrough tasks
    "breakthrough": {
        "vi": "Năm {year}, {place} giao {tasks} việc đột phá cho {cadres} cán bộ ({per_cadre} việc mỗi người); {completed} việc đã hoàn thành ({rate}).",
        "en": "In {year}, {place} assigned {tasks} to {cadres} ({per_cadre} per person); {completed} completed ({rate}).",
    },
    "breakthrough_no_tasks": {
        "vi": "Năm {year}, {place} không giao việc đột phá nào cho {cadres} cán bộ.",
        "en": "In {year}, {place} assigned no breakthrough task to its {cadres}.",
    },
    "breakthrough_none": {
        "vi": "Báo cáo năm {year} của {place} không ghi số việc đột phá và số cán bộ được giao.",
        "en": "The {year} report of {place} gives no number of breakthrough tasks or cadres.",
    },
    # part-year figures
    "period_part": {"vi": "Năm {year} mới có số liệu {part}.", "en": "{year}: {part} only."},
    "period_mixed": {
        "vi": "Năm {year} chưa đủ số liệu cả năm: một số đơn vị mới có số liệu {parts}.",
        "en": "{year}: some units have {parts} figures only.",
    },
    "year_part": {"vi": "{year} ({part})", "en": "{year} ({part})"},
    "part_H1": {"vi": "6 tháng đầu năm", "en": "first half"},
    "part_H2": {"vi": "6 tháng cuối năm", "en": "second half"},
    "part_M9": {"vi": "9 tháng đầu năm", "en": "first nine months"},
    "part_Q1": {"vi": "quý I", "en": "first quarter"},
    "part_Q2": {"vi": "quý II", "en": "second quarter"},
    "part_Q3": {"vi": "quý III", "en": "third quarter"},
    "part_Q4": {"vi": "quý IV", "en": "fourth quarter"},
    "or": {"vi": " hoặc ", "en": " or "},
    # the fact check
    "facts": {
        "vi": "{agree}/{total} số liệu của bài báo khớp với dữ liệu.",
        "en": "{agree} of {total} figures agree with the data.",
    },
    "truncation": {
        "vi": "Đã kết nạp {admitted} trên chỉ tiêu nhiệm kỳ {target}: tỷ lệ {share}; cắt bỏ phần lẻ: {truncated}; làm tròn: {rounded}.",
        "en": "Admitted {admitted} against a term target of {target}: share {share}; truncated: {truncated}; rounded: {rounded}.",
    },
}

#: English nouns by count: (one, many).
_NOUNS_EN = {
    "member": ("new member", "new members"),
    "members": ("member", "members"),
    "organisation": ("party organisation", "party organisations"),
    "problem": ("problem", "problems"),
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "file": ("file", "files"),
    "task": ("breakthrough task", "breakthrough tasks"),
    "cadre": ("cadre", "cadres"),
    "chair": ("chair", "chairs"),
    "vice": ("vice-chair", "vice-chairs"),
    "not_rated": ("member", "members"),
}
#: Vietnamese nouns (they do not change with the count).
_NOUNS_VI = {"file": "tệp", "problem": "vấn đề"}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


def _n(value: object, lang: str, decimals: int = 0) -> str:
    """A number the language's way; a missing one as a word, never a dash."""
    if is_missing(value):
        return _t("unknown", lang)
    return format_number(float(value), decimals, lang=lang)


def _pct(share: object, lang: str, decimals: int = 1) -> str:
    if is_missing(share):
        return _t("unknown", lang)
    return format_percent(float(share), decimals, lang=lang)


def _count(n: object, noun: str, lang: str) -> str:
    """``"3 new members"`` in English; the bare number in Vietnamese (the noun is in the sentence)."""
    if lang == "vi":
        return _n(n, lang)
    one, many = _NOUNS_EN[noun]
    return f"{_n(n, lang)} {plural(int(n) if not is_missing(n) else 0, one, many)}"


def _year(row) -> int:
    return int(row["year"])


def _last(frame):
    return frame.sort_values("year").iloc[-1]


def period_reading(row, lang: str | None = None) -> str:
    """The sentence saying a row's year is not covered whole (its ``complete``, ``periods``); empty when it is.

    Every reading below ends with it when the year it reads is incomplete
    (:func:`helpers.indicators.whole_years`).

    >>> period_reading({"year": 2025, "complete": False, "periods": "H1"})
    'Năm 2025 mới có số liệu 6 tháng đầu năm.'
    >>> period_reading({"year": 2025, "complete": False, "periods": "H1"}, "en")
    '2025: first half only.'
    >>> period_reading({"year": 2025, "complete": False, "periods": "year, H1, Q3"}, "en")
    '2025: some units have first half or third quarter figures only.'
    >>> period_reading({"year": 2024, "complete": True, "periods": "H1+H2"})
    ''
    """
    lang = get_lang(lang)
    complete = row.get("complete", True) if hasattr(row, "get") else True
    if is_missing(complete) or bool(complete):
        return ""
    periods = [p.strip() for p in str(row.get("periods", "") or "").split(",") if p.strip()]
    parts = [_t(f"part_{p}", lang) for p in periods if f"part_{p}" in _MESSAGES]
    if not parts:
        return ""
    if len(periods) == 1:
        return _t("period_part", lang, year=_year(row), part=parts[0])
    return _t("period_mixed", lang, year=_year(row), parts=_t("or", lang).join(parts))


def year_label(year, periods=None, lang: str | None = None) -> str:
    """A report year as a caption or title writes it: the year, and the part of it when the data cover only that part.

    ``periods`` is the ``periods`` values of the year's rows
    (:func:`helpers.indicators.whole_years`); a year is named whole when
    any of them covers the whole year or they are of different parts.

    >>> year_label(2024, ["year", "H1+H2"]), year_label(2025, ["H1"]), year_label(2025, ["H1"], "en")
    ('2024', '2025 (6 tháng đầu năm)', '2025 (first half)')
    """
    lang = get_lang(lang)
    parts = {str(p) for p in (() if periods is None else periods) if not is_missing(p)}
    if len(parts) == 1 and f"part_{next(iter(parts))}" in _MESSAGES:
        return _t("year_part", lang, year=int(year), part=_t(f"part_{next(iter(parts))}", lang))
    return str(int(year))


def _with_period(text: str, row, lang: str) -> str:
    """``text`` and, when ``row``'s year is incomplete, the sentence saying so."""
    extra = period_reading(row, lang)
    return f"{text} {extra}" if extra else text


def place(district: str, kind: str = "district", lang: str | None = None) -> str:
    """The district as a sentence names it: "huyện Chiêm Hóa", "thành phố Tuyên Quang"
    (``kind="province"``: "tỉnh Tuyên Quang").

    >>> place("Tuyên Quang", "city"), place("Na Hang", lang="en")
    ('thành phố Tuyên Quang', 'Na Hang district')
    """
    key = {"city": "place_city", "province": "place_province"}.get(kind, "place_district")
    return _t(key, get_lang(lang), name=district)


def committee(district: str, kind: str = "district", lang: str | None = None) -> str:
    """The issuing committee, as the top-left line of a document names it.

    >>> committee("Chiêm Hóa"), committee("Tuyên Quang", "city", "en")
    ('HUYỆN ỦY CHIÊM HÓA', 'Tuyên Quang City Party Committee')
    """
    lang = get_lang(lang)
    text = _t("committee_city" if kind == "city" else "committee_district", lang, name=district)
    return text.upper() if lang == "vi" else text


def kind_name(kind: str, lang: str | None = None) -> str:
    """The name of a report kind (a table of :data:`helpers.schema.TABLES`) in running text.

    >>> kind_name("placements", "en")
    "commune leaders' placements"
    """
    return _t(f"kind_{kind}", get_lang(lang))


def no_data(kind: str, district: str, *, place_kind: str = "district", lang: str | None = None) -> str:
    """The one sentence a report prints for a report kind the data do not have.

    >>> no_data("placements", "Na Hang", lang="en")
    "The data files hold no report on commune leaders' placements for Na Hang district."
    """
    lang = get_lang(lang)
    return _t("no_data", lang, what=kind_name(kind, lang), place=place(district, place_kind, lang))


def problems_reading(problems, district: str, *, files: int = 0, kind: str = "district", lang: str | None = None) -> str:
    """How many problems were found, errors and warnings.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"severity": ["error", "warning", "warning"]})
    >>> problems_reading(p, "Chiêm Hóa", lang="en").split(":")[0]
    '3 problems found in the data files for Chiêm Hóa district'
    >>> problems_reading(p.iloc[:0], "Na Hang", files=1, lang="en")
    'No problems found in the 1 file of data for Na Hang district.'
    """
    lang = get_lang(lang)
    where = place(district, kind, lang)
    if len(problems) == 0:
        files_text = f"{files} tệp" if lang == "vi" else _count(files, "file", lang)
        return _t("problems_none", lang, files=files_text, place=where)
    errors = int((problems["severity"] == "error").sum())
    warnings = len(problems) - errors
    if lang == "vi":
        return _t("problems", lang, n=_n(len(problems), lang), errors=_n(errors, lang), warnings=_n(warnings, lang), place=where)
    return _t(
        "problems",
        lang,
        n=_count(len(problems), "problem", lang),
        errors=_count(errors, "error", lang),
        warnings=_count(warnings, "warning", lang),
        place=where,
    )


# --------------------------------------------------------------------------
# Admissions
# --------------------------------------------------------------------------


def admissions_reading(attainment, *, kind: str = "district", lang: str | None = None) -> str:
    """The latest year's admissions against the target (``admissions_attainment(by="district")``).

    >>> import pandas as pd
    >>> a = pd.DataFrame({"district": ["A"], "year": [2023], "target": [200], "admitted": [180],
    ...     "attainment": [0.9], "units": [24], "units_with_target": [24]})
    >>> admissions_reading(a, lang="en")
    'In 2023, A district admitted 180 new members, 90.0% of the annual target (200) of its 24 party organisations with a target.'
    >>> admissions_reading(a.assign(target=pd.NA, attainment=pd.NA, units_with_target=0))
    'Năm 2023, huyện A kết nạp 180 đảng viên mới; không tổ chức cơ sở đảng nào có chỉ tiêu năm, nên không tính được tỷ lệ đạt chỉ tiêu.'
    """
    lang = get_lang(lang)
    row = _last(attainment)
    where = place(row["district"], kind, lang)
    if is_missing(row["admitted"]):
        return _t("admissions_none", lang, year=_year(row), place=where)
    admitted = _count(row["admitted"], "member", lang)
    if is_missing(row["attainment"]):
        return _with_period(_t("admissions_no_target", lang, year=_year(row), place=where, admitted=admitted), row, lang)
    text = _t(
        "admissions",
        lang,
        year=_year(row),
        place=where,
        admitted=admitted,
        attainment=_pct(row["attainment"], lang),
        target=_n(row["target"], lang),
        units=_count(row["units_with_target"], "organisation", lang),
    )
    units = row.get("units", row["units_with_target"])
    without = int(units) - int(row["units_with_target"]) if not is_missing(units) else 0
    if without > 0:
        text += _t("admissions_without_target", lang, n=_count(without, "organisation", lang), verb=plural(without, "is", "are"))
    return _with_period(text, row, lang)


def _moved_units(units, lang: str) -> str:
    """The units of a term that did not report every year, with the year they left or joined."""
    from .indicators import TERMS
    from .text import vi_sort_key

    parts = []
    for row in units.sort_values("unit", key=lambda s: s.map(vi_sort_key)).itertuples(index=False):
        years = TERMS[row.term]
        last = min(int(row.as_of), years[-1])
        if row.status == "left":
            parts.append(_t("unit_left", lang, unit=row.unit, year=years[0] + int(row.years_reported) - 1))
        elif row.status == "joined":
            parts.append(_t("unit_joined", lang, unit=row.unit, year=last - int(row.years_reported) + 1))
        elif row.status == "incomplete":
            parts.append(_t("unit_incomplete", lang, unit=row.unit))
    return ", ".join(parts)


def term_reading(progress, *, units=None, kind: str = "district", lang: str | None = None) -> str:
    """A term's progress (``term_progress(by="district")``, one row).

    ``units``, the same by unit, adds a sentence naming the units that did
    not report every year of the term (moved, merged, new).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"district": ["A"], "term": ["2020–2025"], "as_of": [2023], "admitted": [700],
    ...     "term_target": [1000], "attainment": [0.7], "remaining": [300], "years_remaining": [1],
    ...     "pace_needed": [300.0], "years_without_target": [""]})
    >>> term_reading(p, lang="en").split(";")[0]
    "From the start of the 2020–2025 term to 2023, A district admitted 700 new members, 70.0% of the term's annual targets added up (1,000)"
    >>> term_reading(p.assign(as_of=2024, years_remaining=0, pace_needed=pd.NA), lang="en").split(",")[0]
    'Over the whole 2020–2025 term (to 2024)'
    >>> term_reading(p.assign(term_target=pd.NA, attainment=pd.NA, years_without_target="2021"))
    'Từ đầu nhiệm kỳ 2020–2025 đến năm 2023, huyện A kết nạp 700 đảng viên; chưa tính được tỷ lệ đạt chỉ tiêu nhiệm kỳ vì năm 2021 không có chỉ tiêu.'
    """
    lang = get_lang(lang)
    row = progress.iloc[0]
    where = place(row["district"], kind, lang)
    common = {"term": row["term"], "as_of": int(row["as_of"]), "place": where}
    if is_missing(row["admitted"]):
        return _t("term_none", lang, **common)
    admitted = _count(row["admitted"], "member", lang)
    if is_missing(row["term_target"]):
        missing = str(row.get("years_without_target", "") or "")
        why = _t("term_why_years", lang, years=missing) if missing else _t("term_why_given", lang)
        text = _t("term_no_target", lang, admitted=admitted, why=why, **common)
    elif int(row["years_remaining"]) == 0:
        text = _t("term_over", lang, admitted=admitted, attainment=_pct(row["attainment"], lang),
                  term_target=_n(row["term_target"], lang), **common)  # fmt: skip
    else:
        if int(row["remaining"]) == 0:
            pace = _t("pace_reached", lang)
        else:
            needed = math.ceil(round(float(row["pace_needed"]), 9))
            pace = _t("pace", lang, pace=_count(needed, "member", lang) if lang == "en" else _n(needed, lang))
        text = _t("term", lang, admitted=admitted, attainment=_pct(row["attainment"], lang),
                  term_target=_n(row["term_target"], lang), pace=pace, **common)  # fmt: skip
    if units is not None and len(units):
        moved = _moved_units(units[units["status"] != "complete"], lang)
        if moved:
            text += _t("term_units", lang, place=where, units=moved)
    return text


def composition_reading(composition, *, kind: str = "district", lang: str | None = None) -> str:
    """Who the latest year's new members are (``composition(by="district")``).

    >>> import pandas as pd
    >>> c = pd.DataFrame({"district": ["A"], "year": [2023], "admitted": [40], "share_female": [0.45],
    ...     "share_ethnic_minority": [0.6], "share_youth_union": [pd.NA], "share_religious": [0.025]})
    >>> composition_reading(c)
    'Trong 40 đảng viên mới kết nạp năm 2023 của huyện A, 45,0 % là nữ, 60,0 % là người dân tộc thiểu số và 2,5 % là người có đạo.'
    """
    lang = get_lang(lang)
    row = _last(composition)
    where = place(row["district"], kind, lang)
    if not is_missing(row["admitted"]) and int(row["admitted"]) == 0:
        return _t("composition_zero", lang, year=_year(row), place=where)
    parts = [
        _t(f"share_{col}", lang, share=_pct(row[f"share_{col}"], lang))
        for col in ("female", "ethnic_minority", "youth_union", "religious")
        if not is_missing(row.get(f"share_{col}"))
    ]
    if is_missing(row["admitted"]) or not parts:
        return _t("composition_none", lang, year=_year(row), place=where)
    shares = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _t("and", lang) + parts[-1]
    text = _t("composition", lang, admitted=_count(row["admitted"], "member", lang), year=_year(row), place=where, shares=shares)
    return _with_period(text, row, lang)


# --------------------------------------------------------------------------
# Ratings
# --------------------------------------------------------------------------


def rating_reading(
    good, subject: str = "organisation", *, kind: str = "district", lang: str | None = None, periods: bool = True
) -> str:
    """The latest year's share of ``subject`` rated good or better (``good_or_better`` by district).

    >>> import pandas as pd
    >>> g = pd.DataFrame({"district": ["A"] * 2, "year": [2022] * 2, "subject": ["organisation", "members"],
    ...     "rated": [40, 1000], "good_or_better": [38, 890], "excellent": [8, 150], "not_rated": [0, 1],
    ...     "share": [0.95, 0.89], "above_benchmark": [True, False]})
    >>> rating_reading(g, lang="en")
    'In 2022, 95.0% of the party organisations of A district (38 of 40) were rated good or better, above the 90% mark; 8 rated excellent.'
    >>> rating_reading(g, "members", lang="en")
    'In 2022, 89.0% of the party members of A district (890 of 1,000 rated) were rated good or better, not above the 90% mark. 1 member not rated (newly admitted, ill, exempt) is left out of the share.'
    """
    lang = get_lang(lang)
    rows = good[good["subject"] == subject]
    if not len(rows):
        return _t("rating_none", lang, year=int(good["year"].max()), place=place(good["district"].iloc[0], kind, lang),
                  subject=_t(f"subject_{subject}", lang))  # fmt: skip
    row = _last(rows)
    where = place(row["district"], kind, lang)
    if is_missing(row["share"]):
        return _t("rating_none", lang, year=_year(row), place=where, subject=_t(f"subject_{subject}", lang))
    verdict = _t("above" if bool(row["above_benchmark"]) else "not_above", lang)
    common = {"year": _year(row), "place": where, "share": _pct(row["share"], lang), "verdict": verdict,
              "good": _n(row["good_or_better"], lang), "rated": _n(row["rated"], lang)}  # fmt: skip
    if subject != "members":
        text = _t("rating_organisation", lang, excellent=_n(row["excellent"], lang), **common)
    else:
        text = _t("rating_members", lang, **common)
        not_rated = 0 if is_missing(row.get("not_rated")) else int(row["not_rated"])
        if not_rated:
            text += _t("rating_not_rated", lang, n=_count(not_rated, "not_rated", lang), verb=plural(not_rated, "is", "are"))
    return _with_period(text, row, lang) if periods else text


def ratings_reading(good, *, kind: str = "district", lang: str | None = None) -> str:
    """Organisations and members rated good or better, both sentences (a part-year year said once, at the end)."""
    lang = get_lang(lang)
    text = " ".join(rating_reading(good, s, kind=kind, lang=lang, periods=False) for s in ("organisation", "members"))
    if not len(good):
        return text
    latest = good[good["year"] == good["year"].max()]
    incomplete = latest[~latest["complete"].fillna(True).astype(bool)] if "complete" in latest.columns else latest.iloc[:0]
    return _with_period(text, incomplete.iloc[0], lang) if len(incomplete) else text


def quota_reading(quota, *, kind: str = "district", lang: str | None = None) -> str:
    """The latest year's excellent quota by like group (``excellent_quota(subject="organisation")``, one district).

    The quota named is the frame's ``quota`` of that year (its regulation's), 20 % when the frame has none.

    >>> import pandas as pd
    >>> q = pd.DataFrame({"district": ["A"] * 2, "year": [2023] * 2, "group": ["agencies", "communes"],
    ...     "excellent": [2, 5], "good": [10, 20], "share": [0.2, 0.25], "allowed": [2, 4],
    ...     "breaks_quota": [False, True]})
    >>> quota_reading(q, lang="en")
    'In 2023, party organisations of A district rated excellent: communes, wards and towns 5 (25.0% of those rated good), agencies 2 (20.0% of those rated good); over the 20% quota among communes, wards and towns.'
    """
    lang = get_lang(lang)
    row = _last(quota) if len(quota) else None
    if row is None:
        raise ValueError("quota_reading needs at least one row")
    year = _year(row)
    latest = quota[quota["year"] == year].sort_values("group", key=lambda s: s.map({"communes": 0, "agencies": 1}))
    where = place(row["district"], kind, lang)
    groups, over = [], []
    for g in latest.itertuples(index=False):
        name = _t(f"group_{g.group}", lang)
        key = "quota_group_no_good" if is_missing(g.share) else "quota_group"
        groups.append(_t(key, lang, group=name, excellent=_n(g.excellent, lang), share=_pct(g.share, lang)))
        if not is_missing(g.breaks_quota) and bool(g.breaks_quota):
            over.append(name)
    if not groups:
        return _t("quota_none", lang, year=year, place=where)
    rate = latest["quota"].dropna() if "quota" in latest.columns else []
    from .indicators import EXCELLENT_QUOTA

    limit = format_percent(float(rate.iloc[0]) if len(rate) else EXCELLENT_QUOTA, 0, lang=lang)
    verdict = _t("quota_over", lang, groups=_t("and", lang).join(over), quota=limit) if over else _t("quota_ok", lang, quota=limit)
    text = _t("quota", lang, year=year, place=where, groups=", ".join(groups), verdict=verdict)
    incomplete = latest[~latest["complete"].fillna(True).astype(bool)] if "complete" in latest.columns else latest.iloc[:0]
    return _with_period(text, incomplete.iloc[0], lang) if len(incomplete) else text


# --------------------------------------------------------------------------
# Placements and breakthrough tasks
# --------------------------------------------------------------------------


def placements_reading(leadership, *, kind: str = "district", lang: str | None = None) -> str:
    """The latest year's non-local leaders (``non_local_leadership`` by district)."""
    lang = get_lang(lang)
    row = _last(leadership)
    where = place(row["district"], kind, lang)
    units = 0 if is_missing(row["units"]) else int(row["units"])
    if units == 0:
        return _t("placements_none", lang, year=_year(row), place=where)
    both = row["secretaries_chairing_pc"]
    unit_one = _t(f"units_{kind}", lang)
    unit_many = _t(f"units_{kind}_plural", lang)
    if is_missing(both) or int(both) == 0:
        both_text = _t("both_none", lang, units=unit_one, unit=unit_one)
    else:
        both_text = _t("both_some", lang, n=_n(both, lang), units=plural(int(both), unit_one, unit_many))
    secretaries = row["secretaries_non_local"]
    share = _pct(float(secretaries) / units, lang, 0) if not is_missing(secretaries) else _t("unknown", lang)
    chairs, vices = row["pc_chairs_non_local"], row["pc_vice_chairs_non_local"]
    text = _t(
        "placements",
        lang,
        year=_year(row),
        place=where,
        secretaries=_n(secretaries, lang),
        units=_n(units, lang),
        share=share,
        chairs=_n(chairs, lang),
        vices=_n(vices, lang),
        chair_word=plural(0 if is_missing(chairs) else int(chairs), *_NOUNS_EN["chair"]),
        vice_word=plural(0 if is_missing(vices) else int(vices), *_NOUNS_EN["vice"]),
        both=both_text,
    )
    return _with_period(text, row, lang)


def breakthrough_reading(summary, *, kind: str = "district", lang: str | None = None) -> str:
    """The latest year's breakthrough tasks (``breakthrough_summary(by="district")``).

    >>> import pandas as pd
    >>> s = pd.DataFrame({"district": ["A"], "year": [2023], "cadres": [195], "tasks": [765],
    ...     "tasks_completed": [600], "tasks_per_cadre": [765 / 195], "completion_rate": [600 / 765]})
    >>> breakthrough_reading(s, lang="en")
    'In 2023, A district assigned 765 breakthrough tasks to 195 cadres (3.9 per person); 600 completed (78.4%).'
    >>> breakthrough_reading(s.assign(tasks=1, tasks_completed=1, cadres=1, tasks_per_cadre=1.0, completion_rate=1.0), lang="en")
    'In 2023, A district assigned 1 breakthrough task to 1 cadre (1.0 per person); 1 completed (100.0%).'
    """
    lang = get_lang(lang)
    row = _last(summary)
    where = place(row["district"], kind, lang)
    if is_missing(row["tasks"]) or is_missing(row["cadres"]):
        return _t("breakthrough_none", lang, year=_year(row), place=where)
    cadres = _count(row["cadres"], "cadre", lang)
    if int(row["tasks"]) == 0:
        return _t("breakthrough_no_tasks", lang, year=_year(row), place=where, cadres=cadres)
    text = _t(
        "breakthrough",
        lang,
        year=_year(row),
        place=where,
        tasks=_count(row["tasks"], "task", lang),
        cadres=cadres,
        per_cadre=_n(row["tasks_per_cadre"], lang, 1),
        completed=_n(row["tasks_completed"], lang),
        rate=_pct(row["completion_rate"], lang),
    )
    return _with_period(text, row, lang)


# --------------------------------------------------------------------------
# The fact check
# --------------------------------------------------------------------------


def facts_reading(facts, *, lang: str | None = None) -> str:
    """How many of the article's figures agree with the data (``check_facts``).

    >>> import pandas as pd
    >>> facts_reading(pd.DataFrame({"agrees": [True, True, False]}), lang="en")
    '2 of 3 figures agree with the data.'
    """
    return _t("facts", get_lang(lang), agree=int(facts["agrees"].sum()), total=len(facts))


def truncation_reading(admitted: int, target: int, *, lang: str | None = None) -> str:
    """A share written three ways: one decimal, truncated and rounded to a whole per cent.

    >>> truncation_reading(26, 45, lang="en")
    'Admitted 26 against a term target of 45: share 57.8%; truncated: 57%; rounded: 58%.'
    """
    lang = get_lang(lang)
    share = admitted / target
    return _t(
        "truncation",
        lang,
        admitted=_n(admitted, lang),
        target=_n(target, lang),
        share=format_percent(share, 1, lang=lang),
        truncated=format_percent(math.floor(round(share * 100, 9)) / 100, 0, lang=lang),
        rounded=format_percent(share, 0, lang=lang),
    )


# --------------------------------------------------------------------------
# The new members' profile (Biểu số 2-BTCTW)
# --------------------------------------------------------------------------

_PROFILE_MESSAGES = {
    "profile": {
        "vi": "Trong {n} đảng viên mới kết nạp năm {year} của {place} (Biểu số 2-BTCTW), đông nhất theo tuổi đời là "
              "{age}, theo nghề nghiệp là {occupation}, theo trình độ giáo dục phổ thông là {schooling}.",
        "en": "Of the {n} new members {place} admitted in {year} (form 2-BTCTW), the largest groups were, by age, {age}; "
              "by occupation, {occupation}; by schooling, {schooling}.",
    },
    "profile_part": {"vi": "{label} ({share}; năm {previous_year}: {previous})", "en": "{label} ({share}; {previous_year}: {previous})"},
    "profile_part_new": {"vi": "{label} ({share})", "en": "{label} ({share})"},
    "profile_none": {
        "vi": "Dữ liệu không có Biểu số 2-BTCTW (thống kê đảng viên mới kết nạp) của {place}, nên không có cơ cấu đảng viên "
              "mới theo tuổi đời, nghề nghiệp và trình độ.",
        "en": "The data hold no form 2-BTCTW (new members) for {place}, so there is no profile of its new members by age, "
              "occupation and schooling.",
    },
    "profile_zero": {"vi": "Năm {year}, {place} không kết nạp đảng viên mới (Biểu số 2-BTCTW).",
                     "en": "In {year}, {place} admitted no new members (form 2-BTCTW)."},
}


def _lower_first(text: str) -> str:
    """"Nông, lâm" → "nông, lâm"; an abbreviation ("CB, CC …") stays as it is."""
    return text[:1].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def profile_reading(profile, *, place_name: str | None = None, kind: str = "district", lang: str | None = None) -> str:
    """The largest group of the new members by age, occupation and schooling, this year against last.

    ``profile``: :func:`helpers.formprofile.report_profile` (shares as
    fractions); an empty one gives the sentence that the data have no form.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"unit": "A", "year": 2024, "group": ["age", "age", "occupation", "schooling"],
    ...     "criterion": ["age.18_30", "age.31_35", "occupation.farmer", "schooling.upper_secondary"],
    ...     "value": [30.0, 10.0, 40.0, 40.0], "previous": [16.0, 16.0, 32.0, 32.0],
    ...     "share": [0.75, 0.25, 1.0, 1.0], "share_previous": [0.5, 0.5, 1.0, 1.0]})
    >>> print(profile_reading(p, lang="en"))
    Of the 40 new members A district admitted in 2024 (form 2-BTCTW), the largest groups were, by age, aged 18–30 (75.0%; 2023: 50.0%); by occupation, farming, forestry, fishing (100.0%; 2023: 100.0%); by schooling, upper secondary (100.0%; 2023: 100.0%).
    """
    from .formprofile import short_label

    lang = get_lang(lang)
    name = place_name or (str(profile["unit"].iloc[0]) if len(profile) else "")
    where = place(name, kind, lang)
    if not len(profile):
        return translate(_PROFILE_MESSAGES, "profile_none", lang, place=where)
    year = int(profile["year"].iloc[0])
    n = profile.loc[profile["group"] == "age", "value"].sum()
    if n == 0:
        return translate(_PROFILE_MESSAGES, "profile_zero", lang, year=year, place=where)
    parts = {}
    for group in ("age", "occupation", "schooling"):
        rows = profile[profile["group"] == group]
        top = rows.loc[rows["value"].astype(float).idxmax()]
        params = {"label": _lower_first(short_label(top["criterion"], lang)), "share": _pct(top["share"], lang)}
        if is_missing(top["share_previous"]):
            parts[group] = translate(_PROFILE_MESSAGES, "profile_part_new", lang, **params)
        else:
            parts[group] = translate(_PROFILE_MESSAGES, "profile_part", lang, previous_year=year - 1,
                                     previous=_pct(top["share_previous"], lang), **params)
    return translate(_PROFILE_MESSAGES, "profile", lang, n=_n(n, lang), year=year, place=where, **parts)
