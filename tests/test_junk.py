"""Numbers, scores, times and clause-crossing spans are not entities (BBC sentences)."""

import pytest
from spacy.tokens import Span

from kgraph.entities.junk import name_part
from kgraph.entities.mentions import named_spans
from kgraph.entities.names import clean_name


def _names(nlp, text):
    return [span.text for span in named_spans(nlp(text))]


@pytest.mark.parametrize(
    ("sentence", "junk"),
    [
        (
            "GlaxoSmithKline saw its profits fall 9% last year to £6.2bn ($11.5bn), but "
            "Europe's biggest drugmaker says a recovery during 2005 is on the way.",
            "6.2bn",
        ),
        (
            "Lisburn's Kelly McNeice Reid (4:31.34) was seventh in the women's 1500m while "
            "Gary Murray (8:11.22) was 11th in the men's 3000m.",
            "8:11.22",
        ),
        (
            "Van Persie is suspended alongside Dennis Bergkamp and Jose Antonio Reyes after "
            "being sent off at Southampton when Arsenal had a numerical advantage.",
            "Southampton when Arsenal",
        ),
    ],
)
def test_junk_spans_are_not_entities(nlp, sentence, junk):
    doc = nlp(sentence)
    assert junk in [ent.text for ent in doc.ents]  # the model does label it
    names = _names(nlp, sentence)
    assert junk not in names
    assert names  # the real names of the sentence stay


def test_a_trailing_score_is_cut_from_the_name(nlp):
    sentence = (
        "The 18-year-old Mirza, who got a wild card entry into the Australian Open in "
        "Melbourne, lost to Williams 1-6,4-6 in the third round."
    )
    names = _names(nlp, sentence)
    assert "Williams" in names
    assert not any(any(ch.isdigit() for ch in name) for name in names)


def test_a_numbered_name_keeps_its_number(nlp):
    doc = nlp.make_doc("Formula 1 and Williams 1-6 and 6.2bn")
    assert name_part(Span(doc, 0, 2, "EVENT")).text == "Formula 1"
    assert name_part(Span(doc, 3, 7, "PERSON")).text == "Williams"
    assert name_part(Span(doc, 8, 9, "PERSON")) is None


def test_a_name_the_model_cut_before_of_the_year_runs_on(nlp):
    sentence = (
        "Orange Prize winner Andrea Levy has seen her book Small Island win the Whitbread "
        "Novel of the Year Award."
    )
    names = [clean_name(name) for name in _names(nlp, sentence)]
    assert "Whitbread Novel of the Year Award" in names
    assert "Whitbread Novel" not in names and "Year Award" not in names


def test_a_name_ends_at_a_bracket_left_open(nlp):
    doc = nlp.make_doc("Greek Federation (SEGAS said and Bank of England (BoE) said")
    assert name_part(Span(doc, 0, 4, "ORG")).text == "Greek Federation"
    assert name_part(Span(doc, 6, 12, "ORG")).text == "Bank of England"


def test_a_time_zone_is_no_entity(nlp):
    doc = nlp.make_doc("Shares rose 5% by 1200 GMT")
    assert name_part(Span(doc, 6, 7, "ORG")) is None
