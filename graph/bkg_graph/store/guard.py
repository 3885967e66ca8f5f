"""The read-only check every query passes before any engine sees it.

The embedded engine would execute ``SERVICE <url>`` by sending the query to that URL, so the
refusal has to happen here, on the tokens of the query (see :mod:`.lexer`): a ``SERVICE``
keyword, an update operation or ``LOAD`` anywhere outside strings, IRIs and comments is
refused. The query is tokenized as written and again with its ``\\u`` escapes replaced, and a
finding in either counts. Where the word "service" appears only inside strings, IRIs or
comments of a query whose lexing could be in doubt (escapes, characters the lexer does not
know), rdflib's full SPARQL parser decides; it is slow (tens of milliseconds), so it is not
run for every query.

The check also reads what the server needs before running a query: its form (SELECT, ASK,
CONSTRUCT, DESCRIBE), whether it names its own dataset (``FROM``) and where a top-level
``LIMIT`` can be written into a SELECT query to cap its results.
"""

from __future__ import annotations

from typing import Any

from ..errors import QueryError, QueryForbidden, QueryTooLarge
from .base import CheckedQuery, QueryForm
from .lexer import Kind, Token, position, tokenize, unescape

UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_CODE = (Kind.WORD, Kind.PNAME, Kind.VAR, Kind.BNODE, Kind.NUMBER, Kind.PUNCT, Kind.IRI)
_DATA = (Kind.STRING, Kind.IRI, Kind.COMMENT)


def check(text: str, *, max_bytes: int = 100_000) -> CheckedQuery:
    """Check that ``text`` is a read-only query; raise QueryError/QueryForbidden if not."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise QueryTooLarge(f"the query is {size:,} bytes long; the limit is {max_bytes:,} bytes")
    tokens = tokenize(text)
    code = [t for t in tokens if t.kind in _CODE]
    if not code:
        raise QueryError("empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    _refuse_writes(text, code)
    plain = unescape(text)
    if plain != text:
        _refuse_writes(plain, [t for t in tokenize(plain) if t.kind in _CODE])
    if _needs_parser(plain, tokens) and _parser_finds_service(plain):
        raise QueryForbidden(
            "SERVICE is not allowed: this endpoint answers from its own graph only"
        )
    return _read(text, code)


def _refuse_writes(text: str, code: list[Token]) -> None:
    for tok in code:
        word = tok.text.upper() if tok.kind is Kind.WORD else ""
        if tok.kind is Kind.PNAME and tok.text.split(":", 1)[0].upper() == "SERVICE":
            word = "SERVICE"
        if not word:
            continue
        line, column = position(text, tok.start)
        where = f" (line {line}, column {column})"
        if word == "SERVICE":
            raise QueryForbidden(
                "SERVICE is not allowed: this endpoint answers from its own graph only" + where,
                line=line,
                column=column,
            )
        if word == "LOAD":
            raise QueryForbidden(
                "LOAD is not allowed: this endpoint is read-only and fetches nothing" + where,
                line=line,
                column=column,
            )
        if word in UPDATE_WORDS:
            raise QueryForbidden(
                f"SPARQL Update ({word}) is not allowed: this endpoint is read-only" + where,
                line=line,
                column=column,
            )


def _needs_parser(plain: str, tokens: list[Token]) -> bool:
    """True if "service" occurs outside code and the lexing could differ from the engine's."""
    if "service" not in plain.lower():
        return False
    doubtful = "\\" in plain or any(t.kind is Kind.OTHER for t in tokens)
    return doubtful and any("service" in t.text.lower() for t in tokens if t.kind in _DATA)


def _parser_finds_service(plain: str) -> bool:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(plain)
    except ParseException as exc:
        raise QueryError(
            f"the query mentions 'service' and could not be checked: {exc.msg} "
            f"(line {exc.lineno}, column {exc.col})",
            line=exc.lineno,
            column=exc.col,
        ) from None
    return _has_node(tree, "ServiceGraphPattern")


def _has_node(node: Any, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_has_node(v, name) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_has_node(v, name) for v in node)
    return False


def _read(text: str, code: list[Token]) -> CheckedQuery:
    """Form, FROM and the LIMIT slot, read from the depth-0 tokens."""
    form: QueryForm | None = None
    depth = 0
    has_from = False
    where_seen = False
    limit_at: tuple[int, int] | None = None
    limit: int | None = None
    values_at: int | None = None
    for i, tok in enumerate(code):
        if tok.text == "{":
            depth += 1
            where_seen = True
            continue
        if tok.text == "}":
            depth -= 1
            continue
        if depth or tok.kind is not Kind.WORD:
            continue
        word = tok.text.upper()
        if form is None:
            if word in QueryForm.__members__:
                form = QueryForm(word)
            elif word not in ("PREFIX", "BASE"):
                line, column = position(text, tok.start)
                raise QueryError(
                    "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found "
                    f"{tok.text!r} (line {line}, column {column})",
                    line=line,
                    column=column,
                )
        elif word == "FROM":
            has_from = True
        elif word == "LIMIT" and where_seen and values_at is None:
            nxt = code[i + 1] if i + 1 < len(code) else None
            if nxt is not None and nxt.kind is Kind.NUMBER and nxt.text.isdigit():
                limit_at, limit = (tok.start, nxt.end), int(nxt.text)
        elif word == "VALUES" and where_seen and values_at is None:
            values_at = tok.start
    if form is None:
        raise QueryError("expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    if form is not QueryForm.SELECT or not where_seen:
        limit_at, limit = None, None
    elif limit_at is None:
        end = values_at if values_at is not None else len(text)
        limit_at = (end, end)
    return CheckedQuery(text, form, has_from=has_from, limit_at=limit_at, limit=limit)
