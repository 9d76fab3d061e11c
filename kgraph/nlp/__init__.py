"""The spaCy pipeline: loading it by name, kgraph's own components, and what makes it fast
(faster stand-ins for spaCy's rule components, numpy's BLAS, heap reuse).

Importing this package loads nothing: spaCy comes in with :mod:`.spacy_pipeline`.
"""
