"""Entity relations said by demonyms, places, affiliations and the open analysis.

One test per construction, on real sentences (BBC news corpus and examples/) through the
real model; what comes out is checked as (subject, predicate, object, pattern).
"""

from __future__ import annotations

import pytest

from kgraph.entities.coref import resolve_coreferences
from kgraph.entities.lexicon import places, role
from kgraph.entities.mentions import resolve_mentions
from kgraph.extract import extract_article, is_group
from kgraph.extract.predicates import role_predicate
from kgraph.models import Article, EntityRef
from kgraph.text.boilerplate import blank_boilerplate
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def relations_of(nlp):
    def run(text: str) -> set[tuple[str, str, str, str]]:
        extraction = extract_article(nlp, Article(text))
        return {
            (t.subject.name, t.predicate, t.object.name, t.extras["pattern"])
            for t in extraction.triples
        }

    return run


def _spo(relations):
    return {(s, p, o) for s, p, o, _ in relations}


# ----------------------------------------------------------------- data, parse-independent


def test_gazetteer_covers_countries_demonyms_and_cities():
    gazetteer = places()
    assert len(gazetteer.countries) > 240
    assert gazetteer.demonym("German") == "Germany"
    assert gazetteer.demonym("US") == "United States"
    assert gazetteer.demonym("British") == "United Kingdom"
    assert gazetteer.demonym("Saudi") == "Saudi Arabia"
    assert gazetteer.demonym("Chinese") == "China"  # shared with Hong Kong: the larger
    assert gazetteer.country("the Netherlands") == "Netherlands"
    assert gazetteer.city_country("Munich") == "Germany"
    assert gazetteer.city_country("Paris") == "France"  # not Paris, Texas
    assert gazetteer.demonym("Microsoft") is None


def test_roles_map_to_vocabulary_predicates():
    assert role(["striker"]).predicate == "player-of"
    assert role(["former", "striker"]).predicate == "player-of"
    assert role(["vice", "president"]) is None  # a vice president is not a president
    assert role_predicate(["MP"]) == "member-of"
    assert role_predicate(["spokesman"]) == "spokesperson-of"
    assert role_predicate(["chief", "executive"]) == "chief-executive-of"


def test_groups_are_plural_or_demonym_norps():
    assert is_group(EntityRef.make("Germans", "NORP"))
    assert is_group(EntityRef.make("Japanese", "NORP"))
    assert not is_group(EntityRef.make("Fitbit", "NORP"))  # a company the model typed NORP
    assert not is_group(EntityRef.make("Germany", "GPE"))


# ----------------------------------------------------------------- demonyms


def test_demonym_before_a_title_and_name(relations_of):
    found = relations_of(
        "German Chancellor Gerhard Schroeder has called for radical reform of the EU's "
        "stability pact to grant countries more flexibility over their budget deficits."
    )
    assert ("Gerhard Schroeder", "chancellor-of", "Germany", "demonym") in found
    assert ("Gerhard Schroeder", "citizen-of", "Germany", "demonym") in found


def test_demonym_before_a_multiword_title(relations_of):
    found = relations_of(
        "Italian Prime Minister Silvio Berlusconi will unveil plans aimed at kickstarting "
        "the country's sputtering economy on Thursday night in Rome."
    )
    assert ("Silvio Berlusconi", "prime-minister-of", "Italy", "demonym") in found


def test_demonym_before_a_company(relations_of):
    found = relations_of(
        "British firm Sonaptic is one of a number of companies to have developed 3D audio "
        "technology that emerges from stereo speakers."
    )
    assert ("Sonaptic", "based-in", "United Kingdom", "demonym") in found


def test_a_country_before_a_body_of_countries_is_no_seat(relations_of):
    # the country's bid, rebate or membership: the EU has no seat in Turkey or Britain
    for text in (
        "Leaders met to discuss the Turkish EU bid.",
        "Ministers defended Britain's EU rebate on Monday.",
    ):
        found = relations_of(text)
        assert not [t for t in found if t[0] == "European Union" and t[1] == "based-in"], text
    found = relations_of("Shares in Germany's Deutsche Bank rose.")
    assert ("Deutsche Bank", "based-in", "Germany", "place") in found


def test_a_country_before_the_name_of_its_state_says_nothing(relations_of):
    found = relations_of("The leaders of Iran's Islamic Republic met in Tehran.")
    assert not [t for t in found if t[0] == "Islamic Republic"]
    assert ("Tehran", "located-in", "Iran", "gazetteer") in found


def test_demonym_in_apposition_example(relations_of):
    found = relations_of(  # examples/articles/tiktok-microsoft.txt
        "Microsoft thus confirmed on Sunday that negotiations were underway to buy the "
        "American branch of TikTok from its Chinese parent company, ByteDance."
    )
    assert ("ByteDance", "based-in", "China", "demonym") in found
    assert ("ByteDance", "parent-of", "TikTok") in _spo(found)


def test_head_of_a_countrys_diplomacy(relations_of):
    text = "The threat was declared by the head of American diplomacy Mike Pompeo."
    assert ("Mike Pompeo", "head-of", "United States") in _spo(relations_of(text))


# ----------------------------------------------------------------- places


def test_place_comma_country(relations_of):
    found = relations_of(
        "Thousands of mobile industry experts are gathered in Cannes, France, for the 3GSM "
        "which runs from 14 to 17 February."
    )
    assert ("Cannes", "located-in", "France", "place") in found


def test_members_of_a_list_are_no_place_and_country(relations_of):
    found = relations_of(
        "The airline will fly to Manchester, Singapore and Sydney from May, and its chief "
        "executive will open the new route in Lyon, France, next week."
    )
    places_found = {(s, o) for s, p, o, pattern in found if pattern == "place"}
    assert ("Manchester", "Singapore") not in places_found
    assert ("Lyon", "located-in", "France", "place") in found
    found = relations_of("Scotland have lost to Wales, France and Ireland this season.")
    assert not [t for t in found if t[3] == "place"]


def test_gazetteer_city_and_country_in_one_sentence(nlp, relations_of):
    text = (
        "Californian Thomas Slattery filed the suit at a court in San Jose, in the US, "
        "and is seeking damages."
    )
    assert ("San Jose", "located-in", "United States", "gazetteer") in relations_of(text)
    records = [t.to_dict() for t in extract_article(nlp, Article(text)).triples]
    gazetteer = [r for r in records if r["subject"]["name"] == "San Jose"]
    assert gazetteer and gazetteer[0]["pattern"] == "gazetteer"
    assert gazetteer[0]["sentence"] == text


def test_organization_in_a_city(relations_of):
    text = (
        "Californian Thomas Slattery filed the suit in the US District Court in San Jose "
        "and is seeking damages."
    )
    assert ("US District Court", "based-in", "San Jose") in _spo(relations_of(text))


def test_based_compound_reaches_the_name(relations_of):
    found = relations_of(
        "London-based software developer Connectotel has unveiled software that will "
        "expand the SMS functions of Skype."
    )
    assert ("Connectotel", "based-in", "London", "based") in found


# ----------------------------------------------------------------- affiliations


def test_possessive_role_before_a_name(relations_of):
    found = relations_of(
        "AMR's chief executive Gerard Arpey said the airline's difficulties reflected the "
        "situation within the industry."
    )
    assert ("Gerard Arpey", "chief-executive-of", "AMR", "title") in found


def test_an_organization_possessive_is_an_affiliation(relations_of):
    # "Chelsea's Damien Duff" plays for the club, "eBay's David Stern" works for the firm:
    # the possessive says he belongs to it, not whether as a member or an employee
    found = relations_of(
        "Chelsea's Damien Duff has been ruled out of Wednesday's Champions League clash "
        "with Barcelona at the Nou Camp."
    )
    assert ("Damien Duff", "affiliated-with", "Chelsea", "affiliation") in found


def test_role_words_become_vocabulary_predicates(relations_of):
    found = relations_of(
        "Chelsea goalkeeper Carlo Cudicini will miss Sunday's Carling Cup final after the "
        "club dropped their appeal against his red card against Newcastle."
    )
    assert ("Carlo Cudicini", "player-of", "Chelsea", "title") in found


@pytest.mark.xfail(
    strict=True, reason="en_core_web_sm tags 'Labour' as no entity here: MP has no party"
)
def test_party_mp_is_member(relations_of):
    found = relations_of("Committee chairman Labour MP Jean Corston said it was too many.")
    assert ("Jean Corston", "member-of", "Labour") in _spo(found)


# ----------------------------------------------------------------- open → entity projection


def test_stake_in_an_owner_is_projected(relations_of):
    found = relations_of(
        "The bid has come from Boston-based private investment firm Highfields Capital "
        "Management, which already owns 6.7% of Circuit City's shares."
    )
    assert (
        "Highfields Capital Management",
        "owns-stake-in",
        "Circuit City",
        "projection",
    ) in found
    assert ("Highfields Capital Management", "based-in", "Boston", "based") in found


# ----------------------------------------------------------------- precision


def test_groups_are_not_arguments_of_events(relations_of):
    found = relations_of("2 million Germans were out of work in February, new figures show.")
    assert not any("Germans" in (s, o) for s, _, o, _ in found)


def test_quotation_attribution_is_not_a_relation(relations_of):
    for text in (
        'Carl Clump told the BBC that there was "no doubt" that chip and pin would "reduce '
        'card fraud in the card-present environment".',
        "However, Deutsche Boerse told Reuters: \"TCI's request for the removal of the "
        'supervisory board will be considered at the annual general meeting on May 25."',
    ):
        assert not any(p == "tells" for _, p, _, _ in relations_of(text))


def test_where_something_was_said_is_not_a_relation(relations_of):
    text = (
        'Mr Chirac told reporters in Brussels: "One can only have a reasonable budgetary '
        'balance if we put back on the table the British cheque."'
    )
    assert not any(o == "Brussels" for _, _, o, _ in relations_of(text))


def test_who_stood_with_a_speaker_is_not_a_relation(relations_of):
    """ "said Weber, with ... Anna Lind": who was beside the speaker, no relation of the two
    (a made-up sentence of a press conference's quotation)."""
    text = (
        '"This is a good day for the union," said Weber, with German trade commissioner Anna Lind.'
    )
    found = relations_of(text)
    assert ("Anna Lind", "citizen-of", "Germany") in {(s, p, o) for s, p, o, _ in found}
    assert not any(p.endswith("-with") for _, p, _, _ in found)


#: Two real BBC sentences (politics and business), the second with a description.
_ITALIAN_GERMAN = (
    "At the same time, German Chancellor Gerhard Schroeder and Italian Prime Minister "
    "Silvio Berlusconi voiced concerns about the strength of the euro."
)
_RUSSIAN = (
    " Russian President Vladimir Putin and the country's legal authorities have repeatedly "
    "said that the US has no jurisdiction over Yukos and its legal wranglings."
)
_THE_RUSSIAN_PRESIDENT = ' "I think this is quite normal," the Russian president said.'


def _description_target(nlp, text: str) -> str | None:
    doc = nlp(text)
    mentions = resolve_mentions(doc)
    president = max(t.i for t in doc if t.lower_ == "president")
    found = [m for m in resolve_coreferences(doc, mentions) if m.start == president]
    return found[0].entity.name if found else None


def test_description_needs_the_nationality_it_states(nlp):
    # no Russian in the article: "the Russian president" stays unresolved
    assert _description_target(nlp, _ITALIAN_GERMAN + _THE_RUSSIAN_PRESIDENT) is None
    assert _description_target(nlp, _RUSSIAN + _THE_RUSSIAN_PRESIDENT) == "Vladimir Putin"


def test_one_line_article_with_credits_is_not_boilerplate():
    """An article whose body is one line, ending with its credits, keeps its body."""
    body = (EXAMPLES / "tiktok-microsoft.txt").read_text(encoding="utf-8").splitlines()[2]
    text = "Will TikTok disappear?\n" + body + " Author: Jane Doe Editor: John Roe"
    blanked = blank_boilerplate(text)
    assert body in blanked
    assert blank_boilerplate("Headline\nStory. More.\nRelated: tags without punctuation").endswith(
        " " * len("Related: tags without punctuation")
    )
