# kgraph: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_GRAPH ?= demo-graph.json
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install dev demo test lint format neo4j-start neo4j-stop pictures bench clean

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed  ## create the virtual environment and install kgraph

demo: install  ## ingest examples/articles into a local graph and show what came out
	$(BIN)/kgraph ingest examples/articles --graph $(DEMO_GRAPH)
	$(BIN)/kgraph stats --graph $(DEMO_GRAPH)
	$(BIN)/kgraph query --entity Microsoft --graph $(DEMO_GRAPH)
	$(BIN)/kgraph extract examples/articles/tiktok-microsoft.txt | head -n 3

test: install  ## run the test suite
	$(BIN)/python -m pytest

lint: install  ## ruff checks
	$(BIN)/ruff check kgraph tests bench
	$(BIN)/ruff format --check kgraph tests bench

format: install  ## apply ruff's formatting and fixes
	$(BIN)/ruff format kgraph tests bench
	$(BIN)/ruff check --fix kgraph tests bench

pictures: install  ## redraw the pictures in docs/ from the BBC corpus (../shared/corpora/bbc; ~10 min)
	$(BIN)/python scripts/pictures.py $(if $(BBC_GRAPH),--graph $(BBC_GRAPH))

neo4j-start:  ## start a local Neo4j 5 Community server (Bolt 127.0.0.1:7687, Browser :7474/browser/)
	bash scripts/neo4j.sh start

neo4j-stop:  ## stop the local Neo4j server
	bash scripts/neo4j.sh stop

clean:  ## remove the virtual environment and generated files
	rm -rf $(VENV) $(DEMO_GRAPH) .pytest_cache .ruff_cache *.egg-info
