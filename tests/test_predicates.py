"""Predicate naming (parse-independent)."""

import pytest

from kgraph.extract.predicates import kebab, role_predicate, third_person
from kgraph.models import relationship_type


@pytest.mark.parametrize(
    ("lemma", "form"),
    [("buy", "buys"), ("deny", "denies"), ("be", "is"), ("watch", "watches"), ("own", "owns")],
)
def test_third_person(lemma, form):
    assert third_person(lemma) == form


def test_role_predicates():
    assert role_predicate(["parent", "company"]) == "parent-of"
    assert role_predicate(["secretary"]) == "secretary-of"
    assert role_predicate(["foreign", "minister"]) == "foreign-minister-of"


@pytest.mark.parametrize(
    ("predicate", "rel"),
    [
        ("negotiates-acquisition-of", "NEGOTIATES_ACQUISITION_OF"),
        ("x`]->(n) DETACH DELETE n //", "X_N_DETACH_DELETE_N"),
        ("3d-prints", "REL_3D_PRINTS"),
        ("", "RELATED_TO"),
    ],
)
def test_relationship_type_is_sanitized(predicate, rel):
    assert relationship_type(predicate) == rel


def test_kebab():
    assert kebab("Wants", "to ban ", "") == "wants-to-ban"
