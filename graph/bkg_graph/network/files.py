"""One entry point for every export of every view: ``export(source, spec, format)``."""

from __future__ import annotations

from ..errors import InputError
from . import export as ex
from . import matrix as mx
from . import tables
from .filters import Kind, ViewSpec
from .project import project
from .render import Footer
from .source import Source

FORMATS = tuple(f.value for f in ex.Format)
MATRIX_FORMATS = ("csv", "svg", "png")
TABLES = ("edges", "nodes")


def export(
    source: Source,
    spec: ViewSpec,
    fmt: str,
    *,
    table: str = "edges",
    size: str = "slide",
    footer: Footer | None = None,
) -> bytes:
    """The view ``spec`` as a file in ``fmt`` (svg, png, graphml, gexf, csv, json)."""
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if table not in TABLES:
        raise InputError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    if size not in ex.SIZES:
        raise InputError(f"size must be one of {', '.join(ex.SIZES)}, not {size!r}")
    form = ex.Format(fmt)
    if spec.kind is Kind.MATRIX:
        if fmt not in MATRIX_FORMATS:
            raise InputError(f"the matrix exports as {', '.join(MATRIX_FORMATS)}, not {fmt}")
        m = mx.counterpart_matrix(source, spec.filters)
        if form is ex.Format.CSV:
            return mx.to_csv(m, lang=spec.lang)
        return mx.draw(m, lang=spec.lang, fmt=form, size=size, footer=footer)
    g = project(source, spec)
    if form in (ex.Format.SVG, ex.Format.PNG):
        return ex.draw(g, lang=spec.lang, fmt=form, size=size, footer=footer)
    if form is ex.Format.GRAPHML:
        return tables.to_graphml(g)
    if form is ex.Format.GEXF:
        return tables.to_gexf(g)
    if form is ex.Format.CSV:
        return tables.to_csv(g, table=table, lang=spec.lang)
    return tables.to_json(g)


def filename(spec: ViewSpec, fmt: str, table: str = "edges") -> str:
    """A file name saying what the export shows, e.g. ``bkg-coparticipation-edges.csv``."""
    parts = ["bkg", spec.kind.value]
    if spec.focus:
        parts.append(spec.focus.replace("/", "-"))
    if fmt == "csv" and spec.kind is not Kind.MATRIX:
        parts.append(table)
    return "-".join(p for p in parts if p) + f".{fmt}"
