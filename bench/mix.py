"""The users' query mix, as they would send it to any SPARQL endpoint (prefixes declared).

Each query comes in a few variants (another agency, initiative, pillar, word) that requests
rotate through, so that a run is not one query repeated; with the result cache on, those
variants are the repeated queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from .generate import BASE, Shape

PREFIXES = """PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
VARIANTS = 6


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    variants: tuple[str, ...]
    accept: str = "application/sparql-results+json"


def agency(n: int) -> str:
    return f"<{BASE}agency/a{n:04d}>"


def initiative(n: int) -> str:
    return f"<{BASE}initiative/i{n:04d}>"


def shared_initiatives(x: str) -> str:
    """Agencies sharing an initiative with ``x``: its initiatives first, distinct."""
    return (
        PREFIXES
        + f"""SELECT ?other (COUNT(DISTINCT ?i) AS ?shared) WHERE {{
  {{ SELECT DISTINCT ?i WHERE {{ ?s bkg:actor {x} ; bkg:concerns ?i }} }}
  ?t bkg:concerns ?i ; bkg:actor ?other .
  FILTER(?other != {x})
}} GROUP BY ?other ORDER BY DESC(?shared) ?other"""
    )


def coparticipation() -> str:
    """Statements in common for every pair of agencies acting together."""
    return (
        PREFIXES
        + """SELECT ?a ?b (COUNT(?s) AS ?statements) WHERE {
  ?s a bkg:Statement ; bkg:actor ?a, ?b .
  FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b ORDER BY DESC(?statements) ?a ?b LIMIT 100"""
    )


def by_pillar_status_date(pillar: int, status: str, year: int) -> str:
    return (
        PREFIXES
        + f"""SELECT ?s ?text ?start WHERE {{
  ?s bkg:pillar <{BASE}pillar/p{pillar}> ; bkg:status bkg:{status} ;
     bkg:date ?d ; bkg:text ?text .
  ?d bkg:dateStart ?start .
  FILTER(?start >= "{year}-01-01"^^xsd:date && ?start <= "{year}-12-31"^^xsd:date)
}} ORDER BY ?start ?s LIMIT 500"""
    )


def neighbourhood(i: str) -> str:
    """Two hops around an initiative: its own triples, the statements about it and theirs."""
    return (
        PREFIXES
        + f"""CONSTRUCT {{ {i} ?q ?v . ?s ?p ?o }} WHERE {{
  {{ {i} ?q ?v }} UNION {{ ?s bkg:concerns {i} . ?s ?p ?o }}
}}"""
    )


def label_search(word: str) -> str:
    return (
        PREFIXES
        + f"""SELECT ?e ?label WHERE {{
  ?e rdfs:label ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), "{word}"))
}} ORDER BY ?label ?e LIMIT 100"""
    )


def query_mix(shape: Shape) -> list[Query]:
    """The five queries of the mix, with variants that exist in a graph of this shape."""
    busy = range(VARIANTS)  # the most active agencies and initiatives (the skew puts them first)
    statuses = ("Ongoing", "Planned", "Achieved")
    words = ("data", "cyber", "デジタル", "science", "量子", "trade")
    return [
        Query(
            "shared",
            "Agencies sharing an initiative with one agency",
            tuple(shared_initiatives(agency(n)) for n in busy),
        ),
        Query(
            "coparticipation", "Co-participation counts over all agency pairs", (coparticipation(),)
        ),
        Query(
            "filter",
            "Statements by pillar, status and date range",
            tuple(
                by_pillar_status_date(n % shape.pillars, statuses[n % 3], 2020 + n % 4)
                for n in busy
            ),
        ),
        Query(
            "construct",
            "2-hop neighbourhood of an initiative (CONSTRUCT, Turtle)",
            tuple(neighbourhood(initiative(n)) for n in busy),
            accept="text/turtle",
        ),
        Query("search", "Label search (en and ja)", tuple(label_search(w) for w in words)),
    ]
