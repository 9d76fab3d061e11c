"""Whole names and right types, round 8: an owner's product or show is no part of it, names
the model cut before a title noun, shows named after a person. News sentences written for
these tests, through the real model."""

from __future__ import annotations


def test_an_owner_s_product_is_its_product_not_a_part(relation_triples_of):
    found = relation_triples_of("Nokia's N-Gage phone has sold poorly since its launch.")
    assert ("N-Gage", "product-of", "product-of", "Nokia") in found
    found = relation_triples_of("The game only runs on Nintendo's GameCube console.")
    assert ("GameCube", "product-of", "product-of", "Nintendo") in found


def test_an_owner_s_named_thing_is_a_part_only_when_its_name_says_unit(relation_triples_of):
    found = relation_triples_of(
        "Sales of the new handset have overtaken Nokia's N-Gage, analysts said."
    )
    assert not any(t[1] == "part-of" for t in found)  # a product, not a unit of Nokia
    found = relation_triples_of("She starred in ITV's King of Fridges last year.")
    assert not any(t[1] == "part-of" for t in found)  # a show
    found = relation_triples_of(
        "One member of the Bank of England's Monetary Policy Committee voted to raise rates."
    )
    assert ("Monetary Policy Committee", "part-of", "part-of", "Bank of England") in found


def test_a_capital_all_in_mid_sentence_opens_the_name(relation_triples_of):
    found = relation_triples_of(
        "Reacting to a remark by All England Club chairman Tim Phillips, she said she was hurt."
    )
    assert ("Tim Phillips", "head-of", "chairman-of", "All England Club") in found


def test_a_nationality_shared_over_and_belongs_to_the_name(relation_triples_of):
    found = relation_triples_of(
        "British and Irish Lions coach Clive Woodward named his squad on Monday."
    )
    assert ("Clive Woodward", "coach-of", "coach-of", "British and Irish Lions") in found
    assert not any(t[0].endswith("Lions") and t[1] == "based-in" for t in found)
    found = relation_triples_of("Trade between British and Irish firms grew last year.")
    assert not any("Lions" in t[0] for t in found)


def test_a_show_named_after_a_person_is_a_work(types_of):
    found = types_of(
        "Little Britain faces competition from BBC Two's The Catherine Tate Show and "
        "Channel 4's Peep Show."
    )
    assert found["Catherine Tate Show"] == "WORK_OF_ART"  # labelled PERSON by the model
    found = types_of("Visitors crowded into the Consumer Electronics Show in Las Vegas.")
    assert found.get("Consumer Electronics Show") != "WORK_OF_ART"  # a trade fair


def test_an_owner_s_thing_labelled_a_person_is_affiliated_only_with_a_personal_name(
    relation_triples_of,
):
    found = relation_triples_of("The robot is meant to challenge Honda's Asimo, the company said.")
    assert not any(t[1] == "affiliated-with" for t in found)  # a robot
    found = relation_triples_of(
        "Speaking to the BBC's Westminster Hour on Sunday, the minister said the vote was close."
    )
    assert not any(t[1] == "affiliated-with" for t in found)  # a programme
    found = relation_triples_of("Intel's Allen Wilson said the industry was moving.")
    assert ("Allen Wilson", "affiliated-with", "affiliated-with", "Intel") in found
    found = relation_triples_of("The BBC's Zubair Ahmed in Mumbai says the film was banned.")
    assert ("Zubair Ahmed", "affiliated-with", "affiliated-with", "BBC") in found  # he says


def test_a_party_member_word_with_the_word_before_is_the_party(relation_triples_of):
    found = relation_triples_of(
        "Liberal Democrat chairman Matthew Taylor said the decision was extraordinary."
    )
    assert ("Matthew Taylor", "head-of", "chairman-of", "Liberal Democrat") in found


def test_a_station_s_place_before_a_presenter_belongs_to_the_station(relation_triples_of):
    found = relation_triples_of(
        "BBC Radio Scotland presenter Vic Galloway said the series had been great fun."
    )
    assert ("Vic Galloway", "other", "presenter-of", "BBC Radio Scotland") in found
    found = relation_triples_of("The EU Turkey talks resume in Brussels on Monday.")
    assert not any("Turkey" in t[0] and t[0] != "Turkey" for t in found)


def test_a_word_before_a_name_joins_it_when_the_doc_names_both_as_one():
    from spacy.lang.en import English
    from spacy.tokens import Doc, Span

    from kgraph.entities.mentions import _with_word_of_a_longer_mention

    words = [
        "Little",
        "Britain",
        "duo",
        "Matt",
        "Lucas",
        "won",
        ".",
        "Fans",
        "of",
        "Little",
        "Britain",
        "cheered",
        ".",
    ]
    doc = Doc(English().vocab, words=words)
    doc.ents = [
        Span(doc, 1, 2, "GPE"),  # the model's "Britain" of a sentence's first words
        Span(doc, 3, 5, "PERSON"),
        Span(doc, 9, 11, "WORK_OF_ART"),
    ]
    joined = _with_word_of_a_longer_mention(doc.ents[0])
    assert (joined.text, joined.label_) == ("Little Britain", "WORK_OF_ART")
    assert _with_word_of_a_longer_mention(doc.ents[1]).text == "Matt Lucas"


def test_a_product_is_the_owner_s_when_the_owner_is_named_apart(relation_triples_of):
    found = relation_triples_of(
        "Sony will enter the market later this year with its PlayStation Portable."
    )
    assert ("PlayStation Portable", "product-of", "product-of", "Sony") in found
    found = relation_triples_of("Ocean's Twelve took sixth place in the US chart with $5.4m.")
    assert not any(t[1] in ("product-of", "part-of") for t in found)  # one title
