"""Named mentions to entities: one entity per real-world name within an article.

Across articles, :mod:`kgraph.entities.identity` joins these article-level entities.

"Donald Trump" and "Trump" become one PERSON; "U.S.", "US" and "the United States" one
GPE. Pronouns and descriptions ("he", "the computer giant") are :mod:`kgraph.entities.coref`'s.
The rules on names alone (cleaning, aliases, clustering) are :mod:`kgraph.entities.names`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from kgraph.entities.junk import name_part
from kgraph.entities.lexicon import (
    PERSON_DEMONYMS,
    TITLE_GENDER,
    first_name_gender,
    institution_words,
    is_first_name,
    is_role_noun,
    places,
)
from kgraph.entities.names import (
    PEER_TITLES,
    canonical,
    clean_name,
    cluster_names,
    match_key,
    name_variants,
)
from kgraph.entities.types import (
    CONSTITUENCY_MEMBERS,
    MEDIUM,
    NOBLE_TITLES,
    ORGANIZATION_CUES,
    PERSONAL_TITLES,
    decide_type,
    is_known_place,
    type_evidence,
    type_words,
)
from kgraph.models import ENTITY_TYPES, EntityRef
from kgraph.nlp.per_doc import entities, once


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens that names an entity, and how it was recognized."""

    start: int
    end: int
    entity: EntityRef
    via: str = "name"  # "name" for a named mention, "coref" for a pronoun or description


def named_spans(doc: Doc) -> list[Span]:
    """The entity spans of a doc whose label kgraph keeps as a node, junk left out."""
    spans = (
        name_part(ent)
        for ent in _joined(doc)
        if ent.label_ in ENTITY_TYPES and not _common_noun_use(ent)
    )
    spans = (_with_head_of_coordination(span) for span in spans if span is not None)
    spans = (_with_words_of_acronym(span) for span in spans)
    spans = (_with_shared_nationality(span) for span in spans)
    spans = (_without_title(span) for span in spans if span is not None)
    spans = (_with_capital_the(span) if span is not None else None for span in spans)
    spans = (_with_capital_determiner(span) if span is not None else None for span in spans)
    spans = (_with_word_of_a_longer_mention(span) if span is not None else None for span in spans)
    spans = (_with_first_name(span) if span is not None else None for span in spans)
    spans = (_with_surname(span) if span is not None else None for span in spans)
    spans = (_without_leading_noun(span) if span is not None else None for span in spans)
    spans = (_with_capitalized_modifier(span) if span is not None else None for span in spans)
    spans = (_with_dropped_g_words(span) if span is not None else None for span in spans)
    split = (
        part
        for span in spans
        if span is not None
        for whole in _names_apart(span)
        for part in _descriptor_apart(whole)
    )
    kept: list[Span] = []
    for span in split:  # a name run on past the model's span covers the next one
        if kept and span.start <= kept[-1].start and span.end > kept[-1].end:
            kept[-1] = span  # "British and Irish Lions" covers the model's "British"
        elif clean_name(span.text) and not (kept and span.start < kept[-1].end):
            kept.append(span)
    return kept


def _common_noun_use(ent: Span) -> bool:
    """Whether a one-word name is used as a common noun, with "a" or "an" of its own: "won
    an Oscar", "drives a Ferrari" (an award, a car: no entity); not "a Sony spokesman"."""
    if len(ent) != 1 or ent.start == 0:
        return False
    article = ent.doc[ent.start - 1]
    return article.lower_ in ("a", "an") and article.head.i == ent.start


def _with_first_name(span: Span) -> Span:
    """A surname with the first name the model left out before it, as a person: "Svetlana
    Kuznetsova" where the model marked "Kuznetsova" alone (and called it a place)."""
    if len(span) != 1 or span.start == 0 or _place_or_nationality(span.text):
        return span
    first = span.doc[span.start - 1]
    if first.ent_type_ or not first.is_title or first.pos_ != "PROPN":
        return span
    if first.lower_ in _NOT_PART_OF_A_NAME:
        return span  # "Judge Clark": a title gender-guesser knows as a first name
    if first_name_gender(f"{first.text} {span.text}") is None:
        return span
    return Span(span.doc, first.i, span.end, "PERSON")


def _with_surname(span: Span) -> Span:
    """A first name with the surname the model left out after it: "Johnny Depp" where the
    model marked "Johnny" alone. The next word is capitalized, no entity, title, place or
    nationality of its own, and the doc uses it without the first name too ("Depp has
    become a star"), as a surname is used."""
    doc = span.doc
    if span.label_ != "PERSON" or len(span) != 1 or span.end >= len(doc):
        return span
    after = doc[span.end]
    if after.ent_type_ or not after.is_title or after.pos_ != "PROPN" or after.is_sent_start:
        return span
    if after.lower_ in _NOT_PART_OF_A_NAME or _place_or_nationality(after.text):
        return span
    if first_name_gender(f"{span.text} {after.text}") is None:
        return span
    alone = any(
        t.text == after.text and t.i != after.i and (t.i == 0 or doc[t.i - 1].text != span.text)
        for t in doc
    )
    return Span(doc, span.start, span.end + 1, "PERSON") if alone else span


def _without_leading_noun(span: Span) -> Span:
    """A person's full name without the capitalized common noun the model ran into it:
    "Keeper Petr Cech", "Lawyer Louise Christian" (one or two words before a known first
    name and a surname: "Broadcaster Chris Evans", "fellow Springboks John Smit"), or words
    before a full name the doc also gives alone ("Beatle George Harrison" beside "George
    Harrison") or names in the plural ("Beatle" beside "the Beatles"). Titles are left to
    the surface name ("Sir", "Mrs"), and so is a first name the list does not know ("Mani
    Shankar Aiyar") and a word of no such ending ("Khoo Kay Peng", "Booz Allen Hamilton")."""
    if span.label_ != "PERSON" or len(span) < 3:
        return span
    for lead in (1, 2):
        rest = span[lead:]
        if len(rest) < 2 or not all(t.is_title for t in rest):
            continue
        if not is_first_name(rest[0].text):
            continue  # "Chris Evans" too, a name of either sex
        if not all(_capitalized_word(t) for t in span[:lead]):
            continue
        words = span[:lead]
        if all(_common_noun(t) for t in words) or _named_alone(rest) or _member_of_group(words):
            return Span(span.doc, rest.start, rest.end, span.label_)
    return span


def _member_of_group(words: Span) -> bool:
    """Whether the words before a full name name a member of a group the doc names in the
    plural: "Beatle" beside "the Beatles", "Beach Boy" beside "the Beach Boys"."""
    plural = f"{words.text}s"
    return any(e.text in (plural, f"The {plural}") for e in entities(words.doc))


def _named_alone(name: Span) -> bool:
    """Whether the doc names a person by these words alone elsewhere ("George Harrison"
    beside "Beatle George Harrison")."""
    return any(e.text == name.text and e.start != name.start for e in entities(name.doc))


def _capitalized_word(token) -> bool:
    """A capitalized word that is no title or first name: "Keeper", "DJ", "Beatle" (not
    "Sir", "Mrs", "Prince", "Chris")."""
    if not (token.is_title or token.is_upper) or token.lower_ in _NOT_PART_OF_A_NAME:
        return False
    return token.lower_ not in NOBLE_TITLES and not is_first_name(token.text)


def _common_noun(token) -> bool:
    """A common noun, a plural or a role: "Keeper", "Springboks", "Treasurer"; by its
    ending where the tagger calls it a name: an agent noun ("Broadcaster", "Songwriter",
    "Musician", "Sergeant") or a plural ("Springboks"), or a short acronym ("DJ", "MSP")."""
    if token.pos_ == "NOUN" or token.tag_ in ("NNS", "NNPS") or is_role_noun(token.lemma_.lower()):
        return True
    text = token.text
    if _place_or_nationality(text):
        return False  # "Russian Igor Andreev": the nationality is read from the name
    if text.isupper():
        return 2 <= len(text) <= 4 and text.isalpha()
    lower = text.lower()
    return lower.endswith(AGENT_ENDINGS) or (
        lower.endswith("s") and not lower.endswith(NOT_PLURAL_ENDINGS)
    )


#: Endings of agent nouns: "Broadcaster", "Cinematographer", "Olympian", "Sergeant".
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant")
#: Endings of words that end in "s" and are no plural: "Boss", "Status", "Aziz".
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous")


def _with_capitalized_modifier(span: Span) -> Span:
    """A one-word name, or an organization's, with the capitalized word before it that the
    model left out: "Desperate Housewives" where the model marked "Housewives", "World
    Anti-Doping Agency" where it marked "Anti-Doping Agency". Not a title, an office, a
    party, a nationality or a place ("Chancellor Brown", "Tory Smith", "British Airways"),
    nor a headline's first word."""
    if span.start == 0 or span.label_ in ("GPE", "LOC"):
        return span
    if span.label_ == "NORP":
        return _known_party_name(span)
    if len(span) > 1 and span.label_ != "ORG":
        return span
    if _place_or_nationality(span.text) or _surname_in_doc(span):
        return span  # "Tudor England"; "Judge Clark" beside Letitia Clark
    word = span.doc[span.start - 1]
    if (
        word.ent_type_
        or word.is_sent_start
        or not word.is_title
        or len(word.text) < 3  # an initial: "M Stevens" of a team list
        or word.pos_ != "PROPN"
        or word.dep_ not in ("compound", "amod")
        or not (span.start <= word.head.i < span.end or _modifies_same(word, span))
    ):
        return span
    lower = word.lower_
    if (
        lower in _NOT_PART_OF_A_NAME
        or is_role_noun(word.lemma_)
        or _place_or_nationality(word.text)
    ):
        return span
    if first_name_gender(f"{word.text} {span.text}") is not None:
        return span  # a first name: _with_first_name's
    return Span(span.doc, word.i, span.end, span.label_)


def _known_party_name(span: Span) -> Span:
    """A party's member word with the capitalized word before it, when the two are a name
    of ``name_variants.tsv``: "Liberal Democrat chairman Matthew Taylor", where the model
    marked "Democrat" alone."""
    word = span.doc[span.start - 1]
    if not word.is_title or word.ent_type_ or len(span) != 1:
        return span
    if f"{word.text} {span.text}".casefold() not in name_variants():
        return span
    return Span(span.doc, word.i, span.end, "ORG")


def _modifies_same(word, span: Span) -> bool:
    """Whether ``word`` and an organization's name modify the same noun after it: "World"
    and "Anti-Doping Agency" in "World Anti-Doping Agency chief Dick Pound"."""
    root = span.root
    return len(span) > 1 and root.dep_ == "compound" and word.head.i == root.head.i


def _surname_in_doc(span: Span) -> bool:
    """Whether a longer PERSON name of the doc ends with the span's word."""
    return span.text in once(span.doc, _surnames_of_full_names)


def _place_or_nationality(name: str) -> bool:
    gazetteer = places()
    return bool(gazetteer.country(name) or gazetteer.demonym(name) or gazetteer.city_country(name))


def _descriptor_apart(span: Span) -> list[Span]:
    """A word describing a person that the model ran into the name, apart from it:

    * a nationality, as a NORP of its own: "Briton Hayley Yelling", "Russian Igor
      Andreev", "American Abigail Spears" (which the model may call an organization: a
      first name after the demonym says it is a person);
    * a party, as its own entity: "Tory Edward Turnour";
    * a noun of a headline: "Teenager Tait", "Rapper Snoop Dogg" (no entity).
    """
    first = span[0]
    if len(span) < 2 or not span[1].text[:1].isupper():
        return [span]
    rest = span.doc[span.start + 1 : span.end]
    named = len(rest) > 1 and first_name_gender(rest.text) is not None
    people = _people_word(first.lower_)
    if places().demonym(first.text) is not None or people:
        if span.label_ != "PERSON" and not named and not people:
            return [span]  # "Irishmen JP McManus": a word for people says it is one
        return [Span(span.doc, span.start, span.start + 1, "NORP"), _as_person(rest)]
    if first.lower_ in PARTY_WORDS and named:
        label = PARTY_WORDS[first.lower_]
        return [Span(span.doc, span.start, span.start + 1, label), _as_person(rest)]
    if (
        span.label_ == "PERSON"
        and first.lower_ in PERSON_NOUNS
        and not _starts_with_first_name(span)
    ):
        return [_as_person(rest)]
    return [span]


def _with_words_of_acronym(span: Span) -> Span:
    """The whole name before an acronym in brackets when the model marked only its last
    words as a person: "Vale Do Rio Dolce (CVRD)", not "Rio Dolce"; an organization, by its
    acronym, also when the model marked it whole ("Nuevo Banco Luis Romero (NBLR)"), but
    "Alex Salmond (SNP)" names his party."""
    doc = span.doc
    if span.label_ != "PERSON" or len(span) < 2 or span.end + 2 >= len(doc):
        return span
    opening, acronym, closing = doc[span.end], doc[span.end + 1], doc[span.end + 2]
    if opening.text != "(" or closing.text != ")" or not acronym.text.isupper():
        return span
    letters = "".join(word.text[0] for word in span)
    if letters == acronym.text and len(letters) >= 3:
        return Span(doc, span.start, span.end, "ORG")  # "Nuevo Banco Luis Romero (NBLR)"
    if not acronym.text.endswith(letters[-1]) or not _in_order(letters, acronym.text):
        return span
    start = span.start
    while start > 0 and doc[start - 1].is_title and not doc[start - 1].ent_type_:
        start -= 1
    if start == span.start or len(acronym) <= len(letters):
        return span
    return Span(doc, start, span.end, "ORG")


def _in_order(letters: str, acronym: str) -> bool:
    """Whether the letters appear in the acronym in this order."""
    rest = iter(acronym)
    return all(letter in rest for letter in letters)


def _with_head_of_coordination(span: Span) -> Span:
    """An organization's or a title's name with the words before its "and" that the model
    left out: "the Pew Internet and American Life Project", where the model marked "American
    Life Project". The words run back, capitalized and no entity of their own, to "the"."""
    doc = span.doc
    if span.label_ not in _NAMES_WITH_AND or span.start < 3 or doc[span.start - 1].lower_ != "and":
        return span
    start = span.start - 1
    while (
        start > 0
        and doc[start - 1].is_title
        and not doc[start - 1].ent_type_
        and not doc[start - 1].is_sent_start
        and span.start - start <= 4
    ):
        start -= 1
    if start == span.start - 1 or start == 0 or doc[start - 1].lower_ != "the":
        return span
    if any(_place_or_nationality(t.text) for t in doc[start : span.start - 1]):
        return span  # "the British and American Film Institutes" names two
    return Span(doc, start, span.end, span.label_)


def _with_shared_nationality(span: Span) -> Span:
    """An organization's name that opens with a nationality shared over "and" with the one
    before it: "British and Irish Lions coach Clive Woodward", where the model marked
    "British" apart and "Irish Lions" as the team (one team of both)."""
    doc = span.doc
    if span.label_ != "ORG" or span.start < 2 or len(span) < 2:
        return span
    first, conjunction, before = span[0], doc[span.start - 1], doc[span.start - 2]
    if conjunction.lower_ != "and" or not (_nationality(first) and _nationality(before)):
        return span
    if first.head.i != before.i and before.head.i != span.root.i:
        return span  # "British and Irish" must modify the name together
    return Span(doc, before.i, span.end, span.label_)


def _nationality(token) -> bool:
    return token.is_title and token.tag_ in ("JJ", "NNP") and bool(places().demonym(token.text))


#: Labels of names that may hold an "and": "Pew Internet and American Life Project".
_NAMES_WITH_AND = {"ORG", "EVENT", "WORK_OF_ART", "FAC", "PRODUCT"}


def _names_apart(span: Span) -> list[Span]:
    """Two names the model ran into one, apart:

    * two sides of a match over "v" or "vs": "Cyprus v Faroe Islands";
    * two places over "and", each known to the gazetteer, which together are no place:
      "the UK and Saudi Arabia" ("Trinidad and Tobago" is one country, "the MP for
      Grantham and Stamford" one seat);
    * two places over a comma, both known to the gazetteer and one a country: "Auckland,
      New Zealand", "the Czech Republic, South Africa" (a list);
    * two surnames over "and", each the surname of a full name of the article: "tripped
      by Bryson and Thompson converted the penalty" (Craig Bryson, Alan Thompson) is two
      people, not one organization.
    """
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if doc[i].lower_ in ("v", "vs", "v.", "vs."):
            return [Span(doc, span.start, i, span.label_), Span(doc, i + 1, span.end, span.label_)]
    listed = _list_of_places(span)
    if listed is not None:  # "Nottinghamshire, Derbyshire, Leicestershire"
        return listed
    commas = [i for i in range(span.start + 1, span.end - 1) if doc[i].text == ","]
    if len(commas) == 1 and span.label_ != "PERSON":
        parts = (doc[span.start : commas[0]], doc[commas[0] + 1 : span.end])
        if all(is_known_place(clean_name(part.text)) for part in parts) and any(
            places().country(canonical(clean_name(part.text), "GPE")[0]) for part in parts
        ):  # "Auckland, New Zealand", "the Czech Republic, South Africa"
            return [Span(doc, part.start, part.end, "GPE") for part in parts]
    ands = [i for i in range(span.start + 1, span.end - 1) if doc[i].lower_ == "and"]
    if len(ands) != 1 or span.label_ == "WORK_OF_ART" or _place_or_nationality(span.text):
        return [span]
    if span.start and _seat_of_member(doc[span.start - 1]):
        return [span]  # "the MP for Grantham and Stamford": one constituency
    first, second = doc[span.start : ands[0]], doc[ands[0] + 1 : span.end]
    if _place_or_nationality(first.text) and _place_or_nationality(
        canonical(clean_name(second.text), "GPE")[0]
    ):
        return [Span(doc, first.start, first.end, "GPE"), Span(doc, second.start, span.end, "GPE")]
    surnames = once(doc, _surnames_of_full_names)
    if len(first) == len(second) == 1 and first.text in surnames and second.text in surnames:
        return [_as_person(first), _as_person(second)]
    return [span]


def _with_dropped_g_words(span: Span) -> Span:
    """A name cut at a word written with its "g" dropped, with the words after it: "Blazin'
    Squad" where the model marked "Blazin" ("Rockin' Robin"); not a plural's possessive
    ("the Rolling Stones' Mick Jagger")."""
    doc = span.doc
    end = span.end
    if end + 1 >= len(doc) or doc[end].text not in ("'", "’") or doc[end - 1].whitespace_:
        return span
    if not doc[end - 1].lower_.endswith("in") or not doc[end + 1].is_title:
        return span
    end += 1
    while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
        end += 1
    return Span(doc, span.start, end, span.label_) if end > span.end + 1 else span


def _list_of_places(span: Span) -> list[Span] | None:
    """Three or more names over commas, each a place of the gazetteer or a county ("-shire"),
    that the model ran into one: "across Nottinghamshire, Derbyshire, Leicestershire"."""
    doc = span.doc
    commas = [i for i in range(span.start + 1, span.end - 1) if doc[i].text == ","]
    if len(commas) < 2 or span.label_ == "PERSON":
        return None
    bounds = [span.start, *commas, span.end]
    parts = [doc[a + (a != span.start) : b] for a, b in zip(bounds, bounds[1:])]
    if not all(len(part) and _place_or_county(part) for part in parts):
        return None
    return [Span(doc, part.start, part.end, "GPE") for part in parts]


def _place_or_county(part: Span) -> bool:
    name = clean_name(part.text)
    return is_known_place(name) or (len(part) == 1 and part[0].is_title and name.endswith("shire"))


def _surnames_of_full_names(doc: Doc) -> set[str]:
    """The last words of the doc's PERSON names of two words or more."""
    return {e[-1].text for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1}


def _with_capital_the(span: Span) -> Span:
    """A one-word name with the capitalized "The" before it that belongs to it, in the
    middle of a sentence: "correspondent for The World" (a programme; "World" alone names
    nothing), "left The Bill". Not a place ("The Hague" is the gazetteer's)."""
    doc = span.doc
    if len(span) != 1 or span.start == 0 or span.label_ in ("GPE", "LOC", "NORP"):
        return span
    the = doc[span.start - 1]
    if the.text != "The" or the.is_sent_start or the.ent_type_ or _place_or_nationality(span.text):
        return span
    if span.start >= 2 and doc[span.start - 2].text in ('"', "'", "‘", "“"):
        return span  # a quotation opening with "The"
    return Span(doc, the.i, span.end, span.label_)


#: Determiners that open a name when capitalized in mid-sentence: "the All England Club".
NAME_DETERMINERS = {"All", "Every", "No"}


def _with_capital_determiner(span: Span) -> Span:
    """An organization's, building's or event's name with a capitalized determiner before
    it that belongs to it, in mid-sentence: "All England Club chairman Tim Phillips", where
    the model marked "England Club" (a lower-case "all" is no part of a name)."""
    doc = span.doc
    if span.start == 0 or span.label_ not in _NAMES_WITH_AND:
        return span
    word = doc[span.start - 1]
    if word.text not in NAME_DETERMINERS or word.is_sent_start or word.ent_type_:
        return span
    if word.i >= 1 and doc[word.i - 1].text in ('"', "'", "‘", "“", ":"):
        return span  # a quotation or a headline opening with the word
    if not span.start <= word.head.i < span.end and word.head.i != span.root.head.i:
        return span
    return Span(doc, word.i, span.end, span.label_)


def _with_word_of_a_longer_mention(span: Span) -> Span:
    """A name with the capitalized word before it, when the doc names the two words as one
    elsewhere: "Little Britain comedy duo Matt Lucas" opening a sentence, where the model
    marked "Britain" alone, beside "the hit comedy Little Britain" (a show, not the UK)."""
    doc = span.doc
    if span.start == 0:
        return span
    word = doc[span.start - 1]
    if not word.is_title or word.ent_type_ or word.lower_ in _NOT_PART_OF_A_NAME:
        return span
    label = once(doc, _entity_labels).get(f"{word.text} {span.text}")
    return span if label is None else Span(doc, word.i, span.end, label)


def _entity_labels(doc: Doc) -> dict[str, str]:
    """The doc's entity texts of two words or more, with the first label of each."""
    labels: dict[str, str] = {}
    for ent in entities(doc):
        if len(ent) > 1:
            labels.setdefault(ent.text, ent.label_)
    return labels


def _surface(span: Span) -> str:
    """The name a span gives: without a leading article, honorific or possessive, but with
    the capital "The" of a one-word title in mid-sentence ("The World", "The Bill")."""
    name = clean_name(span.text)
    if (
        len(span) >= 2
        and span[0].text == "The"
        and not span[0].is_sent_start
        and len(name.split()) == 1
        and not _place_or_nationality(name)
    ):
        return f"The {name}"
    return name


def _people_word(word: str) -> bool:
    """Whether a word names people of a country: "Briton", "Irishmen"."""
    singular = word[:-3] + "man" if word.endswith("men") else word.removesuffix("s")
    return word in PERSON_DEMONYMS or singular in PERSON_DEMONYMS


def _as_person(span: Span) -> Span:
    return Span(span.doc, span.start, span.end, "PERSON")


def _starts_with_first_name(span: Span) -> bool:
    """Whether a span starts with a first name ("Rapper" does not)."""
    return first_name_gender(span.text) is not None


#: Party words run into a politician's name, with the type of their entity.
PARTY_WORDS = {"tory": "NORP", "conservative": "NORP", "labour": "ORG", "democrat": "NORP"}
PARTY_WORDS |= {"republican": "NORP", "unionist": "NORP"}
#: Nouns for a person a headline capitalizes before a name ("Teenager Tait").
PERSON_NOUNS = {"teenager", "rapper", "singer", "actor", "actress", "star", "veteran"}
PERSON_NOUNS |= {"striker", "midfielder", "defender", "goalkeeper", "winger", "youngster"}
PERSON_NOUNS |= {"comedian", "presenter", "author", "novelist", "rocker", "newcomer"}


#: Epithets after a name that belong to it: "William Pitt the Younger".
EPITHETS = {"younger", "elder", "great"}


def _joined(doc: Doc) -> list[Span]:
    """The doc's entities, with those the model split joined back: a country before an
    institution it names ("US" + "District Court"), a person's epithet ("William Pitt" +
    "the Younger"), a name with "and" ("Angels" + "Demons")."""
    ents = list(entities(doc))
    over_and = _names_over_and(doc)
    joined: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        after = ents[i + 1] if i + 1 < len(ents) else None
        if after is not None and _country_of_institution(ent, after):
            joined.append(Span(doc, ent.start, after.end, "ORG"))
            i += 2
            continue
        if after is not None and _branch_of_organization(ent, after):
            joined.append(Span(doc, ent.start, after.end, "ORG"))
            i += 2
            continue
        if after is not None and _sunday_paper(ent, after):
            joined.append(Span(doc, ent.start, after.end, "ORG"))
            i += 2
            continue
        if after is not None and _noble_title_of(ent, after):
            joined.append(Span(doc, ent.start, after.end, "PERSON"))
            i += 2
            continue
        end = max(_epithet_end(ent), _title_with_and_end(ent))
        and_end = _and_run_end(ent)
        label = over_and.get(doc[ent.start : and_end].text) if and_end > ent.end else None
        if label is not None:
            joined.append(Span(doc, ent.start, and_end, label))
            while i + 1 < len(ents) and ents[i + 1].start < and_end:
                i += 1
        elif end > ent.end:
            joined.append(Span(doc, ent.start, end, _joined_label(ent, end)))
            while i + 1 < len(ents) and ents[i + 1].start < end:
                i += 1
        else:
            joined.append(ent)
        i += 1
    return joined


def _country_of_institution(ent: Span, after: Span) -> bool:
    """ "US" right before "District Court", of which it is a part (a compound)."""
    return (
        ent.label_ == "GPE"
        and after.label_ == "ORG"
        and after.start == ent.end
        and after.start <= ent.root.head.i < after.end
        and after[-1].text in institution_words()
        and _place_or_nationality(canonical(clean_name(ent.text), "GPE")[0])
    )


def _branch_of_organization(ent: Span, after: Span) -> bool:
    """ "AOL" + "UK": an organization's branch in a country, named by both, where the
    country heads the phrase ("Chief Executive of AOL UK"), or a branch in a known place
    before the role of a person named next ("BBC Radio Scotland presenter Vic Galloway");
    not "the EU Turkey talks"."""
    return (
        ent.label_ == "ORG"
        and after.label_ == "GPE"
        and after.start == ent.end
        and ent.root.dep_ == "compound"
        and after.start <= ent.root.head.i < after.end
        and (
            (
                after.root.dep_ not in ("compound", "nmod", "amod")
                and places().country(canonical(clean_name(after.text), "GPE")[0]) is not None
            )
            or (_role_of_a_person(after) and is_known_place(clean_name(after.text)))
        )
    )


def _role_of_a_person(place: Span) -> bool:
    """Whether a place modifies a role noun before a person's name: "Scotland presenter Vic
    Galloway"."""
    role = place.root.head
    following = role.doc[role.i + 1] if role.i + 1 < len(role.doc) else None
    return (
        place.root.dep_ == "compound"
        and role.i == place.end
        and is_role_noun(role.lemma_)
        and following is not None
        and following.ent_type_ == "PERSON"
    )


#: Last words of newspapers' names that a "Sunday" edition opens: "the Sunday Telegraph".
NEWSPAPER_WORDS = {"Telegraph", "Times", "Mirror", "Express", "Independent", "Herald"}
NEWSPAPER_WORDS |= {"Post", "People", "Tribune", "Mail", "Sport", "Star", "Observer"}


def _sunday_paper(ent: Span, after: Span) -> bool:
    """ "Sunday" (a date to the model) + "Telegraph": the Sunday Telegraph, a newspaper,
    whose name the model split ("Robert Peston, a Sunday Telegraph journalist")."""
    return (
        ent.label_ == "DATE"
        and ent.text == "Sunday"
        and after.start == ent.end
        and after.label_ in ("ORG", "PERSON", "WORK_OF_ART")
        and after[0].text in NEWSPAPER_WORDS
    )


def _noble_title_of(ent: Span, after: Span) -> bool:
    """ "Duke" + "of" + "Edinburgh", which the model split: one person's title (a place
    after "of")."""
    return (
        len(ent) == 1
        and ent[0].lower_ in NOBLE_TITLES
        and after.start == ent.end + 1
        and ent.doc[ent.end].lower_ == "of"
        and after.label_ in ("GPE", "LOC", "ORG")
        and is_known_place(after.text)
    )


def _joined_label(ent: Span, end: int) -> str:
    """A person's with an epithet; a band's (ORG) for "X and the Ys" the model called a
    person or a place; else the model's."""
    if _epithet_end(ent) == end:
        return "PERSON"
    return "ORG" if ent.label_ in ("PERSON", "GPE", "LOC", "NORP", "FAC") else ent.label_


def _title_with_and_end(ent: Span) -> int:
    """The end of a band's or a title's name with "and" the model cut after its first word:
    "Echo and the Bunnymen", "the Mamas and the Papas" (the second word capitalized and
    plural, after "the" or no entity; not "Smith and Jones", "Leeds and Hull", "Sony and
    Philips")."""
    doc = ent.doc
    i = ent.end
    if len(ent) != 1 or i + 2 >= len(doc) or doc[i].lower_ != "and":
        return ent.end
    if doc[i + 1].text == "The":
        return ent.end  # "Morrissey and The Libertines": another name
    the = doc[i + 1].lower_ == "the"
    i += 2 if the else 1
    if i >= len(doc):
        return ent.end
    word = doc[i]
    plural = word.text.endswith("s") or word.text.endswith("men")
    named = word.ent_type_ not in ("", "PRODUCT", "WORK_OF_ART", "PERSON")
    if not word.is_title or not plural or named or (word.ent_type_ and not the):
        return ent.end  # "Smith and Jones", "Sony and Philips"
    if _place_or_nationality(ent.text) or _place_or_nationality(word.text):
        return ent.end
    if ent.label_ == "PERSON" and first_name_gender(f"{ent.text} X") is not None:
        return ent.end
    return i + 1


def _names_over_and(doc: Doc) -> dict[str, str]:
    """Names with "and" the model cut in two, by text, with their label: a work's title
    after a singular noun for a work ("the novel Angels and Demons", "his film Pride and
    Prejudice"; not "the films Sideways and Ray", nor the verb of "will play Leicester and
    Bolton"), a member's seat ("the MP for Grantham and Stamford"), or one name as the
    subject of a singular
    verb ("Angels and Demons is set in Rome", "Marks and Spencer has"). Every other
    mention of the same words in the article is the same name."""
    found: dict[str, str] = {}
    nouns, _ = type_words()
    for ent in entities(doc):
        end = _and_run_end(ent)
        if end == ent.end or ent.label_ not in ENTITY_TYPES or _full_name_in(doc[ent.end : end]):
            continue  # "in December and Tony Blair is": a date, and a person of his own
        text = doc[ent.start : end].text
        before = doc[ent.start - 1] if ent.start else None
        if (
            before is not None
            and before.tag_ not in ("NNS", "NNPS")
            and not _verb(before)  # not "will play Leicester and Bolton"
            and nouns.get(before.lower_) == "WORK_OF_ART"
        ):
            found[text] = "WORK_OF_ART"
        elif before is not None and _seat_of_member(before):
            found[text] = "GPE"
        elif end < len(doc) and doc[end].tag_ == "VBZ" and text not in found:
            found[text] = _one_name_label(doc[ent.start : end], ent)
    return found


def _seat_of_member(before) -> bool:
    """Whether the word before a name is the "for" of a member's seat: "the MP for Grantham
    and Stamford", "the member for Kensington and Chelsea" (one constituency)."""
    return before.lower_ == "for" and before.head.lemma_.lower() in CONSTITUENCY_MEMBERS


def _verb(word) -> bool:
    """Whether a word is used as a verb: "will play Leicester", not "the night show
    Bethan and Huw" (a noun the tagger calls a verb, hung on the name)."""
    return word.tag_.startswith("VB") and word.dep_ not in _NOUN_DEPS


#: Dependencies of a noun, that a word the tagger calls a verb may still have.
_NOUN_DEPS = {"compound", "nmod", "amod", "pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos"}


def _full_name_in(words: Span) -> bool:
    """Whether a person's full name of the model's starts within ``words``."""
    return any(
        e.label_ == "PERSON" and len(e) > 1 and words.start <= e.start < words.end
        for e in entities(words.doc)
    )


def _and_run_end(ent: Span) -> int:
    """The end of the capitalized words after "and" (and "the") right after ``ent``."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "and":
        return ent.end
    end = ent.end + 1
    if doc[end].lower_ == "the":
        end += 1
    start = end
    while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start and end - start < 4:
        end += 1
    return end if end > start else ent.end


def _one_name_label(words: Span, first: Span) -> str:
    """A place's for a country of two ("Trinidad and Tobago"), else an organization's
    unless the model named the first part a work, a product or an event."""
    if _place_or_nationality(words.text):
        return "GPE"
    return first.label_ if first.label_ in ("WORK_OF_ART", "PRODUCT", "EVENT") else "ORG"


def _epithet_end(ent: Span) -> int:
    """The end of "William Pitt the Younger" when ``ent`` is "William Pitt", and of any
    one-word epithet the parser hangs on the name (its apposition or head): "Noggin the Nog",
    "Ivan the Terrible" (not an entity, an office or a longer capitalized run: "Smith the
    Chelsea captain", "gave Smith the Golden Boot")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or ent.label_ not in ("PERSON", "GPE", "ORG", "NORP"):
        return ent.end
    if ent.label_ != "PERSON" and (len(ent) > 1 or is_known_place(ent.text)):
        return ent.end  # a one-word name the model mistook, not "Paris the City of Light"
    the, epithet = doc[ent.end], doc[ent.end + 1]
    if the.lower_ != "the" or not epithet.is_title or epithet.is_sent_start:
        return ent.end
    if epithet.lower_ in EPITHETS:
        return ent.end + 2
    alone = ent.end + 2 >= len(doc) or not (doc[ent.end + 2].is_title or doc[ent.end + 2].is_upper)
    hung = (epithet.dep_ == "appos" and ent.start <= epithet.head.i < ent.end) or (
        ent.root.dep_ in ("compound", "nmod") and ent.root.head.i == epithet.i
    )
    named = (
        hung
        and not epithet.ent_type_
        and not is_role_noun(epithet.lemma_.lower())
        and epithet.lower_ not in _NOT_PART_OF_A_NAME
    )
    return ent.end + 2 if named and alone else ent.end


def _without_title(span: Span) -> Span | None:
    """The span without the words of an office title the model ran into it ("EU Energy" of
    "EU Energy Commissioner" → "EU"); None when nothing of a name is left ("Supreme" of
    "Supreme Leader", "New Home" of "New Home Secretary") or when it is a place or
    nationality cut from a longer name ("Miami" of "Miami Vice", "French" of "French
    Open champion")."""
    if _office_state(span) or _portfolio_of_office(span) or _describes_a_club(span):
        return None
    if span.end >= len(span.doc):
        return span
    after = span.doc[span.end]
    if not (after.is_title or _acronym(after)) or after.ent_type_ or after.is_sent_start:
        return span
    if is_role_noun(after.lemma_):
        end = span.end
        while end > span.start and span.doc[end - 1].lower_ in OFFICE_WORDS:
            end -= 1
        if end == span.end:
            return span
        return Span(span.doc, span.start, end, span.label_) if end > span.start else None
    if span.label_ not in ("GPE", "NORP") or span.root.head.i < span.end:
        return span
    if _acronym(after) or span.root.dep_ == "nmod" and after.pos_ in ("PROPN", "ADJ"):
        return _longer_name(span) or span  # "US Open semi-finalist", not "US Olympic team"
    if span.root.dep_ == "compound" and after.pos_ in ("PROPN", "ADJ") and after.is_title:
        return _longer_name(span)  # "Miami" of "Miami Vice": no entity of its own
    return span


def _acronym(token) -> bool:
    """Whether a word is an acronym of capitals that can name a body: "FA", "BBC" (not
    "TV", "DVD", "GDP")."""
    return (
        token.is_upper
        and token.is_alpha
        and 2 <= len(token) <= 5
        and token.text not in COMMON_ACRONYMS
    )


#: Acronyms of things, not bodies: "US TV presenter" names no organization.
COMMON_ACRONYMS = {"TV", "DVD", "CD", "PC", "SUV", "GDP", "IT", "HQ", "PR", "MP", "ID"}
COMMON_ACRONYMS |= {"AC", "DJ", "CEO", "VAT", "SMS", "PDA", "GP"}


def _portfolio_of_office(span: Span) -> bool:
    """Whether the name is a portfolio in the title of an office, the capitalized words
    before a capitalized office or after "Secretary of State for" ("Justice and Home
    Affairs Commissioner", "Culture, Media and Sport Secretary"): no organization ("Marks
    and Spencer Chairman" is one; "the Department for Culture, Media and Sport" is)."""
    doc = span.doc
    end = span.end
    while end < len(doc) and _portfolio_word(doc[end]) and end - span.end < 6:
        end += 1
    start = span.start
    while start > 0 and _portfolio_word(doc[start - 1]) and not doc[start].is_sent_start:
        start -= 1
    office_after = end < len(doc) and doc[end].is_title and is_role_noun(doc[end].lemma_.lower())
    office_before = (  # "Secretary of State for Culture, Media and Sport"
        start >= 2
        and doc[start - 1].lower_ == "for"
        and (doc[start - 2].text == "State" or is_role_noun(doc[start - 2].lemma_.lower()))
    )
    if not (office_after or office_before):
        return False
    words = [t for t in doc[start:end] if t.lower_ not in ("and", "&", ",")]
    return bool(words) and all(
        t.is_title and t.lower_ in PORTFOLIO_WORDS and t.ent_type_ not in ("GPE", "NORP", "PERSON")
        for t in words
    )


def _portfolio_word(token) -> bool:
    return token.lower_ in ("and", "&", ",") or (token.is_title and token.lower_ in PORTFOLIO_WORDS)


def _describes_a_club(span: Span) -> bool:
    """Whether the name only describes the club or side after it: "the Midlands club",
    "the Glasgow club", "the Premiership side", "the Anfield club" (the club meant is
    not named: Aston Villa, Celtic). A country names its national side ("the England
    side", "the GB team") and an organization its own ("the Chelsea side"); a league
    names no club ("the Premier League club")."""
    doc = span.doc
    if span.start == 0 or span.end >= len(doc) or doc[span.start - 1].lower_ != "the":
        return False
    noun = doc[span.end]
    if span.root.dep_ != "compound" or span.root.head.i != noun.i:
        return False
    if noun.lemma_.lower() not in ("club", "side", "outfit", "team"):
        return False
    if span.label_ == "ORG":
        return span[-1].text in LEAGUE_WORDS
    if span.label_ == "GPE" and places().city_country(clean_name(span.text)) is None:
        return False  # a country's side: "the England side", "the Ireland team"
    return not span.text.isupper()  # "the GB team"


#: Last words of a league's or division's name ("the Premier League club").
LEAGUE_WORDS = {"League", "Premiership", "Championship", "Conference", "Division"}


def _office_state(span: Span) -> bool:
    """Whether the name is the "State" of an office: "Secretary of State", "Minister of
    State for Culture", "head of state" (no organization)."""
    if span[0].text != "State" or span.start < 2:
        return False
    of, office = span.doc[span.start - 1], span.doc[span.start - 2]
    return of.lower_ == "of" and is_role_noun(office.lemma_.lower())


def _longer_name(span: Span) -> Span | None:
    """The longer name a place or nationality opens, when its last word says what it is
    ("US Open" of "US Open champion" or "semi-finalist": an event, by "Open"), or when it
    ends in an acronym before an office ("Egypt FA" of "Egypt FA spokesman": a body);
    else None, the place being no entity of its own there ("Miami" of "Miami Vice")."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and (doc[end].is_title or _acronym(doc[end]))
        and not doc[end].ent_type_
        and end - span.end < 3
    ):
        end += 1
    if end == span.end:
        return None
    label = type_words()[1].get(doc[end - 1].text)
    if label is None and _acronym(doc[end - 1]) and end < len(doc):
        label = "ORG" if is_role_noun(doc[end].lemma_.lower()) else None
    return Span(doc, span.start, end, label) if label is not None else None


#: Words that open the title of an office ("Home Secretary", "Supreme Leader"), never a
#: name on their own: "UN Secretary General" or "EBRD President" keep their organization.
OFFICE_WORDS = {"home", "foreign", "defence", "defense", "health", "culture", "education"}
OFFICE_WORDS |= {"trade", "transport", "environment", "interior", "justice", "supreme"}
OFFICE_WORDS |= {"shadow", "prime", "chief", "deputy", "vice", "first", "lord", "general"}
OFFICE_WORDS |= {"energy", "finance", "economy", "industry", "agriculture", "work", "sports"}
OFFICE_WORDS |= {"new", "former", "acting"}
#: Words of a minister's or commissioner's portfolio ("Work and Pensions Secretary").
PORTFOLIO_WORDS = OFFICE_WORDS - {"new", "former", "acting", "chief", "deputy", "vice", "first"}
PORTFOLIO_WORDS |= {"affairs", "pensions", "media", "sport", "food", "rural", "skills"}
PORTFOLIO_WORDS |= {"communities", "security", "development", "science", "technology"}
PORTFOLIO_WORDS |= {"constitutional", "local", "government", "regional", "employment"}
PORTFOLIO_WORDS |= {"social", "enterprise", "competition", "fisheries", "heritage"}
PORTFOLIO_WORDS |= {"tourism", "equality", "children", "families", "schools", "housing"}
PORTFOLIO_WORDS |= {"planning", "commerce", "external", "relations", "economic", "monetary"}
PORTFOLIO_WORDS |= {"internal", "market", "taxation", "customs", "consumer", "protection"}
PORTFOLIO_WORDS |= {"information", "society", "research", "enlargement", "aid", "welfare"}
PORTFOLIO_WORDS |= {"humanitarian", "immigration", "citizenship", "lifelong", "learning"}
PORTFOLIO_WORDS |= {"international", "constitutional", "budget", "arts"}
#: Capitalized words before a name that are no part of it: offices, titles, parties,
#: nouns for a person ("Home", "Mr", "Lord", "Tory", "Teenager").
_NOT_PART_OF_A_NAME = OFFICE_WORDS | PERSONAL_TITLES | PEER_TITLES | set(PARTY_WORDS)
_NOT_PART_OF_A_NAME |= PERSON_NOUNS | {"sir", "dame", "saint", "st", "president", "king"}
_NOT_PART_OF_A_NAME |= {"judge", "justice", "inspector", "captain", "coach", "doctor", "prince"}
_NOT_PART_OF_A_NAME |= {"princess", "queen", "pope", "bishop", "archbishop", "rev", "father"}
_NOT_PART_OF_A_NAME |= {"senator", "governor", "mayor", "professor", "sergeant", "colonel"}


def _organization_names(spans: list[Span]) -> set[str]:
    """PERSON-labelled names used the way only organizations are (a small-model slip)."""
    flagged = set()
    for span in spans:
        head = span.root
        if span.label_ == "PERSON" and head.dep_ in ("compound", "poss"):
            noun = head.head
            if noun.lemma_.lower() in ORGANIZATION_CUES and noun.ent_type_ != "PERSON":
                flagged.add(clean_name(span.text))
    return flagged


def _label(span: Span, organizations: set[str], surface: str) -> str:
    if span.label_ == "PERSON" and surface in organizations:
        return "ORG"
    titled = span[0].lower_ in PERSONAL_TITLES or (
        span.start > 0 and span.doc[span.start - 1].lower_ in PERSONAL_TITLES
    )
    return "PERSON" if titled and span.label_ in ("ORG", "GPE", "NORP") else span.label_


def _titled(span: Span, name: str, genders: dict[str, set[str]]) -> str:
    """``name`` with the title just before its span when it tells the person apart: a peer
    title ("Lord Roberts"), or a title of the other gender than every full name of the
    article with that surname ("Mrs Howard" beside Michael Howard is not him)."""
    before = span.doc[span.start - 1] if span.start else None
    if span.label_ != "PERSON":
        return name
    if before is not None and before.lower_ in PEER_TITLES:
        return f"{before.text} {name}"
    title = span[0] if span[0].lower_ in TITLE_GENDER else before
    if title is None:
        return name
    gender = TITLE_GENDER.get(title.lower_)
    others = genders.get(name.casefold(), set())
    if gender and len(name.split()) == 1 and others and gender not in others:
        return f"{title.text} {name}"
    return name


#: Nouns of a spouse, whose first name an article gives after them: "his wife, Sandra".
SPOUSE_NOUNS = {"wife", "husband", "widow", "widower"}


def _spouses_named_in_full(spans: list[Span], surfaces: list[str]) -> dict[str, str]:
    """A spouse's first name and titled surname → the spouse's full name, when the article
    gives the first name alone after the spouse noun and also calls the spouse by title and
    surname: in "Michael Howard's wife, Sandra" beside "Mrs Howard", Sandra and Mrs Howard
    are Sandra Howard. Without the titled surname the first name stays alone (a wife may
    keep her own surname, a mother has another)."""
    full_names: dict[str, str] = {}  # a first name or a titled surname → the full name
    for span in spans:
        surname = _spouse_surname(span)
        gender = first_name_gender(f"{span.text} {surname}") if surname else None
        if surname is None or gender is None:
            continue
        titled = [
            other
            for other in set(surfaces)
            if len(other.split()) == 2
            and other.split()[1] == surname
            and TITLE_GENDER.get(other.split()[0].lower()) == gender
        ]
        named_in_full = any(o.split()[0] == span.text and len(o.split()) > 1 for o in surfaces)
        if len(titled) == 1 and not named_in_full:
            full_names[span.text] = full_names[titled[0]] = f"{span.text} {surname}"
    return full_names


def _spouse_surname(span: Span) -> str | None:
    """The surname of the named person whose spouse a one-word name is: "Michael Howard's
    wife, Sandra" → Howard."""
    if span.label_ != "PERSON" or len(span) != 1 or not is_first_name(span.text):
        return None
    token = span[0]
    if token.dep_ != "appos" or token.head.lemma_.lower() not in SPOUSE_NOUNS:
        return None
    owners = [c for c in token.head.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"]
    return owners[0].text if owners and owners[0].is_title else None


def _surname_genders(spans: list[Span]) -> dict[str, set[str]]:
    """Surname → the genders the first names of the article's full names with it give."""
    found: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        name = clean_name(span.text)
        gender = first_name_gender(name) if span.label_ == "PERSON" else None
        if gender:
            found[name.split()[-1].casefold()].add(gender)
    return found


def _labels_from_evidence(
    surfaces: list[str], labels: list[str], evidence: list[Counter[str]]
) -> list[str]:
    """Each mention's label, with the type the evidence about its name gives over the
    model's labels for it: "Bernie Ebbers" the model calls ORG is a PERSON when the article
    says so, and "Ebbers" can then join him."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for surface, label, own in zip(surfaces, labels, evidence):
        votes[surface][label] += 1
        found[surface].update(own)
    decided = {
        surface: decide_type(votes[surface], found[surface], votes[surface].most_common(1)[0][0])
        for surface in votes
        if found[surface]
    }
    return [decided.get(surface, label) for surface, label in zip(surfaces, labels)]


def _described_as_no_person(surfaces: list[str], evidence: list[Counter[str]]) -> set[str]:
    """Match keys of the names the article itself describes as something other than a
    person ("Ford, the US car company"): they join no person's full name ("Bill Ford")."""
    described = set()
    for surface, found in zip(surfaces, evidence):
        if found:
            kind, weight = found.most_common(1)[0]
            if kind != "PERSON" and weight >= MEDIUM and not found["PERSON"]:
                described.add(match_key(surface))
    return described


def resolve_mentions(doc: Doc) -> list[Mention]:
    """Named mentions of a doc, each tied to its entity within the article."""
    spans = named_spans(doc)
    genders = _surname_genders(spans)
    surfaces = [_titled(span, _surface(span), genders) for span in spans]
    organizations = _organization_names(spans)
    labels = [_label(span, organizations, name) for name, span in zip(surfaces, spans)]
    span_evidence = [type_evidence(span) for span in spans]
    labels = _labels_from_evidence(surfaces, labels, span_evidence)
    pairs = [canonical(name, label) for name, label in zip(surfaces, labels)]
    entities = cluster_names(pairs, _described_as_no_person(surfaces, span_evidence))
    aliases: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for surface, pair, found in zip(surfaces, pairs, span_evidence):
        aliases[entities[pair].id].add(surface)
        evidence[entities[pair].id].update(found)
    final = {
        entity.id: replace(
            entity,
            type=decide_type(Counter(dict(entity.type_votes)), evidence[entity.id], entity.type),
            aliases=tuple(sorted((aliases[entity.id] | set(entity.aliases)) - {entity.name})),
        )
        for entity in entities.values()
    }
    final = _with_spouses_named_in_full(final, _spouses_named_in_full(spans, surfaces))
    return [
        Mention(span.start, span.end, final[entities[pair].id]) for span, pair in zip(spans, pairs)
    ]


def _with_spouses_named_in_full(
    final: dict[str, EntityRef], full_names: dict[str, str]
) -> dict[str, EntityRef]:
    """The article's entities with those :func:`_spouses_named_in_full` names renamed, the
    first name and the titled surname one entity."""
    if not full_names:
        return final
    merged: dict[str, set[str]] = defaultdict(set)
    for entity in final.values():
        if entity.name in full_names:
            merged[full_names[entity.name]] |= {entity.name, *entity.aliases}
    whole = {
        name: EntityRef.make(name, "PERSON", tuple(sorted(aliases)))
        for name, aliases in merged.items()
    }
    return {
        key: whole[full_names[entity.name]] if entity.name in full_names else entity
        for key, entity in final.items()
    }
