"""The ``check`` and ``export`` commands (data contract §5).

``python -m helpers check PATH...`` prints every problem as
``file!sheet!cell: severity: message`` and a one-line summary, and exits 1
when any problem is an error.  ``python -m helpers export PATH... --out DIR``
writes ``DIR/<table>.csv`` for each tidy table with rows and
``DIR/problems.csv``, then exits 1 when any problem is an error.
"""

from __future__ import annotations

from pathlib import Path

from .._cli import make_parser, parse
from ..i18n import get_lang, translate

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
        "en": "{files} files, {read} report sheets read, {skipped} skipped, {failed} failed; {errors} errors, {warnings} warnings.",
    },
    "wrote": {"vi": "Đã ghi {path} ({rows} dòng).", "en": "Wrote {path} ({rows} rows)."},
}


def _parser(command: str):
    parser = make_parser(command, _TEXT[command][get_lang()])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="workbooks or folders of workbooks")
    parser.add_argument("--district", default=None, help="district of sheets whose header names none")
    return parser


def _summary(reports) -> str:
    sheets = reports.sheets
    status = sheets["status"].value_counts() if len(sheets) else {}
    return translate(
        _TEXT,
        "summary",
        None,
        files=sheets["file"].nunique() if len(sheets) else 0,
        read=int(status.get("read", 0)),
        skipped=int(status.get("skipped", 0)),
        failed=int(status.get("failed", 0)),
        errors=len(reports.errors),
        warnings=len(reports.warnings),
    )


def check(argv: list[str] | None = None) -> int:
    """Run ``check``: print every problem and a summary; 1 if any error."""
    from . import read_reports

    args = parse(_parser("check"), argv)
    reports = read_reports(args.paths, district=args.district)
    for p in reports.problems:
        print(p)
    print(_summary(reports))
    return 1 if reports.has_errors else 0


def _neutralise(frame):
    try:
        from ..safety import neutralise_formulas
    except ImportError:
        return frame
    return neutralise_formulas(frame)


def _write_store(path: Path, names, store) -> None:
    """Write a table kept as a reader's store (``engine._Store``) as pandas writes its frame.

    Each column holds text only, or whole numbers and ``None``, or booleans
    and ``None`` (what the store's frame accepts).  Each column is encoded
    on its own (a column of text without commas, quotes or line breaks is
    its own encoding; other values are encoded once each and looked up);
    the first five fields of a line are encoded once a unit row and shared
    by its tidy rows.  Lines are fields joined at C speed.
    """
    units = [_encode_column(col) for col in store.units]
    prefixes = list(map(",".join, zip(*units)))  # "district,unit,type,year,source"
    if store.refs is not None:
        prefixes = map(prefixes.__getitem__, store.refs)
    lines = map(",".join, zip(prefixes, *[_encode_column(col) for col in store.rest]))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(_encode_line(list(names)))
        fh.write("\n".join(lines))
        fh.write("\n")


def _encode_line(fields: list) -> str:
    """One CSV line (with its line end) as the csv module writes it."""
    import csv

    out: list[str] = []
    csv.writer(_Sink(out.append), lineterminator="\n").writerow(fields)
    return "".join(out)


def _encode_column(col: list) -> list[str]:
    if set(map(type, col)) == {str}:
        text = "".join(col)
        if "," not in text and '"' not in text and "\n" not in text and "\r" not in text:
            return col
        return list(map(_Encoded().__getitem__, col))
    return list(map(_Encoded().__getitem__, col))


class _Encoded(dict):
    """Value -> its CSV field (``None`` -> empty), each value encoded once.

    The values of one column share one type (besides ``None``), so ``True``
    and ``1`` never meet as keys.
    """

    def __init__(self):
        super().__init__({None: ""})

    def __missing__(self, key):
        text = self[key] = _encode_line([key])[:-1]
        return text


class _Sink:
    """A file-like object whose ``write`` is a given function."""

    __slots__ = ("write",)

    def __init__(self, write):
        self.write = write


def write_export(reports, out: Path) -> list[tuple[Path, int]]:
    """Write ``out/<table>.csv`` for each table with rows, and ``out/problems.csv``.

    Text that a spreadsheet would run as a formula is made inert first (the
    tables only when the reader saw such a text in them; the problems
    always).  Returns the files written with their numbers of rows.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    risky = getattr(reports, "_formula_like", True)
    raw = getattr(reports, "_stores", {})
    for name, frame in reports.tables.items():
        if len(frame):
            path = out / f"{name}.csv"
            source = raw.get(name)
            if not risky and source is not None and source[0] is frame:
                _write_store(path, frame.columns, source[1])  # the frame as read: same text, faster
            else:
                (_neutralise(frame) if risky else frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
            written.append((path, len(frame)))
    problems = reports.problems_frame()
    _neutralise(problems).to_csv(out / "problems.csv", index=False, encoding="utf-8", lineterminator="\n")
    written.append((out / "problems.csv", len(problems)))
    return written


def export(argv: list[str] | None = None) -> int:
    """Run ``export``: write the tables and problems.csv; 1 if any error."""
    from . import read_reports

    parser = _parser("export")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write the CSV files into")
    args = parse(parser, argv)
    reports = read_reports(args.paths, district=args.district)
    for path, rows in write_export(reports, args.out):
        print(translate(_TEXT, "wrote", None, path=path, rows=rows))
    print(_summary(reports))
    return 1 if reports.has_errors else 0
