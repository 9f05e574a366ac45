"""One ``lang`` setting for messages and figure labels, and number formats.

Vietnamese (``"vi"``) is the default; English (``"en"``) on request.  Every
function that shows text to a person takes ``lang=None``, meaning "the
current setting", which :func:`use_lang` changes for a block of code.

Each module keeps its own message table, a mapping ``key -> {lang: text}``,
and renders it with :func:`translate`.

Examples
--------
>>> format_percent(0.5778)
'57,8 %'
>>> format_percent(0.5778, lang="en")
'57.8%'
>>> format_number(1234)
'1.234'
>>> with use_lang("en"):
...     get_lang()
'en'
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterator, Mapping

from .config import LANGS

DEFAULT_LANG = LANGS[0]
_current: contextvars.ContextVar[str] = contextvars.ContextVar("lang", default=DEFAULT_LANG)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported, else raise ``ValueError``.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def get_lang(lang: str | None = None) -> str:
    """Resolve ``lang``: the argument when given, else the current setting.

    >>> get_lang()
    'vi'
    >>> get_lang("en")
    'en'
    """
    return check_lang(lang) if lang is not None else _current.get()


def set_lang(lang: str) -> None:
    """Set the language for the rest of this context (a notebook, a CLI run)."""
    _current.set(check_lang(lang))


@contextlib.contextmanager
def use_lang(lang: str) -> Iterator[str]:
    """Use ``lang`` inside a ``with`` block, then restore the previous one."""
    token = _current.set(check_lang(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def translate(table: Mapping[str, Mapping[str, str]], key: str, lang: str | None = None, /, **params: object) -> str:
    """Render message ``key`` of ``table`` in ``lang`` with ``params``.

    >>> t = {"hi": {"vi": "Chào {name}", "en": "Hello {name}"}}
    >>> translate(t, "hi", "en", name="Hòa")
    'Hello Hòa'
    """
    entry = table[key]
    return entry[get_lang(lang)].format(**params)


def is_missing(value: object) -> bool:
    """Whether a cell's value is missing (``None``, NaN, ``pd.NA``, ``NaT``); pandas is imported only to ask.

    >>> [is_missing(v) for v in (None, float("nan"), 0, "", "x")]
    [True, True, False, False, False]
    """
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def plural(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, else ``many`` (Vietnamese nouns do not change:
    pass the same word twice).

    >>> f"1 {plural(1, 'file', 'files')}, 3 {plural(3, 'file', 'files')}"
    '1 file, 3 files'
    """
    return one if n == 1 else many


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_number(value: float | int, decimals: int = 0, lang: str | None = None) -> str:
    """Format a number the way the language writes it.

    Vietnamese groups thousands with "." and writes the decimal comma.

    >>> format_number(1234567.891, 2)
    '1.234.567,89'
    >>> format_number(1234567.891, 2, lang="en")
    '1,234,567.89'
    >>> format_number(float("nan"))
    '–'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        import pandas as pd  # local: keep this module light

        if value is pd.NA:
            return "–"
    except ImportError:  # pragma: no cover
        pass
    lang = get_lang(lang)
    thousands, point = (".", ",") if lang == "vi" else (",", ".")
    text = f"{abs(float(value)):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if float(value) < 0 and float(text) != 0 else ""
    out = sign + _group(whole, thousands)
    return out + (point + frac if frac else "")


def format_percent(share: float, decimals: int = 1, lang: str | None = None) -> str:
    """Format a share (0.578) as a percentage ('57,8 %' in Vietnamese).

    >>> format_percent(22 / 24, 0)
    '92 %'
    >>> format_percent(1.0, 0, lang="en")
    '100%'
    """
    lang = get_lang(lang)
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    number = format_number(share * 100, decimals, lang)
    return f"{number} %" if lang == "vi" else f"{number}%"
