"""The query page at ``/`` and ``/query``: editor, named queries as examples, results, downloads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, STATEMENT, make_client

from bkg_graph.queries import load_library

SHARED = {
    "example": "shared-initiatives",
    "agencies": f"{BASE}agency/mic {BASE}agency/dsit",
}


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def _downloads(html: str) -> dict[str, str]:
    found = re.search(r'<p class="downloads">(.*?)</p>', html, re.S)
    assert found
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', found.group(1))
    return {label: href.replace("&amp;", "&") for href, label in links}


@pytest.mark.parametrize("path", ["/query"])
def test_page_offers_editor_and_every_named_query(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert '<textarea id="sparql" name="query"' in html
    assert "# title: Agencies" in html  # the starter query
    for name in load_library():
        assert f'<a href="/query?example={name}">' in html
    assert '<link rel="alternate" type="application/json" href="/queries"' in html


def test_page_runs_offline_with_no_inline_script(client: TestClient) -> None:
    response = client.get("/query")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    html = response.text
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/query.js">']
    assert "<style" not in html and " style=" not in html and " on" + "click" not in html
    loads = re.findall(r'<(?:script|link rel="stylesheet")[^>]*(?:src|href)="([^"]+)"', html)
    assert loads == ["/static/site.css", "/static/query.js"]
    for name, media_type in (("site.css", "text/css"), ("query.js", "text/javascript")):
        asset = client.get(f"/static/{name}")
        assert asset.headers["content-type"].startswith(media_type)
        assert "http" not in asset.text


def test_named_query_parameters_become_form_fields(client: TestClient) -> None:
    html = client.get("/query", params={"example": "statements"}).text
    fields = re.findall(r'<input name="([a-z_]+)"', html)
    assert fields == [
        *("pillar", "theme", "agency", "initiative", "status", "date_from", "date_to"),
        *("evidence", "lang", "limit", "offset"),
    ]
    assert '<input name="lang" value="en"' in html
    assert f'placeholder="only this pillar, e.g. {BASE}pillar/data"' in html
    assert "<h2>Results</h2>" in html  # no required parameter: it runs at once


def test_example_with_parameters_runs_and_offers_downloads(client: TestClient) -> None:
    response = client.get("/query", params=SHARED)
    assert response.status_code == 200
    html = response.text
    assert '<p class="count">7 rows</p>' in html
    # an IRI with a label is shown by its label, linked to its page, the IRI on hover
    vb = "digital-infrastructure/vendor-diversification/b"
    gcot_row = (
        f'<a href="/bilateral-kg/id/statement/jp-uk-dp-2024-progress-ja/{vb}" '
        f'title="{STATEMENT}{vb}">Pillar 1: Digital infrastructure and technologies › '
        "Telecoms vendor diversification › b</a>"
    )
    assert gcot_row in html
    assert f'<a href="/bilateral-kg/id/initiative/gcot" title="{BASE}initiative/gcot">' in html
    downloads = _downloads(html)
    assert list(downloads) == ["JSON", "CSV", "TSV", "XML"]
    query = parse_qs(urlsplit(downloads["CSV"]).query)
    assert urlsplit(downloads["CSV"]).path == "/sparql" and query["format"] == ["csv"]
    assert f"<{BASE}agency/mic> <{BASE}agency/dsit>" in query["query"][0]
    table = client.get(downloads["CSV"])
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == 7
    assert rows[0]["thing"] == f"{BASE}initiative/gcot"


def test_example_without_its_required_parameter_shows_the_form(client: TestClient) -> None:
    response = client.get("/query", params={"example": "agency"})
    assert response.status_code == 200
    assert '<input name="agency" value="" required' in response.text
    assert 'class="error"' not in response.text
    assert "<h2>Results</h2>" not in response.text  # not run until the agency is given
    assert "BIND($agency AS ?agency)" in response.text
    bad = client.get("/query", params={"example": "agency", "agency": "mic"})
    assert bad.status_code == 400
    assert "parameter &#39;agency&#39; must be an absolute IRI, got &#39;mic&#39;" in bad.text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("SELEC", 400, "(line 1, column 1)"),
        ("INSERT DATA { <a:b> <a:b> <a:b> }", 403, "INSERT"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 403, "SERVICE"),
    ],
)
def test_errors_are_shown_with_the_query_kept(
    client: TestClient, query: str, status: int, message: str
) -> None:
    response = client.get("/query", params={"query": query})
    assert response.status_code == status
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text, re.S)
    assert error and message in error.group(1)
    assert "<h2>Results</h2>" not in response.text


def test_unknown_example_is_404(client: TestClient) -> None:
    assert client.get("/query", params={"example": "no-such-query"}).status_code == 404


def test_ask_and_construct_answers(client: TestClient) -> None:
    ask = client.get("/query", params={"query": f"ASK {{ <{BASE}agency/mic> a bkg:Agency }}"})
    assert '<p class="boolean">true</p>' in ask.text
    construct = client.get(
        "/query",
        params={
            "query": f"CONSTRUCT {{ <{BASE}agency/mic> rdfs:label ?l }} WHERE {{ <{BASE}agency/mic> rdfs:label ?l }}"
        },
    )
    assert '<p class="count">2 triples</p>' in construct.text
    assert "&#34;総務省&#34;@ja" in construct.text or '"総務省"@ja' in construct.text
    assert list(_downloads(construct.text)) == ["Turtle", "N-Triples", "JSON-LD"]


def test_query_text_is_escaped(client: TestClient) -> None:
    hostile = "SELECT ('</textarea><script>alert(1)</script>' AS ?x) {}"
    html = client.get("/query", params={"query": hostile}).text
    assert "</textarea><script>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_http_iris_and_our_pages_become_links(client: TestClient) -> None:
    query = (
        "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <data:text/html,hi> "
        "<JavaScript:x> <https://example.org/a> <" + BASE + "agency/mic> } }"
    )
    html = client.get("/query", params={"query": query}).text
    hrefs = re.findall(r'<td><a href="([^"]+)"', html)
    assert hrefs == ["https://example.org/a", "/bilateral-kg/id/agency/mic"]
    assert '<span class="iri" title="javascript:alert(1)">javascript:alert(1)</span>' in html
    assert '<span class="iri" title="data:text/html,hi">data:text/html,hi</span>' in html
    assert "Ministry of Internal Affairs and Communications</a>" in html  # its label


def test_long_text_is_folded_and_labels_follow_the_language(client: TestClient) -> None:
    query = f"SELECT ?s ?text WHERE {{ <{STATEMENT}digital-infrastructure/vendor-diversification/b> bkg:text ?text BIND(<{BASE}agency/mic> AS ?s) }}"
    html = client.get("/query", params={"query": query, "lang": "ja"}).text
    assert f'<a href="/bilateral-kg/id/agency/mic" title="{BASE}agency/mic">総務省</a>' in html
    folded = re.search(r'<details class="long"><summary>(.*?)…</summary>', html)
    assert folded and len(folded.group(1)) == 160
    assert folded.group(1).startswith("日英関係省庁は、数々の総務省及び DSIT")
