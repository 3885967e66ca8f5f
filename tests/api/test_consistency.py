"""One answer to "who takes part in what", whichever surface is asked.

On the bundled report and on a corpus with the English fixtures ingested, for every
initiative and every pair of agencies, under each setting of ``evidence``: REST, the notebook
API, the named SPARQL queries, the network views and the counterpart matrix give the same
agencies, initiatives and statements. Then every list route, with every filter, pages
honestly: no page longer than its limit, no item twice, ``total`` equal to what the pages hold.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rest_app import BASE, make_client

from bkg_graph import paths
from bkg_graph import questions as q
from bkg_graph.errors import InputError
from bkg_graph.ingest import apply_ingest, plan_ingest
from bkg_graph.network import Filters, Source, ViewSpec, project
from bkg_graph.network.matrix import Matrix, counterpart_matrix
from bkg_graph.queries.run import run_query
from bkg_graph.registry import Registry
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, open_build

DOCS = Path(__file__).resolve().parents[1] / "data" / "documents"
ENGLISH = ("jp-uk-dp-2024-progress-en", "jp-uk-dp-2025-joint-statement-en")
#: Evidence settings whose kinds include every stronger kind (what analysts ask for).
SETTINGS = ("named", "named,reference", "named,reference,collective")
LIMIT = 7


class Corpus:
    """One built graph and every surface over it."""

    def __init__(self, build_dir: Path) -> None:
        self.client = make_client(build_dir)
        self.store: EmbeddedStore = open_build(build_dir)
        self.source = Source(self.store)
        self.agencies = [a["iri"] for a in q.agencies(self.store)]
        self.initiatives = [i["iri"] for i in q.initiatives(self.store)]


@pytest.fixture(scope="module", params=["bundled", "english"])
def corpus(
    request: pytest.FixtureRequest,
    build_dir: Path,
    registry: Registry,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Corpus]:
    if request.param == "bundled":
        c = Corpus(build_dir)
    else:
        folder = tmp_path_factory.mktemp("english")
        shutil.copytree(paths.corpus_dir(), folder / "corpus")
        for name in ENGLISH:
            fields = tomllib.loads((DOCS / f"{name}.toml").read_text(encoding="utf-8"))
            plan = plan_ingest(
                DOCS / f"{name}.md",
                fields,
                corpus=folder / "corpus",
                settings=Settings(),
                registry=registry,
            )
            apply_ingest(
                plan, corpus=folder / "corpus", out_dir=folder / "build", settings=Settings()
            )
        c = Corpus(folder / "build")
    yield c
    c.store.close()


def _view(c: Corpus, kind: str, evidence: str) -> nx.Graph:
    try:
        return project(c.source, ViewSpec.from_query(f"kind={kind}&evidence={evidence}"))
    except InputError as e:
        assert "nothing to draw" in str(e)
        return nx.Graph()


def _matrix(c: Corpus, evidence: str) -> Matrix | None:
    try:
        return counterpart_matrix(c.source, Filters.from_query(f"evidence={evidence}"))
    except InputError as e:
        assert "nothing to draw" in str(e)
        return None


def _agency_links(linked: list[dict[str, Any]], agencies: set[str]) -> dict[str, set[str]]:
    return {
        x["iri"]: {s["statement"] for s in x["statements"]} for x in linked if x["iri"] in agencies
    }


@pytest.mark.parametrize("evidence", SETTINGS)
def test_every_initiative_has_the_same_participants_everywhere(c: Corpus, evidence: str) -> None:
    agencies = set(c.agencies)
    g = _view(c, "bipartite", evidence)
    checked = 0
    for ini in c.initiatives:
        ident = ini.rsplit("/", 1)[-1]
        rest = c.client.get(f"/initiatives/{ident}", params={"evidence": evidence})
        assert rest.status_code == 200, rest.text
        by_rest = _agency_links(rest.json()["participants"], agencies)
        by_notebook = _agency_links(
            q.initiative(c.store, ini, evidence=evidence)["participants"], agencies
        )
        rows = run_query(
            c.store, "initiative-participants", {"initiative": ini, "evidence": evidence.split(",")}
        )
        by_query: dict[str, set[str]] = {}
        for r in rows:
            if r["agent"] in agencies:
                by_query.setdefault(r["agent"], set()).add(r["statement"])
        by_view = {a: set(g.edges[a, ini]["statements"]) for a in g[ini]} if ini in g else {}
        assert by_rest == by_notebook == by_query == by_view, ident
        for agency, statements in by_view.items():  # and from the agency's side
            detail = q.agency(c.store, agency, evidence=evidence)
            assert _agency_links(detail["initiatives"], {ini}) == {ini: statements}
        checked += len(by_view)
    assert checked == g.number_of_edges()


@pytest.mark.parametrize("evidence", SETTINGS)
def test_every_pair_of_agencies_shares_the_same_everywhere(c: Corpus, evidence: str) -> None:
    g = _view(c, "coparticipation", evidence)
    m = _matrix(c, evidence)
    acting = {
        a: {s["iri"] for s in q.statements(c.store, agency=a, evidence=evidence)}
        for a in c.agencies
    }
    rows = run_query(c.store, "network-coparticipation")
    kinds = set(evidence.split(","))
    for a, b in combinations(sorted(c.agencies), 2):
        together = acting[a] & acting[b]
        by_query = {
            r["statement"] for r in rows if (r["a"], r["b"]) == (a, b) and r["evidence"] in kinds
        }
        edge = (
            g.edges[a, b]
            if g.has_edge(a, b)
            else {"statements": [], "weight": 0, "initiatives": []}
        )
        by_view = set(edge["statements"]) if edge["weight"] else set()
        assert together == by_query == by_view, (a, b)
        shared = q.shared_initiatives(c.store, [a, b], evidence=evidence)
        rest = c.client.get(
            "/shared-initiatives", params={"agency": [a, b], "evidence": evidence, "limit": 500}
        )
        assert rest.status_code == 200
        by_rest = {x["iri"] for x in rest.json()["items"] if x["kind"] != "Event"}
        assert (
            by_rest
            == {x["iri"] for x in shared if x["kind"] != "Event"}
            == set(edge["initiatives"])
        )
        if m is not None and {r.iri for r in m.rows} >= {a} and {c_.iri for c_ in m.columns} >= {b}:
            cell = m.cell(a, b)
            assert (set(cell.statements), set(cell.initiatives)) == (
                by_view,
                set(edge["initiatives"]),
            )
        if m is not None and {r.iri for r in m.rows} >= {b} and {c_.iri for c_ in m.columns} >= {a}:
            cell = m.cell(b, a)
            assert (set(cell.statements), set(cell.initiatives)) == (
                by_view,
                set(edge["initiatives"]),
            )


def test_gcot_is_mic_and_dsit_unless_collective_terms_are_asked_for(c: Corpus) -> None:
    gcot, mic, dsit = BASE + "initiative/gcot", BASE + "agency/mic", BASE + "agency/dsit"
    meti, da = BASE + "agency/meti", BASE + "agency/digital-agency"
    assert set(_view(c, "bipartite", "named,reference")[gcot]) >= {mic, dsit}
    assert {meti, da}.isdisjoint(_view(c, "bipartite", "named,reference")[gcot])
    assert {mic, dsit, meti, da} <= set(_view(c, "bipartite", "named,reference,collective")[gcot])


LIST_ROUTES: list[tuple[str, dict[str, Any]]] = [
    ("/agencies", {}),
    ("/agencies", {"country": "jp"}),
    ("/agencies", {"country": "UK", "lang": "ja"}),
    ("/initiatives", {}),
    ("/initiatives", {"evidence": "named,reference,collective"}),
    ("/documents", {}),
    ("/search", {"q": "AI"}),
    ("/search", {"q": "総務省"}),
    ("/shared-initiatives", {"agency": ["MIC", "dsit"]}),
    ("/shared-initiatives", {"agency": ["meti", "DSIT"], "evidence": "named,reference,collective"}),
    ("/statements", {}),
    ("/statements", {"lang": "ja"}),
    ("/statements", {"pillar": "data"}),
    ("/statements", {"theme": "ai"}),
    ("/statements", {"agency": "総務省"}),
    ("/statements", {"agency": "dsit", "evidence": "named,reference,collective"}),
    ("/statements", {"initiative": "GCOT"}),
    ("/statements", {"status": "Ongoing"}),
    ("/statements", {"date_from": "2023-10-01", "date_to": "2023-12-31"}),
    ("/statements", {"agency": "meti", "theme": "semiconductors", "status": "agreed"}),
]


@pytest.mark.parametrize(("path", "params"), LIST_ROUTES)
def test_list_routes_page_honestly(c: Corpus, path: str, params: dict[str, Any]) -> None:
    seen: list[str] = []
    statuses: set[str | None] = set()
    response = c.client.get(path, params={**params, "limit": LIMIT})
    total = None
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= LIMIT
        total = page["total"] if total is None else total
        assert page["total"] == total
        seen += [repr(sorted(x.items())) if "iri" not in x else x["iri"] for x in page["items"]]
        statuses |= {x.get("status") for x in page["items"]}
        if page["next"] is None:
            break
        response = c.client.get(page["next"])
    assert len(seen) == len(set(seen)) == total
    assert statuses <= {None, "achieved", "ongoing", "planned", "agreed", "welcomed"}


@pytest.fixture
def c(corpus: Corpus) -> Corpus:
    return corpus


@pytest.mark.parametrize(
    ("url", "same_as"),
    [
        ("/view?focus=GCOT", "kind=neighbourhood&focus=initiative/gcot"),
        ("/view?focus=総務省", "kind=neighbourhood&focus=agency/mic"),
        (
            "/view?focus=Ministry%20of%20Internal%20Affairs%20and%20Communications",
            "kind=neighbourhood&focus=agency/mic",
        ),
        (
            "/view?kind=bipartite&status=Planned&country=JP",
            "kind=bipartite&status=planned&country=jp",
        ),
    ],
)
def test_views_take_names_as_people_write_them(c: Corpus, url: str, same_as: str) -> None:
    r = c.client.get(url)
    assert r.status_code == 200, r.text
    data = json.loads(re.search(r'id="view-data">(.*?)</script>', r.text, flags=re.S).group(1))  # type: ignore[union-attr]
    g = project(c.source, ViewSpec.from_query(same_as))
    assert (data["meta"]["nodes"], data["meta"]["edges"]) == (
        g.number_of_nodes(),
        g.number_of_edges(),
    )
    assert data["meta"]["title"]["en"] == g.graph["title_en"]
