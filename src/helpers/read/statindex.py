"""A file's content hash without reading it again: a stat index kept beside the read cache.

The read cache is keyed by each file's content (SHA-256); hashing every
file of a large folder costs more than taking its readings from the
cache.  A :class:`StatIndex` remembers, per file, what ``os.stat`` said
(device, inode, size, modification and change times, in nanoseconds)
when its content was hashed, and the hash.  The hash is used again only
while the file's stat is exactly the same.

A file written shortly before it was hashed could be written again
within the same tick of a coarse file-system clock, with the same size,
and look unchanged ("racy", as git calls it).  So a hash is remembered
only for a file whose last change (``st_ctime_ns``, which no program can
set back, and ``st_mtime_ns``) is older than the moment it was read by
:data:`RACY_NS`; a file changed more recently is hashed every time until
it is older.  The content key stays the truth: the index only saves
reading a file whose stat says it has not changed since its hash was
taken.

The index is one file (a pickle behind a checksum, written to a
temporary name and renamed), one per set of paths read; a damaged or
unreadable index is ignored and written again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time

_MAGIC = b"party-stats stat index 1\n"
#: A file changed less than this long before it was hashed is not remembered (2 s: FAT's clock; 1 s more for skew).
RACY_NS = 3_000_000_000


def signature(st: os.stat_result) -> tuple:
    """What must stay the same for a remembered hash to be used again."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _settled(st: os.stat_result, now_ns: int) -> bool:
    """Whether the file was last changed long enough before ``now_ns`` (the racy rule)."""
    return max(st.st_mtime_ns, st.st_ctime_ns) < now_ns - RACY_NS


def hash_file(path: str) -> tuple[str, tuple | None] | None:
    """The file's SHA-256 and its signature when it may be remembered (``None`` while it is racy).

    ``None`` when the file cannot be read.
    """
    try:
        with open(path, "rb") as fh:
            before = os.fstat(fh.fileno())
            now = time.time_ns()
            content = hashlib.sha256(fh.read()).hexdigest()
            after = os.fstat(fh.fileno())
    except OSError:
        return None
    same = signature(before) == signature(after)
    return content, (signature(after) if same and _settled(after, now) else None)


class StatIndex:
    """Path → (signature, content hash), loaded from and saved to one file (see the module docstring)."""

    def __init__(self, file: str | None):
        self.file = file
        self._entries: dict[str, tuple] = self._load() if file else {}
        self._dirty = False

    def _load(self) -> dict:
        try:
            with open(self.file, "rb") as fh:
                data = fh.read()
        except OSError:
            return {}
        head = len(_MAGIC) + 32
        if not data.startswith(_MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(_MAGIC):head]:
            return {}
        try:
            entries = pickle.loads(data[head:])
        except Exception:  # noqa: BLE001 - an index that does not load is not trusted
            return {}
        return entries if isinstance(entries, dict) else {}

    def content(self, path: str) -> str | None:
        """The file's content hash: remembered when its stat is unchanged, else read (``None``: unreadable)."""
        known = self._entries.get(path)
        if known is not None:
            try:
                st = os.stat(path)
            except OSError:
                return None
            if signature(st) == known[0]:
                return known[1]
        got = hash_file(path)
        if got is None:
            return None
        content, sig = got
        if sig is not None:
            self._entries[path] = (sig, content)
            self._dirty = True
        elif known is not None:
            del self._entries[path]
            self._dirty = True
        return content

    def save(self) -> None:
        """Write the index if it changed (nothing happens when the folder cannot be written)."""
        if not (self._dirty and self.file):
            return
        import tempfile

        payload = pickle.dumps(self._entries, protocol=pickle.HIGHEST_PROTOCOL)
        folder = os.path.dirname(self.file)
        tmp = None
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".index-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, self.file)
            self._dirty = False
        except OSError:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
