"""Predicate names: short, lower-case kebab, lemmatized, auxiliaries and adverbs dropped."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kgraph.entities.lexicon import role
from kgraph.relations import shipped_vocabulary

#: Verbs whose third-person form is irregular.
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
#: Role phrases with a more readable predicate than "<role>-of".
ROLE_PREDICATES = {
    "parent": "parent-of",
    "parent company": "parent-of",
    "parent firm": "parent-of",
    "parent group": "parent-of",
    "owner": "owner-of",
    "subsidiary": "subsidiary-of",
    "unit": "subsidiary-of",
    "chief executive": "chief-executive-of",
    "chief executive officer": "chief-executive-of",
    "ceo": "chief-executive-of",
    "boss": "head-of",
    "head": "head-of",
    "leader": "leader-of",
}
#: Nouns of intent that turn "negotiations to buy X" into "negotiates-acquisition-of".
INTENT_NOUNS = {
    "negotiation": "negotiates",
    "talk": "negotiates",
    "talks": "negotiates",
    "discussion": "discusses",
    "bid": "bids",
    "offer": "offers",
    "plan": "plans",
    "deal": "agrees",
    "agreement": "agrees",
    "attempt": "attempts",
    "effort": "attempts",
}
#: Verbs with a noun form used in nominal predicates.
VERB_NOMINALS = {
    "buy": "acquisition",
    "acquire": "acquisition",
    "purchase": "acquisition",
    "take": "takeover",
    "sell": "sale",
    "merge": "merger",
    "invest": "investment",
    "ban": "ban",
    "partner": "partnership",
}


#: Forms the small model's lemmatizer gets wrong: "taxes" is no form of "taxis".
LEMMA_SLIPS = {"taxes": "tax", "taxed": "tax"}
#: A one-syllable lemma ending in one vowel and a consonant that doubles ("hop", "fin"):
#: its "-ed" and "-ing" forms double it ("hopped"), so "hoped" and "fined" are of "hope" and
#: "fine", the lemmas the small model cuts to "hop" and "fin".
_DOUBLING_LEMMA = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


def third_person(lemma: str) -> str:
    """Present third-person singular of a verb lemma: ``buy`` → ``buys``."""
    lemma = lemma.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def kebab(*parts: str) -> str:
    """Join words into a lower-case kebab predicate, dropping empty parts."""
    words = [w for part in parts for w in re.split(r"[^\w]+", part.lower()) if w]
    return "-".join(words)


def verb_lemma(verb: Token) -> str:
    """The lemma of a verb, with the small model's slips mended: "fined" → ``fine`` (not
    "fin"), "hoping" → ``hope``, "stared" → ``stare``."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    if word in LEMMA_SLIPS:
        return LEMMA_SLIPS[word]
    if word in (lemma + "ed", lemma + "ing") and _DOUBLING_LEMMA.match(lemma):
        return lemma + "e"
    return lemma


#: Particles the parser reads as a preposition with no object of its own after the verb's
#: object, its "of" or "from" phrase hung under it: "shut him out of the profits"
#: (shuts-out, not shuts).
PREPOSITION_PARTICLES = {"out", "away"}


def verb_particles(verb: Token) -> list[str]:
    """The particles of a verb, with those the parser read as an adverb ("hit back at", "is
    calling back the cars") or as an objectless preposition ("shut Yahoo out of the
    market", "kept him away from the club")."""
    return [
        c.lower_
        for c in verb.children
        if c.dep_ == "prt"
        or (c.dep_ == "advmod" and c.lower_ == "back" and c.i == verb.i + 1)
        or (c.dep_ == "prep" and c.lower_ in PREPOSITION_PARTICLES and _after_the_object(c))
    ]


def _after_the_object(word: Token) -> bool:
    """Whether a preposition with no object of its own comes right after the verb's direct
    object: "shut Yahoo out of the market" (an intransitive "fell out of favour" keeps its
    phrase; "receive a fee from Unilever - out of a total of £21m" has no particle)."""
    verb = word.head
    if any(c.dep_ == "pobj" for c in word.children) or _a_motive(word):
        return False
    if word.doc[word.i - 1].is_punct:
        return False
    return any(c.dep_ == "dobj" and c.right_edge.i + 1 == word.i for c in verb.children)


#: Nouns of a motive: "pursuing Yukos out of a political vendetta" is why, no particle.
MOTIVE_NOUNS = {"spite", "respect", "fear", "vendetta", "curiosity", "frustration", "anger"}
MOTIVE_NOUNS |= {"desperation", "necessity", "loyalty", "sympathy", "love", "habit", "pride"}
MOTIVE_NOUNS |= {"revenge", "concern", "courtesy", "jealousy", "malice", "duty", "kindness"}


def _a_motive(word: Token) -> bool:
    """Whether "out" opens an "of" phrase of a motive ("out of spite", "out of a vendetta")."""
    return any(
        p.dep_ == "pobj" and p.lemma_.lower() in MOTIVE_NOUNS
        for c in word.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    )


def verb_predicate(verb: Token) -> str:
    """Predicate of a verb: its third-person lemma plus any particle (``takes-over``)."""
    particles = verb_particles(verb)
    # A present-tense form is its own third person; the lemmatizer slips on some ("hopes").
    lemma = verb_lemma(verb)
    form = verb.lower_ if verb.tag_ == "VBZ" else third_person(lemma)
    return kebab(form, *particles)


#: Roles that name a team's manager in a sports report and a company's head elsewhere.
MANAGING_ROLES = {"boss", "manager"}


def role_predicate(
    words: list[str], team: bool | None = None, owner_type: str | None = None
) -> str:
    """Predicate of a role noun phrase: ``["parent", "company"]`` → ``parent-of``.

    With ``team`` (whether the role's holder is a sports team, when known): a team's
    "boss" is its manager (``manager-of``, "caretaker boss" → ``caretaker-manager-of``); a
    plain "manager" of anything else is one of its staff (``employee-of``), not a coach.
    With ``owner_type`` (the type of whose role it is): a relation of the vocabulary whose
    range that type is outside of gives way to the role's own words ("O'Gara's deputy" is
    ``deputy-of`` a person, not ``member-of``, whose range is organisations).
    """
    predicate = _role_predicate(words, team)
    if owner_type is not None and not _in_range(predicate, owner_type):
        return kebab(*(w.lower() for w in words), "of")
    return predicate


def _in_range(predicate: str, owner_type: str) -> bool:
    """Whether a predicate naming a relation of the vocabulary takes an object of this type
    (a predicate naming none takes any)."""
    relation = shipped_vocabulary().relations.get(predicate)
    return relation is None or relation.fits(None, owner_type)


def _role_predicate(words: list[str], team: bool | None) -> str:
    if words and words[-1].lower() in MANAGING_ROLES:
        if team:
            return kebab(*words[:-1], "manager", "of")
        if team is False and [w.lower() for w in words] == ["manager"]:
            return "employee-of"
    phrase = " ".join(w.lower() for w in words)
    known = role(words)
    lower_rank = any(w.lower() in LOWER_RANKS for w in words)  # "deputy leader": no leader
    return (
        ROLE_PREDICATES.get(phrase)
        or (known.predicate if known else None)
        or (None if lower_rank else ROLE_PREDICATES.get(phrase.split()[-1] if phrase else ""))
        or kebab(phrase, "of")
    )


#: Words that make a role one under the role they name: "UKIP's deputy leader" is no leader.
LOWER_RANKS = {"deputy", "vice", "assistant", "associate", "junior"}


def nominal_predicate(intent_noun: Token, verb: Token) -> str:
    """Predicate for "negotiations to buy X": ``negotiates-acquisition-of``."""
    intent = INTENT_NOUNS.get(intent_noun.lemma_.lower(), third_person(intent_noun.lemma_))
    nominal = VERB_NOMINALS.get(verb.lemma_.lower())
    if nominal:
        return kebab(intent, nominal, "of")
    return kebab(intent, "to", verb.lemma_)


#: Gerunds whose verb is not the gerund minus "ing".
_GERUND_VERBS = {
    "sharing": "share",
    "using": "use",
    "making": "make",
    "taking": "take",
    "giving": "give",
    "closing": "close",
    "leaving": "leave",
    "having": "have",
    "raising": "raise",
    "merging": "merge",
    "spying": "spy",
    "selling": "sell",
}


def _gerund_verb(word: str) -> str | None:
    word = word.lower()
    if word in _GERUND_VERBS:
        return _GERUND_VERBS[word]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    return None


def action_predicate(noun: Token, preposition: str) -> str:
    """Predicate of an action noun: "data sharing with" → ``shares-data-with``."""
    modifiers = [c.lower_ for c in noun.lefts if c.dep_ == "compound"]
    verb = _gerund_verb(noun.text)
    if verb:
        return kebab(third_person(verb), *modifiers, preposition)
    return kebab(*modifiers, noun.lemma_, preposition)
