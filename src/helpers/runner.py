"""Running report notebooks in a pool of warm worker processes, and writing what each one makes.

Each job runs one notebook with papermill and writes, from the same
executed notebook, the HTML page (:func:`helpers.pages.notebook_page`)
and, for a district report, the Word report (:func:`write_word_report`);
the executed notebook is written once, when it has run.  A job with
``render`` (a commune's report) runs no notebook: the worker writes its
page and Word report from the package (:func:`helpers.docpage.render_commune`).
Workers import papermill once and keep one warm kernel each
(:class:`WarmKernel`): the notebooks a worker runs share that kernel, its
namespace cleared between them, so that pandas, matplotlib and the data are
loaded once per worker rather than once per report.  Their output and their
kernels' go to a log file, never to the terminal.  Heavy imports happen
only in the workers.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

#: The kernel the build runs notebooks with: the running environment's own
#: Python, which ipykernel always provides (the notebooks name ``party-stats``,
#: the same Python once ``python -m helpers lab`` has registered it).
BUILD_KERNEL = "python3"

#: Seconds a kernel may take to start (a busy machine is slow to start one).
KERNEL_START_TIMEOUT = 180

_WORKER_LOG: Path | None = None


def _quiet_worker(log_dir: str) -> None:
    """Pool initializer: send this process's (and its kernels') output to a log
    file, then import papermill once, not once per notebook."""
    global _WORKER_LOG
    log = Path(log_dir) / f"worker-{os.getpid()}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    _WORKER_LOG = log
    _exit_with_parent(os.getppid())
    # Kernels draw with the inline backend, so that figures land in the
    # executed notebook and its HTML page (a headless Agg setting would not).
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    _without_format_checkers()
    import papermill  # noqa: F401

    settle_gc()


#: The collector's thresholds in a build's workers and kernels (Python's default: 700, 10, 10).
GC_THRESHOLDS = (10_000, 10, 10)


def settle_gc() -> None:
    """In a build's worker or kernel, once its modules are imported: leave them out of the collector's
    passes (:func:`gc.freeze`) and collect the youngest objects less often (:data:`GC_THRESHOLDS`).

    Drawing a figure makes many short-lived objects (matplotlib's transforms
    and artists): with the default thresholds the collector ran about 20
    times per report figure, going through the pandas and matplotlib
    modules each time it reached the oldest generation (about a tenth of a
    figure's time).  Garbage is still collected, in fewer passes.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """Leave this worker when the build that started it is gone (killed, say): an orphaned worker
    would otherwise wait for work for ever.  Its kernel notices that its own parent is gone and
    stops too (ipykernel's parent poller)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


#: The string-format checkers jsonschema loads when they are installed (JupyterLab's ``jupyter-events``
#: asks for them), none of which a notebook's schema uses: ``rfc3987_syntax`` builds a grammar (about
#: 3 s of CPU), the others cost about a tenth of a second together.
FORMAT_CHECKERS = ("rfc3987_syntax", "rfc3986_validator", "rfc3339_validator", "isoduration", "uri_template",
                   "webcolors", "jsonpointer", "fqdn")  # fmt: skip


def _without_format_checkers() -> None:
    """Keep jsonschema from loading :data:`FORMAT_CHECKERS` in this process.

    papermill imports nbformat, nbformat imports jsonschema, and jsonschema
    loads each of those packages that is installed, to check a string
    format ("iri", "uri", "date-time", "duration" …).  No notebook schema
    has such a field, so nothing the build checks changes.
    """
    import sys

    for name in FORMAT_CHECKERS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None: "not installed"


#: What a report kernel runs once started, before its first notebook: the modules every report
#: imports, the report theme's fonts registered (about 3 s of the first notebook otherwise), then
#: :func:`settle_gc`.  Its names are cleared afterwards.
WARM_UP = (
    "import importlib as _i\n"
    "for _m in ('helpers.report', 'helpers.figures', 'helpers.word', 'matplotlib.pyplot'): _i.import_module(_m)\n"
    "from helpers.theme import report_theme as _t\n"
    "with _t(): pass\n"
    "from helpers.runner import settle_gc as _g\n"
    "_g()\n"
)


class WarmKernel:
    """One kernel kept running for the notebooks of a process, started on first use.

    :meth:`manager` gives the running kernel's manager (papermill runs a
    notebook on it without starting or stopping it); :meth:`clear` empties
    its namespace between notebooks (modules stay imported, caches warm);
    :meth:`discard` shuts it down (a kernel that died or timed out is
    replaced by a fresh one on next use).
    """

    def __init__(self, kernel_name: str = BUILD_KERNEL):
        self.kernel_name = kernel_name
        self._km = None
        self._kc = None
        self._cwd: str | None = None

    def manager(self, cwd: str | Path):
        """The running kernel's manager, started in ``cwd`` (and warmed up: :data:`WARM_UP`) if there is
        none (or it died)."""
        cwd = str(cwd)
        if self._km is not None and (self._cwd != cwd or not self._km.is_alive()):
            self.discard()
        if self._km is None:
            self._km, self._cwd = self._start(cwd), cwd
            if self.run(WARM_UP) is None:  # a kernel that cannot warm up still runs the notebook, which says why
                self.clear()
            if self._km is None:  # lost while warming up: a fresh one, as it starts
                self._km, self._cwd = self._start(cwd), cwd
        return self._km

    def connected(self, cwd: str | Path):
        """:meth:`manager`, for papermill: its client is this kernel's own, connected once
        (:meth:`_client`), instead of a new one for each notebook."""
        km = self.manager(cwd)
        return _Connected(km, self._client())

    def _client(self):
        """The running kernel's client, connected once: a client newly connected waits for the
        kernel's output channel (about 0.2 s, three times per notebook otherwise)."""
        if self._kc is None:
            kc = self._km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=60)
            except Exception:
                kc.stop_channels()
                raise
            self._kc = kc
        return self._kc

    def _start(self, cwd: str):
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name=self.kernel_name)
        km.start_kernel(cwd=cwd, env=_kernel_env(), extra_arguments=list(KERNEL_ARGUMENTS))
        return km

    def run(self, code: str, timeout: float = 600, *, printed: list[str] | None = None) -> str | None:
        """Run ``code`` in the running kernel: ``None`` when it ran, else why not (one line); what it
        prints is added to ``printed`` when given.  A kernel that does not answer is shut down (a fresh
        one is started on next use).  Every call goes through the kernel's one client: another
        client of the same manager shares its identity, and the kernel answers one of them only."""
        if self._km is None:
            return "no kernel"

        def hook(msg) -> None:
            if printed is not None and msg["msg_type"] == "stream":
                printed.append(msg["content"].get("text", ""))

        try:
            reply = self._client().execute_interactive(code, timeout=timeout, output_hook=hook)
            content = reply["content"]
            if content.get("status") == "ok":
                return None
            return f"{content.get('ename', 'Error')}: {content.get('evalue', '')}"
        except Exception as exc:  # a kernel that does not answer is not reused
            self.discard()
            return f"{type(exc).__name__}: {exc}"

    def clear(self, timeout: float = 60) -> None:
        """Forget every name the last notebook defined (:func:`reset_namespace`)."""
        if self._km is not None and self.run("from helpers.runner import reset_namespace as _reset; _reset()", timeout):
            self.discard()

    def discard(self) -> None:
        """Shut the kernel down, if there is one."""
        km, self._km = self._km, None
        kc, self._kc = self._kc, None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                km.shutdown_kernel(now=True)
            except Exception:  # already gone
                pass


class _Connected:
    """A kernel manager as papermill uses it, whose client is one already connected (``kc``):
    papermill starts, waits for and leaves that client as if it were its own, and changes nothing."""

    def __init__(self, km, kc):
        self._km, self._kc = km, kc

    def __getattr__(self, name: str):
        return getattr(self._km, name)

    def client(self, **_kwargs):
        return _ConnectedClient(self._kc)


class _ConnectedClient:
    """A kernel client already connected: starting, waiting for and stopping its channels do nothing."""

    def __init__(self, kc):
        object.__setattr__(self, "_kc", kc)

    def __getattr__(self, name: str):
        return getattr(self._kc, name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._kc, name, value)

    def start_channels(self, *_args, **_kwargs) -> None:
        return None

    def wait_for_ready(self, *_args, **_kwargs) -> None:
        return None

    def stop_channels(self) -> None:
        return None


def reset_namespace() -> None:
    """In a report kernel: forget every name the notebook defined and its outputs (``%reset -f``), without
    the two full garbage collections that come with it (a quarter of a second each once pandas and
    matplotlib are loaded); the collector still runs on its own thresholds."""
    import gc

    from IPython import get_ipython

    collect = gc.collect
    gc.collect = lambda generation=2: 0
    try:
        get_ipython().run_line_magic("reset", "-f")
    finally:
        gc.collect = collect


#: The report kernels' options: no input history (IPython would write every cell to its history database:
#: about 0.5 s per report notebook, for a history no one reads back).
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)


def _kernel_env() -> dict[str, str]:
    """The environment of a report kernel: the inline backend, so that figures
    land in the executed notebook and its page (a headless Agg setting would
    not), and no debugger warnings about frozen modules."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


_LOCAL = threading.local()


def warm_kernel() -> WarmKernel:
    """This thread's warm kernel: each pool worker, and each thread of a Dask worker, has its own."""
    if getattr(_LOCAL, "kernel", None) is None:
        _LOCAL.kernel = WarmKernel()
        from multiprocessing.util import Finalize

        Finalize(_LOCAL.kernel, _LOCAL.kernel.discard, exitpriority=10)  # the kernel goes with the process
    return _LOCAL.kernel


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def execute_notebook(
    notebook: str | Path | dict,
    output: str | Path,
    parameters: dict | None = None,
    *,
    cwd: str | Path | None = None,
    timeout: int = 600,
    kernel: WarmKernel | None = None,
    then: str | None = None,
) -> tuple[dict, object]:
    """Run one notebook (a path, or a notebook as JSON) with papermill; write the executed copy.

    With ``kernel`` the notebook runs in that warm kernel (started if
    needed, its namespace cleared afterwards); otherwise in a kernel of its
    own.  ``then`` is code run in the warm kernel after the notebook ran,
    with the notebook's names still defined.  Returns ``(result, executed
    notebook)``; ``result`` has ``ok``, ``error`` (one line, or ``None``),
    ``executed`` and, with ``then``, ``then`` (``None`` when it ran, else
    why not).  Never raises for a failing notebook.
    """
    import nbformat
    import papermill

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    where = Path(cwd) if cwd else (Path.cwd() if isinstance(notebook, dict) else Path(notebook).parent)
    result = {"executed": str(output), "ok": True, "error": None}
    executed = None
    for _attempt in range(2):
        warm = {"km": kernel.connected(where)} if kernel is not None else {}
        try:
            executed = papermill.execute_notebook(
                nbformat.from_dict(notebook) if isinstance(notebook, dict) else str(notebook),
                str(output),
                parameters=parameters or {},
                kernel_name=BUILD_KERNEL,
                progress_bar=False,
                log_output=False,
                cwd=str(where),
                start_timeout=KERNEL_START_TIMEOUT,
                execution_timeout=timeout,
                # written once at the end (or at a failing cell), not twice per cell:
                # rewriting the growing notebook, its images included, cost more
                # than running most of its cells
                request_save_on_cell_execute=False,
                **warm,
            )
            result["ok"], result["error"] = True, None
            if then is not None and kernel is not None:
                result["then"] = kernel.run(then, timeout)
            break
        except Exception as exc:  # papermill's error names the failing cell
            result["ok"] = False
            lines = [line for line in str(exc).strip().splitlines() if line.strip()]
            result["error"] = _strip_ansi(lines[-1] if lines else type(exc).__name__)
            # A kernel that did not start (a busy machine, a port taken in
            # between) is worth one more try; a failing cell is not.
            lost = any(word in str(exc) for word in ("Kernel didn't respond", "Kernel died", "Timeout"))
            if kernel is not None and lost:
                kernel.discard()
            if not lost or "Timeout" in str(exc):
                break
        finally:
            if kernel is not None:
                kernel.clear()
    return result, executed


def write_word_report(parameters: dict, notebook: dict, path: str | Path, source: str | None = None) -> Path:
    """Write a district's Word report (``reports/<lang>/<district>.docx``), a commune's, or a province overview's.

    The one place the build writes Word: the district's
    :class:`helpers.document.ReportDocument` (:func:`helpers.report.district_document`,
    with the prose of the district notebook in the report's language)
    through :func:`helpers.word.write_docx`.  ``source`` is the report
    notebook's file name (default: ``notebook``'s, when it is a path).
    """
    from .report import report_context
    from .word import write_docx

    from .build import NEW_PROVINCE_NOTEBOOK

    if (source or Path(str(notebook)).name) == NEW_PROVINCE_NOTEBOOK:
        from .province2025 import province_context

        ctx = province_context(lang=parameters["lang"], data_dir=parameters.get("data_dir"), figures_dir=parameters.get("figures_dir"),
                               figure_formats=parameters.get("figure_formats"))  # fmt: skip
        return word_report(ctx, notebook, path, source=NEW_PROVINCE_NOTEBOOK)
    if parameters.get("commune"):
        from .commune import commune_context, commune_document

        ctx = commune_context(parameters["commune"], lang=parameters["lang"], data_dir=parameters.get("data_dir"),
                              figures_dir=parameters.get("figures_dir"), figure_formats=parameters.get("figure_formats"))  # fmt: skip
        return Path(write_docx(commune_document(ctx), Path(path)))
    ctx = report_context(
        parameters.get("district"),
        lang=parameters["lang"],
        data_dir=parameters.get("data_dir"),
        boundary_year=parameters.get("boundary_year"),
        figures_dir=parameters.get("figures_dir"),
        publish=parameters.get("publish", False),
        figure_formats=parameters.get("figure_formats"),
    )
    return word_report(ctx, notebook, path, source=source)


def word_report(ctx, notebook: dict | str | Path, path: str | Path, *, source: str | None = None) -> Path:
    """Write the Word report of a report's context: a district's or the districts' overview
    (:class:`helpers.report.ReportContext`, with the prose of ``notebook``), or the new province's
    (``source`` the new province's notebook).  Run in the report's kernel after its notebook, it uses
    the notebook's ``ctx``: its readings and figures are not worked out again."""
    from .build import NEW_PROVINCE_NOTEBOOK
    from .word import write_docx

    if source == NEW_PROVINCE_NOTEBOOK:
        from .province2025 import province_document as new_province_document

        return Path(write_docx(new_province_document(ctx), Path(path)))
    from .report import district_document, province_document

    document = district_document if ctx.district is not None else province_document
    return Path(write_docx(document(ctx, notebook), Path(path)))


def _render_target(job: dict) -> dict:
    """A report written from the package (``job["render"]``, a commune's): its page and Word report, no kernel."""
    from .docpage import render_commune

    start = time.perf_counter()
    out = {"name": job["name"], "ok": True, "error": None, "executed": None, "html": None, "docx": None}
    try:
        out.update(render_commune(job["parameters"], html_path=job["html"], docx_path=job.get("docx"), title=job["title"],
                                  nav=job.get("nav", ()), notebook=job.get("notebook")))  # fmt: skip
    except Exception as exc:  # a report that fails fails its target, with its reason
        out["ok"], out["error"] = False, f"{type(exc).__name__}: {exc}"
    out["seconds"] = round(time.perf_counter() - start, 2)
    return out


def _run_target(job: dict) -> dict:
    """One job: run the notebook, write its page and (district reports) its Word report;
    or, for a report written from the package, :func:`_render_target`."""
    import json

    from .pages import notebook_page, write_page

    if job.get("render"):
        return _render_target(job)
    start = time.perf_counter()
    kernel = warm_kernel() if job.get("warm", True) else None
    # The Word report is written in the report's kernel, from the notebook's ctx, when it can be
    # (its readings and figures are there already); in this process otherwise.
    then = (f"from helpers.runner import word_report as _word; _word(ctx, {job['executed']!r}, {job['docx']!r}, "
            f"source={job.get('source')!r})") if job.get("docx") and job.get("html") and kernel is not None else None  # fmt: skip
    out, executed = execute_notebook(job["notebook"], job["executed"], job["parameters"], cwd=job["cwd"], kernel=kernel, then=then)
    in_kernel = then is not None and out.pop("then", "not run") is None
    out.update(name=job["name"], html=None, docx=None)
    if out["ok"] and job.get("html"):
        nb = executed if executed is not None else json.loads(Path(job["executed"]).read_text(encoding="utf-8"))
        text = notebook_page(nb, lang=job["parameters"]["lang"], title=job["title"], nav=job.get("nav", ()))
        write_page(text, job["html"])
        out["html"] = job["html"]
        if job.get("docx") and in_kernel:
            out["docx"], out["word"] = job["docx"], "kernel"
        elif job.get("docx"):
            out["word"] = "worker"
            try:
                written = write_word_report(job["parameters"], job["notebook"], job["docx"], source=job.get("source"))
            except Exception as exc:  # a Word report that fails fails the target, with its reason
                out["ok"], out["error"] = False, f"Word: {type(exc).__name__}: {exc}"
                written = None
            out["docx"] = str(written) if written else None
    out["seconds"] = round(time.perf_counter() - start, 2)
    return out


def _ready(cwd: str | None = None) -> int:
    """A task that starts a worker: submitting one per worker starts them all.  With ``cwd`` the
    worker's kernel is started there too (and warmed up: :data:`WARM_UP`), so that the first
    notebook finds it ready."""
    if cwd is not None:
        warm_kernel().manager(cwd)
    return os.getpid()


class WorkerPool:
    """The build's pool of warm workers, started when :meth:`start` is first called.

    A build starts it before reading the data it has not read before, so
    that the workers and their kernels start (:func:`_ready`) while this
    process reads; :func:`run_jobs` starts it otherwise.  ``cwd`` is where
    the kernels run the notebooks (without it the kernels start with the
    first job).  A context manager: the workers stop at the end of the block.
    """

    def __init__(self, workers: int, log_dir: str | Path, cwd: str | Path | None = None):
        self.workers, self.log_dir = max(1, workers), Path(log_dir)
        self.cwd = str(cwd) if cwd is not None else None
        self._executor = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    def start(self, jobs: int | None = None):
        """The running pool (started now if it is not yet: ``jobs`` workers at most); its executor."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self._executor is None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            for old in self.log_dir.glob("worker-*.log"):  # the logs of the last run only
                old.unlink(missing_ok=True)
            size = min(self.workers, jobs) if jobs else self.workers
            self._executor = ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_quiet_worker, initargs=(str(self.log_dir),))  # fmt: skip
            for _ in range(size):
                self._executor.submit(_ready, self.cwd)
        return self._executor

    def close(self) -> None:
        """Stop the workers (and their kernels); jobs not started are cancelled."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _collect(futures: dict, jobs: Sequence[dict], as_completed, progress: bool, desc: str) -> list[dict]:
    """The results of ``futures`` (future → job index) in the jobs' order, a progress bar meanwhile."""
    from tqdm.auto import tqdm

    results: dict[int, dict] = {}
    bar = tqdm(total=len(jobs), desc=desc, disable=not progress, file=sys.stderr, leave=False,
               bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]")  # no rate: no unit word in either language
    for future in as_completed(futures):
        i = futures[future]
        try:
            results[i] = future.result()
        except Exception as exc:  # a worker died
            results[i] = {"name": jobs[i]["name"], "ok": False, "error": repr(exc), "executed": jobs[i]["executed"]}
        bar.update(1)
        bar.set_postfix_str(jobs[i]["name"], refresh=True)
    bar.close()
    return [results[i] for i in range(len(jobs))]


def _run_on_cluster(jobs: Sequence[dict], scheduler: str, before, progress: bool, desc: str) -> list[dict]:
    """The jobs as tasks of the Dask cluster whose scheduler is at ``scheduler``.

    The same task as in the local pool (:func:`_run_target`), so the same
    outputs; each Dask worker thread keeps its own warm kernel.  The workers
    write to the paths in the jobs: they share the build's file system.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError("build --scheduler needs Dask: pip install 'helpers[cluster]'") from exc
    with Client(scheduler, timeout=30) as client:
        if before is not None and not before():
            return []
        futures = {client.submit(_run_target, job, key=f"report-{i}-{job['name']}", pure=False): i
                   for i, job in enumerate(jobs)}  # fmt: skip
        return _collect(futures, jobs, as_completed, progress, desc)


def run_jobs(
    jobs: Sequence[dict],
    *,
    workers: int = 2,
    log_dir: str | Path,
    progress: bool = True,
    desc: str = "",
    before: Callable[[], bool] | None = None,
    scheduler: str | None = None,
    pool: WorkerPool | None = None,
) -> list[dict]:
    """Run notebook jobs in a pool of warm worker processes, or on a Dask cluster.

    Each job is a dict with ``name``, ``notebook`` (path or JSON),
    ``executed``, ``parameters``, ``html``, ``title``, ``cwd`` and
    optionally ``nav`` and ``docx``; the results come back in the jobs'
    order.  ``before``, when given, runs in this process while the workers
    warm up (the data check); when it returns False no job runs and the
    result is ``[]``.  With ``scheduler`` (a Dask scheduler's address,
    ``tcp://host:8786``) the jobs run on that cluster instead of a local
    pool (``workers`` is then the cluster's business).  ``pool``, a
    :class:`WorkerPool` the caller may have started already, runs the jobs
    and is left running (the caller closes it); without it a pool of
    ``workers`` is started here and stopped at the end.
    """
    from concurrent.futures import as_completed

    if not jobs:
        if before is not None:
            before()
        return []
    if scheduler:
        return _run_on_cluster(jobs, scheduler, before, progress, desc)
    own = pool is None
    pool = WorkerPool(workers, log_dir) if own else pool
    try:
        executor = pool.start(len(jobs))
        if before is not None and not before():
            return []
        futures = {executor.submit(_run_target, job): i for i, job in enumerate(jobs)}
        return _collect(futures, jobs, as_completed, progress, desc)
    finally:
        if own:
            pool.close()
