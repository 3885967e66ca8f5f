"""Benchmarks, run by ``make bench`` (``python -m bench``); results in docs/benchmarks.md.

- :mod:`bench.sparql` — the SPARQL endpoint against rdflib-endpoint and Oxigraph server;
- :mod:`bench.views` — the network views against pyvis.
"""
