"""The fact-check: the article's published figures F1–F13 recomputed from the data.

The article ("Chiêm Hóa tăng cường xây dựng và chỉnh đốn Đảng") gives
thirteen checkable figures about Chiêm Hóa district.  :func:`check_facts`
recomputes each one from the tidy tables, with the indicators of
:mod:`helpers.indicators`, and puts the article's words, the article's
value and the data's value side by side.

``python -m helpers facts [DATA_DIR]`` prints the comparison and exits
non-zero when a figure disagrees or the workbooks hold errors.

Examples
--------
>>> FACTS["F5"]["article_value"]
'57%'
>>> [f for f in FACTS][:3]
['F1', 'F2', 'F3']
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import config
from . import indicators as ind
from .i18n import format_number, format_percent, get_lang, translate
from .text import canonical, fold

#: The district the article is about.
DISTRICT = "Chiêm Hóa"

#: The article's claims: its words (canonical spelling), an English gloss,
#: the unit, the period and the value as the article gives it (with its
#: English gloss; empty where the article gives no number).
FACTS: dict[str, dict[str, str]] = {
    "F1": {
        "claim": "100% cán bộ, công chức xã là đảng viên tham gia sinh hoạt chi bộ thôn",
        "claim_en": "100% of commune officials who are party members take part in village party-cell meetings",
        "unit": "xã Yên Lập",
        "period": "2022–2025",
        "article_value": "100%",
        "article_value_en": "100%",
    },
    "F2": {
        "claim": "trong đó có 8 đồng chí tham gia BCH chi bộ thôn",
        "claim_en": "8 of them sit on village party-cell executive committees",
        "unit": "xã Yên Lập",
        "period": "2022–2025",
        "article_value": "8",
        "article_value_en": "8",
    },
    "F3": {
        "claim": "đề ra chỉ tiêu hàng năm kết nạp 9 đảng viên mới trở lên",
        "claim_en": "the congress resolution sets a target of at least 9 new members a year",
        "unit": "xã Hòa Phú",
        "period": "2020–2025",
        "article_value": "9 trở lên",
        "article_value_en": "9 or more",
    },
    "F4": {
        "claim": "Từ đầu nhiệm kỳ đến nay, Đảng bộ xã Hòa Phú đã kết nạp 26 đảng viên mới",
        "claim_en": "since the start of the term the commune has admitted 26 new members",
        "unit": "xã Hòa Phú",
        "period": "2020–2023",
        "article_value": "26",
        "article_value_en": "26",
    },
    "F5": {
        "claim": "đạt 57% chỉ tiêu nghị quyết",
        "claim_en": "57% of the resolution's target reached",
        "unit": "xã Hòa Phú",
        "period": "2020–2023",
        "article_value": "57%",
        "article_value_en": "57%",
    },
    "F6": {
        "claim": "huyện Chiêm Hóa có 22/24 đồng chí bí thư cấp ủy cơ sở không phải người địa phương",
        "claim_en": "22 of the district's 24 grassroots party secretaries are not local",
        "unit": "huyện Chiêm Hóa",
        "period": "2023",
        "article_value": "22/24",
        "article_value_en": "22/24",
    },
    "F7": {
        "claim": "10 đồng chí chủ tịch, 4 phó chủ tịch UBND xã không phải người địa phương",
        "claim_en": "10 commune People's Committee chairs and 4 vice-chairs are not local",
        "unit": "huyện Chiêm Hóa",
        "period": "2023",
        "article_value": "10 chủ tịch, 4 phó chủ tịch",
        "article_value_en": "10 chairs, 4 vice-chairs",
    },
    "F8": {
        "claim": "2 địa phương có Bí thư đảng ủy đồng thời là Chủ tịch UBND xã",
        "claim_en": "in 2 communes the party secretary also chairs the People's Committee",
        "unit": "huyện Chiêm Hóa",
        "period": "2023",
        "article_value": "2",
        "article_value_en": "2",
    },
    "F9": {
        "claim": (
            "Ban Thường vụ Huyện ủy đã giao 765 việc đột phá, đổi mới trong năm và giai đoạn "
            "2021 - 2025 cho 195 đồng chí cán bộ lãnh đạo, quản lý"
        ),
        "claim_en": "765 breakthrough tasks were assigned to 195 leading cadres",
        "unit": "huyện Chiêm Hóa",
        "period": "2023",
        "article_value": "765 việc, 195 đồng chí",
        "article_value_en": "765 tasks, 195 cadres",
    },
    "F10": {
        "claim": "tỷ lệ tổ chức đảng đạt tiêu chuẩn hoàn thành tốt nhiệm vụ hàng năm đạt trên 90% trở lên",
        "claim_en": "each year over 90% of party organisations were rated good or better",
        "unit": "huyện Chiêm Hóa",
        "period": "2020–2022",
        "article_value": "trên 90%",
        "article_value_en": "over 90%",
    },
    "F11": {
        "claim": (
            "tỷ lệ đảng viên, cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ hàng năm đạt trên 90% trở lên"
        ),
        "claim_en": "each year over 90% of party members were rated good or better",
        "unit": "huyện Chiêm Hóa",
        "period": "2020–2022",
        "article_value": "trên 90%",
        "article_value_en": "over 90%",
    },
    "F12": {
        "claim": "Trong nửa đầu nhiệm kỳ, toàn huyện đã kết nạp trên 540 đảng viên mới",
        "claim_en": "in the first half of the term the district admitted over 540 new members",
        "unit": "huyện Chiêm Hóa",
        "period": "2020–2022",
        "article_value": "trên 540",
        "article_value_en": "over 540",
    },
    "F13": {
        "claim": (
            "Các tổ chức cơ sở đảng huyện Chiêm Hóa đạt tiêu chuẩn hoàn thành xuất sắc nhiệm vụ, "
            "giai đoạn 2018 - 2022 được BCH Đảng bộ tỉnh khen thưởng"
        ),
        "claim_en": "grassroots organisations rated excellent in every year of 2018–2022 were commended by the province",
        "unit": "huyện Chiêm Hóa",
        "period": "2018–2022",
        "article_value": "–",
        "article_value_en": "",
    },
}
for _fact in FACTS.values():
    _fact["claim"] = canonical(_fact["claim"])

#: The columns of :func:`check_facts`.
COLUMNS = ("id", "claim", "claim_en", "unit", "period", "article_value", "data_value", "agrees", "note")

MESSAGES: dict[str, dict[str, str]] = {
    "no_data": {"vi": "Không có số liệu cho {what}", "en": "No data for {what}"},
    "year_used": {"vi": "Số liệu năm {year}", "en": "Figures for {year}"},
    "f3": {"vi": "Chỉ tiêu từng năm: {values}", "en": "Annual targets: {values}"},
    "f4": {"vi": "Tổng số kết nạp các năm {years}", "en": "Sum of admissions over {years}"},
    "f5": {
        "vi": (
            "{admitted} / ({target} × {years}) = {exact}; bài báo cắt bỏ phần thập phân (viết {truncated} %), "
            "không làm tròn (làm tròn sẽ là {rounded} %)"
        ),
        "en": (
            "{admitted} / ({target} × {years}) = {exact}; the article truncates to {truncated}%, "
            "it does not round (rounding gives {rounded}%)"
        ),
    },
    "f6": {"vi": "Bí thư không phải người địa phương / số đơn vị", "en": "Non-local secretaries / units"},
    "f7": {"vi": "Chủ tịch; phó chủ tịch UBND không phải người địa phương", "en": "Non-local PC chairs; vice-chairs"},
    "f9": {"vi": "Việc đột phá; cán bộ được giao", "en": "Breakthrough tasks; cadres assigned"},
    "shares": {"vi": "Tỷ lệ tốt trở lên từng năm, trên số được xếp loại", "en": "Share good or better each year, of those rated"},
    "missing_years": {"vi": "Thiếu số liệu các năm {years}", "en": "Missing years: {years}"},
    "f13": {
        "vi": "{n} tổ chức xuất sắc cả 5 năm; bài báo không nêu số lượng",
        "en": "{n} organisations excellent in all five years; the article gives no count",
    },
    "agree": {"vi": "khớp", "en": "agrees"},
    "disagree": {"vi": "KHÔNG KHỚP", "en": "DISAGREES"},
    "summary": {"vi": "{n}/{total} số liệu khớp với bài báo", "en": "{n} of {total} figures agree with the article"},
    "synthetic": {
        "vi": "Lưu ý: dữ liệu kèm theo trong data/raw là dữ liệu mô phỏng (tổng hợp), không phải số liệu thật.",
        "en": "Note: the bundled data in data/raw are synthetic, not real figures.",
    },
    "read_errors": {
        "vi": "Có {n} lỗi khi đọc số liệu; kết quả có thể không tin cậy:",
        "en": "{n} errors while reading the workbooks; the results cannot be trusted:",
    },
    "description": {
        "vi": "Tính lại các số liệu F1–F13 của bài báo từ các tệp báo cáo",
        "en": "Recompute the article's published figures F1–F13 from the workbooks",
    },
}


def _msg(key: str, lang: str, **params: object) -> str:
    return translate(MESSAGES, key, lang, **params)


def _matching(values: pd.Series, name: str) -> pd.Series:
    """Rows whose name matches ``name`` (folded: case, tones, spacing)."""
    wanted = fold(name)
    names = [v for v in values.dropna().unique() if fold(v) == wanted]
    return values.isin(names)


def _unit_rows(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    return frame[_matching(frame["district"], DISTRICT) & _matching(frame["unit"], unit)]


def _district_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[_matching(frame["district"], DISTRICT)]


def _span(years: range | list[int]) -> str:
    ys = list(years)
    return f"{ys[0]}–{ys[-1]}" if len(ys) > 1 else str(ys[0])


# --- the thirteen checks: each returns (data_value, agrees, note) ------------------

Check = tuple[str, bool, str]


def _yen_lap(tables, lang: str) -> pd.DataFrame:
    rows = _unit_rows(ind.table_of(tables, "placements"), "Yên Lập")
    rows = rows[rows["year"].between(2022, 2025)]
    if rows.empty:
        return rows
    return ind.village_cell_participation(rows[rows["year"] == rows["year"].max()])


def _f1(tables, lang: str) -> Check:
    part = _yen_lap(tables, lang)
    if part.empty or pd.isna(part["share_in_village_cells"].iloc[0]):
        return "–", False, _msg("no_data", lang, what="xã Yên Lập")
    r = part.iloc[0]
    value = f"{format_percent(float(r.share_in_village_cells), 0, lang)} ({int(r.officials_in_village_cells)}/{int(r.officials_members)})"
    agrees = int(r.officials_in_village_cells) == int(r.officials_members)
    return value, agrees, _msg("year_used", lang, year=int(r.year))


def _f2(tables, lang: str) -> Check:
    part = _yen_lap(tables, lang)
    if part.empty or pd.isna(part["officials_in_village_committees"].iloc[0]):
        return "–", False, _msg("no_data", lang, what="xã Yên Lập")
    r = part.iloc[0]
    n = int(r.officials_in_village_committees)
    return format_number(n, 0, lang), n == 8, _msg("year_used", lang, year=int(r.year))


def _hoa_phu(tables) -> pd.DataFrame:
    rows = _unit_rows(ind.table_of(tables, "admissions"), "Hòa Phú")
    return rows[rows["year"].isin(list(ind.TERMS["2020–2025"]))].sort_values("year")


def _hoa_phu_target(rows: pd.DataFrame) -> int | None:
    targets = rows["target"]
    if targets.empty or targets.isna().any() or targets.nunique() != 1:
        return None
    return int(targets.iloc[0])


def _f3(tables, lang: str) -> Check:
    rows = _hoa_phu(tables)
    if rows.empty:
        return "–", False, _msg("no_data", lang, what="xã Hòa Phú")
    values = "; ".join(
        f"{int(y)}: {format_number(t, 0, lang) if pd.notna(t) else '–'}" for y, t in zip(rows["year"], rows["target"])
    )
    target = _hoa_phu_target(rows)
    shown = format_number(target, 0, lang) if target is not None else "–"
    return shown, target == 9, _msg("f3", lang, values=values)


def _admitted_2020_2023(rows: pd.DataFrame) -> tuple[int | None, list[int]]:
    years = list(range(2020, 2024))
    part = rows[rows["year"].isin(years)]
    missing = [y for y in years if y not in set(part["year"].astype(int))]
    if part.empty or part["admitted"].isna().any():
        return None, missing
    return int(part["admitted"].sum()), missing


def _f4(tables, lang: str) -> Check:
    total, missing = _admitted_2020_2023(_hoa_phu(tables))
    if total is None:
        return "–", False, _msg("no_data", lang, what="xã Hòa Phú")
    note = _msg("f4", lang, years="2020–2023")
    if missing:
        note += "; " + _msg("missing_years", lang, years=", ".join(map(str, missing)))
    return format_number(total, 0, lang), total == 26 and not missing, note


def _f5(tables, lang: str) -> Check:
    rows = _hoa_phu(tables)
    target = _hoa_phu_target(rows)
    if rows.empty or target is None:
        return "–", False, _msg("no_data", lang, what="xã Hòa Phú")
    years = len(ind.TERMS["2020–2025"])
    progress = ind.term_progress(rows, "2020–2025", as_of=2023, term_target=target * years)
    admitted = int(progress["admitted"].iloc[0])
    share = float(progress["attainment"].iloc[0])
    truncated = math.floor(share * 100 + 1e-9)
    rounded = math.floor(share * 100 + 0.5)
    note = _msg(
        "f5",
        lang,
        admitted=admitted,
        target=target,
        years=years,
        exact=format_percent(share, 2, lang),
        truncated=truncated,
        rounded=rounded,
    )
    return format_percent(share, 1, lang), truncated == 57, note


def _leaders(tables) -> pd.DataFrame:
    rows = _district_rows(ind.table_of(tables, "placements"))
    return ind.non_local_leadership(rows[rows["year"] == 2023])


def _f6(tables, lang: str) -> Check:
    s = _leaders(tables)
    if s.empty:
        return "–", False, _msg("no_data", lang, what="2023")
    r = s.iloc[0]
    n, units = int(r.secretaries_non_local), int(r.units)
    return f"{n}/{units}", (n, units) == (22, 24), _msg("f6", lang)


def _f7(tables, lang: str) -> Check:
    s = _leaders(tables)
    if s.empty:
        return "–", False, _msg("no_data", lang, what="2023")
    r = s.iloc[0]
    chairs, vices = int(r.pc_chairs_non_local), int(r.pc_vice_chairs_non_local)
    return f"{chairs}; {vices}", (chairs, vices) == (10, 4), _msg("f7", lang)


def _f8(tables, lang: str) -> Check:
    s = _leaders(tables)
    if s.empty:
        return "–", False, _msg("no_data", lang, what="2023")
    n = int(s.iloc[0].secretaries_chairing_pc)
    return format_number(n, 0, lang), n == 2, ""


def _f9(tables, lang: str) -> Check:
    rows = _district_rows(ind.table_of(tables, "breakthrough_tasks"))
    s = ind.breakthrough_summary(rows[rows["year"] == 2023], by="district")
    if s.empty:
        return "–", False, _msg("no_data", lang, what="2023")
    tasks, cadres = int(s.iloc[0].tasks), int(s.iloc[0].cadres)
    value = f"{format_number(tasks, 0, lang)}; {format_number(cadres, 0, lang)}"
    return value, (tasks, cadres) == (765, 195), _msg("f9", lang)


def _shares(tables, subject: str, lang: str) -> Check:
    years = [2020, 2021, 2022]
    rows = _district_rows(ind.table_of(tables, "ratings"))
    g = ind.good_or_better(rows[rows["year"].isin(years)], subject=subject)
    if g.empty:
        return "–", False, _msg("no_data", lang, what=_span(years))
    value = "; ".join(f"{int(y)}: {format_percent(float(s), 1, lang)}" for y, s in zip(g["year"], g["share"]))
    missing = [y for y in years if y not in set(g["year"].astype(int))]
    agrees = not missing and bool(g["above_benchmark"].fillna(False).all())
    note = _msg("shares", lang)
    if missing:
        note += "; " + _msg("missing_years", lang, years=", ".join(map(str, missing)))
    return value, agrees, note


def _f10(tables, lang: str) -> Check:
    return _shares(tables, "organisation", lang)


def _f11(tables, lang: str) -> Check:
    return _shares(tables, "members", lang)


def _f12(tables, lang: str) -> Check:
    years = [2020, 2021, 2022]
    rows = _district_rows(ind.table_of(tables, "admissions"))
    rows = rows[rows["year"].isin(years)]
    if rows.empty:
        return "–", False, _msg("no_data", lang, what=_span(years))
    total = int(rows["admitted"].sum())
    missing = [y for y in years if y not in set(rows["year"].astype(int))]
    note = _msg("f4", lang, years=_span(years))
    if missing:
        note += "; " + _msg("missing_years", lang, years=", ".join(map(str, missing)))
    return format_number(total, 0, lang), total > 540 and not missing, note


def _f13(tables, lang: str) -> Check:
    years = range(2018, 2023)
    rows = _district_rows(ind.table_of(tables, "ratings"))
    rated_years = set(rows.loc[rows["subject"] == "organisation", "year"].dropna().astype(int))
    missing = [y for y in years if y not in rated_years]
    found = ind.excellent_every_year(rows, years)
    names = found["unit"].tolist()
    note = _msg("f13", lang, n=len(names))
    if missing:
        note += "; " + _msg("missing_years", lang, years=", ".join(map(str, missing)))
    return (", ".join(names) if names else "–"), bool(names) and not missing, note


_CHECKS: dict[str, Callable[[object, str], Check]] = {
    "F1": _f1,
    "F2": _f2,
    "F3": _f3,
    "F4": _f4,
    "F5": _f5,
    "F6": _f6,
    "F7": _f7,
    "F8": _f8,
    "F9": _f9,
    "F10": _f10,
    "F11": _f11,
    "F12": _f12,
    "F13": _f13,
}


def check_facts(tables: object, *, lang: str | None = None) -> pd.DataFrame:
    """Recompute the article's figures F1–F13 and compare them with the article.

    Parameters
    ----------
    tables : Reports or dict of DataFrame
        The tidy tables (a ``Reports`` result or ``{"admissions": …, …}``).
    lang : str, optional
        Language of ``data_value`` number formats and of ``note``.

    Returns
    -------
    DataFrame
        One row per figure, columns :data:`COLUMNS`: ``claim`` quotes the
        article, ``claim_en`` glosses it, ``article_value`` is the article's
        figure, ``data_value`` the figure recomputed from ``tables``,
        ``agrees`` whether they match, ``note`` how it was computed.

    Examples
    --------
    >>> facts = check_facts({})
    >>> facts["id"].tolist()[-1], bool(facts["agrees"].any())
    ('F13', False)
    """
    lang = get_lang(lang)
    rows = []
    for fid, fact in FACTS.items():
        value, agrees, note = _CHECKS[fid](tables, lang)
        rows.append({"id": fid, **fact, "data_value": value, "agrees": bool(agrees), "note": note})
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    return out.astype({c: "str" for c in COLUMNS if c != "agrees"} | {"agrees": "bool"})


def format_facts(facts: pd.DataFrame, *, lang: str | None = None) -> str:
    """The fact-check as text for a terminal, one block per figure."""
    lang = get_lang(lang)
    claim_col = "claim" if lang == "vi" else "claim_en"
    heads = {
        "vi": ("Bài báo", "Dữ liệu"),
        "en": ("Article", "Data"),
    }[lang]
    lines = []
    for r in facts.itertuples(index=False):
        mark = "✓ " + _msg("agree", lang) if r.agrees else "✗ " + _msg("disagree", lang)
        lines.append(f"{r.id:<4} {r.unit} · {r.period} · {mark}")
        lines.append(f"     «{getattr(r, claim_col)}»")
        lines.append(f"     {heads[0]}: {r.article_value}   {heads[1]}: {r.data_value}")
        if r.note:
            lines.append(f"     {r.note}")
    n = int(facts["agrees"].sum())
    lines.append("")
    lines.append(_msg("summary", lang, n=n, total=len(facts)))
    return "\n".join(lines)


def _under(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def cli(argv: list[str] | None = None) -> int:
    """``python -m helpers facts [DATA_DIR] [--lang en]``: print the fact-check.

    Exits 1 when a figure disagrees or reading the workbooks gave errors.
    """
    from ._cli import make_parser, parse

    parser = make_parser("facts", MESSAGES["description"]["en"])
    parser.add_argument("data_dir", nargs="?", default=str(config.RAW_DATA_DIR), help="folder of workbooks (default: data/raw)")
    args = parse(parser, argv)
    lang = args.lang
    from .read import read_reports
    from .read.problems import ReportError

    path = Path(args.data_dir)
    try:
        reports = read_reports(path)
        problems = list(getattr(reports, "problems", []) or [])
    except ReportError as exc:
        reports, problems = {}, exc.problems
    errors = [p for p in problems if getattr(p, "is_error", False)]
    facts = check_facts(reports, lang=lang)
    print(format_facts(facts, lang=lang))
    if _under(path, config.RAW_DATA_DIR):
        print(_msg("synthetic", lang))
    if errors:
        print(_msg("read_errors", lang, n=len(errors)), file=sys.stderr)
        for p in errors:
            print(f"  {p}", file=sys.stderr)
    return 0 if bool(facts["agrees"].all()) and not errors else 1


__all__ = ["COLUMNS", "DISTRICT", "FACTS", "check_facts", "cli", "format_facts"]
