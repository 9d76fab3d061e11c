"""Triples out of a parsed article: entity mentions, coreference, then each construction.

Data flows one way: ``Article`` → spaCy ``Doc`` (:func:`parse`) → mentions
(:mod:`kgraph.entities.mentions`, :mod:`kgraph.entities.coref`) → candidates
(:mod:`.verbal`, :mod:`.nominal`)
→ :class:`~kgraph.models.Triple` records with modality and confidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from kgraph.confidence import calibrate
from kgraph.entities.coref import resolve_coreferences
from kgraph.entities.lexicon import gazetteer
from kgraph.entities.mentions import Mention, resolve_mentions
from kgraph.extract.affiliation import AFFILIATION_EXTRACTORS
from kgraph.extract.arguments import Argument, MentionIndex
from kgraph.extract.attribution import quoted, source_of
from kgraph.extract.candidates import Candidate
from kgraph.extract.modality import Modality, classify
from kgraph.extract.modifiers import country_in_name, demonym_names, modifier_relations
from kgraph.extract.nationals import NATIONAL_EXTRACTORS
from kgraph.extract.nominal import NOMINAL_EXTRACTORS, national_title
from kgraph.extract.places import PLACE_EXTRACTORS
from kgraph.extract.projection import projections
from kgraph.extract.seats import SEAT_EXTRACTORS
from kgraph.extract.verbal import denied_actions, nominalized_relations, verb_relations
from kgraph.extract.when import when_of
from kgraph.models import ENTITY_TYPES, Article, EntityRef, Extraction, Triple
from kgraph.nlp.per_doc import reading
from kgraph.relations import Vocabulary, label_triples
from kgraph.text.boilerplate import blank_boilerplate

__all__ = ["extract_article", "extract_articles", "extract_doc", "parse_articles"]

EXTRACTORS = (
    verb_relations,
    nominalized_relations,
    denied_actions,
    *NOMINAL_EXTRACTORS,
    modifier_relations,
    demonym_names,
    country_in_name,
    *PLACE_EXTRACTORS,
    *AFFILIATION_EXTRACTORS,
    *SEAT_EXTRACTORS,
    *NATIONAL_EXTRACTORS,
)
#: Constructions that presuppose their relation ("its parent company, ByteDance"): the
#: stance of the clause around them does not apply.
PRESUPPOSED = {"apposition", "title", "based", "demonym", "place", "gazetteer", "affiliation"}
#: Constructions of events (verbs), whose arguments are never nationalities or groups of
#: people ("Germans", "the Spaniard").
EVENT_PATTERNS = {"svo", "prepositional", "nominalization", "denied-action", "projection"}
#: Confidence factor for a statement that is not a plain assertion.
MODALITY_FACTOR = {
    "asserted": 1.0,
    "future": 0.95,
    "reported": 0.9,
    "denied": 0.9,
    "hypothetical": 0.8,
}
#: Sentences longer than this (in tokens) parse less reliably.
LONG_SENTENCE = 40


def parse_articles(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, Article]]:
    """Parse articles with spaCy (boilerplate blanked), yielding ``(doc, article)`` pairs."""
    texts = ((blank_boilerplate(a.text), a) for a in articles)
    yield from nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process)


def _sentence_bounds(sentence: Span) -> tuple[int, int]:
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, start + len(text.strip())


#: Verbs that attribute a quotation to its source: '..., she told AFP'.
ATTRIBUTION_VERBS = {"tell", "say"}
#: Verbs of saying, and the prepositions that give where or to whom they were said.
SAYING_VERBS = {"say", "tell", "speak", "explain", "remember", "describe", "comment", "add"}
SAYING_VERBS |= {"note", "confirm", "state", "report", "declare", "announce", "reveal"}
SAYING_PREPOSITIONS = {"in", "at", "on", "from", "during", "to"}
#: Prepositions that say who stood beside a speaker: "said Weber, with Anna Lind".
COMPANY_PREPOSITIONS = {"with", "alongside"}


def _attribution(candidate: Candidate) -> bool:
    """Whether a candidate only says who told a quotation to whom ("X told DW that ...").

    That is where the article's words come from, not a relation between X and DW.
    """
    verb = candidate.anchor
    if candidate.pattern == "prepositional" and verb.lemma_ in SAYING_VERBS:
        # "Merkel said in Berlin", "he told journalists in Tokyo", "spoke to DW": where or
        # to whom something was said, not a relation between the two
        last = candidate.predicate.rsplit("-", 1)[-1]
        if verb.lemma_ in ATTRIBUTION_VERBS and last in COMPANY_PREPOSITIONS:
            return True  # "said Weber, with Anna Lind": who stood by, no relation of the two
        return last in SAYING_PREPOSITIONS
    if candidate.pattern not in ("svo", "projection") or verb.lemma_ not in ATTRIBUTION_VERBS:
        return False
    quoted = any(t.text in ('"', "“", "”", "``", "''") for t in verb.sent)
    return quoted or any(c.dep_ == "ccomp" for c in verb.children)


#: Words that are prepositions or open a clause: "he left as Arsenal lost the lead", "walk
#: out like Michael Owen did". The parser often reads them as prepositions all the same.
CLAUSE_OPENERS = {"as", "like", "after", "before", "since", "until", "till"}
#: Tags of a finite verb or a modal: the verb of a clause of its own.
FINITE_TAGS = {"VBZ", "VBD", "VBP", "MD"}


def _subject_of_a_clause(candidate: Candidate, obj: Argument) -> bool:
    """Whether a preposition's "object" is the subject of a clause it opens: the name is
    followed by its own verb ("as a lacklustre Davenport looked", "like Michael Owen
    did"), so the sentence relates the two clauses, not the two entities."""
    if candidate.pattern not in ("prepositional", "projection"):
        return False
    if candidate.predicate.rsplit("-", 1)[-1] not in CLAUSE_OPENERS:
        return False
    after = obj.token.right_edge.i + 1
    doc = obj.token.doc
    return after < len(doc) and doc[after].tag_ in FINITE_TAGS


#: Dependencies of a verb's direct object.
DIRECT_OBJECTS = {"dobj", "obj"}


def _acted_on_left_out(candidate: Candidate, obj: Argument) -> bool:
    """Whether a prepositional triple leaves out the named entity the verb acts on.

    "Bill Gates opened the Consumer Electronics Show in Las Vegas", "Agassi beat Roddick at
    Wimbledon", "Apacs chose school teacher Helen Carroll, from Portsmouth": the verb's
    direct object is a name the predicate does not hold, so ``opens-in``, ``beats-at`` and
    ``chooses-from`` relate the subject to where or whence the act on that name happened,
    not to the preposition's object ("joined the Gunners from Seville" keeps its
    ``joins-gunners-from``: the predicate holds the name)."""
    if candidate.pattern != "prepositional":
        return False
    words = set(candidate.predicate.split("-"))
    for child in candidate.anchor.children:
        if child.dep_ not in DIRECT_OBJECTS or child.ent_type_ not in ENTITY_TYPES:
            continue
        if child.i == obj.token.i or child.lower_ in words or child.lemma_.lower() in words:
            continue
        return True
    return False


def demonyms_as_groups(mentions: list[Mention]) -> list[Mention]:
    """Mentions named by a demonym ("Angolan", "Ugandan") typed NORP, whatever the model said.

    The small model tags some demonyms GPE, ORG or PERSON; as a group they are neither a
    place nor an organization a person works for.
    """
    table = gazetteer()
    retyped: dict[str, EntityRef] = {}
    for mention in mentions:
        entity = mention.entity
        if entity.type == "NORP" or entity.id in retyped:
            continue
        name = entity.name
        if table.demonym(name) and not table.country(name) and not table.city_country(name):
            retyped[entity.id] = EntityRef.make(name, "NORP", entity.aliases)
    if not retyped:
        return mentions
    return [replace(m, entity=retyped.get(m.entity.id, m.entity)) for m in mentions]


def is_group(entity: EntityRef) -> bool:
    """A group of people named by nationality, religion or politics: "Germans", "Christians".

    The small model also tags some company names NORP ("Fitbit"); those are not groups.
    """
    if entity.type != "NORP":
        return False
    name = entity.name
    return gazetteer().demonym(name) is not None or (name.endswith("s") and not name.endswith("ss"))


def _confidence(
    candidate: Candidate, subject_weight: float, object_weight: float, modality: str, sentence: Span
) -> float:
    score = candidate.base_confidence * subject_weight * object_weight
    score *= MODALITY_FACTOR.get(modality, 1.0)
    if len(sentence) > LONG_SENTENCE:
        score *= 0.9
    return max(0.01, min(score, 1.0))


#: Patterns that read a role off the words before or beside a name.
ROLE_PATTERNS = {"title", "apposition"}


def _predicate(candidate: Candidate, subject: EntityRef, obj: EntityRef) -> str:
    """The candidate's predicate for one pair: a title won after a country's name says the
    person is the country's ("Britain's defending champion Denise Lewis" → citizen-of)."""
    if candidate.pattern in ROLE_PATTERNS and national_title(candidate.predicate, subject, obj):
        return "citizen-of"
    return candidate.predicate


def _triples(
    candidate: Candidate, article: Article, sentence: Span, index: MentionIndex
) -> Iterator[Triple]:
    start, end = _sentence_bounds(sentence)
    if candidate.pattern in PRESUPPOSED:
        stance = Modality()
    else:
        stance = classify(candidate.anchor, candidate.chain)
    said = stance.label in ("reported", "hypothetical") or (  # "said Ireland can win"
        candidate.pattern not in PRESUPPOSED and quoted(sentence)
    )
    source = source_of(candidate.anchor, index) if said else None
    # a presupposed relation ("its parent company") is a state, not an event of the clause
    presupposed = candidate.pattern in PRESUPPOSED
    when = None if presupposed else when_of(candidate.anchor, sentence, article.published)
    surface = " ".join(t.text for t in sorted((*candidate.chain, candidate.anchor)))
    for subject in candidate.subjects:
        for obj in candidate.objects:
            if subject.entity.id == obj.entity.id:
                continue
            if _attribution(candidate) or _subject_of_a_clause(candidate, obj):
                continue
            if _acted_on_left_out(candidate, obj):
                continue
            if candidate.pattern in EVENT_PATTERNS and "NORP" in (
                subject.entity.type,
                obj.entity.type,
            ):
                continue  # "the Argentine", "Germans": a group, or a person left unnamed
            yield Triple(
                subject=subject.entity,
                predicate=_predicate(candidate, subject.entity, obj.entity),
                object=obj.entity,
                article=article,
                sentence=article.text[start:end],
                start=start,
                end=end,
                confidence=_confidence(
                    candidate, subject.weight, obj.weight, stance.label, sentence
                ),
                negated=stance.negated,
                modality=stance.label,
                surface=surface,
                source=source,
                when=when,
                extras={"pattern": candidate.pattern},
            )


def extract_doc(
    doc: Doc,
    article: Article,
    *,
    vocabulary: Vocabulary | None = None,
    min_confidence: float = 0.0,
    calibrated: bool = True,
) -> Extraction:
    """The entities and triples of one parsed article (triples in text order).

    Each triple's ``relation`` comes from ``vocabulary`` (default: the shipped one), its
    ``confidence`` from the shipped confidence model (:mod:`kgraph.confidence`; with
    ``calibrated=False``, the extractors' raw score); triples below ``min_confidence`` are
    left out (their entities' mentions stay).
    """
    with reading(doc):  # the doc's entity spans and the like, computed once
        mentions = demonyms_as_groups(resolve_mentions(doc))
        linked = resolve_coreferences(doc, mentions)
        relinked = {m.start for m in linked}  # "the Spaniard": a group mention that is a person
        mentions = [m for m in mentions if m.start not in relinked] + linked
        found = _extract_triples(doc, article, MentionIndex(mentions))
    counts = Counter(m.entity.id for m in mentions)
    entities = {m.entity.id: m.entity for m in mentions}
    triples = label_triples(found, vocabulary)
    if calibrated:
        triples = calibrate(triples)
    triples = [t for t in triples if t.confidence >= min_confidence]
    for triple in triples:  # a country a demonym stands for may have no mention of its own
        for entity in (triple.subject, triple.object):
            if entity.id not in entities:
                entities[entity.id] = entity
                counts[entity.id] = 1
    return Extraction(article, tuple(entities.values()), dict(counts), tuple(triples))


def _extract_triples(doc: Doc, article: Article, index: MentionIndex) -> list[Triple]:
    best: dict[tuple[str, str, str, int], Triple] = {}
    for sentence in doc.sents:
        if not index.within(sentence) or not sentence.text.strip():
            continue  # every construction needs a mention in the sentence
        pairs: set[frozenset[str]] = set()
        for extractor in (*EXTRACTORS, projections):
            if extractor is projections:  # the pairs the other constructions have read
                pairs = {frozenset((t.subject.id, t.object.id)) for t in best.values()}
            for candidate in extractor(sentence, index):
                for triple in _triples(candidate, article, sentence, index):
                    pair = frozenset((triple.subject.id, triple.object.id))
                    if candidate.pattern == "projection" and pair in pairs:
                        continue  # a construction of its own has read this pair already
                    key = (*triple.key(), triple.start)
                    if key not in best or triple.confidence > best[key].confidence:
                        best[key] = triple
    return sorted(best.values(), key=lambda t: (t.start, -t.confidence))


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    vocabulary: Vocabulary | None = None,
) -> Iterator[Extraction]:
    """Parse and extract a stream of articles."""
    for doc, article in parse_articles(nlp, articles, batch_size=batch_size, n_process=n_process):
        yield extract_doc(doc, article, vocabulary=vocabulary)


def extract_article(
    nlp: Language, article: Article, *, vocabulary: Vocabulary | None = None
) -> Extraction:
    """Parse one article and return its entities and triples."""
    return next(extract_articles(nlp, [article], vocabulary=vocabulary))
