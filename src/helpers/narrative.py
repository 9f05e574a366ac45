"""Short readings of the indicators, for the report notebooks.

Each function takes an indicator frame of :mod:`helpers.indicators` (by
district, one district) and returns one or two sentences in the current
``lang``, every number computed from the frame and formatted with
:mod:`helpers.i18n`.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"district": ["Chiêm Hóa"], "year": [2023], "units": [24],
...     "secretaries_non_local": [22], "pc_chairs_non_local": [10],
...     "pc_vice_chairs_non_local": [4], "secretaries_chairing_pc": [2]})
>>> print(placements_reading(frame, lang="en"))
In 2023, 22 of 24 grassroots party secretaries (92%) in Chiêm Hóa are not local; so are 10 People's Committee chairs and 4 vice-chairs; in 2 communes the party secretary also chairs the People's Committee.
"""

from __future__ import annotations

from .i18n import format_number, format_percent, get_lang, translate

_MESSAGES = {
    "problems_none": {
        "vi": "Không phát hiện vấn đề nào trong {files} sổ của {district}.",
        "en": "No problems found in {district}'s {files} workbooks.",
    },
    "problems": {
        "vi": "Phát hiện {n} vấn đề trong sổ của {district}: {errors} lỗi (số liệu không dùng được) và {warnings} cảnh báo (số liệu vẫn dùng được). Mỗi vấn đề ghi rõ tệp, trang tính và ô.",
        "en": "{n} problems found in {district}'s workbooks: {errors} errors (figures that cannot be trusted) and {warnings} warnings (figures that can). Each names its file, sheet and cell.",
    },
    "admissions": {
        "vi": "Năm {year}, {district} kết nạp {admitted} đảng viên mới, đạt {attainment} chỉ tiêu năm ({target}) của {units} tổ chức cơ sở đảng có chỉ tiêu.",
        "en": "In {year}, {district} admitted {admitted} new members, {attainment} of the annual target ({target}) of its {units} party organisations with a target.",
    },
    "term": {
        "vi": "Từ đầu nhiệm kỳ {term} đến {as_of}, toàn huyện kết nạp {admitted} đảng viên, đạt {attainment} chỉ tiêu cả nhiệm kỳ ({term_target}); mỗi năm còn lại cần kết nạp {pace}.",
        "en": "From the start of the {term} term to {as_of}, the district admitted {admitted} members, {attainment} of the term target ({term_target}); each remaining year needs {pace}.",
    },
    "term_over": {
        "vi": "Cả nhiệm kỳ {term} (đến {as_of}), toàn huyện kết nạp {admitted} đảng viên, đạt {attainment} chỉ tiêu cả nhiệm kỳ ({term_target}).",
        "en": "Over the whole {term} term (to {as_of}), the district admitted {admitted} members, {attainment} of the term target ({term_target}).",
    },
    "ratings": {
        "vi": "Năm {year}, {org_share} tổ chức cơ sở đảng ({org_verdict} mức 90 %) và {mem_share} đảng viên ({mem_verdict} mức 90 %) được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
        "en": "In {year}, {org_share} of party organisations ({org_verdict} the 90% mark) and {mem_share} of party members ({mem_verdict} it) were rated good or better.",
    },
    "above": {"vi": "trên", "en": "above"},
    "not_above": {"vi": "không vượt", "en": "not above"},
    "placements": {
        "vi": "Năm {year}, {secretaries}/{units} bí thư đảng ủy cơ sở ({share}) ở {district} không phải người địa phương; {chairs} chủ tịch và {vices} phó chủ tịch UBND xã cũng vậy; {both} xã có bí thư đồng thời là chủ tịch UBND.",
        "en": "In {year}, {secretaries} of {units} grassroots party secretaries ({share}) in {district} are not local; so are {chairs} People's Committee chairs and {vices} vice-chairs; in {both} communes the party secretary also chairs the People's Committee.",
    },
    "breakthrough": {
        "vi": "Năm {year}, {district} giao {tasks} việc đột phá cho {cadres} cán bộ ({per_cadre} việc mỗi người); {completed} việc đã hoàn thành ({rate}).",
        "en": "In {year}, {district} assigned {tasks} breakthrough tasks to {cadres} cadres ({per_cadre} per person); {completed} were completed ({rate}).",
    },
    "no_data": {"vi": "Không có số liệu {what} cho {district}.", "en": "No {what} data for {district}."},
    "facts": {
        "vi": "{agree}/{total} số liệu của bài báo khớp với dữ liệu.",
        "en": "{agree} of {total} figures agree with the data.",
    },
    "truncation": {
        "vi": "Đã kết nạp {admitted} trên chỉ tiêu nhiệm kỳ {target}: tỷ lệ {share}; cắt bỏ phần lẻ: {truncated}; làm tròn: {rounded}.",
        "en": "Admitted {admitted} against a term target of {target}: share {share}; truncated: {truncated}; rounded: {rounded}.",
    },
}


def _t(key: str, lang: str | None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


def _n(value: object, lang: str, decimals: int = 0) -> str:
    return format_number(_plain(value), decimals, lang=lang)


def _plain(value: object) -> float | None:
    try:
        import pandas as pd

        if value is None or pd.isna(value):
            return float("nan")
    except (TypeError, ValueError):
        pass
    return float(value)


def _last(frame):
    return frame.sort_values("year").iloc[-1]


def no_data(what: str, district: str, *, lang: str | None = None) -> str:
    """A sentence saying there is no data of a kind.

    >>> no_data("placements", "Na Hang", lang="en")
    'No placements data for Na Hang.'
    """
    return _t("no_data", get_lang(lang), what=what, district=district)


def problems_reading(problems, district: str, *, files: int = 0, lang: str | None = None) -> str:
    """How many problems were found, errors and warnings.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"severity": ["error", "warning", "warning"]})
    >>> problems_reading(p, "Chiêm Hóa", lang="en").split(":")[0]
    "3 problems found in Chiêm Hóa's workbooks"
    """
    lang = get_lang(lang)
    if len(problems) == 0:
        return _t("problems_none", lang, district=district, files=files)
    errors = int((problems["severity"] == "error").sum())
    return _t("problems", lang, n=len(problems), errors=errors, warnings=len(problems) - errors, district=district)


def admissions_reading(attainment, *, lang: str | None = None) -> str:
    """The latest year's admissions against the target (``admissions_attainment(by="district")``).

    >>> import pandas as pd
    >>> a = pd.DataFrame({"district": ["A"], "year": [2023], "target": [200], "admitted": [180],
    ...     "attainment": [0.9], "units_with_target": [24]})
    >>> admissions_reading(a, lang="en")
    'In 2023, A admitted 180 new members, 90.0% of the annual target (200) of its 24 party organisations with a target.'
    """
    lang = get_lang(lang)
    row = _last(attainment)
    return _t(
        "admissions",
        lang,
        year=int(row["year"]),
        district=row["district"],
        admitted=_n(row["admitted"], lang),
        attainment=format_percent(_plain(row["attainment"]), 1, lang=lang),
        target=_n(row["target"], lang),
        units=_n(row["units_with_target"], lang),
    )


def term_reading(progress, *, lang: str | None = None) -> str:
    """A term's progress (``term_progress(by="district")``, one row).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"term": ["2020–2025"], "as_of": [2023], "admitted": [700],
    ...     "term_target": [1000], "attainment": [0.7], "pace_needed": [300.0]})
    >>> term_reading(p, lang="en").split(";")[0]
    'From the start of the 2020–2025 term to 2023, the district admitted 700 members, 70.0% of the term target (1,000)'
    >>> term_reading(p.assign(as_of=2024, pace_needed=float("nan")), lang="en").split(",")[0]
    'Over the whole 2020–2025 term (to 2024)'
    """
    lang = get_lang(lang)
    row = progress.iloc[0]
    pace = _plain(row["pace_needed"])
    return _t(
        "term" if pace == pace else "term_over",
        lang,
        term=row["term"],
        as_of=int(row["as_of"]),
        admitted=_n(row["admitted"], lang),
        attainment=format_percent(_plain(row["attainment"]), 1, lang=lang),
        term_target=_n(row["term_target"], lang),
        pace=_n(row["pace_needed"], lang, 1),
    )


def ratings_reading(good, *, lang: str | None = None) -> str:
    """The latest year's shares rated good or better (``good_or_better`` by district).

    >>> import pandas as pd
    >>> g = pd.DataFrame({"year": [2022, 2022], "subject": ["organisation", "members"],
    ...     "share": [0.95, 0.89], "above_benchmark": [True, False]})
    >>> ratings_reading(g, lang="en")
    'In 2022, 95.0% of party organisations (above the 90% mark) and 89.0% of party members (not above it) were rated good or better.'
    """
    lang = get_lang(lang)
    year = int(good["year"].max())
    latest = good[good["year"] == year].set_index("subject")
    org, mem = latest.loc["organisation"], latest.loc["members"]
    return _t(
        "ratings",
        lang,
        year=year,
        org_share=format_percent(_plain(org["share"]), 1, lang=lang),
        mem_share=format_percent(_plain(mem["share"]), 1, lang=lang),
        org_verdict=_t("above" if bool(org["above_benchmark"]) else "not_above", lang),
        mem_verdict=_t("above" if bool(mem["above_benchmark"]) else "not_above", lang),
    )


def placements_reading(leadership, *, lang: str | None = None) -> str:
    """The latest year's non-local leaders (``non_local_leadership`` by district)."""
    lang = get_lang(lang)
    row = _last(leadership)
    units = _plain(row["units"])
    return _t(
        "placements",
        lang,
        year=int(row["year"]),
        district=row["district"],
        secretaries=_n(row["secretaries_non_local"], lang),
        units=_n(units, lang),
        share=format_percent(_plain(row["secretaries_non_local"]) / units if units else float("nan"), 0, lang=lang),
        chairs=_n(row["pc_chairs_non_local"], lang),
        vices=_n(row["pc_vice_chairs_non_local"], lang),
        both=_n(row["secretaries_chairing_pc"], lang),
    )


def breakthrough_reading(summary, *, lang: str | None = None) -> str:
    """The latest year's breakthrough tasks (``breakthrough_summary(by="district")``).

    >>> import pandas as pd
    >>> s = pd.DataFrame({"district": ["A"], "year": [2023], "cadres": [195], "tasks": [765],
    ...     "tasks_completed": [600], "tasks_per_cadre": [765 / 195], "completion_rate": [600 / 765]})
    >>> breakthrough_reading(s, lang="en")
    'In 2023, A assigned 765 breakthrough tasks to 195 cadres (3.9 per person); 600 were completed (78.4%).'
    """
    lang = get_lang(lang)
    row = _last(summary)
    return _t(
        "breakthrough",
        lang,
        year=int(row["year"]),
        district=row["district"],
        tasks=_n(row["tasks"], lang),
        cadres=_n(row["cadres"], lang),
        per_cadre=_n(row["tasks_per_cadre"], lang, 1),
        completed=_n(row["tasks_completed"], lang),
        rate=format_percent(_plain(row["completion_rate"]), 1, lang=lang),
    )


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
    import math

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
