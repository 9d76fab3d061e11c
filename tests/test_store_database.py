"""The graph database file (``.db``): incremental writes, removes and overrides equal the
graph resolved from scratch; the commands work on it as on a JSON graph file."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import replace

import networkx as nx
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.entities.identity import Overrides
from kgraph.entities.overrides import write_overrides
from kgraph.extract import extract_article
from kgraph.models import Article
from kgraph.store import delta
from kgraph.store.local import LocalGraphStore, open_local_store
from kgraph.store.sqlite import SqliteGraphStore, _Index
from tests.conftest import EXAMPLES, SHARED, bbc_and_example_extractions

BBC = SHARED / "corpora" / "bbc"
STORIES = [
    "entertainment/293.txt",  # Ian Brown, the singer
    "business/008.txt",  # Gordon Brown
    "politics/001.txt",
    "politics/002.txt",
    "politics/003.txt",
    "business/059.txt",  # Bernie Ebbers
]
NONE = Overrides()
OVERRIDES = Overrides(merges=(("Gordon Brown", "Tony Blair"),), splits=(("Ian Brown", "Brown"),))


@pytest.fixture(scope="module")
def extractions(nlp):
    return bbc_and_example_extractions(nlp, STORIES)


def _from_scratch(tmp_path, extractions, overrides=NONE) -> nx.MultiDiGraph:
    path = tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}.json"
    store = LocalGraphStore(path)
    write_overrides(store.overrides_path, overrides)
    store.write(extractions)
    store.close()
    return LocalGraphStore(path).graph


def _equal(store: SqliteGraphStore, expected: nx.MultiDiGraph) -> bool:
    return nx.utils.graphs_equal(store.graph, expected)


def test_writes_in_any_order_and_batching_equal_the_graph_from_scratch(tmp_path, extractions):
    expected = _from_scratch(tmp_path, extractions)
    for seed, size in [(1, 1), (2, 3), (3, len(extractions))]:
        shuffled = extractions[:]
        random.Random(seed).shuffle(shuffled)
        with SqliteGraphStore(tmp_path / f"s{seed}.db") as store:
            for start in range(0, len(shuffled), size):
                store.write(shuffled[start : start + size])
                store.save()
            assert _equal(store, expected), (seed, size)


def test_removes_and_overrides_equal_the_graph_from_scratch(tmp_path, extractions):
    kept = [e for e in extractions if e.article.id != "politics-003"]
    later = [e for e in extractions if e.article.id == "politics-003"]
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        assert store.remove(["politics-003"]) == 1
        assert _equal(store, _from_scratch(tmp_path, kept))
        assert store.set_overrides(OVERRIDES)
        assert _equal(store, _from_scratch(tmp_path, kept, OVERRIDES))
        store.write(later)
        store.save()
        assert _equal(store, _from_scratch(tmp_path, extractions, OVERRIDES))
        assert not store.set_overrides(OVERRIDES)  # nothing changes: nothing written
        assert store.set_overrides(NONE)
        assert _equal(store, _from_scratch(tmp_path, extractions))


def test_the_commands_work_on_a_graph_database_file(tmp_path):
    graph, json_graph = tmp_path / "graph.db", tmp_path / "graph.json"
    runner = CliRunner()
    for path in (graph, json_graph):
        result = runner.invoke(cli, ["ingest", str(EXAMPLES), "--graph", str(path), "--quiet"])
        assert result.exit_code == 0, result.output
    assert isinstance(open_local_store(graph), SqliteGraphStore)
    assert graph.read_bytes().startswith(b"SQLite format 3")
    stats = [
        json.loads(runner.invoke(cli, ["stats", "--json", "--graph", str(p)]).output)
        for p in (graph, json_graph)
    ]
    assert stats[0] == stats[1]  # (ties in another order)
    for args in (["query", "--entity", "Microsoft"], ["entity", "Microsoft"]):
        ours = runner.invoke(cli, [*args, "--graph", str(graph)])
        theirs = runner.invoke(cli, [*args, "--graph", str(json_graph)])
        assert ours.exit_code == 0, ours.output
        assert ours.output == theirs.output, args
    article = next(iter(LocalGraphStore(json_graph).article_ids()))
    for path in (graph, json_graph):
        result = runner.invoke(cli, ["remove", article, "--graph", str(path)])
        assert result.exit_code == 0, result.output
    assert nx.utils.graphs_equal(open_local_store(graph).graph, LocalGraphStore(json_graph).graph)


def test_records_loaded_at_once_or_in_batches_give_the_graph_from_scratch(tmp_path, extractions):
    expected = _from_scratch(tmp_path, extractions)
    source = next(p for p in tmp_path.iterdir() if p.suffix == ".json")
    json_store = LocalGraphStore(source)
    rows = [
        {k: v for k, v in data.items() if k != "label"}
        for _, data in json_store.graph.nodes(data=True)
        if data.get("label") == "Article"
    ]
    with SqliteGraphStore(tmp_path / "bulk.db") as store:  # empty: one resolution
        store.add_records(rows, json_store.records)
        assert _equal(store, expected)
    with SqliteGraphStore(tmp_path / "batches.db") as store:  # not empty: batches
        store.add_records(rows[:2], json_store.records)
        store.add_records(rows[2:], json_store.records)
        assert _equal(store, expected)


def _copy(extraction, n: int):
    """The extraction as if its article were stored again under another id."""
    article = replace(extraction.article, id=f"{extraction.article.id}~{n}")
    triples = tuple(replace(t, article=article) for t in extraction.triples)
    return replace(extraction, article=article, triples=triples)


def test_a_name_many_articles_repeat_is_read_as_its_few_ways(tmp_path, extractions):
    copies = [_copy(e, n) for e in extractions for n in range(3)]
    with SqliteGraphStore(tmp_path / "once.db") as once:
        once.write(extractions)
        once.save()
        keys = [r[0] for r in once.conn.execute("SELECT DISTINCT key FROM record_keys")]
        groups_once = _Index(once.conn).groups_with_keys(keys, [])
        records = once.conn.execute("SELECT count(*) FROM entity_records").fetchone()[0]
        mentions = once.conn.execute("SELECT sum(mentions) FROM entity_records").fetchone()[0]
    with SqliteGraphStore(tmp_path / "thrice.db") as store:
        for start in range(0, len(copies), 7):
            store.write(copies[start : start + 7])
            store.save()
        assert _equal(store, _from_scratch(tmp_path, copies))
        groups = _Index(store.conn).groups_with_keys(keys, [])
        assert len(groups) == len(groups_once) < records
        assert sorted(g.records.count for g in groups) == sorted(
            3 * g.records.count for g in groups_once
        )
        assert sum(g.records.count for g in groups) == 3 * records
        assert sum(g.records.mentions for g in groups) == 3 * mentions
        # a group read through several of the keys asked is counted once
        blair_keys = next(g.keys for g in groups if g.records.name == "Tony Blair")
        assert len(blair_keys) > 1
        assert [(g.records.count, g.records.mentions) for g in groups if g.keys == blair_keys] == [
            (g.records.count, g.records.mentions)
            for g in _Index(store.conn).groups_with_keys([blair_keys[0]], [])
            if g.keys == blair_keys
        ]
        # one row per way a name is written, summed: its records are not read one by one
        blair = [g for g in groups if g.records.name == "Tony Blair"]
        assert [g.records.count for g in blair] == [
            3 * g.records.count for g in groups_once if g.records.name == "Tony Blair"
        ]
        for group in blair:  # the first record in (article, local id) order, and how many
            wanted = group.row()
            refs = [
                (row["article"], row["local"])
                for row in store.conn.execute("SELECT * FROM entity_records")
                if all(
                    (row[f] or "") == "\t".join(wanted[f])
                    for f in ("aliases", "type_votes", "keys")
                )
                and (row["name"], bool(row["clash"]), row["entity"])
                == ("Tony Blair", wanted["clash"], wanted["entity"])
            ]
            assert (group.records.first, group.records.count) == (min(refs), len(refs))
        copy = copies[0].article.id
        without = _Index(store.conn).groups_with_keys(keys, [copy])
        gone = store.conn.execute(
            "SELECT count(*) FROM entity_records WHERE article = ?", (copy,)
        ).fetchone()[0]
        assert sum(g.records.count for g in without) == 3 * records - gone
        assert store.remove([copies[0].article.id]) == 1
        assert _equal(store, _from_scratch(tmp_path, copies[1:]))
        assert store.set_overrides(OVERRIDES)
        assert _equal(store, _from_scratch(tmp_path, copies[1:], OVERRIDES))


def _spy_on_writes(monkeypatch) -> dict[str, list]:
    """Record the articles each write moves and those it applies whole."""
    seen: dict[str, list] = {"moved": [], "whole": [], "triples": []}
    moved_article, relink_whole = delta.moved_article, delta._relink_whole

    def moved(article_id, record, *args):
        move = moved_article(article_id, record, *args)
        seen["moved"].append((article_id, move))
        seen["triples"].append(len(record["triples"]))
        return move

    def whole(index, ids, *args):
        seen["whole"].extend(ids)
        return relink_whole(index, ids, *args)

    monkeypatch.setattr(delta, "moved_article", moved)
    monkeypatch.setattr(delta, "_relink_whole", whole)
    return seen


def test_a_merge_moves_the_evidence_of_the_articles_it_touches(tmp_path, extractions, monkeypatch):
    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        seen = _spy_on_writes(monkeypatch)
        assert store.set_overrides(merges)
        assert _equal(store, _from_scratch(tmp_path, extractions, merges))
        moves = [move for _, move in seen["moved"]]
        assert moves and None not in moves and seen["whole"] == []
        triples = [t for move in moves for t in move.triples]
        # a moved article keeps only the triples of the relations whose evidence it changes
        assert all(
            t.old in move.changed or t.new in move.changed for move in moves for t in move.triples
        )
        assert len(triples) < sum(seen["triples"])
        # Howard writes to Blair (politics-002): one entity now, the triple a self-loop
        assert ("michael-howard", "tony-blair", "writes-to|asserted|affirmed") in {
            t.old for t in triples if t.new is None
        }
        # what Trump said is now said by the merged entity: subject and source renamed
        assert ("Elon Musk", "elon-musk") in {t.source for t in triples}
        seen["moved"].clear()
        assert store.set_overrides(NONE)  # undone: the merged entities split again
        assert _equal(store, _from_scratch(tmp_path, extractions))
        whole = sorted(a for a, move in seen["moved"] if move is None)
        assert seen["whole"] == whole == ["articles-twitter-musk", "politics-002"]  # name both
        assert "articles-tiktok-microsoft" in {a for a, move in seen["moved"] if move}


def test_a_split_moves_the_articles_that_name_one_side(tmp_path, extractions, monkeypatch):
    split = Overrides(splits=(("Donald Trump", "Trump"),))
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        seen = _spy_on_writes(monkeypatch)
        assert store.set_overrides(split)
        assert _equal(store, _from_scratch(tmp_path, extractions, split))
        assert seen["moved"] and seen["whole"] == [a for a, move in seen["moved"] if not move]


def test_evidence_not_stored_where_the_record_puts_it_is_applied_whole(
    tmp_path, extractions, monkeypatch
):
    monkeypatch.setattr(delta.MovedArticle, "pieces", lambda *args: None)
    seen = _spy_on_writes(monkeypatch)
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        assert store.set_overrides(OVERRIDES)
        assert _equal(store, _from_scratch(tmp_path, extractions, OVERRIDES))
        assert seen["whole"]


def test_a_file_written_before_records_kept_their_clash_is_given_it_at_its_first_write(
    tmp_path, extractions, nlp
):
    path = BBC / "sport/378.txt"  # "Parker" beside a full name ending in Parker
    clashing = extract_article(nlp, Article(path.read_text("latin-1"), id="sport-378"))
    extractions = [*extractions, clashing]
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        written = "SELECT article, local, clash FROM entity_records ORDER BY article, local"
        clashes = store.conn.execute(written).fetchall()
        assert {c for _, _, c in clashes} == {0, 1}
        store.conn.execute("DROP INDEX entity_records_without_clash")  # an older file
        store.conn.execute("ALTER TABLE entity_records DROP COLUMN clash")
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        assert store.remove(["politics-003"]) == 1
        kept = [e for e in extractions if e.article.id != "politics-003"]
        assert _equal(store, _from_scratch(tmp_path, kept))
        after = store.conn.execute(written).fetchall()
        assert [tuple(r) for r in after] == [
            tuple(r) for r in clashes if r["article"] != "politics-003"
        ]
        # records an older kgraph wrote into it since: given theirs at the next write
        store.conn.execute("UPDATE entity_records SET clash = NULL WHERE article = 'sport-378'")
        assert store.remove(["politics-002"]) == 1
        kept = [e for e in kept if e.article.id != "politics-002"]
        assert _equal(store, _from_scratch(tmp_path, kept))
        again = store.conn.execute(written).fetchall()
        assert [tuple(r) for r in again] == [
            tuple(r) for r in after if r["article"] != "politics-002"
        ]


def _links(path) -> list[tuple]:
    """The mentions and the records' entities, read through a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        mentions = conn.execute("SELECT * FROM mentions ORDER BY article, entity").fetchall()
        records = conn.execute(
            "SELECT article, local, entity, entity_name FROM entity_records ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()
    return [*mentions, *records]


def test_a_merge_relinks_its_articles_in_pieces_that_readers_never_see_alone(
    tmp_path, extractions, monkeypatch
):
    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    path = tmp_path / "graph.db"
    pieces, seen_by_reader = [], []
    apply_piece = _Index.apply_piece

    def spy(self, piece):
        applied = apply_piece(self, piece)
        pieces.append(piece)
        seen_by_reader.append(_links(path))
        return applied

    with SqliteGraphStore(path) as store:
        store.write(extractions)
        store.save()
        before = _links(path)
        monkeypatch.setattr(delta, "MOVED_PER_READ", 2)
        monkeypatch.setattr(_Index, "apply_piece", spy)
        assert store.set_overrides(merges)
        assert _equal(store, _from_scratch(tmp_path, extractions, merges))
    # the entities first, then the touched articles' links two articles a piece
    assert pieces[0].entities and not pieces[0].reassigned and not pieces[0].mentions
    relinked = [
        {a for a, *_ in p.reassigned} | {m["article"] for m in p.mentions} for p in pieces[1:]
    ]
    assert len(relinked) >= 2 and all(1 <= len(articles) <= 2 for articles in relinked)
    assert all(not (a & b) for n, a in enumerate(relinked) for b in relinked[n + 1 :])
    # one transaction: another connection sees the graph before the write until it commits
    assert all(links == before for links in seen_by_reader)
    assert _links(path) != before


@pytest.mark.parametrize(
    ("bound", "most"),
    [("MOVED_PER_READ", 2), ("MOVED_CHARS_PER_READ", 1), ("MOVED_RECORDS_PER_READ", 1)],
)
def test_a_merge_reads_the_articles_it_touches_from_a_temporary_table_a_page_at_a_time(
    tmp_path, extractions, monkeypatch, bound, most
):
    """The ids of the touched articles stay in SQLite (round 9): the write reads them in
    pages bounded by ``MOVED_PER_READ`` articles and by their records' length and entity
    records (round 10; either set below every article's: one article a page), in order,
    and the temporary table is emptied after."""
    merges = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))
    pages, relinked = [], set()
    articles_of_groups, apply_piece = _Index.articles_of_groups, _Index.apply_piece

    def spy_pages(self, *args):
        for page in articles_of_groups(self, *args):
            pages.append(page)
            yield page

    def spy_piece(self, piece):
        relinked.update(a for a, *_ in piece.reassigned)
        return apply_piece(self, piece)

    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        monkeypatch.setattr(delta, bound, most)
        monkeypatch.setattr(_Index, "articles_of_groups", spy_pages)
        monkeypatch.setattr(_Index, "apply_piece", spy_piece)
        assert store.set_overrides(merges)
        assert _equal(store, _from_scratch(tmp_path, extractions, merges))
        left = store.conn.execute("SELECT count(*) FROM temp.touched_articles").fetchone()[0]
    ids = [a for page in pages for a in page]
    assert len(pages) >= (2 if most > 1 else 3)
    assert all(1 <= len(page) <= most for page in pages)
    assert ids == sorted(set(ids)) and relinked <= set(ids)
    assert left == 0


def test_a_stored_articles_records_are_read_one_at_a_time(tmp_path, extractions):
    """``article_records`` yields (id, record) pairs as it reads them (round 9), so a
    piece of moved articles never holds all their records at once."""
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()
        ids = sorted(e.article.id for e in extractions)
        found = _Index(store.conn).article_records([*ids, "not-stored"])
        first = next(found)
        rest = list(found)
    assert first[0] in ids and json.loads(first[1])["entities"]
    assert sorted([first[0], *(i for i, _ in rest)]) == ids


def test_a_page_of_touched_articles_is_bounded_by_their_records_length():
    """A page holds at most ``articles`` ids whose records hold at most ``chars``
    characters and ``records`` entity records in all (round 10), and never less than one
    id, however large its record."""
    page = delta.PageSize(articles=3, chars=100, records=10)
    assert page.cut([("a", 40, 1), ("b", 50, 1), ("c", 20, 1), ("d", 5, 1)]) == ["a", "b"]
    assert page.cut([("a", 10, 4), ("b", 10, 4), ("c", 10, 4)]) == ["a", "b"]
    assert page.cut([("a", 500, 1), ("b", 1, 1)]) == ["a"]
    assert page.cut([("a", 1, 50), ("b", 1, 1)]) == ["a"]
    assert page.cut([("a", 1, 1), ("b", 1, 1), ("c", 1, 1), ("d", 1, 1)]) == ["a", "b", "c"]
    assert page.cut([("a", None, None), ("b", 100, 10)]) == ["a", "b"]
    assert page.cut([]) == []
