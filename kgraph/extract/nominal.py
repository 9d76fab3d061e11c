"""Nominal relations: appositions, titles before names, "X is the head of Y", "-based"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kgraph.entities.coref import DESCRIPTIONS
from kgraph.entities.lexicon import is_role_noun
from kgraph.entities.lexicon import places as known_places
from kgraph.entities.lexicon import role as known_role
from kgraph.entities.mentions import Mention
from kgraph.entities.names import name_variants
from kgraph.entities.types import TEAM_ROLES
from kgraph.extract.arguments import Argument, MentionIndex, names_a_noun_after
from kgraph.extract.candidates import Candidate
from kgraph.extract.predicates import kebab, role_predicate
from kgraph.extract.sport import is_team
from kgraph.models import EntityRef
from kgraph.relations import LEADING_RELATIONS, relation_of

#: Modifiers of a role noun that belong in its name ("parent company", "chief executive").
ROLE_MODIFIER_DEPS = {"compound", "amod"}
#: Adjectives that are not part of a role ("Chinese parent company" → "parent company").
_DESCRIPTIVE_POS = {"ADJ"}


#: Adjectives that change a role ("general manager", "assistant coach") or mark it ("former").
KEPT_MODIFIERS = {"chief", "former", "deputy", "vice", "general", "assistant", "associate"}


def _role_words(noun: Token, index: MentionIndex) -> list[str]:
    """The words naming a role: "parent company", "chief executive", "secretary"; a rank
    the parser hung on as a noun modifier stays ("deputy managing director")."""
    words = [
        c.lower_
        for c in noun.lefts
        if (c.dep_ in ROLE_MODIFIER_DEPS or (c.dep_ == "nmod" and c.lower_ in KEPT_MODIFIERS))
        and not index.mention(c)
        and (c.pos_ not in _DESCRIPTIVE_POS or c.lower_ in KEPT_MODIFIERS)
        and c.ent_type_ not in ("NORP", "GPE")
        and not _prefix_of_another_word(c, noun)
    ]
    return [w for w in words if w not in ("former",)] + [
        noun.lower_ if noun.pos_ == "PROPN" else noun.lemma_.lower(),
        *(["in-law"] if in_law(noun) else []),
    ]


def _prefix_of_another_word(modifier: Token, noun: Token) -> bool:
    """Whether a hyphened prefix belongs to the word after its hyphen, not to the role:
    "ex-model wife" is a wife who was a model, no ex-wife (the tokenizer splits "ex", "-",
    "model")."""
    doc = noun.doc
    after = modifier.i + 2
    return (
        modifier.lower_ in ("ex", "former", "co", "vice")
        and after < noun.i
        and doc[modifier.i + 1].text == "-"
        and not doc[modifier.i + 1].whitespace_
    )


def in_law(noun: Token) -> bool:
    """Whether a kinship noun is one by marriage: "son-in-law", which the tokenizer splits
    into "son", "-", "in", "-", "law" (a son-in-law is no son)."""
    following = noun.doc[noun.i + 1 : noun.i + 5]
    return [t.lower_ for t in following] == ["-", "in", "-", "law"]


#: Forms of address between a title and a name: "CEA boss Mr Shapiro".
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame"}
#: Prepositions that tie a role to its organization, in order of preference: "the head of
#: X", "an analyst at X", "a spokesman for X".
ROLE_PREPOSITIONS = ("of", "at", "for")


def _nested_holder(noun: Token, index: MentionIndex) -> list[Argument]:
    """ "professor of ship-building at the University of Rostock": the parser hangs "at"
    on the field, not on the role; the organization there is the role's."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("at", "for"):
            found = [a for p in child.children if p.dep_ == "pobj" for a in index.arguments(p)]
            if found:
                return found
    return []


#: Roles whose "of" phrase names a field of study, not an organization: "professor of
#: International Relations at Karachi University" is the university's professor.
FIELD_ROLES = {"professor", "lecturer"}


def _role_prepositions(noun: Token) -> tuple[str, ...]:
    """The prepositions tying a role to its holder, in order: a field role's "at" comes
    first ("professor of International Relations at Karachi University")."""
    if noun.lemma_.lower() in FIELD_ROLES:
        return ("at", "of", "for")
    return ROLE_PREPOSITIONS


def _field_holder(
    noun: Token, preposition: str, pobj: Token, index: MentionIndex
) -> list[Argument]:
    """The organization "at" (or "for") a field of study named as a role's "of" object,
    however the model typed the field: "professor of Political Science at Yale"."""
    if preposition != "of" or noun.lemma_.lower() not in FIELD_ROLES:
        return []
    return _nested_holder(pobj, index)


def _role_holder_of(noun: Token, index: MentionIndex) -> list[Argument]:
    """The entity a role belongs to: its possessor ("its", "Microsoft's"), its "of" (else
    "at", "for") object, or an organization named before it ("a Left party MP")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return index.arguments(child)
    named_before = _organization_before(noun, index)
    office = _side_or_office(noun)  # "the Labour minister for Wales" is Wales's minister
    for preposition in _role_prepositions(noun):
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == preposition:
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or names_a_noun_after(pobj):
                        continue
                    found = (
                        _field_holder(noun, preposition, pobj, index)
                        or index.arguments(pobj)
                        or _nested_holder(pobj, index)
                    )
                    if named_before and _an_area(preposition, found) and not office:
                        return named_before  # "World Bank director for the West Bank"
                    if found:
                        return found
    return named_before or _company_place(noun, index)


#: Types of the places a company noun's "in" phrase puts it in.
COMPANY_PLACE_TYPES = {"GPE", "LOC"}


def _company_place(noun: Token, index: MentionIndex) -> list[Argument]:
    """The place of a company noun's "in" phrase: "the biggest retailer in the US" is
    based there (the caller makes a company noun of a place ``based-in``)."""
    if not _is_company_noun(noun):
        return []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            found = index.arguments(pobj)
            if found and all(a.entity.type in COMPANY_PLACE_TYPES for a in found):
                return found
    return []


def _organization_before(noun: Token, index: MentionIndex) -> list[Argument]:
    """An organization named before a role ("a Left party MP"); a place too for a side or
    an office ("Ireland coach", "London mayor")."""
    types = {"ORG", "GPE"} if _side_or_office(noun) else {"ORG"}
    if noun.lemma_.lower() in WORK_ROLES:
        types.add("WORK_OF_ART")  # "the EastEnders actor"
    if noun.lemma_.lower() in EVENT_ROLES:
        types.add("EVENT")  # "Cesar organisers, the Academie ...": an event's organiser
    for child in noun.lefts:
        if child.dep_ == "compound" and not index.mention(noun):
            found = [a for a in index.arguments(child) if a.entity.type in types]
            if found:
                return found
    return []


def _an_area(preposition: str, found: list[Argument]) -> bool:
    """Whether a role's "for" phrase names the area it serves, not its holder: "country
    director for the West Bank and Gaza" (of the World Bank)."""
    places = ("GPE", "LOC")
    return (
        preposition == "for"
        and bool(found)
        and all(a.entity.type in places or a.token.ent_type_ in places for a in found)
    )


#: Roles in a work, which a show or a film holds as an organization holds its staff:
#: "EastEnders actor Shane Richie", "Shane Richie, star of EastEnders".
WORK_ROLES = {"actor", "actress", "star", "presenter", "host", "writer", "creator"}
WORK_ROLES |= {"director", "producer", "composer", "narrator"}
#: Roles in an event: "Glastonbury organiser", "Cesar organisers".
EVENT_ROLES = {"organiser", "organizer", "organisers", "organizers"}
#: Types of the entities that hold roles named before a person.
HOLDER_TYPES = {"ORG", "GPE", "FAC"}


def _holder_types(role: Token) -> set[str]:
    """The types that may hold a role: a work too for a role in a work."""
    if role.lemma_.lower() in WORK_ROLES:
        return HOLDER_TYPES | {"WORK_OF_ART"}
    return HOLDER_TYPES


def _party_typed_as_group(mention: Mention) -> bool:
    """A political party the model typed as a group of people (NORP): "Tory" of "Tory
    co-chairman Liam Fox", a variant of the Conservative Party's name."""
    if mention.entity.type != "NORP":
        return False
    canonical = name_variants().get(mention.entity.name.casefold(), mention.entity.name)
    return canonical.endswith(" Party")


#: Offices of a government, which a party before them only says who held them under:
#: "Tory chancellor Ken Clarke", "Tory ex-minister Douglas Hogg" ("shadow" ones are the
#: party's own: "Tory shadow chancellor Oliver Letwin").
GOVERNMENT_OFFICES = {"chancellor", "minister", "secretary", "premier"}


def _office_of_government(role_tokens: list[Token]) -> bool:
    words = [t.lower_ for t in role_tokens]
    return words[-1] in GOVERNMENT_OFFICES and "shadow" not in words


def _side_or_office(noun: Token) -> bool:
    """A role in a side or an office a place holds: "Ireland coach", "London mayor"."""
    lemma = noun.lemma_.lower()
    found = known_role([lemma])
    return lemma in TEAM_ROLES or (found is not None and found.of_country) or lemma == "mayor"


#: Nouns before a name or in apposition that name no role: a pronoun, a title of address,
#: a count or a pair ("Edinburgh pair X", "WorldCom's former number two X").
EMPTY_ROLE_NOUNS = {"he", "she", "it", "they", "him", "her", "himself", "herself", "one"}
EMPTY_ROLE_NOUNS |= {"mr", "mrs", "ms", "miss", "number", "pair", "duo", "trio", "quartet"}
EMPTY_ROLE_NOUNS |= {"couple", "lot", "year", "name", "decision", "hail", "kind", "sort"}
#: Roles held towards a person only: "Wales international colleague X" is no colleague of
#: Wales.
PERSONAL_ROLE_NOUNS = {"colleague", "friend", "counterpart", "team-mate", "teammate"}
#: Roles a place before them does not hold: "Belgium rival Kim Gevaert", "WPP bought US
#: rival Grey Global" (a rival from there; "Ferrari rival McLaren" keeps its rival).
PLACE_FREE_ROLE_NOUNS = {"rival", "rivals"}


def says_nothing(role_word: str, holder_type: str | None) -> bool:
    """Whether a role word makes no relation with a holder of this type."""
    word = role_word.lower()
    return (
        word in EMPTY_ROLE_NOUNS
        or (word in PERSONAL_ROLE_NOUNS and holder_type != "PERSON")
        or (word in PLACE_FREE_ROLE_NOUNS and holder_type in ("GPE", "LOC"))
    )


def _role_relation(
    holders: Iterable[Argument],
    role: Token,
    owners: Iterable[Argument],
    index: MentionIndex,
    pattern: str,
) -> Candidate:
    """``holders`` hold the ``role`` ("chief executive") of ``owners``; a company noun of a
    place says where the company is ("Japan's third-largest bank" → based-in Japan)."""
    owners = tuple(owners)
    if _is_company_noun(role) and all(o.entity.type in ("GPE", "LOC") for o in owners):
        return Candidate(tuple(holders), "based-in", owners, role, pattern, 0.85)
    team = is_team(owners[0].entity, role.doc) if owners else None
    words = _role_words(role, index)
    owner_type = owners[0].entity.type if owners else None
    predicate = _body_secretary(role_predicate(words, team, owner_type), owners)
    if relation_of(predicate) in HEADING_RELATIONS and _one_of_several(role):
        predicate = kebab("a", predicate)  # "a director at the Institute": one of its staff
    if relation_of(predicate) in HEADING_RELATIONS and owners[0].entity.type in UNIT_HOLDERS:
        unit = _unit_words(role, owners, index)
        if unit:  # "head of Barclays in Asia" leads a part: asia-head-of (employee-of)
            predicate = kebab(*unit, predicate)
    return Candidate(tuple(holders), predicate, owners, role, pattern, 0.85)


#: Last words of the names of bodies whose secretary is no minister: "the Welsh Rugby Union".
BODY_WORDS = {"union", "association", "federation", "society", "club", "league", "party"}
BODY_WORDS |= {"council", "committee", "congress", "trust", "foundation", "institute", "group"}


def _body_secretary(predicate: str, owners: Iterable[Argument]) -> str:
    """ "secretary of the Welsh Students Rugby Football Union": an officer of the union, no
    minister (``union-secretary-of``, member-of); "Defence Secretary" stays a minister."""
    if predicate != "secretary-of":
        return predicate
    for owner in owners:
        last = owner.entity.name.split()[-1].lower() if owner.entity.name.split() else ""
        if owner.entity.type == "ORG" and last in BODY_WORDS:
            return kebab(last, predicate)
    return predicate


#: Place words that make a role one of a part ("UK chief executive", "head of EA in Europe").
UNIT_PLACE_TYPES = {"GPE", "LOC"}
#: Relations of those who lead a whole, whose role in a part makes them staff.
HEADING_RELATIONS = LEADING_RELATIONS - {"coach-of"}
#: Holders that have parts a role may lead: organizations and governments ("Britain's Europe
#: Director"), not people ("Agassi's Australian coach").
UNIT_HOLDERS = {"ORG", "GPE"}


def _one_of_several(role: Token) -> bool:
    """ "Paul Saffo, a director at the Institute for the Future": an indefinite article says
    the role is one of several, not the head."""
    children = list(role.children)
    if any(c.lower_ in FORMER_WORDS for c in children):
        return False  # "a former chairman of the UK Film Council" led it
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in children)


#: Words that make "a <role>" one who held the role: "a former chief executive".
FORMER_WORDS = {"former", "ex", "past", "previous", "one-time", "onetime"}


def _unit_words(role: Token, owners: Iterable[Argument], index: MentionIndex) -> list[str]:
    """Words saying that a leading role is held in a part of its holder, not the whole: a
    place before the role ("the bank's UK chief executive") or after the holder ("head of
    EA in Europe"), or a field or unit the role is "of" ("the BBC's head of development",
    "president of the networks division at Siemens")."""
    owned = {o.entity.id for o in owners}
    words = [
        c.text.lower()
        for c in role.lefts
        if c.dep_ in ROLE_MODIFIER_DEPS
        and (m := index.mention(c)) is not None
        and m.entity.type in UNIT_PLACE_TYPES
        and m.entity.id not in owned
    ]
    places = words + _place_after(role, index)  # "head of Barclays in Asia"
    fields = []
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            found = index.arguments(pobj)
            if not found and pobj.pos_ == "NOUN" and pobj.lemma_.lower() not in WHOLE_NOUNS:
                fields.append(pobj.lemma_.lower())  # "head of development at the BBC"
            for owner in found:  # "head of EA in Europe"
                places += _place_after(owner.token, index)
    return places or fields


#: Nouns a leading role is "of" that are its holder as a whole: "chairman of the board".
WHOLE_NOUNS = {"board", "company", "firm", "group", "club", "team", "party", "state", "bank"}
WHOLE_NOUNS |= {"organisation", "organization", "corporation", "government", "union", "side"}
WHOLE_NOUNS |= {"season", "year", "month", "week", "day", "time", "decade", "century", "era"}


def _place_after(token: Token, index: MentionIndex) -> list[str]:
    """A place an organization's name is put in: "EA in Europe" → ["europe"]."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            mention = index.mention(pobj)
            if mention is not None and mention.entity.type in UNIT_PLACE_TYPES:
                return [pobj.text.lower()]
    return []


def _is_company_noun(noun: Token) -> bool:
    """ "firm", "bank", "carmaker": a noun that says its holder is a company."""
    found = DESCRIPTIONS.get(noun.lemma_.lower())
    return found is not None and found[1] == "company"


#: Clauses of a noun that an apposition after them does not reach back over.
CLAUSE_DEPS = {"acl", "advcl", "relcl"}
#: Dependencies of a clause's subject.
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}


def _misread_apposition(appositive: Token) -> bool:
    """Whether the parser hung a name on a noun it does not describe.

    Past a clause of the noun the name belongs to a noun in the clause ("a Home Office
    move to cut claims by stopping people, mostly Roma": Roma are the people); a name
    after a comma closing a fronted phrase of a verb with no subject is that verb's
    subject ("In an article for the Times newspaper, Ms Dunwoody ... says").
    """
    noun = appositive.head
    if any(c.dep_ in CLAUSE_DEPS and noun.i < c.i < appositive.i for c in noun.children):
        return True
    if appositive.left_edge.i == 0 or appositive.doc[appositive.left_edge.i - 1].text != ",":
        return False  # "Since her debut feature Salaam Bombay!": the feature is the film
    verb = noun
    while verb.dep_ in ("pobj", "prep") and verb.head != verb:
        verb = verb.head  # "In an article for the Times newspaper": up to "says"
    return (
        verb != noun
        and verb.pos_ in ("VERB", "AUX")
        and appositive.i < verb.i
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    )


#: Nouns that name a person and nothing they are to anyone: "Russia's richest man".
PLAIN_PERSON_NOUNS = {"man", "woman", "person"}


def _a_ranking(role: Token) -> bool:
    """ "once Russia's richest man": a superlative of a noun that names nobody's role ranks
    its holder among the place's people. A role or a thing keeps its owner: "Radcliffe's
    best friend", "India's biggest carmaker", "Mike Leigh's latest film"."""
    return role.lemma_.lower() in PLAIN_PERSON_NOUNS and any(c.tag_ == "JJS" for c in role.children)


#: Entity types of places, which no person's name stands in apposition to.
PLACE_TYPES = {"GPE", "LOC"}


def _apposition_head(appositive: Token, index: MentionIndex) -> Token:
    """The noun an appositive names. After a role's phrase the parser can hang a person's
    name on the place that ends the phrase: in "Spain's director general for Europe, Jose
    Maria Pons" the name is the director's, not Europe's."""
    head = appositive.head
    if head.dep_ != "pobj" or head.head.dep_ != "prep" or head.head.head.i >= head.i:
        return head
    role = head.head.head
    named, place = index.mention(appositive), index.mention(head)
    if (
        named is not None
        and place is not None
        and named.entity.type == "PERSON"
        and place.entity.type in PLACE_TYPES
        and is_role_noun(role.lemma_.lower())
    ):
        return role
    return head


def appositions(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "its parent company, ByteDance" → ByteDance parent-of TikTok (both orders)."""
    for token in sentence:
        if token.dep_ != "appos" or _misread_apposition(token):
            continue
        head = _apposition_head(token, index)
        for named, word in ((token, head), (head, token)):
            role = _one_of_companies(word)
            mention = index.mention(named)
            if not mention or _names_another(role, mention, index) or _a_ranking(role):
                continue
            if role is not word and mention.entity.type != "ORG":
                continue  # "Mizuho, one of Japan's banks" typed a place: no seat for it
            if named is token and _own_role_between(role, named, index):
                continue  # "X's head writer Tony Jordan and music mogul Simon Fuller"
            owners = [
                o
                for o in _role_holder_of(role, index)
                if not says_nothing(role.lemma_, o.entity.type)
            ]
            if owners:
                subject = (Argument(mention.entity, named, 1.0 if mention.via == "name" else 0.8),)
                yield _role_relation(subject, role, owners, index, "apposition")


def _own_role_between(role: Token, named: Token, index: MentionIndex) -> bool:
    """Whether, between ``role`` and ``named``, another name is followed by an unnamed noun
    in apposition or coordination, which describes ``named`` instead: in "EastEnders' head
    writer Tony Jordan and music mogul Simon Fuller" Fuller is the mogul, not the head
    writer ("chairman and chief executive, John Smith" names no one between)."""
    doc = role.doc
    named_before = None
    for token in doc[role.i + 1 : named.i]:
        if index.mention(token) is not None:
            named_before = token
        elif (
            named_before is not None
            and token.pos_ == "NOUN"
            and token.dep_ in ("appos", "conj")
            and token.head.i in (role.i, named_before.i)
        ):
            return True
    return False


def _one_of_companies(role: Token) -> Token:
    """ "Glenmorangie, one of Scotland's premier whisky firms": the company noun "one" is
    one of, which says where the company is; any other word is itself."""
    if role.lower_ != "one":
        return role
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            if _is_company_noun(pobj):
                return pobj
    return role


def _names_another(role: Token, named: Mention, index: MentionIndex) -> bool:
    """Whether a role noun in apposition is a mention of its own: a name, or a description
    coreference gave to another entity. A company noun given to the named entity itself
    ("Circuit City, the biggest retailer in the US": "retailer" stands for Circuit City)
    is the apposition's noun. (Other roles stay refused: whose "founder" or "boss" a
    possessive makes them is coreference's guess, wrong in 3 of 6 on the BBC corpus.)"""
    own = index.mention(role)
    if own is None:
        return False
    return not (own.via == "coref" and own.entity.id == named.entity.id and _is_company_noun(role))


def titles(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "US Treasury Secretary Steven Mnuchin" → Steven Mnuchin secretary-of US Treasury."""
    for token in sentence:
        mention = index.mention(token)
        if not mention or token.i != mention.start or not _titled_type(mention.entity.type, token):
            continue
        if mention.via == "coref" and (token.pos_ != "NOUN" or token.tag_ == "NNS"):
            continue  # "its leaders", "he": only a description names a role ("the boss")
        role_tokens: list[Token] = [token] if mention.via == "coref" else []
        role_head: Token | None = token if role_tokens else None
        cursor = token.i - 1
        while cursor >= sentence.start:
            word = sentence.doc[cursor]
            office = _office_with_of(word, sentence)
            if office:  # "US Secretary of State John Kerry": "State" is no holder
                role_tokens = office + role_tokens
                role_head = role_head or office[0]
                cursor = office[0].i - 1
                continue
            if index.mention(word):
                break
            hyphen = word.text == "-" and not word.whitespace_  # "co-leader"
            if word.dep_ not in ("compound", "amod") or (
                word.pos_ not in ("NOUN", "PROPN", "ADJ") and not hyphen
            ):
                break
            if word.lower_ not in HONORIFICS:  # "CEA boss Mr Shapiro"
                role_tokens.insert(0, word)
                role_head = role_head or word
            cursor -= 1
        if not role_tokens or role_head is None or cursor < sentence.start:
            continue
        org = index.mention(sentence.doc[cursor])
        if org is None or not (
            org.entity.type in _holder_types(role_head) or _party_typed_as_group(org)
        ):
            continue
        if org.entity.type == "GPE" and _after_possessive(sentence.doc, org.start):
            continue  # "Vodafone's UK chief executive" heads a unit of Vodafone, not the UK
        if _party_typed_as_group(org) and _office_of_government(role_tokens):
            continue  # "Tory chancellor Ken Clarke": a Tory government's chancellor
        person = (Argument(mention.entity, token, 1.0),)
        owner = (Argument(org.entity, sentence.doc[cursor], 1.0),)
        if says_nothing(role_head.lemma_, org.entity.type):
            continue  # "Edinburgh pair Alasdair Strokosch"
        # a team's boss is its manager; "Birmingham manager Steve Bruce" stays one outside a
        # report full of sport (a company's manager is named in apposition: "X, a manager at")
        team = is_team(org.entity, sentence.doc) or None
        words = [t.lower_ for t in role_tokens]
        predicate = _body_secretary(role_predicate(words, team, org.entity.type), owner)
        yield Candidate(person, predicate, owner, role_head, "title", 0.85)


#: Titles won, not held of anyone: a country's champion is one of its nationals.
WON_TITLES = {"champion", "titleholder", "medallist", "medalist", "winner", "record-holder"}


def national_title(predicate: str, person: EntityRef, owner: EntityRef) -> bool:
    """Whether a role predicate names a title won after a country's name, which says the
    person is the country's, not what they hold of it: "Britain's defending champion Denise
    Lewis" (no `defending-champion-of` the UK), "Britain's former European 100m champion"."""
    words = predicate.split("-")
    return (
        len(words) >= 2
        and words[-1] == "of"
        and words[-2] in WON_TITLES
        and person.type == "PERSON"
        and known_places().country(owner.name) is not None
    )


def _office_with_of(word: Token, sentence: Span) -> list[Token]:
    """The words of a known office whose name holds "of" ("Secretary of State", "Head of
    State") when ``word`` is its last word, met walking back from the name after it."""
    prep = word.head
    if word.dep_ != "pobj" or prep.lower_ != "of" or prep.i != word.i - 1:
        return []
    office = prep.head
    if office.i != prep.i - 1 or office.i < sentence.start or office.dep_ == "prep":
        return []
    words = sentence.doc[office.i : word.i + 1]
    return list(words) if known_role([t.lower_ for t in words]) else []


def _titled_type(type_: str, token: Token) -> bool:
    """Whether a name of this type takes the title before it: a person's, or a company's
    rival ("Ferrari rival McLaren", McLaren an organization)."""
    if type_ == "PERSON":
        return True
    return type_ == "ORG" and token.i > 0 and token.doc[token.i - 1].lower_ in ("rival",)


def _after_possessive(doc: Doc, start: int) -> bool:
    """Whether a possessive ("Vodafone's") stands right before the token at ``start``."""
    return start > 0 and doc[start - 1].tag_ == "POS"


def copular_roles(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "Nadella is the chief executive of Microsoft" → chief-executive-of.

    Only a role noun makes a relation ("a good option for X", "his decision" do not), and
    only a subject that names its entity or stands for it by agreement ("he", "the firm"),
    not an "it" that merely opens the clause ("It was a debut nomination for Staunton").
    """
    for verb in sentence:
        if verb.lemma_ != "be":
            continue
        subjects = [
            a
            for s in verb.children
            if s.dep_ == "nsubj" and s.lower_ != "it"
            for a in index.arguments(s)
        ]
        attrs = (c for c in verb.children if c.dep_ == "attr" and not index.mention(c))
        for attr in (a for a in attrs if is_role_noun(a.lemma_) or _is_company_noun(a)):
            owners = _role_holder_of(attr, index)
            if subjects and owners:
                yield _role_relation(subjects, attr, owners, index, "copula")


def based_in(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "the Seattle-based company" → (the company's entity) based-in Seattle."""
    for token in sentence:
        if token.lower_ != "based" or token.dep_ not in ("amod", "acl", "compound"):
            continue
        places = [
            a
            for c in token.children
            if c.dep_ in ("npadvmod", "compound", "nmod", "advmod")
            for a in index.arguments(c)
        ]
        if not places and token.i >= 2 and token.nbor(-1).text == "-":
            places = index.arguments(token.nbor(-2))
        described = token.head
        while not index.arguments(described) and described.dep_ in ("compound", "amod"):
            described = described.head  # "London-based investment group Cevian Capital"
        companies = [
            c for c in index.arguments(described) if c.token == described or _bare(c.token, index)
        ]
        places = [_country_of_demonym(p, index) for p in places]
        if places and companies:
            yield Candidate(tuple(companies), "based-in", tuple(places), token, "based", 0.9)


def _country_of_demonym(place: Argument, index: MentionIndex) -> Argument:
    """ "Swiss-based": a demonym before "-based" stands for its country (Switzerland)."""
    if place.entity.type != "NORP":
        return place
    country = known_places().demonym(place.entity.name)
    if country is None:
        return place
    return Argument(index.entity_named(country), place.token, place.weight)


def _bare(conjunct: Token, index: MentionIndex) -> bool:
    """Whether a conjunct has no modifier of its own, so that one before the first conjunct
    is its too: in "the US-based ChevronTexaco, and miner Barrick Gold" "US-based" is
    ChevronTexaco's only ("miner" and no article of its own)."""
    own = index.mention(conjunct)
    return not any(
        c.dep_ in ("det", "amod", "compound", "nmod", "poss")
        and (own is None or not own.start <= c.i < own.end)
        for c in conjunct.lefts
    )


NOMINAL_EXTRACTORS = (appositions, titles, copular_roles, based_in)
