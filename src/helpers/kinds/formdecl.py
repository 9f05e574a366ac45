"""What an official statistical form is made of: the declarations each form module fills in.

A form (Hướng dẫn 11-HD/BTCTW: "Biểu số 2-BTCTW" …) is one reporting
committee's figures with the criteria in rows and the periods in columns,
a different shape from the per-unit report tables of :mod:`helpers.kinds.declare`.
A :class:`Form` declares its number and title words, its columns
(:class:`FormColumn`: which tidy field each fills), its sections
(:class:`FormSection`) and rows (:class:`FormRow`: a stable English key, the
accepted wordings, which total a row is part of, "of whom" rows, means and
their plausible range), and the ratio its percent column prints.  The rules
the reader checks are derived from these declarations
(:meth:`Form.rules`), so a corrected or additional row is a change here,
never in the reader.

Row labels are compared by :func:`row_key`: case, spacing, composition,
tone style, a leading "I.", "1.", "a)", "-", "+" or "Trong đó:", a
trailing "(…)" and the word "tuổi" do not count.

Examples
--------
>>> row_key("  - Trong đó: Đoàn viên Đoàn TNCS Hồ Chí Minh ")
'đoàn viên đoàn tncs hồ chí minh'
>>> row_key("II.1. Từ 18 đến 30 tuổi"), row_key("18 – 30")
('18 30', '18 30')
>>> row_key("Khác (lao động hợp đồng, tự do…)"), row_key("+ Thạc sĩ")
('khác', 'thạc sỹ')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..text import canonical, fold

#: The tidy fields a form column can fill (``value``: kỳ này; ``previous``: cùng kỳ năm trước).
FORM_FIELDS = ("value", "previous", "percent")

#: The tidy table of every form's rows, after the common columns (data/README.md).
FORM_TIDY: dict[str, str] = {
    "form": "str",
    "section": "str",
    "criterion": "str",
    "label": "str",
    "value": "Float64",
    "previous": "Float64",
    "percent": "Float64",
}

_LEAD = re.compile(
    r"^(?:(?:[ivxlc]+|\d{1,2}|[a-zđ])(?:\.\d{1,2})*\s*[.)/:]\s*"  # I.  1.  II.1.  a)  đ/
    r"|[-+*•–—]\s*"  # - + * •
    r"|(?:trong đó|chia ra|chia theo|gồm|bao gồm|ghi chú)\s*:?\s*"  # Trong đó: …
    r")"
)
_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_DASH = re.compile(r"\s*[-–—]\s*")


def loose(text: object) -> str:
    """Canonical, lower case, spaces collapsed; punctuation kept ("(%)", "2*100/3").

    >>> loose("  (%) Kỳ NÀY\\nso với ")
    '(%) kỳ này so với'
    """
    return " ".join(canonical(str(text)).lower().split())


@functools.lru_cache(maxsize=16384)
def row_key(text: str) -> str:
    """The key a row label is matched by (see the module docstring)."""
    f = loose(text).replace("…", "...")
    while True:
        m = _LEAD.match(f)
        if not m or not m.group(0):
            break
        f = f[m.end():].strip()
    f = _TAIL.sub("", f).strip(" .:;,")
    f = _DASH.sub("-", f)
    f = re.sub(r"\btừ (\d)", r"\1", f)
    f = re.sub(r"(\d) (?:đến|tới) (\d)", r"\1-\2", f)
    f = re.sub(r"\btuổi\b", " ", f)
    return fold(f).replace("sĩ", "sỹ")


@dataclass(frozen=True)
class FormRow:
    """One criterion row of a form.

    Attributes
    ----------
    key : str
        The stable English key (the tidy ``criterion``): "total", "age.18_30".
    labels : tuple of str
        The accepted wordings; the first is the canonical Vietnamese label.
    within : str or None
        The key of the row this is an "of whom" (trong đó) row of: at most it.
    split_of : str or None
        The key of the row this is one part of (chia ra): the parts add up to it.
    mean : (float, float) or None
        A mean, not a count (Tuổi bình quân), and its plausible range.
    required : bool
        Whether a form without this row is an error.
    """

    key: str
    labels: tuple[str, ...]
    within: str | None = None
    split_of: str | None = None
    mean: tuple[float, float] | None = None
    required: bool = False

    @property
    def label(self) -> str:
        return self.labels[0]

    @property
    def is_count(self) -> bool:
        return self.mean is None


@dataclass(frozen=True)
class FormSection:
    """A section of a form: its code ("I", "II.1"), heading wordings, rows, and the total its parts add up to.

    The parts of a section are its count rows that are neither "of whom"
    rows nor parts of another row, the total itself excepted.
    """

    code: str
    titles: tuple[str, ...]
    rows: tuple[FormRow, ...]
    adds_to: str | None = None

    def parts(self) -> tuple[FormRow, ...]:
        return tuple(r for r in self.rows if r.is_count and r.within is None and r.split_of is None
                     and r.key != self.adds_to)


@dataclass(frozen=True)
class FormColumn:
    """A figure column of a form and the tidy field it fills.

    ``words``: any one of them in the folded heading path finds the column,
    unless one of ``none`` is there too.  ``of``: the column gives an
    "of whom" figure of every row (Biểu 2B's "Trong đó: nữ"); its tidy rows'
    criterion is the row's key with ``.<of>`` added.  ``heading`` is the
    written heading path (top first), ``number`` its cell of the numbering row.
    """

    field: str
    words: tuple[str, ...]
    none: tuple[str, ...] = ()
    of: str | None = None
    heading: tuple[str, ...] = ()
    number: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        if self.field not in FORM_FIELDS:
            raise ValueError(f"FormColumn.field must be one of {FORM_FIELDS}; got {self.field!r}")
        object.__setattr__(self, "words", tuple(loose(w) for w in self.words))
        object.__setattr__(self, "none", tuple(loose(w) for w in self.none))

    def matches(self, path: str) -> bool:
        """Whether a heading path (:func:`loose`) is this column's."""
        return any(w in path for w in self.words) and not any(w in path for w in self.none)


@dataclass(frozen=True)
class Ratio:
    """The percent column prints ``num`` × 100 / ``den`` (fields of the same row)."""

    percent: str = "percent"
    num: str = "value"
    den: str = "previous"


@dataclass(frozen=True)
class SumRule:
    """``parts`` add up to ``total`` (an error naming the total's cell and the parts' range)."""

    total: str
    parts: tuple[str, ...]
    section: str


@dataclass(frozen=True)
class AtMost:
    """An "of whom" row is at most its parent."""

    part: str
    whole: str


@dataclass(frozen=True)
class InRange:
    """A mean lies within its plausible range."""

    key: str
    low: float
    high: float


@dataclass(frozen=True)
class Form:
    """One official statistical form, declared once.

    Attributes
    ----------
    number : str
        The form's number as the tidy ``form`` column gives it ("2-BTCTW").
    numbers : tuple of str
        The numbers a header may write ("2": "Biểu số 2-BTCTW", "Biểu 2", "Mẫu 2").
    title : str
        The title a written form carries.
    title_words : tuple of str
        Words of a title that name this form (any one).
    name : mapping
        The form's name in messages, per language.
    label_headings : tuple of str
        Headings of the criterion column ("Tiêu chí").
    columns : tuple of FormColumn
        Its figure columns, in written order.
    sections : tuple of FormSection
        Its sections, in order.
    ratio : Ratio or None
        What the percent column prints, when it is checked.
    instructions : tuple of str
        How to fill it in (Vietnamese), for the blank template.
    """

    number: str
    numbers: tuple[str, ...]
    title: str
    title_words: tuple[str, ...]
    name: Mapping[str, str]
    columns: tuple[FormColumn, ...]
    sections: tuple[FormSection, ...]
    label_headings: tuple[str, ...] = ("Tiêu chí", "Chỉ tiêu", "Nội dung")
    ratio: Ratio | None = None
    instructions: tuple[str, ...] = ()
    subtitle: str = ""
    footer: tuple[str, ...] = ("NGƯỜI LẬP BIỂU", "TRƯỞNG BAN")
    extra: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title_words", tuple(fold(w) for w in self.title_words))
        object.__setattr__(self, "numbers", tuple(fold(n) for n in self.numbers))
        keys = [r.key for r in self.rows()]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{self.number}: a row key is declared twice")
        known = set(keys)
        for r in self.rows():
            for ref in (r.within, r.split_of):
                if ref is not None and ref not in known:
                    raise ValueError(f"{self.number}: row {r.key!r} refers to an undeclared row {ref!r}")
        for s in self.sections:
            if s.adds_to is not None and s.adds_to not in known:
                raise ValueError(f"{self.number}: section {s.code} adds up to an undeclared row {s.adds_to!r}")

    def rows(self):
        """Every row, in declared order."""
        return (r for s in self.sections for r in s.rows)

    def section_of(self, key: str) -> FormSection:
        return next(s for s in self.sections if any(r.key == key for r in s.rows))

    def row(self, key: str) -> FormRow:
        return next(r for r in self.rows() if r.key == key)

    def required(self) -> tuple[FormRow, ...]:
        return tuple(r for r in self.rows() if r.required)

    def rules(self) -> tuple:
        """The checks its declarations imply: sums, "of whom" bounds, mean ranges."""
        out: list = []
        for s in self.sections:
            if s.adds_to is not None:
                out.append(SumRule(s.adds_to, tuple(r.key for r in s.parts()), s.code))
        rows = tuple(self.rows())
        for whole in rows:
            parts = tuple(r.key for r in rows if r.split_of == whole.key)
            if parts:
                out.append(SumRule(whole.key, parts, self.section_of(whole.key).code))
        out.extend(AtMost(r.key, r.within) for r in rows if r.within is not None)
        out.extend(InRange(r.key, *r.mean) for r in rows if r.mean is not None)
        return tuple(out)
