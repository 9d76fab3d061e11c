"""Name clustering within an article (parse-independent)."""

from kgraph.models import Article, EntityRef, Extraction
from kgraph.resolve import EntityDirectory, canonical, clean_name, cluster_names


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


def _extraction(*entities, triples=()):
    return Extraction(Article("text"), tuple(entities), {e.id: 1 for e in entities}, triples)


def test_directory_joins_a_later_short_name_to_the_known_full_name():
    donald = EntityRef.make("Donald Trump", "PERSON")
    directory = EntityDirectory([donald, EntityRef.make("Twitter", "ORG")])
    later = directory.resolve(_extraction(EntityRef.make("Trump", "PERSON")))
    (entity,) = later.entities
    assert entity.id == "person:donald-trump"
    assert entity.aliases == ("Trump",)
    assert later.mention_counts == {"person:donald-trump": 1}


def test_directory_leaves_ambiguous_and_other_types_apart():
    directory = EntityDirectory(
        [EntityRef.make("Donald Trump", "PERSON"), EntityRef.make("Ivanka Trump", "PERSON")]
    )
    trump = EntityRef.make("Trump", "PERSON")
    assert directory.canonical(trump) == trump
    jordan = EntityRef.make("Jordan", "GPE")
    directory.add(EntityRef.make("Michael Jordan", "PERSON"))
    assert directory.canonical(jordan) == jordan


def test_directory_uses_known_aliases():
    directory = EntityDirectory([EntityRef.make("Microsoft", "ORG", ("Microsoft Corp",))])
    assert directory.canonical(EntityRef.make("Microsoft Corp", "ORG")).id == "org:microsoft"
