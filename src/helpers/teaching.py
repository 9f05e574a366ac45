"""Offline self-checks for the teaching notebooks (``notebooks/teaching/``).

Each exercise asks the learner to fill a variable (``answer = ...``) and then
run ``check("exercise-id", answer)``.  The expected value is *computed* from
the bundled data with the project's own readers and indicators (no answer is
stored), and the feedback says what is wrong without giving the answer away:
not answered yet, the wrong type, the wrong columns, off by how much in
relative terms, or a known slip ("you counted the total row").

Examples
--------
>>> r = check("11-canonical", ...)
>>> bool(r), r.message.startswith("Chưa")
(False, True)
>>> with_lang = check("11-canonical", [canonical(n) for n in messy_names()], lang="en")
>>> bool(with_lang), with_lang.message
(True, 'Correct.')
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import config
from .i18n import get_lang, translate
from .text import canonical, fold

#: The district the exercises use (the article's district).
DISTRICT = "Chiêm Hóa"

_MESSAGES = {
    "ok": {"vi": "Đúng.", "en": "Correct."},
    "blank": {
        "vi": "Chưa có câu trả lời: thay dấu ... bằng kết quả của bạn rồi chạy lại ô này.",
        "en": "Not answered yet: replace ... with your answer, then run this cell again.",
    },
    "unknown": {"vi": "Không có bài tập {exercise!r}; có: {known}", "en": "No exercise {exercise!r}; known: {known}"},
    "type": {
        "vi": "Cần {expected}, nhưng câu trả lời là {got}.",
        "en": "Expected {expected}, but the answer is {got}.",
    },
    "too_high": {
        "vi": "Chưa đúng: cao hơn khoảng {pct} so với kết quả đúng.",
        "en": "Not yet: about {pct} too high.",
    },
    "too_low": {
        "vi": "Chưa đúng: thấp hơn khoảng {pct} so với kết quả đúng.",
        "en": "Not yet: about {pct} too low.",
    },
    "total_row": {
        "vi": "Chưa đúng: có vẻ bạn đã tính cả dòng tổng cộng (dòng \"Tổng cộng\" không phải dòng dữ liệu).",
        "en": "Not yet: it looks like you counted the total row (\"Tổng cộng\" is not a data row).",
    },
    "group_rows": {
        "vi": "Chưa đúng: thừa {n} dòng; các dòng nhóm (\"I\", \"II\"), cộng nhóm (\"Cộng I\") và tổng cộng không phải dòng dữ liệu.",
        "en": "Not yet: {n} rows too many; group rows (\"I\", \"II\"), sub-totals (\"Cộng I\") and the grand total are not data rows.",
    },
    "doubled": {
        "vi": "Chưa đúng: kết quả gấp đôi; bạn đã cộng cả dòng tổng cộng vào tổng?",
        "en": "Not yet: the result is doubled; did you add the total row into the sum?",
    },
    "percent": {
        "vi": "Chưa đúng: hãy cho tỷ lệ giữa 0 và 1 (0,5 chứ không phải 50).",
        "en": "Not yet: give a share between 0 and 1 (0.5, not 50).",
    },
    "not_rated": {
        "vi": "Chưa đúng: mẫu số chỉ gồm đảng viên được xếp loại (bỏ người \"không xếp loại\").",
        "en": "Not yet: the denominator counts rated members only (leave out those \"not rated\").",
    },
    "columns": {
        "vi": "Cột chưa đúng: cần {expected}; bảng có {got}.",
        "en": "Wrong columns: expected {expected}; the table has {got}.",
    },
    "rows": {
        "vi": "Số dòng chưa đúng: {got} dòng, cần {relation}.",
        "en": "Wrong number of rows: {got}, expected {relation}.",
    },
    "rows_more": {"vi": "nhiều hơn", "en": "more"},
    "rows_fewer": {"vi": "ít hơn", "en": "fewer"},
    "values": {
        "vi": "Chưa đúng ở {n} dòng, ví dụ {unit}: {detail}",
        "en": "Wrong in {n} rows, e.g. {unit}: {detail}",
    },
    "missing_unit": {"vi": "thiếu đơn vị {unit}", "en": "unit {unit} is missing"},
    "set_missing": {"vi": "thiếu {n} tên", "en": "{n} names missing"},
    "set_extra": {"vi": "thừa {n} tên", "en": "{n} names too many"},
    "set_wrong": {"vi": "Chưa đúng: {detail}.", "en": "Not yet: {detail}."},
    "not_canonical": {
        "vi": "Chưa đúng: {n}/{total} tên chưa ở dạng chuẩn (NFC, dấu kiểu cũ như Hòa, Thủy; một dấu cách; không thừa khoảng trắng).",
        "en": "Not yet: {n} of {total} names are not canonical (NFC, classic tones as in Hòa, Thủy; single spaces; trimmed).",
    },
    "length": {"vi": "Cần {expected} phần tử, câu trả lời có {got}.", "en": "Expected {expected} items, the answer has {got}."},
    "format_en": {
        "vi": "Chưa đúng: đây là cách viết tiếng Anh; tiếng Việt viết dấu phẩy thập phân và \" %\" cách một dấu cách.",
        "en": "Not yet: that is the English style; Vietnamese writes a decimal comma and \" %\" after a space.",
    },
    "format_digits": {
        "vi": "Chưa đúng: cần đúng một chữ số thập phân.",
        "en": "Not yet: use exactly one decimal place.",
    },
    "format_wrong": {
        "vi": "Chưa đúng: giá trị trong chuỗi không khớp với tỷ lệ tính từ dữ liệu.",
        "en": "Not yet: the number in the text does not match the share computed from the data.",
    },
    "figure_axes": {"vi": "Hình chưa có trục (Axes) nào.", "en": "The figure has no Axes."},
    "figure_title": {"vi": "Hình cần có tiêu đề.", "en": "The figure needs a title."},
    "figure_bars": {
        "vi": "Hình cần {expected} cột (mỗi đơn vị một cột); hình có {got}.",
        "en": "The figure needs {expected} bars (one per unit); it has {got}.",
    },
}


def _t(key: str, lang: str | None = None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


@dataclass(frozen=True)
class Feedback:
    """The outcome of a self-check: ``ok`` and a message in the current language."""

    exercise: str
    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return f"{'✔' if self.ok else '✘'} {self.exercise}: {self.message}"

    __repr__ = __str__


# --------------------------------------------------------------------------
# Inputs the exercises share
# --------------------------------------------------------------------------


def messy_names() -> list[str]:
    """Unit names spelt the many ways real workbooks spell them (exercise 11).

    >>> len(messy_names())
    8
    """
    import unicodedata

    return [
        "Hoà Phú",
        unicodedata.normalize("NFD", "Hòa Phú"),
        "  Yên   Lập ",
        "YÊN LẬP",
        "Thuỷ Sơn",
        "Thủy\u00a0Sơn",
        "Vĩnh\nLộc",
        "Trung Hoà",
    ]


def sheet_path(kind: str, district: str = DISTRICT, data_dir: str | Path | None = None) -> Path:
    """The bundled workbook of one report kind for a district.

    >>> sheet_path("admissions").relative_to(config.PROJ_ROOT).as_posix()
    'data/raw/chiem-hoa/admissions.xlsx'
    """
    from .text import slug

    return Path(data_dir or config.RAW_DATA_DIR) / slug(district) / f"{kind}.xlsx"


@functools.lru_cache(maxsize=4)
def _tables(data_dir: str) -> object:
    from .read import read_reports

    return read_reports(data_dir)


def tables(data_dir: str | Path | None = None) -> object:
    """The bundled data read once (a ``Reports`` result), shared by every check."""
    return _tables(str(Path(data_dir or config.RAW_DATA_DIR)))


def _district_rows(frame, district: str = DISTRICT):
    """The district's whole-year reports (the exercises' workbooks; not its last half-year of 2025)."""
    return frame[(frame["district"] == district) & (frame["period"] == "year")]


# --------------------------------------------------------------------------
# Expected values, computed from the data
# --------------------------------------------------------------------------


def _latest_admissions_year(t) -> int:
    return int(_district_rows(t.admissions)["year"].max())


def _expected_data_rows(t) -> int:
    adm = _district_rows(t.admissions)
    return int((adm["year"] == _latest_admissions_year(t)).sum())


def _expected_admitted_total(t) -> int:
    adm = _district_rows(t.admissions)
    return int(adm.loc[adm["year"] == _latest_admissions_year(t), "admitted"].sum())


def _hoa_phu(t):
    adm = _district_rows(t.admissions)
    return adm[(adm["unit"] == "Hòa Phú") & adm["year"].between(2020, 2023)]


def _expected_hoa_phu_admitted(t) -> int:
    return int(_hoa_phu(t)["admitted"].sum())


def _expected_hoa_phu_attainment(t) -> float:
    from . import indicators as ind

    adm = _district_rows(t.admissions)
    row = ind.term_progress(adm[adm["unit"] == "Hòa Phú"], "2020–2025", as_of=2023)
    return float(row["attainment"].iloc[0])


def _expected_attainment_table(t):
    from . import indicators as ind

    adm = _district_rows(t.admissions)
    year = _latest_admissions_year(t)
    out = ind.admissions_attainment(adm[adm["year"] == year])
    return out[["unit", "attainment"]].sort_values("unit").reset_index(drop=True)


def _members_2022(t):
    from . import indicators as ind

    rat = _district_rows(t.ratings)
    return ind.good_or_better(rat[rat["year"] == 2022], subject="members").iloc[0]


def _expected_members_share(t) -> float:
    return float(_members_2022(t)["share"])


def _share_with_not_rated(t) -> float | None:
    """The slip: members not rated counted in the denominator."""
    import pandas as pd

    row = _members_2022(t)
    not_rated = row["not_rated"]
    if pd.isna(not_rated) or int(not_rated) == 0:
        return None
    return float(row["good_or_better"]) / float(row["rated"] + not_rated)


def _expected_excellent_every_year(t) -> set[str]:
    from . import indicators as ind

    rat = _district_rows(t.ratings)
    frame = ind.excellent_every_year(rat, years=range(2018, 2023))
    return set(frame["unit"].tolist())


def _expected_label(t, lang: str = "vi") -> str:
    from .i18n import format_percent

    return format_percent(_expected_hoa_phu_attainment(t), 1, lang=lang)


def _expected_bars(t) -> int:
    tasks = _district_rows(t.breakthrough_tasks)
    return int((tasks["year"] == tasks["year"].max()).sum())


# --------------------------------------------------------------------------
# Comparisons that explain themselves
# --------------------------------------------------------------------------


def _is_blank(answer: object) -> bool:
    return answer is Ellipsis or answer is None


def _type_name(value: object) -> str:
    return type(value).__name__


def _relative(answer: float, expected: float, lang: str) -> str:
    from .i18n import format_percent

    if expected == 0:
        return _t("too_high" if answer > 0 else "too_low", lang, pct=_format_count(abs(answer), lang))
    rel = (answer - expected) / abs(expected)
    # Round the relative gap coarsely, so that it cannot be turned back into the answer.
    coarse = max(0.05, round(abs(rel) / 0.05) * 0.05) if abs(rel) >= 0.05 else abs(rel)
    pct = format_percent(coarse, 0, lang=lang) if abs(rel) >= 0.05 else ("< 5 %" if lang == "vi" else "< 5%")
    return _t("too_high" if rel > 0 else "too_low", lang, pct=pct)


def _format_count(value: float, lang: str) -> str:
    from .i18n import format_number

    return format_number(value, 0, lang=lang)


def _count(answer: object, expected: int, lang: str, *, total_row: bool = False, doubled: bool = False) -> str | None:
    import numbers

    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        if isinstance(answer, numbers.Real) and float(answer).is_integer():
            answer = int(answer)
        else:
            return _t("type", lang, expected="int", got=_type_name(answer))
    answer = int(answer)
    if answer == expected:
        return None
    if total_row and answer == expected + 1:
        return _t("total_row", lang)
    if total_row and expected + 1 < answer <= expected + 6:
        return _t("group_rows", lang, n=answer - expected)
    if doubled and answer == 2 * expected:
        return _t("doubled", lang)
    return _relative(answer, expected, lang)


def _share(answer: object, expected: float, lang: str, *, not_rated: float | None = None) -> str | None:
    import numbers

    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return _t("type", lang, expected="float", got=_type_name(answer))
    value = float(answer)
    if math.isclose(value, expected, rel_tol=1e-6, abs_tol=1e-9):
        return None
    if value > 1 and (math.isclose(value / 100, expected, rel_tol=1e-3) or value > 10 * max(expected, 1)):
        return _t("percent", lang)
    if not_rated is not None and math.isclose(value, not_rated, rel_tol=1e-6):
        return _t("not_rated", lang)
    return _relative(value, expected, lang)


def _table(answer: object, expected, lang: str) -> str | None:
    import pandas as pd

    if not isinstance(answer, pd.DataFrame):
        return _t("type", lang, expected="DataFrame", got=_type_name(answer))
    want = list(expected.columns)
    if sorted(map(str, answer.columns)) != sorted(want):
        return _t("columns", lang, expected=", ".join(want), got=", ".join(map(str, answer.columns)))
    got = answer[want].copy()
    if len(got) != len(expected):
        relation = f"{_t('rows_fewer' if len(got) > len(expected) else 'rows_more', lang)}"
        return _t("rows", lang, got=len(got), relation=relation)
    merged = expected.merge(got, on="unit", how="left", suffixes=("", "_answer"), indicator=True)
    missing = merged[merged["_merge"] == "left_only"]
    if len(missing):
        return _t("values", lang, n=len(missing), unit=missing["unit"].iloc[0], detail=_t("missing_unit", lang, unit=missing["unit"].iloc[0]))
    bad = []
    for _, row in merged.iterrows():
        e, a = row["attainment"], row["attainment_answer"]
        e_na, a_na = pd.isna(e), pd.isna(a)
        if e_na != a_na or (not e_na and not math.isclose(float(a), float(e), rel_tol=1e-6)):
            bad.append(row)
    if not bad:
        return None
    first = bad[0]
    if pd.isna(first["attainment"]) or pd.isna(first["attainment_answer"]):
        detail = "<NA>"
    else:
        detail = _share(float(first["attainment_answer"]), float(first["attainment"]), lang) or ""
    return _t("values", lang, n=len(bad), unit=first["unit"], detail=detail)


def _names(answer: object, expected: set[str], lang: str) -> str | None:
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return _t("type", lang, expected="list[str]", got=_type_name(answer))
    got = {canonical(x) for x in answer}
    if got == expected:
        return None
    parts = []
    missing, extra = expected - got, got - expected
    if missing:
        parts.append(_t("set_missing", lang, n=len(missing)))
    if extra:
        parts.append(_t("set_extra", lang, n=len(extra)))
    return _t("set_wrong", lang, detail=", ".join(parts))


def _canonical_list(answer: object, lang: str) -> str | None:
    names = messy_names()
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return _t("type", lang, expected="list[str]", got=_type_name(answer))
    if len(answer) != len(names):
        return _t("length", lang, expected=len(names), got=len(answer))
    wrong = sum(1 for a, n in zip(answer, names) if not isinstance(a, str) or a != canonical(n))
    return _t("not_canonical", lang, n=wrong, total=len(names)) if wrong else None


def _distinct(answer: object, lang: str) -> str | None:
    expected = len({fold(n) for n in messy_names()})
    return _count(answer, expected, lang)


def _label(answer: object, expected: str, lang: str, share: float) -> str | None:
    from .i18n import format_percent

    if not isinstance(answer, str):
        return _t("type", lang, expected="str", got=_type_name(answer))
    if answer == expected:
        return None
    if answer == format_percent(share, 1, lang="en"):
        return _t("format_en", lang)
    if answer.replace(" ", "") in {format_percent(share, d, lang="vi").replace(" ", "") for d in (0, 2, 3)}:
        return _t("format_digits", lang)
    return _t("format_wrong", lang)


def _figure(answer: object, expected_bars: int, lang: str) -> str | None:
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    if not isinstance(answer, Figure):
        return _t("type", lang, expected="matplotlib Figure", got=_type_name(answer))
    if not answer.axes:
        return _t("figure_axes", lang)
    ax = answer.axes[0]
    if not (ax.get_title() or answer.get_suptitle()):
        return _t("figure_title", lang)
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0 and p.get_width() > 0]
    if len(bars) < expected_bars:
        return _t("figure_bars", lang, expected=expected_bars, got=len(bars))
    return None


# --------------------------------------------------------------------------
# The exercises
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One exercise: what it asks and how an answer is judged."""

    id: str
    question: str
    judge: Callable[[object, object, str], str | None]


EXERCISES: dict[str, Exercise] = {
    e.id: e
    for e in (
        Exercise(
            "10-data-rows",
            "How many data rows does Chiêm Hóa's latest admissions sheet hold?",
            lambda a, t, lang: _count(a, _expected_data_rows(t), lang, total_row=True),
        ),
        Exercise(
            "10-admitted-total",
            "How many new members did Chiêm Hóa admit in its latest report year?",
            lambda a, t, lang: _count(a, _expected_admitted_total(t), lang, doubled=True),
        ),
        Exercise(
            "11-canonical",
            "The canonical form of each of messy_names(), in order.",
            lambda a, t, lang: _canonical_list(a, lang),
        ),
        Exercise(
            "11-distinct-units",
            "How many different units do messy_names() name?",
            lambda a, t, lang: _distinct(a, lang),
        ),
        Exercise(
            "12-hoa-phu-admitted",
            "New members admitted by Hòa Phú, 2020–2023.",
            lambda a, t, lang: _count(a, _expected_hoa_phu_admitted(t), lang),
        ),
        Exercise(
            "12-hoa-phu-attainment",
            "Hòa Phú's attainment of the 2020–2025 term target, as a share.",
            lambda a, t, lang: _share(a, _expected_hoa_phu_attainment(t), lang),
        ),
        Exercise(
            "12-attainment-table",
            "Attainment of each Chiêm Hóa unit in the latest year: columns unit, attainment.",
            lambda a, t, lang: _table(a, _expected_attainment_table(t), lang),
        ),
        Exercise(
            "13-members-good-share",
            "Share of Chiêm Hóa's rated members rated good or better in 2022.",
            lambda a, t, lang: _share(a, _expected_members_share(t), lang, not_rated=_share_with_not_rated(t)),
        ),
        Exercise(
            "13-excellent-every-year",
            "Chiêm Hóa organisations rated excellent in every year 2018–2022.",
            lambda a, t, lang: _names(a, _expected_excellent_every_year(t), lang),
        ),
        Exercise(
            "14-label",
            "Hòa Phú's term attainment written for a Vietnamese report, one decimal.",
            lambda a, t, lang: _label(a, _expected_label(t), lang, _expected_hoa_phu_attainment(t)),
        ),
        Exercise(
            "14-figure",
            "A bar chart of breakthrough tasks per Chiêm Hóa unit in the latest year, with a title.",
            lambda a, t, lang: _figure(a, _expected_bars(t), lang),
        ),
    )
}


def check(exercise: str, answer: object, *, lang: str | None = None, data_dir: str | Path | None = None) -> Feedback:
    """Check a learner's answer to ``exercise`` against the bundled data.

    Parameters
    ----------
    exercise : str
        An id of :data:`EXERCISES`, e.g. ``"12-hoa-phu-admitted"``.
    answer : object
        The learner's answer; ``...`` (not answered yet) is allowed.
    lang : {"vi", "en"}, optional
        Language of the feedback (default: the current setting).
    data_dir : path, optional
        The data the expected values are computed from (default: bundled).

    Returns
    -------
    Feedback
        True when right; its message says what is wrong, never the answer.

    Examples
    --------
    >>> check("11-distinct-units", "four", lang="en").message
    'Expected int, but the answer is str.'
    """
    lang = get_lang(lang)
    if exercise not in EXERCISES:
        raise KeyError(_t("unknown", lang, exercise=exercise, known=", ".join(EXERCISES)))
    if _is_blank(answer):
        return Feedback(exercise, False, _t("blank", lang))
    needs_data = not exercise.startswith("11-")
    data = tables(data_dir) if needs_data else None
    problem = EXERCISES[exercise].judge(answer, data, lang)
    return Feedback(exercise, problem is None, problem or _t("ok", lang))
