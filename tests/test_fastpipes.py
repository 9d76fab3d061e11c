"""The fast attribute ruler and lemmatizer annotate exactly as spaCy's own components."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from kgraph.defaults import DEFAULT_MODEL
from kgraph.nlp.fastpipes import (
    FastAttributeRuler,
    FastLemmatizer,
    components_kept,
    use_fast_components,
)
from kgraph.nlp.spacy_pipeline import UNUSED_PIPES, load_pipeline

from .conftest import EXAMPLES

#: Sentences for the rules beyond word and tag: negation, auxiliaries, "ai n't",
#: "gon na", "let 's", expletive "there is", object pronouns, spaces.
RULE_SENTENCES = (
    "I ain't gonna let 's go, but there is nothing we can't do.\n\n"
    "She told me that it was fine; they gave it to you and I've got to see it.  "
    "Does he have the books? He did, and we're done."
)


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_fast_components_annotate_as_spacys_own(nlp):
    assert "kgraph_attribute_ruler" in nlp.pipe_names
    assert "kgraph_lemmatizer" in nlp.pipe_names
    own = spacy.load(DEFAULT_MODEL, exclude=list(UNUSED_PIPES))
    own.add_pipe("kgraph_paragraphs", before="parser")
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append(RULE_SENTENCES)
    for ours, theirs in zip(nlp.pipe(texts * 2), own.pipe(texts * 2), strict=True):
        assert _annotations(ours) == _annotations(theirs)


def test_every_rule_of_the_model_is_decided_per_kind_of_token(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(ruler)
    in_lookups = sum(len(ids) for ids in fast.simple.values())
    assert in_lookups + len(fast.tests) + len(fast.pairs) == len(ruler.patterns)
    assert len(fast.pairs) == 8 and len(fast.matcher) == 0


def test_tests_asking_for_a_word_are_skipped_only_for_other_words(nlp):
    """Each kind of token gets the rules and pair bits of running every test on it."""
    from kgraph.nlp.fastpipes import _passes

    fast = FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
    with nlp.select_pipes(disable=["kgraph_attribute_ruler"]):
        docs = [nlp(RULE_SENTENCES), nlp((EXAMPLES / "tiktok-microsoft.txt").read_text())]
    for doc in docs:
        fast(doc)
    strings, kinds = nlp.vocab.strings, fast._kinds
    asked = 0
    for (lower, tag, dep, space), code in kinds.index.items():
        values = {"LOWER": strings[lower], "TAG": strings[tag], "DEP": strings[dep]}
        values["IS_SPACE"] = bool(space)
        rules = [i for i, tests in fast.tests if _passes(tests, values)]
        assert set(rules) == set(kinds.rules[code]) & {i for i, _ in fast.tests}
        firsts = sum(1 << n for n, p in enumerate(fast.pairs) if _passes([p[2]], values))
        seconds = sum(1 << n for n, p in enumerate(fast.pairs) if _passes([p[3]], values))
        assert (int(kinds.firsts[code]), int(kinds.seconds[code])) == (firsts, seconds)
        asked += values["LOWER"] in fast._words
    assert 10 < asked < len(kinds.index) / 2  # both paths were taken


def test_a_rule_of_another_shape_still_goes_through_the_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}, {"LOWER": "city"}]], {"POS": "PROPN"}, index=1)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"LOWER": "new"}]], {"POS": "ADJ"})
    assert use_fast_components(nlp) == ["attribute_ruler"]
    fast = nlp.get_pipe("kgraph_attribute_ruler")
    assert len(fast.matcher) == 1 and len(fast.pairs) == 1
    doc = nlp("I'm gonna see New York City, new and old.")
    assert [(t.text, t.pos_) for t in doc if t.pos_] == [
        ("New", "ADJ"),
        ("York", "PROPN"),
        ("new", "ADJ"),
    ]
    assert [t.lemma_ for t in doc if t.lemma_] == ["to"]


def test_a_pipeline_without_the_components_is_left_as_it_is():
    nlp = spacy.blank("en")
    assert use_fast_components(nlp) == []
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "apple"}]], {"POS": "PROPN"})
    assert use_fast_components(nlp) == ["attribute_ruler"]
    assert nlp("apple pie")[0].pos_ == "PROPN"


class _CustomRuler(AttributeRuler):
    """An attribute ruler of a user's own, whose behaviour the stand-in does not know."""


@Language.factory("kgraph_test_custom_ruler")
def _custom_ruler(nlp: Language, name: str) -> _CustomRuler:
    return _CustomRuler(nlp.vocab, name)


def test_a_custom_attribute_ruler_class_is_kept():
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_test_custom_ruler", name="attribute_ruler")
    assert use_fast_components(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]
    assert components_kept(nlp) == ["attribute_ruler"]


def test_the_default_pipeline_runs_every_stand_in(nlp):
    assert components_kept(nlp) == []


def test_lemmas_are_cached_by_word_pos_and_morphology(nlp):
    lemmatizer = FastLemmatizer(nlp.get_pipe("lemmatizer"))
    with nlp.select_pipes(disable=["kgraph_lemmatizer"]):
        doc = nlp("The companies left. The company leaves.")
    assert not any(t.lemma_ for t in doc)
    lemmatizer(doc)
    assert [t.lemma_ for t in doc if t.is_alpha] == ["the", "company", "leave"] * 2
    assert len(lemmatizer._cache) == len({(t.orth, t.pos, t.morph.key) for t in doc})


def test_loading_a_pipeline_the_stand_ins_do_not_cover_says_so(tmp_path):
    own = spacy.blank("en")
    own.add_pipe("kgraph_test_custom_ruler", name="attribute_ruler")
    own.to_disk(tmp_path / "custom")
    with pytest.warns(UserWarning, match="attribute_ruler not spaCy's own"):
        nlp = load_pipeline(str(tmp_path / "custom"))
    assert nlp("It works.").text == "It works."
