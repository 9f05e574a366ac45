"""The ``check`` and ``export`` commands (data contract §5).

``python -m helpers check PATH...`` prints every problem as
``file!sheet!cell: severity: message`` and a one-line summary, and exits 1
when any problem is an error.  ``python -m helpers export PATH... --out DIR``
writes ``DIR/<table>.csv`` for each tidy table with rows and
``DIR/problems.csv``, then exits 1 when any problem is an error.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from .._cli import make_parser, parse
from ..i18n import get_lang, plural, translate

_TEXT = {
    "check": {
        "vi": "Kiểm tra các bảng tính báo cáo và in mọi vấn đề tìm thấy.",
        "en": "Check report workbooks and print every problem found.",
    },
    "export": {
        "vi": "Ghi các bảng dữ liệu gọn và problems.csv của các bảng tính báo cáo.",
        "en": "Write the tidy tables and problems.csv of report workbooks.",
    },
    "summary": {
        "vi": "{files} tệp, {read} trang biểu đã đọc, {skipped} trang bỏ qua, {failed} trang lỗi; {errors} lỗi, {warnings} cảnh báo.",
        "en": "{files} {files_w}, {read} report {read_w} read, {skipped} skipped, {failed} failed; {errors} {errors_w}, {warnings} {warnings_w}.",
    },
    "wrote": {"vi": "Đã ghi {path} ({rows} dòng).", "en": "Wrote {path} ({rows} {rows_w})."},
    "paths": {"vi": "bảng tính hoặc thư mục chứa bảng tính", "en": "workbooks or folders of workbooks"},
    "district": {"vi": "huyện của các trang biểu không ghi tên huyện", "en": "district of sheets whose header names none"},
    "province": {"vi": "tỉnh của các trang biểu không ghi tên tỉnh", "en": "province of sheets whose header names none"},
    "jobs": {"vi": "số tiến trình đọc song song (mặc định: số nhân của máy)",
             "en": "processes reading in parallel (default: the machine's cores)"},
    "no_cache": {"vi": "không dùng bộ nhớ đệm các tệp đã đọc", "en": "do not use the cache of files read before"},
    "out": {"vi": "thư mục ghi các tệp CSV", "en": "folder to write the CSV files into"},
    "boundaries": {"vi": "chuyển các bảng sang địa giới của một năm (2025: các xã, phường từ 1/7/2025)",
                   "en": "carry the tables onto a year's units (2025: the communes and wards of 1 July 2025)"},
}


def _parser(command: str):
    parser = make_parser(command, _TEXT[command][get_lang()])
    parser.add_argument("paths", nargs="+", metavar="PATH", help=_TEXT["paths"][get_lang()])
    parser.add_argument("--district", default=None, help=_TEXT["district"][get_lang()])
    parser.add_argument("--province", default=None, help=_TEXT["province"][get_lang()])
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help=_TEXT["jobs"][get_lang()])
    parser.add_argument("--no-cache", action="store_true", help=_TEXT["no_cache"][get_lang()])
    return parser


def _read(args, *, tables: bool):
    from . import read_reports

    return read_reports(args.paths, district=args.district, province=args.province, jobs=args.jobs,
                        cache=not args.no_cache, tables=tables)


def _summary(reports) -> str:
    status = Counter(row[2] for row in reports.sheet_rows)
    counts = {"files": len({row[0] for row in reports.sheet_rows}), "read": status["read"],
              "skipped": status["skipped"], "failed": status["failed"],
              "errors": len(reports.errors), "warnings": len(reports.warnings)}
    words = {"files_w": ("file", "files"), "read_w": ("sheet", "sheets"),
             "errors_w": ("error", "errors"), "warnings_w": ("warning", "warnings")}
    return translate(_TEXT, "summary", None, **counts,
                     **{key: plural(counts[key[:-2]], *pair) for key, pair in words.items()})


def check(argv: list[str] | None = None) -> int:
    """Run ``check``: print every problem and a summary; 1 if any error."""
    args = parse(_parser("check"), argv)
    reports = _read(args, tables=False)
    out = sys.stdout
    for p in reports.problems:
        out.write(f"{p}\n")
    print(_summary(reports))
    return 1 if reports.has_errors else 0


def export(argv: list[str] | None = None) -> int:
    """Run ``export``: write the tables and problems.csv; 1 if any error."""
    from .export import write_export

    parser = _parser("export")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help=_TEXT["out"][get_lang()])
    parser.add_argument("--boundaries", type=int, default=None, metavar="YEAR", help=_TEXT["boundaries"][get_lang()])
    args = parse(parser, argv)
    reports = _read(args, tables=True)
    for path, rows in write_export(reports, args.out, boundaries=args.boundaries):
        print(translate(_TEXT, "wrote", None, path=path, rows=rows, rows_w=plural(rows, "row", "rows")))
    print(_summary(reports))
    return 1 if reports.has_errors else 0
