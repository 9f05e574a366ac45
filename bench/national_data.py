"""The national data set of ``bench_national``: report workbooks of every district of Vietnam.

Four workbooks per district (admissions, ratings, placements, breakthrough
tasks), one sheet per report year as in the bundled data (admissions
2016–2024, ratings 2018–2024, placements 2020–2024, breakthrough tasks
2021–2024), written with :mod:`helpers.sheetwriter` in the seven offices'
layouts of the bundled workbooks (each district takes one of them).

District and commune names are real: the districts, wards, communes and
towns before 1 July 2025 of the national tables the unit registry reads
(``data/reference/national``; districts without a commune-level unit — the
island districts — are left out).  The header block names each district's
province and committee (HUYỆN ỦY, QUẬN ỦY, THỊ ỦY, THÀNH ỦY).  The data set holds one snapshot, so every year of a
district has the same communes.  The agencies (Công an huyện, Trung tâm
Y tế huyện …) are made up, like the bundled data's, and so are all the
numbers: random, seeded, and consistent (no part exceeds its whole, every
total is the sum of its rows), so that ``check`` finds no error.

The set is written once under ``build/bench-national/`` and reused while its
stamp says it was made by the same generator code with the same
parameters (one folder per size, so that a quick run keeps the full set).

>>> summary = build(files=8)                    # doctest: +SKIP
>>> summary.files, summary.tidy_rows            # doctest: +SKIP
(8, 4803)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from helpers import config

#: The one seed of every random draw.
SEED = 20250630
#: Where the sets are written: ``files-<N>/data/`` (the workbooks) and ``files-<N>/stamp.json``.
ROOT = config.BUILD_DIR / "bench-national"
KINDS = ("admissions", "ratings", "placements", "breakthrough_tasks")
# Made-up agency party organisations; {w}: "huyện", "quận" …; {d}: the district's name.
_AGENCIES = (
    "Công an {w}", "Ban Chỉ huy Quân sự {w}", "Cơ quan Ủy ban nhân dân {w}",
    "Cơ quan Mặt trận Tổ quốc và các đoàn thể {w}", "Trung tâm Y tế {w}", "Kho bạc Nhà nước {w}",
    "Chi cục Thuế {w}", "Tòa án nhân dân {w}", "Viện Kiểm sát nhân dân {w}",
    "Chi cục Thi hành án dân sự {w}", "Bảo hiểm xã hội {w}", "Phòng Giáo dục và Đào tạo {w}",
    "Ngân hàng Chính sách xã hội {w}", "Trung tâm Văn hóa, Thông tin và Thể thao {w}",
    "Trung tâm Chính trị {w}", "Hạt Kiểm lâm {w}", "Ban Quản lý dự án đầu tư xây dựng {w}",
    "Trường Trung học phổ thông {d}", "Trường Phổ thông Dân tộc nội trú {d}",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {w}", "Điện lực {d}", "Bưu điện {w}",
)  # fmt: skip
# The seven offices of the bundled data whose layouts the districts take.
_STYLES = ("Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương")


@dataclass(frozen=True)
class District:
    """One district: its code, names and commune-level units ``(name, type)``."""

    code: str
    name: str
    word: str  # "huyện", "quận", "thị xã", "thành phố"
    province: str
    communes: tuple[tuple[str, str], ...]


@dataclass
class Summary:
    """What a build wrote (or what the stamp of a reused set says)."""

    files: int
    districts: int
    provinces: int
    sheets: int
    bytes: int
    tidy_rows: int
    reused: bool = False


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(map(str, (SEED, *parts))))


#: Provinces the data set names as in 2025 and the reports of 2016–2024 named otherwise (Huế was Thừa Thiên Huế's city).
_AS_REPORTED = {"Huế": "Thừa Thiên Huế"}


def load_districts() -> list[District]:
    """Every district with commune-level units, from the national tables in ``data/reference/national``."""
    from helpers.units.national import read_tables

    tables = read_tables()
    provinces = dict(tables["provinces_before.csv"])
    communes: dict[str, list[tuple[str, str]]] = {}
    for _code, name, utype, district, _province in tables["communes_before.csv"]:
        communes.setdefault(district, []).append((name, utype))
    out = []
    for code, name, kind, province in tables["districts_before.csv"]:
        units = list(dict.fromkeys(communes.get(code, ())))  # a name written twice in a district: once
        if units:
            out.append(District(code, name, kind, _AS_REPORTED.get(provinces[province], provinces[province]), tuple(units)))
    return out


def choose(districts: list[District], files: int) -> list[tuple[District, str]]:
    """``files`` workbooks (district, kind): all four kinds of districts spread over the country."""
    count = min(len(districts), math.ceil(files / len(KINDS)))
    picked = [districts[i * len(districts) // count] for i in range(count)]
    return [(d, kind) for d in picked for kind in KINDS][:files]


def _agencies(d: District) -> list[tuple[str, str]]:
    r = _rng("agencies", d.code)
    names = list(_AGENCIES[:4]) + r.sample(_AGENCIES[4:], r.randint(4, 16))  # 8–20 a district
    return [(n.format(w=d.word, d=d.name), "agency") for n in names]


def units(d: District) -> list[tuple[str, str]]:
    """The reporting units of a district: its communes, then its agencies."""
    return list(d.communes) + _agencies(d)


# --- records ---------------------------------------------------------------------


def _binom(r: random.Random, n: int, p: float) -> int:
    return sum(r.random() < p for _ in range(n))


def _admissions(d: District, year: int, r: random.Random) -> list[dict]:
    out = []
    for name, utype in units(d):
        target = _rng("target", d.code, name, year <= 2019).randint(*((1, 3) if utype == "agency" else (4, 9)))
        n = max(0, round(target * r.uniform(0.6, 1.3)))
        out.append({"unit": name, "unit_type": utype, "target": target, "admitted": n,
                    "female": _binom(r, n, 0.42), "ethnic_minority": _binom(r, n, 0.3),
                    "youth_union": _binom(r, n, 0.7), "religious": _binom(r, n, 0.04)})  # fmt: skip
    return out


def _levels(r: random.Random, n: int) -> dict[str, int]:
    """``n`` split over the four levels: most good or better, excellent ≤ 20 % of good."""
    better = min(n, round(n * r.uniform(0.86, 0.96)))
    excellent = math.floor(better * r.uniform(0.08, 0.16))
    rest = n - better
    not_completed = min(rest, r.choice((0, 0, 0, 1)))
    return {"excellent": excellent, "good": better - excellent, "completed": rest - not_completed,
            "not_completed": not_completed}  # fmt: skip


def _ratings(d: District, year: int, r: random.Random) -> list[dict]:
    out = []
    for name, utype in units(d):
        base = _rng("members", d.code, name).randint(*((25, 140) if utype == "agency" else (150, 420)))
        total = round(base * (1 + 0.018 * (year - 2016))) + r.randint(-3, 3)
        not_rated = r.randint(0, 6)
        members = _levels(r, total - not_rated) | {"not_rated": not_rated}
        n_cells = (r.randint(3, 6) if name.startswith(("Công an", "Ban Chỉ huy")) else 0) if utype == "agency" else r.randint(8, 22)
        organisation = r.choices(("excellent", "good", "completed", "not_completed"), (12, 76, 10, 2))[0]
        out.append({"unit": name, "unit_type": utype, "organisation": organisation,
                    "cells": _levels(r, n_cells), "members": members})  # fmt: skip
    return out


def _placements(d: District, year: int, r: random.Random) -> list[dict]:
    out = []
    for name, utype in d.communes:
        members = r.randint(14, 21)
        cells = members - r.choice((0, 0, 1, 2))
        vice = 2 if utype != "ward" or r.random() < 0.5 else 1
        chairs = r.random() < 0.05
        out.append({"unit": name, "unit_type": utype, "secretary_non_local": r.random() < 0.5,
                    "secretary_chairs_pc": chairs, "pc_chair_non_local": not chairs and r.random() < 0.25,
                    "pc_vice_chairs": vice, "pc_vice_chairs_non_local": min(vice, _binom(r, 1, 0.12)),
                    "officials_members": members, "officials_in_village_cells": cells,
                    "officials_in_village_committees": min(cells, r.randint(3, 10))})  # fmt: skip
    return out


def _tasks(d: District, year: int, r: random.Random) -> list[dict]:
    out = []
    for name, utype in units(d):
        cadres = r.randint(3, 6) if utype == "agency" else r.randint(5, 8)
        tasks = sum(r.randint(3, 5) for _ in range(cadres))
        done = tasks - r.randint(0, tasks // 6) if year < 2024 else round(tasks * r.uniform(0.6, 0.9))
        out.append({"unit": name, "unit_type": utype, "cadres": cadres, "tasks": tasks, "tasks_completed": done})
    return out


_RECORDS = {"admissions": _admissions, "ratings": _ratings, "placements": _placements, "breakthrough_tasks": _tasks}


# --- workbooks -------------------------------------------------------------------


def relative_path(d: District, kind: str) -> str:
    """Where a district's workbook of one kind goes, relative to the data folder."""
    from helpers.text import slug

    return f"{slug(d.province)}/{slug(d.name)}-{d.code}/{kind}.xlsx"


def _write(job: tuple[District, str, str]) -> tuple[int, int, int]:
    """Write one workbook; returns (bytes, report sheets, tidy rows)."""
    from helpers.sample_data import _WORKBOOK_OPTIONS, YEARS
    from helpers.sample_data import _layout as office_layout
    from helpers.sheetwriter import Place, Report, write_workbook

    d, kind, folder = job
    style = _rng("style", d.code).choice(_STYLES)
    reports, rows = [], 0
    for year in YEARS[kind]:
        records = _RECORDS[kind](d, year, _rng(kind, d.code, year))
        layout, sheet = office_layout(style, kind, year)
        reports.append(Report(kind, records, d.name, year, layout, sheet, Place(d.province, d.word)))
        rows += len(records) * (10 if kind == "ratings" else 1)
    path = Path(folder) / relative_path(d, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    instructions, lookup = _WORKBOOK_OPTIONS[style]
    write_workbook(path, reports, instructions=instructions, hidden_lookup=lookup)
    return path.stat().st_size, len(reports), rows


def _generator_hash() -> str:
    """A hash of the code that decides the workbooks' bytes (this module, the writer, the layouts)."""
    import helpers.sample_data
    import helpers.sheetwriter

    h = hashlib.sha256()
    for module in (__file__, helpers.sheetwriter.__file__, helpers.sample_data.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:16]


def _stamp_key(files: int) -> dict:
    from helpers.units.national import NATIONAL_DIR

    names = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(NATIONAL_DIR.glob("*.csv")))).hexdigest()[:16]
    return {"generator": _generator_hash(), "files": files, "seed": SEED, "names": names}


def _reusable(root: Path, key: dict) -> Summary | None:
    try:
        stamp = json.loads((root / "stamp.json").read_text(encoding="utf-8"))
        if stamp["key"] != key:
            return None
        summary = Summary(**stamp["summary"], reused=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    on_disk = sum(1 for _ in (root / "data").rglob("*.xlsx"))
    return summary if on_disk == summary.files else None


def folder(files: int, root: Path = ROOT) -> Path:
    """The folder of the set of ``files`` workbooks (its ``data/`` and ``stamp.json``)."""
    return root / f"files-{files}"


def build(files: int = 2800, *, rebuild: bool = False, jobs: int | None = None, root: Path = ROOT) -> Summary:
    """Write the set under ``folder(files, root) / "data"`` unless its stamp says it is there already."""
    key = _stamp_key(files)
    root = folder(files, root)
    if not rebuild and (summary := _reusable(root, key)) is not None:
        return summary
    (root / "stamp.json").unlink(missing_ok=True)  # a half-written set is never trusted
    shutil.rmtree(root / "data", ignore_errors=True)
    (root / "data").mkdir(parents=True)
    chosen = choose(load_districts(), files)
    work = [(d, kind, str(root / "data")) for d, kind in chosen]
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        done = list(pool.map(_write, work, chunksize=8))
    summary = Summary(files=len(done), districts=len({d.code for d, _ in chosen}),
                      provinces=len({d.province for d, _ in chosen}), sheets=sum(s for _, s, _ in done),
                      bytes=sum(b for b, _, _ in done), tidy_rows=sum(n for _, _, n in done))  # fmt: skip
    payload = {"key": key, "summary": {k: v for k, v in asdict(summary).items() if k != "reused"}}
    tmp = root / "stamp.json.tmp"
    tmp.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(root / "stamp.json")
    return summary

