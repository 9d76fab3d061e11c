"""Round 8: relations of the vocabulary that the words around a name state and that the
parse broke apart or hid: a company's seat in the words before its name ("US software
firm Oracle"), a company noun's "in" phrase in apposition ("the biggest retailer in the
US"), an office whose name holds "of" ("US Secretary of State"). Made-up news sentences
through the real model."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def triples_of(relation_triples_of):
    return relation_triples_of


def test_a_place_before_a_company_noun_before_a_name_is_its_seat(triples_of):
    # the parser makes "firm" the object of "in" and "Oracle" the subject of "rose"
    found = triples_of("Shares in US software firm Oracle rose 3% on Monday.")
    assert ("Oracle", "based-in", "based-in", "United States") in found, found


def test_a_description_joined_by_and_keeps_the_place(triples_of):
    found = triples_of("Shares in UK drinks and food firm Allied Domecq have risen.")
    assert ("Allied Domecq", "based-in", "based-in", "United Kingdom") in found, found


def test_a_place_based_before_any_noun_before_a_name_is_its_seat(triples_of):
    found = triples_of("London-based think tank Chatham House said the plan would fail.")
    assert ("Chatham House", "based-in", "based-in", "London") in found, found


def test_a_person_after_a_company_noun_gets_no_seat(triples_of):
    found = triples_of("US software firm boss Larry Ellison said sales rose.")
    assert not any(p == "based-in" and s == "Larry Ellison" for s, _, p, _ in found), found


def test_a_company_noun_in_apposition_with_an_in_phrase_is_the_seat(triples_of):
    found = triples_of(
        "Circuit City Stores, the second-largest electronics retailer in the US, "
        "has received a takeover offer."
    )
    assert ("Circuit City Stores", "based-in", "based-in", "United States") in found, found


def test_an_in_phrase_of_a_person_in_apposition_is_no_seat(triples_of):
    found = triples_of("John Smith, a banker in London, was arrested on Friday.")
    assert not any(p == "based-in" for _, _, p, _ in found), found


def test_an_office_whose_name_holds_of_is_the_countrys(triples_of):
    found = triples_of("The deal was brokered by US Secretary of State Condoleezza Rice.")
    assert (
        "Condoleezza Rice",
        "minister-of",
        "secretary-of-state-of",
        "United States",
    ) in found, found
