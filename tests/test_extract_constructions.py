"""One test per construction, on real sentences through the real model (en_core_web_sm).

Where the small model's parse or entity recognition makes a case fail, the case stays,
marked xfail with the reason.
"""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.models import Article


@pytest.fixture(scope="module")
def triples_of(nlp):
    def run(text: str) -> set[tuple[str, str, str, str, bool]]:
        extraction = extract_article(nlp, Article(text))
        return {
            (t.subject.name, t.predicate, t.object.name, t.modality, t.negated)
            for t in extraction.triples
        }

    return run


def _spo(triples):
    return {(s, p, o) for s, p, o, _, _ in triples}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Google bought YouTube in 2006.", ("Google", "buys", "YouTube")),
        ("YouTube was acquired by Google in 2006.", ("Google", "acquires", "YouTube")),
        (
            "Steven Mnuchin met Angela Merkel in Berlin.",
            ("Steven Mnuchin", "meets", "Angela Merkel"),
        ),
        (
            "Tesla will build and operate a factory in Germany.",
            ("Tesla", "operates-factory-in", "Germany"),
        ),
        (
            "Microsoft has completed its acquisition of Activision Blizzard.",
            ("Microsoft", "completes-acquisition-of", "Activision Blizzard"),
        ),
    ],
    ids=["direct-object", "passive-by-agent", "svo-person", "prepositional-object", "light-verb"],
)
def test_verbal_relations(triples_of, sentence, expected):
    assert expected in _spo(triples_of(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Amazon agreed to buy Whole Foods last year.", ("Amazon", "agrees-to-buy", "Whole Foods")),
        (
            "The White House wants to ban Huawei from American networks.",
            ("White House", "wants-to-ban", "Huawei"),
        ),
        (
            "Apple hopes to conclude talks with Samsung by Friday.",
            ("Apple", "hopes-to-conclude-talk-with", "Samsung"),
        ),
    ],
    ids=["agreed-to-buy", "wants-to-ban", "hopes-to-conclude"],
)
def test_verb_chains(triples_of, sentence, expected):
    assert expected in _spo(triples_of(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Microsoft's chief executive, Satya Nadella, visited Germany.",
            ("Satya Nadella", "chief-executive-of", "Microsoft"),
        ),
        (
            "Tim Cook, the chief executive of Apple, visited China.",
            ("Tim Cook", "chief-executive-of", "Apple"),
        ),
        (
            "TikTok was sold by its Chinese parent company, ByteDance.",
            ("ByteDance", "parent-of", "TikTok"),
        ),
    ],
    ids=["possessive-apposition", "apposition-of", "apposition-parent"],
)
def test_appositions(triples_of, sentence, expected):
    assert expected in _spo(triples_of(sentence))


def test_titles_before_names(triples_of):
    spo = _spo(triples_of("US Treasury Secretary Steven Mnuchin met Angela Merkel in Berlin."))
    assert ("Steven Mnuchin", "secretary-of", "US Treasury") in spo
    spo = _spo(triples_of("Microsoft chief executive Satya Nadella visited India."))
    assert ("Satya Nadella", "chief-executive-of", "Microsoft") in spo


def test_head_of_and_copula(triples_of):
    assert ("Angela Merkel", "chancellor-of", "Germany") in _spo(
        triples_of("Angela Merkel is the chancellor of Germany.")
    )


def test_head_of_x_y(triples_of):
    spo = _spo(triples_of("The head of the State Department, Mike Pompeo, warned China."))
    assert ("Mike Pompeo", "head-of", "State Department") in spo


def test_head_of_x_y_without_comma(triples_of):
    text = "The threat was declared by the head of American diplomacy Mike Pompeo."
    assert ("Mike Pompeo", "head-of", "United States") in _spo(triples_of(text))


def test_based_in(triples_of):
    text = (
        'Microsoft confirmed the talks. "We will ensure data stays in the US," '
        "the Seattle-based company said."
    )
    assert ("Microsoft", "based-in", "Seattle") in _spo(triples_of(text))


def test_nominalization(triples_of):
    text = (
        "Microsoft confirmed that negotiations were underway to buy the American branch of TikTok."
    )
    assert ("Microsoft", "negotiates-acquisition-of", "TikTok") in _spo(triples_of(text))
    text = "Amazon is in talks to buy Twitter, according to people familiar with the matter."
    assert ("Amazon", "negotiates-acquisition-of", "Twitter", "reported", False) in triples_of(text)


def test_conjoined_verbs_share_subject_and_object(triples_of):
    text = "If a deal is signed, Microsoft will own and run TikTok in the United States."
    triples = triples_of(text)
    assert ("Microsoft", "owns", "TikTok", "hypothetical", False) in triples
    assert ("Microsoft", "runs", "TikTok", "hypothetical", False) in triples


def test_conjoined_objects(triples_of):
    spo = _spo(triples_of("Donald Trump met Emmanuel Macron, Angela Merkel and Justin Trudeau."))
    assert {
        ("Donald Trump", "meets", name)
        for name in ("Emmanuel Macron", "Angela Merkel", "Justin Trudeau")
    } <= spo


@pytest.mark.xfail(reason="en_core_web_sm does not tag Pfizer or BioNTech as entities here")
def test_conjoined_subjects_and_objects(triples_of):
    spo = _spo(
        triples_of("Pfizer and BioNTech will supply vaccines to Canada, Australia and Japan.")
    )
    assert ("BioNTech", "supplies-to", "Japan") in spo


def test_negation(triples_of):
    assert ("Google", "buys", "Fitbit", "asserted", True) in triples_of(
        "Google did not buy Fitbit."
    )


def test_denial(triples_of):
    triples = triples_of("Huawei has always denied any spying for Beijing.")
    assert ("Huawei", "spies-for", "Beijing", "denied", True) in triples


def test_reported_speech_and_hedges(triples_of):
    triples = triples_of("Boris Johnson said that Britain would leave the European Union.")
    assert ("United Kingdom", "leaves", "European Union", "reported", False) in triples
    triples = triples_of("The European Union allegedly threatened legal action against Britain.")
    assert (
        "European Union",
        "threatens-action-against",
        "United Kingdom",
        "reported",
        False,
    ) in triples


def test_future_and_conditional(triples_of):
    assert ("Tesla", "operates-factory-in", "Germany", "future", False) in triples_of(
        "Tesla will build and operate a factory in Germany."
    )
    triples = triples_of("If the talks succeed, Google could buy Fitbit.")
    assert ("Google", "buys", "Fitbit", "hypothetical", False) in triples


def test_coreference_of_pronouns_and_descriptions(triples_of):
    text = (
        "Donald Trump met Emmanuel Macron on Monday. He later criticized Angela Merkel. "
        "Microsoft thus confirmed the talks. The computer giant even spoke with Joe Biden."
    )
    spo = _spo(triples_of(text))
    assert ("Donald Trump", "criticizes", "Angela Merkel") in spo
    assert ("Microsoft", "speaks-with", "Joe Biden") in spo


def test_predicates_are_normalized(triples_of):
    spo = _spo(triples_of("Google has quietly bought Fitbit."))
    assert ("Google", "buys", "Fitbit") in spo


def test_self_relations_are_dropped(triples_of):
    assert not [t for t in triples_of("Microsoft said Microsoft would grow.") if t[0] == t[2]]


def test_names_with_particles_stay_one_person(nlp):
    text = (
        "Ursula von der Leyen visited Windsor on Monday. "
        "Von der Leyen met King Charles at Windsor Castle."
    )
    extraction = extract_article(nlp, Article(text))
    people = {e.name for e in extraction.entities if e.type == "PERSON"}
    assert "Ursula von der Leyen" in people
    assert not {"Leyen", "Von der Leyen"} & people
