"""``/agencies`` and ``/agencies/{id}`` over the bundled graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, REPORT, STATEMENT, items, make_client


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def test_agencies_page_through_all_thirteen(client: TestClient) -> None:
    first = client.get("/agencies", params={"limit": 5}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (13, 5, 0, 5)
    assert first["next"] == "/agencies?offset=5&limit=5"
    assert first["query"] == {"name": "agencies", "href": "/queries/agencies"}
    everything = items(client, "/agencies", limit=5)
    assert len({a["id"] for a in everything}) == 13
    mic = next(a for a in everything if a["id"] == "mic")
    assert mic == {
        "iri": f"{BASE}agency/mic",
        "id": "mic",
        "label": "Ministry of Internal Affairs and Communications",
        "label_en": "Ministry of Internal Affairs and Communications",
        "label_ja": "総務省",
        "abbreviation": "MIC",
        "country": f"{BASE}country/jp",
        "country_id": "jp",
        "country_label": "Japan",
    }


def test_agencies_of_one_country_in_japanese(client: TestClient) -> None:
    page = client.get("/agencies", params={"country": "uk", "lang": "ja"}).json()
    assert [a["id"] for a in page["items"]] == ["dsit", "fcdo", "gds", "ico", "ncsc", "ukri"]
    assert page["items"][0]["label"] == "科学・イノベーション・技術省"
    assert page["next"] is None


def test_agency_detail_with_citations(client: TestClient) -> None:
    response = client.get("/agencies/dsit")
    assert response.status_code == 200
    dsit = response.json()
    assert (dsit["abbreviation"], dsit["label_ja"]) == ("DSIT", "科学・イノベーション・技術省")
    gcot = next(i for i in dsit["initiatives"] if i["id"] == "gcot")
    assert gcot["statements"] == [
        {
            "statement": STATEMENT + "digital-infrastructure/vendor-diversification/b",
            "position": 5,
            "locator": "Pillar 1: Digital infrastructure and technologies"
            " › Telecoms vendor diversification › b",
            "text": gcot["statements"][0]["text"],
            "document": REPORT,
            "document_title": "UK–Japan Digital Partnership: progress report",
            "evidence": "reference",
            "words": ["両者"],
        }
    ]
    assert gcot["evidence"] == "reference"
    assert gcot["statements"][0]["text"].startswith("日英関係省庁は、数々の総務省及び DSIT による")


def test_unknown_agency_is_404(client: TestClient) -> None:
    response = client.get("/agencies/no-such-agency")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "no agency 'no-such-agency'" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/agencies?lang=fr",
        "/agencies?limit=0",
        "/agencies?limit=100000",
        "/agencies?offset=-1",
        "/agencies?country=%3Cscript%3E",
        "/agencies/%3Cimg%20src=x%3E",
        "/agencies/mic?lang=",
    ],
)
def test_bad_parameters_are_client_errors(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/json"
