"""Networks drawn from the graph: projections, pages, exports and the counterpart matrix."""

from .filters import Filters, Kind, ViewSpec
from .project import project
from .source import Citation, Source

__all__ = ["Citation", "Filters", "Kind", "Source", "ViewSpec", "project"]
