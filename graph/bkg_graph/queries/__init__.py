"""The named SPARQL query library: ``.rq`` files with typed parameters, bound safely."""

from .library import NamedQuery, ParamValues, QueryLibrary, load_library, parse_query_file
from .params import Param, ParamType, iri_term, literal, search_key

__all__ = [
    "NamedQuery",
    "Param",
    "ParamType",
    "ParamValues",
    "QueryLibrary",
    "iri_term",
    "literal",
    "load_library",
    "parse_query_file",
    "search_key",
]
