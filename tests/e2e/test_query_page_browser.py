"""The query page and entity pages in headless Chromium (Debian's) against a real `bkg serve`.

Checks what a user does — run a query with Ctrl+Enter, load a named query and fill in its
parameters, follow links from an entity page — and that the pages obey their own policy: no
console error (a Content-Security-Policy violation is one), no request leaving the origin, and
with a graph of hostile labels, no injected script ever runs.
"""

from __future__ import annotations

import pytest
from chromium import Watched

pytestmark = pytest.mark.slow

ID = "https://w3id.org/bilateral-kg/id/"


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
    page.click(".examples >> text=Shared initiatives")
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


def test_hostile_labels_stay_text(watched: Watched, hostile: str) -> None:
    origin = hostile
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
