"""Pronouns: gender from titles, the possessor of a subject as topic (BBC sentences)."""

from kgraph.entities.coref import resolve_coreferences
from kgraph.entities.mentions import resolve_mentions

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


def test_the_possessor_of_the_subject_is_the_topic(nlp):
    text = (
        "Marcello Viotti died in Munich. Giampaolo Vianello, superintendent of the Fenice "
        'Theatre Foundation, said: "I am filled with extreme sadness." Viotti\'s last public '
        "performance was on 5 February when he conducted Vincenzo Bellini's Norma at the "
        "Vienna State Opera."
    )
    doc = nlp(text)
    mentions = resolve_mentions(doc)
    found = {doc[m.start].text: m.entity.name for m in resolve_coreferences(doc, mentions)}
    assert found.get("he") == "Marcello Viotti"
