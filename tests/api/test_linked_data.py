"""Entity IRIs dereference: HTML for browsers, Turtle / JSON-LD / N-Triples for RDF clients."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS
from rest_app import BASE, STATEMENT, make_client

from bkg_api.app import create_app
from bkg_graph import load_graph, questions
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore

BKG = Namespace("https://w3id.org/bilateral-kg/ontology#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MIC = "/bilateral-kg/id/agency/mic"
VB = "digital-infrastructure/vendor-diversification/b"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


EVERY = "named,reference,collective"


def _graph(body: bytes, fmt: str) -> Graph:
    return Graph().parse(data=body, format=fmt)


def test_browser_gets_the_agency_page(client: TestClient) -> None:
    response = client.get(MIC, headers={"accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["link"].startswith(f'<{MIC}?format=ttl>; rel="alternate"')
    html = response.text
    assert "<h1>Ministry of Internal Affairs and Communications</h1>" in html
    assert '<li lang="ja"><small class="lang">ja</small> 総務省</li>' in html
    assert (
        '<link rel="alternate" type="text/turtle" href="/bilateral-kg/id/agency/mic?format=ttl"'
        in html
    )
    assert 'href="/view?focus=https%3A%2F%2Fw3id.org%2Fbilateral-kg%2Fid%2Fagency%2Fmic"' in html
    assert (
        '<a href="/bilateral-kg/id/initiative/gcot" title="https://w3id.org/bilateral-kg/id/'
        'initiative/gcot">Global Coalition on Telecommunications</a>' in html
    )
    assert f'<a href="/bilateral-kg/id/statement/jp-uk-dp-2024-progress-ja/{VB}" title=' in html
    assert (
        "Pillar 1: Digital infrastructure and technologies › Telecoms vendor diversification › b"
        in html
    )
    assert "両者は、新たな電気通信に関するグローバル連合 (GCOT) への相互の参加" in html


def test_statement_page_quotes_its_text_and_sentences(client: TestClient) -> None:
    path = f"/bilateral-kg/id/statement/jp-uk-dp-2024-progress-ja/{VB}"
    html = client.get(path, params={"lang": "ja"}, headers={"accept": "text/html"}).text
    assert '<p class="locator">第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › b</p>' in html
    assert re.search(r'<blockquote lang="ja">日英関係省庁は、数々の総務省及び DSIT', html)
    assert f'<a href="{path}/sentence/2" title="https://w3id.org{path}/sentence/2">両者は、' in html
    sentence = client.get(f"{path}/sentence/2", headers={"accept": "text/html"})
    assert sentence.status_code == 200


@pytest.mark.parametrize(
    ("accept", "fmt", "parser"),
    [
        ("text/turtle", None, "turtle"),
        ("application/ld+json", None, "json-ld"),
        ("application/n-triples", None, "nt"),
        (BROWSER, "ttl", "turtle"),
        ("application/rdf+xml", None, "xml"),
    ],
)
def test_rdf_clients_get_the_description(
    client: TestClient, accept: str, fmt: str | None, parser: str
) -> None:
    params = {"format": fmt} if fmt else {}
    response = client.get(MIC, params=params, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["vary"].startswith("Accept")
    graph = _graph(response.content, parser)
    mic = URIRef(BASE + "agency/mic")
    assert (mic, RDFS.label, Literal("総務省", lang="ja")) in graph
    assert (mic, BKG.country, URIRef(BASE + "country/jp")) in graph
    assert (URIRef(STATEMENT + VB), BKG.actor, mic) in graph
    assert (URIRef(BASE + "initiative/gcot"), RDFS.label, Literal("GCOT", lang="en")) not in graph


def test_statement_description_includes_its_sentences(client: TestClient) -> None:
    statement = STATEMENT + VB
    body = client.get(statement.removeprefix("https://w3id.org"), headers={"accept": "text/turtle"})
    graph = _graph(body.content, "turtle")
    sentence = URIRef(statement + "/sentence/2")
    assert (URIRef(statement), BKG.sentence, sentence) in graph
    [text] = graph.objects(sentence, BKG.text)
    assert str(text).startswith("両者は、新たな電気通信に関するグローバル連合 (GCOT)")


def test_unknown_iri_is_404(client: TestClient) -> None:
    response = client.get(
        "/bilateral-kg/id/agency/no-such-agency", headers={"accept": "text/turtle"}
    )
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_unknown_iri_is_a_readable_404_page_for_a_browser(client: TestClient) -> None:
    response = client.get("/bilateral-kg/id/agency/no-such-agency", headers={"accept": BROWSER})
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src 'self';" in response.headers["content-security-policy"]
    html = response.text
    assert "<h1>404 · Not Found</h1>" in html
    detail = "the graph holds nothing about https://w3id.org/bilateral-kg/id/agency/no-such-agency"
    assert f'<p class="detail" role="alert">{detail}</p>' in html
    assert '<a href="/?q=no+such+agency&amp;lang=en">' in html  # a way on: search for it
    assert '<header class="site">' in html  # in the site's frame


def test_paths_outside_the_entity_kinds_are_not_pages(client: TestClient) -> None:
    assert client.get("/bilateral-kg/id/nonsense/x").status_code == 404
    assert client.get("/bilateral-kg/other/agency/mic").status_code == 404


def test_unacceptable_media_type_is_406(client: TestClient) -> None:
    response = client.get(MIC, headers={"accept": "image/png"})
    assert response.status_code == 406


TINY = """
@prefix bkg: <https://w3id.org/bilateral-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://example.org/agency/evil> a bkg:Agency ;
    <http://purl.org/dc/terms/identifier> "evil" ;
    rdfs:label "<img src=x onerror=alert(1)>"@en , "悪い<script>alert(2)</script>"@ja ;
    bkg:country <http://example.org/country/%E6%97%A5> .
<http://example.org/country/%E6%97%A5> a bkg:Country ; rdfs:label "日"@ja ;
    <http://purl.org/dc/terms/identifier> "日" .
<http://example.org/statement/d/p/t/a> a bkg:Statement ; bkg:position 1 ;
    bkg:text "</blockquote><script>alert(3)</script>"@ja ;
    <http://purl.org/dc/terms/source> <http://example.org/document/d> ;
    bkg:actor <http://example.org/agency/evil> .
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("tiny") / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    app = create_app(Settings(base_iri="http://example.org/"))
    app.state.store = EmbeddedStore.from_files([path])
    return TestClient(app, raise_server_exceptions=False)


def test_hostile_labels_and_texts_are_escaped(tiny: TestClient) -> None:
    response = tiny.get("/agency/evil", headers={"accept": BROWSER})
    assert response.status_code == 200
    html = response.text
    assert HOSTILE not in html and "<script>alert" not in html
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in html
    assert "悪い&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;/blockquote&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert re.findall(r"<script[^>]*>", html) == []


def test_base_iri_at_the_host_root_keeps_other_routes(tiny: TestClient) -> None:
    assert tiny.get("/agencies").json()["items"][0]["label"] == HOSTILE
    assert tiny.get("/queries").status_code == 200
    country = tiny.get("/country/%E6%97%A5", headers={"accept": "text/turtle"})
    assert country.status_code == 200
    graph = _graph(country.content, "turtle")
    assert (
        URIRef("http://example.org/country/%E6%97%A5"),
        RDFS.label,
        Literal("日", lang="ja"),
    ) in graph


def test_an_initiative_page_shows_its_timeline(client: TestClient) -> None:
    html = client.get("/bilateral-kg/id/initiative/gcot", headers={"accept": BROWSER}).text
    section = html[
        html.index('<section class="timeline">') : html.index('<section class="statements">')
    ]
    assert "<time>2024-01-16</time>" in section
    # the statement naming GCOT, quoted; the page escapes nothing of it into markup
    assert "新たな電気通信に関するグローバル連合 (GCOT) への相互の参加" in section
    assert (
        'href="/bilateral-kg/id/statement/jp-uk-dp-2024-progress-ja/digital-infrastructure/vendor-diversification/b"'
        in section
    )
    agency = client.get(MIC, headers={"accept": BROWSER}).text
    assert '<section class="timeline">' not in agency


def test_agency_page_profile_counts_its_counterparts(client: TestClient, build_dir: Path) -> None:
    html = client.get(MIC, headers={"accept": BROWSER}).text
    profile = html.split('<section class="profile">', 1)[1].split("</section>", 1)[0]
    rows = re.findall(
        r'<tr(?: class="other-side")?>\s*<td><a href="/bilateral-kg/id/agency/([\w-]+)".*?'
        r'<td class="num">(\d+)</td>',
        profile,
        re.S,
    )
    # the same counts as the query API gives: statements in which both act
    acted = questions.statements(load_graph(build_dir), agency="mic")
    others = {a for s in acted for a in s["actors"] if "/agency/" in a and not a.endswith("/mic")}
    expected = {a.rsplit("/", 1)[1]: sum(a in s["actors"] for s in acted) for a in others}
    assert {k: int(n) for k, n in rows if int(n)} == expected
    assert rows[0][0] == "dsit"  # the UK counterpart it works with most
    # what only 日英関係省庁 adds is counted apart: CAS-DMCC is named beside MIC only in
    # statements whose subject is the collective term
    extra = re.findall(r'<td class="num collective">\+?(\d+|—)</td>', profile)
    wide = questions.statements(load_graph(build_dir), agency="mic", evidence=EVERY)
    more = {
        a.rsplit("/", 1)[1]: sum(a in s["actors"] for s in wide)
        - expected.get(a.rsplit("/", 1)[1], 0)
        for s in wide
        for a in s["actors"]
        if "/agency/" in a and not a.endswith("/mic")
    }
    assert [int(n) for n in extra] == [more[k] for k, _ in rows]
    assert more == {"dsit": 17, "digital-agency": 19, "meti": 19, "cas-dmcc": 1}
    assert '<a href="/shared?agency=mic&amp;agency=dsit&amp;lang=en">with DSIT</a>' in profile
    # named or through 両者 (GCOT, ベンダ多様化 b); the 12 only 日英関係省庁 reaches apart
    assert "<h2>Initiatives and events it acts on (7)</h2>" in profile
    assert (
        '<p class="by-kind">How the sentence names the agency: <span class="ev ev-named">named'
        '</span> 6 · <span class="ev ev-reference">by reference (both sides)</span> 1</p>'
    ) in profile
    detail = questions.agency(load_graph(build_dir), "mic")
    assert f"Only through a collective term ({len(detail['collective_only'])})" in profile
    assert "<h2>Its commitments, document by document</h2>" in profile
    committing = [s for s in acted if s["strength"] in ("commitment", "intention", "exploration")]
    shown = re.findall(r'<span class="status-tag">(\w+)</span> (\d+)', profile)
    assert sum(int(n) for _, n in shown) == len(committing) > 0
    assert '<link rel="alternate" type="application/json" href="/agencies/mic?lang=en"' in html


def test_initiative_page_profile_lists_participants_per_side(client: TestClient) -> None:
    html = client.get(
        "/bilateral-kg/id/initiative/hiroshima-ai-process", headers={"accept": BROWSER}
    ).text
    profile = html.split('<section class="profile">', 1)[1].split("</section>", 1)[0]
    # every sentence naming the process has 日英関係省庁 as its subject (AI a, c, d); only
    # the G7 acts by name in it (「G7 首脳によって創設された」), so the ministries are apart
    assert re.findall(r"<h3>([^<]+)</h3>", profile) == ["Others"]
    others, apart = profile.split("<h3>Others</h3>")[1].split('<h3 class="collective">')
    assert '<a href="/bilateral-kg/id/organization/g7"' in others
    assert '<span class="ev ev-named">named</span>' in others
    assert apart.startswith("Only through a collective term</h3>")
    assert re.findall(r"<h4>([^<]+)</h4>", apart) == ["Japan", "United Kingdom"]
    agencies = re.findall(r'<a href="/bilateral-kg/id/agency/([\w-]+)"', apart)
    assert agencies == ["digital-agency", "meti", "mic", "dsit"]
    wide = client.get(
        "/bilateral-kg/id/initiative/hiroshima-ai-process",
        params={"evidence": "named,reference,collective"},
        headers={"accept": BROWSER},
    ).text
    wide = wide.split('<section class="profile">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<h3>([^<]+)</h3>", wide) == ["Japan", "United Kingdom", "Others"]
    uk = wide.split("<h3>United Kingdom</h3>", 1)[1]
    assert '<a href="/bilateral-kg/id/agency/dsit"' in uk
    assert '<span class="ev ev-collective">' in uk and "Only through" not in wide
    assert 'href="/commitments?initiative=hiroshima-ai-process&amp;lang=en"' in profile
    assert (
        '<link rel="alternate" type="application/json" href="/initiatives/hiroshima-ai-process?lang=en"'
        in html
    )
