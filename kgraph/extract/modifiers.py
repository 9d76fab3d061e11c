"""Relations said by a modifier of a name: demonyms, places and organizations before it.

* **Demonyms stand for their country.** "German Chancellor Angela Merkel" → Angela Merkel
  ``citizen-of`` Germany and ``chancellor-of`` Germany; "its Chinese parent company,
  ByteDance" → ByteDance ``based-in`` China; "the German city of Hamburg" → Hamburg
  ``located-in`` Germany (pattern ``demonym``). A country's own name used the same way
  ("US President Donald Trump", "Germany's Deutsche Bank") says the same (pattern ``place``).
* **Places before a name.** "Berlin's Charité hospital" → ``based-in`` Berlin.

The name described is the modifier's head when that is a name, the name a role noun
stands before ("striker Thomas Müller"), or the name in apposition with it ("the company,
ByteDance").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kgraph.entities.coref import DESCRIPTIONS
from kgraph.entities.lexicon import Places, places, role
from kgraph.entities.mentions import Mention
from kgraph.entities.types import TEAM_ROLES
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate
from kgraph.extract.predicates import role_predicate
from kgraph.models import EntityRef

#: How a modifier hangs on the noun it describes.
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}
#: Nouns that name a place by an "of" phrase: "the German city of Hamburg".
PLACE_NOUNS = {"city", "town", "village", "capital", "state", "region", "province", "port"}
ORGANIZATION_TYPES = {"ORG", "FAC"}
#: Relations of role words that only a person holds ("midfielder", "MP").
PERSON_ROLES = {"player-of", "coach-of", "member-of", "spokesperson-of", "founder-of"}
#: Last words of a name that make it a state, not an organization in one.
STATE_WORDS = {"republic", "reich", "empire", "kingdom", "federation", "confederation", "union"}
PLACE_TYPES = {"GPE", "LOC"}
#: Last words of a name that make it a state: a country before one names the state itself
#: ("Iran's Islamic Republic", "China's People's Republic"), no one or nothing in it.
STATE_NAMES = {"republic", "kingdom", "empire", "reich"}
#: Roles whose place word names the region the work covers, not the holder's nationality:
#: "chief Turkish economist for Deutsche Bank", "our Europe correspondent".
REGION_ROLES = {"economist", "analyst", "strategist", "correspondent", "editor", "reporter"}


def _root(mention: Mention, token: Token) -> Token:
    """The token of a mention that attaches it to the rest of the sentence."""
    doc = token.doc
    for i in range(mention.start, mention.end):
        head = doc[i].head
        if head.i < mention.start or head.i >= mention.end or head.i == i:
            return doc[i]
    return token


def _country(mention: Mention, index: MentionIndex) -> tuple[EntityRef, bool] | None:
    """The place a modifier mention stands for, and whether it is a country."""
    gazetteer = places()
    entity = mention.entity
    if entity.type == "NORP":
        country = gazetteer.demonym(entity.name)
        return (index.entity_named(country), True) if country else None
    if entity.type in PLACE_TYPES:
        return entity, gazetteer.country(entity.name) is not None
    return None


def _described(modifier: Token, index: MentionIndex) -> tuple[Mention, Token, list[Token]] | None:
    """The named mention a modifier describes, its token, and the role words between them."""
    own = index.mention(modifier)
    roles: list[Token] = []
    token = modifier.head
    for _ in range(4):
        mention = index.mention(token)
        if mention and (own is None or mention.entity.id != own.entity.id):
            return mention, token, roles
        if mention:
            return None
        roles.append(token)
        if token.dep_ in ("compound", "amod") and token.head != token:
            token = token.head
            continue
        break
    for child in token.children:  # "its Chinese parent company, ByteDance"
        if child.dep_ == "appos" and (mention := index.mention(child)):
            return mention, child, roles
    if token.dep_ == "appos" and (mention := index.mention(token.head)):
        return mention, token.head, roles  # "ByteDance, the Chinese company"
    if token.lemma_.lower() in PLACE_NOUNS:  # "the German city of Hamburg"
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    mention = index.mention(pobj)
                    if pobj.dep_ == "pobj" and mention and mention.entity.type in PLACE_TYPES:
                        return mention, pobj, []
    return None


def _role_words(roles: list[Token], index: MentionIndex) -> list[str]:
    """ "foreign minister": the role nouns with their unnamed modifiers, in text order."""
    words = {
        t
        for noun in roles
        for t in (noun, *(c for c in noun.lefts if c.dep_ in ("amod", "compound")))
        if not index.mention(t) and t.pos_ in ("NOUN", "PROPN", "ADJ")
    }
    return [t.lower_ for t in sorted(words, key=lambda t: t.i)]


#: Role nouns that "the <role> of <demonym> <domain> X" gives to X: "the head of American
#: diplomacy Mike Pompeo", which the parser reads as "head of [American diplomacy Mike Pompeo]".
OFFICE_NOUNS = {"head", "chief", "leader", "boss"}


def _office_above(target: Token, index: MentionIndex) -> Token | None:
    """The role noun a person's name hangs under through "of", if that is how it was parsed."""
    prep = target.head
    if target.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return None
    office = prep.head
    if office.lemma_.lower() in OFFICE_NOUNS and not index.mention(office):
        return office
    return None


def _kind(target: Mention, roles: list[Token]) -> str:
    """The target's type, or what the noun before it says it is when the model's type is
    not one of person, organization or place: "British firm Sonaptic" is an organization."""
    kind = target.entity.type
    person_noun = any(_noun_class(r) == "person" for r in roles)
    if kind in ("PERSON", "GPE", "LOC", "FAC") or (kind == "ORG" and not person_noun):
        return kind
    for noun in reversed(roles):
        cls = _noun_class(noun)
        if cls == "person":
            return "PERSON"
        if cls in ("company", "platform"):
            return "ORG"
    return kind


def _noun_class(noun: Token) -> str | None:
    """ "person" for "midfielder", "company" for "carmaker": what a noun before a name says."""
    found = DESCRIPTIONS.get(noun.lemma_.lower())
    if found:
        return found[1]
    known = role([noun.lemma_.lower()])
    return "person" if known and known.predicate in PERSON_ROLES else None


def _team_role(noun: Token) -> bool:
    """ "coach", "captain", "fly-half": a role in a side."""
    found = role([noun.lemma_.lower()])
    return noun.lemma_.lower() in TEAM_ROLES or (
        found is not None and found.predicate in ("player-of", "coach-of")
    )


#: Endings of demonyms that name a person: Scotsman, Irishman, Frenchman (not "German").
PERSON_ENDINGS = tuple(f"{stem}{noun}" for stem in ("s", "sh", "ch") for noun in ("man", "woman"))


def _person_noun(mention: Mention) -> bool:
    """A demonym that is itself a person ("Scotsman", "Frenchman"): before a name it says
    the nationality ("Frenchman Richard Gasquet"), before another role it names something
    else ("Scotsman journalist Hamish MacDonell" writes for The Scotsman)."""
    return mention.entity.type == "NORP" and mention.entity.name.lower().endswith(PERSON_ENDINGS)


#: Last words of an organization's name that put it abroad: "the US embassy" is in London.
ABROAD_WORDS = {"embassy", "consulate", "legation", "mission", "high commission"}


#: Bodies whose members are countries. A country named before one is that country's
#: relation to it, never its seat: "the Turkish EU bid", "Britain's EU rebate", "Russia WTO
#: talks", "Ukraine's Nato membership" (a city before one may be its seat: "Brussels' EU
#: headquarters").
INTERGOVERNMENTAL = {
    "european union",
    "eu",
    "united nations",
    "un",
    "nato",
    "north atlantic treaty organization",
    "north atlantic treaty organisation",
    "world trade organization",
    "world trade organisation",
    "wto",
    "international monetary fund",
    "imf",
    "world bank",
    "opec",
    "oecd",
    "asean",
    "african union",
    "arab league",
    "council of europe",
    "commonwealth",
    "international atomic energy agency",
    "iaea",
    "world health organization",
    "world health organisation",
    "g8",
    "g7",
    "g20",
}


def _intergovernmental(entity: EntityRef) -> bool:
    """A body whose members are countries: the EU, the UN, Nato, the WTO, the IMF, ..."""
    return any(name.casefold() in INTERGOVERNMENTAL for name in (entity.name, *entity.aliases))


def _abroad(mention: Mention) -> bool:
    """A country's embassy, consulate or high commission, which is in another country."""
    words = mention.entity.name.lower().split()
    return bool(words) and (words[-1] in ABROAD_WORDS or " ".join(words[-2:]) in ABROAD_WORDS)


def modifier_relations(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """Relations that a demonym or a place before a name states about it."""
    doc = sentence.doc
    for mention in index.within(sentence):
        if mention.via != "name":
            continue
        token = _root(mention, doc[mention.start])
        if token.dep_ not in MODIFIER_DEPS:
            continue
        place = _country(mention, index)
        if place is None:
            continue
        described = _described(token, index)
        if described is None:
            continue
        target, target_token, roles = described
        if roles and _person_noun(mention):
            continue  # "Scotsman journalist X": a person noun before a role is a paper's name
        entity, is_country = place
        if is_country and target.entity.name.split()[-1].lower() in STATE_NAMES:
            continue  # "Iran's Islamic Republic" is Iran
        pattern = "demonym" if mention.entity.type == "NORP" else "place"
        owner = (Argument(entity, token, 1.0),)
        subject = (Argument(target.entity, target_token, 1.0 if target.via == "name" else 0.8),)
        kind = _kind(target, roles)
        if kind == "PERSON" and target.end - target.start == 1 and not roles:
            continue  # "British Library": a one-word "person" right after a demonym is a name
        if kind == "PERSON" and is_country:
            # "Ireland coach Eddie O'Sullivan" coaches the Ireland side: no word of where
            # he is from ("Irish coach" is); the title gives coach-of
            # "Vodafone's UK chief executive" runs the UK unit: no word of where he is from
            unit = pattern == "place" and mention.start > 0 and doc[mention.start - 1].tag_ == "POS"
            covered = any(r.lemma_.lower() in REGION_ROLES for r in roles)  # "chief US economist"
            if (pattern == "demonym" or not any(_team_role(r) for r in roles)) and not (
                unit or covered
            ):
                yield Candidate(subject, "citizen-of", owner, token, pattern, 0.8)
            words = _role_words(roles, index)
            found = role(words) if words else None
            # a country's name before a title is the title's owner already ("titles")
            if found and found.of_country and pattern == "demonym":
                yield Candidate(subject, found.predicate, owner, roles[-1], pattern, 0.85)
            elif (office := _office_above(target_token, index)) is not None:
                predicate = role_predicate(_role_words([office], index))
                yield Candidate(subject, predicate, owner, office, pattern, 0.75)
        elif kind in ORGANIZATION_TYPES and (is_country or token.dep_ == "poss"):
            if is_country and _intergovernmental(target.entity):
                continue  # "the Turkish EU bid": the country's bid, not the EU's seat
            # a building or a square has no seat: "Seville's Olympic Stadium" is in Seville
            predicate = "located-in" if kind == "FAC" else "based-in"
            yield Candidate(subject, predicate, owner, token, pattern, 0.8)
        elif kind in PLACE_TYPES and is_country and not places().country(target.entity.name):
            yield Candidate(subject, "located-in", owner, token, pattern, 0.8)


def demonym_names(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "the Australian Federal Police", "the Nigerian Human Rights Commission" → based-in."""
    doc = sentence.doc
    for mention in index.within(sentence):
        if mention.via != "name" or mention.entity.type != "ORG":
            continue
        start = mention.start + (doc[mention.start].lower_ == "the")
        if mention.end - start < 2:
            continue
        country = places().demonym(doc[start].text)
        if country is None or doc[mention.end - 1].lower_ in STATE_WORDS or _abroad(mention):
            continue  # "the German Federal Republic" is the country; its embassy is abroad
        if doc[start + 1].lower_ == "and":
            continue  # "the British and Irish Lions": a side of several nations, based in none
        yield Candidate(
            (Argument(mention.entity, doc[mention.end - 1], 1.0),),
            "based-in",
            (Argument(index.entity_named(country), doc[start], 0.9),),
            doc[start],
            "demonym",
            0.75,
        )


#: Words that make a country's name inside an organization's name no seat: "Radio Free
#: Europe", "Friends of Syria", "Save the Children UK" keeps it; "Jordan Grand Prix" is a team.
NOT_SEAT_WORDS = {"friends", "grand", "prix", "open", "cup", "games", "championship"}


def country_in_name(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "Air India", "the Bank of England", "China Radio International" → based-in the
    country the organization's name holds (a whole country name, not the whole name)."""
    doc = sentence.doc
    gazetteer = places()
    for mention in index.within(sentence):
        if mention.via != "name" or mention.entity.type != "ORG":
            continue
        words = [t for t in doc[mention.start : mention.end] if t.lower_ != "the"]
        if len(words) < 2 or {t.lower_ for t in words} & NOT_SEAT_WORDS:
            continue
        if words[-1].lower_ in STATE_WORDS or gazetteer.country(mention.entity.name):
            continue  # "the Federal Republic": the country itself
        if _abroad(mention):
            continue  # "the US Embassy" is in another country
        if any(t.pos_ in ("VERB", "AUX") for t in words):
            continue  # "Italy Rejects Easing Fertility": a headline, not a name
        found = _country_words(words, gazetteer)
        if found is not None:
            country, token = found
            yield Candidate(
                (Argument(mention.entity, doc[mention.end - 1], 1.0),),
                "based-in",
                (Argument(index.entity_named(country), token, 0.9),),
                token,
                "place",
                0.75,
            )


#: English names of countries other than the gazetteer's own that a name may hold.
COUNTRY_SHORT_NAMES = {"UK", "US", "USA", "Britain", "America"}
#: Words joining or qualifying a place that make it another place or several: "Northern
#: Ireland", "Serbia & Montenegro".
PLACE_QUALIFIERS = {"northern", "southern", "eastern", "western", "north", "south", "east"}
PLACE_QUALIFIERS |= {"west", "new", "&", "-", "and", "mr", "mrs", "ms"}


def _country_words(words: list[Token], gazetteer: Places) -> tuple[str, Token] | None:
    """The country named by one to three whole words of a name (in English, as the country
    is called: "Island" or "Suisse" are not Iceland or Switzerland), and its first token."""
    if any(t.lower_ in PLACE_QUALIFIERS for t in words):
        return None
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            text = " ".join(t.text for t in part)
            if part[-1].lower_ in STATE_WORDS:
                continue  # "State of the Union"
            country = gazetteer.country(text)
            if country is not None and (text == country or text in COUNTRY_SHORT_NAMES):
                return country, part[0]
    return None
