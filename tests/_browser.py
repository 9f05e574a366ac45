"""A headless Chromium driven over the DevTools protocol (websocket-client), the network switched off.

:class:`Browser` starts Debian's ``chromium`` with a fresh profile, its
background networking off, and opens pages one after another in one tab
with the network emulated offline; :meth:`Browser.open` returns what the
page asked for (every URL it requested), its ``<html lang>``, its title and
its images (loaded or not, their alt text).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

#: The flags that keep Chromium from reaching out on its own.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--mute-audio",
)  # fmt: skip

_PAGE_STATE = """JSON.stringify({
  lang: document.documentElement.lang,
  title: document.title,
  images: Array.from(document.images).map(i => ({complete: i.complete, width: i.naturalWidth, alt: i.getAttribute("alt")})),
  links: Array.from(document.links).map(a => a.getAttribute("href")),
  text: document.body ? document.body.innerText.length : 0
})"""


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One headless Chromium; use as a context manager."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._id = 0

    def __enter__(self) -> Browser:
        import websocket

        executable = find_chromium()
        if executable is None:
            raise RuntimeError("chromium is not installed: .ci/run installs Debian's chromium (apt-get install chromium)")
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.__exit__(None, None, None)
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=self.timeout, suppress_origin=True)
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for method in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.call(method, session=True)
        self.call("Network.emulateNetworkConditions", session=True, offline=True, latency=0, downloadThroughput=0, uploadThroughput=0)
        return self

    def __exit__(self, *exc) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=5)
            shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method: str, *, session: bool = False, events: list | None = None, **params) -> dict:
        """Send one command; collect the events that arrive before its answer into ``events``."""
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if events is not None and "method" in reply:
                events.append(reply)

    def _wait(self, events: list, name: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not any(e.get("method") == name for e in events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {name} within {self.timeout} s")
            reply = json.loads(self.ws.recv())
            if "method" in reply:
                events.append(reply)

    def open(self, path: Path) -> dict:
        """Open a file and return ``{"requests", "lang", "title", "images", "links"}`` once it has loaded."""
        events: list[dict] = []
        self.call("Page.navigate", session=True, events=events, url=path.resolve().as_uri())
        self._wait(events, "Page.loadEventFired")
        state = self.call("Runtime.evaluate", session=True, events=events, expression=_PAGE_STATE, returnByValue=True)
        out = json.loads(state["result"]["value"])
        out["requests"] = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
        out["failed"] = [e["params"].get("errorText") for e in events if e.get("method") == "Network.loadingFailed"]
        return out
