"""From a syntactic argument (a token) to the entities it stands for."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kgraph.entities.lexicon import is_role_noun
from kgraph.entities.mentions import Mention
from kgraph.models import EntityRef

#: Nouns that let an argument pass to their "of" object: "the American branch of TikTok".
PART_NOUNS = {
    "branch",
    "unit",
    "division",
    "subsidiary",
    "part",
    "arm",
    "share",
    "stake",
    "business",
    "operation",
    "asset",
    "version",
    "owner",
    "rest",
    "majority",
    "control",
    "parts",
}
#: Nouns that let an argument pass to a named compound: "the TikTok application".
NAMED_BY_COMPOUND = {
    "app",
    "application",
    "platform",
    "service",
    "company",
    "group",
    "firm",
    "brand",
    "network",
    "government",
    "administration",
    "team",
    "club",
    "party",
    "share",
    "stake",
    "business",
    "console",
    "phone",
    "device",
    "game",
    "software",
    "car",
    "drug",
    "vaccine",
    "agency",
    "union",
    "university",
    "newspaper",
    "daily",
    "magazine",
    "ministry",
    "institute",
    "tank",
    "bank",
    "carrier",
    "airline",
    "channel",
    "broadcaster",
    "movement",
    "organization",
    "organisation",
}
#: Nouns of people that are no role: "the son of the founder, Bill Gates".
PERSON_NOUNS = {"man", "woman", "son", "daughter", "wife", "husband", "father", "mother"}
PERSON_NOUNS |= {"brother", "sister", "friend", "widow", "child", "boy", "girl", "person"}
#: Relative pronouns whose antecedent is the head of their clause.
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}


@dataclass(frozen=True)
class Argument:
    """An entity standing in a syntactic slot, with how directly it was found."""

    entity: EntityRef
    token: Token
    weight: float  # 1.0 for a name in the slot, less for coreference or pass-through


def _start(mention: Mention) -> int:
    return mention.start


class MentionIndex:
    """Looks up which entity a token belongs to, if any."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._by_token: dict[int, Mention] = {}
        self._by_name: dict[str, EntityRef] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self._by_token.setdefault(i, mention)
            for name in (mention.entity.name, *mention.entity.aliases):
                self._by_name.setdefault(name.casefold(), mention.entity)
        # the mention each token belongs to, in text order, without overlaps
        firsts = sorted({id(m): m for m in self._by_token.values()}.values(), key=_start)
        self._ordered = firsts
        self._starts = [m.start for m in firsts]

    def within(self, span: Span) -> list[Mention]:
        """The mentions that start inside ``span``, in text order."""
        low = bisect_left(self._starts, span.start)
        high = bisect_left(self._starts, span.end)
        return self._ordered[low:high]

    def entity_named(self, name: str, type_: str = "GPE") -> EntityRef:
        """The article's entity of that name, or a new one ("German" → Germany)."""
        known = self._by_name.get(name.casefold())
        return known if known and known.type == type_ else EntityRef.make(name, type_)

    def mention(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def arguments(self, token: Token) -> list[Argument]:
        """Entities that ``token`` (and its conjuncts) stand for in an argument slot."""
        found = []
        for slot in (token, *shared_conjuncts(token)):
            if self._backs_its_conjunct(slot):
                continue  # "against Toshiba and NEC-backed HD-DVD": Toshiba backs it
            argument = self._argument(slot)
            if argument and all(a.entity.id != argument.entity.id for a in found):
                found.append(argument)
        return found

    def argument(self, token: Token) -> list[Argument]:
        """The entity ``token`` alone stands for (not its conjuncts), if any."""
        found = self._argument(token)
        return [found] if found else []

    def _backs_its_conjunct(self, token: Token) -> bool:
        """Whether ``token`` shares a hyphened participle with an unnamed conjunct rather
        than standing in the slot: the parser reads "against Toshiba and NEC-backed HD-DVD"
        as Toshiba and HD-DVD, where Toshiba and NEC back HD-DVD ("against Microsoft and
        Toshiba-owned Westinghouse", a named conjunct, stays two arguments)."""
        if not any(c.dep_ == "cc" for c in token.children):
            return False
        doc = token.doc
        return any(
            conjunct.i > token.i
            and self.mention(conjunct) is None
            and any(
                modifier.dep_ == "amod"
                and modifier.tag_ == "VBN"
                and token.i < modifier.i < conjunct.i
                and doc[modifier.i - 1].text == "-"
                for modifier in conjunct.children
            )
            for conjunct in token.children
            if conjunct.dep_ == "conj"
        )

    def _argument(self, token: Token, depth: int = 0) -> Argument | None:
        if depth > 3:
            return None
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self._argument(relative_antecedents(token.head)[0], depth + 1)
        mention = self.mention(token)
        if mention and _locates_a_name(token, mention):
            return None  # "MP for Henley-on-Thames, Oxfordshire": the seat is Henley
        if mention:
            return Argument(mention.entity, token, 1.0 if mention.via == "name" else 0.8)
        for child in token.children:
            if child.dep_ == "appos" and (mention := self.mention(child)):
                if token.pos_ == "PROPN" and mention.entity.type in PLACE_TYPES:
                    return None  # "Henley-on-Thames, Oxfordshire": a place that locates it
                if _after_own_phrase(token, child):
                    continue  # "a deal with drink company, Red Bull": the company's name
                return Argument(mention.entity, child, 0.9)
        displaced = _displaced_appositive(token)
        if displaced is not None and (mention := self.mention(displaced)):
            return Argument(mention.entity, displaced, 0.9)
        lemma = token.lemma_.lower()
        named = _naming_compound(token) if lemma in NAMED_BY_COMPOUND else None
        if named is not None and (mention := self.mention(named)):
            if _place_before(lemma, mention):
                return None  # "the US firm", "the Midlands club": where it is, not its name
            return Argument(mention.entity, named, 0.85)
        if lemma in PART_NOUNS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and (inner := self._argument(pobj, depth + 1)):
                            return Argument(inner.entity, inner.token, inner.weight * 0.85)
        return None


def names_a_noun_after(name: Token) -> bool:
    """Whether a name only modifies the common noun right after it, which the parser hung
    on the name: "the director of the West End musical, Bombay Dreams" directs the musical,
    not the West End; the headline "Slovakia reach Hopman Cup final" reaches the final."""
    doc = name.doc
    if name.i + 1 >= len(doc):
        return False
    noun = doc[name.i + 1]
    return (
        noun.head == name
        and noun.dep_ in ("amod", "compound", "appos")
        and noun.is_lower
        and noun.is_alpha
        and noun.pos_ in ("NOUN", "ADJ")
        and all(c.is_space or c.is_punct for c in noun.children)
    )


def _after_own_phrase(noun: Token, appositive: Token) -> bool:
    """Whether the parser hung on ``noun`` an appositive that follows a prepositional
    phrase of its own: in "agreed a deal with drink company, Red Bull" Red Bull names the
    company, not the deal. A role's appositive is its holder, after its phrase or not:
    "the chief executive of the company, Satya Nadella"."""
    if is_role_noun(noun.lemma_.lower()) or noun.lemma_.lower() in PERSON_NOUNS:
        return False
    return any(
        c.dep_ == "prep" and noun.i < c.i < appositive.i and c.right_edge.i < appositive.i
        for c in noun.children
    )


def _displaced_appositive(noun: Token) -> Token | None:
    """The appositive the parser hung on the noun above ``noun``'s preposition although it
    follows ``noun`` after a comma: "a deal with drink company, Red Bull" (see
    :func:`_after_own_phrase`)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    owner = noun.head.head
    doc = noun.doc
    after = noun.right_edge.i + 1
    for child in owner.children:
        if (
            child.dep_ == "appos"
            and after < len(doc)
            and doc[after].text == ","
            and child.left_edge.i == after + 1
            and _after_own_phrase(owner, child)
        ):
            return child
    return None


#: Types of places, which after a comma only say where the name before them is.
PLACE_TYPES = {"GPE", "LOC"}


#: Nouns a place before them may stand for: "the US government" is the US, "the England
#: team" England, "miss the Barcelona game" the game against Barcelona. Before the other
#: nouns of :data:`NAMED_BY_COMPOUND` a place says where the firm, paper or bank is ("the
#: US firm", "the Athens newspaper"), and before a team a region does ("the Midlands club").
PLACE_NAMED_NOUNS = {"government", "administration", "ministry", "team", "club", "party", "game"}


def _place_before(noun: str, mention: Mention) -> bool:
    """Whether a place before an organization noun only says where the organization is."""
    kind = mention.entity.type
    if kind == "LOC":
        return True
    return kind == "GPE" and noun not in PLACE_NAMED_NOUNS


def _locates_a_name(token: Token, mention: Mention) -> bool:
    """Whether a place only locates an unnamed proper noun the parser hung on it: in "MP
    for Henley-on-Thames, Oxfordshire" the parser reads Oxfordshire as the object, with
    "Henley-on-Thames" (no entity to the model) as its modifier before a comma."""
    if mention.entity.type not in PLACE_TYPES:
        return False
    doc = token.doc
    return any(
        child.dep_ in ("nmod", "compound", "appos")
        and child.pos_ == "PROPN"
        and child.i < mention.start
        and doc[mention.start - 1].text == ","
        for child in token.children
    )


def _naming_compound(noun: Token) -> Token | None:
    """The name a noun is called by: the proper noun nearest it among its compounds ("the
    Sony PSP console" is the PSP, not Sony, its maker)."""
    names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names:
        return names[-1]
    return next((c for c in noun.lefts if c.dep_ == "compound"), None)


def relative_antecedents(clause: Token) -> tuple[Token, ...]:
    """The nouns a relative clause is about. After a list, the parser hangs the clause on
    the first item; it is about the last ("Gladiator, Troy and Hannibal, which starred
    Hopkins": Hannibal) unless its verb is plural or says "all", "both", "each"."""
    head = clause.head
    items = (head, *shared_conjuncts(head))
    if len(items) == 1 or clause.i < max(t.i for t in items):
        return items
    if clause.tag_ == "VBP" or any(c.lower_ in ("all", "both", "each") for c in clause.children):
        return items
    return (max(items, key=lambda t: t.i),)


#: Conjunctions that set two phrases against each other: "beat Johansson but fourth seed
#: Youzhny lost" joins two clauses the parser read as one object.
CONTRASTING = {"but", "yet"}


def shared_conjuncts(token: Token) -> tuple[Token, ...]:
    """The conjuncts of ``token`` that share its slot; none when a contrasting conjunction
    joins them."""
    conjuncts = token.conjuncts
    joined = (token, *conjuncts)
    if any(c.dep_ == "cc" and c.lower_ in CONTRASTING for t in joined for c in t.children):
        return ()
    return conjuncts
