"""Entity-pair scoring on DWIE news articles (Zaporojets et al., 2021), as ``score_pairs.py``.

DWIE file: the MILR copy with text (a JSON list of articles, each with ``title``, ``sents``:
tokens per sentence, ``vertexSet``: entities as lists of mentions ``{name, ...}``, and
``labels``: relations ``{h, t, r}``). Predictions: triple records (``kgraph extract``
output), each found its article by the ``id``/``title``/``source`` stem of its ``article``,
else by its evidence sentence.

The pair score is label- and direction-agnostic and equals ``score_pairs.py`` (shipped
with the DWIE dev split): gold pairs are the DWIE relations except adjective links (labels
ending in ``-x``, and ``gpe*``); a predicted triple connects the DWIE entities whose mention
names match its subject and object names (equal, or one contains the other as whole words;
"US", "U.S." and "United States" are one name); recall is the share of gold pairs
connected, precision the share of connected pairs that are gold.

Per relation, each triple's ``relation`` is read through :data:`DWIE_LABELS`, the DWIE
labels that state it: a gold pair is found *with its label* when a triple connecting it has
a relation mapped to one of the pair's labels.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.errors import KgraphError

__all__ = [
    "ALIGNED",
    "DWIE_LABELS",
    "OFFICIAL",
    "Alignment",
    "DwieScore",
    "MissedPair",
    "article_text",
    "missed_pairs",
    "read_dwie",
    "read_predictions",
    "score_dwie",
    "unannotated_pairs",
    "unannotated_triples",
    "write_texts",
]

#: DWIE labels that state each relation of kgraph's vocabulary (direction-agnostic).
DWIE_LABELS: dict[str, frozenset[str]] = {
    "located-in": frozenset({"in0", "in1", "in2"}),
    "based-in": frozenset({"based_in0", "based_in1", "based_in2"}),
    "citizen-of": frozenset({"citizen_of"}),
    "member-of": frozenset({"member_of"}),
    "employee-of": frozenset({"member_of"}),
    "affiliated-with": frozenset({"member_of"}),
    "head-of": frozenset({"head_of", "member_of"}),
    "head-of-government": frozenset({"head_of_gov", "agent_of"}),
    "head-of-state": frozenset({"head_of_state", "agent_of"}),
    "minister-of": frozenset({"minister_of", "agent_of"}),
    "spokesperson-of": frozenset({"spokesperson_of"}),
    "player-of": frozenset({"player_of", "member_of"}),
    "coach-of": frozenset({"coach_of", "member_of"}),
    "part-of": frozenset({"part_of"}),
    "subsidiary-of": frozenset({"part_of"}),
    "product-of": frozenset({"product_of"}),
    "founder-of": frozenset({"founder_of"}),
    "spouse-of": frozenset({"spouse_of"}),
    "child-of": frozenset({"child_of", "parent_of"}),
    "parent-of": frozenset({"parent_of", "child_of"}),
    "meets": frozenset({"is_meeting"}),
}

#: Names that stand for one entity whichever a system prints (as ``score_pairs.py``).
ALIASES = (
    frozenset({"united states", "us", "u s", "usa", "u s a", "america"}),
    frozenset({"united kingdom", "uk", "u k", "britain", "great britain"}),
    frozenset({"european union", "eu"}),
    frozenset({"united nations", "un", "u n"}),
    frozenset({"north atlantic treaty organization", "nato"}),
)

Pair = frozenset[int]


@dataclass
class DwieScore:
    """Pair precision, recall and F1, and the per-label and per-relation breakdown."""

    precision: float
    recall: float
    f1: float
    gold_pairs: int
    found: int
    predicted_pairs: int
    correct: int
    articles_matched: int
    articles: int
    #: DWIE label → (gold pairs, found by any triple, found by a triple of a mapped relation)
    by_label: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: kgraph relation → (pairs it connects, gold pairs among them, gold with a mapped label)
    by_relation: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def summary(self) -> str:
        """One line, as ``score_pairs.py`` prints it."""
        return (
            f"DWIE pairs: recall {self.recall:.3f} ({self.found}/{self.gold_pairs}), "
            f"precision {self.precision:.3f} ({self.correct}/{self.predicted_pairs}), "
            f"F1 {self.f1:.3f}; {self.articles_matched}/{self.articles} docs had triples"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold_pairs": self.gold_pairs,
            "found": self.found,
            "predicted_pairs": self.predicted_pairs,
            "correct": self.correct,
            "by_label": {
                k: dict(zip(("gold", "found", "labelled"), v)) for k, v in self.by_label.items()
            },
            "by_relation": {
                k: dict(zip(("pairs", "gold", "labelled"), v)) for k, v in self.by_relation.items()
            },
        }


def read_dwie(path: str | Path) -> list[dict[str, Any]]:
    """The articles of a DWIE file (the MILR copy with ``sents``).

    Raises:
        KgraphError: not readable, or not a list of DWIE articles.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KgraphError(f"cannot read DWIE file {path}: {exc}") from exc
    if not isinstance(data, list) or not all(
        isinstance(d, dict) and {"title", "sents", "vertexSet", "labels"} <= d.keys() for d in data
    ):
        raise KgraphError(
            f"{path} is not a DWIE file (a JSON list of articles with title, sents, "
            "vertexSet, labels)"
        )
    return data


def read_predictions(lines: Iterable[str], source: str = "predictions") -> list[dict[str, Any]]:
    """Triple records from JSON Lines.

    Raises:
        KgraphError: a line that is not a triple record (file and line named).
    """
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            record["subject"]["name"], record["object"]["name"]  # noqa: B018 - shape check
        except (ValueError, KeyError, TypeError) as exc:
            raise KgraphError(f"{source}:{number}: not a triple record ({exc})") from exc
        records.append(record)
    return records


def article_text(article: dict[str, Any]) -> str:
    """An article's text: its tokens joined with spaces, sentences with a space."""
    return " ".join(" ".join(sentence) for sentence in article["sents"])


def write_texts(articles: Iterable[dict[str, Any]], folder: str | Path) -> int:
    """Write each article to ``folder/<title>.txt`` (as ``score_pairs.py texts``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        (folder / f"{article['title']}.txt").write_text(article_text(article), encoding="utf-8")
        count += 1
    return count


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _expand(name: str) -> frozenset[str]:
    normal = _norm(name)
    for group in ALIASES:
        if normal in group:
            return group
    return frozenset({normal})


def _name_matches(name: str, mention_names: Iterable[str]) -> bool:
    for a in _expand(name):
        if not a:
            continue
        for n in mention_names:
            n = _norm(n)
            if len(n) < 2:
                continue
            if a == n or f" {n} " in f" {a} " or (len(a) >= 3 and f" {a} " in f" {n} "):
                return True
    return False


def _gold(article: dict[str, Any]) -> dict[Pair, set[str]]:
    """Gold pairs of an article and their labels (adjective links left out)."""
    pairs: dict[Pair, set[str]] = {}
    for label in article["labels"]:
        r = label["r"]
        if r.endswith("-x") or r.startswith("gpe") or label["h"] == label["t"]:
            continue
        pairs.setdefault(frozenset((label["h"], label["t"])), set()).add(r)
    return pairs


def _exact_ends(article: dict[str, Any], name: str) -> set[int]:
    """The entities one of whose mentions is the name itself (or one of its aliases)."""
    names = _expand(name) - {""}
    return {
        i
        for i, entity in enumerate(article["vertexSet"])
        if names & {_norm(m["name"]) for m in entity}
    }


@dataclass(frozen=True)
class Alignment:
    """How a triple's names are mapped onto DWIE's entities.

    The default is ``score_pairs.py``'s: every entity with a mention matching the name
    (equal, or one containing the other as whole words). ``adjectives_as_places``: an
    adjective entity ("Palestinian", "Czech") that DWIE links to its place by a ``gpe*``
    label stands for that place, as kgraph names a demonym by its country (DWIE annotates
    the relation with the place; the adjective's own links end in ``-x`` and are not
    scored). ``exact_first``: a name connects only the entities with a mention equal to it
    when there are any ("Berlin" is not also "Berlin Senate"; "American Institute for
    Contemporary German Studies" is not also "American" and "German").
    """

    exact_first: bool = False
    adjectives_as_places: bool = False


#: ``score_pairs.py``'s alignment.
OFFICIAL = Alignment()
#: Both corrections of :class:`Alignment`.
ALIGNED = Alignment(exact_first=True, adjectives_as_places=True)


def _adjective_places(article: dict[str, Any]) -> dict[int, int]:
    """Adjective entity → the place DWIE's ``gpe*`` label says it is the adjective of."""
    return {label["h"]: label["t"] for label in article["labels"] if label["r"].startswith("gpe")}


def _ends(article: dict[str, Any], name: str, alignment: Alignment = OFFICIAL) -> set[int]:
    """The DWIE entities a name connects (see :class:`Alignment`)."""
    found = _exact_ends(article, name) if alignment.exact_first else set()
    if not found:
        found = {
            i
            for i, entity in enumerate(article["vertexSet"])
            if _name_matches(name, {m["name"] for m in entity})
        }
    if alignment.adjectives_as_places:
        places = _adjective_places(article)
        found = {places.get(i, i) for i in found}
    return found


def _by_article(
    articles: list[dict[str, Any]], predictions: Iterable[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    titles = {a["title"] for a in articles}
    texts = {a["title"]: _norm(article_text(a)) for a in articles}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for prediction in predictions:
        ref = prediction.get("article") or {}
        key = ""
        for name in ("id", "title", "source", "path"):
            stem = os.path.splitext(os.path.basename(str(ref.get(name) or "")))[0]
            if stem in titles:
                key = stem
                break
        if not key and prediction.get("sentence"):
            sentence = _norm(prediction["sentence"])
            key = next((t for t, text in texts.items() if sentence and sentence in text), "")
        grouped.setdefault(key, []).append(prediction)
    return grouped


def _predicted_pairs(
    article: dict[str, Any],
    predictions: Iterable[dict[str, Any]],
    alignment: Alignment = OFFICIAL,
) -> Iterator[tuple[Pair, str]]:
    for prediction in predictions:
        subjects = _ends(article, prediction["subject"]["name"], alignment)
        objects = _ends(article, prediction["object"]["name"], alignment)
        relation = str(prediction.get("relation") or "other")
        for a in subjects:
            for b in objects:
                if a != b:
                    yield frozenset((a, b)), relation


def score_dwie(
    articles: list[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    labels: dict[str, frozenset[str]] | None = None,
    alignment: Alignment = OFFICIAL,
) -> DwieScore:
    """Score triple records against DWIE articles (see module docstring); names are mapped
    onto DWIE's entities by ``alignment`` (``score_pairs.py``'s unless told)."""
    labels = DWIE_LABELS if labels is None else labels
    grouped = _by_article(articles, predictions)
    gold_all = hit = pred_all = pred_good = 0
    by_label: dict[str, list[int]] = {}
    by_relation: dict[str, list[int]] = {}
    for article in articles:
        gold = _gold(article)
        predicted: dict[Pair, set[str]] = {}
        for pair, relation in _predicted_pairs(
            article, grouped.get(article["title"], []), alignment
        ):
            predicted.setdefault(pair, set()).add(relation)
        gold_all += len(gold)
        hit += len(gold.keys() & predicted.keys())
        pred_all += len(predicted)
        pred_good += len(gold.keys() & predicted.keys())
        for pair, names in gold.items():
            mapped = {lab for rel in predicted.get(pair, ()) for lab in labels.get(rel, ())}
            for name in names:
                row = by_label.setdefault(name, [0, 0, 0])
                row[0] += 1
                row[1] += pair in predicted
                row[2] += name in mapped
        for pair, relations in predicted.items():
            for relation in relations:
                row = by_relation.setdefault(relation, [0, 0, 0])
                row[0] += 1
                row[1] += pair in gold
                row[2] += bool(gold.get(pair, set()) & labels.get(relation, frozenset()))
    recall = hit / gold_all if gold_all else 0.0
    precision = pred_good / pred_all if pred_all else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    order = Counter({k: v[0] for k, v in by_label.items()})
    return DwieScore(
        precision=precision,
        recall=recall,
        f1=f1,
        gold_pairs=gold_all,
        found=hit,
        predicted_pairs=pred_all,
        correct=pred_good,
        articles_matched=sum(1 for a in articles if grouped.get(a["title"])),
        articles=len(articles),
        by_label={k: tuple(by_label[k]) for k, _ in order.most_common()},
        by_relation={
            k: tuple(v) for k, v in sorted(by_relation.items(), key=lambda kv: (-kv[1][0], kv[0]))
        },
    )


def unannotated_pairs(
    articles: list[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    alignment: Alignment = OFFICIAL,
) -> Counter[str]:
    """The connected pairs DWIE does not annotate, by what connects them.

    - ``"several entities"``: every triple connecting the pair also connects an annotated
      pair. Its name matches more than one DWIE entity ("American Institute for
      Contemporary German Studies" is also the adjective entity "American"), and the
      scorer counts each; the triple itself may be right.
    - ``"other"``: only triples of open relations connect it.
    - ``"vocabulary"``: a triple of a relation of the vocabulary connects it.
    """
    grouped = _by_article(articles, predictions)
    found: Counter[str] = Counter()
    for article in articles:
        gold = _gold(article)
        sources: dict[Pair, list[tuple[str, bool]]] = {}
        for prediction in grouped.get(article["title"], []):
            pairs = list(_predicted_pairs(article, [prediction], alignment))
            also_gold = any(pair in gold for pair, _ in pairs)
            for pair, relation in pairs:
                sources.setdefault(pair, []).append((relation, also_gold))
        for pair, connected_by in sources.items():
            if pair in gold:
                continue
            if all(also_gold for _, also_gold in connected_by):
                found["several entities"] += 1
            elif all(relation == "other" for relation, _ in connected_by):
                found["other"] += 1
            else:
                found["vocabulary"] += 1
    return found


def unannotated_triples(
    articles: list[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    alignment: Alignment = OFFICIAL,
) -> dict[tuple[str, str, str, str], list[dict[str, Any]]]:
    """The predictions that connect DWIE entities but no annotated pair, grouped by
    relation, construction (``pattern``) and subject and object types, largest group
    first: the list to read when asking which constructions make DWIE's false pairs."""
    grouped = _by_article(articles, predictions)
    found: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for article in articles:
        gold = _gold(article)
        for prediction in grouped.get(article["title"], []):
            pairs = [pair for pair, _ in _predicted_pairs(article, [prediction], alignment)]
            if not pairs or any(pair in gold for pair in pairs):
                continue
            key = (
                str(prediction.get("relation") or "other"),
                str(prediction.get("pattern") or "?"),
                str(prediction["subject"].get("type") or "?"),
                str(prediction["object"].get("type") or "?"),
            )
            found.setdefault(key, []).append(prediction)
    return dict(sorted(found.items(), key=lambda item: -len(item[1])))


#: Tokens that end a sentence in DWIE's token lists (an article is one list of tokens).
_SENTENCE_ENDS = frozenset({".", "!", "?", "\n"})
#: Words between two mentions past which :func:`missed_pairs` names no construction.
_SHAPE_WORDS = 5


@dataclass(frozen=True)
class MissedPair:
    """An annotated pair no prediction connects, with the sentence naming both."""

    labels: tuple[str, ...]
    first: str
    second: str
    shape: str
    sentence: str


def _sentence_spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, token in enumerate(tokens):
        if token in _SENTENCE_ENDS:
            if i + 1 > start:
                spans.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def _shape(tokens: list[str], first: dict[str, Any], second: dict[str, Any]) -> str:
    """The construction joining two mentions: the words between them ("A 's foreign
    minister B", "A , the capital of B", "A B"), or how far apart they are."""
    between = tokens[first["pos"][1] : second["pos"][0]]
    if len(between) > _SHAPE_WORDS:
        return f"A ... B ({len(between)} words between)"
    return " ".join(["A", *(t.lower() for t in between), "B"])


def _closest_mentions(
    tokens: list[str], heads: list[dict[str, Any]], tails: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The two mentions of a pair closest together within one sentence, in text order."""
    best = None
    for start, end in _sentence_spans(tokens):
        for h in heads:
            for t in tails:
                if not (start <= h["pos"][0] < end and start <= t["pos"][0] < end):
                    continue
                a, b = sorted((h, t), key=lambda m: m["pos"][0])
                if a["pos"][1] > b["pos"][0]:
                    continue  # one mention inside the other
                gap = b["pos"][0] - a["pos"][1]
                if best is None or gap < best[0]:
                    best = (gap, a, b, start, end)
    if best is None:
        return None
    return best[1], best[2]


def missed_pairs(
    articles: list[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    alignment: Alignment = OFFICIAL,
) -> dict[tuple[str, str], list[MissedPair]]:
    """The annotated pairs no prediction connects whose two entities are named in one
    sentence, grouped by DWIE label and by the words joining the two closest mentions
    (``"A 's foreign minister B"``), largest group first: the list to read when asking
    which constructions state the relations kgraph misses."""
    grouped = _by_article(articles, predictions)
    found: dict[tuple[str, str], list[MissedPair]] = {}
    for article in articles:
        tokens = [t for sentence in article["sents"] for t in sentence]
        listed = grouped.get(article["title"], [])
        predicted = {p for p, _ in _predicted_pairs(article, listed, alignment)}
        for pair, labels in _gold(article).items():
            if pair in predicted:
                continue
            h, t = sorted(pair)
            closest = _closest_mentions(tokens, article["vertexSet"][h], article["vertexSet"][t])
            if closest is None:
                continue
            a, b = closest
            spans = _sentence_spans(tokens)
            start, end = next((s, e) for s, e in spans if s <= a["pos"][0] < e)
            missed = MissedPair(
                labels=tuple(sorted(labels)),
                first=a["name"],
                second=b["name"],
                shape=_shape(tokens, a, b),
                sentence=" ".join(tokens[start:end]).strip(),
            )
            for label in missed.labels:
                found.setdefault((label, missed.shape), []).append(missed)
    return dict(sorted(found.items(), key=lambda item: (-len(item[1]), item[0])))
