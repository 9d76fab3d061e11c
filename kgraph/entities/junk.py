"""Spans the small model labels as names but no reader would: numbers, scores, clauses.

"6.2bn" (PERSON), "8:11.22" (PERSON), "Williams 1-6,4-6" (a name and a score) and
"Southampton when Arsenal" (two names across a clause boundary) are not entities. A span
keeps its name part when numbers only trail or lead it ("Williams"); it is dropped when
nothing name-like is left or a clause word sits inside it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kgraph.entities.lexicon import first_name_gender, geo_places, places
from kgraph.entities.types import NAME_PARTICLES, ORGANIZATION_CUES, TEAM_ROLES

#: Tokens that are amounts, scores, times or measures: "6.2bn", "£5m", "1-6,4-6", "8:11.22".
_NUMERIC = re.compile(r"^[£$€¥#]?[\d.,:;/\-–%]*\d[\d.,:;/\-–%]*(?:bn|m|k|p|pc|%|s|th|st|nd|rd)?$")
#: Parts of speech that never sit inside a name: a clause boundary ("Southampton when Arsenal").
_CLAUSE_POS = {"SCONJ", "VERB", "AUX", "PRON"}
#: Lower-case words that start a new clause or phrase inside a span.
_CLAUSE_WORDS = {"when", "while", "whereas", "where", "who", "which", "that", "because", "if"}


def is_filler(token: Token) -> bool:
    """True for a token that cannot be part of a name: a number, amount, score, symbol."""
    text = token.text
    return bool(_NUMERIC.match(text)) or not any(ch.isalnum() for ch in text)


def crosses_clause(span: Span) -> bool:
    """True when a lower-case clause word sits inside the span ("Southampton when Arsenal")."""
    inner = span[1:-1] if len(span) > 2 else span[1:1]
    return any(
        token.is_lower and (token.pos_ in _CLAUSE_POS or token.lower_ in _CLAUSE_WORDS)
        for token in inner
    )


def _dangling(token: Token) -> bool:
    """A lower-case function word or a dash that no name ends with."""
    return token.is_punct or (token.is_lower and token.is_stop)


def _full_name_before(doc, start: int, dash: int, label: str) -> bool:
    """A person's full name before a spaced dash ("Clive Griffiths - Wales' coach"), not
    part of one written with spaced hyphens ("Bashir al - Assad")."""
    words = doc[start:dash]
    return label == "PERSON" and len(words) >= 2 and all(t.is_title for t in words)


def _full_name_after(doc, start: int, dash: int, end: int, label: str) -> bool:
    """A person's full name after a spaced dash, with no full name before it: "MPs - Keith
    Vaz" (the dash opens a list), not "Bashir al - Assad" (one name with spaced hyphens)."""
    before, after = doc[start:dash], doc[dash + 1 : end]
    return (
        label == "PERSON"
        and len(after) >= 2
        and all(t.is_title for t in after)
        and first_name_gender(after.text) is not None
        and first_name_gender(before.text) is None
    )


def name_part(span: Span) -> Span | None:
    """The span without leading or trailing numbers and symbols; None if it is not a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and is_filler(doc[start]):
        start += 1
    name_end = end
    while name_end > start and is_filler(doc[name_end - 1]):
        name_end -= 1
    if start == name_end:
        return None
    if not all(token.is_digit for token in doc[name_end:end]):  # "Formula 1" stays whole
        end = name_end
    while end - start > 1 and _dangling(doc[end - 1]):
        end -= 1  # "Yuganskneftegas - the": the name ends before the dash
    for i in range(start + 1, end):
        spaced = doc[i - 1].whitespace_ and doc[i].whitespace_
        dash = doc[i].text in ("-", "–") and spaced and i + 1 < end
        if dash and (doc[i + 1].is_lower or _full_name_before(doc, start, i, span.label_)):
            end = i  # "Gerard Jugnot - star of ...", "Clive Griffiths - Wales' coach"
            break
        if dash and _full_name_after(doc, start, i, end, span.label_):
            start = i + 1  # "three ethnic minority MPs - Keith Vaz, ...": a list's head
            break
    if doc[start].is_lower and doc[start].lower_ in ("of", "and", "for"):
        # "of Ireland" of "Republic of Ireland": the model left out the name's start
        while start > 0 and doc[start - 1].is_title:
            start -= 1
            if doc[start].is_sent_start:
                break
        if doc[start].is_lower:
            return None
    start = _after_description(doc, start, end)
    end = _before_open_bracket(doc, start, end)
    end = _before_setting(doc, start, end)
    if end == start:
        return None
    end = _run_on(doc, end, span.label_)
    trimmed = span if (start, end) == (span.start, span.end) else Span(doc, start, end, span.label_)
    if crosses_clause(trimmed) or not any(_wordlike(t) for t in trimmed) or _numeral(trimmed):
        return None
    if trimmed.text in TIME_ZONES:  # "rose 2% to 352p by 1200 GMT"
        return None
    if trimmed.text in DISEASES:  # "TB in England has increased": no organization
        return None
    if _nationality_and_common_noun(trimmed):
        return None  # "the state of British music", labelled an organization
    if _common_word_opening_a_sentence(trimmed):
        return None  # "Groups challenging the plans include ...", "Tsunami debt deal"
    if trimmed.label_ == "PERSON" and trimmed[-1].is_lower and trimmed[-1].is_alpha:
        return None  # "Shakespearean performer", "unbeaten league run": no one's name
    return trimmed


def _after_description(doc, start: int, end: int) -> int:
    """The start of a name after the lower-case description the model ran into it:
    "Defending champions Arsenal" → "Arsenal" (a lower-case word inside a name is a
    particle or a short function word: "Bank of England", "Theo van Gogh")."""
    last = None
    for i in range(start, end - 1):
        token = doc[i]
        if (
            token.is_lower
            and token.is_alpha
            and token.pos_ in ("NOUN", "ADJ", "VERB")
            and token.lower_ not in NAME_PARTICLES
            and doc[i + 1].is_title
        ):
            last = i
    return last + 1 if last is not None else start


def _common_word_opening_a_sentence(span: Span) -> bool:
    """A one-word span that is a common noun, capitalized only because it opens the
    sentence, and used as one: with a clause of its own ("Groups challenging the plans
    include ...") or before the noun it describes ("Media reports say ...", "Tsunami debt
    deal"). Not before a noun only an organization or a team has ("Rosneft shares fell"),
    nor a place of the gazetteer ("England are favourites"), whatever the tagger says."""
    word = span[0]
    if len(span) != 1 or not word.is_sent_start or word.pos_ != "NOUN":
        return False
    head = word.head
    described = (
        word.dep_ == "compound"
        and head.i > word.i
        and head.is_lower
        and head.pos_ == "NOUN"
        and head.lemma_ not in ORGANIZATION_CUES | TEAM_ROLES
        and not _before_a_person(head)  # "EastEnders actor Shane Richie": a show's actor
    )
    clause = any(c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for c in word.children)
    if not (described or clause):
        return False
    gazetteer = places()
    return not (
        gazetteer.country(word.text)
        or gazetteer.demonym(word.text)
        or gazetteer.city_country(word.text)
        or word.lower_ in geo_places()
    )


def _before_a_person(noun: Token) -> bool:
    """Whether a person's name follows the noun: a role of someone named ("actor Shane
    Richie")."""
    doc = noun.doc
    return noun.i + 1 < len(doc) and doc[noun.i + 1].ent_type_ == "PERSON"


def _before_open_bracket(doc, start: int, end: int) -> int:
    """The end of a name before a bracket left open inside it: "Greek Federation (SEGAS",
    "He (Bridge", "Dominic Cooper (His Dark Materials" (the name ends at the bracket)."""
    for i in range(start, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end)):
            return i if i > start and doc[i - 1].pos_ != "PRON" else start
    return end


#: Prepositions a name runs on over, to a place, a day or a person: "Taylor Dent in
#: Adelaide", "the Ospreys to Jason Spice".
_SETTING_PREPOSITIONS = {"in", "on", "at", "to", "against", "with", "by"}
#: Words for a day or a month: "the Commons on Monday".
_DAYS_AND_MONTHS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
_DAYS_AND_MONTHS |= {"sunday", "january", "february", "march", "april", "may", "june", "july"}
_DAYS_AND_MONTHS |= {"august", "september", "october", "november", "december"}


def _before_setting(doc, start: int, end: int) -> int:
    """The end of a name before a place, a day or a person's full name the model ran into
    it after a preposition: "Taylor Dent in Adelaide", "Commons on Monday", "the Ospreys to
    Jason Spice" (not "Bank of Scotland")."""
    gazetteer = places()
    for i in range(start + 1, end - 1):
        word = doc[i]
        if not word.is_lower or word.lower_ not in _SETTING_PREPOSITIONS:
            continue
        rest = doc[i + 1 : end].text
        if (
            rest.casefold() in _DAYS_AND_MONTHS
            or gazetteer.country(rest)
            or gazetteer.city_country(rest)
            or (len(doc[i + 1 : end]) > 1 and first_name_gender(rest) is not None)
        ):
            return i
    return end


#: Labels of names that run on past the model's span: "Whitbread Novel [of the Year]",
#: "UN Office [for the Coordination of Humanitarian Affairs]".
_RUN_ON_LABELS = {"ORG", "EVENT", "WORK_OF_ART", "FAC", "PRODUCT"}
#: Entity labels after "of" that are a name of their own: "Ofcom for Wales".
_OWN_NAME_LABELS = {"GPE", "LOC", "NORP", "PERSON"}


def _run_on(doc, end: int, label: str) -> int:
    """The end of an organization's or a title's name that goes on with "of" or "for" and
    capitalized words the model left out ("European Footballer of the Year")."""
    if label not in _RUN_ON_LABELS:
        return end
    i = end
    if i + 1 >= len(doc) or doc[i].lower_ not in ("of", "for") or doc[i].is_sent_start:
        return end
    i += 1
    if doc[i].lower_ == "the" and i + 1 < len(doc):
        i += 1
    word = doc[i]
    own_names = _OWN_NAME_LABELS if doc[end].lower_ == "for" else _OWN_NAME_LABELS | {"ORG"}
    if not word.is_title or word.ent_type_ in own_names or word.is_sent_start:
        return end  # "the Peace Prize of the German Book Trade" names two
    while i < len(doc) and (doc[i].is_title or doc[i].text in ("&",)) and not doc[i].is_sent_start:
        i += 1
        if i + 1 < len(doc) and doc[i].lower_ in ("of", "and", "for") and doc[i + 1].is_title:
            i += 1
    return i


#: Time zones the model labels as organizations or places.
#: Diseases the model labels as organizations (their acronyms most of all): "TB in
#: England", "the spread of HIV". None is an entity of the graph's types.
DISEASES = {"TB", "HIV", "Aids", "AIDS", "Sars", "SARS", "MRSA", "BSE", "CJD", "vCJD"}
DISEASES |= {"ME", "ADHD", "MS", "MMR", "Ebola", "E. coli", "E.coli", "H5N1", "HIV/Aids"}


def _nationality_and_common_noun(span: Span) -> bool:
    """A nationality and a common noun it describes, no name: "British music" (the model's
    organization), or "the British Music industry" where the article writes "British
    music" too ("British Gas", never written so, stays a name)."""
    if span.label_ not in ("ORG", "GPE", "FAC", "WORK_OF_ART") or len(span) < 2:
        return False
    rest = span[1:]
    if not all(t.is_alpha and (t.is_lower or t.is_title) for t in rest):
        return False
    if places().demonym(span[0].text) is None:
        return False
    if all(t.is_lower for t in rest):  # not an institution: "the Irish government"
        return rest[-1].pos_ == "NOUN" and rest[-1].lemma_ not in _INSTITUTION_NOUNS
    lowered = f"{span[0].text} {' '.join(t.lower_ for t in rest)}"
    return lowered in span.doc.text


#: Common nouns for institutions a nationality names: "the Irish government", "the
#: Russian army" (organizations written in lower case).
_INSTITUTION_NOUNS = {"government", "army", "navy", "police", "parliament", "embassy"}
_INSTITUTION_NOUNS |= {"cabinet", "military", "administration", "authorities", "consulate"}
_INSTITUTION_NOUNS |= {"air force", "treasury", "regulator", "team", "side", "squad"}

TIME_ZONES = {"GMT", "BST", "UTC", "CET", "EST", "EDT", "PST", "PDT", "CST", "ET", "PT"}


#: Initials joined by "&" that abbreviate common nouns, not names: "R&B" (the music),
#: "R&D", "Q&A", "B&B", "M&A" (mergers and acquisitions), "A&E" (a hospital department).
COMMON_AMPERSAND_WORDS = {"R&B", "R&D", "Q&A", "B&B", "M&A", "A&E", "G&T", "P&L"}
#: Letters joined by "&" in one token: "AT&T", "M&S", "P&O", "S&P".
_AMPERSAND_NAME = re.compile(r"[A-Z][A-Za-z]*&[A-Z][A-Za-z]*")


def _wordlike(token: Token) -> bool:
    """A word of letters, or initials joined by "&" as a company's name is written
    ("AT&T", "M&S", "P&O"), which spaCy keeps as one token that is not alphabetic."""
    if token.is_alpha:
        return True
    return bool(_AMPERSAND_NAME.fullmatch(token.text)) and token.text not in COMMON_AMPERSAND_WORDS


def _numeral(span: Span) -> bool:
    """A Roman numeral alone: "XV" of "World XV", "II"."""
    return len(span) == 1 and bool(_ROMAN.fullmatch(span.text))


_ROMAN = re.compile(r"[IVXLC]{2,}")
