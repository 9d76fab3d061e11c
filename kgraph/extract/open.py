"""Open relation extraction: clauses into (arg1, relation, arg2, ...) phrases, not entities.

Unlike :mod:`.verbal` and :mod:`.nominal`, whose arguments must be named entities, this
extractor keeps whatever phrase fills a slot, as open-IE benchmarks such as CaRB expect:

* **Clauses.** For each verb (or copula) with a subject, arg1 is the subject phrase, the
  relation is the verb group (auxiliaries, negation, pre-verbal adverbs, particles, ``to``
  of a verb chain, and the preposition or ``that`` of the first complement), arg2 the first
  complement and further arguments the remaining prepositional phrases and clause-level
  modifiers (``In 1717``). Subjects are inherited through conjoined verbs, verb chains,
  participle clauses and relative clauses (a relative pronoun stands for its antecedent).
* **Nominal patterns.** Appositions ("X, the Y of Z" → X | be | the Y of Z), titles before
  names ("President Bush" → Bush | be | President), possessives ("X's Y" → X | has | Y;
  "Japan's FTC" → the FTC | be in | Japan), prepositional noun modifiers ("the depot at
  Kettering" → the depot | be at | Kettering) and adjectives ("a gaping loophole" → a
  loophole | be | gaping). These say nothing about tense, so their relation is the bare
  ``be`` (:data:`TENSELESS_BE`), as is that of participle clauses ("a tank founded in 2005"
  → a tank | be founded in | 2005).

Conjoined subjects and objects are split into separate extractions. Each extraction has a
confidence from its pattern (:data:`PATTERN_CONFIDENCE`, set in the order of the patterns'
precision on CaRB's dev split), the kind of clause it is embedded in (main clauses first),
whether it has any argument, and the sentence length, so that good extractions rank above
doubtful ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kgraph.evaluate.carb import Extraction
from kgraph.extract.arguments import relative_antecedents, shared_conjuncts
from kgraph.extract.modality import SPEECH_VERBS, classify
from kgraph.models import Article
from kgraph.nlp.per_doc import entities_within

__all__ = [
    "OpenTriple",
    "carb_extractions",
    "clause_triples",
    "open_record",
    "open_records",
    "open_triples",
    "to_carb",
]

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
#: Complements that fill arg2 directly.
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "acomp"}
#: Clausal complements: "indicated that organic compounds could carry current".
CLAUSE_DEPS = {"ccomp"}
#: Verb chains: "tries to woo", "were able to reinforce".
CHAIN_DEPS = {"xcomp"}
PREPOSITION_DEPS = {"prep", "agent", "dative"}
#: Clause-level modifiers kept as further arguments ("last week", "In 1717").
MODIFIER_DEPS = {"npadvmod", "advmod", "prep", "agent"}
#: Dependents that never belong inside an argument phrase.
DETACHED_DEPS = {"relcl", "appos", "punct", "cc", "conj", "preconj", "mark"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose", "where", "when"}
#: Clause heads whose own subject may be missing: inherit from the verb above.
INHERIT_DEPS = {"conj", "advcl", "xcomp"}
_EDGE_PUNCT = {",", ";", ":", "-", "--", "``", "''", "'", '"', "(", ")", "-LRB-", "-RRB-"}
#: Forms of address, not titles: "Mr. Baker" says nothing about Baker.
HONORIFICS = {"mr", "mrs", "ms", "miss", "messrs", "mme", "mlle", "sir", "madam"}
#: The relation of a statement without tense of its own (apposition, title, participle).
TENSELESS_BE = "be"
#: Maximum extractions from one clause once conjuncts are split.
MAX_SPLITS = 6

#: Confidence factor for each kind of clause an extraction is embedded in.
CLAUSE_FACTOR = {
    "conj": 0.95,
    "ccomp": 0.85,
    "relcl": 0.85,
    "acl": 0.85,
    "advcl": 0.8,
    "xcomp": 0.8,
}
#: Sentences longer than this (in tokens) parse less reliably.
LONG_SENTENCE = 40
#: Base confidence by pattern.
PATTERN_CONFIDENCE = {
    "svo": 0.9,
    "prepositional": 0.9,
    "copula": 0.85,
    "passive": 0.85,
    "clausal": 0.8,
    "apposition": 0.75,
    "title": 0.7,
    "intransitive": 0.5,
    "noun-preposition": 0.35,
    "possessive": 0.25,
    "quality": 0.2,
}
#: Adjectives that place or count a noun rather than describe it ("the last year").
NON_QUALITIES = {
    "last",
    "next",
    "first",
    "other",
    "such",
    "same",
    "many",
    "few",
    "several",
    "own",
    "former",
    "latter",
    "previous",
    "following",
    "certain",
    "various",
    "much",
    "more",
    "most",
    "less",
    "least",
}
#: Entity types of a possessor that is a place: "Japan's FTC" is the FTC in Japan.
PLACE_TYPES = {"GPE", "LOC"}
#: Prepositions after a noun that say where or with what it is ("a depot at Kettering").
NOUN_PREPOSITIONS = {"in", "at", "on", "from", "with", "near", "for", "between", "within", "of"}


@dataclass(frozen=True)
class OpenTriple:
    """One open-IE extraction: ``subject | relation | arguments[0] | arguments[1] ...``."""

    subject: str
    relation: str
    arguments: tuple[str, ...]
    confidence: float
    pattern: str
    sentence: Span = field(compare=False, repr=False)
    anchor: Token = field(compare=False, repr=False)
    #: The tokens of the subject and of each argument, in order (for entity projection).
    phrases: tuple[tuple[Token, ...], ...] = field(default=(), compare=False, repr=False)
    #: The tokens of the relation (verb group, chain and first marker), if it has any.
    relation_tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)

    @property
    def object(self) -> str | None:
        """arg2, if any."""
        return self.arguments[0] if self.arguments else None


# --------------------------------------------------------------------------- phrases


def _phrase_tokens(
    head: Token, *, exclude: Iterable[Token] = (), conjuncts: bool = False
) -> list[Token]:
    """The head's subtree without relative clauses, appositions and ``exclude``.

    The head's own conjuncts are left out too unless ``conjuncts`` is set.
    """
    skip = set(exclude)
    tokens: list[Token] = []

    def walk(token: Token) -> None:
        tokens.append(token)
        for child in token.children:
            if child in skip:
                continue
            if child.dep_ in DETACHED_DEPS and not _inner_punct(child, head, conjuncts):
                continue
            walk(child)

    walk(head)
    tokens.sort(key=lambda t: t.i)
    return _trim(_fill_punctuation(tokens))


def _fill_punctuation(tokens: list[Token]) -> list[Token]:
    """Put back commas and dashes between kept words ("London , Midland and Scottish")."""
    if len(tokens) < 2:
        return tokens
    doc = tokens[0].doc
    kept = {t.i for t in tokens}
    filled = list(tokens)
    for before, after in zip(tokens, tokens[1:]):
        gap = range(before.i + 1, after.i)
        if gap and all(doc[i].is_punct and doc[i].text in (",", "-", "--") for i in gap):
            filled.extend(doc[i] for i in gap if i not in kept)
    return sorted(filled, key=lambda t: t.i)


def _inner_punct(token: Token, head: Token, conjuncts: bool = False) -> bool:
    """Punctuation and marks inside a phrase that keep it readable (hyphens, quotes, "and")."""
    if token.dep_ == "punct":
        return token.text in ("-", "``", "''", "'", "%") or (
            token.text in ("(", ")") and token.head != head
        )
    if token.dep_ in ("cc", "conj", "preconj"):
        return conjuncts or token.head != head  # conjuncts deeper inside the phrase stay
    return False


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation at either edge."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].text in _EDGE_PUNCT and tokens[start].dep_ != "nummod":
        start += 1
    while end > start and tokens[end - 1].text in _EDGE_PUNCT:
        end -= 1
    return _balance_quotes(tokens[start:end])


def _balance_quotes(tokens: list[Token]) -> list[Token]:
    """Take in the closing (or opening) quote of a quotation the phrase starts or ends with."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    opening = sum(t.text == "``" for t in tokens)
    closing = sum(t.text == "''" for t in tokens)
    first, last = tokens[0].i, tokens[-1].i
    if opening > closing and last + 1 < len(doc) and doc[last + 1].text == "''":
        tokens = [*tokens, doc[last + 1]]
    elif closing > opening and first > 0 and doc[first - 1].text == "``":
        tokens = [doc[first - 1], *tokens]
    elif (
        opening == closing == 0
        and first > 0
        and last + 1 < len(doc)
        and doc[first - 1].text == "``"
        and doc[last + 1].text == "''"
    ):
        tokens = [doc[first - 1], *tokens, doc[last + 1]]
    return tokens


def _text(tokens: Iterable[Token]) -> str:
    """Tokens as text, keeping the original spacing between adjacent tokens."""
    parts: list[str] = []
    previous: Token | None = None
    for token in sorted(tokens, key=lambda t: t.i):
        if previous is not None:
            if token.i == previous.i + 1:
                parts.append(previous.whitespace_)
            else:
                parts.append(" ")
        parts.append(token.text)
        previous = token
    return "".join(parts).strip()


def _conjuncts(token: Token) -> list[Token]:
    """The token and the conjuncts joined to it ("boats and ships" → boats, ships)."""
    return [token, *(c for c in shared_conjuncts(token) if c.i > token.i)]


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


# --------------------------------------------------------------------------- subjects


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the footballer who plays" → footballer."""
    clause = relative.head
    while clause.dep_ not in ("relcl", "acl") and clause.head != clause:
        if clause.dep_ not in ("xcomp", "ccomp", "conj", "prep", "pobj"):
            return None
        clause = clause.head
    if clause.dep_ in ("relcl", "acl"):
        return clause.head
    return None


def _copula_subject(noun: Token) -> Token | None:
    """The subject a predicate noun describes, if it has a clause of its own.

    "X is a footballer who plays ...": the relative clause says something about X.
    """
    if noun.dep_ != "attr" or not any(c.dep_ in ("relcl", "acl") for c in noun.children):
        return None
    subjects = _children(noun.head, {"nsubj"})
    return subjects[0] if subjects else None


@dataclass(frozen=True)
class _Subject:
    tokens: tuple[Token, ...]  # the subject phrase, conjuncts already split
    head: Token
    weight: float


def _last_item_meant(relative: Token, antecedent: Token) -> Token | None:
    """The last item of a list a relative clause is about, when it is about that one only
    ("Gladiator, Troy and Hannibal, which starred Hopkins"); None otherwise."""
    for clause in antecedent.children:
        if clause.dep_ in ("relcl", "acl") and relative in clause.subtree:
            meant = relative_antecedents(clause)
            return meant[0] if len(meant) == 1 and meant[0] != antecedent else None
    return None


def _subject_phrases(token: Token, weight: float, clause: Token | None = None) -> list[_Subject]:
    """A subject slot's phrase(s), each conjunct on its own; ``clause`` is left out of them."""
    last_item = None
    if token.lower_ in RELATIVE_PRONOUNS:
        antecedent = _antecedent(token)
        if antecedent is None:
            return []
        last_item = _last_item_meant(token, antecedent)
        token, weight = antecedent, weight * 0.9
    if (described := _copula_subject(token)) is not None:
        # "X is a footballer who plays ...": the clause is about X
        token, clause = described, None
    heads = [last_item] if last_item is not None else _conjuncts(token)
    exclude = [c for c in token.children if c.dep_ in ("acl", "relcl")] if clause else []
    subjects = [_Subject(tuple(_phrase_tokens(h, exclude=exclude)), h, weight) for h in heads]
    return [s for s in subjects if s.tokens]


def _subjects(verb: Token) -> list[_Subject]:
    """Subjects of a clause headed by ``verb``, inherited where the clause has none."""
    token, weight = verb, 1.0
    for _ in range(5):
        own = _children(token, SUBJECT_DEPS)
        if own:
            return [s for subject in own for s in _subject_phrases(subject, weight)]
        if token.dep_ in CHAIN_DEPS and (controllers := _children(token.head, {"dobj"})):
            # "allowed employees to dress": the object is the subject of the infinitive
            return _subject_phrases(controllers[0], weight * 0.8)
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ in ("VBN", "VBG")):
            head = token.head
            if head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
                return []
            if _copula_subject(head) is not None:
                return _subject_phrases(head, weight * 0.85)
            return _subject_phrases(head, weight * 0.85, token)
        if token.dep_ not in INHERIT_DEPS or token.head == token:
            return []
        token, weight = token.head, weight * 0.9
    return []


# --------------------------------------------------------------------------- relations


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _is_plain_adverb(token: Token) -> bool:
    """A one-word adverb modifying a verb: "often", "also", "well"."""
    return token.dep_ == "advmod" and token.pos_ == "ADV" and not list(token.children)


def _verb_group(verb: Token, subject_end: int) -> list[Token]:
    """The verb with its auxiliaries, negation, particles and adverbs before it."""
    group = [verb]
    if verb.dep_ == "conj" and not _children(verb, {"aux", "auxpass", "nsubj", "nsubjpass"}):
        # "was designed by Eiffel and built in 1884": "built" shares "was"
        group += _children(verb.head, {"aux", "auxpass"})
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt"):
            group.append(child)
        elif _is_plain_adverb(child) and (subject_end <= child.i < verb.i or child.i == verb.i + 1):
            group.append(child)  # "often refers", "grows well in"
    return group


def _chain(verb: Token) -> list[Token]:
    """A verb and the to-infinitives it governs: "tries to woo", "were able to reinforce"."""
    chain = [verb]
    token = verb
    while len(chain) < 5:
        following = _chained_verb(token)
        if following is None:
            break
        if following.head != token:  # "able to": the adjective joins the relation
            chain.append(following.head)
        chain.append(following)
        token = following
    return chain


def _chained_verb(verb: Token) -> Token | None:
    """The infinitive that continues a verb's relation, directly or through an adjective."""
    for child in verb.children:
        candidates = [child] if child.dep_ != "acomp" else list(child.children)
        for candidate in candidates:
            if _chains_to(candidate):
                return candidate
    return None


@dataclass
class _Slot:
    """One complement of a clause: the relation words it adds and its argument tokens."""

    kind: str  # "object", "prep", "clause", "modifier"
    marker: list[Token]  # preposition or complementizer, joins the relation when first
    head: Token | None
    tokens: list[Token]
    position: int


def _prep_slot(prep: Token, kind: str = "prep") -> _Slot | None:
    objects = _children(prep, {"pobj", "pcomp"})
    if not objects or objects[0].lower_ in RELATIVE_PRONOUNS:  # "in which"
        return None
    tokens = [t for o in objects for t in _phrase_tokens(o, conjuncts=True)]
    if not tokens:
        return None
    return _Slot(kind, [prep], objects[0], tokens, prep.i)


def _slots(verb: Token, chain: list[Token], used: set[Token]) -> list[_Slot]:
    """Complements of the last verb of a chain, then modifiers of the chain, in text order."""
    last = chain[-1]
    slots: list[_Slot] = []
    for child in last.children:
        if child in used:
            continue
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "offered a month to subscribers"
            slot = _prep_slot(child)
            if slot:
                slots.append(slot)
        elif child.dep_ in OBJECT_DEPS:
            head = child
            if child.lower_ in RELATIVE_PRONOUNS:  # "a match which Keibler lost"
                head = _antecedent(child)
                if head is None:
                    continue
            tokens = _phrase_tokens(head, exclude=[verb], conjuncts=True)
            if tokens:
                slots.append(_Slot("object", [], head, tokens, child.i))
        elif child.dep_ in CHAIN_DEPS and child.pos_ not in ("VERB", "AUX"):
            tokens = _phrase_tokens(child, conjuncts=True)
            if tokens:
                slots.append(_Slot("object", [], child, tokens, child.i))
        elif child.dep_ in CLAUSE_DEPS and child.i < verb.i and verb.lemma_ not in SPEECH_VERBS:
            continue  # a clause before a verb that is not one of saying: a parse slip
        elif child.dep_ in CLAUSE_DEPS or (child.dep_ in CHAIN_DEPS and child not in chain):
            marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ == "that"]
            tokens = _trim([t for t in _clause_tokens(child) if t not in marks])
            if tokens:
                slots.append(_Slot("clause", marks, child, tokens, child.i))
        elif child.dep_ in PREPOSITION_DEPS and child.i > last.i:
            slot = _prep_slot(child)
            if slot:
                slots.append(slot)
    for token in chain:
        for child in token.children:
            if child in used or child.dep_ not in MODIFIER_DEPS:
                continue
            if child.dep_ == "advmod" and not list(child.children):
                continue  # single adverbs join the relation or are left out
            if token is last and child.dep_ in PREPOSITION_DEPS and child.i > last.i:
                continue
            if child.dep_ in ("npadvmod", "advmod"):
                tokens = _phrase_tokens(child, conjuncts=True)
                if tokens:
                    slots.append(_Slot("modifier", [], child, tokens, child.i))
            else:
                slot = _prep_slot(child, "modifier")
                if slot:
                    slots.append(slot)
    slots.sort(key=lambda s: (s.kind == "modifier" and s.position < verb.i, s.position))
    return slots


def _shared_objects(verb: Token) -> list[_Slot]:
    """The object of a conjoined verb, shared: "designs and sells phones" → designs phones."""
    for conj in _children(verb, {"conj"}):
        if conj.pos_ == "VERB" and not _children(conj, SUBJECT_DEPS):
            objects = _children(conj, {"dobj"})
            if objects and (tokens := _phrase_tokens(objects[0])):
                return [_Slot("object", [], objects[0], tokens, objects[0].i)]
            return []
    return []


def _clause_tokens(clause: Token) -> list[Token]:
    """All of a clausal complement, trimmed of edge punctuation."""
    return _trim(sorted(clause.subtree, key=lambda t: t.i))


# --------------------------------------------------------------------------- clauses


def _is_clause_head(token: Token) -> bool:
    if token.dep_ in ("aux", "auxpass", "amod", "compound"):
        return False
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and any(c.dep_ in ("attr", "acomp") for c in token.children)


def _chains_to(verb: Token) -> bool:
    """Whether an xcomp verb joins the relation of the verb above it ("tries to woo").

    Not when it has its own subject, or when the verb above has an object that is the
    subject of the xcomp ("allowed employees to dress").
    """
    if verb.dep_ not in CHAIN_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return False
    return not (_children(verb, SUBJECT_DEPS) or _children(verb.head, {"dobj"}))


def _in_chain(token: Token) -> bool:
    """A verb taken into the relation of the verb above it ("woo" in "tries to woo")."""
    if not _chains_to(token):
        return False
    head = token.head
    if head.dep_ == "acomp":
        head = head.head
    return _is_clause_head(head)


def _embedding(verb: Token) -> float:
    """How much an extraction is trusted by where its clause sits: main clauses most."""
    factor, token = 1.0, verb
    for _ in range(6):
        if token.dep_ == "ROOT" or token.head == token:
            break
        factor *= CLAUSE_FACTOR.get(token.dep_, 0.85)
        token = token.head
    return factor


def _confidence(
    pattern: str, subject: _Subject, arguments: list[list[Token]], verb: Token, sentence: Span
) -> float:
    score = PATTERN_CONFIDENCE[pattern] * subject.weight * _embedding(verb)
    if not arguments:
        score *= 0.3  # a bare "X | happened": the gold usually has an argument
    if verb.tag_ == "VBG":
        score *= 0.9
    if len(sentence) > LONG_SENTENCE:
        score *= 0.95
    return round(min(max(score, 0.01), 1.0), 4)


def _clause_triples(verb: Token, sentence: Span) -> Iterator[OpenTriple]:
    subjects = _subjects(verb)
    if not subjects:
        return
    chain = _chain(verb)
    subject_end = max(t.i for s in subjects for t in s.tokens) + 1
    relation_tokens = [t for v in chain for t in _verb_group(v, subject_end)]
    used = set(relation_tokens) | {s.head for s in subjects}
    used |= {t for t in verb.children if t.dep_ in SUBJECT_DEPS}
    slots = _slots(verb, chain, used)
    if not any(s.kind != "modifier" for s in slots):
        slots += _shared_objects(chain[-1])
    primary = [s for s in slots if s.kind != "modifier"]
    extra = [s for s in slots if s.kind == "modifier"]
    passive = _is_passive(chain[-1])
    if primary:
        first, rest = primary[0], primary[1:]
        relation_tokens += first.marker
        if first.kind == "clause":
            pattern = "clausal"
        elif first.kind == "prep":
            pattern = "passive" if passive and first.marker[0].dep_ == "agent" else "prepositional"
        elif verb.lemma_ == "be":
            pattern = "copula"
        else:
            pattern = "svo"
    else:
        first, rest = None, []
        pattern = "intransitive"
    relation = _text(relation_tokens)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a think tank founded in 2005"
        relation = f"{TENSELESS_BE} {relation}"
    objects: list[list[Token]] = [first.tokens] if first else []
    if first is not None and first.kind in ("object", "prep") and first.head is not None:
        heads = _conjuncts(first.head)
        if len(heads) > 1:
            objects = [_phrase_tokens(h) for h in heads]
    further = [s.marker + s.tokens for s in (*rest, *extra)]
    if not objects and not further:  # "awoke when a meteorite hit the Earth"
        further = [_clause_tokens(c) for c in _children(chain[-1], {"advcl"}) if c.i > verb.i]
    for subject, obj in list(product(subjects, objects or [[]]))[:MAX_SPLITS]:
        arguments = [obj, *further] if obj else further
        texts = tuple(t for t in (_text(a) for a in arguments) if t)
        yield OpenTriple(
            subject=_text(subject.tokens),
            relation=relation,
            arguments=texts,
            confidence=_confidence(pattern, subject, arguments, verb, sentence),
            pattern=pattern,
            sentence=sentence,
            anchor=verb,
            phrases=(tuple(subject.tokens), *(tuple(a) for a in arguments if _text(a))),
            relation_tokens=tuple(sorted(relation_tokens, key=lambda t: t.i)),
        )


# --------------------------------------------------------------------------- nominal patterns


def _appositions(sentence: Span) -> Iterator[OpenTriple]:
    """ "Cashel Byron, a world champion prizefighter" → Cashel Byron | is | a ... prizefighter."""
    for token in sentence:
        if token.dep_ != "appos":
            continue
        head = token.head
        if token.pos_ == "PROPN" and head.pos_ != "PROPN":  # "the manager, Drogoul"
            head, token = token, head
        described = _phrase_tokens(head, exclude=[token])
        description = _phrase_tokens(token, exclude=[head])
        if not described or not description:
            continue
        places = head.ent_type_ in PLACE_TYPES and token.ent_type_ in PLACE_TYPES
        yield OpenTriple(
            _text(described),
            f"{TENSELESS_BE} in" if places else TENSELESS_BE,  # "Pasadena, California"
            (_text(description),),
            PATTERN_CONFIDENCE["apposition"],
            "apposition",
            sentence,
            token,
            phrases=(tuple(described), tuple(description)),
        )


def _titles(sentence: Span) -> Iterator[OpenTriple]:
    """ "President Bush" → Bush | is | President: a title word before a person's name."""
    for ent in entities_within(sentence):
        if ent.label_ != "PERSON" or ent.start == sentence.start:
            continue
        titles: list[Token] = []
        cursor = ent.start - 1
        while cursor >= sentence.start:
            word = sentence.doc[cursor]
            if word.head.i not in range(ent.start, ent.end) or word.dep_ not in (
                "compound",
                "amod",
            ):
                break
            if word.ent_type_ and word.ent_type_ != "PERSON":
                break
            if word.lower_.rstrip(".") in HONORIFICS:
                break
            titles.insert(0, word)
            cursor -= 1
        if titles:
            yield OpenTriple(
                ent.text,
                TENSELESS_BE,
                (_text(titles),),
                PATTERN_CONFIDENCE["title"],
                "title",
                sentence,
                titles[-1],
                phrases=(tuple(ent), tuple(titles)),
            )


def _possessives(sentence: Span) -> Iterator[OpenTriple]:
    """ "Yaromir's bride" → Yaromir | has | bride (named possessors only, not "his")."""
    for token in sentence:
        if token.dep_ != "poss" or token.pos_ == "PRON":
            continue
        owner = _phrase_tokens(token)
        owner = [t for t in owner if t.dep_ != "case"]
        owned = _phrase_tokens(token.head, exclude=[token])
        if not owner or not owned:
            continue
        if token.ent_type_ in PLACE_TYPES:  # "Japan's FTC" → the FTC is in Japan
            yield OpenTriple(
                _text(owned),
                f"{TENSELESS_BE} in",
                (_text(owner),),
                PATTERN_CONFIDENCE["noun-preposition"],
                "possessive",
                sentence,
                token.head,
                phrases=(tuple(owned), tuple(owner)),
            )
        else:
            yield OpenTriple(
                _text(owner),
                "has",
                (_text(owned),),
                PATTERN_CONFIDENCE["possessive"],
                "possessive",
                sentence,
                token.head,
                phrases=(tuple(owner), tuple(owned)),
            )


def _in_hyphenated_word(token: Token) -> bool:
    """Whether a token is one part of a word joined by hyphens ("heavy-element")."""
    doc = token.doc
    after = token.i + 1 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    return after or before


def _qualities(sentence: Span) -> Iterator[OpenTriple]:
    """ "a gaping loophole" → a loophole | be | gaping: an adjective before a noun."""
    for adjective in sentence:
        noun = adjective.head
        if (
            adjective.dep_ != "amod"
            or adjective.pos_ != "ADJ"
            or adjective.lower_ in NON_QUALITIES
            or noun.pos_ not in ("NOUN", "PROPN")
            or noun.dep_ == "npadvmod"  # "last year"
            or (noun.pos_ == "PROPN" and adjective.is_title)  # part of a name: "Roman Catholic"
            or _in_hyphenated_word(adjective)  # "heavy-element"
        ):
            continue
        quality = _phrase_tokens(adjective)
        described = _phrase_tokens(noun, exclude=[adjective])
        described = [t for t in described if t.i <= noun.i]
        if quality and described:
            yield OpenTriple(
                _text(described),
                TENSELESS_BE,
                (_text(quality),),
                PATTERN_CONFIDENCE["quality"],
                "quality",
                sentence,
                adjective,
                phrases=(tuple(described), tuple(quality)),
            )


def _noun_prepositions(sentence: Span) -> Iterator[OpenTriple]:
    """ "the Goods Depot at Kettering" → the Goods Depot | be at | Kettering."""
    for prep in sentence:
        noun = prep.head
        if (
            prep.dep_ != "prep"
            or prep.lower_ not in NOUN_PREPOSITIONS
            or noun.pos_ not in ("NOUN", "PROPN")
        ):
            continue
        objects = _children(prep, {"pobj"})
        if not objects or objects[0].lower_ in RELATIVE_PRONOUNS:
            continue
        described = _phrase_tokens(noun, exclude=[prep])
        place = _phrase_tokens(objects[0])
        if described and place:
            yield OpenTriple(
                _text(described),
                f"{TENSELESS_BE} {prep.lower_}",
                (_text(place),),
                PATTERN_CONFIDENCE["noun-preposition"] * (0.8 if prep.lower_ == "of" else 1.0),
                "noun-preposition",
                sentence,
                prep,
                phrases=(tuple(described), tuple(place)),
            )


# --------------------------------------------------------------------------- public API


def open_triples(sentence: Span) -> Iterator[OpenTriple]:
    """Open-IE extractions of one sentence, clauses first, without duplicates."""
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    candidates: list[OpenTriple] = []
    for token in sentence:
        if _is_clause_head(token) and not _in_chain(token):
            candidates.extend(_clause_triples(token, sentence))
    candidates.extend(_appositions(sentence))
    candidates.extend(_titles(sentence))
    candidates.extend(_possessives(sentence))
    candidates.extend(_noun_prepositions(sentence))
    candidates.extend(_qualities(sentence))
    for triple in candidates:
        key = (triple.subject, triple.relation, triple.arguments)
        if triple.subject and triple.relation and key not in seen:
            seen.add(key)
            yield triple


def clause_triples(sentence: Span, heads: Iterable[Token] | None = None) -> Iterator[OpenTriple]:
    """Only the clause extractions of :func:`open_triples` (no nominal patterns), of all
    clauses or of those headed by ``heads``."""
    for token in sentence if heads is None else heads:
        if _is_clause_head(token) and not _in_chain(token):
            yield from _clause_triples(token, sentence)


def to_carb(triple: OpenTriple, sentence: str) -> Extraction:
    """The triple as a CaRB extraction of ``sentence`` (the benchmark's own sentence text)."""
    return Extraction(
        sentence, triple.relation, (triple.subject, *triple.arguments), triple.confidence
    )


def carb_extractions(
    nlp: Language, sentences: Iterable[str], *, tokenized: bool = False, batch_size: int = 64
) -> Iterator[Extraction]:
    """Parse each non-blank line as one document and yield its open extractions for CaRB.

    With ``tokenized``, lines are split into words at spaces only (keeping the tokens of a
    pre-tokenized benchmark such as CaRB, e.g. ``re-designated``), not by spaCy's tokenizer.
    """
    lines = (line.strip() for line in sentences)
    inputs = (
        (Doc(nlp.vocab, words=line.split()) if tokenized else line, line) for line in lines if line
    )
    for doc, line in nlp.pipe(inputs, as_tuples=True, batch_size=batch_size):
        for sentence in doc.sents:
            for triple in open_triples(sentence):
                yield to_carb(triple, line)


def _node(name: str) -> dict[str, Any]:
    return {"id": None, "name": name, "type": None}


def open_record(triple: OpenTriple, article: Article) -> dict[str, Any]:
    """The triple as a JSON Lines record, shaped like :meth:`kgraph.models.Triple.to_dict`.

    Subject and object are phrases, not entities: ``{"id": null, "name": phrase, "type":
    null}``; arguments after the object, if any, are listed under ``"arguments"``.
    """
    sentence = triple.sentence
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = start + len(text.strip())
    stance = classify(triple.anchor)
    record: dict[str, Any] = {
        "subject": _node(triple.subject),
        "predicate": triple.relation,
        "object": _node(triple.object) if triple.object is not None else None,
        "article": article.ref(),
        "sentence": article.text[start:end],
        "start": start,
        "end": end,
        "confidence": round(triple.confidence, 3),
        "negated": stance.negated,
        "modality": stance.label,
        "pattern": f"open-{triple.pattern}",
    }
    if len(triple.arguments) > 1:
        record["arguments"] = list(triple.arguments[1:])
    return record


def open_records(doc: Doc, article: Article) -> Iterator[dict[str, Any]]:
    """JSON Lines records of every open extraction in a parsed article, in text order."""
    for sentence in doc.sents:
        if sentence.text.strip():
            for triple in open_triples(sentence):
                yield open_record(triple, article)
