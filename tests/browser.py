"""A small headless-Chromium driver for the tests, over the DevTools protocol on a pipe (standard library only).

:class:`Browser` starts Chromium with ``--remote-debugging-pipe``, opens
pages in fresh tabs and reports what happened in each: the value of a
check script run after the page has loaded, every console message, every
uncaught exception and every dialog (``alert``, ``confirm``, ``prompt``;
each is dismissed at once, so that a page cannot hang the test).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any, Final

import attrs

#: Chromium's flags for a quiet, sandboxed-by-the-test run: no network services of its own, no first-run UI.
FLAGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
)
#: Where Debian's chromium package puts the browser.
CHROMIUM: Final = "/usr/bin/chromium"


#: Under CI a missing browser or TimelineJS fails the tests instead of skipping them.
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(what: str, present: bool) -> None:
    """Skip (or, under CI, fail) when a tool the browser tests need is missing."""
    import pytest

    if present:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing: .ci/run installs it, and CI must run these tests")
    pytest.skip(f"{what} is not installed (.ci/run installs it)")


@contextlib.contextmanager
def headless() -> Iterator[Browser]:
    """A headless Chromium for a test module, or a skip (a failure under CI) without one."""
    executable = find_chromium()
    require("Chromium (apt-get install chromium)", executable is not None)
    assert executable is not None
    with Browser(executable) as browser:
        yield browser


def find_chromium() -> str | None:
    """The Chromium executable, or ``None`` when there is none."""
    for name in (os.environ.get("ISSCOOP_CHROMIUM", ""), CHROMIUM, "chromium", "chromium-browser"):
        path = shutil.which(name) if name else None
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    """Chromium did not answer, or answered with an error."""


@attrs.frozen
class PageReport:
    """What one page did: the check script's value and everything it printed or raised."""

    value: Any
    console: tuple[str, ...]
    exceptions: tuple[str, ...]
    dialogs: tuple[str, ...]
    log: tuple[str, ...]


class Browser:
    """One headless Chromium, driven over a pipe; use as a context manager."""

    def __init__(self, executable: str, *, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="isscoop-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4; move our ends out of the way first.
        child_in = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_child_r)
        os.close(from_child_w)

        def wire() -> None:  # runs in the child, before exec
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire,
        )
        os.close(child_in)
        os.close(child_out)
        self._out = to_child_w
        self._in = from_child_r
        self._next_id = 0
        self._lock = threading.Lock()
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self._send("Browser.close", {}, None, wait=False)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        with contextlib.suppress(OSError):
            os.close(self._out)
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- the protocol ---------------------------------------------------------------------------

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._dispatch(json.loads(raw))
        with contextlib.suppress(OSError):
            os.close(self._in)
        with self._lock:
            for q in self._answers.values():
                q.put({"error": {"message": "Chromium closed the pipe"}})

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message:
            with self._lock:
                q = self._answers.get(message["id"])
            if q is not None:
                q.put(message)
            return
        if message.get("method") == "Page.javascriptDialogOpening":
            # A dialog would block the page: dismiss it at once (the event stays on record).
            self._send("Page.handleJavaScriptDialog", {"accept": False}, message.get("sessionId"), wait=False)
        with self._lock:
            self._events.append(message)

    def _send(self, method: str, params: dict[str, Any], session: str | None, *, wait: bool = True) -> Any:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            answer: queue.Queue[dict[str, Any]] = queue.Queue()
            self._answers[ident] = answer
            message: dict[str, Any] = {"id": ident, "method": method, "params": params}
            if session is not None:
                message["sessionId"] = session
            os.write(self._out, json.dumps(message).encode("utf-8") + b"\0")
        if not wait:
            return None
        try:
            reply = answer.get(timeout=self.timeout)
        except queue.Empty:
            raise BrowserError(f"no answer to {method} in {self.timeout} s") from None
        finally:
            with self._lock:
                self._answers.pop(ident, None)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _wait_for(self, method: str, session: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if any(e.get("method") == method and e.get("sessionId") == session for e in self._events):
                    return
            time.sleep(0.02)
        raise BrowserError(f"no {method} in {timeout} s")

    # -- pages ------------------------------------------------------------------------------------

    def run(self, url: str, check: str, *, screenshot: str | None = None) -> PageReport:
        """Open ``url`` in a new tab, wait for its load event, then return the value of the ``check`` expression.

        With ``screenshot``, a PNG of the whole page is written to that path after the check.

        ``check`` is a JavaScript expression; a promise is awaited.  Its value
        must be JSON.  The report also holds every console message, uncaught
        exception, dialog and browser log entry of the tab, from before the
        page started loading until the check finished.
        """
        target = self._send("Target.createTarget", {"url": "about:blank"}, None)["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True}, None)["sessionId"]
        try:
            for domain in ("Runtime", "Page", "Log"):
                self._send(f"{domain}.enable", {}, session)
            self._send("Page.navigate", {"url": url}, session)
            self._wait_for("Page.loadEventFired", session, self.timeout)
            result = self._send(
                "Runtime.evaluate",
                {"expression": check, "awaitPromise": True, "returnByValue": True},
                session,
            )
            if "exceptionDetails" in result:
                raise BrowserError(f"the check failed: {result['exceptionDetails']}")
            value = result.get("result", {}).get("value")
            if screenshot is not None:
                shot = self._send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
                with open(screenshot, "wb") as fh:
                    fh.write(base64.b64decode(shot["data"]))
        finally:
            self._send("Target.closeTarget", {"targetId": target}, None)
        with self._lock:
            events = [e for e in self._events if e.get("sessionId") == session]
        return PageReport(
            value=value,
            console=tuple(
                " ".join(str(a.get("value", a.get("description", ""))) for a in e["params"].get("args", []))
                for e in events
                if e["method"] == "Runtime.consoleAPICalled"
            ),
            exceptions=tuple(
                json.dumps(e["params"]["exceptionDetails"]) for e in events if e["method"] == "Runtime.exceptionThrown"
            ),
            dialogs=tuple(
                str(e["params"].get("message", "")) for e in events if e["method"] == "Page.javascriptDialogOpening"
            ),
            log=tuple(str(e["params"]["entry"].get("text", "")) for e in events if e["method"] == "Log.entryAdded"),
        )
