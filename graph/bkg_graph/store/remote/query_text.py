"""The query text a remote server is sent, and what its refusals mean to our client.

A checked query (see :mod:`..guard`) is sent with the standard prefixes it does not declare
itself and the endpoint as its base, so that it means on a remote server what it means on the
embedded store. A SELECT query without a ``LIMIT`` of its own gets one (one more than the
result cap) *appended* after a line break, never written into the text: appended, it either
caps the whole query or makes it a syntax error (then the query is sent again without it), and
the rows are counted on our side in any case (see :mod:`.answers`). The lines put
before the query are counted, so that a syntax error is reported at the user's line.

A remote server may offer more than SPARQL. Virtuoso, for one, lets a query call its SQL
procedures through ``bif:`` and ``sql:`` IRIs, even on its anonymous endpoint — and
``bif:http_get`` fetches any URL. Such IRIs (and Jena's ``java:`` class loading) are refused
by the shared check (:mod:`..guard`), with the full parser confirming risky queries before
they are sent (:meth:`.store.RemoteStore.query`).
"""

from __future__ import annotations

import itertools
import re

from ...errors import BkgError, QueryError, RemoteStoreError, RemoteStoreTimeout
from ..base import QueryForm, QueryRequest
from ..execute import syntax_error
from ..lexer import Kind, Token, tokenize
from .transport import Reply

#: Virtuoso 7.2's optimiser answers some queries wrongly once the dataset is restricted (as we
#: restrict it to bilateral-kg's graphs): a property path such as ``rdfs:subClassOf*``, another
#: triple and an OPTIONAL with a FILTER on LANG() give no rows at all. Joining in the order the
#: query is written avoids the faulty plan. (Users cannot send ``define``: see :mod:`..guard`.)
VIRTUOSO_PRAGMAS = ('define sql:select-option "order"',)

_VIRTUOSO_LINE = re.compile(r"\bline (\d+)(?::|,)\s*(.*)", re.DOTALL)
_TIMEOUT = re.compile(r"timed? ?out|timeout|S1T00|SR171", re.IGNORECASE)
_BAD_IRI_CHARS = re.compile(r'[<>"{}|^`\\\s]')


def pragmas_for(server: str) -> tuple[str, ...]:
    """Lines a server needs before every query, by its ``Server`` header."""
    return VIRTUOSO_PRAGMAS if server.lower().startswith("virtuoso") else ()


def prepare(
    req: QueryRequest,
    prefixes: dict[str, str],
    *,
    cap: bool = True,
    pragmas: tuple[str, ...] = (),
) -> tuple[str, int]:
    """The text to send and the number of lines put before the user's query.

    With ``cap``, a SELECT query gets a ``LIMIT`` of one more than the result cap appended (a
    query whose syntax is wrong is sent again without, for the server to point at the user's
    text).
    """
    checked = req.query
    declared = declared_prefixes(
        [t for t in tokenize(checked.text) if t.kind not in (Kind.SPACE, Kind.COMMENT)]
    )
    text = checked.text
    if cap and checked.form is QueryForm.SELECT and not checked.has_tail:
        text = f"{text}\nLIMIT {req.max_results + 1}\n"
    prologue = list(pragmas)
    if req.base_iri and not _BAD_IRI_CHARS.search(req.base_iri):
        prologue.append(f"BASE <{req.base_iri}>")
    prologue += [f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p not in declared]
    return "\n".join([*prologue, text]), len(prologue)


def declared_prefixes(code: list[Token]) -> set[str]:
    """The prefix names a query declares with ``PREFIX`` (from its tokens, spaces left out)."""
    return {
        nxt.text.split(":", 1)[0]
        for tok, nxt in itertools.pairwise(code)
        if tok.kind is Kind.WORD and tok.text.upper() == "PREFIX" and nxt.kind is Kind.PNAME
    }


def query_failure(reply: Reply, offset: int) -> BkgError:
    """The error for a query the server did not answer with results."""
    message = _strip_echo(reply.text(2_000))
    if reply.status in (408, 504) or (reply.status >= 500 and _TIMEOUT.search(message)):
        return RemoteStoreTimeout(
            "the SPARQL store stopped the query at its time limit; narrow it down "
            "(more specific patterns, LIMIT) and try again"
        )
    if reply.status == 400 or (reply.status == 500 and "SP030" in message):
        return _syntax(message, offset)
    return status_failure(reply)


def status_failure(reply: Reply) -> RemoteStoreError:
    """The error for an answer that is neither a result nor the query's fault."""
    if reply.status in (401, 403):
        why = "refused our credentials (check BKG_STORE_USER and BKG_STORE_PASSWORD)"
    elif reply.status == 404:
        why = "has no SPARQL service at the configured address (check BKG_STORE_URL)"
    elif 300 <= reply.status < 400:
        why = "answered with a redirect (configure the final address)"
    else:
        why = f"failed: {_strip_echo(reply.text())}" if reply.body else "failed"
    return RemoteStoreError(f"the SPARQL store {why} (HTTP {reply.status})")


def _syntax(message: str, offset: int) -> QueryError:
    """A QueryError at the user's line: Oxigraph says ``error at L:C:``, Virtuoso ``line L:``."""
    oxigraph = syntax_error(message)
    if oxigraph.line is not None and oxigraph.column is not None:
        line = max(1, oxigraph.line - offset)
        detail = str(oxigraph).split(": ", 1)[-1]
        return QueryError(
            f"SPARQL syntax error at line {line}, column {oxigraph.column}: {detail}",
            line=line,
            column=oxigraph.column,
        )
    m = _VIRTUOSO_LINE.search(message)
    if m is not None:
        line = max(1, int(m.group(1)) - offset)
        return QueryError(f"SPARQL syntax error at line {line}: {m.group(2).strip()}")
    return QueryError(f"the SPARQL store refused the query: {message}")


def _strip_echo(message: str) -> str:
    """Virtuoso repeats the whole query after its message; keep the message."""
    return message.split(" SPARQL query:", 1)[0].strip()
