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
    names none, or when the statement describes the speaker (a relative clause or an
    apposition of the speaker's words is the writer's)."""
    speaker = _speaker_above(anchor) or _according_to(anchor.sent) or _quote_speaker(anchor.sent)
    if speaker is None or speaker.left_edge.i <= anchor.i <= speaker.right_edge.i:
        return None  # '"…," said Rob Schwartz, of Newmarket, which released the film'
    return describe(speaker, index)


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
    """The one who speaks through ``verb``: its subject, its passive's agent, or for a verb
    joined to another that has the subject ("Hewitt played down his defeat and insisted
    he is focused"), that one's."""
    for child in verb.children:
        if child.dep_ in SPEAKER_DEPS:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _speaker(verb.head)
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
    """Whether ``sentence`` opens a direct quotation or lies inside one: the last quotation
    mark before it in its paragraph opens one. A quotation mark that opens while one is
    open (a paragraph break lost: 'a bit. "When he got back') does not close it, and a
    mark that closes one ('four times." Hewitt went into the final') leaves the narration
    after it unquoted, which counting the marks did not when one was left open."""
    first = next((t for t in sentence if not t.is_space), sentence[0])
    if first.text in QUOTES:
        return True
    doc = sentence.doc
    marks, breaks = _quote_marks(doc), _paragraph_breaks(doc)
    before = bisect_left(marks, sentence.start)
    if before == 0:
        return False
    last = marks[before - 1]
    if bisect_left(breaks, sentence.start) != bisect_left(breaks, last):
        return False  # a quotation of several paragraphs opens each one again
    return _opens(doc[last])


#: Marks that say which way they face; a straight mark faces the way its spaces say.
OPENING_MARKS = {"“", "``"}
CLOSING_MARKS = {"”", "''"}


def _opens(mark: Token) -> bool:
    """Whether a quotation mark opens a quotation: a curly or doubled opening mark, or a
    straight one with a word (not a space or punctuation) right after it."""
    if mark.text in OPENING_MARKS or mark.text in CLOSING_MARKS:
        return mark.text in OPENING_MARKS
    doc = mark.doc
    if mark.whitespace_ or mark.i + 1 >= len(doc):
        return False
    after = doc[mark.i + 1]
    return not (after.is_punct or after.is_space)


def _quote_marks(doc: Doc) -> list[int]:
    """Positions of the quotation marks of ``doc`` (found once per document)."""
    marks = doc.user_data.get(_QUOTE_MARKS)
    if marks is None:
        marks = doc.user_data[_QUOTE_MARKS] = [t.i for t in doc if t.text in QUOTES]
    return marks


def _paragraph_breaks(doc: Doc) -> list[int]:
    """Positions of the line breaks of ``doc`` (found once per document)."""
    breaks = doc.user_data.get(_BREAKS)
    if breaks is None:
        breaks = doc.user_data[_BREAKS] = [t.i for t in doc if "\n" in t.text]
    return breaks


#: Where :func:`_quote_marks` and :func:`_paragraph_breaks` keep what they found.
_QUOTE_MARKS = "kgraph_quote_marks"
_BREAKS = "kgraph_paragraph_breaks"


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
