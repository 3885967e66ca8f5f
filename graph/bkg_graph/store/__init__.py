"""Where the graph is kept and queried: embedded (pyoxigraph) by default."""

from .embedded import EmbeddedStore, open_build

__all__ = ["EmbeddedStore", "open_build"]
