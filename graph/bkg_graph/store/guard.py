"""The read-only check every query passes before any engine sees it — built to fail safe.

An engine that meets ``SERVICE <url>`` sends the query to that URL, so a public endpoint must
never let one through. A check that reads the query with its own tokenizer can always be
fooled by a query the tokenizer reads differently from the engine (``1<'>'`` is a comparison
and a string to the engine, an IRI to a careless lexer). So the check here does not rely on
agreeing with the engine:

1. The tokenizer (:mod:`.lexer`) refuses the plain cases with the line and column of the word:
   ``SERVICE``, ``LOAD`` and update operations outside strings, IRIs and comments, and a
   server's own procedures (``bif:``, ``sql:``, ``java:``).
2. Whatever the tokenizer says, a query whose text contains a *risky word* anywhere — in any
   case, after ``\\u`` escapes are replaced, strings and comments included — is marked
   :attr:`~.base.CheckedQuery.risky`. Before it runs, a full parser reads it
   (:func:`confirm`, in a query worker, under the query time limit) and it is refused if that
   parser fails or finds ``SERVICE`` (or, on a remote store, a server procedure or an update).
3. The query worker processes cannot open a network socket at all (see :mod:`.sandbox`), so a
   query that slipped past both parsers still reaches nothing.

The check also reads what the server needs before running a query: its form (SELECT, ASK,
CONSTRUCT, DESCRIBE) and whether it names its own dataset (``FROM``). Results are capped by
counting what the engine returns, never by rewriting the query, so no reading here can lift
the cap.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from ..errors import QueryError, QueryForbidden, QueryTooLarge
from .base import CheckedQuery, QueryForm
from .lexer import Kind, Token, position, tokenize, unescape

UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
#: IRI schemes through which a server runs its own code rather than SPARQL (Virtuoso's
#: ``bif:``/``sql:``, Jena's ``java:``); refused for every store.
ENGINE_SCHEMES = ("bif:", "sql:", "java:")
ENGINE_PREFIXES = frozenset({"bif", "sql"})
#: Words whose presence anywhere sends a query to the full parser before it runs on the
#: embedded engine, which can do nothing else outward (it cannot run updates or LOAD).
ENGINE_RISKS = frozenset({"service"})
#: The same before a query is sent to a remote server, which may also run updates, LOAD,
#: Virtuoso's ``define`` pragmas and its own procedures.
REMOTE_RISKS = ENGINE_RISKS | {"load", "define", *ENGINE_SCHEMES}
#: Update words: on a remote store the engine's own parser must read such a query as a query.
UPDATE_RISKS = frozenset(w.lower() for w in UPDATE_WORDS)
#: Brackets nested deeper than this are refused: the engine's parser recurses and would
#: overflow its stack (a crash of the worker) long before any useful query gets there.
MAX_NESTING = 200

_CODE = (Kind.WORD, Kind.PNAME, Kind.VAR, Kind.BNODE, Kind.NUMBER, Kind.PUNCT, Kind.IRI)
_FORBIDDEN_SERVICE = "SERVICE is not allowed: this endpoint answers from its own graph only"
_OPEN = re.compile(r"[{(\[]|[})\]]")


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
    _refuse_deep_nesting(plain)
    return _read(text, code, risky_words(text))


def risky_words(text: str) -> frozenset[str]:
    """Every risky word found in ``text`` in any case, escapes replaced (repeatedly, so that an
    escape spelling out another escape is seen too), wherever it stands."""
    seen = {text.lower()}
    current = text
    for _ in range(4):
        current = unescape(current)
        seen.add(current.lower())
        if "\\" not in current:
            break
    words = REMOTE_RISKS | UPDATE_RISKS
    return frozenset(w for w in words if any(w in s for s in seen))


def _refuse_writes(text: str, code: list[Token]) -> None:
    declared = _declared_prefixes(code)
    for tok in code:
        line, column = position(text, tok.start)
        where = f" (line {line}, column {column})"
        if _engine_token(tok, declared):
            raise QueryForbidden(
                f"{tok.text} is not allowed: the store's own procedures (bif:, sql:, java:) "
                f"cannot be called through this endpoint{where}",
                line=line,
                column=column,
            )
        word = tok.text.upper() if tok.kind is Kind.WORD else ""
        if tok.kind is Kind.PNAME and tok.text.split(":", 1)[0].upper() == "SERVICE":
            word = "SERVICE"
        if word == "SERVICE":
            raise QueryForbidden(_FORBIDDEN_SERVICE + where, line=line, column=column)
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


def _declared_prefixes(code: list[Token]) -> set[str]:
    return {
        nxt.text.split(":", 1)[0]
        for tok, nxt in itertools.pairwise(code)
        if tok.kind is Kind.WORD and tok.text.upper() == "PREFIX" and nxt.kind is Kind.PNAME
    }


def _engine_token(tok: Token, declared: set[str]) -> bool:
    if tok.kind is Kind.IRI:
        return tok.text[1:].lower().startswith(ENGINE_SCHEMES)
    if tok.kind is Kind.PNAME:
        prefix = tok.text.split(":", 1)[0]
        return prefix.lower() in ENGINE_PREFIXES and prefix not in declared
    return False


def _refuse_deep_nesting(plain: str) -> None:
    """Count brackets as raw characters (strings included): cautious, and needs no lexing."""
    depth = deepest = 0
    for m in _OPEN.finditer(plain):
        depth = depth + 1 if m.group() in "{([" else max(0, depth - 1)
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise QueryError(
            f"the query nests brackets {deepest} levels deep; the limit is {MAX_NESTING}"
        )


def confirm(
    text: str,
    risky: frozenset[str],
    *,
    remote: bool = False,
    prefixes: dict[str, str] | None = None,
) -> None:
    """The full-parser check of a risky query; raises QueryForbidden or QueryError.

    Runs where a slow or crashing parse cannot hurt the server: in a query worker, under the
    query time limit. For the embedded engine only ``service`` matters (it cannot run
    updates); before a query goes to a remote server every risky word does, and the engine's
    own parser (pyoxigraph) must also read the text as a query, not an update.
    """
    words = risky if remote else risky & ENGINE_RISKS
    if not words:
        return
    if remote and words & UPDATE_RISKS:
        _engine_reads_a_query(text, sorted(words & UPDATE_RISKS)[0], prefixes or {})
    if not words & REMOTE_RISKS:
        return
    tree = _parse(text, sorted(words & REMOTE_RISKS)[0])
    if _has_node(tree, "ServiceGraphPattern"):
        raise QueryForbidden(_FORBIDDEN_SERVICE)
    if remote and _names_engine_procedure(tree):
        raise QueryForbidden(
            "the store's own procedures (bif:, sql:, java:) cannot be called through this endpoint"
        )


def _engine_reads_a_query(text: str, word: str, prefixes: dict[str, str]) -> None:
    import pyoxigraph as ox

    try:
        # an empty store: nothing to read; a base so that relative IRIs parse
        result = ox.Store().query(text, prefixes=prefixes, base_iri="http://localhost/")
    except SyntaxError as exc:
        detail = " ".join(str(exc).split())[:200]
        raise QueryForbidden(
            f"the query mentions {word!r} and the engine does not read it as a plain "
            f"read-only query ({detail})"
        ) from None
    except OSError:  # the engine tried to reach out: only SERVICE does that
        raise QueryForbidden(_FORBIDDEN_SERVICE) from None
    del result


def _parse(text: str, word: str) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(text)
    except ParseException as exc:
        raise QueryError(
            f"the query mentions {word!r} and could not be checked: {exc.msg} "
            f"(line {exc.lineno}, column {exc.col})",
            line=exc.lineno,
            column=exc.col,
        ) from None
    except RecursionError:
        raise QueryError(f"the query mentions {word!r} and is too deeply nested to check") from None


def _has_node(node: Any, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_has_node(v, name) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_has_node(v, name) for v in node)
    return False


def _names_engine_procedure(node: Any) -> bool:
    if getattr(node, "name", None) == "pname" and str(node.get("prefix", "")).lower() in (
        ENGINE_PREFIXES
    ):
        return True
    if isinstance(node, str) and node.lower().startswith(ENGINE_SCHEMES):
        return True
    if isinstance(node, dict):
        return any(_names_engine_procedure(v) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_names_engine_procedure(v) for v in node)
    return False


def _read(text: str, code: list[Token], risky: frozenset[str]) -> CheckedQuery:
    """Form, FROM and whether a top-level LIMIT or VALUES is there, from the depth-0 tokens.

    These readings only steer how a query is run and sent; none of them is a safety check.
    """
    form: QueryForm | None = None
    depth = 0
    has_from = where_seen = tail = False
    for tok in code:
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
        elif word in ("LIMIT", "VALUES") and where_seen:
            tail = True
    if form is None:
        raise QueryError("expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return CheckedQuery(text, form, has_from=has_from, has_tail=tail, risky=risky)
