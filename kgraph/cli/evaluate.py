"""The ``eval`` group: extractions scored against a benchmark's gold file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kgraph.cli.common import (
    cli,
    library_errors,
)


@cli.group(name="eval")
def eval_group() -> None:
    """Score extractions against a benchmark's gold file.

    \b
    Example:
      kgraph eval carb dev-gold.tsv system.tsv
      kgraph eval dwie dev.json pred.jsonl
    """


@eval_group.command(name="carb")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("system", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
def eval_carb(gold: Path, system: Path, as_json: bool) -> None:
    """Score a CaRB system file against a CaRB gold file.

    GOLD has lines sentence<TAB>predicate<TAB>arg1<TAB>arg2...; SYSTEM has
    sentence<TAB>confidence<TAB>predicate<TAB>arg1... (as written by
    kgraph extract --open --format carb). Prints precision and recall at the confidence
    threshold of best F1, that F1, and the area under the precision-recall curve.

    \b
    Example:
      kgraph extract --open --format carb dev.txt > system.tsv
      kgraph eval carb dev-gold.tsv system.tsv
    """
    from kgraph.evaluate.carb import read_gold, read_system, score

    try:
        result = score(read_gold(gold), read_system(system))
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot score: {exc}") from exc
    if as_json:
        click.echo(json.dumps(result.__dict__))
        return
    click.echo(
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"F1 {result.f1:.3f}  AUC {result.auc:.3f}"
    )


@eval_group.command(name="triples")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@library_errors
def eval_triples(gold: Path, predicted: str, as_json: bool) -> None:
    """Score entity triples (kgraph extract output) against a gold file.

    GOLD is JSON Lines of expected triples with accepted names and predicate words (format
    in kgraph/evaluate/triples.py); PREDICTED is triple records, or - for standard input.
    Prints precision, recall and F1, then each missed gold triple and each false hit.

    \b
    Example:
      kgraph extract examples/articles/ > predicted.jsonl
      kgraph eval triples examples/gold/triples.jsonl predicted.jsonl
    """
    from kgraph.evaluate.triples import read_gold_triples, read_predictions, score_triples

    source = "<stdin>" if predicted == "-" else predicted
    with click.open_file(predicted, encoding="utf-8") as handle:
        result = score_triples(read_gold_triples(gold), read_predictions(handle, source))
    if as_json:
        summary = {
            "precision": result.precision,
            "recall": result.recall,
            "f1": result.f1,
            "misses": [m.describe() for m in result.misses],
            "false_hits": [f.describe() for f in result.false_hits],
            "note": result.note or None,
        }
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    click.echo(f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    for miss in result.misses:
        click.echo(f"missed: {miss.describe()}")
    for hit in result.false_hits:
        click.echo(f"false hit: {hit.describe()}")


@eval_group.command(name="dwie")
@click.argument("dwie", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@library_errors
def eval_dwie(dwie: Path, predicted: str, as_json: bool) -> None:
    """Score entity triples against DWIE's annotated entity relations.

    DWIE is the MILR copy of a DWIE split with text (dev.json); PREDICTED is triple
    records (kgraph extract output on the texts `kgraph eval dwie-texts` writes), or -.
    Prints the label-agnostic pair recall, precision and F1 (as DWIE's score_pairs.py),
    then per DWIE label the gold pairs found with any relation and with a relation that
    maps to the label, and per relation of the vocabulary the pairs it connects.

    \b
    Example:
      kgraph eval dwie-texts dev.json texts/
      kgraph extract texts/*.txt > pred.jsonl
      kgraph eval dwie dev.json pred.jsonl
    """
    from kgraph.evaluate.dwie import read_dwie, read_predictions, score_dwie

    articles = read_dwie(dwie)
    with click.open_file(predicted, encoding="utf-8") as handle:
        records = read_predictions(handle, predicted)
    result = score_dwie(articles, records)
    if as_json:
        click.echo(json.dumps(result.to_dict()))
        return
    click.echo(result.summary())
    click.echo("\nDWIE label       gold  found  with relation")
    for label, (gold, found, labelled) in result.by_label.items():
        click.echo(f"{label:<15} {gold:>5} {found:>6} {labelled:>14}")
    click.echo("\nrelation             pairs  gold  right label")
    for relation, (pairs, gold, labelled) in result.by_relation.items():
        click.echo(f"{relation:<19} {pairs:>6} {gold:>5} {labelled:>12}")


@eval_group.command(name="dwie-texts")
@click.argument("dwie", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@library_errors
def eval_dwie_texts(dwie: Path, folder: Path) -> None:
    """Write each DWIE article's text to FOLDER/<title>.txt, for kgraph extract.

    \b
    Example:
      kgraph eval dwie-texts dev.json texts/
    """
    from kgraph.evaluate.dwie import read_dwie, write_texts

    count = write_texts(read_dwie(dwie), folder)
    click.echo(f"wrote {count} articles to {folder}")


@eval_group.command(name="entities")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@library_errors
def eval_entities(gold: Path, graph: Path) -> None:
    """Score a local graph's entities against mention-to-entity decisions.

    GOLD is JSON Lines of {"article", "mention", "entity"} (format in
    kgraph/evaluate/entities.py). Prints pairwise merge precision, recall and F1, then
    the false and the missed merges.

    \b
    Example:
      kgraph ingest ../shared/corpora/bbc --graph bbc.json
      kgraph eval entities bench/gold/entities-bbc.jsonl bbc.json
    """
    from kgraph.evaluate.entities import read_gold_mentions, score_entities, summary_lines
    from kgraph.store.local import read_graph

    result = score_entities(read_gold_mentions(gold), read_graph(graph))
    click.echo("\n".join(summary_lines(result)))
