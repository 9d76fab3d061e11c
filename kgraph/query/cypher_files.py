"""The ``cypher/`` query library: read a ``.cypher`` file, bind its parameters, run it.

A file is one read query under a comment header::

    // What the query answers.
    // :param entity => "Microsoft";
    // local: grand-cypher

``// :param name => value;`` lines give defaults (JSON literals; in Neo4j Browser, run them
without the leading ``//``). ``// local:`` says how the local graph answers: ``grand-cypher``
runs the file itself on the networkx graph; ``python NAME`` calls ``kgraph.query.NAME``
because grand-cypher's Cypher subset cannot express the query; anything else, or no line,
means grand-cypher is tried and a clear error is raised when it cannot parse the file,
or when it would answer wrongly (see :mod:`kgraph.query.cypher_guard`).
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError

#: ``// :param name => value;`` (Neo4j Browser's line, commented or not).
PARAM_LINE = re.compile(r"^(?://\s*)?:param\s+([A-Za-z_]\w*)\s*=>\s*(.*?)\s*;?\s*$")
LOCAL_LINE = re.compile(r"^//\s*local:\s*(.*?)\s*$")
#: Strings, comments and parameters of a statement, in one pass (so ``"$x"`` stays text).
TOKENS = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"|(?P<comment>//[^\n]*)"
    r"|\$(?P<param>[A-Za-z_]\w*)"
)


#: A Cypher string in single quotes (Neo4j takes both quotes; grand-cypher only double).
SINGLE_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


class CypherFileError(KgraphError):
    """A ``.cypher`` file that cannot be read, bound or run where asked."""


@dataclass(frozen=True)
class CypherFile:
    """One query of the library with its header."""

    path: Path
    text: str
    summary: str
    defaults: dict[str, Any] = field(default_factory=dict)
    local: str = ""

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def parameters(self) -> list[str]:
        """The ``$names`` the statement uses, in order of first use."""
        names: list[str] = []
        for match in TOKENS.finditer(self.text):
            if match["param"] and match["param"] not in names:
                names.append(match["param"])
        return names

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """The defaults overridden by ``given``; every ``$name`` must have a value.

        Raises:
            CypherFileError: a parameter without a value (the message names it).
        """
        allowed = self.parameters
        unknown = [name for name in given if name not in allowed]
        if unknown:
            known = ", ".join(allowed) if allowed else "none"
            raise CypherFileError(
                f"{self.path.name} has no parameter {unknown[0]!r} (its parameters: {known})"
            )
        for name, value in given.items():
            _check_type(self.path.name, name, value, self.defaults.get(name))
        values = {**self.defaults, **given}
        missing = [name for name in self.parameters if name not in values]
        if missing:
            wanted = " ".join(f"--param {name}=VALUE" for name in missing)
            raise CypherFileError(f"{self.path.name} needs {wanted}")
        return {name: values[name] for name in self.parameters}


def _check_type(file: str, name: str, value: Any, default: Any) -> None:
    """A number where the default is a number (``--param limit=abc`` is an error)."""
    wants_number = isinstance(default, (int, float)) and not isinstance(default, bool)
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if wants_number and not is_number:
        kind = "an integer" if isinstance(default, int) else "a number"
        raise CypherFileError(
            f"--param {name}={value}: {file} takes {kind} for {name} (default {default})"
        )


def library_dirs() -> list[Path]:
    """Where the query library is: a source checkout's ``cypher/``, else the installed copy.

    The wheel ships ``cypher/*.cypher`` as data files under ``<prefix>/share/kgraph/cypher``
    (``cypher/`` stays the one source of truth, as the repository's top-level folder).
    """
    candidates = [Path(__file__).resolve().parents[2] / "cypher"]
    for prefix in dict.fromkeys([sys.prefix, sysconfig.get_path("data")]):
        candidates.append(Path(prefix) / "share" / "kgraph" / "cypher")
    return [path for path in candidates if path.is_dir()]


def find_query(name: str | Path) -> Path:
    """The query file ``name`` names: a path, else a query of the library by name.

    ``entity-profile`` and ``entity-profile.cypher`` both find the library's file.

    Raises:
        CypherFileError: neither a file nor a query of the library (their names listed).
    """
    path = Path(name)
    if path.is_file():
        return path
    stem = path.name[: -len(".cypher")] if path.name.endswith(".cypher") else path.name
    known: list[str] = []
    for folder in library_dirs():
        if (folder / f"{stem}.cypher").is_file() and (str(path.parent) in (".", "cypher")):
            return folder / f"{stem}.cypher"
        known = known or sorted(p.stem for p in folder.glob("*.cypher"))
    listed = ", ".join(known) if known else "none installed"
    raise CypherFileError(f"--cypher {name}: no such file, nor a query of the library ({listed})")


def read_cypher_file(path: str | Path) -> CypherFile:
    """Read a ``.cypher`` file and its comment header.

    Raises:
        CypherFileError: unreadable file, or a ``:param`` default that is not a JSON literal.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CypherFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    summary, defaults, local = [], {}, ""
    lines = text.splitlines()
    head = 0
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line.startswith(("//", ":")) and line:
            break
        head = number
        if param := PARAM_LINE.match(line):
            defaults[param[1]] = _json_value(path, param[1], param[2])
        elif line.lstrip("/ ").startswith(":"):
            raise CypherFileError(
                f"{path}:{number}: {line.lstrip('/ ')!r} is a Neo4j Browser command kgraph "
                "does not read; give a default as  // :param name => 'value';"
            )
        elif found := LOCAL_LINE.match(line):
            local = found[1]
        elif line:
            summary.append(line.lstrip("/ "))
    statement = "\n".join(lines[head:]).strip().rstrip(";").strip()
    if ";" in TOKENS.sub(lambda m: "" if m["comment"] or m["string"] else m[0], statement):
        raise CypherFileError(f"{path} holds several statements; kgraph runs one per file")
    return CypherFile(path, statement, " ".join(s for s in summary if s), defaults, local)


def _json_value(path: Path, name: str, text: str) -> Any:
    """A ``:param`` default: a JSON literal, or a Cypher string in single quotes."""
    if SINGLE_QUOTED.fullmatch(text):
        return cypher_string(text)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CypherFileError(
            f"{path}: default of ${name} is not a literal kgraph reads: {text} (a JSON "
            "literal, or a 'single-quoted' string)"
        ) from exc


def cypher_string(literal: str) -> str:
    r"""The value of a Cypher string literal in single or double quotes.

    >>> cypher_string("'O\'Neil'")
    "O'Neil"
    """
    return _ESCAPE.sub(_unescape, literal[1:-1])


def _unescape(match: re.Match) -> str:
    code = match[1]
    if code[0] in "uU":
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line: a JSON literal, else the text as a string.

    >>> parse_param("limit=5"), parse_param("entity=Microsoft")
    (('limit', 5), ('entity', 'Microsoft'))
    """
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise CypherFileError(f"--param {text!r} is not NAME=VALUE")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


def run_local(graph: nx.MultiDiGraph, query: CypherFile, params: dict[str, Any]) -> list[dict]:
    """Answer ``query`` on the local graph: with grand-cypher, or the file's Python twin."""
    from kgraph.query import local as queries

    values = query.bind(params)
    if query.local.startswith("python"):
        name = query.local.split()[1] if len(query.local.split()) > 1 else ""
        function = queries.LOCAL_QUERIES.get(name)
        if function is None:
            raise CypherFileError(
                f"{query.path.name}: the local graph has no Python answer {name!r} "
                f"(known: {', '.join(sorted(queries.LOCAL_QUERIES))}); use --store neo4j"
            )
        accepted = inspect.signature(function).parameters
        return function(graph, **{k: v for k, v in values.items() if k in accepted})
    if query.local and not query.local.startswith("grand-cypher"):
        raise CypherFileError(
            f"{query.path.name} cannot run on the local graph ({query.local}); use --store neo4j"
        )
    return run_grand_cypher(graph, substitute(query.text, values), query.path.name)


def run_grand_cypher(graph: nx.MultiDiGraph, statement: str, name: str = "query") -> list[dict]:
    """Run a parameter-free statement with grand-cypher on a labelled view of ``graph``."""
    from grandcypher import GrandCypher

    from kgraph.query.cypher_guard import refusal

    if reason := refusal(statement):
        raise CypherFileError(
            f"the local graph cannot answer {name} correctly: {reason}; or use --store neo4j"
        )
    try:
        columns = GrandCypher(grand_cypher_view(graph)).run(statement)
    except Exception as exc:
        reason = " ".join(str(exc).split())[:300]
        raise CypherFileError(
            f"grand-cypher cannot run {name} on the local graph ({type(exc).__name__}: "
            f"{reason}); use --store neo4j"
        ) from exc
    keys = [str(key) for key in columns]
    return [dict(zip(keys, values)) for values in zip(*columns.values())]


def grand_cypher_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the local graph as grand-cypher matches it.

    Node labels (``label``: Entity/Article) and relationship types (``type``) go into the
    ``__labels__`` sets grand-cypher reads; each relation gets the ``key`` property Neo4j
    stores; article nodes keep their article ``id``.
    """
    view = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        view.add_node(node, **data, __labels__={data.get("label", "")})
    for u, v, key, data in graph.edges(keys=True, data=True):
        view.add_edge(u, v, key=key, **data, __labels__={data.get("type", "")})
        if data.get("label") == "RELATION":
            view.edges[u, v, key]["key"] = key
    return view


def substitute(statement: str, values: dict[str, Any]) -> str:
    """``statement`` with each ``$name`` replaced by a literal (grand-cypher has no parameters).

    Strings become double-quoted literals with every quote, backslash and control
    character escaped, so a value can never end its literal and become Cypher.
    """

    def replace(match: re.Match) -> str:
        if match["comment"]:
            return ""
        if match["string"]:  # grand-cypher reads double quotes only
            text = match[0]
            return _literal(cypher_string(text), "string") if text[0] == "'" else text
        return _literal(values[match["param"]], match["param"])

    return TOKENS.sub(replace, statement)


def _literal(value: Any, name: str) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = json.dumps(value, ensure_ascii=False)
        # Line and paragraph separators are not control characters to JSON; escape them too.
        return (
            escaped.replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
            .replace("\x85", "\\x85")
        )
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item, name) for item in value) + "]"
    raise CypherFileError(f"${name}: grand-cypher takes strings, numbers, booleans or lists")
