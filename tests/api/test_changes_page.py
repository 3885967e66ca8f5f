"""The ``/changes`` page and the tracker's "since" and English columns, on the follow-through
fixture corpus (the Japanese 2024 report, its English excerpt, the English 2025 statement)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient
from followup_corpus import EN_2024, EN_2025, JA_2024, build_followup_corpus
from openpyxl import load_workbook
from rest_app import BASE, make_client

from bkg_graph.summary_en import GENERATED_NOTE

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FRAMEWORK = f"{BASE}statement/{JA_2024}/digital-infrastructure/vendor-diversification/d"
FRAMEWORK_EN = (
    "DSIT and MIC — agreed — Japan–UK Telecommunications Supply Chain Diversification "
    "Cooperation Framework — date named: 2023"
)
SINCE = "Since (later documents: outcome → status)"
ENGLISH = "English (aligned, or generated: not a translation)"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    result = build_followup_corpus(tmp_path_factory.mktemp("changes-page"))
    assert result.out_dir is not None
    return make_client(result.out_dir)


@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    response = client.get("/changes", headers={"accept": BROWSER})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response.text


def _selected(html: str, field: str) -> list[str]:
    select = re.search(rf'<select name="{field}">(.*?)</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]+)" selected>', select.group(1))


def test_a_browser_gets_the_page_for_the_two_latest_councils(client: TestClient, page: str) -> None:
    # the 2024 English excerpt is a translation of the Japanese report: never a council
    assert (_selected(page, "from"), _selected(page, "to")) == ([JA_2024], [EN_2025])
    options = re.findall(r'<option value="([^"]+)"', page)
    assert options[:3] == [EN_2025, EN_2024, JA_2024]
    assert f"— translation of {JA_2024}</option>" in page
    counts = dict(re.findall(r'<span class="count" id="count-([a-z-]+)">(\d+)</span>', page))
    assert counts == {
        "new": "4",
        "progressed": "2",
        "unchanged": "1",
        "status-unclear": "1",
        "not-mentioned": "16",
    }
    link = client.get("/changes", headers={"accept": BROWSER}).headers["link"]
    assert link == (
        f'</changes?from={JA_2024}&to={EN_2025}&lang=en&format=json>; rel="alternate"; '
        'type="application/json"'
    )


def test_the_page_quotes_both_sides_and_labels_the_generated_line(page: str) -> None:
    item = re.search(
        r'<li class="change">(?:(?!</li>).)*?vendor-diversification/d"(?:(?!</li>).)*</li>',
        page,
        re.S,
    )
    assert item is not None
    html = item.group(0)
    assert "Then</small>" in html and "Later</small>" in html
    assert '<span class="status-tag s-agreed">agreed</span>' in html
    assert '<span class="status-tag s-achieved">achieved</span>' in html
    assert (
        f'<small class="english-label">generated, not a translation</small> {FRAMEWORK_EN}' in html
    )
    assert "confident match" in html
    # an English sentence has no English line of its own
    assert page.count('class="english-label"') == 20


def test_uncertain_matches_are_visibly_marked(page: str) -> None:
    # the three semiconductor commitments nothing names again, though an agency acts on
    assert page.count('<li class="change uncertain">') == 3
    assert page.count("⚠ uncertain match</strong>") == 3


def test_counts_per_pillar_and_agency(page: str) -> None:
    row = re.search(r'<th scope="row">Pillar 2: Data</th>((?:<td class="num">\d+</td>)+)', page)
    assert row is not None
    assert re.findall(r"\d+", row.group(1)) == ["1", "0", "0", "1", "1"]
    ppc = re.search(r'<th scope="row">PPC</th>((?:<td class="num">\d+</td>)+)', page)
    assert ppc is not None
    assert re.findall(r"\d+", ppc.group(1)) == ["0", "0", "0", "1", "0"]


def test_json_stays_the_default_and_format_beats_accept(client: TestClient) -> None:
    plain = client.get("/changes")
    assert plain.headers["content-type"] == "application/json"
    assert (plain.json()["from"], plain.json()["to"]) == (JA_2024, EN_2025)
    forced = client.get("/changes", params={"format": "json"}, headers={"accept": BROWSER})
    assert forced.headers["content-type"] == "application/json"
    assert forced.json()["counts"]["not-mentioned"] == 16
    html = client.get("/changes", params={"format": "html", "from": JA_2024, "to": EN_2025})
    assert html.headers["content-type"] == "text/html; charset=utf-8"


def test_the_page_in_japanese(client: TestClient) -> None:
    html = client.get("/changes", params={"lang": "ja", "format": "html"}).text
    assert '<html lang="ja">' in html
    assert "<h1>二つの会合の間で何が変わったか</h1>" in html
    assert "自動生成（翻訳ではありません）" in html


def test_unknown_document_on_the_page_is_a_404_page(client: TestClient) -> None:
    response = client.get(
        "/changes", params={"from": "nope", "to": EN_2025}, headers={"accept": BROWSER}
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


@pytest.fixture(scope="module")
def tracker(client: TestClient) -> list[dict[str, Any]]:
    body = client.get("/commitments", params={"format": "json", "limit": 500}).json()
    items: list[dict[str, Any]] = body["items"]
    return items


def test_since_column_agrees_with_changes(
    client: TestClient, tracker: list[dict[str, Any]]
) -> None:
    framework = next(i for i in tracker if i["iri"] == FRAMEWORK)
    assert framework["since"] == [
        {
            "document": EN_2025,
            "issued": "2025-03-20",
            "outcome": "progressed",
            "confidence": "confident",
            "follow_up": f"{BASE}statement/{EN_2025}/digital-infrastructure/"
            "vendor-diversification/b",
            "status": "achieved",
        }
    ]
    # each 2024 commitment once, in the group /changes puts it in; the 2025 ones have no later
    answer = client.get("/changes", params={"from": JA_2024, "to": EN_2025}).json()
    outcomes = Counter(e["outcome"] for i in tracker for e in i["since"])
    assert outcomes == {g: answer["counts"][g] for g in outcomes}
    assert sum(outcomes.values()) == 20
    assert [i["since"] for i in tracker if i["document"].endswith(EN_2025)] == [[]] * 6


def test_generated_english_beside_japanese_only_in_english(
    client: TestClient, tracker: list[dict[str, Any]]
) -> None:
    framework = next(i for i in tracker if i["iri"] == FRAMEWORK)
    assert framework["english"] == {"text": FRAMEWORK_EN, "generated": True, "note": GENERATED_NOTE}
    assert Counter(bool(i["english"]) for i in tracker) == {True: 20, False: 6}
    ja = client.get("/commitments", params={"format": "json", "limit": 500, "lang": "ja"}).json()
    assert {i["english"] is None for i in ja["items"]} == {True}
    html = client.get("/commitments", params={"limit": 500}).text
    assert html.count("generated, not a translation</small>") == 20
    assert html.count(f'<a href="/changes?from={JA_2024}&amp;to={EN_2025}&amp;lang=en">') == 20


def test_csv_and_xlsx_carry_since_and_english(client: TestClient) -> None:
    r = client.get("/commitments", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    (framework,) = [row for row in rows if row["Statement IRI"] == FRAMEWORK]
    assert framework[SINCE] == f"{EN_2025} (2025-03-20): progressed → achieved"
    assert framework[ENGLISH] == f"[generated, not a translation] {FRAMEWORK_EN}"
    semis = [row[SINCE] for row in rows if "› Semiconductors › c" in row["Locator"]]
    assert semis == [f"{EN_2025} (2025-03-20): not-mentioned, uncertain match"]
    x = client.get("/commitments", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(x.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[17:19] == [ENGLISH, SINCE]
    cells = {row[20]: (row[17], row[18]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[FRAMEWORK] == (framework[ENGLISH], framework[SINCE])
