"""Values worked out once per process from a table that is not changed, for every report drawn from it.

The tidy tables of a read are shared by every report a build writes in a
process; what is derived from a whole table (the table carried onto the
2025 boundaries, for each of a province's commune reports) is worth
working out once.  :func:`once` keeps a value while its table lives,
keyed on the table's identity and length: a table changed in place
(never done to the tables of a read) needs a new key.

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


__all__ = ["once"]
