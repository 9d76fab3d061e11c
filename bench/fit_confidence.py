"""Fit kgraph's confidence model on the judged pool, score it by cross-validation, ship it.

Runs the current extraction (raw scores, no model) on the articles of
``bench/gold/judged-triples.jsonl``, pairs each judged triple it still produces with what
the model reads of it (:func:`kgraph.confidence.features`), and fits an L2-regularised
logistic regression (scikit-learn: ``pip install -e '.[bench]'``); features seen in fewer
than five judged triples get no weight. The regularisation of the shipped model comes
from grouped cross-validation (folds by article, so no article is both learnt from and
scored); every figure printed comes from nested cross-validation (within each outer fold
the regularisation is chosen again on that fold's training articles alone): log loss,
Brier score and ROC AUC of the model against the raw score, precision by confidence band,
and the precision kept above each cut.

The cut written with the model (the default ``--min-confidence``) is the least confidence
whose kept triples are right at ``--target`` (0.85) in the cross-validated predictions
and, from there up in steps of 0.01, the least at which the BBC gold's precision reaches
``--bbc-precision`` (0.75) and DWIE dev's pair precision ``--dwie-precision`` (0.55) with
recall held: the BBC gold's at least ``--bbc-recall`` (0.41), DWIE's at least
``--dwie-recall`` (0.30), all measured with the new model. Where no cut reaches the
precision of both with recall held, the pool's cut is written if recall holds there, else
0 (every triple kept), and the script says why.

    .venv/bin/python bench/fit_confidence.py --workers 2           # fit, print, write
    .venv/bin/python bench/fit_confidence.py --dry-run             # print only

Rerun it whenever the extraction changes: the model describes the extractor it was fitted
on (``kgraph/data/confidence.json`` records the commit and the pool).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import sys
from collections import Counter
from pathlib import Path

from bench_bbc_gold import GOLD, gold_paths
from bench_dwie import DWIE
from bench_precision import BBC, POOL, git_commit, produced, relative

from kgraph.confidence import SHIPPED, ConfidenceModel, features
from kgraph.evaluate.judged import Tally, match_pool, read_pool
from kgraph.models import Article

#: Regularisation strengths tried (scikit-learn's C: larger fits the pool more closely).
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 10
#: Fewest judged triples a cut must keep for its precision to be read.
LEAST_KEPT = 30
#: Fewest judged triples a feature must be seen in to get a weight: rarer ones (one
#: relation with one entity type, seen three times) would learn the pool's noise.
LEAST_SEEN = 5
#: Confidence bands printed (lower bounds).
BANDS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=Path, default=POOL)
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--target", type=float, default=0.85, help="precision the cut keeps")
    parser.add_argument("--bbc-recall", type=float, default=0.41, help="BBC gold recall held")
    parser.add_argument("--dwie-recall", type=float, default=0.30, help="DWIE pair recall held")
    parser.add_argument(
        "--bbc-precision", type=float, default=0.75, help="BBC gold precision the cut reaches"
    )
    parser.add_argument(
        "--dwie-precision", type=float, default=0.55, help="DWIE pair precision the cut reaches"
    )
    parser.add_argument("--out", type=Path, default=SHIPPED)
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    args = parser.parse_args()

    try:
        from sklearn.feature_extraction import DictVectorizer
    except ImportError:
        sys.exit("error: the fit needs scikit-learn: pip install -e '.[bench]'")

    pool = read_pool(args.pool)
    rows = judged_rows(pool, args.corpus, args.workers)
    if len(rows) < 50:
        sys.exit(f"error: only {len(rows)} judged triples are produced again; judge more first")
    found = common_features([features(t) for t, _ in rows])
    labels = [int(j.correct) for _, j in rows]
    groups = [j.file for _, j in rows]
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform(found)
    print(
        f"fit: {len(rows)} judged triples still produced ({sum(labels)} correct) of "
        f"{len(pool)} in the pool, {matrix.shape[1]} features, kgraph {git_commit()}"
    )

    strength, losses = best_strength(matrix, labels, groups)
    print("cross-validated log loss by C: " + ", ".join(f"{c}: {x:.3f}" for c, x in losses))
    predicted, chosen = nested_cross_validated(matrix, labels, groups)
    print(
        f"nested: each outer fold's C chosen on its own training articles "
        f"({', '.join(f'{c}: {n}' for c, n in sorted(Counter(chosen).items()))}); "
        "every figure below is of the outer folds"
    )
    raw = [t.confidence for t, _ in rows]
    print_scores(labels, raw, predicted)
    cut = choose_cut(labels, predicted, args.target)
    print_cuts(labels, predicted, cut, args.target)
    model = fitted_model(matrix, labels, strength, vectorizer.get_feature_names_out())
    recall = RecallCheck(args.corpus, args.workers)
    recall.print(model, sorted({0.0, 0.5, 0.6, 0.7, 0.75, 0.8} | ({cut} if cut else set())))
    if cut is None:
        print(
            f"no cut keeps {LEAST_KEPT} triples right at {args.target}: the default cut is 0 "
            "(every triple kept); the extraction must improve first"
        )
        cut = 0.0
    elif (held := recall.least_cut_reaching(model, cut, args)) is not None:
        print(
            f"cut {held:.2f}: the least from {cut:.2f} at which the BBC gold's precision reaches "
            f"{args.bbc_precision} and DWIE's {args.dwie_precision}, recall held"
        )
        cut = held
    elif not recall.holds(model, cut, args.bbc_recall, args.dwie_recall):
        print(
            f"cut {cut:.2f} reaches precision {args.target} but loses recall (BBC gold below "
            f"{args.bbc_recall} or DWIE below {args.dwie_recall}): the default cut is 0"
        )
        cut = 0.0
    else:
        print(
            f"no cut from {cut:.2f} reaches the BBC gold's precision {args.bbc_precision} and "
            f"DWIE's {args.dwie_precision} with recall held: the pool's cut {cut:.2f} is kept"
        )
    about = {
        "fitted": f"bench/fit_confidence.py on {args.pool.name}, kgraph {git_commit()}",
        "judged": len(rows),
        "correct": sum(labels),
        "C": strength,
        "folds": f"{FOLDS} by article, nested (C chosen within each outer fold)",
        "cv_log_loss": round(log_loss(labels, predicted), 4),
        "cv_brier": round(brier(labels, predicted), 4),
        "cv_auc": round(auc(labels, predicted), 4),
        "cv_precision_at_0.8": str(kept(labels, predicted, 0.8)),
        "cv_precision_at_cut": str(kept(labels, predicted, cut)),
        "target": args.target,
        "targets_of_the_cut": (
            f"BBC gold P {args.bbc_precision} R {args.bbc_recall}, "
            f"DWIE P {args.dwie_precision} R {args.dwie_recall}"
        ),
    }
    model = ConfidenceModel(model.intercept, model.weights, cut, about)
    print_weights(model)
    if args.dry_run:
        return
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"written: {args.out} (cut {cut:.2f})")


class RecallCheck:
    """Recall on the BBC gold and DWIE dev with a model's confidence and a cut: each
    corpus is parsed once (raw scores), then scored for any model and cut."""

    def __init__(self, corpus: Path, workers: int) -> None:
        from kgraph.evaluate.dwie import article_text, read_dwie
        from kgraph.evaluate.triples import read_gold_triples

        self.gold = read_gold_triples(GOLD)
        bbc = read_corpus([corpus / p for p in gold_paths(GOLD)])
        self.dwie = read_dwie(DWIE)
        dwie = [Article(article_text(a), id=a["title"], title=a["title"]) for a in self.dwie]
        self.bbc_triples = _extract_raw(bbc, workers)
        self.dwie_triples = _extract_raw(dwie, workers)

    def scores(self, model: ConfidenceModel, cut: float) -> tuple:
        import json

        from kgraph.confidence import calibrate
        from kgraph.evaluate.dwie import score_dwie
        from kgraph.evaluate.triples import read_predictions, score_triples

        def kept(triples):
            return [t.to_dict() for t in calibrate(triples, model) if t.confidence >= cut]

        bbc = score_triples(
            self.gold, read_predictions([json.dumps(r) for r in kept(self.bbc_triples)])
        )
        dwie = score_dwie(self.dwie, kept(self.dwie_triples))
        return bbc, dwie

    def holds(self, model: ConfidenceModel, cut: float, bbc: float, dwie: float) -> bool:
        bbc_score, dwie_score = self.scores(model, cut)
        return bbc_score.recall >= bbc and dwie_score.recall >= dwie

    def least_cut_reaching(
        self, model: ConfidenceModel, start: float, targets: argparse.Namespace
    ) -> float | None:
        """The least cut from ``start`` (steps of 0.01) at which both benches reach their
        precision targets with their recall held; None when none does before recall goes."""
        for step in range(round(start * 100), 100):
            bbc, dwie = self.scores(model, step / 100)
            if bbc.recall < targets.bbc_recall or dwie.recall < targets.dwie_recall:
                return None
            if bbc.precision >= targets.bbc_precision and dwie.precision >= targets.dwie_precision:
                return step / 100
        return None

    def print(self, model: ConfidenceModel, cuts: list[float]) -> None:
        print("recall held at each cut (the new model): BBC gold P/R, DWIE dev pair P/R")
        for cut in cuts:
            bbc, dwie = self.scores(model, cut)
            print(
                f"  >= {cut:.2f}  BBC gold {bbc.precision:.3f}/{bbc.recall:.3f}  "
                f"DWIE {dwie.precision:.3f}/{dwie.recall:.3f}"
            )


def read_corpus(paths: list[Path]) -> list[Article]:
    from kgraph.readers import read_articles

    return [a for a in read_articles(paths) if isinstance(a, Article)]


def _extract_raw(articles: list[Article], workers: int) -> list:
    """The triples of ``articles`` with raw scores, in ``workers`` processes."""
    chunks = [articles[i :: max(workers, 1)] for i in range(max(workers, 1))]
    with multiprocessing.get_context("fork").Pool(len(chunks)) as pool:
        parts = pool.map(_raw_of_articles, chunks)
    return [t for part in parts for t in part]


def _raw_of_articles(articles: list[Article]) -> list:
    from kgraph.extract import extract_doc, parse_articles
    from kgraph.nlp.spacy_pipeline import load_pipeline

    nlp = load_pipeline()
    return [
        triple
        for doc, article in parse_articles(nlp, articles)
        for triple in extract_doc(doc, article, calibrated=False).triples
    ]


def common_features(found: list[dict[str, float]]) -> list[dict[str, float]]:
    """The features, without those seen in fewer than :data:`LEAST_SEEN` triples."""
    seen = Counter(name for features_ in found for name in features_)
    return [{k: v for k, v in f.items() if seen[k] >= LEAST_SEEN} for f in found]


def judged_rows(pool, corpus: Path, workers: int) -> list:
    """(raw triple, judgement) for each judged triple the extraction still produces as
    judged (the same relation, modality and negation)."""
    files = sorted({j.file for j in pool.judgements.values()})
    triples = _extract_raw(read_corpus([corpus / f for f in files]), workers)
    by_key = {}
    output = []
    for triple in triples:
        item = produced(triple, relative(triple.article.source or "", corpus))
        by_key.setdefault(item.key(), triple)
        output.append(item)
    match = match_pool(pool, output)
    print(
        f"extraction: {len(output)} triples of {len(files)} pool articles; "
        f"{len(match.changed)} judged triples changed relation or modality, "
        f"{len(match.gone)} no longer produced"
    )
    return [(by_key[t.key()], j) for j, t in match.still]


def _folds(groups: list[str]):
    from sklearn.model_selection import GroupKFold

    return GroupKFold(n_splits=min(FOLDS, len(set(groups))))


def _regression(strength: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=strength, max_iter=5000)


def best_strength(matrix, labels, groups) -> tuple[float, list[tuple[float, float]]]:
    """The C of least cross-validated log loss, and the loss of each C tried."""
    losses = [(c, log_loss(labels, cross_validated(matrix, labels, groups, c))) for c in STRENGTHS]
    return min(losses, key=lambda item: item[1])[0], losses


def cross_validated(matrix, labels, groups, strength: float) -> list[float]:
    """Each triple's confidence from a model fitted on the other articles' triples."""
    from sklearn.model_selection import cross_val_predict

    probabilities = cross_val_predict(
        _regression(strength),
        matrix,
        labels,
        groups=groups,
        cv=_folds(groups),
        method="predict_proba",
    )
    return [float(p[1]) for p in probabilities]


def nested_cross_validated(matrix, labels, groups) -> tuple[list[float], list[float]]:
    """Each triple's confidence from a model fitted on the other articles' triples, its C
    chosen by cross-validation on those articles alone (so the figures read off these
    predictions are not flattered by the choice of C); and the C of each outer fold."""
    import numpy

    predicted = numpy.zeros(len(labels))
    chosen = []
    labels_, groups_ = numpy.asarray(labels), numpy.asarray(groups)
    for train, test in _folds(groups).split(matrix, labels_, groups_):
        strength, _ = best_strength(matrix[train], list(labels_[train]), list(groups_[train]))
        regression = _regression(strength).fit(matrix[train], labels_[train])
        predicted[test] = regression.predict_proba(matrix[test])[:, 1]
        chosen.append(strength)
    return [float(p) for p in predicted], chosen


def fitted_model(matrix, labels, strength: float, names) -> ConfidenceModel:
    regression = _regression(strength).fit(matrix, labels)
    weights = {
        str(name): round(float(w), 4)
        for name, w in zip(names, regression.coef_[0])
        if abs(w) >= 1e-4
    }
    return ConfidenceModel(round(float(regression.intercept_[0]), 4), weights)


def log_loss(labels: list[int], predicted: list[float]) -> float:
    eps = 1e-6
    return -sum(
        y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps))
        for y, p in zip(labels, predicted)
    ) / len(labels)


def brier(labels: list[int], predicted: list[float]) -> float:
    return sum((p - y) ** 2 for y, p in zip(labels, predicted)) / len(labels)


def auc(labels: list[int], predicted: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, predicted))


def kept(labels: list[int], predicted: list[float], cut: float) -> Tally:
    tally = Tally()
    for y, p in zip(labels, predicted):
        if p >= cut:
            tally.add(bool(y))
    return tally


def choose_cut(labels: list[int], predicted: list[float], target: float) -> float | None:
    """The least cut (in steps of 0.01) keeping at least :data:`LEAST_KEPT` triples whose
    kept triples are right at ``target``, at it and at every higher cut that keeps as
    many; None when no cut does."""
    cuts = [c / 100 for c in range(100)]
    tallies = {c: kept(labels, predicted, c) for c in cuts}
    counted = [c for c in cuts if tallies[c].judged >= LEAST_KEPT]
    for c in counted:
        if all(tallies[d].precision >= target for d in counted if d >= c):
            return c
    return None


def print_scores(labels: list[int], raw: list[float], predicted: list[float]) -> None:
    print(
        f"cross-validated: log loss {log_loss(labels, predicted):.3f} "
        f"(raw score {log_loss(labels, raw):.3f}), Brier {brier(labels, predicted):.3f} "
        f"(raw {brier(labels, raw):.3f}), ROC AUC {auc(labels, predicted):.3f} "
        f"(raw {auc(labels, raw):.3f})"
    )
    print("precision by band (cross-validated confidence | raw score):")
    for i, low in enumerate(BANDS):
        high = BANDS[i - 1] if i else 1.01
        model_band = _band(labels, predicted, low, high)
        raw_band = _band(labels, raw, low, high)
        print(
            f"  {low:.1f}-{min(high, 1.0):.1f}  "
            f"model {model_band.correct:3}/{model_band.judged:<3} {model_band.precision:.2f}   "
            f"raw {raw_band.correct:3}/{raw_band.judged:<3} {raw_band.precision:.2f}"
        )


def _band(labels: list[int], scores: list[float], low: float, high: float) -> Tally:
    tally = Tally()
    for y, p in zip(labels, scores):
        if low <= p < high:
            tally.add(bool(y))
    return tally


def print_cuts(labels: list[int], predicted: list[float], cut: float | None, target: float) -> None:
    print("kept at each cut (cross-validated): cut, share kept, precision (95% interval)")
    shown = sorted({0.0, 0.5, 0.6, 0.7, 0.8, 0.9} | ({cut} if cut is not None else set()))
    for c in shown:
        tally = kept(labels, predicted, c)
        mark = "  <- the cut" if c == cut else ""
        print(f"  >= {c:.2f}  {tally.judged / len(labels):5.1%}  {tally}{mark}")
    print(f"confidence >= 0.8: {kept(labels, predicted, 0.8)} (target 0.9)")
    if cut is not None:
        print(f"cut {cut:.2f}: {kept(labels, predicted, cut)} (target {target})")


def print_weights(model: ConfidenceModel) -> None:
    ranked = sorted(model.weights.items(), key=lambda item: -abs(item[1]))
    print(f"weights (intercept {model.intercept:+.2f}), largest first:")
    for name, weight in ranked[:20]:
        print(f"  {weight:+.2f}  {name}")


if __name__ == "__main__":
    main()
