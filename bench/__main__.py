"""``python -m bench [ARGS]``: the SPARQL endpoint benchmark (ARGS go to it), then the views'.

``python -m bench.sparql --help`` and ``python -m bench.views --help`` list the options of each.
"""

from __future__ import annotations

import sys

from . import sparql, views

if __name__ == "__main__":
    status = sparql.main(sys.argv[1:])
    raise SystemExit(status or views.main([]))
