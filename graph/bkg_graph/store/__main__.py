"""``python -m bkg_graph.store FD``: a query worker on the socket with file descriptor FD.

Started by :class:`bkg_graph.store.pool.WorkerPool`; not meant to be run by hand.
"""

import sys
from multiprocessing.connection import Connection

from .worker import serve

if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))
