"""Where places and organizations are: "Munich, Germany", "the University of Bonn", a gazetteer.

* ``place``: a place followed by a comma and the country (or US state) that contains it,
  "Port-au-Prince, Haiti" → Port-au-Prince ``located-in`` Haiti; an organization named
  after its place, "the University of Bonn" → ``based-in`` Bonn.
* ``gazetteer``: a city and the country that contains it (GeoNames, see
  :mod:`kgraph.entities.lexicon`) named in one sentence → ``located-in``, with the sentence
  as evidence. The name goes to its most populous city, so "Paris" is in France.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kgraph.entities.lexicon import places
from kgraph.entities.mentions import Mention
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate

PLACE_TYPES = {"GPE", "LOC"}
#: Words that join the members of a list: "Wales, France and Ireland".
LIST_WORDS = {"and", "or", "&"}
#: Prepositions by which an organization's name says where it is: "University of Bonn".
NAME_PREPOSITIONS = {"of", "in"}


def _named_mentions(sentence: Span, index: MentionIndex) -> list[Mention]:
    return [m for m in index.within(sentence) if m.via == "name"]


def _argument(mention: Mention, sentence: Span) -> Argument:
    return Argument(mention.entity, sentence.doc[mention.end - 1], 1.0)


def _contains(outer: Mention, inner: Mention) -> bool:
    """Whether the gazetteer puts ``inner``'s place (a country or US state) around ``outer``."""
    gazetteer = places()
    name = outer.entity.name
    if gazetteer.country(name):
        return False
    country = gazetteer.country(inner.entity.name)
    if country:
        return True
    # "Denver, Colorado": a US state after a US city
    states = gazetteer.us_states
    return (
        inner.entity.name.casefold() in states
        and gazetteer.city_country(name) == "United States"
        and name.casefold() not in states
    )


def _in_list(doc: Doc, place: Mention, region: Mention, mentions: list[Mention]) -> bool:
    """Whether "place, region" are two members of a longer list ("defeats by Wales, France
    and Ireland", "Scandinavia, Russia and eastern Europe"), not a place and its country:
    "and" or "or" after the second, a comma and another name after it, or a name and a
    comma before the first."""
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    after = region.end
    if after < len(doc) and doc[after].lower_ in LIST_WORDS:
        return True
    if after + 1 < len(doc) and doc[after].text == "," and after + 1 in starts:
        return True
    before = place.start - 1
    return before > 0 and doc[before].text == "," and before in ends


def comma_places(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "in Munich, Germany" → Munich located-in Germany (not in a list: "Wales, France
    and Ireland")."""
    doc = sentence.doc
    mentions = _named_mentions(sentence, index)
    for place, region in zip(mentions, mentions[1:]):
        if (
            place.entity.type not in PLACE_TYPES | {"FAC"}
            or region.entity.type not in PLACE_TYPES
            or region.start != place.end + 1
            or doc[place.end].text != ","
            or not _contains(place, region)
            or _in_list(doc, place, region, mentions)
        ):
            continue
        yield Candidate(
            (_argument(place, sentence),),
            "located-in",
            (_argument(region, sentence),),
            doc[place.end],
            "place",
            0.85,
        )


def named_after_place(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "the University of Bonn" → the University of Bonn based-in Bonn."""
    gazetteer = places()
    doc = sentence.doc
    for mention in _named_mentions(sentence, index):
        if mention.entity.type not in ("ORG", "FAC") or mention.end - mention.start < 3:
            continue
        for i in range(mention.start + 1, mention.end - 1):
            if doc[i].lower_ not in NAME_PREPOSITIONS:
                continue
            name = doc[i + 1 : mention.end].text
            country = gazetteer.country(name)
            if country or gazetteer.city_country(name):
                place = index.entity_named(country or name)
                yield Candidate(
                    (Argument(mention.entity, doc[mention.end - 1], 1.0),),
                    "based-in",
                    (Argument(place, doc[i + 1], 0.9),),
                    doc[i],
                    "place",
                    0.8,
                )
            break


def gazetteer_places(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """A city and its country named in one sentence → city located-in country."""
    gazetteer = places()
    named = _named_mentions(sentence, index)
    mentions = [m for m in named if m.entity.type in PLACE_TYPES]
    countries: dict[str, Argument] = {}
    for mention in mentions:
        if gazetteer.country(mention.entity.name):
            countries.setdefault(
                gazetteer.country(mention.entity.name), _argument(mention, sentence)
            )
    for mention in named:  # "the Lithuanian capital, Vilnius": the demonym names the country
        country = gazetteer.demonym(mention.entity.name) if mention.entity.type == "NORP" else None
        if country and country not in countries:
            token = sentence.doc[mention.start]
            countries[country] = Argument(index.entity_named(country), token, 0.9)
    if not countries:
        return
    for mention in mentions:
        if gazetteer.country(mention.entity.name):
            continue
        country = countries.get(gazetteer.city_country(mention.entity.name) or "")
        if country is None:
            continue
        yield Candidate(
            (_argument(mention, sentence),),
            "located-in",
            (country,),
            sentence.doc[mention.start],
            "gazetteer",
            0.7,
        )


PLACE_EXTRACTORS = (comma_places, named_after_place, gazetteer_places)
