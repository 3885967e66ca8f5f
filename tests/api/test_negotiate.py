"""Content negotiation: q-values, specificity, aliases, format= and 406."""

from __future__ import annotations

import pytest

from bkg_api.errors import ApiError
from bkg_api.negotiate import choose, parse_accept
from bkg_graph.store import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"


@pytest.mark.parametrize(
    ("accept", "offered", "chosen"),
    [
        (None, RESULT_MEDIA_TYPES, SRJ),
        ("", GRAPH_MEDIA_TYPES, "text/turtle"),
        ("*/*", GRAPH_MEDIA_TYPES, "text/turtle"),
        ("nonsense", RESULT_MEDIA_TYPES, SRJ),  # nothing parseable: the server's first choice
        (f"{SRX};q=0.5, {SRJ}", RESULT_MEDIA_TYPES, SRJ),
        (f"*/*;q=0.1, {SRJ};q=0", RESULT_MEDIA_TYPES, SRX),  # q=0 excludes even under */*
        ("text/*;q=0.3, */*;q=0.1", RESULT_MEDIA_TYPES, "text/csv"),  # text/* never means xml
        ("application/xml", RESULT_MEDIA_TYPES, SRX),  # an alias named exactly
        ("text/plain", GRAPH_MEDIA_TYPES, "application/n-triples"),
        (
            "application/ld+json;q=0.9, application/rdf+xml",
            GRAPH_MEDIA_TYPES,
            "application/rdf+xml",
        ),
        ("TEXT/TURTLE;Q=0.2, application/n-triples;q=0.1", GRAPH_MEDIA_TYPES, "text/turtle"),
    ],
)
def test_the_client_preference_decides(
    accept: str | None, offered: tuple[str, ...], chosen: str
) -> None:
    assert choose(accept, offered) == chosen


@pytest.mark.parametrize(("fmt", "chosen"), [("csv", "text/csv"), ("TSV", "text/tab-separated-values"),
                                             ("json", SRJ), (SRX, SRX)])  # fmt: skip
def test_format_wins_over_accept(fmt: str, chosen: str) -> None:
    assert choose("text/turtle", RESULT_MEDIA_TYPES, fmt) == chosen


def test_nothing_acceptable_is_a_406_naming_what_is() -> None:
    with pytest.raises(ApiError) as info:
        choose(f"{SRJ};q=0, image/png", RESULT_MEDIA_TYPES)
    assert (info.value.status, info.value.error) == (406, "not_acceptable")
    assert info.value.detail.endswith("available: " + ", ".join(RESULT_MEDIA_TYPES))
    with pytest.raises(ApiError, match="format='ttl' is not available here"):
        choose(None, RESULT_MEDIA_TYPES, "ttl")


def test_malformed_q_values_count_as_zero() -> None:
    assert [(r.type, r.subtype, r.q) for r in parse_accept("text/csv;q=abc, a/b;q=7, junk")] == [
        ("text", "csv", 0.0),
        ("a", "b", 1.0),
    ]
