"""Reading many files: serially or in a process pool, through the cache, in a fixed order.

Each file is read on its own (:func:`helpers.read.engine.read_file`), so
the results are the same whatever the order, the process or the cache
they come from; :func:`read_all` returns them in the order the files were
found.  A folder of many files is read in a pool of processes (``jobs``;
by default one per core); a few files are read in this process, with no
pool to start.
"""

from __future__ import annotations

import os
from pathlib import Path

from .engine import FileResult, Options, read_file
from .files import find_workbooks
from .repeats import find_repeats

#: Fewer files than this are read in this process.
POOL_MIN_FILES = 32


def _read_batch(batch: list[tuple[str, str]], options: Options) -> list[FileResult]:
    return [read_file(Path(path), display, options) for path, display in batch]


def _cached_batch(batch: list[tuple[str, str]], options: Options, cache_dir: str | None) -> list[FileResult]:
    from .cache import Cache

    cache = Cache(cache_dir)
    out = []
    for path, display in batch:
        got = cache.get(Path(path), display, options)
        if got is None:
            got = read_file(Path(path), display, options)
            cache.put(Path(path), display, options, got)
        out.append(got)
    return out


def default_jobs() -> int:
    """The number of processes a large folder is read with: the machine's cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read_all(paths, options: Options, *, jobs: int | None = None, cache: bool | str | Path = False) -> list[FileResult]:
    """Read every file at ``paths``; one :class:`FileResult` a file, in reading order.

    ``cache``: False (none), True (the user's cache folder) or a folder.
    """
    files = [(str(p), display) for p, display, _exists in find_workbooks(paths)]
    cache_dir = None if cache is False else (None if cache is True else str(cache))
    work = _cached_batch if cache is not False else _read_batch
    extra = (cache_dir,) if cache is not False else ()
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    if jobs == 1 or len(files) < POOL_MIN_FILES:
        results = work(files, options, *extra)
    else:
        results = _pooled(work, files, options, extra, jobs)
    find_repeats(results, [Path(p) for p, _display in files])
    return results


def _warm() -> None:
    """Load what every file's reading needs once, before the workers are forked from this process."""
    from ..units.registry import registry

    registry()


def _pooled(work, files, options, extra, jobs: int) -> list[FileResult]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # small batches, many more than workers: an even share of the work whatever the files' sizes
    size = max(1, min(64, len(files) // (jobs * 8) or 1))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    import threading

    # fork is quick, but only safe in a process running one thread (not in a notebook's kernel)
    methods = mp.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else ("forkserver" if "forkserver" in methods else "spawn")
    if method == "fork":
        _warm()  # inherited by every worker
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context(method)) as pool:
        futures = [pool.submit(work, batch, options, *extra) for batch in batches]
        return [res for f in futures for res in f.result()]
