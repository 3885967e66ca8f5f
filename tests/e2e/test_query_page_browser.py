"""The query page and entity pages in headless Chromium (Debian's) against a real `bkg serve`.

Checks what a user does — run a query with Ctrl+Enter, load a named query and fill in its
parameters, follow links from an entity page — and that the pages obey their own policy: no
console error (a Content-Security-Policy violation is one), no request leaving the origin, and
with a graph of hostile labels, no injected script ever runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
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
ID = "https://w3id.org/bilateral-kg/id/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start `bkg serve` with the given arguments; every server is stopped at the end."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> str:
        port = _free_port()
        data = tmp_path_factory.mktemp("data")
        log = data / "serve.log"
        env = {**os.environ, "BKG_QUERY_WORKERS": "1"}
        cmd = [BKG, "serve", "--port", str(port), "--data-dir", str(data), *args]
        with log.open("wb") as sink:
            procs.append(subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if procs[-1].poll() is not None:
                raise RuntimeError(f"bkg serve exited: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{base}/query", timeout=5):
                    return base
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"bkg serve did not answer within 90 s: {log.read_text()}")

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def report(serve: Callable[..., str], build_dir: Path) -> str:
    return serve("--build", str(build_dir))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Watched:
    """A fresh page recording console errors, page errors, requests and dialogs."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def clean(self, origin: str) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert [u for u in self.requests if not u.startswith(origin + "/")] == []


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.context.close()


def test_run_a_query_with_ctrl_enter(watched: Watched, report: str) -> None:
    origin = report
    page = watched.page
    page.goto(origin + "/query")
    page.fill("#sparql", f"SELECT ?l WHERE {{ <{ID}agency/mic> rdfs:label ?l }} ORDER BY ?l")
    with page.expect_navigation():
        page.press("#sparql", "Control+Enter")
    assert page.inner_text("p.count") == "2 rows"
    cells = page.locator(".results tbody td").all_inner_texts()
    assert cells == ["Ministry of Internal Affairs and Communications @en", "総務省 @ja"]
    page.click("text=Shared initiatives")
    page.fill("input[name=agencies]", f"{ID}agency/meti {ID}agency/dsit")
    with page.expect_navigation():
        page.click("text=Bind and run")
    assert (
        page.locator(
            '.results a[href="/bilateral-kg/id/event/semiconductor-workshop-2024"]'
        ).count()
        == 1
    )
    watched.clean(origin)


def test_entity_pages_link_onwards(watched: Watched, report: str) -> None:
    origin = report
    page = watched.page
    page.goto(origin + "/bilateral-kg/id/agency/dsit")
    assert page.inner_text("h1") == "Department for Science, Innovation and Technology"
    with page.expect_navigation():
        page.click(".relations a:text-is('Global Coalition on Telecommunications')")
    assert page.url == origin + "/bilateral-kg/id/initiative/gcot"
    assert "両者は、新たな電気通信に関するグローバル連合 (GCOT)" in page.inner_text(".statements")
    watched.clean(origin)


def test_hostile_labels_stay_text(watched: Watched, serve: Callable[..., str]) -> None:
    origin = serve("--data", str(HOSTILE))
    page = watched.page
    for path in ("/bilateral-kg/id/agency/evil", "/bilateral-kg/id/statement/doc/p/t/a"):
        page.goto(origin + path)
    assert page.inner_text("blockquote") == "<script>alert(5)</script>両者は罠に参加する。"
    page.goto(
        origin + "/query?query=" + "SELECT%20%3Fl%20WHERE%20%7B%20%3Fs%20rdfs%3Alabel%20%3Fl%20%7D"
    )
    assert "<img src=x onerror=alert(1)>" in page.inner_text(".results")
    page.wait_for_timeout(300)
    watched.clean(origin)
