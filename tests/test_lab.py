"""``python -m helpers lab``: the kernel is registered, the lab serves notebooks/."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import config
from helpers import lab as lab_module

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str) -> dict | list:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read().decode("utf-8"))


def _wait_for(url: str, token: str, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the lab exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            return _get(url, token)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    pytest.fail(f"the lab did not answer {url} within {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running lab on a free localhost port, always shut down afterwards."""
    port, token = _free_port(), "test-token-party-stats"
    home = tmp_path_factory.mktemp("lab-home")
    log = home / "lab.log"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    argv = [
        sys.executable, "-m", "helpers", "lab",
        "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status", token, proc, log)
        yield base, token, log
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


class TestLabCli:
    def test_serves_the_notebooks_folder(self, lab):
        base, token, _ = lab
        listing = _get(f"{base}/api/contents/", token)
        names = {item["name"] for item in listing["content"]}
        expected = {p.name for p in config.NOTEBOOKS_DIR.glob("*.ipynb")}
        assert "00_start_here.ipynb" in names
        assert expected <= names
        assert "teaching" in names

    def test_registers_the_project_kernel(self, lab):
        base, token, _ = lab
        specs = _get(f"{base}/api/kernelspecs", token)
        assert lab_module.LAB_KERNEL in specs["kernelspecs"]
        display = specs["kernelspecs"][lab_module.LAB_KERNEL]["spec"]["display_name"]
        assert display == lab_module.LAB_KERNEL_DISPLAY["vi"]

    def test_says_which_kernel_it_registered(self, lab):
        _, _, log = lab
        assert f"'{lab_module.LAB_KERNEL}'" in log.read_text(encoding="utf-8", errors="replace")


class TestLabSettingsOverride:
    def test_vietnamese_is_the_default_locale(self, tmp_path):
        path = lab_module.lab_settings_override("vi", prefix=str(tmp_path))
        assert path.relative_to(tmp_path).as_posix() == "share/jupyter/lab/settings/overrides.d/party-stats.json"
        assert json.loads(path.read_text()) == {"@jupyterlab/translation-extension:plugin": {"locale": "vi_VN"}}

    def test_english_on_request(self, tmp_path):
        path = lab_module.lab_settings_override("en", prefix=str(tmp_path))
        assert json.loads(path.read_text())["@jupyterlab/translation-extension:plugin"]["locale"] == "en"


class TestInstallKernel:
    def test_kernelspec_runs_this_python(self, tmp_path):
        folder = lab_module.install_kernel("en", prefix=str(tmp_path))
        spec = json.loads((folder / "kernel.json").read_text())
        assert folder.name == lab_module.LAB_KERNEL
        assert spec["display_name"] == lab_module.LAB_KERNEL_DISPLAY["en"]
        assert Path(spec["argv"][0]).resolve() == Path(sys.executable).resolve()


class TestLabHelp:
    def test_help_follows_lang(self, capsys):
        with pytest.raises(SystemExit):
            lab_module.cli(["--help", "--lang", "en"])
        assert "Start JupyterLab on notebooks/ with the project's kernel." in capsys.readouterr().out
        with pytest.raises(SystemExit):
            lab_module.cli(["--help"])
        assert "Mở JupyterLab trên thư mục notebooks/" in capsys.readouterr().out

    def test_the_notebooks_name_the_kernel_the_lab_registers(self):
        from helpers.notebooks import KERNEL

        assert lab_module.LAB_KERNEL == KERNEL == "party-stats"
