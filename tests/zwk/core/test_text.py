"""Plain-text cleaning shared by messages, posts, announcements and workshop cards."""

from zwk.core.text import clean_line, clean_text, plain_text


def test_markup_goes_and_entities_are_decoded_once():
    assert plain_text("<b>Bus</b> &amp; Bahn&nbsp;&lt;script&gt;") == "Bus & Bahn <script>"
    assert clean_line("<script>alert(1)</script>Hallo <i>Welt</i>") == "Hallo Welt"


def test_invisible_and_control_characters_are_dropped():
    sneaky = "Rat\u200bhaus\u202e gnuthcA\x07\x00 \ufeffEnde"
    assert clean_line(sneaky) == "Rathaus gnuthcA Ende"


def test_lines_are_kept_but_tidied():
    text = "  Hallo Nachbarn \r\n\r\n\r\n\r\nviele   Grüße\t \rAnna  "
    assert clean_text(text) == "Hallo Nachbarn\n\nviele Grüße\nAnna"
    assert clean_line(text) == "Hallo Nachbarn viele Grüße Anna"


def test_length_is_bounded_and_text_normalised():
    assert clean_line("e\u0301" * 5, max_length=3) == "\xe9" * 3  # NFC first, then cut
    assert clean_text("", max_length=10) == "" and clean_line(None) == ""
