"""Name clustering within an article (parse-independent)."""

from kgraph.entities.names import canonical, clean_name, cluster_names


def test_short_person_name_merges_into_full_name():
    entities = cluster_names([("Donald Trump", "PERSON"), ("Trump", "PERSON")])
    assert entities[("Trump", "PERSON")] is entities[("Donald Trump", "PERSON")]
    assert entities[("Trump", "PERSON")].name == "Donald Trump"
    assert entities[("Trump", "PERSON")].aliases == ("Trump",)


def test_ambiguous_short_name_stays_apart():
    entities = cluster_names(
        [("Ivanka Trump", "PERSON"), ("Donald Trump", "PERSON"), ("Trump", "PERSON")]
    )
    assert entities[("Trump", "PERSON")].name == "Trump"
    assert entities[("Ivanka Trump", "PERSON")] != entities[("Donald Trump", "PERSON")]


def test_a_label_flip_does_not_split_an_entity():
    entities = cluster_names([("Labour", "ORG"), ("Labour", "ORG"), ("Labour", "PERSON")])
    labour = entities[("Labour", "PERSON")]
    assert labour is entities[("Labour", "ORG")]
    assert labour.type == "ORG"
    assert dict(labour.type_votes) == {"ORG": 2, "PERSON": 1}


def test_an_acronym_joins_the_name_it_spells():
    entities = cluster_names([("University and College Union", "ORG"), ("UCU", "ORG")])
    assert entities[("UCU", "ORG")].name == "University and College Union"
    assert entities[("UCU", "ORG")].aliases == ("UCU",)


def test_known_aliases_and_corporate_suffixes():
    assert canonical(clean_name("the U.S."), "GPE") == ("United States", "GPE")
    assert canonical("US", "ORG") == ("United States", "GPE")
    entities = cluster_names([("Microsoft Corp", "ORG"), ("Microsoft", "ORG")])
    assert entities[("Microsoft Corp", "ORG")].name == "Microsoft"
    assert clean_name("Mr. Mnuchin's") == "Mnuchin"


def test_a_first_name_joins_the_one_full_name_starting_with_it():
    entities = cluster_names([("Steven Gerrard", "PERSON"), ("Steven", "PERSON")])
    assert entities[("Steven", "PERSON")].name == "Steven Gerrard"
    two = cluster_names(
        [("Steven Gerrard", "PERSON"), ("Steven Pienaar", "PERSON"), ("Steven", "PERSON")]
    )
    assert two[("Steven", "PERSON")].name == "Steven"


def test_a_peer_is_not_the_commoner_with_the_surname(nlp):
    from kgraph.entities.mentions import resolve_mentions

    doc = nlp(
        "Although one man, Sion Aubrey Roberts, was convicted in 1993, the programme also "
        "heard from Lord Roberts of Conwy, who was a Welsh Office minister."
    )
    names = {m.entity.name for m in resolve_mentions(doc)}
    assert "Sion Aubrey Roberts" in names and "Lord Roberts" in names


def test_an_ex_prefix_is_not_part_of_a_name():
    assert clean_name("Ex-Welsh Office") == "Welsh Office"


def test_a_personal_title_makes_a_person(nlp):
    from kgraph.entities.mentions import resolve_mentions

    doc = nlp(
        "Former Worldcom boss Bernie Ebbers is accused of overseeing an $11bn fraud. "
        "Defence lawyers have been arguing that Mr Ebbers was not responsible."
    )
    assert [ent.label_ for ent in doc.ents if ent.text == "Mr Ebbers"] == ["ORG"]  # the slip
    types = {doc[m.start : m.end].text: m.entity.type for m in resolve_mentions(doc)}
    assert types["Mr Ebbers"] == "PERSON"
