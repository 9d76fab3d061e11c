"""Boilerplate blanking (parse-independent)."""

from kgraph.boilerplate import blank_boilerplate, is_caption


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
