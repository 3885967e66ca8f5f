"""The build writes N-Quads lines term by term (output.block_terms); they must be the lines
the engine itself writes, one quad per line, whatever the text; and the VoID rows made from
those terms must be those of the lines."""

from __future__ import annotations

import numpy as np
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from xxhash import xxh3_64_intdigest

from bkg_graph.output import block_terms, escape_line_breaks, ox_term
from bkg_graph.pipeline.stats import ROW, of_terms

GRAPH = "https://example.org/graph/document/x"
iris = st.sampled_from(
    [URIRef("https://example.org/a"), URIRef("http://example.org/b#c"), URIRef("urn:x:%E3%81%82")]
)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
literals = st.one_of(
    texts.map(Literal),
    st.builds(lambda t, lang: Literal(t, lang=lang), texts, st.sampled_from(["ja", "en", "en-GB"])),
    st.integers(-(10**20), 10**20).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(Literal),
    st.dates().map(Literal),
    st.booleans().map(Literal),
)
objects = st.one_of(iris, literals, st.just(BNode("b0")))
triples = st.lists(st.tuples(st.one_of(iris, st.just(BNode("b1"))), iris, objects), max_size=8)


def _engine_lines(quads: list[ox.Quad]) -> bytes:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None
    lines = {ln for ln in escape_line_breaks(data.decode("utf-8")).split("\n") if ln}
    return "".join(f"{ln}\n" for ln in sorted(lines)).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(triples)
def test_lines_are_the_engines_and_parse_back_one_per_line(
    found: list[tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]],
) -> None:
    graph = ox.NamedNode(GRAPH)
    quads = [ox.Quad(ox_term(s), ox_term(p), ox_term(o), graph) for s, p, o in found]
    data, terms = block_terms(found, GRAPH)
    assert data == _engine_lines(quads)
    assert [" ".join(t) for t in terms] == [
        ln.rsplit(" ", 2)[0] for ln in data.decode().splitlines()
    ]
    lines = data.splitlines(keepends=True)
    for line in lines:  # each line is one quad, and the quad it was made from
        [quad] = ox.parse(line, format=ox.RdfFormat.N_QUADS)
        assert quad in quads
    assert len(lines) == len(set(quads))


def test_every_line_breaking_character_is_escaped() -> None:
    text = "a\u2028b\u2029c\u0085d\re\nf\u202eg\x00h\x7fi\u009fj"
    triple = (URIRef("http://s"), URIRef("http://p"), Literal(text, lang="ja"))
    data, _ = block_terms([triple], GRAPH)
    assert data.count(b"\n") == 1 and b"\r" not in data
    for ch in ("\u2028", "\u2029", "\u0085", "\u009f"):
        assert ch.encode("utf-8") not in data
    [quad] = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    assert quad.object == ox.Literal(text, language="ja")


def test_a_term_the_engine_refuses_is_refused() -> None:
    s, p = URIRef("http://s"), URIRef("http://p")
    not_an_iri = URIRef("not an iri")  # rdflib warns, and makes it
    too_long = Literal("x", lang="abcdefghij")  # rdflib takes it: no language subtag is 10 long
    for term in (not_an_iri, too_long):
        with pytest.raises(ValueError):
            block_terms([(s, p, term)], GRAPH)


def _rows_of_lines(data: bytes, base: str) -> tuple[bytes, dict[int, str]]:
    """What the VoID rows of N-Quads lines are, read from the lines one by one."""
    rows, names = [], {}
    for line in data.decode().splitlines():
        triple = line.rsplit(" ", 2)[0]
        subject, predicate, obj = triple.split(" ", 2)
        p = xxh3_64_intdigest(predicate.encode())
        names[p] = predicate[1:-1]
        c = 0
        if predicate == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" and obj[0] == "<":
            c = xxh3_64_intdigest(obj.encode())
            names[c] = obj[1:-1]
        s = xxh3_64_intdigest(subject.encode())
        rows.append((xxh3_64_intdigest(triple.encode()), s, p, c, subject.startswith("<" + base)))
    return np.array(rows, dtype=ROW).tobytes(), names


@settings(max_examples=200, deadline=None)
@given(triples)
def test_stats_of_the_terms_are_those_of_the_lines(
    found: list[tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]],
) -> None:
    data, terms = block_terms(found, GRAPH)
    rows, names = _rows_of_lines(data, "https://example.org/")
    by_terms = of_terms(terms, "https://example.org/")
    assert by_terms.rows.tobytes() == rows
    assert by_terms.names == names
