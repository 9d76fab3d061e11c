"""The last resort of coreference, and intents a verb of denial denies. Sentences written
for these tests, through the real model, checking the links and triples that come out."""

from __future__ import annotations

from kgraph.extract import extract_article
from kgraph.models import Article


def _pairs(found) -> set[tuple[str, str]]:
    return {(s, o) for s, _, o, _ in found}


# ------------------------------------------------------------- when nothing nearby agrees


def test_her_is_a_person_named_near_not_the_most_mentioned(stated):
    """The most mentioned person of the article (a man the name list does not know, named
    hardly more often than another) is paragraphs away; the woman just named is meant."""
    found = stated(
        "Rapper Dizzee Rascal topped the US box office again at the weekend with his comedy "
        "Late Rent. Dizzee Rascal has now led the chart for three weeks. The thriller Night "
        "Road, with Kele Okereke, came second. Kele Okereke also wrote its music. "
        "The low-budget drama Open Water stars Sarah Miles as a woman abandoned on a beach. "
        "With the help of her neighbour Rosa Diaz, she starts a new life."
    )
    assert ("Rosa Diaz", "neighbour-of", "Sarah Miles", "asserted") in found
    assert not {o for s, o in _pairs(found) if s == "Rosa Diaz"} - {"Sarah Miles"}


def test_he_with_no_person_named_nearby_names_nobody(stated):
    """ "A spokesman said he had spoken": he is the spokesman, whom the article does not
    name; Gordon Brown was named four sentences before."""
    found = stated(
        "Gordon Brown met union leaders on Monday. The talks lasted three hours. Later that "
        "week union members voted to strike. The government had hoped the talks would "
        "prevent a strike. A spokesman said he had spoken to Jack Smith."
    )
    assert ("Gordon Brown", "Jack Smith") not in _pairs(found)


def test_he_is_the_person_an_article_is_about_when_named_far_back(stated):
    """A profile names its subject far more often than anyone else: "he", with nobody
    nearby, is still that person."""
    found = stated(
        "Arthur Pole, the novelist, has died at 84. Arthur Pole wrote eleven books. The "
        "first, Dark Harbour, sold a million copies, and Arthur Pole became a household name. "
        "His agent, Mary Lund, confirmed the death. The books were translated into 30 "
        "languages. In 1975 he moved to Lisbon with his second wife."
    )
    assert ("Arthur Pole", "moves-to", "Lisbon", "asserted") in found


def test_a_person_named_in_the_sentence_before_is_still_found(stated):
    found = stated(
        "The club signed striker Tom Field from Leeds on Monday. After training, he met "
        "coach Ian Banks."
    )
    assert ("Tom Field", "meets", "Ian Banks", "asserted") in found


def test_a_thing_no_organization_nearby_agrees_with_names_none(coref_links, stated):
    """ "the site" is not the charity named sentences before (the most mentioned
    organization); "it" in the charity's own clause still is the charity."""
    text = (
        "The charity Oxfam launched an emergency appeal for flood victims in Bangladesh on "
        "Monday. Donations reached £2m within a day, according to Oxfam. Police warned the "
        "public about a fake appeal website that asked for bank details. Officials believe "
        "the site is being run from Romania. Oxfam said it would open an office in Dhaka."
    )
    links = coref_links(text)
    assert ("site", "Oxfam") not in links
    assert ("it", "Oxfam") in links
    assert ("Oxfam", "Romania") not in _pairs(stated(text))


# ------------------------------------------------------------------ intents denied


def test_an_intent_a_verb_denies_is_denied(stated):
    found = stated("Microsoft denied on Tuesday that it had plans to buy Yahoo.")
    assert ("Microsoft", "plans-acquisition-of", "Yahoo", "denied") in found


def test_an_intent_there_was_is_nobodys_in_particular(stated):
    """ "denied there was a bid to remove Tony Blair": who denies is not who bid."""
    found = stated("Defence Secretary Geoff Hoon denied there was a bid to remove Tony Blair.")
    assert ("Geoff Hoon", "Tony Blair") not in _pairs(found)


def test_an_intent_a_verb_of_saying_reports_is_reported(stated):
    found = stated("Microsoft said on Tuesday that it had plans to buy Yahoo.")
    assert ("Microsoft", "plans-acquisition-of", "Yahoo", "reported") in found


# ------------------------------------------------------------------ an age alone


def test_an_age_alone_is_the_one_person_just_named_and_speaks_for_her(nlp):
    extraction = extract_article(
        nlp, Article("Kate Moss arrived late. The 24-year-old said she had met Pete Doherty.")
    )
    (triple,) = [t for t in extraction.triples if t.object.name == "Pete Doherty"]
    assert (triple.subject.name, triple.predicate, triple.modality) == (
        "Kate Moss",
        "meets",
        "reported",
    )
    assert triple.source == {"id": "kate-moss", "name": "Kate Moss", "type": "PERSON"}


def test_an_age_after_two_people_named_names_neither(stated):
    """Which of the two is 28 the text does not say; "she" is the 28-year-old."""
    found = stated(
        "The musical stars Emma Stone and Ryan Gosling. The 28-year-old said she had met "
        "Tom Cruise in Paris."
    )
    assert not {s for s, o in _pairs(found) if o == "Tom Cruise"}


# ------------------------------------------------------------------ gender and parts


def test_a_kinship_noun_gives_the_name_its_gender(coref_links):
    """ "his mother, Patricia": Patricia is a woman, so "him" is not she."""
    links = coref_links(
        "Rapper Dizzee Rascal attended the ceremony with his mother, Patricia, and thanked "
        "her for inspiring him to sing.",
    )
    assert ("her", "Patricia") in links
    assert ("him", "Dizzee Rascal") in links


def test_its_chief_executive_still_names_the_company_of_the_article(stated):
    found = stated(
        "Shares in Vodafone rose 4% on Monday. Analysts welcomed the results. Profits at "
        "the mobile operator's German arm rose sharply. Its chief executive, Arun Sarin, "
        "said the outlook was good."
    )
    assert ("Arun Sarin", "chief-executive-of", "Vodafone", "asserted") in found


def test_a_verb_of_the_future_needs_its_infinitive(stated):
    """ "set … as a deadline" is something done; "is scheduled to welcome" is to come."""
    found = stated(
        "Malaysia's deal to join the World Trade Organisation set 2005 as a deadline. "
        "Mr Clark is scheduled to welcome the New Year on the ABC network."
    )
    assert ("Malaysia", "agrees-to-join", "World Trade Organisation", "asserted") in found
    assert ("Clark", "welcome", "New Year", "future") in found
