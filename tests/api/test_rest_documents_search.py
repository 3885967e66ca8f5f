"""``/documents`` and ``/search`` over the bundled graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, REPORT, items, make_client


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def test_documents(client: TestClient) -> None:
    docs = items(client, "/documents")
    assert len(docs) == 18
    report = docs[0]
    assert (report["iri"], report["issued"], report["statements"]) == (REPORT, "2024-01-16", 48)
    assert report["title_ja"] == "日英デジタル・パートナーシップ 進捗報告書"
    cited = {d["id"]: d["cited_by"] for d in docs}
    assert cited["hiroshima-ai-work-plan"] == 2


@pytest.mark.parametrize("words", ["広島AIプロセス", "広島 AI プロセス", "hiroshima ai process"])
def test_search_finds_the_hiroshima_ai_process(client: TestClient, words: str) -> None:
    page = client.get("/search", params={"q": words}).json()
    first = page["items"][0]
    assert (first["iri"], first["kind"], first["label"]) == (
        f"{BASE}initiative/hiroshima-ai-process",
        "Process",
        "Hiroshima AI Process",
    )
    assert page["query"]["name"] == "search"


def test_search_full_width_abbreviation(client: TestClient) -> None:
    hits = items(client, "/search", q="ＤＳＩＴ")
    assert (hits[0]["iri"], hits[0]["matched"]) == (f"{BASE}agency/dsit", "DSIT")
    assert {h["kind"] for h in hits[1:]} == {"Statement"}
    assert all("DSIT" in h["text"] for h in hits[1:])


@pytest.mark.parametrize("q", ["", " ", "x" * 201, "・"])
def test_bad_search_words(client: TestClient, q: str) -> None:
    response = client.get("/search", params={"q": q})
    assert 400 <= response.status_code < 500, response.text
