"""``python -m bkg_graph.store FD [MEMORY_MB]``: a query worker on the socket with file
descriptor FD, its address space capped at MEMORY_MB (0 or absent: no cap).

Started by :class:`bkg_graph.store.pool.WorkerPool`; not meant to be run by hand.
"""

import sys
from multiprocessing.connection import Connection

from .worker import serve

if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
