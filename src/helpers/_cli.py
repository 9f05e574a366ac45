"""Shared pieces of the command line: parsers that know ``--lang``.

A command's help follows ``--lang`` when it builds its parser with the
language :func:`peek_lang` finds in its arguments.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .config import LANGS
from .i18n import get_lang, set_lang, translate

_TEXT = {
    "usage": {"vi": "cách dùng: ", "en": "usage: "},
    "options": {"vi": "tùy chọn", "en": "options"},
    "positionals": {"vi": "tham số", "en": "positional arguments"},
    "help": {"vi": "in hướng dẫn này rồi thoát", "en": "show this help message and exit"},
    "lang": {
        "vi": "ngôn ngữ của thông báo và nhãn (mặc định: %(default)s)",
        "en": "language of messages and labels (default: %(default)s)",
    },
}


def peek_lang(argv: Sequence[str] | None) -> str:
    """The ``--lang`` given in ``argv`` (before the whole parse), else the current setting.

    >>> peek_lang(["--district", "Na Hang", "--lang", "en"]), peek_lang(["--lang=en"]), peek_lang([])
    ('en', 'en', 'vi')
    """
    peek = argparse.ArgumentParser(add_help=False)
    peek.add_argument("--lang", choices=LANGS, default=None)
    known, _ = peek.parse_known_args(list(argv or []))
    return known.lang or get_lang()


def _formatter(lang: str | None) -> type[argparse.HelpFormatter]:
    prefix = translate(_TEXT, "usage", lang)

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix_=None):  # noqa: ANN001
            return super().add_usage(usage, actions, groups, prefix)

    return Formatter


def make_parser(command: str, description: str, *, lang: str | None = None) -> argparse.ArgumentParser:
    """An argument parser for ``python -m helpers COMMAND`` with ``--lang``; its help in ``lang``.

    >>> "cách dùng: python -m helpers x" in make_parser("x", "Mô tả", lang="vi").format_help()
    True
    """
    parser = argparse.ArgumentParser(prog=f"python -m helpers {command}", description=description,
                                     formatter_class=_formatter(lang), add_help=False)  # fmt: skip
    parser._optionals.title = translate(_TEXT, "options", lang)
    parser._positionals.title = translate(_TEXT, "positionals", lang)
    parser.add_argument("-h", "--help", action="help", help=translate(_TEXT, "help", lang))
    parser.add_argument("--lang", choices=LANGS, default=LANGS[0], help=translate(_TEXT, "lang", lang))
    return parser


def parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse ``argv`` and apply ``--lang`` for the rest of the run."""
    args = parser.parse_args(argv)
    set_lang(args.lang)
    return args
