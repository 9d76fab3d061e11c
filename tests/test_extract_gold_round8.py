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


def test_a_demonym_based_is_its_country(triples_of):
    found = triples_of("The offer from Swiss-based drugs group Serono was rejected.")
    assert ("Serono", "based-in", "based-in", "Switzerland") in found, found
    assert not any(o == "Swiss" for _, _, _, o in found), found


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


def test_a_demonym_noun_before_two_names_makes_both_citizens(triples_of):
    found = triples_of("Irishmen Sean Kelly and Martin Doyle own a 20% stake in Leeds United.")
    for person in ("Sean Kelly", "Martin Doyle"):
        assert (person, "citizen-of", "citizen-of", "Ireland") in found, found


def test_a_demonym_noun_the_model_left_out_of_every_entity(triples_of):
    found = triples_of("Frenchman Richard Gasquet won the match in straight sets.")
    assert ("Richard Gasquet", "citizen-of", "citizen-of", "France") in found, found


def test_a_title_ending_in_man_is_no_demonym(triples_of):
    found = triples_of("Chairman Alan Sugar said the firm would grow.")
    assert not any(p == "citizen-of" for _, _, p, _ in found), found


def test_one_of_a_countrys_firms_is_based_there(triples_of):
    found = triples_of("Shares in Fiat, one of Italy's largest companies, fell on Monday.")
    assert ("Fiat", "based-in", "based-in", "Italy") in found, found


def test_one_of_a_countrys_people_is_no_seat(triples_of):
    found = triples_of("Peter Smith, one of Britain's leading lawyers, said no.")
    assert not any(o == "United Kingdom" for _, _, _, o in found), found


def test_an_organization_of_something_in_a_country_is_based_there(triples_of):
    found = triples_of("Fighters of Hezbollah in Lebanon have crossed the border.")
    assert ("Hezbollah", "based-in", "based-in", "Lebanon") in found, found


def test_an_organization_for_something_in_a_country_is_not(triples_of):
    found = triples_of("It was the largest order for Airbus in India this year.")
    assert not any(p == "based-in" and o == "India" for _, _, p, o in found), found


def test_a_singular_demonym_noun_is_the_first_names_only(triples_of):
    found = triples_of("The race will be between Dutchman Arnoud Okken and Antonio Reina of Spain.")
    assert ("Arnoud Okken", "citizen-of", "citizen-of", "Netherlands") in found, found
    assert ("Antonio Reina", "citizen-of", "citizen-of", "Netherlands") not in found, found
