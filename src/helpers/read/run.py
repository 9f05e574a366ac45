"""Reading many files: from the cache, serially or in a process pool, in a fixed order.

Each file is read on its own (:func:`helpers.read.engine.read_file`), so
the results are the same whatever the order, the process or the cache
they come from; :func:`read_all` returns them in the order the files were
found.  The files the cache holds are taken from it here; the others are
read, in a pool of processes for many files (``jobs``; by default one per
core), and their readings stored in the cache by the process that read
them.  A few files are read in this process, with no pool to start.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path

from .result import FileResult, Options
from .files import workbook_paths
from .repeats import find_repeats

#: Fewer files than this are read in this process.
POOL_MIN_FILES = 32

#: Fewer files than this are read in this process when the pool's workers cannot be forked from it
#: (another thread runs here: a notebook's kernel, a build whose workers are starting): each such
#: worker imports the reader again, about a second of CPU, more than reading a few dozen files.
SPAWN_POOL_MIN_FILES = 200


def _read_batch(batch: list[tuple[str, str, str | None]], options: Options, cache_dir: str | None = None,
                use_cache: bool = False) -> list[FileResult]:
    """Read files (``(path, display, cache key)``); with ``use_cache``, store each reading in the cache too."""
    from .engine import read_file

    cache = None
    if use_cache:
        from .cache import Cache

        cache = Cache(cache_dir)
    out = []
    for path, display, key in batch:
        res = read_file(Path(path), display, options)
        if cache is not None and key is not None:
            cache.store(key, options, res)
        out.append(res)
    return out


def default_jobs() -> int:
    """The number of processes a large folder is read with: the machine's cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _daemonic() -> bool:
    """Whether this process may not start processes of its own (a pool's or a cluster's worker): it reads in-process."""
    import multiprocessing as mp

    return bool(mp.current_process().daemon)


def read_all(paths, options: Options, *, jobs: int | None = None, cache: bool | str | Path = False) -> list[FileResult]:
    """Read every file at ``paths``; one :class:`FileResult` a file, in reading order.

    ``cache``: False (none), True (the user's cache folder) or a folder.
    """
    if not isinstance(paths, (str, os.PathLike)):
        paths = list(paths)  # looked at twice: by the file search and by the cache
    files = [(p, display) for p, display, _exists in workbook_paths(paths)]
    use_cache = cache is not False
    cache_dir = None if cache is True or cache is False else str(cache)
    results: list[FileResult | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    whole = False  # all the summaries came from one batch entry
    if use_cache:
        from .cache import Cache

        store = Cache(cache_dir)
        with paused_gc():
            keys = store.keys(files, options, [paths] if isinstance(paths, (str, os.PathLike)) else paths)
            results, whole = store.load_all(keys, options)
    todo = [i for i, res in enumerate(results) if res is None]
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    batch = [(*files[i], keys[i]) for i in todo]
    if not batch:
        read = []
    elif jobs == 1 or len(batch) < (POOL_MIN_FILES if _start_method() == "fork" else SPAWN_POOL_MIN_FILES) or _daemonic():
        read = _read_batch(batch, options, cache_dir, use_cache)
    else:
        read = _pooled(batch, options, (cache_dir, use_cache), jobs)
    for i, res in zip(todo, read):
        results[i] = res
    if use_cache and not whole:
        store.store_all(keys, results)  # before the repeats change them
    where = [p for p, _display in files]
    with paused_gc():
        find_repeats(results, where)
    if any(getattr(res, "forms", ()) for res in results):
        from .formchecks import cross_check

        cross_check(results, where)
    return results


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection in the block: loading or merging many small objects, none of them garbage.

    Each collection would walk every object loaded so far; reference
    counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _warm() -> None:
    """Load what every file's reading needs once, before the workers are forked from this process.

    The unit registry, and the reader's modules: imported here, once,
    rather than by each worker after the fork.
    """
    from ..units.registry import registry
    from . import engine  # noqa: F401 - imported for the workers

    registry()


def _start_method() -> str:
    """How the pool's workers start: forked (quick, but only safe in a process running one thread,
    not in a notebook's kernel), else from a fork server, else spawned."""
    import multiprocessing as mp
    import threading

    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _pooled(files, options, extra, jobs: int) -> list[FileResult]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # small batches, many more than workers: an even share of the work whatever the files' sizes,
    # and no worker left alone with a long last batch
    size = max(1, min(16, len(files) // (jobs * 16) or 1))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    method = _start_method()
    if method == "fork":
        _warm()  # inherited by every worker
    main = sys.modules.get("__main__")
    if main is not None and not hasattr(main, "__spec__"):
        main.__spec__ = None  # a kernel whose names were cleared (%reset): starting workers reads it
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context(method)) as pool:
        futures = [pool.submit(_read_batch, batch, options, *extra) for batch in batches]
        return [res for f in futures for res in f.result()]
