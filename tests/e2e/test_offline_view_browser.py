"""The view a notebook shows inline — ``bkg_api.view(...)`` in an ``<iframe srcdoc>`` — drawn
by headless Chromium (Debian's) from file:// with the network cut off: it draws, nothing is
fetched, and hostile labels stay text inside and outside the frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import HOSTILE
from playwright.sync_api import Browser, Frame

from bkg_api import view
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, open_build

pytestmark = pytest.mark.slow

ID = "https://w3id.org/bilateral-kg/id/"
SETTINGS = Settings(public_url="")


def show_inline(browser: Browser, store: EmbeddedStore, tmp_path: Path, **kw: str) -> Frame:
    """Open a page holding the view's iframe, as a notebook output does, offline."""
    host = tmp_path / "notebook.html"
    frame_html = view(store, settings=SETTINGS, **kw).iframe()
    host.write_text(f"<!doctype html><meta charset=utf-8><h1>Out[1]</h1>{frame_html}")
    context = browser.new_context(offline=True)
    fetched: list[str] = []
    problems: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.abort() if not route.request.url.startswith("file:") else route.continue_()
        ),
    )
    page = context.new_page()
    page.on("request", lambda req: fetched.append(req.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("body[data-drawn='1']").wait_for(state="attached", timeout=30_000)
    inner = page.frames[1]
    assert inner.url == "about:srcdoc"
    page.wait_for_timeout(300)
    assert fetched == [host.as_uri()]  # the frame's page came with it; nothing else
    assert problems == []
    assert page.locator("h1").inner_text() == "Out[1]"  # the host page is untouched
    return inner


def test_notebook_view_draws_offline(browser: Browser, build_dir: Path, tmp_path: Path) -> None:
    frame = show_inline(browser, open_build(build_dir), tmp_path, kind="coparticipation")
    # agencies acting together in a statement, by name or reference (collective terms not asked)
    assert frame.evaluate("[bkgView.nodes.length, bkgView.edges.length]") == [10, 10]
    assert frame.evaluate(f"bkgView.nodes.get('{ID}agency/mic').label") == (
        "Ministry of Internal Affairs and Communications"
    )


def test_hostile_labels_stay_text_in_the_frame(browser: Browser, tmp_path: Path) -> None:
    store = EmbeddedStore.from_files([HOSTILE])
    frame = show_inline(browser, store, tmp_path, kind="bipartite", lang="ja")
    assert frame.evaluate(f"bkgView.nodes.get('{ID}agency/evil').label") == (
        "<img src=x onerror=alert(1)>省"
    )
    assert frame.locator("img, a[href^=javascript]").count() == 0
