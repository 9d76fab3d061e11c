"""A pronoun does not go to a person whose title says the other gender (BBC sentences)."""

from kgraph.coref import resolve_coreferences
from kgraph.resolve import resolve_mentions

TEXT = (
    "Home Office minister Fiona Mactaggart said she hoped Mr Blunkett would survive in his "
    "job. She told BBC One's Breakfast with Frost programme: \"He is just really down for "
    'the job and I hope he does (survive)."'
)


def test_she_is_not_mr_blunkett(nlp):
    doc = nlp(TEXT)
    mentions = resolve_mentions(doc)
    names = {m.entity.name for m in mentions}
    assert {"Fiona Mactaggart", "Blunkett"} <= names
    pronouns = {(doc[m.start].text, m.entity.name) for m in resolve_coreferences(doc, mentions)}
    assert ("She", "Blunkett") not in pronouns
    assert ("his", "Blunkett") in pronouns
