"""The checks of an official form, located to the cell, and the cross-check against the admissions reports.

A form's rules come from its declaration (:meth:`helpers.kinds.formdecl.Form.rules`):
the parts of a section add up to its total (an error naming the total's
cell and the parts' range), an "of whom" row is at most its parent (an
error), a mean lies in its plausible range (a warning); the percent column
prints ``num`` × 100 / ``den`` to the precision it is printed with (an
error).  Each rule is checked in every period column (kỳ này, cùng kỳ) and
for every "of whom" column.

:func:`cross_check` runs after every file is read (like
:mod:`helpers.read.repeats`): the total of a committee's Biểu số 2-BTCTW
against the sum of the admitted of its admissions report of the same year
and period; a warning names both when they differ.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..kinds.formdecl import AtMost, InRange, SumRule
from .messages import MESSAGES
from .problems import problem

FORM_MESSAGES: dict[str, dict[str, str]] = {
    "form_unknown_row": {
        "vi": "Dòng \"{label}\" không có trong biểu mẫu; dòng này không được đọc.",
        "en": "The row \"{label}\" is not a row of the form; it is not read.",
    },
    "form_repeated_row": {
        "vi": "Dòng \"{label}\" lặp lại một dòng đã đọc của biểu; chỉ đọc dòng đầu.",
        "en": "The row \"{label}\" repeats a row of the form read above; only the first is read.",
    },
    "form_unlabelled_row": {
        "vi": "Dòng có số liệu nhưng không có tên tiêu chí; dòng này không được đọc.",
        "en": "A row holds figures but no criterion; it is not read.",
    },
    "form_missing_row": {
        "vi": "Thiếu dòng bắt buộc \"{label}\" của {form}.",
        "en": "The required row \"{label}\" of {form} is missing.",
    },
    "form_sum": {
        "vi": "{what} ({total}) không bằng tổng các dòng {parts} ({sum}) của mục {section}.",
        "en": "{what} ({total}) is not the sum of the rows {parts} ({sum}) of section {section}.",
    },
    "form_at_most": {
        "vi": "Dòng \"{part}\" ({value}) lớn hơn dòng \"{whole}\" ({whole_value}, ô {whole_cell}).",
        "en": "The row \"{part}\" ({value}) exceeds the row \"{whole}\" ({whole_value}, cell {whole_cell}).",
    },
    "form_mean_range": {
        "vi": "\"{label}\" là {value}, ngoài khoảng hợp lý {low}–{high}.",
        "en": "\"{label}\" is {value}, outside the plausible range {low}–{high}.",
    },
    "form_percent": {
        "vi": "Tỷ lệ ghi {printed}, nhưng {num_cell} × 100 / {den_cell} = {expected}.",
        "en": "The percentage reads {printed}, but {num_cell} × 100 / {den_cell} = {expected}.",
    },
    "form_admissions_differ": {
        "vi": "Tổng số đảng viên mới kết nạp của biểu là {total}, nhưng các dòng của báo cáo kết nạp {other} "
              "cộng lại là {sum}.",
        "en": "The form's total of new members is {total}, but the rows of the admissions report {other} add up to {sum}.",
    },
}

_FIELD_WORDS = {"value": {"vi": "kỳ này", "en": "this period"}, "previous": {"vi": "cùng kỳ năm trước", "en": "the same period last year"}}


def form_problem(res, code: str, severity: str, sheet: str | None, cell: str | None, **params):
    """A problem of a form sheet, in the reader's language."""
    messages = FORM_MESSAGES if code in FORM_MESSAGES else MESSAGES
    return problem(messages, code, severity, file=res.display, sheet=sheet, cell=cell, lang=res.options.lang, **params)


def _n(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def check_form(res, sheet: str, form, entries) -> None:
    """Every rule of ``form`` over the criteria read (``entries``: :class:`helpers.read.forms.Entry`)."""
    index = {(e.row.key, e.of): e for e in entries}
    ofs = list(dict.fromkeys(e.of for e in entries))
    for rule in form.rules():
        for of in ofs:
            for fld in ("value", "previous"):
                if isinstance(rule, SumRule):
                    _check_sum(res, sheet, rule, index, of, fld)
                elif isinstance(rule, AtMost):
                    _check_at_most(res, sheet, rule, index, of, fld)
                elif isinstance(rule, InRange) and of is None:
                    _check_range(res, sheet, rule, index.get((rule.key, None)), fld)
    if form.ratio is not None:
        for e in entries:
            _check_ratio(res, sheet, form.ratio, e)


def _check_sum(res, sheet, rule: SumRule, index, of, fld) -> None:
    total = index.get((rule.total, of))
    if total is None or total.values.get(fld) is None:
        return
    parts = [index[(k, of)] for k in rule.parts if (k, of) in index and index[(k, of)].values.get(fld) is not None]
    if not parts:
        return
    got = sum(p.values[fld] for p in parts)
    if got == total.values[fld]:
        return
    cells = sorted((p.cells[fld] for p in parts), key=lambda c: int("".join(ch for ch in c if ch.isdigit())))
    span = cells[0] if len(cells) == 1 else f"{cells[0]}:{cells[-1]}"
    lang = res.options.lang
    what = f"{total.row.label} ({_FIELD_WORDS[fld][lang]})"
    res.problems.append(form_problem(res, "form_sum", "error", sheet, total.cells[fld], what=what,
                                     total=_n(total.values[fld]), parts=span, sum=_n(got), section=rule.section))


def _check_at_most(res, sheet, rule: AtMost, index, of, fld) -> None:
    part, whole = index.get((rule.part, of)), index.get((rule.whole, of))
    if part is None or whole is None or part.values.get(fld) is None or whole.values.get(fld) is None:
        return
    if part.values[fld] > whole.values[fld]:
        res.problems.append(form_problem(res, "form_at_most", "error", sheet, part.cells[fld], part=part.row.label,
                                         value=_n(part.values[fld]), whole=whole.row.label,
                                         whole_value=_n(whole.values[fld]), whole_cell=whole.cells[fld]))


def _check_range(res, sheet, rule: InRange, entry, fld) -> None:
    if entry is None or entry.values.get(fld) is None:
        return
    v = entry.values[fld]
    if not rule.low <= v <= rule.high:
        res.problems.append(form_problem(res, "form_mean_range", "warning", sheet, entry.cells[fld],
                                         label=entry.row.label, value=_n(v), low=_n(rule.low), high=_n(rule.high)))


def _check_ratio(res, sheet, ratio, e) -> None:
    printed, num, den = (e.values.get(f) for f in (ratio.percent, ratio.num, ratio.den))
    if printed is None or num is None or not den:
        return
    expected = num * 100 / den
    decimals = e.decimals.get(ratio.percent)
    tolerance = 1e-6 * max(1.0, abs(expected)) if decimals is None else 0.5 * 10 ** -decimals + 1e-9
    if abs(printed - expected) > tolerance:
        shown = f"{expected:.{decimals if decimals is not None else 2}f}"
        res.problems.append(form_problem(res, "form_percent", "error", sheet, e.cells[ratio.percent],
                                         printed=_n(printed), num_cell=e.cells[ratio.num], den_cell=e.cells[ratio.den],
                                         expected=shown))


def cross_check(results: list, paths: list[str | Path]) -> None:
    """A warning on each Biểu số 2-BTCTW total that differs from its admissions report's sum (in place)."""
    wanted = {key for res in results for _s, key, _t, _c in getattr(res, "forms", ())}
    if not wanted:
        return
    found: dict[tuple, list[tuple[int, str]]] = {}
    for i, res in enumerate(results):
        for sheet, (kind, *key), units in res.reports:
            if kind == "admissions" and units and tuple(key) in wanted:
                found.setdefault(tuple(key), []).append((i, sheet))
    sums: dict[tuple, tuple[int, list[str]]] = {}
    again: dict[int, object] = {}  # a file read again with its rows, once
    for key, sheets in found.items():
        total, where = 0, []
        for i, sheet in sheets:
            if i not in again:
                again[i] = _with_rows(results[i], paths[i])
            total += _admitted(again[i], sheet)
            where.append(f"{results[i].display}!{sheet}")
        sums[key] = (total, where)
    for res in results:
        for sheet, key, total, cell in getattr(res, "forms", ()):
            if key in sums and total is not None and sums[key][0] != total:
                res.problems.append(form_problem(res, "form_admissions_differ", "warning", sheet, cell, total=_n(total),
                                                 other=", ".join(sums[key][1]), sum=sums[key][0]))


def _with_rows(res, path: str | Path):
    """A file's result with its tidy rows (the file read again when they were not kept)."""
    if res.keep_rows:
        return res
    from .engine import read_file

    return read_file(Path(path), res.display, replace(res.options, keep_rows=True))


def _admitted(res, sheet: str) -> int:
    """The sum of the admitted of one admissions sheet of a file."""
    store = res.stores.get("admissions")
    if store is None:
        return 0
    names = store.names
    at, source = names.index("admitted"), names.index("source")
    prefix = f"{res.display}!{sheet}!"
    return sum(row[at] or 0 for row in store.rows() if row[source].startswith(prefix))
