"""The curated entity registry: entities, collective terms, the pillar/theme scheme, predicates.

Everything here is data under ``ontology/registry/`` (TOML) that a curator edits without
touching code; this module only reads and checks it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import paths
from .errors import RegistryError
from .text import match_key


class _HasNames(Protocol):
    @property
    def ja(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


_Named = TypeVar("_Named", bound=_HasNames)

# Registry "type" → the core class whose IRI segment and shapes apply.
BASE_KIND: dict[str, str] = {
    "Agency": "Agency",
    "Country": "Country",
    "Organization": "Organization",
    # a body of several states that can be a party to a partnership (the European Union)
    "SupranationalBody": "Organization",
    "Company": "Company",
    "Event": "Event",
    "Document": "Document",
    "Topic": "Topic",
    **{
        t: "Initiative"
        for t in (
            "Initiative",
            "Programme",
            "Coalition",
            "Framework",
            "Process",
            "WorkingGroup",
            "Dialogue",
            "Project",
            "Forum",
            "Partnership",
        )
    },
}
AGENT_KINDS = frozenset({"Agency", "Country", "Organization", "Company"})
# registry types that can be a party to a partnership (bkg:Party in the ontology)
PARTY_TYPES = frozenset({"Country", "SupranationalBody"})
ENTITY_FILES = (
    "agencies.toml",
    "countries.toml",
    "organizations.toml",
    "companies.toml",
    "initiatives.toml",
    "events.toml",
    "documents.toml",
    "topics.toml",
)


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    en: str
    ja: str
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    local_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country: str | None = None
    part_of: str | None = None
    sub_organization_of: str | None = None
    parties: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None
    footnote_titles: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return BASE_KIND[self.type]

    @property
    def is_agent(self) -> bool:
        return self.kind in AGENT_KINDS

    def names(self, doc_id: str | None = None) -> tuple[str, ...]:
        """Every written form under which the entity is recognised in a document."""
        local = self.local_aliases.get(doc_id, ()) if doc_id else ()
        return (self.ja, self.en, *self.abbr, *self.aliases, *local)


@dataclass(frozen=True)
class Collective:
    term: str
    resolves: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    # for "context": what the term means when the statement has named no agent before it
    # (双方 opening an item: both sides, the parties); None reports it unresolved
    fallback: str | None = None


@dataclass(frozen=True)
class Pillar:
    id: str
    notation: str
    en: str
    ja: str
    aliases: tuple[str, ...] = ()
    default_theme: str | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    pillar: str
    en: str
    ja: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One status or strength rule: a value and the patterns that decide it."""

    value: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass
class Registry:
    entities: dict[str, Entity]
    collectives: list[Collective]
    pillars: dict[str, Pillar]
    themes: dict[str, Theme]
    status_rules: list[Rule]
    strength_rules: list[Rule]
    tense_rules: list[Rule]
    ignored: frozenset[str] = frozenset()
    # English words before a predicate that cancel it (did not sign, have not yet agreed)
    negation: tuple[re.Pattern[str], ...] = ()
    statuses: tuple[str, ...] = ()  # the one list of statuses, in the order of predicates.toml
    strengths: tuple[str, ...] = ()

    def get(self, ident: str) -> Entity:
        try:
            return self.entities[ident]
        except KeyError:
            raise RegistryError(f"unknown registry id {ident!r}") from None

    def find_pillar(self, heading: str) -> Pillar | None:
        return self._pillar_keys.get(match_key(heading))

    def find_theme(self, heading: str) -> Theme | None:
        return self._theme_keys.get(match_key(heading))

    @cached_property
    def _pillar_keys(self) -> dict[str, Pillar]:
        return _by_name(self.pillars.values())

    @cached_property
    def _theme_keys(self) -> dict[str, Theme]:
        return _by_name(self.themes.values())


def _by_name(items: Iterable[_Named]) -> dict[str, _Named]:
    """Each item under the match key of every name it has (the first item keeps a name)."""
    keys: dict[str, _Named] = {}
    for item in items:
        for name in (item.ja, item.en, *item.aliases):
            keys.setdefault(match_key(name), item)
    return keys


def _strs(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RegistryError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def _str(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(f"{where}: {key!r} must be a non-empty string")
    return value


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise RegistryError(f"{path}: registry file missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: {exc}") from None


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _entity(data: dict[str, Any], where: str) -> Entity:
    ident = _str(data, "id", where)
    assert ident is not None
    if not _ID.match(ident):
        raise RegistryError(f"{where}: id {ident!r} must be lower-case letters, digits and '-'")
    where = f"{where} ({ident})"
    etype = _str(data, "type", where)
    if etype not in BASE_KIND:
        raise RegistryError(f"{where}: unknown type {etype!r}; one of {sorted(BASE_KIND)}")
    local = data.get("local_aliases", {})
    if not isinstance(local, dict):
        raise RegistryError(f"{where}: 'local_aliases' must be a table of document id → list")
    return Entity(
        id=ident,
        type=etype,
        en=_str(data, "en", where) or "",
        ja=_str(data, "ja", where) or "",
        abbr=_strs(data, "abbr", where),
        aliases=_strs(data, "aliases", where),
        local_aliases={k: _strs(local, k, where) for k in local},
        country=_str(data, "country", where, required=False),
        part_of=_str(data, "part_of", where, required=False),
        sub_organization_of=_str(data, "sub_organization_of", where, required=False),
        parties=_strs(data, "parties", where),
        date=_str(data, "date", where, required=False),
        url=_str(data, "url", where, required=False),
        footnote_titles=_strs(data, "footnote_titles", where),
    )


def _compile(patterns: tuple[str, ...], where: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise RegistryError(f"{where}: bad pattern {pattern!r}: {exc}") from None
    return tuple(compiled)


def _rules(
    items: list[dict[str, Any]], key: str, where: str, allowed: tuple[str, ...]
) -> list[Rule]:
    rules = []
    for item in items:
        value = _str(item, key, where) or ""
        if value not in allowed:
            raise RegistryError(f"{where}: {key} {value!r} is not one of {', '.join(allowed)}")
        rules.append(Rule(value, _compile(_strs(item, "patterns", where), where)))
    return rules


def _vocabulary(preds: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _strs(preds, key, where)
    if not values:
        raise RegistryError(f"{where}: {key!r} must list the allowed values")
    return values


@functools.cache
def _statuses_in(folder: Path) -> tuple[str, ...]:
    path = folder / "predicates.toml"
    return _vocabulary(_read(path), "statuses", str(path))


def statuses(folder: Path | None = None) -> tuple[str, ...]:
    """The statuses a statement can have, as ``predicates.toml`` lists them (the one list
    that the build, the query parameters and the filters read)."""
    return _statuses_in(folder or paths.registry_dir())


def _fallback(item: dict[str, Any], where: str) -> str | None:
    value = _str(item, "fallback", where, required=False)
    if value not in (None, "parties"):
        raise RegistryError(f"{where}: fallback {value!r} must be 'parties'")
    return value


def load_registry(folder: Path) -> Registry:
    """Read and check every registry file in ``folder``."""
    entities: dict[str, Entity] = {}
    for name in ENTITY_FILES:
        path = folder / name
        for i, item in enumerate(_read(path).get("entity", []), 1):
            entity = _entity(item, f"{path} entry {i}")
            if entity.id in entities:
                raise RegistryError(f"{path}: duplicate id {entity.id!r}")
            entities[entity.id] = entity

    coll_path = folder / "collectives.toml"
    collectives = []
    for i, item in enumerate(_read(coll_path).get("collective", []), 1):
        where = f"{coll_path} entry {i}"
        resolves = _str(item, "resolves", where)
        if resolves not in {"members", "parties", "definition", "context"}:
            raise RegistryError(f"{where}: unknown resolves {resolves!r}")
        collectives.append(
            Collective(
                term=_str(item, "term", where) or "",
                resolves=resolves,
                aliases=_strs(item, "aliases", where),
                members=_strs(item, "members", where),
                fallback=_fallback(item, where),
            )
        )

    scheme_path = folder / "scheme.toml"
    scheme = _read(scheme_path)
    pillars = {}
    for i, item in enumerate(scheme.get("pillar", []), 1):
        where = f"{scheme_path} pillar {i}"
        p = Pillar(
            id=_str(item, "id", where) or "",
            notation=_str(item, "notation", where) or "",
            en=_str(item, "en", where) or "",
            ja=_str(item, "ja", where) or "",
            aliases=_strs(item, "aliases", where),
            default_theme=_str(item, "default_theme", where, required=False),
        )
        pillars[p.id] = p
    themes = {}
    for i, item in enumerate(scheme.get("theme", []), 1):
        where = f"{scheme_path} theme {i}"
        t = Theme(
            id=_str(item, "id", where) or "",
            pillar=_str(item, "pillar", where) or "",
            en=_str(item, "en", where) or "",
            ja=_str(item, "ja", where) or "",
            aliases=_strs(item, "aliases", where),
        )
        themes[t.id] = t

    pred_path = folder / "predicates.toml"
    preds = _read(pred_path)
    where = str(pred_path)
    status_values = _vocabulary(preds, "statuses", where)
    strength_values = _vocabulary(preds, "strengths", where)
    negation = preds.get("negation", {})
    if not isinstance(negation, dict):
        raise RegistryError(f"{where}: [negation] must be a table with 'patterns'")
    registry = Registry(
        entities=entities,
        collectives=collectives,
        pillars=pillars,
        themes=themes,
        status_rules=_rules(preds.get("status", []), "status", where, status_values),
        strength_rules=_rules(preds.get("strength", []), "strength", where, strength_values),
        tense_rules=_rules(preds.get("tense", []), "strength", where, strength_values),
        negation=_compile(_strs(negation, "patterns", where), where),
        statuses=status_values,
        strengths=strength_values,
        ignored=frozenset(
            match_key(t) for t in _strs(_read(folder / "ignore.toml"), "terms", "ignore.toml")
        ),
    )
    _check_references(registry)
    return registry


def _check_references(reg: Registry) -> None:
    """Every id a registry entry points to exists, and no two entities share a name."""
    for e in reg.entities.values():
        for ref in (e.country, e.part_of, e.sub_organization_of, *e.parties):
            if ref is not None and ref not in reg.entities:
                raise RegistryError(f"registry entry {e.id!r} refers to unknown id {ref!r}")
        for party in e.parties:
            if reg.entities[party].type not in PARTY_TYPES:
                raise RegistryError(
                    f"registry entry {e.id!r}: party {party!r} is a {reg.entities[party].type}; "
                    f"a party is one of {', '.join(sorted(PARTY_TYPES))}"
                )
    for c in reg.collectives:
        for m in c.members:
            if m not in reg.entities:
                raise RegistryError(f"collective {c.term!r} refers to unknown id {m!r}")
    for p in reg.pillars.values():
        if p.default_theme and p.default_theme not in reg.themes:
            raise RegistryError(f"pillar {p.id!r}: unknown default_theme {p.default_theme!r}")
    for t in reg.themes.values():
        if t.pillar not in reg.pillars:
            raise RegistryError(f"theme {t.id!r}: unknown pillar {t.pillar!r}")
    owner: dict[tuple[str | None, str], str] = {}
    for e in reg.entities.values():
        scoped: list[tuple[str | None, str]] = [
            (None, n) for n in (e.ja, e.en, *e.abbr, *e.aliases)
        ]
        scoped += [(doc, n) for doc, names in e.local_aliases.items() for n in names]
        for doc, name in scoped:
            key = (doc, match_key(name))
            if owner.get(key, e.id) != e.id:
                raise RegistryError(
                    f"name {name!r} is given to both {owner[key]!r} and {e.id!r}; "
                    "make one of them more specific"
                )
            owner[key] = e.id
