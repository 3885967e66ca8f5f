"""The analyst's pages over HTTP — home, search, shared initiatives — and the page stage's
one policy, one link builder and one table of interface words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, items, make_client

from bkg_api.pages import UI, Links
from bkg_api.pages.security import FILE_POLICY, headers_for, offline_policy, page_policy
from bkg_api.routes.shared_page import resolve
from bkg_graph import load_graph, questions

STRICT = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'self'"
)


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=gcot",
        "/shared",
        "/shared?agency=mic&agency=dsit",
        "/commitments?status=planned",
        "/query",
        "/docs",
        "/view",
        "/matrix",
        "/bilateral-kg/id/agency/mic",
    ],
)
def test_every_page_has_the_one_strict_policy(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == STRICT
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in r.text and " style=" not in r.text
    assert r.text.count('<header class="site">') == 1  # the one header partial


def test_the_policy_table() -> None:
    assert page_policy("/embed") == STRICT.replace("frame-ancestors 'self'", "frame-ancestors *")
    assert headers_for("/x", "image/svg+xml")["Content-Security-Policy"] == FILE_POLICY
    assert headers_for("/x", "application/json") == {"X-Content-Type-Options": "nosniff"}
    assert offline_policy(["'sha256-a'"], ["'sha256-b'", "'sha256-c'"]) == (
        "default-src 'none'; script-src 'sha256-a'; style-src 'sha256-b' 'sha256-c'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def test_links_never_point_at_script_or_data() -> None:
    links = Links("https://w3id.org/bilateral-kg/id/", root="/kg")
    assert links.href(BASE + "agency/mic") == "/kg/bilateral-kg/id/agency/mic"
    assert links.href("https://example.org/x") == "https://example.org/x"
    for bad in (
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "//evil.example/",
        " javascript:x",
        "http:x",
    ):
        assert links.href(bad) is None, bad
    assert links.page(BASE + "nonsense/x") is None
    assert (
        links.view(BASE + "agency/mic")
        == "/kg/view?focus=https%3A%2F%2Fw3id.org%2Fbilateral-kg%2Fid%2Fagency%2Fmic"
    )


def test_interface_words_exist_in_both_languages() -> None:
    assert set(UI["en"]) == set(UI["ja"])
    assert all(UI["en"][k] and UI["ja"][k] for k in UI["en"])


def test_home_searches_names_and_statements_with_a_json_twin(client: TestClient) -> None:
    html = client.get("/", params={"q": "ＧＣＯＴ"}).text
    hits = re.findall(r'<li><span class="kind">(\w+)</span> <a href="([^"]+)"', html)
    assert hits == [("Coalition", "/bilateral-kg/id/initiative/gcot")]
    assert "<h2>Results for “ＧＣＯＴ” <small>(2)</small></h2>" in html
    twin = '<link rel="alternate" type="application/json" href="/search?q=%EF%BC%A7%EF%BC%A3%EF%BC%AF%EF%BC%B4&amp;lang=en"'
    assert twin in html
    rest = client.get("/search", params={"q": "ＧＣＯＴ"}).json()
    assert rest["items"][0]["iri"] == BASE + "initiative/gcot"
    assert rest["total"] == 2


def test_home_shows_the_partnership_its_council_and_counts(client: TestClient) -> None:
    html = client.get("/").text
    assert '<a href="/bilateral-kg/id/initiative/jp-uk-digital-partnership"' in html
    assert "Parties: United Kingdom · Japan" in html
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", html, re.S)
    assert row is not None
    assert 'Second Japan–UK Digital Council</a> <time datetime="2024-01-16">' in row.group(1)
    cells = re.findall(r'<td class="num">(\d+)</td>', row.group(1))
    assert cells == ["48", "10", "24"]


def test_home_questions_link_only_to_pages_this_server_has(client: TestClient) -> None:
    html = client.get("/").text
    linked = re.findall(r'<li class="card">\s*<a href="([^"]+)"><strong>([^<]+)</strong>', html)
    assert linked == [
        ("/shared?lang=en", "Which agencies share initiatives?"),
        ("/commitments?lang=en", "What did the partnership commit to, and what is done?"),
        ("/changes?lang=en", "What changed since the last council?"),
        ("/view?lang=en", "Show me the network"),
    ]
    assert "Not available on this server yet." not in html


def test_home_in_japanese(client: TestClient) -> None:
    html = client.get("/", params={"lang": "ja"}).text
    assert '<html lang="ja">' in html
    assert "<h1>日英の取組を、根拠の文まで</h1>" in html
    assert '<a href="/?lang=en" hreflang="en">English</a>' in html


def test_agency_names_resolve_as_people_write_them(build_dir: Path) -> None:
    agencies = questions.agencies(load_graph(build_dir))
    for typed in (
        "MIC",
        "mic",
        "ＭＩＣ",
        "総務省",
        "Ministry of Internal Affairs and Communications",
    ):
        found, offered = resolve(typed, agencies)
        assert found is not None and found["id"] == "mic", typed
        assert offered == []
    found, offered = resolve("Ministry", agencies)
    assert found is None
    assert "METI — Ministry of Economy, Trade and Industry" in offered


def test_shared_page_matches_its_json_twin(client: TestClient) -> None:
    r = client.get("/shared", params=[("agency", "総務省"), ("agency", "ＤＳＩＴ")])
    assert r.status_code == 200
    html = r.text
    twin = "/shared-initiatives?agency=mic&amp;agency=dsit&amp;lang=en"
    assert f'<link rel="alternate" type="application/json" href="{twin}"' in html
    shown = re.findall(r'<article class="item" id="([^"]+)">', html)
    rest = items(client, "/shared-initiatives", agency=["mic", "dsit"], limit=500)
    assert shown == [i["id"] for i in rest]
    # by name or 両者: GCOT (b), the supply chain framework (d), Open RAN and the working
    # group (e), the council and WTSA-24 (statements both act in)
    assert shown == [
        "gcot", "jp-uk-digital-council-2024", "wtsa-24", "telecom-supply-chain-framework",
        "open-ran", "telecom-supplier-diversification-wg",
    ]  # fmt: skip
    assert (  # GCOT through 両者 (ベンダ多様化 b), the others by name
        '<p class="by-kind">How the sentence names the agency: '
        '<span class="ev ev-named">named</span> 5 · '
        '<span class="ev ev-reference">by reference (both sides)</span> 1</p>'
    ) in html
    # what they share only through 日英関係省庁 is listed apart, labelled, not counted
    every = items(
        client, "/shared-initiatives", agency=["mic", "dsit"], limit=500,
        evidence="named,reference,collective",
    )  # fmt: skip
    apart = re.findall(r'<article class="item collective" id="collective-([^"]+)">', html)
    assert apart == [i["id"] for i in every if i["id"] not in shown] and len(apart) == 11
    assert "<h2>Only through a collective term (11)</h2>" in html
    wide = client.get(
        "/shared", params={"agency": ["mic", "dsit"], "evidence": "named,reference,collective"}
    ).text
    assert re.findall(r'<article class="item" id="([^"]+)">', wide) == [i["id"] for i in every]
    assert '<article class="item collective"' not in wide
    assert (
        'href="/shared-initiatives?agency=mic&amp;agency=dsit&amp;lang=en'
        '&amp;evidence=named%2Creference%2Ccollective"'
    ) in wide
    assert '<a href="/matrix?lang=en#cell-mic-dsit">Counterpart matrix: MIC × DSIT</a>' in html


def test_shared_page_says_what_it_could_not_place(client: TestClient) -> None:
    r = client.get("/shared", params=[("agency", "MIC"), ("agency", "nobody-at-all")])
    assert r.status_code == 400
    assert "No single agency is called “nobody-at-all”." in r.text
    one = client.get("/shared", params=[("agency", "MIC"), ("agency", "mic")])
    assert one.status_code == 200
    assert "Give at least two different agencies." in one.text
    assert client.get("/shared").status_code == 200  # the empty form


def test_views_name_their_twins(client: TestClient) -> None:
    view = client.get("/view", params={"kind": "coparticipation", "status": "planned"}).text
    twin = '<link rel="alternate" type="application/json" href="/export/json?kind=coparticipation&amp;lang=en&amp;status=planned" title="JSON">'
    assert twin in view
    matrix = client.get("/matrix").text
    assert (
        '<link rel="alternate" type="text/csv" href="/export/csv?kind=matrix&amp;lang=en" title="CSV">'
        in matrix
    )


def test_briefing_buttons_link_a_pack_that_downloads(client: TestClient) -> None:
    """Profiles and the network view offer GET /brief for what they are about, as plain links
    (no script: the strict CSP holds), and the links answer with the pack."""
    profile = client.get("/bilateral-kg/id/initiative/gcot", headers={"accept": "text/html"}).text
    hrefs = re.findall(r'<a class="button" href="([^"]+)" download>', profile)
    assert hrefs == [
        f"/brief?initiative=gcot&amp;lang=en&amp;format={f}" for f in ("docx", "pptx", "md")
    ]
    view = client.get("/view", params={"kind": "neighbourhood", "focus": "agency/mic"}).text
    assert re.findall(r'<a class="button" href="([^"]+)" download>', view)[0] == (
        "/brief?agency=mic&amp;lang=en&amp;format=docx"
    )
    topic = client.get("/view", params={"theme": "vendor-diversification", "lang": "ja"}).text
    assert '<a class="button" href="/brief?topic=vendor-diversification&amp;lang=ja' in topic
    assert '<p class="briefing hint">' in client.get("/view").text  # nothing to brief on yet
    got = client.get("/brief?agency=mic&lang=en&format=docx")
    assert got.status_code == 200
    assert got.headers["content-disposition"] == 'attachment; filename="bkg-brief-mic-en.docx"'
