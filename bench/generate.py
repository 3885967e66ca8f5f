"""A deterministic synthetic graph of the real shape, at any size, written as N-Quads.

The same entities and properties as the built graph: countries; agencies with English and
Japanese labels; initiatives; documents, each in its own named graph with its statements (1–4
actors, 0–3 initiatives, pillar, theme, a date expression, status, source, text, sentences);
a registry graph; and a derived graph of participation and co-participation edges. Actors
and initiatives are drawn with a skew, as in real reports, so that some agencies share much.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

BASE = "https://w3id.org/bilateral-kg/id/"
BKG = "https://w3id.org/bilateral-kg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
ID = "<http://purl.org/dc/terms/identifier>"
SOURCE = "<http://purl.org/dc/terms/source>"
TITLE = "<http://purl.org/dc/terms/title>"
ISSUED = "<http://purl.org/dc/terms/issued>"
XSD = "http://www.w3.org/2001/XMLSchema#"
REGISTRY = f"<{BASE}graph/registry>"
DERIVED = f"<{BASE}graph/derived>"
STATUSES = ("Achieved", "Ongoing", "Planned", "Agreed", "Welcomed")
STRENGTHS = ("Commitment", "Intention", "Exploration", "Factual")
WORDS_EN = (
    "Digital",
    "Data",
    "Cyber",
    "Science",
    "Trade",
    "Telecoms",
    "Innovation",
    "Standards",
    "Security",
    "Research",
    "Semiconductor",
    "Privacy",
    "Skills",
    "Cloud",
    "Quantum",
)
WORDS_JA = (
    "デジタル",
    "データ",
    "サイバー",
    "科学",
    "貿易",
    "通信",
    "革新",
    "標準",
    "安全",
    "研究",
    "半導体",
    "個人情報",
    "人材",
    "クラウド",
    "量子",
)
TRIPLES_PER_STATEMENT = 36  # measured on the output; registry and derived graphs on top


@dataclass(frozen=True)
class Shape:
    """How many of each thing a graph of about ``triples`` triples holds."""

    triples: int
    statements: int
    agencies: int
    initiatives: int
    documents: int
    countries: int = 12
    pillars: int = 4
    themes: int = 24

    @classmethod
    def for_triples(cls, triples: int) -> Shape:
        statements = max(40, int(triples * 0.8) // TRIPLES_PER_STATEMENT)
        return cls(
            triples=triples,
            statements=statements,
            agencies=max(13, int(statements**0.5) // 2),
            initiatives=max(25, statements // 30),
            documents=max(2, statements // 60),
        )


def iri(kind: str, n: int) -> str:
    return f"<{BASE}{kind}/{kind[0]}{n:04d}>"


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def generate(triples: int, out: Path, seed: int = 7) -> Shape:
    """Write a graph of about ``triples`` triples to ``out``; the same seed, the same bytes."""
    shape = Shape.for_triples(triples)
    rng = random.Random(seed)
    lines: list[str] = []

    def q(s: str, p: str, o: str, g: str) -> None:
        lines.append(f"{s} {p} {o} {g} .")

    for n in range(shape.countries):
        c = iri("country", n)
        q(c, RDF_TYPE, f"<{BKG}Country>", REGISTRY)
        q(c, LABEL, lit(f"Country {n}", "en"), REGISTRY)
        q(c, LABEL, lit(f"国{n}", "ja"), REGISTRY)
    for kind, count, cls in (
        ("agency", shape.agencies, "Agency"),
        ("initiative", shape.initiatives, "Initiative"),
    ):
        for n in range(count):
            e, w = iri(kind, n), n % len(WORDS_EN)
            en = f"{WORDS_EN[w]} {'Agency' if kind == 'agency' else 'Programme'} {n}"
            ja = f"{WORDS_JA[w]}{'庁' if kind == 'agency' else 'プログラム'}{n}"
            q(e, RDF_TYPE, f"<{BKG}{cls}>", REGISTRY)
            for prop in (LABEL, PREF):
                q(e, prop, lit(en, "en"), REGISTRY)
                q(e, prop, lit(ja, "ja"), REGISTRY)
            q(e, ID, lit(f"{kind[0]}{n:04d}"), REGISTRY)
            q(e, f"<{BKG}country>", iri("country", n % shape.countries), REGISTRY)
    agency_weights = [1.0 / (k + 1) ** 0.8 for k in range(shape.agencies)]
    initiative_weights = [1.0 / (k + 1) ** 0.6 for k in range(shape.initiatives)]
    participation: Counter[tuple[int, int]] = Counter()
    coparticipation: Counter[tuple[int, int]] = Counter()
    day0 = date(2019, 1, 1)
    for n in range(shape.statements):
        doc = n % shape.documents
        g = f"<{BASE}graph/document/d{doc:04d}>"
        s = f"<{BASE}statement/d{doc:04d}/s{n:06d}>"
        actors = sorted(
            set(rng.choices(range(shape.agencies), agency_weights, k=rng.randint(1, 4)))
        )
        concerns = sorted(
            set(
                rng.choices(
                    range(shape.initiatives), initiative_weights, k=rng.choice((0, 1, 1, 2, 2, 3))
                )
            )
        )
        w = n % len(WORDS_EN)
        q(s, RDF_TYPE, f"<{BKG}Statement>", g)
        q(s, f"<{BKG}text>", lit(f"{WORDS_JA[w]}に関する取組{n}を日英で推進している。", "ja"), g)
        q(s, f"<{BKG}locator>", lit(f"Pillar {n % shape.pillars} › {WORDS_EN[w]} › {n}", "en"), g)
        q(s, f"<{BKG}locator>", lit(f"第{n % shape.pillars}の柱 › {WORDS_JA[w]} › {n}", "ja"), g)
        q(s, f"<{BKG}position>", typed(n, "integer"), g)
        q(s, f"<{BKG}letter>", lit("abcdefgh"[n % 8]), g)
        q(s, SOURCE, f"<{BASE}document/d{doc:04d}>", g)
        q(s, f"<{BKG}pillar>", f"<{BASE}pillar/p{n % shape.pillars}>", g)
        q(s, f"<{BKG}theme>", f"<{BASE}theme/t{rng.randrange(shape.themes):02d}>", g)
        q(s, f"<{BKG}status>", f"<{BKG}{rng.choice(STATUSES)}>", g)
        q(s, f"<{BKG}strength>", f"<{BKG}{rng.choice(STRENGTHS)}>", g)
        for a in actors:
            q(s, f"<{BKG}actor>", iri("agency", a), g)
            for i in concerns:
                participation[a, i] += 1
        for i in concerns:
            q(s, f"<{BKG}concerns>", iri("initiative", i), g)
        for k, a in enumerate(actors):
            for b in actors[k + 1 :]:
                coparticipation[a, b] += 1
        q(s, f"<{BKG}mentions>", iri("country", rng.randrange(shape.countries)), g)
        start = day0 + timedelta(days=rng.randrange(6 * 365))
        d = f"<{BASE}statement/d{doc:04d}/s{n:06d}/date/1>"
        q(s, f"<{BKG}date>", d, g)
        q(d, RDF_TYPE, f"<{BKG}DateExpression>", g)
        q(d, f"<{BKG}precision>", f"<{BKG}MonthPrecision>", g)
        q(d, f"<{BKG}dateStart>", typed(start.replace(day=1).isoformat(), "date"), g)
        q(d, f"<{BKG}dateEnd>", typed((start.replace(day=28)).isoformat(), "date"), g)
        q(d, f"<{BKG}surface>", lit(f"{start.year}年{start.month}月", "ja"), g)
        for k in range(2):
            sentence = f"<{BASE}statement/d{doc:04d}/s{n:06d}/sentence/{k + 1}>"
            q(s, f"<{BKG}sentence>", sentence, g)
            q(sentence, RDF_TYPE, f"<{BKG}Sentence>", g)
            q(sentence, f"<{BKG}text>", lit(f"文{k + 1}：{WORDS_JA[w]}の取組{n}。", "ja"), g)
            q(sentence, f"<{BKG}position>", typed(k + 1, "integer"), g)
    for doc in range(shape.documents):
        d, g = f"<{BASE}document/d{doc:04d}>", f"<{BASE}graph/document/d{doc:04d}>"
        q(d, RDF_TYPE, f"<{BKG}Document>", g)
        q(d, TITLE, lit(f"Progress report {doc}", "en"), g)
        q(d, TITLE, lit(f"進捗報告{doc}", "ja"), g)
        q(d, ISSUED, typed((day0 + timedelta(days=30 * doc % 2000)).isoformat(), "date"), g)
    for (a, i), count in sorted(participation.items()):
        q(iri("agency", a), f"<{BKG}participatesIn>", iri("initiative", i), DERIVED)
        node = f"<{BASE}derived/participation/a{a:04d}/i{i:04d}>"
        q(node, RDF_TYPE, f"<{BKG}Participation>", DERIVED)
        q(node, f"<{BKG}statementCount>", typed(count, "integer"), DERIVED)
    for (a, b), count in sorted(coparticipation.items()):
        q(iri("agency", a), f"<{BKG}coParticipatesWith>", iri("agency", b), DERIVED)
        q(iri("agency", b), f"<{BKG}coParticipatesWith>", iri("agency", a), DERIVED)
        node = f"<{BASE}derived/co-participation/a{a:04d}/a{b:04d}>"
        q(node, f"<{BKG}weight>", typed(count, "integer"), DERIVED)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Shape(len(lines), shape.statements, shape.agencies, shape.initiatives, shape.documents)
