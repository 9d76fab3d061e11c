#!/usr/bin/env bash
# The install a user does: build kgraph's wheel, install it into a fresh venv with the pip
# that venv ships (no upgrade: Debian 12's Python 3.11 brings pip 23), then run kgraph
# away from the checkout: extract the example article, run a library query by name, and
# export the places (GeoJSON and map) from the package's data files.
# pip's cache is reused, so a second run downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1

python3 -m venv "$work/venv"
"$work/venv/bin/pip" --version
"$work/venv/bin/pip" wheel -q --no-deps -w "$work/dist" "$repo"
"$work/venv/bin/pip" install -q "$work"/dist/kgraph-*.whl

cd "$work"  # not the checkout: nothing may come from its files
"$work/venv/bin/kgraph" extract "$repo/examples/articles/tiktok-microsoft.txt" >extract.jsonl
grep -q '"predicate": "parent-of"' extract.jsonl || {
    echo "wheel-smoke: kgraph extract gave no parent-of triple" >&2
    exit 1
}
"$work/venv/bin/kgraph" ingest --quiet --graph graph.json "$repo/examples/articles/"
"$work/venv/bin/kgraph" query --graph graph.json --cypher entity-profile --param entity=Microsoft \
    >profile.tsv
grep -q 'Microsoft' profile.tsv || {
    echo "wheel-smoke: kgraph query --cypher entity-profile found nothing" >&2
    exit 1
}
# The gazetteer's coordinates and the map's outlines ship as package data.
"$work/venv/bin/kgraph" export --graph graph.json --out places.geojson >/dev/null
"$work/venv/bin/kgraph" export --graph graph.json --out places.map.png >/dev/null
grep -q '"geonameid": 6252001' places.geojson && [ -s places.map.png ] || {
    echo "wheel-smoke: kgraph export --format geojson/map found no United States" >&2
    exit 1
}
echo "wheel-smoke: the wheel installs with $("$work/venv/bin/pip" --version | cut -d' ' -f1-2) and runs"
