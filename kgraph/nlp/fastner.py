"""A faster stand-in for spaCy's entity recognizer's greedy decoding, with identical output.

spaCy's ``ner`` decodes a document token by token: at each token it scores the 74 moves
(B, I, L, U of 18 labels, ``U-`` and O) and asks every move whether it is valid. In the
spaCy build here each of those questions takes and releases the interpreter lock several
times (Cython wraps the C++ state's accessors so), and the decoding loop cost 2.6 of the
3.4 s ``ner`` spent on 100 BBC articles, more than the tagger, parser and tok2vec together.

The model's state for a token is only (the token, the first token of the open entity, the
token before) and the validity of a move only depends on whether an entity is open, on
its label, on the token being a space and on the next token starting a sentence. So:
every token's scores with no entity open are computed at once (same precomputed features,
same sums, same BLIS matrix product, whose rows do not depend on how many there are), the
best valid move of each is taken, and only inside an entity does a token need its own
scores (I or L of the entity's label). :class:`FastEntityRecognizer` wraps the pipeline's
``ner`` and decodes so where that reasoning holds (greedy search, three features, every
class seen, no entity set before it); any other document goes through spaCy's own code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from blis.py import gemm
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch

__all__ = ["FastEntityRecognizer", "use_fast_ner"]

#: The state features the fast decoding reproduces: token, entity start, token before.
FEATURES = 3


class FastEntityRecognizer:
    """spaCy's :class:`EntityRecognizer` with its greedy decoding done per token in bulk."""

    def __init__(self, ner: EntityRecognizer) -> None:
        self.ner = ner
        moves = ner.moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        strings = ner.vocab.strings
        #: Each move's action letter ("B", "I", "L", "U", "O") and label id (0: none).
        self.actions = [name.split("-", 1)[0] for name in names]
        self.labels = [strings.add(name.split("-", 1)[1]) if "-" in name else 0 for name in names]
        by_name = {name: i for i, name in enumerate(names)}
        #: Per label id: the index of its I move and of its L move.
        self.inside = {
            self.labels[i]: (by_name.get(f"I-{name[2:]}"), by_name.get(f"L-{name[2:]}"))
            for i, name in enumerate(names)
            if self.actions[i] == "B"
        }
        #: Every label has its I and L moves (as spaCy's BILUO moves always do).
        self._complete = all(close is not None for _, close in self.inside.values())
        labelled = numpy.array(self.labels) != 0
        actions = numpy.array(self.actions)
        self._outside = actions == "O"
        self._unit = (actions == "U") & labelled
        self._begin = (actions == "B") & labelled

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """As spaCy's parser pipes: batches, each sorted by length into quarter batches."""
        error_handler = self.ner.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            try:
                by_length = sorted(in_order, key=len)
                for part in minibatch(by_length, size=max(batch_size // 4, 2)):
                    self._annotate(list(part))
                yield from in_order
            except Exception as exc:  # noqa: BLE001 - spaCy's own handler decides
                error_handler(self.ner.name, self.ner, in_order, exc)

    def _annotate(self, docs: list[Doc]) -> None:
        if not self._fast_for(docs):
            self.ner.set_annotations(docs, self.ner.predict(docs))
            return
        step = self.ner.model.predict(docs)
        try:
            self._decode(docs, step)
        finally:
            step.clear_memory()

    def _fast_for(self, docs: list[Doc]) -> bool:
        """Whether the fast decoding reproduces spaCy's for ``docs``."""
        ner = self.ner
        if not self._complete or ner.cfg.get("beam_width", 1) != 1:
            return False
        if not any(len(doc) for doc in docs):
            return False
        lower = ner.model.get_ref("lower")
        if lower.get_dim("nF") != FEATURES or ner.model.attrs.get("unseen_classes"):
            return False
        return not any(doc.to_array(ENT_IOB).any() for doc in docs if len(doc))

    def _decode(self, docs: list[Doc], step) -> None:
        """Decode ``docs`` (the batch ``step`` was predicted for) and set their entities."""
        weights = step.vec2scores.get_param("W")
        bias = step.vec2scores.get_param("b")
        lengths = [len(doc) for doc in docs]
        total = sum(lengths)
        ids = numpy.full((total, FEATURES), -1, dtype=numpy.int32)
        ids[:, 0] = numpy.arange(total, dtype=numpy.int32)
        closed = _scores(step, ids, weights, bias)
        offset = 0
        for doc, length in zip(docs, lengths):
            columns = doc.to_array([IS_SPACE, SENT_START]).reshape(length, 2)
            space = columns[:, 0].astype(bool)
            next_starts = numpy.zeros(length, dtype=bool)
            next_starts[:-1] = columns[1:, 1] == 1
            last = numpy.zeros(length, dtype=bool)
            last[-1:] = True
            guesses = self._closed_guesses(
                closed[offset : offset + length], space, next_starts, last
            )
            spans = self._walk(step, weights, bias, guesses, next_starts, offset, length)
            doc.set_ents([Span(doc, s, e, label=label) for s, e, label in spans], default="outside")
            offset += length

    def _closed_guesses(self, scores, space, next_starts, last) -> list[int]:
        """Each token's best valid move with no entity open (spaCy's first strict maximum)."""
        valid = numpy.broadcast_to(self._outside, scores.shape).copy()
        words = ~space
        valid[words] |= self._unit
        valid[words & ~last & ~next_starts] |= self._begin
        return numpy.where(valid, scores, -numpy.inf).argmax(axis=1).tolist()

    def _walk(self, step, weights, bias, guesses, next_starts, offset, length):
        """The entities of one document (start, end, label), from its tokens' moves."""
        actions, labels = self.actions, self.labels
        spans = []
        t = 0
        while t < length:
            move = guesses[t]
            if actions[move] == "U":
                spans.append((t, t + 1, labels[move]))
            elif actions[move] == "B":
                end = self._entity_end(step, weights, bias, t, labels[move], next_starts, offset)
                spans.append((t, end, labels[move]))
                t = end - 1
            t += 1
        return spans

    def _entity_end(self, step, weights, bias, start, label, next_starts, offset) -> int:
        """Where an entity begun at ``start`` ends: each next token goes on with I (not
        before a sentence's start or past the text) or closes it with L, by its own scores."""
        inside, close = self.inside[label]
        length = len(next_starts)
        t = start + 1
        while inside is not None and t + 1 < length and not next_starts[t]:
            row = numpy.array([[offset + t, offset + start, offset + t - 1]], numpy.int32)
            if _first_best(_scores(step, row, weights, bias)[0], inside, close) != inside:
                break
            t += 1
        return t + 1


def _first_best(scores: numpy.ndarray, *moves: int) -> int:
    """Of ``moves``, the one spaCy picks: the highest score, the lowest index on a tie."""
    best = min(moves)
    for move in sorted(moves):
        if scores[move] > scores[best]:
            best = move
    return best


def _scores(step, ids: numpy.ndarray, weights: numpy.ndarray, bias: numpy.ndarray):
    """The moves' scores of states given by their feature tokens, as spaCy's C loop sums
    them: precomputed features, bias, maxout, then BLIS's product and the output bias."""
    hidden = numpy.ascontiguousarray(step.state2vec.predict(ids), dtype=numpy.float32)
    scores = gemm(hidden, weights, trans2=True)
    scores += bias
    return scores


def use_fast_ner(nlp: Language) -> bool:
    """Put :class:`FastEntityRecognizer` in place of ``nlp``'s ``ner`` when it is spaCy's
    own greedy entity recognizer; True if it was replaced."""
    if "ner" not in nlp.pipe_names or type(nlp.get_pipe("ner")) is not EntityRecognizer:
        return False
    nlp.add_pipe("kgraph_ner", before="ner")
    nlp.disable_pipe("ner")
    return True


@Language.factory("kgraph_ner")
def make_entity_recognizer(nlp: Language, name: str) -> FastEntityRecognizer:
    return FastEntityRecognizer(nlp.get_pipe("ner"))
