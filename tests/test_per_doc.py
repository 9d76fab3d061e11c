"""Per-document answers are computed once while a document is read, and never read stale."""

from __future__ import annotations

import threading

from spacy.tokens import Span

from kgraph.extract import extract_doc
from kgraph.models import Article
from kgraph.nlp.per_doc import entities, entities_within, once, reading

TEXT = (
    "Tim Cook met Angela Merkel in Berlin on Monday. Apple said the talks went well.\n"
    "Mr Cook flew on to Paris, where he met Emmanuel Macron."
)


def _counting(calls: list[int]):
    def compute(doc):
        calls.append(1)
        return len(doc)

    return compute


def test_entities_are_the_docs_own_inside_and_outside_a_reading(nlp):
    doc = nlp(TEXT)
    assert entities(doc) == doc.ents
    with reading(doc):
        assert entities(doc) == doc.ents
        assert entities(doc) is entities(doc)  # built once
        for sentence in doc.sents:
            assert entities_within(sentence) == list(sentence.ents)
        part = doc[2:9]  # "Angela Merkel in Berlin on Monday ."
        assert entities_within(part) == list(part.ents)
        assert [e.text for e in entities_within(part)] == ["Angela Merkel", "Berlin", "Monday"]


def test_an_answer_is_computed_once_per_reading_and_afresh_after_it(nlp):
    doc = nlp(TEXT)
    calls: list[int] = []
    compute = _counting(calls)
    with reading(doc):
        assert once(doc, compute) == once(doc, compute) == len(doc)
        assert len(calls) == 1
    once(doc, compute)
    once(doc, compute)
    assert len(calls) == 3  # outside a reading nothing is kept


def test_another_document_is_never_answered_from_the_one_being_read(nlp):
    doc, other = nlp(TEXT), nlp("Sony bought a stake in Nintendo.")
    with reading(doc):
        assert entities(other) == other.ents
        assert [e.text for e in entities(other)] == ["Sony", "Nintendo"]
        assert once(other, len) == len(other)
    with reading(doc), reading(other):  # the inner reading ends, the outer one resumes
        assert [e.text for e in entities(other)] == ["Sony", "Nintendo"]
    assert entities(doc) == doc.ents


def test_a_document_changed_after_its_extraction_is_extracted_afresh(nlp):
    doc = nlp("Microsoft bought GitHub, its chief executive Satya Nadella said.")
    article = Article(doc.text)
    before = {e.name for e in extract_doc(doc, article).entities}
    assert "Satya Nadella" in before
    doc.ents = [e for e in doc.ents if e.text != "Satya Nadella"]
    after = {e.name for e in extract_doc(doc, article).entities}
    assert "Satya Nadella" not in after
    doc.ents = [*doc.ents, Span(doc, len(doc) - 4, len(doc) - 2, "PERSON")]
    assert "Satya Nadella" in {e.name for e in extract_doc(doc, article).entities}


def test_threads_reading_different_documents_keep_their_own_answers(nlp):
    docs = [nlp(TEXT), nlp("Sony bought a stake in Nintendo.")]
    seen: dict[int, list[str]] = {}

    def read(n: int) -> None:
        doc = docs[n]
        with reading(doc):
            for _ in range(200):
                seen[n] = [e.text for e in entities(doc)]

    threads = [threading.Thread(target=read, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen[1] == ["Sony", "Nintendo"]
    assert seen[0] == [e.text for e in docs[0].ents]
