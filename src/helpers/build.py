"""The build: check the data, run the notebooks, write ``reports/`` and ``figures/``.

``python -m helpers build`` (:func:`cli`, what ``make reports`` runs) does
four things, in order:

1. works out which *targets* are out of date: one per district (the
   notebook ``01_district_report`` run with that district), ``province``
   (``02_province_overview``) and ``fact-check`` (``03_fact_check``).  A
   target is up to date when its stamp, ``build/.stamps/<target>.json``,
   holds the same hash of its inputs (the data files, every file of
   ``src/helpers``, the notebook, the parameters, the versions of the
   packages that draw and run) and its outputs exist.  When nothing is out
   of date the build says so and stops: that path imports only
   ``hashlib``, ``json`` and ``pathlib`` (no pandas, matplotlib,
   papermill or nbformat), so it takes well under a second;
2. checks the data with :func:`helpers.read.read_reports`: an error stops
   the build with every located message, warnings are listed;
3. runs the stale notebooks with papermill in a pool of warm worker
   processes (2 by default), each writing its executed copy to
   ``build/notebooks/`` and an HTML report with the code hidden to
   ``reports/`` (the notebooks save their own figures in ``figures/``);
4. writes ``reports/index.html``, which links every report.

:func:`lab_cli` (``python -m helpers lab``, ``make lab``) registers the
project's kernel and starts JupyterLab on ``notebooks/``.

Examples
--------
>>> [t.name for t in plan(districts=["Chiêm Hóa"])]
['chiem-hoa']
>>> [t.name for t in plan()][-2:]
['province', 'fact-check']
>>> plan(districts=["Na Hang"])[0].html.name
'na-hang.html'
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .i18n import get_lang, translate
from .text import fold, slug

#: The seven district-level units of Tuyên Quang province (until 1 July
#: 2025), in the order the province lists them; the city comes first.
DISTRICTS: tuple[str, ...] = ("Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương")

#: The notebooks the build runs.
DISTRICT_NOTEBOOK = "01_district_report.ipynb"
PROVINCE_NOTEBOOK = "02_province_overview.ipynb"
FACT_CHECK_NOTEBOOK = "03_fact_check.ipynb"

#: The kernel the build runs notebooks with (the environment's own Python).
BUILD_KERNEL = "python3"

#: Seconds a kernel may take to start (a busy machine is slow to start one).
KERNEL_START_TIMEOUT = 180

#: The kernel ``python -m helpers lab`` registers for the notebooks.
LAB_KERNEL = "party-stats"
LAB_KERNEL_DISPLAY = {"vi": "Python 3 (Thống kê xây dựng Đảng)", "en": "Python 3 (party-building statistics)"}

#: Packages whose versions are part of every stamp: a new version may draw
#: or compute differently.
STAMP_PACKAGES = (
    "pandas",
    "numpy",
    "python-calamine",
    "openpyxl",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbclient",
    "nbconvert",
    "ipykernel",
)

_MESSAGES = {
    "up_to_date": {
        "vi": "Không có gì phải làm: {n} báo cáo đã cập nhật ({where}). Dùng --force để dựng lại tất cả.",
        "en": "Nothing to do: {n} reports are up to date ({where}). Use --force to rebuild everything.",
    },
    "stale": {
        "vi": "Cần dựng {n}/{total} báo cáo: {names}",
        "en": "{n} of {total} reports to build: {names}",
    },
    "checking": {"vi": "Kiểm tra dữ liệu trong {path} …", "en": "Checking the data in {path} …"},
    "check_ok": {
        "vi": "Dữ liệu: {sheets} bảng báo cáo đọc được, {errors} lỗi, {warnings} cảnh báo.",
        "en": "Data: {sheets} report sheets read, {errors} errors, {warnings} warnings.",
    },
    "check_failed": {
        "vi": "Dừng: dữ liệu có {errors} lỗi (sửa các ô nêu trên rồi chạy lại).",
        "en": "Stopped: the data have {errors} errors (fix the cells above, then run again).",
    },
    "no_data": {"vi": "Không tìm thấy thư mục dữ liệu {path}.", "en": "No data folder at {path}."},
    "progress": {"vi": "Chạy notebook", "en": "Running notebooks"},
    "failed": {
        "vi": "Lỗi khi chạy {name}: {error}\n  notebook đã chạy: {executed}",
        "en": "{name} failed: {error}\n  executed notebook: {executed}",
    },
    "done": {
        "vi": "Xong: {n} báo cáo trong {seconds} giây. Mục lục: {index}",
        "en": "Done: {n} reports in {seconds} s. Index: {index}",
    },
    "unknown_district": {
        "vi": "Không có huyện {name!r}; chọn một trong: {names}",
        "en": "No district {name!r}; choose one of: {names}",
    },
    "index_title": {"vi": "Báo cáo công tác xây dựng Đảng", "en": "Party-building reports"},
    "index_intro": {
        "vi": "Các báo cáo của {n} huyện, thành phố tỉnh {province}, bản tổng hợp toàn tỉnh và đối chiếu số liệu bài báo.",
        "en": "Reports for the {n} districts of {province} province, the province overview and the article's figures checked.",
    },
    "index_synthetic": {
        "vi": (
            "Lưu ý: dữ liệu đi kèm là dữ liệu tổng hợp (giả lập), có hình dạng như báo cáo thật của "
            "các huyện ủy và khớp với các số liệu đã công bố trong bài báo; thay bằng các sổ tính (tệp Excel) thật "
            "cùng mẫu để có báo cáo thật."
        ),
        "en": (
            "Note: the bundled data are synthetic: shaped like real district reports and consistent "
            "with the figures published in the article; real workbooks in the same layout replace them."
        ),
    },
    "index_districts": {"vi": "Huyện, thành phố", "en": "Districts"},
    "index_province": {"vi": "Toàn tỉnh", "en": "Province"},
    "province_title": {"vi": "Tổng hợp toàn tỉnh", "en": "Province overview"},
    "fact_check_title": {"vi": "Đối chiếu số liệu bài báo", "en": "The article's figures checked"},
    "district_title": {"vi": "Báo cáo {district}", "en": "Report: {district}"},
    "missing": {"vi": "(chưa dựng)", "en": "(not built yet)"},
    "lab_kernel": {
        "vi": "Đã đăng ký kernel {name!r} ({display}).",
        "en": "Registered kernel {name!r} ({display}).",
    },
}


def _t(key: str, lang: str | None = None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


# --------------------------------------------------------------------------
# Targets and stamps (light: hashlib, json, pathlib only)
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

    @property
    def stamps_dir(self) -> Path:
        return self.build_dir / ".stamps"

    @property
    def executed_dir(self) -> Path:
        return self.build_dir / "notebooks"

    @property
    def index(self) -> Path:
        return self.reports_dir / "index.html"


@dataclass(frozen=True)
class Target:
    """One notebook run: its name, notebook, parameters and outputs."""

    name: str
    title: str
    notebook: Path
    parameters: dict = field(compare=False)
    html: Path
    executed: Path
    data_files: tuple[Path, ...] = field(compare=False, default=())

    @property
    def outputs(self) -> tuple[Path, ...]:
        return (self.html, self.executed)


def resolve_district(name: str) -> str:
    """The canonical name of a district given by name or slug.

    >>> resolve_district("chiem-hoa"), resolve_district("CHIÊM HOÁ")
    ('Chiêm Hóa', 'Chiêm Hóa')
    """
    key = fold(name)
    for district in DISTRICTS:
        if key in (fold(district), fold(slug(district))) or slug(name) == slug(district):
            return district
    raise ValueError(_t("unknown_district", name=name, names=", ".join(DISTRICTS)))


def _data_files(folder: Path) -> tuple[Path, ...]:
    """Every file under ``folder`` (hidden files and lock files left out), sorted."""
    if not folder.exists():
        return ()
    if folder.is_file():
        return (folder,)
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)
    ]
    return tuple(sorted(files))


def plan(
    districts: Iterable[str] | None = None,
    *,
    lang: str | None = None,
    paths: Paths | None = None,
    boundary_year: int | None = None,
    publish: bool = False,
) -> list[Target]:
    """The targets of a build: the districts asked for, or all of them plus
    ``province`` and ``fact-check``.

    Parameters
    ----------
    districts : iterable of str, optional
        District names or slugs; ``None`` builds every district and the
        province-wide reports.
    lang : {"vi", "en"}, optional
        Language of the reports (default: the current setting).
    paths : Paths, optional
        Where to read and write (default: the project's folders).
    boundary_year : int, optional
        Show units on this year's boundaries (``None``: as reported).
    publish : bool
        Publication mode, passed to the notebooks.

    Returns
    -------
    list of Target
    """
    lang = get_lang(lang)
    paths = paths or Paths()
    every = districts is None
    chosen = list(DISTRICTS) if every else [resolve_district(d) for d in districts]
    common = {
        "lang": lang,
        "data_dir": str(paths.data_dir),
        "figures_dir": str(paths.figures_dir),
        "boundary_year": boundary_year,
        "publish": publish,
    }
    all_data = _data_files(paths.data_dir)
    reference = _data_files(config.REFERENCE_DIR)
    targets = []
    for district in chosen:
        own = paths.data_dir / slug(district)
        files = _data_files(own) if own.is_dir() else all_data
        targets.append(
            Target(
                name=slug(district),
                title=_t("district_title", lang, district=district),
                notebook=paths.notebooks_dir / DISTRICT_NOTEBOOK,
                parameters={"district": district, **common},
                html=paths.reports_dir / f"{slug(district)}.html",
                executed=paths.executed_dir / f"{slug(district)}.ipynb",
                data_files=files + reference,
            )
        )
    if every:
        for name, notebook, title in (
            ("province", PROVINCE_NOTEBOOK, "province_title"),
            ("fact-check", FACT_CHECK_NOTEBOOK, "fact_check_title"),
        ):
            targets.append(
                Target(
                    name=name,
                    title=_t(title, lang),
                    notebook=paths.notebooks_dir / notebook,
                    parameters=dict(common),
                    html=paths.reports_dir / f"{name}.html",
                    executed=paths.executed_dir / f"{name}.ipynb",
                    data_files=all_data + reference,
                )
            )
    return targets


class _Hasher:
    """File hashes, each file read once per build."""

    def __init__(self) -> None:
        self._cache: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        if path not in self._cache:
            self._cache[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        return self._cache[path]

    def files(self, paths: Iterable[Path], root: Path | None = None) -> dict[str, str]:
        out = {}
        for p in paths:
            key = p.relative_to(root).as_posix() if root is not None and p.is_relative_to(root) else str(p)
            out[key] = self.file(p)
        return out


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
    return tuple(
        sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    )


def target_inputs(target: Target, hasher: _Hasher | None = None, versions: dict | None = None) -> dict:
    """What a target's stamp records: hashes of every input, the parameters, versions."""
    hasher = hasher or _Hasher()
    package = Path(__file__).resolve().parent
    return {
        "target": target.name,
        "notebook": {target.notebook.name: hasher.file(target.notebook)},
        "parameters": target.parameters,
        "data": hasher.files(target.data_files),
        "code": hasher.files(_code_files(), package),
        "versions": versions if versions is not None else _package_versions(),
    }


def _digest(inputs: dict) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def stamp_path(target: Target, paths: Paths) -> Path:
    """``build/.stamps/<target>.json``."""
    return paths.stamps_dir / f"{target.name}.json"


def is_up_to_date(target: Target, paths: Paths, digest: str) -> bool:
    """True when the target's stamp holds ``digest`` and its outputs exist."""
    stamp = stamp_path(target, paths)
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return recorded.get("digest") == digest and all(Path(p).exists() for p in recorded.get("outputs", []))


def _write_stamp(target: Target, paths: Paths, digest: str, inputs: dict, outputs: Sequence[Path]) -> None:
    stamp = stamp_path(target, paths)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    record = {"digest": digest, "outputs": [str(p) for p in outputs], "inputs": inputs}
    tmp = stamp.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    tmp.replace(stamp)


# --------------------------------------------------------------------------
# Running notebooks (heavy imports happen only in the worker processes)
# --------------------------------------------------------------------------

_WORKER_LOG: Path | None = None


def _quiet_worker(log_dir: str) -> None:
    """Pool initializer: send this process's (and its kernels') output to a log
    file, then import papermill and nbconvert once, not once per notebook."""
    global _WORKER_LOG
    log = Path(log_dir) / f"worker-{os.getpid()}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    _WORKER_LOG = log
    # Kernels draw with the inline backend, so that figures land in the
    # executed notebook and its HTML page (a headless Agg setting would not).
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    _warm()


def _warm() -> None:
    global _EXPORTER
    import papermill  # noqa: F401
    from nbconvert import HTMLExporter

    _EXPORTER = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def execute_notebook(
    notebook: str | Path,
    output: str | Path,
    parameters: dict | None = None,
    *,
    html: str | Path | None = None,
    title: str | None = None,
    cwd: str | Path | None = None,
    timeout: int = 600,
) -> dict:
    """Run one notebook with papermill; write the executed copy and, when asked,
    an HTML page with the code hidden.

    Returns a dict with ``ok`` (bool), ``error`` (one line, or ``None``),
    ``seconds`` and the paths written.  Never raises for a failing notebook.
    """
    import papermill

    start = time.perf_counter()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    result = {"notebook": str(notebook), "executed": str(output), "html": None, "ok": True, "error": None}
    executed = None
    for attempt in range(2):
        try:
            executed = papermill.execute_notebook(
                str(notebook),
                str(output),
                parameters=parameters or {},
                kernel_name=BUILD_KERNEL,
                progress_bar=False,
                log_output=False,
                cwd=str(cwd or Path(notebook).parent),
                start_timeout=KERNEL_START_TIMEOUT,
                execution_timeout=timeout,
            )
            result["ok"], result["error"] = True, None
            break
        except Exception as exc:  # papermill's error names the failing cell
            result["ok"] = False
            lines = [line for line in str(exc).strip().splitlines() if line.strip()]
            result["error"] = _strip_ansi(lines[-1] if lines else type(exc).__name__)
            # A kernel that did not start (a busy machine, a port taken in
            # between) is worth one more try; a failing cell is not.
            if not any(word in str(exc) for word in ("Kernel didn't respond", "Kernel died")):
                break
    if result["ok"] and html is not None:
        result["html"] = str(export_html(executed if executed is not None else output, html, title=title))
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


_EXPORTER = None


def export_html(executed, html: str | Path, *, title: str | None = None) -> Path:
    """Write an executed notebook (a path or a notebook node) as an HTML page
    without its code."""
    global _EXPORTER
    import nbformat
    from nbconvert import HTMLExporter

    nb = executed if isinstance(executed, nbformat.NotebookNode) else nbformat.read(str(executed), as_version=4)
    if _EXPORTER is None:  # one per process (made by _warm in a worker)
        _EXPORTER = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = _EXPORTER.from_notebook_node(nb, resources={"metadata": {"name": title or Path(html).stem}})
    html = Path(html)
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(body, encoding="utf-8")
    return html


def _run_target(job: dict) -> dict:
    out = execute_notebook(
        job["notebook"], job["executed"], job["parameters"], html=job["html"], title=job["title"], cwd=job["cwd"]
    )
    out["name"] = job["name"]
    return out


def _ready() -> int:
    """A task that returns at once: submitting one per worker starts them all."""
    return os.getpid()


def run_jobs(
    jobs: Sequence[dict],
    *,
    workers: int = 2,
    log_dir: str | Path,
    progress: bool = True,
    desc: str = "",
    before: Callable[[], bool] | None = None,
) -> list[dict]:
    """Run notebook jobs in a pool of warm worker processes.

    Each job is a dict with ``name``, ``notebook``, ``executed``,
    ``parameters``, ``html`` (or ``None``), ``title`` and ``cwd``; the
    results come back in the jobs' order.  ``before``, when given, runs in
    this process while the workers warm up (the data check); when it returns
    False no job runs and the result is ``[]``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if not jobs:
        if before is not None:
            before()
        return []
    results: dict[int, dict] = {}
    for old in Path(log_dir).glob("worker-*.log"):  # the logs of the last run only
        old.unlink(missing_ok=True)
    ctx = multiprocessing.get_context("spawn")
    size = max(1, min(workers, len(jobs)))
    pool = ProcessPoolExecutor(max_workers=size, mp_context=ctx, initializer=_quiet_worker, initargs=(str(log_dir),))
    try:
        for _ in range(size):
            pool.submit(_ready)
        if before is not None and not before():
            return []
        from tqdm.auto import tqdm

        futures = {pool.submit(_run_target, job): i for i, job in enumerate(jobs)}
        bar = tqdm(total=len(jobs), desc=desc, unit="nb", disable=not progress, file=sys.stderr, leave=False)
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as exc:  # a worker died
                results[i] = {"name": jobs[i]["name"], "ok": False, "error": repr(exc), "executed": jobs[i]["executed"]}
            bar.update(1)
            bar.set_postfix_str(jobs[i]["name"], refresh=True)
        bar.close()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [results[i] for i in range(len(jobs))]


# --------------------------------------------------------------------------
# The index page (plain text templates: no heavy imports)
# --------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def index_html(paths: Paths, lang: str | None = None) -> str:
    """The text of ``reports/index.html``: a link to every report, and the
    note that the bundled data are synthetic."""
    lang = get_lang(lang)
    reports = paths.reports_dir

    def item(file: str, label: str) -> str:
        exists = (reports / file).exists()
        link = f'<a href="{_escape(file)}">{_escape(label)}</a>'
        return f"    <li>{link}{'' if exists else ' ' + _escape(_t('missing', lang))}</li>"

    districts = "\n".join(item(f"{slug(d)}.html", d) for d in DISTRICTS)
    province = "\n".join(
        [
            item("province.html", _t("province_title", lang)),
            item("fact-check.html", _t("fact_check_title", lang)),
        ]
    )
    title = _escape(_t("index_title", lang))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{title} – {_escape(config.PROVINCE)}</title>
  <style>
    body {{ font-family: "Be Vietnam Pro", "DejaVu Sans", sans-serif; max-width: 42em; margin: 2em auto; line-height: 1.5; }}
    .note {{ background: #fff6d5; border-left: 4px solid #c9a227; padding: 0.6em 1em; }}
  </style>
</head>
<body>
  <h1>{title} – {_escape(config.PROVINCE)}</h1>
  <p>{_escape(_t("index_intro", lang, n=len(DISTRICTS), province=config.PROVINCE))}</p>
  <p class="note">{_escape(_t("index_synthetic", lang))}</p>
  <h2>{_escape(_t("index_districts", lang))}</h2>
  <ul>
{districts}
  </ul>
  <h2>{_escape(_t("index_province", lang))}</h2>
  <ul>
{province}
  </ul>
</body>
</html>
"""


def write_index(paths: Paths, lang: str | None = None) -> bool:
    """Write ``reports/index.html`` if its text changed; True when written."""
    text = index_html(paths, lang)
    index = paths.index
    if index.exists() and index.read_text(encoding="utf-8") == text:
        return False
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(text, encoding="utf-8")
    return True


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

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def check_data(data_dir: Path, *, lang: str | None = None, echo: Callable[[str], None] = print) -> tuple[int, int, int]:
    """Read every workbook under ``data_dir`` and print its problems.

    Returns ``(sheets read, errors, warnings)``.
    """
    from .read import read_reports

    reports = read_reports(data_dir)
    problems = list(reports.problems)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for p in errors + warnings:
        echo(f"  {p}")
    sheets = int((reports.sheets["status"] == "read").sum())
    return sheets, len(errors), len(warnings)


def build(
    districts: Iterable[str] | None = None,
    *,
    lang: str | None = None,
    workers: int = 2,
    force: bool = False,
    data_dir: str | Path | None = None,
    reports_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
    build_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    boundary_year: int | None = None,
    publish: bool = False,
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> BuildResult:
    """Check the data and run the out-of-date notebooks; see the module docs.

    Parameters
    ----------
    districts : iterable of str, optional
        Build only these districts (names or slugs); default: every district,
        the province overview and the fact-check.
    lang : {"vi", "en"}, optional
        Language of the reports and messages.
    workers : int
        Worker processes running notebooks side by side.
    force : bool
        Rebuild every target even when its stamp is current.
    data_dir, reports_dir, figures_dir, build_dir, notebooks_dir : path, optional
        Where to read and write (default: the project's folders).
    boundary_year : int, optional
        Show units on this year's boundaries (``None``: as reported).
    publish : bool
        Publication mode, passed to the notebooks.
    progress : bool
        Show a progress bar.
    echo : callable
        Where messages go (default: ``print``).

    Returns
    -------
    BuildResult
    """
    start = time.perf_counter()
    lang = get_lang(lang)
    paths = Paths.make(
        data_dir=data_dir,
        reports_dir=reports_dir,
        figures_dir=figures_dir,
        build_dir=build_dir,
        notebooks_dir=notebooks_dir,
    )
    result = BuildResult()
    if not paths.data_dir.exists():
        echo(_t("no_data", lang, path=paths.data_dir))
        result.errors = 1
        return result
    targets = plan(districts, lang=lang, paths=paths, boundary_year=boundary_year, publish=publish)
    hasher, versions = _Hasher(), _package_versions()
    inputs = {t.name: target_inputs(t, hasher, versions) for t in targets}
    digests = {name: _digest(i) for name, i in inputs.items()}
    stale = [t for t in targets if force or not is_up_to_date(t, paths, digests[t.name])]
    result.skipped = [t.name for t in targets if t not in stale]
    if not stale:
        write_index(paths, lang)
        echo(_t("up_to_date", lang, n=len(targets), where=paths.stamps_dir))
        result.seconds = time.perf_counter() - start
        return result

    def check() -> bool:
        echo(_t("checking", lang, path=paths.data_dir))
        sheets, result.errors, result.warnings = check_data(paths.data_dir, lang=lang, echo=echo)
        echo(_t("check_ok", lang, sheets=sheets, errors=result.errors, warnings=result.warnings))
        if result.errors:
            echo(_t("check_failed", lang, errors=result.errors))
            return False
        echo(_t("stale", lang, n=len(stale), total=len(targets), names=", ".join(t.name for t in stale)))
        return True

    # The longest notebooks first, the short fact-check last: the two
    # workers then finish at about the same time.
    order = sorted(stale, key=lambda t: {"province": 0, "fact-check": 2}.get(t.name, 1))
    jobs = [
        {
            "name": t.name,
            "notebook": str(t.notebook),
            "executed": str(t.executed),
            "parameters": t.parameters,
            "html": str(t.html),
            "title": t.title,
            "cwd": str(paths.notebooks_dir),
        }
        for t in order
    ]
    outcomes = run_jobs(
        jobs,
        workers=workers,
        log_dir=paths.build_dir / "logs",
        progress=progress,
        desc=_t("progress", lang),
        before=check,
    )
    if not outcomes:  # the data check stopped the build
        result.seconds = time.perf_counter() - start
        return result
    outcomes = {o["name"]: o for o in outcomes}
    outcomes = [outcomes[t.name] for t in stale]
    for target, outcome in zip(stale, outcomes):
        if outcome["ok"]:
            _write_stamp(target, paths, digests[target.name], inputs[target.name], target.outputs)
            result.built.append(target.name)
        else:
            stamp_path(target, paths).unlink(missing_ok=True)
            result.failed.append(outcome)
            echo(_t("failed", lang, name=target.name, error=outcome["error"], executed=outcome["executed"]))
    write_index(paths, lang)
    result.seconds = time.perf_counter() - start
    if not result.failed:
        echo(_t("done", lang, n=len(result.built), seconds=f"{result.seconds:.1f}", index=paths.index))
    return result


def cli(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers build``: see :func:`build`."""
    from ._cli import make_parser, parse

    parser = make_parser("build", "Check the data, run the notebooks, write reports/ and figures/.")
    parser.add_argument("--district", action="append", metavar="NAME", help="build only this district (repeatable)")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="notebooks run side by side (default 2)")
    parser.add_argument("--force", action="store_true", help="rebuild everything, even what is up to date")
    parser.add_argument("--data", metavar="DIR", help="the workbooks (default data/raw)")
    parser.add_argument("--reports-dir", metavar="DIR", help="where the HTML reports go (default reports/)")
    parser.add_argument("--figures-dir", metavar="DIR", help="where the figures go (default figures/)")
    parser.add_argument("--build-dir", metavar="DIR", help="executed notebooks, stamps, logs (default build/)")
    parser.add_argument("--boundary-year", type=int, metavar="YEAR", help="show units on this year's boundaries")
    parser.add_argument("--publish", action="store_true", help="publication mode (small counts suppressed)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parse(parser, argv)
    try:
        result = build(
            args.district,
            lang=args.lang,
            workers=args.workers,
            force=args.force,
            data_dir=args.data,
            reports_dir=args.reports_dir,
            figures_dir=args.figures_dir,
            build_dir=args.build_dir,
            boundary_year=args.boundary_year,
            publish=args.publish,
            progress=not args.no_progress,
        )
    except ValueError as exc:  # an unknown district
        print(exc, file=sys.stderr)
        return 2
    return result.exit_code


# --------------------------------------------------------------------------
# JupyterLab
# --------------------------------------------------------------------------

#: JupyterLab's setting for its display language.
_LOCALE_PLUGIN = "@jupyterlab/translation-extension:plugin"
_LOCALES = {"vi": "vi_VN", "en": "en"}


def install_kernel(lang: str | None = None, prefix: str | None = None) -> Path:
    """Register this environment's Python as the kernel ``party-stats``
    (``ipykernel install --sys-prefix``); returns the kernelspec folder."""
    from ipykernel.kernelspec import install

    lang = get_lang(lang)
    where = install(
        kernel_name=LAB_KERNEL,
        display_name=LAB_KERNEL_DISPLAY[lang],
        prefix=prefix or sys.prefix,
    )
    return Path(where)


def lab_settings_override(lang: str | None = None, prefix: str | None = None) -> Path:
    """Make ``lang`` JupyterLab's default display language for this
    environment (a settings override in ``share/jupyter/lab/settings/overrides.d``).

    A language chosen in the lab's own Settings → Language menu still wins.
    """
    lang = get_lang(lang)
    folder = Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{LAB_KERNEL}.json"
    text = json.dumps({_LOCALE_PLUGIN: {"locale": _LOCALES[lang]}}, indent=2) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def lab_cli(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers lab``: register the kernel, set the lab's language,
    start JupyterLab on ``notebooks/``.  Arguments after the known ones go to
    JupyterLab (``--port``, ``--no-browser``, ``--IdentityProvider.token=…``)."""
    from ._cli import make_parser

    parser = make_parser("lab", "Start JupyterLab on notebooks/ with the project's kernel.")
    parser.add_argument("--notebooks", metavar="DIR", default=str(config.NOTEBOOKS_DIR), help="folder to open")
    args, rest = parser.parse_known_args(argv)
    from .i18n import set_lang

    set_lang(args.lang)
    install_kernel(args.lang)
    print(_t("lab_kernel", args.lang, name=LAB_KERNEL, display=LAB_KERNEL_DISPLAY[args.lang]), flush=True)
    lab_settings_override(args.lang)
    from jupyterlab.labapp import LabApp

    extra = [f"--ServerApp.root_dir={Path(args.notebooks).resolve()}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in rest:
        extra.append("--allow-root")  # containers and CI machines run as root
    LabApp.launch_instance(argv=[*extra, *rest])
    return 0
