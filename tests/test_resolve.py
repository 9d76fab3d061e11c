"""Name clustering within an article (parse-independent)."""

from kgraph.resolve import canonical, clean_name, cluster_names


def test_short_person_name_merges_into_full_name():
    entities = cluster_names([("Donald Trump", "PERSON"), ("Trump", "PERSON")])
    assert entities[("Trump", "PERSON")] is entities[("Donald Trump", "PERSON")]
    assert entities[("Trump", "PERSON")].name == "Donald Trump"
    assert entities[("Trump", "PERSON")].aliases == ("Trump",)


def test_ambiguous_short_name_stays_apart():
    entities = cluster_names(
        [("Ivanka Trump", "PERSON"), ("Donald Trump", "PERSON"), ("Trump", "PERSON")]
    )
    assert entities[("Trump", "PERSON")].id == "person:trump"


def test_known_aliases_and_corporate_suffixes():
    assert canonical(clean_name("the U.S."), "GPE") == ("United States", "GPE")
    assert canonical("US", "ORG") == ("United States", "GPE")
    entities = cluster_names([("Microsoft Corp", "ORG"), ("Microsoft", "ORG")])
    assert entities[("Microsoft Corp", "ORG")].name == "Microsoft"
    assert clean_name("Mr. Mnuchin's") == "Mnuchin"
