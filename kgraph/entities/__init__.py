"""Mentions to entities: names within an article (:mod:`.mentions`, :mod:`.coref`), then
across articles (:mod:`.identity`), with the user's merges and splits (:mod:`.overrides`).

The modules that parse (:mod:`.mentions`, :mod:`.coref`, :mod:`.junk`) import spaCy; the
rules on names (:mod:`.names`), identity, records, overrides and explain do not, so the
stores can use them without loading it.
"""
