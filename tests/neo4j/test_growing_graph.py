"""A Neo4j graph that grows: incremental writes equal the graph resolved from scratch,
readers never see a write half done, and nothing is wiped.

Real articles (the examples and BBC stories read in place) through the real model.
"""

from __future__ import annotations

import random
import threading
import time

import pytest

from kgraph.entities.identity import Overrides
from kgraph.entities.overrides import write_overrides
from kgraph.extract import extract_article
from kgraph.models import Article
from kgraph.store import delta
from kgraph.store.local import LocalGraphStore
from kgraph.store.neo4j import Neo4jGraphStore

from ..conftest import SHARED, bbc_and_example_extractions
from .conftest import EXAMPLES, kgraph
from .test_loader import local_snapshot, neo4j_snapshot

BBC = SHARED / "corpora" / "bbc"
STORIES = [
    "entertainment/293.txt",  # Ian Brown, the singer
    "business/008.txt",  # Gordon Brown
    "politics/001.txt",
    "politics/002.txt",
    "politics/003.txt",  # Tony Blair and "Blair"
    "business/059.txt",  # Bernie Ebbers
]
NONE = Overrides()
OVERRIDES = Overrides(merges=(("Gordon Brown", "Tony Blair"),), splits=(("Ian Brown", "Brown"),))


@pytest.fixture(scope="module")
def extractions(nlp):
    return bbc_and_example_extractions(nlp, STORIES)


def _from_scratch(tmp_path, extractions, overrides=NONE):
    """The reference: every record resolved at once, in a local graph file."""
    path = tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}.json"
    store = LocalGraphStore(path)
    write_overrides(store.overrides_path, overrides)
    store.write(extractions)
    store.close()
    return local_snapshot(path)


def _incremental(store: Neo4jGraphStore, batches):
    for batch in batches:
        store.write(batch)
        store.save()


def test_writes_in_any_order_and_batching_equal_the_graph_from_scratch(
    neo4j_store, tmp_path, extractions
):
    expected = _from_scratch(tmp_path, extractions)
    for seed, size in [(1, 1), (2, 3), (3, len(extractions))]:
        neo4j_store.clear()
        shuffled = extractions[:]
        random.Random(seed).shuffle(shuffled)
        _incremental(neo4j_store, [shuffled[i : i + size] for i in range(0, len(shuffled), size)])
        assert neo4j_snapshot(neo4j_store) == expected, (seed, size)


def test_removes_and_overrides_equal_the_graph_from_scratch(neo4j_store, tmp_path, extractions):
    kept = [e for e in extractions if e.article.id != "politics-003"]
    _incremental(neo4j_store, [extractions[:4], extractions[4:]])
    assert neo4j_store.remove(["politics-003"]) == 1
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, kept)
    assert neo4j_store.set_overrides(OVERRIDES)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, kept, OVERRIDES)
    _incremental(neo4j_store, [[e for e in extractions if e.article.id == "politics-003"]])
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, OVERRIDES)
    assert neo4j_store.set_overrides(Overrides())
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions)


COUNTS = (
    "MATCH (a:Article) RETURN count(a) AS n",
    "MATCH (e:Entity) RETURN count(e) AS n",
    "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n",
    "MATCH ()-[m:MENTIONS]->() RETURN count(m) AS n",
)


def _counts(store):
    """Articles, entities, relations, mentions: one query each (Neo4j reads what is
    committed when each query reads, so one query over all four could straddle a commit)."""
    return tuple(store.run(query)[0]["n"] for query in COUNTS)


def _two_people(store):
    rows = store.run(
        "MATCH (e:Entity {type: 'PERSON'}) RETURN e.name AS name ORDER BY e.mentions DESC LIMIT 2"
    )
    return (rows[0]["name"], rows[1]["name"])


class Poller:
    """Reads the graph's counts every 0.2 s in a thread of its own, on its own driver."""

    def __init__(self, settings):
        self.store = Neo4jGraphStore(settings, max_retry_time=5.0)
        self.seen: list[tuple[int, int, int, int]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stop.is_set():
            self.seen.append(_counts(self.store))
            time.sleep(0.2)

    def __enter__(self):
        self.thread.start()
        time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        time.sleep(0.3)
        self.stop.set()
        self.thread.join()
        self.store.close()


def test_a_poller_sees_the_graph_before_or_after_each_write_never_a_part(
    neo4j_store, neo4j_settings, tmp_path, extractions
):
    _incremental(neo4j_store, [extractions[:-2]])
    steps = [
        ("ingest", lambda: _incremental(neo4j_store, [extractions[-2:]])),
        ("remove", lambda: neo4j_store.remove(["politics-001", "business-008"])),
        ("merge", lambda: neo4j_store.set_overrides(Overrides(merges=(_two_people(neo4j_store),)))),
    ]
    for name, step in steps:
        before = _counts(neo4j_store)
        with Poller(neo4j_settings) as poller:
            step()
        after = _counts(neo4j_store)
        assert before != after, name
        assert len(poller.seen) >= 3
        for i, count in enumerate(zip(*poller.seen)):
            assert set(count) <= {before[i], after[i]}, (name, COUNTS[i], before, after)


def test_a_loaded_graph_takes_ingest_merge_split_and_remove(neo4j_store, tmp_path):
    graph = tmp_path / "graph.json"
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Gordon Brown met Tony Blair in London on Monday.\n")
    (folder / "b.txt").write_text("Singer Ian Brown was arrested in San Francisco.\n")
    (folder / "c.txt").write_text("The chancellor Brown criticised the Tories on Tuesday.\n")
    assert kgraph("ingest", str(folder / "a.txt"), "--graph", str(graph)).returncode == 0
    loaded = kgraph("load", str(graph), "--replace")
    assert loaded.returncode == 0, loaded.stderr
    assert neo4j_snapshot(neo4j_store) == local_snapshot(graph)
    for args in (
        ["ingest", str(folder / "b.txt"), str(folder / "c.txt"), "--quiet"],
        ["merge", "Ian Brown", "Brown"],
        ["split", "Ian Brown", "Brown"],
        ["remove", "--source", str(folder / "b.txt")],
    ):
        result = kgraph(*args, "--store", "neo4j")
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        local = kgraph(*args, "--graph", str(graph))
        assert local.returncode == 0, (args, local.stdout, local.stderr)
        assert neo4j_snapshot(neo4j_store)["entities"] == local_snapshot(graph)["entities"], args
    assert neo4j_snapshot(neo4j_store) == local_snapshot(graph)


def test_a_database_without_records_is_refused_never_emptied(neo4j_store, tmp_path):
    triples = tmp_path / "triples.jsonl"
    extracted = kgraph("extract", str(EXAMPLES / "tiktok-microsoft.txt"))
    triples.write_text(extracted.stdout)
    loaded = kgraph("load", str(triples))
    assert loaded.returncode == 0 and "loaded without article records" in loaded.stderr
    before = neo4j_snapshot(neo4j_store)
    article = next(iter(before["articles"]))
    for args in (
        ["ingest", str(EXAMPLES / "twitter-musk.txt"), "--quiet"],
        ["remove", article],
        ["merge", "Microsoft", "TikTok"],
    ):
        result = kgraph(*args, "--store", "neo4j")
        assert result.returncode == 1, args
        assert (
            result.stderr.count("\n") == 1 and "kgraph load GRAPH_FILE --replace" in result.stderr
        )
        assert neo4j_snapshot(neo4j_store) == before


def test_a_merge_moves_the_articles_it_touches_and_undoing_it_splits_them(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    _incremental(neo4j_store, [extractions])
    moved = []
    moved_article = delta.moved_article
    monkeypatch.setattr(
        delta, "moved_article", lambda *args: moved.append(moved_article(*args)) or moved[-1]
    )
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    assert moved and None not in moved  # no article applied whole
    moved.clear()
    assert neo4j_store.set_overrides(NONE)  # the articles naming both split: applied whole
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions)
    assert None in moved and any(moved)


def test_a_database_written_before_records_kept_their_clash_is_given_it_at_its_first_write(
    neo4j_store, tmp_path, extractions, nlp
):
    path = BBC / "sport/378.txt"  # "Parker" beside a full name ending in Parker
    clashing = extract_article(nlp, Article(path.read_text("latin-1"), id="sport-378"))
    extractions = [*extractions, clashing]
    _incremental(neo4j_store, [extractions])
    written = "MATCH (r:EntityRecord) RETURN r.ref AS ref, r.clash AS clash ORDER BY ref"
    clashes = [(row["ref"], row["clash"]) for row in neo4j_store.run(written)]
    assert {clash for _, clash in clashes} == {False, True}
    neo4j_store.execute("MATCH (r:EntityRecord) REMOVE r.clash")  # an older database
    neo4j_store.execute("MATCH (s:KgraphState) REMOVE s.record_clash")
    assert neo4j_store.remove(["politics-003"]) == 1
    kept = [e for e in extractions if e.article.id != "politics-003"]
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, kept)
    after = [(row["ref"], row["clash"]) for row in neo4j_store.run(written)]
    assert after == [(ref, c) for ref, c in clashes if not ref.startswith("politics-003\t")]


def _mentions(store: Neo4jGraphStore) -> list[tuple]:
    """The MENTIONS and the records' entities, read in a transaction of its own."""
    mentions = store.run(
        "MATCH (a:Article)-[m:MENTIONS]->(e:Entity) RETURN a.id AS a, e.id AS e, m.count AS n"
    )
    records = store.run("MATCH (r:EntityRecord) RETURN r.ref AS ref, r.entity AS entity")
    return sorted(tuple(r.values()) for r in [*mentions, *records])


def test_a_merge_relinks_its_articles_in_pieces_that_readers_never_see_alone(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    from kgraph.store.neo4j_delta import TransactionIndex

    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    _incremental(neo4j_store, [extractions])
    before = _mentions(neo4j_store)
    pieces, seen_by_reader = [], []
    apply_piece = TransactionIndex.apply_piece

    def spy(self, piece):
        applied = apply_piece(self, piece)
        pieces.append(piece)
        seen_by_reader.append(_mentions(neo4j_store))
        return applied

    monkeypatch.setattr(delta, "MOVED_PER_READ", 2)
    monkeypatch.setattr(TransactionIndex, "apply_piece", spy)
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    # the entities first, then the touched articles' links two articles a piece
    assert pieces[0].entities and not pieces[0].reassigned and not pieces[0].mentions
    relinked = [
        {a for a, *_ in p.reassigned} | {m["article"] for m in p.mentions} for p in pieces[1:]
    ]
    assert len(relinked) >= 2 and all(1 <= len(articles) <= 2 for articles in relinked)
    # one transaction: a reader sees the graph before the write until it commits
    assert all(links == before for links in seen_by_reader)
    assert _mentions(neo4j_store) != before


def test_merge_split_and_remove_combine_evidence_in_the_server(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    """No relationship's evidence is read whole into the client (round 8), and no node the
    write kept its evidence on outlives it."""
    from kgraph.store.neo4j_delta import TransactionIndex

    def whole(*args):
        raise AssertionError("a relationship read whole into the client")

    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    kept = [e for e in extractions if e.article.id != "politics-002"]
    _incremental(neo4j_store, [extractions])
    monkeypatch.setattr(TransactionIndex, "relations", whole)
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    assert neo4j_store.remove(["politics-002"]) == 1  # Howard and Blair both named there
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, kept, merges)
    assert neo4j_store.set_overrides(NONE)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, kept)
    left = (
        "MATCH (n) WHERE n:KgraphEvidence OR n:KgraphCombined OR n:KgraphReplaced "
        "RETURN count(n) AS n"
    )
    assert neo4j_store.run(left)[0]["n"] == 0


def test_a_write_combines_its_relationships_in_batches(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    """Round 8: the relationships a write rewrites are combined several a statement (one
    ``UNWIND``, then one statement for their fields), not two round trips each; the graph
    is the same as from scratch across batch boundaries."""
    from kgraph.store import neo4j_evidence

    batches: list[int] = []
    combine_batch = neo4j_evidence.Neo4jEvidence._combine_batch

    def counted(self, keys, *args):
        batches.append(len(keys))
        return combine_batch(self, keys, *args)

    monkeypatch.setattr(neo4j_evidence, "RELATIONS_PER_STATEMENT", 3)
    monkeypatch.setattr(neo4j_evidence.Neo4jEvidence, "_combine_batch", counted)
    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    kept = [e for e in extractions if e.article.id != "politics-002"]
    _incremental(neo4j_store, [extractions[:2], extractions[2:]])
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    assert neo4j_store.remove(["politics-002"]) == 1
    assert neo4j_store.set_overrides(NONE)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, kept)
    assert max(batches) == 3  # several relationships a statement
    assert sum(batches) > len(batches)


@pytest.mark.parametrize(
    ("bound", "most"),
    [("MOVED_PER_READ", 2), ("MOVED_CHARS_PER_READ", 1), ("MOVED_RECORDS_PER_READ", 1)],
)
def test_a_merge_keeps_the_articles_it_touches_in_the_server(
    neo4j_store, tmp_path, extractions, monkeypatch, bound, most
):
    """The ids of the touched articles stay on a node of the transaction (round 9), with
    their records' lengths and entity records (round 10): the write reads them in pages
    bounded by each (``MOVED_PER_READ`` articles; with the characters or the records set
    below every article's, one article a page), in order, and the node is deleted before
    it commits."""
    from kgraph.store.neo4j_delta import TransactionIndex

    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    pages = []
    articles_of_groups = TransactionIndex.articles_of_groups

    def spy(self, *args):
        for page in articles_of_groups(self, *args):
            pages.append(page)
            yield page

    _incremental(neo4j_store, [extractions])
    monkeypatch.setattr(delta, bound, most)
    monkeypatch.setattr(TransactionIndex, "articles_of_groups", spy)
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    ids = [a for page in pages for a in page]
    assert len(pages) >= (2 if most > 1 else 3)
    assert all(1 <= len(page) <= most for page in pages)
    assert ids == sorted(set(ids))
    assert neo4j_store.run("MATCH (n:KgraphTouched) RETURN count(n) AS n")[0]["n"] == 0


def test_a_merge_keeps_the_pieces_it_replaces_in_the_server(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    """The (article, relationship) pairs whose stored pieces a write replaces go to the
    server a few at a time (round 9), and the combination reads them there."""
    from kgraph.store import neo4j_evidence
    from kgraph.store.neo4j_evidence import Neo4jEvidence

    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    seen = []
    combine = Neo4jEvidence.combine

    def spy(self, keys, first_meta):
        in_client = len(self._replaced)
        found = self.tx.run("MATCH (d:KgraphReplaced) RETURN count(d) AS n").single()["n"]
        seen.append((in_client, found))
        return combine(self, keys, first_meta)

    _incremental(neo4j_store, [extractions])
    monkeypatch.setattr(neo4j_evidence, "PIECES_PER_STATEMENT", 3)
    monkeypatch.setattr(Neo4jEvidence, "combine", spy)
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    assert seen and all(in_client < 3 for in_client, _ in seen)
    assert max(found for _, found in seen) >= 3
    assert neo4j_store.run("MATCH (d:KgraphReplaced) RETURN count(d) AS n")[0]["n"] == 0


def _paired_with_groups(profile: dict) -> int:
    """Rows out of the ``UNWIND $groups`` of a profiled plan: (record, group) pairs compared."""
    args = profile.get("args") or {}
    here = profile["rows"] if "$groups AS g" in args.get("Details", "") else 0
    return here + sum(_paired_with_groups(child) for child in profile.get("children", []))


def test_a_merge_compares_only_the_records_named_as_a_group_with_its_groups(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    """``group_refs_in`` pairs a piece's records with the changed groups only where the
    record has a group's name (round 9: comparing every record of the piece with every group
    on all its fields was most of the statement's time)."""
    from kgraph.store import cypher
    from kgraph.store.neo4j_delta import TransactionIndex

    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    seen = []
    group_refs_in = TransactionIndex.group_refs_in

    def spy(self, groups, article_ids):
        rows = [{**group.row(), "n": n} for n, group in enumerate(groups)]
        plan = self.tx.run("PROFILE " + cypher.group_refs_in(), groups=rows, ids=article_ids)
        paired = _paired_with_groups(plan.consume().profile)
        records = self.tx.run(
            "UNWIND $ids AS id MATCH (r:EntityRecord {article: id})\n"
            "RETURN count(r) AS all, count(CASE WHEN r.name IN $names THEN 1 END) AS named",
            ids=article_ids,
            names=[row["name"] for row in rows],
        ).single()
        seen.append((paired, records["named"] * len(groups), records["all"] * len(groups)))
        return group_refs_in(self, groups, article_ids)

    _incremental(neo4j_store, [extractions])
    monkeypatch.setattr(TransactionIndex, "group_refs_in", spy)
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    assert seen and all(paired == named for paired, named, _ in seen)
    assert sum(named for _, named, _ in seen) < sum(every for _, _, every in seen)


def test_a_write_holds_only_the_statements_it_is_still_reading(
    neo4j_store, tmp_path, extractions, monkeypatch
):
    """The driver keeps every result of a transaction, parameters included, till it ends;
    a write lets go of those read to the end (round 10), so a merge in many pieces holds
    a few results at any time, not one for each statement it ran."""
    from kgraph.store.neo4j_transaction import LeanTransaction

    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    held = []
    run = LeanTransaction.run

    def spy(self, *args, **kwargs):
        result = run(self, *args, **kwargs)
        held.append(self.held_results())
        return result

    _incremental(neo4j_store, [extractions])
    monkeypatch.setattr(delta, "MOVED_PER_READ", 1)
    monkeypatch.setattr(LeanTransaction, "run", spy)
    assert neo4j_store.set_overrides(merges)
    assert neo4j_snapshot(neo4j_store) == _from_scratch(tmp_path, extractions, merges)
    assert len(held) >= 30  # statements the merge ran
    assert max(held) <= 3


def test_a_result_still_being_read_survives_the_statements_run_after_it(neo4j_store):
    """Dropping finished results never drops one still being read: its records all
    arrive, however many statements the transaction runs meanwhile."""
    from kgraph.store.neo4j_transaction import LeanTransaction

    def work(tx):
        lean = LeanTransaction(tx)
        streamed = lean.run("UNWIND range(1, 3000) AS i RETURN i")
        first = [next(iter(streamed))["i"]]
        for n in range(20):
            assert lean.run("RETURN $n AS n", n=n).single()["n"] == n
        return first + [record["i"] for record in streamed], lean.held_results()

    with neo4j_store._driver.session(database=neo4j_store.settings.database) as session:
        numbers, held = session.execute_read(work)
    assert numbers == list(range(1, 3001))
    assert held <= 2
