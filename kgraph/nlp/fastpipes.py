"""Faster stand-ins for spaCy's attribute_ruler and lemmatizer, with identical output.

Both components do per-token Python work on every token: the attribute ruler runs a
Matcher of ~180 patterns, most of which only ask "is the tag X" or "is the word w with tag
X"; the lemmatizer recomputes the lemma of words it does not cache. The stand-ins decide
the rules once per kind of token (word, tag, dependency, space; the two-token rules per
kind of each token) and write a document's attributes as one array (rules of other shapes
still go through a Matcher). The lemmatizer caches every lemma by (word, POS, morphology),
the only things spaCy's rule and lookup lemmatizers read. They wrap the pipeline's own
components, so the rules and tables are the model's; :func:`kgraph.nlp.spacy_pipeline.load_pipeline`
swaps them in where the pipeline has them.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "FastLemmatizer", "components_kept", "use_fast_components"]

#: Most cached lemmas before the cache starts again (a bound on its memory).
LEMMA_CACHE = 200_000
#: Most kinds of token (word, tag, dependency, space) remembered before starting again.
RULE_CACHE = 200_000
#: Most two-token rules decided per token (bits of a 64-bit mask); more use the Matcher.
MAX_PAIRS = 64
#: Token attributes the stand-in can write as arrays; a ruler setting others is kept.
ARRAY_ATTRS = {LEMMA, POS, TAG, DEP, MORPH}


class FastAttributeRuler:
    """spaCy's :class:`AttributeRuler` with its rules decided per kind of token.

    A rule on one token's word, tag, dependency or being a space is decided once per
    combination of those four, and a two-token rule once per combination for each of its
    two tokens; a document's attributes are then read and written as arrays. Only rules of
    other shapes go through a Matcher.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        strings = ruler.vocab.strings
        #: The token attributes the rules set: the array columns read and written.
        self.columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        #: (lower, tag) → ids of the rules on that word and/or tag alone (0: any).
        self.simple: dict[tuple[int, int], list[int]] = {}
        #: Other one-token rules: (id, alternatives of (attribute, operator, value) tests).
        self.tests: list[tuple[int, list[list[tuple[str, str, object]]]]] = []
        #: Two-token rules: (id, index of the token set, tests of the first, of the second).
        self.pairs: list[tuple[int, int, list, list]] = []
        self.matcher = Matcher(ruler.vocab, validate=False)
        for attr_id, rule in enumerate(ruler.patterns):
            key = _simple_key(rule, strings)
            tests = None if key else _token_tests(rule)
            pair = None if key or tests or len(self.pairs) >= MAX_PAIRS else _pair_tests(rule)
            if key:
                self.simple.setdefault(key, []).append(attr_id)
            elif tests:
                self.tests.append((attr_id, tests))
            elif pair:
                self.pairs.append((attr_id, rule.get("index", 0), *pair))
            else:
                self.matcher.add(str(attr_id), rule["patterns"])
        self._kinds = _TokenKinds(len(self.columns))
        #: Each token's tests of the two-token rules: (the rule's bit, tests), first and second.
        firsts = [(1 << n, [pair[2]]) for n, pair in enumerate(self.pairs)]
        seconds = [(1 << n, [pair[3]]) for n, pair in enumerate(self.pairs)]
        self._all_tests = (self.tests, firsts, seconds)
        #: The words some test asks for ("but", "gon"): a token of any other word only meets
        #: the tests that ask for no word (about a third of them).
        self._words = frozenset().union(
            *(_words_asked(tests) or () for _, tests in (*self.tests, *firsts, *seconds))
        )
        self._wordless_tests = tuple(
            [(given, tests) for given, tests in kind if _words_asked(tests) is None]
            for kind in self._all_tests
        )

    def _kind(self, key: tuple[int, int, int, int], strings) -> int:
        """The row of :attr:`_kinds` for a token of ``key`` (lower, tag, dep, space)."""
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
        rules, pair_firsts, pair_seconds = (
            self._all_tests if values["LOWER"] in self._words else self._wordless_tests
        )
        ids += [attr_id for attr_id, tests in rules if _passes(tests, values)]
        ids.sort()
        merged = self._merged(ids)
        row = [merged.get(attr, 0) for attr in self.columns]
        mask = [attr in merged for attr in self.columns]
        firsts = sum(bit for bit, tests in pair_firsts if _passes(tests, values))
        seconds = sum(bit for bit, tests in pair_seconds if _passes(tests, values))
        return self._kinds.add(key, tuple(ids), row, mask, firsts, seconds)

    def _merged(self, ids: list[int]) -> dict[int, int]:
        merged: dict[int, int] = {}
        for attr_id in ids:
            merged.update(self.attrs[attr_id])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        kinds = self._kinds
        if len(kinds) > RULE_CACHE:
            kinds.clear()
        strings = doc.vocab.strings
        find = kinds.index.get
        keys = list(map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()))
        codes = numpy.array(
            [code if (code := find(key)) is not None else self._kind(key, strings) for key in keys],
            dtype=numpy.intp,
        )
        values, masks, firsts, seconds = kinds.values, kinds.masks, kinds.firsts, kinds.seconds
        table = doc.to_array(self.columns).reshape(len(doc), len(self.columns))
        mask = masks[codes]
        table[mask] = values[codes][mask]
        extra = self._pair_matches(codes, firsts, seconds)
        for match_id, start, end in (
            self.matcher(doc, allow_missing=True) if len(self.matcher) else ()
        ):
            attr_id = int(strings[match_id])
            index = self.indices[attr_id]
            token = (start if index >= 0 else end) + index
            if not start <= token < end:
                raise ValueError(f"attribute rule {attr_id}: index {index} outside its match")
            extra.setdefault(token, []).append(attr_id)
        for token, ids in extra.items():
            merged = self._merged(sorted([*kinds.rules[codes[token]], *ids]))
            for column, attr in enumerate(self.columns):
                if attr in merged:
                    table[token, column] = merged[attr]
        doc.from_array(self.columns, table)
        return doc

    def _pair_matches(self, codes, firsts, seconds) -> dict[int, list[int]]:
        """Token → ids of the two-token rules that set it."""
        extra: dict[int, list[int]] = {}
        if not self.pairs or len(codes) < 2:
            return extra
        hits = firsts[codes[:-1]] & seconds[codes[1:]]
        for start in numpy.flatnonzero(hits).tolist():
            bits = int(hits[start])
            for n, (attr_id, index, _, _) in enumerate(self.pairs):
                if bits >> n & 1:
                    token = start + (index if index >= 0 else 2 + index)
                    extra.setdefault(token, []).append(attr_id)
        return extra


class _TokenKinds:
    """What the rules do to each kind of token seen, as rows of arrays that grow."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.clear()

    def clear(self) -> None:
        #: (lower, tag, dep, space) → row.
        self.index: dict[tuple[int, int, int, int], int] = {}
        #: Per row: the ids of the one-token rules that apply, sorted.
        self.rules: list[tuple[int, ...]] = []
        #: Per row: values set, which of them are set, first- and second-token pair bits.
        self.values = numpy.zeros((1024, self.width), dtype=numpy.uint64)
        self.masks = numpy.zeros((1024, self.width), dtype=bool)
        self.firsts = numpy.zeros(1024, dtype=numpy.uint64)
        self.seconds = numpy.zeros(1024, dtype=numpy.uint64)

    def __len__(self) -> int:
        return len(self.rules)

    def add(
        self,
        key: tuple[int, int, int, int],
        rules: tuple[int, ...],
        row: list[int],
        mask: list[bool],
        firsts: int,
        seconds: int,
    ) -> int:
        """Remember a kind of token; its row."""
        code = len(self.rules)
        if code == len(self.firsts):  # full: double the arrays
            self.values, self.masks, self.firsts, self.seconds = (
                numpy.concatenate([array, numpy.zeros_like(array)])
                for array in (self.values, self.masks, self.firsts, self.seconds)
            )
        self.index[key] = code
        self.rules.append(rules)
        self.values[code] = row
        self.masks[code] = mask
        self.firsts[code] = firsts
        self.seconds[code] = seconds
        return code


#: Attributes a one-token rule may test to be decided without the Matcher.
TOKEN_ATTRS = {"LOWER", "TAG", "DEP", "IS_SPACE"}


def _token_tests(rule: dict) -> list[list[tuple[str, str, object]]] | None:
    """The tests of a rule all of whose patterns are one token on :data:`TOKEN_ATTRS` with
    plain values, ``IN``, ``NOT_IN`` or ``REGEX``; None for any other rule."""
    if rule.get("index", 0) not in (0, -1):
        return None
    alternatives = []
    for pattern in rule["patterns"]:
        tests = _tests_of(pattern[0]) if len(pattern) == 1 else None
        if tests is None:
            return None
        alternatives.append(tests)
    return alternatives


def _pair_tests(rule: dict) -> tuple[list, list] | None:
    """The tests of the first and second token of a rule with one two-token pattern."""
    patterns = rule["patterns"]
    if len(patterns) != 1 or len(patterns[0]) != 2 or rule.get("index", 0) not in (0, 1, -1, -2):
        return None
    first, second = (_tests_of(token) for token in patterns[0])
    return None if first is None or second is None else (first, second)


def _tests_of(token: dict) -> list[tuple[str, str, object]] | None:
    """(attribute, operator, value) tests of one token of a pattern, or None when it tests
    anything but :data:`TOKEN_ATTRS` by value, ``IN``, ``NOT_IN`` or ``REGEX``."""
    if not token or set(token) - TOKEN_ATTRS:
        return None
    tests = []
    for attr, value in token.items():
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
    return tests


def _words_asked(alternatives: list[list[tuple[str, str, object]]]) -> frozenset[str] | None:
    """The words (LOWER) a token must be to pass one of the alternatives, or None when one
    of them asks for no word by value or ``IN``."""
    words: set[str] = set()
    for tests in alternatives:
        asked = [operand for attr, op, operand in tests if attr == "LOWER" and op in ("==", "IN")]
        if not asked:
            return None
        words.update(asked[0] if isinstance(asked[0], frozenset) else [asked[0]])
    return frozenset(words)


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
        _index_as_sets(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cache = self._cache
        if len(cache) > LEMMA_CACHE:
            cache.clear()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA]).reshape(len(doc), 4)
        lemmas = table[:, 3].copy()
        todo = numpy.arange(len(doc)) if self.overwrite else numpy.flatnonzero(lemmas == 0)
        if not len(todo):
            return doc
        # each kind of token (word, POS, morphology) once
        kinds, first, inverse = numpy.unique(
            table[todo, :3], axis=0, return_index=True, return_inverse=True
        )
        strings = doc.vocab.strings
        lemmatize = self.lemmatizer.lemmatize
        forms = []
        for key, at in zip(map(tuple, kinds.tolist()), first.tolist()):
            form = cache.get(key)
            if form is None:
                form = cache[key] = lemmatize(doc[int(todo[at])])[0]
            forms.append(strings.add(form))
        lemmas[todo] = numpy.array(forms, dtype=numpy.uint64)[inverse.reshape(-1)]
        doc.from_array([LEMMA], lemmas)
        return doc


class _WordList(list):
    """A list of words whose ``in`` is a set lookup (same contents, same order)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._words = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._words


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Give the rule lemmatizer's word lists (``lemma_index``, one per POS, up to 57,528
    nouns, only ever asked ``form in index``) set lookups, in place: each new word cost
    a scan of the list (about 90 µs)."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list:
            table[key] = _WordList(words)


@Language.factory("kgraph_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("kgraph_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe("lemmatizer"))


def use_fast_components(nlp: Language) -> list[str]:
    """Put the fast stand-ins in place of the components they wrap; the names replaced.

    A component is replaced only where it is spaCy's own class (a custom or trained-away
    one stays as it is), and an attribute ruler only where its rules set nothing but
    :data:`ARRAY_ATTRS` (not extension attributes).
    """
    replaced = []
    for original, fast, kind in (
        ("attribute_ruler", "kgraph_attribute_ruler", AttributeRuler),
        ("lemmatizer", "kgraph_lemmatizer", Lemmatizer),
    ):
        if original in nlp.pipe_names and _replaceable(nlp.get_pipe(original), kind):
            nlp.add_pipe(fast, before=original)
            nlp.disable_pipe(original)
            replaced.append(original)
    return replaced


def _replaceable(component: object, kind: type) -> bool:
    """Whether the stand-in reproduces ``component``: spaCy's own class, and for an
    attribute ruler, rules that set only :data:`ARRAY_ATTRS`."""
    if type(component) not in _exact(kind):
        return False
    if isinstance(component, AttributeRuler):
        return all(set(attrs) <= ARRAY_ATTRS for attrs in component.attrs)
    return True


def _exact(kind: type) -> tuple[type, ...]:
    """The classes whose ``__call__`` the stand-in reproduces."""
    if kind is Lemmatizer:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer

        return (Lemmatizer, EnglishLemmatizer)
    return (kind,)


def components_kept(nlp: Language) -> list[str]:
    """The attribute ruler and lemmatizer of ``nlp`` that run as they are (no stand-in):
    what the fast path does not cover in this pipeline."""
    return [name for name in ("attribute_ruler", "lemmatizer") if name in nlp.pipe_names]
