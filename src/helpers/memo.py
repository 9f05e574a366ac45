"""Values worked out once per process from a table that is not changed, for every report drawn from it.

The tidy tables of a read are shared by every report a build writes in a
process; what is derived from a whole table (the table carried onto the
2025 boundaries, for each of a province's commune reports) is worth
working out once.  :func:`once` keeps a value while its table lives,
keyed on the table's identity and length: a table changed in place
(never done to the tables of a read) needs a new key.

A function that is also given tables people change (an indicator called
from a notebook) keeps values only for the tables marked
:func:`freeze` (a report's own tables, which it hands to its figures,
readings and tables and never changes): :func:`frozen` says which.

>>> import pandas as pd
>>> frame, calls = pd.DataFrame({"x": [1, 2]}), []
>>> [once(frame, "total", lambda: calls.append(1) or int(frame["x"].sum())) for _ in range(3)], len(calls)
([3, 3, 3], 1)
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

_VALUES: dict[tuple, tuple[weakref.ref, object]] = {}


def once(frame, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, worked out once while ``frame`` lives (then forgotten with it)."""
    k = (id(frame), len(frame), key)
    hit = _VALUES.get(k)
    if hit is not None and hit[0]() is frame:
        return hit[1]  # type: ignore[return-value]
    value = make()
    _VALUES[k] = (weakref.ref(frame), value)
    weakref.finalize(frame, _VALUES.pop, k, None)
    return value


_FROZEN: dict[int, weakref.ref] = {}


def freeze(frame):
    """Mark ``frame`` as shared and never changed in place (values worked out from it may be kept); returns it.

    >>> import pandas as pd
    >>> f = freeze(pd.DataFrame({"x": [1]}))
    >>> frozen(f), frozen(f.copy())
    (True, False)
    """
    k = id(frame)
    if k not in _FROZEN:
        _FROZEN[k] = weakref.ref(frame)
        weakref.finalize(frame, _FROZEN.pop, k, None)
    return frame


def frozen(frame) -> bool:
    """Whether ``frame`` was marked by :func:`freeze`."""
    ref = _FROZEN.get(id(frame))
    return ref is not None and ref() is frame


__all__ = ["freeze", "frozen", "once"]
