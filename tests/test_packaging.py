"""environment.yml and pyproject.toml pin the same dependencies."""

from __future__ import annotations

import re
import tomllib

from helpers.config import PROJ_ROOT


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"])
    for extra in data["project"].get("optional-dependencies", {}).values():
        reqs += extra
    return dict(_split(r) for r in reqs)


def _environment() -> dict[str, str]:
    out = {}
    for line in (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-\[\]]+)==(\S+)\s*$", line)
        if m:
            out[m.group(1).lower()] = m.group(2)
    return out


def _split(req: str) -> tuple[str, str]:
    name, sep, version = req.partition("==")
    assert sep, f"{req!r} is not pinned with =="
    return name.strip().lower(), version.strip()


class TestPins:
    def test_every_dependency_is_pinned(self):
        assert _pyproject(), "pyproject.toml lists no dependencies"

    def test_same_names_and_versions(self):
        assert _environment() == _pyproject()

    def test_python_version_agrees(self):
        env = (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
        assert re.search(r"^\s*-\s+python=3\.11\s*$", env, re.M)
