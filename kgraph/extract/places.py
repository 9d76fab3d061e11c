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

from spacy.tokens import Span

from kgraph.entities.lexicon import places
from kgraph.entities.mentions import Mention
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate

PLACE_TYPES = {"GPE", "LOC"}
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


def _in_a_list(place: Mention, region: Mention, mentions: list[Mention], doc) -> bool:
    """Whether "place, region" are two items of a list of places ("teams France, England,
    Wales, Italy and Scotland"), not a place and what contains it: a country or region
    before the place, or another after "and", continues the list ("in Munich, Germany, and
    Lyon, France" stays two pairs: before Lyon stands "and", after Germany a city)."""
    gazetteer = places()
    before = next((m for m in mentions if m.end == place.start - 1), None)
    if before is not None and doc[before.end].text == "," and _not_a_city(before, gazetteer):
        return True
    after_word = doc[region.end] if region.end < len(doc) else None
    if after_word is None or after_word.lower_ not in ("and", "or"):
        return False
    after = next((m for m in mentions if m.start == region.end + 1), None)
    return after is not None and _not_a_city(after, gazetteer)


def _not_a_city(mention: Mention, gazetteer) -> bool:
    """A country or a region ("England"), which no comma puts inside another place."""
    return mention.entity.type in PLACE_TYPES and not gazetteer.city_country(mention.entity.name)


def comma_places(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "in Munich, Germany" → Munich located-in Germany."""
    doc = sentence.doc
    mentions = _named_mentions(sentence, index)
    for place, region in zip(mentions, mentions[1:]):
        if (
            place.entity.type not in PLACE_TYPES | {"FAC"}
            or region.entity.type not in PLACE_TYPES
            or region.start != place.end + 1
            or doc[place.end].text != ","
            or not _contains(place, region)
            or _in_a_list(place, region, mentions, doc)
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
