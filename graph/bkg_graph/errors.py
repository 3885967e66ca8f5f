"""The one exception hierarchy of bilateral-kg.

BkgError
├── InputError            bad input a user can fix (the message names the problem and where)
│   ├── DocumentError     a source document cannot be read or has no recognisable structure
│   ├── RegistryError     the curated registry is malformed
│   └── QueryError        a SPARQL query is malformed or not allowed
│       ├── QueryForbidden   an update, LOAD or SERVICE in a read-only context
│       └── QueryTooLarge    a query longer than the configured limit
├── NotFound              an id or IRI that the graph does not hold
├── BuildMissing          no built graph where one is needed
├── QueryTimeout          a query ran past the time limit and was stopped
│   └── RemoteStoreTimeout   the remote SPARQL server did not answer in time
├── StoreUnavailable      no query worker could take the query (busy or crashed)
│   ├── QueryOutOfMemory     a query needed more than BKG_WORKER_MEMORY_MB and was stopped
│   └── RemoteStoreError     the remote SPARQL server cannot be reached or answered badly
├── ValidationFailed      the built graph violates the SHACL shapes
└── WriterBusy            another build or ingest holds the writer lock past the wait limit
"""

from __future__ import annotations


class BkgError(Exception):
    """Base of every error raised on purpose by bilateral-kg."""


class InputError(BkgError):
    """Input a user can correct."""


class DocumentError(InputError):
    """A source document that cannot be turned into statements."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class RegistryError(InputError):
    """A registry file that is malformed."""


class QueryError(InputError):
    """A SPARQL query that cannot be run."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class QueryForbidden(QueryError):
    """A query that would write or reach out of the process."""


class QueryTooLarge(QueryError):
    """A query longer than the configured limit."""


class NotFound(BkgError):
    """Something that is not in the graph."""


class BuildMissing(BkgError):
    """No built graph where one is needed."""


class QueryTimeout(BkgError):
    """A query that ran past the time limit; it was stopped."""


class StoreUnavailable(BkgError):
    """The store could not take a query now (every worker busy, or a worker died)."""


class QueryOutOfMemory(StoreUnavailable):
    """A query that needed more memory than a query worker may use; it was stopped."""


class RemoteStoreTimeout(QueryTimeout):
    """The remote SPARQL server did not answer within the time limit (or stopped the query)."""


class RemoteStoreError(StoreUnavailable):
    """The remote SPARQL server cannot be reached, refused us, or sent an unusable answer.

    The message never names the server's address or credentials: it may reach a client.
    """


class ValidationFailed(BkgError):
    """The graph does not conform to the shapes."""


class WriterBusy(BkgError):
    """Another build or ingest held the writer lock for longer than this writer may wait."""
