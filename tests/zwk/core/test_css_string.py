"""The ``css_string`` filter: text inside a quoted CSS string (PDF page headers)."""

import re

import pytest
import tinycss2
from django.template import Context, Template

from zwk.core.templatetags.zwk_tags import css_string

ODD = [
    "Bad-Xdorf",
    'Garmisch-Partenkirchen „Süd“ "Alt"',
    "Back\\slash and 'single' quotes",
    "</style><script>alert(1)</script>",
    "Zeile 1\nZeile 2\tTab",
    "Ende mit Backslash \\",
    "Ziffer nach Escape -1a f",  # hex digits right after an escape must not be swallowed
    "Straße 12 – Ärger & Öl; {x: y}",
    "",
]


@pytest.mark.parametrize("text", ODD)
def test_a_css_parser_reads_back_exactly_the_text(text):
    tokens = tinycss2.parse_component_value_list(f'"{css_string(text)}"')
    assert len(tokens) == 1 and tokens[0].type == "string"
    assert tokens[0].value == text


def test_nothing_can_end_the_string_or_the_style_element():
    out = css_string("a\"b'c\\d</style>\n")
    assert not set(out) & set("\"'<>\n")
    # only letters, digits, spaces and complete escapes (backslash, hex, one space)
    assert re.fullmatch(r"(?:[^\W_]| |\\[0-9a-f]{1,6} )*", out), out


def test_in_a_template_the_result_is_not_html_escaped():
    # <style> is raw text: "&amp;" would be printed literally.
    html = Template('{% load zwk_tags %}"{{ name|css_string }}"').render(Context({"name": "A & B"}))
    assert html == '"A \\26  B"'


def test_a_nul_character_becomes_the_replacement_character():
    escaped = css_string("a\0b")
    tokens = tinycss2.parse_component_value_list(f'"{escaped}"')
    assert tokens[0].value == "a\ufffdb"
