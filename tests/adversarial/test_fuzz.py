"""A grammar-aware fuzzer: queries that mix SERVICE, LOAD and FROM with comments, strings,
``<``/``>`` comparisons, escapes and nesting never make anything connect to a loopback listener.

Two walls are tried separately: the whole path a request takes (the check, the full parser for
risky queries, the sandboxed worker), and the sandboxed worker alone, given every query with
the check bypassed. A third test shows the generator is worth its salt: among its queries are
some that the engine, unsandboxed, does follow to the listener, and that the tokenizer alone
lets through — the kind of query the outside check found.

Sized by ``BKG_FUZZ_EXAMPLES`` (default 150 per test, a few seconds); ``make fuzz`` runs 5,000.
"""

from __future__ import annotations

import contextlib
import os

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, event, find, given, settings
from hypothesis import strategies as st
from loopback import Listener

from bkg_graph.errors import BkgError
from bkg_graph.store import CheckedQuery, GraphStore, QueryForm, QueryRequest, check

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("BKG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Stands for the listener's address until a query is written out.
HERE = "http://127.0.0.1:PORT/"

SEPARATORS = [" ", "\n", "\t", "", " # c\n", "#'\n", '#"\n', "#<\n", " #>}\n", "\r\n"]
EXPRESSIONS = [
    "1<'>'", '1<">"', "1 < 2", "?x > '<'", "'>' < ?y", '"a\\"b"', "'''x'''", '"""y"""',
    "<http://e/a> = <http://e/b>", "STR(?s)", "1<'#'", '"}"', "'{'", "2>1", "?a<?b",
    '"\\u0022"', "'service'", '"LOAD <x>"', "1 <'\\''", "(1<2)>(3<4)",
]  # fmt: skip


def _keyword(word: str) -> st.SearchStrategy[str]:
    """``word`` in mixed case; now and then with letters written as ``\\u``/``\\U`` escapes
    (which the check must see through, though pyoxigraph reads no escapes in keywords)."""

    def letter(ch: str, escapes: bool) -> st.SearchStrategy[str]:
        forms = [ch.upper(), ch.lower()]
        if escapes:
            forms += [f"\\u{ord(ch.upper()):04X}", f"\\U{ord(ch.lower()):08x}"]
        return st.sampled_from(forms)

    def spelled(escapes: bool) -> st.SearchStrategy[str]:
        return st.tuples(*[letter(c, escapes) for c in word]).map("".join)

    return st.one_of(spelled(False), spelled(False), spelled(False), spelled(True))


def _endpoint() -> st.SearchStrategy[str]:
    return st.sampled_from(["<PATH>", "<HEREx>", "l:x", "<x>", "?ep"]).map(
        lambda e: e.replace("PATH", HERE + "s").replace("HERE", HERE)
    )


sep = st.sampled_from(SEPARATORS)
expr = st.recursive(
    st.sampled_from(EXPRESSIONS),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from([" && ", "||", " < ", ">"]), inner).map("".join),
        inner.map(lambda e: f"({e})"),
    ),
    max_leaves=4,
)
#: Comparisons that a tokenizer may read as an IRI (``<'>``), the start of the confusion.
confuser = st.sampled_from(["1<'>'", '1<">"', "1<'#'", "?a<'>'", "1 <'>'"])
leaf = st.one_of(
    confuser.map(lambda e: f"BIND({e} AS ?z)"),
    confuser.map(lambda e: f"FILTER({e})"),
    st.just("?s ?p ?o"),
    st.just("?s ?p '>'"),
    st.just("VALUES ?v { 1 2 }"),
    expr.map(lambda e: f"BIND({e} AS ?z)"),
    expr.map(lambda e: f"FILTER({e})"),
)


def _nest(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    service = st.tuples(
        _keyword("SERVICE"), sep, st.sampled_from(["", "SILENT "]), _endpoint(), sep, inner
    ).map(lambda t: f"{t[0]} {t[2]}{t[3]}{t[4]}{{ {t[5]} }}")
    confused = st.tuples(
        confuser.map(lambda e: f"BIND({e} AS ?z)"), st.sampled_from([" ", " . ", ""]), service
    ).map("".join)
    return st.one_of(
        service,
        service,
        confused,
        inner.map(lambda p: f"OPTIONAL {{ {p} }}"),
        st.tuples(inner, inner).map(lambda t: f"{{ {t[0]} }} UNION {{ {t[1]} }}"),
        inner.map(lambda p: f"GRAPH ?g {{ {p} }}"),
        inner.map(lambda p: f"MINUS {{ {p} }}"),
        inner.map(lambda p: f"{{ SELECT * {{ {p} }} }}"),
        inner.map(lambda p: f"FILTER EXISTS {{ {p} }}"),
        st.tuples(inner, st.sampled_from([" . ", ".", " .\n", " .#'\n", " . # }\n"]), inner).map(
            "".join
        ),
    )


pattern = st.recursive(leaf, _nest, max_leaves=6)
prologue = st.sampled_from(
    ["", f"PREFIX l: <{HERE}>\n", f"BASE <{HERE}>\n", f"PREFIX l: <{HERE}> BASE <{HERE}> "]
)
form = st.sampled_from(["SELECT *", "ASK", "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s", "SELECT ?s"])
dataset = st.sampled_from(["", f" FROM <{HERE}g>", f" FROM NAMED <{HERE}n>", " FROM l:g"])
tail = st.sampled_from(
    ["", " LIMIT 3", " #'", ' #"', " #'", " #'\n#'", " # SERVICE", "\n", f" ; LOAD <{HERE}d>"]
)
load = st.tuples(prologue, _keyword("LOAD"), st.sampled_from([f" <{HERE}d>", " l:d"])).map("".join)
queries = st.one_of(
    st.tuples(
        prologue,
        form,
        dataset,
        sep,
        st.sampled_from(["", "WHERE "]),
        st.just("{ "),
        pattern,
        st.just(" }"),
        tail,
    ).map("".join),
    st.tuples(prologue, form, st.just(" { "), pattern, st.just(" }"), sep, tail).map("".join),
    load,
)


def run_checked(store: GraphStore, text: str) -> None:
    """What a request does: the check, then the store (full parser, sandboxed worker).

    How each query ended is recorded (``pytest --hypothesis-show-statistics`` shows it)."""
    try:
        checked = check(text)
    except BkgError as exc:
        event(f"refused by the check: {type(exc).__name__}")
        return
    try:
        store.query(QueryRequest(checked, checked.form.media_types[0], max_results=20))
        event("answered")
    except BkgError as exc:
        stage = "the full parser" if checked.risky and "line" not in str(exc) else "the worker"
        event(f"refused by {stage}: {type(exc).__name__}")


@given(queries)
@FUZZ
def test_no_request_connects_anywhere(store: GraphStore, listener: Listener, query: str) -> None:
    before = len(listener.hits)
    run_checked(store, query.replace(HERE, listener.url("/")))
    assert listener.hits[before:] == [], query


@given(queries)
@FUZZ
def test_the_sandbox_alone_holds_with_the_check_bypassed(
    store: GraphStore, listener: Listener, query: str
) -> None:
    text = query.replace(HERE, listener.url("/"))
    before = len(listener.hits)
    for qform in (QueryForm.SELECT, QueryForm.ASK, QueryForm.CONSTRUCT):
        with contextlib.suppress(BkgError):
            store.query(QueryRequest(CheckedQuery(text, qform), qform.media_types[0]))
    assert listener.hits[before:] == [], text


def test_the_generator_writes_what_the_tokenizer_alone_would_let_through() -> None:
    """Some generated query makes the unsandboxed engine connect although the tokenizer
    sees no SERVICE in it: the fuzzer produces the class of bypass the outside check found."""
    probe = Listener()
    one_triple = ox.Store()
    one_triple.add(ox.Quad(ox.NamedNode("a:s"), ox.NamedNode("a:p"), ox.NamedNode("a:o")))
    try:

        def slips_through(query: str) -> bool:
            text = query.replace(HERE, probe.url("/"))
            try:
                check(text)
            except BkgError:
                return False
            before = len(probe.hits)
            try:
                result = one_triple.query(text, base_iri=probe.url("/"))
                if not isinstance(result, ox.QueryBoolean):
                    list(result)
            except (SyntaxError, OSError, RuntimeError):
                pass
            return len(probe.hits) > before

        found = find(
            queries,
            slips_through,
            settings=settings(max_examples=5_000, database=None, phases=[Phase.generate]),
        )
        assert "SERVICE" in found.upper() or "\\U" in found.upper()
    finally:
        probe.close()
