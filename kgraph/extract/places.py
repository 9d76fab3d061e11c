"""Where places and organizations are: "Munich, Germany", "the University of Bonn", a gazetteer.

* ``place``: a place followed by a comma and the country (or US state) that contains it,
  "Port-au-Prince, Haiti" → Port-au-Prince ``located-in`` Haiti; an organization named
  after its place, "the University of Bonn" → ``based-in`` Bonn; an organization "of" a
  country, "Statoil of Norway" → ``based-in`` Norway; a country's region, "China's Sichuan
  province" → ``located-in`` China.
* ``gazetteer``: a city and the country that contains it (GeoNames, see
  :mod:`kgraph.entities.lexicon`) named in one sentence → ``located-in``, with the sentence
  as evidence. The name goes to its most populous city, so "Paris" is in France.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kgraph.entities.lexicon import geo_places, places
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


def _a_continent(name: str) -> bool:
    """Whether GeoNames knows the name as a continent ("Asia", "Europe"), which no country
    contains (however many towns share its name)."""
    return any(p.kind == "continent" for p in geo_places().get(name.casefold(), ()))


def _contains(outer: Mention, inner: Mention) -> bool:
    """Whether the gazetteer puts ``inner``'s place (a country or US state) around ``outer``."""
    gazetteer = places()
    name = outer.entity.name
    if gazetteer.country(name) or _a_continent(name):
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


#: Dependencies of a name that starts a clause of its own: "to reach Europe, Libya is ...".
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _starts_a_clause(doc: Doc, place: Mention, region: Mention) -> bool:
    """Whether the name after the comma is the subject of the next clause, not the place
    around the one before: "With migrants trying to reach Europe, Libya is in chaos" (a
    city the gazetteer puts in that country stays: "in Lyon, France said", a comma lost)."""
    if doc[region.start : region.end].root.dep_ not in SUBJECT_DEPS:
        return False
    gazetteer = places()
    country = gazetteer.country(region.entity.name)
    return not country or gazetteer.city_country(place.entity.name) != country


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
            or _starts_a_clause(doc, place, region)
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


def organization_of_country(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "officials from Statoil of Norway" → Statoil based-in Norway: an organization's name
    right before "of" and a country's, the "of" hanging on the organization and the country
    its object, and no noun after it (in "the Directors Guild of Great Britain awards" the
    country is a word of a longer name, which the model cut)."""
    gazetteer = places()
    doc = sentence.doc
    mentions = _named_mentions(sentence, index)
    for organization, place in zip(mentions, mentions[1:]):
        of = doc[organization.end] if organization.end < len(doc) else None
        if (
            organization.entity.type != "ORG"
            or place.entity.type != "GPE"
            or of is None
            or of.lower_ != "of"
            or place.start != organization.end + 1
            or not organization.start <= of.head.i < organization.end
            or doc[place.start : place.end].root.head.i != of.i
            or _a_noun_after(doc, place)
            or not gazetteer.country(place.entity.name)
            or _possessive_after(doc, place)
        ):
            continue
        yield Candidate(
            (_argument(organization, sentence),),
            "based-in",
            (_argument(place, sentence),),
            of,
            "place",
            0.8,
        )


#: Nouns of a country's parts: "China's Sichuan province", "Germany's Saarland state".
REGION_NOUNS = {"province", "state", "region", "county", "district"}


def country_s_region(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "floods in China's Sichuan province" → Sichuan located-in China: a country's
    possessive on a region noun whose name is a place."""
    gazetteer = places()
    for noun in sentence:
        if noun.lemma_.lower() not in REGION_NOUNS or noun.pos_ != "NOUN":
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        countries = [
            a
            for owner in owners
            for a in index.arguments(owner)
            if a.entity.type == "GPE" and gazetteer.country(a.entity.name)
        ]
        named = [a for c in noun.children if c.dep_ == "compound" for a in index.arguments(c)]
        regions = [
            a
            for a in named or index.arguments(noun)
            if a.entity.type in PLACE_TYPES
            and not gazetteer.country(a.entity.name)
            and a.entity not in {c.entity for c in countries}
        ]
        if len(countries) == 1 and regions:
            yield Candidate(tuple(regions), "located-in", tuple(countries), noun, "place", 0.8)


def _a_noun_after(doc: Doc, mention: Mention) -> bool:
    """ "the Producers Guild of Great Britain awards": a common noun after the country makes
    "X of <country>" the name of something (cut by the model), not a company and its seat."""
    return mention.end < len(doc) and doc[mention.end].pos_ == "NOUN"


def _possessive_after(doc: Doc, mention: Mention) -> bool:
    """ "Toyota of Japan's rival": the country owns what follows, not the company."""
    return mention.end < len(doc) and doc[mention.end].tag_ == "POS"


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
        if gazetteer.country(mention.entity.name) or _a_continent(mention.entity.name):
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


PLACE_EXTRACTORS = (
    comma_places,
    named_after_place,
    organization_of_country,
    country_s_region,
    gazetteer_places,
)
