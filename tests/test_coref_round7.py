"""Coreference and attribution, round 7: the subject a quotation leaves the topic, a
speaker who opens a quotation, "behind her", "the executive", a subject's apposition, a
plot's unnamed people, and infinitives someone is asked to do. Sentences written for these
tests, through the real model, checking the triples that come out."""

from __future__ import annotations


def _pairs(found) -> set[tuple[str, str]]:
    return {(s, o) for s, _, o, _ in found}


def test_a_quotation_between_leaves_the_subject_the_topic(stated):
    """The woman who arrived, then a quotation, then '"…," she said' and "Her agent": the
    actress just named, not the one most mentioned before."""
    found = stated(
        "Maria Lopez won best actress for The Harbour. Maria Lopez thanked her family, and "
        "she said she would return to the stage next year. Lopez also won the prize in 2003. "
        "Anna Kovacs, who won best supporting actress for her role in Winter Light, arrived "
        'late. "Thank you so much. I am so thrilled that the film has done well," she said. '
        "Her agent Tom Birch told reporters the tour would go on."
    )
    assert ("Tom Birch", "agent-of", "Anna Kovacs", "asserted") in found
    assert ("Tom Birch", "Maria Lopez") not in _pairs(found)


def test_a_speaker_who_opens_a_quotation_is_not_its_he(stated):
    """'Jan Novak said: "… He had lost twice to Rossi"': he is the player, not Novak."""
    found = stated(
        "Tomas Berdych beat Marco Rossi in the final on Sunday. Czech captain Jan Novak "
        'said: "It was a great day for the whole team. He had lost twice to Rossi this '
        'year, and this was his day."'
    )
    assert ("Jan Novak", "Marco Rossi") not in _pairs(found)
    assert ("Tomas Berdych", "beats", "Marco Rossi", "asserted") in found


def test_behind_her_is_the_subject_herself(stated):
    """ "put her Olympic trauma behind her": her is Radcliffe, not the other athlete."""
    found = stated(
        "Kelly Holmes won two gold medals in Athens, while Paula Radcliffe dropped out of the "
        "marathon in tears. But Radcliffe put her Olympic trauma behind her with a win in "
        "the New York Marathon."
    )
    assert ("Paula Radcliffe", "Kelly Holmes") not in _pairs(found)
    found = stated(
        "Dean Walsh left the club in May after a row with Tony Ford. Walsh has put the row "
        "behind him with a move to Leeds."
    )
    assert ("Dean Walsh", "Tony Ford") not in _pairs(found)


def test_the_executive_is_a_government_not_a_minister(stated):
    """ "work with the executive" (the Scottish Executive) is not the minister named."""
    found = stated(
        "Finance Minister Tom McCabe promised councils an extra £8bn. Cosla said it was "
        "willing to work with the executive on finding savings."
    )
    assert ("Cosla", "Tom McCabe") not in _pairs(found)


def test_a_name_in_apposition_to_the_subject_is_the_topic(coref_links, stated):
    """ "The Queen's grandson, Prince Harry, sparked outrage … critics called for him to
    visit Auschwitz": him is Harry, not the Queen; and a visit called for is not made."""
    text = (
        "The Queen will host a reception for survivors at St James's Palace. The Queen's "
        "grandson, Prince Harry, sparked outrage this week after photographs of him in a Nazi "
        "uniform emerged. The prince apologised, but critics have called for him to visit "
        "Auschwitz next week."
    )
    assert ("Queen", "Auschwitz") not in _pairs(stated(text))
    assert ("him", "Prince Harry") in coref_links(text)
    assert ("him", "Queen") not in coref_links(text)
    assert ("Harry", "goes-to", "Auschwitz", "hypothetical") in stated(
        "Critics have called for Prince Harry to go to Auschwitz."
    )


def test_a_plots_unnamed_people_are_not_the_correspondent(stated):
    """A film's priest and widow, unnamed: "She asks him for help" is neither the
    correspondent who describes the film nor its director."""
    found = stated(
        "Director Pradeep Sarkar has defended his new film against protests in Chennai. The "
        "BBC's Senthil Raman says the film shows a young priest who meets a widow in a "
        "village. She asks him for help but he falls in love with her."
    )
    assert ("Senthil Raman", "Pradeep Sarkar") not in _pairs(found)
    assert ("Senthil Raman", "affiliated-with", "BBC", "asserted") in found


def test_what_someone_is_asked_to_do_is_not_asserted(stated):
    """ "urged Brown to challenge Blair", "want Mourinho to stay": not done (yet); "wants
    to buy Yahoo" is the subject's own plan, asserted as the predicate says."""
    assert ("Gordon Brown", "challenges", "Tony Blair", "hypothetical") in stated(
        "Labour MPs urged Gordon Brown to challenge Tony Blair."
    )
    assert ("Jose Mourinho", "stays-at", "Chelsea", "hypothetical") in stated(
        "Fans want Jose Mourinho to stay at Chelsea."
    )
    assert ("Microsoft", "wants-to-buy", "Yahoo", "asserted") in stated(
        "Microsoft wants to buy Yahoo."
    )


def test_he_under_an_unnamed_subject_is_that_person(stated):
    """ "A previous Labour chancellor resigned after he leaked the Budget": he is that
    chancellor, not the chancellor the article names."""
    found = stated(
        'Gordon Brown delivered his ninth Budget on Wednesday. Andrew Tyrie said: "This is a '
        'serious breach. A previous Labour chancellor resigned after he leaked the Budget."'
    )
    assert ("Gordon Brown", "delivers", "Budget", "asserted") in found
    assert ("Gordon Brown", "leaks", "Budget", "asserted") not in found
