"""Text a spreadsheet would run as a formula, and how to make it inert (no pandas needed).

A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula when a CSV file is opened in a spreadsheet;
prefixing an apostrophe makes it inert, as the OWASP guidance on CSV
injection advises.  Text that is a plain number ("-5") is left alone.

>>> neutral("=1+1"), neutral("-5"), neutral("Hòa Phú"), neutral(3)
("'=1+1", '-5', 'Hòa Phú', 3)
"""

from __future__ import annotations

import re

TRIGGER = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


def is_formula_like(text: str) -> bool:
    """Whether a text would be run as a formula."""
    return bool(TRIGGER.match(text)) and not PLAIN_NUMBER.match(text)


def neutral(value: object) -> object:
    """``value`` made inert if it is formula-like text, else unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value
