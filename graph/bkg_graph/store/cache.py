"""A result cache in front of a store, keyed by dataset version and everything else asked.

The graph changes only when a new version is published, so an answer stays right for as long
as the version does. The cache is bounded by the bytes it holds (least recently used answers
go first) and is emptied as soon as the store reports a new version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from .base import GraphStore, ProtocolDataset, QueryAnswer, QueryRequest
from .methods import QueryMethods

Key = tuple[str, str, ProtocolDataset, str, str | None, int]


class CachedStore(QueryMethods):
    """``store`` with repeated queries answered from memory (up to ``max_bytes``)."""

    def __init__(self, store: GraphStore, max_bytes: int) -> None:
        self.inner = store
        self.max_bytes = max_bytes
        self.max_results = getattr(store, "max_results", self.max_results)
        self.max_query_bytes = getattr(store, "max_query_bytes", self.max_query_bytes)
        self._answers: OrderedDict[Key, QueryAnswer] = OrderedDict()
        self._bytes = 0
        self._version = ""
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def version(self) -> str:
        return self.inner.version

    def query(self, request: QueryRequest) -> QueryAnswer:
        version = self.inner.version
        key = _key(version, request)
        with self._lock:
            if version != self._version:
                self._answers.clear()
                self._bytes = 0
                self._version = version
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
                self.hits += 1
                return answer
            self.misses += 1
        answer = self.inner.query(request)
        self._keep(key, answer)
        return answer

    def cached(self, request: QueryRequest) -> QueryAnswer | None:
        """The cached answer if there is one (no query is run)."""
        with self._lock:
            if self.inner.version != self._version:
                return None
            answer = self._answers.get(_key(self._version, request))
            if answer is not None:
                self.hits += 1
            return answer

    def _keep(self, key: Key, answer: QueryAnswer) -> None:
        size = len(answer.body) + len(key[1]) + 200
        if size > self.max_bytes // 4:
            return  # one huge answer would push out everything else
        with self._lock:
            if key[0] != self._version or key in self._answers:
                return
            self._answers[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                old_key, old = self._answers.popitem(last=False)
                self._bytes -= len(old.body) + len(old_key[1]) + 200

    def close(self) -> None:
        self.inner.close()


def _key(version: str, request: QueryRequest) -> Key:
    return (
        version,
        request.query.text,
        request.dataset,
        request.media_type,
        request.base_iri,
        request.max_results,
    )
