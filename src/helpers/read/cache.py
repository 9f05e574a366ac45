"""A cache of each file's reading: its problems, its sheets and its tidy rows.

An entry is keyed by the file's content (SHA-256), the reader's version (a
hash of the reading code, of the unit registry's code and tables and of
every registered kind), the name the file
is shown by and the reading options; so an entry can only be used for the
very bytes, code and options it was made with.  Each entry is two files:
the summary (problems and sheets: all that ``check`` needs) and the tidy
rows.  Every file carries a checksum of its content and is written to a
temporary name and then renamed, so a corrupt, stale or half-written entry
is never trusted (it is read again and rewritten) and two processes
writing the same entry cannot mix their bytes.

The folder is ``$PARTY_STATS_CACHE`` when set, else the user's cache
folder (``platformdirs``), under ``party-stats/read``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .. import kinds

_MAGIC = b"party-stats read cache 1\n"
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
    from ..kinds import forms

    return hashlib.sha256((_code_digest() + repr(kinds.kinds()) + repr(forms.forms())).encode()).hexdigest()


def reader_version() -> str:
    """A hash of the reading code and of every registered kind."""
    return _version(kinds.generation())


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
        parts = (content, reader_version(), display, options.district or "", options.lang)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get(self, path: str | Path, display: str, options):
        """The file's result if a sound entry holds it, else ``None``."""
        key = self._key(path, display, options)
        if key is None:
            return None
        summary = self._load(key, "summary")
        if summary is None:
            return None
        if options.keep_rows:
            stores = self._load(key, "rows")
            if stores is None:
                return None
            summary.stores = stores
        summary.options = options
        return summary

    def put(self, path: Path, display: str, options, result) -> None:
        """Store a file's result (nothing happens when the folder cannot be written)."""
        key = self._key(path, display, options)
        if key is None:
            return
        stores = result.stores
        result.stores = {}
        try:
            self._save(key, "summary", result)
            if options.keep_rows:
                self._save(key, "rows", stores)
        finally:
            result.stores = stores

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
        try:
            return pickle.loads(data[head:])
        except Exception:  # noqa: BLE001 - an entry that does not load is not trusted
            return None

    def _save(self, key: str, part: str, obj) -> None:
        payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        target = self._file(key, part)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{key[:8]}-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, target)
        except OSError:
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass
