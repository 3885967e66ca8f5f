"""Malformed requests of every kind get the right 4xx, and every error the one JSON envelope."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from bkg_api.app import create_app
from bkg_graph.errors import NotFound, ValidationFailed
from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore

DIRECT = {"Content-Type": "application/sparql-query"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def error(response: Response, status: int, code: str) -> dict[str, Any]:
    """The envelope of an error answer, checked: exactly error and detail (+ line, column),
    and the request's id, which is also its X-Request-ID header (returned without it)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert body.pop("request_id") == response.headers["x-request-id"]
    assert body["error"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) in ({"error", "detail"}, {"error", "detail", "line", "column"})
    return body


def test_a_syntax_error_is_a_400_that_says_where(sparql_client: TestClient) -> None:
    body = error(
        sparql_client.get("/sparql", params={"query": "SELECT *\nWHERE { ?s ?p }"}),
        400,
        "bad_query",
    )
    assert (body["line"], body["column"]) == (2, 16)  # where the engine gave up
    assert body["detail"].startswith("SPARQL syntax error at line 2, column 16: expected")
    body = error(sparql_client.post("/sparql", content="ASK {", headers=DIRECT), 400, "bad_query")
    assert (body["line"], body["column"]) == (1, 6)


@pytest.mark.parametrize(
    ("method", "url", "headers", "body", "status", "code", "detail"),
    [
        ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", {}, None, 400, "bad_request",
         "2 queries sent; send exactly one"),
        ("GET", "/sparql?query=", {}, None, 400, "bad_query",
         "empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE"),
        ("GET", "/sparql?query=HELLO", {}, None, 400, "bad_query",
         "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found 'HELLO' (line 1, column 1)"),
        ("POST", "/sparql", {}, b"ASK {}", 415, "unsupported_media_type",
         "POST a query as application/sparql-query or application/x-www-form-urlencoded, "
         "not a body without Content-Type"),
        ("POST", "/sparql", {"Content-Type": "text/plain"}, b"ASK {}", 415, "unsupported_media_type",
         "POST a query as application/sparql-query or application/x-www-form-urlencoded, "
         "not text/plain"),
        ("POST", "/sparql", {"Content-Type": "application/sparql-query; charset=UTF-16"},
         "ASK {}".encode("utf-16"), 415, "unsupported_media_type",
         "queries must be UTF-8, not utf-16"),
        ("POST", "/sparql", DIRECT, b"ASK { ?s ?p '\xff' }", 400, "bad_request",
         "the body is not UTF-8 (byte 13): send UTF-8"),
        ("POST", "/sparql", FORM, b"format=json", 400, "bad_request",
         "no query: send the SPARQL query as `query`"),
        ("POST", "/sparql", FORM, b"query=ASK%7B%7D&query=ASK%7B%7D", 400, "bad_request",
         "2 queries sent; send exactly one"),
        ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri", {}, None, 400,
         "bad_query", "bad graph IRI in the request: Invalid IRI code point ' '"),
        ("GET", "/sparql?query=ASK%7B%7D", {"Accept": "image/png"}, None, 406, "not_acceptable",
         "none of Accept: image/png can be produced; available: application/sparql-results+json, "
         "application/sparql-results+xml, text/csv, text/tab-separated-values"),
        ("GET", "/sparql?query=ASK%7B%7D&format=png", {}, None, 406, "not_acceptable",
         "format='png' is not available here; available: application/sparql-results+json, "
         "application/sparql-results+xml, text/csv, text/tab-separated-values"),
        ("GET", "/sparql?query=CONSTRUCT%20WHERE%20%7B%7D&format=csv", {}, None, 406,
         "not_acceptable", "format='csv' is not available here; available: text/turtle, "
         "application/n-triples, application/ld+json, application/rdf+xml"),
        ("GET", "/sparql", {"Accept": "text/csv"}, None, 406, "not_acceptable",
         "none of Accept: text/csv can be produced; available: text/turtle, "
         "application/n-triples, application/ld+json, application/rdf+xml"),
        ("PUT", "/sparql?query=ASK%7B%7D", FORM, b"", 405, "method_not_allowed",
         "PUT is not allowed on /sparql"),
        ("DELETE", "/sparql", {}, None, 405, "method_not_allowed",
         "DELETE is not allowed on /sparql"),
        ("GET", "/no/such/thing", {}, None, 404, "not_found", "nothing at /no/such/thing"),
    ],
)  # fmt: skip
def test_malformed_requests(
    sparql_client: TestClient,
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None,
    status: int,
    code: str,
    detail: str,
) -> None:
    response = sparql_client.request(method, url, headers=headers, content=body)
    assert error(response, status, code)["detail"] == detail


def test_405_lists_the_allowed_methods(sparql_client: TestClient) -> None:
    response = sparql_client.put("/sparql")
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}


def test_oversized_queries_are_refused(sparql_client: TestClient) -> None:
    query = "ASK {}" + " " * 1_994  # 2,000 bytes: the limit
    assert sparql_client.post("/sparql", content=query, headers=DIRECT).status_code == 200
    too_long = query + " "
    for response in (
        sparql_client.post("/sparql", content=too_long, headers=DIRECT),
        sparql_client.get("/sparql", params={"query": too_long}),
    ):
        body = error(response, 413, "query_too_large")
        assert body["detail"] == "the query is 2,001 bytes long; the limit is 2,000 bytes"
    body = error(
        sparql_client.post("/sparql", content=b" " * 70_000, headers=DIRECT), 413, "query_too_large"
    )
    assert body["detail"] == "the request body is over 67,536 bytes"


def test_a_wrong_parameter_type_is_a_422_in_the_envelope(
    protocol_settings: Settings, protocol_store: GraphStore
) -> None:
    app = create_app(protocol_settings, protocol_store)

    @app.get("/typed")
    def typed(n: int) -> dict[str, int]:
        return {"n": n}

    body = error(TestClient(app).get("/typed", params={"n": "many"}), 422, "invalid_parameter")
    assert (
        body["detail"] == "n: Input should be a valid integer, unable to parse string as an integer"
    )


def test_a_bug_is_a_500_never_a_disguised_400(
    protocol_settings: Settings, protocol_store: GraphStore
) -> None:
    app = create_app(protocol_settings, protocol_store)

    @app.get("/bug")
    def bug() -> None:
        raise ZeroDivisionError("a bug")

    @app.get("/invalid")
    def invalid() -> None:
        raise ValidationFailed("the built graph does not conform")

    client = TestClient(app, raise_server_exceptions=False)
    body = error(client.get("/bug"), 500, "internal_error")
    assert body["detail"] == "an unexpected error occurred on the server"
    error(client.get("/invalid"), 500, "internal_error")
    with pytest.raises(ZeroDivisionError):
        TestClient(app).get("/bug")


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_a_browser_gets_the_error_as_a_page_and_a_script_the_envelope(
    sparql_client: TestClient,
) -> None:
    page = sparql_client.get("/no-such-page", headers={"accept": BROWSER})
    assert page.status_code == 404
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src")
    assert "<h1>404 · Not Found</h1>" in page.text
    assert '<p class="detail" role="alert">nothing at /no-such-page</p>' in page.text
    assert '<a href="/?q=no+such+page&amp;lang=en">' in page.text
    assert '<a href="/?lang=en">Back to the home page</a>' in page.text
    for accept in ("*/*", "application/json", "application/json,text/html;q=0.5", ""):
        error(sparql_client.get("/no-such-page", headers={"accept": accept}), 404, "not_found")


def test_a_browser_sees_a_bad_query_with_its_message_and_in_japanese_if_asked(
    sparql_client: TestClient,
) -> None:
    page = sparql_client.get(
        "/sparql",
        params={"query": "SELECT *\nWHERE { ?s ?p }", "lang": "ja"},
        headers={"accept": BROWSER},
    )
    assert page.status_code == 400
    assert '<html lang="ja">' in page.text
    assert "<h1>400 · Bad Request</h1>" in page.text
    assert "SPARQL syntax error at line 2, column 16: expected" in page.text
    assert "<code>bad_query</code>" in page.text
    assert "ホームに戻る" in page.text


def test_suggestions_an_error_carries_are_listed_on_its_page(
    protocol_settings: Settings, protocol_store: GraphStore
) -> None:
    app = create_app(protocol_settings, protocol_store)

    class Ambiguous(NotFound):
        suggestions = ("agency/mic", "agency/meti")

    @app.get("/ambiguous")
    def ambiguous() -> None:
        raise Ambiguous("no agency 'mi'")

    page = TestClient(app).get("/ambiguous", headers={"accept": BROWSER})
    assert page.status_code == 404
    assert re.search(
        r'<ul class="suggestions">\s*<li>agency/mic</li><li>agency/meti</li>', page.text
    )
    body = error(TestClient(app).get("/ambiguous"), 404, "not_found")
    assert body["detail"] == "no agency 'mi'"
