"""kgraph: entity knowledge graphs from news articles.

Data flows one way: articles (:mod:`kgraph.readers`) → spaCy ``Doc`` (:mod:`kgraph.nlp`)
→ triples (:mod:`kgraph.extract`) → entities (:mod:`kgraph.resolve`, :mod:`kgraph.coref`)
→ store (:mod:`kgraph.store`) → query and export.
"""

__version__ = "0.1.0"
