"""The analyst's pages in headless Chromium against a real `bkg serve`: home and search,
shared initiatives, readable query results, the API docs and an error page.

Each page must obey the site's policy — no console error (a CSP violation is one), no
request leaving the origin. With ``BKG_SCREENSHOTS=DIR`` (``make screenshots``) each test
also saves what the analyst sees, for the README.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from chromium import Watched
from followup_corpus import EN_2025, JA_2024, build_followup_corpus
from openpyxl import load_workbook
from playwright.sync_api import Page

pytestmark = pytest.mark.slow

ID = "https://w3id.org/bilateral-kg/id/"


def shot(page: Page, name: str, at: str | None = None) -> None:
    """Save a screenshot of ``page`` (scrolled to ``at``) if screenshots were asked for."""
    folder = os.environ.get("BKG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        if at:
            page.locator(at).first.evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def loaded_with_status(watched: Watched, status: int) -> None:
    """Forget the one console error Chromium logs for a page answered with ``status``."""
    expected = f"error: Failed to load resource: the server responded with a status of {status}"
    assert [e for e in watched.errors if e.startswith(expected)] != []
    watched.errors = [e for e in watched.errors if not e.startswith(expected)]


def test_home_search_finds_an_initiative_by_its_abbreviation(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(report + "/")
    assert page.inner_text("h1") == "Japan–UK commitments, traced to their sentences"
    questions = page.locator(".cards li strong").all_inner_texts()
    assert questions[0] == "Which agencies share initiatives?"
    assert questions[3] == "Show me the network"
    council = page.locator(".partnership tbody tr").first.inner_text()
    assert "Second Japan–UK Digital Council" in council and "48" in council
    shot(page, "home")
    page.fill("#q", "ＧＣＯＴ")  # full-width, as a Japanese keyboard may type it
    with page.expect_navigation():
        page.press("#q", "Enter")
    first = page.locator(".hits li").first
    assert first.locator("a").inner_text() == "Global Coalition on Telecommunications"
    shot(page, "home-search")
    with page.expect_navigation():
        first.locator("a").click()
    assert page.url == report + "/bilateral-kg/id/initiative/gcot"
    watched.clean(report)


def test_home_in_japanese(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(report + "/?lang=ja")
    assert page.inner_text("h1") == "日英の取組を、根拠の文まで"
    assert page.locator("html").get_attribute("lang") == "ja"
    watched.clean(report)


def wait_until(page: Page, predicate: str, timeout: float = 30.0) -> None:
    """Poll ``predicate`` (a function, called through the browser's protocol, so the page's
    CSP, which forbids evaluating strings, does not apply) until it is true."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"{predicate} still false after {timeout} s"
        time.sleep(0.05)


def test_shared_initiatives_of_two_agencies_typed_by_name(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(report + "/shared")
    # waited for without evaluating a string in the page, which its CSP forbids
    page.locator("#agency-names option").nth(20).wait_for(state="attached")
    options = page.locator("#agency-names option").evaluate_all("os => os.map(o => o.value)")
    assert "MIC" in options and "DSIT" in options and "総務省" in options
    fields = page.locator("input[name=agency]")
    fields.nth(0).fill("総務省")
    fields.nth(1).fill("dsit")
    with page.expect_navigation():
        page.click("button[type=submit]")
    # by name or 両者; what only 日英関係省庁 gives is apart, labelled
    assert page.inner_text(".shared h2").startswith("6 initiatives and events shared by")
    first = page.locator(".item").first
    assert first.locator("h3 a").inner_text() == "Global Coalition on Telecommunications"
    assert "両者は、新たな電気通信に関するグローバル連合 (GCOT)" in first.inner_text()
    assert first.locator(".ev").inner_text() == "by reference (both sides)"
    assert page.inner_text(".collective-only h2") == "Only through a collective term (11)"
    assert page.locator(".collective-only .item.collective").count() == 11
    cell = page.locator("a:text('Counterpart matrix: MIC × DSIT')")
    assert cell.get_attribute("href") == "/matrix?lang=en#cell-mic-dsit"
    twin = page.locator(".shared a[type='application/json']").get_attribute("href")
    assert twin == "/shared-initiatives?agency=mic&agency=dsit&lang=en"
    shot(page, "shared")
    page.check("input[name=evidence]")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.inner_text(".shared h2").startswith("17 initiatives and events shared by")
    assert page.locator(".collective-only").count() == 0
    assert page.locator("input[name=evidence]").is_checked()
    watched.clean(report)


def test_profiles_show_evidence_kinds_and_offer_a_briefing(
    watched: Watched, report: str, tmp_path: Path
) -> None:
    page = watched.page
    page.goto(report + "/bilateral-kg/id/initiative/hiroshima-ai-process")
    profile = page.locator("section.profile")
    assert profile.locator(".side h3").all_inner_texts() == ["Others"]
    assert profile.locator(".collective-only h4").all_inner_texts() == ["Japan", "United Kingdom"]
    shot(page, "initiative-profile", at="section.profile")
    page.goto(report + "/bilateral-kg/id/agency/mic")
    assert page.inner_text("section.profile h2 >> nth=1") == "Initiatives and events it acts on (7)"
    shot(page, "agency-profile", at="section.profile")
    with page.expect_download() as download:
        page.click("nav.briefing a:text-is('Word')")
    assert download.value.suggested_filename == "bkg-brief-mic-en.docx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"  # a zip: the Word file
    watched.clean(report)


def test_shared_offers_names_for_one_it_cannot_place(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(report + "/shared?agency=MIC&agency=Ministry")
    assert "No single agency is called “Ministry”" in page.inner_text(".problem")
    assert page.locator(".problem li").count() >= 2
    loaded_with_status(watched, 400)
    watched.clean(report)


def test_tracker_filtered_to_planned_downloads_as_xlsx(
    watched: Watched, report: str, tmp_path: Path
) -> None:
    page = watched.page
    page.goto(report + "/")
    with page.expect_navigation():
        page.click("text=What did the partnership commit to, and what is done?")
    assert page.locator(".summary").inner_text().startswith("20 of 20 commitments")
    with page.expect_navigation():
        page.click(".facet a[title=planned]")
    assert page.locator(".summary").inner_text().startswith("7 of 20 commitments")
    assert page.locator(".tracker-table tbody tr").count() == 7
    shot(page, "commitments")
    with page.expect_download() as download:
        page.click(".downloads a:text-is('XLSX')")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "commitments.xlsx"
    sheet = load_workbook(saved).active
    assert sheet is not None and sheet.freeze_panes == "A2"
    statuses = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert statuses == ["planned"] * 7
    watched.clean(report)


def test_query_results_show_names_not_iris(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(report + f"/query?example=shared-initiatives&agencies={ID}agency/mic+{ID}agency/dsit")
    link = page.locator(".results tbody tr").first.locator("a").first
    assert link.inner_text() == "Global Coalition on Telecommunications"
    assert link.get_attribute("title") == f"{ID}initiative/gcot"
    height = page.evaluate("document.querySelector('.results table').offsetHeight")
    assert height < 6_000  # long sentences folded, names not IRIs (it was ~24,000 px)
    shot(page, "query", at=".results")
    watched.clean(report)


def test_api_docs_list_operations_and_try_one(watched: Watched, report: str) -> None:
    page = watched.page
    page.goto(report + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/agencies" in paths and "/shared-initiatives" in paths
    assert page.locator("text=Unable to render this definition").count() == 0
    shot(page, "api-docs")
    op = page.locator("#operations-agencies-list_agencies_agencies_get")
    op.locator(".opblock-summary").click()
    op.locator("button.try-out__btn").click()
    op.locator("button.execute").click()
    status = op.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert '"total":' in op.locator(".live-responses-table .microlight").first.inner_text()
    watched.clean(report)


def test_a_browser_404_is_a_readable_page(watched: Watched, report: str) -> None:
    page = watched.page
    response = page.goto(report + "/bilateral-kg/id/initiative/no-such-thing")
    assert response is not None and response.status == 404
    assert page.inner_text("h1") == "404 · Not Found"
    with page.expect_navigation():
        page.click("text=Search the graph for")
    assert page.url == report + "/?q=no+such+thing&lang=en"
    loaded_with_status(watched, 404)
    watched.clean(report)


def test_an_analysts_path(watched: Watched, report: str) -> None:
    """Home → search GCOT → its profile → shared initiatives of MIC and DSIT → the network
    view of one → the tracker, all in the site's frame, under its policy."""
    page = watched.page
    page.goto(report + "/")
    page.fill("#q", "GCOT")
    with page.expect_navigation():
        page.press("#q", "Enter")
    with page.expect_navigation():
        page.click(".hits a:text-is('Global Coalition on Telecommunications')")
    assert page.inner_text(".profile h2") == "Who takes part, per side"
    assert "Department for Science, Innovation and Technology" in page.inner_text(".profile")
    shot(page, "initiative-profile")
    with page.expect_navigation():
        page.click("header.site >> text=Shared initiatives")
    page.locator("input[name=agency]").nth(0).fill("MIC")
    page.locator("input[name=agency]").nth(1).fill("DSIT")
    with page.expect_navigation():
        page.click("button[type=submit]")
    with page.expect_navigation():
        page.locator(".item").first.locator("text=Show in the network").click()
    wait_until(page, "() => !!(window.bkgView && window.bkgView.drawn)")
    assert "/view?focus=" in page.url
    with page.expect_navigation():
        page.click("header.site >> text=Home")
    with page.expect_navigation():
        page.click("text=What did the partnership commit to, and what is done?")
    assert page.locator(".tracker-table tbody tr").count() == 20
    watched.clean(report)


@pytest.fixture(scope="module")
def followup(serve: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A server of the follow-through fixture: the 2024 report, its English excerpt and the
    2025 joint statement. Served as the built file (``--data``): ``--build`` would rebuild it
    from the bundled corpus, which does not hold the two fixtures."""
    result = build_followup_corpus(tmp_path_factory.mktemp("followup"))
    assert result.out_dir is not None
    return serve("--data", str(result.out_dir / "kg.nq"))


def test_an_analysts_path_ends_on_what_changed(watched: Watched, followup: str) -> None:
    """Home → the tracker, whose "since" column says what became of a 2024 commitment →
    home → "What changed since the last council?" → the two councils picked → both sides."""
    page = watched.page
    page.goto(followup + "/")
    with page.expect_navigation():
        page.click("text=What did the partnership commit to, and what is done?")
    framework = f"{ID}statement/{JA_2024}/digital-infrastructure/vendor-diversification/d"
    row = page.locator(f".tracker-table tbody tr:has(a[title='{framework}'])")
    assert row.locator("td.since").inner_text() == "2025-03-20: Progressed → achieved"
    assert row.locator(".english-label").inner_text() == "generated, not a translation"
    with page.expect_navigation():
        page.click("header.site >> text=Home")
    with page.expect_navigation():
        page.click("text=What changed since the last council?")
    page.select_option("select[name=from]", JA_2024)
    page.select_option("select[name=to]", EN_2025)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert f"from={JA_2024}&to={EN_2025}" in page.url
    assert page.inner_text("h1") == "What changed between two councils"
    counts = {
        g: page.inner_text(f"#count-{g}")
        for g in ("new", "progressed", "unchanged", "status-unclear", "not-mentioned")
    }
    assert counts == {
        "new": "4",
        "progressed": "2",
        "unchanged": "1",
        "status-unclear": "1",
        "not-mentioned": "16",
    }
    assert page.locator("li.change.uncertain .uncertain-tag").count() == 3
    assert page.locator("li.change.uncertain").first.is_visible()
    progressed = page.locator("#g-progressed li.change").first
    assert progressed.locator(".change-side").count() == 2
    assert "generated, not a translation" in progressed.inner_text()
    shot(page, "changes", at="#g-progressed")
    watched.clean(followup)


def test_hostile_labels_stay_text_on_every_analyst_page(watched: Watched, hostile: str) -> None:
    page = watched.page
    for path in (
        "/?q=%E4%B8%A1%E8%80%85",  # 両者: the statement whose text carries a script
        "/?q=img",
        "/shared?agency=evil&agency=dsit",
        "/commitments",
        "/changes",
        "/bilateral-kg/id/agency/evil",
        "/bilateral-kg/id/initiative/trap",
    ):
        page.goto(hostile + path)
        page.wait_for_timeout(200)
    page.goto(hostile + "/shared?agency=evil&agency=dsit")
    item = page.locator(".item").first
    assert item.locator("h3 a").inner_text() == '<a href="javascript:alert(3)">click</a>'
    assert "<script>alert(5)</script>両者は罠に参加する。" in item.inner_text()
    page.goto(hostile + "/?q=img")
    assert page.locator(".hits a").first.inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator("img").count() == 0
    watched.clean(hostile)
