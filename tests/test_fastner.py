"""The fast entity recognizer finds exactly the entities of spaCy's own ``ner``."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kgraph.nlp.fastner import FastEntityRecognizer

from .conftest import EXAMPLES

#: Entities at a sentence's and a text's end, across a line break, next to spaces, inside
#: a long name, a lone word: the places where the moves' validity rules bite.
EDGE_TEXTS = (
    "Shares in Rolls-Royce Holdings rose after the Civil Aviation Authority in London "
    "cleared the engine on Monday. The decision pleased the Bank of England",
    "Chief executive Mary Barra\nGeneral Motors said in Detroit that sales fell 4%.",
    "Talks between  the European Central Bank and the International Monetary Fund  "
    "resumed in Frankfurt on 3 March 2023.\n\nIMF",
    "Microsoft",
    "",
)


def _entities(doc):
    return [(t.i, t.ent_iob_, t.ent_type_) for t in doc], [
        (e.start, e.end, e.label_) for e in doc.ents
    ]


def _before_ner(nlp, texts):
    """The texts parsed up to the entity recognizer (no entity set yet)."""
    with nlp.select_pipes(enable=["tok2vec", "tagger", "kgraph_paragraphs", "parser"]):
        return list(nlp.pipe(texts))


@pytest.mark.parametrize("batch_size", [1, 3, 16, 32])
def test_entities_are_spacys_own(nlp, batch_size):
    own = nlp.get_pipe("ner")  # spaCy's recognizer, disabled in kgraph's pipeline
    fast = nlp.get_pipe("kgraph_ner")
    assert isinstance(fast, FastEntityRecognizer) and "ner" not in nlp.pipe_names
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += EDGE_TEXTS
    ours = list(fast.pipe(_before_ner(nlp, texts), batch_size=batch_size))
    theirs = list(own.pipe(_before_ner(nlp, texts), batch_size=batch_size))
    assert [_entities(doc) for doc in ours] == [_entities(doc) for doc in theirs]
    assert any(len(doc.ents) > 10 for doc in ours)


def test_one_document_at_a_time(nlp):
    fast, own = nlp.get_pipe("kgraph_ner"), nlp.get_pipe("ner")
    for ours, theirs in zip(_before_ner(nlp, EDGE_TEXTS), _before_ner(nlp, EDGE_TEXTS)):
        assert _entities(fast(ours)) == _entities(own(theirs))


def test_a_document_with_entities_set_before_goes_through_spacys_code(nlp):
    text = "Ms Dunwoody wrote for the Times newspaper in London."
    ours, theirs = _before_ner(nlp, [text, text])
    for doc in (ours, theirs):
        doc.set_ents([Span(doc, 0, 2, label="PERSON")], default="missing")
    fast = nlp.get_pipe("kgraph_ner")
    assert not fast._fast_for([ours])
    assert _entities(fast(ours)) == _entities(nlp.get_pipe("ner")(theirs))
    assert (ours.ents[0].text, ours.ents[0].label_) == ("Ms Dunwoody", "PERSON")
