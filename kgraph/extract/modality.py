"""How a relation is stated: asserted, reported, future, hypothetical or denied; negated or not."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kgraph.extract.predicates import INTENT_NOUNS

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
DENIAL_VERBS = {"deny", "refute", "rebut", "disavow"}
#: Verbs of refusal, which deny only a claim ("rejected claims that ..."): a rejected offer
#: was made, and "dismissed the Budget" is something done.
REFUSAL_VERBS = {"reject", "dismiss", "quash", "scotch"}
#: Nouns of a claim, which a verb of refusal denies.
CLAIM_NOUNS = {"claim", "report", "allegation", "suggestion", "speculation", "rumour", "rumor"}
CLAIM_NOUNS |= {"idea", "accusation", "charge", "story", "notion"}
#: Verbs that put what they govern in the future: "is set to unveil", "is due to open".
FUTURE_FRAMES = {"set", "schedule", "due", "poise", "plan", "intend", "aim", "prepare"}
#: Modals that stay hedged in reported speech ("said Ireland can win"); "would" is the
#: reported "will".
HEDGING_MODALS = {"could", "might", "may", "should", "can"}
#: Adverbs and phrases that hedge a statement as second-hand.
HEDGES = {"allegedly", "reportedly", "purportedly", "apparently", "supposedly", "seemingly"}
#: Modal auxiliaries of possibility and condition.
MODALS = {"could", "might", "may", "would", "should", "can"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
#: Words that weigh how likely a statement is: "it is highly unlikely he would give …",
#: "is likely to buy", "would probably have played".
LIKELIHOOD_WORDS = {"likely", "unlikely", "possible", "impossible", "probable", "improbable"}
LIKELIHOOD_WORDS |= {"doubtful", "conceivable", "uncertain", "unclear"}
#: Dependencies of a clause that the likelihood of the clause above does not reach.
CLAUSE_EDGES = {"advcl", "relcl", "acl", "appos", "parataxis", "conj"}
#: Verbs that keep what they govern from happening: "to stop Bangor playing Portadown".
PREVENTION_VERBS = {"stop", "prevent", "block", "bar", "ban", "forbid", "halt", "avoid"}
#: Prepositions whose gerund is a topic, not an event: "to talk about Turkey joining".
TOPIC_PREPOSITIONS = {"about", "over", "on", "of", "regarding"}
#: Adjectives that judge an infinitive rather than report it: "it will be important for
#: him to get a result against Hungary".
EVALUATION_WORDS = {"important", "vital", "essential", "necessary", "crucial", "hard"}
EVALUATION_WORDS |= {"difficult", "easy", "key", "right", "wrong", "time", "good", "better"}
DOUBT_ADVERBS = {"probably", "possibly", "perhaps", "maybe", "conceivably"}
#: Adverbs that deny a verb as "not" does: "hardly ever watched", "scarcely knew". Not
#: "barely", which in news mostly means "only just" ("barely beat Federer": he won).
NEGATING_ADVERBS = {"never", "hardly", "scarcely"}
#: Verbs whose "if" or "whether" clause is the question asked, not a condition on them:
#: "asked Mr Myers if he knew ..." (the asking happened; only the asked clause is open).
ASKING_VERBS = {"ask", "wonder", "inquire", "enquire", "question", "check", "query"}


#: Words of a date to come: "on Wednesday", "this weekend", "next week", "tomorrow".
COMING_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
COMING_WORDS = {"next", "tomorrow", "tonight", "weekend"}


def _scheduled(verb: Token) -> bool:
    """A present tense with a day to come states a fixture, not a fact: "when Chelsea take
    on Barcelona on Wednesday", "Celtic host Aberdeen this weekend" (a past "beat
    Barcelona on Wednesday" is past)."""
    if verb.tag_ not in ("VBP", "VBZ") or verb.lemma_ in ("be", "have"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False  # "has signed on Monday", "is playing on Monday": no fixture
    dates = [c for c in verb.children if c.ent_type_ == "DATE"]
    dates += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "on"
        for p in c.children
        if p.dep_ == "pobj" and p.ent_type_ == "DATE"
    ]
    return any(_coming(d) for d in dates)


#: Spans a "this" makes a time still running: "this week meet Barcelona".
RUNNING_SPANS = {"week", "month"}


def _coming(date: Token) -> bool:
    """A day or time to come: "on Wednesday", "next week", "this weekend", "this week"."""
    words = {w.lower_ for w in date.subtree if w.ent_type_}
    return bool(words & (COMING_DAYS | COMING_WORDS)) or (
        "this" in words and bool(words & RUNNING_SPANS)
    )


#: Conjunctions of a time clause whose present tense is a time to come: "before England
#: and France come to Lansdowne Road".
COMING_MARKS = {"before", "until", "till"}
#: Conjunctions of a time clause whose present tense is to come under a future clause:
#: "will set out her position when the Bill is debated in the Commons".
WHEN_MARKS = {"when", "once", "after", "as"}
FUTURE_AUXES = {"will", "shall", "'ll"}


def _present(verb: Token) -> bool:
    """A present tense, of the verb or of its auxiliary: "come", "is debated"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return auxes[0].tag_ in ("VBP", "VBZ")
    return verb.tag_ in ("VBP", "VBZ")


def _time_to_come(verb: Token) -> bool:
    """Whether ``verb`` heads a present-tense time clause of an event still to come:
    "before England and France come to Lansdowne Road", "will set out her position when
    the Bill is debated in the Commons" (a past "before they came" stays past)."""
    if verb.dep_ != "advcl" or not _present(verb):
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod")}
    if marks & COMING_MARKS:
        return True
    head_auxes = {c.lower_ for c in verb.head.children if c.dep_ == "aux"}
    return bool(marks & WHEN_MARKS and head_auxes & FUTURE_AUXES)


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


def denies(verb: Token) -> bool:
    """Whether a verb denies what it governs: "denied", "rejected claims that ..."."""
    lemma = verb.lemma_.lower()
    if lemma in DENIAL_VERBS:
        return True
    return lemma in REFUSAL_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS for c in verb.children
    )


def _denied_claim(clause_verbs: tuple[Token, ...]) -> bool:
    """Whether the clause is the content of a claim that a verb denies: "rejected
    allegations he pressured Sullivan", "denied suggestions he wanted to leave", "dismissed
    claims that it had bribed officials" (the parser hangs the content on the noun, as a
    clause of its own). A relative clause about the claim ("rejected the claims which Smith
    made") is not its content."""
    for verb in clause_verbs:
        noun = verb.head
        if verb.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in CLAIM_NOUNS:
            continue
        relative = any(c.lower_ in RELATIVE_WORDS and c.dep_ != "mark" for c in verb.children)
        if not relative and noun.dep_ == "dobj" and denies(noun.head):
            return True
    return False


def _hedges(hedge: Token, clause_verbs: tuple[Token, ...]) -> bool:
    """Whether a hedge ("reportedly") reaches the clause: not when it hangs on a verb
    outside it ("Magnier, who own a 29% stake, will reportedly reject any offer" hedges the
    rejection, not the stake)."""
    head = hedge.head
    return head.pos_ not in ("VERB", "AUX") or head in clause_verbs


def _claim_content(clause_verbs: tuple[Token, ...]) -> bool:
    """Whether the clause is what a claim says: "there are reports that Mr Brown - using
    the Budget as a springboard - is to revitalise Labour's campaign" (not a relative
    clause about the claim: "the report which Smith wrote")."""
    return any(
        verb.dep_ in ("acl", "ccomp")
        and verb.head.lemma_.lower() in CLAIM_NOUNS
        and verb.head.pos_ == "NOUN"
        and not any(c.lower_ in RELATIVE_WORDS and c.dep_ != "mark" for c in verb.children)
        for verb in clause_verbs
    )


#: Words that open a relative clause when they fill one of its slots.
RELATIVE_WORDS = {"which", "who", "whom", "that", "whose"}


def _governing(anchor: Token, own: tuple[Token, ...]) -> list[Token]:
    """The verbs above the anchor's clause that govern it, up to a relative clause or a
    noun's modifier ("Southcorp, whose brands include Penfolds, dismissed the offer": the
    dismissal does not govern "include")."""
    above = []
    intent = None  # the noun an intended verb hangs on: the predicate names it already
    for token in _clause_chain(anchor):
        if token not in own and token != intent:
            above.append(token)
        if token.dep_ in ("relcl", "acl", "appos"):
            if not _intent_content(token):
                break
            intent = token.head
    return above


def _intent_content(verb: Token) -> bool:
    """Whether ``verb`` is what an intent noun intends ("an attempt to sideline Mr Brown",
    "plans to buy Yahoo"): the noun's content, so the verbs above the noun govern it too
    ("denied there was an attempt to sideline Mr Brown" denies the attempt)."""
    return (
        verb.dep_ == "acl"
        and verb.head.lemma_.lower() in INTENT_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _future_frame(own: tuple[Token, ...], above: list[Token]) -> bool:
    """ "are set to unveil", "is scheduled to welcome", a headline's "Michael to perform"."""
    if any(
        (v.lemma_.lower() in FUTURE_FRAMES or v.lower_ == "due")
        and (v.dep_ != "ROOT" or any(c.dep_ == "xcomp" for c in v.children))
        for v in above
    ):
        return True  # "is set to unveil", not "the deal … set that year as a deadline"
    if any(
        v.lemma_.lower() in FUTURE_FRAMES and any(c.dep_ == "xcomp" for c in v.children)
        for v in own
    ):
        return True  # the frame is the predicate's own verb: "is set to join" → set
    return any(
        v.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        for v in own
    )


def _unrealised(anchor: Token, own: tuple[Token, ...], above: list[Token]) -> bool:
    """Whether the event is only talked about or kept from happening: "talk about Turkey
    joining the EU", "an injunction to stop Bangor playing Portadown"."""
    gerund = anchor.tag_ == "VBG" and anchor.dep_ in ("pcomp", "pobj")
    if gerund and anchor.head.lower_ in TOPIC_PREPOSITIONS:
        return True
    if any(v.lemma_.lower() in PREVENTION_VERBS for v in above[:2]):
        return True
    return any(
        _judged_infinitive(v) or _requested_infinitive(v)
        for v in own
        if v.dep_ in ("advcl", "xcomp", "ccomp")
    )


def _judged_infinitive(verb: Token) -> bool:
    """ "important for him to get …": an infinitive under an adjective that judges it."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    words = (head, *(c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")))
    return any(w.lemma_.lower() in EVALUATION_WORDS | LIKELIHOOD_WORDS for w in words)


#: Verbs that ask someone else to do what their infinitive says, which may not happen:
#: "urged Brown to challenge Blair", "called for him to go to Auschwitz".
REQUEST_VERBS = {"urge", "ask", "call", "demand", "want", "invite", "encourage", "beg"}
REQUEST_VERBS |= {"implore", "press", "pressure", "challenge"}


def _requested_infinitive(verb: Token) -> bool:
    """ "urged Gordon Brown to challenge Tony Blair": an infinitive whose doer is the object
    of a verb of asking (its own object, or "call for him"), not the asker ("wants to buy
    Yahoo" is the subject's own plan, which the predicate names)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.lemma_.lower() not in REQUEST_VERBS or head.pos_ != "VERB":
        return False
    if any(c.dep_ == "nsubj" for c in verb.children):
        return True  # "want Mourinho to stay": the parser gives the infinitive its subject
    return any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "for" and c.i < verb.i)
        for c in head.children
    )


def _weighed(anchor: Token, own: tuple[Token, ...], above: list[Token]) -> bool:
    """Whether the statement is weighed as likely or not rather than stated: "is likely to
    buy", "would probably sign", "it is highly unlikely he would give" (the parser often
    hangs that clause on the verb of saying, beside the adjective, not under it)."""
    token = anchor
    while token.dep_ not in CLAUSE_EDGES and token.head != token:
        token = token.head  # "is likely to make changes", not "… as he contemplates"
        if token.lemma_.lower() in LIKELIHOOD_WORDS:
            return True
    if any(c.dep_ == "advmod" and c.lower_ in DOUBT_ADVERBS for v in own for c in v.children):
        return True
    return any(
        t.lemma_.lower() in LIKELIHOOD_WORDS
        and t.dep_ == "acomp"
        and t.i < anchor.i
        and not any(c.dep_ in ("xcomp", "ccomp") for c in t.children)  # "unlikely to rain"
        and any(s.dep_ == "nsubj" and s.lower_ == "it" for s in t.head.children)
        and (t.head in above or t.head.head in above)
        for t in anchor.sent
    )


def _negated(verb: Token) -> bool:
    """ "not", "never", "no", or a negating adverb, also one with its own modifier
    ("hardly ever watched": "hardly" hangs on "ever")."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            return True
        if child.dep_ == "advmod" and (
            child.lower_ in NEGATING_ADVERBS
            or any(g.dep_ == "advmod" and g.lower_ in NEGATING_ADVERBS for g in child.children)
        ):
            return True
    return False


def _denied_object(verb: Token) -> bool:
    """An object with "no": "has had no contact with Chelsea" (the verb's own, not that of
    a verb it is conjoined to: "has no mandate and should resign")."""
    return any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in verb.children
    )


def _refused_intent(verb: Token) -> bool:
    """An action an intent with "no" keeps from happening: "has no plans to quit Real
    Madrid", "had no intention of selling Chelsea" (the verb hangs on the noun, or on its
    "of")."""
    noun = verb.head
    if verb.dep_ == "pcomp" and noun.dep_ == "prep" and noun.lower_ == "of":
        noun = noun.head
    elif verb.dep_ != "acl":
        return False
    return noun.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children)


def classify(anchor: Token, chain: tuple[Token, ...] = ()) -> Modality:
    """Classify the statement whose main verb (or noun) is ``anchor``.

    ``chain`` holds further verbs of the same predicate ("wants to ban": ``wants``).
    """
    own = (anchor, *chain, *_conjunct_heads(anchor))
    negated = (
        any(_negated(v) for v in own)
        or any(_denied_object(v) for v in (anchor, *chain))
        or any(_refused_intent(v) for v in (anchor, *chain))
    )
    sentence = anchor.sent
    above = _governing(anchor, own)
    if any(denies(v) for v in (*own, *above)) or _denied_claim((*own, *above)):
        return Modality("denied", True)
    conditional = any(
        c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS
        for v in (*own, *above)
        for c in v.children
    ) or any(
        v.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in v.children)
        for v in sentence
        if v.head in own and v.head.lemma_.lower() not in ASKING_VERBS
    )
    if conditional or _weighed(anchor, own, above) or _unrealised(anchor, own, above):
        return Modality("hypothetical", negated)
    reported = (
        any(v.lemma_.lower() in SPEECH_VERBS for v in above)
        or any(t.lower_ in HEDGES and _hedges(t, (*own, *above)) for t in sentence)
        or "according to" in sentence.text.lower()
        or _claim_content((*own, *above))
    )
    modals = {c.lower_ for v in own for c in v.children if c.dep_ == "aux"}
    if reported and modals & HEDGING_MODALS:
        return Modality("hypothetical", negated)  # "believes Ireland can win"
    if reported:  # before modals: "said that Britain would leave" is reported speech
        return Modality("reported", negated)
    question = sentence.text.rstrip().endswith("?")
    if question or any(c.dep_ == "aux" and c.lower_ in MODALS for v in own for c in v.children):
        return Modality("hypothetical", negated)
    if (
        modals & FUTURE_AUXES
        or _future_frame(own, above)
        or _scheduled(anchor)
        or any(_time_to_come(v) for v in own)
    ):
        return Modality("future", negated)
    return Modality("asserted", negated)
