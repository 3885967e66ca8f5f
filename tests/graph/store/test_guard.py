"""The read-only check: what it refuses, what it lets through, and what it reads."""

from __future__ import annotations

import pytest

from bkg_graph.errors import QueryError, QueryForbidden, QueryTooLarge
from bkg_graph.store import QueryForm, check
from bkg_graph.store.lexer import Kind, tokenize, unescape

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
        check(query)


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
    assert check(query).form is QueryForm.SELECT


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


def test_a_limit_is_written_where_the_grammar_allows_it() -> None:
    assert check("SELECT * { ?s ?p ?o }").limited(11) == "SELECT * { ?s ?p ?o }\nLIMIT 11\n"
    assert check("SELECT * { ?s ?p ?o } # end").limited(11) == (
        "SELECT * { ?s ?p ?o } # end\nLIMIT 11\n"
    )
    assert check("SELECT * { ?s ?p ?o } OFFSET 3 LIMIT 500").limited(11) == (
        "SELECT * { ?s ?p ?o } OFFSET 3 \nLIMIT 11\n"
    )
    assert check("SELECT ?s { ?s ?p ?o } VALUES ?s { <http://a> }").limited(11) == (
        "SELECT ?s { ?s ?p ?o } \nLIMIT 11\nVALUES ?s { <http://a> }"
    )
    # a smaller limit of its own, a subquery's limit, and other forms
    assert check("SELECT * { ?s ?p ?o } LIMIT 5").limited(11) is None
    assert check("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 5 } }").limited(11) == (
        "SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 5 } }\nLIMIT 11\n"
    )
    assert check("ASK { ?s ?p ?o }").limited(11) is None


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


def test_the_full_parser_that_settles_doubtful_lexing_finds_service() -> None:
    from bkg_graph.store.guard import _parser_finds_service

    assert _parser_finds_service("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert not _parser_finds_service('SELECT * { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }')
    with pytest.raises(QueryError, match="mentions 'service' and could not be checked"):
        _parser_finds_service('SELECT * { ?s ?p "service" ')
