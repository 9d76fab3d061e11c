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


def _pairs(found) -> set[tuple[str, str]]:
    return {(s, o) for s, _, o, _ in found}


def test_a_regional_demonym_names_the_person_of_that_country(stated):
    """ "The Mallorcan" is the Spanish player the sentence before was about."""
    found = stated(
        "Spanish teenager Pablo Ortega won the final in Madrid on Sunday. "
        "The Mallorcan beat Dutchman Erik van Dam in straight sets."
    )
    assert ("Pablo Ortega", "Erik van Dam") in _pairs(found)


def test_a_regional_demonym_the_model_calls_a_person_is_no_name(stated):
    """ "The Yorkshireman" (a PERSON to the model) is the opener just named, and no
    person called Yorkshireman."""
    found = stated(
        "England opener Michael Lane batted for six hours at Lord's. "
        "The Yorkshireman beat Jack Hale to the county's batting award."
    )
    assert ("Michael Lane", "Jack Hale") in _pairs(found)
    assert not any("Yorkshireman" in (s, o) for s, o in _pairs(found))


def test_a_regional_demonym_skips_a_person_of_another_country(stated):
    """ "The Sicilian" is not the Spaniard who was the subject before ("of Spain")."""
    found = stated(
        "Carlos Ruiz of Spain beat Marco Ricci of Italy in the semi-final in Rome. "
        "The Sicilian had beaten Jack Hale the day before."
    )
    assert ("Marco Ricci", "Jack Hale") in _pairs(found)
    assert ("Carlos Ruiz", "Jack Hale") not in _pairs(found)


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


def test_a_demonym_subject_may_be_the_subject_of_a_relative_clause_before(stated):
    """ "… the form of Marco Ricci, who beat Jack Hale. The Sicilian became the youngest
    player to win …": the Sicilian is Ricci, not Hale, whom nothing gave a country."""
    found = stated(
        "Italy's victory owed much to the form of Marco Ricci, who beat Jack Hale in the "
        "opening singles. The Sicilian became the youngest player to win the Hopman Cup."
    )
    assert ("Marco Ricci", "Hopman Cup") in _pairs(found)
    assert ("Jack Hale", "Hopman Cup") not in _pairs(found)


def test_regional_demonyms_give_their_countries():
    from kgraph.entities.lexicon import origin_countries, person_demonym

    assert origin_countries("Mallorcan") == {"Spain"}
    assert origin_countries("Basque") == {"Spain", "France"}
    assert origin_countries("Scottish") == {"United Kingdom"}
    assert origin_countries("German") == {"Germany"}
    assert person_demonym("Scot") and person_demonym("Spaniard")
    assert not person_demonym("Scottish") and not person_demonym("Welsh")


def test_every_regional_demonym_names_countries_of_the_gazetteer():
    from kgraph.entities.lexicon import places, regional_demonyms

    countries = places().countries
    assert all(d.countries <= countries for d in regional_demonyms().values())


def test_a_demonym_is_not_the_subject_of_the_clause_it_is_inside(stated):
    """ "Carl Brooks rejected claims that the Spaniard would beat Tim Lowe": Brooks would
    be "he"; the Spaniard is Ortega, named Spanish earlier in the sentence."""
    found = stated(
        "In a year that saw Spanish teenager Pablo Ortega reach the final, Carl Brooks "
        "rejected claims that the Spaniard would beat Tim Lowe at Wimbledon."
    )
    assert ("Pablo Ortega", "Tim Lowe") in _pairs(found)
    assert ("Carl Brooks", "Tim Lowe") not in _pairs(found)
