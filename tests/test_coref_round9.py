"""Coreference and attribution, round 9: narration after a quotation is not the quoted
speaker's, and regional demonyms ("the Mallorcan", "the Scot") stand for one person of
that region's country. Sentences written for these tests, through the real model,
checking the triples that come out."""

from __future__ import annotations

from kgraph.extract import extract_article
from kgraph.models import Article


def _sources(nlp, text: str) -> dict[tuple[str, str, str], str | None]:
    extraction = extract_article(nlp, Article(text))
    return {
        (t.subject.name, t.predicate, t.object.name): (t.source or {}).get("name")
        for t in extraction.triples
    }


#: A quotation whose paragraph break was lost: a mark opens ('a bit. "When she') while one
#: is open, so counting the marks read all the narration after as quoted.
LOST_BREAK = (
    "Jane Cole beat Anna Novak in the final of the Leeds Open on Saturday.\n\n"
    'Cole has won the title three times. "It was a tough match," said Cole. "I started '
    'well, but then she found her rhythm. "When she levelled, I had to dig deep." Cole '
    "will meet Sarah Kemp in the first round of the French Open. Novak was forced to pull "
    'out of the qualifying draw. "This was a big result for me," said the 20-year-old.'
)


def test_narration_after_a_closed_quotation_has_no_source(nlp):
    """ "Cole will meet Sarah Kemp" is the writer's, not Novak's, who speaks later."""
    sources = _sources(nlp, LOST_BREAK)
    assert sources[("Jane Cole", "meets", "Sarah Kemp")] is None


def test_a_sentence_inside_a_quotation_keeps_its_speaker(nlp):
    """A sentence between the marks of a quotation is still the speaker's."""
    sources = _sources(
        nlp,
        'Tom Reed, the Leeds manager, was pleased. "We were brilliant. Our new signing '
        'Jack Hale beat Peter Moss twice in the first half," said Reed.',
    )
    assert sources[("Jack Hale", "beats", "Peter Moss")] == "Tom Reed"


def test_a_verb_of_saying_joined_to_another_speaks_for_its_subject(nlp):
    """ "… and insisted he would beat Kemp": the one who insisted is the first verb's
    subject."""
    sources = _sources(
        nlp,
        "Jane Cole played down her defeat in Leeds and insisted she would beat Sarah "
        "Kemp in the final of the French Open.",
    )
    assert sources[("Jane Cole", "beats", "Sarah Kemp")] == "Jane Cole"


def test_what_describes_the_speaker_is_not_the_speakers(nlp):
    """A relative clause on the speaker's description is the writer's narration."""
    sources = _sources(
        nlp,
        '"We expected a lot more from the season," said Tom Reed, chairman of Leeds '
        "United, which signed Jack Hale from Everton in May.",
    )
    assert sources[("Leeds United", "signs", "Jack Hale")] is None
