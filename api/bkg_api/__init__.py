"""bilateral-kg application layer: the command line, the web app and view pages.

``view`` (a view's self-contained page, for scripts and notebooks) is imported on first use,
so that the command line does not load the network views to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .offline import OfflineView, view


def __getattr__(name: str) -> Any:
    if name in ("OfflineView", "view"):
        from . import offline

        return getattr(offline, name)
    raise AttributeError(f"module 'bkg_api' has no attribute {name!r}")


__all__ = ["OfflineView", "view"]
