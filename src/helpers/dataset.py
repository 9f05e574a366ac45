"""The data a report is made from: its districts, whether it is the bundled set, where it comes from.

This module is the one place that decides

- which districts are in the data (:func:`districts_in`: found in the tidy
  tables, never a fixed list), and which one a typed name means
  (:func:`resolve_district`: old or new tone marks, no diacritics, any case,
  a slug; an unknown name is an :class:`UnknownDistrict` error listing the
  districts in the data);
- whether the data are the bundled synthetic workbooks of ``data/raw``
  (:func:`is_bundled`: decided by content, so a copy of the bundled files is
  still synthetic and an office's own ``admissions.xlsx`` never is);
- how a report describes its data (:meth:`Dataset.source_note`: the
  synthetic-data notice for the bundled set, otherwise the source files
  with their report years and dates).

:func:`load` reads workbooks into a :class:`Dataset`, which keeps the
:class:`helpers.read.Reports` and the files it came from.

Examples
--------
>>> resolve_district("chiem hoa", ["Chiêm Hóa", "Na Hang"])
'Chiêm Hóa'
>>> resolve_district("CHIÊM HOÁ", ["Chiêm Hóa", "Na Hang"])
'Chiêm Hóa'
>>> format_years([2016, 2017, 2018, 2020])
'2016–2018, 2020'
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import config
from .i18n import get_lang, plural, translate
from .text import fold, split_district_name, strip_marks, vi_sort_key

__all__ = [
    "Dataset",
    "SourceFile",
    "UnknownDistrict",
    "district_key",
    "district_kind",
    "districts_in",
    "format_date",
    "format_years",
    "is_bundled",
    "load",
    "resolve_district",
]

_MESSAGES = {
    "unknown_district": {
        "vi": "Không có huyện, thành phố {name!r} trong dữ liệu; dữ liệu có: {names}.",
        "en": "No district {name!r} in the data; the data have: {names}.",
    },
    "ambiguous_district": {
        "vi": "Tên {name!r} có thể là nhiều huyện: {names}; hãy viết đủ dấu.",
        "en": "{name!r} could be several districts: {names}; type it with its diacritics.",
    },
    "no_district": {
        "vi": "Không có huyện, thành phố {name!r}: dữ liệu không có số liệu của huyện nào.",
        "en": "No district {name!r}: the data hold no district's figures.",
    },
    "synthetic": {
        "vi": (
            "Số liệu trong báo cáo này là dữ liệu mô phỏng đi kèm dự án, không phải số liệu thật: do chương "
            "trình của dự án tạo ra, có hình thức như báo cáo thật của các huyện ủy và khớp với các số liệu "
            "đã công bố trong bài báo. Thay bằng các tệp Excel thật cùng mẫu để có báo cáo thật."
        ),
        "en": (
            "The figures in this report are the project's bundled simulated data, not real figures: made by "
            "the project's own program, laid out like real district reports and consistent with the figures "
            "published in the article. Real workbooks in the same layout replace them."
        ),
    },
    "sources": {
        "vi": "Nguồn số liệu: {count}: {items}.",
        "en": "Source of the figures: {count}: {items}.",
    },
    "source_item": {
        "vi": "{name} (năm báo cáo {years}; sửa lần cuối ngày {modified})",
        "en": "{name} ({report_years} {years}; last modified {modified})",
    },
    "source_item_no_years": {
        "vi": "{name} (sửa lần cuối ngày {modified})",
        "en": "{name} (last modified {modified})",
    },
    "file": {"vi": "tệp", "en": "file"},
    "files": {"vi": "tệp", "en": "files"},
    "no_sources": {"vi": "Không có tệp số liệu nào.", "en": "No data files."},
}

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _t(key: str, lang: str | None = None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


# --------------------------------------------------------------------------
# Districts
# --------------------------------------------------------------------------


class UnknownDistrict(ValueError):
    """A district name that matches none of the districts in the data.

    In a notebook it shows as its message alone, without a traceback.
    """

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


def district_key(name: object) -> str:
    """The loose matching key of a district name: no diacritics, no case,
    no punctuation, no "huyện"/"thành phố" in front.

    >>> district_key("Huyện Chiêm Hoá") == district_key("chiem-hoa") == "chiem hoa"
    True
    """
    bare = split_district_name(name) or name
    return fold(strip_marks(bare))


def districts_in(tables: object) -> list[str]:
    """The districts that have rows in the tidy tables, in Vietnamese alphabetical order.

    ``tables`` is a :class:`helpers.read.Reports`, a :class:`Dataset` or a
    mapping of table name to DataFrame.

    >>> import pandas as pd
    >>> districts_in({"admissions": pd.DataFrame({"district": ["Na Hang", "Lâm Bình", "Na Hang"]})})
    ['Lâm Bình', 'Na Hang']
    >>> districts_in({})
    []
    """
    from .schema import TABLES

    present: set[str] = set()
    for name in TABLES:
        frame = _table(tables, name)
        if frame is not None and "district" in frame.columns:
            present |= {str(d) for d in frame["district"].dropna().unique() if str(d)}
    return sorted(present, key=vi_sort_key)


def district_rows(frame):
    """The rows of a tidy table that a district reported: the districts' archive (2016 – mid-2025).

    The provincial board's and the communes' own reports after 1 July 2025
    name no district; the district and old-province reports leave them out.

    >>> import pandas as pd
    >>> district_rows(pd.DataFrame({"district": ["Na Hang", None, ""], "unit": ["a", "b", "c"]}))["unit"].tolist()
    ['a']
    """
    if "district" not in frame.columns:
        return frame
    named = frame["district"].notna() & frame["district"].astype("string").str.len().gt(0)
    return frame[named.fillna(False).astype(bool)]


def resolve_district(name: str, districts: Sequence[str], *, lang: str | None = None) -> str:
    """The district of ``districts`` that ``name`` means.

    An exact match (case and tone style aside) wins; otherwise a match
    without diacritics ("Chiem Hoa", "chiem-hoa").  Raises
    :class:`UnknownDistrict` naming the districts in the data when none
    matches, or when a name without diacritics matches several.

    >>> resolve_district("Huyện Na Hang", ["Chiêm Hóa", "Na Hang"])
    'Na Hang'
    >>> resolve_district("Xyz", ["Chiêm Hóa", "Na Hang"], lang="en")
    Traceback (most recent call last):
    ...
    helpers.dataset.UnknownDistrict: No district 'Xyz' in the data; the data have: Chiêm Hóa, Na Hang.
    """
    names = list(districts)
    if not names:
        raise UnknownDistrict(_t("no_district", lang, name=name))
    bare = split_district_name(name) or str(name)
    exact = [d for d in names if fold(d) == fold(bare)]
    if exact:
        return exact[0]
    loose = [d for d in names if district_key(d) == district_key(name)]
    if len(loose) == 1:
        return loose[0]
    listed = ", ".join(sorted(loose or names, key=vi_sort_key))
    raise UnknownDistrict(_t("ambiguous_district" if loose else "unknown_district", lang, name=name, names=listed))


def district_kind(district: str, tables: object) -> str:
    """``"city"`` when the district's units include wards (*phường*), else ``"district"``.

    >>> import pandas as pd
    >>> t = {"admissions": pd.DataFrame({"district": ["Tuyên Quang", "Na Hang"], "unit_type": ["ward", "town"]})}
    >>> district_kind("Tuyên Quang", t), district_kind("Na Hang", t)
    ('city', 'district')
    """
    from .schema import TABLES

    for name in TABLES:
        frame = _table(tables, name)
        if frame is None or not len(frame) or "unit_type" not in frame.columns:
            continue
        rows = frame[frame["district"] == district]
        if (rows["unit_type"] == "ward").any():
            return "city"
    return "district"


def _table(tables: object, name: str):
    if isinstance(tables, Dataset):
        tables = tables.reports
    if isinstance(tables, Mapping):
        return tables.get(name)
    return getattr(tables, name, None)


# --------------------------------------------------------------------------
# Files and the data set
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFile:
    """A workbook the data were read from: its path, the name the reader
    gives it (``source`` and problems), its last-modification date."""

    path: Path
    display: str
    modified: date


@dataclass
class Dataset:
    """Workbooks read with :func:`helpers.read.read_reports`, and the files they came from.

    Attributes
    ----------
    inputs : tuple of Path
        What was given (files or folders).
    files : tuple of SourceFile
        Every workbook found, in reading order.
    reports : Reports
        The reader's result (tables, problems, sheets).
    """

    inputs: tuple[Path, ...]
    files: tuple[SourceFile, ...]
    reports: object
    _bundled: bool | None = field(default=None, repr=False)

    @property
    def tables(self) -> dict:
        """Table name -> tidy DataFrame (all districts)."""
        return self.reports.tables

    @property
    def districts(self) -> list[str]:
        """The districts in the data (:func:`districts_in`)."""
        return districts_in(self.reports)

    @property
    def bundled(self) -> bool:
        """Whether these are the bundled synthetic workbooks (:func:`is_bundled`)."""
        if self._bundled is None:
            self._bundled = _files_bundled([f.path for f in self.files]) or _tables_bundled(self.reports)
        return self._bundled

    def resolve(self, name: str, *, lang: str | None = None) -> str:
        """The district in the data that ``name`` means (:func:`resolve_district`)."""
        return resolve_district(name, self.districts, lang=lang)

    def kinds_of(self, district: str) -> list[str]:
        """The report kinds (tables) that have rows for ``district``, in :data:`helpers.schema.TABLES` order."""
        from .schema import TABLES

        return [name for name in TABLES if (self.tables[name]["district"] == district).any()]

    def files_of(self, district: str | None = None) -> list[SourceFile]:
        """The files holding report sheets of ``district`` (every file when ``None``)."""
        if district is None:
            return list(self.files)
        sheets = self.reports.sheets
        read = sheets[(sheets["status"] == "read") & (sheets["district"] == district)]
        shown = set(read["file"])
        return [f for f in self.files if f.display in shown]

    def years_of(self, file: SourceFile, district: str | None = None) -> list[int]:
        """The report years of the sheets read from ``file`` (of ``district`` only, when given)."""
        sheets = self.reports.sheets
        rows = sheets[(sheets["status"] == "read") & (sheets["file"] == file.display)]
        if district is not None:
            rows = rows[rows["district"] == district]
        return sorted({int(y) for y in rows["year"].dropna()})

    def source_note(self, district: str | None = None, *, lang: str | None = None) -> str:
        """What a report says about its data: the synthetic-data notice when
        these are the bundled workbooks, otherwise every source file with its
        report years and last-modification date."""
        lang = get_lang(lang)
        if self.bundled:
            return _t("synthetic", lang)
        files = self.files_of(district)
        if not files:
            return _t("no_sources", lang)
        items = []
        for f in files:
            years = self.years_of(f, district)
            modified = format_date(f.modified, lang)
            if years:
                label = plural(len(years), "report year", "report years")
                items.append(_t("source_item", lang, name=f.display, years=format_years(years), modified=modified, report_years=label))
            else:
                items.append(_t("source_item_no_years", lang, name=f.display, modified=modified))
        return _t("sources", lang, count=count_files(len(files), lang), items="; ".join(items))


def load(paths: str | os.PathLike | Iterable[str | os.PathLike] | None = None, *, lang: str | None = None,
         cache: bool | str | os.PathLike = True) -> Dataset:
    """Read the workbooks at ``paths`` (default: the bundled ``data/raw``) into a :class:`Dataset`.

    Files or folders, searched recursively, as :func:`helpers.read.read_reports` does.
    ``cache`` is :func:`~helpers.read.read_reports`' (default: the user's
    cache folder): every process of a build, and every notebook, reads the
    workbooks through it, so that files read once are not read again (the
    result is the same with or without).
    """
    from .read import find_workbooks, read_reports

    if paths is None:
        paths = config.RAW_DATA_DIR
    inputs = (Path(paths),) if isinstance(paths, (str, os.PathLike)) else tuple(Path(p) for p in paths)
    files = tuple(
        SourceFile(path, display, date.fromtimestamp(path.stat().st_mtime))
        for path, display, exists in find_workbooks(list(inputs))
        if exists
    )
    reports = read_reports(list(inputs), lang=lang, cache=cache)
    return Dataset(inputs=inputs, files=files, reports=reports)


# --------------------------------------------------------------------------
# Is this the bundled synthetic data?
# --------------------------------------------------------------------------


def is_bundled(data: object) -> bool:
    """Whether ``data`` are the bundled synthetic workbooks of ``data/raw`` (or part of them).

    ``data`` is a :class:`Dataset`, workbook paths (files or folders), a
    :class:`helpers.read.Reports` or a mapping of tidy tables.  Workbooks
    are bundled when each is byte for byte one of ``data/raw``'s; tables
    are bundled when every row of every table (its source aside) is a row
    of the tables read from ``data/raw``.  So a copy of the bundled files,
    or one district's rows, is bundled; a workbook of the same name with
    other figures is not; no data at all is not.

    >>> is_bundled({})
    False
    >>> is_bundled(config.RAW_DATA_DIR / "chiem-hoa")
    True
    """
    if isinstance(data, Dataset):
        return data.bundled
    if isinstance(data, (str, os.PathLike)) or (
        isinstance(data, (list, tuple)) and data and all(isinstance(p, (str, os.PathLike)) for p in data)
    ):
        from .read import find_workbooks

        files = [p for p, _shown, exists in find_workbooks(data if isinstance(data, (list, tuple)) else [data]) if exists]
        return bool(files) and _files_bundled(files)
    return _tables_bundled(data)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _raw_signature() -> tuple:
    """Names, sizes and modification times of the bundled workbooks: changes when they do."""
    from .read import find_workbooks

    out = []
    for path, _shown, exists in find_workbooks([config.RAW_DATA_DIR]) if config.RAW_DATA_DIR.is_dir() else []:
        if exists:
            st = path.stat()
            out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


@functools.lru_cache(maxsize=2)
def _raw_hashes(signature: tuple) -> frozenset[str]:
    return frozenset(_sha256(Path(p)) for p, _size, _mtime in signature)


@functools.lru_cache(maxsize=2)
def _raw_rows(signature: tuple) -> dict:
    """Row hashes of every bundled table (source left out), read once per process."""
    from .read import read_reports

    if not signature:
        return {}
    reports = read_reports([Path(p) for p, _size, _mtime in signature])
    return {name: (frame, _row_hashes(frame, _compared(frame))) for name, frame in reports.tables.items()}


def _files_bundled(paths: Sequence[Path]) -> bool:
    if not paths:
        return False
    known = _raw_hashes(_raw_signature())
    return bool(known) and all(_sha256(Path(p)) in known for p in paths)


def _compared(frame) -> list[str]:
    return [c for c in frame.columns if c != "source"]


def _row_hashes(frame, columns: list[str]):
    import pandas as pd

    return pd.util.hash_pandas_object(frame[columns], index=False).to_numpy()


def _tables_bundled(tables: object) -> bool:
    import numpy as np

    from .schema import TABLES

    signature = _raw_signature()
    seen_rows = False
    for name in TABLES:
        frame = _table(tables, name)
        if frame is None or not len(frame):
            continue
        seen_rows = True
        raw = _raw_rows(signature).get(name)
        if raw is None:
            return False
        raw_frame, raw_hashes = raw
        columns = [c for c in _compared(frame) if c in raw_frame.columns]
        if columns != _compared(raw_frame):
            raw_hashes = _row_hashes(raw_frame, columns)
        try:
            mine = _row_hashes(frame.astype(raw_frame[columns].dtypes.to_dict()), columns)
        except (TypeError, ValueError):
            return False
        if not np.isin(mine, raw_hashes).all():
            return False
    return seen_rows


# --------------------------------------------------------------------------
# Writing years and dates
# --------------------------------------------------------------------------


def format_years(years: Iterable[int]) -> str:
    """Years written as runs: ``2016–2018, 2020``.

    >>> format_years([2024])
    '2024'
    """
    ys = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def format_date(day: date, lang: str | None = None) -> str:
    """A date the language's way.

    >>> format_date(date(2025, 3, 5)), format_date(date(2025, 3, 5), "en")
    ('05/03/2025', '5 March 2025')
    """
    if get_lang(lang) == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def count_files(n: int, lang: str | None = None) -> str:
    """``"3 tệp"`` / ``"1 file"``, ``"3 files"``.

    >>> count_files(1, "en"), count_files(3, "en"), count_files(3)
    ('1 file', '3 files', '3 tệp')
    """
    lang = get_lang(lang)
    return f"{n} {plural(n, _t('file', lang), _t('files', lang))}"
