"""Turn one source document into statement records: structure, sentences, links, facts.

This is the whole reading of a document, before any RDF: tests and ``bkg build`` look at the
same records.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..corpus import DocumentMeta
from ..errors import DocumentError
from ..registry import Entity, Pillar, Registry, Theme
from ..text import match_key
from .amounts import AmountMention, find_amounts
from .candidates import find_candidates
from .dates import DateMention, find_dates
from .link import Context, Linker, link_sentence
from .parse import Item, ParsedDocument, PillarTest, decode, parse, split_sentences
from .records import CitedDocument, DocumentRecord, Sentence, Statement
from .status import decide_status, decide_strength, negated_predicate

# the record types are read from here by older callers; they live in .records
__all__ = [
    "CitedDocument",
    "DocumentRecord",
    "Sentence",
    "Statement",
    "read_document",
    "read_text",
]


def read_document(meta: DocumentMeta, registry: Registry, *, max_bytes: int) -> DocumentRecord:
    """Read, parse and link one document."""
    path = meta.source_file
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("source file not found", path=str(path)) from None
    source = decode(raw, path=str(path), limit=max_bytes)
    return read_text(meta, source, registry, path=path)


def read_text(meta: DocumentMeta, source: str, registry: Registry, *, path: Path) -> DocumentRecord:
    pillar_names = {n for p in registry.pillars.values() for n in (p.ja, p.en, *p.aliases)}
    parsed = parse(source, path=str(path), pillars=PillarTest(pillar_names))
    record = DocumentRecord(
        meta=meta,
        source=source,
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
        parsed=parsed,
        statements=[],
        cited={},
    )
    record.warnings.extend(f"line {ln}: {msg}" for ln, msg in parsed.warnings)
    record.cited = _cited_documents(parsed, registry)
    ctx = Context(meta.id, meta.parties, meta.issuers)
    linker = Linker(registry, meta.id)
    seen: dict[tuple[str, ...], int] = {}
    by_item: dict[int, Statement] = {}
    unknown: dict[int, list[str]] = {}  # statement position → unknown definition members
    for position, item in enumerate(parsed.items, 1):
        pillar, theme = _place(item, registry, record)
        parent = by_item.get(id(item.parent)) if item.parent else None
        labels = [*(parent.path[2:] if parent else ()), item.label]
        path_ = (pillar.id, theme.id, *labels)
        if path_ in seen:
            seen[path_] += 1
            record.warnings.append(
                f"line {item.line}: item {item.label}. appears twice under {theme.id}; "
                f"the second is numbered {item.label}-{seen[path_]}"
            )
            path_ = (*path_[:-1], f"{item.label}-{seen[path_]}")
        else:
            seen[path_] = 1
        statement = Statement(
            item=item,
            position=position,
            path=path_,
            pillar=pillar,
            theme=theme,
            sentences=[],
            spans=[(a, b) for a, b in item.fragments],
            cited=[record.cited[n] for n in item.footnotes if n in record.cited],
            parent=parent,
        )
        by_item[id(item)] = statement
        already = len(ctx.unknown_members)
        _read_sentences(statement, linker, registry, ctx, meta, record)
        if len(ctx.unknown_members) > already:
            unknown[position] = ctx.unknown_members[already:]
        record.statements.append(statement)
    record.warnings.extend(ctx.warnings)
    record.definitions = list(ctx.found_definitions)
    record.warnings = list(dict.fromkeys(record.warnings))
    record.candidates = find_candidates(record.statements, linker, meta.language, unknown)
    return record


def _place(item: Item, registry: Registry, record: DocumentRecord) -> tuple[Pillar, Theme]:
    if item.pillar is None:
        raise DocumentError(
            "item outside any pillar", path=str(record.meta.source_file), line=item.line
        )
    pillar = (
        registry.pillars.get("general") if item.pillar == "" else registry.find_pillar(item.pillar)
    )
    if pillar is None:
        pillar = Pillar(_slug("pillar", item.pillar), "", item.pillar, item.pillar)
        record.warnings.append(f"line {item.line}: pillar heading not in the scheme: {item.pillar}")
    theme: Theme | None = None
    if item.theme is not None:
        theme = registry.find_theme(item.theme)
        if theme is None:
            theme = Theme(_slug("theme", item.theme), pillar.id, item.theme, item.theme)
            record.warnings.append(f"theme heading not in the scheme: {item.theme}")
    elif pillar.default_theme:
        theme = registry.themes[pillar.default_theme]
    else:
        theme = Theme(f"{pillar.id}-general", pillar.id, pillar.en, pillar.ja)
        record.warnings.append(
            f"line {item.line}: item {item.label}. has no theme heading and its pillar no "
            "default theme"
        )
    return pillar, theme


def _slug(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha1(match_key(text).encode()).hexdigest()[:10]}"


def _read_sentences(
    statement: Statement,
    linker: Linker,
    registry: Registry,
    ctx: Context,
    meta: DocumentMeta,
    record: DocumentRecord,
) -> None:
    item = statement.item
    text = item.text
    actor_sets: list[tuple[str, ...]] = []
    agents: list[Entity] = []
    if statement.parent is not None:  # sub-items inherit the parent's context (両者 …)
        agents = [e for e in statement.parent.entities("actor") if e.is_agent]
    for position, (start, end) in enumerate(split_sentences(text), 1):
        sentence_text = text[start:end]
        links, notes = link_sentence(linker, sentence_text, ctx, actor_sets, agents)
        related = [lk.shifted(start) for lk in links if lk.role == "related"]
        links = [lk.shifted(start) for lk in links if lk.role != "related"]
        for note in notes:
            record.warnings.append(f"{statement.locator(meta.language)}: {note}")
        actors = tuple(dict.fromkeys(lk.entity.id for lk in links if lk.role == "actor"))
        if actors:
            actor_sets.append(actors)
        agents.extend(lk.entity for lk in links if lk.entity.is_agent)
        negation = registry.negation
        status = decide_status(sentence_text, registry.status_rules, negation)
        strength = decide_strength(
            sentence_text, registry.strength_rules, registry.tense_rules, negation
        )
        if status is None:
            negated = negated_predicate(sentence_text, registry.status_rules, negation)
            why = (
                f"negated: {negated!r}"
                if negated
                else f"no rule matches the predicate of {sentence_text[-20:]!r}"
            )
            record.warnings.append(
                f"{statement.locator(meta.language)} sentence {position}: status undecided ({why})"
            )
        statement.sentences.append(
            Sentence(
                position=position,
                text=sentence_text,
                start=start,
                end=end,
                spans=_source_spans(item, start, end),
                links=links,
                dates=[_shift_date(d, start) for d in find_dates(sentence_text, meta.date)],
                amounts=[_shift_amount(a, start) for a in find_amounts(sentence_text)],
                status=status,
                strength=strength,
                related=related,
            )
        )


def _source_spans(item: Item, start: int, end: int) -> list[tuple[int, int]]:
    """The source fragments that clean text [start, end) of an item came from."""
    lo, hi = item.origin[start], item.origin[end - 1] + 1
    spans = []
    for a, b in item.fragments:
        s, e = max(a, lo), min(b, hi)
        if s < e:
            spans.append((s, e))
    return spans


def _shift_date(d: DateMention, by: int) -> DateMention:
    return DateMention(d.start + by, d.end + by, d.surface, d.precision, d.value, d.first, d.last)


def _shift_amount(a: AmountMention, by: int) -> AmountMention:
    return AmountMention(a.start + by, a.end + by, a.surface, a.value, a.currency, a.upper_bound)


def _cited_documents(parsed: ParsedDocument, registry: Registry) -> dict[str, CitedDocument]:
    documents = [e for e in registry.entities.values() if e.kind == "Document"]
    out: dict[str, CitedDocument] = {}
    for number, fn in parsed.footnotes.items():
        key = match_key(fn.title)
        found = None
        for doc in documents:
            names = {match_key(n) for n in (doc.ja, doc.en, *doc.aliases, *doc.footnote_titles)}
            if (
                key in names
                or any(len(n) >= 8 and key.startswith(n) for n in names)
                or (fn.url is not None and fn.url == doc.url)
            ):
                found = doc
                break
        ident = found.id if found else _slug("cited", fn.url or fn.title)
        out[number] = CitedDocument(number, fn, found, ident)
    return out
