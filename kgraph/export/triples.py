"""Triple records rebuilt from the stored relations, as ``kgraph extract`` prints them.

One JSON line per piece of evidence (see :meth:`kgraph.models.Triple.to_dict`), ordered
by article, then offsets: the same records ``kgraph extract`` prints for those articles,
``surface`` included (absent, as there, when empty; a graph written before surfaces were
kept has none). An article's ``title``/``published`` come from its article node
(``null`` when it is not stored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.store.base import ARTICLE_PREFIX
from kgraph.store.local import evidence_list

__all__ = ["triple_records", "write_triples"]


def _entity(data: dict[str, Any], node: str) -> dict[str, Any]:
    return {"id": data.get("id", node), "name": data.get("name"), "type": data.get("type")}


def _source(name: str, entity_id: str, graph: nx.MultiDiGraph) -> dict[str, Any] | None:
    if entity_id:
        return _entity(graph.nodes.get(entity_id, {"name": name}), entity_id)
    return {"name": name} if name else None


def _when(interval: str, text: str) -> dict[str, str] | None:
    if not interval:
        return None
    start, _, end = interval.partition("/")
    return {"text": text, "start": start, "end": end}


def triple_records(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """The records of ``graph``'s relations, with the details of its article nodes."""
    records = []
    for u, v, data in graph.edges(data=True):
        if data.get("label") != "RELATION":
            continue
        surfaces = evidence_list(data, "surfaces")
        patterns = evidence_list(data, "patterns")
        sources, source_ids = evidence_list(data, "sources"), evidence_list(data, "source_ids")
        whens, when_texts = evidence_list(data, "whens"), evidence_list(data, "when_texts")
        for i, article_id in enumerate(data["articles"]):
            article = graph.nodes.get(ARTICLE_PREFIX + article_id, {})
            record = {
                "subject": _entity(graph.nodes[u], u),
                "predicate": data["predicate"],
                "relation": data.get("relation", "other"),
                "object": _entity(graph.nodes[v], v),
                "article": {
                    "id": article_id,
                    "title": article.get("title"),
                    "published": article.get("published") or data["published"][i] or None,
                },
                "sentence": data["sentences"][i],
                "start": data["starts"][i],
                "end": data["ends"][i],
                "confidence": data["confidences"][i],
                "negated": data["negated"],
                "modality": data["modality"],
                "source": _source(sources[i], source_ids[i], graph),
                "when": _when(whens[i], when_texts[i]),
            }
            if surfaces[i]:
                record["surface"] = surfaces[i]
            if patterns[i]:
                record["pattern"] = patterns[i]
            records.append(record)
    records.sort(key=lambda r: (r["article"]["id"], r["start"], r["end"], r["predicate"]))
    yield from records


def write_triples(graph: nx.MultiDiGraph, out: Path) -> int:
    """Write the records as JSON Lines; return how many were written."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in triple_records(graph):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
