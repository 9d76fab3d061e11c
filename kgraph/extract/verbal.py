"""Verbal relations: subject–verb–object, prepositional objects, passives, verb chains,
shared arguments of conjoined verbs, and nominalized intents ("negotiations to buy X")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kgraph.entities.lexicon import is_role_noun
from kgraph.extract.arguments import (
    RELATIVE_PRONOUNS,
    Argument,
    MentionIndex,
    names_a_noun_after,
    relative_antecedents,
)
from kgraph.extract.candidates import Candidate
from kgraph.extract.modality import SPEECH_VERBS, denies
from kgraph.extract.predicates import (
    INTENT_NOUNS,
    action_predicate,
    kebab,
    nominal_predicate,
    role_predicate,
    verb_lemma,
    verb_particles,
    verb_predicate,
)

SUBJECT_DEPS = {"nsubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass"}
OBJECT_DEPS = {"dobj", "dative", "oprd"}
#: Verbs that take another verb as their "object": "wants to ban", "agreed to buy".
CHAIN_DEPS = {"xcomp"}


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


#: Sentence ends that make a line prose rather than a headline.
SENTENCE_ENDS = (".", "!", "?", ":", '"', "'", "”", "’", ")")


def is_headline(sentence: Span) -> bool:
    """Whether ``sentence`` is a headline: a short line of its own with no final stop."""
    text = sentence.text.strip()
    if not text or len(sentence) > 15 or text.endswith(SENTENCE_ENDS):
        return False
    doc = sentence.doc
    after = sentence.text_with_ws[len(sentence.text.rstrip()) :]
    following = doc[sentence.end].text if sentence.end < len(doc) else "\n"
    return "\n" in after + following


def _participle_form(verb: Token) -> bool:
    """A form that is only ever a participle, whatever the tagger said: "beaten", "shown"."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    return word != lemma and word.endswith(("en", "wn")) and not lemma.endswith(("en", "wn"))


def bare_participle(verb: Token) -> bool:
    """A passive without its "was": a headline's "Labour attacked on Howard poster" (headlines
    put events in the present, so a past form there is a participle), or "Leeds, beaten by
    Wigan, …"."""
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "Sociedad set to rescue Mladenovic", "Owen determined to stay"
    participle = verb.tag_ == "VBN" or _participle_form(verb)
    if participle and any(c.dep_ == "prep" and c.lower_ == "by" for c in verb.children):
        return True
    return (
        verb.tag_ in ("VBD", "VBN")
        and bool(_children(verb, SUBJECT_DEPS))
        and is_headline(verb.sent)
    )


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return bare_participle(verb) or _reduced_relative(verb)


def _patients(verb: Token) -> list[Token]:
    """The subject slot of a passive verb: who or what the event happens to."""
    if bare_participle(verb):
        return _children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    return _children(verb, PASSIVE_SUBJECT_DEPS)


#: Participles that order a list rather than tell an event: "China and India, followed by
#: Indonesia".
ORDERING_PARTICIPLES = {"follow", "precede", "trail"}


def _reduced_relative(verb: Token) -> bool:
    """A passive participle after the noun it describes, with its agent: "giant AT&T being
    bought by SBC", "Seagram, bought by Diageo in 2000" (the noun is what was bought)."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.lemma_.lower() not in ORDERING_PARTICIPLES
        and verb.head.i < verb.i
        and verb.head.pos_ in ("NOUN", "PROPN")
        and bool(_agent_phrases(verb))
    )


def _agent_phrases(verb: Token) -> list[Token]:
    """The "by" phrases of a passive verb that name who did it."""
    agents = _children(verb, {"agent"})
    if bare_participle(verb):
        agents += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"]
    return agents


def _own_subjects(verb: Token, index: MentionIndex) -> list[Argument]:
    """Entities in the verb's own subject slot (the agent, for a passive verb)."""
    if _is_passive(verb):
        return [
            a
            for agent in _agent_phrases(verb)
            for pobj in _children(agent, {"pobj"})
            for a in index.arguments(pobj)
        ]
    own = _children(verb, SUBJECT_DEPS)
    subjects = [a for s in own for a in index.arguments(s)]
    if any(s.pos_ == "PRON" and s.lower_ not in RELATIVE_PRONOUNS for s in own):
        return subjects  # "Southampton, where he succeeded Jones": he, not Southampton
    if not subjects and verb.dep_ == "relcl":
        antecedents = relative_antecedents(verb)
        if len(antecedents) == 1 and antecedents[0] != verb.head:  # the list's last item
            subjects = index.argument(antecedents[0])
        else:
            subjects = index.arguments(verb.head)
    if not subjects and verb.dep_ == "ccomp":
        subjects = [a for s in _reported_subject(verb) for a in index.arguments(s)]
    if not subjects and _controlled(verb):
        subjects = [a for o in _children(verb.head, {"dobj"}) for a in index.arguments(o)]
    return subjects


def _reported_subject(clause: Token) -> list[Token]:
    """The subject of a clause that a verb of saying took for its object: in "Hodgson
    revealed Liverpool are in talks" Liverpool is who is in talks, not what was revealed."""
    verb = clause.head
    if verb.lemma_.lower() not in SPEECH_VERBS or _children(clause, SUBJECT_DEPS):
        return []
    if any(c.dep_ in ("mark", "csubj") for c in clause.children):
        return []  # "warned Mr Ebbers that falsifying the books …": Ebbers was warned
    return [o for o in _children(verb, {"dobj"}) if o.i < clause.i]


#: Verbs that take a clause as what they say or grant: "admitted their trip … was".
CLAUSE_TAKING_VERBS = SPEECH_VERBS | {"admit", "accept", "concede", "acknowledge", "think"}
CLAUSE_TAKING_VERBS |= {"feel", "know", "realise", "realize", "agree", "reckon", "believe"}


def _split_clause_subject(verb: Token) -> list[Token]:
    """The common noun a verb of saying took for its object when it opens the subject of
    the clause said, the parser having given the clause a later name for its subject:
    "Bruce admitted their trip to Stamford Bridge to face Chelsea was the toughest draw"
    (he admitted a clause, not a trip)."""
    if verb.lemma_.lower() not in CLAUSE_TAKING_VERBS:
        return []
    found = []
    for obj in _children(verb, {"dobj"}):
        if obj.pos_ != "NOUN":
            continue
        for clause in _children(verb, {"ccomp"}):
            if clause.i < obj.i or _children(clause, {"mark"}):
                continue
            if any(s.i > obj.i for s in _children(clause, SUBJECT_DEPS)):
                found.append(obj)
                break
    return found


def subject_of_reported_clause(obj: Token) -> bool:
    """Whether ``obj``, parsed as the object of a verb of saying, is the subject of the
    clause said: "revealed Liverpool are in talks"."""
    return obj.dep_ == "dobj" and any(
        obj in _reported_subject(c) for c in _children(obj.head, {"ccomp"})
    )


def _coordinated(conj: Token) -> bool:
    """Whether a conjunct verb is joined to its head by "and", "but", "or" or a comma, as
    conjuncts are; without one the parser has joined two clauses it could not tell apart."""
    head = conj.head
    return any(
        c.dep_ in ("cc", "punct") and min(head.i, conj.i) < c.i < max(head.i, conj.i)
        for c in (*head.children, *conj.children)
    )


def _inherited(verb: Token, head: Token, index: MentionIndex) -> list[Argument] | None:
    """What a conjoined verb takes from the verb it is conjoined to, or None to look
    further up: the passive's patient for an active verb ("The label was founded by Geffen
    and signed Nirvana": the label signed), nothing for a passive verb without an agent
    ("Asimo made its mark and was inducted into the Hall": Asimo did not induct)."""
    if verb.dep_ != "conj":
        return None
    if _is_passive(verb):
        return []
    if not _is_passive(head):
        return None
    if verb.tag_ == "VBN" and not _children(verb, {"aux"}):
        return []  # "was found guilty and sentenced at …": the "was" is shared
    if head.dep_ in ("ccomp", "advcl"):
        return []  # the parser often hangs the main clause's next verb on a clause it said
    return [a for p in _patients(head) for a in index.arguments(p)]


def subjects_of(verb: Token, index: MentionIndex) -> list[Argument]:
    """Subject entities of a verb, inherited through conjunctions and verb chains."""
    token, hops = verb, 0
    while hops < 4:
        found = _own_subjects(token, index)
        if found or any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in token.children):
            return found
        if _controlled(token):
            return []  # "backed the side to win": the side wins, not who backed it
        if token.dep_ not in ("conj", "xcomp") or token.head == token:
            return []
        if token.dep_ == "conj" and not _coordinated(token):
            return []  # "investigations into allegations Chelsea officials tapped up Cole"
        inherited = _inherited(token, token.head, index)
        if inherited is not None:
            return inherited
        token, hops = token.head, hops + 1
    return []


def _direct_objects(verb: Token) -> list[Token]:
    if _is_passive(verb):
        return _patients(verb)
    perfect = _misread_perfect(verb)
    if perfect is not None:
        return [perfect[1]]  # "have since supported bands": bands, however it was parsed
    reported = {o for c in _children(verb, {"ccomp"}) for o in _reported_subject(c)}
    reported |= set(_split_clause_subject(verb))
    objects = [o for o in _children(verb, OBJECT_DEPS) if o not in reported]
    direct = [o for o in objects if o.dep_ == "dobj"]
    objects = [o for o in objects if o not in direct[1:] or not _from_a_later_clause(direct[0], o)]
    if reported:
        return objects  # "revealed Liverpool are in talks": Liverpool is no object
    waiting = all(c.dep_ in ("cc", "conj", "punct") for c in verb.rights)
    if not objects and waiting:  # "own and run the network": shared with a conjoined verb
        for conj in _children(verb, {"conj"}):
            if conj.pos_ == "VERB" and not _children(conj, SUBJECT_DEPS):
                objects = _children(conj, OBJECT_DEPS)
                break
    return objects


#: The model's labels of a time: "fined CBS $550,000 last autumn" fines no autumn.
TIME_LABELS = {"DATE", "TIME"}


def _a_time(obj: Token) -> bool:
    """Whether an object the parser found is a time ("last autumn", "this week"), which
    says when, not what the verb acts on."""
    return obj.ent_type_ in TIME_LABELS and obj.pos_ in ("NOUN", "PROPN")


def _from_a_later_clause(first: Token, other: Token) -> bool:
    """Whether a second direct object of a verb is a word the parser hung on it from a
    clause further on: a clause's verb stands between them ("accused Letwin of plotting
    cuts that were the equivalent of sacking every teacher, GP and nurse": GP is no one
    accused). A title the parser split ("beat world number five Guillermo Coria") or a
    list it did not join ("visit Aceh, as well as Sri Lanka") stays."""
    between = first.doc[first.right_edge.i + 1 : other.left_edge.i]
    return any(  # a participle ("Gambon, nominated for Endgame, as well as Pryce") is none
        t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "ccomp", "pcomp") for t in between
    )


#: Objects that are a holding in what their "of" names: "owns 8% of Google".
HOLDING_WORDS = {"%", "percent", "stake", "share", "shares", "holding", "majority"}


def _part_suffix(obj: Token, prep: Token) -> str:
    """The predicate words of a light verb's object: "acquisition of", or "stake in" for a
    holding ("owns 8% of Google" → owns-stake-in)."""
    if _holding(obj) and prep.lower_ in ("in", "of"):
        return "stake in"  # not "bought the stake from Reline": Reline sold it
    return f"{obj.lemma_} {prep.lower_}"


#: Prepositions whose phrase says when something happened, never whom it concerns.
TIME_PREPOSITIONS = {"after", "before", "during", "since", "until", "till", "throughout"}
#: Prepositions whose phrase with a place says where something happened: "sued in
#: California", "earned a draw at the Riverside".
PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "around", "within"}
#: Types of entity that are places for :data:`PLACE_PREPOSITIONS`.
PLACE_TYPES = {"GPE", "LOC", "FAC", "EVENT"}
#: Verbs for which where is what they say: "lives in Windsor", "was born in Melbourne".
LOCATIVE_VERBS = {"live", "reside", "settle", "base", "locate", "headquarter", "bear", "grow"}
LOCATIVE_VERBS |= {"raise", "stay", "remain", "work", "study", "train", "stand", "operate"}
LOCATIVE_VERBS |= {"invest", "arrive", "land", "die", "bury", "register", "list", "open"}


#: Entity labels of the model's that say when: "on 12 October", "in the summer".
TIME_LABELS = {"DATE", "TIME"}


def _dated(prep: Token) -> bool:
    """Whether a prepositional phrase says when: its object is a date ("on 12 October"),
    and a name the parser joined to that date ("Cyprus on 8 October and Switzerland on 12
    October": Switzerland read as the second date) is no object of the verb."""
    return any(p.ent_type_ in TIME_LABELS for p in _children(prep, {"pobj"}))


#: Words that open a comparison: "just like against Arsenal, Portsmouth let in a goal",
#: "as with Chelsea", "unlike at Everton".
COMPARING_WORDS = {"like", "unlike", "as"}


def compared_adjunct(prep: Token) -> bool:
    """Whether a prepositional phrase is only the term of a comparison: "just like against
    Arsenal, Portsmouth let in a late goal" says nothing of Portsmouth and Arsenal; nor
    "won the race with Van Balkom second" of the winner and Van Balkom."""
    doc = prep.doc
    return (prep.i > 0 and doc[prep.i - 1].lower_ in COMPARING_WORDS) or _ranked_after(prep)


#: Places in a result: "won the race with Van Balkom second" ranks Van Balkom, no partner.
RANK_WORDS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
RANK_WORDS |= {"tenth", "runner-up", "runners-up"}


def _ranked_after(prep: Token) -> bool:
    """Whether a "with" phrase only says where another finished: "won the meeting with
    Britain second on 48", "with Gebrselassie third" (the rank word right after the name,
    and no noun of its own after it)."""
    if prep.lower_ != "with":
        return False
    doc = prep.doc
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if pobj.lower_ in RANK_WORDS:
            return True  # "with Haile Gebrselassie third", the rank read as the head
        after = pobj.i + 1
        if after < len(doc) and doc[after].lower_ in RANK_WORDS:
            following = doc[after + 1] if after + 1 < len(doc) else None
            return following is None or following.pos_ not in ("NOUN", "PROPN")
    return False


def place_or_time_adjunct(
    verb: Token, prep: Token, objects: list[Token], index: MentionIndex
) -> bool:
    """Whether a prepositional phrase on ``verb`` only says when or where its event was.

    With a direct object ("discovered rugby at Christ College", "wants to launch the PSP
    in Europe") a place or time phrase belongs to the whole event; without one, a place
    phrase is the verb's own only for verbs of where ("lives in Windsor").
    """
    word = prep.lower_
    if word in TIME_PREPOSITIONS or _dated(prep):
        return True
    if word not in PLACE_PREPOSITIONS or verb.lemma_.lower() in LOCATIVE_VERBS:
        return False
    if objects:
        return not any(_holding(o) for o in objects)  # "buys a stake in Sina"
    places = [
        a
        for p in _children(prep, {"pobj"})
        for a in index.arguments(p)
        if a.entity.type in PLACE_TYPES
    ]
    return bool(places)


#: Verbs that say little without what they give, take or make: "gave Athletico an ideal
#: start", "taking Britain forward", "sent the Commission a response".
LIGHT_VERBS = {"give", "send", "take", "put", "make", "get", "do", "bring", "keep", "set"}
LIGHT_VERBS |= {"let", "hand", "have"}


#: Verbs that say what their object is taken for or made into, which says nothing
#: without it: "saw the EU as an empire", "turned Santander into a giant", "called Labour
#: a machine".
COMPLEMENT_VERBS = {"see", "regard", "view", "describe", "consider", "brand", "label"}
COMPLEMENT_VERBS |= {"call", "dub", "treat", "turn", "transform", "convert", "portray"}


def complement_left_out(verb: Token) -> bool:
    """Whether ``verb`` is a verb of :data:`COMPLEMENT_VERBS` with the complement that says
    what its object is taken for or made into ("as an empire", "into a giant")."""
    if verb.lemma_.lower() not in COMPLEMENT_VERBS:
        return False
    return any(
        c.dep_ in ("oprd", "acomp") or (c.dep_ == "prep" and c.lower_ in ("as", "into"))
        for c in verb.children
    )


def _bare_light_verb(verb: Token, obj: Token, index: MentionIndex) -> bool:
    """Whether ``verb`` is a light verb whose named object leaves what it does unsaid
    ("takes Britain forward": no takes-Britain), with no particle to say it ("takes over")."""
    if verb.lemma_.lower() not in LIGHT_VERBS or _children(verb, {"prt"}):
        return False
    return bool(index.arguments(obj))


def _complement(verb: Token) -> Token | None:
    """The adjective that says what a light verb does to its object: "take Twitter private"."""
    for child in verb.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advmod") and child.pos_ == "ADJ":
            return child
    return None


def _dative_slot(
    verb: Token, dative: Token, objects: list[Token]
) -> Iterator[tuple[str, Token, float]]:
    """ "sent the Commission a response" → sends-response-to the Commission; a dative with
    no direct object beside it (a time is none: "fined CBS $550,000 last autumn") is the
    verb's own object ("told Reuters")."""
    things = [
        o for o in objects if o.dep_ != "dative" and o.pos_ in ("NOUN", "PROPN") and not _a_time(o)
    ]
    if not things:
        if verb.lemma_.lower() not in LIGHT_VERBS:
            yield "", dative, 0.9
        return
    if _money(things[0]):
        yield "to", dative, 0.75  # "lent Russia $6bn": lends-to Russia
        return
    yield f"{things[0].lemma_.lower()} to", dative, 0.75


#: Words of an amount, which as an object say nothing of what is had or done: "had too
#: much for Roddick", "did enough against Fulham".
QUANTIFIERS = {"much", "more", "less", "enough", "little", "lot", "plenty", "most", "all"}
QUANTIFIERS |= {"some", "any", "nothing", "something", "everything", "anything", "none"}


def _amount(obj: Token) -> bool:
    """Whether an unnamed object is only an amount ("too much", "enough", "all"), which
    carries no predicate of its own."""
    return obj.lemma_.lower() in QUANTIFIERS or obj.lower_ in QUANTIFIERS


#: Verbs of supplying, whose thing supplied may follow the one supplied in a "with"
#: phrase: "provided BBC Scotland with the figures" (what is provided is the figures).
SUPPLY_VERBS = {"provide", "supply", "furnish", "equip", "arm", "feed", "issue"}


def _thing_supplied(verb: Token, obj: Token, index: MentionIndex) -> Token | None:
    """The unnamed noun of a supplying verb's "with" phrase, when a name is its object."""
    if verb.lemma_.lower() not in SUPPLY_VERBS or not index.arguments(obj):
        return None
    for prep in _children(verb, {"prep"}):
        if prep.lower_ == "with" and prep.i > obj.i:
            for pobj in _children(prep, {"pobj"}):
                if pobj.pos_ == "NOUN" and not index.arguments(pobj):
                    return pobj
    return None


#: Signs of money before an amount: "$1bn", "£138m", "€5m".
CURRENCY_SIGNS = {"$", "£", "€", "¥", "us$"}
#: A sum's number or its word after the number: "6bn", "1.3bn", "m" of "£138m", "million".
SUM = re.compile(r"^(\d[\d.,]*)?(m|bn|k|mn|million|billion|trillion|thousand)?$")


def _money(obj: Token) -> bool:
    """Whether an unnamed object is a sum of money ("$6bn", "£138m"): the sum is no part of
    what is done ("lent Russia $6bn" lends to Russia), so it stays out of the predicate."""
    if obj.ent_type_ == "MONEY":
        return True  # not "its $69bn acquisition of Activision": the sum is the noun's
    return (obj.like_num or SUM.match(obj.lower_) is not None) and any(
        t.lower_ in CURRENCY_SIGNS for t in obj.subtree if t.i < obj.i
    )


def _spent_on_a_thing(verb: Token, prep: Token, obj: Token) -> bool:
    """Whether a phrase after the thing a sum is spent on is that thing's: "spend $1bn on
    technology from Lucent" (Lucent makes the technology; Sprint spends nothing from it)."""
    return _money(obj) and any(
        other.lower_ == "on"
        and other.i < prep.i
        and any(p.pos_ == "NOUN" for p in _children(other, {"pobj"}))
        for other in _children(verb, {"prep"})
    )


def modifies_a_noun_after(verb: Token, obj: Token) -> bool:
    """Whether a named object is only the modifier of a common noun right after it that
    the parser hung on the verb apart: the headline "Harinordoquy suffers France axe" (a
    France axe), "Lions suffer Wilkinson blow", "Honda wins China copyright ruling" (the
    noun after the name may be the first of a compound), "Croatia reach Davis Cup final",
    "Vera Drake leads UK Oscar hopes"."""
    doc = obj.doc
    after = obj.i + 1
    if obj.dep_ == "dobj" and names_a_noun_after(obj):
        return True  # "Slovakia reach Hopman Cup final", "final" hung on the name
    if obj.dep_ != "dobj" or after >= len(doc) or obj.right_edge.i != obj.i:
        return False
    noun = doc[after]
    if noun.dep_ == "compound" and noun.head.i > noun.i and noun.is_lower and noun.is_alpha:
        return True  # "Honda wins China copyright ruling": the ruling, however it hangs
    if noun.head != verb or not noun.is_lower or not noun.is_alpha:
        return False
    if noun.pos_ == "NOUN" or (noun.pos_ == "ADJ" and noun.dep_ == "dobj"):
        # "Croatia reach Davis Cup final": the tagger reads "final" as an adjective
        return noun.dep_ in ("dep", "dobj", "npadvmod", "compound", "punct")
    # a headline's noun the tagger read as a bare verb, left hanging: "France axe", "UK
    # Oscar hopes"
    if noun.tag_ == "VBZ" and noun.dep_ == "ccomp":
        return not list(noun.children)
    return noun.tag_ == "VB" and noun.dep_ == "dep" and not _children(noun, SUBJECT_DEPS)


def _holding(obj: Token) -> bool:
    return obj.lower_ in HOLDING_WORDS or obj.lemma_ in HOLDING_WORDS


def _object_slots(verb: Token, index: MentionIndex) -> Iterator[tuple[str, Token, float]]:
    """(predicate suffix, argument token, confidence) for each object slot of a verb.

    A prepositional object after an unnamed direct object keeps that object's noun in the
    predicate ("held talks with Blair" → holds-talks-with), since the verb alone does not
    say it ("holds-with").
    """
    if _a_header(verb):
        return  # "Drogba headed Chelsea in front": a header, no one he heads
    if _reduced_relative(verb) and not _children(verb, PASSIVE_SUBJECT_DEPS):
        if index.mention(verb.head) is not None:
            yield "", verb.head, 0.9  # "Jaguar, owned by Ford": Ford owns Jaguar, no more
        return  # "the damage wrought by tsunamis across Asia": the damage's, not Asia's
    objects = _direct_objects(verb)
    light = verb.lemma_.lower() in LIGHT_VERBS and misread_participle(verb) is None
    for obj in objects:
        if obj.dep_ == "dative":
            yield from _dative_slot(verb, obj, objects)
            continue
        if complement_left_out(verb) and index.arguments(obj):
            continue  # "saw the EU as an empire": "sees" the EU says nothing
        if _bare_light_verb(verb, obj, index):
            complement = _complement(verb)  # "take Twitter private" → takes-private
            if complement is not None:
                yield complement.lower_, obj, 0.8
            continue
        if modifies_a_noun_after(verb, obj):
            continue  # headline "Harinordoquy suffers France axe": the axe, not France
        supplied = _thing_supplied(verb, obj, index)
        if supplied is not None:
            yield f"{supplied.lemma_.lower()} to", obj, 0.8  # provides-figure-to BBC Scotland
            continue
        yield "", obj, 0.9
        if denies(verb) or index.arguments(obj):
            continue  # denials are denied_actions' case; a named object is the relation's
        if _describes(verb, obj):
            continue  # "called the rivalry between United and the Gunners bitter"
        for prep in _children(obj, {"prep"}):  # "completed its acquisition of Activision"
            if (
                place_or_time_adjunct(verb, prep, [obj], index)
                or _comparison_before(verb, prep)
                or compared_adjunct(prep)
            ):
                continue  # "earned a draw at the Riverside"; "Like Labour, he called himself"
            if _introduces_examples(obj, prep):  # "supported bands including The Libertines"
                suffix = obj.lemma_.lower() if light else ""
                yield from ((suffix, pobj, 0.7) for pobj in _examples(prep))
                continue
            if _amount(obj):  # "bought all of Hexal" buys it; "had too much for X": nothing
                if prep.lower_ == "of":
                    yield from (("", pobj, 0.7) for pobj in _children(prep, {"pobj"}))
                continue
            suffix = prep.lower_ if _money(obj) else _part_suffix(obj, prep)
            for pobj in _children(prep, {"pobj"}):
                yield suffix, pobj, 0.7
    unnamed = [o for o in objects if not index.arguments(o)]
    if not objects:  # "the threats he received about his film": the threats he received
        unnamed = [o for o in (_relative_object(verb), _misread_object(verb)) if o is not None]
    if unnamed and _amount(unnamed[0]):
        return  # "had too much for Roddick": an amount is no relation
    moved = any(_moved(o, index) for o in objects)
    for prep in _children(verb, {"prep"}):
        if place_or_time_adjunct(verb, prep, unnamed, index) or compared_adjunct(prep):
            continue
        if prep.lower_ == "by" and _is_passive(verb):
            continue  # the agent: the subject of the relation, not its object
        if _comparison_before(verb, prep):
            continue  # "Like New Labour, he believed …"
        if moved and _where_the_object_goes(verb, prep, index):
            continue  # "called the Liberal leader back to Downing Street"
        if _contest_phrase_before(verb, prep):
            continue  # "the injury he picked up in the win over Italy": the win's
        suffix = prep.lower_
        idiom = None if unnamed else _fixed_phrase_before(verb, prep)
        if idiom:
            suffix = f"{idiom} {prep.lower_}"  # "fallen out of favour with Robinson"
        if unnamed and _spent_on_a_thing(verb, prep, unnamed[0]):
            continue  # "spend $1bn on technology from Lucent": the technology's maker
        if unnamed and _holding(unnamed[0]) and prep.lower_ in ("in", "of"):
            suffix = _part_suffix(unnamed[0], prep)  # not "bought the stake from Reline"
        elif idiom:
            pass
        elif unnamed and _money(unnamed[0]):
            pass  # "lent Russia $6bn", "raised $900m from OPIC": lends-to, raises-from
        elif unnamed and unnamed[0].pos_ in ("NOUN", "PROPN"):
            suffix = f"{unnamed[0].lemma_.lower()} {prep.lower_}"
        elif unnamed and unnamed[0].pos_ == "PRON":
            continue  # "gave it to": what was given is not said here
        elif light and not objects and _where_a_bare_light_verb_acts(verb, prep):
            continue  # "will not do well at the Box Office": what is done is not said
        for pobj in _children(prep, {"pobj"}):
            if not subject_of_a_gerund(pobj):
                yield suffix, pobj, 0.75


#: Prepositions whose object may be the subject of an event: "argued against UKIP working
#: with such groups", "warned about Turkey joining the EU".
EVENT_PREPOSITIONS = {"against", "about", "over", "on", "of", "despite", "without", "for"}


def subject_of_a_gerund(pobj: Token) -> bool:
    """Whether a preposition's object is the subject of the gerund right after it, the
    gerund being what the preposition is about: "argued against UKIP working with such
    groups" (against what UKIP would do, not against UKIP)."""
    prep = pobj.head
    if pobj.dep_ != "pobj" or prep.lower_ not in EVENT_PREPOSITIONS:
        return False
    if pobj.right_edge.i + 1 >= len(pobj.doc):
        return False
    after = pobj.doc[pobj.right_edge.i + 1]
    return (
        after.tag_ == "VBG"
        and after.lemma_.lower() not in CLAUSE_TAKING_VERBS  # "heaped praise on Brown saying"
        and after.head in (pobj, prep.head)
        and after.dep_ in ("acl", "advcl", "xcomp")
        and not _children(after, SUBJECT_DEPS)
    )


#: Nouns of a contest, whose opponent the parser hangs on the verb before: "picked up in
#: the win over Italy", "scored in the defeat by Chelsea".
CONTEST_NOUNS = {"win", "victory", "defeat", "loss", "draw", "match", "game", "clash", "tie"}
CONTEST_NOUNS |= {"final", "semi-final", "quarter-final", "fixture", "encounter", "derby"}
#: Prepositions that name a contest's opponent.
OPPONENT_PREPOSITIONS = {"over", "against", "by", "to", "with", "versus", "v"}


def _contest_phrase_before(verb: Token, prep: Token) -> bool:
    """Whether a verb's preposition right after another of its phrases that names a
    contest ("in the win", "during the defeat") names that contest's opponent, not the
    verb's: "the injury he picked up in the win over Italy" is no injury over Italy."""
    if prep.lower_ not in OPPONENT_PREPOSITIONS:
        return False
    for other in _children(verb, {"prep"}):
        if other.i >= prep.i or other.right_edge.i + 1 != prep.i:
            continue
        if any(p.lemma_.lower() in CONTEST_NOUNS for p in _children(other, {"pobj"})):
            return True
    return False


#: Tags of the words that open a relative clause: "which", "who", "whose", "why", "where".
RELATIVE_TAGS = {"WDT", "WP", "WP$", "WRB"}


def _relative_object(verb: Token) -> Token | None:
    """The common noun a relative clause's verb takes as its object, left out of the clause
    ("the death threats he received about his film", "the changes he had made to the
    Bill", "the agreement that Lenovo signed with IBM"), or None: the clause has a subject
    of its own and no relative word but an object one ("the company, which is vying with",
    "the reasons why England lost", "whose businesses range from"), and follows the noun
    (a clause opened by a "that" of a statement, "suspicion that Brown was manoeuvring
    against him", is none the parser may hang on a noun before it)."""
    noun = verb.head
    if verb.dep_ != "relcl" or noun.pos_ != "NOUN" or _is_passive(verb):
        return None
    if verb.left_edge.i != noun.i + 1 or _children(verb, {"mark"}):
        return None  # "support from allies and suspicion that Brown was manoeuvring"
    if not any(c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS for c in verb.children):
        return None
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "the way for John Major to move into": no object left out
    objects = _children(verb, OBJECT_DEPS)
    if any(o.tag_ not in RELATIVE_TAGS for o in objects):
        return None
    before = [t for c in verb.lefts for t in c.subtree if c.dep_ not in OBJECT_DEPS]
    return None if any(t.tag_ in RELATIVE_TAGS for t in before) else noun


def _misread_object(verb: Token) -> Token | None:
    """A possessed common noun the parser hung on the verb as a clause, a name before it read
    as its subject: "made his Wales debut against New Zealand" (debut, not a clause)."""
    for child in _children(verb, {"ccomp"}):
        possessed = any(t.dep_ == "poss" for c in child.lefts for t in c.subtree)
        if child.pos_ == "NOUN" and possessed and child.i > verb.i:
            return child
    return None


def _where_a_bare_light_verb_acts(verb: Token, prep: Token) -> bool:
    """Whether a place phrase is all a light verb has, with no object or particle: "as he
    has now done at Wolves", "does not do well at the Box Office", "must get past Scotland
    at Murrayfield" (what is done, got or made is not said; "sent on Cohen" keeps its
    "on")."""
    return prep.lower_ in PLACE_PREPOSITIONS and not verb_particles(verb)


#: Verbs that say what their object is called or thought to be: the names inside that
#: object ("called the rivalry between United and the Gunners bitter", "branded the
#: existence of the Potato Council surprising") are not what the subject acts on.
DESCRIBING_VERBS = {"call", "describe", "brand", "label", "dub", "term", "hail", "view"}
DESCRIBING_VERBS |= {"regard", "portray"}


def _describes(verb: Token, obj: Token) -> bool:
    """Whether ``verb`` only describes its unnamed object, or says what it makes of it
    ("turn users of Windows into legitimate ones"), the object being no bare noun of a
    fixed phrase ("called time on England" keeps its "on")."""
    describing = verb.lemma_.lower() in DESCRIBING_VERBS or complement_left_out(verb)
    return describing and not _bare_noun(obj)


def _bare_noun(noun: Token) -> bool:
    """A common noun standing alone, with no determiner, possessive or modifier: "favour" in
    "out of favour", "talks" in "in talks", "loan" in "on loan"."""
    return noun.pos_ == "NOUN" and noun.is_lower and noun.n_lefts == 0 and noun.n_rights == 0


#: Prepositions that open examples of the noun before them: "bands including The
#: Libertines", "clubs such as Chelsea", "players like Henry".
EXAMPLE_PREPOSITIONS = {"including", "like", "as"}


def _introduces_examples(noun: Token, prep: Token) -> bool:
    """Whether ``prep`` after ``noun`` opens examples of it, whose names are then what the
    verb takes: "signed artists including Run-DMC" signs Run-DMC."""
    word = prep.lower_
    if word not in EXAMPLE_PREPOSITIONS or prep.i < noun.i:
        return False
    if word == "as":  # "such as"
        return prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
    return True


def _examples(prep: Token) -> list[Token]:
    return _children(prep, {"pobj"})


def _comparison_before(verb: Token, prep: Token) -> bool:
    """Whether ``prep`` is a "like" or "unlike" phrase before the verb, which compares the
    subject with someone: "Like New Labour, he called himself a libertarian"."""
    return prep.lower_ in ("like", "unlike") and prep.i < verb.i


#: Prepositions that say where a named object goes or comes from: "called the leader back
#: to Downing Street", "took him to Ibrox", "chose teacher Helen Carroll, from Portsmouth"
#: ("from" only with a place, or set off by commas: "signed Robben from PSV" stays).
MOTION_PREPOSITIONS = {"to", "into", "from", "towards", "toward", "onto", "back"}
#: Verbs whose "to" names who receives their object: "sold Smith to Portsmouth".
TRANSFER_VERBS = {"sell", "loan", "lend", "give", "hand", "offer", "transfer", "pass", "pay"}
TRANSFER_VERBS |= {"award", "grant", "supply", "deliver", "donate", "leak", "release", "present"}


def _moved(obj: Token, index: MentionIndex) -> bool:
    """Whether a direct object is one the article names (by name, or a pronoun or
    description resolved to one), whose goal a "to" phrase may then say. An unnamed one
    keeps its noun in the predicate instead: "return asylum seeker children to Albania"
    (returns-child-to)."""
    return obj.dep_ == "dobj" and bool(index.arguments(obj))


def _where_the_object_goes(verb: Token, prep: Token, index: MentionIndex) -> bool:
    """Whether a phrase on a verb with a named object says where that object goes or comes
    from ("called the Liberal leader back to Downing Street", "coached Ireland to the Triple
    Crown", "chose school teacher Helen Carroll, from Portsmouth"): no relation of the
    subject to the place. Verbs of giving keep theirs: "sold Vieira to Juventus"."""
    word = prep.lower_
    if word not in MOTION_PREPOSITIONS or verb.lemma_.lower() in TRANSFER_VERBS:
        return False
    if word != "from":
        return True  # "took him to Ibrox", "coached Ireland to the Triple Crown"
    if _set_off(prep):
        return True  # ", from Swindon," after the person: where the person is from
    return any(
        a.entity.type in PLACE_TYPES for p in _children(prep, {"pobj"}) for a in index.arguments(p)
    )


def _set_off(prep: Token) -> bool:
    """Whether a phrase stands between commas right after the object before it, as an
    aside about that object: "chose teacher Helen Smith, from Swindon, to open it"."""
    doc = prep.doc
    before = prep.i - 1
    after = prep.right_edge.i + 1
    return (
        before > 0
        and doc[before].text == ","
        and doc[before - 1].dep_ == "dobj"
        and (after >= len(doc) or doc[after].is_punct)
    )


def _fixed_phrase_before(verb: Token, prep: Token) -> str | None:
    """The words of a fixed phrase between ``verb`` and ``prep`` that the predicate needs
    whole: "fallen out of favour with" (falls-out-of-favour-with), "went on loan to", "is
    at odds with"; a phrase of a preposition and a bare noun."""
    for other in _children(verb, {"prep"}):
        if not verb.i < other.i < prep.i or other.lower_ in TIME_PREPOSITIONS:
            continue  # "return after injury on the wing": when, no phrase of the verb
        words, token = [other.lower_], other
        inner = _children(token, {"prep"})  # "out of favour"
        if not _children(token, {"pobj"}) and len(inner) == 1:
            token = inner[0]
            words.append(token.lower_)
        nouns = _children(token, {"pobj"})
        if len(nouns) == 1 and _bare_noun(nouns[0]) and nouns[0].right_edge.i < prep.i:
            return " ".join((*words, nouns[0].lower_))
    return None


#: Words after "head" that make it a header of the ball, not leading: "headed Celtic into
#: the lead", "headed Chelsea in front", "headed past the keeper", "headed wide".
HEADER_WORDS = {"into", "past", "wide", "over", "home", "level", "onto", "front"}


#: Verbs of striking a ball that, with a team for object and a goal phrase, send the team
#: somewhere: "fired Liverpool into the last 16", "shot Arsenal into the lead".
STRIKING_VERBS = {"fire", "shoot", "blast", "power", "volley", "hammer", "drill", "nod"}
STRIKING_VERBS |= {"curl", "rifle", "slot", "smash", "thump", "strike", "propel", "catapult"}
#: Prepositions of where the object is sent.
GOAL_PREPOSITIONS = {"into", "to"}


def _shot_somewhere(verb: Token) -> bool:
    """Whether a verb of striking a ball sends its named object into a state or a stage
    no name says ("fired Liverpool into the last 16", "shot Lyon to victory"): the goal is
    the verb's meaning, and "fires Liverpool" would read as a dismissal."""
    if verb.lemma_.lower() not in STRIKING_VERBS:
        return False
    if not any(o.pos_ == "PROPN" for o in _children(verb, {"dobj"})):
        return False
    return any(
        prep.lower_ in GOAL_PREPOSITIONS
        and not any(p.pos_ == "PROPN" for p in _children(prep, {"pobj"}))
        for prep in _children(verb, {"prep"})
    )


def not_an_event(verb: Token) -> bool:
    """Whether a token the tagger read as a verb names no event of its subject: a word of a
    title ("Strictly Come Dancing"), "head" for a header ("headed Chelsea in front"), a
    shot that sends a team somewhere ("fired Liverpool into the last 16"), or a
    plural noun before the real verb ("BBC hits Little Britain and Strictly Come Dancing
    are among the shows": the hits are, BBC hits nothing)."""
    if inside_a_name(verb) or _a_header(verb) or _shot_somewhere(verb):
        return True
    return _plural_noun_before_be(verb) or _noun_ending_an_aside(verb)


def _noun_ending_an_aside(verb: Token) -> bool:
    """Whether a third-person verb comes right after the noun of a relative clause that a
    comma opened after its subject and no comma closed: "Arnold, who presented children's
    television shows Number 73 and Motormouth, said": "shows" is a noun of the clause."""
    if verb.tag_ != "VBZ" or verb.i < 1 or verb.doc[verb.i - 1].pos_ != "NOUN":
        return False
    for subject in _children(verb, SUBJECT_DEPS):
        for clause in _children(subject, {"relcl"}):
            opened = subject.i + 1 < len(verb.doc) and verb.doc[subject.i + 1].text == ","
            if opened and clause.i < verb.i and clause.right_edge.i == verb.i - 1:
                return True
    return False


def _plural_noun_before_be(verb: Token) -> bool:
    """Whether a third-person verb has for its conjunct a plural "are" or "have" with no
    subject of its own: the parser read the subject noun phrase's head as a verb."""
    if verb.tag_ != "VBZ" or _children(verb, CHAIN_DEPS):
        return False  # "plans to spend £138m on Freeview … and are aware": a verb's chain
    return any(
        c.dep_ == "conj"
        and c.tag_ == "VBP"
        and c.lemma_ in ("be", "have")
        and not _children(c, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
        for c in verb.children
    )


def _a_header(verb: Token) -> bool:
    """Whether ``verb`` is "head" for a header: a phrase of where the ball went follows."""
    if verb.lemma_.lower() != "head":
        return False
    return any(
        t.lower_ in HEADER_WORDS and t.head.i >= verb.i
        for c in verb.children
        if c.i > verb.i and c.dep_ in ("prep", "advmod", "prt", "npadvmod")
        for t in (c, *c.children)
    )


#: Verbs whose object is the subject of their infinitive: "backed New Zealand to win",
#: "forced Kirchner to suspend", "asked Glazer to submit". Others keep their own subject
#: ("used the event to unveil", "left the school to go to Cambridge").
OBJECT_CONTROL_VERBS = {"ask", "urge", "tell", "force", "persuade", "advise", "allow"}
OBJECT_CONTROL_VERBS |= {"permit", "order", "instruct", "invite", "encourage", "require"}
OBJECT_CONTROL_VERBS |= {"back", "tip", "enable", "prompt", "convince", "press", "pressure"}
OBJECT_CONTROL_VERBS |= {"warn", "want", "expect", "need", "like", "love", "prefer", "select"}
OBJECT_CONTROL_VERBS |= {"pick", "choose", "appoint", "name", "elect", "challenge", "call"}
OBJECT_CONTROL_VERBS |= {"inspire", "help", "drive", "push", "lead", "cause", "get", "beg"}


def _controlled(verb: Token) -> bool:
    """Whether ``verb`` is an infinitive whose subject is the object of the verb above:
    "backed New Zealand to win the series" (New Zealand wins, Umaga backs)."""
    head = verb.head
    return (
        verb.dep_ in CHAIN_DEPS
        and head.lemma_.lower() in OBJECT_CONTROL_VERBS
        and bool(_children(head, {"dobj"}))
    )


def _chain(verb: Token) -> list[Token]:
    """The verb chain starting at ``verb``: wants → ban in "wants to ban"."""
    chain = [verb]
    while len(chain) < 4:
        nxt = [c for c in chain[-1].children if c.dep_ in CHAIN_DEPS and c.pos_ in ("VERB", "AUX")]
        if not nxt or _children(nxt[0], SUBJECT_DEPS) or _controlled(nxt[0]):
            break
        chain.append(nxt[0])
    return chain


#: Verbs whose infinitive says whether the act happens: "failed to win", "wants to buy".
INTENT_VERBS = {"fail", "want", "plan", "hope", "try", "agree", "refuse", "decline", "be"}
INTENT_VERBS |= {"expect", "intend", "aim", "seek", "threaten", "promise", "attempt", "need"}
INTENT_VERBS |= {"wish", "prepare", "vow", "pledge", "offer", "struggle", "look", "bid"}


def _shared_chain(verb: Token) -> list[Token]:
    """The verbs of intent a conjoined infinitive shares with the one before it: "have
    failed to beat England or win the Six Nations" (fails to win, not wins)."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VB" or _children(verb, SUBJECT_DEPS):
        return []
    if head.dep_ not in CHAIN_DEPS or not any(c.tag_ == "TO" for c in head.children):
        return []
    shared: list[Token] = []
    while head.dep_ in CHAIN_DEPS and head.head != head and not _controlled(head):
        head = head.head
        if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in INTENT_VERBS:
            return []
        shared.insert(0, head)
    return shared if len(shared) < 3 else []


def misread_participle(verb: Token) -> Token | None:
    """The participle of a perfect the parser read as an adjective of the object, with the
    auxiliary "have" as the verb: "have since supported bands" (supports, not has). An
    adverb between them says it is a perfect; "have injured players" is left alone."""
    found = _misread_perfect(verb)
    return found[0] if found else None


def _misread_perfect(verb: Token) -> tuple[Token, Token] | None:
    """The participle and its object of a perfect read as "have" and an adjective: "have
    since supported bands" (bands its object, or the object of a "since" the parser made a
    preposition)."""
    if verb.lemma_.lower() != "have":
        return None
    nouns = _children(verb, {"dobj"})
    nouns += [n for p in _children(verb, {"prep"}) if p.lower_ == "since" for n in p.children]
    for obj in nouns:
        if obj.dep_ not in ("dobj", "pobj"):
            continue
        for modifier in obj.lefts:
            if modifier.dep_ != "amod" or modifier.tag_ != "VBN" or modifier.i < verb.i:
                continue
            between = verb.doc[verb.i + 1 : modifier.i]
            if len(between) and all(t.pos_ in ("ADV", "SCONJ") for t in between):
                return modifier, obj
    return None


#: Verbs that lend a chain their means, not their act: "used the debate to launch the
#: White Paper" launches it; "used to compete for Australia" is a past habit of competing.
MEANS_VERBS = {"use"}


def _chain_predicate(chain: list[Token]) -> str:
    chain = [*(v for v in chain[:-1] if v.lemma_.lower() not in MEANS_VERBS), chain[-1]]
    if len(chain) == 1:
        participle = misread_participle(chain[0])
        return verb_predicate(participle if participle is not None else chain[0])
    last = chain[-1]
    return kebab(
        verb_predicate(chain[0]),
        *("to " + verb_lemma(v) for v in chain[1:-1]),
        "to",
        verb_lemma(last),
        *verb_particles(last),
    )


def verb_relations(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """Relations anchored on the verbs of ``sentence``."""
    for verb in sentence:
        if verb.pos_ != "VERB" or (verb.dep_ in CHAIN_DEPS and not _controlled(verb)):
            continue
        if title_read_as_verb(verb, index):
            yield _title_candidate(verb, index)
            continue
        if not_an_event(verb):
            continue  # "Strictly Come Dancing": a word of a title, no event
        subjects = subjects_of(verb, index)
        if not subjects:
            continue
        chain = [*_shared_chain(verb), *_chain(verb)]
        predicate = _chain_predicate(chain)
        confidence = 1.0 if len(chain) == 1 else 0.85
        for suffix, slot, weight in _object_slots(chain[-1], index):
            objects = index.arguments(slot)
            if objects:
                yield Candidate(
                    tuple(subjects),
                    kebab(predicate, suffix),
                    tuple(objects),
                    chain[-1],
                    "svo" if not suffix else "prepositional",
                    weight * confidence,
                    tuple(chain[:-1]),
                )


#: Entity labels of the model's that name something; a verb inside one is a word of a name.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}


def inside_a_name(verb: Token) -> bool:
    """Whether ``verb`` is a word of a multi-word name rather than a verb: "BBC hits Little
    Britain and Strictly Come Dancing" (inside the model's name of the show, or in a run of
    capitalised words: "Come" between "Strictly" and "Dancing")."""
    if not verb.is_title:
        return False  # cheap first: a verb of prose is lower-case
    doc, sentence = verb.doc, verb.sent
    if verb.ent_type_ in NAME_LABELS and not _one_word_entity(verb):
        return True
    if verb.i <= sentence.start or verb.i + 1 >= sentence.end:
        return False
    before, after = doc[verb.i - 1], doc[verb.i + 1]
    return before.is_title and before.is_alpha and after.is_title and after.is_alpha


def _one_word_entity(token: Token) -> bool:
    doc = token.doc
    inside = token.ent_iob_ == "I"
    continued = token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"
    return not inside and not continued


def title_read_as_verb(verb: Token, index: MentionIndex) -> bool:
    """ "Airbus head Noel Forgeard", "France defenders William Gallas": a role noun between
    two names that the parser took for a verb; a title, not an event."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or not is_role_noun(verb.lemma_):
        return False
    before, after = index.mention(doc[verb.i - 1]), index.mention(doc[verb.i + 1])
    return before is not None and after is not None and after.entity.type == "PERSON"


def _title_candidate(role: Token, index: MentionIndex) -> Candidate:
    """ "Airbus head Noel Forgeard" → Noel Forgeard head-of Airbus."""
    doc = role.doc
    owner, person = doc[role.i - 1], doc[role.i + 1]
    return Candidate(
        tuple(index.arguments(person)),
        role_predicate([role.lemma_.lower()]),
        tuple(index.arguments(owner)),
        role,
        "title",
        0.75,
    )


def _intent_noun(verb: Token) -> Token | None:
    """The intent noun governing a subjectless verb: "negotiations … to buy", "talks to buy"."""
    head = verb.head
    if verb.dep_ == "acl" and head.lemma_.lower() in INTENT_NOUNS:
        return head
    if verb.dep_ in ("advcl", "xcomp"):
        for subject in _children(head, SUBJECT_DEPS):
            if subject.lemma_.lower() in INTENT_NOUNS:
                return subject
    return None


def _intent_holder(noun: Token, index: MentionIndex) -> list[Argument]:
    """Who holds an intent: its possessor, or the subject of a clause above it, short of
    an existential "there was": the subject above that one does not hold it."""
    for child in noun.children:
        if child.dep_ == "poss" and (found := index.arguments(child)):
            return found
    if _of_another_noun(noun):
        return []  # "a proponent of talks to bring Turkey in": the proponent is no party
    token = noun.head
    for _ in range(5):
        if _children(token, {"expl"}):
            return []  # "denied there was an attempt to sideline Mr Brown": nobody's named
        subjects = [
            a for s in _children(token, SUBJECT_DEPS) if s != noun for a in index.arguments(s)
        ]
        if subjects:
            return subjects
        if token.head == token:
            break
        token = token.head
    return []


def _of_another_noun(noun: Token) -> bool:
    """Whether an intent noun is the object of a preposition hung on another noun: "Mr
    Blair is a supporter of talks to bring Turkey into the EU" (he supports the talks;
    whoever holds them is not the clause's subject)."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in ("NOUN", "PROPN")


def nominalized_relations(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """Intent nouns: "[Microsoft confirmed] negotiations were underway to buy X".

    The holder of the intent is the subject of the clause above; the predicate joins the
    intent and the action: ``negotiates-acquisition-of``.
    """
    for verb in sentence:
        if verb.pos_ != "VERB" or _children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
            continue
        noun = _intent_noun(verb)
        if noun is None:
            continue
        holders = _intent_holder(noun, index)
        objects = [a for obj in _children(verb, {"dobj"}) for a in index.arguments(obj)]
        if holders and objects:
            yield Candidate(
                tuple(holders),
                nominal_predicate(noun, verb),
                tuple(objects),
                verb,
                "nominalization",
                0.75,
            )


def denied_actions(sentence: Span, index: MentionIndex) -> Iterator[Candidate]:
    """ "TikTok denied any data sharing with Beijing" → TikTok shares-data-with Beijing (denied)."""
    for verb in sentence:
        if not denies(verb):
            continue
        subjects = subjects_of(verb, index)
        for action in _children(verb, {"dobj"}):
            if index.mention(action) or not subjects:
                continue
            for prep in _children(action, {"prep"}):
                objects = [a for p in _children(prep, {"pobj"}) for a in index.arguments(p)]
                if objects:
                    yield Candidate(
                        tuple(subjects),
                        action_predicate(action, prep.lower_),
                        tuple(objects),
                        verb,
                        "denied-action",
                        0.8,
                    )
