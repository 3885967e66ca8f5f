"""Headless Chromium (Debian's, driven by Playwright) and a real `bkg serve`, for e2e tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page
from serving import free_port, start_bkg

CHROMIUM = "/usr/bin/chromium"
# no background traffic: the machine has no network, and a test must see every request
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
BKG = str(Path(sys.executable).with_name("bkg"))
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "views" / "hostile.ttl"


class Watched:
    """A fresh page recording console errors and warnings, page errors, requests and dialogs."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("dialog", self._dialog)

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            self.errors.append(f"{msg.type}: {msg.text}")

    def _dialog(self, d: Dialog) -> None:
        self.dialogs.append(d.message)
        d.dismiss()

    def clean(self, origin: str) -> None:
        """No error, no dialog, and no request that left ``origin``."""
        assert self.errors == []
        assert self.dialogs == []
        assert [u for u in self.requests if not u.startswith(origin + "/")] == []


def start_server(data: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    """`bkg serve` on a free port with ``args``; returns once it answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # links and embed snippets are built from the configured address, never the Host header
    env = {**os.environ, "BKG_QUERY_WORKERS": "1", "BKG_PUBLIC_URL": base}
    running = start_bkg(
        ["--data-dir", str(data), *args], data / "serve.log", env, program=[BKG], port=port
    )
    return running.process, running.url
