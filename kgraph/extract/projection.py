"""Entity triples as a projection of the open analysis of each clause (:mod:`.open`).

An open triple's argument phrase stands for an entity when its head is a name (or a
pronoun or description the article resolves), when a name stands in apposition or
compound with a descriptive head ("investment group Cevian Capital"), or, for the object,
when the head is a part or share of a named owner ("5% of Vodafone's shares", "a stake in
Vodafone", "Vodafone's plan"): then the predicate keeps the part noun (``holds-stake-in``,
``criticises-plan-of``). A passive with its agent reads in the active voice ("was bought by
Google" → Google ``buys``). Pattern ``projection``; the constructions of :mod:`.verbal`
and :mod:`.nominal` keep the pairs they found themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.candidates import Candidate
from kgraph.extract.open import OpenTriple, clause_triples
from kgraph.extract.predicates import kebab, third_person, verb_lemma, verb_predicate
from kgraph.extract.verbal import (
    LIGHT_VERBS,
    MEANS_VERBS,
    bare_participle,
    compared_adjunct,
    complement_left_out,
    modifies_a_noun_after,
    not_an_event,
    place_or_time_adjunct,
    subject_of_a_gerund,
    subject_of_reported_clause,
    title_read_as_verb,
)

#: Predicates of a light verb alone, which say nothing ("takes", "gives").
BARE_LIGHT_VERBS = frozenset(third_person(verb) for verb in LIGHT_VERBS)
#: Open clause patterns projected onto entities (copulas are :mod:`.nominal`'s roles).
PROJECTED_PATTERNS = {"svo", "prepositional", "passive"}
#: Nouns for a holding in a company: "a stake in Vodafone", "5% of Vodafone's shares".
STAKE_NOUNS = {"stake", "share", "holding", "interest", "equity", "shareholding"}
#: Heads that stand for the part of something they measure: "5% of", "half of", "most of".
QUANTITY_LEMMAS = {"%", "percent", "per", "half", "third", "quarter", "most", "part", "majority"}
#: Parts of a company that stand for it as an object: "backed Vodafone's plan".
PART_NOUNS = STAKE_NOUNS | {"plan", "bid", "offer", "takeover", "acquisition", "business"}
PART_NOUNS |= {"unit", "division", "subsidiary", "brand", "operation", "asset", "arm"}


def _root(tokens: Iterable[Token]) -> Token | None:
    """The token of a phrase whose head lies outside it."""
    members = set(tokens)
    for token in sorted(members, key=lambda t: t.i):
        if token.head not in members or token.head == token:
            return token
    return None


def _owner(noun: Token, index: MentionIndex) -> list[Argument]:
    """The named owner of a part noun: its possessor, or its "of" / "in" object."""
    for child in noun.children:
        if child.dep_ == "poss":
            return index.arguments(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            return [a for p in child.children if p.dep_ == "pobj" for a in index.arguments(p)]
    return []


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def subject_entities(triple: OpenTriple, index: MentionIndex) -> list[Argument]:
    """The entities a subject phrase stands for (its head's, through names and coreference).

    Only the clause's own subject, or the antecedent of its relative pronoun: a subject
    inherited by a participle or a conjoined clause is too often the wrong one.
    """
    head = _root(triple.phrases[0])
    if head is None:
        return []
    verbs = {t for t in triple.relation_tokens if t.pos_ in ("VERB", "AUX")}
    own = head.dep_ in ("nsubj", "nsubjpass") and head.head in verbs
    relative = any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "which", "that")
        for v in verbs
        for c in v.children
    ) and any(v.dep_ == "relcl" and v.head == head for v in verbs)
    return index.arguments(head) if own or relative else []


def object_entities(
    tokens: tuple[Token, ...], index: MentionIndex
) -> tuple[list[Argument], str | None]:
    """The entities an object phrase stands for, and the part noun when it is a part of one."""
    head = _root(tokens)
    if head is None:
        return [], None
    found = index.arguments(head)
    if found:
        return found, None
    noun = head
    if head.lemma_.lower() in QUANTITY_LEMMAS or head.pos_ == "NUM":
        inner = _of_object(head)  # "5% of Vodafone's shares"
        if inner is not None:
            found = index.arguments(inner)
            if found:
                return found, None
            noun = inner
    if noun.lemma_.lower() not in PART_NOUNS:
        return [], None
    owners = [a for a in _owner(noun, index) if a.token.pos_ != "PRON"]
    if not owners:
        return [], None
    lemma = noun.lemma_.lower()
    return owners, "stake" if lemma in STAKE_NOUNS else lemma


def _preposition(triple: OpenTriple) -> str:
    last = triple.relation_tokens[-1] if triple.relation_tokens else None
    if last is not None and last.dep_ in ("prep", "agent", "dative") and last.pos_ == "ADP":
        return last.lower_
    return ""


def projected_predicate(triple: OpenTriple, part: str | None) -> tuple[str, bool]:
    """The entity predicate of an open relation, and whether subject and object swap.

    "was bought by" → ``buys`` (swapped); "already holds" + stake → ``holds-stake-in``;
    "is based in" → ``based-in``; "wants to buy" → ``wants-to-buy``.
    """
    verbs = [
        t
        for t in triple.relation_tokens
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")
    ]
    if not verbs:
        return "", False
    # "used the debate to launch": the means is no part of the act
    verbs = [v for v in verbs[:-1] if v.lemma_.lower() not in MEANS_VERBS] + verbs[-1:]
    preposition = _preposition(triple)
    passive = any(t.dep_ == "auxpass" for t in triple.relation_tokens)
    if passive and preposition == "by":
        return kebab(third_person(verb_lemma(verbs[-1])), part or "", "in" if part else ""), True
    if passive:  # "is based in", "was born in"
        return kebab(verbs[-1].lower_, preposition), False
    words = [verb_predicate(verbs[0])]
    for verb in verbs[1:]:
        words += ["to", verb_lemma(verb)]
    if part:
        return kebab(*words, preposition, part, "in" if part == "stake" else "of"), False
    return kebab(*words, preposition), False


#: Prepositions after a light verb that leave what it does unsaid: "makes-without".
_LIGHT_PREPOSITIONS = {"with", "without", "at", "in", "for", "from", "by", "of"}


def _bare_light(predicate: str) -> bool:
    words = predicate.split("-")
    if words[0] not in BARE_LIGHT_VERBS:
        return False
    return len(words) == 1 or (len(words) == 2 and words[1] in _LIGHT_PREPOSITIONS)


def _adjunct_object(triple: OpenTriple, index: MentionIndex) -> bool:
    """Whether the object is only where or when the event was: "performed strongly in
    Africa", "was arrested at Changi Airport" (verbs of where keep theirs: "born in")."""
    last = triple.relation_tokens[-1] if triple.relation_tokens else None
    if last is None or last.dep_ != "prep" or last.pos_ != "ADP":
        return False
    verbs = [t for t in triple.relation_tokens if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"]
    verb = next((v for v in reversed(verbs) if v.dep_ != "auxpass"), None)
    if compared_adjunct(last):
        return True  # "just like against Arsenal, Portsmouth let in a goal"
    return verb is not None and place_or_time_adjunct(verb, last, [], index)


def projections(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """Entity candidates from the open triples of a sentence (one with two entities)."""
    entities = {m.entity.id for m in index.within(sentence)}
    if len(entities) < 2:
        return
    # only clauses whose own subject (or relative clause's antecedent) is an entity
    heads = set()
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and index.arguments(token):
            heads.add(token.head)
        elif token.dep_ == "relcl" and index.arguments(token.head):
            heads.add(token)
    for triple in clause_triples(sentence, sorted(heads, key=lambda t: t.i)):
        if triple.pattern not in PROJECTED_PATTERNS or len(triple.phrases) < 2:
            continue
        subjects = subject_entities(triple, index)
        if not subjects or title_read_as_verb(triple.anchor, index):
            continue
        if any(not_an_event(t) for t in triple.relation_tokens):
            continue  # "Strictly Come Dancing", "headed Chelsea in front"
        if any(bare_participle(t) for t in triple.relation_tokens):
            continue  # a passive without "was" ("Labour attacked on …"): verbal's case
        objects, part = object_entities(triple.phrases[1], index)
        if not objects or _adjunct_object(triple, index):
            continue
        if any(modifies_a_noun_after(a.token.head, a.token) for a in objects):
            continue  # the headline "X suffers France axe": France only says whose axe
        if any(subject_of_reported_clause(a.token) for a in objects):
            continue  # "revealed Liverpool are in talks": Liverpool is not what was revealed
        if any(subject_of_a_gerund(a.token) for a in objects):
            continue  # "argued against UKIP working with them": not against UKIP
        if triple.pattern == "svo" and any(complement_left_out(t) for t in triple.relation_tokens):
            continue  # "saw the EU as an empire"
        predicate, swap = projected_predicate(triple, part)
        if not predicate or _bare_light(predicate):
            continue  # "Labour taking Britain forward", "United made it ... without X"
        if swap:
            subjects, objects = objects, subjects
        weight = 0.8 if part else 0.9
        yield Candidate(
            tuple(subjects),
            predicate,
            tuple(objects),
            triple.anchor,
            "projection",
            weight * triple.confidence,
        )
