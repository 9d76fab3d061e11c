"""Affiliations stated around a name: "X of Y", "X (SPD)", "DW's X", "the court in Karlsruhe".

* "Chidi Odinkalu of the Nigerian Human Rights Commission" → ``affiliated-with`` (a member
  or an employee: the phrase does not say which); "President
  Dilma Rouseff of Brazil" → ``president-of`` (the title before the name names the role;
  without one a country gives ``citizen-of``).
* "Michael Müller (SPD)" → ``member-of``.
* "DW's Jan D. Walter" → ``affiliated-with``.
* "the Constitutional Court in Karlsruhe" → ``based-in``; "Zermatt in Switzerland" →
  ``located-in``; "the summit in Durban" → ``held-in`` (an event is no place).

All have the pattern ``affiliation``, except the places, which have ``place``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kgraph.entities.lexicon import is_first_name, places, role
from kgraph.entities.mentions import Mention
from kgraph.entities.types import PERSONAL_TITLES, type_words
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate
from kgraph.extract.modality import SPEECH_VERBS
from kgraph.extract.nominal import HEADING_RELATIONS, HONORIFICS
from kgraph.extract.predicates import kebab, role_predicate
from kgraph.extract.sport import is_team
from kgraph.relations import relation_of

ORGANIZATION_TYPES = {"ORG"}
#: Words before "X of <country>" that make it a comparison, not a person: "the Eminem of
#: Argentina", "a Madonna of Brazil".
COMPARING_WORDS = {"the", "a", "an"}
PLACE_TYPES = {"GPE", "LOC"}
#: Places that make a role one of a unit: "Vodafone's UK chief executive".
UNIT_PLACE_TYPES = {"GPE", "LOC"}
#: Things that are where a place phrase after them says: "the summit in Durban".
LOCATED_TYPES = {"FAC", "EVENT", "GPE", "LOC"}
#: What "X in Y" says of X by its type: an organization's seat, where an event is held
#: ("the World Cross Country Championships in France": no place inside a place).
PLACE_PREDICATES = {"ORG": "based-in", "EVENT": "held-in"}
#: Head nouns of a unit's name beyond ``type_words.tsv``'s organizations: "MIT's Media Labs",
#: "the IMF's European Department".
UNIT_ENDINGS = {"centre", "center", "laboratory", "laboratories", "lab", "labs", "executive"}
UNIT_ENDINGS |= {"fund", "organisation", "organization", "division", "unit", "directorate"}
#: Prepositions before an organization whose "in" phrase is still the organization's:
#: "a shrine of the Islamic Movement in Nigeria" ("a deal for Boeing in India" is the deal's).
OWNING_PREPOSITIONS = {"of"}


def _heads(sentence: Span, index: MentionIndex) -> Iterator[tuple[Mention, Token]]:
    """Each named mention of the sentence with the token that attaches it."""
    doc = sentence.doc
    for mention in index.within(sentence):
        if mention.via != "name":
            continue
        for i in range(mention.start, mention.end):
            head = doc[i].head
            if head.i == i or not mention.start <= head.i < mention.end:
                yield mention, doc[i]
                break


def _argument(mention: Mention, token: Token) -> Argument:
    return Argument(mention.entity, token, 1.0 if mention.via == "name" else 0.8)


def _title_words(mention: Mention, head: Token, index: MentionIndex) -> list[str]:
    """Title words before a person's name: "Prime Minister" in "Prime Minister Singh"."""
    return [
        c.lower_
        for c in head.lefts
        if c.dep_ in ("compound", "amod") and c.i < mention.start and not index.mention(c)
    ]


def _conjunct_title(person: Mention, head: Token, index: MentionIndex) -> list[str]:
    """The title of the name this one is conjoined to, which it shares: in "Australia coach
    Eddie Jones and Jake White of South Africa" White is South Africa's coach."""
    if head.dep_ != "conj":
        return []
    first = index.mention(head.head)
    if first is None or first.entity.type != "PERSON" or first.end > person.start:
        return []
    words = _title_words(first, head.head, index)
    return words if role(words) is not None else []


def _affiliation(
    person: Mention, head: Token, owner: Mention, owner_token: Token, index: MentionIndex
) -> Candidate | None:
    subject = (_argument(person, head),)
    obj = (_argument(owner, owner_token),)
    words = _title_words(person, head, index) or _conjunct_title(person, head, index)
    found = role([w.rstrip("s") if w.endswith("ents") else w for w in words]) if words else None
    if found:
        return Candidate(subject, found.predicate, obj, head, "affiliation", 0.8)
    if owner.entity.type in ORGANIZATION_TYPES:  # a member or an employee: not said
        return Candidate(subject, "affiliated-with", obj, owner_token, "affiliation", 0.75)
    compared = person.start > 0 and head.doc[person.start - 1].lower_ in COMPARING_WORDS
    if owner.entity.type == "GPE" and places().country(owner.entity.name) and not compared:
        return Candidate(subject, "citizen-of", obj, owner_token, "affiliation", 0.75)
    return None


def person_of(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "Chidi Odinkalu of the Nigerian Human Rights Commission" → affiliated-with."""
    for person, head in _heads(sentence, index):
        if person.entity.type != "PERSON":
            continue
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                owner = index.mention(pobj)
                if pobj.dep_ == "pobj" and owner and owner.entity.id != person.entity.id:
                    found = _affiliation(person, head, owner, pobj, index)
                    if found:
                        yield found


def parenthetical_party(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "Michael Müller (SPD)", "Petra Pau (of the Left Party)" → member-of."""
    doc = sentence.doc
    for person, head in _heads(sentence, index):
        if person.entity.type != "PERSON" or person.end >= sentence.end - 2:
            continue
        if doc[person.end].text not in ("(", "-LRB-"):
            continue
        cursor = person.end + 1
        while cursor < sentence.end and doc[cursor].lower_ in ("of", "the"):
            cursor += 1
        owner = index.mention(doc[cursor]) if cursor < sentence.end else None
        if owner is None or owner.entity.type not in ORGANIZATION_TYPES:
            continue
        if owner.end < sentence.end and doc[owner.end].text in (")", "-RRB-", ","):
            yield Candidate(
                (_argument(person, head),),
                "member-of",
                (_argument(owner, doc[owner.end - 1]),),
                doc[person.end],
                "affiliation",
                0.8,
            )


def _left_modifiers(token: Token, stop: int, index: MentionIndex) -> list[Token]:
    """Unnamed compound and adjective modifiers before ``stop``: "chief executive"."""
    found = []
    for child in token.lefts:
        if child.dep_ in ("compound", "amod") and child.i < stop and not index.mention(child):
            found += [child, *_left_modifiers(child, stop, index)]
    return found


def organization_possessor(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "DW's Jan D. Walter" → affiliated-with; "Hill's attorney Brian Kammer" → attorney-of Hill;
    "Germany's Integration Commissioner Aydan Özoguz" → commissioner-of Germany."""
    for person, head in _heads(sentence, index):
        if person.entity.type in ("ORG", "PRODUCT"):
            yield from _organization_of_organization(person, head, index)
            continue
        if person.entity.type != "PERSON":
            continue
        roles = sorted(_left_modifiers(head, person.start, index), key=lambda t: t.i)
        for holder in (head, *roles):
            for child in holder.children:
                owner = index.mention(child)
                if child.dep_ != "poss" or owner is None or owner.entity.id == person.entity.id:
                    continue
                if not _owns_the_title(child, person, roles, index):
                    continue  # "Labour's record and party leader Michael Howard"
                subject = (_argument(person, head),)
                obj = (_argument(owner, child),)
                words = [t.lower_ for t in roles if t.i > child.i and t.lower_ not in HONORIFICS]
                if words and owner.entity.type in ORGANIZATION_TYPES | PLACE_TYPES | {"PERSON"}:
                    team = is_team(owner.entity, sentence.doc)
                    predicate = role_predicate(words, team, owner.entity.type)
                    if (
                        relation_of(predicate) in HEADING_RELATIONS
                        and owner.entity.type != "PERSON"
                    ):
                        # "Vodafone's UK chief executive" leads a unit: uk-chief-executive-of
                        predicate = kebab(*_places_between(child, person, index), predicate)
                    yield Candidate(subject, predicate, obj, roles[-1], "title", 0.8)
                elif owner.entity.type in ORGANIZATION_TYPES and _personal_name(person, head):
                    yield Candidate(subject, "affiliated-with", obj, child, "affiliation", 0.75)


def _personal_name(person: Mention, head: Token) -> bool:
    """Whether a name labelled a person reads as one: a first name and more ("Intel's Allen
    Wilson"), a title ("ONGC's Mr Raha") or the subject of a verb of saying ("the BBC's
    Zubair Ahmed says", a first name the list does not know); not "Honda's Asimo" (a
    robot), "the BBC's Westminster Hour" (a programme)."""
    words = person.entity.name.split()
    doc = head.doc
    titled = {t.lower_ for t in doc[max(person.start - 1, 0) : person.end]} & PERSONAL_TITLES
    speaks = head.dep_ == "nsubj" and head.head.lemma_ in SPEECH_VERBS
    return bool(titled) or speaks or (len(words) >= 2 and is_first_name(words[0]))


def _owns_the_title(owner: Token, person: Mention, roles: list[Token], index: MentionIndex) -> bool:
    """Whether a possessive is the title's own: only title words, forms of address, places
    ("Vodafone's UK chief executive") and adverbs ("then") stand between it and the name.
    The parser hangs "Labour's" on "leader" in "an attack on Labour's record and party leader
    Michael Howard"; "record and party" say it is another phrase's owner."""
    own = set(roles)
    for token in owner.doc[owner.i + 1 : person.start]:
        if token in own or token.tag_ == "POS" or token.lower_ in HONORIFICS:
            continue
        if token.dep_ in ("advmod", "punct") and token.text not in (",", "and", "or"):
            continue
        if index.mention(token) is None:
            return False
    return True


def _places_between(owner: Token, person: Mention, index: MentionIndex) -> list[str]:
    """Places named between an owner and a role: "Vodafone's UK chief executive" → ["uk"]
    (the head of a country's unit, not of the company)."""
    found = []
    for token in owner.doc[owner.i + 1 : person.start]:
        mention = index.mention(token)
        if mention is not None and mention.entity.type in UNIT_PLACE_TYPES:
            found += [token.text.lower()] if token.i == mention.start else []
    return found


def _organization_of_organization(
    named: Mention, head: Token, index: MentionIndex
) -> Iterator[Candidate]:
    """ "the EU's European Investment Bank" → part-of; "Nokia's N-Gage phone" → product-of.

    An owner's name is a unit of the owner only when its head noun says so ("Committee",
    "Office of ...", "Labs"): "Microsoft's Xbox", "ITV's King of Fridges" or "the BBC's EastEnders"
    are products and shows, no part of the company. A product noun after the name, or the
    type PRODUCT, makes it the owner's product; anything else gives no triple."""
    if any(c.dep_ in ("compound", "amod") and c.i < named.start for c in head.children):
        return  # "Opel's parent company General Motors": a role, the appositions' case
    predicate = _owned_relation(named, head)
    if predicate is None:
        return
    holders = [head, head.head] if _product_noun_after(named, head) else [head]
    for child in (c for holder in holders for c in holder.children):
        owner = index.mention(child)
        if (
            child.dep_ == "poss"
            and owner
            and owner.entity.type == "ORG"
            and owner.entity.id != named.entity.id
            and (
                predicate == "part-of"
                or len(holders) > 1
                or _named_apart(owner, named, index, head.doc)
            )
        ):
            yield Candidate(
                (_argument(named, head),),
                predicate,
                (_argument(owner, child),),
                child,
                "affiliation",
                0.7,
            )


def _named_apart(owner: Mention, named: Mention, index: MentionIndex, doc: Doc) -> bool:
    """Whether the doc names the owner other than as this possessive: "Ocean's Twelve" and
    "Destiny's Child" are one title each, the "Ocean" or "Destiny" of no other mention."""
    for other in index.within(doc[:]):
        if other.entity.id != owner.entity.id:
            continue
        after = doc[other.end + 1] if other.end + 1 < len(doc) else None
        if after is None or doc[other.end].tag_ != "POS" or index.mention(after) is None:
            return True
        if index.mention(after).entity.id != named.entity.id:
            return True
    return False


def _owned_relation(named: Mention, head: Token) -> str | None:
    """What an owner's named thing is of it: a unit (part-of), a product (product-of), or
    nothing the words say (None)."""
    if named.entity.type == "PRODUCT" or _product_noun_after(named, head):
        return "product-of"
    noun = _name_head(named, head).text  # "Office" of "the FDA's Office of Drug Safety"
    _, ends = type_words()
    if ends.get(noun.capitalize()) == "ORG" or ends.get(noun) == "ORG":
        return "part-of"
    return "part-of" if noun.lower() in UNIT_ENDINGS else None


def _name_head(named: Mention, head: Token) -> Token:
    """The noun a name is of: its last word, or the word before its first "of" or "for"
    ("Office" of "Office of Drug Safety", "Centre" of "Centre for the Study of Children")."""
    doc = head.doc
    for i in range(named.start + 1, named.end - 1):
        if doc[i].lower_ in ("of", "for"):
            return doc[i - 1]
    return doc[named.end - 1]


def _product_noun_after(named: Mention, head: Token) -> bool:
    """Whether a product noun follows the name, which modifies it: "Nokia's N-Gage phone"
    (where the parser hangs the owner on the noun)."""
    nouns, _ = type_words()
    noun = head.head
    return (
        head.dep_ == "compound"
        and noun.i >= named.end
        and nouns.get(noun.lemma_.lower()) == "PRODUCT"
    )


def in_place(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "the Constitutional Court in Karlsruhe" → based-in; "Zermatt in Switzerland" → located-in.

    A place is only put in a country here; "Berlin in Brandenburg" style regions are not read.
    """
    gazetteer = places()
    for named, head in _heads(sentence, index):
        kind = named.entity.type
        if kind not in ORGANIZATION_TYPES | LOCATED_TYPES:
            continue
        for prep in head.children:
            # "OMV of Austria": an organization "of" a country is based there
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of"):
                continue
            for pobj in prep.children:
                place = index.mention(pobj)
                if pobj.dep_ != "pobj" or place is None or place.entity.type not in PLACE_TYPES:
                    continue
                if place.entity.id == named.entity.id or gazetteer.country(named.entity.name):
                    continue
                if not gazetteer.country(place.entity.name) and (
                    kind in PLACE_TYPES or prep.lower_ == "of"
                ):
                    continue  # only countries contain places here; "the mayor of Berlin"
                if (
                    kind == "ORG"
                    and head.dep_ == "pobj"
                    and head.head.lower_ not in OWNING_PREPOSITIONS
                    and gazetteer.country(place.entity.name)
                ):
                    continue  # "the largest deal for Boeing in India": not where Boeing is
                if _modifies_a_noun(place, head.doc) or _team_met_there(named, head):
                    continue  # "Air China in $1bn London listing", "saw off the Scots in Paris"
                predicate = PLACE_PREDICATES.get(kind, "located-in")
                yield Candidate(
                    (_argument(named, head),),
                    predicate,
                    (_argument(place, pobj),),
                    prep,
                    "place",
                    0.75,
                )


def _modifies_a_noun(place: Mention, doc: Doc) -> bool:
    """Whether a place read as the object of "in" modifies the common noun right after it,
    the real object: "Air China in $1bn London listing" (a listing in London, no seat)."""
    after = doc[place.end] if place.end < len(doc) else None
    return (
        after is not None
        and after.pos_ == "NOUN"
        and after.is_lower
        and after.dep_ not in ("npadvmod", "tmod")
    )


def _team_met_there(named: Mention, head: Token) -> bool:
    """Whether a team with an "in" phrase is a verb's object in a sports report: the place
    is where the match was ("Ireland saw off the Scots in Paris"), not the team's seat."""
    return head.dep_ == "dobj" and bool(is_team(named.entity, head.doc))


AFFILIATION_EXTRACTORS = (person_of, parenthetical_party, organization_possessor, in_place)
