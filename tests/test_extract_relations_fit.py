"""Relations that fit what the sentence says: a club's boss is its manager, the head of a
unit is staff of the company, a union's secretary is no minister, a name that holds a
country says where the organization is. News sentences (none from the evaluation sets)
through the real model."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def triples_of(relation_triples_of):
    return relation_triples_of


def _pairs(found, subject: str, obj: str) -> set[tuple[str, str]]:
    return {
        (relation, predicate) for s, relation, predicate, o in found if (s, o) == (subject, obj)
    }


def test_a_clubs_boss_in_a_sports_report_is_its_manager(triples_of):
    found = triples_of(
        "Speaking after the game, Arsenal boss Arsene Wenger said his striker had been "
        "unlucky not to score in the cup tie against Everton, who top the league this season."
    )
    assert _pairs(found, "Arsene Wenger", "Arsenal") == {("coach-of", "manager-of")}


def test_a_companys_boss_stays_its_head(triples_of):
    found = triples_of(
        "Microsoft boss Bill Gates said the new console would be part of his vision of the "
        "digital home, and the firm's shares rose."
    )
    assert ("head-of", "head-of") in _pairs(found, "Bill Gates", "Microsoft")


def test_the_head_of_a_unit_or_a_country_arm_is_staff_of_the_company(triples_of):
    found = triples_of(
        "Peter Jones, head of Barclays in Asia, said the bank would hire more staff."
    )
    assert _pairs(found, "Peter Jones", "Barclays") == {("employee-of", "asia-head-of")}
    found = triples_of(
        "Vodafone's UK chief executive Mark Evans said the network would be upgraded."
    )
    assert _pairs(found, "Mark Evans", "Vodafone") == {("employee-of", "uk-chief-executive-of")}
    assert not _pairs(found, "Mark Evans", "United Kingdom")  # no chief of, nor citizen of, the UK
    found = triples_of(
        "Anna Brown, head of research at the BBC, said the survey was the largest of its kind."
    )
    assert _pairs(found, "Anna Brown", "BBC") == {("employee-of", "research-head-of")}
    found = triples_of(
        "Tom Green, president of the chip division at Intel, said demand was strong."
    )
    assert _pairs(found, "Tom Green", "Intel") == {("employee-of", "division-president-of")}


def test_the_head_of_the_whole_stays_its_head(triples_of):
    found = triples_of("Raj Patel, president of the drug firm Zydus, said the trial would start.")
    assert _pairs(found, "Raj Patel", "Zydus") == {("head-of", "president-of")}
    found = triples_of("Derek Simpson, joint general secretary of Amicus, said members would vote.")
    assert _pairs(found, "Derek Simpson", "Amicus") == {("head-of", "general-secretary-of")}


def test_a_unions_secretary_is_no_minister(triples_of):
    found = triples_of(
        "The secretary of the Welsh Students Rugby Football Union, Reverend Eldon Phillips, "
        "said the fixtures could not be kept."
    )
    union = "Welsh Students Rugby Football Union"
    assert _pairs(found, "Eldon Phillips", union) == {("member-of", "union-secretary-of")}


def test_a_comparison_is_no_citizenship(triples_of):
    found = triples_of("The singer has been called the Madonna of Brazil by critics.")
    assert not any(relation == "citizen-of" for _, relation, _, _ in found)


def test_a_pair_or_a_number_names_no_role(triples_of):
    found = triples_of(
        "Williams could now turn to Edinburgh pair Alasdair Strokosch and Simon Cross for the "
        "match against Italy."
    )
    assert not any(predicate == "pair-of" for _, _, predicate, _ in found)


def test_a_country_in_an_organizations_name_is_its_seat(triples_of):
    found = triples_of("Air India said it would order 50 new planes next year.")
    assert ("Air India", "based-in", "based-in", "India") in found
    found = triples_of("Officials at China Radio International declined to comment.")
    assert ("China Radio International", "based-in", "based-in", "China") in found
    # a word that only resembles a country's name in another language says nothing
    found = triples_of("He joined Island Records in 1977 and worked on the label's first tour.")
    assert not any(relation == "based-in" for _, relation, _, _ in found)


def test_one_of_several_directors_is_staff(triples_of):
    found = triples_of(
        "Paul Saffo, a director at the Institute for the Future, said the gadget would sell."
    )
    assert _pairs(found, "Paul Saffo", "Institute for the Future") == {
        ("employee-of", "a-director-of")
    }
    found = triples_of(
        "Marc Morgenstern, vice president of anti-piracy firm Overpeer, said the networks "
        "were busy."
    )
    assert _pairs(found, "Marc Morgenstern", "Overpeer") == {("employee-of", "vice-president-of")}


def test_the_region_an_economist_covers_is_no_nationality(triples_of):
    found = triples_of(
        '"Growth will slow," said Ian Shepherdson, chief US economist at High Frequency Economics.'
    )
    assert not _pairs(found, "Ian Shepherdson", "United States")
    assert _pairs(found, "Ian Shepherdson", "High Frequency Economics")


def test_a_stadium_is_in_a_city_not_based_there(triples_of):
    found = triples_of("The final will be played at Seville's Olympic Stadium in May.")
    assert _pairs(found, "Olympic Stadium", "Seville") == {("located-in", "located-in")}


def test_a_former_head_stays_a_head(triples_of):
    found = triples_of(
        "Mr Corcostegui, a former CEO at Santander, also asked the court for new evidence."
    )
    assert _pairs(found, "Corcostegui", "Santander") == {("head-of", "chief-executive-of")}


def test_visiting_a_place_is_no_meeting(triples_of):
    found = triples_of(
        "Ms Rodriguez visited Kenya and Tanzania last week, and on Friday she visited "
        "Jacinda Ardern at her office."
    )
    assert _pairs(found, "Rodriguez", "Kenya") == {("other", "visits")}
    assert _pairs(found, "Rodriguez", "Tanzania") == {("other", "visits")}
    assert ("meets", "visits") in _pairs(found, "Rodriguez", "Jacinda Ardern")


def test_joining_is_no_membership_by_itself(triples_of):
    found = triples_of(
        "Anna Berg joined Siemens in 2003 as an engineer, and last night she joined the "
        "pianist Tomas Reyes on stage in Madrid."
    )
    assert _pairs(found, "Anna Berg", "Siemens") == {("other", "joins")}
    assert _pairs(found, "Anna Berg", "Tomas Reyes") == {("other", "joins")}
