"""A kind's rules, evaluated once over all the data rows of a sheet.

Each rule of a kind's declaration (:mod:`helpers.kinds.declare`) becomes
masks over the sheet's data rows; the rows and cells where a mask holds
are the located problems, and a row with an error is left out of the
tables.  Besides the declared rules, every figure cell must parse (a
whole number of zero or more, a yes/no mark) and a blank count cell is
worth a warning.

The evaluators take a :class:`helpers.read.sheet.SheetReader` (``sheet``)
and the data indexes to check (``idx``: the named data rows) and return
the indexes that hold an error.
"""

from __future__ import annotations

from ..kinds.declare import LevelCounts, OneLevel, PartOfWhole
from ..kinds.vocabulary import level_of
from .cells import cell_ref, display_value, is_blank


def cell_errors(sheet, idx: list[int]) -> set[int]:
    """A figure cell that does not parse: an error naming the cell and its value."""
    bad = set()
    for fig in sheet.figs:
        if not sheet.code_any[fig.col]:
            continue
        codes = sheet.codes(fig)
        for j in idx:
            code = codes[j]
            if code is not None:
                r = sheet.row_of(j)
                sheet.add(code, "error", cell_ref(r, fig.col), value=display_value(sheet.body[sheet.data[j]][fig.col]))
                bad.add(j)
    return bad


def blank_warnings(sheet, idx: list[int], figs) -> None:
    """A blank count cell of a figure worth a warning: the figure is recorded as missing."""
    for fig in figs:
        values = sheet.values(fig)
        if None in values:
            for j in idx:
                if values[j] is None:
                    sheet.blank(sheet.row_of(j), fig)


def part_of_whole(sheet, rule: PartOfWhole, idx: list[int]) -> set[int]:
    """``rule.part`` ≤ ``rule.whole`` where both cells hold a number (an error at the part's cell)."""
    part, whole = sheet.by_field.get(rule.part), sheet.by_field.get(rule.whole)
    if part is None or whole is None:
        return set()
    ps, pcs, ws, wcs = sheet.values(part), sheet.codes(part), sheet.values(whole), sheet.codes(whole)
    bad = set()
    for j in idx:
        p, w = ps[j], ws[j]
        if p is not None and w is not None and pcs[j] is None and wcs[j] is None and p > w:
            r = sheet.row_of(j)
            sheet.add("part_gt_whole", "error", cell_ref(r, part.col),
                      part_cell=cell_ref(r, part.col), part=part.heading, part_value=p,
                      whole_cell=cell_ref(r, whole.col), whole=whole.heading, whole_value=w)
            bad.add(j)
    return bad


def check_wide(sheet, idx: list[int]) -> set[int]:
    """Every rule of a one-row-per-unit kind; the data indexes with an error."""
    bad = cell_errors(sheet, idx)
    warned = [f for f in sheet.figs if f.cell == "count" and f.spec.warn_blank and f.part is None]
    blank_warnings(sheet, idx, warned)
    for rule in sheet.kind.rules_of(PartOfWhole):
        bad |= part_of_whole(sheet, rule, idx)
    return bad


def _legacy_level(sheet, r: int, fig, text: str) -> str | None:
    """The level a word typed in a legacy font names ("Hoµn thµnh tèt nhiÖm vô"), with a warning; else None."""
    from ..legacy import to_unicode

    converted, encoding = to_unicode(text)
    level = level_of(converted) if encoding else None
    if level is not None:
        sheet.converted(cell_ref(r, fig.col), encoding, converted)
    return level


def one_level(sheet, rule: OneLevel, idx: list[int], bad: set[int]) -> dict[int, str]:
    """A unit's own level: a known level word, or exactly one x-mark; each unit's level."""
    words = [f for f in sheet.figs if f.field == rule.field and f.cell == "word"]
    marks = [f for f in sheet.figs if f.field == rule.field and f.cell == "x"]
    levels: dict[int, str] = {}
    if words:
        fig = words[0]
        for j in idx:
            r, v = sheet.row_of(j), sheet.body[sheet.data[j]][fig.col]
            if is_blank(v):
                sheet.blank(r, fig)
                continue
            level = level_of(v) if type(v) is str else None
            if level is None and type(v) is str:
                level = _legacy_level(sheet, r, fig, v)
            if level is None:
                sheet.add("unknown_level", "error", cell_ref(r, fig.col), value=display_value(v))
                bad.add(j)
            else:
                levels[j] = level
    elif marks:
        got = [sheet.values(f) for f in marks]
        for j in idx:
            if j in bad:
                continue  # a cell that does not parse is reported on its own
            marked = [f for f, g in zip(marks, got) if g[j] is True]
            if len(marked) == 1:
                levels[j] = marked[0].part
                continue
            r = sheet.row_of(j)
            shown = marked or marks
            sheet.add("x_marks", "error", cell_ref(r, shown[0].col), n=len(marked),
                      cells=", ".join(cell_ref(r, f.col) for f in shown))
            bad.add(j)
    return levels


def level_counts(sheet, rule: LevelCounts, idx: list[int], bad: set[int]) -> dict[int, object]:
    """Counts per level against Tổng số; the members not rated of each unit the subject applies to.

    Returns data index → the not-rated count (``None`` when not known) for
    every unit the subject applies to (a subject left blank in a row does
    not apply to that unit).
    """
    subject = sheet.subject(rule.subject)
    if subject is None:
        return {}
    every = list(zip(*[[g[j] for j in idx] for g in subject.all_values]))
    width = len(subject.all_values)
    blanks = [row.count(None) for row in every]
    levels = list(zip(*[[g[j] for j in idx] for g in subject.level_values])) or [()] * len(idx)
    totals = [subject.total_values[j] for j in idx] if subject.total else [None] * len(idx)
    rated = [subject.not_rated_values[j] for j in idx] if subject.not_rated else [None] * len(idx)
    out: dict[int, object] = {}
    for j, row, n_blank, counts, total, not_rated in zip(idx, every, blanks, levels, totals, rated):
        if n_blank == width:
            continue  # the subject does not apply to this unit
        if n_blank:
            for f, v in zip(subject.all_figs, row):
                if v is None:
                    sheet.blank(sheet.row_of(j), f)
        out[j] = not_rated if total is None else _check_levels(sheet, rule, subject, j, bad, counts, total, not_rated)
    return out


def _check_levels(sheet, rule: LevelCounts, subject, j: int, bad: set[int], counts, total, not_rated):
    """One unit's levels against its Tổng số: the problem if any, and its members not rated."""
    complete = None not in counts
    level_sum = sum(v for v in counts if v is not None)
    problem = None
    if subject.not_rated is not None and not_rated is not None and complete:
        if level_sum + not_rated != total:
            problem, level_sum, severity = "levels_mismatch", level_sum + not_rated, "error"
    elif level_sum > total:
        problem, severity = "levels_past_total", "error"
    elif rule.not_rated and subject.not_rated is None and complete:
        not_rated = total - level_sum
    elif rule.short is not None and level_sum < total and complete:
        problem, severity = "levels_short", rule.short
    if problem is not None:
        r = sheet.row_of(j)
        at = cell_ref(r, subject.total.col)
        sheet.add(problem, severity, at, cells=subject.span(r), sum=level_sum, total_cell=at, total=total)
        if severity == "error":
            bad.add(j)
    return not_rated


def check_levels(sheet, idx: list[int]):
    """Every rule of a kind of the ``levels`` shape.

    Returns ``(bad, own, subjects)``: the data indexes with an error, each
    unit's own level (:class:`OneLevel`), and per rated subject the
    not-rated counts of the units it applies to (:class:`LevelCounts`).
    """
    bad = cell_errors(sheet, idx)
    own: dict[int, str] = {}
    for rule in sheet.kind.rules_of(OneLevel):
        own = one_level(sheet, rule, idx, bad)
    ok = [j for j in idx if j not in bad]
    subjects = []
    for rule in sheet.kind.rules_of(LevelCounts):
        subjects.append((rule, level_counts(sheet, rule, ok, bad)))
    return bad, own, subjects
