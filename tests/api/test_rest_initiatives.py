"""``/initiatives``, ``/initiatives/{id}`` and ``/shared-initiatives`` over the bundled graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, STATEMENT, items, make_client


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in rows}


def test_initiatives_with_counts(client: TestClient) -> None:
    rows = _by_id(items(client, "/initiatives", limit=10))
    assert len(rows) == 25
    gcot = rows["gcot"]
    assert (gcot["kind"], gcot["abbreviation"], gcot["agencies"], gcot["statements"]) == (
        "Coalition",
        "GCOT",
        2,
        1,
    )
    everyone = _by_id(
        items(client, "/initiatives", limit=50, evidence="named,reference,collective")
    )
    assert everyone["gcot"]["agencies"] == 4
    assert rows["hiroshima-ai-process"]["label_ja"] == "広島 AI プロセス"


def test_initiative_detail_lists_agencies_with_supporting_statements(client: TestClient) -> None:
    gcot = client.get("/initiatives/gcot", params={"lang": "ja"}).json()
    assert gcot["label"] == "電気通信に関するグローバル連合"
    assert gcot["aliases"] == ["新たな電気通信に関するグローバル連合"]
    participants = _by_id(gcot["participants"])
    assert sorted(participants) == ["dsit", "mic"]
    assert [p["evidence"] for p in gcot["participants"]] == ["reference", "reference"]
    assert [r["iri"] for r in gcot["collective_only"]] == [
        f"{BASE}agency/digital-agency",
        f"{BASE}agency/meti",
    ]
    [cite] = participants["mic"]["statements"]
    assert (cite["evidence"], cite["words"]) == ("reference", ["両者"])
    assert cite["statement"] == STATEMENT + "digital-infrastructure/vendor-diversification/b"
    assert cite["locator"] == "第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › b"
    assert cite["document_title"] == "日英デジタル・パートナーシップ 進捗報告書"
    partnership = client.get("/initiatives/jp-uk-digital-partnership").json()
    assert [p["iri"] for p in partnership["parties"]] == [f"{BASE}country/jp", f"{BASE}country/uk"]


def test_unknown_initiative_is_404(client: TestClient) -> None:
    assert client.get("/initiatives/mic").status_code == 404


def test_mic_and_dsit_share_gcot_through_vendor_diversification_b(client: TestClient) -> None:
    shared = _by_id(items(client, "/shared-initiatives", agency=["mic", "dsit"]))
    [cite] = shared["gcot"]["statements"]
    assert cite["statement"] == STATEMENT + "digital-infrastructure/vendor-diversification/b"
    assert cite["agencies"] == [f"{BASE}agency/dsit", f"{BASE}agency/mic"]
    assert shared["telecom-supply-chain-framework"]["kind"] == "Framework"


def test_meti_and_dsit_share_the_semiconductor_workshop(client: TestClient) -> None:
    shared = _by_id(items(client, "/shared-initiatives", agency=["meti", "dsit"]))
    workshop = shared["semiconductor-workshop-2024"]
    assert workshop["label"] == "Japan–UK industry–academia–government semiconductor workshop"
    assert [c["statement"] for c in workshop["statements"]] == [
        STATEMENT + "digital-infrastructure/semiconductors/e"
    ]
    three = _by_id(items(client, "/shared-initiatives", agency=["meti", "dsit", "mic"]))
    assert "semiconductor-workshop-2024" not in three
    assert "gcot" not in three  # METI takes part in GCOT only through 日英関係省庁
    everyone = {"agency": ["meti", "dsit", "mic"], "evidence": "named,reference,collective"}
    three = _by_id(items(client, "/shared-initiatives", **everyone))
    assert "gcot" in three
    assert [c["evidence"] for c in three["gcot"]["statements"]] == ["reference"]


@pytest.mark.parametrize(
    "params",
    [
        {"agency": "mic"},
        {"agency": ["mic", "mic"]},
        {"agency": ["mic", "dsit"], "lang": "de"},
        {"agency": ["mic", "<b>"]},
        {},
    ],
)
def test_shared_initiatives_bad_parameters(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/shared-initiatives", params=params)
    assert 400 <= response.status_code < 500, response.text
