"""Check the registry the way a curator needs: every problem at once, each with where it is.

:func:`registry.load_registry` stops at the first problem, which is right for a build; a
curator adding a partnership wants the whole list (a duplicate id, an alias given to two
entities, a label missing in one language, a party that is not a country or a supranational
body) before the next build.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import RegistryError
from .registry import BASE_KIND, ENTITY_FILES, PARTY_TYPES, load_registry
from .text import has_cjk, match_key

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REFERENCES = ("country", "part_of", "sub_organization_of")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the registry, and where."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check_registry(folder: Path, extra: tuple[Path, ...] = ()) -> list[Problem]:
    """Every problem in the registry ``folder`` (plus ``extra`` entity files, such as stubs
    written by ``bkg candidates --write`` before they are moved in)."""
    problems: list[Problem] = []
    entries: list[tuple[str, dict[str, Any]]] = []
    for path in (*(folder / name for name in ENTITY_FILES), *extra):
        data = _read(path, problems)
        for i, item in enumerate(data.get("entity", []), 1):
            entries.append((f"{path.name} entry {i}", item))
    ids: dict[str, str] = {}
    types: dict[str, str] = {}
    owners: dict[tuple[str | None, str], tuple[str, str]] = {}
    for where, item in entries:
        ident = item.get("id")
        if not isinstance(ident, str) or not _ID.match(ident):
            problems.append(Problem(where, f"id {ident!r} must be lower-case letters, digits, '-'"))
            continue
        where = f"{where} ({ident})"
        if ident in ids:
            problems.append(Problem(where, f"duplicate id {ident!r}, also {ids[ident]}"))
        ids[ident] = where
        etype = item.get("type")
        types[ident] = str(etype)
        if etype not in BASE_KIND:
            problems.append(Problem(where, f"unknown type {etype!r}; one of {sorted(BASE_KIND)}"))
        problems += _labels(where, item)
        problems += _names(where, ident, item, owners)
    for where, item in entries:
        ident = str(item.get("id"))
        for key in _REFERENCES:
            ref = item.get(key)
            if ref is not None and ref not in ids:
                problems.append(
                    Problem(f"{where} ({ident})", f"{key} {ref!r} is not in the registry")
                )
        for party in item.get("parties", []):
            if party not in ids:
                problems.append(
                    Problem(f"{where} ({ident})", f"party {party!r} is not in the registry")
                )
            elif types[party] not in PARTY_TYPES:
                problems.append(
                    Problem(
                        f"{where} ({ident})",
                        f"party {party!r} is a {types[party]}; a party is a Country or a "
                        "SupranationalBody",
                    )
                )
    if not problems and not extra:
        try:
            load_registry(folder)
        except RegistryError as exc:  # collectives, scheme, predicates
            problems.append(Problem(str(folder), str(exc)))
    return problems


def _read(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        problems.append(Problem(str(path), "registry file missing"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(str(path), f"not valid TOML: {exc}"))
    return {}


def _labels(where: str, item: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    for lang, name in (("en", "English"), ("ja", "Japanese")):
        value = item.get(lang)
        if not isinstance(value, str) or not value.strip():
            out.append(Problem(where, f"the {name} label ({lang!r}) is missing"))
    en = item.get("en")
    if isinstance(en, str) and has_cjk(en):
        out.append(Problem(where, f"the English label {en!r} is written in Japanese"))
    return out


def _names(
    where: str,
    ident: str,
    item: dict[str, Any],
    owners: dict[tuple[str | None, str], tuple[str, str]],
) -> list[Problem]:
    """Duplicate aliases inside one entry, and names given to two entities."""
    out: list[Problem] = []
    labels = [n for n in (item.get("ja"), item.get("en")) if isinstance(n, str) and n]
    abbr, aliases = _list(item.get("abbr")), _list(item.get("aliases"))
    for name in {
        *[a for a in abbr if abbr.count(a) > 1],
        *[a for a in aliases if aliases.count(a) > 1],
    }:
        out.append(Problem(where, f"the name {name!r} is listed twice"))
    for name in aliases:
        if name in labels:
            out.append(Problem(where, f"the alias {name!r} repeats a label"))
    scoped: list[tuple[str | None, str]] = [(None, n) for n in (*labels, *abbr, *aliases)]
    local = item.get("local_aliases", {})
    if isinstance(local, dict):
        scoped += [(doc, n) for doc, names in local.items() for n in _list(names)]
    mine: set[tuple[str | None, str]] = set()
    for doc, name in scoped:
        key = (doc, match_key(name))
        if key in mine:
            continue
        mine.add(key)
        other = owners.get(key)
        if other is not None and other[0] != ident:
            out.append(
                Problem(where, f"the name {name!r} is also given to {other[0]!r} ({other[1]})")
            )
        owners.setdefault(key, (ident, where))
    return out


def _list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
