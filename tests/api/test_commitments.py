"""The commitments tracker: rows, Datasette-style facets, its JSON twin, CSV and XLSX files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from rest_app import STATEMENT, make_client

GCOT_SUPPLY = STATEMENT + "digital-infrastructure/vendor-diversification/d"


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def test_json_twin_lists_every_committing_statement_with_facets(client: TestClient) -> None:
    body = client.get("/commitments", params={"format": "json", "limit": 500}).json()
    assert body["total"] == 20 and len(body["items"]) == 20  # 12 + 7 + 1 of the 48
    assert {i["strength"] for i in body["items"]} == {"commitment", "exploration", "intention"}
    status = {v["value"]: v["count"] for v in body["facets"]["status"]}
    assert status == {"ongoing": 7, "planned": 7, "agreed": 4, "achieved": 1, "welcomed": 1}
    strength = {v["value"]: v["count"] for v in body["facets"]["strength"]}
    assert strength == {"commitment": 12, "exploration": 7, "intention": 1}
    first = body["items"][0]
    assert first["iri"] == GCOT_SUPPLY
    assert (first["owners_jp"], first["owners_uk"]) == (["MIC"], ["DSIT"])
    # dates in the reader's language, the ISO value and the words as written beside
    assert first["dates"] == "2023" and first["date_start"] == "2023-01-01"
    assert first["date_list"] == [
        {"text": "2023", "surface": "2023 年", "value": "2023", "precision": "year"}
    ]
    assert first["owners_collective"] == []
    ja = client.get("/commitments", params={"format": "json", "lang": "ja", "limit": 1}).json()
    assert ja["items"][0]["dates"] == "2023年"
    assert (first["status_words"], first["strength_words"]) == ("コミットした", "コミット")


def test_facets_filter_and_count_over_the_other_facets(client: TestClient) -> None:
    body = client.get(
        "/commitments", params={"format": "json", "status": "planned", "agency": "dsit"}
    ).json()
    # DSIT acts by name in two planned commitments (オンライン安全 b: 「総務省と DSIT は」;
    # デジタル市場 b: 「…英国科学・イノベーション・技術省によって発表された」)
    assert body["total"] == 2
    assert all(i["status"] == "planned" for i in body["items"])
    assert all("DSIT" in i["owners_uk"] for i in body["items"])
    status = {v["value"]: (v["count"], v["selected"]) for v in body["facets"]["status"]}
    assert status["planned"] == (2, True)  # counted with the agency filter, not its own
    # four more where only 日英関係省庁 acts (AI c, インターネットガバナンス b, c, d)
    wide = client.get(
        "/commitments",
        params={
            "format": "json",
            "status": "planned",
            "agency": "dsit",
            "evidence": "named,reference,collective",
        },
    ).json()
    assert wide["total"] == 6
    assert sum(i["owners_collective"] == [] for i in wide["items"]) == 6
    several = client.get(
        "/commitments", params=[("format", "json"), ("status", "planned"), ("status", "achieved")]
    ).json()
    assert several["total"] == 8


def test_html_page_has_the_same_rows_and_links_its_twins(client: TestClient) -> None:
    r = client.get("/commitments", params={"status": "planned"})
    assert r.status_code == 200
    html = r.text
    assert "<strong>7</strong> of 20 commitments" in html
    assert html.count('<span class="status-tag s-planned">planned</span>') == 7
    for fmt, media in (("json", "application/json"), ("csv", "text/csv")):
        assert (
            f'<link rel="alternate" type="{media}" href="/commitments?status=planned&amp;format={fmt}"'
            in html
        )
    assert '<a href="/commitments" title="planned">✕ planned</a>' in html


def test_pages_and_sorting(client: TestClient) -> None:
    body = client.get("/commitments", params={"format": "json", "limit": 5}).json()
    assert len(body["items"]) == 5 and body["total"] == 20
    assert body["next"].endswith("offset=5")
    dated = client.get("/commitments", params={"format": "json", "sort": "date", "limit": 500})
    starts = [i["date_start"] for i in dated.json()["items"] if i["date_start"]]
    assert starts == sorted(starts) and len(starts) >= 3


def test_unknown_values_are_refused_with_the_known_ones(client: TestClient) -> None:
    r = client.get("/commitments", params={"format": "json", "status": "done"})
    assert r.status_code == 400
    assert r.json()["detail"] == (
        "no status 'done'; known: achieved, agreed, ongoing, planned, welcomed"
    )
    assert client.get("/commitments", params={"sort": "colour"}).status_code == 400


def test_csv_keeps_japanese_and_every_filtered_row(client: TestClient) -> None:
    r = client.get("/commitments", params={"format": "csv", "status": "planned", "limit": 1})
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="commitments.csv"'
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 7  # a file holds every row, not one page
    assert {row["Status"] for row in rows} == {"planned"}
    assert any(row["Quoted sentence"].startswith("両国の政府は、日本サイバー") for row in rows)
    dated = [(r["Dates"], r["Dates as written"], r["Dates (ISO)"]) for r in rows if r["Dates"]]
    # in the reader's language, as written, and the ISO value (デジタル市場 b, インターネットガバナンス b)
    assert dated == [("February 2023", "2023 年 2 月", "2023-02"), ("2023", "2023 年", "2023")]


def test_xlsx_opens_with_a_frozen_filtered_header(client: TestClient) -> None:
    r = client.get("/commitments", params={"format": "xlsx", "status": "planned"})
    assert r.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U8"
    header = [c.value for c in sheet[1]]
    assert header[:5] == [
        "Locator", "Japan: owners", "UK: owners", "Through a collective term only", "Initiatives",
    ]  # fmt: skip
    assert header[7:11] == ["Status", "Status decided by", "Strength", "Strength decided by"]
    assert header[11:14] == ["Dates", "Dates as written", "Dates (ISO)"]
    assert header[16] == "Quoted sentence"
    assert sheet.column_dimensions["Q"].width == 80
    quotes = [row[16] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(quotes) == 7
    assert any(str(q).startswith("両国の政府は、日本サイバー") for q in quotes)
