"""RDF for what is known across documents and versions: the version history of a document
(what changed between versions, statement by statement) and the alignment of a translation
with its original."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..namespaces import BKG, DCTERMS, PROV, RDF, XSD, IRIs
from .compare import Alignment, Change, diff
from .rdf_document import statement_iri
from .rdf_registry import Triple
from .statements import DocumentRecord


def history_triples(
    current: DocumentRecord, past: list[DocumentRecord], iris: IRIs
) -> list[Triple]:
    """Versions 1…n of a document, each with the changes that made it from the one before."""
    doc = iris.document(current.meta.id)
    lang = current.meta.language
    versions = [*past, current]
    out: list[Triple] = []
    previous: URIRef | None = None
    for number, (record, before) in enumerate(
        zip(versions, [None, *versions[:-1]], strict=True), 1
    ):
        v = URIRef(f"{doc}/version/{number}")
        out += [
            (doc, BKG.version, v),
            (v, RDF.type, BKG.DocumentVersion),
            (v, BKG.versionNumber, Literal(number)),
            (v, BKG.sha256, Literal(record.sha256)),
            (v, BKG.statementCount, Literal(len(record.statements))),
        ]
        ingested = next((p.ingested for p in current.meta.history if p.number == number), None)
        if ingested:
            out.append((v, DCTERMS.date, Literal(ingested, datatype=XSD.date)))
        if previous is not None:
            out.append((v, PROV.wasRevisionOf, previous))
        if record is current:
            out.append((doc, BKG.currentVersion, v))
        if before is not None:
            for k, change in enumerate(diff(before, record), 1):
                out += _change_triples(URIRef(f"{v}/change/{k}"), v, change, current, lang, iris)
        previous = v
    return out


def _change_triples(
    node: URIRef, version: URIRef, change: Change, current: DocumentRecord, lang: str, iris: IRIs
) -> list[Triple]:
    out: list[Triple] = [
        (version, BKG.change, node),
        (node, RDF.type, BKG.Change),
        (node, BKG.changeType, Literal(change.kind)),
        (node, BKG.locator, Literal(change.locator(lang), lang=lang)),
    ]
    if change.old is not None:
        out.append((node, BKG.previousText, Literal(change.old.text, lang=lang)))
    if change.new is not None:
        out.append((node, BKG.newText, Literal(change.new.text, lang=lang)))
        if current.statements and change.new in current.statements:
            out.append((node, BKG.statement, statement_iri(change.new, current.meta.id, iris)))
    return out


def translation_triples(
    translation: DocumentRecord, original: DocumentRecord, alignment: Alignment, iris: IRIs
) -> list[Triple]:
    """Link a translation to its original, statement by statement, with both texts on each."""
    t_doc, o_doc = iris.document(translation.meta.id), iris.document(original.meta.id)
    out: list[Triple] = [(t_doc, BKG.translationOf, o_doc)]
    for t_st, o_st in alignment.pairs:
        t = statement_iri(t_st, translation.meta.id, iris)
        o = statement_iri(o_st, original.meta.id, iris)
        out += [
            (t, BKG.translationOf, o),
            (t, BKG.translatedText, Literal(o_st.text, lang=original.meta.language)),
            (o, BKG.translatedText, Literal(t_st.text, lang=translation.meta.language)),
        ]
    return out


def misalignment_warnings(alignment: Alignment, translation: DocumentRecord) -> list[str]:
    lang = translation.meta.language
    return [
        f"{st.locator(lang)}: only in the translation {translation.meta.id}"
        for st in alignment.only_in_translation
    ] + [
        f"{st.locator(lang)}: in the original but not in the translation"
        for st in alignment.only_in_original
    ]
