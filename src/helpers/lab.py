"""JupyterLab: the project's kernel and the lab's language (``python -m helpers lab``).

:func:`install_kernel` registers this environment's Python as the kernel
``party-stats`` that every notebook names; :func:`lab_settings_override`
makes the report language the lab's display language; :func:`cli` does
both and starts JupyterLab on ``notebooks/``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import config
from .i18n import get_lang, translate
from .notebooks import KERNEL

#: The kernel the notebooks name.
LAB_KERNEL = KERNEL
LAB_KERNEL_DISPLAY = {"vi": "Python 3 (Thống kê xây dựng Đảng)", "en": "Python 3 (party-building statistics)"}

#: JupyterLab's setting for its display language.
_LOCALE_PLUGIN = "@jupyterlab/translation-extension:plugin"
_LOCALES = {"vi": "vi_VN", "en": "en"}

_MESSAGES = {
    "description": {
        "vi": "Mở JupyterLab trên thư mục notebooks/ với kernel của dự án.",
        "en": "Start JupyterLab on notebooks/ with the project's kernel.",
    },
    "notebooks": {"vi": "thư mục mở ra (mặc định notebooks/)", "en": "folder to open (default notebooks/)"},
    "lab_kernel": {
        "vi": "Đã đăng ký kernel {name!r} ({display}).",
        "en": "Registered kernel {name!r} ({display}).",
    },
}


def _t(key: str, lang: str | None = None, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


def install_kernel(lang: str | None = None, prefix: str | None = None) -> Path:
    """Register this environment's Python as the kernel ``party-stats``
    (``ipykernel install --sys-prefix``); returns the kernelspec folder."""
    from ipykernel.kernelspec import install

    lang = get_lang(lang)
    where = install(kernel_name=LAB_KERNEL, display_name=LAB_KERNEL_DISPLAY[lang], prefix=prefix or sys.prefix)
    return Path(where)


def lab_settings_override(lang: str | None = None, prefix: str | None = None) -> Path:
    """Make ``lang`` JupyterLab's default display language for this
    environment (a settings override in ``share/jupyter/lab/settings/overrides.d``).

    A language chosen in the lab's own Settings → Language menu still wins.
    """
    lang = get_lang(lang)
    folder = Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{LAB_KERNEL}.json"
    text = json.dumps({_LOCALE_PLUGIN: {"locale": _LOCALES[lang]}}, indent=2) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def cli(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers lab``: register the kernel, set the lab's language,
    start JupyterLab on ``notebooks/``.  Arguments after the known ones go to
    JupyterLab (``--port``, ``--no-browser``, ``--IdentityProvider.token=…``)."""
    from ._cli import make_parser, peek_lang
    from .i18n import set_lang

    lang = peek_lang(argv)
    parser = make_parser("lab", _t("description", lang), lang=lang)
    parser.add_argument("--notebooks", metavar="DIR", default=str(config.NOTEBOOKS_DIR), help=_t("notebooks", lang))
    args, rest = parser.parse_known_args(argv)
    set_lang(args.lang)
    install_kernel(args.lang)
    print(_t("lab_kernel", args.lang, name=LAB_KERNEL, display=LAB_KERNEL_DISPLAY[args.lang]), flush=True)
    lab_settings_override(args.lang)
    from jupyterlab.labapp import LabApp

    extra = [f"--ServerApp.root_dir={Path(args.notebooks).resolve()}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in rest:
        extra.append("--allow-root")  # containers and CI machines run as root
    LabApp.launch_instance(argv=[*extra, *rest])
    return 0
