"""The query page at ``/query``: a SPARQL editor, the named queries as examples with their
parameters as form fields, a results table and download links.

The table is for reading: an IRI the graph has a label for is shown by its label (in the
page's language), linked to its page, with the IRI on hover; long text is folded; only
http(s) IRIs and this server's pages become links (never ``javascript:`` or ``data:``).

The page works without JavaScript: the form submits to the page itself, which runs the query
and renders the table; ``query.js`` only adds keyboard shortcuts. Errors a user can fix (a
syntax error, a bad parameter, a query that ran too long) are shown beside the editor, with
the query kept, and answered with their status; anything else is a bug and goes to the
error handlers.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from bkg_graph.errors import BkgError, InputError, QueryTimeout, StoreUnavailable
from bkg_graph.queries import NamedQuery, load_library
from bkg_graph.store.base import QueryForm

from ..errors import status_of
from ..pages import Alternate, Asset, Links, render
from ..pages.labels import labels
from .common import Lang, SettingsDep, StoreDep

router = APIRouter(tags=["query page"])

MAX_ROWS_SHOWN = 1000
#: Text longer than this is folded (its start shown, the rest a click away).
FOLD_AT = 160
MAX_QUERY_CHARS = 100_000
DOWNLOADS = {
    QueryForm.SELECT: (("JSON", "json"), ("CSV", "csv"), ("TSV", "tsv"), ("XML", "xml")),
    QueryForm.ASK: (("JSON", "json"), ("XML", "xml")),
    QueryForm.CONSTRUCT: (("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld")),
    QueryForm.DESCRIBE: (("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld")),
}
Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="SPARQL to run.")]
Example = Annotated[
    str | None, Query(pattern=r"^[a-z][a-z0-9-]{0,99}$", description="A named query.")
]


@router.get("/query", response_class=HTMLResponse, summary="Query page")
def query_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Text = None,
    example: Example = None,
    lang: Lang = "en",
) -> HTMLResponse:
    """A SPARQL editor with the named queries as examples; runs ``query`` if given, or the
    named query ``example`` with the parameters in the query string."""
    library = load_library()
    chosen: NamedQuery | None = None
    values: dict[str, list[str]] = {}
    error: str | None = None
    status = 200
    text = query
    runnable = True
    if example is not None:
        chosen = library.get_query(example)
        values = _values(chosen, request)
        if text is None:
            try:
                text = chosen.bind({k: v if len(v) > 1 else v[0] for k, v in values.items()})
            except InputError as exc:
                text, runnable = chosen.text, False
                if values:  # the parameters were filled in, and wrongly
                    error, status = str(exc), 400
    context: dict[str, Any] = {}
    if text and runnable and error is None:
        try:
            context = _run(store, text, lang)
        except (InputError, QueryTimeout, StoreUnavailable) as exc:
            error, status = str(exc), _status(exc)
    return render(
        "query.html",
        status=status,
        alternates=[Alternate("application/json", "/queries", "Named queries (JSON)")],
        lang=lang,
        title="SPARQL query",
        scripts=(Asset(url="/static/query.js"),),
        fold_at=FOLD_AT,
        library=list(library.values()),
        chosen=chosen,
        values={k: " ".join(v) for k, v in values.items()},
        text=text if text is not None else _starter(library),
        error=error,
        links=Links(settings.base_iri),
        downloads=_downloads(text, context.get("form")),
        **context,
    )


def _values(query: NamedQuery, request: Request) -> dict[str, list[str]]:
    """The parameters of ``query`` given in the query string; a field of a parameter that
    takes several values may hold them separated by spaces."""
    multiple = {p.name for p in query.params if p.multiple}
    values: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key in ("example", "query") or not value.strip():
            continue
        values.setdefault(key, []).extend(value.split() if key in multiple else [value])
    return values


def _status(exc: BkgError) -> int:
    mapped = status_of(exc)
    return mapped[0] if mapped else 500


def _starter(library: Any) -> str:
    """The editor's text before anything is chosen: the agencies query, bound."""
    text: str = library["agencies"].bind({}) if "agencies" in library else ""
    return text


def _run(store: StoreDep, text: str, lang: str) -> dict[str, Any]:
    answer = store.run(text, max_results=MAX_ROWS_SHOWN)
    context: dict[str, Any] = {"form": answer.form, "truncated": answer.truncated}
    if answer.form is QueryForm.ASK:
        context["boolean"] = bool(json.loads(answer.body)["boolean"])
    elif answer.form is QueryForm.SELECT:
        doc = json.loads(answer.body)
        context["variables"] = doc["head"]["vars"]
        context["rows"] = doc["results"]["bindings"]
        context["labels"] = labels(store, _iris(context["rows"]), lang)
    else:
        context["graph"] = answer.body.decode("utf-8")
        context["triples"] = answer.rows
    return context


def _downloads(text: str | None, form: QueryForm | None) -> list[tuple[str, str]]:
    if not text or form is None:
        return []
    return [
        (label, "/sparql?" + urlencode({"query": text, "format": f}))
        for label, f in DOWNLOADS[form]
    ]


def _iris(rows: list[dict[str, dict[str, str]]]) -> list[str]:
    """The distinct IRIs of a results table, in order of appearance."""
    seen: dict[str, None] = {}
    for row in rows:
        for term in row.values():
            if term.get("type") == "uri":
                seen.setdefault(term["value"], None)
    return list(seen)
