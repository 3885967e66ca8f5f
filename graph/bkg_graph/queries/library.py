"""The named query library: one ``.rq`` file per query, its stem the query's name.

Each file starts with header comments::

    # title: Statements
    # description: Statements filtered by pillar, theme, agency, …
    # param: pillar (type: iri, optional) only statements of this pillar
    # param: lang (type: lang, optional, default en) language of the labels

and marks where a parameter goes with ``$name``. Binding replaces each ``$name`` with the
value written as a SPARQL term of the declared type (see :mod:`.params`); nothing else in the
text changes. An optional parameter without a default is bound as ``UNDEF``, so it may only
appear as ``VALUES ?var { $name }`` — the query then reads ``!BOUND(?var)`` as "no filter".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

from .. import paths
from ..errors import NotFound, QueryError
from .params import PARAM_TYPES, Param, ParamType

ParamValues = Mapping[str, str | list[str] | None]

_HEADER = re.compile(r"#\s*(title|description|param):\s*(.*)")
_PARAM = re.compile(r"([a-z_][a-z0-9_]*)\s*\(([^)]*)\)\s*(.*)")
_NAME = re.compile(r"[a-z][a-z0-9-]*")
# Strings, IRIs and comments are skipped so that a `$` inside them is never replaced.
_TOKENS = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|\#[^\n]*)"
    r"|\$(?P<param>[A-Za-z_][A-Za-z0-9_]*)"
)
_FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library with its header and parameters."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    form: str

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def bind(self, values: ParamValues | None = None) -> str:
        """The query text with every ``$name`` replaced by its value as a SPARQL term."""
        values = values or {}
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}")
        rendered = {p.name: p.render(values.get(p.name)) for p in self.params}

        def replace(m: re.Match[str]) -> str:
            name = m.group("param")
            return m.group(0) if name is None else rendered[name]

        return _TOKENS.sub(replace, self.text)


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; QueryError naming the file and line if its header is wrong."""
    name = path.stem
    if not _NAME.fullmatch(name):
        raise QueryError(f"{path}: a query name is lower-case words joined by '-'")
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key == "param":
            params.append(_parse_param(value.strip(), f"{path}:{lineno}"))
        else:
            fields[key] = value.strip()
    for key in ("title", "description"):
        if not fields.get(key):
            raise QueryError(f"{path}: header has no '# {key}:' line")
    form = _FORM.search(_strip_comments(text))
    if form is None:
        raise QueryError(f"{path}: no SELECT, CONSTRUCT, ASK or DESCRIBE")
    query = NamedQuery(
        name, fields["title"], fields["description"], tuple(params), text, form.group(1).upper()
    )
    _check_placeholders(query, path)
    return query


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM.fullmatch(spec)
    if not m:
        raise QueryError(f"{where}: write '# param: name (type: T, required|optional) text'")
    name, options, description = m.groups()
    kind: str | None = None
    required: bool | None = None
    default: str | None = None
    multiple = False
    for option in (o.strip() for o in options.split(",")):
        if option.startswith("type:"):
            kind = option.removeprefix("type:").strip()
        elif option in ("required", "optional"):
            required = option == "required"
        elif option.startswith("default "):
            default = option.removeprefix("default ").strip()
        elif option == "multiple":
            multiple = True
        else:
            raise QueryError(f"{where}: unknown option {option!r} of parameter {name!r}")
    if kind not in PARAM_TYPES:
        raise QueryError(f"{where}: parameter {name!r} needs a type among {PARAM_TYPES}")
    if required is None:
        raise QueryError(f"{where}: say whether parameter {name!r} is required or optional")
    return Param(name, cast(ParamType, kind), required, description, default, multiple)


def _strip_comments(text: str) -> str:
    return _TOKENS.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), text)


def _check_placeholders(query: NamedQuery, path: Path) -> None:
    body = _strip_comments(query.text)
    used = {m.group("param") for m in _TOKENS.finditer(body) if m.group("param")}
    declared = {p.name for p in query.params}
    if used - declared:
        raise QueryError(f"{path}: ${', $'.join(sorted(used - declared))} not declared")
    if declared - used:
        raise QueryError(f"{path}: parameter {', '.join(sorted(declared - used))} not used")
    for p in query.params:
        if p.required or p.default is not None:
            continue
        uses = len(re.findall(rf"\${p.name}\b", body))
        in_values = len(re.findall(rf"VALUES\s+\?\w+\s*\{{\s*\${p.name}\s*\}}", body))
        if uses != in_values:
            raise QueryError(f"{path}: optional ${p.name} may only appear as VALUES ?v {{ $x }}")


class QueryLibrary(Mapping[str, NamedQuery]):
    """The named queries of one folder, by name, in name order."""

    def __init__(self, queries: Mapping[str, NamedQuery]) -> None:
        self._queries = dict(sorted(queries.items()))

    def __getitem__(self, name: str) -> NamedQuery:
        return self._queries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)

    def get_query(self, name: str) -> NamedQuery:
        """The query called ``name``; NotFound if there is none."""
        try:
            return self._queries[name]
        except KeyError:
            raise NotFound(f"no named query {name!r}") from None


def load_library(folder: Path | None = None) -> QueryLibrary:
    """Every ``.rq`` file of ``folder`` (default: the library shipped with the package)."""
    return _load((folder or paths.queries_dir()).resolve())


@cache
def _load(folder: Path) -> QueryLibrary:
    queries = {p.stem: parse_query_file(p) for p in sorted(folder.glob("*.rq"))}
    return QueryLibrary(queries)
