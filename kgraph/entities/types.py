"""An entity's type from all its evidence: the model's labels, and what the article says.

The small model's label is one vote per mention and often wrong ("Twitter", "Sega" as
PERSON, "Gazprom" as GPE, a soap called "Brookside" as ORG). What the text says about a name
outweighs it (:func:`type_evidence`):

* a title only a person takes: "Mr Ebbers";
* a noun that describes the name, before it, in apposition or after a copula: "software
  firm Sonaptic", "Sonaptic, the firm", "Sonaptic is a firm", "soap Brookside" (words in
  ``kgraph/data/type_words.tsv``);
* the role it plays: "Twitter's chairman", "Sega shares" (only an organization has them);
  "Newcastle manager Graeme Souness" (a team); bought or taken over when it has no full
  name (a company, not a player);
* the last word of its name: "Dana Centre", "Sunderland FC".

Each piece of evidence is a weighted vote; the model's labels together weigh less than one
vote, so they decide only between types the text does not tell apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from kgraph.entities.lexicon import (
    PERSON_DEMONYMS,
    first_name_gender,
    geo_places,
    is_first_name,
    is_role_noun,
    places,
)
from kgraph.entities.names import KNOWN_ALIASES, clean_name
from kgraph.nlp.per_doc import entities

DATA = Path(__file__).resolve().parents[1] / "data"

#: Titles only a person takes: "Mr Ebbers" is a PERSON whatever label the model gave.
PERSONAL_TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."}
PERSONAL_TITLES |= {"rev", "rev.", "revd", "rt"}  # "the Rt Rev Richard Harries", a bishop
#: Nouns only an organization has: "Twitter's chairman", "Activision chief executive".
ORGANIZATION_CUES = {"chairman", "chairwoman", "executive", "ceo", "board", "shares", "share"}
ORGANIZATION_CUES |= {"stock", "shareholder", "headquarters", "employee", "staff", "subsidiary"}
ORGANIZATION_CUES |= {"takeover", "acquisition", "user", "app", "platform", "founder"}
#: Roles in a team: "Newcastle manager Graeme Souness" makes Newcastle a team.
TEAM_ROLES = {"manager", "coach", "boss", "striker", "midfielder", "defender", "captain"}
TEAM_ROLES |= {"keeper", "goalkeeper", "winger", "forward", "skipper", "player", "full-back"}
TEAM_ROLES |= {"fly-half", "scrum-half", "centre", "flanker", "prop", "lock", "hooker", "wing"}
#: Of the nouns only an organization has, those a city's name may take as a club's:
#: "Sunderland's leading shareholder", "Newcastle chairman Freddy Shepherd" (not "its Paris
#: headquarters", "London users", "Tokyo shares" or "Beirut's stock index").
CLUB_CUES = {"chairman", "chairwoman", "shareholder", "takeover", "acquisition"}
#: Roles in a film or show: "former Friends actress Lisa Kudrow" makes Friends a work.
WORK_ROLES = {"actor", "actress", "co-star", "scriptwriter", "screenwriter"}
#: Nouns whose "in" or "of" object is a company: "a stake in Manchester United".
HOLDINGS = {"stake", "share", "holding", "shareholding", "takeover", "acquisition", "bid"}
HOLDINGS |= {"subsidiary", "unit", "division", "shareholder", "chairman", "ceo"}
HOLDINGS |= {"sale", "purchase", "auction", "buyer", "seller", "merger", "sell-off"}
#: Verbs whose object is a company when its name has no first name: "bought Twitter".
ACQUISITION_VERBS = {"buy", "acquire", "purchase", "sell"}

#: Kin, who are people in the plural too: "his two sons, Avi and Joel" (not a team, as
#: "Premiership leaders Chelsea" is).
KIN = {"son", "daughter", "brother", "sister", "parent", "child", "grandson", "granddaughter"}
KIN |= {"nephew", "niece", "cousin", "twin", "stepson", "stepdaughter", "sibling"}

#: Weights of the kinds of evidence (the model's labels weigh less than 1 together).
STRONG, MEDIUM, WEAK = 3.0, 2.0, 1.0


@lru_cache(maxsize=1)
def type_words() -> tuple[dict[str, str], dict[str, str]]:
    """(describing noun → type, last word of a name → type) of ``type_words.tsv``."""
    nouns: dict[str, str] = {}
    ends: dict[str, str] = {}
    for line in (DATA / "type_words.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, type_, where = line.split("\t")[:3]
        (nouns if where.strip() == "noun" else ends)[word.strip()] = type_.strip()
    return nouns, ends


def _described_by(token: Token) -> str | None:
    nouns, _ = type_words()
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-":  # "film-maker" is no "maker"
        joined = nouns.get(doc[token.i - 2].lower_ + token.lemma_.lower())
        if joined is not None:
            return joined
    return nouns.get(token.lemma_.lower())


def type_evidence(span: Span) -> Counter[str]:
    """Weighted type votes from the words around one mention (see the module docstring)."""
    votes: Counter[str] = Counter()
    doc = span.doc
    root = span.root
    before = doc[span.start - 1] if span.start else None
    first = span[1] if len(span) > 1 and span[0].lower_ == "the" else span[0]
    if _business_possessive(span):
        # "Dr Reddy's fell 93%", "shoppers at Sainsbury's": above a title's vote, which the
        # same name gets where it owns something ("India's Dr Reddy", headlines)
        votes["ORG"] += STRONG + WEAK
    elif (
        first.lower_ in PERSONAL_TITLES or (before is not None and before.lower_ in PERSONAL_TITLES)
    ) and not _possessive_after_title(span):
        votes["PERSON"] += STRONG
    for described in _describing_nouns(span, root):
        if (found := _described_by(described)) is not None:
            if (
                found == "PERSON"
                and described.tag_ == "NNS"
                and len(span) == 1
                and described.lemma_.lower() not in KIN
            ):
                found = "ORG"  # "Premiership leaders Chelsea", "holders Liverpool": a team
            votes[found] += MEDIUM
    role = _role_hung_on_person(span)
    head = role or root.head
    if (root.dep_ in ("compound", "poss", "nmod") or role is not None) and _noun_next(span, head):
        noun = head.lemma_.lower()
        if (
            noun in ORGANIZATION_CUES
            and head.ent_type_ != "PERSON"
            and _organization_cue(noun, span)
        ):
            votes["ORG"] += (
                MEDIUM  # "Twitter's chairman", "Sunderland's shareholder", not "US users"
            )
        elif noun in TEAM_ROLES and _names_person_after(head) and not _country(span):
            votes["ORG"] += MEDIUM  # "Newcastle manager Graeme Souness": a team
        elif noun in WORK_ROLES and _names_person_after(head) and not _place(span):
            votes["WORK_OF_ART"] += MEDIUM  # "Grange Hill actress Amma Asante": a show
        elif _owned_product(head, span):
            votes["PRODUCT"] += MEDIUM  # "its GameBoy console": the console, not its maker
    if _person_after_demonym(span):
        votes["PERSON"] += MEDIUM  # "unseeded Russian Nadia Petrova", labelled ORG
    if _played_in(span):
        votes["WORK_OF_ART"] += MEDIUM  # "she appeared in Carry On Again Doctor"
    if _plural_subject(span):
        votes["ORG"] += MEDIUM  # "BAA are also owners of the airports", "Chelsea face a trip"
    if _employer_of_role(span):
        votes["ORG"] += MEDIUM  # "chief economist at Gerrard", "vice president at Ask Jeeves"
    if _age_after(span):
        votes["PERSON"] += MEDIUM  # "Bratman, 26, proposed to Aguilera"
    if _place_named_as_person(span):
        votes["GPE"] += WEAK  # "he visits Manchester ..." (the model said PERSON)
    elif _visited_place(span):
        votes["GPE"] += MEDIUM  # "will visit Auschwitz", "were killed at Auschwitz"
    elif span.label_ in ("PERSON", "ORG") and _in_list_of_places(span):
        votes["GPE"] += WEAK  # "he visits Manchester, Leicester, Dorset and Torbay"
    if any(c.lower_ == "based" and c.dep_ in ("amod", "compound") for c in root.lefts):
        votes["ORG"] += MEDIUM  # "Canada-based Barrick Gold"
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "shares in Elan and Biogen Idec"
    holding = first.head.head if first.dep_ == "pobj" else None
    if holding is not None and _is_holding(holding) and not _country(span):
        votes["ORG"] += MEDIUM  # "a stake in Manchester United", "the takeover of Sina"
    if root.dep_ in ("dobj", "pobj") and len(span) == 1:
        verb = head if root.dep_ == "dobj" else None
        if (
            verb is not None
            and verb.lemma_.lower() in ACQUISITION_VERBS
            and not _surname_of_full_name(span)  # "sell Savage": Robbie Savage, a player
        ):
            votes["ORG"] += WEAK
    if _relative_which(span):
        votes["ORG"] += WEAK  # "Baikal - which bought the unit", labelled a person
    if _relative_who(span):
        votes["ORG"] += WEAK  # "spells at Barcelona, who he took to a title": a team
    if _in_list_of_organizations(span):
        votes["ORG"] += WEAK  # "Real Madrid, Barcelona and Valencia", labelled a place
    if _dated_plural(span):
        votes["EVENT"] += MEDIUM  # "this year's Grammys": a ceremony, labelled a place
    if _owner_of_its(span):
        votes["ORG"] += MEDIUM  # "Nintendo first launched its GameBoy console"
    if _created_work(span):
        votes["WORK_OF_ART"] += MEDIUM  # "creator of The Simpsons", "The Office creator"
    if _organised_event(span):
        votes["EVENT"] += MEDIUM  # "Glastonbury organiser Emily Eavis", "Cesar organisers"
    if _venue_after_the(span):
        votes["FAC"] += MEDIUM  # "moved to the Bernabeu", labelled a person
    if _side_before_score(span):
        votes["ORG"] += MEDIUM  # "Gloucester beat Bath 17-16", labelled a law
    if _starring(span) or _best_for(span):
        votes["WORK_OF_ART"] += MEDIUM  # "X stars Kimberly Elise", "best album for Confessions"
    if _noble_title(span):
        votes["PERSON"] += STRONG  # "the King of Belgium", labelled ORG
    if _unknown_place_of_person(span):
        votes["ORG"] += WEAK  # "Bafta's Grant Dean" (no place the gazetteer knows)
    if _starred(span) or _of_a_country(span):
        votes["PERSON"] += MEDIUM  # "the film stars Kimberly Elise", "Ethiopia's Tirunesh Dibaba"
    if _counted_people(span):
        votes["NORP"] += MEDIUM  # "a company of 120 Gurkhas", "twenty-two Maori"
    if _place_of_a_description(span):
        votes["GPE"] += MEDIUM  # "the Glasgow club", labelled a person
    opponent = _opponent_type(span)
    if opponent is not None:
        votes[opponent] += MEDIUM  # "Chelsea take on Barcelona": a club like Chelsea
    if _played_for(span):
        votes["ORG"] += MEDIUM  # "made 110 appearances for Chelsea", "fly-half for Llanelli"
    if _city_in_a_match(span):
        votes["ORG"] += MEDIUM  # "came on against Newcastle", "the Barcelona game"
    if _player_after_position(span):
        votes["PERSON"] += MEDIUM  # "France full-back Pepito Elhorga", labelled a place
    if _team_of_country(span):
        votes["ORG"] += MEDIUM  # "will represent Team GB", labelled a person
    if _owner_of_their(span):
        votes["ORG"] += MEDIUM  # "Hearts wrapped up their Scottish Cup tie"
    if _constituency(span):
        votes["GPE"] += MEDIUM  # "the member for Loch Ness West", "Derby North's Bob Laxton"
    if _show_named_after_person(span):
        votes["WORK_OF_ART"] += MEDIUM  # "The Catherine Tate Show", labelled a person
    if _programme_of_channel(span):
        votes["WORK_OF_ART"] += MEDIUM  # "over Jonathan Creek (BBC One) and Shameless"
    if _plural_group_name(span):
        votes["ORG"] += MEDIUM  # "the Lib Dems", "the Ospreys", labelled a person
    if _held_as_event(span):
        votes["EVENT"] += MEDIUM  # "the Glastonbury festival", "the Reading and Leeds festivals"
    if _said_in_a_statement(span):
        votes["ORG"] += WEAK  # "Biogen Idec said in a statement"
    if _full_name_among_people(span):
        votes["PERSON"] += WEAK  # "Rougerie and Jean-Philippe Grandclaude", labelled ORG
    _, ends = type_words()
    last = span[-1].text
    if len(span) == 1 and last in ends and _after_the(span):
        votes[ends[last]] += MEDIUM  # "the Bill" (a law), which the model calls a person
    elif _region_of_compass(span):
        pass  # "the West Bank": a region, not a bank
    elif len(span) > 1 and last in ends and not (len(span) == 2 and span[0].text == "The"):
        votes[ends[last]] += WEAK  # not a one-word title: "The Office" (a sitcom)
    elif _full_personal_name(span):
        votes["PERSON"] += WEAK  # "Russia's Elena Dementieva", labelled a building
    return votes


def _relative_which(span: Span) -> bool:
    """Whether a name labelled a person is what a "which" clause right after it is about:
    "Baikal - which bought the unit - has links" (a person takes "who")."""
    doc = span.doc
    if span.label_ != "PERSON" or _has_first_name(span):
        return False
    after = span.end
    while after < len(doc) and doc[after].text in (",", "-", "--"):
        after += 1
    return after > span.end and after < len(doc) and doc[after].lower_ == "which"


def _business_possessive(span: Span) -> bool:
    """Whether a name ends in a possessive that owns nothing, a verb or a stop after it: a
    business named after its founder ("Dr Reddy's fell 93%", "shoppers at Sainsbury's.");
    not "Reddy's profits", "Mr Curry's show", "France's Alexis Abraham"."""
    doc = span.doc
    root = span.root
    if root.dep_ in ("poss", "compound") or root.i + 2 >= len(doc) or span[0].lower_ in MISTERS:
        return False
    if span.start and doc[span.start - 1].lower_ in MISTERS:
        return False  # "drawn up by Mr Tellier's would": a slip for a person's
    after, then = doc[root.i + 1], doc[root.i + 2]
    if after.lower_ not in ("'s", "’s") or after.dep_ != "case" or after.head.i != root.i:
        return False
    if any(is_first_name(t.text) for t in span if t.lower_ not in PERSONAL_TITLES):
        return False  # "Adam Curry's pressing ahead": "is", a person
    if _surname_of_full_name(span):
        return False  # "compare their pedigree with Tulu's," (Derartu Tulu's)
    return then.tag_ in FINITE_TAGS or then.text in (",", ".", ";", ":", ")")


#: A finite verb after the possessive ("fell", "has", "says"); not a participle, which
#: follows "'s" for "is" or "has" ("Curry's pressing ahead", "Blair's been").
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


#: Titles only people have ("Dr" names businesses too: "Dr Reddy's", "Dr Martens").
MISTERS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"}


def _possessive_after_title(span: Span) -> bool:
    """Whether a name after "Dr" ends in a possessive ("Dr Reddy's generics business"): an
    owner, a person's or a business's, so the title is no vote for a person."""
    doc = span.doc
    if span[0].lower_ not in ("dr", "dr.") and not (
        span.start and doc[span.start - 1].lower_ in ("dr", "dr.")
    ):
        return False
    return span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")


def _relative_who(span: Span) -> bool:
    """Whether a city's name is what a "who" clause right after it is about: "spells at
    Barcelona, who he took to a Spanish title" (a team; a place takes "where")."""
    doc = span.doc
    if span.label_ != "GPE" or _country(span) or not _place(span) or _surname_of_full_name(span):
        return False  # "Davenport, who closed out with an ace": Lindsay Davenport
    after = span.end
    if after < len(doc) and doc[after].text == ",":
        after += 1
    return after < len(doc) and doc[after].lower_ in ("who", "whom")


def _in_list_of_organizations(span: Span) -> bool:
    """Whether a city's name, labelled a place, is one of a list ("A, B and C") whose other
    members are more often organizations than places: "linked with Real Madrid,
    Barcelona and Valencia", "makers like Lenovo Group in China and Aquarius in Russia"."""
    if span.label_ != "GPE" or _country(span) or not _place(span) or _surname_of_full_name(span):
        return False
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    others = [t for t in (first, *first.conjuncts) if not span.start <= t.i < span.end]
    names = [e for e in (_entity_at(t) for t in others) if e is not None]
    counties = sum(1 for e in names if _county(e))
    organizations = sum(1 for e in names if e.label_ == "ORG") - counties
    settings = sum(1 for e in names if e.label_ in ("GPE", "LOC")) + counties
    return organizations > settings and not _county(span)


def _county(span: Span) -> bool:
    """A county ("Derbyshire", which the model may label ORG), labelled anything."""
    return span[-1].text.endswith("shire")


def _dated_plural(span: Span) -> bool:
    """Whether a one-word plural name is held in a year: "this year's Grammys", "last
    year's Oscars" (a ceremony; "1988's The Great Outdoors" is a film)."""
    word = span[-1].text
    if len(span) != 1 or not word.endswith("s") or word.endswith("ss"):
        return False
    return any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in span.root.children)


def _owner_of_its(span: Span) -> bool:
    """Whether a name labelled a person does something to "its" thing: "Nintendo first
    launched its GameBoy console" (a person's is "his" or "her")."""
    root = span.root
    if span.label_ != "PERSON" or root.dep_ != "nsubj" or len(span) > 1:
        return False  # "Charlie Chaplin and Lily Langtry have trodden its boards"
    objects = (c for c in root.head.children if c.dep_ == "dobj")
    return any(c.dep_ == "poss" and c.lower_ == "its" for obj in objects for c in obj.children)


def _noun_next(span: Span, noun: Token) -> bool:
    """Whether a noun follows the name with no other name, conjunction, preposition or
    comma between: "BT chief executive", "Sunderland's leading shareholder", not "Ronaldo
    and England captain" or "Gabbidon's fellow Cardiff defender"."""
    between = span.doc[span.end : noun.i]
    return noun.i >= span.end and not any(
        _named(t) and t.tag_ != "POS" or t.pos_ in ("CCONJ", "ADP", "DET") or t.text in ",;:("
        for t in between
    )


def _named(token: Token) -> bool:
    """Whether a word belongs to a name (not a date or number: "18-year-old")."""
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT")


def _role_hung_on_person(span: Span) -> Token | None:
    """The role noun right after a name when the parser hangs both on the person's name
    after them: "coach" in "Northampton coach Budge Pountney", "executive" in "BT chief
    executive Ben Verwaayen"."""
    doc = span.doc
    person = span.root.head
    if span.root.dep_ not in ("compound", "nmod") or person.ent_type_ != "PERSON":
        return None
    if first_name_gender(span.text) is not None:
        return None  # "Richard and Judy executive producer": a show named by its hosts
    if person.i < span.end:
        return None
    first = person.i
    while first > span.end and doc[first - 1].ent_type_ == "PERSON":
        first -= 1
    if first == span.end or first - span.end > 3:
        return None
    between = doc[span.end : first]
    if any(t.ent_type_ or t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in between):
        return None
    role = between[-1]
    return role if role.pos_ in ("NOUN", "PROPN") and role.head.i == person.i else None


def _organised_event(span: Span) -> bool:
    """Whether the name is what organisers organise: "Glastonbury organiser Emily Eavis",
    "president of Cesar organisers" (an event; not a place: "Edinburgh organisers")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.lower_ in ("organiser", "organisers", "organizer", "organizers")
        and any(word.head.i == after.i for word in span)
        and not _place(span)
    )


def _created_work(span: Span) -> bool:
    """Whether the name is what its creator or author made: "creator of The Simpsons",
    "The Office creator Ricky Gervais", "the author of Wealth of Nations" (not a place or
    an organization's product: "Creator of the Apple Mac" is left to the model)."""
    root = span.root
    if _place(span) or span.label_ in ("PRODUCT", "WORK_OF_ART"):
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return root.head.head.lemma_.lower() in CREATORS | {"author"}
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.lemma_.lower() in CREATORS
        and any(word.head.i == after.i for word in span)
        and _names_person_after(after)
    )


#: Nouns for who made a work.
CREATORS = {"creator", "co-creator", "co-writer"}


def _venue_after_the(span: Span) -> bool:
    """Whether a one-word name labelled a person is a place someone is at, goes to or
    comes from, with "the" as no person's name has: "moved to the Bernabeu", "at the
    Maracana" (a league's or law's name says what it is: "the Premiership", "the Bill")."""
    root = span.root
    return (
        len(span) == 1
        and span.label_ == "PERSON"
        and _after_the(span)
        and span[0].text not in type_words()[1]
        and root.dep_ == "pobj"
        and root.head.lower_ in ("at", "to", "from", "into", "inside", "outside")
    )


def _side_before_score(span: Span) -> bool:
    """Whether a name the model called a law, work, product or event is a side
    before its score ("Gloucester beat Bath 17-16": a club; people and places are left
    alone, "beat Federer 6-3" being a player)."""
    doc = span.doc
    if span.label_ not in ("LAW", "WORK_OF_ART", "PRODUCT", "EVENT") or _has_first_name(span):
        return False  # "Sebastien Grosjean 2-6 6-3", "at Stamford Bridge 3-1" (a ground)
    if span.root.dep_ not in ("dobj", "nsubj", "conj"):
        return False
    if span.end + 2 < len(doc) and doc[span.end].like_num and doc[span.end + 1].text == "-":
        return doc[span.end + 2].like_num
    return False


def _starring(span: Span) -> bool:
    """Whether the name is what stars a person: "Beyond Borders, which starred Angelina
    Jolie", "the feature Diary of a Mad Black Woman stars Kimberly Elise" (a film)."""
    root, doc, end = span.root, span.doc, span.end
    verbs = [root.head] if root.dep_ == "nsubj" else []
    verbs += [c for c in root.children if c.dep_ == "relcl"]
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("which", "that"):
        verbs.append(doc[end + 2])  # the parser may hang the clause on another name
    if not any(verb.lemma_ == "star" for verb in verbs) or _has_first_name(span) or _place(span):
        return False
    return any(
        verb.lemma_ == "star"
        and any(c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in verb.children)
        for verb in verbs
    )


def _best_for(span: Span) -> bool:
    """Whether the name is what an award named "best" is for: "won best album for
    Confessions", "shared the best screenplay award for Les Choristes" (a work); not a
    person's full name ("best actor for Jamie Foxx" is no way to write it)."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "for" or _has_first_name(span):
        return False
    holder = root.head.head
    nouns = [holder] + [c for c in holder.children if c.dep_ == "dobj"]
    return any(
        any(t.lower_ == "best" for t in noun.doc[noun.left_edge.i : noun.i]) for noun in nouns
    )  # "the best debut performance prize for The Motorcycle Diaries"


#: Nouns and verbs whose "for" names a team: "appearances for Chelsea", "played for Bath".
PLAYED_FOR = {"appearance", "goal", "debut", "cap", "start", "play", "score", "sign", "appear"}


def _played_for(span: Span) -> bool:
    """Whether the name is the team a player plays for: "made 110 appearances for Chelsea",
    "a fly-half for Llanelli", "signed for Bath" (a club, not the city); not a country,
    whose national side may be written either way."""
    root = span.root
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ != "for" or _land(span) or _has_first_name(span):
        return False
    if type_words()[1].get(span[-1].text) == "EVENT":
        return False  # "play a few matches here for the Australian Open": an event
    word = root.head.head
    return word.lemma_.lower() in PLAYED_FOR or (
        word.pos_ == "NOUN" and _hyphenated(word).lower() in TEAM_ROLES
    )


#: Nouns of a match between two sides, which a side's name may describe ("the Barcelona
#: game"; not "Adelaide victory", a tournament's, nor "the Lisbon goals").
MATCH_NOUNS = {"game", "match", "tie", "clash", "fixture", "derby"}
#: Words of a match that a side plays, scores or wins against ("came on against Newcastle").
MATCH_WORDS = MATCH_NOUNS | {"play", "come", "score", "start", "win", "lose", "draw", "debut"}
MATCH_WORDS |= {"appear", "defeat", "victory", "goal"}


def _city_in_a_match(span: Span) -> bool:
    """Whether a place named by a city, not a country, is a side in a match: against it
    someone plays, scores or wins ("playing against Barcelona"), or it names the match
    ("the Barcelona game"). A country's national side is left as the model says."""
    root = span.root
    if span.label_ not in ("GPE", "PERSON", "LOC") or _land(span) or _has_first_name(span):
        return False
    if places().city_country(clean_name(span.text)) is None:
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "against":
        return root.head.head.lemma_.lower() in MATCH_WORDS
    return (
        root.dep_ == "compound"
        and root.head.i == span.end
        and root.head.lemma_.lower() in MATCH_NOUNS
        and root.head.pos_ == "NOUN"
    )


def _hyphenated(token: Token) -> str:
    """The whole hyphenated word a token ends: "fly-half" for the "half" of "fly - half"
    (the tokenizer splits it); the token's lemma otherwise."""
    doc = token.doc
    start = token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start : token.i + 1].text if start < token.i else token.lemma_


def _constituency(span: Span) -> bool:
    """Whether the name is a constituency: a member's ("the MP for Derby North", "the
    member for Loch Ness West"), or a place and a compass point ("Derby North": a
    constituency, not an organization)."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "for" and span[-1].text not in type_words()[1]:
        member = root.head.head  # not "a candidate for the UK Independence Party"
        if member.lemma_.lower() in CONSTITUENCY_MEMBERS:
            return True
    words = clean_name(span.text).split()
    if len(words) < 2 or words[-1] not in COMPASS_POINTS:
        return False
    # A British place: "Kanye West" names no seat (Kanye is a town in Botswana).
    found = geo_places().get(" ".join(words[:-1]).casefold(), ())
    return any(place.country == "United Kingdom" for place in found)


#: Those a constituency elects: "the MP for Derby North".
CONSTITUENCY_MEMBERS = {"mp", "msp", "am", "mep", "member", "candidate"}

#: A player's positions ("France full-back Pepito Elhorga"); not "centre" or "lock",
#: which are places and things too, nor "manager" ("fund manager Matrix Asset Advisors").
PLAYER_POSITIONS = {"striker", "midfielder", "defender", "keeper", "goalkeeper", "winger"}
PLAYER_POSITIONS |= {"forward", "full-back", "fly-half", "scrum-half", "flanker", "prop"}
PLAYER_POSITIONS |= {"hooker", "wing", "number eight", "centre-back", "playmaker"}

#: Compass points that open a region's name: "the West Bank", "the North Shore".
COMPASS_POINTS = {"North", "South", "East", "West"}
#: Channels whose programmes are named with them in brackets: "Jonathan Creek (BBC One)".
CHANNEL_OPENINGS = {"BBC", "BBC1", "BBC2", "ITV", "ITV1", "Channel", "Sky", "E4", "S4C"}


def _region_of_compass(span: Span) -> bool:
    """Whether a place the model labels as one is a compass point and a word that also ends
    institutions' names: "the West Bank" (a region, not a bank)."""
    words = [t for t in span if t.lower_ != "the"]
    return span.label_ in ("GPE", "LOC") and len(words) == 2 and words[0].text in COMPASS_POINTS


def _player_after_position(span: Span) -> bool:
    """Whether a full name not labelled a person follows a player's position: "France
    full-back Pepito Elhorga", "Wales flanker Colin Charvis" (the name is the player's; the
    country or club before the position is his team's)."""
    if span.label_ == "PERSON" or span.start == 0 or len(span) < 2 or _place(span):
        return False
    words = [t for t in span if t.lower_ != "the"]
    if len(words) != len(span) or not all(t.is_title for t in words):
        return False
    doc = span.doc
    start = span.start - 1
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1  # "full-back", three tokens
    position = doc[start : span.start].text
    if not (position.islower() and position in PLAYER_POSITIONS) or start == 0:
        return False
    team = doc[start - 1]
    return team.is_title and bool(team.ent_type_)  # "France full-back", not "fund manager"


def _team_of_country(span: Span) -> bool:
    """Whether the name is "Team" and a country: "Team GB", "Team USA" (a national side,
    labelled a person)."""
    words = clean_name(span.text).split()
    if len(words) < 2 or words[0] != "Team":
        return False
    country = " ".join(words[1:])
    return places().country(country) is not None or (country.isupper() and len(country) <= 3)


def _owner_of_their(span: Span) -> bool:
    """Whether a one-word name labelled a person does something to "their" thing: "Hearts
    wrapped up their Scottish Cup tie" (a team; a person's is "his" or "her")."""
    root = span.root
    if span.label_ != "PERSON" or root.dep_ != "nsubj" or len(span) > 1:
        return False
    if _has_first_name(span) or _surname_of_full_name(span):
        return False
    objects = (c for c in root.head.children if c.dep_ in ("dobj", "prt"))
    return any(c.dep_ == "poss" and c.lower_ == "their" for obj in objects for c in obj.children)


def _programme_of_channel(span: Span) -> bool:
    """Whether a name has a channel in brackets after it, as a programme is named:
    "Jonathan Creek (BBC One)", "Shameless (Channel 4)", "(ITV1)"; not an acronym of its
    own ("Independent Television (ITV)")."""
    doc = span.doc
    if span.label_ not in ("PERSON", "ORG", "FAC", "PRODUCT") or span.end + 2 >= len(doc):
        return False
    if doc[span.end].text != "(" or doc[span.end + 1].text not in CHANNEL_OPENINGS:
        return False
    if doc[span.end + 2].text == ")":
        return any(ch.isdigit() for ch in doc[span.end + 1].text)  # "(BBC1)", "(E4)"
    return span.end + 3 < len(doc) and doc[span.end + 3].text == ")"  # "(BBC One)"


#: Titles of nobility and monarchs before "of" and a place: "the King of Belgium".
NOBLE_TITLES = {"king", "queen", "prince", "princess", "duke", "duchess", "earl", "countess"}
NOBLE_TITLES |= {"emperor", "empress", "sultan", "emir", "marquess", "viscount"}
NOBLE_TITLES |= {"bishop", "archbishop"}  # "the Bishop of Durham"


def _noble_title(span: Span) -> bool:
    """Whether the name is a title of nobility with "of" and a place: "the King of
    Belgium", "Duke of Edinburgh" (a person)."""
    words = [t for t in span if t.lower_ != "the"]
    if len(words) < 3 or words[0].lower_ not in NOBLE_TITLES or words[1].lower_ != "of":
        return False
    return is_known_place(" ".join(t.text for t in words[2:]))  # not "King of Fridges", a show


def is_known_place(name: str) -> bool:
    """Whether the gazetteer knows the name as a country, city or other place."""
    gazetteer = places()
    return bool(
        gazetteer.country(name)
        or gazetteer.city_country(name)
        or name.casefold() in geo_places()
        or KNOWN_ALIASES.get(name.casefold())
    )


def _unknown_place_of_person(span: Span) -> bool:
    """Whether a name labelled a place that the gazetteer does not know has a person of
    its own: "Bafta's Grant Dean" (an organization; "Brazil's Ronaldo" is a place's)."""
    root = span.root
    if span.label_ != "GPE" or root.dep_ != "poss" or _place(span) or _land(span):
        return False
    if clean_name(span.text).casefold() in geo_places():
        return False
    return root.head.ent_type_ == "PERSON" and root.head.i >= span.end


def _possessed(noun: Token) -> bool:
    """Whether a noun has a possessive pronoun of its own: "its boss" is someone else's
    ("Mike Leigh's tale" still describes the film it stands beside)."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


#: Verbs of a match, whose subject and object are sides of the same kind.
MATCH_VERBS = {"beat", "face", "meet", "play", "defeat", "host", "thrash", "edge", "overcome"}
MATCH_VERBS |= {"take"}  # "take on"


def _opponent_type(span: Span) -> str | None:
    """The kind of side the name is, from the other side of a match: a club when a club
    beats, faces or takes on it ("Chelsea take on Barcelona": not the city), a person when
    a person does and it has a first name ("Federer faces Fabrice Santoro"), and so for
    each side of a list ("will play Leicester and Bolton"). Countries are left alone:
    their national sides may be written either way."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "Leicester and Bolton": Bolton's side is Leicester's
    if root.dep_ not in ("nsubj", "dobj") or _land(span):
        return None
    verb = root.head
    if verb.lemma_ not in MATCH_VERBS:
        return None
    taken_on = any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children)
    if verb.lemma_ == "take" and not taken_on:
        return None
    other_dep = "dobj" if root.dep_ == "nsubj" else "nsubj"
    others = [_entity_at(c) for c in verb.children if c.dep_ == other_dep]
    other = next((o for o in others if o is not None), None)
    if other is None:
        return None
    club = other.label_ == "ORG" and not _has_first_name(other)  # not a person mislabelled
    if club and span.label_ == "GPE" and len(span) <= 2:
        return None if _has_first_name(span) else "ORG"
    if club and span.label_ == "PERSON" and _place(span) and not _has_first_name(span):
        return "ORG"  # "Charlton will play Leicester", the city labelled a person
    if other.label_ == "PERSON" and span.label_ != "PERSON" and _has_first_name(span):
        return "PERSON"
    return None


def _starred(span: Span) -> bool:
    """Whether the name is who a work stars: "the feature stars Kimberly Elise", "a film
    starring Tom Cruise" (a person, whatever the model's label)."""
    root = span.root
    return (
        root.dep_ == "dobj"
        and root.head.lemma_ == "star"
        and not any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in root.head.children)
        and not _place(span)
    )


def _of_a_country(span: Span) -> bool:
    """Whether a name of two capitalized words that is no place follows a country's
    possessive, as sport writes of its athletes: "Ethiopia's Tirunesh Dibaba", "Britain's
    Tosin Oke" (labelled a place or a building; organizations are left alone)."""
    words = clean_name(span.text).split()
    if span.label_ not in ("GPE", "FAC", "LOC") or len(words) != 2 or _place(span):
        return False
    if not all(w[:1].isupper() for w in words) or words[-1] in type_words()[1]:
        return False
    owners = [c for c in span.root.children if c.dep_ == "poss"]
    return any(_land(_entity_at(o) or o.doc[o.i : o.i + 1]) for o in owners)


def _counted_people(span: Span) -> bool:
    """Whether a plural name is counted: "120 Gurkhas", "Twenty-two Maori" (people of a
    nation or a community, not a place)."""
    root = span.root
    counted = any(c.dep_ == "nummod" for c in root.children)
    return counted and root.tag_ == "NNPS" and span.label_ in ("GPE", "ORG", "PERSON")


def _place_of_a_description(span: Span) -> bool:
    """Whether a place of the gazetteer, labelled a person, describes the club after it:
    "the Glasgow club" (a club described by its city; a city labelled an organization
    there is left alone, as a club named by it)."""
    root = span.root
    if span.label_ != "PERSON" or root.dep_ != "compound" or not _place(span):
        return False
    head = root.head
    return head.i >= span.end and head.lemma_ in ("club", "side", "team")


def _plural_group_name(span: Span) -> bool:
    """Whether a name labelled a person is a plural after "the": "the Lib Dems", "the
    Ospreys" (a party, a team, a band; not "the Smiths" of a family with a first name), or
    ends with a plural noun: "Scissor Sisters"."""
    the = span[0] if span[0].lower_ == "the" else span.doc[span.start - 1] if span.start else None
    if span.label_ != "PERSON":
        return False
    if the is None or the.lower_ != "the":  # "US act Scissor Sisters": a plural noun ends it
        return len(span) > 1 and span[-1].tag_ == "NNPS" and not _has_first_name(span)
    last = span[-1]
    plural = last.tag_ == "NNPS" or (last.text.endswith("s") and not last.text.endswith("ss"))
    return (
        plural
        and not _has_first_name(span)
        and not _surname_of_full_name(span)
        and not _place(span)
    )


#: Nouns for an event that a name before them holds: "the Glastonbury festival" (not
#: "conference" or "summit", which an organization holds: "the Labour conference").
EVENT_NOUNS = {"festival", "tournament", "championship"}


def _held_as_event(span: Span) -> bool:
    """Whether the name, alone or with one more before a plural, is followed by a noun for
    an event: "the Glastonbury festival", "this summer's Leeds and Reading festivals" (the
    festivals, not the cities); not a country ("the US Open tournament")."""
    doc = span.doc
    i = span.end
    if i + 2 < len(doc) and doc[i].lower_ == "and" and doc[i + 1].is_title:
        i += 2
        plural = True
    else:
        plural = False
    if i >= len(doc) or _country(span):
        return False
    word = doc[i].lower_
    noun = word[:-1] if plural and word.endswith("s") else word
    return doc[i].pos_ == "NOUN" and noun in EVENT_NOUNS and (not plural or noun != word)


def _said_in_a_statement(span: Span) -> bool:
    """Whether a name with no first name is the subject of "said in a statement", as an
    organization's spokespeople write ("Biogen Idec said in a statement")."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "say" or _place(span):
        return False
    if first_name_gender(clean_name(span.text)) is not None:
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(o.lemma_.lower() == "statement" for o in c.children if o.dep_ == "pobj")
        for c in root.head.children
    )


def _full_name_among_people(span: Span) -> bool:
    """Whether a name of two or three capitalized words, labelled an organization, is in a
    list with a person's full name, or its last word stands alone as a person in the
    article: "Aurelien Rougerie and Jean-Philippe Grandclaude", "JP McManus and John
    Magnier", "Taylor Dent" beside "Dent". Not a name ending like an organization's
    ("Sony Music Group"); an organization named after its founder, "Morgan Stanley", is
    seldom either."""
    if span.label_ != "ORG" or not 2 <= len(span) <= 4:
        return False
    words = clean_name(span.text).split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if words[-1] in type_words()[1]:
        return False
    members = (_entity_at(t) for t in span.root.conjuncts if not span.start <= t.i < span.end)
    if any(m is not None and m.label_ == "PERSON" and _has_first_name(m) for m in members):
        return True
    surname = words[-1]
    return any(e.label_ == "PERSON" and e.text == surname for e in entities(span.doc))


def _has_first_name(span: Span) -> bool:
    """Whether a name of two words or more opens with a first name given to one gender."""
    name = clean_name(span.text)
    return len(name.split()) > 1 and first_name_gender(name) is not None


def _after_the(span: Span) -> bool:
    """Whether "the" stands right before a one-word name: "when the Bill is debated"."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the"


#: Labels the model gives a person's full name by mistake that a first name overrules (an
#: organization named after its founder, "Morgan Stanley", keeps its label).
_NOT_NAMED_AFTER_PEOPLE = {"GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}


#: Lower-case words inside a person's name: "Theo van Gogh", "Lula da Silva".
NAME_PARTICLES = {"van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le"}
NAME_PARTICLES |= {"bin", "ibn", "al", "el", "dos", "das"}
#: ... and inside the names of foreign institutions: "Academie des Arts et Techniques du
#: Cinema".
NAME_PARTICLES |= {"des", "et", "y", "e", "und", "les", "los", "las", "lo", "delle", "dei"}


def _full_personal_name(span: Span) -> bool:
    """A name of two or three capitalized words whose first is a first name given to one
    gender, which the model labelled a place, building, work or product."""
    words = clean_name(span.text).split()
    return (
        span.label_ in _NOT_NAMED_AFTER_PEOPLE
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() or w in NAME_PARTICLES for w in words[1:])
        and words[0][:1].isupper()
        and first_name_gender(" ".join(words)) is not None
        and not _place(span)
    )


#: Last words of a programme's name that is named after its host: "The Jerry Springer Show".
HOSTED_PROGRAMMES = {"Show", "Hour"}


def _show_named_after_person(span: Span) -> bool:
    """A show named after a person, its host or star: "The Catherine Tate Show", "The Benny
    Hill Show" (a work, whatever the model labelled it; a trade fair such as "the Consumer
    Electronics Show" names no person)."""
    words = clean_name(span.text).split()
    return (
        len(words) >= 3
        and words[-1] in HOSTED_PROGRAMMES
        and first_name_gender(" ".join(words[:-1])) is not None
        and all(w[:1].isupper() for w in words[:-1])
    )


def _is_holding(noun: Token) -> bool:
    """ "stake" in "a stake in Sunderland" (a noun: "share a hug with Paris" holds none)."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in HOLDINGS


def _organization_cue(noun: str, span: Span) -> bool:
    """Whether an organization noun after the name says it is an organization: any for a
    name the gazetteer does not know, a club's for a city, none for a country."""
    if _country(span):
        return False
    return noun in CLUB_CUES or places().city_country(span.text) is None


def _played_in(span: Span) -> bool:
    """Whether the name is what someone appeared or starred in: a film, a show, a play
    (not a place, a building or an event: "appeared in Paris", "starred in the Open")."""
    if span.label_ in _SETTINGS or _place(span):
        return False
    objects = (t for t in span if t.dep_ == "pobj" and t.head.i == span.start - 1)
    return any(
        t.head.lower_ == "in" and t.head.head.lemma_ in ("appear", "star", "co-star")
        for t in objects
    )  # the parser may hang a title's words elsewhere ("Carry On Again Doctor")


#: Labels of the places and events one appears in without playing a part.
_SETTINGS = {"GPE", "LOC", "FAC", "EVENT", "NORP"}


#: Words opening a clause whose verb may be a subjunctive: "if Smith were".
_SUBJUNCTIVE_MARKS = {"if", "unless", "though", "whether", "lest"}


def _plural_subject(span: Span) -> bool:
    """Whether a singular name is the subject of a plural verb, as British news writes of
    a company, a band or a club ("BAA are owners", "Keane were followed", "Chelsea face"),
    never of a person or a country; not "if Smith were", nor "Smith and Jones are"."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.conjuncts or _land(span):
        return False
    if span.label_ not in ("PERSON", "GPE", "NORP", "FAC"):
        return False
    name = clean_name(span.text)
    if len(span) > 1 and first_name_gender(name) is not None:
        return False  # "Venus Williams"
    if len(span) == 1 and name.endswith("s"):
        return False  # "Jones"
    verb = root.head
    if any(c.dep_ == "mark" and c.lower_ in _SUBJUNCTIVE_MARKS for c in verb.children):
        return False  # "if Smith were" (not "while Chelsea face")
    forms = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if _surname_of_full_name(span):
        return False
    return any(t.tag_ == "VBP" or t.lower_ == "were" for t in forms)  # not "may have"


def _land(span: Span) -> bool:
    """Whether the name is a country, a nation of the UK, a US state or a continent
    ("England are favourites" is the national side, left as the model says)."""
    if _country(span):
        return True
    kinds = {place.kind for place in geo_places().get(clean_name(span.text).casefold(), ())}
    return bool(kinds & {"country", "region", "us-state", "continent"})


def _employer_of_role(span: Span) -> bool:
    """Whether the name follows "at" after a role: "chief economist at Gerrard" (a
    firm), not "a lawyer at Leeds" (a place of the gazetteer) or "boss at Chelsea" (a club,
    which is an organization as well)."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "at" or _place(span):
        return False
    role_noun = root.head.head
    return role_noun.pos_ == "NOUN" and is_role_noun(role_noun.lemma_)


def _age_after(span: Span) -> bool:
    """A person's age in commas after the name: "Bratman, 26, proposed"."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != ",":
        return False
    age, comma = doc[span.end + 1], doc[span.end + 2]
    return age.is_digit and 14 <= int(age.text) <= 110 and comma.text == ","


def _owned_product(noun: Token, span: Span) -> bool:
    """Whether ``span`` names the product ``noun`` is, owned by another: "its GameBoy
    console", "Microsoft's Windows Media Center software" (not "Microsoft software")."""
    nouns, _ = type_words()
    if nouns.get(noun.lemma_.lower()) != "PRODUCT":
        return False
    return any(c.dep_ == "poss" and not span.start <= c.i < span.end for c in noun.children)


def _person_after_demonym(span: Span) -> bool:
    """A name after a nationality, with a first name given to one gender: "Russian Nadia
    Petrova" is a person whatever the model's label."""
    if span.start == 0 or span.label_ == "PERSON":
        return False
    before = span.doc[span.start - 1].text
    demonym = places().demonym(before) or PERSON_DEMONYMS.get(before.casefold())
    words = clean_name(span.text).split()
    return bool(demonym) and 2 <= len(words) <= 3 and first_name_gender(" ".join(words)) is not None


def _place_named_as_person(span: Span) -> bool:
    """A country the model labelled PERSON ("Zambia will host Lesotho, Malawi and
    Swaziland"), unless it is a first name ("Chad") or a surname of a full name of the doc
    (Eddie Jordan's "Jordan"), or has a title. Cities are left alone: a club named by its
    city ("Portsmouth", "Bolton") is as often labelled PERSON."""
    if span.label_ != "PERSON" or not _country(span) or len(span) > 3:
        return False
    if span.start and span.doc[span.start - 1].lower_ in PERSONAL_TITLES:
        return False
    name = clean_name(span.text)
    if first_name_gender(f"{name} X") is not None:
        return False
    return not _surname_of_full_name(span)


#: Verbs whose object is a place someone goes to ("will visit Auschwitz").
VISIT_VERBS = {"visit", "tour"}
#: Words whose "to" names a place ("a pilgrimage to Lourdes"; not a "trip" or "visit",
#: which sport makes to a club: "sealed a trip to Bolton").
VISIT_NOUNS = {"journey", "pilgrimage"}
#: Verbs whose "at" or "in" names where it happened ("were killed at Auschwitz").
DEATH_VERBS = {"kill", "die", "murder", "bury", "massacre", "execute"}


def _visited_place(span: Span) -> bool:
    """Whether a one-word name labelled a person is a place: what someone visits or tours,
    where a visit or trip goes to, where people were killed or buried. Not a first name,
    nor the surname of a full name of the doc ("visit Sharon" beside "Ariel Sharon")."""
    root = span.root
    if span.label_ != "PERSON" or len(span) != 1 or _surname_of_full_name(span):
        return False
    if first_name_gender(f"{span.text} X") is not None:
        return False
    head = root.head
    if root.dep_ == "dobj":
        return head.lemma_.lower() in VISIT_VERBS and not _visit_of_a_side(head)
    if root.dep_ != "pobj":
        return False
    if head.lower_ == "to":
        return head.head.lemma_.lower() in VISIT_NOUNS and head.head.pos_ == "NOUN"
    return head.lower_ in ("at", "in") and head.head.lemma_.lower() in DEATH_VERBS


def _visit_of_a_side(verb: Token) -> bool:
    """Whether a visit is a side's away match: "Chelsea visit Bolton" (a plural verb, or an
    organization that visits)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return verb.tag_ == "VBP" or any(c.ent_type_ == "ORG" for c in subjects)


def _surname_of_full_name(span: Span) -> bool:
    """Whether a longer PERSON name of the doc ends with the name ("Robinson" beside
    "Andy Robinson", "Jordan" beside "Eddie Jordan")."""
    name = clean_name(span.text)
    return any(
        e.label_ == "PERSON" and len(e) > len(span) and e.text.endswith(" " + name)
        for e in entities(span.doc)
    )


def _in_list_of_places(span: Span) -> bool:
    """Whether the name is one of a list ("A, B and C") of places: two others or more are
    places of the gazetteer, and they are half of the others or more (a name labelled
    PERSON), or most others are labelled GPE (a name labelled ORG: a list of clubs named by
    their cities is no list of places)."""
    if first_name_gender(clean_name(span.text)) is not None:
        return False
    others = [t for t in _conjuncts(span.root) if not span.start <= t.i < span.end]
    names = [e for e in (_entity_at(t) for t in others) if e is not None]
    known = sum(1 for e in names if _place(e))
    if span.label_ == "PERSON":
        return known >= 2 and known * 2 >= len(others)
    labelled = sum(1 for e in names if e.label_ == "GPE")
    return known >= 2 and labelled * 2 > len(others)


def _conjuncts(root: Token) -> list[Token]:
    """Every member of the coordination ``root`` is in (``root`` too), or []."""
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    members = [first, *first.conjuncts]
    return members if len(members) > 2 else []


def _entity_at(token: Token) -> Span | None:
    """The named entity whose root is ``token``, if any."""
    for ent in entities(token.doc):
        if ent.start <= token.i < ent.end and ent.root.i == token.i:
            return ent
    return None


#: Nouns whose "of" names a work or a product: "the premiere of Lemony Snicket", "a
#: version of iTunes".
WORK_OR_PRODUCT_OF = ("premiere", "sequel", "remake", "adaptation", "screening", "version")


def _describing_nouns(span: Span, root: Token) -> Iterable[Token]:
    """Nouns that say what a name is: "firm" in "British firm Sonaptic", "Sonaptic, the
    firm", "Sonaptic is a small firm", "Sideways was named best film"."""
    for child in root.lefts:
        if (
            child.dep_ in ("compound", "nmod", "amod")
            and child.i < span.start
            and not child.ent_type_
            and not (root.dep_ == "poss" and _punct_between(child, span))
        ):
            yield child  # "software firm Sonaptic" (not "the firm - China's biggest supplier")
    before = span.doc[span.start - 1] if span.start else None
    if (
        before is not None
        and before.tag_ == "NN"
        and not before.ent_type_
        and before.head.i != root.i
        and root.head.head.i != before.i  # "the software Microsoft is developing"
    ):
        yield before  # "animated feature Belleville Rendezvous", parsed apart
    for child in root.children:
        if child.dep_ == "appos" and not child.ent_type_ and not _possessed(child):
            yield child  # "Sonaptic, the firm" (not "Vivendi, its boss")
    if root.dep_ == "appos" and not root.head.ent_type_:
        yield root.head  # "the firm, Sonaptic"
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        yield from (c for c in root.head.children if c.dep_ == "attr" and not c.ent_type_)
    if root.dep_ == "nsubjpass" and root.head.lemma_ in ("declare", "name", "vote"):
        yield from (c for c in root.head.children if c.dep_ == "oprd" and not c.ent_type_)
    if (example_of := _example_of(root)) is not None:
        yield example_of  # "PC makers like Aquarius", "clubs such as Barcelona and Chelsea"
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in ("city", "town", *WORK_OR_PRODUCT_OF)
        and not (root.head.head.lemma_ == "version" and span.label_ == "WORK_OF_ART")
    ):
        yield root.head.head  # "the city of Hamburg", "the premiere of Lemony Snicket"


def _example_of(root: Token) -> Token | None:
    """The plural noun a name is given as an example of, through the list it is in: "makers"
    of "PC makers like Lenovo Group and Aquarius", "clubs" of "clubs such as Barcelona"."""
    if any(c.dep_ == "case" for c in root.children):
        return None  # "companies such as Germany's TUI and France's Club Med": the owners
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.lefts)
    if prep.lower_ != "like" and not such_as:
        return None
    noun = prep.head
    return noun if noun.tag_ == "NNS" and not noun.ent_type_ else None


def _punct_between(word: Token, span: Span) -> bool:
    """Whether punctuation stands between a word and the name after it ("the firm -
    China's biggest supplier": the parser hung "firm" on the possessor)."""
    return any(t.is_punct for t in span.doc[word.i + 1 : span.start])


def _country(span: Span) -> bool:
    gazetteer = places()
    name = clean_name(span.text)
    name = KNOWN_ALIASES.get(name.casefold(), name)  # "Britain", "the US"
    return bool(gazetteer.country(name) or gazetteer.demonym(name))


def _place(span: Span) -> bool:
    """Whether the gazetteer knows the name as a country, demonym or city."""
    return _country(span) or places().city_country(span.text) is not None


def _names_person_after(role: Token) -> bool:
    """Whether a role noun stands before a person's name: "manager Graeme Souness"."""
    following = role.doc[role.i + 1] if role.i + 1 < len(role.doc) else None
    return following is not None and following.ent_type_ == "PERSON"


def decide_type(model_votes: Counter[str], evidence: Counter[str], fallback: str) -> str:
    """The type with the most evidence, the model's labels counting below one vote."""
    if not evidence:
        return fallback
    total = sum(model_votes.values()) or 1
    score = Counter({t: v / (total + 1) for t, v in model_votes.items()})
    score.update(evidence)
    return max(score, key=lambda t: (score[t], t == fallback, t))
