"""Nationality said by a demonym noun before a name: "Frenchman Gilles Simon", "Irishmen JP
McManus and John Magnier" → ``citizen-of`` the country (pattern ``demonym``).

The small model often leaves "Frenchman" out of every entity (or runs it into the name),
so :mod:`.modifiers`, which reads demonyms the model tagged, finds nothing. Here the word
right before a person's name is read: a word of no name, or a demonym the gazetteer
does not know as it is written ("Irishmen"), ending in "-man", "-woman", "-men" or
"-women", whose singular or "-man" form the gazetteer's demonym table knows. A second
name joined by "and" shares a plural ("Irishmen X and Y"), not a singular.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kgraph.entities.lexicon import places
from kgraph.entities.mentions import Mention
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate

#: Endings of a demonym noun, and what each becomes in the gazetteer's singular form.
PERSON_NOUN_ENDINGS = {"man": "man", "woman": "woman", "men": "man", "women": "woman"}


def demonym_country(word: Token) -> str | None:
    """The country a demonym noun names: "Frenchman", "Irishmen", "Dutchwoman" → France,
    Ireland, the Netherlands (the noun, else its singular, else its "-man" form)."""
    text = word.text
    if not text[:1].isupper() or not text.isalpha():
        return None
    gazetteer = places()
    for ending, singular in PERSON_NOUN_ENDINGS.items():
        stem = text[: -len(ending)]
        if text.endswith(ending) and len(stem) > 2:
            for form in (text, stem + singular, stem + "man"):
                country = gazetteer.demonym(form)
                if country:
                    return country
    return None


def _people_after(word: Token, sentence: Span, index: MentionIndex) -> list[Mention]:
    """The person named right after ``word``, and, after a plural ("Irishmen"), one joined
    to it by "and" ("Dutchman Arnoud Okken and Antonio Reina of Spain": Okken only)."""
    doc = sentence.doc
    first = index.mention(doc[word.i + 1]) if word.i + 1 < sentence.end else None
    if first is None or first.via != "name" or first.entity.type != "PERSON":
        return []
    people = [first]
    plural = word.lower_.endswith("men")
    if plural and first.end + 1 < sentence.end and doc[first.end].lower_ == "and":
        second = index.mention(doc[first.end + 1])
        if second is not None and second.via == "name" and second.entity.type == "PERSON":
            people.append(second)
    return people


def demonym_nouns(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "Frenchman Gilles Simon" → Gilles Simon citizen-of France (see the module)."""
    doc = sentence.doc
    for word in sentence:
        own = index.mention(word)
        if own is not None and (own.entity.type != "NORP" or places().demonym(own.entity.name)):
            continue  # a word of a name; or a demonym :mod:`.modifiers` reads
        country = demonym_country(word)
        if country is None:
            continue
        owner = (Argument(index.entity_named(country), word, 0.9),)
        for person in _people_after(word, sentence, index):
            subject = (Argument(person.entity, doc[person.end - 1], 1.0),)
            yield Candidate(subject, "citizen-of", owner, word, "demonym", 0.8)


NATIONAL_EXTRACTORS = (demonym_nouns,)
