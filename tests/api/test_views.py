"""The view pages over HTTP: CSP, stable URLs, frozen footers, escaping of hostile labels."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bkg_api.app import create_app
from bkg_graph.network.matrix import SCALE
from bkg_graph.network.render import vis_files
from bkg_graph.network.style import SWATCHES
from bkg_graph.output import read_manifest
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, open_build

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "views" / "hostile.ttl"
STATIC = Path(__file__).resolve().parents[2] / "api" / "bkg_api" / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'self'"
)


class Page(HTMLParser):
    """The scripts, inline handlers and view data of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.tags: list[str] = []
        self.data: dict[str, object] | None = None
        self._in_data = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_data = dict(attrs).get("id") == "view-data"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data = json.loads(data)
            self._in_data = False


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return TestClient(create_app(Settings(), open_build(build_dir)))


@pytest.fixture(scope="module")
def hostile() -> TestClient:
    return TestClient(create_app(Settings(), EmbeddedStore.from_files([HOSTILE])))


def test_view_page_is_sent_with_a_strict_policy(client: TestClient) -> None:
    r = client.get("/view?kind=coparticipation")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    page = Page(r.text)
    assert page.handlers == []
    assert [s.get("src") or s.get("type") for s in page.scripts] == [
        "application/json",
        "/static/vis-network/vis-network.min.js",
        "/static/views.js",
    ]
    assert page.data is not None
    meta = page.data["meta"]
    assert isinstance(meta, dict)
    assert (meta["nodes"], meta["edges"], meta["query"]) == (10, 10, "kind=coparticipation&lang=en")


def test_embed_may_be_framed_anywhere_and_shows_its_snippet(build_dir: Path) -> None:
    public = TestClient(
        create_app(Settings(public_url="https://kg.example.org"), open_build(build_dir))
    )
    r = public.get(
        "/embed?kind=neighbourhood&focus=initiative/gcot&lang=ja", headers={"Host": "evil.example"}
    )
    assert r.headers["content-security-policy"] == CSP.replace(
        "frame-ancestors 'self'", "frame-ancestors *"
    )
    assert "evil.example" not in r.text  # the Host header is never reflected
    snippet = (
        "&lt;iframe src=&#34;https://kg.example.org/embed?kind=neighbourhood&amp;amp;"
        "focus=initiative/gcot&amp;amp;depth=1&amp;amp;lang=ja&#34; width=&#34;960&#34; "
        "height=&#34;640&#34; title=&#34;電気通信に関するグローバル連合の近傍&#34; "
        "loading=&#34;lazy&#34;&gt;&lt;/iframe&gt;"
    )
    assert snippet in r.text
    assert "<form" not in r.text  # minimal chrome


def test_without_a_public_url_no_link_is_built_from_the_host_header(client: TestClient) -> None:
    r = client.get(
        "/embed?kind=neighbourhood&focus=initiative/gcot", headers={"Host": "evil.example"}
    )
    assert r.status_code == 200
    assert "evil.example" not in r.text
    assert "&lt;iframe" not in r.text  # no public address known: no snippet to paste elsewhere


def test_footer_names_dataset_version_date_filters_and_live_view(
    client: TestClient, build_dir: Path
) -> None:
    manifest = read_manifest(build_dir)
    text = client.get("/view?kind=coparticipation&country=uk,jp&from=2023").text
    footer = text[text.index('<footer class="frozen"') :]
    assert f"<code>{manifest['version']}</code>" in footer
    assert manifest["as_of"] == "2024-01-16"
    assert '<time datetime="2024-01-16">2024-01-16</time>' in footer
    assert "<code>country=jp,uk; from=2023-01-01</code>" in footer
    live = "/view?kind=coparticipation&amp;lang=en&amp;country=jp,uk&amp;from=2023-01-01"
    assert f'href="{live}"' in footer


def test_entity_pages_link_to_their_linked_data_pages(client: TestClient) -> None:
    page = Page(client.get("/view").text)
    assert page.data is not None
    nodes = page.data["nodes"]
    assert isinstance(nodes, list)
    mic = next(n for n in nodes if n["id"].endswith("/agency/mic"))
    assert mic["href"] == "/bilateral-kg/id/agency/mic"


def test_matrix_page_links_cells_to_their_citations(client: TestClient) -> None:
    r = client.get("/matrix?lang=ja")
    assert r.headers["content-security-policy"] == CSP
    text = r.text
    assert '<td class="m5">' in text
    assert 'href="#cell-meti-dsit">7<small> / 2</small></a>' in text
    section = text[text.index('id="cell-jst-ukri"') :]
    assert section.index("<blockquote") < section.index("</section>")
    assert Page(text).handlers == []


def test_exports_over_http(client: TestClient) -> None:
    r = client.get("/export/csv?kind=coparticipation&table=nodes")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == (
        'attachment; filename="bkg-coparticipation-nodes.csv"'
    )
    assert r.content.decode("utf-8-sig").count("\r\n") == 11  # header and 10 agencies
    svg = client.get("/export/svg?kind=matrix&lang=ja")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert "経済産業省" in svg.text
    png = client.get("/export/png?size=print")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("url", "status", "error", "detail"),
    [
        ("/view?contry=jp", 400, "bad_request", "unknown parameter contry"),
        ("/view?kind=neighbourhood&focus=agency/nowhere", 404, "not_found", "no entity"),
        ("/view?status=someday", 404, "not_found", "no status 'someday'; closest: welcomed"),
        ("/view?focus=NOPE", 404, "not_found", "no entity 'NOPE'"),
        ("/view?kind=coparticipation&from=2030", 400, "bad_request", "nothing to draw"),
        ("/export/png?from=2030", 400, "bad_request", "nothing to draw"),
        ("/export/pdf", 400, "bad_request", "format must be one of"),
        ("/export/csv?table=rows", 400, "bad_request", "table must be one of"),
        ("/export/gexf?kind=matrix", 400, "bad_request", "the matrix exports as"),
        ("/static/vis-network/../../etc/passwd", 404, "not_found", ""),
    ],
)
def test_bad_requests_get_the_error_envelope(
    client: TestClient, url: str, status: int, error: str, detail: str
) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.json()["error"] == error
    assert detail in r.json()["detail"]


def test_vis_network_is_served_from_the_installed_pyvis(client: TestClient) -> None:
    for name, media in (("vis-network.min.js", "text/javascript"), ("vis-network.css", "text/css")):
        r = client.get(f"/static/vis-network/{name}")
        assert r.status_code == 200
        assert r.headers["content-type"] == f"{media}; charset=utf-8"
        assert r.content == vis_files()[name].read_bytes()
    assert client.get("/static/views.js").content == (STATIC / "views.js").read_bytes()


def test_style_sheet_uses_the_palettes_of_the_library() -> None:
    css = (STATIC / "views.css").read_text(encoding="utf-8")
    for key, swatch in SWATCHES.items():
        assert f".sw-{key} {{ background: {swatch.color}; }}" in css
    for step, colour in enumerate(SCALE):
        assert re.search(rf"\.m{step} {{ background: {colour};", css), step


def test_page_script_uses_no_markup_sinks() -> None:
    js = (STATIC / "views.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js


RAW = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '<a href="javascript:alert(3)">',
    "<svg onload=alert(4)>",
    "<script>alert(5)</script>",
    "<b>EVIL</b>",
    "</script>",
)


@pytest.mark.parametrize(
    "url",
    [
        "/view",
        "/view?kind=coparticipation&lang=ja",
        "/embed?kind=neighbourhood&focus=agency/evil",
        "/matrix",
        "/matrix?lang=ja",
    ],
)
def test_hostile_labels_are_escaped_everywhere(hostile: TestClient, url: str) -> None:
    r = hostile.get(url)
    assert r.status_code == 200
    page = Page(r.text)
    assert r.text.count("</script>") == len(page.scripts)
    for raw in RAW[:-1]:
        assert raw not in r.text, raw
    assert page.handlers == []
    assert "img" not in page.tags and "svg" not in page.tags and "b" not in page.tags


def test_hostile_labels_reach_the_page_script_intact(hostile: TestClient) -> None:
    page = Page(hostile.get("/view?kind=bipartite").text)
    assert page.data is not None
    nodes = page.data["nodes"]
    assert isinstance(nodes, list)
    labels = {n["label"]["en"] for n in nodes}
    assert labels == {
        "<img src=x onerror=alert(1)>",
        "Department <script>alert(2)</script>",
        '<a href="javascript:alert(3)">click</a>',
    }
    assert page.data["quotes"] == ["<script>alert(5)</script>両者は罠に参加する。"]


def test_hostile_labels_in_exports(hostile: TestClient) -> None:
    svg = hostile.get("/export/svg?kind=bipartite").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg and "<img" not in svg
    csv = hostile.get("/export/csv?kind=bipartite").content.decode("utf-8-sig")
    assert "<img src=x onerror=alert(1)>" in csv


def test_entity_pages_link_into_the_neighbourhood_view(client: TestClient) -> None:
    """The linked-data page of an entity links to /view?focus=<its IRI>."""
    page = client.get("/bilateral-kg/id/initiative/gcot", headers={"accept": "text/html"})
    href = re.search(r'href="(/view\?focus=[^"]+)"', page.text)
    assert href is not None
    view = Page(client.get(href.group(1).replace("&amp;", "&")).text)
    assert view.data is not None
    meta = view.data["meta"]
    assert isinstance(meta, dict)
    assert meta["kind"] == "neighbourhood"
    assert (meta["nodes"], meta["edges"]) == (10, 45)
