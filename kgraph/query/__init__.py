"""The questions users ask of a graph: answered on the local graph (:mod:`.local`), by the
files of ``cypher/`` (:mod:`.cypher_files`), and printed as people read them (:mod:`.answers`).
"""
