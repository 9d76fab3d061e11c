"""Where a company is, said by the words before its name: "UK drinks and food firm Allied
Domecq", "Swiss-based drugs group Serono", read off the words when the parse breaks the
phrase apart.

The parser often leaves the company noun ("firm") and the name apart ("Shares in US
software firm Oracle rose": "firm" is the object of "in", "Oracle" the subject of "rose"),
so :mod:`.modifiers` and :func:`.nominal.based_in`, which walk the parse, find nothing.
Here the words are read in order: a place (a country, city or demonym) right before
lowercase words that end in a company noun ("firm"), or a place and "-based" right before
lowercase words that end in any noun ("watchdog"), right before an organization's name
→ the organization ``based-in`` the place (pattern ``demonym`` or ``place``, as
:mod:`.modifiers` names them)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kgraph.entities.coref import DESCRIPTIONS
from kgraph.entities.lexicon import places
from kgraph.entities.mentions import Mention
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate
from kgraph.models import EntityRef

#: Most lowercase words between the place and the organization's name ("drinks and food firm").
MAX_WORDS = 5
#: Parts of speech of the words of a description ("online game operator", "state-run").
DESCRIPTION_POS = {"NOUN", "ADJ", "PROPN", "CCONJ", "PUNCT", "VERB"}
#: Punctuation inside a description: hyphens of compounds only, never a comma.
DESCRIPTION_PUNCT = {"-"}
PLACE_TYPES = {"GPE", "LOC"}


def _company_noun(token: Token) -> bool:
    """ "firm", "bank", "carmaker": a noun that says the name after it is a company."""
    found = DESCRIPTIONS.get(token.lemma_.lower())
    return token.pos_ == "NOUN" and found is not None and found[1] == "company"


def _description_word(token: Token) -> bool:
    """A lowercase word of a description before a name: "drinks", "and", "state", "-"."""
    if token.pos_ == "PUNCT":
        return token.text in DESCRIPTION_PUNCT
    if token.pos_ == "VERB":
        return token.tag_ in ("VBN", "VBG") and token.lower_ != "based"  # "state-run"
    return token.pos_ in DESCRIPTION_POS and token.text == token.lower_ and token.is_alpha


def _place_before(doc: Doc, end: int, index: MentionIndex) -> tuple[Mention, Token, bool] | None:
    """The place mention whose last token is ``doc[end - 1]``, past a "-based" if any, and
    whether a "-based" follows it."""
    based = end >= 3 and doc[end - 1].lower_ == "based" and doc[end - 2].text == "-"
    end -= 2 if based else 0
    if end < 1:
        return None
    mention = index.mention(doc[end - 1])
    if mention is None or mention.via != "name" or mention.end != end:
        return None
    if mention.start > 0 and doc[mention.start - 1].tag_ == "POS":
        return None  # "Vodafone's UK mobile firm": the unit of a company named before
    return mention, doc[end - 1], based


def _place_entity(mention: Mention, index: MentionIndex) -> EntityRef | None:
    """The place a mention names: itself, or a demonym's country ("Japanese" → Japan)."""
    if mention.entity.type in PLACE_TYPES:
        return mention.entity
    if mention.entity.type == "NORP":
        country = places().demonym(mention.entity.name)
        return index.entity_named(country) if country else None
    return None


def described_seats(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "US software firm Oracle" → Oracle based-in United States (see the module)."""
    doc = sentence.doc
    for named in index.within(sentence):
        if named.via != "name" or named.entity.type != "ORG" or named.start < 2:
            continue
        start = named.start
        if doc[start - 1].pos_ != "NOUN":
            continue
        cursor = start - 1
        while (
            cursor > sentence.start
            and start - cursor < MAX_WORDS
            and index.mention(doc[cursor - 1]) is None
            and _description_word(doc[cursor - 1])
        ):
            cursor -= 1
        found = _place_before(doc, cursor, index)
        if found is None:
            continue
        place, place_token, based = found
        if not (based or _company_noun(doc[start - 1])):
            continue  # "Munich-based research institute Ifo"; else "US software firm Oracle"
        entity = _place_entity(place, index)
        if entity is None or entity.id == named.entity.id:
            continue
        pattern = "demonym" if place.entity.type == "NORP" else "place"
        yield Candidate(
            (Argument(named.entity, doc[named.end - 1], 1.0),),
            "based-in",
            (Argument(entity, place_token, 1.0),),
            doc[start - 1],
            pattern,
            0.8,
        )


SEAT_EXTRACTORS = (described_seats,)
