"""Text of the newsletter: the consent text (versioned), rich text cleaning and plain text.

Rich text goes through the Werkzeugkoffer's nh3 allow-list on write; the plain-text part of
each mail is derived from that cleaned HTML (links become "Text (Adresse)")."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

from zwk.core.sanitize import clean_html

# Change the version whenever the wording changes: each consent record names the version the
# person agreed to, and older versions stay here so that a record can be read back.
CONSENT_VERSION = "2026-11"
CONSENT_TEXTS = {
    "2026-11": _(
        "Ich möchte den Newsletter der Zukunftswerkstatt Kommunen per E-Mail erhalten. Meine "
        "E-Mail-Adresse wird nur für den Versand des Newsletters verwendet und nicht "
        "weitergegeben. Ich kann mich jederzeit über den Link in jeder Ausgabe abmelden."
    ),
}


def consent_text(version: str = CONSENT_VERSION) -> str:
    return str(CONSENT_TEXTS.get(version, ""))


def clean(html: str) -> str:
    return clean_html(html)


BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "dl", "br"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []
        self.list_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n\n" if tag != "br" else "\n")
        if tag in ("ul", "ol"):
            self.list_depth += 1
        elif tag == "li":
            self.parts.append("\n" + "  " * max(self.list_depth - 1, 0) + "- ")
        elif tag in ("h2", "h3", "h4"):
            self.parts.append("## ")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.list_depth = max(self.list_depth - 1, 0)
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            self.parts.append(f" ({self.href})" if text and text != self.href else "")
            self.href = None
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        if self.href is not None:
            self.link_text.append(data)
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable plain text of cleaned HTML, for the text/plain part of a mail."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    text = html_lib.unescape("".join(parser.parts)).replace("\xa0", " ")
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
