"""Faster stand-ins for spaCy's attribute_ruler and lemmatizer, with identical output.

Both components do per-token Python work on every token: the attribute ruler runs a
Matcher of ~180 patterns, most of which only ask "is the tag X" or "is the word w with tag
X"; the lemmatizer recomputes the lemma of words it does not cache. The stand-ins answer
those simple rules with dictionary lookups (the remaining rules still go through a Matcher)
and cache every lemma by (word, POS, morphology), the only things spaCy's rule and lookup
lemmatizers read. They wrap the pipeline's own components, so the rules and tables are the
model's; :func:`kgraph.nlp.load_pipeline` swaps them in where the pipeline has them.
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["FastAttributeRuler", "FastLemmatizer"]

#: Most cached lemmas before the cache starts again (a bound on its memory).
LEMMA_CACHE = 200_000
#: Most cached rule lists (one per word, tag, dependency and space) before it starts again.
RULE_CACHE = 200_000


class FastAttributeRuler:
    """spaCy's :class:`AttributeRuler` with its one-token rules as cached lookups.

    A rule on one token's word, tag, dependency or being a space is decided once per
    combination of those four; only the rules over several tokens go through a Matcher.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        strings = ruler.vocab.strings
        #: (lower, tag) → ids of the rules on that word and/or tag alone (0: any).
        self.simple: dict[tuple[int, int], list[int]] = {}
        #: Other one-token rules: (id, alternatives of (attribute, operator, value) tests).
        self.tests: list[tuple[int, list[list[tuple[str, str, object]]]]] = []
        self.matcher = Matcher(ruler.vocab, validate=False)
        for attr_id, rule in enumerate(ruler.patterns):
            key = _simple_key(rule, strings)
            tests = None if key else _token_tests(rule)
            if key:
                self.simple.setdefault(key, []).append(attr_id)
            elif tests:
                self.tests.append((attr_id, tests))
            else:
                self.matcher.add(str(attr_id), rule["patterns"])
        self._cache: dict[tuple[int, int, int, int], tuple[int, ...]] = {}

    def _rules(self, key: tuple[int, int, int, int], strings) -> tuple[int, ...]:
        found = self._cache.get(key)
        if found is None:
            lower, tag, dep, space = key
            simple = self.simple
            ids = simple.get((0, tag), []) + simple.get((lower, 0), [])
            ids += simple.get((lower, tag), [])
            values = {
                "LOWER": strings[lower],
                "TAG": strings[tag],
                "DEP": strings[dep],
                "IS_SPACE": bool(space),
            }
            ids += [attr_id for attr_id, tests in self.tests if _passes(tests, values)]
            found = self._cache[key] = tuple(sorted(ids))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if len(self._cache) > RULE_CACHE:
            self._cache.clear()
        strings = doc.vocab.strings
        rules: dict[int, list[int]] = {}
        for i, key in enumerate(doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()):
            found = self._rules(tuple(key), strings)
            if found:
                rules[i] = list(found)
        extra = False
        matches = self.matcher(doc, allow_missing=True) if len(self.matcher) else []
        for match_id, start, end in matches:
            attr_id = int(strings[match_id])
            index = self.indices[attr_id]
            token = (start if index >= 0 else end) + index
            if not start <= token < end:
                raise ValueError(f"attribute rule {attr_id}: index {index} outside its match")
            rules.setdefault(token, []).append(attr_id)
            extra = True
        for i, ids in rules.items():
            if extra:
                ids.sort()
            merged: dict = {}
            for attr_id in ids:
                merged.update(self.attrs[attr_id])
            set_token_attrs(doc[i], merged)
        return doc


#: Attributes a one-token rule may test to be decided without the Matcher.
TOKEN_ATTRS = {"LOWER", "TAG", "DEP", "IS_SPACE"}


def _token_tests(rule: dict) -> list[list[tuple[str, str, object]]] | None:
    """The tests of a rule all of whose patterns are one token on :data:`TOKEN_ATTRS` with
    plain values, ``IN``, ``NOT_IN`` or ``REGEX``; None for any other rule."""
    if rule.get("index", 0) not in (0, -1):
        return None
    alternatives = []
    for pattern in rule["patterns"]:
        if len(pattern) != 1 or not pattern[0] or set(pattern[0]) - TOKEN_ATTRS:
            return None
        tests = []
        for attr, value in pattern[0].items():
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                    return None
                op, operand = next(iter(value.items()))
                operand = re.compile(operand) if op == "REGEX" else frozenset(operand)
            elif isinstance(value, bool) == (attr == "IS_SPACE") and isinstance(value, str | bool):
                op, operand = "==", value
            else:
                return None
            tests.append((attr, op, operand))
        alternatives.append(tests)
    return alternatives


def _passes(alternatives: list[list[tuple[str, str, object]]], values: dict) -> bool:
    """Whether one of the alternatives' tests all hold for the token's ``values``."""
    for tests in alternatives:
        for attr, op, operand in tests:
            value = values[attr]
            if op == "==":
                ok = value == operand
            elif op == "IN":
                ok = value in operand
            elif op == "NOT_IN":
                ok = value not in operand
            else:
                ok = operand.search(value) is not None
            if not ok:
                break
        else:
            return True
    return False


def _simple_key(rule: dict, strings) -> tuple[int, int] | None:
    """(lower, tag) hashes of a one-token rule on the word and/or tag alone, else None."""
    patterns = rule["patterns"]
    if len(patterns) != 1 or len(patterns[0]) != 1 or rule.get("index", 0) != 0:
        return None
    (token,) = patterns[0]
    if not token or set(token) - {"LOWER", "TAG"}:
        return None
    if not all(isinstance(value, str) and value for value in token.values()):
        return None
    lower = strings.add(token["LOWER"]) if "LOWER" in token else 0
    tag = strings.add(token["TAG"]) if "TAG" in token else 0
    return lower, tag


class FastLemmatizer:
    """spaCy's :class:`Lemmatizer` with every lemma cached by word, POS and morphology."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self._cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache = self._cache
        if len(cache) > LEMMA_CACHE:
            cache.clear()
        strings = doc.vocab.strings
        lemmatize = self.lemmatizer.lemmatize
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            form = cache.get(key)
            if form is None:
                form = cache[key] = lemmatize(doc[i])[0]
            lemmas[i] = strings.add(form)
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("kgraph_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("kgraph_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe("lemmatizer"))


def use_fast_components(nlp: Language) -> list[str]:
    """Put the fast stand-ins in place of the components they wrap; the names replaced.

    A component is replaced only where it is spaCy's own class (a custom or trained-away
    one stays as it is).
    """
    replaced = []
    for original, fast, kind in (
        ("attribute_ruler", "kgraph_attribute_ruler", AttributeRuler),
        ("lemmatizer", "kgraph_lemmatizer", Lemmatizer),
    ):
        if original in nlp.pipe_names and type(nlp.get_pipe(original)) in _exact(kind):
            nlp.add_pipe(fast, before=original)
            nlp.disable_pipe(original)
            replaced.append(original)
    return replaced


def _exact(kind: type) -> tuple[type, ...]:
    """The classes whose ``__call__`` the stand-in reproduces."""
    if kind is Lemmatizer:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer

        return (Lemmatizer, EnglishLemmatizer)
    return (kind,)
