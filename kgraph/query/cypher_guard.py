"""What the local engine (grand-cypher) would answer wrongly, found before it runs.

grand-cypher reads a useful subset of Cypher but answers a few patterns differently from
Neo4j, silently. Those are refused with a one-line reason instead:

- an undirected relationship, ``(a)-[r]-(b)`` or ``(a)--(b)``: grand-cypher matches only
  pairs related both ways;
- a variable-length relationship, ``-[*1..3]->``: its paths never come back to a node;
- two node variables that may be the same node (not joined by one relationship, labels
  or properties not telling them apart, no ``WHERE a <> b``): grand-cypher matches each
  node of the graph to one variable at most, Neo4j may match it to both;
- an ``EXISTS { }`` subquery over two or more variables of the outer MATCH: it matches
  nothing.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

__all__ = ["refusal"]


def refusal(statement: str) -> str | None:
    """Why grand-cypher would answer ``statement`` wrongly, or ``None``.

    A statement grand-cypher cannot parse is not judged here (running it says why).
    """
    from grandcypher import _GrandCypherGrammar
    from lark import LarkError, Tree

    try:
        tree = _GrandCypherGrammar.parse(statement)
    except LarkError:
        return None
    outer = _Pattern()
    for match in _matches(tree, Tree):
        if reason := outer.add(match, Tree):
            return reason
    if reason := outer.shared_nodes(_different_pairs(tree, Tree)):
        return reason
    for sub_query in tree.find_data("sub_query"):
        inner = _Pattern()
        for match in sub_query.find_data("match_clause"):
            inner.add(match, Tree)
        shared = sorted(set(inner.labels) & set(outer.labels))
        if len(shared) > 1:
            return (
                f"an EXISTS {{ }} subquery over {len(shared)} variables of the outer MATCH "
                f"({', '.join(shared)}): grand-cypher matches nothing there"
            )
    return None


def _matches(tree: Any, tree_type: type) -> list[Any]:
    """The MATCH clauses of the query itself (not of its subqueries)."""
    found = []

    def walk(node: Any) -> None:
        if not isinstance(node, tree_type) or node.data == "sub_query":
            return
        if node.data == "match_clause":
            found.append(node)
            return
        for child in node.children:
            walk(child)

    walk(tree)
    return found


class _Pattern:
    """The node variables of some MATCH clauses: labels, properties, who is joined to whom."""

    def __init__(self) -> None:
        self.labels: dict[str, set[str]] = {}
        self.properties: dict[str, dict[str, str]] = {}
        self.joined: set[frozenset[str]] = set()
        self._anonymous = 0

    def add(self, match: Any, tree_type: type) -> str | None:
        previous = None
        pending_edge = None
        for part in match.children:
            if not isinstance(part, tree_type):
                continue
            if part.data == "node_match":
                name = self._node(part, tree_type)
                if previous is not None and pending_edge is not None:
                    self.joined.add(frozenset((previous, name)))
                previous, pending_edge = name, None
            elif part.data == "edge_match":
                pending_edge = part
                if reason := _edge_refusal(part, tree_type):
                    return reason
        return None

    def _node(self, node: Any, tree_type: type) -> str:
        name, labels, properties = None, set(), {}
        for item in node.children:
            if isinstance(item, tree_type) and item.data == "type_list":
                labels = {str(t) for t in item.children}
            elif isinstance(item, tree_type) and item.data == "json_dict":
                for rule in item.children:
                    key, value = rule.children[0], rule.children[-1]
                    properties[str(key)] = str(value)
            elif not isinstance(item, tree_type) and item.type == "CNAME":
                name = str(item)
        if name is None:
            self._anonymous += 1
            name = f"({':' + ':'.join(sorted(labels)) if labels else ''}) #{self._anonymous}"
        self.labels.setdefault(name, set()).update(labels)
        self.properties.setdefault(name, {}).update(properties)
        return name

    def shared_nodes(self, different: set[frozenset[str]]) -> str | None:
        """A reason when two node variables may be one node, else ``None``."""
        for a, b in combinations(sorted(self.labels), 2):
            pair = frozenset((a, b))
            if pair in self.joined or pair in different:
                continue
            if self.labels[a] and self.labels[b] and not self.labels[a] & self.labels[b]:
                continue
            props_a, props_b = self.properties[a], self.properties[b]
            if any(props_a[k] != props_b[k] for k in props_a.keys() & props_b.keys()):
                continue
            return (
                f"node variables {a.split(' #')[0]} and {b.split(' #')[0]} may be the same node, "
                f"which grand-cypher never matches (add WHERE {a} <> {b} if they must differ)"
                if "#" not in a + b
                else f"nodes {a.split(' #')[0]} and {b.split(' #')[0]} may be the same node, "
                "which grand-cypher never matches (name them and add WHERE a <> b)"
            )
        return None


def _edge_refusal(edge: Any, tree_type: type) -> str | None:
    tokens = [t for t in edge.scan_values(lambda v: not isinstance(v, tree_type))]
    kinds = {t.type for t in tokens}
    if "MIN_HOP" in kinds:
        return (
            "a variable-length relationship -[*..]-: grand-cypher's paths never come back to "
            "a node, Neo4j's may"
        )
    if ("LEFT_ANGLE" in kinds) == ("RIGHT_ANGLE" in kinds):
        names = [str(t) for t in tokens if t.type == "CNAME"]
        shown = f"-[{names[0]}]-" if names else "--"
        return (
            f"an undirected relationship {shown}: grand-cypher matches only pairs related "
            "both ways; give it a direction (-[r]-> or <-[r]-)"
        )
    return None


def _different_pairs(tree: Any, tree_type: type) -> set[frozenset[str]]:
    """Pairs of node variables the WHERE clause says differ (``a <> b``, ``a.id <> b.id``)."""
    pairs = set()
    for condition in tree.find_data("condition"):
        parts = condition.children
        if len(parts) != 3 or not isinstance(parts[1], tree_type):
            continue
        if parts[1].data != "op_neq":
            continue
        sides = [_node_of(side, tree_type) for side in (parts[0], parts[2])]
        if all(sides) and sides[0] != sides[1]:
            pairs.add(frozenset(sides))
    return pairs


def _node_of(side: Any, tree_type: type) -> str | None:
    """``a`` for ``a`` or ``a.id``; ``None`` for anything else."""
    if isinstance(side, tree_type) and side.data == "entity_id":
        variable, attribute = (str(c) for c in side.children)
        return variable if attribute == "id" else None
    if not isinstance(side, tree_type) and getattr(side, "type", "") == "CNAME":
        return str(side)
    return None
