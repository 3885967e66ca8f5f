"""What the page script receives, and the server-side layout it draws from."""

from __future__ import annotations

import math
import random

import networkx as nx

from bkg_graph.network import Citation, Kind, Source, ViewSpec, project
from bkg_graph.network.layout import layout
from bkg_graph.network.render import HINT_AT, PHYSICS_AT, view_data, vis_files


def synthetic(n: int, seed: int = 1) -> nx.Graph:
    """A view-shaped graph of ``n`` nodes: agencies and initiatives with cited edges."""
    rng = random.Random(seed)
    g = nx.Graph()
    for i in range(n):
        group = "Agency" if i % 5 == 0 else "Initiative"
        g.add_node(
            f"urn:x:{i}", label_en=f"node {i}", label_ja=f"ノード{i}", group=group, type=group,
            id=str(i), country="jp" if i % 2 else "uk", abbreviation="",
        )  # fmt: skip
    cite = Citation("urn:s", "urn:d", "位置", "place", "urn:s/1", "引用")
    for i in range(1, n):
        j = rng.randrange(0, i)
        g.add_edge(f"urn:x:{i}", f"urn:x:{j}", weight=1, statements=["urn:s"], citations=[cite])
    return g


def test_payload_of_the_coparticipation_view(source: Source) -> None:
    spec = ViewSpec(kind=Kind.COPARTICIPATION, lang="ja")
    g = project(source, spec)
    data = view_data(g, spec, href=lambda iri: "/x" if iri.endswith("/mic") else None)
    assert (data["meta"]["nodes"], data["meta"]["edges"]) == (10, 10)
    assert data["meta"]["physics"] is True and data["meta"]["hint"] is False
    assert data["meta"]["title"] == {"en": "Agency co-participation", "ja": "省庁の共同参加"}
    assert [entry["key"] for entry in data["legend"]] == ["agency-jp", "agency-uk"]
    mic = next(n for n in data["nodes"] if n["id"].endswith("/agency/mic"))
    assert (mic["label"], mic["color"], mic["href"], mic["focus"]) == (
        {"en": "Ministry of Internal Affairs and Communications", "ja": "総務省"},
        "#D55E00",
        "/x",
        "agency/mic",
    )
    assert mic["degree"] == 3
    cited = sum(len(e["cites"]) for e in data["edges"])
    assert cited == sum(len(d["citations"]) for _, _, d in g.edges(data=True))
    for e in data["edges"]:
        for st, quote in e["cites"]:
            assert data["statements"][st]["locator"]["ja"]
            assert data["quotes"][quote]
    assert not any(e["dashes"] for e in data["edges"])  # no collective-only edge by default
    every = ViewSpec.from_query("kind=coparticipation&evidence=named,reference,collective")
    data = view_data(project(source, every), every, href=lambda iri: None)
    dashed = sorted(
        tuple(sorted(x.rsplit("/", 1)[-1] for x in (e["from"], e["to"])))
        for e in data["edges"]
        if e["dashes"]
    )
    assert all(e["evidence"] == "collective" for e in data["edges"] if e["dashes"])
    # the cabinet secretariat acts with the Japanese ministries only as one of 日英関係省庁
    assert dashed == [("cas-dmcc", "digital-agency"), ("cas-dmcc", "meti"), ("cas-dmcc", "mic")]


def test_large_views_turn_physics_off_and_suggest_a_filter() -> None:
    spec = ViewSpec()
    small = view_data(synthetic(PHYSICS_AT), spec)["meta"]
    assert (small["physics"], small["hint"]) == (True, False)
    middle = view_data(synthetic(PHYSICS_AT + 1), spec)["meta"]
    assert (middle["physics"], middle["hint"]) == (False, False)
    large = view_data(synthetic(HINT_AT + 1), spec)["meta"]
    assert (large["physics"], large["hint"]) == (False, True)


def test_layout_is_deterministic_and_fills_the_square() -> None:
    for n in (1, 2, 40, 700):
        g = synthetic(n)
        g.add_node("urn:alone")  # a second component
        pos = layout(g)
        assert pos == layout(g)
        assert set(pos) == set(g)
        assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in pos.values())
        assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
        assert len(set(pos.values())) == len(pos), "no two nodes on the same spot"


def test_vis_network_comes_from_the_installed_pyvis() -> None:
    files = vis_files()
    assert files["vis-network.min.js"].read_text(encoding="utf-8").startswith("/**\n * vis-network")
    assert "site-packages/pyvis/lib/vis-9.1.2" in str(files["vis-network.css"])
