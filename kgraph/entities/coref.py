"""Pronouns and descriptions to the entities they name, within one article.

A small rule-based resolver, in the spirit of centering theory: "he", "its", "the
president", "the computer giant", "the social network" go to a compatible entity chosen
by (1) what the article says the entity is ("the TikTok application" makes TikTok an
app), (2) the nearest compatible entity earlier in the same sentence, for anaphors that
are not the sentence's subject, or its latest subject for those that are, (3) the
subject of the previous sentence, (4) a last resort (:func:`_last_resort`) that never
takes a person named far back among others, nor a thing for "its".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kgraph.entities.lexicon import (
    TITLE_GENDER,
    first_name_gender,
    origin_countries,
    person_demonym,
    places,
)
from kgraph.entities.mentions import Mention
from kgraph.entities.types import ORGANIZATION_CUES, type_words
from kgraph.models import EntityRef

_PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_PRONOUN_GENDER = {
    **dict.fromkeys(["he", "him", "his", "himself"], "m"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "f"),
}
_THING_PRONOUNS = {"it", "its", "itself"}
_ORG_TYPES = ("ORG", "PRODUCT", "FAC")
_PLACE_TYPES = ("GPE", "LOC")

#: Description head nouns → (entity types they may name, class for evidence matching).
DESCRIPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [
            "company",
            "firm",
            "group",
            "giant",
            "corporation",
            "conglomerate",
            "maker",
            "business",
            "multinational",
            "retailer",
            "bank",
            "carrier",
            "manufacturer",
            "publisher",
            "broadcaster",
            "insurer",
            "lender",
            "startup",
            "start-up",
        ],
        (("ORG",), "company"),  # a company, firm or group is an organization, never a product
    ),
    **dict.fromkeys(
        ["app", "application", "platform", "network", "service", "site", "website"],
        (_ORG_TYPES, "platform"),
    ),
    **dict.fromkeys(
        [
            "president",
            "minister",
            "secretary",
            "chancellor",
            "leader",
            "premier",
            "governor",
            "senator",
            "mayor",
            "chairman",
            "chairwoman",
            "spokesman",
            "spokeswoman",
            "executive",
            "boss",
            "founder",
            "billionaire",
            "businessman",
            "businesswoman",
            "star",
            "singer",
            "actor",
            "actress",
            "player",
            "coach",
            "manager",
            "striker",
            "director",
        ],
        (("PERSON",), "person"),
    ),
    # a country or city is a political place, never a street or a region ("the country" is
    # not Downing Street)
    **dict.fromkeys(["country", "nation", "state", "city", "capital"], (("GPE",), "place")),
}
#: Evidence nouns that make an entity a member of a description class.
EVIDENCE = {
    "platform": {
        "app",
        "application",
        "platform",
        "network",
        "service",
        "site",
        "website",
        "user",
        "video",
        "influencer",
    },
}


#: Possessive pronouns of people: what they own is not an earlier entity of the article.
OWNER_PRONOUNS = {"his", "her", "my", "your", "our", "their"}

#: Titles that tell people apart: "the president" is not the person titled "Prime Minister".
OFFICE_TITLES = {
    "president",
    "chancellor",
    "minister",
    "premier",
    "secretary",
    "governor",
    "mayor",
    "senator",
    "king",
    "queen",
}


@dataclass
class _Profile:
    """What the article says an entity is: its nationality and titles."""

    nations: set[str]
    titles: set[str]
    ties: set[str]


def _modifier_words(token: Token, stop: int) -> list[Token]:
    """Compound and adjective modifiers before ``stop`` hanging on ``token``, recursively."""
    found = []
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < stop:
            found.append(child)
            found.extend(_modifier_words(child, stop))
    return found


def _profiles(doc: Doc, mentions: list[Mention]) -> dict[str, _Profile]:
    """Nationality and titles of each named entity, from "German Chancellor Angela Merkel",
    "Xi Jinping, the Chinese president", and for places from the gazetteer."""
    gazetteer = places()
    profiles: dict[str, _Profile] = {}
    for mention in mentions:
        profile = profiles.setdefault(mention.entity.id, _Profile(set(), set(), set()))
        if mention.entity.type in _PLACE_TYPES:
            name = mention.entity.name
            country = gazetteer.country(name) or gazetteer.city_country(name)
            if country:
                profile.nations.add(country)
        words: list[Token] = []
        for token in doc[mention.start : mention.end]:
            words.extend(_modifier_words(token, mention.start))
            words.extend(  # "Spain's Carlos Moya"
                c for c in token.children if c.dep_ == "poss" and c.ent_type_ == "GPE"
            )
            if mention.entity.type == "PERSON":
                words.extend(_country_of(token))  # "Carlos Moya of Spain"
            for child in token.children:
                if child.dep_ == "appos" and not child.ent_type_:
                    words.append(child)
                    words.extend(_modifier_words(child, child.i))
            if token.dep_ == "appos" and not token.head.ent_type_:
                words.append(token.head)
                words.extend(_modifier_words(token.head, token.head.i))
        profile.ties |= _tied_names(words)
        for word in words:
            country = _one_country(origin_countries(word.text)) or (
                gazetteer.country(word.text) if word.ent_type_ == "GPE" else None
            )
            if country:
                profile.nations.add(country)
            elif word.lemma_.lower() in OFFICE_TITLES:
                profile.titles.add(word.lemma_.lower())
    return profiles


def _country_of(token: Token) -> list[Token]:
    """The country after a person's name: "Carlos Moya of Spain"."""
    return [
        c
        for of in token.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for c in of.children
        if c.dep_ == "pobj" and c.ent_type_ == "GPE"
    ]


def _one_country(countries: frozenset[str]) -> str | None:
    """The country of a word of origin that names one ("Scottish"; not "Basque")."""
    return next(iter(countries)) if len(countries) == 1 else None


def _agreeing(description: Token, candidates: list[_Seen], profiles: dict[str, _Profile]):
    """The candidates a description may name: a nationality it states must be theirs; a
    title it states must not clash with theirs ("the Libyan leader" is not a British PM)."""
    gazetteer = places()
    nations = {
        gazetteer.demonym(c.text)
        for c in description.children
        if c.dep_ in ("amod", "compound") and gazetteer.demonym(c.text)
    }
    title = description.lemma_.lower()
    modifiers = [c for c in description.children if c.dep_ in ("amod", "nmod")]
    ties = _tied_names(modifiers)
    # an organization's own name agrees ("the Hausa ethnic group" is Hausa), a place's
    # does not ("the UK digital network" is no UK Film Council)
    own_names = {w.text.lower() for w in modifiers if w.ent_type_ == "ORG"}
    kept = []
    for seen in candidates:
        profile = profiles.get(seen.entity.id, _Profile(set(), set(), set()))
        if nations and not nations <= profile.nations:
            continue
        named = set(seen.entity.name.lower().split()) & own_names
        if ties and profile.ties and not ties <= profile.ties | named:
            continue  # "the ex-Labour leader" is not one the article tied to the Lords
        if title in OFFICE_TITLES and profile.titles and title not in profile.titles:
            continue
        kept.append(seen)
    return kept


@dataclass
class _Seen:
    entity: EntityRef
    token: int
    sentence: int
    is_subject: bool
    speaks: bool = False


def description_class(token: Token) -> tuple[tuple[str, ...], str] | None:
    """The (types, class) a definite description may name, or None if it is not one."""
    if _age_description(token):
        return ("PERSON",), "person"
    if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in DESCRIPTIONS:
        return None
    if token.tag_ in ("NNS", "NNPS"):
        return None  # "its leaders", "the companies": more than the one entity
    determined = any(
        (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "poss" and not c.ent_type_)
        for c in token.children
    )
    if not determined:
        return None
    if any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in token.children):
        return None  # "his firm", "her spokesman": someone else's, seldom named before
    if any((c.dep_ == "prep" and c.lower_ == "of") or c.dep_ == "appos" for c in token.children):
        return None  # "the head of X", "the company, ByteDance": relations, not anaphors
    if token.i + 1 < len(token.doc) and token.nbor().ent_type_ == "PERSON":
        return None  # "President Trump": a title, not an anaphor
    if any(_naming_modifier(c) for c in token.children):
        return None  # "the TikTok application", "the ex-Labour leader": named by a modifier
    if any(c.dep_ == "amod" and c.lower_ in JOINT_WORDS for c in token.children):
        return None  # "the combined firm": two companies merged, neither of them alone
    if token.lemma_.lower() in BODY_WORDS and not any(
        c.dep_ in ("amod", "compound") for c in token.children
    ):
        return None  # "work with the executive": the Scottish Executive, no minister
    return _hyphened_person(token) or DESCRIPTIONS[token.lemma_.lower()]


def _age_description(token: Token) -> bool:
    """ "The 14-year-old said she …": a person described by age alone, who is the person
    the article has just named (not "the 14-year-old boy", whose noun says more)."""
    if token.lower_ != "old" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    return any(c.lower_ == "year" and any(n.like_num for n in c.children) for c in token.children)


def _person_just_named(candidates: list[_Seen], sentence: int) -> EntityRef | None:
    """The one person named in the sentence before (or earlier in this one), whom an age
    alone describes: "… in the shape of Emma Watson, who plays Hermione. The 14-year-old
    said"; nobody when several were named there."""
    people = {
        s.entity.id: s.entity
        for s in candidates
        if s.entity.type == "PERSON" and s.sentence in (sentence - 1, sentence)
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _hyphened_person(token: Token) -> tuple[tuple[str, ...], str] | None:
    """A person's description written with a hyphen: "the film-maker" is a person, as the
    type words say of "filmmaker", where "the chip-maker" stays a company."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-":
        return None
    nouns, _ = type_words()
    if nouns.get(doc[token.i - 2].lower_ + token.lemma_.lower()) == "PERSON":
        return ("PERSON",), "person"
    return None


#: Description nouns that, bare, name a governing body, not a person: "the executive" (the
#: Scottish Executive) is a person only as "the chief executive", "the executive producer".
BODY_WORDS = {"executive"}


#: Modifiers that make a description name what several entities became together: "the
#: combined firm", "the merged group".
JOINT_WORDS = {"combined", "merged", "enlarged", "joint", "united"}


def _naming_modifier(child: Token) -> bool:
    """A name compounded with a description: "the TikTok application", "the US executive"."""
    return child.dep_ == "compound" and bool(child.ent_type_)


#: Entity types whose name before a description or a name ties it to them: "the ex-Labour
#: leader", "Former Labour leader Neil Kinnock".
TYING_TYPES = {"ORG", "GPE"}


def _tied_names(words) -> set[str]:
    """The organizations and places named among a mention's modifiers."""
    return {w.text.lower() for w in words if w.ent_type_ in TYING_TYPES}


def _pronoun_types(token: Token) -> tuple[tuple[str, ...], str] | None:
    lower = token.lower_
    if token.pos_ != "PRON":
        return None
    if lower in _PERSON_PRONOUNS:
        return ("PERSON",), "person"
    if lower in _THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
        return _ORG_TYPES + _PLACE_TYPES, "thing"
    return None


def _evidence(doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
    """Description classes each entity belongs to, from compounds like "TikTok users"."""
    classes: dict[str, set[str]] = {}
    for mention in mentions:
        head = doc[mention.end - 1]
        if head.dep_ == "compound":
            noun = head.head.lemma_.lower()
            for cls, nouns in EVIDENCE.items():
                if noun in nouns:
                    classes.setdefault(mention.entity.id, set()).add(cls)
    return classes


def _genders(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """The gender each person's titles ("Mr", "Mrs") and first name give, where they agree."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        first = doc[mention.start]
        before = doc[mention.start - 1] if mention.start else None
        for token in (first, before):
            if token is not None and token.lower_ in TITLE_GENDER:
                found.setdefault(mention.entity.id, set()).add(TITLE_GENDER[token.lower_])
        if mention.entity.type == "PERSON" and (gender := first_name_gender(mention.entity.name)):
            found.setdefault(mention.entity.id, set()).add(gender)
        if mention.entity.type == "PERSON" and (kin := _kin_gender(doc, mention)):
            found.setdefault(mention.entity.id, set()).add(kin)
        if mention.entity.type == "PERSON" and (royal := _royal_gender(mention.entity.name)):
            found.setdefault(mention.entity.id, set()).add(royal)
    return {entity: genders.pop() for entity, genders in found.items() if len(genders) == 1}


#: Royal and noble titles that tell the gender of the person whose name they open: "the
#: Queen", "Prince Harry", "King Abdullah", "Duchess of Cornwall".
ROYAL_GENDER = {
    **dict.fromkeys(["queen", "princess", "duchess", "empress", "countess"], "f"),
    **dict.fromkeys(["king", "prince", "duke", "emperor", "earl", "sheikh"], "m"),
}


def _royal_gender(name: str) -> str | None:
    """The gender a royal or noble title opening a person's name gives ("Queen" is a
    woman, whom "him" in "The Queen's grandson, Prince Harry, … called for him to go" is
    not)."""
    words = name.split()
    return ROYAL_GENDER.get(words[0].lower()) if words else None


#: Kinship nouns that tell the gender of the person they name: "his mother, Patricia".
KIN_GENDER = {
    **dict.fromkeys(["mother", "wife", "daughter", "sister", "widow", "girlfriend"], "f"),
    **dict.fromkeys(["father", "husband", "son", "brother", "widower", "boyfriend"], "m"),
}


def _kin_gender(doc: Doc, mention: Mention) -> str | None:
    """The gender a kinship noun right before a name gives it ("his wife Sharon", "her
    husband, Edward Addison"), the name standing in apposition to the noun."""
    before = mention.start - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    if before < 0 or doc[before].lemma_.lower() not in KIN_GENDER:
        return None
    head = doc[mention.end - 1]
    kin = doc[before]
    if head.head == kin or kin.head == head:  # appos either way, or a compound
        return KIN_GENDER[kin.lemma_.lower()]
    return None


def _is_topic(token: Token) -> bool:
    """A subject, or the possessor of one ("Viotti's last performance ... when he")."""
    return _is_subject(token) or (token.dep_ == "poss" and _is_subject(token.head))


def _is_subject(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass") or (
        token.dep_ == "compound" and token.head.dep_ in ("nsubj", "nsubjpass")
    )


def _choose(
    seen: list[_Seen],
    anaphor: Token,
    sentence: int,
    types: tuple[str, ...],
    cls: str,
    evidence: dict[str, set[str]],
    titled: set[str] = frozenset(),
) -> EntityRef | None:
    candidates = [s for s in seen if s.entity.type in types]
    if not candidates:
        return None
    with_evidence = [s for s in candidates if cls in evidence.get(s.entity.id, ())]
    if with_evidence:
        return with_evidence[-1].entity
    same_sentence = [s for s in candidates if s.sentence == sentence]
    if same_sentence and not _is_subject(anaphor):
        return same_sentence[-1].entity
    speakers = [s for s in same_sentence if s.is_subject]
    if speakers:  # '"Microsoft will ensure …," the company promised'
        return speakers[-1].entity
    earlier_subjects = [s for s in candidates if s.is_subject and s.sentence < sentence]
    if earlier_subjects and earlier_subjects[-1].sentence >= sentence - 1:
        return earlier_subjects[-1].entity
    pronoun = anaphor.lower_ in _PERSON_PRONOUNS
    if pronoun and _latest_subject_unrivalled(candidates, earlier_subjects, anaphor, sentence):
        return earlier_subjects[-1].entity
    return _last_resort(candidates, anaphor, sentence, types, cls, titled)


#: How many sentences back a subject still holds the topic when nothing agreeing came
#: after it: a quotation of a sentence or two sits between '… Staunton arrived …' and
#: '"…," she said'.
TOPIC_REACH = 3


def _latest_subject_unrivalled(
    candidates: list[_Seen], earlier_subjects: list[_Seen], anaphor: Token, sentence: int
) -> bool:
    """Whether the latest earlier subject (a person) is a few sentences back at most, no
    agreeing entity was named after it, and the sentences between have no subject but
    "I", "we", "it" and the like: the sentences between (a quotation) name nobody it could
    be confused with, so it is still the topic. Not a subject quoted, for a pronoun that
    is not."""
    if not earlier_subjects or earlier_subjects[-1].sentence < sentence - TOPIC_REACH:
        return False
    latest = earlier_subjects[-1]
    if any(s.entity.id != latest.entity.id for s in candidates if s.token > latest.token):
        return False
    quoted = _quotation_start(anaphor.doc[latest.token]) is not None
    if quoted and _quotation_start(anaphor) is None:
        return False  # 'Redwood said: "Mr Blair has forgotten …" His party leader': not Blair
    if any(_is_subject(t) and _person_noun(t) for t in anaphor.sent if t.i < anaphor.i):
        return False  # "A previous Labour chancellor resigned after he leaked the Budget"
    between = anaphor.sent
    for _ in range(sentence - latest.sentence - 1):
        between = anaphor.doc[between.start - 1].sent
        if any(_is_subject(t) and t.lower_ not in SPEAKING_PRONOUNS for t in between):
            return False  # 'Pires told the paper: "…': a subject the model did not name
    return True


#: Determiners of a person not met before: "a previous chancellor" (where "the former
#: Labour leader said he" is the leader the article is about).
INDEFINITE = {"a", "an", "another"}

#: Clauses whose subject pronoun may stand for the subject of the clause above.
SUBORDINATE_CLAUSES = {"advcl", "ccomp", "conj", "xcomp"}


def _unnamed_subject_above(pronoun: Token, entity_at: dict[int, EntityRef]) -> bool:
    """Whether "he" or "she" is the subject of a clause under one whose subject, before
    it, is a person the text introduces without a name ("a", "an", "another"): "A previous
    Labour chancellor resigned after he leaked the Budget" (he is that chancellor)."""
    if not _is_subject(pronoun) or pronoun.head.dep_ not in SUBORDINATE_CLAUSES:
        return False
    main = pronoun.head.head
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.i < pronoun.i
        and _person_noun(c)
        and any(d.dep_ == "det" and d.lower_ in INDEFINITE for d in c.children)
        and not any(t.i in entity_at and entity_at[t.i].type == "PERSON" for t in c.subtree)
        for c in main.children
    )


def _person_noun(token: Token) -> bool:
    """A noun that names a person without a name: "a previous chancellor", "the girl"."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in DESCRIPTIONS or lemma in PERSON_GENDER)


#: Subjects of a quotation that leave the topic where it was: "I'm so thrilled".
SPEAKING_PRONOUNS = {"i", "we", "you", "it", "this", "that", "there"}


#: How many sentences back the last speaker still speaks: a quotation of a few sentences
#: ends '…," he said.'
SPEAKER_REACH = 3


def _last_resort(
    candidates: list[_Seen],
    anaphor: Token,
    sentence: int,
    types: tuple[str, ...],
    cls: str,
    titled: set[str],
) -> EntityRef | None:
    """When no subject nearby agrees. "its" (but for a company's part, "its chief
    executive") and "the site" name nobody. A person is the
    one the article gave the description's title ("the chancellor" is Chancellor Gordon
    Brown), the last speaker for one who speaks ('"…," he said' after '"…," said Norbert
    Ore'), the article's most mentioned one when it is named in this sentence or the one
    before or dominates (twice as many mentions as any other), else the most mentioned one
    named that near, else nobody. A company or a country is the most mentioned one.

    Read over the BBC corpus, the most mentioned entity of the whole article was wrong
    for most "its" and platforms ("the fake site" is no charity named before, "its writer"
    no award), and for a person right when named near or dominant, and wrong otherwise
    ("her grandmother Madea" is no Will Smith, named as often as others, paragraphs
    before)."""
    if cls == "platform" or (cls == "thing" and types != ("ORG",)):
        return None  # "its" stays only where it owns a company's part ("its chief executive")
    counts = Counter(s.entity.id for s in candidates)
    ranked = list(reversed(candidates))  # the latest first among equals
    best = max(ranked, key=lambda s: counts[s.entity.id])
    if cls != "person":
        return best.entity
    holders = [s for s in ranked if s.entity.id in titled]
    if holders:
        return max(holders, key=lambda s: counts[s.entity.id]).entity
    if _speaks(anaphor):
        speakers = [s for s in ranked if s.speaks and s.sentence >= sentence - SPEAKER_REACH]
        if speakers:
            return speakers[0].entity
    recent = [s for s in ranked if s.sentence >= sentence - 1]
    if best in recent or _dominates(best.entity.id, counts):
        return best.entity
    return max(recent, key=lambda s: counts[s.entity.id]).entity if recent else None


def _dominates(entity: str, counts: Counter) -> bool:
    """Whether an entity has at least two mentions and twice as many as any other."""
    others = [n for other, n in counts.items() if other != entity]
    return counts[entity] >= 2 and counts[entity] >= 2 * max(others, default=0)


def _speaks(token: Token) -> bool:
    """Whether a name or pronoun is the subject of a verb of saying ("said Norbert Ore")."""
    subject = token.head if token.dep_ == "compound" else token
    verb = subject.head
    return (
        subject.dep_ == "nsubj"
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() in REPORTING_VERBS
    )


#: Verbs that report what their subject says: "Microsoft said it would ...".
REPORTING_VERBS = {"say", "tell", "announce", "confirm", "add", "state", "insist", "claim"}
REPORTING_VERBS |= {"reveal", "report", "warn", "explain", "believe", "expect", "hope", "deny"}
REPORTING_VERBS |= {"assure", "promise", "indicate", "signal", "suggest", "argue", "predict"}
REPORTING_VERBS |= {"think", "fear", "admit", "acknowledge", "stress", "agree", "decide"}


def _role_types(anaphor: Token, types: tuple[str, ...]) -> tuple[str, ...]:
    """The types an anaphor may name, narrowed by the role its noun gives: only an
    organization has "its chief executive", "its shares"."""
    if anaphor.dep_ != "poss" or anaphor.lower_ != "its":
        return types
    noun = anaphor.head
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]  # "director general"
    if any(w.lemma_.lower() in ORGANIZATION_CUES | ORGANIZATION_PARTS for w in words):
        return tuple(t for t in types if t == "ORG")
    return types


#: Nouns whose owner is an organization: "its chief executive", "its key unit".
ORGANIZATION_PARTS = {"executive", "officer", "director", "boss", "head", "unit", "division"}
ORGANIZATION_PARTS |= {"subsidiary", "arm", "brand", "parent", "business", "product", "profit"}


def _reporting_verb(token: Token) -> Token | None:
    """The verb of saying whose clause ``token`` is in, a few heads up."""
    head = token.head
    for _ in range(4):
        if head.lemma_.lower() in REPORTING_VERBS and head.pos_ in ("VERB", "AUX"):
            return head
        if head.head == head:
            return None
        head = head.head
    return None


def _reporter(anaphor: Token, entity_at: dict[int, EntityRef], types) -> EntityRef | None:
    """The named subject of the verb of saying above "it": "Microsoft said it would ..."."""
    verb = _reporting_verb(anaphor)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i != anaphor.i:
            entity = entity_at.get(child.i)
            return entity if entity is not None and entity.type in types else None
    return None


def _reported_subject(anaphor: Token, entity_at: dict[int, EntityRef], types) -> EntityRef | None:
    """For "the company" inside the subject of a verb of saying, the named subject of the
    clause reported: in "Microsoft bought GitHub, the company's chief executive said",
    the company is Microsoft (not GitHub, the nearest organization)."""
    token = anaphor
    for _ in range(4):
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in REPORTING_VERBS:
            break
        if token.dep_ not in ("poss", "compound", "appos", "nmod") or token.head == token:
            return None
        token = token.head
    else:
        return None
    verb = token.head
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    if verb.dep_ in ("ccomp", "parataxis", "advcl") and verb.head != verb:
        clauses.append(verb.head)  # "Microsoft bought GitHub, ... said": the parser's root
    for clause in clauses:
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                entity = entity_at.get(child.i)
                if entity is not None and entity.type in types:
                    return entity
    return None


#: Quotation marks that open or close a direct quotation.
QUOTE_MARKS = {'"', "“", "”", "``", "''"}


def _quoting_speaker(pronoun: Token, entity_at: dict[int, EntityRef]) -> EntityRef | None:
    """The named speaker of the quotation a third-person pronoun stands in, named where the
    quotation closes ('"He had lost three times to Roddick. …," said Arrese')."""
    doc = pronoun.doc
    sentence = pronoun.sent
    if not any(t.text in QUOTE_MARKS and t.i < pronoun.i for t in sentence):
        return None
    for _ in range(4):  # a quotation runs over a few sentences at most
        marks = [t.i for t in sentence if t.text in QUOTE_MARKS and t.i > pronoun.i]
        if marks:
            return _speaker_after(sentence, marks[-1], entity_at)
        if sentence.end >= len(doc):
            return None
        sentence = doc[sentence.end].sent
    return None


def _speaker_before(pronoun: Token, entity_at: dict[int, EntityRef]) -> EntityRef | None:
    """The named speaker who opens the quotation a pronoun stands in ('Spanish captain
    Jordi Arrese said: "Charly played a great game. … He had lost three times to
    Roddick"': he is not Arrese)."""
    start = _quotation_start(pronoun)
    if start is None:
        return None
    verb = pronoun.doc[start].head
    if verb.i > start or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i in entity_at:
            return entity_at[child.i]
    return None


def _same_person(one: EntityRef, other: EntityRef) -> bool:
    """The same entity, or one named by the other's surname ("Arrese", "Jordi Arrese")."""
    return one.id == other.id or one.name.split()[-1] == other.name.split()[-1]


def _speaker_after(sentence, mark: int, entity_at: dict[int, EntityRef]) -> EntityRef | None:
    """The named subject of a verb of saying after the closing quotation mark at ``mark``."""
    for token in sentence:
        if token.i > mark and token.lemma_.lower() in REPORTING_VERBS:
            for child in token.children:
                if child.dep_ == "nsubj" and child.i in entity_at:
                    return entity_at[child.i]
    return None


def _unnamed_speaker(pronoun: Token, entity_at: dict[int, EntityRef]) -> bool:
    """Whether "he" or "she" is the subject of a clause said by someone the article does
    not name: "a fan says she saw Edwards" (she is the fan)."""
    if not _is_subject(pronoun):
        return False
    verb = _reporting_verb(pronoun)
    if verb is None:
        return False
    return any(
        c.dep_ == "nsubj"
        and (c.pos_ == "NOUN" or _age_description(c))  # "the 14-year-old said she"
        and c.i != pronoun.i
        and c.lemma_.lower() not in DESCRIPTIONS  # "the minister said she": a named minister
        and not any(t.i in entity_at for t in c.subtree)  # "his agent Gilmar Rinaldi"
        for c in verb.children
    )


#: Possessive pronouns that read as the subject of their own clause.
POSSESSIVE_PRONOUNS = {"his", "her", "its"}


def _clause_owner(
    pronoun: Token, entity_at: dict[int, EntityRef], types: tuple[str, ...], genders
) -> EntityRef | None:
    """The named subject of the clause a possessive pronoun stands in, when it agrees in
    type and gender: "Britney Spears picked up a Grammy for her song" (her is Spears, not
    the nearest woman named before)."""
    if pronoun.dep_ != "poss" or pronoun.lower_ not in POSSESSIVE_PRONOUNS:
        return None
    token = pronoun.head
    for _ in range(10):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return None  # "his manager said": the pronoun is in the subject itself
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            entity = entity_at.get(subjects[0].i)
            if entity is None or entity.type not in types:
                return None
            gender = _PRONOUN_GENDER.get(pronoun.lower_)
            return entity if genders.get(entity.id, gender) == gender else None
        if token.dep_ in ("relcl", "acl", "appos", "ccomp", "conj") or token.head == token:
            return None
        token = token.head
    return None


#: Prepositions of place whose object pronoun may be the clause's own subject: "put the
#: defeat behind her", "took the trophy home with him".
SELF_PLACES = {"behind": None, "with": {"take", "bring", "carry"}}


def _locative_owner(
    pronoun: Token, entity_at: dict[int, EntityRef], types: tuple[str, ...], genders
) -> EntityRef | None:
    """The named subject of a clause whose object is put or carried "behind" or "with" a
    pronoun, which English writes "her", not "herself": in "Radcliffe put her Olympic
    trauma behind her", her is Radcliffe (not the last other woman named)."""
    if pronoun.lower_ not in ("him", "her") or pronoun.dep_ != "pobj":
        return None
    preposition, verb = pronoun.head, pronoun.head.head
    if preposition.lower_ not in SELF_PLACES or preposition.dep_ != "prep":
        return None
    verbs = SELF_PLACES[preposition.lower_]
    if verb.pos_ != "VERB" or (verbs is not None and verb.lemma_.lower() not in verbs):
        return None
    if not any(c.dep_ == "dobj" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    entity = entity_at.get(subjects[0].i) if subjects else None
    if entity is None or entity.type not in types:
        return None
    gender = _PRONOUN_GENDER[pronoun.lower_]
    return entity if genders.get(entity.id, gender) == gender else None


def _apposed_to(anaphor: Token, entity_at: dict[int, EntityRef]) -> set[str]:
    """Entities a phrase in apposition describes, which a description inside it (not the
    appositive itself: "Menatep, the holding company" is Menatep) cannot name: in "Disney
    and Prince Al-Walid, the firm's two main shareholders", the firm is neither of them.
    Pronouns are left alone: "Gazprom, its unit Gazpromneft" is a list the parser reads as
    an apposition."""
    token = anaphor
    for _ in range(6):
        if token.dep_ == "appos" and token != anaphor:
            head = token.head
            named = [head, *(c for c in head.children if c.dep_ == "conj")]
            if head.dep_ == "conj":
                named.append(head.head)
            return {entity_at[t.i].id for t in named if t.i in entity_at}
        if token.head == token or token.dep_ in ("relcl", "acl", "ccomp", "advcl"):
            return set()
        token = token.head
    return set()


def resolve_coreferences(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions for the pronouns and descriptions of ``doc`` that name a known entity."""
    by_start = {m.start: m for m in mentions}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    evidence = _evidence(doc, mentions)
    genders = _genders(doc, mentions)
    profiles = _profiles(doc, mentions)
    sentence_of = {}
    for number, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = number
    seen: list[_Seen] = []
    found: list[Mention] = []
    surnames = _surnames(mentions)
    entity_at = {i: m.entity for m in mentions for i in range(m.start, m.end)}
    unnamed = _unnamed_people(doc, entity_at)
    for token in doc:
        if token.i in by_start:
            mention = by_start[token.i]
            head = doc[mention.end - 1]
            nation = _demonym_person(doc, mention)
            if nation is not None:  # "the Spaniard": a person of that nation named before
                person = _nation_holder(token, nation, seen, profiles, entity_at)
                if person is not None:
                    entity_at[token.i] = person
                    found.append(Mention(token.i, token.i + 1, person, via="coref"))
                    seen.append(_Seen(person, token.i, sentence_of[token.i], _is_subject(token)))
                continue
            seen.append(
                _Seen(mention.entity, token.i, sentence_of[token.i], _is_topic(head), _speaks(head))
            )
            continue
        if token.i in covered:
            continue
        pronoun = _pronoun_types(token)
        kind = pronoun or description_class(token)
        if kind is None:
            continue
        types = _role_types(token, kind[0])
        if token.lower_ in _PRONOUN_GENDER and _unnamed_speaker(token, entity_at):
            continue  # "a fan says she saw him": she is the fan, named nowhere
        if token.lower_ in _PRONOUN_GENDER and _unnamed_subject_above(token, entity_at):
            continue  # "A previous chancellor resigned after he leaked the Budget"
        owner = (
            _clause_owner(token, entity_at, types, genders)
            or _locative_owner(token, entity_at, types, genders)
            if pronoun
            else None
        )
        if owner is not None:
            entity = owner  # "David Mitchell … beating him with his book": his is Mitchell
        elif token.lower_ in ("it", "itself") and _is_subject(token):
            # "it" stands for a company only as the one who says the clause it is in
            # ("Microsoft said it would buy GitHub"); elsewhere it is too often a film,
            # a match, an event or no entity at all
            entity = _reporter(token, entity_at, types)
        else:
            entity = _reported_subject(token, entity_at, types)
        apposed = set() if pronoun else _apposed_to(token, entity_at)
        if entity is not None and entity.id in apposed:
            entity = None
        if entity is None and not (token.lower_ in ("it", "itself") and _is_subject(token)):
            if pronoun:
                gender = _PRONOUN_GENDER.get(token.lower_) if token.pos_ == "PRON" else None
                candidates = (
                    [s for s in seen if genders.get(s.entity.id, gender) == gender]
                    if gender
                    else seen
                )
                arguments = _co_arguments(token, entity_at)
                candidates = [s for s in candidates if s.entity.id not in arguments]
                speaker = _quoting_speaker(token, entity_at) or _speaker_before(token, entity_at)
                if speaker is not None:  # '"He would have been a good president," said Mr
                    # Clinton': a speaker does not call himself "he"
                    candidates = [s for s in candidates if not _same_person(s.entity, speaker)]
            elif _copula_attribute(token):
                # "the Mallorcan became the youngest player to win": the player is the
                # copula's subject, whatever that names, and nobody else
                subject = _copula_subject(token)
                named = entity_at.get(subject.i) if subject is not None else None
                if named is not None and named.type in types:
                    entity_at[token.i] = named
                    found.append(Mention(token.i, token.i + 1, named, via="coref"))
                continue
            else:
                commanding = _commanding_subjects(token, entity_at)
                title = token.lemma_.lower()  # "the chancellor" still names Chancellor Brown
                candidates = [
                    s
                    for s in _agreeing(token, seen, profiles)
                    if s.entity.id not in commanding or title in _titles(profiles, s.entity)
                ]
            candidates = [s for s in candidates if s.entity.id not in apposed]
            topic = _previous_topic(token, entity_at, types, surnames) if pronoun else None
            if topic is not None:  # "Wardle did stress …. He added:": Wardle, whose
                entity = topic.entity  # name the model missed there; no other one
            elif _age_description(token):
                entity = _person_just_named(candidates, sentence_of[token.i])
            else:
                titled = set() if pronoun else _title_holders(token, candidates, profiles)
                entity = _choose(
                    candidates, token, sentence_of[token.i], types, kind[1], evidence, titled
                )
            quoted = _quotation_start(token) if pronoun and topic is None else None
            if quoted is not None:
                entity = _named_in_quotation(candidates, quoted, types) or entity
            if entity is NOBODY:
                continue
            if (
                pronoun
                and entity is not None
                and _unnamed_since(token, entity, seen, unnamed, genders)
            ):
                continue  # "the film shows a priest with a girl … She goes to him": the girl
        if entity is None:
            continue
        entity_at[token.i] = entity
        found.append(Mention(token.i, token.i + 1, entity, via="coref"))
        seen.append(
            _Seen(entity, token.i, sentence_of[token.i], _is_subject(token), _speaks(token))
        )
    named_at = {i: m.entity for m in mentions for i in range(m.start, m.end)}
    return [m for m in found if not _named_in_its_clause(doc[m.start], m.entity, named_at)]


#: Verbs that say what their subject is: "the Mallorcan became the youngest player".
COPULAS = {"be", "become", "remain"}


def _copula_attribute(description: Token) -> bool:
    """Whether a description is what a copula says its subject is ("X became the youngest
    player to win the Davis Cup"): it names the subject, not an antecedent of its own."""
    head = description.head
    return description.dep_ == "attr" and head.lemma_.lower() in COPULAS


def _copula_subject(description: Token) -> Token | None:
    subjects = [c for c in description.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects else None


#: Endings of demonyms that name a people, never one person: "the French", "the Dutch",
#: "the British" (where "the Spaniard", "the Czech", "the Swiss" may be one player).
PEOPLE_ENDINGS = ("ish", "nch", "tch")


def _demonym_person(doc: Doc, mention: Mention) -> frozenset[str] | None:
    """The countries of a demonym that stands for one person: "the Spaniard", "the
    20-year-old Swede", "the Belgian", a region's "the Mallorcan", "the Scot" as a one-word
    mention (a singular proper noun after a lower-case "the", heading its phrase; a group,
    or a person or place by the model's label when the word is one for a person: "the
    Yorkshireman"); None for anything else ("the Spanish team", "Spaniards", "the French",
    "The Scotsman" the newspaper)."""
    if mention.end - mention.start != 1:
        return None
    token = doc[mention.start]
    if mention.entity.type != "NORP" and not (
        mention.entity.type in ("PERSON", "GPE", "ORG") and person_demonym(token.text)
    ):
        return None
    if token.tag_ != "NNP" or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return None
    if token.lower_.endswith(PEOPLE_ENDINGS):
        return None
    article = [c for c in token.children if c.dep_ == "det" and c.lower_ == "the"]
    if not article or (article[0].text == "The" and article[0].i != token.sent.start):
        return None  # "political editor of The Scotsman": a name
    regional = not places().demonym(token.text)
    if regional and not person_demonym(token.text):
        return None  # "the Scottish": an origin, not a person
    return origin_countries(token.text) or None


def _nation_holder(
    description: Token,
    nations: frozenset[str],
    seen: list[_Seen],
    profiles: dict[str, _Profile],
    entity_at: dict[int, EntityRef],
) -> EntityRef | None:
    """The person a demonym description names. For a subject: the latest person named
    before it in its sentence ("critical of Benitez since the Spaniard took over"; not the
    subject of a clause it is inside, who would be "he"), else
    the subject of the sentence before (or of a relative clause on a name there: "the
    performance of Nadal, who beat Roddick. … the Mallorcan"), else its passive's agent
    ("Novak was eliminated by Calleri. The unseeded Argentine"), else the latest subject up
    to :data:`TOPIC_REACH` sentences back ('Roddick was left frustrated … "…," said the
    American'), each only when no nationality the article gave them clashes; else,
    subject or not, the latest person the article gave that nationality ("Spanish captain
    Jordi Arrese", "Spain's Carlos Moya"). Never one in its own clause ("Safin raised his
    game to sink the Croatian"). A region's demonym may name a person of any of the
    region's countries ("the Basque": Spain or France)."""
    arguments = _clause_people(description, entity_at)
    people = [s for s in seen if s.entity.type == "PERSON" and s.entity.id not in arguments]
    fitting = [s for s in people if _nations(profiles, s.entity) <= nations]
    if _is_subject(description):
        sentence = description.sent
        commanding = _commanding_subjects(description, entity_at)
        in_sentence = [  # not the subject above: "Connors rejected claims that the Scot"
            s for s in fitting if s.token >= sentence.start and s.entity.id not in commanding
        ]
        if in_sentence:
            return in_sentence[-1].entity
        for reach in range(TOPIC_REACH):
            if sentence.start == 0:
                break
            sentence = description.doc[sentence.start - 1].sent
            since = [s for s in fitting if s.token >= sentence.start]
            subjects = [
                s for s in since if s.is_subject or _relative_subject(description.doc[s.token])
            ]
            if subjects:
                return subjects[-1].entity
            agents = [s for s in since if _passive_agent(description.doc[s.token])]
            if agents and reach == 0:
                return agents[-1].entity
    agreeing = [s for s in fitting if nations & _nations(profiles, s.entity)]
    return agreeing[-1].entity if agreeing else None


RELATIVE_PRONOUNS = {"who", "that", "which"}


def _relative_subject(token: Token) -> bool:
    """Whether a name (by its first word) is the subject of a relative clause on it: "the
    performance of Rafael Nadal, who beat Roddick" (Nadal beat Roddick)."""
    head = token.head if token.dep_ in ("compound", "flat") else token
    return any(
        c.dep_ == "relcl"
        and any(r.dep_ == "nsubj" and r.lower_ in RELATIVE_PRONOUNS for r in c.children)
        for c in head.children
    )


def _passive_agent(token: Token) -> bool:
    """Whether a name (by its first word) is in the agent phrase of a passive: "was
    eliminated by Agustin Calleri"."""
    head = token.head if token.dep_ in ("compound", "flat") else token
    return head.dep_ == "pobj" and head.head.dep_ == "agent"


def _nations(profiles: dict[str, _Profile], entity: EntityRef) -> set[str]:
    profile = profiles.get(entity.id)
    return profile.nations if profile else set()


def _clause_people(description: Token, entity_at: dict[int, EntityRef]) -> set[str]:
    """People named among the arguments of the verb a description is an argument of."""
    verb = description.head
    while verb.dep_ in ("prep", "agent") and verb.head != verb:
        verb = verb.head
    return {
        entity_at[t.i].id
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "prep", "agent")
        for t in c.subtree
        if t.i in entity_at and t.i != description.i
    }


#: Nouns of a person of one gender: a plot's "a girl", "a priest". Not kinship nouns,
#: which mostly name someone's relative ("born to a miner father").
PERSON_GENDER = {
    **dict.fromkeys(["girl", "woman", "lady", "actress", "heroine", "nun", "princess"], "f"),
    **dict.fromkeys(["boy", "man", "gentleman", "hero", "priest", "monk", "prince"], "m"),
}


def _unnamed_people(doc: Doc, entity_at: dict[int, EntityRef]) -> list[tuple[int, str]]:
    """Where the text speaks of a person of one gender it does not name ("shows a priest
    with a girl half his age"), with that gender. Not a noun that describes a name ("his
    mother, Patricia", "actress Helen Mirren", "Holmes is the first woman to …") nor one
    someone has ("his wife said she": whose wife is another question)."""
    found = []
    for token in doc:
        gender = PERSON_GENDER.get(token.lemma_.lower())
        if gender is None or token.pos_ != "NOUN" or token.i in entity_at:
            continue
        if token.dep_ in ("attr", "appos", "compound", "oprd") or token.head.i in entity_at:
            continue
        if any(c.dep_ in ("poss", "appos") or c.i in entity_at for c in token.children):
            continue
        found.append((token.i, gender))
    return found


def _unnamed_since(
    pronoun: Token,
    entity: EntityRef,
    seen: list[_Seen],
    unnamed: list[tuple[int, str]],
    genders: dict[str, str],
) -> bool:
    """Whether a person of the pronoun's gender the text does not name was spoken of since
    the entity chosen was last named or referred to, in this sentence or the one before,
    and the entity's own gender is not known: that person is the nearer antecedent, so the
    pronoun names no one known."""
    gender = _PRONOUN_GENDER.get(pronoun.lower_)
    named = [s.token for s in seen if s.entity.id == entity.id and s.token < pronoun.i]
    if gender is None or not named or entity.id in genders:
        return False  # "Mr Mubanga said the man … tried to recruit him": him is Mubanga
    sentence_start = pronoun.sent.start
    previous_start = pronoun.doc[sentence_start - 1].sent.start if sentence_start else 0
    return any(
        max(named) < i < pronoun.i and i >= previous_start and g == gender for i, g in unnamed
    )


#: Pronouns that stand in a verb's object or in its prepositions' objects.
OBJECT_PRONOUNS = {"him", "her", "them"}


def _co_arguments(pronoun: Token, entity_at: dict[int, EntityRef]) -> set[str]:
    """Entities in the subject of the clause whose object the pronoun is, which it cannot
    stand for (it would be "himself"): in "Alicia Keys and actor Jamie Foxx performed a
    tribute to him", him is neither Keys nor Foxx."""
    if pronoun.lower_ not in OBJECT_PRONOUNS or pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return set()
    verb = pronoun.head
    while verb.dep_ == "prep" or (verb.pos_ != "VERB" and verb.dep_ in ("dobj", "pobj")):
        if verb.head == verb:
            return set()
        verb = verb.head  # "performed a tribute to him": up from "to" and "tribute"
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    tokens = [t for s in subjects for t in (s, *s.conjuncts)]
    return {
        entity_at[t.i].id
        for s in tokens
        for t in s.subtree
        if t.i in entity_at and t.i != pronoun.i and (t == s or t.dep_ in ("compound", "flat"))
    }


@dataclass(frozen=True)
class _Topic:
    """What a sentence-opening pronoun stands for, when the sentence before decides it."""

    entity: EntityRef | None


#: The previous sentence's subject is a name the model missed: the pronoun names no one known.
NOBODY = EntityRef.make("(unnamed)", "UNNAMED")


def _surnames(mentions: list[Mention]) -> dict[str, EntityRef]:
    """The people of an article by surname, where only one person has it."""
    people: dict[str, set[EntityRef]] = {}
    for mention in mentions:
        if mention.entity.type == "PERSON" and " " in mention.entity.name:
            people.setdefault(mention.entity.name.split()[-1], set()).add(mention.entity)
    return {name: next(iter(found)) for name, found in people.items() if len(found) == 1}


def _previous_topic(
    pronoun: Token,
    entity_at: dict[int, EntityRef],
    types: tuple[str, ...],
    surnames: dict[str, EntityRef],
) -> _Topic | None:
    """For a pronoun opening its sentence's subject, what the previous sentence's subject
    decides when it is a proper noun the model left unnamed: its person when it is the
    surname of one ("Vickery was injured …. He could be joined" is Phil Vickery), else
    nobody known ("But Age Concern argued …. Its director general said": not England). For
    "its", also a subject named with a type it cannot have ("Scope" as a product)."""
    if not _is_topic(pronoun) or pronoun.i != pronoun.sent.start or pronoun.i == 0:
        return None
    previous = pronoun.doc[pronoun.i - 1].sent
    subjects = [c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    thing = pronoun.lower_ in _THING_PRONOUNS
    for subject in subjects:
        if subject.pos_ != "PROPN":
            continue
        named = [entity_at[t.i] for t in subject.subtree if t.i in entity_at]
        if not named:
            person = surnames.get(subject.text) if "PERSON" in types else None
            return _Topic(person or NOBODY)
        if thing and all(e.type not in types for e in named):
            return _Topic(NOBODY)
    return None


def _title_holders(description: Token, candidates: list[_Seen], profiles) -> set[str]:
    """The candidates the article gave a description's office title ("Chancellor Gordon
    Brown" for "the chancellor")."""
    title = description.lemma_.lower()
    if title not in OFFICE_TITLES:
        return set()
    return {s.entity.id for s in candidates if title in _titles(profiles, s.entity)}


def _titles(profiles: dict[str, _Profile], entity: EntityRef) -> set[str]:
    profile = profiles.get(entity.id)
    return profile.titles if profile else set()


#: Dependencies of a clause set beside another, not inside it.
CLAUSE_JOINS = {"conj", "parataxis"}


def _commanding_subjects(description: Token, entity_at: dict[int, EntityRef]) -> set[str]:
    """Entities in the subject of a clause that a description is inside, which it does not
    name (one would say "he"): in "He changed his mind amid suspicion that the chancellor
    was manoeuvring against him", the chancellor is not he, unless the article gave him
    that title ("Chancellor Gordon Brown"). Only the subject itself: in "Activision chief
    executive Bobby Kotick will leave the company", the company may well be Activision."""
    found: set[str] = set()
    token = description
    for _ in range(12):
        if token.head == token or (token.dep_ in CLAUSE_JOINS and token.pos_ in ("VERB", "AUX")):
            break  # a clause joined by "and", "but" or a comma is not inside the other
        token = token.head
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and description not in child.subtree:
                heads = (child, *child.conjuncts)  # not its modifiers: "Activision chief
                found |= {entity_at[t.i].id for t in heads if t.i in entity_at}  # Kotick"
    return found


def _quotation_start(pronoun: Token) -> int | None:
    """Where the quotation a pronoun stands in opens, in its paragraph, if it stands in
    one. A mark with a word right after it opens ('said: "I'm'); one with a space or the
    end after it closes ('again." Gerrard'). BBC quotations of several paragraphs open each
    one again and close once, so an opening inside a quotation keeps where it began."""
    doc = pronoun.doc
    first = pronoun.i
    while first > 0 and first > pronoun.i - 400 and "\n" not in doc[first - 1].text:
        first -= 1
    start = None
    for token in doc[first : pronoun.i]:
        if token.text not in QUOTE_MARKS:
            continue
        opening = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].is_alpha
        if opening and start is None:
            start = token.i
        elif not opening:
            start = None
    return start


def _named_in_quotation(
    candidates: list[_Seen], start: int, types: tuple[str, ...]
) -> EntityRef | None:
    """The person a quotation last named or referred to: "I've no intention of selling
    Shaun Wright-Phillips. … But we're not putting him on the shelf" (him is
    Wright-Phillips, not the article's subject the speaker spoke of before)."""
    inside = [s for s in candidates if s.token > start and s.entity.type in types]
    return inside[-1].entity if inside else None


def _subject_pronoun(token: Token) -> bool:
    return token.lower_ in ("he", "she") and _is_subject(token)


def _named_in_its_clause(pronoun: Token, entity: EntityRef, named_at: dict[int, EntityRef]) -> bool:
    """Whether the clause of a subject "he" or "she" names its entity by name after it,
    which a pronoun before a name in its own clause never stands for: in "He also praised
    Parker's film" he is not Parker. Such a link is dropped. A clause joined by "and" or
    "but" is another clause ("He joins Norwich, but Stuart is confident": he may be
    Stuart); a description's link is left alone, being no surer than the pronoun's."""
    if not _subject_pronoun(pronoun):
        return False
    verb = pronoun.head
    other_clauses = {
        t.i for c in verb.children if c.dep_ in ("conj", "parataxis") for t in c.subtree
    }
    return any(
        t.i > pronoun.i
        and t.i not in other_clauses
        and (other := named_at.get(t.i)) is not None
        and other.id == entity.id
        for t in verb.subtree
    )
