"""Boilerplate blanking (parse-independent)."""

from kgraph.text.boilerplate import (
    CAPTION,
    LINK_LIST,
    TEASER,
    blank_boilerplate,
    blanked_lines,
    is_caption,
)


def test_blanking_keeps_offsets(tiktok_text):
    blanked = blank_boilerplate(tiktok_text)
    assert len(blanked) == len(tiktok_text)
    assert "SIPA" not in blanked
    assert "Instagram allegedly bribed" not in blanked
    assert "• Spying" not in blanked
    assert "Microsoft thus confirmed on Sunday" in blanked
    start = tiktok_text.index("Microsoft thus")
    assert blanked[start : start + 14] == "Microsoft thus"


def test_caption_patterns():
    assert is_caption("The Tiktok application (illustration). - David Talukdar // SIPA")
    assert is_caption("By Jane Smith")
    assert is_caption("Photo: Reuters")
    assert not is_caption("Microsoft confirmed the talks on Sunday.")


def test_a_url_is_not_a_credit():
    line = "The deal was announced at https://blogs.microsoft.com/blog/ and welcomed by investors."
    assert not is_caption(line)
    assert is_caption("The Xbox logo at a trade fair. - Jane Doe // SIPA")


def test_the_only_line_is_never_blanked():
    line = "Microsoft has agreed to buy the video game maker Activision Blizzard for $69bn"
    assert blank_boilerplate(line) == line
    assert blank_boilerplate(line + "\n") == line + "\n"


def test_text_without_prose_is_kept_whole():
    text = "Microsoft buys Activision Blizzard\n\nThe deal is worth $69bn\n"
    assert blank_boilerplate(text) == text


def test_a_long_last_line_without_full_stop_is_prose():
    prose = (
        "Microsoft said on Friday that the regulators in Brussels and London had approved "
        "the purchase of the video game maker after months of talks over cloud gaming rights"
    )
    text = f"Microsoft closes the deal.\n\n{prose}\n\nHigh Tech\n"
    blanks = blanked_lines(text)
    assert [b.text for b in blanks] == ["High Tech"]
    assert blanks[0].reason == TEASER
    assert blanks[0].line_number(text) == 5


def test_a_short_last_line_without_full_stop_is_kept_unless_after_a_label():
    last = "Halo 2 is out on 9 November in the US and 11 November in the UK"
    assert blanked_lines(f"Microsoft makes the game.\n\n{last}\n") == []
    after_label = f"Microsoft makes the game.\n\nGaming\n\n{last}\n"
    assert [(b.text, b.reason) for b in blanked_lines(after_label)] == [
        ("Gaming", TEASER),
        (last, TEASER),
    ]


def test_an_agency_name_ends_a_credit_only_after_a_separator():
    assert not is_caption("Weak dollar hits Reuters")
    assert is_caption("Traders on the floor of the exchange - Reuters")
    assert is_caption("Reuters")
    assert is_caption("The Xbox logo at a trade fair (AFP)")


def test_a_bullet_sentence_is_kept_and_a_link_bullet_blanked():
    text = (
        "Microsoft closes the deal.\n"
        "• The company will pay $69bn for Activision Blizzard.\n"
        "• Gaming\n"
        "- A comprehensive ban on smoking in all enclosed public places in Scotland\n"
        " - Maniffesto can be seen on S4C on Sunday, 12 December, at 1200 GMT.\n"
        "Sony makes the PlayStation.\n"
        " - Maniffesto can be seen on S4C on Sunday, 12 December, at 1200 GMT.\n"
    )
    assert [(b.text, b.reason) for b in blanked_lines(text)] == [("• Gaming", LINK_LIST)]


def test_each_blank_has_a_reason(tiktok_text):
    reasons = {b.text.strip(): b.reason for b in blanked_lines(tiktok_text)}
    assert reasons["High Tech"] == TEASER
    assert reasons["• Spying"] == LINK_LIST
    assert any(r == CAPTION for r in reasons.values())


def test_a_labelled_list_at_the_end_is_blanked_but_speech_is_kept():
    story = "Microsoft closes the deal.\n"
    assert [b.text for b in blanked_lines(story + "See also: Gaming, Xbox, Activision\n")] == [
        "See also: Gaming, Xbox, Activision"
    ]
    assert blanked_lines(story + "Its chief executive said: the deal is done\n") == []
    assert blanked_lines(story + "Satya Nadella told: the staff to wait\n") == []
