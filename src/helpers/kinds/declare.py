"""What a report kind is made of: the declarations every kind module fills in.

A :class:`Kind` holds everything the project knows about one kind of
report: its tidy table, how each figure column's heading is recognised
(:class:`Heading`, :class:`Column`), what a sheet of it needs, its rules
(:class:`PartOfWhole`, :class:`LevelCounts`, :class:`OneLevel`), its words
in messages and how a sheet of it is laid out when written.  Nothing here
reads or writes a file: the reader, the sheet writer, the templates and
the schema interpret these declarations.

Examples
--------
>>> h = Heading(("Chỉ tiêu",))
>>> h.matches(" chỉ tiêu năm "), h.matches(" tổng số ")
(True, False)
>>> Heading(("Phó Chủ tịch", "PCT"), ("Không phải người địa phương",)).matches(" pct không phải người địa phương ")
True
>>> Heading(("Kết nạp",), leaf=True).matches(" kết quả kết nạp dân tộc ít người ", leaf=" dân tộc ít người ")
False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..text import fold

#: The columns every tidy table starts with, and their dtypes (data contract §3, §6).
COMMON: dict[str, str] = {
    "province": "str",
    "district": "str",
    "commune": "str",
    "unit": "str",
    "unit_type": "str",
    "unit_code": "str",
    "year": "Int64",
    "period": "str",
    "source": "str",
}

#: What a figure cell holds: a count, a yes/no mark, a level word, an x-mark among several columns.
CELL_TYPES = ("count", "bool", "word", "x")


def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(w) for w in words)


@dataclass(frozen=True)
class Heading:
    """How a column's heading is recognised.

    Each argument is a group of alternatives: the heading matches when it
    holds one word of every group, and none of ``none``.  Words are
    matched whole, in the heading's matching key (folded, the usual
    abbreviations applied: see :mod:`helpers.kinds.vocabulary`), so write
    them as people write them ("Chỉ tiêu", "Dân tộc thiểu số" → "dtts").
    """

    groups: tuple[tuple[str, ...], ...]
    none: tuple[str, ...] = ()
    #: match the lowest heading of the path only (a group's own words stand for its total only when written alone)
    leaf: bool = False

    def __init__(self, *groups: tuple[str, ...], none: tuple[str, ...] = (), leaf: bool = False):
        from .vocabulary import key_of

        object.__setattr__(self, "groups", tuple(tuple(key_of(w) for w in g) for g in groups))
        object.__setattr__(self, "none", tuple(key_of(w) for w in none))
        object.__setattr__(self, "leaf", leaf)

    def matches(self, key: str, leaf: str | None = None) -> bool:
        """Whether a heading matches: ``key`` of its whole path, ``leaf`` of its lowest heading (spaces around every word)."""
        key = leaf if self.leaf and leaf is not None else key
        return all(any(f" {w} " in key for w in group) for group in self.groups) and not any(
            f" {w} " in key for w in self.none
        )


@dataclass(frozen=True)
class Column:
    """One figure column a report of a kind may hold.

    Attributes
    ----------
    field : str
        The tidy column it fills ("female"); for a kind of the ``levels``
        shape, the rated subject ("members").
    heading : Heading or tuple of Heading
        How its heading is recognised (any of several).  The first column
        of a kind whose heading matches wins.
    cell : str
        What a cell holds: ``"count"``, ``"bool"`` (a yes/no mark),
        ``"word"`` (a level word) or ``"x"`` (an x-mark under one of
        several columns).
    part : str or None
        For the ``levels`` shape: the level, ``"total"`` or ``"not_rated"``.
    label : str
        The heading a message names when the sheet's own is not known.
    warn_blank : bool
        Whether a blank count cell is worth a warning.
    template : mapping
        Header depth (1, 2, 3) → the word keys of its heading path, top
        first (keys of the kind's ``words`` or of the shared vocabulary).
    flat : str
        How a one-row header writes a two-word path (``"{0} {1}"``).
    when : tuple or None
        ``(Layout attribute, value)``: written only in such layouts.
    """

    field: str
    heading: Heading | tuple[Heading, ...]
    cell: str = "count"
    part: str | None = None
    label: str = ""
    warn_blank: bool = True
    template: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    flat: str = "{0} {1}"
    when: tuple[str, object] | None = None

    def __post_init__(self) -> None:
        if self.cell not in CELL_TYPES:
            raise ValueError(f"Column.cell must be one of {CELL_TYPES}; got {self.cell!r}")

    def matches(self, key: str, leaf: str | None = None) -> bool:
        """Whether a heading (the key of its path, and of its lowest heading) is this column's."""
        if isinstance(self.heading, Heading):
            return self.heading.matches(key, leaf)
        return any(h.matches(key, leaf) for h in self.heading)

    @property
    def slot(self) -> tuple[str, str | None]:
        """``(field, part)``: what the column fills."""
        return self.field, self.part


@dataclass(frozen=True)
class PartOfWhole:
    """A part never exceeds its whole: ``part`` ≤ ``whole`` on every row (an error otherwise)."""

    part: str
    whole: str


@dataclass(frozen=True)
class LevelCounts:
    """Counts per level of a rated ``subject`` against its Tổng số.

    ``not_rated`` is True when the rest (Tổng số minus the levels) are
    people not rated, kept as a row with no level; ``short`` is the
    severity when the levels fall short of the total (None: allowed).
    """

    subject: str
    not_rated: bool = False
    short: str | None = None


@dataclass(frozen=True)
class OneLevel:
    """A unit's own level: one known level word, or exactly one x-mark among the level columns."""

    field: str


@dataclass(frozen=True)
class Kind:
    """One kind of report, declared once.

    Attributes
    ----------
    name : str
        The tidy table's name ("admissions").
    label : mapping
        The kind's name in messages, per language.
    expected : mapping
        The figure a sheet needs, named in the "required figure missing"
        message, per language.
    title : str
        The title a written sheet carries ("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN").
    title_words : tuple of str
        Words of a title that name this kind (any one).
    tidy : mapping
        The tidy columns after :data:`COMMON`, and their dtypes.
    columns : tuple of Column
        Every figure column it may hold, in matching order.
    requires : tuple of str
        Fields a sheet must have a column for (besides at least one figure).
    rules : tuple
        Its rules (:class:`PartOfWhole`, :class:`LevelCounts`, :class:`OneLevel`).
    shape : str
        ``"wide"``: one tidy row per unit, a column per field;
        ``"levels"``: a tidy row per (subject, level) of a unit (ratings).
    words : mapping
        Word key → (canonical, abbreviated, alternate) heading words for
        writing sheets.
    unit_heading : str
        Word key of the unit column's heading in a written sheet.
    sheet_code : str
        Short code in sheet names when two reports share a year ("KN").
    written : tuple of (field, part)
        The order of the figure columns in a written sheet (default: the
        tidy columns' order); matching order is the order of ``columns``.
    instructions : str
        What to fill in, for the blank template (Vietnamese).
    units : str
        Which units a blank template lists: ``"all"`` or ``"commune_level"``.
    """

    name: str
    label: Mapping[str, str]
    expected: Mapping[str, str]
    title: str
    title_words: tuple[str, ...]
    tidy: Mapping[str, object]
    columns: tuple[Column, ...]
    requires: tuple[str, ...] = ()
    rules: tuple = ()
    shape: str = "wide"
    words: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    unit_heading: str = "unit"
    sheet_code: str = ""
    written: tuple[tuple[str, str | None], ...] = ()
    instructions: str = ""
    units: str = "all"

    def __post_init__(self) -> None:
        if self.shape not in ("wide", "levels"):
            raise ValueError(f"Kind.shape must be 'wide' or 'levels'; got {self.shape!r}")
        object.__setattr__(self, "title_words", _words(self.title_words))
        clash = set(self.tidy) & set(COMMON)
        if clash:
            raise ValueError(f"{self.name}: tidy columns {sorted(clash)} are common columns")
        if self.shape == "wide":
            unknown = {c.field for c in self.columns} - set(self.tidy)
            if unknown:
                raise ValueError(f"{self.name}: columns fill {sorted(unknown)}, which are not tidy columns")
        if not self.written:
            object.__setattr__(self, "written", tuple((f, None) for f in self.tidy if f in self.fields()))
        missing = set(self.written) - {c.slot for c in self.columns}
        if missing:
            raise ValueError(f"{self.name}: written columns {sorted(missing, key=str)} are not declared")

    @property
    def dtypes(self) -> dict[str, object]:
        """Every tidy column, the common ones first, and its dtype."""
        return {**COMMON, **self.tidy}

    @property
    def figures(self) -> tuple[str, ...]:
        """The tidy columns after the common ones."""
        return tuple(self.tidy)

    def fields(self) -> tuple[str, ...]:
        """The fields its columns fill, in declared order, each once."""
        return tuple(dict.fromkeys(c.field for c in self.columns))

    def rules_of(self, rule_type: type) -> list:
        """Its rules of one type, in declared order."""
        return [r for r in self.rules if isinstance(r, rule_type)]

    def written_columns(self) -> list[Column]:
        """The columns a written sheet holds, in written order (each slot's first declaration)."""
        first: dict[tuple[str, str | None], list[Column]] = {}
        for c in self.columns:
            first.setdefault(c.slot, []).append(c)
        # a slot declared twice (two ways to recognise it) is written once, as its last declaration:
        # the general heading, declared after the special ones that must be tried first
        return [first[slot][-1] for slot in self.written]
