"""The read-only check: what it refuses, what it lets through, and what it reads."""

from __future__ import annotations

import pytest

from bkg_graph.errors import QueryError, QueryForbidden, QueryTooLarge
from bkg_graph.store import QueryForm, check
from bkg_graph.store.guard import confirm, risky_words
from bkg_graph.store.lexer import Kind, tokenize, unescape


def guard(query: str, *, remote: bool = False) -> QueryForm:
    """Both halves of the check: the tokenizer's, and the full parser's for a risky query."""
    checked = check(query)
    confirm(checked.text, checked.risky, remote=remote)
    return checked.form


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o }SERVICE<http://127.0.0.1:9/>{}",
    "SELECT * WHERE { ?x ?y ?z . SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { service:x { } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    # an escape that closes the string early for an engine that expands escapes first
    'SELECT * WHERE { ?s ?p "a\\u0022 } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #" }',
    # an escape inside an IRI so that the rest of the line is not a comment
    "SELECT * WHERE { <http://x/\\u0041#> ?p ?o SERVICE <http://127.0.0.1:9/> {} }",
    # an escaped '#' inside a prefixed name is not a comment
    "SELECT * WHERE { ex:a\\#b ?p ?o SERVICE <http://127.0.0.1:9/> {} }",
    "PREFIX ex: <http://example.org/>\nSELECT * {\n  { SELECT ?s { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }\n}",
]


@pytest.mark.parametrize("query", SERVICE_QUERIES)
def test_service_is_refused_wherever_the_engine_would_see_it(query: str) -> None:
    with pytest.raises(QueryForbidden, match="SERVICE is not allowed"):
        guard(query)


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <http://g>", "DROP"),
        ("CREATE GRAPH <http://g>", "CREATE"),
        ("ADD <http://a> TO <http://b>", "ADD"),
        ("MOVE DEFAULT TO <http://b>", "MOVE"),
        ("COPY <http://a> TO <http://b>", "COPY"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
        ("PREFIX ex: <http://e/>\nSELECT * {} ;\ninsert data { ex:a ex:b ex:c }", "INSERT"),
    ],
)
def test_updates_are_refused_with_the_operation_and_its_place(query: str, word: str) -> None:
    with pytest.raises(QueryForbidden, match=rf"SPARQL Update \({word}\) is not allowed") as info:
        check(query)
    assert info.value.line is not None and info.value.column is not None


def test_load_is_refused_with_line_and_column() -> None:
    with pytest.raises(QueryForbidden) as info:
        check("PREFIX ex: <http://e/>\n  LOAD <http://127.0.0.1:9/data.ttl>")
    assert str(info.value) == (
        "LOAD is not allowed: this endpoint is read-only and fetches nothing (line 2, column 3)"
    )
    assert (info.value.line, info.value.column) == (2, 3)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }',
        "SELECT * WHERE { ?s ?p 'insert data' }",
        'SELECT * WHERE { ?s ?p """LOAD\nSERVICE""" }',
        "SELECT * WHERE { ?s <http://example.org/service/load> ?o } # SERVICE <x> {}",
        "SELECT ?service ?load WHERE { ?service ?p ?load . ?x ex:service _:delete }",
        'SELECT * WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "Government Digital Service")) }',
        # escapes make the lexing doubtful: rdflib's parser confirms there is no SERVICE
        'SELECT * WHERE { ?s ?p "Digital Service \\"GDS\\"" }',
    ],
)
def test_the_words_inside_strings_iris_comments_and_names_are_allowed(query: str) -> None:
    assert guard(query) is QueryForm.SELECT


@pytest.mark.parametrize(
    ("query", "form", "has_from"),
    [
        ("SELECT * { ?s ?p ?o }", QueryForm.SELECT, False),
        ("PREFIX a: <http://a/> BASE <http://b/> ask {}", QueryForm.ASK, False),
        ("CONSTRUCT { ?s ?p ?o } FROM <http://g> WHERE { ?s ?p ?o }", QueryForm.CONSTRUCT, True),
        ("CONSTRUCT WHERE { ?s ?p ?o }", QueryForm.CONSTRUCT, False),
        ("DESCRIBE <http://example.org/>", QueryForm.DESCRIBE, False),
        ("SELECT * FROM NAMED <http://g> { GRAPH ?g { ?s ?p ?o } }", QueryForm.SELECT, True),
    ],
)
def test_the_form_and_the_dataset_clause_are_read(
    query: str, form: QueryForm, has_from: bool
) -> None:
    checked = check(query)
    assert (checked.form, checked.has_from) == (form, has_from)


def test_every_risky_word_is_found_wherever_it_stands() -> None:
    assert risky_words("SELECT * { ?s ?p ?o }") == frozenset()
    assert risky_words('SELECT * { ?s ?p "Government Digital Service" }') == {"service"}
    assert risky_words("SELECT * {} # s\\u0065rvice") == {"service"}
    assert risky_words("SELECT * {} # \\u005Cu0053ERVICE") == {"service"}  # an escaped escape
    assert risky_words("ASK { ?x <http://a/DownLoad> ?y }") == {"load"}
    assert risky_words("ask { ?s ?p bif:contains } # insert") == {"bif:", "insert"}


def test_the_tail_hint_and_the_risky_words_are_read() -> None:
    assert check("SELECT * { ?s ?p ?o }").has_tail is False
    assert check("SELECT * { ?s ?p ?o } LIMIT 5").has_tail is True
    assert check("SELECT ?s { ?s ?p ?o } VALUES ?s { <http://a> }").has_tail is True
    assert check("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 5 } }").has_tail is False
    assert check('SELECT * { ?s ?p "service" }').risky == {"service"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE"),
        ("  # only a comment\n", "empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE"),
        (
            "PREFIX a: <http://a/>\nFOO { }",
            "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found 'FOO' (line 2, column 1)",
        ),
    ],
)
def test_what_is_not_a_query_says_so(query: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        check(query)
    assert str(info.value) == message


def test_an_oversized_query_is_refused_before_it_is_read() -> None:
    query = "SELECT * { ?s ?p ?o }" + " " * 100
    assert check(query, max_bytes=121).form is QueryForm.SELECT
    with pytest.raises(QueryTooLarge, match="the query is 122 bytes long; the limit is 121"):
        check(query + " ", max_bytes=121)


def test_the_lexer_keeps_strings_iris_and_comments_whole() -> None:
    tokens = tokenize('SELECT ?x { <http://a#b> ex:p "x # y" } # SERVICE\n')
    kinds = [(t.kind, t.text) for t in tokens if t.kind is not Kind.SPACE]
    assert kinds == [
        (Kind.WORD, "SELECT"),
        (Kind.VAR, "?x"),
        (Kind.PUNCT, "{"),
        (Kind.IRI, "<http://a#b>"),
        (Kind.PNAME, "ex:p"),
        (Kind.STRING, '"x # y"'),
        (Kind.PUNCT, "}"),
        (Kind.COMMENT, "# SERVICE"),
    ]
    assert unescape("\\u0041\\U0001F600\\uD800") == "A\U0001f600\\uD800"


def test_the_full_parser_confirms_or_refuses_a_risky_query() -> None:
    with pytest.raises(QueryForbidden, match="SERVICE is not allowed"):
        confirm("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", frozenset({"service"}))
    confirm('SELECT * { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }', frozenset({"service"}))
    with pytest.raises(QueryError, match="mentions 'service' and could not be checked"):
        confirm('SELECT * { ?s ?p "service" ', frozenset({"service"}))
    # on the embedded engine only SERVICE matters; before a remote store, every risky word
    confirm("SELECT * { ?s ?p 'load' ", frozenset({"load"}))
    with pytest.raises(QueryForbidden, match="mentions 'load' and the engine does not read it"):
        confirm("SELECT * { ?s ?p 'load' ", frozenset({"load"}), remote=True)
    with pytest.raises(QueryForbidden, match="store's own procedures"):
        confirm(
            "SELECT * { ?s ?p ?o FILTER(<bif:contains>(?o, 'load')) }",
            frozenset({"bif:"}),
            remote=True,
        )
    with pytest.raises(QueryForbidden, match="mentions 'insert' and the engine does not read"):
        confirm("INSERT DATA { <a:b> <a:c> <a:d> }", frozenset({"insert"}), remote=True)


def test_brackets_nested_too_deeply_are_refused_before_any_parser() -> None:
    deep = "SELECT * " + "{" * 201 + "}" * 201
    with pytest.raises(QueryError, match="nests brackets 201 levels deep; the limit is 200"):
        check(deep)
    assert check("SELECT * " + "{" * 200 + "}" * 200).form is QueryForm.SELECT
