"""Entities named as people write them: ``mic``, ``MIC``, ``agency/mic``, the full IRI,
``総務省``, ``Ministry of Internal Affairs and Communications``, an alias, ``ＭＩＣ``.

Every parameter and filter that names an entity goes through :class:`Names`, built from the
graph's own labels (the ``names`` named query), so a document ingested yesterday is as
nameable as the registry. A name is compared by its match key (width, case, spaces and
middle dots folded). A name that fits two entities is an :class:`~.errors.InputError`, one
that fits none a :class:`~.errors.NotFound`; both list the closest names — never a silent
empty answer.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import InputError, NotFound
from .queries.run import SelectStore, run_query
from .text import match_key

BKG = "https://w3id.org/bilateral-kg/ontology#"
#: The groups a parameter may name, by the word the parameters use.
GROUPS = {
    "agency": ("Agency",),
    "agent": ("Agency", "Country", "Organization", "Company"),
    "country": ("Country",),
    "initiative": ("Initiative",),
    "pillar": ("Pillar",),
    "theme": ("Theme",),
    "status": ("Status",),
    "document": ("Document",),
    "entity": (
        "Agency",
        "Country",
        "Organization",
        "Company",
        "Initiative",
        "Event",
        "Document",
        "Pillar",
        "Theme",
        "Topic",
        "Status",
    ),
}


@dataclass(frozen=True)
class Named:
    """One entity a name resolved to."""

    iri: str
    group: str
    id: str
    label: str  # the name to show in messages: an English label, else the id

    @property
    def path(self) -> str:
        """How messages name it: its path under the base (``agency/mic``), else its id."""
        if "#" in self.iri:
            return self.id
        return "/".join(self.iri.rstrip("/").rsplit("/", 2)[-2:])


class Names:
    """Every name of every entity of one graph, for resolving what a user typed."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.entities: dict[str, Named] = {}
        self.keys: dict[str, set[str]] = defaultdict(set)  # match key → IRIs
        self.shown: dict[str, str] = {}  # match key → a name as written
        for r in rows:
            iri, group = r["entity"], r["group"].removeprefix(BKG)
            if iri not in self.entities:
                self.entities[iri] = Named(iri, group, r["id"], r.get("label") or r["id"])
            key = match_key(r["name"])
            if key:
                self.keys[key].add(iri)
                self.shown.setdefault(key, r["name"])

    @classmethod
    def of(cls, store: SelectStore) -> Names:
        """The names of the graph in ``store``; kept per store and graph version, since a
        version never changes (a store without a version is asked every time)."""
        version = getattr(store, "version", None)
        key = (id(store), version)
        if isinstance(version, str) and version and key in _CACHE:
            return _CACHE[key]
        names = cls(run_query(store, "names"))
        if isinstance(version, str) and version:
            if len(_CACHE) >= 8:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = names
        return names

    def resolve(self, value: str, kind: str = "entity") -> Named:
        """The one entity of ``kind`` (a key of :data:`GROUPS`) that ``value`` names."""
        groups = GROUPS[kind]
        text = value.strip()
        if not text:
            raise InputError(f"give a {kind}: an id, name or IRI")
        found = [e for e in self._candidates(text) if e.group in groups]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = "; ".join(f"{e.path} ({e.label})" for e in sorted(found, key=_by_path))
            raise InputError(f"{kind} {value!r} is ambiguous: it may be {listed}")
        raise NotFound(f"no {kind} {value!r}{self._closest(text, groups)}")

    def resolve_all(self, values: Iterable[str], kind: str = "entity") -> list[Named]:
        """Each value resolved; the same entity named twice counts once."""
        out: dict[str, Named] = {}
        for v in values:
            e = self.resolve(v, kind)
            out.setdefault(e.iri, e)
        return list(out.values())

    def _candidates(self, text: str) -> list[Named]:
        if text in self.entities:
            return [self.entities[text]]
        if "://" in text or text.startswith("urn:"):
            return []  # an IRI that is not in the graph
        path = text.strip("/")
        if "/" in path:
            by_path = [e for iri, e in self.entities.items() if iri.endswith("/" + path)]
            if by_path:
                return by_path
            path = path.rsplit("/", 1)[-1]
        key = match_key(path)
        return [self.entities[i] for i in sorted(self.keys.get(key, ())) if i in self.entities]

    def _closest(self, text: str, groups: tuple[str, ...]) -> str:
        keys = [
            k
            for k, iris in self.keys.items()
            if any(self.entities[i].group in groups for i in iris)
        ]
        near = difflib.get_close_matches(match_key(text), keys, n=5, cutoff=0.5)
        if not near:
            ids = sorted({e.id for e in self.entities.values() if e.group in groups})[:12]
            return f"; known: {', '.join(ids)}" if ids else ""
        options: dict[str, str] = {}
        for k in near:
            for iri in sorted(self.keys[k]):
                e = self.entities[iri]
                if e.group in groups:
                    options.setdefault(iri, f"{e.id} ({e.label})")
        return f"; closest: {', '.join(options.values())}"


_CACHE: dict[tuple[int, object], Names] = {}


def _by_path(e: Named) -> str:
    return e.path
