"""The outside check's findings (issue 10), each replayed exactly against a real `bkg serve`.

A trailing comment holding a quote made the old check's tokenizer read ``<'>`` as an IRI and
everything after it as one string, so it saw neither the ``SERVICE`` nor where to write its
``LIMIT``; the engine then connected to the URL and returned more rows than the cap.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from adversarial_server import Server
from loopback import Listener

SERVICE_DETAIL = "SERVICE is not allowed: this endpoint answers from its own graph only"
BYPASS = "SELECT * WHERE {{ BIND(1<'>' AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }} #'"
VARIANTS = [
    BYPASS,
    "ASK {{ BIND(1<'>' AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(1<'>' AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "DESCRIBE ?s WHERE {{ BIND(1<'>' AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ BIND(1<'>' AS ?z) SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ BIND(1<'>' AS ?z) OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} #'",
    "SELECT * WHERE {{ FILTER(1<'>') SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ BIND(1<'>' AS ?z) {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} #'",
    "SELECT * WHERE {{ BIND(1<'>' AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }} #'\n#'",
]
MANY = "SELECT ?v WHERE {{ BIND(1<'>' AS ?z) VALUES ?v {{ {values} }} }} #'".format(
    values=" ".join(str(i) for i in range(100))
)


@pytest.mark.parametrize("template", VARIANTS)
def test_the_bypass_and_its_variants_are_refused_and_connect_nowhere(
    server: Server, listener: Listener, template: str
) -> None:
    query = template.format(url=listener.url("/x"))
    before = len(listener.hits)
    for response in (
        httpx.get(f"{server.url}/sparql", params={"query": query}),
        httpx.post(f"{server.url}/sparql", data={"query": query}),
        httpx.post(
            f"{server.url}/sparql",
            content=query,
            headers={"Content-Type": "application/sparql-query"},
        ),
    ):
        assert response.status_code == 403
        body = response.json()
        assert body.pop("request_id") == response.headers["x-request-id"]
        assert body == {"error": "forbidden", "detail": SERVICE_DETAIL}
    time.sleep(0.3)
    assert listener.hits[before:] == []


@pytest.mark.parametrize(
    ("fmt", "count"),
    [
        ("json", lambda body: len(json.loads(body)["results"]["bindings"])),
        ("xml", lambda body: len(ET.fromstring(body).findall(".//{*}result"))),
        ("csv", lambda body: len(list(csv.reader(io.StringIO(body.decode())))) - 1),
        ("tsv", lambda body: body.decode().count("\n") - 1),
    ],
)
def test_the_result_cap_holds_whatever_the_query_text_says(
    server: Server, fmt: str, count: object
) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": MANY, "format": fmt})
    assert response.status_code == 200
    assert response.headers["x-bkg-max-results"] == "20"
    assert response.headers["x-bkg-truncated"] == "true"
    assert callable(count) and count(response.content) == 20
    if fmt == "json":
        assert json.loads(response.content)["limits"] == {"maxResults": 20, "truncated": True}


def test_engine_errors_are_400s_and_the_connection_stays_open(server: Server) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        answers = []
        for query in (
            "SELECT (<http://example.org/f>(1) AS ?x) {}",
            "SELECT (SUM(<http://x/f>(1)) AS ?x) {}",
            "SELECT * { ?s ?p ?o } ORDER BY (<http://x/f>(?o)) LIMIT 2",
            "ASK {}",
        ):
            conn.request("GET", "/sparql?" + httpx.QueryParams({"query": query}).__str__())
            response = conn.getresponse()
            body = json.loads(response.read())
            if isinstance(body, dict) and "error" in body:
                assert body.pop("request_id") == response.getheader("x-request-id")
            answers.append((response.status, body))
            if len(answers) == 1:
                sock = conn.sock
            assert conn.sock is sock  # the same connection: never reset
    finally:
        conn.close()
    assert answers == [
        (
            400,
            {
                "error": "bad_query",
                "detail": "the query cannot be evaluated: "
                "The custom function <http://example.org/f> is not supported",
            },
        ),
        (
            400,
            {
                "error": "bad_query",
                "detail": "the query cannot be evaluated: "
                "The custom function <http://x/f> is not supported",
            },
        ),
        (
            400,
            {
                "error": "bad_query",
                "detail": "the query cannot be evaluated: "
                "The custom function <http://x/f> is not supported",
            },
        ),
        (200, {"head": {}, "boolean": True}),
    ]


def test_deep_nesting_is_refused_and_the_server_goes_on(server: Server) -> None:
    for query in (
        "SELECT * " + "{" * 20_000 + "}" * 20_000,
        "SELECT (" + "(" * 5_000 + "1" + ")" * 5_000 + " AS ?x) {}",
    ):
        response = httpx.post(
            f"{server.url}/sparql",
            content=query,
            headers={"Content-Type": "application/sparql-query"},
        )
        assert response.status_code == 400
        assert response.json()["detail"].endswith("levels deep; the limit is 200")
    assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


def test_a_slow_body_is_cut_off(server: Server) -> None:
    """A body trickled in past BKG_REQUEST_BODY_TIMEOUT (1 s here) gets 408 and a closed
    connection, instead of holding them for as long as the client likes."""
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK {"
        )
        started = time.monotonic()
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
        waited = time.monotonic() - started
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0] == b"HTTP/1.1 408 Request Timeout"
    envelope = json.loads(body)
    assert envelope.pop("request_id")
    assert envelope == {
        "error": "request_timeout",
        "detail": "the request body did not arrive within 1 s",
    }
    assert waited < 10  # the server closed the connection itself


@pytest.mark.parametrize(
    "path", ["/sparql", "/sparql?query=ASK%20%7B%7D", "/queries", "/queries/agencies", "/docs"]
)
def test_head_is_answered_wherever_get_is(server: Server, path: str) -> None:
    get = httpx.get(server.url + path)
    head = httpx.head(server.url + path)
    assert (get.status_code, head.status_code) == (200, 200)
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))


def test_the_host_header_is_never_reflected_into_links(server: Server) -> None:
    listed = httpx.get(server.url + "/queries", headers={"Host": "evil.example"})
    assert listed.status_code == 200
    assert "evil.example" not in listed.text
    agencies = next(q for q in listed.json() if q["name"] == "agencies")
    assert agencies["results"] == "/queries/agencies/results"
