"""The relation vocabulary: a few dozen named relations that every triple's predicate maps to.

A triple keeps its open ``predicate`` (``negotiates-acquisition-of``, ``chancellor-of``) and
gains a ``relation`` from this vocabulary (``acquires``, ``head-of-government``), the
relationship type it gets in Neo4j. The vocabulary and the rules from predicates, role
words, verbs and constructions to relations live in one data file,
``kgraph/data/relations.tsv`` (its header documents the format); a user file in the same
format (``--relations FILE``) is merged over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kgraph.errors import KgraphError
from kgraph.models import ENTITY_TYPES

__all__ = [
    "OTHER",
    "RelationType",
    "Vocabulary",
    "VocabularyError",
    "label_triples",
    "load_vocabulary",
    "read_vocabulary",
    "relation_of",
    "relationship_type",
    "shipped_vocabulary",
]

#: The shipped vocabulary file.
SHIPPED = Path(__file__).parent / "data" / "relations.tsv"
#: The relation of a triple that no rule names.
OTHER = "other"
#: Neo4j relationship type of :data:`OTHER`.
OTHER_TYPE = "RELATED_TO"
#: Kinds of mapping rows, in the order they are tried.
RULE_KINDS = ("predicate", "role", "verb", "pattern")
_DIRECTIONS = {"same", "inverse", "-"}
_WIKIDATA = re.compile(r"P[1-9][0-9]*|-")
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


class VocabularyError(KgraphError):
    """A relations file that cannot be read (the message names file and line)."""


@dataclass(frozen=True)
class RelationType:
    """One relation of the vocabulary, with the entity types its subject and object take
    (its domain and range, as Wikidata's subject and value type constraints; empty: any)."""

    name: str
    wikidata: str | None = None  # e.g. "P131"
    direction: str | None = None  # "same" or "inverse" relative to the Wikidata property
    description: str = ""
    subjects: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()

    @property
    def type(self) -> str:
        """The Neo4j relationship type: ``head-of`` → ``HEAD_OF``, ``other`` → ``RELATED_TO``."""
        return relationship_type(self.name)

    def fits(self, subject_type: str | None, object_type: str | None) -> bool:
        """Whether a subject and an object of these types may stand in this relation (an
        unknown type, None, fits anything)."""
        return _allowed(self.subjects, subject_type) and _allowed(self.objects, object_type)


def _allowed(types: frozenset[str], type_: str | None) -> bool:
    return not types or type_ is None or type_ in types


Words = tuple[str, ...]
#: Rules of one kind: words → {object types (empty: any) → relation}.
Rules = dict[Words, dict[frozenset[str], str]]


@dataclass(frozen=True)
class Vocabulary:
    """Relations and the rules that map predicates to them (see ``relations.tsv``)."""

    relations: dict[str, RelationType]
    rules: dict[str, Rules] = field(default_factory=dict)

    def relation(
        self,
        predicate: str,
        pattern: str | None = None,
        object_type: str | None = None,
        subject_type: str | None = None,
    ) -> str:
        """The relation of a triple with this predicate, pattern and entity types.

        Tried in turn: the whole predicate; a predicate that is a relation's name; a role
        (``<role>-of``, longest ending of the role first); the words of a verb or of the
        noun a supporting verb takes (longest first: "buys", "completes-acquisition-of",
        "agrees-to-buy", not "opposes-purchase-of" or "takes-over-chairmanship-of"); the
        construction. The first relation whose subject and object types fit it (see
        :meth:`RelationType.fits`) wins; else :data:`OTHER`.
        """
        words = _segments(predicate)
        for found, typed in self._candidates(words, predicate, pattern, object_type):
            relation = self.relations.get(found)
            # a rule written for this object type says the range holds for it
            if relation is None or relation.fits(subject_type, None if typed else object_type):
                return found
        return OTHER

    def _candidates(
        self, words: Words, predicate: str, pattern: str | None, object_type: str | None
    ) -> Iterator[tuple[str, bool]]:
        """(relation, whether its rule names the object's type) for each rule that applies
        to a predicate, best first."""
        yield from self._pick("predicate", words, object_type)
        if predicate in self.relations:
            yield predicate, False
        if len(words) > 1 and words[-1] == "of":
            role = words[:-1]
            for start in range(len(role)):
                found = list(self._pick("role", role[start:], object_type))
                if found:
                    yield from ((_subordinate(r, role[:start]), t) for r, t in found)
                    break
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                if _verb_at(words, start, size):
                    yield from self._pick("verb", words[start : start + size], object_type)
        if pattern:
            yield from self._pick("pattern", (pattern,), object_type)

    def _pick(self, kind: str, words: Words, object_type: str | None) -> Iterator[tuple[str, bool]]:
        """The relation of a rule for these words: the row for the object's type, else the
        row for any type."""
        choices = self.rules.get(kind, {}).get(words)
        if not choices:
            return
        for types, relation in choices.items():
            if types and object_type in types:
                yield relation, True
                return
        if frozenset() in choices:
            yield choices[frozenset()], False

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with ``other``'s relations and rules read after (replacing) its own."""
        rules: dict[str, Rules] = {}
        for kind in RULE_KINDS:
            mine, theirs = self.rules.get(kind, {}), other.rules.get(kind, {})
            rules[kind] = {w: {**mine.get(w, {}), **theirs.get(w, {})} for w in {**mine, **theirs}}
        return Vocabulary({**self.relations, **other.relations}, rules)

    def describe(self) -> list[RelationType]:
        """The relations, in file order."""
        return list(self.relations.values())


#: Relations of those who lead: a word before their role other than these makes the holder
#: an employee ("sales director", "deputy governor", "general manager", not "club chairman").
LEADING_RELATIONS = {"head-of", "head-of-state", "head-of-government", "coach-of"}
#: Words before a leading role that keep it: "former", "caretaker", "club", "party", ...
KEEPING_WORDS = {"former", "ex", "new", "current", "then", "outgoing", "incoming", "acting"}
KEEPING_WORDS |= {"interim", "caretaker", "joint", "co", "executive", "founding", "veteran"}
KEEPING_WORDS |= {"club", "team", "party", "group", "company", "bank", "union", "national"}
KEEPING_WORDS |= {"football", "rugby", "cricket", "tennis", "elected", "appointed", "designate"}
#: Words before a role that make it no office at all: a "shadow chancellor" is in opposition.
SHADOW_WORDS = {"shadow"}


def _subordinate(relation: str, before: Words) -> str:
    """``relation`` of a role, or of the role with ``before`` words: a "deputy director" or
    a "sales director" is an employee, a "shadow chancellor" no office-holder."""
    if relation not in LEADING_RELATIONS or set(before) <= KEEPING_WORDS:
        return relation
    return OTHER if SHADOW_WORDS & set(before) else "employee-of"


#: Verbs that let a noun after them say what their subject does: "completes-acquisition-of",
#: "holds-talks-with", "buys-stake-in" (but not "opposes-purchase-of").
SUPPORT_VERBS = {"makes", "launches", "completes", "announces", "negotiates", "agrees"}
SUPPORT_VERBS |= {"plans", "proposes", "seals", "finalises", "finalizes", "attempts", "pursues"}
SUPPORT_VERBS |= {"considers", "confirms", "holds", "has", "takes", "buys", "owns", "wins"}
SUPPORT_VERBS |= {"increases", "raises", "boosts", "builds", "acquires", "controls", "bids"}
SUPPORT_VERBS |= {"offers", "discusses", "tables", "files", "brings", "lodges", "is", "are"}
#: Prepositions that may follow a verb's words and still introduce what the verb is about.
OBJECT_PREPOSITIONS = {"of", "for", "with", "in", "into", "on", "at"}


def _verb_at(words: Words, start: int, size: int) -> bool:
    """Whether the words at ``start`` are the predicate's own verb (or the noun a supporting
    verb takes), followed by nothing but a preposition of its object.

    "agrees-to-buy", "buys-stake-in": yes; "takes-over-chairmanship-of" (what is taken
    over is the chairmanship), "buys-from" (the object sold), "opposes-purchase-of": no.
    """
    after = words[start + size :]
    if len(after) > 1 or (after and after[0] not in OBJECT_PREPOSITIONS):
        return False
    before = words[:start]
    return not before or before[-1] == "to" or all(w in SUPPORT_VERBS for w in before)


def relationship_type(relation: str) -> str:
    """Neo4j relationship type of a relation name, sanitized to ``[A-Z][A-Z0-9_]*``.

    >>> relationship_type("head-of-government"), relationship_type("other")
    ('HEAD_OF_GOVERNMENT', 'RELATED_TO')
    """
    if relation == OTHER:
        return OTHER_TYPE
    rel = re.sub(r"[^A-Z0-9]+", "_", relation.upper()).strip("_")
    if not rel:
        return OTHER_TYPE
    return rel if rel[0].isalpha() else "REL_" + rel


def _segments(text: str) -> Words:
    """Lower-case words of a predicate or a rule key: ``"Takes over"`` → ``("takes", "over")``."""
    return tuple(w for w in re.split(r"[\s\-_]+", text.strip().casefold()) if w)


def read_vocabulary(path: str | Path, *, known: Iterable[str] = ()) -> Vocabulary:
    """Read a relations file (format in ``kgraph/data/relations.tsv``).

    Args:
        known: relation names defined elsewhere (the shipped file, for a user file) that
            its rules may name.

    Raises:
        VocabularyError: a row that is malformed or names an unknown relation (file:line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"cannot read relations file {path}: {exc}") from exc
    relations: dict[str, RelationType] = {}
    rules: dict[str, Rules] = {kind: {} for kind in RULE_KINDS}
    pending: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{path}:{number}"
        kind = cells[0]
        if kind == "relation":
            relation = _relation_row(cells, where)
            relations[relation.name] = relation
        elif kind in RULE_KINDS:
            if len(cells) not in (3, 4) or not cells[1] or not cells[2]:
                raise VocabularyError(
                    f"{where}: a {kind} row is {kind}<TAB>WORDS<TAB>RELATION[<TAB>TYPES]"
                )
            types = frozenset(t.strip().upper() for t in (cells[3:] or [""])[0].split(",") if t)
            rules[kind].setdefault(_segments(cells[1]), {})[types] = cells[2]
            pending.append((number, cells[2]))
        else:
            raise VocabularyError(
                f"{where}: unknown row kind {kind!r} (relation, {', '.join(RULE_KINDS)})"
            )
    defined = set(relations) | set(known)
    for number, name in pending:
        if name not in defined:
            raise VocabularyError(
                f"{path}:{number}: unknown relation {name!r} (define it with a relation row)"
            )
    return Vocabulary(relations, rules)


def _relation_row(cells: list[str], where: str) -> RelationType:
    if len(cells) < 4 or len(cells) > 7:
        raise VocabularyError(
            f"{where}: a relation row is relation<TAB>NAME<TAB>WIKIDATA<TAB>DIRECTION"
            "[<TAB>TEXT[<TAB>SUBJECT TYPES<TAB>OBJECT TYPES]]"
        )
    name, wikidata, direction = cells[1], cells[2], cells[3]
    if not _NAME.fullmatch(name):
        raise VocabularyError(f"{where}: relation name {name!r} is not lower-case kebab")
    if not _WIKIDATA.fullmatch(wikidata):
        raise VocabularyError(f"{where}: {wikidata!r} is not a Wikidata property id (P123) or -")
    if direction not in _DIRECTIONS:
        raise VocabularyError(f"{where}: direction {direction!r} is not same, inverse or -")
    return RelationType(
        name=name,
        wikidata=None if wikidata == "-" else wikidata,
        direction=None if direction == "-" else direction,
        description=cells[4] if len(cells) > 4 else "",
        subjects=_types(cells[5] if len(cells) > 5 else "-", where),
        objects=_types(cells[6] if len(cells) > 6 else "-", where),
    )


def _types(cell: str, where: str) -> frozenset[str]:
    """Entity types of a relation row's domain or range cell: ``PERSON,ORG``; ``-``: any."""
    if cell in ("", "-"):
        return frozenset()
    types = frozenset(t.strip().upper() for t in cell.split(",") if t.strip())
    unknown = sorted(types - ENTITY_TYPES)
    if unknown:
        raise VocabularyError(
            f"{where}: unknown entity type {unknown[0]!r} ({', '.join(sorted(ENTITY_TYPES))})"
        )
    return types


@lru_cache(maxsize=1)
def shipped_vocabulary() -> Vocabulary:
    """The vocabulary of ``kgraph/data/relations.tsv``, read once."""
    return read_vocabulary(SHIPPED)


def load_vocabulary(user_file: str | Path | None = None) -> Vocabulary:
    """The shipped vocabulary, with ``user_file``'s rows merged over it when given."""
    shipped = shipped_vocabulary()
    if user_file is None:
        return shipped
    return shipped.merged(read_vocabulary(user_file, known=shipped.relations))


def relation_of(
    predicate: str,
    pattern: str | None = None,
    object_type: str | None = None,
    vocabulary: Vocabulary | None = None,
    subject_type: str | None = None,
) -> str:
    """The relation of a predicate (see :meth:`Vocabulary.relation`), shipped vocabulary by
    default.

    >>> relation_of("prime-minister-of", object_type="GPE")
    'head-of-government'
    """
    vocabulary = vocabulary or shipped_vocabulary()
    return vocabulary.relation(predicate, pattern, object_type, subject_type)


def label_triples(triples: Iterable, vocabulary: Vocabulary | None = None) -> list:
    """``triples`` (:class:`kgraph.models.Triple`) with ``relation`` set from the vocabulary."""
    vocabulary = vocabulary or shipped_vocabulary()
    return [
        replace(
            t,
            relation=vocabulary.relation(
                t.predicate, t.extras.get("pattern"), t.object.type, t.subject.type
            ),
        )
        for t in triples
    ]
