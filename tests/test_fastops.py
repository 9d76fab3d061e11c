"""Matrix products on numpy's BLAS: the same parses and entities as thinc's own backend."""

from __future__ import annotations

import numpy
import spacy
from thinc.api import NumpyOps

from kgraph.defaults import DEFAULT_MODEL
from kgraph.nlp.fastops import BlasOps, use_blas_ops
from kgraph.nlp.spacy_pipeline import load_pipeline

from .conftest import EXAMPLES


def test_gemm_matches_thincs_own_with_and_without_transposes():
    rng = numpy.random.default_rng(3)
    x = rng.random((7, 5), dtype="float32")
    y = rng.random((5, 4), dtype="float32")
    ours, theirs = BlasOps(), NumpyOps()
    for trans1, trans2, a, b in (
        (False, False, x, y),
        (True, False, x.T.copy(), y),
        (False, True, x, y.T.copy()),
        (True, True, x.T.copy(), y.T.copy()),
    ):
        expected = theirs.gemm(a, b, trans1=trans1, trans2=trans2)
        numpy.testing.assert_allclose(
            ours.gemm(a, b, trans1=trans1, trans2=trans2), expected, rtol=1e-5
        )
        out = numpy.zeros((7, 4), dtype="float32")
        assert ours.gemm(a, b, out=out, trans1=trans1, trans2=trans2) is out
        numpy.testing.assert_allclose(out, expected, rtol=1e-5)


def test_kgraph_pipeline_parses_and_finds_entities_as_spacys_backend(nlp):
    layers = [
        layer for _, pipe in nlp.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()
    ]
    assert layers and all(isinstance(layer.ops, BlasOps) for layer in layers)
    own = load_pipeline.__wrapped__(DEFAULT_MODEL)  # a second copy, back on thinc's backend
    for _, pipe in own.components:  # the disabled ner too: kgraph_ner runs its model
        model = getattr(pipe, "model", None)  # the lemmatizer's is None
        for layer in model.walk() if model is not None else ():
            layer.ops = NumpyOps()
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for ours, theirs in zip(nlp.pipe(texts), own.pipe(texts), strict=True):
        assert [(t.text, t.tag_, t.head.i, t.dep_) for t in ours] == [
            (t.text, t.tag_, t.head.i, t.dep_) for t in theirs
        ]
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [
            (e.start, e.end, e.label_) for e in theirs.ents
        ]


def test_a_pipeline_without_thinc_models_is_left_as_it_is():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert use_blas_ops(nlp) == 0
    assert [s.text for s in nlp("One. Two.").sents] == ["One.", "Two."]
