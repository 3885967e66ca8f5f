"""The views in a real browser: headless Chromium (Debian's) against a real `bkg serve`.

Each page is checked for what it draws (read from vis-network's DataSets), what a click
shows, the language switch, console errors, requests leaving the origin and — with a graph
of hostile labels — that nothing injected ever runs. The offline file of `bkg view` is
opened from file:// with the network cut off.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from bkg_api.cli import main

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
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "views" / "hostile.ttl"
BKG = str(Path(sys.executable).with_name("bkg"))
ID = "https://w3id.org/bilateral-kg/id/"
MIC, DSIT = ID + "agency/mic", ID + "agency/dsit"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start `bkg serve` with the given arguments; every server is stopped at the end."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> str:
        port = free_port()
        data = tmp_path_factory.mktemp("data")
        log = data / "serve.log"
        env = {**os.environ, "BKG_QUERY_WORKERS": "1", "BKG_PUBLIC_URL": ""}
        cmd = [BKG, "serve", "--port", str(port), "--data-dir", str(data), *args]
        with log.open("wb") as sink:
            proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"bkg serve exited: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{base}/view?kind=coparticipation", timeout=5):
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
def hostile(serve: Callable[..., str]) -> str:
    return serve("--data", str(HOSTILE))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@dataclass
class Watched:
    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page that records console errors, page errors, requests and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    w = Watched(page)

    def console(msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            w.errors.append(f"{msg.type}: {msg.text}")

    page.on("console", console)
    page.on("pageerror", lambda exc: w.errors.append(f"pageerror: {exc}"))
    page.on("request", lambda req: w.requests.append(req.url))

    def dialog(d: Dialog) -> None:
        w.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield w
    context.close()


def drawn(page: Page) -> None:
    """Wait for vis-network's first drawing (views.js marks the body; a selector wait needs
    no eval, which the pages' policy forbids)."""
    page.wait_for_selector("body[data-drawn='1']", state="attached", timeout=30_000)


def click_node(page: Page, node: str) -> None:
    """A real mouse click on the node's position on the canvas."""
    x, y = page.evaluate(
        "id => { const p = bkgView.network.canvasToDOM(bkgView.network.getPositions([id])[id]);"
        " return [p.x, p.y]; }",
        node,
    )
    box = page.locator("#network canvas").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)


def same_origin(w: Watched, origin: str) -> None:
    assert w.requests, "the page made no request at all?"
    strays = [u for u in w.requests if not (u.startswith(origin + "/") or u.startswith("data:"))]
    assert strays == []


def test_coparticipation_view_in_the_browser(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(f"{report}/view?kind=coparticipation")
    drawn(page)
    counts = page.evaluate("[bkgView.nodes.length, bkgView.edges.length]")
    assert counts == [11, 17]
    assert page.evaluate(f"bkgView.nodes.get({MIC!r}).label") == (
        "Ministry of Internal Affairs and Communications"
    )
    click_node(page, MIC)
    details = page.locator("#details")
    details.locator("h2").wait_for()
    assert details.locator("h2").inner_text() == "Ministry of Internal Affairs and Communications"
    text = details.inner_text()
    assert "総務省" in text  # the other language's label
    assert "Department for Science, Innovation and Technology (24 cited)" in text
    assert "Preamble › 1" in text  # a locator of a cited statement
    assert "日英デジタル・パートナーシップ政務級会合" in text  # the quoted sentence
    assert details.locator("a", has_text="Entity page").get_attribute("href") == (
        "/bilateral-kg/id/agency/mic"
    )
    page.click("[data-set-lang=ja]")
    assert page.evaluate(f"bkgView.nodes.get({MIC!r}).label") == "総務省"
    assert page.locator("#view-title").inner_text() == "省庁の共同参加"
    assert details.locator("h2").inner_text() == "総務省"
    assert "lang=ja" in page.url
    page.click("[data-set-lang=en]")
    assert page.evaluate(f"bkgView.nodes.get({DSIT!r}).label") == (
        "Department for Science, Innovation and Technology"
    )
    assert watched.errors == []
    same_origin(watched, report)


def test_filters_and_neighbourhood_in_the_browser(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(f"{report}/view?kind=neighbourhood&focus=initiative/gcot&lang=ja")
    drawn(page)
    assert page.evaluate("[bkgView.nodes.length, bkgView.edges.length]") == [10, 45]
    page.goto(f"{report}/embed?kind=bipartite&theme=vendor-diversification")
    drawn(page)
    ids = page.evaluate("bkgView.nodes.getIds()")
    assert ID + "initiative/gcot" in ids and MIC in ids
    assert page.locator("#embed-snippet").input_value().startswith(f'<iframe src="{report}/embed?')
    page.goto(f"{report}/matrix")
    assert page.locator('td a[href="#cell-mic-dsit"]').inner_text() == "24 / 11"
    page.click("[data-set-lang=ja]")
    assert page.locator("h1").inner_text() == "日英の省庁の組み合わせ"
    assert watched.errors == []
    same_origin(watched, report)


def test_hostile_labels_stay_inert(watched: Watched, hostile: str) -> None:
    page = watched.page
    for url in ("/view?kind=bipartite", "/view?kind=coparticipation&lang=ja", "/embed"):
        page.goto(hostile + url)
        drawn(page)
        for node in page.evaluate("bkgView.nodes.getIds()"):
            x, y = page.evaluate(
                "id => { const p = bkgView.network.canvasToDOM(bkgView.network.getPositions([id])[id]);"
                " return [p.x, p.y]; }",
                node,
            )
            box = page.locator("#network canvas").bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + x, box["y"] + y)  # the tooltip
            page.wait_for_timeout(300)
            click_node(page, node)  # the details, with the quoted sentence
        assert (
            page.locator("#details img, #details script, #details a[href^=javascript]").count() == 0
        )
    page.goto(f"{hostile}/view?kind=bipartite")
    drawn(page)
    click_node(page, ID + "agency/evil")
    assert page.locator("#details h2").inner_text() == "<img src=x onerror=alert(1)>"
    assert "<script>alert(5)</script>両者は罠に参加する。" in page.locator("#details").inner_text()
    page.goto(f"{hostile}/matrix")
    page.wait_for_load_state("load")
    assert page.locator("tbody th").first.inner_text() == "<img src=x onerror=alert(1)>"
    assert watched.dialogs == []
    assert watched.errors == []
    same_origin(watched, hostile)


def test_offline_file_works_with_the_network_cut_off(
    browser: Browser, build_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "briefing.html"
    assert (
        main(["view", "--kind", "coparticipation", "--build", str(build_dir), "--out", str(out)])
        == 0
    )
    context = browser.new_context(offline=True)
    requests: list[str] = []
    errors: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.abort() if not route.request.url.startswith("file:") else route.continue_()
        ),
    )
    page = context.new_page()
    page.on("request", lambda req: requests.append(req.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(out.as_uri())
    drawn(page)
    assert page.evaluate("[bkgView.nodes.length, bkgView.edges.length]") == [11, 17]
    click_node(page, DSIT)
    page.locator("#details h2").wait_for()
    assert page.locator("#details h2").inner_text() == (
        "Department for Science, Innovation and Technology"
    )
    page.click("[data-set-lang=ja]")
    assert page.evaluate(f"bkgView.nodes.get({DSIT!r}).label") == "科学・イノベーション・技術省"
    assert requests == [out.as_uri()]
    assert errors == []
    context.close()
