"""Parse only the sentences that can hold a relation between entities.

An entity triple needs two entities in one sentence: two named mentions, or a mention and a
pronoun or description coreference may resolve ("he", "the company"), or a demonym or place
word that names a country ("the German chancellor"). So the pipeline runs in two stages:
sentence boundaries (the pipeline's ``senter``) and entities (``ner``, with its own
tok2vec) over the whole text, then tok2vec, tagger, parser, attribute ruler and lemmatizer
over the runs of sentences that can hold one (:func:`needs_parse`). The other sentences keep
their entities, but no tags, and each is one flat tree whose tokens hang on its first
(dependency ``dep``); :func:`is_parsed` tells them apart and extraction skips them.

The fast path applies where the pipeline has a ``senter``, an ``ner`` that does not listen to
the shared tok2vec and no component kgraph does not know; otherwise the full pipeline runs
(said once, as a warning on the ``kgraph`` logger).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from kgraph.coref import _PERSON_PRONOUNS, _THING_PRONOUNS, DESCRIPTIONS
from kgraph.lexicon import places
from kgraph.models import ENTITY_TYPES

__all__ = ["is_parsed", "needs_parse", "selective_pipe"]

logger = logging.getLogger("kgraph")

#: Components that run over the whole text, in this order where the pipeline has them.
FIRST_STAGE = (
    "kgraph_paragraphs",
    "senter",
    "ner",
    "kgraph_name_particles",
    "kgraph_entity_propagation",
)
#: Components that run over the sentences that can hold a relation.
SECOND_STAGE = (
    "tok2vec",
    "tagger",
    "kgraph_paragraphs",
    "parser",
    "attribute_ruler",
    "kgraph_attribute_ruler",
    "lemmatizer",
    "kgraph_lemmatizer",
)
#: Words coreference may resolve to an entity.
ANAPHORS = _PERSON_PRONOUNS | _THING_PRONOUNS
#: The annotations the second stage writes, copied back into the article's Doc.
COPIED = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
#: Key in ``Doc.user_data`` of the (start, end) token spans left unparsed.
UNPARSED = "kgraph_unparsed"


@dataclass(frozen=True)
class _Plan:
    first: tuple[str, ...]
    second: tuple[str, ...]


def _plan(nlp: Language) -> _Plan | None:
    """The two stages for ``nlp``, or None (with the reason logged once) if it lacks them."""
    reason = _unsupported(nlp)
    if reason:
        _warn_once(nlp.meta.get("name", "?"), reason)
        return None
    names = nlp.pipe_names
    first = tuple(n for n in FIRST_STAGE if n in names or n == "senter")
    second = tuple(n for n in names if n in SECOND_STAGE)
    return _Plan(first, second)


def _unsupported(nlp: Language) -> str | None:
    names = nlp.pipe_names
    if "senter" not in nlp.component_names:
        return "it has no senter"
    if "ner" not in names or "parser" not in names:
        return "it has no ner or no parser"
    if "tok2vec" in names and "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", []):
        return "its ner shares the tok2vec"
    unknown = [n for n in names if n not in FIRST_STAGE and n not in SECOND_STAGE]
    if unknown:
        return f"it has components kgraph does not know ({', '.join(unknown)})"
    return None


@lru_cache(maxsize=8)
def _warn_once(model: str, reason: str) -> None:
    logger.warning(
        "pipeline %s: parsing every sentence (the fast path needs a senter, an ner with its "
        "own tok2vec and known components; %s)",
        model,
        reason,
    )


def needs_parse(sentences: list[Span]) -> list[bool]:
    """Which sentences can hold a relation between two entities, from their entities alone.

    A sentence can when it has two candidates among its entity mentions, the pronouns and
    descriptions coreference may resolve, and demonym or place words; also a sentence with
    a pronoun or description alone (coreference keeps what it resolves to for the next
    sentences) and one with a mention right before a sentence with a pronoun or description
    (whose subject coreference reads).
    """
    gazetteer = places()
    rows = []
    for sentence in sentences:
        mentions = sum(1 for ent in sentence.ents if ent.label_ in ENTITY_TYPES)
        anaphors = places_ = 0
        for token in sentence:
            lower = token.lower_
            if lower in ANAPHORS or lower in DESCRIPTIONS or lower.rstrip("s") in DESCRIPTIONS:
                anaphors += 1
            elif token.text[:1].isupper() and (
                gazetteer.demonym(token.text)
                or gazetteer.country(token.text)
                or gazetteer.city_country(token.text)
            ):
                places_ += 1
        rows.append((mentions, anaphors, places_))
    needed = []
    for k, (mentions, anaphors, places_) in enumerate(rows):
        next_anaphors = rows[k + 1][1] if k + 1 < len(rows) else 0
        two = mentions + anaphors + places_ >= 2
        needed.append(two or anaphors > 0 or (mentions > 0 and next_anaphors > 0))
    return needed


def is_parsed(sentence: Span) -> bool:
    """Whether ``sentence`` went through the parser (every sentence on the full pipeline)."""
    unparsed = sentence.doc.user_data.get(UNPARSED)
    return not unparsed or (sentence.start, sentence.end) not in unparsed


def selective_pipe(
    nlp: Language, texts: Iterable[tuple[str, object]], *, batch_size: int = 32
) -> Iterator[tuple[Doc, object]]:
    """Like ``nlp.pipe(texts, as_tuples=True)``, parsing only what :func:`needs_parse` keeps."""
    plan = _plan(nlp)
    if plan is None:
        yield from nlp.pipe(texts, as_tuples=True, batch_size=batch_size)
        return
    batch: list[tuple[str, object]] = []
    for item in texts:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, plan, batch, batch_size)
            batch = []
    if batch:
        yield from _parse_batch(nlp, plan, batch, batch_size)


def _run(nlp: Language, names: tuple[str, ...], docs: list[Doc], batch_size: int) -> list[Doc]:
    for name in names:
        proc = nlp.get_pipe(name)
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
    return docs


def _parse_batch(
    nlp: Language, plan: _Plan, batch: list[tuple[str, object]], batch_size: int
) -> Iterator[tuple[Doc, object]]:
    docs = _run(nlp, plan.first, [nlp.make_doc(text) for text, _ in batch], batch_size)
    chunks: list[tuple[int, int, int]] = []  # (doc, start, end) of runs of needed sentences
    for n, doc in enumerate(docs):
        sentences = list(doc.sents)
        unparsed = []
        start = None
        for sentence, needed in zip(sentences, needs_parse(sentences), strict=True):
            if needed:
                start = sentence.start if start is None else start
                continue
            unparsed.append((sentence.start, sentence.end))
            if start is not None:
                chunks.append((n, start, sentence.start))
                start = None
        if start is not None:
            chunks.append((n, start, len(doc)))
        doc.user_data[UNPARSED] = set(unparsed)
    parts = [_words(docs[n], start, end) for n, start, end in chunks]
    parts = _run(nlp, plan.second, parts, batch_size)
    by_doc: dict[int, list[tuple[int, Doc]]] = {}
    for (n, start, _end), part in zip(chunks, parts, strict=True):
        by_doc.setdefault(n, []).append((start, part))
    for n, doc in enumerate(docs):
        _copy_back(doc, by_doc.get(n, []))
        yield doc, batch[n][1]


def _words(doc: Doc, start: int, end: int) -> Doc:
    tokens = doc[start:end]
    return Doc(
        doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
    )


def _copy_back(doc: Doc, parts: list[tuple[int, Doc]]) -> None:
    """Annotations of the parsed runs into ``doc``; a flat tree for each other sentence."""
    table = numpy.zeros((len(doc), len(COPIED)), dtype="uint64")
    dep, root = doc.vocab.strings.add("dep"), doc.vocab.strings.add("ROOT")
    for start, end in doc.user_data[UNPARSED]:
        heads = numpy.arange(start, end, dtype="int64")
        table[start:end, 4] = (start - heads).astype("uint64")  # relative, as Doc.to_array
        table[start:end, 5] = dep
        table[start, 5] = root
    for start, part in parts:
        table[start : start + len(part)] = part.to_array(COPIED)
    doc.from_array(COPIED, table)
