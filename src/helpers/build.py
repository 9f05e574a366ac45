"""The build: check the data, run the report notebooks, write ``reports/<lang>/`` and ``figures/<lang>/``.

``python -m helpers build`` (:func:`cli`, what ``make reports`` runs)
builds one language's reports, never touching the other's:

1. finds what is in the data: the districts (from the tidy tables, never
   a fixed list), each district's report kinds and files, whether the data
   are the bundled synthetic set.  This *inventory* is kept in
   ``build/.stamps/<lang>/inventory.json`` under a hash of the data files
   and the code, so that an unchanged folder is not read again;
2. works out which *targets* are out of date: one per district (the
   notebook ``01_district_report`` in that district's language, without
   the sections its data lack), ``province`` (``02_province_overview``, when
   the data hold two districts or more) and ``fact-check``
   (``03_fact_check``, when they hold the article's district).  A target is
   up to date when its stamp holds the same hash of its inputs (its data
   files, every file of ``src/helpers``, the notebook, the parameters, the
   versions of the packages that draw and run) and its outputs exist.  When
   nothing is out of date the build says so and stops, importing neither
   pandas, matplotlib nor papermill;
3. checks the data (:func:`helpers.read.read_reports`): an error stops the
   build with every located message, warnings are listed;
4. runs the stale notebooks in a pool of warm workers
   (:mod:`helpers.runner`), each writing ``build/notebooks/<lang>/<target>.ipynb``,
   the page ``reports/<lang>/<target>.html`` (:mod:`helpers.pages`: no code,
   nothing loaded from the internet) and, for a district,
   ``reports/<lang>/<district>.docx``;
   the notebooks save their figures in ``figures/<lang>/<district>/`` (as PNG,
   which the pages and Word reports show, and the sidecar; ``--formats png,svg,pdf``
   adds the vector files);
5. writes ``reports/<lang>/index.html`` and ``reports/index.html``, which
   leads to both languages.

Examples
--------
>>> inv = Inventory(districts=["Chiêm Hóa", "Na Hang"], kinds={"Chiêm Hóa": ["admissions"], "Na Hang": ["ratings"]},
...     files={}, place_kinds={}, fact_check=True, all_kinds=["admissions", "ratings"])
>>> [t.name for t in plan(inv)]
['chiem-hoa', 'na-hang', 'province', 'fact-check']
>>> plan(inv, ["na hang"], lang="en")[0].html.relative_to(config.REPORTS_DIR).as_posix()
'en/na-hang.html'
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import config
from .i18n import format_number, get_lang, plural, translate
from .text import slug

#: The notebooks the build runs.
DISTRICT_NOTEBOOK = "01_district_report.ipynb"
PROVINCE_NOTEBOOK = "02_province_overview.ipynb"
FACT_CHECK_NOTEBOOK = "03_fact_check.ipynb"
COMMUNE_NOTEBOOK = "04_commune_report.ipynb"
NEW_PROVINCE_NOTEBOOK = "05_new_province.ipynb"

#: The overviews that have a Word version too (the fact-check is a page only).
WORD_OVERVIEWS = (PROVINCE_NOTEBOOK, NEW_PROVINCE_NOTEBOOK)

#: The formats a build saves each figure in unless told otherwise: the PNG the pages and Word
#: reports show (and the sidecar).  ``--formats`` adds SVG and PDF (about half a second of CPU
#: more per figure); the PNG is always written.
FIGURE_FORMATS = ("png",)

#: The folder of the commune reports under ``reports/<lang>/`` (and their targets' names).
COMMUNES_DIR = "communes"

#: Packages whose versions are part of every stamp: a new version may draw
#: or compute differently.
STAMP_PACKAGES = (
    "pandas", "numpy", "python-calamine", "openpyxl", "matplotlib", "seaborn", "papermill", "nbclient",
    "ipykernel", "mistune", "python-docx",
)  # fmt: skip

_MESSAGES = {
    "up_to_date": {
        "vi": "Không có gì phải làm: {n} báo cáo đã cập nhật ({where}). Dùng --force để dựng lại tất cả.",
        "en": "Nothing to do: {n} {reports} up to date ({where}). Use --force to rebuild everything.",
    },
    "stale": {"vi": "Cần dựng {n}/{total} báo cáo: {names}", "en": "{n} of {total} {reports} to build: {names}"},
    "checking": {"vi": "Kiểm tra dữ liệu trong {path} …", "en": "Checking the data in {path} …"},
    "check_ok": {
        "vi": "Dữ liệu: {sheets} trang báo cáo đọc được, {errors} lỗi, {warnings} cảnh báo.",
        "en": "Data: {sheets}, {errors}, {warnings}.",
    },
    "check_failed": {
        "vi": "Dừng: dữ liệu có {errors} lỗi (sửa các ô nêu trên rồi chạy lại).",
        "en": "Stopped: the data have {errors} (fix the cells above, then run again).",
    },
    "no_data": {"vi": "Không tìm thấy thư mục dữ liệu {path}.", "en": "No data folder at {path}."},
    "no_districts": {
        "vi": "Không có số liệu của huyện, thành phố nào trong {path}.",
        "en": "No district's figures in {path}.",
    },
    "progress": {"vi": "Dựng báo cáo", "en": "Building reports"},
    "failed": {
        "vi": "Lỗi khi dựng {name}: {error}\n  notebook đã chạy: {executed}",
        "en": "{name} failed: {error}\n  executed notebook: {executed}",
    },
    "failed_render": {"vi": "Lỗi khi dựng {name}: {error}", "en": "{name} failed: {error}"},
    "done": {
        "vi": "Xong: {n} báo cáo trong {seconds} giây. Mục lục: {index}",
        "en": "Done: {n} {reports} in {seconds} s. Index: {index}",
    },
    "index_title": {"vi": "Báo cáo công tác xây dựng Đảng", "en": "Party-building reports"},
    "index_intro": {
        "vi": "Báo cáo của {n} huyện, thành phố có trong dữ liệu{extra}.",
        "en": "Reports for the {n} {districts} in the data{extra}.",
    },
    "index_extra": {
        "vi": ", bản tổng hợp các huyện và đối chiếu số liệu bài báo",
        "en": ", the districts compared and the article's figures checked",
    },
    "district_title": {"vi": "Báo cáo {place}", "en": "Report: {place}"},
    "province_title": {"vi": "Tổng hợp các huyện, thành phố", "en": "The districts compared"},
    "commune_title": {"vi": "Báo cáo {place}", "en": "Report: {place}"},
    "new_province_title": {"vi": "Các xã, phường của tỉnh từ ngày 1/7/2025", "en": "The province's communes and wards from 1 July 2025"},
    "fact_check_title": {"vi": "Đối chiếu số liệu bài báo", "en": "The article's figures checked"},
    "index_link": {"vi": "Mục lục", "en": "Contents"},
    # command-line help
    "description": {
        "vi": "Kiểm tra dữ liệu, chạy các notebook, ghi reports/<ngôn ngữ>/ và figures/<ngôn ngữ>/.",
        "en": "Check the data, run the notebooks, write reports/<lang>/ and figures/<lang>/.",
    },
    "h_district": {"vi": "chỉ dựng huyện này (lặp lại được)", "en": "build only this district (repeatable)"},
    "h_workers": {"vi": "số notebook chạy song song (mặc định 2)", "en": "notebooks run side by side (default 2)"},
    "h_force": {"vi": "dựng lại tất cả, kể cả báo cáo đã cập nhật", "en": "rebuild everything, even what is up to date"},
    "h_data": {"vi": "tệp hoặc thư mục số liệu (mặc định data/raw)", "en": "the workbooks or their folder (default data/raw)"},
    "h_reports": {"vi": "nơi ghi báo cáo (mặc định reports/)", "en": "where the reports go (default reports/)"},
    "h_figures": {"vi": "nơi ghi hình (mặc định figures/)", "en": "where the figures go (default figures/)"},
    "h_build": {"vi": "notebook đã chạy, dấu kiểm, nhật ký (mặc định build/)", "en": "executed notebooks, stamps, logs (default build/)"},
    "h_boundary": {"vi": "tính đơn vị theo địa giới của năm này", "en": "show units on this year's boundaries"},
    "h_publish": {"vi": "chế độ công bố (ẩn số nhỏ)", "en": "publication mode (small counts suppressed)"},
    "h_progress": {"vi": "không hiện thanh tiến độ", "en": "no progress bar"},
    "h_formats": {
        "vi": "định dạng lưu hình, cách nhau bằng dấu phẩy: png (luôn có), svg, pdf (mặc định png)",
        "en": "the formats figures are saved in, comma-separated: png (always), svg, pdf (default png)",
    },
    "bad_formats": {
        "vi": "--formats: chỉ nhận {known}; không nhận: {bad}",
        "en": "--formats: the formats known are {known}; not: {bad}",
    },
    "h_scheduler": {
        "vi": "chạy các báo cáo trên cụm Dask có bộ lập lịch ở địa chỉ này (tcp://máy:8786)",
        "en": "run the reports on the Dask cluster whose scheduler is at this address (tcp://host:8786)",
    },
}

_NOUNS = {"reports": ("report is", "reports are"), "districts": ("district", "districts")}


def _t(key: str, lang: str | None = None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


def _count(n: int, noun: str, lang: str) -> str:
    """English count words: ``1 error``, ``2 warnings``; Vietnamese numbers stand alone."""
    if lang == "vi":
        return format_number(n, 0, lang=lang)
    return f"{n} {plural(n, noun, noun + 's')}"


# --------------------------------------------------------------------------
# Where things go
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Where the build reads and writes; every field a :class:`~pathlib.Path`."""

    data_dir: Path = config.RAW_DATA_DIR
    reports_dir: Path = config.REPORTS_DIR
    figures_dir: Path = config.FIGURES_DIR
    build_dir: Path = config.BUILD_DIR
    notebooks_dir: Path = config.NOTEBOOKS_DIR

    @classmethod
    def make(cls, **kwargs: object) -> Paths:
        """``Paths`` with the given fields (``None`` keeps the default), resolved."""
        values = {k: Path(v).resolve() for k, v in kwargs.items() if v is not None}
        return cls(**values)

    def reports(self, lang: str) -> Path:
        """``reports/<lang>``."""
        return self.reports_dir / lang

    def figures(self, lang: str) -> Path:
        """``figures/<lang>``."""
        return self.figures_dir / lang

    def stamps(self, lang: str) -> Path:
        return self.build_dir / ".stamps" / lang

    def executed(self, lang: str) -> Path:
        return self.build_dir / "notebooks" / lang

    def logs(self, lang: str) -> Path:
        return self.build_dir / "logs" / lang

    def index(self, lang: str) -> Path:
        return self.reports(lang) / "index.html"

    @property
    def root_index(self) -> Path:
        return self.reports_dir / "index.html"


@dataclass(frozen=True)
class Target:
    """One notebook run: its name, notebook, parameters and outputs."""

    name: str
    title: str
    notebook: Path
    parameters: dict = field(compare=False)
    html: Path
    #: the executed notebook (``None`` for a report written from the package, without a kernel)
    executed: Path | None
    data_files: tuple[Path, ...] = field(compare=False, default=())
    #: the report kinds the district's data have (``None``: every section kept)
    kinds: tuple[str, ...] | None = field(compare=False, default=None)
    docx: Path | None = None
    #: ``"commune"``: page and Word report written from one document (:func:`helpers.docpage.render_commune`),
    #: the notebook giving the prose only; ``None``: the notebook is run
    render: str | None = None

    @property
    def outputs(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.html, self.executed, self.docx) if p is not None)


@dataclass
class Inventory:
    """What the data hold, as far as the build needs to know before running anything."""

    districts: list[str]
    kinds: dict[str, list[str]]
    files: dict[str, list[str]]
    place_kinds: dict[str, str]
    fact_check: bool
    all_files: list[str] = field(default_factory=list)
    #: the report kinds any district has, in :data:`helpers.schema.TABLES` order
    all_kinds: list[str] = field(default_factory=list)
    note: str = ""
    #: the communes and wards of 1 July 2025 with data (:func:`helpers.commune.communes_in`)
    communes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Targets and stamps (light: hashlib, json, pathlib only)
# --------------------------------------------------------------------------


def plan(
    inventory: Inventory,
    districts: Iterable[str] | None = None,
    *,
    lang: str | None = None,
    paths: Paths | None = None,
    boundary_year: int | None = None,
    publish: bool = False,
    formats: str | Iterable[str] | None = None,
) -> list[Target]:
    """The targets of a build in ``lang``: the districts asked for (any spelling), or every
    district in the data plus ``province`` and ``fact-check`` where the data allow them.

    ``formats``: those its figures are saved in (:func:`figure_formats`).
    Raises :class:`helpers.dataset.UnknownDistrict` for a name that is not in the data.
    """
    from .dataset import resolve_district
    from .narrative import place

    lang, paths = get_lang(lang), paths or Paths()
    every = districts is None
    chosen = list(inventory.districts) if every else [resolve_district(d, inventory.districts, lang=lang) for d in districts]
    common = {"lang": lang, "data_dir": str(paths.data_dir), "figures_dir": str(paths.figures(lang)),
              "boundary_year": boundary_year, "publish": publish, "figure_formats": list(figure_formats(formats))}  # fmt: skip
    reference = _files_under(config.REFERENCE_DIR)
    everything = tuple(Path(p) for p in inventory.all_files) + reference
    targets = []
    for district in chosen:
        own = tuple(Path(p) for p in inventory.files.get(district, ())) + reference
        name = slug(district)
        title = _t("district_title", lang, place=place(district, inventory.place_kinds.get(district, "district"), lang))
        targets.append(Target(name=name, title=title, notebook=paths.notebooks_dir / DISTRICT_NOTEBOOK,
                              parameters={"district": district, **common}, html=paths.reports(lang) / f"{name}.html",
                              executed=paths.executed(lang) / f"{name}.ipynb",
                              data_files=own if boundary_year is None else everything,
                              kinds=tuple(inventory.kinds.get(district, ())),
                              docx=paths.reports(lang) / f"{name}.docx"))  # fmt: skip
    if every:
        targets += _commune_targets(inventory, lang, paths, common, everything)
        for name, notebook, title in _overviews(inventory):
            word = paths.reports(lang) / f"{name}.docx" if notebook in WORD_OVERVIEWS else None
            targets.append(Target(name=name, title=_t(title, lang), notebook=paths.notebooks_dir / notebook,
                                  parameters=dict(common), html=paths.reports(lang) / f"{name}.html",
                                  executed=paths.executed(lang) / f"{name}.ipynb", data_files=everything,
                                  kinds=tuple(inventory.all_kinds), docx=word))  # fmt: skip
    return targets


def _commune_targets(inventory: Inventory, lang: str, paths: Paths, common: dict, files: tuple[Path, ...]) -> list[Target]:
    """A report per commune or ward with data (``reports/<lang>/communes/<slug>.html`` and ``.docx``),
    written from the package without a kernel (there may be thousands); each reads every file,
    since its predecessors' series come from the former districts' reports."""
    out = []
    params = {k: common[k] for k in ("lang", "data_dir", "figures_dir", "figure_formats")}
    for commune in inventory.communes:
        name = f"{COMMUNES_DIR}/{slug(commune)}"
        out.append(Target(name=name, title=_t("commune_title", lang, place=commune), notebook=paths.notebooks_dir / COMMUNE_NOTEBOOK,
                          parameters={"commune": commune, **params}, html=paths.reports(lang) / f"{name}.html",
                          executed=None, data_files=files, kinds=None, docx=paths.reports(lang) / f"{name}.docx",
                          render="commune"))  # fmt: skip
    return out


def figure_formats(formats: str | Iterable[str] | None = None) -> tuple[str, ...]:
    """The formats a build saves its figures in: PNG first, always (the pages and Word reports show
    it), then any other asked for; ``None`` gives :data:`FIGURE_FORMATS`.

    >>> figure_formats("pdf,svg")
    ('png', 'pdf', 'svg')
    """
    from .save import figure_formats as known

    asked = known(formats) if formats is not None else FIGURE_FORMATS
    return ("png",) + tuple(f for f in asked if f != "png")


def _overviews(inventory: Inventory) -> list[tuple[str, str, str]]:
    out = []
    if len(inventory.districts) >= 2:
        out.append(("province", PROVINCE_NOTEBOOK, "province_title"))
    if inventory.fact_check:
        out.append(("fact-check", FACT_CHECK_NOTEBOOK, "fact_check_title"))
    if len(inventory.communes) >= 2:
        out.append(("province-2025", NEW_PROVINCE_NOTEBOOK, "new_province_title"))
    return out


def _files_under(folder: Path) -> tuple[Path, ...]:
    """Every file under ``folder`` (hidden files left out), sorted."""
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")))


def _workbooks(data_dir: Path) -> tuple[Path, ...]:
    from .read.files import find_workbooks

    return tuple(sorted(p for p, _shown, exists in find_workbooks([data_dir]) if exists))


class _Hasher:
    """File hashes, each file read once per build; a list of files (the package's code, a commune
    target's workbooks: the same for every target) hashed once too."""

    def __init__(self) -> None:
        self._cache: dict[Path, str] = {}
        self._lists: dict[tuple, dict[str, str]] = {}
        self._code: tuple[Path, ...] | None = None

    def file(self, path: Path) -> str:
        if path not in self._cache:
            self._cache[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        return self._cache[path]

    def files(self, paths: Iterable[Path], root: Path | None = None) -> dict[str, str]:
        paths = tuple(paths)
        if (paths, root) not in self._lists:
            out = {}
            for p in paths:
                key = p.relative_to(root).as_posix() if root is not None and p.is_relative_to(root) else str(p)
                out[key] = self.file(p)
            self._lists[paths, root] = out
        return dict(self._lists[paths, root])

    def code(self) -> dict[str, str]:
        """The package's files (:func:`_code_files`), listed once per build."""
        if self._code is None:
            self._code = _code_files()
        return self.files(self._code, Path(__file__).resolve().parent)


def _package_versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": sys.version.split()[0]}
    for name in STAMP_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def _code_files() -> tuple[Path, ...]:
    package = Path(__file__).resolve().parent
    return tuple(sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"))


def target_inputs(target: Target, hasher: _Hasher | None = None, versions: dict | None = None) -> dict:
    """What a target's stamp records: hashes of every input, the parameters, versions."""
    hasher = hasher or _Hasher()
    return {
        "target": target.name,
        "notebook": {target.notebook.name: hasher.file(target.notebook)},
        "parameters": target.parameters,
        "kinds": list(target.kinds) if target.kinds is not None else None,
        "word": target.docx is not None,
        "data": hasher.files(target.data_files),
        "code": hasher.code(),
        "versions": versions if versions is not None else _package_versions(),
    }


def _digest(inputs: dict) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def stamp_path(target: Target, paths: Paths) -> Path:
    """``build/.stamps/<lang>/<target>.json``."""
    return paths.stamps(target.parameters["lang"]) / f"{target.name}.json"


def is_up_to_date(target: Target, paths: Paths, digest: str) -> bool:
    """True when the target's stamp holds ``digest`` and its outputs exist."""
    try:
        recorded = json.loads(stamp_path(target, paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return recorded.get("digest") == digest and all(Path(p).exists() for p in recorded.get("outputs", []))


def _write_json(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def _write_stamp(target: Target, paths: Paths, digest: str, inputs: dict, outputs: Sequence[Path]) -> None:
    _write_json(stamp_path(target, paths), {"digest": digest, "outputs": [str(p) for p in outputs], "inputs": inputs})


# --------------------------------------------------------------------------
# The inventory of the data, and the data check (these read the data)
# --------------------------------------------------------------------------


def _inventory_key(files: Sequence[Path], hasher: _Hasher, lang: str, data_dir: Path) -> str:
    package = Path(__file__).resolve().parent
    record = {"data": hasher.files(files), "code": hasher.files(_code_files(), package), "lang": lang, "dir": str(data_dir)}
    return _digest(record)


def cached_inventory(paths: Paths, lang: str, key: str) -> Inventory | None:
    """The inventory recorded for data with this key, if any."""
    try:
        record = json.loads((paths.stamps(lang) / "inventory.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("key") != key:
        return None
    return Inventory(**record["inventory"])


def take_inventory(dataset, lang: str) -> Inventory:
    """What a :class:`helpers.dataset.Dataset` holds, for planning the build."""
    from .commune import communes_in
    from .dataset import district_kind
    from .facts import DISTRICT as FACTS_DISTRICT
    from .schema import TABLES

    districts = dataset.districts
    return Inventory(
        districts=districts,
        kinds={d: dataset.kinds_of(d) for d in districts},
        files={d: [str(f.path) for f in dataset.files_of(d)] for d in districts},
        place_kinds={d: district_kind(d, dataset.reports) for d in districts},
        fact_check=FACTS_DISTRICT in districts,
        all_files=[str(f.path) for f in dataset.files],
        all_kinds=[k for k in TABLES if any(k in dataset.kinds_of(d) for d in districts)],
        note=dataset.source_note(lang=lang),
        communes=communes_in(dataset.tables),
    )


def check_data(dataset, *, lang: str | None = None, echo: Callable[[str], None] = print) -> tuple[int, int, int]:
    """Print every problem of the data; returns ``(report sheets read, errors, warnings)``."""
    reports = dataset.reports
    errors, warnings = reports.errors, reports.warnings
    for p in errors + warnings:
        echo(f"  {p}")
    sheets = int((reports.sheets["status"] == "read").sum()) if len(reports.sheets) else 0
    return sheets, len(errors), len(warnings)


def _report_check(dataset, lang: str, paths: Paths, result: BuildResult, echo: Callable[[str], None], fail) -> bool:
    echo(_t("checking", lang, path=paths.data_dir))
    sheets, result.errors, result.warnings = check_data(dataset, lang=lang, echo=echo)
    echo(_t("check_ok", lang, sheets=_count(sheets, "report sheet", lang) + ("" if lang == "vi" else " read"),
            errors=_count(result.errors, "error", lang), warnings=_count(result.warnings, "warning", lang)))  # fmt: skip
    if result.errors:
        fail(_t("check_failed", lang, errors=_count(result.errors, "error", lang)))
        return False
    return True


# --------------------------------------------------------------------------
# The indexes (plain text templates: no heavy imports)
# --------------------------------------------------------------------------


def write_indexes(paths: Paths, inventory: Inventory, lang: str, *, boundary_year: int | None = None) -> None:
    """Write ``reports/<lang>/index.html`` (every report the data allow) and ``reports/index.html``."""
    from .pages import index_page, root_index_page, write_page

    targets = plan(inventory, lang=lang, paths=paths, boundary_year=boundary_year)
    districts = [(t.html.name, t.parameters["district"]) for t in targets if "district" in t.parameters]
    communes = [(f"{COMMUNES_DIR}/{t.html.name}", t.parameters["commune"]) for t in targets if "commune" in t.parameters]
    overviews = [(t.html.name, t.title) for t in targets if not {"district", "commune"} & set(t.parameters)]
    extra = _t("index_extra", lang) if overviews else ""
    n = len(districts)
    intro = _t("index_intro", lang, n=n, districts=plural(n, "district", "districts"), extra=extra)
    text = index_page(paths.reports(lang), lang=lang, title=_t("index_title", lang), intro=intro, note=inventory.note,
                      districts=districts, province=overviews, communes=communes)  # fmt: skip
    write_page(text, paths.index(lang))
    write_page(root_index_page(paths.reports_dir, config.LANGS), paths.root_index)


# --------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------


@dataclass
class BuildResult:
    """What a build did: targets built, skipped and failed, problems, seconds."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    #: a district asked for is not in the data
    unknown_district: bool = False
    #: the Word reports were skipped (no Word writer installed)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors and not self.unknown_district

    @property
    def exit_code(self) -> int:
        return 2 if self.unknown_district else (0 if self.ok else 1)


def _load_inventory(paths: Paths, lang: str, hasher: _Hasher, result: BuildResult, echo, fail,
                    on_read: Callable[..., object] | None = None) -> tuple[Inventory | None, object]:  # fmt: skip
    """The inventory, from its record when the data and code are unchanged, else by reading the data
    (which also checks them; ``on_read`` is called first).  Returns ``(inventory or None when the check
    failed, dataset or None)``."""
    files = _workbooks(paths.data_dir)
    key = _inventory_key(files, hasher, lang, paths.data_dir)
    inventory = cached_inventory(paths, lang, key)
    if inventory is not None:
        return inventory, None
    if on_read is not None:
        on_read()
    from .report import load_data

    dataset = load_data(paths.data_dir, lang=lang)
    if not _report_check(dataset, lang, paths, result, echo, fail):
        return None, dataset
    inventory = take_inventory(dataset, lang)
    _write_json(paths.stamps(lang) / "inventory.json", {"key": key, "inventory": asdict(inventory)})
    return inventory, dataset


def _job(target: Target, paths: Paths, lang: str, notebooks_read: dict | None = None) -> dict:
    from . import notebooks

    cache = notebooks_read if notebooks_read is not None else {}
    if target.notebook not in cache:
        cache[target.notebook] = notebooks.read(target.notebook)
    nb = notebooks.for_report(cache[target.notebook], lang, target.kinds)
    return {
        "name": target.name, "notebook": nb, "executed": str(target.executed) if target.executed else None,
        "parameters": target.parameters, "html": str(target.html), "title": target.title, "cwd": str(paths.notebooks_dir),
        "docx": str(target.docx) if target.docx else None, "render": target.render, "source": target.notebook.name,
        "nav": [("../" * target.name.count("/") + "index.html", _t("index_link", lang))],
    }  # fmt: skip


def _order(target: Target) -> tuple[int, int]:
    """Longest first, so that the workers finish together: the province, the notebooks (the most
    data first: a district's report takes longer the more units and years its workbooks hold), the
    commune reports written from the package, the fact-check (no figures) last."""
    if target.name == "province":
        return (0, 0)
    if target.name == "fact-check":
        return (3, 0)
    if target.render:
        return (2, 0)
    return (1, -sum(f.stat().st_size for f in target.data_files if f.is_file()))


def _run(stale: list[Target], digests: dict, inputs: dict, paths: Paths, lang: str, workers: int, progress: bool,
         before: Callable[[], bool], result: BuildResult, echo, scheduler: str | None = None,
         pool: WorkerPool | None = None) -> bool:  # fmt: skip
    """Run the stale targets, longest first (in ``pool`` when given); record stamps. False when the data
    check stopped the build."""
    from .runner import run_jobs

    order = sorted(stale, key=_order)
    read: dict = {}
    jobs = [_job(t, paths, lang, read) for t in order]
    outcomes = run_jobs(jobs, workers=workers, log_dir=paths.logs(lang), progress=progress, desc=_t("progress", lang),
                        before=before, scheduler=scheduler, pool=pool)  # fmt: skip
    if not outcomes:
        return False
    by_name = {o["name"]: o for o in outcomes}
    for target in stale:
        outcome = by_name[target.name]
        if outcome["ok"]:
            _write_stamp(target, paths, digests[target.name], inputs[target.name], target.outputs)
            result.built.append(target.name)
        else:
            stamp_path(target, paths).unlink(missing_ok=True)
            result.failed.append(outcome)
            key = "failed_render" if target.render else "failed"
            echo(_t(key, lang, name=target.name, error=outcome["error"], executed=outcome.get("executed")))
    return True


def build(
    districts: Iterable[str] | None = None, *, lang: str | None = None, workers: int = 2, force: bool = False,
    data_dir: str | Path | None = None, reports_dir: str | Path | None = None, figures_dir: str | Path | None = None,
    build_dir: str | Path | None = None, notebooks_dir: str | Path | None = None, boundary_year: int | None = None,
    publish: bool = False, formats: str | Iterable[str] | None = None, progress: bool = True,
    echo: Callable[[str], None] = print, fail: Callable[[str], None] | None = None, scheduler: str | None = None,
) -> BuildResult:  # fmt: skip
    """Build one language's reports; see the module docs.

    ``districts`` picks districts (any spelling; default: every district in
    the data, the province overview and the fact-check); ``force``
    rebuilds what is up to date; the ``*_dir`` arguments say where to read
    and write (default: the project's folders); ``boundary_year`` shows
    units on that year's boundaries; ``publish`` is publication mode;
    ``formats`` those the figures are saved in (:func:`figure_formats`);
    ``echo`` receives every message, ``fail`` (default: ``echo``) those
    that say why the build stopped; ``scheduler`` (a Dask scheduler's
    address) runs the reports on that cluster instead of the local pool,
    with the same outputs.
    """
    start, lang = time.perf_counter(), get_lang(lang)
    fail = fail or echo
    paths = Paths.make(data_dir=data_dir, reports_dir=reports_dir, figures_dir=figures_dir, build_dir=build_dir,
                       notebooks_dir=notebooks_dir)  # fmt: skip
    result = BuildResult()
    if not paths.data_dir.exists():
        fail(_t("no_data", lang, path=paths.data_dir))
        result.errors = 1
        return result
    from .runner import WorkerPool

    hasher = _Hasher()
    # The workers (and their kernels) start while data not read before are read: a build follows.
    pool = None if scheduler else WorkerPool(workers, paths.logs(lang), paths.notebooks_dir)
    try:
        planned = _planned(districts, paths, lang, hasher, result, echo, fail, boundary_year=boundary_year,
                           publish=publish, formats=formats, on_read=pool.start if pool else None)  # fmt: skip
        if planned is None:
            return _finish(result, start)
        inventory, dataset, targets = planned
        stale, digests, inputs = _stale(targets, paths, hasher, force)
        building = {t.name for t in stale}
        result.skipped = [t.name for t in targets if t.name not in building]
        if not stale:
            write_indexes(paths, inventory, lang, boundary_year=boundary_year)
            echo(_t("up_to_date", lang, n=len(targets), reports=plural(len(targets), *_NOUNS["reports"]), where=paths.stamps(lang)))
            return _finish(result, start)
        before = _before(dataset, stale, len(targets), paths, lang, result, echo, fail)
        if not _run(stale, digests, inputs, paths, lang, workers, progress, before, result, fail, scheduler, pool):
            return _finish(result, start)
    finally:
        if pool is not None:
            pool.close()
    write_indexes(paths, inventory, lang, boundary_year=boundary_year)
    _finish(result, start)
    if not result.failed:
        seconds = format_number(result.seconds, 1, lang=lang)
        echo(_t("done", lang, n=len(result.built), reports=plural(len(result.built), "report", "reports"), seconds=seconds,
                index=paths.index(lang)))  # fmt: skip
    return result


def _before(dataset, stale: list[Target], total: int, paths: Paths, lang: str, result: BuildResult, echo, fail) -> Callable[[], bool]:
    """What runs while the workers start: the data check when the inventory was current (``dataset`` is
    ``None``: no reading was done for it), then the line naming the reports to build; False stops the build."""

    def before() -> bool:
        if dataset is None:
            from .report import load_data

            if not _report_check(load_data(paths.data_dir, lang=lang), lang, paths, result, echo, fail):
                return False
        names = ", ".join(t.name for t in stale)
        echo(_t("stale", lang, n=len(stale), total=total, reports=plural(total, "report", "reports"), names=names))
        return True

    return before


def _planned(districts, paths: Paths, lang: str, hasher: _Hasher, result: BuildResult, echo, fail, *,
             on_read: Callable[..., object] | None = None, **choices):  # fmt: skip
    """The inventory, the dataset read for it (``None`` when the inventory was current) and the targets;
    ``None`` when the build stops (no data, no district, an unknown district: ``result`` says which).
    ``on_read`` is called before data are read (:func:`_load_inventory`); ``choices`` are :func:`plan`'s
    (``boundary_year``, ``publish``, ``formats``)."""
    from .dataset import UnknownDistrict

    inventory, dataset = _load_inventory(paths, lang, hasher, result, echo, fail, on_read)
    if inventory is None:
        return None
    if not inventory.districts and not inventory.communes:
        fail(_t("no_districts", lang, path=paths.data_dir))
        result.errors = 1
        return None
    try:
        targets = plan(inventory, districts, lang=lang, paths=paths, **choices)
    except UnknownDistrict as exc:
        fail(str(exc))
        result.unknown_district = True
        return None
    return inventory, dataset, targets


def _stale(targets: list[Target], paths: Paths, hasher: _Hasher, force: bool) -> tuple[list[Target], dict, dict]:
    """The targets to build (all with ``force``), every target's digest and inputs."""
    versions = _package_versions()
    inputs = {t.name: target_inputs(t, hasher, versions) for t in targets}
    digests = {name: _digest(i) for name, i in inputs.items()}
    return [t for t in targets if force or not is_up_to_date(t, paths, digests[t.name])], digests, inputs


def _finish(result: BuildResult, start: float) -> BuildResult:
    result.seconds = time.perf_counter() - start
    return result


def cli(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers build``: see :func:`build`; its help follows ``--lang``."""
    from ._cli import make_parser, parse, peek_lang

    lang = peek_lang(argv)
    h = lambda key: _t(key, lang)  # noqa: E731
    parser = make_parser("build", h("description"), lang=lang)
    parser.add_argument("--district", action="append", metavar="NAME", help=h("h_district"))
    parser.add_argument("--workers", type=int, default=2, metavar="N", help=h("h_workers"))
    parser.add_argument("--force", action="store_true", help=h("h_force"))
    parser.add_argument("--data", metavar="PATH", help=h("h_data"))
    parser.add_argument("--reports-dir", metavar="DIR", help=h("h_reports"))
    parser.add_argument("--figures-dir", metavar="DIR", help=h("h_figures"))
    parser.add_argument("--build-dir", metavar="DIR", help=h("h_build"))
    parser.add_argument("--boundary-year", type=int, metavar="YEAR", help=h("h_boundary"))
    parser.add_argument("--publish", action="store_true", help=h("h_publish"))
    parser.add_argument("--formats", metavar="LIST", help=h("h_formats"))
    parser.add_argument("--no-progress", action="store_true", help=h("h_progress"))
    parser.add_argument("--scheduler", metavar="ADDRESS", help=h("h_scheduler"))
    args = parse(parser, argv)
    from .save import FORMATS, UnknownFormats

    try:
        formats = figure_formats(args.formats)
    except UnknownFormats as exc:
        print(_t("bad_formats", lang, bad=", ".join(exc.bad) or '""', known=", ".join(FORMATS)), file=sys.stderr)
        return 2
    result = build(
        args.district, lang=args.lang, workers=args.workers, force=args.force, data_dir=args.data,
        reports_dir=args.reports_dir, figures_dir=args.figures_dir, build_dir=args.build_dir,
        boundary_year=args.boundary_year, publish=args.publish, formats=formats, progress=not args.no_progress,
        fail=lambda line: print(line, file=sys.stderr), scheduler=args.scheduler,
    )  # fmt: skip
    return result.exit_code
