"""The official statistical forms (Hướng dẫn 11-HD/BTCTW), each declared once in a module here.

A form is a :class:`helpers.kinds.formdecl.Form`; the built-in ones are
Biểu số 2-BTCTW (:mod:`~.btctw2`), Biểu 2B (:mod:`~.btctw2b`), Biểu số
5-BTCTW (:mod:`~.btctw5`) and Biểu số 11-BTCTW (:mod:`~.btctw11`).  Every
form's rows go to one tidy table, :data:`TABLE` (``form_rows``).  A form
(or a corrected declaration of one) is :func:`register`-ed; the reader, the
form writer and the template take the forms from here.

Examples
--------
>>> numbers()
('2-BTCTW', '2B', '5-BTCTW', '11-BTCTW')
>>> get("2-BTCTW").row("age.mean").mean
(18.0, 60.0)
>>> of_number("2"), of_number("2b"), of_number("7")
('2-BTCTW', '2B', None)
"""

from __future__ import annotations

import importlib

from ..formdecl import FORM_TIDY, Form

#: The tidy table every form's rows go to.
TABLE = "form_rows"

#: The modules declaring the built-in forms, in the order they are tried.
BUILTIN = ("btctw2", "btctw2b", "btctw5", "btctw11")

_REGISTRY: dict[str, Form] = {}
_loaded = False


def _ensure() -> dict[str, Form]:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in BUILTIN:
            form = importlib.import_module(f"{__name__}.{module}").FORM
            _REGISTRY.setdefault(form.number, form)
    return _REGISTRY


def _changed() -> None:
    from .. import _changed as changed

    changed()


def register(form: Form, *, replace: bool = False) -> Form:
    """Add a form, or with ``replace`` put a corrected declaration in place of one of the same number."""
    registry = _ensure()
    if form.number in registry and not replace:
        raise ValueError(f"a form numbered {form.number!r} is already registered")
    registry[form.number] = form
    _changed()
    return form


def restore() -> None:
    """The built-in declarations again (after :func:`register` replaced or added forms)."""
    global _loaded
    _REGISTRY.clear()
    _loaded = False
    _changed()


def get(number: str) -> Form:
    """The form numbered ``number`` ("2-BTCTW")."""
    registry = _ensure()
    try:
        return registry[number]
    except KeyError:
        raise ValueError(f"form must be one of {', '.join(registry)}; got {number!r}") from None


def forms() -> tuple[Form, ...]:
    return tuple(_ensure().values())


def numbers() -> tuple[str, ...]:
    return tuple(_ensure())


def of_number(token: str) -> str | None:
    """The form a number written in a header names ("2" → "2-BTCTW"), or ``None``."""
    for form in forms():
        if token in form.numbers:
            return form.number
    return None


def tidy() -> dict[str, str]:
    """The form table's columns after the common ones, and their dtypes."""
    return dict(FORM_TIDY)
