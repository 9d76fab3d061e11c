"""Joining article-level entities across articles (parse-independent)."""

import random

from kgraph.entities.identity import LocalEntity, Overrides, resolve_entities


def _rec(article, name, type_="PERSON", aliases=(), mentions=1):
    return LocalEntity(article, name.lower(), name, tuple(aliases), ((type_, mentions),), mentions)


def _entity_of(resolution, article, name):
    return resolution.entities[resolution.mapping[article, name.lower()]]


def test_two_full_names_never_join_and_a_surname_needs_one_fit():
    records = [
        _rec("a1", "Ian Brown", aliases=("Brown",)),
        _rec("a2", "Gordon Brown"),
        _rec("a3", "Brown"),
        _rec("a4", "Tony Blair"),
        _rec("a5", "Blair"),
    ]
    res = resolve_entities(records)
    assert _entity_of(res, "a1", "Ian Brown") is not _entity_of(res, "a2", "Gordon Brown")
    assert _entity_of(res, "a3", "Brown").name == "Brown"  # two Browns fit: stays apart
    blair = _entity_of(res, "a5", "Blair")
    assert blair.name == "Tony Blair"
    assert [(m.rule, m.article, m.mention) for m in blair.merges] == [("surname", "a5", "Blair")]


def test_a_surname_with_another_type_or_a_clashing_full_name_stays_apart():
    records = [
        _rec("a1", "Michael Jordan"),
        _rec("a2", "Jordan", "GPE"),
        _rec("a3", "Jose Mourinho"),
        _rec("a4", "Mourinho"),
    ]
    res = resolve_entities(records)
    assert _entity_of(res, "a2", "Jordan").name == "Jordan"
    assert _entity_of(res, "a4", "Mourinho").name == "Jose Mourinho"


def test_label_flips_nicknames_acronyms_and_party_forms_join():
    records = [
        _rec("a1", "Labour", "ORG", mentions=3),
        _rec("a2", "Labour", "PERSON"),
        _rec("a3", "Bernard Ebbers"),
        _rec("a4", "Bernie Ebbers"),
        _rec("a5", "University and College Union", "ORG", aliases=("UCU",)),
        _rec("a6", "UCU", "ORG"),
        _rec("a7", "Tories", "NORP"),
        _rec("a8", "Conservative Party", "ORG"),
        _rec("a9", "Conservatives", "NORP"),
    ]
    res = resolve_entities(records)
    labour = _entity_of(res, "a2", "Labour")
    assert labour is _entity_of(res, "a1", "Labour")
    assert (labour.type, labour.type_votes) == ("ORG", {"ORG": 3, "PERSON": 1})
    assert _entity_of(res, "a4", "Bernie Ebbers").name == "Bernard Ebbers"
    assert _entity_of(res, "a6", "UCU").name == "University and College Union"
    party = _entity_of(res, "a7", "Tories")
    assert party.name == "Conservative Party"
    assert party is _entity_of(res, "a9", "Conservatives")
    assert len(res.entities) == 4


def test_ids_are_readable_and_disambiguated_only_on_a_clash():
    res = resolve_entities(
        [_rec("a1", "Ian Brown"), _rec("a2", "Ian Brown")],
        Overrides(splits=(("Ian Brown", "Ian Brown"),)),
    )
    assert sorted(res.entities) == ["ian-brown"]  # a split of every mention changes nothing
    res = resolve_entities([_rec("a1", "Ian Brown"), _rec("a2", "Gordon Brown")])
    assert sorted(res.entities) == ["gordon-brown", "ian-brown"]


def test_the_result_does_not_depend_on_record_order():
    records = [
        _rec("a1", "Ian Brown"),
        _rec("a2", "Gordon Brown"),
        _rec("a3", "Brown"),
        _rec("a4", "Bernie Ebbers"),
        _rec("a5", "Bernard Ebbers"),
        _rec("a6", "Ebbers"),
        _rec("a7", "Labour", "PERSON"),
        _rec("a8", "Labour", "ORG"),
    ]
    expected = resolve_entities(records)
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve_entities(shuffled) == expected


def test_overrides_merge_and_split():
    records = [_rec("a1", "Gordon Brown"), _rec("a2", "Brown"), _rec("a3", "Chancellor")]
    res = resolve_entities(records)
    assert _entity_of(res, "a2", "Brown").name == "Gordon Brown"
    split = resolve_entities(records, Overrides(splits=(("Gordon Brown", "Brown"),)))
    assert _entity_of(split, "a2", "Brown").name == "Brown"
    merged = resolve_entities(records, Overrides(merges=(("Gordon Brown", "Chancellor"),)))
    gordon = _entity_of(merged, "a3", "Chancellor")
    assert gordon.name == "Gordon Brown"
    assert ("override", "a3", "Chancellor") in [
        (m.rule, m.article, m.mention) for m in gordon.merges
    ]


def test_ids_stay_unique_when_a_name_looks_like_a_numbered_id():
    records = [
        _rec("a1", "Coca-Cola", "ORG", mentions=3),
        _rec("a2", "Coca Cola", "ORG", mentions=2),
        _rec("a3", "Coca Cola 2", "PRODUCT"),
    ]
    res = resolve_entities(records)
    assert {e.name: e.id for e in res.entities.values()} == {
        "Coca-Cola": "coca-cola",
        "Coca Cola": "coca-cola-2",
        "Coca Cola 2": "coca-cola-2-2",
    }
    assert res == resolve_entities(records[::-1])


def test_overrides_name_entities_by_exact_name_or_id_not_by_alias():
    # "Blair" is an alias of Tony Blair (in article a1) and an entity of its own (a3,
    # where two Blairs clash): merging names the entity, never the alias.
    records = [
        _rec("a1", "Tony Blair", aliases=("Blair",), mentions=3),
        _rec("a2", "Cherie Blair"),
        _rec("a3", "Blair"),
    ]
    assert _entity_of(resolve_entities(records), "a3", "Blair").name == "Blair"
    for other in ("Blair", "blair"):
        merged = resolve_entities(records, Overrides(merges=(("Tony Blair", other),)))
        assert _entity_of(merged, "a3", "Blair").name == "Tony Blair"
        assert _entity_of(merged, "a2", "Cherie Blair").name == "Cherie Blair"
    by_id = resolve_entities(records, Overrides(merges=(("tony-blair", "blair"),)))
    assert _entity_of(by_id, "a3", "Blair").id == "tony-blair"


def test_a_merge_reason_is_kept_once_per_rule_and_name_with_its_count_and_first_article():
    records = [
        _rec("a4", "Tony Blair", aliases=("Blair",)),
        _rec("a1", "Tony Blair", aliases=("Blair",)),
        *(_rec(f"b{n}", "Blair") for n in (7, 3, 5)),
        _rec("b4", "Blair", mentions=2),
    ]
    blair = _entity_of(resolve_entities(records), "b3", "Blair")
    assert blair.name == "Tony Blair"
    assert [(m.rule, m.article, m.mention, m.count) for m in blair.merges] == [
        ("in article: surname", "a1", "Blair", 2),
        ("surname", "b3", "Blair", 4),
    ]
    shuffled = records[:]
    random.Random(5).shuffle(shuffled)
    assert resolve_entities(shuffled) == resolve_entities(records)


def test_kgraph_entity_shows_merge_reasons_of_both_shapes():
    from kgraph.entities.explain import describe
    from kgraph.entities.identity import Merge

    entity = {"id": "tony-blair", "name": "Tony Blair", "type": "PERSON", "mentions": 9}
    entity["merges"] = [Merge("surname", "b3", "Blair", 4).to_text(), "surname|b9|Blair"]
    assert describe(entity).splitlines()[-3:] == [
        "  merges (2):",
        "    'Blair' in article b3 and 3 more: surname",
        "    'Blair' in article b9: surname",  # kept by a graph written before the count
    ]
    assert Merge.from_text("override|a1|2|Mr | Mrs") == Merge("override", "a1", "Mr | Mrs", 2)
