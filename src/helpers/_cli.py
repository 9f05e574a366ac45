"""Shared pieces of the command line: parsers that know ``--lang``."""

from __future__ import annotations

import argparse

from .config import LANGS
from .i18n import set_lang


def make_parser(command: str, description: str) -> argparse.ArgumentParser:
    """An argument parser for ``python -m helpers COMMAND`` with ``--lang``."""
    parser = argparse.ArgumentParser(prog=f"python -m helpers {command}", description=description)
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=LANGS[0],
        help="language of messages and labels (default: %(default)s)",
    )
    return parser


def parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse ``argv`` and apply ``--lang`` for the rest of the run."""
    args = parser.parse_args(argv)
    set_lang(args.lang)
    return args
