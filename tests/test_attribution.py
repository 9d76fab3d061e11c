"""Who said it: the source of reported statements and direct quotations, through the model."""

from __future__ import annotations

from kgraph.entities.coref import resolve_coreferences
from kgraph.entities.mentions import resolve_mentions
from kgraph.extract import extract_article, parse_articles
from kgraph.extract.arguments import MentionIndex
from kgraph.extract.attribution import describe, source_of
from kgraph.models import Article
from kgraph.query.local import claims_by_source
from kgraph.store.local import LocalGraphStore


def _parsed(nlp, text: str):
    doc, _ = next(parse_articles(nlp, [Article(text)]))
    mentions = resolve_mentions(doc)
    mentions += resolve_coreferences(doc, mentions)
    return doc, MentionIndex(mentions)


def _source_in(nlp, text: str, marker: str):
    """The source of the statement of the sentence holding ``marker`` (its root verb)."""
    doc, index = _parsed(nlp, text)
    (sentence,) = [s for s in doc.sents if marker in s.text]
    root = sentence.root
    below = [t for t in root.children if t.dep_ in ("ccomp", "parataxis")]
    return source_of(below[0] if below else root, index)


def test_said_the_group_is_the_group_it_describes(nlp, tiktok_text):
    source = _source_in(nlp, tiktok_text, "said the group")
    assert source == {"id": "microsoft", "name": "Microsoft", "type": "ORG"}


def test_a_surname_that_warned_is_the_full_name(nlp, tiktok_text):
    source = _source_in(nlp, tiktok_text, "Mnuchin also warned")
    assert source is not None and source["name"] == "Steven Mnuchin"


# BBC business sentences (quoted; the corpus stays outside the repository)
TIME_WARNER = "Time Warner said on Friday that it now owns 8% of search-engine Google."
LIVERPOOL = (
    "Liverpool may launch an £8m January bid for long-time target Fernando Morientes, "
    "according to reports."
)
GLAZER = (
    "NM Rothschild, the investment bank, is advising Mr Glazer, according to the Financial Times."
)
ISM = (
    'The Institute for Supply Management (ISM) index fell to 55.3 in February. "February was '
    'another good month in the manufacturing sector," said ISM survey chairman Norbert Ore.\n\n'
    '"While the overall rate of growth is slowing, the overall picture is improving as price '
    "increases and shortages are becoming less of a problem. Exports and imports remain "
    'strong," he said.'
)


def _triples(nlp, text):
    return extract_article(nlp, Article(text, published="2005-02-04")).triples


def test_the_subject_of_said_is_the_source(nlp):
    (triple,) = [t for t in _triples(nlp, TIME_WARNER) if t.object.name == "Google"]
    assert triple.modality == "reported"
    assert triple.source == {"id": "time-warner", "name": "Time Warner", "type": "ORG"}
    assert triple.to_dict()["source"] == triple.source


def test_according_to_a_named_source(nlp):
    (triple,) = [t for t in _triples(nlp, GLAZER) if t.subject.name == "NM Rothschild"]
    assert triple.source == {"id": "financial-times", "name": "Financial Times", "type": "ORG"}


def test_according_to_unnamed_officials_keeps_their_description(nlp):
    (triple,) = [t for t in _triples(nlp, LIVERPOOL) if t.subject.name == "Liverpool"][:1]
    assert triple.source == {"name": "reports"}


def test_a_statement_with_no_source_has_none(nlp, tiktok_text):
    triples = _triples(nlp, tiktok_text)
    asserted = [t for t in triples if t.modality == "asserted"]
    assert asserted and all(t.source is None for t in asserted)
    assert all(t.to_dict()["source"] is None for t in asserted)


def test_a_quotation_over_two_sentences_takes_the_speaker_of_its_end(nlp):
    source = _source_in(nlp, ISM, "While the overall rate")
    # (the small model's entity takes the full stop: "Norbert Ore."; its id is right)
    assert source is not None and source["id"] == "norbert-ore"


def test_an_unresolved_pronoun_is_no_source(nlp):
    doc, index = _parsed(nlp, "It said the deal was done.")
    assert describe(doc[0], index) is None


def test_sources_are_stored_and_asked_for(nlp, tmp_path, tiktok_text):
    extraction = extract_article(nlp, Article(tiktok_text, id="tiktok", published="2020-08-02"))
    with LocalGraphStore(tmp_path / "g.json") as store:
        store.write([extraction])
    graph = LocalGraphStore(tmp_path / "g.json").graph
    claims = claims_by_source(graph, "Microsoft")
    assert {(c["subject"], c["predicate"], c["object"]) for c in claims} >= {
        ("Microsoft", "negotiates-acquisition-of", "TikTok")
    }
    assert claims_by_source(graph, "microsoft") == claims
    assert claims_by_source(graph, "Nobody") == []


#: BBC sentences whose source is unnamed.
SAIC = (
    "Shanghai Automotive Industry Corp plans to shift production of the Rover 25 to China "
    "and export it to the UK, sources close to the negotiations tell the FT."
)
BANK = (
    "Customers' accounts were being monitoring and account holders would be notified if any "
    '"unusual activity" was detected, bank officials said.'
)


def test_unnamed_sources_keep_their_words(nlp):
    triples = [t for t in _triples(nlp, SAIC) if t.object.name == "China"]
    assert triples and all(t.source == {"name": "sources"} for t in triples)
    doc, index = _parsed(nlp, BANK)
    said = next(t for t in doc if t.lemma_ == "say")
    speaker = next(c for c in said.children if c.dep_ == "nsubj")
    assert describe(speaker, index) == {"name": "bank officials"}
