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
>>> format_date(date(2024, 12, 15), "vi")
'ngày 15 tháng 12 năm 2024'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
    #: the document's number and symbol under the committee ("Số 25-BC/HU"); none when empty
    number: str = ""


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def format_date(day: date, lang: str = "vi") -> str:
    """A date as a document writes it after the place.

    Vietnamese as Hướng dẫn 36-HD/VPTW writes it: days below 10 and the
    months January and February with a leading zero.

    >>> format_date(date(2024, 12, 15))
    'ngày 15 tháng 12 năm 2024'
    >>> format_date(date(2018, 4, 3)), format_date(date(2024, 1, 5))
    ('ngày 03 tháng 4 năm 2018', 'ngày 05 tháng 01 năm 2024')
    >>> format_date(date(2024, 12, 15), "en")
    '15 December 2024'
    """
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
