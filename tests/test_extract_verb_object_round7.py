"""Round 7: a verb's common-noun object stays in its predicate where the parser left it out
of the verb's children: the noun a relative clause's verb takes ("the complaints she sent
to Ofcom") and a possessed noun the parser hung on the verb as a clause ("made his
England debut against Italy"). Real sentences through the real model."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def triples_of(relation_triples_of):
    return relation_triples_of


def _between(found, subject: str, obj: str) -> set[str]:
    return {p for s, _, p, o in found if s == subject and o == obj}


def test_the_noun_a_relative_clause_takes_is_its_verbs_object(triples_of):
    found = triples_of("Yahoo praised the deal Google struck with AOL last year.")
    assert ("Google", "other", "strikes-deal-with", "AOL") in found, found
    assert "strikes-with" not in {p for _, _, p, _ in found}, found


def test_the_complaints_a_regulator_received_about_a_show(triples_of):
    found = triples_of(
        "The complaints Ofcom received about Jerry Springer: The Opera rose to 8,000."
    )
    assert any(s == "Ofcom" and p == "receives-complaint-about" for s, _, p, _ in found), found
    assert "receives-about" not in {p for _, _, p, _ in found}, found


def test_a_relative_clause_with_its_own_relative_subject_keeps_its_verb(triples_of):
    found = triples_of(
        "The bank, which is competing with Barclays for the deal, declined to comment."
    )
    assert not any("bank" in p for _, _, p, _ in found), found


def test_a_possessed_debut_the_parser_read_as_a_clause_stays_in_the_predicate(triples_of):
    found = triples_of("Robinson made his England debut in 2001 against Italy in Rome.")
    assert ("Robinson", "other", "makes-debut-against", "Italy") in found, found
    assert not any(p == "makes-against" for _, _, p, _ in found), found


def test_a_light_verb_with_only_a_place_phrase_relates_nothing(triples_of):
    found = triples_of(
        "Harry Redknapp has been named manager of Saints. He succeeded Alan Ball at "
        "Portsmouth in 2002, as he has now done at Saints."
    )
    assert not any(p == "does-at" for _, _, p, _ in found), found
    assert ("Harry Redknapp", "other", "succeeds", "Alan Ball") in found, found
