"""How a relation is stated: asserted, reported, future, hypothetical or denied; negated or not."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

#: Verbs of saying: a relation in their clausal complement is reported.
SPEECH_VERBS = {
    "say",
    "tell",
    "claim",
    "report",
    "declare",
    "announce",
    "state",
    "add",
    "insist",
    "argue",
    "allege",
    "warn",
    "promise",
    "suggest",
    "believe",
    "write",
    "explain",
    "note",
    "accuse",
    "confirm",
    "deny",
    "reveal",
    "indicate",
    "maintain",
    "predict",
    "hope",
    "expect",
    "fear",
}
#: Verbs of denial: what they govern is denied (and negated).
DENIAL_VERBS = {"deny", "refute", "reject", "dismiss", "rebut", "disavow"}
#: Adverbs and phrases that hedge a statement as second-hand.
HEDGES = {"allegedly", "reportedly", "purportedly", "apparently", "supposedly", "seemingly"}
#: Modal auxiliaries of possibility and condition.
MODALS = {"could", "might", "may", "would", "should", "can"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}


@dataclass(frozen=True)
class Modality:
    """The stance of a statement: its modality label and whether it is negated."""

    label: str = "asserted"
    negated: bool = False


def _clause_chain(anchor: Token) -> list[Token]:
    """The anchor and the verbs above it, up to the sentence root."""
    chain = [anchor]
    token = anchor
    while token.head != token and len(chain) < 12:
        token = token.head
        chain.append(token)
    return chain


def _conjunct_heads(verb: Token) -> list[Token]:
    """Verbs that ``verb`` is conjoined to: "own" for "run" in "will own and run"."""
    heads = []
    while verb.dep_ == "conj" and len(heads) < 4:
        verb = verb.head
        heads.append(verb)
    return heads


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in verb.children)


def classify(anchor: Token, chain: tuple[Token, ...] = ()) -> Modality:
    """Classify the statement whose main verb (or noun) is ``anchor``.

    ``chain`` holds further verbs of the same predicate ("wants to ban": ``wants``).
    """
    own = (anchor, *chain, *_conjunct_heads(anchor))
    negated = any(_negated(v) for v in own)
    sentence = anchor.sent
    above = [v for v in _clause_chain(anchor)[1:] if v not in own]
    if any(v.lemma_.lower() in DENIAL_VERBS for v in (*own, *above)):
        return Modality("denied", True)
    conditional = any(
        c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS
        for v in (*own, *above)
        for c in v.children
    ) or any(
        v.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in v.children)
        for v in sentence
        if v.head in own
    )
    if conditional:
        return Modality("hypothetical", negated)
    reported = (
        any(v.lemma_.lower() in SPEECH_VERBS for v in above)
        or any(t.lower_ in HEDGES for t in sentence)
        or "according to" in sentence.text.lower()
    )
    if reported:  # before modals: "said that Britain would leave" is reported speech
        return Modality("reported", negated)
    question = sentence.text.rstrip().endswith("?")
    if question or any(c.dep_ == "aux" and c.lower_ in MODALS for v in own for c in v.children):
        return Modality("hypothetical", negated)
    if any(
        c.lower_ in ("will", "shall", "'ll") for v in own for c in v.children if c.dep_ == "aux"
    ):
        return Modality("future", negated)
    return Modality("asserted", negated)
