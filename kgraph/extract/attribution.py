"""Who a reported statement comes from: the speaker of the verb of saying above it.

"..., said the group" → the entity "the group" resolves to (coreference); "according to
ADAC" → ADAC; "Mnuchin warned" → Steven Mnuchin; "officials said" → no entity, the
description itself (``{"name": "officials"}``). A quoted sentence with no verb of saying of
its own takes the speaker of the sentence that closes the quotation ('"…. …," she said').
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from kgraph.extract.arguments import MentionIndex
from kgraph.extract.modality import SPEECH_VERBS

#: Dependencies of the one who speaks: subject, or the agent of a passive ("was told by").
SPEAKER_DEPS = ("nsubj", "nsubjpass", "agent")
#: Quotation marks that open or close a direct quotation.
QUOTES = {'"', "“", "”", "``", "''"}
#: Words kept out of an unnamed source's description.
DROPPED = {"det", "punct", "cc"}


def source_of(anchor: Token, index: MentionIndex) -> dict[str, str] | None:
    """The source of the statement whose verb (or noun) is ``anchor``; None when the text
    names none."""
    speaker = _speaker_above(anchor) or _according_to(anchor.sent) or _quote_speaker(anchor.sent)
    return describe(speaker, index) if speaker is not None else None


def describe(speaker: Token, index: MentionIndex) -> dict[str, str] | None:
    """``{"id", "name", "type"}`` of the entity the speaker is, else ``{"name"}``: its words."""
    mention = index.mention(speaker) or _named_in_apposition(speaker, index)
    if mention is not None:
        return mention.entity.to_dict()
    if speaker.pos_ == "PRON":
        return None  # "it said", "they said" with nothing to resolve to: not a description
    start = speaker.left_edge.i
    while start < speaker.i and (
        speaker.doc[start].dep_ in DROPPED or speaker.doc[start].pos_ == "PRON"
    ):
        start += 1  # "the", "its": the description's own words only
    name = speaker.doc[start : speaker.i + 1].text.strip()
    return {"name": name} if name else None


def _named_in_apposition(speaker: Token, index: MentionIndex):
    """The person a described speaker is named as: "the company's chief executive Satya
    Nadella said" names Satya Nadella, not the company's chief executive."""
    for child in speaker.children:
        mention = index.mention(child)
        if (
            child.dep_ in ("appos", "compound")
            and child.i > speaker.i
            and mention is not None
            and mention.via == "name"
            and mention.entity.type == "PERSON"
        ):
            return mention
    return None


def _speaker_above(anchor: Token) -> Token | None:
    token = anchor
    for _ in range(12):
        if token.head == token:
            return None
        token = token.head
        if token.lemma_.lower() in SPEECH_VERBS:
            return _speaker(token)
    return None


def _speaker(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SPEAKER_DEPS:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
            return child
    return None


def _according_to(sentence: Span) -> Token | None:
    for token in sentence:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    objects = [c for c in to.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return None


def quoted(sentence: Span) -> bool:
    """Whether ``sentence`` opens a direct quotation or lies inside one."""
    first = next((t for t in sentence if not t.is_space), sentence[0])
    if first.text in QUOTES:
        return True
    return bisect_left(_quote_marks(sentence.doc), sentence.start) % 2 == 1


def _quote_marks(doc: Doc) -> list[int]:
    """Positions of the quotation marks of ``doc`` (found once per document)."""
    marks = doc.user_data.get(_QUOTE_MARKS)
    if marks is None:
        marks = doc.user_data[_QUOTE_MARKS] = [t.i for t in doc if t.text in QUOTES]
    return marks


#: Where :func:`_quote_marks` keeps a document's quotation marks.
_QUOTE_MARKS = "kgraph_quote_marks"


def _quote_speaker(sentence: Span) -> Token | None:
    """The speaker of a quotation this sentence is inside, named in a later sentence."""
    doc = sentence.doc
    if not quoted(sentence):
        return None
    later = sentence
    for _ in range(6):  # a quotation runs over a few sentences at most
        verbs = [t for t in later if t.lemma_.lower() in SPEECH_VERBS]
        closes = any(t.text in QUOTES for t in later if t.i > sentence.start)
        if closes and verbs:
            return _speaker(verbs[0])
        if closes or later.end >= len(doc):
            return None
        later = doc[later.end].sent
    return None
