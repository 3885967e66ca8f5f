"""``/statements`` with every filter, over the bundled graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, STATEMENT, items, make_client


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def _ids(client: TestClient, **params: Any) -> list[str]:
    return [s["id"] for s in items(client, "/statements", **params)]


def test_all_statements_in_document_order(client: TestClient) -> None:
    rows = items(client, "/statements", limit=500)
    assert len(rows) == 48
    assert [r["position"] for r in rows] == list(range(1, 49))
    assert rows[0]["locator"] == "Preamble › 1"


def test_the_query_cuts_the_page(client: TestClient) -> None:
    last = client.get("/statements", params={"limit": 10, "offset": 40}).json()
    assert (last["total"], len(last["items"]), last["next"]) == (48, 8, None)
    assert [s["position"] for s in last["items"]] == list(range(41, 49))
    beyond = client.get("/statements", params={"offset": 100, "pillar": "data"}).json()
    assert (beyond["total"], beyond["items"]) == (5, [])
    middle = client.get("/statements", params={"limit": 2, "offset": 1, "agency": "ppc"}).json()
    assert [s["id"] for s in middle["items"]] == ["jp-uk-dp-2024-progress-ja/data/data/d"]


def test_filters(client: TestClient) -> None:
    assert len(_ids(client, pillar="data")) == 5
    assert len(_ids(client, status="planned")) == 8
    assert _ids(client, agency="ppc") == [
        "jp-uk-dp-2024-progress-ja/data/data/c",
        "jp-uk-dp-2024-progress-ja/data/data/d",
    ]
    assert _ids(client, initiative="gcot") == [
        "jp-uk-dp-2024-progress-ja/digital-infrastructure/vendor-diversification/b"
    ]
    assert _ids(client, agency="meti", theme="semiconductors") == [
        f"jp-uk-dp-2024-progress-ja/digital-infrastructure/semiconductors/{x}"
        for x in ("a", "c", "d", "e")
    ]


def test_one_statement_in_full(client: TestClient) -> None:
    [st] = items(client, "/statements", theme="semiconductors", status="agreed", lang="ja")
    assert st["iri"] == STATEMENT + "digital-infrastructure/semiconductors/e"
    assert st["locator"] == "第一の柱：デジタルインフラ及び技術 › 半導体 › e"
    assert st["text"].startswith("経済産業省と DSIT は、ありうべきさらなる半導体での協力取組")
    assert (st["status"], st["strength"]) == ("agreed", "intention")
    assert (st["date_start"], st["date_end"], st["dates"]) == (
        "2024-01-01",
        "2024-03-31",
        "2024年第1四半期",
    )
    assert st["date_list"] == [
        {
            "text": "2024年第1四半期",
            "surface": "2024 年の最初のクォーター",
            "value": "2024-Q1",
            "precision": "quarter",
        }
    ]
    assert st["actors"] == [f"{BASE}agency/dsit", f"{BASE}agency/meti"]
    assert st["pillar"] == f"{BASE}pillar/digital-infrastructure"


def test_date_range_overlaps(client: TestClient) -> None:
    october = items(client, "/statements", date_from="2023-10-01", date_to="2023-10-31")
    assert len(october) == 6
    assert {'October 2023 ("last October")', "October 2023"} <= {s["dates"] for s in october}
    assert len(items(client, "/statements", date_from="2024-01-01")) == 4


@pytest.mark.parametrize(
    "params",
    [
        {"status": "done"},
        {"date_from": "2023-02-30"},
        {"date_from": "last week"},
        {"date_from": "2024-01-01", "date_to": "2023-01-01"},
        {"pillar": "data pillar"},
        {"limit": "many"},
    ],
)
def test_bad_filters_are_client_errors(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/statements", params=params)
    assert 400 <= response.status_code < 500, response.text
