"""A cache of each file's reading: its problems, its sheets and its tidy rows.

An entry is keyed by the file's content (SHA-256), the reader's version (a
hash of the reading code, of the unit registry's code and tables and of
every registered kind), the name the file
is shown by and the reading options; so an entry can only be used for the
very bytes, code and options it was made with.  Each entry is two files:
the summary (problems and sheets: all that ``check`` needs) and the tidy
rows (with the texts of the tables).  Every file carries a checksum of its
content and is written to a temporary name and then renamed, so a corrupt,
stale or half-written entry is never trusted (it is read again and
rewritten) and two processes writing the same entry cannot mix their
bytes.

Reading a folder again: the content hashes come from a stat index
(:mod:`helpers.read.statindex`: a file whose stat is unchanged is not read
again), and the summaries of all the files of one reading from one
``.batch`` entry, keyed by every file's key in order (each summary is also
kept on its own, for readings of other sets of files).

The folder is ``$PARTY_STATS_CACHE`` when set, else the user's cache
folder (``platformdirs``), under ``party-stats/read``.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path

_MAGIC = b"party-stats read cache 2\n"
#: The code whose changes change what is read.
_CODE = ("read", "kinds", "units")  # packages, with their subpackages
_MODULES = ("text.py", "legacy.py", "formulas.py", "i18n.py")


def default_dir() -> Path:
    """The cache folder: ``$PARTY_STATS_CACHE``, else the user's cache folder."""
    env = os.environ.get("PARTY_STATS_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("party-stats", appauthor=False)) / "read"


def code_files() -> list[Path]:
    """The files whose content is part of the reader's version: its code, the unit registry's code and tables."""
    from .. import config

    here = Path(__file__).resolve().parents[1]
    files = [p for d in _CODE for p in sorted((here / d).rglob("*.py"))] + [here / m for m in _MODULES]
    return files + [Path(config.UNITS_CSV)] + sorted((Path(config.REFERENCE_DIR) / "national").glob("*.csv"))


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    h = hashlib.sha256()
    for p in code_files():
        if p.is_file():
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=8)
def _version(generation: int) -> str:
    if generation == 0:  # only the built-in kinds and forms: declared in the code hashed
        return hashlib.sha256((_code_digest() + "\0built-in kinds").encode()).hexdigest()
    from .. import kinds
    from ..kinds import forms

    return hashlib.sha256((_code_digest() + repr(kinds.kinds()) + repr(forms.forms())).encode()).hexdigest()


def reader_version() -> str:
    """A hash of the reading code and of every registered kind."""
    registry = sys.modules.get("helpers.kinds")  # not loaded yet: nothing registered but the built-in kinds
    return _version(registry.generation() if registry is not None else 0)


def _key_of(content: str, display: str, options, version: str | None = None) -> str:
    parts = (content, version or reader_version(), display, options.district or "", options.lang, options.province or "")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Cache:
    """The cache folder (see the module docstring)."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_dir()
        self._root = os.fspath(self.folder)

    def _key(self, path: str | Path, display: str, options) -> str | None:
        try:
            with open(path, "rb") as fh:
                content = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            return None
        return _key_of(content, display, options)

    def keys(self, files: list[tuple[str, str]], options, inputs=()) -> list[str | None]:
        """The entry key of each ``(path, display)`` (``None``: unreadable), content hashes from the stat index.

        ``inputs``: the paths the files were found from (the stat index is kept per set of them).
        """
        from .statindex import StatIndex

        cwd = os.getcwd()
        absolute = [p if os.path.isabs(p) else os.path.join(cwd, p) for p, _display in files]
        index = StatIndex(self._index_file(inputs) if files else None)
        version = reader_version()
        keys = []
        for full, (_path, display) in zip(absolute, files):
            content = index.content(full)
            keys.append(None if content is None else _key_of(content, display, options, version))
        index.save()
        return keys

    def _index_file(self, inputs) -> str:
        where = "\0".join(sorted(os.path.abspath(os.fspath(p)) for p in inputs))
        name = hashlib.sha256(os.fsencode(where)).hexdigest()[:32]
        return os.path.join(self._root, "index", f"{name}.stat")

    def get(self, path: str | Path, display: str, options):
        """The file's result if a sound entry holds it, else ``None``."""
        key = self._key(path, display, options)
        return None if key is None else self.load(key, options)

    def load(self, key: str, options, summary=None):
        """The result an entry holds (``summary``: its summary, already loaded), else ``None``."""
        if summary is None:
            summary = self._load(key, "summary")
            if summary is None:
                return None
        if options.keep_rows:
            rows = self._load(key, "rows")
            if rows is None:
                return None
            summary.stores, summary.texts = rows
        summary.options = options
        return summary

    def put(self, path: Path, display: str, options, result) -> None:
        """Store a file's result (nothing happens when the folder cannot be written)."""
        key = self._key(path, display, options)
        if key is not None:
            self.store(key, options, result)

    def store(self, key: str, options, result) -> None:
        """Store a file's result under ``key``."""
        stores, texts = result.stores, result.texts
        result.stores, result.texts = {}, set()
        try:
            self._save(key, "summary", result)
            if options.keep_rows:
                self._save(key, "rows", (stores, texts))
        finally:
            result.stores, result.texts = stores, texts

    # --- the summaries of one reading together ----------------------------------------------
    @staticmethod
    def _batch_key(keys: list[str | None]) -> str | None:
        if not keys or None in keys:
            return None
        return hashlib.sha256(("batch\0" + "\0".join(keys)).encode()).hexdigest()

    def load_all(self, keys: list[str | None], options) -> tuple[list, bool]:
        """The result of each key (``None`` where no sound entry holds it), and whether one batch gave them."""
        batch = self._batch_key(keys)
        summaries = self._load(batch, "batch") if batch is not None else None
        if not (isinstance(summaries, list) and len(summaries) == len(keys)):
            return [None if k is None else self.load(k, options) for k in keys], False
        return [self.load(k, options, s) for k, s in zip(keys, summaries)], True

    def store_all(self, keys: list[str | None], results: list) -> None:
        """Store the summaries of one reading as one batch entry."""
        batch = self._batch_key(keys)
        if batch is None:
            return
        saved = [(r.stores, r.texts) for r in results]
        try:
            for r in results:
                r.stores, r.texts = {}, set()
            self._save(batch, "batch", results)
        finally:
            for r, (stores, texts) in zip(results, saved):
                r.stores, r.texts = stores, texts

    # --- entry files -----------------------------------------------------------------------
    def _file(self, key: str, part: str) -> str:
        return os.path.join(self._root, key[:2], f"{key}.{part}")

    def _load(self, key: str, part: str):
        try:
            with open(self._file(key, part), "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        head = len(_MAGIC) + 32
        if not data.startswith(_MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(_MAGIC):head]:
            return None  # not an entry, or damaged: read the file again
        enabled = gc.isenabled()
        gc.disable()  # many small objects, none of them garbage: no collections while they load
        try:
            return pickle.loads(data[head:])
        except Exception:  # noqa: BLE001 - an entry that does not load is not trusted
            return None
        finally:
            if enabled:
                gc.enable()

    def _save(self, key: str, part: str, obj) -> None:
        import tempfile

        payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        target = self._file(key, part)
        tmp = None
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{key[:8]}-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, target)
        except OSError:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
