"""Whether an article is about sport, and whether an organization it names is a team.

In a sports report "Chelsea boss Jose Mourinho" is the club's manager (``coach-of``), not
the head of a company, and "Jake White of South Africa" the national side's coach, not a
South African: the same words mean other things in a business story.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kgraph.models import EntityRef

#: Words of sports reports (lemmas); an article with enough of them is about sport.
SPORT_WORDS = {"match", "league", "goal", "striker", "midfielder", "defender", "goalkeeper"}
SPORT_WORDS |= {"keeper", "squad", "referee", "fixture", "premiership", "tournament", "cup"}
SPORT_WORDS |= {"championship", "coach", "scrum", "flanker", "fly-half", "winger", "wicket"}
SPORT_WORDS |= {"innings", "batsman", "bowler", "semi-final", "quarter-final", "medal", "seed"}
SPORT_WORDS |= {"olympic", "athlete", "tackle", "stadium", "penalty", "season", "captain"}
SPORT_WORDS |= {"champion", "final"}
#: Distinct sport words an article must use to be a sports report (in the BBC corpus: 391 of
#: the 511 sport articles, 10 of the 1,714 others).
SPORTING = 3
#: Last words of bodies that run a sport rather than play it: "FA", "Rugby Football Union".
GOVERNING_WORDS = {"association", "federation", "union", "board", "council", "committee"}
GOVERNING_WORDS |= {"league", "authority", "commission", "body", "agency", "ministry"}
GOVERNING_NAMES = {"fa", "uefa", "fifa", "ioc", "iaaf", "irb", "icc", "ecb", "rfu", "wru", "sru"}
GOVERNING_NAMES |= {"ittf", "atp", "wta", "lta", "pfa", "lma", "wada", "ukad", "bbc", "sky"}

_KEY = "kgraph_sporting"


def is_sports_report(doc: Doc) -> bool:
    """Whether the article uses at least :data:`SPORTING` distinct words of sport."""
    found = doc.user_data.get(_KEY)
    if found is None:
        lemmas = {t.lemma_.lower() for t in doc if t.is_alpha or "-" in t.text}
        found = len(lemmas & SPORT_WORDS) >= SPORTING
        doc.user_data[_KEY] = found
    return found


def is_team(entity: EntityRef, doc: Doc) -> bool | None:
    """Whether an organization or place named in a sports report is a team: a club
    ("Chelsea", "Wolves") or a national side ("South Africa"), not a governing body or a
    broadcaster. None for a person or a thing, which is neither."""
    if entity.type not in ("ORG", "GPE"):
        return None
    if not is_sports_report(doc):
        return False
    words = entity.name.casefold().split()
    return bool(words) and words[-1] not in GOVERNING_WORDS and words[0] not in GOVERNING_NAMES
