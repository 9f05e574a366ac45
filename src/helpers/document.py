"""A report as a document: what a report says, independent of how it is written out.

The build assembles one :class:`ReportDocument` per report (a district, a
commune, the province) from the data; writers turn it into a file
(:mod:`helpers.word` writes Word).  Every text in it is already in the
report's language and every number already formatted: a writer only lays
it out.

Examples
--------
>>> doc = ReportDocument(
...     lang="vi", committee="HUYỆN ỦY CHIÊM HÓA", place="Chiêm Hóa", date="ngày 15 tháng 12 năm 2024",
...     title="BÁO CÁO SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2024",
...     sections=[Section("Kết nạp đảng viên", [Paragraph("Năm 2024 kết nạp 120 đảng viên.")])])
>>> [type(b).__name__ for s in doc.sections for b in s.blocks]
['Paragraph']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    text: str


@dataclass(frozen=True)
class Figure:
    """A figure: its image file (PNG), its caption (without the number) and alt text."""

    image: Path
    caption: str
    alt: str = ""


@dataclass(frozen=True)
class Table:
    """A table: headings and rows of text, already formatted; the last row may be a total."""

    caption: str
    headings: list[str]
    rows: list[list[str]]
    total_row: bool = False
    #: per column: "left" or "right" (numbers)
    align: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A headed section holding paragraphs, figures and tables, in order."""

    heading: str
    blocks: list[Paragraph | Figure | Table] = field(default_factory=list)


@dataclass(frozen=True)
class ReportDocument:
    """One report: the committee's header block, title, sections, data-source note."""

    lang: str
    #: the issuing committee, top left ("HUYỆN ỦY CHIÊM HÓA"); a second line may follow after "\n"
    committee: str
    #: the place written before the date ("Chiêm Hóa")
    place: str
    #: the date as written after the place ("ngày 15 tháng 12 năm 2024" / "15 December 2024")
    date: str
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    #: where the figures come from (source files and dates, or the synthetic-data notice)
    source_note: str = ""
