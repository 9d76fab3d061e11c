"""Word lists read faster and lookups cached answer exactly as the plain ones do."""

from __future__ import annotations

from gender_guesser.detector import Detector

from kgraph.entities.lexicon import _first_names, first_name_gender, places
from kgraph.entities.names import clean_name

NAMES = ["the BBC's", "Mr  Tony Blair", "ex-Welsh Office", "The Hague", "Dr. Who", "“Lost”", ""]


def test_the_first_name_list_is_the_librarys_own():
    ours, theirs = _first_names(), Detector(case_sensitive=False)
    assert len(ours.names) > 60_000
    assert ours.names == theirs.names
    for name in ("Tony", "Hillary", "Jo", "Andrea", "Zxqv"):
        assert ours.get_gender(name) == theirs.get_gender(name)


def test_first_name_genders_by_the_first_word():
    assert first_name_gender("Tony Blair") == "m"
    assert first_name_gender("Hillary Clinton") == "f"
    assert first_name_gender("Tony") is None  # one word: no first name to read
    assert first_name_gender("Zxqv Smith") is None
    assert first_name_gender("Tony. Blair") == first_name_gender("Tony Blair")


def test_cached_name_cleaning_answers_as_uncached():
    for name in NAMES * 2:
        assert clean_name(name) == clean_name.__wrapped__(name)
    assert clean_name("the BBC's") == "BBC"


def test_cached_place_lookups_answer_for_any_spacing_and_case():
    gazetteer = places()
    assert gazetteer.country("the  Netherlands") == gazetteer.country("Netherlands") is not None
    assert gazetteer.demonym("GERMAN") == "Germany"
    assert gazetteer.city_country("Paris") == "France"
    assert gazetteer.country("Atlantis") is None


def test_blanked_lines_asked_again_are_the_same_and_the_callers_own():
    from kgraph.text.boilerplate import blanked_lines

    text = "Rates rise again\nThe bank raised rates on Monday.\nPhoto: Getty Images\n"
    first = blanked_lines(text)
    assert [b.text for b in first] == ["Photo: Getty Images"]
    first.clear()  # a caller's list: changing it changes nothing for the next caller
    assert [b.text for b in blanked_lines(text)] == ["Photo: Getty Images"]
