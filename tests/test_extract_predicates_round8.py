"""Round 8 of predicates and modality: an intent with "no" is negated, a present-tense
time clause of an event to come is future, a claim's content is reported, a hedge reaches
only its own clause; a sum of money stays out of the predicate, and a thing supplied in a
"with" phrase goes into it; a name the parser hung on a noun it does not describe, and a
superlative of a noun that names no role, make no role. Sentences written for the rules,
through the real model, checking the triples that come out."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def stances(nlp):
    """A function from a text to its triples as (subject, predicate, object, modality,
    negated)."""
    from kgraph.extract import extract_article
    from kgraph.models import Article

    def run(text: str) -> set[tuple[str, str, str, str, bool]]:
        extraction = extract_article(nlp, Article(text))
        return {
            (t.subject.name, t.predicate, t.object.name, t.modality, t.negated)
            for t in extraction.triples
        }

    return run


def _pairs(found) -> set[tuple[str, str]]:
    return {(t[0], t[2]) for t in found}


# ---------------------------------------------------------------- modality


def test_an_intent_with_no_is_negated(stances):
    found = stances(
        "Thierry Henry has told French television he is settled in London and has no "
        "plans to leave Arsenal."
    )
    assert ("Thierry Henry", "plans-to-leave", "Arsenal", "reported", True) in found, found


def test_an_intent_without_no_stays_affirmed(stances):
    found = stances("Bill Gates told reporters that Microsoft has plans to buy Yahoo.")
    assert ("Microsoft", "plans-acquisition-of", "Yahoo", "reported", False) in found, found


def test_a_present_tense_before_clause_is_to_come(stances):
    found = stances("Scotland face Italy in Rome before England and France come to Murrayfield.")
    assert ("France", "comes-to", "Murrayfield", "future", False) in found, found


def test_a_when_clause_of_a_future_clause_is_to_come(stances):
    found = stances(
        "Ms Jowell will set out her position when the Bill is debated in the Commons on Monday."
    )
    assert ("Bill", "debated-in", "Commons", "future", False) in found, found


def test_a_present_tense_this_week_is_a_fixture(stances):
    found = stances("Liverpool face Juventus this week.")
    assert ("Liverpool", "faces", "Juventus", "future", False) in found, found


def test_what_reports_say_is_reported(stances):
    found = stances("There were rumours that Tesco had bought Somerfield.")
    assert ("Tesco", "buys", "Somerfield", "reported", False) in found, found


def test_claims_scotched_are_denied(stances):
    found = stances("Parry has moved to scotch claims that Chelsea could sign Steven Gerrard.")
    assert ("Chelsea", "signs", "Steven Gerrard", "denied", True) in found, found


def test_a_hedge_of_the_main_verb_leaves_a_relative_clause_asserted(stances):
    found = stances(
        "Irishmen JP McManus and John Magnier, who own a 29% stake in Manchester United, "
        "will reportedly reject any formal £800m offer for the club."
    )
    assert ("John Magnier", "owns-stake-in", "Manchester United", "asserted", False) in found


def test_a_hedge_of_the_verb_itself_still_reports(stances):
    found = stances("Glazer has reportedly bought a stake in Manchester United.")
    assert ("Glazer", "buys-stake-in", "Manchester United", "reported", False) in found, found


# ---------------------------------------------------------------- predicates


def test_a_sum_of_money_stays_out_of_the_predicate(stances):
    found = stances("China lent Russia $6bn (£3.2bn) to help the Russian government.")
    assert ("China", "lends-to", "Russia", "asserted", False) in found, found
    found = stances("Deutsche Boerse has offered £1.3bn ($2.48bn) for the London Stock Exchange.")
    assert ("Deutsche Boerse", "offers-for", "London Stock Exchange", "asserted", False) in found


def test_a_phrase_after_what_a_sum_is_spent_on_is_that_things(stances):
    found = stances("BT will spend £500m on broadband equipment from Alcatel, Siemens and Huawei.")
    assert ("BT", "Alcatel") not in _pairs(found), found


def test_the_thing_supplied_in_a_with_phrase_is_in_the_predicate(stances):
    found = stances("Russia supplied Iran with nuclear fuel.")
    assert ("Russia", "supplies-fuel-to", "Iran", "asserted", False) in found, found
    assert not any(p == "supplies" for _, p, _, _, _ in found), found


# ---------------------------------------------------------------- nominal roles


def test_a_name_past_a_clause_of_the_noun_is_no_apposition_of_it(stances):
    found = stances(
        "It follows a Home Office move to cut asylum claims by stopping people, mostly "
        "Roma, from boarding flights to Britain."
    )
    assert not any(p == "move-of" for _, p, _, _, _ in found), found


def test_the_subject_after_a_fronted_phrase_is_no_apposition_of_its_noun(stances):
    found = stances(
        "In an interview with the Guardian newspaper, Mr Smith, who chairs the Treasury "
        "Committee, warned that rates would rise."
    )
    assert not any(p == "newspaper-of" for _, p, _, _, _ in found), found
    assert ("Smith", "chairs", "Treasury Committee", "asserted", False) in found, found


def test_an_apposition_of_a_role_stays(stances):
    found = stances("The deal was signed by Arun Sarin, the chief executive of Vodafone.")
    assert ("Arun Sarin", "chief-executive-of", "Vodafone", "asserted", False) in found, found


def test_a_superlative_of_a_noun_that_names_no_role_ranks(stances):
    found = stances("Lakshmi Mittal, Britain's richest man, owns Mittal Steel.")
    assert not any(p == "man-of" for _, p, _, _, _ in found), found
    found = stances("Frank Lampard, England's best player, signed for Chelsea.")
    assert ("Frank Lampard", "player-of", "England", "asserted", False) in found, found
