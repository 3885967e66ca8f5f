"""The views in a real browser: headless Chromium (Debian's) against a real `bkg serve`.

Each page is checked for what it draws (read from vis-network's DataSets), what a click
shows, the language switch, console errors, requests leaving the origin and — with a graph
of hostile labels — that nothing injected ever runs. The offline file of `bkg view` is
opened from file:// with the network cut off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import Watched
from playwright.sync_api import Browser, Page

from bkg_api.cli import main

pytestmark = pytest.mark.slow

ID = "https://w3id.org/bilateral-kg/id/"
MIC, DSIT = ID + "agency/mic", ID + "agency/dsit"


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
    assert counts == [10, 10]
    assert page.evaluate(f"bkgView.nodes.get({MIC!r}).label") == (
        "Ministry of Internal Affairs and Communications"
    )
    click_node(page, MIC)
    details = page.locator("#details")
    details.locator("h2").wait_for()
    assert details.locator("h2").inner_text() == "Ministry of Internal Affairs and Communications"
    text = details.inner_text()
    assert "総務省" in text  # the other language's label
    assert "Department for Science, Innovation and Technology (7 cited)" in text
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
    assert page.locator('td a[href="#cell-mic-dsit"]').inner_text() == "6 (+1) / 4"
    page.click("[data-set-lang=ja]")
    assert page.locator("h1").inner_text() == "日英の省庁の組み合わせ"
    assert watched.errors == []
    same_origin(watched, report)


def test_edges_are_drawn_by_their_evidence(watched: Watched, report: str) -> None:
    """Solid when named, dashed through 両者, dotted and lighter through 日英関係省庁 only."""
    page = watched.page
    page.goto(f"{report}/view?kind=bipartite&evidence=named,reference,collective")
    drawn(page)
    shown = page.evaluate(
        "bkgView.data.edges.map(e => [e.evidence, JSON.stringify(bkgView.edges.get(e.id).dashes),"
        " (bkgView.edges.get(e.id).color || {}).color || ''])"
    )
    styles = {(kind, dashes, colour) for kind, dashes, colour in shown}
    assert styles == {
        ("named", "false", ""),
        ("reference", "true", ""),
        ("collective", "[2,5]", "#d0d0d0"),
    }
    legend = page.locator(".legend").inner_text()
    assert "dotted, lighter: only through a collective term (日英関係省庁)" in legend
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
    assert page.evaluate("[bkgView.nodes.length, bkgView.edges.length]") == [10, 10]
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
